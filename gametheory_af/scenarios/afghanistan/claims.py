r"""The op-ed's five claims, checked in the sense the op-ed means, exactly at a point and vectorized over the box.

Two senses of "power sharing is an equilibrium at leverage :math:`\ell`"
(with the US withdrawal fixed: it is the policy being compared):

*narrow*
    with Pakistan pressing at :math:`\ell`, neither the government nor the
    Taliban gains by abandoning the agreement (the sense of
    :meth:`~gametheory_af.scenarios.afghanistan.Model.leverage_threshold`);
*full*
    and pressing is itself Pakistan's best response: it does not gain by
    sheltering the Taliban instead (the op-ed's sense: Pakistan is a party
    with interests of its own, not an instrument).

Every payoff of the government and the Taliban at the agreement is linear in
:math:`\ell`, and Pakistan's margin for pressing is linear on each side of
``guarantee_leverage``, so each set of leverages is an interval (the narrow
set) or a union of at most two intervals (Pakistan's and the full set). They
are found from the payoff tensor itself
(``_payoff_tensor``),
evaluated at the end points of the linear pieces: in exact arithmetic at one
point (:func:`leverage_sets`, :func:`check_claims`), or in floating point
over a whole sample of the box with one array operation per step
(:func:`claims_over_box`, about a millisecond per thousand points). The two
routes run the same code on different number types.

The verdicts:

``"holds"``
    in the full sense;
``"holds only without Pakistan's own incentive"``
    in the narrow sense, not in the full one;
``"does not hold"``
    not even in the narrow sense.

Examples
--------
>>> from gametheory_af.scenarios.afghanistan import model
>>> from gametheory_af.scenarios.afghanistan.claims import check_claims, leverage_sets
>>> s = leverage_sets(model().params, "calendar")
>>> s.narrow_threshold, s.full_threshold, s.full
(Fraction(29, 60), Fraction(29, 60), ((Fraction(29, 60), Fraction(737, 840)),))
>>> [c.verdict for c in check_claims(model())]
['holds', 'holds', 'holds', 'holds', 'holds']
>>> c = check_claims(model(taliban_win_before=0.5, taliban_win_after=0.75, taliban_surprise=0.15, pressing_cost=0.3))
>>> c[1].verdict
"holds only without Pakistan's own incentive"
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..._limits import check_count
from ..._validation import FrozenMapping, check_int, check_rng
from ..._validation import fraction_text as _fmt
from ...exceptions import GameError
from ...result import ResultMixin
from .parameters import Parameters
from .payoffs import (
    CALENDAR,
    CONDITIONS,
    FIGHT,
    GOV,
    NEGOTIATE,
    OFFENSIVE,
    PAK,
    PRESS,
    SHARE,
    SHELTER,
    TAL,
    _payoff_tensor,
    _withdrawal_index,
)

__all__ = [
    "VERDICTS",
    "CLAIMS",
    "ClaimVerdict",
    "LeverageSets",
    "ClaimsOverBox",
    "check_claims",
    "leverage_sets",
    "claims_over_box",
    "sets_over_box",
    "sample_box",
]

#: The three verdicts, best first (the codes of ``ClaimsOverBox.verdicts`` are 2, 1, 0).
VERDICTS: tuple[str, str, str] = ("holds", "holds only without Pakistan's own incentive", "does not hold")

#: The op-ed's five claims, in words (the order of the report).
CLAIMS: tuple[str, ...] = (
    "without Pakistan's pressure and with a calendar-based withdrawal, power sharing is not an equilibrium",
    "with enough leverage it is",
    "the leverage needed is no higher under a conditions-based withdrawal",
    "Pakistan's willingness to press grows with the refugee cost and the isolation cost",
    "decentralisation lowers the leverage needed",
)

_INF = float("inf")
#: Margins within this (relative) distance of zero count as ties in floating point (weak inequalities).
_TOL = 1e-12
#: Arrays of this many entries are live per point while the claims are evaluated (the memory bound).
_ENTRIES_PER_POINT = 400


# ---------------------------------------------------------------------------- the sets, on arrays
def _margins(values: Mapping[str, Any], ell: Any, w: int) -> tuple[Any, Any, Any]:
    """(government, Taliban, Pakistan) margins for the agreement at leverage *ell* (arrays)."""
    v = dict(values)
    v["leverage"] = ell
    u = _payoff_tensor(v)
    deal = (SHARE, NEGOTIATE, PRESS, w)
    gov = u[(GOV, *deal)] - u[(GOV, FIGHT, NEGOTIATE, PRESS, w)]
    tal = u[(TAL, *deal)] - u[(TAL, SHARE, OFFENSIVE, PRESS, w)]
    pak = u[(PAK, *deal)] - u[(PAK, SHARE, NEGOTIATE, SHELTER, w)]
    return gov, tal, pak


def _nonneg(m: Any, exact: bool) -> Any:
    return m >= 0 if exact else m >= -_TOL


def _piece(a: Any, b: Any, ma: Any, mb: Any, exact: bool) -> tuple[Any, Any]:
    """Where the linear interpolation of (a, ma), (b, mb) is >= 0 on [a, b]: (lo, hi), empty as (inf, -inf)."""
    pa, pb = _nonneg(ma, exact), _nonneg(mb, exact)
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = np.where(ma == mb, 1, ma - mb)
        cross = a + (b - a) * ma / denom
    lo = np.where(pa, a, np.where(pb, cross, _INF))
    hi = np.where(pb, b, np.where(pa, cross, -_INF))
    return lo, hi


def _meet(*intervals: tuple[Any, Any]) -> tuple[Any, Any]:
    lo = intervals[0][0]
    hi = intervals[0][1]
    for a, b in intervals[1:]:
        lo = np.maximum(lo, a)
        hi = np.minimum(hi, b)
    empty = lo > hi
    return np.where(empty, _INF, lo), np.where(empty, -_INF, hi)


class _Sets:
    """The narrow, Pakistan's and the full sets of one withdrawal, over arrays of parameter values."""

    def __init__(self, values: Mapping[str, Any], w: int, exact: bool) -> None:
        top = Parameters.info()["leverage"].upper
        one = values["leverage"] * 0
        zero, cap = one + 0, one + (Fraction(top) if exact else float(top))
        kink = np.minimum(values["guarantee_leverage"], cap)
        g0, t0, p0 = _margins(values, zero, w)
        g1, t1, p1 = _margins(values, cap, w)
        _, _, pk = _margins(values, kink, w)
        self.narrow = _meet(_piece(zero, cap, g0, g1, exact), _piece(zero, cap, t0, t1, exact))
        self.press = (_piece(zero, kink, p0, pk, exact), _piece(kink, cap, pk, p1, exact))
        self.full = (_meet(self.narrow, self.press[0]), _meet(self.narrow, self.press[1]))
        self.narrow_threshold = self.narrow[0]
        self.full_threshold = np.minimum(self.full[0][0], self.full[1][0])
        self.full_sup = np.maximum(self.full[0][1], self.full[1][1])
        self.margins_at_zero = (g0, t0)


