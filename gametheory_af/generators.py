"""Game generators: seeded random games and the hard families of the literature.

Random families (for tests, benchmarks and experiments):

* :func:`random_game`: independent payoffs, standard normal, uniform or small integers;
* :func:`covariant_game`: GAMUT's covariant game, payoffs correlated across players.

Hard families for two-player solvers:

* :func:`~gametheory_af.generators.savani_von_stengel`: square games whose Lemke-Howson paths are exponentially
  long from *every* starting label, with one equilibrium;
* :func:`unit_vector_game` and :func:`imitation_game`: games in which one player's
  payoff columns are unit vectors.

Every generator is deterministic: the same arguments give the same game (the random
ones take a ``seed``). Exact constructions (the Savani-von Stengel games, unit vector
games of rational matrices, integer random games) keep their payoffs as exact rationals,
so ``exact=True`` solvers can certify them.

Examples
--------
>>> import gametheory_af as gt
>>> from gametheory_af import generators
>>> generators.random_game((3, 3), seed=1).shape
(3, 3)
>>> g = generators.savani_von_stengel(2)
>>> g.shape, g.is_exact
((4, 4), True)
>>> len(gt.vertex_enumeration(g, exact=True))
1
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ._limits import check_bytes
from ._validation import check_choice, check_int, check_real, check_rng
from .exceptions import GameError
from .game import NormalFormGame

__all__ = [
    "random_game",
    "covariant_game",
    "savani_von_stengel",
    "unit_vector_game",
    "imitation_game",
    "MAX_SVS_N",
]

#: Largest ``n`` :func:`~gametheory_af.generators.savani_von_stengel` builds (a 64 x 64 game). Its exact payoffs
#: grow with ``n`` (rationals of hundreds of digits at the cap), and floating-point
#: pivoting loses the polytope's structure from about ``n = 6`` on: use ``exact=True``.
MAX_SVS_N = 32

_DISTRIBUTIONS = ("normal", "uniform", "integer")
#: Integer payoffs of :func:`random_game` lie in ``[-INTEGER_RANGE, INTEGER_RANGE]``.
INTEGER_RANGE = 100


def _shape(shape: Any, caller: str, *, min_players: int = 1) -> tuple[int, ...]:
    """A tuple of strategy counts (each >= 1), its payoff tensor checked against the size limits."""
    if isinstance(shape, (str, bytes)) or not isinstance(shape, Sequence):
        raise TypeError(f"{caller}: shape must be a sequence of integers; got {shape!r} ({type(shape).__name__}).")
    out = tuple(check_int(s, f"shape[{k}]", caller, minimum=1) for k, s in enumerate(shape))
    if len(out) < min_players:
        raise GameError(f"{caller}: shape must have at least {min_players} entries (one per player); got {shape!r}.")
    check_bytes(len(out) * math.prod(out), 8, "payoff entries", caller)
    return out


def _generator(seed: Any, caller: str) -> np.random.Generator:
    """The seed as a Generator; ``None`` is refused (a generator's game must be reproducible)."""
    if seed is None:
        raise TypeError(f"{caller}: seed must be a non-negative integer or a numpy.random.Generator; got None.")
    return check_rng(seed, caller, "seed")


def random_game(shape: Sequence[int], *, seed: int | np.random.Generator, distribution: str = "normal") -> NormalFormGame:
    """A game with independent, identically distributed random payoffs.

    Parameters
    ----------
    shape : sequence of int
        Strategy counts ``(s_1, ..., s_n)``, one per player (each at least 1).
    seed : int or numpy.random.Generator
        The seed (a non-negative integer) or generator. The same seed gives the same game.
    distribution : {"normal", "uniform", "integer"}, default "normal"
        ``"normal"``: standard-normal payoffs (the random games of ``benchmarks/``: the same
        seed gives the same array as ``benchmarks.conftest.random_game_payoffs``);
        ``"uniform"``: uniform on ``[0, 1)``; ``"integer"``: integers uniform on
        ``[-100, 100]``, kept exact (:attr:`~gametheory_af.NormalFormGame.is_exact`).

    Returns
    -------
    NormalFormGame
        Payoffs of shape ``(n, s_1, ..., s_n)``, drawn in that (C) order from
        ``numpy.random.default_rng(seed)``.

    Raises
    ------
    GameError
        If a strategy count is below 1, the payoff tensor exceeds the size limits
        (:func:`~gametheory_af.get_limits`), the seed is negative or the distribution unknown.
    TypeError
        If ``shape`` is not a sequence of integers or ``seed`` is not a seed.

    Notes
    -----
    Games with continuous payoffs are nondegenerate with probability one. Integer games
    have ties (and so may be degenerate), like the GAMUT random games with discrete payoffs.

    References
    ----------
    Nudelman, E., Wortman, J., Shoham, Y., & Leyton-Brown, K. (2004). Run the GAMUT: a
    comprehensive approach to evaluating game-theoretic algorithms. *AAMAS 2004*, 880-887.

    Examples
    --------
    >>> from gametheory_af.generators import random_game
    >>> g = random_game((2, 3), seed=7, distribution="integer")
    >>> g.shape, g.is_exact
    ((2, 3), True)
    >>> random_game((2, 2), seed=7) == random_game((2, 2), seed=7)
    True
    """
    caller = "random_game"
    dims = _shape(shape, caller)
    rng = _generator(seed, caller)
    kind = check_choice(distribution, _DISTRIBUTIONS, "distribution", caller)
    size = (len(dims), *dims)
    if kind == "normal":
        return NormalFormGame(rng.standard_normal(size))
    if kind == "uniform":
        return NormalFormGame(rng.uniform(0.0, 1.0, size))
    # Python ints: the game keeps them exact.
    return NormalFormGame(rng.integers(-INTEGER_RANGE, INTEGER_RANGE + 1, size).tolist())


def covariant_game(shape: Sequence[int], rho: float, *, seed: int | np.random.Generator) -> NormalFormGame:
    """GAMUT's covariant game: normal payoffs correlated with coefficient *rho* across players.

    For each pure profile the vector of the ``n`` players' payoffs is drawn from the
    multivariate normal law with mean 0, variance 1 and correlation *rho* between any two
    players, independently across profiles.

    Parameters
    ----------
    shape : sequence of int
        Strategy counts ``(s_1, ..., s_n)``, at least two players.
    rho : float
        Correlation, in ``[-1 / (n - 1), 1]`` (the range in which the covariance matrix
        ``(1 - rho) I + rho J`` is positive semi-definite). ``rho = 1`` gives a common-
        interest game (every player has the same payoffs); ``rho = -1 / (n - 1)`` a
        zero-sum game (the payoffs of each profile sum to 0, up to rounding).
    seed : int or numpy.random.Generator
        The seed or generator; the same seed gives the same game.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    GameError
        If there are fewer than two players, *rho* is out of range, or the size or seed is invalid.

    Notes
    -----
    The payoffs are ``S z`` for standard-normal vectors ``z``, with the symmetric square
    root ``S = sqrt(1 - rho) (I - J/n) + sqrt(1 + (n - 1) rho) J/n`` of the covariance
    matrix (``J`` the all-ones matrix), so the draw is continuous in *rho* and exact at both
    ends of its range. GAMUT's optional rescaling of payoffs to a fixed interval is not
    applied: equilibria do not depend on it. Random games with large *rho* have many pure
    equilibria; games with *rho* near its minimum have few, and more mixed ones
    (Rinott & Scarsini 2000).

    References
    ----------
    Nudelman, E., Wortman, J., Shoham, Y., & Leyton-Brown, K. (2004). Run the GAMUT: a
    comprehensive approach to evaluating game-theoretic algorithms. *AAMAS 2004*, 880-887.

    Rinott, Y., & Scarsini, M. (2000). On the number of pure strategy Nash equilibria in
    random games. *Games and Economic Behavior* 33(2), 274-293.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_af.generators import covariant_game
    >>> g = covariant_game((3, 3), 1.0, seed=0)
    >>> bool(np.array_equal(g.payoffs[0], g.payoffs[1]))
    True
    >>> z = covariant_game((3, 3), -1.0, seed=0)
    >>> bool(np.allclose(z.payoffs[0], -z.payoffs[1]))
    True
    """
    caller = "covariant_game"
    dims = _shape(shape, caller, min_players=2)
    n = len(dims)
    r = check_real(rho, "rho", caller, minimum=-1.0 / (n - 1), maximum=1.0)
    rng = _generator(seed, caller)
    z = rng.standard_normal((n, *dims))
    mean = z.mean(axis=0)
    common = math.sqrt(max(0.0, 1.0 + (n - 1) * r))
    return NormalFormGame(math.sqrt(1.0 - r) * (z - mean) + common * mean)


# ------------------------------------------------------------------------------ hard families
def _morris_labels(d: int) -> list[int]:
    """The labels (0-based) of the last ``d`` of the ``2d`` facets of the dual cyclic polytope.

    The first ``d`` facets carry labels ``0..d-1``; the last ``d`` carry, in the order of
    the moment curve, ``d-1``, then the pairs ``(d-3, d-2), (d-5, d-4), ..., (1, 2)``, then ``0``
    (in 1-based labels, ``d, d-2, d-1, ..., 2, 3, 1``): Morris's labelling.
    """
    return [d - 1] + [x for j in range(d - 2, 1, -2) for x in (j - 1, j)] + [0]


def _solve_exact(matrix: list[list[Fraction]], rhs: list[list[Fraction]]) -> list[list[Fraction]]:
    """``X`` with ``matrix @ X = rhs`` by Gauss-Jordan elimination in rationals (``matrix`` invertible)."""
    d = len(matrix)
    rows = [matrix[i][:] + rhs[i][:] for i in range(d)]
    for c in range(d):
        p = next(r for r in range(c, d) if rows[r][c] != 0)
        rows[c], rows[p] = rows[p], rows[c]
        pivot = rows[c][c]
        rows[c] = [v / pivot for v in rows[c]]
        for r in range(d):
            f = rows[r][c]
            if r != c and f != 0:
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[c])]
    return [row[d:] for row in rows]


