"""SPARQL for the server: queries run in worker processes, so a runaway one can be stopped.

A thread cannot be stopped and Oxigraph gives no cancel, so each worker is a
process holding its own copy of the store. A query past its deadline is
stopped by killing its worker; a new one takes its place in the background.
Workers are started with ``spawn`` (a server has threads, and forking a
threaded process can deadlock the child).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import multiprocessing.connection
from dataclasses import dataclass
from typing import Any

from allkg.query import QueryError, QueryResult, QueryTimeout, format_result, run_query

RESULT_TABLE = "result"
"""The format name that asks a worker for the QueryResult itself (the server renders it as HTML)."""


@dataclass
class _Worker:
    process: Any
    connection: multiprocessing.connection.Connection


class QueryPool:
    """A fixed number of query workers over one dataset, with a time limit and a result cap per query."""

    def __init__(self, nquads: bytes, *, size: int = 2, timeout: float = 10.0, limit: int = 10_000) -> None:
        self.nquads = nquads
        self.size = size
        self.timeout = timeout
        self.limit = limit
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []

    async def start(self) -> None:
        """Start the workers (each loads the dataset) and wait until they are ready."""
        self._idle = asyncio.Queue()
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(*(loop.run_in_executor(None, self._spawn) for _ in range(self.size)))
        for worker in workers:
            self._idle.put_nowait(worker)

    async def stop(self) -> None:
        for worker in self._all:
            _end(worker)
        self._all.clear()

    async def run(self, text: str, format_name: str) -> bytes | QueryResult:
        """The query's answer in a format (``RESULT_TABLE``: the QueryResult itself).

        Raises QueryTimeout when it runs (or waits for a worker) past the time limit,
        ResultTooLarge above the result cap, and the other QueryErrors as run_query does.
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
            self._replace(worker)
            raise QueryError("the query worker ended without an answer") from None
        self._idle.put_nowait(worker)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome  # type: ignore[no-any-return]

    def _spawn(self) -> _Worker:
        receiver, sender = self._context.Pipe()
        process = self._context.Process(target=_serve_queries, args=(sender, self.nquads, self.limit), daemon=True)
        process.start()
        sender.close()
        if receiver.recv() != "ready":
            raise QueryError("a query worker failed to start")
        worker = _Worker(process, receiver)
        self._all.append(worker)
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


def _serve_queries(connection: multiprocessing.connection.Connection, nquads: bytes, limit: int) -> None:
    """A worker: load the dataset, then answer (query, format) requests until the pipe closes."""
    import pyoxigraph as ox

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
        except Exception as err:  # noqa: BLE001 - sent to the server, which answers with it
            outcome = err if isinstance(err, QueryError) else QueryError(f"query failed: {err}")
        connection.send(outcome)
