"""One equilibrium of a bimatrix game by the Lemke-Howson algorithm with lexicographic pivoting."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .._deprecation import warn_deprecated
from .._jit import njit
from .._validation import check_int
from ..exceptions import ConvergenceWarning, GameError
from ..game import NormalFormGame
from ..result import SUPPORT_TOL, Equilibrium, EquilibriumResult
from ._bimatrix import MIN_TIE_TOL, accept, bimatrix, certify_one, check_options, prepare

__all__ = ["lemke_howson", "iter_lemke_howson"]

_log = logging.getLogger(__name__)

_METHOD = "lemke_howson"
#: Pivot elements at or below this (in payoffs normalised to [1, 2]) are treated as zero.
_PIVOT_EPS = 1e-12
#: Ratios closer than this are ties, broken lexicographically.
_TIE_EPS = 1e-11
#: Marks an option left out (the deprecated ``initial_labels`` of iter_lemke_howson).
_UNSET: Any = object()


def lemke_howson(
    game: NormalFormGame,
    *,
    initial_label: int | str = 0,
    tol: float = 1e-9,
    exact: bool = False,
    max_iter: int = 1_000_000,
) -> EquilibriumResult:
    """One Nash equilibrium of a two-player game by the Lemke-Howson algorithm.

    Starting from the artificial equilibrium ``(0, 0)`` of the best-response
    polytopes ``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``
    (payoffs first normalised to ``[1, 2]``), the label *initial_label* is
    dropped and complementary pivoting alternates between the two polytopes
    until the missing label is picked up again: the end of the path is an
    equilibrium. The minimum-ratio test is lexicographic (ties broken by the
    rows of the basis inverse), so the path is well defined and cannot cycle
    in degenerate games.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game with ``m`` and ``n`` strategies.
    initial_label : int or "all", default 0
        The label dropped first: ``0..m-1`` are the row player's strategies,
        ``m..m+n-1`` the column player's. ``"all"`` runs the algorithm from
        every label and returns the distinct equilibria found
        (:func:`iter_lemke_howson` is the lazy form, label by label).
    tol : float, default 1e-9
        Tolerance relative to each player's payoff range
        (:ref:`tolerances`): an equilibrium is returned only if
        its ``relative_regret <= tol``.
    exact : bool, default False
        Rebuild the equilibrium at the end of the path in rational arithmetic
        from the final basis (and, if floating point chose a wrong basis, rerun
        the pivoting in :class:`fractions.Fraction` arithmetic), verified to
        have zero regret. Games that float64 cannot resolve
        (``float_resolves``) and that have exact
        (integer or Fraction) payoffs are pivoted in rational arithmetic even
        when ``exact=False``.
    max_iter : int, default 1_000_000
        Maximum number of pivots per path.

    Returns
    -------
    EquilibriumResult
        ``method="lemke_howson"``, ``complete=False``, ``n_iter`` the number of
        pivots, ``parameters`` with ``initial_label``, ``tol``, ``exact``,
        ``max_iter``. ``converged`` is False (and the result empty) if a path
        exceeded *max_iter* pivots.

    Raises
    ------
    GameError
        If the game does not have two players or an option is out of range.

    Warns
    -----
    ConvergenceWarning
        If a path needs more than *max_iter* pivots.

    Notes
    -----
    Lemke-Howson finds one equilibrium per initial label (different labels
    may lead to the same one) and never finds every equilibrium in general,
    so ``complete`` is always False. Path lengths are exponential in the
    worst case (Savani & von Stengel 2006) but short on random games. The
    whole path (normalisation, pivoting, read-out and regret certificate)
    runs in one compiled call when :mod:`numba` is installed (compiled once
    per machine and cached on disk: later processes load it in about a
    second), and in vectorised numpy row operations otherwise. The compiled
    call pivots compact tableaux, which keep only the nonbasic columns and
    the right-hand side (a basic column is a unit vector, read as such by the
    lexicographic test): half the work per pivot of the full tableau, with
    the same numbers bit for bit. Exact mode pivots in
    :class:`fractions.Fraction` arithmetic only if the floating-point basis
    does not rebuild to an exact equilibrium.

    Labels are numbered as nashpy's ``initial_dropped_label`` and
    quantecon's ``init_pivot`` (``k`` here is ``k`` there), and on
    nondegenerate games the three end at the same equilibrium for the same
    label. In degenerate games the end of the path depends on how ties in
    the ratio test are broken: here the lexicographic rule is applied with a
    relative tie tolerance, and the float path agrees with the same rule
    pivoted in exact rational arithmetic. quantecon, which compares ratios
    to ``1e-15``, can take another branch on larger degenerate integer games
    (and then ends at another equilibrium, or does not converge); nashpy
    breaks no ties and may cycle or stop off an equilibrium.

    References
    ----------
    Lemke, C. E., & Howson, J. T. (1964). Equilibrium points of bimatrix
    games. *SIAM J. Applied Mathematics* 12(2), 413-423.

    von Stengel, B. (2007). Equilibrium computation for two-player games in
    strategic and extensive form. In Nisan et al. (eds.), *Algorithmic Game
    Theory*, ch. 3, Alg. 3.6 and sec. 3.6 (degeneracy). Cambridge University Press.

    von Stengel, B. (2002). Computing equilibria for two-person games. In
    Aumann & Hart (eds.), *Handbook of Game Theory* 3, ch. 45, sec. 3.4-3.5
    (complementary pivoting on tableaux, lexicographic degeneracy resolution).
    Elsevier.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.battle_of_the_sexes()
    >>> gt.lemke_howson(g)[0].support
    ((0,), (0,))
    >>> gt.lemke_howson(g, initial_label=1)[0].support
    ((1,), (1,))
    >>> res = gt.lemke_howson(gt.catalog.rock_paper_scissors(), exact=True)
    >>> res[0].exact[1]
    (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))
    """
    U = game.payoffs if isinstance(game, NormalFormGame) else None
    if U is None or U.ndim != 3:  # not a game, or not two players (the payoffs of n players have n + 1 axes)
        bimatrix(game, _METHOD)  # raises, naming the argument
    m, n = U.shape[1:]
    tol, labels, max_iter = _options(initial_label, tol, exact, max_iter, m, n)
    exact = bool(exact)
    parameters = {"initial_label": initial_label, "tol": tol, "exact": exact, "max_iter": max_iter}
    first: tuple[Any, ...] | None = None
    if len(labels) == 1 and not exact and not game.is_exact:
        one, first = _one_path(U, labels[0], tol, max_iter)
        # The results below are built by this function only: _trusted's conditions hold
        # (a tuple of Equilibrium of this game's shape, bool flags, an int pivot count).
        if one is not None:
            _log.debug("lemke_howson: path from initial label %d: %d pivots (compiled route)", labels[0], one[1])
            return EquilibriumResult._trusted(game, (one[0],), _METHOD, False, parameters, True, one[1])
        if first is not None and first[0] == -1:
            _warn_max_iter(labels[0], max_iter, 3)
            return EquilibriumResult._trusted(game, (), _METHOD, False, parameters, False, max_iter)
    eqs: list[Equilibrium] = []
    pivots = 0
    converged = True
    for eq, piv in _paths(game, labels, tol=tol, exact=exact, max_iter=max_iter, first=first):
        pivots += piv
        if eq is None:
            converged = False
            continue
        if not any(e.support == eq.support and _same(e, eq) for e in eqs):
            eqs.append(eq)
    _log.debug(
        "lemke_howson: %d path(s) from initial labels %s: %d pivots in all, %d distinct equilibria%s",
        len(labels), list(labels), pivots, len(eqs), "" if converged else " (some path ended without one)",
    )
    return EquilibriumResult._trusted(game, tuple(eqs), _METHOD, False, parameters, converged, int(pivots))


def iter_lemke_howson(
    game: NormalFormGame,
    *,
    initial_label: Any = "all",
    tol: float = 1e-9,
    exact: bool = False,
    max_iter: int = 1_000_000,
    initial_labels: Any = _UNSET,
) -> Iterator[tuple[int, Equilibrium]]:
    """Lazily run Lemke-Howson from each initial label in turn.

    The lazy form of :func:`lemke_howson`: it yields each path's end as soon
    as it is found, with its label, and keeps the repeats.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    initial_label : int, "all" or iterable of int, default "all"
        Labels to start from, as for :func:`lemke_howson`; ``"all"`` runs all
        ``m + n`` labels in order.
    tol, exact, max_iter
        As for :func:`lemke_howson`.
    initial_labels : iterable of int, optional
        Deprecated name of *initial_label* (emits a DeprecationWarning).

    Yields
    ------
    (int, Equilibrium)
        The initial label and the equilibrium its path ends at (equilibria are
        repeated when several labels lead to the same one). A path exceeding
        *max_iter* pivots yields nothing and issues a
        :class:`~gametheory_af.ConvergenceWarning`.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.battle_of_the_sexes()
    >>> [(k, eq.support) for k, eq in gt.iter_lemke_howson(g)]
    [(0, ((0,), (0,))), (1, ((1,), (1,))), (2, ((0,), (0,))), (3, ((1,), (1,)))]
    >>> [k for k, _ in gt.iter_lemke_howson(g, initial_label=[3, 1])]
    [3, 1]
    """
    caller = "iter_lemke_howson"
    name = "initial_label"
    if initial_labels is not _UNSET:
        warn_deprecated("iter_lemke_howson(initial_labels=...)", "initial_label=...")
        initial_label = "all" if initial_labels is None else initial_labels
        name = "initial_labels"
    A, B = bimatrix(game, caller)
    tol = check_options(tol, exact, caller)
    m, n = A.shape
    if isinstance(initial_label, str) and initial_label == "all":
        labels = list(range(m + n))
    elif name == "initial_label" and isinstance(initial_label, (int, np.integer)) and not isinstance(initial_label, (bool, np.bool_)):
        labels = _labels(initial_label, m, n, caller, name)
    elif isinstance(initial_label, (str, bytes)) or not isinstance(initial_label, Iterable):
        kinds = "an iterable of ints" if name == "initial_labels" else "an int, 'all' or an iterable of ints"
        raise TypeError(f"{caller}: {name} must be {kinds}; got {type(initial_label).__name__} {initial_label!r}.")
    else:
        labels = [_labels(k, m, n, caller, name if name == "initial_labels" else "initial_label entry")[0] for k in initial_label]
    max_iter = _check_max_iter(max_iter, caller)
    for k, (eq, _) in zip(labels, _paths(game, labels, tol=tol, exact=bool(exact), max_iter=max_iter)):
        if eq is not None:
            yield k, eq


# ---------------------------------------------------------------------------- driver
#: Validated options of recent calls, ``key -> (tol, labels, max_iter)`` (:func:`_options`).
_OPTIONS: dict[tuple[Any, ...], tuple[float, tuple[int, ...], int]] = {}


def _options(initial_label: Any, tol: Any, exact: Any, max_iter: Any, m: int, n: int) -> tuple[float, tuple[int, ...], int]:
    """``(tol, labels, max_iter)`` of :func:`lemke_howson`'s options, validated once per distinct value.

    The checks (``check_options``, :func:`_labels`, :func:`_check_max_iter`, in
    this order) depend only on the options' types and values and the game's
    size, so a repeated call (a loop over games of one size) looks their
    outcome up instead: about 3 us of a call on a short path. Options that
    fail raise and are never stored; unhashable ones and a zero ``tol``
    (``-0.0`` and ``0.0`` are equal keys but stored with their sign) are
    checked every time.
    """
    key: tuple[Any, ...] | None = (
        type(initial_label), initial_label, type(tol), tol, type(exact), exact, type(max_iter), max_iter, m, n,
    )
    try:
        hit = _OPTIONS.get(key)  # type: ignore[arg-type]
    except TypeError:  # an unhashable option: checked (and refused) below
        key, hit = None, None
    if hit is not None:
        return hit
    out = (check_options(tol, exact, _METHOD), tuple(_labels(initial_label, m, n, _METHOD)), _check_max_iter(max_iter, _METHOD))
    if key is not None and out[0] != 0.0:
        if len(_OPTIONS) >= 256:
            _OPTIONS.clear()
        _OPTIONS[key] = out
    return out


def _labels(initial_label: Any, m: int, n: int, caller: str = _METHOD, name: str = "initial_label") -> list[int]:
    if isinstance(initial_label, str):
        if initial_label == "all" and name == "initial_label":
            return list(range(m + n))
        raise GameError(f"{caller}: {name} must be an int in [0, {m + n}) or 'all'; got {initial_label!r}.")
    if isinstance(initial_label, (bool, np.bool_)) or not isinstance(initial_label, (int, np.integer)):
        raise TypeError(
            f"{caller}: {name} must be an int or 'all'; got {type(initial_label).__name__} {initial_label!r}."
        )
    k = int(initial_label)
    if not 0 <= k < m + n:
        raise GameError(
            f"{caller}: {name} must be in [0, {m + n}) for a {m} x {n} game "
            f"(0..{m - 1} row strategies, {m}..{m + n - 1} column strategies); got {k}."
        )
    return [k]


def _check_max_iter(max_iter: Any, caller: str = _METHOD) -> int:
    return check_int(max_iter, "max_iter", caller, minimum=1)


def _same(a: Equilibrium, b: Equilibrium) -> bool:
    if a.exact is not None and b.exact is not None:
        return a.exact == b.exact
    return all(np.max(np.abs(p - q)) <= 1e-8 for p, q in zip(a.profile, b.profile))


def _paths(
    game: NormalFormGame, labels: Sequence[int], *, tol: float, exact: bool, max_iter: int,
    first: tuple[Any, ...] | None = None,
) -> Iterator[tuple[Equilibrium | None, int]]:
    """For each initial label, the certified equilibrium at the end of its path and the pivot count.

    The compiled compact route (:func:`_solve`) runs first when numba is
    installed and *exact* is off; a path it cannot finish cleanly (numerical
    trouble, or a certificate above round-off level) is rerun on the reference
    route below, which pivots the full tableaux and polishes. *first* is what
    :func:`_solve` already returned for the only label (:func:`_one_path`),
    which is then not solved again.
    """
    pivot, fast = _kernels()
    compact = fast is not None and not exact
    U = game.payoffs
    work: Any = None
    #: ``(A01, B01, lo0, span0, lo1, span1)`` once the tolerance policy has normalised the game.
    norm: tuple[Any, ...] | None = None
    m, n = U.shape[1:]
    # One label of a float game: the kernel normalises the payoffs itself (and reports integer
    # payoffs, status 1). Several labels, integer payoffs and exact games: the tolerance policy
    # normalises them once (prepare, which may call for pivoting in rational arithmetic).
    raw = len(labels) == 1 and not game.is_exact
    for k in labels:
        if compact:
            solve, solve01 = _compact_kernels()
            x, y = np.zeros(m), np.zeros(n)
            out: tuple[Any, ...] = (first if first is not None else solve(U, k, max_iter, x, y)) if raw else (1,)
            if out[0] == 1:
                if work is None:
                    work = prepare(game, resolves_if_inexact=True)
                    compact = not work.use_exact
                    lo, span = work.lo.tolist(), work.span.tolist()
                    A01, B01 = np.ascontiguousarray(work.A01), np.ascontiguousarray(work.B01)
                    norm = (A01, B01, lo[0], span[0], lo[1], span[1])
                if compact and norm is not None:
                    out = solve01(*norm, k, max_iter, x, y)
            if compact:
                status, piv, rel, r_abs, u0, u1 = out
                if status == 0 and rel <= min(tol, 1e-13):
                    yield _equilibrium(x, y, rel, r_abs, u0, u1), piv
                    continue
                if status == -1:
                    _warn_max_iter(k, max_iter, 4)
                    yield None, max_iter
                    continue
                _log.debug(
                    "lemke_howson: label %d: the compiled route %s; rerunning the path on the reference route",
                    k, "met numerical trouble" if status == 2 else f"certified at relative regret {rel:.3g} only",
                )
                # Status 2 (no blocking row, or a zero vector: round-off) or a certificate above
                # round-off level: the reference route below reruns the path and polishes.
        if work is None:
            work = prepare(game, resolves_if_inexact=True)  # only use_exact reads resolves here
        yield _reference_path(game, work, k, pivot, fast, tol=tol, exact=exact, max_iter=max_iter)


def _one_path(
    U: np.ndarray, k: int, tol: float, max_iter: int
) -> tuple[tuple[Equilibrium, int] | None, tuple[Any, ...] | None]:
    """The compact route's path from label *k* on the float payoffs *U*, in one compiled call.

    The single-label case of :func:`_paths` without its set-up. Returns
    ``((equilibrium, pivots), out)`` for an equilibrium certified at round-off
    level, else ``(None, out)`` with ``out`` the kernel's status tuple
    (``None`` without numba): the path exceeded *max_iter* pivots (status -1,
    the caller warns), or :func:`_paths` takes over from *out* (integer
    payoffs, numerical trouble, a certificate above round-off level).
    """
    if _kernels()[1] is None:  # pragma: no cover - depends on the environment
        return None, None
    m, n = U.shape[1:]
    x, y = np.zeros(m), np.zeros(n)
    out = _compact_kernels()[0](U, k, max_iter, x, y)
    status, piv, rel, r_abs, u0, u1 = out
    if status == 0 and rel <= min(tol, 1e-13):
        return (_equilibrium(x, y, rel, r_abs, u0, u1), piv), out
    return None, out


def _equilibrium(x: np.ndarray, y: np.ndarray, rel: float, r_abs: float, u0: float, u1: float) -> Equilibrium:
    """An :class:`Equilibrium` of the compact route's fresh arrays, frozen in place."""
    x.setflags(write=False)
    y.setflags(write=False)
    pay = np.array([u0, u1])
    pay.setflags(write=False)
    support = (tuple(x.nonzero()[0].tolist()), tuple(y.nonzero()[0].tolist()))
    return Equilibrium._trusted((x, y), pay, support, r_abs, rel)


