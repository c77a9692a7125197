"""The flagship report of ``python -m gametheory_af``: the Afghan scenario at given parameters.

Private helper of :mod:`gametheory_af.__main__`; :func:`flagship_report` returns
the report as a JSON-ready dict, :func:`format_report` renders it as text.
"""

from __future__ import annotations

import functools
import pathlib
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from .._validation import check_text, to_fraction
from .._validation import fraction_text as _fmt
from ..exceptions import GameError
from . import afghanistan as af
from .afghanistan.claims import _set_text, check_claims, leverage_sets
from .afghanistan.payoffs import (
    CALENDAR,
    CONDITIONS,
    FIGHT,
    GOV,
    NEGOTIATE,
    OFFENSIVE,
    PAK,
    PRESS,
    SHARE,
    SHELTER,
    USA,
    _exact_payoffs,
    _withdrawal_index,
)

__all__ = ["flagship_report", "format_report", "write_plots"]

_SHORT = {"Afghan government": "government", "United States": "US"}
_SOURCE = "Julia Jacobson, \"Pakistan's Necessary Role In Afghan Peace Negotiations\" (op-ed, 2021)"


def _txt(x: Any) -> str:
    """An exact number as 'p/q = 0.123' (integers alone)."""
    q = to_fraction(x)
    return _fmt(q) if q.denominator == 1 else f"{_fmt(q)} = {float(q):.3f}"


# ---------------------------------------------------------------------------------------------- the US
_US_CELLS = (
    ("deal", (SHARE, NEGOTIATE, PRESS), "at a power-sharing deal Pakistan underwrites"),
    ("war_now", (FIGHT, OFFENSIVE, SHELTER), "in the war now"),
    ("offensive_after_deal", (SHARE, OFFENSIVE, PRESS), "if the Taliban attack a government sharing power"),
    ("unguaranteed_deal", (SHARE, NEGOTIATE, SHELTER), "at a deal Pakistan does not underwrite"),
)


def _us_choice(params: af.Parameters) -> dict[str, Any]:
    """The US's preference between its policies in each outcome, exact (conditions minus calendar)."""
    u = _exact_payoffs(params)
    diffs = {
        (g, t, k): u[(USA, g, t, k, CONDITIONS)] - u[(USA, g, t, k, CALENDAR)]
        for g in (SHARE, FIGHT)
        for t in (NEGOTIATE, OFFENSIVE)
        for k in (PRESS, SHELTER)
    }
    values = list(diffs.values())
    # At a deal the US pays us_verification_cost (>= 1/100 on the box) to verify the conditions, so a
    # conditions-based withdrawal is never dominant: the calendar is, strictly or weakly, or neither.
    if all(d < 0 for d in values):
        dominant: str | None = "calendar-based, strictly"
    elif all(d <= 0 for d in values):
        dominant = "calendar-based, weakly"
    else:
        dominant = None
    p = params
    lower = p.conditions_credibility * (p.taliban_win_after - p.taliban_win_before)
    return {
        "conditions_minus_calendar": {
            key: {"value": float(diffs[cell]), "exact": _fmt(diffs[cell]), "where": where}
            for key, cell, where in _US_CELLS
        },
        "verification_cost": _fmt(p.us_verification_cost),
        "staying_cost_in_war": _fmt(p.conditions_credibility * p.us_staying_cost),
        "lower_taliban_chance": _fmt(lower),
        "lower_taliban_chance_worth": _fmt(p.us_taliban_rule_cost * lower),
        "dominant": dominant,
    }


