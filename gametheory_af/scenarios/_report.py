"""The flagship report of ``python -m gametheory_af``: the Afghan scenario at given parameters.

Private helper of :mod:`gametheory_af.__main__`; :func:`flagship_report` returns
the report as a JSON-ready dict, :func:`format_report` renders it as text.
"""

from __future__ import annotations

import pathlib
from fractions import Fraction
from typing import Any

import sympy as sp

from .._expr import to_expr
from .._validation import check_text, parse_number
from .._validation import fraction_text as _fmt
from ..exceptions import GameError
from . import afghanistan as af

__all__ = ["flagship_report", "format_report", "write_plots"]

_SHORT = {"Afghan government": "government", "United States": "US"}
_SOURCE = "Julia Jacobson, \"Pakistan's Necessary Role In Afghan Peace Negotiations\" (op-ed, 2021)"


def _f(x: Any) -> str:
    """A number as 'p/q = 0.123' (exact and decimal)."""
    if x is None:
        return "-"
    if isinstance(x, str):  # text only through the bounded reader, never Fraction(str) or sympify
        x = parse_number(x, "value", "flagship_report")
    q = sp.nsimplify(x) if not isinstance(x, (sp.Basic, Fraction, int)) else x
    r = sp.Rational(q.numerator, q.denominator) if isinstance(q, Fraction) else to_expr(q, name="value", caller="flagship_report")
    dec = f"{float(r):.3f}"
    return dec if r.is_Integer else f"{r} = {dec}"


def _claims(m: af.Model, cal: af.LeverageThreshold, con: af.LeverageThreshold) -> list[dict[str, Any]]:
    """The op-ed's five claims, checked at the model's parameters."""
    p = m.params
    no_pressure = not m.replace(leverage=0).is_power_sharing_equilibrium("calendar")
    lev = p.leverage if cal.value is None else cal.value
    base = m.pakistan_willingness("calendar", leverage=lev)
    grows = []
    for name in ("refugee_cost", "isolation_cost"):
        hi = af.Parameters.info()[name].upper
        bumped = m.replace(**{name: hi}).pakistan_willingness("calendar", leverage=lev)
        grows.append(bool(bumped.press_margin >= base.press_margin and bumped.participation_margin >= base.participation_margin))
    dec_hi = af.Parameters.info()["decentralisation"].upper
    dec = m.replace(decentralisation=dec_hi).leverage_threshold("calendar", symbolic=False)
    return [
        {
            "claim": "without Pakistan's pressure and with a calendar-based withdrawal, power sharing is not an equilibrium",
            "holds": bool(no_pressure),
        },
        {"claim": "with enough leverage it is", "holds": cal.value is not None},
        {
            "claim": "the leverage needed is no higher under a conditions-based withdrawal",
            "holds": bool(cal.value is not None and con.value is not None and con.value <= cal.value),
        },
        {
            "claim": "Pakistan's willingness to press grows with the refugee cost and the isolation cost",
            "holds": all(grows),
        },
        {
            "claim": "decentralisation lowers the leverage needed",
            "holds": bool(cal.value is not None and dec.value is not None and dec.value <= cal.value),
        },
    ]


