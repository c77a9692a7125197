"""The flagship leverage sweep on Dask: task size against the number of points, backends side by side, 10^8 points.

Run it (a few minutes; ``OPENBLAS_NUM_THREADS=1`` on a shared machine)::

    python -m pytest benchmarks/bench_dask.py --benchmark-only -s

Quick mode (CI smoke test): ``--benchmark-disable`` or ``QUICK=1``.

* ``test_backends`` times one sweep of the flagship over 10^6 leverage values
  (20,000 in quick mode; default chunk size, ``keep_equilibria=False``)
  serially, on two local processes and on a ``distributed.LocalCluster`` of two
  worker processes with one thread each, and checks that every backend gives
  the serial arrays. Dask's nanny starts its workers with
  ``MALLOC_TRIM_THRESHOLD_=65536``, which makes glibc hand back, and then fault
  in again, the few MiB a chunk allocates (a chunk then runs about 3x slower);
  the cluster here is started with ``MALLOC_MMAP_THRESHOLD_`` and
  ``MALLOC_TOP_PAD_`` raised (see ``docs/how-to/dask-sweep.rst``), and
  ``test_backends`` also times a cluster with Dask's default environment
  (``dask-default-env``).
* ``test_task_size_vs_points`` counts the bytes the client sends to the
  scheduler during sweeps of 10^5, 10^6 and 10^7 points (10^4 and 10^5 in quick
  mode): per task they do not depend on the number of points, since a task is
  a point range and the workers make the points from the grid.
* ``test_flagship_1e8`` (only with ``FULL_DASK=1``) streams a sweep of 10^8
  points, leverage (10^5 values) x decentralisation (10^3), through
  ``iter_sweep(..., backend="dask", keep_equilibria=False)`` on that cluster,
  adding up the equilibrium counts chunk by chunk, and records the time and
  the peak resident memory of the client and of each worker::

      FULL_DASK=1 python -m pytest benchmarks/bench_dask.py -k 1e8 --benchmark-only -s
"""

from __future__ import annotations

import os
import resource
import time

import numpy as np
import pytest

from benchmarks.conftest import tag
from gametheory_af.sensitivity import grid, iter_sweep, sweep

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

#: The environment of the benchmark's Dask workers: glibc keeps the memory of the chunks it frees.
WORKER_ENV = {"MALLOC_MMAP_THRESHOLD_": 2**25, "MALLOC_TOP_PAD_": 2**26}


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


def _flagship():  # type: ignore[no-untyped-def]
    from gametheory_af.scenarios import afghanistan

    return afghanistan.parametric_game()


def _leverage(n: int) -> np.ndarray:
    return np.linspace(0.0, 2.0, n)


def local_cluster(tuned: bool = True):  # type: ignore[no-untyped-def]
    """Two worker processes with one thread each (with :data:`WORKER_ENV` when *tuned*).

    The nanny copies its ``pre-spawn-environ`` into this process's ``os.environ`` too, which
    every later child inherits: a cluster with Dask's default environment is started with
    :data:`WORKER_ENV`'s variables taken out of ``os.environ`` (and put back afterwards).
    """
    env = dict(WORKER_ENV) if tuned else {}
    saved = {k: os.environ.pop(k) for k in WORKER_ENV if k in os.environ and not tuned}
    try:
        base = dask.config.get("distributed.nanny.pre-spawn-environ")
        with dask.config.set({"distributed.nanny.pre-spawn-environ": {**base, **env}}):
            return distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0")
    finally:
        os.environ.update(saved)


@pytest.fixture(scope="module")
def pgame():  # type: ignore[no-untyped-def]
    return _flagship()


@pytest.fixture(scope="module")
def client(pgame):  # type: ignore[no-untyped-def]
    with local_cluster() as cl, distributed.Client(cl) as c:
        sweep(pgame, grid(leverage=_leverage(2_000)), backend="dask", client=c)  # workers import and start
        yield c


@pytest.mark.parametrize("backend", ["serial", "processes", "dask", "dask-default-env"])
def test_backends(benchmark, pgame, client, request, backend):  # type: ignore[no-untyped-def]
    n = 20_000 if _quick(request.config) else 1_000_000
    pts = grid(leverage=_leverage(n))
    serial = sweep(pgame, pts, keep_equilibria=False)
    tag(benchmark, f"sweep: flagship over leverage on each backend ({n:,} points)",
        "gametheory_af" if backend == "serial" else f"gametheory_af ({backend})", method=f"sweep backend={backend}",
        units=n, unit="point")
    if backend == "dask-default-env":
        with local_cluster(tuned=False) as cl, distributed.Client(cl) as c:
            sweep(pgame, grid(leverage=_leverage(2_000)), backend="dask", client=c)
            res = benchmark.pedantic(lambda: sweep(pgame, pts, keep_equilibria=False, backend="dask", client=c),
                                     rounds=1, iterations=1)
    else:
        kw = {"client": client} if backend == "dask" else {"n_jobs": 2} if backend == "processes" else {}
        name = "dask" if backend == "dask" else backend
        if backend == "processes":
            sweep(pgame, grid(leverage=_leverage(2_000)), backend=name, **kw)  # start the worker processes
        res = benchmark.pedantic(lambda: sweep(pgame, pts, keep_equilibria=False, backend=name, **kw),
                                 rounds=1, iterations=1)
    assert np.array_equal(res.n_equilibria, serial.n_equilibria)  # identical to the serial arrays
    benchmark.extra_info.update(n_equilibria=int(res.n_equilibria.sum()), match=True, chunk_size=res.chunk_size)


