"""SHACL validation with our shapes, and a report a person can read.

pyshacl checks the core constraints; the SHACL-SPARQL constraints run in
Oxigraph (``shacl_sparql.py``), once per constraint instead of once per node.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from allkg.graph import KnowledgeGraph, Triple
from allkg.namespaces import PREFIXES
from allkg.resources import resource_path
from allkg.shacl_core import CompiledShapes, Index
from allkg.shacl_sparql import SparqlConstraint, evaluate, split_shapes
from allkg.terms import Term, ox_term

_RDF_TYPE = ox.NamedNode(str(RDF.type))


@dataclass(frozen=True)
class Result:
    """One SHACL result: what is wrong, where."""

    severity: str
    focus: str
    path: str
    message: str
    value: str


@dataclass(frozen=True)
class Report:
    """Whether the graph conforms, and every result."""

    conforms: bool
    results: tuple[Result, ...]

    def text(self) -> str:
        """One line per result, sorted, for a terminal."""
        if self.conforms:
            return "Conforms: the graph satisfies every shape."
        lines = [f"Does not conform: {len(self.results)} result(s)."]
        for r in self.results:
            value = f" (value: {r.value})" if r.value else ""
            lines.append(f"{r.severity}: {r.focus} {r.path}: {r.message}{value}".replace("  ", " "))
        return "\n".join(lines)


@cache
def shapes_graph() -> Graph:
    """The shapes in ``shapes/allkg.ttl``."""
    graph = Graph()
    graph.parse(resource_path("shapes", "allkg.ttl"), format="turtle")
    return graph


PAGE_LOCAL_CLASSES = frozenset(
    {
        "https://w3id.org/allkg/ontology/Evidence",
        "https://w3id.org/allkg/ontology/SourceDocument",
        "http://www.w3.org/ns/oa#TextQuoteSelector",
        "http://www.w3.org/ns/oa#TextPositionSelector",
    }
)
"""Classes whose instances allkg mints per page (their IRIs hash the page's sha256): everything
said about them is in that page's own graph."""


PAGE_SPARQL_PREDICATES = frozenset(
    {
        "http://www.w3.org/ns/oa#hasSource",
        "http://www.w3.org/ns/oa#hasSelector",
        "http://www.w3.org/ns/oa#exact",
        "http://www.w3.org/ns/oa#prefix",
        "http://www.w3.org/ns/oa#suffix",
        "http://www.w3.org/ns/oa#start",
        "http://www.w3.org/ns/oa#end",
        "https://w3id.org/allkg/ontology/decodedText",
        "https://w3id.org/allkg/ontology/sha256",
        "https://w3id.org/allkg/ontology/characterCount",
    }
)
"""The predicates of the triple patterns of the page-local SPARQL constraints, none of which has a
variable or a property path as its predicate (tests/test_validate.py checks both on the shapes).

A query's solutions depend only on the triples its triple patterns match: its basic graph patterns
are matched against the graph, and every other operator (join, union, optional, filter, bind,
EXISTS) works on their solutions. A triple with another predicate matches no pattern, so a store
without such triples gives those constraints the same rows (about half of a page's triples)."""

_PAGE_SPARQL_PREDICATES = frozenset(ox.NamedNode(iri) for iri in PAGE_SPARQL_PREDICATES)


def _page_local(targets: list[tuple[Node, Term]] | tuple[tuple[Node, Node], ...]) -> bool:
    return bool(targets) and all(
        kind == SH.targetClass and (target.value if isinstance(target, ox.NamedNode) else str(target)) in PAGE_LOCAL_CLASSES
        for kind, target in targets
    )


def validate_page(page: KnowledgeGraph) -> list[Result]:
    """The shapes of page-local nodes (evidence, selectors, the source), over one page's graph.

    Their SPARQL constraints run as written over the page's triples with PAGE_SPARQL_PREDICATES,
    keeping the rows of the page's focus nodes: each binds $this in every row (tests check), so
    these are the rows it gives with $this bound to those nodes beforehand."""
    from allkg.serialize import to_store

    core, constraints = _split(shapes_graph())
    triples = page.unsorted_triples()
    index = Index(triples)
    results = _core_results(_compiled(core).validate(index, select=_page_local))
    local = [c for c in constraints if _page_local(c.targets)]

    def focus(targets: tuple[tuple[Node, Node], ...]) -> set[str]:
        return {node.value for _, cls in targets for node in index.instances(ox_term(cls)) if isinstance(node, ox.NamedNode)}

    store = to_store([triple for triple in triples if triple[1] in _PAGE_SPARQL_PREDICATES])
    results += _sparql_results(evaluate(store, local, focus))
    return results


def validate_build(kg: KnowledgeGraph, page_results: list[Result]) -> Report:
    """The report of the whole build from its pages' reports and a check of everything else.

    Page-local nodes were checked with their page (``validate_page``); the other
    shapes run here over the graph without the page-local nodes' own
    statements, only the types of those that other nodes point to (a fact's
    evidence must be an allkg:Evidence), which is all those shapes look at. The
    result is the report of ``validate(kg)``; tests/test_validate.py checks so.
    """
    from allkg.serialize import to_store

    core, constraints = _split(shapes_graph())
    graphs = (kg.default, *kg.evidence.values())
    local_nodes = {s for triples in graphs for s, p, o in triples if p == _RDF_TYPE and o.value in PAGE_LOCAL_CLASSES}
    rest: list[Triple] = []
    local_types: list[Triple] = []
    for triples in graphs:
        for triple in triples:
            if triple[0] not in local_nodes:
                rest.append(triple)
            elif triple[1] == _RDF_TYPE:
                local_types.append(triple)
    pointed_to = {o for _, _, o in rest if o in local_nodes}
    rest += (triple for triple in local_types if triple[0] in pointed_to)
    results = list(page_results)
    results += _core_results(_compiled(core).validate(Index(rest), select=lambda targets: not _page_local(targets)))
    shared = [c for c in constraints if not _page_local(c.targets)]
    results += _sparql_results(evaluate(to_store(rest), shared))
    return _report(results)


def _core_results(found) -> list[Result]:
    return [
        Result(r.severity, r.focus.value, _short("" if r.path is None else str(r.path)), r.message,
               "" if r.value is None else r.value.value)
        for r in found
    ]


def _sparql_results(found) -> list[Result]:
    return [Result(r.severity, r.focus, _short(r.path), r.message, r.value) for r in found]


def _report(results: list[Result]) -> Report:
    ordered = tuple(sorted(set(results), key=lambda r: (r.focus, r.path, r.message, r.value)))
    return Report(not any(r.severity == "Violation" for r in ordered), ordered)


def validate(data: Graph | KnowledgeGraph, shapes: Graph | None = None, *, engine: str = "compiled") -> Report:
    """Check ``data`` against our shapes: no inference, no imports, no SHACL-AF, no network.

    ``engine="compiled"`` runs the core constraints with ``shacl_core`` (fast);
    ``engine="pyshacl"`` with pyshacl (the reference). SHACL-SPARQL constraints
    always run in Oxigraph.
    """
    from allkg.serialize import to_store

    core, constraints = _split(shapes if shapes is not None else shapes_graph())
    if isinstance(data, KnowledgeGraph):
        triples = data.triples()
    else:
        triples = [(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in data]  # type: ignore[misc]
    if engine == "compiled":
        results = _core_results(_compiled(core).validate(Index(triples)))
    else:
        if isinstance(data, KnowledgeGraph):
            data = data.union()
        from pyshacl import validate as pyshacl_validate

        _, results_graph, _ = pyshacl_validate(
            data,
            shacl_graph=core,
            inference="none",
            advanced=False,
            js=False,
            do_owl_imports=False,
            meta_shacl=False,
            allow_warnings=False,
        )
        assert isinstance(results_graph, Graph)
        results = list(_results(results_graph))
    results += _sparql_results(evaluate(to_store(triples), constraints))
    return _report(results)


_SPLITS: dict[int, tuple[Graph, Graph, list[SparqlConstraint]]] = {}


def _split(shapes: Graph) -> tuple[Graph, list[SparqlConstraint]]:
    """Core shapes and SPARQL constraints of a shapes graph, split once per graph."""
    cached = _SPLITS.get(id(shapes))
    if cached is None or cached[0] is not shapes:
        cached = _SPLITS[id(shapes)] = (shapes, *split_shapes(shapes))
    return cached[1], cached[2]


_COMPILED: dict[int, tuple[Graph, CompiledShapes]] = {}


def _compiled(core: Graph) -> CompiledShapes:
    cached = _COMPILED.get(id(core))
    if cached is None or cached[0] is not core:
        cached = _COMPILED[id(core)] = (core, CompiledShapes(core))
    return cached[1]


def _results(report: Graph) -> list[Result]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):

        def one(predicate: URIRef, node=node) -> str:
            value = report.value(node, predicate)
            return "" if value is None else str(value)

        severity = one(SH.resultSeverity).rsplit("#", 1)[-1]
        results.append(
            Result(severity, one(SH.focusNode), _short(one(SH.resultPath)), one(SH.resultMessage), one(SH.value))
        )
    return results


def _short(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