def _arrays(values: Mapping[str, Any], caller: str) -> tuple[dict[str, np.ndarray], int]:
    if not isinstance(values, Mapping):
        raise GameError(f"{caller}: values must be a mapping of parameter name -> array; got {type(values).__name__}.")
    names = Parameters.names()
    unknown = [k for k in values if k not in names]
    if unknown:
        raise GameError(f"{caller}: unknown parameter {unknown[0]!r}; parameters are {list(names)}.")
    info = Parameters.info()
    out: dict[str, np.ndarray] = {}
    n = None
    for k in names:
        if k not in values:
            continue
        try:
            a = np.asarray(values[k], dtype=float)
        except (TypeError, ValueError):
            raise GameError(f"{caller}: values[{k!r}] must be an array of numbers.") from None
        if a.ndim > 1:
            raise GameError(f"{caller}: values[{k!r}] must be one-dimensional; got shape {a.shape}.")
        a = np.atleast_1d(a)
        if n is None:
            n = a.size
        elif a.size != n and a.size != 1:
            raise GameError(f"{caller}: values[{k!r}] has {a.size} entries; the others have {n}.")
        bad = ~np.isfinite(a) | (a < float(info[k].lower)) | (a > float(info[k].upper))
        if bad.any():
            i = int(np.argmax(bad))
            raise GameError(
                f"{caller}: values[{k!r}][{i}] = {float(a[i])!r} is outside the bounds "
                f"[{_fmt(info[k].lower)}, {_fmt(info[k].upper)}] (or not finite)."
            )
        out[k] = a
    n = 1 if n is None else n
    check_count(n * _ENTRIES_PER_POINT, "max_entries", "array entries (about 400 per point of the sample)", caller)
    full = {k: (out[k] if k in out and out[k].size == n else np.full(n, float(out[k][0]) if k in out else float(info[k].default))) for k in names}
    return full, n


