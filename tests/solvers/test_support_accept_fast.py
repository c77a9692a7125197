"""Issue 14: the vectorised certification of float candidates (``accept``) and the leaner
``support_enumeration`` give the answers of the code they replaced, bit for bit.

Two references:

* ``data/support_accept_reference.json.gz`` holds the results of ``support_enumeration`` and
  ``vertex_enumeration`` (both certify through ``accept``) computed by the code before this change
  (main at c1f904f) on the games of :func:`_games`: seeded normal games 2 x 2 .. 12 x 12 and
  rectangular ones, integer games with ties, the catalog, the generators' families, degenerate
  and ill-conditioned games, and ``exact=True``. Every float is compared by its hex form. Rebuild
  from another directory with ``PYTHONPATH=<checkout of the old code>:<this checkout> python -c
  "import tests.solvers.test_support_accept_fast as t; t._write_reference()"``.
* :func:`_reference_certify` is the old ``_certify_floats`` + ``_build_all`` + sort, kept here,
  run on candidate lists built to take every branch (polishing, rejection, duplicates).
"""

from __future__ import annotations

import gzip
import json
import logging
import warnings
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import SEED, random_game_payoffs
from gametheory_af.result import Equilibrium
from gametheory_af.solvers import _bimatrix as bm

REF = Path(__file__).parent / "data" / "support_accept_reference.json.gz"
TOL = 1e-9


# --- the games and their records ------------------------------------------------------------------


