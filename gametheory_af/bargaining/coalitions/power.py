"""Power indices and values: :func:`shapley_value`, :func:`banzhaf`, :func:`shapley_shubik`.

For a :class:`~.games.WeightedVotingGame` the swings are counted by a dynamic
programme over weight sums (generating functions), never by enumerating the
:math:`2^n` coalitions; for a :class:`~.games.CoalitionGame` by vectorised sums
over coalition sizes.

References
----------
.. [1] Shapley, L. S. (1953). A value for n-person games. In *Contributions to
   the Theory of Games II*, Annals of Mathematics Studies 28, 307-317.
.. [2] Shapley, L. S. and Shubik, M. (1954). A method for evaluating the
   distribution of power in a committee system. *American Political Science
   Review* 48(3), 787-792.
.. [3] Banzhaf, J. F. (1965). Weighted voting doesn't work: a mathematical
   analysis. *Rutgers Law Review* 19, 317-343.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from ..._limits import check_bytes
from ..._validation import (
    check_bool,
)
from ...exceptions import GameError
from .core import Allocation, _allocation_from_fractions
from .games import (
    CoalitionGame,
    WeightedVotingGame,
    _check_coalitions,
    _check_game,
    _popcount,
)

__all__ = ["shapley_value", "banzhaf", "shapley_shubik"]


# ============================================================================ swing counting (weighted voting)
def _dp_entries(game: WeightedVotingGame) -> tuple[int, int]:
    """Entries and bytes per entry of the swing-counting tables: two (n + 1) x q tables and n x n counts."""
    n, q = game.n_players, game._int_q
    return 2 * (n + 1) * q + n * n, (8 if n <= 62 else 40)


def _swings_by_size(game: WeightedVotingGame) -> np.ndarray:
    """``out[i, k]``: number of coalitions S of size k without i that lose but win with i.

    Counts by dynamic programming over weight sums below the quota: ``C[k, s]`` is
    the number of coalitions of size ``k`` and weight ``s < q`` (the coefficients
    of ``prod_j (1 + y z**w_j)`` truncated at ``z**q``); removing a player from the
    product is a deconvolution. The caller checks the tables' size first.
    """
    n, w, q = game.n_players, game._int_w, game._int_q
    dtype: Any = np.int64 if n <= 62 else object
    C = np.zeros((n + 1, q), dtype=dtype)
    C[0, 0] = 1
    for wj in w:
        if wj < q:
            C[1:, wj:] = C[1:, wj:] + C[:-1, : q - wj]
    out = np.zeros((n, n), dtype=object)
    cache: dict[int, np.ndarray] = {}
    for i, wi in enumerate(w):
        if wi == 0:
            out[i, :] = 0  # a zero-weight player never swings
            continue
        if wi not in cache:
            if wi >= q:
                D = C  # coalitions containing i are never below quota
            else:
                D = C.copy()
                for start in range(wi, q, wi):
                    stop = min(start + wi, q)
                    D[1:, start:stop] = C[1:, start:stop] - D[:-1, start - wi : stop - wi]
            lo = max(0, q - wi)
            cache[wi] = np.array([int(x) for x in D[:n, lo:q].sum(axis=1).tolist()], dtype=object)
        out[i, :] = cache[wi]
    return out


def _enumerated_swings(game: WeightedVotingGame, caller: str = "shapley_shubik") -> np.ndarray:
    cg = game._expand(caller)
    n = cg.n_players
    v = np.asarray(cg._num, dtype=np.int64)
    sizes = _popcount(n)
    masks = np.arange(1 << n)
    out = np.zeros((n, n), dtype=object)
    for i in range(n):
        without = masks[(masks >> i) & 1 == 0]
        swing = (v[without | (1 << i)] - v[without]) > 0
        counts = np.bincount(sizes[without][swing], minlength=n)
        out[i, :] = [int(c) for c in counts[:n]]
    return out


def _wvg_swings(game: WeightedVotingGame, caller: str) -> np.ndarray:
    """Swing counts by the generating-function DP, or by enumeration when only that fits the limits."""
    entries, itemsize = _dp_entries(game)
    try:
        check_bytes(entries, itemsize, f"entries of the swing-counting tables ({game.n_players} players, "
                    f"integer quota {game._int_q:,})", caller)
    except GameError as err:
        try:
            _check_coalitions(game.n_players, caller)
        except GameError:
            fractional = any(f.denominator != 1 for f in (*game._w, game._q))
            hint = " Rounding the weights to fewer decimals makes the integer quota smaller." if fractional else ""
            raise GameError(
                f"{err} Enumerating the 2**{game.n_players} coalitions instead is over the limits too.{hint}"
            ) from None
        return _enumerated_swings(game, caller)
    return _swings_by_size(game)


# ============================================================================ vectorised sums for CoalitionGame
def _size_sums(v: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-size sums: ``total[k] = sum_{|S|=k} v(S)`` and ``inc[i, k] = sum_{|S|=k, i in S} v(S)``."""
    sizes = _popcount(n)
    order = np.argsort(sizes, kind="stable")
    starts = np.concatenate([[0], np.cumsum([math.comb(n, k) for k in range(n)])]).astype(np.int64)
    sv = v[order]
    total = np.add.reduceat(sv, starts)
    inc = np.empty((n, n + 1), dtype=v.dtype)
    for i in range(n):
        bit = ((order >> i) & 1).astype(np.int64 if v.dtype == object else v.dtype)
        inc[i] = np.add.reduceat(sv * bit, starts)
    inc[:, 0] = 0  # reduceat of the empty-coalition block (v = 0)
    return total, inc


