"""Gambit ``.efg`` files: :func:`read_efg` and :func:`to_efg`.

A ``.efg`` file lists the nodes of a tree in preorder (depth first, children in
the order of their actions) after a header ``EFG 2 R "title" { "P1" "P2" }
"comment"``::

    c "label" 1 "infoset label" { "H" 1/2 "T" 1/2 } 0
    p "label" 1 1 "infoset label" { "a" "b" } 0
    t "label" 1 "outcome label" { 3 -1 }

``c`` is a chance node (its chance information set number, then optionally the
set's label and its actions with their probabilities), ``p`` a decision node
(the player's number from 1, the information set number within that player,
then optionally the set's label and actions), ``t`` a terminal node. Every node
ends with an outcome number, optionally followed by the outcome's label and one
payoff per player (commas between payoffs are allowed). Both layouts Gambit
writes are read: the *payoff* layout, where each outcome's payoffs are given
inline wherever the outcome appears, and the *outcome* layout, where an outcome
(or an information set) is described once and later referenced by its number
alone. Outcome 0 is the null outcome (no payoffs).

References
----------
The Gambit Project, *Gambit: Software Tools for Game Theory*, "File formats:
the extensive game (.efg) file format", https://gambitproject.readthedocs.io.
"""

from __future__ import annotations

import os
import re
from fractions import Fraction
from typing import Any

import numpy as np

from .._formats import CONTROL, fmt_number, normalize_labels, short_text, source_text, unescape_label
from .._limits import check_bytes, check_count
from .._validation import _short, parse_number, to_float, to_fraction
from ..exceptions import GameError
from .game import CHANCE, TERMINAL, ExtensiveFormGame

__all__ = ["read_efg", "to_efg"]

_CALLER = "read_efg"
#: The tokens of Gambit's lexer, cut out of the text by one regular expression:
#: a quoted label (ended by the first quote not preceded by a backslash), a brace
#: or a comma, a number token (as Gambit's lexer cuts it: it starts with a digit,
#: a sign or a dot; whether it is a valid number is decided after), or any other
#: run of non-space characters (a symbol). Gambit separates tokens with ASCII
#: whitespace only.
_TOKEN = re.compile(
    r'"(?:.*?(?<!\\))"'
    r"|[{},]"
    r"|[0-9+\-][0-9]*(?:\.[0-9]*(?:[eE][+\-0-9][0-9]*)?|/[0-9]*|[eE][+\-0-9][0-9]*)?|\.[0-9]*"
    r"|[^ \t\n\r\v\f]+",
    re.DOTALL,
)
#: The numbers Gambit accepts (as in :func:`gametheory_af.read_nfg`): ``3``,
#: ``-2.5``, ``5.``, ``.5``, ``1e-3``, ``2/3``; not ``+5`` nor ``1e+3``.
_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]-?[0-9]+)?|-?[0-9]+/[0-9]+")
_NUMBER_START = frozenset("0123456789+-.")
_END = ""  # the sentinel token after the last one
_ONE = Fraction(1)


