"""Accuracy and time of the n-player Nash solution on frontier functions with closed forms (issue 15 item 5).

Compares this checkout's ``gametheory_af.bargaining._frontier.nash_n`` with another version of that module
(for example the one before the polish), interleaved in one process::

    git show c1f904f:gametheory_af/bargaining/_frontier.py > /tmp/_frontier_old.py
    PYTHONPATH=$PWD python benchmarks/nash_n_accuracy.py /tmp/_frontier_old.py

Prints, per family, the largest relative error of the payoffs against the closed form over seeded
weights and disagreement points, and the fastest of 7 interleaved timings of one solve.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from gametheory_af.bargaining import BargainingProblem, _frontier

SEEDS = range(20)


def simplex(rng: np.random.Generator, n: int) -> tuple[BargainingProblem, np.ndarray, np.ndarray]:
    # f = 2 - sum(y): u_i - d_i = w_i / W (2 - sum d)
    w = rng.uniform(0.2, 3.0, n)
    d = rng.uniform(-0.3, 0.3, n)
    prob = BargainingProblem(lambda y: 2.0 - y.sum(), d, domain=[(-0.3, 2.5)] * (n - 1))
    return prob, w, d + w / w.sum() * (2.0 - d.sum())


def sphere(rng: np.random.Generator, p: int) -> tuple[BargainingProblem, np.ndarray, np.ndarray]:
    # u_3 = d_3 + (1 - sum (u_i - d_i)^p)^(1/p): u_i - d_i = (w_i / W)^(1/p)
    w = np.append(rng.uniform(0.5, 1.2, 2), rng.uniform(1.0, 2.0))
    d = rng.uniform(-0.2, 0.2, 3)
    side = 0.7 if p == 2 else 0.79  # 2 side^p < 1, and the box holds the answer (w_i / W <= 0.444)
    prob = BargainingProblem(lambda y: d[-1] + (1 - np.sum((y - d[:-1]) ** p)) ** (1 / p), d,
                             domain=[(d[0], d[0] + side), (d[1], d[1] + side)])
    return prob, w, d + (w / w.sum()) ** (1 / p)


def cobb_douglas(rng: np.random.Generator, n: int) -> tuple[BargainingProblem, np.ndarray, np.ndarray]:
    # u_n = prod (1 - u_i)^a_i, d = 0: u_i = w_i / (w_i + w_n a_i)
    a = rng.uniform(0.1, 0.9 / (n - 1), n - 1)
    w = rng.uniform(0.2, 3.0, n)
    prob = BargainingProblem(lambda y: np.prod((1 - y) ** a), np.zeros(n), domain=[(0, 1)] * (n - 1))
    head = w[:-1] / (w[:-1] + w[-1] * a)
    return prob, w, np.append(head, np.prod((1 - head) ** a))


FAMILIES: dict[str, Callable[[np.random.Generator], tuple[BargainingProblem, np.ndarray, np.ndarray]]] = {
    "simplex n=3": lambda r: simplex(r, 3),
    "simplex n=5": lambda r: simplex(r, 5),
    "sphere p=2": lambda r: sphere(r, 2),
    "sphere p=3": lambda r: sphere(r, 3),
    "Cobb-Douglas n=3": lambda r: cobb_douglas(r, 3),
    "Cobb-Douglas n=4": lambda r: cobb_douglas(r, 4),
}


def main(old_path: str) -> None:
    spec = importlib.util.spec_from_file_location("gametheory_af.bargaining._frontier_old", old_path)
    assert spec is not None and spec.loader is not None
    old: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    print(f"{'family':18} {'old max rel err':>16} {'new max rel err':>16} {'old ms':>8} {'new ms':>8}")
    for name, make in FAMILIES.items():
        errs: dict[str, float] = {"old": 0.0, "new": 0.0}
        times: dict[str, float] = {"old": np.inf, "new": np.inf}
        for seed in SEEDS:
            prob, w, want = make(np.random.default_rng(seed))
            for _ in range(7 if seed == 0 else 1):
                for key, mod in (("old", old), ("new", _frontier)):
                    t = time.perf_counter()
                    got = mod.nash_n(prob, w)
                    times[key] = min(times[key], time.perf_counter() - t)
                    errs[key] = max(errs[key], float(np.max(np.abs(got - want) / np.abs(want))))
        print(f"{name:18} {errs['old']:16.2e} {errs['new']:16.2e} {1e3 * times['old']:8.1f} {1e3 * times['new']:8.1f}")


if __name__ == "__main__":
    main(sys.argv[1])
