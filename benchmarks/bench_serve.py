"""`allkg serve` beside `oxigraph serve-read-only` over the same data, in the same run.

Run by hand (needs Debian's `wrk` and the `oxigraph` server from PyPI):

    python benchmarks/bench_serve.py [--seconds 8] [--rounds 3] [--connections 8]

Scenarios, each a wrk run with the same connections and duration, the two
servers alternating round by round:

- entity: every entity IRI of the seed graph in turn, as Turtle. allkg serves
  `GET /id/...`; Oxigraph has no entity pages, so it answers the CONSTRUCT
  that gives the same triples (the entity as subject or object, all graphs).
- sparql: the canned `risk-factors` query, as SPARQL JSON.

Prints a Markdown table: median requests/s and median p99 latency per scenario.
"""

from __future__ import annotations

import argparse
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from allkg.pipeline import build
from allkg.query import canned_queries
from allkg.serialize import serialize

_DESCRIBE = "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ <{iri}> ?p ?o BIND(<{iri}> AS ?s) }} UNION {{ ?s ?p <{iri}> BIND(<{iri}> AS ?o) }} }}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no answer from {url}")


def _lua(requests: list[tuple[str, str]], folder: Path, name: str) -> Path:
    """A wrk script that sends the requests in turn."""
    lines = ["local requests = {"]
    lines += [f'  {{"{path}", "{accept}"}},' for path, accept in requests]
    lines += [
        "}",
        "local i = 0",
        "request = function()",
        "  i = i % #requests + 1",
        '  return wrk.format("GET", requests[i][1], {["Accept"] = requests[i][2]})',
        "end",
        "local errors = 0",
        "response = function(status, headers, body) if status ~= 200 then errors = errors + 1 end end",
        'done = function(summary, latency, requests) io.write(string.format("non-200: %d\\n", summary.errors.status)) end',
    ]
    script = folder / f"{name}.lua"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return script


def _wrk(origin: str, script: Path, seconds: int, connections: int) -> tuple[float, float]:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), origin],
        capture_output=True, text=True, check=True,
    ).stdout
    non_200 = re.search(r"non-200: (\d+)", output)
    if re.search(r"Socket errors|Non-2xx", output) or (non_200 and int(non_200.group(1))):
        raise SystemExit(f"errors under load:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
    p99_ms = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return rate, p99_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    for tool in ("wrk", "oxigraph"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed (wrk: apt-get install wrk; oxigraph: pip install oxigraph)")

    graph = build().graph
    ids = "https://w3id.org/allkg/id/"
    iris = sorted({t.value for triple in graph.triples() for t in (triple[0], triple[2])
                   if t.__class__.__name__ == "NamedNode" and t.value.startswith(ids)})
    risk_factors = canned_queries()["risk-factors"].text
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        dataset = folder / "seed.nq"
        dataset.write_bytes(serialize(graph, "nquads"))
        subprocess.run(["oxigraph", "load", "--location", str(folder / "store"), "--file", str(dataset)],
                       check=True, capture_output=True)
        allkg_port, oxigraph_port = _free_port(), _free_port()
        servers = [
            subprocess.Popen([sys.executable, "-m", "allkg", "serve", "-q", "--data", str(dataset), "--port", str(allkg_port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
            subprocess.Popen(["oxigraph", "serve-read-only", "--location", str(folder / "store"),
                              "--bind", f"127.0.0.1:{oxigraph_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        ]
        try:
            allkg, oxigraph = f"http://127.0.0.1:{allkg_port}", f"http://127.0.0.1:{oxigraph_port}"
            _wait(allkg + "/")
            _wait(oxigraph + "/query?query=ASK%7B%7D")
            quote = urllib.parse.quote
            scripts = {
                ("entity", "allkg serve"): _lua([(f"/id/{i[len(ids):]}", "text/turtle") for i in iris], folder, "a-entity"),
                ("entity", "oxigraph serve-read-only"): _lua(
                    [(f"/query?union-default-graph&query={quote(_DESCRIBE.format(iri=i))}", "text/turtle") for i in iris],
                    folder, "o-entity"),
                ("sparql", "allkg serve"): _lua([(f"/sparql?query={quote(risk_factors)}", "application/sparql-results+json")],
                                                folder, "a-sparql"),
                ("sparql", "oxigraph serve-read-only"): _lua(
                    [(f"/query?union-default-graph&query={quote(risk_factors)}", "application/sparql-results+json")],
                    folder, "o-sparql"),
            }
            origins = {"allkg serve": allkg, "oxigraph serve-read-only": oxigraph}
            results: dict[tuple[str, str], list[tuple[float, float]]] = {key: [] for key in scripts}
            for key, script in scripts.items():  # warm-up: pages rendered once, caches filled
                _wrk(origins[key[1]], script, 2, args.connections)
            for _ in range(args.rounds):
                for key, script in scripts.items():
                    results[key].append(_wrk(origins[key[1]], script, args.seconds, args.connections))
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)

    print(f"machine: {platform.machine()}, {_cores()} cores, Linux {platform.release()}, Python {platform.python_version()}; "
          f"wrk -t2 -c{args.connections}, {args.rounds} rounds of {args.seconds} s; {len(iris)} entities")
    print()
    print("| scenario | server | requests/s (median) | p99 ms (median) |")
    print("|---|---|---|---|")
    for (scenario, server), runs in results.items():
        rate = statistics.median(r for r, _ in runs)
        p99 = statistics.median(p for _, p in runs)
        print(f"| {scenario} | {server} | {rate:,.0f} | {p99:.2f} |")
    entity_ratio = statistics.median(r for r, _ in results[("entity", "allkg serve")]) / statistics.median(
        r for r, _ in results[("entity", "oxigraph serve-read-only")])
    print()
    print(f"allkg serve / oxigraph entity rate: {entity_ratio:.2f}x (target >= 0.5x: {'met' if entity_ratio >= 0.5 else 'NOT met'})")


def _cores() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    main()
