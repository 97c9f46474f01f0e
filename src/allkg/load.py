"""Load the graph into an RDF store: an embedded Oxigraph folder, or any SPARQL 1.1 Graph Store endpoint.

The graph goes into one explicitly named graph, as the union of the default
graph and the evidence graphs (what Turtle and N-Triples carry); other graphs
of the target are never touched. A load replaces the named graph, so loading
the same data twice leaves the same store.

A load never leaves the named graph emptied or half-written: the triples go
into a temporary graph (``{graph}-allkg-tmp-{random}``), its triple count is
checked against ours, and only then one SPARQL Update ``MOVE`` swaps it in;
the count of the named graph is checked again after the swap. Any failure
before the swap drops the temporary graph and leaves the named graph as it was.
Temporary graphs of the same target that an interrupted load left behind (the
process killed, or the server gone before the drop) are dropped first.

Over HTTP the triples are sent as N-Triples (every Graph Store endpoint reads
it; Virtuoso rejects JSON-LD and N-Quads there), in batches: the first batch
replaces the temporary graph (``PUT``), the others are added to it (``POST``).
A graph with blank nodes goes in one request, since a blank node label is
scoped to one document. The server asks for basic or digest authentication;
the password is never sent before it asks, never printed, and never part of
an error message.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from allkg.errors import AllkgError, UsageError
from allkg.graph import KnowledgeGraph, Triple

TEMP_MARK = "-allkg-tmp-"
"""Marks the temporary graph of a load: ``{graph}-allkg-tmp-{random}``."""
DEFAULT_BATCH = 100_000
"""Triples per HTTP request (about 20 MB of N-Triples)."""
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
_LEFTOVERS = 'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
"""The graphs named ``{prefix}...`` (a checked IRI holds no ``"``, ``\\`` or line break, so it fits in a string)."""
_NTRIPLES = "application/n-triples"

Progress = Callable[[str], None]


class LoadError(AllkgError):
    """The load failed; the named graph is as it was (exit 2)."""


class CountMismatch(LoadError):
    """The store holds a different number of triples than we loaded (exit 1)."""

    exit_code = 1


@dataclass(frozen=True)
class Endpoint:
    """A remote store: its Graph Store Protocol URL and its SPARQL query and update URLs."""

    store: str
    query: str
    update: str


def default_graph(base_iri: str) -> str:
    """The graph a load names when not told: the dataset IRI, ``{base}id/dataset``."""
    from allkg.namespaces import id_namespace

    return id_namespace(base_iri) + "dataset"


def check_graph_iri(graph: str) -> str:
    """An absolute IRI that is not one of our temporary graphs, or a UsageError."""
    try:
        ox.NamedNode(graph)
    except ValueError as err:
        raise UsageError(f"--graph {graph!r} is not an absolute IRI: {err}") from None
    if TEMP_MARK in graph:
        raise UsageError(f"--graph {graph!r}: names with {TEMP_MARK!r} are reserved for temporary graphs")
    return graph


def endpoint(store: str, query: str | None = None, update: str | None = None) -> Endpoint:
    """The endpoints of a Graph Store URL; the SPARQL ones are guessed for known layouts when not given.

    ``.../store`` or ``.../data`` (Oxigraph, Fuseki): ``.../query`` and ``.../update``;
    ``.../sparql-graph-crud-auth`` (Virtuoso, digest): ``.../sparql-auth`` for both;
    ``.../sparql-graph-crud`` (Virtuoso): ``.../sparql`` for both.
    """
    for url, option in ((store, "--endpoint"), (query, "--query-endpoint"), (update, "--update-endpoint")):
        if url is not None:
            _check_url(url, option)
    if {"graph", "graph-uri"} & set(parse_qs(urlsplit(store).query)):
        raise UsageError("--endpoint: name the graph with --graph, not in the URL")
    if query is None or update is None:
        scheme, netloc, path, _, _ = urlsplit(store)
        folder, _, last = path.rstrip("/").rpartition("/")
        guesses = {
            "store": ("query", "update"),
            "data": ("query", "update"),
            "sparql-graph-crud-auth": ("sparql-auth", "sparql-auth"),
            "sparql-graph-crud": ("sparql", "sparql"),
        }
        if last not in guesses:
            raise UsageError(
                f"--endpoint {store}: cannot guess its SPARQL query and update endpoints; "
                "give --query-endpoint and --update-endpoint"
            )
        query = query or urlunsplit((scheme, netloc, f"{folder}/{guesses[last][0]}", "", ""))
        update = update or urlunsplit((scheme, netloc, f"{folder}/{guesses[last][1]}", "", ""))
    return Endpoint(store, query, update)


def _check_url(url: str, option: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{option} {url!r}: not an http(s) URL")
    if parts.username is not None or parts.password is not None:
        raise UsageError(f"{option}: give the user with --user and the password in ALLKG_PASSWORD, not in the URL")


def temp_graph(graph: str) -> str:
    """A fresh temporary graph name for a load into ``graph``."""
    return f"{graph}{TEMP_MARK}{secrets.token_hex(8)}"


def batches(triples: Sequence[Triple], size: int) -> list[Sequence[Triple]]:
    """The triples in slices of ``size``, or in one slice when any has a blank node."""
    if any(isinstance(s, ox.BlankNode) or isinstance(o, ox.BlankNode) for s, _, o in triples):
        return [triples]
    return [triples[start : start + size] for start in range(0, len(triples), size)]


def _counting(triples: Iterable[Triple], total: int, every: int, progress: Progress) -> Iterator[Triple]:
    """The triples, saying how many have gone every ``every`` of them."""
    for done, triple in enumerate(triples, 1):
        yield triple
        if done % every == 0 and done < total:
            progress(f"allkg: loaded {done:,} of {total:,} triples")


# --------------------------------------------------------------------------- embedded store


def load_store(kg: KnowledgeGraph, folder: Path, graph: str, *, progress: Progress) -> int:
    """Replace ``graph`` in the Oxigraph store in ``folder`` (made if missing) by our triples.

    The triples are bulk-loaded into a temporary graph, counted, and moved into
    place by one SPARQL update (one transaction). Temporary graphs an
    interrupted earlier load left behind are dropped first: the store is ours
    while it is open (Oxigraph locks it). Returns the count in the store.
    """
    triples = kg.triples()
    expected = _nonempty(triples)
    try:
        store = ox.Store(str(folder))
    except OSError as err:
        raise LoadError(f"--store {folder}: cannot open the store (is a server using it?): {err}") from None
    for name in list(store.named_graphs()):
        if isinstance(name, ox.NamedNode) and name.value.startswith(graph + TEMP_MARK):
            store.remove_graph(name)
    tmp = ox.NamedNode(temp_graph(graph))
    try:
        store.bulk_extend(
            ox.Quad(s, p, o, tmp) for s, p, o in _counting(triples, expected, DEFAULT_BATCH, progress)
        )
        _check_count(_store_count(store, tmp.value), expected, f"the temporary graph <{tmp.value}>", graph)
        store.update(f"MOVE <{tmp.value}> TO <{graph}>")
        store.flush()
    except BaseException:
        store.remove_graph(tmp)
        raise
    final = _store_count(store, graph)
    _check_count(final, expected, f"<{graph}> after the swap", None)
    return final


def _store_count(store: ox.Store, graph: str) -> int:
    solutions = store.query(_COUNT.format(graph=graph))
    [row] = list(solutions)  # type: ignore[arg-type]
    return int(row["n"].value)


def _nonempty(triples: Sequence[Triple]) -> int:
    if not triples:
        raise UsageError("the graph is empty: nothing to load")
    return len(triples)


def _check_count(found: int, expected: int, where: str, kept: str | None) -> None:
    """A CountMismatch unless the store holds as many triples as we sent."""
    if found != expected:
        outcome = f"; <{kept}> is left as it was" if kept else " (another writer?)"
        raise CountMismatch(f"{where} holds {found:,} triples, we loaded {expected:,}{outcome}")


# --------------------------------------------------------------------------- Graph Store Protocol


class ServerChosenAuth(httpx.Auth):
    """Basic or digest authentication, whichever the server's challenge asks for.

    Nothing is sent before the server asks: the first request goes without
    credentials, and a 401 picks the scheme (digest when offered) for the rest.
    """

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self._schemes: dict[str, httpx.Auth] = {
            "digest": httpx.DigestAuth(user, password),
            "basic": httpx.BasicAuth(user, password),
        }
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        challenge = None
        if self._chosen is None:
            challenge = yield request
            if challenge.status_code != 401:
                return
            offered = {h.split(None, 1)[0].lower() for h in challenge.headers.get_list("www-authenticate") if h}
            scheme = next((name for name in self._schemes if name in offered), None)
            if scheme is None:
                return
            self._chosen = self._schemes[scheme]
        flow = self._chosen.auth_flow(request)
        try:
            outgoing = next(flow)
            if challenge is not None and "Authorization" not in outgoing.headers:
                outgoing = flow.send(challenge)  # digest: answer the challenge in hand, not ask again
            while True:
                outgoing = flow.send((yield outgoing))
        except StopIteration:
            return


def client(user: str | None, password: str | None, timeout: float | None) -> httpx.Client:
    """The HTTP client of a load: authentication when there is a user, a timeout per request."""
    auth = ServerChosenAuth(user, password or "") if user is not None else None
    return httpx.Client(auth=auth, timeout=timeout, follow_redirects=False, trust_env=False)


class Remote:
    """A Graph Store endpoint and its SPARQL endpoints, through one client.

    Every failure becomes a LoadError of one line, which never holds the password.
    """

    def __init__(self, http: httpx.Client, target: Endpoint, *, user: str | None, password: str | None) -> None:
        self.http = http
        self.target = target
        self.user = user
        self.secret = password

    def check(self, graph: str) -> None:
        """Fail early unless the server answers and lets us in (this also learns its authentication)."""
        self.count(graph, "checking the endpoint")

    def count(self, graph: str, what: str = "counting the triples") -> int:
        """The number of triples in ``graph``, by a SPARQL query."""
        rows = self._select(_COUNT.format(graph=graph), what)
        try:
            [row] = rows
            return int(row["n"]["value"])
        except (ValueError, KeyError, TypeError) as err:
            raise LoadError(f"{what}: {self.target.query} did not answer a SPARQL JSON count: {err}") from None

    def leftovers(self, graph: str) -> list[str]:
        """The temporary graphs of earlier loads into ``graph`` that are still in the store."""
        what = "looking for temporary graphs an interrupted load left"
        rows = self._select(_LEFTOVERS.format(prefix=graph + TEMP_MARK), what)
        try:
            return sorted(row["g"]["value"] for row in rows)
        except (KeyError, TypeError) as err:
            raise LoadError(f"{what}: {self.target.query} did not answer SPARQL JSON graph names: {err}") from None

    def _select(self, query: str, what: str) -> list[dict[str, dict[str, str]]]:
        """The rows of a SELECT query (SPARQL JSON bindings)."""
        response = self._send(
            what, "POST", self.target.query, data={"query": query}, headers={"Accept": "application/sparql-results+json"}
        )
        try:
            return list(json.loads(response.content)["results"]["bindings"])
        except (ValueError, KeyError, TypeError) as err:
            raise LoadError(f"{what}: {self.target.query} did not answer SPARQL JSON results: {err}") from None

    def upload(self, graph: str, body: bytes, *, replace: bool, what: str) -> None:
        self._send(
            what, "PUT" if replace else "POST", self.target.store,
            params={"graph": graph}, content=body, headers={"Content-Type": _NTRIPLES},
        )

    def update(self, text: str, what: str) -> None:
        self._send(what, "POST", self.target.update, data={"update": text})

    def _send(self, what: str, method: str, url: str, **kwargs: object) -> httpx.Response:
        try:
            response = self.http.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException:
            raise LoadError(self._clean(f"{what}: {url} did not answer in time (see --timeout)")) from None
        except httpx.ConnectError as err:
            raise LoadError(self._clean(f"{what}: cannot reach {url}: {err or type(err).__name__}")) from None
        except httpx.HTTPError as err:
            raise LoadError(self._clean(f"{what}: the connection to {url} failed: {err or type(err).__name__}")) from None
        if response.status_code in (401, 403):
            if self.user is None:
                raise LoadError(f"{what}: {url} asks for a user (HTTP {response.status_code}): give --user NAME")
            raise LoadError(
                f"{what}: {url} refused user {self.user!r} (HTTP {response.status_code}): "
                "check --user and ALLKG_PASSWORD"
            )
        if not response.is_success:
            detail = " ".join(response.text.split())[:200]
            raise LoadError(self._clean(f"{what}: {url} answered HTTP {response.status_code}: {detail}"))
        return response

    def _clean(self, message: str) -> str:
        return message.replace(self.secret, "***") if self.secret else message


def load_endpoint(
    kg: KnowledgeGraph, remote: Remote, graph: str, *, batch_size: int = DEFAULT_BATCH, progress: Progress
) -> int:
    """Replace ``graph`` at a Graph Store endpoint by our triples, through a temporary graph.

    Temporary graphs that an interrupted earlier load into ``graph`` left behind
    are dropped first. The batches go into a temporary graph, its count is
    checked, ``MOVE`` swaps it in and the named graph is counted again. On any
    failure before the swap the temporary graph is dropped. Call
    ``remote.check(graph)`` first, so that a wrong URL or password fails before
    anything is written (and a digest challenge is answered on a small
    request). Returns the count in the store.
    """
    triples = kg.triples()
    expected = _nonempty(triples)
    for leftover in remote.leftovers(graph):
        remote.update(f"DROP SILENT GRAPH <{leftover}>", f"dropping <{leftover}>, left by an interrupted load")
        progress(f"allkg: dropped <{leftover}>, left by an interrupted load")
    tmp = temp_graph(graph)
    parts = batches(triples, batch_size)
    try:
        sent = 0
        for number, part in enumerate(parts, 1):
            body = ox.serialize((ox.Triple(s, p, o) for s, p, o in part), format=ox.RdfFormat.N_TRIPLES)
            what = f"uploading batch {number} of {len(parts)}" if len(parts) > 1 else "uploading"
            remote.upload(tmp, body, replace=number == 1, what=what)
            sent += len(part)
            if len(parts) > 1:
                progress(f"allkg: sent {sent:,} of {expected:,} triples ({number}/{len(parts)} batches)")
        _check_count(remote.count(tmp), expected, f"the temporary graph <{tmp}>", graph)
        remote.update(f"MOVE <{tmp}> TO <{graph}>", "swapping the temporary graph in (MOVE)")
    except BaseException as failure:
        _drop(remote, tmp, failure)
        raise
    final = remote.count(graph)
    _check_count(final, expected, f"<{graph}> after the swap", None)
    return final


def _drop(remote: Remote, tmp: str, failure: BaseException) -> None:
    """Drop the temporary graph after a failure; if even that fails, say so in the failure's message."""
    try:
        remote.update(f"DROP SILENT GRAPH <{tmp}>", "dropping the temporary graph")
    except LoadError as err:
        if isinstance(failure, LoadError):
            failure.args = (f"{failure}; the temporary graph <{tmp}> may remain ({err})",)
