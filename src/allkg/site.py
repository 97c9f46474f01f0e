"""The static linked-data site: for every entity IRI, a page for people and RDF for machines.

Each IRI ``{base}id/{path}`` of the graph gets ``id/{path}.html`` (labels,
synonyms, facts with their quoted evidence, links out, the embedded JSON-LD)
and its description as ``.ttl``, ``.jsonld`` and ``.nt``: the triples whose
subject or object it is (with any blank nodes they lead to), or, for the name
of an evidence graph, that graph's triples. The site also has an index page
(the pages the graph was made from, the downloads, and every other entity under
its type, all decided from the data, never from the IRIs), the whole dataset under ``dataset/`` (where the DCAT download URLs point), its
VoID description at ``/.well-known/void``, and content-negotiation rules for
nginx (``.nginx.conf``) and Apache (``.htaccess``), so a plain static host
serves ``/id/...`` as HTML to browsers and as RDF to clients.

The HTML comes from Jinja2 templates with autoescaping; only ``http(s)``
IRIs become links, and the JSON-LD is escaped for its ``<script>`` element.
"""

from __future__ import annotations

import io
import posixpath
import re
from collections import ChainMap, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pyoxigraph as ox

from allkg.fileio import Content
from allkg.graph import KnowledgeGraph, Triple
from allkg.namespaces import ALLKG, curie, expand, id_namespace
from allkg.resources import resource_path
from allkg.schemaorg import project, script_json, to_json
from allkg.formats import BUILD_FORMATS, FORMATS, dump_name
from allkg.serialize import jsonld_context, write

if TYPE_CHECKING:
    from allkg.query import QueryResult

ENTITY_FORMATS = {"ttl": "turtle", "jsonld": "jsonld", "nt": "ntriples"}
"""The RDF files written beside each entity page: extension -> format name."""
MANIFEST = ".allkg-site"
"""The list of files a publish wrote, so the next one can remove those it no longer writes."""
LONG_TEXT = 280
"""Literals longer than this are shown folded."""

_SEGMENT = r"[A-Za-z0-9_~-]+(?:\.[A-Za-z0-9_~-]+)*"
_SAFE_PATH = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")
_RESERVED_ENDINGS = tuple(f".{ext}" for ext in ("html", *ENTITY_FORMATS))
_RDF_TYPE = expand("rdf:type")
_LABEL_PREDICATES = [expand(c) for c in ("skos:prefLabel", "rdfs:label", "dcterms:title", "schema:name")]
_MAPPINGS = {
    expand("skos:exactMatch"): "The same concept",
    expand("skos:closeMatch"): "Nearly the same concept",
    expand("skos:broadMatch"): "Broader concepts",
    expand("skos:narrowMatch"): "Narrower concepts",
    expand("skos:relatedMatch"): "Related concepts",
}
"""The SKOS mapping relations, in the order and with the headings of an entity page's "In the ontologies"."""


NO_LABELS: Mapping[str, str] = MappingProxyType({})


@dataclass
class Site:
    """What a publish writes: file contents by relative path, and what it left out."""

    files: dict[str, Content]
    pages: list[str]
    """The entity IRIs that have a page."""
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Value:
    """One value as shown: its text, a link when it has one, a note (language, datatype)."""

    text: str
    href: str | None = None
    note: str = ""
    long: bool = False
    external: bool = False


@dataclass(frozen=True)
class PageView:
    """A source page as the index lists it: its title, publisher, file name and evidence graphs."""

    link: Value
    publisher: str
    file_name: str
    reviewed: str
    evidence: list[Value]


@dataclass(frozen=True)
class DownloadView:
    """A file of the whole dataset, with the DCAT distributions that describe it."""

    name: str
    media_type: str
    href: str | None
    descriptions: list[Value]


@dataclass(frozen=True)
class ResultTable:
    """A SPARQL answer as the results page shows it: a yes or no, or a table of values."""

    boolean: bool | None
    variables: list[str]
    rows: list[list[Value]]


@dataclass(frozen=True)
class MappingGroup:
    """The ontology terms an entity maps to by one SKOS relation."""

    heading: str
    relation: str
    """The relation's CURIE (``skos:exactMatch``)."""
    targets: list[Value]


