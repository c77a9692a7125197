"""Names of the Afghan scenario's outcomes (gametheory_af.scenarios.afghanistan.names)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest

from gametheory_af.exceptions import GameError
from gametheory_af.scenarios.afghanistan import PLAYERS, STRATEGIES, Parameters
from gametheory_af.scenarios.afghanistan.names import DETAILS, outcome_name, profile_label, set_label
from gametheory_af.scenarios.afghanistan.payoffs import _Components, _exact_payoffs

PROFILES = list(itertools.product((0, 1), repeat=4))


def _by_name(p: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(STRATEGIES[k][j] for k, j in enumerate(p))


def test_sixteen_distinct_readable_names() -> None:
    full = [outcome_name(p, detail="full") for p in PROFILES]
    labels = [profile_label(p) for p in PROFILES]
    assert len(set(full)) == 16 and len(set(labels)) == 16
    for text in full + labels:
        # words, not a tuple of strategy names
        assert "(" not in text.split(" ")[0] and "'" not in text and "share power," not in text
        assert text.startswith(("war", "power sharing"))


def test_known_names() -> None:
    # the op-ed's deal and the three wars, by who fights (see the payoffs of the scenario)
    assert outcome_name((0, 0, 0, 1)) == "power sharing under a calendar-based withdrawal"
    assert outcome_name((0, 0, 1, 0)) == "power sharing under a conditions-based withdrawal"
    assert outcome_name((0, 0, 1, 0), detail="kind") == "power sharing under a conditions-based withdrawal, not guaranteed by Pakistan"
    assert outcome_name((1, 1, 0, 1), detail="kind") == "war now (both sides fight)"
    assert outcome_name((1, 0, 0, 1), detail="kind") == "war (the government strikes a negotiating Taliban)"
    assert outcome_name((0, 1, 0, 1), detail="kind") == "war (the Taliban strike a government sharing power)"
    assert outcome_name((0, 0, 0, 0), detail="full") == (
        "power sharing under a conditions-based withdrawal, Pakistan pressing the Taliban"
    )
    assert outcome_name((0, 0, 1, 1), detail="full") == (
        "power sharing under a calendar-based withdrawal, Pakistan sheltering the Taliban (no guarantee)"
    )
    assert profile_label((0, 0, 1, 1)) == "power sharing, Pakistan shelters (no guarantee), calendar-based withdrawal"
    assert profile_label((0, 1, 1, 0)) == "war (Taliban strike a power-sharing government), Pakistan shelters, conditions-based withdrawal"


@pytest.mark.parametrize("p", PROFILES)
def test_levels_agree_and_names_equal_indices(p: tuple[int, ...]) -> None:
    deal = p[0] == 0 and p[1] == 0
    assert (outcome_name(p) == "war") is not deal
    kind = outcome_name(p, detail="kind")
    # each level refines the one before it
    assert kind.startswith(outcome_name(p).split(" under")[0])
    assert outcome_name(p, detail="full").startswith(kind.split(", not guaranteed")[0])
    for detail in DETAILS:
        assert outcome_name(_by_name(p), detail=detail) == outcome_name(p, detail=detail)
        assert outcome_name(np.array(p), detail=detail) == outcome_name(p, detail=detail)
    assert profile_label(_by_name(p)) == profile_label(p)
    # the US strategy also as the model's withdrawal= words
    us = "calendar" if p[3] == 1 else "conditions"
    assert outcome_name((*p[:3], us), detail="full") == outcome_name(p, detail="full")


def test_names_follow_the_payoffs() -> None:
    # Cross-check against the model: the name of a profile says which payoff component it has.
    p = Parameters()
    s = p.as_dict()
    c = _Components(s)
    u = _exact_payoffs(p)
    pb, e, ag = s["taliban_win_before"], s["sanctuary_effect"], s["government_surprise"]
    for prof in PROFILES:
        cond = prof[3] == 0
        ell = s["leverage"] if prof[2] == 0 else Fraction(0)
        kind = outcome_name(prof, detail="kind")
        if kind == "war now (both sides fight)":
            want = c.war_now(ell, cond)
        elif kind.startswith("war (the government"):
            want = c.war(pb - e * ell - ag, ell, cond)
        elif kind.startswith("war (the Taliban"):
            want = c.war_after(ell, cond)
        elif kind.endswith("not guaranteed by Pakistan"):
            want = c.unguaranteed_deal(cond)
        else:
            assert kind.startswith("power sharing")
            want = c.deal(ell, cond)
        assert [u[(i, *prof)] for i in range(4)] == want, kind


def test_set_label() -> None:
    assert set_label([(0, 0, 0, 1), (1, 1, 1, 1)]) == (
        "power sharing, Pakistan presses, calendar-based withdrawal; war now, Pakistan shelters, calendar-based withdrawal"
    )
    assert set_label(iter([(1, 1, 1, 1)]), sep="\n") == "war now, Pakistan shelters, calendar-based withdrawal"
    assert set_label([]) == "no pure equilibrium"
    assert set_label((), empty="none") == "none"


@pytest.mark.parametrize(
    "call, err, words",
    [
        (lambda: outcome_name((0, 0, 0)), GameError, ("4 strategies", "got 3")),
        (lambda: outcome_name((0, 0, 0, 2)), GameError, ("profile[3]", "2", PLAYERS[3])),
        (lambda: outcome_name((0, True, 0, 0)), GameError, ("profile[1]", "True")),
        (lambda: outcome_name((0, 0, "bribe", 0)), GameError, ("profile[2]", "'bribe'", "Pakistan")),
        (lambda: outcome_name((0, 0, 0, 0.5)), GameError, ("profile[3]", "0.5")),
        (lambda: outcome_name(("calendar", 0, 0, 0)), GameError, ("profile[0]", "'calendar'")),
        (lambda: outcome_name("share power"), TypeError, ("profile", "'share power'")),
        (lambda: outcome_name(5), TypeError, ("profile", "5", "int")),
        (lambda: outcome_name((0, 0, 0, 0), detail="short"), GameError, ("detail", "'short'")),
        (lambda: outcome_name((0, 0, 0, 0), detail=1), GameError, ("detail", "1")),
        (lambda: profile_label((0, 0)), GameError, ("profile_label", "got 2")),
        (lambda: set_label([(0, 0, 0, 9)]), GameError, ("profile[3]", "9")),
        (lambda: set_label("abc"), TypeError, ("profiles", "'abc'")),
        (lambda: set_label([], sep=1), TypeError, ("sep", "1")),
        (lambda: set_label([], empty=None), TypeError, ("empty", "None")),
    ],
)
def test_bad_input_names_argument_and_value(call, err, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(err) as info:
        call()
    for w in words:
        assert w in str(info.value)


def test_binding_name_every_deviation_and_the_model() -> None:
    from gametheory_af.scenarios.afghanistan import model
    from gametheory_af.scenarios.afghanistan.names import binding_name

    seen = set()
    for i, player in enumerate(PLAYERS):
        for s in STRATEGIES[i]:
            text = binding_name(f"{player} -> {s}")
            assert text.split(" would rather ")[1] and "->" not in text
            seen.add(text)
    assert len(seen) == 8
    # the model's binding incentive at the defaults: the Taliban's offensive (a hand check: the Taliban's
    # condition (p_a - p_b + a_T)(1 - delta) / beta gives 29/60, above the government's)
    th = model().leverage_threshold("calendar", symbolic=False)
    assert binding_name(th.binding) == "the Taliban would rather launch an offensive"
    for bad in ("Taliban offensive", "Taliban -> fight", "China -> press", ""):
        with pytest.raises(GameError, match=f"binding must be .*got {bad!r}"):
            binding_name(bad)
    with pytest.raises(TypeError, match="binding must be a str; got None"):
        binding_name(None)  # type: ignore[arg-type]
