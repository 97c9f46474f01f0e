"""Facts -> RDF: the domain layer, the evidence layer and the dataset description.

The default graph holds the domain layer, the entity descriptions, the fact
nodes and the dataset description; each source page's evidence (its
``prov:wasDerivedFrom`` links, evidence nodes and selectors) goes in a named
graph of its own. Turtle, N-Triples and JSON-LD carry the union, so the
evidence stays with the facts; N-Quads and TriG keep the pages apart.
No blank nodes: every IRI is derived from content, so output is stable.

Triples are built as pyoxigraph terms (a few microseconds each, against
about twenty for rdflib), which the validator and the serialisers use as
they are; an rdflib view is made only when asked for (``union()``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import chain, groupby
from operator import itemgetter

import pyoxigraph as ox
from rdflib import Graph

from allkg import __version__
from allkg.facts import Entity, Extraction, Fact, Flag, Span, Term, Text, short_hash
from allkg.formats import BUILD_FORMATS, FORMATS, dump_name
from allkg.lexicon import CLASS_BY_KIND, Release
from allkg.namespaces import ALLKG, PREFIXES, VOCABULARY_SCHEME, expand, id_namespace

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal | ox.BlankNode]

LICENSE = ox.NamedNode("https://creativecommons.org/licenses/by/4.0/")
QUOTE_CONTEXT = 32
"""Characters of text kept before and after a quote (oa:prefix / oa:suffix)."""

GROUNDING_METHODS = {
    "curated": "CuratedVocabularyMatch",
    "label": "OntologyLabelMatch",
    "exact": "ExactSynonymMatch",
    "layperson": "LaypersonSynonymMatch",
    "abbreviation": "AbbreviationMatch",
    "narrow": "NarrowSynonymMatch",
    "broad": "BroadSynonymMatch",
    "related": "RelatedSynonymMatch",
    "fuzzy": "FuzzyMatch",
    "ungrounded": "Ungrounded",
}
"""How a fact's object was recognised (``Fact.grounding``) -> its ``allkg:GroundingMethod`` individual."""

_STATEMENT_CLASSES = {"epidemiology-statement": "EpidemiologyStatement", "prognosis-statement": "PrognosisStatement"}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_TERMS: dict[str, ox.NamedNode] = {}


def _p(curie: str) -> ox.NamedNode:
    """The IRI of a CURIE, made once."""
    term = _TERMS.get(curie)
    if term is None:
        term = _TERMS[curie] = ox.NamedNode(expand(curie))
    return term


def _string(value: str) -> ox.Literal:
    return ox.Literal(value)


@lru_cache(maxsize=65536, typed=True)
def _typed(value: int | bool, datatype: str) -> ox.Literal:
    """A typed literal, shared: offsets and flags repeat across millions of triples."""
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return ox.Literal(text, datatype=ox.NamedNode(_XSD + datatype))


def _en(value: str) -> ox.Literal:
    return ox.Literal(value, language="en")


