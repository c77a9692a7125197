"""Parametric games: payoffs as sympy expressions of named parameters.

Payoffs and parameter values may be given as text (``"L - c"``, ``"2/5"``).
Text is read only by ``gametheory_af._expr``, a parser of arithmetic that
executes nothing (never :func:`sympy.sympify`, which evaluates Python); see
that module for the accepted language and its bounds.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ._expr import sympy_number, to_expr, to_number
from ._lookup import player_index, strategy_index
from ._validation import _short, is_rational_scalar, unique_names
from .exceptions import GameError
from .game import NormalFormGame

__all__ = ["Parameter", "ParametricGame"]

_CALLER = "ParametricGame"


@dataclass(frozen=True)
class Parameter:
    """A named model parameter with a default value and bounds.

    Parameters
    ----------
    name, default, lower, upper, description, unit, source : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    name : str
        A valid Python identifier (not a dunder name); also the name of the sympy symbol.
    default : int, Fraction, float or str
        The value used when none is given. Exact (rational) defaults stay exact;
        text such as ``"2/5"`` is read by the safe expression parser
        (``gametheory_af._expr``) into a ``Fraction`` (or a sympy number
        such as ``sqrt(2)``).
    lower, upper : float, str or None
        Closed bounds on the admissible values (``None``: unbounded); text as
        for *default*.
    description : str
        What the parameter means (and, in a scenario, the claim it encodes).
    unit : str
        Unit of measurement, if any.
    source : str
        Where the value comes from (a document, an estimate, ``"modelling
        assumption"``), if recorded; not shown in the repr.

    Examples
    --------
    >>> from gametheory_af import Parameter
    >>> Parameter("cost", 1, lower=0).check(2)
    2
    >>> Parameter("cost", "1/3", lower=0).check("1/2")
    Fraction(1, 2)
    """

    name: str
    default: Any
    lower: Any = None
    upper: Any = None
    description: str = ""
    unit: str = ""
    source: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier() or self.name.startswith("__"):
            raise GameError(f"Parameter: name must be a Python identifier (not a dunder name); got {_short(self.name)}.")
        for label in ("description", "unit", "source"):
            if not isinstance(getattr(self, label), str):
                raise TypeError(
                    f"Parameter {self.name!r}: {label} must be a string; got {_short(getattr(self, label))} "
                    f"({type(getattr(self, label)).__name__})."
                )
        for label in ("default", "lower", "upper"):
            v = getattr(self, label)
            if v is None and label != "default":
                continue
            raw = v
            if isinstance(v, str):
                v = to_number(v, name=f"{label} of parameter {self.name!r}", caller="Parameter")
                object.__setattr__(self, label, v)
            if not _is_real_number(v):
                raise GameError(f"Parameter {self.name!r}: {label} must be a real number; got {_show(v)}.")
            if not np.isfinite(_float(v, raw, label, f"Parameter {self.name!r}")):
                raise GameError(f"Parameter {self.name!r}: {label} must be finite; got {_show(v)}.")
        if self.lower is not None and self.upper is not None and float(self.lower) > float(self.upper):
            raise GameError(
                f"Parameter {self.name!r}: lower bound {_show(self.lower)} exceeds upper bound {_show(self.upper)}."
            )
        self.check(self.default, what="default")

    @property
    def bounds(self) -> tuple[Any, Any]:
        """``(lower, upper)``."""
        return (self.lower, self.upper)

    def check(self, value: Any, *, what: str = "value") -> Any:
        """Return *value* if it is a finite real within the bounds, else raise :class:`GameError`.

        Text is read by the safe expression parser and returned as a number.

        Parameters
        ----------
        value : number or str
            The value to check.
        what : str, default "value"
            What to call the value in error messages.

        Returns
        -------
        number
            *value*, or the number its text stands for.
        """
        raw = value
        if isinstance(value, str):
            value = to_number(value, name=f"{what} of parameter {self.name!r}", caller=f"parameter {self.name!r}")
        if not _is_real_number(value):
            raise GameError(f"parameter {self.name!r}: {what} must be a real number; got {_show(value)}.")
        v = _float(value, raw, what, f"parameter {self.name!r}")
        if not np.isfinite(v):
            raise GameError(f"parameter {self.name!r}: {what} must be finite; got {_show(value)}.")
        if self.lower is not None and v < float(self.lower):
            raise GameError(
                f"parameter {self.name!r}: {what} {_show(value)} is below its lower bound {_show(self.lower)}."
            )
        if self.upper is not None and v > float(self.upper):
            raise GameError(
                f"parameter {self.name!r}: {what} {_show(value)} is above its upper bound {_show(self.upper)}."
            )
        return value

    def check_array(self, values: np.ndarray) -> None:
        """Vectorized :meth:`check` for an array of values.

        Parameters
        ----------
        values : numpy.ndarray
            The values to check.
        """
        bad = ~np.isfinite(values)
        if bad.any():
            raise GameError(f"parameter {self.name!r}: values must be finite; found {values[bad].ravel()[0]!r}.")
        if self.lower is not None and (values < float(self.lower)).any():
            v = values[values < float(self.lower)].ravel()[0]
            raise GameError(f"parameter {self.name!r}: value {v!r} is below its lower bound {self.lower!r}.")
        if self.upper is not None and (values > float(self.upper)).any():
            v = values[values > float(self.upper)].ravel()[0]
            raise GameError(f"parameter {self.name!r}: value {v!r} is above its upper bound {self.upper!r}.")


def _show(v: Any) -> str:
    """A value for a message: fractions as ``p/q``, huge integers by their size, the rest by repr (shortened)."""
    if isinstance(v, Fraction):
        if max(v.numerator.bit_length(), v.denominator.bit_length()) > 1000:
            return "<a fraction of more than 300 digits>"
        return str(v)
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool) and int(v).bit_length() > 1000:
        return f"<an integer of about {int(int(v).bit_length() * 0.30103):,} digits>"
    return _short(v)


def _float(v: Any, raw: Any, what: str, caller: str) -> float:
    try:
        return float(v)
    except OverflowError:
        raise GameError(f"{caller}: {what} {_show(raw)} is beyond the float64 range (about 1.8e308).") from None


def _is_real_number(v: Any) -> bool:
    if isinstance(v, (bool, np.bool_)):
        return False
    if isinstance(v, (numbers.Real, np.integer, np.floating)):
        return True
    if isinstance(v, sp.Basic):
        return bool(v.is_number and v.is_real)
    return False


class ParametricGame:
    """A normal-form game whose payoffs are sympy expressions of named parameters.

    Parameters
    ----------
    payoffs : nested sequence of shape (n, s_1, ..., s_n)
        Each entry a number, a sympy expression in the parameters' symbols, or
        an expression string such as ``"L - c/2"``, read by the safe parser of
        ``gametheory_af._expr`` (arithmetic, the declared parameters and a
        few functions; nothing is executed).
    parameters : sequence of Parameter, or mapping name -> default / Parameter
        Every free symbol of the payoffs must be a declared parameter.
    players, strategies : optional
        Names, as for :class:`~gametheory_af.NormalFormGame`.

    Notes
    -----
    The game is immutable. :meth:`at` evaluates at one parameter point (exact
    when every value is rational); :meth:`batch` evaluates a whole sample at once
    through one :func:`sympy.lambdify`-compiled numpy function, with no Python
    loop over points.

    Examples
    --------
    >>> import sympy as sp
    >>> import gametheory_af as gt
    >>> c = sp.Symbol("c")
    >>> pg = gt.ParametricGame(
    ...     [[[3, -c], [5, 1]], [[3, 5], [-c, 1]]],
    ...     parameters=[gt.Parameter("c", 0, lower=-10, upper=10)],
    ... )
    >>> pg.at(c=2).payoffs[0].tolist()
    [[3.0, -2.0], [5.0, 1.0]]
    >>> pg.batch(c=[0.0, 1.0, 2.0]).shape
    (3, 2, 2, 2)
    >>> gt.ParametricGame([[["2*a - 1/3"]], [["a^2"]]], parameters={"a": 1}).payoffs.ravel()
    array([2*a - 1/3, a**2], dtype=object)
    """

    __slots__ = ("_exprs", "_params", "_symbols", "_players", "_strategies", "_func")

    def __init__(
        self,
        payoffs: Any,
        *,
        parameters: Sequence[Parameter] | Mapping[str, Any],
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
    ) -> None:
        params = _parse_parameters(parameters)
        try:
            arr = np.array(payoffs, dtype=object)
        except ValueError as err:
            raise GameError(f"{_CALLER}: payoffs are ragged: {err}.") from None
        if arr.ndim < 2 or arr.ndim != arr.shape[0] + 1:
            raise GameError(f"{_CALLER}: payoffs must have shape (n_players, s_1, ..., s_n); got shape {arr.shape}.")
        if 0 in arr.shape[1:]:
            raise GameError(f"{_CALLER}: every player needs at least one strategy; got shape {arr.shape}.")
        symbols = {name: sp.Symbol(name, real=True) for name in params}
        plain = {name: sp.Symbol(name) for name in params}
        flat = []
        for idx, v in np.ndenumerate(arr):
            # Text goes through the safe parser (never sympify); sympy expressions
            # written by the caller are kept as they are.
            e = to_expr(v, symbols, name=f"payoffs{list(idx)}", caller=_CALLER)
            # Unify symbols declared without assumptions with ours (real=True).
            e = e.xreplace({plain[k]: symbols[k] for k in plain if plain[k] in e.free_symbols})
            unknown = {s.name for s in e.free_symbols} - set(params)
            if unknown:
                raise GameError(
                    f"{_CALLER}: payoffs{list(idx)} uses undeclared parameter(s) {sorted(unknown)}; "
                    f"declared: {sorted(params)}."
                )
            if e.is_number and not (e.is_real and e.is_finite):
                raise GameError(f"{_CALLER}: payoffs{list(idx)} must be real and finite; got {e}.")
            flat.append(e)
        exprs: np.ndarray = np.empty(arr.size, dtype=object)
        exprs[:] = flat
        exprs = exprs.reshape(arr.shape)
        exprs.setflags(write=False)
        n = arr.shape[0]
        shape = arr.shape[1:]
        self._exprs: np.ndarray = exprs
        self._params = params
        self._symbols = symbols
        self._players = (
            tuple(f"Player {i + 1}" for i in range(n)) if players is None else unique_names(players, n, "players", _CALLER)
        )
        if strategies is None:
            self._strategies = tuple(tuple(f"s{j + 1}" for j in range(s)) for s in shape)
        else:
            if len(strategies) != n:
                raise GameError(f"{_CALLER}: strategies must have one sequence per player ({n}); got {len(strategies)}.")
            self._strategies = tuple(
                unique_names(s, shape[i], f"strategies[{i}]", _CALLER) for i, s in enumerate(strategies)
            )
        self._func: tuple[Callable[..., Any], dict[str, np.ndarray]] | None = None

    # ------------------------------------------------------------------ properties
    @property
    def payoffs(self) -> np.ndarray:
        """Read-only object array of sympy expressions, shape ``(n, s_1, ..., s_n)``."""
        return self._exprs

    @property
    def symbols(self) -> dict[str, sp.Symbol]:
        """Parameter name -> sympy symbol (declared real)."""
        return dict(self._symbols)

    @property
    def parameters(self) -> dict[str, Parameter]:
        """Parameter name -> :class:`Parameter` (default, bounds, description)."""
        return dict(self._params)

    @property
    def defaults(self) -> dict[str, Any]:
        """Parameter name -> default value."""
        return {k: p.default for k, p in self._params.items()}

    @property
    def n_players(self) -> int:
        """Number of players."""
        return int(self._exprs.shape[0])

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(int(s) for s in self._exprs.shape[1:])

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Strategy names, one tuple per player."""
        return self._strategies

    def payoff_expr(self, player: int | str, profile: Sequence[int | str]) -> sp.Expr:
        """The payoff expression of *player* at a pure *profile* (indices or names).

        Parameters
        ----------
        player : int or str
            The player (index or name).
        profile : sequence of int or str
            One strategy per player (indices or names).

        Returns
        -------
        sympy.Expr
            The payoff expression.

        Examples
        --------
        >>> import sympy as sp, gametheory_af as gt
        >>> x = sp.Symbol("x")
        >>> pg = gt.ParametricGame([[[x, 0]], [[0, 1]]], parameters={"x": 1})
        >>> pg.payoff_expr(0, (0, 0))
        x
        """
        i = self._player_index(player)
        if len(profile) != self.n_players:
            raise GameError(f"payoff_expr: profile must have {self.n_players} entries; got {len(profile)}.")
        idx = tuple(self._strategy_index(k, s) for k, s in enumerate(profile))
        return self._exprs[(i, *idx)]

    # ------------------------------------------------------------------ values
    def _resolve(self, values: Mapping[str, Any], caller: str) -> dict[str, Any]:
        unknown = [k for k in values if k not in self._params]
        if unknown:
            raise GameError(f"{caller}: unknown parameter {unknown[0]!r}; parameters are {sorted(self._params)}.")
        out = {}
        for name, p in self._params.items():
            out[name] = p.check(values[name]) if name in values else p.default
        return out

    def at(self, **values: Any) -> NormalFormGame:
        """The game at one parameter point (defaults for parameters not given).

        Exact when every value used is rational (``int``, ``Fraction``, sympy
        ``Rational``): the game then keeps exact payoffs.

        Parameters
        ----------
        **values
            Parameter values by name.

        Returns
        -------
        NormalFormGame
            The game with every payoff evaluated at the point.

        Raises
        ------
        GameError
            For an unknown parameter, a value outside its bounds, or a payoff
            that is not finite at the point.

        Examples
        --------
        >>> from fractions import Fraction
        >>> import sympy as sp, gametheory_af as gt
        >>> x = sp.Symbol("x")
        >>> pg = gt.ParametricGame([[[x, 0]], [[0, 1]]], parameters={"x": 1})
        >>> pg.at(x=Fraction(1, 3)).exact_payoffs()[0, 0, 0]
        Fraction(1, 3)
        """
        vals = self._resolve(values, "at")
        if all(is_rational_scalar(v) for v in vals.values()):
            subs = {self._symbols[k]: sympy_number(v) for k, v in vals.items()}
            flat = []
            for idx, e in np.ndenumerate(self._exprs):
                # Substituting exact rationals evaluates the arithmetic exactly; never
                # nsimplify here (it can turn a rational into a spurious irrational).
                r = e.xreplace(subs) if e.free_symbols else e
                if not (r.is_number and r.is_finite and r.is_real):
                    raise GameError(f"at: payoff{list(idx)} = {r} is not finite at {vals}; check the parameters it uses.")
                flat.append(Fraction(int(r.p), int(r.q)) if r.is_Rational else float(r))
            if all(isinstance(v, Fraction) for v in flat):
                arr: np.ndarray = np.empty(len(flat), dtype=object)
                arr[:] = flat
                arr = arr.reshape(self._exprs.shape)
                return NormalFormGame(
                    [arr[i] for i in range(self.n_players)], players=self._players, strategies=self._strategies
                )
        out = self.batch(**{k: np.array([float(v)]) for k, v in vals.items()})[0]
        return NormalFormGame(out, players=self._players, strategies=self._strategies)

    def _compiled(self) -> Callable[..., Any]:
        return self._compiled_with_defaults()[0]

    def _compiled_with_defaults(self) -> tuple[Callable[..., Any], dict[str, np.ndarray]]:
        """The payoffs compiled once per game, with each parameter's default as a read-only 0-d float array."""
        if self._func is None:
            args = [self._symbols[k] for k in self._params]
            func = sp.lambdify(args, list(self._exprs.ravel()), modules="numpy", cse=True)
            defaults = {}
            for k, p in self._params.items():
                d = np.asarray(float(p.default))
                d.setflags(write=False)
                defaults[k] = d
            self._func = (func, defaults)
        return self._func

    def batch(self, **arrays: Any) -> np.ndarray:
        """Payoff tensors for many parameter points at once.

        Parameters
        ----------
        **arrays : array_like
            Values per parameter: 1-D arrays of a common length ``B`` (or
            scalars, broadcast). Parameters not given take their defaults.

        Returns
        -------
        numpy.ndarray of shape (B, n_players, s_1, ..., s_n)
            Fresh float64 values (nothing else refers to them), stored with
            each payoff entry contiguous over the points, ready for
            :func:`~gametheory_af.pure_nash_batch`.

        Raises
        ------
        GameError
            For an unknown parameter, mismatched lengths, values outside
            bounds, or payoffs that are not finite at some point (the message
            gives the point).

        Examples
        --------
        >>> import numpy as np, sympy as sp, gametheory_af as gt
        >>> x = sp.Symbol("x")
        >>> pg = gt.ParametricGame([[[x, 0]], [[0, 1]]], parameters={"x": 1})
        >>> pg.batch(x=np.array([0.5, 2.0]))[:, 0, 0, 0]
        array([0.5, 2. ])
        """
        unknown = [k for k in arrays if k not in self._params]
        if unknown:
            raise GameError(f"batch: unknown parameter {unknown[0]!r}; parameters are {sorted(self._params)}.")
        cols: dict[str, np.ndarray] = {}
        for k, v in arrays.items():
            raw = np.asarray(v) if not isinstance(v, str) else None
            if raw is None or raw.dtype.kind in "USa" or (
                raw.dtype == object and any(isinstance(e, (str, bytes)) for e in raw.ravel())
            ):
                raise GameError(
                    f"batch: values of parameter {k!r} must be numbers, not text; got {_short(v)} "
                    "(give one value as text to at() or substitute() instead)."
                )
            try:
                a = np.asarray(v, dtype=np.float64)
            except (TypeError, ValueError):
                raise GameError(f"batch: values of parameter {k!r} must be numbers; got {v!r}.") from None
            if a.ndim > 1:
                raise GameError(f"batch: values of parameter {k!r} must be 1-D; got shape {a.shape}.")
            self._params[k].check_array(a)
            cols[k] = a
        lengths = {k: a.shape[0] for k, a in cols.items() if a.ndim == 1}
        sizes = set(lengths.values())
        if len(sizes) > 1:
            raise GameError(f"batch: parameter arrays must have one common length; got {lengths}.")
        B = sizes.pop() if sizes else 1
        return self._evaluate(cols, B)

    def _evaluate(self, cols: Mapping[str, np.ndarray], B: int) -> np.ndarray:
        """:meth:`batch` on checked values: float64 arrays, 1-D of length *B* or 0-d, within bounds.

        :func:`~gametheory_af.sensitivity.sweep` checks its points once and
        calls this per chunk.
        """
        func, defaults = self._compiled_with_defaults()
        # Parameters that do not vary over the points (defaults, scalars) enter the
        # compiled function as 0-d arrays: every sub-expression in them alone is
        # computed once, not once per point, and broadcasts where it meets a
        # varying parameter. Elementwise IEEE arithmetic gives the same bits
        # either way (tests compare with the per-point broadcast evaluation).
        args = [cols[k] if k in cols else defaults[k] for k in self._params]
        with np.errstate(all="ignore"):
            values = func(*args)
        n_entries = self._exprs.size
        out = np.empty((n_entries, B), dtype=np.float64)
        for j, v in enumerate(values):
            out[j] = v
        if not np.isfinite(out).all():
            j, b = (int(x) for x in np.argwhere(~np.isfinite(out))[0])
            idx = np.unravel_index(j, self._exprs.shape)
            point = {k: float(np.broadcast_to(args[m], (B,))[b]) for m, k in enumerate(self._params)}
            used = sorted(s.name for s in self._exprs[idx].free_symbols)
            raise GameError(
                f"batch: payoff{[int(i) for i in idx]} = {self._exprs[idx]} is not finite at point {b} {point}; "
                f"it depends on parameter(s) {used}."
            )
        # Points on the first axis as a view of the entry-major array: each payoff
        # entry stays contiguous over the points, which is also the fastest layout
        # for pure_nash_batch's reductions.
        return np.moveaxis(out.reshape(*self._exprs.shape, B), -1, 0)

    def substitute(self, **values: Any) -> ParametricGame:
        """Fix some parameters, returning a game in the remaining ones.

        Rational values stay exact (``Fraction(1, 3)`` becomes ``Rational(1, 3)``).

        Parameters
        ----------
        **values
            Values of some parameters, by name.

        Returns
        -------
        ParametricGame
            The game in the parameters not given; this one is unchanged.

        Examples
        --------
        >>> from fractions import Fraction
        >>> import sympy as sp, gametheory_af as gt
        >>> x, y = sp.symbols("x y")
        >>> pg = gt.ParametricGame([[[x + y, 0]], [[0, 1]]], parameters={"x": 1, "y": 2})
        >>> g = pg.substitute(x=Fraction(1, 2))
        >>> sorted(g.parameters), g.payoffs[0, 0, 0]
        (['y'], y + 1/2)
        """
        vals = self._resolve(values, "substitute")
        fixed = {k: vals[k] for k in values}
        subs = {self._symbols[k]: sympy_number(v) for k, v in fixed.items()}
        new_exprs = np.empty(self._exprs.size, dtype=object)
        new_exprs[:] = [e.xreplace(subs) for e in self._exprs.ravel()]
        new_params = [p for k, p in self._params.items() if k not in fixed]
        return ParametricGame(
            new_exprs.reshape(self._exprs.shape),
            parameters=new_params,
            players=self._players,
            strategies=self._strategies,
        )

    def fix_strategies(self, fixed: Mapping[int | str, int | str]) -> ParametricGame:
        """The game among the other players when some players' strategies are fixed.

        Where :meth:`NormalFormGame.restrict <gametheory_af.NormalFormGame.restrict>`
        narrows a player's choice, this removes the players of *fixed*
        altogether: each plays the strategy given, and the game that remains
        is among the others (in their order), with every parameter kept.

        Parameters
        ----------
        fixed : mapping
            Player (index or name) -> the strategy (index or name) it plays.
            At least one player must stay free.

        Returns
        -------
        ParametricGame

        Raises
        ------
        GameError
            For an unknown player or strategy, a player given twice (by index
            and by name), or when every player is fixed.

        Examples
        --------
        >>> import sympy as sp, gametheory_af as gt
        >>> c = sp.Symbol("c")
        >>> pg = gt.ParametricGame(
        ...     [[[3, -c], [5, 1]], [[3, 5], [-c, 1]]], parameters={"c": 1},
        ...     players=["row", "col"], strategies=[["C", "D"], ["C", "D"]],
        ... )
        >>> one = pg.fix_strategies({"col": "D"})
        >>> one.players, one.strategies, one.payoffs.tolist()
        (('row',), (('C', 'D'),), [[-c, 1]])
        """
        caller = "fix_strategies"
        if not isinstance(fixed, Mapping):
            raise TypeError(f"{caller}: fixed must be a mapping player -> strategy; got {type(fixed).__name__}.")
        chosen: dict[int, int] = {}
        for player, strategy in fixed.items():
            i = self._player_index(player, caller)
            j = self._strategy_index(i, strategy, caller)
            if i in chosen:
                raise GameError(f"{caller}: player {self._players[i]!r} is given twice.")
            chosen[i] = j
        keep = [i for i in range(self.n_players) if i not in chosen]
        if not keep:
            raise GameError(f"{caller}: at least one player must stay free; all {self.n_players} are fixed.")
        index: list[Any] = [keep]
        for i in range(self.n_players):
            index.append(chosen[i] if i in chosen else slice(None))
        return ParametricGame(
            self._exprs[tuple(index)],
            parameters=list(self._params.values()),
            players=[self._players[i] for i in keep],
            strategies=[self._strategies[i] for i in keep],
        )

    def diff(self, parameter: str) -> np.ndarray:
        """Derivatives of every payoff with respect to *parameter* (object array of expressions).

        Parameters
        ----------
        parameter : str
            A parameter name.

        Returns
        -------
        numpy.ndarray
            Object array of sympy expressions, of the payoffs' shape.

        Examples
        --------
        >>> import sympy as sp, gametheory_af as gt
        >>> x = sp.Symbol("x")
        >>> pg = gt.ParametricGame([[[x**2, 0]], [[0, 1]]], parameters={"x": 1})
        >>> pg.diff("x")[0, 0, 0]
        2*x
        """
        if parameter not in self._params:
            raise GameError(f"diff: unknown parameter {parameter!r}; parameters are {sorted(self._params)}.")
        s = self._symbols[parameter]
        out = np.empty(self._exprs.size, dtype=object)
        out[:] = [sp.diff(e, s) for e in self._exprs.ravel()]
        return out.reshape(self._exprs.shape)

    # ------------------------------------------------------------------ lookups
    def _player_index(self, player: int | str, caller: str | None = None) -> int:
        return player_index(self._players, player, caller)

    def _strategy_index(self, player: int, s: int | str, caller: str | None = None) -> int:
        return strategy_index(self._players, self._strategies, player, s, caller)

    # ------------------------------------------------------------------ pickling
    def __getstate__(self) -> dict[str, Any]:
        # The compiled numpy function is rebuilt on demand, not pickled.
        return {k: getattr(self, k) for k in self.__slots__ if k != "_func"}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)
        self._exprs.setflags(write=False)
        self._func = None

    def __repr__(self) -> str:
        return f"<ParametricGame players={self._players!r} shape={self.shape!r} parameters={sorted(self._params)!r}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ParametricGame):
            return NotImplemented
        return (
            self._players == other._players
            and self._strategies == other._strategies
            and self._params == other._params
            and self._exprs.shape == other._exprs.shape
            and all(sp.simplify(a - b) == 0 for a, b in zip(self._exprs.ravel(), other._exprs.ravel()))
        )

    __hash__ = None  # type: ignore[assignment]


def _parse_parameters(parameters: Any) -> dict[str, Parameter]:
    if isinstance(parameters, Mapping):
        items: Iterable[Any] = [
            v if isinstance(v, Parameter) else Parameter(k, v) for k, v in parameters.items()
        ]
        for k, v in parameters.items():
            if isinstance(v, Parameter) and v.name != k:
                raise GameError(f"{_CALLER}: parameter key {k!r} does not match its name {v.name!r}.")
    elif isinstance(parameters, (list, tuple)):
        items = parameters
    else:
        raise GameError(f"{_CALLER}: parameters must be a sequence of Parameter or a mapping; got {type(parameters).__name__}.")
    out: dict[str, Parameter] = {}
    for p in items:
        if not isinstance(p, Parameter):
            raise GameError(f"{_CALLER}: parameters must be Parameter objects; got {p!r}.")
        if p.name in out:
            raise GameError(f"{_CALLER}: duplicate parameter name {p.name!r}.")
        out[p.name] = p
    return out
