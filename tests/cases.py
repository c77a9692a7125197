"""Known-answer table: games whose equilibria are known, and what each solver must find on them.

Every row of :data:`CASES` is a :class:`Case`: a game, a solver, the equilibria
(or zero-sum value) the literature gives for it, and the tolerance to compare
with. Ids read ``<solver>-<game>`` (``lemke_howson-battle_of_the_sexes``), with
a suffix for a row that passes an option (``lemke_howson-battle_of_the_sexes-label1``).

How a row is checked (``tests/solvers/test_cases.py``):

* a *complete* solver (:data:`COMPLETE`) must find exactly the expected set,
  each equilibrium once;
* any other solver must find at least one equilibrium, and every one it finds
  must be in the expected set;
* a solver that computes exactly (:data:`EXACT`) must give the same answer in
  rational arithmetic (``exact=True``), Fraction for Fraction;
* ``zero_sum`` rows also check the value.

The expected answers come from the catalog (:mod:`gametheory_af.catalog`,
each entry with its source) and from the published games in :data:`GAMES`,
each with its citation. None of them was taken from this library's output.

Examples
--------
>>> from tests.cases import CASES, by_id
>>> case = by_id("lemke_howson-battle_of_the_sexes-label1")
>>> case.solver, case.options, case.expected
('lemke_howson', (('initial_label', 1),), (((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1))),))
>>> case.run()[0].support
((1,), (1,))
>>> len({c.id for c in CASES}) == len(CASES)
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction as F
from typing import Any

import gametheory_af as gt
from gametheory_af.game import NormalFormGame
from gametheory_af.result import Equilibrium
from gametheory_af.solvers.qre import logit_select

__all__ = ["CASES", "COMPLETE", "EXACT", "GAMES", "SOLVERS", "Case", "Known", "by_id", "equilibria_of"]

ExactProfile = tuple[tuple[F, ...], ...]

#: Solver name -> function. Names are those of :func:`gametheory_af.nash_equilibria`'s
#: ``method`` where it has one; ``logit_select`` is the logit-selected equilibrium.
SOLVERS: dict[str, Callable[..., Any]] = {
    "pure": gt.pure_nash,
    "support_enumeration": gt.support_enumeration,
    "vertex_enumeration": gt.vertex_enumeration,
    "lemke_howson": gt.lemke_howson,
    "zero_sum": gt.zero_sum,
    "polynomial_enumeration": gt.polynomial_enumeration,
    "global_newton": gt.global_newton,
    "simpdiv": gt.simpdiv,
    "logit_select": logit_select,
}

#: Solvers that find every equilibrium of their kind: the found set must equal the expected one.
#: (``pure``: every pure equilibrium; the enumerations: every extreme or isolated equilibrium.)
COMPLETE = frozenset({"pure", "support_enumeration", "vertex_enumeration", "polynomial_enumeration"})

#: Solvers with an ``exact=True`` mode, whose rows are also checked in rational arithmetic.
EXACT = frozenset({"support_enumeration", "vertex_enumeration", "lemke_howson", "zero_sum", "polynomial_enumeration"})


@dataclass(frozen=True)
class Known:
    """A game with its known equilibria.

    Attributes
    ----------
    name : str
    game : NormalFormGame
    equilibria : tuple of exact profiles
        Every equilibrium (for a degenerate game with a continuum: every
        extreme equilibrium, which is what the enumerations list).
    source : str
        Where the game and its equilibria are published.
    degenerate : bool
        True when some equilibria form a continuum; methods that may stop
        inside it (global Newton, simplicial subdivision) get no row.
    """

    name: str
    game: NormalFormGame
    equilibria: tuple[ExactProfile, ...]
    source: str
    degenerate: bool = False

    @property
    def pure(self) -> tuple[ExactProfile, ...]:
        """The known equilibria that are pure (all of them, as the known set is complete)."""
        return tuple(p for p in self.equilibria if all(sum(1 for x in s if x) == 1 for s in p))


@dataclass(frozen=True)
class Case:
    """One row of the table: run *solver* on *game*; it must find *expected*.

    Attributes
    ----------
    game_name : str
        Key of :data:`GAMES`.
    solver : str
        Key of :data:`SOLVERS`.
    expected : tuple of exact profiles
        The equilibria the solver may return (all of which a complete solver must return).
    tol : float
        Largest difference of any probability from the expected one (float mode).
    value : Fraction or None
        The row player's value, for ``zero_sum`` rows.
    options : tuple of (str, value) pairs
        Keyword options passed to the solver.
    suffix : str
        Appended to the id (``label1``) for rows with options.
    complete : bool
        Whether the found set must equal :attr:`expected` (else: be a nonempty
        subset of it): True for the :data:`COMPLETE` solvers, except
        support enumeration on a degenerate game (complete only for
        nondegenerate ones).
    """

    game_name: str
    solver: str
    expected: tuple[ExactProfile, ...]
    tol: float = 1e-9
    value: F | None = None
    options: tuple[tuple[str, Any], ...] = ()
    suffix: str = ""
    complete: bool = False

    @property
    def id(self) -> str:
        """``<solver>-<game>[-<suffix>]``."""
        return f"{self.solver}-{self.game_name}" + (f"-{self.suffix}" if self.suffix else "")

    @property
    def game(self) -> NormalFormGame:
        return GAMES[self.game_name].game

    def run(self, **extra: Any) -> Any:
        """The solver's output on the game, with the row's options and *extra* ones."""
        return SOLVERS[self.solver](self.game, **dict(self.options), **extra)


def equilibria_of(output: Any) -> tuple[Equilibrium, ...]:
    """The equilibria in a solver's output (an EquilibriumResult, or logit_select's one Equilibrium)."""
    return (output,) if isinstance(output, Equilibrium) else tuple(output)


def by_id(case_id: str) -> Case:
    """The row with this id."""
    for case in CASES:
        if case.id == case_id:
            return case
    raise KeyError(case_id)


# ------------------------------------------------------------------------------------ the games
def _pure(shape: tuple[int, ...], *idx: int) -> ExactProfile:
    return tuple(tuple(F(int(j == a)) for j in range(s)) for s, a in zip(shape, idx))


def _p(*players: tuple[Any, ...]) -> ExactProfile:
    return tuple(tuple(F(x) for x in s) for s in players)


def _volunteers(benefit: int, cost: int) -> NormalFormGame:
    """Three-player volunteer's dilemma; strategy 0 is Volunteer, 1 Abstain."""
    import itertools

    u = [[[[0, 0], [0, 0]], [[0, 0], [0, 0]]] for _ in range(3)]
    for prof in itertools.product(range(2), repeat=3):
        someone = 0 in prof
        for i in range(3):
            u[i][prof[0]][prof[1]][prof[2]] = (benefit if someone else 0) - (cost if prof[i] == 0 else 0)
    return NormalFormGame(u)


