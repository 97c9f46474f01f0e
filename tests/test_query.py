"""``allkg query``: the canned queries on the seed page, every output format read back by a real
parser, the refusals (updates, SERVICE, remote FROM), syntax errors, the time limit.

Most tests run the command's entry point in this process (conftest's ``allkg_here``); the
ones about the process itself start it in a subprocess: bad usage gives exit 2 and one line,
the time and memory limits stop it, its output is the same bytes in every new process. The
checks and the time limit are also tested on :func:`allkg.query.run_query` itself, which
``serve`` will reuse.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import Recorder, allkg_here, loopback_server

from allkg.graph import GROUNDING_METHODS, KnowledgeGraph
from allkg.query import (
    ForbiddenQuery,
    QUERY_FORMATS,
    QueryOutOfMemory,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    canned_queries,
    choose_format,
    format_result,
    inspect_query,
    load_store,
    run_query,
)

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "corpus" / "tuned"
ID = "https://w3id.org/allkg/id/"
ALLKG = "https://w3id.org/allkg/ontology/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
OBO = "http://purl.obolibrary.org/obo/"
DISEASE = ID + "disease/acute-lymphocytic-leukemia"
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
"""A cross product of all triples four times: 644^4 rows to count, far beyond any time limit."""
MEMORY_HOG = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?d ?g ?j"
"""The same cross product, sorted: the sort holds every row, gigabytes within seconds."""
MIB = 1_048_576


def run_allkg(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """``allkg ARGS`` in a new process, without ALLKG_DEBUG."""
    env = dict(os.environ)
    env.pop("ALLKG_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "allkg", *args], cwd=cwd, env=env, capture_output=True, timeout=timeout)


def ok(proc: subprocess.CompletedProcess[bytes]) -> bytes:
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


def one_line_error(proc: subprocess.CompletedProcess[bytes], *mentions: str) -> str:
    """Exit 2, nothing on stdout, one stderr line 'allkg: error: ...' naming ``mentions``."""
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, stderr)
    assert proc.stdout == b""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("allkg: error: "), stderr
    for mention in mentions:
        assert mention in lines[0], (mention, lines[0])
    return lines[0]


def query_csv(*args: str, cwd: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(ok(allkg_here("query", "-q", *args, "-f", "csv", cwd=cwd)).decode())))


def query_json(*args: str, cwd: Path) -> dict:
    return json.loads(ok(allkg_here("query", "-q", *args, "-f", "json", cwd=cwd)))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    ok(run_allkg("build", "-q", "--out", str(out), cwd=out))
    return out


@pytest.fixture(scope="module")
def dataset(built: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(built / "allkg.nq"), format=ox.RdfFormat.N_QUADS))


@pytest.fixture(scope="module")
def seed_store(built: Path) -> ox.Store:
    from allkg.rdfread import read_rdf

    return load_store(read_rdf([built / "allkg.nq"]))


# --------------------------------------------------------------------------- the canned queries


def test_list_shows_every_canned_query_with_its_documentation(tmp_path: Path):
    listing = ok(allkg_here("query", "--list", cwd=tmp_path)).decode()
    names = [
        "age-groups", "anatomy", "cell-types", "evidence", "facts-per-source", "grounding", "mappings", "risk-factors", "synonyms"
    ]
    assert sorted(canned_queries()) == names
    for name, canned in canned_queries().items():
        assert f"{name}\n" in listing and canned.description in listing
        assert canned.text.startswith(f"# name: {name}\n")
        assert canned.description and canned.columns


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_canned_query_header_names_its_columns_and_hard_codes_no_entity(name: str, tmp_path: Path):
    canned = canned_queries()[name]
    declared = [column.split("(")[0].strip() for column in canned.columns.split(",") if column.split("(")[0].strip()]
    head = query_json("--name", name, cwd=tmp_path)["head"]["vars"]
    assert head == declared
    assert "w3id.org/allkg/id" not in canned.text and "/id/disease/" not in canned.text


def test_synonyms(tmp_path: Path):
    rows = query_csv("--name", "synonyms", cwd=tmp_path)
    assert rows == [
        {"disease": DISEASE, "name": "acute lymphocytic leukemia", "synonym": "acute lymphoblastic leukemia", "kind": "synonym"},
        {"disease": DISEASE, "name": "acute lymphocytic leukemia", "synonym": "ALL", "kind": "abbreviation"},
    ]


def test_cell_types(tmp_path: Path):
    rows = query_csv("--name", "cell-types", cwd=tmp_path)
    assert [(r["disease"], r["cellType"], r["label"]) for r in rows] == [
        (DISEASE, ID + "cell-type/blood-cell", "blood cell"),
        (DISEASE, ID + "cell-type/bone-marrow-cell", "bone marrow cell"),  # "occurs when a bone marrow cell develops changes"
        (DISEASE, ID + "cell-type/lymphoblast", "lymphoblast"),
        (DISEASE, ID + "cell-type/lymphocyte", "lymphocyte"),
        (DISEASE, ID + "cell-type/white-blood-cell", "white blood cell"),
    ]


def test_anatomy(tmp_path: Path):
    rows = query_csv("--name", "anatomy", cwd=tmp_path)
    assert [(r["anatomy"], r["label"]) for r in rows] == [
        (ID + "anatomy/blood", "blood"),
        (ID + "anatomy/bone-marrow", "bone marrow"),
    ]


def test_risk_factors(tmp_path: Path):
    rows = query_csv("--name", "risk-factors", cwd=tmp_path)
    assert [(r["label"], r["grounded"], r["explanation"]) for r in rows] == [
        ("exposure to radiation", "true", ""),
        ("genetic disorders", "true", ""),
        ("previous cancer treatment", "true", ""),
    ]
    assert {r["disease"] for r in rows} == {DISEASE}


def test_risk_factors_of_a_page_with_explanations_and_an_ungrounded_factor(tmp_path: Path):
    rows = {r["label"]: r for r in query_csv("--name", "risk-factors", str(PAGES / "mayo-full.txt"), cwd=tmp_path)}
    assert rows["having a brother or sister with ALL"]["grounded"] == "false"
    assert rows["exposure to radiation"]["grounded"] == "true"
    assert "Down syndrome" in rows["genetic disorders"]["explanation"]


def test_age_groups_with_what_the_page_says_of_each(tmp_path: Path):
    rows = query_csv("--name", "age-groups", cwd=tmp_path)
    assert [(r["label"], r["kind"], r["text"], r["outlook"]) for r in rows] == [
        ("adults", "epidemiology", "Acute lymphocytic leukemia can also occur in adults", ""),
        ("adults", "prognosis", "the chance of a cure is greatly reduced", ALLKG + "UnfavourableOutlook"),
        ("children", "epidemiology", "Acute lymphocytic leukemia is the most common type of cancer in children", ""),
        ("children", "prognosis", "treatments result in a good chance for a cure", ALLKG + "FavourableOutlook"),
    ]
    assert {r["ageGroup"] for r in rows} == {ID + "age-group/adults", ID + "age-group/children"}


def test_evidence_of_every_fact_quotes_the_page_at_its_offsets(tmp_path: Path, dataset: list[ox.Quad]):
    document = query_json("--name", "evidence", cwd=tmp_path)
    rows = [{k: v["value"] for k, v in b.items()} for b in document["results"]["bindings"]]
    text = next(q.object.value for q in dataset if q.predicate.value == ALLKG + "decodedText")
    facts = {q.subject.value for q in dataset if q.object == ox.NamedNode(ALLKG + "Fact")}
    assert {r["fact"] for r in rows} == facts and len(facts) == 36  # with "occurs when a bone marrow cell develops changes": its cell
    for row in rows:
        assert text[int(row["start"]) : int(row["end"])] == row["quote"], row
        assert row["fileName"] == "seed-mayo-clinic-all.txt" and row["source"].startswith(ID + "source/")
    synonym = next(r for r in rows if r["object"] == "acute lymphoblastic leukemia")
    assert synonym["kind"] == "synonym" and synonym["predicate"] == SKOS + "altLabel"
    assert "acute lymphoblastic leukemia" in synonym["quote"]
    radiation = [r for r in rows if r["object"] == ID + "risk-factor/exposure-to-radiation"]
    assert {r["quote"] for r in radiation} == {
        "Factors that may increase the risk of acute lymphocytic leukemia include:",  # the list's lead-in
        "Exposure to radiation",  # and its item
    }
    assert {r["subject"] for r in radiation} == {DISEASE}


def test_facts_per_source(tmp_path: Path, dataset: list[ox.Quad]):
    rows = query_csv("--name", "facts-per-source", cwd=tmp_path)
    spans = {q.subject.value for q in dataset if q.object == ox.NamedNode(ALLKG + "Evidence")}
    assert [(r["fileName"], r["facts"], r["evidenceSpans"]) for r in rows] == [
        ("seed-mayo-clinic-all.txt", "36", str(len(spans)))
    ]


def test_facts_per_source_of_two_pages(tmp_path: Path):
    rows = query_csv("--name", "facts-per-source", str(PAGES / "encyclopedia.txt"), str(PAGES / "nci-style.txt"), cwd=tmp_path)
    assert [r["fileName"] for r in rows] == ["encyclopedia.txt", "nci-style.txt"]
    assert all(int(r["facts"]) > 5 for r in rows)


def test_mappings(tmp_path: Path, dataset: list[ox.Quad]):
    rows = query_csv("--name", "mappings", cwd=tmp_path)
    found = {(r["entity"], r["relation"].rsplit("#", 1)[-1], r["target"]) for r in rows}
    assert {
        (DISEASE, "exactMatch", OBO + "MONDO_0004967"),
        (DISEASE, "hasDbXref", "ICD10CM:C91.0"),
        (ID + "cell-type/lymphocyte", "exactMatch", OBO + "CL_0000542"),
        (ID + "cell-type/lymphoblast", "broadMatch", OBO + "CL_0001064"),
        (ID + "anatomy/bone-marrow", "exactMatch", OBO + "UBERON_0002371"),
        (ID + "risk-factor/exposure-to-radiation", "exactMatch", OBO + "ECTO_0000001"),
        (ID + "risk-factor/previous-cancer-treatment", "closeMatch", OBO + "ECTO_9001737"),
        (ID + "age-group/children", "exactMatch", OBO + "HP_0410280"),
    } <= found
    concepts = {q.subject.value for q in dataset if q.object == ox.NamedNode(SKOS + "Concept")}
    assert {r["entity"] for r in rows} == concepts


GROUNDING_PAGE = REPO / "tests" / "data" / "grounding.txt"


def test_grounding_says_how_each_concept_was_recognised(tmp_path: Path):
    rows = query_csv("--name", "grounding", str(GROUNDING_PAGE), cwd=tmp_path)
    by_label = {r["label"]: r for r in rows if r["predicate"] == ALLKG + "hasSymptom"}
    assert {label: r["method"].removeprefix(ALLKG) for label, r in by_label.items()} == {
        "easy bruising": "CuratedVocabularyMatch",
        "epistaxis": "LaypersonSynonymMatch",
        "fatigue": "CuratedVocabularyMatch",
        "feeling out of sorts": "Ungrounded",
        "joints ache": "FuzzyMatch",
        "pallor": "CuratedVocabularyMatch",
        "swelling of the jaw": "FuzzyMatch",
    }
    hp = "http://purl.obolibrary.org/obo/hp/releases/2025-01-16/hp.obo"
    assert by_label["epistaxis"]["release"] == by_label["swelling of the jaw"]["release"] == hp
    assert by_label["fatigue"]["release"] == by_label["feeling out of sorts"]["release"] == ""  # ours, local
    assert 0.9 <= float(by_label["joints ache"]["score"]) <= 1 and 0.9 <= float(by_label["swelling of the jaw"]["score"]) <= 1
    assert all(r["score"] == "" for label, r in by_label.items() if label not in ("joints ache", "swelling of the jaw"))
    assert {r["subject"] for r in by_label.values()} == {DISEASE}
    assert all(r["object"].startswith(ID) and r["fact"].startswith(ID + "fact/") for r in rows)


def test_grounding_of_the_seed_has_a_row_per_concept_fact(tmp_path: Path, dataset: list[ox.Quad]):
    rows = query_csv("--name", "grounding", cwd=tmp_path)
    concepts = {q.subject for q in dataset if q.object == ox.NamedNode(SKOS + "Concept")}
    concept_facts = {
        q.subject.value for q in dataset if q.predicate.value == RDF + "object" and q.object in concepts
    }
    assert {r["fact"] for r in rows} == concept_facts and len(rows) == len(concept_facts)
    methods = {ALLKG + name for name in GROUNDING_METHODS.values()}
    assert all(r["method"] in methods or r["method"] == "" for r in rows)  # "": the extractor did not say
    assert [r["method"] for r in rows if r["label"] == "exposure to radiation"] == [ALLKG + "CuratedVocabularyMatch"]


def test_the_data_models_example_finds_the_facts_grounded_only_by_a_fuzzy_match(tmp_path: Path):
    """The query docs/data-model.md gives reviewers, run as written."""
    import re

    text = (REPO / "docs" / "data-model.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```sparql\n(.*?)```", text, flags=re.DOTALL)
    rows = query_csv(example, str(GROUNDING_PAGE), cwd=tmp_path)
    assert sorted(r["label"] for r in rows) == ["chemical exposure", "joints ache", "swelling of the jaw"]
    assert all(0.9 <= float(r["score"]) <= 1 for r in rows)


def test_canned_queries_follow_a_rebased_graph(tmp_path: Path):
    base = "https://example.org/leukemia/"
    rows = query_csv("--name", "synonyms", "--base-iri", base, cwd=tmp_path)
    assert [r["synonym"] for r in rows] == ["acute lymphoblastic leukemia", "ALL"]
    assert rows[0]["disease"] == base + "id/disease/acute-lymphocytic-leukemia"


@pytest.mark.parametrize("name", ["allkg.nq", "allkg.ttl"])
def test_data_file_gives_the_same_answer_as_the_page(name: str, built: Path, tmp_path: Path):
    for query in ("evidence", "age-groups"):
        from_page = ok(allkg_here("query", "-q", "--name", query, "-f", "csv", cwd=tmp_path))
        from_file = ok(allkg_here("query", "--name", query, "-f", "csv", "--data", str(built / name), cwd=tmp_path))
        assert from_file == from_page


def test_output_is_byte_identical_across_runs(tmp_path: Path):
    """A new process, with its own hash seed and nothing cached, gives the bytes this one gives."""
    for fmt in ("table", "csv", "json", "xml"):
        args = ("query", "-q", "--name", "evidence", "-f", fmt)
        first, second = ok(allkg_here(*args, cwd=tmp_path)), ok(run_allkg(*args, cwd=tmp_path))
        assert first == second and first


# --------------------------------------------------------------------------- how the query is given


def test_query_from_a_file_from_stdin_and_with_pages(tmp_path: Path):
    text = "SELECT ?label { ?d a allkg:Disease ; skos:altLabel ?label } ORDER BY ?label"
    (tmp_path / "q.rq").write_text(text, encoding="utf-8")
    expected = ok(allkg_here("query", "-q", text, "-f", "csv", cwd=tmp_path))
    assert expected.decode().splitlines() == ["label", "ALL", "acute lymphoblastic leukemia"]
    assert ok(allkg_here("query", "-q", "--file", "q.rq", "-f", "csv", cwd=tmp_path)) == expected
    assert ok(allkg_here("query", "-q", "--file", "-", "-f", "csv", cwd=tmp_path, stdin=text.encode())) == expected
    page = str(PAGES / "nci-style.txt")
    with_page = ok(allkg_here("query", "-q", text, page, "-f", "csv", cwd=tmp_path))
    assert with_page == ok(allkg_here("query", "-q", "--file", "q.rq", page, "-f", "csv", cwd=tmp_path))
    assert with_page != expected


@pytest.mark.parametrize(
    ("args", "mention"),
    [
        ((), "give a query"),
        (("--name", "nope"), "no canned query named 'nope'"),
        (("--name", "synonyms", "--file", "x.rq"), "not both"),
        (("--file", "missing.rq"), "missing.rq"),
        (("--name", "synonyms", "--data", "x.ttl", "page.txt"), "not both"),
    ],
)
def test_bad_usage_is_one_line(args: tuple[str, ...], mention: str, tmp_path: Path):
    one_line_error(run_allkg("query", "-q", *args, cwd=tmp_path), mention)


# --------------------------------------------------------------------------- formats, read back by parsers

def test_select_in_every_results_format(tmp_path: Path):
    query = """
    SELECT ?entity ?label ?start ?missing WHERE {
      VALUES ?entity { <https://w3id.org/allkg/id/anatomy/blood> <https://w3id.org/allkg/id/anatomy/bone-marrow> }
      ?entity skos:prefLabel ?label .
      OPTIONAL { ?entity allkg:nothing ?missing }
      BIND(7 AS ?start)
    } ORDER BY ?entity
    """
    blood, marrow = ID + "anatomy/blood", ID + "anatomy/bone-marrow"

    rows = list(csv.reader(io.StringIO(ok(allkg_here("query", "-q", query, "-f", "csv", cwd=tmp_path)).decode())))
    assert rows == [["entity", "label", "start", "missing"], [blood, "blood", "7", ""], [marrow, "bone marrow", "7", ""]]

    tsv = ok(allkg_here("query", "-q", query, "-f", "tsv", cwd=tmp_path)).decode().splitlines()
    assert [line.split("\t") for line in tsv] == [
        ["?entity", "?label", "?start", "?missing"],
        [f"<{blood}>", '"blood"@en', "7", ""],
        [f"<{marrow}>", '"bone marrow"@en', "7", ""],
    ]

    document = json.loads(ok(allkg_here("query", "-q", query, "-f", "json", cwd=tmp_path)))
    assert document["head"]["vars"] == ["entity", "label", "start", "missing"]
    first = document["results"]["bindings"][0]
    assert first["entity"] == {"type": "uri", "value": blood}
    assert first["label"] == {"type": "literal", "value": "blood", "xml:lang": "en"}
    assert first["start"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer" and "missing" not in first

    root = ET.fromstring(ok(allkg_here("query", "-q", query, "-f", "xml", cwd=tmp_path)))
    assert root.tag == SPARQL_RESULTS + "sparql"
    names = [v.get("name") for v in root.iter(SPARQL_RESULTS + "variable")]
    assert names == ["entity", "label", "start", "missing"]
    results = root.findall(f"{SPARQL_RESULTS}results/{SPARQL_RESULTS}result")
    assert len(results) == 2
    bindings = {b.get("name"): b[0] for b in results[1].findall(SPARQL_RESULTS + "binding")}
    assert bindings["entity"].tag == SPARQL_RESULTS + "uri" and bindings["entity"].text == marrow
    assert bindings["label"].text == "bone marrow"
    assert bindings["label"].get("{http://www.w3.org/XML/1998/namespace}lang") == "en"

    table = ok(allkg_here("query", "-q", query, "-f", "table", cwd=tmp_path)).decode().splitlines()
    assert table[0].split() == ["?entity", "?label", "?start", "?missing"]
    assert table[2].split() == ["id:anatomy/blood", "blood", "7"] and table[-1] == "(2 rows)"


def test_ask_as_table_json_and_xml(tmp_path: Path):
    assert ok(allkg_here("query", "-q", "ASK { ?d a allkg:Disease }", "-f", "table", cwd=tmp_path)) == b"true\n"
    assert json.loads(ok(allkg_here("query", "-q", "ASK { ?d a allkg:Symptom }", "-f", "json", cwd=tmp_path))) == {
        "head": {},
        "boolean": False,
    }
    root = ET.fromstring(ok(allkg_here("query", "-q", "ASK { ?d a allkg:Disease }", "-f", "xml", cwd=tmp_path)))
    assert root.find(SPARQL_RESULTS + "boolean").text == "true"  # type: ignore[union-attr]


def test_construct_as_turtle_and_ntriples(tmp_path: Path):
    query = "CONSTRUCT { ?d skos:altLabel ?l } WHERE { ?d a allkg:Disease ; skos:altLabel ?l }"
    expected = {
        (rdflib.URIRef(DISEASE), rdflib.URIRef(SKOS + "altLabel"), rdflib.Literal(label, lang="en"))
        for label in ("ALL", "acute lymphoblastic leukemia")
    }
    turtle = ok(allkg_here("query", "-q", query, cwd=tmp_path))  # Turtle is the default for triples
    assert set(rdflib.Graph().parse(data=turtle, format="turtle")) == expected
    assert len(list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))) == 2
    ntriples = ok(allkg_here("query", "-q", query, "-f", "ntriples", cwd=tmp_path))
    assert set(rdflib.Graph().parse(data=ntriples, format="nt")) == expected
    described = ok(allkg_here("query", "-q", "DESCRIBE ?d WHERE { ?d skos:prefLabel 'blood'@en }", "-f", "ntriples", cwd=tmp_path))
    subjects = {str(s) for s, _, _ in rdflib.Graph().parse(data=described, format="nt")}
    assert subjects == {ID + "anatomy/blood"}


@pytest.mark.parametrize(
    ("query", "fmt", "mention"),
    [
        ("SELECT * { ?s ?p ?o }", "turtle", "--format turtle is for CONSTRUCT and DESCRIBE"),
        ("ASK { ?s ?p ?o }", "ntriples", "gives a boolean"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "csv", "--format csv is for SELECT and ASK"),
        ("DESCRIBE ?s WHERE { ?s ?p ?o }", "table", "use turtle or ntriples"),
    ],
)
def test_a_format_that_does_not_fit_the_query_is_a_usage_error(query: str, fmt: str, mention: str, tmp_path: Path):
    one_line_error(allkg_here("query", "-q", query, "-f", fmt, cwd=tmp_path), mention)


def test_default_format_is_a_table_on_a_terminal_and_csv_in_a_pipe(tmp_path: Path):
    assert ok(allkg_here("query", "-q", "--name", "anatomy", cwd=tmp_path)).startswith(b"disease,anatomy,label\r\n")
    assert choose_format("SELECT", None, terminal=True) == "table"
    assert choose_format("ASK", None, terminal=False) == "csv"
    assert choose_format("DESCRIBE", None, terminal=True) == "turtle"


def test_table_is_aligned_by_display_width(tmp_path: Path):
    import wcwidth  # an independent measure of display width (test extras)
    data = tmp_path / "wide.ttl"
    data.write_text(
        '<http://example.org/a> <http://example.org/label> "白血病 (leukemia)" , "e\u0301cole" , "plain" , "tab\there" .\n',
        encoding="utf-8",
    )
    query = "SELECT ?label ?s { ?s <http://example.org/label> ?label } ORDER BY ?label"
    lines = ok(allkg_here("query", query, "--data", str(data), "-f", "table", cwd=tmp_path)).decode().splitlines()
    assert lines[-1] == "(4 rows)"
    assert any("tab\\there" in line for line in lines)  # a tab is shown escaped, the row stays one line
    column = [wcwidth.wcswidth(line[: line.index("<http")]) for line in lines[2:-1]]
    assert len(set(column)) == 1 and column[0] == wcwidth.wcswidth(lines[0][: lines[0].index("?s")])


def test_long_cells_are_cut_with_a_marker_only_when_asked(tmp_path: Path):
    cut = ok(allkg_here("query", "-q", "--name", "evidence", "-f", "table", "--max-width", "20", cwd=tmp_path)).decode()
    assert "…" in cut and "cut at 20 columns" in cut.splitlines()[-1]
    assert all(len(cell.strip()) <= 20 for line in cut.splitlines()[2:-1] for cell in line.split("  "))
    whole = ok(allkg_here("query", "-q", "--name", "evidence", "-f", "table", "--max-width", "0", cwd=tmp_path)).decode()
    assert "…" not in whole and "cut at" not in whole
    assert "The word \"acute\" in acute lymphocytic leukemia comes from the fact that the disease progresses" in whole


# --------------------------------------------------------------------------- read-only and offline


class _Endpoint(Recorder):
    """A local SPARQL endpoint that records the queries it gets."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        self.records.append((self.path, self.body()))
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"from the endpoint"}}]}}'
        self.reply(200, "application/sparql-results+json", body)


