"""Command line: ``python -m gametheory_af``.

``python -m gametheory_af`` runs the main job: the flagship report on the
Afghan peace negotiations (scenario and assumptions, equilibria, Pakistan's
leverage thresholds under each policy, its willingness to pay, the
power-sharing split). ``--params FILE.toml`` runs another scenario file,
``--json`` prints the same as JSON and ``--plot DIR`` writes the figures.
``python -m gametheory_af solve FILE.nfg`` prints the equilibria of a game in
Gambit's ``.nfg`` format; ``python -m gametheory_af catalog`` those of the
catalog games.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections.abc import Sequence

from . import __version__, catalog
from .exceptions import GameError
from .game import NormalFormGame
from .io import read_nfg
from .result import EquilibriumResult
from .solvers import pure_nash


def _solve_all(game: NormalFormGame) -> list[EquilibriumResult]:
    """Every equilibrium-finding method available for *game*: pure first, then mixed (auto-dispatched)."""
    from .solvers.dispatch import nash_equilibria

    return [pure_nash(game), nash_equilibria(game)]


def _print_result(game: NormalFormGame, res: EquilibriumResult, out: list[str]) -> None:
    kind = "all" if res.complete else "some"
    out.append(f"  {res.method}: {len(res)} equilibria ({kind} of their kind)")
    for eq in res:
        pay = ", ".join(f"{p}={v:.4g}" for p, v in zip(game.players, eq.payoffs))
        out.append(f"    {eq.describe(game)}  [payoffs {pay}; regret {eq.max_regret:.1e}]")


def _catalog_report(as_json: bool) -> str:
    if as_json:
        data = []
        for entry in catalog.entries():
            data.append(
                {"game": entry.name, "results": [r.to_dict(entry.game) for r in _solve_all(entry.game)]}
            )
        return json.dumps(data, indent=2)
    out = [f"gametheory_af {__version__}: equilibria of the catalog games", ""]
    for entry in catalog.entries():
        out.append(f"{entry.name} {entry.game.shape}")
        for res in _solve_all(entry.game):
            _print_result(entry.game, res, out)
        out.append("")
    return "\n".join(out)


def _cmd_solve(path: str, as_json: bool) -> int:
    try:
        game = read_nfg(path)
    except GameError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    results = _solve_all(game)
    if as_json:
        print(json.dumps({"file": path, "results": [r.to_dict(game) for r in results]}, indent=2))
        return 0
    lines = [f"{path}: {game.n_players} players, strategies {game.shape}"]
    for res in results:
        _print_result(game, res, lines)
    print("\n".join(lines))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m gametheory_af", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"gametheory_af {__version__}")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument("--params", metavar="FILE.toml", help="scenario file (default: the shipped afghanistan.toml)")
    parser.add_argument("--plot", metavar="DIR", help="also write the flagship figures to DIR")
    sub = parser.add_subparsers(dest="command")
    catalog_cmd = sub.add_parser("catalog", help="print the equilibria of the catalog games")
    catalog_cmd.add_argument("--json", action="store_true", dest="sub_json", help="print JSON")
    solve = sub.add_parser("solve", help="print the equilibria of a Gambit .nfg file")
    solve.add_argument("file", help="path to a .nfg file")
    solve.add_argument("--json", action="store_true", dest="sub_json", help="print JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "solve":
        return _cmd_solve(args.file, args.json or args.sub_json)
    if args.command == "catalog":
        print(_catalog_report(args.json or args.sub_json))
        return 0
    return _cmd_flagship(args.params, args.json, args.plot)


def _cmd_flagship(params_file: str | None, as_json: bool, plot_dir: str | None) -> int:
    """The main job: the flagship report on the Afghan scenario."""
    from .scenarios import _report
    from .scenarios.afghanistan import Parameters, default_scenario_path

    path = params_file or str(default_scenario_path())
    try:
        params = Parameters.from_toml(pathlib.Path(path))
        report = _report.flagship_report(params, scenario=path if params_file else "default (afghanistan.toml)")
        written = _report.write_plots(params, plot_dir) if plot_dir else []
    except GameError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if as_json:
        report["figures"] = [str(w) for w in written]
        print(json.dumps(report, indent=2))
    else:
        print(_report.format_report(report))
        for w in written:
            print(f"wrote {w}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
