"""`allkg load`: into an embedded Oxigraph store, and into real Graph Store endpoints.

The servers are real and start once per module on loopback ports with their
own temporary data: Oxigraph (``oxigraph serve``, from the PyPI package
``oxigraph`` of the test extras) and Virtuoso (Debian's
``virtuoso-opensource``, digest authentication on ``/sparql-graph-crud-auth``).
A missing server fails these tests (``.ci/run`` installs Virtuoso); they are
never skipped. Failures midway are injected by a TCP proxy that cuts one
connection once.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from conftest import allkg_here, answering, as_text, free_port, server_process

from allkg.graph import KnowledgeGraph
from allkg.load import CountMismatch, Endpoint, Remote, ServerChosenAuth, load_endpoint, load_store
from allkg.pipeline import build
from allkg.serialize import serialize

PAGES = Path(__file__).resolve().parents[1] / "corpus" / "tuned"  # pages written for the tests in other sites' styles
USER = "loader"
TEMP = "-allkg-tmp-"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Data:
    path: Path
    triples: frozenset[ox.Triple]
    stored: frozenset[ox.Triple]
    """The triples as Oxigraph keeps them (it stores xsd:nonNegativeInteger as xsd:integer)."""


def _data(kg: KnowledgeGraph, path: Path) -> Data:
    path.write_bytes(serialize(kg, "ntriples"))
    triples = frozenset(quad.triple for quad in ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES))
    store = ox.Store()
    store.extend(ox.Quad(*triple) for triple in triples)
    return Data(path, triples, frozenset(q.triple for q in store))


@pytest.fixture(scope="module")
def work() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="allkg-load-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def seed(work: Path) -> Data:
    """The bundled page's graph, as an N-Triples file."""
    return _data(build(()).graph, work / "seed.nt")


@pytest.fixture(scope="module")
def bigger(work: Path) -> Data:
    """Three more pages: another graph, several times the seed's size."""
    return _data(build((PAGES,)).graph, work / "pages.nt")


