"""Reading and writing games: Gambit ``.nfg`` text, nashpy games, dicts and JSON.

The ``.nfg`` reader accepts both forms Gambit writes: the *payoff* form (a list
of every player's payoff at each profile) and the *outcome* form (a list of
outcomes, then an outcome number for each profile, ``0`` meaning all zeros).
Profiles run with player 1's strategy changing fastest. Rational payoffs such
as ``1/3`` and decimals such as ``0.25`` are read exactly.

References
----------
The Gambit Project, *Gambit: Software Tools for Game Theory*, "File formats:
the strategic game (.nfg) file format", https://gambitproject.readthedocs.io.
"""

from __future__ import annotations

import itertools
import json
import os
import pathlib
import re
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ._validation import to_fraction
from .exceptions import GameError
from .game import NormalFormGame

if TYPE_CHECKING:  # pragma: no cover
    import nashpy

__all__ = [
    "read_nfg",
    "to_nfg",
    "write_nfg",
    "to_nashpy",
    "from_nashpy",
    "game_to_dict",
    "game_from_dict",
    "to_json",
    "from_json",
]

_TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<brace>[{}])|(?P<comma>,)|(?P<num>[^\s{},"]+))')


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise GameError(f"read_nfg: cannot read the text at character {pos}: {text[pos:pos + 20]!r}.")
        pos = m.end()
        kind = m.lastgroup
        assert kind is not None
        value = m.group(kind)
        if kind == "str":
            value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if kind != "comma":
            tokens.append((kind, value))
    return tokens


class _Reader:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, kind: str, what: str) -> str:
        tok = self.peek()
        if tok is None:
            raise GameError(f"read_nfg: the file ends where {what} was expected.")
        if tok[0] != kind:
            raise GameError(f"read_nfg: expected {what}; found {tok[1]!r} (token {self.i}).")
        self.i += 1
        return tok[1]

    def brace(self, b: str, what: str) -> None:
        tok = self.peek()
        if tok is None or tok != ("brace", b):
            found = "the end of the file" if tok is None else repr(tok[1])
            raise GameError(f"read_nfg: expected '{b}' {what}; found {found}.")
        self.i += 1

    def strings_in_braces(self, what: str) -> list[str]:
        self.brace("{", f"to open {what}")
        out = []
        while self.peek() is not None and self.peek()[0] == "str":  # type: ignore[index]
            out.append(self.take("str", what))
        self.brace("}", f"to close {what}")
        return out


def _number(text: str) -> Fraction:
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise GameError(f"read_nfg: {text!r} is not a number.") from None


def read_nfg(source: str | os.PathLike[str]) -> NormalFormGame:
    """Read a game in Gambit's ``.nfg`` format from a path or from the text itself.

    Parameters
    ----------
    source : str or path-like
        A path to a ``.nfg`` file, or the file's text (anything starting with
        ``NFG``).

    Returns
    -------
    NormalFormGame
        With the file's player and strategy names, and exact payoffs.

    Raises
    ------
    GameError
        If the file is missing or malformed (the message says where).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.read_nfg('NFG 1 R "PD" { "Row" "Col" } { 2 2 } 3 3 5 0 0 5 1 1')
    >>> g.payoffs[0].tolist()
    [[3.0, 0.0], [5.0, 1.0]]
    """
    looks_like_text = isinstance(source, str) and (source.lstrip().startswith("NFG") or "\n" in source or "{" in source)
    if isinstance(source, (str, os.PathLike)) and not looks_like_text:
        path = pathlib.Path(source)
        if not path.is_file():
            raise GameError(f"read_nfg: no such file: {str(path)!r}.")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise GameError(f"read_nfg: cannot read {str(path)!r}: {err}.") from None
    elif isinstance(source, str):
        text = source
    else:
        raise TypeError(f"read_nfg: source must be a path or the text of a .nfg file; got {type(source).__name__}.")
    return _parse_nfg(text)


def _parse_nfg(text: str) -> NormalFormGame:
    r = _Reader(_tokenize(text))
    if r.take("num", "'NFG'") != "NFG":
        raise GameError("read_nfg: a .nfg file must start with 'NFG'.")
    version = r.take("num", "the version number")
    if version != "1":
        raise GameError(f"read_nfg: only version 1 of the .nfg format is supported; got {version!r}.")
    kind = r.take("num", "'R' or 'D'")
    if kind not in ("R", "D"):
        raise GameError(f"read_nfg: expected 'R' or 'D' after the version; got {kind!r}.")
    r.take("str", "the title")
    players = r.strings_in_braces("the player names")
    if not players:
        raise GameError("read_nfg: the game has no players.")
    n = len(players)
    r.brace("{", "to open the strategies")
    strategies: list[list[str]] | None = None
    tok = r.peek()
    if tok == ("brace", "{"):
        strategies = [r.strings_in_braces(f"player {k + 1}'s strategy names") for k in range(n)]
        shape = [len(s) for s in strategies]
    else:
        shape = []
        for k in range(n):
            count = r.take("num", f"player {k + 1}'s number of strategies")
            if not count.isdigit() or int(count) < 1:
                raise GameError(f"read_nfg: player {k + 1}'s number of strategies must be a positive integer; got {count!r}.")
            shape.append(int(count))
    r.brace("}", "to close the strategies")
    if r.peek() is not None and r.peek()[0] == "str":  # type: ignore[index]
        r.take("str", "the comment")
    if any(s < 1 for s in shape):
        raise GameError(f"read_nfg: every player needs at least one strategy; got counts {shape}.")
    n_prof = int(np.prod(shape))
    payoffs = np.empty((n, *shape), dtype=object)
    order = [tuple(reversed(p)) for p in itertools.product(*[range(s) for s in reversed(shape)])]
    if r.peek() == ("brace", "{"):
        r.brace("{", "to open the outcomes")
        outcomes: list[list[Fraction]] = []
        while r.peek() == ("brace", "{"):
            r.brace("{", "to open an outcome")
            r.take("str", "an outcome label")
            vals = []
            while r.peek() is not None and r.peek()[0] == "num":  # type: ignore[index]
                vals.append(_number(r.take("num", "a payoff")))
            r.brace("}", "to close an outcome")
            if len(vals) != n:
                raise GameError(f"read_nfg: outcome {len(outcomes) + 1} has {len(vals)} payoffs; expected {n}.")
            outcomes.append(vals)
        r.brace("}", "to close the outcomes")
        for prof in order:
            raw = r.take("num", f"the outcome number of profile {prof}")
            if not raw.isdigit() or int(raw) > len(outcomes):
                raise GameError(f"read_nfg: outcome number {raw!r} at profile {prof} is not one of 0..{len(outcomes)}.")
            vals = outcomes[int(raw) - 1] if int(raw) > 0 else [Fraction(0)] * n
            for i in range(n):
                payoffs[(i, *prof)] = vals[i]
    else:
        for prof in order:
            for i in range(n):
                payoffs[(i, *prof)] = _number(r.take("num", f"player {i + 1}'s payoff at profile {prof}"))
    if r.peek() is not None:
        raise GameError(f"read_nfg: unexpected text after the {n_prof} profiles: {r.peek()[1]!r}.")  # type: ignore[index]
    data = [[x for x in payoffs[i].ravel()] for i in range(n)]
    nested = [np.array(d, dtype=object).reshape(shape) for d in data]
    try:
        return NormalFormGame(nested, players=players, strategies=strategies)
    except GameError as err:
        raise GameError(f"read_nfg: {err}") from None


def _check_game(game: Any, caller: str) -> None:
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"{caller}: game must be a NormalFormGame; got {type(game).__name__}.")


