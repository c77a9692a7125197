"""Textbook game trees with their answers from the literature.

Each function returns an :class:`~gametheory_af.ExtensiveFormGame` with exact
payoffs; they are also available from :mod:`gametheory_af.catalog`.

Examples
--------
>>> import gametheory_af as gt
>>> gt.catalog.entry_deterrence().players
('Entrant', 'Incumbent')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._validation import FrozenMapping, _short, check_bool, check_int, is_rational_scalar, parse_number, to_fraction
from ..exceptions import GameError
from .game import Chance, Decision, ExtensiveFormGame

__all__ = [
    "entry_deterrence",
    "matching_pennies_tree",
    "kuhn_poker",
    "leduc_poker",
    "chain_store",
    "centipede",
    "ultimatum",
    "stackelberg",
    "seltens_horse",
    "beer_quiche",
    "TreeCatalogEntry",
    "tree_names",
    "get_tree",
    "tree_entries",
]

_POKER_PLAYERS = ("Player 1", "Player 2")
_RANKS = ("J", "Q", "K")


def entry_deterrence() -> ExtensiveFormGame:
    """Selten's one-shot entry game: a threat to fight that is not credible.

    The entrant stays out (0, 2) or enters; the incumbent then fights
    (-1, -1) or accommodates (1, 1). The unique subgame-perfect equilibrium is
    (In, Accommodate); (Out, Fight) is a Nash equilibrium resting on an
    incredible threat.

    Returns
    -------
    ExtensiveFormGame

    References
    ----------
    Selten, R. (1978). The chain store paradox. Theory and Decision 9, 127-159.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.catalog.entry_deterrence().n_terminals
    3
    """
    return ExtensiveFormGame(
        Decision("Entrant", {"Out": (0, 2), "In": Decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (1, 1)})}),
        title="Entry deterrence",
    )


def matching_pennies_tree() -> ExtensiveFormGame:
    """Matching pennies as a tree: player 2 moves without seeing player 1's coin.

    Returns
    -------
    ExtensiveFormGame
        Two information sets, ``h1`` and ``h2``; the unique equilibrium mixes 1/2-1/2.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.catalog.matching_pennies_tree().is_perfect_information
    False
    """
    def p2(a: int, b: int) -> Decision:
        return Decision("Player 2", {"H": (a, b), "T": (b, a)}, infoset="h2")

    return ExtensiveFormGame(
        Decision("Player 1", {"H": p2(1, -1), "T": p2(-1, 1)}, infoset="h1"),
        title="Matching pennies (tree)",
    )


# ----------------------------------------------------------------------------- poker
def _betting(
    *,
    bet: int,
    max_bets: int,
    contrib: tuple[int, int],
    to_act: int,
    facing: bool,
    bets: int,
    history: str,
    label: Callable[[int, str], str],
    at_end: Callable[[tuple[int, int], str], Any],
) -> Decision:
    """One betting round of limit poker as nested data (at most *max_bets* bets and raises).

    ``history`` holds the round's moves so far: ``k`` check, ``b`` bet,
    ``f`` fold, ``c`` call, ``r`` raise. *label* names the information set of a
    player from the history; *at_end* builds what follows a check-check or a
    call (a showdown or the next round).
    """
    other = 1 - to_act
    name = _POKER_PLAYERS[to_act]

    def add(amount: int) -> tuple[int, int]:
        c = list(contrib)
        c[to_act] += amount
        return (c[0], c[1])

    def nxt(c: tuple[int, int], h: str, now_facing: bool, n: int) -> Decision:
        return _betting(
            bet=bet, max_bets=max_bets, contrib=c, to_act=other, facing=now_facing, bets=n,
            history=h, label=label, at_end=at_end,
        )

    actions: dict[str, Any] = {}
    if not facing:
        h = history + "k"
        actions["Check"] = at_end(contrib, h) if history.endswith("k") else nxt(contrib, h, False, bets)
        actions["Bet"] = nxt(add(bet), history + "b", True, bets + 1)
    else:
        folded = [contrib[to_act], contrib[to_act]]
        folded[to_act] = -contrib[to_act]
        actions["Fold"] = tuple(folded)
        called = add(contrib[other] - contrib[to_act])
        actions["Call"] = at_end(called, history + "c")
        if bets < max_bets:
            actions["Raise"] = nxt(add(contrib[other] - contrib[to_act] + bet), history + "r", True, bets + 1)
    return Decision(name, actions, infoset=label(to_act, history))


def _showdown(contrib: tuple[int, int], strength: tuple[int, int]) -> tuple[int, int]:
    """Payoffs when the cards are shown: the stronger hand wins the other's stake; a tie splits."""
    if strength[0] == strength[1]:
        return (0, 0)
    win = contrib[1] if strength[0] > strength[1] else -contrib[0]
    return (win, -win)


