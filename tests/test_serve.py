"""`allkg serve`: the real command on loopback, asked as browsers, RDF clients and SPARQL clients ask."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from conftest import allkg_here, answering, free_port, run_allkg, server_process

from allkg.connections import MAX_HEAD, REQUEST_TIMEOUT

BASE = "https://w3id.org/allkg/"
DISEASE = "/id/disease/acute-lymphocytic-leukemia"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
FOREVER = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"
MAX_CONNECTIONS = 64
"""The module's server takes this many connections at once."""
MIB = 1_048_576
MAX_MEMORY = 300 * MIB
"""The memory each query worker of the module's server may hold."""
MEMORY_HOG = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?d ?g ?j"
"""A cross product of all triples four times, sorted: the sort holds every row, gigabytes within seconds."""


@dataclass(frozen=True)
class Running:
    origin: str
    process: subprocess.Popen[bytes]


@contextlib.contextmanager
def _serving(*args: str) -> Iterator[Running]:
    """`allkg serve` on a free loopback port, with these options, until the block ends."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "allkg", "serve", "-q", "--port", str(port), *args]
    with server_process(command, ready=answering(origin + "/sparql?query=ASK%7B%7D"), what="allkg serve") as process:
        yield Running(origin, process)


@pytest.fixture(scope="module")
def server() -> Iterator[Running]:
    with _serving("--timeout", "2", "--max-results", "500", "--max-connections", str(MAX_CONNECTIONS),
                  "--max-memory", str(MAX_MEMORY // MIB)) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: Running) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.origin, timeout=30) as opened:
        yield opened


def _entity_paths(site: Path) -> list[str]:
    return sorted("/" + str(p.relative_to(site))[: -len(".html")] for p in (site / "id").rglob("*.html"))


# --- linked data ---------------------------------------------------------------------------------


def test_every_entity_is_served_as_the_published_site_has_it(client: httpx.Client, seed_site: Path):
    paths = _entity_paths(seed_site)
    assert len(paths) > 100
    for path in paths:
        for accept, extension in ((BROWSER_ACCEPT, "html"), ("text/turtle", "ttl"), ("application/ld+json", "jsonld"),
                                  ("application/n-triples", "nt")):
            reply = client.get(path, headers={"Accept": accept})
            assert reply.status_code == 200, (path, accept)
            assert reply.content == (seed_site / f"{path[1:]}.{extension}").read_bytes(), (path, accept)
            assert reply.headers["vary"] == "Accept"
        assert client.get(f"{path}.ttl").content == (seed_site / f"{path[1:]}.ttl").read_bytes()


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (BROWSER_ACCEPT, "text/html"),
        ("*/*", "text/html"),
        (None, "text/html"),
        ("text/*", "text/html"),
        ("text/turtle", "text/turtle"),
        ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
        ("application/ld+json;q=0.2, application/n-triples", "application/n-triples"),
        ("application/json", "application/ld+json"),
        ("text/html;q=0, */*;q=0.1", "text/turtle"),
        ("application/rdf+xml;q=1, text/turtle;q=0.3", "text/turtle"),
        ("TEXT/Turtle", "text/turtle"),
    ],
)
def test_negotiation_weighs_q_values(client: httpx.Client, accept: str | None, media_type: str):
    reply = client.get(DISEASE, headers={"Accept": accept} if accept else {"Accept": ""})
    assert reply.status_code == 200
    assert reply.headers["content-type"].split(";")[0] == media_type
    assert reply.headers["vary"] == "Accept"


@pytest.mark.parametrize("accept", ["application/rdf+xml", "image/png", "text/turtle;q=0, text/html;q=0, application/*;q=0"])
def test_nothing_acceptable_is_406(client: httpx.Client, accept: str):
    reply = client.get(DISEASE, headers={"Accept": accept})
    assert reply.status_code == 406
    assert "text/turtle" in reply.text and reply.headers["vary"] == "Accept"


def test_the_format_parameter_wins_and_bad_values_are_400(client: httpx.Client):
    reply = client.get(DISEASE + "?format=nt", headers={"Accept": BROWSER_ACCEPT})
    assert reply.headers["content-type"].startswith("application/n-triples")
    assert client.get(DISEASE + "?format=rdfxml").status_code == 400


def test_the_four_formats_say_the_same_and_etags_and_head_work(client: httpx.Client):
    graphs = []
    for accept, fmt in (("text/turtle", ox.RdfFormat.TURTLE), ("application/ld+json", ox.RdfFormat.JSON_LD),
                        ("application/n-triples", ox.RdfFormat.N_TRIPLES)):
        body = client.get(DISEASE, headers={"Accept": accept}).content
        graphs.append({ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)})
    assert graphs[0] == graphs[1] == graphs[2]
    first = client.get(DISEASE, headers={"Accept": "text/turtle"})
    again = client.get(DISEASE, headers={"Accept": "text/turtle", "If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    head = client.head(DISEASE, headers={"Accept": "text/turtle"})
    assert head.status_code == 200 and head.content == b""
    assert 'rel="alternate"; type="text/turtle"' in first.headers["link"]


def test_the_dataset_description_index_and_dumps(client: httpx.Client, seed_site: Path):
    void = client.get("/.well-known/void")
    assert void.headers["content-type"].startswith("text/turtle")
    assert void.content == (seed_site / ".well-known" / "void").read_bytes()
    assert client.get("/").headers["content-type"].startswith("text/html")
    assert client.get("/dataset/allkg.nq").content == (seed_site / "dataset" / "allkg.nq").read_bytes()


@pytest.mark.parametrize(
    "path",
    ["/nope", "/id/disease/no-such-disease", "/id/", "/id/../../etc/passwd", "/id/%2e%2e/%2e%2e/etc/passwd",
     "/etc/passwd", "/dataset/allkg.exe", "/.htaccess", "/id/disease/acute-lymphocytic-leukemia.exe"],
)
def test_unknown_paths_are_404_and_never_reach_a_file(client: httpx.Client, path: str):
    assert client.get(path).status_code == 404


def test_the_server_is_read_only(client: httpx.Client):
    for method in ("PUT", "DELETE", "PATCH", "POST"):
        assert client.request(method, DISEASE, content=b"<a> <b> <c> .").status_code == 405
    assert client.post("/sparql", content=b"INSERT DATA { <a> <b> <c> }",
                       headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert client.post("/sparql", data={"update": "CLEAR ALL"}).status_code == 403
    reply = client.get("/sparql", params={"query": "INSERT DATA { <http://a> <http://b> <http://c> }"})
    assert reply.status_code == 403 and "read-only" in reply.text


def test_no_cors_unless_asked(client: httpx.Client):
    reply = client.get(DISEASE, headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in reply.headers


# --- SPARQL --------------------------------------------------------------------------------------


def _rows(reply: httpx.Response) -> list[dict[str, str]]:
    assert reply.status_code == 200, reply.text
    return [{k: v["value"] for k, v in b.items()} for b in reply.json()["results"]["bindings"]]


def test_every_canned_query_gives_the_same_rows_as_the_cli(client: httpx.Client, tmp_path: Path):
    from allkg.query import canned_queries

    queries = canned_queries()
    assert len(queries) >= 8
    for name, canned in queries.items():
        cli = allkg_here("query", "--name", name, "--format", "json", cwd=tmp_path)
        assert cli.returncode == 0, cli.stderr
        expected = json.loads(cli.stdout)
        reply = client.get("/sparql", params={"query": canned.text}, headers={"Accept": "application/sparql-results+json"})
        assert reply.status_code == 200, (name, reply.text)
        assert reply.json() == expected, name
    synonyms = {r["synonym"] for r in _rows(client.get("/sparql", params={"query": queries["synonyms"].text}))}
    assert {"acute lymphoblastic leukemia", "ALL"} <= synonyms
    risks = {r["label"] for r in _rows(client.get("/sparql", params={"query": queries["risk-factors"].text}))}
    assert risks == {"previous cancer treatment", "exposure to radiation", "genetic disorders"}


def test_the_protocol_get_post_and_result_formats(client: httpx.Client):
    query = "SELECT ?label WHERE { ?d a allkg:Disease ; skos:altLabel ?label } ORDER BY ?label"
    by_get = client.get("/sparql", params={"query": query})
    by_form = client.post("/sparql", data={"query": query})
    by_body = client.post("/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert by_get.json() == by_form.json() == by_body.json()
    labels = [r["label"] for r in _rows(by_get)]
    xml = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"})
    assert [e.text for e in ET.fromstring(xml.content).iter(SPARQL_RESULTS + "literal")] == labels
    for accept, delimiter in (("text/csv", ","), ("text/tab-separated-values", "\t")):
        table = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert table.headers["content-type"].startswith(accept)
        rows = list(csv.reader(io.StringIO(table.text), delimiter=delimiter))
        assert len(rows) == len(labels) + 1
    assert client.get("/sparql", params={"query": "ASK { ?d a allkg:Disease }"}).json()["boolean"] is True
    construct = client.get("/sparql", params={"query": "CONSTRUCT { ?d skos:altLabel ?l } WHERE { ?d skos:altLabel ?l }"})
    assert construct.headers["content-type"].startswith("text/turtle")
    assert len(list(ox.parse(construct.content, format=ox.RdfFormat.TURTLE))) == len(labels)
    assert client.get("/sparql", params={"query": query, "format": "turtle"}).status_code == 400
    assert client.get("/sparql", params={"query": query}, headers={"Accept": "image/png"}).status_code == 406


def test_a_syntax_error_is_400_with_line_and_column(client: httpx.Client):
    reply = client.get("/sparql", params={"query": "SELECT ?x\nWHERE { ?x ?y }"})
    assert reply.status_code == 400
    assert "line 2, column" in reply.text


def test_a_query_built_to_run_forever_is_stopped_in_time(client: httpx.Client):
    started = time.monotonic()
    reply = client.get("/sparql", params={"query": FOREVER})
    elapsed = time.monotonic() - started
    assert reply.status_code == 503 and "stopped" in reply.text
    assert elapsed < 6, elapsed  # --timeout 2, plus the time to answer
    # the stopped worker was replaced: the endpoint still answers
    deadline = time.monotonic() + 30
    while client.get("/sparql", params={"query": "ASK {}"}).status_code != 200:
        assert time.monotonic() < deadline
        time.sleep(0.2)


def _children(pid: int) -> list[int]:
    """The child processes of a process (each thread's: the pool starts workers from threads)."""
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir() for child in (task / "children").read_text().split()]


