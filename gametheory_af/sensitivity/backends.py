"""Where sweeps run: serially, on local processes, or on a Dask cluster.

A backend maps a picklable function over a sequence of tasks (chunks of
parameter points) and yields the results **in task order**, so the combined
result of a sweep is identical whatever the backend. Each backend reports
progress per finished chunk through a callback.

Backends
--------
``"serial"``
    A plain loop in this process (the default; no start-up cost).
``"processes"``
    Local worker processes: :mod:`joblib` (loky) when installed, else
    :class:`concurrent.futures.ProcessPoolExecutor` with the ``spawn`` start
    method. Either way the worker processes are kept for the next call (and
    closed when Python exits).
``"dask"``
    A :class:`dask.distributed.Client`: the one passed as ``client=``, or a
    local cluster started for the call (threads in this process, ``n_jobs``
    workers) and closed afterwards. Requires the ``dask`` extra.

Data that every task needs (``shared=``: for a sweep, the game and the
description of its points) is sent to each Dask worker once, with
:meth:`~dask.distributed.Client.scatter`, and the tasks refer to it, so what
goes through the scheduler per task is the task alone, whatever the size of
the whole computation. The process backend has no way to send data once: it
pickles the shared data with every task.
"""

from __future__ import annotations

import atexit
import collections
import functools
import multiprocessing
import os
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .._validation import _short, check_choice, check_int
from ..exceptions import GameError

__all__ = ["BACKENDS", "n_workers", "run_tasks"]

#: The backend names :func:`~gametheory_af.sensitivity.run_tasks` accepts.
BACKENDS = ("serial", "processes", "dask")

#: The default of ``shared=``: nothing shared, ``func(task)`` is called.
_NOTHING: Any = object()


def check_n_jobs(n_jobs: Any, caller: str) -> int | None:
    """``None``, ``-1`` or a positive int (a TypeError for other types, a GameError for other values)."""
    if n_jobs is None:
        return None
    value = check_int(n_jobs, "n_jobs", caller)
    if value == 0 or value < -1:
        raise GameError(f"{caller}: n_jobs must be a positive integer, -1 (all CPUs) or None; got {value}.")
    return value


def _n_jobs(n_jobs: int | None) -> int:
    if n_jobs is None:
        return max(1, min(os.cpu_count() or 1, 8))
    return max(1, os.cpu_count() or 1) if n_jobs == -1 else n_jobs


def n_workers(backend: str, n_jobs: int | None = None, client: Any = None) -> int:
    """How many tasks run at once on *backend*: 1 serially, the worker count otherwise.

    Parameters
    ----------
    backend : {"serial", "processes", "dask"}
    n_jobs : int, optional
        As for :func:`~gametheory_af.sensitivity.run_tasks`.
    client : dask.distributed.Client, optional
        The workers it has now (2 if it cannot tell).

    Returns
    -------
    int

    Examples
    --------
    >>> from gametheory_af.sensitivity.backends import n_workers
    >>> n_workers("serial"), n_workers("processes", 3), n_workers("dask")
    (1, 3, 2)
    """
    if backend == "serial":
        return 1
    if backend == "processes":
        return _n_jobs(n_jobs)
    if client is None:
        return 2 if n_jobs is None else _n_jobs(n_jobs)
    try:
        return len(client.scheduler_info().get("workers", {})) or 2
    except Exception:  # pragma: no cover - an exotic client
        return 2


def run_tasks(
    func: Callable[..., Any],
    tasks: Iterable[Any],
    *,
    backend: str = "serial",
    n_jobs: int | None = None,
    client: Any = None,
    on_result: Callable[[Any], None] | None = None,
    shared: Any = _NOTHING,
) -> Generator[Any, None, None]:
    """Map *func* over *tasks* on a backend, yielding results in task order.

    Parameters
    ----------
    func : callable
        A module-level (picklable) function of one task (of the shared data
        and one task with *shared*).
    tasks : iterable
        The work items (for sweeps: chunks of points), consumed lazily: the
        process and Dask backends keep at most two tasks per worker in flight,
        so memory is bounded by a few tasks whatever their number.
    backend : {"serial", "processes", "dask"}, default "serial"
    n_jobs : int, optional
        Worker processes (``"processes"``) or workers of a local Dask cluster
        (``"dask"`` without *client*). ``None``: the number of CPUs (at most 8)
        for processes, 2 for a local Dask cluster; ``-1``: all CPUs.
    client : dask.distributed.Client, optional
        An existing Dask client (``backend="dask"`` only); it is not closed.
    on_result : callable, optional
        Called with each result as it arrives (in order), e.g. to advance a
        progress bar.
    shared : object, optional
        Data every task needs; *func* is then called as ``func(shared, task)``.
        With ``"dask"`` it is scattered to every worker once and each task
        holds only a reference to it (tasks stay small, and the traffic
        through the scheduler does not grow with *shared*); with
        ``"processes"`` it is pickled with each task; ``"serial"`` passes it as is.

    Returns
    -------
    generator
        Yields ``func(task)`` (or ``func(shared, task)``) for each task, in
        order; closing it early cancels the tasks in flight.

    Raises
    ------
    GameError
        For an unknown backend, a client with a backend other than ``"dask"``,
        or a bad *n_jobs* (0 or below -1), at the call.
    TypeError
        For a *func* or *on_result* that is not callable, *tasks* that are not
        iterable, or a non-integer *n_jobs*.
    ImportError
        For ``"dask"`` without :mod:`dask.distributed` installed.

    Examples
    --------
    >>> from gametheory_af.sensitivity.backends import run_tasks
    >>> list(run_tasks(abs, [-1, 2, -3]))
    [1, 2, 3]
    >>> list(run_tasks(pow, [1, 2, 3], shared=10))  # pow(10, task)
    [10, 100, 1000]
    """
    caller = "run_tasks"
    if not callable(func):
        raise TypeError(f"{caller}: func must be callable; got {_short(func)} ({type(func).__name__}).")
    if on_result is not None and not callable(on_result):
        raise TypeError(f"{caller}: on_result must be callable or None; got {_short(on_result)}.")
    if isinstance(tasks, (str, bytes)) or not hasattr(tasks, "__iter__"):
        raise TypeError(f"{caller}: tasks must be an iterable of work items; got {_short(tasks)}.")
    backend = check_choice(backend, BACKENDS, "backend", caller)
    if client is not None and backend != "dask":
        raise GameError(f"{caller}: client= is only used with backend='dask'; got backend={backend!r}.")
    n_jobs = check_n_jobs(n_jobs, caller)
    return _run(func, tasks, backend, n_jobs, client, on_result, shared)


