"""``allkg serve``: the graph as linked data and a read-only SPARQL endpoint over HTTP.

Starlette routes, run by uvicorn:

- ``/id/{path}``: every entity, negotiated (``?format=``, else ``Accept`` with
  q-values): HTML for browsers, Turtle, JSON-LD or N-Triples; 406 when nothing
  fits; ``Vary: Accept``. ``/id/{path}.html|.ttl|.jsonld|.nt`` are the same
  files as the static site's, so its relative links work here too.
- ``/``, ``/.well-known/void``, ``/dataset/allkg.{ttl,jsonld,nt,nq,trig}``.
- ``/sparql``: the SPARQL 1.1 Protocol (GET, POST form, POST
  ``application/sparql-query``), read-only, with a time limit and a result cap
  that give an error, never a partial answer; a query page for browsers.

Nothing is read from the file system after start-up: pages are rendered from
the graph (and kept), so no request path can reach a file.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from allkg.conneg import negotiate
from allkg.graph import KnowledgeGraph
from allkg.query import (
    ForbiddenQuery,
    QueryError,
    QueryOutOfMemory,
    QueryResult,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    canned_queries,
    check_query,
    inspect_query,
)
from allkg.query_pool import RESULT_TABLE, QueryPool
from allkg.formats import BUILD_FORMATS, FORMATS, dump_name
from allkg.serialize import serialize
from allkg.site import ENTITY_FORMATS, NO_LABELS, Pages

MAX_BODY = 64 * 1024
"""The largest request body (a query) accepted, in bytes."""
HTML = "text/html"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'"
ENTITY_TYPES = {"text/html": "html", "text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt"}
"""What an entity IRI can be, in order of preference when the client does not mind."""
_ENTITY_OFFER = (*ENTITY_TYPES, "application/xhtml+xml", "application/json")
_ENTITY_ALIASES = {"application/xhtml+xml": "html", "application/json": "jsonld"}
_FORMAT_NAMES = {"html": "html", "ttl": "ttl", "turtle": "ttl", "jsonld": "jsonld", "json-ld": "jsonld", "nt": "nt",
                 "ntriples": "nt", "n-triples": "nt"}
SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/html": RESULT_TABLE,
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "ntriples", "text/html": RESULT_TABLE}
_QUERY_FORMATS = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "ttl": "turtle",
                  "ntriples": "ntriples", "nt": "ntriples", "html": RESULT_TABLE}
_MEDIA_TYPE_OF = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                  "ntriples": "application/n-triples", RESULT_TABLE: HTML}


@dataclass
class _Body:
    content: bytes
    media_type: str
    etag: str = field(init=False)

    def __post_init__(self) -> None:
        self.etag = '"' + hashlib.sha256(self.content).hexdigest()[:32] + '"'


class LinkedDataSite:
    """What the server answers with: pages made from the graph on first request, then kept."""

    def __init__(self, kg: KnowledgeGraph, *, base_iri: str, ontology_labels: Mapping[str, str] = NO_LABELS) -> None:
        self.kg = kg
        self.pages = Pages(kg, base_iri=base_iri, ontology_labels=ontology_labels)
        self.by_path = {path[len("id/"):]: iri for iri, path in self.pages.paths.items()}
        self._entities: dict[str, dict[str, _Body]] = {}
        self._other: dict[str, _Body] = {}

    def entity(self, path: str) -> dict[str, _Body] | None:
        """An entity's files by extension, or None when no entity has this path."""
        cached = self._entities.get(path)
        if cached is None:
            iri = self.by_path.get(path)
            if iri is None:
                return None
            files = self.pages.entity_files(iri)
            cached = self._entities[path] = {
                ext: _Body(data, HTML if ext == "html" else FORMATS[ENTITY_FORMATS[ext]].media_type)
                for ext, data in files.items()
            }
        return cached

    def other(self, name: str) -> _Body | None:
        """The index page, the VoID description or a dataset dump."""
        cached = self._other.get(name)
        if cached is None:
            make = self._makers().get(name)
            if make is None:
                return None
            cached = self._other[name] = make()
        return cached

    def _makers(self) -> dict[str, Callable[[], _Body]]:
        makers: dict[str, Callable[[], _Body]] = {
            "index.html": lambda: _Body(self.pages.index_html(), HTML),
            ".well-known/void": lambda: _Body(self.pages.void(), "text/turtle"),
        }
        for name in BUILD_FORMATS:
            makers[f"dataset/{dump_name(name)}"] = partial(
                lambda n, t: _Body(serialize(self.kg, n), t), name, FORMATS[name].media_type
            )
        return makers


