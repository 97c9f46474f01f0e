"""SPARQL 1.1 over the graph, in an embedded Oxigraph store: checks, a time limit, result formats.

The store holds the graph's quads as they are: the default graph, and each
page's evidence in its named graph. A query without ``FROM`` sees the union of
all graphs (``use_default_graph_as_union``), so a simple query finds a fact and
its quote alike; ``GRAPH ?g`` still names the evidence graphs. A query with
``FROM``/``FROM NAMED`` gets exactly the dataset it asks for (Oxigraph would
otherwise ignore its ``FROM`` under the union), and may only name graphs of the
store: Oxigraph reads ``FROM <g>`` as "graph g of the store", it never fetches.

Queries are read-only and offline: updates (``INSERT``, ``LOAD``...) are
refused, and so is ``SERVICE``, which Oxigraph *would* send over HTTP, unless
the caller allows the network. The checks work on tokens (comments, strings,
IRIs and prefixed names are skipped whole), never on the raw text.

:func:`run_query` is the one way to run a query; with a timeout or a memory
limit it runs in a forked process that is killed at the deadline (a thread
cannot be stopped, and Oxigraph evaluates some queries, such as aggregates,
before the first row) and whose memory the kernel bounds (:func:`limit_memory`).
"""

from __future__ import annotations

import faulthandler
import io
import json
import multiprocessing
import os
import re
import signal
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pyoxigraph as ox

from allkg.errors import AllkgError, UsageError
from allkg.graph import KnowledgeGraph
from allkg.namespaces import PREFIXES
from allkg.resources import resource_path

SOLUTION_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "ntriples")
QUERY_FORMATS = (*SOLUTION_FORMATS, *GRAPH_FORMATS)
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"})
_RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_CONTROL: dict[int, str] = {code: f"\\u{code:04x}" for code in range(32)} | {9: "\\t", 10: "\\n", 13: "\\r", 127: "\\u007f"}
"""Control characters as the table shows them: escaped, so a row stays one line."""
_NUMERIC = {_XSD + name for name in ("integer", "decimal", "double", "float", "nonNegativeInteger", "int", "long")}

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class QueryError(AllkgError):
    """A query that cannot be run (exit 2)."""


class QuerySyntaxError(QueryError):
    """The query is not valid SPARQL; the message gives the line and column."""


class ForbiddenQuery(QueryError):
    """An update, a SERVICE call without the network allowed, or a FROM graph the store lacks."""


class QueryTimeout(QueryError):
    """The query ran past its time limit and was stopped."""


class ResultTooLarge(QueryError):
    """The query gave more rows (or triples) than the caller's limit."""


class QueryOutOfMemory(QueryError):
    """The query needed more memory than its limit and was stopped."""


# --------------------------------------------------------------------------- reading a query

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)
    | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<bnode>_:\w(?:[\w.\-]*[\w\-])?)
    | (?P<pname>(?:[^\W\d_](?:[\w.\-]*[\w\-])?)?:(?:(?:[\w:%]|\\.)(?:(?:[\w:%.\-]|\\.)*(?:[\w:%\-]|\\.))?)?)
    | (?P<number>\d+\.\d*[eE][+-]?\d+|\d*\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?)
    | (?P<word>[^\W\d]\w*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class QueryInfo:
    """What the tokens of a query say before it runs."""

    form: str
    """SELECT, ASK, CONSTRUCT or DESCRIBE ("" when none is found: Oxigraph will say why)."""
    updates: tuple[str, ...] = ()
    services: int = 0
    from_graphs: tuple[str, ...] = ()
    """The IRIs of FROM and FROM NAMED, resolved against BASE and the prefixes."""


def inspect_query(text: str) -> QueryInfo:
    """Read a query's tokens: its form, update keywords, SERVICE calls and FROM graphs.

    Comments, strings, IRIs, variables and prefixed names are single tokens, so
    ``# SERVICE``, ``"LOAD"``, ``?service`` or ``ex:SERVICE`` are never keywords.
    """
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text) if m.lastgroup not in ("space", "comment")]
    prefixes = dict(PREFIXES)
    base: str | None = None
    form = ""
    updates: list[str] = []
    services = 0
    from_graphs: list[str] = []
    for index, (kind, value) in enumerate(tokens):
        if kind != "word":
            continue
        keyword = value.upper()
        following = tokens[index + 1 : index + 4]
        if keyword == "PREFIX" and len(following) >= 2 and following[0][0] == "pname" and following[1][0] == "iri":
            prefixes[following[0][1].rstrip(":")] = urljoin(base or "", following[1][1][1:-1])
        elif keyword == "BASE" and following and following[0][0] == "iri":
            base = urljoin(base or "", following[0][1][1:-1])
        elif keyword in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and not form:
            form = keyword
        elif keyword in UPDATE_KEYWORDS:
            updates.append(keyword)
        elif keyword == "SERVICE":
            services += 1
        elif keyword == "FROM":
            if following and following[0][0] == "word" and following[0][1].upper() == "NAMED":
                following = following[1:]
            if following:
                from_graphs.append(_resolve(*following[0], prefixes, base))
    return QueryInfo(form, tuple(dict.fromkeys(updates)), services, tuple(from_graphs))


