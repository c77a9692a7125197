"""The parameters of the Afghan scenario: defaults, bounds, units and the op-ed claim each encodes.

The registry and the scenario file format (TOML) come from the general
:class:`~gametheory_af.parameter_set.ParameterSet`; this module only declares
the scenario's 25 parameters and where its default scenario file lives.
"""

from __future__ import annotations

import pathlib
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ...exceptions import GameError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib
from ...parameter_set import ParameterSet, parameter_field

__all__ = ["Parameters", "default_scenario_path", "scenario_description", "scenario_names", "scenario_path"]

#: The shipped default scenario file (it stays in ``gametheory_af/scenarios/``, package data ``scenarios/*.toml``).
_SCENARIO_FILE = pathlib.Path(__file__).parent.with_name("afghanistan.toml")

OPED = "op-ed"
ASSUMPTION = "modelling assumption"


def _p(default: str, lower: str, upper: str, unit: str, source: str, claim: str) -> Any:
    return parameter_field(default, lower, upper, unit=unit, source=source, description=claim)


@dataclass(frozen=True)
class Parameters(ParameterSet):
    """The parameters of the Afghan scenario, with defaults, bounds, units and sources.

    Every value is stored as an exact :class:`~fractions.Fraction` (ints,
    Fractions and sympy Rationals exactly; a float as the shortest decimal that
    prints as it, so ``0.1`` is ``1/10``), which keeps thresholds exact.
    :meth:`info` documents each parameter: its unit, its bounds and the op-ed
    claim it encodes or the modelling assumption it is.

    Parameters
    ----------
    taliban_win_before, taliban_win_after, taliban_surprise : number or str, optional
    government_surprise, conditions_credibility, taliban_war_cost : number or str, optional
    government_war_cost, taliban_discount_rate, government_discount_rate : number or str, optional
    decentralisation, leverage, sanctuary_effect, pressing_cost : number or str, optional
    refugee_cost, isolation_cost, pakistan_influence, guarantee_failure : number or str, optional
    guarantee_leverage, china_inducement_taliban, china_inducement_pakistan : number or str, optional
    airport_security, aid_value, us_taliban_rule_cost, us_staying_cost : number or str, optional
    us_verification_cost : number or str, optional
        Any subset of the fields below; the others take their defaults.

    Raises
    ------
    GameError
        For a value that is not a real number or lies outside its bounds (the
        message names the parameter); unknown names raise :class:`TypeError`
        from the constructor, and :class:`GameError` from :meth:`replace`,
        :func:`model` and :meth:`from_toml`.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory_af.scenarios.afghanistan import Parameters
    >>> p = Parameters(refugee_cost=0.5)
    >>> p.refugee_cost, p.leverage
    (Fraction(1, 2), Fraction(1, 4))
    >>> len(Parameters.info())
    25
    """

    # --- balance of power
    taliban_win_before: Fraction = _p(
        "2/5", "1/4", "1/2", "probability", OPED,
        'Pentagon: the Afghan forces "have the advantages" (an Air Force, modern weaponry, superior '
        "numbers): in a war fought now, before the withdrawal, the Taliban is the underdog.",
    )
    taliban_win_after: Fraction = _p(
        "2/3", "1/2", "3/4", "probability", OPED,
        'An "emboldened Taliban" has seized "50 of the nation\'s 370 districts" as the U.S. departs; '
        'Qureshi speaks of the "meltdown" of Afghan forces: after the withdrawal the Taliban is the favourite.',
    )
    taliban_surprise: Fraction = _p(
        "1/10", "1/20", "3/20", "probability", ASSUMPTION,
        "A Taliban offensive against a government that has begun to share power (and stand down "
        "forces) gains this much chance of winning.",
    )
    government_surprise: Fraction = _p(
        "1/20", "0", "3/20", "probability", ASSUMPTION,
        "A government attack on a Taliban that has come to the table gains this much chance of winning.",
    )
    conditions_credibility: Fraction = _p(
        "3/4", "0", "1", "probability", OPED,
        'The U.S. should "legitimately consider pursuing a conditions-based withdrawal ... in order to '
        'minimize violent attacks by the Taliban": the probability that renewed violence really halts it.',
    )
    # --- costs of war
    taliban_war_cost: Fraction = _p(
        "1/10", "0", "1/5", "share of the prize", OPED,
        '"Combat will not be a viable, nor sustainable, solution": war is costly to the Taliban.',
    )
    government_war_cost: Fraction = _p(
        "1/10", "0", "1/5", "share of the prize", OPED,
        'War is costly to the government too ("the lack of will to fight, the capitulation").',
    )
    # --- bargaining
    taliban_discount_rate: Fraction = _p(
        "1", "1/2", "1", "relative rate", ASSUMPTION,
        "Impatience of the Taliban in Rubinstein bargaining; equal rates give the symmetric Nash split.",
    )
    government_discount_rate: Fraction = _p(
        "1", "1/2", "1", "relative rate", ASSUMPTION,
        "Impatience of the government in Rubinstein bargaining.",
    )
    decentralisation: Fraction = _p(
        "0", "0", "1/2", "share of power devolved", OPED,
        'Afghanistan is "highly centralized in a presidential system, intensifying the perception of a '
        'winner-takes-all scenario"; the op-ed recommends "delegating provincial power". 0 is today\'s '
        "centralised presidency.",
    )
    # --- Pakistan
    leverage: Fraction = _p(
        "1/4", "0", "2", "share of the prize", OPED,
        'Pakistan "continues to shelter the Taliban\'s top military and political leadership" and "has the '
        'greatest ability to ensure the success of a power-sharing agreement": the extra cost of war to the '
        "Taliban when Pakistan denies it sanctuary. The default (today's pressure) is an assumption.",
    )
    sanctuary_effect: Fraction = _p(
        "1/40", "0", "1/20", "probability per unit of leverage", ASSUMPTION,
        "Denying sanctuary also lowers the Taliban's chance of winning a war, by this much per unit of leverage.",
    )
    pressing_cost: Fraction = _p(
        "1/10", "0", "1/2", "Pakistan's utility per unit of leverage", ASSUMPTION,
        "Pressing its long-time ally (\"its historical alliance with the Taliban\") costs Pakistan this much "
        "per unit of leverage.",
    )
    refugee_cost: Fraction = _p(
        "1/4", "0", "1", "Pakistan's utility", OPED,
        '"A failed peace process will likely spark a full-scale civil war in Afghanistan, exacerbating what '
        'is already a mass exodus of refugees into Pakistani territory."',
    )
    isolation_cost: Fraction = _p(
        "1/4", "0", "1", "Pakistan's utility", OPED,
        "If the Taliban takes power by force, Pakistan is \"allied with a regime that is internationally "
        'condemned and receives minuscule financial backing."',
    )
    pakistan_influence: Fraction = _p(
        "1/5", "0", "1/2", "Pakistan's utility", OPED,
        "Pakistan wants its ally in power: \"If the Taliban achieves legitimate power, Pakistan gains yet "
        "another means of political influence\" (influence in proportion to the Taliban's share of power).",
    )
    guarantee_failure: Fraction = _p(
        "1/2", "1/10", "1", "probability", OPED,
        "Pakistan can \"ensure the success of a power-sharing agreement\": a deal it does not underwrite (it "
        "keeps sheltering the Taliban) collapses into war with this probability, once Pakistan's sway is at "
        "least ``guarantee_leverage`` (in proportion below it).",
    )
    guarantee_leverage: Fraction = _p(
        "1/4", "1/20", "2", "share of the prize", ASSUMPTION,
        "Pakistan's ability to ensure the deal comes from its sway over the Taliban: the leverage from which "
        "withholding it costs the deal the whole ``guarantee_failure``. With less sway, the deal depends on "
        "Pakistan in proportion (``guarantee_failure * min(1, leverage / guarantee_leverage)``); with none, "
        "sheltering and pressing are the same.",
    )
    # --- China
    china_inducement_taliban: Fraction = _p(
        "0", "0", "1/10", "share of the prize", OPED,
        "China \"prefers peace negotiations and power-sharing to a monopolistic Taliban rule\": what it offers a "
        "power-sharing Afghanistan (0: nothing on the table yet).",
    )
    china_inducement_pakistan: Fraction = _p(
        "0", "0", "1/5", "Pakistan's utility", OPED,
        "China is \"Pakistan's closest foreign partner\": what it offers Pakistan when power is shared "
        "(0: nothing on the table yet).",
    )
    # --- international
    airport_security: Fraction = _p(
        "1/2", "0", "1", "probability", OPED,
        "NATO should \"increase security measures for Kabul's international airport, such that it can maintain "
        'operation and safely transport humanitarian aid workers": the probability it stays open.',
    )
    aid_value: Fraction = _p(
        "1/10", "0", "1/5", "share of the prize", OPED,
        'International backing, "crucial during the pandemic", flows to "an internationally-backed power-'
        'sharing agreement" while the airport operates.',
    )
    # --- United States
    us_taliban_rule_cost: Fraction = _p(
        "1/2", "0", "1", "US utility", ASSUMPTION,
        "What a Taliban victory costs the United States (per unit of probability).",
    )
    us_staying_cost: Fraction = _p(
        "1/5", "0", "1", "US utility", OPED,
        'The U.S. "has no plans to reconsider", holding that "Afghan forces need to incite change for '
        'themselves": the cost of staying on while violence continues.',
    )
    us_verification_cost: Fraction = _p(
        "1/20", "1/100", "1/5", "US utility", ASSUMPTION,
        "Under a conditions-based withdrawal the U.S. stays on until the conditions are verified, even when "
        "power is shared and the violence stops: this costs it this much (it wants out: \"no plans to "
        "reconsider\"). It makes the US policy a strict choice at every deal, not an indifference.",
    )

    toml_header = (
        "# gametheory_af scenario file: the Afghan peace negotiations (see gametheory_af.scenarios.afghanistan).",
        "# Values are decimals or exact fractions in quotes; omitted parameters take their defaults.",
    )


