r"""Forecasting group decisions: the weighted median and Bueno de Mesquita's expected-utility model.

Actors hold positions on one issue scale :math:`[lo, hi]`, with a capability
:math:`c_i \ge 0` (the resources they can bring to bear) and a salience
:math:`s_i \in [0, 1]` (how much they care). Their weight is :math:`w_i = c_i s_i`.

* :func:`weighted_median`: Black's median voter with weights, the forecast of
  Bueno de Mesquita's basic model: the position where the weight splits in half.
* :func:`weighted_mean`: the weight-averaged position.
* :func:`expected_utility_model`: the challenge rounds of the expected-utility
  model (Bueno de Mesquita 1994, 2002) in the form set out by Scholz, Calbert
  and Smith (2011): every actor weighs challenging every other, offers are made
  (conflict, compromise, capitulation), each actor takes one offer, and the
  rounds repeat until positions stop moving.

The median and the mean are exact (:class:`fractions.Fraction`) when every
input is an exact rational; the expected-utility model is computed in float64
(its risk exponents make it irrational).

One module, beside the other bargaining models: the model is one concept (one
issue, one set of actors) and needs no private helpers of its own.

References
----------
.. [1] Black, D. (1948). On the rationale of group decision-making. *Journal of
   Political Economy* 56(1), 23-34.
.. [2] Bueno de Mesquita, B. (1994). Political forecasting: an expected utility
   method. In B. Bueno de Mesquita and F. Stokman (eds.), *European Community
   Decision Making*, Yale University Press, 71-104.
.. [3] Bueno de Mesquita, B. (2002). *Predicting Politics*. Ohio State
   University Press.
.. [4] Scholz, J. B., Calbert, G. J. and Smith, G. A. (2011). Unravelling Bueno
   de Mesquita's group decision model. *Journal of Theoretical Politics* 23(4),
   510-531.

Examples
--------
>>> from gametheory_af.bargaining.forecasting import Actor, Issue, weighted_median, weighted_mean
>>> issue = Issue("tax rate", 0, 100, [Actor("left", 20, 3, 1), Actor("centre", 50, 2, 1),
...                                    Actor("right", 90, 4, "1/2")])
>>> weighted_median(issue), weighted_mean(issue)
(Fraction(50, 1), Fraction(340, 7))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

from .._validation import _short, check_int, check_tol, parse_number
from ..exceptions import GameError
from ..result import ResultMixin
from ._checks import number

__all__ = [
    "Actor",
    "Issue",
    "Offer",
    "ForecastRound",
    "ForecastResult",
    "weighted_median",
    "weighted_mean",
    "expected_utility_model",
]

Number = Any  # Fraction when exact, else float

#: The most actors an issue may have (the model stores a few n-by-n float tables per round).
MAX_ACTORS = 2000
#: The most challenge rounds :func:`expected_utility_model` runs.
MAX_ROUNDS = 100_000

_KINDS = ("conflict", "compromise", "capitulation")


def _num(value: Any, name: str, caller: str, **bounds: Any) -> Number:
    """A number, also accepted as text (``"2/3"``, ``"0.8"``) read exactly."""
    if isinstance(value, str):
        value = parse_number(value, name, caller)
    return number(value, name, caller, **bounds)


def _text(x: Number) -> str:
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    return repr(x)


# ============================================================================ inputs
@dataclass(frozen=True)
class Actor:
    """One actor of an issue: a name, a position, a capability and a salience.

    Parameters
    ----------
    name : str
        A non-empty name, unique within its :class:`Issue`.
    position : number or str
        The outcome the actor advocates, on the issue's scale. Text such as
        ``"2/3"`` is read exactly.
    capability : number or str
        The resources the actor can bring to bear; ``>= 0``.
    salience : number or str
        How much the actor cares about the issue, in ``[0, 1]``.

    Raises
    ------
    GameError
        When a number is out of range (the message names the argument and the value).
    TypeError
        When the name is not a string or a number is not a number.

    Examples
    --------
    >>> Actor("Pakistan", 35, 25, "4/5")
    Actor('Pakistan', position=35, capability=25, salience=4/5)
    >>> Actor("X", 1, -2, 1)
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: Actor: capability must be >= 0 (resources); got -2.
    """

    name: str
    position: Number
    capability: Number
    salience: Number

    def __post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise TypeError(f"Actor: name must be a string; got {_short(self.name)} ({type(self.name).__name__}).")
        if not self.name.strip() or len(self.name) > 200:
            raise GameError(f"Actor: name must be non-empty text of at most 200 characters; got {_short(self.name)}.")
        object.__setattr__(self, "position", _num(self.position, "position", "Actor"))
        object.__setattr__(self, "capability", _num(self.capability, "capability", "Actor", minimum=0, what=">= 0 (resources)"))
        object.__setattr__(
            self, "salience", _num(self.salience, "salience", "Actor", minimum=0, maximum=1, what="in [0, 1]")
        )

    @property
    def weight(self) -> Number:
        """Capability times salience: the actor's say in votes and in the median."""
        return self.capability * self.salience

    def replace(self, **changes: Any) -> Actor:
        """A copy with some fields changed (validated again).

        Parameters
        ----------
        **changes
            New values of ``name``, ``position``, ``capability`` or ``salience``.

        Returns
        -------
        Actor

        Examples
        --------
        >>> Actor("US", 70, 40, "3/10").replace(salience=1).salience
        Fraction(1, 1)
        """
        values = {"name": self.name, "position": self.position, "capability": self.capability, "salience": self.salience}
        unknown = sorted(set(changes) - set(values))
        if unknown:
            raise GameError(f"Actor.replace: unknown field(s) {unknown}; the fields are {sorted(values)}.")
        values.update(changes)
        return Actor(**values)

    def to_dict(self) -> dict[str, Any]:
        """The actor as JSON-ready values (exact numbers as text such as ``"4/5"``).

        Returns
        -------
        dict
            ``name``, ``position``, ``capability`` and ``salience``.

        Examples
        --------
        >>> Actor("US", 70, 40, "3/10").to_dict()
        {'name': 'US', 'position': '70', 'capability': '40', 'salience': '3/10'}
        """
        return {
            "name": self.name,
            "position": _text(self.position),
            "capability": _text(self.capability),
            "salience": _text(self.salience),
        }

    def __repr__(self) -> str:
        return (
            f"Actor({self.name!r}, position={_text(self.position)}, capability={_text(self.capability)}, "
            f"salience={_text(self.salience)})"
        )


