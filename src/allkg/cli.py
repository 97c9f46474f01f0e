"""The ``allkg`` command line. It only wires the modules together.

Heavy libraries (rdflib, pyshacl, pyoxigraph) are imported inside the
commands that use them, so ``allkg --help`` starts as fast as click does.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from allkg import __version__
from allkg.errors import AllkgError, NotConformingError, UsageError

SKOS_NAMESPACE = "http://www.w3.org/2004/02/skos/core#"

if TYPE_CHECKING:
    from allkg.graph import KnowledgeGraph

DEFAULT_OUT = Path("allkg-out")
FORMAT_NAMES = ("turtle", "jsonld", "ntriples", "nquads", "trig", "rdfxml")
EXPORT_FORMAT_NAMES = (*FORMAT_NAMES, "schema-jsonld", "html-snippet")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

source_argument = click.argument(
    "sources", nargs=-1, type=click.Path(path_type=Path, exists=False), metavar="[SOURCE]..."
)
base_iri_option = click.option(
    "--base-iri",
    default="https://w3id.org/allkg/",
    show_default=True,
    help="Base of every entity IRI (entities live under BASE/id/).",
)
max_source_option = click.option(
    "--max-source-mib",
    type=click.FloatRange(min=0.001),
    default=5.0,
    show_default=True,
    help="Refuse pages larger than this (MiB).",
)
data_option = click.option(
    "--data",
    "data_files",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read this RDF file instead of building the bundled page (repeatable).",
)


def _quiet_callback(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(_State).quiet = True


quiet_option = click.option(
    "-q", "--quiet", is_flag=True, expose_value=False, callback=_quiet_callback, help="Print nothing but results and errors."
)


class _State:
    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def say(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    def warn(self, warnings: Iterable[str]) -> None:
        """Each distinct warning once, in the order first seen, with how often it came: a page
        stating a thing hundreds of times would otherwise print hundreds of lines."""
        for warning, count in Counter(warnings).items():
            self.say(f"allkg: warning: {warning}" + (f" (x{count})" if count > 1 else ""))


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="allkg")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but results and errors.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool) -> None:
    """Publish a grounded, evidence-carrying knowledge graph about acute lymphocytic leukemia.

    Every command works with no input: it then reads the page bundled with allkg.

    \b
    Examples:
      allkg build                      # bundled page -> allkg-out/allkg.{ttl,jsonld,nt,nq,trig}
      allkg build page.txt --out site  # your page
      allkg extract | head             # the facts and their evidence, as JSON lines
      allkg export --format turtle     # one format on stdout
      allkg validate allkg-out/allkg.ttl

    Exit status: 0 success, 1 the graph fails its SHACL shapes, 2 bad usage or input.
    """
    ctx.ensure_object(_State).quiet = quiet


@cli.command(context_settings=CONTEXT)
@source_argument
@click.option(
    "-o", "--out", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT, show_default=True,
    help="Folder to write the graph files into.",
)
@base_iri_option
@click.option(
    "-f", "--format", "formats", multiple=True, type=click.Choice(FORMAT_NAMES),
    help="Write only these formats (repeatable). Default: turtle, jsonld, ntriples, nquads, trig.",
)
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check (not recommended).")
@click.option("--write-invalid", is_flag=True, help="Write the files even when the graph fails its shapes.")
@quiet_option
@max_source_option
@click.pass_obj
def build(
    state: _State,
    sources: tuple[Path, ...],
    out: Path,
    base_iri: str,
    formats: tuple[str, ...],
    no_validate: bool,
    write_invalid: bool,
    max_source_mib: float,
) -> None:
    """Read pages, extract facts with evidence, validate, and write every RDF format.

    SOURCE is a text page or a folder of them; with none, the bundled page is read.
    Files are written to a temporary name and renamed, so a failed build never
    leaves a half-written file, and an invalid graph is not written at all.

    \b
    Examples:
      allkg build
      allkg build pages/ --out public/data --base-iri https://example.org/all/
      allkg build page.txt -f turtle -f jsonld
    """
    import gc
    from functools import partial

    from allkg import forked
    from allkg.pipeline import build as run_build
    from allkg.formats import BUILD_FORMATS
    from allkg.serialize import is_large, write_files
    from allkg.validate import validate_build

    _check_writable_folder(out)
    # millions of small objects and no cycles: the collector's passes would cost more than they free
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = run_build(
            sources, base_iri=base_iri, max_bytes=int(max_source_mib * 1_048_576), check_pages=not no_validate
        )
        state.warn(result.warnings)
        pages = len(result.pages)
        facts = sum(page.facts for page in result.pages)
        graph, page_reports = result.graph, result.page_reports
        # a large graph is validated in a forked process while this one sorts it for the writers
        checking = None if page_reports is None else forked.start(
            partial(validate_build, graph, page_reports), fork=is_large(graph)
        )
        graph.sort()
        report = None if checking is None else checking.result()
        written: list[Path] = []
        if report is None or report.conforms or write_invalid:
            written = write_files(graph, out, formats or BUILD_FORMATS)
    finally:
        if collecting:
            gc.enable()
    status = "not validated" if report is None else ("conforms" if report.conforms else "DOES NOT CONFORM")
    state.say(f"allkg: {pages} page(s), {facts} facts, {len(graph)} triples; SHACL: {status}")
    if report is not None and not report.conforms:
        raise NotConformingError(report.text())
    state.say(f"allkg: wrote {', '.join(str(p) for p in written)}")


@cli.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@quiet_option
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON instead of text.")
@click.option(
    "--engine", type=click.Choice(["compiled", "pyshacl"]), default="compiled", show_default=True,
    help="SHACL Core engine: allkg's compiled one (fast) or pyshacl (the reference); same report.",
)
@click.pass_obj
def validate(state: _State, files: tuple[Path, ...], as_json: bool, engine: str) -> None:
    """Check RDF files against the allkg SHACL shapes.

    FILE may be Turtle (.ttl), N-Triples (.nt), N-Quads (.nq), TriG (.trig),
    JSON-LD (.jsonld) or RDF/XML (.rdf); all files are checked as one graph.
    Exit 0 when the graph conforms, 1 when it does not, 2 when a file cannot be read.

    \b
    Examples:
      allkg validate allkg-out/allkg.ttl
      allkg validate --json allkg-out/allkg.nq
    """
    from allkg.rdfread import read_rdf

    from allkg.validate import validate as shacl_validate

    report = shacl_validate(read_rdf(files), engine=engine)
    if as_json:
        click.echo(
            json.dumps(
                {"conforms": report.conforms, "results": [r.__dict__ for r in report.results]},
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        click.echo(report.text())
    if not report.conforms:
        raise SystemExit(1)


@cli.command(context_settings=CONTEXT)
@source_argument
@base_iri_option
@quiet_option
@max_source_option
@click.pass_obj
def extract(state: _State, sources: tuple[Path, ...], base_iri: str, max_source_mib: float) -> None:
    """Print every fact found in the pages, with its evidence, as JSON lines (for review).

    Each line: source, kind, subject, predicate, object (IRI or value), their labels,
    the object's ontology mappings, and evidence spans (start, end, quote) where
    text[start:end] == quote in the decoded page.

    \b
    Examples:
      allkg extract
      allkg extract page.txt | jq -r 'select(.kind=="risk-factor") | .object_label'
    """
    from allkg.facts import Entity
    from allkg.namespaces import expand, id_namespace
    from allkg.pipeline import check_base_iri, expand_sources, extract_pages

    ids = id_namespace(check_base_iri(base_iri))
    extractions = extract_pages(expand_sources(sources), max_bytes=int(max_source_mib * 1_048_576))
    state.warn(warning for extraction in extractions for warning in extraction.warnings)
    for extraction in extractions:
        for fact in extraction.facts:
            obj = fact.object
            record = {
                "source": extraction.document.name,
                "sha256": extraction.document.sha256,
                "kind": fact.kind,
                "subject": ids + fact.subject.path,
                "subject_label": fact.subject.label,
                "predicate": expand(fact.predicate),
                "object": ids + obj.path if isinstance(obj, Entity) else getattr(obj, "value", getattr(obj, "name", None)),
                "object_label": obj.label if isinstance(obj, Entity) else None,
                "object_mappings": (
                    [iri for _, iri in obj.concept.mappings] if isinstance(obj, Entity) and obj.concept else []
                ),
                "evidence": [{"start": s.start, "end": s.end, "quote": extraction.quote(s)} for s in fact.evidence],
            }
            click.echo(json.dumps(record, ensure_ascii=False))


@cli.command(context_settings=CONTEXT)
@click.option(
    "-f", "--format", "format_name", type=click.Choice(EXPORT_FORMAT_NAMES), default="turtle", show_default=True,
    help="An RDF format, or the schema.org projection: schema-jsonld, or html-snippet (its <script> block).",
)
@data_option
@source_argument
@quiet_option
@base_iri_option
@click.pass_obj
def export(
    state: _State, format_name: str, data_files: tuple[Path, ...], sources: tuple[Path, ...], base_iri: str
) -> None:
    """Write the graph in one format to stdout.

    The graph is built from SOURCE pages (default: the bundled page), or read
    from --data files (any RDF format) and converted.

    \b
    Examples:
      allkg export --format jsonld > all.jsonld
      allkg export --data allkg-out/allkg.ttl --format ntriples
      allkg export --format html-snippet > snippet.html   # schema.org JSON-LD for a CMS
    """
    from allkg.serialize import serialize

    graph = _graph(data_files, sources, base_iri, state)
    stdout = sys.stdout.buffer
    if format_name in ("schema-jsonld", "html-snippet"):
        from allkg.schemaorg import html_snippet, project, to_json

        document = project(graph)
        text = to_json(document) + "\n" if format_name == "schema-jsonld" else html_snippet(document)
        stdout.write(text.encode("utf-8"))
    else:
        stdout.write(serialize(graph, format_name))
    stdout.flush()


@cli.command(context_settings=CONTEXT)
@click.option(
    "-o", "--out", required=True, type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write the site into (its root is served as the base IRI).",
)
@data_option
@source_argument
@base_iri_option
@click.option("--no-validate", is_flag=True, help="Publish without the SHACL checks (not recommended).")
@quiet_option
@click.pass_obj
def publish(
    state: _State, out: Path, data_files: tuple[Path, ...], sources: tuple[Path, ...], base_iri: str, no_validate: bool
) -> None:
    """Write a static linked-data site: a page and RDF files for every entity IRI.

    For each IRI BASE/id/PATH of the graph: id/PATH.html (for people: labels,
    synonyms, facts with their quoted evidence, links to the ontologies, the
    schema.org JSON-LD) and id/PATH.ttl, .jsonld, .nt (for machines). Also
    index.html, the dataset under dataset/, its VoID at .well-known/void, and
    content-negotiation rules for nginx (.nginx.conf) and Apache (.htaccess).
    The graph and its schema.org projection are checked against their shapes
    first; the files are written to temporary names and renamed, and files an
    earlier publish wrote that are no longer part of the site are removed.

    \b
    Examples:
      allkg publish --out site
      allkg publish --data allkg-out/allkg.nq --out /srv/allkg
    """
    from allkg.fileio import atomic_write_all
    from allkg.site import build_site, stale_files

    _check_writable_folder(out)
    graph = _graph(data_files, sources, base_iri, state)
    if not no_validate:
        _check_publishable(graph)
    site = build_site(graph, base_iri=base_iri, ontology_labels=_ontology_labels(graph))
    state.warn(site.warnings)
    stale = stale_files(out, site.files)
    atomic_write_all({out / name: content for name, content in site.files.items()})
    for path in stale:
        path.unlink(missing_ok=True)
    state.say(f"allkg: wrote {len(site.files)} files for {len(site.pages)} entities into {out}")


@cli.command(context_settings=CONTEXT)
@data_option
@source_argument
@base_iri_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Stop a SPARQL query after this many seconds (the client gets 503).")
@click.option("--max-results", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Refuse SPARQL answers with more rows or triples than this (the client gets 422).")
@click.option("--max-memory", type=click.IntRange(min=0), default=1024, show_default=True, metavar="MIB",
              help="Memory each query worker may hold, data included, in MiB; a query needing more is stopped "
              "(the client gets 503) and its worker replaced (0: no limit).")
@click.option("--query-workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes running SPARQL queries.")
@click.option("--max-connections", type=click.IntRange(min=1), default=2048, show_default=True,
              help="Connections open at once; a new one beyond this closes the one waiting longest for its "
              "request (503 when all are busy).")
@click.option("--cors", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Allow cross-origin requests from ORIGIN ('*' for any; repeatable). Default: none.")
@click.option("--access-log", is_flag=True, help="Log every request on stderr.")
@click.option("--no-validate", is_flag=True, help="Serve without the SHACL checks (not recommended).")
@quiet_option
@click.pass_obj
def serve(
    state: _State,
    data_files: tuple[Path, ...],
    sources: tuple[Path, ...],
    base_iri: str,
    host: str,
    port: int,
    timeout: float,
    max_results: int,
    max_memory: int,
    query_workers: int,
    max_connections: int,
    cors_origins: tuple[str, ...],
    access_log: bool,
    no_validate: bool,
) -> None:
    """Serve the graph over HTTP: every entity IRI as a page or RDF, and a read-only SPARQL endpoint.

    \b
    /id/PATH        each entity: HTML, Turtle, JSON-LD or N-Triples by Accept (q-values) or ?format=
    /sparql         the SPARQL 1.1 Protocol (GET, POST); a query page in a browser
    /               the index; /.well-known/void the dataset description; /dataset/ the dumps

    Updates are refused; every query has a time limit, a memory limit and a
    result cap, and each gives the client an error, never a partial answer.

    \b
    Examples:
      allkg serve                                  # http://127.0.0.1:8000/
      allkg serve --data allkg-out/allkg.nq --port 8080 --cors '*'
    """
    from allkg import connections
    from allkg.query_pool import QueryPool
    from allkg.serialize import serialize
    from allkg.server import create_app

    connections.allow_open_files(max_connections, other_files=2 * query_workers)
    sockets = connections.listen(host, port, max_connections=max_connections)  # a port in use fails here
    graph = _graph(data_files, sources, base_iri, state)
    if not no_validate:
        _check_publishable(graph)
    pool = QueryPool(serialize(graph, "nquads"), size=query_workers, timeout=timeout, limit=max_results,
                     max_memory=max_memory * 1_048_576 or None)
    pool.start()  # a worker that cannot load the data fails here, in one line
    app = create_app(
        graph, base_iri=base_iri, pool=pool, cors_origins=cors_origins, ontology_labels=_ontology_labels(graph)
    )
    where = f"[{host}]" if ":" in host else host
    state.say(f"allkg: serving {len(graph)} triples at http://{where}:{sockets[0].getsockname()[1]}/ (Ctrl-C to stop)")
    connections.run(app, sockets, max_connections=max_connections, access_log=access_log, quiet=state.quiet)


def _ontology_labels(graph: KnowledgeGraph) -> dict[str, str]:
    """The labels of the ontology terms the graph maps to, from the lexicon (for the pages)."""
    from allkg.lexicon import load_lexicon

    lexicon = load_lexicon()
    mapped = {o.value for _, p, o in graph.triples() if p.value.startswith(SKOS_NAMESPACE) and p.value.endswith("Match")}
    return {iri: label for iri in sorted(mapped) if (label := lexicon.label_of(iri))}


def _check_publishable(graph: KnowledgeGraph) -> None:
    """Refuse to publish a graph, or a schema.org projection, that fails its shapes."""
    from allkg import schemaorg
    from allkg.validate import validate as shacl_validate

    for what, report in (
        ("the graph", lambda: shacl_validate(graph)),
        ("the schema.org projection", lambda: schemaorg.check(schemaorg.project(graph))),
    ):
        result = report()
        if not result.conforms:
            raise NotConformingError(f"allkg: {what} does not conform; nothing published\n{result.text()}")


@cli.command(context_settings=CONTEXT)
@click.option(
    "--gold", "gold_path", type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="The hand-written gold file (YAML) for one page (SOURCE, by default the bundled page).",
)
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path), metavar="[SOURCE | FOLDER...]")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--min-precision", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Exit 1 when any kind scores below this precision.")
@click.option("--min-recall", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Exit 1 when any kind scores below this recall.")
@max_source_option
@quiet_option
@click.pass_obj
def evaluate(
    state: _State,
    gold_path: Path | None,
    sources: tuple[Path, ...],
    as_json: bool,
    min_precision: float,
    min_recall: float,
    max_source_mib: float,
) -> None:
    """Score extraction against hand-written gold files: precision, recall and F1 per kind.

    With --gold, one page (SOURCE, by default the bundled page). Without it,
    each FOLDER holds pages and their gold files (NAME.yaml beside NAME.txt or
    NAME.html): the scores are micro-averaged over every page. Each kind of fact
    (names, cell types, anatomy, age groups, risk factors, symptoms...) lists
    the facts missed (-) and the spurious ones (+) by name.

    \b
    Examples:
      allkg evaluate corpus/frozen
      allkg evaluate --gold corpus/tuned/seed-mayo-clinic-all.yaml
      allkg evaluate --gold page.yaml page.txt --min-precision 0.95 --min-recall 0.9
    """
    from allkg.evaluate import corpus, format_corpus, format_table, load_gold, micro_average, predicted, score
    from allkg.pipeline import expand_sources, extract_pages

    max_bytes = int(max_source_mib * 1_048_576)
    if gold_path is not None:
        if len(sources) > 1:
            raise UsageError("with --gold, give one SOURCE page")
        gold = load_gold(gold_path)
        [extraction] = extract_pages(expand_sources(list(sources)), max_bytes=max_bytes)
        scores = score(gold, predicted(extraction))
        if as_json:
            click.echo(json.dumps({"source": extraction.document.name, "kinds": [s.as_dict() for s in scores]}, indent=2))
        else:
            click.echo(format_table(extraction.document.name, scores))
    else:
        if not sources or not all(source.is_dir() for source in sources):
            raise UsageError("give --gold GOLD_FILE [SOURCE], or folders of pages with their gold files")
        pairs = [pair for folder in sources for pair in corpus(folder)]
        pages = []
        for gold, page in pairs:
            [extraction] = extract_pages([page], max_bytes=max_bytes)
            pages.append((page.name, score(load_gold(gold), predicted(extraction))))
        scores = micro_average(pages)
        label = ", ".join(str(source) for source in sources)
        if as_json:
            click.echo(json.dumps({"folders": [str(s) for s in sources], "pages": len(pages),
                                   "kinds": [s.as_dict() for s in scores]}, indent=2))
        else:
            click.echo(format_corpus(label, len(pages), scores))
    failing = [s.kind for s in scores if s.precision < min_precision or s.recall < min_recall]
    if failing:
        state.say(f"allkg: below the thresholds: {', '.join(failing)}")
        raise SystemExit(1)


QUERY_FORMAT_NAMES = ("table", "csv", "tsv", "json", "xml", "turtle", "ntriples")
"""The formats of ``allkg query`` (allkg.query.QUERY_FORMATS, named here so --help needs no pyoxigraph)."""


@cli.command("query", context_settings=CONTEXT)
@click.argument("arguments", nargs=-1, metavar="[QUERY] [SOURCE]...")
@click.option(
    "--file", "query_file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Read the query from this file ('-': standard input).",
)
@click.option("-n", "--name", "query_name", help="Run a canned query shipped with allkg (see --list).")
@click.option("--list", "list_queries", is_flag=True, help="List the canned queries and what they answer.")
@click.option(
    "-f", "--format", "format_name", type=click.Choice(QUERY_FORMAT_NAMES),
    help="SELECT/ASK: table, csv, tsv, json, xml (SPARQL 1.1 results); CONSTRUCT/DESCRIBE: turtle, ntriples. "
    "Default: table on a terminal, csv otherwise; turtle for triples.",
)
@click.option(
    "--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
    help="Stop the query after this many seconds (0: no limit).",
)
@click.option(
    "--max-memory", type=click.IntRange(min=0), default=4096, show_default=True, metavar="MIB",
    help="Stop the query when it needs more memory than this, data included, in MiB (0: no limit).",
)
@click.option(
    "--max-width", type=click.IntRange(min=0), default=80, show_default=True,
    help="Cut table cells wider than this, marked with … (0: never cut).",
)
@click.option("--allow-network", is_flag=True, help="Let SERVICE query remote endpoints and fetch FROM graphs the data lacks (refused by default).")
@data_option
@quiet_option
@base_iri_option
@click.pass_obj
def query_command(
    state: _State,
    arguments: tuple[str, ...],
    query_file: Path | None,
    query_name: str | None,
    list_queries: bool,
    format_name: str | None,
    timeout: float,
    max_memory: int,
    max_width: int,
    allow_network: bool,
    data_files: tuple[Path, ...],
    base_iri: str,
) -> None:
    """Run a SPARQL 1.1 query over the graph (read-only, offline).

    The query is QUERY, --file FILE or --name NAME; with --file or --name every
    argument is a SOURCE page. The graph is built from SOURCE pages (default:
    the bundled page) or read from --data files. Queries see the union of the
    default graph and the evidence graphs; the prefixes of the graph (allkg:,
    skos:, oa:, prov:, obo: ...) are declared already.

    Updates are refused, and so are SERVICE and FROM graphs the data does not
    hold: nothing is fetched, unless --allow-network (then SERVICE calls out,
    and a FROM graph the data lacks is downloaded first).

    \b
    Examples:
      allkg query --list
      allkg query --name synonyms
      allkg query --name evidence --format json --data allkg-out/allkg.nq
      allkg query 'SELECT ?label { ?d a allkg:Disease ; skos:altLabel ?label }'
      allkg query --file my.rq page.txt --format tsv
    """
    from allkg.namespaces import PREFIXES, id_namespace
    from allkg.query import canned_queries, check_query, choose_format, format_result, inspect_query
    from allkg.query import fetch_from_graphs, load_store, run_query

    if list_queries:
        for canned in canned_queries().values():
            click.echo(f"{canned.name}\n    {canned.description}\n    columns: {canned.columns}")
        return
    if query_file is not None and query_name is not None:
        raise UsageError("give one query: --file or --name, not both")
    sources = arguments
    if query_name is not None:
        queries = canned_queries()
        if query_name not in queries:
            raise UsageError(f"no canned query named {query_name!r} (there are: {', '.join(queries)})")
        text = queries[query_name].text
    elif query_file is not None:
        try:
            text = sys.stdin.read() if str(query_file) == "-" else query_file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UsageError(f"--file {query_file}: not UTF-8 text") from None
    elif arguments:
        text, sources = arguments[0], arguments[1:]
    else:
        raise UsageError("give a query: QUERY, --file FILE or --name NAME (see 'allkg query --list')")

    info = inspect_query(text)
    check_query(info, graphs=None, allow_network=allow_network)  # refuse before any work; FROM is checked later
    stdout = sys.stdout.buffer
    format_name = choose_format(info.form, format_name, terminal=stdout.isatty())
    graph = _graph(data_files, tuple(Path(source) for source in sources), base_iri, state)
    store = load_store(graph)
    if allow_network:
        for iri in fetch_from_graphs(store, info):
            state.say(f"allkg: fetched FROM <{iri}>")
    result = run_query(store, text, timeout=timeout or None, max_memory=max_memory * 1_048_576 or None,
                       allow_network=allow_network)
    prefixes = {**PREFIXES, "id": id_namespace(graph.base_iri)}
    stdout.write(format_result(result, format_name, prefixes=prefixes, max_width=max_width))
    stdout.flush()


@cli.command("load", context_settings=CONTEXT)
@click.option(
    "--store", "store_dir", type=click.Path(path_type=Path, file_okay=False),
    help="Load into the embedded Oxigraph store in this folder (the default target; default: allkg-store).",
)
@click.option("--endpoint", metavar="URL", help="Load into this SPARQL 1.1 Graph Store Protocol endpoint instead.")
@click.option("--graph", metavar="IRI", help="The graph to replace. Default: the dataset IRI, BASE/id/dataset.")
@click.option("--query-endpoint", metavar="URL", help="The endpoint's SPARQL query URL (guessed for Oxigraph, Fuseki, Virtuoso).")
@click.option("--update-endpoint", metavar="URL", help="The endpoint's SPARQL update URL (guessed likewise).")
@click.option("--user", metavar="NAME", help="Authenticate as NAME (basic or digest, as the server asks); "
              "the password comes from ALLKG_PASSWORD, else a prompt.")
@click.option("--batch-size", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Triples per HTTP request.")
@click.option("--timeout", type=click.FloatRange(min=0), default=300.0, show_default=True,
              help="Seconds to wait for each HTTP request (0: no limit).")
@data_option
@source_argument
@quiet_option
@base_iri_option
@click.pass_obj
def load(
    state: _State,
    store_dir: Path | None,
    endpoint: str | None,
    graph: str | None,
    query_endpoint: str | None,
    update_endpoint: str | None,
    user: str | None,
    batch_size: int,
    timeout: float,
    data_files: tuple[Path, ...],
    sources: tuple[Path, ...],
    base_iri: str,
) -> None:
    """Load the graph into an RDF store, replacing one named graph.

    The target is the embedded Oxigraph store in --store DIR, or a SPARQL 1.1
    Graph Store endpoint (--endpoint URL). The graph goes in as one named
    graph (--graph IRI; the union of the default and evidence graphs): a
    repeated load gives the same store. It is uploaded into a temporary graph,
    counted, and swapped in with SPARQL MOVE, so a failed load leaves the named
    graph as it was; the count is checked again after the swap. Exit 1 when
    the store holds another number of triples than we loaded, 2 on any other
    failure.

    \b
    Examples:
      allkg load                                   # bundled page -> ./allkg-store
      allkg load --data allkg-out/allkg.nq --store /srv/oxigraph
      allkg load --endpoint http://localhost:7878/store --graph https://example.org/all
      ALLKG_PASSWORD=... allkg load --endpoint http://host:8890/sparql-graph-crud-auth --user loader
    """
    from allkg import load as loading

    if store_dir is not None and endpoint is not None:
        raise UsageError("give one target: --store DIR or --endpoint URL, not both")
    if endpoint is None and (query_endpoint or update_endpoint or user):
        raise UsageError("--query-endpoint, --update-endpoint and --user go with --endpoint")
    graph = loading.check_graph_iri(graph or loading.default_graph(base_iri))
    if endpoint is None:
        folder = store_dir or Path("allkg-store")
        kg = _graph(data_files, sources, base_iri, state)
        count = loading.load_store(kg, folder, graph, progress=state.say)
        state.say(f"allkg: loaded {count:,} triples into <{graph}> in {folder} (count checked)")
        return
    target = loading.endpoint(endpoint, query_endpoint, update_endpoint)
    password = None
    if user is not None:
        password = os.environ.get("ALLKG_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise UsageError(f"--user {user}: set ALLKG_PASSWORD (there is no terminal to ask for the password)")
            password = click.prompt(f"Password for {user}", hide_input=True, err=True)
    with loading.client(user, password, timeout or None) as http:
        remote = loading.Remote(http, target, user=user, password=password)
        remote.check(graph)  # a wrong URL or password fails before the graph is built
        kg = _graph(data_files, sources, base_iri, state)
        count = loading.load_endpoint(kg, remote, graph, batch_size=batch_size, progress=state.say)
    state.say(f"allkg: loaded {count:,} triples into <{graph}> at {endpoint} (count checked)")


@cli.command("make-lexicon", context_settings=CONTEXT)
@click.argument("ontology_dir", type=click.Path(path_type=Path))
@click.option(
    "-o", "--out", type=click.Path(path_type=Path, dir_okay=False),
    help="Write the lexicon here. Default, in a source checkout: src/allkg/data/lexicon.txt.gz, "
    "the file every build reads (an installed allkg needs --out).",
)
@click.option(
    "--exclusions", type=click.Path(path_type=Path, dir_okay=False),
    help="Forms never to match (form<TAB>branch<TAB>reason). Default: ontology/lexicon-exclusions.tsv.",
)
def make_lexicon(ontology_dir: Path, out: Path | None, exclusions: Path | None) -> None:
    """For maintainers: make the lexicon allkg grounds to, from the ontologies' releases.

    ONTOLOGY_DIR holds the releases (hp.obo, DO_cancer_slim.obo, DO_rare_slim.obo,
    mondo_exactmatch_doid.sssom.tsv, mondo_exactmatch_ncit.sssom.tsv and the
    mondo-{uberon,cl,ecto}_import.obo files); the branches kept of each are in
    README's Lexicon section. Prints the releases read and the terms kept per
    branch (after about half a minute). The same releases always give the same
    bytes, and the file is replaced whole or not at all. Users never run this:
    the lexicon ships in the package. Needs the lexicon extra:
    pip install 'allkg[lexicon]'.

    \b
    Examples:
      allkg make-lexicon ../shared/ontologies                  # in a checkout
      allkg make-lexicon ../shared/ontologies --out /tmp/lexicon.txt.gz
    """
    from allkg.lexicon.generate import generate
    from allkg.resources import checkout_data_path, resource_path

    if out is None:
        out = checkout_data_path("lexicon.txt.gz")
        if out is None:
            raise UsageError("allkg is not running from a source checkout: give --out PATH")
    _check_writable_folder(out.parent)
    summary = generate(ontology_dir, exclusions or resource_path("ontology", "lexicon-exclusions.tsv"), out)
    click.echo(f"wrote {out}: {sum(summary.counts.values()):,} terms, {summary.forms:,} forms, "
               f"{out.stat().st_size:,} bytes")
    click.echo("releases read:")
    for release in summary.releases:
        click.echo(f"  {release.key:<11} {release.version:<10}  {release.file:<32}  {release.iri}")
    click.echo("terms per branch:")
    for branch, count in summary.counts.items():
        click.echo(f"  {branch:<11} {count:>7,}")


def _graph(data_files: tuple[Path, ...], sources: tuple[Path, ...], base_iri: str, state: _State) -> KnowledgeGraph:
    """The graph a reading command works on: --data files, else the pages built."""
    if data_files and sources:
        raise UsageError("give either --data RDF files or SOURCE pages, not both")
    if data_files:
        from allkg.rdfread import read_rdf

        return read_rdf(data_files, base_iri=base_iri)
    from allkg.pipeline import build as run_build

    result = run_build(sources, base_iri=base_iri)
    state.warn(result.warnings)
    return result.graph


def _check_writable_folder(out: Path) -> None:
    """Fail before any work when the output folder cannot be made or written."""
    existing = out
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"--out {out}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"--out {out}: {existing} is not writable")


def _one_line(err: click.ClickException) -> str:
    """Click's message on one line, with the command to ask for help."""
    message = " ".join(err.format_message().split())
    ctx = getattr(err, "ctx", None)
    if isinstance(err, click.UsageError) and ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return message


def main() -> None:
    """Entry point: run the CLI, turning every failure into one clear line and an exit code."""
    debug = os.environ.get("ALLKG_DEBUG") == "1"
    try:
        cli.main(prog_name="allkg", standalone_mode=False)
    except click.exceptions.Exit as stop:
        sys.exit(stop.exit_code)
    except click.ClickException as err:
        click.echo(f"allkg: error: {_one_line(err)}", err=True)
        sys.exit(err.exit_code)
    except click.Abort:
        click.echo("allkg: aborted", err=True)
        sys.exit(130)
    except NotConformingError as err:
        click.echo(str(err), err=True)
        sys.exit(err.exit_code)
    except AllkgError as err:
        click.echo(f"allkg: error: {err}", err=True)
        sys.exit(err.exit_code)
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        click.echo(f"allkg: error: {where}{err.strerror or err}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - the last line of defence: one line, never a traceback
        if debug:
            raise
        click.echo(f"allkg: internal error: {type(err).__name__}: {err} (set ALLKG_DEBUG=1 for details)", err=True)
        sys.exit(3)