def _dual_cyclic_matrix(d: int) -> list[list[Fraction]]:
    """``B`` (d x d, rational) with ``{x >= 0 : B^T x <= 1}`` the dual cyclic polytope with ``2d`` facets.

    The ``2d`` facets are those of the polar of the cyclic polytope
    ``conv{mu(t_k)}``, ``mu(t) = (t, t^2, ..., t^d)``, ``t_k = 2k - 2d + 1`` (``k = 0..2d-1``),
    taken about the centroid of the points; an affine change of coordinates (the slacks
    of the first ``d`` facets) makes those facets ``x_i >= 0``, and the last ``d`` become
    the columns of ``B``, each row then divided by its largest absolute value (a change
    of units of ``x_i`` that keeps the combinatorics and helps floating point).
    """
    n_pts = 2 * d
    ts = [Fraction(2 * k - n_pts + 1) for k in range(n_pts)]
    points = [[t**p for p in range(1, d + 1)] for t in ts]
    centroid = [sum((pt[i] for pt in points), Fraction(0)) / n_pts for i in range(d)]
    a = [[pt[i] - centroid[i] for i in range(d)] for pt in points]
    # Facet k of the polar: <a_k, z> <= 1. With x = 1 - A_S z (A_S: the first d rows of a),
    # facet d + j reads -c_j . x <= 1 - c_j . 1 where c_j = A_S^{-T} a_{d+j}.
    a_s_t = [[a[r][c] for r in range(d)] for c in range(d)]
    c = _solve_exact(a_s_t, [[a[d + j][i] for j in range(d)] for i in range(d)])  # column j: c_j
    b = [[Fraction(0)] * d for _ in range(d)]
    for j in range(d):
        slack = 1 - sum((c[i][j] for i in range(d)), Fraction(0))  # > 0: the first d facets meet at a vertex
        for i in range(d):
            b[i][j] = -c[i][j] / slack
    for i in range(d):
        top = max(abs(v) for v in b[i])
        b[i] = [v / top for v in b[i]]
    return b