@dataclass(frozen=True)
class EvidenceView:
    prefix: str
    exact: str
    suffix: str
    start: str
    end: str
    source: Value
    link: Value


@dataclass(frozen=True)
class FactView:
    link: Value
    subject: Value
    predicate: Value
    object: Value
    kind: str
    explanations: list[str]
    evidence: list[EvidenceView]


def entity_path(iri: str, ids: str) -> str | None:
    """The site path of an entity IRI (``id/...``), or None when it is not ours or not safe as a file name."""
    if not iri.startswith(ids):
        return None
    path = iri[len(ids) :]
    if not _SAFE_PATH.fullmatch(path) or path.endswith(_RESERVED_ENDINGS):
        return None
    return "id/" + path


class Pages:
    """The site's pages and files for a graph, each made when asked for.

    ``build_site`` asks for all of them; ``allkg serve`` for each as it is requested.
    """

    def __init__(self, kg: KnowledgeGraph, *, base_iri: str, ontology_labels: Mapping[str, str] = NO_LABELS) -> None:
        """``ontology_labels``: the labels of outside ontology terms, by the IRI the graph uses
        (``http://purl.obolibrary.org/obo/MONDO_0004967`` -> ``acute lymphoblastic leukemia``),
        shown beside their CURIEs; a term it lacks is shown by its CURIE alone."""
        self.kg = kg
        self.base_iri = base_iri
        self.ids = id_namespace(base_iri)
        self._index = _GraphIndex(kg)
        self.paths: dict[str, str] = {}
        """Entity IRI -> its site path (``id/...``), for every entity that has a page."""
        skipped: list[str] = []
        for iri in sorted(self._index.iris(self.ids)):
            path = entity_path(iri, self.ids)
            if path is None:
                skipped.append(iri)
            else:
                self.paths[iri] = path
        self.warnings = []
        if skipped:
            self.warnings.append(
                f"{len(skipped)} IRI(s) under {self.ids} have no page: their paths are not safe file names "
                f"(first: {skipped[0]})"
            )
        self._renderer = _Renderer(kg, self._index, self.paths, base_iri, ontology_labels)

    def entity_files(self, iri: str) -> dict[str, bytes]:
        """An entity's page and RDF files, by extension (``html``, ``ttl``, ``jsonld``, ``nt``)."""
        description = self._index.description(iri)
        files = {"html": self._renderer.entity_page(iri, description).encode("utf-8")}
        for extension, format_name in ENTITY_FORMATS.items():
            files[extension] = _rdf(description, format_name, self.base_iri)
        return files

    def index_html(self) -> bytes:
        return self._renderer.index_page().encode("utf-8")

    def result_table(self, result: QueryResult, *, at: str) -> ResultTable:
        """A SPARQL answer for the results page at site path ``at`` (``sparql``): IRIs as CURIEs,
        our entities linked to their pages, other http(s) IRIs to themselves, nothing else linked."""
        self._renderer.current = at
        cell = self._renderer.result_cell
        if result.kind == "boolean":
            return ResultTable(result.boolean, [], [])
        if result.kind == "graph":
            rows = [[cell(t.subject), cell(t.predicate), cell(t.object)] for t in result.triples or ()]
            return ResultTable(None, ["subject", "predicate", "object"], rows)
        return ResultTable(None, list(result.variables), [[cell(term) for term in row] for row in result.rows])

    def render(self, template: str, **values: Any) -> str:
        """Another page of the site's look (``allkg serve``'s query page), from the top of the site."""
        return _environment().get_template(template).render(**{"home": "index.html", "jsonld": "", "canonical": None, **values})

    def void(self) -> bytes:
        """The dataset's VoID/DCAT description, in Turtle."""
        return _rdf(self._index.dataset_description(self.ids), "turtle", self.base_iri)