def _us_lines(us: dict[str, Any]) -> list[str]:
    d = us["conditions_minus_calendar"]

    def pref(key: str) -> str:
        v = Fraction(d[key]["exact"])
        if v == 0:
            return "it is indifferent between its policies"
        side = "its calendar" if v < 0 else "a conditions-based withdrawal"
        return f"it prefers {side} by {_txt(abs(v))}"

    text = (
        f"At a deal Pakistan underwrites {pref('deal')}: verifying the conditions costs it "
        f"{us['verification_cost']} (us_verification_cost) even when the violence stops. In the war now "
        f"{pref('war_now')}: the Taliban's chance of winning is the same under either policy and staying costs it "
        f"conditions_credibility x us_staying_cost = {us['staying_cost_in_war']}. If the Taliban attacked a "
        f"government sharing power, a conditions-based withdrawal would lower their chance of winning by "
        f"{us['lower_taliban_chance']}, worth {us['lower_taliban_chance_worth']} to the US against the same staying "
        f"cost: {pref('offensive_after_deal')}. At a deal Pakistan does not underwrite {pref('unguaranteed_deal')}."
    )
    out = _words(text)
    if us["dominant"] is not None:
        kind = us["dominant"].split(", ")
        out += _words(
            f"So {kind[0]} is {kind[1]} dominant for the US: its policy is an answer, not an indifference. "
            + (
                "A conditions-based withdrawal below is a commitment the US would have to make before the others "
                "move (see the sequential game), not its choice in the simultaneous game."
                if kind[0] == "calendar-based"
                else ""
            )
        )
    else:
        out += _words("Which policy the US prefers depends on what the others do.")
    return out


# ---------------------------------------------------------------------------------------------- thresholds
def _sets(params: af.Parameters, withdrawal: str) -> dict[str, Any]:
    """The narrow, Pakistan's and the full leverage sets of one withdrawal, exact (:func:`.claims.leverage_sets`)."""
    st = leverage_sets(params, withdrawal)
    return {
        "narrow": st.narrow,
        "press": list(st.press),
        "full": list(st.full),
        "narrow_threshold": st.narrow_threshold,
        "full_threshold": st.full_threshold,
    }


def _ivtext(iv: list[tuple[Fraction, Fraction]] | tuple[Fraction, Fraction] | None) -> str:
    """A leverage set (a list of intervals, or one) in words, with exact end points (:func:`.claims._set_text`)."""
    return _set_text([iv] if isinstance(iv, tuple) else (iv or []), _fmt)


def _share_note(m: af.Model, split: dict[str, Any], withdrawal: str) -> str | None:
    """Words for a Taliban share of power outside [0, 1] (None inside), exact."""
    share = Fraction(split["taliban_share_exact"])
    if 0 <= share <= 1:
        return None
    p = m.params.replace(leverage=Fraction(split["leverage_exact"]))
    u = _exact_payoffs(p)
    w = _withdrawal_index(withdrawal, "flagship_report")
    value = 1 + p.china_inducement_taliban + p.aid_value * p.airport_security
    prov, divisible = p.decentralisation / 2, value - p.decentralisation
    edge = Fraction(0) if share < 0 else Fraction(1)
    x_t = prov + edge * divisible
    x_g = value - x_t
    pak = p.pakistan_influence * edge + p.china_inducement_pakistan - p.pressing_cost * p.leverage
    who = []
    if x_g < u[(GOV, FIGHT, NEGOTIATE, PRESS, w)]:
        who.append(f"the government would rather fight ({_txt(x_g)} against {_txt(u[(GOV, FIGHT, NEGOTIATE, PRESS, w)])})")
    # The Taliban never refuse the constrained split: below 0 it gives them more than the bargaining split they
    # accept there; at 1 all the divisible value, more than any war can give them (at most 1 - d / 2).
    if pak < u[(PAK, SHARE, NEGOTIATE, SHELTER, w)]:
        who.append(f"Pakistan would rather shelter them ({_txt(pak)} against {_txt(u[(PAK, SHARE, NEGOTIATE, SHELTER, w)])})")
    if share < 0:
        head = (
            f"the Taliban's share {_txt(share)} is below 0: the bargaining split (transferable utility) leaves them "
            f"less than no central power, because Pakistan's pressure makes their war so costly "
            f"(war payoff {_txt(Fraction(split['disagreement_exact'][1]))}) that they would concede more than all of "
            "it. Read it as concessions beyond power (the Taliban paying the government, e.g. disarmament or "
            "guarantees), or constrain the split to [0, 1]: with no central power"
        )
    else:
        head = (
            f"the Taliban's share {_txt(share)} is above 1: the bargaining split gives them more than all of the "
            "divisible power. Read it as side payments beyond power (the government paying the Taliban), or "
            "constrain the split to [0, 1]: with all of central power"
        )
    tail = (
        "the government and the Taliban accept and pressing is Pakistan's best response: the constrained agreement "
        "is an equilibrium at this leverage"
        if not who
        else "the constrained agreement is not an equilibrium at this leverage: " + "; ".join(who)
    )
    return f"{head}, {tail}."