def test_a_query_needing_more_memory_than_the_limit_is_503_and_the_server_goes_on(client: httpx.Client, server: Running):
    workers = _children(server.process.pid)
    peak = 0
    asking = True

    def watch() -> None:  # the largest resident memory of any of the server's processes meanwhile
        nonlocal peak
        while asking:
            for pid in workers:
                with contextlib.suppress(OSError, AssertionError):
                    peak = max(peak, _rss(pid))
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        reply = client.get("/sparql", params={"query": MEMORY_HOG})
    finally:
        asking = False
        watcher.join()
    assert reply.status_code == 503, reply.text
    assert reply.text == f"the query needed more than {MAX_MEMORY // MIB} MiB of memory and was stopped\n"
    assert 0 < peak < MAX_MEMORY + 64 * MIB, peak  # the data limit, plus shared libraries
    # the worker was replaced: the endpoint answers, with as many workers as before
    deadline = time.monotonic() + 30
    while client.get("/sparql", params={"query": "ASK {}"}).status_code != 200 or len(_children(server.process.pid)) != len(workers):
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_too_many_results_is_an_error_not_a_truncated_answer(client: httpx.Client):
    reply = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert reply.status_code == 422 and "more than 500" in reply.text
    assert len(_rows(client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 500"}))) == 500


def test_request_bodies_are_capped(client: httpx.Client):
    big = "SELECT * { ?s ?p ?o } #" + "x" * 100_000
    reply = client.post("/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert reply.status_code == 413
    assert client.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"}).status_code == 415


def test_service_is_refused_and_reaches_no_network(client: httpx.Client):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(1.5)
    port = listener.getsockname()[1]
    try:
        query = f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        reply = client.get("/sparql", params={"query": query})
        assert reply.status_code == 403 and "SERVICE" in reply.text
        assert "--" not in reply.text  # no option of allkg query: a client of the endpoint has none
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()
    assert client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }", "default-graph-uri": "http://x"}).status_code == 400


def test_without_a_query_browsers_get_the_query_page_and_programs_the_service_description(client: httpx.Client):
    page = client.get("/sparql", headers={"Accept": BROWSER_ACCEPT})
    assert page.headers["content-type"].startswith("text/html") and "<textarea" in page.text
    description = client.get("/sparql", headers={"Accept": "text/turtle"})
    graph = list(ox.parse(description.content, format=ox.RdfFormat.TURTLE, base_iri="http://127.0.0.1/sparql"))
    assert any(q.object.value.endswith("#SPARQL11Query") for q in graph)


def test_the_query_page_works_in_a_browser(browser, server: Running):
    page = browser.new_page()
    try:
        page.goto(server.origin + "/sparql")
        page.fill("textarea", "SELECT ?label WHERE { ?d a allkg:Disease ; skos:altLabel ?label } ORDER BY ?label")
        page.click("button[type=submit]")
        page.wait_for_selector("table")
        cells = page.eval_on_selector_all("td", "cells => cells.map(c => c.textContent)")
        assert "acute lymphoblastic leukemia" in cells
    finally:
        page.close()


_CELLS = "cells => cells.map(c => ({text: c.textContent, links: [...c.querySelectorAll('a')].map(a => a.getAttribute('href')), elements: c.querySelectorAll('*').length}))"


def _loopback_only(page, origin: str) -> list[str]:
    """Let the page reach only the server; the URLs it tried elsewhere are recorded (and refused)."""
    outside: list[str] = []

    def route(request_route) -> None:
        if request_route.request.url.startswith(origin + "/"):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    return outside


def test_the_results_table_shows_curies_and_links_entities_to_their_pages(browser, server: Running):
    query = """SELECT ?term WHERE { VALUES ?term { <https://w3id.org/allkg/id/disease/acute-lymphocytic-leukemia>
      obo:MONDO_0004967 <http://www.orpha.net/ORDO/Orphanet_513> <javascript:alert(1)> <data:text/html,hi>
      <file:///etc/passwd> "<b>bold</b> text" } }"""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    outside = _loopback_only(page, server.origin)
    try:
        page.goto(server.origin + "/sparql?" + urllib.parse.urlencode({"query": query, "format": "html"}))
        cells = {c["text"]: c for c in page.eval_on_selector_all("td", _CELLS)}
        assert cells["id:disease/acute-lymphocytic-leukemia"]["links"] == ["id/disease/acute-lymphocytic-leukemia.html"]
        assert cells["MONDO:0004967"]["links"] == ["http://purl.obolibrary.org/obo/MONDO_0004967"]
        assert cells["Orphanet:513"]["links"] == ["http://www.orpha.net/ORDO/Orphanet_513"]
        for text in ("javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "<b>bold</b> text"):
            assert cells[text]["links"] == [] and cells[text]["elements"] == 0, text  # text, never a link or markup
        page.click("text=id:disease/acute-lymphocytic-leukemia")
        page.wait_for_selector("h1")
        assert page.url == server.origin + DISEASE + ".html"
        assert page.inner_text("h1") == "acute lymphocytic leukemia"
        construct = "CONSTRUCT { ?d skos:broadMatch ?m } WHERE { ?d a allkg:Disease ; skos:broadMatch ?m }"
        page.goto(server.origin + "/sparql?" + urllib.parse.urlencode({"query": construct, "format": "html"}))
        rows = page.eval_on_selector_all("tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))")
        assert sorted(rows) == [["id:disease/acute-lymphocytic-leukemia", "skos:broadMatch", "MONDO:0005402"],
                        ["id:disease/acute-lymphocytic-leukemia", "skos:broadMatch", "MONDO:0010643"]]
        assert dialogs == [] and outside == []
    finally:
        page.close()


def test_the_query_page_shows_code_spans_not_backticks(browser, server: Running):
    page = browser.new_page()
    outside = _loopback_only(page, server.origin)
    try:
        page.goto(server.origin + "/sparql")
        items = page.eval_on_selector_all(
            "main li", "items => items.map(li => ({text: li.textContent, code: [...li.querySelectorAll('code')].map(c => c.textContent)}))")
        by_name = {item["text"].split(":", 1)[0]: item for item in items}
        assert by_name["anatomy"]["code"] == ["mappings"] and by_name["cell-types"]["code"] == ["mappings"]
        assert not [item["text"] for item in items if "`" in item["text"]]
        assert outside == []
    finally:
        page.close()


def test_code_spans_in_a_query_description_stay_text(browser):
    from allkg.graph import KnowledgeGraph
    from allkg.query import CannedQuery
    from allkg.site import Pages

    description = "runs `<script>alert(1)</script>`, `<img src=x onerror=alert(2)>` and a lone ` backtick"
    canned = {"hostile": CannedQuery("hostile", description, "", "ASK {}")}
    html = Pages(KnowledgeGraph(BASE), base_iri=BASE).render("query.html", title="SPARQL", query="ASK {}", canned=canned)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.set_content(html)
        [item] = page.eval_on_selector_all(
            "main li", "items => items.map(li => ({text: li.textContent, code: [...li.querySelectorAll('code')].map(c => c.textContent), "
                       "elements: [...li.querySelectorAll('*')].map(e => e.tagName)}))")
        assert item["code"] == ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>"]
        assert item["elements"] == ["A", "CODE", "CODE"]
        assert item["text"].endswith("and a lone ` backtick")
        assert dialogs == []
    finally:
        page.close()
def test_a_from_graph_the_data_lacks_is_refused_without_naming_options(client: httpx.Client):
    reply = client.get("/sparql", params={"query": "SELECT * FROM <http://example.org/remote.ttl> { ?s ?p ?o }"})
    assert reply.status_code == 403 and "FROM <http://example.org/remote.ttl>: not a graph" in reply.text
    assert "--" not in reply.text


# --- starting ------------------------------------------------------------------------------------


def test_a_port_in_use_is_one_line_and_exit_2_before_claiming_to_serve():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        proc = run_allkg("serve", "--port", str(port))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines() == [f"allkg: error: cannot listen on 127.0.0.1:{port}: Address already in use"]


def test_more_connections_than_the_system_allows_files_is_one_line_and_exit_2():
    import resource

    def few_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))

    proc = subprocess.run([sys.executable, "-m", "allkg", "serve", "--port", "0"], preexec_fn=few_files,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    [line] = proc.stderr.splitlines()
    assert re.fullmatch(r"allkg: error: --max-connections 2048 needs \d+ open files and this system allows 256 "
                        r"\(ulimit -Hn\): lower --max-connections", line), line


# --- under load ----------------------------------------------------------------------------------


def test_eight_clients_for_twenty_seconds_see_no_errors(server: Running, seed_site: Path):
    from allkg.query import canned_queries

    paths = _entity_paths(seed_site)
    queries = [q.text for q in canned_queries().values()]
    formats = [(BROWSER_ACCEPT, "text/html"), ("text/turtle", "text/turtle"),
               ("application/ld+json", "application/ld+json"), ("application/n-triples", "application/n-triples")]
    stop = time.monotonic() + 20
    errors: list[str] = []
    counts = {"entity": 0, "sparql": 0}

    def client_loop(seed: int) -> None:
        chooser = random.Random(seed)
        with httpx.Client(base_url=server.origin, timeout=15) as http:
            while time.monotonic() < stop:
                if chooser.random() < 0.8:
                    accept, media_type = chooser.choice(formats)
                    reply = http.get(chooser.choice(paths), headers={"Accept": accept})
                    kind = "entity"
                else:
                    media_type = "application/sparql-results+json"
                    reply = http.get("/sparql?query=" + urllib.parse.quote(chooser.choice(queries)))
                    kind = "sparql"
                if reply.status_code != 200 or not reply.headers["content-type"].startswith(media_type) or not reply.content:
                    errors.append(f"{reply.request.url} -> {reply.status_code} {reply.text[:100]}")
                counts[kind] += 1

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert counts["entity"] > 1000 and counts["sparql"] > 100, counts


# --- hostile connections -------------------------------------------------------------------------


def _closed_by_server(sockets: list[socket.socket], *, wait: float) -> list[bool]:
    """For each socket: whether the server closed it (it reads as end of file), waiting at most
    ``wait`` seconds for all of them."""
    import select

    closed: set[socket.socket] = set()
    deadline = time.monotonic() + wait
    while len(closed) < len(sockets) and (left := deadline - time.monotonic()) > 0:
        readable, _, _ = select.select([s for s in sockets if s not in closed], [], [], left)
        closed.update(sock for sock in readable if sock.recv(1) == b"")
    return [sock in closed for sock in sockets]


def test_beyond_max_connections_the_longest_waiting_connection_makes_room(server: Running):
    """Connections that send nothing fill the limit: each new one closes the one waiting longest,
    so a real client still gets in; when every connection is busy with a request, a new one is 503."""
    host, port = "127.0.0.1", int(server.origin.rsplit(":", 1)[1])
    idle: list[socket.socket] = []
    try:
        # in groups the listen backlog (half the limit) holds; the server has taken each group
        # once it answers the request that came after it
        for _ in range(2 * MAX_CONNECTIONS // 16):
            idle += [socket.create_connection((host, port)) for _ in range(16)]
            started = time.monotonic()
            assert httpx.get(server.origin + DISEASE, timeout=5).status_code == 200
            assert time.monotonic() - started < 1
        assert all(_closed_by_server(idle[:MAX_CONNECTIONS], wait=2))
        assert not any(_closed_by_server(idle[-MAX_CONNECTIONS // 2 :], wait=0))
    finally:
        for sock in idle:
            sock.close()
    busy: list[socket.socket] = []
    try:
        for _ in range(MAX_CONNECTIONS // 16):  # POSTs whose body the server waits for: 100 Continue says it does
            group = [socket.create_connection((host, port), timeout=5) for _ in range(16)]
            busy += group
            for sock in group:
                sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                             b"Content-Length: 100\r\nExpect: 100-continue\r\n\r\n")
            for sock in group:
                assert sock.recv(100).startswith(b"HTTP/1.1 100 Continue")
        with socket.create_connection((host, port)) as refused:
            refused.settimeout(5)
            answer = refused.recv(1000)
        assert answer.startswith(b"HTTP/1.1 503 ") and b"too many requests at once" in answer, answer
    finally:
        for sock in busy:
            sock.close()
    deadline = time.monotonic() + 5
    while httpx.get(server.origin + DISEASE, timeout=5).status_code != 200:  # the closed ones leave room
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_a_request_head_over_the_cap_is_431(server: Running):
    port = int(server.origin.rsplit(":", 1)[1])
    for size, status in ((MAX_HEAD - 1000, b"200"), (MAX_HEAD + 1000, b"431")):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * size + b"\r\n\r\n")
            assert sock.recv(100).startswith(b"HTTP/1.1 " + status), size

def _open_files(needed: int) -> None:
    """Raise this process's soft limit on open files to ``needed`` (the hard limit must allow it)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        if hard != resource.RLIM_INFINITY and hard < needed:
            pytest.fail(f"this test needs {needed} open files; the hard limit is {hard} (ulimit -Hn)")
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


def _rss(pid: int) -> int:
    """The resident memory of a process, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmRSS for process {pid}")


SLOW_STARTS = {
    "idle": b"",
    "slow": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n",
    "body": b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 1000\r\n\r\n",
}
"""How each kind of hostile connection starts; then every second a slow one sends a header line, a body one a byte."""


class Flood:
    """Hostile connections to a server, held in one thread: ``idle`` ones never send a byte,
    ``slow`` ones send a request head one header line a second and never finish it, ``body``
    ones send a head and then their body a byte a second. Each connection the server closes is
    opened again, so the pressure stays for as long as it runs; ``lifetimes`` records how long
    each lasted before the server closed it."""

    def __init__(self, port: int, **counts: int) -> None:
        import selectors

        self.port = port
        self.selector = selectors.DefaultSelector()
        self.opened: dict[socket.socket, tuple[str, float]] = {}
        self.lifetimes: dict[str, list[float]] = {kind: [] for kind in counts}
        self.failed_opens = 0
        self._stop = threading.Event()
        for kind, count in counts.items():
            for _ in range(count):
                self._open(kind)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _open(self, kind: str) -> None:
        import selectors

        try:
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=2)
            sock.sendall(SLOW_STARTS[kind])
        except OSError:
            self.failed_opens += 1
            return
        sock.setblocking(False)
        self.opened[sock] = (kind, time.monotonic())
        self.selector.register(sock, selectors.EVENT_READ)

    def _closed(self, sock: socket.socket) -> None:
        kind, since = self.opened.pop(sock)
        self.lifetimes[kind].append(time.monotonic() - since)
        self.selector.unregister(sock)
        sock.close()
        self._open(kind)

    def _run(self) -> None:
        next_line, number = time.monotonic() + 1, 0
        while not self._stop.is_set():
            for key, _ in self.selector.select(timeout=0.05):
                try:
                    if key.fileobj.recv(65536) == b"":
                        self._closed(key.fileobj)
                except OSError:
                    self._closed(key.fileobj)
            if time.monotonic() >= next_line:
                next_line, number = next_line + 1, number + 1
                for sock, (kind, _) in list(self.opened.items()):
                    if kind != "idle":
                        try:
                            sock.send(b"X-Slow-%d: x\r\n" % number if kind == "slow" else b"#")
                        except OSError:
                            self._closed(sock)

    def stop(self) -> list[float]:
        """Stop, and close what is still open: returns how long each of those had been open."""
        self._stop.set()
        self._thread.join()
        now = time.monotonic()
        for sock in self.opened:
            sock.close()
        return [now - since for _, since in self.opened.values()]


def test_idle_and_slowloris_connections_shut_nobody_out():
    """600 connections that never send a byte, 600 that send one header line a second and 200 that
    send their body a byte a second, each opened again as soon as the server closes it, for 20 s:
    a normal client, asking twice a second on a new connection, is answered 200 within 1 s every
    time; the server closes every hostile connection within the request timeout; its memory stays flat."""
    _open_files(4096)
    with _serving() as running:
        port = int(running.origin.rsplit(":", 1)[1])
        baseline = _rss(running.process.pid)
        flood = Flood(port, idle=600, slow=600, body=200)
        latencies: list[float] = []
        failures: list[str] = []
        memory: list[int] = []
        try:
            stop = time.monotonic() + 20
            while time.monotonic() < stop:
                started = time.monotonic()
                path, accept = (DISEASE, "text/turtle") if len(latencies) % 2 else ("/sparql?query=ASK%7B%7D", "*/*")
                try:
                    reply = httpx.get(running.origin + path, timeout=10, headers={"Accept": accept})
                    if reply.status_code != 200:
                        failures.append(f"{path}: {reply.status_code} {reply.text[:80]}")
                except httpx.HTTPError as err:
                    failures.append(f"{path}: {type(err).__name__} {err}")
                latencies.append(time.monotonic() - started)
                memory.append(_rss(running.process.pid))
                time.sleep(max(0.0, started + 0.5 - time.monotonic()))
        finally:
            still_open = flood.stop()
        assert failures == []
        assert max(latencies) < 1.0, sorted(latencies)[-5:]
        # every idle and every slow connection was closed by the server, none later than the head timeout
        closed = flood.lifetimes
        assert len(closed["idle"]) >= 2 * 600 and len(closed["slow"]) >= 2 * 600 and len(closed["body"]) >= 2 * 200
        assert max(closed["idle"] + closed["slow"] + closed["body"] + still_open) < REQUEST_TIMEOUT + 1.5
        assert flood.failed_opens == 0
        # memory: what 1,400 connections take at once, and no growth over the 20 s
        settled = memory[len(memory) // 4]
        assert settled - baseline < 64 * 2**20, (baseline, settled)
        assert max(memory[len(memory) // 4 :]) - settled < 16 * 2**20, (settled, max(memory))