def kuhn_poker() -> ExtensiveFormGame:
    """Kuhn's three-card poker, the classic small zero-sum game of bluffing.

    The deck holds a Jack, a Queen and a King. Each player antes 1 and is dealt
    one card (a chance node with six equally likely deals, named by player 1's
    card then player 2's, ``"JQ"`` ... ``"KQ"``). Player 1 checks or bets 1;
    after a check player 2 checks (showdown for the antes) or bets 1, and
    player 1 then folds or calls; after a bet player 2 folds or calls. At a
    showdown the higher card wins the other player's stake.

    Returns
    -------
    ExtensiveFormGame
        Players ``"Player 1"``, ``"Player 2"``; 55 nodes, 30 terminal nodes and
        12 information sets labelled ``"P1 J: -"`` (player 1 holding the Jack,
        nothing bet yet), ``"P2 Q: k"`` (player 2 with the Queen after a
        check), ``"P2 Q: b"``, ``"P1 K: kb"`` and so on: the player, her card,
        and the moves so far (``k`` check, ``b`` bet). Payoffs are exact
        integers, probabilities exact sixths.

    Notes
    -----
    The game is zero-sum and its value to player 1 is -1/18 (Kuhn 1950).
    Player 1's optimal strategies form a one-parameter family: with
    ``alpha`` in [0, 1/3] she bets the Jack with probability ``alpha`` (and
    folds it to a bet), always checks the Queen and calls a bet with it with
    probability ``alpha + 1/3``, and bets the King with probability
    ``3 alpha`` (calling a bet after checking it). Player 2's optimal strategy
    is unique: call a bet with the King, with the Queen with probability 1/3,
    fold the Jack; after a check bet the King, check the Queen, and bet the
    Jack with probability 1/3.

    References
    ----------
    Kuhn, H. W. (1950). A simplified two-person poker. In H. W. Kuhn and
    A. W. Tucker (eds.), Contributions to the Theory of Games I, Annals of
    Mathematics Studies 24, 97-103. Princeton University Press.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.kuhn_poker()
    >>> g.n_nodes, g.n_terminals, g.n_infosets, g.is_zero_sum, g.has_perfect_recall
    (55, 30, 12, True, True)
    >>> g.infoset_labels[:4]
    ('P1 J: -', 'P1 Q: -', 'P1 K: -', 'P2 Q: k')
    """

    def deal(c1: str, c2: str) -> Decision:
        s = (_RANKS.index(c1), _RANKS.index(c2))

        def label(i: int, h: str) -> str:
            return f"P{i + 1} {(c1, c2)[i]}: {h or '-'}"

        return _betting(
            bet=1, max_bets=1, contrib=(1, 1), to_act=0, facing=False, bets=0, history="",
            label=label, at_end=lambda c, h: _showdown(c, s),
        )

    sixth = Fraction(1, 6)
    deals = [(a + b, sixth, deal(a, b)) for a in _RANKS for b in _RANKS if a != b]
    return ExtensiveFormGame(Chance(deals, label="deal"), players=_POKER_PLAYERS, title="Kuhn poker")


_LEDUC_MAX_BETS = 2


def leduc_poker(*, suits: bool = False) -> ExtensiveFormGame:
    """Leduc hold'em: two betting rounds, a public card, six cards in two suits.

    The deck holds two Jacks, two Queens and two Kings (suits ``h`` and
    ``s``). Each player antes 1 and is dealt one card (two chance nodes: player
    1's card, then player 2's from the five left, all equally likely). A
    betting round follows, player 1 first: check or bet; facing a bet, fold,
    call or raise; at most two bets per round (a bet and one raise); bets are
    2 in the first round and 4 in the second. If nobody folds, a public card
    is dealt from the four left and a second round is played. At the showdown
    a player whose card pairs the public card wins; otherwise the higher rank
    wins; equal ranks split the pot. A fold loses the folder's stake.

    Parameters
    ----------
    suits : bool, default False
        Whether the players see the suits. They never matter for the payoffs,
        so by default an information set holds the player's rank, the public
        rank and the betting (the suit-isomorphic game: 288 information
        sets); ``True`` distinguishes the six cards (936 information sets, as
        in OpenSpiel's ``leduc_poker``, whose players see card numbers). The
        two games have the same value.

    Returns
    -------
    ExtensiveFormGame
        Players ``"Player 1"``, ``"Player 2"``; 9,457 nodes (1 + 6 chance
        nodes dealing, 30 deals each with a first round of 6 decision and 4
        fold nodes, 5 chance nodes for the public card and 20 second rounds
        of 15 nodes), 5,520 terminal nodes. Information sets are labelled
        by the player, the card she sees, the public card in the second
        round, and the betting so far (``k`` check, ``b`` bet, ``c`` call,
        ``r`` raise, ``/`` between the rounds): ``"P1 K: -"`` (player 1 with
        a King, first move), ``"P2 Q: k"`` (player 2 with a Queen after a
        check), ``"P1 J Q: kbc/kb"`` (player 1 with a
        Jack, the Queen on the table, facing a bet in the second round).
        Payoffs are exact integers, probabilities exact fractions.

    Notes
    -----
    The game is zero-sum; player 2, who acts second in both rounds, has the
    advantage. Its value to player 1 is about -0.0856: Gambit's sequence-form
    LP (pygambit 16.7 ``lp_solve(..., rational=False,
    use_strategic=False)``) gives -0.085606424 on this tree, matching the
    -0.0856 quoted in the literature on solving Leduc hold'em.

    References
    ----------
    Southey, F., Bowling, M., Larson, B., Piccione, C., Burch, N., Billings, D.
    and Rayner, C. (2005). Bayes' bluff: opponent modelling in poker. In
    Proceedings of the 21st Conference on Uncertainty in Artificial
    Intelligence (UAI), 550-558.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.leduc_poker()
    >>> g.n_nodes, g.n_terminals, g.n_infosets, g.is_zero_sum
    (9457, 5520, 288, True)
    """
    suits = check_bool(suits, "suits", "leduc_poker")
    cards = [r + s for r in _RANKS for s in ("h", "s")]

    def seen(card: str) -> str:
        return card if suits else card[0]

    def strength(card: str, public: str) -> int:
        return 10 if card[0] == public[0] else _RANKS.index(card[0])

    def second_round(c1: str, c2: str, public: str, contrib: tuple[int, int], h1: str) -> Decision:
        s = (strength(c1, public), strength(c2, public))

        def label(i: int, h: str) -> str:
            return f"P{i + 1} {seen((c1, c2)[i])} {seen(public)}: {h1}/{h}"

        return _betting(
            bet=4, max_bets=_LEDUC_MAX_BETS, contrib=contrib, to_act=0, facing=False, bets=0, history="",
            label=label, at_end=lambda c, h: _showdown(c, s),
        )

    def deal(c1: str, c2: str) -> Decision:
        left = [c for c in cards if c not in (c1, c2)]
        quarter = Fraction(1, 4)

        def label(i: int, h: str) -> str:
            return f"P{i + 1} {seen((c1, c2)[i])}: {h or '-'}"

        def public(contrib: tuple[int, int], h1: str) -> Chance:
            return Chance([(p, quarter, second_round(c1, c2, p, contrib, h1)) for p in left], label="public card")

        return _betting(
            bet=2, max_bets=_LEDUC_MAX_BETS, contrib=(1, 1), to_act=0, facing=False, bets=0, history="",
            label=label, at_end=public,
        )

    fifth, sixth = Fraction(1, 5), Fraction(1, 6)
    tree = Chance(
        [
            (c1, sixth, Chance([(c2, fifth, deal(c1, c2)) for c2 in cards if c2 != c1], label="deal to Player 2"))
            for c1 in cards
        ],
        label="deal to Player 1",
    )
    return ExtensiveFormGame(tree, players=_POKER_PLAYERS, title="Leduc hold'em")


