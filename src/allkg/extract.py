"""Recognisers: one function per kind of fact, each returning facts with evidence.

Every recogniser reads the segmented page (``segment.py``) and the lexicon
(``ontology/vocabulary.ttl``); none of them knows the seed page's wording.
A fact is emitted only where a sentence states it with a cue (a relation word
near the entity); co-occurrence alone is never enough.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from allkg.facts import (
    Entity,
    Extraction,
    Fact,
    Flag,
    Span,
    Term,
    Text,
    concept_entity,
    local_entity,
    statement_entity,
)
from allkg.lexicon import Lexicon, Mention
from allkg.segment import Layout, ListBlock, Segment, segment
from allkg.source import SourceDocument

# --- cues -------------------------------------------------------------------

_DISEASE_HEAD = r"(?:cancer|disease|disorder|leuka?emia|lymphoma|condition|syndrome|malignancy|tumou?r|neoplasm)"
_DEFINITION = re.compile(
    r"(?P<name>[A-Za-z][\w'-]*(?:[ \t]+[\w'-]+){0,6}?)[ \t]*(?:\((?P<abbr>[A-Z][A-Za-z0-9-]{1,9})\)[ \t]*)?"
    rf"(?:is|are)[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){{0,4}}?{_DISEASE_HEAD}s?\b"
)
_PRONOUN_SUBJECT = re.compile(
    r"^(?:It|This (?:disease|illness|leuka?emia|cancer)|The (?:disease|illness))\b", re.IGNORECASE
)
_DISEASE_REFERENCE = re.compile(
    r"\b(?:it|this (?:type of )?(?:disease|illness|leuka?emia|cancer)|the (?:disease|illness))\b", re.IGNORECASE
)
_QUOTED_NAME = re.compile(r"[\"“](?P<name>[^\"“”\n]{1,200})[\"”]")
_QUOTED_LIST = r"[\"“][^\"“”\n]{1,200}[\"”](?:[ \t]*(?:,[ \t]*)?(?:or|and|,)[ \t]*[\"“][^\"“”\n]{1,200}[\"”])*"
_NAMES = r"(?:(?P<quoted>" + _QUOTED_LIST + r")|(?P<names>[^.;:()]+))"
"""Names after a cue: quoted names are taken whole (any character but a quote), others end at . ; : ( )."""
_SYNONYM_CUE = re.compile(
    r"[ \t]*(?:\([^)]*\)[ \t]*)?[ \t,]*(?:(?:is|are|may be|can be|may also be|can also be)[ \t]+)?"
    r"(?:also[ \t]+|sometimes[ \t]+|often[ \t]+|commonly[ \t]+)?"
    r"(?:known as|called|referred to as|termed)[ \t]+" + _NAMES
)
_PAREN_SYNONYM = re.compile(
    r"[ \t]*\([ \t]*(?:also|sometimes|often)[ \t]+(?:called|known as)[ \t]+"
    r"(?:(?P<quoted>" + _QUOTED_LIST + r")|(?P<names>[^)]+))\)"
)
_ANY_SYNONYM_CUE = re.compile(
    r"\b(?:also|sometimes|often|commonly)\s+(?:known as|called|referred to as|termed)\s+" + _NAMES,
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:or|and)?\s*|\s+or\s+|\s+and\s+")
_AFFECTS = re.compile(r"\baffect(?:s|ed|ing)?\b", re.IGNORECASE)
_CELL_MODIFIER = re.compile(
    r"(?:leuka?emic|cancerous|malignant|abnormal|too many|large numbers of|excess(?:ive)?)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_APPOSITION = re.compile(r"\s+(?:called|known as|named)\s+$", re.IGNORECASE)
_LOCATION_CUE = re.compile(
    rf"\b{_DISEASE_HEAD}\s+(?:of|in)\b|\b(?:starts|begins|arises|develops|originates)\s+in\b|"
    r"\binvolves?\b|\bspreads?\s+to\b",
    re.IGNORECASE,
)
_ANATOMY_BEFORE_HEAD = re.compile(rf"^\s+{_DISEASE_HEAD}\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"\s+[—–]\s+|\s+-\s+|;\s+|,\s+(?=the\s+\w+\s+(?:tissue|part|organ)\b)")
_AGE_CLAUSE_BREAK = re.compile(r",\s+(?=(?:and|but|though|although|while|whereas)\b)|;\s+")
_PROGNOSIS = re.compile(
    r"\bcure[sd]?\b|\boutlook\b|\bprognos|\bsurviv|\brecover|\bdo(?:es)?\s+(?:\w+\s+)?well\b|\bremission\b",
    re.IGNORECASE,
)
_EPIDEMIOLOGY = re.compile(
    r"\bcommon\b|\boccurs?\b|\baffects?\b|\bdiagnosed\b|\brare\b|\bfrequent|\bget it\b|\bmost often\b|\bincidence\b",
    re.IGNORECASE,
)
_FAVOURABLE = re.compile(r"\bgood\b|\bbetter\b|\bhigh\b|\bexcellent\b|\bfavou?rable\b", re.IGNORECASE)
_UNFAVOURABLE = re.compile(r"\breduced\b|\blower\b|\bless\b|\bworse\b|\bpoor(?:er)?\b|\bunfavou?rable\b", re.IGNORECASE)
_RAPID = re.compile(r"\brapid(?:ly)?\b|\bquick(?:ly)?\b|\bfast\b|\bsudden(?:ly)?\b|\bgets worse\b", re.IGNORECASE)
_PROGRESSION_START = re.compile(r"\b(?:the fact that|because|since)\s+", re.IGNORECASE)
_RESEMBLES = re.compile(r"\bsymptoms?\b.*\b(?:mimic|resemble|look like|similar to|like those of)\b", re.IGNORECASE)
_CAUSE_CUE = re.compile(
    r"\b(?:occurs|develops|starts|begins|happens)\s+when\b|\bis caused by\b|\bresults? from\b", re.IGNORECASE
)
_UNKNOWN_CAUSE = re.compile(
    r"\b(?:not (?:clear|known)|unknown|unclear|nobody knows|no one knows)\b.*\bcaus", re.IGNORECASE
)
_RISK_LEAD_IN = re.compile(r"\brisk\b|\braise the chance\b|\bincrease the (?:chance|likelihood)\b", re.IGNORECASE)
_SYMPTOM_LEAD_IN = re.compile(r"\bsymptoms?\b|\bsigns?\b", re.IGNORECASE)
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
_INLINE_LIST = re.compile(r"(?P<lead>.*?\binclude[sd]?:?)\s+(?P<items>\S.*?)\.?$", re.IGNORECASE | re.DOTALL)
_SEMICOLON_ITEMS = re.compile(r"\s*;\s*(?:and\s+)?")
_COMMA_ITEMS = re.compile(r"\s*,\s*(?:and\s+|or\s+)?(?![^(]*\))|\s+and\s+(?![^(]*\))")
_PREPOSITION = re.compile(r"\b(?:with|of|to|for|from|under|in|on|at|by|before|after)\b", re.IGNORECASE)
_ITEM_PREFIX = re.compile(r"^(?:having|being|certain|some|a|an|the)\s+", re.IGNORECASE)


def extract(document: SourceDocument, lexicon: Lexicon) -> Extraction:
    """Read one page into facts with evidence; what cannot be grounded is reported."""
    page = _Page(document, lexicon, segment(document.text))
    result = Extraction(document)
    result.title = document.title or page.title()
    result.publisher = page.publisher()
    result.last_reviewed = page.last_reviewed()
    disease = page.main_disease()
    if disease is None:
        result.warnings.append(f"{document.name}: no disease is defined or named on this page; no facts extracted")
        return result
    for recogniser in (
        page.names,
        page.cell_types,
        page.anatomy,
        page.age_groups,
        page.risk_factors,
        page.symptoms,
        page.course,
        page.resemblance,
        page.cause,
    ):
        result.facts.extend(recogniser(disease))
    result.facts = _merge(result.facts, result.warnings, document.name)
    result.warnings.extend(page.warnings)
    return result


MAX_EVIDENCE_PER_FACT = 5
"""Places kept as evidence when a page states the same fact again and again."""


def _merge(facts: list[Fact], warnings: list[str], name: str) -> list[Fact]:
    """One fact per triple, with the evidence of every place that states it (the first few, in page order)."""
    merged: dict[tuple[str, str, object], Fact] = {}
    spans: dict[tuple[str, str, object], set[Span]] = {}
    for fact in facts:
        key = (fact.subject.path, fact.predicate, fact.object)
        merged.setdefault(key, fact)
        spans.setdefault(key, set()).update(fact.evidence)
    result = []
    for key, fact in merged.items():
        evidence = sorted(spans[key], key=lambda s: (s.start, s.end))
        if len(evidence) > MAX_EVIDENCE_PER_FACT:
            warnings.append(
                f"{name}: {fact.kind} fact stated in {len(evidence)} places; the first {MAX_EVIDENCE_PER_FACT} are kept"
            )
            evidence = evidence[:MAX_EVIDENCE_PER_FACT]
        result.append(Fact(fact.kind, fact.subject, fact.predicate, fact.object, tuple(evidence), fact.explanation))
    return result


class _Page:
    """One page under extraction: its text, segments, lexicon mentions and main disease."""

    def __init__(self, document: SourceDocument, lexicon: Lexicon, layout: Layout) -> None:
        self.text = document.text
        self.name = document.name
        self.lexicon = lexicon
        self.layout = layout
        self.content = layout.content
        self.warnings: list[str] = []
        self._name_span: Span | None = None
        self._abbreviation: tuple[str, Span] | None = None
        self._disease: Entity | None = None
        self._segment_mentions: dict[int, list[Mention]] = {}
        self._lists: list[ListBlock] | None = None

    # -- page metadata ------------------------------------------------------

    def title(self) -> str | None:
        """The page's own title: a heading on its first line."""
        first = self.layout.segments[0] if self.layout.segments else None
        if first is not None and first.kind == "heading" and not first.boilerplate:
            return first.text
        return None

    def publisher(self) -> str | None:
        """The copyright holder the footer names, as written."""
        for seg in self.layout.segments:
            if seg.boilerplate:
                match = _COPYRIGHT.search(seg.text)
                if match and re.search(r"[A-Za-z]{3}", match.group("org")):
                    return match.group("org").strip().rstrip(".,")
        return None

    def last_reviewed(self) -> str | None:
        """The date the page says it was last reviewed ("Last reviewed: June 24, 2024"), as YYYY-MM-DD."""
        for match in _REVIEWED.finditer(self.text):
            if match.group("iso"):
                text = match.group("iso")
            else:
                month = match.group("month") or match.group("month2")
                number = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(month.lower()[:3]))
                day = match.group("day") or match.group("day2")
                text = f"{match.group('year') or match.group('year2')}-{number:02d}-{int(day):02d}"
            try:
                return date.fromisoformat(text).isoformat()
            except ValueError:
                continue
        return None

    # -- the disease ------------------------------------------------------------

    def main_disease(self) -> Entity | None:
        """The disease the page defines ("X (ABBR) is a ... cancer"), else the one it names most."""
        for seg in self.content:
            match = _DEFINITION.match(seg.text)
            if match is None or _PRONOUN_SUBJECT.match(match.group("name")):
                continue
            name_start = seg.start + match.start("name")
            mentions = [
                m
                for m in self.lexicon.mentions(self.text, name_start, seg.start + match.end("name"))
                if m.concept.kind == "disease"
            ]
            if mentions:
                mention = mentions[-1]
                entity = concept_entity(mention.concept)
                self._name_span = Span(mention.start, mention.end)
            elif re.search(rf"{_DISEASE_HEAD}$", match.group("name"), re.IGNORECASE):
                entity = local_entity("disease", _sentence_case(match.group("name")))
                self._name_span = Span(name_start, seg.start + match.end("name"))
                self.warnings.append(
                    f"{self.name}: disease {entity.label!r} is not in the vocabulary; kept as an ungrounded local concept"
                )
            else:
                continue
            self._disease = entity
            return entity
        counts = Counter(
            m.concept.path for seg in self.content for m in self._mentions(seg) if m.concept.kind == "disease"
        )
        if not counts:
            return None
        best = max(counts, key=lambda path: counts[path])
        first = next(m for seg in self.content for m in self._mentions(seg) if m.concept.path == best)
        self._name_span = Span(first.start, first.end)
        self._disease = concept_entity(first.concept)
        return self._disease

    def _mentions(self, seg: Segment, start: int | None = None, end: int | None = None) -> list[Mention]:
        """Concepts named in the segment (or a clause of it); whole segments are matched once."""
        if start is not None or end is not None:
            return self.lexicon.mentions(self.text, seg.start if start is None else start, seg.end if end is None else end)
        found = self._segment_mentions.get(seg.start)
        if found is None:
            found = self._segment_mentions[seg.start] = self.lexicon.mentions(self.text, seg.start, seg.end)
        return found

    def _names_disease(self, seg: Segment, disease: Entity) -> bool:
        """The segment is about the disease: by name, defined abbreviation or pronoun subject."""
        if any(m.concept.path == disease.path for m in self._mentions(seg)):
            return True
        if self._abbreviation and re.search(rf"(?<![\w-]){re.escape(self._abbreviation[0])}(?![\w-])", seg.text):
            return True
        if disease.concept is None and disease.label.casefold() in seg.text.casefold():
            return True
        return bool(_PRONOUN_SUBJECT.match(seg.text))

    def _disease_spans(self, seg: Segment, disease: Entity) -> list[Span]:
        spans = [Span(m.start, m.end) for m in self._mentions(seg) if m.concept.path == disease.path]
        if disease.concept is None:
            for match in re.finditer(re.escape(disease.label), seg.text, re.IGNORECASE):
                spans.append(Span(seg.start + match.start(), seg.start + match.end()))
        if self._abbreviation:
            for match in re.finditer(rf"(?<![\w-]){re.escape(self._abbreviation[0])}(?![\w-])", seg.text):
                spans.append(Span(seg.start + match.start(), seg.start + match.end()))
        pronoun = _PRONOUN_SUBJECT.match(seg.text)
        if pronoun:
            spans.append(Span(seg.start, seg.start + pronoun.end()))
        return sorted(set(spans), key=lambda s: s.start)

    # -- names ------------------------------------------------------------------

    def names(self, disease: Entity) -> Iterator[Fact]:
        """The page's name for the disease, its abbreviation and the synonyms it states."""
        assert self._name_span is not None
        written = self.text[self._name_span.start : self._name_span.end]
        known = [f for f in disease.concept.surface_forms if f.casefold() == " ".join(written.split()).casefold()] if disease.concept else []
        page_name = known[0] if known else _sentence_case(written)
        name_segment = self._segment_at(self._name_span.start)
        if page_name.casefold() == disease.label.casefold():
            yield Fact("name", disease, "skos:prefLabel", Text(disease.label), (name_segment,))
        else:
            yield Fact("synonym", disease, "skos:altLabel", Text(page_name), (name_segment,))
        seen = {page_name.casefold()}
        abbreviation = self._find_abbreviation(disease)
        if abbreviation is not None:
            abbr, span = abbreviation
            seen.add(abbr.casefold())
            yield Fact("abbreviation", disease, "allkg:abbreviation", Text(abbr), (span,))
            yield Fact("synonym", disease, "skos:altLabel", Text(abbr), (span,))
        for seg in self.content:
            span = Span(seg.start, seg.end)
            for name in self._synonyms_in(seg, disease):
                if name.casefold() in seen:
                    continue
                seen.add(name.casefold())
                if name.casefold() == disease.label.casefold():
                    yield Fact("name", disease, "skos:prefLabel", Text(disease.label), (span,))
                else:
                    yield Fact("synonym", disease, "skos:altLabel", Text(name), (span,))

    def _synonyms_in(self, seg: Segment, disease: Entity) -> Iterator[str]:
        """Names given after "also known as / called ..." with the disease as subject, or
        anywhere when the vocabulary knows the name as this disease's."""
        for subject in self._disease_spans(seg, disease):
            for pattern in (_SYNONYM_CUE, _PAREN_SYNONYM):
                match = pattern.match(seg.text, subject.end - seg.start)
                if match is not None:
                    yield from _cue_names(match)
        for match in _ANY_SYNONYM_CUE.finditer(seg.text):
            for name in _cue_names(match):
                concept = self.lexicon.lookup(name)
                if disease.concept is not None and concept is disease.concept:
                    yield name

    def _find_abbreviation(self, disease: Entity) -> tuple[str, Span] | None:
        """"Name (ABBR)" where ABBR spells the name's initials."""
        for seg in self.content:
            for mention in self._disease_spans(seg, disease):
                match = re.compile(r"\s*\((?P<abbr>[A-Z][A-Za-z0-9-]{1,9})\)").match(self.text, mention.end)
                if match and _is_initialism(match.group("abbr"), self.text[mention.start : mention.end]):
                    self._abbreviation = (match.group("abbr"), Span(mention.start, match.end()))
                    return self._abbreviation
        return None

    def _segment_at(self, offset: int) -> Span:
        seg = next(s for s in self.layout.segments if s.start <= offset < s.end)
        return Span(seg.start, seg.end)

    # -- cells and anatomy -----------------------------------------------------

    def cell_types(self, disease: Entity) -> Iterator[Fact]:
        """Cells the disease affects: in a sentence saying it affects them, or named leukemic/abnormal."""
        for seg in self.content:
            cells = [m for m in self._mentions(seg) if m.concept.kind == "cell-type"]
            if not cells:
                continue
            about = self._names_disease(seg, disease)
            chosen: list[Mention] = []
            for index, cell in enumerate(cells):
                before = self.text[seg.start : cell.start]
                if (about and _AFFECTS.search(seg.text)) or _CELL_MODIFIER.search(before):
                    chosen.append(cell)
                    if index + 1 < len(cells) and _APPOSITION.search(self.text[cell.end : cells[index + 1].start]):
                        chosen.append(cells[index + 1])
            for cell in _unique(chosen):
                yield Fact(
                    "cell-type", disease, "allkg:affectsCellType", concept_entity(cell.concept), (Span(seg.start, seg.end),)
                )

    def anatomy(self, disease: Entity) -> Iterator[Fact]:
        """Where the disease is: anatomy named after "cancer of", "starts in", "involves"..."""
        for seg in self.content:
            if not self._names_disease(seg, disease):
                continue
            for clause_start, clause_end in _clauses(self.text, seg, _CLAUSE_BREAK):
                clause = self.text[clause_start:clause_end]
                cue = _LOCATION_CUE.search(clause)
                parts = [m for m in self._mentions(seg, clause_start, clause_end) if m.concept.kind == "anatomy"]
                chosen = [
                    m
                    for m in parts
                    if (cue and m.start >= clause_start + cue.end())
                    or _ANATOMY_BEFORE_HEAD.match(self.text, m.end, clause_end)
                ]
                for part in _unique(chosen):
                    yield Fact(
                        "anatomy", disease, "allkg:hasLocation", concept_entity(part.concept), (Span(seg.start, seg.end),)
                    )

    # -- age groups --------------------------------------------------------------

    def age_groups(self, disease: Entity) -> Iterator[Fact]:
        """Age groups the disease occurs in, and what the page says of each (frequency, outlook).

        A "childhood X" page names its age group in the disease's name. Frequency
        statements must refer to the disease (by name or "it"); outlook statements
        about an age group on the disease's page are about the disease.
        """
        assert self._name_span is not None
        name = self._name_span
        for age in _unique(self.lexicon.mentions(self.text, name.start, name.end, kind="age-group")):
            yield Fact("age-group", disease, "allkg:occursInAgeGroup", concept_entity(age.concept), (name,))
        for seg in self.content:
            if not any(m.concept.kind == "age-group" for m in self._mentions(seg)):
                continue
            about = self._names_disease(seg, disease) or bool(_DISEASE_REFERENCE.search(seg.text))
            previous: list[Mention] = []
            clauses = _clauses(self.text, seg, _AGE_CLAUSE_BREAK)
            sentence_outlook = _contrast_outlooks(self.text, clauses) if _PROGNOSIS.search(seg.text) else {}
            for clause_start, clause_end in clauses:
                clause = self.text[clause_start:clause_end]
                ages = [m for m in self._mentions(seg, clause_start, clause_end) if m.concept.kind == "age-group"]
                ages = ages or previous
                previous = ages
                span = Span(clause_start, clause_end)
                statement_text = _strip_connective(clause)
                if clause_start in sentence_outlook:
                    yield from self._prognosis(
                        disease, ages, clause_start, clause, statement_text, span, outlook=sentence_outlook[clause_start]
                    )
                elif _PROGNOSIS.search(clause):
                    yield from self._prognosis(disease, ages, clause_start, clause, statement_text, span)
                elif about and _EPIDEMIOLOGY.search(clause):
                    for age in _unique(ages):
                        group = concept_entity(age.concept)
                        yield Fact("age-group", disease, "allkg:occursInAgeGroup", group, (span,))
                        yield from _statement(disease, "epidemiology", group, statement_text, span)

    def _prognosis(
        self,
        disease: Entity,
        ages: list[Mention],
        clause_start: int,
        clause: str,
        text: str,
        span: Span,
        outlook: bool | None = None,
    ) -> Iterator[Fact]:
        favourable = bool(_FAVOURABLE.search(clause)) and not _UNFAVOURABLE.search(clause)
        unfavourable = bool(_UNFAVOURABLE.search(clause)) and not favourable
        if outlook is not None:
            favourable, unfavourable = outlook, not outlook
        if not (favourable or unfavourable):
            return
        than = re.search(r"\bthan\b", clause)
        for age in _unique(ages):
            compared = than is not None and age.start >= clause_start + than.end()
            outlook = "FavourableOutlook" if favourable != compared else "UnfavourableOutlook"
            group = concept_entity(age.concept)
            # an outlook for an age group says the disease occurs in it
            yield Fact("age-group", disease, "allkg:occursInAgeGroup", group, (span,))
            yield from _statement(disease, "prognosis", group, text, span, outlook=outlook)

    # -- risk factors ------------------------------------------------------------

    def risk_factors(self, disease: Entity) -> Iterator[Fact]:
        """Items of the page's risk-factor lists (bulleted, run-on, inline, or displaced after the footer)."""
        for entry in self._entries("risk-factor"):
            factor = self._ground(entry.label, "risk-factor")
            evidence = (entry.span, entry.lead_in, *entry.explanation)
            explanation = " ".join(self.text[s.start : s.end] for s in entry.explanation) or None
            yield Fact("risk-factor", disease, "allkg:hasRiskFactor", factor, evidence, explanation)

    def symptoms(self, disease: Entity) -> Iterator[Fact]:
        """Items of the page's symptom lists; "X or Y" names two symptoms."""
        for entry in self._entries("symptom"):
            symptom = self._ground(entry.label, "symptom")
            yield Fact("symptom", disease, "allkg:hasSymptom", symptom, (entry.span, entry.lead_in))

    def _ground(self, label: str, kind: str) -> Entity:
        """The vocabulary concept a list item names, or an ungrounded local concept (with a warning)."""
        bare = _ITEM_PREFIX.sub("", label)
        for candidate in (self.lexicon.lookup(bare), self.lexicon.lookup(label)):
            if candidate is not None and candidate.kind == kind:
                return concept_entity(candidate)
        found = self.lexicon.mentions(label, kind=kind) or self.lexicon.loose_mentions(label, kind=kind)
        if found:
            return concept_entity(found[0].concept)
        local = _local_label(label)
        self.warnings.append(f"{self.name}: {kind} {local!r} is not in the vocabulary; kept ungrounded")
        return local_entity(kind, local)

    def _split_item(
        self, start: int, end: int, lead_in: Span, *, split: bool, kind: str, explanation: tuple[Span, ...] = ()
    ) -> list[_Entry]:
        """An item as entries. With ``split`` (symptom items, inline lists): "weakness, fatigue or
        pallor" is a list of three; "weakness or fatigue" two and "bone or joint pain" two pains,
        but only when every part names a known concept of the list's kind ("frequent or severe
        nosebleeds" stays one); a part with a preposition before the "or" is never split
        ("treatment with chemotherapy or radiation therapy")."""
        text = self.text
        while start < end and (text[start].isspace() or text[start] in ";,"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".;,"):
            end -= 1
        lead = re.match(r"(?:and|or)\s+", text[start:end])
        if lead:
            start += lead.end()
        body = text[start:end]
        if not body:
            return []
        span = Span(start, end)
        whole = [_Entry(_item_label(body), span, lead_in, explanation)]
        if not split or _PREPOSITION.search(re.split(r",| or | and ", body)[0]):
            return whole
        outside_parentheses = r"(?![^(]*\))"
        parts = [
            p
            for p in re.split(
                rf"\s*,\s*(?:or\s+|and\s+)?{outside_parentheses}|\s+or\s+{outside_parentheses}|\s+and\s+{outside_parentheses}",
                body,
            )
            if p
        ]
        if len(parts) < 2:
            return whole
        if len(parts) == 2 and len(parts[0].split()) == 1 and len(parts[1].split()) > 1:
            parts[0] = f"{parts[0]} {parts[1].split()[-1]}"  # "bone or joint pain": two pains
        if len(parts) == 2 and not all(self._names_known(p, kind) for p in parts):
            return whole
        return [_Entry(_item_label(p), span, lead_in, explanation) for p in parts]

    def _list_kind(self, lead_in: Segment) -> str:
        """What a list is of: its lead-in's cue, else the cue of the two segments before it
        ("These and other signs ... may be caused by ALL. Check with your doctor if you have:")."""
        kind = _lead_in_kind(lead_in.text)
        if kind != "other":
            return kind
        before = [s for s in self.layout.segments if s.end <= lead_in.start and not s.boilerplate][-2:]
        for seg in reversed(before):
            kind = _lead_in_kind(seg.text)
            if kind != "other":
                return kind
        return "other"

    def _names_known(self, phrase: str, kind: str) -> bool:
        """The phrase names a vocabulary concept of this kind (whole, or as its only mention)."""
        concept = self.lexicon.lookup(_ITEM_PREFIX.sub("", phrase)) or self.lexicon.lookup(phrase)
        if concept is not None:
            return concept.kind == kind
        return bool(self.lexicon.mentions(phrase, kind=kind) or self.lexicon.loose_mentions(phrase, kind=kind))

    def _entries(self, kind: str) -> list[_Entry]:
        """The items of every list of one kind: block lists (with their lead-in) and inline lists."""
        entries: list[_Entry] = []
        for block in self._paired_lists():
            assert block.lead_in is not None
            if self._list_kind(block.lead_in) != kind:
                continue
            lead_in = Span(block.lead_in.start, block.lead_in.end)
            for item in block.items:
                explanation = tuple(Span(s.start, s.end) for s in block.explanations.get(item.start, []))
                entries.extend(
                    self._split_item(
                        item.start, item.end, lead_in, split=kind == "symptom", kind=kind, explanation=explanation
                    )
                )
        for seg in self.content:
            match = _INLINE_LIST.match(seg.text)
            if seg.kind != "sentence" or match is None or _lead_in_kind(match.group("lead")) != kind:
                continue
            lead_in = Span(seg.start, seg.start + match.end("lead"))
            items_start, items_end = seg.start + match.start("items"), seg.start + match.end("items")
            items = self.text[items_start:items_end]
            separator = _SEMICOLON_ITEMS if ";" in items else _COMMA_ITEMS
            cursor = items_start
            for part in [*separator.finditer(items), None]:
                part_end = items_end if part is None else items_start + part.start()
                entries.extend(self._split_item(cursor, part_end, lead_in, split=True, kind=kind))
                cursor = items_end if part is None else items_start + part.end()
        return entries

    def _paired_lists(self) -> list[ListBlock]:
        """Lists with their lead-ins; a displaced run goes to the empty lead-in whose kind its items share."""
        if self._lists is not None:
            return self._lists
        lists = [b for b in self.layout.lists if b.lead_in is not None]
        empty = [b for b in lists if not b.items]
        for orphan in (b for b in self.layout.lists if b.lead_in is None):
            kinds = {m.concept.kind for item in orphan.items for m in self._mentions(item)}
            candidates = [b for b in empty if b.lead_in is not None and b.lead_in.end <= orphan.items[0].start]
            matching = [b for b in candidates if self._list_kind(b.lead_in) in kinds] or candidates
            if not matching:
                continue
            target = matching[-1]
            target.items = list(orphan.items)
            empty.remove(target)
        for block in empty:
            assert block.lead_in is not None
            self.warnings.append(
                f"{self.name}: the list announced by {block.lead_in.text!r} has no items on the page (scraped away?)"
            )
        self._lists = lists
        return lists

    # -- course, resemblance, cause -------------------------------------------------

    def course(self, disease: Entity) -> Iterator[Fact]:
        """"Acute" explained by rapid progression: the course, and the page's words on progression."""
        for seg in self.content:
            if not _RAPID.search(seg.text):
                continue
            courses = [m for m in self._mentions(seg) if m.concept.kind == "course"]
            if not courses and not (self._names_disease(seg, disease) or _DISEASE_REFERENCE.search(seg.text)):
                continue
            span = Span(seg.start, seg.end)
            for mention in _unique(courses):
                yield Fact("course", disease, "allkg:hasCourse", concept_entity(mention.concept), (span,))
            yield Fact("natural-progression", disease, "allkg:naturalProgression", Text(_progression(seg.text)), (span,))

    def resemblance(self, disease: Entity) -> Iterator[Fact]:
        """Another disease whose symptoms the disease's symptoms mimic."""
        for seg in self.content:
            if not _RESEMBLES.search(seg.text):
                continue
            for mention in _unique(self._mentions(seg)):
                if mention.concept.kind == "disease" and mention.concept.path != disease.path:
                    yield Fact(
                        "resemblance",
                        disease,
                        "allkg:symptomsResemble",
                        concept_entity(mention.concept),
                        (Span(seg.start, seg.end),),
                    )

    def cause(self, disease: Entity) -> Iterator[Fact]:
        """The cause ("occurs when a ... cell develops mutations"), its cell, and whether its origin is known."""
        causes: dict[str, Entity] = {}
        for seg in self.content:
            mentions = self._mentions(seg)
            found = [m for m in mentions if m.concept.kind == "cause"]
            if not found or not self._names_disease(seg, disease) or not _CAUSE_CUE.search(seg.text):
                continue
            span = Span(seg.start, seg.end)
            for mention in _unique(found):
                cause = concept_entity(mention.concept)
                causes[cause.path] = cause
                yield Fact("cause", disease, "allkg:hasCause", cause, (span,))
                for cell in _unique([m for m in mentions if m.concept.kind == "cell-type" and m.end <= mention.start]):
                    yield Fact("cause", cause, "allkg:originCellType", concept_entity(cell.concept), (span,))
        for seg in self.content:
            if not _UNKNOWN_CAUSE.search(seg.text):
                continue
            for mention in _unique([m for m in self._mentions(seg) if m.concept.path in causes]):
                yield Fact("cause", causes[mention.concept.path], "allkg:originKnown", Flag(False), (Span(seg.start, seg.end),))


