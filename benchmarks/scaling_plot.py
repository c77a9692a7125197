"""Measure the scaling cases of ``benchmarks/bench_scaling.py`` and draw ``docs/_static/scaling.png``.

Run from the repository root (a few minutes; ``OPENBLAS_NUM_THREADS=1`` as on a shared machine)::

    OPENBLAS_NUM_THREADS=1 python benchmarks/scaling_plot.py            # measure and draw
    python benchmarks/scaling_plot.py --repeats 7 --json scaling.json   # more repeats, keep the numbers
    python benchmarks/scaling_plot.py --from-json run1.json run2.json   # only draw: the minimum per case

Every size of every curve is timed with all libraries interleaved (ours, peer, ours, peer, ...),
``--repeats`` times each (five times as often when every call takes under 0.05 s), and the
minimum is kept: on a machine shared with other processes the
minimum is the least disturbed figure. A library whose single call at some size exceeds
``--budget`` seconds is not timed at larger sizes of that curve.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "_static" / "scaling.png"
PANELS = (
    ("points", "points of the parameter grid", "pure equilibria of the flagship (4 players x 2)"),
    ("players", "players (2 strategies each)", "random n-player games"),
    ("strategies", "strategies per player (k x k)", "random two-player games"),
)
COLORS = {"gametheory_af": "tab:blue", "gametheory_af (per-point loop)": "tab:cyan", "pygambit": "tab:red",
          "quantecon": "tab:green", "nashpy": "tab:purple"}
STYLES = ["-", "--", ":", "-."]
#: Calls faster than this (seconds) are repeated five times as often.
CHEAP = 0.05


def measure(repeats: int, budget: float) -> list[dict[str, object]]:
    """Time every case of ``bench_scaling.CASES``; one record per case that ran."""
    from benchmarks.bench_scaling import CASES

    groups: dict[tuple[str, str, int], list] = defaultdict(list)
    for case in CASES:
        groups[(case.axis, case.workload, case.x)].append(case)
    too_slow: set[tuple[str, str, str]] = set()
    records: list[dict[str, object]] = []
    for (axis, workload, x), cases in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        calls = []
        for case in cases:
            if (axis, workload, case.method) in too_slow:
                continue
            try:
                calls.append((case, case.setup()))
            except BaseException as exc:  # noqa: BLE001 - a missing peer (pytest.skip) or a failing setup
                print(f"  skip {case.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
        best = {case.id: float("inf") for case, _ in calls}
        rounds = 0
        # cheap calls (every best under CHEAP seconds) get five times the repeats: their minimum is
        # the most easily disturbed by other processes.
        while rounds < repeats or (rounds < 5 * repeats and max(best.values(), default=0.0) < CHEAP):
            rounds += 1
            for case, call in calls:
                if best[case.id] > budget and best[case.id] != float("inf"):
                    continue
                gc.collect()
                gc.disable()  # as timeit does: a collection triggered by another library's garbage is not ours
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        start = time.perf_counter()
                        call()
                        best[case.id] = min(best[case.id], time.perf_counter() - start)
                finally:
                    gc.enable()
        for case, _ in calls:
            seconds = best[case.id]
            if seconds > budget:
                too_slow.add((axis, workload, case.method))
            records.append({"axis": axis, "workload": workload, "x": x, "library": case.library,
                            "method": case.method, "seconds": seconds})
            print(f"{axis:10s} {workload:34s} {x:>8,} {case.library:32s} {case.method:22s} {seconds:10.4g} s")
    return records


def merge(runs: list[list[dict[str, object]]]) -> list[dict[str, object]]:
    """The fastest time of each case over several runs (each a list of :func:`measure` records)."""
    best: dict[tuple[object, ...], dict[str, object]] = {}
    for run in runs:
        for r in run:
            key = (r["axis"], r["workload"], r["x"], r["library"], r["method"])
            if key not in best or float(r["seconds"]) < float(best[key]["seconds"]):  # type: ignore[arg-type]
                best[key] = r
    return list(best.values())


def draw(records: list[dict[str, object]], out: Path) -> None:
    """Three log-log panels: time against points, players and strategies, one line per method."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8))
    for ax, (axis, xlabel, title) in zip(axes, PANELS):
        lines: dict[tuple[str, str, str], list[tuple[int, float]]] = defaultdict(list)
        for r in records:
            if r["axis"] == axis:
                lines[(str(r["workload"]), str(r["library"]), str(r["method"]))].append((int(r["x"]), float(r["seconds"])))
        workloads = sorted({w for w, _, _ in lines})
        for (workload, library, method), pts in sorted(lines.items()):
            pts.sort()
            style = STYLES[workloads.index(workload) % len(STYLES)]
            ax.plot([p[0] for p in pts], [p[1] for p in pts], style, marker="o", ms=3,
                    color=COLORS.get(library, "tab:gray"), label=f"{library}: {method}")
        ax.set_xscale("log", base=2 if axis != "points" else 10)
        if axis != "points":
            xs: list[int] = []
            for x in sorted({x for pts in lines.values() for x, _ in pts}):
                if not xs or x >= 1.3 * xs[-1]:  # labels that do not overlap
                    xs.append(x)
            ax.set_xticks(xs, [str(x) for x in xs], fontsize=8)
            ax.minorticks_off()
        ax.set_yscale("log")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("seconds per call (min of repeats)")
        ax.set_title(title, fontsize=10)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=6.5, loc="upper left")
    fig.suptitle("gametheory_af beside its peers: time against problem size (log-log; lower is faster)", fontsize=11)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed calls per case (the minimum is kept)")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per call beyond which a curve stops")
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    parser.add_argument("--from-json", type=Path, nargs="+",
                        help="draw from measurements written before (several: the minimum per case); do not measure")
    parser.add_argument("--out", type=Path, default=OUT, help=f"the PNG (default {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    if args.from_json:
        records = merge([json.loads(path.read_text()) for path in args.from_json])
    else:
        start = time.perf_counter()
        records = measure(args.repeats, args.budget)
        print(f"measured in {time.perf_counter() - start:.0f} s")
        if args.json:
            args.json.write_text(json.dumps(records, indent=1))
    draw(records, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