@dataclass(frozen=True)
class Issue:
    """An issue: a scale ``[lo, hi]`` and the actors with positions on it.

    Parameters
    ----------
    name : str
        What is decided.
    lo, hi : number or str
        The ends of the issue scale, ``lo < hi``.
    actors : iterable of Actor
        At least one actor, distinct names, every position in ``[lo, hi]``, and
        a positive total weight (some actor with capability and salience above 0).

    Examples
    --------
    >>> issue = Issue("budget", 0, 10, [Actor("a", 2, 1, 1), Actor("b", 8, 1, 1)])
    >>> issue.names, issue.weights
    (('a', 'b'), (Fraction(1, 1), Fraction(1, 1)))
    >>> Issue("budget", 0, 10, [Actor("a", 12, 1, 1)])
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: Issue: actor 'a' has position 12, outside the scale [0, 10].
    """

    name: str
    lo: Number
    hi: Number
    actors: tuple[Actor, ...] = field(default=())

    def __post_init__(self) -> None:
        caller = "Issue"
        if not isinstance(self.name, str):
            raise TypeError(f"{caller}: name must be a string; got {_short(self.name)} ({type(self.name).__name__}).")
        lo = _num(self.lo, "lo", caller)
        hi = _num(self.hi, "hi", caller)
        if not lo < hi:
            raise GameError(f"{caller}: lo must be below hi; got lo={_text(lo)}, hi={_text(hi)}.")
        if isinstance(self.actors, (str, bytes, Actor)) or not isinstance(self.actors, Iterable):
            raise GameError(f"{caller}: actors must be a sequence of Actor; got {_short(self.actors)}.")
        actors = tuple(self.actors)
        if not 1 <= len(actors) <= MAX_ACTORS:
            raise GameError(f"{caller}: actors must hold 1 to {MAX_ACTORS} actors; got {len(actors)}.")
        seen: set[str] = set()
        for a in actors:
            if not isinstance(a, Actor):
                raise TypeError(f"{caller}: actors must be Actor objects; got {_short(a)} ({type(a).__name__}).")
            if a.name in seen:
                raise GameError(f"{caller}: actor names must be distinct; {a.name!r} appears twice.")
            seen.add(a.name)
            if not lo <= a.position <= hi:
                raise GameError(
                    f"{caller}: actor {a.name!r} has position {_text(a.position)}, outside the scale [{_text(lo)}, {_text(hi)}]."
                )
        if not sum(a.weight for a in actors) > 0:
            raise GameError(f"{caller}: some actor must have capability and salience above 0; every weight is 0.")
        object.__setattr__(self, "lo", lo)
        object.__setattr__(self, "hi", hi)
        object.__setattr__(self, "actors", actors)

    @property
    def names(self) -> tuple[str, ...]:
        """The actors' names, in order."""
        return tuple(a.name for a in self.actors)

    @property
    def positions(self) -> tuple[Number, ...]:
        """The actors' positions, in order."""
        return tuple(a.position for a in self.actors)

    @property
    def weights(self) -> tuple[Number, ...]:
        """The actors' weights ``capability * salience``, in order."""
        return tuple(a.weight for a in self.actors)

    def actor(self, name: str) -> Actor:
        """The actor called *name*.

        Parameters
        ----------
        name : str

        Returns
        -------
        Actor

        Examples
        --------
        >>> Issue("i", 0, 1, [Actor("a", 0, 1, 1)]).actor("b")
        Traceback (most recent call last):
        ...
        gametheory_af.exceptions.GameError: Issue.actor: no actor called 'b'; the actors are ['a'].
        """
        for a in self.actors:
            if a.name == name:
                return a
        raise GameError(f"Issue.actor: no actor called {_short(name)}; the actors are {list(self.names)}.")

    def replace_actor(self, name: str, **changes: Any) -> Issue:
        """A new issue with actor *name*'s fields changed.

        Parameters
        ----------
        name : str
            The actor to change.
        **changes
            New values of its ``position``, ``capability``, ``salience`` (or ``name``).

        Returns
        -------
        Issue

        Examples
        --------
        >>> issue = Issue("i", 0, 1, [Actor("a", 0, 1, 1), Actor("b", 1, 1, 1)])
        >>> issue.replace_actor("b", capability=3).weights
        (Fraction(1, 1), Fraction(3, 1))
        """
        target = self.actor(name)
        return Issue(self.name, self.lo, self.hi, tuple(a.replace(**changes) if a is target else a for a in self.actors))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Issue:
        """An issue from a mapping: ``name``, ``lo``, ``hi`` and ``actor`` (a list of mappings).

        Keys ending in ``_why`` and the keys ``source`` and ``description`` are
        documentation and are skipped; any other unknown key is refused.

        Parameters
        ----------
        data : mapping
            For example a parsed TOML file.

        Returns
        -------
        Issue

        Examples
        --------
        >>> Issue.from_dict({"name": "i", "lo": 0, "hi": 1,
        ...                  "actor": [{"name": "a", "position": "1/2", "capability": 1, "salience": 1}]}).positions
        (Fraction(1, 2),)
        """
        caller = "Issue.from_dict"
        if not isinstance(data, Mapping):
            raise GameError(f"{caller}: data must be a mapping; got {_short(data)}.")
        doc = {"source", "description"}
        unknown = sorted(k for k in data if k not in {"name", "lo", "hi", "actor"} | doc and not str(k).endswith("_why"))
        if unknown:
            raise GameError(f"{caller}: unknown key(s) {unknown}; expected name, lo, hi and actor.")
        for key in ("name", "lo", "hi", "actor"):
            if key not in data:
                raise GameError(f"{caller}: missing key {key!r}.")
        rows = data["actor"]
        if not isinstance(rows, list):
            raise GameError(f"{caller}: actor must be a list of tables; got {_short(rows)}.")
        actors = []
        fields = ("name", "position", "capability", "salience")
        for row in rows:
            if not isinstance(row, Mapping):
                raise GameError(f"{caller}: each actor must be a table; got {_short(row)}.")
            bad = sorted(k for k in row if k not in fields and k not in doc and not str(k).endswith("_why"))
            missing = [k for k in fields if k not in row]
            if bad or missing:
                raise GameError(f"{caller}: actor {_short(row.get('name'))} has unknown keys {bad} or misses {missing}.")
            actors.append(Actor(*(row[k] for k in fields)))
        return cls(data["name"], data["lo"], data["hi"], tuple(actors))

    def to_dict(self) -> dict[str, Any]:
        """The issue as JSON-ready values.

        Returns
        -------
        dict
            ``name``, ``lo``, ``hi`` and ``actor`` (one dict per actor).

        Examples
        --------
        >>> Issue("i", 0, 1, [Actor("a", 0, 1, 1)]).to_dict()["actor"][0]["name"]
        'a'
        """
        return {"name": self.name, "lo": _text(self.lo), "hi": _text(self.hi), "actor": [a.to_dict() for a in self.actors]}