def _near_repeated(seed: int, m: int, eps: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    A, B = rng.random((m, m)), rng.random((m, m))
    A[1] = A[0] + eps * rng.random(m)
    B[:, 1] = B[:, 0] + eps * rng.random(m)
    return np.stack([A, B])


def _games() -> list[tuple[str, gt.NormalFormGame, dict[str, Any]]]:
    """``(name, game, options)`` of every reference case (options passed to both solvers)."""
    out: list[tuple[str, gt.NormalFormGame, dict[str, Any]]] = []
    for size in range(2, 11):
        for s in range(6 if size <= 6 else 2):
            P = np.random.default_rng(1000 * size + s).standard_normal((2, size, size))
            out.append((f"normal {size}x{size} seed {s}", gt.NormalFormGame(P), {}))
    for size in (6, 8, 10, 12):
        out.append((f"benchmark {size}x{size}", gt.NormalFormGame(random_game_payoffs((size, size), seed=SEED)), {}))
    for shape in ((2, 5), (5, 3), (7, 4), (3, 9)):
        P = np.random.default_rng(sum(shape)).standard_normal((2, *shape))
        out.append((f"normal {shape}", gt.NormalFormGame(P), {}))
    for size in (3, 4, 5, 6):
        for s in range(3):
            P = np.random.default_rng(77 + 10 * size + s).integers(0, 3, (2, size, size))
            out.append((f"integer ties {size}x{size} seed {s}", gt.NormalFormGame(P), {}))
    for name in gt.catalog.names():
        game = gt.catalog.get(name).game
        if len(game.shape) == 2:
            out.append((f"catalog {name}", game, {}))
    for n in (2, 3, 4):
        out.append((f"savani_von_stengel {n}", gt.generators.savani_von_stengel(n), {}))
    for rho in (-0.9, 0.0, 0.9):
        out.append((f"covariant rho {rho}", gt.generators.covariant_game((6, 6), rho, seed=3), {}))
    rng = np.random.default_rng(5)
    out.append(("imitation", gt.generators.imitation_game(rng.standard_normal((5, 5))), {}))
    out.append(("unit vector", gt.generators.unit_vector_game(rng.standard_normal((5, 5)), [0, 1, 2, 0, 1]), {}))
    for s in range(2):
        out.append((f"near repeated 5 seed {s}", gt.NormalFormGame(_near_repeated(s, 5, 1e-11)), {}))
        out.append((f"near repeated 8 seed {s}", gt.NormalFormGame(_near_repeated(s, 8, 1e-12)), {}))
    out.append(("degenerate repeated row", gt.NormalFormGame(np.stack([[[1, 1, 0], [1, 1, 0], [0, 2, 3]], [[2, 0, 1], [2, 0, 1], [1, 3, 0]]])), {}))
    for s in range(3):
        P = np.random.default_rng(300 + s).integers(-2, 3, (2, 4, 4))
        out.append((f"exact=True integer {s}", gt.NormalFormGame(P), {"exact": True}))
    out.append(("exact=True rps", gt.catalog.rock_paper_scissors(), {"exact": True}))
    out.append(("max_supports 100", gt.NormalFormGame(np.random.default_rng(9).standard_normal((2, 6, 6))), {"max_supports": 100}))
    return out


def _hex(v: Any) -> Any:
    if isinstance(v, np.ndarray):
        return [float(x).hex() for x in v.tolist()]
    return float(v).hex()


def _record(res: gt.EquilibriumResult, caught: list[warnings.WarningMessage]) -> dict[str, Any]:
    return {
        "complete": res.complete,
        "converged": res.converged,
        "n_iter": res.n_iter,
        "warnings": sorted({w.category.__name__ for w in caught}),
        "equilibria": [
            {
                "profile": [_hex(p) for p in eq.profile],
                "payoffs": _hex(eq.payoffs),
                "support": [list(s) for s in eq.support],
                "max_regret": _hex(eq.max_regret),
                "relative_regret": _hex(eq.relative_regret),
                "exact": None if eq.exact is None else [[str(v) for v in p] for p in eq.exact],
            }
            for eq in res.equilibria
        ],
    }


def _solve(method: str, game: gt.NormalFormGame, options: dict[str, Any]) -> dict[str, Any]:
    opts = dict(options)
    if method == "vertex_enumeration" and "max_supports" in opts:
        opts["max_vertices"] = opts.pop("max_supports")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = getattr(gt, method)(game, **opts)
    return _record(res, caught)


def _cases() -> list[tuple[str, str]]:
    cases = []
    for name, game, _ in _games():
        cases.append(("support_enumeration", name))
        if max(game.shape) <= 8:
            cases.append(("vertex_enumeration", name))
    return cases


def _write_reference(path: Path = REF) -> None:  # pragma: no cover - run by hand on the old code
    games = {name: (game, opts) for name, game, opts in _games()}
    data = {f"{method}: {name}": _solve(method, *games[name]) for method, name in _cases()}
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(data, fh, sort_keys=True)


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    with gzip.open(REF, "rt", encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@pytest.fixture(scope="module")
def games() -> dict[str, tuple[gt.NormalFormGame, dict[str, Any]]]:
    return {name: (game, opts) for name, game, opts in _games()}


@pytest.mark.parametrize(("method", "name"), _cases(), ids=[f"{m[:7]}-{n}" for m, n in _cases()])
def test_same_answers_as_before(method: str, name: str, reference: dict[str, Any], games: dict[str, Any]) -> None:
    # Equilibria (profiles bit for bit, order, supports, exact values), flags, counts and warnings
    # identical; payoffs and regrets up to rounding (see _same_up_to_rounding).
    game = games[name][0]
    got, ref = _solve(method, *games[name]), reference[f"{method}: {name}"]
    _same_up_to_rounding(got, ref, game)


#: Issue 14 (compiled certification): payoffs and regrets are sums of products taken in another
#: order than BLAS's, so they may differ from the stored values by rounding: at most ULPS units in
#: the last place of the player's payoff range (of 1 for relative regrets, which are on [0, 1]).
ULPS = 8


def _same_up_to_rounding(got: dict[str, Any], ref: dict[str, Any], game: gt.NormalFormGame) -> None:
    P = np.asarray(game.payoffs, dtype=np.float64)
    ranges = [float(P[p].max() - P[p].min()) for p in range(2)]
    unit = [ULPS * float(np.spacing(r)) for r in ranges]
    strip = ("payoffs", "max_regret", "relative_regret")
    assert {k: v for k, v in got.items() if k != "equilibria"} == {k: v for k, v in ref.items() if k != "equilibria"}
    assert len(got["equilibria"]) == len(ref["equilibria"])
    for g, r in zip(got["equilibria"], ref["equilibria"]):
        assert {k: v for k, v in g.items() if k not in strip} == {k: v for k, v in r.items() if k not in strip}
        for p in range(2):
            assert abs(float.fromhex(g["payoffs"][p]) - float.fromhex(r["payoffs"][p])) <= unit[p]
        assert abs(float.fromhex(g["max_regret"]) - float.fromhex(r["max_regret"])) <= max(unit)
        assert abs(float.fromhex(g["relative_regret"]) - float.fromhex(r["relative_regret"])) <= ULPS * float(np.spacing(1.0))


def test_reference_covers_the_cases(reference: dict[str, Any]) -> None:
    # Every case has a stored answer, and the set is not trivial: mixed equilibria, several
    # equilibria, incomplete (degenerate or stopped) results and exact ones are all in it.
    assert {f"{m}: {n}" for m, n in _cases()} == set(reference)
    recs = list(reference.values())
    assert any(len(r["equilibria"]) >= 5 for r in recs)
    assert any(not r["complete"] for r in recs)
    assert any(not r["converged"] for r in recs)
    assert any(e["exact"] is not None for r in recs for e in r["equilibria"])
    assert any(len(e["support"][0]) >= 3 for r in recs for e in r["equilibria"])


# --- accept against the code it replaced ----------------------------------------------------------


def _reference_certify(
    work: bm.Work, cands: list[tuple[np.ndarray, np.ndarray]], An: np.ndarray, Bn: np.ndarray, tol: float, tie_tol: float
) -> list[Equilibrium]:
    """The previous ``_certify_floats``, ``_build_all`` (public constructor, one copy per row) and sort."""
    X = bm._to_simplex(np.array([c[0] for c in cands], dtype=np.float64))
    Y = bm._to_simplex(np.array([c[1] for c in cands], dtype=np.float64))
    rel, r_abs, row_val, col_val = bm._regrets(work, X, Y)
    for e in np.flatnonzero(rel > 1e-13).tolist():
        px, py = bm.polish(An, Bn, X[e], Y[e], tie_tol)
        px, py = bm._to_simplex(px[None]), bm._to_simplex(py[None])
        r2, a2, u0, u1 = bm._regrets(work, px, py)
        if r2[0] < rel[e]:
            X[e], Y[e], rel[e], r_abs[e], row_val[e], col_val[e] = px[0], py[0], r2[0], a2[0], u0[0], u1[0]
    keep = rel <= tol
    X, Y, rel, r_abs, row_val, col_val = X[keep], Y[keep], rel[keep], r_abs[keep], row_val[keep], col_val[keep]
    if len(X) > 1:
        Z = np.concatenate([X, Y], axis=1)
        dist = np.abs(Z[:, None, :] - Z[None, :, :]).max(axis=2)
        E = len(X)
        unique = ~((dist <= 1e-8) & (np.arange(E)[:, None] < np.arange(E))).any(axis=0)
        X, Y, rel, r_abs, row_val, col_val = X[unique], Y[unique], rel[unique], r_abs[unique], row_val[unique], col_val[unique]
    out = []
    for x, y, u0, u1, r, a in zip(X, Y, row_val, col_val, rel.tolist(), r_abs.tolist()):
        support = (tuple(np.flatnonzero(x).tolist()), tuple(np.flatnonzero(y).tolist()))
        out.append(Equilibrium(profile=(x.copy(), y.copy()), payoffs=np.array([u0, u1]), support=support, max_regret=a, relative_regret=r))
    out.sort(key=bm._order)
    return out


def _same_eq(a: Equilibrium, b: Equilibrium, game: gt.NormalFormGame) -> None:
    # Profiles and supports bit for bit; payoffs and regrets up to ULPS ulps of the payoff range.
    for p, q in zip(a.profile, b.profile):
        assert p.tobytes() == q.tobytes() and p.dtype == q.dtype and p.shape == q.shape
    P = np.asarray(game.payoffs, dtype=np.float64)
    unit = [ULPS * float(np.spacing(float(P[p].max() - P[p].min()))) for p in range(2)]
    assert a.payoffs.dtype == b.payoffs.dtype and a.payoffs.shape == b.payoffs.shape == (2,)
    assert all(abs(a.payoffs[p] - b.payoffs[p]) <= unit[p] for p in range(2))
    assert a.support == b.support and all(type(i) is int for s in a.support for i in s)
    assert type(a.max_regret) is float and abs(a.max_regret - b.max_regret) <= max(unit)
    assert type(a.relative_regret) is float and abs(a.relative_regret - b.relative_regret) <= ULPS * float(np.spacing(1.0))
    assert a.exact is None and b.exact is None


def _candidates(game: gt.NormalFormGame, rng: np.random.Generator) -> list[tuple[np.ndarray, np.ndarray]]:
    """Every vertex equilibrium, perturbed copies (to be polished), duplicates, and non-equilibria, shuffled."""
    eqs = gt.vertex_enumeration(game).equilibria
    m, n = game.shape
    cands = []
    for eq in eqs:
        x, y = eq.profile
        cands.append((x.copy(), y.copy()))
        cands.append((x + 1e-10 * (x > 0) * rng.random(m), y.copy()))  # duplicate within 1e-8 after polishing
        cands.append((x.copy(), np.clip(y + 1e-6 * (y > 0) * rng.standard_normal(n), 0, None)))  # polished
        cands.append((x * 1.0000001, y + 1e-20))  # round-off noise, sums away from one
    cands.append((rng.random(m), rng.random(n)))  # (almost surely) no equilibrium
    cands.append((np.eye(m)[0], np.eye(n)[0]))
    order = rng.permutation(len(cands))
    return [cands[i] for i in order]


@pytest.mark.parametrize("seed", range(40))
def test_accept_matches_the_previous_certification(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    P = rng.standard_normal((2, m, n)) if seed % 2 else rng.integers(0, 4, (2, m, n))
    game = gt.NormalFormGame(P)
    work = bm.prepare(game)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cands = _candidates(game, rng)
    tie_tol = max(TOL, bm.MIN_TIE_TOL)
    got = bm.accept(game, cands, An=work.An, Bn=work.Bn, tol=TOL, tie_tol=tie_tol, exact=False, work=work)
    want = _reference_certify(work, [(x.copy(), y.copy()) for x, y in cands], work.An, work.Bn, TOL, tie_tol)
    assert len(got) == len(want) >= 1
    for a, b in zip(got, want):
        _same_eq(a, b, game)


def test_accept_by_hand_matching_pennies() -> None:
    # Matching pennies: the only equilibrium is (1/2, 1/2) for both, value 0 to both. Candidates: it,
    # a copy 1e-9 away (merged: within 1e-8), and a pure pair (regret 2 on the [-1, 1] scale,
    # relative regret 1: rejected).
    game = gt.catalog.matching_pennies()
    work = bm.prepare(game)
    h = np.array([0.5, 0.5])
    cands = [(np.eye(2)[0], np.eye(2)[0]), (h + [1e-9, -1e-9], h.copy()), (h.copy(), h.copy())]
    (eq,) = bm.accept(game, cands, An=work.An, Bn=work.Bn, tol=TOL, tie_tol=TOL, exact=False, work=work)
    assert eq.support == ((0, 1), (0, 1))
    assert eq.payoffs.tolist() == [0.0, 0.0]
    assert eq.relative_regret == 0.0 or eq.relative_regret < 1e-8
    # The equilibria's arrays are read-only.
    for arr in (*eq.profile, eq.payoffs):
        with pytest.raises(ValueError):
            arr[0] = 1.0
    # With no candidate left nothing is built.
    assert bm.accept(game, cands[:1], An=work.An, Bn=work.Bn, tol=TOL, tie_tol=TOL, exact=False, work=work) == []
    assert bm.accept(game, [], An=work.An, Bn=work.Bn, tol=TOL, tie_tol=TOL, exact=False) == []


def test_order_is_by_support_size_then_support() -> None:
    # Chicken (catalog): pure (0, 1) and (1, 0) (support sizes 2) before the mixed one (size 4),
    # and ((0,), (1,)) before ((1,), (0,)); the candidates are given in reverse.
    res = gt.support_enumeration(gt.catalog.chicken())
    game = gt.catalog.chicken()
    work = bm.prepare(game)
    cands = [eq.profile for eq in reversed(res.equilibria)]
    got = bm.accept(game, cands, An=work.An, Bn=work.Bn, tol=TOL, tie_tol=TOL, exact=False, work=work)
    assert [eq.support for eq in got] == [((0,), (1,)), ((1,), (0,)), ((0, 1), (0, 1))]
    for a, b in zip(got, res.equilibria):
        _same_eq(a, b, game)


# --- logging ----------------------------------------------------------------------------------------


def test_logs_the_float_route_summary(caplog: pytest.LogCaptureFixture) -> None:
    # Chicken is 2 x 2: 4 pure support pairs and 1 of size 2 (C(4, 2) - 1 = 5), three equilibria.
    with caplog.at_level(logging.DEBUG, logger="gametheory_af.solvers.support"):
        gt.support_enumeration(gt.catalog.chicken())
    msgs = [r.getMessage() for r in caplog.records if r.name == "gametheory_af.solvers.support"]
    assert msgs == ["support_enumeration: 5 support pairs examined, 3 equilibria, degenerate=False, stopped=False"]


def _messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "gametheory_af.solvers.support"]


@pytest.mark.parametrize(("payoffs", "exact", "why"), [
    # Integer payoffs 0, 1, 2 and 10**12: float64 cannot resolve them (the float_resolves example),
    # and exact ones are there to fall back on.
    ([[0, 1], [2, 10**12]], False, "float64 cannot resolve the payoffs"),
    # Alike in non-integer floats (not exact payoffs to fall back on) with exact=True, which asks.
    ([[0.5, 1.25], [2.0, 1e12 + 0.5]], True, "exact=True"),
])
def test_logs_the_exact_route(payoffs: list[list[float]], exact: bool, why: str, caplog: pytest.LogCaptureFixture) -> None:
    game = gt.NormalFormGame.from_bimatrix(payoffs, [[0, 1], [2, 3]])
    with caplog.at_level(logging.DEBUG, logger="gametheory_af.solvers.support"):
        res = gt.support_enumeration(game, exact=exact)
    # Row 1 strictly dominates row 0 and then column 1 is the column player's best reply (3 > 2):
    # the one equilibrium is pure, (1, 1), found exactly.
    assert [eq.support for eq in res] == [((1,), (1,))]
    assert res[0].exact == ((Fraction(0), Fraction(1)), (Fraction(0), Fraction(1)))
    assert _messages(caplog)[0] == f"support_enumeration: rational arithmetic ({why})"
    # The exact route counts support pairs and polytope bases together (n_iter).
    assert _messages(caplog)[-1] == (
        f"support_enumeration: {res.n_iter} support pairs examined, 1 equilibria, degenerate=False, stopped=False"
    )


def test_logs_the_exact_redo(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    # A sweep that met ill-conditioned systems it could not settle (forced here) on a game with
    # exact payoffs: the enumeration is redone in rational arithmetic, and says so at INFO.
    from gametheory_af.solvers import support as support_mod

    sweep = support_mod.sweep_supports

    def ill_sweep(An, Bn, tie_tol, budget, skip_singular=False):  # type: ignore[no-untyped-def]
        budget.ill = True
        return sweep(An, Bn, tie_tol, budget, skip_singular)

    monkeypatch.setattr(support_mod, "sweep_supports", ill_sweep)
    with caplog.at_level(logging.DEBUG, logger="gametheory_af.solvers.support"):
        res = gt.support_enumeration(gt.catalog.rock_paper_scissors())
    info = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert info == ["support_enumeration: ill-conditioned systems or near-ties: enumerating again in rational arithmetic"]
    # Rock-paper-scissors' one equilibrium, uniform, now exact.
    assert res.complete and res[0].exact == ((Fraction(1, 3),) * 3, (Fraction(1, 3),) * 3)


# --- the early deviation test in the compiled chunk ---------------------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_early_deviation_test_keeps_the_chunk_answer(seed: int) -> None:
    # The compiled chunk with the row player's deviations tested before x is solved (max_resolves
    # large) and after (max_resolves -1: never early) returns the same equilibria bit for bit, for
    # every support size of seeded games, square and not, normal and with integer ties.
    from itertools import combinations

    from gametheory_af.solvers import support as support_mod

    pytest.importorskip("numba")
    support_mod._kernel()
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(2, 8)), int(rng.integers(2, 8))
    P = rng.standard_normal((2, m, n)) if seed % 3 else rng.integers(0, 4, (2, m, n)).astype(float)
    work = bm.prepare(gt.NormalFormGame(P))
    chunk = support_mod._COMPILED[1]
    none = (np.zeros((0, m), dtype=bool), np.zeros((0, n), dtype=bool))  # dominance tables that rule nothing out
    n_equilibria = 0
    for k in range(1, min(m, n) + 1):
        rows = np.array(list(combinations(range(m), k)), dtype=np.intp)
        cols = np.array(list(combinations(range(n), k)), dtype=np.intp)
        ri, ci = np.divmod(np.arange(len(rows) * len(cols)), len(cols))
        args = (work.An, work.Bn, rows, cols, ri, ci, TOL, bm.RCOND_LOW, bm.RCOND_HIGH)
        for tables in (none, support_mod._dominance_tables(work.An, work.Bn, rows, cols, TOL, True)):
            early, late = chunk(*args, 10**6, *tables), chunk(*args, -1, *tables)
            # y and its statuses are computed before either test: the same.
            assert early[5].tobytes() == late[5].tobytes() and early[6].tobytes() == late[6].tobytes()
            if late[0]:  # no ill-conditioned system among those the late route solved
                assert early[0]
                for a, b in zip(early[1:5], late[1:5]):
                    assert a.tobytes() == b.tobytes()
                n_equilibria += len(early[1])
    assert n_equilibria >= 1  # not vacuous: each of these seeds has an equilibrium of equal supports