def savani_von_stengel(n: int) -> NormalFormGame:
    """The Savani-von Stengel game of dimension ``2n``: every Lemke-Howson path is exponentially long.

    A ``2n x 2n`` bimatrix game with exact rational payoffs and a unique Nash equilibrium,
    which the Lemke-Howson algorithm reaches only after a number of pivots exponential in
    ``n`` from every one of its ``4n`` starting labels.

    Parameters
    ----------
    n : int
        Half the dimension, ``1 <= n <= MAX_SVS_N`` (32).

    Returns
    -------
    NormalFormGame
        Row player's payoffs: the unit vectors ``U`` (``U[l(j), j] = 1``, ``0`` elsewhere),
        column player's: ``B``, both exact.

    Raises
    ------
    GameError
        If ``n`` is not an integer in ``[1, MAX_SVS_N]``.

    Notes
    -----
    With ``d = 2n``, ``P = {x >= 0 : B^T x <= 1}`` is the dual cyclic polytope in dimension
    ``d`` with ``2d`` facets (points on the moment curve, Gale's evenness condition): facet
    ``x_i >= 0`` is facet ``i`` in the order of the curve, column ``j`` of ``B`` is facet
    ``d + j``. The game is the unit vector game (:func:`unit_vector_game`) of ``B`` with
    Morris's labels on the last ``d`` facets, ``l = (d, d-2, d-1, ..., 2, 3, 1)`` (1-based),
    so ``U`` is a permutation matrix: this is the simplification of the Savani-von Stengel
    (2006) construction by unit vector games (Savani & von Stengel 2016), with the labelled
    polytope of Morris (1994). The equilibria of the game are the completely labelled
    vertices of ``P`` other than ``0``: there is exactly one. A Lemke-Howson step in the game
    is a step in ``P`` and a step in the cube of the other player, so the path from a row
    label ``k`` has twice the length of Morris's path in ``P`` with label ``k`` missing
    (lengths 4, 12, 32, 80, 196 for label 0 and ``n = 1..5``; shortest over all labels
    4, 8, 16, 24, 44), and the path from column label ``j`` has the length of the path from
    row label ``l(j)``. Support enumeration also takes exponential time on these games.

    The coordinates are exact rationals whose size grows quickly with ``n``; floating-point
    pivoting keeps the combinatorics up to about ``n = 5`` (10 x 10); beyond, solve with
    ``exact=True``.

    References
    ----------
    Savani, R., & von Stengel, B. (2006). Hard-to-solve bimatrix games. *Econometrica*
    74(2), 397-429.

    Savani, R., & von Stengel, B. (2016). Unit vector games. *International Journal of
    Economic Theory* 12(1), 7-27.

    Morris, W. D. (1994). Lemke paths on simple polytopes. *Mathematics of Operations
    Research* 19(4), 780-789.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.generators import savani_von_stengel
    >>> g = savani_von_stengel(2)
    >>> g.payoffs[0].astype(int).tolist()
    [[0, 0, 0, 1], [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0]]
    >>> [gt.lemke_howson(g, initial_label=k).n_iter for k in range(4)]
    [12, 8, 8, 12]
    """
    caller = "savani_von_stengel"
    half = check_int(n, "n", caller, minimum=1, maximum=MAX_SVS_N)
    d = 2 * half
    return unit_vector_game(_dual_cyclic_matrix(d), _morris_labels(d))