def build_site(kg: KnowledgeGraph, *, base_iri: str, ontology_labels: Mapping[str, str] = NO_LABELS) -> Site:
    """Every file of the static site for the graph (``ontology_labels``: as for ``Pages``)."""
    pages = Pages(kg, base_iri=base_iri, ontology_labels=ontology_labels)
    files: dict[str, Content] = {}
    for iri, path in pages.paths.items():
        for extension, content in pages.entity_files(iri).items():
            files[f"{path}.{extension}"] = content
    files["index.html"] = pages.index_html()
    for name in BUILD_FORMATS:
        files[f"dataset/{dump_name(name)}"] = _streamed(kg, name)
    files[".well-known/void"] = pages.void()
    files[".nginx.conf"] = _conf_template("nginx.conf").encode("utf-8")
    files[".htaccess"] = _conf_template("htaccess").encode("utf-8")
    files[MANIFEST] = ("\n".join(sorted([*files, MANIFEST])) + "\n").encode("utf-8")
    return Site(files, list(pages.paths), pages.warnings)


class _GraphIndex:
    """The graph's triples by subject and by object, and its named graphs."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.by_subject: dict[Any, list[Triple]] = defaultdict(list)
        self.by_object: dict[Any, list[Triple]] = defaultdict(list)
        for triple in kg.triples():
            self.by_subject[triple[0]].append(triple)
            if not isinstance(triple[2], ox.Literal):
                self.by_object[triple[2]].append(triple)
        self.graphs = {name: sorted(triples, key=_key) for name, triples in kg.evidence.items()}

    def iris(self, ids: str) -> set[str]:
        """Every IRI of the graph (subject, object or graph name) in the entity namespace."""
        found = {t.value for t in (*self.by_subject, *self.by_object) if isinstance(t, ox.NamedNode)}
        return {iri for iri in found | set(self.graphs) if iri.startswith(ids)}

    def description(self, iri: str) -> list[Triple]:
        """The triples about an IRI: as subject (following blank nodes) or object; a graph name: its triples."""
        node = ox.NamedNode(iri)
        triples: dict[Triple, None] = {}
        pending = [node]
        seen = {node}
        while pending:
            for triple in self.by_subject.get(pending.pop(), ()):
                triples[triple] = None
                if isinstance(triple[2], ox.BlankNode) and triple[2] not in seen:
                    seen.add(triple[2])
                    pending.append(triple[2])
        triples.update(dict.fromkeys(self.by_object.get(node, ())))
        if not triples and iri in self.graphs:
            triples.update(dict.fromkeys(self.graphs[iri]))
        return sorted(triples, key=_key)

    def dataset_description(self, ids: str) -> list[Triple]:
        """The VoID/DCAT description: the dataset node and the nodes under ``dataset/`` and ``software/``."""
        own = (ids + "dataset", ids + "dataset/", ids + "software/")
        triples = [t for s, ts in self.by_subject.items() if isinstance(s, ox.NamedNode) and s.value.startswith(own) for t in ts]
        return sorted(triples, key=_key)

    def graph_sources(self, name: str) -> list[Any]:
        """The pages a named graph's evidence quotes (the ``oa:hasSource`` of its evidence)."""
        return self._sources_of_graphs.get(name, [])

    def source_graphs(self, source: Any) -> list[str]:
        """The named graphs whose evidence quotes a page."""
        return self._graphs_of_sources.get(source, [])

    @cached_property
    def _sources_of_graphs(self) -> dict[str, list[Any]]:
        has_source = expand("oa:hasSource")
        return {name: sorted({o for _, p, o in triples if p.value == has_source}, key=str) for name, triples in self.graphs.items()}

    @cached_property
    def _graphs_of_sources(self) -> dict[Any, list[str]]:
        graphs: dict[Any, list[str]] = defaultdict(list)
        for name in sorted(self.graphs):
            for source in self.graph_sources(name):
                graphs[source].append(name)
        return graphs

    def typed(self, class_iri: str) -> list[Any]:
        """The nodes of a type (``rdf:type``), in IRI order."""
        return sorted(self.referring(ox.NamedNode(class_iri), _RDF_TYPE), key=str)

    def types(self, node: Any) -> list[str]:
        """A node's types (``rdf:type``), in IRI order."""
        return sorted(t.value for t in self.all(node, _RDF_TYPE) if isinstance(t, ox.NamedNode))

    def one(self, node: Any, predicate: str) -> Any:
        for _, p, o in self.by_subject.get(node, ()):
            if p.value == predicate:
                return o
        return None

    def all(self, node: Any, predicate: str) -> list[Any]:
        return [o for _, p, o in self.by_subject.get(node, ()) if p.value == predicate]

    def referring(self, node: Any, predicate: str) -> list[Any]:
        return [s for s, p, _ in self.by_object.get(node, ()) if p.value == predicate]


