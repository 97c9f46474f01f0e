"""What every fact reader shares: the page, its layout and mentions, and the lexicon."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from allkg.extract.structure import CONTENT_SECTIONS, Layout, Section, Segment
from allkg.facts import Entity, Span, concept_entity, local_entity
from allkg.lexicon import Grounding, Lexicon, Mention, PageMentions, page_label


@dataclass
class Page:
    """One page under reading."""

    name: str
    text: str
    layout: Layout
    mentions: PageMentions
    lexicon: Lexicon
    warnings: list[str] = field(default_factory=list)
    _within: dict[tuple[int, int, str | None], list[Mention]] = field(default_factory=dict, repr=False)
    _lines: dict[re.Pattern[str], frozenset[int]] = field(default_factory=dict, repr=False)

    def content(self) -> Iterator[tuple[Section, Segment]]:
        """Segments that may state facts: not site chrome, in sections about the disease."""
        for section in self.layout.sections:
            if section.type not in CONTENT_SECTIONS:
                continue
            for seg in section.segments:
                if not seg.boilerplate:
                    yield section, seg

    def outlook_in_treatment(self) -> Iterator[tuple[Section, Segment]]:
        """Sentences of treatment sections that say how well people do (the only facts read there)."""
        for section in self.layout.sections:
            if section.type == "treatment":
                for seg in section.segments:
                    if seg.kind == "sentence" and not seg.boilerplate and OUTLOOK.search(seg.text):
                        yield section, seg

    @cached_property
    def readable(self) -> list[Segment]:
        """Headings and content segments, in page order: where the page names its disease."""
        headings = [s.heading for s in self.layout.sections if s.heading is not None and not s.heading.boilerplate]
        return sorted([*headings, *(seg for _, seg in self.content())], key=lambda s: s.start)

    @cached_property
    def explanations(self) -> frozenset[int]:
        """Where the sentences that explain a list's items start ("Exposure to radiation. People
        exposed to very high levels... have an increased risk.")."""
        return frozenset(s.start for block in self.layout.lists for said in block.explanations.values() for s in said)

    @cached_property
    def lead_ins(self) -> dict[int, str]:
        """The text of the lead-in (or infobox label) each list item stands under, by where the item starts."""
        return {item.start: block.lead_in.text for block in self.layout.lists if block.lead_in for item in block.items}

    @cached_property
    def word_counts(self) -> Counter[str]:
        """How often each word (as written, hyphens splitting) stands in the readable text."""
        return Counter(w for seg in self.readable for w in re.findall(r"(?<![\w-])[\w]+(?![\w-])", seg.text))

    def within(self, start: int, end: int, kind: str | None = None) -> list[Mention]:
        """The mentions in a span (of one kind), remembered: each stage asks about the same segments."""
        key = (start, end, kind)
        found = self._within.get(key)
        if found is None:
            found = self._within[key] = self.mentions.within(start, end, kind)
        return list(found)

    def lines_matching(self, pattern: re.Pattern[str]) -> frozenset[int]:
        """The physical lines where a segment of the page's text matches ``pattern``, remembered:
        a sentence asks of its paragraph's opening without walking back when none can match."""
        found = self._lines.get(pattern)
        if found is None:
            found = self._lines[pattern] = frozenset(s.line for s in self.layout.segments if pattern.search(s.text))
        return found

    def ground(self, mention: Mention, kind: str) -> Grounding:
        grounding = self.lexicon.ground(mention, kind)
        assert grounding is not None, f"{mention.text!r} cannot name a {kind}"
        return grounding

    def entity(self, mention: Mention, kind: str) -> tuple[Entity, str]:
        """The entity a mention names as a concept of ``kind``, and how it was recognised."""
        grounding = self.ground(mention, kind)
        return concept_entity(grounding.concept), grounding.scope

    def ungrounded(self, phrase: str, kind: str, *, as_written: bool = False) -> Entity:
        """A concept the page names that no ontology term fits: kept as a local concept, said aloud
        (``as_written``: its capitals kept, for a name such as "Hispanic children")."""
        label = " ".join(phrase.split()) if as_written else page_label(phrase)
        self.warnings.append(f"{self.name}: {kind} {label!r} is not in the lexicon; kept ungrounded")
        return local_entity(kind, label)

    def span(self, seg: Segment) -> Span:
        return Span(seg.start, seg.end)


ADVICE = re.compile(
    r"\b(?:see|call|contact|tell|ask|speak to|talk to|visit|go to|phone|ring|check with)\b.{0,50}"
    r"\b(?:doctor|gp|nurse|999|911|111|a&e|hospital|team|specialist|pharmacist|cns)\b(?!\s+because\b)|\bget (?:medical )?help\b|"
    r"\burgent|\bemergenc|\bstraight away\b|\bright away\b|\bimmediately\b",
    re.IGNORECASE | re.DOTALL,
)
"""Advice to get help ("Tell your GP straight away if..."): what follows is not a fact about the disease."""


ETHNIC = (
    r"(?:Hispanic or Latino|Hispanic/Latino|Hispanic|Latino|Latina|Latinx|white|Caucasian|Black|African[- ]American|Asian|South Asian|East Asian|"
    r"Ashkenazi Jewish|Jewish|(?:Northern |Southern |Eastern |Western )?European|Mediterranean|Middle Eastern|Roma|Afrikaner|"
    r"Asian American|Native American|American Indian|Alaska Native|Pacific Islander|Native Hawaiian|Aboriginal|M[aā]ori)"
    r"(?: (?:European|African|Caribbean|American|British))?"
)
"""Groups of people by ethnicity or ancestry, as pages name them ("white" is a colour unless it names people)."""


OUTLOOK = re.compile(
    r"\boutlook\b|\bprognos\w*|\bsurviv\w*|\bcured?\b|\bcure rates?\b|\bfull recovery\b|\brecover fully\b|"
    r"\bdo(?:es)? (?:less |very |really |generally |usually |often )?(?:well|better|worse)\b",
    re.IGNORECASE,
)
"""Words that say how well people do with the disease."""


def clean_phrase(text: str) -> str:
    """A phrase without footnote markers ("fatigue[3]", "groin2", "¹"), edge punctuation and spaces."""
    text = re.sub(r"\[\d+(?:[,–-]\s*\d+)*\]|\s*\[[^\]]{3,80}\]|[¹²³⁰-⁹]+|(?<=[A-Za-z.)])\d{1,2}(?=\W*$)", "", text)
    return text.strip().strip(".,;:*•·▪–-").strip()
