"""The one prefix map every serialiser, the JSON-LD context, the queries and the pages use.

``ontology/context.jsonld`` declares the same prefixes (a test keeps them in step).
"""

from __future__ import annotations

DEFAULT_BASE_IRI = "https://w3id.org/allkg/"
ALLKG = "https://w3id.org/allkg/ontology/"
VOCABULARY_SCHEME = "https://w3id.org/allkg/vocabulary"

PREFIXES: dict[str, str] = {
    "allkg": ALLKG,
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "EFO": "http://www.ebi.ac.uk/efo/EFO_",
    "oa": "http://www.w3.org/ns/oa#",
    "obo": "http://purl.obolibrary.org/obo/",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
    "Orphanet": "http://www.orpha.net/ORDO/Orphanet_",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "http://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "UMLS": "http://linkedlifedata.com/resource/umls/id/",
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


def curie(iri: str, ids: str | None = None) -> str:
    """The short form of an IRI for people: ``id:disease/x`` (under ``ids``), ``MONDO:0004967``
    (an OBO term: the ontology's own prefix), ``skos:altLabel``, ``Orphanet:513``; else the IRI."""
    if ids is not None and iri.startswith(ids):
        return "id:" + iri[len(ids) :]
    obo = PREFIXES["obo"]
    if iri.startswith(obo) and "_" in iri[len(obo) :]:
        return iri[len(obo) :].replace("_", ":", 1)
    for prefix, namespace in _LONGEST_FIRST:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
