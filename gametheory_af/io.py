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

import json
import os
import pathlib
import re
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ._formats import (
    CONTROL,
    MAX_PLAYERS,
    game_dict,
    nashpy_bimatrix,
    nashpy_game,
    nfg_text,
    normalize_labels,
    parse_game_dict,
    short_text,
    source_text,
    unescape_label,
)
from ._limits import check_bytes
from ._validation import (
    _short,
    parse_number,
)
from .exceptions import GameError
from .game import NormalFormGame
from .trees.efg import read_efg, to_efg  # Gambit .efg game trees, re-exported here beside read_nfg

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
    "read_efg",
    "to_efg",
]

# ---------------------------------------------------------------------------
# The .nfg lexer: the tokens of Gambit's reader, with its rules.
# ---------------------------------------------------------------------------

#: Gambit separates tokens with ASCII whitespace only (C's ``isspace``): not
#: a no-break space, not the information separators U+001C..U+001F.
_WS = re.compile(r"[ \t\n\r\v\f]*")
#: A number token as Gambit's lexer cuts it out of the text (it starts with a
#: digit, a sign or a dot); whether it is a valid number is decided after.
_NUM_TOKEN = re.compile(r"[0-9+\-][0-9]*(?:\.[0-9]*(?:[eE][+\-0-9][0-9]*)?|/[0-9]*|[eE][+\-0-9][0-9]*)?|\.[0-9]*")
#: The numbers Gambit accepts: ``3``, ``-2.5``, ``5.``, ``.5``, ``1e-3``,
#: ``1.5E2``, ``2/3``. Not ``+5``, not ``1e+3`` (Gambit refuses both), not
#: ``1_0``, not digits other than ASCII ones.
_NFG_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]-?[0-9]+)?|-?[0-9]+/[0-9]+")
_SYMBOL = re.compile(r"[^ \t\n\r\v\f]+")
#: Memory of one payoff read from a file: a float64, an object pointer and a
#: small exact Fraction (the estimate checked against ``max_bytes``).
_ENTRY_BYTES = 128


