"""SHACL Core, compiled: the shapes become Python checks over an indexed graph.

pyshacl validates at about 20,000 triples a second; a build of thousands of
pages needs more. This module compiles a shapes graph once into closures and
runs them over a dictionary index of the data (pyoxigraph terms, so a page's
quads need no conversion). It implements the parts of
SHACL Core the allkg shapes use, to the letter of the W3C Recommendation
(targets; predicate, inverse and alternative paths; minCount, maxCount,
nodeKind, datatype, class, pattern, languageIn, hasValue, in, equals,
lessThan, minLength, minInclusive, maxInclusive, qualifiedValueShape, or, xone), and
refuses a shapes graph that uses anything else, rather than ignoring it.
``tests/test_validate.py`` checks that its report equals pyshacl's on every
broken graph of the shape tests.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from allkg.terms import Term, ox_term

Triple = tuple[Term, Term, Term]
_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS_OF = ox.NamedNode(str(RDFS.subClassOf))
_LANG_STRING = str(RDF.langString)
_STRING = str(XSD.string)

_NODE_KINDS: dict[Node, Callable[[Term], bool]] = {
    SH.IRI: lambda v: isinstance(v, ox.NamedNode),
    SH.BlankNode: lambda v: isinstance(v, ox.BlankNode),
    SH.Literal: lambda v: isinstance(v, ox.Literal),
    SH.BlankNodeOrIRI: lambda v: isinstance(v, (ox.BlankNode, ox.NamedNode)),
    SH.BlankNodeOrLiteral: lambda v: isinstance(v, (ox.BlankNode, ox.Literal)),
    SH.IRIOrLiteral: lambda v: isinstance(v, (ox.NamedNode, ox.Literal)),
}


@lru_cache(maxsize=65536)
def _rdflib_literal(value: str, datatype: str) -> Literal:
    """rdflib's reading of a typed literal: its Python value and whether it is ill-typed (as pyshacl sees it)."""
    return Literal(value, datatype=URIRef(datatype))


def _ill_typed(value: ox.Literal) -> bool:
    datatype = value.datatype.value
    if datatype in (_STRING, _LANG_STRING):
        return False
    return bool(getattr(_rdflib_literal(value.value, datatype), "ill_typed", False))
_SUPPORTED = {
    SH.path, SH.message, SH.severity, SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf,
    SH.property, SH.minCount, SH.maxCount, SH.nodeKind, SH.datatype, SH["class"], SH.pattern, SH.languageIn,
    SH.hasValue, SH["in"], SH.equals, SH.lessThan, SH.minLength, SH.minInclusive, SH.maxInclusive,
    SH.qualifiedValueShape,
    SH.qualifiedMinCount, SH.qualifiedMaxCount, SH["or"], SH.xone, SH.sparql, SH.name, SH.description,
    SH.deactivated, SH.flags,
}


_NO_TERMS: list[Term] = []
"""No term (never appended to)."""


class Index:
    """The data graph as dictionaries: for each predicate, its edges forward (subject -> objects)
    and backward (object -> subjects), each made the first time a check asks for that predicate
    (the shapes read a few predicates, and follow fewer backward); and types with subclasses."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self._triples: dict[Term, list[Triple]] = defaultdict(list)
        for triple in triples:
            self._triples[triple[1]].append(triple)
        self._forward: dict[Term, dict[Term, list[Term]]] = {}
        self._backward: dict[Term, dict[Term, list[Term]]] = {}
        self._instances: dict[Term, frozenset[Term]] = {}

    def forward(self, predicate: Term) -> dict[Term, list[Term]]:
        """Each subject's objects by ``predicate`` (in the order of the triples)."""
        edges = self._forward.get(predicate)
        if edges is None:
            edges = self._forward[predicate] = _grouped((s, o) for s, _, o in self._triples.get(predicate, ()))
        return edges

    def backward(self, predicate: Term) -> dict[Term, list[Term]]:
        """Each object's subjects by ``predicate`` (in the order of the triples)."""
        edges = self._backward.get(predicate)
        if edges is None:
            edges = self._backward[predicate] = _grouped((o, s) for s, _, o in self._triples.get(predicate, ()))
        return edges

    def objects(self, subject: Term, predicate: Term) -> list[Term]:
        """The objects of ``subject`` by ``predicate`` (a list not to be changed)."""
        return self.forward(predicate).get(subject, _NO_TERMS)

    def subjects(self, predicate: Term, obj: Term) -> list[Term]:
        """The subjects of ``obj`` by ``predicate`` (a list not to be changed)."""
        return self.backward(predicate).get(obj, _NO_TERMS)

    def instances(self, cls: Term) -> frozenset[Term]:
        """SHACL instances of ``cls``: the nodes with an rdf:type that is ``cls`` or a subclass of it
        (rdfs:subClassOf*); found once per class."""
        found = self._instances.get(cls)
        if found is None:
            classes = {cls}
            todo = [cls]
            while todo:
                for sub in self.subjects(_SUBCLASS_OF, todo.pop()):
                    if sub not in classes:
                        classes.add(sub)
                        todo.append(sub)
            found = self._instances[cls] = frozenset(s for c in classes for s in self.subjects(_TYPE, c))
        return found


