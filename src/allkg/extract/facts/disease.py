"""Which disease the page is about, what it calls it, and which sentences speak of it.

The disease is the one the page puts first: in its title and headings, in a definition
("X is a cancer of..."), and most often in its text. A general name the page also uses
("leukaemia", "cancer") counts for the specific disease it is a superclass of. A page
about a disease in children or adults ("ALL in children") is about the age-specific
disease where the ontologies have one (childhood ALL). Another disease the page names
is never its subject.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from allkg.extract.facts.page import Page
from allkg.extract.structure import Segment, without_page_number
from allkg.facts import Entity, Fact, Span, Text, concept_entity, local_entity
from allkg.lexicon import Concept, Mention
from allkg.lexicon.normalise import normal_phrase

_DISEASE_HEAD = r"(?:cancer|disease|disorder|leuka?emia|lymphoma|myeloma|condition|syndrome|malignancy|tumou?r|neoplasm|illness)"
_DEFINITION = re.compile(
    rf"^(?:\w+\s+){{0,6}}?(?:\([A-Z][A-Za-z0-9-]{{1,9}}\)\s+)?"
    rf"(?:\w+,\s+(?:also\s+)?(?:called|known as|or)\s+(?:[\w'-]+\s+){{0,5}}?[\w'-]+,\s+)?"  # "X, also called Y, is a"
    rf"(?:is|are)\s+(?:a|an|the|one)\s+(?:[\w-]+\s+){{0,5}}?{_DISEASE_HEAD}s?\b",
    re.IGNORECASE,
)
_LOCAL_DEFINITION = re.compile(
    rf"^(?P<name>[A-Z][\w'-]*(?:[ \t]+[\w'-]+){{0,6}}?)[ \t]*(?:\((?P<abbr>[A-Z][A-Za-z0-9-]{{1,9}})\)[ \t]*)?"
    rf"(?:is|are)[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){{0,4}}?{_DISEASE_HEAD}s?\b"
)
_PRONOUN_SUBJECT = re.compile(
    r"^(?:In\s+|(?:in|among|for|across)\s+[\w' -]{1,30}?,?\s+(?=it\b|this\b|they\b))?"
    r"(?:it|this|these|they|the (?:disease|illness|condition|cancer|leuka?emia|lymphoma)|"
    r"this (?:disease|illness|condition|cancer|leuka?emia|lymphoma|type of \w+)|"
    r"(?:the |these )?(?:leuka?emia|lymphoma|myeloma|cancer|abnormal|leuka?emic|malignant) cells|the blasts|"
    r"(?:most|many|some|all|about \d+% of|(?:about |around )?\d+ in \d+) cases)\b",
    re.IGNORECASE,
)
_CHILD = r"(?:childhood|children's|child|paediatric|pediatric|kids'?|infant)"
_ADULT = r"(?:adult|adults')"
_AGE_BEFORE = {"childhood": re.compile(rf"\b{_CHILD}\s+$", re.I), "adult": re.compile(rf"\b{_ADULT}\s+$", re.I)}
_AGE_AFTER = {
    "childhood": re.compile(
        r"^\s*(?:\([^)]{1,12}\)\s*)?(?:in|of|among)\s+(?:the\s+)?(?:young\s+|younger\s+|small\s+)?"
        r"(?:children|childhood|child|kids|infants|babies)\b",
        re.I,
    ),
    "adult": re.compile(r"^\s*(?:\([^)]{1,12}\)\s*)?(?:in|of|among)\s+(?:the\s+)?(?:older\s+|young\s+)?adults?\b", re.I),
}
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w-])(?P<abbr>[A-Z][A-Za-z0-9-]{1,9})\s*\(\s*$")
_ABBREVIATION_AFTER = re.compile(
    r"\s*\(\s*(?P<abbr>[A-Z][A-Za-z0-9-]{1,9})\s*(?:\)|,|;|\s+for short\b)"
    r"|,\s+(?:or|also called|also known as|known as)\s+(?P<or_abbr>[A-Z][A-Z0-9-]{1,9})(?=,|\s+(?:is|for short)\b)"
    r"|,\s+(?P<short_abbr>[A-Z][A-Z0-9-]{1,9})\s+for short\b"
    r"|,?\s+(?:which|that)\s+(?:[\w-]+\s+){0,3}?(?:shorten|abbreviate)(?:s|d)?\s+(?:it\s+)?(?:to|as)\s+(?P<shortened>[A-Z][A-Z0-9-]{1,9})\b"
)
"""An abbreviation after a disease's name: "(CMML)", "(RMS for short)", "(FA, sometimes written ...)",
", or CMML,", ", also called CMML,", ", ALL for short,", ", which doctors usually shorten to PMR"."""
_STANDS_FOR = re.compile(
    r"(?<![\w-])(?P<abbr>[A-Z][A-Za-z0-9-]{1,9})(?:\s+(?:stands for|is short for|is an abbreviation (?:of|for))\s+|\s*=\s*)$"
)
"""An abbreviation spelled out after it: "JMML stands for ...", a note's "ET = essential thrombocythaemia"."""
_QUOTED_NAME = re.compile(r"[\"“](?P<name>[^\"“”\n]{1,200})[\"”]")
_QUOTED_LIST = r"[\"“][^\"“”\n]{1,200}[\"”](?:[ \t]*(?:,[ \t]*)?(?:or|and|,)[ \t]*[\"“][^\"“”\n]{1,200}[\"”])*"
_NAMES = r"(?:(?P<quoted>" + _QUOTED_LIST + r")|(?P<names>[^.;:()]+))"
"""Names after a cue: quoted names are taken whole (any character but a quote), others end at . ; : ( )."""
_SYNONYM_CUE = re.compile(
    r"[ \t]*(?:\([^)]*\)[ \t]*)?[ \t,]*(?:(?:is|are|may be|can be|may also be|can also be|was|were)[ \t]+)?"
    r"(?:also[ \t]+|sometimes[ \t]+|often[ \t]+|commonly[ \t]+|formerly[ \t]+|previously[ \t]+)?"
    r"(?:known as|called|referred to as|termed)[ \t]+" + _NAMES
)
_NAME_BEFORE_CUE = re.compile(
    r"\s*(?!(?i:it|this|that|these|those|the|a|an|its|their|your|our)\b)(?P<name>[A-Z][\w'’-]*(?:[ \t]+[\w'’-]+){0,4}?)[ \t]*(?:,|\()[ \t]*(?:also[ \t]+|sometimes[ \t]+|often[ \t]+)?"
    r"(?:known as|called)[ \t]+(?:the[ \t]+)?"
)
"""A name that opens a definition, with the cue that the lexicon's name follows ("Shingles, also known as "):
a name by where it stands, whatever its words (not "It" nor "The condition")."""
_DEFINED_AFTER = re.compile(r"[ \t]*(?:,|\))?[ \t]*(?:is|are)\b")
"""What follows that lexicon's name when the sentence defines the disease (", is an infection")."""
_PAREN_SYNONYM = re.compile(
    r"[ \t]*\([ \t]*(?:also|sometimes|often|formerly)[ \t]+(?:called|known as)[ \t]+"
    r"(?:(?P<quoted>" + _QUOTED_LIST + r")|(?P<names>[^)]+))\)"
)
_DEFINED_WITH_NAMES = re.compile(
    r"[ \t]*\((?![^()]*\b(?:called|known|spelt|spelled|written|short|also|in|for|the|an?|or)\b)(?P<names>[^();]{3,80},[^();]{3,80})\)"
    r"\s+(?:is|are)\s+(?:a|an|the|one)\b",
    re.IGNORECASE,
)
"""Other names in brackets between the name and its definition ("Gaucher disease (Gaucher's disease,
glucocerebrosidosis) is a ...")."""
_PRONOUN_CUE = re.compile(
    r"\b(?:(?:it|this|it['’]s)\s+(?:is|was|may be|can be)?\s*(?:also\s+|sometimes\s+|often\s+)?"
    r"(?:known as|called|referred to as)|(?:hear|see|find) it (?:called|written as|spelt|spelled)|"
    r"(?:we|people|doctors|you|they)\s+(?:just\s+|often\s+|usually\s+|sometimes\s+|also\s+)?call it|"
    r"shorten(?:s|ed)? (?:the name|it) to|(?:also )?use the (?:name|term)|abbreviate[sd]? (?:it )?(?:to|as))\s+" + _NAMES,
    re.IGNORECASE,
)
_PRONOUN_CUE_WORDS = ("known as", "called", "call it", "referred to", "shorten", "use the", "abbreviat", "written as", "spelt", "spelled")
"""Words one of which every name cue holds: a sentence with none is not searched."""
_NAMES_END = re.compile(
    r",?\s+(?:is|are|was|were|has|have|can|may|might|will|which|that|because|unlike|but|so|where|when)\b", re.IGNORECASE
)
_NAMES_LABEL = re.compile(
    r"\s*(?:also (?:called|known as)|other names?|a\.?k\.?a\.?|syn(?:onyms?)?\.?)\s*:\s*(?P<names>.{2,200})$", re.I | re.S
)
"""A line that labels the names it lists ("Also called: X · Y")."""
_NAMES_FIELD = re.compile(r"\s*(?:other names?|also (?:called|known as)|synonyms?|syn\.?)\s*:?\s*", re.IGNORECASE)
"""An infobox's label over the disease's other names."""
_FOOTNOTE_MARKS = re.compile(r"\[\d{1,3}\]")
_LABEL_SPLIT = re.compile(r"\s*[·•;|]\s*|\s*,\s*|\s+or\s+")
_SOURCE_AFTER = re.compile(r"\s*\((?:FAB|WHO|ICD[\w-]*|ICC)\)\s*$")
"""The classification a name is from, in brackets after it ("AML-M3 (FAB)")."""
_FOR_SHORT = re.compile(r"\s+for short\s*$", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:or|and)?\s*|\s+or\s+|\s+and\s+")
_ABOUT_THIS_PAGE = re.compile(
    r"\b(?:this|the) (?:page|article|leaflet|booklet|factsheet|fact sheet|guide|information|section) "
    r"(?:is about|explains|covers|describes|tells you about|gives information about)\b",
    re.IGNORECASE,
)
_GENERIC = re.compile(
    r"(?:cancer|leuka?emia|lymphoma|tumou?r|neoplasm|malignancy|carcinoma|sarcoma|blood cancer|hematologic cancer)s?",
    re.IGNORECASE,
)
"""Names of a whole family of diseases: a page that uses one is about a member of it, if it names one."""
_CANCERS = frozenset({"DOID:162"})
"""DO's cancer: a cancer the page names is never a sign."""
_NEOPLASMS = frozenset({"HP:0002664"})
"""HPO's neoplasm: a sign that is a tumour of its own ("AML" of HPO's phenotypes)."""
_WEIGHTS = {"title": 6, "first heading": 5, "heading": 2, "definition": 4, "mention": 1}


