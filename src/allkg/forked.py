"""Work done in forked processes, which share this process's memory copy-on-write.

A process forked from one that holds a large graph reads the graph without it
being pickled or copied up front (a page is copied only when written to, by
reference counts for instance); only what a job returns or raises comes back,
pickled, through a pipe. The processes are this module's own: each ends with
``os._exit`` once its work is done, and one still running when its parent
gives up (an error, Ctrl-C) is killed and reaped, so nothing is left waiting.
Where the system cannot fork, or when asked not to, the work runs in this
process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import signal
import struct
from collections.abc import Callable, Sequence
from functools import partial
from typing import Generic, TypeVar

T = TypeVar("T")

_CAN_FORK = hasattr(os, "fork")
_INDEX = struct.Struct("!I")
_MOST_JOBS = 65536 // _INDEX.size
"""Job numbers are queued in a pipe before the processes start: as many as its buffer holds."""


class Started(Generic[T]):
    """A job started in a forked process, or already done in this one."""

    def __init__(self, work: Callable[[], T], *, fork: bool) -> None:
        self.child: _Child | None = None
        self.value: T | None = None
        if fork and _CAN_FORK:
            self.child = _Child(work)
        else:
            self.value = work()

    def result(self) -> T:
        """What the job returned once it is done (or raise what it raised)."""
        if self.child is None:
            return self.value  # type: ignore[return-value]
        try:
            return self.child.outcome()  # type: ignore[return-value]
        finally:
            self.child.stop()


def start(work: Callable[[], T], *, fork: bool = True) -> Started[T]:
    """Start ``work`` in a forked process, so this one can go on; with ``fork=False`` run it now."""
    return Started(work, fork=fork)


def run_all(jobs: Sequence[Callable[[], None]], processes: int) -> None:
    """Run every job, in up to ``processes`` forked processes, which take them in order. The first
    error is raised as soon as it comes, once the other processes are stopped (killed)."""
    if processes < 2 or len(jobs) < 2 or not _CAN_FORK:
        for job in jobs:
            job()
        return
    if len(jobs) > _MOST_JOBS:
        raise ValueError(f"at most {_MOST_JOBS} jobs at once")
    queue, queue_end = os.pipe()
    os.write(queue_end, b"".join(_INDEX.pack(index) for index in range(len(jobs))))
    os.close(queue_end)
    children: list[_Child] = []
    try:
        try:
            for _ in range(min(processes, len(jobs))):
                children.append(_Child(partial(_take_jobs, jobs, queue)))
        finally:
            os.close(queue)
        _outcomes(children)
    finally:
        for child in children:
            child.stop()


def _outcomes(children: list[_Child]) -> None:
    """Wait for the processes, each as it ends: the first error is raised at once."""
    with selectors.DefaultSelector() as selector:
        for child in children:
            selector.register(child.reader, selectors.EVENT_READ, child)  # type: ignore[arg-type]
        for _ in children:
            key, _events = selector.select()[0]
            selector.unregister(key.fd)
            key.data.outcome()


def _take_jobs(jobs: Sequence[Callable[[], None]], queue: int) -> None:
    """In a forked process: run the jobs whose numbers it reads first (a pipe read is atomic)."""
    while number := os.read(queue, _INDEX.size):
        jobs[_INDEX.unpack(number)[0]]()


class _Child:
    """A forked process that runs one function and sends back, pickled, what it returned or raised."""

    def __init__(self, function: Callable[[], object]) -> None:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reader)
            _serve(function, writer)
        os.close(writer)
        self.pid: int | None = pid
        self.reader: int | None = reader

    def outcome(self) -> object:
        """Wait for the process; return what its function returned, or raise what it raised."""
        assert self.reader is not None and self.pid is not None
        with os.fdopen(self.reader, "rb") as pipe:
            self.reader = None
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if not data:
            raise ChildProcessError(f"a forked process ended without a result (wait status {status})")
        returned, value = pickle.loads(data)
        if not returned:
            raise value
        return value

    def stop(self) -> None:
        """Kill the process unless it has been waited for, and reap it."""
        if self.reader is not None:
            os.close(self.reader)
            self.reader = None
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None


def _serve(function: Callable[[], object], pipe: int) -> None:
    """In the forked process: run the function, send back the outcome, and end (never return)."""
    code = 1
    try:
        try:
            outcome: tuple[bool, object] = (True, function())
            code = 0
        except BaseException as error:  # noqa: BLE001 - every error, Ctrl-C too, goes to the parent
            outcome = (False, error)
        try:
            data = pickle.dumps(outcome)
        except Exception as error:  # noqa: BLE001 - a result that cannot be pickled is an error too
            data = pickle.dumps((False, RuntimeError(f"a forked process's outcome cannot be pickled: {error}")))
        with os.fdopen(pipe, "wb") as out:
            out.write(data)
    finally:
        os._exit(code)
