"""Bad, odd and huge inputs, run through the real ``allkg`` command in a subprocess (inputs that
must be read well, and refused ones again over a good build, through its entry point in this
process: conftest's ``allkg_here``).

Every refused input must give exit 2, exactly one line on stderr starting
``allkg: error:``, no traceback, and no file (not even a temporary dotfile)
in the output folder; a folder that already holds a good build must keep it
byte for byte. Pages in other encodings or with CRLF line ends must give
correct output: the quotes and offsets in the graph must match the decoded
text, which the tests decode themselves and also read back from the graph.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import random
import re
import resource
import shutil
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
import pytest
from conftest import allkg_here

from allkg.resources import seed_path

SEED = seed_path()
SEED_BYTES = SEED.read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")
OUTPUT_NAMES = ("allkg.jsonld", "allkg.nq", "allkg.nt", "allkg.trig", "allkg.ttl")
DEFAULT_LIMIT_MIB = 5
BIG_MIB = 50

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
OA = "http://www.w3.org/ns/oa#"
ALLKG = "https://w3id.org/allkg/ontology/"
RDF_TYPE = ox.NamedNode(RDF + "type")


# --------------------------------------------------------------------------- helpers


def run_allkg(
    args: list[str], cwd: Path, *, umask: int | None = None, timeout: float = 120, max_memory: int | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``allkg ARGS`` in a subprocess; ``max_memory`` caps its address space (bytes), so an input
    that would cost gigabytes fails the test at once instead of exhausting the machine."""
    env = dict(os.environ)
    env.pop("ALLKG_DEBUG", None)  # ALLKG_DEBUG=1 re-raises internal errors as tracebacks

    def limits() -> None:
        if umask is not None:
            os.umask(umask)
        if max_memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))

    return subprocess.run(
        [sys.executable, "-m", "allkg", *args], cwd=cwd, env=env, capture_output=True, timeout=timeout, preexec_fn=limits
    )


def text_of(stream: bytes) -> str:
    return stream.decode("utf-8", errors="replace")


def assert_no_traceback(proc: subprocess.CompletedProcess[bytes]) -> None:
    both = text_of(proc.stdout) + text_of(proc.stderr)
    assert "Traceback" not in both, both


def assert_one_line_error(proc: subprocess.CompletedProcess[bytes], *mentions: str) -> str:
    """Exit 2, nothing on stdout, exactly one stderr line 'allkg: error: ...' naming ``mentions``."""
    stderr = text_of(proc.stderr)
    assert_no_traceback(proc)
    assert proc.returncode == 2, f"exit {proc.returncode}, stderr: {stderr!r}"
    assert proc.stdout == b"", text_of(proc.stdout)
    lines = stderr.splitlines()
    assert len(lines) == 1, f"stderr must be exactly one line, got {len(lines)}: {stderr!r}"
    assert stderr.endswith("\n") and "\r" not in stderr, repr(stderr)
    line = lines[0]
    assert line.startswith("allkg: error: "), line
    for mention in mentions:
        assert mention in line, f"{mention!r} not in {line!r}"
    return line


def assert_nothing_written(out: Path, cwd: Path) -> None:
    """No output folder content at all: no allkg.* file, no .allkg*.tmp, no dotfile."""
    if out.exists():
        assert out.is_dir()
        left = sorted(p.name for p in out.iterdir())
        assert left == [], f"files left in {out}: {left}"
    assert not (cwd / "allkg-out").exists(), "wrote to the default folder although --out was given"
    stray = sorted(p.name for p in cwd.rglob("*") if p.name.startswith(".") or p.name.endswith(".tmp"))
    assert stray == [], f"temporary files left behind: {stray}"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --------------------------------------------------------------------------- reading the graph back


@dataclass(frozen=True)
class EvidenceRecord:
    node: str
    source: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class GraphFacts:
    sources: dict[str, dict[str, str]]  # source IRI -> {local property name: lexical value}
    evidence: list[EvidenceRecord]
    facts: frozenset[tuple[str, str, str]]  # (rdf:subject, rdf:predicate, rdf:object) of each fact node