def _identity_equilibria(n: int) -> tuple[ExactProfile, ...]:
    """Both players uniform on the same nonempty subset S: the 2**n - 1 equilibria of the n x n identity game."""
    import itertools

    out = []
    for k in range(1, n + 1):
        for sub in itertools.combinations(range(n), k):
            s = tuple(F(1, k) if j in sub else F(0) for j in range(n))
            out.append((s, s))
    return tuple(out)


def _games() -> dict[str, Known]:
    games = {e.name: Known(e.name, e.game, e.equilibria, e.source) for e in gt.catalog.entries()}
    third = (F(1, 3),) * 3
    extra = [
        Known(
            "shapley_game",
            NormalFormGame.from_bimatrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]]),
            ((third, third),),
            # The game on which fictitious play cycles instead of converging to its unique equilibrium.
            "Shapley, L. S. (1964). Some topics in two-person games. In Dresher, Shapley & Tucker (eds.), "
            "Advances in Game Theory, Annals of Mathematics Studies 52, 1-28.",
        ),
        Known(
            "von_stengel_3x2",
            NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]),
            (_p((1, 0, 0), (1, 0)), _p((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))), _p((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))),
            "von Stengel, B. (2007). Equilibrium computation for two-player games in strategic and extensive "
            "form. In Nisan et al. (eds.), Algorithmic Game Theory, ch. 3: the 3 x 2 running example.",
        ),
        Known(
            "von_stengel_3x2_degenerate",
            NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]),
            # Top is a best response to every y with y_0 >= 2/3, and against Top the column player is
            # indifferent: a segment of equilibria from ((1,0,0),(1,0)) to ((1,0,0),(2/3,1/3)); plus
            # the isolated ((0,1/3,2/3),(1/3,2/3)). Checked by hand.
            (_p((1, 0, 0), (1, 0)), _p((1, 0, 0), (F(2, 3), F(1, 3))), _p((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))),
            "von Stengel (2007), Algorithmic Game Theory ch. 3, sec. 3.6: the degenerate variant of the 3 x 2 "
            "example (first row of B made (3, 3)).",
            degenerate=True,
        ),
        Known(
            "odd_or_even",
            NormalFormGame.from_zero_sum([[-2, 3], [3, -4]]),
            # Value 1/12 to player I ("Odd"); both players play (7/12, 5/12).
            (((F(7, 12), F(5, 12)), (F(7, 12), F(5, 12))),),
            "Ferguson, T. S. Game Theory (2nd ed., 2014), Part II: the game Odd or Even.",
        ),
        Known(
            "identity_4x4",
            NormalFormGame.from_bimatrix([[int(i == j) for j in range(4)] for i in range(4)], [[int(i == j) for j in range(4)] for i in range(4)]),
            _identity_equilibria(4),
            "Quint, T. & Shubik, M. (1997). A theorem on the number of Nash equilibria in a bimatrix game. "
            "International Journal of Game Theory 26, 353-359: the n x n identity game has 2**n - 1 equilibria.",
        ),
        Known(
            "volunteers_dilemma_b9_c1",
            _volunteers(9, 1),
            # Diekmann's symmetric equilibrium abstains with probability (c/b)**(1/(n-1)) = 1/3. The others,
            # derived by hand: exactly one volunteers (3 pure); one player abstains while the other two
            # abstain with probability c/b = 1/9 (a mixing player is indifferent when b - c = b(1 - q)).
            (
                _pure((2, 2, 2), 0, 1, 1),
                _pure((2, 2, 2), 1, 0, 1),
                _pure((2, 2, 2), 1, 1, 0),
                _p((0, 1), (F(8, 9), F(1, 9)), (F(8, 9), F(1, 9))),
                _p((F(8, 9), F(1, 9)), (0, 1), (F(8, 9), F(1, 9))),
                _p((F(8, 9), F(1, 9)), (F(8, 9), F(1, 9)), (0, 1)),
                _p((F(2, 3), F(1, 3)), (F(2, 3), F(1, 3)), (F(2, 3), F(1, 3))),
            ),
            "Diekmann, A. (1985). Volunteer's dilemma. Journal of Conflict Resolution 29(4), 605-610 "
            "(benefit 9, cost 1, three players).",
        ),
    ]
    games.update({k.name: k for k in extra})
    return games


