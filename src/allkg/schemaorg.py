"""The schema.org projection: a MedicalWebPage about a MedicalCondition, derived from the graph.

Nothing here is typed by hand: every value is read from the domain graph
(labels, relations, statement texts, mappings). The document uses
``"@context": "https://schema.org"``, which maps to ``http://schema.org/``
(the namespace allkg uses throughout). ``html_snippet`` embeds it safely in
a page: ``<``, ``>``, ``&``, U+2028 and U+2029 become ``\\u`` escapes (never
HTML entities), so no label can close the script element or open a comment.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from allkg.graph import KnowledgeGraph
from allkg.namespaces import ALLKG, DEFAULT_BASE_IRI, expand
from allkg.resources import resource_path

if TYPE_CHECKING:
    from allkg.validate import Report

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DBXREF = expand("oboInOwl:hasDbXref")
_RDF_TYPE = expand("rdf:type")
_ENTITY_TYPES = {
    "allkg:hasLocation": ("associatedAnatomy", "AnatomicalStructure"),
    "allkg:hasRiskFactor": ("riskFactor", "MedicalRiskFactor"),
    "allkg:hasSymptom": ("signOrSymptom", "MedicalSymptom"),
    "allkg:hasCause": ("cause", "MedicalCause"),
}
_CODING_SYSTEMS = {"ICD10CM": "ICD-10-CM"}


def project(kg: KnowledgeGraph) -> dict[str, Any]:
    """The schema.org JSON-LD document for the graph: one MedicalWebPage per source page."""
    out: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in kg.triples():
        out[s.value][p.value].append(o)

    def one(node: str, predicate: str) -> str | None:
        values = out.get(node, {}).get(predicate, [])
        return values[0].value if values else None

    def texts(node: str, predicate: str) -> list[str]:
        return sorted(v.value for v in out.get(node, {}).get(predicate, []) if isinstance(v, ox.Literal))

    def same_as(node: str) -> list[str]:
        return sorted(v.value for v in out.get(node, {}).get(_SKOS + "exactMatch", []))

    diseases = sorted(
        node
        for node, props in out.items()
        if any(t.value == ALLKG + "Disease" for t in props.get(_RDF_TYPE, []))
        and any(p.startswith(ALLKG) and p != ALLKG + "grounded" for p in props)
    )
    conditions = [_condition(node, out, one, texts, same_as) for node in diseases]
    pages = []
    for node, props in sorted(out.items()):
        if not any(t.value == ALLKG + "SourceDocument" for t in props.get(_RDF_TYPE, [])):
            continue
        page: dict[str, Any] = {"@type": "MedicalWebPage", "@id": node}
        if conditions:
            page["about"] = [{"@id": c["@id"]} for c in conditions]
            page["mainEntity"] = {"@id": conditions[0]["@id"]}
        title = one(node, expand("dcterms:title"))
        if title:
            page["name"] = title
        publisher = one(node, expand("dcterms:publisher"))
        if publisher:
            page["publisher"] = {"@type": "Organization", "name": publisher}
        reviewed = one(node, ALLKG + "lastReviewed")
        if reviewed:
            page["lastReviewed"] = reviewed
        pages.append(page)
    return {"@context": "https://schema.org", "@graph": [*pages, *conditions]}


def _condition(node, out, one, texts, same_as) -> dict[str, Any]:
    condition: dict[str, Any] = {"@type": "MedicalCondition", "@id": node, "name": one(node, _SKOS + "prefLabel")}
    alternates = texts(node, _SKOS + "altLabel")
    if alternates:
        condition["alternateName"] = alternates
    for predicate, (key, schema_type) in _ENTITY_TYPES.items():
        targets = sorted(v.value for v in out.get(node, {}).get(expand(predicate), []))
        if targets:
            condition[key] = [
                {"@type": schema_type, "@id": t, "name": one(t, _SKOS + "prefLabel"), **({"sameAs": same_as(t)} if same_as(t) else {})}
                for t in targets
            ]
    for predicate, key in (("allkg:hasEpidemiologyStatement", "epidemiology"), ("allkg:hasPrognosisStatement", "expectedPrognosis")):
        statements = sorted(v.value for v in out.get(node, {}).get(expand(predicate), []))
        sentences = sorted({one(s, ALLKG + "statementText") for s in statements} - {None})
        if sentences:
            condition[key] = ". ".join(sentences) + "."
    progression = texts(node, ALLKG + "naturalProgression")
    if progression:
        condition["naturalProgression"] = " ".join(progression)
    codes = []
    for xref in texts(node, _DBXREF):
        system, _, value = xref.partition(":")
        if system in _CODING_SYSTEMS:
            codes.append({"@type": "MedicalCode", "codeValue": value, "codingSystem": _CODING_SYSTEMS[system]})
    if codes:
        condition["code"] = codes[0] if len(codes) == 1 else codes
    if same_as(node):
        condition["sameAs"] = same_as(node)
    return condition


def to_quads(document: dict[str, Any] | list[Any]) -> list[ox.Quad]:
    """The RDF of a schema.org JSON-LD document (or a list of documents), read offline
    (see :func:`with_local_context`)."""
    return list(ox.parse(json.dumps(with_local_context(document)).encode("utf-8"), format=ox.RdfFormat.JSON_LD))


def check(document: dict[str, Any]) -> Report:
    """Validate a projection against its SHACL profile (``shapes/schemaorg-profile.ttl``)."""
    from rdflib import Graph

    from allkg.validate import validate

    data = KnowledgeGraph(DEFAULT_BASE_IRI)
    for quad in to_quads(document):
        data.add((quad.subject, quad.predicate, quad.object))  # type: ignore[arg-type]
    profile = Graph().parse(resource_path("shapes", "schemaorg-profile.ttl"), format="turtle")
    return validate(data, profile)


SCHEMA_ORG_CONTEXTS = frozenset({"https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/"})
"""The IRIs that name schema.org's context, read from the copy shipped in the package."""
MAX_LOCAL_CONTEXTS = 100
"""Times one file may name schema.org's context: each is a 200 KB copy for the parser to read."""


