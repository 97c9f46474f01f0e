"""Facts -> RDF (allkg.graph): how each fact's object was recognised, fuzzy scores, the ontology
releases behind the concepts, and one label per entity whatever order the pages come in.

The first tests build graphs from hand-made extractions, so every grounding the lexicon can
give is covered; the others build real pages with the real lexicon and check the same.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from allkg.facts import Entity, Extraction, Fact, Span, Text, concept_entity, local_entity, statement_entity
from allkg.graph import GROUNDING_METHODS, KnowledgeGraph, build_graph
from allkg.lexicon import Release, load_lexicon
from allkg.lexicon.concepts import Concept
from allkg.pipeline import build
from allkg.source import SourceDocument
from allkg.validate import validate

DATA = Path(__file__).resolve().parent / "data"
GROUNDING_PAGE = DATA / "grounding.txt"
BASE = "https://w3id.org/allkg/"
ID = BASE + "id/"
ALLKG = "https://w3id.org/allkg/ontology/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OBO = "http://purl.obolibrary.org/obo/"
HP_RELEASE = Release(
    "hp", "Human Phenotype Ontology", "2025-01-16", OBO + "hp/releases/2025-01-16/hp.obo", "https://hpo.jax.org/app/license"
)

DISEASE = concept_entity(
    Concept("disease/acute-lymphocytic-leukemia", "disease", "acute lymphocytic leukemia", mappings=(("exactMatch", OBO + "MONDO_0004967"),))
)


def _page(name: str, text: str, facts: list[Fact]) -> Extraction:
    document = SourceDocument(name, text, hashlib.sha256(text.encode()).hexdigest(), "utf-8")
    return Extraction(document, facts=facts)


def _fact(kind: str, predicate: str, obj: Entity | Text, text: str, quote: str, grounding: str | None, subject: Entity = DISEASE) -> Fact:
    start = text.index(quote)
    return Fact(kind, subject, predicate, obj, (Span(start, start + len(quote)),), grounding=grounding)


def _objects(kg: KnowledgeGraph, subject: str, predicate: str) -> list[ox.NamedNode | ox.Literal]:
    return sorted((o for s, p, o in kg.triples() if s.value == subject and p.value == predicate), key=str)


def _fact_nodes(kg: KnowledgeGraph, obj: ox.NamedNode | ox.Literal) -> list[str]:
    return [s.value for s, p, o in kg.triples() if p.value == RDF + "object" and o == obj]


def _symptom(slug: str, label: str, **fields) -> Entity:
    return concept_entity(Concept(f"symptom/{slug}", "symptom", label, **fields))


# --------------------------------------------------------------------------- how each object was recognised


TEXT = "Symptoms: tiredness, nosebleeds, feeling washed out, swelling of the jaw. It is most common in children."


def _every_kind_of_fact() -> Extraction:
    fatigue = _symptom("fatigue", "fatigue", mappings=(("exactMatch", OBO + "HP_0012378"),))
    epistaxis = _symptom("epistaxis", "Epistaxis", mappings=(("exactMatch", OBO + "HP_0000421"),), release=HP_RELEASE.iri)
    washed_out = local_entity("symptom", "feeling washed out")
    jaw = _symptom(
        "swelling-of-the-jaw", "swelling of the jaw", mappings=(("closeMatch", OBO + "HP_0030793"),), release=HP_RELEASE.iri, score=0.929
    )
    children = concept_entity(Concept("age-group/children", "age-group", "children", mappings=(("exactMatch", OBO + "HP_0410280"),)))
    statement = statement_entity(DISEASE, "epidemiology", children, "It is most common in children.")
    return _page("page.txt", TEXT, [
        _fact("symptom", "allkg:hasSymptom", fatigue, TEXT, "tiredness", "curated"),
        _fact("symptom", "allkg:hasSymptom", epistaxis, TEXT, "nosebleeds", "layperson"),
        _fact("symptom", "allkg:hasSymptom", washed_out, TEXT, "feeling washed out", "ungrounded"),
        _fact("symptom", "allkg:hasSymptom", jaw, TEXT, "swelling of the jaw", "fuzzy"),
        _fact("synonym", "skos:altLabel", Text("ALL"), TEXT, "It", None),
        _fact("epidemiology", "allkg:hasEpidemiologyStatement", statement, TEXT, "most common in children", None),
        _fact("epidemiology", "allkg:statementText", Text("It is most common in children."), TEXT,
              "It is most common in children.", None, subject=statement),
        _fact("epidemiology", "allkg:aboutAgeGroup", children, TEXT, "children", None, subject=statement),
    ])


@pytest.fixture(scope="module")
def every_kind() -> KnowledgeGraph:
    return build_graph([_every_kind_of_fact()], base_iri=BASE, releases=[HP_RELEASE])


@pytest.mark.parametrize(("slug", "method"), [
    ("fatigue", "CuratedVocabularyMatch"),
    ("epistaxis", "LaypersonSynonymMatch"),
    ("feeling-washed-out", "Ungrounded"),
    ("swelling-of-the-jaw", "FuzzyMatch"),
])
def test_a_fact_says_how_its_object_was_recognised(every_kind: KnowledgeGraph, slug: str, method: str):
    [fact] = _fact_nodes(every_kind, ox.NamedNode(ID + "symptom/" + slug))
    assert _objects(every_kind, fact, ALLKG + "groundedBy") == [ox.NamedNode(ALLKG + method)]


def test_facts_about_page_text_or_statements_have_no_grounding(every_kind: KnowledgeGraph):
    literal_facts = _fact_nodes(every_kind, ox.Literal("ALL", language="en"))
    literal_facts += _fact_nodes(every_kind, ox.Literal("It is most common in children.", language="en"))
    statement = next(o for _, p, o in every_kind.triples() if p.value == ALLKG + "hasEpidemiologyStatement")
    statement_facts = _fact_nodes(every_kind, statement)
    assert len(literal_facts) == 2 and len(statement_facts) == 1
    for fact in literal_facts + statement_facts:
        assert _objects(every_kind, fact, ALLKG + "groundedBy") == []


def test_the_hand_made_graph_conforms(every_kind: KnowledgeGraph):
    report = validate(every_kind)
    assert report.conforms, report.text()


def test_every_scope_has_its_method_and_nothing_else_is_accepted():
    for scope, method in GROUNDING_METHODS.items():
        text = "Symptoms: tiredness."
        concept = _symptom("fatigue", "fatigue", mappings=(("closeMatch", OBO + "HP_0012378"),), score=0.95)
        kg = build_graph([_page("p.txt", text, [_fact("symptom", "allkg:hasSymptom", concept, text, "tiredness", scope)])], base_iri=BASE)
        [fact] = _fact_nodes(kg, ox.NamedNode(ID + "symptom/fatigue"))
        assert _objects(kg, fact, ALLKG + "groundedBy") == [ox.NamedNode(ALLKG + method)]
    text = "Symptoms: tiredness."
    bad = _fact("symptom", "allkg:hasSymptom", _symptom("fatigue", "fatigue"), text, "tiredness", "guessed")
    with pytest.raises(ValueError, match="unknown grounding 'guessed'"):
        build_graph([_page("p.txt", text, [bad])], base_iri=BASE)


def test_a_fact_stated_on_two_pages_keeps_each_way_it_was_recognised():
    epistaxis = _symptom("epistaxis", "epistaxis", mappings=(("exactMatch", OBO + "HP_0000421"),))
    first, second = "Symptoms: nosebleeds.", "Signs include epistaxis."
    pages = [
        _page("a.txt", first, [_fact("symptom", "allkg:hasSymptom", epistaxis, first, "nosebleeds", "layperson")]),
        _page("b.txt", second, [_fact("symptom", "allkg:hasSymptom", epistaxis, second, "epistaxis", "label")]),
    ]
    for order in (pages, pages[::-1]):
        kg = build_graph(order, base_iri=BASE)
        [fact] = _fact_nodes(kg, ox.NamedNode(ID + "symptom/epistaxis"))
        assert _objects(kg, fact, ALLKG + "groundedBy") == [
            ox.NamedNode(ALLKG + "LaypersonSynonymMatch"), ox.NamedNode(ALLKG + "OntologyLabelMatch")
        ]
        assert len(_objects(kg, fact, PROV + "wasDerivedFrom")) == 2


# --------------------------------------------------------------------------- fuzzy scores and releases


def test_a_fuzzy_match_carries_its_score_and_its_release(every_kind: KnowledgeGraph):
    jaw = ID + "symptom/swelling-of-the-jaw"
    assert _objects(every_kind, jaw, ALLKG + "matchScore") == [ox.Literal("0.929", datatype=ox.NamedNode(XSD + "decimal"))]
    assert _objects(every_kind, jaw, SKOS + "closeMatch") == [ox.NamedNode(OBO + "HP_0030793")]
    assert _objects(every_kind, jaw, DCTERMS + "source") == [ox.NamedNode(HP_RELEASE.iri)]


def test_only_concepts_from_a_release_name_one_and_only_fuzzy_ones_have_a_score(every_kind: KnowledgeGraph):
    assert _objects(every_kind, ID + "symptom/epistaxis", DCTERMS + "source") == [ox.NamedNode(HP_RELEASE.iri)]
    for slug in ("fatigue", "feeling-washed-out"):  # our vocabulary's concept, a local one
        assert _objects(every_kind, ID + "symptom/" + slug, DCTERMS + "source") == []
    scored = {s.value for s, p, _ in every_kind.triples() if p.value == ALLKG + "matchScore"}
    assert scored == {ID + "symptom/swelling-of-the-jaw"}


@pytest.mark.parametrize(("score", "text"), [
    (0.929, "0.929"), (0.9, "0.9"), (1.0, "1"), (0.0, "0"), (-0.0, "0"), (0.95, "0.95"), (1e-7, "0.0000001"),
    (0.1 + 0.2, "0.30000000000000004"),
])
def test_scores_are_canonical_decimals(score: float, text: str):
    """XSD 1.1's canonical form, the one Oxigraph stores: `allkg load` and `allkg query` keep the bytes."""
    page = "Symptoms: tiredness."
    concept = _symptom("tiredness", "tiredness", mappings=(("closeMatch", OBO + "HP_0012378"),), score=score)
    kg = build_graph([_page("p.txt", page, [_fact("symptom", "allkg:hasSymptom", concept, page, "tiredness", "fuzzy")])], base_iri=BASE)
    literal = ox.Literal(text, datatype=ox.NamedNode(XSD + "decimal"))
    assert _objects(kg, ID + "symptom/tiredness", ALLKG + "matchScore") == [literal]
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(ID + "x"), ox.NamedNode(ALLKG + "matchScore"), literal))
    assert [q.object for q in store] == [literal]


