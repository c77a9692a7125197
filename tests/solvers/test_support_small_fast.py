"""Issue 14: the compiled certification of float candidates (``_bimatrix._certify_kernels``) against
the numpy route it replaces when numba is installed.

Profiles (clipped, zeroed at round-off level, rescaled: :func:`_bimatrix._to_simplex`) must agree
bit for bit, and so must the selection (``rel <= tol``, duplicates within 1e-8 merged); regrets and
payoffs are sums of products taken in another order than BLAS's and may differ by rounding: at most
``ULPS`` units in the last place of the player's payoff range (of 1 for relative regrets).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.result import SUPPORT_TOL
from gametheory_af.solvers import _bimatrix as bm

pytest.importorskip("numba")

ULPS = 8


def _kernels():  # noqa: ANN202 - compiled functions
    kernels = bm._certify_kernels()
    assert kernels is not None
    return kernels


def _rows(rng: np.random.Generator, E: int, m: int, n: int) -> np.ndarray:
    """Candidate rows: probability vectors with zeros, round-off noise, negatives and sums away from one."""
    Z = rng.random((E, m + n)) ** 4
    Z[rng.random(Z.shape) < 0.3] = 0.0
    Z[rng.random(Z.shape) < 0.1] = 1e-17  # below SUPPORT_TOL once rescaled
    Z[rng.random(Z.shape) < 0.1] = -1e-12  # clipped to zero
    Z *= 1.0 + rng.standard_normal((E, 1)) * 1e-7
    Z[:, 0] += 1e-3  # no half is the zero vector
    Z[:, m] += 1e-3
    return Z


@pytest.mark.parametrize("seed", range(30))
def test_compiled_pass_matches_numpy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    # Sizes below, at and above numpy's 8-accumulator pairwise sum.
    m, n = int(rng.integers(1, 14)), int(rng.integers(1, 14))
    game = gt.NormalFormGame(rng.standard_normal((2, m, n)) * 10.0 ** rng.integers(-3, 4))
    work = bm.prepare(game)
    Z = _rows(rng, 50, m, n)
    X, Y, rel, r_abs, u0, u1 = _kernels()[0](Z, m, work.A01, work.B01, work.lo, work.span, SUPPORT_TOL)
    Xr, Yr = bm._to_simplex(Z[:, :m].copy()), bm._to_simplex(Z[:, m:].copy())
    relr, absr, u0r, u1r = bm._regrets(work, Xr, Yr)
    assert X.tobytes() == Xr.tobytes() and Y.tobytes() == Yr.tobytes()
    unit = ULPS * np.spacing(work.span)
    assert np.all(np.abs(rel - relr) <= ULPS * np.spacing(1.0))
    assert np.all(np.abs(r_abs - absr) <= unit.max())
    assert np.all(np.abs(u0 - u0r) <= unit[0]) and np.all(np.abs(u1 - u1r) <= unit[1])


def test_compiled_simplex_by_hand() -> None:
    # Row (2, -1, 1e-20, 2) -> clipped (2, 0, 1e-20, 2), sum 4 -> (0.5, 0, 2.5e-21, 0.5); 2.5e-21 is below
    # SUPPORT_TOL -> zeroed and rescaled: (0.5, 0, 0, 0.5). Column half (3, 1) -> (0.75, 0.25).
    # A = [[1, 0, 0, 0], [0, 1, 0, 0]] ... use a 4 x 2 game: A[i, j] = i == j, B = 1 - A.
    A = np.zeros((4, 2))
    A[0, 0] = A[1, 1] = 1.0
    game = gt.NormalFormGame([A, 1.0 - A])
    work = bm.prepare(game)
    Z = np.array([[2.0, -1.0, 1e-20, 2.0, 3.0, 1.0]])
    X, Y, rel, r_abs, u0, u1 = _kernels()[0](Z, 4, work.A01, work.B01, work.lo, work.span, SUPPORT_TOL)
    assert X.tolist() == [[0.5, 0.0, 0.0, 0.5]] and Y.tolist() == [[0.75, 0.25]]
    # Row payoffs to y: (0.75, 0.25, 0, 0); x earns 0.5 * 0.75 = 0.375; regret 0.375 (range 1).
    # Column payoffs to x: 1 - (0.5, 0) = (0.5, 1); y earns 0.75 * 0.5 + 0.25 = 0.625; regret 0.375.
    assert rel.tolist() == [0.375] and r_abs.tolist() == [0.375]
    assert u0.tolist() == [0.375] and u1.tolist() == [0.625]


@pytest.mark.parametrize("seed", range(20))
def test_compiled_selection_matches_numpy(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    m, n, E = int(rng.integers(1, 8)), int(rng.integers(1, 8)), int(rng.integers(1, 30))
    X, Y = rng.random((E, m)), rng.random((E, n))
    dup = rng.integers(0, E, E // 2)
    X[dup[: len(dup) // 2]] = X[0] + 5e-9  # within 1e-8 of row 0
    Y[dup[: len(dup) // 2]] = Y[0]
    rel = np.where(rng.random(E) < 0.3, 1.0, 0.0)
    idx = _kernels()[1](X, Y, rel, 1e-9)
    keep = np.flatnonzero(rel <= 1e-9)
    Z = np.concatenate([X, Y], axis=1)[keep]
    dist = np.abs(Z[:, None, :] - Z[None, :, :]).max(axis=2) if len(keep) else np.zeros((0, 0))
    unique = ~((dist <= 1e-8) & (np.arange(len(keep))[:, None] < np.arange(len(keep)))).any(axis=0)
    assert idx.tolist() == keep[unique].tolist()


@pytest.mark.parametrize("seed", range(10))
def test_accept_routes_agree(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # The whole support enumeration with and without the compiled certification: same equilibria.
    rng = np.random.default_rng(200 + seed)
    size = 3 + seed % 5
    game = gt.NormalFormGame(rng.standard_normal((2, size, size)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = gt.support_enumeration(game)
        monkeypatch.setattr(bm, "_certify_kernels", lambda: None)
        slow = gt.support_enumeration(game)
    assert len(fast.equilibria) == len(slow.equilibria) >= 1
    assert fast.complete == slow.complete
    span = np.ptp(np.asarray(game.payoffs), axis=(1, 2))
    for a, b in zip(fast.equilibria, slow.equilibria):
        assert a.support == b.support
        assert all(p.tobytes() == q.tobytes() for p, q in zip(a.profile, b.profile))
        assert np.all(np.abs(a.payoffs - b.payoffs) <= ULPS * np.spacing(span))


@pytest.mark.parametrize("seed", range(12))
def test_degenerate_pairs_routes_agree(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Integer games with ties (often degenerate pairs) and normal games: the compiled count and the
    # numpy count give the same answer on the equilibria support enumeration returns and on pure pairs.
    from gametheory_af.solvers import support as sp

    rng = np.random.default_rng(300 + seed)
    m, n = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    P = rng.integers(0, 3, (2, m, n)) if seed % 2 else rng.standard_normal((2, m, n))
    game = gt.NormalFormGame(P)
    work = bm.prepare(game)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eqs = list(gt.vertex_enumeration(game).equilibria)
        eqs += [gt.result.make_equilibrium(game, (np.eye(m)[i], np.eye(n)[j])) for i in range(m) for j in range(n)]
    answers = []
    for e in range(len(eqs) + 1):
        fast = sp._degenerate_pairs(work.An, work.Bn, eqs[:e], 1e-9)
        with monkeypatch.context() as mp:
            mp.setattr(sp, "_degenerate_kernel", lambda: None)
            slow = sp._degenerate_pairs(work.An, work.Bn, eqs[:e], 1e-9)
        assert fast is slow
        answers.append(fast)
    assert answers[0] is False


def test_degenerate_pairs_by_hand() -> None:
    # A = B = [[1, 1], [0, 0]] normalised: against x = (1, 0) both columns pay the column player 1:
    # two best responses to a support of size one -> degenerate. A 2 x 2 identity game is not, at (e0, e0).
    from gametheory_af.solvers import support as sp

    game = gt.NormalFormGame([[[1, 1], [0, 0]], [[1, 1], [0, 0]]])
    work = bm.prepare(game)
    eq = gt.result.make_equilibrium(game, (np.array([1.0, 0.0]), np.array([1.0, 0.0])))
    assert sp._degenerate_pairs(work.An, work.Bn, [eq], 1e-9) is True
    game = gt.NormalFormGame([np.eye(2), np.eye(2)])
    work = bm.prepare(game)
    eq = gt.result.make_equilibrium(game, (np.array([1.0, 0.0]), np.array([1.0, 0.0])))
    assert sp._degenerate_pairs(work.An, work.Bn, [eq], 1e-9) is False


def test_build_all_supports_both_routes() -> None:
    # More than 8 rows take nonzero/bincount; at most 8 the Python loop: same supports, same order.
    rng = np.random.default_rng(7)
    X = rng.random((12, 5)) * (rng.random((12, 5)) < 0.6)
    Y = rng.random((12, 4)) * (rng.random((12, 4)) < 0.6)
    X[:, 0] += 0.1
    Y[:, 0] += 0.1
    z = np.zeros(12)

    def want(k: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        sup = [(tuple(np.flatnonzero(x).tolist()), tuple(np.flatnonzero(y).tolist())) for x, y in zip(X[:k], Y[:k])]
        return sorted(sup, key=lambda s: (len(s[0]) + len(s[1]), s))

    assert [eq.support for eq in bm._build_all(X, Y, z, z, z, z)] == want(12)
    assert [eq.support for eq in bm._build_all(X[:8], Y[:8], z[:8], z[:8], z[:8], z[:8])] == want(8)


def _prepare_cases() -> list[np.ndarray]:
    rng = np.random.default_rng(11)
    cases = [rng.standard_normal((2, m, n)) * 10.0 ** rng.integers(-5, 6) for m, n in ((1, 1), (1, 4), (3, 2), (6, 6), (9, 7))]
    cases += [rng.integers(-3, 4, (2, 4, 5)).astype(float) for _ in range(4)]  # integers: exact_ok
    cases.append(np.stack([np.full((3, 3), 2.5), rng.random((3, 3))]))  # a constant player: range 1.0
    cases.append(np.array([[[0.0, 1.0], [2.0, 1e12]], [[0.0, 1.0], [2.0, 3.0]]]))  # unresolved, integers
    cases.append(np.array([[[0.5, 1.0], [2.0, 1e12]], [[0.0, 1.0], [2.0, 3.0]]]))  # unresolved, not exact
    cases.append(np.array([[[0.0, 2.0**53], [1.0, 3.0]], [[0.0, 1.0], [2.0, 3.0]]]))  # integers too large
    cases.append(np.array([[[-0.0, 1.0], [0.0, 3.0]], [[0.0, 1.0], [2.0, 3.0]]]))  # -0.0: numpy's route
    return cases


@pytest.mark.parametrize("case", range(14))
@pytest.mark.parametrize("skip", [False, True])
def test_prepare_routes_agree(case: int, skip: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    P = _prepare_cases()[case]
    game = gt.NormalFormGame(P)
    fast = bm.prepare(game, resolves_if_inexact=skip)
    monkeypatch.setattr(bm, "_prepare_kernel", lambda: None)
    slow = bm.prepare(game, resolves_if_inexact=skip)
    for name in ("A01", "B01", "lo", "span"):
        a, b = getattr(fast, name), getattr(slow, name)
        assert a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes(), name
    assert type(fast.resolves) is bool and type(fast.exact_ok) is bool
    assert (fast.resolves, fast.exact_ok) == (slow.resolves, slow.exact_ok)


def _exact_prepare_cases() -> list[gt.NormalFormGame]:
    from fractions import Fraction as F

    rng = np.random.default_rng(12)
    games = [gt.NormalFormGame.from_bimatrix(*rng.integers(-9, 10, (2, m, n)).tolist()) for m, n in ((1, 3), (3, 3), (5, 4))]
    games.append(gt.catalog.prisoners_dilemma())
    games.append(gt.NormalFormGame.from_bimatrix([[F(1, 3), F(2, 3)], [F(1), F(0)]], [[F(1, 7), 0], [2, F(5, 7)]]))
    games.append(gt.NormalFormGame.from_bimatrix([[0, 1], [5 * 10**11, 10**12]], [[0, 1], [2, 3]]))  # blurred: rational route
    games.append(gt.NormalFormGame.from_bimatrix([[0, 1], [2, 10**12]], [[0, 1], [2, 3]]))  # unresolved
    games.append(gt.NormalFormGame.from_bimatrix([[10**9, 10**9 + 1], [10**9, 10**9]], [[0, 1], [2, 3]]))  # range 1e-9 of max
    games.append(gt.NormalFormGame.from_bimatrix([[2, 2], [2, 2]], [[0, 1], [2, 3]]))  # a constant player
    games.append(gt.NormalFormGame.from_bimatrix([[F(1, 10**12), 0], [1, 2]], [[0, 1], [2, 3]]))  # two payoffs 1e-12 apart
    return games


@pytest.mark.parametrize("case", range(10))
def test_prepare_routes_agree_on_exact_games(case: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # The compiled float shortcut for games with exact payoffs gives what normalize_game gives, bit for
    # bit, where it applies, and leaves the others to normalize_game's rational route.
    game = _exact_prepare_cases()[case]
    assert game.is_exact
    fast = bm.prepare(game)
    monkeypatch.setattr(bm, "_prepare_kernel", lambda: None)
    slow = bm.prepare(game)
    for name in ("A01", "B01", "lo", "span"):
        a, b = getattr(fast, name), getattr(slow, name)
        assert a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes(), name
    assert type(fast.resolves) is bool and type(fast.exact_ok) is bool
    assert (fast.resolves, fast.exact_ok) == (slow.resolves, slow.exact_ok)


def test_the_exact_shortcut_is_taken_only_where_it_applies() -> None:
    bm._prepare_kernel()
    kernel = bm._PREPARE[0]
    from gametheory_af._tolerance import BLUR, RESOLUTION

    taken = [kernel(g.payoffs, False, RESOLUTION, True, BLUR)[5] for g in _exact_prepare_cases()]
    assert taken == [True] * 5 + [False] * 5


def test_prepare_by_hand() -> None:
    # Player 0: 0..3 on [0, 3] -> (0, 1/3, 2/3, 1), integers (exact_ok); player 1 constant 5 -> zeros, range 1.
    # Payoffs 0, 1, 2, 1e12: gaps 1, 1, 1e12 - 2; lower median 1, times 3 < 1e-6 * 1e12: unresolved.
    game = gt.NormalFormGame([[[0.0, 1.0], [2.0, 3.0]], [[5.0, 5.0], [5.0, 5.0]]])
    work = bm.prepare(game)
    assert work.A01.tolist() == [[0.0, 1 / 3], [2 / 3, 1.0]] and work.B01.tolist() == [[0.0, 0.0], [0.0, 0.0]]
    assert work.lo.tolist() == [0.0, 5.0] and work.span.tolist() == [3.0, 1.0]
    assert work.resolves and work.exact_ok
    work = bm.prepare(gt.NormalFormGame([[[0.0, 1.0], [2.0, 1e12]], [[0.0, 1.0], [2.0, 3.0]]]))
    assert not work.resolves and work.exact_ok and work.use_exact


@pytest.mark.parametrize("seed", range(12))
def test_accept_numpy_route_matches_compiled(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Candidates that take every branch (polished, rejected, duplicates: see _candidates), certified
    # by the compiled kernels and by the numpy route (as without numba): same profiles bit for bit.
    from tests.solvers.test_support_accept_fast import _candidates

    rng = np.random.default_rng(400 + seed)
    m, n = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    P = rng.standard_normal((2, m, n)) if seed % 2 else rng.integers(0, 4, (2, m, n))
    game = gt.NormalFormGame(P)
    work = bm.prepare(game)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cands = _candidates(game, rng)
    fast = bm.accept(game, cands, An=work.An, Bn=work.Bn, tol=1e-9, tie_tol=1e-9, exact=False, work=work)
    monkeypatch.setattr(bm, "_certify_kernels", lambda: None)
    slow = bm.accept(game, cands, An=work.An, Bn=work.Bn, tol=1e-9, tie_tol=1e-9, exact=False, work=work)
    assert 1 <= len(fast) == len(slow) < len(cands)  # something was rejected or merged
    span = np.ptp(np.asarray(game.payoffs, dtype=np.float64).reshape(2, -1), axis=1)
    for a, b in zip(fast, slow):
        assert a.support == b.support
        assert all(p.tobytes() == q.tobytes() for p, q in zip(a.profile, b.profile))
        assert np.all(np.abs(a.payoffs - b.payoffs) <= ULPS * np.spacing(span))


def test_build_all_breaks_support_ties_by_profile() -> None:
    # Total support sizes 2, 3, 3: the pure row first; the two rows with supports ((0, 1), (0,)) are
    # ordered by the negated profile: (0.5, 0.5) (key -0.5) before (0.25, 0.75) (key -0.25).
    X = np.array([[0.25, 0.75], [1.0, 0.0], [0.5, 0.5]])
    Y = np.array([[1.0], [1.0], [1.0]])
    z = np.zeros(3)
    got = bm._build_all(X, Y, z, z, z, z)
    assert [eq.profile[0].tolist() for eq in got] == [[1.0, 0.0], [0.5, 0.5], [0.25, 0.75]]
