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
    :class:`concurrent.futures.ProcessPoolExecutor` with the ``spawn`` start method.
``"dask"``
    A :class:`dask.distributed.Client`: the one passed as ``client=``, or a
    local cluster started for the call (threads in this process, ``n_jobs``
    workers) and closed afterwards. Requires the ``dask`` extra.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..exceptions import GameError

__all__ = ["BACKENDS", "run_tasks"]

#: The backend names :func:`run_tasks` accepts.
BACKENDS = ("serial", "processes", "dask")


def _n_jobs(n_jobs: int | None) -> int:
    if n_jobs is None:
        return max(1, min(os.cpu_count() or 1, 8))
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise GameError(f"run_tasks: n_jobs must be a positive int, -1 or None; got {n_jobs!r}.")
    return max(1, os.cpu_count() or 1) if n_jobs == -1 else n_jobs


def run_tasks(
    func: Callable[[Any], Any],
    tasks: Iterable[Any],
    *,
    backend: str = "serial",
    n_jobs: int | None = None,
    client: Any = None,
    on_result: Callable[[Any], None] | None = None,
) -> Iterator[Any]:
    """Map *func* over *tasks* on a backend, yielding results in task order.

    Parameters
    ----------
    func : callable
        A module-level (picklable) function of one task.
    tasks : iterable
        The work items (for sweeps: chunks of points). Consumed lazily by the
        serial and process backends (processes keep a few tasks in flight per
        worker), all at once by Dask.
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

    Yields
    ------
    object
        ``func(task)`` for each task, in order.

    Raises
    ------
    GameError
        For an unknown backend, a client with a backend other than ``"dask"``,
        or a bad *n_jobs*.
    ImportError
        For ``"dask"`` without :mod:`dask.distributed` installed.

    Examples
    --------
    >>> from gametheory_af.sensitivity.backends import run_tasks
    >>> list(run_tasks(abs, [-1, 2, -3]))
    [1, 2, 3]
    """
    if backend not in BACKENDS:
        raise GameError(f"run_tasks: backend must be one of {BACKENDS}; got {backend!r}.")
    if client is not None and backend != "dask":
        raise GameError(f"run_tasks: client= is only used with backend='dask'; got backend={backend!r}.")
    if backend == "serial":
        gen: Iterator[Any] = (func(t) for t in tasks)
    elif backend == "processes":
        gen = _processes(func, tasks, _n_jobs(n_jobs))
    else:
        gen = _dask(func, tasks, n_jobs, client)
    for r in gen:
        if on_result is not None:
            on_result(r)
        yield r


def _processes(func: Callable[[Any], Any], tasks: Iterable[Any], n_jobs: int) -> Iterator[Any]:
    try:
        import joblib
    except ImportError:  # pragma: no cover - joblib is normally installed with scipy stacks
        joblib = None
    if joblib is not None:
        par = joblib.Parallel(n_jobs=n_jobs, backend="loky", return_as="generator", pre_dispatch="2*n_jobs")
        yield from par(joblib.delayed(func)(t) for t in tasks)
        return
    import multiprocessing  # pragma: no cover
    from concurrent.futures import ProcessPoolExecutor  # pragma: no cover

    ctx = multiprocessing.get_context("spawn")  # pragma: no cover
    with ProcessPoolExecutor(max_workers=n_jobs, mp_context=ctx) as ex:  # pragma: no cover
        yield from ex.map(func, tasks)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise ImportError(
            "backend='dask' needs dask.distributed; install it with `pip install gametheory_af[dask]` "
            "(or `pip install 'dask[distributed]'`)."
        ) from err
    return distributed


def _dask(func: Callable[[Any], Any], tasks: Iterable[Any], n_jobs: int | None, client: Any) -> Iterator[Any]:
    distributed = _import_distributed()
    own = client is None
    cluster = None
    if own:
        workers = 2 if n_jobs is None else _n_jobs(n_jobs)
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=False, dashboard_address=None
        )
        client = distributed.Client(cluster)
    try:
        futures = client.map(func, list(tasks), pure=False)
        for fut in futures:
            yield fut.result()
    finally:
        if own:
            client.close()
            cluster.close()
