"""Baron-Ferejohn closed-rule legislative bargaining (stationary equilibrium)."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._deprecation import warn_deprecated
from .._exact import solve_particular
from .._limits import check_bytes, check_count
from .._validation import _short, check_int, is_rational_scalar, to_fraction
from ..exceptions import GameError
from ..result import json_value
from ._checks import no_bools, not_astronomical, number

__all__ = ["BaronFerejohnResult", "baron_ferejohn"]

_CALLER = "baron_ferejohn"


@dataclass(frozen=True)
class BaronFerejohnResult:
    """The stationary subgame-perfect equilibrium of closed-rule divide-the-dollar bargaining.

    Numbers are :class:`fractions.Fraction` when ``delta`` and the recognition
    probabilities are exact rationals (``exact`` is True), else floats.

    Parameters
    ----------
    n, delta, quota, recognition, continuation_values, proposer_shares : see Attributes
    offers, inclusion, inclusion_probability, exact : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    n, quota : int
    delta : number
    recognition : tuple of n numbers
        Recognition probabilities ``p_i``.
    continuation_values : tuple of n numbers
        ``v_i``: player ``i``'s expected payoff at the start of a period (they sum to 1).
    proposer_shares : tuple of n numbers
        What player ``i`` keeps when recognised: ``1 - delta * sum_j q_ij v_j``.
    offers : tuple of n numbers
        ``delta * v_j``: what any proposer offers ``j`` when including ``j`` (``j``'s
        price: the value of rejecting).
    inclusion : tuple of n tuples
        ``inclusion[i][j] = q_ij``: probability that proposer ``i`` includes ``j``
        in the coalition (``q_ii = 0``; each row sums to ``quota - 1``).
    inclusion_probability : tuple of n numbers
        ``pi_j = sum_i p_i q_ij``: unconditional probability that ``j`` is a
        coalition partner in a period, so that
        ``v_j = p_j * proposer_shares[j] + pi_j * offers[j]``.
    exact : bool
    """

    n: int
    delta: Any
    quota: int
    recognition: tuple[Any, ...]
    continuation_values: tuple[Any, ...]
    proposer_shares: tuple[Any, ...]
    offers: tuple[Any, ...]
    inclusion: tuple[tuple[Any, ...], ...]
    inclusion_probability: tuple[Any, ...]
    exact: bool

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field: exact numbers as strings (``"1/2"``), tuples as lists.

        Returns
        -------
        dict
            The result's fields, ready for :func:`json.dumps`.
        """
        return {f.name: json_value(getattr(self, f.name)) for f in dataclasses.fields(self)}


