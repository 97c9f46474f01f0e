"""Facts -> RDF: the domain layer, the evidence layer and the dataset description.

The default graph holds the domain layer, the entity descriptions, the fact
nodes and the dataset description; each source page's evidence (its
``prov:wasDerivedFrom`` links, evidence nodes and selectors) goes in a named
graph of its own. Turtle, N-Triples and JSON-LD carry the union, so the
evidence stays with the facts; N-Quads and TriG keep the pages apart.
No blank nodes: every IRI is derived from content, so output is stable.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.term import Node

from allkg import __version__
from allkg.facts import Entity, Extraction, Flag, Span, Term, Text, short_hash
from allkg.lexicon import CLASS_BY_KIND
from allkg.namespaces import ALLKG, PREFIXES, VOCABULARY_SCHEME, expand, id_namespace

RDF_TYPE = URIRef(expand("rdf:type"))
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
QUOTE_CONTEXT = 32
"""Characters of text kept before and after a quote (oa:prefix / oa:suffix)."""

DISTRIBUTIONS: dict[str, tuple[str, str]] = {
    "turtle": ("allkg.ttl", "text/turtle"),
    "jsonld": ("allkg.jsonld", "application/ld+json"),
    "ntriples": ("allkg.nt", "application/n-triples"),
    "nquads": ("allkg.nq", "application/n-quads"),
    "trig": ("allkg.trig", "application/trig"),
}
_STATEMENT_CLASSES = {"epidemiology-statement": "EpidemiologyStatement", "prognosis-statement": "PrognosisStatement"}


def _p(curie: str) -> URIRef:
    return URIRef(expand(curie))


@dataclass
class KnowledgeGraph:
    """The built graph: a default graph and one evidence graph per source page."""

    base_iri: str
    default: Graph
    evidence: dict[URIRef, Graph] = field(default_factory=dict)
    _union: Graph | None = field(default=None, repr=False, compare=False)
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    """Derived forms (sorted quads) kept by the serialisers; valid once the graph is complete."""

    def union(self) -> Graph:
        """All triples in one graph (what Turtle, N-Triples and JSON-LD carry).

        Computed once: call it only when the graph is complete.
        """
        if self._union is None:
            union = new_graph()
            for triple in self.default:
                union.add(triple)
            for graph in self.evidence.values():
                for triple in graph:
                    union.add(triple)
            self._union = union
        return self._union

    def __len__(self) -> int:
        return len(self.default) + sum(len(g) for g in self.evidence.values())


def new_graph(identifier: URIRef | None = None) -> Graph:
    graph = Graph(identifier=identifier, bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


class _Builder:
    def __init__(self, base_iri: str) -> None:
        self.base_iri = base_iri
        self.ids = id_namespace(base_iri)
        self.kg = KnowledgeGraph(base_iri, new_graph())
        self.g = self.kg.default

    def iri(self, path: str) -> URIRef:
        return URIRef(self.ids + path)

    def value(self, value: Entity | Text | Flag | Term) -> Node:
        if isinstance(value, Entity):
            return self.iri(value.path)
        if isinstance(value, Text):
            return Literal(value.value, lang=value.lang)
        if isinstance(value, Flag):
            return Literal(value.value)
        return URIRef(ALLKG + value.name)

    def entity(self, entity: Entity) -> None:
        node = self.iri(entity.path)
        if entity.kind in _STATEMENT_CLASSES:
            self.g.add((node, RDF_TYPE, URIRef(ALLKG + _STATEMENT_CLASSES[entity.kind])))
            return
        self.g.add((node, RDF_TYPE, URIRef(ALLKG + CLASS_BY_KIND[entity.kind])))
        self.g.add((node, RDF_TYPE, _p("skos:Concept")))
        self.g.add((node, _p("skos:inScheme"), URIRef(VOCABULARY_SCHEME)))
        self.g.add((node, _p("skos:prefLabel"), Literal(entity.label, lang="en")))
        self.g.add((node, _p("rdfs:label"), Literal(entity.label, lang="en")))
        concept = entity.concept
        if concept is None or not concept.grounded:
            self.g.add((node, _p("allkg:grounded"), Literal(False)))
        if concept is None:
            return
        for match_property, target in concept.mappings:
            self.g.add((node, _p(f"skos:{match_property}"), URIRef(target)))
        for xref in concept.xrefs:
            self.g.add((node, _p("oboInOwl:hasDbXref"), Literal(xref)))
        if concept.scope_note:
            self.g.add((node, _p("skos:scopeNote"), Literal(concept.scope_note, lang="en")))

    def source(self, extraction: Extraction) -> URIRef:
        doc = extraction.document
        node = self.iri(f"source/{doc.sha256}")
        g = self.g
        g.add((node, RDF_TYPE, _p("allkg:SourceDocument")))
        g.add((node, RDF_TYPE, _p("prov:Entity")))
        g.add((node, _p("allkg:sha256"), Literal(doc.sha256)))
        g.add((node, _p("allkg:fileName"), Literal(doc.name)))
        g.add((node, _p("dcterms:format"), Literal(doc.media_type)))
        g.add((node, _p("allkg:characterEncoding"), Literal(doc.encoding)))
        g.add((node, _p("allkg:characterCount"), Literal(len(doc.text), datatype=XSD.nonNegativeInteger)))
        g.add((node, _p("allkg:decodedText"), Literal(doc.text)))
        if extraction.title:
            g.add((node, _p("dcterms:title"), Literal(extraction.title, lang="en")))
        if extraction.publisher:
            g.add((node, _p("dcterms:publisher"), Literal(extraction.publisher)))
        return node

    def evidence(self, graph: Graph, source: URIRef, extraction: Extraction, span: Span) -> URIRef:
        text = extraction.document.text
        node = self.iri(f"evidence/{short_hash(extraction.document.sha256, str(span.start), str(span.end))}")
        quote = URIRef(f"{node}/quote")
        position = URIRef(f"{node}/position")
        graph.add((node, RDF_TYPE, _p("allkg:Evidence")))
        graph.add((node, RDF_TYPE, _p("oa:SpecificResource")))
        graph.add((node, _p("oa:hasSource"), source))
        graph.add((node, _p("oa:hasSelector"), quote))
        graph.add((node, _p("oa:hasSelector"), position))
        graph.add((quote, RDF_TYPE, _p("oa:TextQuoteSelector")))
        graph.add((quote, _p("oa:exact"), Literal(text[span.start : span.end])))
        graph.add((quote, _p("oa:prefix"), Literal(text[max(0, span.start - QUOTE_CONTEXT) : span.start])))
        graph.add((quote, _p("oa:suffix"), Literal(text[span.end : span.end + QUOTE_CONTEXT])))
        graph.add((position, RDF_TYPE, _p("oa:TextPositionSelector")))
        graph.add((position, _p("oa:start"), Literal(span.start, datatype=XSD.nonNegativeInteger)))
        graph.add((position, _p("oa:end"), Literal(span.end, datatype=XSD.nonNegativeInteger)))
        return node

    def dataset(self, sources: list[URIRef]) -> None:
        g = self.g
        dataset = self.iri("dataset")
        build = self.iri("dataset/build")
        software = self.iri("software/allkg")
        g.add((dataset, RDF_TYPE, _p("void:Dataset")))
        g.add((dataset, RDF_TYPE, _p("dcat:Dataset")))
        g.add((dataset, _p("dcterms:title"), Literal("allkg knowledge graph of acute lymphocytic leukemia", lang="en")))
        g.add(
            (
                dataset,
                _p("dcterms:description"),
                Literal(
                    "Facts stated by patient-facing pages about acute lymphocytic leukemia, grounded in "
                    "MONDO, CL, UBERON, HPO, ECTO and NCIt, each with the quote and offsets it came from.",
                    lang="en",
                ),
            )
        )
        g.add((dataset, _p("dcterms:license"), LICENSE))
        g.add(
            (
                dataset,
                _p("dcterms:rights"),
                Literal("Quoted page text remains the copyright of its publisher.", lang="en"),
            )
        )
        g.add((dataset, _p("dcat:version"), Literal(__version__)))
        g.add((dataset, _p("owl:versionInfo"), Literal(__version__)))
        g.add((dataset, _p("dcterms:conformsTo"), URIRef(ALLKG)))
        g.add((dataset, _p("void:vocabulary"), URIRef(ALLKG)))
        g.add((dataset, _p("prov:wasGeneratedBy"), build))
        g.add((build, RDF_TYPE, _p("prov:Activity")))
        g.add((build, _p("prov:wasAssociatedWith"), software))
        g.add((software, RDF_TYPE, _p("prov:SoftwareAgent")))
        g.add((software, _p("rdfs:label"), Literal(f"allkg {__version__}")))
        for source in sources:
            g.add((dataset, _p("dcterms:source"), source))
            g.add((build, _p("prov:used"), source))
        for key, (file_name, media_type) in DISTRIBUTIONS.items():
            distribution = self.iri(f"dataset/distribution/{key}")
            g.add((dataset, _p("dcat:distribution"), distribution))
            g.add((distribution, RDF_TYPE, _p("dcat:Distribution")))
            g.add((distribution, _p("dcat:mediaType"), Literal(media_type)))
            g.add((distribution, _p("dcat:downloadURL"), URIRef(self.base_iri.rstrip("/") + "/dataset/" + file_name)))
        entities = {s for s, _, _ in g.triples((None, _p("skos:inScheme"), URIRef(VOCABULARY_SCHEME)))}
        g.add((dataset, _p("void:entities"), Literal(len(entities), datatype=XSD.integer)))
        # the count includes the triple that states it
        total = len(self.kg) + 1
        g.add((dataset, _p("void:triples"), Literal(total, datatype=XSD.integer)))


def build_graph(extractions: list[Extraction], *, base_iri: str) -> KnowledgeGraph:
    """Merge the facts of every page: one domain triple per fact, one evidence node per page span."""
    builder = _Builder(base_iri)
    evidence: dict[tuple[Node, Node, Node], list[tuple[Extraction, Span]]] = defaultdict(list)
    kinds: dict[tuple[Node, Node, Node], str] = {}
    explanations: dict[tuple[Node, Node, Node], set[str]] = {}
    sources = []
    for extraction in extractions:
        source = builder.source(extraction)
        sources.append(source)
        for fact in extraction.facts:
            builder.entity(fact.subject)
            if isinstance(fact.object, Entity):
                builder.entity(fact.object)
            triple = (builder.iri(fact.subject.path), _p(fact.predicate), builder.value(fact.object))
            builder.g.add(triple)
            kinds.setdefault(triple, fact.kind)
            if fact.explanation:
                explanations.setdefault(triple, set()).add(fact.explanation)
            evidence[triple].extend((extraction, span) for span in fact.evidence)
    for triple, spans in evidence.items():
        s, p, o = triple
        fact_node = builder.iri(f"fact/{short_hash(s, p, o.n3())}")
        builder.g.add((fact_node, RDF_TYPE, _p("rdf:Statement")))
        builder.g.add((fact_node, RDF_TYPE, _p("allkg:Fact")))
        builder.g.add((fact_node, _p("rdf:subject"), s))
        builder.g.add((fact_node, _p("rdf:predicate"), p))
        builder.g.add((fact_node, _p("rdf:object"), o))
        builder.g.add((fact_node, _p("allkg:factKind"), Literal(kinds[triple])))
        for explanation in sorted(explanations.get(triple, ())):
            builder.g.add((fact_node, _p("allkg:explanation"), Literal(explanation, lang="en")))
        for extraction, span in spans:
            source = builder.iri(f"source/{extraction.document.sha256}")
            graph_iri = URIRef(f"{source}/evidence")
            graph = builder.kg.evidence.get(graph_iri)
            if graph is None:
                graph = builder.kg.evidence[graph_iri] = new_graph(graph_iri)
            node = builder.evidence(graph, source, extraction, span)
            graph.add((fact_node, _p("prov:wasDerivedFrom"), node))
    builder.dataset(sources)
    return builder.kg