# ============================================================================ Shapley value
def shapley_value(game: CoalitionGame | WeightedVotingGame) -> Allocation:
    r"""The Shapley value: each player's average marginal contribution over all orderings.

    .. math::

        \phi_i(v) = \sum_{S \subseteq N \setminus \{i\}}
            \frac{|S|!\,(n - |S| - 1)!}{n!}\,\bigl(v(S \cup \{i\}) - v(S)\bigr)

    (Shapley 1953; Maschler, Solan & Zamir 2013, chapter on the Shapley value).

    Parameters
    ----------
    game : CoalitionGame or WeightedVotingGame
        For a weighted voting game this is the Shapley-Shubik index
        (:func:`shapley_shubik`).

    Returns
    -------
    Allocation
        ``method="shapley"``; exact when the game is exact.

    Raises
    ------
    TypeError
        If *game* is not a coalition game.
    GameError
        For a weighted voting game, as :func:`shapley_shubik`; for an exact
        game whose sums could overflow int64, when its :math:`2^n` values as
        Python integers (counted at 40 bytes) exceed the
        ``max_entries``/``max_bytes`` limits. Checked before any work.

    Notes
    -----
    Vectorised over bitmasks: per player and coalition size it sums the worths
    of coalitions with and without the player, then applies the size weights,
    :math:`O(n\,2^n)` operations. Exact games are summed in integer arithmetic
    (int64 when it cannot overflow, Python integers otherwise) and divided once.
    The value is efficient, symmetric, gives null players zero and is additive
    (the axioms that characterise it).

    References
    ----------
    Shapley, L. S. (1953). A value for n-person games. *Contributions to the
    Theory of Games II*, 307-317.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.CoalitionGame([0, 1, 2, 4])      # v(1)=1, v(2)=2, v(12)=4
    >>> gt.shapley_value(g).exact
    (Fraction(3, 2), Fraction(5, 2))
    """
    _check_game(game, "shapley_value")
    if isinstance(game, WeightedVotingGame):
        res = shapley_shubik(game)
        return Allocation(res.values, res.players, "shapley", res.exact)
    n = game.n_players
    ex = game._exact_ints()
    if ex is not None:
        num, den = ex
        total, inc = _size_sums(num, n)
        out = []
        for i in range(n):
            acc = Fraction(0)
            for k in range(n):
                diff = int(inc[i, k + 1]) - int(total[k]) + int(inc[i, k])
                acc += Fraction(diff, n * math.comb(n - 1, k))
            out.append(acc / den)
        return _allocation_from_fractions(out, game.players, "shapley")
    total, inc = _size_sums(game.values, n)
    weights = np.array([1.0 / (n * math.comb(n - 1, k)) for k in range(n)])
    diffs = inc[:, 1:] - total[None, :n] + inc[:, :n]
    return Allocation(diffs @ weights, game.players, "shapley")