def _warn_max_iter(k: int, max_iter: int, stacklevel: int) -> None:
    warnings.warn(
        f"{_METHOD}: the path from initial label {k} exceeded max_iter={max_iter} pivots; "
        "no equilibrium returned for it.",
        ConvergenceWarning,
        stacklevel=stacklevel,
    )


def _reference_path(
    game: NormalFormGame, work: Any, k: int, pivot: Any, fast: Any, *, tol: float, exact: bool, max_iter: int
) -> tuple[Equilibrium | None, int]:
    """The path from label *k* on full tableaux (numba or numpy), certified by :func:`~._bimatrix.accept`."""
    m, n = work.A01.shape
    tie_tol = max(tol, MIN_TIE_TOL)
    found: list[Equilibrium] = []
    if work.use_exact:
        # float64 cannot resolve the payoffs, which are exact: pivot in rational arithmetic.
        _log.info("lemke_howson: label %d: float64 cannot resolve the exact payoffs: pivoting in rational arithmetic", k)
        found = _exact_path(game, k, max_iter)
        if not found:  # pragma: no cover - exact pivoting ends at an equilibrium
            return None, max_iter
        return found[0], 0
    if fast is not None and not exact:
        # Whole path and read-out in one compiled call; the certificate is recomputed on
        # the payoffs normalised per player (relative to each player's range).
        piv, x, y, _, _, _, basis1, basis2 = fast(work.A01, work.B01, k, max_iter, _PIVOT_EPS, _TIE_EPS, SUPPORT_TOL)
        if piv > 0:
            eq = certify_one(work, x, y)
            if eq.relative_regret <= min(tol, 1e-13):
                found = [eq]
            else:  # certificate not at round-off level: polish and certify in numpy
                found = accept(
                    game, [(x, y)], An=work.An, Bn=work.Bn, tol=tol, tie_tol=tie_tol, exact=False,
                    sets=[_basis_sets(basis1, basis2, m, n)], work=work,
                )
    else:
        An, Bn = work.An, work.Bn
        T1, T2, basis1, basis2 = _tableaux(An, Bn)
        piv = pivot(T1, T2, basis1, basis2, k, max_iter, _PIVOT_EPS, _TIE_EPS)
        if piv > 0:
            x, y = _read_basis(T1, T2, basis1, basis2, m, n)
            found = accept(
                game, [(x, y)], An=An, Bn=Bn, tol=tol, tie_tol=tie_tol, exact=exact,
                sets=[_basis_sets(basis1, basis2, m, n)], work=work,
            )
    if piv == -1:
        _warn_max_iter(k, max_iter, 5)
        return None, max_iter
    if not found and exact:
        _log.info("lemke_howson: label %d: the float path was not certified exactly: re-solving in rational arithmetic", k)
        found = _exact_path(game, k, max_iter)
    if not found:  # pragma: no cover - the float path ended off an equilibrium
        warnings.warn(
            f"{_METHOD}: the path from initial label {k} ended at a profile whose relative regret exceeds "
            f"the tolerance {tol:.3g} (numerical trouble); no equilibrium returned for it.",
            ConvergenceWarning,
            stacklevel=4,
        )
        return None, piv
    return found[0], piv