def baron_ferejohn(n: int, delta: Any, quota: int, *args: Any, recognition: Any = None) -> BaronFerejohnResult:
    r"""The stationary SPE of Baron-Ferejohn closed-rule bargaining over a unit pie.

    Each period one legislator is recognised (player ``i`` with probability
    ``p_i``) and proposes a division; it passes if at least ``quota`` members
    (the proposer included) vote for it, else the game moves to the next period
    and payoffs are discounted by ``delta``. In a stationary equilibrium a
    partner ``j`` accepts exactly its discounted continuation value
    ``delta * v_j``; the proposer buys the ``quota - 1`` cheapest partners and
    keeps the rest (Baron and Ferejohn 1989, Sec. III), and

    .. math:: v_j = p_j \Big(1 - \delta \sum_{l} q_{jl} v_l\Big) + \delta\, v_j \sum_{i} p_i q_{ij}.

    With unequal recognition probabilities partners of equal price may have to be
    mixed over with unequal probabilities ``q_ij``; the equilibrium payoffs are
    unique (Eraslan 2002, Theorem 2).

    Parameters
    ----------
    n : int, >= 2
        Number of legislators.
    delta : float or Fraction in [0, 1]
        Common discount factor.
    quota : int, 1 <= quota <= n
        Votes needed, the proposer's included (simple majority: ``n // 2 + 1``).
    *args
        Deprecated: *recognition* given positionally (at most one value).
    recognition : array_like of shape (n,), optional
        Recognition probabilities on the simplex; default equal, ``1/n`` each
        (exact). Keyword-only: passing it as a fourth positional argument
        (``*args``) still works but emits a :class:`DeprecationWarning`.

    Returns
    -------
    BaronFerejohnResult
        Exact when ``delta`` and ``recognition`` are exact rationals.

    Raises
    ------
    TypeError
        If ``n`` or ``quota`` is not an integer (a float or a bool), ``delta``
        is not a number (a string, a bool), or ``recognition`` holds a bool.
    GameError
        If ``n < 2``, ``delta`` is NaN or outside [0, 1], ``quota`` is not in
        ``[1, n]``, or ``recognition`` is not a probability vector of length
        ``n``. Also, before any work: when the ``n x n`` inclusion matrix
        (``n**2`` Python numbers, counted at 32 bytes each) exceeds the
        ``max_entries``/``max_bytes`` limits, or the candidate equilibrium
        structures the search may try, ``quota * (n - quota + 1)``, exceed the
        ``max_calls`` limit (see :func:`gametheory_af.set_limits`):
        ``baron_ferejohn(10**9, ...)`` is refused at once.

    Notes
    -----
    Method: with a common discount factor the continuation values are weakly
    increasing in the recognition probability, so the players, sorted by ``p``,
    split into those always bought (cheapest), a *marginal* class of equal value
    over which proposers mix, and those never bought. For each candidate
    split the conditions are linear in the values; the inclusion probabilities
    are then a feasible flow (proposer ``i`` sends ``p_i`` times its open slots
    to marginal partners, partner ``j`` receives its required ``pi_j``), found by
    max flow. Every returned equilibrium is verified: each proposer buys only
    cheapest partners and the value equations hold (exactly, for exact input).
    When several inclusion matrices support the equilibrium values, proposers
    mix uniformly over the marginal class whenever that works.

    With equal recognition probabilities the answer is Baron and Ferejohn's
    (1989, Proposition 2 for majority rule): ``v_i = 1/n``, the proposer keeps
    ``1 - delta (quota - 1) / n`` and each partner is offered ``delta / n``.

    Cost: structures are screened by exact closed forms before any is tried; the
    max flow (Edmonds-Karp, one breadth-first round per augmenting path) and the
    exact re-check (``O(n^2)`` integer operations) run once or twice. With unequal
    recognition probabilities (exact, seeded integers 1-100), simple majority and
    ``delta = 9/10``, 101 legislators take 0.1-0.3 s, 201 take 0.3-1.5 s and 401
    take 2-5 s on a shared 2-core machine (``benchmarks/bench_bargaining.py``):
    time grows about as ``n**2.5``, memory as ``n**2``. Float input skips the
    exact screening and may try many more structures (seconds at 101).

    References
    ----------
    Baron, D. P. and Ferejohn, J. A. (1989). Bargaining in legislatures.
    *American Political Science Review* 83(4), 1181-1206.
    Eraslan, H. (2002). Uniqueness of stationary equilibrium payoffs in the
    Baron-Ferejohn model. *Journal of Economic Theory* 103(1), 11-30.
    Edmonds, J. and Karp, R. M. (1972). Theoretical improvements in algorithmic
    efficiency for network flow problems. *Journal of the ACM* 19(2), 248-264.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory_af.bargaining import baron_ferejohn
    >>> r = baron_ferejohn(5, F(4, 5), 3)
    >>> r.proposer_shares[0], r.offers[0], r.continuation_values[0]
    (Fraction(17, 25), Fraction(4, 25), Fraction(1, 5))
    >>> r.inclusion[0]
    (Fraction(0, 1), Fraction(1, 2), Fraction(1, 2), Fraction(1, 2), Fraction(1, 2))

    Unequal recognition: the most frequent proposer is the most valuable partner,
    so it is never bought.

    >>> r = baron_ferejohn(3, F(1, 2), 2, recognition=[F(1, 2), F(1, 4), F(1, 4)])
    >>> r.continuation_values
    (Fraction(3, 7), Fraction(2, 7), Fraction(2, 7))
    >>> r.inclusion[1], r.inclusion[2]
    ((Fraction(0, 1), Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1), Fraction(0, 1)))
    """
    if args:  # recognition passed positionally: deprecated, keyword-only from the next release
        if len(args) > 1:
            raise TypeError(f"{_CALLER}() takes 3 positional arguments (and recognition=); got {3 + len(args)}.")
        if recognition is not None:
            raise TypeError(f"{_CALLER}() got multiple values for argument 'recognition'.")
        warn_deprecated("baron_ferejohn(n, delta, quota, recognition)", "baron_ferejohn(n, delta, quota, recognition=...)")
        recognition = args[0]
    n = check_int(n, "n", _CALLER, minimum=2)
    not_astronomical(n, "n", _CALLER)
    quota = check_int(quota, "quota", _CALLER)
    if not 1 <= quota <= n:
        raise GameError(f"{_CALLER}: quota must be an integer in [1, n] = [1, {n}]; got {quota!r}.")
    dlt: Any = number(delta, "delta", _CALLER, minimum=0, maximum=1, what="a discount factor in [0, 1]")
    exact = isinstance(dlt, Fraction)
    check_bytes(n * n, 32, "entries of the inclusion matrix (n**2)", _CALLER)
    check_count(quota * (n - quota + 1), "max_calls", "candidate equilibrium structures", _CALLER)
    p = _recognition(recognition, n)
    exact = exact and all(isinstance(x, Fraction) for x in p)
    if not exact:
        dlt = float(dlt)
        p = [float(x) for x in p]
    k = quota - 1
    if k == 0:
        zero = Fraction(0) if exact else 0.0
        one = Fraction(1) if exact else 1.0
        return _result(n, dlt, quota, p, list(p), [[zero] * n for _ in range(n)], exact, one)
    v, q = _search(n, k, dlt, p, exact, prefilter=True)
    return _result(n, dlt, quota, p, v, q, exact, None)


