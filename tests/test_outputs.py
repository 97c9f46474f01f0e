"""The files ``allkg build`` writes: stable bytes, one graph in every format, readable by other tools.

The builds run the real command in a subprocess (each new process has its own hash seed);
``export`` runs its entry point in this process, against a build made by another. The files
are read back with pyoxigraph, rdflib and raptor's ``rapper``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from conftest import allkg_here

from allkg.cli import cli as allkg_cli
from allkg.resources import resource_path

# format name on the command line -> (file extension, pyoxigraph format, rdflib format, rapper input name)
FORMATS: dict[str, tuple[str, ox.RdfFormat, str, str | None]] = {
    "turtle": ("ttl", ox.RdfFormat.TURTLE, "turtle", "turtle"),
    "jsonld": ("jsonld", ox.RdfFormat.JSON_LD, "json-ld", None),
    "ntriples": ("nt", ox.RdfFormat.N_TRIPLES, "nt", "ntriples"),
    "nquads": ("nq", ox.RdfFormat.N_QUADS, "nquads", "nquads"),
    "trig": ("trig", ox.RdfFormat.TRIG, "trig", "trig"),
}
DATASET_FORMATS = ("nquads", "trig")
OUTPUT_NAMES = sorted(f"allkg.{ext}" for ext, *_ in FORMATS.values())

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
VOID = "http://rdfs.org/ns/void#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
ALLKG = "https://w3id.org/allkg/ontology/"

# rdflib's own parsers use its deprecated ConjunctiveGraph / default_context internally
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated.*:DeprecationWarning")


def run_allkg(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    full_env = dict(os.environ)
    full_env.pop("ALLKG_DEBUG", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "allkg", *args], cwd=cwd, env=full_env, capture_output=True, timeout=120
    )


def ok(proc: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[bytes]:
    stderr = proc.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in stderr + proc.stdout.decode("utf-8", errors="replace"), stderr
    assert proc.returncode == 0, f"exit {proc.returncode}: {stderr}"
    return proc


def build(cwd: Path, out: str, env: dict[str, str] | None = None) -> Path:
    ok(run_allkg(["build", "--out", out], cwd, env))
    folder = cwd / out
    assert sorted(p.name for p in folder.iterdir()) == OUTPUT_NAMES
    return folder


def file_of(folder: Path, format_name: str) -> Path:
    return folder / f"allkg.{FORMATS[format_name][0]}"


def quads_of(path: Path, format_name: str) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=FORMATS[format_name][1]))


def triple_lines(quads: list[ox.Quad]) -> set[str]:
    """The triples, graph names ignored, as N-Triples lines."""
    return {f"{q.subject} {q.predicate} {q.object} ." for q in quads}


def quad_lines(quads: list[ox.Quad]) -> set[str]:
    return {
        f"{q.subject} {q.predicate} {q.object} ." if isinstance(q.graph_name, ox.DefaultGraph)
        else f"{q.subject} {q.predicate} {q.object} {q.graph_name} ."
        for q in quads
    }


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the bundled page with every default format."""
    return build(tmp_path_factory.mktemp("build"), "out")


@pytest.fixture(scope="module")
def parsed(out: Path) -> dict[str, list[ox.Quad]]:
    return {name: quads_of(file_of(out, name), name) for name in FORMATS}


# --------------------------------------------------------------------------- (a) determinism


@pytest.mark.parametrize(
    "env",
    [
        pytest.param({}, id="same-environment"),
        pytest.param({"PYTHONHASHSEED": "1"}, id="PYTHONHASHSEED=1"),
        pytest.param({"PYTHONHASHSEED": "2"}, id="PYTHONHASHSEED=2"),
    ],
)
def test_builds_are_byte_identical(tmp_path: Path, out: Path, env: dict[str, str]) -> None:
    again = build(tmp_path, "again", env)
    for name in OUTPUT_NAMES:
        assert (again / name).read_bytes() == (out / name).read_bytes(), f"{name} differs between two builds ({env})"


# --------------------------------------------------------------------------- (b) one graph, every parser


def test_no_blank_nodes(parsed: dict[str, list[ox.Quad]]) -> None:
    for name, quads in parsed.items():
        assert quads, f"{name}: no triples"
        blank = [q for q in quads if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)]
        assert blank == [], f"{name}: blank nodes in {blank[:3]}"
        assert all(not isinstance(q.graph_name, ox.BlankNode) for q in quads), name


