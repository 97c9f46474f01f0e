"""Write the graph in every RDF format, byte-identical for the same input.

Turtle, N-Triples, N-Quads, TriG and RDF/XML come from pyoxigraph (strict and
fast) fed with the sorted triples and quads of the graph; JSON-LD is written
by ``jsonld.py``, compacted with our context (``ontology/context.jsonld``,
inlined so no reader fetches anything).
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable
from functools import cache, partial
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from allkg.fileio import Content, atomic_write_all
from allkg.formats import FORMATS, dump_name
from allkg.graph import KnowledgeGraph
from allkg.namespaces import PREFIXES
from allkg.resources import resource_path


_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


LARGE_GRAPH = 100_000
"""From this many triples on, a graph is large: ``allkg build`` validates it in a forked process
while sorting it, and writes its formats in forked processes, one per core."""

_SLOWEST_FIRST = ("jsonld", "nquads", "turtle", "ntriples", "trig", "rdfxml")
"""The formats in the order parallel writers take them: the slowest to write first."""


def is_large(kg: KnowledgeGraph) -> bool:
    """Whether the graph is worth forked processes (see ``LARGE_GRAPH``)."""
    return len(kg) >= LARGE_GRAPH


def write_files(kg: KnowledgeGraph, folder: Path, formats: Iterable[str]) -> list[Path]:
    """Write the graph in each format into ``folder`` (``allkg.ttl``...), all files or none. A
    large graph is sorted first (once, for every writer), then written by forked processes, one
    per core, which share it copy-on-write."""
    chosen = sorted(set(formats), key=_SLOWEST_FIRST.index)
    files: dict[Path, Content] = {folder / dump_name(name): partial(write, kg, name) for name in chosen}
    processes = min(os.cpu_count() or 1, len(files)) if is_large(kg) else 1
    if processes > 1:
        kg.sort()
    atomic_write_all(files, processes=processes)
    return sorted(files)


def serialize(kg: KnowledgeGraph, format_name: str) -> bytes:
    """The graph in one format, as bytes."""
    buffer = io.BytesIO()
    write(kg, format_name, buffer)
    return buffer.getvalue()


def write(kg: KnowledgeGraph, format_name: str, output: BinaryIO) -> None:
    """Stream the graph in one format to a binary file (nothing of the size of the output is held)."""
    if format_name == "jsonld":
        from allkg.jsonld import write_jsonld

        write_jsonld(kg.triples(), jsonld_context(), output)
        return
    fmt = FORMATS[format_name]
    if fmt.datasets:
        statements: Iterable[ox.Quad] | Iterable[ox.Triple] = kg.quads()
    else:
        statements = (ox.Triple(s, p, o) for s, p, o in kg.triples())
    if format_name in ("ntriples", "nquads"):
        ox.serialize(statements, output, format=_OX_FORMATS[format_name])
        return
    if format_name == "rdfxml":
        ox.serialize(statements, output, format=_OX_FORMATS[format_name], prefixes=PREFIXES)
        return
    # Turtle and TriG: our own @prefix lines, in a fixed order (pyoxigraph keeps them in a hash
    # map), then pyoxigraph's body, which uses the same prefixes
    for prefix, namespace in sorted(PREFIXES.items()):
        output.write(f"@prefix {prefix}: <{namespace}> .\n".encode())
    output.write(b"\n")
    ox.serialize(statements, _WithoutPrefixLines(output), format=_OX_FORMATS[format_name], prefixes=PREFIXES)


class _WithoutPrefixLines(io.RawIOBase):
    """A writable stream that drops the leading ``@prefix`` lines written into it."""

    def __init__(self, output: BinaryIO) -> None:
        self.output = output
        self.head = b""
        self.in_header = True

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        if not self.in_header:
            self.output.write(data)
            return len(data)
        self.head += bytes(data)
        while self.in_header and b"\n" in self.head:
            line, _, rest = self.head.partition(b"\n")
            if line.startswith(b"@prefix "):
                self.head = rest
            else:
                self.in_header = False
                self.output.write(self.head)
                self.head = b""
        return len(data)

    def close(self) -> None:
        if self.head:
            self.output.write(self.head)
            self.head = b""
        super().close()


def to_store(triples: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal | ox.BlankNode]]) -> ox.Store:
    """An in-memory Oxigraph store holding the triples (for fast SPARQL)."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(s, p, o) for s, p, o in triples)
    return store


@cache
def jsonld_context() -> dict[str, Any]:
    """Our JSON-LD context (the ``@context`` object of ``ontology/context.jsonld``)."""
    with resource_path("ontology", "context.jsonld").open(encoding="utf-8") as handle:
        context: dict[str, Any] = json.load(handle)["@context"]
    return context