@pytest.fixture()
def endpoint():
    with loopback_server(_Endpoint) as (origin, requests):
        yield origin + "/sparql", requests


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * { service<{url}>{?s ?p ?o} }",
    "SELECT * { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "SELECT * { VALUES ?e { <{url}> } SERVICE ?e { ?s ?p ?o } }",
    "SELECT * { ?a ?b ?c.SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * { ?a ?b true.SERVICE <{url}> { ?s ?p ?o } }",
    "# a comment\nSELECT * { ?a ?b 'x' # SERVICE in a comment\n SERVICE <{url}> { ?s ?p ?o } }",
    "PREFIX e: <{url}>\nSELECT * { SERVICE e: { ?s ?p ?o } }",
    "SELECT * { \\u0053ERVICE <{url}> { ?s ?p ?o } }",  # SPARQL escapes outside strings: Oxigraph rejects them
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_and_reaches_no_network(template: str, endpoint, tmp_path: Path):
    url, requests = endpoint
    proc = allkg_here("query", "-q", template.replace("{url}", url), cwd=tmp_path)
    line = one_line_error(proc)
    assert "SERVICE would query a remote endpoint" in line or "query syntax error" in line
    assert requests == []


def test_allow_network_lets_service_reach_the_endpoint(endpoint, tmp_path: Path):
    url, requests = endpoint
    query = f"SELECT ?x {{ SERVICE <{url}> {{ ?x ?y ?z }} }}"
    rows = query_csv(query, "--allow-network", cwd=tmp_path)
    assert rows == [{"x": "from the endpoint"}] and len(requests) == 1


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?s WHERE { ?s ?p "SERVICE <http://example.org/> { }" }',
        "SELECT ?s WHERE { ?s ?p '''LOAD <http://example.org/>\nINSERT DATA {}''' }",
        "SELECT ?s # SERVICE <http://example.org/> { }\nWHERE { ?s ?p ?o } LIMIT 1",
        "PREFIX service: <http://example.org/>\nSELECT ?service WHERE { ?service service:load ?o }",
        "SELECT ?s WHERE { ?s <http://example.org/SERVICE#FROM> ?o }",
        "SELECT ?s WHERE { ?s ?p 'x'@service }",
        'SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(?o, "DELETE")) }',
    ],
)
def test_keywords_inside_strings_comments_iris_and_names_are_not_refused(query: str, tmp_path: Path):
    ok(allkg_here("query", "-q", query, "-f", "csv", cwd=tmp_path))