def _resolve(kind: str | None, value: str, prefixes: dict[str, str], base: str | None) -> str:
    """The IRI an IRI token or prefixed name stands for (the token itself if it is neither)."""
    if kind == "iri":
        return urljoin(base, value[1:-1]) if base else value[1:-1]
    if kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return value


def check_query(info: QueryInfo, *, graphs: set[str] | None, allow_network: bool = False, endpoint: bool = False) -> None:
    """Refuse what a read-only, offline query must not do (raises ForbiddenQuery).

    ``graphs`` are the named graphs of the store; None (not loaded yet) skips the FROM check.
    ``endpoint``: the query came to ``allkg serve``, whose clients have no options to offer them.
    """
    if info.updates:
        raise ForbiddenQuery(
            f"{', '.join(info.updates)}: this is a SPARQL update; allkg query is read-only "
            "(SELECT, ASK, CONSTRUCT, DESCRIBE)"
        )
    if info.services and not allow_network:
        remedy = "this endpoint never calls out" if endpoint else "refused (--allow-network permits it)"
        raise ForbiddenQuery(f"SERVICE would query a remote endpoint over the network; {remedy}")
    unknown = [iri for iri in info.from_graphs if graphs is not None and iri not in graphs]
    if unknown:
        remedy = "" if endpoint else "--allow-network fetches it; or load the file with --data; "
        raise ForbiddenQuery(
            f"FROM <{unknown[0]}>: not a graph of the loaded data, and nothing is fetched "
            f"({remedy}a FROM may name one of the evidence graphs)"
        )


MAX_FETCH_BYTES = 50 * 1024 * 1024
"""The largest FROM graph ``--allow-network`` will download."""
_RDF_ACCEPT = (
    "text/turtle, application/n-triples;q=0.9, application/ld+json;q=0.8, application/rdf+xml;q=0.7, "
    "application/n-quads;q=0.6, application/trig;q=0.6"
)


def fetch_from_graphs(store: ox.Store, info: QueryInfo, *, timeout: float = 30.0) -> list[str]:
    """Download the FROM / FROM NAMED graphs the store lacks into graphs of those names (the network
    must be allowed: the caller decides). Only http(s) IRIs; RDF by the answer's media type; at most
    MAX_FETCH_BYTES each. Returns the IRIs fetched; raises QueryError when one cannot be read."""
    import httpx

    held = {g.value for g in store.named_graphs()}
    fetched = []
    for iri in dict.fromkeys(info.from_graphs):
        if iri in held:
            continue
        if not iri.lower().startswith(("http://", "https://")):
            raise ForbiddenQuery(f"FROM <{iri}>: only http(s) graphs can be fetched")
        try:
            with httpx.stream("GET", iri, headers={"Accept": _RDF_ACCEPT}, timeout=timeout, follow_redirects=True) as reply:
                reply.raise_for_status()
                data = b""
                for chunk in reply.iter_bytes():
                    data += chunk
                    if len(data) > MAX_FETCH_BYTES:
                        raise QueryError(f"FROM <{iri}>: larger than {MAX_FETCH_BYTES // 1048576} MiB; not fetched")
                media_type = reply.headers.get("content-type", "").split(";")[0].strip()
        except httpx.HTTPError as err:
            raise QueryError(f"FROM <{iri}>: could not fetch it: {' '.join(str(err).split()) or type(err).__name__}") from None
        fmt = ox.RdfFormat.from_media_type(media_type) if media_type else None
        if fmt is None:
            raise QueryError(f"FROM <{iri}>: the answer is {media_type or 'untyped'}, not an RDF format")
        try:
            quads = ox.parse(data, format=fmt, base_iri=iri)
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(iri)) for q in quads)
        except SyntaxError as err:
            raise QueryError(f"FROM <{iri}>: not valid {fmt.name}: {' '.join(str(err).split())}") from None
        fetched.append(iri)
    return fetched


