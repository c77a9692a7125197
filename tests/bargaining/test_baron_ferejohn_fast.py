"""Baron-Ferejohn at 101-201 members (issue 15 item 3): the fast routes give the answers of the reference routes.

The ``ref_*`` functions below are the implementation before this change, kept verbatim
(Fraction arithmetic, node-by-node Edmonds-Karp): the tests run the library with them
patched in and compare every field of the result, and compare each fast helper with
its reference on random inputs, feasible and not.
"""

from __future__ import annotations

import importlib
import random
from collections import deque
from fractions import Fraction
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest

from gametheory_af.bargaining import baron_ferejohn

bf = importlib.import_module("gametheory_af.bargaining.baron_ferejohn")


# ---------------------------------------------------------------- the reference implementation (verbatim)


def ref_flow_feasible(
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


def ref_verify(v: list[Any], q: list[list[Any]], dlt: Any, p: list[Any], k: int, exact: bool) -> bool:
    n = len(v)
    tol = 0 if exact else 1e-10
    for i in range(n):
        row = q[i]
        if not bf._close(sum(row), k, exact) or row[i] != 0:
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
        if not bf._close(v[j], p[j] * (1 - dlt * cost) + dlt * v[j] * pi, exact):
            return False
    return True


def ref_max_flow_inclusion(
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
    if not (bf._close(total, demand, exact) and bf._close(total, supply, exact)):
        return None
    flows: dict[tuple[int, int], Any] = {}
    for i, js in avail.items():
        for j in js:
            back = cap.get(("m", j), {}).get(("p", i))
            if back is not None and back > 0:
                flows[(i, j)] = back
    return flows


def ref_result(
    n: int, dlt: Any, quota: int, p: list[Any], v: list[Any], q: list[list[Any]], exact: bool, keep: Any
) -> Any:
    if not exact:
        q = [[0.0 if abs(x) < 1e-12 else 1.0 if abs(x - 1) < 1e-12 else float(x) for x in r] for r in q]
    shares = [1 - dlt * sum(q[i][j] * v[j] for j in range(n)) for i in range(n)] if keep is None else [keep] * n
    offers = [dlt * x for x in v]
    pi = [sum(p[i] * q[i][j] for i in range(n)) for j in range(n)]
    return bf.BaronFerejohnResult(
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


@pytest.fixture
def reference(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``baron_ferejohn`` with every helper this change replaced swapped back for its reference."""

    def run(*args: Any, **kwargs: Any) -> Any:
        with monkeypatch.context() as m:
            m.setattr(bf, "_flow_feasible", ref_flow_feasible)
            m.setattr(bf, "_verify", ref_verify)
            m.setattr(bf, "_max_flow_inclusion", ref_max_flow_inclusion)
            m.setattr(bf, "_result", ref_result)
            return baron_ferejohn(*args, **kwargs)

    return run


# ---------------------------------------------------------------- whole results


def _recognition(rng: random.Random, n: int, kind: str) -> list[F]:
    if kind == "equal":
        return [F(1, n)] * n
    # "ties": few distinct weights, so several legislators share a value; "spread": weights 1-100
    w = [rng.randint(0, 3) if kind == "ties" else rng.randint(1, 100) for _ in range(n)]
    if sum(w) == 0:
        w[0] = 1
    return [F(x, sum(w)) for x in w]


def _cases() -> list[tuple[int, int, int, F, str]]:
    out = []
    for seed in range(60):
        rng = random.Random(5000 + seed)
        n = rng.randint(2, 24) if seed % 6 else rng.choice([25, 30, 31])  # odd and even sizes
        quota = [n // 2 + 1, n, rng.randint(1, n), rng.randint(n // 2 + 1, n)][seed % 4]  # majority .. unanimity
        delta = [F(9, 10), F(1, 2), F(99, 100), F(0), F(1), F(rng.randint(1, 6), 7)][seed % 6]
        kind = ["spread", "ties", "spread", "equal", "ties"][seed % 5]
        out.append((seed, n, quota, delta, kind))
    return out


@pytest.mark.parametrize(("seed", "n", "quota", "delta", "kind"), _cases())
def test_same_result_as_reference(reference, seed, n, quota, delta, kind):
    p = _recognition(random.Random(seed), n, kind)
    ours = baron_ferejohn(n, delta, quota, recognition=p)
    assert ours == reference(n, delta, quota, recognition=p)  # every field, exactly
    fl = [float(x) for x in p]
    fl[-1] = 1 - sum(fl[:-1])
    ours_f = baron_ferejohn(n, float(delta), quota, recognition=fl)
    assert ours_f == reference(n, float(delta), quota, recognition=fl)  # the same floats, bit for bit


def test_the_flow_route_is_exercised(monkeypatch):
    # the comparisons above must reach the max flow (uniform mixing fails with unequal recognition):
    # count the instances of _cases() whose answer comes from it
    calls = []
    real = bf._max_flow_inclusion

    def spy(*args: Any) -> Any:
        out = real(*args)
        calls.append(out is not None)
        return out

    monkeypatch.setattr(bf, "_max_flow_inclusion", spy)
    for seed, n, quota, delta, kind in _cases():
        baron_ferejohn(n, delta, quota, recognition=_recognition(random.Random(seed), n, kind))
    assert sum(calls) >= 10


@pytest.mark.parametrize("n", [101, 201])
def test_equal_recognition_closed_form_at_scale(n):
    # Baron and Ferejohn (1989), Proposition 2: v_i = 1/n, proposer keeps 1 - delta (quota - 1) / n, offers delta / n;
    # n = 101, quota 51, delta = 9/10: keeps 1 - (9/10)(50/101) = 56/101, offers 9/1010
    r = baron_ferejohn(n, F(9, 10), n // 2 + 1)
    assert r.continuation_values == (F(1, n),) * n
    assert r.proposer_shares == (1 - F(9, 10) * (n // 2) / F(n),) * n
    assert r.offers == (F(9, 10 * n),) * n
    if n == 101:
        assert r.proposer_shares[0] == F(56, 101) and r.offers[0] == F(9, 1010)


def _bench_instance(n: int) -> list[F]:
    # the benchmark's recognition probabilities (benchmarks/bench_bargaining.py, SEED = 0)
    w = np.random.default_rng(n).integers(1, 101, n).tolist()
    return [F(int(x), sum(w)) for x in w]


def test_hundred_and_one_members_reference_checks():
    # the 101-member benchmark instance: the fast answer passes the reference's Fraction re-check and gives the
    # reference's derived fields; Eraslan (2002): values weakly increase with recognition and sum to 1
    n, delta = 101, F(9, 10)
    p = _bench_instance(n)
    r = baron_ferejohn(n, delta, 51, recognition=p)
    v, q = list(r.continuation_values), [list(row) for row in r.inclusion]
    assert ref_verify(v, q, delta, p, 50, True)
    assert ref_result(n, delta, 51, p, v, q, True, None) == r
    assert sum(v) == 1
    srt = sorted(range(n), key=lambda i: p[i])
    assert all(v[srt[t]] <= v[srt[t + 1]] for t in range(n - 1))
    assert any(0 < x < 1 and x != row[1 if i == 0 else 0] for i, row in enumerate(q) for x in row)  # mixing


# ---------------------------------------------------------------- the max flow


def _network(rng: random.Random, exact: bool, feasible: bool) -> tuple[Any, ...]:
    """A random inclusion-flow network; with *feasible*, needs met by a known flow (mixtures of coalitions)."""
    n = rng.randint(2, 14)
    marg = rng.sample(range(n), rng.randint(1, n))
    w = [rng.choice([0, 1, 2, 3, 5, 8]) for _ in range(n)]
    if sum(w) == 0:
        w[0] = 1
    p: list[Any] = [F(x, sum(w)) for x in w]
    avail = {i: [j for j in marg if j != i] for i in range(n)}
    slots = {i: rng.randint(0, len(avail[i])) for i in range(n)}
    need: dict[int, Any] = dict.fromkeys(marg, F(0))
    for i in range(n):  # proposer i spreads slots_i units: a mixture of two random coalitions
        lam = F(rng.randint(0, 4), 4)
        for pick, weight in ((rng.sample(avail[i], slots[i]), lam), (rng.sample(avail[i], slots[i]), 1 - lam)):
            for j in pick:
                need[j] += p[i] * weight
    if not feasible:
        j1, j2 = rng.choice(marg), rng.choice(marg)
        d = F(rng.randint(-2, 2), 7 * sum(w))
        need[j1] += d
        need[j2] -= d if rng.random() < 0.5 else 0
    if not exact:
        p = [float(x) for x in p]
        need = {j: float(x) for j, x in need.items()}
    return need, slots, avail, p, exact


@pytest.mark.parametrize("seed", range(150))
def test_flow_same_as_reference(seed):
    rng = random.Random(seed)
    net = _network(rng, exact=seed % 3 != 0, feasible=seed % 4 != 0)
    fast, ref = bf._max_flow_inclusion(*net), ref_max_flow_inclusion(*net)
    assert fast == ref
    if net[-1] and seed % 4:
        assert fast is not None  # a feasible network is solved


def test_flow_networks_need_long_paths():
    # the random networks above must make the search go past the first level (augmenting paths
    # through a flow that is undone): count levels by watching _trace's path lengths
    lengths = []
    real = bf._trace

    def spy(*args: Any) -> Any:
        out = real(*args)
        lengths.append(len(out[0]))
        return out

    bf._trace = spy
    try:
        for seed in range(150):
            bf._max_flow_inclusion(*_network(random.Random(seed), exact=seed % 3 != 0, feasible=seed % 4 != 0))
    finally:
        bf._trace = real
    assert max(lengths) >= 3 and sum(x > 1 for x in lengths) >= 20


def test_flow_known_answer():
    # players 0, 1, 2 with p = (1/2, 1/4, 1/4), marginal partners [1, 2], one slot each: proposer 0 supplies
    # 1/2 (at most 1/2 to each partner), proposers 1 and 2 supply 1/4 each to the other one; each partner needs 1/2.
    # Round 1: source -> 0 -> 1 -> sink, 1/2 (1 is full, 0 is spent). Round 2: source -> 1 -> 2 -> sink, 1/4.
    # Round 3: 2 reaches only partner 1 (full), which sends back along 0's flow: source -> 2 -> 1 -> 0 -> 2 -> sink,
    # 1/4, so 0 splits 1/4 and 1/4 between the partners; total 1 = demand = supply.
    p = [F(1, 2), F(1, 4), F(1, 4)]
    need = {1: F(1, 2), 2: F(1, 2)}
    avail = {0: [1, 2], 1: [2], 2: [1]}
    flows = bf._max_flow_inclusion(need, {0: 1, 1: 1, 2: 1}, avail, p, True)
    assert flows == {(0, 1): F(1, 4), (0, 2): F(1, 4), (1, 2): F(1, 4), (2, 1): F(1, 4)}
    assert flows == ref_max_flow_inclusion(need, {0: 1, 1: 1, 2: 1}, avail, p, True)
    # a need beyond the supply: no flow
    assert bf._max_flow_inclusion({1: F(1), 2: F(1, 2)}, {0: 1, 1: 1, 2: 1}, avail, p, True) is None
    assert bf._max_flow_inclusion({1: F(-1, 2), 2: F(1, 2)}, {0: 1, 1: 1, 2: 1}, avail, p, True) is None


# ---------------------------------------------------------------- the exact re-check and the Gale test


def _perturbed(rng: random.Random, v: list[F], q: list[list[F]]) -> tuple[list[F], list[list[F]]]:
    v, q = list(v), [list(r) for r in q]
    n = len(v)
    i, j, l = rng.randrange(n), rng.randrange(n), rng.randrange(n)
    kind = rng.randrange(7)
    if kind == 0:  # a proposer includes itself
        q[i][i] = F(1, 2)
    elif kind == 1:  # a row no longer sums to quota - 1
        q[i][j] += F(1, 3)
    elif kind == 2:  # a negative entry, the row sum kept
        q[i][j] -= F(1, 5)
        q[i][l] += F(1, 5)
    elif kind == 3:  # an entry above 1, the row sum kept
        q[i][j] += F(6, 5)
        q[i][l] -= F(6, 5)
    elif kind == 4:  # move inclusion between two partners (may buy a dearer one)
        t = min(q[i][j], 1 - q[i][l]) if j != l else F(0)
        q[i][j] -= t
        q[i][l] += t
    elif kind == 5:  # a value off
        v[j] += F(1, 1000)
    return v, q  # kind 6: unchanged


@pytest.mark.parametrize("seed", range(40))
def test_verify_same_as_reference(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 12)
    quota = rng.randint(2, n)
    delta = F(rng.randint(1, 9), 10)
    p = _recognition(rng, n, ["spread", "ties", "equal"][seed % 3])
    r = baron_ferejohn(n, delta, quota, recognition=p)
    outcomes = set()
    for _ in range(15):
        v, q = _perturbed(rng, list(r.continuation_values), [list(row) for row in r.inclusion])
        fast = bf._verify(v, q, delta, p, quota - 1, True)
        assert fast == ref_verify(v, q, delta, p, quota - 1, True)
        outcomes.add(fast)
        vf, qf, pf = [float(x) for x in v], [[float(x) for x in row] for row in q], [float(x) for x in p]
        assert bf._verify(vf, qf, float(delta), pf, quota - 1, False) == ref_verify(vf, qf, float(delta), pf, quota - 1, False)
    assert True in outcomes or n == 2


def test_verify_rejections_by_hand():
    # n = 3, p = (1/2, 1/4, 1/4), delta = 1/2, quota 2: v = (3/7, 2/7, 2/7) (the docstring's answer)
    p, d = [F(1, 2), F(1, 4), F(1, 4)], F(1, 2)
    v = [F(3, 7), F(2, 7), F(2, 7)]
    q = [[F(0), F(1, 2), F(1, 2)], [F(0), F(0), F(1)], [F(0), F(1), F(0)]]
    assert bf._verify(v, q, d, p, 1, True)
    # proposer 1 buys player 0 (value 3/7) while player 2 (2/7) is cheaper: not a best coalition
    assert not bf._verify(v, [q[0], [F(1), F(0), F(0)], q[2]], d, p, 1, True)
    # entries out of [0, 1] with the row sum kept
    assert not bf._verify(v, [[F(0), F(3, 2), F(-1, 2)], q[1], q[2]], d, p, 1, True)
    # the values of another delta: the value equations fail
    assert not bf._verify(v, q, F(1, 3), p, 1, True)


@pytest.mark.parametrize("seed", range(12))
def test_gale_test_same_as_reference(seed):
    # the integer Gale test agrees with the Fraction one on every structure the search may meet
    rng = random.Random(700 + seed)
    n = rng.randint(3, 16)
    p = _recognition(rng, n, ["spread", "ties"][seed % 2])
    delta = F(rng.randint(1, 9), 10)
    k = rng.randint(1, n - 1)
    order = sorted(range(n), key=lambda i: (p[i], i))
    prefix = [F(0)]
    for i in order:
        prefix.append(prefix[-1] + p[i])
    seen = set()
    for a in range(k + 1):
        for b in range(n - 1, k - 1, -1):
            cf = bf._closed_form(a, b, k, delta, prefix[a], prefix[b + 1] - prefix[a], True)
            if cf is None or cf[1] == 0:
                continue
            args = (order, prefix, a, b, k, delta, p, cf[0], cf[1])
            fast = bf._flow_feasible(*args)
            assert fast == ref_flow_feasible(*args)
            seen.add(fast)
    assert False in seen


def test_float_quick_rejection_agrees_with_the_loop():
    # the array pre-check of the value equations rejects only what the loop rejects: a value off by 1e-6
    # (far beyond both roundings) is rejected by both, one off by 1e-13 (within the loop's 1e-10) by neither;
    # a non-finite entry leaves the decision to the loop
    p, d = [0.5, 0.25, 0.25], 0.5
    v = [3 / 7, 2 / 7, 2 / 7]
    q = [[0.0, 0.5, 0.5], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    assert bf._verify(v, q, d, p, 1, False) and not bf._values_surely_off(v, q, d, p)
    off = [v[0] + 1e-6, v[1], v[2]]
    assert bf._values_surely_off(off, q, d, p) and not ref_verify(off, q, d, p, 1, False)
    near = [v[0] + 1e-13, v[1], v[2]]
    assert not bf._values_surely_off(near, q, d, p) and bf._verify(near, q, d, p, 1, False) == ref_verify(near, q, d, p, 1, False)
    for bad in ([float("nan"), v[1], v[2]], [float("inf"), v[1], v[2]]):
        assert not bf._values_surely_off(bad, q, d, p)
        assert bf._verify(bad, q, d, p, 1, False) == ref_verify(bad, q, d, p, 1, False)