# ---------------------------------------------------------------------------------------------- sequential
@functools.lru_cache(maxsize=1)
def _tree() -> Any:
    """The sequential game's symbolic tree, built once per process (its expressions do not depend on the point)."""
    from .afghanistan.sequential import sequential_model

    return sequential_model()


_MOVES = {
    "calendar": "the US announces a calendar-based withdrawal",
    "conditions": "the US commits to a conditions-based withdrawal",
    "press": "Pakistan presses the Taliban",
    "shelter": "Pakistan keeps sheltering the Taliban",
    "share power": "the government offers to share power",
    "fight": "the government fights at once (war now)",
    "accept": "the Taliban accept",
    "reject": "the Taliban reject the offer (war now)",
    "keep": "and keep the deal after the US exit: power sharing",
    "attack": "but attack once the US has left: war after the withdrawal",
}


def _path_words(path: Sequence[str]) -> str:
    return ", ".join(_MOVES.get(a, a) for a in path)


def _sequential(params: af.Parameters, static: dict[str, Any]) -> dict[str, Any]:
    """The sequential game at *params*: the subgame-perfect path and the exact leverage thresholds."""
    from ..sensitivity.trees import spe_thresholds
    from ..solvers.backward_induction import subgame_perfect

    tree = _tree()
    values = params.as_dict()
    game = tree.at(values)
    spe = subgame_perfect(game)
    plan = dict(part.split(": ", 1) for part in spe.describe()[0].split("; "))
    path = [plan["United States"]]
    path.append(plan[f"Pakistan after {path[0]}"])
    path.append(plan[f"Afghan government after {'/'.join(path)}"])
    while f"Taliban after {'/'.join(path)}" in plan:  # the offer, then (accepted) keep or attack
        path.append(plan[f"Taliban after {'/'.join(path)}"])
    th = spe_thresholds(tree, "leverage", at={k: v for k, v in values.items() if k != "leverage"})
    intervals = [
        {
            "from": _fmt(to_fraction(iv.lo)),
            "to": _fmt(to_fraction(iv.hi)),
            "path": list(iv.paths[0]) if iv.paths else [],
            "words": _path_words(iv.paths[0]) if iv.paths else "",
        }
        for iv in th.intervals
    ]
    return {
        "order": "the US announces its withdrawal; Pakistan chooses to press or shelter; the government offers to "
        "share power or fights; the Taliban accept or reject; after the US exit the Taliban keep the deal or attack",
        "path": path,
        "path_words": _path_words(path),
        "payoffs": {pl: float(v) for pl, v in zip(af.PLAYERS, spe[0].payoffs)},
        "thresholds": [_fmt(to_fraction(x)) for x in th.outcome_thresholds],
        "intervals": intervals,
        "static": static,
    }


def _seq_lines(seq: dict[str, Any]) -> list[str]:
    out = _words(f"Order of moves: {seq['order']}. Subgame perfect, exact.")
    out += _words(f"At these parameters: {seq['path_words']}.")
    out.append("    By leverage (where the played outcome changes: " + (", ".join(seq["thresholds"]) or "nowhere") + "):")
    for iv in seq["intervals"]:
        out += _words(f"leverage in ({iv['from']}, {iv['to']}): {iv['words']}", indent="      ")
    st = seq["static"]
    out += _words(
        "Beside the static model: the government and the Taliban accept from leverage "
        + "; ".join(f"{w} {v['narrow'] or 'never'} (with Pakistan's own incentive {v['full'] or 'never'})" for w, v in st.items())
        + "."
    )
    return out


# ---------------------------------------------------------------------------------------------- information
def _information(params: af.Parameters) -> dict[str, Any]:
    from .afghanistan.information import war_by_miscalculation

    r = war_by_miscalculation(params)
    d = r.to_dict()
    d["sentences"] = r.describe().splitlines()
    return d


