"""Basins of attraction: known separatrices, dominant strategies, cycling, determinism, invariances."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.dynamics._core import DynamicsResult, Recorder, initial_profiles, step_range
from gametheory_af.dynamics.basins import DYNAMICS, BasinsResult, assign, basins, grid_profiles

STAG = gt.catalog.stag_hunt()
BOS = gt.catalog.battle_of_the_sexes()
PD = gt.catalog.prisoners_dilemma()
MP = gt.catalog.matching_pennies()


def euler_replicator(game, initial=None, *, steps=1000, rng=None, progress=False, record_every=1, dt=0.05):
    """A stand-in dynamic with the shared contract: the n-population replicator, Euler steps."""
    x = list(initial_profiles(game, initial, rng, "euler_replicator"))
    u = game.payoffs
    rec = Recorder(game.shape, x[0].shape[0], steps, record_every, "euler_replicator")
    rec.record(0, x)
    n = game.n_players
    letters = "abcdefgh"[:n]
    for t in step_range(steps, progress, "euler_replicator"):
        new = []
        for i in range(n):
            ops, subs = [u[i]], [letters]
            for k in range(n):
                if k != i:
                    ops.append(x[k])
                    subs.append("z" + letters[k])
            f = np.einsum(",".join(subs) + "->z" + letters[i], *ops)
            new.append(x[i] + dt * x[i] * (f - (f * x[i]).sum(1, keepdims=True)))
        x = [v / v.sum(1, keepdims=True) for v in new]
        rec.record(t, x)
    return DynamicsResult("euler_replicator", game, {"steps": steps, "dt": dt}, rec.times, rec.states)


# ------------------------------------------------------------------ exact separatrices of 2x2 games
def _coefficients(game):
    """(A, B, C, D): Row's gain from its first strategy is A y - B, Column's C x - D."""
    a, b = game.payoffs[0], game.payoffs[1]
    A = a[0, 0] - a[1, 0] - a[0, 1] + a[1, 1]
    B = a[1, 1] - a[0, 1]
    C = b[0, 0] - b[0, 1] - b[1, 0] + b[1, 1]
    D = b[1, 1] - b[1, 0]
    return A, B, C, D


def replicator_side(game, x, y):
    """+1 where the two-population replicator carries (x, y) to (first, first), -1 to (second, second).

    A 2x2 coordination game's replicator ``x' = x(1-x)(A y - B)``, ``y' = y(1-y)(C x - D)`` is
    separable: ``G(y) - H(x)`` is constant on orbits, with ``G(y) = -B ln y - (A - B) ln(1 - y)``
    and H likewise with C, D (Hofbauer and Sigmund 1998, sec. 10.2). The separatrix is the stable
    manifold of the mixed equilibrium (x*, y*) = (D/C, B/A): the level set of V = G - H through it,
    in the two quadrants where the players' best replies disagree. Also returns |V| (the margin).
    """
    A, B, C, D = _coefficients(game)
    xs, ys = D / C, B / A
    G = lambda z: -B * np.log(z) - (A - B) * np.log1p(-z)  # noqa: E731
    H = lambda z: -D * np.log(z) - (C - D) * np.log1p(-z)  # noqa: E731
    V = (G(y) - H(x)) - (G(ys) - H(xs))
    side = np.where((x >= xs) & (y >= ys), 1, -1)  # V = 0 at the saddle itself: excluded by the margin
    side = np.where((x < xs) & (y > ys), np.where(V > 0, 1, -1), side)
    side = np.where((x > xs) & (y < ys), np.where(V < 0, 1, -1), side)
    return side, np.abs(V)


def best_response_side(game, x, y):
    """+1 where the continuous best-response dynamics carries (x, y) to (first, first), else -1.

    ``x' = BR(y) - x`` moves straight to a corner in each quadrant; in a quadrant of
    disagreement whoever crosses its threshold first switches: for x < x*, y > y* that is Row iff
    ``y (1 - x*) > y* (1 - x)`` (Gilboa and Matsui 1991; Hofbauer 1995). The boundary is two
    segments through the mixed equilibrium, set by its probabilities alone.
    """
    A, B, C, D = _coefficients(game)
    xs, ys = D / C, B / A
    side = np.where((x > xs) & (y > ys), 1, -1)
    m1 = y * (1 - xs) - ys * (1 - x)
    m2 = x * (1 - ys) - xs * (1 - y)
    side = np.where((x < xs) & (y > ys), np.where(m1 > 0, 1, -1), side)
    side = np.where((x > xs) & (y < ys), np.where(m2 > 0, 1, -1), side)
    margin = np.where((x < xs) & (y > ys), np.abs(m1), np.where((x > xs) & (y < ys), np.abs(m2), 1.0))
    return side, np.minimum(margin, np.minimum(np.abs(x - xs), np.abs(y - ys)))


def _pure_label(res, a, b):
    return next(k for k, e in enumerate(res.equilibria) if e.pure_profile == (a, b))


def _expected_labels(res, side):
    first, second = _pure_label(res, 0, 0), _pure_label(res, 1, 1)
    return np.where(side > 0, first, second)


REPLICATOR = "replicator"
REPLICATOR_OPTIONS = {"t_max": 60.0}


@pytest.mark.parametrize("game", [STAG, BOS], ids=["stag_hunt", "battle_of_the_sexes"])
def test_replicator_basins_are_the_exact_sides_of_the_separatrix(game):
    k = 40
    res = basins(game, REPLICATOR, grid=k, steps=4000, **REPLICATOR_OPTIONS)
    x, y = res.initial[0][:, 0], res.initial[1][:, 0]
    side, margin = replicator_side(game, x, y)
    expected = _expected_labels(res, side)
    clear = margin > 0.02
    assert clear.mean() > 0.9
    np.testing.assert_array_equal(res.labels[clear], expected[clear])
    # the shares of the whole grid, computed from the separatrix, within the few starts on it
    for lab in (_pure_label(res, 0, 0), _pure_label(res, 1, 1)):
        assert abs(res.shares[lab] - np.mean(expected == lab)) <= np.mean(~clear)
    assert res.shares.sum() + res.unassigned == pytest.approx(1.0)


def test_stag_hunt_quadrants_are_decided_by_the_mixed_equilibrium():
    """Starts where both already play Stag with probability above 3/4 go to (Stag, Stag), below to (Hare, Hare)."""
    res = basins(STAG, REPLICATOR, grid=20, steps=3000, **REPLICATOR_OPTIONS)
    x, y = res.initial[0][:, 0], res.initial[1][:, 0]
    mixed = next(e for e in res.equilibria if not e.is_pure)
    xs, ys = mixed.profile[0][0], mixed.profile[1][0]
    assert (xs, ys) == pytest.approx((0.75, 0.75))
    assert np.all(res.labels[(x > xs) & (y > ys)] == _pure_label(res, 0, 0))
    assert np.all(res.labels[(x < xs) & (y < ys)] == _pure_label(res, 1, 1))


def test_strictly_dominant_strategy_takes_every_start():
    res = basins(PD, REPLICATOR, 300, rng=3, steps=3000, **REPLICATOR_OPTIONS)
    assert len(res.equilibria) == 1 and res.equilibria[0].pure_profile == (1, 1)
    assert res.shares.tolist() == [1.0] and res.unassigned == 0.0
    assert res.labels.tolist() == [0] * 300


def test_tolerance_decides_assignment_of_slow_convergence():
    """The replicator approaches a pure equilibrium slowly from near the separatrix: a tight tol leaves such starts out."""
    loose = basins(STAG, REPLICATOR, grid=10, steps=10, tol=0.2, t_max=4.0)
    tight = basins(STAG, REPLICATOR, grid=10, steps=10, tol=1e-9, t_max=4.0)
    assert loose.unassigned < tight.unassigned
    assigned = tight.labels >= 0
    np.testing.assert_array_equal(tight.labels[assigned], loose.labels[assigned])
    np.testing.assert_array_equal(loose.distances, tight.distances)


def test_deterministic_with_a_fixed_rng():
    a = basins(STAG, REPLICATOR, 50, rng=7, steps=100, **REPLICATOR_OPTIONS)
    b = basins(STAG, REPLICATOR, 50, rng=np.random.default_rng(7), steps=100, **REPLICATOR_OPTIONS)
    c = basins(STAG, REPLICATOR, 50, rng=8, steps=100, **REPLICATOR_OPTIONS)
    assert a == b
    assert a != c
    assert hash(a) == hash(b)


def test_common_payoff_scaling_and_per_player_shifts_keep_the_basins():
    """Scaling every payoff by c > 0 rescales time; adding to a player's payoffs a function of the others' play changes nothing."""
    res = basins(STAG, REPLICATOR, grid=16, steps=2000, **REPLICATOR_OPTIONS)
    u = STAG.payoffs
    shifted = u.copy()
    shifted[0] += np.array([[0.0, 5.0]])  # Row's payoffs shifted per Column strategy
    shifted[1] += np.array([[-2.0], [1.0]])  # Column's payoffs shifted per Row strategy
    same = basins(gt.NormalFormGame(shifted), REPLICATOR, grid=16, steps=2000, **REPLICATOR_OPTIONS)
    np.testing.assert_allclose(np.concatenate(same.final), np.concatenate(res.final), atol=1e-6)
    np.testing.assert_array_equal(same.labels, res.labels)
    scaled = basins(gt.NormalFormGame(2 * u), REPLICATOR, grid=16, steps=1000, **REPLICATOR_OPTIONS)
    np.testing.assert_array_equal(scaled.labels, res.labels)


def test_per_player_scaling_moves_the_replicator_separatrix_unless_normalized():
    """Scaling one player's payoffs speeds up that population only: the orbits, and the basins, change
    (the Nash equilibria do not). ``normalize=True`` divides each player's payoffs by their range first."""
    u = STAG.payoffs.copy()
    u[0] *= 10.0
    fast_row = gt.NormalFormGame(u)
    res = basins(STAG, REPLICATOR, grid=30, **REPLICATOR_OPTIONS)
    moved = basins(fast_row, REPLICATOR, grid=30, **REPLICATOR_OPTIONS)
    x, y = res.initial[0][:, 0], res.initial[1][:, 0]
    side, margin = replicator_side(fast_row, x, y)
    clear = margin > 0.02
    np.testing.assert_array_equal(moved.labels[clear], _expected_labels(moved, side)[clear])
    assert np.count_nonzero(moved.labels != res.labels) > 10
    norm = basins(fast_row, REPLICATOR, grid=30, normalize=True, **REPLICATOR_OPTIONS)
    np.testing.assert_array_equal(norm.labels, res.labels)