#: Every game of the table by name: the catalog's and the published ones above.
GAMES: dict[str, Known] = _games()

#: Games with one equilibrium: every method, logit_select included, must end there.
_UNIQUE = [name for name, k in GAMES.items() if len(k.equilibria) == 1]

#: Lemke-Howson's end point for each initial label, where it is known. In a 2 x 2 game, dropping
#: row label i lets x_i enter; the column player's best response j to i becomes tight, then y_j
#: enters until the row player's best response to j is tight: if that is i, the path ends at the
#: pure (i, j); dropping column label j runs the same chain from j. On von Stengel's 3 x 2 game the
#: end points of labels 0 and 3 follow from the same chain, and those of labels 1, 2 and 4 from
#: following the pivots by hand (two to four each); nashpy's lemke_howson agrees for the same
#: initial_dropped_label.
_LH_LABELS: dict[str, dict[int, ExactProfile]] = {
    "battle_of_the_sexes": {0: _pure((2, 2), 0, 0), 1: _pure((2, 2), 1, 1), 2: _pure((2, 2), 0, 0), 3: _pure((2, 2), 1, 1)},
    "stag_hunt": {0: _pure((2, 2), 0, 0), 1: _pure((2, 2), 1, 1), 2: _pure((2, 2), 0, 0), 3: _pure((2, 2), 1, 1)},
    "chicken": {0: _pure((2, 2), 0, 1), 1: _pure((2, 2), 1, 0), 2: _pure((2, 2), 1, 0), 3: _pure((2, 2), 0, 1)},
    "identity_4x4": {k: _pure((4, 4), k % 4, k % 4) for k in range(8)},
    "von_stengel_3x2": {
        0: _p((1, 0, 0), (1, 0)),
        1: _p((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
        2: _p((1, 0, 0), (1, 0)),
        3: _p((1, 0, 0), (1, 0)),
        4: _p((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    },
}

#: Where the logit-selected equilibrium is known: the unique equilibrium of a game that has one,
#: and the risk-dominant (Hare, Hare) of the stag hunt: on the symmetric principal branch the Stag
#: probability p solves p = 1 / (1 + exp(-lam (4p - 3))), whose right side is below 1/2 for p < 3/4,
#: so the branch leaves the centroid downwards and tends to p = 0 (Harsanyi & Selten 1988 call
#: (Hare, Hare) risk-dominant; McKelvey & Palfrey 1995 define the logit tracing).
_LOGIT: dict[str, ExactProfile] = {name: GAMES[name].equilibria[0] for name in _UNIQUE}
_LOGIT["stag_hunt"] = _pure((2, 2), 1, 1)

#: Zero-sum values to the row player (von Neumann's minimax value).
_VALUES: dict[str, F] = {"matching_pennies": F(0), "rock_paper_scissors": F(0), "odd_or_even": F(1, 12)}


def _row(name: str, solver: str, expected: tuple[ExactProfile, ...], **kw: Any) -> Case:
    known = GAMES[name]
    complete = solver in COMPLETE and not (known.degenerate and solver == "support_enumeration")
    return Case(name, solver, expected, complete=complete, **kw)


def _cases() -> list[Case]:
    rows: list[Case] = []
    for name, known in GAMES.items():
        two = known.game.n_players == 2
        rows.append(_row(name, "pure", known.pure))
        if two:
            rows.append(_row(name, "support_enumeration", known.equilibria))
            rows.append(_row(name, "vertex_enumeration", known.equilibria))
            rows.append(_row(name, "lemke_howson", known.equilibria, options=(("initial_label", "all"),)))
            for label, eq in _LH_LABELS.get(name, {}).items():
                rows.append(_row(name, "lemke_howson", (eq,), options=(("initial_label", label),), suffix=f"label{label}"))
        else:
            rows.append(_row(name, "polynomial_enumeration", known.equilibria))
        if name in _VALUES:
            rows.append(_row(name, "zero_sum", known.equilibria, value=_VALUES[name]))
        if not known.degenerate:
            rows.append(_row(name, "global_newton", known.equilibria, tol=1e-8))
            rows.append(_row(name, "simpdiv", known.equilibria, tol=1e-8))
        if name in _LOGIT:
            rows.append(_row(name, "logit_select", (_LOGIT[name],), tol=1e-8))
    # polynomial_enumeration also handles two players: check it on a nondegenerate game with mixed equilibria.
    for name in ("battle_of_the_sexes", "von_stengel_3x2"):
        rows.append(_row(name, "polynomial_enumeration", GAMES[name].equilibria))
    return rows


#: The known-answer table.
CASES: list[Case] = _cases()
