"""Incomplete information in the Afghan scenario: known answers, monotonicity, exactness, errors."""

from __future__ import annotations

import json
import pickle
import random
from fractions import Fraction as F

import pytest

import gametheory_af as gt
from gametheory_af.exceptions import GameError
from gametheory_af.scenarios.afghanistan import Parameters
from gametheory_af.scenarios.afghanistan.information import (
    InformationResult,
    _solve,
    war_by_miscalculation,
)

BOUNDS = Parameters.bounds()
# A hand-computable case: no sanctuary effect, war costs 1/10 each, no leverage, types 3/5 and 2/5.
SIMPLE = Parameters(sanctuary_effect=F(0), taliban_war_cost=F(1, 10), government_war_cost=F(1, 10), leverage=F(0))


def _point(rng: random.Random) -> Parameters:
    return Parameters(**{k: lo + (hi - lo) * F(rng.randint(0, 1000), 1000) for k, (lo, hi) in BOUNDS.items()})


# ------------------------------------------------------------------ known answers, derived by hand
def test_simple_case_gamble() -> None:
    # r_s = 3/5 - 1/10 = 1/2, r_w = 2/5 - 1/10 = 3/10; pi* = (1/5) / (1/5 + 1/10 + 1/10) = 1/2.
    r = war_by_miscalculation(SIMPLE, prior_strong=F(1, 4), strong_win=F(3, 5), weak_win=F(2, 5))
    assert r.critical_prior == F(1, 2)
    assert r.gamble and r.offer == F(3, 10) and r.miscalculation == F(1, 4)
    # Total war: 1/4 + (3/4)(1/2) = 5/8; monitoring removes one channel or both.
    assert r.by_monitoring == {"none": F(5, 8), "information": F(1, 2), "commitment": F(1, 4), "both": 0}
    assert r.war_probability == F(5, 8) and r.breakdown == F(1, 2)
    # At leverage 13/40 the weak type's value of war is clipped at 0 and r_s = 7/40;
    # the gain of the gamble 7/40 - (1/4)(3/5 + 1/10) is 0: the government stops gambling.
    assert r.critical_leverage == F(13, 40)
    assert r.exact


def test_simple_case_peace_and_tie() -> None:
    above = war_by_miscalculation(SIMPLE, prior_strong=F(3, 4), strong_win=F(3, 5), weak_win=F(2, 5))
    assert not above.gamble and above.offer == F(1, 2) and above.miscalculation == 0
    assert above.critical_leverage is None
    tie = war_by_miscalculation(SIMPLE, prior_strong=F(1, 2), strong_win=F(3, 5), weak_win=F(2, 5))
    assert not tie.gamble and tie.miscalculation == 0  # indifferent: the government offers peace


def test_defaults_by_hand() -> None:
    # q_s = 2/3 - 1/160, c_T + l = 7/20: r_s = 149/480; pi* = (4/15) / (4/15 + 1/10 + 1/10 + 1/4) = 16/43 < 1/2.
    r = war_by_miscalculation()
    assert r.offer == F(149, 480) and r.critical_prior == F(16, 43) and not r.gamble
    # l* = (4/15)(1 - 1/2)/(1/2) - 1/10 - 1/10 = 1/15.
    assert r.critical_leverage == F(1, 15)
    assert r.leverage_for_peace == F(1, 8)
    assert r.by_monitoring["none"] == Parameters().guarantee_failure
    low = war_by_miscalculation(prior_strong=F(1, 5))
    # Clipped regime: ((4/5)(2/3) - 1/10 - (1/5)(1/10)) / (1 + (4/5)(1/40)) = 62/153.
    assert low.gamble and low.miscalculation == F(1, 5) and low.critical_leverage == F(62, 153)


