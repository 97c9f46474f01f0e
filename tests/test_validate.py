"""allkg's validator (pyshacl for core constraints, Oxigraph for SHACL-SPARQL) gives pyshacl's own report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from allkg.validate import shapes_graph, validate
from test_shapes import CASES, Case, _copy, _validate, broken_graph, build_valid_graph, pyshacl_on


def pyshacl_report(data: Graph) -> tuple[bool, set[tuple[str, str, str, str]]]:
    """pyshacl alone, over the whole shapes graph (SPARQL constraints included)."""
    conforms, report, _ = _validate(data)
    return _rows(conforms, report)


def pyshacl_report_of(case: Case) -> tuple[bool, set[tuple[str, str, str, str]]]:
    """pyshacl's report on a broken graph of test_shapes, which runs it once for both modules."""
    conforms, report, _ = pyshacl_on(case)
    return _rows(conforms, report)


def _rows(conforms: bool, report: Graph) -> tuple[bool, set[tuple[str, str, str, str]]]:
    """The verdict, and each result's focus node, path, message and value."""
    rows = set()
    for node in report.subjects(RDF.type, SH.ValidationResult):
        rows.add(
            tuple(
                str(report.value(node, p) or "")
                for p in (SH.focusNode, SH.resultPath, SH.resultMessage, SH.value)
            )
        )
    return bool(conforms), rows


def ours(data: Graph) -> tuple[bool, set[tuple[str, str, str, str]]]:
    from allkg.namespaces import PREFIXES

    def full(path: str) -> str:
        prefix, _, local = path.partition(":")
        return PREFIXES[prefix] + local if local and prefix in PREFIXES else path

    report = validate(data)
    return report.conforms, {(r.focus, full(r.path), r.message, r.value) for r in report.results}


def test_same_verdict_on_the_valid_graph():
    assert ours(build_valid_graph()) == pyshacl_report(build_valid_graph()) == (True, set())


# With a negative oa:start both engines report the quote mismatch on the same node, but
# SUBSTR(text, 0, n) (XPath fn:substring with a start before the string) yields different
# text in rdflib and Oxigraph; there only the reported text may differ.
ENGINE_DEPENDENT_VALUE = {"start-negative"}


@pytest.mark.parametrize("case", CASES)
def test_same_report_as_pyshacl_on_every_broken_graph(case):
    (our_verdict, our_rows), (their_verdict, their_rows) = ours(broken_graph(case)), pyshacl_report_of(case)
    assert our_verdict == their_verdict
    if case.id in ENGINE_DEPENDENT_VALUE:
        assert len(our_rows) == len(their_rows)
        assert {r[:2] for r in our_rows} == {r[:2] for r in their_rows}
    else:
        assert our_rows == their_rows


def test_same_report_as_pyshacl_on_a_graph_broken_in_every_way_at_once():
    """Many nodes with several violations each (and nested shapes over many values)."""
    data = _copy(build_valid_graph())
    for case in CASES:
        if case.values[0].id not in ENGINE_DEPENDENT_VALUE:
            case.values[0].mutate(data)
    assert ours(data) == pyshacl_report(data)


def test_the_seed_graph_conforms_for_both():
    from allkg.pipeline import build

    graph = build().graph.union()
    assert ours(graph) == pyshacl_report(graph) == (True, set())


def test_both_engines_agree_on_real_pages():
    """The compiled engine and pyshacl give the same report on every page we have, built together
    (grounding.txt has fuzzy matches, with scores and releases)."""
    from pathlib import Path

    from allkg.pipeline import build

    here = Path(__file__).resolve().parent
    pages = [
        *(here.parent / "corpus" / "tuned" / f"{n}.txt" for n in ("encyclopedia", "mayo-full", "nci-style")),
        here / "data" / "hospital-all.html",
        here / "data" / "grounding.txt",
    ]
    graph = build(pages).graph.union()
    compiled, reference = validate(graph), validate(graph, engine="pyshacl")
    assert compiled == reference
    assert compiled.conforms