def _tableaux(An: Any, Bn: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Initial tableaux with one column per label and the right-hand side last.

    ``T1`` (``n`` rows) encodes ``B^T x + s = 1``: label ``i < m`` is ``x_i``,
    label ``m + j`` is the slack ``s_j``. ``T2`` (``m`` rows) encodes
    ``r + A y = 1``: label ``i < m`` is the slack ``r_i``, label ``m + j`` is
    ``y_j``. Slacks start basic; their columns hold the basis inverse, which
    the lexicographic ratio test reads.
    """
    m, n = An.shape
    T1 = np.zeros((n, m + n + 1), dtype=An.dtype)
    T2 = np.zeros((m, m + n + 1), dtype=An.dtype)
    T1[:, :m] = Bn.T
    T2[:, m : m + n] = An
    T1[np.arange(n), np.arange(m, m + n)] = 1
    T2[np.arange(m), np.arange(m)] = 1
    T1[:, -1] = 1
    T2[:, -1] = 1
    basis1 = np.arange(m, m + n, dtype=np.int64)
    basis2 = np.arange(m, dtype=np.int64)
    return T1, T2, basis1, basis2


def _read_basis(
    T1: np.ndarray, T2: np.ndarray, basis1: np.ndarray, basis2: np.ndarray, m: int, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """The (unnormalised) ``x, y`` of the final bases."""
    x = np.zeros(m)
    y = np.zeros(n)
    in_x = basis1 < m
    x[basis1[in_x]] = T1[in_x, -1].astype(np.float64)
    in_y = basis2 >= m
    y[basis2[in_y] - m] = T2[in_y, -1].astype(np.float64)
    return x, y


def _basis_sets(basis1: np.ndarray, basis2: np.ndarray, m: int, n: int) -> tuple[list[int], list[int], list[int], list[int]]:
    """Supports and ties defined by the final bases (a square, nonsingular system for each player)."""
    tight_x = np.ones(m + n, dtype=bool)
    tight_x[basis1] = False
    tight_y = np.ones(m + n, dtype=bool)
    tight_y[basis2] = False
    return (
        np.sort(basis1[basis1 < m]).tolist(),
        np.flatnonzero(tight_x[m:]).tolist(),
        np.sort(basis2[basis2 >= m] - m).tolist(),
        np.flatnonzero(tight_y[:m]).tolist(),
    )


def _exact_path(game: NormalFormGame, k: int, max_iter: int) -> list[Equilibrium]:
    """Rerun the path in Fraction arithmetic (exact lexicographic pivoting)."""
    U = game.exact_payoffs()
    An, Bn = _normalized_exact(U[0]), _normalized_exact(U[1])
    m, n = An.shape
    T1, T2, basis1, basis2 = _tableaux(An, Bn)
    if _pivot_numpy(T1, T2, basis1, basis2, k, max_iter, 0, 0) < 0:  # pragma: no cover
        return []
    sets = _basis_sets(basis1, basis2, m, n)
    from ._bimatrix import exact_equilibrium

    eq = exact_equilibrium(game, U[0], U[1], sets)
    return [eq] if eq is not None else []


def _normalized_exact(M: np.ndarray) -> np.ndarray:
    """:func:`normalized` in Fraction arithmetic."""
    lo = min(M.ravel().tolist())
    hi = max(M.ravel().tolist())
    out = np.empty(M.shape, dtype=object)
    if hi == lo:
        out[:] = Fraction(1)
        return out
    span = hi - lo
    flat = [(v - lo) / span + 1 for v in M.ravel().tolist()]
    out.ravel()[:] = flat
    return out


# ---------------------------------------------------------------------------- pivoting kernels
def _pivot_numpy(
    T1: np.ndarray, T2: np.ndarray, basis1: np.ndarray, basis2: np.ndarray, k0: int, max_iter: int, eps: Any, tie: Any
) -> int:
    """Complementary pivoting with numpy row operations; works on float and on Fraction (object) tableaux.

    Returns the number of pivots, ``-1`` if *max_iter* was reached, or ``-2``
    if no row blocks the entering column (possible only through round-off).
    """
    m = T2.shape[0]
    n = T1.shape[0]
    entering = k0
    # Label k < m is a column of P's tableau when x_k enters, i.e. when it is nonbasic there.
    use_first = k0 < m
    for it in range(1, max_iter + 1):
        if use_first:
            T, basis, lex = T1, basis1, range(m, m + n)
        else:
            T, basis, lex = T2, basis2, range(0, m)
        r = _lex_min_ratio_numpy(T, entering, lex, eps, tie)
        if r < 0:  # pragma: no cover - unbounded ray: only reachable through round-off
            return -2
        leaving = int(basis[r])
        prow = T[r] / T[r, entering]
        T[r] = prow
        f = T[:, entering].copy()
        f[r] = 0
        nz = np.flatnonzero(f != 0)
        if nz.size:
            T[nz] -= np.multiply.outer(f[nz], prow)
        basis[r] = entering
        if leaving == k0:
            return it
        entering = leaving
        use_first = not use_first
    return -1


def _lex_min_ratio_numpy(T: np.ndarray, col: int, lex: range, eps: Any, tie: Any) -> int:
    a = T[:, col]
    rows = np.flatnonzero(a > eps)
    if rows.size == 0:  # pragma: no cover - see _pivot_numpy
        return -1
    if rows.size == 1:
        return int(rows[0])
    ratio = T[rows, -1] / a[rows]
    best = ratio.min()
    cand = rows[ratio <= best + tie]
    for c in lex:  # pragma: no branch - rows of the basis inverse are independent: a winner emerges
        if cand.size == 1:
            break
        ratio = T[cand, c] / a[cand]
        best = ratio.min()
        cand = cand[ratio <= best + tie]
    return int(cand[0])


def _pivot_loops(
    T1: np.ndarray, T2: np.ndarray, basis1: np.ndarray, basis2: np.ndarray, k0: int, max_iter: int, eps: float, tie: float
) -> int:  # pragma: no cover - compiled by numba; the same algorithm as _pivot_numpy
    """Complementary pivoting in explicit loops, for compilation by numba."""
    m = T2.shape[0]
    n = T1.shape[0]
    width = T1.shape[1]
    entering = k0
    use_first = k0 < m
    prow = np.empty(width)
    for it in range(1, max_iter + 1):
        if use_first:
            T = T1
            basis = basis1
            lex0 = m
            nlex = n
        else:
            T = T2
            basis = basis2
            lex0 = 0
            nlex = m
        rows = T.shape[0]
        best = -1
        for r in range(rows):
            a = T[r, entering]
            if a <= eps:
                continue
            if best < 0:
                best = r
                continue
            ab = T[best, entering]
            d = T[r, width - 1] / a - T[best, width - 1] / ab
            if d < -tie:
                best = r
            elif d <= tie:
                for c in range(lex0, lex0 + nlex):
                    d = T[r, c] / a - T[best, c] / ab
                    if d < -tie:
                        best = r
                        break
                    if d > tie:
                        break
        if best < 0:
            return -2
        r = best
        leaving = basis[r]
        piv = T[r, entering]
        # The scaled pivot row goes to a separate buffer so that the row updates below do
        # not alias it and the compiler can vectorise them.
        for c in range(width):
            prow[c] = T[r, c] / piv
            T[r, c] = prow[c]
        for i in range(rows):
            if i != r:
                f = T[i, entering]
                if f != 0.0:
                    for c in range(width):
                        T[i, c] -= f * prow[c]
                    T[i, entering] = 0.0
        basis[r] = entering
        if leaving == k0:
            return it
        entering = leaving
        use_first = not use_first
    return -1


def _fast_path(
    A: np.ndarray, B: np.ndarray, k0: int, max_iter: int, eps: float, tie: float, support_tol: float
) -> Any:  # pragma: no cover - compiled by numba
    """One whole path for numba: normalise, pivot, read the bases, certify.

    Returns ``(pivots, x, y, max_regret, u0, u1, basis1, basis2)`` with ``x, y``
    on the simplex (probabilities at most *support_tol* set to zero).
    """
    m, n = A.shape
    lo_a, hi_a = A.min(), A.max()
    lo_b, hi_b = B.min(), B.max()
    T1 = np.zeros((n, m + n + 1))
    T2 = np.zeros((m, m + n + 1))
    for i in range(m):
        for j in range(n):
            T2[i, m + j] = (A[i, j] - lo_a) / (hi_a - lo_a) + 1.0 if hi_a > lo_a else 1.0
            T1[j, i] = (B[i, j] - lo_b) / (hi_b - lo_b) + 1.0 if hi_b > lo_b else 1.0
    for j in range(n):
        T1[j, m + j] = 1.0
        T1[j, m + n] = 1.0
    for i in range(m):
        T2[i, i] = 1.0
        T2[i, m + n] = 1.0
    basis1 = np.arange(m, m + n)
    basis2 = np.arange(m)
    piv = _pivot_jit(T1, T2, basis1, basis2, k0, max_iter, eps, tie)
    x = np.zeros(m)
    y = np.zeros(n)
    if piv <= 0:
        return piv, x, y, np.inf, 0.0, 0.0, basis1, basis2
    for r in range(n):
        if basis1[r] < m:
            x[basis1[r]] = max(T1[r, m + n], 0.0)
    for r in range(m):
        if basis2[r] >= m:
            y[basis2[r] - m] = max(T2[r, m + n], 0.0)
    for v in (x, y):
        v /= v.sum()
        if (v <= support_tol).any():
            for i in range(v.size):
                if v[i] <= support_tol:
                    v[i] = 0.0
            v /= v.sum()
    row_pay = A @ y
    col_pay = x @ B
    u0 = x @ row_pay
    u1 = col_pay @ y
    regret = max(row_pay.max() - u0, col_pay.max() - u1, 0.0)
    return piv, x, y, regret, u0, u1, basis1, basis2


# ---------------------------------------------------------------------------- compact kernel (default route)
def _pivot_compact(
    T: np.ndarray, basis: np.ndarray, nonbasic: np.ndarray, col: np.ndarray, row: np.ndarray,
    entering: int, lex0: int, eps: float, tie: float, prow: np.ndarray,
) -> int:  # pragma: no cover - compiled by numba
    """One pivot on a compact tableau; returns the leaving label, or -1 if no row blocks the column.

    ``T`` holds the nonbasic columns of the full tableau and its right-hand
    side (last); ``basis[r]`` is the label basic in row ``r``,
    ``nonbasic[c]`` the label of column ``c``, and ``col``/``row`` map a
    label to its column (``-1`` when basic) and row (``-1`` when nonbasic).
    The lexicographic ratio test reads the columns of the initial basis
    (labels ``lex0 ..``) as the full tableau has them: a nonbasic one from
    ``T``, a basic one as its unit vector. The pivot updates the nonbasic
    columns as the full tableau does, and the entering column becomes the
    leaving label's (``1/piv`` in the pivot row, ``-f/piv`` elsewhere): the
    values the full tableau gives that column, so both agree bit for bit.
    """
    rows = T.shape[0]
    rhs = T.shape[1] - 1
    ce = col[entering]
    best = -1
    ab = 1.0
    ratio_b = 0.0
    for r in range(rows):
        a = T[r, ce]
        if a <= eps:
            continue
        ratio = T[r, rhs] / a
        if best < 0:
            best, ab, ratio_b = r, a, ratio
            continue
        d = ratio - ratio_b
        if d < -tie:
            best, ab, ratio_b = r, a, ratio
        elif d <= tie:
            for c in range(lex0, lex0 + rows):
                cc = col[c]
                if cc >= 0:
                    vr = T[r, cc]
                    vb = T[best, cc]
                else:
                    vr = 1.0 if row[c] == r else 0.0
                    vb = 1.0 if row[c] == best else 0.0
                d = vr / a - vb / ab
                if d < -tie:
                    best, ab, ratio_b = r, a, ratio
                    break
                if d > tie:
                    break
    if best < 0:
        return -1
    r = best
    leaving = basis[r]
    piv = T[r, ce]
    width = rhs + 1
    for c in range(width):
        prow[c] = T[r, c] / piv
    prow[ce] = 1.0 / piv
    for c in range(width):
        T[r, c] = prow[c]
    q = prow[ce]
    for i in range(rows):
        if i != r:
            f = T[i, ce]
            if f != 0.0:
                for c in range(width):
                    T[i, c] -= f * prow[c]
                T[i, ce] = 0.0 - f * q
            else:
                T[i, ce] = 0.0
    basis[r] = entering
    nonbasic[ce] = leaving
    col[entering] = -1
    row[entering] = r
    col[leaving] = ce
    row[leaving] = -1
    return int(leaving)


def _pairwise_leaf(a: np.ndarray, lo: int, n: int) -> float:  # pragma: no cover - compiled by numba
    """``a[lo:lo + n].sum()`` for ``n <= 128`` in numpy's order: eight running sums, combined pairwise."""
    if n < 8:
        res = 0.0
        for i in range(lo, lo + n):
            res += a[i]
        return res
    r0, r1, r2, r3 = a[lo], a[lo + 1], a[lo + 2], a[lo + 3]
    r4, r5, r6, r7 = a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]
    i = 8
    stop = n - n % 8
    while i < stop:
        r0 += a[lo + i]
        r1 += a[lo + i + 1]
        r2 += a[lo + i + 2]
        r3 += a[lo + i + 3]
        r4 += a[lo + i + 4]
        r5 += a[lo + i + 5]
        r6 += a[lo + i + 6]
        r7 += a[lo + i + 7]
        i += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        res += a[lo + i]
        i += 1
    return float(res)