def test_best_response_basins_are_bounded_by_two_segments_through_the_mixed_equilibrium():
    res = basins(STAG, "best_response", grid=30, steps=3000, dt=0.01)
    x, y = res.initial[0][:, 0], res.initial[1][:, 0]
    side, margin = best_response_side(STAG, x, y)
    clear = margin > 0.02
    np.testing.assert_array_equal(res.labels[clear], _expected_labels(res, side)[clear])
    # the exact share of (Stag, Stag): the corner square (1/4)^2 plus two triangles of area 1/96
    assert res.shares[_pure_label(res, 0, 0)] == pytest.approx(1 / 16 + 2 / 96, abs=np.mean(~clear))


def test_callable_dynamic_with_the_contract():
    res = basins(STAG, euler_replicator, grid=10, steps=2000, dt=0.05)
    ref = basins(STAG, REPLICATOR, grid=10, **REPLICATOR_OPTIONS)
    assert res.dynamic == "euler_replicator" and res.parameters["dt"] == 0.05
    np.testing.assert_array_equal(res.labels, ref.labels)


def test_batch_and_single_profile_starts():
    batch = (np.array([[0.9, 0.1], [0.2, 0.8]]), np.array([[0.95, 0.05], [0.3, 0.7]]))
    res = basins(STAG, REPLICATOR, batch, steps=2000, **REPLICATOR_OPTIONS)
    assert res.labels.tolist() == [_pure_label(res, 0, 0), _pure_label(res, 1, 1)]
    np.testing.assert_array_equal(res.initial[0], batch[0])
    one = basins(STAG, REPLICATOR, ([0.9, 0.1], [0.95, 0.05]), steps=2000, **REPLICATOR_OPTIONS)
    assert one.labels.tolist() == [_pure_label(one, 0, 0)]


