"""SPARQL for the server: queries run in worker processes, so a runaway one can be stopped.

A thread cannot be stopped and Oxigraph gives no cancel, so each worker is a
process holding its own copy of the store. A query past its deadline is
stopped by killing its worker; one that needs more memory than the worker may
hold (``max_memory``, enforced by the kernel: see :func:`allkg.query.limit_memory`)
stops it; either way a new worker takes its place in the background.
Workers are started with ``spawn`` (a server has threads, and forking a
threaded process can deadlock the child).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import multiprocessing.connection
import signal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from allkg.query import (
    QueryError,
    QueryOutOfMemory,
    QueryResult,
    QueryTimeout,
    format_result,
    limit_memory,
    out_of_memory,
    run_query,
    stopped_by_memory_limit,
)

RESULT_TABLE = "result"
"""The format name that asks a worker for the QueryResult itself (the server renders it as HTML)."""


@dataclass
class _Worker:
    process: Any
    connection: multiprocessing.connection.Connection


class QueryPool:
    """A fixed number of query workers over one dataset, with a time limit, a memory limit and a result
    cap per query."""

    def __init__(
        self, nquads: bytes, *, size: int = 2, timeout: float = 10.0, limit: int = 10_000, max_memory: int | None = None
    ) -> None:
        self.nquads = nquads
        self.size = size
        self.timeout = timeout
        self.limit = limit
        self.max_memory = max_memory
        """The bytes each worker may hold, data included (None: no limit)."""
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []

    def start(self) -> None:
        """Start the workers (each loads the dataset) and wait until they are ready.

        Raises QueryError when one cannot start, such as when the data does not fit in ``max_memory``.
        """
        try:
            with ThreadPoolExecutor(self.size) as starting:
                workers = list(starting.map(lambda _: self._spawn(), range(self.size)))
        except QueryError:
            self.stop()
            raise
        self._idle = asyncio.Queue()
        for worker in workers:
            self._idle.put_nowait(worker)

    def stop(self) -> None:
        for worker in self._all:
            _end(worker)
        self._all.clear()

    async def run(self, text: str, format_name: str) -> bytes | QueryResult:
        """The query's answer in a format (``RESULT_TABLE``: the QueryResult itself).

        Raises QueryTimeout when it runs (or waits for a worker) past the time limit,
        QueryOutOfMemory when it needs more than the memory limit, ResultTooLarge
        above the result cap, and the other QueryErrors as run_query does.
        """
        assert self._idle is not None, "start() the pool first"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.timeout)
        except TimeoutError:
            raise QueryTimeout(f"every query worker stayed busy for {self.timeout:g} s; try again later") from None
        try:
            worker.connection.send((text, format_name))
            # the pipe is waited on and read in a thread: the event loop goes on serving meanwhile
            if not await loop.run_in_executor(None, worker.connection.poll, max(deadline - loop.time(), 0)):
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
            outcome = await loop.run_in_executor(None, worker.connection.recv)
        except QueryTimeout:
            self._replace(worker)
            raise
        except (EOFError, OSError):
            await loop.run_in_executor(None, worker.process.join, 5)  # its exit code says why it ended
            self._replace(worker)
            if self.max_memory is not None and stopped_by_memory_limit(worker.process.exitcode):
                raise out_of_memory(self.max_memory) from None
            raise QueryError("the query worker ended without an answer") from None
        if isinstance(outcome, QueryOutOfMemory):
            self._replace(worker)  # a worker that ran out of memory is not trusted with the next query
            raise outcome
        self._idle.put_nowait(worker)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome  # type: ignore[no-any-return]

    def _spawn(self) -> _Worker:
        receiver, sender = self._context.Pipe()
        process = self._context.Process(
            target=_serve_queries, args=(sender, self.nquads, self.limit, self.max_memory), daemon=True
        )
        process.start()
        sender.close()
        worker = _Worker(process, receiver)
        self._all.append(worker)
        try:
            ready = receiver.recv()
        except (EOFError, OSError):
            process.join(5)
            ready = None
        if ready != "ready":
            if self.max_memory is not None and stopped_by_memory_limit(process.exitcode):
                raise QueryError(
                    f"a query worker could not load the data within --max-memory {self.max_memory / 2**20:g} MiB"
                )
            raise QueryError(f"a query worker failed to start (exit code {process.exitcode})")
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in the background."""
        _end(worker)
        if worker in self._all:
            self._all.remove(worker)
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(None, self._spawn)
        future.add_done_callback(lambda done: self._idle.put_nowait(done.result()) if not done.exception() else None)  # type: ignore[union-attr]


def _end(worker: _Worker) -> None:
    with contextlib.suppress(Exception):
        worker.connection.close()
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(timeout=5)


def _serve_queries(
    connection: multiprocessing.connection.Connection, nquads: bytes, limit: int, max_memory: int | None
) -> None:
    """A worker: load the dataset, then answer (query, format) requests until the pipe closes."""
    import pyoxigraph as ox

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group; the server ends us
    if max_memory is not None:
        limit_memory(max_memory)
    store = ox.Store()
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    connection.send("ready")
    while True:
        try:
            text, format_name = connection.recv()
        except (EOFError, OSError):
            return
        try:
            result = run_query(store, text, limit=limit)
            outcome: object = result if format_name == RESULT_TABLE else format_result(result, format_name)
        except MemoryError:
            outcome = out_of_memory(max_memory)
        except Exception as err:  # noqa: BLE001 - sent to the server, which answers with it
            outcome = err if isinstance(err, QueryError) else QueryError(f"query failed: {err}")
        connection.send(outcome)