def _pairwise_sum(a: np.ndarray) -> float:  # pragma: no cover - compiled by numba
    """``a.sum()`` of a 1-d array in numpy's pairwise order, so bitwise what numpy returns.

    numpy halves a run longer than 128 (the first half a multiple of 8 long)
    and adds the two halves' sums; the halving is unrolled here on an explicit
    stack (a recursive kernel cannot be cached by numba).
    """
    n = a.size
    if n <= 128:
        return 0.0 + float(_pairwise_leaf_jit(a, 0, n))
    # Post-order walk of the halving tree: (start, length, children visited) per node.
    starts = np.empty(64, dtype=np.int64)
    lengths = np.empty(64, dtype=np.int64)
    visits = np.zeros(64, dtype=np.int64)
    sums = np.empty(64)
    top = 0
    nsums = 0
    starts[0], lengths[0], visits[0] = 0, n, 0
    while top >= 0:
        lo, size = starts[top], lengths[top]
        if size <= 128:
            sums[nsums] = _pairwise_leaf_jit(a, lo, size)
            nsums += 1
            top -= 1
            continue
        half = size // 2
        half -= half % 8
        if visits[top] == 0:
            visits[top] = 1
            top += 1
            starts[top], lengths[top], visits[top] = lo, half, 0
        elif visits[top] == 1:
            visits[top] = 2
            top += 1
            starts[top], lengths[top], visits[top] = lo + half, size - half, 0
        else:
            sums[nsums - 2] = sums[nsums - 2] + sums[nsums - 1]
            nsums -= 1
            top -= 1
    return 0.0 + float(sums[0])


