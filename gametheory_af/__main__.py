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
Gambit's ``.nfg`` format (``solve -`` reads it from standard input;
``--method``, ``--exact``, ``--max-equilibria`` and ``--max-time`` choose how);
``python -m gametheory_af catalog`` those of the catalog games.

Every JSON output carries ``"schema"`` (the id of the JSON Schema it follows,
shipped in :mod:`gametheory_af.schemas`) and ``"schema_version"``.

Exit status: 0 on success; 2 when the input is refused (a bad option, a
missing, unreadable or non-UTF-8 file, a directory given as a file, a
malformed ``.nfg`` or scenario file, a value out of bounds, a request beyond
the size limits: anything the library refuses with a ``GameError``); 1 when
a run fails (a solver that finds no equilibrium, within its time limit or
not; memory exhausted; an unexpected internal error). Either way the error is
one line on stderr, starting ``error:``, never a traceback; warnings are one
line each, starting ``warning:``.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
import textwrap
import warnings
from collections.abc import Sequence
from typing import Any, NoReturn

from . import __version__, catalog
from .exceptions import GameError
from .game import NormalFormGame
from .io import read_nfg
from .result import EquilibriumResult
from .schemas import SCHEMA_VERSION, schema_id
from .solvers import pure_nash
from .solvers.dispatch import METHOD_ALIASES, METHODS

#: Exit status when the input is refused, and when a run fails otherwise.
EXIT_INPUT = 2
EXIT_FAILURE = 1

#: The names ``solve --method`` accepts: those of :func:`gametheory_af.nash_equilibria`.
METHOD_NAMES = ("auto", *METHODS, *METHOD_ALIASES)

_EPILOG = """\
exit status:
  0  success
  2  input refused: a bad option, a missing, unreadable or non-UTF-8 file,
     a malformed .nfg or scenario file, a value out of bounds, input beyond
     the size limits
  1  the run failed: a solver found no equilibrium (within its time limit
     or not), memory ran out, or an internal error
Errors are one line on stderr starting "error:"; warnings one line each
starting "warning:".

JSON outputs carry "schema" and "schema_version"; the JSON Schemas ship in
the package folder gametheory_af/schemas.
"""

_SOLVE_EPILOG = (
    """\
Without --method or --max-equilibria, solve prints the pure equilibria and
then the equilibria found by the automatic method. A method named with
--method runs alone. --exact asks for exact (fraction) equilibria, from the
methods that compute exactly. --max-equilibria K asks for at most K
equilibria, found fast rather than enumerated. --max-time S gives the
solver S seconds.

"""
    + textwrap.fill("methods: " + ", ".join(METHOD_NAMES), width=78, subsequent_indent="  ")
    + "\n\n"
    + _EPILOG
)