# ----------------------------------------------------------------------------- helpers
def _rational(value: Any, name: str, caller: str, *, positive: bool = False) -> Fraction:
    """An exact non-negative (or positive) rational from an int, Fraction, finite float or text like ``"1/2"``."""
    if isinstance(value, str):
        out = parse_number(value, name, caller)
    elif isinstance(value, (bool, np.bool_)) or not (is_rational_scalar(value) or isinstance(value, (float, np.floating))):
        raise TypeError(f"{caller}: {name} must be a number; got {_short(value)} ({type(value).__name__}).")
    else:
        if isinstance(value, (float, np.floating)) and not np.isfinite(value):
            raise GameError(f"{caller}: {name} must be a finite number; got {value!r}.")
        out = to_fraction(value)
    if out < 0 or (positive and out == 0):
        raise GameError(f"{caller}: {name} must be {'> 0' if positive else '>= 0'}; got {_short(value)}.")
    return out


def _amount(x: Fraction) -> str:
    """An action name for an amount: ``"3"``, ``"1/2"``."""
    return str(x)


# ----------------------------------------------------------------------------- chain store
_CHAIN_MAX = 8


def chain_store(n: int = 2) -> ExtensiveFormGame:
    """Selten's chain-store game: an incumbent faces *n* potential entrants in turn.

    In market ``k`` (``k = 1 .. n``) entrant ``k``, who has seen everything
    that happened in the earlier markets, stays out or enters; after an entry
    the incumbent fights or accommodates. Each market pays as in Selten (1978):
    out (entrant 1, incumbent 5), enter and accommodate (2, 2), enter and fight
    (0, 0). The incumbent's payoff is the sum over the markets; each entrant's
    is its own market's.

    Parameters
    ----------
    n : int, default 2
        The number of markets, 1 to 8 (the tree has ``2 * 3**n - 1`` nodes and
        ``n + 1`` players).

    Returns
    -------
    ExtensiveFormGame
        Players ``"Incumbent"``, ``"Entrant 1"``, ..., ``"Entrant n"``; perfect
        information, actions ``"Out"``/``"In"`` and ``"Fight"``/``"Accommodate"``.
        Every decision node is labelled by who moves in which market and what
        happened before: ``"Entrant 2: A"`` is entrant 2 after market 1 ended
        in an accommodated entry (``O`` out, ``F`` fought, ``A`` accommodated),
        ``"Incumbent 2: A"`` the incumbent after entrant 2 entered.

    Raises
    ------
    GameError
        For ``n`` outside 1 .. 8.
    TypeError
        For an ``n`` that is not an integer.

    Notes
    -----
    Backward induction gives a unique subgame-perfect equilibrium: in every
    market, whatever happened before, the entrant enters and the incumbent
    accommodates (fighting in the last market gains nothing, so by induction in
    none). Its outcome pays the incumbent ``2 n`` and each entrant 2. The
    "paradox" is that a reputation for fighting, which would keep entrants out
    and pay the incumbent ``5 n``, is not sustained in any subgame-perfect
    equilibrium of the finite game (Selten 1978; Osborne and Rubinstein 1994,
    Section 6.5.1).

    References
    ----------
    Selten, R. (1978). The chain store paradox. Theory and Decision 9, 127-159.
    Osborne, M. J. and Rubinstein, A. (1994). A Course in Game Theory. MIT
    Press, Section 6.5.1.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.chain_store(2)
    >>> g.players, g.n_nodes, g.is_perfect_information
    (('Incumbent', 'Entrant 1', 'Entrant 2'), 17, True)
    >>> g.infoset_labels[:3]
    ('Entrant 1: -', 'Entrant 2: O', 'Incumbent 1: -')
    """
    caller = "chain_store"
    n = check_int(n, "n", caller, minimum=1, maximum=_CHAIN_MAX)
    market = {"O": (5, 1), "F": (0, 0), "A": (2, 2)}  # (incumbent, entrant)

    def payoffs(history: str) -> tuple[int, ...]:
        inc = sum(market[c][0] for c in history)
        return (inc, *(market[c][1] for c in history))

    def stage(history: str) -> Any:
        k = len(history)
        if k == n:
            return payoffs(history)
        tag = history or "-"
        fight = Decision(
            "Incumbent",
            {"Fight": stage(history + "F"), "Accommodate": stage(history + "A")},
            infoset=f"Incumbent {k + 1}: {tag}",
        )
        return Decision(f"Entrant {k + 1}", {"Out": stage(history + "O"), "In": fight}, infoset=f"Entrant {k + 1}: {tag}")

    players = ("Incumbent", *(f"Entrant {k + 1}" for k in range(n)))
    return ExtensiveFormGame(stage(""), players=players, title=f"Chain store ({n} markets)")


