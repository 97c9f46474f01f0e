"""Pages -> knowledge graph: the steps every command shares."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from allkg.errors import InputError, UsageError
from allkg.facts import Extraction
from allkg.graph import KnowledgeGraph, build_graph
from allkg.lexicon import Lexicon, load_lexicon
from allkg.namespaces import DEFAULT_BASE_IRI
from allkg.resources import seed_path
from allkg.source import MAX_SOURCE_BYTES, read_source
from allkg.validate import Result

PAGE_SUFFIXES = (".txt", ".text", ".html", ".htm")


@dataclass
@dataclass
class PageSummary:
    """What is kept of a page once its facts are in the graph."""

    name: str
    sha256: str
    facts: int
    warnings: list[str]


@dataclass
class Build:
    """The result of reading pages: a summary of each page, and the merged graph."""

    pages: list[PageSummary]
    graph: KnowledgeGraph
    page_reports: list[Result] | None = None
    """Violations of the page-local shapes, found page by page (None when not validated)."""

    @property
    def warnings(self) -> list[str]:
        return [w for page in self.pages for w in page.warnings]


def expand_sources(sources: tuple[Path, ...] | list[Path]) -> list[Path]:
    """The pages to read: the bundled seed when none is given; a folder means its pages, sorted."""
    if not sources:
        return [seed_path()]
    pages: list[Path] = []
    for source in sources:
        if source.is_dir():
            found = sorted(p for p in source.iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
            if not found:
                raise InputError(f"{source}: a folder with no pages ({', '.join(PAGE_SUFFIXES)}) in it")
            pages.extend(found)
        else:
            pages.append(source)
    return pages


def check_base_iri(base_iri: str) -> str:
    """An absolute http(s) IRI ending in '/', with no character IRIs forbid."""
    import pyoxigraph

    problem = None
    if not base_iri.startswith(("http://", "https://")):
        problem = "must start with http:// or https://"
    elif any(c.isspace() or ord(c) < 0x20 or c in '<>"{}|\\^`' for c in base_iri):
        problem = "must not contain spaces, control characters or <>\"{}|\\^`"
    elif re.search(r"%(?![0-9A-Fa-f]{2})", base_iri):
        problem = "has a % not followed by two hex digits"
    else:
        try:
            pyoxigraph.NamedNode(base_iri.rstrip("/") + "/id/x")
        except ValueError as err:
            problem = f"is not a valid IRI ({err})"
    if problem:
        raise UsageError(f"--base-iri {base_iri!r} {problem}")
    return base_iri if base_iri.endswith("/") else base_iri + "/"


PARALLEL_FROM = 64
"""From this many pages on, pages are read in worker processes, one per core."""


def extract_pages(sources: list[Path], *, max_bytes: int = MAX_SOURCE_BYTES) -> list[Extraction]:
    """Read and extract every page (sorted by content hash, so argument order does not change output)."""
    pages = [extraction for extraction, _ in _read_pages(sources, max_bytes=max_bytes, base_iri=None)]
    return sorted(pages, key=lambda e: e.document.sha256)


BATCH = 64
"""Pages a worker reads and checks together: one index and one store per batch, not per page."""


def _read_pages(
    sources: list[Path], *, max_bytes: int, base_iri: str | None
) -> Iterator[tuple[Extraction, list[Result]]]:
    """Each page extracted (and, given a base IRI, the page-local shapes checked), in batches, one
    process per core from PARALLEL_FROM pages on, yielded as they come; the same content read
    twice counts once. A batch's check reports its violations with its first page."""
    workers = min(os.cpu_count() or 1, 8)
    task = partial(_read_batch, max_bytes=max_bytes, base_iri=base_iri)
    batches = [sources[i : i + BATCH] for i in range(0, len(sources), BATCH)]
    seen: set[str] = set()
    if len(sources) < PARALLEL_FROM or workers < 2:
        done: Iterable[list[tuple[Extraction, list[Result]]]] = map(task, batches)
        for pages in done:
            yield from _first_of_each(pages, seen)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        for pages in pool.map(task, batches):
            yield from _first_of_each(pages, seen)


def _first_of_each(
    pages: Iterable[tuple[Extraction, list[Result]]], seen: set[str]
) -> Iterator[tuple[Extraction, list[Result]]]:
    for page in pages:
        if page[0].document.sha256 not in seen:
            seen.add(page[0].document.sha256)
            yield page


def _read_batch(paths: list[Path], *, max_bytes: int, base_iri: str | None) -> list[tuple[Extraction, list[Result]]]:
    """A batch of pages, with the process's lexicon (loaded once per process); page-local
    nodes of different pages never meet, so checking the batch's graph checks each page."""
    from allkg.extract import extract

    global _LEXICON
    if _LEXICON is None:
        _LEXICON = load_lexicon()
    unique: dict[str, Extraction] = {}
    for path in paths:
        extraction = extract(read_source(path, max_bytes=max_bytes), _LEXICON)
        unique.setdefault(extraction.document.sha256, extraction)
    extractions = list(unique.values())
    if base_iri is None or not extractions:
        return [(e, []) for e in extractions]
    from allkg.validate import validate_page

    results = validate_page(build_graph(extractions, base_iri=base_iri))
    return [(e, results if i == 0 else []) for i, e in enumerate(extractions)]


_LEXICON: Lexicon | None = None


def build(
    sources: tuple[Path, ...] | list[Path] = (),
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    max_bytes: int = MAX_SOURCE_BYTES,
    check_pages: bool = False,
) -> Build:
    """Extract every page and merge the facts into one graph; with ``check_pages``, also check
    each page's page-local shapes as it is read (see ``validate.validate_build``)."""
    base = check_base_iri(base_iri)
    # loaded here, before any worker starts: forked workers share it, and the graph names its releases
    releases = load_lexicon().releases.values()
    pages = _read_pages(expand_sources(sources), max_bytes=max_bytes, base_iri=base if check_pages else None)
    summaries: list[PageSummary] = []
    reports: list[Result] = []

    def merged_as_read() -> Iterator[Extraction]:
        # the graph is merged while the workers read the next pages; its content does not
        # depend on the order pages arrive in (it is sorted when written). Only a summary of
        # each page is kept: the graph holds what the pages said.
        for extraction, results in pages:
            doc = extraction.document
            summaries.append(PageSummary(doc.name, doc.sha256, len(extraction.facts), extraction.warnings))
            reports.extend(results)
            yield extraction

    graph = build_graph(merged_as_read(), base_iri=base, releases=releases)
    summaries.sort(key=lambda page: page.sha256)
    return Build(summaries, graph, reports if check_pages else None)
