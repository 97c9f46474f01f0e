"""What the page says about itself: its title, its publisher, and when it was last reviewed."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from allkg.extract.structure import Layout

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_REVIEWED = re.compile(
    r"\breviewed\b(?:\s+by\s+[^.:\n]{1,80}?)?\s*(?:on\s+|:\s*|-\s*)?"
    rf"(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\.?,?\s+(?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s+)?(?P<org>[^|]+?)\s*(?:\.\s*(?:All rights|$)|$|\|)",
    re.IGNORECASE,
)


def title(layout: Layout, markup_title: str | None, names_a_disease: Callable[[str], bool]) -> str | None:
    """The page's title: its HTML <title>; else its first heading that names a disease (a
    scraped page starts with menus and banners), among the first few; else none."""
    if markup_title:
        return markup_title
    headings = [s for s in layout.segments[:60] if s.kind == "heading" and not s.boilerplate]
    return next((" ".join(h.text.split()) for h in headings[:10] if names_a_disease(h.text)), None)


def publisher(layout: Layout) -> str | None:
    """The copyright holder the footer names, as written."""
    for seg in layout.segments:
        if seg.boilerplate:
            match = _COPYRIGHT.search(seg.text)
            if match and re.search(r"[A-Za-z]{3}", match.group("org")):
                return match.group("org").strip().rstrip(".,")
    return None


def last_reviewed(text: str) -> str | None:
    """The date the page says it was last reviewed ("Last reviewed: June 24, 2024"), as YYYY-MM-DD."""
    for match in _REVIEWED.finditer(text):
        if match.group("iso"):
            stated = match.group("iso")
        else:
            month = match.group("month") or match.group("month2")
            number = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(month.lower()[:3]))
            day = match.group("day") or match.group("day2")
            stated = f"{match.group('year') or match.group('year2')}-{number:02d}-{int(day):02d}"
        try:
            return date.fromisoformat(stated).isoformat()
        except ValueError:
            continue
    return None