# ----------------------------------------------------------------------------- centipede
_CENTIPEDE_MAX = 1000


def centipede(n: int = 4) -> ExtensiveFormGame:
    """Rosenthal's centipede game with McKelvey and Palfrey's doubling pots.

    Two players alternate, player 1 first. At each of the *n* moves the mover
    takes the larger of two piles (the game ends) or passes (both piles
    double and the other player moves). The piles start at 0.40 and 0.10
    (dollars), so taking at move ``k`` (``k = 1 .. n``) pays the mover
    ``0.40 * 2**(k-1)`` and the other ``0.10 * 2**(k-1)``; if all *n* moves
    pass, the player who would move next gets ``0.40 * 2**n`` and the other
    ``0.10 * 2**n``. Payoffs are exact fractions.

    Parameters
    ----------
    n : int, default 4
        The number of moves, 1 to 1000 (the tree has ``2 n + 1`` nodes).

    Returns
    -------
    ExtensiveFormGame
        Players ``"Player 1"``, ``"Player 2"``; perfect information; actions
        ``"Take"``, ``"Pass"``; decision nodes labelled ``"move 1"`` ...
        ``"move n"``.

    Raises
    ------
    GameError
        For ``n`` outside 1 .. 1000.
    TypeError
        For an ``n`` that is not an integer.

    Notes
    -----
    Since the mover's take pays four times what she gets when the other takes
    at the next move (``0.40`` against ``2 * 0.10``), backward induction has
    every player take at every move: the unique subgame-perfect equilibrium
    ends the game at the first move with payoffs (0.40, 0.10), and every Nash
    equilibrium has the same outcome. In McKelvey and Palfrey's experiments
    with four and six moves, few subjects took at the first move. Gambit's
    ``cent4.efg`` is this game for ``n = 4`` with every payoff doubled.

    References
    ----------
    Rosenthal, R. W. (1981). Games of perfect information, predatory pricing
    and the chain-store paradox. Journal of Economic Theory 25, 92-100.
    McKelvey, R. D. and Palfrey, T. R. (1992). An experimental study of the
    centipede game. Econometrica 60, 803-836.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.centipede(4)
    >>> g.n_nodes, g.exact_terminal_payoffs()[0].tolist()
    (9, [Fraction(2, 5), Fraction(1, 10)])
    """
    n = check_int(n, "n", "centipede", minimum=1, maximum=_CENTIPEDE_MAX)
    large, small = Fraction(2, 5), Fraction(1, 10)

    def split(k: int) -> tuple[Fraction, Fraction]:
        """The piles when move k+1 (0-based k) is reached, as (player 1, player 2) if the mover takes."""
        big, little = large * 2**k, small * 2**k
        return (big, little) if k % 2 == 0 else (little, big)

    tree: Any = split(n)
    for k in range(n - 1, -1, -1):  # built from the last move back: no recursion
        tree = Decision(f"Player {k % 2 + 1}", {"Take": split(k), "Pass": tree}, infoset=f"move {k + 1}")
    return ExtensiveFormGame(tree, players=("Player 1", "Player 2"), title=f"Centipede ({n} moves)")


# ----------------------------------------------------------------------------- ultimatum
_ULTIMATUM_MAX_OFFERS = 10_000