class _Renderer:
    """Turns the graph's nodes into the values and facts the templates show."""

    def __init__(
        self, kg: KnowledgeGraph, index: _GraphIndex, paths: dict[str, str], base_iri: str, ontology_labels: Mapping[str, str]
    ) -> None:
        self.kg = kg
        self.index = index
        self.paths = paths
        self.base_iri = base_iri
        self.ids = id_namespace(base_iri)
        self.projection = project(kg)
        self.term_labels = ChainMap(_ontology_labels(), ontology_labels)
        """The labels of terms outside the graph: allkg's own classes and properties, then the ontologies'."""
        self.current = ""
        self.environment = _environment()

    # -- values ------------------------------------------------------------------

    def label(self, node: Any) -> str:
        """What a node is called: its label, title or name; a fact by its triple; else a short form."""
        for predicate in _LABEL_PREDICATES:
            value = self.index.one(node, predicate)
            if isinstance(value, ox.Literal):
                return value.value
        if isinstance(node, ox.NamedNode):
            statement = self.index.one(node, ALLKG + "statementText")
            if isinstance(statement, ox.Literal):
                return _shorten(statement.value)
            file_name = self.index.one(node, ALLKG + "fileName")
            if isinstance(file_name, ox.Literal):
                publisher = self.index.one(node, expand("dcterms:publisher"))
                return f"{file_name.value} ({publisher.value})" if publisher is not None else file_name.value
            exact = self._quote(node)
            if exact is not None:
                return f"“{_shorten(exact, 60)}”"
            position = self._position(node)
            if position is not None:
                return position
            sources = self.index.graph_sources(node.value)
            if sources:
                return "evidence from " + ", ".join(self.label(source) for source in sources)
            agent = self.index.one(node, expand("prov:wasAssociatedWith"))
            if agent is not None:
                return f"activity of {self.label(agent)}"
            if self.index.one(node, expand("rdf:subject")) is not None:
                return " · ".join(
                    self.label(self.index.one(node, expand(f"rdf:{part}"))) for part in ("subject", "predicate", "object")
                )
            return self.term_labels.get(node.value) or curie(node.value, self.ids)
        return node.value if isinstance(node, ox.Literal) else "(blank node)"

    def _position(self, node: ox.NamedNode) -> str | None:
        """A position selector's label: its characters, and the quote of the evidence it selects for."""
        start, end = (self.index.one(node, expand(f"oa:{name}")) for name in ("start", "end"))
        if not (isinstance(start, ox.Literal) and isinstance(end, ox.Literal)):
            return None
        quotes = [q for e in self.index.referring(node, expand("oa:hasSelector")) if (q := self._quote(e)) is not None]
        where = f"characters {start.value}–{end.value}"
        return f"“{_shorten(quotes[0], 60)}”, {where}" if quotes else where

    def _quote(self, node: ox.NamedNode) -> str | None:
        """The exact text of an evidence node or quote selector, if it is one."""
        for selector in [node, *self.index.all(node, expand("oa:hasSelector"))]:
            exact = self.index.one(selector, expand("oa:exact"))
            if isinstance(exact, ox.Literal):
                return exact.value
        return None

    def href(self, iri: str) -> str | None:
        """A link: relative to the current page for our entities, as is for http(s) IRIs, else none."""
        path = self.paths.get(iri)
        if path is not None:
            return posixpath.relpath(f"{path}.html", posixpath.dirname(self.current) or ".")
        return iri if _is_web(iri) else None

    def value(self, term: Any, *, as_label: bool = True) -> Value:
        if isinstance(term, ox.Literal):
            note = term.language or curie(term.datatype.value, self.ids)
            if note == "xsd:string":
                note = ""
            return Value(term.value, note=note, long=len(term.value) > LONG_TEXT)
        if isinstance(term, ox.NamedNode):
            href = self.href(term.value)
            ours = term.value in self.paths
            text = self.label(term) if as_label else curie(term.value, self.ids)
            # an outside term named by its label also shows its identifier (MONDO:0004967...)
            note = curie(term.value, self.ids) if as_label and not ours else ""
            return Value(text, href, note if note != text else "", external=href is not None and not ours)
        return Value("(blank node)")

    def mapping_target(self, term: Any) -> Value:
        """An ontology term an entity maps to: its CURIE, linked, with its label where one is known."""
        if not isinstance(term, ox.NamedNode):
            return self.value(term)
        short = curie(term.value, self.ids)
        href = self.href(term.value)
        return Value(short, href, self.term_labels.get(term.value, ""), external=href is not None and term.value not in self.paths)

    def result_cell(self, term: Any) -> Value:
        """A term of a SPARQL answer: an IRI as its CURIE (linked as ``href`` links), a literal as its text."""
        if term is None:
            return Value("")
        if isinstance(term, ox.NamedNode):
            href = self.href(term.value)
            return Value(curie(term.value, self.ids), href, external=href is not None and term.value not in self.paths)
        if isinstance(term, ox.Literal):
            return Value(term.value)
        if isinstance(term, ox.BlankNode):
            return Value(f"_:{term.value}")
        return Value(str(term))  # a quoted triple (RDF-star)

    def predicate(self, term: ox.NamedNode) -> Value:
        short = curie(term.value, self.ids)
        return Value(self.term_labels.get(term.value, short), self.href(term.value), short, external=True)

    # -- facts ---------------------------------------------------------------------

    def facts_about(self, node: ox.NamedNode) -> list[FactView]:
        """The facts a node takes part in: as subject or object, as the fact itself, or as its evidence or source."""
        index = self.index
        facts = {
            *index.referring(node, expand("rdf:subject")),
            *index.referring(node, expand("rdf:object")),
            *index.referring(node, expand("prov:wasDerivedFrom")),
        }
        if index.one(node, expand("rdf:subject")) is not None:
            facts.add(node)
        for evidence in index.referring(node, expand("oa:hasSource")):
            facts.update(index.referring(evidence, expand("prov:wasDerivedFrom")))
        return [self.fact(f) for f in sorted(facts, key=lambda f: (self.label(f), f.value))]

    def fact(self, node: ox.NamedNode) -> FactView:
        index = self.index
        explanations = sorted(e.value for e in index.all(node, ALLKG + "explanation"))
        kind = index.one(node, ALLKG + "factKind")
        evidence = [self.evidence(e) for e in sorted(index.all(node, expand("prov:wasDerivedFrom")), key=str)]
        evidence.sort(key=lambda e: (e.source.text, int(e.start) if e.start.isdigit() else 0))
        return FactView(
            link=self.value(node),
            subject=self.value(index.one(node, expand("rdf:subject"))),
            predicate=self.predicate(index.one(node, expand("rdf:predicate"))),
            object=self.value(index.one(node, expand("rdf:object"))),
            kind=kind.value if kind is not None else "",
            explanations=explanations,
            evidence=evidence,
        )

    def evidence(self, node: ox.NamedNode) -> EvidenceView:
        index = self.index
        parts: dict[str, str] = {}
        for selector in index.all(node, expand("oa:hasSelector")):
            for name in ("prefix", "exact", "suffix", "start", "end"):
                value = index.one(selector, expand(f"oa:{name}"))
                if isinstance(value, ox.Literal):
                    parts[name] = value.value
        source = index.one(node, expand("oa:hasSource"))
        return EvidenceView(
            prefix=parts.get("prefix", ""),
            exact=parts.get("exact", ""),
            suffix=parts.get("suffix", ""),
            start=parts.get("start", "?"),
            end=parts.get("end", "?"),
            source=self.value(source) if source is not None else Value("(no source)"),
            link=self.value(node),
        )

    # -- pages -----------------------------------------------------------------------

    def entity_page(self, iri: str, description: list[Triple]) -> str:
        self.current = self.paths[iri]
        node = ox.NamedNode(iri)
        outgoing: dict[ox.NamedNode, list[Any]] = defaultdict(list)
        incoming: list[tuple[Value, Value]] = []
        for s, p, o in description:
            if s == node:
                outgoing[p].append(o)
            elif o == node:
                incoming.append((self.value(s), self.predicate(p)))
        types = [self.value(t, as_label=False) for t in outgoing.get(ox.NamedNode(_RDF_TYPE), [])]
        properties = [
            (self.predicate(p), [self.value(o) for o in values])
            for p, values in sorted(outgoing.items(), key=lambda item: curie(item[0].value, self.ids))
            if p.value != _RDF_TYPE
        ]
        synonyms = sorted(o.value for o in outgoing.get(ox.NamedNode(expand("skos:altLabel")), []))
        mappings = [
            MappingGroup(heading, curie(relation, self.ids), [self.mapping_target(t) for t in targets])
            for relation, heading in _MAPPINGS.items()
            if (targets := sorted(outgoing.get(ox.NamedNode(relation), []), key=lambda t: curie(str(t.value), self.ids)))
        ]
        name = posixpath.basename(self.current)
        schema_nodes = _nodes_with_id(self.projection, iri)
        documents = [{"@context": "https://schema.org", "@graph": schema_nodes}] if schema_nodes else []
        return self._render(
            "entity.html",
            iri=iri,
            title=self.label(node),
            types=types,
            synonyms=synonyms,
            mappings=mappings,
            facts=self.facts_about(node),
            properties=properties,
            incoming=sorted(incoming, key=lambda pair: (pair[1].text, pair[0].text)),
            downloads=[(ext, FORMATS[fmt].media_type, f"{name}.{ext}") for ext, fmt in ENTITY_FORMATS.items()],
            jsonld=_script_block([*map(to_json, documents), _jsonld_text(description)]),
            home=posixpath.relpath("index.html", posixpath.dirname(self.current)),
        )

    def index_page(self) -> str:
        self.current = "index.html"
        index = self.index
        datasets = index.typed(expand("void:Dataset"))
        dataset = datasets[0] if datasets else None
        title = index.one(dataset, expand("dcterms:title"))
        description = index.one(dataset, expand("dcterms:description"))
        sources = [node for node in index.typed(_SOURCE_DOCUMENT) if node.value in self.paths]
        distributions = index.typed(_DISTRIBUTION)
        # pages, their evidence graphs and the distributions have sections of their own
        apart = {node.value for node in (*sources, *distributions)}
        apart.update(name for node in sources for name in index.source_graphs(node))
        groups: dict[str, list[Value]] = defaultdict(list)
        for iri in self.paths.keys() - apart:
            groups[self.section(ox.NamedNode(iri))].append(self.value(ox.NamedNode(iri)))
        for values in groups.values():
            values.sort(key=lambda v: (v.text.casefold(), v.href or ""))
        return self._render(
            "index.html",
            title=title.value if title is not None else "allkg knowledge graph",
            description=description.value if description is not None else "",
            dataset=self.value(dataset) if dataset is not None and dataset.value in self.paths else None,
            conditions=[self.value(ox.NamedNode(c["@id"])) for c in self.projection["@graph"] if c["@type"] == "MedicalCondition"],
            pages=sorted(map(self.page_view, sources), key=lambda page: (page.link.text.casefold(), page.link.href or "")),
            downloads=self.downloads(distributions),
            groups=sorted(groups.items(), key=lambda item: (_SECTION_RANK.get(item[0], len(_SECTION_RANK)), item[0])),
            triples=len(self.kg),
            jsonld=_script_block([to_json(self.projection), _jsonld_text(index.dataset_description(self.ids))]),
            home="index.html",
        )

    def section(self, node: ox.NamedNode) -> str:
        """The index heading a node is listed under, decided by its types (never its IRI).

        A disease that no fact is about (only the object of one, as the flu the symptoms
        resemble) is listed apart from the diseases the pages describe."""
        types = self.index.types(node)
        known = [t for t in _SECTIONS if t in types]
        if not known:
            return (self.term_labels.get(types[0]) or curie(types[0], self.ids)) if types else "Other"
        if known[0] == _DISEASE and not any(_FACT in self.index.types(f) for f in self.index.referring(node, _RDF_SUBJECT)):
            return _MENTIONED_DISEASES
        return _SECTIONS[known[0]]

    def page_view(self, node: ox.NamedNode) -> PageView:
        """A source page: titled by its title, else its file name; with its evidence graphs."""
        index = self.index
        title, publisher, file_name, reviewed = (
            index.one(node, predicate) for predicate in
            (expand("dcterms:title"), expand("dcterms:publisher"), ALLKG + "fileName", ALLKG + "lastReviewed")
        )
        text = title if title is not None else file_name
        evidence = [self.value(ox.NamedNode(g)) for g in index.source_graphs(node) if g in self.paths]
        return PageView(
            link=Value(text.value if text is not None else self.label(node), self.href(node.value)),
            publisher=publisher.value if publisher is not None else "",
            file_name=file_name.value if file_name is not None and title is not None else "",
            reviewed=reviewed.value if reviewed is not None else "",
            evidence=evidence,
        )

    def downloads(self, distributions: list[ox.NamedNode]) -> list[DownloadView]:
        """The dataset files the site holds, each with the DCAT distributions whose download URL it is,
        then the other distributions (linked when their URL is http(s))."""
        index = self.index
        by_url: dict[str, list[ox.NamedNode]] = defaultdict(list)
        for node in distributions:
            url = index.one(node, expand("dcat:downloadURL"))
            by_url[url.value if url is not None else ""].append(node)
        site = self.base_iri.rstrip("/") + "/"
        views = []
        for name in BUILD_FORMATS:
            path = f"dataset/{dump_name(name)}"
            described = by_url.pop(site + path, [])
            views.append(DownloadView(dump_name(name), FORMATS[name].media_type, path, [self.value(d) for d in described]))
        for url, nodes in sorted(by_url.items()):
            media_types = sorted({m.value for node in nodes for m in index.all(node, expand("dcat:mediaType"))})
            name = url.rsplit("/", 1)[-1] or url or "(no download URL)"
            views.append(DownloadView(name, ", ".join(media_types), self.href(url) if url else None,
                                      [self.value(node) for node in nodes]))
        return views

    def _render(self, template: str, **values: Any) -> str:
        canonical = values.get("iri") if _is_web(values.get("iri", "")) else None
        return self.environment.get_template(template).render(canonical=canonical, **values)


