r"""The forecasting lens on the Afghan negotiations: who the median voter is, and how much Pakistan decides it.

The four-player game of :mod:`gametheory_af.scenarios.afghanistan` asks when a
power-sharing agreement is an equilibrium. This lens asks a different,
cruder question with Bueno de Mesquita's forecasting models
(:mod:`gametheory_af.bargaining.forecasting`): put every actor the op-ed names
on one scale of outcomes, 0 = a Taliban takeover, 100 = the status quo
republic, power-sharing in between, with a capability and a salience each;
where does the weighted median (Black's median voter) lie, where the weighted
mean, and where do the challenge rounds of the expected-utility model settle?

The actors and every number are in the shipped file
``gametheory_af/scenarios/afghanistan_actors.toml``, each with a one-line
``why`` (an op-ed quotation or "modeller's assumption"): :func:`assumptions`
lists them. The op-ed gives no numbers; these are a reading of its words.

* :func:`load_actors`: the :class:`~gametheory_af.bargaining.forecasting.Issue`
  from the shipped file or another one.
* :func:`~gametheory_af.scenarios.afghanistan.afghan_forecast`: the median, the mean and the expected-utility forecast.
* :func:`pakistan_salience_shift`: the three forecasts over a grid of
  Pakistan's salience (and capability), and the exact salience above which
  Pakistan is the median voter: the forecasting view of "how much does
  Pakistan's leverage decide the outcome".

Examples
--------
>>> from gametheory_af.scenarios.afghanistan.forecast import afghan_forecast
>>> f = afghan_forecast()
>>> f.median, f.mean, f.eu_forecast
(Fraction(40, 1), Fraction(515, 11), 40.0)
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..._validation import _short, parse_toml
from ...bargaining.forecasting import ForecastResult, Issue, expected_utility_model, weighted_mean, weighted_median
from ...exceptions import GameError
from ...result import ResultMixin

__all__ = [
    "AfghanForecast",
    "PakistanShift",
    "actors_path",
    "load_actors",
    "assumptions",
    "afghan_forecast",
    "pakistan_salience_shift",
]

#: The shipped actors file (package data ``scenarios/*.toml``).
_ACTORS_FILE = pathlib.Path(__file__).parent.with_name("afghanistan_actors.toml")
#: Pakistan's name in the actors file.
PAKISTAN = "Pakistan"
#: The largest actors file read (bytes).
_MAX_BYTES = 1 << 20
#: The most grid points :func:`pakistan_salience_shift` evaluates.
_MAX_POINTS = 10_000


def actors_path() -> pathlib.Path:
    """The path of the shipped actors file ``afghanistan_actors.toml``.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> actors_path().name
    'afghanistan_actors.toml'
    """
    return _ACTORS_FILE


def _read(path: Any, caller: str) -> dict[str, Any]:
    if path is None:
        path = _ACTORS_FILE
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{caller}: path must be a file path; got {_short(path)} ({type(path).__name__}).")
    p = pathlib.Path(path)
    if not p.is_file():
        raise GameError(f"{caller}: path must be an existing TOML file; got {str(p)!r}.")
    size = p.stat().st_size
    if size > _MAX_BYTES:
        raise GameError(f"{caller}: {str(p)!r} is {size:,} bytes, beyond the limit of {_MAX_BYTES:,}.")
    with open(p, "rb") as fh:
        data = fh.read(_MAX_BYTES + 1)  # no more than the limit, whatever the file became since stat
    if len(data) > _MAX_BYTES:
        raise GameError(f"{caller}: {str(p)!r} is more than {_MAX_BYTES:,} bytes, beyond the limit.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise GameError(f"{caller}: {str(p)!r} is not UTF-8 text (byte {data[err.start]:#04x} at offset {err.start}).") from None
    return parse_toml(text, repr(str(p)), caller)


def load_actors(path: Any = None) -> Issue:
    """The issue and actors of an actors file (default: the shipped one).

    Parameters
    ----------
    path : str or path-like, optional
        A TOML file with ``name``, ``lo``, ``hi`` and ``[[actor]]`` tables
        (``name``, ``position``, ``capability``, ``salience``); keys ending in
        ``_why`` and ``source``/``description`` are documentation.

    Returns
    -------
    Issue

    Raises
    ------
    GameError
        For a missing, oversized or malformed file, or invalid values (the
        message names the key and the value).

    Examples
    --------
    >>> issue = load_actors()
    >>> issue.names
    ('Afghan government', 'Taliban', 'Pakistan', 'United States', 'China', 'NATO allies')
    >>> issue.actor("Pakistan")
    Actor('Pakistan', position=40, capability=30, salience=4/5)
    """
    return Issue.from_dict(_read(path, "load_actors"))


def assumptions(path: Any = None) -> tuple[dict[str, str], ...]:
    """Every number of an actors file with its reason: one row per value.

    Parameters
    ----------
    path : str or path-like, optional
        Default: the shipped file.

    Returns
    -------
    tuple of dict
        Rows with keys ``actor`` (``""`` for the scale), ``field``, ``value``,
        ``why`` and ``source``.

    Examples
    --------
    >>> rows = assumptions()
    >>> len(rows), all(r["why"] for r in rows)
    (20, True)
    >>> rows[4]["actor"], rows[4]["field"], rows[4]["value"]
    ('Afghan government', 'salience', '1')
    """
    data = _read(path, "assumptions")
    issue = Issue.from_dict(data)
    out = []
    for key in ("lo", "hi"):
        out.append({"actor": "", "field": key, "value": str(data[key]), "why": str(data.get(f"{key}_why", "")),
                    "source": str(data.get("source", ""))})
    for row, actor in zip(data["actor"], issue.actors, strict=True):
        values = actor.to_dict()
        for key in ("position", "capability", "salience"):
            out.append({"actor": actor.name, "field": key, "value": values[key], "why": str(row.get(f"{key}_why", "")),
                        "source": str(row.get("source", ""))})
    return tuple(out)


def _issue(params: Any, caller: str) -> Issue:
    if isinstance(params, Issue):
        return params
    if params is None or isinstance(params, (str, os.PathLike)):
        return Issue.from_dict(_read(params, caller))
    raise TypeError(f"{caller}: params must be None, an Issue or a path to an actors file; got {_short(params)} "
                    f"({type(params).__name__}).")


@dataclass(frozen=True, eq=False)
class AfghanForecast(ResultMixin):
    """The three forecasts of :func:`~gametheory_af.scenarios.afghanistan.afghan_forecast`.

    Parameters
    ----------
    issue, median, mean, eu : see Attributes

    Attributes
    ----------
    issue : Issue
        The actors used.
    median : Fraction or float
        The weighted median (exact with exact inputs).
    mean : Fraction or float
        The weighted mean.
    eu : ForecastResult
        The expected-utility model's rounds.
    """

    issue: Issue
    median: Any
    mean: Any
    eu: ForecastResult

    @property
    def eu_forecast(self) -> float:
        """The expected-utility model's forecast (the median of its last round)."""
        return self.eu.forecast

    @property
    def median_actor(self) -> tuple[str, ...]:
        """The actors standing at the weighted median (the median voters; may be empty at a tie)."""
        return tuple(a.name for a in self.issue.actors if a.position == self.median and a.weight > 0)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values.

        Returns
        -------
        dict
            The median and mean as text (exact fractions such as ``"515/11"``), the
            expected-utility forecast, the median actors and the model's rounds.

        Examples
        --------
        >>> afghan_forecast().to_dict()["median"]
        '40'
        """
        return {
            "median": _text(self.median),
            "mean": _text(self.mean),
            "eu_forecast": self.eu_forecast,
            "median_actor": list(self.median_actor),
            "eu": self.eu.to_dict(),
        }

    def __repr__(self) -> str:
        return (
            f"AfghanForecast({self.issue.name!r}: median {_text(self.median)} ({', '.join(self.median_actor) or 'between actors'}), "
            f"mean {float(self.mean):.4g}, expected-utility model {self.eu_forecast:.4g} after {self.eu.n_rounds} round(s))"
        )


def _text(x: Any) -> str:
    if isinstance(x, Fraction):
        return str(x)
    return repr(float(x))


def afghan_forecast(params: Any = None, *, max_rounds: int = 100) -> AfghanForecast:
    """The weighted median, the weighted mean and the expected-utility forecast of the Afghan actors.

    Parameters
    ----------
    params : None, Issue, str or path-like
        The actors: None for the shipped file, an
        :class:`~gametheory_af.bargaining.forecasting.Issue`, or the path of an
        actors file.
    max_rounds : int, default 100
        Passed to :func:`~gametheory_af.bargaining.forecasting.expected_utility_model`
        (with :math:`Q = T = 1`).

    Returns
    -------
    AfghanForecast

    Notes
    -----
    With the shipped numbers (weights 30, 35, 24, 12, 6, 3 for the government,
    the Taliban, Pakistan, the US, China and NATO; total 110) the cumulative
    weight from 0 is 35 at the Taliban's 10, then 59 > 55 at Pakistan's 40:
    **Pakistan is the median voter**. The mean is 5150/110 = 515/11 (about
    46.8). In the expected-utility model the others move towards Pakistan
    (conflicts and capitulations) and every actor stands at 40 after three
    rounds.

    Examples
    --------
    >>> f = afghan_forecast()
    >>> f.median_actor, f.eu.n_rounds, f.eu.converged
    (('Pakistan',), 3, True)
    >>> f
    AfghanForecast('Afghan power-sharing (2021)': median 40 (Pakistan), mean 46.82, expected-utility model 40 after 3 round(s))
    """
    issue = _issue(params, "afghan_forecast")
    return AfghanForecast(issue, weighted_median(issue), weighted_mean(issue), expected_utility_model(issue, max_rounds=max_rounds))


@dataclass(frozen=True, eq=False)
class PakistanShift(ResultMixin):
    """The forecasts over a grid of Pakistan's capability and salience.

    Parameters
    ----------
    issue, rows, pivot_salience : see Attributes

    Attributes
    ----------
    issue : Issue
        The base actors.
    rows : tuple of dict
        One per grid point, capability-major: ``capability``, ``salience``,
        ``median``, ``mean``, ``eu_forecast``.
    pivot_salience : Fraction or float or None
        At Pakistan's base capability, the salience above which Pakistan's
        position is the weighted median (at exactly this value the weight
        splits in half and the median is a midpoint); None when no salience in
        [0, 1] makes it the median.
    """

    issue: Issue
    rows: tuple[dict[str, Any], ...]
    pivot_salience: Any

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values.

        Returns
        -------
        dict
            The pivot salience and the rows, exact numbers as text.
        """
        return {
            "pivot_salience": None if self.pivot_salience is None else _text(self.pivot_salience),
            "rows": [{k: (_text(v) if k in ("median", "mean", "capability", "salience") else v) for k, v in r.items()}
                     for r in self.rows],
        }

    def __repr__(self) -> str:
        head = f"PakistanShift({len(self.rows)} point(s); Pakistan is the median voter above salience "
        head += "(never)" if self.pivot_salience is None else _text(self.pivot_salience)
        lines = [head]
        for r in self.rows:
            lines.append(f"  capability {_text(r['capability'])}, salience {_text(r['salience'])}: median "
                         f"{_text(r['median'])}, mean {float(r['mean']):.4g}, EU model {r['eu_forecast']:.4g}")
        return "\n".join(lines) + ")"


