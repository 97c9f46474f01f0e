"""Write the graph in every RDF format, byte-identical for the same input.

Turtle, N-Triples, N-Quads, TriG and RDF/XML come from pyoxigraph (strict and
fast) fed with the sorted triples and quads of the graph; JSON-LD is written
by ``jsonld.py``, compacted with our context (``ontology/context.jsonld``,
inlined so no reader fetches anything).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyoxigraph as ox

from allkg.graph import KnowledgeGraph
from allkg.namespaces import PREFIXES
from allkg.resources import resource_path


@dataclass(frozen=True)
class RdfFormat:
    """An output format: its name on the command line, file extension and media type."""

    name: str
    extension: str
    media_type: str
    datasets: bool = False


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("turtle", "ttl", "text/turtle"),
        RdfFormat("jsonld", "jsonld", "application/ld+json"),
        RdfFormat("ntriples", "nt", "application/n-triples"),
        RdfFormat("nquads", "nq", "application/n-quads", datasets=True),
        RdfFormat("trig", "trig", "application/trig", datasets=True),
        RdfFormat("rdfxml", "rdf", "application/rdf+xml"),
    )
}
BUILD_FORMATS = ("turtle", "jsonld", "ntriples", "nquads", "trig")
_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def serialize(kg: KnowledgeGraph, format_name: str) -> bytes:
    """The graph in one format, as bytes."""
    if format_name == "jsonld":
        from allkg.jsonld import write_jsonld

        return write_jsonld(kg.triples(), jsonld_context())
    fmt = FORMATS[format_name]
    if fmt.datasets:
        statements: list[ox.Quad] | list[ox.Triple] = kg.quads()
    else:
        statements = [ox.Triple(s, p, o) for s, p, o in kg.triples()]
    if format_name in ("ntriples", "nquads"):
        return ox.serialize(statements, format=_OX_FORMATS[format_name])
    body = ox.serialize(statements, format=_OX_FORMATS[format_name], prefixes=PREFIXES)
    return _sorted_prefixes(body) if format_name in ("turtle", "trig") else body


def _sorted_prefixes(document: bytes) -> bytes:
    """Put the ``@prefix`` lines in a fixed order (pyoxigraph keeps them in a hash map)."""
    lines = document.split(b"\n")
    header = sorted(line for line in lines if line.startswith(b"@prefix "))
    body = [line for line in lines if not line.startswith(b"@prefix ")]
    return b"\n".join([*header, b"", *body])


def to_store(triples: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal | ox.BlankNode]]) -> ox.Store:
    """An in-memory Oxigraph store holding the triples (for fast SPARQL)."""
    store = ox.Store()
    store.bulk_extend([ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in triples])
    return store


@cache
def jsonld_context() -> dict[str, Any]:
    """Our JSON-LD context (the ``@context`` object of ``ontology/context.jsonld``)."""
    with resource_path("ontology", "context.jsonld").open(encoding="utf-8") as handle:
        context: dict[str, Any] = json.load(handle)["@context"]
    return context