def test_a_score_that_is_not_a_number_is_refused():
    page = "Symptoms: tiredness."
    concept = _symptom("tiredness", "tiredness", mappings=(("closeMatch", OBO + "HP_0012378"),), score=float("nan"))
    with pytest.raises(ValueError, match="not a finite number"):
        build_graph([_page("p.txt", page, [_fact("symptom", "allkg:hasSymptom", concept, page, "tiredness", "fuzzy")])], base_iri=BASE)


@pytest.fixture(scope="module")
def grounding_page() -> KnowledgeGraph:
    return build([GROUNDING_PAGE]).graph


def test_the_dataset_names_every_release_of_the_lexicon(grounding_page: KnowledgeGraph):
    releases = load_lexicon().releases.values()
    assert len(releases) >= 5
    build_activity = ID + "dataset/build"
    used = {o.value for o in _objects(grounding_page, build_activity, PROV + "used")}
    for release in releases:
        node = release.iri
        assert node in used
        assert {o.value for o in _objects(grounding_page, node, RDF + "type")} == {
            "http://www.w3.org/ns/dcat#Dataset", ALLKG + "OntologyRelease"
        }
        assert _objects(grounding_page, node, DCTERMS + "title") == [ox.Literal(release.title, language="en")]
        assert _objects(grounding_page, node, "http://www.w3.org/2002/07/owl#versionInfo") == [ox.Literal(release.version)]
        assert _objects(grounding_page, node, DCTERMS + "license") == [ox.NamedNode(release.licence)]
    # and the concepts point to releases the dataset describes
    sources = {o.value for s, p, o in grounding_page.triples() if p.value == DCTERMS + "source" and "/id/dataset" not in s.value}
    assert sources and sources <= {r.iri for r in releases}


