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
.. [4] Brams, S. J. and Affuso, P. J. (1976). Power and size: a new paradox.
   *Theory and Decision* 7, 29-56.
.. [5] Matsui, T. and Matsui, Y. (2000). A survey of algorithms for
   calculating power indices of weighted majority games. *Journal of the
   Operations Research Society of Japan* 43(1), 71-86.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

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
from .voting import (
    MultiQuotaVotingGame,
    _check_dp,
    _count_table,
    _crt,
    _cumsum_rows,
    _game_swings,
    _max_size_below,
    _mitm_fits,
    _primes_for,
    _quotient_windows,
    _swings_of_rows,
)

__all__ = ["shapley_value", "banzhaf", "shapley_shubik"]


# ============================================================================ swing counting (weighted voting)
def _swings_by_size_reference(game: WeightedVotingGame) -> np.ndarray:
    """The former route, kept as the reference of tests and benchmarks: object-array tables.

    ``out[i, k]``: number of coalitions S of size k without i that lose but win with i,
    by the truncated generating function ``prod_j (1 + y z**w_j)`` in Python integers and
    deconvolution per player, :math:`O(n^2 q)` Python-integer additions.
    """
    n, w, q = game.n_players, game._int_w, game._int_q
    C = np.zeros((n + 1, q), dtype=object)
    C[:] = 0
    C[0, 0] = 1
    for wj in w:
        if wj < q:
            C[1:, wj:] = C[1:, wj:] + C[:-1, : q - wj]
    out = np.zeros((n, n), dtype=object)
    cache: dict[int, np.ndarray] = {}
    for i, wi in enumerate(w):
        if wi == 0:
            continue
        if wi not in cache:
            if wi >= q:
                D = C
            else:
                D = C.copy()
                for start in range(wi, q, wi):
                    stop = min(start + wi, q)
                    D[1:, start:stop] = C[1:, start:stop] - D[:-1, start - wi : stop - wi]
            lo = max(0, q - wi)
            cache[wi] = np.array([int(x) for x in D[:n, lo:q].sum(axis=1).tolist()], dtype=object)
        out[i, :] = cache[wi]
    return out


# ============================================================================ exact swing counting, modular
def _modular_swings(game: WeightedVotingGame, sizes: bool) -> dict[int, np.ndarray]:
    """Swing counts of every distinct positive weight, exactly: by size (``sizes``) or in total.

    For player ``i`` of weight ``0 < w < q`` the swings are the coalitions ``S`` without
    ``i`` with ``q - w <= w(S) < q``. Their generating function is the full one divided
    by ``(1 + y z**w)``; expanding ``1 / (1 + y z**w)`` and summing over the window of
    width ``w`` visits every weight ``r < q`` exactly once, with sign and size shift
    ``t = floor((q - 1 - r) / w)``: ``swings_k = sum_r (-1)**t C[k - t, r]``. So one
    table of counts serves every player (no table per player), and block sums come
    from prefix sums. A player of weight ``w >= q`` has ``t = 0`` throughout.
    Arithmetic is modulo primes below ``2**31`` and the exact counts (below
    ``2**n``) are rebuilt by the Chinese remainder theorem.
    """
    n, w, q = game.n_players, game._int_w, game._int_q
    distinct = sorted({x for x in w if x > 0})
    K = _max_size_below(w, q) + 1  # sizes 0 .. K - 1 of losing coalitions
    primes = _primes_for(n + 1)
    residues: dict[int, list[np.ndarray]] = {x: [] for x in distinct}
    for p in primes:
        # prefix sums over weights, in place (entries below p < 2**31, so sums below 2**63), mod p:
        # pref[.., x] = C[.., x - 1] for x >= 1 and 0 for x = 0
        pref = _count_table(w, q, p, K if sizes else 0)
        _cumsum_rows(pref)
        pref %= np.uint64(p)
        pref = pref.view(np.int64)
        table = pref if sizes else pref[None, :]
        sums = _quotient_windows(table, distinct, [q - x for x in distinct], [q] * len(distinct), p, sizes)
        for j, x in enumerate(distinct):
            if sizes:
                r = np.zeros(n, dtype=np.int64)
                r[:K] = sums[j]
            else:
                r = sums[j]
            residues[x].append(r)
        del pref  # before the next prime's tables
    return {x: _crt(res, primes) for x, res in residues.items()}


