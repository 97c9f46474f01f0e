"""SHACL shapes (shapes/allkg.ttl) against a hand-built graph that follows docs/data-model.md.

One valid graph must conform. Each broken copy breaks one rule and must not
conform, and the report must name the shape (and path, focus node, constraint)
that catches it, so a test cannot pass because some other shape happened to fail.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable
from unittest import mock

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query

from allkg.validate import shapes_graph

ROOT = Path(__file__).resolve().parents[1]
SHAPES_PATH = ROOT / "shapes" / "allkg.ttl"

ALLKG = Namespace("https://w3id.org/allkg/ontology/")
SHX = Namespace("https://w3id.org/allkg/shapes/")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # plain Namespace: rdflib's DCAT lacks dcat:version  # plain Namespace: sh:in, sh:class, sh:or as items
OBO = Namespace("http://purl.obolibrary.org/obo/")
ID = Namespace("https://w3id.org/allkg/id/")
VOCAB = URIRef("https://w3id.org/allkg/vocabulary")
ONTOLOGY = URIRef("https://w3id.org/allkg/ontology/")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")

# The page text. "𝔸" is outside the Basic Multilingual Plane: one code point,
# two UTF-16 units, four UTF-8 bytes, so offsets counted any other way than in
# code points point at the wrong text for every quote after it.
TEXT = (
    "Acute lymphocytic leukemia (ALL) is a type of cancer of the blood and bone marrow \u2014 "
    "the spongy tissue inside bones where blood cells are made. \U0001d538 Factors that may "
    "increase the risk include exposure to radiation. Its symptoms may mimic those of the flu.\n"
)
SHA256 = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()

# Entities (docs/data-model.md section 1: id:{class-path}/{slug})
ALL = ID["disease/acute-lymphocytic-leukemia"]
FLU = ID["disease/influenza"]
LYMPHOCYTE = ID["cell-type/lymphocyte"]
LYMPHOBLAST = ID["cell-type/lymphoblast"]
MARROW_CELL = ID["cell-type/bone-marrow-cell"]
MARROW = ID["anatomy/bone-marrow"]
RADIATION = ID["risk-factor/exposure-to-radiation"]
CHILDREN = ID["age-group/children"]
ADULTS = ID["age-group/adults"]
ACUTE = ID["course/acute"]
MUTATION = ID["cause/dna-mutation"]
FLU_LIKE = ID["symptom/flu-like-symptoms"]
TIRED = ID["symptom/feel-tired-all-the-time"]  # a fuzzy match of HP's "Fatigue"
EPI_CHILDREN = ID["statement/acute-lymphocytic-leukemia/epidemiology/children/288450a1"]
PROG_CHILDREN = ID["statement/acute-lymphocytic-leukemia/prognosis/children/1bc05572"]
PROG_ADULTS = ID["statement/acute-lymphocytic-leukemia/prognosis/adults/48e2f160"]

# Dataset description (section 3)
SOURCE = ID[f"source/{SHA256}"]
DATASET = ID["dataset"]
DIST_TTL = ID["dataset/distribution/turtle"]
DIST_JSONLD = ID["dataset/distribution/jsonld"]
BUILD = ID["dataset/build"]
SOFTWARE = ID["software/allkg"]
# The ontology releases the lexicon came from (their own IRIs, not ours)
HP_RELEASE = URIRef("http://purl.obolibrary.org/obo/hp/releases/2025-01-16/hp.obo")
UBERON_RELEASE = URIRef("http://purl.obolibrary.org/obo/mondo/releases/2021-08-03/imports/uberon_import.owl")


def _h(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def _span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


@dataclass(frozen=True)
class FactNodes:
    s: URIRef
    p: URIRef
    o: URIRef
    quote_text: str
    fact: URIRef
    evidence: URIRef
    quote: URIRef
    position: URIRef


def _fact_nodes(s: URIRef, p: URIRef, o: URIRef, quote_text: str) -> FactNodes:
    start, end = _span(quote_text)
    ev = ID[f"evidence/{_h(SOURCE, start, end)}"]
    return FactNodes(
        s, p, o, quote_text,
        fact=ID[f"fact/{_h(s, p, o)}"],
        evidence=ev,
        quote=URIRef(f"{ev}/quote"),
        position=URIRef(f"{ev}/position"),
    )


# Evidence layer (section 2)
F_LOCATION = _fact_nodes(ALL, ALLKG.hasLocation, MARROW, "bone marrow")
F_RISK = _fact_nodes(ALL, ALLKG.hasRiskFactor, RADIATION, "exposure to radiation")


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def _concept(g: Graph, iri: URIRef, cls: URIRef, label: str, **mappings: list[URIRef]) -> None:
    g.add((iri, RDF.type, cls))
    g.add((iri, RDF.type, SKOS.Concept))
    g.add((iri, SKOS.inScheme, VOCAB))
    g.add((iri, SKOS.prefLabel, _en(label)))
    g.add((iri, RDFS.label, _en(label)))
    for prop, targets in mappings.items():
        for target in targets:
            g.add((iri, SKOS[prop], target))


def _statement(g: Graph, iri: URIRef, cls: URIRef, age: URIRef, text: str) -> None:
    g.add((iri, RDF.type, cls))
    g.add((iri, ALLKG.aboutAgeGroup, age))
    g.add((iri, ALLKG.statementText, _en(text)))


def _fact(g: Graph, f: FactNodes, kind: str) -> None:
    start, end = _span(f.quote_text)
    g.add((f.s, f.p, f.o))
    g.add((f.fact, RDF.type, RDF.Statement))
    g.add((f.fact, RDF.type, ALLKG.Fact))
    g.add((f.fact, RDF.subject, f.s))
    g.add((f.fact, RDF.predicate, f.p))
    g.add((f.fact, RDF.object, f.o))
    g.add((f.fact, ALLKG.factKind, Literal(kind)))
    g.add((f.fact, PROV.wasDerivedFrom, f.evidence))
    g.add((f.evidence, RDF.type, OA.SpecificResource))
    g.add((f.evidence, RDF.type, ALLKG.Evidence))
    g.add((f.evidence, OA.hasSource, SOURCE))
    g.add((f.evidence, OA.hasSelector, f.quote))
    g.add((f.evidence, OA.hasSelector, f.position))
    g.add((f.quote, RDF.type, OA.TextQuoteSelector))
    g.add((f.quote, OA.exact, Literal(f.quote_text)))
    g.add((f.quote, OA.prefix, Literal(TEXT[max(0, start - 16):start])))
    g.add((f.quote, OA.suffix, Literal(TEXT[end:end + 16])))
    g.add((f.position, RDF.type, OA.TextPositionSelector))
    g.add((f.position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((f.position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))


def build_valid_graph() -> Graph:
    g = Graph()
    # --- 1. domain layer: entities
    _concept(g, ALL, ALLKG.Disease, "acute lymphocytic leukemia",
             exactMatch=[OBO.MONDO_0004967, OBO.DOID_9952], broadMatch=[OBO.MONDO_0010643])
    g.add((ALL, SKOS.altLabel, _en("acute lymphoblastic leukemia")))
    g.add((ALL, SKOS.altLabel, _en("ALL")))
    g.add((ALL, ALLKG.abbreviation, _en("ALL")))
    g.add((ALL, SKOS.hiddenLabel, _en("acute lymphocytic leukemias")))
    g.add((ALL, ALLKG.naturalProgression, _en("Acute lymphocytic leukemia progresses rapidly.")))
    _concept(g, FLU, ALLKG.Disease, "influenza", exactMatch=[OBO.MONDO_0005812])
    g.add((FLU, SKOS.altLabel, _en("flu")))
    _concept(g, LYMPHOCYTE, ALLKG.CellType, "lymphocyte", exactMatch=[OBO.CL_0000542])
    _concept(g, MARROW_CELL, ALLKG.CellType, "bone marrow cell", exactMatch=[OBO.CL_0002092])
    _concept(g, LYMPHOBLAST, ALLKG.CellType, "lymphoblast", broadMatch=[OBO.CL_0000542, OBO.CL_0001064])
    g.add((LYMPHOBLAST, SKOS.definition, _en("An immature white blood cell that leukemia makes.")))
    g.add((LYMPHOBLAST, SKOS.scopeNote, _en("Not CL:0017005.")))
    _concept(g, MARROW, ALLKG.AnatomicalEntity, "bone marrow", exactMatch=[OBO.UBERON_0002371])
    g.add((MARROW, DCTERMS.source, UBERON_RELEASE))
    _concept(g, RADIATION, ALLKG.RiskFactor, "exposure to radiation", exactMatch=[OBO.ECTO_0000001])
    _concept(g, CHILDREN, ALLKG.AgeGroup, "children", exactMatch=[OBO.HP_0410280])
    _concept(g, ADULTS, ALLKG.AgeGroup, "adults", exactMatch=[OBO.HP_0003581])
    _concept(g, ACUTE, ALLKG.ClinicalCourse, "acute", exactMatch=[OBO.PATO_0000389])
    _concept(g, MUTATION, ALLKG.Cause, "DNA mutation", closeMatch=[OBO.SO_0001059])
    g.add((MUTATION, ALLKG.originCellType, MARROW_CELL))
    g.add((MUTATION, ALLKG.originKnown, Literal(False)))
    _concept(g, FLU_LIKE, ALLKG.Symptom, "flu-like symptoms")  # no ontology term (ontology-terms.md §6)
    g.add((FLU_LIKE, ALLKG.grounded, Literal(False)))
    _concept(g, TIRED, ALLKG.Symptom, "feel tired all the time", closeMatch=[OBO.HP_0012378])
    g.add((TIRED, ALLKG.matchScore, Literal(Decimal("0.92"))))
    g.add((TIRED, DCTERMS.source, HP_RELEASE))
    # --- disease relations (the two from the page's evidence are added by _fact)
    g.add((ALL, ALLKG.affectsCellType, LYMPHOCYTE))
    g.add((ALL, ALLKG.occursInAgeGroup, CHILDREN))
    g.add((ALL, ALLKG.occursInAgeGroup, ADULTS))
    g.add((ALL, ALLKG.hasCourse, ACUTE))
    g.add((ALL, ALLKG.hasCause, MUTATION))
    g.add((ALL, ALLKG.symptomsResemble, FLU))
    g.add((ALL, ALLKG.hasSymptom, FLU_LIKE))
    g.add((ALL, ALLKG.hasSymptom, TIRED))
    # --- age-group statements
    _statement(g, EPI_CHILDREN, ALLKG.EpidemiologyStatement, CHILDREN,
               "Acute lymphocytic leukemia is the most common type of cancer in children.")
    _statement(g, PROG_CHILDREN, ALLKG.PrognosisStatement, CHILDREN,
               "Treatments result in a good chance for a cure.")
    g.add((PROG_CHILDREN, ALLKG.outlook, ALLKG.FavourableOutlook))
    _statement(g, PROG_ADULTS, ALLKG.PrognosisStatement, ADULTS,
               "The chance of a cure is greatly reduced.")
    g.add((PROG_ADULTS, ALLKG.outlook, ALLKG.UnfavourableOutlook))
    g.add((ALL, ALLKG.hasEpidemiologyStatement, EPI_CHILDREN))
    g.add((ALL, ALLKG.hasPrognosisStatement, PROG_CHILDREN))
    g.add((ALL, ALLKG.hasPrognosisStatement, PROG_ADULTS))
    # --- 2. evidence layer
    _fact(g, F_LOCATION, "location")
    _fact(g, F_RISK, "risk-factor")
    g.add((F_RISK.fact, ALLKG.explanation, _en("People exposed to radiation have an increased risk.")))
    g.add((F_LOCATION.fact, ALLKG.groundedBy, ALLKG.OntologyLabelMatch))
    g.add((F_RISK.fact, ALLKG.groundedBy, ALLKG.CuratedVocabularyMatch))
    g.add((F_RISK.fact, ALLKG.groundedBy, ALLKG.ExactSynonymMatch))  # stated on two pages, recognised two ways
    # --- 3. dataset description
    g.add((SOURCE, RDF.type, ALLKG.SourceDocument))
    g.add((SOURCE, RDF.type, PROV.Entity))
    g.add((SOURCE, ALLKG.sha256, Literal(SHA256)))
    g.add((SOURCE, DCTERMS.format, Literal("text/plain")))
    g.add((SOURCE, ALLKG.characterEncoding, Literal("utf-8")))
    g.add((SOURCE, ALLKG.characterCount, Literal(len(TEXT), datatype=XSD.nonNegativeInteger)))
    g.add((SOURCE, DCTERMS.title, Literal("Acute lymphocytic leukemia")))
    g.add((SOURCE, DCTERMS.publisher, Literal("Mayo Clinic")))
    g.add((SOURCE, ALLKG.fileName, Literal("seed.txt")))
    g.add((SOURCE, ALLKG.decodedText, Literal(TEXT)))
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, RDF.type, DCAT.Dataset))
    g.add((DATASET, DCTERMS.title, _en("allkg: acute lymphocytic leukemia knowledge graph")))
    g.add((DATASET, DCTERMS.description, _en("What one patient page says about ALL, with evidence.")))
    g.add((DATASET, DCTERMS.license, CC_BY))
    g.add((DATASET, DCAT.version, Literal("0.1.0")))
    g.add((DATASET, OWL.versionInfo, Literal("0.1.0")))
    g.add((DATASET, DCTERMS.conformsTo, ONTOLOGY))
    g.add((DATASET, DCTERMS.source, SOURCE))
    g.add((DATASET, PROV.wasGeneratedBy, BUILD))
    g.add((DATASET, VOID.triples, Literal(200)))
    g.add((DATASET, VOID.entities, Literal(14)))
    g.add((DATASET, VOID.vocabulary, ONTOLOGY))
    for dist, media, name in ((DIST_TTL, "text/turtle", "allkg.ttl"),
                              (DIST_JSONLD, "application/ld+json", "allkg.jsonld")):
        g.add((DATASET, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.mediaType, Literal(media)))
        g.add((dist, DCAT.downloadURL, URIRef(f"https://example.org/allkg/{name}")))
    g.add((BUILD, RDF.type, PROV.Activity))
    g.add((BUILD, PROV.wasAssociatedWith, SOFTWARE))
    g.add((BUILD, PROV.used, SOURCE))
    for release, title, version, licence in (
        (HP_RELEASE, "Human Phenotype Ontology", "2025-01-16", URIRef("https://hpo.jax.org/app/license")),
        (UBERON_RELEASE, "Uberon anatomy (as imported by MONDO)", "2021-08-03",
         URIRef("https://creativecommons.org/licenses/by/3.0/")),
    ):
        g.add((release, RDF.type, DCAT.Dataset))
        g.add((release, RDF.type, ALLKG.OntologyRelease))
        g.add((release, DCTERMS.title, _en(title)))
        g.add((release, OWL.versionInfo, Literal(version)))
        g.add((release, DCTERMS.license, licence))
        g.add((BUILD, PROV.used, release))
    return g


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def _copy(g: Graph) -> Graph:
    new = Graph()
    for t in g:
        new.add(t)
    return new


@functools.cache
def _prepared_query(text: str, base: str | None, namespaces: frozenset[tuple[str, Any]]) -> Query:
    """A SPARQL text as rdflib parses and translates it, once a session."""
    return translateQuery(parseQuery(text), base, dict(namespaces))


@contextlib.contextmanager
def _sparql_prepared_once() -> Iterator[None]:
    """rdflib runs each SPARQL text it is given from one parse a session.

    pyshacl gives rdflib the same few texts of the SHACL-SPARQL constraints in every validation
    (the focus node is an initial binding) and rdflib parses a text each time: two thirds of
    pyshacl's time on our small graphs. A prepared query is rdflib's own way to run a text again
    (rdflib.plugins.sparql.prepareQuery), with other bindings and over other graphs."""
    evaluate = SPARQLProcessor.query

    def query(
        self: SPARQLProcessor,
        strOrQuery: str | Query,  # noqa: N803 - rdflib's names
        initBindings: Mapping[str, Any] | None = None,  # noqa: N803
        initNs: Mapping[str, Any] | None = None,  # noqa: N803
        base: str | None = None,
        DEBUG: bool = False,  # noqa: N803
    ) -> Mapping[str, Any]:
        if isinstance(strOrQuery, str):
            strOrQuery = _prepared_query(strOrQuery, base, frozenset((initNs or {}).items()))
        return evaluate(self, strOrQuery, initBindings, initNs, base, DEBUG)

    with mock.patch.object(SPARQLProcessor, "query", query):
        yield


def _validate(data: Graph, *, meta_shacl: bool = False) -> tuple[bool, Graph, str]:
    """pyshacl's verdict, report graph and text on ``data``, over every shape (SPARQL ones too)."""
    # pySHACL adds a few RDFS/OWL axioms to the shapes graph it is given: pass a
    # copy, so no test sees another test's leftovers.
    with _sparql_prepared_once():
        conforms, report, text = pyshacl.validate(
            data, shacl_graph=_copy(SHAPES), inference="none", advanced=False, meta_shacl=meta_shacl
        )
    return conforms, report, text


