"""The game's data formats, below both the game and io: the ``.nfg`` writer, the
JSON-ready dict and the nashpy bimatrix.

Private. :mod:`gametheory_af.game` (the conversion methods of NormalFormGame) and
:mod:`gametheory_af.io` (the public conversion functions and the ``.nfg`` reader)
both build on it, so neither imports the other. Nothing here imports the game:
writers read a game's attributes, readers return the parts a caller builds a
game from. Messages keep the public function's name (``to_nfg``, ``game_from_dict``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ._validation import _short, check_bool, check_text, parse_number, to_float, to_fraction
from .exceptions import GameError

if TYPE_CHECKING:  # pragma: no cover
    import nashpy

    from .game import NormalFormGame

__all__ = [
    "CONTROL",
    "MAX_PLAYERS",
    "short_text",
    "nfg_text",
    "game_dict",
    "parse_game_dict",
    "nashpy_game",
    "nashpy_bimatrix",
    "unescape_label",
    "normalize_labels",
    "source_text",
]

#: Characters a label may not hold (Gambit allows printable characters only).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: numpy arrays have at most 64 axes: one for the players and one per player.
MAX_PLAYERS = 63


def short_text(text: str, limit: int = 40) -> str:
    return repr(text) if len(text) <= limit else repr(text[: limit - 3] + "...")


def fmt_number(x: Any) -> str:
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    xf = float(x)
    # Gambit's reader rejects a '+' in an exponent ("1e+20"), so write "1e20".
    return str(int(xf)) if xf.is_integer() and abs(xf) < 2**53 else repr(xf).replace("e+", "e")


def quote(text: str, what: str, label: bool = True) -> str:
    """*text* as a quoted .nfg string that Gambit's reader (and ours) reads back as *text*.

    A quote is written ``\\"``; a backslash is written as it is, which Gambit
    reads back only when it is not followed by a backslash or a quote and
    does not end the text: such text is refused, as are control characters
    in a label (Gambit refuses them).
    """
    if "\\\\" in text or '\\"' in text or text.endswith("\\"):
        raise GameError(
            f"to_nfg: {what} {short_text(text)} cannot be written so that Gambit reads it back "
            "(a backslash before a backslash or a quote, or at the end)."
        )
    if label:
        m = CONTROL.search(text)
        if m:
            raise GameError(
                f"to_nfg: {what} {short_text(text)} holds the control character {m.group(0)!r}, which .nfg labels cannot hold."
            )
    return '"' + text.replace('"', '\\"') + '"'


def nfg_text(game: NormalFormGame, title: str) -> str:
    """The ``.nfg`` text of *game* (see :func:`gametheory_af.io.to_nfg`)."""
    check_text(title, "title", "to_nfg")
    players = " ".join(quote(p, "player name") for p in game.players)
    lines = [f"NFG 1 R {quote(title, 'title', label=False)} {{ {players} }}", ""]
    strat = [
        ("{ " if k == 0 else "") + "{ " + " ".join(quote(s, f"player {k + 1}'s strategy name") for s in names) + " }"
        for k, names in enumerate(game.strategies)
    ]
    lines.extend(strat)
    lines.append("}")
    lines.append('""')
    lines.append("")
    values = game.exact_payoffs() if game.is_exact else game.payoffs
    shape = game.shape
    nums: list[str] = []
    for prof in (tuple(reversed(p)) for p in itertools.product(*[range(s) for s in reversed(shape)])):
        nums.extend(fmt_number(values[(i, *prof)]) for i in range(game.n_players))
    lines.append(" ".join(nums))
    return "\n".join(lines) + "\n"


def game_dict(game: NormalFormGame) -> dict[str, Any]:
    """The JSON-ready dict of *game* (see :func:`gametheory_af.io.game_to_dict`)."""
    if game.is_exact:
        ex = game.exact_payoffs()
        flat = [int(x) if x.denominator == 1 else str(x) for x in ex.ravel()]
        arr = np.empty(len(flat), dtype=object)
        arr[:] = flat
        payoffs = arr.reshape(ex.shape).tolist()
    else:
        payoffs = game.payoffs.tolist()
    return {
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies],
        "payoffs": payoffs,
        "exact": game.is_exact,
    }


def nested_lists(value: Any, name: str, caller: str) -> tuple[tuple[int, ...], list[Any]]:
    """Shape and leaves (in C order) of nested lists, walked level by level (no recursion)."""
    if not isinstance(value, (list, tuple)):
        raise GameError(
            f"{caller}: {name} must be nested lists of shape (n_players, s_1, ..., s_n); got {_short(value)} "
            f"({type(value).__name__})."
        )
    shape: list[int] = []
    level: list[Any] = [value]
    while True:
        kinds = {isinstance(x, (list, tuple)) for x in level}
        if kinds == {False}:
            return tuple(shape), level
        if len(kinds) > 1:
            raise GameError(f"{caller}: {name} is ragged: lists and numbers at the same depth {len(shape)}.")
        lengths = {len(x) for x in level}
        if len(lengths) > 1:
            raise GameError(
                f"{caller}: {name} is ragged: lists of lengths {sorted(lengths)[:5]} at depth {len(shape) + 1}."
            )
        size = lengths.pop()
        shape.append(size)
        if size == 0:
            return tuple(shape), []
        if len(shape) > MAX_PLAYERS + 1:
            raise GameError(
                f"{caller}: {name} is nested more than {MAX_PLAYERS + 1} deep; at most {MAX_PLAYERS} players are supported."
            )
        level = [y for x in level for y in x]


def dict_payoff(x: Any, exact: bool, name: str) -> Any:
    caller = "game_from_dict"
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, float, str, np.integer, np.floating, Fraction)):
        raise TypeError(
            f"{caller}: {name} entries must be numbers{' or rational strings such as 1/3' if exact else ''}; "
            f"got {_short(x)} ({type(x).__name__})."
        )
    if isinstance(x, str):
        if not exact:
            raise TypeError(
                f"{caller}: {name} entries must be numbers when exact is false; got the string {_short(x)} "
                "(set 'exact': true to read rational strings such as '1/3')."
            )
        return parse_number(x.strip(), f"{name} entry", caller)
    if exact:
        if isinstance(x, (float, np.floating)):
            to_float(x, f"{name} entry", caller)
        return to_fraction(x)
    return to_float(x, f"{name} entry", caller)


def parse_game_dict(data: Mapping[str, Any]) -> tuple[Any, Any, Any]:
    """Payoffs, players and strategies read from a game dict (see :func:`gametheory_af.io.game_from_dict`)."""
    caller = "game_from_dict"
    if not isinstance(data, Mapping):
        raise TypeError(f"{caller}: data must be a mapping (a dict); got {_short(data)} ({type(data).__name__}).")
    unknown = [k for k in data if k not in ("players", "strategies", "payoffs", "exact")]
    if unknown:
        raise GameError(
            f"{caller}: unknown keys {sorted(map(str, unknown))} in data; the keys are 'payoffs', 'exact', 'players', 'strategies'."
        )
    if "payoffs" not in data:
        raise GameError(f"{caller}: data must have a 'payoffs' entry; got the keys {sorted(map(str, data))}.")
    exact = check_bool(data.get("exact", False), "data['exact']", caller)
    shape, leaves = nested_lists(data["payoffs"], "data['payoffs']", caller)
    if len(shape) < 2 or 0 in shape:
        raise GameError(
            f"{caller}: data['payoffs'] must have shape (n_players, s_1, ..., s_n) with every s_k >= 1; got shape {shape}."
        )
    if len(shape) != shape[0] + 1:
        raise GameError(
            f"{caller}: data['payoffs'] of shape {shape} describes {shape[0]} players but has {len(shape) - 1} strategy axes."
        )
    values = [dict_payoff(x, exact, "data['payoffs']") for x in leaves]
    if exact:
        payoffs: Any = np.empty(len(values), dtype=object)
        payoffs[:] = values
        payoffs = payoffs.reshape(shape)
    else:
        payoffs = np.array(values, dtype=np.float64).reshape(shape)
    return payoffs, data.get("players"), data.get("strategies")


def nashpy_game(game: NormalFormGame) -> nashpy.Game:
    """A :class:`nashpy.Game` of a two-player *game* (see :func:`gametheory_af.io.to_nashpy`)."""
    import nashpy

    if game.n_players != 2:
        raise GameError(f"to_nashpy: game must have 2 players; got {game.n_players} (shape {game.shape}).")
    return nashpy.Game(np.array(game.payoffs[0]), np.array(game.payoffs[1]))


def nashpy_bimatrix(game: Any) -> tuple[np.ndarray, np.ndarray]:
    """The two payoff matrices of a :class:`nashpy.Game` (see :func:`gametheory_af.io.from_nashpy`)."""
    mats = getattr(game, "payoff_matrices", None)
    if not isinstance(mats, (tuple, list)) or len(mats) != 2:
        raise TypeError(f"from_nashpy: game must be a nashpy.Game; got {_short(game)} ({type(game).__name__}).")
    return np.asarray(mats[0]), np.asarray(mats[1])


# ---------------------------------------------------------------------------
# Gambit labels, shared by the .nfg and .efg readers
# ---------------------------------------------------------------------------

_BACKSLASHES = re.compile(r"\\+(.)", re.DOTALL)


def unescape_label(body: str) -> str:
    """Gambit's reading of a label's backslashes.

    A quote preceded by a backslash is a quote; any other character keeps the
    backslash before it. Runs of backslashes follow Gambit's reader (each one
    after the first is kept doubled); :func:`to_nfg` writes no such runs.
    """
    if "\\\\" not in body and '\\"' not in body:
        return body  # a single backslash before any other character stays as it is

    def one(m: re.Match[str]) -> str:
        k = len(m.group(0)) - 1
        c = m.group(1)
        return "\\" * (2 * (k - 1)) + c if c == '"' else "\\" * (2 * k - 1) + c

    return _BACKSLASHES.sub(one, body)


def normalize_labels(labels: list[str]) -> list[str]:
    """Gambit's renaming of empty and repeated labels, so that every label is distinct and non-empty.

    An empty label, and each copy of a repeated label ``x``, becomes
    ``x_1``, ``x_2``, ... (``""`` becomes ``"_1"``), skipping names already
    in use; a label that occurs once is kept.

    Examples
    --------
    >>> normalize_labels(["", "", "a"])
    ['_1', '_2', 'a']
    >>> normalize_labels(["x", "x", "x_1"])
    ['x_2', 'x_3', 'x_1']
    """
    if "" not in labels and len(set(labels)) == len(labels):
        return list(labels)
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    used = set(labels)
    suffix: dict[str, int] = {}
    out = []
    for label in labels:
        if counts[label] == 1 and label:
            out.append(label)
            continue
        while True:
            suffix[label] = suffix.get(label, 0) + 1
            candidate = f"{label}_{suffix[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return out


def source_text(source: Any, header: str, caller: str) -> str:
    """The text of a Gambit file given as a path or as its text (told apart as the readers document).

    Text is what starts with *header* (``"NFG"``, ``"EFG"``) or holds a newline,
    a brace or a NUL; anything else is a path, whose size is checked against
    ``max_bytes`` before it is read and which must be UTF-8. Every problem is
    a :class:`GameError` (a :class:`TypeError` for a source that is neither).
    """
    import os
    import pathlib

    from ._limits import check_count

    kind = header.lower()
    if isinstance(source, str):
        if source.lstrip().startswith(header) or "\n" in source or "{" in source or "\x00" in source:
            return source
    elif not isinstance(source, os.PathLike):
        raise TypeError(
            f"{caller}: source must be a path or the text of a .{kind} file; got {_short(source)} ({type(source).__name__})."
        )
    path = pathlib.Path(source)
    try:
        exists, is_file = path.exists(), path.is_file()
        if exists and is_file:
            check_count(path.stat().st_size, "max_bytes", f"bytes of .{kind} text in {str(path)!r}", caller)
            data = path.read_bytes()
    except (OSError, ValueError) as err:  # ValueError: a NUL in the path
        if isinstance(err, GameError):
            raise
        raise GameError(f"{caller}: cannot read {str(path)!r}: {getattr(err, 'strerror', None) or err}.") from None
    if not exists:
        raise GameError(f"{caller}: no such file: {str(path)!r}.")
    if not is_file:
        raise GameError(f"{caller}: source {str(path)!r} is not a file (a directory?).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise GameError(f"{caller}: {str(path)!r} is not UTF-8 text: byte {data[err.start]:#04x} at offset {err.start}.") from None
