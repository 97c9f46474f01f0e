"""Many pages, one graph: text and HTML inputs, merged facts, evidence per page in named graphs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from allkg.html import html_to_text
from allkg.pipeline import build, extract_pages
from allkg.resources import seed_path
from allkg.source import read_source

DATA = Path(__file__).resolve().parent / "data"
HTML_PAGE = DATA / "hospital-all.html"
TUNED = Path(__file__).resolve().parents[1] / "corpus" / "tuned"
ALLKG = "https://w3id.org/allkg/ontology/"
ID = "https://w3id.org/allkg/id/"


def test_html_keeps_lists_and_drops_navigation_scripts_and_styles():
    text, title, _ = html_to_text(HTML_PAGE.read_text(encoding="utf-8"))
    assert title == "Acute lymphoblastic leukemia | Example Hospital"
    lines = text.splitlines()
    assert "- Exposure to radiation" in lines and "- Bone or joint pain" in lines
    assert "Home" not in text and "var x" not in text and "p{}" not in text
    assert "© 2026 Example Hospital. All rights reserved." in lines  # the footer's copyright line stays
    assert "Symptoms | Contact" not in text  # the rest of the footer goes


def test_html_page_facts_quote_the_text_they_come_from():
    document = read_source(HTML_PAGE)
    assert document.media_type == "text/html"
    [extraction] = extract_pages([HTML_PAGE])
    assert extraction.publisher == "Example Hospital"
    kinds = {f.kind for f in extraction.facts}
    assert {"risk-factor", "symptom", "anatomy", "abbreviation"} <= kinds
    for fact in extraction.facts:
        for span in fact.evidence:
            assert document.text[span.start : span.end]
            assert "<" not in document.text[span.start : span.end]


def test_a_fact_stated_by_several_pages_is_one_triple_with_evidence_from_each(tmp_path: Path):
    pages = [seed_path(), HTML_PAGE, TUNED / "all-overview-structured.txt"]
    result = build(pages)
    graph = result.graph.union()
    disease = f"<{ID}disease/acute-lymphocytic-leukemia>"
    radiation = f"<{ID}risk-factor/exposure-to-radiation>"
    triple = f"{disease} <{ALLKG}hasRiskFactor> {radiation}"
    lines = graph.serialize(format="nt")
    assert lines.count(triple) == 1
    query = f"""
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT DISTINCT ?source WHERE {{
            ?fact rdf:subject {disease} ; rdf:predicate <{ALLKG}hasRiskFactor> ; rdf:object {radiation} ;
                  prov:wasDerivedFrom ?evidence .
            ?evidence oa:hasSource ?source .
        }}"""
    sources = {str(row.source) for row in graph.query(query)}
    assert len(sources) == 3
    assert len(result.graph.evidence) == 3  # one named evidence graph per page
    titles = {str(t) for t in graph.objects(None, __import__("rdflib").URIRef("http://purl.org/dc/terms/title"))}
    assert "Acute lymphoblastic leukemia | Example Hospital" in titles


def test_a_folder_is_its_pages_and_nquads_keep_each_pages_evidence_apart(tmp_path: Path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed_path().read_bytes())
    (folder / "b.html").write_bytes(HTML_PAGE.read_bytes())
    (folder / "notes.md").write_text("not a page", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "allkg", "build", str(folder), "--out", "out", "-q"], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    quads = list(ox.parse(path=str(tmp_path / "out" / "allkg.nq"), format=ox.RdfFormat.N_QUADS))
    graphs = {str(q.graph_name) for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert len(graphs) == 2
    for name in graphs:
        sources = {
            q.object.value
            for q in quads
            if str(q.graph_name) == name and q.predicate.value == "http://www.w3.org/ns/oa#hasSource"
        }
        assert len(sources) == 1 and name.startswith("<" + next(iter(sources)))


def test_argument_order_does_not_change_the_output(tmp_path: Path):
    pages = [str(seed_path()), str(HTML_PAGE)]
    outputs = []
    for order, arguments in enumerate([pages, pages[::-1]]):
        out = tmp_path / f"out{order}"
        subprocess.run([sys.executable, "-m", "allkg", "build", *arguments, "--out", str(out), "-q"], check=True)
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1]


def test_pages_read_by_worker_processes_in_batches_give_the_same_graph_and_report(monkeypatch):
    """Large builds read and check pages in worker processes, in batches: same graph, same report."""
    from allkg import pipeline
    from allkg.validate import validate, validate_build

    pages = [*(TUNED / f"{n}.txt" for n in ("encyclopedia", "mayo-full", "nci-style")), seed_path(), HTML_PAGE, seed_path()]  # one page twice
    serial = build(pages, check_pages=True)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    monkeypatch.setattr(pipeline, "BATCH", 2)
    parallel = build(pages, check_pages=True)
    assert parallel.graph.triples() == serial.graph.triples()
    assert [p.sha256 for p in parallel.pages] == [p.sha256 for p in serial.pages]
    assert len(parallel.pages) == len(pages) - 1  # the same content read twice counts once
    assert validate_build(parallel.graph, parallel.page_reports) == validate(parallel.graph)