@pytest.mark.parametrize(
    ("query", "mention"),
    [
        ("LOAD <http://example.org/data.ttl>", "LOAD: this is a SPARQL update"),
        ("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "INSERT: this is a SPARQL update"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE: this is a SPARQL update"),
        ("PREFIX x: <http://e/>\n# a comment\nclear all", "CLEAR: this is a SPARQL update"),
        ("DROP GRAPH <http://e/g>", "DROP"),
        ("SELECT * FROM <http://example.org/remote.ttl> { ?s ?p ?o }", "FROM <http://example.org/remote.ttl>: not a graph"),
        ("SELECT * FROM NAMED <http://example.org/g> { GRAPH ?g { ?s ?p ?o } }", "FROM <http://example.org/g>"),
        ("BASE <http://example.org/>\nSELECT * FROM <remote.ttl> { ?s ?p ?o }", "FROM <http://example.org/remote.ttl>"),
        ("PREFIX r: <http://example.org/>\nSELECT * FROM r:x { ?s ?p ?o }", "FROM <http://example.org/x>"),
    ],
)
def test_updates_and_remote_graphs_are_refused(query: str, mention: str, tmp_path: Path):
    one_line_error(allkg_here("query", "-q", query, cwd=tmp_path), mention)


class _Graphs(Recorder):
    """A local web server with one Turtle file."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.records.append((self.path, b""))
        if self.path == "/extra.ttl":
            self.reply(200, "text/turtle", b'<http://example.org/a> <http://example.org/says> "fetched" .\n')
        else:
            self.reply(404, "text/plain", b"no")


@pytest.fixture()
def web_graphs():
    with loopback_server(_Graphs) as served:
        yield served


def test_a_remote_from_graph_is_fetched_only_when_the_network_is_allowed(web_graphs, tmp_path: Path):
    origin, requests = web_graphs
    query = f"SELECT ?o FROM <{origin}/extra.ttl> WHERE {{ ?s <http://example.org/says> ?o }}"
    one_line_error(allkg_here("query", "-q", query, cwd=tmp_path), "nothing is fetched")
    assert requests == []
    assert query_csv(query, "--allow-network", cwd=tmp_path) == [{"o": "fetched"}]
    assert requests == [("/extra.ttl", b"")]
    missing = query.replace("extra.ttl", "missing.ttl")
    one_line_error(allkg_here("query", "-q", "--allow-network", missing, cwd=tmp_path), "could not fetch it")


def test_from_an_evidence_graph_of_the_data_selects_it(tmp_path: Path, dataset: list[ox.Quad]):
    [graph] = {q.graph_name.value for q in dataset if isinstance(q.graph_name, ox.NamedNode)}
    in_graph = sum(1 for q in dataset if isinstance(q.graph_name, ox.NamedNode))
    rows = query_csv(f"SELECT (COUNT(*) AS ?n) FROM <{graph}> {{ ?s ?p ?o }}", cwd=tmp_path)
    assert rows == [{"n": str(in_graph)}]
    everything = query_csv("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", cwd=tmp_path)
    assert everything == [{"n": str(len(dataset))}]


# --------------------------------------------------------------------------- syntax errors and time limits


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  ?s <bad iri> ?o\n}", "line 4, column 15"),
        ("SELECT ?s\nWHERE {\n  ?s ?p \"é\" ;\n  FILTER(?o > 1)\n  BIND(1 AS)\n}", "line 5, column 13"),
    ],
)
def test_syntax_error_gives_line_and_column(query: str, where: str, tmp_path: Path):
    line = one_line_error(allkg_here("query", "-q", query, cwd=tmp_path))
    assert line.startswith(f"allkg: error: query syntax error at {where}: "), line


def test_a_runaway_query_is_stopped_at_the_timeout(tmp_path: Path):
    started = time.monotonic()
    proc = run_allkg("query", "-q", "--timeout", "2", RUNAWAY, cwd=tmp_path, timeout=60)
    elapsed = time.monotonic() - started
    one_line_error(proc, "ran longer than 2 s and was stopped")
    assert elapsed < 2 + 5, elapsed  # start-up and the build of the seed page take well under a second


MEASURED = """import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Runs a command and writes its peak resident memory (KiB, its processes' largest). Linux
hands a process the peak of the process it was forked from at exec, so the command is started
from this small process, not from pytest's (hundreds of MiB after the suite's other tests)."""


def test_a_query_needing_more_memory_than_the_limit_is_stopped(tmp_path: Path):
    """Exit 2 with one line, in seconds, and no process of the command ever held much more than the limit."""
    peak = tmp_path / "maxrss"
    command = [sys.executable, "-c", MEASURED, str(peak), sys.executable, "-m", "allkg", "query", "-q",
               "--max-memory", "300", MEMORY_HOG]
    started = time.monotonic()
    proc = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=60)
    elapsed = time.monotonic() - started
    assert (proc.returncode, proc.stdout) == (2, b""), proc.stderr
    assert proc.stderr.decode() == (
        "allkg: error: the query needed more than 300 MiB of memory and was stopped (see --max-memory)\n"
    )
    maxrss = int(peak.read_text())  # the command and its query process
    assert maxrss * 1024 < 300 * MIB + 64 * MIB, maxrss  # the data limit, plus shared libraries
    assert elapsed < 20, elapsed


def test_run_query_stops_the_child_and_reports_each_failure(seed_store: ox.Store):
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        run_query(seed_store, RUNAWAY, timeout=1)
    assert time.monotonic() - started < 3
    assert multiprocessing.active_children() == []
    with pytest.raises(ResultTooLarge, match="more than 2 rows"):
        run_query(seed_store, "SELECT * { ?s ?p ?o }", timeout=10, limit=2)
    with pytest.raises(ResultTooLarge, match="more than 5 triples"):
        run_query(seed_store, "CONSTRUCT WHERE { ?s ?p ?o }", limit=5)
    with pytest.raises(QuerySyntaxError, match="line 2"):
        run_query(seed_store, "SELECT *\n{ ?s ?p }", timeout=10)
    with pytest.raises(ForbiddenQuery):
        run_query(seed_store, "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", timeout=10)
    with pytest.raises(QueryOutOfMemory, match="more than 200 MiB"):
        run_query(seed_store, MEMORY_HOG, max_memory=200 * MIB)  # no time limit: the memory limit alone
    assert multiprocessing.active_children() == []
    assert len(run_query(seed_store, "SELECT * { ?s ?p ?o } LIMIT 3", timeout=10, limit=3).rows) == 3


def test_without_fork_the_query_is_abandoned_at_the_deadline(monkeypatch: pytest.MonkeyPatch):
    store = ox.Store()
    store.bulk_extend(
        ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(str(i))) for i in range(60)
    )  # the runaway query takes about a second here, so the abandoned thread ends soon
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="abandoned"):
        run_query(store, RUNAWAY, timeout=0.2)
    assert time.monotonic() - started < 1
    assert run_query(store, "ASK { ?s ?p ?o }", timeout=10).boolean is True


# --------------------------------------------------------------------------- the module itself


@pytest.mark.parametrize(
    ("query", "form", "services", "updates"),
    [
        ("PREFIX s: <http://e/>\nselect * { ?s s:p ?o }", "SELECT", 0, ()),
        ("CONSTRUCT WHERE { ?s ?p ?o } # SERVICE", "CONSTRUCT", 0, ()),
        ('ASK { ?s ?p """a "SERVICE" \\""" and LOAD""" }', "ASK", 0, ()),
        ("DESCRIBE <http://e/x> ?y { SERVICE ?e {} }", "DESCRIBE", 1, ()),
        ("SELECT * { ?s ?p ?o . service<http://e/>{} SERVICE SILENT <http://e/> {} }", "SELECT", 2, ()),
        ("WITH <http://e/g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "", 0, ("DELETE", "INSERT")),
        ("SELECT * { ?s e:SERVICE ?service . _:SERVICE ?p 1.5e3 }", "SELECT", 0, ()),
    ],
)
def test_inspect_query_reads_tokens(query: str, form: str, services: int, updates: tuple[str, ...]):
    info = inspect_query(query)
    assert (info.form, info.services, info.updates) == (form, services, updates)


def test_format_result_writes_constructed_triples_sorted(seed_store: ox.Store):
    result = run_query(seed_store, "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } ")
    ntriples = format_result(result, "ntriples").decode().splitlines()
    assert ntriples == sorted(ntriples) and len(ntriples) == len(result.triples or [])


def test_the_cli_offers_the_query_modules_formats():
    from allkg.cli import QUERY_FORMAT_NAMES

    assert QUERY_FORMAT_NAMES == QUERY_FORMATS


def test_empty_graph_gives_a_header_and_no_rows(tmp_path: Path):
    graph = KnowledgeGraph("https://w3id.org/allkg/")
    result = run_query(load_store(graph), "SELECT ?s { ?s ?p ?o }")
    assert format_result(result, "csv") == b"s\r\n"
    assert format_result(result, "table").decode().splitlines() == ["?s", "--", "(0 rows)"]