def _decimal(value: float) -> ox.Literal:
    """An xsd:decimal in its canonical form (XSD 1.1, as Oxigraph stores it: "0.9", "1", "0"),
    from the shortest digits that give the float back."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    return ox.Literal(format(Decimal(repr(value + 0.0)).normalize(), "f"), datatype=_p("xsd:decimal"))


@dataclass
class KnowledgeGraph:
    """The built graph: a default graph and one evidence graph per source page, as triples."""

    base_iri: str
    default: dict[Triple, None] = field(default_factory=dict)
    evidence: dict[str, dict[Triple, None]] = field(default_factory=dict)
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    """Derived forms (sorted quads, the rdflib view) made once the graph is complete."""

    def add(self, triple: Triple, graph: str | None = None) -> None:
        """Add a triple to the default graph, or to the named graph ``graph``."""
        target = self.default if graph is None else self.evidence.setdefault(graph, {})
        target[triple] = None

    def unsorted_triples(self) -> list[Triple]:
        """Every triple of the union, in no particular order (the graphs never share a triple)."""
        everything = list(self.default)
        for triples in self.evidence.values():
            everything.extend(triples)
        return everything

    def triples(self) -> list[Triple]:
        """Every distinct triple of the union, in a stable order (the graphs never share a triple)."""
        self.sort()
        return self.memo["triples"]  # type: ignore[return-value]

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the dataset (default graph, then each evidence graph), in a stable order."""
        self.sort()
        for name, triples in self.memo["graph-order"]:  # type: ignore[attr-defined]
            graph = ox.DefaultGraph() if name is None else ox.NamedNode(name)
            for s, p, o in triples:
                yield ox.Quad(s, p, o, graph)

    def sort(self) -> None:
        """Put the triples in their stable orders, once the graph is complete: each graph's (for
        N-Quads and TriG) and the union's (for the other formats), which merges the graphs'
        sorted subjects. Processes forked afterwards (to write the formats) share both."""
        if "triples" in self.memo:
            return
        names = [None, *sorted(self.evidence)]
        graphs = [_subjects_in_order(self.default if name is None else self.evidence[name]) for name in names]
        # lists of references, not new objects
        self.memo["graph-order"] = [(name, _flattened(subjects)) for name, subjects in zip(names, graphs)]
        union: list[Triple] = []
        everything = sorted((subject for subjects in graphs for subject in subjects), key=itemgetter(0))
        for _, same in groupby(everything, key=itemgetter(0)):
            groups = [triples for _, triples in same]
            if len(groups) == 1:
                union.extend(groups[0])
            else:  # a subject stated in several graphs (a fact node and the evidence it comes from)
                union.extend(sorted(chain.from_iterable(groups), key=_predicate_object_key))
        self.memo["triples"] = union

    def union(self) -> Graph:
        """The union as an rdflib graph (for rdflib's JSON-LD compaction, and for tests)."""
        cached = self.memo.get("union")
        if cached is None:
            from allkg.terms import rdflib_term

            cached = Graph(bind_namespaces="none")
            for prefix, namespace in PREFIXES.items():
                cached.bind(prefix, namespace)
            for s, p, o in self.triples():
                cached.add((rdflib_term(s), rdflib_term(p), rdflib_term(o)))
            self.memo["union"] = cached
        return cached  # type: ignore[return-value]

    def __len__(self) -> int:
        """The number of triples (as in ``triples()``, counted without sorting)."""
        return len(self.default) + sum(len(triples) for triples in self.evidence.values())


def _subjects_in_order(triples: Iterable[Triple]) -> list[tuple[str, list[Triple]]]:
    """Each subject's N-Triples text and its triples, by subject, then by predicate and object.

    Sorted subject by subject, so the text of a subject is made once and no key is held for
    every triple at once (on millions of triples, a fifth of the memory of one key tuple each)."""
    by_subject: dict[object, list[Triple]] = {}
    for triple in triples:
        group = by_subject.get(triple[0])
        if group is None:
            by_subject[triple[0]] = [triple]
        else:
            group.append(triple)
    ordered = sorted(((str(subject), group) for subject, group in by_subject.items()), key=itemgetter(0))
    for _, group in ordered:
        if len(group) > 1:
            group.sort(key=_predicate_object_key)
    return ordered


def _flattened(subjects: list[tuple[str, list[Triple]]]) -> list[Triple]:
    triples: list[Triple] = []
    for _, group in subjects:
        triples.extend(group)
    return triples


def _predicate_object_key(triple: Triple) -> tuple[str, str]:
    return (str(triple[1]), str(triple[2]))