def _run(
    func: Callable[..., Any],
    tasks: Iterable[Any],
    backend: str,
    n_jobs: int | None,
    client: Any,
    on_result: Callable[[Any], None] | None,
    shared: Any = _NOTHING,
) -> Generator[Any, None, None]:
    if backend == "dask":
        gen: Iterator[Any] = _dask(func, tasks, n_jobs, client, shared)
    else:
        if shared is not _NOTHING:
            func = functools.partial(func, shared)
        if backend == "serial":
            gen = (func(t) for t in tasks)
        else:
            gen = _processes(func, tasks, _n_jobs(n_jobs))
    for r in gen:
        if on_result is not None:
            on_result(r)
        yield r


def _processes(func: Callable[[Any], Any], tasks: Iterable[Any], n_jobs: int) -> Iterator[Any]:
    try:
        import joblib
    except ImportError:
        joblib = None
    if joblib is not None:  # pragma: no cover - not installed here; the pool below is what runs
        par = joblib.Parallel(n_jobs=n_jobs, backend="loky", return_as="generator", pre_dispatch="2*n_jobs")
        yield from par(joblib.delayed(func)(t) for t in tasks)
        return
    ex = _pool(n_jobs)
    try:
        # Executor.map would submit every task at once; keep 2 per worker in flight.
        yield from _windowed(ex.submit, func, tasks, 2 * n_jobs)
    except BrokenProcessPool:  # pragma: no cover - a worker died (killed, out of memory): start afresh next time
        _POOLS.pop(n_jobs, None)
        raise


#: Process pools kept from one call to the next (as joblib's loky executor is), by size:
#: starting ``spawn`` workers costs seconds (each imports numpy and sympy).
_POOLS: dict[int, ProcessPoolExecutor] = {}


def _pool(n_jobs: int) -> ProcessPoolExecutor:
    ex = _POOLS.get(n_jobs)
    if ex is None:
        ex = _POOLS[n_jobs] = ProcessPoolExecutor(max_workers=n_jobs, mp_context=multiprocessing.get_context("spawn"))
    return ex


@atexit.register
def _close_pools() -> None:
    for ex in _POOLS.values():
        ex.shutdown(wait=False, cancel_futures=True)
    _POOLS.clear()


def _windowed(submit: Callable[..., Any], func: Callable[[Any], Any], tasks: Iterable[Any], window: int) -> Iterator[Any]:
    """Submit tasks with at most *window* in flight; yield their results in order."""
    pending: collections.deque[Any] = collections.deque()
    try:
        for t in tasks:
            pending.append(submit(func, t))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for fut in pending:
            fut.cancel()


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise ImportError(
            "backend='dask' needs dask.distributed; install it with `pip install gametheory_af[dask]` "
            "(or `pip install 'dask[distributed]'`)."
        ) from err
    return distributed


def _dask(
    func: Callable[..., Any], tasks: Iterable[Any], n_jobs: int | None, client: Any, shared: Any = _NOTHING
) -> Iterator[Any]:
    distributed = _import_distributed()
    own = client is None
    cluster: Any = None
    if own:
        workers = 2 if n_jobs is None else _n_jobs(n_jobs)
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=False, dashboard_address=None
        )
        client = distributed.Client(cluster)
    ref: list[Any] = []
    try:
        workers = n_workers("dask", n_jobs, client)
        if shared is not _NOTHING:
            # Sent once to every worker; each task names it by its key.
            ref = client.scatter([shared], broadcast=True, hash=False)

        def submit(f: Callable[..., Any], t: Any) -> Any:
            args = (ref[0], t) if ref else (t,)
            return client.submit(f, *args, pure=False)

        yield from _windowed(submit, func, tasks, 2 * workers)
    finally:
        for r in ref:
            r.release()
        if own:
            client.close()
            cluster.close()