def test_default_initial_is_a_random_sample_of_1000():
    res = basins(STAG, REPLICATOR, rng=0, steps=10, **REPLICATOR_OPTIONS)
    assert res.n_starts == 1000 and res.parameters["grid"] is None


def test_given_equilibria():
    pure = gt.pure_nash(STAG)
    res = basins(STAG, REPLICATOR, grid=8, steps=2000, equilibria=pure, **REPLICATOR_OPTIONS)
    assert res.equilibria is pure and len(res.shares) == 2
    by_list = basins(STAG, REPLICATOR, grid=8, steps=2000, equilibria=list(pure), **REPLICATOR_OPTIONS)
    by_profile = basins(STAG, REPLICATOR, grid=8, steps=2000, equilibria=[(0, 0), ("Hare", "Hare")], **REPLICATOR_OPTIONS)
    assert by_list.equilibria.method == "given" and not by_list.equilibria.complete
    np.testing.assert_array_equal(by_list.labels, res.labels)
    np.testing.assert_array_equal(by_profile.labels, res.labels)
    none = basins(STAG, REPLICATOR, grid=4, steps=10, equilibria=[], **REPLICATOR_OPTIONS)
    assert none.unassigned == 1.0 and np.isinf(none.distances).all() and none.shares.size == 0