class _Builder:
    def __init__(self, base_iri: str) -> None:
        self.base_iri = base_iri
        self.ids = id_namespace(base_iri)
        self.kg = KnowledgeGraph(base_iri)
        self.add = self.kg.add
        self.entities: dict[str, Entity] = {}
        """The one entity described under each path (see ``note``)."""

    def iri(self, path: str) -> ox.NamedNode:
        return ox.NamedNode(self.ids + path)

    def value(self, value: Entity | Text | Flag | Term) -> ox.NamedNode | ox.Literal:
        if isinstance(value, Entity):
            return self.iri(value.path)
        if isinstance(value, Text):
            return ox.Literal(value.value, language=value.lang)
        if isinstance(value, Flag):
            return _typed(value.value, "boolean")
        return ox.NamedNode(ALLKG + value.name)

    def note(self, entity: Entity) -> None:
        """Keep an entity to describe once every page is read. Pages may name one path
        differently ("feeling Washed Out", "feeling washed out"): the first in sorted order is
        kept, so the graph has one label per entity whatever order the pages come in."""
        kept = self.entities.get(entity.path)
        if kept is None or (kept != entity and _description_order(entity) < _description_order(kept)):
            self.entities[entity.path] = entity

    def describe_entities(self) -> dict[ox.NamedNode, ox.Literal]:
        """Describe every noted entity; return each concept's one label (its skos:prefLabel)."""
        labels = {}
        for entity in self.entities.values():
            node = self.iri(entity.path)
            if entity.kind in _STATEMENT_CLASSES:
                self.add((node, _p("rdf:type"), ox.NamedNode(ALLKG + _STATEMENT_CLASSES[entity.kind])))
            else:
                labels[node] = _en(entity.label)
                self.concept(node, entity, labels[node])
        return labels

    def concept(self, node: ox.NamedNode, entity: Entity, label: ox.Literal) -> None:
        add = self.add
        add((node, _p("rdf:type"), ox.NamedNode(ALLKG + CLASS_BY_KIND[entity.kind])))
        add((node, _p("rdf:type"), _p("skos:Concept")))
        add((node, _p("skos:inScheme"), ox.NamedNode(VOCABULARY_SCHEME)))
        add((node, _p("skos:prefLabel"), label))
        add((node, _p("rdfs:label"), label))
        concept = entity.concept
        if concept is None or not concept.grounded:
            add((node, _p("allkg:grounded"), _typed(False, "boolean")))
        if concept is None:
            return
        for match_property, target in concept.mappings:
            add((node, _p(f"skos:{match_property}"), ox.NamedNode(target)))
        for xref in concept.xrefs:
            add((node, _p("oboInOwl:hasDbXref"), _string(xref)))
        if concept.scope_note:
            add((node, _p("skos:scopeNote"), _en(concept.scope_note)))
        if concept.release:
            add((node, _p("dcterms:source"), ox.NamedNode(concept.release)))
        if concept.score is not None:
            add((node, _p("allkg:matchScore"), _decimal(concept.score)))

    def source(self, extraction: Extraction) -> ox.NamedNode:
        doc = extraction.document
        node = self.iri(f"source/{doc.sha256}")
        add = self.add
        add((node, _p("rdf:type"), _p("allkg:SourceDocument")))
        add((node, _p("rdf:type"), _p("prov:Entity")))
        add((node, _p("allkg:sha256"), _string(doc.sha256)))
        add((node, _p("allkg:fileName"), _string(doc.name)))
        add((node, _p("dcterms:format"), _string(doc.media_type)))
        add((node, _p("allkg:characterEncoding"), _string(doc.encoding)))
        add((node, _p("allkg:characterCount"), _typed(len(doc.text), "nonNegativeInteger")))
        add((node, _p("allkg:decodedText"), _string(doc.text)))
        if extraction.title:
            add((node, _p("dcterms:title"), _en(extraction.title)))
        if extraction.publisher:
            add((node, _p("dcterms:publisher"), _string(extraction.publisher)))
        if extraction.last_reviewed:
            add((node, _p("allkg:lastReviewed"), ox.Literal(extraction.last_reviewed, datatype=_p("xsd:date"))))
        return node

    def evidence(self, graph: str, source: ox.NamedNode, extraction: Extraction, span: Span) -> ox.NamedNode:
        # the most made node of all (a dozen triples per quote): terms looked up once, triples
        # put straight into the page's graph
        text, start, end = extraction.document.text, span.start, span.end
        iri = f"{self.ids}evidence/{short_hash(extraction.document.sha256, str(start), str(end))}"
        node, quote, position = ox.NamedNode(iri), ox.NamedNode(f"{iri}/quote"), ox.NamedNode(f"{iri}/position")
        a, evidence, specific, has_source, has_selector, quote_selector, exact, prefix, suffix, position_selector, \
            starts, ends = _EVIDENCE_TERMS
        triples = self.kg.evidence.setdefault(graph, {})
        for triple in (
            (node, a, evidence),
            (node, a, specific),
            (node, has_source, source),
            (node, has_selector, quote),
            (node, has_selector, position),
            (quote, a, quote_selector),
            (quote, exact, ox.Literal(text[start:end])),
            (quote, prefix, ox.Literal(text[max(0, start - QUOTE_CONTEXT) : start])),
            (quote, suffix, ox.Literal(text[end : end + QUOTE_CONTEXT])),
            (position, a, position_selector),
            (position, starts, _typed(start, "nonNegativeInteger")),
            (position, ends, _typed(end, "nonNegativeInteger")),
        ):
            triples[triple] = None
        return node

    def dataset(self, sources: list[ox.NamedNode], releases: Iterable[Release]) -> None:
        add = self.add
        dataset = self.iri("dataset")
        build = self.iri("dataset/build")
        software = self.iri("software/allkg")
        add((dataset, _p("rdf:type"), _p("void:Dataset")))
        add((dataset, _p("rdf:type"), _p("dcat:Dataset")))
        add((dataset, _p("dcterms:title"), _en("allkg knowledge graph of acute lymphocytic leukemia")))
        add(
            (
                dataset,
                _p("dcterms:description"),
                _en(
                    "Facts stated by patient-facing pages about acute lymphocytic leukemia, grounded in "
                    "MONDO, CL, UBERON, HPO, ECTO and NCIt, each with the quote and offsets it came from."
                ),
            )
        )
        add((dataset, _p("dcterms:license"), LICENSE))
        add((dataset, _p("dcterms:rights"), _en("Quoted page text remains the copyright of its publisher.")))
        add((dataset, _p("dcat:version"), _string(__version__)))
        add((dataset, _p("owl:versionInfo"), _string(__version__)))
        add((dataset, _p("dcterms:conformsTo"), ox.NamedNode(ALLKG)))
        add((dataset, _p("void:vocabulary"), ox.NamedNode(ALLKG)))
        add((dataset, _p("prov:wasGeneratedBy"), build))
        add((build, _p("rdf:type"), _p("prov:Activity")))
        add((build, _p("prov:wasAssociatedWith"), software))
        add((software, _p("rdf:type"), _p("prov:SoftwareAgent")))
        add((software, _p("rdfs:label"), _string(f"allkg {__version__}")))
        for source in sources:
            add((dataset, _p("dcterms:source"), source))
            add((build, _p("prov:used"), source))
        for release in sorted(releases, key=lambda r: r.iri):
            node = ox.NamedNode(release.iri)
            add((node, _p("rdf:type"), _p("dcat:Dataset")))
            add((node, _p("rdf:type"), _p("allkg:OntologyRelease")))
            add((node, _p("dcterms:title"), _en(release.title)))
            add((node, _p("owl:versionInfo"), _string(release.version)))
            add((node, _p("dcterms:license"), ox.NamedNode(release.licence)))
            add((build, _p("prov:used"), node))
        for key in BUILD_FORMATS:
            file_name, media_type = dump_name(key), FORMATS[key].media_type
            distribution = self.iri(f"dataset/distribution/{key}")
            add((dataset, _p("dcat:distribution"), distribution))
            add((distribution, _p("rdf:type"), _p("dcat:Distribution")))
            add((distribution, _p("dcat:mediaType"), _string(media_type)))
            add((distribution, _p("dcat:downloadURL"), ox.NamedNode(self.base_iri.rstrip("/") + "/dataset/" + file_name)))
        scheme = ox.NamedNode(VOCABULARY_SCHEME)
        entities = {s for s, p, o in self.kg.default if p == _p("skos:inScheme") and o == scheme}
        add((dataset, _p("void:entities"), _typed(len(entities), "integer")))
        # the count includes the triple that states it
        total = len(self.kg.default) + sum(len(g) for g in self.kg.evidence.values()) + 1
        add((dataset, _p("void:triples"), _typed(total, "integer")))