def _simple_coalition_game(game: CoalitionGame, caller: str) -> None:
    v = game.values
    if not np.all((v == 0) | (v == 1)) or v[-1] != 1:
        raise GameError(f"{caller}: game must be a simple game (every worth 0 or 1, v(N) = 1).")


def shapley_shubik(game: WeightedVotingGame | CoalitionGame) -> Allocation:
    r"""The Shapley-Shubik power index of a simple game: the Shapley value of its 0/1 characteristic function.

    Player :math:`i`'s index is the probability that, in a uniformly random order
    of voting, :math:`i` is pivotal (turns a losing coalition into a winning one):

    .. math::

        \phi_i = \sum_{k=0}^{n-1} \frac{k!\,(n-k-1)!}{n!}\,
            \#\{S \not\ni i : |S| = k,\ S \text{ loses},\ S \cup \{i\} \text{ wins}\}

    (Shapley & Shubik 1954).

    Parameters
    ----------
    game : WeightedVotingGame or CoalitionGame
        A coalition game must be simple (every worth 0 or 1, :math:`v(N) = 1`).

    Returns
    -------
    Allocation
        ``method="shapley_shubik"``, always exact.

    Raises
    ------
    GameError
        If a :class:`CoalitionGame` is not simple; for a weighted voting game,
        before any work, when neither the swing-counting tables (about
        :math:`2 (n + 1) q + n^2` counts for the integer quota :math:`q`) nor
        the :math:`2^n` coalitions fit the ``max_entries``/``max_bytes`` limits
        (see :func:`gametheory_af.set_limits`).

    Notes
    -----
    For weighted voting games the swing counts come from generating functions
    (a dynamic programme over weight sums and coalition sizes, then removal of
    each player by deconvolution), :math:`O(n^2 q)` integer operations for
    integer weights and quota :math:`q`, with no :math:`2^n` enumeration.

    References
    ----------
    Shapley, L. S. and Shubik, M. (1954). A method for evaluating the
    distribution of power in a committee system. *American Political Science
    Review* 48(3), 787-792.

    Examples
    --------
    The UN Security Council (Shapley & Shubik 1954): five permanent members
    (weight 7, veto) and ten elected members (weight 1); quota 39.

    >>> import gametheory_af as gt
    >>> ss = gt.shapley_shubik(gt.WeightedVotingGame(39, [7] * 5 + [1] * 10))
    >>> ss.exact[0], ss.exact[5]
    (Fraction(421, 2145), Fraction(4, 2145))
    >>> round(ss[0], 4), round(ss[5], 6)
    (0.1963, 0.001865)
    """
    _check_game(game, "shapley_shubik")
    if isinstance(game, CoalitionGame):
        _simple_coalition_game(game, "shapley_shubik")
        res = shapley_value(game)
        return Allocation(res.values, res.players, "shapley_shubik", res.exact)
    n = game.n_players
    swings = _wvg_swings(game, "shapley_shubik")
    fact_n = math.factorial(n)
    weights = [math.factorial(k) * math.factorial(n - k - 1) for k in range(n)]
    out = [Fraction(sum(int(swings[i, k]) * weights[k] for k in range(n)), fact_n) for i in range(n)]
    return _allocation_from_fractions(out, game.players, "shapley_shubik")


