"""Physical lines -> logical lines: wrapped lines joined, bullets and running headers found.

Scraped and flattened pages break sentences across lines ("a cancer of the white\\nblood
cells"), hyphenate words at line ends ("bone mar-\\nrow"), mark list items with any
character a font had ("-", "•", "o", "l", "n", "1.", "a)"), and repeat a running header
and page number on every printed page. A logical line is a span of the text that reads
as one line: a heading, an item, or a run of sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from allkg.extract.structure.cues import FOOTER

BULLET = re.compile(
    r"[ \t]*(?:[-*•·–—▪◦○●■□►▸‣⁃➢✓✔→»☐☑☒~\uf0b7\uf0a7\uf076\uf0d8]|[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?|\[[ xX✓]?\]|\[(?:icon|symbol|emoji)\b[^\]\n]{0,40}\]|\d{1,2}[.)](?!\d)|\(?[a-hA-H]\)|[olnqvØ§](?=[ \t]+\S)|[A-Z](?=(?:[ ]{3,}|\t)[ \t]*\S)|[Bb]ullet(?=[ \t]{2,}\S))[ \t\u00a0]+(?:[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?[ \t]+)?"
)
"""A list-item marker at the start of a line: a bullet character, a checkbox ("[ ]"), "1." or
"a)", a letter a flattened PDF left for its bullet glyph ("o", "l", "n", "q", "v"), or a
mnemonic's capital set apart by a wide gap ("C    raised Calcium"), or an emoji a page uses
as its bullet ("🫁 Getting out of breath"), or the placeholder an export left for an icon
("[icon: bone] Bone pain"), or the word a screen reader says for a bullet ("bullet  having
Down syndrome")."""
_PLACEHOLDER = re.compile(r"^\s*\[(?:image|img|picture|photo|diagram|chart|graph|figure|graphic|video|logo)\b[^\]]*\]?\s*$", re.I)
"""A line that is only the placeholder of a picture, a chart or a diagram ("[Chart: New cases by
age at diagnosis]"): alt text, not the page's prose."""

ASIDE_AFTER = r"\([^()\n]{1,80}\)"
"""An aside in brackets after a sentence or a question ("Where does it go? (added after a member asked)")."""
FOOTNOTE_MARK = r"(?:[¹²³⁰-⁹]+|\[\d{1,3}(?:[,–-]\d{1,3})*\])"
"""A footnote's mark after a sentence: superscript digits ("cancers.⁶") or a number in brackets ("well.[6]", "[3-5]")."""
_SENTENCE_END = re.compile(rf"""[.!?:;]["'”’)\]]*{FOOTNOTE_MARK}*[ \t]*$|[.!?]["'”’]*[ \t]+{ASIDE_AFTER}[ \t]*$""")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$|^.*\S\s{3,}\d{1,3}\s*$|^\s*\d{1,3}\s{3,}\S.*$")
_DOT_LEADER = re.compile(r"\.{4,}\s*\d+\s*$")
_RULE = re.compile(r"^\s*([-=_*~#.•·+])\1{2,}[-=_*~#.•·+\s]*$")
"""A line drawn with one character ("-----", "=====", "* * *"): a divider, not text."""


@dataclass(frozen=True)
class Line:
    """A logical line: its span in the text, whether it is a list item (and where its text
    starts after the marker), and whether it is page furniture (a running header, a page
    number, a table-of-contents entry)."""

    start: int
    end: int
    number: int
    """The number of the physical line it starts on."""
    item: bool = False
    furniture: bool = False
    blank_before: bool = False


def logical_lines(text: str, heading_starts: frozenset[int] = frozenset()) -> list[Line]:
    """Cut ``text`` into logical lines. ``heading_starts`` are offsets where the page's markup
    (HTML) says a heading begins: such a line is never joined to another."""
    physical = _physical_lines(text)
    repeated = _running_headers(text, physical)
    wrap = _wrap_width(text, physical)
    lines: list[Line] = []
    blank = False
    listing = False  # short lines after a lead-in ("Symptoms can include:"): items, each a line of its own
    for number, (start, end) in enumerate(physical):
        body = text[start:end]
        if not body.strip():
            blank = True
            listing = False
            continue
        furniture = body.strip() in repeated or bool(
            _PAGE_NUMBER.match(body) or _DOT_LEADER.search(body) or _RULE.match(body) or _PLACEHOLDER.match(body)
        )
        bullet = BULLET.match(text, start, end)
        previous = lines[-1] if lines else None
        if (
            previous is not None
            and not blank
            and not furniture
            and not previous.furniture
            and bullet is None
            and start not in heading_starts
            and previous.start not in heading_starts
            and not (
                listing
                and not previous.item
                and (body[:1].strip() or _indent(body) == _indent(text[previous.start : previous.end]))
                and _short_item(text[previous.start : previous.end])
                and not _OPEN_END.search(text[previous.start : previous.end].rstrip())
            )  # (an item under a lead-in, flush or indented as the one before: " look pale" / " feed poorly"; not
            # a line that needs the next: "In about 15 out of 100 people only the eye muscles are" / "ever affected.")
            and _continues(text, previous, start, end, wrap)
        ):
            lines[-1] = Line(previous.start, end, previous.number, previous.item, False, previous.blank_before)
        else:
            lines.append(Line(start, end, number, bullet is not None, furniture, blank))
        line = text[lines[-1].start : lines[-1].end].strip()
        listing = line.endswith(":") or (listing and _short_item(line))
        blank = False
    return lines


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _short_item(line: str) -> bool:
    """A line that reads as one unmarked list item: a few words, no sentence or "Label: detail" in
    it (which may wrap onto the next line), not cut off mid-phrase (after a comma, an "and", an
    open bracket); a gloss after a dash is no length of it ("a tummy that feels full - this is from a
    swollen liver or spleen")."""
    head = _DASH_GLOSS.split(line, maxsplit=1)[0]
    return 0 < len(head.split()) <= 16 and len(line.split()) <= 32 and not re.search(
        r"[.;:!?,(]\s*$|[.;:]\s|\b(?:and|or|of|the|to|in|a|an|with|for|from|by|that|which|your|their)\s*$", line, re.I
    )


_DASH_GLOSS = re.compile(r"\s[-–—]\s")


def _physical_lines(text: str) -> list[tuple[int, int]]:
    """Each line's span, without its line break or the frame of a box drawn around it ("│ • Around
    7,500 women...│", "└ Source: ..."): a frame-only line is a blank one."""
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        end = offset + len(line.rstrip("\r\n"))
        framed = _FRAME_START.match(text, offset, end)
        start = framed.end() if framed else offset
        tail = _FRAME_END.search(text, start, end)
        spans.append((start, tail.start() if tail else end))
        offset += len(line)
    return spans


_FRAME = r"[ \t]*[\u2500-\u257f][\u2500-\u257f \t]*"
"""Box-drawing characters (U+2500-U+257F) framing a line: a box a page drew with text."""
_FRAME_START = re.compile(_FRAME)
_FRAME_END = re.compile(_FRAME + "$")


def _continues(text: str, previous: Line, start: int, end: int, wrap: int | None) -> bool:
    """The line goes on from the one before: that one does not end a sentence and this one
    starts in lower case (a wrapped sentence or item), or that one ends with a hyphen, or
    that one was cut at the page's wrap width mid-sentence ("...A blood condition called" /
    "IgM MGUS can come before WM.")."""
    before = text[previous.start : previous.end].rstrip()
    after = text[start:end].lstrip()
    if not after:
        return False
    if re.search(r"[A-Za-z]-$", before) and after[0].islower():
        return True
    if _SENTENCE_END.search(before):
        return False
    last_physical = before[before.rfind("\n") + 1 :]
    if last_physical.isupper() and len(last_physical.split()) >= 3 and not after.isupper():
        return False  # (a banner in capitals, "WHEN TO CALL US STRAIGHT AWAY – HOTLINE 01632 960 412", is a line of its own)
    if FOOTER.search(last_physical):
        return False  # (a footer's line goes on into nothing: what a scrape put after it is a line of its own)
    # a long line of a paragraph (already wrapped, or holding a sentence's end) cut mid-sentence
    in_paragraph = "\n" in before or bool(_INNER_SENTENCE_END.search(last_physical))
    wrapped = len(after.split()) > 2 and (
        (wrap is not None and len(last_physical) >= wrap - _WRAP_SLACK)
        or (in_paragraph and _LONG_LINE <= len(last_physical) <= _LONGEST_WRAP)
    )
    # (on a page not wrapped at a width, short lines in lower case are the items of a list that lost its bullets)
    long_enough = (
        len(before) > 25
        if wrap is not None or in_paragraph or _OPEN_END.search(before)
        else len(last_physical) >= _UNWRAPPED_LONG_LINE
    )
    return wrapped or bool(_OPEN_START.match(after)) or ((after[0].islower() or after[0] in "(") and long_enough)


_WRAP_SLACK = 12
_UNWRAPPED_LONG_LINE = 80
"""A line of a page not wrapped at a width that a break cut mid-sentence is at least this long."""
_OPEN_END = re.compile(
    r"(?:,|\b(?:and|or|of|the|a|an|to|in|on|with|for|from|by|your|their|that|which|who|are|is|was|were|be|can|may|will|than|into|between))$",
    re.IGNORECASE,
)
"""How a line that goes on below ends: with a comma or a word that needs the next ("bleeding gums or")."""
_OPEN_START = re.compile(r"(?:and|or|but|including|which|that|with|without|because|so|as|especially|such as|like)\b")
"""How a line that goes on from the one above starts ("and night sweats", "including nosebleeds")."""
_LONG_LINE = 60
_LONGEST_WRAP = 130
"""Longer lines are a paragraph each (a scrape), not a paragraph wrapped at a fixed width."""
_INNER_SENTENCE_END = re.compile(r"[a-z)][.!?][ \t]+[A-Z]")
"""How far short of the wrap width a hard-wrapped line may stop (the next word did not fit)."""


def _wrap_width(text: str, physical: list[tuple[int, int]]) -> int | None:
    """The width a hard-wrapped page (a plain-text or PDF export) was wrapped at: many long
    lines end within a word's length of the same column. None for a page that is not."""
    lengths = sorted(len(text[s:e].rstrip()) for s, e in physical if e - s > 40)
    if len(lengths) < 5:
        return None
    width = lengths[len(lengths) * 9 // 10]
    near = sum(1 for n in lengths if width - _WRAP_SLACK <= n <= width)
    return width if near >= max(4, len(lengths) // 3) else None


def _running_headers(text: str, physical: list[tuple[int, int]]) -> set[str]:
    """Lines that stand on the page again and again (a printed page's running header or
    footer), counted without their page numbers."""
    counts: Counter[str] = Counter()
    for start, end in physical:
        body = text[start:end].strip()
        if len(body.split()) >= 3:
            counts[without_page_number(body)] += 1
    repeated = {body for body, count in counts.items() if count >= 3}
    return {text[s:e].strip() for s, e in physical if without_page_number(text[s:e].strip()) in repeated}


def without_page_number(line: str) -> str:
    """A running header's or footer's line without its page's number ("12", "Page 2 of 4"): the
    same on every page."""
    return _PAGE_NUMBERS.sub("", line)


_PAGE_NUMBERS = re.compile(r"^\d{1,3}\s+|\s+\d{1,3}$|\bpage\s+\d{1,3}\s+of\s+\d{1,3}$|\bpage\s+\d{1,3}$", re.IGNORECASE)