def _stamp(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """*payload* headed by the id and version of the JSON Schema of *kind* it follows."""
    return {"schema": schema_id(kind), "schema_version": SCHEMA_VERSION, **payload}


def _solve_all(game: NormalFormGame) -> list[EquilibriumResult]:
    """Every equilibrium-finding method available for *game*: pure first, then mixed (auto-dispatched)."""
    from .solvers.dispatch import nash_equilibria

    return [pure_nash(game), nash_equilibria(game)]


def _solve_game(
    game: NormalFormGame, method: str | None, exact: bool, max_equilibria: int | None, max_time: float | None
) -> list[EquilibriumResult]:
    """The results ``solve`` prints: pure then automatic by default, else the one method asked for."""
    from .solvers.dispatch import nash_equilibria

    options: dict[str, Any] = {} if max_time is None else {"max_time": max_time}
    if method is None and max_equilibria is None:
        return [pure_nash(game), nash_equilibria(game, exact=exact, **options)]
    return [nash_equilibria(game, method=method or "auto", exact=exact, max_equilibria=max_equilibria, **options)]


def _print_result(game: NormalFormGame, res: EquilibriumResult, out: list[str]) -> None:
    kind = "all" if res.complete else "some"
    out.append(f"  {res.method}: {len(res)} equilibria ({kind} of their kind)")
    for eq in res:
        pay = ", ".join(f"{p}={v:.4g}" for p, v in zip(game.players, eq.payoffs))
        out.append(f"    {eq.describe(game)}  [payoffs {pay}; regret {eq.max_regret:.1e}]")
        if eq.exact is not None and not eq.is_pure:
            exact = "; ".join(
                f"{player}: ({', '.join(str(x) for x in probs)})" for player, probs in zip(game.players, eq.exact)
            )
            out.append(f"      exact: {exact}")


def _game_json(game: NormalFormGame) -> dict[str, Any]:
    return {"players": list(game.players), "strategies": [list(s) for s in game.strategies]}


def _catalog_report(as_json: bool) -> str:
    if as_json:
        games = []
        for entry in catalog.entries():
            games.append(
                {
                    "game": entry.name,
                    **_game_json(entry.game),
                    "results": [r.to_dict(entry.game) for r in _solve_all(entry.game)],
                }
            )
        return json.dumps(_stamp("catalog", {"games": games}), indent=2)
    out = [f"gametheory_af {__version__}: equilibria of the catalog games", ""]
    for entry in catalog.entries():
        out.append(f"{entry.name} {entry.game.shape}")
        for res in _solve_all(entry.game):
            _print_result(entry.game, res, out)
        out.append("")
    return "\n".join(out)


def _error(message: object, status: int, prefix: str = "error") -> int:
    """Print *message* as one line on stderr; return *status*."""
    text = " ".join(str(message).split()) or "unknown error"
    line = f"{prefix}: {text}\n"
    stream = sys.stderr
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(line.encode(encoding, "backslashreplace").decode(encoding, "replace"))
    stream.flush()
    return status


def _read_stdin() -> str:
    """The ``.nfg`` text on standard input, refused past ``max_bytes`` before the rest is read."""
    from ._limits import get_limits

    cap = get_limits().max_bytes
    stream = sys.stdin
    if stream is None:
        raise GameError("solve: there is no standard input to read the game from ('-').")
    source = getattr(stream, "buffer", stream)
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            chunk = source.read(min(1 << 20, cap + 1 - total))
            if not chunk:
                break
            if isinstance(chunk, str):  # a text stream without a byte buffer
                chunk = chunk.encode("utf-8")
            chunks.append(chunk)
            total += len(chunk)
            if total > cap:
                raise GameError(
                    f"solve: standard input holds more than {cap:,} bytes of .nfg text, over the limit "
                    f"max_bytes={cap:,}; raise it with gametheory_af.set_limits(max_bytes=...) if you mean it."
                )
    except OSError as err:
        raise GameError(f"solve: cannot read standard input: {err.strerror or err}.") from None
    data = b"".join(chunks)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise GameError(
            f"solve: standard input is not UTF-8 text: byte {data[err.start]:#04x} at offset {err.start}."
        ) from None


def _load_game(path: str) -> NormalFormGame:
    """The game in the file *path*, or on standard input for ``-``."""
    if path == "-":
        text = _read_stdin()
        # read_nfg takes a str with a newline for text, never for a path (trailing whitespace changes nothing)
        return read_nfg(text if "\n" in text else text + "\n")
    return read_nfg(pathlib.Path(path))


def _cmd_solve(args: argparse.Namespace) -> int:
    path: str = args.file
    as_json: bool = args.json or args.sub_json
    try:
        game = _load_game(path)
    except (GameError, TypeError, ValueError, OSError) as err:
        return _error(err, EXIT_INPUT)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            results = _solve_game(game, args.method, args.exact, args.max_equilibria, args.max_time)
        except GameError as err:
            return _error(err, EXIT_INPUT)
    seen: set[str] = set()
    for w in caught:
        text = f"{w.category.__name__}: {w.message}"
        if text not in seen:
            seen.add(text)
            _error(text, 0, prefix="warning")
    label = "<stdin>" if path == "-" else path
    if as_json:
        options = {
            "method": args.method,
            "exact": args.exact,
            "max_equilibria": args.max_equilibria,
            "max_time": args.max_time,
        }
        payload = {"file": path, **_game_json(game), "options": options, "results": [r.to_dict(game) for r in results]}
        print(json.dumps(_stamp("solve", payload), indent=2))
    else:
        lines = [f"{label}: {game.n_players} players, strategies {game.shape}"]
        for res in results:
            _print_result(game, res, lines)
        print("\n".join(lines))
    failed = [r for r in results if not r.equilibria and not r.converged]
    if failed:
        return _error(
            f"solve: {failed[0].method} found no equilibrium of {label} (see the warning above).", EXIT_FAILURE
        )
    return 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive integer; got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer; got {text!r}")
    return value


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds; got {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds; got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The parser of the command line (its help is plain text: no markup).

    Returns
    -------
    argparse.ArgumentParser

    Examples
    --------
    >>> from gametheory_af.__main__ import build_parser
    >>> args = build_parser().parse_args(["solve", "-", "--method", "lemke_howson", "--exact"])
    >>> args.file, args.method, args.exact
    ('-', 'lemke_howson', True)
    """
    raw = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog="python -m gametheory_af",
        description="Game theory of the Afghan peace negotiations: without a command, the flagship report; "
        "solve and catalog print the equilibria of a game file and of the catalog games.",
        epilog=_EPILOG,
        formatter_class=raw,
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
    catalog_cmd = sub.add_parser(
        "catalog",
        help="print the equilibria of the catalog games",
        description="Print the equilibria of the catalog games.",
        epilog=_EPILOG,
        formatter_class=raw,
    )
    catalog_cmd.add_argument("--json", action="store_true", dest="sub_json", help="print JSON")
    solve = sub.add_parser(
        "solve",
        help="print the equilibria of a Gambit .nfg file",
        description="Print the equilibria of a game in Gambit's .nfg format.",
        epilog=_SOLVE_EPILOG,
        formatter_class=raw,
    )
    solve.add_argument("file", help="path to a .nfg file, or - to read it from standard input")
    solve.add_argument("--json", action="store_true", dest="sub_json", help="print JSON")
    solve.add_argument(
        "--method",
        metavar="NAME",
        choices=METHOD_NAMES,
        help="the method of nash_equilibria to run (auto, pure, support_enumeration, ...: listed below)",
    )
    solve.add_argument("--exact", action="store_true", help="exact (fraction) equilibria")
    solve.add_argument("--max-equilibria", metavar="K", type=_positive_int, help="at most K equilibria, found fast")
    solve.add_argument("--max-time", metavar="SECONDS", type=_positive_seconds, help="seconds the solver may spend")
    return parser


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (not the usage text) and exit status 2."""

    def error(self, message: str) -> NoReturn:
        _error(f"{message} (see {self.prog} --help)", EXIT_INPUT)
        raise SystemExit(EXIT_INPUT)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, 2 input refused, 1 the run failed).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments; default those of the process.

    Returns
    -------
    int
        0 on success, 2 when the input is refused, 1 when the run fails.

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
            return _cmd_solve(args)
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
    except MemoryError:
        return _error("out of memory; try a smaller game or lower limits (gametheory_af.set_limits)", EXIT_FAILURE)
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
        return json.dumps(_stamp("scenarios", {"scenarios": rows}), indent=2)
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
        print(json.dumps(_stamp("report", report), indent=2))
    else:
        print(_report.format_report(report))
        for w in written:
            print(f"wrote {w}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