def test_matches_optimal_offer_with_two_point_belief() -> None:
    """The closed-form choice equals optimal_offer's numeric maximisation over a two-point belief."""

    class TwoPoint:
        # B's effective cost c_B: c_s with probability pi, c_w otherwise; cdf(y) = P(c_B < y)
        # (a type indifferent at the offer accepts).
        def __init__(self, pi: float, c_s: float, c_w: float) -> None:
            self.pi, self.c_s, self.c_w = pi, c_s, c_w

        def cdf(self, y: object) -> object:
            import numpy as np

            y = np.asarray(y, dtype=float)
            return self.pi * (y > self.c_s) + (1 - self.pi) * (y > self.c_w)

    rng = random.Random(3)
    for _ in range(20):
        p = _point(rng)
        pi = F(rng.randint(0, 100), 100)
        strong, weak = p.taliban_win_after, p.taliban_win_before
        r = war_by_miscalculation(p, prior_strong=pi)
        ell, e = p.leverage, p.sanctuary_effect
        q_s, q_w = strong - e * ell, weak - e * ell
        if q_w - p.taliban_war_cost - ell < 0:
            continue  # clipped shares: optimal_offer's A-payoff against a weak type that fights differs
        cost = p.taliban_war_cost + ell
        o = gt.optimal_offer(float(1 - q_s), float(p.government_war_cost), TwoPoint(float(pi), float(cost), float(q_s - q_w + cost)))
        gov = (1 - r.miscalculation) * (1 - r.offer) + r.miscalculation * (1 - q_s - p.government_war_cost)
        assert o.expected_payoff_a == pytest.approx(float(gov), abs=1e-6)


# ------------------------------------------------------------------ monotonicity, checked
def test_prior_comparative_statics() -> None:
    priors = [F(k, 40) for k in range(41)]
    rs = [war_by_miscalculation(prior_strong=x) for x in priors]
    offers = [r.offer for r in rs]
    assert offers == sorted(offers)  # the offer rises with the prior (weakly)
    gambles = [r.gamble for r in rs]
    assert gambles == sorted(gambles, reverse=True)
    # War by miscalculation is NOT monotone in the prior: it rises with it up to pi*, then drops to 0.
    wars = [r.miscalculation for r in rs]
    pi_star = rs[0].critical_prior
    assert all(w == (x if x < pi_star else 0) for w, x in zip(wars, priors))
    assert wars != sorted(wars) and wars != sorted(wars, reverse=True)


def test_leverage_lowers_war_over_the_box() -> None:
    rng = random.Random(7)
    grid = [F(k, 16) for k in range(33)]
    for _ in range(60):
        p = _point(rng)
        pi = F(rng.randint(0, 100), 100)
        r = war_by_miscalculation(p, prior_strong=pi, leverage_grid=grid)
        w = list(r.miscalculation_by_leverage)
        assert w == sorted(w, reverse=True)
        pis = [_solve(p, pi, p.taliban_win_after, p.taliban_win_before, x).critical_prior for x in grid]
        assert pis == sorted(pis, reverse=True)
        if r.critical_leverage is not None:
            lstar = r.critical_leverage
            assert not _solve(p, pi, p.taliban_win_after, p.taliban_win_before, lstar).gamble
            if lstar > 0:
                assert _solve(p, pi, p.taliban_win_after, p.taliban_win_before, lstar * (1 - F(1, 10**6))).gamble
            if pi > 0:
                assert all((x >= lstar) == (m == 0) for x, m in zip(grid, w))


def test_monitoring_never_raises_war() -> None:
    rng = random.Random(11)
    for _ in range(30):
        r = war_by_miscalculation(_point(rng), prior_strong=F(rng.randint(0, 10), 10))
        b = r.by_monitoring
        assert b["both"] == 0 <= b["commitment"] <= b["none"] and b["information"] <= b["none"]


# ------------------------------------------------------------------ exactness, results
def test_exact_and_float() -> None:
    r = war_by_miscalculation(prior_strong=F(1, 5))
    assert r.exact and all(isinstance(v, F) for v in (r.offer, r.critical_prior, r.miscalculation, r.critical_leverage))
    f = war_by_miscalculation(prior_strong=0.2)
    assert not f.exact and isinstance(f.miscalculation, float)
    assert f.miscalculation == pytest.approx(0.2) and f.critical_leverage == pytest.approx(62 / 153)


def test_result_round_trips() -> None:
    r = war_by_miscalculation(prior_strong=F(1, 5), monitoring="commitment")
    assert isinstance(r, InformationResult)
    assert r.war_probability == F(1, 5)
    d = json.loads(json.dumps(r.to_dict()))
    assert d["exact_values"]["critical_leverage"] == "62/153" and d["monitoring"] == "commitment"
    assert pickle.loads(pickle.dumps(r)) == r
    text = r.describe()
    assert "miscalculation" in text and "62/153" in text and "commitment" in text
    sure = war_by_miscalculation(prior_strong=1).describe()
    fl = war_by_miscalculation(prior_strong=0.2, leverage_grid=[0, 0.25]).to_dict()
    assert "exact_values" not in fl and fl["leverage_for_peace"] is None
    assert "No leverage on the grid" in war_by_miscalculation(prior_strong=0.2, leverage_grid=[0]).describe()
    assert "enough for the strong type" in sure and "Even without Pakistan's pressure" in sure


