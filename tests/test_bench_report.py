"""benchmarks/report.py: the README's tables from a pytest-benchmark JSON document (no benchmark is run here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

report = pytest.importorskip("benchmarks.report")


def _bench(group, library, median, name="test_x", **info):  # noqa: ANN001, ANN202
    return {
        "group": group, "name": name, "fullname": f"benchmarks/bench_two_player.py::{name}",
        "stats": {"median": median}, "extra_info": {"library": library, **info},
    }


DOC = {
    "datetime": "2026-12-05T17:30:00.000000",
    "machine_info": {"cpu": {"brand_raw": "Test CPU"}},
    "commit_info": {"id": "0123456789abcdef"},
    "benchmarks": [
        _bench("two-player: all equilibria 5x5", "gametheory_af", 0.002, method="vertex_enumeration",
               n_equilibria=3, max_regret=2e-16),
        _bench("two-player: all equilibria 5x5", "gametheory_af", 0.004, method="support_enumeration",
               n_equilibria=3, max_regret=0.0),
        _bench("two-player: all equilibria 5x5", "quantecon", 0.001, method="vertex_enumeration",
               n_equilibria=3, max_regret=1e-15, match=True),
        _bench("two-player: all equilibria 5x5", "pygambit", 0.008, method="enummixed_solve",
               n_equilibria=2, match=False),
        # per item: ours 1 s for 10^4 starts = 100 us a start; nashpy 0.4 s for 40 starts = 10 ms a start
        _bench("basins: replicator", "gametheory_af", 1.0, method="basins", units=10_000, unit="start"),
        _bench("basins: replicator", "nashpy", 0.4, units=40, unit="start", match=True),
        # no group (a module not yet tagged): family from the file name, workload from extra_info
        {"group": None, "name": "test_sweep_ours", "fullname": "benchmarks/bench_sweep.py::test_sweep_ours",
         "stats": {"median": 2.5}, "extra_info": {"workload": "sweep-1000-points"}},
    ],
}


def test_entries_read_group_library_and_units() -> None:
    entries = report.read_entries(DOC)
    assert [e.family for e in entries] == ["two-player"] * 4 + ["basins"] * 2 + ["sweep"]
    assert entries[0].workload == "all equilibria 5x5" and entries[0].ours and not entries[2].ours
    assert entries[4].per_unit == pytest.approx(1e-4) and entries[5].per_unit == pytest.approx(0.01)
    # untagged: library defaults to ours, the method to the test's name
    assert (entries[6].workload, entries[6].library, entries[6].method) == ("sweep-1000-points", "gametheory_af", "sweep_ours")


def test_family_table_ratios_by_hand() -> None:
    entries = report.read_entries(DOC)
    table = report.family_table([e for e in entries if e.family == "two-player"]).splitlines()
    # columns: the peers in the documented order (pygambit before quantecon)
    assert table[0] == "| workload | ours | time | pygambit | quantecon | ratio (ours / peer) | quality |"
    # vertex enumeration 2 ms: 2/8 = 0.25 of pygambit's, 2/1 = 2 of quantecon's
    assert table[2].startswith("| all equilibria 5x5 | vertex_enumeration | 2 ms | 8 ms | 1 ms | 0.25 (pygambit), 2 (quantecon) |")
    assert "same as ours" in table[2] and "**differs from ours**" in table[2] and "ours: 3 eq, regret 2.0e-16" in table[2]
    # the second method of ours: 4/8 = 0.5 and 4/1 = 4; the peers' cells repeat with ″
    assert table[3].startswith("| ″ | support_enumeration | 4 ms | ″ | ″ | 0.5 (pygambit), 4 (quantecon) |")
    basins = report.family_table([e for e in entries if e.family == "basins"]).splitlines()
    # per start: 100 us against 10 ms, ratio 0.01
    assert basins[2].startswith("| replicator | basins | 100 µs / start | 10 ms / start | 0.01 (nashpy) |")


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(None, "–"), (float("nan"), "–"), (2.5, "2.5 s"), (0.00123, "1.23 ms"), (4.5e-6, "4.5 µs"), (3e-8, "30 ns")],
)
def test_fmt_time(seconds, text) -> None:  # noqa: ANN001
    assert report.fmt_time(seconds) == text


def test_quality_reads_the_known_fields() -> None:
    e = report.read_entries({"benchmarks": [_bench("f: w", "pygambit", 1.0, n_equilibria=1, relative_regret=1e-7,
                                                   value=-0.0555, converged=False, match=True)]})[0]
    assert report.quality(e) == "1 eq, rel. regret 1.0e-07, value -0.0555, same as ours, not converged"


def test_render_and_main_from_json(tmp_path: Path) -> None:
    src = tmp_path / "b.json"
    src.write_text(json.dumps(DOC))
    out = tmp_path / "README.md"
    assert report.main(["--json", str(src), "--out", str(out)]) == 0
    text = out.read_text()
    assert text.count("\n## ") == 3 and "## two-player" in text and "## basins" in text and "## sweep" in text
    assert "commit `0123456789`" in text and "Test CPU" in text and "given JSON mode" in text


def test_family_without_peers_has_no_ratio_column_and_match_with_a_named_peer() -> None:
    doc = {"benchmarks": [_bench("dynamics: replicator", "gametheory_af", 0.5, method="replicator", match_nashpy=False)]}
    table = report.family_table(report.read_entries(doc)).splitlines()
    assert table[0] == "| workload | ours | time | quality |"
    assert table[2] == "| replicator | replicator | 500 ms | ours: **differs from nashpy's** |"


def test_quality_reads_the_sweep_floor_and_memory_fields() -> None:
    e = report.read_entries({"benchmarks": [_bench("sweep: floor", "gametheory_af", 1.0, ratio_of_minima=0.881,
                                                   ratio_range=[0.823, 0.966], peak_mb=7.42)]})[0]
    assert report.quality(e) == "0.88x the numpy floor (runs 0.82-0.97), peak memory 7.4 MB"
    e = report.read_entries({"benchmarks": [_bench("sweep: streamed", "gametheory_af", 1.0, streamed_peak_mb=90.4,
                                                   in_memory_peak_mb=328.8)]})[0]
    assert report.quality(e) == "peak memory streamed 90.4 MB, in memory 328.8 MB"


def test_a_kept_json_renders_with_its_run_header(tmp_path: Path) -> None:
    # --keep-json stores how the run was made; --json renders it with the same mode, command and duration.
    src = tmp_path / "kept.json"
    src.write_text(json.dumps({**DOC, "report": {"mode": "full", "command": "python benchmarks/report.py",
                                                 "elapsed_s": 1098.0}}))
    out = tmp_path / "README.md"
    assert report.main(["--json", str(src), "--out", str(out)]) == 0
    text = out.read_text()
    assert "**full mode**" in text and "Regenerate with `python benchmarks/report.py` from" in text
    assert "(this run took 18.3 min)" in text


def test_keep_json_records_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_run(path: Path, *, quick: bool, extra: object = ()) -> int:  # writes what pytest-benchmark would
        path.write_text(json.dumps(DOC))
        return 0

    monkeypatch.setattr(report, "run_benchmarks", fake_run)
    kept, out = tmp_path / "kept.json", tmp_path / "README.md"
    assert report.main(["--quick", "--keep-json", str(kept), "--out", str(out)]) == 0
    run = json.loads(kept.read_text())["report"]
    assert run["mode"] == "quick" and run["command"] == "python benchmarks/report.py --quick" and run["elapsed_s"] >= 0
    again = tmp_path / "again.md"
    assert report.main(["--json", str(kept), "--out", str(again)]) == 0
    assert again.read_text() == out.read_text()
