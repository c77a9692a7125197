"""Parameter sets: a scenario's documented, bounded, exact parameters and their scenario files.

A scenario declares its parameters once, as the fields of a frozen dataclass
deriving from :class:`~gametheory_af.parameter_set.ParameterSet`, each made by :func:`parameter_field` with
its default, closed bounds, unit, source and the claim it encodes. The base
class then gives every scenario the same registry (:meth:`~ParameterSet.names`,
:meth:`~ParameterSet.info`, :meth:`~ParameterSet.bounds`), exact values
(every value is a :class:`~fractions.Fraction`), checked copies
(:meth:`~ParameterSet.replace`), the :class:`~gametheory_af.Parameter` objects
of a :class:`~gametheory_af.ParametricGame` (:meth:`~ParameterSet.to_parameters`)
and the scenario file format (:meth:`~ParameterSet.from_toml`,
:meth:`~ParameterSet.to_toml`).

Scenario files are untrusted text: they are read with a bounded read (never
more than the ``max_text`` limit allows), must be UTF-8, and numbers written
as text go through the bounded reader
``gametheory_af._validation.parse_number`` (never ``Fraction(str)``).

Examples
--------
>>> from dataclasses import dataclass
>>> from fractions import Fraction
>>> from gametheory_af.parameter_set import ParameterSet, parameter_field
>>> @dataclass(frozen=True)
... class Costs(ParameterSet):
...     war_cost: Fraction = parameter_field("1/10", "0", "1", unit="share", source="assumption",
...                                          description="What a war costs.")
>>> Costs(war_cost=0.25).war_cost
Fraction(1, 4)
>>> Costs.from_toml('war_cost = "1/3"') == Costs(war_cost="1/3")
True
>>> Costs.info()["war_cost"].bounds
(Fraction(0, 1), Fraction(1, 1))
"""

from __future__ import annotations

import dataclasses
import math
import pathlib
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar, TypeVar

# The TOML reader of this Python (tomli before 3.11), also imported from here by the tests.
if sys.version_info >= (3, 11):
    import tomllib  # noqa: F401
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # noqa: F401

import numpy as np
import sympy as sp

from ._limits import get_limits
from ._validation import (
    check_text,
    fraction_text,
    is_rational_scalar,
    number_text,
    parse_toml,
    to_fraction,
)
from .exceptions import GameError
from .parametric import Parameter

__all__ = ["ParameterInfo", "ParameterSet", "parameter_field"]

_P = TypeVar("_P", bound="ParameterSet")


@dataclass(frozen=True, init=False)
class ParameterInfo(Parameter):
    """Documentation of one parameter of a :class:`~gametheory_af.parameter_set.ParameterSet`: a :class:`~gametheory_af.Parameter` with a source.

    Parameters
    ----------
    name, default, lower, upper, unit, source, claim : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    name : str
    default, lower, upper : Fraction
        Default value and closed bounds.
    unit : str
    source : str
        Where the parameter comes from; in a scenario ``"op-ed"`` when it
        encodes a claim of the source text, else ``"modelling assumption"``.
    claim : str
        The claim it encodes (quoted briefly or paraphrased), or what the
        assumption is; the same text as ``description``.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan import Parameters
    >>> info = Parameters.info()["refugee_cost"]
    >>> info.source, info.lower, info.upper
    ('op-ed', Fraction(0, 1), Fraction(1, 1))
    """

    def __init__(
        self,
        name: str,
        default: Any,
        lower: Any = None,
        upper: Any = None,
        unit: str = "",
        source: str = "",
        claim: str = "",
    ) -> None:
        for label, value in (("name", name), ("default", default), ("lower", lower), ("upper", upper),
                             ("unit", unit), ("source", source), ("description", claim)):
            object.__setattr__(self, label, value)
        self.__post_init__()

    @property
    def claim(self) -> str:
        """The claim the parameter encodes (its ``description``)."""
        return self.description

    def __repr__(self) -> str:
        fields = ("name", "default", "lower", "upper", "unit", "source", "claim")
        return f"ParameterInfo({', '.join(f'{k}={getattr(self, k)!r}' for k in fields)})"


def parameter_field(
    default: Any, lower: Any, upper: Any, *, unit: str = "", source: str = "", description: str = ""
) -> Any:
    """A field of a :class:`~gametheory_af.parameter_set.ParameterSet` dataclass: default, closed bounds and documentation.

    Parameters
    ----------
    default, lower, upper : int, Fraction or str
        Exact values, written by the scenario's author (``"2/5"``).
    unit, source, description : str
        Unit of measurement, where the value comes from, and the claim it
        encodes (see :class:`ParameterInfo`).

    Returns
    -------
    dataclasses.Field

    Examples
    --------
    >>> from gametheory_af.parameter_set import parameter_field
    >>> parameter_field("1/2", 0, 1).metadata["upper"]
    Fraction(1, 1)
    """
    return dataclasses.field(
        default=Fraction(default),
        metadata={
            "lower": Fraction(lower), "upper": Fraction(upper), "unit": unit, "source": source, "claim": description,
        },
    )


