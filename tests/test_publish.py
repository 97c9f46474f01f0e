"""`allkg publish`: a static linked-data site with a page and RDF files for every entity IRI."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import HOSTILE_RISK_FACTOR, HOSTILE_SYNONYM, allkg_here, as_text, publish, run_allkg
from rdflib import Graph, URIRef

BASE = "https://w3id.org/allkg/"
IDS = BASE + "id/"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"


def quads(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def triples_of(path: Path, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=fmt)}


def entity_iris(dataset: list[ox.Quad]) -> set[str]:
    """Every IRI in the entity namespace: subjects, objects and graph names."""
    terms = [t for q in dataset for t in (q.subject, q.object, q.graph_name)]
    return {t.value for t in terms if isinstance(t, ox.NamedNode) and t.value.startswith(IDS)}


def expected_description(dataset: list[ox.Quad], iri: str) -> set[ox.Triple]:
    node = ox.NamedNode(iri)
    about = {ox.Triple(q.subject, q.predicate, q.object) for q in dataset if node in (q.subject, q.object)}
    return about or {ox.Triple(q.subject, q.predicate, q.object) for q in dataset if q.graph_name == node}


def test_every_entity_iri_has_its_page_and_its_rdf(seed_site: Path):
    dataset = quads(seed_site / "dataset" / "allkg.nq")
    iris = entity_iris(dataset)
    assert len(iris) > 100
    assert IDS + "disease/acute-lymphocytic-leukemia" in iris
    assert any(iri.endswith("/evidence") for iri in iris)  # the evidence graphs' names too
    for iri in iris:
        stem = seed_site / "id" / iri[len(IDS):]
        expected = expected_description(dataset, iri)
        assert expected, iri
        assert triples_of(stem.with_name(stem.name + ".nt"), ox.RdfFormat.N_TRIPLES) == expected, iri
        assert triples_of(stem.with_name(stem.name + ".ttl"), ox.RdfFormat.TURTLE) == expected, iri
        assert triples_of(stem.with_name(stem.name + ".jsonld"), ox.RdfFormat.JSON_LD) == expected, iri
        html = stem.with_name(stem.name + ".html").read_text(encoding="utf-8")
        assert html.count('<script type="application/ld+json">') == 1
        assert html.count("<script") == 1


def test_rdflib_reads_the_entity_files_too(seed_site: Path):
    stem = seed_site / "id" / "disease" / "acute-lymphocytic-leukemia"
    graphs = [Graph().parse(stem.with_suffix(f".{ext}"), format=fmt) for ext, fmt in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"))]
    assert len(graphs[0]) > 40
    assert all(g.isomorphic(graphs[0]) for g in graphs)


def test_the_disease_page_shows_synonyms_facts_evidence_and_links_out(seed_site: Path):
    html = (seed_site / "id" / "disease" / "acute-lymphocytic-leukemia.html").read_text(encoding="utf-8")
    assert "<h1>acute lymphocytic leukemia</h1>" in html
    assert "<li>acute lymphoblastic leukemia</li>" in html
    assert 'href="http://purl.obolibrary.org/obo/MONDO_0004967"' in html
    assert 'href="../risk-factor/exposure-to-radiation.html"' in html
    assert "<mark>Exposure to radiation</mark>" in html  # the quote, from the list after the footer
    assert 'href="../source/af8f7cc5555d6a4a0524bd6e626600af5f63c24e991fa8a30dfdb9de5a965afc.html"' in html
    assert '<link rel="canonical" href="https://w3id.org/allkg/id/disease/acute-lymphocytic-leukemia">' in html
    assert '<link rel="alternate" type="text/turtle" href="acute-lymphocytic-leukemia.ttl">' in html


def test_every_local_link_resolves(seed_site: Path):
    import re

    for page in seed_site.rglob("*.html"):
        for href in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")):
            if href.startswith(("http://", "https://")):
                continue
            assert (page.parent / href).resolve().is_file(), f"{page}: {href}"


def test_the_dataset_description_is_at_the_well_known_place_and_its_downloads_exist(seed_site: Path):
    void = Graph().parse(seed_site / ".well-known" / "void", format="turtle")
    [dataset] = void.subjects(predicate=None, object=URIRef(VOID + "Dataset"))
    urls = [str(u) for u in void.objects(None, URIRef(DCAT + "downloadURL"))]
    assert len(urls) == 5
    for url in urls:
        assert url.startswith(BASE)
        assert (seed_site / url[len(BASE):]).is_file(), url
    assert len(Graph().parse(seed_site / "dataset" / "allkg.ttl", format="turtle")) == int(
        void.value(dataset, URIRef(VOID + "triples"))
    )


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_publishing_is_deterministic(seed_site: Path, tmp_path: Path):
    """A new process, with its own hash seed and nothing cached, publishes the same bytes."""
    again = tmp_path / "again"
    proc = run_allkg("publish", "--out", str(again))
    assert proc.returncode == 0, proc.stderr
    assert _digest(again) == _digest(seed_site)


def test_a_new_publish_removes_what_it_no_longer_writes_and_nothing_else(tmp_path: Path):
    from conftest import HOSTILE_PAGE

    out = publish(tmp_path / "site")
    (out / "robots.txt").write_text("User-agent: *\n")
    (out / ".allkg-site").write_text((out / ".allkg-site").read_text() + "../outside.txt\n/etc/passwd\nrobots.txt\n")
    (tmp_path / "outside.txt").write_text("keep")
    publish(out, str(HOSTILE_PAGE))
    assert not (out / "id" / "risk-factor" / "exposure-to-radiation.html").exists()  # only on the seed page
    assert (out / "id" / "risk-factor" / "living-near-a-chemical-plant.html").exists()
    assert (out / "robots.txt").exists() and (tmp_path / "outside.txt").exists()


def test_published_from_data_files_gives_the_same_site(seed_site: Path, tmp_path: Path):
    site = publish(tmp_path / "from-data", "--data", str(seed_site / "dataset" / "allkg.nq"))
    assert _digest(site) == _digest(seed_site)


def test_hostile_values_are_text_and_only_web_iris_become_links(tmp_path: Path):
    data = tmp_path / "hostile.ttl"
    data.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        f"<{IDS}disease/x> skos:prefLabel \"<img src=x onerror=alert(1)>\"@en ;\n"
        "  skos:exactMatch <javascript:alert(1)>, <data:text/html,hi>, <file:///etc/passwd>, <https://example.org/ok> ;\n"
        f"  skos:altLabel \"{HOSTILE_SYNONYM}\", \"\\u2028 and \\u2029 and & and -->\", \"abc\\u202Edcba\" .\n"
        f"<{IDS}a/..> skos:prefLabel \"dot-dot\" .\n"
        f"<{IDS}b/x.ttl> skos:prefLabel \"clashes with an RDF file name\" .\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    proc = as_text(allkg_here("publish", "--no-validate", "--data", str(data), "--out", str(out), cwd=tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "2 IRI(s) under https://w3id.org/allkg/id/ have no page" in proc.stderr
    html = (out / "id" / "disease" / "x.html").read_text(encoding="utf-8")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="https://example.org/ok"' in html
    for scheme in ("javascript:", "data:", "file:"):
        assert f'href="{scheme}' not in html
    assert html.count("<script") == 1 and HOSTILE_SYNONYM not in html.split('<script type="application/ld+json">')[1]
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert not {"<", ">", "&", "\u2028", "\u2029"} & set(block)
    assert HOSTILE_SYNONYM in json.dumps(json.loads(block), ensure_ascii=False)
    assert "abc⟨U+202E⟩dcba" in html and "\u202e" not in html.split('<script type="application/ld+json">')[0]
    assert "abc\u202edcba" in json.dumps(json.loads(block), ensure_ascii=False)  # the data keeps it
    assert sorted(p.name for p in out.rglob("*dot*")) == []
    assert not (tmp_path / "x.html").exists()


def test_the_hostile_page_builds_and_publishes(hostile_site: Path):
    disease = (hostile_site / "id" / "disease" / "acute-lymphocytic-leukemia.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in disease
    risk = (hostile_site / "id" / "risk-factor" / "living-near-a-chemical-plant.html").read_text(encoding="utf-8")
    assert "<h1>living near a &lt;!-- chemical plant</h1>" in risk
    assert HOSTILE_RISK_FACTOR.replace("<", "&lt;") in risk


def test_a_graph_that_fails_its_shapes_is_not_published(seed_site: Path, tmp_path: Path):
    broken = tmp_path / "broken.nq"
    lines = (seed_site / "dataset" / "allkg.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    broken.write_text("".join(line for line in lines if "skos/core#prefLabel" not in line), encoding="utf-8")
    out = tmp_path / "site"
    proc = run_allkg("publish", "--data", str(broken), "--out", str(out))
    assert proc.returncode == 1
    assert "does not conform; nothing published" in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("bad", ["file", "data"])
def test_bad_publish_input_is_one_line_and_exit_2(tmp_path: Path, bad: str):
    target = tmp_path / "taken"
    target.write_text("a file")
    args = ["--out", str(target)] if bad == "file" else ["--out", str(tmp_path / "s"), "--data", str(tmp_path / "missing.ttl")]
    proc = run_allkg("publish", *args)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("allkg: error:")
    assert "Traceback" not in proc.stderr