def test_prior_zero_risks_no_war() -> None:
    # Sure the Taliban is weak, the government offers the weak terms: a "gamble" that risks nothing.
    r = war_by_miscalculation(prior_strong=0)
    assert r.gamble and r.offer == F(7, 160) and r.miscalculation == 0
    assert r.critical_leverage is None and r.leverage_for_peace == 0


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("prior", [F(3, 2), -0.1, 2])
def test_bad_prior(prior: object) -> None:
    with pytest.raises(GameError, match="prior_strong"):
        war_by_miscalculation(prior_strong=prior)


def test_bad_inputs() -> None:
    with pytest.raises(GameError, match="strong_win"):
        war_by_miscalculation(strong_win=F(5, 4))
    with pytest.raises(GameError, match="weak_win must be at most strong_win"):
        war_by_miscalculation(strong_win=F(1, 3), weak_win=F(1, 2))
    with pytest.raises(GameError, match="monitoring"):
        war_by_miscalculation(monitoring="drones")
    with pytest.raises(GameError, match="leverage_grid must not be empty"):
        war_by_miscalculation(leverage_grid=[])
    with pytest.raises(GameError, match="leverage_grid"):
        war_by_miscalculation(leverage_grid=[-1])
    with pytest.raises(TypeError, match="params must be Parameters"):
        war_by_miscalculation({"leverage": 1})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        war_by_miscalculation(prior_strong="1/2")


# ------------------------------------------------------------------ cross-check with the library's Bayesian games
def _offer_game(prior: F, q: tuple[F, F], reserve: tuple[F, F], c_g: F):  # type: ignore[no-untyped-def]
    """The two-offer game as a BayesianGame: the government offers the strong or the weak type's terms;
    each Taliban type picks a plan (its answer to the high offer, then to the low one)."""
    from gametheory_af.trees.bayesian import BayesianGame

    offers = (reserve[0], reserve[1])
    plans = ("AA", "AR", "RA", "RR")
    u_gov: list[list[list[F]]] = [[[F(0)] * 4 for _ in offers] for _ in range(2)]
    u_tal: list[list[list[F]]] = [[[F(0)] * 4 for _ in offers] for _ in range(2)]
    for t in range(2):  # 0 strong, 1 weak
        for a, s in enumerate(offers):
            for b, plan in enumerate(plans):
                if plan[a] == "A":
                    u_gov[t][a][b], u_tal[t][a][b] = 1 - s, s
                else:
                    u_gov[t][a][b], u_tal[t][a][b] = 1 - q[t] - c_g, reserve[t]
    return BayesianGame(
        [[prior, 1 - prior]], [[u_gov], [u_tal]],
        players=["government", "Taliban"], types=[["-"], ["strong", "weak"]],
        actions=[["strong terms", "weak terms"], list(plans)],
    )


@pytest.mark.parametrize("prior", [F(1, 4), F(3, 4)])
def test_offer_is_a_bayes_nash_best_response(prior: F) -> None:
    from gametheory_af.solvers.bayesian import make_bayes_equilibrium

    r = war_by_miscalculation(SIMPLE, prior_strong=prior, strong_win=F(3, 5), weak_win=F(2, 5))
    game = _offer_game(prior, (F(3, 5), F(2, 5)), (F(1, 2), F(3, 10)), F(1, 10))
    chosen = "weak terms" if r.gamble else "strong terms"
    # The strong type accepts only its own terms; the weak type accepts both (sequentially rational plans).
    eq = make_bayes_equilibrium(game, [[chosen], ["AR", "AA"]], exact=True)
    assert eq.max_regret == 0
    # The government's expected payoff, by hand: 3/5 gambling at prior 1/4 ((3/4)(7/10) + (1/4)(3/10)), 1/2 at 3/4.
    assert eq.exact_interim_payoffs is not None
    assert eq.exact_interim_payoffs[0][0] == (F(3, 5) if prior == F(1, 4) else F(1, 2))
    other = "strong terms" if r.gamble else "weak terms"
    assert make_bayes_equilibrium(game, [[other], ["AR", "AA"]]).interim_regrets[0][0] > 0
