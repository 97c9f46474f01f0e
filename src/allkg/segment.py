"""Cut a page into sentences, headings and list items, and mark boilerplate.

Scraped pages lose their markup: sentences run together ("made.The word"),
list items are glued ("treatment.Exposure"), and lists can land after the
footer. This module recovers that structure from the text alone, keeping
every segment's exact span in the decoded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

SegmentKind = Literal["sentence", "heading", "lead-in", "item"]

_BULLET = re.compile(r"[ \t]*(?:[-*•·–—▪◦]|\d{1,2}[.)])[ \t]+")
# A sentence ends at . ! ? or : (plus closing quotes/brackets) when the next
# sentence starts, with or without the space a scrape may have eaten.
_BOUNDARY = re.compile(r"""(?<=[.!?:])["'”’)\]]*(?=\s*["“(]?[A-Z0-9])|(?<=[a-z]{3})(?=[A-Z][a-z]{2,})""")
_ABBREVIATIONS = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St|No|approx|Inc|Ltd|Co)|\b[A-Z])\.$")
_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|could|may|might|will|would|should|must|does|do|did|"
    r"cannot|tend|tends|occur|occurs|happen|happens|become|becomes|include|includes|mean|means)\b",
    re.IGNORECASE,
)
MAX_ITEM_WORDS = 20
_EXPLANATION_CUE = re.compile(
    r"\b(?:risk|increase[sd]?|more likely|linked|associated|chance|causes?|may have|can lead)\b", re.IGNORECASE
)

# Footer, navigation, advertising and community widgets of health sites.
_BOILERPLATE = re.compile(
    r"©|\bcopyright\b|all rights reserved|\badvertis|\bsponsor|privacy policy|terms of (?:use|service)|"
    r"\bcontact us\b|\bdonat(?:e|ion)|\bgive now\b|tax-deductible|\bsupport group|\bconnect with others\b|"
    r"\d+\s+(?:replies|comments|likes)\b|best-sellers|\bnewsletters?\b|\bsubscribe\b|\bsign up\b|\blog in\b|"
    r"request an appointment|find a doctor|\bcare at\b|does not endorse|related pages|\bcookies?\b|"
    r"\bshare (?:this|on)\b|\bprint this\b|\bhome\s*[>›»]|\bnot-for-profit mission\b|\bpress\b.*\bbooks?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Segment:
    """A sentence, heading, list lead-in or list item, with its exact span."""

    start: int
    end: int
    text: str
    kind: SegmentKind
    boilerplate: bool = False
    line: int = 0


@dataclass
class ListBlock:
    """A lead-in ("...include:") with its items; ``items`` is empty when the list was lost, and
    ``lead_in`` is None for items found after the footer before they are given to a lead-in."""

    lead_in: Segment | None
    items: list[Segment] = field(default_factory=list)
    explanations: dict[int, list[Segment]] = field(default_factory=dict)
    """Sentences that follow an item and explain it ("Exposure to radiation. People exposed
    to very high levels ... have an increased risk"), by the item's start offset."""


@dataclass
class Layout:
    """The page's segments in order, and the lists found among them."""

    segments: list[Segment]
    lists: list[ListBlock]

    @property
    def content(self) -> list[Segment]:
        """Segments that are not boilerplate."""
        return [s for s in self.segments if not s.boilerplate]


def segment(text: str) -> Layout:
    """Segment ``text`` and recover its lists (including displaced ones)."""
    segments: list[Segment] = []
    offset = 0
    for line_no, line in enumerate(text.splitlines(keepends=True)):
        segments.extend(_segment_line(text, offset, offset + len(line.rstrip("\r\n")), line_no))
        offset += len(line)
    return Layout(segments, _find_lists(segments))


def _segment_line(text: str, start: int, end: int, line_no: int) -> list[Segment]:
    bullet = _BULLET.match(text, start, end)
    if bullet:
        span = _strip(text, bullet.end(), end)
        if span is None:
            return []
        return [_make(text, *span, "item", line_no)]
    pieces = []
    cursor = start
    for boundary in _BOUNDARY.finditer(text, start, end):
        cut = boundary.end() if boundary.end() > boundary.start() else boundary.start()
        if _ABBREVIATIONS.search(text, cursor, boundary.start()):
            continue
        pieces.append((cursor, cut))
        cursor = cut
    pieces.append((cursor, end))
    result = []
    single = len(pieces) == 1
    for piece_start, piece_end in pieces:
        span = _strip(text, piece_start, piece_end)
        if span is None:
            continue
        s, e = span
        body = text[s:e]
        if body.endswith(":"):
            kind: SegmentKind = "lead-in"
        elif single and not body.endswith((".", "!", "?", ";", ",")) and len(body.split()) <= MAX_ITEM_WORDS:
            kind = "heading"
        else:
            kind = "sentence"
        result.append(_make(text, s, e, kind, line_no))
    return result


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _make(text: str, start: int, end: int, kind: SegmentKind, line_no: int) -> Segment:
    body = text[start:end]
    return Segment(start, end, body, kind, bool(_BOILERPLATE.search(body)), line_no)


def is_item_like(seg: Segment) -> bool:
    """Short, verbless, not a question or heading cue: reads like a list item."""
    if seg.kind == "item":
        return True
    if seg.kind == "lead-in" or seg.boilerplate or seg.text.endswith("?"):
        return False
    words = seg.text.split()
    return 0 < len(words) <= MAX_ITEM_WORDS and not _FINITE_VERB.search(seg.text) and seg.text[:1].isupper()


def _find_lists(segments: list[Segment]) -> list[ListBlock]:
    """Attach items to their lead-ins; collect item runs with no lead-in after the footer starts.

    A run counts as a displaced list only after a lead-in lost its items and
    boilerplate (the footer) began: elsewhere short phrases are just headings.
    """
    lists: list[ListBlock] = []
    footer_started = False
    current: ListBlock | None = None
    orphan: ListBlock | None = None
    for index, seg in enumerate(segments):
        if seg.kind == "lead-in" and not seg.boilerplate:
            current = ListBlock(seg)
            lists.append(current)
            orphan = None
            continue
        if current is not None and is_item_like(seg) and _continues_list(current, seg):
            current.items.append(seg)
            continue
        if current is not None and current.items and _explains(seg) and _continues_list(current, seg):
            current.explanations.setdefault(current.items[-1].start, []).append(seg)
            continue
        current = None
        # the footer counts only once a lead-in has been left without items
        footer_started = footer_started or (seg.boilerplate and any(not b.items for b in lists if b.lead_in))
        if footer_started and is_item_like(seg) and not seg.boilerplate:
            if orphan is None:
                orphan = ListBlock(None)
                lists.append(orphan)
            orphan.items.append(seg)
        elif seg.kind != "heading" or seg.boilerplate:
            orphan = None
    # a "run" of one short phrase after the footer is a link text, not a list
    return [block for block in lists if block.lead_in is not None or len(block.items) >= 2]


def _continues_list(block: ListBlock, seg: Segment) -> bool:
    """Bullet items continue a list across lines; run-on items (and explanations) stay near
    the lead-in: on its line, or on the line of the list's last item or explanation."""
    assert block.lead_in is not None
    if seg.kind == "item":
        return True
    last = block.items[-1] if block.items else block.lead_in
    for explained in block.explanations.values():
        if explained[-1].start > last.start:
            last = explained[-1]
    return seg.line in (block.lead_in.line, last.line, last.line + 1) and seg.kind == "sentence"


def _explains(seg: Segment) -> bool:
    """A sentence that explains the item before it (why it raises the risk, what it is)."""
    return seg.kind == "sentence" and not seg.boilerplate and bool(_EXPLANATION_CUE.search(seg.text))
