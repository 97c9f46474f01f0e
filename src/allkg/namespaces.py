"""The one prefix map every serialiser, the JSON-LD context and the queries use."""

from __future__ import annotations

DEFAULT_BASE_IRI = "https://w3id.org/allkg/"
ALLKG = "https://w3id.org/allkg/ontology/"
VOCABULARY_SCHEME = "https://w3id.org/allkg/vocabulary"

PREFIXES: dict[str, str] = {
    "allkg": ALLKG,
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "obo": "http://purl.obolibrary.org/obo/",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "http://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def expand(curie: str) -> str:
    """``skos:altLabel`` -> full IRI; raises KeyError for an unknown prefix."""
    prefix, local = curie.split(":", 1)
    return PREFIXES[prefix] + local


def id_namespace(base_iri: str) -> str:
    """Where entities live under a base IRI: ``{base}id/``."""
    return base_iri.rstrip("/") + "/id/"
