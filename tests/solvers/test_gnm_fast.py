"""global_newton after the step-size work (issue 14): the same equilibrium as before, in fewer steps.

``FROZEN`` holds the equilibrium that ``global_newton(game)`` returned *before* the speed-up (commit
548e3a3, rounded to 10 decimals) on seeded standard-normal games
``np.random.default_rng(seed).standard_normal((n, *shape))``; the fast tracer must return the same
one (the path is the same curve, only its step sizes changed). A second test runs the reference
step control (``trace_path`` without ``frac``) beside the fast one.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers import _nplayer
from gametheory_af.solvers._nplayer import _householder_null, _null_and_solve, fast_null_and_solve
from gametheory_af.solvers.global_newton import _GW, global_newton

# (shape, seed): the equilibrium found before the speed-up, stacked over players
FROZEN: dict[tuple[tuple[int, ...], int], list[float]] = {
    ((3, 3, 3), 0): [0.7935266272, 0.2064733728, 0.0, 0.3927243895, 0.0, 0.6072756105, 0.0, 0.0, 1.0],
    ((3, 3, 3), 1): [1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0],
    ((3, 3, 3), 2): [0.7429913518, 0.0, 0.2570086482, 0.0, 1.0, 0.0, 0.2181463246, 0.0, 0.7818536754],
    ((3, 3, 3), 3): [0.0, 0.0, 1.0, 0.4687276805, 0.5312723195, 0.0, 0.54384788, 0.45615212, 0.0],
    ((3, 3, 3), 4): [0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0],
    ((3, 3, 3), 5): [0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0],
    ((3, 3, 3), 6): [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0],
    ((3, 3, 3), 7): [1.0, 0.0, 0.0, 0.4407271732, 0.0, 0.5592728268, 0.0, 0.4535632222, 0.5464367778],
    ((3, 3, 3), 8): [0.0, 1.0, 0.0, 0.0, 0.6481067679, 0.3518932321, 0.0, 0.244444331, 0.755555669],
    ((3, 3, 3), 9): [0.1775202025, 0.0, 0.8224797975, 0.3239934055, 0.0, 0.6760065945, 0.0, 1.0, 0.0],
    ((2, 2, 2, 2), 0): [1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0],
    ((2, 2, 2, 2), 1): [0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0],
    ((2, 2, 2, 2), 2): [1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0],
    ((2, 2, 2, 2), 3): [
        0.5244852396,
        0.4755147604,
        0.5007171134,
        0.4992828866,
        0.8523734547,
        0.1476265453,
        0.6763462289,
        0.3236537711,
    ],
    ((2, 2, 2, 2), 4): [0.0, 1.0, 0.255568069, 0.744431931, 0.489792532, 0.510207468, 0.4474826304, 0.5525173696],
    ((2, 2, 2, 2), 5): [0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0],
    ((2, 2, 2, 2), 6): [
        0.5359089042,
        0.4640910958,
        0.8163144807,
        0.1836855193,
        0.5681198452,
        0.4318801548,
        0.762340047,
        0.237659953,
    ],
    ((2, 2, 2, 2), 7): [
        0.1620341513,
        0.8379658487,
        0.3438521224,
        0.6561478776,
        0.9673066493,
        0.0326933507,
        0.5738999628,
        0.4261000372,
    ],
    ((2, 2, 2, 2), 8): [0.0, 1.0, 0.4207030965, 0.5792969035, 0.7826718282, 0.2173281718, 0.3693088947, 0.6306911053],
    ((2, 2, 2, 2), 9): [0.5538935369, 0.4461064631, 1.0, 0.0, 0.2664735996, 0.7335264004, 0.6076359928, 0.3923640072],
    ((2, 2, 2, 2, 2), 0): [0.1753083597, 0.8246916403, 1.0, 0.0, 0.0, 1.0, 0.3721296333, 0.6278703667, 0.0, 1.0],
    ((2, 2, 2, 2, 2), 1): [1.0, 0.0, 0.7559766602, 0.2440233398, 0.3900964695, 0.6099035305, 1.0, 0.0, 0.0, 1.0],
    ((2, 2, 2, 2, 2), 2): [
        0.4243943724,
        0.5756056276,
        0.2093258961,
        0.7906741039,
        0.0,
        1.0,
        0.1200238354,
        0.8799761646,
        0.0,
        1.0,
    ],
    ((2, 2, 2, 2, 2), 3): [0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0],
    ((4, 3, 3), 0): [0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0],
    ((4, 3, 3), 1): [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0],
    ((4, 3, 3), 2): [
        0.3506104584,
        0.3738701186,
        0.2755194231,
        0.0,
        0.6774728993,
        0.3225271007,
        0.0,
        0.0,
        0.4585421566,
        0.5414578434,
    ],
    ((4, 3, 3), 3): [0.0, 0.902375598, 0.097624402, 0.0, 0.435819688, 0.564180312, 0.0, 1.0, 0.0, 0.0],
    ((4, 3, 3), 4): [
        0.1060120754,
        0.8939879246,
        0.0,
        0.0,
        0.5300326752,
        0.4699673248,
        0.0,
        0.0,
        0.3777663453,
        0.6222336547,
    ],
    ((4, 3, 3), 5): [0.0, 0.6155212888, 0.3844787112, 0.0, 0.0, 0.3545491913, 0.6454508087, 0.0, 1.0, 0.0],
    ((2, 2, 3), 0): [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0],
    ((2, 2, 3), 1): [0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0],
    ((2, 2, 3), 2): [0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0],
    ((2, 2, 3), 3): [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0],
    ((2, 2, 3), 4): [0.3259345475, 0.6740654525, 0.0, 1.0, 0.8180698169, 0.1819301831, 0.0],
    ((2, 2, 3), 5): [0.0831428867, 0.9168571133, 0.5739116693, 0.4260883307, 0.0, 0.0, 1.0],
    ((2, 2, 3), 6): [1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0],
    ((2, 2, 3), 7): [0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0],
    ((5, 5, 5), 0): [0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
    ((5, 5, 5), 1): [
        0.0,
        0.0,
        0.0,
        1.0,
        0.0,
        0.1732123352,
        0.0,
        0.0,
        0.8267876648,
        0.0,
        0.0,
        0.2289774336,
        0.0,
        0.0,
        0.7710225664,
    ],
    ((5, 5, 5), 2): [
        0.0,
        0.0,
        0.0,
        0.0,
        1.0,
        0.2601540863,
        0.7398459137,
        0.0,
        0.0,
        0.0,
        0.7697687572,
        0.2302312428,
        0.0,
        0.0,
        0.0,
    ],
    ((3, 3, 3, 3), 3): [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.6587668512, 0.3412331488, 0.0, 0.6109891303, 0.3890108697, 0.0],
    ((3, 3, 3, 3), 20260611): [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0],
    ((4, 4), 0): [0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0],
    ((4, 4), 1): [0.3204342071, 0.0, 0.6795657929, 0.0, 0.0, 0.0, 0.8596510374, 0.1403489626],
    ((4, 4), 2): [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0],
}

#: Continuation steps before the speed-up (sum over FROZEN): 8018. After it: 5556.
STEPS_BEFORE = 8018
# steps per FROZEN game before the speed-up, in FROZEN's order
_STEPS = [
    352,
    209,
    135,
    326,
    41,
    121,
    87,
    224,
    169,
    128,
    48,
    84,
    88,
    252,
    259,
    45,
    202,
    205,
    154,
    272,
    263,
    113,
    378,
    106,
    291,
    51,
    574,
    138,
    168,
    111,
    43,
    94,
    197,
    207,
    152,
    212,
    104,
    45,
    241,
    260,
    261,
    136,
    42,
    39,
    300,
    91,
]


def _game(shape: tuple[int, ...], seed: int) -> gt.NormalFormGame:
    return gt.NormalFormGame(np.random.default_rng(seed).standard_normal((len(shape), *shape)))


@pytest.mark.parametrize(("shape", "seed"), list(FROZEN))
def test_same_equilibrium_as_before(shape, seed):
    game = _game(shape, seed)
    res = global_newton(game)
    assert res.converged and res.relative_regret <= 1e-12
    # the frozen answers had relative regret 0.0 (exact-support polish); ours must be as good
    assert res.relative_regret <= 1e-15
    assert np.abs(np.concatenate(res[0].profile) - np.array(FROZEN[shape, seed])).max() < 1e-9


def test_fewer_steps_overall():
    """Steps are counted, not timed: the fast step control must not take more of them."""
    some = list(zip(FROZEN, _STEPS))[::4]
    total = sum(global_newton(_game(shape, seed)).n_iter for (shape, seed), _ in some)
    assert total < sum(before for _, before in some)


def test_steps_table_is_consistent():
    assert len(_STEPS) == len(FROZEN) and sum(_STEPS) == STEPS_BEFORE


@pytest.mark.parametrize(("shape", "seed"), [((3, 3, 3), 0), ((2, 2, 2, 2), 3), ((2, 2, 3), 5), ((4, 3, 3), 2)])
def test_fast_and_reference_step_control_agree(shape, seed, monkeypatch):
    """The reference route: the same tracer without the chord fraction (boundaries approached by h / 8)
    and with LAPACK's QR instead of the compiled Householder pass."""
    game = _game(shape, seed)
    fast = global_newton(game)
    mod = sys.modules["gametheory_af.solvers.global_newton"]
    real = mod.trace_path

    def reference(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        kwargs.pop("frac", None)
        kwargs.pop("null_and_solve", None)
        return real(*args, **kwargs)

    monkeypatch.setattr(mod, "trace_path", reference)
    ref = global_newton(game)
    assert ref.converged and fast.converged
    assert np.abs(np.concatenate(fast[0].profile) - np.concatenate(ref[0].profile)).max() < 1e-12
    assert fast.n_iter < ref.n_iter


def test_frac_by_hand():
    """One player with 3 strategies; z = (0.5, 0.4, 0.1) sums to 1, so r(z) = z on the full support.

    On that support the margins z_j - (sum z - 1) / 3 are z_j. Along the chord to
    z' = (0.7, 0.4, -0.1) (sum 1) strategy 2's margin goes 0.1 -> -0.1 and crosses 0 at
    0.1 / 0.2 = 1/2 of the chord; strategies 0 and 1 stay positive. The last coordinate (t) is ignored.
    """
    gw = _GW(np.zeros((1, 3)), (3,), np.zeros(3))
    w = np.array([0.5, 0.4, 0.1, 1.0])
    wp = np.array([0.7, 0.4, -0.1, 0.5])
    assert gw.frac(w, wp) == pytest.approx(0.5, abs=1e-15)
    assert gw.frac(w, w) == 1.0  # no margin changes sign: the chord stays in the cell


@pytest.mark.parametrize("n", [1, 2, 3, 9, 15])
@pytest.mark.parametrize("compiled", [True, False])
def test_householder_matches_lapack(n, compiled):
    """Tangent (up to sign), min-norm step and det([J; t]) (its sign follows the tangent's) agree with LAPACK."""
    rng = np.random.default_rng(n)
    for _ in range(20):
        J = rng.standard_normal((n, n + 1))
        H = rng.standard_normal(n)
        t0, s0, _ = _null_and_solve(J, H)
        d0 = _null_and_solve(J, None)[2]
        if compiled:
            t1, s1, z = fast_null_and_solve(J, H)
            _, _, d1 = fast_null_and_solve(J, None)
            assert z == 0.0 and s1 is not None
        else:
            t1, s1, d1, ok = _householder_null(J, H, True)
            t2, s2, d2, ok2 = _householder_null(J, H, False)  # the tangent alone: no step computed
            assert ok and ok2 and np.array_equal(t1, t2) and d1 == d2 and not s2.any()
        sg = float(np.sign(t0 @ t1))
        assert np.abs(t0 - sg * t1).max() < 1e-12 and abs(np.linalg.norm(t1) - 1.0) < 1e-14
        assert np.abs(J @ t1).max() < 1e-12
        assert s0 is not None and np.abs(s0 - s1).max() < 1e-10 * (1 + np.abs(s0).max())
        assert d1 * sg == pytest.approx(d0, rel=1e-10)


def test_fast_null_falls_back():
    """A zero Jacobian has a zero pivot, a NaN one is not finite: both go to the LAPACK route."""
    J = np.zeros((2, 3))
    t, step, det, ok = _householder_null(J, np.ones(2), True)
    assert not ok
    a, b = fast_null_and_solve(J, None), _null_and_solve(J, None)
    assert np.array_equal(a[0], b[0]) and a[2] == b[2]
    Jn = np.full((2, 3), np.nan)
    with np.errstate(invalid="ignore"):
        a, b = fast_null_and_solve(Jn, np.ones(2)), _null_and_solve(Jn, np.ones(2))
    assert a[1] is not None and b[1] is not None and np.isnan(a[1]).all() == np.isnan(b[1]).all()


def test_fast_null_without_numba(monkeypatch):
    monkeypatch.setattr(_nplayer, "_COMPILED", [None])
    J = np.random.default_rng(0).standard_normal((4, 5))
    a, b = fast_null_and_solve(J, None), _null_and_solve(J, None)
    assert np.array_equal(a[0], b[0]) and a[2] == b[2]


def _stuck(w0: float):  # noqa: ANN202
    """The curve w[1] = 0 in R^2, but every point except w[0] == w0 evaluates to NaN: every step fails."""

    def fun(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if w[0] != w0:
            return np.array([np.nan]), np.array([[np.nan, np.nan]])
        return np.array([w[1]]), np.array([[0.0, 1.0]])

    return fun


def test_trace_path_failed_steps_underflow_and_kink_jumps():
    w0 = np.array([0.4, 0.0])
    right = np.array([1.0, 0.0])
    never = lambda a, b: False  # noqa: E731
    # no kink handler: the step halves down to min_step
    tr = _nplayer.trace_path(_stuck(0.4), w0, right, never, first_step=1e-3, min_step=1e-6)
    assert not tr.ok and tr.reason == "step size underflow" and tr.steps == 10  # 1e-3 / 2^10 < 1e-6
    # a kink handler that finds nothing: the same underflow, asked once per halving below kink_step
    asked = []
    tr = _nplayer.trace_path(
        _stuck(0.4), w0, right, never, first_step=1e-3, min_step=1e-6, kink=lambda w, t: asked.append(1), kink_step=1e-5
    )
    assert not tr.ok and tr.reason == "step size underflow" and len(asked) == 4  # 6.25e-5 ... 7.8e-6 < 1e-5
    # a kink handler that jumps back to the start every time: the steps run out (recorded or not)
    for record in (True, False):
        tr = _nplayer.trace_path(
            _stuck(0.4),
            w0,
            right,
            never,
            first_step=1e-3,
            kink=lambda w, t: (w0.copy(), right, 1.0),
            kink_step=1e-4,
            max_steps=30,
            record=record,
        )
        assert not tr.ok and tr.reason == "no end after 30 steps" and tr.kinks > 0
        assert len(tr.points) == (1 + tr.kinks if record else 0)


@pytest.mark.parametrize("jumps", [False, True])
def test_trace_path_failed_corrector_across_a_cell(jumps):
    """A failed step whose predictor leaves the cell {w[0] <= 0.5} is cut by the chord fraction, then handed to kink."""
    w0 = np.array([0.4995, 0.0])
    right = np.array([1.0, 0.0])
    calls = []

    def kink(w, t):  # noqa: ANN001, ANN202
        calls.append(w.copy())
        return (w0.copy(), right, 1.0) if jumps else None

    tr = _nplayer.trace_path(
        _stuck(0.4995),
        w0,
        right,
        lambda a, b: False,
        first_step=0.2,
        cell_step=1e-3,
        kink=kink,
        kink_step=1e-9,
        cell=lambda w: bool(w[0] > 0.5),
        frac=lambda w, wp: 1.0,
        max_steps=12,
        record=False,
    )
    assert not tr.ok and calls and np.array_equal(calls[0], w0)
    # h = max(min(1.0 * h - 5e-4, h / 2), 1e-3): 0.2, 0.1, ..., 0.0015625 (8 failed steps, each predictor
    # beyond 0.5), then cell_step 1e-3 (w[0] + h = 0.5005, still beyond): kink is asked at the 9th step
    assert tr.kinks == (len(calls) if jumps else 0)
    if not jumps:
        assert len(calls) == 1 and tr.steps == 12
