"""The schema.org projection (issue 4, first part): derived from the graph, valid schema.org, safely embeddable."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from allkg.pipeline import build
from allkg.resources import seed_path
from allkg.schemaorg import html_snippet, project, to_json, to_quads
from conftest import Recorder, allkg_here, as_text, loopback_server

DATA = Path(__file__).resolve().parent / "data"
VOCABULARY = DATA / "schemaorg-30.0" / "schemaorg-current-https.ttl"  # schema.org 30.0, CC BY-SA 3.0 (see its README)
SHIPPED_CONTEXT = Path(__file__).resolve().parents[1] / "src" / "allkg" / "data" / "schemaorg-context.jsonld"
RELEASE_30_CONTEXT_SHA256 = "d8167890b056bc7c71eb39b30cbb4816490d5e671371ba50a5a633d1bc36961a"
"""sha256 of schemaorgcontext.jsonld of schema.org release 30.0 (data/releases/30.0/ in schemaorg/schemaorg)."""
HTTP = "http://schema.org/"
HTTPS = "https://schema.org/"


@pytest.fixture(scope="module")
def document():
    return project(build().graph)


@pytest.fixture(scope="module")
def schema_graph(document) -> Graph:
    """The projection as RDF, expanded by rdflib with schema.org's context (no network)."""
    return Graph().parse(data=json.dumps(dict(document, **{"@context": schema_context()})), format="json-ld")


def schema_context() -> dict:
    return json.loads(SHIPPED_CONTEXT.read_text(encoding="utf-8"))["@context"]


def test_the_package_ships_schema_orgs_own_context_unchanged():
    assert hashlib.sha256(SHIPPED_CONTEXT.read_bytes()).hexdigest() == RELEASE_30_CONTEXT_SHA256


def test_the_package_reads_the_projection_offline_as_rdflib_does_with_the_reference(document, schema_graph):
    from allkg.schemaorg import check, to_quads
    from allkg.terms import rdflib_term

    def plain(term):  # RDF 1.1: "x" and "x"^^xsd:string are the same literal
        return Literal(str(term)) if isinstance(term, Literal) and term.datatype == XSD.string else term

    ours = Graph()
    for quad in to_quads(document):
        ours.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), plain(rdflib_term(quad.object))))
    assert ours.isomorphic(schema_graph)
    assert check(document).conforms
    with pytest.raises(ValueError, match="not fetched"):
        to_quads({"@context": "https://example.org/context.jsonld", "@id": "https://example.org/x"})


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return Graph().parse(VOCABULARY, format="turtle")


def test_the_condition_carries_what_the_page_says(document):
    [condition] = [n for n in document["@graph"] if n["@type"] == "MedicalCondition"]
    assert condition["name"] == "acute lymphocytic leukemia"
    assert set(condition["alternateName"]) == {"acute lymphoblastic leukemia", "ALL"}
    assert {a["name"] for a in condition["associatedAnatomy"]} == {"blood", "bone marrow"}
    assert {r["name"] for r in condition["riskFactor"]} == {
        "previous cancer treatment",
        "exposure to radiation",
        "genetic disorders",
    }
    assert "signOrSymptom" not in condition  # the page's symptom list was scraped away
    assert condition["code"] == {"@type": "MedicalCode", "codeValue": "C91.0", "codingSystem": "ICD-10-CM"}
    assert "http://purl.obolibrary.org/obo/MONDO_0004967" in condition["sameAs"]
    assert "most common type of cancer in children" in condition["epidemiology"]
    assert "chance of a cure is greatly reduced" in condition["expectedPrognosis"]
    [page] = [n for n in document["@graph"] if n["@type"] == "MedicalWebPage"]
    assert page["mainEntity"] == {"@id": condition["@id"]}


REVIEWED_PAGE = (
    "Acute lymphoblastic leukemia (ALL) is a cancer of the blood and bone marrow.\n"
    "Medically reviewed by Jane Doe, MD on March 3, 2025.\n© 2025 Example Health. All rights reserved."
)


@pytest.fixture(scope="module")
def wide_graph(tmp_path_factory) -> Graph:
    """The projection of several pages: the seed, a page with symptoms, a page with a review date."""
    folder = tmp_path_factory.mktemp("pages")
    (folder / "reviewed.txt").write_text(REVIEWED_PAGE, encoding="utf-8")
    pages = [folder / "reviewed.txt", DATA.parent.parent / "corpus" / "tuned" / "mayo-full.txt", seed_path()]
    document = project(build(pages).graph)
    assert any(n.get("lastReviewed") == "2025-03-03" for n in document["@graph"])
    assert any("signOrSymptom" in n for n in document["@graph"])
    return Graph().parse(data=json.dumps(dict(document, **{"@context": schema_context()})), format="json-ld")


