"""Fast paths of the tree solvers against their reference routes (issue 14).

* ``pure_agent_equilibria`` builds the certificates of all the pure profiles it
  accepts in one batched pass (``agent._pure_equilibria``); it must return, bit
  for bit, what ``make_behavior_equilibrium(game, list(profile), exact=...)``
  returns for each profile (behaviour, payoffs, strategic regrets, exact
  behaviour), on many seeded trees, in float and exact mode.
* ``sequence_form_lp`` hands HiGHS its model directly (``_solve_lps``); it must
  return, bit for bit, what the ``scipy.optimize.linprog`` route
  (``_solve_lps_linprog``, the route of every earlier release) returns: both
  plans, both dual vectors, the value and the iteration count.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers import agent
from gametheory_af.solvers import sequence_form as sfm
from gametheory_af.solvers.agent import pure_agent_equilibria
from gametheory_af.solvers.sequence_form import sequence_form_lp
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame
from gametheory_af.trees.catalog import kuhn_poker
from gametheory_af.trees.result import BehaviorEquilibrium, make_behavior_equilibrium
from gametheory_af.trees.sequence import chance_reach, sequence_form


# ----------------------------------------------------------------------------- seeded trees
def random_tree(seed: int, n_players: int = 3, n_inner: int = 7, thirds: bool = True) -> ExtensiveFormGame:
    """A seeded random perfect-information tree with chance nodes (probabilities in thirds: not dyadic)."""
    rng = np.random.default_rng(seed)
    parents, movers, frontier = [-1], {}, [0]
    while frontier and len(movers) < n_inner:
        node = frontier.pop(int(rng.integers(len(frontier))))
        movers[node] = int(rng.integers(-1, n_players)) if node else int(rng.integers(n_players))
        for _ in range(int(rng.integers(2, 4))):
            parents.append(node)
            frontier.append(len(parents) - 1)
    who = np.array([movers.get(k, 0) for k in range(len(parents))])
    leaves = [k for k in range(len(parents)) if k not in movers]
    probs: list[object] = [0] * len(parents)
    for node, w in movers.items():
        if w == -1:
            kids = [k for k, p in enumerate(parents) if p == node]
            ws = [int(v) for v in rng.integers(1, 4, size=len(kids))] if thirds else [1] * len(kids)
            for k, v in zip(kids, ws):
                probs[k] = Fraction(v, sum(ws))
    payoffs = rng.integers(-5, 6, size=(len(leaves), n_players))
    return ExtensiveFormGame.from_arrays(parents, who, payoffs, probabilities=probs, players=[f"P{i}" for i in range(n_players)])


def imperfect_tree(seed: int) -> ExtensiveFormGame:
    """Two players, a chance move and a simultaneous-move block (an information set of two nodes)."""
    rng = np.random.default_rng(seed)

    def pay() -> tuple[int, int]:
        return (int(rng.integers(-4, 5)), int(rng.integers(-4, 5)))

    block = [Decision("B", {"l": pay(), "r": pay()}, infoset="sim") for _ in range(2)]
    return ExtensiveFormGame(
        Chance(
            {
                "h": ("1/3", Decision("A", {"u": block[0], "d": block[1]})),
                "t": ("2/3", Decision("A", {"U": pay(), "D": Decision("B", {"x": pay(), "y": pay(), "z": pay()})})),
            }
        ),
        players=["A", "B"],
    )


def same(a: BehaviorEquilibrium, b: BehaviorEquilibrium) -> bool:
    """Bitwise equality of two certificates (the behaviour's dtype and the payoffs' too)."""
    return (
        len(a.behavior) == len(b.behavior)
        and all(x.dtype == y.dtype and np.array_equal(x, y) for x, y in zip(a.behavior, b.behavior))
        and a.payoffs.dtype == b.payoffs.dtype
        and np.array_equal(a.payoffs, b.payoffs)
        and a.max_regret == b.max_regret
        and (a.relative_regret == b.relative_regret)
        and a.exact == b.exact
        and all(not x.flags.writeable for x in a.behavior)
        and not a.payoffs.flags.writeable
    )


def all_profiles(game: ExtensiveFormGame, k: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.stack([rng.integers(0, len(a), size=k) for a in game.infoset_actions], axis=1).astype(np.int64)


GAMES = [random_tree(s, n_players=2 + s % 3) for s in range(24)] + [imperfect_tree(s) for s in range(6)]


# ----------------------------------------------------------------------------- agent: batched certificates
@pytest.mark.parametrize("exact", [False, True])
def test_batched_certificates_equal_the_reference_bitwise(exact):
    for n, g in enumerate(GAMES):
        P = all_profiles(g, 25, n)
        fast = agent._pure_equilibria(g, P, exact)
        ref = [make_behavior_equilibrium(g, [int(a) for a in p], exact=exact) for p in P]
        assert len(fast) == len(ref) == P.shape[0]
        for a, b, p in zip(fast, ref, P.tolist()):
            assert same(a, b), (n, p, exact)


def test_batched_certificates_in_chunks_equal_one_batch(monkeypatch):
    g = GAMES[3]
    P = all_profiles(g, 40, 1)
    whole = agent._pure_equilibria(g, P, False)
    monkeypatch.setattr(agent, "_CHUNK_ENTRIES", 7 * g.n_nodes)  # chunks of 7 profiles
    parts = agent._pure_equilibria(g, P, False)
    assert len(parts) == 40 and all(same(a, b) for a, b in zip(whole, parts))


def test_batched_certificates_known_values():
    # entry deterrence (Entrant Out -> (0, 2); In: Incumbent Fight -> (-1, -1), Accommodate -> (1, 1)):
    # (Out, Fight): payoffs (0, 2), no one gains (Entrant: In gives -1; Incumbent unreached) -> regret 0;
    # (In, Fight): payoffs (-1, -1); Entrant gains 1 by Out, Incumbent 2 by Accommodate -> max_regret 2,
    # relative 2 / range(-1..2) = 2/3.
    g = gt.catalog.entry_deterrence()
    out_fight, in_fight = agent._pure_equilibria(g, np.array([[0, 0], [1, 0]]), False)
    assert out_fight.payoffs.tolist() == [0.0, 2.0] and out_fight.max_regret == 0.0
    assert in_fight.payoffs.tolist() == [-1.0, -1.0] and in_fight.max_regret == 2.0
    assert in_fight.relative_regret == pytest.approx(2 / 3, abs=1e-15)
    (ex,) = agent._pure_equilibria(g, np.array([[1, 0]]), True)
    assert ex.exact == ((Fraction(0), Fraction(1)), (Fraction(1), Fraction(0)))


def test_batched_certificates_empty_and_decisionless():
    g = gt.catalog.entry_deterrence()
    assert agent._pure_equilibria(g, np.zeros((0, 2), dtype=np.int64), False) == ()
    lone = ExtensiveFormGame(Chance({"a": ("1/4", (1, 0)), "b": ("3/4", (3, 2))}), players=["A", "B"])
    (eq,) = agent._pure_equilibria(lone, np.zeros((1, 0), dtype=np.int64), True)
    assert eq.payoffs.tolist() == [2.5, 1.5] and eq.behavior == ()  # 1/4 * 1 + 3/4 * 3 = 5/2; 3/4 * 2 = 3/2


@pytest.mark.parametrize("exact", [False, True])
def test_pure_agent_equilibria_equals_the_one_by_one_route(exact):
    for g in GAMES[:12]:
        res = pure_agent_equilibria(g, exact=exact)
        for eq in res:
            assert same(eq, make_behavior_equilibrium(g, list(eq.pure_actions), exact=res.parameters["exact_arithmetic"]))


def test_horse_recorded_answer():
    # Selten's horse: the pure agent equilibria are (C, c, R) and (D, c, L) (Selten 1975); (D, c, L) is Nash,
    # (C, c, R) too (P3's R is optimal when unreached). Payoffs (1, 1, 1) and (3, 2, 2).
    p3 = lambda a, b: Decision("P3", {"L": a, "R": b}, infoset="h3")  # noqa: E731
    g = ExtensiveFormGame(
        Decision("P1", {"C": Decision("P2", {"c": (1, 1, 1), "d": p3((4, 4, 0), (0, 0, 1))}), "D": p3((3, 2, 2), (0, 0, 0))})
    )
    res = pure_agent_equilibria(g)
    assert [e.pure_actions for e in res] == [(0, 0, 1), (1, 0, 0)]
    assert [e.payoffs.tolist() for e in res] == [[1.0, 1.0, 1.0], [3.0, 2.0, 2.0]]
    assert [e.max_regret for e in res] == [0.0, 0.0]


# ----------------------------------------------------------------------------- sequence-form LP: direct HiGHS
def lp_inputs(game: ExtensiveFormGame) -> tuple:
    sf = sequence_form(game, exact=False)
    u0 = game.terminal_payoffs[:, 0]
    lo, span = float(u0.min()), float(u0.max() - u0.min()) or 1.0
    An = sfm._sparse_matrix(sf, chance_reach(game)[game.terminals] * (u0 - lo) / span)
    return An, sf.constraints[0], sf.rhs[0], sf.constraints[1], sf.rhs[1]


def two_player_tree(seed: int) -> ExtensiveFormGame:
    """A seeded two-player tree with chance moves and simultaneous-move blocks (zero-sum when seed is even)."""
    rng = np.random.default_rng(seed)
    counter = iter(range(10**6))

    def node(d: int):  # noqa: ANN202
        if d >= 6 or (d > 1 and rng.random() < 0.2):
            a, b = (int(v) for v in rng.integers(-9, 10, size=2))
            return (a, -a) if seed % 2 == 0 else (a, b)
        r = rng.random()
        if r < 0.1:
            return Chance([(f"c{j}", Fraction(1, 3) if j else Fraction(2, 3), node(d + 1)) for j in range(2)])
        p = int(rng.integers(2))
        if r < 0.5:
            label = f"s{next(counter)}"
            kids = [Decision(("P1", "P2")[1 - p], [(f"b{j}", node(d + 2)) for j in range(2)], infoset=label) for _ in range(2)]
            return Decision(("P1", "P2")[p], [(f"a{j}", kids[j]) for j in range(2)])
        return Decision(("P1", "P2")[p], [(f"a{j}", node(d + 1)) for j in range(2)])

    return ExtensiveFormGame(node(0), players=["P1", "P2"])


LP_GAMES = [kuhn_poker(), gt.catalog.matching_pennies_tree(), gt.catalog.entry_deterrence()] + [two_player_tree(s) for s in range(30)]


def test_direct_highs_equals_linprog_bitwise():
    for n, g in enumerate(LP_GAMES):
        args = lp_inputs(g)
        fast, ref = sfm._solve_lps(*args), sfm._solve_lps_linprog(*args)
        assert fast is not None and ref is not None
        for a, b in zip(fast[:4], ref[:4]):
            assert a.dtype == b.dtype and np.array_equal(a, b), n
        assert fast[4] == ref[4] and fast[5] == ref[5], n


def test_sequence_form_lp_unchanged_on_kuhn_poker(monkeypatch):
    # Kuhn poker's value for the first player is -1/18 (Kuhn 1950); the float answer is recorded from the
    # linprog route, which the direct route reproduces bit for bit.
    g = kuhn_poker()
    res = sequence_form_lp(g)
    assert res.value == pytest.approx(-1 / 18, abs=1e-12) and res.relative_regret <= 1e-9
    with monkeypatch.context() as m:
        m.setattr(sfm, "_solve_lps", sfm._solve_lps_linprog)
        ref = sequence_form_lp(g)
    assert res.value == ref.value and res.n_iter == ref.n_iter
    assert all(np.array_equal(a, b) for a, b in zip(res[0].behavior, ref[0].behavior))
    assert sequence_form_lp(g, exact=True).exact_value == Fraction(-1, 18)


def test_direct_highs_reports_failure_as_none():
    # an infeasible LP (x >= 0, x <= -1) is not optimal: the core route answers None
    core = sfm._highs_core()
    assert core is not None
    out = core.run(np.array([0]), np.array([0]), np.array([1.0]), 1, 1, np.array([1.0]), np.array([-np.inf]), np.array([-1.0]), np.array([0.0]))
    assert out is None


# ----------------------------------------------------------------------------- sequence-form LP: exact mode on sparse rows
def dense_verify(A, E, e, F, f, x, q, y, p) -> bool:  # noqa: ANN001
    """The dense exact check of every earlier release (numpy object dot products)."""
    if any(v < 0 for v in x.tolist()) or any(v < 0 for v in y.tolist()):
        return False
    if any(v != 0 for v in (E.dot(x) - e).tolist()) or any(v != 0 for v in (F.dot(y) - f).tolist()):
        return False
    if any(v > 0 for v in (F.T.dot(q) - A.T.dot(x)).tolist()):
        return False
    if any(v < 0 for v in (E.T.dot(p) - A.dot(y)).tolist()):
        return False
    return bool(f.dot(q) == e.dot(p))


def test_sparse_particular_solution_equals_the_dense_one():
    from gametheory_af._exact import solve_particular

    rng = np.random.default_rng(5)
    n_none = 0
    for _ in range(1500):
        m, n = int(rng.integers(1, 8)), int(rng.integers(1, 8))
        a = [[Fraction(int(rng.choice([0, 0, 0, 1, -1, 2, 3])), int(rng.choice([1, 1, 2, 3]))) for _ in range(n)] for _ in range(m)]
        if m > 1 and rng.random() < 0.3:
            a[1] = [2 * v for v in a[0]]  # a dependent row: consistent or not, depending on b
        b = [Fraction(int(rng.choice([0, 0, 1, -2, 5])), int(rng.choice([1, 3]))) for _ in range(m)]
        dense = solve_particular(a, b)
        n_none += dense is None
        assert sfm._solve_particular_sparse(a, b) == dense, (a, b)
    assert 0 < n_none < 1500  # both outcomes exercised
    # x + y = 3 with y free: y = 0, x = 3 (free variables zero); x = 1 and x = 2 together: inconsistent
    assert sfm._solve_particular_sparse([[Fraction(1), Fraction(1)]], [Fraction(3)]) == [3, 0]
    assert sfm._solve_particular_sparse([[Fraction(1)], [Fraction(1)]], [Fraction(1), Fraction(2)]) is None


def test_sparse_verify_equals_the_dense_one():
    g = kuhn_poker()
    sf = sequence_form(g, exact=True)
    A = sfm._exact_matrix(sf)
    E, e, F, f = sf.constraints[0], sf.rhs[0], sf.constraints[1], sf.rhs[1]
    res = sequence_form_lp(g, exact=True)
    from gametheory_af.trees.sequence import realization_plan

    x = realization_plan(g, [list(v) for v in res[0].exact], 0, exact=True)
    y = realization_plan(g, [list(v) for v in res[0].exact], 1, exact=True)
    rng = np.random.default_rng(0)
    verdicts = []
    for k in range(40):
        q = np.array([Fraction(int(v), 18) for v in rng.integers(-3, 3, size=F.shape[0])], dtype=object)
        p = np.array([Fraction(int(v), 18) for v in rng.integers(-3, 3, size=E.shape[0])], dtype=object)
        xx = x.copy()
        if k % 3 == 0:
            xx[1] = xx[1] + Fraction(1, 7)  # off the flow constraints
        v = sfm._verify(A, E, e, F, f, xx, q, y, p)
        assert v == dense_verify(A, E, e, F, f, xx, q, y, p)
        verdicts.append(v)
    assert not any(verdicts)  # random duals are not optimal
    # the duals of the exact solution itself verify (both routes)
    found = sfm._exact_lp(g, sf, lp_inputs(g)[0], *sfm._solve_lps(*lp_inputs(g))[:4])
    assert found is not None and found[1] == Fraction(-1, 18)


def test_exact_kuhn_answer_unchanged_by_the_sparse_routines(monkeypatch):
    from gametheory_af._exact import solve_particular

    g = kuhn_poker()
    fast = sequence_form_lp(g, exact=True)
    with monkeypatch.context() as m:
        m.setattr(sfm, "_solve_particular_sparse", solve_particular)
        m.setattr(sfm, "_verify", dense_verify)
        m.setattr(sfm, "_solve_lps", sfm._solve_lps_linprog)
        ref = sequence_form_lp(g, exact=True)
    assert fast.exact_value == ref.exact_value == Fraction(-1, 18)
    assert fast[0].exact == ref[0].exact and fast.n_iter == ref.n_iter
