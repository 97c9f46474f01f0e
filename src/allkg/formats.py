"""The RDF formats allkg writes: name on the command line, file extension, media type."""

from __future__ import annotations

from dataclasses import dataclass


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


def dump_name(format_name: str) -> str:
    """The file name of the whole dataset in a format: ``allkg.ttl``..."""
    return f"allkg.{FORMATS[format_name].extension}"