def create_app(
    kg: KnowledgeGraph,
    *,
    base_iri: str,
    pool: QueryPool,
    cors_origins: tuple[str, ...] = (),
    ontology_labels: Mapping[str, str] = NO_LABELS,
) -> Starlette:
    """The ASGI application serving the graph (start the pool first; it is stopped with the application);
    ``ontology_labels`` as for ``site.Pages``."""
    site = LinkedDataSite(kg, base_iri=base_iri, ontology_labels=ontology_labels)
    named_graphs = set(kg.evidence)
    canned = canned_queries()

    async def entity(request: Request) -> Response:
        path = request.path_params["path"]
        stem, dot, extension = path.rpartition(".")
        if dot and extension in ENTITY_FORMATS.keys() | {"html"}:
            files = site.entity(stem)
            if files is not None:
                return _send(request, files[extension], vary=False)
        files = site.entity(path)
        if files is None:
            return _not_found()
        asked = request.query_params.get("format")
        if asked is not None:
            extension = _FORMAT_NAMES.get(asked.lower())
            if extension is None:
                return _problem(400, f"unknown format {asked!r}: use html, ttl, jsonld or nt")
        else:
            chosen = negotiate(request.headers.get("accept"), _ENTITY_OFFER)
            if chosen is None:
                return _problem(406, "not acceptable: this resource is available as " + ", ".join(ENTITY_TYPES), vary=True)
            extension = _ENTITY_ALIASES.get(chosen) or ENTITY_TYPES[chosen]
        return _send(request, files[extension], vary=True, links=_alternates(path))

    async def other(request: Request) -> Response:
        body = site.other(request.url.path.lstrip("/") or "index.html")
        return _send(request, body, vary=False) if body is not None else _not_found()

    async def sparql(request: Request) -> Response:
        text, problem = await _read_query(request)
        if problem is not None:
            return problem
        if text is None:
            if negotiate(request.headers.get("accept"), (HTML, "text/turtle")) == HTML:
                return _html(site.pages.render("query.html", title="SPARQL", query=_EXAMPLE, canned=canned))
            return _send(request, _Body(_service_description().encode("utf-8"), "text/turtle"), vary=True)
        info = inspect_query(text)
        try:
            check_query(info, graphs=named_graphs, endpoint=True)
        except ForbiddenQuery as err:
            return _problem(403, str(err))
        graph_form = info.form in ("CONSTRUCT", "DESCRIBE")
        offer = GRAPH_TYPES if graph_form else SOLUTION_TYPES
        asked = request.query_params.get("format")
        if asked is not None:
            format_name = _QUERY_FORMATS.get(asked.lower())
            if format_name is None or format_name not in offer.values():
                return _problem(400, f"format {asked!r} does not fit a {info.form or 'SELECT'} query")
        else:
            chosen = negotiate(request.headers.get("accept"), tuple(offer))
            if chosen is None:
                return _problem(406, "not acceptable: this query's answer is available as " + ", ".join(offer), vary=True)
            format_name = offer[chosen]
        try:
            answer = await pool.run(text, format_name)
        except QuerySyntaxError as err:
            return _problem(400, str(err))
        except ForbiddenQuery as err:
            return _problem(403, str(err))
        except (QueryTimeout, QueryOutOfMemory) as err:
            return _problem(503, str(err))
        except ResultTooLarge as err:
            return _problem(422, str(err))
        except QueryError as err:
            return _problem(400, str(err))
        if isinstance(answer, QueryResult):
            table = site.pages.result_table(answer, at="sparql")
            return _html(site.pages.render("results.html", title="SPARQL results", query=text, result=table))
        return Response(answer, media_type=_MEDIA_TYPE_OF[format_name], headers={"Vary": "Accept"})

    routes = [
        Route("/", other, methods=["GET", "HEAD"]),
        Route("/index.html", other, methods=["GET", "HEAD"]),
        Route("/.well-known/void", other, methods=["GET", "HEAD"]),
        Route("/dataset/{name}", other, methods=["GET", "HEAD"]),
        Route("/id/{path:path}", entity, methods=["GET", "HEAD"]),
        Route("/sparql", sparql, methods=["GET", "HEAD", "POST"]),
        Route("/query", lambda request: RedirectResponse("/sparql", status_code=301), methods=["GET", "HEAD"]),
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "HEAD", "POST"],
                             allow_headers=["Accept", "Content-Type"])] if cors_origins else []

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            pool.stop()

    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