def flagship_report(
    params: af.Parameters | None = None, *, scenario: str = "default", extensions: bool = True
) -> dict[str, Any]:
    """The flagship analysis at *params* as a JSON-ready dict.

    Parameters
    ----------
    params : Parameters, optional
        Default: the defaults of :class:`~gametheory_af.scenarios.afghanistan.Parameters`.
    scenario : str
        A label for the scenario (e.g. the file it came from).
    extensions : bool, default True
        Also the sequential game, incomplete information, Pakistan's choice
        of leverage, China as a player and the drivers over the box; False
        leaves them out (None), for speed.

    Returns
    -------
    dict
        Keys ``scenario``, ``source``, ``players``, ``china``, ``parameters``,
        ``equilibria`` (with ``continua`` described as sets and the
        ``selection`` labelled), ``us_choice``, ``thresholds`` (narrow and
        full, per withdrawal), ``policies``, ``claims`` (five verdicts with
        reasons), ``sequential``, ``information``, ``pakistan_choice``
        (Pakistan choosing its leverage, per withdrawal), ``china_player``
        (China as a fifth player) and ``drivers`` (how much leverage decides
        the outcome over the box, and what drives the threshold).

    Examples
    --------
    >>> from gametheory_af.scenarios._report import flagship_report
    >>> r = flagship_report(extensions=False)
    >>> r["thresholds"]["calendar"]["value_exact"], r["thresholds"]["conditions"]["value_exact"]
    ('29/60', '1/12')
    >>> r["thresholds"]["calendar"]["full_threshold_exact"], r["claims"][1]["verdict"]
    ('29/60', 'holds')
    """
    check_text(scenario, "scenario", "flagship_report")
    if not isinstance(extensions, bool):
        raise TypeError(f"flagship_report: extensions must be True or False; got {extensions!r}.")
    m = af.Model(params)
    info = af.Parameters.info()
    eqs = m.equilibria(mixed=True, select=True)
    ths = {w: m.leverage_threshold(w) for w in ("calendar", "conditions")}
    sets = {w: _sets(m.params, w) for w in ths}
    policies = m.policy_comparison()
    thresholds: dict[str, Any] = {}
    for w, th in ths.items():
        d = th.to_dict()
        st = sets[w]
        d.update(
            {
                "narrow_threshold_exact": None if st["narrow_threshold"] is None else _fmt(st["narrow_threshold"]),
                "full_threshold": None if st["full_threshold"] is None else float(st["full_threshold"]),
                "full_threshold_exact": None if st["full_threshold"] is None else _fmt(st["full_threshold"]),
                "narrow_set": None if st["narrow"] is None else [_fmt(x) for x in st["narrow"]],
                "press_set": [[_fmt(a), _fmt(b)] for a, b in st["press"]],
                "full_set": [[_fmt(a), _fmt(b)] for a, b in st["full"]],
            }
        )
        for tag in ("split", "split_above"):
            if d[tag] is not None:
                d[tag]["disagreement_exact"] = [str(x) for x in getattr(th, tag).disagreement]
                d[tag]["share_note"] = _share_note(m, d[tag], w)
        thresholds[w] = d
    static = {
        w: {
            "narrow": thresholds[w]["narrow_threshold_exact"],
            "full": thresholds[w]["full_threshold_exact"],
        }
        for w in ("calendar", "conditions")
    }
    return {
        "scenario": scenario,
        "source": _SOURCE,
        "players": {pl: list(st) for pl, st in zip(af.PLAYERS, af.STRATEGIES)},
        "china": "parameters acting on Pakistan and the Taliban (inducements for power sharing) in the four-player game; "
        "as an optional fifth player choosing its offer, see 'china_player'",
        "parameters": {
            k: {
                "value": float(v),
                "exact": _fmt(v),
                "unit": info[k].unit,
                "source": info[k].source,
                "claim": info[k].claim,
                "bounds": [float(info[k].lower), float(info[k].upper)],
            }
            for k, v in m.params.as_dict().items()
        },
        "equilibria": eqs.to_dict(),
        "us_choice": _us_choice(m.params),
        "thresholds": thresholds,
        "policies": policies.to_dict(),
        "claims": [c.to_dict() for c in check_claims(m)],
        "sequential": _sequential(m.params, static) if extensions else None,
        "information": _information(m.params) if extensions else None,
        "pakistan_choice": _pakistan_choice(m.params) if extensions else None,
        "china_player": _china(m.params) if extensions else None,
        "drivers": _drivers(m.params) if extensions else None,
    }


