"""The facts stage: the page's layout and mentions -> facts about its disease, with evidence.

``disease`` finds the page's disease and its names; ``lists`` reads symptom and risk-factor
lists; ``sentences`` and ``ages`` read the relations sentences state. Each fact carries the
spans of the page that state it, and how its object was recognised.
"""

from __future__ import annotations

from allkg.extract.facts.ages import age_facts, age_of_name
from allkg.extract.facts.disease import (
    find_subject,
    heads_another_disease,
    name_facts,
    other_disease,
    refers_to_subject,
    with_abbreviations,
)
from allkg.extract.facts.lists import heading_facts, labelled_item_facts, list_facts, listed_items, place_list_facts
from allkg.extract.facts.metadata import last_reviewed, publisher, title
from allkg.extract.facts.page import Page
from allkg.extract.facts.sentences import lead_in_cells, resemblance_facts, sentence_facts
from allkg.extract.structure import CONTENT_SECTIONS, Layout, Section, run_in
from allkg.facts import Entity, Extraction, Fact, Span
from allkg.lexicon import Lexicon, PageMentions
from allkg.source import SourceDocument

MAX_EVIDENCE_PER_FACT = 5
"""Places kept as evidence when a page states the same fact again and again."""


def read_facts(document: SourceDocument, layout: Layout, mentions: PageMentions, lexicon: Lexicon) -> Extraction:
    """Every fact the page states about its disease; what cannot be read is said in warnings."""
    page = Page(document.name, document.text, layout, mentions, lexicon)
    result = Extraction(document)
    result.title = title(layout, document.title, lambda text: _names_a_disease(lexicon, text))
    result.publisher = publisher(layout)
    result.last_reviewed = last_reviewed(document.text)
    subject = find_subject(page, result.title)
    if subject is None:
        result.warnings.append(f"{document.name}: no disease is defined or named on this page; no facts extracted")
        return result
    subject = with_abbreviations(page, subject)
    facts = [
        *name_facts(page, subject),
        *age_of_name(page, subject.entity, subject.first),
        *list_facts(page, subject),
        *labelled_item_facts(page, subject),
        *place_list_facts(page, subject),
        *heading_facts(page, subject),
        *resemblance_facts(page, subject),
        *lead_in_cells(page, subject),
    ]
    listed = listed_items(page)
    for section, seg in page.content():
        if section.heading is not None and heads_another_disease(page, subject, section.heading, of_factors=section.type in _FACTORS):
            continue
        # a sentence, or an item of a list that is not of symptoms or risk factors ("main peak at 2-5 yrs");
        # an item of such a list may still say who gets the disease ("Age: most common in children under 5")
        if seg.kind not in ("sentence", "item") or other_disease(page, subject, seg):
            continue
        about = refers_to_subject(page, subject, seg)
        run = run_in(page.text, seg) if seg.kind == "item" and seg.start not in listed else None
        if run is not None:  # "Signs depend on where the tumor is. A tumor in the belly can ...": a section of its own
            kind, sentences = run
            if kind in CONTENT_SECTIONS:
                within = Section(seg, kind)
                for sentence in sentences:
                    facts.extend(sentence_facts(page, subject, within, sentence, about or refers_to_subject(page, subject, sentence)))
        elif seg.start not in listed:
            facts.extend(sentence_facts(page, subject, section, seg, about))
        facts.extend(age_facts(page, subject.entity, about, section, seg))
    for section, seg in page.outlook_in_treatment():
        # "Treatment ... Most children with ALL make a full recovery": how each age group does
        if not other_disease(page, subject, seg):
            facts.extend(age_facts(page, subject.entity, refers_to_subject(page, subject, seg), section, seg, outlook_only=True))
    result.facts = merge(_one_per_term(_one_blast(facts)), page.warnings, document.name)
    result.warnings.extend(page.warnings)
    return result


_FACTORS = frozenset({"risk", "cause"})
"""Sections whose sub-headings may be factors named as diseases ("Down syndrome")."""


def _names_a_disease(lexicon: Lexicon, text: str) -> bool:
    """The text names a disease more particular than "cancer" or "leukaemia" (a title, not a site's name)."""
    from allkg.extract.facts.disease import is_generic

    return any(not is_generic(lexicon.ground(m, "disease").concept) for m in lexicon.find(text).within(0, len(text), "disease"))


def _one_per_term(facts: list[Fact]) -> list[Fact]:
    """A phrase that only comes close to a term ("Feeling very tired", fuzzy: close to fatigue) on
    a page that names the term itself ("tiredness") for the same fact is that concept: one node
    for one sign, with the evidence of both."""
    exact: dict[tuple[str, str, str], Entity] = {}
    for fact in facts:
        concept = fact.object.concept if isinstance(fact.object, Entity) else None
        if concept is not None and fact.grounding != "fuzzy":
            for prop, iri in concept.mappings:
                if prop == "exactMatch":
                    exact.setdefault((fact.subject.path, fact.predicate, iri), fact.object)
    result = []
    for fact in facts:
        concept = fact.object.concept if isinstance(fact.object, Entity) else None
        if concept is not None and fact.grounding == "fuzzy":
            close = [exact.get((fact.subject.path, fact.predicate, iri)) for prop, iri in concept.mappings if prop == "closeMatch"]
            named = next((entity for entity in close if entity is not None), None)
            if named is not None:
                fact = Fact(fact.kind, fact.subject, fact.predicate, named, fact.evidence, fact.explanation, "curated")
        result.append(fact)
    return result


BLAST_CELLS = "cell-type/blast-cells"
"""Blasts as pages say it, of no leukaemia in particular."""


def _one_blast(facts: list[Fact]) -> list[Fact]:
    """"Blasts" on a page that also names its leukaemia's own blast ("lymphoblasts - we just say
    blasts") are those cells: one fact, with the evidence of both."""
    particular = next(
        (f.object for f in facts if f.kind == "cell-type" and isinstance(f.object, Entity)
         and f.object.path != BLAST_CELLS and f.object.label.endswith("blast")),
        None,
    )
    if particular is None:
        return facts
    return [
        Fact(f.kind, f.subject, f.predicate, particular, f.evidence, f.explanation, f.grounding)
        if f.kind == "cell-type" and isinstance(f.object, Entity) and f.object.path == BLAST_CELLS
        else f
        for f in facts
    ]


def merge(facts: list[Fact], warnings: list[str], name: str) -> list[Fact]:
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
        result.append(
            Fact(fact.kind, fact.subject, fact.predicate, fact.object, tuple(evidence), fact.explanation, fact.grounding)
        )
    return result
