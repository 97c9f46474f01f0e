"""The published pages in a real browser: Debian's Chromium, headless, driven by Playwright.

The site is served on loopback; every request the browser makes is recorded and
anything that leaves the loopback server is refused and reported. A missing
browser fails these tests (``.ci/run`` installs it); they are never skipped.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from conftest import HOSTILE_RISK_FACTOR, HOSTILE_SYNONYM, allkg_here, as_text

from allkg.schemaorg import to_quads

IDS = "https://w3id.org/allkg/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PHONE = {"width": 360, "height": 740}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's signature
        pass


@dataclass
class Served:
    """A published site on a loopback HTTP server."""

    root: Path
    origin: str


def _serve(root: Path) -> Iterator[Served]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)  # shutdown() waits a poll
    thread.start()
    try:
        yield Served(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def seed(seed_site: Path) -> Iterator[Served]:
    yield from _serve(seed_site)


@pytest.fixture(scope="module")
def hostile(hostile_site: Path) -> Iterator[Served]:
    yield from _serve(hostile_site)


@dataclass
class Visit:
    """What one page load showed: the live DOM's scripts, dialogs, console errors and requests."""

    scripts: list[dict[str, str]]
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    text: str = ""
    overflow: int = 0
    font_px: float = 0.0


class Tab:
    """One browser tab on a phone-sized screen that records dialogs, errors and requests leaving loopback."""

    def __init__(self, browser: Any, *, javascript: bool = True) -> None:
        self.context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.origin = ""
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.route("**/*", self._only_loopback)

    def _only_loopback(self, route: Any) -> None:
        if route.request.url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def visit(self, served: Served, path: str) -> Visit:
        self.origin = served.origin
        self.dialogs, self.errors, self.outside = [], [], []
        response = self.page.goto(f"{served.origin}/{path}", wait_until="load")
        assert response is not None and response.status == 200, path
        seen = self.page.evaluate(_SEEN)
        return Visit(
            scripts=seen["scripts"],
            dialogs=self.dialogs,
            errors=self.errors,
            outside=self.outside,
            text=seen["text"],
            overflow=seen["overflow"],
            font_px=float(seen["fontPx"]),
        )


_SEEN = """() => ({
  scripts: [...document.querySelectorAll('script')].map(n => ({type: n.type, text: n.textContent})),
  text: document.body.innerText,
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  fontPx: parseFloat(getComputedStyle(document.body).fontSize),
})"""
"""What a visit reads from the live DOM, asked in one round trip to the browser (each costs tens of ms)."""


@pytest.fixture(scope="module")
def tab(browser) -> Iterator[Tab]:
    opened = Tab(browser)
    yield opened
    opened.context.close()


@pytest.fixture(scope="module")
def tab_without_javascript(browser) -> Iterator[Tab]:
    opened = Tab(browser, javascript=False)
    yield opened
    opened.context.close()


def embedded_quads(found: Visit) -> set[ox.Triple]:
    """The RDF of the page's one JSON-LD block, read as the browser holds it."""
    [script] = found.scripts
    assert script["type"] == "application/ld+json"
    return {ox.Triple(q.subject, q.predicate, q.object) for q in to_quads(json.loads(script["text"]))}


def _no_blank_ids(statement: ox.Triple | ox.Quad) -> ox.Triple:
    """The statement with every blank node the same (blank node labels differ between parses)."""
    def plain(term):
        return ox.BlankNode("b") if isinstance(term, ox.BlankNode) else term

    return ox.Triple(plain(statement.subject), statement.predicate, plain(statement.object))