# ============================================================================ median and mean
def _check_issue(issue: Any, caller: str) -> Issue:
    if not isinstance(issue, Issue):
        raise TypeError(f"{caller}: issue must be an Issue; got {_short(issue)} ({type(issue).__name__}).")
    return issue


def _unify(values: Iterable[Number]) -> list[Number]:
    vals = list(values)
    return vals if all(isinstance(v, Fraction) for v in vals) else [float(v) for v in vals]


def weighted_median(issue: Issue) -> Number:
    """The weighted median position: where capability times salience splits in half.

    Sort the positions; the median is the position at which the cumulative
    weight first reaches half the total. **Tie rule**: when the weight up to
    some position is exactly half the total, every point between that position
    and the next one is a median, and the midpoint of the two is returned (so
    the answer is symmetric: reflecting the scale reflects it). Actors of
    weight 0 do not count.

    Parameters
    ----------
    issue : Issue

    Returns
    -------
    Fraction or float
        Exact when every position, capability and salience is exact.

    Notes
    -----
    Black (1948): with single-peaked preferences on a line, the median voter's
    position beats every other in a pairwise vote; with votes weighted by
    :math:`c_i s_i` it is the forecast of Bueno de Mesquita's basic model.

    Examples
    --------
    Weights 3, 2 and 2 (total 7): the cumulative weight reaches 7/2 at 50.

    >>> issue = Issue("i", 0, 100, [Actor("a", 20, 3, 1), Actor("b", 50, 2, 1), Actor("c", 90, 4, "1/2")])
    >>> weighted_median(issue)
    Fraction(50, 1)

    Two actors of equal weight split it exactly: the midpoint.

    >>> weighted_median(Issue("i", 0, 100, [Actor("a", 0, 1, 1), Actor("b", 100, 1, 1)]))
    Fraction(50, 1)
    """
    issue = _check_issue(issue, "weighted_median")
    pairs = sorted((p, w) for p, w in zip(issue.positions, issue.weights, strict=True) if w > 0)
    values = _unify([v for pair in pairs for v in pair])
    pos, wts = values[0::2], values[1::2]
    total = sum(wts)
    half = total / 2
    acc: Number = 0
    for k, (p, w) in enumerate(zip(pos, wts, strict=True)):
        acc += w
        if acc > half:
            return p
        if acc == half:
            return (p + pos[k + 1]) / 2
    raise AssertionError("unreachable: the cumulative weight reaches the total")  # pragma: no cover