def _swings_by_size(game: WeightedVotingGame) -> np.ndarray:
    """``out[i, k]``: number of coalitions S of size k without i that lose but win with i (exact ints)."""
    by_weight = _modular_swings(game, sizes=True)
    out = np.zeros((game.n_players, game.n_players), dtype=object)
    out[:] = 0
    for i, wi in enumerate(game._int_w):
        if wi > 0:
            out[i, :] = by_weight[wi]
    return out


def _ssi_from_swings(swings: np.ndarray) -> list[Fraction]:
    """Shapley-Shubik indices from swing counts by size: ``sum_k swings[i, k] k! (n-k-1)! / n!``."""
    n = swings.shape[0]
    fact_n = math.factorial(n)
    weights = [math.factorial(k) * math.factorial(n - k - 1) for k in range(n)]
    cache: dict[tuple[int, ...], Fraction] = {}
    out = []
    for i in range(n):
        row = tuple(int(x) for x in swings[i, :])
        if row not in cache:
            cache[row] = Fraction(sum(c * wk for c, wk in zip(row, weights)), fact_n)
        out.append(cache[row])
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


def _wvg_swings(game: WeightedVotingGame, caller: str, sizes: bool = True) -> np.ndarray:
    """Swing counts ``(n, n)`` by size (or ``(n, 1)`` totals): modular DP, else meet in the middle, else enumeration."""
    n = game.n_players
    try:
        _check_dp(game, sizes, caller)
    except GameError as err:
        if _mitm_fits([game._int_w], n):
            try:
                by_size = _swings_of_rows([game._int_w], [[game._int_q]], caller)
            except GameError:
                pass  # its table of counts by player and size is over the limits too
            else:
                return by_size if sizes else by_size.sum(axis=1, keepdims=True)
        try:
            _check_coalitions(n, caller)
        except GameError:
            raise GameError(
                f"{err} Neither meeting in the middle (2**{(n + 1) // 2} sums per half) nor enumerating "
                f"the 2**{n} coalitions fits the limits either."
            ) from None
        out = _enumerated_swings(game, caller)
        return out if sizes else out.sum(axis=1, keepdims=True)
    if sizes:
        return _swings_by_size(game)
    by_weight = _modular_swings(game, sizes=False)
    return np.array([[by_weight[wi][0] if wi > 0 else 0] for wi in game._int_w], dtype=object)


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
def shapley_value(game: CoalitionGame | WeightedVotingGame | MultiQuotaVotingGame) -> Allocation:
    r"""The Shapley value: each player's average marginal contribution over all orderings.

    .. math::

        \phi_i(v) = \sum_{S \subseteq N \setminus \{i\}}
            \frac{|S|!\,(n - |S| - 1)!}{n!}\,\bigl(v(S \cup \{i\}) - v(S)\bigr)

    (Shapley 1953; Maschler, Solan & Zamir 2013, chapter on the Shapley value).

    Parameters
    ----------
    game : CoalitionGame, WeightedVotingGame or MultiQuotaVotingGame
        For a voting game this is the Shapley-Shubik index
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
    if not isinstance(game, MultiQuotaVotingGame):
        _check_game(game, "shapley_value")
    if isinstance(game, (WeightedVotingGame, MultiQuotaVotingGame)):
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


def shapley_shubik(game: WeightedVotingGame | MultiQuotaVotingGame | CoalitionGame) -> Allocation:
    r"""The Shapley-Shubik power index of a simple game: the Shapley value of its 0/1 characteristic function.

    Player :math:`i`'s index is the probability that, in a uniformly random order
    of voting, :math:`i` is pivotal (turns a losing coalition into a winning one):

    .. math::

        \phi_i = \sum_{k=0}^{n-1} \frac{k!\,(n-k-1)!}{n!}\,
            \#\{S \not\ni i : |S| = k,\ S \text{ loses},\ S \cup \{i\} \text{ wins}\}

    (Shapley & Shubik 1954).

    Parameters
    ----------
    game : WeightedVotingGame, MultiQuotaVotingGame or CoalitionGame
        A coalition game must be simple (every worth 0 or 1, :math:`v(N) = 1`).

    Returns
    -------
    Allocation
        ``method="shapley_shubik"``, always exact.

    Raises
    ------
    GameError
        If a :class:`CoalitionGame` is not simple; for a voting game, before
        any work, when none of its counting routes fits the
        ``max_entries``/``max_bytes`` limits (see
        :func:`gametheory_af.set_limits` and the Notes).

    Notes
    -----
    A :class:`WeightedVotingGame` is counted exactly, without enumerating
    coalitions, from one table ``C[k, r]`` of the numbers of coalitions of size
    ``k`` and integer weight ``r`` below the quota :math:`q` (the generating
    function :math:`\prod_j (1 + y z^{w_j})`, Brams & Affuso 1976; Matsui &
    Matsui 2000). A player of weight :math:`w` swings in the coalitions of
    weight in :math:`[q - w, q)` of the others; dividing the generating
    function by :math:`(1 + y z^{w})` and summing over that window visits
    every weight below :math:`q` once, with alternating sign and a size
    shift, so the same table serves every player and no per-player table is
    built. Counts are kept modulo primes below :math:`2^{31}` (in uint64,
    reduced every 32 players) and rebuilt exactly by the Chinese remainder
    theorem, one prime at a time: memory about :math:`16 (K + 1) q` bytes
    for the largest size :math:`K` of a losing coalition (at most
    :math:`n`), time :math:`O(n K q)` per prime and about :math:`n / 31`
    primes. Two hundred players with weights 1 to 100 take about a second
    (``benchmarks/bench_power.py``). When the table exceeds the limits (a
    huge quota, e.g. populations in persons) the swings are counted by
    meeting in the middle (about :math:`2^{n/2}` sums per half), else by
    enumerating the :math:`2^n` coalitions, else refused. A
    :class:`~gametheory_af.bargaining.coalitions.voting.MultiQuotaVotingGame`
    is counted by meeting in the middle over player types.

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
    if isinstance(game, MultiQuotaVotingGame):
        return _allocation_from_fractions(_ssi_from_swings(_game_swings(game, "shapley_shubik")), game.players, "shapley_shubik")
    _check_game(game, "shapley_shubik")
    if isinstance(game, CoalitionGame):
        _simple_coalition_game(game, "shapley_shubik")
        res = shapley_value(game)
        return Allocation(res.values, res.players, "shapley_shubik", res.exact)
    swings = _wvg_swings(game, "shapley_shubik")
    out = _ssi_from_swings(swings)
    return _allocation_from_fractions(out, game.players, "shapley_shubik")


