"""The OWL ontology (ontology/allkg.ttl) against its contract, docs/data-model.md.

- it parses with rdflib and pyoxigraph and has the header (version IRI, licence...);
- every allkg: term named in the data model or used in shapes/allkg.ttl is declared,
  with the kind, domain, range and alignment the data model gives, an English
  label and an English definition;
- every OBO ID it uses is in the verified reference table
  (ontology/sources/ontology-terms.md), with the table section cited beside it;
- it keeps the rules of OWL 2 DL that a plain RDF check can see.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from allkg.graph import GROUNDING_METHODS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_PATH = ROOT / "ontology" / "allkg.ttl"
SHAPES_PATH = ROOT / "shapes" / "allkg.ttl"
DATA_MODEL_PATH = ROOT / "docs" / "data-model.md"
TERMS_PATH = ROOT / "ontology" / "sources" / "ontology-terms.md"

NS = "https://w3id.org/allkg/ontology/"
ALLKG = Namespace(NS)
ONTOLOGY_IRI = URIRef(NS)
OBO = "http://purl.obolibrary.org/obo/"
RO = Namespace(OBO)
SCHEMA = Namespace("http://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")

ONT = Graph().parse(ONTOLOGY_PATH, format="turtle")
SHAPES = Graph().parse(SHAPES_PATH, format="turtle")
DATA_MODEL = DATA_MODEL_PATH.read_text(encoding="utf-8")

KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual)
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _local_terms(iris) -> set[URIRef]:
    return {i for i in iris if isinstance(i, URIRef) and str(i).startswith(NS) and str(i) != NS}


def _data_model_terms() -> set[URIRef]:
    return {ALLKG[name] for name in re.findall(r"\ballkg:([A-Za-z][A-Za-z0-9_]*)", DATA_MODEL)}


def _shapes_terms() -> set[URIRef]:
    return _local_terms({x for triple in SHAPES for x in triple})


def _declared() -> set[URIRef]:
    return _local_terms({s for kind in KINDS for s in ONT.subjects(RDF.type, kind)})


# What docs/data-model.md says about each term: kind, domain, range.
# (abbreviation: an annotation property, see the comment in ontology/allkg.ttl.)
EXPECTED = {
    # classes
    "Disease": (OWL.Class, None, None),
    "CellType": (OWL.Class, None, None),
    "AnatomicalEntity": (OWL.Class, None, None),
    "RiskFactor": (OWL.Class, None, None),
    "AgeGroup": (OWL.Class, None, None),
    "ClinicalCourse": (OWL.Class, None, None),
    "Cause": (OWL.Class, None, None),
    "Symptom": (OWL.Class, None, None),
    "AgeGroupStatement": (OWL.Class, None, None),
    "EpidemiologyStatement": (OWL.Class, None, None),
    "PrognosisStatement": (OWL.Class, None, None),
    "PrognosisOutlook": (OWL.Class, None, None),
    "Fact": (OWL.Class, None, None),
    "Evidence": (OWL.Class, None, None),
    "SourceDocument": (OWL.Class, None, None),
    "OntologyRelease": (OWL.Class, None, None),
    "GroundingMethod": (OWL.Class, None, None),
    # individuals
    "FavourableOutlook": (OWL.NamedIndividual, None, None),
    "UnfavourableOutlook": (OWL.NamedIndividual, None, None),
    **{name: (OWL.NamedIndividual, None, None) for name in GROUNDING_METHODS.values()},
    # object properties (section 1 tables)
    "affectsCellType": (OWL.ObjectProperty, ALLKG.Disease, ALLKG.CellType),
    "hasLocation": (OWL.ObjectProperty, ALLKG.Disease, ALLKG.AnatomicalEntity),
    "hasRiskFactor": (OWL.ObjectProperty, ALLKG.Disease, ALLKG.RiskFactor),
    "occursInAgeGroup": (OWL.ObjectProperty, ALLKG.Disease, ALLKG.AgeGroup),
    "hasCourse": (OWL.ObjectProperty, ALLKG.Disease, ALLKG.ClinicalCourse),
    "hasCause": (OWL.ObjectProperty, ALLKG.Disease, ALLKG.Cause),
    "symptomsResemble": (OWL.ObjectProperty, ALLKG.Disease, ALLKG.Disease),
    "hasSymptom": (OWL.ObjectProperty, ALLKG.Disease, ALLKG.Symptom),
    "hasEpidemiologyStatement": (OWL.ObjectProperty, ALLKG.Disease, ALLKG.EpidemiologyStatement),
    "hasPrognosisStatement": (OWL.ObjectProperty, ALLKG.Disease, ALLKG.PrognosisStatement),
    "aboutAgeGroup": (OWL.ObjectProperty, ALLKG.AgeGroupStatement, ALLKG.AgeGroup),
    "outlook": (OWL.ObjectProperty, ALLKG.PrognosisStatement, ALLKG.PrognosisOutlook),
    "originCellType": (OWL.ObjectProperty, ALLKG.Cause, ALLKG.CellType),
    "groundedBy": (OWL.ObjectProperty, ALLKG.Fact, ALLKG.GroundingMethod),
    # datatype properties
    "naturalProgression": (OWL.DatatypeProperty, ALLKG.Disease, RDF.langString),
    "statementText": (OWL.DatatypeProperty, ALLKG.AgeGroupStatement, RDF.langString),
    "statedAges": (OWL.DatatypeProperty, ALLKG.AgeGroupStatement, RDF.langString),
    "originKnown": (OWL.DatatypeProperty, ALLKG.Cause, XSD.boolean),
    "grounded": (OWL.DatatypeProperty, SKOS.Concept, XSD.boolean),
    "matchScore": (OWL.DatatypeProperty, SKOS.Concept, XSD.decimal),
    "factKind": (OWL.DatatypeProperty, ALLKG.Fact, XSD.string),
    "explanation": (OWL.DatatypeProperty, ALLKG.Fact, RDF.langString),
    "sha256": (OWL.DatatypeProperty, ALLKG.SourceDocument, XSD.string),
    "characterEncoding": (OWL.DatatypeProperty, ALLKG.SourceDocument, XSD.string),
    "characterCount": (OWL.DatatypeProperty, ALLKG.SourceDocument, XSD.nonNegativeInteger),
    "fileName": (OWL.DatatypeProperty, ALLKG.SourceDocument, XSD.string),
    "lastReviewed": (OWL.DatatypeProperty, ALLKG.SourceDocument, XSD.date),
    "decodedText": (OWL.DatatypeProperty, ALLKG.SourceDocument, XSD.string),
    # annotation property
    "abbreviation": (OWL.AnnotationProperty, None, RDF.langString),
}


# ---------------------------------------------------------------------------
# parsing and header
# ---------------------------------------------------------------------------

def test_parses_with_rdflib():
    assert len(ONT) > 100


def test_parses_with_pyoxigraph():
    import pyoxigraph
    store = pyoxigraph.Store()
    store.load(path=str(ONTOLOGY_PATH), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(ONT)


def test_header():
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ONT
    assert list(ONT.objects(ONTOLOGY_IRI, OWL.versionIRI)) == [URIRef("https://w3id.org/allkg/ontology/0.1.0/")]
    assert list(ONT.objects(ONTOLOGY_IRI, OWL.versionInfo)) == [Literal("0.1.0")]
    assert list(ONT.objects(ONTOLOGY_IRI, DCTERMS.license)) == [
        URIRef("https://creativecommons.org/licenses/by/4.0/")
    ]
    assert list(ONT.objects(ONTOLOGY_IRI, DCTERMS.creator)) == [Literal("allkg contributors")]
    for prop in (DCTERMS.title, DCTERMS.description):
        values = list(ONT.objects(ONTOLOGY_IRI, prop))
        assert values and all(v.language == "en" for v in values), prop


def test_version_iri_matches_version_info():
    version = str(ONT.value(ONTOLOGY_IRI, OWL.versionInfo))
    assert str(ONT.value(ONTOLOGY_IRI, OWL.versionIRI)) == f"{NS}{version}/"


# ---------------------------------------------------------------------------
# every term is declared, labelled and defined
# ---------------------------------------------------------------------------

def test_data_model_names_terms():
    assert len(_data_model_terms()) >= 40  # the regex still finds the data model's terms


@pytest.mark.parametrize("term", sorted(_data_model_terms() | _shapes_terms() | _declared()), ids=str)
def test_term_is_declared_labelled_and_defined(term: URIRef):
    kinds = [k for k in KINDS if (term, RDF.type, k) in ONT]
    assert kinds, f"{term} is not declared in ontology/allkg.ttl"
    labels = list(ONT.objects(term, RDFS.label))
    assert len(labels) == 1 and labels[0].language == "en", f"{term}: needs exactly one rdfs:label @en"
    definitions = list(ONT.objects(term, SKOS.definition))
    assert len(definitions) == 1 and definitions[0].language == "en", f"{term}: needs one skos:definition @en"
    assert len(str(definitions[0])) > 20


def test_every_declared_term_is_in_the_data_model():
    """The data model stays the contract: no term in the ontology that it does not name."""
    extra = sorted(str(t) for t in _declared() - _data_model_terms())
    assert not extra, f"declared in the ontology but not named in docs/data-model.md: {extra}"


def test_expected_table_covers_the_data_model():
    assert {ALLKG[n] for n in EXPECTED} == _data_model_terms()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kind_domain_range(name: str):
    kind, domain, range_ = EXPECTED[name]
    term = ALLKG[name]
    assert (term, RDF.type, kind) in ONT, f"{name} should be a {kind}"
    other_kinds = [k for k in KINDS if k != kind and k != OWL.NamedIndividual and (term, RDF.type, k) in ONT]
    assert not other_kinds, f"{name} is also declared {other_kinds}"
    assert list(ONT.objects(term, RDFS.domain)) == ([domain] if domain else [])
    assert list(ONT.objects(term, RDFS.range)) == ([range_] if range_ else [])


def test_shape_classes_and_paths_have_the_right_kind():
    for pred in (SH.targetClass, SH["class"]):
        for cls in _local_terms(SHAPES.objects(None, pred)):
            assert (cls, RDF.type, OWL.Class) in ONT, f"{cls} (used with {pred}) is not an owl:Class"
    for path in _local_terms(SHAPES.objects(None, SH.path)):
        assert any((path, RDF.type, k) in ONT for k in PROPERTY_KINDS), f"{path} is not a property"
    for lst in SHAPES.objects(None, SH["in"]):
        for member in _local_terms(Collection(SHAPES, lst)):
            assert (member, RDF.type, OWL.NamedIndividual) in ONT, f"{member} is not a named individual"


# ---------------------------------------------------------------------------
# class hierarchy, individuals and alignments
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("sub, sup", [
    (ALLKG.EpidemiologyStatement, ALLKG.AgeGroupStatement),
    (ALLKG.PrognosisStatement, ALLKG.AgeGroupStatement),
    (ALLKG.Fact, RDF.Statement),
    (ALLKG.Evidence, OA.SpecificResource),
    (ALLKG.OntologyRelease, DCAT.Dataset),
], ids=lambda x: str(x).rsplit("/", 1)[-1])
def test_subclass(sub, sup):
    assert (sub, RDFS.subClassOf, sup) in ONT


@pytest.mark.parametrize("individual", [ALLKG.FavourableOutlook, ALLKG.UnfavourableOutlook], ids=str)
def test_outlook_individuals(individual):
    assert (individual, RDF.type, ALLKG.PrognosisOutlook) in ONT
    assert (individual, RDF.type, OWL.NamedIndividual) in ONT


def test_outlooks_are_distinct():
    assert ((ALLKG.FavourableOutlook, OWL.differentFrom, ALLKG.UnfavourableOutlook) in ONT
            or (ALLKG.UnfavourableOutlook, OWL.differentFrom, ALLKG.FavourableOutlook) in ONT)


@pytest.mark.parametrize("name", sorted(GROUNDING_METHODS.values()))
def test_grounding_method_individuals(name: str):
    assert (ALLKG[name], RDF.type, ALLKG.GroundingMethod) in ONT
    assert (ALLKG[name], RDF.type, OWL.NamedIndividual) in ONT


def test_grounding_methods_are_the_graphs_the_shapes_and_an_enumerated_class():
    """One list in four places: the build's table, the OWL enumeration, owl:AllDifferent, the shape's sh:in."""
    methods = {ALLKG[name] for name in GROUNDING_METHODS.values()}
    [enumeration] = [ONT.value(c, OWL.oneOf) for c in ONT.objects(ALLKG.GroundingMethod, OWL.equivalentClass)]
    assert set(Collection(ONT, enumeration)) == methods
    [distinct] = [ONT.value(a, OWL.distinctMembers) for a in ONT.subjects(RDF.type, OWL.AllDifferent)]
    assert set(Collection(ONT, distinct)) == methods
    assert set(Collection(SHAPES, SHAPES.value(URIRef("https://w3id.org/allkg/shapes/Fact-groundedBy"), SH["in"]))) == methods


def test_grounding_methods_cover_every_scope_of_the_lexicon():
    from allkg.lexicon.concepts import SCOPES

    assert set(GROUNDING_METHODS) == {*SCOPES, "ungrounded"}


@pytest.mark.parametrize("prop, sup", [
    ("affectsCellType", RO.RO_0004026),
    ("hasLocation", RO.RO_0004026),
    ("occursInAgeGroup", RO.RO_0000053),
    ("hasCourse", RO.RO_0000053),
    ("hasSymptom", RO.RO_0002200),
    ("abbreviation", SKOS.altLabel),
])
def test_sub_property_alignment(prop, sup):
    assert (ALLKG[prop], RDFS.subPropertyOf, sup) in ONT


def test_has_risk_factor_is_inverse_of_contributes_to_condition():
    supers = list(ONT.objects(ALLKG.hasRiskFactor, RDFS.subPropertyOf))
    inverses = [ONT.value(s, OWL.inverseOf) for s in supers if isinstance(s, BNode)]
    inverses += list(ONT.objects(ALLKG.hasRiskFactor, OWL.inverseOf))
    assert RO.RO_0003304 in inverses


@pytest.mark.parametrize("prop, mapping, target", [
    ("hasLocation", SKOS.exactMatch, SCHEMA.associatedAnatomy),
    ("hasRiskFactor", SKOS.exactMatch, SCHEMA.riskFactor),
    ("hasCause", SKOS.closeMatch, SCHEMA.cause),
    ("hasSymptom", SKOS.closeMatch, SCHEMA.signOrSymptom),
    ("naturalProgression", SKOS.exactMatch, SCHEMA.naturalProgression),
    ("Disease", SKOS.closeMatch, SCHEMA.MedicalCondition),
])
def test_schema_org_alignment(prop, mapping, target):
    assert (ALLKG[prop], mapping, target) in ONT


def test_schema_org_uses_http_namespace():
    iris = {str(x) for t in ONT for x in t if isinstance(x, URIRef)}
    assert not [i for i in iris if i.startswith("https://schema.org/")]
    assert [i for i in iris if i.startswith("http://schema.org/")]


# ---------------------------------------------------------------------------
# OBO IDs: only from the verified table, with the section cited
# ---------------------------------------------------------------------------

def _obo_iris() -> set[str]:
    return {str(x) for t in ONT for x in t if isinstance(x, URIRef) and str(x).startswith(OBO)}


def test_reference_table_is_in_the_repo():
    text = TERMS_PATH.read_text(encoding="utf-8")
    assert "verified identifiers" in text and "## 8. Relations" in text


def test_ontology_uses_obo_ids():
    assert len(_obo_iris()) >= 5


@pytest.mark.parametrize("iri", sorted(_obo_iris()))
def test_obo_id_is_in_reference_table(iri: str):
    table = TERMS_PATH.read_text(encoding="utf-8")
    local = iri[len(OBO):]
    prefix, _, number = local.partition("_")
    assert iri in table or f"{prefix}:{number}" in table, f"{iri} is not in {TERMS_PATH.name}"


def test_obo_ids_cite_the_table_section():
    text = ONTOLOGY_PATH.read_text(encoding="utf-8")
    sections = set(re.findall(r"^## (\d+)\.", TERMS_PATH.read_text(encoding="utf-8"), flags=re.M))
    uncited = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        if re.search(r"\bobo:[A-Za-z]+_\w+|purl\.obolibrary\.org/obo/[A-Za-z]+_", line):
            cited = re.findall(r"ontology-terms\.md §(\d+)", line)
            if not cited or not set(cited) <= sections:
                uncited.append(f"{number}: {line.strip()}")
    assert not uncited, "OBO IDs without an ontology-terms.md § citation:\n" + "\n".join(uncited)


# ---------------------------------------------------------------------------
# OWL 2 DL hygiene (what an RDF-level check can see)
# ---------------------------------------------------------------------------

BUILTIN_PREDICATES = {
    RDF.type, RDF.first, RDF.rest, RDFS.label, RDFS.comment, RDFS.subClassOf, RDFS.subPropertyOf,
    RDFS.domain, RDFS.range, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionIRI, OWL.versionInfo,
    OWL.imports, OWL.inverseOf, OWL.equivalentClass, OWL.oneOf, OWL.differentFrom, OWL.disjointWith,
    OWL.distinctMembers,
}

# rdf:Statement is in the reserved rdf: vocabulary; docs/data-model.md still
# wants allkg:Fact rdfs:subClassOf rdf:Statement (see the ontology header).
RESERVED_CLASS_EXCEPTIONS = {RDF.Statement}


def _kinds(term) -> set:
    return {k for k in PROPERTY_KINDS if (term, RDF.type, k) in ONT}


def test_no_property_has_two_kinds():
    props = {s for k in PROPERTY_KINDS for s in ONT.subjects(RDF.type, k)}
    mixed = sorted(str(p) for p in props if len(_kinds(p)) > 1)
    assert not mixed


def test_every_predicate_is_builtin_or_declared():
    undeclared = sorted({str(p) for _, p, _ in ONT if p not in BUILTIN_PREDICATES and not _kinds(p)})
    assert not undeclared, f"predicates used but not declared: {undeclared}"


def test_class_positions_hold_declared_classes():
    bad = []
    for s, p, o in ONT.triples((None, RDFS.subClassOf, None)):
        for c in (s, o):
            if isinstance(c, URIRef) and (c, RDF.type, OWL.Class) not in ONT:
                bad.append(str(c))
    for prop in ONT.subjects(RDF.type, OWL.ObjectProperty):
        for c in list(ONT.objects(prop, RDFS.domain)) + list(ONT.objects(prop, RDFS.range)):
            if isinstance(c, URIRef) and (c, RDF.type, OWL.Class) not in ONT:
                bad.append(f"{prop} -> {c}")
    for prop in ONT.subjects(RDF.type, OWL.DatatypeProperty):
        for c in ONT.objects(prop, RDFS.domain):
            if (c, RDF.type, OWL.Class) not in ONT:
                bad.append(f"{prop} domain {c}")
        for d in ONT.objects(prop, RDFS.range):
            if not (str(d).startswith(str(XSD)) or d == RDF.langString):
                bad.append(f"{prop} range {d} is not a datatype")
    assert not bad, bad


def test_reserved_vocabulary_is_not_used_as_a_class():
    reserved = (str(RDF), str(RDFS), str(OWL), str(XSD))
    classes = {c for c in ONT.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    bad = sorted(str(c) for c in classes - RESERVED_CLASS_EXCEPTIONS if str(c).startswith(reserved))
    assert not bad


def test_sub_properties_keep_their_kind():
    bad = []
    for sub, sup in ONT.subject_objects(RDFS.subPropertyOf):
        if isinstance(sup, BNode):  # ObjectInverseOf(P): P must be an object property
            sup = ONT.value(sup, OWL.inverseOf)
        if not _kinds(sub) or _kinds(sub) != _kinds(sup):
            bad.append(f"{sub} ({_kinds(sub)}) subPropertyOf {sup} ({_kinds(sup)})")
    assert not bad, bad