def read_graph(nt_file: Path) -> GraphFacts:
    by_subject: dict[str, dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]] = {}
    for quad in ox.parse(path=str(nt_file), format=ox.RdfFormat.N_TRIPLES):
        assert not isinstance(quad.subject, ox.BlankNode) and not isinstance(quad.object, ox.BlankNode)
        by_subject.setdefault(quad.subject.value, {}).setdefault(quad.predicate.value, []).append(quad.object)

    def one(subject: str, predicate: str) -> ox.NamedNode | ox.Literal:
        values = by_subject.get(subject, {}).get(predicate, [])
        assert len(values) == 1, f"{subject} must have exactly one {predicate}, has {values}"
        return values[0]  # type: ignore[return-value]

    def types(subject: str) -> set[str]:
        return {t.value for t in by_subject.get(subject, {}).get(RDF_TYPE.value, [])}

    sources = {}
    for subject in by_subject:
        if ALLKG + "SourceDocument" in types(subject):
            sources[subject] = {
                name: one(subject, ALLKG + name).value
                for name in ("decodedText", "sha256", "characterEncoding", "characterCount", "fileName")
            }
    evidence = []
    for subject, properties in by_subject.items():
        selectors = properties.get(OA + "hasSelector")
        if not selectors:
            continue
        assert {s.value for s in selectors} == {f"{subject}/quote", f"{subject}/position"}, selectors
        quote, position = f"{subject}/quote", f"{subject}/position"
        assert OA + "TextQuoteSelector" in types(quote)
        assert OA + "TextPositionSelector" in types(position)
        evidence.append(
            EvidenceRecord(
                node=subject,
                source=one(subject, OA + "hasSource").value,
                start=int(one(position, OA + "start").value),
                end=int(one(position, OA + "end").value),
                exact=one(quote, OA + "exact").value,
                prefix=one(quote, OA + "prefix").value,
                suffix=one(quote, OA + "suffix").value,
            )
        )
    facts = frozenset(
        (one(s, RDF + "subject").value, one(s, RDF + "predicate").value, str(one(s, RDF + "object")))
        for s in by_subject
        if RDF + "Statement" in types(s)
    )
    return GraphFacts(sources, evidence, facts)


def assert_quotes_match(graph: GraphFacts, text: str) -> None:
    assert graph.evidence, "the graph has no evidence at all"
    for ev in graph.evidence:
        assert 0 <= ev.start < ev.end <= len(text), ev
        assert text[ev.start : ev.end] == ev.exact, (
            f"{ev.node}: text[{ev.start}:{ev.end}] == {text[ev.start:ev.end]!r} but oa:exact is {ev.exact!r}"
        )
        assert text[: ev.start].endswith(ev.prefix), f"{ev.node}: oa:prefix {ev.prefix!r} does not precede the quote"
        assert text[ev.end :].startswith(ev.suffix), f"{ev.node}: oa:suffix {ev.suffix!r} does not follow the quote"


# --------------------------------------------------------------------------- bad inputs


def _random_bytes(seed: int, count: int, forbidden: bytes = b"") -> bytes:
    rng = random.Random(seed)
    return bytes(b for b in (rng.randrange(256) for _ in range(count)) if b not in forbidden)


PNG = (
    b"\x89PNG\r\n\x1a\n"
    + struct.pack(">I", 13)
    + b"IHDR"
    + struct.pack(">IIBBBBB", 32, 32, 8, 6, 0, 0, 0)
    + _random_bytes(1, 4096)
)
RANDOM_NO_NUL = b"R" + _random_bytes(2, 4096, forbidden=b"\x00")
# bytes every one of which Windows-1252 decodes (no NUL, none of 81 8D 8F 90 9D):
# only the control-character check can refuse it
RANDOM_CP1252_DECODABLE = b"R" + _random_bytes(3, 8192, forbidden=b"\x00\x81\x8d\x8f\x90\x9d")


