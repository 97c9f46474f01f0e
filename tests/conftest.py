"""Fixtures shared by the site tests: the CLI, and published sites in world-readable folders
(nginx and Apache workers drop root's privileges and must read them)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
"""The team's shared folder beside a developer's checkout. A fresh clone has none: no test may read it."""
shared_reads: list[str] = []
"""What the running test opened, listed or passed to a subprocess under SHARED."""


def _notice_shared_reads(event: str, args: tuple[Any, ...]) -> None:
    """An audit hook: files opened, folders listed and subprocess arguments under SHARED."""
    if event in ("open", "os.listdir", "os.scandir"):
        paths, base = args[:1], None
    elif event == "subprocess.Popen":
        paths, base = ([args[1]] if isinstance(args[1], str | bytes) else args[1] or []), args[2]
    else:
        return
    for path in paths:
        if isinstance(path, str | bytes | os.PathLike):
            where = os.path.abspath(os.path.join(os.fsdecode(base or os.getcwd()), os.fsdecode(path)))
            if where == str(SHARED) or where.startswith(str(SHARED) + os.sep):
                shared_reads.append(f"{event} {where}")


sys.addaudithook(_notice_shared_reads)


@pytest.fixture(autouse=True)
def reads_nothing_outside_the_repository() -> Iterator[None]:
    """Every test: fail it if it read ../shared (it would fail on a fresh clone)."""
    shared_reads.clear()
    yield
    if shared_reads:
        pytest.fail(f"the test read {SHARED}, which a fresh clone lacks: {shared_reads[:3]}")
HOSTILE_PAGE = DATA / "hostile-page.txt"
HOSTILE_SYNONYM = "</script><script>alert(1)</script>"
HOSTILE_RISK_FACTOR = "living near a <!-- chemical plant"


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def listening(port: int) -> Callable[[], bool]:
    """A readiness check: something accepts connections on the loopback port."""

    def check() -> bool:
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", port)) == 0

    return check


def answering(url: str) -> Callable[[], bool]:
    """A readiness check: the URL gives any HTTP answer."""

    def check() -> bool:
        import httpx

        try:
            httpx.get(url, timeout=2)
            return True
        except httpx.HTTPError:
            return False

    return check


@contextlib.contextmanager
def server_process(
    command: list[str], *, ready: Callable[[], bool], what: str, log: Path | None = None, cwd: Path | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server, wait (60 s at most) until ``ready()``, and stop it afterwards, whatever happens.

    Its output goes to ``log`` when given; the log's tail is in the failure if it stops early."""
    with open(log or os.devnull, "wb") as output:
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not ready():
            if process.poll() is not None:
                tail = log.read_text(errors="replace")[-2000:] if log is not None and log.exists() else ""
                pytest.fail(f"{what} stopped: {tail}")
            if time.monotonic() > deadline:
                pytest.fail(f"{what} did not answer within 60 s")
            time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Recorder(BaseHTTPRequestHandler):
    """A loopback web peer for the network tests: it records every request's path and body.

    Subclasses answer with ``reply``; the records go to the list the server was started with."""

    records: list[tuple[str, bytes]]

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("content-length") or 0))

    def reply(self, status: int, media_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("content-type", media_type)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@contextlib.contextmanager
def loopback_server(handler: type[Recorder]) -> Iterator[tuple[str, list[tuple[str, bytes]]]]:
    """A threaded HTTP server on a free loopback port: yields its origin and the requests it recorded."""
    records: list[tuple[str, bytes]] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), type(handler.__name__, (handler,), {"records": records}))
    # shutdown() waits until the loop next looks: every 0.05 s, not the default half second a test
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", records
    finally:
        server.shutdown()
        server.server_close()


def run_allkg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed CLI, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "allkg", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def allkg_here(
    *args: str, cwd: Path, stdin: bytes = b"", env: dict[str, str | None] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``allkg ARGS`` run by its entry point (``allkg.cli.main``, which turns every failure into
    one line and an exit status) in this process, in ``cwd``, with ``stdin``, no ALLKG_DEBUG and
    the variables of ``env`` set (None: unset).

    It gives what the command prints and its exit status, without the half second a new Python
    spends importing rdflib and reading the lexicon again. Tests of the process itself (start-up,
    limits on it, output that must not depend on the process) start it with ``run_allkg``."""
    from unittest import mock

    from click.testing import CliRunner

    from allkg import cli

    with (
        contextlib.chdir(cwd),
        mock.patch.object(sys, "argv", ["allkg", *args]),
        CliRunner().isolation(input=stdin, env={"ALLKG_DEBUG": None, **(env or {})}) as (stdout, stderr, _),
    ):
        try:
            cli.main()
            status = 0
        except SystemExit as stop:
            status = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
        sys.stdout.flush()
        sys.stderr.flush()
    return subprocess.CompletedProcess(["allkg", *args], status, stdout.getvalue(), stderr.getvalue())


def as_text(proc: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[str]:
    """The same outcome, its output decoded as UTF-8."""
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


@pytest.fixture(scope="session")
def public_tmp() -> Iterator[Path]:
    """A temporary folder every user can read."""
    path = Path(tempfile.mkdtemp(prefix="allkg-test-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def publish(out: Path, *args: str) -> Path:
    """``allkg publish --out OUT ARGS``, run in this process."""
    proc = allkg_here("publish", "--out", str(out), *args, cwd=out.parent)
    assert proc.returncode == 0, proc.stderr.decode()
    return out


CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Headless Chromium on a closed network: no background connections, no updates, no sync."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser); missing, the test fails."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is required: apt-get install chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def seed_site(public_tmp: Path) -> Path:
    """The site of the bundled page."""
    return publish(public_tmp / "seed-site")


@pytest.fixture(scope="session")
def hostile_site(public_tmp: Path) -> Path:
    """The site of a page whose synonym closes a script element and whose risk factor opens a comment."""
    return publish(public_tmp / "hostile-site", str(HOSTILE_PAGE))


STRICT_SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix allkg: <https://w3id.org/allkg/ontology/> .
<urn:test:needs-name> a sh:NodeShape ; sh:targetClass allkg:Disease ;
    sh:property [ sh:path <http://schema.org/name> ; sh:minCount 1 ;
                  sh:message "A disease needs a schema:name."@en ] .
"""


@pytest.fixture
def shapes_demanding_a_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real shapes plus one every graph fails: a disease needs a schema:name."""
    from rdflib import Graph

    from allkg import validate

    strict = Graph()
    strict.parse(data=validate.shapes_graph().serialize(format="turtle"), format="turtle")
    strict.parse(data=STRICT_SHAPE, format="turtle")
    monkeypatch.setattr(validate, "shapes_graph", lambda: strict)