SHAPES = shapes_graph()
"""shapes/allkg.ttl as allkg reads it to validate (test_vocabulary checks that the file allkg ships
is this one): test_validate compares allkg's reports with pyshacl's over these very nodes."""
VALID = build_valid_graph()


def _replace(g: Graph, s, p, o) -> None:
    """Set the only value of (s, p) to o."""
    g.remove((s, p, None))
    g.add((s, p, o))


def _rename(g: Graph, old, new) -> None:
    """Give a node a new name everywhere it occurs."""
    for s, p, o in list(g):
        if old in (s, o):
            g.remove((s, p, o))
            g.add((new if s == old else s, p, new if o == old else o))


def _nni(n: int | str) -> Literal:
    return Literal(str(n), datatype=XSD.nonNegativeInteger)


START_L, END_L = _span(F_LOCATION.quote_text)
START_R, END_R = _span(F_RISK.quote_text)


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Graph], None]
    shape: URIRef  # expected sh:sourceShape
    path: URIRef | None = None  # expected sh:resultPath
    focus: URIRef | None = None  # expected sh:focusNode
    component: URIRef | None = None  # expected sh:sourceConstraintComponent
    constraint: URIRef | None = None  # expected sh:sourceConstraint (SPARQL constraints)


def C(case_id, mutate, shape, path=None, focus=None, component=None, constraint=None):
    """One broken graph: how to break the valid one, and the result the report must contain."""
    return pytest.param(Case(case_id, mutate, shape, path, focus, component, constraint), id=case_id)

