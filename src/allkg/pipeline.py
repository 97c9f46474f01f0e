"""Pages -> knowledge graph: the steps every command shares."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from allkg.errors import InputError, UsageError
from allkg.facts import Extraction
from allkg.graph import KnowledgeGraph, build_graph
from allkg.lexicon import Lexicon, load_lexicon
from allkg.namespaces import DEFAULT_BASE_IRI
from allkg.resources import seed_path
from allkg.source import MAX_SOURCE_BYTES, read_source

PAGE_SUFFIXES = (".txt", ".text", ".html", ".htm")


@dataclass
class Build:
    """The result of reading pages: what each page gave, and the merged graph."""

    extractions: list[Extraction]
    graph: KnowledgeGraph

    @property
    def warnings(self) -> list[str]:
        return [w for e in self.extractions for w in e.warnings]


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
    workers = min(os.cpu_count() or 1, 8)
    if len(sources) < PARALLEL_FROM or workers < 2:
        extractions = [_extract_one(path, max_bytes) for path in sources]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(sources) // (workers * 8))
            extractions = list(pool.map(_extract_one, sources, [max_bytes] * len(sources), chunksize=chunk))
    return sorted(extractions, key=lambda e: e.document.sha256)


def _extract_one(path: Path, max_bytes: int) -> Extraction:
    """One page, with the process's lexicon (loaded once per process)."""
    from allkg.extract import extract

    global _LEXICON
    if _LEXICON is None:
        _LEXICON = load_lexicon()
    return extract(read_source(path, max_bytes=max_bytes), _LEXICON)


_LEXICON: Lexicon | None = None


def build(
    sources: tuple[Path, ...] | list[Path] = (),
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    max_bytes: int = MAX_SOURCE_BYTES,
) -> Build:
    """Extract every page and merge the facts into one graph."""
    extractions = extract_pages(expand_sources(sources), max_bytes=max_bytes)
    return Build(extractions, build_graph(extractions, base_iri=check_base_iri(base_iri)))
