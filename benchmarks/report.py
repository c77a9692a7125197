"""Run the benchmarks and write ``benchmarks/README.md``: one table per workload family, ours beside each peer.

Regenerate the table (from the repository root)::

    python benchmarks/report.py            # full mode: every workload at its full size
    python benchmarks/report.py --quick    # quick mode (QUICK=1, fewer rounds): a few minutes
    python benchmarks/report.py --json results.json   # only render a JSON written before
    python benchmarks/report.py --quick --keep-json run1.json -- -k two_player   # keep the JSON; pytest options

A JSON kept with ``--keep-json`` records the run's mode, command and duration (key ``"report"``), so
rendering it again with ``--json`` (e.g. after a change to this script) gives the same header.

The runner calls ``pytest benchmarks --benchmark-only --benchmark-json=<file>`` (with
``OPENBLAS_NUM_THREADS=1``, as the benchmark modules advise on a shared machine) and renders
that file. The reading conventions (see ``benchmarks/conftest.py``):

* every benchmark's ``group`` is ``"<family>: <workload>"``; a family becomes one table and a
  workload one or more rows (one per method of ours);
* ``extra_info["library"]`` is ``"gametheory_af"`` (or starts with it: another route of ours)
  for our rows, and the peer's name otherwise (a column per peer);
* ``extra_info["units"]`` (with ``extra_info["unit"]``, e.g. ``"start"``) is the number of like
  items one timed call handles; where a workload's rows have it, times are per item, so a
  batch of 10^4 starts compares with a peer's loop over 40;
* quality: ``n_equilibria``, ``max_regret``, ``relative_regret``, ``max_gain``, ``max_error``
  (against a known exact answer), ``match`` (the answer equals ours: same equilibrium set, same
  value or same trajectory, as the benchmark says; ``match_<peer>`` on a row of ours: the same
  as that peer's), ``value``, ``welfare``, ``converged``, ``complete``.

The time shown is the median over the rounds pytest-benchmark ran; the ratio is ours / the peer's
(below 1: we are faster).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
README = HERE / "README.md"
OURS = "gametheory_af"
#: Peers in the order of their columns; any other library follows, alphabetically.
PEER_ORDER = ("pygambit", "nashpy", "quantecon", "SALib", "EMA Workbench")
#: Packages whose versions the README records.
VERSIONS = ("gametheory_af", "numpy", "scipy", "numba", "pygambit", "nashpy", "quantecon", "SALib", "ema_workbench",
            "pytest-benchmark")


@dataclass(frozen=True)
class Entry:
    """One benchmark of the JSON file, read for the table."""

    family: str
    workload: str
    library: str
    method: str
    seconds: float | None
    units: int
    unit: str
    info: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ours(self) -> bool:
        return self.library.startswith(OURS)

    @property
    def per_unit(self) -> float | None:
        return None if self.seconds is None else self.seconds / self.units


def _family_of(bench: Mapping[str, Any]) -> tuple[str, str]:
    """(family, workload) from the group ``"family: workload"``; else from the file and the test's name."""
    group = bench.get("group")
    if group and ": " in group:
        family, workload = group.split(": ", 1)
        return family, workload
    module = Path(str(bench.get("fullname", "")).split("::")[0]).stem
    family = module.removeprefix("bench_").replace("_", " ") or "other"
    info = bench.get("extra_info") or {}
    return family, str(info.get("workload") or group or bench.get("param") or bench.get("name", "?"))


def read_entries(data: Mapping[str, Any]) -> list[Entry]:
    """The benchmarks of a pytest-benchmark JSON document, as table entries."""
    out = []
    for bench in data.get("benchmarks", []):
        info = dict(bench.get("extra_info") or {})
        family, workload = _family_of(bench)
        library = str(info.get("library") or OURS)
        method = str(info.get("method") or "")
        if not method and library == OURS:
            method = str(bench.get("name", "")).split("[")[0].removeprefix("test_")
        stats = bench.get("stats") or {}
        seconds = stats.get("median")
        units = int(info.get("units") or 1)
        out.append(Entry(family, workload, library, method, None if seconds is None else float(seconds), units,
                         str(info.get("unit") or ""), info))
    return out


def fmt_time(seconds: float | None) -> str:
    """A duration with three significant digits and a unit: ``fmt_time(0.00123) == '1.23 ms'``."""
    if seconds is None or not math.isfinite(seconds):
        return "–"
    for scale, unit in ((1.0, "s"), (1e-3, "ms"), (1e-6, "µs")):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def _fmt_number(x: Any) -> str:
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        return f"{x:.1e}" if x != 0 and (abs(x) < 1e-3 or abs(x) >= 1e5) else f"{x:.4g}"
    return str(x)


