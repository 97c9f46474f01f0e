"""Our own vocabulary (``ontology/vocabulary.ttl``): the overlay on the ontologies.

It holds what the ontologies lack (lay phrases such as "previous cancer treatment",
age groups as pages name them), the concepts whose IRIs our graph has always published,
and the known traps (the leukaemic lymphoblast is not CL:0017005). A concept of the
overlay that is an exact match of an ontology term takes that term's place for its kind.
"""

from __future__ import annotations

from pathlib import Path

from allkg.lexicon.concepts import KIND_BY_CLASS, Concept
from allkg.resources import resource_path

ID_NAMESPACE = "https://w3id.org/allkg/id/"
ONTOLOGY_NAMESPACE = "https://w3id.org/allkg/ontology/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
HAS_DBXREF = "http://www.geneontology.org/formats/oboInOwl#hasDbXref"
MATCH_PROPERTIES = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")


def read_overlay(path: Path | None = None) -> list[Concept]:
    """The concepts of the SKOS vocabulary (default: the shipped ``ontology/vocabulary.ttl``)."""
    import pyoxigraph as ox

    path = path or resource_path("ontology", "vocabulary.ttl")
    by_subject: dict[str, dict[str, list[str]]] = {}
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if not isinstance(triple.subject, ox.NamedNode) or not triple.subject.value.startswith(ID_NAMESPACE):
            continue
        props = by_subject.setdefault(triple.subject.value, {})
        props.setdefault(triple.predicate.value, []).append(triple.object.value)
    concepts = []
    for iri, props in sorted(by_subject.items()):
        classes = [t.removeprefix(ONTOLOGY_NAMESPACE) for t in props.get(RDF_TYPE, [])]
        kinds = [KIND_BY_CLASS[c] for c in classes if c in KIND_BY_CLASS]
        if len(kinds) != 1 or len(props.get(SKOS + "prefLabel", [])) != 1:
            raise ValueError(f"vocabulary concept {iri} needs one allkg class and one skos:prefLabel")
        concepts.append(
            Concept(
                path=iri.removeprefix(ID_NAMESPACE),
                kind=kinds[0],
                pref_label=props[SKOS + "prefLabel"][0],
                alt_labels=tuple(sorted(props.get(SKOS + "altLabel", []))),
                hidden_labels=tuple(sorted(props.get(SKOS + "hiddenLabel", []))),
                mappings=tuple(sorted((p, o) for p in MATCH_PROPERTIES for o in props.get(SKOS + p, []))),
                xrefs=tuple(sorted(props.get(HAS_DBXREF, []))),
                scope_note=(props.get(SKOS + "scopeNote") or [None])[0],
            )
        )
    return concepts