# ============================================================================ Banzhaf
def banzhaf(game: CoalitionGame | WeightedVotingGame, *, normalized: bool = False) -> Allocation:
    r"""The Banzhaf value (raw) or the normalised Banzhaf power index.

    Raw: :math:`\beta_i = 2^{-(n-1)} \sum_{S \subseteq N \setminus \{i\}} (v(S \cup \{i\}) - v(S))`,
    the average marginal contribution over coalitions (Banzhaf 1965; Penrose
    1946 for simple games, where it is the probability of being decisive).
    Normalised: :math:`\beta_i / \sum_j \beta_j`, which for a simple game is
    player :math:`i`'s share of all swings.

    Parameters
    ----------
    game : CoalitionGame or WeightedVotingGame
    normalized : bool, default False
        Rescale to sum to 1.

    Returns
    -------
    Allocation
        ``method="banzhaf"`` or ``"banzhaf_normalized"``; exact for exact games
        and for every weighted voting game.

    Raises
    ------
    TypeError
        If *normalized* is not True or False.
    GameError
        If ``normalized=True`` and the raw values sum to zero; for a weighted
        voting game, before any work, when neither the swing-counting tables
        (about :math:`2 (n + 1) q + n^2` counts for the integer quota
        :math:`q`) nor the :math:`2^n` coalitions fit the
        ``max_entries``/``max_bytes`` limits (see :func:`gametheory_af.set_limits`).

    Notes
    -----
    Raw Banzhaf values are not efficient in general. For weighted voting games
    the swings are counted by generating functions (see :func:`shapley_shubik`).

    References
    ----------
    Banzhaf, J. F. (1965). Weighted voting doesn't work: a mathematical
    analysis. *Rutgers Law Review* 19, 317-343.

    Examples
    --------
    The 1958 EEC Council of Ministers: 42 swings in all, 10 for each large
    state, 6 for Belgium and the Netherlands, none for Luxembourg.

    >>> import gametheory_af as gt
    >>> eec = gt.WeightedVotingGame(12, [4, 4, 4, 2, 2, 1])
    >>> gt.banzhaf(eec, normalized=True).exact
    (Fraction(5, 21), Fraction(5, 21), Fraction(5, 21), Fraction(1, 7), Fraction(1, 7), Fraction(0, 1))
    >>> gt.banzhaf(eec).exact[0]
    Fraction(5, 16)
    """
    _check_game(game, "banzhaf")
    normalized = check_bool(normalized, "normalized", "banzhaf")
    n = game.n_players
    method = "banzhaf_normalized" if normalized else "banzhaf"
    half = 1 << (n - 1)
    if isinstance(game, WeightedVotingGame):
        swings = _wvg_swings(game, "banzhaf")
        counts = [sum(int(x) for x in swings[i, :]) for i in range(n)]
        vals = [Fraction(c, half) for c in counts]
    else:
        ex = game._exact_ints()
        if ex is not None:
            num, den = ex
            total, inc = _size_sums(num, n)
            grand = sum(int(t) for t in total)
            vals = [Fraction(2 * sum(int(x) for x in inc[i]) - grand, half * den) for i in range(n)]
        else:
            v = game.values
            masks = np.arange(1 << n)
            out = np.empty(n)
            for i in range(n):
                without = masks[(masks >> i) & 1 == 0]
                out[i] = (v[without | (1 << i)] - v[without]).sum() / half
            if not normalized:
                return Allocation(out, game.players, method)
            s = out.sum()
            if abs(s) <= 1e-15 * max(1.0, float(np.abs(out).max())):
                raise GameError("banzhaf: the raw Banzhaf values sum to zero; they cannot be normalized.")
            return Allocation(out / s, game.players, method)
    if normalized:
        s = sum(vals, Fraction(0))
        if s == 0:
            raise GameError("banzhaf: the raw Banzhaf values sum to zero; they cannot be normalized.")
        vals = [x / s for x in vals]
    return _allocation_from_fractions(vals, game.players, method)