def test_grid_of_a_three_player_game():
    g = gt.NormalFormGame(np.random.default_rng(0).standard_normal((3, 2, 2, 2)))
    starts = grid_profiles(g, 3)
    assert [x.shape for x in starts] == [(27, 2)] * 3
    cube = starts[0][:, 0].reshape(3, 3, 3)
    assert np.all(cube[1] == 0.5) and starts[2][:3, 0].tolist() == pytest.approx([1 / 6, 0.5, 5 / 6])
    res = basins(g, REPLICATOR, grid=3, steps=500, **REPLICATOR_OPTIONS)
    assert res.n_starts == 27 and res.parameters["grid"] == 3


def test_assign_picks_the_nearest_and_refuses_non_finite_states():
    eqs = gt.nash_equilibria(STAG)
    final = (np.array([[0.76, 0.24], [np.nan, np.nan]]), np.array([[0.74, 0.26], [1.0, 0.0]]))
    labels, dist = assign(final, eqs, 0.05)
    mixed = next(k for k, e in enumerate(eqs) if not e.is_pure)
    assert labels.tolist() == [mixed, -1]
    assert dist[0] == pytest.approx(0.01) and np.isinf(dist[1])


def test_result_value_semantics_and_exports():
    res = basins(STAG, REPLICATOR, grid=5, steps=1500, **REPLICATOR_OPTIONS)
    back = pickle.loads(pickle.dumps(res))
    assert back == res and not back.labels.flags.writeable and not back.final[0].flags.writeable
    assert res.counts.sum() + np.count_nonzero(res.labels < 0) == 25
    data = res.to_dict()
    json.dumps(data, allow_nan=False)
    assert data["n_starts"] == 25 and data["labels"] == res.labels.tolist() and data["parameters"][0] == ["steps", 1500]
    lines = res.describe(digits=2)
    assert lines[0] == f"Row: Stag; Column: Stag: {100 * res.shares[0]:.2f}% of 25 starts"
    assert lines[-1].startswith("unassigned: ")
    assert "BasinsResult(dynamic='replicator', n_starts=25" in repr(res)
    pd = pytest.importorskip("pandas")
    df = res.to_pandas()
    assert isinstance(df, pd.DataFrame) and len(df) == 25 and df.index.name == "start"
    assert df["label"].tolist() == res.labels.tolist()
    assert set(df["equilibrium"]) <= {*res.equilibria.describe(), "unassigned"}
    np.testing.assert_array_equal(df["initial:Row:Stag"], res.initial[0][:, 0])
    np.testing.assert_array_equal(df["final:Column:Hare"], res.final[1][:, 1])


def test_unassigned_rows_are_named_in_pandas():
    pytest.importorskip("pandas")
    res = basins(STAG, REPLICATOR, grid=4, steps=1, tol=0.0, **REPLICATOR_OPTIONS)
    assert res.unassigned == 1.0
    assert set(res.to_pandas()["equilibrium"]) == {"unassigned"}