_SOURCE_DOCUMENT = ALLKG + "SourceDocument"
_DISTRIBUTION = expand("dcat:Distribution")
_DISEASE = ALLKG + "Disease"
_FACT = ALLKG + "Fact"
_RDF_SUBJECT = expand("rdf:subject")
_DESCRIBED_DISEASES = "Diseases the pages describe"
_MENTIONED_DISEASES = "Diseases the pages mention"
_SECTIONS = {
    expand(class_curie): heading
    for class_curie, heading in (
        ("allkg:Disease", _DESCRIBED_DISEASES),
        ("allkg:CellType", "Cell types"),
        ("allkg:AnatomicalEntity", "Where in the body"),
        ("allkg:RiskFactor", "Risk factors"),
        ("allkg:Symptom", "Symptoms"),
        ("allkg:AgeGroup", "Age groups"),
        ("allkg:ClinicalCourse", "Course"),
        ("allkg:Cause", "Causes"),
        ("allkg:EpidemiologyStatement", "Epidemiology statements"),
        ("allkg:PrognosisStatement", "Prognosis statements"),
        ("allkg:Fact", "Facts"),
        ("allkg:Evidence", "Evidence"),
        ("oa:TextQuoteSelector", "Quotes"),
        ("oa:TextPositionSelector", "Quote positions"),
        ("void:Dataset", "Dataset"),
        ("prov:Activity", "How it was made"),
        ("prov:SoftwareAgent", "Software"),
    )
}
"""The index's sections of entities, by type, in order (a node goes under its first type here).
Pages (``allkg:SourceDocument``) and downloads (``dcat:Distribution``) have sections of their own."""
_SECTION_RANK = {
    heading: rank for rank, heading in enumerate(dict.fromkeys((_DESCRIBED_DISEASES, _MENTIONED_DISEASES, *_SECTIONS.values())))
}


