"""What every dynamic shares: the result type, the starting points, the recorder and the progress bar.

Every dynamic is a function ``name(game, initial=None, *, steps=..., rng=None, progress=False,
record_every=1, **options) -> DynamicsResult``; it reads its starting points with
``initial_profiles``, records its states with a ``Recorder`` and loops over steps with
``step_range`` (one array operation per step for the whole batch).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._limits import check_bytes
from .._progress import progress_range
from .._validation import FrozenMapping, _short, check_int, check_real, check_rng
from ..exceptions import GameError
from ..game import NormalFormGame
from ..profiles import SIMPLEX_TOL, as_profile
from ..result import ResultMixin, json_value

__all__ = ["DynamicsResult", "Recorder", "check_steps", "initial_profiles", "step_range"]


# ----------------------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class DynamicsResult(ResultMixin):
    """The recorded trajectories of a learning dynamic from a batch of starting points.

    Parameters
    ----------
    dynamic, game, parameters, times, states : see Attributes
        Each sets the attribute of the same name; arrays are copied and made read-only.

    Attributes
    ----------
    dynamic : str
        The function that ran (``"fictitious_play"``, ``"replicator"``, ...).
    game : NormalFormGame
        The game played.
    parameters : Mapping
        The options of the run (read-only).
    times : numpy.ndarray of shape (T,)
        The step numbers (or continuous times) of the recorded states, increasing.
    states : tuple of numpy.ndarray
        One array per player, of shape (B, T, s_i): the recorded mixed strategy of each start at
        each recorded time (population shares for the replicator; for fictitious play and regret
        matching the empirical frequencies of play).

    Examples
    --------
    >>> import numpy as np
    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics._core import DynamicsResult
    >>> g = gt.catalog.prisoners_dilemma()
    >>> s = np.array([[[0.5, 0.5], [0.0, 1.0]]])
    >>> res = DynamicsResult("demo", g, {}, np.array([0.0, 1.0]), (s, s))
    >>> res.n_starts, res.n_players, res.final[0].tolist()
    (1, 2, [[0.0, 1.0]])
    >>> [v.tolist() for v in res.profile(0, 0)]
    [[0.5, 0.5], [0.5, 0.5]]
    """

    dynamic: str
    game: NormalFormGame
    parameters: Mapping[str, Any]
    times: np.ndarray
    states: tuple[np.ndarray, ...]

    def __post_init__(self) -> None:
        name = type(self).__name__
        if not isinstance(self.game, NormalFormGame):
            raise TypeError(f"{name}: game must be a NormalFormGame; got {type(self.game).__name__}.")
        times = np.array(self.times, dtype=np.float64)
        if times.ndim != 1 or times.size == 0:
            raise GameError(f"{name}: times must be a non-empty 1-d array; got shape {times.shape}.")
        states = tuple(np.array(s, dtype=np.float64) for s in self.states)
        if len(states) != self.game.n_players:
            raise GameError(f"{name}: states must hold one array per player ({self.game.n_players}); got {len(states)}.")
        n_starts = states[0].shape[0] if states[0].ndim == 3 else -1
        for i, s in enumerate(states):
            want = (n_starts, times.size, self.game.shape[i])
            if s.shape != want or n_starts < 1:
                raise GameError(f"{name}: states[{i}] must have shape (B, T, s_i) = {want}; got {s.shape}.")
        for v in (times, *states):
            v.setflags(write=False)
        object.__setattr__(self, "times", times)
        object.__setattr__(self, "states", states)
        object.__setattr__(self, "parameters", FrozenMapping(self.parameters))

    @property
    def n_starts(self) -> int:
        """The number B of starting points."""
        return int(self.states[0].shape[0])

    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self.states)

    @property
    def final(self) -> tuple[np.ndarray, ...]:
        """The last recorded state: one (B, s_i) array per player."""
        return tuple(s[:, -1, :] for s in self.states)

    def profile(self, b: int = 0, t: int = -1) -> tuple[np.ndarray, ...]:
        """The mixed profile of start *b* at the *t*-th recorded time (the last by default).

        Parameters
        ----------
        b : int, default 0
            The start, ``0 <= b < n_starts`` (negative counts from the end).
        t : int, default -1
            The index into ``times`` (negative counts from the end).

        Returns
        -------
        tuple of numpy.ndarray
            One probability vector per player.
        """
        b = check_int(b, "b", f"{type(self).__name__}.profile", minimum=-self.n_starts, maximum=self.n_starts - 1)
        t = check_int(t, "t", f"{type(self).__name__}.profile", minimum=-self.times.size, maximum=self.times.size - 1)
        return tuple(s[b, t, :].copy() for s in self.states)

    def to_pandas(self) -> Any:
        """A long :class:`pandas.DataFrame`: one row per start, time, player and strategy.

        Returns
        -------
        pandas.DataFrame
            Columns ``start`` (int), ``time`` (float), ``player`` (name), ``strategy`` (name) and
            ``probability``.

        Raises
        ------
        GameError
            If pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - pandas is installed in the test environment
            raise GameError(
                f"{type(self).__name__}.to_pandas() needs pandas; install it with `pip install pandas`."
            ) from None
        parts = []
        n_b, n_t = self.n_starts, self.times.size
        for i, s in enumerate(self.states):
            k = s.shape[2]
            parts.append(
                pd.DataFrame(
                    {
                        "start": np.repeat(np.arange(n_b), n_t * k),
                        "time": np.tile(np.repeat(self.times, k), n_b),
                        "player": self.game.players[i],
                        "strategy": np.tile(np.array(self.game.strategies[i], dtype=object), n_b * n_t),
                        "probability": s.reshape(-1),
                    }
                )
            )
        out = pd.concat(parts, ignore_index=True)
        return out.sort_values(["start", "time"], kind="stable", ignore_index=True)

    def describe(self, *, digits: int = 4) -> str:
        """A short text: the dynamic, the batch and the final state of the first start.

        Parameters
        ----------
        digits : int, default 4
            Digits of the probabilities shown.

        Returns
        -------
        str
        """
        digits = check_int(digits, "digits", f"{type(self).__name__}.describe", minimum=0, maximum=17)
        lines = [
            f"{self.dynamic}: {self.n_starts} start(s), {self.times.size} recorded state(s) "
            f"from time {self.times[0]:g} to {self.times[-1]:g}",
            "final state of start 0:",
        ]
        for i, p in enumerate(self.profile(0)):
            shown = ", ".join(f"{name}={v:.{digits}f}" for name, v in zip(self.game.strategies[i], p))
            lines.append(f"  {self.game.players[i]}: {shown}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON data (the game by :meth:`NormalFormGame.to_dict`).

        Returns
        -------
        dict
            Keys ``dynamic``, ``game``, ``parameters``, ``times`` and ``states`` (per player a
            nested list of shape (B, T, s_i)).
        """
        return {
            "dynamic": self.dynamic,
            "game": self.game.to_dict(),
            "parameters": json_value(dict(self.parameters)),
            "times": json_value(self.times),
            "states": [json_value(s) for s in self.states],
        }

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(dynamic={self.dynamic!r}, n_starts={self.n_starts}, "
            f"n_times={self.times.size}, shape={self.game.shape})"
        )


# ----------------------------------------------------------------------------------------- inputs
def initial_profiles(game: NormalFormGame, initial: Any, rng: Any, caller: str) -> tuple[np.ndarray, ...]:
    """The batch of starting points of a dynamic, checked: one (B, s_i) float array per player.

    Parameters
    ----------
    game : NormalFormGame
    initial : None, int, profile or batch
        ``None``: the uniform profile (B = 1). An int B >= 1: B points drawn uniformly on each
        player's simplex (flat Dirichlet) with *rng*. One mixed profile (per player a probability
        vector, a strategy index or a strategy name; B = 1). A batch: per player an array of shape
        (B, s_i) whose rows lie on the simplex.
    rng : None, int, numpy.random.Generator
        Used only when *initial* is an int.
    caller : str
        The function named in error messages.

    Returns
    -------
    tuple of numpy.ndarray
        Fresh writable arrays, rows on the simplex (tiny negative entries clipped, rows renormalized).

    Raises
    ------
    TypeError
        If *game* is not a NormalFormGame, *initial* a bool or of another type, or *rng* invalid.
    GameError
        If a row is off the simplex, not finite, or of the wrong shape; the message names
        ``initial``, the player, the row and its values.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics._core import initial_profiles
    >>> g = gt.catalog.prisoners_dilemma()
    >>> [x.tolist() for x in initial_profiles(g, None, None, "demo")]
    [[[0.5, 0.5]], [[0.5, 0.5]]]
    >>> [x.shape for x in initial_profiles(g, 3, 0, "demo")]
    [(3, 2), (3, 2)]
    >>> initial_profiles(g, ([[1, 0], [0.5, 0.6]], [[1, 0], [0, 1]]), None, "demo")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: demo: initial[0] (player 'Row') row 1 is off the simplex: probabilities sum to 1.1, not 1; got [0.5, 0.6].
    """
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"{caller}: game must be a NormalFormGame; got {type(game).__name__}.")
    shape = game.shape
    if initial is None:
        return tuple(np.full((1, s), 1.0 / s) for s in shape)
    if isinstance(initial, (bool, np.bool_)):
        raise TypeError(f"{caller}: initial must be None, a number of starts, a profile or a batch; got {initial!r}.")
    if isinstance(initial, (int, np.integer)):
        n_starts = check_int(initial, "initial", caller, minimum=1)
        gen = check_rng(rng, caller)
        check_bytes(n_starts * sum(shape), 8, "starting-point entries", caller)
        out = []
        for s in shape:
            x = gen.exponential(size=(n_starts, s))  # normalized exponentials: flat Dirichlet
            out.append(x / x.sum(axis=1, keepdims=True))
        return tuple(out)
    if isinstance(initial, (str, bytes, Mapping)) or not isinstance(initial, (Sequence, np.ndarray)):
        raise TypeError(
            f"{caller}: initial must be None, a number of starts, a profile or a batch; "
            f"got {_short(initial)} ({type(initial).__name__})."
        )
    entries = list(initial)
    if len(entries) != game.n_players:
        raise GameError(
            f"{caller}: initial must have one entry per player ({game.n_players}); got {len(entries)}: {_short(initial)}."
        )
    if not any(isinstance(e, np.ndarray) and e.ndim == 2 or _is_nested(e) for e in entries):
        prof = as_profile(game, entries, name="initial", caller=caller)
        return tuple(v[None, :].copy() for v in prof)
    return _batch(game, entries, caller)


def _is_nested(entry: Any) -> bool:
    """Whether *entry* is a sequence whose first item is itself a sequence (a batch of rows)."""
    if isinstance(entry, (str, bytes, np.ndarray)) or not isinstance(entry, Sequence) or len(entry) == 0:
        return False
    return isinstance(entry[0], (Sequence, np.ndarray)) and not isinstance(entry[0], (str, bytes))


def _batch(game: NormalFormGame, entries: list[Any], caller: str) -> tuple[np.ndarray, ...]:
    out = []
    n_starts: int | None = None
    for i, entry in enumerate(entries):
        where = f"{caller}: initial[{i}] (player {game.players[i]!r})"
        try:
            x = np.array(entry, dtype=np.float64)
        except (TypeError, ValueError, OverflowError):
            raise GameError(f"{where} must be an array of probabilities of shape (B, {game.shape[i]}); got {_short(entry)}.") from None
        if x.ndim != 2 or x.shape[1] != game.shape[i] or x.shape[0] == 0:
            raise GameError(f"{where} must have shape (B, {game.shape[i]}); got shape {x.shape}: {_short(entry)}.")
        if n_starts is None:
            n_starts = x.shape[0]
        elif x.shape[0] != n_starts:
            raise GameError(f"{where} has {x.shape[0]} rows but initial[0] has {n_starts}: every player needs the same B.")
        check_bytes(x.size, 8, "starting-point entries", caller)
        bad = ~np.all(np.isfinite(x), axis=1)
        if bad.any():
            r = int(np.argmax(bad))
            raise GameError(f"{where} row {r} must be finite; got {_short(x[r].tolist())}.")
        neg = np.any(x < -SIMPLEX_TOL, axis=1)
        if neg.any():
            r = int(np.argmax(neg))
            raise GameError(f"{where} row {r} is off the simplex: negative probability in {_short(x[r].tolist())}.")
        totals = x.sum(axis=1)
        off = np.abs(totals - 1.0) > SIMPLEX_TOL * max(1, x.shape[1])
        if off.any():
            r = int(np.argmax(off))
            raise GameError(
                f"{where} row {r} is off the simplex: probabilities sum to {float(totals[r])!r}, not 1; "
                f"got {_short(x[r].tolist())}."
            )
        x = np.clip(x, 0.0, None)
        out.append(x / x.sum(axis=1, keepdims=True))
    return tuple(out)


def check_steps(steps: Any, caller: str, name: str = "steps") -> int:
    """A number of steps: an integer ``>= 0``.

    Examples
    --------
    >>> check_steps(10, "demo")
    10
    >>> check_steps(-1, "demo")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: demo: steps must be an integer >= 0; got -1.
    """
    return check_int(steps, name, caller, minimum=0)


def check_positive(value: Any, name: str, caller: str) -> float:
    """A finite number ``> 0`` (a step size, a precision).

    Examples
    --------
    >>> check_positive(0.1, "dt", "demo")
    0.1
    >>> check_positive(float("inf"), "dt", "demo")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: demo: dt must be a finite number; got inf.
    """
    return check_real(value, name, caller, minimum=0, strict_min=True)


# ------------------------------------------------------------------------------- recording, progress
class Recorder:
    """Keeps every *record_every*-th state of a run of *steps* steps (state 0 and the last always).

    Parameters
    ----------
    shape : tuple of int
        The strategies per player, (s_1, ..., s_n).
    n_starts : int
        The batch size B.
    steps : int
        The number of steps; states are numbered 0 (the start) to *steps*.
    record_every : int
        Keep the states whose number is a multiple of it (>= 1), and the last.
    caller : str
        Named in error messages (the array size is checked with ``check_bytes`` before allocation).

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_af.dynamics._core import Recorder
    >>> rec = Recorder((2,), 1, 5, 2, "demo")
    >>> rec.times.tolist()
    [0.0, 2.0, 4.0, 5.0]
    >>> for t in range(6):
    ...     rec.record(t, (np.array([[t, 0.0]]),))
    >>> rec.states[0][0, :, 0].tolist()
    [0.0, 2.0, 4.0, 5.0]
    """

    def __init__(self, shape: Sequence[int], n_starts: int, steps: int, record_every: Any, caller: str) -> None:
        every = check_int(record_every, "record_every", caller, minimum=1)
        kept = np.arange(0, steps + 1, every, dtype=np.int64)
        if kept[-1] != steps:
            kept = np.append(kept, steps)
        check_bytes(int(n_starts) * kept.size * int(sum(shape)), 8, "recorded state entries", caller)
        self.record_every = every
        self.steps = steps
        self.times = kept.astype(np.float64)
        self.states = tuple(np.empty((n_starts, kept.size, s)) for s in shape)
        self._next = 0

    def wants(self, step: int) -> bool:
        """Whether the state after *step* steps is kept."""
        return step == self.steps or step % self.record_every == 0

    def record(self, step: int, state: Sequence[np.ndarray]) -> None:
        """Store *state* (per player (B, s_i)) if step *step* is kept; call it for every step in order."""
        if self.wants(step):
            k = self._next
            for arr, x in zip(self.states, state):
                arr[:, k, :] = x
            self._next = k + 1


def step_range(steps: int, progress: Any, caller: str) -> Iterable[int]:
    """The steps 1..*steps*, wrapped in a :mod:`tqdm` bar when *progress* is true.

    Raises
    ------
    TypeError
        If *progress* is not a bool.
    GameError
        If ``progress=True`` and tqdm is not installed (names the ``progress`` extra).

    Examples
    --------
    >>> from gametheory_af.dynamics._core import step_range
    >>> list(step_range(3, False, "demo"))
    [1, 2, 3]
    """
    return progress_range(1, steps + 1, progress, caller, unit="step")