def test_the_wide_projection_conforms_to_its_profile(wide_graph):
    from allkg.validate import validate

    assert validate(wide_graph, _profile()).conforms


def test_every_class_and_property_exists_in_schema_org_with_that_domain_and_range(wide_graph, vocabulary):
    schema_graph = wide_graph
    def https(term):
        return URIRef(str(term).replace(HTTP, HTTPS))

    def ancestors(cls):
        seen, todo = set(), [cls]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(vocabulary.objects(current, RDFS.subClassOf))
        return seen

    used = 0
    for s, p, o in schema_graph:
        assert str(p).startswith(HTTP) or p == RDF.type, p
        if p == RDF.type:
            assert (https(o), RDF.type, RDFS.Class) in vocabulary, f"{o} is not a schema.org class"
            continue
        domains = set(vocabulary.objects(https(p), URIRef(HTTPS + "domainIncludes")))
        assert domains, f"{p} is not a schema.org property"
        types = {t for cls in schema_graph.objects(s, RDF.type) for t in ancestors(https(cls))}
        assert domains & types, f"{p} is not defined for {set(schema_graph.objects(s, RDF.type))}"
        ranges = set(vocabulary.objects(https(p), URIRef(HTTPS + "rangeIncludes")))
        if isinstance(o, Literal):
            value_types = {URIRef(HTTPS + "Date")} if o.datatype == URIRef(HTTP + "Date") else {URIRef(HTTPS + "Text")}
        else:
            value_types = {t for cls in schema_graph.objects(o, RDF.type) for t in ancestors(https(cls))}
            value_types = value_types or {URIRef(HTTPS + "URL")}  # an untyped IRI: a link (sameAs)
        assert ranges & value_types, f"{p} does not take {o!r} ({value_types})"
        used += 1
    assert used > 10


@pytest.mark.parametrize("hostile", ["</script><script>alert(1)</script>", "<!-- a <script> comment", "line\u2028sep & amp"])
def test_the_html_snippet_cannot_be_broken_out_of_and_keeps_the_exact_strings(hostile):
    document = {"@context": "https://schema.org", "@type": "MedicalCondition", "name": hostile, "alternateName": [hostile]}
    snippet = html_snippet(document)
    body = snippet.removeprefix('<script type="application/ld+json">\n').removesuffix("\n</script>\n")
    assert "<" not in body and ">" not in body and "&" not in body
    assert "\u2028" not in body and "\u2029" not in body
    assert "&lt;" not in body  # never HTML entities: they would become part of the data
    assert json.loads(body)["name"] == hostile
    assert snippet.count("</script>") == 1


def test_export_formats_from_the_cli(tmp_path):
    proc = allkg_in_here("export", "--format", "html-snippet", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith('<script type="application/ld+json">')
    json_proc = allkg_in_here("export", "--format", "schema-jsonld", "-q", cwd=tmp_path)
    assert json.loads(json_proc.stdout)["@context"] == "https://schema.org"
    assert to_json(json.loads(json_proc.stdout)) + "\n" == json_proc.stdout  # stable bytes


PROFILE = Path(__file__).resolve().parents[1] / "shapes" / "schemaorg-profile.ttl"


def _profile() -> Graph:
    return Graph().parse(PROFILE, format="turtle")


def test_the_projection_conforms_to_its_profile_for_both_engines(schema_graph):
    from allkg.validate import validate

    compiled = validate(schema_graph, _profile())
    assert compiled.conforms, compiled.text()
    assert validate(schema_graph, _profile(), engine="pyshacl") == compiled


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda g: g.remove((None, URIRef(HTTP + "name"), None)), "exactly one name"),
        (lambda g: g.remove((None, URIRef(HTTP + "codeValue"), None)), "codeValue"),
        (
            lambda g: [g.remove((s, RDF.type, URIRef(HTTP + "MedicalRiskFactor")))
                       for s in list(g.subjects(RDF.type, URIRef(HTTP + "MedicalRiskFactor")))],
            "riskFactor values are MedicalRiskFactor nodes.",
        ),
        (lambda g: g.add((URIRef("https://w3id.org/allkg/id/disease/acute-lymphocytic-leukemia"),
                          URIRef(HTTP + "epidemiology"), __import__("rdflib").Literal("again"))), "at most one epidemiology"),
    ],
)
def test_the_profile_catches_a_broken_projection(schema_graph, break_it, message):
    from allkg.validate import validate

    broken = Graph()
    for triple in schema_graph:
        broken.add(triple)
    break_it(broken)
    report = validate(broken, _profile())
    assert not report.conforms
    assert any(message in r.message for r in report.results), report.text()