def parse_syntax_error(err: SyntaxError) -> QuerySyntaxError:
    """Oxigraph's ``error at L:C: ...`` as ``query syntax error at line L, column C: ...``."""
    message = " ".join(str(err).split())
    match = re.match(r"error at (\d+):(\d+): (.*)", message)
    if match is None:
        return QuerySyntaxError(f"query syntax error: {message}")
    line, column, detail = match.groups()
    return QuerySyntaxError(f"query syntax error at line {line}, column {column}: {detail}")


# --------------------------------------------------------------------------- running a query


@dataclass
class QueryResult:
    """The materialised answer of a query: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

    variables: tuple[str, ...] = ()
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None

    @property
    def kind(self) -> str:
        """``solutions``, ``boolean`` or ``graph``."""
        if self.triples is not None:
            return "graph"
        return "solutions" if self.boolean is None else "boolean"


def load_store(kg: KnowledgeGraph) -> ox.Store:
    """An in-memory Oxigraph store with the graph's quads: evidence graphs stay named."""
    store = ox.Store()
    store.bulk_extend(kg.quads())
    return store


def run_query(
    store: ox.Store,
    text: str,
    *,
    timeout: float | None = None,
    max_memory: int | None = None,
    limit: int | None = None,
    allow_network: bool = False,
) -> QueryResult:
    """Check and run a query; with ``timeout`` (seconds) it is stopped at the deadline, with
    ``max_memory`` (bytes) when it needs more memory than that.

    Raises QuerySyntaxError, ForbiddenQuery, QueryTimeout, QueryOutOfMemory, or
    ResultTooLarge when the answer has more than ``limit`` rows or triples.
    """
    info = inspect_query(text)
    check_query(info, graphs={g.value for g in store.named_graphs()}, allow_network=allow_network)
    if timeout is None and max_memory is None:
        return _evaluate(store, text, limit, union=not info.from_graphs)
    if "fork" in multiprocessing.get_all_start_methods():
        outcome = _in_child(store, text, limit, not info.from_graphs, timeout, max_memory)
    else:
        outcome = _in_thread(store, text, limit, not info.from_graphs, timeout)
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def limit_memory(max_bytes: int) -> None:
    """Let this process, which runs queries, hold at most ``max_bytes`` of memory.

    The limit is RLIMIT_DATA, which Linux applies to the heap and every private
    writable mapping: where a query's memory goes. Past it an allocation fails:
    Oxigraph's aborts the process (SIGABRT, see :func:`stopped_by_memory_limit`),
    Python's raises MemoryError. That abort is expected, not a crash: standard
    error is closed to the message Rust would print and faulthandler to its
    dump; the caller reports the failure. Windows has no such limit.
    """
    try:
        import resource
    except ImportError:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    soft = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def stopped_by_memory_limit(exitcode: int | None) -> bool:
    """Whether a query process under :func:`limit_memory` that ended without an answer ran out of memory."""
    return exitcode == -signal.SIGABRT


def out_of_memory(max_bytes: int | None, *, hint: str = "") -> QueryOutOfMemory:
    """The error of a query stopped by its memory limit (``hint``: the option that sets it)."""
    needed = f"more than {max_bytes / 2**20:g} MiB of memory" if max_bytes else "more memory than there is"
    return QueryOutOfMemory(f"the query needed {needed} and was stopped{hint}")