def run_load(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    """``allkg load`` as a user runs it, in a new process with no terminal, and ALLKG_PASSWORD only when given."""
    env = {k: v for k, v in os.environ.items() if k != "ALLKG_PASSWORD"}
    if password is not None:
        env["ALLKG_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "allkg", "load", *args],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=300,
    )


def load_here(*args: str, cwd: Path, password: str | None = None) -> subprocess.CompletedProcess[str]:
    """``allkg load`` run by its entry point in this process (conftest's ``allkg_here``), with
    ALLKG_PASSWORD only when given: for what a load does to a store, not to a process."""
    return as_text(allkg_here("load", *args, cwd=cwd, env={"ALLKG_PASSWORD": password}))


def one_line_error(proc: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("allkg: error: ")]
    assert len(errors) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return errors[0]


# --------------------------------------------------------------------------- servers


@dataclass
class Server:
    name: str
    store: str
    query: str
    update: str
    user: str | None = None
    password: str | None = None

    def auth_args(self) -> tuple[str, ...]:
        return ("--user", self.user) if self.user else ()

    def _client(self) -> httpx.Client:
        auth = httpx.DigestAuth(self.user, self.password) if self.user and self.password else None
        return httpx.Client(auth=auth, timeout=60)

    def count(self, graph: str) -> int:
        with self._client() as client:
            reply = client.post(
                self.query, data={"query": f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"},
                headers={"Accept": "application/sparql-results+json"},
            )
        reply.raise_for_status()
        return int(reply.json()["results"]["bindings"][0]["n"]["value"])

    def graphs(self) -> set[str]:
        with self._client() as client:
            reply = client.post(
                self.query, data={"query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"},
                headers={"Accept": "application/sparql-results+json"},
            )
        reply.raise_for_status()
        return {row["g"]["value"] for row in reply.json()["results"]["bindings"]}

    def put(self, graph: str, ntriples: bytes) -> None:
        with self._client() as client:
            reply = client.put(self.store, params={"graph": graph}, content=ntriples,
                               headers={"Content-Type": "application/n-triples"})
        reply.raise_for_status()

    def drop(self, graph: str) -> None:
        with self._client() as client:
            client.post(self.update, data={"update": f"DROP SILENT GRAPH <{graph}>"}).raise_for_status()

    def content(self, graph: str) -> frozenset[ox.Triple]:
        with self._client() as client:
            reply = client.get(self.store, params={"graph": graph}, headers={"Accept": "application/n-triples"})
        reply.raise_for_status()
        return frozenset(quad.triple for quad in ox.parse(reply.content, format=ox.RdfFormat.N_TRIPLES))

    def expected(self, data: Data) -> frozenset[ox.Triple]:
        """What this server gives back for our triples."""
        return data.stored if self.name == "oxigraph" else data.triples


@pytest.fixture(scope="module")
def oxigraph_server(work: Path) -> Iterator[Server]:
    """``oxigraph serve`` on a free loopback port, its data in a temporary folder."""
    binary = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if binary is None:
        pytest.fail("the oxigraph server is required: pip install oxigraph (in the test extras: pip install '.[test]')")
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    command = [binary, "serve", "--location", str(work / "oxigraph"), "--bind", f"127.0.0.1:{port}"]
    with server_process(command, ready=answering(origin + "/"), what="oxigraph serve", log=work / "oxigraph.log"):
        yield Server("oxigraph", origin + "/store", origin + "/query", origin + "/update")


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}/vsp
ServerThreads = 10
MaxClientConnections = 10
"""


@pytest.fixture(scope="module")
def virtuoso_server(work: Path) -> Iterator[Server]:
    """Debian's Virtuoso with its own database and ports, a user allowed SPARQL updates, digest on /…-auth."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None:
        pytest.fail("Virtuoso is required: apt-get install virtuoso-opensource (.ci/run installs it)")
    db = work / "virtuoso"
    (db / "vsp").mkdir(parents=True)
    sql, http = free_port(), free_port()
    (db / "virtuoso.ini").write_text(_VIRTUOSO_INI.format(db=db, sql=sql, http=http), encoding="utf-8")
    origin = f"http://127.0.0.1:{http}"
    command = [binary, "+foreground", "+configfile", str(db / "virtuoso.ini")]
    with server_process(command, ready=answering(origin + "/sparql"), what="Virtuoso", cwd=db):
        password, dba = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
        setup = (
            f"DB.DBA.USER_CREATE('{USER}', '{password}'); GRANT SPARQL_UPDATE TO \"{USER}\"; "
            f"DB.DBA.USER_CHANGE_PASSWORD('dba', 'dba', '{dba}');"
        )
        done = subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", f"exec={setup}"],
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0 or "Error" in done.stdout + done.stderr:
            pytest.fail(f"could not set Virtuoso up: {done.stdout}{done.stderr}")
        yield Server(
            "virtuoso", origin + "/sparql-graph-crud-auth", origin + "/sparql-auth", origin + "/sparql-auth", USER, password
        )


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest) -> Server:
    return request.getfixturevalue(f"{request.param}_server")


def fresh_graph() -> str:
    return f"https://example.org/test/{secrets.token_hex(6)}"