def test_every_kind_of_target_and_path_gives_pyshacl_s_report():
    """Targets and paths the allkg shapes use little or not at all (sh:targetSubjectsOf,
    sh:targetNode, a subclass of a target class, paths backward and alternative), on a toy graph."""
    shapes = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:A a sh:NodeShape ; sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:maxCount 1 ; sh:message "a" ] .
        ex:B a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 2 ; sh:message "b" ] .
        ex:C a sh:NodeShape ; sh:targetNode ex:n1 , ex:nowhere ;
            sh:property [ sh:path [ sh:alternativePath ( ex:p ex:q ) ] ; sh:minCount 3 ; sh:class ex:K ;
                sh:message "c" ] .
        ex:D a sh:NodeShape ; sh:targetClass ex:K ; sh:property [ sh:path ex:q ; sh:nodeKind sh:Literal ; sh:message "d" ] .""",
        format="turtle",
    )
    data = Graph().parse(
        data="""@prefix ex: <urn:ex:> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:Sub rdfs:subClassOf ex:K . ex:n1 ex:p ex:n2 , ex:n3 ; ex:q ex:n2 , "x" .
        ex:n4 ex:p ex:n2 . ex:n2 a ex:Sub ; ex:q ex:n3 . ex:n3 a ex:K ; ex:q "y" .""",
        format="turtle",
    )
    compiled = validate(data, shapes)
    assert len(compiled.results) > 3
    assert compiled == validate(data, shapes, engine="pyshacl")


def test_unsupported_shacl_features_are_refused_not_ignored():
    from rdflib import Graph

    from allkg.shacl_core import CompiledShapes

    shapes = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ; sh:property [ sh:path <urn:p> ; sh:maxLength 3 ] .""",
        format="turtle",
    )
    with pytest.raises(ValueError, match="maxLength"):
        CompiledShapes(shapes)


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.values[0].constraint is not None], ids=lambda c: c.id
)
def test_class_targets_matched_in_the_query_give_the_same_report(case, monkeypatch):
    """Large builds match a SPARQL constraint's class target in the query instead of a VALUES list."""
    from allkg import shacl_sparql

    monkeypatch.setattr(shacl_sparql, "_LARGEST_VALUES_BLOCK", 0)
    assert ours(broken_graph(case)) == pyshacl_report_of(case)