def weighted_mean(issue: Issue) -> Number:
    r"""The weighted mean position :math:`\sum_i w_i x_i / \sum_i w_i`, :math:`w_i = c_i s_i`.

    Parameters
    ----------
    issue : Issue

    Returns
    -------
    Fraction or float
        Exact when every input is exact.

    Examples
    --------
    Weights 3, 2 and 2: (3 * 20 + 2 * 50 + 2 * 90) / 7 = 340/7.

    >>> weighted_mean(Issue("i", 0, 100, [Actor("a", 20, 3, 1), Actor("b", 50, 2, 1), Actor("c", 90, 4, "1/2")]))
    Fraction(340, 7)
    """
    issue = _check_issue(issue, "weighted_mean")
    values = _unify([*issue.positions, *issue.weights])
    n = len(issue.actors)
    pos, wts = values[:n], values[n:]
    return sum(w * p for w, p in zip(wts, pos, strict=True)) / sum(wts)


# ============================================================================ the expected-utility model
class Offer(NamedTuple):
    """One offer of a round: *proposer* challenges *target* to move to *to_position*.

    An immutable named tuple (rounds of hundreds of actors make tens of
    thousands of offers).

    Parameters
    ----------
    proposer, target, kind, eu_proposer, eu_target, from_position, to_position, accepted : see Attributes

    Attributes
    ----------
    proposer, target : str
        Actor names.
    kind : str
        ``"conflict"`` (both expect to gain from a challenge, the proposer more),
        ``"compromise"`` (the target moves part of the way) or
        ``"capitulation"`` (the target moves all the way).
    eu_proposer : float
        The proposer's expected utility of the challenge, :math:`EU_i(ij)`.
    eu_target : float
        The proposer's estimate of the target's expected utility of challenging
        back, :math:`EU_j(ji)` evaluated with the proposer's risk exponent.
    from_position, to_position : float
        The target's position at the start of the round and the offered one.
    accepted : bool
        Whether the target took this offer (each target takes at most one).
    """

    proposer: str
    target: str
    kind: str
    eu_proposer: float
    eu_target: float
    from_position: float
    to_position: float
    accepted: bool

    def to_dict(self) -> dict[str, Any]:
        """The offer as JSON-ready values.

        Returns
        -------
        dict
            One entry per field.
        """
        return dict(self._asdict())

    def __repr__(self) -> str:
        mark = "accepted" if self.accepted else "declined"
        return (
            f"Offer({self.proposer} -> {self.target}: {self.kind}, {self.from_position:.6g} -> "
            f"{self.to_position:.6g}, {mark})"
        )


@dataclass(frozen=True)
class ForecastRound:
    """The state at the start of one round and the offers made in it.

    Parameters
    ----------
    number, positions, median, mean, risk, offers : see Attributes

    Attributes
    ----------
    number : int
        0 for the actors' initial positions.
    positions : tuple of float
        Each actor's position at the start of the round (in the issue's order).
    median, mean : float
        The weighted median and mean of these positions.
    risk : tuple of float
        Each actor's risk exponent :math:`r_i \\in [1/2, 2]` in this round.
    offers : tuple of Offer
        The offers made in this round (empty in the last round).
    """

    number: int
    positions: tuple[float, ...]
    median: float
    mean: float
    risk: tuple[float, ...]
    offers: tuple[Offer, ...]

    def to_dict(self) -> dict[str, Any]:
        """The round as JSON-ready values.

        Returns
        -------
        dict
            One entry per field, the offers as dicts.
        """
        return {
            "number": self.number,
            "positions": list(self.positions),
            "median": self.median,
            "mean": self.mean,
            "risk": list(self.risk),
            "offers": [o.to_dict() for o in self.offers],
        }