def with_local_context(document: Any) -> Any:
    """A JSON-LD document (or a list of documents) whose top-level contexts naming schema.org
    (:data:`SCHEMA_ORG_CONTEXTS`) are the copy shipped in the package (release 30.0); any other
    remote context raises ValueError: nothing is fetched."""
    mapped = 0

    def local(context: Any) -> Any:
        nonlocal mapped
        if isinstance(context, list):
            return [local(c) for c in context]
        if not isinstance(context, str):
            return context
        if context not in SCHEMA_ORG_CONTEXTS:
            raise ValueError(f"remote JSON-LD context {context!r} is not fetched")
        mapped += 1
        if mapped > MAX_LOCAL_CONTEXTS:
            raise ValueError(f"schema.org's context is named more than {MAX_LOCAL_CONTEXTS} times")
        return _schema_context()

    def with_local(node: Any) -> Any:
        return dict(node, **{"@context": local(node["@context"])}) if isinstance(node, dict) and "@context" in node else node

    return [with_local(d) for d in document] if isinstance(document, list) else with_local(document)


@cache
def _schema_context() -> dict[str, Any]:
    """schema.org's own context (release 30.0), as shipped in the package."""
    path = resources.files("allkg").joinpath("data", "schemaorg-context.jsonld")
    context: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["@context"]
    return context


def script_json(text: str) -> str:
    """JSON text made safe inside an HTML ``<script>`` element: the characters that could
    end it, open a comment or break a line in old parsers become ``\\u`` escapes."""
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def to_json(document: dict[str, Any]) -> str:
    """Stable JSON text of a document."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True)


def html_snippet(document: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` block that no value can break out of."""
    return f'<script type="application/ld+json">\n{script_json(to_json(document))}\n</script>\n'