_EVIDENCE_TERMS = tuple(
    _p(curie)
    for curie in (
        "rdf:type", "allkg:Evidence", "oa:SpecificResource", "oa:hasSource", "oa:hasSelector", "oa:TextQuoteSelector",
        "oa:exact", "oa:prefix", "oa:suffix", "oa:TextPositionSelector", "oa:start", "oa:end",
    )
)


def _description_order(entity: Entity) -> tuple[str, str]:
    return entity.label, repr(entity.concept)


@dataclass(slots=True)
class _FactRecord:
    """What the pages say about one domain triple: its kind, explanations, groundings and the
    evidence nodes (with their graphs) that support it."""

    kind: str
    explanations: set[str] = field(default_factory=set)
    groundings: set[str] = field(default_factory=set)
    evidence: list[tuple[str, ox.NamedNode]] = field(default_factory=list)

    def add(self, fact: Fact) -> None:
        self.kind = min(self.kind, fact.kind)  # the same whatever order the pages come in
        if fact.explanation:
            self.explanations.add(fact.explanation)
        if fact.grounding is not None:
            if fact.grounding not in GROUNDING_METHODS:
                raise ValueError(f"unknown grounding {fact.grounding!r} of a {fact.kind} fact")
            self.groundings.add(fact.grounding)

    def merge(self, other: _FactRecord) -> None:
        self.kind = min(self.kind, other.kind)
        self.explanations |= other.explanations
        self.groundings |= other.groundings
        self.evidence.extend(other.evidence)