_EXAMPLE = """SELECT ?disease ?synonym WHERE {
  ?disease a allkg:Disease ; skos:altLabel ?synonym .
}"""


async def _read_query(request: Request) -> tuple[str | None, Response | None]:
    """The query of a SPARQL Protocol request (None when there is none), or the error to answer with."""
    params = request.query_params
    if "update" in params:
        return None, _problem(403, "SPARQL updates are refused: this endpoint is read-only")
    if request.method != "POST":
        return params.get("query"), _dataset_problem(params)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        return None, _problem(413, f"the request body is larger than {MAX_BODY} bytes")
    body = b""
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return None, _problem(413, f"the request body is larger than {MAX_BODY} bytes")
    except ClientDisconnect:  # closed by the client, or by the server at the request deadline
        return None, _problem(400, "the connection closed before the request body was complete")
    if content_type == "application/sparql-update":
        return None, _problem(403, "SPARQL updates are refused: this endpoint is read-only")
    if content_type == "application/sparql-query":
        try:
            return body.decode("utf-8"), _dataset_problem(params)
        except UnicodeDecodeError:
            return None, _problem(400, "the query is not UTF-8")
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        if "update" in form:
            return None, _problem(403, "SPARQL updates are refused: this endpoint is read-only")
        queries = form.get("query", [])
        if len(queries) != 1:
            return None, _problem(400, "give exactly one query parameter")
        return queries[0], _dataset_problem({k: v[0] for k, v in form.items()})
    return None, _problem(415, "send the query as application/sparql-query or application/x-www-form-urlencoded")


def _dataset_problem(params: Any) -> Response | None:
    if "default-graph-uri" in params or "named-graph-uri" in params:
        return _problem(400, "default-graph-uri and named-graph-uri are not supported: use FROM / FROM NAMED in the query")
    return None


def _send(request: Request, body: _Body, *, vary: bool, links: str | None = None) -> Response:
    headers = {"ETag": body.etag, "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"}
    if vary:
        headers["Vary"] = "Accept"
    if links:
        headers["Link"] = links
    if body.media_type == HTML:
        headers["Content-Security-Policy"] = CSP
    if body.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(body.content, media_type=body.media_type, headers=headers)


def _alternates(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return ", ".join(f'<{name}.{ext}>; rel="alternate"; type="{media_type}"' for media_type, ext in ENTITY_TYPES.items())


def _html(text: str) -> Response:
    return Response(text, media_type=HTML, headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                                                     "Vary": "Accept"})


def _problem(status: int, message: str, *, vary: bool = False) -> Response:
    headers = {"Vary": "Accept"} if vary else {}
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


def _not_found() -> Response:
    return _problem(404, "not found")


def _service_description() -> str:
    """The SPARQL service description; ``<>`` is the endpoint itself (no Host header is echoed)."""
    formats = " , ".join(f"<http://www.w3.org/ns/formats/{name}>" for name in
                         ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                          "Turtle", "N-Triples"))
    return (
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\n"
        "<> a sd:Service ;\n"
        "    sd:endpoint <> ;\n"
        "    sd:supportedLanguage sd:SPARQL11Query ;\n"
        f"    sd:resultFormat {formats} ;\n"
        "    sd:feature sd:UnionDefaultGraph .\n"
    )
