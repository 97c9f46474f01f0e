"""The connections of ``allkg serve``: no client can hold the server's capacity without asking for anything.

uvicorn closes an idle keep-alive connection, but not a fresh connection that
never sends a byte, nor one that sends its request a line at a time
(slowloris); and its connection limit answers 503 to everyone once idle
connections fill it. So the server runs uvicorn's httptools protocol under a
guard (:class:`GuardedProtocol`):

- **Deadline.** A connection must deliver a complete request, head and body,
  within ``REQUEST_TIMEOUT`` seconds of opening, and again of the end of each
  answer (keep-alive); the deadline is fixed when the wait starts, so bytes
  trickling in do not extend it. Past it the connection is closed.
- **Head size.** A request head over ``MAX_HEAD`` bytes is answered 431 and
  closed, so no connection holds more of one than that (uvicorn would parse a
  header of any length, even while the previous request is being answered).
- **Capacity for real requests.** At most ``max_connections`` connections are
  open. A new one beyond that closes the connection that has waited longest for
  its request head; only when every connection is busy with a request is the
  new one answered 503. The listen backlog is at most half the limit, so one
  burst of new connections never evicts a connection of the same burst before
  it could send its request.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from allkg.errors import UsageError

REQUEST_TIMEOUT = 5.0
"""Seconds a connection has to deliver a complete request, from its opening or the end of the previous answer."""
MAX_HEAD = 32 * 1024
"""The largest request head (request line and headers) read, in bytes."""
KEEP_ALIVE = 5
"""Seconds an idle keep-alive connection stays open."""


def backlog(max_connections: int) -> int:
    """The listen backlog: at most half the connection limit (see the module's docstring), at most 2048."""
    return min(2048, max(1, max_connections // 2))


class ConnectionGuard:
    """The open connections of one server, and those waiting for a request head, longest-waiting first."""

    def __init__(self, max_connections: int) -> None:
        self.max_connections = max_connections
        self.open: set[GuardedProtocol] = set()
        self.waiting: dict[GuardedProtocol, None] = {}
        """An ordered set: the connection waiting longest comes first."""

    def admit(self, connection: GuardedProtocol) -> None:
        """Take a new connection: make room by closing the longest-waiting one, or refuse it (503)."""
        self.open.add(connection)
        if len(self.open) > self.max_connections:
            if not self.waiting:
                connection.close_with(503, "too many requests at once; try again later")
                return
            next(iter(self.waiting)).close_with(None)
        self.wait(connection)

    def wait(self, connection: GuardedProtocol) -> None:
        """The connection now waits for a request: start its deadline."""
        self.forget(connection)
        self.open.add(connection)
        self.waiting[connection] = None
        connection.deadline = connection.loop.call_later(REQUEST_TIMEOUT, connection.close_with, None)

    def head_received(self, connection: GuardedProtocol) -> None:
        """The connection is busy with a request: it is not closed to make room (its deadline runs on)."""
        self.waiting.pop(connection, None)

    def request_received(self, connection: GuardedProtocol) -> None:
        """The request is complete: no deadline until the answer is."""
        if connection not in self.waiting and connection.deadline is not None:
            connection.deadline.cancel()
            connection.deadline = None

    def forget(self, connection: GuardedProtocol) -> None:
        self.waiting.pop(connection, None)
        self.open.discard(connection)
        if connection.deadline is not None:
            connection.deadline.cancel()
            connection.deadline = None


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol under a :class:`ConnectionGuard` (make one with :meth:`limited_to`)."""

    guard: ConnectionGuard
    deadline: asyncio.TimerHandle | None = None
    head_bytes = 0
    """Bytes read towards the next request head (a body's bytes do not count)."""
    heads = 0
    """Request heads parsed on this connection."""
    body_bytes = 0
    """Body bytes parsed from the slice of data being parsed."""

    @classmethod
    def limited_to(cls, max_connections: int) -> type[GuardedProtocol]:
        """The protocol class of one server, with its own guard."""
        return type(cls.__name__, (cls,), {"guard": ConnectionGuard(max_connections)})

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.guard.admit(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.guard.forget(self)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Parse the data, in slices: between two request heads, at most MAX_HEAD bytes besides bodies."""
        while data and not self.transport.is_closing():
            room = MAX_HEAD - self.head_bytes
            if room <= 0:
                self.close_with(431, f"the request head is larger than {MAX_HEAD} bytes")
                return
            part, data = data[:room], data[room:]
            heads, self.body_bytes = self.heads, 0
            super().data_received(part)
            # a head completed: count afresh (what followed it in this slice is not counted)
            self.head_bytes = 0 if self.heads != heads else self.head_bytes + len(part) - self.body_bytes

    def on_headers_complete(self) -> None:
        self.heads += 1
        self.guard.head_received(self)
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        self.body_bytes += len(body)
        super().on_body(body)

    def on_message_complete(self) -> None:
        self.guard.request_received(self)
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.cycle.response_complete:  # no pipelined request started
            self.guard.wait(self)

    def close_with(self, status: int | None, message: str = "") -> None:
        """Close the connection, first answering ``status`` with ``message`` when given."""
        self.guard.forget(self)
        if self.transport.is_closing():
            return
        if status is not None:
            body = (message + "\n").encode("utf-8")
            self.transport.write(
                STATUS_LINE[status]
                + b"content-type: text/plain; charset=utf-8\r\nconnection: close\r\n"
                + b"content-length: %d\r\n\r\n" % len(body)
                + body
            )
        self.transport.close()


def allow_open_files(max_connections: int, *, other_files: int) -> None:
    """Raise the soft limit on open files to what ``max_connections`` need (with a burst of new ones
    and ``other_files`` besides); a UsageError when the hard limit is lower."""
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return
    needed = max_connections + backlog(max_connections) + other_files + 64  # 64: listeners, stdio, Python's own
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return
    if hard != resource.RLIM_INFINITY and hard < needed:
        raise UsageError(
            f"--max-connections {max_connections} needs {needed} open files and this system allows {hard} "
            "(ulimit -Hn): lower --max-connections"
        )
    resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


def listen(host: str, port: int, *, max_connections: int) -> list[socket.socket]:
    """Listening sockets on every address of ``host``; a UsageError (one line, exit 2) when one
    cannot be had, such as a port in use. Port 0: a free port, the same on every address."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as err:
        raise UsageError(f"--host {host}: {err.strerror}") from None
    sockets: list[socket.socket] = []
    try:
        for family, kind, proto, address in dict.fromkeys((f, k, p, a) for f, k, p, _, a in found):
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind((address[0], port, *address[2:]))
            sock.listen(backlog(max_connections))
            port = sock.getsockname()[1]
    except OSError as err:
        for sock in sockets:
            sock.close()
        where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        raise UsageError(f"cannot listen on {where}: {err.strerror or err}") from None
    return sockets


def run(app: Any, sockets: list[socket.socket], *, max_connections: int, access_log: bool, quiet: bool) -> None:
    """Serve the ASGI app on the listening sockets until interrupted."""
    import uvicorn

    config = uvicorn.Config(
        app,
        http=GuardedProtocol.limited_to(max_connections),
        ws="none",
        access_log=access_log,
        log_level="warning" if quiet else "info",
        server_header=False,
        timeout_keep_alive=KEEP_ALIVE,
        backlog=backlog(max_connections),
    )
    uvicorn.Server(config).run(sockets=sockets)