def ultimatum(pie: Any = 10, *, step: Any = 1) -> ExtensiveFormGame:
    """The ultimatum game with offers on a grid.

    The proposer offers the responder an amount ``0, step, 2 step, ..., pie``;
    the responder, seeing the offer, accepts (the proposer keeps the rest) or
    rejects (both get 0).

    Parameters
    ----------
    pie : int, Fraction, float or str, default 10
        The amount to divide, positive; kept exactly (``"5/2"`` is exact).
    step : int, Fraction, float or str, default 1
        The grid's unit, positive and dividing *pie* exactly.

    Returns
    -------
    ExtensiveFormGame
        Players ``"Proposer"``, ``"Responder"``; perfect information. The
        proposer's actions are the offers written as numbers (``"0"``, ``"1"``,
        ... or ``"1/2"``); the responder's nodes are labelled ``"offer 3"``
        and so on, with actions ``"Accept"``, ``"Reject"``.

    Raises
    ------
    GameError
        For a pie or step that is not positive, a step that does not divide
        the pie, or more than 10,000 offers.
    TypeError
        For a pie or step that is not a number.

    Notes
    -----
    In every subgame-perfect equilibrium the responder accepts every positive
    offer; at offer 0 she is indifferent. So the discrete game has exactly two
    pure subgame-perfect equilibria (Osborne 2004, Section 6.1.1): the
    proposer offers 0 and the responder accepts everything, or the proposer
    offers ``step`` and the responder rejects 0 and accepts the rest. Their
    outcomes pay ``(pie, 0)`` and ``(pie - step, step)``. (Any offer can be
    part of a Nash equilibrium, held up by a threat to reject less.)
    Experiments (Güth et al. 1982) find typical offers of 40-50% and
    rejections of low offers.

    References
    ----------
    Güth, W., Schmittberger, R. and Schwarze, B. (1982). An experimental
    analysis of ultimatum bargaining. Journal of Economic Behavior and
    Organization 3, 367-388.
    Osborne, M. J. (2004). An Introduction to Game Theory. Oxford University
    Press, Section 6.1.1.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.ultimatum(4)
    >>> g.node_actions(0), g.n_nodes
    (('0', '1', '2', '3', '4'), 16)
    >>> gt.catalog.ultimatum(1, step="1/2").node_actions(0)
    ('0', '1/2', '1')
    """
    caller = "ultimatum"
    pie_q = _rational(pie, "pie", caller, positive=True)
    step_q = _rational(step, "step", caller, positive=True)
    ratio = pie_q / step_q
    if ratio.denominator != 1:
        raise GameError(f"{caller}: step {step_q} must divide pie {pie_q} exactly; pie / step = {ratio}.")
    k = int(ratio)
    if k + 1 > _ULTIMATUM_MAX_OFFERS:
        raise GameError(f"{caller}: pie / step = {k} gives {k + 1} offers; at most {_ULTIMATUM_MAX_OFFERS} are allowed.")
    offers = [step_q * j for j in range(k + 1)]
    root = Decision(
        "Proposer",
        [
            (
                _amount(x),
                Decision("Responder", {"Accept": (pie_q - x, x), "Reject": (0, 0)}, infoset=f"offer {_amount(x)}"),
            )
            for x in offers
        ],
        infoset="proposal",
    )
    return ExtensiveFormGame(root, players=("Proposer", "Responder"), title=f"Ultimatum (pie {pie_q}, step {step_q})")


# ----------------------------------------------------------------------------- Stackelberg
_MAX_QUANTITIES = 50