# --------------------------------------------------------------------------- reading it back


def allkg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``allkg ARGS`` in a new process."""
    return subprocess.run([sys.executable, "-m", "allkg", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def allkg_in_here(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``allkg ARGS`` run by its entry point in this process (conftest's ``allkg_here``)."""
    return as_text(allkg_here(*args, cwd=cwd))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """`allkg export --format schema-jsonld`, as a file."""
    folder = tmp_path_factory.mktemp("exported")
    proc = allkg_in_here("export", "--format", "schema-jsonld", "-q", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    (folder / "schema.jsonld").write_text(proc.stdout, encoding="utf-8")
    return folder / "schema.jsonld"


def as_rdflib(ntriples: str) -> Graph:
    return Graph().parse(data=ntriples, format="nt")


def test_allkg_reads_back_its_own_schema_org_output(exported, document, tmp_path):
    """validate, export --data and query --data read "@context": "https://schema.org" from the
    bundled copy, giving the triples the projection means."""
    validated = allkg_in_here("validate", str(exported), cwd=tmp_path)
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout.startswith("Conforms")
    converted = allkg_in_here("export", "--data", str(exported), "--format", "ntriples", cwd=tmp_path)
    assert converted.returncode == 0, converted.stderr
    meant = ox.serialize(to_quads(document), format=ox.RdfFormat.N_QUADS).decode("utf-8")
    assert as_rdflib(converted.stdout).isomorphic(as_rdflib(meant))
    names = allkg_in_here(
        "query", "--data", str(exported), "--format", "tsv",
        "SELECT ?name { ?condition a schema:MedicalCondition ; schema:name ?name }", cwd=tmp_path,
    )
    assert names.returncode == 0, names.stderr
    assert names.stdout.splitlines()[1:] == ['"acute lymphocytic leukemia"']


@pytest.mark.parametrize("iri", ["https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/"])
def test_every_iri_of_schema_orgs_context_reads_the_bundled_copy(exported, document, tmp_path, iri):
    named = json.loads(exported.read_text(encoding="utf-8"))
    named["@context"] = iri
    (tmp_path / "named.jsonld").write_text(json.dumps(named), encoding="utf-8")
    proc = allkg_in_here("export", "--data", "named.jsonld", "--format", "ntriples", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    meant = ox.serialize(to_quads(document), format=ox.RdfFormat.N_QUADS).decode("utf-8")
    assert as_rdflib(proc.stdout).isomorphic(as_rdflib(meant))


class ContextServer(Recorder):
    """Serves a JSON-LD context to whoever asks (nobody must)."""

    def do_GET(self) -> None:
        self.records.append((self.path, b""))
        self.reply(200, "application/ld+json", b'{"@context": {"name": "http://schema.org/name"}}')


@pytest.mark.parametrize(
    "place",
    [
        pytest.param(lambda url: {"@context": url, "name": "x"}, id="top-level"),
        pytest.param(lambda url: {"@context": ["https://schema.org", url], "name": "x"}, id="after-schema-org"),
        pytest.param(
            lambda url: {"@context": "https://schema.org", "@id": "https://e.org/a",
                         "about": {"@context": url, "name": "x"}},
            id="nested",
        ),
    ],
)
def test_any_other_remote_context_is_refused_and_never_fetched(tmp_path, place):
    with loopback_server(ContextServer) as (origin, records):
        (tmp_path / "remote.jsonld").write_text(json.dumps(place(f"{origin}/context.jsonld")), encoding="utf-8")
        proc = allkg("export", "--data", "remote.jsonld", cwd=tmp_path)  # validate reads files the same way
        assert proc.returncode == 2, proc.stderr
        assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("allkg: error: remote.jsonld: ")
        assert "not fetched" in proc.stderr
        assert records == []
