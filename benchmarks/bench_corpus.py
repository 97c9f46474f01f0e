"""Build a generated corpus and time each phase: extract, build, validate, serialise.

Run by hand (not by CI):  python benchmarks/bench_corpus.py [--pages 10000]

Pages come from benchmarks/corpus.py (templates of the seed and dev pages
with their damage). The phases are those of ``allkg build``: pages read and
checked in worker processes while the graph is merged; the graph validated
in a forked process while the main process sorts it; then the five formats
written by forked processes, one per core. Each phase reports wall seconds,
pages/s and triples/s.

Memory: forked processes share the main process's pages copy-on-write, so
their RSS counts those pages again. The total reported is the sum of the
proportional set sizes (PSS: a shared page counted once, split between its
sharers) of the main process and all its descendants, sampled every 0.5 s
(reading a large process's PSS costs milliseconds of kernel time, which more
frequent samples would take from the build); the main process's peak RSS and
its largest child's are reported too.
Target (issue 3): 10,000 pages validated and written in all formats in under
60 s and 2 GiB on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402


class PeakWatcher:
    """Samples this process's resident memory every 20 ms, and the PSS of it and all its
    descendants every 0.5 s; ``phase`` names what is running."""

    def __init__(self) -> None:
        import threading

        self.phase = "start"
        self.peaks: dict[str, float] = {}
        self.total_peaks: dict[str, float] = {}
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        ticks = 0
        while True:
            with open("/proc/self/statm") as statm:
                rss = int(statm.read().split()[1]) * page / 1_048_576
            self.peaks[self.phase] = max(self.peaks.get(self.phase, 0.0), rss)
            if ticks % 25 == 0:
                total = sum(_pss_mib(pid) for pid in _tree(os.getpid()))
                self.total_peaks[self.phase] = max(self.total_peaks.get(self.phase, 0.0), total)
            ticks += 1
            time.sleep(0.02)

    def start(self, phase: str) -> None:
        self.phase = phase

    def peak(self, phase: str) -> float:
        return self.peaks.get(phase, 0.0)

    def total_peak(self, phase: str) -> float:
        return self.total_peaks.get(phase, 0.0)


def _tree(pid: int) -> list[int]:
    """The process and its descendants (Linux: /proc/PID/task/TID/children)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = task.read_text().split()
        except OSError:
            continue
        for child in children:
            found.extend(_tree(int(child)))
    return found