def unit_vector_game(B: Any, labels: Sequence[int]) -> NormalFormGame:
    """The unit vector game ``(U, B)``: column ``j`` of the row player's payoffs is ``e_{labels[j]}``.

    Parameters
    ----------
    B : array_like of shape (m, n)
        The column player's payoffs (exact rationals stay exact).
    labels : sequence of n int
        ``labels[j]`` in ``0..m-1``: the row player gets 1 from row ``labels[j]`` against
        column ``j`` and 0 from every other row.

    Returns
    -------
    NormalFormGame
        Two players with ``m`` and ``n`` strategies; the row player's payoffs are integers.

    Raises
    ------
    GameError
        If ``B`` is not a nonempty finite matrix, or the labels are not ``n`` integers in ``0..m-1``.
    TypeError
        If a label is not an integer.

    Notes
    -----
    The Nash equilibria of ``(U, B)`` correspond to the completely labelled vertices of
    ``P = {x >= 0 : B^T x <= 1}`` other than ``0``, where facet ``x_i >= 0`` has label ``i``
    and facet ``(B^T x)_j <= 1`` label ``labels[j]`` (when ``P`` is bounded, e.g. ``B > 0``).
    Every labelled polytope arises this way, so unit vector games are as hard as general
    bimatrix games (Savani & von Stengel 2016). The games are degenerate when two columns
    share a label: equilibria then form continua in the column player's strategies.

    References
    ----------
    Savani, R., & von Stengel, B. (2016). Unit vector games. *International Journal of
    Economic Theory* 12(1), 7-27.

    Balthasar, A. V. (2009). *Geometry and equilibria in bimatrix games*. PhD thesis,
    London School of Economics.

    Examples
    --------
    >>> from gametheory_af.generators import unit_vector_game
    >>> g = unit_vector_game([[3, 1, 2], [1, 2, 3]], [1, 0, 0])
    >>> g.payoffs[0].astype(int).tolist()
    [[0, 1, 1], [1, 0, 0]]
    """
    caller = "unit_vector_game"
    b = _object_matrix(B, caller, square=False)
    m, n = b.shape
    check_bytes(2 * m * n, 8, "payoff entries", caller)
    if isinstance(labels, (str, bytes)) or not isinstance(labels, Sequence | np.ndarray):
        raise TypeError(f"{caller}: labels must be a sequence of integers; got {labels!r} ({type(labels).__name__}).")
    if len(labels) != n:
        raise GameError(f"{caller}: labels must have one entry per column of B ({n}); got {len(labels)}.")
    lab = [check_int(v, f"labels[{j}]", caller, minimum=0, maximum=m - 1) for j, v in enumerate(labels)]
    u = [[1 if lab[j] == i else 0 for j in range(n)] for i in range(m)]
    return NormalFormGame.from_bimatrix(u, b.tolist())