def test_task_size_vs_points(benchmark, pgame, client, request):  # type: ignore[no-untyped-def]
    ns = (10_000, 100_000) if _quick(request.config) else (100_000, 1_000_000, 10_000_000)
    comm = client.scheduler_comm  # the batched stream that carries the client's tasks to the scheduler
    rows = []

    def run() -> None:
        for n in ns:
            before = comm.byte_count
            total = chunks = 0
            for part in iter_sweep(pgame, grid(leverage=_leverage(n)), backend="dask", client=client,
                                   keep_equilibria=False):
                total += int(part.n_equilibria.sum())
                chunks += 1
            rows.append((n, chunks, comm.byte_count - before, total))

    tag(benchmark, "sweep: bytes sent to the Dask scheduler per task", method="iter_sweep backend=dask")
    benchmark.pedantic(run, rounds=1, iterations=1)
    from gametheory_af.sensitivity.backends import n_workers
    from gametheory_af.sensitivity.sweep import _TASK_POINTS, default_chunk_size

    size = default_chunk_size(pgame)
    per_task = []
    for n, chunks, sent, _ in rows:
        n_chunks = -(-n // size)
        per = max(1, min(_TASK_POINTS // size, -(-n_chunks // (4 * n_workers("dask", None, client)))))
        n_tasks = -(-n_chunks // per)
        per_task.append(sent / n_tasks)
        print(f"\n{n:>12,} points: {chunks:,} chunks in {n_tasks:,} tasks; client -> scheduler {sent / 1e6:.3f} MB, "
              f"{sent / n_tasks:,.0f} B per task")
    benchmark.extra_info.update(bytes_per_task=per_task, points=list(ns))
    assert max(per_task) < 1.5 * min(per_task)  # a constant per task, whatever the number of points


@pytest.mark.skipif(not os.environ.get("FULL_DASK"), reason="10^8 points: set FULL_DASK=1")
def test_flagship_1e8(benchmark, pgame, client):  # type: ignore[no-untyped-def]
    d = pgame.parameters["decentralisation"]
    g = grid(leverage=_leverage(100_000), decentralisation=np.linspace(float(d.lower), float(d.upper), 1_000))
    assert len(g) == 10**8

    def run() -> tuple[int, int, int]:
        total = chunks = 0
        first = 0  # equilibria at the first 10^6 points (leverage's first 1,000 values), checked serially below
        for part in iter_sweep(pgame, g, backend="dask", client=client, keep_equilibria=False):
            total += int(part.n_equilibria.sum())
            first += int(part.n_equilibria[: max(0, 10**6 - part.start)].sum())
            chunks += 1
        return total, first, chunks

    tag(benchmark, "sweep: flagship, 10^8 points on a Dask LocalCluster", "gametheory_af (dask)",
        method="iter_sweep backend=dask", units=len(g), unit="point")
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    total, first, chunks = benchmark.pedantic(run, rounds=1, iterations=1)
    seconds = time.perf_counter() - start
    client_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_mb = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    # The first 10^6 points again, serially: the same counts.
    head = sweep(pgame, grid(leverage=_leverage(100_000)[:1_000],
                             decentralisation=np.linspace(float(d.lower), float(d.upper), 1_000)), keep_equilibria=False)
    assert int(head.n_equilibria.sum()) == first
    benchmark.extra_info.update(seconds=seconds, points_per_second=len(g) / seconds, n_equilibria=total,
                                chunks=chunks, client_peak_rss_mb=client_mb, client_peak_rss_mb_before=rss0,
                                worker_peak_rss_mb=sorted(workers_mb.values()))
    print(f"\n10^8 points in {seconds:.0f} s ({len(g) / seconds:,.0f} points/s), {chunks:,} chunks; "
          f"{total:,} equilibria; peak RSS: client {client_mb:.0f} MB "
          f"(before {rss0:.0f} MB), workers {sorted(round(v) for v in workers_mb.values())} MB; "
          f"first 10^6 points: {first:,} equilibria on Dask, the same serially")