def _payoff_range(U: np.ndarray, p: int) -> tuple[float, float]:  # pragma: no cover - compiled by numba
    """``(min, max)`` of player *p*'s payoffs, in four independent running pairs (min and max do not depend on the order)."""
    a = U[p].ravel()
    size = a.size
    l0 = l1 = l2 = l3 = h0 = h1 = h2 = h3 = a[0]
    k = 0
    while k + 4 <= size:
        v0, v1, v2, v3 = a[k], a[k + 1], a[k + 2], a[k + 3]
        l0 = v0 if v0 < l0 else l0
        h0 = v0 if v0 > h0 else h0
        l1 = v1 if v1 < l1 else l1
        h1 = v1 if v1 > h1 else h1
        l2 = v2 if v2 < l2 else l2
        h2 = v2 if v2 > h2 else h2
        l3 = v3 if v3 < l3 else l3
        h3 = v3 if v3 > h3 else h3
        k += 4
    while k < size:
        v0 = a[k]
        l0 = v0 if v0 < l0 else l0
        h0 = v0 if v0 > h0 else h0
        k += 1
    return min(min(l0, l1), min(l2, l3)), max(max(h0, h1), max(h2, h3))


def _normalise_into(U: np.ndarray, p: int, out: np.ndarray, T: np.ndarray, transpose: bool) -> tuple[float, float]:  # pragma: no cover
    """Player *p*'s payoffs mapped onto ``[0, 1]`` into *out*, as :func:`~gametheory_af._tolerance.normalized_payoffs`.

    A second pass writes them plus one into the tableau *T* (transposed when
    *transpose*), as :func:`_solve01` fills it: the divisions run in a loop of
    contiguous reads and writes only, which the compiler vectorises (one loop
    with the transposed store does not). Returns ``(low, span)``; a constant
    player's span counts as 1.
    """
    m, n = out.shape
    lo, hi = _payoff_range_jit(U, p)
    span = hi - lo
    if not span > 0.0:
        span = 1.0
    src = U[p].ravel()
    dst = out.ravel()
    for k in range(m * n):
        dst[k] = (src[k] - lo) / span
    if transpose:
        for j in range(n):
            for i in range(m):
                T[j, i] = out[i, j] + 1.0
    else:
        for i in range(m):
            for j in range(n):
                T[i, j] = out[i, j] + 1.0
    return lo, span