def _search(n: int, k: int, dlt: Any, p: list[Any], exact: bool, prefilter: bool) -> tuple[list[Any], list[list[Any]]]:
    """The first candidate structure ``(a, b)`` (in the fixed search order) that yields a verified equilibrium.

    With *prefilter*, a structure is skipped when an O(1) necessary condition of
    :func:`_verify` fails on its closed-form values (:func:`_may_hold`); the
    structures left are tried exactly as without it, so the answer is the same
    (``prefilter=False`` is the reference route the tests compare with).
    """
    order = sorted(range(n), key=lambda i: (p[i], i))
    zero: Any = Fraction(0) if exact else 0.0
    prefix = [zero]
    for i in order:
        prefix.append(prefix[-1] + p[i])
    for a in range(k + 1):
        for b in range(n - 1, k - 1, -1):
            if prefilter and not _may_hold(order, prefix, a, b, k, dlt, p, exact):
                continue
            sol = _try_structure(order, a, b, k, dlt, p, exact)
            if sol is not None:
                return sol
    raise AssertionError("no stationary equilibrium found")  # pragma: no cover - Eraslan (2002) existence


def _closed_form(a: int, b: int, k: int, dlt: Any, p_cheap: Any, p_marg: Any, exact: bool) -> tuple[Any, Any] | None:
    """``(c, V)`` solving :func:`_try_structure`'s linear system, or None (``delta = 1`` or singular).

    The cheap rows give ``v_j = p_j c`` with ``c = (1 - delta m V) / D``,
    ``m = k - a + 1``, ``D = 1 - delta + delta P_C``; the marginal row then gives
    ``V = P_M (1 - delta) / (L D - delta^2 m P_M P_C)`` with
    ``L = |M| + delta P_M (k - a) - delta (k - a + P_C)``.
    """
    if dlt == 1:
        return None
    m = k - a + 1
    size = b - a + 1
    d = 1 - dlt + dlt * p_cheap
    lin = size + dlt * p_marg * (k - a) - dlt * (k - a + p_cheap)
    den = lin * d - dlt * dlt * m * p_marg * p_cheap
    if den == 0 or d == 0 or (not exact and (abs(den) < 1e-9 or abs(d) < 1e-9)):
        return None
    big_v = p_marg * (1 - dlt) / den
    return (1 - dlt * m * big_v) / d, big_v


def _may_hold(order: list[int], prefix: list[Any], a: int, b: int, k: int, dlt: Any, p: list[Any], exact: bool) -> bool:
    """False only if structure ``(a, b)`` cannot pass :func:`_verify`, whatever the inclusion matrix.

    In every matrix :func:`_try_structure` builds, a marginal proposer ``i`` buys all
    cheap partners, no expensive one, and ``k - a`` of the ``b - a`` other marginal
    ones (all values ``V``). :func:`_verify` asks that a bought partner be no dearer
    than an unbought one, so: ``max cheap <= min expensive``; ``V <= min expensive``
    when ``k > a``; ``max cheap <= V`` when ``k - a < b - a``. With floats the
    comparison allows a slack far above the rounding difference between the closed
    form and the solver of :func:`_try_structure`.
    """
    cf = _closed_form(a, b, k, dlt, prefix[a], prefix[b + 1] - prefix[a], exact)
    if cf is None:
        return True
    c, big_v = cf
    tol: Any = 0 if exact else 1e-8
    hi_cheap = max(c * p[order[0]], c * p[order[a - 1]]) if a else None
    lo_exp = None
    if b + 1 < len(order):
        e = 1 - dlt * (prefix[a] * c + (k - a) * big_v)
        lo_exp = min(e * p[order[b + 1]], e * p[order[-1]])
    if hi_cheap is not None and lo_exp is not None and hi_cheap > lo_exp + tol:
        return False
    if k > a and lo_exp is not None and big_v > lo_exp + tol:
        return False
    if k < b and hi_cheap is not None and hi_cheap > big_v + tol:
        return False
    if not exact or dlt == 0 or big_v == 0:
        return True
    return _flow_feasible(order, prefix, a, b, k, dlt, p, c, big_v)