def build_graph(
    extractions: Iterable[Extraction], *, base_iri: str, releases: Iterable[Release] = ()
) -> KnowledgeGraph:
    """Merge the facts of every page: one domain triple per fact, one evidence node per page span.

    Each page's source and evidence nodes are made as the page comes (the pages may be
    read while the graph is merged, and are not kept); the fact nodes, which depend on
    every page, are made at the end. ``releases`` are the ontology releases of the
    lexicon the pages were read with; the dataset description names them (the concepts
    point to theirs with ``dcterms:source``)."""
    builder = _Builder(base_iri)
    records: dict[Triple, _FactRecord] = {}
    sources = []
    for extraction in extractions:
        source = builder.source(extraction)
        sources.append(source)
        graph = f"{source.value}/evidence"
        nodes: dict[Span, ox.NamedNode] = {}  # a span that supports several facts is one node
        for fact in extraction.facts:
            builder.note(fact.subject)
            if isinstance(fact.object, Entity):
                builder.note(fact.object)
            triple = (builder.iri(fact.subject.path), _p(fact.predicate), builder.value(fact.object))
            record = records.get(triple)
            if record is None:
                record = records[triple] = _FactRecord(fact.kind)
            record.add(fact)
            for span in fact.evidence:
                node = nodes.get(span)
                if node is None:
                    node = nodes[span] = builder.evidence(graph, source, extraction, span)
                record.evidence.append((graph, node))
    labels = builder.describe_entities()
    derived_from = _p("prov:wasDerivedFrom")
    for triple, record in _one_label_each(records, labels).items():
        builder.add(triple)
        s, p, o = triple
        fact_node = builder.iri(f"fact/{short_hash(str(s)[1:-1], str(p)[1:-1], str(o))}")
        builder.add((fact_node, _p("rdf:type"), _p("rdf:Statement")))
        builder.add((fact_node, _p("rdf:type"), _p("allkg:Fact")))
        builder.add((fact_node, _p("rdf:subject"), s))
        builder.add((fact_node, _p("rdf:predicate"), p))
        builder.add((fact_node, _p("rdf:object"), o))
        builder.add((fact_node, _p("allkg:factKind"), _string(record.kind)))
        for explanation in sorted(record.explanations):
            builder.add((fact_node, _p("allkg:explanation"), _en(explanation)))
        for grounding in sorted(record.groundings):
            builder.add((fact_node, _p("allkg:groundedBy"), ox.NamedNode(ALLKG + GROUNDING_METHODS[grounding])))
        for graph, node in record.evidence:
            builder.add((fact_node, derived_from, node), graph)
    builder.dataset(sources, releases)
    return builder.kg


def _one_label_each(records: dict[Triple, _FactRecord], labels: dict[ox.NamedNode, ox.Literal]) -> dict[Triple, _FactRecord]:
    """The facts with every skos:prefLabel fact stating its concept's one label: pages that name a
    concept with other capitals ("Zorvan Disease") support that label, not a second one."""
    pref_label = _p("skos:prefLabel")
    merged: dict[Triple, _FactRecord] = {}
    for (s, p, o), record in records.items():
        triple = (s, p, labels.get(s, o)) if p == pref_label else (s, p, o)
        kept = merged.get(triple)
        if kept is None:
            merged[triple] = record
        else:
            kept.merge(record)
    return merged
