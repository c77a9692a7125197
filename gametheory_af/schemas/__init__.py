"""JSON Schemas (draft 2020-12) of the command line's JSON outputs.

Every JSON document that ``python -m gametheory_af`` prints carries two keys
first: ``"schema"``, the ``$id`` of the schema it follows, and
``"schema_version"``. The schemas ship with the package as files named
``<kind>-<version>.json`` in this folder, each field documented by its
``description``:

=============  ==============================================================
kind           document
=============  ==============================================================
``report``     the flagship report (``python -m gametheory_af --json``)
``solve``      ``python -m gametheory_af solve FILE --json``
``catalog``    ``python -m gametheory_af catalog --json``
``scenarios``  ``python -m gametheory_af --list-scenarios --json``
=============  ==============================================================

A version's schema never changes once released: a change that removes or
retypes a field, or adds a required one, is a new major version (``2.0``);
new optional fields are a new minor version (``1.1``), written to a new file.

Examples
--------
>>> from gametheory_af.schemas import SCHEMA_VERSION, load_schema, schema_id
>>> SCHEMA_VERSION
'1.0'
>>> schema_id("solve")
'urn:gametheory-af:schema:solve:1.0'
>>> load_schema("solve")["$id"] == schema_id("solve")
True
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..exceptions import GameError

__all__ = ["SCHEMA_VERSION", "KINDS", "schema_id", "load_schema"]

#: The version of the schemas the command line writes today.
SCHEMA_VERSION = "1.0"

#: The kinds of JSON document the command line writes.
KINDS = ("report", "solve", "catalog", "scenarios")


def _check(kind: Any, version: Any, caller: str) -> None:
    if kind not in KINDS:
        raise GameError(f"{caller}: kind must be one of {', '.join(repr(k) for k in KINDS)}; got {kind!r}.")
    if not isinstance(version, str) or not resources.files(__name__).joinpath(f"{kind}-{version}.json").is_file():
        raise GameError(
            f"{caller}: there is no version {version!r} of the {kind!r} schema; the current one is {SCHEMA_VERSION!r}."
        )


def schema_id(kind: str, version: str = SCHEMA_VERSION) -> str:
    """The ``$id`` of the JSON Schema of *kind* at *version*: what a document's ``"schema"`` key holds.

    Parameters
    ----------
    kind : {"report", "solve", "catalog", "scenarios"}
        The kind of document.
    version : str, default SCHEMA_VERSION
        The schema version.

    Returns
    -------
    str
        ``"urn:gametheory-af:schema:<kind>:<version>"``.

    Raises
    ------
    GameError
        For an unknown kind or a version that was never shipped.

    Examples
    --------
    >>> from gametheory_af.schemas import schema_id
    >>> schema_id("report")
    'urn:gametheory-af:schema:report:1.0'
    """
    _check(kind, version, "schema_id")
    return f"urn:gametheory-af:schema:{kind}:{version}"


def load_schema(kind: str, version: str = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of *kind* at *version*, as a dict.

    Parameters
    ----------
    kind : {"report", "solve", "catalog", "scenarios"}
        The kind of document.
    version : str, default SCHEMA_VERSION
        The schema version.

    Returns
    -------
    dict
        The schema, ready for ``jsonschema.validate(document, schema)``.

    Raises
    ------
    GameError
        For an unknown kind or a version that was never shipped.

    Examples
    --------
    >>> from gametheory_af.schemas import load_schema
    >>> schema = load_schema("scenarios")
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> sorted(schema["properties"])
    ['scenarios', 'schema', 'schema_version']
    """
    _check(kind, version, "load_schema")
    text = resources.files(__name__).joinpath(f"{kind}-{version}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