def test_focus_nodes_checked_together_give_the_results_of_each_checked_alone():
    """A compiled shape checks all its focus nodes in one call: the results, and their order,
    are those of checking the nodes one at a time (on a graph broken in every way at once,
    so that many nodes have several violations)."""
    from allkg.shacl_core import CompiledShapes, Index, _focus_nodes
    from allkg.shacl_sparql import split_shapes
    from allkg.terms import ox_term

    data = _copy(build_valid_graph())
    for case in CASES:
        case.values[0].mutate(data)
    compiled = CompiledShapes(split_shapes(shapes_graph())[0])
    index = Index([(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in data])
    one_at_a_time = [
        result
        for targets, check in compiled.node_shapes
        for focus in sorted(_focus_nodes(index, targets), key=str)
        for result in check(index, [focus])
    ]
    assert len({result.focus for result in one_at_a_time}) > 10
    assert compiled.validate(index) == one_at_a_time


def _triple_patterns(node: object) -> Iterator[tuple]:
    """Every triple pattern of a query's algebra as rdflib parses it, EXISTS blocks included."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name in ("BGP", "TriplesBlock"):
            # a BGP holds (s, p, o) tuples; a TriplesBlock (in EXISTS) flat lists s, p, o, s, p, o...
            for block in node["triples"]:
                yield from (tuple(block[i : i + 3]) for i in range(0, len(block), 3))
        for value in node.values():
            yield from _triple_patterns(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _triple_patterns(value)


def _operators(node: object) -> set[str]:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return {node.name}.union(*(_operators(value) for value in node.values()))
    if isinstance(node, (list, tuple)):
        return set().union(*(_operators(value) for value in node))
    return set()


def test_the_page_sparql_constraints_match_only_triples_with_the_page_predicates():
    """What makes validate_page's store exact (see validate.PAGE_SPARQL_PREDICATES): every triple
    pattern of the page-local SPARQL constraints has one of those IRIs as its predicate (no
    variable, no property path), and none is read from a named graph or a service."""
    from rdflib import URIRef
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.term import Variable

    from allkg.shacl_sparql import split_shapes
    from allkg.validate import PAGE_SPARQL_PREDICATES, _page_local

    _, constraints = split_shapes(shapes_graph())
    predicates = set()
    for constraint in constraints:
        algebra = prepareQuery(constraint.query).algebra
        patterns = list(_triple_patterns(algebra))
        if not _page_local(constraint.targets):
            if constraint.constraint.endswith("FactTripleAsserted"):  # the walk sees into FILTER NOT EXISTS
                assert any(isinstance(p, Variable) for _, p, _ in patterns)
            continue
        assert patterns
        assert not _operators(algebra) & {"Graph", "ServiceGraphPattern"}
        for pattern in patterns:
            assert isinstance(pattern[1], URIRef), f"{constraint.constraint}: {pattern}"
            predicates.add(str(pattern[1]))
    assert predicates == PAGE_SPARQL_PREDICATES


def _always_bound(node: object) -> set[str]:
    """The variables bound in every solution of a query's algebra (rdflib), as far as its operators
    tell: none, for an operator not listed here."""
    from rdflib.term import Variable

    name = getattr(node, "name", None)
    if name == "BGP":
        return {str(term) for triple in node.triples for term in triple if isinstance(term, Variable)}
    if name == "Join":
        return _always_bound(node.p1) | _always_bound(node.p2)
    if name == "Union":
        return _always_bound(node.p1) & _always_bound(node.p2)
    if name in ("LeftJoin", "Minus"):
        return _always_bound(node.p1)
    if name in ("SelectQuery", "Filter", "Extend", "Distinct", "Reduced", "OrderBy", "Slice"):
        return _always_bound(node.p)  # a BIND whose expression fails leaves its variable unbound
    if name == "Project":
        return _always_bound(node.p) & {str(variable) for variable in node.PV}
    return set()


def test_the_page_sparql_constraints_bind_this_in_every_row():
    """What lets validate_page run them as written and keep the rows of its focus nodes (the rows
    they give with $this bound beforehand): $this is bound in every row."""
    from rdflib.plugins.sparql import prepareQuery

    from allkg.shacl_sparql import split_shapes
    from allkg.validate import _page_local

    _, constraints = split_shapes(shapes_graph())
    local = [c for c in constraints if _page_local(c.targets)]
    assert local
    for constraint in local:
        assert "this" in _always_bound(prepareQuery(constraint.query).algebra), constraint.constraint
    optional = "SELECT $this WHERE { ?x <urn:p> ?y OPTIONAL { $this <urn:p> ?x } }"
    assert "this" not in _always_bound(prepareQuery(optional).algebra)


def _with_strays(data: Graph) -> None:
    """Nodes that the page-local SPARQL constraints' patterns match, with text that fails them, but
    that are no evidence and no source document (no rdf:type): they are not focus nodes."""
    from rdflib import Literal, URIRef
    from test_shapes import ALLKG, F_LOCATION, OA, SOURCE, XSD

    stray = URIRef("https://w3id.org/allkg/id/evidence/stray")
    data.add((stray, OA.hasSource, SOURCE))
    data.add((stray, OA.hasSelector, F_LOCATION.quote))
    data.add((stray, OA.hasSelector, URIRef(f"{stray}/position")))
    data.add((URIRef(f"{stray}/position"), OA.start, Literal("0", datatype=XSD.nonNegativeInteger)))
    data.add((URIRef(f"{stray}/position"), OA.end, Literal("3", datatype=XSD.nonNegativeInteger)))
    document = URIRef("https://w3id.org/allkg/id/source/not-its-digest")
    data.add((document, ALLKG.sha256, Literal("0" * 64)))
    data.add((document, ALLKG.decodedText, Literal("four")))
    data.add((document, ALLKG.characterCount, Literal("5", datatype=XSD.nonNegativeInteger)))


@pytest.mark.parametrize("largest_values_block", [2000, 0], ids=["focus-listed", "focus-matched"])
@pytest.mark.parametrize("case", [*CASES, pytest.param(None, id="strays")])
def test_a_page_check_gives_the_rows_of_a_store_with_every_triple(case, largest_values_block, monkeypatch):
    """validate_page's store holds only triples with the page predicates, and its queries run without
    $this bound beforehand: on every broken graph (and one with nodes that match the queries but
    are no focus nodes), its report is the one a store with every triple gives to the queries
    with $this bound to the focus nodes, listed or matched by their class (as for many nodes)."""
    from collections import Counter

    from allkg import shacl_sparql
    from allkg.graph import KnowledgeGraph
    from allkg.serialize import to_store
    from allkg.shacl_core import Index
    from allkg.shacl_sparql import evaluate
    from allkg.terms import ox_term
    from allkg.validate import (
        _compiled,
        _core_results,
        _page_local,
        _sparql_results,
        _split,
        validate_page,
    )

    monkeypatch.setattr(shacl_sparql, "_LARGEST_VALUES_BLOCK", largest_values_block)
    data = _copy(build_valid_graph())
    if case is None:
        _with_strays(data)
    else:
        case.mutate(data)
    triples = [(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in data]
    core, constraints = _split(shapes_graph())
    local = [c for c in constraints if _page_local(c.targets)]
    whole_store = _core_results(_compiled(core).validate(Index(triples), select=_page_local))
    whole_store += _sparql_results(evaluate(to_store(triples), local))
    page = validate_page(KnowledgeGraph("https://w3id.org/allkg/", default=dict.fromkeys(triples)))
    assert Counter(page) == Counter(whole_store)


PAGES = [Path(__file__).resolve().parents[1] / "corpus" / "tuned" / f"{name}.txt" for name in ("encyclopedia", "mayo-full", "nci-style")]


def test_a_build_checked_page_by_page_has_the_report_of_the_whole_graph():
    from allkg.pipeline import build
    from allkg.validate import validate_build

    result = build(PAGES, check_pages=True)
    assert validate_build(result.graph, result.page_reports) == validate(result.graph)


@pytest.mark.parametrize("mutation", ["quote", "offset", "source-text", "fact-kind", "derived-from-a-quote"])
def test_page_by_page_finds_what_the_whole_graph_check_finds(mutation):
    """Break one page's statements in its page graph and in the merged graph alike: same report.
    (A fact derived from a quote selector: a page-local node that is no allkg:Evidence.)"""
    import pyoxigraph as ox

    from allkg.graph import build_graph
    from allkg.lexicon import load_lexicon
    from allkg.pipeline import extract_pages
    from allkg.validate import validate_build, validate_page

    extractions = extract_pages(PAGES)
    merged = build_graph(extractions, base_iri="https://w3id.org/allkg/", releases=load_lexicon().releases.values())
    pages = [build_graph([e], base_iri="https://w3id.org/allkg/") for e in extractions]
    predicate = {
        "quote": "http://www.w3.org/ns/oa#exact",
        "offset": "http://www.w3.org/ns/oa#end",
        "source-text": "https://w3id.org/allkg/ontology/characterCount",
        "fact-kind": "https://w3id.org/allkg/ontology/factKind",
        "derived-from-a-quote": "http://www.w3.org/ns/prov#wasDerivedFrom",
    }[mutation]
    victim = pages[1]
    hit = next(t for t in sorted(victim.triples(), key=str) if t[1].value == predicate)
    if mutation == "derived-from-a-quote":
        broken = (hit[0], hit[1], ox.NamedNode(f"{hit[2].value}/quote"))
    else:
        broken = (hit[0], hit[1], ox.Literal("999", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")))
    for graph in (victim, merged):
        for triples in (graph.default, *graph.evidence.values()):
            if hit in triples:
                del triples[hit]
                triples[broken] = None
        graph.memo.clear()
    page_reports = [r for page in pages for r in validate_page(page)]
    whole = validate(merged)
    assert not whole.conforms
    assert validate_build(merged, page_reports) == whole