def _evaluate(store: ox.Store, text: str, limit: int | None, *, union: bool) -> QueryResult:
    try:
        answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=union)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            result = QueryResult(variables=tuple(v.value for v in answer.variables))
            for solution in answer:
                result.rows.append(tuple(solution))
                _check_limit(len(result.rows), limit, "rows")
            return result
        result = QueryResult(triples=[])
        for triple in answer:
            result.triples.append(triple)  # type: ignore[union-attr]
            _check_limit(len(result.triples), limit, "triples")  # type: ignore[arg-type]
        return result
    except SyntaxError as err:
        raise parse_syntax_error(err) from None
    except OSError as err:  # Oxigraph's errors while evaluating, e.g. a SERVICE that failed
        raise QueryError(f"query failed: {' '.join(str(err).split())}") from None


def _check_limit(count: int, limit: int | None, what: str) -> None:
    if limit is not None and count > limit:
        raise ResultTooLarge(f"the query gives more than {limit} {what}; add a LIMIT or narrow it")


def _in_child(
    store: ox.Store, text: str, limit: int | None, union: bool, timeout: float | None, max_memory: int | None
) -> QueryResult | Exception:
    """Evaluate in a forked child (it shares the store, copy-on-write) and kill it at the deadline."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, store, text, limit, union, max_memory), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            return QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped (see --timeout)")
        try:
            return receiver.recv()  # type: ignore[no-any-return]
        except EOFError:
            child.join()
            if max_memory is not None and stopped_by_memory_limit(child.exitcode):
                return out_of_memory(max_memory, hint=" (see --max-memory)")
            return QueryError(f"the query process ended without an answer (exit code {child.exitcode})")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def _child(
    sender: multiprocessing.connection.Connection,
    store: ox.Store,
    text: str,
    limit: int | None,
    union: bool,
    max_memory: int | None,
) -> None:
    if max_memory is not None:
        limit_memory(max_memory)
    try:
        outcome: QueryResult | Exception = _evaluate(store, text, limit, union=union)
    except MemoryError:
        outcome = out_of_memory(max_memory, hint=" (see --max-memory)")
    except Exception as err:  # noqa: BLE001 - raised again in the parent, which reports it on one line
        outcome = err
    sender.send(outcome)
    sender.close()


def _in_thread(store: ox.Store, text: str, limit: int | None, union: bool, timeout: float) -> QueryResult | Exception:
    """Where fork is unavailable: wait for a thread until the deadline, then abandon it (it cannot be stopped)."""
    outcome: list[QueryResult | Exception] = []

    def work() -> None:
        try:
            outcome.append(_evaluate(store, text, limit, union=union))
        except Exception as err:  # noqa: BLE001 - raised again by the caller
            outcome.append(err)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        return QueryTimeout(f"the query ran longer than {timeout:g} s and was abandoned (see --timeout)")
    return outcome[0]


def choose_format(form: str, format_name: str | None, *, terminal: bool) -> str:
    """The output format: the one asked for if it fits the query's form, else the default.

    Defaults: CONSTRUCT and DESCRIBE give Turtle; SELECT and ASK a table on a
    terminal and CSV otherwise (in a pipe or a file).
    """
    graph = form in ("CONSTRUCT", "DESCRIBE")
    if format_name is None:
        return "turtle" if graph else "table" if terminal else "csv"
    if graph and format_name not in GRAPH_FORMATS:
        raise UsageError(f"--format {format_name} is for SELECT and ASK; a {form} query gives triples: use turtle or ntriples")
    if not graph and format_name not in SOLUTION_FORMATS:
        raise UsageError(
            f"--format {format_name} is for CONSTRUCT and DESCRIBE; a {form or 'SELECT'} query gives "
            f"{'a boolean' if form == 'ASK' else 'rows'}: use {', '.join(SOLUTION_FORMATS)}"
        )
    return format_name


# --------------------------------------------------------------------------- writing results


def format_result(
    result: QueryResult, format_name: str, *, prefixes: dict[str, str] | None = None, max_width: int = 0
) -> bytes:
    """The result in one format: ``table``, ``csv``, ``tsv``, ``json``, ``xml`` (SELECT, ASK) or
    ``turtle``, ``ntriples`` (CONSTRUCT, DESCRIBE). ``prefixes`` and ``max_width`` shape the table."""
    choose_format({"graph": "CONSTRUCT", "boolean": "ASK"}.get(result.kind, "SELECT"), format_name, terminal=False)
    if result.kind == "graph":
        from allkg.serialize import serialize

        graph = KnowledgeGraph("")
        for triple in result.triples or ():
            graph.add((triple.subject, triple.predicate, triple.object))  # type: ignore[arg-type]
        return serialize(graph, format_name)
    if format_name == "table":
        return _table(result, prefixes or PREFIXES, max_width).encode("utf-8")
    parsed = ox.parse_query_results(_sparql_json(result), format=ox.QueryResultsFormat.JSON)
    output = io.BytesIO()
    parsed.serialize(output, format=_RESULT_FORMATS[format_name])
    data = output.getvalue()
    return data if data.endswith(b"\n") else data + b"\n"


def _sparql_json(result: QueryResult) -> bytes:
    """The SPARQL 1.1 JSON results document (pyoxigraph re-reads it to write every format)."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}).encode()
    bindings = [
        {name: _json_term(term) for name, term in zip(result.variables, row) if term is not None}
        for row in result.rows
    ]
    return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}).encode()


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {key: _json_term(part) for key, part in parts.items()}}
    encoded: dict[str, object] = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype.value != _XSD + "string":
        encoded["datatype"] = term.datatype.value
    return encoded