class _Lexer:
    """Tokens of a ``.nfg`` text, produced lazily: ``(kind, text, position)``.

    Kinds: ``num`` (a number token, not yet checked), ``str`` (a quoted
    label, unescaped), ``sym`` (any other run of non-space characters),
    ``{``, ``}``, ``,`` and ``end``.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.count = 0
        self._peeked: tuple[str, str, int] | None = None
        self.numbers: dict[str, Fraction] = {}

    def line(self, pos: int) -> int:
        return self.text.count("\n", 0, pos) + 1

    def where(self, pos: int) -> str:
        return f"line {self.line(pos)}"

    def _next(self) -> tuple[str, str, int]:
        text = self.text
        pos = _WS.match(text, self.pos).end()  # type: ignore[union-attr]
        if pos >= len(text):
            self.pos = pos
            return ("end", "", pos)
        c = text[pos]
        if c in "{},":
            self.pos = pos + 1
            return (c, c, pos)
        if c == '"':
            # Gambit ends a label at the first quote not preceded by a backslash.
            end = text.find('"', pos + 1)
            while end > pos + 1 and text[end - 1] == "\\":
                end = text.find('"', end + 1)
            if end < 0:
                raise GameError(f"read_nfg: a label opened at {self.where(pos)} is never closed: {text[pos:pos + 30]!r}.")
            self.pos = end + 1
            return ("str", unescape_label(text[pos + 1 : end]), pos)
        if c in "0123456789+-.":
            m = _NUM_TOKEN.match(text, pos)
            assert m is not None
            self.pos = m.end()
            return ("num", m.group(0), pos)
        m = _SYMBOL.match(text, pos)
        assert m is not None
        self.pos = m.end()
        return ("sym", m.group(0), pos)

    def peek(self) -> tuple[str, str, int]:
        if self._peeked is None:
            self._peeked = self._next()
        return self._peeked

    def take(self) -> tuple[str, str, int]:
        tok = self.peek()
        self._peeked = None
        if tok[0] != "end":
            self.count += 1
        return tok

    def expect(self, kind: str, what: str) -> tuple[str, str, int]:
        tok = self.take()
        if tok[0] != kind:
            raise GameError(f"read_nfg: expected {what} at {self.where(tok[2])}; found {self.show(tok)}.")
        return tok

    def show(self, tok: tuple[str, str, int]) -> str:
        if tok[0] == "end":
            return "the end of the file"
        return short_text(tok[1] if tok[0] != "str" else '"' + tok[1] + '"')

    def remaining(self) -> int:
        """Count the tokens left (to report how far a file overruns its header)."""
        n = 0
        while self.take()[0] != "end":
            n += 1
        return n


def _label(tok: tuple[str, str, int], what: str, lex: _Lexer) -> str:
    m = CONTROL.search(tok[1])
    if m:
        raise GameError(
            f"read_nfg: {what} {short_text(tok[1])} at {lex.where(tok[2])} holds the control character "
            f"{m.group(0)!r}; a label may hold printable characters only."
        )
    return tok[1]


def _payoff(tok: tuple[str, str, int], what: str, lex: _Lexer) -> Fraction:
    known = lex.numbers.get(tok[1])
    if known is not None and tok[0] == "num":
        return known
    if tok[0] != "num":
        raise GameError(f"read_nfg: expected {what} (a number) at {lex.where(tok[2])}; found {lex.show(tok)}.")
    if _NFG_NUMBER.fullmatch(tok[1]) is None:
        raise GameError(
            f"read_nfg: {what} at {lex.where(tok[2])} must be a number as Gambit writes them "
            f"(3, -2.5, 1e-3, 2/3); got {short_text(tok[1])}."
        )
    value = parse_number(tok[1], what, "read_nfg")
    try:
        float(value)
    except OverflowError:
        raise GameError(
            f"read_nfg: {what} at {lex.where(tok[2])} is {short_text(tok[1])}, beyond the float64 range (about 1.8e308)."
        ) from None
    if len(lex.numbers) < 100_000:  # files repeat their numbers: parse each text once
        lex.numbers[tok[1]] = value
    return value


def _count(tok: tuple[str, str, int], what: str, lex: _Lexer, minimum: int) -> int:
    if tok[0] != "num":
        raise GameError(f"read_nfg: expected {what} (a whole number) at {lex.where(tok[2])}; found {lex.show(tok)}.")
    if not tok[1].isascii() or not tok[1].isdigit() or len(tok[1]) > 18 or int(tok[1]) < minimum:
        raise GameError(
            f"read_nfg: {what} at {lex.where(tok[2])} must be a whole number >= {minimum} written with digits only; "
            f"got {short_text(tok[1])}."
        )
    return int(tok[1])


def read_nfg(source: str | os.PathLike[str]) -> NormalFormGame:
    """Read a game in Gambit's ``.nfg`` format from a path or from the text itself.

    The reader accepts what Gambit's own reader accepts and refuses what it
    refuses, with these documented choices:

    * Empty and repeated player and strategy labels (Gambit writes
      ``{ "" "" }``) are renamed as Gambit renames them: ``""`` becomes
      ``"_1"``, ``"_2"``, ...; a repeated ``"x"`` becomes ``"x_1"``,
      ``"x_2"``. Names of a :class:`NormalFormGame` stay distinct, and
      strategies keep their positions.
    * Labels holding control characters are refused, as by Gambit; labels
      with other non-ASCII characters or edge spaces (which Gambit refuses)
      are accepted, so that every game :func:`to_nfg` writes reads back.
    * Numbers are read exactly, in Gambit's syntax only: ``3``, ``-2.5``,
      ``5.``, ``.5``, ``1e-3``, ``2/3``; ``+5``, ``1e+3``, ``1_0``, ``inf``
      and non-ASCII digits are refused. A number must fit the parsing limits
      (``max_digits``, ``max_exponent``) and float64.
    * Strategy counts and outcome numbers are whole numbers in digits
      (Gambit's reader reads ``1.5`` there as ``1``; this one refuses it).
    * Commas may follow a payoff inside an outcome, as Gambit allows, and
      nowhere else.

    Work is bounded before it starts: a file larger than the ``max_bytes``
    limit, and a header asking for more payoff entries than the
    ``max_entries``/``max_bytes`` limits allow, are refused before the
    payoffs are read (see :func:`gametheory_af.set_limits`).

    Parameters
    ----------
    source : str or path-like
        A path to a ``.nfg`` file (UTF-8 text), or the file's text (anything
        starting with ``NFG``).

    Returns
    -------
    NormalFormGame
        With the file's player and strategy names, and exact payoffs.

    Raises
    ------
    GameError
        If the file is missing, unreadable, not UTF-8, beyond the limits or
        malformed (the message says where and what).
    TypeError
        If *source* is neither a str nor a path.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.read_nfg('NFG 1 R "PD" { "Row" "Col" } { 2 2 } 3 3 5 0 0 5 1 1')
    >>> g.payoffs[0].tolist()
    [[3.0, 0.0], [5.0, 1.0]]
    >>> gt.read_nfg('NFG 1 D "Gambit sww1" { "" "" } { 2 2 } 4 3 0 0 4 3 6 2').players
    ('_1', '_2')
    >>> gt.read_nfg('NFG 1 R "big" { "A" "B" "C" } { 1000 1000 1000 } 0')
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: read_nfg: this asks for 3,000,000,000 payoff entries of a 3-player game with strategy counts { 1000 1000 1000 } (384,000,000,000 bytes), over the limit max_entries=100,000,000; raise it with gametheory_af.set_limits(max_entries=...) if you mean it.
    """
    return _parse_nfg(source_text(source, "NFG", "read_nfg"))


def _parse_nfg(text: str) -> NormalFormGame:
    lex = _Lexer(text)
    tok = lex.take()
    if tok[0] != "sym" or tok[1] != "NFG":
        hint = " (the text starts with a byte-order mark, which Gambit does not accept)" if tok[1].startswith("\ufeff") else ""
        raise GameError(f"read_nfg: a .nfg file must start with 'NFG'; found {lex.show(tok)}{hint}.")
    tok = lex.take()
    if tok[0] != "num" or tok[1] != "1":
        raise GameError(f"read_nfg: only version 1 of the .nfg format is supported; got {lex.show(tok)}.")
    tok = lex.take()
    if tok[0] != "sym" or tok[1] not in ("R", "D"):
        raise GameError(f"read_nfg: expected 'R' or 'D' after the version; got {lex.show(tok)}.")
    lex.expect("str", "the title (a quoted string)")
    # Players.
    lex.expect("{", "'{' to open the player names")
    players: list[str] = []
    while lex.peek()[0] == "str":
        players.append(_label(lex.take(), f"player {len(players) + 1}'s name", lex))
    lex.expect("}", "'}' to close the player names (names are quoted strings)")
    n = len(players)
    if n == 0:
        raise GameError("read_nfg: the game has no players ('{ }').")
    if n > MAX_PLAYERS:
        raise GameError(f"read_nfg: the game has {n} players; at most {MAX_PLAYERS} are supported.")
    # Strategies: labels per player, or counts.
    lex.expect("{", "'{' to open the strategies")
    strategies: list[list[str]] | None = None
    if lex.peek()[0] == "{":
        strategies = []
        for k in range(n):
            lex.expect("{", f"'{{' to open player {k + 1}'s strategy names")
            names: list[str] = []
            while lex.peek()[0] == "str":
                names.append(_label(lex.take(), f"player {k + 1}'s strategy {len(names) + 1} name", lex))
            lex.expect("}", f"'}}' to close player {k + 1}'s strategy names")
            if not names:
                raise GameError(f"read_nfg: player {k + 1} has no strategies ('{{ }}').")
            strategies.append(names)
        shape = [len(names) for names in strategies]
    else:
        shape = [_count(lex.take(), f"player {k + 1}'s number of strategies", lex, 1) for k in range(n)]
    lex.expect("}", f"'}}' to close the strategies of the {n} players")
    if lex.peek()[0] == "str":
        lex.take()  # the comment
    # The size, before anything is allocated.
    entries = n
    for s in shape:
        entries *= s
        if entries > 2**62:
            break
    counts = "{ " + " ".join(str(s) for s in shape) + " }"
    check_bytes(entries, _ENTRY_BYTES, f"payoff entries of a {n}-player game with strategy counts {counts}", "read_nfg")
    n_prof = entries // n
    header = f"the header {counts} ({n} players, {n_prof:,} profiles)"
    flat: list[Fraction]
    if lex.peek()[0] == "{":
        lex.take()
        outcomes: list[list[Fraction]] = []
        while lex.peek()[0] == "{":
            lex.take()
            tok = lex.expect("str", f"outcome {len(outcomes) + 1}'s label (a quoted string)")
            _label(tok, f"outcome {len(outcomes) + 1}'s label", lex)
            vals = []
            for i in range(n):
                vals.append(_payoff(lex.take(), f"outcome {len(outcomes) + 1}'s payoff {i + 1}", lex))
                if lex.peek()[0] == ",":
                    lex.take()
            tok = lex.take()
            if tok[0] != "}":
                raise GameError(
                    f"read_nfg: outcome {len(outcomes) + 1} must hold {n} payoffs (one per player) and '}}'; "
                    f"found {lex.show(tok)} at {lex.where(tok[2])}."
                )
            outcomes.append(vals)
        lex.expect("}", "'}' to close the outcomes")
        zeros = [Fraction(0)] * n
        flat = []
        for p in range(n_prof):
            tok = lex.take()
            if tok[0] == "end":
                raise GameError(f"read_nfg: {header} asks for {n_prof:,} outcome numbers; the file ends after {p:,}.")
            j = _count(tok, f"the outcome number of profile {p + 1}", lex, 0)
            if j > len(outcomes):
                raise GameError(
                    f"read_nfg: the outcome number of profile {p + 1} at {lex.where(tok[2])} must be one of "
                    f"0..{len(outcomes)}; got {j}."
                )
            flat.extend(outcomes[j - 1] if j else zeros)
        what = "outcome numbers"
        need = n_prof
    else:
        need = entries
        flat = []
        for q in range(need):
            tok = lex.take()
            if tok[0] == "end":
                raise GameError(f"read_nfg: {header} asks for {need:,} payoffs; the file ends after {q:,}.")
            flat.append(_payoff(tok, f"payoff {q + 1} (player {q % n + 1}, profile {q // n + 1})", lex))
        what = "payoffs"
    tok = lex.peek()
    if tok[0] != "end":
        extra = lex.remaining()
        raise GameError(
            f"read_nfg: {header} asks for {need:,} {what}; the file has {extra:,} more token(s), "
            f"starting with {lex.show(tok)} at {lex.where(tok[2])}."
        )
    arr: np.ndarray = np.empty(len(flat), dtype=object)
    arr[:] = flat
    # Profiles run with player 1's strategy fastest: C order over the reversed shape.
    arr = arr.reshape(n_prof, n).T.reshape((n, *reversed(shape))).transpose(0, *range(n, 0, -1))
    players = normalize_labels(players)
    if strategies is not None:
        strategies = [normalize_labels(names) for names in strategies]
    else:
        strategies = [[str(j + 1) for j in range(s)] for s in shape]
    return NormalFormGame(arr, players=players, strategies=strategies)


def _check_game(game: Any, caller: str) -> None:
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"{caller}: game must be a NormalFormGame; got {_short(game)} ({type(game).__name__}).")


def to_nfg(game: NormalFormGame, *, title: str = "gametheory_af game") -> str:
    """The game in Gambit's ``.nfg`` payoff format, with player and strategy names.

    Exact games are written with exact rationals (``1/3``); float payoffs with
    the shortest decimal that reads back as the same float.

    Parameters
    ----------
    game : NormalFormGame
        The game to write.
    title : str, default "gametheory_af game"
        The title written in the file's header.

    Returns
    -------
    str
        The ``.nfg`` text.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> text = gt.io.to_nfg(gt.catalog.matching_pennies())
    >>> gt.read_nfg(text) == gt.catalog.matching_pennies()
    True
    """
    _check_game(game, "to_nfg")
    return nfg_text(game, title)


def write_nfg(game: NormalFormGame, path: str | os.PathLike[str], *, title: str = "gametheory_af game") -> None:
    """Write *game* to *path* in Gambit's ``.nfg`` format.

    Parameters
    ----------
    game : NormalFormGame
        The game to write.
    path : str or os.PathLike
        The file to write.
    title : str, default "gametheory_af game"
        The title written in the file's header.

    Examples
    --------
    >>> import tempfile, os, gametheory_af as gt
    >>> path = os.path.join(tempfile.mkdtemp(), "pd.nfg")
    >>> gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    >>> gt.read_nfg(path) == gt.catalog.prisoners_dilemma()
    True
    """
    _check_game(game, "write_nfg")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"write_nfg: path must be a str or a path; got {_short(path)} ({type(path).__name__}).")
    text = to_nfg(game, title=title)
    try:
        pathlib.Path(path).write_text(text, encoding="utf-8")
    except OSError as err:
        raise GameError(f"write_nfg: cannot write {str(path)!r}: {err.strerror or err}.") from None


def to_nashpy(game: NormalFormGame) -> nashpy.Game:
    """Convert a two-player game to a :class:`nashpy.Game` (names are dropped).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.

    Returns
    -------
    nashpy.Game
        The game with float payoff matrices.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.io.to_nashpy(gt.catalog.prisoners_dilemma()).payoff_matrices[1].tolist()
    [[3.0, 5.0], [0.0, 1.0]]
    """
    _check_game(game, "to_nashpy")
    return nashpy_game(game)


def from_nashpy(game: nashpy.Game) -> NormalFormGame:
    """Build a :class:`NormalFormGame` from a :class:`nashpy.Game`.

    Parameters
    ----------
    game : nashpy.Game
        A two-player nashpy game.

    Returns
    -------
    NormalFormGame
        The same game, with float payoffs and default names.

    Examples
    --------
    >>> import nashpy, gametheory_af as gt
    >>> gt.io.from_nashpy(nashpy.Game([[1, -1], [-1, 1]])).is_zero_sum
    True
    """
    return NormalFormGame.from_bimatrix(*nashpy_bimatrix(game))


def game_to_dict(game: NormalFormGame) -> dict[str, Any]:
    """A JSON-ready dict: ``players``, ``strategies``, ``payoffs`` (nested lists), ``exact``.

    Parameters
    ----------
    game : NormalFormGame
        The game to describe.

    Returns
    -------
    dict
        Keys ``players``, ``strategies``, ``payoffs`` and ``exact``, as
        :func:`~gametheory_af.io.game_from_dict` reads them.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> sorted(gt.io.game_to_dict(gt.catalog.chicken()))
    ['exact', 'payoffs', 'players', 'strategies']
    """
    _check_game(game, "game_to_dict")
    return game_dict(game)


def game_from_dict(data: Mapping[str, Any]) -> NormalFormGame:
    """Inverse of :func:`~gametheory_af.io.game_to_dict`.

    Parameters
    ----------
    data : mapping
        ``payoffs`` (required): nested lists of shape ``(n_players, s_1, ...,
        s_n)``; ``exact`` (optional, ``True`` or ``False``, default ``False``):
        when true the payoffs are read exactly, integers as they are and
        strings such as ``"1/3"``, ``"-2.5"`` or ``"1e-3"`` through the bounded
        number parser (see :func:`gametheory_af.set_limits`); ``players`` and
        ``strategies`` (optional): names, as for :class:`NormalFormGame`.

    Returns
    -------
    NormalFormGame
        The game *data* describes.

    Raises
    ------
    TypeError
        If *data* is not a mapping, ``exact`` is not a bool, or a payoff is
        not a number (or, when exact, a rational string).
    GameError
        For a missing ``payoffs`` entry, unknown keys, ragged or mis-shaped
        payoffs, a string that is not a number, non-finite payoffs, or
        payoffs beyond float64.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.volunteers_dilemma()
    >>> gt.io.game_from_dict(gt.io.game_to_dict(g)) == g
    True
    >>> gt.io.game_from_dict({"payoffs": [["1/3", "2"]], "exact": True}).exact_payoffs()[0, 0]
    Fraction(1, 3)
    """
    payoffs, players, strategies = parse_game_dict(data)
    return NormalFormGame(payoffs, players=players, strategies=strategies)


def to_json(game: NormalFormGame, **kwargs: Any) -> str:
    """The game as JSON text (see :func:`~gametheory_af.io.game_to_dict`).

    Parameters
    ----------
    game : NormalFormGame
        The game to write.
    **kwargs
        Passed to :func:`json.dumps` (for instance ``indent``).

    Returns
    -------
    str
        JSON text that :func:`from_json` reads back.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.io.from_json(gt.io.to_json(gt.catalog.stag_hunt())) == gt.catalog.stag_hunt()
    True
    """
    _check_game(game, "to_json")
    return json.dumps(game_to_dict(game), **kwargs)


def from_json(text: str) -> NormalFormGame:
    """Read a game from JSON text written by :func:`~gametheory_af.io.to_json` (see :func:`~gametheory_af.io.game_from_dict`).

    Parameters
    ----------
    text : str
        JSON text, an object as :func:`~gametheory_af.io.game_from_dict` reads.

    Returns
    -------
    NormalFormGame
        The game the text describes.

    Raises
    ------
    TypeError
        If *text* is not a str.
    GameError
        If the text is not valid JSON (including numbers of more than 4300
        digits and nesting too deep to read) or not a game (including values
        of the wrong JSON type, for which :func:`~gametheory_af.io.game_from_dict` raises
        TypeError).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.io.from_json('{"payoffs": [[[1, 2]], [[3, 4]]]}').shape
    (1, 2)
    """
    if not isinstance(text, str):
        raise TypeError(f"from_json: text must be a str; got {_short(text)} ({type(text).__name__}).")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise GameError(f"from_json: text is not valid JSON: {err}.") from None
    except (ValueError, RecursionError) as err:  # an over-long integer; nesting beyond the recursion limit
        raise GameError(f"from_json: text cannot be read as JSON: {str(err)[:200]}.") from None
    try:
        return game_from_dict(data)
    except TypeError as err:  # a value of the wrong JSON type: in a document, a malformed game
        raise GameError(f"from_json: {err}") from None
