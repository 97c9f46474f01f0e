"""Work done in forked processes, which share this process's memory copy-on-write.

A process forked from one that holds a large graph reads the graph without it
being pickled or copied up front (a page is copied only when written to, by
reference counts for instance); only a job's result comes back, pickled. Where
the system cannot fork, or when asked not to, the work runs in this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")

_JOBS: Sequence[Callable[[], object]] = ()
"""In a forked process: the jobs it may be asked to run (inherited, never pickled)."""


class Started(Generic[T]):
    """A job started in a forked process, or already done in this one."""

    def __init__(self, work: Callable[[], T], *, fork: bool) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.future: Future[T] | None = None
        self.value: T | None = None
        if fork and hasattr(os, "fork"):
            self.pool = _pool([work], 1)
            self.future = self.pool.submit(_run, 0)  # type: ignore[arg-type]
        else:
            self.value = work()

    def result(self) -> T:
        """The job's result once it is done (or the exception it raised)."""
        if self.pool is None or self.future is None:
            return self.value  # type: ignore[return-value]
        try:
            return self.future.result()
        finally:
            self.pool.shutdown(wait=True)


def start(work: Callable[[], T], *, fork: bool = True) -> Started[T]:
    """Start ``work`` in a forked process, so this one can go on; with ``fork=False`` run it now."""
    return Started(work, fork=fork)


def run_all(jobs: Sequence[Callable[[], None]], processes: int) -> None:
    """Run every job, in up to ``processes`` forked processes that take them in order; raise the
    first error (after the jobs already running have ended; those not begun are dropped)."""
    if processes < 2 or len(jobs) < 2 or not hasattr(os, "fork"):
        for job in jobs:
            job()
        return
    with _pool(jobs, min(processes, len(jobs))) as pool:
        futures = [pool.submit(_run, index) for index in range(len(jobs))]
        try:
            for future in futures:
                future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def _pool(jobs: Sequence[Callable[[], object]], processes: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    return ProcessPoolExecutor(processes, mp_context=get_context("fork"), initializer=_take, initargs=(jobs,))


def _take(jobs: Sequence[Callable[[], object]]) -> None:
    global _JOBS
    _JOBS = jobs


def _run(index: int) -> object:
    return _JOBS[index]()
