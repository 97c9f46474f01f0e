"""Read a source page: bytes -> exact decoded text, with its sha256.

Offsets everywhere in allkg are code-point offsets into ``SourceDocument.text``,
the decoded text with one leading byte-order mark removed and nothing else
changed (CRLF line ends are kept, so quotes match the text byte for byte).
For an HTML page, that text is the page's readable text (``html.py``); for an e-mail saved
with its headers and a quoted-printable body ("it=E2=80=99s", lines broken with "="), the
decoded body; for a page whose UTF-8 was read as Windows-1252 and saved again ("Itâ€™s"),
the repaired text (ftfy).
"""

from __future__ import annotations

import codecs
import hashlib
import quopri
import re
from dataclasses import dataclass
from pathlib import Path

from allkg.errors import InputError
from allkg.fileio import read_limited
from allkg.html import HTMLPageError, html_to_text, looks_like_html

MAX_SOURCE_BYTES = 5 * 1024 * 1024
"""Pages larger than this are refused unless raised: a patient page is a few kilobytes
(the seed is 2.7 KB) and extraction runs at about 1.5 MiB/s."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_QUOTED_PRINTABLE = re.compile(r"^Content-Transfer-Encoding:\s*quoted-printable\s*$", re.IGNORECASE | re.MULTILINE)
"""An e-mail's header saying its body is quoted-printable (a newsletter saved as text)."""
_MOJIBAKE = re.compile("â€|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]|ï‚")
"""UTF-8 read as Windows-1252 and saved again ("Itâ€™s", "Â " for a no-break space)."""
_MOJIBAKE_AT_LEAST = 3
_WORD_CONDITIONALS = re.compile(r"\[if !?[^\]\n]{1,40}\]|\[endif\]")
"""What a paste from Word leaves of its conditional comments ("[if !supportLists]1. [endif]")."""


@dataclass(frozen=True)
class SourceDocument:
    """One decoded page and what we know about its bytes."""

    name: str
    text: str
    sha256: str
    encoding: str
    media_type: str = "text/plain"
    title: str | None = None
    headings: tuple[int, ...] = ()
    """Offsets in ``text`` where the page's markup (HTML h1-h6) starts a heading."""


def read_source(path: Path, *, max_bytes: int = MAX_SOURCE_BYTES) -> SourceDocument:
    """Read and decode one page, or raise :class:`InputError` with a one-line reason."""
    data = read_limited(path, max_bytes, over="for one page (raise it with --max-source-mib)")
    return decode_source(data, name=path.name, max_bytes=max_bytes)


def decode_source(data: bytes, *, name: str, max_bytes: int = MAX_SOURCE_BYTES) -> SourceDocument:
    """Decode page bytes: BOM-declared UTF-8/16/32, else UTF-8, else Windows-1252."""
    if len(data) > max_bytes:
        raise InputError(f"{name}: {len(data) / 1_048_576:.1f} MiB is over the limit for one page")
    text, encoding = _decode(data, name)
    if _QUOTED_PRINTABLE.search(text, 0, 4096):
        text, encoding = _decode(quopri.decodestring(data), name)[0], f"quoted-printable {encoding}"
    if len(_MOJIBAKE.findall(text, 0, 65536)) >= _MOJIBAKE_AT_LEAST:
        import ftfy  # (only for a page that shows the damage)

        text = _WORD_CONDITIONALS.sub("", ftfy.fix_encoding(text))
    if not text.strip():
        raise InputError(f"{name}: the page is empty")
    _reject_binary(text, name)
    media_type, title, headings = "text/plain", None, ()
    if name.lower().endswith((".html", ".htm", ".xhtml")) or looks_like_html(text):
        try:
            text, title, headings = html_to_text(text)
        except HTMLPageError as err:
            raise InputError(f"{name}: {err}") from None
        media_type = "text/html"
        if not text.strip():
            raise InputError(f"{name}: the HTML page has no readable text")
    return SourceDocument(
        name=name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        media_type=media_type,
        title=title,
        headings=headings,
    )


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding.split("-le")[0].split("-be")[0]
            except UnicodeDecodeError as err:
                raise InputError(f"{name}: declares {encoding} by its byte-order mark but is not ({err.reason})") from None
    if b"\x00" in data:
        raise InputError(f"{name}: binary data (NUL bytes), not a text page")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        raise InputError(f"{name}: neither UTF-8 nor Windows-1252 text") from None


def _reject_binary(text: str, name: str) -> None:
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ch < " " or ch == "\x7f") and ch not in _ALLOWED_CONTROLS)
    if controls > max(2, len(sample) // 100):
        raise InputError(f"{name}: binary data ({controls} control characters), not a text page")
