"""The structure stage: text -> logical lines -> segments -> typed sections and lists.

Nothing here knows any ontology: the page's own layout (line breaks, list markers,
headings, lead-ins, and what a scrape did to them) is all it reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from allkg.extract.structure.cues import item_like, section_type, verbless
from allkg.extract.structure.lines import logical_lines, without_page_number
from allkg.extract.structure.sections import CONTENT_SECTIONS, ListBlock, Section, lists_of, sections_of
from allkg.extract.structure.segments import Segment, run_in, segments_of

__all__ = [
    "CONTENT_SECTIONS", "Layout", "ListBlock", "Section", "Segment", "item_like", "run_in", "section_type", "structure", "verbless",
    "without_page_number",
]


@dataclass
class Layout:
    """The page's segments in order, its sections, and its lists."""

    segments: list[Segment]
    sections: list[Section]
    lists: list[ListBlock]

    def section_of(self, segment: Segment) -> Section:
        """The section a segment stands in."""
        for section in reversed(self.sections):
            if section.heading is not None and section.heading.start <= segment.start:
                return section
        return self.sections[0]


def structure(text: str, heading_starts: frozenset[int] = frozenset()) -> Layout:
    """Read the page's layout. ``heading_starts``: where the markup (HTML) says headings begin."""
    segments = segments_of(text, logical_lines(text, heading_starts), heading_starts)
    sections = sections_of(segments)
    return Layout(segments, sections, lists_of(sections))