def test_a_real_page_says_how_each_symptom_was_recognised(grounding_page: KnowledgeGraph):
    """The page's list: our vocabulary, HPO's lay synonym, fuzzy matches (of HPO and of our
    vocabulary) and an item nothing fits; the graph conforms to the shapes."""
    methods = {}
    for fact in {s.value for s, p, o in grounding_page.triples() if p.value == RDF + "predicate" and o.value == ALLKG + "hasSymptom"}:
        [obj] = _objects(grounding_page, fact, RDF + "object")
        methods[obj.value.removeprefix(ID + "symptom/")] = [o.value.removeprefix(ALLKG) for o in _objects(grounding_page, fact, ALLKG + "groundedBy")]
    assert methods["fatigue"] == ["CuratedVocabularyMatch"]
    assert methods["epistaxis"] == ["LaypersonSynonymMatch"]
    assert methods["feeling-out-of-sorts"] == ["Ungrounded"]
    assert methods["swelling-of-the-jaw"] == methods["joints-ache"] == ["FuzzyMatch"]
    jaw = ID + "symptom/swelling-of-the-jaw"
    assert _objects(grounding_page, jaw, DCTERMS + "source") == [ox.NamedNode(load_lexicon().releases["hp"].iri)]
    [score] = _objects(grounding_page, jaw, ALLKG + "matchScore")
    assert score.datatype.value == XSD + "decimal" and 0.9 <= float(score.value) <= 1
    assert _objects(grounding_page, ID + "symptom/joints-ache", DCTERMS + "source") == []  # close to our vocabulary's form
    report = validate(grounding_page)
    assert report.conforms, report.text()