def stackelberg(
    *,
    simultaneous: bool = False,
    quantities: Sequence[Any] = (3, 4, 6),
    intercept: Any = 12,
    cost: Any = 0,
) -> ExtensiveFormGame:
    """A Cournot duopoly where the leader commits to a quantity first (or nobody does).

    Two firms choose quantities from a grid; the price is
    ``max(intercept - q1 - q2, 0)`` and each firm's profit is its quantity
    times the price less its unit cost. The leader moves first; the follower
    sees the leader's quantity (``simultaneous=False``, von Stackelberg) or
    not (``simultaneous=True``, Cournot: the follower's nodes form one
    information set).

    Parameters
    ----------
    simultaneous : bool, default False
        Whether the follower chooses without seeing the leader's quantity.
    quantities : sequence of numbers, default (3, 4, 6)
        The grid both firms choose from: distinct, non-negative, at most 50.
    intercept : number, default 12
        The demand intercept ``a`` (positive).
    cost : number, default 0
        The unit cost ``c`` of both firms (non-negative).

    Returns
    -------
    ExtensiveFormGame
        Players ``"Leader"``, ``"Follower"``; actions are the quantities
        written as numbers. The follower's information sets are labelled
        ``"after 6"`` (one per leader quantity), or ``"Follower"`` when the
        moves are simultaneous; the leader's is ``"Leader"``.

    Raises
    ------
    GameError
        For an empty or over-long grid, repeated or negative quantities, or a
        demand intercept that is not positive or a cost that is negative.
    TypeError
        For entries that are not numbers.

    Notes
    -----
    With linear demand ``a - Q`` and cost ``c``, the monopoly quantity is
    ``(a - c) / 2``; the Stackelberg leader produces it and the follower half
    as much, ``(a - c) / 4``, while at the Cournot equilibrium each produces
    ``(a - c) / 3`` (Gibbons 1992, Sections 1.2.A and 2.1.B). The defaults
    (``a - c = 12``) put all three on the grid: the unique subgame-perfect
    equilibrium has the leader produce 6 and the follower reply 3 (profits
    18 and 9), while the simultaneous game's unique pure equilibrium is
    Cournot's (4, 4) with profits 16 each. Committing first is worth 18 > 16
    to the leader.

    References
    ----------
    von Stackelberg, H. (1934). Marktform und Gleichgewicht. Springer, Vienna.
    Gibbons, R. (1992). Game Theory for Applied Economists. Princeton
    University Press, Sections 1.2.A and 2.1.B.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.stackelberg()
    >>> g.is_perfect_information, g.n_nodes
    (True, 13)
    >>> gt.catalog.stackelberg(simultaneous=True).n_infosets
    2
    """
    caller = "stackelberg"
    simultaneous = check_bool(simultaneous, "simultaneous", caller)
    if isinstance(quantities, (str, bytes)) or not isinstance(quantities, (Sequence, np.ndarray)):
        raise TypeError(f"{caller}: quantities must be a sequence of numbers; got {_short(quantities)}.")
    qs = [_rational(q, f"quantities[{k}]", caller) for k, q in enumerate(quantities)]
    if not 1 <= len(qs) <= _MAX_QUANTITIES:
        raise GameError(f"{caller}: quantities must have 1 to {_MAX_QUANTITIES} entries; got {len(qs)}.")
    if len(set(qs)) != len(qs):
        raise GameError(f"{caller}: quantities must be distinct; got {[str(q) for q in qs]}.")
    a = _rational(intercept, "intercept", caller, positive=True)
    c = _rational(cost, "cost", caller)

    def profits(q1: Fraction, q2: Fraction) -> tuple[Fraction, Fraction]:
        price = max(a - q1 - q2, Fraction(0))
        return (q1 * (price - c), q2 * (price - c))

    def follower(q1: Fraction) -> Decision:
        label = "Follower" if simultaneous else f"after {_amount(q1)}"
        return Decision("Follower", [(_amount(q2), profits(q1, q2)) for q2 in qs], infoset=label)

    root = Decision("Leader", [(_amount(q1), follower(q1)) for q1 in qs], infoset="Leader")
    title = "Cournot duopoly (simultaneous)" if simultaneous else "Stackelberg duopoly"
    return ExtensiveFormGame(root, players=("Leader", "Follower"), title=title)


# ----------------------------------------------------------------------------- Selten's horse
def seltens_horse() -> ExtensiveFormGame:
    """Selten's horse: three players, and a Nash equilibrium that is not perfect.

    Player 1 goes across (``R``) to player 2 or down (``L``) to player 3;
    player 2 goes across (``R``), ending the game with (1, 1, 1), or down
    (``L``) to player 3. Player 3 does not know which of them sent the play
    down and chooses ``L`` or ``R``: after player 1's down move they pay
    (0, 0, 0) and (3, 2, 2); after player 2's, (0, 0, 1) and (4, 4, 0).

    Returns
    -------
    ExtensiveFormGame
        Players ``"Player 1"``, ``"Player 2"``, ``"Player 3"``; information
        sets ``"P1"``, ``"P2"``, ``"P3"`` (player 3's holds two nodes), each
        with actions ``"R"``, ``"L"`` as in Selten's figure and Gambit's
        ``catalog/journals/ijgt/selten1975/fig1.efg``.

    Notes
    -----
    The game has no proper subgame, so subgame perfection rules out nothing.
    Its Nash equilibria form two components (Selten 1975, Section 6):

    * players 1 and 2 go across and player 3 plays ``L`` with probability at
      least 3/4 (payoffs (1, 1, 1)): these are the perfect (and sequential)
      equilibria;
    * player 1 goes down, player 3 plays ``R`` and player 2 goes across with
      probability at least 1/3 (payoffs (3, 2, 2)): Nash equilibria, but not
      perfect, since player 2's across move is not a best reply at her
      (unreached) node, where down would give her 4.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for
    equilibrium points in extensive games. International Journal of Game
    Theory 4, 25-55, Figure 1.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.seltens_horse()
    >>> g.n_players, g.n_nodes, g.n_infosets, g.has_perfect_recall
    (3, 9, 3, True)
    """
    def p3(down_left: tuple[int, int, int], down_right: tuple[int, int, int]) -> Decision:
        return Decision("Player 3", {"R": down_right, "L": down_left}, infoset="P3")

    p2 = Decision("Player 2", {"R": (1, 1, 1), "L": p3((0, 0, 1), (4, 4, 0))}, infoset="P2")
    root = Decision("Player 1", {"R": p2, "L": p3((0, 0, 0), (3, 2, 2))}, infoset="P1")
    return ExtensiveFormGame(root, players=("Player 1", "Player 2", "Player 3"), title="Selten's horse")