@dataclass(frozen=True, eq=False)
class ForecastResult(ResultMixin):
    """The outcome of :func:`expected_utility_model`.

    Parameters
    ----------
    issue, rounds, forecast, converged, status_quo_probability, improvement_probability : see Attributes

    Attributes
    ----------
    issue : Issue
        The input.
    rounds : tuple of ForecastRound
        Round 0 holds the initial positions; each later round the positions
        after the previous round's accepted offers. When the model converged,
        the last round's offers move no one by more than ``tol`` (they are
        listed, not applied).
    forecast : float
        The weighted median of the last round's positions: the model's forecast.
    converged : bool
        True when positions stopped moving (no move larger than ``tol`` times
        the scale's width) before ``max_rounds``.
    status_quo_probability, improvement_probability : float
        The model's :math:`Q` and :math:`T`.
    """

    issue: Issue
    rounds: tuple[ForecastRound, ...]
    forecast: float
    converged: bool
    status_quo_probability: float
    improvement_probability: float

    @property
    def n_rounds(self) -> int:
        """The number of rounds whose offers moved positions (``len(rounds) - 1``)."""
        return len(self.rounds) - 1

    @property
    def positions(self) -> dict[str, float]:
        """The final position of each actor."""
        return dict(zip(self.issue.names, self.rounds[-1].positions, strict=True))

    @property
    def forecasts(self) -> tuple[float, ...]:
        """The forecast (weighted median) of every round, round 0 first."""
        return tuple(r.median for r in self.rounds)

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready values.

        Returns
        -------
        dict
            The issue, the forecast, ``converged``, :math:`Q`, :math:`T` and the rounds.

        Examples
        --------
        >>> issue = Issue("i", 0, 1, [Actor("A", 0, 3, 1), Actor("B", 1, 1, 1)])
        >>> sorted(expected_utility_model(issue).to_dict())
        ['converged', 'forecast', 'improvement_probability', 'issue', 'rounds', 'status_quo_probability']
        """
        return {
            "issue": self.issue.to_dict(),
            "forecast": self.forecast,
            "converged": self.converged,
            "status_quo_probability": self.status_quo_probability,
            "improvement_probability": self.improvement_probability,
            "rounds": [r.to_dict() for r in self.rounds],
        }

    def __repr__(self) -> str:
        state = "converged" if self.converged else "not converged"
        lines = [
            f"ForecastResult({self.issue.name!r}: forecast {self.forecast:.6g} after {self.n_rounds} round(s), {state};",
            f"  round 0 median {self.rounds[0].median:.6g}, mean {self.rounds[0].mean:.6g}",
        ]
        for r in self.rounds[:-1]:
            kinds = {k: sum(o.kind == k for o in r.offers if o.accepted) for k in _KINDS}
            moved = ", ".join(f"{k} {v}" for k, v in kinds.items() if v) or "none"
            nxt = self.rounds[r.number + 1]
            lines.append(f"  round {r.number + 1}: accepted offers: {moved}; median {nxt.median:.6g}, mean {nxt.mean:.6g}")
        return "\n".join(lines) + ")"


def _median_float(x: np.ndarray, w: np.ndarray) -> float:
    order = np.lexsort((w, x))
    xs, ws = x[order], w[order]
    keep = ws > 0
    xs, ws = xs[keep], ws[keep]
    acc = np.cumsum(ws)
    half = acc[-1] / 2
    k = int(np.searchsorted(acc, half))  # first index with acc >= half
    if acc[k] == half:
        return float((xs[k] + xs[k + 1]) / 2)
    return float(xs[k])


def _utility(d: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Bueno de Mesquita's utility of an outcome at normalised distance-like term *d*: 2 - 4 (1/2 + d)^r."""
    out: np.ndarray = 2.0 - 4.0 * np.power(0.5 + d, r)
    return out


def _expected_utility(
    d: np.ndarray, d_med: np.ndarray, p: np.ndarray, s_target: np.ndarray, r: np.ndarray, q: float, t: float
) -> np.ndarray:
    """EU of a challenge at pair distance *d* (normalised), challenger-median distance *d_med*."""
    u_success = _utility(-0.5 * d, r)
    u_failure = _utility(0.5 * d, r)
    u_sq = _utility(np.zeros_like(d), r)
    u_better = _utility(-0.25 * (d_med + d), r)
    u_worse = _utility(0.25 * (d_med + d), r)
    challenge = s_target * (p * u_success + (1 - p) * u_failure) + (1 - s_target) * u_success
    no_challenge = q * u_sq + (1 - q) * (t * u_better + (1 - t) * u_worse)
    out: np.ndarray = challenge - no_challenge
    return out