# --------------------------------------------------------------------------- one label per entity


def _zorvan_pages() -> list[Extraction]:
    """Two pages that name one local disease with other capitals: one slug, one IRI."""
    pages = []
    for name, label in (("a.txt", "zorvan disease"), ("b.txt", "zorvan Disease")):
        text = f"{label} is a rare blood disorder."
        disease = local_entity("disease", label)
        pages.append(_page(name, text, [_fact("name", "skos:prefLabel", Text(label), text, label, None, subject=disease)]))
    return pages


def test_an_entity_named_with_other_capitals_has_one_label_whatever_the_order():
    disease = ID + "disease/zorvan-disease"
    graphs = [build_graph(order, base_iri=BASE) for order in (_zorvan_pages(), _zorvan_pages()[::-1])]
    for kg in graphs:
        assert _objects(kg, disease, SKOS + "prefLabel") == [ox.Literal("zorvan Disease", language="en")]  # first in sorted order
        assert _objects(kg, disease, "http://www.w3.org/2000/01/rdf-schema#label") == [ox.Literal("zorvan Disease", language="en")]
        [fact] = _fact_nodes(kg, ox.Literal("zorvan Disease", language="en"))
        assert len(_objects(kg, fact, PROV + "wasDerivedFrom")) == 2  # both pages support the one label
        report = validate(kg)
        assert report.conforms, report.text()
    assert graphs[0].triples() == graphs[1].triples()


def test_real_pages_in_either_order_give_one_label_and_the_same_bytes(tmp_path: Path):
    pages = []
    for name, item in (("a.txt", "Feeling Out Of Sorts"), ("b.txt", "feeling out of sorts")):
        page = tmp_path / name
        page.write_text(GROUNDING_PAGE.read_text(encoding="utf-8").replace("- Feeling out of sorts", f"- {item}"), encoding="utf-8")
        pages.append(str(page))
    outputs = []
    for order, arguments in enumerate([pages, pages[::-1]]):
        out = tmp_path / f"out{order}"
        proc = subprocess.run([sys.executable, "-m", "allkg", "build", *arguments, "--out", str(out), "-q"], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1]
    labels = [q for q in ox.parse(outputs[0]["allkg.nt"], format=ox.RdfFormat.N_TRIPLES)
              if q.subject.value == ID + "symptom/feeling-out-of-sorts" and q.predicate.value == SKOS + "prefLabel"]
    assert [q.object.value for q in labels] == ["feeling Out Of Sorts"]