class _Reader:
    """The token list of a ``.efg`` text and the helpers that read it (messages name the line)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks: list[str] = _TOKEN.findall(text)
        self.toks.append(_END)
        self.numbers: dict[str, Fraction] = {}

    # ---------------------------------------------------------------- positions
    def where(self, k: int) -> str:
        """``line N`` of token *k* (found again by a second scan: only when a message needs it)."""
        for j, m in enumerate(_TOKEN.finditer(self.text)):
            if j == k:
                return f"line {self.text.count(chr(10), 0, m.start()) + 1}"
        return "the end of the file"

    def show(self, k: int) -> str:
        t = self.toks[k]
        return "the end of the file" if t == _END else short_text(t)

    def fail(self, k: int, message: str) -> GameError:
        return GameError(f"{_CALLER}: {message} at {self.where(k)}; found {self.show(k)}.")

    # ---------------------------------------------------------------- tokens
    def label(self, k: int, what: str) -> str:
        t = self.toks[k]
        if not (len(t) >= 2 and t[0] == '"' and t[-1] == '"' and t[-2] != "\\"):
            if t[:1] == '"':
                raise GameError(f"{_CALLER}: a label opened at {self.where(k)} is never closed: {short_text(t)}.")
            raise self.fail(k, f"expected {what} (a quoted string)")
        body = t[1:-1]
        if "\\" in body:
            body = unescape_label(body)
        m = CONTROL.search(body)
        if m:
            raise GameError(
                f"{_CALLER}: {what} {short_text(body)} at {self.where(k)} holds the control character "
                f"{m.group(0)!r}; a label may hold printable characters only."
            )
        return body

    def is_label(self, k: int) -> bool:
        t = self.toks[k]
        return len(t) >= 2 and t[0] == '"' and t[-1] == '"' and t[-2] != "\\"

    def expect(self, k: int, token: str, what: str) -> None:
        if self.toks[k] != token:
            raise self.fail(k, f"expected {what}")

    def bad_count(self, k: int, what: str) -> GameError:
        """The error for a token that is not a player, information set or outcome number (digits, at most 18)."""
        return self.fail(k, f"expected {what} (a whole number >= 0 written with at most 18 digits)")

    def number(self, k: int, what: str) -> Fraction:
        """A number not read before (callers look in :attr:`numbers` first)."""
        t = self.toks[k]
        if t[:1] not in _NUMBER_START:
            raise self.fail(k, f"expected {what} (a number)")
        if _NUMBER.fullmatch(t) is None:
            raise GameError(
                f"{_CALLER}: {what} at {self.where(k)} must be a number as Gambit writes them "
                f"(3, -2.5, 1e-3, 2/3); got {short_text(t)}."
            )
        value = parse_number(t, f"{what} at {self.where(k)}" if len(t) > 400 else what, _CALLER)
        to_float(value, f"{what} {short_text(t)}", _CALLER)
        if len(self.numbers) < 100_000:  # files repeat their numbers: parse each text once
            self.numbers[t] = value
        return value


def read_efg(source: str | os.PathLike[str]) -> ExtensiveFormGame:
    """Read a game tree in Gambit's ``.efg`` format from a path or from the text itself.

    The reader accepts what Gambit's own reader accepts and refuses what it
    refuses, with these documented choices:

    * **Outcomes at non-terminal nodes** are incremental payoffs, as in
      Gambit: a player's payoff at a terminal node is the sum of the outcomes
      on the path from the root to it (pygambit reports the same sum). The
      game keeps payoffs at terminal nodes only, so each interior outcome is
      added to every terminal node below it; a terminal node with no outcome
      on its path pays 0 to everyone.
    * **Outcomes and information sets** may be described at their first
      appearance and referenced by number alone afterwards, or described again;
      a restatement must match the first description exactly (labels, action
      labels, and the text of payoffs and probabilities), as Gambit requires.
      Chance nodes that share a chance information set share its actions and
      probabilities, and nothing more: the game gives chance nodes no
      information sets (pygambit counts a chance set that holds a node and its
      descendant as imperfect recall; here it is not). Information set numbers
      are per player, so a set never mixes players.
    * **Empty and repeated labels** of actions (at one information set) and of
      players are renamed as Gambit renames them, so that names stay distinct
      and non-empty: ``""`` becomes ``"_1"``, ``"_2"``, ...; a repeated ``"x"``
      becomes ``"x_1"``, ``"x_2"``. Node labels (repeated ones too) and
      information set labels are kept as they are; empty ones mean no label.
      Outcome labels are read and checked but not kept.
    * **Numbers** are read exactly, in Gambit's syntax only (``3``, ``-2.5``,
      ``.5``, ``1e-3``, ``2/3``; not ``+5`` nor ``1e+3``), within the parsing
      limits ``max_digits`` and ``max_exponent`` and the float64 range.
      Chance probabilities must be >= 0 and sum to exactly 1, as in Gambit.
    * Player, information set and outcome numbers are whole numbers in digits
      (Gambit reads ``1.5`` there as ``1``; this reader refuses it). Labels
      holding control characters are refused, as by Gambit; other non-ASCII
      labels are accepted.
    * Tokens after the last node are refused (Gambit ignores them), as is a
      game without players.
    * Trees that the game model refuses are refused with its message: an
      information set holding a node and its descendant (absent-mindedness).

    Work is bounded: a file larger than ``max_bytes``, or with more nodes or
    payoff entries than ``max_entries`` allows, is refused before the arrays
    are allocated (see :func:`gametheory_af.set_limits`). The file is read
    without recursion, so a deep tree is no problem.

    Parameters
    ----------
    source : str or path-like
        A path to a ``.efg`` file (UTF-8 text), or the file's text (anything
        starting with ``EFG``).

    Returns
    -------
    ExtensiveFormGame
        With the file's title, player names, action names, node and
        information set labels, and exact payoffs and probabilities.

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
    >>> g = gt.io.read_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" } ""
    ... p "" 1 1 "" { "Out" "In" } 0
    ... t "" 1 "" { 0 2 }
    ... p "" 2 1 "" { "Fight" "Accommodate" } 0
    ... t "" 2 "" { -1 -1 }
    ... t "" 3 "" { 1 1 }
    ... ''')
    >>> print(g.draw())
    Entrant
    ├─ Out: (0, 2)
    └─ In: Incumbent
       ├─ Fight: (-1, -1)
       └─ Accommodate: (1, 1)
    >>> gt.io.read_efg('EFG 2 R "" { "A" } "" c "" 1 "" { "x" 1/2 "y" 1/3 } 0 t "" 0 t "" 0')
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: read_efg: the probabilities of chance information set 1 at line 1 sum to 5/6, not 1.
    """
    return _parse_efg(source_text(source, "EFG", "read_efg"))


def _parse_efg(text: str) -> ExtensiveFormGame:
    check_count(len(text), "max_bytes", "characters of .efg text", _CALLER)
    r = _Reader(text)
    toks = r.toks
    # ------------------------------------------------------------------ header
    if toks[0] != "EFG":
        hint = (
            " (the text starts with a byte-order mark, which Gambit does not accept)"
            if toks[0].startswith("\ufeff")
            else ""
        )
        raise GameError(f"read_efg: a .efg file must start with 'EFG'; found {r.show(0)}{hint}.")
    if toks[1] != "2":
        raise GameError(f"read_efg: only version 2 of the .efg format is supported; got {r.show(1)}.")
    if toks[2] not in ("R", "D"):
        raise GameError(f"read_efg: expected 'R' or 'D' after the version; got {r.show(2)}.")
    title = r.label(3, "the title")
    r.expect(4, "{", "'{' to open the player names")
    i = 5
    raw_players: list[str] = []
    while r.is_label(i):
        raw_players.append(r.label(i, f"player {len(raw_players) + 1}'s name"))
        i += 1
    r.expect(i, "}", "'}' to close the player names (names are quoted strings)")
    i += 1
    n_players = len(raw_players)
    if n_players == 0:
        raise GameError("read_efg: the game has no players ('{ }').")
    if r.is_label(i):
        i += 1  # the comment
    players = tuple(normalize_labels(raw_players))
    zeros = [Fraction(0)] * n_players
    numbers = r.numbers
    checked: dict[tuple[str, ...], list[Fraction]] = {}  # chance probabilities already checked, by their text
    # ------------------------------------------------------------------ nodes, in preorder
    kinds: list[int] = []  # player index, CHANCE or TERMINAL
    parents: list[int] = []
    acts_in: list[int] = []
    depths: list[int] = []
    raw_infoset: list[int] = []  # index into h_* below, -1 at chance and terminal nodes
    chance_set: dict[int, int] = {}  # chance node -> its chance information set (index into c_*)
    probs: list[Fraction] = []  # probability of the edge into each node
    node_labels: dict[int, str] = {}
    term_rows: list[list[Fraction]] = []
    term_nodes: list[int] = []
    # information sets: key (player, number) -> index; chance sets: number -> index
    h_index: dict[tuple[int, int], int] = {}
    h_player: list[int] = []
    h_label: list[str] = []
    h_actions: list[tuple[str, ...]] = []
    h_raw: list[tuple[str, ...]] = []  # the action labels as written, for restatements
    c_index: dict[int, int] = {}
    c_label: list[str] = []
    c_actions: list[tuple[str, ...]] = []
    c_probs: list[list[Fraction]] = []
    c_texts: list[tuple[str, ...]] = []
    c_raw: list[tuple[str, ...]] = []
    # outcomes: number -> (label, payoff texts, payoffs)
    outcomes: dict[int, tuple[str, tuple[str, ...], list[Fraction]]] = {}
    # the stack of open decision and chance nodes: [node, n_children, next child, accumulated outcome or None]
    stack: list[list[Any]] = []
    acc: list[Fraction] | None = None
    while True:
        node = len(kinds)
        if node and not stack:
            break
        if node & 0xFFFF == 0xFFFF:
            check_count(node + 1, "max_entries", "tree nodes", _CALLER)
        if stack:
            top = stack[-1]
            parent = top[0]
            k = top[2]
            top[2] = k + 1
            acc = top[3]
            if k + 1 == top[1]:
                stack.pop()
            parents.append(parent)
            acts_in.append(k)
            depths.append(depths[parent] + 1)
            probs.append(c_probs[chance_set[parent]][k] if kinds[parent] == CHANCE else _ONE)
        else:
            parents.append(-1)
            acts_in.append(-1)
            depths.append(0)
            probs.append(_ONE)
        kind = toks[i]
        start = i
        if kind not in ("c", "p", "t"):
            if kind == _END:
                raise GameError(
                    f"read_efg: the file ends after {node:,} nodes, but the tree needs more "
                    f"(node {parents[-1] + 1} in file order still has children to list)."
                )
            raise r.fail(i, "a node type ('c', 'p' or 't')")
        t = toks[i + 1]
        label = "" if t == '""' else r.label(i + 1, "a node label")
        if label:
            node_labels[node] = label
        i += 2
        n_kids = 0
        if kind == "t":
            kinds.append(TERMINAL)
            raw_infoset.append(-1)
        elif kind == "p":
            t = toks[i]
            if not (t.isdigit() and t.isascii() and len(t) <= 18):
                raise r.bad_count(i, "a player number")
            pl = int(t)
            if not 1 <= pl <= n_players:
                raise GameError(
                    f"read_efg: the player number {pl} at {r.where(i)} is not one of 1..{n_players} "
                    f"(the players are {players!r})."
                )
            t = toks[i + 1]
            if not (t.isdigit() and t.isascii() and len(t) <= 18):
                raise r.bad_count(i + 1, "an information set number")
            num = int(t)
            i += 2
            h = h_index.get((pl, num))
            if toks[i][:1] == '"':
                hlabel = r.label(i, "an information set label")
                r.expect(i + 1, "{", "'{' to open the actions")
                i += 2
                raw: list[str] = []
                while toks[i][:1] == '"':
                    raw.append(r.label(i, "an action label"))
                    i += 1
                r.expect(i, "}", "'}' to close the actions (action labels are quoted strings)")
                if not raw:
                    raise r.fail(i, "an action label (a decision node needs at least one action)")
                i += 1
                if h is None:
                    h = h_index[(pl, num)] = len(h_player)
                    h_player.append(pl - 1)
                    h_label.append(hlabel)
                    h_actions.append(tuple(normalize_labels(raw)))
                    h_raw.append(tuple(raw))
                elif hlabel != h_label[h] or tuple(raw) != h_raw[h]:
                    what = "label" if hlabel != h_label[h] else "actions"
                    raise GameError(
                        f"read_efg: information set {num} of player {pl} is restated at {r.where(start)} with "
                        f"another {what} ({short_text(hlabel) if what == 'label' else list(raw)!r}) than at its first "
                        f"description ({short_text(h_label[h]) if what == 'label' else list(h_raw[h])!r})."
                    )
            elif h is None:
                raise GameError(
                    f"read_efg: information set {num} of player {pl} at {r.where(start)} is referenced before it is "
                    "described (its label and actions must come at its first node)."
                )
            kinds.append(pl - 1)
            raw_infoset.append(h)
            n_kids = len(h_actions[h])
        else:  # chance
            t = toks[i]
            if not (t.isdigit() and t.isascii() and len(t) <= 18):
                raise r.bad_count(i, "a chance information set number")
            num = int(t)
            i += 1
            c = c_index.get(num)
            if toks[i][:1] == '"':
                clabel = r.label(i, "an information set label")
                r.expect(i + 1, "{", "'{' to open the chance actions")
                i += 2
                raw = []
                ps: list[Fraction] = []
                texts: list[str] = []
                while toks[i][:1] == '"':
                    raw.append(r.label(i, "a chance action label"))
                    t = toks[i + 1]
                    v = numbers.get(t)
                    ps.append(
                        v
                        if v is not None
                        else r.number(i + 1, f"the probability of chance action {short_text(raw[-1])}")
                    )
                    texts.append(t)
                    i += 2
                r.expect(i, "}", "'}' to close the chance actions (a quoted label then a probability each)")
                if not raw:
                    raise r.fail(i, "a chance action label (a chance node needs at least one action)")
                i += 1
                key = tuple(texts)
                if c is None and key in checked:
                    ps = checked[key]
                elif c is None:
                    neg = [p for p in ps if p < 0]
                    if neg:
                        raise GameError(
                            f"read_efg: chance information set {num} at {r.where(start)} has the probability {neg[0]}; "
                            "probabilities must be >= 0."
                        )
                    total = sum(ps, Fraction(0))
                    if total != 1:
                        raise GameError(
                            f"read_efg: the probabilities of chance information set {num} at {r.where(start)} "
                            f"sum to {total}, not 1."
                        )
                    if len(checked) < 10_000:
                        checked[key] = ps
                if c is None:
                    c = c_index[num] = len(c_label)
                    c_label.append(clabel)
                    c_actions.append(tuple(normalize_labels(raw)))
                    c_probs.append(ps)
                    c_texts.append(key)
                    c_raw.append(tuple(raw))
                elif clabel != c_label[c] or tuple(raw) != c_raw[c] or key != c_texts[c]:
                    raise GameError(
                        f"read_efg: chance information set {num} is restated at {r.where(start)} with another label, "
                        "actions or probabilities than at its first description."
                    )
            elif c is None:
                raise GameError(
                    f"read_efg: chance information set {num} at {r.where(start)} is referenced before it is "
                    "described (its label, actions and probabilities must come at its first node)."
                )
            kinds.append(CHANCE)
            raw_infoset.append(-1)
            chance_set[node] = c
            n_kids = len(c_actions[c])
        # ---- the outcome
        t = toks[i]
        if not (t.isdigit() and t.isascii() and len(t) <= 18):
            raise r.bad_count(i, "an outcome number")
        num = int(t)
        i += 1
        pay: list[Fraction] | None = None
        if toks[i][:1] == '"':
            if num == 0:
                raise r.fail(i, "no label or payoffs after the null outcome 0")
            t = toks[i]
            olabel = "" if t == '""' else r.label(i, "an outcome label")
            r.expect(i + 1, "{", "'{' to open the outcome's payoffs")
            i += 2
            vals: list[Fraction] = []
            texts = []
            for q in range(n_players):
                t = toks[i]
                v = numbers.get(t)
                vals.append(v if v is not None else r.number(i, f"payoff {q + 1} of outcome {num}"))
                texts.append(t)
                i += 1
                if toks[i] == ",":
                    i += 1
            if toks[i] != "}":
                raise r.fail(i, f"'}}' after the {n_players} payoffs of outcome {num} (one per player)")
            i += 1
            known = outcomes.get(num)
            if known is None:
                outcomes[num] = (olabel, tuple(texts), vals)
            elif known[0] != olabel or known[1] != tuple(texts):
                what = "label" if known[0] != olabel else "payoffs"
                raise GameError(
                    f"read_efg: outcome {num} is restated at {r.where(start)} with other {what} than at its first "
                    "description."
                )
            pay = outcomes[num][2]
        elif num:
            known = outcomes.get(num)
            if known is None:
                raise GameError(
                    f"read_efg: outcome {num} at {r.where(start)} is referenced before it is described "
                    "(its label and payoffs must come at its first node)."
                )
            pay = known[2]
        if kind == "t":
            if pay is None:
                row = acc if acc is not None else zeros
            else:
                row = pay if acc is None else [a + b for a, b in zip(acc, pay)]
            term_rows.append(row)
            term_nodes.append(node)
        else:
            child_acc = acc if pay is None else (pay if acc is None else [a + b for a, b in zip(acc, pay)])
            stack.append([node, n_kids, 0, child_acc])
    if toks[i] != _END:
        raise GameError(
            f"read_efg: the tree is complete after {len(kinds):,} nodes, but the file goes on with "
            f"{r.show(i)} at {r.where(i)}."
        )
    return _assemble(
        title=title,
        players=players,
        kinds=kinds,
        parents=parents,
        acts_in=acts_in,
        depths=depths,
        raw_infoset=raw_infoset,
        chance_set=chance_set,
        c_actions=c_actions,
        probs=probs,
        node_labels=node_labels,
        term_rows=term_rows,
        term_nodes=term_nodes,
        h_player=h_player,
        h_label=h_label,
        h_actions=h_actions,
    )


def _assemble(
    *,
    title: str,
    players: tuple[str, ...],
    kinds: list[int],
    parents: list[int],
    acts_in: list[int],
    depths: list[int],
    raw_infoset: list[int],
    chance_set: dict[int, int],
    c_actions: list[tuple[str, ...]],
    probs: list[Fraction],
    node_labels: dict[int, str],
    term_rows: list[list[Fraction]],
    term_nodes: list[int],
    h_player: list[int],
    h_label: list[str],
    h_actions: list[tuple[str, ...]],
) -> ExtensiveFormGame:
    """The preorder lists of the reader, renumbered breadth first, as a game.

    Sorting the nodes by depth, stably in preorder, gives the breadth-first
    order: the nodes of one depth appear in preorder in the order of their
    parents and then of their actions, which is the breadth-first order.
    """
    n = len(kinds)
    n_players = len(players)
    check_count(n, "max_entries", "tree nodes", _CALLER)
    check_bytes(len(term_rows) * n_players, 8, "terminal payoff entries", _CALLER)
    order = np.argsort(np.asarray(depths, dtype=np.int64), kind="stable")  # breadth-first position -> preorder node
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n, dtype=np.int64)
    par = np.asarray(parents, dtype=np.int64)[order]
    new_par = np.where(par >= 0, rank[np.maximum(par, 0)], -1)
    who = np.asarray(kinds, dtype=np.int64)[order]
    # information sets numbered by first appearance in breadth-first order
    hs = np.asarray(raw_infoset, dtype=np.int64)[order]
    dec = np.flatnonzero(hs >= 0)
    uniq, first_pos, inv = np.unique(hs[dec], return_index=True, return_inverse=True)
    by_first = np.argsort(first_pos, kind="stable")
    renum = np.empty(uniq.size, dtype=np.int64)
    renum[by_first] = np.arange(uniq.size, dtype=np.int64)
    node_h = np.full(n, -1, dtype=np.int64)
    node_h[dec] = renum[inv.ravel()]
    raw_of = uniq[by_first].tolist()
    # chance probabilities and payoffs, exact and as floats
    exact_prob = [probs[k] for k in order.tolist()]
    edge = np.fromiter((1.0 if p is _ONE else float(p) for p in exact_prob), dtype=np.float64, count=n)
    tb = rank[np.asarray(term_nodes, dtype=np.int64)]
    rows = [term_rows[k] for k in np.argsort(tb, kind="stable").tolist()]
    floats: dict[int, list[float]] = {}
    pay = np.empty((len(rows), n_players), dtype=np.float64)
    for t, row in enumerate(rows):
        f = floats.get(id(row))
        if f is None:
            f = floats[id(row)] = [to_float(v, f"the payoff {v}", _CALLER) for v in row]
        pay[t] = f
    return ExtensiveFormGame._build(
        players=players,
        title=title,
        parents=new_par,
        actions_in=np.asarray(acts_in, dtype=np.int64)[order],
        node_players=who,
        node_infosets=node_h,
        edge_prob=edge,
        exact_prob=exact_prob,
        payoffs=pay,
        exact_payoffs=rows,
        infoset_players=[h_player[k] for k in raw_of],
        infoset_labels=[h_label[k] for k in raw_of],
        infoset_actions=[h_actions[k] for k in raw_of],
        chance_actions={int(rank[v]): c_actions[c] for v, c in chance_set.items()},
        node_labels={int(rank[v]): s for v, s in node_labels.items()},
        caller=_CALLER,
    )


# ----------------------------------------------------------------------------- writing
def _quote(text: str, what: str, label: bool = True) -> str:
    """*text* as a quoted label that Gambit's reader (and :func:`read_efg`) reads back as *text*."""
    if "\\\\" in text or '\\"' in text or text.endswith("\\"):
        raise GameError(
            f"to_efg: {what} {short_text(text)} cannot be written so that Gambit reads it back "
            "(a backslash before a backslash or a quote, or at the end)."
        )
    if label:
        m = CONTROL.search(text)
        if m:
            raise GameError(
                f"to_efg: {what} {short_text(text)} holds the control character {m.group(0)!r}, which .efg labels cannot hold."
            )
    return '"' + text.replace('"', '\\"') + '"'


def _probability_texts(probabilities: tuple[Any, ...]) -> list[str]:
    """Chance probabilities (Fractions, or floats) as exact text that sums to exactly 1.

    Float probabilities are written as their shortest decimals; when those do
    not sum to exactly 1 (the game accepts a sum within 1e-9), the largest one
    takes up the difference, so that Gambit (which needs an exact sum) reads
    the file.
    """
    ps = [p if isinstance(p, Fraction) else to_fraction(p) for p in probabilities]
    total = sum(ps, Fraction(0))
    if total != 1:  # only float probabilities: exact ones sum to 1
        j = max(range(len(ps)), key=lambda k: ps[k])
        ps[j] += 1 - total
    return [fmt_number(p) for p in ps]


def to_efg(game: ExtensiveFormGame) -> str:
    """The game as Gambit ``.efg`` text, which Gambit and :func:`read_efg` read back as the same game.

    The title, player names, action names, node labels and information set
    labels are written. Information sets are numbered per player in the
    game's order and described at their first node; each chance node has its
    own chance information set. Payoffs are outcomes at the terminal nodes,
    one outcome per distinct payoff vector, described at its first use and
    referenced by number afterwards. Exact payoffs and probabilities are
    written exactly (``1/3``); float payoffs as the shortest decimal that reads
    back as the same float. Float chance probabilities whose decimals do not
    sum to exactly 1 have the largest one adjusted by the difference (at most
    1e-9), since Gambit needs an exact sum.

    Parameters
    ----------
    game : ExtensiveFormGame

    Returns
    -------
    str
        The ``.efg`` text.

    Raises
    ------
    TypeError
        If *game* is not an ExtensiveFormGame.
    GameError
        For a label that a ``.efg`` file cannot hold: one with a control
        character (a newline, a tab), or a backslash before a backslash or a
        quote or at its end.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.entry_deterrence()
    >>> print(gt.io.to_efg(g))  # doctest: +NORMALIZE_WHITESPACE
    EFG 2 R "Entry deterrence" { "Entrant" "Incumbent" }
    ""
    <BLANKLINE>
    p "" 1 1 "" { "Out" "In" } 0
    t "" 1 "" { 0 2 }
    p "" 2 1 "" { "Fight" "Accommodate" } 0
    t "" 2 "" { -1 -1 }
    t "" 3 "" { 1 1 }
    <BLANKLINE>
    >>> gt.io.read_efg(gt.io.to_efg(g)) == g
    True
    """
    if not isinstance(game, ExtensiveFormGame):
        raise TypeError(f"to_efg: game must be an ExtensiveFormGame; got {_short(game)} ({type(game).__name__}).")
    players = " ".join(_quote(p, "the player name") for p in game.players)
    lines = [f"EFG 2 R {_quote(game.title, 'the title', label=False)} {{ {players} }}", '""', ""]
    counts = [0] * game.n_players
    h_ref: list[str] = []
    h_desc: list[str] = []
    for h, (i, label, actions) in enumerate(
        zip(game.infoset_players.tolist(), game.infoset_labels, game.infoset_actions)
    ):
        counts[i] += 1
        h_ref.append(f"{i + 1} {counts[i]}")
        names = " ".join(_quote(a, f"the action name at information set {h}") for a in actions)
        h_desc.append(f" {_quote(label, f'the label of information set {h}')} {{ {names} }}")
    values = game._exact_payoffs if game._exact_payoffs is not None else game.terminal_payoffs
    texts: dict[Any, str] = {}  # each distinct number formatted once

    def number(x: Any) -> str:
        out = texts.get(x)
        if out is None:
            out = texts[x] = fmt_number(x)
        return out

    rows = [" ".join([number(x) for x in row]) for row in values.tolist()]
    who = game.node_players.tolist()
    hs = game.node_infosets.tolist()
    tindex = game.terminal_index.tolist()
    node_labels = game._node_labels
    described = [False] * game.n_infosets
    outcome_of: dict[str, int] = {}
    chance_text: dict[tuple[Any, ...], str] = {}
    fc = game.first_child.tolist()
    nc = game.n_children.tolist()
    exact_prob = game._exact_prob
    edge = game.edge_probabilities.tolist()
    n_chance = 0
    for v in game.preorder().tolist():
        label = node_labels.get(v, "")
        lab = _quote(label, f"the label of node {v}") if label else '""'
        w = who[v]
        if w >= 0:
            h = hs[v]
            desc = h_desc[h] if not described[h] else ""
            described[h] = True
            lines.append(f"p {lab} {h_ref[h]}{desc} 0")
        elif w == CHANCE:
            n_chance += 1
            first = fc[v]
            stop = first + nc[v]
            key = (game.node_actions(v), *(exact_prob[first:stop] if exact_prob is not None else edge[first:stop]))
            pairs = chance_text.get(key)
            if pairs is None:
                pairs = " ".join(
                    f"{_quote(a, f'the chance action name at node {v}')} {p}"
                    for a, p in zip(key[0], _probability_texts(key[1:]))
                )
                if len(chance_text) < 10_000:
                    chance_text[key] = pairs
            lines.append(f'c {lab} {n_chance} "" {{ {pairs} }} 0')
        else:
            row = rows[tindex[v]]
            k = outcome_of.get(row)
            if k is None:
                k = outcome_of[row] = len(outcome_of) + 1
                lines.append(f't {lab} {k} "" {{ {row} }}')
            else:
                lines.append(f"t {lab} {k}")
    return "\n".join(lines) + "\n"