def _pakistan_choice(params: af.Parameters) -> dict[str, Any]:
    """Pakistan choosing its leverage first, under each withdrawal (issue 13, part 3)."""
    out: dict[str, Any] = {}
    for w in ("calendar", "conditions"):
        c = af.pakistan_choice(params, w)
        d = c.to_dict()
        d["sentences"] = c.describe().splitlines()
        out[w] = d
    return out


def _china(params: af.Parameters) -> dict[str, Any]:
    """China as a fifth player choosing its conditional offer (issue 13, part 8)."""
    cm = af.china_model(params)
    return {"sentences": cm.summary().splitlines(), "threshold_shift": cm.threshold_shift("calendar").to_dict()}


def _drivers(params: af.Parameters) -> dict[str, Any]:
    """How much leverage decides the outcome, and what drives the threshold, over the whole box (part 7)."""
    ld = af.leverage_decides(withdrawal="calendar")
    td = af.threshold_drivers(params, withdrawal="calendar", sense="full")
    return {
        "leverage_decides": {**ld.to_dict(), "sentences": ld.describe().splitlines()},
        "threshold_drivers": {**td.to_dict(), "sentences": td.describe().splitlines()},
    }


def _words(s: str, width: int = 100, indent: str = "    ") -> list[str]:
    out, line = [], indent
    for w in s.split():
        if len(line) + len(w) + 1 > width and line.strip():
            out.append(line.rstrip())
            line = indent
        line += w + " "
    if line.strip():
        out.append(line.rstrip())
    return out


_NARROW = "the government and the Taliban accept, Pakistan pressing"
_FULL = "and pressing is Pakistan's own best response"


def format_report(report: dict[str, Any]) -> str:
    """Render :func:`flagship_report` as text (about three screens).

    Examples
    --------
    >>> from gametheory_af.scenarios._report import flagship_report, format_report
    >>> text = format_report(flagship_report(extensions=False))
    >>> "Leverage Pakistan must apply" in text and "29/60" in text
    True
    >>> "[holds]" in text
    False
    """
    out: list[str] = []
    bar = "=" * 100
    out += [bar, "gametheory_af: the Afghan peace negotiations and Pakistan's leverage", bar]
    out.append(f"Scenario: {report['scenario']}.  Source: {report['source']}.")
    out.append("Players and strategies: " + "; ".join(f"{p} ({' / '.join(s)})" for p, s in report["players"].items()) + ".")
    out.append(f"China: {report['china']}.")
    out.append("Payoffs: war decided by each side's chance of winning before/after the US withdrawal and war costs;")
    out.append("power-sharing split by Nash bargaining (Rubinstein limit) with the war as disagreement point.")
    out.append("")
    out.append("Assumptions ([o] encodes an op-ed claim, [a] a modelling assumption; units and quotes: --json):")
    items = [
        f"{k:<26}{v['exact']:>7} [{'o' if v['source'] == 'op-ed' else 'a'}]" for k, v in report["parameters"].items()
    ]
    for i in range(0, len(items), 3):
        out.append("  " + "   ".join(items[i : i + 3]))
    out.append("")
    out += _equilibria_lines(report["equilibria"])
    out.append("")
    out.append("The United States' choice (exact; its payoff under a conditions-based withdrawal minus a calendar-based one):")
    out += _us_lines(report["us_choice"])
    out.append("")
    out += _threshold_lines(report["thresholds"])
    out.append("")
    out.append(f"Policies (leverage needed: {_NARROW} / {_FULL};")
    out.append("the lever values are in gametheory_af.scenarios.afghanistan.POLICY_LEVERS):")
    w = max(len(r["policy"]) for r in report["policies"])
    for r in report["policies"]:
        val = "never" if r["threshold"] is None else f"{r['threshold_exact']} = {r['threshold']:.3f}"
        full = "never" if r.get("full_threshold") is None else f"{r['full_threshold_exact']} = {r['full_threshold']:.3f}"
        share = "" if r["taliban_share"] is None else f"Taliban share {r['taliban_share']:.3f}"
        out.append(f"  {r['policy']:<{w}}  {val:>16} / {full:<16} {share}")
    if report["sequential"] is not None:
        out.append("")
        out.append("Sequential game (the US moves first; Powell's commitment problem after the US exit):")
        out += _seq_lines(report["sequential"])
    if report["information"] is not None:
        out.append("")
        out.append("Incomplete information (the Taliban's strength is private; Fearon 1995, Bapat 2006):")
        for line in report["information"]["sentences"]:
            out += _words(line)
    if report.get("pakistan_choice") is not None:
        out.append("")
        out.append("Pakistan chooses its leverage first (against the war it would otherwise face, not an unguaranteed deal):")
        for wd in ("calendar", "conditions"):
            for line in report["pakistan_choice"][wd]["sentences"]:
                out += _words(line)
    if report.get("china_player") is not None:
        out.append("")
        out.append("China as a fifth player choosing its offer (paid only if power is shared; it commits first):")
        for line in report["china_player"]["sentences"]:
            out += _words(line)
    if report.get("drivers") is not None:
        out.append("")
        out.append("Over the whole parameter box (seeded samples; how much leverage decides, and what drives the threshold):")
        for key in ("leverage_decides", "threshold_drivers"):
            for line in report["drivers"][key]["sentences"]:
                out += _words(line.strip())
    out.append("")
    out.append("The op-ed's claims at these parameters (in the op-ed's sense: Pakistan's pressing is itself a best response):")
    for c in report["claims"]:
        out += _words(f"{c['number']}. {c['claim']}: {c['verdict'].upper()}.", indent="  ")
        out += _words(f"Why: {c['reason'].rstrip('.')}.", indent="       ")
    out.append(bar)
    return "\n".join(out)


