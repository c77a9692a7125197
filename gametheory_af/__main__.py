"""Command line: ``python -m gametheory_af``.

``python -m gametheory_af`` runs the main job: the flagship report on the
Afghan peace negotiations (scenario and assumptions, equilibria, Pakistan's
leverage thresholds under each policy, its willingness to pay, the
power-sharing split). ``--params NAME`` runs a scenario shipped with the
package (``--list-scenarios`` lists them: the op-ed as written, the Taliban
stronger, Pakistan reluctant, refugees doubled, a conditions-based withdrawal
with the airport secured), ``--params FILE.toml`` any scenario file,
``--json`` prints the same as JSON and ``--plot DIR`` writes the figures.
``python -m gametheory_af solve FILE.nfg`` prints the equilibria of a game in
Gambit's ``.nfg`` format; ``python -m gametheory_af catalog`` those of the
catalog games.

Exit status: 0 on success; 2 when the input is refused (a bad option, a
missing, unreadable or non-UTF-8 file, a directory given as a file, a
malformed ``.nfg`` or scenario file, a value out of bounds, a request beyond
the size limits: anything the library refuses with a ``GameError``); 1 when
a run fails for another reason (an unexpected internal error). Either way
the error is one line on stderr, starting ``error:``, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
import textwrap
from collections.abc import Sequence
from typing import NoReturn

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


#: Exit status when the input is refused, and when a run fails otherwise.
EXIT_INPUT = 2
EXIT_FAILURE = 1

_EPILOG = (
    "exit status: 0 success; 2 input refused (bad option, missing/unreadable/non-UTF-8 file, "
    "malformed .nfg or scenario file, value out of bounds, size limit); 1 other failure. "
    "Errors are one line on stderr."
)


def _error(message: object, status: int) -> int:
    """Print *message* as one line on stderr; return *status*."""
    text = " ".join(str(message).split()) or "unknown error"
    line = f"error: {text}\n"
    stream = sys.stderr
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(line.encode(encoding, "backslashreplace").decode(encoding, "replace"))
    stream.flush()
    return status


def _cmd_solve(path: str, as_json: bool) -> int:
    try:
        game = read_nfg(path)
    except (GameError, TypeError, ValueError, OSError) as err:
        return _error(err, EXIT_INPUT)
    try:
        results = _solve_all(game)
    except GameError as err:
        return _error(err, EXIT_INPUT)
    if as_json:
        print(json.dumps({"file": path, "results": [r.to_dict(game) for r in results]}, indent=2))
        return 0
    lines = [f"{path}: {game.n_players} players, strategies {game.shape}"]
    for res in results:
        _print_result(game, res, lines)
    print("\n".join(lines))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m gametheory_af", description=__doc__.splitlines()[0] if __doc__ else None, epilog=_EPILOG
    )
    parser.add_argument("--version", action="version", version=f"gametheory_af {__version__}")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument(
        "--params",
        metavar="NAME|FILE.toml",
        help="a shipped scenario by name (see --list-scenarios) or a scenario file; a bare word (lowercase letters, "
        "digits, hyphens) is a name, anything else a path (write ./NAME for a file called NAME); "
        "default: the shipped afghanistan.toml",
    )
    parser.add_argument(
        "--list-scenarios", action="store_true", help="list the shipped scenarios' names and descriptions, then exit"
    )
    parser.add_argument("--plot", metavar="DIR", help="also write the flagship figures to DIR")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    catalog_cmd = sub.add_parser("catalog", help="print the equilibria of the catalog games")
    catalog_cmd.add_argument("--json", action="store_true", dest="sub_json", help="print JSON")
    solve = sub.add_parser("solve", help="print the equilibria of a Gambit .nfg file")
    solve.add_argument("file", help="path to a .nfg file")
    solve.add_argument("--json", action="store_true", dest="sub_json", help="print JSON")
    return parser


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (not the usage text) and exit status 2."""

    def error(self, message: str) -> NoReturn:
        _error(f"{message} (see {self.prog} --help)", EXIT_INPUT)
        raise SystemExit(EXIT_INPUT)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, 2 input refused, 1 other failure).

    Examples
    --------
    >>> from gametheory_af.__main__ import main
    >>> main(["solve", "/nonexistent.nfg"])
    2
    """
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as stop:  # --help, --version, or a usage error already reported
            return stop.code if isinstance(stop.code, int) else EXIT_INPUT
        if args.command == "solve":
            return _cmd_solve(args.file, args.json or args.sub_json)
        if args.command == "catalog":
            print(_catalog_report(args.json or args.sub_json))
            return 0
        if args.list_scenarios:
            print(_scenario_list(args.json))
            return 0
        return _cmd_flagship(args.params, args.json, args.plot)
    except KeyboardInterrupt:
        return _error("interrupted", 130)
    except BrokenPipeError:
        return EXIT_FAILURE
    except GameError as err:
        return _error(err, EXIT_INPUT)
    except Exception as err:  # noqa: BLE001 - the last resort: one line, never a traceback
        return _error(f"internal failure ({type(err).__name__}): {err}", EXIT_FAILURE)


#: A bare word given to ``--params``: the name of a shipped scenario, never a path.
_BARE_WORD = re.compile(r"[A-Za-z0-9_-]+")


def _scenario_list(as_json: bool) -> str:
    """The shipped scenarios: name, description (and path, in JSON)."""
    from .scenarios.afghanistan.parameters import scenario_description, scenario_names, scenario_path

    names = scenario_names()
    if as_json:
        rows = [{"name": n, "description": scenario_description(n), "path": str(scenario_path(n))} for n in names]
        return json.dumps(rows, indent=2)
    out = []
    for n in names:
        out.append(n)
        out.extend(textwrap.wrap(scenario_description(n), width=96, initial_indent="    ", subsequent_indent="    "))
    out.append("")
    out.append("run one with: python -m gametheory_af --params NAME")
    return "\n".join(out)


def _resolve_params(value: str | None) -> tuple[str, str]:
    """The scenario file *value* names (a shipped name or a path) and how the report names it.

    A bare word (letters, digits, ``-``, ``_``: no dot, no separator) is the
    name of a shipped scenario and is looked up only among them; anything else
    is a path.
    """
    from .scenarios.afghanistan.parameters import scenario_names, scenario_path

    if value is None:
        return str(scenario_path("default")), "default (afghanistan.toml)"
    if _BARE_WORD.fullmatch(value):
        if value not in scenario_names():
            raise GameError(
                f"--params: {value!r} is not the name of a shipped scenario; known names are "
                f"{', '.join(scenario_names())} (see --list-scenarios); for a file called {value!r}, "
                f"write ./{value}."
            )
        path = scenario_path(value)
        return str(path), f"{value} ({path.name})"
    return value, value


def _cmd_flagship(params_file: str | None, as_json: bool, plot_dir: str | None) -> int:
    """The main job: the flagship report on the Afghan scenario."""
    from .scenarios import _report
    from .scenarios.afghanistan import Parameters

    path, label = _resolve_params(params_file)
    try:
        params = Parameters.from_toml(pathlib.Path(path))
    except (GameError, TypeError, ValueError, OSError) as err:  # UnicodeDecodeError is a ValueError
        message: Exception | str = err
        if isinstance(err, OSError):
            message = f"cannot read scenario file {path!r}: {err.strerror or err}"
        elif isinstance(err, UnicodeDecodeError):
            message = f"scenario file {path!r} is not UTF-8 text: byte at offset {err.start}"
        return _error(message, EXIT_INPUT)
    try:
        report = _report.flagship_report(params, scenario=label)
        written = _report.write_plots(params, plot_dir) if plot_dir else []
    except GameError as err:
        return _error(err, EXIT_INPUT)
    except OSError as err:
        return _error(f"cannot write the figures to {plot_dir!r}: {err.strerror or err}", EXIT_INPUT)
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