def _fmt_number(x: Any) -> str:
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    xf = float(x)
    # Gambit's reader rejects a '+' in an exponent ("1e+20"), so write "1e20".
    return str(int(xf)) if xf.is_integer() and abs(xf) < 2**53 else repr(xf).replace("e+", "e")


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_nfg(game: NormalFormGame, *, title: str = "gametheory_af game") -> str:
    """The game in Gambit's ``.nfg`` payoff format, with player and strategy names.

    Exact games are written with exact rationals (``1/3``); float payoffs with
    the shortest decimal that reads back as the same float.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> text = gt.io.to_nfg(gt.catalog.matching_pennies())
    >>> gt.read_nfg(text) == gt.catalog.matching_pennies()
    True
    """
    _check_game(game, "to_nfg")
    if not isinstance(title, str):
        raise TypeError(f"to_nfg: title must be a str; got {type(title).__name__}.")
    players = " ".join(_quote(p) for p in game.players)
    lines = [f"NFG 1 R {_quote(title)} {{ {players} }}", ""]
    strat = [("{ " if k == 0 else "") + "{ " + " ".join(_quote(s) for s in names) + " }" for k, names in enumerate(game.strategies)]
    lines.extend(strat)
    lines.append("}")
    lines.append('""')
    lines.append("")
    values = game.exact_payoffs() if game.is_exact else game.payoffs
    shape = game.shape
    nums = []
    for prof in (tuple(reversed(p)) for p in itertools.product(*[range(s) for s in reversed(shape)])):
        nums.extend(_fmt_number(values[(i, *prof)]) for i in range(game.n_players))
    lines.append(" ".join(nums))
    return "\n".join(lines) + "\n"