def _nodes_with_id(document: Any, iri: str) -> list[dict[str, Any]]:
    """Every node object of a JSON-LD document whose ``@id`` is the IRI, top-level or nested."""
    found: list[dict[str, Any]] = []
    if isinstance(document, dict):
        if document.get("@id") == iri and len(document) > 1:
            found.append(document)
            return found
        for value in document.values():
            found.extend(_nodes_with_id(value, iri))
    elif isinstance(document, list):
        for value in document:
            found.extend(_nodes_with_id(value, iri))
    return found


def _script_block(documents: list[str]) -> str:
    """The JSON-LD documents as one array, escaped for a ``<script>`` element."""
    return script_json("[\n" + ",\n".join(d.rstrip("\n") for d in documents) + "\n]")


def _jsonld_text(triples: list[Triple]) -> str:
    from allkg.jsonld import write_jsonld

    buffer = io.BytesIO()
    write_jsonld(triples, jsonld_context(), buffer)
    return buffer.getvalue().decode("utf-8")


def _rdf(triples: list[Triple], format_name: str, base_iri: str) -> bytes:
    buffer = io.BytesIO()
    write(KnowledgeGraph(base_iri, default=dict.fromkeys(triples)), format_name, buffer)
    return buffer.getvalue()


def _streamed(kg: KnowledgeGraph, format_name: str) -> Callable[[Any], None]:
    return lambda handle: write(kg, format_name, handle)


