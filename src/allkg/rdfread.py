"""Read RDF files (ours or anyone's) into a KnowledgeGraph: strictly, offline, and within bounds.

Every ``--data`` file of every command comes through here, and what it can cost is bounded:
only regular files are read (``fileio.open_regular``); RDF/XML with a DTD is refused before the
parser sees the declaration, as its entities could make gigabytes of a kilobyte ("billion
laughs"); and the quads of a file may add up (as N-Quads text) to at most ``EXPANSION_LIMIT``
times its size, so no prefix, namespace or context can blow it up either. Turtle, TriG and
RDF/XML are measured quad by quad as they are read; JSON-LD, which pyoxigraph expands whole, in
a child process with that much memory. JSON-LD is read offline: schema.org's context from the
copy allkg ships, and no other remote context.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from allkg.errors import InputError
from allkg.fileio import MIB, open_regular
from allkg.graph import KnowledgeGraph
from allkg.namespaces import DEFAULT_BASE_IRI

if TYPE_CHECKING:
    import pyoxigraph as ox

_EXTENSIONS = {
    ".ttl": "TURTLE",
    ".nt": "N_TRIPLES",
    ".nq": "N_QUADS",
    ".trig": "TRIG",
    ".jsonld": "JSON_LD",
    ".json": "JSON_LD",
    ".rdf": "RDF_XML",
    ".owl": "RDF_XML",
    ".xml": "RDF_XML",
}

EXPANSION_LIMIT = 64
"""A file's quads, as N-Quads text, may be this many times the bytes read (plus EXPANSION_ALLOWANCE);
our own files come to 1 to 6 times, Turtle with long prefixes to a few dozen."""
EXPANSION_ALLOWANCE = 64 * MIB

_XML_SECTIONS = (b"<!--", b"<![CDATA[")
"""The only markup starting with '<!' that RDF/XML needs: comments and CDATA sections. Any other
('<!DOCTYPE', '<!ENTITY', in any case and anywhere, as the parser accepts them anywhere) is a DTD."""

_NEEDS_REMOTE_CONTEXT = "No LoadDocumentCallback"
"""pyoxigraph's error when a JSON-LD document names a context by IRI (it never fetches one)."""


def read_rdf(paths: list[Path] | tuple[Path, ...], *, base_iri: str = DEFAULT_BASE_IRI) -> KnowledgeGraph:
    """Parse every file with pyoxigraph (strict; never fetches anything) into one graph.

    Named graphs stay named (the evidence graphs of N-Quads/TriG); the rest is the default graph.
    """
    import pyoxigraph as ox

    kg = KnowledgeGraph(base_iri)
    for path in paths:
        fmt = _EXTENSIONS.get(path.suffix.lower())
        if fmt is None:
            raise InputError(f"{path}: unknown RDF file extension (use one of {', '.join(sorted(_EXTENSIONS))})")
        for quad in _read_quads(path, fmt):
            graph = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            kg.add((quad.subject, quad.predicate, quad.object), graph)  # type: ignore[arg-type]
    return kg


def _read_quads(path: Path, fmt: str) -> list[ox.Quad]:
    with open_regular(path) as handle:
        if fmt == "JSON_LD":
            return _read_jsonld(handle, path)
        return _parse(_Guarded(handle, path, xml=fmt == "RDF_XML"), fmt, path)


def _parse(source: _Guarded, fmt: str, path: Path) -> list[ox.Quad]:
    """Parse, refusing the file once its quads outgrow EXPANSION_LIMIT times the bytes read.
    (N-Triples and N-Quads spell every term out in full: they cannot grow, and are not measured.)"""
    import pyoxigraph as ox

    try:
        quads = ox.parse(source, format=getattr(ox.RdfFormat, fmt))
        if fmt in ("N_TRIPLES", "N_QUADS"):
            return list(quads)
        kept, size = [], 0
        for quad in quads:
            size += len(str(quad))
            if size > EXPANSION_LIMIT * source.count + EXPANSION_ALLOWANCE:
                raise _too_big(path)
            kept.append(quad)
        return kept
    except (SyntaxError, ValueError, OSError) as err:
        raise _invalid(path, fmt, err) from None


def _read_jsonld(handle: BinaryIO, path: Path) -> list[ox.Quad]:
    """A JSON-LD file's quads; naming schema.org's context, it is read again with the shipped
    copy in its place (only then is the document held as Python objects)."""
    size = os.fstat(handle.fileno()).st_size
    try:
        return _expand_jsonld(handle, size, path)
    except _RemoteContext:
        handle.seek(0)
        data = handle.read()
    try:
        return _expand_jsonld(_with_local_context(data, path), len(data), path)
    except _RemoteContext:
        raise InputError(f"{path}: a remote JSON-LD context is not fetched (only schema.org's is known)") from None


