"""The published rewrite rules, applied by real servers: Debian's nginx and Apache on loopback.

Each server runs the rules exactly as `allkg publish` wrote them (nginx includes
``.nginx.conf`` with only its listen address and root set for the test; Apache
reads the site's ``.htaccess``). A missing server fails these tests (``.ci/run``
installs both); they are never skipped.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import free_port, listening, server_process

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
DISEASE = "/id/disease/acute-lymphocytic-leukemia"


@dataclass(frozen=True)
class Reply:
    status: int
    media_type: str
    charset: str
    vary: str
    body: bytes


@dataclass(frozen=True)
class Server:
    name: str
    origin: str
    root: Path

    def get(self, path: str, accept: str | None = None) -> Reply:
        request = urllib.request.Request(self.origin + path, headers={"Accept": accept} if accept else {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return _reply(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return _reply(error.code, error.headers, error.read())


def _reply(status: int, headers, body: bytes) -> Reply:
    content_type = headers.get("Content-Type", "")
    media_type, _, params = content_type.partition(";")
    charset = params.split("charset=")[1].strip() if "charset=" in params else ""
    return Reply(status, media_type.strip(), charset.lower(), headers.get("Vary", ""), body)


def _binary(name: str, package: str) -> str:
    found = shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None)
    if found is None:
        pytest.fail(f"{name} is required: apt-get install {package} (.ci/run installs it)")
    return found


def _nginx(site: Path, work: Path) -> Iterator[Server]:
    binary = _binary("nginx", "nginx-light")
    port = free_port()
    rules = (site / ".nginx.conf").read_text(encoding="utf-8")
    assert rules.count("listen 80;") == 1 and rules.count("root /srv/allkg;") == 1
    rules = rules.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /srv/allkg;", f"root {site};")
    (work / "allkg.conf").write_text(rules, encoding="utf-8")
    (work / "nginx.conf").write_text(
        f"""
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
    default_type application/octet-stream;
    include {work}/allkg.conf;
}}
""",
        encoding="utf-8",
    )
    command = [binary, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"]
    with server_process(command, ready=listening(port), what="nginx", log=work / "nginx.out"):
        yield Server("nginx", f"http://127.0.0.1:{port}", site)


_APACHE_MODULES = ("mpm_event", "authz_core", "mime", "rewrite", "headers", "alias", "dir")


def _apache(site: Path, work: Path) -> Iterator[Server]:
    binary = _binary("apache2", "apache2")
    port = free_port()
    modules = "\n".join(f"LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so" for m in _APACHE_MODULES)
    (work / "httpd.conf").write_text(
        f"""
ServerRoot {work}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {work}/httpd.pid
ErrorLog {work}/error.log
LogLevel warn
User nobody
Group nogroup
{modules}
TypesConfig /etc/mime.types
DirectoryIndex index.html
DocumentRoot {site}
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory {site}>
    AllowOverride All
    Require all granted
</Directory>
<FilesMatch "^\\.ht">
    Require all denied
</FilesMatch>
""",
        encoding="utf-8",
    )
    command = [binary, "-d", str(work), "-f", str(work / "httpd.conf"), "-DFOREGROUND"]
    with server_process(command, ready=listening(port), what="Apache", log=work / "apache.out"):
        yield Server("apache", f"http://127.0.0.1:{port}", site)


@pytest.fixture(scope="module", params=["nginx", "apache"])
def server(request, seed_site: Path, public_tmp: Path) -> Iterator[Server]:
    work = public_tmp / f"{request.param}-work"
    work.mkdir(exist_ok=True)
    yield from (_nginx if request.param == "nginx" else _apache)(seed_site, work)


def _entity_paths(site: Path) -> list[str]:
    return sorted("/" + str(p.relative_to(site))[: -len(".html")] for p in (site / "id").rglob("*.html"))


def test_browsers_get_html_and_rdf_clients_get_rdf_for_every_entity(server: Server):
    paths = _entity_paths(server.root)
    assert len(paths) > 100
    for path in paths:
        page = server.get(path, BROWSER_ACCEPT)
        assert (page.status, page.media_type, page.charset) == (200, "text/html", "utf-8"), path
        assert page.body == (server.root / (path[1:] + ".html")).read_bytes()
        assert "Accept" in page.vary
        turtle = server.get(path, "text/turtle")
        assert (turtle.status, turtle.media_type) == (200, "text/turtle"), path
        assert turtle.body == (server.root / (path[1:] + ".ttl")).read_bytes()
        assert "Accept" in turtle.vary


@pytest.mark.parametrize(
    ("accept", "query", "media_type", "extension"),
    [
        ("application/ld+json", "", "application/ld+json", "jsonld"),
        ("application/n-triples", "", "application/n-triples", "nt"),
        ("text/turtle;q=1.0, application/ld+json;q=0.5", "", "text/turtle", "ttl"),
        ("application/ld+json, text/turtle;q=0.5", "", "application/ld+json", "jsonld"),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.8, */*;q=0.1", "", "text/turtle", "ttl"),
        ("*/*", "", "text/html", "html"),
        (None, "", "text/html", "html"),
        (BROWSER_ACCEPT, "?format=nt", "application/n-triples", "nt"),
        ("text/turtle", "?format=html", "text/html", "html"),
    ],
)
def test_negotiation(server: Server, accept: str | None, query: str, media_type: str, extension: str):
    reply = server.get(DISEASE + query, accept)
    assert (reply.status, reply.media_type) == (200, media_type)
    assert reply.body == (server.root / f"{DISEASE[1:]}.{extension}").read_bytes()


def test_what_each_format_says_is_the_same_graph(server: Server):
    graphs = []
    for accept, fmt in (("text/turtle", ox.RdfFormat.TURTLE), ("application/ld+json", ox.RdfFormat.JSON_LD),
                        ("application/n-triples", ox.RdfFormat.N_TRIPLES)):
        reply = server.get(DISEASE, accept)
        graphs.append({ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(reply.body, format=fmt)})
    assert graphs[0] == graphs[1] == graphs[2] and len(graphs[0]) > 40


def test_files_links_void_and_dumps_are_served_with_their_types(server: Server):
    assert server.get(DISEASE + ".ttl").media_type == "text/turtle"
    assert server.get(DISEASE + ".html").media_type == "text/html"
    assert server.get("/").body == (server.root / "index.html").read_bytes()
    void = server.get("/.well-known/void")
    assert (void.status, void.media_type) == (200, "text/turtle")
    assert any(q.object.value == "http://rdfs.org/ns/void#Dataset" for q in ox.parse(void.body, format=ox.RdfFormat.TURTLE))
    for extension, media_type in (("ttl", "text/turtle"), ("nq", "application/n-quads"), ("jsonld", "application/ld+json")):
        dump = server.get(f"/dataset/allkg.{extension}")
        assert (dump.status, dump.media_type) == (200, media_type)


@pytest.mark.parametrize(
    "path",
    ["/id/disease/no-such-disease", "/id/", "/id/disease/../../.htaccess", "/.htaccess", "/.nginx.conf", "/.allkg-site"],
)
def test_unknown_paths_and_the_sites_own_files_are_not_served(server: Server, path: str):
    assert server.get(path, "text/turtle").status in (403, 404)