CASES = [
    # --- shared concept constraints -------------------------------------------------
    C("prefLabel-missing", lambda g: g.remove((LYMPHOCYTE, SKOS.prefLabel, None)),
      SHX["Concept-prefLabel"], SKOS.prefLabel, LYMPHOCYTE),
    C("prefLabel-two", lambda g: g.add((ALL, SKOS.prefLabel, _en("ALL leukemia"))),
      SHX["Concept-prefLabel"], SKOS.prefLabel, ALL, SH.MaxCountConstraintComponent),
    C("prefLabel-no-language", lambda g: (_replace(g, MARROW, SKOS.prefLabel, Literal("bone marrow")),
                                          _replace(g, MARROW, RDFS.label, Literal("bone marrow"))),
      SHX["Concept-prefLabel"], SKOS.prefLabel, MARROW, SH.DatatypeConstraintComponent),
    C("prefLabel-german", lambda g: (_replace(g, MARROW, SKOS.prefLabel, Literal("Knochenmark", lang="de")),
                                     _replace(g, MARROW, RDFS.label, Literal("Knochenmark", lang="de"))),
      SHX["Concept-prefLabel"], SKOS.prefLabel, MARROW, SH.LanguageInConstraintComponent),
    C("label-missing", lambda g: g.remove((ACUTE, RDFS.label, None)),
      SHX["Concept-label"], RDFS.label, ACUTE, SH.MinCountConstraintComponent),
    C("label-differs-from-prefLabel", lambda g: _replace(g, ACUTE, RDFS.label, _en("sudden")),
      SHX["Concept-label"], RDFS.label, ACUTE, SH.EqualsConstraintComponent),
    C("altLabel-no-language", lambda g: g.add((ALL, SKOS.altLabel, Literal("acute lymphoid leukemia"))),
      SHX["Concept-altLabel"], SKOS.altLabel, ALL, SH.DatatypeConstraintComponent),
    C("altLabel-french", lambda g: g.add((FLU, SKOS.altLabel, Literal("grippe", lang="fr"))),
      SHX["Concept-altLabel"], SKOS.altLabel, FLU, SH.LanguageInConstraintComponent),
    C("hiddenLabel-no-language", lambda g: g.add((LYMPHOCYTE, SKOS.hiddenLabel, Literal("lymphocytes"))),
      SHX["Concept-hiddenLabel"], SKOS.hiddenLabel, LYMPHOCYTE),
    C("abbreviation-no-language", lambda g: _replace(g, ALL, ALLKG.abbreviation, Literal("ALL")),
      SHX["Concept-abbreviation"], ALLKG.abbreviation, ALL, SH.DatatypeConstraintComponent),
    C("abbreviation-wrong-language", lambda g: _replace(g, ALL, ALLKG.abbreviation, Literal("LAL", lang="es")),
      SHX["Concept-abbreviation"], ALLKG.abbreviation, ALL, SH.LanguageInConstraintComponent),
    C("definition-no-language", lambda g: _replace(g, LYMPHOBLAST, SKOS.definition, Literal("An immature cell.")),
      SHX["Concept-definition"], SKOS.definition, LYMPHOBLAST),
    C("scopeNote-no-language", lambda g: _replace(g, LYMPHOBLAST, SKOS.scopeNote, Literal("Not CL:0017005.")),
      SHX["Concept-scopeNote"], SKOS.scopeNote, LYMPHOBLAST),
    C("not-a-skos-concept", lambda g: g.remove((CHILDREN, RDF.type, SKOS.Concept)),
      SHX["Concept-type"], RDF.type, CHILDREN, SH.HasValueConstraintComponent),
    C("inScheme-missing", lambda g: g.remove((RADIATION, SKOS.inScheme, None)),
      SHX["Concept-inScheme"], SKOS.inScheme, RADIATION, SH.MinCountConstraintComponent),
    C("inScheme-literal", lambda g: _replace(g, RADIATION, SKOS.inScheme, Literal("allkg vocabulary")),
      SHX["Concept-inScheme"], SKOS.inScheme, RADIATION, SH.NodeKindConstraintComponent),
    C("grounded-not-boolean", lambda g: _replace(g, FLU_LIKE, ALLKG.grounded, Literal("false")),
      SHX["Concept-grounded"], ALLKG.grounded, FLU_LIKE, SH.DatatypeConstraintComponent),
    C("grounded-twice", lambda g: g.add((FLU_LIKE, ALLKG.grounded, Literal(True))),
      SHX["Concept-grounded"], ALLKG.grounded, FLU_LIKE, SH.MaxCountConstraintComponent),
    C("mapping-is-literal", lambda g: g.add((ALL, SKOS.exactMatch, Literal("MONDO:0004967"))),
      SHX["Concept-mapping"], None, ALL, SH.NodeKindConstraintComponent),
    C("ungrounded-without-flag", lambda g: g.remove((FLU_LIKE, ALLKG.grounded, None)),
      SHX.GroundingShape, None, FLU_LIKE, SH.XoneConstraintComponent),
    C("ungrounded-flag-true", lambda g: _replace(g, FLU_LIKE, ALLKG.grounded, Literal(True)),
      SHX.GroundingShape, None, FLU_LIKE, SH.XoneConstraintComponent),
    C("grounded-false-but-mapped", lambda g: g.add((LYMPHOBLAST, ALLKG.grounded, Literal(False))),
      SHX.GroundingShape, None, LYMPHOBLAST, SH.XoneConstraintComponent),
    # --- where a concept's term came from, and how close a fuzzy match is ---------------
    C("source-two-releases", lambda g: g.add((MARROW, DCTERMS.source, HP_RELEASE)),
      SHX["Concept-source"], DCTERMS.source, MARROW, SH.MaxCountConstraintComponent),
    C("source-not-a-release", lambda g: _replace(g, MARROW, DCTERMS.source, SOURCE),
      SHX["Concept-source"], DCTERMS.source, MARROW, SH.ClassConstraintComponent),
    C("source-release-not-described",
      lambda g: _replace(g, TIRED, DCTERMS.source, URIRef("http://purl.obolibrary.org/obo/hp/releases/2024-04-26/hp.obo")),
      SHX["Concept-source"], DCTERMS.source, TIRED, SH.ClassConstraintComponent),
    C("source-literal", lambda g: _replace(g, MARROW, DCTERMS.source, Literal("uberon")),
      SHX["Concept-source"], DCTERMS.source, MARROW, SH.NodeKindConstraintComponent),
    C("matchScore-string", lambda g: _replace(g, TIRED, ALLKG.matchScore, Literal("0.92")),
      SHX["Concept-matchScore"], ALLKG.matchScore, TIRED, SH.DatatypeConstraintComponent),
    C("matchScore-double", lambda g: _replace(g, TIRED, ALLKG.matchScore, Literal(0.92, datatype=XSD.double)),
      SHX["Concept-matchScore"], ALLKG.matchScore, TIRED, SH.DatatypeConstraintComponent),
    C("matchScore-just-above-one", lambda g: _replace(g, TIRED, ALLKG.matchScore, Literal(Decimal("1.001"))),
      SHX["Concept-matchScore"], ALLKG.matchScore, TIRED, SH.MaxInclusiveConstraintComponent),
    C("matchScore-negative", lambda g: _replace(g, TIRED, ALLKG.matchScore, Literal(Decimal("-0.1"))),
      SHX["Concept-matchScore"], ALLKG.matchScore, TIRED, SH.MinInclusiveConstraintComponent),
    C("matchScore-two", lambda g: g.add((TIRED, ALLKG.matchScore, Literal(Decimal("0.95")))),
      SHX["Concept-matchScore"], ALLKG.matchScore, TIRED, SH.MaxCountConstraintComponent),
    # --- entity IRIs: each class shape checks its own IRI form --------------------
    *[
        C(f"iri-{cls.split('/')[-1]}", (lambda c, n: lambda g: g.add((n, RDF.type, c)))(cls, node),
          shape, None, node, SH.PatternConstraintComponent)
        for cls, shape, node in [
            (ALLKG.Disease, SHX.DiseaseShape, MARROW),
            (ALLKG.CellType, SHX.CellTypeShape, ALL),
            (ALLKG.AnatomicalEntity, SHX.AnatomicalEntityShape, LYMPHOCYTE),
            (ALLKG.RiskFactor, SHX.RiskFactorShape, ALL),
            (ALLKG.AgeGroup, SHX.AgeGroupShape, ACUTE),
            (ALLKG.ClinicalCourse, SHX.ClinicalCourseShape, CHILDREN),
            (ALLKG.Cause, SHX.CauseShape, RADIATION),
            (ALLKG.Symptom, SHX.SymptomShape, MUTATION),
        ]
    ],
    C("iri-slug-not-lowercase", lambda g: _rename(g, FLU, ID["disease/Influenza_A"]),
      SHX.DiseaseShape, None, ID["disease/Influenza_A"], SH.PatternConstraintComponent),
    C("entity-blank-node", lambda g: _rename(g, FLU, BNode("flu")),
      SHX.DiseaseShape, None, BNode("flu"), SH.NodeKindConstraintComponent),
    # --- disease relations point to the right class -----------------------------
    *[
        C(f"disease-{prop}-wrong-class", (lambda p, t: lambda g: g.add((ALL, ALLKG[p], t)))(prop, target),
          SHX[f"Disease-{prop}"], ALLKG[prop], ALL, SH.ClassConstraintComponent)
        for prop, target in [
            ("affectsCellType", MARROW),
            ("hasLocation", LYMPHOCYTE),
            ("hasRiskFactor", CHILDREN),
            ("occursInAgeGroup", RADIATION),
            ("hasCourse", MUTATION),
            ("hasCause", ACUTE),
            ("symptomsResemble", LYMPHOCYTE),
            ("hasSymptom", FLU),
            ("hasEpidemiologyStatement", PROG_CHILDREN),
            ("hasPrognosisStatement", EPI_CHILDREN),
        ]
    ],
    C("naturalProgression-no-language",
      lambda g: _replace(g, ALL, ALLKG.naturalProgression, Literal("progresses rapidly")),
      SHX["Disease-naturalProgression"], ALLKG.naturalProgression, ALL),
    C("cause-originCellType-wrong-class", lambda g: _replace(g, MUTATION, ALLKG.originCellType, MARROW),
      SHX["Cause-originCellType"], ALLKG.originCellType, MUTATION, SH.ClassConstraintComponent),
    C("cause-originKnown-string", lambda g: _replace(g, MUTATION, ALLKG.originKnown, Literal("unclear")),
      SHX["Cause-originKnown"], ALLKG.originKnown, MUTATION, SH.DatatypeConstraintComponent),
    C("cause-originKnown-twice", lambda g: g.add((MUTATION, ALLKG.originKnown, Literal(True))),
      SHX["Cause-originKnown"], ALLKG.originKnown, MUTATION, SH.MaxCountConstraintComponent),
    # --- age-group statements --------------------------------------------------------
    C("statement-aboutAgeGroup-missing", lambda g: g.remove((EPI_CHILDREN, ALLKG.aboutAgeGroup, None)),
      SHX["AgeGroupStatement-aboutAgeGroup"], ALLKG.aboutAgeGroup, EPI_CHILDREN, SH.MinCountConstraintComponent),
    C("statement-aboutAgeGroup-two", lambda g: g.add((PROG_CHILDREN, ALLKG.aboutAgeGroup, ADULTS)),
      SHX["AgeGroupStatement-aboutAgeGroup"], ALLKG.aboutAgeGroup, PROG_CHILDREN, SH.MaxCountConstraintComponent),
    C("statement-aboutAgeGroup-wrong-class", lambda g: _replace(g, PROG_ADULTS, ALLKG.aboutAgeGroup, ALL),
      SHX["AgeGroupStatement-aboutAgeGroup"], ALLKG.aboutAgeGroup, PROG_ADULTS, SH.ClassConstraintComponent),
    C("statement-text-missing", lambda g: g.remove((PROG_ADULTS, ALLKG.statementText, None)),
      SHX["AgeGroupStatement-statementText"], ALLKG.statementText, PROG_ADULTS, SH.MinCountConstraintComponent),
    C("statement-text-no-language",
      lambda g: _replace(g, EPI_CHILDREN, ALLKG.statementText, Literal("most common cancer in children")),
      SHX["AgeGroupStatement-statementText"], ALLKG.statementText, EPI_CHILDREN, SH.DatatypeConstraintComponent),
    C("statement-text-two", lambda g: g.add((EPI_CHILDREN, ALLKG.statementText, _en("also in adults"))),
      SHX["AgeGroupStatement-statementText"], ALLKG.statementText, EPI_CHILDREN, SH.MaxCountConstraintComponent),
    C("stated-ages-no-language", lambda g: g.add((EPI_CHILDREN, ALLKG.statedAges, Literal("under 15"))),
      SHX["AgeGroupStatement-statedAges"], ALLKG.statedAges, EPI_CHILDREN, SH.DatatypeConstraintComponent),
    C("stated-ages-two",
      lambda g: (g.add((EPI_CHILDREN, ALLKG.statedAges, _en("under 15"))), g.add((EPI_CHILDREN, ALLKG.statedAges, _en("0 to 14")))),
      SHX["AgeGroupStatement-statedAges"], ALLKG.statedAges, EPI_CHILDREN, SH.MaxCountConstraintComponent),
    C("statement-blank-node", lambda g: _rename(g, PROG_ADULTS, BNode("prog")),
      SHX.AgeGroupStatementShape, None, BNode("prog"), SH.NodeKindConstraintComponent),
    C("epidemiology-iri", lambda g: _rename(g, EPI_CHILDREN, ID["statement/children"]),
      SHX.EpidemiologyStatementShape, None, ID["statement/children"], SH.PatternConstraintComponent),
    C("epidemiology-orphan", lambda g: g.remove((ALL, ALLKG.hasEpidemiologyStatement, None)),
      SHX["EpidemiologyStatement-disease"], None, EPI_CHILDREN, SH.MinCountConstraintComponent),
    C("prognosis-iri", lambda g: _rename(g, PROG_ADULTS, ID["statement/acute-lymphocytic-leukemia/outlook/adults"]),
      SHX.PrognosisStatementShape, None, ID["statement/acute-lymphocytic-leukemia/outlook/adults"],
      SH.PatternConstraintComponent),
    C("prognosis-orphan", lambda g: g.remove((ALL, ALLKG.hasPrognosisStatement, PROG_ADULTS)),
      SHX["PrognosisStatement-disease"], None, PROG_ADULTS, SH.MinCountConstraintComponent),
    C("prognosis-outlook-missing", lambda g: g.remove((PROG_CHILDREN, ALLKG.outlook, None)),
      SHX["PrognosisStatement-outlook"], ALLKG.outlook, PROG_CHILDREN, SH.MinCountConstraintComponent),
    C("prognosis-outlook-not-allowed", lambda g: _replace(g, PROG_CHILDREN, ALLKG.outlook, ALLKG.GoodOutlook),
      SHX["PrognosisStatement-outlook"], ALLKG.outlook, PROG_CHILDREN, SH.InConstraintComponent),
    C("prognosis-outlook-literal", lambda g: _replace(g, PROG_CHILDREN, ALLKG.outlook, _en("favourable")),
      SHX["PrognosisStatement-outlook"], ALLKG.outlook, PROG_CHILDREN, SH.InConstraintComponent),
    C("prognosis-outlook-two", lambda g: g.add((PROG_CHILDREN, ALLKG.outlook, ALLKG.UnfavourableOutlook)),
      SHX["PrognosisStatement-outlook"], ALLKG.outlook, PROG_CHILDREN, SH.MaxCountConstraintComponent),
    # --- facts --------------------------------------------------------------------------
    C("fact-iri", lambda g: _rename(g, F_RISK.fact, ID["facts/1"]),
      SHX.FactShape, None, ID["facts/1"], SH.PatternConstraintComponent),
    C("fact-not-rdf-statement", lambda g: g.remove((F_RISK.fact, RDF.type, RDF.Statement)),
      SHX["Fact-type"], RDF.type, F_RISK.fact, SH.HasValueConstraintComponent),
    C("fact-subject-missing", lambda g: g.remove((F_RISK.fact, RDF.subject, None)),
      SHX["Fact-subject"], RDF.subject, F_RISK.fact, SH.MinCountConstraintComponent),
    C("fact-subject-two", lambda g: g.add((F_RISK.fact, RDF.subject, FLU)),
      SHX["Fact-subject"], RDF.subject, F_RISK.fact, SH.MaxCountConstraintComponent),
    C("fact-subject-literal", lambda g: _replace(g, F_RISK.fact, RDF.subject, Literal("ALL")),
      SHX["Fact-subject"], RDF.subject, F_RISK.fact, SH.NodeKindConstraintComponent),
    C("fact-predicate-missing", lambda g: g.remove((F_RISK.fact, RDF.predicate, None)),
      SHX["Fact-predicate"], RDF.predicate, F_RISK.fact, SH.MinCountConstraintComponent),
    C("fact-predicate-literal", lambda g: _replace(g, F_RISK.fact, RDF.predicate, Literal("hasRiskFactor")),
      SHX["Fact-predicate"], RDF.predicate, F_RISK.fact, SH.NodeKindConstraintComponent),
    C("fact-object-missing", lambda g: g.remove((F_RISK.fact, RDF.object, None)),
      SHX["Fact-object"], RDF.object, F_RISK.fact, SH.MinCountConstraintComponent),
    C("fact-object-two", lambda g: g.add((F_RISK.fact, RDF.object, CHILDREN)),
      SHX["Fact-object"], RDF.object, F_RISK.fact, SH.MaxCountConstraintComponent),
    C("fact-no-evidence", lambda g: g.remove((F_RISK.fact, PROV.wasDerivedFrom, None)),
      SHX["Fact-wasDerivedFrom"], PROV.wasDerivedFrom, F_RISK.fact, SH.MinCountConstraintComponent),
    C("fact-derived-from-non-evidence", lambda g: g.add((F_RISK.fact, PROV.wasDerivedFrom, SOURCE)),
      SHX["Fact-wasDerivedFrom"], PROV.wasDerivedFrom, F_RISK.fact, SH.ClassConstraintComponent),
    C("fact-kind-missing", lambda g: g.remove((F_RISK.fact, ALLKG.factKind, None)),
      SHX["Fact-factKind"], ALLKG.factKind, F_RISK.fact, SH.MinCountConstraintComponent),
    C("fact-kind-language-tagged", lambda g: _replace(g, F_RISK.fact, ALLKG.factKind, _en("risk-factor")),
      SHX["Fact-factKind"], ALLKG.factKind, F_RISK.fact, SH.DatatypeConstraintComponent),
    C("fact-kind-empty", lambda g: _replace(g, F_RISK.fact, ALLKG.factKind, Literal("")),
      SHX["Fact-factKind"], ALLKG.factKind, F_RISK.fact, SH.MinLengthConstraintComponent),
    C("fact-explanation-untagged", lambda g: _replace(g, F_RISK.fact, ALLKG.explanation, Literal("Because.")),
      SHX["Fact-explanation"], ALLKG.explanation, F_RISK.fact, SH.DatatypeConstraintComponent),
    C("fact-explanation-empty", lambda g: _replace(g, F_RISK.fact, ALLKG.explanation, _en("")),
      SHX["Fact-explanation"], ALLKG.explanation, F_RISK.fact, SH.MinLengthConstraintComponent),
    C("fact-groundedBy-not-a-method", lambda g: _replace(g, F_LOCATION.fact, ALLKG.groundedBy, ALLKG.SynonymMatch),
      SHX["Fact-groundedBy"], ALLKG.groundedBy, F_LOCATION.fact, SH.InConstraintComponent),
    C("fact-groundedBy-literal", lambda g: g.add((F_RISK.fact, ALLKG.groundedBy, Literal("curated"))),
      SHX["Fact-groundedBy"], ALLKG.groundedBy, F_RISK.fact, SH.InConstraintComponent),
    C("fact-groundedBy-on-a-literal-object", lambda g: _replace(g, F_LOCATION.fact, RDF.object, _en("bone marrow")),
      SHX.FactGroundingShape, None, F_LOCATION.fact, SH.OrConstraintComponent),
    C("fact-groundedBy-on-a-statement", lambda g: _replace(g, F_RISK.fact, RDF.object, PROG_ADULTS),
      SHX.FactGroundingShape, None, F_RISK.fact, SH.OrConstraintComponent),
    C("fuzzy-grounding-of-a-concept-without-score",
      lambda g: g.add((F_LOCATION.fact, ALLKG.groundedBy, ALLKG.FuzzyMatch)),
      SHX.FuzzyGroundingShape, None, F_LOCATION.fact, SH.OrConstraintComponent),
    C("fact-triple-not-asserted", lambda g: g.remove((ALL, ALLKG.hasRiskFactor, RADIATION)),
      SHX.FactShape, None, F_RISK.fact, SH.SPARQLConstraintComponent, SHX.FactTripleAsserted),
    C("fact-object-not-the-asserted-one", lambda g: _replace(g, F_LOCATION.fact, RDF.object, ID["anatomy/blood"]),
      SHX.FactShape, None, F_LOCATION.fact, SH.SPARQLConstraintComponent, SHX.FactTripleAsserted),
    # --- evidence -----------------------------------------------------------------------
    C("evidence-iri", lambda g: _rename(g, F_RISK.evidence, ID["evidence"]),
      SHX.EvidenceShape, None, ID["evidence"], SH.PatternConstraintComponent),
    C("evidence-not-specific-resource", lambda g: g.remove((F_RISK.evidence, RDF.type, OA.SpecificResource)),
      SHX["Evidence-type"], RDF.type, F_RISK.evidence, SH.HasValueConstraintComponent),
    C("evidence-source-missing", lambda g: g.remove((F_RISK.evidence, OA.hasSource, None)),
      SHX["Evidence-hasSource"], OA.hasSource, F_RISK.evidence, SH.MinCountConstraintComponent),
    C("evidence-source-two", lambda g: g.add((F_RISK.evidence, OA.hasSource, ID[f"source/{'0' * 64}"])),
      SHX["Evidence-hasSource"], OA.hasSource, F_RISK.evidence, SH.MaxCountConstraintComponent),
    C("evidence-source-not-a-source-document", lambda g: _replace(g, F_RISK.evidence, OA.hasSource, DATASET),
      SHX["Evidence-hasSource"], OA.hasSource, F_RISK.evidence, SH.ClassConstraintComponent),
    C("evidence-no-quote-selector", lambda g: g.remove((F_RISK.evidence, OA.hasSelector, F_RISK.quote)),
      SHX["Evidence-quoteSelector"], OA.hasSelector, F_RISK.evidence, SH.QualifiedMinCountConstraintComponent),
    C("evidence-two-quote-selectors", lambda g: g.add((F_RISK.evidence, OA.hasSelector, F_LOCATION.quote)),
      SHX["Evidence-quoteSelector"], OA.hasSelector, F_RISK.evidence, SH.QualifiedMaxCountConstraintComponent),
    C("evidence-no-position-selector", lambda g: g.remove((F_LOCATION.evidence, OA.hasSelector, F_LOCATION.position)),
      SHX["Evidence-positionSelector"], OA.hasSelector, F_LOCATION.evidence, SH.QualifiedMinCountConstraintComponent),
    C("evidence-two-position-selectors",
      lambda g: g.add((F_LOCATION.evidence, OA.hasSelector, F_RISK.position)),
      SHX["Evidence-positionSelector"], OA.hasSelector, F_LOCATION.evidence, SH.QualifiedMaxCountConstraintComponent),
    C("evidence-selector-blank-node", lambda g: _rename(g, F_RISK.position, BNode("pos")),
      SHX["Evidence-selector"], OA.hasSelector, F_RISK.evidence, SH.NodeKindConstraintComponent),
    C("evidence-supports-no-fact", lambda g: g.remove((F_RISK.fact, PROV.wasDerivedFrom, F_RISK.evidence)),
      SHX["Evidence-supports"], None, F_RISK.evidence, SH.MinCountConstraintComponent),
    C("quote-does-not-match-text", lambda g: _replace(g, F_LOCATION.quote, OA.exact, Literal("bone marrows")),
      SHX.EvidenceShape, None, F_LOCATION.evidence, SH.SPARQLConstraintComponent, SHX.EvidenceQuoteMatchesSource),
    C("quote-offsets-shifted", lambda g: (_replace(g, F_LOCATION.position, OA.start, _nni(START_L + 1)),
                                          _replace(g, F_LOCATION.position, OA.end, _nni(END_L + 1))),
      SHX.EvidenceShape, None, F_LOCATION.evidence, SH.SPARQLConstraintComponent, SHX.EvidenceQuoteMatchesSource),
    C("quote-offsets-in-utf16-units",
      lambda g: (_replace(g, F_RISK.position, OA.start, _nni(len(TEXT[:START_R].encode("utf-16-le")) // 2)),
                 _replace(g, F_RISK.position, OA.end, _nni(len(TEXT[:END_R].encode("utf-16-le")) // 2))),
      SHX.EvidenceShape, None, F_RISK.evidence, SH.SPARQLConstraintComponent, SHX.EvidenceQuoteMatchesSource),
    C("quote-offsets-in-utf8-bytes",
      lambda g: (_replace(g, F_RISK.position, OA.start, _nni(len(TEXT[:START_R].encode("utf-8")))),
                 _replace(g, F_RISK.position, OA.end, _nni(len(TEXT[:END_R].encode("utf-8"))))),
      SHX.EvidenceShape, None, F_RISK.evidence, SH.SPARQLConstraintComponent, SHX.EvidenceQuoteMatchesSource),
    C("quote-end-past-text", lambda g: _replace(g, F_RISK.position, OA.end, _nni(len(TEXT) + 5)),
      SHX.EvidenceShape, None, F_RISK.evidence, SH.SPARQLConstraintComponent, SHX.EvidenceQuoteMatchesSource),
    C("prefix-does-not-precede-quote", lambda g: _replace(g, F_RISK.quote, OA.prefix, Literal("the risk of ")),
      SHX.EvidenceShape, None, F_RISK.evidence, SH.SPARQLConstraintComponent, SHX.EvidenceContextMatchesSource),
    C("suffix-does-not-follow-quote", lambda g: _replace(g, F_LOCATION.quote, OA.suffix, Literal(" and blood")),
      SHX.EvidenceShape, None, F_LOCATION.evidence, SH.SPARQLConstraintComponent, SHX.EvidenceContextMatchesSource),
    # --- selectors ------------------------------------------------------------------------
    C("quote-selector-iri", lambda g: _rename(g, F_RISK.quote, ID["quote/1"]),
      SHX.TextQuoteSelectorShape, None, ID["quote/1"], SH.PatternConstraintComponent),
    C("exact-missing", lambda g: g.remove((F_RISK.quote, OA.exact, None)),
      SHX["TextQuoteSelector-exact"], OA.exact, F_RISK.quote, SH.MinCountConstraintComponent),
    C("exact-empty", lambda g: _replace(g, F_RISK.quote, OA.exact, Literal("")),
      SHX["TextQuoteSelector-exact"], OA.exact, F_RISK.quote, SH.MinLengthConstraintComponent),
    C("exact-language-tagged", lambda g: _replace(g, F_RISK.quote, OA.exact, _en("exposure to radiation")),
      SHX["TextQuoteSelector-exact"], OA.exact, F_RISK.quote, SH.DatatypeConstraintComponent),
    C("exact-two", lambda g: g.add((F_RISK.quote, OA.exact, Literal("radiation"))),
      SHX["TextQuoteSelector-exact"], OA.exact, F_RISK.quote, SH.MaxCountConstraintComponent),
    C("prefix-two", lambda g: g.add((F_RISK.quote, OA.prefix, Literal("include "))),
      SHX["TextQuoteSelector-prefix"], OA.prefix, F_RISK.quote, SH.MaxCountConstraintComponent),
    C("prefix-language-tagged", lambda g: _replace(g, F_RISK.quote, OA.prefix, _en("include ")),
      SHX["TextQuoteSelector-prefix"], OA.prefix, F_RISK.quote, SH.DatatypeConstraintComponent),
    C("suffix-integer", lambda g: _replace(g, F_RISK.quote, OA.suffix, Literal(7)),
      SHX["TextQuoteSelector-suffix"], OA.suffix, F_RISK.quote, SH.DatatypeConstraintComponent),
    C("suffix-two", lambda g: g.add((F_RISK.quote, OA.suffix, Literal("."))),
      SHX["TextQuoteSelector-suffix"], OA.suffix, F_RISK.quote, SH.MaxCountConstraintComponent),
    C("position-selector-iri", lambda g: _rename(g, F_RISK.position, ID[f"evidence/{'a' * 16}/pos"]),
      SHX.TextPositionSelectorShape, None, ID[f"evidence/{'a' * 16}/pos"], SH.PatternConstraintComponent),
    C("start-missing", lambda g: g.remove((F_RISK.position, OA.start, None)),
      SHX["TextPositionSelector-start"], OA.start, F_RISK.position, SH.MinCountConstraintComponent),
    C("start-two", lambda g: g.add((F_RISK.position, OA.start, _nni(0))),
      SHX["TextPositionSelector-start"], OA.start, F_RISK.position, SH.MaxCountConstraintComponent),
    C("start-xsd-integer", lambda g: _replace(g, F_RISK.position, OA.start, Literal(START_R)),
      SHX["TextPositionSelector-start"], OA.start, F_RISK.position, SH.DatatypeConstraintComponent),
    C("start-negative", lambda g: _replace(g, F_RISK.position, OA.start, _nni(-1)),
      SHX["TextPositionSelector-start"], OA.start, F_RISK.position, SH.DatatypeConstraintComponent),
    C("end-missing", lambda g: g.remove((F_RISK.position, OA.end, None)),
      SHX["TextPositionSelector-end"], OA.end, F_RISK.position, SH.MinCountConstraintComponent),
    C("end-string", lambda g: _replace(g, F_RISK.position, OA.end, Literal(str(END_R))),
      SHX["TextPositionSelector-end"], OA.end, F_RISK.position, SH.DatatypeConstraintComponent),
    C("start-equals-end", lambda g: _replace(g, F_RISK.position, OA.end, _nni(START_R)),
      SHX["TextPositionSelector-startBeforeEnd"], OA.start, F_RISK.position, SH.LessThanConstraintComponent),
    C("start-after-end", lambda g: (_replace(g, F_RISK.position, OA.start, _nni(END_R)),
                                    _replace(g, F_RISK.position, OA.end, _nni(START_R))),
      SHX["TextPositionSelector-startBeforeEnd"], OA.start, F_RISK.position, SH.LessThanConstraintComponent),
    # --- source document -------------------------------------------------------------
    C("source-iri", lambda g: _rename(g, SOURCE, ID["source/page-1"]),
      SHX.SourceDocumentShape, None, ID["source/page-1"], SH.PatternConstraintComponent),
    C("source-not-prov-entity", lambda g: g.remove((SOURCE, RDF.type, PROV.Entity)),
      SHX["SourceDocument-type"], RDF.type, SOURCE, SH.HasValueConstraintComponent),
    C("sha256-missing", lambda g: g.remove((SOURCE, ALLKG.sha256, None)),
      SHX["SourceDocument-sha256"], ALLKG.sha256, SOURCE, SH.MinCountConstraintComponent),
    C("sha256-uppercase", lambda g: _replace(g, SOURCE, ALLKG.sha256, Literal(SHA256.upper())),
      SHX["SourceDocument-sha256"], ALLKG.sha256, SOURCE, SH.PatternConstraintComponent),
    C("sha256-too-short", lambda g: _replace(g, SOURCE, ALLKG.sha256, Literal(SHA256[:-1])),
      SHX["SourceDocument-sha256"], ALLKG.sha256, SOURCE, SH.PatternConstraintComponent),
    C("sha256-with-prefix", lambda g: _replace(g, SOURCE, ALLKG.sha256, Literal("sha256:" + SHA256)),
      SHX["SourceDocument-sha256"], ALLKG.sha256, SOURCE, SH.PatternConstraintComponent),
    C("sha256-two", lambda g: g.add((SOURCE, ALLKG.sha256, Literal("0" * 64))),
      SHX["SourceDocument-sha256"], ALLKG.sha256, SOURCE, SH.MaxCountConstraintComponent),
    C("sha256-not-the-iri-digest", lambda g: _replace(g, SOURCE, ALLKG.sha256, Literal("0" * 64)),
      SHX.SourceDocumentShape, None, SOURCE, SH.SPARQLConstraintComponent, SHX.SourceIriMatchesDigest),
    C("format-missing", lambda g: g.remove((SOURCE, DCTERMS.format, None)),
      SHX["SourceDocument-format"], DCTERMS.format, SOURCE, SH.MinCountConstraintComponent),
    C("characterEncoding-missing", lambda g: g.remove((SOURCE, ALLKG.characterEncoding, None)),
      SHX["SourceDocument-characterEncoding"], ALLKG.characterEncoding, SOURCE, SH.MinCountConstraintComponent),
    C("characterCount-missing", lambda g: g.remove((SOURCE, ALLKG.characterCount, None)),
      SHX["SourceDocument-characterCount"], ALLKG.characterCount, SOURCE, SH.MinCountConstraintComponent),
    C("characterCount-string", lambda g: _replace(g, SOURCE, ALLKG.characterCount, Literal(str(len(TEXT)))),
      SHX["SourceDocument-characterCount"], ALLKG.characterCount, SOURCE, SH.DatatypeConstraintComponent),
    C("characterCount-negative", lambda g: _replace(g, SOURCE, ALLKG.characterCount, _nni(-3)),
      SHX["SourceDocument-characterCount"], ALLKG.characterCount, SOURCE, SH.DatatypeConstraintComponent),
    C("characterCount-counts-bytes",
      lambda g: _replace(g, SOURCE, ALLKG.characterCount, _nni(len(TEXT.encode("utf-8")))),
      SHX.SourceDocumentShape, None, SOURCE, SH.SPARQLConstraintComponent, SHX.SourceCharacterCountMatchesText),
    C("fileName-two", lambda g: g.add((SOURCE, ALLKG.fileName, Literal("other.txt"))),
      SHX["SourceDocument-fileName"], ALLKG.fileName, SOURCE, SH.MaxCountConstraintComponent),
    C("decodedText-two", lambda g: g.add((SOURCE, ALLKG.decodedText, Literal("other text"))),
      SHX["SourceDocument-decodedText"], ALLKG.decodedText, SOURCE, SH.MaxCountConstraintComponent),
    C("decodedText-language-tagged", lambda g: _replace(g, SOURCE, ALLKG.decodedText, _en(TEXT)),
      SHX["SourceDocument-decodedText"], ALLKG.decodedText, SOURCE, SH.DatatypeConstraintComponent),
    C("source-title-two", lambda g: g.add((SOURCE, DCTERMS.title, Literal("ALL"))),
      SHX["SourceDocument-title"], DCTERMS.title, SOURCE, SH.MaxCountConstraintComponent),
    C("last-reviewed-not-a-date", lambda g: g.add((SOURCE, ALLKG.lastReviewed, Literal("June 24, 2024"))),
      SHX["SourceDocument-lastReviewed"], ALLKG.lastReviewed, SOURCE, SH.DatatypeConstraintComponent),
    # --- dataset ----------------------------------------------------------------------
    C("dataset-iri", lambda g: _rename(g, DATASET, ID["datasets/1"]),
      SHX.DatasetShape, None, ID["datasets/1"], SH.PatternConstraintComponent),
    C("dataset-not-dcat", lambda g: g.remove((DATASET, RDF.type, DCAT.Dataset)),
      SHX["Dataset-type"], RDF.type, DATASET, SH.HasValueConstraintComponent),
    C("dataset-title-missing", lambda g: g.remove((DATASET, DCTERMS.title, None)),
      SHX["Dataset-title"], DCTERMS.title, DATASET, SH.MinCountConstraintComponent),
    C("dataset-description-missing", lambda g: g.remove((DATASET, DCTERMS.description, None)),
      SHX["Dataset-description"], DCTERMS.description, DATASET, SH.MinCountConstraintComponent),
    C("dataset-license-missing", lambda g: g.remove((DATASET, DCTERMS.license, None)),
      SHX["Dataset-license"], DCTERMS.license, DATASET, SH.MinCountConstraintComponent),
    C("dataset-license-literal", lambda g: _replace(g, DATASET, DCTERMS.license, Literal("CC BY 4.0")),
      SHX["Dataset-license"], DCTERMS.license, DATASET, SH.NodeKindConstraintComponent),
    C("dataset-version-missing", lambda g: g.remove((DATASET, DCAT.version, None)),
      SHX["Dataset-version"], DCAT.version, DATASET, SH.MinCountConstraintComponent),
    C("dataset-version-two", lambda g: g.add((DATASET, DCAT.version, Literal("0.2.0"))),
      SHX["Dataset-version"], DCAT.version, DATASET, SH.MaxCountConstraintComponent),
    C("dataset-versionInfo-iri", lambda g: _replace(g, DATASET, OWL.versionInfo, URIRef("https://example.org/v1")),
      SHX["Dataset-versionInfo"], OWL.versionInfo, DATASET, SH.NodeKindConstraintComponent),
    C("dataset-conformsTo-missing", lambda g: g.remove((DATASET, DCTERMS.conformsTo, None)),
      SHX["Dataset-conformsTo"], DCTERMS.conformsTo, DATASET, SH.HasValueConstraintComponent),
    C("dataset-source-missing", lambda g: g.remove((DATASET, DCTERMS.source, None)),
      SHX["Dataset-source"], DCTERMS.source, DATASET, SH.MinCountConstraintComponent),
    C("dataset-source-not-a-source-document",
      lambda g: g.add((DATASET, DCTERMS.source, URIRef("https://www.mayoclinic.org/"))),
      SHX["Dataset-source"], DCTERMS.source, DATASET, SH.ClassConstraintComponent),
    C("dataset-generated-by-non-activity", lambda g: _replace(g, DATASET, PROV.wasGeneratedBy, SOFTWARE),
      SHX["Dataset-wasGeneratedBy"], PROV.wasGeneratedBy, DATASET, SH.ClassConstraintComponent),
    C("dataset-triples-missing", lambda g: g.remove((DATASET, VOID.triples, None)),
      SHX["Dataset-triples"], VOID.triples, DATASET, SH.MinCountConstraintComponent),
    C("dataset-triples-negative", lambda g: _replace(g, DATASET, VOID.triples, Literal(-1)),
      SHX["Dataset-triples"], VOID.triples, DATASET, SH.MinInclusiveConstraintComponent),
    C("dataset-triples-string", lambda g: _replace(g, DATASET, VOID.triples, Literal("200")),
      SHX["Dataset-triples"], VOID.triples, DATASET, SH.DatatypeConstraintComponent),
    C("dataset-entities-negative", lambda g: _replace(g, DATASET, VOID.entities, Literal(-14)),
      SHX["Dataset-entities"], VOID.entities, DATASET, SH.MinInclusiveConstraintComponent),
    C("dataset-vocabulary-literal", lambda g: g.add((DATASET, VOID.vocabulary, Literal("skos"))),
      SHX["Dataset-vocabulary"], VOID.vocabulary, DATASET, SH.NodeKindConstraintComponent),
    C("dataset-distribution-missing", lambda g: g.remove((DATASET, DCAT.distribution, None)),
      SHX["Dataset-distribution"], DCAT.distribution, DATASET, SH.MinCountConstraintComponent),
    C("dataset-distribution-untyped", lambda g: g.remove((DIST_JSONLD, RDF.type, DCAT.Distribution)),
      SHX["Dataset-distribution"], DCAT.distribution, DATASET, SH.ClassConstraintComponent),
    # --- distributions and the build ------------------------------------------------------
    C("distribution-blank-node", lambda g: _rename(g, DIST_TTL, BNode("ttl")),
      SHX.DistributionShape, None, BNode("ttl"), SH.NodeKindConstraintComponent),
    C("distribution-mediaType-missing", lambda g: g.remove((DIST_TTL, DCAT.mediaType, None)),
      SHX["Distribution-mediaType"], DCAT.mediaType, DIST_TTL, SH.MinCountConstraintComponent),
    C("distribution-mediaType-not-a-media-type", lambda g: _replace(g, DIST_TTL, DCAT.mediaType, Literal("Turtle")),
      SHX["Distribution-mediaType"], DCAT.mediaType, DIST_TTL, SH.PatternConstraintComponent),
    C("distribution-untyped-still-checked",
      lambda g: (g.remove((DIST_JSONLD, RDF.type, DCAT.Distribution)), g.remove((DIST_JSONLD, DCAT.mediaType, None))),
      SHX["Distribution-mediaType"], DCAT.mediaType, DIST_JSONLD, SH.MinCountConstraintComponent),
    C("distribution-downloadURL-missing", lambda g: g.remove((DIST_JSONLD, DCAT.downloadURL, None)),
      SHX["Distribution-downloadURL"], DCAT.downloadURL, DIST_JSONLD, SH.MinCountConstraintComponent),
    C("distribution-downloadURL-literal", lambda g: _replace(g, DIST_JSONLD, DCAT.downloadURL, Literal("allkg.jsonld")),
      SHX["Distribution-downloadURL"], DCAT.downloadURL, DIST_JSONLD, SH.NodeKindConstraintComponent),
    C("build-blank-node", lambda g: _rename(g, BUILD, BNode("build")),
      SHX.BuildActivityShape, None, BNode("build"), SH.NodeKindConstraintComponent),
    C("build-used-missing", lambda g: g.remove((BUILD, PROV.used, None)),
      SHX["BuildActivity-usedSource"], PROV.used, BUILD, SH.QualifiedMinCountConstraintComponent),
    C("build-used-only-releases", lambda g: g.remove((BUILD, PROV.used, SOURCE)),
      SHX["BuildActivity-usedSource"], PROV.used, BUILD, SH.QualifiedMinCountConstraintComponent),
    C("build-used-neither-source-nor-release", lambda g: g.add((BUILD, PROV.used, ONTOLOGY)),
      SHX["BuildActivity-used"], PROV.used, BUILD, SH.OrConstraintComponent),
    C("build-software-missing", lambda g: g.remove((BUILD, PROV.wasAssociatedWith, None)),
      SHX["BuildActivity-wasAssociatedWith"], PROV.wasAssociatedWith, BUILD, SH.MinCountConstraintComponent),
    # --- ontology releases ------------------------------------------------------------------
    C("release-blank-node", lambda g: _rename(g, UBERON_RELEASE, BNode("uberon")),
      SHX.OntologyReleaseShape, None, BNode("uberon"), SH.NodeKindConstraintComponent),
    C("release-not-dcat-dataset", lambda g: g.remove((HP_RELEASE, RDF.type, DCAT.Dataset)),
      SHX["OntologyRelease-type"], RDF.type, HP_RELEASE, SH.HasValueConstraintComponent),
    C("release-title-missing", lambda g: g.remove((HP_RELEASE, DCTERMS.title, None)),
      SHX["OntologyRelease-title"], DCTERMS.title, HP_RELEASE, SH.MinCountConstraintComponent),
    C("release-title-no-language", lambda g: _replace(g, HP_RELEASE, DCTERMS.title, Literal("HPO")),
      SHX["OntologyRelease-title"], DCTERMS.title, HP_RELEASE, SH.DatatypeConstraintComponent),
    C("release-version-missing", lambda g: g.remove((UBERON_RELEASE, OWL.versionInfo, None)),
      SHX["OntologyRelease-versionInfo"], OWL.versionInfo, UBERON_RELEASE, SH.MinCountConstraintComponent),
    C("release-version-not-a-date", lambda g: _replace(g, UBERON_RELEASE, OWL.versionInfo, Literal("v2021-08")),
      SHX["OntologyRelease-versionInfo"], OWL.versionInfo, UBERON_RELEASE, SH.PatternConstraintComponent),
    C("release-version-typed-date",
      lambda g: _replace(g, UBERON_RELEASE, OWL.versionInfo, Literal("2021-08-03", datatype=XSD.date)),
      SHX["OntologyRelease-versionInfo"], OWL.versionInfo, UBERON_RELEASE, SH.DatatypeConstraintComponent),
    C("release-license-missing", lambda g: g.remove((HP_RELEASE, DCTERMS.license, None)),
      SHX["OntologyRelease-license"], DCTERMS.license, HP_RELEASE, SH.MinCountConstraintComponent),
    C("release-license-literal", lambda g: _replace(g, HP_RELEASE, DCTERMS.license, Literal("CC BY 4.0")),
      SHX["OntologyRelease-license"], DCTERMS.license, HP_RELEASE, SH.NodeKindConstraintComponent),
    C("release-not-used-by-the-build", lambda g: g.remove((BUILD, PROV.used, HP_RELEASE)),
      SHX["OntologyRelease-usedBy"], None, HP_RELEASE, SH.MinCountConstraintComponent),
]


def broken_graph(case: Case) -> Graph:
    """A copy of the valid graph, broken as ``case`` says."""
    data = _copy(VALID)
    case.mutate(data)
    return data


@functools.cache
def pyshacl_on(case: Case) -> tuple[bool, Graph, str]:
    """pyshacl's verdict, report and text on ``case``'s broken graph, computed once a session:
    test_validate compares allkg's engine with this same report. Callers only read the report."""
    return _validate(broken_graph(case))


def _matching_results(report: Graph, case: Case) -> list:
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if (result, SH.sourceShape, case.shape) not in report:
            continue
        if case.path is not None and (result, SH.resultPath, case.path) not in report:
            continue
        if case.focus is not None and (result, SH.focusNode, case.focus) not in report:
            continue
        if case.component is not None and (result, SH.sourceConstraintComponent, case.component) not in report:
            continue
        if case.constraint is not None and (result, SH.sourceConstraint, case.constraint) not in report:
            continue
        found.append(result)
    return found


# ---------------------------------------------------------------------------
# tests
# ---------------------------------------------------------------------------

def test_valid_graph_conforms():
    conforms, _, text = _validate(_copy(VALID))
    assert conforms, text


def test_valid_graph_targets_every_node_shape():
    """The valid graph is not vacuously valid: every node shape has focus nodes in it."""
    for shape in SHAPES.subjects(RDF.type, SH.NodeShape):
        if not isinstance(shape, URIRef):
            continue
        targets = set()
        for cls in SHAPES.objects(shape, SH.targetClass):
            targets |= set(VALID.subjects(RDF.type, cls))
        for prop in SHAPES.objects(shape, SH.targetObjectsOf):
            targets |= set(VALID.objects(None, prop))
        assert targets, f"no focus node for {shape} in the valid graph"


@pytest.mark.parametrize("case", CASES)
def test_broken_graph_is_reported(case: Case):
    assert set(broken_graph(case)) != set(VALID), "the mutation changed nothing"
    conforms, report, text = pyshacl_on(case)
    assert not conforms, f"{case.id}: expected a violation, the graph conforms"
    found = _matching_results(report, case)
    assert found, (
        f"{case.id}: no result with sourceShape={case.shape} path={case.path} focus={case.focus} "
        f"component={case.component} constraint={case.constraint}\n{text}"
    )
    for result in found:
        messages = list(report.objects(result, SH.resultMessage))
        assert messages and all(str(m).strip() for m in messages), f"{case.id}: result without a message"


def test_every_shape_and_constraint_is_exercised():
    """Each named shape and SPARQL constraint is the expected culprit of at least one broken case."""
    expected = {p.values[0].shape for p in CASES} | {p.values[0].constraint for p in CASES}
    named = set()
    for kind in (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint):
        named |= {s for s in SHAPES.subjects(RDF.type, kind) if isinstance(s, URIRef)}
    missing = sorted(str(s) for s in named - expected)
    assert not missing, f"shapes with no broken case: {missing}"


def _property_shapes(g: Graph) -> set:
    return set(g.subjects(SH.path, None))


def _sparql_constraints(g: Graph) -> set:
    return set(g.objects(None, SH.sparql)) | set(g.subjects(RDF.type, SH.SPARQLConstraint))


def _english_messages(g: Graph, node) -> list:
    return [m for m in g.objects(node, SH.message)
            if isinstance(m, Literal) and m.language == "en" and str(m).strip()]


def test_every_property_shape_has_an_english_message():
    shapes = _property_shapes(SHAPES)
    assert len(shapes) > 50
    missing = sorted(str(s) for s in shapes if not _english_messages(SHAPES, s))
    assert not missing, f"property shapes without sh:message @en: {missing}"


def test_every_sparql_constraint_has_an_english_message():
    constraints = _sparql_constraints(SHAPES)
    assert len(constraints) >= 4
    missing = sorted(str(s) for s in constraints if not _english_messages(SHAPES, s))
    assert not missing, f"SPARQL constraints without sh:message @en: {missing}"


NODE_LEVEL_PARAMETERS = (SH.nodeKind, SH.pattern, SH.xone, SH["or"], SH["and"], SH["not"],
                         SH["class"], SH.datatype, SH["in"], SH.hasValue, SH.closed)


def test_every_node_shape_with_own_constraints_has_an_english_message():
    missing = []
    for shape in SHAPES.subjects(RDF.type, SH.NodeShape):
        if any((shape, p, None) in SHAPES for p in NODE_LEVEL_PARAMETERS) and not _english_messages(SHAPES, shape):
            missing.append(str(shape))
    assert not missing, f"node shapes without sh:message @en: {missing}"


def test_shapes_are_open_and_core_only():
    assert (None, SH.closed, Literal(True)) not in SHAPES
    advanced = {SH.rule, SH.target, SH.SPARQLTarget, SH.JSFunction, SH.js, SH.SPARQLFunction, SH.expression}
    used = {p for _, p, _ in SHAPES} | {o for _, _, o in SHAPES}
    assert not (used & advanced), f"SHACL-AF / SHACL-JS terms used: {used & advanced}"


def test_shapes_pass_meta_shacl():
    conforms, _, text = _validate(_copy(VALID), meta_shacl=True)
    assert conforms, text


def test_shapes_parse_with_pyoxigraph():
    import pyoxigraph
    store = pyoxigraph.Store()
    store.load(path=str(SHAPES_PATH), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(SHAPES_PATH, format="turtle"))
