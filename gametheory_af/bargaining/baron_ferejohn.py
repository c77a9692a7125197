"""Baron-Ferejohn closed-rule legislative bargaining (stationary equilibrium)."""

from __future__ import annotations

import dataclasses
import math
from collections import deque
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

    References
    ----------
    Baron, D. P. and Ferejohn, J. A. (1989). Bargaining in legislatures.
    *American Political Science Review* 83(4), 1181-1206.
    Eraslan, H. (2002). Uniqueness of stationary equilibrium payoffs in the
    Baron-Ferejohn model. *Journal of Economic Theory* 103(1), 11-30.

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
    need = [(1 - p[j] * e / big_v) / dlt for j in marg]
    if any(x < 0 for x in need):
        return False
    p_cheap = prefix[a]
    p_rest = prefix[-1] - p_cheap
    free = k - a
    if sum(need) != p_cheap * (free + 1) + p_rest * free:  # pragma: no cover - the marginal row sums to this
        return False
    by_need = sorted(need, reverse=True)
    by_both = sorted((x + p[j] for x, j in zip(need, marg)), reverse=True)
    run_need = run_both = Fraction(0)
    for t in range(1, len(marg) + 1):
        run_need += by_need[t - 1]
        run_both += by_both[t - 1]
        cut = p_cheap * min(free + 1, t) + p_rest * min(free, t)
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
            for j in avail[i]:
                q[i][j] = flow.get((i, j), zero) / p[i] if p[i] > 0 else q[i][j]
        if not _verify(v, q, dlt, p, k, exact):
            return None
    return v, q


def _close(x: Any, y: Any, exact: bool) -> bool:
    return bool(x == y) if exact else abs(float(x) - float(y)) <= 1e-10


def _verify(v: list[Any], q: list[list[Any]], dlt: Any, p: list[Any], k: int, exact: bool) -> bool:
    n = len(v)
    tol = 0 if exact else 1e-10
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


def _max_flow_inclusion(
    need: dict[int, Any], slots: dict[int, int], avail: dict[int, list[int]], p: list[Any], exact: bool
) -> dict[tuple[int, int], Any] | None:
    """Edmonds-Karp max flow: proposers -> marginal partners, or None if demands cannot be met."""
    zero: Any = Fraction(0) if exact else 0.0
    tol = 0 if exact else 1e-12
    if any(x < -tol for x in need.values()):
        return None
    src, sink = ("s",), ("t",)
    cap: dict[Any, dict[Any, Any]] = {src: {}, sink: {}}

    def add(u: Any, w: Any, c: Any) -> None:
        cap.setdefault(u, {})
        cap.setdefault(w, {})
        cap[u][w] = cap[u].get(w, zero) + c
        cap[w].setdefault(u, zero)

    for i, js in avail.items():
        if slots[i] and p[i] > 0:
            add(src, ("p", i), p[i] * slots[i])
            for j in js:
                add(("p", i), ("m", j), p[i])
    for j, x in need.items():
        add(("m", j), sink, max(x, zero))
    total = zero
    while True:
        parent: dict[Any, Any] = {src: None}
        queue = deque([src])
        while queue and sink not in parent:
            u = queue.popleft()
            for w, c in cap[u].items():
                if w not in parent and (c.numerator > 0 if exact else c > tol):  # numerator: no Fraction compare
                    parent[w] = u
                    queue.append(w)
        if sink not in parent:
            break
        path = []
        w = sink
        while parent[w] is not None:
            path.append((parent[w], w))
            w = parent[w]
        push = min(cap[u][w] for u, w in path)
        for u, w in path:
            cap[u][w] -= push
            cap[w][u] += push
        total += push
    demand = sum((max(x, zero) for x in need.values()), zero)
    supply = sum((p[i] * slots[i] for i in avail if slots[i] and p[i] > 0), zero)
    if not (_close(total, demand, exact) and _close(total, supply, exact)):
        return None
    flows: dict[tuple[int, int], Any] = {}
    for i, js in avail.items():
        for j in js:
            back = cap.get(("m", j), {}).get(("p", i))
            if back is not None and back > 0:
                flows[(i, j)] = back
    return flows


def _result(
    n: int, dlt: Any, quota: int, p: list[Any], v: list[Any], q: list[list[Any]], exact: bool, keep: Any
) -> BaronFerejohnResult:
    if not exact:
        q = [[0.0 if abs(x) < 1e-12 else 1.0 if abs(x - 1) < 1e-12 else float(x) for x in r] for r in q]
    shares = [1 - dlt * sum(q[i][j] * v[j] for j in range(n)) for i in range(n)] if keep is None else [keep] * n
    offers = [dlt * x for x in v]
    pi = [sum(p[i] * q[i][j] for i in range(n)) for j in range(n)]
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