def _grouped(pairs: Iterable[tuple[Term, Term]]) -> dict[Term, list[Term]]:
    """Each key's values, in the order of the pairs."""
    groups: dict[Term, list[Term]] = {}
    for key, value in pairs:
        group = groups.get(key)
        if group is None:
            groups[key] = [value]
        else:
            group.append(value)
    return groups


@dataclass(frozen=True)
class CoreResult:
    """One violation, as pyshacl reports it: focus node, path, message, value."""

    severity: str
    focus: Term
    path: Node | None
    message: str
    value: Term | None


Check = Callable[[Index, list[Term]], list[CoreResult]]
"""A compiled shape: the violations of some focus nodes, each checked on its own, all in one call."""
Values = list[tuple[Term, list[Term]]]
"""Focus nodes, each with its (distinct) value nodes."""
Component = Callable[[Index, Values], list[CoreResult]]
"""A compiled constraint component: the violations given focus nodes and their values."""


class CompiledShapes:
    """A shapes graph compiled once; ``validate`` runs it over any number of data graphs."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self._nested: dict[Node, Check] = {}
        self.node_shapes: list[tuple[list[tuple[Node, Term]], Check]] = []
        for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)) | _targeted(shapes), key=str):
            targets = [(kind, ox_term(t)) for kind in (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
                       for t in shapes.objects(shape, kind)]
            if targets:
                self.node_shapes.append((targets, self._compile(shape)))

    def validate(
        self, index: Index, select: Callable[[list[tuple[Node, Term]]], bool] | None = None
    ) -> list[CoreResult]:
        """Every violation in the indexed data (of the node shapes whose targets ``select`` accepts),
        shape by shape, focus node by focus node (in the order of their IRIs)."""
        results: list[CoreResult] = []
        for targets, check in self.node_shapes:
            if select is not None and not select(targets):
                continue
            focus_nodes = sorted(_focus_nodes(index, targets), key=str)
            found = check(index, focus_nodes)
            if found:
                # the check runs constraint by constraint; a stable sort puts each focus node's
                # results together, in the order a check of that node alone gives them
                position = {focus: i for i, focus in enumerate(focus_nodes)}
                results += sorted(found, key=lambda result: position[result.focus])
        return results

    def failing(self, shape: Node, index: Index, nodes: list[Term]) -> set[Term]:
        """Those of ``nodes`` that do not conform to ``shape`` (a shape's results name the node checked)."""
        check = self._nested.get(shape)
        if check is None:
            check = self._nested[shape] = self._compile(shape)
        return {result.focus for result in check(index, nodes)}

    # -- compiling -----------------------------------------------------------------

    def _compile(self, shape: Node) -> Check:
        """A shape as one check of many focus nodes: their value nodes found once, then each of its
        constraint components run on them all, then its property shapes (a call per constraint, not
        per constraint and node)."""
        g = self.shapes
        unknown = {p for p in g.predicates(shape, None) if str(p).startswith(str(SH)) and p not in _SUPPORTED}
        if unknown:
            raise ValueError(f"shape {shape} uses SHACL features this validator does not implement: {sorted(unknown)}")
        if g.value(shape, SH.deactivated) == Literal(True):
            return lambda index, focus_nodes: _NONE
        message = _message(g, shape)
        severity = str(g.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
        path = g.value(shape, SH.path)
        values = _focus_itself if path is None else _path(g, path)
        components = [
            component
            for parameter, build in _COMPONENTS.items()
            for argument in g.objects(shape, parameter)
            if (component := build(self, shape, argument, path, message, severity)) is not None
        ]
        properties = [self._compile(prop) for prop in g.objects(shape, SH.property)]

        def check(index: Index, focus_nodes: list[Term]) -> list[CoreResult]:
            results: list[CoreResult] = []
            if components:
                found_values = [
                    (focus, _distinct(found)) for focus, found in zip(focus_nodes, values(index, focus_nodes))
                ]
                for component in components:
                    found = component(index, found_values)
                    if found:
                        results += found
            for prop in properties:
                found = prop(index, focus_nodes)
                if found:
                    results += found
            return results

        return check


def _targeted(shapes: Graph) -> set[Node]:
    return {s for kind in (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf) for s in shapes.subjects(kind, None)}


def _focus_nodes(index: Index, targets: list[tuple[Node, Term]]) -> set[Term]:
    nodes: set[Term] = set()
    for kind, target in targets:
        if kind == SH.targetClass:
            nodes |= index.instances(target)
        elif kind == SH.targetNode:
            nodes.add(target)
        elif kind == SH.targetObjectsOf:
            nodes |= {o for objects in index.forward(target).values() for o in objects}
        else:
            nodes |= set(index.forward(target))
    return nodes


def _message(g: Graph, shape: Node) -> str:
    messages = sorted(g.objects(shape, SH.message), key=lambda m: (getattr(m, "language", None) != "en", str(m)))
    return str(messages[0]) if messages else ""


def _focus_itself(index: Index, focus_nodes: list[Term]) -> list[list[Term]]:
    """The value node of a node shape: its focus node."""
    return [[focus] for focus in focus_nodes]


def _path(g: Graph, path: Node) -> Callable[[Index, list[Term]], list[list[Term]]]:
    """The value nodes of each focus node by a property path (a node reached twice is there twice)."""
    if isinstance(path, URIRef):
        predicate = ox_term(path)
        return lambda index, focus_nodes: [index.forward(predicate).get(focus, _NO_TERMS) for focus in focus_nodes]
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        backward = ox_term(inverse)
        return lambda index, focus_nodes: [index.backward(backward).get(focus, _NO_TERMS) for focus in focus_nodes]
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        steps = [_path(g, step) for step in Collection(g, alternatives)]
        return lambda index, focus_nodes: [
            [value for found in each for value in found] for each in zip(*(step(index, focus_nodes) for step in steps))
        ]
    raise ValueError(f"unsupported property path {path}")


def _distinct(values: list[Term]) -> list[Term]:
    return values if len(values) < 2 else list(dict.fromkeys(values))


def _all_values(found_values: Values) -> list[Term]:
    """Every value of every focus node, once: the nodes a nested shape checks."""
    return _distinct([value for _, values in found_values for value in values])


# -- constraint components: each builds a component check, or None -----------------------

_NONE: list[CoreResult] = []
"""No violation (never appended to)."""


def _per_value(test: Callable[[Term], bool]):
    def build(_c, _shape, _arg, path, message, severity) -> Component:
        def check(index: Index, found_values: Values) -> list[CoreResult]:
            return [
                CoreResult(severity, focus, path, message, value)
                for focus, values in found_values
                for value in values
                if not test(value)
            ]

        return check

    return build


def _count(minimum: bool):
    def build(_c, _shape, argument, path, message, severity) -> Component:
        bound = int(argument)

        def check(index: Index, found_values: Values) -> list[CoreResult]:
            if minimum:
                return [CoreResult(severity, focus, path, message, None) for focus, values in found_values if len(values) < bound]
            return [CoreResult(severity, focus, path, message, None) for focus, values in found_values if len(values) > bound]

        return check

    return build


def _node_kind(_c, shape, argument, path, message, severity) -> Component:
    return _per_value(_NODE_KINDS[argument])(_c, shape, argument, path, message, severity)


def _datatype(_c, shape, argument, path, message, severity) -> Component:
    wanted = str(argument)

    def ok(value: Term) -> bool:
        if not isinstance(value, ox.Literal):
            return False
        if wanted == _LANG_STRING:
            return value.language is not None
        return value.language is None and value.datatype.value == wanted and not _ill_typed(value)

    return _per_value(ok)(_c, shape, argument, path, message, severity)


def _class(_c, shape, argument, path, message, severity) -> Component:
    cls = ox_term(argument)

    def check(index: Index, found_values: Values) -> list[CoreResult]:
        instances = index.instances(cls)
        return [
            CoreResult(severity, focus, path, message, value)
            for focus, values in found_values
            for value in values
            if isinstance(value, ox.Literal) or value not in instances
        ]

    return check


def _pattern(c, shape, argument, path, message, severity) -> Component:
    flags = c.shapes.value(shape, SH.flags)
    regex = re.compile(str(argument), re.IGNORECASE if flags and "i" in str(flags) else 0)
    return _per_value(lambda v: not isinstance(v, ox.BlankNode) and regex.search(v.value) is not None)(
        c, shape, argument, path, message, severity
    )


def _language_in(c, shape, argument, path, message, severity) -> Component:
    ranges = [str(x).lower() for x in Collection(c.shapes, argument)]

    def ok(value: Term) -> bool:
        lang = value.language.lower() if isinstance(value, ox.Literal) and value.language else None
        return lang is not None and any(r == "*" or lang == r or lang.startswith(r + "-") for r in ranges)

    return _per_value(ok)(c, shape, argument, path, message, severity)


def _has_value(_c, _shape, argument, path, message, severity) -> Component:
    wanted = ox_term(argument)

    def check(index: Index, found_values: Values) -> list[CoreResult]:
        return [CoreResult(severity, focus, path, message, None) for focus, values in found_values if wanted not in values]

    return check


def _in(c, shape, argument, path, message, severity) -> Component:
    allowed = {ox_term(x) for x in Collection(c.shapes, argument)}
    return _per_value(lambda v: v in allowed)(c, shape, argument, path, message, severity)


def _equals(_c, _shape, argument, path, message, severity) -> Component:
    other_path = ox_term(argument)

    def check(index: Index, found_values: Values) -> list[CoreResult]:
        return [
            CoreResult(severity, focus, path, message, value)
            for focus, values in found_values
            for value in sorted(set(values) ^ set(index.objects(focus, other_path)), key=str)
        ]

    return check


_NUMERIC = {
    XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.int,
    XSD.long, XSD.short, XSD.byte, XSD.negativeInteger, XSD.nonPositiveInteger, XSD.unsignedInt,
    XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte,
}


_NUMERIC_IRIS = {str(d) for d in _NUMERIC}


def _compare(a: Term, b: Term) -> int | None:
    """-1, 0 or 1 for comparable literals (both numeric, or of one datatype); None otherwise."""
    if not (isinstance(a, ox.Literal) and isinstance(b, ox.Literal)):
        return None
    da, db = a.datatype.value, b.datatype.value
    numeric = da in _NUMERIC_IRIS and db in _NUMERIC_IRIS
    if not numeric and (da != db or a.language or b.language):
        return None
    x, y = _rdflib_literal(a.value, da).toPython(), _rdflib_literal(b.value, db).toPython()
    try:
        return (x > y) - (x < y)
    except TypeError:
        return None


def _less_than(_c, _shape, argument, path, message, severity) -> Component:
    other_path = ox_term(argument)

    def check(index: Index, found_values: Values) -> list[CoreResult]:
        return [
            CoreResult(severity, focus, path, message, value)
            for focus, values in found_values
            for value in values
            for other in index.objects(focus, other_path)
            if _compare(value, other) != -1
        ]

    return check


def _min_length(c, shape, argument, path, message, severity) -> Component:
    bound = int(argument)
    return _per_value(lambda v: not isinstance(v, ox.BlankNode) and len(v.value) >= bound)(
        c, shape, argument, path, message, severity
    )


def _inclusive(allowed: tuple[int, int]):
    """sh:minInclusive (the value compares as 0 or 1 to the bound) or sh:maxInclusive (-1 or 0)."""

    def build(c, shape, argument, path, message, severity) -> Component:
        bound = ox_term(argument)
        return _per_value(lambda value: _compare(value, bound) in allowed)(c, shape, argument, path, message, severity)

    return build


def _qualified(c, shape, argument, path, message, severity) -> Component:
    minimum = c.shapes.value(shape, SH.qualifiedMinCount)
    maximum = c.shapes.value(shape, SH.qualifiedMaxCount)

    def check(index: Index, found_values: Values) -> list[CoreResult]:
        failing = c.failing(argument, index, _all_values(found_values))
        found = []
        for focus, values in found_values:
            count = sum(1 for v in values if v not in failing)
            if minimum is not None and count < int(minimum):
                found.append(CoreResult(severity, focus, path, message, None))
            if maximum is not None and count > int(maximum):
                found.append(CoreResult(severity, focus, path, message, None))
        return found

    return check


def _logical(exactly_one: bool):
    def build(c, _shape, argument, path, message, severity) -> Component:
        members = list(Collection(c.shapes, argument))

        def check(index: Index, found_values: Values) -> list[CoreResult]:
            nodes = _all_values(found_values)
            failing = [c.failing(m, index, nodes) for m in members]
            found = []
            for focus, values in found_values:
                for value in values:
                    conforming = sum(1 for f in failing if value not in f)
                    if (conforming != 1) if exactly_one else (conforming == 0):
                        found.append(CoreResult(severity, focus, path, message, value))
            return found

        return check

    return build


_COMPONENTS = {
    SH.minCount: _count(minimum=True),
    SH.maxCount: _count(minimum=False),
    SH.nodeKind: _node_kind,
    SH.datatype: _datatype,
    SH["class"]: _class,
    SH.pattern: _pattern,
    SH.languageIn: _language_in,
    SH.hasValue: _has_value,
    SH["in"]: _in,
    SH.equals: _equals,
    SH.lessThan: _less_than,
    SH.minLength: _min_length,
    SH.minInclusive: _inclusive((0, 1)),
    SH.maxInclusive: _inclusive((-1, 0)),
    SH.qualifiedValueShape: _qualified,
    SH["or"]: _logical(exactly_one=False),
    SH.xone: _logical(exactly_one=True),
}
