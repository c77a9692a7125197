"""Issue 14: the last Python around ``support_enumeration`` at 6 x 6, each fast path against the route it replaces.

* The one-call sweep hands :func:`accept` the stacked profiles ``[x, y]`` (an array) and a
  :class:`support._SupportSets` that builds the support sets only when read; the list route
  (pairs of rows and a list of sets) must give the same equilibria bit for bit, in float and exact mode.
* :func:`_vertices.degenerate_game` runs both walks in one compiled call; the verdict must be the
  two-polytope route's (``_degenerate_polytope(Bn.T) or _degenerate_polytope(An)``), also where a
  walk does not decide (Qhull then decides, as before).
* :func:`_bimatrix._build_all` makes the caller's arrays read-only instead of copying them.
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from math import comb
from typing import Any

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers import _bimatrix as bimatrix_mod
from gametheory_af.solvers import _vertices as vertices_mod
from gametheory_af.solvers import support as support_mod
from tests.solvers._two_player import random_bimatrix

pytest.importorskip("numba")

SHAPES = [(2, 2), (3, 3), (4, 5), (5, 3), (6, 6)]
CASES = [(kind, seed, m, n) for kind in ("float", "small") for seed in range(6) for m, n in SHAPES]


def _game(kind: str, seed: int, m: int, n: int) -> gt.NormalFormGame:
    if kind == "normal":
        return gt.NormalFormGame(np.stack([np.random.default_rng(seed).standard_normal((m, n)) for _ in range(2)]))
    return random_bimatrix(seed, m, n, kind)


def _fields(eqs: list[Any]) -> list[tuple[Any, ...]]:
    """Every field of every equilibrium, arrays as bytes (bit-for-bit comparison)."""
    return [
        (
            tuple(p.tobytes() for p in eq.profile),
            eq.payoffs.tobytes(),
            eq.support,
            eq.max_regret,
            eq.relative_regret,
            eq.exact,
        )
        for eq in eqs
    ]


def _sweep(game: gt.NormalFormGame) -> tuple[Any, ...]:
    support_mod._kernel()
    work = bimatrix_mod.prepare(game)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pairs, sets, _, stopped = support_mod.sweep_supports(work.An, work.Bn, 1e-9, bimatrix_mod.Budget(None, None))
    return work, pairs, sets, stopped


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(map(str, c)))
def test_stacked_candidates_give_the_list_routes_answer(case: tuple[str, int, int, int]) -> None:
    game = _game(*case)
    work, Z, sets, stopped = _sweep(game)
    m, n = work.An.shape
    assert not stopped
    if case[0] == "float":  # one compiled call examined every pair: the stacked route
        assert isinstance(Z, np.ndarray) and isinstance(sets, support_mod._SupportSets)
    if isinstance(Z, np.ndarray):
        pairs = list(zip(Z[:, :m], Z[:, m:]))
    else:  # handed over to the chunked route (an ill-conditioned size): stack the lists here
        pairs, Z = Z, np.array([np.concatenate(p) for p in Z]).reshape(-1, m + n)
    set_list = list(sets)
    assert len(set_list) == len(pairs)
    Z0 = Z.copy()
    for exact in (False, True):
        kw = dict(An=work.An, Bn=work.Bn, tol=1e-9, tie_tol=1e-9, exact=exact, work=work)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fast = bimatrix_mod.accept(game, Z, sets=sets, **kw)
            ref = bimatrix_mod.accept(game, pairs, sets=set_list, **kw)
        assert _fields(fast) == _fields(ref)
    assert np.array_equal(Z, Z0)  # the certification does not modify the candidates


def test_matching_pennies_sweep_by_hand() -> None:
    # Matching pennies (A = [[1, -1], [-1, 1]], B = -A): no pure pair survives the deviation test
    # and the one candidate is the uniform profile on supports ({0, 1}, {0, 1}), so the sets read
    # ([0, 1], [0, 1], [0, 1], [0, 1]) and the stacked row is [1/2, 1/2, 1/2, 1/2].
    game = gt.catalog.matching_pennies()
    _, Z, sets, _ = _sweep(game)
    assert list(sets) == [([0, 1], [0, 1], [0, 1], [0, 1])]
    np.testing.assert_allclose(Z, [[0.5, 0.5, 0.5, 0.5]], rtol=0, atol=1e-15)
    # Exact mode reads its sets from the lazy object: the same Fractions as by hand.
    res = gt.support_enumeration(game, exact=True)
    assert [eq.exact for eq in res] == [((Fraction(1, 2),) * 2, (Fraction(1, 2),) * 2)]


def test_no_candidate_gives_no_equilibrium() -> None:
    game = _game("float", 0, 3, 3)
    work = bimatrix_mod.prepare(game)
    kw = dict(An=work.An, Bn=work.Bn, tol=1e-9, tie_tol=1e-9, work=work)
    assert bimatrix_mod.accept(game, np.empty((0, 6)), exact=False, **kw) == []  # type: ignore[arg-type]
    assert bimatrix_mod.accept(game, np.empty((0, 6)), exact=True, **kw) == []  # type: ignore[arg-type]


def test_pair_counts_by_hand() -> None:
    # 6 x 6: C(6, k)**2 for k = 1..6 = 36, 225, 400, 225, 36, 1; they sum to C(12, 6) - 1 = 923.
    assert support_mod._pair_counts(6, 6) == (36, 225, 400, 225, 36, 1)
    assert sum(support_mod._pair_counts(6, 6)) == comb(12, 6) - 1 == 923
    # 2 x 3: k = 1: 2 * 3 = 6; k = 2: 1 * 3 = 3.
    assert support_mod._pair_counts(2, 3) == (6, 3)


@pytest.mark.parametrize("case", CASES + [("normal", s, 6, 6) for s in range(10)], ids=lambda c: "-".join(map(str, c)))
def test_handed_over_sweep_keeps_lists(case: tuple[str, int, int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    # Without the one-call sweep (numba's chunked route) the lists come back and the whole answer
    # is the same, bit for bit.
    game = _game(*case)

    def run() -> tuple[Any, ...]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = gt.support_enumeration(game)
        return _fields(list(res)), res.complete, res.converged, res.n_iter, sorted({w.category.__name__ for w in caught})

    support_mod._kernel()
    fast = run()
    monkeypatch.setattr(support_mod, "_COMPILED", support_mod._COMPILED[:2])
    _, pairs, sets, _ = _sweep(game)
    assert isinstance(pairs, list) and isinstance(sets, list)
    assert run() == fast


def _reference_degenerate(An: np.ndarray, Bn: np.ndarray, tol: float) -> bool:
    return vertices_mod._degenerate_polytope(Bn.T, tol) or vertices_mod._degenerate_polytope(An, tol)


@pytest.mark.parametrize("case", CASES + [("normal", s, 6, 6) for s in range(10)], ids=lambda c: "-".join(map(str, c)))
def test_one_call_walks_give_the_two_polytope_verdict(case: tuple[str, int, int, int]) -> None:
    work = bimatrix_mod.prepare(_game(*case))
    assert vertices_mod.degenerate_game(work.An, work.Bn, 1e-9) is _reference_degenerate(work.An, work.Bn, 1e-9)


def test_degenerate_by_hand() -> None:
    # A = B = [[1, 1], [0, 0]]... : the column player is indifferent between both columns at every x,
    # so x = (1, 0) (support 1) has two best responses: degenerate. Rock-paper-scissors is not.
    w = bimatrix_mod.prepare(gt.NormalFormGame(np.array([[[1, 1], [0, 0]], [[1, 1], [0, 0]]])))
    assert vertices_mod.degenerate_game(w.An, w.Bn, 1e-9) is True
    w = bimatrix_mod.prepare(gt.catalog.rock_paper_scissors())
    assert vertices_mod.degenerate_game(w.An, w.Bn, 1e-9) is False


@pytest.mark.parametrize("code", [-1, -2])
@pytest.mark.parametrize("case", [c for c in CASES if c[2] >= 3], ids=lambda c: "-".join(map(str, c)))
def test_undecided_walks_fall_back_to_qhull(code: int, case: tuple[str, int, int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    # -1: the walk of P did not decide (Qhull decides P, then Q as before); -2: P simple, Q's walk
    # undecided (Qhull decides Q). Forced here; the verdicts are the two-polytope route's whenever
    # the forced code is consistent with the true one (P simple for -2).
    work = bimatrix_mod.prepare(_game(*case))
    An, Bn = work.An, work.Bn
    p_degenerate = vertices_mod._has_degenerate_vertex(np.ascontiguousarray(Bn.T), 1e-9)
    monkeypatch.setattr(vertices_mod, "_game_walk_kernel", lambda: lambda *args: code)
    got = vertices_mod.degenerate_game(An, Bn, 1e-9)
    if code == -1 or not p_degenerate:
        assert got is _reference_degenerate(An, Bn, 1e-9)
    else:
        assert got is vertices_mod._has_degenerate_vertex(np.ascontiguousarray(An), 1e-9)


def test_too_many_labels_take_the_two_polytope_route(monkeypatch: pytest.MonkeyPatch) -> None:
    # With at most 4 labels a 3 x 3 game (6 labels) is walked by neither call: Qhull decides both.
    calls: list[int] = []
    monkeypatch.setattr(vertices_mod, "_MAX_WALK_LABELS", 4)
    monkeypatch.setattr(vertices_mod, "_game_walk_kernel", lambda: calls.append(1))
    for case in [c for c in CASES if c[2:] == (3, 3)]:
        work = bimatrix_mod.prepare(_game(*case))
        want = vertices_mod._has_degenerate_vertex(np.ascontiguousarray(work.Bn.T), 1e-9) or vertices_mod._has_degenerate_vertex(
            np.ascontiguousarray(work.An), 1e-9
        )
        assert vertices_mod.degenerate_game(work.An, work.Bn, 1e-9) is want
    assert calls == []


def test_build_all_keeps_the_callers_rows_read_only() -> None:
    # Two rows, supports ((0,), (1,)) (total 2) and ((0, 1), (0, 1)) (total 4): sorted by total
    # size, the rows come out in the given order, as read-only views of the caller's arrays.
    X = np.array([[1.0, 0.0], [0.5, 0.5]])
    Y = np.array([[0.0, 1.0], [0.25, 0.75]])
    z = np.zeros(2)
    u0, u1 = np.array([1.0, 2.0]), np.array([3.0, 4.0])
    eqs = bimatrix_mod._build_all(X, Y, z, z, u0, u1)
    assert [eq.support for eq in eqs] == [((0,), (1,)), ((0, 1), (0, 1))]
    assert not X.flags.writeable and not Y.flags.writeable
    assert eqs[1].profile[0].base is X and eqs[1].profile[1].base is Y
    assert [eq.payoffs.tolist() for eq in eqs] == [[1.0, 3.0], [2.0, 4.0]]
    assert all(not eq.payoffs.flags.writeable for eq in eqs)