def pages_of(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.html"))


def test_every_page_embeds_one_json_ld_block_holding_the_graph_we_meant_and_extruct_agrees(tab, seed: Served, tmp_path: Path):
    import extruct

    export = as_text(allkg_here("export", "--format", "schema-jsonld", cwd=tmp_path))
    assert export.returncode == 0, export.stderr
    projection = {_no_blank_ids(q) for q in to_quads(json.loads(export.stdout))}
    pages = pages_of(seed.root)
    assert len(pages) > 100
    for path in pages:
        found = tab.visit(seed, path)
        assert found.dialogs == [] and found.errors == [] and found.outside == [], path
        graph = embedded_quads(found)
        html = (seed.root / path).read_text(encoding="utf-8")
        extracted = extruct.extract(html, base_url=f"{seed.origin}/{path}", syntaxes=["json-ld"], uniform=False)
        assert extracted["json-ld"] == json.loads(found.scripts[0]["text"]), path
        if path == "index.html":
            description = ox.parse(path=str(seed.root / ".well-known" / "void"), format=ox.RdfFormat.TURTLE)
        else:
            description = ox.parse(path=str(seed.root / path.replace(".html", ".nt")), format=ox.RdfFormat.N_TRIPLES)
        expected = {ox.Triple(q.subject, q.predicate, q.object) for q in description}
        assert expected <= graph, path
        # the rest is the schema.org projection's own statements (blank nodes: its MedicalCode)
        for triple in graph - expected:
            assert _no_blank_ids(triple) in projection, (path, triple)
        iri = ox.NamedNode(IDS + path[len("id/"):-len(".html")]) if path != "index.html" else None
        if iri is not None:
            assert {t for t in projection if t.subject == iri} <= {_no_blank_ids(t) for t in graph}, path


def test_the_condition_page_gives_search_engines_the_medical_condition(tab, seed: Served):
    found = tab.visit(seed, "id/disease/acute-lymphocytic-leukemia.html")
    [schema, _own] = json.loads(found.scripts[0]["text"])
    [condition] = schema["@graph"]
    assert condition["@type"] == "MedicalCondition"
    assert condition["code"] == {"@type": "MedicalCode", "codeValue": "C91.0", "codingSystem": "ICD-10-CM"}
    assert "acute lymphoblastic leukemia" in condition["alternateName"]


def test_pages_read_on_a_phone_and_without_javascript(tab_without_javascript, seed: Served):
    for path in ("index.html", "id/disease/acute-lymphocytic-leukemia.html",
                 "id/source/af8f7cc5555d6a4a0524bd6e626600af5f63c24e991fa8a30dfdb9de5a965afc.html"):
        found = tab_without_javascript.visit(seed, path)
        assert found.overflow <= 0, f"{path} scrolls sideways on a {PHONE['width']}px screen"
        assert found.font_px >= 16
    found = tab_without_javascript.visit(seed, "id/disease/acute-lymphocytic-leukemia.html")
    assert "acute lymphocytic leukemia" in found.text
    assert "Exposure to radiation" in found.text  # the evidence quote, with no script at all


def test_the_hostile_page_runs_no_script_shows_text_as_text_and_round_trips(tab, hostile: Served):
    for path in pages_of(hostile.root):
        found = tab.visit(hostile, path)
        assert found.dialogs == [], path
        assert found.errors == [] and found.outside == [], path
        assert [s["type"] for s in found.scripts] == ["application/ld+json"], path
    disease = tab.visit(hostile, "id/disease/acute-lymphocytic-leukemia.html")
    assert HOSTILE_SYNONYM in disease.text
    [schema, own] = json.loads(disease.scripts[0]["text"])
    assert HOSTILE_SYNONYM in schema["@graph"][0]["alternateName"]
    assert HOSTILE_SYNONYM in json.dumps(own, ensure_ascii=False)
    risk = tab.visit(hostile, "id/risk-factor/living-near-a-chemical-plant.html")
    assert HOSTILE_RISK_FACTOR in risk.text
    labels = {t.object.value for t in embedded_quads(risk) if t.predicate.value.endswith(("prefLabel", "/name"))}
    assert labels == {HOSTILE_RISK_FACTOR}


# --- what people see: the ontology mappings ----------------------------------------------------------

_MAPPING_GROUPS = """() => {
  const heading = [...document.querySelectorAll('h2')].find(h => h.textContent === 'In the ontologies');
  if (!heading) return null;
  const groups = [];
  for (const node of heading.nextElementSibling.children) {
    if (node.tagName === 'DT' || !groups.length) groups.push({heading: node.tagName === 'DT' ? node.textContent : null, targets: []});
    if (node.tagName !== 'DT') groups[groups.length - 1].targets.push({
      text: node.textContent,
      links: [...node.querySelectorAll('a')].map(a => ({text: a.textContent, href: a.getAttribute('href')})),
    });
  }
  return groups;
}"""


def _mapping_groups(page: Any) -> list[dict[str, Any]]:
    """The "In the ontologies" section as the browser shows it: headings and their targets."""
    groups = page.evaluate(_MAPPING_GROUPS)
    assert groups is not None, "no 'In the ontologies' section"
    return groups


def test_ontology_mappings_are_grouped_by_relation_as_linked_curies(tab, seed: Served):
    tab.visit(seed, "id/disease/acute-lymphocytic-leukemia.html")
    groups = _mapping_groups(tab.page)
    assert [g["heading"] for g in groups] == ["The same concept skos:exactMatch", "Broader concepts skos:broadMatch"]
    exact, broad = ([t["text"].split(" (")[0] for t in g["targets"]] for g in groups)
    assert exact == ["DOID:9952", "EFO:0000220", "MONDO:0004967", "NCIT:C3167", "Orphanet:513", "UMLS:C0023449"]
    assert broad == ["MONDO:0005402", "MONDO:0010643"]
    # allkg publish gives the pages the lexicon's labels of the terms it knows
    labelled = {t["text"] for t in groups[0]["targets"]}
    assert "DOID:9952 (acute lymphoblastic leukemia)" in labelled and "EFO:0000220" in labelled
    described = {(q.predicate.value, q.object.value) for q in ox.parse(
        path=str(seed.root / "id/disease/acute-lymphocytic-leukemia.nt"), format=ox.RdfFormat.N_TRIPLES)}
    for group, relation in zip(groups, (SKOS + "exactMatch", SKOS + "broadMatch")):
        for target in group["targets"]:
            [link] = target["links"]  # every one a link, to the term itself
            assert link["text"] == target["text"].split(" (")[0]
            assert (relation, link["href"]) in described, link
    # every relation in its own group, in SKOS order
    tab.visit(seed, "id/risk-factor/previous-cancer-treatment.html")
    groups = _mapping_groups(tab.page)
    assert [g["heading"] for g in groups] == ["Nearly the same concept skos:closeMatch", "Related concepts skos:relatedMatch"]
    assert [[t["text"] for t in g["targets"]] for g in groups] == [["ECTO:9001737"], ["MAXO:0000014", "MAXO:0000647"]]


def test_ontology_labels_given_to_the_site_are_shown_beside_their_curies(browser):
    from allkg.pipeline import build
    from allkg.site import Pages

    kg = build(()).graph
    disease = IDS + "disease/acute-lymphocytic-leukemia"
    labels = {
        "http://purl.obolibrary.org/obo/MONDO_0004967": "acute lymphoblastic leukemia",
        "http://www.orpha.net/ORDO/Orphanet_513": "<b>Acute</b> lymphoblastic leukemia",  # text, never markup
    }
    page = browser.new_page()
    try:
        page.set_content(Pages(kg, base_iri="https://w3id.org/allkg/", ontology_labels=labels).entity_files(disease)["html"].decode())
        exact = {t["links"][0]["text"]: t["text"] for t in _mapping_groups(page)[0]["targets"]}
        assert exact["MONDO:0004967"] == "MONDO:0004967 (acute lymphoblastic leukemia)"
        assert exact["Orphanet:513"] == "Orphanet:513 (<b>Acute</b> lymphoblastic leukemia)"
        assert exact["DOID:9952"] == "DOID:9952"  # no label known: the CURIE alone
        assert page.eval_on_selector_all("main b", "nodes => nodes.length") == 0
        page.set_content(Pages(kg, base_iri="https://w3id.org/allkg/").entity_files(disease)["html"].decode())
        exact = {t["links"][0]["text"]: t["text"] for t in _mapping_groups(page)[0]["targets"]}
        assert exact["MONDO:0004967"] == "MONDO:0004967"
    finally:
        page.close()


# --- what people see: the index ------------------------------------------------------------------------

_SECTIONS = """() => [...document.querySelectorAll('main h2')].map(h => {
  let list = h.nextElementSibling;
  if (list && list.tagName === 'DETAILS') list = list.querySelector('ul');
  const items = list && list.tagName === 'UL' ? [...list.children] : [];
  return {heading: h.firstChild.textContent.trim(), items: items.map(li => ({
    text: li.textContent,
    links: [...li.querySelectorAll('a')].map(a => ({text: a.textContent, href: a.getAttribute('href')})),
  }))};
})"""


def _sections(page: Any) -> dict[str, list[dict[str, Any]]]:
    """The index's sections as the browser shows them: heading -> its list items (text and links)."""
    return {section["heading"]: section["items"] for section in page.evaluate(_SECTIONS)}


def test_the_index_shows_pages_as_pages_downloads_as_downloads_and_mentioned_diseases_apart(tab, seed: Served):
    found = tab.visit(seed, "index.html")
    sections = _sections(tab.page)
    source = "id/source/af8f7cc5555d6a4a0524bd6e626600af5f63c24e991fa8a30dfdb9de5a965afc"
    [page] = sections["The pages it was made from"]
    assert page["links"] == [{"text": "seed-mayo-clinic-all.txt", "href": f"{source}.html"},
                             {"text": "its evidence", "href": f"{source}/evidence.html"}]
    assert "Mayo Foundation for Medical Education and Research (MFMER)" in page["text"]
    downloads = sections["Download"]
    assert [d["links"][0]["href"] for d in downloads] == [f"dataset/allkg.{ext}" for ext in ("ttl", "jsonld", "nt", "nq", "trig")]
    assert sorted(d["links"][1]["href"] for d in downloads) == sorted(
        f"id/dataset/distribution/{name}.html" for name in ("turtle", "jsonld", "ntriples", "nquads", "trig"))
    assert [d["text"] for d in sections["Diseases the pages describe"]] == ["acute lymphocytic leukemia"]
    assert [d["text"] for d in sections["Diseases the pages mention"]] == ["influenza"]
    # the source, its evidence graph and the distributions are listed nowhere else; nothing is shown by its IRI
    elsewhere = [link["href"] for heading, items in sections.items() if heading not in ("The pages it was made from", "Download")
                 for item in items for link in item["links"]]
    assert not [href for href in elsewhere if href.startswith((source, "id/dataset/distribution/"))]
    assert "id:" not in found.text and "https://w3id.org" not in found.text


def test_the_index_decides_by_types_and_predicates_never_by_iris(tab, tmp_path: Path):
    """IRIs that lie about what they are: the sections follow rdf:type, the facts and oa:hasSource."""
    def i(path: str) -> str:
        return f"<{IDS}{path}>"

    data = tmp_path / "misnamed.trig"
    data.write_text(f"""
@prefix allkg: <https://w3id.org/allkg/ontology/> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix oa: <http://www.w3.org/ns/oa#> .
{i('source/not-a-page')} a allkg:Disease ; skos:prefLabel "a described disease"@en ; allkg:symptomsResemble {i('dataset/flu')} .
{i('dataset/flu')} a allkg:Disease ; skos:prefLabel "a mentioned disease"@en .
{i('x/fact')} a allkg:Fact, rdf:Statement ; rdf:subject {i('source/not-a-page')} ; rdf:predicate allkg:symptomsResemble ;
    rdf:object {i('dataset/flu')} .
{i('disease/a-page')} a allkg:SourceDocument ; dcterms:title "A page about it"@en ; dcterms:publisher "Some Hospital" ;
    allkg:fileName "page.html" .
{i('evidence/elsewhere')} a dcat:Distribution ; dcat:downloadURL <https://example.org/all.ttl> ; dcat:mediaType "text/turtle" .
{i('disease/graph')} {{ {i('y/evidence')} a allkg:Evidence ; oa:hasSource {i('disease/a-page')} . }}
""", encoding="utf-8")
    out = tmp_path / "site"
    proc = allkg_here("publish", "--no-validate", "--data", str(data), "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    served = _serve(out)
    site = next(served)
    try:
        tab.visit(site, "index.html")
        sections = _sections(tab.page)
    finally:
        served.close()
    [page] = sections["The pages it was made from"]
    assert page["links"] == [{"text": "A page about it", "href": "id/disease/a-page.html"},
                             {"text": "its evidence", "href": "id/disease/graph.html"}]
    assert "Some Hospital" in page["text"] and "page.html" in page["text"]
    assert [d["text"] for d in sections["Diseases the pages describe"]] == ["a described disease"]
    assert [d["text"] for d in sections["Diseases the pages mention"]] == ["a mentioned disease"]
    outside = sections["Download"][-1]
    assert outside["links"] == [{"text": "all.ttl", "href": "https://example.org/all.ttl"},
                                {"text": "its description", "href": "id/evidence/elsewhere.html"}]
    assert "Evidence" in sections and "Facts" in sections