def _write(name: str, data: bytes) -> Callable[[Path], list[str]]:
    def make(cwd: Path) -> list[str]:
        (cwd / name).write_bytes(data)
        return [name]

    return make


def _folder(*files: str) -> Callable[[Path], list[str]]:
    def make(cwd: Path) -> list[str]:
        folder = cwd / "pages"
        folder.mkdir()
        for name in files:
            (folder / name).write_bytes(b"not a page\n")
        return ["pages"]

    return make


def _good_then_missing(cwd: Path) -> list[str]:
    (cwd / "page.txt").write_bytes(SEED_BYTES)
    return ["page.txt", "missing.txt"]


# id, make(cwd) -> SOURCE arguments, text the error line must contain
BAD_INPUTS: list[tuple[str, Callable[[Path], list[str]], str]] = [
    ("missing-file", lambda cwd: ["no-such-page.txt"], "no-such-page.txt"),
    ("missing-in-missing-folder", lambda cwd: ["nowhere/page.txt"], "page.txt"),
    ("good-page-and-missing-file", _good_then_missing, "missing.txt"),
    ("empty-folder", _folder(), "pages"),
    ("folder-without-pages", _folder("notes.md", "image.png", "data.csv"), "pages"),
    ("empty-file", _write("empty.txt", b""), "empty.txt"),
    ("whitespace-only", _write("blank.txt", b"  \n\t \r\n\x0c\x0b  \n"), "blank.txt"),
    (
        "whitespace-only-utf16",
        _write("blank16.txt", codecs.BOM_UTF16_LE + " \r\n\t ".encode("utf-16-le")),
        "blank16.txt",
    ),
    ("png-with-nul-bytes", _write("image.png", PNG), "image.png"),
    ("random-bytes-no-nul", _write("noise.txt", RANDOM_NO_NUL), "noise.txt"),
    ("random-bytes-cp1252-decodable", _write("noise1252.txt", RANDOM_CP1252_DECODABLE), "noise1252.txt"),
    (
        "utf8-bom-then-invalid-utf8",
        _write("badbom.txt", codecs.BOM_UTF8 + b"Leukemia \xff\xfe\xc3("),
        "badbom.txt",
    ),
    (
        "utf16-bom-odd-length",
        _write("odd16.txt", codecs.BOM_UTF16_LE + SEED_TEXT.encode("utf-16-le") + b"x"),
        "odd16.txt",
    ),
]

# --base-iri values that are not usable IRIs: each must be refused as bad usage (exit 2), not crash
BAD_BASE_IRIS = [
    pytest.param("not-an-iri", id="relative"),
    pytest.param("", id="empty"),
    pytest.param("ftp://example.org/all/", id="ftp-scheme"),
    pytest.param("mailto:someone@example.org", id="mailto"),
    pytest.param("https://example.org/a b/", id="space"),
    pytest.param("https://example.org/<all>/", id="angle-brackets"),
    pytest.param("https://example.org/a\tb/", id="tab"),
    pytest.param("https://example.org/a\nb/", id="newline"),
    pytest.param("https://example.org/%zz/", id="bad-percent-escape"),
    pytest.param("https://[::1/all/", id="bad-host"),
]


def test_bad_input_table_is_really_bad() -> None:
    """The crafted inputs are what their names say (so the refusals below test the right thing)."""
    assert b"\x00" in PNG and PNG.startswith(b"\x89PNG")
    assert b"\x00" not in RANDOM_NO_NUL
    with pytest.raises(UnicodeDecodeError):
        RANDOM_NO_NUL.decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        RANDOM_NO_NUL.decode("cp1252")
    decoded = RANDOM_CP1252_DECODABLE.decode("cp1252")
    assert sum(1 for c in decoded if c < " " and c not in "\t\n\r\f\v") > 100