# --- helpers --------------------------------------------------------------------


def _statement(
    disease: Entity, kind: str, group: Entity, text: str, span: Span, *, outlook: str | None = None
) -> Iterator[Fact]:
    node = statement_entity(disease, kind, group, text)
    predicate = "allkg:hasEpidemiologyStatement" if kind == "epidemiology" else "allkg:hasPrognosisStatement"
    yield Fact(kind, disease, predicate, node, (span,))
    yield Fact(kind, node, "allkg:aboutAgeGroup", group, (span,))
    yield Fact(kind, node, "allkg:statementText", Text(text), (span,))
    if outlook is not None:
        yield Fact(kind, node, "allkg:outlook", Term(outlook), (span,))


def _contrast_outlooks(text: str, clauses: list[tuple[int, int]]) -> dict[int, bool]:
    """Outlooks of two contrasted clauses ("about 90% in children, while in adults they are
    less than 45%"): when only one states its outlook, the other has the opposite one."""
    if len(clauses) != 2:
        return {}
    second = text[clauses[1][0] : clauses[1][1]]
    if not re.match(r"(?:while|whereas|but|though|although)\b", second.strip(), re.IGNORECASE):
        return {}
    stated = {}
    for start, end in clauses:
        clause = text[start:end]
        if _UNFAVOURABLE.search(clause):
            stated[start] = False
        elif _FAVOURABLE.search(clause):
            stated[start] = True
    if len(stated) != 1:
        return {}
    [(known_start, known)] = stated.items()
    other, other_end = next((start, end) for start, end in clauses if start != known_start)
    if not _PROGNOSIS.search(text[other:other_end]):
        return {}  # the other clause is about something else ("can also occur in adults")
    return {known_start: known, other: not known}


