"""The facts of the seed page: found, grounded with the right IDs, with evidence that round-trips."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from allkg.pipeline import build
from allkg.resources import seed_path
from allkg.source import read_source

ALLKG = "https://w3id.org/allkg/ontology/"
ID = "https://w3id.org/allkg/id/"
OBO = "http://purl.obolibrary.org/obo/"
OA = "http://www.w3.org/ns/oa#"
DISEASE = URIRef(ID + "disease/acute-lymphocytic-leukemia")


@pytest.fixture(scope="module")
def seed_build():
    return build()


@pytest.fixture(scope="module")
def graph(seed_build) -> Graph:
    return seed_build.graph.union()


@pytest.fixture(scope="module")
def text() -> str:
    return read_source(seed_path()).text


def objects(graph: Graph, subject: URIRef, predicate: str) -> set:
    return set(graph.objects(subject, URIRef(predicate)))


def test_disease_is_grounded_in_every_reference_ontology(graph):
    assert (DISEASE, RDF.type, URIRef(ALLKG + "Disease")) in graph
    assert graph.value(DISEASE, SKOS.prefLabel) == Literal("acute lymphocytic leukemia", lang="en")
    exact = {str(o) for o in graph.objects(DISEASE, SKOS.exactMatch)}
    assert {
        OBO + "MONDO_0004967",
        OBO + "DOID_9952",
        OBO + "NCIT_C3167",
        "http://www.orpha.net/ORDO/Orphanet_513",
        "http://www.ebi.ac.uk/efo/EFO_0000220",
        "http://linkedlifedata.com/resource/umls/id/C0023449",
    } <= exact
    xrefs = {str(o) for o in objects(graph, DISEASE, "http://www.geneontology.org/formats/oboInOwl#hasDbXref")}
    assert "ICD10CM:C91.0" in xrefs


def test_synonyms_and_abbreviation(graph):
    alt = {str(o) for o in graph.objects(DISEASE, SKOS.altLabel)}
    assert alt == {"acute lymphoblastic leukemia", "ALL"}
    assert objects(graph, DISEASE, ALLKG + "abbreviation") == {Literal("ALL", lang="en")}
    assert all(o.language == "en" for o in graph.objects(DISEASE, SKOS.altLabel))


@pytest.mark.parametrize(
    ("slug", "exact", "broad"),
    [
        ("lymphocyte", {"CL_0000542"}, set()),
        ("white-blood-cell", {"CL_0000738"}, set()),
        ("lymphoblast", set(), {"CL_0000542", "CL_0001064"}),
    ],
)
def test_affected_cell_types(graph, slug, exact, broad):
    cell = URIRef(ID + "cell-type/" + slug)
    assert (DISEASE, URIRef(ALLKG + "affectsCellType"), cell) in graph
    assert {str(o).removeprefix(OBO) for o in graph.objects(cell, SKOS.exactMatch)} == exact
    assert {str(o).removeprefix(OBO) for o in graph.objects(cell, SKOS.broadMatch)} == broad


def test_affected_cells_are_exactly_the_stated_ones(graph):
    cells = {str(o).removeprefix(ID) for o in objects(graph, DISEASE, ALLKG + "affectsCellType")}
    # "creates immature blood cells", "white blood cells called lymphocytes", "leukemic white blood cells
    # called lymphoblasts", "occurs when a bone marrow cell develops changes (mutations)"
    assert cells == {
        "cell-type/lymphocyte", "cell-type/white-blood-cell", "cell-type/lymphoblast", "cell-type/blood-cell",
        "cell-type/bone-marrow-cell",
    }


def test_lymphoblast_is_never_the_activated_lymphocyte_class(graph):
    activated = URIRef(OBO + "CL_0017005")
    assert not list(graph.triples((None, None, activated)))
    assert not list(graph.triples((activated, None, None)))


def test_anatomy(graph):
    located = {str(o) for o in objects(graph, DISEASE, ALLKG + "hasLocation")}
    assert located == {ID + "anatomy/blood", ID + "anatomy/bone-marrow"}
    assert (URIRef(ID + "anatomy/bone-marrow"), SKOS.exactMatch, URIRef(OBO + "UBERON_0002371")) in graph
    assert (URIRef(ID + "anatomy/blood"), SKOS.exactMatch, URIRef(OBO + "UBERON_0000178")) in graph


@pytest.mark.parametrize(
    ("age", "hpo", "epidemiology", "prognosis", "outlook"),
    [
        ("children", "HP_0410280", "most common type of cancer in children", "good chance for a cure", "FavourableOutlook"),
        ("adults", "HP_0003581", "can also occur in adults", "chance of a cure is greatly reduced", "UnfavourableOutlook"),
    ],
)
def test_age_groups_with_what_the_page_says(graph, age, hpo, epidemiology, prognosis, outlook):
    group = URIRef(ID + "age-group/" + age)
    assert (DISEASE, URIRef(ALLKG + "occursInAgeGroup"), group) in graph
    assert (group, SKOS.exactMatch, URIRef(OBO + hpo)) in graph
    assert (group, SKOS.exactMatch, URIRef(OBO + "HP_0011463")) not in graph

    def statements(kind: str) -> list[URIRef]:
        return [
            s
            for s in graph.objects(DISEASE, URIRef(ALLKG + f"has{kind}Statement"))
            if (s, URIRef(ALLKG + "aboutAgeGroup"), group) in graph
        ]

    [epi] = statements("Epidemiology")
    assert epidemiology in str(graph.value(epi, URIRef(ALLKG + "statementText")))
    [prog] = statements("Prognosis")
    assert prognosis in str(graph.value(prog, URIRef(ALLKG + "statementText")))
    assert graph.value(prog, URIRef(ALLKG + "outlook")) == URIRef(ALLKG + outlook)


def test_risk_factors_from_the_list_displaced_after_the_footer(graph):
    factors = {str(o).removeprefix(ID) for o in objects(graph, DISEASE, ALLKG + "hasRiskFactor")}
    assert factors == {
        "risk-factor/previous-cancer-treatment",
        "risk-factor/exposure-to-radiation",
        "risk-factor/genetic-disorders",
    }
    assert (URIRef(ID + "risk-factor/exposure-to-radiation"), SKOS.exactMatch, URIRef(OBO + "ECTO_0000001")) in graph
    assert (URIRef(ID + "risk-factor/genetic-disorders"), SKOS.exactMatch, URIRef(OBO + "MONDO_0003847")) in graph
    assert (URIRef(ID + "risk-factor/previous-cancer-treatment"), SKOS.closeMatch, URIRef(OBO + "ECTO_9001737")) in graph


def test_course_resemblance_and_cause(graph):
    assert (DISEASE, URIRef(ALLKG + "hasCourse"), URIRef(ID + "course/acute")) in graph
    assert (URIRef(ID + "course/acute"), SKOS.exactMatch, URIRef(OBO + "PATO_0000389")) in graph
    progression = str(graph.value(DISEASE, URIRef(ALLKG + "naturalProgression")))
    assert "progresses rapidly" in progression
    assert (DISEASE, URIRef(ALLKG + "symptomsResemble"), URIRef(ID + "disease/influenza")) in graph
    assert (URIRef(ID + "disease/influenza"), SKOS.exactMatch, URIRef(OBO + "MONDO_0005812")) in graph
    cause = URIRef(ID + "cause/dna-mutation")
    assert (DISEASE, URIRef(ALLKG + "hasCause"), cause) in graph
    assert (cause, URIRef(ALLKG + "originCellType"), URIRef(ID + "cell-type/bone-marrow-cell")) in graph
    assert (cause, URIRef(ALLKG + "originKnown"), Literal(False)) in graph


def test_every_fact_has_evidence_that_round_trips(graph, text):
    facts = list(graph.subjects(RDF.type, URIRef(ALLKG + "Fact")))
    assert len(facts) >= 30
    for fact in facts:
        evidence = list(graph.objects(fact, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
        assert evidence, f"{fact} has no evidence"
        for node in evidence:
            quote = graph.value(URIRef(f"{node}/quote"), URIRef(OA + "exact"))
            start = graph.value(URIRef(f"{node}/position"), URIRef(OA + "start")).toPython()
            end = graph.value(URIRef(f"{node}/position"), URIRef(OA + "end")).toPython()
            assert text[start:end] == str(quote)
            prefix = str(graph.value(URIRef(f"{node}/quote"), URIRef(OA + "prefix")))
            assert text[:start].endswith(prefix)
        # the domain triple the fact node describes is in the graph
        triple = (
            graph.value(fact, RDF.subject),
            graph.value(fact, RDF.predicate),
            graph.value(fact, RDF.object),
        )
        assert triple in graph


def test_every_domain_triple_has_a_fact_node(graph):
    """Each relation from the disease (and from statement/cause nodes) is backed by a fact node."""
    described = {
        (graph.value(f, RDF.subject), graph.value(f, RDF.predicate), graph.value(f, RDF.object))
        for f in graph.subjects(RDF.type, URIRef(ALLKG + "Fact"))
    }
    for s, p, o in graph:
        if str(p).startswith(ALLKG) and str(p) != ALLKG + "grounded" and not str(p).startswith(ALLKG + "fact"):
            if (s, RDF.type, URIRef(ALLKG + "SourceDocument")) in graph:
                continue
            if str(s).startswith(ID + "fact/"):
                continue
            assert (s, p, o) in described, f"no evidence for {s} {p} {o}"


def test_nothing_invented(graph, text):
    # the page's symptom list was scraped away: no symptom entity, no symptom relation
    assert not list(graph.subjects(RDF.type, URIRef(ALLKG + "Symptom")))
    assert not list(graph.triples((None, URIRef(ALLKG + "hasSymptom"), None)))
    # footer, advertising, support-group and comment-count text never become evidence
    footer_words = re.compile(r"Mayo Clinic|Replies|Advertising|support group|©|tax-deductible|best-sellers")
    for quote in graph.objects(None, URIRef(OA + "exact")):
        assert not footer_words.search(str(quote)), quote
    # every entity the graph describes is one the page names
    labels = {str(o) for o in graph.objects(None, SKOS.prefLabel)}
    assert "flu" not in labels  # the vocabulary's name is used, not a guessed one
    entity_kinds = {str(o).removeprefix(ALLKG) for o in graph.objects(None, RDF.type) if str(o).startswith(ALLKG)}
    assert "Symptom" not in entity_kinds


def test_warns_about_the_lost_symptom_list(seed_build):
    assert any("Signs and symptoms" in w and "no items" in w for w in seed_build.warnings)
