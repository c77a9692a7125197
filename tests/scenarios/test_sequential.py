"""The sequential Afghan game (issue 13, item 4): structure, mapping to the static payoffs, exact thresholds."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.scenarios.afghanistan import Parameters, model
from gametheory_af.scenarios.afghanistan.payoffs import (
    CALENDAR,
    CONDITIONS,
    FIGHT,
    NEGOTIATE,
    OFFENSIVE,
    PRESS,
    SHARE,
    SHELTER,
    _exact_payoffs,
)
from gametheory_af.scenarios.afghanistan.sequential import (
    SEQUENTIAL_PLAYERS,
    _leaves,
    sequential_model,
    sequential_thresholds,
)

GOV_, TAL_, PAK_, US_ = 0, 1, 2, 3


def backward_induction(values: dict[str, Fraction]) -> tuple[str, ...]:
    """Direct backward induction in exact arithmetic, ties to the first action: the played path."""

    def after_pakistan(w: str, pk: str) -> tuple[tuple[str, ...], list[Fraction]]:
        leaf = _leaves(values, w == "conditions", pk == "press")
        renege = "keep" if leaf["keep"][TAL_] >= leaf["attack"][TAL_] else "attack"
        cont = leaf[renege]
        if cont[TAL_] >= leaf["reject"][TAL_]:
            offer_path, offer = ("share power", "accept", renege), cont
        else:
            offer_path, offer = ("share power", "reject"), leaf["reject"]
        if offer[GOV_] >= leaf["fight"][GOV_]:
            return offer_path, offer
        return ("fight",), leaf["fight"]

    def after_us(w: str) -> tuple[tuple[str, ...], list[Fraction]]:
        press, shelter = after_pakistan(w, "press"), after_pakistan(w, "shelter")
        if press[1][PAK_] >= shelter[1][PAK_]:
            return ("press",) + press[0], press[1]
        return ("shelter",) + shelter[0], shelter[1]

    cal, con = after_us("calendar"), after_us("conditions")
    if cal[1][US_] >= con[1][US_]:
        return ("calendar",) + cal[0]
    return ("conditions",) + con[0]


def random_points(n: int, seed: int) -> list[Parameters]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        vals = {}
        for name, info in Parameters.info().items():
            t = Fraction(int(rng.integers(0, 21)), 20)
            vals[name] = info.lower + t * (info.upper - info.lower)
        out.append(Parameters(**vals))
    return out


def test_structure():
    tree = sequential_model()
    assert tree.players == SEQUENTIAL_PLAYERS
    game = tree.at()
    assert game.is_perfect_information
    assert game.n_terminals == 16
    text = game.draw()
    assert text.startswith("United States")
    for action in (
        "calendar",
        "conditions",
        "press",
        "shelter",
        "share power",
        "fight",
        "accept",
        "reject",
        "keep",
        "attack",
    ):
        assert f"{action}:" in text
    assert set(tree.parameters) == set(Parameters.names())


@pytest.mark.parametrize("p", [Parameters(), *random_points(3, 1)])
def test_leaves_are_the_static_cells(p):
    """Every leaf reuses a cell of the static tensor: no new payoff."""
    u = _exact_payoffs(p)
    vals = p.as_dict()
    for w, wi in (("calendar", CALENDAR), ("conditions", CONDITIONS)):
        for pk, pi in (("press", PRESS), ("shelter", SHELTER)):
            leaf = _leaves(vals, w == "conditions", pk == "press")
            for i in range(4):
                assert leaf["keep"][i] == u[i, SHARE, NEGOTIATE, pi, wi]
                assert leaf["attack"][i] == u[i, SHARE, OFFENSIVE, pi, wi]
                assert leaf["fight"][i] == u[i, FIGHT, OFFENSIVE, pi, wi]
                assert leaf["reject"][i] == u[i, FIGHT, OFFENSIVE, pi, wi]


def test_tree_payoffs_equal_the_leaves():
    p = Parameters()
    game = sequential_model(p).at()
    got = sorted(tuple(Fraction(x) for x in row) for row in game.exact_terminal_payoffs())
    want = sorted(
        tuple(Fraction(x) for x in row)
        for w in ("calendar", "conditions")
        for pk in ("press", "shelter")
        for name, row in _leaves(p.as_dict(), w == "conditions", pk == "press").items()
    )
    assert got == want


def test_zero_leverage_calendar_renege_derived_from_payoffs():
    p = Parameters(leverage=0)
    leaf = _leaves(p.as_dict(), False, True)
    renege_pays = leaf["attack"][TAL_] > leaf["keep"][TAL_]
    assert renege_pays  # the payoffs imply it at the defaults
    spe = gt.subgame_perfect(sequential_model(p).at())
    text = spe.describe()[0]
    assert "Taliban after calendar/press/share power/accept: attack" in text
    assert "Taliban after calendar/shelter/share power/accept: attack" in text


def test_default_outcome_matches_direct_backward_induction():
    res = sequential_thresholds()
    at_default = Parameters().leverage
    k = sum(1 for t in res.thresholds if t < at_default)
    assert res.tree.intervals[k].paths[0] == backward_induction(Parameters().as_dict())
    assert backward_induction(Parameters().as_dict()) == (
        "conditions",
        "press",
        "share power",
        "accept",
        "keep",
    )


@pytest.mark.parametrize("p", [Parameters(), *random_points(4, 7)])
def test_thresholds_exact_against_direct_backward_induction(p):
    res = sequential_thresholds(p)
    lo, hi = Parameters.info()["leverage"].lower, Parameters.info()["leverage"].upper
    cuts = [lo, *[Fraction(str(t)) for t in res.thresholds], hi]
    for k, iv in enumerate(res.tree.intervals):
        mid = (cuts[k] + cuts[k + 1]) / 2
        assert backward_induction(p.replace(leverage=mid).as_dict()) == iv.paths[0]
    eps = Fraction(1, 10**9)
    outcome_cuts = {Fraction(str(t)) for t in res.tree.outcome_thresholds}
    for t in cuts[1:-1]:
        below = backward_induction(p.replace(leverage=t - eps).as_dict())
        above = backward_induction(p.replace(leverage=t + eps).as_dict())
        assert (below != above) == (t in outcome_cuts)


def test_defaults_against_static():
    res = sequential_thresholds()
    assert [str(t) for t in res.thresholds] == ["1/12", "29/60", "737/420"]
    assert dict(res.static) == {"calendar": Fraction(29, 60), "conditions": Fraction(1, 12)}
    m = model()
    assert res.static["calendar"] == m.leverage_threshold("calendar", symbolic=False).value
    text = res.describe()
    assert "Static model, calendar-based withdrawal: power sharing from leverage = 29/60" in text


def test_invariance():
    """Left-out and Pakistan-only parameters do not move the Taliban's renege threshold."""
    base = sequential_thresholds()
    # government_surprise is not in the tree: nothing changes
    assert sequential_thresholds(Parameters(government_surprise=Fraction(3, 20))).thresholds == base.thresholds
    # refugees and isolation decide whether Pakistan presses, not the leverage the Taliban need

    def renege_cut(res):
        for k in range(len(res.thresholds)):
            for node, before, after in res.tree.changes(k):
                if node == "Taliban at node calendar/press/share power/accept" and (before, after) == (
                    "attack",
                    "keep",
                ):
                    return res.thresholds[k]
        return None

    for change in ({"refugee_cost": Fraction(1, 2)}, {"isolation_cost": Fraction(1, 10)}, {"us_staying_cost": 0}):
        assert renege_cut(sequential_thresholds(Parameters(**change))) == renege_cut(base) == Fraction(29, 60)


@pytest.mark.parametrize("p", random_points(6, 3))
def test_taliban_never_reject_when_they_can_renege_later(p):
    vals = p.as_dict()
    for cond in (False, True):
        for press in (False, True):
            leaf = _leaves(vals, cond, press)
            assert leaf["attack"][TAL_] >= leaf["reject"][TAL_]


def test_errors():
    with pytest.raises(gt.GameError, match="unknown parameter"):
        sequential_thresholds(parameter="nope")
    with pytest.raises(TypeError, match="params must be Parameters"):
        sequential_model({"leverage": 1})