def _equilibria_lines(eq: dict[str, Any]) -> list[str]:
    out = ["Equilibria of the simultaneous game at these parameters (all pure ones; sets described in words):"]
    for e in eq["pure"]:
        pay = ", ".join(f"{_SHORT.get(p, p)} {v:+.3f}" for p, v in e["payoffs"].items())
        out.append(f"  * {e['outcome'].upper()}: {e['sentence']}.")
        out.append(f"      payoffs: {pay}")
    if not eq["pure"]:
        out.append("  (no pure equilibrium)")
    for c in eq["continua"]:
        out += _words(f"* A set of equilibria: {c['sentence']}.", indent="  ")
    if eq["mixed"]:
        degenerate = any("degenerate" in n for n in eq["notes"])
        out.append(
            "Other mixed equilibria found (the game is degenerate: see the note):"
            if degenerate
            else "Isolated mixed equilibria found:"
        )
        for e in eq["mixed"]:
            out += _words(f"* {e['sentence']} (power sharing with probability {e['power_sharing_probability']:.3f})", indent="  ")
    for n in eq["notes"]:
        out += _words(f"note: {n}.", indent="  ")
    sel = eq["selected"]
    if sel is not None and str(eq["selection"]).startswith("the only"):
        what = "the power-sharing agreement" if sel["outcome"] == "power-sharing agreement" else f"the {sel['outcome']}"
        out += _words(f"{eq['selection'][0].upper()}{eq['selection'][1:]}: {what} above.", indent="  ")
    elif sel is not None:
        out += _words(f"Selected equilibrium: {sel['sentence']} ({eq['selection']}).", indent="  ")
    return out