class _RemoteContext(Exception):
    """The JSON-LD document names a context by its IRI."""


_JSONLD_CHILD = """
import sys, pyoxigraph as ox
try:
    ox.serialize(ox.parse(sys.stdin.buffer, format=ox.RdfFormat.JSON_LD), sys.stdout.buffer, format=ox.RdfFormat.N_QUADS)
except SyntaxError as err:
    sys.exit(" ".join(str(err).split()))
"""
_CHILD_MEMORY = 256 * MIB
"""Room for the child's interpreter and pyoxigraph, on top of what the document may expand to."""


def _expand_jsonld(document: BinaryIO | bytes, size: int, path: Path) -> list[ox.Quad]:
    """JSON-LD expanded by pyoxigraph in a child process whose memory is capped (where the system
    caps it: Linux, the BSDs): pyoxigraph makes all the triples of a document, and every term of
    its contexts, before it yields the first, so they cannot be measured as they come. The child
    writes N-Quads, which spell every term out and are read here as they are."""
    import pyoxigraph as ox

    limit = _CHILD_MEMORY + EXPANSION_LIMIT * size + EXPANSION_ALLOWANCE
    child = subprocess.run(
        [sys.executable, "-c", _JSONLD_CHILD],
        **({"input": document} if isinstance(document, bytes) else {"stdin": document}),
        capture_output=True,
        preexec_fn=_memory_cap(limit),
    )
    message = child.stderr.decode("utf-8", errors="replace").strip()
    if child.returncode < 0 or "MemoryError" in message or "memory allocation" in message:
        raise _too_big(path)
    if _NEEDS_REMOTE_CONTEXT in message:
        raise _RemoteContext
    if child.returncode != 0:
        raise InputError(f"{path}: not valid JSON-LD: {message.splitlines()[-1] if message else 'unreadable'}")
    return list(ox.parse(child.stdout, format=ox.RdfFormat.N_QUADS))


def _memory_cap(limit: int) -> Callable[[], None] | None:
    """What a child runs first to cap its address space at ``limit`` bytes (None: no cap here)."""
    try:
        import resource
    except ImportError:  # Windows
        return None

    def cap() -> None:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))

    return cap


def _too_big(path: Path) -> InputError:
    return InputError(f"{path}: its triples come to more than {EXPANSION_LIMIT} times the size of the file; not read")


def _invalid(path: Path, fmt: str, err: Exception) -> InputError:
    return InputError(f"{path}: not valid {fmt.replace('_', '-')}: {str(err).splitlines()[0]}")


def _with_local_context(data: bytes, path: Path) -> bytes:
    """The JSON-LD document with schema.org's context read from the copy allkg ships."""
    from allkg.schemaorg import with_local_context

    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as err:
        raise InputError(f"{path}: not valid JSON-LD: {err}") from None
    try:
        return json.dumps(with_local_context(document)).encode("utf-8")
    except ValueError as err:
        raise InputError(f"{path}: {err}") from None


class _Guarded(io.RawIOBase):
    """A file as the parser reads it: its bytes counted and, for RDF/XML, any DTD refused
    before the parser gets the bytes that declare it."""

    def __init__(self, raw: BinaryIO, path: Path, *, xml: bool) -> None:
        super().__init__()
        self.raw, self.path, self.xml = raw, path, xml
        self.count = 0
        self._tail = b""  # the end of the last read, where a '<!' may wait for its next bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        read = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        if self.xml and read:
            self._refuse_declarations(bytes(buffer[:read]))
        self.count += read
        return read

    def _refuse_declarations(self, chunk: bytes) -> None:
        window = self._tail + chunk
        start = window.find(b"<!")
        while start >= 0:
            following = window[start : start + len(b"<![CDATA[")]
            # a section's opener, or (cut by the end of this read) the start of one
            if not any(following.startswith(opener) or opener.startswith(following) for opener in _XML_SECTIONS):
                offset = self.count - len(self._tail) + start
                raise InputError(
                    f"{self.path}: RDF/XML with a DTD (a '<!' declaration at byte {offset}) is not read: "
                    "its entities could expand without bound"
                )
            start = window.find(b"<!", start + 2)
        self._tail = window[-(len(b"<![CDATA[") - 1) :]