@pytest.mark.parametrize(("make", "mention"), [pytest.param(m, t, id=i) for i, m, t in BAD_INPUTS])
def test_bad_input_is_refused_cleanly(tmp_path: Path, make: Callable[[Path], list[str]], mention: str) -> None:
    sources = make(tmp_path)
    proc = run_allkg(["build", *sources, "--out", "out"], tmp_path)
    assert_one_line_error(proc, mention)
    assert_nothing_written(tmp_path / "out", tmp_path)


@pytest.mark.parametrize("base_iri", BAD_BASE_IRIS)
def test_invalid_base_iri_is_bad_usage(tmp_path: Path, base_iri: str) -> None:
    proc = run_allkg(["build", "--base-iri", base_iri, "--out", "out"], tmp_path)
    assert_one_line_error(proc, "--base-iri")
    assert_nothing_written(tmp_path / "out", tmp_path)


# Other bad usage of `allkg build`; the folder holds one file, "afile", which must stay as it is.
BAD_USAGE = [
    pytest.param(["--max-source-mib", "0"], "--max-source-mib", id="max-source-mib-zero"),
    pytest.param(["--max-source-mib", "lots"], "--max-source-mib", id="max-source-mib-not-a-number"),
    pytest.param(["-f", "nosuch"], "nosuch", id="unknown-format"),
    pytest.param(["--nosuch"], "--nosuch", id="unknown-option"),
    pytest.param(["--out", "afile"], "afile", id="out-is-a-file"),
    pytest.param(["--out", "afile/sub"], "afile", id="out-under-a-file"),
]


