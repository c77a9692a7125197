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

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from .game import Chance, Decision, ExtensiveFormGame

__all__ = ["entry_deterrence", "matching_pennies_tree", "kuhn_poker", "leduc_poker"]

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
        rank and the betting (the usual suit-isomorphic game: 288 information
        sets); ``True`` distinguishes the six cards (936 information sets, as
        in OpenSpiel's ``leduc_poker``). Both games have the same value.

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
        a King, first move), ``"P2 Q: k"`` (player 2
        with a Queen after a check), ``"P1 J Q: kbc/kb"`` (player 1 with a
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
    from .._validation import check_bool

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