# ----------------------------------------------------------------------------- beer-quiche
def beer_quiche() -> ExtensiveFormGame:
    """Cho and Kreps's beer-quiche signalling game.

    Chance makes the sender strong (probability 9/10) or weak (1/10). The
    sender, knowing his type, has beer or quiche for breakfast; the receiver
    sees the breakfast, not the type, and duels or not. The sender gets 1 for
    his preferred breakfast (beer if strong, quiche if weak) plus 2 if there is
    no duel; the receiver gets 1 for dueling a weak sender or not dueling a
    strong one, 0 otherwise.

    Returns
    -------
    ExtensiveFormGame
        Players ``"Sender"``, ``"Receiver"``; chance outcomes ``"Strong"``,
        ``"Weak"``; the sender's information sets ``"Strong"``, ``"Weak"``
        (actions ``"Beer"``, ``"Quiche"``), the receiver's ``"after Beer"``,
        ``"after Quiche"`` (actions ``"Duel"``, ``"Not"``), each holding two
        nodes.

    Notes
    -----
    Every sequential equilibrium pools (Cho and Kreps 1987, Section II):

    * both types have beer and the receiver does not duel; after quiche (off
      the path) he duels with probability at least 1/2, believing the sender
      weak with probability at least 1/2; the sender expects 2.9;
    * both types have quiche and the receiver does not duel; after beer he
      duels with probability at least 1/2; the sender expects 2.1.

    Only the beer outcome passes the Intuitive Criterion: in the quiche
    equilibrium the weak type (3 on the path) could never gain from beer (at
    most 2), while the strong type (2 on the path) would gain from beer if not
    dueled (3), so a receiver who sees beer should believe the sender strong
    and not duel, breaking the equilibrium.

    References
    ----------
    Cho, I.-K. and Kreps, D. M. (1987). Signaling games and stable equilibria.
    Quarterly Journal of Economics 102, 179-221.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.beer_quiche()
    >>> g.infoset_labels
    ('Strong', 'Weak', 'after Beer', 'after Quiche')
    """
    def receiver(breakfast: str, strong: bool) -> Decision:
        taste = 1 if (breakfast == "Beer") == strong else 0
        duel_payoff = 0 if strong else 1
        return Decision(
            "Receiver",
            {"Duel": (taste, duel_payoff), "Not": (taste + 2, 1 - duel_payoff)},
            infoset=f"after {breakfast}",
        )

    def sender(kind: str) -> Decision:
        strong = kind == "Strong"
        return Decision("Sender", {b: receiver(b, strong) for b in ("Beer", "Quiche")}, infoset=kind)

    root = Chance({"Strong": (Fraction(9, 10), sender("Strong")), "Weak": (Fraction(1, 10), sender("Weak"))}, label="type")
    return ExtensiveFormGame(root, players=("Sender", "Receiver"), title="Beer-quiche")


# ----------------------------------------------------------------------------- registry
@dataclass(frozen=True)
class TreeCatalogEntry:
    """A catalog game tree with the facts the literature knows about it.

    Parameters
    ----------
    name, game, answers, source : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    name : str
        Identifier, as accepted by :func:`get_tree`.
    game : ExtensiveFormGame
        The game, built with the factory's default arguments.
    answers : Mapping
        Read-only facts, each under one of these keys when it is known:
        ``"n_nodes"``, ``"n_infosets"`` (structure, always present);
        ``"value"`` (an exact zero-sum value to player 1) or ``"value_approx"``
        (a float); ``"spe_outcomes"`` (the terminal paths, as tuples of action
        and chance-outcome names from the root, of the pure subgame-perfect
        equilibria) with ``"spe_payoffs"`` (their payoffs, in the same order);
        ``"equilibria"`` (Nash equilibria as behaviour profiles keyed by
        information-set label, exact, each with zero regret); and
        game-specific entries described in the factory's Notes.
    source : str
        Where the game and its answers are described.
    """

    name: str
    game: ExtensiveFormGame
    answers: Mapping[str, Any]
    source: str


_F = Fraction
_KUHN_BEHAVIOR = {  # Kuhn (1950) with alpha = 0: player 1 never bluffs
    "P1 J: -": "Check",
    "P1 Q: -": "Check",
    "P1 K: -": "Check",
    "P1 J: kb": "Fold",
    "P1 Q: kb": (_F(2, 3), _F(1, 3)),
    "P1 K: kb": "Call",
    "P2 J: k": (_F(2, 3), _F(1, 3)),
    "P2 J: b": "Fold",
    "P2 Q: k": "Check",
    "P2 Q: b": (_F(2, 3), _F(1, 3)),
    "P2 K: k": "Bet",
    "P2 K: b": "Call",
}

