"""Lists -> symptoms and risk factors.

A list is of symptoms or of risk factors by its lead-in's words ("Signs include:",
"Things that raise the risk:"), else by its section ("Symptoms", "Causes"); lists of
advice, tests, treatments and side effects give nothing. Each item is cut to what it
names: its label ("Exposure to radiation: people who..." -> "Exposure to radiation"),
without explanations (", which...", ", because..."), with its examples (", such as
Down's syndrome") as items of their own, and split where it names several things
("Fever or night sweats", "bone or joint pain"). A part is grounded by a surface form
it is, else a close (fuzzy) match, else the form it starts with ("Losing weight without
trying"), else kept as the page's own phrase, ungrounded. An item a scrape cut off
("family h", "spo Show more") is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from allkg.extract.facts.disease import Subject, heads_another_disease, is_subject, names_subject
from allkg.extract.facts.page import ADVICE, ETHNIC, Page, clean_phrase
from allkg.extract.structure import CONTENT_SECTIONS, ListBlock, Section, Segment, item_like, section_type
from allkg.facts import Entity, Fact, Span, concept_entity
from allkg.lexicon import Grounding, Mention, PageMentions

LIST_KIND_BY_SECTION = {"symptoms": "symptom", "risk": "risk-factor", "cause": "risk-factor"}
FACT_PREDICATES = {"symptom": "allkg:hasSymptom", "risk-factor": "allkg:hasRiskFactor"}

_NOT_FACTS = re.compile(
    r"\bside[ -]effects?\b|\btreatments?\b|\btherap|\btests?\b|\bbiops|\bscans?\b|\bphases?\b|"
    r"\bquestions\b|\bwhat to (?:bring|ask)\b|\bprevent|\bdifferential\b",
    re.IGNORECASE | re.DOTALL,
)
_PROCEDURES = re.compile(r"\btests?\b|\bscans?\b|\bside[ -]effects?\b|\bbiops", re.IGNORECASE | re.DOTALL)
_RISK_CUE = re.compile(
    r"\brisks?\b|\bchances?\b|\bmore likely\b|\blikelihood\b|\bincreas|\braises?\b|\bpredispos|\blinked\b|"
    r"\bassociated\b|\bfactors?\b|\bcaused by\b|\bcauses (?:include|are|may)|\bpossible causes\b|\bmore common (?:in|if|among)\b",
    re.IGNORECASE | re.DOTALL,
)
_SIGNS_SUBJECT = re.compile(r"\s*(?:any\s+|these\s+|the\s+)?(?:symptoms?|signs?)\s+(?:that|which)\b", re.IGNORECASE)
"""A lead-in of advice whose subject is the signs listed ("Symptoms that last more than two weeks deserve a call ...:")."""
_STUDIED = re.compile(
    r"\b(?:been studied|possible links?|unclear|unproven|uncertain|not (?:been )?(?:clear|proven)|no (?:clear |good )?evidence)\b",
    re.IGNORECASE,
)
"""A lead-in that doubts its list ("Other factors that have been studied for a possible link")."""
_BUT = re.compile(r"\bbut\b", re.IGNORECASE)
_MAY_COLON = re.compile(
    r"(?:your (?:child|baby|son|daughter)|children|kids|babies|you|people|he|she|they|patients|adults)"
    r"(?: with [\w' -]{1,40})? (?:may|might|can|could|will|often)(?: also)?(?: (?:notice|find|seem|look|feel))?\s*:",
    re.IGNORECASE,
)
"""A lead-in that opens a sentence each item ends ("Your child may:" then "seem pale")."""
_SYMPTOM_WORD = re.compile(r"\bsymptoms?\b|\bsigns?\b|(?<!\w)s/s\b", re.IGNORECASE | re.DOTALL)
_SYMPTOM_CUE = re.compile(
    r"\bsymptoms?\b|\bsigns?\b|(?<!\w)s/s\b|\bnotice\b|\bmay (?:have|feel|get|look)\b|\bcomplain", re.IGNORECASE | re.DOTALL
)

_EXAMPLES = re.compile(
    r"(?:\s*(?:,\s*|\()\s*(?:such as|for example|for instance|e\.g\.?|i\.e\.?|including|like|especially|particularly)"
    r"|\s+(?:such as|for example|e\.g\.?|including))\s*,?\s+"
    r"(?P<examples>(?:[^();]|\([^()]*\))+?)\)?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_TREATED_FOR = re.compile(r"(?:for|to treat|as (?:a )?treatment for)\s", re.IGNORECASE)
"""Examples that say what a treatment was for ("for example for breast cancer or Hodgkin lymphoma")."""
_EXPLANATION = re.compile(
    r"\s*,\s*(?:a|an)\s+(?:condition|chemical|type|kind|group|disease|disorder|substance|form|sign|symptom|"
    r"problem|virus|infection|gene|protein|medicine|drug|rare|common|set)\b.*$"
    r"|\s*(?:,|\s[-–—]|;)\s*(?:which|who|that|because|as|often|especially|usually|typically|generally|mostly|mainly|"
    r"sometimes|particularly|"
    r"even|so|causing|leading|making|where|when|if|but|although|though|due|from|caused)\b.*$"
    r"|\s+(?:->|→|⇒|=>)\s.*$"  # a clinical note's arrow: "headache -> consider a bleed"
    r"|\s*\((?:the|this|it|which|see|a|an)\b[^)]*\)\s*$|\s+[-–—]\s+.*$"
    r"|\s+(?:that|which)\s+(?:may|can|might|could|will|often|sometimes|usually)\s.*$"
    r"|\s+because\s+(?:the|your|their|his|her)\s.*$"  # "a big, hard tummy because the liver and spleen are swollen"
    r"|\s+(?:if|when|once)\s+(?:the|it|its|your|their|this)\s.*$"  # "headaches or vomiting if the CNS is affected"
    r"|\s+(?:that|which)\s+lasts?\s.*$"  # "a change in bowel habits that lasts more than a few days"
    r"|(?<=[a-z)])\.\s+(?-i:[A-Z]).*$",  # "Bleeding from the rectum, or blood in the stool. Stool may look dark."
    re.IGNORECASE | re.DOTALL,
)
_ASIDE = re.compile(
    r",\s*(?:especially|particularly|in particular|usually|often|sometimes)\s+[^,;()]{1,40},\s*(?=(?:with|who|that|in|from|at)\b)",
    re.IGNORECASE,
)
"""An aside inside an item, between commas, before the rest of its phrase."""
_EXPOSED = re.compile(
    r"(?:(?:long[- ]term|regular|heavy)\s+)?(?:working with|work with|contact with|"
    r"(?:(?:being|was|were|is|are|(?:have|has|had) been)\s+)?exposed to|handling|breathing in|inhaling|using)\s+"
    r"(?:(?:(?:very )?high (?:levels|doses) of|large amounts of|chemicals such as|the chemical)\s+)?(?P<agent>[\w -]{3,40})$",
    re.IGNORECASE,
)
"""A lay way of saying exposure to an agent ("working with benzene")."""
_EXAMPLES_FIRST = re.compile(r"\s*(?:for example|for instance|such as|e\.g\.?|including|like)\b[,:]?\s*", re.IGNORECASE)
_EXAMPLE_LEAD = re.compile(r"(?:or\s+|and\s+)?(?:after|from|because of|due to|with|by|having|taking)\s+(?:an?\s+|the\s+)?", re.IGNORECASE)
_BEFORE_NOW = re.compile(r"(?:previous|prior|past|earlier|a history of|history of|having had)\b", re.IGNORECASE)
"""A disease had before: a risk factor even when it names the page's disease or its family."""
_DANGLING_EXAMPLES = re.compile(r",?\s*(?:such as|including|like|for example|e\.g\.?)\s*$", re.IGNORECASE)
_LABEL_DETAIL = re.compile(
    r"(?P<label>[^.:;!?|\t]{2,100}?)\s*(?P<separator>:|\s[–—|-]\s|\t|\.(?=\s+[A-Z]))\s*\S"
)
"""An item's label and the detail after it: "Label: detail", "Label – detail", a table row's
first cell and the others ("Label | detail | ..." or tab-separated)."""
_PEOPLE = (
    r"(?:children|kids|babies|people|adults|men|women|boys|girls|teenagers|patients|those|anyone|someone|"
    r"a child|a person)"
)
_POPULATION = rf"{_PEOPLE}(?:\s+(?:and|or)\s+{_PEOPLE})?\s+(?:who|with|that|whose)"
"""Who a risk factor is said of ("children with", "children and adults who have not had"): not part of its name."""
_KIN = r"(?:identical )?(?:twin|brother|sister|sibling|parent|mother|father|child|close relative|relative|family member)s?"
RELATIVE_WITH = re.compile(
    rf"(?P<relative>\b(?:having\s+)?(?:(?:a|an|the|their|your|his|her)\s+)?{_KIN}(?:(?:,\s+|,?\s+(?:or|and)\s+)(?:a\s+)?{_KIN})*"
    rf"(?:\s+of\s+a\s+child)?(?P<with>\s+(?:with|who has|who had|who have|who has had|has had|have had)\s+)(?P<disease>[\w' -]{{2,40}}?))"
    r"(?=[,.;)]|\s+(?:also|is|are|has|have|or|and|slightly|greatly|increases?|raises?|doubles?|makes?|may|can|might)\b|$)",
    re.IGNORECASE,
)
"""A relative with a disease ("a brother or sister with leukaemia")."""
_LEADING_WORDS = re.compile(
    rf"(?:(?:{_POPULATION}|having|have|has|had|being|be|are|were|is|was|getting|get|a|an|the|some|certain|any|"
    r"lots of|a lot of|many|several|very|more|your|their|his|her|its|my|our|i|we|he|she|you|they|born with|"
    r"previous|prior|earlier|past)\s+)+",
    re.IGNORECASE | re.DOTALL,
)
_PREPOSITION = re.compile(
    r"\s*(?:in|on|of|around|under|over|without|with|from|at|during|after|before|for|that|which|who|when|"
    r"because|caused|due|such|especially|often|and|or|,|\()",
    re.IGNORECASE | re.DOTALL,
)
_AUXILIARY = re.compile(
    rf"(?:(?:{_POPULATION}|i|we|he|she|you|they|have|has|had|are|is|were|was|be|a|an|the|some|certain|because of|due to)\s+)+",
    re.IGNORECASE | re.DOTALL,
)
"""Words before an item's thing that are not part of its name ("Have a weakened immune system")."""
_TRAILING_PLACE = re.compile(
    r"\s+(?:in|on|around|under|behind|over)\s+(?:the\s+|your\s+|their\s+|his\s+|her\s+|one\s+|both\s+)?[\w\s,'-]{2,40}$",
    re.IGNORECASE | re.DOTALL,
)
_CELL = re.compile(r"\s\|\s|\t")
_SHARED_PREDICATE = re.compile(r"(?<=\w)\s(?:\w+ing|that|which|who)\s.+$", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"\s+(?:in|on|around|under|below|behind|with|without|from|that|which|who|when|after|during|\w+ing)\s.*$",
    re.IGNORECASE | re.DOTALL,
)
"""What follows a sign's name in a part ("with no infection", "in the belly", "taking longer to heal")."""
_ARTICLE = re.compile(r"^(?:a|an|the|your|his|her|their|my|our)\s+", re.IGNORECASE)
_SHARED_PLACE = re.compile(r"\s(?:in|on|of|around|under|below|beneath|above|behind)\s.+$", re.IGNORECASE)
_NOUN_FIRST = re.compile(r"\w\s+of\s+\w", re.IGNORECASE)
"""A phrase whose noun comes before its "of" ("feeling of fullness"): its last word is no head to share."""
_MODIFIER_WORDS = frozenset(
    "frequent severe mild persistent unexplained unusual constant sudden repeated heavy prolonged new "
    "painful painless large small recurrent recurring chronic acute occasional tiny little".split()
)
"""Words that, joined by "or", qualify one sign rather than name two ("frequent or severe nosebleeds")."""
_COLOURS = frozenset("red purple blue black brown yellow pink dark".split())
"""Colours: "red or purple spots" is one sign of either colour."""
_CAUSED_BY = re.compile(
    r"\s*\(\s*(?:from|caused by|due to|because of)\s+(?=\w)"
    r"|(?:\s*,\s*|\s+)(?:from|caused by|due to|because of)\s+(?=an?\s|the\s|\w+\s)",
    re.IGNORECASE | re.DOTALL,
)
_BECAUSE = re.compile(
    r"\s*(?:(?:,|\s[-–—]|;)\s*(?:because of|due to|from|caused by)|,?\s*because(?=\s+(?:the|your|their|his|her)\s))"
    r"\s+(?:an?\s+|the\s+)?",
    re.IGNORECASE,
)
"""An explanation that names what causes the sign ("a swollen tummy, because of an enlarged liver")."""
_ALTERNATIVE_OR_CAUSE = re.compile(
    r"\s*(?:(?:or|and/or)|(?P<cause>from|caused by|due to|because of))\s+", re.IGNORECASE
)
_COMMA = re.compile(r"(?:\s*[,;]|\s+/)\s*(?:(?:and|or)\s+)?(?![^(]*\))")
_INNER_SPLIT = re.compile(r"\s(?:and|or|and/or)\s")
_VERB = re.compile(r"\s+(?:is|are|was|were|can|may|might|have|has|will|could|would|raises?|increases?)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[,;.(]|\s[-–—]\s)")
_GLOSS = re.compile(r"\s*\((?P<gloss>[^()]{2,60})\)\s*$|,?\s+(?:called|known as)\s+(?P<called>[^,;()]{2,60})$")
_PLACE = re.compile(
    r"(?P<head>.+\s(?:in|on|around|under|behind|with|to|of)\s(?:the|your|their|his|her)?)\s*\S+(?:\s\S+){0,2}$",
    re.IGNORECASE | re.DOTALL,
)
"""A part ending in what it is in, of or with: "pain in your bones", "infection with Epstein-Barr virus"."""
_FIXED_PAIRS = re.compile(
    r"\b(?:with or without|on and off|comes? and goes?|more or less|back and forth|up and down|in and out|"
    r"black and blue|aches and pains|pins and needles|sooner or later|ear, nose and throat|in and around|on and around|"
    r"one or both|either or both|one or more|"
    r"(?:a |your )?(?:brother|sister|parent|mother|father|son|daughter)(?:(?:,? (?:or|and)|,) (?:a |your )?(?:brother|sister|parent|mother|father|son|daughter|child))+)\b",
    re.IGNORECASE | re.DOTALL,
)
_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?(?![^(]*\))(?![^\[]*\])|\s+(?:and/or|and|or)\s+(?![^(]*\))(?![^\[]*\])|\s+/\s+")
_NEGATION_BEFORE = re.compile(r"\b(?:no|not|without|never)\b", re.IGNORECASE)
_SHORT_WORDS = frozenset("a i an as at be by do go he if in is it me my no of on or so to up us we".split())
_CUT_OFF = re.compile(r"(?:…|\.\.\.|\bshow more|\bread more|\bmore\s*›)\s*$|\b(?P<word>[a-z]{1,2})$", re.IGNORECASE | re.DOTALL)
_IMPERATIVE = re.compile(
    r"^(?:call|see|ask|tell|talk|speak|contact(?!\s+with)|go|visit|read|find|learn|check|make|book|phone|ring|get|keep|avoid|"
    r"try|use|wash|take|drink|eat|rest|follow)\b",
    re.IGNORECASE | re.DOTALL,
)
_DOUBTED = re.compile(
    r"\bnot (?:been )?(?:proven|proved|confirmed|shown)\b|\bunproven\b|\bno (?:clear |good |strong |firm )?evidence\b|"
    r"\bnot (?:clear|known|certain) (?:whether|if)\b|\b(?:is|are) (?:still )?(?:debated|controversial|uncertain|unclear)\b|"
    r"^\W*(?:not|never) (?:linked|a cause|a risk|caused by)\b|\bno (?:known |proven )?link\b",
    re.IGNORECASE | re.DOTALL,
)
"""An item the page itself doubts."""
_NOTICE = re.compile(
    r"\*{3}|\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm)\b|[£$€]\s?\d|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
"""What a notice has and no sign or risk factor has: a banner's asterisks, a time, a price, a weekday."""
MAX_PART_WORDS = 12


@dataclass(frozen=True)
class Part:
    """A piece of an item that names one thing: its text (as written, or as distributed:
    "bone or joint pain" -> "joint pain") and the span of the page it stands in."""

    text: str
    start: int
    end: int
    example: bool = False
    """An example the item gives ("such as Down's syndrome"): kept only where it names a concept."""


def list_kind(block: ListBlock) -> str | None:
    """What a list's items are: symptoms, risk factors, or nothing we read (advice, tests,
    treatment), by its lead-in's words (or the sentence before it: "Symptoms often appear late.
    They may include:"), else by its section. A section that states no facts (treatment, tests,
    advice, prevention, myths) has none in its lists, whatever their lead-in says."""
    if block.section.type not in CONTENT_SECTIONS and not block.displaced:
        return None
    if block.lead_in is not None:
        lead = block.lead_in.text
        before = segment_before(block.section, block.lead_in)
        advice = ADVICE.search(lead)
        if advice and (
            _SIGNS_ELSEWHERE.search(lead, 0, advice.start())
            or _SIGNS_SUBJECT.match(lead)  # "Symptoms that last more than two weeks deserve a call to your doctor:"
            or any(s.line == block.lead_in.line and _SIGNS_ELSEWHERE.search(s.text) for s in before)
        ):
            # "These signs may be caused by ALL or by other conditions. See a doctor if you have:", or in one
            # sentence: "Signs ... may be caused by ALL or by other conditions, so check with your doctor if ...:"
            return "symptom"
        if ADVICE.search(lead) or (_NOT_FACTS.search(lead) and not _risk_said(lead)) or _doubted(lead):
            return None
        said = _kind_said(lead, block.section, (_SYMPTOM_WORD, "symptom"), (_RISK_CUE, "risk-factor"), (_SYMPTOM_CUE, "symptom"))
        if said is not None:
            return said
        if _MAY_COLON.fullmatch(lead.strip()) or _STARTS_WITH.search(lead):
            return "symptom"  # "Your child may:" over "seem pale", "bruise easily" (kept only if most name signs)
        # "Symptoms often appear late. They may include:": the sentence before says what the list is of (a
        # flashcard's answer, "A:", is of what its question before it asks: "S/S (r/t bone marrow failure)")
        answer = bool(_ANSWER.fullmatch(lead.strip()))
        for text in (s.text for s in before if s.line == block.lead_in.line or answer):
            if ADVICE.search(text) or (block.section.type not in LIST_KIND_BY_SECTION and _PROCEDURES.search(text)):
                return None
            said = _kind_said(text, block.section, (_SYMPTOM_WORD, "symptom"), (_RISK_CUE, "risk-factor"))
            if said is not None:
                return said
    if block.intro is not None and block.section.type not in LIST_KIND_BY_SECTION:
        # "Most of the signs come from the shortage of normal blood cells." then a list
        if not ADVICE.search(block.intro.text) and not _PROCEDURES.search(block.intro.text):
            for cue, kind in ((_SYMPTOM_WORD, "symptom"), (_RISK_CUE, "risk-factor")):
                if cue.search(block.intro.text):
                    return kind
    return LIST_KIND_BY_SECTION.get(block.section.type)


def _doubted(lead: str) -> bool:
    """The lead-in doubts its list, not only what it says before a "but" ("It's not clear what
    triggers this change, but several things can increase the risk:")."""
    buts = list(_BUT.finditer(lead))
    return bool(_STUDIED.search(lead, buts[-1].end() if buts else 0))


def _kind_said(text: str, section: Section, *cues: tuple[re.Pattern[str], str]) -> str | None:
    """The kind of the first cue a lead-in (or the sentence before it) says; under a heading of signs,
    "caused by" says what causes the signs ("Many are caused by a shortage of normal blood cells.
    They can include:"), no risk."""
    for cue, kind in cues:
        found = _risk_said(text) if cue is _RISK_CUE else cue.search(text)
        if found and kind == "risk-factor" and section.type == "symptoms" and found.group().lower() == "caused by":
            return "symptom"
        if found:
            return kind
    return None


def _risk_said(text: str) -> re.Match[str] | None:
    """A cue of risk, but not "caused by" a treatment ("some of what you see is caused by the
    medicines rather than by the leukemia:": what the medicines cause follows)."""
    return next((m for m in _RISK_CUE.finditer(text) if not _CAUSED_BY_TREATMENT.match(text, m.start())), None)


_CAUSED_BY_TREATMENT = re.compile(
    r"caused by\s+(?:the\s+|your\s+|their\s+|his\s+|her\s+)?(?:[\w-]+\s+)?"
    r"(?:medicines?|medications?|drugs?|treatments?|chemo\w*|radiotherapy|steroids?|therapy)\b",
    re.IGNORECASE,
)


def heading_facts(page: Page, subject: Subject) -> Iterator[Fact]:
    """Signs and risk factors named by the sub-headings of a symptoms or risk section ("Bruising
    and bleeding" over a paragraph on platelets): only what grounds to a concept of the kind."""
    for section in page.layout.sections:
        heading = section.heading
        kind = {"symptoms": "symptom", "risk": "risk-factor"}.get(section.type)
        if kind is None or heading is None or heading.boilerplate or section_type(heading.text) != "other":
            continue  # (a heading that names its topic, "Symptoms of ALL", names no sign)
        if heads_another_disease(page, subject, heading, of_factors=kind == "risk-factor"):
            continue  # (nor one that is another disease's name: "Immune thrombocytopenia (ITP)")
        for part in parts_of_span(page, heading.start, heading.end, kind):
            found = ground_part(page, subject, part, kind, allow_ungrounded=False)
            if found is not None:
                yield Fact(kind, subject.entity, FACT_PREDICATES[kind], found[0], (Span(heading.start, heading.end),),
                           grounding=found[1])


def list_facts(page: Page, subject: Subject) -> Iterator[Fact]:
    """The symptoms and risk factors of every list, displaced ones given back to their lead-in."""
    blocks = [b for b in page.layout.lists if not b.displaced]
    kinds: dict[int, str | None] = {}
    for previous, block in zip([None, *blocks], blocks):
        kinds[id(block)] = list_kind(block)
        if kinds[id(block)] is None and previous is not None and _nested(previous, block):
            kinds[id(block)] = kinds[id(previous)]  # "Having certain genetic conditions, such as:" within a list
    for block, kind in _placed(page, subject, [b for b in page.layout.lists if b.displaced], blocks, kinds):
        kinds[id(block)] = kind
        blocks.append(block)
    for block in blocks:
        kind = kinds[id(block)]
        if kind is None or block.section.type in ("navigation",) and not block.displaced:
            continue
        of_factors = block.section.type in ("risk", "cause")
        if any(heads_another_disease(page, subject, s, of_factors=of_factors) for s in (block.section.heading, block.lead_in) if s is not None):
            continue  # "Symptoms of AML" on an ALL page: another disease's list
        if not _stated_kind(block) and not _fits(page, subject, block.items, kind):
            continue  # a bare list under "Causes" that does not name risk factors (what happens in the body)
        lead = (Span(block.lead_in.start, block.lead_in.end),) if block.lead_in is not None else ()
        column = _column_of(page, block, kind)
        for item in block.items:
            if _statement(page, block, item) or _labelled_kind(item) not in (None, kind):
                continue  # ("Higher risk: ..." in a box of key facts under "Signs": read by ``labelled_item_facts``)
            explained = block.explanations.get(item.start, [])
            if column is not None:  # a table row: only the cell under the heading that names the kind
                cells = _cells_of(page.text, item.start, item.end)
                if column >= len(cells):
                    continue
                item = replace(item, start=cells[column][0], end=cells[column][1], text=page.text[slice(*cells[column])])
            yield from item_facts(page, subject, item, kind, lead, explained)


def labelled_item_facts(page: Page, subject: Subject) -> Iterator[Fact]:
    """What an item of a list of another kind, or none, says after a label naming a kind ("Main
    symptoms: persistent bloating, feeling full quickly"; "Higher risk: endometriosis, getting
    older" in a box of key facts): the detail read as an item of that kind."""
    for block in page.layout.lists:
        labelled = [(item, found) for item in block.items if (found := _labelled_detail(item)) is not None]
        if not labelled or block.section.type not in CONTENT_SECTIONS:
            continue
        of_factors = block.section.type in ("risk", "cause")
        if any(heads_another_disease(page, subject, s, of_factors=of_factors) for s in (block.section.heading, block.lead_in) if s is not None):
            continue
        own = list_kind(block)
        for item, (kind, detail) in labelled:
            # (a list of signs reads its own "Nervous system symptoms: If ALL spreads ..." item)
            if kind != own and kind in FACT_PREDICATES:
                yield from item_facts(page, subject, detail, kind, (Span(item.start, detail.start),), [])


def _labelled_detail(item: Segment) -> tuple[str, Segment] | None:
    """The kind an item's label names and the detail after it, if it has such a label."""
    label = _KIND_LABEL.match(item.text)
    if label is not None and _LEAD_IN_VERB.search(label.group("label")):
        return None  # "Fever Risk factors include: 1. Smoking ...": a lead-in glued on, read where lists are found
    kind = _KIND_OF_SECTION.get(section_type(label.group("label"))) if label else None
    if label is None or kind is None:
        return None
    return kind, replace(item, start=item.start + label.end(), text=item.text[label.end() :])


def _labelled_kind(item: Segment) -> str | None:
    """The kind an item's label names, if any (``_labelled_detail``'s kind alone)."""
    labelled = _labelled_detail(item)
    return labelled[0] if labelled else None


_KIND_LABEL = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?P<label>[A-Z][\w '-]{2,30}?)\s*:\s+(?=\S)")
_LEAD_IN_VERB = re.compile(r"\b(?:include|includes|including|are|is|can|may|might|such as)\b", re.IGNORECASE)
_KIND_OF_SECTION = {"symptoms": "symptom", "risk": "risk-factor", "cause": "cause"}
"""The kinds an item's label may name ("Main symptoms:", "Higher risk:"; "Cause:" over how the disease comes about,
which is no risk factor of a list it stands in)."""


def place_list_facts(page: Page, subject: Subject) -> Iterator[Fact]:
    """The body parts a list of places names ("The places most often involved are:" over "Bones,
    especially the skull, ribs and spine", "Skin"; "Where can ALL come back?" over "In the
    testicles"): where the disease is."""
    for block in page.layout.lists:
        lead = block.lead_in
        heading = block.section.heading
        if lead is None and heading is not None and _WHERE_IT_GOES.search(heading.text):
            lead = heading
        if lead is None or block.section.type not in CONTENT_SECTIONS or not (lead is heading or _PLACES.search(lead.text)):
            continue
        if ADVICE.search(lead.text) or _NOT_FACTS.search(lead.text):
            continue
        for item in block.items:
            previous = None
            for mention in page.within(item.start, item.end, "anatomy"):
                glossed = previous is not None and _GLOSS_OPENS.fullmatch(page.text, previous.end, mention.start)
                previous = mention
                if glossed or _WHERE_IT_IS.search(page.text, item.start, mention.start):
                    continue  # "the pelvis (hip bones)": one place; "at the base of the brain": where the gland is
                entity, how = page.entity(mention, "anatomy")
                yield Fact("anatomy", subject.entity, "allkg:hasLocation", entity,
                           (Span(item.start, item.end), Span(lead.start, lead.end)), grounding=how)


_GLOSS_OPENS = re.compile(r"\s*\(\s*")
_WHERE_IT_IS = re.compile(r"\b(?:of|near|behind|beside|above|below|under|next to)\s+(?:the\s+|your\s+)?$", re.IGNORECASE)
_PLACES = re.compile(
    r"\b(?:places?|parts? of the body|body parts?|organs?|sites?|areas?)\b[^.]{0,40}\b(?:involved|affected|found|spread|"
    r"grows?|starts?|occurs?|appears?|include)\b|\b(?:can|may|most often|usually) (?:affect|involve|spread to|start in)\b[^.]{0,30}:|"
    r"\b(?:common|usual|main|likely)\s+(?:places?|sites?|areas?)\b",
    re.IGNORECASE,
)
"""A lead-in over places the disease is ("The places most often involved are:", "It can spread to:")."""
_WHERE_IT_GOES = re.compile(
    r"^\W*where\s+(?:does|do|can|could|will|might|may|did|is|are)\s+(?:\S+\s+){1,4}?"
    r"(?:start|begin|come back|return|spread|grow|go|develop|relapse|recur|found)\b",
    re.IGNORECASE,
)
"""A heading asking where the disease is ("Where can ALL come back?", "Where does it spread?")."""


def _column_of(page: Page, block: ListBlock, kind: str) -> int | None:
    """The column of a table whose heading names the list's kind when its first does not ("What
    is happening | What you may notice"): its rows' other cells say why, where or how often."""
    header = block.lead_in
    if header is None or not block.items or not _CELL.search(block.items[0].text):
        return None  # (a table's rows are its items)
    line_end = page.text.find("\n", header.start, header.start + _LONGEST_HEADER)
    end = line_end if line_end >= 0 else min(len(page.text), header.start + _LONGEST_HEADER)
    cells = [page.text[a:b] for a, b in _cells_of(page.text, header.start, end)]
    cue = _SYMPTOM_CUE if kind == "symptom" else _RISK_CUE
    named = [index for index, cell in enumerate(cells) if cue.search(cell)]
    return named[0] if len(cells) > 1 and named and named[0] > 0 else None


_LONGEST_HEADER = 1000
"""The most characters a table's header line is read for (linear time on a page with no line breaks)."""


def _cells_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of a table row's cells (split by " | " or tabs)."""
    spans, cursor = [], start
    for cell in [*_CELL.finditer(text, start, end), None]:
        stop = end if cell is None else cell.start()
        spans.append((cursor, stop))
        if cell is not None:
            cursor = cell.end()
    return spans


def segment_before(section: Section, seg: Segment) -> list[Segment]:
    """The content segment of a section just before ``seg`` (none, or one), found by bisection."""
    from bisect import bisect_left

    index = bisect_left(section.segments, seg.start, key=lambda s: s.start)
    for earlier in reversed(section.segments[max(0, index - 64) : index]):  # (past a run of chrome, none)
        if not earlier.boilerplate and earlier.end <= seg.start:
            return [earlier]
    return []


def _nested(outer: ListBlock, inner: ListBlock) -> bool:
    """A list whose lead-in is the next item of the list before it (a nested list, flattened)."""
    if not outer.items or inner.lead_in is None or outer.section is not inner.section:
        return False
    if inner.items and inner.items[0].line == inner.lead_in.line:
        return False  # an infobox's row ("Diagnostic method<TAB>Blood tests"), a label and its value
    return inner.lead_in.line == outer.items[-1].line + 1 and len(inner.lead_in.text.split()) <= MAX_PART_WORDS


_STARTS_WITH = re.compile(r"\b(?:starts?|begins?|comes? on|presents?)\b[^:]{0,60}\bwith\s*:\s*$", re.IGNORECASE)
"""A lead-in over the signs the disease starts with ("It often starts off looking like a cold or flu, with:")."""
_ANSWER = re.compile(r"(?:a|answer)\s*:", re.IGNORECASE)
"""A question's answer's label: what it lists is what the question asked."""
_SIGNS_ELSEWHERE = re.compile(
    r"\b(?:signs?|symptoms?)\b[^.]{0,60}\b(?:caused by|due to|other (?:health |medical )?(?:conditions|problems|illnesses)|"
    r"look like|be like|mistaken for)\b|"
    r"\b(?:other|many|common)\s+(?:health\s+|medical\s+)?(?:conditions?|illness(?:es)?|problems)\b[^.]{0,60}\b(?:signs?|symptoms?)\b",
    re.IGNORECASE,
)
"""A sentence saying the signs a list gives may have other causes ("Other conditions can cause the same signs",
"Early signs can look like the flu"),
before advice to see a doctor about them."""
MAX_PLACEMENTS = 10_000
"""Lists moved after a footer times lead-ins left empty: more is no scrape to repair."""


def listed_items(page: Page) -> set[int]:
    """Where the items of the page's symptom and risk-factor lists start, and the items labelled
    with their kind (read by ``list_facts`` and ``labelled_item_facts``)."""
    return {
        item.start
        for block, read in ((block, list_kind(block) in FACT_PREDICATES) for block in page.layout.lists)
        for item in block.items
        if (read and not _statement(page, block, item)) or _labelled_kind(item) is not None
    }


def _statement(page: Page, block: ListBlock, item: Segment) -> bool:
    """An item of a list with no lead-in that takes its kind only from its section ("Why does it happen?") but
    states how the disease comes about ("Genetic changes build up in a developing B cell", "Some
    first changes happen before birth"): read as a sentence, not as a factor."""
    return (
        block.lead_in is None
        and not _stated_kind(block)
        and (not item_like(item.text) or bool(page.within(item.start, item.end, "cause")))
    )


def _stated_kind(block: ListBlock) -> bool:
    """The list says what it is of: its lead-in or heading names symptoms, signs or risks."""
    texts = [t.text for t in (block.lead_in, block.section.heading) if t is not None]
    return any(_SYMPTOM_WORD.search(t) or _RISK_CUE.search(t) for t in texts)


def _placed(
    page: Page, subject: Subject, displaced: list[ListBlock], blocks: list[ListBlock], kinds: dict[int, str | None]
) -> Iterator[tuple[ListBlock, str]]:
    """A displaced list goes to the lead-in left empty whose kind every item can be, when there
    is exactly one; otherwise it is dropped, with a warning."""
    empty = [b for b in blocks if b.lead_in is not None and not b.items and kinds[id(b)] in FACT_PREDICATES]
    if len(displaced) * len(empty) > MAX_PLACEMENTS:
        page.warnings.append(
            f"{page.name}: {len(displaced)} lists after the page's footer and {len(empty)} empty lead-ins are "
            "too many to match up; the lists are dropped"
        )
        displaced, empty = [], []
    for block in displaced:
        fit = {
            (kind, most): _fits(page, subject, block.items, kind, most=most)
            for kind in {kinds[id(lead)] for lead in empty} for most in (False, True)  # type: ignore[misc]
        }
        fits = [
            lead for lead in empty
            if lead.lead_in is not None and lead.lead_in.end <= block.items[0].start and fit[kinds[id(lead)], False]
        ]
        if len(fits) > 1:  # several empty lead-ins: the items must name what one of them announces
            fits = [lead for lead in fits if fit[kinds[id(lead)], True]]
        if len(fits) == 1:
            target = fits[0]
            empty.remove(target)
            yield ListBlock(target.lead_in, target.section, block.items), kinds[id(target)]  # type: ignore[misc]
        else:
            page.warnings.append(
                f"{page.name}: a list after the page's footer ({block.items[0].text!r}...) fits "
                f"{len(fits)} empty lead-ins, not one; dropped"
            )
    for block in empty:
        page.warnings.append(
            f"{page.name}: the list announced by {block.lead_in.text!r} has no items on the page (scraped away?)"  # type: ignore[union-attr]
        )


def _fits(page: Page, subject: Subject, items: list[Segment], kind: str, *, most: bool = True) -> bool:
    """No item that names a symptom or a risk factor names only the other kind; with ``most``,
    most items name one of ``kind``."""
    other = "symptom" if kind == "risk-factor" else "risk-factor"
    can = [_can_be(page, subject, item, kind) for item in items]
    conflicts = [not c and _can_be(page, subject, item, other) for c, item in zip(can, items)]
    return not any(conflicts) and (not most or sum(can) * 2 >= len(items))


def _can_be(page: Page, subject: Subject, item: Segment, kind: str) -> bool:
    """The item names something of ``kind`` (other than the page's disease), or an exposure
    in lay words ("working with benzene")."""
    return any(not names_subject(page, subject, m) for m in page.within(item.start, item.end, kind)) or (
        _exposure(page, item.text, kind) is not None
    )


def item_facts(
    page: Page, subject: Subject, item: Segment, kind: str, lead: tuple[Span, ...], explained: list[Segment] = ()
) -> Iterator[Fact]:
    """The facts one item states, with the page's sentences explaining it (a "Label: detail"
    item's detail, or the sentences a run-on scrape left after it)."""
    if _cut_off(item.text):
        page.warnings.append(f"{page.name}: list item {item.text!r} looks cut off; dropped")
        return
    if _DOUBTED.search(item.text):
        return  # "Living near power lines (this has not been proven)": the page does not state it
    if _NOTICE.search(item.text):
        return  # "*** NEXT MEETING: Tuesday 3rd June, 2pm ... £2 ***" in the middle of a list: no sign, no factor
    detail = _detail(page, item)
    explanation = " ".join([*([detail.text] if detail else []), *(s.text for s in explained)]) or None
    end = item.end
    while end > item.start + 1 and page.text[end - 1] in ".;,":
        end -= 1  # the item without the full stop a run-on scrape left it
    evidence = (Span(item.start, end), *lead, *(Span(s.start, s.end) for s in explained))
    if detail is not None:
        evidence += (Span(detail.start, detail.end),)
    for part in parts_of_span(page, item.start, item.end, kind):
        found = ground_part(page, subject, part, kind, allow_ungrounded=not part.example)
        if found is not None:
            entity, how = found
            yield Fact(kind, subject.entity, FACT_PREDICATES[kind], entity, evidence, explanation, grounding=how)


def _label_and_detail(text: str, start: int, end: int) -> tuple[int, tuple[int, int]] | None:
    """Where an item's label ends, and the span of its detail (up to the next table cell): "Label:
    detail", "Label – detail", "Label. Detail."; a table row's first cell (however long) and the next."""
    label = _LABEL_DETAIL.match(text, start, end)
    if not label:
        return None
    in_table = label.group("separator").strip() in ("|", "")
    if not in_table and len(label.group("label").split()) > 8:
        return None
    detail_start = label.end() - 1
    cell = _CELL.search(text, detail_start, end)
    return start + len(label.group("label")), (detail_start, cell.start() if cell else end)


def _detail(page: Page, item: Segment) -> Part | None:
    """The detail of a "Label: detail" or "Label. Detail." item."""
    found = _label_and_detail(page.text, item.start, item.end)
    span = _trimmed(page.text, *found[1]) if found else None
    return Part(page.text[span[0] : span[1]], *span) if span else None


def parts_of_span(page: Page, start: int, end: int, kind: str) -> list[Part]:
    """The things an item (or a sentence's enumeration) names: its label, split where it lists
    several, with its examples, and (for a symptom) what it says causes it ("a swollen belly
    from an enlarged liver")."""
    text = page.text
    while end > start and text[end - 1] in ".;:,":
        end -= 1
    described = _DESCRIBED_AS.search(text, start, end)
    if described and described.start() > start:  # "Swollen lymph nodes, felt as painless lumps in the neck": how it shows
        end = described.start()
    dangling = _DANGLING_EXAMPLES.search(text, start, end)
    if dangling and dangling.start() > start:  # "rare inherited conditions, such as" over a nested list
        end = dangling.start()
    relatives = RELATIVE_WITH.match(text, start, end) if kind == "risk-factor" else None
    if relatives is not None and relatives.end() == end:  # "Having a parent, brother, sister, or child who has had CLL"
        return [Part(text[start:end], start, end)]
    aside = _ASIDE.search(text, start, end)
    if aside and aside.start() > start and aside.end() < end:
        # "Having a brother or sister, especially an identical twin, with leukemia": one thing, the aside left out
        return [Part(f"{text[start : aside.start()]} {text[aside.end() : end]}", start, end)]
    labelled = _label_and_detail(text, start, end)
    extra: list[Part] = []
    category = False
    if labelled is not None:
        label_end, detail = labelled
        if kind == "symptom" and _names_places(page, start, label_end):
            # "Mouth and ears: swollen gums, loose teeth": where the signs are, then the signs
            return [p for p in _enumerated(page, *detail, kind) if _plausible(p.text)]
        extra = _named_in_detail(page, *detail, kind)
        category = len(extra) >= 2 and not _ALTERNATIVE_OR_CAUSE.match(text, *detail)
        end = label_end
    example = _EXAMPLES.search(text, start, end)
    if example and _TREATED_FOR.match(text, example.start("examples"), example.end("examples")):
        end = example.start()  # "radiotherapy to the chest, for example for breast cancer": what it treated, no factor
        example = None
    if example:
        first, last = example.start("examples"), example.end("examples")
        lead = _AUXILIARY.match(text, first, last)
        tail = _EXPLANATION.search(text, first, last)
        extra = [
            Part(p.text, p.start, p.end, example=True)
            for p in _split(text, lead.end() if lead else first, tail.start() if tail and tail.start() > first else last)
        ]
        end = example.start()
    explanation = _EXPLANATION.search(text, start, end)
    if explanation and explanation.start() > start:
        because = _BECAUSE.match(text, explanation.start(), end)
        if kind == "symptom" and because:  # "a swollen tummy, because of an enlarged liver or spleen"
            extra += [
                Part(p.text, p.start, p.end, example=True)
                for p in _enumerated(page, because.end(), end, kind)
                if _names(page, p, kind)
            ]
        elif kind == "symptom":  # "aching legs - a younger child may limp": a sign the explanation names too
            extra += [
                Part(m.text, m.start, m.end, example=True)
                for m in page.within(explanation.start(), end, kind)
                if not _NEGATION_BEFORE.search(text, max(explanation.start(), m.start - 12), m.start)
            ]
        end = explanation.start()
    cause = _CAUSED_BY.search(text, start, end)
    if cause and _lists_within_commas(text, start, cause.start()):
        cause = None  # ("pale skin, easy bruising or tiny dots, a swollen belly from a big liver": the last sign's cause)
    if cause and cause.start() > start and not _whole_names(page, (start, end), kind):
        if kind == "symptom":
            bracketed = "(" in cause.group()  # "A feeling of fullness (from a swollen spleen)": the gloss ends at ")"
            caused_end = text.find(")", cause.end(), end) if bracketed else -1
            caused = _enumerated(page, cause.end(), end if caused_end < 0 else caused_end, kind)
            head_part = Part(text[start : cause.start()], start, cause.start())
            if not any(_names(page, p, kind) for p in caused):
                cause = None  # "Bleeding from the gums": a place, not a cause
            elif not bracketed and not _names(page, head_part, kind):
                return [p for p in [*extra, *caused] if _plausible(p.text)]  # "Lumps caused by swollen lymph nodes"
            else:
                extra.extend(caused)
        if cause is not None:
            end = cause.start()
    head = _trimmed(text, start, end)
    opened = text.rfind("(", start, end) if head is not None else -1
    if head is not None and opened > head[0] and text.find(")", opened, end) < 0:
        # "contact with benzene (used in some industries, e.g. ...": an aside its examples cut open
        head = _trimmed(text, head[0], opened)
    if head is None:
        return [p for p in extra if _plausible(p.text)]
    complains = _COMPLAINS_OF.match(text, *head)
    if complains is not None and complains.end() < head[1]:  # "Complains of bone or joint pain": the pain is the sign
        head = (complains.end(), head[1])
    gloss = _GLOSS.search(text, *head)
    examples = _bracketed_examples(page, gloss, kind) if gloss and gloss.group("gloss") else []
    if examples:  # "Bruising or bleeding easily (frequent nosebleeds, bleeding gums)": signs of their own
        extra.extend(examples)
        head = _trimmed(text, head[0], gloss.start()) or head
        gloss = None
    if gloss:
        which = "gloss" if gloss.group("gloss") else "called"
        named = _trimmed(text, gloss.start(which), gloss.end(which))
        if named and not text[named[0] : named[1]].isupper() and _whole_names(page, named, kind):
            # the gloss names the last part only: "bruises, nosebleeds, tiny red spots (petechiae)" (but
            # all of one sign in several places: "lumps in your neck, armpits or groin (swollen glands)")
            chunks = _comma_chunks(text, head[0], gloss.start())
            several = len(chunks) > 1 and not _places_follow(text, head[0], gloss.start())
            # ("tiny red, purple or brown spots on the skin (petechiae)": colours of one sign)
            several = several and not set(text[chunks[0][0] : chunks[0][1]].lower().split()) <= _MODIFIER_WORDS | _COLOURS
            before = _enumerated(page, head[0], chunks[-2][1], kind) if several else []
            # "Bruises easily or has small red spots under the skin (petechiae)": the gloss names the last
            # alternative, and the first names a sign of its own (not "a fast or pounding heartbeat (palpitations)")
            alternatives = _split(text, head[0], gloss.start()) if not several and " or " in text[head[0] : gloss.start()] else []
            if len(alternatives) > 1 and _names(page, alternatives[0], kind):
                before = _distributed(page, alternatives, kind)[:-1]
                before += _beside_gloss(page, (alternatives[-1].start, gloss.start()), named, kind)
            elif several:
                before += _beside_gloss(page, (chunks[-1][0], gloss.start()), named, kind)
            return [p for p in [*before, Part(text[named[0] : named[1]], *named), *extra] if _plausible(p.text)]
        head = _trimmed(text, head[0], gloss.start()) or head
    if _lists_within_commas(text, *head) or _SEMICOLON.search(text, *head):
        parts = _enumerated(page, *head, kind)  # "A or B, or C"; "A; B; C"
    elif (
        len(parts := _split(text, *head)) > 1
        and (clause := _RELATIVE_IS.search(text, *head)) is not None
        and clause.start() < parts[1].start
    ):  # "Breasts that are tender or growing": each is said of the noun ("breasts that are growing")
        noun = text[head[0] : clause.end()]
        parts = [Part(f"{noun}{p.text}", head[0], p.end) for p in _split(text, clause.end(), head[1])]
    elif len(parts) > 1 and not _whole_names(page, head, kind):
        parts = _verb_shared(_distributed(page, parts, kind))
        if (
            kind == "risk-factor"
            and len(parts) == 2
            and not all(_names(page, p, kind) or _GROUP.fullmatch(p.text) for p in parts)
            and not (_ANOTHER.match(parts[1].text) and _names(page, parts[0], kind))
        ):
            # (but "Being Hispanic or White" names two groups, "Down syndrome or another inherited condition" two things)
            parts = [Part(text[head[0] : head[1]], *head)]
        elif kind == "risk-factor" and len(parts) == 2 and _ANOTHER.match(parts[1].text):
            kind_of = _SHARED_PREDICATE.search(parts[1].text)  # "... that affects how cells repair their genes": which ones
            parts[1] = Part(parts[1].text[: kind_of.start()], parts[1].start, parts[1].end) if kind_of else parts[1]
    else:
        parts = [Part(text[head[0] : head[1]], *head)]
    if category:  # "Anaemia – fatigue, pallor, lethargy": the label is kept only if it names one too
        parts = [Part(p.text, p.start, p.end, example=True) for p in parts]
    return [_without_with(page, p) for p in [*parts, *extra] if _plausible(p.text)]


def _bracketed_examples(page: Page, gloss: re.Match[str], kind: str) -> list[Part]:
    """The things a bracket after an item lists, each named ("(frequent nosebleeds, bleeding gums)"):
    examples of it, no other name for it."""
    if "," not in gloss.group("gloss"):
        return []
    parts = _enumerated(page, gloss.start("gloss"), gloss.end("gloss"), kind)
    named = len(parts) >= 2 and all(_names(page, p, kind) for p in parts)
    return [Part(p.text, p.start, p.end, example=True) for p in parts] if named else []


def _sign_without_its_places(page: Page, head: str, kind: str) -> str | None:
    """The sign of several words the words before a list of places name on their own ("swollen lymph
    nodes" of "swollen lymph nodes in the neck, armpit or groin"; not "pain" of "pain in the chest or shoulder")."""
    sign = _SIGN_BEFORE_PLACE.sub("", head).strip()
    found = page.lexicon.lookup(sign, kind) if len(sign.split()) > 1 else None
    return sign if found is not None and not (set(sign.lower().split()) & _WHERE_IT_HURTS) else None


_SIGN_BEFORE_PLACE = re.compile(r"\s(?:in|on|around|under|behind|with|to|of)\s(?:the|your|their|his|her)?\s*$", re.IGNORECASE)


def _beside_gloss(page: Page, span: tuple[int, int], gloss: tuple[int, int], kind: str) -> list[Part]:
    """The signs of the last part before a gloss that the gloss does not name: it names the cause
    of them all ("tired, weak or short of breath (anaemia)": weak, short of breath), not a
    synonym ("bruises, tiny red spots (petechiae)": no more)."""
    named = {page.ground(m, kind).concept for m in page.within(*gloss, kind) if (m.start, m.end) == gloss}
    parts = _enumerated(page, *span, kind)
    return [
        p for p in parts
        if (m := _exact(page, p, kind) or _head_mention(page, p, kind)) is not None
        and page.ground(m, kind).concept not in named
    ]


def _verb_shared(parts: list[Part]) -> list[Part]:
    """A last alternative that opens with the preposition of the first one's verb shares that verb
    ("Was exposed to high doses of radiation, or to X-rays before birth": exposed to X-rays before birth)."""
    if len(parts) != 2:
        return parts
    first, last = parts
    opening = _PREPOSITION_FIRST.match(last.text)
    at = first.text.lower().rfind(f" {opening.group(1).lower()} ") if opening else -1
    if opening is None or at <= 0:
        return parts
    return [Part(first.text.rstrip(" ,"), first.start, first.end), Part(first.text[:at] + " " + last.text, last.start, last.end)]


_PREPOSITION_FIRST = re.compile(r"(to|with|from|by)\s+\S", re.IGNORECASE)


def _without_with(page: Page, part: Part) -> Part:
    """A part that says what comes with the sign before it names its own ("red palms, with puffy
    swollen hands" -> "puffy swollen hands")."""
    opening = _WITH.match(part.text)
    if opening is None or opening.end() == len(part.text):
        return part
    in_place = page.text[part.start : part.end] == part.text  # (a distributed part is no span of the page)
    return Part(part.text[opening.end() :], part.start + (opening.end() if in_place else 0), part.end, part.example)


_WITH = re.compile(r"(?:along with|together with|with)\s+", re.IGNORECASE)
_ANOTHER = re.compile(r"(?:an)?other\b|any other\b|some other\b", re.IGNORECASE)
"""A part that names the kind of thing the part before it is ("Down syndrome or another inherited condition")."""


def _named_in_detail(page: Page, start: int, end: int, kind: str) -> list[Part]:
    """What a "Label – detail" item's detail names besides its label: another thing it offers
    ("Blurred vision – or loss of vision"); for a symptom, the signs it comes from ("Feeling
    full quickly – from an enlarged spleen or liver"); or the things of the label's kind it
    lists ("Anaemia – fatigue, pallor, lethargy")."""
    text = page.text
    examples = _EXAMPLES_FIRST.match(text, start, end)
    if examples is not None:  # "Weakened immune system: for example after an organ transplant, or from HIV"
        found = []
        for chunk_start, chunk_end in _comma_chunks(text, examples.end(), end):
            for part in _chunk_parts(page, chunk_start, chunk_end, kind):
                lead_word = _EXAMPLE_LEAD.match(part.text)
                if lead_word:
                    part = Part(part.text[lead_word.end() :], part.start + lead_word.end(), part.end, example=True)
                if _names(page, part, kind):
                    found.append(Part(part.text, part.start, part.end, example=True))
        return found
    lead = _ALTERNATIVE_OR_CAUSE.match(text, start, end)
    if lead is not None and (lead.group("cause") is None or kind == "symptom"):
        stop = _CLAUSE_END.search(text, lead.end(), end)
        parts = _split(text, lead.end(), stop.start() if stop else end)
        parts = _distributed(page, parts, kind) if len(parts) > 1 else parts
        return [p for p in parts if _names(page, p, kind)]
    brings = _IT_CAN_CAUSE.search(text, start, end) if kind == "symptom" else None
    if brings is not None:  # "Nervous system: if it spreads to the brain, it can cause headaches, fits or ...": what follows
        start = brings.end()
    span = _trimmed(text, start, end)
    if span is None or lead is not None:
        return []
    parts = []
    for chunk_start, chunk_end in _comma_chunks(text, *span):
        verb = _VERB.search(text, chunk_start, chunk_end)  # "... and X are all linked to ..."
        parts += _chunk_parts(page, chunk_start, verb.start() if verb else chunk_end, kind)
    named = [p for p in parts if _names(page, p, kind)]
    if len(parts) >= 2 and (len(named) * 2 > len(parts) or (kind == "symptom" and len(named) * 2 == len(parts) >= 4)):
        return parts
    # "Aching legs - a younger child may limp or refuse to walk"; "Genetic conditions - children with Down's
    # syndrome are more likely to develop ALL": what the detail names of the label's kind, where it says so
    if (kind == "symptom" and _MAY.search(text, start, end)) or (kind == "risk-factor" and _RISK_CUE.search(text, start, end)):
        return [
            Part(m.text, m.start, m.end, example=True)
            for m in page.within(start, end, kind)
            if not _NEGATION_BEFORE.search(text, max(start, m.start - 12), m.start)
            and not _OUTCOME_BEFORE.search(text, max(start, m.start - 80), m.start)
        ]
    return []


_OUTCOME_BEFORE = re.compile(r"\b(?:risk|chance|likelihood)\s+of\b[^.;:]*$", re.IGNORECASE)
"""What a risk is of is what it raises, no risk factor ("a higher risk of lobular breast cancer")."""


_IT_CAN_CAUSE = re.compile(r"\b(?:it|this|they|these)\s+(?:can|may|might|could|will|often)\s+(?:cause|bring|lead to|give)\s+", re.IGNORECASE)
"""A detail's clause that names what the label's trouble brings: the signs follow it."""
_MAY = re.compile(r"\b(?:may|might|can|could|will|often|sometimes)\b(?!\s+(?:be|look|seem)\b)", re.IGNORECASE)
"""A detail that says what else a sign can bring ("a younger child may limp"), not what it is."""


def _comma_chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans between a phrase's commas and semicolons (not inside brackets)."""
    spans, cursor = [], start
    for comma in [*(c for c in _COMMA.finditer(text, start, end) if not _qualifies(text, c, end)), None]:
        stop = end if comma is None else comma.start()
        if stop > cursor:
            spans.append((cursor, stop))
        if comma is not None:
            cursor = comma.end()
    return spans


def _qualifies(text: str, separator: re.Match[str], end: int) -> bool:
    """A comma before a part that qualifies the one before it ("chemo or radiotherapy before, for a
    different cancer"): no place to part a list."""
    return "," in separator.group() and bool(_QUALIFIES.match(text, separator.end(), end))


_QUALIFIES = re.compile(r"(?:for|during|after|before|since)\s+(?:a|an|the|another|other|their|your)\b", re.IGNORECASE)
"""What opens a qualifying part ("for a different cancer", "after the transplant"; not "in the diaper area", another place)."""


def _names_places(page: Page, start: int, end: int) -> bool:
    """A label that names only body parts ("Liver and spleen") or the body as a whole ("General")."""
    parts = _split(page.text, start, end)
    return bool(parts) and all(
        _WHOLE_BODY.fullmatch(part.text) or page.lexicon.lookup(_ARTICLE.sub("", part.text), "anatomy") is not None
        for part in parts
    )


_WHOLE_BODY = re.compile(r"general|generally|other|elsewhere|whole body|all over|anywhere", re.IGNORECASE)


def _lists_within_commas(text: str, start: int, end: int) -> bool:
    """Commas part a stretch whose parts list several themselves ("A or B, or C")."""
    chunks = _comma_chunks(text, start, end)
    fixed = [(m.start(), m.end()) for m in _FIXED_PAIRS.finditer(text, start, end)]  # "in and around the neck"
    return len(chunks) > 1 and any(
        not any(a <= split.start() < b for a, b in fixed)
        for chunk in chunks[:-1]
        for split in _INNER_SPLIT.finditer(text, *chunk)
    )


def _places_follow(text: str, start: int, end: int) -> bool:
    """A first part that ends in a place, the places after it ("pain in the legs, arms or back")."""
    first = _comma_chunks(text, start, end)[0]
    return bool(_PLACE.match(text, *first)) and not _INNER_SPLIT.search(text, *first)


def _enumerated(page: Page, start: int, end: int, kind: str) -> list[Part]:
    """The things a stretch lists, words shared across each "or"/"and" distributed; split at
    its commas first where the parts between them list several ("an enlarged liver or spleen,
    swollen lymph nodes")."""
    enlarged = _ENLARGED.match(page.text, start, end) if kind == "symptom" else None
    if enlarged is not None:  # "the liver and spleen are enlarged": an enlarged liver, an enlarged spleen
        organs = enlarged.group("organs")
        return [
            Part(f"enlarged {organ}", start + enlarged.start("organs"), start + enlarged.end())
            for organ in _ORGAN_SPLIT.split(organs)
            if organ
        ] if len(organs.split()) <= 6 else []
    pieces = _SEMICOLON.split(page.text[start:end])
    if len(pieces) > 1:  # "Loss of appetite; weight loss; night sweats"
        found, offset = [], start
        for piece in pieces:
            found += _enumerated(page, offset, offset + len(piece), kind)
            offset += len(piece) + 1
        return found
    if _lists_within_commas(page.text, start, end) and not _places_follow(page.text, start, end):
        parts = [p for chunk in _comma_chunks(page.text, start, end) for p in _chunk_parts(page, *chunk, kind)]
        return _places_joined(page, _modifiers_shared(page, parts, kind))
    return _chunk_parts(page, start, end, kind)


def _modifiers_shared(page: Page, parts: list[Part], kind: str) -> list[Part]:
    """Single words listed after a longer part take its words before its noun, across commas too,
    where they name nothing of their own ("aching legs, arms or back, or start to limp": aching arms,
    aching back)."""
    result: list[Part] = []
    modifiers = ""
    for part in parts:
        if len(part.text.split()) == 1 and modifiers and not _names(page, part, kind):
            result.append(Part(f"{modifiers} {part.text}", part.start, part.end))
            continue
        said = _WITH.sub("", part.text, count=1)  # ("..., with long arms, legs, fingers and toes")
        modifiers = _shared_words(said) if len(said.split()) == 2 else ""
        result.append(part)
    return result


_SEMICOLON = re.compile(r";(?![^(]*\))")
_ENLARGED = re.compile(
    r"\s*(?:the\s+|your\s+|their\s+|his\s+|her\s+)?(?P<organs>[a-z][a-z ,]*?[a-z])\s+"
    r"(?:is|are|become|becomes|get|gets|may be|can be|may become|can become)\s+(?:also\s+|often\s+|slightly\s+|very\s+)?"
    r"(?:enlarged|swollen|bigger|larger|bigger than normal|larger than normal)\b",
    re.IGNORECASE,
)
"""Organs a clause says are enlarged ("the liver and spleen are bigger")."""
def enlarged_organs(page: Page, start: int, end: int) -> list[Part]:
    """The organs a sentence says are enlarged ("The liver and spleen may also become enlarged",
    "If the spleen or liver is enlarged, ..."), each as an enlarged organ."""
    organs = page.within(start, end, "anatomy")
    found: list[Part] = []
    run: list[Mention] = []
    for index, organ in enumerate(organs):
        run = run + [organ] if run and _ORGAN_JOIN.fullmatch(page.text, run[-1].end, organ.start) else [organ]
        following = organs[index + 1] if index + 1 < len(organs) else None
        if following is not None and _ORGAN_JOIN.fullmatch(page.text, organ.end, following.start):
            continue
        said = _IS_ENLARGED.match(page.text, organ.end, end)
        if said is not None:
            found += [Part(f"enlarged {m.text}", m.start, said.end()) for m in run]
        elif len(run) > 1 and _ENLARGED_BEFORE.search(page.text, max(start, run[0].start - 30), run[0].start):
            # "an enlarged liver and spleen", "can enlarge the liver and spleen": each organ of the run
            found += [Part(f"enlarged {m.text}", m.start, m.end) for m in run]
    return found


_ENLARGED_BEFORE = re.compile(r"\b(?:(?:an?\s+)?(?:enlarged|swollen|bigger)|enlarg\w*)\s+(?:the\s+|your\s+|their\s+)?$", re.IGNORECASE)
"""Words before a run of organs that say each is enlarged ("an enlarged liver and spleen")."""


_ORGAN_JOIN = re.compile(r"\s*(?:,\s*)?(?:(?:and|or)\s+)?(?:the\s+|your\s+|their\s+)?", re.IGNORECASE)
_IS_ENLARGED = re.compile(
    r"\s*,?\s+(?:(?:(?:which|that)\s+(?:was|were|is|are)|is|are|become|becomes|get|gets|may be|can be|may become|can become|"
    r"may also be|can also be|may also become|(?:has|have|had)(?: also)? (?:grown|become|got|gotten))\s+"
    r"(?:also\s+|often\s+|slightly\s+|very\s+)?(?:enlarged|swollen|bigger|larger)|(?:has|have|had) swollen)\b",
    re.IGNORECASE,
)
_ORGAN_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+(?:the\s+|your\s+)?")


def _chunk_parts(page: Page, start: int, end: int, kind: str) -> list[Part]:
    """The things one comma-free stretch names, words shared across its "or"/"and" distributed; of
    a sign, what it comes from apart ("nosebleeds from a low platelet count": nosebleeds, and the
    low platelet count where that names a sign; not "bleeding from the gums", a place)."""
    cause = _CAUSED_BY.search(page.text, start, end) if kind == "symptom" else None
    if cause is not None and cause.start() > start:
        caused = [p for p in _chunk_parts(page, cause.end(), end, kind) if _names(page, p, kind)]
        if caused:
            return [*_chunk_parts(page, start, cause.start(), kind), *caused]
    pieces = _split(page.text, start, end)
    return _distributed(page, pieces, kind) if len(pieces) > 1 else pieces


def _split(text: str, start: int, end: int) -> list[Part]:
    """The parts of a phrase that lists several things (not inside brackets, nor a fixed pair
    such as "with or without", "aches and pains")."""
    kept = [(m.start(), m.end()) for m in _FIXED_PAIRS.finditer(text, start, end)]
    parts = []
    cursor = start
    separators = [
        m for m in _SPLIT.finditer(text, start, end)
        if not any(a <= m.start() < b for a, b in kept) and not _qualifies(text, m, end) and not _repeats(text, m)
        and not _OPEN_PREPOSITION.search(text, start, m.start())  # "live in or visit wooded areas": one object
        # "Infections that happen often or are hard to clear": the clause goes on, no second thing
        and not (_VERB_GOES_ON.match(text, m.end()) and _RELATIVE_BEFORE.search(text, start, m.start()))
    ]
    for separator in [*separators, None]:
        stop = end if separator is None else separator.start()
        span = _trimmed(text, cursor, stop)
        if span:
            parts.append(Part(text[span[0] : span[1]], *span))
        if separator is not None:
            cursor = separator.end()
    return parts


_DESCRIBED_AS = re.compile(r",\s+(?:felt|seen|noticed|described)\s+as\b", re.IGNORECASE)
"""How an item's thing shows, after a comma: said of it, no other thing."""
_VERB_GOES_ON = re.compile(r"(?:are|is|was|were|can|may|might|will|do|does|don['’]t|doesn['’]t|have|has)\b", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who)\s", re.IGNORECASE)
_OPEN_PREPOSITION = re.compile(r"\b(?:in|on|at|to|into|near|around|with|from)$", re.IGNORECASE)
"""A part that ends waiting for its object, which the next part's words give ("live in or visit ...")."""


def _repeats(text: str, separator: re.Match[str]) -> bool:
    """A word said twice for emphasis ("really, really tired"): no list (but "weight loss or loss of appetite" is one)."""
    if separator.group().strip() != ",":
        return False
    before = _LAST_WORD.search(text, max(0, separator.start() - 20), separator.start())
    after = _FIRST_WORD.match(text, separator.end())
    return bool(before and after) and before.group(1).casefold() == after.group(1).casefold()


_LAST_WORD = re.compile(r"(\w+)$")
_FIRST_WORD = re.compile(r"(\w+)")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    body = text[start:end]
    cleaned = clean_phrase(body)
    if not cleaned:
        return None
    offset = body.find(cleaned)
    return (start + offset, start + offset + len(cleaned)) if offset >= 0 else (start, end)


def _distributed(page: Page, parts: list[Part], kind: str) -> list[Part]:
    """Words shared across "or"/"and": "bone or joint pain" -> bone pain, joint pain; "feeling
    tired or weak" -> feeling tired, feeling weak; "pain in your bones or joints" -> pain in your
    bones, pain in your joints, but "painless lumps in the neck, armpit or groin", which names no
    sign of ours in any of its places, is one sign in several places."""
    parts = _places_joined(page, parts)
    if len(parts) == 1:
        return parts
    result = list(parts)
    last, first = parts[-1], parts[0]
    place = _PLACE.match(first.text)
    run = 1  # the short places right after the first part ("pain in the legs, arms or back, limping")
    while place and run < len(parts) and len(parts[run].text.split()) <= 2 and _exact(page, parts[run], kind) is None:
        run += 1
    if run > 1:
        placed = [first, *(Part(f"{place.group('head')} {p.text}", first.start, p.end) for p in parts[1:run])]
        sign = _sign_without_its_places(page, place.group("head"), kind)
        if sign is not None:  # "swollen lymph nodes in the neck, armpit or groin": a sign named on its own, in several places
            return [Part(sign, first.start, parts[run - 1].end), *parts[run:]]
        if any(_names(page, p, kind) for p in placed):
            return [*placed, *parts[run:]]  # "pain in your bones or joints": bone pain, joint pain
        if run == len(parts):
            return [Part(page.text[first.start : last.end], first.start, last.end)]  # one sign in several places
    words = first.text.lower().split()
    if len(parts) == 2 and (
        len(words) == 1 and words[0] in _MODIFIER_WORDS
        or words[-1] in _COLOURS and set(words) <= _MODIFIER_WORDS | _COLOURS and last.text.split()[0].lower() in _COLOURS
    ):  # ("tiny red or purple spots" too)
        return [Part(f"{first.text} or {last.text}", first.start, last.end)]  # "frequent or severe nosebleeds"
    own_article = _ARTICLE.match(last.text)
    # a place is shared ("pain or a feeling of fullness below the ribs"); what a part with its own
    # determiner does is its own ("nosebleeds, or your gums bleeding when you brush your teeth")
    shared = _SHARED_PLACE.search(last.text) or (None if own_article else _SHARED_PREDICATE.search(last.text))
    last_text = last.text[own_article.end() :] if own_article else last.text
    qualifier = _QUALIFIER.search(last_text)
    named = last_text[: qualifier.start()] if qualifier else last_text  # "swollen eye" of "swollen eye with no infection"
    rest = last_text[len(named) :]
    # "bone or joint pain" -> bone pain; "red, sore or swollen eye" -> red eye, sore eye; "swelling or
    # discomfort in the abdomen" -> swelling in the abdomen; "cuts or wounds taking longer to heal"
    # (a last part with its own article names a thing of its own: "pain or a feeling of fullness below the ribs")
    # (nor does one whose noun comes first: "pain or feeling of fullness below the ribs" shares only its place)
    shares_head = len(named.split()) > 1 and not own_article and not _NOUN_FIRST.search(named)
    tail = f" {' '.join(named.split()[1:])}{rest}" if shares_head else rest
    # only the single words just before the last part qualify its noun: not "spleen" of "an
    # enlarged liver or spleen, swollen lymph nodes or weight loss"
    words = [_ARTICLE.sub("", part.text) for part in parts[:-1]]
    run = len(words)
    while run > 0 and len(words[run - 1].split()) == 1:
        run -= 1
    for index in range(run, len(words)):
        part, word = parts[index], words[index]
        if len(last.text.split()) < 2 or not tail.strip():
            continue
        joined = Part(f"{word}{tail}", part.start, last.end)
        if _PLURAL_NOUN.fullmatch(word) and not _SHARED_PREDICATE.search(last.text) and not _is_form(page, joined.text, kind):
            continue  # "bruises and small red spots": a thing of its own (but "cuts or wounds taking longer to heal")
        # a place is shared by the one-word sign paired with it ("pain or swelling in the belly")
        if (shared and len(parts) == 2) or not _names(page, part, kind) or _is_form(page, joined.text, kind):
            result[index] = joined
    # "an enlarged liver or spleen", "aching legs, arms or back": the single words after the last
    # longer part take its words before its noun (not "a swollen belly, or yellow skin and eyes")
    longer = max((i for i, part in enumerate(parts) if len(part.text.split()) > 1), default=None)
    if longer is not None and longer < len(parts) - 1:
        modifiers = _shared_words(parts[longer].text)
        for index in range(longer + 1, len(parts)):
            joined = Part(f"{modifiers} {parts[index].text}", parts[longer].start, parts[index].end)
            # (an illness's words are its own: not "a viral colic" of "a viral infection, colic or reflux")
            if not _names(page, parts[index], kind) and (kind != "disease" or _is_form(page, joined.text, kind)):
                result[index] = joined
    return result


_RELATIVE_IS = re.compile(r"\s(?:that|which|who)\s+(?:is|are|was|were|get|gets)\s", re.IGNORECASE)


def _shared_words(text: str) -> str:
    """The words of a part that the single words listed after it share: those before its noun
    ("an enlarged liver" of "an enlarged liver or spleen"), or those up to its preposition and
    article ("heavy bleeding after" of "heavy bleeding after dental work, childbirth or surgery")."""
    words = text.split()
    at = max((i for i, word in enumerate(words[:-1]) if word.lower() in _SHARED_PREPOSITIONS), default=None)
    if at is None:
        return " ".join(words[:-1])
    end = at + 2 if at + 2 < len(words) and _ARTICLE.match(words[at + 1] + " ") else at + 1
    return " ".join(words[:end])


_SHARED_PREPOSITIONS = frozenset("after before during following from into in on".split())


def _places_joined(page: Page, parts: list[Part]) -> list[Part]:
    """A part that is only a place ("in skin folds") is another place of the sign before it, not
    a sign: "a rash on the scalp, in the nappy area or in skin folds" names one sign (its span
    takes the places in), and so do the bare places listed after it ("Lymph nodes that swell,
    in the neck, underarm, or groin")."""
    joined: list[Part] = []
    placed = False
    for part in parts:
        if joined and (_ONLY_A_PLACE.match(part.text) or (placed and _is_form(page, _LEADING_THE.sub("", part.text), "anatomy"))):
            before = joined[-1]
            joined[-1] = Part(before.text, before.start, part.end, before.example)
            placed = True
        else:
            joined.append(part)
            placed = False
    return joined


_INTENSIFIER = re.compile(r"\b(?:really|very|extremely|terribly|awfully)\b,?\s+", re.IGNORECASE)
"""Words that only make a sign stronger ("really, really tired"): no part of its name."""
_LEADING_THE = re.compile(r"^(?:the|your|their)\s+", re.IGNORECASE)
_PLURAL_NOUN = re.compile(r"[a-z]{3,}(?<![su]s)(?<!is)s", re.IGNORECASE)
"""A word in the plural ("bruises", "nosebleeds"; not "loss", "virus", "tennis"): a thing, not a modifier."""
_ONLY_A_PLACE = re.compile(r"(?:in|on|around|under|behind|over)\s", re.IGNORECASE)


def _is_form(page: Page, phrase: str, kind: str) -> bool:
    """The whole phrase is a surface form of the kind ("red eye")."""
    return any(m.start == 0 and m.end == len(phrase) for m in page.lexicon.find(phrase).within(0, len(phrase), kind))


def _whole_names(page: Page, span: tuple[int, int], kind: str) -> bool:
    """The whole phrase is one surface form of the kind ("Down syndrome or trisomy 21" is not)."""
    return any(m.start == span[0] and m.end == span[1] for m in page.within(*span, kind))


def _names(page: Page, part: Part, kind: str) -> bool:
    return (
        _exact(page, part, kind) is not None
        or page.lexicon.fuzzy(part.text, kind) is not None
        or _exposure(page, part.text, kind) is not None
    )


def _exposure(page: Page, phrase: str, kind: str) -> Grounding | None:
    """The exposure a risk factor's lay words name ("working with benzene": exposure to benzene),
    or the agent it names alone ("some pesticides": exposure to pesticide; "Epstein-Barr virus":
    the infection with it)."""
    if kind != "risk-factor":
        return None
    said = _EXPOSED.match(phrase)
    if said is None:
        leading = _LEADING_WORDS.match(phrase)
        agent = phrase[leading.end() :] if leading else phrase
    else:
        agent = said.group("agent")
    if not agent:
        return None
    exposure = page.lexicon.lookup(f"exposure to {agent}", kind)
    if exposure is None and _MICROBE.search(agent):  # "the Epstein-Barr virus": the infection with it
        exposure = page.lexicon.lookup(f"{agent} infection", kind)
    return exposure


_GROUP = re.compile(rf"(?:being\s+)?{ETHNIC}", re.IGNORECASE)
"""A part naming a group of people ("being Hispanic")."""
_MICROBE = re.compile(r"\bvirus$|\bbacteri(?:um|a)$|^[A-Z][a-z]+ [a-z]{4,}$")
"""An agent of infection by its name: a virus, or a genus and species ("Helicobacter pylori")."""


def ground_part(
    page: Page, subject: Subject, part: Part, kind: str, *, allow_ungrounded: bool = True
) -> tuple[Entity, str] | None:
    """The concept a part names, and how: exactly; by the specific form it starts with, the rest
    only saying where or when ("Swollen lymph nodes in the neck"); by a close match ("pain in
    the bones"); by a short form it starts with ("Losing weight without trying"); else (a short
    plain phrase of a list, ``allow_ungrounded``) as itself, ungrounded. Never the page's disease."""
    exposure = _exposure(page, part.text, kind)
    if exposure is not None:  # "working with benzene" is exposure to benzene
        return concept_entity(exposure.concept), exposure.scope
    exact = _exact(page, part, kind)
    if exact is not None and _placed_sign(page, part, exact):
        # "pain in the belly": a one-word sign whose place makes it another (abdominal pain); "pain
        # in the arms": the sign its place names before it (arm pain)
        text, _, end, _ = _view(page, part)
        where = _WHERE.match(text, exact.end, end)
        before = page.lexicon.lookup(f"{where.group('where')} {exact.text}", kind) if where else None
        if before is not None and not is_subject(page, subject, before.concept):
            return concept_entity(before.concept), before.scope
        closer = page.lexicon.fuzzy(part.text, kind)
        if closer is not None and not is_subject(page, subject, closer.concept):
            return concept_entity(closer.concept), closer.scope
        if allow_ungrounded and exact.text.lower() in _WHERE_IT_HURTS and not names_subject(page, subject, exact):
            return _as_said(page, part, kind), "ungrounded"  # "pain under the ribs on the left side"
    if exact is not None and names_subject(page, subject, exact) and kind == "risk-factor" and _BEFORE_NOW.match(part.text):
        return page.ungrounded(clean_phrase(part.text), kind), "ungrounded"  # "previous skin cancer": had it before
    if exact is not None:
        return None if names_subject(page, subject, exact) else page.entity(exact, kind)
    head = _head_mention(page, part, kind)
    if head is not None and len(head.text.split()) > 1:
        return None if names_subject(page, subject, head) else page.entity(head, kind)
    leading = _LEADING_WORDS.match(part.text)
    said = part.text[leading.end() :] if leading else part.text
    plain = _INTENSIFIER.sub("", said)  # "felt really, really tired" is "felt tired"
    fuzzy = (page.lexicon.lookup(plain, kind) if plain != said else None) or page.lexicon.fuzzy(plain, kind)
    if fuzzy is not None and not is_subject(page, subject, fuzzy.concept):
        return concept_entity(fuzzy.concept), fuzzy.scope
    if head is not None and not _TRAILING_PLACE.match(_view(page, part)[0], head.end):
        return None if names_subject(page, subject, head) else page.entity(head, kind)
    state = _state_named(page, part.text, kind)
    if state is not None and not is_subject(page, subject, state.concept):
        return concept_entity(state.concept), state.scope
    if not allow_ungrounded:
        return None
    return _as_said(page, part, kind), "ungrounded"


_INNER_ASIDE = re.compile(r"\s*\([^()]{2,60}\)(?=\s+\w)")
"""An aside in brackets inside a phrase, words after it: no part of the name."""


def _as_said(page: Page, part: Part, kind: str) -> Entity:
    """A part no term fits, as a concept of the page named by its words (a leading "have" and, of a
    sign, who has it aside)."""
    phrase = _INNER_ASIDE.sub("", clean_phrase(part.text)) or clean_phrase(part.text)  # "MMR (measles, mumps, rubella) vaccine"
    leading = _AUXILIARY.match(phrase)
    phrase = phrase[leading.end() :] if leading else phrase
    if kind == "symptom":  # "Heavy menstrual periods in women": who has the sign, no part of it
        phrase = _IN_WHOM.sub("", phrase) or phrase
    return page.ungrounded(phrase, kind)


_IN_WHOM = re.compile(
    r"\s+(?:in|among|for)\s+(?:some\s+|older\s+|young\s+|younger\s+)?"
    r"(?:women|men|girls|boys|children|kids|babies|infants|adults|teenagers|teens|people|patients)$",
    re.IGNORECASE,
)


def _state_named(page: Page, phrase: str, kind: str) -> Grounding | None:
    """The sign a lay adjective names by its noun ("feeling very dizzy": dizziness, "pale":
    paleness, "weak": weakness), where the lexicon has the noun."""
    if kind != "symptom":
        return None
    words = _LAY_STATE.sub("", phrase.strip()).split()
    if len(words) != 1 or not words[0].isalpha() or len(words[0]) < 3:
        return None
    word = words[0].lower()
    nouns = [f"{word[:-1]}iness"] if word.endswith("y") else [f"{word}ness"]
    return next((g for noun in nouns if (g := page.lexicon.lookup(noun, kind)) is not None), None)


_LAY_STATE = re.compile(
    r"^(?:(?:feeling|feel|feels|looking|look|looks|being|becoming|getting|seeming|seem|seems|more|very|unusually|"
    r"really|extremely|quite|a bit|a little)\s+)+",
    re.IGNORECASE,
)
"""The words before a lay adjective of a sign ("feeling very", "looking")."""


_WHERE_IT_HURTS = frozenset({"pain", "pains", "ache", "aches", "aching", "discomfort", "tenderness", "soreness"})
"""Signs that say little without their place: "pain under the ribs on the left side" is kept whole
where no term names pain there (and "numbness in the toes" is numbness)."""
_WHERE = re.compile(
    r"\s+(?:in|on|around|under|behind|over)\s+(?:(?:the|your|their|his|her|one|both|my)\s+)?(?P<where>[\w'-]+(?:\s[\w'-]+)?)$",
    re.IGNORECASE,
)
"""The place after a one-word sign ("in the arms"), as one or two words."""


def _placed_sign(page: Page, part: Part, mention: Mention) -> bool:
    """The part is a one-word form and the place after it ("pain | in the belly")."""
    text, _, end, _ = _view(page, part)
    return len(mention.text.split()) == 1 and mention.end < end and bool(_TRAILING_PLACE.match(text, mention.end, end))


def _view(page: Page, part: Part) -> tuple[str, int, int, PageMentions]:
    """Where to look for a part's forms: the page itself, or (a distributed part, "joint pain" of
    "bone or joint pain", that is not a span of the page) the part's own text."""
    if part.text == page.text[part.start : part.end]:
        return page.text, part.start, part.end, page.mentions
    return part.text, 0, len(part.text), page.lexicon.find(part.text)


def _exact(page: Page, part: Part, kind: str) -> Mention | None:
    """A mention of ``kind`` that is the whole part, leading words ("having", "a", "lots of") and a
    trailing place ("in the neck, armpits or groin") aside."""
    text, start, end, mentions = _view(page, part)
    starts = _starts(text, start, end)
    place = _TRAILING_PLACE.search(text, start, end)
    ends = {end, place.start() if place else end}
    for mention in mentions.within(start, end, kind):
        if mention.start in starts and mention.end in ends:
            return mention
    return None


def _starts(text: str, start: int, end: int) -> set[int]:
    """Where a part's name may start: at its start, or at any word of its leading words ("have had
    chemotherapy": "had chemotherapy" is a form, "chemotherapy" too)."""
    stripped = _LEADING_WORDS.match(text, start, end)
    if stripped is None:
        return {start}
    return {start, stripped.end(), *(start + m.start() for m in re.finditer(r"(?<=\s)\S", text[start : stripped.end()]))}


def _head_mention(page: Page, part: Part, kind: str) -> Mention | None:
    """The form a part starts with, when what follows only qualifies it ("Losing weight without trying")."""
    text, start, end, mentions = _view(page, part)
    starts = _starts(text, start, end)  # ("Previous chemotherapy" is a form with its word)
    for mention in mentions.within(start, end, kind):
        if mention.start in starts and _PREPOSITION.match(text, mention.end, end):
            return mention
        if mention.start >= max(starts):
            break
    return None


def _plausible(phrase: str) -> bool:
    """A phrase that can name a symptom or a risk factor: short, words (not a date or a number),
    not advice, not a sentence of its own."""
    words = phrase.split()
    return (
        0 < len(words) <= MAX_PART_WORDS
        and bool(re.search(r"[^\W\d_]{3}", phrase))
        and not _IMPERATIVE.match(phrase)
        and not ADVICE.search(phrase)
        and not _NEGATED.match(phrase)
        and not _CAPTION.match(phrase)
        and not _LIKENED.match(phrase)
        and not _SAYS_THE_RISK.match(phrase)
        and not _PLACE_ALONE.match(phrase)
        and not _NO_SIGNS.search(phrase)
        and phrase.strip(" ,;").lower() not in _JOINING_WORDS
    )


_JOINING_WORDS = frozenset({"and", "or", "and/or", "but", "also", "then", "plus"})
"""A part a list's commas leave of its joining word alone (", and, in toddlers, ...")."""


_COMPLAINS_OF = re.compile(r"(?:complains?|complained|complaining)\s+(?:of|about)\s+", re.IGNORECASE)
"""What opens an item of what a child says ("Complains of bone or joint pain"): the sign is what follows."""
_PLACE_ALONE = re.compile(
    r"(?:(?:sometimes|often|usually|also|mostly)\s+)?(?:above|below|under|underneath|behind|in|on|around|near|next to|inside(?: of)?)\s+"
    r"(?:the|your|his|her|their)\s",
    re.IGNORECASE,
)
"""A part that is only a place, an aside after a sign ("Pain in the upper belly, above the belly button"), or
a place a list of where the sign is names ("inside the mouth", "sometimes on the buttocks")."""
_NO_SIGNS = re.compile(r"\bno (?:symptoms|signs)\b", re.IGNORECASE)
"""A part that says there are no signs ("Early stomach cancer often causes no symptoms at all")."""
_SAYS_THE_RISK = re.compile(
    r"(?:(?:may|can|could|might)\s+)?(?:affects?|increases?|raises?|lowers?|changes?)\s+(?:the|your|a|their)\s+(?:risk|chance)\b",
    re.IGNORECASE,
)
"""The verb phrase a sentence's list ends with ("..., affect the risk of childhood ALL"): what the factors do, no factor."""
_LIKENED = re.compile(r"[\"“']?\s*(?:like|as if|as though)\b", re.IGNORECASE)
"""A part that says what a sign felt like ("like I had mono"): a likeness, no sign."""
_CAPTION = re.compile(r"(?:table|figure|fig\.?|chart|diagram|image|picture|box)\s*\d+[a-z]?\b", re.IGNORECASE)
"""A caption's number ("Table 1. Possible signs of ALL"): no thing of its own."""
_NEGATED = re.compile(r"(?:(?:with )?or )?without\b|no (?:known|proven|clear|definite)\b|none (?:known|found)\b", re.IGNORECASE)
"""A part that says what is absent ("red eyes, without any sticky discharge") names nothing."""


def _cut_off(text: str) -> bool:
    match = _CUT_OFF.search(text.rstrip(" .;,"))
    if match is None:
        return False
    word = match.group("word")
    # (a short word in capitals is an abbreviation, not a word cut short: "rare in the UK")
    return word is None or (word.lower() not in _SHORT_WORDS and not word.isupper())