def _pivot(issue: Issue) -> Any:
    """The least salience of Pakistan at which its position is the weighted median (see PakistanShift)."""
    pak = issue.actor(PAKISTAN)
    others = [a for a in issue.actors if a.name != PAKISTAN]
    left = sum((a.weight for a in others if a.position < pak.position), Fraction(0))
    equal = sum((a.weight for a in others if a.position == pak.position), Fraction(0))
    right = sum((a.weight for a in others if a.position > pak.position), Fraction(0))
    if pak.capability == 0:
        return None if abs(right - left) >= equal else 0
    # cumulative weight through Pakistan > half  <=>  left + equal + c s > right, and
    # weight strictly left < half                 <=>  left < equal + c s + right.
    need = max(abs(right - left) - equal, 0) / pak.capability
    return need if need <= 1 else None


def pakistan_salience_shift(
    saliences: Sequence[Any] | None = None,
    *,
    capabilities: Sequence[Any] | None = None,
    params: Any = None,
    max_rounds: int = 100,
) -> PakistanShift:
    """The three forecasts as Pakistan's salience (and capability) vary, the others fixed.

    Parameters
    ----------
    saliences : sequence of numbers, optional
        Pakistan's saliences, each in [0, 1]. Default ``0, 1/10, ..., 1``.
    capabilities : sequence of numbers, optional
        Pakistan's capabilities (>= 0). Default: its base capability only.
    params : None, Issue, str or path-like
        The base actors (as :func:`~gametheory_af.scenarios.afghanistan.afghan_forecast`).
    max_rounds : int, default 100
        For the expected-utility model.

    Returns
    -------
    PakistanShift

    Raises
    ------
    GameError
        For an out-of-range value (naming Pakistan's field and the value), an
        empty grid or more than 10,000 points.

    Notes
    -----
    The median's dependence is exact and simple: with the others' weight
    :math:`L` strictly left of Pakistan's position, :math:`E` at it and
    :math:`R` right of it, Pakistan's position is the median iff
    :math:`c_P s_P > |R - L| - E`. With the shipped numbers,
    :math:`L = 35` (the Taliban), :math:`R = 30 + 12 + 6 + 3 = 51`, :math:`E
    = 0`, :math:`c_P = 30`: above salience :math:`16/30 = 8/15` Pakistan is the
    median voter (40); below, the median jumps to China's 50 (and to the US's
    65 at salience 2/15 and below). The expected-utility model is far less
    smooth: on a grid of step 1/40 it settles at Pakistan's 40 from salience
    21/40 up (a little below the pivot), at the Taliban's 10 from 9/40 to 1/2,
    and between 37 and 85 below that: the challenge rounds amplify small
    changes of weight into jumps of the outcome.

    Examples
    --------
    >>> shift = pakistan_salience_shift([0, "1/2", "8/15", "3/5", 1])
    >>> shift.pivot_salience
    Fraction(8, 15)
    >>> [(str(r["salience"]), str(r["median"]), r["eu_forecast"]) for r in shift.rows]
    [('0', '65', 65.0), ('1/2', '50', 10.0), ('8/15', '45', 40.0), ('3/5', '40', 40.0), ('1', '40', 40.0)]
    """
    caller = "pakistan_salience_shift"
    issue = _issue(params, caller)
    base = issue.actor(PAKISTAN)
    sal = [Fraction(k, 10) for k in range(11)] if saliences is None else _seq(saliences, "saliences", caller)
    caps = [base.capability] if capabilities is None else _seq(capabilities, "capabilities", caller)
    if len(sal) * len(caps) > _MAX_POINTS:
        raise GameError(f"{caller}: the grid has {len(sal) * len(caps):,} points, beyond the limit of {_MAX_POINTS:,}.")
    rows = []
    for c in caps:
        for s in sal:
            try:
                variant = issue.replace_actor(PAKISTAN, capability=c, salience=s)
            except GameError as exc:
                raise GameError(f"{caller}: {exc}") from None
            rows.append(
                {
                    "capability": variant.actor(PAKISTAN).capability,
                    "salience": variant.actor(PAKISTAN).salience,
                    "median": weighted_median(variant),
                    "mean": weighted_mean(variant),
                    "eu_forecast": expected_utility_model(variant, max_rounds=max_rounds).forecast,
                }
            )
    return PakistanShift(issue, tuple(rows), _pivot(issue))


def _seq(values: Any, name: str, caller: str) -> list[Any]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or len(values) == 0:
        raise GameError(f"{caller}: {name} must be a non-empty sequence of numbers; got {_short(values)}.")
    return list(values)
