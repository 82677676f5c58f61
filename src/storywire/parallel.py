"""Pure stages in worker processes, ahead of the sequential part, results in input order.

:func:`ordered_map` streams items through a process pool: at most ``ahead`` chunks are in flight
(bounded memory whatever the stream's length), results come back in the order of the items, and a
function that raises on one item costs that item only (it comes back as a :class:`StageFailure`). A
worker that dies (a parser that crashes the interpreter, the OOM killer) breaks the pool: the pool is
restarted and the chunk in flight is run again item by item, so the one item that kills a worker again
is the only one lost (a pool whose workers die on every item is an error: workers cannot start).

The pool is one per process and per worker count, started on first use and kept until the process exits, so
a collector that ingests a few items at a time does not pay a worker start-up each time. Workers are forked
from a forkserver (never from the caller, which may run threads, e.g. the web server of ``storywire run``)
that imported the stages and loaded their models once (:mod:`storywire.worker_preload`), so a worker starts
holding them instead of loading its own; :func:`start_workers` starts that server early, to load them while
the caller reads its input. The functions
it runs are plain module-level functions over frozen dataclasses, so the same ones can run elsewhere
(e.g. as Ray tasks).
"""
from __future__ import annotations

import logging
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, groupby, islice
from typing import TYPE_CHECKING, TypeVar

from .errors import ConfigError

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class StageFailure:
    """What a stage made of an item it could not process: the reason, for the item's rejection."""

    reason: str


def resolve_workers(workers: int) -> int:
    """The worker processes a ``workers`` setting means: -1 one per CPU core (none on a single core)."""
    if workers >= 0:
        return workers
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores if cores > 1 else 0


def run_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R | StageFailure]:
    """``fn`` over each item of ``chunk``; an item it raises on becomes a :class:`StageFailure`."""
    out: list[R | StageFailure] = []
    for item in chunk:
        try:
            out.append(fn(item))
        except Exception as exc:
            log.warning("a pipeline stage failed on one item", exc_info=True)
            out.append(StageFailure(f"{exc.__class__.__name__}: {exc}"))
    return out


class _Pools:
    """The process's pools, one per worker count."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pools: dict[int, ProcessPoolExecutor] = {}
        self._stopped = False  # by stop(): the process is stopping

    def get(self, workers: int) -> ProcessPoolExecutor:
        """The pool of ``workers`` processes, started if need be; RuntimeError once :meth:`stop` ran (a chunk
        finishing as the pools stop must not start new workers, e.g. from a done callback sending the next)."""
        with self._lock:
            if self._stopped:
                raise RuntimeError("the worker processes are stopped")
            pool = self._pools.get(workers)
            if pool is not None and getattr(pool, "_broken", False):  # a worker died since its last use
                pool.shutdown(wait=False, cancel_futures=True)
                pool = None
            if pool is None:
                _start_forkserver()
                pool = ProcessPoolExecutor(workers, mp_context=_context())
                self._pools[workers] = pool
            return pool

    def stop(self) -> None:
        """Stop every pool now: queued chunks cancelled, running workers terminated (the process is stopping;
        what they were computing is not needed)."""
        with self._lock:
            pools, self._pools, self._stopped = list(self._pools.values()), {}, True
        for pool in pools:
            workers = list((getattr(pool, "_processes", None) or {}).values())  # no public way before 3.14
            manager = getattr(pool, "_executor_manager_thread", None)  # shutdown() forgets it
            pool.shutdown(wait=False, cancel_futures=True)
            for process in workers:
                process.terminate()
            for process in workers:  # gone before this process exits (and removes what a starting one reads)
                process.join(2)
            if manager is not None:  # done with its pipes before the interpreter's exit wakes it through one
                manager.join(5)  # (else that exit races it and prints "Bad file descriptor")

    def restart(self, workers: int, broken: ProcessPoolExecutor) -> ProcessPoolExecutor:
        with self._lock:
            if self._pools.get(workers) is broken:
                del self._pools[workers]
        broken.shutdown(wait=False, cancel_futures=True)
        return self.get(workers)


_pools = _Pools()
PRELOAD = ["__main__", "storywire.worker_preload"]  # what the forkserver imports before it forks a worker


def _context() -> BaseContext:
    """The forkserver context, its server importing :data:`PRELOAD` (where there is no forkserver: spawn)."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _submit(pool: ProcessPoolExecutor, fn: Callable[[T], R], chunk: list[T]) -> Future:
    """``run_chunk(fn, chunk)`` sent to ``pool``; a stop arriving meanwhile waits until it is sent (a submit may
    start a worker, which a stop cut short would leave half-started, printing its error)."""
    with _signals_held():
        return pool.submit(run_chunk, fn, chunk)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C or SIGTERM arriving in the block takes effect at its end (in the main thread, which they go to)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda signum, _frame: caught.append(signum)) for sig in stops}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if caught:
            signal.raise_signal(caught[0])  # now, to the handler it would have gone to


def stop_workers() -> None:
    """Stop the process's worker pools at once (on Ctrl-C or SIGTERM)."""
    _pools.stop()