def _integral(U: np.ndarray) -> bool:  # pragma: no cover - compiled by numba
    """:func:`~gametheory_af._tolerance.has_exact_payoffs` for float payoffs: all integers below 2**53."""
    big = 0.0
    for v in U.ravel():
        if v != np.floor(v):
            return False
        big = max(big, abs(v))
    return big < 2.0**53


def _simplex(v: np.ndarray, support_tol: float) -> bool:  # pragma: no cover - compiled by numba
    """The read-out of :func:`_fast_path` then :func:`~._bimatrix.certify_one`'s rescaling, in place; False if *v* is zero."""
    v /= v.sum()
    if (v <= support_tol).any():
        for i in range(v.size):
            if v[i] <= support_tol:
                v[i] = 0.0
        v /= v.sum()
    total = _pairwise_sum_jit(v)
    if not total > 0.0:
        return False
    v /= total
    small = False
    for i in range(v.size):
        if v[i] <= support_tol:
            v[i] = 0.0
            small = True
    if small:
        v /= _pairwise_sum_jit(v)
    return True


def _solve(U: np.ndarray, k0: int, max_iter: int, x: np.ndarray, y: np.ndarray) -> Any:  # pragma: no cover - numba
    """One whole path for numba from the raw payoffs ``U`` of shape ``(2, m, n)``: normalise, then :func:`_run`.

    Returns status 1 (and no path) for integer payoffs below 2**53, whose
    float resolution the caller must judge first (:func:`~._bimatrix.prepare`).
    """
    m = U.shape[1]
    n = U.shape[2]
    if _integral_jit(U):
        return 1, 0, np.inf, np.inf, 0.0, 0.0
    A01 = np.empty((m, n))
    B01 = np.empty((m, n))
    T1 = np.empty((n, m + 1))
    T2 = np.empty((m, n + 1))
    lo0, span0 = _normalise_jit(U, 0, A01, T2, False)
    lo1, span1 = _normalise_jit(U, 1, B01, T1, True)
    for i in range(m):
        T2[i, n] = 1.0
    for j in range(n):
        T1[j, m] = 1.0
    return _run_jit(A01, B01, T1, T2, lo0, span0, lo1, span1, k0, max_iter, x, y)