def _clauses(text: str, seg: Segment, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = []
    cursor = seg.start
    for match in breaks.finditer(text, seg.start, seg.end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, seg.end))
    return [(s, e) for s, e in spans if e > s]


def _strip_connective(clause: str) -> str:
    clause = re.sub(r"^(?:and|but|though|although|while|whereas)\s+", "", clause.strip())
    return clause.rstrip(" .;,")


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    result = []
    for mention in mentions:
        if mention.concept.path not in seen:
            seen.add(mention.concept.path)
            result.append(mention)
    return result


def _sentence_case(name: str) -> str:
    """Lower a capital that only starts the sentence ("Acute leukemia"), keep acronyms."""
    words = name.split()
    if words and len(words[0]) > 1 and words[0][0].isupper() and words[0][1:].islower():
        words[0] = words[0].lower()
    return " ".join(words)


def _is_initialism(abbreviation: str, name: str) -> bool:
    """ABBR spells the initials of the name, or of its last words ("childhood acute
    lymphoblastic leukemia (ALL)": the modifier "childhood" is not in the abbreviation)."""
    initials = "".join(word[0] for word in re.split(r"[\s-]+", name) if word).casefold()
    return len(abbreviation) >= 2 and initials.endswith(abbreviation.casefold())


def _cue_names(match: re.Match[str]) -> list[str]:
    """The names a synonym cue gives: each quoted name whole, else the plain names split on commas and "or"."""
    if match.group("quoted"):
        return [m.group("name").strip() for m in _QUOTED_NAME.finditer(match.group("quoted")) if m.group("name").strip()]
    return _split_names(match.group("names"))


