"""One Nash equilibrium of an n-player game by simplicial subdivision with restarts."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from typing import Any, cast

import numpy as np

from .._limits import MAX_TIME_LIMIT, Clock, check_max_time
from .._validation import check_choice, check_int, check_rng
from ..exceptions import ConvergenceWarning
from ..game import NormalFormGame
from ..profiles import as_profile
from ..result import EquilibriumResult
from ._nplayer import certified, check_game_and_tol, polish, regret

__all__ = ["simpdiv"]

_log = logging.getLogger(__name__)

Key = tuple[int, int]  # (player, strategy): one coordinate of the triangulation


class _Path:
    """The variable dimension restart path of van der Laan, Talman & van der Heyden (1987) from *v*.

    The region ``A(T)`` with ``T = (T_1, ..., T_n)``, ``T_j`` a proper subset of
    player j's strategies, is the product over players of
    ``conv(v_j, {e(j, h) : h in T_j})``. Player j's point in it is written
    ``x_j = v_j + sum_h lam_h (e(j, h) - v_j)`` and, with ``T_j = {h_1 < ... < h_t}``,
    in the coordinates ``W_k = d * (lam_{h_k} + ... + lam_{h_t})`` the region is
    ``d >= W_1 >= ... >= W_t >= 0``. Every face of it lies on a hyperplane
    ``W_a = c`` or ``W_a - W_b = c``, so Freudenthal's triangulation of the
    integer lattice in ``W`` triangulates every ``A(T)`` with consistent faces.

    The label of a point is the (player, strategy) of the largest gain from a
    pure deviation, over all players. The path follows simplices of ``A(T)``
    whose vertices carry every label of ``T``; a new label outside ``T`` raises
    the dimension, a facet on a face ``lam_h = 0`` lowers it. It ends when one
    player carries all its labels or a facet reaches the outer face
    ``lam_{h_1} + ... = 1`` of some player: both are approximate equilibria,
    accurate to the mesh ``1/d``.
    """

    def __init__(self, u: np.ndarray, v: Sequence[np.ndarray], d: int):
        self.u = u
        self.v = [np.asarray(p, dtype=np.float64) for p in v]
        self.d = d
        self.shape = [p.size for p in self.v]
        self.T: list[list[int]] = [[] for _ in self.v]
        self.steps = 0
        # player j's payoffs as (before, s_j, after) blocks, for contractions by matrix products
        n = len(self.shape)
        self.blocks = []
        for j in range(n):
            pre = int(np.prod(self.shape[:j], dtype=np.int64))
            post = int(np.prod(self.shape[j + 1 :], dtype=np.int64))
            self.blocks.append(np.ascontiguousarray(u[j]).reshape(pre, self.shape[j] * post))

    # ------------------------------------------------------------- geometry and labels
    def point(self, w: dict[Key, int]) -> list[np.ndarray]:
        x = []
        d = float(self.d)
        for j, vj in enumerate(self.v):
            Tj = self.T[j]
            if not Tj:
                x.append(vj.copy())
                continue
            ws = [w[(j, h)] for h in Tj] + [0]
            xj = vj * (1.0 - ws[0] / d)
            for k, h in enumerate(Tj):
                xj[h] += (ws[k] - ws[k + 1]) / d
            x.append(xj)
        return x

    def label(self, x: list[np.ndarray]) -> Key:
        self.steps += 1
        n = len(x)
        # Kronecker products of the players before and after each player
        pre = [np.ones(1)]
        for j in range(n - 1):
            pre.append(np.multiply.outer(pre[-1], x[j]).ravel())
        post = [np.ones(1)] * n
        for j in range(n - 1, 0, -1):
            post[j - 1] = np.multiply.outer(x[j], post[j]).ravel()
        best, key = -np.inf, (0, 0)
        for j in range(n):
            vj = (pre[j] @ self.blocks[j]).reshape(self.shape[j], -1) @ post[j]
            g = vj - float(vj @ x[j])
            h = int(np.argmax(g))
            if g[h] > best:
                best, key = float(g[h]), (j, h)
        return key

    # ------------------------------------------------------------- the path
    def run(self, max_steps: int, clock: Clock | None = None) -> tuple[list[list[np.ndarray]], bool]:
        """Follow the path; the vertices of the last simplex and whether the path ended.

        Stops early (not ended) after *max_steps* labels or when *clock* expires.
        """
        w0: dict[Key, int] = {}
        x0 = self.point(w0)
        verts: list[dict[Key, int]] = [w0]
        xs = [x0]
        labels = [self.label(x0)]
        perm: list[Key] = []
        new = labels[0]
        # state: ("raise", key) adds coordinate key; ("drop", i) removes vertex i
        action: str = "raise"
        arg: Any = new  # a Key after "raise", a vertex index after "drop" (as _after returns it)
        while self.steps <= max_steps:
            if clock is not None and self.steps % 64 == 0 and clock.expired():
                break
            if action == "raise":
                j, h = arg
                Tj = self.T[j]
                if len(Tj) + 1 == self.shape[j]:
                    return xs, True  # player j carries all its labels
                nxt = [g for g in Tj if g > h]
                Tj.append(h)
                Tj.sort()
                key = (j, h)
                for w in verts:
                    w[key] = w[(j, nxt[0])] if nxt else 0
                if nxt:
                    p = perm.index((j, nxt[0]))
                    perm[p : p + 1] = [key, (j, nxt[0])]
                    base = verts[p]
                    pos = p + 1
                else:
                    base = verts[-1]
                    perm.append(key)
                    pos = len(verts)
                nw = dict(base)
                nw[key] += 1
                verts.insert(pos, nw)
                xn = self.point(nw)
                xs.insert(pos, xn)
                lab = self.label(xn)
                labels.insert(pos, lab)
                action, arg = self._after(labels, pos)
                continue
            i = int(arg)
            facet = verts[:i] + verts[i + 1 :]
            bound = self._boundary(facet)
            if bound == "outer":
                return xs[:i] + xs[i + 1 :], True
            if bound is not None:
                j, h = cast(Key, bound)  # not "outer" (returned above), so a Key
                key = (j, h)
                del verts[i], xs[i], labels[i]
                for w in verts:
                    del w[key]
                self.T[j].remove(h)
                perm = [_diff(verts[k], verts[k + 1]) for k in range(len(verts) - 1)]
                action, arg = "drop", labels.index(key)
                continue
            t = len(perm)
            if i == 0:
                nw = dict(verts[t])
                nw[perm[0]] += 1
                perm = perm[1:] + perm[:1]
                del verts[0], xs[0], labels[0]
                pos = t
            elif i == t:
                nw = dict(verts[0])
                nw[perm[-1]] -= 1
                perm = perm[-1:] + perm[:-1]
                del verts[t], xs[t], labels[t]
                pos = 0
            else:
                nw = dict(verts[i - 1])
                nw[perm[i]] += 1
                perm[i - 1], perm[i] = perm[i], perm[i - 1]
                del verts[i], xs[i], labels[i]
                pos = i
            xn = self.point(nw)
            verts.insert(pos, nw)
            xs.insert(pos, xn)
            labels.insert(pos, self.label(xn))
            action, arg = self._after(labels, pos)
        return xs, False

    def _after(self, labels: list[Key], pos: int) -> tuple[str, Any]:
        lab = labels[pos]
        j, h = lab
        if h not in self.T[j]:
            return "raise", lab
        for k, other in enumerate(labels):
            if k != pos and other == lab:
                return "drop", k
        raise AssertionError("simpdiv: label bookkeeping")  # pragma: no cover

    def _boundary(self, facet: list[dict[Key, int]]) -> str | Key | None:
        """The face of A(T) the facet lies on: "outer", (j, h) for lam_jh = 0, or None."""
        for j, Tj in enumerate(self.T):
            if not Tj:
                continue
            first = (j, Tj[0])
            if all(w[first] == self.d for w in facet):
                return "outer"
            for k, h in enumerate(Tj):
                a = (j, h)
                if k + 1 < len(Tj):
                    b = (j, Tj[k + 1])
                    if all(w[a] == w[b] for w in facet):
                        return a
                elif all(w[a] == 0 for w in facet):
                    return a
        return None


def _diff(a: dict[Key, int], b: dict[Key, int]) -> Key:
    for k, val in b.items():
        if val != a[k]:
            return k
    raise AssertionError("simpdiv: degenerate simplex")  # pragma: no cover



def simpdiv(
    game: NormalFormGame,
    *,
    start: Any = None,
    grid: int = 4,
    refinements: int = 12,
    tol: float | None = None,
    max_iter: int = 200_000,
    rng: int | np.random.Generator | None = None,
    max_time: float | None = MAX_TIME_LIMIT,
) -> EquilibriumResult:
    r"""One Nash equilibrium of an n-player game by simplicial subdivision with restarts.

    The variable dimension restart algorithm of van der Laan, Talman and van
    der Heyden (1987) on the product of the players' strategy simplices
    follows a path of simplices of a triangulation with mesh ``1/d`` from a
    starting profile to an approximate equilibrium. It is restarted from that
    point with the mesh halved, and after every pass the approximate point is
    polished by Newton's method on its support's indifference system; the
    first polished profile with regret ``<= tol`` is returned.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players (two included).
    start : profile, "random" or None
        Starting profile (strategy indices or probability vectors, one per
        player). None starts from the centroid; ``"random"`` draws an interior
        profile from *rng*.
    grid : int, default 4
        Grid denominator ``d`` of the first pass.
    refinements : int, default 12
        Further passes, each with the grid denominator doubled.
    tol : float, optional
        Largest *relative* regret (regret over the player's payoff range) of
        the returned equilibrium. Default
        ``DEFAULT_TOL`` (``1e-9``).
    max_iter : int, default 200000
        Label evaluations (path steps) over all passes.
    rng : None, int or numpy.random.Generator
        Randomness for ``start="random"``.
    max_time : float or None, optional
        Seconds to spend. Default: the ``max_time`` limit
        (:func:`gametheory_af.get_limits`, itself ``None`` unless set); None
        means no time limit.

    Returns
    -------
    EquilibriumResult
        ``method="simpdiv"``, ``complete=False``, one equilibrium
        (``converged=True``) or none (``converged=False``). ``n_iter`` counts
        path steps over all passes.

    Warns
    -----
    ConvergenceWarning
        When no pass produced an equilibrium with relative regret ``<= tol``
        (*max_iter* or *max_time* ran out first).

    Raises
    ------
    GameError
        For an invalid start profile, grid, refinements, max_iter, tol,
        max_time or rng (TypeError for one of the wrong type).

    Notes
    -----
    The path runs on the payoffs normalised per player to ``[0, 1]``
    (:ref:`tolerances`), so neither the labels nor the
    tolerances change when a player's payoffs are scaled or shifted.

    For player ``j`` with strategies ``h``, let ``z_jh(x)`` be the payoff of
    ``h`` minus player ``j``'s expected payoff at ``x``; the label of ``x`` is
    the pair ``(j, h)`` with the largest ``z_jh`` (first in index order on
    ties). The regions ``A(T)`` are products of the cones
    ``conv(v_j, {e(j, h) : h in T_j})`` from the start ``v``, triangulated by
    Freudenthal's triangulation in cumulative coordinates, and the path raises
    or lowers the dimension of ``A(T)`` as labels enter and leave. It ends
    when one player carries all its labels, or a facet reaches the outer face
    of some player's cone; both give points whose regret is of the order of the
    mesh. Any labelling, degenerate games included, gives a finite path, but
    the path from a restart need not stay near its start, so passes on fine
    grids can be long; *max_iter* bounds the total work. The returned
    equilibrium is certified by its regret; which equilibrium is found depends
    on *start*.

    References
    ----------
    van der Laan, G., Talman, A. J. J. & van der Heyden, L. (1987). Simplicial
    variable dimension algorithms for solving the nonlinear complementarity
    problem on a product of unit simplices using a general labelling.
    *Mathematics of Operations Research* 12(3), 377-397.
    van der Laan, G. & Talman, A. J. J. (1979). A restart algorithm for
    computing fixed points without an extra dimension. *Mathematical
    Programming* 17, 74-84.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.simpdiv import simpdiv
    >>> res = simpdiv(gt.catalog.matching_pennies())
    >>> res.converged, [p.tolist() for p in res.equilibria[0].profile]
    (True, [[0.5, 0.5], [0.5, 0.5]])
    """
    prep = check_game_and_tol(game, tol, "simpdiv")
    tol = prep.tol
    grid = check_int(grid, "grid", "simpdiv", minimum=1)
    refinements = check_int(refinements, "refinements", "simpdiv", minimum=0, maximum=60)
    max_iter = check_int(max_iter, "max_iter", "simpdiv", minimum=1)
    gen = check_rng(rng, "simpdiv")
    budget = check_max_time(max_time, "simpdiv")
    u = prep.un
    if isinstance(start, str):
        check_choice(start, ("random",), "start", "simpdiv")
        v = [gen.dirichlet(np.ones(s)) for s in game.shape]
    elif start is None:
        v = [np.full(s, 1.0 / s) for s in game.shape]
    else:
        v = list(as_profile(game, start, name="start"))
    params = {"tol": float(tol), "grid": grid, "refinements": refinements, "max_iter": max_iter, "max_time": budget}
    clock = Clock(budget)
    steps = 0
    d = grid
    last_support: list[np.ndarray] | None = None
    for _ in range(refinements + 1):
        path = _Path(u, v, d)
        xs, ended = path.run(max_iter - steps, clock)
        steps += path.steps
        _log.debug("simpdiv: grid %d: path of %d steps, %s", d, path.steps, "ended" if ended else "stopped (budget)")
        if not ended:
            break
        regs = [regret(u, x) for x in xs]
        v = xs[int(np.argmin(regs))]
        sol: list[np.ndarray] | None = v if min(regs) <= tol else None
        # polishing costs several Newton solves: try it once the support has settled or the point is close
        support = [x > 1e-3 * x.max() for x in v]
        settled = last_support is not None and all(np.array_equal(a, b) for a, b in zip(support, last_support))
        last_support = support
        if sol is None and (settled or min(regs) <= 1e-2 or d >= grid << refinements):
            _log.debug("simpdiv: grid %d: polishing by Newton steps (regret %.3g)", d, min(regs))
            bary = [np.mean([x[j] for x in xs], axis=0) for j in range(len(v))]
            sol = polish(u, bary, tol) or polish(u, v, tol)
        if sol is not None:
            eq = certified(game, sol, tol)
            if eq is not None:
                return EquilibriumResult(
                    game=game,
                    equilibria=(eq,), method="simpdiv", complete=False, parameters=params, converged=True, n_iter=steps
                )
        if clock.expired():
            break
        d *= 2
    why = (
        f"the time limit of {budget:g} s ran out"
        if clock.expired()
        else f"max_iter={max_iter} path steps ran out" if steps >= max_iter else "the grid refinements ran out"
    )
    warnings.warn(
        f"simpdiv: no equilibrium with relative regret <= {tol:g} found: {why} ({steps} path steps, last grid {d}).",
        ConvergenceWarning,
        stacklevel=2,
    )
    return EquilibriumResult(
        game=game,
        equilibria=(), method="simpdiv", complete=False, parameters=params, converged=False, n_iter=steps
    )