def _table(result: QueryResult, prefixes: dict[str, str], max_width: int) -> str:
    """An aligned text table: IRIs as CURIEs, literals as their text, control characters escaped.

    Cells wider than ``max_width`` (0: no limit) are cut and end with ``…``; the footer says so.
    """
    if result.boolean is not None:
        return "true\n" if result.boolean else "false\n"
    namespaces = sorted(prefixes.items(), key=lambda item: -len(item[1]))
    header = [f"?{name}" for name in result.variables]
    body = [[_display(term, namespaces) for term in row] for row in result.rows]
    numeric = [all(_is_number(row[i]) for row in result.rows if row[i] is not None) for i in range(len(header))]
    cut = 0
    if max_width:
        for row in body:
            for i, cell in enumerate(row):
                if _width(cell) > max_width:
                    row[i] = _shorten(cell, max_width)
                    cut += 1
    widths = [max([_width(header[i])] + [_width(row[i]) for row in body]) for i in range(len(header))]

    def line(cells: list[str], numbers: list[bool]) -> str:
        padded = [
            " " * (w - _width(c)) + c if right else c + " " * (w - _width(c))
            for c, w, right in zip(cells, widths, numbers)
        ]
        return "  ".join(padded).rstrip()

    lines = [line(header, [False] * len(header)), "  ".join("-" * w for w in widths)]
    lines += [line(row, numeric) for row in body]
    footer = f"({len(body)} row{'' if len(body) == 1 else 's'}"
    if cut:
        footer += f"; {cut} cell{'' if cut == 1 else 's'} cut at {max_width} columns, marked …; --max-width 0 shows all"
    return "\n".join([*lines, footer + ")"]) + "\n"


def _display(term: Term | None, namespaces: list[tuple[str, str]]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in namespaces:
            if term.value.startswith(namespace) and len(term.value) > len(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return "<< " + " ".join(_display(t, namespaces) for t in (term.subject, term.predicate, term.object)) + " >>"
    return term.value.translate(_CONTROL)


def _is_number(term: Term | None) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC


def _width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text
    )


def _shorten(text: str, width: int) -> str:
    kept, used = [], 0
    for ch in text:
        used += _width(ch)
        if used > width - 1:
            break
        kept.append(ch)
    return "".join(kept) + "…"


# --------------------------------------------------------------------------- the canned queries


@dataclass(frozen=True)
class CannedQuery:
    """A competency query shipped in ``queries/NAME.rq``, documented by its comment header."""

    name: str
    description: str
    columns: str
    text: str


def canned_queries() -> dict[str, CannedQuery]:
    """Every shipped query, by name."""
    folder = resource_path("queries")
    return {path.stem: _read_canned(path) for path in sorted(folder.glob("*.rq"))}


def _read_canned(path: Path) -> CannedQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        match = re.match(r"(\w+):\s*(.*)", body)
        if match and not line.startswith("#  "):
            key, value = match.groups()
            fields[key] = value
        elif key:
            fields[key] += " " + body
    return CannedQuery(path.stem, fields.get("description", ""), fields.get("columns", ""), text)

