r"""Multi-quota (vector-weighted) voting games and the power indices that count minimal coalitions.

:class:`MultiQuotaVotingGame` is a simple game given by several rows of weights
(votes, seats, population, membership) and one or more *rules*, each a quota per
row: a coalition wins when it meets every quota of at least one rule. One rule
with one row is a :class:`~.games.WeightedVotingGame`; one rule with several rows
is a vector-weighted game (the EU Council's 55% of states and 65% of population);
several rules express clauses such as the Lisbon blocking minority ("a coalition
whose complement has fewer than four members wins") or a veto that can be
overridden.

Swings are counted without listing the :math:`2^n` coalitions: the players are
grouped into types (equal weight columns) and split into two halves; the
generating function of each half is built as a sparse polynomial over its
reachable (size, sum vector) terms, equal terms merged, and the coefficients of
the product that make a player decisive are read off by sorting one row's sums
("meet in the middle"). The indices that need the minimal winning coalitions or
the critical members (:func:`holler`, :func:`deegan_packel`, :func:`johnston`)
are counted for a weighted game by sweeps over weights (generating functions,
see the Notes of :func:`holler`), and for a
multi-quota game by one compiled visit of the :math:`2^n` coalitions in Gray-code
order (numba; 27 EU members in a few seconds).

References
----------
.. [1] Algaba, E., Bilbao, J. M., Fernández García, J. R. and López, J. J. (2003).
   Computing power indices in weighted multiple majority games. *Mathematical
   Social Sciences* 46(1), 63-80.
.. [2] Horowitz, E. and Sahni, S. (1974). Computing partitions with applications
   to the knapsack problem. *Journal of the ACM* 21(2), 277-292 (meeting in the
   middle).
.. [3] Holler, M. J. (1982). Forming coalitions and measuring voting power.
   *Political Studies* 30(2), 262-271.
.. [4] Deegan, J. and Packel, E. W. (1978). A new index of power for simple
   n-person games. *International Journal of Game Theory* 7(2), 113-123.
.. [5] Johnston, R. J. (1978). On the measurement of power: some reactions to
   Laver. *Environment and Planning A* 10(8), 907-914.
.. [6] Bilbao, J. M., Fernández, J. R., Jiménez Losada, A. and López, J. J.
   (2000). Generating functions for computing power indices efficiently. *TOP*
   8(2), 191-213.
.. [7] Kurz, S. (2016). Computing the power distribution in the IMF.
   arXiv:1603.01443.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..._jit import njit
from ..._limits import check_bytes, check_count, get_limits
from ..._validation import _short, check_real, float_array, to_fraction
from ...exceptions import GameError
from .._checks import no_bools
from .core import Allocation, _allocation_from_fractions
from .games import (
    CoalitionGame,
    WeightedVotingGame,
    _check_coalitions,
    _coalition_mask,
    _integer_form,
    _names,
    _subset_sums,
)

__all__ = ["MultiQuotaVotingGame", "holler", "deegan_packel", "johnston"]

#: Largest row total (in the row's integer units) the meet-in-the-middle sums accept: sums
#: of two halves and a weight stay far below 2**63.
MAX_ROW_TOTAL = 2**60


# ============================================================================ the game
class MultiQuotaVotingGame:
    r"""A vector-weighted voting game: a coalition wins when it meets every quota of at least one rule.

    With weight rows :math:`w^{(1)}, \dots, w^{(k)}` and rules
    :math:`q^{(1)}, \dots, q^{(c)}` (each a quota per row),
    :math:`v(S) = 1` if for some rule :math:`q^{(j)}`,
    :math:`\sum_{i \in S} w^{(r)}_i \ge q^{(j)}_r` for every row :math:`r`.

    Parameters
    ----------
    quotas : array_like of shape (k,) or (c, k)
        One quota per weight row (a single rule), or one row of quotas per
        rule. A quota of 0 puts no condition on that row.
    weights : array_like of shape (k, n) or (n,)
        Non-negative weights: one row per criterion (votes, population,
        membership...), one column per player.
    players : sequence of str, optional
        Distinct player names; default ``"Player 1", ...``.

    Raises
    ------
    TypeError
        If a quota or weight is ``True``/``False`` or not a number.
    GameError
        If the weights are empty, negative or not finite, the shapes do not
        match, a quota is negative or exceeds its row's total weight, or a rule
        has no positive quota (then the empty coalition would win).

    See Also
    --------
    WeightedVotingGame : One rule, one row.

    Notes
    -----
    Weights and quotas are exact rationals; each row is scaled to integers by
    its common denominator and divided by its greatest common divisor, so
    weights in real units (populations in persons) are kept as they are.
    :func:`~gametheory_af.shapley_shubik` and :func:`~gametheory_af.banzhaf`
    count swings by meeting in the middle over player types (see the module
    notes): the work and memory grow with the number of distinct terms of each
    half's generating function, at most the product of ``(m + 1)`` over the
    types in the half (``m`` players each), so about :math:`2^{n/2}` for
    :math:`n` distinct players (8,192 per half for the 27 EU members) and a few
    hundred for a legislature of three chambers. That number is checked against
    the ``max_entries``/``max_bytes`` limits before any work. The game is
    immutable.

    References
    ----------
    Algaba, E., Bilbao, J. M., Fernández García, J. R. and López, J. J. (2003).
    Computing power indices in weighted multiple majority games. *Mathematical
    Social Sciences* 46(1), 63-80.

    Examples
    --------
    The UN Security Council as two quotas: all five permanent members and nine
    members in all.

    >>> import gametheory_af as gt
    >>> from gametheory_af.bargaining.coalitions.voting import MultiQuotaVotingGame
    >>> unsc = MultiQuotaVotingGame([5, 9], [[1] * 5 + [0] * 10, [1] * 15])
    >>> unsc.is_winning(range(9)), unsc.is_winning(range(1, 10))
    (True, False)
    >>> gt.shapley_shubik(unsc).exact[0]
    Fraction(421, 2145)
    """

    __slots__ = ("_w", "_q", "_players", "_int_w", "_int_q")

    def __init__(self, quotas: Any, weights: Any, *, players: Sequence[str] | None = None) -> None:
        caller = "MultiQuotaVotingGame"
        if isinstance(weights, (str, bytes)) or weights is None or np.isscalar(weights):
            raise GameError(f"{caller}: weights must be an array of shape (k, n), one row per criterion; got {_short(weights)}.")
        no_bools(weights, "weights", caller)
        no_bools(quotas, "quotas", caller)
        arr = float_array(weights, "weights", caller)
        if arr.ndim == 1:
            arr = arr[None, :]
            w_rows = [list(np.asarray(weights, dtype=object).tolist())]
        else:
            w_rows = [list(r) for r in np.asarray(weights, dtype=object).tolist()] if arr.ndim == 2 else []
        if arr.ndim != 2 or arr.size == 0:
            raise GameError(f"{caller}: weights must be a non-empty array of shape (k, n); got shape {arr.shape}.")
        bad = np.argwhere(~np.isfinite(arr) | (arr < 0))
        if bad.size:
            r, i = (int(x) for x in bad[0])
            raise GameError(f"{caller}: weights must be finite and non-negative; got {float(arr[r, i])} at row {r}, column {i}.")
        k, n = arr.shape
        qarr = float_array(quotas, "quotas", caller)
        if qarr.ndim == 1:
            qarr = qarr[None, :]
            q_rows = [list(np.asarray(quotas, dtype=object).tolist())]
        else:
            q_rows = [list(r) for r in np.asarray(quotas, dtype=object).tolist()] if qarr.ndim == 2 else []
        if qarr.ndim != 2 or qarr.shape[1] != k or qarr.shape[0] == 0:
            raise GameError(
                f"{caller}: quotas must have shape ({k},) or (rules, {k}), one quota per weight row; got shape {qarr.shape}."
            )
        if not np.all(np.isfinite(qarr)):
            raise GameError(f"{caller}: quotas must be finite; got {_short(quotas)}.")
        for row in q_rows:
            for x in row:
                check_real(x, "quotas", caller)
        self._w = tuple(tuple(to_fraction(x) for x in row) for row in w_rows)
        self._q = tuple(tuple(to_fraction(x) for x in row) for row in q_rows)
        totals = [sum(row, Fraction(0)) for row in self._w]
        for j, rule in enumerate(self._q):
            if all(x <= 0 for x in rule):
                raise GameError(f"{caller}: rule {j} has no positive quota, so the empty coalition would win; got {_short(q_rows[j])}.")
            for r, x in enumerate(rule):
                if x < 0:
                    raise GameError(f"{caller}: quotas must be non-negative; got {float(x):g} in rule {j}, row {r}.")
                if x > totals[r]:
                    raise GameError(
                        f"{caller}: quota {float(x):g} of rule {j} exceeds the total weight {float(totals[r]):g} "
                        f"of row {r}; no coalition could meet it."
                    )
        self._players = _names(players, n, caller)
        int_w: list[tuple[int, ...]] = []
        int_q: list[list[int]] = [[] for _ in self._q]
        for r in range(k):
            # one integer form per (row, rule); the row's scaled weights do not depend on the quota
            ints = None
            for j, rule in enumerate(self._q):
                if rule[r] > 0:
                    ints, qi = _integer_form(self._w[r], rule[r])
                else:
                    qi = 0
                int_q[j].append(qi)
            if ints is None:
                ints, _ = _integer_form(self._w[r], Fraction(1))
            int_w.append(ints)
        self._int_w = tuple(int_w)
        self._int_q = tuple(tuple(x) for x in int_q)

    # ------------------------------------------------------------------ properties
    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def weights(self) -> np.ndarray:
        """The weights as a read-only float64 array of shape (k, n)."""
        out = np.array([[float(x) for x in row] for row in self._w], dtype=np.float64)
        out.setflags(write=False)
        return out

    @property
    def quotas(self) -> np.ndarray:
        """The quotas as a read-only float64 array of shape (rules, k)."""
        out = np.array([[float(x) for x in row] for row in self._q], dtype=np.float64)
        out.setflags(write=False)
        return out

    @property
    def exact_weights(self) -> tuple[tuple[Fraction, ...], ...]:
        """The weights as exact rationals, one tuple per row."""
        return self._w

    @property
    def exact_quotas(self) -> tuple[tuple[Fraction, ...], ...]:
        """The quotas as exact rationals, one tuple per rule."""
        return self._q

    @property
    def is_exact(self) -> bool:
        """Always True: weights and quotas are held as exact rationals."""
        return True

    def _wins_mask(self, m: int) -> bool:
        sums = [sum(row[i] for i in range(self.n_players) if m >> i & 1) for row in self._int_w]
        return any(all(s >= q for s, q in zip(sums, rule)) for rule in self._int_q)

    def is_winning(self, coalition: Any) -> bool:
        """True when the coalition meets every quota of at least one rule.

        Parameters
        ----------
        coalition : iterable of str or int
            Player names or indices.

        Returns
        -------
        bool
            Whether the coalition wins.

        Examples
        --------
        >>> from gametheory_af.bargaining.coalitions.voting import MultiQuotaVotingGame
        >>> g = MultiQuotaVotingGame([2, 5], [[1, 1, 1], [4, 1, 1]], players=["a", "b", "c"])
        >>> g.is_winning(["a", "b"]), g.is_winning(["b", "c"])
        (True, False)
        """
        return self._wins_mask(_coalition_mask(self._players, coalition, "MultiQuotaVotingGame.is_winning"))

    def value(self, coalition: Any) -> int:
        """1 for a winning coalition, 0 for a losing one.

        Parameters
        ----------
        coalition : iterable of str or int
            Player names or indices.

        Returns
        -------
        int
            1 or 0.

        Examples
        --------
        >>> from gametheory_af.bargaining.coalitions.voting import MultiQuotaVotingGame
        >>> MultiQuotaVotingGame([2, 5], [[1, 1, 1], [4, 1, 1]]).value([0, 2])
        1
        """
        return int(self.is_winning(coalition))

    def veto_players(self) -> tuple[str, ...]:
        """Players without whom no coalition wins (all the others together lose).

        Returns
        -------
        tuple of str
            The veto players' names.

        Examples
        --------
        >>> from gametheory_af.bargaining.coalitions.voting import MultiQuotaVotingGame
        >>> MultiQuotaVotingGame([2, 5], [[1, 1, 1], [4, 1, 1]], players=["a", "b", "c"]).veto_players()
        ('a',)
        """
        full = (1 << self.n_players) - 1
        return tuple(p for i, p in enumerate(self._players) if not self._wins_mask(full ^ (1 << i)))

    def to_coalition_game(self) -> CoalitionGame:
        """The same game as a :class:`CoalitionGame` (an exact 0/1 characteristic function).

        Returns
        -------
        CoalitionGame
            The game's characteristic function.

        Raises
        ------
        GameError
            If the :math:`2^n` values exceed the ``max_entries``/``max_bytes``
            limits (by default, more than 26 players); the message points to
            the indices that do not need them. Checked before any work.

        Examples
        --------
        >>> from gametheory_af.bargaining.coalitions.voting import MultiQuotaVotingGame
        >>> MultiQuotaVotingGame([2, 5], [[1, 1, 1], [4, 1, 1]]).to_coalition_game().values
        array([0., 0., 0., 1., 0., 1., 0., 1.])
        """
        caller = "MultiQuotaVotingGame.to_coalition_game"
        _check_coalitions_hint(self.n_players, caller)
        return CoalitionGame(_win_table(self).astype(np.int64), players=self._players)

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MultiQuotaVotingGame):
            return NotImplemented
        return (self._q, self._w, self._players) == (other._q, other._w, other._players)

    def __hash__(self) -> int:
        return hash((self._q, self._w, self._players))

    def __repr__(self) -> str:
        rules = "; ".join("[" + ", ".join(str(x) for x in rule) + "]" for rule in self._q)
        return f"MultiQuotaVotingGame(n_players={self.n_players}, rows={len(self._w)}, quotas={rules})"


def _check_coalitions_hint(n: int, caller: str) -> None:
    try:
        _check_coalitions(n, caller)
    except GameError as err:
        raise GameError(
            f"{err} gametheory_af.shapley_shubik and gametheory_af.banzhaf compute the indices of the voting "
            "game itself without the 2**n coalitions; gametheory_af.holler, deegan_packel and johnston without "
            "tabling them."
        ) from None


# ============================================================================ rows and rules
def _rows_rules(game: WeightedVotingGame | MultiQuotaVotingGame) -> tuple[list[tuple[int, ...]], list[list[int]]]:
    if isinstance(game, WeightedVotingGame):
        return [game._int_w], [[game._int_q]]
    return list(game._int_w), [list(rule) for rule in game._int_q]


#: Bytes per coalition of the enumerating routes: one row's int64 sums, the win table, a bool per
#: rule, and the uint8 sizes and counts of critical members.
ENUM_BYTES_PER_COALITION = 12


def _win_table(game: WeightedVotingGame | MultiQuotaVotingGame) -> np.ndarray:
    """``win[mask]`` for every coalition, one row's sums at a time (the caller checks the 2**n limit)."""
    rows, rules = _rows_rules(game)
    oks: list[Any] = [None] * len(rules)  # every rule has a positive quota, so some row sets its entry
    for r, row in enumerate(rows):
        if all(rule[r] == 0 for rule in rules):
            continue
        big = max(row) * len(row) >= 2**62
        sums = _subset_sums(np.array(row, dtype=object if big else np.int64))
        for j, rule in enumerate(rules):
            if rule[r] > 0:
                meets = sums >= rule[r]
                prev = oks[j]
                oks[j] = meets if prev is None else prev & meets
    win = np.zeros(1 << len(rows[0]), dtype=bool)
    for ok in oks:
        win |= ok
    return win


