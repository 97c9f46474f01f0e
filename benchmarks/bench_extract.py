"""Extraction time and peak memory on big pages, with the ontology lexicon.

Run by hand (not by CI):  python benchmarks/bench_extract.py [--sizes 1 2 5] [--items 10000 100000]

Pages are made from the ALL pages of corpus/dev/ (plain text, "*all*.txt"): the opening of
charity-uk-all.txt (its sections before its first list: site header, title, definition,
so the page has a subject), then the pages' sections (the blocks between blank lines)
repeated in turn until the page has the size asked for, or, for the list pages, the
sections that hold lists (a heading or lead-in and its items) repeated until the page has
that many list items, so every list is read and every item grounded (exactly, or by the
fuzzy fallback). They are written to a temporary folder. Each page is read and extracted in
a fresh process (as `allkg build page.txt` would), after the lexicon is loaded; the
table gives the wall time of reading (bytes -> text) and of extraction (structure ->
mentions -> facts), MiB/s, seconds per MiB relative to the smallest page (1.00 when
time grows linearly with size), and the process's peak resident memory.
Target (issue 9): time linear in page size with the bigger lexicon.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "dev"
LIST_ITEM = re.compile(r"^\s*(?:[-–•*]|\d+[.)])\s+\S", re.MULTILINE)
MIB = 1_048_576
OPENING = "charity-uk-all.txt"


def source_pages() -> list[Path]:
    return sorted(CORPUS.glob("*all*.txt"))


def sections_of(page: Path) -> list[str]:
    """A page's sections: the blocks between blank lines."""
    return [s.strip("\n") for s in re.split(r"\n\s*\n", page.read_text(encoding="utf-8")) if s.strip()]


def sections() -> list[str]:
    """The sections of the ALL pages, in page and reading order."""
    return [section for page in source_pages() for section in sections_of(page)]


def opening() -> list[str]:
    """The sections of the opening page before its first list."""
    found = sections_of(CORPUS / OPENING)
    return found[: next(i for i, section in enumerate(found) if LIST_ITEM.search(section))]


def page_of_size(target_bytes: int) -> str:
    """The opening, then sections repeated in turn until the page has ``target_bytes`` (UTF-8)."""
    parts, every = opening(), sections()
    size = sum(len(part.encode("utf-8")) + 2 for part in parts)
    while size < target_bytes:
        section = every[len(parts) % len(every)]
        parts.append(section)
        size += len(section.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def page_of_items(count: int) -> str:
    """The opening, then the sections that hold list items repeated until the page has ``count`` items."""
    parts, with_lists = opening(), [s for s in sections() if LIST_ITEM.search(s)]
    items = 0
    while items < count:
        section = with_lists[len(parts) % len(with_lists)]
        parts.append(section)
        items += len(LIST_ITEM.findall(section))
    return "\n\n".join(parts) + "\n"


def measure(path: Path) -> dict[str, float]:
    """Read and extract one page in this process (run by the parent in a fresh one)."""
    from allkg.extract import extract
    from allkg.lexicon import load_lexicon
    from allkg.source import read_source

    started = time.perf_counter()
    lexicon = load_lexicon()
    loaded = time.perf_counter() - started
    base = _rss_mib()
    started = time.perf_counter()
    document = read_source(path, max_bytes=path.stat().st_size + 1)
    read = time.perf_counter() - started
    started = time.perf_counter()
    extraction = extract(document, lexicon)
    extracted = time.perf_counter() - started
    return {
        "load": loaded, "read": read, "extract": extracted, "facts": len(extraction.facts),
        "base_mib": base, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MIB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 5], help="page sizes (MiB)")
    parser.add_argument("--items", type=int, nargs="+", default=[10_000, 100_000], help="list items per page")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child's job: one page
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        pages = []
        for mib in args.sizes:
            pages.append((f"{mib:g} MiB of sections", Path(tmp) / f"size-{mib:g}.txt", page_of_size(int(mib * MIB))))
        for count in args.items:
            pages.append((f"{count:,} list items", Path(tmp) / f"items-{count}.txt", page_of_items(count)))
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"pages from {len(source_pages())} pages of {CORPUS.relative_to(CORPUS.parents[1])} ({len(sections())} sections)\n")
        print("| page | MiB | items | read s | extract s | MiB/s | s per MiB (x smallest) | facts | peak MiB | peak - base MiB |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        first_rate = None
        for label, path, text in pages:
            path.write_text(text, encoding="utf-8")
            proc = subprocess.run([sys.executable, __file__, "--measure", str(path)], capture_output=True, text=True)
            if proc.returncode != 0:
                sys.exit(f"{label}: {proc.stderr.strip().splitlines()[-1]}")
            result = json.loads(proc.stdout)
            size = path.stat().st_size / MIB
            seconds = result["read"] + result["extract"]
            per_mib = seconds / size
            if first_rate is None:
                first_rate = per_mib
            print(f"| {label} | {size:.2f} | {len(LIST_ITEM.findall(text)):,} | {result['read']:.2f} | "
                  f"{result['extract']:.2f} | {size / seconds:.2f} | {per_mib:.2f} ({per_mib / first_rate:.2f}) | "
                  f"{result['facts']:,} | {result['peak_mib']:,.0f} | {result['peak_mib'] - result['base_mib']:,.0f} |")
            path.unlink()
        print(f"\nLexicon load (once per process, not in the times above): {result['load']:.2f} s, "
              f"{result['base_mib']:,.0f} MiB resident after it.")


if __name__ == "__main__":
    main()