def test_every_format_is_the_same_graph(parsed: dict[str, list[ox.Quad]]) -> None:
    reference = triple_lines(parsed["ntriples"])
    assert len(reference) == len(parsed["ntriples"]), "duplicate lines in the N-Triples file"
    for name, quads in parsed.items():
        assert triple_lines(quads) == reference, f"{name} is not the same graph as the N-Triples file"
    assert quad_lines(parsed["nquads"]) == quad_lines(parsed["trig"]), "N-Quads and TriG differ in graph names"
    for name in DATASET_FORMATS:
        # the union of the graphs is the graph, with no triple in two graphs
        assert len(parsed[name]) == len(reference), f"{name}: a triple is in more than one graph"


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_rdflib_reads_the_same_graph(out: Path, parsed: dict[str, list[ox.Quad]], format_name: str) -> None:
    path = file_of(out, format_name)
    rdflib_format = FORMATS[format_name][2]
    if format_name in DATASET_FORMATS:
        dataset = rdflib.Dataset()
        dataset.parse(path, format=rdflib_format)
        triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    else:
        graph = rdflib.Graph()
        graph.parse(path, format=rdflib_format)
        triples = set(graph)
    assert not any(isinstance(t, rdflib.BNode) for triple in triples for t in triple)
    reference = rdflib.Graph()
    reference.parse(file_of(out, "ntriples"), format="nt")
    assert len(triples) == len(triple_lines(parsed["ntriples"]))
    assert triples == set(reference), f"rdflib reads {format_name} as another graph than the N-Triples file"


# --------------------------------------------------------------------------- (c) named evidence graphs


@pytest.mark.parametrize("format_name", DATASET_FORMATS)
def test_evidence_is_in_named_graphs(parsed: dict[str, list[ox.Quad]], format_name: str) -> None:
    quads = parsed[format_name]
    default = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    named = [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]
    names = {q.graph_name for q in named}
    assert names, "no named graph"
    assert all(isinstance(n, ox.NamedNode) and n.value.endswith("/evidence") for n in names), names

    # each named graph belongs to a source document described in the default graph
    sources = {
        q.subject.value
        for q in default
        if q.predicate.value == RDF_TYPE and q.object.value == ALLKG + "SourceDocument"
    }
    assert {n.value.removesuffix("/evidence") for n in names} <= sources

    # the domain triples (each fact's subject, predicate, object) are in the default graph
    default_lines = triple_lines(default)
    by_fact: dict[str, dict[str, str]] = {}
    for q in default:
        if q.predicate.value in (RDF + "subject", RDF + "predicate", RDF + "object"):
            by_fact.setdefault(q.subject.value, {})[q.predicate.value.removeprefix(RDF)] = str(q.object)
    assert by_fact, "no fact nodes in the default graph"
    for fact, parts in by_fact.items():
        line = f"{parts['subject']} {parts['predicate']} {parts['object']} ."
        assert line in default_lines, f"the domain triple of {fact} is not in the default graph"

    # the evidence (derivation links, evidence nodes, selectors) is only in named graphs
    evidence_nodes = {
        q.subject.value for q in quads if q.predicate.value == RDF_TYPE and q.object.value == ALLKG + "Evidence"
    }
    assert evidence_nodes
    for q in default:
        assert q.predicate.value != PROV + "wasDerivedFrom", q
        assert not q.predicate.value.startswith(OA), q
        assert not any(q.subject.value.startswith(node) for node in evidence_nodes), q
    expected = {PROV + "wasDerivedFrom", OA + "hasSelector", OA + "exact", OA + "start"}
    assert {q.predicate.value for q in named} >= expected


# --------------------------------------------------------------------------- (d) rapper


def _rapper() -> str:
    path = shutil.which("rapper")
    if path is None:
        pytest.fail("rapper is not installed: install it with `apt-get install -y raptor2-utils` (Debian/Ubuntu)")
    return path


@pytest.mark.parametrize("format_name", [name for name, spec in FORMATS.items() if spec[3]])
def test_rapper_reads_every_format(out: Path, parsed: dict[str, list[ox.Quad]], format_name: str) -> None:
    rapper = _rapper()
    path = file_of(out, format_name)
    proc = subprocess.run(
        [rapper, "-i", FORMATS[format_name][3], "-o", "nquads", str(path), "https://example.org/base/"],
        capture_output=True,
        timeout=60,
    )
    stderr = proc.stderr.decode("utf-8", errors="replace")
    assert proc.returncode == 0, stderr
    assert "rapper: Error" not in stderr and "rapper: Warning" not in stderr, stderr
    lines = [line for line in proc.stdout.decode("utf-8").splitlines() if line.strip()]
    assert f"returned {len(lines)} triples" in stderr, stderr
    assert len(lines) == len(set(lines)) == len(parsed[format_name]) == len(triple_lines(parsed["ntriples"]))


# --------------------------------------------------------------------------- (e) JSON-LD