# ---------------------------------------------------------------------------- exact, one point
@dataclass(frozen=True, eq=False)
class LeverageSets(ResultMixin):
    """The leverages at which power sharing is an equilibrium, in each sense, exactly (one withdrawal).

    Parameters
    ----------
    withdrawal, narrow, press, full, narrow_threshold, full_threshold : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    withdrawal : str
        ``"calendar"`` or ``"conditions"``.
    narrow : tuple of Fraction or None
        ``(lo, hi)``: leverages in ``[0, 2]`` at which the government and the
        Taliban accept (Pakistan pressing); ``None`` if none.
    press : tuple of (Fraction, Fraction)
        Leverages at which pressing is Pakistan's best response at the
        agreement (at most two intervals; empty tuple if none).
    full : tuple of (Fraction, Fraction)
        Their intersection: power sharing in the full sense.
    narrow_threshold, full_threshold : Fraction or None
        The least leverage of each set (``None``: never within the bounds).

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan import Parameters
    >>> from gametheory_af.scenarios.afghanistan.claims import leverage_sets
    >>> leverage_sets(Parameters(), "conditions").full
    ((Fraction(1, 12), Fraction(737, 840)),)
    """

    withdrawal: str
    narrow: tuple[Fraction, Fraction] | None
    press: tuple[tuple[Fraction, Fraction], ...]
    full: tuple[tuple[Fraction, Fraction], ...]
    narrow_threshold: Fraction | None
    full_threshold: Fraction | None

    def describe(self) -> str:
        """The sets in words, one line.

        Returns
        -------
        str
        """
        return (
            f"{self.withdrawal}-based withdrawal: the government and the Taliban accept for "
            f"{_set_text((self.narrow,) if self.narrow else ())}; pressing is Pakistan's best response for "
            f"{_set_text(self.press)}; both (the full sense) for {_set_text(self.full)}"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (exact values as strings beside floats).

        Returns
        -------
        dict
        """

        def iv(x: tuple[Fraction, Fraction]) -> dict[str, Any]:
            return {"lo": float(x[0]), "hi": float(x[1]), "lo_exact": _fmt(x[0]), "hi_exact": _fmt(x[1])}

        return {
            "withdrawal": self.withdrawal,
            "narrow": None if self.narrow is None else iv(self.narrow),
            "press": [iv(x) for x in self.press],
            "full": [iv(x) for x in self.full],
            "narrow_threshold": None if self.narrow_threshold is None else float(self.narrow_threshold),
            "narrow_threshold_exact": None if self.narrow_threshold is None else _fmt(self.narrow_threshold),
            "full_threshold": None if self.full_threshold is None else float(self.full_threshold),
            "full_threshold_exact": None if self.full_threshold is None else _fmt(self.full_threshold),
        }


def _set_text(ivs: Sequence[tuple[Fraction, Fraction]], number: Callable[[Fraction], str] | None = None) -> str:
    """A leverage set in words: ``"leverage in [a, b] and [c, d]"`` (a single point as its number).

    *number* writes each end point (default: the exact fraction when short, else three
    decimals); the flagship report passes the exact writer.
    """
    if not ivs:
        return "no leverage in [0, 2]"
    num = _num if number is None else number
    return "leverage in " + " and ".join(num(a) if a == b else f"[{num(a)}, {num(b)}]" for a, b in ivs)


def _num(x: Fraction) -> str:
    return _fmt(x) if x.denominator == 1 or len(_fmt(x)) <= 9 else f"{float(x):.3f}"


def _exact_values(params: Parameters) -> dict[str, np.ndarray]:
    return {k: np.array([v], dtype=object) for k, v in params.as_dict().items()}


def _intervals(pairs: tuple[tuple[Any, Any], ...]) -> tuple[tuple[Fraction, Fraction], ...]:
    out: list[tuple[Fraction, Fraction]] = []
    for lo, hi in pairs:
        a, b = lo[0], hi[0]
        if a <= b:
            if out and out[-1][1] >= a:  # adjacent pieces of the same set
                out[-1] = (out[-1][0], max(out[-1][1], b))
            else:
                out.append((Fraction(a), Fraction(b)))
    return tuple(out)


def _exact_sets(params: Parameters, w: int) -> _Sets:
    return _Sets(_exact_values(params), w, exact=True)


def leverage_sets(params: Parameters, withdrawal: str = "calendar") -> LeverageSets:
    """The leverages at which power sharing is an equilibrium, narrow and full, exactly.

    Parameters
    ----------
    params : Parameters
        The other parameters (``leverage`` itself is ignored: it is scanned over its bounds).
    withdrawal : {"calendar", "conditions"}

    Returns
    -------
    LeverageSets

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan import Parameters
    >>> from gametheory_af.scenarios.afghanistan.claims import leverage_sets
    >>> s = leverage_sets(Parameters(pressing_cost=0.5), "calendar")
    >>> s.narrow_threshold, s.full, s.full_threshold is None
    (Fraction(29, 60), (), True)
    """
    if not isinstance(params, Parameters):
        raise GameError(f"leverage_sets: params must be Parameters; got {type(params).__name__}.")
    w = _withdrawal_index(withdrawal, "leverage_sets")
    s = _exact_sets(params, w)
    narrow = _intervals((s.narrow,))
    full = _intervals(s.full)
    return LeverageSets(
        withdrawal="calendar" if w == CALENDAR else "conditions",
        narrow=narrow[0] if narrow else None,
        press=_intervals(s.press),
        full=full,
        narrow_threshold=narrow[0][0] if narrow else None,
        full_threshold=full[0][0] if full else None,
    )


@dataclass(frozen=True, eq=False)
class ClaimVerdict(ResultMixin):
    """One claim of the op-ed, checked in both senses, with the reason in words.

    Parameters
    ----------
    number, claim, verdict, narrow, full, reason : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    number : int
        1 to 5, in the order of :data:`CLAIMS`.
    claim : str
    verdict : str
        One of :data:`VERDICTS`.
    narrow, full : bool
        Whether the claim holds in the narrow and in the full sense.
    reason : str
        Why, with the exact numbers.
    """

    number: int
    claim: str
    verdict: str
    narrow: bool
    full: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``holds`` is the full sense).

        Returns
        -------
        dict
        """
        return {
            "number": self.number,
            "claim": self.claim,
            "verdict": self.verdict,
            "holds": self.full,
            "narrow": self.narrow,
            "full": self.full,
            "reason": self.reason,
        }


def _verdict_code(narrow: Any, full: Any) -> Any:
    return np.where(full, 2, np.where(narrow, 1, 0)).astype(np.int8)


def _le(a: Any, b: Any) -> Any:
    """a <= b with a finite: 'the leverage needed under a is no higher than under b' (inf = never)."""
    return (a < _INF) & (a <= b)


def _truths(values: Mapping[str, Any], exact: bool) -> dict[str, Any]:
    """Every quantity the claims need, on arrays (exact object arrays or floats)."""
    info = Parameters.info()

    def at(**over: Any) -> dict[str, Any]:
        v = dict(values)
        for k, x in over.items():
            v[k] = values[k] * 0 + (Fraction(x) if exact else float(x))
        return v

    cal = _Sets(values, CALENDAR, exact)
    con = _Sets(values, CONDITIONS, exact)
    dec = _Sets(at(decentralisation=info["decentralisation"].upper), CALENDAR, exact)
    raised = {k: _Sets(at(**{k: info[k].upper}), CALENDAR, exact) for k in ("refugee_cost", "isolation_cost")}
    # claim 4, narrow: Pakistan's margins at the calendar threshold (or at its leverage when there is none)
    lev = np.where(cal.narrow_threshold < _INF, cal.narrow_threshold, values["leverage"])
    base = _pakistan_margins(values, lev)
    grows = [
        tuple(_nonneg(b - a, exact) for a, b in zip(base, _pakistan_margins(at(**{k: info[k].upper}), lev)))
        for k in raised
    ]
    n = [
        ~((cal.narrow[0] <= 0) & (cal.narrow[1] >= 0)),
        cal.narrow_threshold < _INF,
        _le(con.narrow_threshold, cal.narrow_threshold),
        np.logical_and.reduce([g for pair in grows for g in pair]),
        _le(dec.narrow_threshold, cal.narrow_threshold),
    ]
    f = [
        n[0],  # at no leverage pressing and sheltering are the same: the full sense is the narrow one
        cal.full_threshold < _INF,
        _le(con.full_threshold, cal.full_threshold),
        np.logical_and.reduce(
            [(r.full_threshold <= cal.full_threshold) & (r.full_sup >= cal.full_sup) for r in raised.values()]
        ),
        _le(dec.full_threshold, cal.full_threshold),
    ]
    return {"cal": cal, "con": con, "dec": dec, "raised": raised, "lev": lev, "base": base, "narrow": n, "full": f}


def _pakistan_margins(values: Mapping[str, Any], lev: Any) -> tuple[Any, Any]:
    """Pakistan's (press, participation) margins at the calendar deal with leverage *lev*."""
    v = dict(values)
    v["leverage"] = lev
    u = _payoff_tensor(v)
    deal = u[(PAK, SHARE, NEGOTIATE, PRESS, CALENDAR)]
    return deal - u[(PAK, SHARE, NEGOTIATE, SHELTER, CALENDAR)], deal - u[(PAK, FIGHT, OFFENSIVE, SHELTER, CALENDAR)]


def check_claims(model: Any) -> tuple[ClaimVerdict, ...]:
    """The op-ed's five claims at *model*'s parameters, each in the narrow and the full sense, exactly.

    Parameters
    ----------
    model : Model or Parameters

    Returns
    -------
    tuple of ClaimVerdict
        Five verdicts, in the order of :data:`CLAIMS`.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan import model
    >>> from gametheory_af.scenarios.afghanistan.claims import check_claims
    >>> c = check_claims(model(pressing_cost=0.5))
    >>> c[1].verdict
    "holds only without Pakistan's own incentive"
    >>> print(c[1].reason)  # doctest: +NORMALIZE_WHITESPACE
    The government and the Taliban accept from leverage 29/60, but pressing is Pakistan's best response
    only for leverage in [0, 737/2520] (pressing its ally costs it more than the deal is worth to it there).
    """
    params = getattr(model, "params", model)
    if not isinstance(params, Parameters):
        raise GameError(f"check_claims: model must be a Model or Parameters; got {type(model).__name__}.")
    t = _truths(_exact_values(params), exact=True)
    reasons = _reasons(params, t)
    out = []
    for i in range(5):
        narrow, full = bool(t["narrow"][i][0]), bool(t["full"][i][0])
        code = int(_verdict_code(narrow, full))
        out.append(ClaimVerdict(i + 1, CLAIMS[i], VERDICTS[2 - code], narrow, full, reasons[i]))
    return tuple(out)


def _threshold_text(x: Any) -> str:
    return "never (no leverage in [0, 2])" if x == _INF else _num(Fraction(x))


def _reasons(params: Parameters, t: dict[str, Any]) -> list[str]:
    cal, con, dec = t["cal"], t["con"], t["dec"]

    def sets(s: _Sets) -> tuple[tuple[Fraction, Fraction], ...]:
        return _intervals(s.press)

    g0, t0 = (float(m[0]) for m in cal.margins_at_zero)
    n, f = t["narrow"], t["full"]
    out: list[str] = []
    # 1
    if n[0][0]:
        who = "the Taliban gain" if t0 < 0 else "the government gains"
        out.append(
            f"At leverage 0 {who} by abandoning the agreement (margin {min(g0, t0):+.3f}): power sharing needs "
            "Pakistan's pressure."
        )
    else:
        out.append(
            f"War is costly enough that power sharing holds with no pressure at all (the government's margin "
            f"{g0:+.3f}, the Taliban's {t0:+.3f}): the cost of war alone makes it self-enforcing (Fearon 1995)."
        )
    # 2
    ntc, ftc = cal.narrow_threshold[0], cal.full_threshold[0]
    if f[1][0]:
        out.append(
            f"Under a calendar-based withdrawal power sharing, with pressing Pakistan's own best response, holds for "
            f"{_set_text(_intervals(cal.full))} (from {_threshold_text(ftc)})."
        )
    elif n[1][0]:
        out.append(
            f"The government and the Taliban accept from leverage {_threshold_text(ntc)}, but pressing is "
            f"Pakistan's best response only for {_set_text(sets(cal))} (pressing its ally costs it more than the "
            "deal is worth to it there)."
        )
    else:
        out.append(
            "No leverage up to 2 makes both the government and the Taliban accept under a calendar-based "
            "withdrawal: the Taliban's gain from striking after the US exit outweighs what pressure can add."
        )
    # 3
    out.append(
        f"Least leverage: conditions-based {_threshold_text(con.full_threshold[0])} against calendar-based "
        f"{_threshold_text(ftc)} with Pakistan's incentive; {_threshold_text(con.narrow_threshold[0])} against "
        f"{_threshold_text(ntc)} without it."
    )
    # 4
    lev = Fraction(t["lev"][0])
    base = t["base"]
    out.append(
        f"At leverage {_num(lev)} Pakistan's margins for pressing and for the deal over the war are "
        f"{float(base[0][0]):+.3f} and {float(base[1][0]):+.3f}; raising the refugee or the isolation cost to its "
        "bound "
        + ("never lowers them" if n[3][0] else "lowers one of them")
        + (", and never shrinks the leverages at which its pressing is a best response." if f[3][0] else
           ", and it shrinks the leverages at which its pressing is a best response.")
    )
    # 5
    hi = Parameters.info()["decentralisation"].upper
    out.append(
        f"At decentralisation {_num(Fraction(hi))} (now {_num(params.decentralisation)}) the least leverage is "
        f"{_threshold_text(dec.full_threshold[0])} with Pakistan's incentive (now {_threshold_text(ftc)}) and "
        f"{_threshold_text(dec.narrow_threshold[0])} without it (now {_threshold_text(ntc)})."
    )
    return out


# ---------------------------------------------------------------------------- vectorized, over a sample
@dataclass(frozen=True, eq=False)
class ClaimsOverBox(ResultMixin):
    """The claims' verdicts and the thresholds at every point of a sample, in floating point.

    Parameters
    ----------
    verdicts, narrow_threshold, full_threshold, n : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    verdicts : numpy.ndarray
        ``(n, 5)`` int8: 2 holds, 1 holds only without Pakistan's own
        incentive, 0 does not hold (the codes of :data:`VERDICTS`, best first).
    narrow_threshold, full_threshold : mapping
        ``"calendar"`` / ``"conditions"`` -> float array of the least
        leverage in each sense (``inf``: never within the bounds).
    n : int
        The number of points.
    """

    verdicts: np.ndarray
    narrow_threshold: Mapping[str, np.ndarray]
    full_threshold: Mapping[str, np.ndarray]
    n: int

    def shares(self) -> dict[str, dict[str, float]]:
        """The share of the points at which each claim gets each verdict.

        Returns
        -------
        dict
            Claim -> verdict -> share of the points.
        """
        return {
            c: {VERDICTS[2 - code]: float(np.mean(self.verdicts[:, i] == code)) for code in (2, 1, 0)}
            for i, c in enumerate(CLAIMS)
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (the shares, not the arrays).

        Returns
        -------
        dict
        """
        return {"n": self.n, "shares": self.shares()}


def claims_over_box(values: Mapping[str, Any]) -> ClaimsOverBox:
    """The five claims' verdicts at every point of a sample of the parameter box, vectorized.

    Parameters
    ----------
    values : mapping
        Parameter name -> one-dimensional array of values (all the same
        length; a name left out takes its default, a length-1 array is
        broadcast). Values must lie within the parameters' bounds.

    Returns
    -------
    ClaimsOverBox

    Raises
    ------
    GameError
        For an unknown name, a non-numeric or out-of-bounds value, or arrays of different lengths.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.claims import claims_over_box, sample_box
    >>> res = claims_over_box(sample_box(2000, rng=0))
    >>> res.verdicts.shape
    (2000, 5)
    >>> 0.3 < res.shares()["with enough leverage it is"]["holds"] < 0.7
    True
    """
    arrays, n = _arrays(values, "claims_over_box")
    t = _truths(arrays, exact=False)
    codes = np.stack([_verdict_code(a, b) for a, b in zip(t["narrow"], t["full"])], axis=1)
    return ClaimsOverBox(
        verdicts=codes,
        narrow_threshold=FrozenMapping({"calendar": t["cal"].narrow_threshold, "conditions": t["con"].narrow_threshold}),
        full_threshold=FrozenMapping({"calendar": t["cal"].full_threshold, "conditions": t["con"].full_threshold}),
        n=n,
    )


def sets_over_box(values: Mapping[str, Any], withdrawal: str = "calendar") -> dict[str, np.ndarray]:
    """The leverage sets of :class:`~gametheory_af.scenarios.afghanistan.LeverageSets` at every point of a sample, vectorized (floats).

    Parameters
    ----------
    values : mapping
        As for :func:`claims_over_box`.
    withdrawal : {"calendar", "conditions"}

    Returns
    -------
    dict
        ``narrow_lo``, ``narrow_hi``: arrays ``(n,)``; ``press_lo``,
        ``press_hi``, ``full_lo``, ``full_hi``: arrays ``(2, n)`` (the two
        linear pieces, on each side of ``guarantee_leverage``). An empty set is
        ``lo = inf, hi = -inf``; ``narrow_threshold``, ``full_threshold``:
        arrays ``(n,)``, ``inf`` for never. A leverage ``x`` is in the full
        set at point ``j`` iff ``full_lo[k, j] <= x <= full_hi[k, j]`` for
        some ``k``.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_af.scenarios.afghanistan.claims import sets_over_box
    >>> s = sets_over_box({"decentralisation": np.array([0.0, 0.5])}, "calendar")
    >>> s["narrow_threshold"].round(4).tolist(), s["full_hi"].max(axis=0).round(4).tolist()
    ([0.4833, 0.1167], [0.8774, 0.6143])
    """
    arrays, _ = _arrays(values, "sets_over_box")
    t = _Sets(arrays, _withdrawal_index(withdrawal, "sets_over_box"), exact=False)
    return {
        "narrow_lo": t.narrow[0],
        "narrow_hi": t.narrow[1],
        "press_lo": np.stack([t.press[0][0], t.press[1][0]]),
        "press_hi": np.stack([t.press[0][1], t.press[1][1]]),
        "full_lo": np.stack([t.full[0][0], t.full[1][0]]),
        "full_hi": np.stack([t.full[0][1], t.full[1][1]]),
        "narrow_threshold": t.narrow_threshold,
        "full_threshold": t.full_threshold,
    }


def sample_box(n: int, *, rng: Any = None, fixed: Mapping[str, Any] | None = None) -> dict[str, np.ndarray]:
    """A uniform sample of the parameter box (each parameter independently over its bounds).

    Parameters
    ----------
    n : int
        Number of points.
    rng : None, int or numpy.random.Generator
    fixed : mapping, optional
        Parameters held at a value instead of sampled.

    Returns
    -------
    dict
        Parameter name -> float array of length *n*.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.claims import sample_box
    >>> s = sample_box(5, rng=1, fixed={"leverage": 0.5})
    >>> len(s), s["leverage"].tolist()
    (25, [0.5, 0.5, 0.5, 0.5, 0.5])
    """
    n = check_int(n, "n", "sample_box", minimum=1)
    check_count(n * len(Parameters.names()), "max_entries", "sampled values", "sample_box")
    gen = check_rng(rng, "sample_box")
    fixed = {} if fixed is None else dict(fixed)
    info = Parameters.info()
    unknown = [k for k in fixed if k not in info]
    if unknown:
        raise GameError(f"sample_box: unknown parameter {unknown[0]!r} in fixed; parameters are {list(info)}.")
    out: dict[str, np.ndarray] = {}
    for k, p in info.items():  # every parameter draws, fixed or not, so a seed gives the same other columns
        draw = gen.uniform(float(p.lower), float(p.upper), n)
        out[k] = np.full(n, float(fixed[k])) if k in fixed else draw
    return out