def load_into(
    server: Server, data: Data, graph: str, *args: str, endpoint: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``allkg load`` of ``data`` into ``graph`` of the server (or through ``endpoint``), in this process."""
    return load_here(
        "--data", str(data.path), "--endpoint", endpoint or server.store, "--graph", graph,
        *server.auth_args(), *args, cwd=data.path.parent, password=server.password,
    )


# --------------------------------------------------------------------------- a proxy that fails once


class FaultProxy:
    """A TCP proxy to a server that cuts one connection, once: after ``after`` bytes from the
    client side, or at the first client data holding ``marker``. Then it passes everything."""

    def __init__(self, origin: str, *, after: int | None = None, marker: bytes | None = None) -> None:
        self.target = httpx.URL(origin)
        self.after, self.marker = after, marker
        self.seen = 0
        self.tripped = False
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, url: str) -> str:
        return str(httpx.URL(url).copy_with(port=self.port))

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection((self.target.host, self.target.port))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _cut_at(self, data: bytes) -> int | None:
        """Where to cut this client data, or None to pass it whole."""
        with self.lock:
            if self.tripped:
                return None
            if self.marker is not None and self.marker in data:
                self.tripped = True
                return data.index(self.marker)
            if self.after is not None and self.seen + len(data) > self.after:
                self.tripped = True
                return self.after - self.seen
            self.seen += len(data)
            return None

    def _pump(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        try:
            while data := source.recv(65536):
                cut = self._cut_at(data) if from_client else None
                if cut is not None:
                    sink.sendall(data[:cut])
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()


# --------------------------------------------------------------------------- Graph Store endpoints


def test_loading_twice_leaves_the_same_graph_with_our_count(server: Server, seed: Data):
    graph = fresh_graph()
    for _ in range(2):
        proc = load_into(server, seed, graph)
        assert proc.returncode == 0, proc.stderr
        assert f"loaded {len(seed.triples):,} triples into <{graph}>" in proc.stderr
        assert server.count(graph) == len(seed.triples)
        assert server.content(graph) == server.expected(seed)
    assert not [g for g in server.graphs() if TEMP in g]


def test_the_default_graph_name_is_the_dataset_iri_and_quiet_says_nothing(server: Server, seed: Data):
    proc = load_here("--data", str(seed.path), "--endpoint", server.store, *server.auth_args(), "-q",
                     cwd=seed.path.parent, password=server.password)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert server.count("https://w3id.org/allkg/id/dataset") == len(seed.triples)


def test_large_loads_report_progress_in_batches(server: Server, bigger: Data):
    graph = fresh_graph()
    proc = load_into(server, bigger, graph, "--batch-size", "500")
    assert proc.returncode == 0, proc.stderr
    batches = -(-len(bigger.triples) // 500)
    progress = [line for line in proc.stderr.splitlines() if line.startswith("allkg: sent ")]
    assert len(progress) == batches and progress[-1].endswith(f"({batches}/{batches} batches)")
    assert server.content(graph) == server.expected(bigger)


def test_an_upload_cut_midway_leaves_the_previous_graph_intact(server: Server, seed: Data, bigger: Data):
    graph = fresh_graph()
    assert load_into(server, seed, graph).returncode == 0
    before = server.content(graph)
    proxy = FaultProxy(server.store, after=bigger.path.stat().st_size // 2)
    try:
        proc = load_into(server, bigger, graph, "--batch-size", "200", endpoint=proxy.url(server.store))
        assert proxy.tripped
        error = one_line_error(proc)
        batch = re.search(r"uploading batch (\d+) of (\d+)", error)
        assert batch and 1 < int(batch[1]) < int(batch[2]), error
        assert server.count(graph) == len(seed.triples) and server.content(graph) == before
        assert not [g for g in server.graphs() if TEMP in g]
        # the proxy passes everything now: the same load goes through
        assert load_into(server, bigger, graph, endpoint=proxy.url(server.store)).returncode == 0
        assert server.content(graph) == server.expected(bigger)
    finally:
        proxy.close()


def test_a_failure_before_the_swap_leaves_the_previous_graph_intact(server: Server, seed: Data, bigger: Data):
    graph = fresh_graph()
    assert load_into(server, seed, graph).returncode == 0
    before = server.content(graph)
    proxy = FaultProxy(server.update, marker=b"update=MOVE")
    try:
        proc = load_into(
            server, bigger, graph, "--update-endpoint", proxy.url(server.update), "--query-endpoint", server.query
        )
        assert proxy.tripped
        assert "(MOVE)" in one_line_error(proc)
        assert server.content(graph) == before
        assert not [g for g in server.graphs() if TEMP in g]
    finally:
        proxy.close()


def test_a_load_drops_the_temporary_graphs_an_interrupted_load_left(server: Server, seed: Data):
    """A load whose update endpoint stops answering can neither swap nor drop its temporary graph;
    the next load into the same graph drops it, and leaves those of other graphs alone."""
    graph = fresh_graph()
    dead = f"http://127.0.0.1:{free_port()}/update"
    proc = load_into(server, seed, graph, "--query-endpoint", server.query, "--update-endpoint", dead)
    assert "may remain" in one_line_error(proc)
    [left] = [g for g in server.graphs() if g.startswith(graph + TEMP)]
    assert server.count(left) == len(seed.triples)
    others = f"{fresh_graph()}{TEMP}0123456789abcdef"  # another graph's
    server.put(others, b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    try:
        proc = load_into(server, seed, graph)
        assert proc.returncode == 0, proc.stderr
        graphs = server.graphs()
        assert graph in graphs and not [g for g in graphs if g.startswith(graph + TEMP)]
        assert f"dropped <{left}>, left by an interrupted load" in proc.stderr
        assert others in graphs  # not this load's business
    finally:
        server.drop(others)


# --------------------------------------------------------------------------- authentication and errors


def test_a_wrong_password_is_one_line_that_never_shows_it(virtuoso_server: Server, seed: Data):
    wrong = "not-the-" + secrets.token_hex(8)
    proc = run_load("--data", str(seed.path), "--endpoint", virtuoso_server.store, "--user", USER, password=wrong)
    error = one_line_error(proc)
    assert "refused user 'loader' (HTTP 401)" in error
    assert wrong not in proc.stderr + proc.stdout


def test_an_endpoint_asking_for_a_user_says_so(virtuoso_server: Server, seed: Data):
    proc = load_here("--data", str(seed.path), "--endpoint", virtuoso_server.store, cwd=seed.path.parent)
    assert "asks for a user (HTTP 401): give --user NAME" in one_line_error(proc)


def test_a_user_without_a_password_and_no_terminal_is_a_clear_error(seed: Data):
    proc = run_load("--data", str(seed.path), "--endpoint", "http://127.0.0.1:9/store", "--user", USER)
    assert "set ALLKG_PASSWORD (there is no terminal to ask for the password)" in one_line_error(proc)


def test_an_unreachable_endpoint_fails_before_the_graph_is_built(tmp_path: Path):
    port = free_port()
    proc = load_here("--endpoint", f"http://127.0.0.1:{port}/store", cwd=tmp_path)
    assert f"cannot reach http://127.0.0.1:{port}/query" in one_line_error(proc)
    assert "warning" not in proc.stderr  # the page was never read


@pytest.mark.parametrize(
    ("args", "mention"),
    [
        (("--store", "s", "--endpoint", "http://x/store"), "one target"),
        (("--user", "u"), "go with --endpoint"),
        (("--graph", "not an iri"), "not an absolute IRI"),
        (("--graph", "http://x/g-allkg-tmp-1"), "reserved for temporary graphs"),
        (("--endpoint", "http://x/gsp"), "give --query-endpoint and --update-endpoint"),
        (("--endpoint", "ftp://x/store"), "not an http(s) URL"),
        (("--endpoint", "http://u:secret@x/store"), "not in the URL"),
        (("--endpoint", "http://x/store?graph=http://g"), "name the graph with --graph"),
    ],
)
def test_bad_usage_is_one_line(args: tuple[str, ...], mention: str):
    proc = run_load(*args)
    error = one_line_error(proc)
    assert mention in error and "secret" not in proc.stderr, error


def test_the_server_chooses_basic_or_digest_and_nothing_is_sent_before_it_asks():
    seen: list[str | None] = []

    def server(scheme: str) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            given = request.headers.get("Authorization")
            seen.append(given)
            if given is None or not given.startswith(scheme.capitalize()):
                challenge = 'Basic realm="r"' if scheme == "basic" else 'Digest realm="r", nonce="abc", qop="auth"'
                return httpx.Response(401, headers={"WWW-Authenticate": challenge})
            return httpx.Response(200)
        return httpx.MockTransport(handle)

    for scheme in ("basic", "digest"):
        seen.clear()
        with httpx.Client(transport=server(scheme), auth=ServerChosenAuth("u", "pw")) as client:
            assert client.get("http://x/a").status_code == 200
            assert client.get("http://x/b").status_code == 200
        assert seen[0] is None and seen[1].lower().startswith(scheme)
        assert seen[2].lower().startswith(scheme)  # the scheme is remembered


def test_a_count_that_differs_is_exit_1_and_leaves_the_graph_as_it_was(seed: Data):
    """A fake store that loses one triple of each upload: the swap never happens."""
    graphs: dict[str, set[bytes]] = {"http://g": {b"<http://a> <http://b> <http://c> ."}}

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/store":
            lines = set(request.content.splitlines()[1:])
            name = request.url.params["graph"]
            graphs[name] = lines if request.method == "PUT" else graphs.get(name, set()) | lines
            return httpx.Response(204)
        form = dict(httpx.QueryParams(request.content.decode()))
        if "query" in form:
            named = re.search(r"GRAPH <([^>]+)>", form["query"])
            if named is None:  # the temporary graphs an earlier load left: none
                return httpx.Response(200, content=json.dumps({"results": {"bindings": []}}))
            body = {"results": {"bindings": [{"n": {"value": str(len(graphs.get(named[1], ())))}}]}}
            return httpx.Response(200, content=json.dumps(body))
        name = re.fullmatch(r"DROP SILENT GRAPH <([^>]+)>", form["update"])[1]
        graphs.pop(name, None)
        return httpx.Response(204)

    kg = build(()).graph
    with httpx.Client(transport=httpx.MockTransport(handle)) as client:
        remote = Remote(client, Endpoint("http://x/store", "http://x/query", "http://x/update"), user=None, password=None)
        loaded = len(kg)  # the fake store drops one line of the one upload
        with pytest.raises(CountMismatch, match=rf"holds {loaded - 1} triples, we loaded {loaded}; <http://g> is left as it was") as err:
            load_endpoint(kg, remote, "http://g", progress=lambda _: None)
    assert err.value.exit_code == 1
    assert graphs == {"http://g": {b"<http://a> <http://b> <http://c> ."}}


# --------------------------------------------------------------------------- embedded store


def _store_graphs(folder: Path) -> dict[str, frozenset[ox.Triple]]:
    store = ox.Store.read_only(str(folder))
    graphs: dict[str, set[ox.Triple]] = {}
    for quad in store:
        graphs.setdefault(str(quad.graph_name), set()).add(quad.triple)
    del store
    return {name: frozenset(triples) for name, triples in graphs.items()}


def test_store_loaded_twice_holds_our_graph_once_and_keeps_other_graphs(tmp_path: Path, seed: Data):
    folder = tmp_path / "store"
    other = ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal("c"), ox.NamedNode("http://other"))
    store = ox.Store(str(folder))
    store.add(other)
    store.flush()
    del store
    for _ in range(2):
        proc = load_here("--data", str(seed.path), "--store", str(folder), cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert f"loaded {len(seed.triples):,} triples into <https://w3id.org/allkg/id/dataset>" in proc.stderr
        assert _store_graphs(folder) == {
            "<https://w3id.org/allkg/id/dataset>": seed.stored,
            "<http://other>": frozenset({other.triple}),
        }


def test_store_load_is_the_default_target(tmp_path: Path, seed: Data):
    proc = subprocess.run([sys.executable, "-m", "allkg", "load", "-q", "--data", str(seed.path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert len(_store_graphs(tmp_path / "allkg-store")["<https://w3id.org/allkg/id/dataset>"]) == len(seed.triples)


class _Breaks(list):
    """Triples whose iteration fails midway, as a full disk would."""

    def __iter__(self) -> Iterator:
        for number, triple in enumerate(super().__iter__()):
            if number == len(self) // 2:
                raise OSError("disk full")
            yield triple


def test_a_store_load_failing_midway_leaves_the_previous_graph_and_no_temporary_one(tmp_path: Path, seed: Data):
    folder, graph = tmp_path / "store", "http://example.org/g"
    quiet: Callable[[str], None] = lambda _: None
    kg = build(()).graph
    assert load_store(kg, folder, graph, progress=quiet) == len(seed.triples)
    before = _store_graphs(folder)
    broken = build((PAGES,)).graph
    broken.memo["triples"] = _Breaks(broken.triples())
    with pytest.raises(OSError, match="disk full"):
        load_store(broken, folder, graph, progress=quiet)
    assert _store_graphs(folder) == before


def test_a_store_load_drops_what_an_interrupted_load_left(tmp_path: Path, seed: Data):
    folder, graph = tmp_path / "store", "http://example.org/g"
    store = ox.Store(str(folder))
    store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal("c"),
                      ox.NamedNode(graph + TEMP + "0123")))
    store.flush()
    del store
    assert load_store(build(()).graph, folder, graph, progress=lambda _: None) == len(seed.triples)
    assert set(_store_graphs(folder)) == {f"<{graph}>"}


def test_a_store_in_use_is_one_line(tmp_path: Path, seed: Data):
    folder = tmp_path / "store"
    holds = f"import pyoxigraph, time; s = pyoxigraph.Store({str(folder)!r}); print('open', flush=True); time.sleep(60)"
    busy = subprocess.Popen([sys.executable, "-c", holds], stdout=subprocess.PIPE, text=True)
    try:
        assert busy.stdout.readline().strip() == "open"
        error = one_line_error(load_here("--data", str(seed.path), "--store", str(folder), cwd=tmp_path))
        assert f"--store {folder}: cannot open the store" in error
    finally:
        busy.kill()
        busy.wait()