def _walk(value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def test_jsonld_has_inline_context_and_compact_terms(out: Path) -> None:
    document = json.loads(file_of(out, "jsonld").read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    assert isinstance(document.get("@context"), dict), "the @context must be an inline object, not a URL"
    shipped = json.loads(resource_path("ontology", "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert document["@context"] == shipped
    contexts = [value for key, value in _walk(document) if key == "@context"]
    assert all(isinstance(c, dict) for c in contexts), "a nested @context is a string URL"
    keys = {key for key, _ in _walk({k: v for k, v in document.items() if k != "@context"})}
    assert {"prefLabel", "inScheme"} <= keys, sorted(keys)[:40]
    full_iris = sorted(k for k in keys if k.startswith(("http://", "https://")))
    assert "http://www.w3.org/2004/02/skos/core#prefLabel" not in full_iris, full_iris


def test_the_jsonld_context_declares_the_one_prefix_map(out: Path) -> None:
    """Every prefix of namespaces.PREFIXES, and no other, is a prefix of the context: as a plain IRI ending
    in / or #, else with "@prefix": true (JSON-LD 1.1 expands EFO:0000220 only then); the file's
    compact IRIs of those namespaces expand back (pyoxigraph reads JSON-LD 1.1)."""
    from allkg.namespaces import PREFIXES

    context = json.loads(resource_path("ontology", "context.jsonld").read_text(encoding="utf-8"))["@context"]
    declared = {}
    for term, definition in context.items():
        if isinstance(definition, str) and definition.endswith(("/", "#")):
            declared[term] = definition
        elif isinstance(definition, dict) and definition.get("@prefix") is True:
            declared[term] = definition["@id"]
    assert declared == PREFIXES
    document = json.loads(file_of(out, "jsonld").read_text(encoding="utf-8"))
    [disease] = [n for n in document["@graph"] if n["id"].endswith("/disease/acute-lymphocytic-leukemia")]
    assert {"EFO:0000220", "Orphanet:513", "UMLS:C0023449"} <= set(disease["exactMatch"])
    objects = {q.object.value for q in ox.parse(path=str(file_of(out, "jsonld")), format=ox.RdfFormat.JSON_LD)}
    assert {"http://www.ebi.ac.uk/efo/EFO_0000220", "http://www.orpha.net/ORDO/Orphanet_513",
            "http://linkedlifedata.com/resource/umls/id/C0023449"} <= objects


# --------------------------------------------------------------------------- (f) export


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_export_equals_build(tmp_path: Path, out: Path, format_name: str) -> None:
    proc = ok(allkg_here("export", "--format", format_name, cwd=tmp_path))
    assert proc.stdout == file_of(out, format_name).read_bytes(), f"export --format {format_name} != the built file"
    assert not any(tmp_path.iterdir()), "export wrote files"


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_export_converts_data_files(
    tmp_path: Path, out: Path, parsed: dict[str, list[ox.Quad]], format_name: str
) -> None:
    data = tmp_path / file_of(out, format_name).name
    shutil.copyfile(file_of(out, format_name), data)
    proc = ok(allkg_here("export", "--data", data.name, "--format", "ntriples", cwd=tmp_path))
    converted = list(ox.parse(proc.stdout, format=ox.RdfFormat.N_TRIPLES))
    assert triple_lines(converted) == triple_lines(parsed["ntriples"])


# --------------------------------------------------------------------------- (g) void:triples


def test_void_triples_counts_the_graph(parsed: dict[str, list[ox.Quad]]) -> None:
    quads = parsed["ntriples"]
    datasets = {q.subject for q in quads if str(q.predicate) == f"<{RDF_TYPE}>" and q.object.value == VOID + "Dataset"}
    assert len(datasets) == 1, datasets
    [dataset] = datasets
    counts = [q.object for q in quads if q.subject == dataset and q.predicate.value == VOID + "triples"]
    assert len(counts) == 1, counts
    assert isinstance(counts[0], ox.Literal)
    assert int(counts[0].value) == len(triple_lines(quads)) == len(quads)


# --------------------------------------------------------------------------- (h) help


@pytest.mark.parametrize(
    "command", [[]] + [[name] for name in sorted(allkg_cli.commands)], ids=lambda c: " ".join(["allkg", *c])
)
def test_help_has_examples(tmp_path: Path, command: list[str]) -> None:
    proc = ok(run_allkg([*command, "--help"], tmp_path))
    text = proc.stdout.decode("utf-8")
    assert text.startswith("Usage: allkg"), text[:200]
    assert "Examples:" in text, f"allkg {' '.join(command)} --help has no Examples section"
    assert not any(tmp_path.iterdir())


def test_every_subcommand_is_covered() -> None:
    assert {"build", "export", "extract", "validate"} <= set(allkg_cli.commands)