def _split_names(names: str) -> list[str]:
    result = []
    for name in _NAME_SPLIT.split(names.strip()):
        name = re.sub(r"^(?:the|a|an)\s+", "", name.strip(" \"'“”‘’"), flags=re.IGNORECASE)
        if name and re.search(r"[A-Za-z]", name) and len(name.split()) <= 6:
            result.append(name)
    return result


def _item_label(text: str) -> str:
    return _sentence_case(text.strip().rstrip(".;,").strip())


def _local_label(label: str) -> str:
    """The name of an ungrounded item: without its examples (", such as ...") or a trailing gloss "(...)"."""
    label = re.split(r",?\s+(?:such as|e\.g\.|for example|including)\s+", label, maxsplit=1)[0]
    return re.sub(r"\s*\([^)]*\)$", "", label).strip() or label


def _lead_in_kind(text: str) -> str:
    if _RISK_LEAD_IN.search(text):
        return "risk-factor"
    if _SYMPTOM_LEAD_IN.search(text):
        return "symptom"
    return "other"


@dataclass(frozen=True)
class _Entry:
    """One item of a list: its name, where the page states it, and the list's lead-in."""

    label: str
    span: Span
    lead_in: Span
    explanation: tuple[Span, ...] = ()


def _progression(sentence: str) -> str:
    """The page's words on how the disease progresses, without "the word X comes from the fact that"."""
    match = _PROGRESSION_START.search(sentence)
    if match is None:
        return sentence.rstrip(" .")
    rest = sentence[match.end() :]
    if match.start() == 0:
        rest = rest.split(",", 1)[0]
    return rest.rstrip(" .")