class ParameterSet:
    """Base of a frozen dataclass of exact, bounded, documented parameters.

    Subclass it with ``@dataclass(frozen=True)`` and declare each parameter
    with :func:`parameter_field`. Every value is stored as an exact
    :class:`~fractions.Fraction` (ints, Fractions and sympy Rationals exactly;
    a float as the shortest decimal that prints as it, so ``0.1`` is
    ``1/10``; text through the bounded number reader).

    Raises
    ------
    GameError
        For a value that is not a real number or lies outside its bounds (the
        message names the parameter).

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan import Parameters
    >>> issubclass(Parameters, ParameterSet)
    True
    """

    #: Comment lines at the top of :meth:`to_toml`'s file.
    toml_header: ClassVar[tuple[str, ...]] = (
        "# gametheory_af parameter file.",
        "# Values are decimals or exact fractions in quotes; omitted parameters take their defaults.",
    )

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            raw = getattr(self, f.name)
            object.__setattr__(self, f.name, _check_value(type(self).__name__, f.name, raw, f.metadata))

    # ------------------------------------------------------------------ metadata
    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The parameter names, in declaration order.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> Parameters.names()[:2]
        ('taliban_win_before', 'taliban_win_after')
        """
        return tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]

    @classmethod
    def info(cls) -> dict[str, ParameterInfo]:
        """Name -> :class:`ParameterInfo` (default, bounds, unit, source, claim).

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> sum(i.source == "op-ed" for i in Parameters.info().values())
        16
        """
        out = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            m = f.metadata
            out[f.name] = ParameterInfo(
                name=f.name, default=f.default, lower=m["lower"], upper=m["upper"],
                unit=m["unit"], source=m["source"], claim=m["claim"],
            )
        return out

    @classmethod
    def bounds(cls) -> dict[str, tuple[Fraction, Fraction]]:
        """Name -> ``(lower, upper)``: the parameter box.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> Parameters.bounds()["leverage"]
        (Fraction(0, 1), Fraction(2, 1))
        """
        return {k: (v.lower, v.upper) for k, v in cls.info().items()}

    @classmethod
    def _check_names(cls, values: Mapping[str, Any], caller: str) -> None:
        """Raise :class:`GameError` for a key of *values* that is not a parameter name."""
        names = cls.names()
        for k in values:
            if k not in names:
                raise GameError(f"{caller}: unknown parameter {k!r}; parameters are {sorted(names)}.")

    # ------------------------------------------------------------------ values
    def as_dict(self) -> dict[str, Fraction]:
        """Name -> value (Fractions), in declaration order.

        Returns
        -------
        dict
            Parameter name -> :class:`~fractions.Fraction` value.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> Parameters().as_dict()["leverage"]
        Fraction(1, 4)
        """
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    def replace(self: _P, **overrides: Any) -> _P:
        """A copy with some values changed.

        Parameters
        ----------
        **overrides
            New values, by parameter name.

        Returns
        -------
        ParameterSet
            A new set of the same class; this one is unchanged.

        Raises
        ------
        GameError
            For an unknown parameter name or a value out of bounds.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> Parameters().replace(decentralisation=0.25).decentralisation
        Fraction(1, 4)
        """
        self._check_names(overrides, f"{type(self).__name__}.replace")
        return dataclasses.replace(self, **overrides)  # type: ignore[type-var]

    def to_parameters(self) -> list[Parameter]:
        """The values as :class:`~gametheory_af.Parameter` objects for a :class:`~gametheory_af.ParametricGame`.

        Each takes the current value as its default, with the bounds, the claim
        (as description) and the unit of :meth:`info`.

        Returns
        -------
        list of Parameter
            One per parameter, in declaration order.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> Parameters().to_parameters()[0].bounds
        (Fraction(1, 4), Fraction(1, 2))
        """
        info = self.info()
        return [
            Parameter(k, v, lower=info[k].lower, upper=info[k].upper, description=info[k].claim, unit=info[k].unit)
            for k, v in self.as_dict().items()
        ]

    # ------------------------------------------------------------------ TOML
    @classmethod
    def from_toml(cls: type[_P], source: str | pathlib.Path) -> _P:
        """Read a scenario file (or TOML text).

        Parameters
        ----------
        source : str or pathlib.Path
            A path to a ``.toml`` file, or TOML text itself. Keys are parameter
            names (parameters not given keep their defaults), plus optional
            ``scenario`` and ``description`` strings. Values are numbers or
            strings holding an exact fraction such as ``"2/5"``.

        Returns
        -------
        ParameterSet
            An instance of the class it is called on.

        Raises
        ------
        GameError
            For a missing or unreadable file, a file that is not UTF-8, longer
            than the ``max_text`` limit or not valid TOML, an unknown key, a
            value that is not a number, a number beyond the ``max_digits`` /
            ``max_exponent`` limits (``"1e-99999999"`` is refused at once, not
            computed), or a value out of bounds; the message names the key
            and the value.
        TypeError
            When *source* is neither text nor a path, or ``scenario`` /
            ``description`` is not a string.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> Parameters.from_toml('refugee_cost = "1/2"\\nleverage = 0.5').leverage
        Fraction(1, 2)
        """
        caller = f"{cls.__name__}.from_toml"
        text, where = _read_source(source, caller)
        check_text(text, f"scenario {where}", caller)
        data = parse_toml(text, where, caller)
        for key in ("scenario", "description"):
            if key in data:
                check_text(data[key], key, f"{caller} ({where})")
        data = {k: v for k, v in data.items() if k not in ("scenario", "description")}
        names = set(cls.names())
        for k, v in data.items():
            if k not in names:
                raise GameError(f"{caller}: unknown parameter {k!r} in {where}; known parameters are {sorted(names)}.")
            if isinstance(v, dict):
                raise GameError(f"{caller}: {k!r} in {where} must be a number, not a table.")
        values = {k: _parse_toml_value(k, v, where, caller) for k, v in data.items()}
        try:
            return cls(**values)
        except GameError as err:
            raise GameError(f"{caller}: {where}: {err}") from None

    def to_toml(self, *, scenario: str = "custom", description: str = "") -> str:
        """The parameters as a commented TOML scenario file.

        Fractions with a short decimal expansion are written as decimals
        (``0.4``), others as exact strings (``"1/3"``); both read back exactly.

        Parameters
        ----------
        scenario : str, default "custom"
            The scenario's name, written in the file.
        description : str, default ""
            A description written in the file (none when empty).

        Returns
        -------
        str
            The TOML text.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> p = Parameters(decentralisation="1/3")
        >>> Parameters.from_toml(p.to_toml()) == p
        True
        """
        caller = f"{type(self).__name__}.to_toml"
        check_text(scenario, "scenario", caller)
        check_text(description, "description", caller)
        info = self.info()
        lines = [*self.toml_header, f"scenario = {_toml_string(scenario)}"]
        if description:
            lines.append(f"description = {_toml_string(description)}")
        for k, v in self.as_dict().items():
            i = info[k]
            lines.append("")
            lines.append(f"# {i.claim}")
            lines.append(f"# [{i.source}; {i.unit}; bounds {fraction_text(i.lower)} to {fraction_text(i.upper)}; default {fraction_text(i.default)}]")
            lines.append(f"{k} = {_toml_number(v)}")
        return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------ helpers

def _check_value(caller: str, name: str, raw: Any, meta: Mapping[str, Any]) -> Fraction:
    """*raw* as an exact Fraction within the bounds ``meta["lower"]``, ``meta["upper"]``."""
    if isinstance(raw, str):
        value = number_text(raw, name, caller)
    elif isinstance(raw, (bool, np.bool_)) or not (
        is_rational_scalar(raw) or isinstance(raw, (float, np.floating)) or (isinstance(raw, sp.Basic) and raw.is_number)
    ):
        raise GameError(f"{caller}: {name} must be a real number; got {raw!r}.")
    else:
        if isinstance(raw, sp.Basic) and not raw.is_Rational:
            raw = float(raw)
        if isinstance(raw, (float, np.floating)) and not math.isfinite(float(raw)):
            raise GameError(f"{caller}: {name} must be finite; got {raw!r}.")
        value = to_fraction(raw)
    lo, hi = meta["lower"], meta["upper"]
    if value < lo or value > hi:
        raise GameError(f"{caller}: {name} = {fraction_text(value)} is outside its bounds [{fraction_text(lo)}, {fraction_text(hi)}].")
    return value



def _read_source(source: str | pathlib.Path, caller: str) -> tuple[str, str]:
    """The text of *source* (TOML text, or a file read with a bounded read) and how to name it in messages."""
    if isinstance(source, pathlib.Path):
        path = source
    elif isinstance(source, str):
        if "\n" in source or "=" in source:
            return source, "the TOML text"
        path = pathlib.Path(source)
    else:
        raise TypeError(f"{caller}: source must be a path or TOML text; got {type(source).__name__}.")
    cap = get_limits().max_text
    try:
        with open(path, "rb") as fh:
            data = fh.read(4 * cap + 1)  # never more than the limit allows, whatever the file is
    except OSError as err:
        raise GameError(f"{caller}: cannot read scenario file {str(path)!r}: {err.strerror}.") from None
    if len(data) > 4 * cap:
        raise GameError(
            f"{caller}: scenario file {str(path)!r} is longer than the limit max_text={cap:,} characters; "
            "raise it with gametheory_af.set_limits(max_text=...) if you mean it."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise GameError(
            f"{caller}: scenario file {str(path)!r} is not UTF-8 text "
            f"(byte {data[err.start]:#04x} at offset {err.start})."
        ) from None
    return text, str(path)


def _parse_toml_value(key: str, v: Any, where: str, caller: str) -> Any:
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise GameError(f"{caller}: {key!r} in {where} must be a number or a fraction string; got {v!r}.")
    return v



def _toml_number(x: Fraction) -> str:
    if x.denominator == 1:
        return str(x.numerator)
    d = x.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1:
        s = repr(float(x))
        if "e" not in s and Fraction(s) == x:
            return s
    return f'"{fraction_text(x)}"'


def _toml_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