def _key(triple: Triple) -> tuple[str, str, str]:
    return (str(triple[0]), str(triple[1]), str(triple[2]))


def _is_web(iri: str) -> bool:
    """Only http(s) IRIs become links (never ``javascript:``, ``data:``, ``file:``...)."""
    try:
        parts = urlsplit(iri)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@cache
def _ontology_labels() -> dict[str, str]:
    """The English labels of allkg's classes and properties (``ontology/allkg.ttl``)."""
    labels: dict[str, str] = {}
    with resource_path("ontology", "allkg.ttl").open("rb") as handle:
        for quad in ox.parse(handle, format=ox.RdfFormat.TURTLE):
            if quad.predicate.value == expand("rdfs:label") and isinstance(quad.object, ox.Literal):
                if quad.object.language in (None, "en"):
                    labels.setdefault(quad.subject.value, quad.object.value)
    return labels


@cache
def _environment() -> Any:
    """Jinja2 with autoescaping for every HTML template (values can never become markup)."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("allkg", "templates"),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True),
        finalize=_visible,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["code_spans"] = _code_spans
    return environment


def _code_spans(text: str) -> Any:
    """Text with Markdown code spans (`` `mappings` ``) as ``<code>`` elements, the rest escaped;
    an unpaired backtick stays a backtick."""
    from markupsafe import Markup, escape

    parts = text.split("`")
    if len(parts) % 2 == 0:
        parts[-2:] = ["`".join(parts[-2:])]
    return Markup("".join(
        f"<code>{escape(_visible(part))}</code>" if i % 2 else str(escape(_visible(part))) for i, part in enumerate(parts)
    ))


_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
"""Bidirectional controls and zero-width characters: they can make text read other than it is."""


def _visible(value: Any) -> Any:
    """Every value a page shows, with its invisible controls shown as ⟨U+XXXX⟩ (Trojan Source).

    The data keeps them (the RDF files and the JSON-LD are exact); the ready-made JSON-LD block
    (markup, not a value) is left alone."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return _INVISIBLE.sub(lambda match: f"⟨U+{ord(match.group()):04X}⟩", value)
    return value


def _conf_template(name: str) -> str:
    """A server configuration file (no values from the graph go into it)."""
    return _environment().get_template(name).render()


def stale_files(out: Path, files: dict[str, Content]) -> list[Path]:
    """Files an earlier publish into ``out`` wrote that this one does not (read from its manifest).

    Only names a publish can write are considered, so a damaged or forged manifest
    cannot make allkg delete anything else.
    """
    manifest = out / MANIFEST
    if not manifest.is_file():
        return []
    lines = manifest.read_text(encoding="utf-8", errors="replace").splitlines()
    return [out / line for line in lines if line not in files and _PUBLISHED_NAME.fullmatch(line)]


_PUBLISHED_NAME = re.compile(
    rf"index\.html|\.nginx\.conf|\.htaccess|\.well-known/void|dataset/allkg\.[a-z]+"
    rf"|id/{_SEGMENT}(?:/{_SEGMENT})*\.(?:html|ttl|jsonld|nt)"
)