@dataclass(frozen=True)
class Subject:
    """The page's disease: its entity, the concepts that name it, and its abbreviations."""

    entity: Entity
    names: frozenset[str]
    """Paths of the concepts whose mentions name the subject (itself; for an age-specific
    disease, also the disease it is a kind of)."""
    generic: frozenset[str]
    """CURIEs of the subject's superclasses: "leukaemia" on an ALL page means ALL."""
    related: frozenset[str]
    """CURIEs of the subject and of the diseases it is a kind of, or that are kinds of it."""
    abbreviations: tuple[tuple[str, Span], ...] = ()
    first: Span | None = None


def find_subject(page: Page, title: str | None) -> Subject | None:
    """The disease the page is about, or None (with no grounded disease and no definition)."""
    defined = _defined_abbreviations(page)
    scores: Counter[str] = Counter()
    concepts: dict[str, Concept] = {}
    first: dict[str, Mention] = {}
    headlined: list[str] = []
    for weight, mention in _weighted_mentions(page, title):
        grounding = page.ground(mention, "disease")
        concept = defined.get(mention.text, grounding.concept)
        if weight >= _WEIGHTS["first heading"] and concept.path not in headlined:
            headlined.append(concept.path)
        if grounding.scope == "abbreviation" and mention.text not in defined:
            weight /= 2  # an acronym the page does not define may be another disease's ("MDS")
        scores[concept.path] += weight
        concepts.setdefault(concept.path, concept)
        if mention.end <= len(page.text) and page.text[mention.start : mention.end] == mention.text:
            first.setdefault(concept.path, mention)
    for abbreviation, concept in defined.items():
        if not any(page.lexicon.ground(m, "disease") for m in page.lexicon.find(abbreviation).within(0, len(abbreviation))):
            # an abbreviation the lexicon does not know ("AML"): each use names the disease
            uses = _uses(page, abbreviation)
            scores[concept.path] += uses
            concepts.setdefault(concept.path, concept)
    for alias, concept in _defined_aliases(page).items():
        # "Mesothelioma, also called malignant mesothelioma, is...": each use of the short name names it
        scores[concept.path] += page.word_counts[alias] + page.word_counts[alias.lower()]
        concepts.setdefault(concept.path, concept)
    if not scores:
        return _defined_locally(page)
    for condition, disease in _raises_the_risk_of(page, concepts):
        if scores[disease] >= 0.4 * scores[condition]:
            scores[condition] *= 0.25  # "Children with Down's syndrome are more likely to develop ALL"
    own = {path: page.lexicon.curies(c) for path, c in concepts.items()}
    ancestry = {path: page.lexicon.ancestors(c) for path, c in concepts.items()}
    for path, concept in concepts.items():
        if is_generic(concept) and len(scores) > 1:
            scores[path] *= 0.25  # "cancer", "leukaemia": the page's own disease is a kind of it
    best = max(scores, key=lambda path: (scores[path], -first[path].start if path in first else 0))
    narrower = [p for p in scores if own[best] & ancestry[p] and scores[p] >= 0.4 * scores[best]]
    if not narrower and best in first:  # "Medulloblastoma is a cancerous tumor of the brain" under "brain tumor"
        kinds = _defined_kinds(page)
        names = (_content_words(first[best].text), _content_words(concepts[best].pref_label))
        narrower = [
            p for p in scores
            if p != best and scores[p] >= 0.4 * scores[best] and any(n and n <= kinds.get(p, set()) for n in names)
        ]
    if narrower:  # "leukaemia" all over an ALL page: the page is about ALL
        best = max(narrower, key=lambda path: (scores[path], -first[path].start if path in first else 0))
    headline = [p for p in headlined if p != best and own[best] & ancestry.get(p, frozenset())]
    if headline:  # "What is childhood ALL?" heads a page that mostly says "ALL": it is about childhood ALL
        best = headline[0]
    concept = concepts[best]
    names = {best}
    age = _age_of_page(page, title, concept, first.get(best))
    if age is not None:
        names.add(age.path)
        concept = age
    elif re.match(r"(?:childhood|adult|pediatric|paediatric)\b", concept.pref_label, re.I):
        parents = page.lexicon.parents(concept)  # "childhood ALL" is also called by its parent's name
        names.update(p for p in concepts if own[p] & parents and p in first)
    generic = page.lexicon.ancestors(concept) | _family_by_name(page, concept)
    related = set(page.lexicon.curies(concept)) | set(generic)
    for path in concepts:
        if page.lexicon.curies(concept) & ancestry[path]:
            related |= own[path]
    mention = first.get(concept.path) or first.get(best)
    return Subject(
        concept_entity(concept),
        frozenset(names),
        frozenset(generic),
        frozenset(related),
        first=Span(mention.start, mention.end) if mention else None,
    )