_TREES: dict[str, tuple[Callable[[], ExtensiveFormGame], dict[str, Any], str]] = {
    "entry_deterrence": (
        entry_deterrence,
        {
            "n_nodes": 5,
            "n_infosets": 2,
            "spe_outcomes": (("In", "Accommodate"),),
            "spe_payoffs": ((1, 1),),
            "equilibria": ({0: "In", 1: "Accommodate"}, {0: "Out", 1: "Fight"}),
        },
        "Selten (1978), Theory and Decision 9",
    ),
    "matching_pennies_tree": (
        matching_pennies_tree,
        {
            "n_nodes": 7,
            "n_infosets": 2,
            "value": _F(0),
            "equilibria": ({"h1": (_F(1, 2), _F(1, 2)), "h2": (_F(1, 2), _F(1, 2))},),
        },
        "von Neumann and Morgenstern (1944)",
    ),
    "kuhn_poker": (
        kuhn_poker,
        {"n_nodes": 55, "n_infosets": 12, "value": _F(-1, 18), "equilibria": (_KUHN_BEHAVIOR,)},
        "Kuhn (1950), Contributions to the Theory of Games I",
    ),
    "leduc_poker": (
        leduc_poker,
        {"n_nodes": 9457, "n_infosets": 288, "value_approx": -0.085606},
        "Southey et al. (2005), UAI; value from Gambit's sequence-form LP",
    ),
    "chain_store": (
        chain_store,
        {
            "n_nodes": 17,
            "n_infosets": 8,
            "spe_outcomes": (("In", "Accommodate", "In", "Accommodate"),),
            "spe_payoffs": ((4, 2, 2),),
        },
        "Selten (1978), Theory and Decision 9; Osborne and Rubinstein (1994), Section 6.5.1",
    ),
    "centipede": (
        centipede,
        {"n_nodes": 9, "n_infosets": 4, "spe_outcomes": (("Take",),), "spe_payoffs": ((_F(2, 5), _F(1, 10)),)},
        "Rosenthal (1981), JET 25; McKelvey and Palfrey (1992), Econometrica 60",
    ),
    "ultimatum": (
        ultimatum,
        {
            "n_nodes": 34,
            "n_infosets": 12,
            "spe_outcomes": (("0", "Accept"), ("1", "Accept")),
            "spe_payoffs": ((10, 0), (9, 1)),
        },
        "Güth, Schmittberger and Schwarze (1982), JEBO 3; Osborne (2004), Section 6.1.1",
    ),
    "stackelberg": (
        stackelberg,
        {
            "n_nodes": 13,
            "n_infosets": 4,
            "spe_outcomes": (("6", "3"),),
            "spe_payoffs": ((18, 9),),
            "cournot_payoffs": (16, 16),
        },
        "von Stackelberg (1934); Gibbons (1992), Section 2.1.B",
    ),
    "stackelberg_simultaneous": (
        lambda: stackelberg(simultaneous=True),
        {
            "n_nodes": 13,
            "n_infosets": 2,
            "equilibria": ({"Leader": "4", "Follower": "4"},),
            "nash_payoffs": ((16, 16),),
        },
        "Cournot (1838); Gibbons (1992), Section 1.2.A",
    ),
    "seltens_horse": (
        seltens_horse,
        {
            "n_nodes": 9,
            "n_infosets": 3,
            "equilibria": (
                {"P1": "R", "P2": "R", "P3": "L"},
                {"P1": "R", "P2": "R", "P3": (_F(1, 4), _F(3, 4))},
                {"P1": "L", "P2": "R", "P3": "R"},
                {"P1": "L", "P2": (_F(1, 3), _F(2, 3)), "P3": "R"},
            ),
            "perfect_equilibrium": {"P1": "R", "P2": "R", "P3": "L"},
            "imperfect_equilibrium": {"P1": "L", "P2": "R", "P3": "R"},
        },
        "Selten (1975), IJGT 4, Figure 1",
    ),
    "beer_quiche": (
        beer_quiche,
        {
            "n_nodes": 15,
            "n_infosets": 4,
            "equilibria": (
                {"Strong": "Beer", "Weak": "Beer", "after Beer": "Not", "after Quiche": "Duel"},
                {"Strong": "Quiche", "Weak": "Quiche", "after Beer": "Duel", "after Quiche": "Not"},
            ),
            "pooling_payoffs": {"Beer": (_F(29, 10), _F(9, 10)), "Quiche": (_F(21, 10), _F(9, 10))},
            "intuitive_outcome": "Beer",
        },
        "Cho and Kreps (1987), QJE 102",
    ),
}


def tree_names() -> tuple[str, ...]:
    """The names of the catalog's game trees.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> import gametheory_af as gt
    >>> "kuhn_poker" in gt.catalog.tree_names()
    True
    """
    return tuple(_TREES)


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return FrozenMapping({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, (tuple, list)):
        return tuple(_frozen(v) for v in value)
    return value


def get_tree(name: str) -> TreeCatalogEntry:
    """The catalog game tree called *name*, with its known answers.

    Parameters
    ----------
    name : str
        One of :func:`tree_names`.

    Returns
    -------
    TreeCatalogEntry

    Raises
    ------
    GameError
        For an unknown name.
    TypeError
        For a name that is not a string.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> e = gt.catalog.get_tree("kuhn_poker")
    >>> e.answers["value"], e.game.n_infosets
    (Fraction(-1, 18), 12)
    >>> e.answers["equilibria"][0]["P2 J: k"]
    (Fraction(2, 3), Fraction(1, 3))
    """
    if not isinstance(name, str):
        raise TypeError(f"catalog.get_tree: name must be a string; got {_short(name)}.")
    try:
        factory, answers, source = _TREES[name]
    except KeyError:
        raise GameError(f"catalog.get_tree: unknown game tree {name!r}; known trees are {sorted(_TREES)}.") from None
    return TreeCatalogEntry(name=name, game=factory(), answers=_frozen(answers), source=source)


def tree_entries() -> tuple[TreeCatalogEntry, ...]:
    """Every catalog game tree with its answers.

    Returns
    -------
    tuple of TreeCatalogEntry
        One per name of :func:`tree_names`, in the same order.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> [e.name for e in gt.catalog.tree_entries()][:3]
    ['entry_deterrence', 'matching_pennies_tree', 'kuhn_poker']
    """
    return tuple(get_tree(n) for n in _TREES)