def _threshold_lines(ths: dict[str, Any]) -> list[str]:
    out = ["Leverage Pakistan must apply before power sharing is an equilibrium (leverage is in [0, 2]):"]
    for key in ("calendar", "conditions"):
        th = ths[key]
        out.append(f"  {key}-based withdrawal:")
        if th["value"] is None:
            out.append(f"    {_NARROW}: never (no leverage in [0, 2])")
        else:
            binding = f" (binding: {th['binding']})" if th["binding"] else " (no leverage needed)"
            out.append(f"    {_NARROW}: from leverage {th['value_exact']} = {th['value']:.3f}{binding}")
        if th["full_threshold"] is None:
            out += _words(
                f"{_FULL}: never (pressing is Pakistan's best response only for "
                f"{_ivtext([(Fraction(a), Fraction(b)) for a, b in th['press_set']])})"
            )
        else:
            ivs = [(Fraction(a), Fraction(b)) for a, b in th["full_set"]]
            out.append(f"    {_FULL}: from leverage {th['full_threshold_exact']} = {th['full_threshold']:.3f} ({_ivtext(ivs)})")
        pk = th["pakistan"]
        if pk is not None:
            will = "WILLING" if pk["willing"] else "NOT willing"
            out += _words(
                f"At leverage {th['value_exact']} Pakistan is {will} to pay for the deal: its deal payoff "
                f"{pk['deal_payoff']:+.3f} against {pk['war_payoff']:+.3f} in the war (margin "
                f"{pk['participation_margin']:+.3f}); pressing rather than sheltering: margin {pk['press_margin']:+.3f}."
            )
        for tag in ("split", "split_above"):
            s = th[tag]
            if s is None:
                continue
            where = "at that leverage" if tag == "split" else f"at leverage {s['leverage']:.3f}"
            out += _words(
                f"Split {where}: Taliban share of power {s['taliban_share']:.3f}, government "
                f"{s['government_share']:.3f}; payoffs government {s['government_payoff']:+.3f}, Taliban "
                f"{s['taliban_payoff']:+.3f}, Pakistan {s['payoffs']['Pakistan']:+.3f}."
            )
            if s["share_note"]:
                out += _words(f"Note: {s['share_note']}", indent="      ")
    cal_expr = ths["calendar"]["expression"]
    if cal_expr:
        out.append(f"  Exact threshold (calendar; {_NARROW}) in the other parameters:")
        out += _words(cal_expr, indent="      ")
    return out


def write_plots(report_params: af.Parameters | None, directory: str | pathlib.Path) -> list[pathlib.Path]:
    """Write the flagship figures to *directory* with :mod:`gametheory_af.plotting`.

    Raises
    ------
    GameError
        When :mod:`gametheory_af.plotting` (or matplotlib) is not available.
    """
    try:
        from .. import plotting
    except ImportError as err:
        raise GameError(
            f"--plot needs gametheory_af.plotting and matplotlib (pip install 'gametheory_af[plot]'): {err}."
        ) from None
    if not isinstance(directory, (str, pathlib.PurePath)):
        raise TypeError(f"write_plots: directory must be a path; got {directory!r} ({type(directory).__name__}).")
    directory = pathlib.Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise GameError(f"write_plots: cannot create the directory {str(directory)!r}: {err.strerror}.") from None
    try:
        paths = [pathlib.Path(f) for f in plotting.flagship_figures(af.Model(report_params), directory)]
        paths += _extra_figures(plotting, report_params, directory)
    except ImportError as err:  # matplotlib is imported lazily, on the first figure
        raise GameError(f"--plot needs matplotlib (pip install 'gametheory_af[plot]'): {err}") from None
    return paths


def _extra_figures(plotting: Any, params: af.Parameters | None, directory: pathlib.Path) -> list[pathlib.Path]:
    """Pakistan's choice, the probability curve of power sharing against leverage, and the threshold's drivers."""
    import matplotlib.pyplot as plt

    params = af.Parameters() if params is None else params
    out: list[pathlib.Path] = []
    jobs: list[tuple[str, Any]] = [
        ("pakistan_choice.png", lambda ax: plotting.plot_pakistan_choice(af.pakistan_choice(params, "calendar"), ax=ax)),
        ("leverage_decides.png", lambda ax: plotting.plot_leverage_decides(af.leverage_decides(withdrawal="calendar"), ax=ax)),
    ]
    for name, draw in jobs:
        fig = plt.figure(figsize=(8, 5))
        try:
            draw(fig.add_subplot())
            path = directory / name
            fig.savefig(path, dpi=120, bbox_inches="tight")
            out.append(path)
        finally:
            plt.close(fig)
    td = af.threshold_drivers(params, withdrawal="calendar", sense="full")
    fig = plotting.plot_threshold_drivers(td)[0].figure
    try:
        path = directory / "threshold_drivers.png"
        fig.savefig(path, dpi=120, bbox_inches="tight")
        out.append(path)
    finally:
        plt.close(fig)
    return out