def _solve01(
    A01: np.ndarray, B01: np.ndarray, lo0: float, span0: float, lo1: float, span1: float,
    k0: int, max_iter: int, x: np.ndarray, y: np.ndarray,
) -> Any:  # pragma: no cover - compiled by numba
    """One whole path for numba on payoffs normalised to ``[0, 1]``: fill the compact tableaux, then :func:`_run`.

    Compact tableaux hold only the nonbasic columns and the right-hand side
    (last column): ``T1`` (``n`` rows) is ``B^T x + s = 1``, ``T2`` (``m``
    rows) is ``r + A y = 1``, with labels as in :func:`_tableaux`.
    """
    m, n = A01.shape
    T1 = np.empty((n, m + 1))
    T2 = np.empty((m, n + 1))
    for j in range(n):
        for i in range(m):
            T1[j, i] = B01[i, j] + 1.0
        T1[j, m] = 1.0
    for i in range(m):
        for j in range(n):
            T2[i, j] = A01[i, j] + 1.0
        T2[i, n] = 1.0
    return _run_jit(A01, B01, T1, T2, lo0, span0, lo1, span1, k0, max_iter, x, y)


def _run(
    A01: np.ndarray, B01: np.ndarray, T1: np.ndarray, T2: np.ndarray, lo0: float, span0: float, lo1: float,
    span1: float, k0: int, max_iter: int, x: np.ndarray, y: np.ndarray,
) -> Any:  # pragma: no cover - compiled by numba
    """The path from label *k0* on the compact tableaux ``T1``, ``T2`` (filled), its read-out and certificate.

    Writes the equilibrium into the zero vectors *x* and *y* and returns
    ``(status, pivots, relative_regret, max_regret, u0, u1)``; ``status`` is 0
    for an equilibrium, -1 if *max_iter* was reached and 2 for numerical
    trouble (the caller then takes the reference route). The pivot, tie and
    support tolerances are the module's constants, frozen at compilation.
    """
    eps, tie, support_tol = _PIVOT_EPS, _TIE_EPS, SUPPORT_TOL
    m, n = A01.shape
    basis1 = np.arange(m, m + n)
    basis2 = np.arange(m)
    nonb1 = np.arange(m)
    nonb2 = np.arange(m, m + n)
    col1 = np.full(m + n, -1)
    row1 = np.full(m + n, -1)
    col2 = np.full(m + n, -1)
    row2 = np.full(m + n, -1)
    for i in range(m):
        col1[i] = i
        row2[i] = i
    for j in range(n):
        row1[m + j] = j
        col2[m + j] = j
    prow1 = np.empty(m + 1)
    prow2 = np.empty(n + 1)
    entering = k0
    use_first = k0 < m
    piv = -1
    for it in range(1, max_iter + 1):
        if use_first:
            leaving = _pivot_compact_jit(T1, basis1, nonb1, col1, row1, entering, m, eps, tie, prow1)
        else:
            leaving = _pivot_compact_jit(T2, basis2, nonb2, col2, row2, entering, 0, eps, tie, prow2)
        if leaving < 0:
            return 2, it, np.inf, np.inf, 0.0, 0.0
        if leaving == k0:
            piv = it
            break
        entering = leaving
        use_first = not use_first
    if piv < 0:
        return -1, max_iter, np.inf, np.inf, 0.0, 0.0
    for r in range(n):
        if basis1[r] < m:
            x[basis1[r]] = max(T1[r, m], 0.0)
    for r in range(m):
        if basis2[r] >= m:
            y[basis2[r] - m] = max(T2[r, n], 0.0)
    if not (_simplex_jit(x, support_tol) and _simplex_jit(y, support_tol)):
        return 2, piv, np.inf, np.inf, 0.0, 0.0
    # Regret certificate on the payoffs normalised per player, as _bimatrix._regrets.
    # Terms of strategies outside the support are +0.0 and leave the sums unchanged: skip them.
    row_pay = np.zeros(m)
    col_pay = np.zeros(n)
    supp_y = np.flatnonzero(y)
    for i in range(m):
        s = 0.0
        for jy in supp_y:
            s += A01[i, jy] * y[jy]
        row_pay[i] = s
        xi = x[i]
        if xi != 0.0:
            for j in range(n):
                col_pay[j] += xi * B01[i, j]
    u0 = 0.0
    for i in range(m):
        u0 += x[i] * row_pay[i]
    u1 = 0.0
    for j in range(n):
        u1 += y[j] * col_pay[j]
    r0 = max(row_pay.max() - u0, 0.0)
    r1 = max(col_pay.max() - u1, 0.0)
    return 0, piv, max(r0, r1), max(r0 * span0, r1 * span1), lo0 + span0 * u0, lo1 + span1 * u1