def _success_probabilities(z: np.ndarray, w: np.ndarray) -> np.ndarray:
    """P[i, j]: the weight of the votes for i over the weight of all votes, on i against j.

    Voter k's vote on i against j is w_k (|z_k - z_j| - |z_k - z_i|). On a line, for a = min(z_i, z_j)
    < b = max(z_i, z_j) and m = (a + b)/2: voters at or left of a give the lower one w_k (b - a),
    voters at or right of b give the upper one w_k (b - a), voters strictly between give
    w_k |a + b - 2 z_k| to the side of m they are on. So with prefix sums of w and w z over the sorted
    positions, each pair costs a few look-ups: O(n^2 log n) for all pairs instead of O(n^3).
    """
    order = np.argsort(z, kind="stable")
    zs = z[order]
    cum_w = np.concatenate(([0.0], np.cumsum(w[order])))
    cum_wz = np.concatenate(([0.0], np.cumsum(w[order] * zs)))
    a = np.minimum(z[:, None], z[None, :])
    b = np.maximum(z[:, None], z[None, :])
    m = (a + b) / 2
    le_a = np.searchsorted(zs, a, side="right")  # count of z <= a
    lt_m = np.searchsorted(zs, m, side="left")  # count of z < m
    le_m = np.searchsorted(zs, m, side="right")  # count of z <= m
    lt_b = np.searchsorted(zs, b, side="left")  # count of z < b
    gap = b - a
    lower_between = np.maximum((a + b) * (cum_w[lt_m] - cum_w[le_a]) - 2 * (cum_wz[lt_m] - cum_wz[le_a]), 0.0)
    upper_between = np.maximum(2 * (cum_wz[lt_b] - cum_wz[le_m]) - (a + b) * (cum_w[lt_b] - cum_w[le_m]), 0.0)
    lower = gap * cum_w[le_a] + lower_between
    upper = gap * (cum_w[-1] - cum_w[lt_b]) + upper_between
    total = np.where(gap > 0, lower + upper, 0.0)  # at equal positions every vote is 0
    mine = np.where(z[:, None] < z[None, :], lower, upper)  # i is the lower one of the pair, or the upper
    with np.errstate(invalid="ignore", divide="ignore"):
        out: np.ndarray = np.where(total > 0, mine / np.where(total > 0, total, 1.0), 0.5)
    return out