# ============================================================================ meet in the middle
def _prepare(rows: list[tuple[int, ...]], rules: list[list[int]], caller: str) -> tuple[np.ndarray, np.ndarray, list[list[int]]]:
    """Capped integer columns ``(n, k)``, caps ``(k,)`` and rules, the big row first (largest cap)."""
    caps = [max(rule[r] for rule in rules) for r in range(len(rows))]
    keep = [r for r in range(len(rows)) if caps[r] > 0]
    keep.sort(key=lambda r: -caps[r])
    for r in keep:
        if sum(min(x, caps[r]) for x in rows[r]) >= MAX_ROW_TOTAL:
            raise GameError(
                f"{caller}: weight row {r} totals {sum(rows[r]):,} in its integer units, over {MAX_ROW_TOTAL:,}; "
                "give the weights in coarser units."
            )
    cols = np.array([[min(rows[r][i], caps[r]) for r in keep] for i in range(len(rows[0]))], dtype=np.int64)
    cap = np.array([caps[r] for r in keep], dtype=np.int64)
    return cols.reshape(len(rows[0]), len(keep)), cap, [[rule[r] for r in keep] for rule in rules]


def _half_terms(counts: Sequence[int]) -> int:
    return math.prod(c + 1 for c in counts)


def _split(types: list[int], n_types: int) -> int:
    """Split point of the players (sorted by type) that balances the halves' numbers of terms.

    One pass: moving player ``s`` from the second half to the first changes one type's
    count in each, so the logarithms of both products are updated in constant time
    (the products themselves can have thousands of digits).
    """
    n = len(types)
    a = [0] * n_types
    b = np.bincount(types, minlength=n_types).tolist() if n else [0] * n_types
    log_a, log_b = 0.0, float(sum(math.log(c + 1) for c in b))
    best, best_cost = 0, log_b
    for s in range(1, n + 1):
        t = types[s - 1]
        log_a += math.log(a[t] + 2) - math.log(a[t] + 1)
        log_b += math.log(b[t]) - math.log(b[t] + 1)
        a[t] += 1
        b[t] -= 1
        cost = max(log_a, log_b)
        if cost < best_cost - 1e-12:
            best, best_cost = s, cost
    return best


