"""Segments -> sections typed by their headings, and lists with their lead-ins.

A section runs from a heading to the next; its type says what its text is about
(symptoms, risk factors, causes, who gets it, outlook...) or that nothing in it is a fact
about the disease (treatment, tests, side effects, advice, navigation). A list is a run of
items (or of short item-like sentences after a lead-in on the same line, as run-on scrapes
leave them); its kind comes from its lead-in's words, else from its section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from allkg.extract.structure.cues import FOOTER, item_like, section_type
from allkg.extract.structure.segments import Segment

_ORIGIN = re.compile(
    r"(?:(?:problems|symptoms|signs|effects|trouble)\s+)?(?:from|due to|caused by|because of|linked to|related to)\b", re.IGNORECASE
)
"""A sub-heading that groups its section's items by where they come from ("From thick blood",
"Problems caused by low numbers of blood cells")."""
_FACTOR = re.compile(
    r"(?:having|had|previous|prior|past|earlier|exposure|exposed|being|contact with|use of|taking|long-term)\b", re.IGNORECASE
)
"""A sub-heading of risk factors that names one, whatever its words ("Previous chemotherapy")."""
_STAGE = re.compile(r"(?:[\w-]+\s+){1,2}stage\b(?!\s+of\b)", re.IGNORECASE)
"""A heading that names a stage of the disease ("Early disseminated stage", "Late stage"; not
"Stages of lung cancer", a section of staging)."""
_WITH_SUBHEADINGS = frozenset({"symptoms", "risk", "cause", "treatment", "diagnosis", "who"})
"""Sections whose sub-headings often say nothing of their topic ("From thick blood", "Induction")."""
_NO_FACTS = frozenset({"treatment", "diagnosis", "prevention", "complications"})
CONTENT_SECTIONS = frozenset({"page", "about", "symptoms", "risk", "cause", "who", "outlook", "types", "other"})
"""Sections whose sentences may state facts about the disease (the others never do)."""


@dataclass
class Section:
    """A heading (None for the text before the first) and the segments under it."""

    heading: Segment | None
    type: str
    segments: list[Segment] = field(default_factory=list)


@dataclass
class ListBlock:
    """A lead-in ("Symptoms include:"), or a bare heading, with its items."""

    lead_in: Segment | None
    section: Section
    items: list[Segment] = field(default_factory=list)
    displaced: bool = False
    """Items a scrape moved away from their lead-in (found after the page's footer began)."""
    intro: Segment | None = None
    """The sentence just before a list that has no lead-in ("Most of the signs come from...")."""
    explanations: dict[int, list[Segment]] = field(default_factory=dict)
    """Sentences a run-on scrape left between items, explaining the item before them
    ("Exposure to radiation. People exposed to very high levels... have an increased risk."),
    by the item's start."""


def sections_of(segments: list[Segment]) -> list[Section]:
    """Cut the page at its headings (not at site chrome that merely looks like one: a menu
    label, or an item a scrape cut off at "Show more"). A heading that says nothing of its
    topic continues the typed section before it: a sub-heading."""
    sections = [Section(None, "page")]
    enclosing = "page"
    opener: Segment | None = None  # the heading that opened the enclosing section
    contents_listed = False  # the section so far holds a list's items
    read = False  # a sentence of the page came before
    for seg in segments:
        # (a heading of advice that reads as chrome, "WHEN TO CALL US STRAIGHT AWAY – HOTLINE ...", still ends the section)
        if seg.kind == "heading" and (not seg.boilerplate or section_type(seg.text) == "advice"):
            kind = section_type(seg.text)
            if not read and kind in _NO_FACTS and len(seg.text.split()) > 2:
                # the page's title ("Childhood ALL Treatment (PDQ)") or a news headline and its standfirst
                # ("Clinical trial offers new option for adults with ...") head the whole page, not a section
                kind = "other"
            subheading = (  # (a question asks of a topic of its own: "Could it be something else?", "How you get it")
                len(seg.text.split()) <= 8 and not seg.outline_title and not seg.text.rstrip().endswith("?")
                and not (len(seg.text.split()) >= 3 and _TOPIC_OPENING.match(seg.text))
                and _deeper(seg, sections[-1].heading, opener)
            )
            parent = enclosing
            words = _HEADING_NUMBER.sub("", seg.text, count=1).lstrip()
            if parent in _WITH_SUBHEADINGS and subheading and (kind == "other" or _ORIGIN.match(words)):
                kind = parent  # a sub-heading ("General", "From low blood counts") of a typed section
            elif parent not in ("page", "other", "navigation") and subheading and _BOX_LABEL.match(words):
                kind = parent  # a summary box's label ("KEY POINTS") at the top of a typed section
            elif parent in ("risk", "cause") and subheading and _FACTOR.match(words):
                kind = parent  # a risk factor as a sub-heading ("Having radiotherapy or chemotherapy")
            elif parent == "symptoms" and _STAGE.match(words):
                kind = parent  # the signs of a stage ("Early localized stage (3 to 30 days after the bite)"), no staging
            sections.append(Section(seg, kind))
            # (a "who" sub-heading, "Age", is a topic within the risk factors: "Genetic syndromes" after it is still one)
            inherits = subheading and (kind == parent or (kind == "who" and parent in _WITH_SUBHEADINGS))
            enclosing, opener = (parent, opener) if inherits else (kind, seg)
            contents_listed = False
        elif contents_listed and _past_contents(sections[-1], seg):
            sections.append(Section(None, "other", [seg]))  # the text a table of contents was put above
        else:
            sections[-1].segments.append(seg)
            contents_listed = contents_listed or seg.kind == "item"
            read = read or (seg.kind == "sentence" and not seg.boilerplate)
    return sections


_BOX_LABEL = re.compile(r"(?:key (?:points?|facts|messages)|summary|in (?:brief|short)|at a glance|quick facts)\W*$", re.IGNORECASE)
"""The label of a box that sums a section up: it heads no topic of its own."""
_TOPIC_OPENING = re.compile(r"(?:how|what|why|when|who|where|things you|going back|living with)\b", re.IGNORECASE)
"""How a heading of a topic of its own opens, a question without its mark ("How you get glandular fever")."""


def _past_contents(section: Section, seg: Segment) -> bool:
    """A paragraph after a table of contents' entries (some were listed), under no heading of its own."""
    return (
        section.heading is not None
        and bool(_CONTENTS.search(section.heading.text))
        and seg.kind == "sentence"
        and not seg.boilerplate
        and len(seg.text.split()) >= 8
    )


_CONTENTS = re.compile(r"^contents$|^table of contents$|in this (?:article|section|page)|on this page|^jump to", re.I)


def _deeper(heading: Segment, parent: Segment | None, opener: Segment | None) -> bool:
    """A heading can be a sub-heading of the one before: it is unnumbered, numbered deeper
    ("4.1 From thick blood" under "4. Symptoms"; "4. Pathophysiology" is a peer of "3. Causes"),
    or one of the numbered headings under an unnumbered one ("1. Fever and infections", "2.
    Bleeding" under "Early symptoms you should not ignore")."""
    number = _HEADING_NUMBER.match(heading.text)
    if number is None or (opener is not None and _HEADING_NUMBER.match(opener.text) is None):
        return True
    above = _HEADING_NUMBER.match(parent.text) if parent is not None else None
    return above is not None and len(re.findall(r"\d+", number.group())) > len(re.findall(r"\d+", above.group()))


_HEADING_NUMBER = re.compile(r"\s*\d{1,2}(?:(?:\.\d{1,2})+\.?|\.)(?=\s)")
"""An outline number before a heading: "4.", "4.1", "4.1." (not "49 ·")."""


def lists_of(sections: list[Section]) -> list[ListBlock]:
    """The lists of every section: items after a lead-in, or items straight under a heading;
    and runs of item-like sentences after the footer began, which a scrape moved there
    from a lead-in left empty (``displaced``)."""
    blocks: list[ListBlock] = []
    footer_started = False
    for section in sections:
        current: ListBlock | None = None
        previous: Segment | None = None
        for seg in section.segments:
            if seg.kind == "lead-in" and not seg.boilerplate:
                current = ListBlock(seg, section)
                blocks.append(current)
            elif seg.kind == "item" and not seg.boilerplate:
                if current is None:
                    # items under a heading of their own are in place; after the footer, under none, moved
                    moved = footer_started
                    current = ListBlock(None, section, displaced=moved, intro=previous)
                    blocks.append(current)
                current.items.append(seg)
            elif _aside_before_items(seg, current):
                continue  # a banner or a screen reader's "list with 5 items" between a lead-in and its items
            elif current is not None and current.lead_in is not None and _glued_item(seg, current):
                current.items.append(seg)
            elif current is not None and current.items and _explains(seg, current):
                current.explanations.setdefault(current.items[-1].start, []).append(seg)
            elif (
                footer_started
                and seg.kind == "sentence"
                and not seg.boilerplate
                and item_like(seg.text)
            ):
                if current is None or not current.displaced:
                    current = ListBlock(None, section, displaced=True)
                    blocks.append(current)
                current.items.append(seg)
            else:
                footer_started = footer_started or (bool(FOOTER.search(seg.text)) and _left_empty(blocks))
                current = None
            previous = seg if seg.kind == "sentence" and not seg.boilerplate else None
    # one short phrase after the footer is a link's text, not a list
    return [b for b in blocks if b.lead_in is not None or (b.items and (not b.displaced or len(b.items) >= 2))]


def _aside_before_items(seg: Segment, block: ListBlock | None) -> bool:
    """A short line of chrome between a lead-in and its first item ("ADVERTISEMENT", a screen
    reader's "list with 5 items"), not the footer: the list goes on after it."""
    return (
        seg.boilerplate
        and block is not None
        and block.lead_in is not None
        and not block.items
        and len(seg.text.split()) <= _ASIDE_WORDS
        and not FOOTER.search(seg.text)
    )


_ASIDE_WORDS = 6


def _explains(seg: Segment, block: ListBlock) -> bool:
    """A sentence after an item on its line: one that says why the item matters, between run-on
    items; or, an item to a line, what the item's line goes on to say of it ("Having certain
    inherited conditions. These include Down syndrome.")."""
    return (
        seg.kind == "sentence"
        and not seg.boilerplate
        and block.lead_in is not None
        and seg.line == block.items[-1].line
        and (seg.line == block.lead_in.line and bool(_EXPLANATION_CUE.search(seg.text)) or seg.line > block.lead_in.line)
    )


_EXPLANATION_CUE = re.compile(
    r"\b(?:risk|increase[sd]?|more likely|linked|associated|chance|causes?|may have|can lead)\b", re.IGNORECASE
)


def _left_empty(blocks: list[ListBlock]) -> bool:
    """A lead-in has been left without items (the footer may hold them)."""
    return any(b.lead_in is not None and not b.items for b in blocks)


def _glued_item(seg: Segment, block: ListBlock) -> bool:
    """A short sentence on the lead-in's own line, as a run-on scrape leaves items
    ("The most common signs are:Pallor.Tiredness.Fever."); not a sentence after a numbered
    list on that line, which the list's numbers end."""
    assert block.lead_in is not None
    last = block.items[-1] if block.items else block.lead_in
    return (
        seg.kind in ("sentence", "heading")
        and last.kind != "item"
        and not seg.boilerplate
        and seg.line == last.line
        and seg.line == block.lead_in.line
        and item_like(seg.text)
    )