def _check_names(values: Mapping[str, Any], caller: str) -> None:
    """Raise GameError for a key of *values* that is not a parameter of the scenario."""
    Parameters._check_names(values, caller)


def default_scenario_path() -> pathlib.Path:
    """The path of the shipped default scenario file ``afghanistan.toml``.

    Returns
    -------
    pathlib.Path
        The file's path.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan import Parameters, default_scenario_path
    >>> Parameters.from_toml(default_scenario_path()) == Parameters()
    True
    """
    return _SCENARIO_FILE



#: A shipped scenario's name: lowercase words joined by hyphens (never a path: no dot, no separator).
_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
#: The name of the default scenario file ``afghanistan.toml``; the others are ``afghanistan-<name>.toml``.
DEFAULT_SCENARIO = "default"


def _shipped() -> dict[str, pathlib.Path]:
    """Name -> path of every scenario file shipped next to the default one, the default first."""
    out = {DEFAULT_SCENARIO: _SCENARIO_FILE}
    stem = _SCENARIO_FILE.stem + "-"
    for path in sorted(_SCENARIO_FILE.parent.glob(f"{stem}*.toml")):
        name = path.stem[len(stem):]
        if _NAME.fullmatch(name) and name != DEFAULT_SCENARIO:
            out[name] = path
    return out