def _type_of(cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    uniq, inv = np.unique(cols, axis=0, return_inverse=True)
    return uniq, np.asarray(inv).reshape(-1)


def _mitm_terms(rows: list[tuple[int, ...]], n: int) -> int:
    """Terms of the larger half's generating function (an upper bound: equal terms are not merged)."""
    cols = np.array(rows, dtype=object).T
    _, inv = np.unique(cols.astype(str), axis=0, return_inverse=True)
    types = sorted(np.asarray(inv).reshape(-1).tolist())
    n_types = max(types) + 1
    s = _split(types, n_types)
    a = np.bincount(types[:s], minlength=n_types).tolist() if s else [0]
    b = np.bincount(types[s:], minlength=n_types).tolist() if s < n else [0]
    return max(_half_terms(a), _half_terms(b))


def _mitm_fits(rows: list[tuple[int, ...]], n: int) -> bool:
    terms = _mitm_terms(rows, n)
    lim = get_limits()
    return terms * (len(rows) + 6) <= lim.max_entries and terms * 8 * (len(rows) + 6) <= lim.max_bytes


def _merge(K: np.ndarray, M: np.ndarray, radix: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Merge equal keys (rows of *K*), adding their multiplicities."""
    if math.prod(radix) < 2**62:  # one int64 code per key: a 1-D sort
        code = np.zeros(K.shape[0], dtype=np.int64)
        for c, r in enumerate(radix):
            code = code * r + K[:, c]
        _, first, inv = np.unique(code, return_index=True, return_inverse=True)
        K = K[first]
    else:  # pragma: no cover - keys of several huge rows
        K, inv = np.unique(K, axis=0, return_inverse=True)
    out = np.zeros(K.shape[0], dtype=object)
    out[:] = 0
    np.add.at(out, np.asarray(inv).reshape(-1), M)
    return K, out


def _half(types: list[int], uniq: np.ndarray, cap: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Sparse generating function of a half: keys ``(size, capped sums...)`` and multiplicities (object).

    Built type by type, ``(1 + y z**w)**m = sum_j C(m, j) y**j z**(j w)``, equal terms merged
    after each type (a DP over the distinct reachable sums).
    """
    radix = [n + 1, *(int(c) + 1 for c in cap)]
    K = np.zeros((1, 1 + cap.shape[0]), dtype=np.int64)
    M = np.array([1], dtype=object)
    counts = np.bincount(types, minlength=uniq.shape[0]) if types else np.zeros(uniq.shape[0], dtype=np.int64)
    for t, c in enumerate(counts.tolist()):
        if c == 0:
            continue
        Ks, Ms = [], []
        for j in range(c + 1):
            Kj = K.copy()
            Kj[:, 0] += j
            Kj[:, 1:] = np.minimum(K[:, 1:] + j * uniq[t], cap)
            Ks.append(Kj)
            Ms.append(M * math.comb(c, j))
        K, M = _merge(np.concatenate(Ks), np.concatenate(Ms), radix)
    return K, M


def _thresholds(small: np.ndarray, rules: list[list[int]], inf: int) -> np.ndarray:
    """Big-row threshold of every state: the least big quota among the rules its small rows meet."""
    theta = np.full(small.shape[0], inf, dtype=np.int64)
    for rule in rules:
        ok = np.all(small >= np.array(rule[1:], dtype=np.int64), axis=1) if len(rule) > 1 else np.ones(small.shape[0], bool)
        theta = np.where(ok, np.minimum(theta, rule[0]), theta)
    return theta


def _count_swings(
    KA: np.ndarray, MA: np.ndarray, KB: np.ndarray, MB: np.ndarray, w: np.ndarray, cap: np.ndarray, rules: list[list[int]], n: int
) -> np.ndarray:
    """Swings of a player of capped column *w* by size, over coalitions ``a + b`` of the two halves."""
    inf = 2**62
    if sum(MA.tolist()) * sum(MB.tolist()) < 2**62:  # every count of pairs fits int64
        MA, MB = MA.astype(np.int64), MB.astype(np.int64)
    out = np.zeros(n, dtype=object)
    out[:] = 0
    orderA = np.lexsort((KA[:, 1], KA[:, 0]))
    KA, MA = KA[orderA], MA[orderA]
    sizeA = KA[:, 0]
    starts = np.flatnonzero(np.r_[True, sizeA[1:] != sizeA[:-1]])
    # B grouped by (size, small sums); big sums sorted inside each group
    orderB = np.lexsort((KB[:, 1], *(KB[:, c] for c in range(KB.shape[1] - 1, 1, -1)), KB[:, 0]))
    KB, MB = KB[orderB], MB[orderB]
    state = np.delete(KB, 1, axis=1)
    bounds = np.flatnonzero(np.r_[True, np.any(state[1:] != state[:-1], axis=1), True])
    capS = cap[1:]
    for g0, g1 in zip(bounds[:-1], bounds[1:]):
        size_b, small_b = int(KB[g0, 0]), KB[g0, 2:]
        big_b = KB[g0:g1, 1]
        cum = np.zeros(g1 - g0 + 1, dtype=MB.dtype)
        cum[0] = 0
        cum[1:] = np.cumsum(MB[g0:g1])
        small_S = np.minimum(KA[:, 2:] + small_b, capS)
        small_Si = np.minimum(small_S + w[1:], capS)
        hi = _thresholds(small_S, rules, inf)
        lo = _thresholds(small_Si, rules, inf) - w[0]
        live = hi > lo
        if not live.any():
            continue
        bigA = KA[:, 1]
        ihi = np.searchsorted(big_b, np.where(live, hi - bigA, 0), side="left")
        ilo = np.searchsorted(big_b, np.where(live, lo - bigA, 0), side="left")
        ilo = np.minimum(ilo, ihi)
        contrib = np.where(live, MA * (cum[ihi] - cum[ilo]), 0)
        per_size = np.add.reduceat(contrib, starts)
        for s0, tot in zip(sizeA[starts].tolist(), per_size.tolist()):
            if tot and s0 + size_b < n:
                out[s0 + size_b] += int(tot)
    return out


def _swings_of_rows(rows: list[tuple[int, ...]], rules: list[list[int]], caller: str) -> np.ndarray:
    """``out[i, k]``: coalitions of size k without i that lose and win with i, by meeting in the middle."""
    n = len(rows[0])
    terms = _mitm_terms(rows, n)
    check_bytes(terms * (len(rows) + 6), 8, f"terms of the halves' generating functions ({n} players)", caller)
    check_bytes(n * n, 8, f"swing counts by player and size ({n} players)", caller)
    cols, cap, rules_k = _prepare(rows, rules, caller)
    out = np.zeros((n, n), dtype=object)
    out[:] = 0
    if cols.shape[1] == 0:  # pragma: no cover - a rule has a positive quota, so some row has a cap
        return out
    if cols.shape[1] == 1:  # one row: add a zero small row so that keys always have a small part
        cols = np.concatenate([cols, np.zeros((n, 1), dtype=np.int64)], axis=1)
        cap = np.r_[cap, 0]
        rules_k = [[*rule, 0] for rule in rules_k]
    uniq, inv = _type_of(cols)
    done: dict[int, np.ndarray] = {}
    for i in range(n):
        t = int(inv[i])
        if t in done:
            out[i] = done[t]
            continue
        others = sorted(int(x) for j, x in enumerate(inv) if j != i)
        s = _split(others, uniq.shape[0])
        KA, MA = _half(others[:s], uniq, cap, n)
        KB, MB = _half(others[s:], uniq, cap, n)
        if KB.shape[0] > KA.shape[0]:
            KA, MA, KB, MB = KB, MB, KA, MA
        done[t] = _count_swings(KA, MA, KB, MB, uniq[t], cap, rules_k, n)
        out[i] = done[t]
    return out


def _game_swings(game: MultiQuotaVotingGame, caller: str) -> np.ndarray:
    rows, rules = _rows_rules(game)
    return _swings_of_rows(rows, rules, caller)


# ============================================================================ counting by generating functions, modular
#: Primes just below 2**31: counts are kept modulo each (in uint32, so a sum of two fits) and
#: the exact integers rebuilt by the Chinese remainder theorem.
_PRIMES: list[int] = []


def _is_prime(m: int) -> bool:
    if m < 2 or m % 2 == 0:
        return m == 2
    d, s = m - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in (2, 3, 5, 7, 11, 13, 17):  # deterministic below 3.4e14
        x = pow(a, d, m)
        if x in (1, m - 1):
            continue
        for _ in range(s - 1):
            x = x * x % m
            if x == m - 1:
                break
        else:
            return False
    return True


def _primes_for(bits: int) -> list[int]:
    """Primes below 2**31 whose product exceeds ``2**bits``."""
    prod, k = 1, 0
    while prod <= 1 << bits:
        if k == len(_PRIMES):
            m = (_PRIMES[-1] if _PRIMES else 1 << 31) - 1
            while not _is_prime(m):
                m -= 1
            _PRIMES.append(m)
        prod *= _PRIMES[k]
        k += 1
    return _PRIMES[:k]


def _crt(residues: list[np.ndarray], primes: list[int]) -> np.ndarray:
    """The integers in ``[0, prod(primes))`` with the given residues (object array)."""
    M = math.prod(primes)
    out = np.zeros(residues[0].shape, dtype=object)
    for r, p in zip(residues, primes):
        Mp = M // p
        out = out + r.astype(object) * (Mp * pow(Mp, -1, p))
    return out % M


def _max_size_below(w: tuple[int, ...], q: int) -> int:
    """The largest number of players whose total weight can stay below *q* (the lightest ones)."""
    return bisect.bisect_left(list(itertools.accumulate(sorted(w))), q)


def _count_tables(groups: list[list[int]], q: int, p: int, sizes: int) -> Iterator[np.ndarray]:
    """The tables of :func:`_count_table` after each group of players, in the order given.

    Yields the working buffer (uint64, not reduced modulo *p*, overwritten by the next
    step): the consumer reduces a copy. Players of weight ``>= q`` change nothing below
    ``z**q`` and are skipped.
    """
    R = max(sizes, 1)
    C = np.zeros((R, q), dtype=np.uint64)
    C[0, 0] = 1
    D = C.copy()
    top, rows, fresh = 1, 1, 0  # columns and rows that can be nonzero so far; players since the last reduction
    for group in groups:
        for wj in group:
            if wj >= q:
                continue
            if fresh == 32:
                C[:rows, :top] %= np.uint64(p)
                fresh = 0
            top = min(q, top + wj)
            if sizes:
                new = min(R, rows + 1)  # rows 1 .. new - 1 receive row k - 1 shifted by wj
                np.add(C[1:new, wj:top], C[: new - 1, : top - wj], out=D[1:new, wj:top])
                D[1:new, :wj] = C[1:new, :wj]
                D[0, :top] = C[0, :top]
                rows = new
            else:
                np.add(C[0, wj:top], C[0, : top - wj], out=D[0, wj:top])
                D[0, :wj] = C[0, :wj]
            C, D = D, C
            fresh += 1
        yield C


def _count_table(w: tuple[int, ...], q: int, p: int, sizes: int) -> np.ndarray:
    """Counts (mod p) of the coalitions of every weight ``r < q``, by size ``k < sizes`` (or all, ``sizes=0``).

    The coefficients of ``prod_j (1 + y z**w_j)`` truncated at ``z**q`` and, for sizes,
    at ``y**sizes`` (Brams & Affuso 1976), players in increasing weight so that the
    nonzero block grows slowly. Entries are uint64 below ``p < 2**31`` after a
    reduction and at most double per player, so they are reduced modulo *p* every
    32 players only. Two buffers alternate, so no step copies its input.
    """
    *_, C = _count_tables([sorted(w)], q, p, sizes)  # the table after the last (only) group
    C %= np.uint64(p)
    return C if sizes else C[0]


def _prefix_mod(C: np.ndarray, p: int) -> np.ndarray:
    """Prefix sums modulo *p* along the last axis of a copy of *C* reduced modulo *p*, as int64."""
    pref = C % np.uint64(p)
    np.cumsum(pref, axis=-1, out=pref)  # in place: entries below p < 2**31, sums below 2**63
    pref %= np.uint64(p)
    return pref.view(np.int64)


#: Entries gathered at most at once by :func:`_quotient_windows` (int64: 32 MiB per temporary).
WINDOW_BATCH = 1 << 22


def _quotient_windows(pref: np.ndarray, ws: list[int], a: list[int], b: list[int], p: int, shift: bool) -> np.ndarray:
    """``out[j, k] = sum_{a_j <= r < b_j} [y**k z**r] G / (1 + y z**w_j)`` modulo *p*, from the prefix sums of G.

    *pref* holds the prefix sums along ``z`` of the table ``G[k, r]`` (rows: powers of
    ``y``; ``0 <= r < q``, every ``b_j <= q``). Since ``1 / (1 + y z**w) = sum_t (-1)**t
    y**t z**(t w)``, a window of the quotient is the alternating sum over ``t`` of the
    windows ``[a - t w, b - t w)`` of G, ``t`` rows down (``shift``) or in the same row
    (a table without sizes, where ``y = 1``). The reads of many windows are gathered
    together, padded to the most terms of the batch (at most :data:`WINDOW_BATCH`
    entries), and the row shifts read through a strided view: a few array operations
    per batch instead of a dozen per window. Entries are in ``[0, p)`` (int64).
    """
    R = pref.shape[0]
    out = np.zeros((len(ws), R), dtype=np.int64)
    W, A, B = (np.asarray(v, dtype=np.int64) for v in (ws, a, b))
    T = np.where(B > 0, (B - 1) // W + 1, 0)
    if shift:
        T = np.minimum(T, R)  # t <= k < R
    todo = np.flatnonzero(T > 0)
    start = 0
    while start < todo.size:
        # a batch: windows padded to its most terms Tmax, (R + Tmax - 1) x Tmax entries each
        stop, Tmax = start + 1, int(T[todo[start]])
        while stop < todo.size and (stop + 1 - start) * (R + max(Tmax, int(T[todo[stop]]))) * max(Tmax, int(T[todo[stop]])) <= WINDOW_BATCH:
            Tmax = max(Tmax, int(T[todo[stop]]))
            stop += 1
        idx = todo[start:stop]
        m = idx.size
        t = np.arange(Tmax)
        hi = B[idx][:, None] - t[None, :] * W[idx][:, None]  # (m, Tmax); terms t >= T are masked below
        lo = np.maximum(0, A[idx][:, None] - t[None, :] * W[idx][:, None])
        live = t[None, :] < T[idx][:, None]
        hi = np.where(live, hi, 1)
        vals = pref[:, hi - 1] - np.where(lo > 0, pref[:, np.maximum(lo - 1, 0)], 0)  # (R, m, Tmax)
        vals = np.where(live[None], vals, 0)
        vals[:, :, 1::2] *= -1
        if shift:
            # out[j, k] = sum_t vals[k - t, j, t]: diagonals, through a strided view below Tmax - 1 zero rows
            padded = np.zeros((m, R + Tmax - 1, Tmax), dtype=np.int64)
            padded[:, Tmax - 1 :, :] = vals.transpose(1, 0, 2)
            s0, s1, s2 = padded.strides
            diag = np.lib.stride_tricks.as_strided(padded[:, Tmax - 1 :, :], shape=(m, R, Tmax),
                                                   strides=(s0, s1, s2 - s1), writeable=False)
            out[idx] = diag.sum(axis=2) % p
        else:
            out[idx] = (vals.sum(axis=2) % p).T
        start = stop
    return out


def _cumsum_rows(a: np.ndarray) -> None:
    """Prefix sums along the last axis in place, row by row (a temporary of one row, not of the table)."""
    for row in a.reshape(-1, a.shape[-1]):
        np.cumsum(row, out=row)


#: Bytes per (size, weight) cell of the Shapley-Shubik tables and per weight of Banzhaf's: the
#: two uint64 buffers of one prime's dynamic programme (the prefix sums then overwrite one).
DP_BYTES_PER_CELL = 16

#: The tables' work is bounded too: players x cells x primes cell updates, at most this many per
#: unit of ``max_entries`` (10^11 updates at the default limit, a minute or two of numpy).
DP_UPDATES_PER_ENTRY = 1000


def _groups_by_weight(w: tuple[int, ...]) -> tuple[list[int], list[list[int]]]:
    """Distinct positive weights in decreasing order, and the players' weights grouped by them."""
    vals = sorted({x for x in w if x > 0}, reverse=True)
    return vals, [[v] * w.count(v) for v in vals]


def _heavy_rows(w: tuple[int, ...], vals: list[int], q: int) -> list[int]:
    """For every distinct weight ``v_k``: 1 + the most players of weight ``>= v_k`` that weigh below *q* together."""
    return [_max_size_below(tuple(x for x in w if x >= v), q) + 1 for v in vals]


def _minimal_winning_counts(game: WeightedVotingGame, sizes: bool) -> dict[int, np.ndarray]:
    """Minimal winning coalitions containing a player of every distinct positive weight: by size or in total.

    ``out[x][s]`` counts the minimal winning coalitions of ``s + 1`` members that contain a
    given player of weight ``x`` (``out[x][0]``: all of them when not ``sizes``). A
    coalition ``S`` is minimal winning iff ``w(S) >= q > w(S) - m`` for its least
    weight ``m`` (Holler 1982). So, with ``G_m`` the generating function of the
    players of weight ``>= m``, the coalitions ``S = U + i`` of least weight ``m`` are
    those with ``q - x <= w(U) < q - x + m``, ``U`` counted by ``G_m / (1 + y z**x)``
    less ``G_{>m} / (1 + y z**x)`` when ``x > m`` (so that ``U`` holds a player of
    weight ``m``). Summed over ``m`` the differences telescope: the count is
    ``sum_k [z**r in [q - x + v_{k+1}, q - x + v_k)] G_{v_k} / (1 + y z**x)`` over the
    distinct weights ``v_1 > v_2 > ... > v_D`` (``v_{D+1} = 0``) from ``v_k = x`` down,
    one window per table: those of :func:`_johnston_counts` without light players (a
    coalition is minimal winning iff all its members are critical). The ``G`` are the
    tables of one dynamic programme over the players in decreasing weight (Bilbao,
    Fernández, Jiménez Losada & López 2000); every window is below the quota. Counts modulo primes, rebuilt exactly (below ``2**n``).
    """
    n, w, q = game.n_players, game._int_w, game._int_q
    vals, groups = _groups_by_weight(w)
    K = _max_size_below(w, q) + 1
    primes = _primes_for(n + 1)
    bounds = [*vals, 0]
    rows_of = _heavy_rows(w, vals, q)
    residues: dict[int, list[np.ndarray]] = {x: [] for x in vals}
    for p in primes:
        acc = np.zeros((len(vals), K if sizes else 1), dtype=np.int64)
        for k, C in enumerate(_count_tables(groups, q, p, K if sizes else 0)):
            rows = min(K, rows_of[k]) if sizes else 1
            pref = _prefix_mod(C[:rows], p)
            xs = vals[: k + 1]
            acc[: k + 1, :rows] += _quotient_windows(
                pref, xs, [q - x + bounds[k + 1] for x in xs], [q - x + vals[k] for x in xs], p, sizes
            )
        for j, x in enumerate(vals):
            residues[x].append(acc[j] % p)
    return {x: _crt(res, primes) for x, res in residues.items()}


def _divide_light(F: np.ndarray, v: int, p: int) -> None:
    """Divide every row of *F* (int64, entries in ``[0, 2 p)``) by ``(1 + z**v)`` modulo *p*, in place, truncated alike.

    ``G[r] = F[r] - G[r - v]``: block by block of ``v`` weights when there are few
    blocks, else by alternating prefix sums over the blocks (``G[r] = sum_t (-1)**t
    F[r - t v]``, on a copy). At most ``q / v`` terms below ``2 p`` are summed, so no
    overflow.
    """
    R, q = F.shape
    B = -(-q // v)
    if B <= 256:
        for start in range(v, q, v):
            stop = min(start + v, q)
            F[:, start:stop] -= F[:, start - v : stop - v]
        F %= p
        return
    G = np.zeros((R, B * v), dtype=np.int64)
    G[:, :q] = F
    blocks = G.reshape(R, B, v)
    blocks[:, 1::2] *= -1
    np.cumsum(blocks, axis=1, out=blocks)
    blocks[:, 1::2] *= -1
    np.remainder(G[:, :q], p, out=F)


def _johnston_counts(game: WeightedVotingGame) -> dict[int, np.ndarray]:
    """``out[x][c - 1]``: winning coalitions with ``c`` critical members, one of them a given player of weight ``x``.

    A member ``j`` of a winning ``S`` is critical iff ``w_j > e = w(S) - q``, so the
    critical members are the heaviest of ``S``. For ``e`` between consecutive distinct
    weights ``v_{k+1} <= e < v_k`` the players of weight ``>= v_k`` are the *heavy* ones
    (marked by ``y``) and the others light: ``F_k = prod_heavy (1 + y z**w)
    prod_light (1 + z**w)``, and a critical player of weight ``x`` with ``c - 1`` other
    critical members sits in the coefficients ``[y**(c-1) z**(q + e - x)]`` of
    ``F_k / (1 + y z**x)``, a window below the quota. The sweep starts from the light
    table of all players and moves one weight class at a time from light to heavy
    (divide by ``1 + z**v``, multiply by ``1 + y z**v``). Counts modulo primes, rebuilt
    exactly. Zero-weight players are light throughout (a factor 2 each).
    """
    n, w, q = game.n_players, game._int_w, game._int_q
    vals, groups = _groups_by_weight(w)
    K = _max_size_below(w, q) + 1  # U = S - i weighs below q, so at most K - 1 members
    primes = _primes_for(n + 1)
    zeros = w.count(0)
    residues: dict[int, list[np.ndarray]] = {x: [] for x in vals}
    bounds = [*vals, 0]
    rows_of = _heavy_rows(w, vals, q)
    for p in primes:
        acc = np.zeros((len(vals), K), dtype=np.int64)
        F = np.zeros((K, q), dtype=np.int64)
        F[0] = (_count_table(w, q, p, 0).astype(np.int64) * pow(2, zeros, p)) % p
        for k, v in enumerate(vals):
            rows = min(K, rows_of[k])  # rows of F that can be nonzero (heavy members below the quota)
            if v < q:
                for _ in groups[k]:
                    _divide_light(F[:rows], v, p)
                    F[1:rows, v:] += F[: rows - 1, : q - v]  # entries below 2 p
            pref = F[:rows].copy()
            _cumsum_rows(pref)
            pref %= p
            xs = vals[: k + 1]
            acc[: k + 1, :rows] += _quotient_windows(
                pref, xs, [q - x + bounds[k + 1] for x in xs], [q - x + v for x in xs], p, True
            )
        for j, x in enumerate(vals):
            residues[x].append(acc[j] % p)
    return {x: _crt(res, primes) for x, res in residues.items()}


def _dp_cells(game: WeightedVotingGame, sizes: bool) -> int:
    """Cells of the tables: ``(K + 1) (q + 1)`` for the largest size ``K`` of a losing coalition, or ``q + 1``."""
    q = game._int_q
    return (_max_size_below(game._int_w, q) + 1) * (q + 1) if sizes else q + 1


def _check_dp(game: WeightedVotingGame, sizes: bool, caller: str, bytes_per_cell: int = DP_BYTES_PER_CELL,
              passes: int = 1) -> None:
    """Refuse, before any work, tables over ``max_bytes``/``max_entries`` or cell updates over the time budget."""
    n = game.n_players
    cells = _dp_cells(game, sizes)
    what = (f"the coalition-counting tables ({n} players, quota {game._int_q:,} in units of the weights' "
            "greatest common divisor)")
    check_bytes(cells, bytes_per_cell, f"cells of {what}", caller)
    # Time as well as memory: every player below the quota updates every cell, once per prime.
    small = sum(1 for x in game._int_w if 0 < x < game._int_q)
    updates = passes * small * cells * len(_primes_for(n + 1))
    check_count(-(-updates // DP_UPDATES_PER_ENTRY), "max_entries", f"thousand cell updates of {what}", caller)


#: Bytes per (size, weight) cell of the minimal-winning and Johnston sweeps: the table, its
#: prefix sums and the temporaries of one step (uint64/int64).
SWEEP_BYTES_PER_CELL = 40


def _dp_scores(game: WeightedVotingGame, index: str, caller: str) -> list[Fraction]:
    """Unnormalised Holler, Deegan-Packel or Johnston scores of every player, by the sweeps over weights.

    ``holler``: the number of minimal winning coalitions containing the player;
    ``deegan_packel``: the sum of ``1 / |S|`` over them; ``johnston``: the sum of
    ``1 / c(S)`` over the winning ``S`` in which the player is one of ``c(S)`` critical
    members. Raises :class:`GameError` before any work when the tables exceed the limits.
    """
    sizes = index != "holler"
    _check_dp(game, sizes, caller, SWEEP_BYTES_PER_CELL, passes=3 if index == "johnston" else 1)
    counts = _johnston_counts(game) if index == "johnston" else _minimal_winning_counts(game, sizes)
    cache: dict[int, Fraction] = {}
    for x, row in counts.items():
        ints = [int(c) for c in row]
        cache[x] = Fraction(ints[0]) if not sizes else sum((Fraction(c, s + 1) for s, c in enumerate(ints) if c), Fraction(0))
    return [cache[x] if x > 0 else Fraction(0) for x in game._int_w]


# ============================================================================ indices over minimal winning coalitions
def _simple_table(game: Any, caller: str) -> tuple[np.ndarray, tuple[str, ...]]:
    if isinstance(game, (WeightedVotingGame, MultiQuotaVotingGame)):
        _check_coalitions(game.n_players, caller, itemsize=ENUM_BYTES_PER_COALITION)
        return _win_table(game), game.players
    if isinstance(game, CoalitionGame):
        v = game.values
        if not np.all((v == 0) | (v == 1)) or v[-1] != 1:
            raise GameError(f"{caller}: game must be a simple game (every worth 0 or 1, v(N) = 1).")
        return v == 1, game.players
    raise TypeError(
        f"{caller}: game must be a WeightedVotingGame, MultiQuotaVotingGame or simple CoalitionGame; got {type(game).__name__}."
    )


def _critical_loops(cols: np.ndarray, rules: np.ndarray, mwc: np.ndarray, joh: np.ndarray) -> None:
    """Visit all ``2**n`` coalitions in Gray-code order; count minimal winning ones and critical members.

    *cols* ``(n, k)`` are the players' (capped) integer weights, *rules* ``(c, k)`` the
    quotas. Adds to ``mwc[j, s]`` one per minimal winning coalition of size ``s``
    containing ``j``, and to ``joh[j, c]`` one per winning coalition with ``c``
    critical members, ``j`` among them. Plain loops, compiled by numba when it is
    installed; each step changes one player, so the sums are updated, not recomputed.
    """
    n, k = cols.shape
    c = rules.shape[0]
    sums = np.zeros(k, dtype=np.int64)
    crit = np.zeros(n, dtype=np.int64)
    mask = 0
    for g in range(1 << n):
        if g:  # the next Gray code differs from this one in the lowest set bit of g
            b = 0
            while not (g >> b) & 1:
                b += 1
            mask ^= 1 << b
            sign = 1 if (mask >> b) & 1 else -1
            for d in range(k):
                sums[d] += sign * cols[b, d]
        win = False
        for r in range(c):
            ok = True
            for d in range(k):
                if sums[d] < rules[r, d]:
                    ok = False
                    break
            if ok:
                win = True
                break
        if not win:
            continue
        size, nc = 0, 0
        for j in range(n):
            if not (mask >> j) & 1:
                continue
            size += 1
            still = False  # does the coalition without j win?
            for r in range(c):
                ok = True
                for d in range(k):
                    if sums[d] - cols[j, d] < rules[r, d]:
                        ok = False
                        break
                if ok:
                    still = True
                    break
            if not still:
                crit[nc] = j
                nc += 1
        for t in range(nc):
            joh[crit[t], nc] += 1
            if nc == size:
                mwc[crit[t], size] += 1


_COMPILED: list[Any] = []


def _kernel() -> Any:
    """The numba-compiled :func:`_critical_loops`, or None without numba (then coalitions are tabled)."""
    if not _COMPILED:
        jit = njit()
        _COMPILED.append(None if jit is None else jit(_critical_loops))
    return _COMPILED[0]


def _critical_counts(game: WeightedVotingGame | MultiQuotaVotingGame, caller: str,
                     loops: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """``(mwc, joh)`` of :func:`_critical_loops` for a voting game; *loops* defaults to the compiled kernel.

    The time is bounded first: ``n 2**n`` member checks at most, counted in hundreds
    against ``max_entries`` (28 players at the default limit, some 10 s). The counts of the last
    few games are kept (read-only), so the three indices of one game visit its
    coalitions once.
    """
    n = game.n_players
    check_count(-(-n * (1 << n) // 100), "max_entries", f"hundred member checks of the 2**{n} coalitions", caller)
    if loops is None and game in _CRITICAL_CACHE:
        return _CRITICAL_CACHE[game]
    rows, rules = _rows_rules(game)
    cols, _, rules_k = _prepare(rows, rules, caller)
    mwc = np.zeros((n, n + 1), dtype=np.int64)
    joh = np.zeros((n, n + 1), dtype=np.int64)
    (loops or _kernel())(cols, np.array(rules_k, dtype=np.int64).reshape(len(rules_k), cols.shape[1]), mwc, joh)
    mwc.setflags(write=False)
    joh.setflags(write=False)
    if loops is None:
        if len(_CRITICAL_CACHE) >= 4:
            _CRITICAL_CACHE.pop(next(iter(_CRITICAL_CACHE)))
        _CRITICAL_CACHE[game] = (mwc, joh)
    return mwc, joh


#: The counts of :func:`_critical_counts` for the last few games (immutable and hashable).
_CRITICAL_CACHE: dict[Any, tuple[np.ndarray, np.ndarray]] = {}


def _scores_from_counts(index: str, mwc: np.ndarray, joh: np.ndarray) -> list[Fraction]:
    """Holler, Deegan-Packel or Johnston scores from the counts of :func:`_critical_loops`."""
    table = joh if index == "johnston" else mwc
    out = []
    for row in table.tolist():
        if index == "holler":
            out.append(Fraction(sum(row)))
        else:
            out.append(sum((Fraction(x, s) for s, x in enumerate(row) if x), Fraction(0)))
    return out


def _weighted_scores(game: Any, index: str) -> list[Fraction] | None:
    """Scores of a voting game without a table of its coalitions; None to table them instead.

    A :class:`WeightedVotingGame` by the sweeps over weights; when their tables exceed
    the limits (a huge quota), or for a :class:`MultiQuotaVotingGame`, by the compiled
    enumeration of :func:`_critical_loops` (with numba). None for coalition games,
    without numba, or when these routes exceed the limits but the table of the
    :math:`2^n` coalitions does not; refused when no route fits.
    """
    if not isinstance(game, (WeightedVotingGame, MultiQuotaVotingGame)):
        return None
    errors = []
    if isinstance(game, WeightedVotingGame):
        try:
            return _dp_scores(game, index, index)
        except GameError as err:
            errors.append(str(err))
    if _kernel() is not None:
        try:
            return _scores_from_counts(index, *_critical_counts(game, index))
        except GameError as err:
            errors.append(str(err))
    try:
        _check_coalitions(game.n_players, index, itemsize=ENUM_BYTES_PER_COALITION)
    except GameError as enum_err:
        first, *rest = [*errors, str(enum_err)]
        others = "; ".join(e.split(": ", 1)[1] for e in rest)  # without the repeated caller
        raise GameError(f"{first} Nor do the other routes fit: {others}") from None
    return None


def _critical(win: np.ndarray, i: int) -> np.ndarray:
    """Over the coalitions that contain ``i`` (bit ``i`` set, in mask order): winning, and losing without ``i``."""
    w = win.reshape(-1, 2, 1 << i)
    return np.asarray(w[:, 1, :] & ~w[:, 0, :])


def _with(a: np.ndarray, i: int) -> np.ndarray:
    """The entries of *a* (indexed by mask) at the coalitions that contain ``i``, in the order of :func:`_critical`."""
    return np.asarray(a.reshape(-1, 2, 1 << i)[:, 1, :])


def _n_critical(win: np.ndarray, n: int) -> np.ndarray:
    """Number of critical members of every coalition (uint8)."""
    ncrit = np.zeros(win.shape[0], dtype=np.uint8)
    for i in range(n):
        view = ncrit.reshape(-1, 2, 1 << i)[:, 1, :]
        view += _critical(win, i)
    return ncrit


def _sizes(n: int) -> np.ndarray:
    sizes = np.zeros(1, dtype=np.uint8)
    for _ in range(n):
        sizes = np.concatenate([sizes, sizes + 1])
    return sizes


def _normalised(scores: list[Fraction], players: tuple[str, ...], method: str) -> Allocation:
    total = sum(scores, Fraction(0))
    return _allocation_from_fractions([x / total for x in scores], players, method)


def holler(game: Any) -> Allocation:
    r"""The Holler (public good) index: each player's share of the minimal winning coalitions it belongs to.

    :math:`h_i = m_i / \sum_j m_j`, where :math:`m_i` is the number of minimal
    winning coalitions (winning, and losing without any one member) that
    contain :math:`i` (Holler 1982).

    Parameters
    ----------
    game : WeightedVotingGame, MultiQuotaVotingGame or CoalitionGame
        A coalition game must be simple (every worth 0 or 1, :math:`v(N) = 1`).

    Returns
    -------
    Allocation
        ``method="holler"``, exact, summing to 1.

    Raises
    ------
    TypeError
        If *game* is not one of these games.
    GameError
        If a coalition game is not simple; or, before any work, when none of
        the routes of the Notes fits the ``max_entries``/``max_bytes`` limits
        (see :func:`gametheory_af.set_limits`).

    Notes
    -----
    A :class:`~gametheory_af.WeightedVotingGame` is counted without listing
    coalitions, by sweeps over the distinct weights :math:`v_1 > \dots > v_D`
    (generating functions, Bilbao, Fernández, Jiménez Losada & López 2000; Kurz
    2016). A member :math:`j` of a winning coalition :math:`S` is critical iff
    :math:`w_j > w(S) - q`, so the critical members are the heaviest ones and
    :math:`S` is minimal winning iff its lightest member is critical. For the
    threshold band :math:`v_{k+1} \le w(S) - q < v_k` the players of weight at
    least :math:`v_k` are the possible critical members; a player of weight
    :math:`x` is critical in the coalitions counted by one window, below the
    quota, of the generating function of the others (the full one divided by
    :math:`1 + y z^x`). One table of counts by (number of members, weight) per
    band serves every player; counts are exact (modulo primes below
    :math:`2^{31}`, rebuilt by the Chinese remainder theorem). Memory about
    :math:`40 (K + 1) q` bytes for the quota :math:`q` in units of the weights'
    greatest common divisor and the largest size :math:`K` of a losing
    coalition, time about :math:`n K q` per prime plus :math:`O(D^2 K^2)`
    window reads; both are checked against the limits before any work
    (``benchmarks/bench_power.py`` gives the times for 50 to 200 players).
    A :class:`MultiQuotaVotingGame`, or a weighted game whose quota is too
    large for the tables (weights in persons), is counted by visiting its
    :math:`2^n` coalitions once in Gray-code order in compiled code (with
    numba; :math:`n 2^n` member checks at most, 28 players under the default
    limits; the 27 EU members take a few seconds, and the three indices share
    the visit); without numba, or for a :class:`CoalitionGame`, the
    :math:`2^n` coalitions are tabled (vectorised, about :math:`12 \cdot 2^n`
    bytes, 26 players by default).

    References
    ----------
    Holler, M. J. (1982). Forming coalitions and measuring voting power.
    *Political Studies* 30(2), 262-271.

    Examples
    --------
    In :math:`[3; 2, 1, 1]` the minimal winning coalitions are {1, 2} and {1, 3}.

    >>> import gametheory_af as gt
    >>> from gametheory_af.bargaining.coalitions.voting import holler
    >>> holler(gt.WeightedVotingGame(3, [2, 1, 1])).exact
    (Fraction(1, 2), Fraction(1, 4), Fraction(1, 4))
    """
    scores = _weighted_scores(game, "holler")
    if scores is not None:
        return _normalised(scores, game.players, "holler")
    win, players = _simple_table(game, "holler")
    n = len(players)
    mwc = win & (_n_critical(win, n) == _sizes(n))  # every member critical: minimal winning
    return _normalised([Fraction(int(np.count_nonzero(_with(mwc, i)))) for i in range(n)], players, "holler")


def deegan_packel(game: Any) -> Allocation:
    r"""The Deegan-Packel index: minimal winning coalitions equally likely, their members share equally.

    :math:`\rho_i = \frac{1}{|W^m|} \sum_{S \in W^m,\ i \in S} \frac{1}{|S|}`
    over the minimal winning coalitions :math:`W^m` (Deegan & Packel 1978).

    Parameters
    ----------
    game : WeightedVotingGame, MultiQuotaVotingGame or CoalitionGame
        A coalition game must be simple.

    Returns
    -------
    Allocation
        ``method="deegan_packel"``, exact, summing to 1.

    Raises
    ------
    TypeError, GameError
        As :func:`holler`.

    Notes
    -----
    Counted as :func:`holler` (with the coalitions' sizes as well).

    References
    ----------
    Deegan, J. and Packel, E. W. (1978). A new index of power for simple
    n-person games. *International Journal of Game Theory* 7(2), 113-123.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.bargaining.coalitions.voting import deegan_packel
    >>> deegan_packel(gt.WeightedVotingGame(3, [2, 1, 1])).exact
    (Fraction(1, 2), Fraction(1, 4), Fraction(1, 4))
    """
    scores = _weighted_scores(game, "deegan_packel")
    if scores is not None:
        return _normalised(scores, game.players, "deegan_packel")
    win, players = _simple_table(game, "deegan_packel")
    n = len(players)
    sizes = _sizes(n)
    mwc = win & (_n_critical(win, n) == sizes)
    scores = []
    for i in range(n):
        by_size = np.bincount(_with(sizes, i)[_with(mwc, i)], minlength=n + 1)
        scores.append(sum((Fraction(int(c), s) for s, c in enumerate(by_size.tolist()) if c), Fraction(0)))
    return _normalised(scores, players, "deegan_packel")


def johnston(game: Any) -> Allocation:
    r"""The Johnston index: swings shared among the critical members of each winning coalition.

    :math:`\gamma_i \propto \sum_{S \text{ winning},\ i \text{ critical in } S} 1 / c(S)`,
    where :math:`c(S)` is the number of critical members of :math:`S` (members
    without whom it loses), normalised to sum to 1 (Johnston 1978).

    Parameters
    ----------
    game : WeightedVotingGame, MultiQuotaVotingGame or CoalitionGame
        A coalition game must be simple.

    Returns
    -------
    Allocation
        ``method="johnston"``, exact, summing to 1.

    Raises
    ------
    TypeError, GameError
        As :func:`holler`.

    Notes
    -----
    Counted as :func:`holler`: the sweep moves the players of each weight from
    the light factor :math:`\prod (1 + z^{w})` of the generating function to
    the heavy one :math:`\prod (1 + y z^{w})`, where :math:`y` counts the
    critical members.

    References
    ----------
    Johnston, R. J. (1978). On the measurement of power: some reactions to
    Laver. *Environment and Planning A* 10(8), 907-914.

    Examples
    --------
    In :math:`[3; 2, 1, 1]` player 1 is the only critical member of {1, 2, 3}.

    >>> import gametheory_af as gt
    >>> from gametheory_af.bargaining.coalitions.voting import johnston
    >>> johnston(gt.WeightedVotingGame(3, [2, 1, 1])).exact
    (Fraction(2, 3), Fraction(1, 6), Fraction(1, 6))
    """
    scores = _weighted_scores(game, "johnston")
    if scores is not None:
        return _normalised(scores, game.players, "johnston")
    win, players = _simple_table(game, "johnston")
    n = len(players)
    ncrit = _n_critical(win, n)
    scores = []
    for i in range(n):
        by_c = np.bincount(_with(ncrit, i)[_critical(win, i)], minlength=n + 1)
        scores.append(sum((Fraction(int(c), k) for k, c in enumerate(by_c.tolist()) if c), Fraction(0)))
    return _normalised(scores, players, "johnston")