@pytest.mark.parametrize(("args", "mention"), BAD_USAGE)
def test_bad_usage_is_one_line(tmp_path: Path, args: list[str], mention: str) -> None:
    (tmp_path / "afile").write_bytes(b"keep me\n")
    proc = run_allkg(["build", *args], tmp_path)
    assert_one_line_error(proc, mention)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]
    assert (tmp_path / "afile").read_bytes() == b"keep me\n"


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The out folder of a successful build of the bundled page."""
    cwd = tmp_path_factory.mktemp("good")
    proc = allkg_here("build", "--out", "out", cwd=cwd)
    assert proc.returncode == 0, text_of(proc.stderr)
    assert sorted(p.name for p in (cwd / "out").iterdir()) == sorted(OUTPUT_NAMES)
    return cwd / "out"


@pytest.mark.parametrize(
    ("make", "extra"),
    [pytest.param(m, [], id=i) for i, m, _ in BAD_INPUTS]
    + [pytest.param(lambda cwd: [], ["--base-iri", "not-an-iri"], id="bad-base-iri")],
)
def test_failed_build_keeps_previous_output(
    tmp_path: Path, good_build: Path, make: Callable[[Path], list[str]], extra: list[str]
) -> None:
    """In this process: the tests above refuse the same inputs in a new one."""
    out = tmp_path / "out"
    shutil.copytree(good_build, out)
    before = snapshot(out)
    proc = allkg_here("build", *make(tmp_path), *extra, "--out", "out", cwd=tmp_path)
    assert_one_line_error(proc)
    assert snapshot(out) == before, "a failed build changed, removed or added files in the out folder"


@pytest.mark.parametrize(
    ("umask", "mode"), [pytest.param(0o022, 0o644, id="umask-022"), pytest.param(0o002, 0o664, id="umask-002")]
)
def test_written_files_follow_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    proc = run_allkg(["build", "--out", "out"], tmp_path, umask=umask)
    assert proc.returncode == 0, text_of(proc.stderr)
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in sorted((tmp_path / "out").iterdir())}
    assert modes == {name: oct(mode) for name in OUTPUT_NAMES}


# --------------------------------------------------------------------------- other encodings and line ends


@pytest.fixture(scope="module")
def reference_graph(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], GraphFacts]:
    """The graph of a text given as a plain UTF-8 file (built once per text)."""
    cache: dict[str, GraphFacts] = {}

    def graph_of(text: str) -> GraphFacts:
        if text not in cache:
            cwd = tmp_path_factory.mktemp("reference")
            (cwd / "page.txt").write_bytes(text.encode("utf-8"))
            proc = allkg_here("build", "page.txt", "--out", "out", "-f", "ntriples", cwd=cwd)
            assert proc.returncode == 0, text_of(proc.stderr)
            graph = read_graph(cwd / "out" / "allkg.nt")
            assert_quotes_match(graph, text)
            assert graph.facts
            cache[text] = graph
        return cache[text]

    return graph_of


# The seed was scraped without line ends ("...cells are made.The word..."): put them back,
# so the CRLF copy has CRs before most of its quotes.
LF_TEXT = re.sub(r"(?<=[.:])(?=[A-Z\u00a9])", "\n", SEED_TEXT)
CRLF_TEXT = LF_TEXT.replace("\n", "\r\n")

# id, bytes of the page, how the test decodes them itself, the text it must decode to, the encoding
# the graph must name, and the UTF-8 text whose graph must have the same facts
ENCODINGS = [
    pytest.param(
        SEED_TEXT.encode("cp1252"), lambda b: b.decode("cp1252"), SEED_TEXT, "windows-1252", SEED_TEXT, id="cp1252"
    ),
    pytest.param(
        codecs.BOM_UTF16_LE + SEED_TEXT.encode("utf-16-le"),
        lambda b: b.decode("utf-16"),
        SEED_TEXT,
        "utf-16",
        SEED_TEXT,
        id="utf-16-le-bom",
    ),
    pytest.param(
        codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"),
        lambda b: b.decode("utf-16"),
        SEED_TEXT,
        "utf-16",
        SEED_TEXT,
        id="utf-16-be-bom",
    ),
    pytest.param(
        codecs.BOM_UTF8 + SEED_BYTES, lambda b: b.decode("utf-8-sig"), SEED_TEXT, "utf-8", SEED_TEXT, id="utf-8-bom"
    ),
    pytest.param(CRLF_TEXT.encode("utf-8"), lambda b: b.decode("utf-8"), CRLF_TEXT, "utf-8", LF_TEXT, id="crlf"),
]


def test_encoding_table_preconditions() -> None:
    """The seed has the characters that differ between encodings; the CRLF copy has many line ends."""
    assert "\u00a9" in SEED_TEXT and "\u2014" in SEED_TEXT  # (c) and em dash
    assert "\r" not in SEED_TEXT and "\n" not in SEED_TEXT
    assert LF_TEXT.count("\n") >= 10 and CRLF_TEXT.count("\r\n") == LF_TEXT.count("\n")
    assert LF_TEXT.replace("\n", "") == SEED_TEXT
    cp1252 = SEED_TEXT.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        cp1252.decode("utf-8")  # so allkg must really fall back to Windows-1252


@pytest.mark.parametrize(("data", "decode", "expected_text", "encoding", "reference_text"), ENCODINGS)
def test_encoded_page_gives_correct_quotes(
    tmp_path: Path,
    reference_graph: Callable[[str], GraphFacts],
    data: bytes,
    decode: Callable[[bytes], str],
    expected_text: str,
    encoding: str,
    reference_text: str,
) -> None:
    (tmp_path / "page.txt").write_bytes(data)
    proc = allkg_here("build", "page.txt", "--out", "out", cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 0, text_of(proc.stderr)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(OUTPUT_NAMES)

    text = decode(data)
    assert text == expected_text
    graph = read_graph(tmp_path / "out" / "allkg.nt")
    assert len(graph.sources) == 1, graph.sources
    [(source_iri, source)] = graph.sources.items()
    assert source["decodedText"] == text, "allkg:decodedText is not the decoded page"
    assert source["sha256"] == hashlib.sha256(data).hexdigest()
    assert int(source["characterCount"]) == len(text)
    assert source["characterEncoding"] == encoding
    assert source["fileName"] == "page.txt"

    assert_quotes_match(graph, text)
    assert {ev.source for ev in graph.evidence} == {source_iri}
    reference = reference_graph(reference_text)
    assert graph.facts == reference.facts, "the same page in another encoding or with CRLF gave other facts"
    spans = {(ev.start, ev.end, ev.exact) for ev in graph.evidence}
    if "\r" in text:
        assert any("\r" in ev.prefix + ev.exact + ev.suffix for ev in graph.evidence), "no quote kept a CR"
        assert any(text[: ev.start].count("\r") > 0 for ev in graph.evidence), "no quote comes after a CR"
        assert len(graph.evidence) == len(reference.evidence)
        assert {e.replace("\r", "") for _, _, e in spans} == {ev.exact for ev in reference.evidence}
    else:
        assert spans == {(ev.start, ev.end, ev.exact) for ev in reference.evidence}


# --------------------------------------------------------------------------- a 50 MiB page


@pytest.fixture(scope="module")
def big_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.txt"
    copies = BIG_MIB * 1_048_576 // len(SEED_BYTES) + 1
    path.write_bytes(SEED_BYTES * copies)
    assert path.stat().st_size > BIG_MIB * 1_048_576
    return path


def test_big_page_is_refused_at_the_default_limit(tmp_path: Path, big_page: Path) -> None:
    started = time.monotonic()
    proc = run_allkg(["build", str(big_page), "--out", "out"], tmp_path)
    elapsed = time.monotonic() - started
    line = assert_one_line_error(proc, "big.txt", f"{DEFAULT_LIMIT_MIB} MiB", "limit", "--max-source-mib")
    assert_nothing_written(tmp_path / "out", tmp_path)
    assert elapsed < 10, f"refusing an oversized page took {elapsed:.1f} s: {line}"


def test_the_size_limit_is_the_users_to_raise(tmp_path: Path) -> None:
    """A 1.5 MiB page (hundreds of seed copies) is refused under --max-source-mib 1 and built under 2.

    The built graph is correct, and a page stating the same fact hundreds of
    times keeps a bounded number of evidence spans per fact.
    """
    page = tmp_path / "long.txt"
    page.write_bytes(SEED_BYTES * (3 * 524_288 // len(SEED_BYTES) + 1))
    refused = run_allkg(["build", str(page), "--out", "out", "--max-source-mib", "1"], tmp_path)
    assert_one_line_error(refused, "long.txt", "limit", "--max-source-mib")
    assert_nothing_written(tmp_path / "out", tmp_path)
    started = time.monotonic()
    built = run_allkg(["build", str(page), "--out", "out", "--max-source-mib", "2"], tmp_path, timeout=60)
    elapsed = time.monotonic() - started
    assert_no_traceback(built)
    assert built.returncode == 0, text_of(built.stderr)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(OUTPUT_NAMES)
    assert elapsed < 30, f"a 1.5 MiB page took {elapsed:.1f} s"


# --------------------------------------------------------------------------- special files

GIB = 1 << 30

# how each command is given a file, and the suffix a file of its kind needs
READERS = [
    pytest.param(lambda f: ["build", f, "--out", "out"], ".txt", id="build"),
    pytest.param(lambda f: ["validate", f], ".ttl", id="validate"),
    pytest.param(lambda f: ["export", "--data", f], ".nt", id="export"),
    pytest.param(lambda f: ["query", "--name", "synonyms", "--data", f], ".jsonld", id="query"),
]


def special_file(cwd: Path, what: str, suffix: str) -> str:
    """A FIFO, or a link to a device, named as a page or RDF file of the suffix."""
    name = f"special{suffix}"
    if what == "fifo":
        os.mkfifo(cwd / name)
    else:
        (cwd / name).symlink_to(what)
    return name


@pytest.mark.parametrize(
    ("what", "kind"),
    [
        pytest.param("/dev/zero", "character device", id="dev-zero"),
        pytest.param("/dev/urandom", "character device", id="dev-urandom"),
        pytest.param("fifo", "named pipe (FIFO)", id="fifo"),
    ],
)
@pytest.mark.parametrize(("command", "suffix"), READERS)
def test_a_special_file_is_refused_at_once(
    tmp_path: Path, what: str, kind: str, command: Callable[[str], list[str]], suffix: str
) -> None:
    """/dev/zero never ends and stat says it holds 0 bytes; a FIFO blocks whoever opens it for
    reading until a writer comes: each is refused in one line, without reading or waiting."""
    name = special_file(tmp_path, what, suffix)
    started = time.monotonic()
    proc = run_allkg(command(name), tmp_path, timeout=30, max_memory=2 * GIB)
    elapsed = time.monotonic() - started
    assert_one_line_error(proc, name, kind, "not a regular file")
    assert_nothing_written(tmp_path / "out", tmp_path)
    assert elapsed < 5, f"refusing {what} took {elapsed:.1f} s"


def test_a_device_named_as_a_page_is_refused(tmp_path: Path) -> None:
    proc = run_allkg(["build", "/dev/zero", "--out", "out"], tmp_path, timeout=30, max_memory=2 * GIB)
    assert_one_line_error(proc, "/dev/zero", "character device")


def test_a_directory_is_not_a_page_or_an_rdf_file(tmp_path: Path) -> None:
    from allkg.errors import InputError
    from allkg.source import read_source

    (tmp_path / "folder.ttl").mkdir()
    for args in (["validate", "folder.ttl"], ["export", "--data", "folder.ttl"]):
        assert_one_line_error(run_allkg(args, tmp_path), "folder.ttl", "directory")
    with pytest.raises(InputError, match="a directory, not a regular file"):
        read_source(tmp_path / "folder.ttl")


def test_a_page_is_cut_off_at_the_limit_while_it_is_read(tmp_path: Path) -> None:
    """/proc files are regular files whose size stat gives as 0: the limit is counted as they are read."""
    from allkg.errors import InputError
    from allkg.source import read_source

    mounts = Path("/proc/self/mountinfo")  # text, and longer than 1 KiB on any Linux
    assert mounts.stat().st_size == 0
    with pytest.raises(InputError, match="mountinfo: over the .* MiB limit for one page"):
        read_source(mounts, max_bytes=1024)


# --------------------------------------------------------------------------- RDF that expands

# The classic: ten entities, each ten of the one before, make 3 GB of "lol" from a kilobyte.
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY lol0 "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="http://schema.org/">\n'
    ' <rdf:Description rdf:about="http://example.org/a"><s:name>&lol9;</s:name></rdf:Description>\n</rdf:RDF>\n'
)

DATA_READERS = [
    pytest.param(["validate", "{file}"], id="validate"),
    pytest.param(["export", "--data", "{file}"], id="export"),
    pytest.param(["query", "--name", "synonyms", "--data", "{file}"], id="query"),
    pytest.param(["publish", "--data", "{file}", "--out", "out"], id="publish"),
    pytest.param(["load", "--data", "{file}", "--store", "out"], id="load"),
    pytest.param(["serve", "--data", "{file}", "--port", "0"], id="serve"),
]


@pytest.mark.parametrize("args", DATA_READERS)
def test_billion_laughs_is_refused_in_under_a_second(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "laughs.rdf").write_text(BILLION_LAUGHS, encoding="utf-8")
    assert len(BILLION_LAUGHS) < 1000
    started = time.monotonic()
    proc = run_allkg([a.format(file="laughs.rdf") for a in args], tmp_path, timeout=60, max_memory=2 * GIB)
    elapsed = time.monotonic() - started
    assert_one_line_error(proc, "laughs.rdf", "DTD")
    assert_nothing_written(tmp_path / "out", tmp_path)
    assert elapsed < 1, f"refusing billion laughs took {elapsed:.1f} s"


@pytest.mark.parametrize(
    "declaration",
    [
        pytest.param("<!doctype rdf:RDF [ <!ENTITY a 'b'> ]>", id="lower-case-doctype"),
        pytest.param("<!ENTITY a 'b'>", id="entity-alone"),
    ],
)
@pytest.mark.parametrize("where", ["before-the-root", "inside-an-element"])
def test_a_dtd_anywhere_in_rdf_xml_is_refused(tmp_path: Path, declaration: str, where: str) -> None:
    """The parser reads a declaration anywhere, in any case: so does the check (split across reads too)."""
    padding = "<!-- " + "x" * 5000 + " -->"  # the declaration comes after the first read
    root = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="http://schema.org/">'
    node = '<rdf:Description rdf:about="http://example.org/a"><s:name>x</s:name></rdf:Description>'
    if where == "before-the-root":
        text = padding + declaration + root + node + "</rdf:RDF>"
    else:
        text = root + padding + declaration + node + "</rdf:RDF>"
    (tmp_path / "dtd.rdf").write_text(text, encoding="utf-8")
    assert_one_line_error(run_allkg(["export", "--data", "dtd.rdf"], tmp_path), "dtd.rdf", "DTD")


def test_rdf_xml_with_comments_and_cdata_is_read(tmp_path: Path) -> None:
    """Our own RDF/XML, and RDF/XML with comments and CDATA sections, read as before."""
    exported = allkg_here("export", "--format", "rdfxml", cwd=tmp_path)
    assert exported.returncode == 0, text_of(exported.stderr)
    (tmp_path / "ours.rdf").write_bytes(exported.stdout)
    valid = allkg_here("validate", "ours.rdf", cwd=tmp_path)
    assert valid.returncode == 0 and valid.stdout.startswith(b"Conforms"), text_of(valid.stderr)
    (tmp_path / "other.rdf").write_text(
        '<?xml version="1.0"?><!-- a comment -->\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="http://schema.org/">'
        '<rdf:Description rdf:about="http://example.org/a"><!----><s:name><![CDATA[a < b & c]]></s:name>'
        "</rdf:Description></rdf:RDF>",
        encoding="utf-8",
    )
    proc = allkg_here("export", "--data", "other.rdf", "--format", "ntriples", cwd=tmp_path)
    assert proc.returncode == 0, text_of(proc.stderr)
    assert proc.stdout == b'<http://example.org/a> <http://schema.org/name> "a < b & c" .\n'


LONG_NAMESPACE = "http://example.org/" + "n" * 100_000 + "/"
# ~0.5 MB each, whose short names all stand for 100 KB IRIs: gigabytes of triples
PREFIX_BOMBS = [
    pytest.param(
        "bomb.ttl",
        f"@prefix p: <{LONG_NAMESPACE}> .\n" + "".join(f"p:s{i} p:p p:o .\n" for i in range(30_000)),
        id="turtle-prefix",
    ),
    pytest.param(
        "bomb.jsonld",
        json.dumps({"@context": {"@vocab": LONG_NAMESPACE}, "@graph": [{"@id": f"http://e/{i}", "p": "o"} for i in range(20_000)]}),
        id="jsonld-vocab",
    ),
    pytest.param(
        "bomb.rdf",
        f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:p="{LONG_NAMESPACE}">'
        + "".join(f'<rdf:Description rdf:about="http://e/{i}"><p:p>o</p:p></rdf:Description>' for i in range(10_000))
        + "</rdf:RDF>",
        id="rdfxml-namespace",
    ),
]


@pytest.mark.parametrize(("name", "text"), PREFIX_BOMBS)
def test_a_file_that_expands_without_bound_is_refused(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    started = time.monotonic()
    proc = run_allkg(["export", "--data", name, "--format", "ntriples"], tmp_path, timeout=60, max_memory=2 * GIB)
    elapsed = time.monotonic() - started
    assert_one_line_error(proc, name, "64 times the size of the file")
    assert elapsed < 5, f"refusing {name} took {elapsed:.1f} s"