_COMPILED: list[Any] = []
_COMPACT: list[Any] = []
#: The compiled helpers, referenced as globals by the compiled kernels (bound by :func:`_kernels`).
_pivot_jit: Any = None
_pivot_compact_jit: Any = None
_pairwise_sum_jit: Any = None
_pairwise_leaf_jit: Any = None
_normalise_jit: Any = None
_payoff_range_jit: Any = None
_integral_jit: Any = None
_simplex_jit: Any = None
_solve01_jit: Any = None
_run_jit: Any = None


def _kernels() -> tuple[Any, Any]:
    """``(pivot, fast)``: numba-compiled kernels when numba is importable; else the numpy kernel and None.

    The full-tableau reference route (exact mode, and the fallback of the compact route).
    """
    global _pivot_jit
    if not _COMPILED:
        jit = njit()
        if jit is None:  # pragma: no cover - depends on the environment
            _COMPILED.extend([_pivot_numpy, None])
        else:
            _pivot_jit = jit(_pivot_loops)
            _COMPILED.extend([_pivot_jit, jit(_fast_path)])
    return _COMPILED[0], _COMPILED[1]


def _compact_kernels() -> tuple[Any, Any]:
    """``(solve, solve01)``: the compiled compact route (:func:`_solve`, :func:`_solve01`); call only with numba.

    Each kernel is compiled on its first call and cached on disk
    (``cache=True``), so a machine compiles it once.
    """
    global _pivot_compact_jit, _pairwise_leaf_jit, _pairwise_sum_jit, _normalise_jit, _payoff_range_jit, _integral_jit, _simplex_jit, _solve01_jit, _run_jit
    if not _COMPACT:
        jit = njit(error_model="numpy")
        _pivot_compact_jit = jit(_pivot_compact)
        _pairwise_leaf_jit = jit(_pairwise_leaf)
        _pairwise_sum_jit = jit(_pairwise_sum)
        _payoff_range_jit = jit(_payoff_range)
        _normalise_jit = jit(_normalise_into)
        _integral_jit = jit(_integral)
        _simplex_jit = jit(_simplex)
        _run_jit = jit(_run)
        _solve01_jit = jit(_solve01)
        _COMPACT.extend([jit(_solve), _solve01_jit])
    return _COMPACT[0], _COMPACT[1]