def scenario_names() -> tuple[str, ...]:
    """The names of the scenario files shipped with the package.

    ``"default"`` is ``afghanistan.toml`` (the op-ed as written); every other
    name ``NAME`` is the file ``afghanistan-NAME.toml`` next to it, a question
    an analyst starts from (the Taliban stronger, Pakistan reluctant, ...).
    Each runs with ``python -m gametheory_af --params NAME``.

    Returns
    -------
    tuple of str
        ``"default"`` first, then the others in alphabetical order.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.parameters import scenario_names
    >>> scenario_names()[0], "taliban-stronger" in scenario_names()
    ('default', True)
    """
    return tuple(_shipped())


def scenario_path(name: str) -> pathlib.Path:
    """The path of the shipped scenario file called *name*.

    Parameters
    ----------
    name : str
        One of :func:`scenario_names`. A name is never a path: it has no dot
        and no separator, so it cannot reach a file outside the package.

    Returns
    -------
    pathlib.Path
        The file, inside ``gametheory_af/scenarios/``.

    Raises
    ------
    GameError
        When *name* is not a string or not the name of a shipped scenario
        (the message names the value and lists the known names).

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.parameters import Parameters, scenario_path
    >>> scenario_path("refugees-doubled").name
    'afghanistan-refugees-doubled.toml'
    >>> Parameters.from_toml(scenario_path("refugees-doubled")).refugee_cost
    Fraction(1, 2)
    >>> scenario_path("../afghanistan")
    Traceback (most recent call last):
        ...
    gametheory_af.exceptions.GameError: scenario_path: name '../afghanistan' is not a shipped scenario; known names are default, conditions-airport, op-ed, pakistan-reluctant, refugees-doubled, taliban-stronger.
    """
    shipped = _shipped()
    if not isinstance(name, str) or not _NAME.fullmatch(name) or name not in shipped:
        raise GameError(
            f"scenario_path: name {name!r} is not a shipped scenario; known names are {', '.join(shipped)}."
        )
    return shipped[name]


def scenario_description(name: str) -> str:
    """The one-line ``description`` written in the shipped scenario file *name*.

    Parameters
    ----------
    name : str
        One of :func:`scenario_names`.

    Returns
    -------
    str
        The description ("" when the file has none).

    Raises
    ------
    GameError
        For an unknown name (as :func:`scenario_path`).

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.parameters import scenario_description
    >>> scenario_description("refugees-doubled").startswith("Refugees doubled")
    True
    """
    with open(scenario_path(name), "rb") as fh:
        data = tomllib.load(fh)
    text = data.get("description", "")
    return text if isinstance(text, str) else ""