def quality(entry: Entry) -> str:
    """The answer's quality as recorded in ``extra_info``: count, regret, match with ours, value."""
    info = entry.info
    parts = []
    if "n_equilibria" in info and info["n_equilibria"] is not None:
        parts.append(f"{info['n_equilibria']} eq")
    for key, label in (("max_regret", "regret"), ("relative_regret", "rel. regret"), ("max_gain", "max gain"),
                       ("max_error", "error vs exact")):
        if info.get(key) is not None:
            parts.append(f"{label} {_fmt_number(float(info[key]))}")
    for key in ("value", "welfare"):
        if info.get(key) is not None:
            value = info[key]
            parts.append(f"{key} {_fmt_number(value) if not isinstance(value, str) else value}")
    if "match" in info:
        parts.append("same as ours" if info["match"] else "**differs from ours**")
    for key in sorted(k for k in info if k.startswith("match_")):
        parts.append(f"same as {key[6:]}'s" if info[key] else f"**differs from {key[6:]}'s**")
    for key in ("converged", "complete"):
        if info.get(key) is False:
            parts.append(f"not {key}")
    if info.get("ratio_of_minima") is not None:  # bench_sweep's floor: ours / a hand-written numpy evaluation
        low, high = info.get("ratio_range") or (info["ratio_of_minima"],) * 2
        parts.append(f"{float(info['ratio_of_minima']):.2f}x the numpy floor (runs {float(low):.2f}-{float(high):.2f})")
    if info.get("peak_mb") is not None:
        parts.append(f"peak memory {float(info['peak_mb']):.1f} MB")
    if info.get("streamed_peak_mb") is not None:
        parts.append(f"peak memory streamed {float(info['streamed_peak_mb']):.1f} MB"
                     + (f", in memory {float(info['in_memory_peak_mb']):.1f} MB" if info.get("in_memory_peak_mb") else ""))
    return ", ".join(parts)


def _peers(entries: Iterable[Entry]) -> list[str]:
    names = {e.library for e in entries if not e.ours}
    known = [p for p in PEER_ORDER if p in names]
    return known + sorted(names - set(known))


def _row_label(entry: Entry) -> str:
    route = entry.library[len(OURS):].strip(" ()")
    label = " ".join(x for x in (entry.method, route) if x)
    return label or "ours"


def _cell(e: Entry | None, per_unit: bool) -> str:
    if e is None:
        return ""
    t = fmt_time(e.per_unit if per_unit else e.seconds)
    return f"{t} / {e.unit or 'item'}" if per_unit and e.seconds is not None else t