# ============================================================================ Banzhaf
def banzhaf(game: CoalitionGame | WeightedVotingGame | MultiQuotaVotingGame, *, normalized: bool = False) -> Allocation:
    r"""The Banzhaf value (raw) or the normalised Banzhaf power index.

    Raw: :math:`\beta_i = 2^{-(n-1)} \sum_{S \subseteq N \setminus \{i\}} (v(S \cup \{i\}) - v(S))`,
    the average marginal contribution over coalitions (Banzhaf 1965; Penrose
    1946 for simple games, where it is the probability of being decisive).
    Normalised: :math:`\beta_i / \sum_j \beta_j`, which for a simple game is
    player :math:`i`'s share of all swings.

    Parameters
    ----------
    game : CoalitionGame, WeightedVotingGame or MultiQuotaVotingGame
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
        If ``normalized=True`` and the raw values sum to zero; for a voting
        game, before any work, when none of its counting routes fits the
        ``max_entries``/``max_bytes`` limits (see :func:`gametheory_af.set_limits`).

    Notes
    -----
    Raw Banzhaf values are not efficient in general. For a
    :class:`WeightedVotingGame` the swings are counted as for
    :func:`shapley_shubik` but without the size dimension: one table of
    :math:`q` counts (about :math:`16 q` bytes), :math:`O(n q)` operations per
    prime; 200 players with weights 1 to 100 take a few hundredths of a
    second. A
    :class:`~gametheory_af.bargaining.coalitions.voting.MultiQuotaVotingGame`
    is counted by meeting in the middle.

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
    if not isinstance(game, MultiQuotaVotingGame):
        _check_game(game, "banzhaf")
    normalized = check_bool(normalized, "normalized", "banzhaf")
    n = game.n_players
    method = "banzhaf_normalized" if normalized else "banzhaf"
    half = 1 << (n - 1)
    if isinstance(game, MultiQuotaVotingGame):
        by_size = _game_swings(game, "banzhaf")
        vals = [Fraction(sum(int(x) for x in by_size[i]), half) for i in range(n)]
    elif isinstance(game, WeightedVotingGame):
        swings = _wvg_swings(game, "banzhaf", sizes=False)
        vals = [Fraction(int(swings[i, 0]), half) for i in range(n)]
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
