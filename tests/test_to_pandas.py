"""to_pandas of EquilibriumResult, RegionsResult, PrimResult and PolicyComparison (issue 16, "data out").

Every frame is checked against the result's own fields on real results, with
hand-derived values where they are small enough to derive, and the missing-pandas
path raises an ImportError naming what to install.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import sympy as sp

import gametheory_af as gt
from gametheory_af.exceptions import GameError
from gametheory_af.result import Equilibrium, EquilibriumResult, make_equilibrium
from gametheory_af.scenarios import afghanistan
from gametheory_af.sensitivity import prim, regions

pd = pytest.importorskip("pandas")


# ---------------------------------------------------------------------------- EquilibriumResult
def _bos_all() -> EquilibriumResult:
    return gt.support_enumeration(gt.catalog.battle_of_the_sexes())


def test_equilibrium_frame_battle_of_the_sexes_known_values() -> None:
    # Battle of the sexes: Row gets (3, 0; 0, 2), Column (2, 0; 0, 3).
    # Pure equilibria (Opera, Opera) -> payoffs (3, 2) and (Football, Football) -> (2, 3).
    # Mixed: Column indifferent when 2p = 3(1 - p), p = 3/5 on Opera for Row;
    # Row indifferent when 3q = 2(1 - q), q = 2/5 on Opera for Column; each payoff 6/5.
    df = _bos_all().to_pandas()
    assert df.index.name == "equilibrium" and list(df.index) == [0, 1, 2]
    assert list(df.columns) == [
        "prob:Row:Opera", "prob:Row:Football", "prob:Column:Opera", "prob:Column:Football",
        "payoff:Row", "payoff:Column", "support:Row", "support:Column",
        "max_regret", "relative_regret", "is_pure", "exact", "description",
    ]
    rows = sorted(
        (round(r["prob:Row:Opera"], 12), round(r["prob:Column:Opera"], 12), round(r["payoff:Row"], 12),
         round(r["payoff:Column"], 12), r["is_pure"], r["support:Row"])
        for _, r in df.iterrows()
    )
    assert rows == [
        (0.0, 0.0, 2.0, 3.0, True, ("Football",)),
        (0.6, 0.4, 1.2, 1.2, False, ("Opera", "Football")),
        (1.0, 1.0, 3.0, 2.0, True, ("Opera",)),
    ]
    assert not df["exact"].any()
    assert (df["max_regret"] <= 1e-9).all()
    for col in ("prob:Row:Opera", "payoff:Row", "max_regret", "relative_regret"):
        assert df[col].dtype == np.float64
    assert df["is_pure"].dtype == bool and df["exact"].dtype == bool


def test_equilibrium_frame_matches_fields_and_round_trips() -> None:
    # Every cell against the equilibrium's own fields; the probabilities read back
    # from the frame rebuild an equal equilibrium with make_equilibrium.
    for game in (gt.catalog.prisoners_dilemma(), gt.catalog.battle_of_the_sexes(), gt.catalog.matching_pennies()):
        res = gt.support_enumeration(game)
        df = res.to_pandas()
        assert len(df) == len(res) > 0
        for k, e in enumerate(res):
            row = df.loc[k]
            profile = []
            for i, player in enumerate(game.players):
                probs = np.array([row[f"prob:{player}:{s}"] for s in game.strategies[i]])
                np.testing.assert_array_equal(probs, e.profile[i])
                profile.append(probs)
                assert row[f"payoff:{player}"] == e.payoffs[i]
                assert row[f"support:{player}"] == tuple(game.strategies[i][j] for j in e.support[i])
            assert row["max_regret"] == e.max_regret and row["relative_regret"] == e.relative_regret
            assert row["is_pure"] == e.is_pure and row["description"] == e.describe(game)
            assert make_equilibrium(game, profile) == make_equilibrium(game, e.profile)


def test_equilibrium_frame_exact_columns_hold_fractions() -> None:
    res = gt.support_enumeration(gt.catalog.battle_of_the_sexes(), exact=True)
    df = res.to_pandas()
    assert df["exact"].all()
    assert df["exact:Row:Opera"].dtype == object
    mixed = df[~df["is_pure"]].iloc[0]
    assert mixed["exact:Row:Opera"] == Fraction(3, 5) and mixed["exact:Column:Opera"] == Fraction(2, 5)
    for k, e in enumerate(res):
        assert e.exact is not None
        assert [df.loc[k, f"exact:Row:{s}"] for s in ("Opera", "Football")] == list(e.exact[0])
        assert all(isinstance(df.loc[k, f"exact:Column:{s}"], Fraction) for s in ("Opera", "Football"))


def test_equilibrium_frame_mixed_exact_and_float_rows() -> None:
    game = gt.catalog.matching_pennies()
    exact = make_equilibrium(game, ([Fraction(1, 2)] * 2, [Fraction(1, 2)] * 2), exact=True)
    approx = make_equilibrium(game, ([0.5, 0.5], [0.5, 0.5]))
    df = EquilibriumResult((exact, approx), "hand", False, game=game).to_pandas()
    assert df["exact"].tolist() == [True, False]
    assert df["exact:Matcher:Heads"].tolist() == [Fraction(1, 2), None]


def test_equilibrium_frame_empty_keeps_columns() -> None:
    # Matching pennies has no pure equilibrium.
    df = gt.pure_nash(gt.catalog.matching_pennies()).to_pandas()
    assert len(df) == 0
    assert "prob:Matcher:Heads" in df.columns and "description" in df.columns
    assert df["prob:Matcher:Heads"].dtype == np.float64 and df["exact"].dtype == bool


def test_equilibrium_frame_without_game_uses_indices_or_given_game() -> None:
    game = gt.catalog.prisoners_dilemma()
    eq = make_equilibrium(game, (1, 1))
    bare = EquilibriumResult((eq,), "hand", True)
    df = bare.to_pandas()
    assert list(df.columns[:4]) == ["prob:0:0", "prob:0:1", "prob:1:0", "prob:1:1"]
    assert "description" not in df.columns and df.loc[0, "support:0"] == ("1",)
    named = bare.to_pandas(game)
    assert named.loc[0, "description"] == "Row: Defect; Column: Defect"
    assert EquilibriumResult((), "hand", True).to_pandas().shape == (0, 4)


def test_equilibrium_frame_bad_game() -> None:
    res = gt.pure_nash(gt.catalog.prisoners_dilemma())
    with pytest.raises(TypeError, match="EquilibriumResult.to_pandas: game must be a NormalFormGame"):
        res.to_pandas("not a game")  # type: ignore[arg-type]
    big = gt.NormalFormGame(np.zeros((2, 3, 3)))
    with pytest.raises(GameError, match=r"game has shape \(3, 3\)"):
        res.to_pandas(big)


# ---------------------------------------------------------------------------- RegionsResult
def _regions() -> Any:
    x, y = sp.symbols("x y")
    # Row: (x, 0; 1, 1) -- (0, 0) is a best response for Row iff x >= 1; Column: (y - 1, 0; 0, 1) --
    # iff y - 1 >= 0. (1, 1) is always an equilibrium (Row 1 >= 0, Column 1 >= 0).
    pg = gt.ParametricGame([[[x, 0], [1, 1]], [[y - 1, 0], [0, 1]]], parameters={"x": 0, "y": 0})
    return regions(pg, "x", "y", x_range=(0, 2), y_range=(0, 2), resolution=(5, 4))


def test_regions_frame_known_values() -> None:
    # xs = 0, .5, 1, 1.5, 2 and ys = 0, 2/3, 4/3, 2: (0, 0) is an equilibrium where x >= 1 and y >= 1,
    # i.e. 3 columns x 2 rows = 6 of the 20 points; the rest (14) only have (1, 1).
    r = _regions()
    df = r.to_pandas()
    assert df.index.name == "label" and list(df.columns) == [
        "equilibria", "profiles", "n_equilibria", "n_points", "share", "x_min", "x_max", "y_min", "y_max",
    ]
    by = {row["profiles"]: row for _, row in df.iterrows()}
    both, only = by[((0, 0), (1, 1))], by[((1, 1),)]
    assert (both["n_points"], both["n_equilibria"], both["share"]) == (6, 2, 0.3)
    assert (only["n_points"], only["n_equilibria"], only["share"]) == (14, 1, 0.7)
    assert (both["x_min"], both["x_max"], both["y_min"], both["y_max"]) == (1.0, 2.0, 4 / 3, 2.0)
    assert (only["x_min"], only["x_max"], only["y_min"], only["y_max"]) == (0.0, 2.0, 0.0, 2.0)
    assert both["equilibria"] == "(s1, s1); (s2, s2)"


def test_regions_frame_matches_labels_and_equilibria() -> None:
    r = _regions()
    df = r.to_pandas()
    assert list(df.index) == list(range(len(r.sets)))
    assert df["n_points"].sum() == r.labels.size and df["share"].sum() == pytest.approx(1.0)
    assert df["equilibria"].tolist() == r.label_names()
    gx, gy = np.meshgrid(r.xs, r.ys)
    for k, st in enumerate(r.sets):
        mask = r.labels == k
        assert df.loc[k, "profiles"] == st and df.loc[k, "n_points"] == mask.sum()
        assert df.loc[k, "x_min"] == gx[mask].min() and df.loc[k, "y_max"] == gy[mask].max()
        for prof in st:  # every profile of the set is an equilibrium on all of its points
            assert r.is_equilibrium(prof)[mask].all()


def test_regions_frame_set_without_points() -> None:
    r = _regions()
    extra = type(r)(
        r.x, r.y, r.xs, r.ys, r.equilibria, r.labels, (*r.sets, ()), r.boundaries, r.exact, r.method, r.fixed,
        r.players, r.strategies,
    )
    last = extra.to_pandas().iloc[-1]
    assert last["n_points"] == 0 and last["equilibria"] == "none" and np.isnan(last["x_min"])


# ---------------------------------------------------------------------------- PrimResult
def _prim() -> Any:
    return prim(lambda a, b: (a > 0.7) * 1.0, None, {"a": (0, 1), "b": (0, 1)}, n=400, rng=3, min_density=1.0)


def test_prim_frame_matches_trajectory() -> None:
    res = _prim()
    df = res.to_pandas()
    assert df.index.name == "step" and len(df) == len(res.trajectory)
    assert list(df.columns) == ["coverage", "density", "support", "n_in_box", "selected", "a_lo", "a_hi", "b_lo", "b_hi"]
    for k, step in enumerate(res.trajectory):
        for col in ("coverage", "density", "support", "n_in_box"):
            assert df.loc[k, col] == step[col]
        for p in ("a", "b"):
            assert (df.loc[k, f"{p}_lo"], df.loc[k, f"{p}_hi"]) == step["box"][p]
    assert df["selected"].tolist() == [k == res.selected for k in range(len(df))]
    sel = df.loc[res.selected]
    assert (sel["a_lo"], sel["a_hi"]) == res.box["a"]
    assert (sel["coverage"], sel["density"], sel["support"]) == (res.coverage, res.density, res.support)
    # the first step is the full sample; peeling only shrinks the box
    assert df.loc[0, "n_in_box"] == 400 and df.loc[0, "support"] == 1.0
    assert (np.diff(df["n_in_box"]) < 0).all() and (np.diff(df["a_lo"]) >= 0).all()
    # the older trajectory_to_pandas is the same frame without the bounds and the flag
    old = res.trajectory_to_pandas()
    for col in old.columns:
        np.testing.assert_array_equal(old[col].to_numpy(), df[col].to_numpy())


def test_prim_frame_without_case_counts() -> None:
    res = _prim()
    steps = tuple({k: v for k, v in s.items() if k != "n_in_box"} for s in res.trajectory)
    bare = type(res)(res.box, res.restricted, res.coverage, res.density, res.support, steps, res.selected, res.n)
    assert "n_in_box" not in bare.to_pandas().columns


# ---------------------------------------------------------------------------- PolicyComparison
def test_policy_frame_matches_to_dict_and_known_thresholds() -> None:
    pc = afghanistan.model().policy_comparison()
    df = pc.to_pandas()
    assert df.index.name == "policy" and list(df.index) == [r.policy for r in pc.rows]
    # the op-ed's thresholds (PolicyComparison's own doctest)
    assert df["threshold_exact"].tolist() == [
        Fraction(29, 60), Fraction(1, 12), Fraction(43, 180), Fraction(13, 30), Fraction(23, 60), Fraction(0),
    ]
    for row, d in zip(pc.rows, pc.to_dict()):
        got = df.loc[row.policy]
        assert got["withdrawal"] == d["withdrawal"] and got["status"] == d["status"]
        assert got["threshold"] == d["threshold"] and str(got["threshold_exact"]) == d["threshold_exact"]
        assert got["full_threshold"] == d["full_threshold"]
        assert str(got["full_threshold_exact"]) == d["full_threshold_exact"]
        assert got["pakistan_willing"] == d["pakistan_willing"] and got["taliban_share"] == d["taliban_share"]
        assert float(got["taliban_share_exact"]) == d["taliban_share"]
        assert (got["binding"] if isinstance(got["binding"], str) else None) == d["binding"]
        for k in ("decentralisation", "airport_security", "china_inducement_taliban", "china_inducement_pakistan"):
            v = got[f"override:{k}"]
            assert (v == d["overrides"][k]) if k in d["overrides"] else np.isnan(v)


def test_policy_frame_unreachable_threshold() -> None:
    pc = afghanistan.model().policy_comparison()
    row = pc.rows[0]
    th = row.threshold
    none = type(th)(**{**{f: getattr(th, f) for f in th.__dataclass_fields__}, "value": None, "status": "never",
                       "binding": None, "pakistan": None, "equilibrium_range": None, "split": None})
    one = type(pc)((type(row)(row.policy, row.withdrawal, row.overrides, none),))
    got = one.to_pandas().iloc[0]
    assert np.isnan(got["threshold"]) and got["threshold_exact"] is None
    assert np.isnan(got["full_threshold"]) and got["full_threshold_exact"] is None
    assert got["pakistan_willing"] is None and np.isnan(got["taliban_share"])


# ---------------------------------------------------------------------------- without pandas
def test_missing_pandas_raises_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    bos = _bos_all()
    reg = _regions()
    pr = _prim()
    pc = afghanistan.model().policy_comparison()
    monkeypatch.setitem(sys.modules, "pandas", None)
    for obj, name in ((bos, "EquilibriumResult"), (reg, "RegionsResult"), (pr, "PrimResult"), (pc, "PolicyComparison")):
        with pytest.raises(ImportError, match=rf"{name}\.to_pandas\(\) needs pandas; install it with `pip install pandas`"):
            obj.to_pandas()


def test_equilibrium_type_is_unchanged() -> None:
    # to_pandas is on the result, not on each equilibrium
    assert not hasattr(Equilibrium, "to_pandas")
