"""SHACL-SPARQL constraints (``sh:sparql`` with ``sh:select``), evaluated with pyoxigraph.

pyshacl evaluates each such constraint once per focus node with rdflib's
SPARQL engine: about 2 ms a node once warm and a further 0.2 s to warm up,
most of a seed build. Here each constraint runs once for all its focus nodes,
which are pre-bound with a ``VALUES $this`` block, in Oxigraph. The shapes
are split: pyshacl checks the core constraints, this module the SPARQL ones;
``tests/test_validate.py`` checks that the two give pyshacl's own report.

Supported, as SHACL 1.0 §5 defines them for node shapes: targets
(``sh:targetClass`` with ``rdfs:subClassOf*``, ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf``), ``sh:prefixes`` /
``sh:declare``, ``sh:message`` templates (``{?var}``, ``{$var}``),
``sh:severity`` and ``sh:deactivated``. A ``sh:sparql`` on a property shape
(``$PATH``) is refused rather than half-supported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

@dataclass(frozen=True)
class SparqlConstraint:
    """One ``sh:sparql`` constraint of a node shape, ready to run."""

    shape: URIRef
    constraint: Node
    query: str
    message: str
    severity: str
    targets: tuple[tuple[URIRef, URIRef], ...]


@dataclass(frozen=True)
class SparqlResult:
    """A row a constraint returned: a violation of it."""

    severity: str
    focus: str
    path: str
    message: str
    value: str
    shape: str


def split_shapes(shapes: Graph) -> tuple[Graph, list[SparqlConstraint]]:
    """The shapes without their ``sh:sparql`` constraints, and those constraints."""
    constraints = []
    core = Graph()
    for prefix, namespace in shapes.namespaces():
        core.bind(prefix, namespace)
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if shapes.value(shape, SH.path) is not None:
            raise ValueError(f"{shape}: sh:sparql on a property shape is not supported")
        if shapes.value(constraint, SH.deactivated) == Literal(True) or shapes.value(shape, SH.deactivated) == Literal(
            True
        ):
            continue
        select = shapes.value(constraint, SH.select)
        if select is None:
            raise ValueError(f"{shape}: only sh:select SPARQL constraints are supported")
        targets = tuple(
            sorted(
                (kind, target)
                for kind in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
                for target in shapes.objects(shape, kind)
            )
        )
        severity = shapes.value(constraint, SH.severity) or shapes.value(shape, SH.severity) or SH.Violation
        constraints.append(
            SparqlConstraint(
                shape=shape,
                constraint=constraint,
                query=_prefix_block(shapes, constraint) + str(select),
                message=_message(shapes, constraint) or _message(shapes, shape) or "SPARQL constraint violated",
                severity=str(severity).rsplit("#", 1)[-1],
                targets=targets,  # type: ignore[arg-type]
            )
        )
    return core, constraints


def evaluate(
    store: ox.Store,
    constraints: list[SparqlConstraint],
    focus_nodes: Callable[[tuple[tuple[URIRef, URIRef], ...]], set[str]] | None = None,
) -> list[SparqlResult]:
    """Run every constraint over its focus nodes in ``store``; one query per constraint.

    ``focus_nodes``, when given, finds a constraint's focus nodes (as IRIs) without a query. The
    query then runs as written and only its rows for those nodes are kept: the rows it gives with
    ``$this`` pre-bound to them, for a query that binds ``$this`` in every row (the caller's to
    ensure), with no VALUES block to parse and join and no rdf:type triples needed in the store.
    """
    results = []
    for constraint in constraints:
        if focus_nodes is None:
            focus = _focus_nodes(store, constraint.targets)
            query, kept = _prebound(constraint, focus), None
        else:
            focus = focus_nodes(constraint.targets)
            query, kept = constraint.query, focus
        if not focus:
            continue
        for row in store.query(query):  # type: ignore[union-attr]
            if kept is not None and not (isinstance(this := row["this"], ox.NamedNode) and this.value in kept):
                continue
            bindings = {name: row[name] for name in ("this", "path", "value") if _bound(row, name)}
            message = constraint.message
            for name, term in bindings.items():
                text = term.value if not isinstance(term, ox.BlankNode) else str(term)
                message = message.replace("{?" + name + "}", text).replace("{$" + name + "}", text)
            results.append(
                SparqlResult(
                    severity=constraint.severity,
                    focus=bindings["this"].value if "this" in bindings else "",
                    path=bindings["path"].value if "path" in bindings else "",
                    message=message,
                    value=bindings["value"].value if "value" in bindings else "",
                    shape=str(constraint.shape),
                )
            )
    return results


def _prebound(constraint: SparqlConstraint, focus: set[str]) -> str:
    """The constraint's query with ``$this`` bound to the focus nodes: listed in a VALUES block, or
    matched by their class where they are many."""
    if len(focus) > _LARGEST_VALUES_BLOCK and all(kind == SH.targetClass for kind, _ in constraint.targets):
        # the same focus nodes, found by the engine instead of spelled out in the query text
        classes = " UNION ".join(f"{{ $this <{RDF.type}>/<{RDFS.subClassOf}>* <{c}> }}" for _, c in constraint.targets)
        return _with_values(constraint.query, "{ SELECT DISTINCT $this WHERE { " + classes + " } }")
    return _with_values(constraint.query, "VALUES $this { " + " ".join(f"<{iri}>" for iri in sorted(focus)) + " }")


_LARGEST_VALUES_BLOCK = 2000
"""Above this many focus nodes, a class target is matched in the query, not listed in it."""


def _bound(row: ox.QuerySolution, name: str) -> bool:
    try:
        return row[name] is not None
    except KeyError:
        return False


def _focus_nodes(store: ox.Store, targets: tuple[tuple[URIRef, URIRef], ...]) -> set[str]:
    nodes: set[str] = set()
    for kind, target in targets:
        if kind == SH.targetNode:
            nodes.add(str(target))
            continue
        pattern = {
            SH.targetClass: f"?this <{RDF.type}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{target}>",
            SH.targetSubjectsOf: f"?this <{target}> ?any",
            SH.targetObjectsOf: f"?any <{target}> ?this",
        }[kind]
        for row in store.query(f"SELECT DISTINCT ?this WHERE {{ {pattern} FILTER(isIRI(?this)) }}"):  # type: ignore[union-attr]
            nodes.add(row["this"].value)
    return nodes


def _with_values(query: str, values: str) -> str:
    """Pre-bind ``$this``: put the VALUES block first in the outermost WHERE group."""
    match = re.search(r"\bWHERE\s*\{", query, re.IGNORECASE)
    if match is None:
        raise ValueError("SPARQL constraint has no WHERE clause")
    return query[: match.end()] + " " + values + " " + query[match.end() :]


def _prefix_block(shapes: Graph, constraint: Node) -> str:
    lines = []
    for ontology in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(ontology, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines))) + "\n"


def _message(shapes: Graph, node: Node) -> str | None:
    messages = sorted(shapes.objects(node, SH.message), key=lambda m: (getattr(m, "language", None) != "en", str(m)))
    return str(messages[0]) if messages else None