def family_table(entries: Sequence[Entry]) -> str:
    """The markdown table of one family: a row per (workload, method of ours), a column per peer."""
    peers = _peers(entries)
    header = ["workload", "ours", "time", *peers, *(["ratio (ours / peer)"] if peers else []), "quality"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    workloads = list(dict.fromkeys(e.workload for e in entries))
    for workload in workloads:
        rows = [e for e in entries if e.workload == workload]
        per_unit = any(e.units != 1 or e.unit for e in rows)
        ours: list[Entry | None] = [e for e in rows if e.ours] or [None]
        theirs = {p: next((e for e in rows if e.library == p), None) for p in peers}

        peer_quality = [f"{p}: {quality(e)}" for p, e in theirs.items() if e is not None and quality(e)]
        for k, mine in enumerate(ours):
            ratios = []
            if mine is not None and mine.seconds is not None:
                for p, e in theirs.items():
                    if e is not None and e.seconds:
                        a, b = (mine.per_unit, e.per_unit) if per_unit else (mine.seconds, e.seconds)
                        ratios.append(f"{a / b:.3g} ({p})")  # type: ignore[operator]
            q = [f"ours: {quality(mine)}"] if mine is not None and quality(mine) else []
            q += peer_quality if k == 0 else []
            row = [
                workload if k == 0 else "″",
                "" if mine is None else _row_label(mine),
                _cell(mine, per_unit),
                *(_cell(theirs[p], per_unit) if k == 0 else "″" if theirs[p] is not None else "" for p in peers),
                *([", ".join(ratios)] if peers else []),
                "; ".join(q),
            ]
            lines.append("| " + " | ".join(x.replace("|", "\\|") for x in row) + " |")
    return "\n".join(lines)


def _versions() -> str:
    out = []
    for name in VERSIONS:
        try:
            out.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(out)


def render(data: Mapping[str, Any], *, mode: str, command: str, elapsed: float | None = None) -> str:
    """The README's markdown from a pytest-benchmark JSON document."""
    entries = read_entries(data)
    machine = data.get("machine_info") or {}
    cpu = (machine.get("cpu") or {}).get("brand_raw") or machine.get("processor") or platform.processor()
    commit = (data.get("commit_info") or {}).get("id", "")
    families = list(dict.fromkeys(e.family for e in entries))
    head = [
        "# Benchmarks: gametheory_af beside pygambit, nashpy, quantecon and SALib",
        "",
        "<!-- generated by benchmarks/report.py: do not edit by hand -->",
        "",
        f"Regenerate with `{command}` from the repository root"
        + (f" (this run took {elapsed / 60:.1f} min)." if elapsed is not None else "."),
        "`python benchmarks/report.py` runs every workload at its full size; `--quick` runs quick mode",
        "(`QUICK=1`: smaller sweeps and trees, pygambit's two-minute Leduc LP skipped, fewer rounds);",
        "`--json FILE` renders a `pytest --benchmark-json` file written before. Each benchmark module's",
        "docstring says what it measures and asserts.",
        "",
        f"This table: **{mode} mode**, {data.get('datetime', '')[:19].replace('T', ' ')} UTC"
        + (f", commit `{commit[:10]}`" if commit else "")
        + f"; {cpu}, {os.cpu_count()} cores shared with other processes. Between two quick runs on",
        "2026-12-05, 62% of the times moved by under 20%, 79% by under 1.5x, the worst by 2.7x (quick mode",
        "times each case for 0.2 s): read a ratio within 2x of 1 as a tie.",
        f"Python {platform.python_version()}; {_versions()}.",
        "",
        "How to read it: one table per family, one row per workload and method of ours. *time* is the",
        "median over pytest-benchmark's rounds (per item where a row says so: a batch of 10^4 starts",
        "beside a peer's loop over a few). *ratio* is our time / the peer's: below 1, we are faster.",
        "*quality* is the answer next to its time: equilibrium count, max regret, and whether the",
        "peer's answer is the same as ours (the benchmark asserts it where the problem has one answer).",
        "″ repeats the cell above. An empty peer cell: the peer has no such solver, or it was skipped",
        "(too slow for the mode; see the module).",
        "",
    ]
    body = []
    for family in families:
        rows = [e for e in entries if e.family == family]
        body += [f"## {family}", "", family_table(rows), ""]
    return "\n".join(head + body)


def run_benchmarks(json_path: Path, *, quick: bool, extra: Sequence[str] = ()) -> int:
    """Run the benchmarks (full or quick mode) writing *json_path*; pytest's exit code."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS=os.environ.get("OPENBLAS_NUM_THREADS", "1"))
    cmd = [sys.executable, "-m", "pytest", "benchmarks", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
           "-o", "testpaths=benchmarks", "--benchmark-only", f"--benchmark-json={json_path}"]
    if quick:
        env["QUICK"] = "1"
        cmd += ["--benchmark-min-rounds=3", "--benchmark-max-time=0.2"]
    return subprocess.call(cmd + list(extra), cwd=ROOT, env=env)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="quick mode: QUICK=1, at least 3 rounds, 0.2 s a case")
    parser.add_argument("--json", type=Path, help="render this pytest-benchmark JSON file instead of running")
    parser.add_argument("--out", type=Path, default=README, help="where to write the markdown (benchmarks/README.md)")
    parser.add_argument("--keep-json", type=Path, help="also keep the JSON the run wrote (to compare runs)")
    parser.add_argument("pytest_args", nargs="*", help="passed on to pytest (e.g. -k two_player)")
    args = parser.parse_args(argv)
    elapsed = None
    if args.json is not None:
        data = json.loads(args.json.read_text())
        run = data.get("report") or {}  # written by --keep-json: how the run was made
        mode = run.get("mode") or ("quick" if args.quick else "given JSON")
        command = run.get("command") or f"python benchmarks/report.py --json {args.json}"
        elapsed = run.get("elapsed_s")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "benchmarks.json"
            start = time.perf_counter()
            code = run_benchmarks(path, quick=args.quick, extra=args.pytest_args)
            elapsed = time.perf_counter() - start
            if not path.exists():
                print(f"pytest wrote no JSON (exit code {code})", file=sys.stderr)
                return code or 1
            data = json.loads(path.read_text())
        mode = "quick" if args.quick else "full"
        command = "python benchmarks/report.py" + (" --quick" if args.quick else "")
        if args.keep_json is not None:  # with the run's mode, command and duration, for --json to render alike
            data["report"] = {"mode": mode, "command": command, "elapsed_s": elapsed}
            args.keep_json.write_text(json.dumps(data))
    args.out.write_text(render(data, mode=mode, command=command, elapsed=elapsed))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