def _round(
    z: np.ndarray, c: np.ndarray, s: np.ndarray, q: float, t: float
) -> tuple[float, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One round on normalised positions *z*: median, risk r, P, EU_i(ij), i's estimate of EU_j(ji)."""
    n = z.shape[0]
    w = c * s
    active = w > 0
    med = _median_float(z, w)
    dist = np.abs(z[:, None] - z[None, :])  # dist[i, j] = |z_i - z_j|
    p = _success_probabilities(z, w)
    d_med = np.abs(z - med)
    ones = np.ones(n)
    # Security of each actor's position: its expected utility, risk-neutral (r = 1), of challenging
    # every other active actor; R in [-1, 1] ranks it between the least and the most secure.
    eu1 = _expected_utility(dist, d_med[:, None], p, s[None, :], ones[:, None], q, t)
    security = np.where(active[None, :], eu1, 0.0)
    np.fill_diagonal(security, 0.0)
    sec = security.sum(axis=1)
    act = sec[active]
    hi_s, lo_s = float(act.max()), float(act.min())
    if hi_s > lo_s:
        big_r = (2 * sec - hi_s - lo_s) / (hi_s - lo_s)
    else:
        big_r = np.zeros(n)
    big_r = np.where(active, np.clip(big_r, -1.0, 1.0), 0.0)
    risk = (1 - big_r / 3) / (1 + big_r / 3)
    eu_own = _expected_utility(dist, d_med[:, None], p, s[None, :], risk[:, None], q, t)
    # i's estimate of j's expected utility of challenging i, with i's own risk exponent.
    eu_other = _expected_utility(dist, d_med[None, :], p.T, s[:, None], risk[:, None], q, t)
    return med, risk, p, eu_own, eu_other


def expected_utility_model(
    issue: Issue,
    *,
    status_quo_probability: Any = 1,
    improvement_probability: Any = 1,
    max_rounds: int = 100,
    tol: float = 1e-9,
) -> ForecastResult:
    r"""Bueno de Mesquita's expected-utility model: challenge rounds until positions settle.

    Positions are normalised to :math:`z_i = (x_i - lo)/(hi - lo) \in [0, 1]`;
    :math:`w_i = c_i s_i`; :math:`\mu` is the weighted median. Each round
    (after Scholz, Calbert and Smith 2011, section 3, who reconstruct Bueno de
    Mesquita 1994 and 2002):

    1. *Votes and the probability of success.* Actor :math:`k` votes on
       :math:`i` against :math:`j` with :math:`v_k^{ij} = w_k(|z_k - z_j| - |z_k -
       z_i|)`; :math:`P_{ij} = \sum_k \max(v_k^{ij}, 0) / \sum_k |v_k^{ij}|`
       (1/2 when nobody takes sides).
    2. *Utilities* with risk exponent :math:`r_i`:
       :math:`U^s = 2 - 4(1/2 - |z_i - z_j|/2)^{r_i}` (success),
       :math:`U^f = 2 - 4(1/2 + |z_i - z_j|/2)^{r_i}` (failure),
       :math:`U^{sq} = 2 - 4(1/2)^{r_i}` (status quo),
       :math:`U^{b}, U^{w} = 2 - 4(1/2 \mp (|z_i - \mu| + |z_i - z_j|)/4)^{r_i}`
       (things get better or worse without a challenge).
    3. *Expected utility of i challenging j*:
       :math:`EU_i(ij) = s_j(P_{ij}U^s + (1 - P_{ij})U^f) + (1 - s_j)U^s -
       Q\,U^{sq} - (1 - Q)(T\,U^b + (1 - T)U^w)` (a target that does not care,
       :math:`s_j = 0`, gives in).
    4. *Risk.* The security of i's position is :math:`S_i = \sum_{j \ne i}
       EU_i(ij)` at :math:`r = 1`; :math:`R_i = (2S_i - \max_k S_k - \min_k
       S_k)/(\max_k S_k - \min_k S_k) \in [-1, 1]` (0 when all are equal) and
       :math:`r_i = (1 - R_i/3)/(1 + R_i/3) \in [1/2, 2]`.
    5. *Offers.* Actor i (of positive weight) challenges j (at another
       position) when :math:`EU_i(ij) > 0`; with :math:`E_j` i's estimate of
       :math:`EU_j(ji)` (computed with i's exponent :math:`r_i`):

       * **conflict** when :math:`EU_i(ij) > E_j > 0`: i demands that j move
         to :math:`x_i` (if :math:`0 < EU_i(ij) \le E_j`, i makes no offer: j
         is the stronger challenger);
       * **capitulation** when :math:`E_j \le 0` and :math:`EU_i(ij) > |E_j|`:
         j moves to :math:`x_i`;
       * **compromise** when :math:`E_j < 0` and :math:`EU_i(ij) \le |E_j|`:
         j moves the fraction :math:`EU_i(ij)/|E_j|` of the way to :math:`x_i`.
    6. *Acceptance.* Each actor takes, of the offers it receives, the one that
       moves it least (ties: the proposer with the larger :math:`EU_i(ij)`,
       then the first name in alphabetical order) and moves there; all moves
       are simultaneous.

    The rounds stop when no position moves by more than ``tol`` times
    :math:`hi - lo`, or after ``max_rounds``.

    Parameters
    ----------
    issue : Issue
    status_quo_probability : number, default 1
        :math:`Q`, the probability that the status quo persists when i does not
        challenge (Scholz et al. set 1).
    improvement_probability : number, default 1
        :math:`T`, the probability that, if the status quo does not persist,
        things get better for i; it matters only when :math:`Q < 1`.
    max_rounds : int, default 100
        At most this many challenge rounds (1 to 100,000).
    tol : float, default 1e-9
        Convergence threshold, relative to the scale's width.

    Returns
    -------
    ForecastResult

    Raises
    ------
    GameError
        When :math:`Q` or :math:`T` is outside [0, 1], ``max_rounds`` is out of range
        or ``tol`` is negative.

    Notes
    -----
    Choices where the published accounts leave room, stated here as the
    model's assumptions: positions are normalised by the issue's scale (not by
    the spread of the current positions); actors of weight 0 are bystanders:
    they neither vote, challenge, nor enter the risk ranking, but they receive
    offers (so adding one changes no other actor's path); the computation runs
    in the alphabetical order of the names, so the order of the actors changes
    nothing. Positions only move towards other actors' positions, so they stay
    in :math:`[lo, hi]`. Capabilities enter only through ratios: scaling all of
    them by one factor changes nothing. The model is deterministic; it need not
    converge (Scholz et al. discuss cycles), hence ``max_rounds``.

    Cost per round: :math:`O(n^2 \log n)` time (the votes by prefix sums over the
    sorted positions) and :math:`O(n^2)` memory (a few :math:`n \times n` float
    tables: about 1 GB at the limit of 2,000 actors).

    Examples
    --------
    A strong actor at 0 (capability 3) and a weak one at 1 (capability 1):
    the weak one capitulates in the first round.

    >>> issue = Issue("i", 0, 1, [Actor("A", 0, 3, 1), Actor("B", 1, 1, 1)])
    >>> res = expected_utility_model(issue)
    >>> res.forecasts, res.positions
    ((0.0, 0.0), {'A': 0.0, 'B': 0.0})
    >>> res.n_rounds, res.converged
    (1, True)
    >>> res.rounds[0].offers
    (Offer(A -> B: capitulation, 1 -> 0, accepted),)
    """
    caller = "expected_utility_model"
    issue = _check_issue(issue, caller)
    q = float(_num(status_quo_probability, "status_quo_probability", caller, minimum=0, maximum=1, what="a probability in [0, 1]"))
    t = float(_num(improvement_probability, "improvement_probability", caller, minimum=0, maximum=1, what="a probability in [0, 1]"))
    max_rounds = check_int(max_rounds, "max_rounds", caller, minimum=1, maximum=MAX_ROUNDS)
    tol = check_tol(tol, caller)

    names = issue.names
    order = sorted(range(len(names)), key=lambda i: names[i])  # canonical order: by name
    inv = np.empty(len(order), dtype=int)
    inv[order] = np.arange(len(order))
    lo, hi = float(issue.lo), float(issue.hi)
    width = hi - lo
    c = np.array([float(issue.actors[i].capability) for i in order])
    s = np.array([float(issue.actors[i].salience) for i in order])
    c = c / c.max()  # capabilities enter only through ratios
    x = np.array([float(issue.actors[i].position) for i in order])
    cnames = [names[i] for i in order]
    w = c * s
    rounds: list[ForecastRound] = []
    converged = False
    number_ = 0
    while True:  # ends at convergence or after max_rounds rounds of offers
        z = (x - lo) / width
        med, risk, _p, eu_own, eu_other = _round(z, c, s, q, t)
        mean = float(np.clip(np.dot(w, x) / w.sum(), x.min(), x.max()))  # no rounding beyond the positions
        if number_ == max_rounds:
            rounds.append(_make_round(number_, x, lo + width * med, mean, risk, (), inv))
            break
        new_x, offers = _offers(x, eu_own, eu_other, w > 0, cnames)
        rounds.append(_make_round(number_, x, lo + width * med, mean, risk, offers, inv))
        if float(np.max(np.abs(new_x - x))) <= tol * width:
            converged = True
            break
        x = new_x
        number_ += 1
    return ForecastResult(issue, tuple(rounds), rounds[-1].median, converged, q, t)


def _make_round(
    number_: int, x: np.ndarray, med: float, mean: float, risk: np.ndarray, offers: tuple[Offer, ...], inv: np.ndarray
) -> ForecastRound:
    return ForecastRound(
        number_,
        tuple(float(v) for v in x[inv]),
        float(med),
        mean,
        tuple(float(v) for v in risk[inv]),
        offers,
    )


def _offers(
    x: np.ndarray, eu_own: np.ndarray, eu_other: np.ndarray, active: np.ndarray, names: list[str]
) -> tuple[np.ndarray, tuple[Offer, ...]]:
    """The offers of one round (in canonical order) and the positions after each target takes one."""
    n = x.shape[0]
    differ = x[:, None] != x[None, :]
    challenge = (eu_own > 0) & differ & active[:, None]
    conflict = challenge & (eu_other > 0) & (eu_own > eu_other)
    capitulation = challenge & (eu_other <= 0) & (eu_own > -eu_other)
    compromise = challenge & (eu_other < 0) & (eu_own <= -eu_other)
    kind = np.full((n, n), -1)
    kind[conflict] = 0
    kind[compromise] = 1
    kind[capitulation] = 2
    with np.errstate(invalid="ignore", divide="ignore"):
        frac = np.where(kind == 1, eu_own / np.where(kind == 1, -eu_other, 1.0), 1.0)
    target_pos = x[None, :] + frac * (x[:, None] - x[None, :])  # [i, j]: where i asks j to go
    # Offers in canonical (row-major: proposer, then target) order. Each target takes the offer that moves
    # it least, then the one whose proposer expects most, then the proposer first by name (its index).
    prop, targ = np.nonzero(kind >= 0)
    to = target_pos[prop, targ]
    own = eu_own[prop, targ]
    pick = np.lexsort((prop, -own, np.abs(to - x[targ]), targ))
    first = pick[np.r_[True, targ[pick][1:] != targ[pick][:-1]]] if pick.size else pick
    new_x = x.copy()
    new_x[targ[first]] = to[first]
    accepted = np.zeros(prop.shape[0], dtype=bool)
    accepted[first] = True
    offers = [
        Offer(names[i], names[j], _KINDS[k], e, f, a, b, ok)
        for i, j, k, e, f, a, b, ok in zip(
            prop.tolist(),
            targ.tolist(),
            kind[prop, targ].tolist(),
            own.tolist(),
            eu_other[prop, targ].tolist(),
            x[targ].tolist(),
            to.tolist(),
            accepted.tolist(),
            strict=True,
        )
    ]
    return new_x, tuple(offers)