def flagship_report(params: af.Parameters | None = None, *, scenario: str = "default") -> dict[str, Any]:
    """The flagship analysis at *params* as a JSON-ready dict.

    Parameters
    ----------
    params : Parameters, optional
        Default: the defaults of :class:`~gametheory_af.scenarios.afghanistan.Parameters`.
    scenario : str
        A label for the scenario (e.g. the file it came from).

    Returns
    -------
    dict
        Keys ``scenario``, ``source``, ``players``, ``parameters``,
        ``equilibria``, ``thresholds``, ``policies``, ``splits``, ``claims``.

    Examples
    --------
    >>> from gametheory_af.scenarios._report import flagship_report
    >>> r = flagship_report()
    >>> r["thresholds"]["calendar"]["value_exact"], r["thresholds"]["conditions"]["value_exact"]
    ('29/60', '1/12')
    """
    check_text(scenario, "scenario", "flagship_report")
    m = af.Model(params)
    info = af.Parameters.info()
    eqs = m.equilibria(mixed=True, select=True)
    cal = m.leverage_threshold("calendar")
    con = m.leverage_threshold("conditions")
    policies = m.policy_comparison()
    return {
        "scenario": scenario,
        "source": _SOURCE,
        "players": {pl: list(st) for pl, st in zip(af.PLAYERS, af.STRATEGIES)},
        "china": "parameters acting on Pakistan and the Taliban (inducements for power sharing), not a player",
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
        "thresholds": {"calendar": cal.to_dict(), "conditions": con.to_dict()},
        "policies": policies.to_dict(),
        "claims": _claims(m, cal, con),
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


def format_report(report: dict[str, Any]) -> str:
    """Render :func:`flagship_report` as text (about two screens).

    Examples
    --------
    >>> from gametheory_af.scenarios._report import flagship_report, format_report
    >>> text = format_report(flagship_report())
    >>> "Leverage Pakistan must apply" in text and "29/60" in text
    True
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
    eq = report["equilibria"]
    out.append("Pure equilibria at these parameters (all of them):")
    for e in eq["pure"]:
        pay = ", ".join(f"{_SHORT.get(p, p)} {v:+.3f}" for p, v in e["payoffs"].items())
        out.append(f"  * {e['outcome'].upper()}: {e['sentence']}.")
        out.append(f"      payoffs: {pay}")
    if not eq["pure"]:
        out.append("  (none)")
    if eq["mixed"]:
        out.append("Mixed equilibria:")
        for e in eq["mixed"]:
            out += _words(f"* {e['sentence']} (power sharing with probability {e['power_sharing_probability']:.3f})", indent="  ")
    if eq["selected"] is not None:
        out.append(f"Logit-selected equilibrium: {eq['selected']['sentence']}.")
    for n in eq["notes"]:
        out.append(f"  note: {n}")
    out.append("")
    out.append("Leverage Pakistan must apply before power sharing (government shares, Taliban negotiates) is an equilibrium:")
    for key in ("calendar", "conditions"):
        th = report["thresholds"][key]
        label = f"{key}-based withdrawal"
        if th["value"] is None:
            out.append(f"  {label:<28} not reachable within the bounds of leverage")
            continue
        out.append(
            f"  {label:<28} leverage >= {th['value_exact']} = {th['value']:.3f}"
            + (f"  (binding: {th['binding']})" if th["binding"] else "  (no leverage needed)")
        )
        pk = th["pakistan"]
        rng = th["equilibrium_range"]
        will = "WILLING" if pk["willing"] else "NOT willing"
        out.append(
            f"      Pakistan {will} to pay for it: deal payoff {pk['deal_payoff']:+.3f} vs war {pk['war_payoff']:+.3f}"
            f" (margin {pk['participation_margin']:+.3f}); pressing a best response: "
            f"{'yes' if pk['press_is_best_response'] else 'no'} (margin {pk['press_margin']:+.3f})"
        )
        if rng is not None:
            out.append(f"      with Pakistan's pressing, power sharing is an equilibrium for leverage in [{rng[0]:.3f}, {rng[1]:.3f}]")
        else:
            out.append("      no leverage makes power sharing and Pakistan's pressing an equilibrium together")
        for tag in ("split", "split_above"):
            s = th[tag]
            if s is None:
                continue
            where = "at the threshold" if tag == "split" else f"above it (leverage {s['leverage']:.3f})"
            out.append(
                f"      split {where}: Taliban share of power {s['taliban_share']:.3f}, government {s['government_share']:.3f};"
                f" payoffs G {s['government_payoff']:+.3f}, T {s['taliban_payoff']:+.3f},"
                f" Pakistan {s['payoffs']['Pakistan']:+.3f}"
            )
    cal_expr = report["thresholds"]["calendar"]["expression"]
    if cal_expr:
        out.append("  Exact threshold (calendar) in the other parameters:")
        out += _words(cal_expr, indent="      ")
    out.append("")
    out.append("Policies (leverage needed; the lever values are in gametheory_af.scenarios.afghanistan.POLICY_LEVERS):")
    w = max(len(r["policy"]) for r in report["policies"])
    for r in report["policies"]:
        val = "not reachable" if r["threshold"] is None else f"{r['threshold_exact']} = {r['threshold']:.3f}"
        will = "-" if r["pakistan_willing"] is None else ("Pakistan willing" if r["pakistan_willing"] else "Pakistan NOT willing")
        share = "" if r["taliban_share"] is None else f"Taliban share {r['taliban_share']:.3f}"
        out.append(f"  {r['policy']:<{w}}  {val:>16}   {will:<20} {share}")
    out.append("")
    out.append("The op-ed's claims at these parameters:")
    for c in report["claims"]:
        out.append(f"  [{'holds' if c['holds'] else 'FAILS'}] {c['claim']}")
    out.append(bar)
    return "\n".join(out)


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
        paths = plotting.flagship_figures(af.Model(report_params), directory)
    except ImportError as err:  # matplotlib is imported lazily, on the first figure
        raise GameError(f"--plot needs matplotlib (pip install 'gametheory_af[plot]'): {err}") from None
    return [pathlib.Path(f) for f in paths]