def _flow_feasible(
    order: list[int], prefix: list[Any], a: int, b: int, k: int, dlt: Any, p: list[Any], c: Any, big_v: Any
) -> bool:
    """Exact test that the inclusion flow of :func:`_max_flow_inclusion` exists (Gale's theorem).

    The marginal partners ``j`` need ``pi_j = (1 - p_j e / V) / delta``; proposer
    ``i`` supplies ``p_i`` times its open slots (``k - a + 1`` if cheap, else
    ``k - a``), at most ``p_i`` to each partner other than itself. A flow meeting
    every need exists iff the needs are non-negative, sum to the supply, and every
    set ``T`` of ``t`` partners needs at most the cut ``sum_i min(slots_i, |T - {i}|) p_i``
    (Gale 1957, "A theorem on flows in networks", *Pacific J. Math.* 7). That cut
    is ``A(t) - [t <= k - a] P(T)`` with ``A(t) = P_C min(k - a + 1, t) + (1 - P_C) min(k - a, t)``,
    so only the ``t`` largest of ``need_j + [t <= k - a] p_j`` need checking.
    Both routes of :func:`_try_structure` (uniform mixing, max flow) give such a flow
    when they pass :func:`_verify`, so failing this test rules the structure out.
    """
    marg = order[a : b + 1]
    e = 1 - dlt * (prefix[a] * c + (k - a) * big_v)
    p_cheap = prefix[a]
    p_rest = prefix[-1] - p_cheap
    free = k - a
    # need_j = 1/delta - p_j r with r = e / (V delta); every quantity as an integer over one denominator g
    inv, r = 1 / Fraction(dlt), e / (big_v * dlt)
    dp = math.lcm(p_cheap.denominator, p_rest.denominator, *(p[j].denominator for j in marg))
    g = math.lcm(inv.denominator, r.denominator * dp)
    base, step, unit = inv.numerator * (g // inv.denominator), r.numerator * (g // (r.denominator * dp)), g // dp
    pj = [p[j].numerator * (dp // p[j].denominator) for j in marg]
    need = [base - x * step for x in pj]
    if any(x < 0 for x in need):
        return False
    cheap_g = p_cheap.numerator * (dp // p_cheap.denominator) * unit
    rest_g = p_rest.numerator * (dp // p_rest.denominator) * unit
    if sum(need) != cheap_g * (free + 1) + rest_g * free:  # pragma: no cover - the marginal row sums to this
        return False
    by_need = sorted(need, reverse=True)
    by_both = sorted((x + y * unit for x, y in zip(need, pj)), reverse=True)
    run_need = run_both = 0
    for t in range(1, len(marg) + 1):
        run_need += by_need[t - 1]
        run_both += by_both[t - 1]
        cut = cheap_g * min(free + 1, t) + rest_g * min(free, t)
        if (run_both if t <= free else run_need) > cut:
            return False
    return True


def _recognition(recognition: Any, n: int) -> list[Any]:
    if recognition is None:
        return [Fraction(1, n)] * n
    if isinstance(recognition, (str, bytes)):
        raise GameError(f"{_CALLER}: recognition must be a vector of {n} probabilities; got {_short(recognition)}.")
    no_bools(recognition, "recognition", _CALLER)
    try:
        raw = list(np.asarray(recognition, dtype=object).ravel()) if np.ndim(recognition) == 1 else None
    except (TypeError, ValueError):  # pragma: no cover - ragged input
        raw = None
    if raw is None or len(raw) != n:
        raise GameError(f"{_CALLER}: recognition must be a vector of {n} probabilities; got {_short(recognition)}.")
    vals: list[Any] = []
    for x in raw:
        if is_rational_scalar(x):
            vals.append(to_fraction(x))
        else:
            try:
                xf = float(x)
            except (TypeError, ValueError) as err:
                raise GameError(f"{_CALLER}: recognition must contain numbers; got {recognition!r}.") from err
            if not math.isfinite(xf):
                raise GameError(f"{_CALLER}: recognition must be finite; got {_short(recognition)}.")
            vals.append(xf)
    total = sum(vals)
    exact = all(isinstance(x, Fraction) for x in vals)
    if any(x < 0 for x in vals) or (total != 1 if exact else abs(float(total) - 1) > 1e-9):
        raise GameError(
            f"{_CALLER}: recognition must be on the simplex (non-negative, summing to 1); got {recognition!r} (sum {total})."
        )
    return vals


def _try_structure(
    order: list[int], a: int, b: int, k: int, dlt: Any, p: list[Any], exact: bool
) -> tuple[list[Any], list[list[Any]]] | None:
    n = len(p)
    zero: Any = Fraction(0) if exact else 0.0
    cheap, marg, expensive = order[:a], order[a : b + 1], order[b + 1 :]
    # unknowns: v_j for j in cheap (index 0..a-1), V (index a)
    # (a + 1 unknowns in all)
    rows: list[list[Any]] = []
    rhs: list[Any] = []
    p_cheap = sum((p[j] for j in cheap), zero)
    p_marg = sum((p[j] for j in marg), zero)
    for r, j in enumerate(cheap):
        # v_j (1 - delta) + p_j delta S_cheap + p_j delta (k - a + 1) V = p_j
        row = [dlt * p[j]] * a + [dlt * p[j] * (k - a + 1)]
        row[r] += 1 - dlt
        rows.append(row)
        rhs.append(p[j])
    # |M| V - P_M + delta P_M S_cheap + delta P_M (k - a) V - delta V (k - a + P_cheap) = 0
    row = [dlt * p_marg] * a + [len(marg) + dlt * p_marg * (k - a) - dlt * (k - a + p_cheap)]
    rows.append(row)
    rhs.append(p_marg)
    cf = _closed_form(a, b, k, dlt, p_cheap, p_marg, exact) if exact else None
    sol: list[Any] | None
    if cf is not None:  # the unique solution, exactly: the same numbers as the elimination below, faster
        sol = [p[j] * cf[0] for j in cheap] + [cf[1]]
    elif exact:
        sol = solve_particular([[Fraction(x) for x in r] for r in rows], [Fraction(x) for x in rhs])
        if sol is None:  # pragma: no cover - the system is nonsingular for delta < 1
            return None  # (delta = 1 takes this route: the closed form needs delta < 1)
    else:
        try:
            sol = np.linalg.solve(np.array(rows, dtype=float), np.array(rhs, dtype=float)).tolist()
        except np.linalg.LinAlgError:  # pragma: no cover
            return None
    v = [zero] * n
    for r, j in enumerate(cheap):
        v[j] = sol[r]
    big_v = sol[a]
    s_cheap = sum((v[j] for j in cheap), zero)
    for j in marg:
        v[j] = big_v
    for j in expensive:
        v[j] = p[j] * (1 - dlt * (s_cheap + (k - a) * big_v))
    # open slots per proposer filled from the marginal class
    slots = {i: (k - a + 1 if i in cheap else k - a) for i in range(n)}
    q = [[zero] * n for _ in range(n)]
    for i in range(n):
        for j in cheap:
            if j != i:
                q[i][j] = Fraction(1) if exact else 1.0
    avail = {i: [j for j in marg if j != i] for i in range(n)}
    if any(slots[i] > len(avail[i]) for i in range(n)):
        return None
    # uniform mixing first
    for i in range(n):
        if avail[i]:
            share = Fraction(slots[i], len(avail[i])) if exact else slots[i] / len(avail[i])
            for j in avail[i]:
                q[i][j] = share
    if not _verify(v, q, dlt, p, k, exact):
        if dlt == 0 or big_v == 0:
            return None
        need = {j: (1 - p[j] * (1 - dlt * (s_cheap + (k - a) * big_v)) / big_v) / dlt for j in marg}
        flow = _max_flow_inclusion(need, slots, avail, p, exact)
        if flow is None:
            return None
        for i in range(n):
            if p[i] > 0:
                for j in avail[i]:
                    f = flow.get((i, j))
                    q[i][j] = zero if f is None else f / p[i]  # zero: what 0 / p_i gives, without the division
        if not _verify(v, q, dlt, p, k, exact):
            return None
    return v, q


def _close(x: Any, y: Any, exact: bool) -> bool:
    return bool(x == y) if exact else abs(float(x) - float(y)) <= 1e-10


def _verify(v: list[Any], q: list[list[Any]], dlt: Any, p: list[Any], k: int, exact: bool) -> bool:
    """True if ``(v, q)`` is a stationary equilibrium: every condition re-checked, exactly for exact input.

    Each row of ``q`` is a proposer's mixed coalition: ``q_ii = 0``, entries in
    [0, 1] summing to ``k``, and no partner bought (``q_ij > 0``) dearer than one
    left out (``q_ij < 1``); and the value equations
    ``v_j = p_j (1 - delta sum_l q_jl v_l) + delta v_j sum_i p_i q_ij`` hold. Exact
    input is checked by :func:`_verify_exact` in integer arithmetic, with floats
    within ``1e-10``.
    """
    if exact:
        return _verify_exact(v, q, dlt, p, k)
    if _values_surely_off(v, q, dlt, p):
        return False
    n = len(v)
    tol = 1e-10
    for i in range(n):
        row = q[i]
        if not _close(sum(row), k, exact) or row[i] != 0:
            return False
        if any(x < -tol or x > 1 + tol for x in row):
            return False
        bought = [v[j] for j in range(n) if j != i and row[j] > tol]
        unbought = [v[j] for j in range(n) if j != i and row[j] < 1 - tol]
        if bought and unbought and max(bought) > min(unbought) + tol:
            return False
    for j in range(n):
        cost = sum(q[j][l] * v[l] for l in range(n))
        pi = sum(p[i] * q[i][j] for i in range(n))
        if not _close(v[j], p[j] * (1 - dlt * cost) + dlt * v[j] * pi, exact):
            return False
    return True


def _values_surely_off(v: list[Any], q: list[list[Any]], dlt: Any, p: list[Any]) -> bool:
    """True only if a value equation of :func:`_verify` fails however its float sums are rounded.

    The equations are evaluated with array products; a residual beyond
    ``1e-10 + 1e-8 * scale`` (``scale`` bounding the magnitude of every term) exceeds
    the loop's ``1e-10`` whatever the summation order, since two roundings of an
    ``n``-term sum differ by about ``n * 1e-16 * scale``. False (check everything) when
    an entry is not finite. A quick rejection of most candidate structures; the answer
    of :func:`_verify` is unchanged.
    """
    vv, qq, pp = np.asarray(v, dtype=float), np.asarray(q, dtype=float), np.asarray(p, dtype=float)
    if not (np.isfinite(vv).all() and np.isfinite(qq).all()):
        return False
    cost, pi = qq @ vv, pp @ qq
    resid = np.abs(vv - (pp * (1 - dlt * cost) + dlt * vv * pi))
    scale = 1 + np.abs(vv) + pp * (1 + dlt * (np.abs(qq) @ np.abs(vv))) + dlt * np.abs(vv) * (pp @ np.abs(qq))
    return bool(np.any(resid > 1e-10 + 1e-8 * scale))


def _verify_exact(v: list[Any], q: list[list[Any]], dlt: Any, p: list[Any], k: int) -> bool:
    """:func:`_verify` for exact rationals, in ``O(n^2)`` integer operations.

    Each row is put over its own common denominator once (sum, bounds and the
    bought/left-out split read integer numerators); the cheapest-partner condition
    compares, per row, the dearest bought partner with the cheapest one left out,
    both found by rank in one sort of ``v``; the value equations take the sums
    :func:`_row_col_sums` computes over common denominators. The same conditions,
    the same exact numbers as checking each entry with :class:`~fractions.Fraction`
    arithmetic.
    """
    n = len(v)
    rank = [0] * n
    for r, j in enumerate(sorted(range(n), key=v.__getitem__)):
        rank[j] = r
    by_rank = sorted(range(n), key=rank.__getitem__)
    for i, row in enumerate(q):
        if row[i] != 0:
            return False
        nums = [x.numerator for x in row]
        dens = [x.denominator for x in row]
        if any(a < 0 or a > d for a, d in zip(nums, dens)):
            return False
        den = math.lcm(*dens)
        if sum(a * (den // d) for a, d in zip(nums, dens)) != k * den:
            return False
        dearest = max((rank[j] for j in range(n) if j != i and nums[j] > 0), default=None)
        cheapest = min((rank[j] for j in range(n) if j != i and nums[j] < dens[j]), default=None)
        if dearest is not None and cheapest is not None and v[by_rank[dearest]] > v[by_rank[cheapest]]:
            return False
    cost, pi = _row_col_sums(q, v, p)
    return all(v[j] == p[j] * (1 - dlt * cost[j]) + dlt * v[j] * pi[j] for j in range(n))


def _row_col_sums(q: list[list[Any]], v: list[Any], p: list[Any]) -> tuple[list[Fraction], list[Fraction]]:
    """``(sum_l q_jl v_l for each j, sum_i p_i q_ij for each j)`` exactly, as Fractions.

    Every row of ``q`` and the vectors ``v`` and ``p`` are brought to integer
    numerators over common denominators, so both sums are integer dot products
    divided once.
    """
    dv = math.lcm(*(x.denominator for x in v))
    vi = [x.numerator * (dv // x.denominator) for x in v]
    dp = math.lcm(*(x.denominator for x in p))
    pw = [x.numerator * (dp // x.denominator) for x in p]
    rows: list[list[int]] = []
    row_dens: list[int] = []
    for row in q:
        den = math.lcm(*(x.denominator for x in row))
        rows.append([x.numerator * (den // x.denominator) for x in row])
        row_dens.append(den)
    cost = [Fraction(sum(a * b for a, b in zip(r, vi)), d * dv) for r, d in zip(rows, row_dens)]
    dall = math.lcm(*row_dens)
    weight = [w * (dall // d) for w, d in zip(pw, row_dens)]
    col = [sum(w * r[j] for w, r in zip(weight, rows)) for j in range(len(v))]
    return cost, [Fraction(c, dp * dall) for c in col]


def _max_flow_inclusion(
    need: dict[int, Any], slots: dict[int, int], avail: dict[int, list[int]], p: list[Any], exact: bool
) -> dict[tuple[int, int], Any] | None:
    """Edmonds-Karp max flow: proposers -> marginal partners, or None if demands cannot be met.

    The network: the source sends up to ``p_i * slots_i`` to proposer ``i`` (when
    ``slots_i > 0`` and ``p_i > 0``), proposer ``i`` up to ``p_i`` to each marginal
    partner ``j != i`` in ``avail[i]``, partner ``j`` its ``need_j`` to the sink. Each
    round augments along a shortest residual path found by breadth-first search
    (Edmonds and Karp 1972, *J. ACM* 19(2), 248-264), scanning proposers by index
    and partners in the order of *need*. The search runs level by level on boolean
    residual matrices (:func:`_augmenting_path`), which visits the nodes in the same
    order as a node-by-node search, so the flow is the same; exact capacities are
    integers over one common denominator. Returns the positive flows ``{(i, j): f_ij}``.
    """
    zero: Any = Fraction(0) if exact else 0.0
    tol: Any = 0 if exact else 1e-12
    if any(x < -tol for x in need.values()):
        return None
    props = [i for i in avail if slots[i] and p[i] > 0]
    marg = list(need)
    col = {j: c for c, j in enumerate(marg)}
    demand_in = [max(need[j], zero) for j in marg]
    supply_in = [p[i] * slots[i] for i in props]
    edge_in = [p[i] for i in props]
    den = 1
    if exact:  # integers over a common denominator: the same exact numbers, no Fraction arithmetic
        den = math.lcm(*(x.denominator for x in demand_in + supply_in + edge_in))
        demand_in = [x.numerator * (den // x.denominator) for x in demand_in]
        supply_in = [x.numerator * (den // x.denominator) for x in supply_in]
        edge_in = [x.numerator * (den // x.denominator) for x in edge_in]
    n_m = len(marg)
    # residual capacities: source -> proposer r, proposer r -> partner c (forward), partner c -> proposer r
    # (backward, the flow), partner c -> sink; and the same as booleans "positive" for the level search
    src = list(supply_in)
    sink = list(demand_in)
    fwd_cap: list[list[Any]] = []
    back_cap: list[list[Any]] = [[0 if exact else 0.0] * n_m for _ in props]
    fwd = np.zeros((len(props), n_m), dtype=bool)
    for r, i in enumerate(props):
        row = [0 if exact else 0.0] * n_m
        for j in avail[i]:
            row[col[j]] = edge_in[r]
            fwd[r, col[j]] = edge_in[r] > tol
        fwd_cap.append(row)
    back = np.zeros_like(fwd)
    src_ok = np.array([x > tol for x in src], dtype=bool)
    sink_ok = np.array([x > tol for x in sink], dtype=bool)
    total: Any = 0 if exact else 0.0
    while True:
        path = _augmenting_path(fwd, back, src_ok, sink_ok)
        if path is None:
            break
        rows, cols = path  # source -> rows[0] -> cols[0] -> rows[1] -> ... -> cols[-1] -> sink
        caps = [src[rows[0]]]
        for t, c in enumerate(cols):
            caps.append(fwd_cap[rows[t]][c])
            if t + 1 < len(rows):
                caps.append(back_cap[rows[t + 1]][c])
        caps.append(sink[cols[-1]])
        push = min(caps)
        src[rows[0]] -= push
        src_ok[rows[0]] = src[rows[0]] > tol
        for t, c in enumerate(cols):
            r = rows[t]
            fwd_cap[r][c] -= push
            back_cap[r][c] += push
            fwd[r, c], back[r, c] = fwd_cap[r][c] > tol, back_cap[r][c] > tol
            if t + 1 < len(rows):
                r = rows[t + 1]
                back_cap[r][c] -= push
                fwd_cap[r][c] += push
                fwd[r, c], back[r, c] = fwd_cap[r][c] > tol, back_cap[r][c] > tol
        sink[cols[-1]] -= push
        sink_ok[cols[-1]] = sink[cols[-1]] > tol
        total += push
    if exact:
        total = Fraction(total, den)
    demand = sum((max(x, zero) for x in need.values()), zero)
    supply = sum((p[i] * slots[i] for i in avail if slots[i] and p[i] > 0), zero)
    if not (_close(total, demand, exact) and _close(total, supply, exact)):
        return None
    flows: dict[tuple[int, int], Any] = {}
    for r, i in enumerate(props):
        for j in avail[i]:
            f = back_cap[r][col[j]]
            if f > 0:
                flows[(i, j)] = Fraction(f, den) if exact else f
    return flows


def _augmenting_path(
    fwd: np.ndarray, back: np.ndarray, src_ok: np.ndarray, sink_ok: np.ndarray
) -> tuple[list[int], list[int]] | None:
    """The breadth-first shortest augmenting path of :func:`_max_flow_inclusion`, level by level.

    Level 1 is the proposers the source still feeds (``src_ok``), in order. A
    proposer level reaches, proposer by proposer, its unreached partners over
    unsaturated edges (``fwd``), in column order; the first partner reached whose
    edge to the sink is open (``sink_ok``) ends the search. A partner level reaches,
    partner by partner, its unreached proposers with positive flow to it (``back``),
    in row order. Each level is a few array operations: a node's parent is the
    first node of the level before (in its order) that reaches it, and the nodes
    are ordered by parent, then by index, as a node-by-node search meets them. Returns the path's rows and columns (``source -> rows[0] -> cols[0]
    -> rows[1] -> ... -> cols[-1] -> sink``), or None when the sink is out of reach.
    """
    n_p, n_m = fwd.shape
    first = int(src_ok.argmax()) if src_ok.size else 0  # argmax: the first True, or 0 when there is none
    if not src_ok.size or not src_ok[first]:
        return None
    hit = fwd[first] & sink_ok
    c = int(hit.argmax())
    if hit[c]:  # the usual round: the first proposer fed reaches a partner with unmet need
        return [first], [c]
    level = np.flatnonzero(src_ok)
    seen_p = src_ok.copy()
    free_m = np.ones(n_m, dtype=bool)
    parent_m = np.full(n_m, -1)
    parent_p = np.full(n_p, -1)
    while level.size:
        # partners reached by this level: each by the first of its proposers (in level order) with an open
        # edge, in the order a node-by-node search meets them (by that proposer, then by column)
        reach = fwd[level] & free_m
        cols = np.flatnonzero(reach.any(axis=0))
        if not cols.size:
            return None
        by = reach[:, cols].argmax(axis=0)
        order = np.lexsort((cols, by))
        cols, by = cols[order], by[order]
        parent_m[cols] = level[by]
        free_m[cols] = False
        hit = sink_ok[cols]
        if hit.any():
            return _trace(int(cols[hit.argmax()]), parent_m, parent_p)
        # proposers reached back from those partners along positive flows, the same way
        reach = back[:, cols] & ~seen_p[:, None]
        rows = np.flatnonzero(reach.any(axis=1))
        by = reach[rows].argmax(axis=1)
        order = np.lexsort((rows, by))
        rows, by = rows[order], by[order]
        parent_p[rows] = cols[by]
        seen_p[rows] = True
        level = rows
    return None


def _trace(c: int, parent_m: np.ndarray, parent_p: np.ndarray) -> tuple[list[int], list[int]]:
    rows: list[int] = []
    cols: list[int] = []
    while True:
        r = int(parent_m[c])
        rows.append(r)
        cols.append(c)
        c = int(parent_p[r])
        if c < 0:
            break
    rows.reverse()
    cols.reverse()
    return rows, cols


def _result(
    n: int, dlt: Any, quota: int, p: list[Any], v: list[Any], q: list[list[Any]], exact: bool, keep: Any
) -> BaronFerejohnResult:
    if not exact:
        q = [[0.0 if abs(x) < 1e-12 else 1.0 if abs(x - 1) < 1e-12 else float(x) for x in r] for r in q]
    if exact:  # the same exact numbers as the float route's sums, in integer arithmetic
        cost, pi = _row_col_sums(q, v, p)
    else:
        cost = [sum(q[i][j] * v[j] for j in range(n)) for i in range(n)]
        pi = [sum(p[i] * q[i][j] for i in range(n)) for j in range(n)]
    shares = [1 - dlt * c for c in cost] if keep is None else [keep] * n
    offers = [dlt * x for x in v]
    return BaronFerejohnResult(
        n=n,
        delta=dlt,
        quota=quota,
        recognition=tuple(p),
        continuation_values=tuple(v),
        proposer_shares=tuple(shares),
        offers=tuple(offers),
        inclusion=tuple(tuple(r) for r in q),
        inclusion_probability=tuple(pi),
        exact=exact,
    )
