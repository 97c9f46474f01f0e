"""SHACL validation with our shapes (pyshacl), and a report a person can read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from allkg.resources import resource_path


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
            lines.append(f"{r.severity}: {r.focus} {r.path}: {r.message}{value}")
        return "\n".join(lines)


@cache
def shapes_graph() -> Graph:
    """The shapes in ``shapes/allkg.ttl``."""
    graph = Graph()
    graph.parse(resource_path("shapes", "allkg.ttl"), format="turtle")
    return graph


def validate(data: Graph) -> Report:
    """Check ``data`` against our shapes: no inference, no imports, no SHACL-AF, no network."""
    from pyshacl import validate as pyshacl_validate

    with prepared_sparql_queries():
        conforms, results_graph, _ = pyshacl_validate(
            data,
            shacl_graph=shapes_graph(),
            inference="none",
            advanced=False,
            js=False,
            do_owl_imports=False,
            meta_shacl=False,
            allow_warnings=False,
        )
    assert isinstance(results_graph, Graph)
    return Report(bool(conforms), _results(results_graph))


@contextmanager
def prepared_sparql_queries() -> Iterator[None]:
    """Parse each SPARQL query text once while validating.

    pyshacl runs every SHACL-SPARQL constraint once per focus node, passing the
    query as text, and rdflib parses that text every time (about 25 ms each:
    80 % of a seed build). rdflib's translated queries are meant to be reused
    with different ``initBindings`` (that is what ``prepareQuery`` is for), so
    while validating, rdflib's processor gets a cache of translated queries.
    """
    from rdflib.plugins.sparql import processor

    parse, translate = processor.parseQuery, processor.translateQuery
    cache: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], object] = {}

    def deferred_parse(text: str) -> tuple[str, str]:
        return (_QUERY_TEXT, text)

    def cached_translate(parsed, base=None, initNs=None):  # noqa: N803 - rdflib's signature
        if not (isinstance(parsed, tuple) and parsed[:1] == (_QUERY_TEXT,)):
            return translate(parsed, base, initNs)
        key = (parsed[1], base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
        if key not in cache:
            cache[key] = translate(parse(parsed[1]), base, initNs)
        return cache[key]

    processor.parseQuery, processor.translateQuery = deferred_parse, cached_translate
    try:
        yield
    finally:
        processor.parseQuery, processor.translateQuery = parse, translate


_QUERY_TEXT = "allkg-deferred-sparql-text"


def _results(report: Graph) -> tuple[Result, ...]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        def one(predicate: URIRef, node=node) -> str:
            value = report.value(node, predicate)
            return "" if value is None else str(value)

        severity = one(SH.resultSeverity).rsplit("#", 1)[-1]
        results.append(
            Result(severity, one(SH.focusNode), _short(one(SH.resultPath)), one(SH.resultMessage), one(SH.value))
        )
    return tuple(sorted(results, key=lambda r: (r.focus, r.path, r.message, r.value)))


def _short(iri: str) -> str:
    from allkg.namespaces import PREFIXES

    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