def imitation_game(B: Any) -> NormalFormGame:
    """McLennan and Tourky's imitation game ``(I, B)``: the row player wins by matching the column.

    Parameters
    ----------
    B : array_like of shape (n, n)
        The column player's payoffs.

    Returns
    -------
    NormalFormGame
        The unit vector game with labels ``0..n-1``: the row player's payoffs are the identity.

    Raises
    ------
    GameError
        If ``B`` is not a nonempty square matrix.

    Notes
    -----
    ``(x, y)`` is an equilibrium of the imitation game if and only if ``(x, x)`` is a
    symmetric equilibrium of the symmetric game ``(B^T, B)`` and ``y`` is a strategy on the
    best replies to ``x`` that makes every strategy of ``x``'s support a best reply of the
    imitator (McLennan & Tourky 2010): Lemke-Howson on imitation games is Lemke's
    algorithm for symmetric equilibria.

    References
    ----------
    McLennan, A., & Tourky, R. (2010). Imitation games and computation. *Games and
    Economic Behavior* 70(1), 4-11.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.generators import imitation_game
    >>> g = imitation_game([[0, 2], [1, 0]])  # (B^T, B): an anti-coordination game
    >>> [eq.exact for eq in gt.vertex_enumeration(g, exact=True)]
    [((Fraction(1, 3), Fraction(2, 3)), (Fraction(1, 2), Fraction(1, 2)))]

    The symmetric game's symmetric equilibrium is ``(1/3, 2/3)`` for both players; its two
    asymmetric pure equilibria have no counterpart in the imitation game.
    """
    b = _object_matrix(B, "imitation_game", square=True)
    return unit_vector_game(b, list(range(b.shape[0])))


def _object_matrix(value: Any, caller: str, *, square: bool) -> np.ndarray:
    """*value* as a 2-D object array (exact entries kept), or a GameError naming its shape."""
    b = np.asarray(value, dtype=object)
    if b.ndim != 2 or b.size == 0 or (square and b.shape[0] != b.shape[1]):
        kind = "square" if square else "rectangular"
        raise GameError(f"{caller}: B must be a nonempty {kind} matrix; got shape {b.shape} (ragged rows count as 1-D).")
    return b