def test_every_named_dynamic_is_listed():
    assert set(DYNAMICS) == {
        "fictitious_play", "stochastic_fictitious_play", "regret_matching", "replicator", "best_response", "logit"
    }


def test_basins_result_checks_its_fields():
    res = basins(STAG, REPLICATOR, grid=2, steps=10, **REPLICATOR_OPTIONS)
    fields = dict(
        dynamic="x", game=STAG, equilibria=res.equilibria, labels=res.labels, distances=res.distances,
        initial=res.initial, final=res.final, tol=0.1, parameters={},
    )
    assert BasinsResult(**fields).tol == 0.1
    with pytest.raises(TypeError, match="game must be a NormalFormGame"):
        BasinsResult(**{**fields, "game": "g"})
    with pytest.raises(TypeError, match="equilibria must be an EquilibriumResult"):
        BasinsResult(**{**fields, "equilibria": list(res.equilibria)})
    with pytest.raises(gt.GameError, match="labels must be"):
        BasinsResult(**{**fields, "labels": np.array([0, 1, 2, 3])})
    with pytest.raises(gt.GameError, match="labels must be"):
        BasinsResult(**{**fields, "labels": np.array([], dtype=int)})
    with pytest.raises(gt.GameError, match="distances must have shape"):
        BasinsResult(**{**fields, "distances": np.zeros(3)})
    with pytest.raises(gt.GameError, match="final must hold"):
        BasinsResult(**{**fields, "final": res.final[:1]})


# ------------------------------------------------------------------------------------ plot_basins
def test_plot_basins_draws_every_basin_and_the_equilibria():
    plt = pytest.importorskip("matplotlib.pyplot")
    import matplotlib

    matplotlib.use("Agg")
    from gametheory_af.plotting import plot_basins

    res = basins(STAG, REPLICATOR, grid=12, steps=10, tol=1e-3, t_max=8.0)
    assert res.unassigned > 0
    ax = plot_basins(res)
    by_gid = {c.get_gid(): c for c in ax.collections}
    assert set(by_gid) == {"basin-0", "basin-1", "unassigned", "equilibria"}
    total = sum(len(by_gid[g].get_offsets()) for g in ("basin-0", "basin-1", "unassigned"))
    assert total == 144
    np.testing.assert_allclose(by_gid["basin-0"].get_offsets()[:, 0], res.initial[0][res.labels == 0, 0])
    stars = by_gid["equilibria"].get_offsets()
    np.testing.assert_allclose(stars, [[1, 1], [0, 0], [0.75, 0.75]], atol=1e-12)
    assert ax.get_xlabel() == "P(Row plays Stag)" and ax.get_ylabel() == "P(Column plays Stag)"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0].startswith("Row: Stag; Column: Stag (")
    fig, ax2 = plt.subplots()
    assert plot_basins(res, ax=ax2, players=("Column", "Row"), strategies=("Hare", 1)) is ax2
    np.testing.assert_allclose(
        {c.get_gid(): c for c in ax2.collections}["basin-1"].get_offsets()[:, 0], res.initial[1][res.labels == 1, 1]
    )
    plt.close("all")


def test_plot_basins_of_one_player_with_three_strategies():
    plt = pytest.importorskip("matplotlib.pyplot")
    from gametheory_af.plotting import plot_basins

    rps = gt.catalog.rock_paper_scissors()
    res = basins(rps, REPLICATOR, 30, rng=0, steps=50, **REPLICATOR_OPTIONS)
    ax = plot_basins(res, players=(0, 0), strategies=(0, 1))
    assert ax.get_xlabel().startswith("P(") and {c.get_gid() for c in ax.collections} >= {"equilibria"}
    plt.close("all")


# ------------------------------------------------------------------------------ fictitious play
def test_fictitious_play_with_a_heavy_prior_has_the_best_response_basins():
    """Continuous-time fictitious play is the best-response dynamic in rescaled time; a prior of weight w
    makes the discrete steps 1/(w + t) small, so the basins approach those of the best-response dynamic."""
    res = basins(STAG, "fictitious_play", grid=30, steps=3000, tol=0.05, initial_weight=100.0)
    x, y = res.initial[0][:, 0], res.initial[1][:, 0]
    side, margin = best_response_side(STAG, x, y)
    clear = margin > 0.03
    assert res.unassigned == 0.0
    np.testing.assert_array_equal(res.labels[clear], _expected_labels(res, side)[clear])