_WITH_BEFORE = re.compile(r"\b(?:with|who have|who has|having)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
_MORE_LIKELY_TO_GET = re.compile(
    r"\b(?:more likely|higher (?:chance|risk)|increased (?:chance|risk)|greater (?:chance|risk)|more at risk|at risk)\b"
    r"[^.;]{0,40}?\b(?:develop|developing|get|getting|have|having)\b"
    r"|\b(?:risk|chance) of\b",
    re.IGNORECASE,
)


def _raises_the_risk_of(page: Page, concepts: dict[str, Concept]) -> set[tuple[str, str]]:
    """(condition, disease): the page says people with the condition are more likely to get the
    disease ("Children with Down's syndrome are 20 times more likely to develop ALL"); a page that
    says so much of both is about the disease, not the condition its readers have."""
    pairs = set()
    for _, seg in page.content():
        risk = _MORE_LIKELY_TO_GET.search(seg.text)
        if risk is None:
            continue
        named = [(m, page.ground(m, "disease").concept.path) for m in page.within(seg.start, seg.end, "disease")]
        for mention, condition in named:
            if mention.start - seg.start >= risk.start() or not _WITH_BEFORE.search(seg.text, 0, mention.start - seg.start):
                continue
            pairs.update(
                (condition, disease)
                for other, disease in named
                if disease != condition and disease in concepts and other.start - seg.start >= risk.end()
            )
    return pairs


def _defined_kinds(page: Page) -> dict[str, set[str]]:
    """Each disease the page defines ("X is a rare tumour of the brain"), with the words of what
    it says the disease is: by its own words, the page's disease is a kind of the disease those name."""
    kinds: dict[str, set[str]] = {}
    for _, seg in page.content():
        defined = _DEFINITION.match(seg.text)
        mentions = page.within(seg.start, seg.start + defined.end(), "disease") if defined else []
        if mentions:
            path = page.ground(mentions[0], "disease").concept.path
            kinds.setdefault(path, set()).update(_content_words(page.text[mentions[0].end : seg.end]))
    return kinds


def _content_words(phrase: str) -> set[str]:
    return set(normal_phrase(phrase).split()) - _FUNCTION_WORDS


_FUNCTION_WORDS = frozenset("a an the of in on and or is are that which with its their".split())


def is_generic(concept: Concept) -> bool:
    """A name for a whole family of diseases ("cancer", "leukaemia", "blood cancer")."""
    return bool(_GENERIC.fullmatch(concept.pref_label))


def _defined_abbreviations(page: Page) -> dict[str, Concept]:
    """Abbreviations the page defines for a disease ("myelodysplastic syndromes (MDS)")."""
    defined: dict[str, Concept] = {}
    for seg in page.layout.segments:  # breadcrumbs too: "Forums > ... > JMML (juvenile myelomonocytic leukaemia)"
        for mention in page.within(seg.start, seg.end, "disease"):
            found = _abbreviation_defined(page, seg, mention)
            if found is not None:
                defined.setdefault(found[0], page.ground(mention, "disease").concept)
    return defined


def _defined_aliases(page: Page) -> dict[str, Concept]:
    """One-word names the page gives a disease the lexicon names otherwise ("Mesothelioma, also
    called malignant mesothelioma, ..."), with that disease."""
    aliases: dict[str, Concept] = {}
    for _, seg in page.content():
        alias = _ALIAS.match(seg.text)
        if alias is None or page.lexicon.find(alias.group("alias")).within(0, len(alias.group("alias")), "disease"):
            continue
        for mention in page.within(seg.start + alias.end(), seg.end, "disease"):
            if mention.start == seg.start + alias.end():
                aliases.setdefault(alias.group("alias"), page.ground(mention, "disease").concept)
    return aliases


_ALIAS = re.compile(r"(?P<alias>[A-Z][a-z]{4,}),?\s+(?:\(\s*)?(?:also\s+)?(?:called|known as)\s+")


def _abbreviation_defined(page: Page, seg: Segment, mention: Mention) -> tuple[str, Span] | None:
    """The abbreviation a disease's name defines where it stands, with the span of both:
    "myelodysplastic syndromes (MDS)", "JMML (juvenile myelomonocytic leukaemia)", "JMML
    stands for juvenile myelomonocytic leukaemia"."""
    text = page.text
    after = _ABBREVIATION_AFTER.match(text, mention.end, seg.end)
    abbreviation = next((a for a in after.groups() if a), None) if after else None
    if after and abbreviation and _is_initialism(abbreviation, mention.text):
        return abbreviation, Span(mention.start, after.end())
    before = _ABBREVIATION_BEFORE.search(text, seg.start, mention.start)
    if before and text[mention.end : mention.end + 1] != ")":
        before = None
    before = before or _STANDS_FOR.search(text, seg.start, mention.start)
    if before and _is_initialism(before.group("abbr"), mention.text):
        return before.group("abbr"), Span(before.start(), mention.end)
    return None


def _readable(page: Page) -> list[Segment]:
    """Headings and content segments: where the page names its disease."""
    return page.readable


def _weighted_mentions(page: Page, title: str | None) -> Iterator[tuple[int, Mention]]:
    """Disease mentions with the weight of where they stand."""
    if title:
        for mention in page.lexicon.find(title).within(0, len(title), "disease"):
            yield _WEIGHTS["title"], Mention(len(page.text) + mention.start, len(page.text) + mention.end, mention.text, mention.senses)
    seen_heading = False
    titled = True  # the first heading that names a disease, and those right under it with no text between
    for section in page.layout.sections:
        heading = section.heading
        if heading is not None and not heading.boilerplate and section.type != "navigation":
            named = page.within(heading.start, heading.end, "disease")
            weight = _WEIGHTS["first heading" if titled else "heading"]
            seen_heading = seen_heading or bool(named)
            for mention in named:
                yield weight, mention
        # ("What Is ALL?" over "Childhood Acute Lymphoblastic Leukemia Explained ...": one title on two lines)
        titled = not seen_heading or (titled and not any(not s.boilerplate for s in section.segments))
    for _, seg in page.content():
        defined = _DEFINITION.match(seg.text)
        about = _ABOUT_THIS_PAGE.search(seg.text)
        for mention in page.within(seg.start, seg.end, "disease"):
            is_subject = defined is not None and mention.start < seg.start + defined.end() and mention.start - seg.start < 60
            is_subject = is_subject or (about is not None and 0 <= mention.start - seg.start - about.end() < 5)
            yield _WEIGHTS["definition" if is_subject else "mention"], mention


def _age_of_page(page: Page, title: str | None, concept: Concept, mention: Mention | None) -> Concept | None:
    """The age-specific disease, when the title or first heading says the page is about the
    disease in children ("ALL in children", "Childhood ALL") or adults, and the ontologies have it."""
    places = [title or ""]
    headings = [s.heading.text for s in page.layout.sections if s.heading is not None and not s.heading.boilerplate]
    places.extend(headings[:1])
    # a printed booklet's running header is its title ("Acute lymphoblastic leukaemia (ALL) in adults   7")
    running = Counter(without_page_number(s.text.strip()) for s in page.layout.segments if s.boilerplate)
    places.extend(sorted(text for text, count in running.items() if count >= 3))
    if mention is not None:
        places.append(page.text[max(0, mention.start - 40) : mention.end + 40])
    named = [  # (the page's name of its disease in each place)
        (place, found)
        for place in places
        for found in page.lexicon.find(place).within(0, len(place), "disease")
        if not found.text or page.lexicon.ground(found, "disease").concept.path == concept.path
    ]
    for age in ("childhood", "adult"):
        for place, found in named:
            before, after = place[: found.start], place[found.end :]
            if _AGE_BEFORE[age].search(before) or _AGE_AFTER[age].match(after):
                aged = _aged(page, age, found.text, concept)
                if aged is not None:
                    return aged
    return _childhood_for_children(page, concept)


def _aged(page: Page, age: str, written: str, concept: Concept) -> Concept | None:
    """The disease in children or adults, where the ontologies have it ("childhood ALL")."""
    for phrase in (f"{age} {written}", f"{age} {concept.pref_label}"):
        grounding = page.lexicon.lookup(phrase, "disease")
        if grounding is not None and grounding.concept.path != concept.path:
            return grounding.concept
    return None


def _childhood_for_children(page: Page, concept: Concept) -> Concept | None:
    """The childhood disease, where a page written for children's families (a children's hospital,
    "your child", paediatric) calls its disease so somewhere ("in kids it is often called
    childhood ALL", "leukaemia in children") and never names it in adults."""
    if len(_FOR_CHILDREN.findall(page.text, 0, _AUDIENCE_CHARS)) < 3:
        return None
    aged = {age: _aged(page, age, concept.pref_label, concept) for age in ("childhood", "adult")}
    if aged["childhood"] is None:
        return None
    named: set[str] = set()
    for found in page.within(0, len(page.text), "disease"):
        named_here = page.ground(found, "disease").concept
        # (its family's name, "leukaemia in children", but not cancer's: "childhood cancer" is every cancer of children)
        own = named_here.path == concept.path or (is_generic(named_here) and not page.lexicon.curies(named_here) & _CANCERS)
        before, after = page.text[max(0, found.start - 20) : found.start], page.text[found.end : found.end + 40]
        for age, form in aged.items():
            qualified = _AGE_BEFORE[age].search(before) or _AGE_AFTER[age].match(after)
            if (form is not None and named_here.path == form.path) or (own and qualified):
                named.add(age)
    return aged["childhood"] if named == {"childhood"} else None


_FOR_CHILDREN = re.compile(
    r"\b(?:your|our|my) (?:child|son|daughter|baby|toddler)\b|\bchildren['’]s (?:hospital|cancer|health)\b|\bpa?ediatric|\bkids?\b",
    re.IGNORECASE,
)
"""Words of a page written for children or their families, or by a children's service."""
_AUDIENCE_CHARS = 200_000
"""How far into a page its audience is read (a long page says who it is for early)."""


def _family_by_name(page: Page, concept: Concept) -> frozenset[str]:
    """The family a disease's name puts it in, where its ontology gives it no parents: "primary
    central nervous system lymphoma" is a lymphoma, so "lymphoma" on its page names it."""
    if page.lexicon.ancestors(concept):
        return frozenset()
    head = concept.pref_label.split()[-1] if len(concept.pref_label.split()) > 1 else ""
    family = page.lexicon.lookup(head, "disease") if head else None
    return page.lexicon.curies(family.concept) if family is not None and is_generic(family.concept) else frozenset()


def _defined_locally(page: Page) -> Subject | None:
    """A disease no ontology names, defined by the page ("Xyz disease is a rare disorder...")."""
    for _, seg in page.content():
        match = _LOCAL_DEFINITION.match(seg.text)
        if match and re.search(rf"{_DISEASE_HEAD}$", match.group("name"), re.IGNORECASE):
            entity = local_entity("disease", _sentence_case(match.group("name")))
            page.warnings.append(
                f"{page.name}: disease {entity.label!r} is not in the lexicon; kept as an ungrounded local concept"
            )
            span = Span(seg.start + match.start("name"), seg.start + match.end("name"))
            return Subject(entity, frozenset({entity.path}), frozenset(), frozenset(), first=span)
    return None


# -- which text speaks of it ----------------------------------------------------------------


def names_subject(page: Page, subject: Subject, mention: Mention) -> bool:
    """The mention names the page's disease (or a superclass of it, used for it)."""
    if any(mention.text == abbreviation for abbreviation, _ in subject.abbreviations):
        return True
    grounding = page.lexicon.ground(mention, "disease")
    if grounding is None:
        return False
    concept = grounding.concept
    return concept.path in subject.names or bool(page.lexicon.curies(concept) & subject.generic)


def is_subject(page: Page, subject: Subject, concept: Concept) -> bool:
    """The concept is the page's disease (by ontology or by name: HPO's "acute lymphoblastic
    leukemia" phenotype too), or one of the diseases it is a kind of."""
    return (
        concept.path in subject.names
        or bool(page.lexicon.curies(concept) & subject.related)
        or _key(concept.pref_label) in {_key(subject.entity.label), *(_key(a) for a, _ in subject.abbreviations)}
    )


def refers_to_subject(page: Page, subject: Subject, seg: Segment) -> bool:
    """The segment speaks of the page's disease: by a name, an abbreviation, or a pronoun subject."""
    if any(names_subject(page, subject, m) for m in page.within(seg.start, seg.end, "disease")):
        return True
    if any(re.search(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", seg.text) for abbr, _ in subject.abbreviations):
        return True
    if subject.entity.concept is None and subject.entity.label.casefold() in seg.text.casefold():
        return True
    return bool(_PRONOUN_SUBJECT.match(seg.text))


def is_cancer(page: Page, concept: Concept) -> bool:
    """A cancer (by the Disease Ontology's hierarchy, or HPO's for a phenotype): never a sign of another disease."""
    return bool((page.lexicon.ancestors(concept) | page.lexicon.curies(concept)) & (_CANCERS | _NEOPLASMS))


def other_disease(page: Page, subject: Subject, seg: Segment) -> bool:
    """The segment names another disease and not the page's own (a "types of leukaemia" line)."""
    others = False
    for mention in page.within(seg.start, seg.end, "disease"):
        concept = page.ground(mention, "disease").concept
        if names_subject(page, subject, mention):
            if is_generic(concept) and not any(mention.text == a for a, _ in subject.abbreviations):
                continue  # "ALL - the most common leukaemia in children" on a CLL page: "leukaemia" is either's
            return False
        if page.lexicon.curies(concept) & subject.related:
            continue
        if _COMPARED_WITH.search(page.text, max(seg.start, mention.start - 20), mention.start):
            continue  # "Spread to the CNS is more common than in B-ALL": said of the page's disease, by comparison
        # only another cancer makes a sentence another disease's: a condition may be a sign ("anaemia
        # causes pallor") or a risk factor ("children with Down's syndrome have a higher risk")
        if is_cancer(page, concept):
            others = True
    abbreviated = any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", seg.text) for a, _ in subject.abbreviations)
    return others and not abbreviated and not _PRONOUN_SUBJECT.match(seg.text)


_COMPARED_WITH = re.compile(r"\b(?:than(?:\s+(?:in|with|for))?|compared\s+(?:with|to)|unlike|as\s+in)\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
"""Words before another disease that compare the page's own with it ("more common than in B-ALL")."""


def heads_another_disease(page: Page, subject: Subject, heading: Segment, *, of_factors: bool = False) -> bool:
    """A heading (or lead-in) over another disease's text: it names another cancer and not the
    page's disease ("Symptoms of AML" on an ALL page), or cancers in general ("Early warning signs
    of cancer in children (all types)"), or it is another disease's name and nothing more (a card
    of a symptom checker's results, "Immune thrombocytopenia (ITP)"), unless it heads a factor
    among factors (``of_factors``: "Down syndrome" under "Risk factors")."""
    mentions = page.within(heading.start, heading.end, "disease")
    concepts = [page.ground(m, "disease").concept for m in mentions]
    own = page.lexicon.curies(subject.entity.concept) if subject.entity.concept is not None else frozenset()
    if any(page.lexicon.ancestors(c) & own or _named_as_a_form(page, subject, m) for m, c in zip(mentions, concepts)):
        return False  # a form of the page's disease ("Peritoneal mesothelioma (lining of the tummy):")
    if other_disease(page, subject, heading):
        return True
    if heading.kind == "heading" and not of_factors and _only_another_disease(page, subject, heading, mentions, concepts):
        return True
    general = [(heading.start + g.start(), heading.start + g.end()) for g in _CANCERS_IN_GENERAL.finditer(heading.text)]
    if not general:
        return False
    own = any(  # ("ALL TYPES" is no ALL)
        names_subject(page, subject, m) and not is_generic(c) and not any(a <= m.start < b for a, b in general)
        for m, c in zip(mentions, concepts)
    )
    return not own and any(page.lexicon.curies(c) & _CANCERS for c in concepts)


def _only_another_disease(
    page: Page, subject: Subject, heading: Segment, mentions: list[Mention], concepts: list[Concept]
) -> bool:
    """The heading is one disease's name and nothing more ("Infectious mononucleosis (mono)"), not the page's."""
    if len(mentions) != 1 or names_subject(page, subject, mentions[0]) or is_generic(concepts[0]):
        return False
    if _content_words(subject.entity.label) <= _content_words(mentions[0].text):
        return False  # a form of the page's disease by its name ("Inherited aplastic anaemia")
    rest = page.text[heading.start : mentions[0].start] + page.text[mentions[0].end : heading.end]
    # (a sign's name heads the signs it brings, "Anaemia" over "You might look pale"; one with its
    # abbreviation, as diseases are named, heads that disease: "Diabetic ketoacidosis (DKA)")
    sign = page.lexicon.ground(mentions[0], "symptom") is not None and "(" not in rest
    return bool(_ONLY_A_NAME.fullmatch(rest)) and not sign


_ONLY_A_NAME = re.compile(r"\s*(?:\([^()]{1,30}\))?[\s:.]*", re.IGNORECASE)
"""What may stand beside a disease's name in a heading that is only that name: its abbreviation or gloss."""


def _named_as_a_form(page: Page, subject: Subject, mention: Mention) -> bool:
    """A disease named as a form of the page's, whose own name is one word ("peritoneal
    mesothelioma" on a page about mesothelioma, which the word alone names)."""
    head = mention.text.split()[-1] if len(mention.text.split()) > 1 else ""
    named = page.lexicon.lookup(head, "disease") if head else None
    return named is not None and named.concept.path in subject.names


_CANCERS_IN_GENERAL = re.compile(
    r"\b(?:all|any|other|every) (?:types|kinds)\b|\bcancers\b|\b(?:childhood|children['’]s) cancer|\bcancer in (?:children|kids)",
    re.IGNORECASE,
)
"""Words of a heading over cancers in general, not one ("signs of cancer in children (all types)")."""


# -- names -------------------------------------------------------------------------------------


def with_abbreviations(page: Page, subject: Subject) -> Subject:
    """The subject with the abbreviations the page uses for it: one it defines ("Name (ABBR)",
    "ABBR stands for Name"), or an acronym the lexicon knows for it ("ALL")."""
    found: dict[str, Span] = {}
    for seg in _readable(page):
        for mention in page.within(seg.start, seg.end, "disease"):
            if not names_subject(page, subject, mention):
                continue
            grounding = page.ground(mention, "disease")
            if grounding.concept.path not in subject.names and not any(mention.text == a for a, _ in subject.abbreviations):
                continue  # "the MPNs (myeloproliferative neoplasms)": the kind of disease it is, not its own name
            acronym = grounding.scope == "abbreviation" or (mention.text.isupper() and len(mention.text) <= 6)
            if acronym and (seg.kind == "heading" or _uses(page, mention.text) >= 2):
                found.setdefault(mention.text, Span(mention.start, mention.end))
            defined = _abbreviation_defined(page, seg, mention)
            if defined is not None:
                found.setdefault(*defined)
    for word, span in _initialisms_used(page, subject):
        found.setdefault(word, span)
    return Subject(
        subject.entity, subject.names, subject.generic, subject.related, tuple(sorted(found.items())), subject.first
    )


def _initialisms_used(page: Page, subject: Subject) -> Iterator[tuple[str, Span]]:
    """Words in capitals the page uses twice or more that are the initials of the disease's name,
    each letter a word's first ("DMD" on a page on Duchenne muscular dystrophy; not "AML" on an
    ALL page), with where the page first uses them."""
    entity = subject.entity
    names = [entity.label, *(entity.concept.surface_forms if entity.concept is not None else ())]
    initials = {"".join(w[0] for w in re.findall(r"[A-Za-z]+", n) if w.lower() not in _NOT_INITIALS).upper() for n in names}
    for word in initials:
        if 2 <= len(word) <= 6 and _uses(page, word) >= 2:
            first = re.search(rf"(?<![\w-]){word}(?![\w-])", page.text)
            if first is not None:
                yield word, Span(first.start(), first.end())


_NOT_INITIALS = frozenset({"of", "the", "and", "in", "with", "s"})
"""Words a name's initials leave out ("the", "of"; the "s" of a possessive)."""


def _uses(page: Page, abbreviation: str) -> int:
    """How often the page's readable text uses an abbreviation as a word of its own."""
    return page.word_counts[abbreviation]


def name_facts(page: Page, subject: Subject) -> Iterator[Fact]:
    """Every name the page uses for its disease, its abbreviations, and the synonyms it gives."""
    disease = subject.entity
    seen: set[str] = set()
    for abbr, span in subject.abbreviations:
        yield Fact("abbreviation", disease, "allkg:abbreviation", Text(abbr), (span,))
        yield from _name(disease, abbr, span, seen)
    previous: Segment | None = None
    for seg in _readable(page):
        for mention in page.within(seg.start, seg.end, "disease"):
            grounding = page.lexicon.ground(mention, "disease")
            if grounding is None or grounding.concept.path not in subject.names:
                continue
            if _ANOTHER_FORM.search(page.text, max(0, mention.start - 12), mention.start):
                continue  # ("this is called secondary CNS lymphoma": another disease, named by its difference)
            yield from _name(disease, _name_label(mention.text, grounding.concept), Span(seg.start, seg.end), seen)
        for name in _cue_synonyms(page, subject, seg, previous):
            yield from _name(disease, name, Span(seg.start, seg.end), seen)
        previous = seg


_ANOTHER_FORM = re.compile(r"\b(?:secondary|another|other)\s+$", re.IGNORECASE)
"""A word before a disease's name that makes it another disease than the one it names."""


def _name(disease: Entity, label: str, span: Span, seen: set[str]) -> Iterator[Fact]:
    key = _key(label)
    if key in seen:
        return
    seen.add(key)
    if key == _key(disease.label):
        yield Fact("name", disease, "skos:prefLabel", Text(disease.label), (span,))
    else:
        yield Fact("synonym", disease, "skos:altLabel", Text(label), (span,))


def _key(label: str) -> str:
    from allkg.lexicon.normalise import normal_phrase

    return normal_phrase(label)


def _name_label(written: str, concept: Concept) -> str:
    """A name as the page writes it, in the concept's case where the page capitalises every word."""
    words = written.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        kept = {w for w in concept.pref_label.split() if w[:1].isupper()}
        # (a compound of an acronym keeps its capitals: "BCR-ABL1-like", "Ph-like", "B-cell")
        words = [w if (w in kept or w.isupper() or not w[1:].islower() or _ACRONYM_COMPOUND.match(w)) else w.lower() for w in words]
        return " ".join(words)
    return _sentence_case(written)


_ACRONYM_COMPOUND = re.compile(r"[A-Z][a-z]?-")
"""A word that compounds an acronym ("Ph-like", "B-cell"): its capitals are the acronym's."""


def _cue_synonyms(page: Page, subject: Subject, seg: Segment, previous: Segment | None) -> Iterator[str]:
    """Names given after "also known as", "called", "you may hear it called", whose subject is
    the disease (its name, abbreviation or "it" just before the cue; "this" only after a
    sentence about it: "The back can become curved. This is called scoliosis." names no disease)."""
    named = [m for m in page.within(seg.start, seg.end, "disease") if names_subject(page, subject, m)]
    for mention in named[:1]:  # "Shingles, also known as herpes zoster, is an infection ...": the name before the cue
        before = _NAME_BEFORE_CUE.fullmatch(page.text, seg.start, mention.start)
        if before is not None and _DEFINED_AFTER.match(page.text, mention.end, seg.end):
            yield _sentence_case(before.group("name"))
    starts = [m.end for m in named]
    starts += [seg.start + m.end() for abbr, _ in subject.abbreviations
               for m in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", seg.text)]
    for end in starts:
        for pattern in (_SYNONYM_CUE, _PAREN_SYNONYM, _DEFINED_WITH_NAMES):
            match = pattern.match(page.text, end, seg.end)
            if match is not None:
                yield from _cue_names(match)
    # "If it lasts a year it's called chronic ITP": a name of a form of it, unless the page heads itself so
    conditional = re.match(r"\s*(?:if|when|once)\b", seg.text, re.IGNORECASE)
    headings = " ".join(s.heading.text.lower() for s in page.layout.sections if s.heading is not None) if conditional else ""
    lowered = seg.text.lower()
    cued = any(word in lowered for word in _PRONOUN_CUE_WORDS)
    for match in _PRONOUN_CUE.finditer(seg.text) if cued else ():
        if match.group().lower().startswith("this") and not (previous is not None and refers_to_subject(page, subject, previous)):
            continue
        names = list(_cue_names(match))
        if not conditional or any(name.lower() in headings for name in names):
            yield from names
    labelled = _NAMES_LABEL.match(seg.text)
    names = labelled.group("names") if labelled is not None else None
    label = page.lead_ins.get(seg.start) or (previous.text if previous is not None and previous.kind == "lead-in" and previous.line == seg.line else "")
    if names is None and _NAMES_FIELD.fullmatch(label):
        # an infobox's row: "Other names<TAB>Blackfan-Diamond anemia, congenital hypoplastic anemia"; a dictionary's "Syn: ..."
        names = seg.text
    if names is not None and not other_disease(page, subject, seg):  # "Also called: precursor B-cell ALL · B-lymphoblastic leukaemia"
        for name in _LABEL_SPLIT.split(_FOOTNOTE_MARKS.sub("", names)):
            name = _SOURCE_AFTER.sub("", name).strip(" .\"'“”‘’")  # "AML-M3 (FAB)": the name, not whose it is
            if name and len(name.split()) <= 6 and _looks_like_name(name):
                yield name


def _cue_names(match: re.Match[str]) -> Iterator[str]:
    """The names a cue gives: each quoted name whole, else the plain names split on commas and "or"."""
    quoted = next((g for g in match.groups() if g and g.lstrip()[:1] in "\"“"), None)
    if quoted is not None:
        for name in _QUOTED_NAME.finditer(quoted):
            said = name.group("name").strip()
            if said and not (said.isalpha() and not _looks_like_name(said)):  # 'Why is it called "acute"?' names none
                yield said
        return
    plain = next((g for g in match.groups() if g), "")
    plain = _NAMES_END.split(plain, maxsplit=1)[0]  # "..., also called X, is a cancer": the names end at the verb
    plain = _FOR_SHORT.sub("", plain)  # "We call it DMD for short"
    for name in _NAME_SPLIT.split(plain.strip()):
        name = re.sub(r"^(?:the|a|an)\s+", "", name.strip(" \"'“”‘’"), flags=re.IGNORECASE)
        if name and re.search(r"[A-Za-z]", name) and len(name.split()) <= 6 and _looks_like_name(name):
            yield _sentence_case(name)


def _looks_like_name(name: str) -> bool:
    """A disease name, not the rest of a sentence ("called acute because it develops quickly")."""
    return bool(
        re.search(rf"{_DISEASE_HEAD}|\b\w+(?:emia|aemia|oma|osis|itis|plasia|pathy|penia|philia)\b", name, re.I)
        or re.search(r"\b[A-Z]{2,6}\b", name)
    )


def _is_initialism(abbreviation: str, name: str) -> bool:
    """ABBR's letters stand in the name in order, its first letter starting a word (Schwartz
    and Hearst's test): "ALL" for "childhood acute lymphoblastic leukemia", "JMML" for
    "juvenile myelomonocytic leukaemia"."""
    letters = [c for c in abbreviation.casefold() if c.isalnum()]
    text = name.casefold()
    at = len(text) - 1
    for index in range(len(letters) - 1, -1, -1):
        while at >= 0 and (
            text[at] != letters[index] or (index == 0 and at > 0 and text[at - 1].isalnum())
        ):
            at -= 1
        if at < 0:
            return False
        at -= 1
    return len(letters) >= 2


def _sentence_case(name: str) -> str:
    """Lower a capital that only starts the sentence ("Acute leukemia"), keep acronyms and their
    compounds ("B-cell ALL", "Ph-like ALL")."""
    words = name.split()
    if words and len(words[0]) > 1 and words[0].isalpha() and words[0][0].isupper() and words[0][1:].islower():
        words[0] = words[0].lower()
    return " ".join(words)