def write_nfg(game: NormalFormGame, path: str | os.PathLike[str], *, title: str = "gametheory_af game") -> None:
    """Write *game* to *path* in Gambit's ``.nfg`` format.

    Examples
    --------
    >>> import tempfile, os, gametheory_af as gt
    >>> path = os.path.join(tempfile.mkdtemp(), "pd.nfg")
    >>> gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    >>> gt.read_nfg(path) == gt.catalog.prisoners_dilemma()
    True
    """
    pathlib.Path(path).write_text(to_nfg(game, title=title), encoding="utf-8")


def to_nashpy(game: NormalFormGame) -> nashpy.Game:
    """Convert a two-player game to a :class:`nashpy.Game` (names are dropped).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.io.to_nashpy(gt.catalog.prisoners_dilemma()).payoff_matrices[1].tolist()
    [[3.0, 5.0], [0.0, 1.0]]
    """
    import nashpy

    _check_game(game, "to_nashpy")
    if game.n_players != 2:
        raise GameError(f"to_nashpy: game must have 2 players; got {game.n_players} (shape {game.shape}).")
    return nashpy.Game(np.array(game.payoffs[0]), np.array(game.payoffs[1]))


def from_nashpy(game: nashpy.Game) -> NormalFormGame:
    """Build a :class:`NormalFormGame` from a :class:`nashpy.Game`.

    Examples
    --------
    >>> import nashpy, gametheory_af as gt
    >>> gt.io.from_nashpy(nashpy.Game([[1, -1], [-1, 1]])).is_zero_sum
    True
    """
    mats = getattr(game, "payoff_matrices", None)
    if mats is None or len(mats) != 2:
        raise TypeError(f"from_nashpy: expected a nashpy.Game; got {type(game).__name__}.")
    return NormalFormGame.from_bimatrix(np.asarray(mats[0]), np.asarray(mats[1]))


def game_to_dict(game: NormalFormGame) -> dict[str, Any]:
    """A JSON-ready dict: ``players``, ``strategies``, ``payoffs`` (nested lists), ``exact``.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> sorted(gt.io.game_to_dict(gt.catalog.chicken()))
    ['exact', 'payoffs', 'players', 'strategies']
    """
    _check_game(game, "game_to_dict")
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


def game_from_dict(data: Mapping[str, Any]) -> NormalFormGame:
    """Inverse of :func:`game_to_dict`.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.volunteers_dilemma()
    >>> gt.io.game_from_dict(gt.io.game_to_dict(g)) == g
    True
    """
    if not isinstance(data, Mapping) or "payoffs" not in data:
        raise GameError(f"game_from_dict: data must be a mapping with a 'payoffs' entry; got {type(data).__name__}.")
    unknown = set(data) - {"players", "strategies", "payoffs", "exact"}
    if unknown:
        raise GameError(f"game_from_dict: unknown keys {sorted(unknown)}.")
    payoffs: Any = data["payoffs"]
    if data.get("exact"):
        try:
            arr = np.array(payoffs, dtype=object)
            flat = [to_fraction(Fraction(x) if isinstance(x, str) else x) for x in arr.ravel()]
        except (TypeError, ValueError, ZeroDivisionError, ArithmeticError):
            raise GameError(
                "game_from_dict: exact payoffs must be nested lists of the same shape holding integers "
                f"or rational strings such as '1/3'; got {str(payoffs)[:80]}."
            ) from None
        obj = np.empty(len(flat), dtype=object)
        obj[:] = flat
        obj = obj.reshape(arr.shape)
        payoffs = [obj[i] for i in range(obj.shape[0])]
    return NormalFormGame(payoffs, players=data.get("players"), strategies=data.get("strategies"))


def to_json(game: NormalFormGame, **kwargs: Any) -> str:
    """The game as JSON text (see :func:`game_to_dict`).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.io.from_json(gt.io.to_json(gt.catalog.stag_hunt())) == gt.catalog.stag_hunt()
    True
    """
    return json.dumps(game_to_dict(game), **kwargs)


def from_json(text: str) -> NormalFormGame:
    """Read a game from JSON text written by :func:`to_json`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise GameError(f"from_json: not valid JSON: {err}.") from None
    return game_from_dict(data)