@pytest.mark.parametrize("dynamic", sorted(DYNAMICS))
def test_strictly_dominant_strategy_wins_under_every_dynamic(dynamic):
    """Every named dynamic; the smoothed ones (logit, stochastic fictitious play) need a high precision,
    their rest points being quantal response equilibria near, not at, the dominant profile."""
    options = {"lam": 20.0} if dynamic in ("logit", "stochastic_fictitious_play") else {}
    options.update(REPLICATOR_OPTIONS if dynamic == REPLICATOR else {})
    steps = 10_000 if dynamic == "regret_matching" else 2000  # its inertia keeps early cooperation longer
    res = basins(PD, dynamic, 200, rng=5, steps=steps, tol=0.02, **options)
    assert res.shares.tolist() == [1.0], dynamic
    assert res.dynamic == dynamic


def test_matching_pennies_fictitious_play_ends_near_the_mixed_equilibrium_slowly():
    """Fictitious play cycles around the mixed equilibrium of matching pennies with growing cycles; the
    empirical frequencies converge (Robinson 1951), slowly: near with a loose tol, not within a tight one."""
    loose = basins(MP, "fictitious_play", 50, rng=2, steps=2000, tol=0.1)
    tight = basins(MP, "fictitious_play", 50, rng=2, steps=2000, tol=1e-4)
    assert loose.shares.tolist() == [1.0]
    assert tight.unassigned == 1.0
    np.testing.assert_array_equal(loose.final[0], tight.final[0])
    assert 1e-4 < tight.distances.min() and tight.distances.max() < 0.1


def test_battle_of_the_sexes_basins_and_the_miscoordination_cycle_of_fictitious_play():
    """Continuous dynamics split the square between the two pure equilibria. Discrete simultaneous
    fictitious play from a symmetric-enough prior miscoordinates every round, alternating (Opera,
    Football) and (Football, Opera), while its empirical frequencies converge to the mixed
    equilibrium (Fudenberg and Levine 1998, sec. 2.4): those starts are attributed to the mixed one."""
    for dynamic, options, exact in (
        ("best_response", {}, best_response_side), (REPLICATOR, REPLICATOR_OPTIONS, replicator_side)
    ):
        res = basins(BOS, dynamic, grid=20, steps=2000, **options)
        opera, football = _pure_label(res, 0, 0), _pure_label(res, 1, 1)
        side, margin = exact(BOS, res.initial[0][:, 0], res.initial[1][:, 0])
        off = (res.labels != opera) & (res.labels != football)
        assert np.all(margin[off] < 1e-9), dynamic  # only starts on the separatrix stay near the mixed one
        assert 0.2 < res.shares[opera] < 0.8, dynamic
    fp = basins(BOS, "fictitious_play", grid=20, steps=2000, tol=0.05)
    mixed = next(k for k, e in enumerate(fp.equilibria) if not e.is_pure)
    assert fp.unassigned == 0.0 and fp.shares[mixed] > 0.1
    cycling = np.flatnonzero(fp.labels == mixed)[0]
    one = basins(BOS, "fictitious_play", (fp.initial[0][[cycling]], fp.initial[1][[cycling]]), steps=2000, tol=0.05)
    assert one.labels.tolist() == [mixed]


def test_progress_bar_is_passed_to_the_dynamic(capsys):
    pytest.importorskip("tqdm")
    res = basins(STAG, "best_response", grid=3, steps=7, progress=True)
    assert res.n_starts == 9 and "7/7" in capsys.readouterr().err


def test_plot_basins_without_equilibria_draws_only_the_unassigned():
    plt = pytest.importorskip("matplotlib.pyplot")
    from gametheory_af.plotting import plot_basins

    ax = plot_basins(basins(STAG, "best_response", grid=3, steps=5, equilibria=[]))
    assert [c.get_gid() for c in ax.collections] == ["unassigned"]
    plt.close("all")