def _pss_mib(pid: int) -> float:
    """A process's proportional set size (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


WATCH = PeakWatcher()


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user and system) of this process, and of its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--gc", action="store_true", help="leave Python's cyclic garbage collector on")
    parser.add_argument("--stage-pages", type=int, default=1000, help="pages for the stage-by-stage table")
    args = parser.parse_args()
    if not args.gc:
        import gc

        gc.disable()  # as allkg build does for large builds

    from functools import partial

    from allkg import forked
    from allkg.pipeline import build
    from allkg.formats import BUILD_FORMATS
    from allkg.serialize import is_large, write_files
    from allkg.validate import validate_build

    with tempfile.TemporaryDirectory() as tmp:
        pages = write_corpus(Path(tmp) / "pages", args.pages)
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"{len(pages)} pages, {sum(p.stat().st_size for p in pages) / 1e6:.1f} MB\n")
        rows = []
        started = time.perf_counter()
        cpu_start = cpu_seconds()

        phase = "extract, build, check each page (parallel)"
        t = time.perf_counter()
        WATCH.start(phase)
        result = build(pages, check_pages=True)
        rows.append((phase, phase, time.perf_counter() - t, None))
        cpu_read = cpu_seconds()
        graph, page_reports = result.graph, result.page_reports
        triples = len(graph)

        t = time.perf_counter()
        WATCH.start("validate")
        checking = forked.start(partial(validate_build, graph, page_reports), fork=is_large(graph))
        graph.sort()
        sorted_s = time.perf_counter() - t
        report = checking.result()
        verdict = "conforms" if report.conforms else "DOES NOT CONFORM"
        where = "in a forked process while the graph is sorted" if is_large(graph) else "then sort"
        name = f"validate ({verdict}) {where} (sorted after {sorted_s:.2f} s)"
        rows.append((name, "validate", time.perf_counter() - t, triples))

        t = time.perf_counter()
        WATCH.start("serialise")
        written = write_files(graph, Path(tmp) / "out", BUILD_FORMATS)
        size = sum(path.stat().st_size for path in written)
        rows.append((f"write {len(written)} formats ({size / 1e6:.0f} MB)", "serialise", time.perf_counter() - t, triples))
        for path in written:
            path.unlink()

        total = time.perf_counter() - started
        cpu_end = cpu_seconds()
        own, children = peak_mib()
        WATCH.start("stages")
        stages = _stages(pages[: args.stage_pages])
        print("| phase | wall s | pages/s | triples/s | peak MiB (main RSS) | peak MiB (all, PSS) |")
        print("|---|---|---|---|---|---|")
        for name, phase, seconds, count in rows:
            per_triple = f"{count / seconds:,.0f}" if count else "-"
            print(f"| {name} | {seconds:.2f} | {len(pages) / seconds:,.0f} | {per_triple} | "
                  f"{WATCH.peak(phase):,.0f} | {WATCH.total_peak(phase):,.0f} |")
        everything = max(WATCH.total_peak(phase) for _, phase, _, _ in rows)
        print(f"| **total** | **{total:.2f}** | {len(pages) / total:,.0f} | {triples / total:,.0f} | "
              f"{max(WATCH.peak(phase) for _, phase, _, _ in rows):,.0f} | {everything:,.0f} |")
        print(f"\n{triples:,} triples; peak memory of the build, all processes (PSS): {everything:,.0f} MiB; "
              f"peak RSS {own:,.0f} MiB (main), {children:,.0f} MiB (largest child)")
        main_cpu = cpu_end[0] - cpu_start[0]
        workers_cpu, writers_cpu = cpu_read[1] - cpu_start[1], cpu_end[1] - cpu_read[1]
        print(f"\nCPU s: {main_cpu + workers_cpu + writers_cpu:.1f} in all: main process {main_cpu:.1f} "
              f"({cpu_read[0] - cpu_start[0]:.1f} while the pages were read), page workers {workers_cpu:.1f}, "
              f"forked (validation, writers) {writers_cpu:.1f}")
        print(f"\nEach stage alone, one process, the first {min(args.stage_pages, len(pages)):,} pages "
              "(in the build above they overlap across processes):\n")
        print("| stage | wall s | pages/s | triples/s | peak MiB |")
        print("|---|---|---|---|---|")
        for name, seconds, count, triples_done in stages:
            per_triple = f"{triples_done / seconds:,.0f}" if triples_done else "-"
            print(f"| {name} | {seconds:.2f} | {count / seconds:,.0f} | {per_triple} | {WATCH.peak(name):,.0f} |")


def _stages(pages: list[Path]) -> list[tuple[str, float, int, int]]:
    """Extract, build, validate and serialise, each timed on its own in this process."""
    import io

    from allkg.extract import extract
    from allkg.graph import build_graph
    from allkg.lexicon import load_lexicon
    from allkg.formats import BUILD_FORMATS
    from allkg.serialize import write
    from allkg.source import read_source
    from allkg.validate import validate

    lexicon = load_lexicon()
    WATCH.start("extract")
    t = time.perf_counter()
    extractions = [extract(read_source(p), lexicon) for p in pages]
    extract_s = time.perf_counter() - t
    WATCH.start("build (and sort)")
    t = time.perf_counter()
    graph = build_graph(extractions, base_iri="https://w3id.org/allkg/", releases=lexicon.releases.values())
    graph.sort()
    triples = len(graph)
    build_s = time.perf_counter() - t
    WATCH.start("validate (whole graph)")
    t = time.perf_counter()
    validate(graph)
    validate_s = time.perf_counter() - t
    WATCH.start("serialise (5 formats)")
    t = time.perf_counter()
    for name in BUILD_FORMATS:
        write(graph, name, io.BytesIO())
    serialise_s = time.perf_counter() - t
    WATCH.start("end")
    n = len(pages)
    return [
        ("extract", extract_s, n, 0),
        ("build (and sort)", build_s, n, triples),
        ("validate (whole graph)", validate_s, n, triples),
        ("serialise (5 formats)", serialise_s, n, triples),
    ]


if __name__ == "__main__":
    main()
