"""`allkg serve`: the real command on loopback, asked as browsers, RDF clients and SPARQL clients ask."""

from __future__ import annotations

import csv
import io
import json
import random
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
from conftest import answering, free_port, run_allkg, server_process

DISEASE = "/id/disease/acute-lymphocytic-leukemia"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
FOREVER = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"


@dataclass(frozen=True)
class Running:
    origin: str
    process: subprocess.Popen[bytes]


def _start(*args: str) -> Iterator[Running]:
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "allkg", "serve", "-q", "--port", str(port), *args]
    with server_process(command, ready=answering(origin + "/sparql?query=ASK%7B%7D"), what="allkg serve") as process:
        yield Running(origin, process)


@pytest.fixture(scope="module")
def server() -> Iterator[Running]:
    yield from _start("--timeout", "2", "--max-results", "500")


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


def test_every_canned_query_gives_the_same_rows_as_the_cli(client: httpx.Client):
    from allkg.query import canned_queries

    queries = canned_queries()
    assert len(queries) >= 8
    for name, canned in queries.items():
        cli = run_allkg("query", "--name", name, "--format", "json")
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


def test_a_from_graph_the_data_lacks_is_refused_without_naming_options(client: httpx.Client):
    reply = client.get("/sparql", params={"query": "SELECT * FROM <http://example.org/remote.ttl> { ?s ?p ?o }"})
    assert reply.status_code == 403 and "FROM <http://example.org/remote.ttl>: not a graph" in reply.text
    assert "--" not in reply.text


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
