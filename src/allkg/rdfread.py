"""Read RDF files (ours or anyone's) into a KnowledgeGraph, strictly and offline."""

from __future__ import annotations

from pathlib import Path

from allkg.errors import InputError
from allkg.fileio import open_regular
from allkg.graph import KnowledgeGraph
from allkg.namespaces import DEFAULT_BASE_IRI

_EXTENSIONS = {
    ".ttl": "TURTLE",
    ".nt": "N_TRIPLES",
    ".nq": "N_QUADS",
    ".trig": "TRIG",
    ".jsonld": "JSON_LD",
    ".json": "JSON_LD",
    ".rdf": "RDF_XML",
    ".owl": "RDF_XML",
    ".xml": "RDF_XML",
}


def read_rdf(paths: list[Path] | tuple[Path, ...], *, base_iri: str = DEFAULT_BASE_IRI) -> KnowledgeGraph:
    """Parse every file with pyoxigraph (strict; never fetches a remote context) into one graph.

    Named graphs stay named (the evidence graphs of N-Quads/TriG); the rest is the default graph.
    """
    import pyoxigraph as ox

    kg = KnowledgeGraph(base_iri)

    for path in paths:
        fmt = _EXTENSIONS.get(path.suffix.lower())
        if fmt is None:
            raise InputError(f"{path}: unknown RDF file extension (use one of {', '.join(sorted(_EXTENSIONS))})")
        with open_regular(path) as handle:  # never a device or a FIFO
            try:
                quads = list(ox.parse(handle, format=getattr(ox.RdfFormat, fmt)))
            except (SyntaxError, ValueError, OSError) as err:
                raise InputError(f"{path}: not valid {fmt.replace('_', '-')}: {str(err).splitlines()[0]}") from None
        for quad in quads:
            graph = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            kg.add((quad.subject, quad.predicate, quad.object), graph)  # type: ignore[arg-type]
    return kg