def start_workers(workers: int) -> None:
    """Start loading what the worker processes need (``workers`` > 0) in the background: the forkserver
    imports the stages and loads their models while the caller goes on (reading its input, storing it)."""
    if workers <= 0:
        return
    _start_forkserver()


def _start_forkserver() -> None:
    """The forkserver running (where there is one), started with Ctrl-C ignored, as the workers it forks are:
    Ctrl-C reaches the whole process group, and stopping the workers is their parent's job (:func:`stop_workers`),
    not a traceback in each of them."""
    if _context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # an ignored signal stays ignored across exec
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def ordered_map(fn: Callable[[T], R], items: Iterable[T], workers: int, chunksize: int = 32,
                ahead: int | None = None,
                in_process: Callable[[T], bool] | None = None) -> Iterator[tuple[T, R | StageFailure]]:
    """(item, ``fn(item)``) for each item, in order; an item ``fn`` raises on (or whose worker dies) comes
    with a :class:`StageFailure`. ``workers`` 0: in this process. ``ahead``: chunks in flight (default 2 per
    worker + 1). ``fn`` must be picklable (a module-level function, or a ``functools.partial`` of one).
    ``in_process(item)`` True: ``fn`` of that item costs less than sending it to a worker and back; it runs
    here, in its turn. A stream of at most ``ahead`` chunks runs here: starting workers would cost more."""
    chunks = _chunks(iter(items), chunksize, in_process)
    depth = ahead or 2 * workers + 1
    first = list(islice(chunks, depth + 1)) if workers > 0 else []
    if workers <= 0 or len(first) <= depth:  # none, or a stream too short to be worth starting workers for
        for _, chunk in chain(first, chunks):
            yield from zip(chunk, run_chunk(fn, chunk), strict=True)
        return
    chunks = chain(first, chunks)
    pool = _pools.get(workers)
    # chunk, its future and the pool running it (None: a chunk run here when its turn comes)
    pending: deque[tuple[list[T], Future | None, ProcessPoolExecutor | None]] = deque()

    def submit(local: bool, chunk: list[T]) -> tuple[list[T], Future | None, ProcessPoolExecutor | None]:
        nonlocal pool
        if local:
            return chunk, None, None
        try:
            future = _submit(pool, fn, chunk)
        except BrokenProcessPool:  # a worker died since: a new pool
            pool = _pools.restart(workers, pool)
            future = _submit(pool, fn, chunk)
        return chunk, future, pool

    for local, chunk in islice(chunks, depth):
        pending.append(submit(local, chunk))
    while pending:
        chunk, future, ran_in = pending.popleft()
        if future is None or ran_in is None:
            results = run_chunk(fn, chunk)
        else:
            try:
                results = future.result()
            except BrokenProcessPool:
                pool = _pools.restart(workers, ran_in)
                results, pool = _isolate(fn, chunk, workers, pool)
                # the chunks that died with that pool run again, in their places
                pending = deque(submit(False, c) if p is ran_in else (c, f, p) for c, f, p in pending)
        for local, following in islice(chunks, 1):
            pending.append(submit(local, following))
        yield from zip(chunk, results, strict=True)


def _chunks(source: Iterator[T], size: int,
            in_process: Callable[[T], bool] | None) -> Iterator[tuple[bool, list[T]]]:
    """(run here?, chunk) of consecutive items, up to ``size`` each, all to run here or all in a worker."""
    for local, group in groupby(source, key=in_process or _never):
        while chunk := list(islice(group, size)):
            yield local, chunk


def _never(_item: object) -> bool:
    return False


def _isolate(fn: Callable[[T], R], chunk: list[T], workers: int,
             pool: ProcessPoolExecutor) -> tuple[list[R | StageFailure], ProcessPoolExecutor]:
    """Run a chunk whose worker died item by item, each alone in the pool: the items that kill a worker
    again fail alone. Returns the results and the pool still standing."""
    results: list[R | StageFailure] = []
    for item in chunk:
        try:
            results.extend(_submit(pool, fn, [item]).result())
        except BrokenProcessPool:
            log.warning("a worker process died on one item; it is rejected alone")
            results.append(StageFailure("worker process died"))
            pool = _pools.restart(workers, pool)
    if len(chunk) > 1 and all(isinstance(r, StageFailure) and r.reason == "worker process died" for r in results):
        raise ConfigError("worker processes die whatever they are given; set workers = 0 to run in one process")
    return results, pool


def submit_chunk(fn: Callable[[T], R], chunk: list[T], workers: int) -> Future:
    """A future of ``run_chunk(fn, chunk)`` in the process's pool of ``workers`` (``workers`` > 0), for a caller
    that does other work meanwhile; a pool a worker died in is restarted. The future raises
    ``BrokenProcessPool`` when the chunk's worker dies."""
    pool = _pools.get(workers)
    try:
        return _submit(pool, fn, chunk)
    except BrokenProcessPool:
        return _submit(_pools.restart(workers, pool), fn, chunk)
