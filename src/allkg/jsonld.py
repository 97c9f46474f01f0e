"""JSON-LD output compacted with our context, written straight from the sorted triples.

rdflib's compaction needs an rdflib graph and runs at about 30,000 triples a
second; this writer groups the sorted triples by subject and picks, for each
property, the context term whose definition (``@type: @id``, ``@language``
or a datatype) fits all its values, else the compact IRI with expanded value
objects. The result expands back to exactly the same graph (the tests parse
it with pyoxigraph and rdflib and compare), and its bytes are stable: nodes
sorted by ``@id``, values sorted, keys sorted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from itertools import groupby
from typing import Any, BinaryIO

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]


class Compactor:
    """Term selection and IRI compaction for one JSON-LD context."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.context = context
        self.namespaces = {key: namespace for key, value in context.items() if (namespace := _prefix_of(key, value))}
        self.prefixes = sorted(((namespace, key) for key, namespace in self.namespaces.items()), key=lambda item: -len(item[0]))
        # a compact IRI's local part has no "/" or "#", so only a namespace that ends after the
        # IRI's last one, sharing the IRI's text up to it, can abbreviate it
        self.prefixes_by_head: dict[str, list[tuple[str, str]]] = {}
        for namespace, prefix in self.prefixes:
            self.prefixes_by_head.setdefault(_head(namespace), []).append((namespace, prefix))
        # a bounded cache: vocabulary IRIs repeat, evidence IRIs do not (and must not pile up)
        self._compact = lru_cache(maxsize=16384)(self._compact_iri)
        self.terms: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for term, definition in context.items():
            if term.startswith("@") or not isinstance(definition, dict) or "@id" not in definition:
                continue
            iri = self.expand(definition["@id"])
            self.terms.setdefault(iri, []).append((term, definition))
        self._chosen: dict[tuple[str, object], tuple[str, dict[str, Any] | None]] = {}

    def expand(self, value: str) -> str:
        prefix, sep, local = value.partition(":")
        if sep and prefix in self.namespaces:
            return self.namespaces[prefix] + local
        return value

    def compact_iri(self, iri: str) -> str:
        """``prefix:local`` with the longest matching prefix, else the IRI itself."""
        return self._compact(iri)

    def _compact_iri(self, iri: str) -> str:
        for namespace, prefix in self.prefixes_by_head.get(_head(iri), ()):
            if iri.startswith(namespace) and len(iri) > len(namespace):
                local = iri[len(namespace) :]
                if ":" not in local:  # nor "/" nor "#": the namespace holds the IRI's last one
                    return f"{prefix}:{local}"
        return iri

    def term_for(self, predicate: str, values: list[Any]) -> tuple[str, dict[str, Any] | None]:
        """The context term that fits every value, or the compact IRI (with no definition).

        Whether a term fits depends only on the values' kinds, so the choice is made once for
        each predicate and set of kinds (a few hundred in all)."""
        kinds = _kind(values[0]) if len(values) == 1 else frozenset(map(_kind, values))
        chosen = self._chosen.get((predicate, kinds))
        if chosen is None:
            chosen = self._chosen[predicate, kinds] = self._term_for(predicate, values)
        return chosen

    def _term_for(self, predicate: str, values: list[Any]) -> tuple[str, dict[str, Any] | None]:
        for term, definition in self.terms.get(predicate, []):
            if all(_fits(definition, value, self) for value in values):
                return term, definition
        return self.compact_iri(predicate), None

    def value(self, definition: dict[str, Any] | None, term: Any) -> Any:
        if definition is not None:
            if definition.get("@type") == "@id":
                return self.compact_iri(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"
            return term.value
        if isinstance(term, ox.NamedNode):
            return {"@id": term.value}
        if isinstance(term, ox.BlankNode):
            return {"@id": f"_:{term.value}"}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": self.compact_iri(term.datatype.value)}


def _head(iri: str) -> str:
    """The IRI up to and including its last "/" or "#" (empty when it has neither)."""
    return iri[: max(iri.rfind("/"), iri.rfind("#")) + 1]


def _prefix_of(term: str, definition: Any) -> str | None:
    """The namespace a context term abbreviates as a prefix, or None when it is no prefix.

    A plain IRI ending in ``/`` or ``#``, or a definition with ``"@prefix": true`` (JSON-LD 1.1
    expands ``EFO:0000220`` with ``EFO`` only then, as its IRI ends in ``_``)."""
    if term.startswith("@"):
        return None
    if isinstance(definition, str) and definition.endswith(("/", "#")):
        return definition
    if isinstance(definition, dict) and definition.get("@prefix") is True and isinstance(definition.get("@id"), str):
        return definition["@id"]
    return None


def _sort_key(value: Any) -> str:
    """Strings sort as themselves; value objects by their JSON text."""
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)


def _kind(term: Any) -> object:
    """What ``_fits`` looks at: a node, or a literal's language and datatype."""
    if isinstance(term, ox.Literal):
        return (term.language, term.datatype.value)
    return "@id"


def _fits(definition: dict[str, Any], term: Any, compactor: Compactor) -> bool:
    kind = definition.get("@type")
    if kind == "@id":
        return isinstance(term, ox.NamedNode | ox.BlankNode)
    if not isinstance(term, ox.Literal):
        return False
    if "@language" in definition:
        return term.language == definition["@language"]
    if kind is not None:
        return term.language is None and term.datatype.value == compactor.expand(kind)
    return term.language is None and term.datatype.value == XSD_STRING


_NODE_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
"""``json.dumps(node, ensure_ascii=False, sort_keys=True)``, without making an encoder per node."""


def write_jsonld(triples: Iterable[Triple], context: dict[str, Any], output: BinaryIO) -> None:
    """Stream the triples (sorted by subject) as one JSON-LD document with the context inline.

    Node objects follow the triples' order and are written one a line, one at a
    time, so memory stays flat however large the graph.
    """
    compactor = Compactor(context)
    header = json.dumps(context, indent=2, ensure_ascii=False, sort_keys=True).replace("\n", "\n  ")
    output.write(f'{{\n  "@context": {header},\n  "@graph": ['.encode())
    first = True
    for subject, group in groupby(triples, key=lambda t: t[0]):
        # one node a line: the C encoder (used without indent) is fast and, unlike the indenting
        # Python encoder, leaves no reference cycles behind while builds pause the collector
        text = _NODE_ENCODER.encode(_node(compactor, subject, group))
        output.write(("\n    " if first else ",\n    ").encode() + text.encode("utf-8"))
        first = False
    output.write(b"\n  ]\n}\n")


def _node(compactor: Compactor, subject: Any, group: Iterable[Triple]) -> dict[str, Any]:
    node: dict[str, Any] = {"id": subject.value if isinstance(subject, ox.NamedNode) else f"_:{subject.value}"}
    by_predicate: dict[str, list[Any]] = {}
    for _, predicate, obj in group:
        by_predicate.setdefault(predicate.value, []).append(obj)
    for predicate, values in by_predicate.items():
        if predicate == RDF_TYPE and all(isinstance(v, ox.NamedNode) for v in values):
            key, rendered = "type", [compactor.compact_iri(v.value) for v in values]
        else:
            key, definition = compactor.term_for(predicate, values)
            rendered = [compactor.value(definition, v) for v in values]
        if len(rendered) == 1:
            node[key] = rendered[0]
        else:
            node[key] = sorted(rendered, key=_sort_key)
    return node
