"""Who gets the disease, by age, and what the page says of each age group.

Age groups are named in words ("children", "older people") or in numbers ("under 15",
"between the ages of two and five", "in their 70s"); a range of ages becomes the
narrowest group of our vocabulary that holds it (HPO's onset classes: pediatric,
childhood, juvenile, young adult, adult, middle age, late). A sentence about the disease
that says how common it is in a group gives an epidemiology statement; one that says how
well a group does gives a prognosis statement with its outlook ("9 in 10 children are
cured": favourable; "harder to cure in adults": unfavourable).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from allkg.extract.facts.page import Page
from allkg.extract.structure import Section, Segment
from allkg.facts import Entity, Fact, Span, Term, Text, concept_entity, statement_entity
from allkg.lexicon import Concept
from allkg.lexicon.concepts import slugify

_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_N = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_AGE_EXPRESSIONS = (
    (re.compile(rf"\b(?:(?:aged?|ages?(?: of)?|between(?: the ages? of)?)\s+)+(?:about\s+|around\s+|roughly\s+)?{_N}\s*(?:and|to|-|–)\s*{_N}", re.I), "range"),
    (re.compile(rf"\b{_N}\s*(?:-|–|to)\s*{_N}[ -](?:years?|yrs)(?: of age| old)?", re.I), "range"),
    (re.compile(rf"\b(?:under|younger than|below|less than)\s+(?:the age of\s+|age\s+)?(?:about\s+|around\s+|roughly\s+)?{_N}\b(?![,.]\d|\s*(?:%|per ?cent|in\b|/))", re.I), "under"),
    (re.compile(rf"\bunder-{_N}s\b", re.I), "under"),
    (re.compile(rf"<\s*{_N}\s*(?:yrs?|years?)\b", re.I), "under"),
    (re.compile(rf">\s*{_N}\s*(?:yrs?|years?)\b", re.I), "over"),
    (re.compile(rf"\bbefore (?:their|the age of|age) {_N}(?:st|nd|rd|th)?(?: birthday)?\b", re.I), "under"),
    (re.compile(rf"\b(?:over|older than|above|after|past)\s+(?:the age of\s+|age\s+)?(?:about\s+|around\s+|roughly\s+)?{_N}\b(?![,.]\d|\s*(?:%|per ?cent|in\b|/|times|years?\b(?!\s+(?:of age|old))))", re.I), "over"),
    (re.compile(rf"\b{_N}\s*(?:years?(?: old)?|yrs)?\s*(?:or|and)\s+(?:older|over|above)\b", re.I), "over"),
    # "patients above 60 years": people's ages (not "over 50 years ago")
    (re.compile(rf"(?:(?<=people )|(?<=adults )|(?<=those )|(?<=patients ))(?:over|above|older than)\s+{_N}\s+years\b", re.I), "over"),
    (re.compile(rf"\bfrom (?:about |around )?(?:the )?age (?:of )?{_N}\b(?!\s*(?:to|-|–|and)\s*\d)", re.I), "over"),
    (re.compile(r"\bin their (\d0)s(?:\s+(?:or|and)\s+(\d0)s)?", re.I), "decades"),
)
_AGE_WORDS = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|sixteen|eighteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety)\b",
    re.IGNORECASE,
)
"""A number in digits or words: only then can a clause give an age in numbers."""
_AGE_GROUPS = (
    # (label of our vocabulary's concept, youngest, oldest): the narrowest that holds a range wins
    ("infants", 0, 1),
    ("young children", 1, 5),
    ("children", 0, 15),
    ("young adults", 16, 40),
    ("middle-aged adults", 40, 60),
    ("older adults", 60, 200),
    ("adults", 16, 200),
)
_ADULT_AGES = next((begin, end) for name, begin, end in _AGE_GROUPS if name == "adults")
"""The ages of adults: "adults under 40" are 16 to 40, not all under 40 (a child's group bounded by
numbers is the numbers' group already: "children over 2")."""
_MORE_SERIOUS = r"\b(?:become|becomes|is|are|can be|tends? to be|gets?) more (?:serious|severe|dangerous)\b"
"""A poorer outlook said as the disease being more serious in a group ("In small children the disease can become more serious")."""
_CHANCES_FALL = r"\bchances? (?:of (?:a )?(?:cure|survival|surviving) )?(?:falls?|drops?|decreases?|goes down|go down|gets? worse)\b"
"""A poorer outlook said as the chances falling ("the chances fall with age")."""
_PROGNOSIS = re.compile(
    r"\bcure[sd]?\b|\bcurable\b|\boutlook\b|\bprognos|\bsurviv|\brecover|\bdo(?:es)?\s+(?:\w+\s+){0,3}(?:well|better|worse|best|worst)\b|"
    r"\balive\b|\b(?:seriously|severely) ill\b|"
    r"\bfare\w*\b|\brespond\w*\b|\bsuccess\w*|\b(?:harder|hard|more difficult|difficult|easier)(?: \w+)? to (?:treat|cure)\b|"
    r"\blive (?:for )?(?:\d+|five|ten|\w+ more) (?:years|more years)\b|\blive (?:much |a lot )?longer\b|"
    r"\bresults?\b|\boutcomes?\b|\btreatment works\b|\b(?:have|has) a (?:harder|tougher|more difficult) time\b|"
    r"\b(?:higher|greater) (?:chance|risk) (?:that )?(?:the \w+ |it )?(?:comes? back|returns?|relapses?)\b|"
    r"\bmore likely to (?:relapse|come back|return|resist treatment)\b|\b(?:the )?(?:best|better|good|lower|higher|poorer|worse|lowest|highest) chances?\b(?! of (?:getting|developing|having) )|"
    + _CHANCES_FALL + "|" + _MORE_SERIOUS,
    re.IGNORECASE,
)
_EPIDEMIOLOGY = re.compile(
    r"\bcommon(?:est)?\b|\boccurs?\b|\baffects?\b|\bdiagnosed\b|\brare\b|\bfrequent|\bget(?:s)? it\b|\bcan get\b|"
    r"\bmost often\b|\bmost (?:often |commonly )?affected\b|\bincidence\b|\bmainly\b|\bmostly\b|\busually\b|\btypically\b|\bhappens?\b|\bdevelops?\b|"
    r"\b(?:risk|chance|likelihood)\b[^.]{0,30}\b(?:goes up|go up|increases|rises|climbs|is higher|higher)\b|\bpeak|\bonset\b|"
    r"\bare children\b|\bseen in\b|\bfound in\b|\bmost (?:people|patients|cases)\b|\bmost \w+ (?:who|with)\b|\baverage age\b|\bage at diagnosis\b|"
    r"\brises?\b|\brising\b|\bhighest\b|\bcommonest\b|\bpeaks?\b|\bless common\b|\bmore common\b|\bcases\b|"
    # "8 in every 100,000 children under 5 get it each year", "8 out of 10 children with it are under 5"
    r"\b(?:in|out of) (?:every )?\d[\d,]*\b[^.]{0,40}\bgets?\b|\bwith it are (?:under|over|aged|older|younger)\b|"
    # "4 in 10 people with ALL are adults", "1 in 4 adults who have ALL", "Teenagers can also get it", "uncommon in adults"
    r"\b(?:in|out of) (?:every )?\d[\d,]*\b[^.]{0,60}\b(?:are|is)\b|\b(?:in|out of) (?:every )?\d[\d,]*\s+(?:\w+\s+){0,2}"
    r"(?:who have|with)\b|\buncommon\b",
    re.IGNORECASE,
)
_ONLY_WHO = re.compile(
    r"^(?!.*(?:\bcommon|\brare|\bmost\b|\boften\b|\busually\b|\bmainly\b|\bless\b|\bmore\b|\bpeaks?\b|%|\bper ?cent|"
    r"\b\d+\s+(?:in|out of)\s+\d|\bfew\b|\bmany\b))"
    r".*\b(?:can|may|could)\s+(?:also\s+)?(?:occur|happen|get|affect|develop|be found|be diagnosed)\b.*"
    r"(?:\balso\b|\btoo\b|\bany age\b|\bincluding\b|\beven\b)",
    re.IGNORECASE | re.DOTALL,
)
"""A clause that says who can get the disease, not how often ("ALL can happen at any age, including in
babies", "Teenagers can get it too"): an age group, no frequency. ("It can also occur in adults" is
left a statement of frequency: that is how most gold files read it.)"""
_CAN_ALSO_GET = re.compile(
    r"\b(?:(?:can|may) also (?:get|develop|have)|(?:can|may)(?: also)? catch)\b(?![^.]{0,30}\b(?:risk|chance)\b)", re.IGNORECASE
)
"""A group that can get the disease too ("Teenagers and adults can also get ITP"): who gets it, no frequency."""
_FAVOURABLE = re.compile(
    r"\bfull recovery\b|\brecover fully\b|\bgood\b|\bwell\b|\bbetter\b|\bbest\b|\bhigh\b|\bexcellent\b|\bfavou?rable\b|"
    r"\blive (?:much |a lot )?longer\b|"
    r"\b(?:most|many|almost all|nearly all)\b.{0,80}\b(?:cured|survive|recover)\b|\brecover(?:s|ed)? (?:completely|fully)\b|"
    r"\b(?:survival|cure rates?|chances? of (?:a )?cure)\b.{0,20}\bhigher\b",
    re.IGNORECASE | re.DOTALL,
)
_UNFAVOURABLE = re.compile(
    r"\breduced\b|\blower\b|\blowest\b|\bless\b|\bworse\b|\bworst\b|\bpoor(?:er|est)?\b|\bunfavou?rable\b|"
    r"\bharder\b|\btougher\b|\bmore difficult\b|\b(?:seriously|severely) ill\b|\bnot (?:\w+ )?as\b|(?:n['’]t|\bnot) do (?:\w+ )?as well\b|\bmore reserved\b|\bfalls? below\b|\bdrops? below\b|"
    r"\b(?:higher|greater) (?:chance|risk) (?:that )?(?:the \w+ |it )?(?:comes? back|returns?|relapses?)\b|\bmore likely to (?:relapse|come back|return|resist treatment)\b|"
    + _CHANCES_FALL + "|" + _MORE_SERIOUS,
    re.IGNORECASE,
)
_RATE = re.compile(
    r"(?:(?P<more>more than|over|above|at least)|(?P<less>fewer than|less than|under|below))?\s*(?:about |around |nearly |almost )?"
    rf"\b(?P<count>\d{{1,3}}(?=\s*(?:%|per ?cent))|{_N}(?=\s+(?:in|out of)\s))(?:\s*(?:%|per ?cent)|\s+(?:in|out of)\s+(?:every\s+)?(?P<whole>\d{{1,3}}|ten|twenty|five|four|three)\b)",
    re.IGNORECASE,
)
"""A share of people ("9 in 10", "3 out of 4", "more than 90%", "fewer than 2 in 10")."""
_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:and|but|though|although|while|whereas)\b)|\s(?=(?:while|whereas)\s)|;\s+|\.(?:\[\d+\])*\s+"
)
_DIAGNOSED = re.compile(
    r"\bdiagnosed\b|\bcases\b|\bmost common\b|\bget (?:it|this)\b|\bage at diagnosis\b|\b(?:average|median|typical) age\b",
    re.IGNORECASE,
)
_RATE_OF_GROUP = re.compile(r"(\d{1,3})(?:\s*[–-]\s*(\d{1,3}))?\s*(?:%|per ?cent)\s*\(\s*$", re.IGNORECASE)
"""A share of people just before the group it is of, in brackets ("40% (adults)")."""
_RISK_GROUP = re.compile(
    r"\b(?:standard|low|average|intermediate|high|very high)[- ]risk (?:group|category)\b|\brisk groups?\b", re.IGNORECASE
)
"""Which risk group of treatment a group of patients is put in ("placed in the standard-risk group"): no frequency."""
_REMISSION = re.compile(r"\bremissions?\b", re.IGNORECASE)
"""How many reach remission says how treatment starts, not how people do ("9 in 10 adults reach remission")."""
_CONCESSION = re.compile(r"\s*(?:but|though|although|while|whereas|yet)\b", re.IGNORECASE)
_THAN = re.compile(
    r"\bthan\b(?!\s+(?:\d|(?:half|a third|a quarter|one|two|three|four|five|six|seven|eight|nine|ten)\b))|"
    r"\bas\s+(?:\w+\s+){1,2}as\b|\b(?:compared (?:to|with)|(?:with )?respect to|relative to)\b",
    re.I,
)
"""A comparison between age groups ("better than adults", "not as good as for children"), not a
quantity ("more than 95%")."""
_POSSESSIVE = re.compile(r"['’]s\b")


@dataclass(frozen=True)
class AgeMention:
    """An age group named in a clause: its concept (as an entity) and where."""

    group: Entity
    start: int
    end: int
    stated: str = ""
    """The ages in the page's numbers when a group of our vocabulary stands for them ("between the ages of 2 and 5")."""


def age_facts(
    page: Page, disease: Entity, about: bool, section: Section, seg: Segment, *, outlook_only: bool = False
) -> Iterator[Fact]:
    """The age groups a sentence says the disease occurs in, with its frequency or outlook
    statements (with ``outlook_only``, its outlook statements alone)."""
    clauses = _clauses(page.text, seg)
    mentions = [_ages_in(page, start, end) for start, end in clauses]
    if not any(mentions):
        return
    label = page.lead_ins.get(seg.start, "")  # an infobox's "Usual onset" over "10-30 years; second peak after 60"
    labelled = bool(_AGE_LABEL.fullmatch(label))
    statement = about or labelled or section.type in ("who", "outlook") or bool(_DIAGNOSED.search(seg.text))
    outlooks = _contrast_outlooks(page.text, clauses, mentions) if _PROGNOSIS.search(seg.text) else {}
    previous: list[AgeMention] = []
    stated: set[str] = set()
    for (start, end), ages in zip(clauses, mentions):
        ages = ages or previous
        previous = ages
        clause = page.text[start:end]
        span = Span(start, end)
        text = _strip_connective(clause)
        concession = _CONCESSION.match(clause) and all(a.group.path in stated for a in ages)
        if concession and start not in outlooks:
            continue  # "The outlook is not as good for adults, but many adults are cured"
        # (in a section on the outlook, "It is poorer for older adults" says the outlook too)
        said = section.type == "outlook" and _verdict(clause) is not None and not _REMISSION.search(clause)
        if start in outlooks or _PROGNOSIS.search(clause) or said:
            outlook = outlooks.get(start)
            facts = list(_prognosis(disease, ages, start, clause, text, span, outlook))
            stated.update(f.object.path for f in facts if f.predicate == "allkg:aboutAgeGroup")  # type: ignore[union-attr]
            yield from facts
        elif (
            statement and not outlook_only and (labelled or _EPIDEMIOLOGY.search(clause))
            and not _RISK_GROUP.search(clause) and not _ONLY_WHO.search(clause)
        ):
            for age in _unique(ages):
                yield Fact("age-group", disease, "allkg:occursInAgeGroup", age.group, (span,))
                yield from _statement(disease, "epidemiology", age, text, span)
        elif statement and not outlook_only and (_CAN_ALSO_GET.search(clause) or _ONLY_WHO.search(clause)):
            for age in _unique(ages):  # (who can get it, not how often they do)
                yield Fact("age-group", disease, "allkg:occursInAgeGroup", age.group, (span,))


def age_of_name(page: Page, disease: Entity, name: Span | None) -> Iterator[Fact]:
    """A "childhood X" page names its age group in the disease's name."""
    if name is None:
        return
    for age in _unique(_ages_in(page, name.start, name.end, in_name=True)):
        yield Fact("age-group", disease, "allkg:occursInAgeGroup", age.group, (name,))


def _ages_in(page: Page, start: int, end: int, *, in_name: bool = False) -> list[AgeMention]:
    """Age groups in words (our vocabulary) and in numbers, in text order (``in_name``: inside
    the disease's name, "childhood" of "childhood leukaemia")."""
    words = page.mentions.nested(start, end, "age-group") if in_name else page.within(start, end, "age-group")
    found = [
        AgeMention(page.entity(m, "age-group")[0], m.start, m.end)
        for m in words
        if not _POSSESSIVE.search(m.text) and not _POSSESSIVE.match(page.text, m.end) and not _STYLE.match(page.text, m.end)
    ]
    if not _AGE_WORDS.search(page.text, start, end):
        return sorted(found, key=lambda a: a.start)
    numbered = []
    for pattern, shape in _AGE_EXPRESSIONS:
        for match in pattern.finditer(page.text, start, end):
            unit = _UNIT.match(page.text, match.end(), end)  # "under 12 months"
            values = [_number(g) for g in match.groups() if g]
            phrase = page.text[match.start() : unit.end() if unit else match.end()]
            # "adults under 40": the adults among those under 40 (16 to 40, young adults), not all under 40
            word = next((w for w in found if w.end <= match.start() and _BOUNDED_BY.fullmatch(page.text, w.end, match.start())), None)
            within = _ADULT_AGES if word is not None and word.group.label == "adults" else None
            entity = _stated_ages(
                page, shape, values, phrase, unit.group("unit").lower().rstrip("s") if unit else "year", within=within
            )
            if entity is not None:
                # (a group of our vocabulary, an ontology class, stands for them; a concept of their own is named by them)
                stated = " ".join(phrase.split()) if _ontology_class(entity) else ""
                numbered.append(AgeMention(entity, match.start(), match.end(), stated))
    # "babies under 2", "children aged between 1 and 10": one group, the one the numbers bound
    bounded = {
        word.start for word in found for number in numbered
        if word.end <= number.start and _BOUNDED_BY.fullmatch(page.text, word.end, number.start)
    }
    return sorted([*(a for a in found if a.start not in bounded), *numbered], key=lambda a: a.start)


_STYLE = re.compile(r"[-\s]?(?:style|type|like|based|inspired)\b", re.IGNORECASE)
"""An age word that names a kind of treatment ("paediatric-style protocols"), no group of people."""
_AGE_LABEL = re.compile(r"(?:(?:usual|typical|peak|common|median|average)\s+)?(?:age(?: of onset| at (?:onset|diagnosis))?|onset|ages?|peak ages?)\s*:?", re.IGNORECASE)
"""A label over ages ("Usual onset", "Age at diagnosis"): the ages under it say who gets the disease."""
_UNIT = re.compile(r"\s*(?P<unit>months?|weeks?|days?)\b", re.IGNORECASE)
_PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 365}
_BOUNDED_BY = re.compile(r"[\s,]*(?:(?:aged|ages?|who are|that are|between|from|of)\s+)*", re.IGNORECASE)
"""What stands between an age group's word and the numbers that bound it ("children aged 1 to 4")."""


def _stated_ages(
    page: Page, shape: str, values: list[int], phrase: str, unit: str = "year", *, within: tuple[int, int] | None = None
) -> Entity | None:
    """The age group a phrase gives in numbers (of ``unit``: years, months, weeks or days): the
    group of our vocabulary (HPO's onset classes) its ages make up most of ("under 15": children;
    "under 12 months": infants); else a concept of its own named in numbers ("under 2"), the
    page's words a label too, mapped as narrower than the narrowest group that holds it."""
    bounds = _bounds(shape, [value / _PER_YEAR[unit] for value in values])
    if bounds is not None and within is not None:  # (the ages of the group the numbers bound: "adults under 40")
        bounds = (max(bounds[0], within[0]), min(bounds[1], within[1]))
    label = _age_label(shape, values)
    label = f"{label} {unit}s" if label and unit != "year" else label
    if bounds is None or label is None:
        return None
    low, high = bounds
    fitting = [  # (a year's slack at the ends, but "under 2" is no infant, who is under 1)
        (end - begin, name, begin, end)
        for name, begin, end in _AGE_GROUPS
        if begin <= low + 1 and high <= end + (1 if end - begin >= 5 else 0)
    ]
    group = min(fitting) if fitting else None
    grounding = page.lexicon.lookup(group[1], "age-group") if group else None
    if group is not None and grounding is not None:
        begin, end = group[2], min(group[3], _OLDEST)  # how much of the group the ages overlap
        covered = (min(high, end) - max(low, begin)) / (end - begin)
        if covered >= _COVERED:
            return concept_entity(grounding.concept)
    broader = tuple(("broadMatch", iri) for prop, iri in grounding.concept.mappings if prop == "exactMatch") if grounding else ()
    said = " ".join(phrase.split())
    alt = (said,) if said.casefold() != label else ()
    return concept_entity(Concept(f"age-group/{slugify(label)}", "age-group", label, alt_labels=alt, mappings=broader))


def _ontology_class(group: Entity) -> bool:
    """Whether an age group is (nearly) a class of an ontology, not a concept named by the page's numbers."""
    return group.concept is not None and any(prop in ("exactMatch", "closeMatch") for prop, _ in group.concept.mappings)


def _age_label(shape: str, values: list[int]) -> str | None:
    """Ages in numbers: "under 2", "over 70", "2 to 5", "60 to 79" (in their 60s or 70s)."""
    if shape == "range" and len(values) == 2:
        return "{} to {}".format(*sorted(values))
    if shape in ("under", "over") and values:
        return f"{shape} {values[0]}"
    if shape == "decades" and values:
        return f"{min(values)} to {max(values) + 9}"
    return None


def _bounds(shape: str, values: list[float]) -> tuple[float, float] | None:
    """The youngest and oldest ages (in years) a phrase gives, as pages mean them."""
    if shape == "range" and len(values) == 2:
        low, high = sorted(values)
        return low, high
    if shape == "under" and values:
        return 0, values[0]
    if shape == "over" and values:
        return values[0], 200
    if shape == "decades" and values:
        return min(values), max(values) + 9
    return None


_COVERED = 0.75
"""How much of a group a range must cover to be named as that group ("over 65": older adults;
"over 50" is a concept of its own, narrower than adults)."""
_OLDEST = 100
"""Where an open-ended age group ("over 60") is taken to end, to compare how much of it a range covers."""


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _prognosis(
    disease: Entity, ages: list[AgeMention], start: int, clause: str, text: str, span: Span, outlook: bool | None
) -> Iterator[Fact]:
    verdict = _verdict(clause) if outlook is None else outlook
    if verdict is None:
        return
    favourable = verdict
    than = _THAN.search(clause)
    for age in _unique(ages):
        compared = than is not None and age.start >= start + than.end()
        verdict = "FavourableOutlook" if favourable != compared else "UnfavourableOutlook"
        own = _RATE_OF_GROUP.search(clause, 0, max(0, age.start - start))
        if own is not None:  # "five-year survival about 90% (children), 40% (adults)": each group its own rate
            share = sum(int(n) for n in own.groups() if n) / len([n for n in own.groups() if n]) / 100
            if 0.5 < share < 0.6:
                continue
            verdict = "FavourableOutlook" if share >= 0.6 else "UnfavourableOutlook"
        yield Fact("age-group", disease, "allkg:occursInAgeGroup", age.group, (span,))
        yield from _statement(disease, "prognosis", age, text, span, outlook=verdict)


def _verdict(clause: str) -> bool | None:
    """Whether a clause says the outlook is good (True) or poor (False): by its words ("poorer",
    "excellent"), else by the share of people it gives ("9 in 10": good; "fewer than 2 in 10",
    "about 40%": poor); None when it says neither."""
    if _UNFAVOURABLE.search(clause):
        return False
    if _FAVOURABLE.search(clause):
        return True
    rate = _RATE.search(clause)
    if rate is None:
        return None
    share = _number(rate.group("count")) / _number(rate.group("whole") or "100")
    if rate.group("less"):
        return False if share <= 0.6 else None
    if rate.group("more"):
        return True if share >= 0.5 else None
    return True if share >= 0.6 else False if share <= 0.5 else None


def _statement(
    disease: Entity, kind: str, age: AgeMention, text: str, span: Span, *, outlook: str | None = None
) -> Iterator[Fact]:
    node = statement_entity(disease, kind, age.group, text)
    predicate = "allkg:hasEpidemiologyStatement" if kind == "epidemiology" else "allkg:hasPrognosisStatement"
    yield Fact(kind, disease, predicate, node, (span,))
    yield Fact(kind, node, "allkg:aboutAgeGroup", age.group, (span,))
    if age.stated:
        yield Fact(kind, node, "allkg:statedAges", Text(age.stated), (span,))
    yield Fact(kind, node, "allkg:statementText", Text(text), (span,))
    if outlook is not None:
        yield Fact(kind, node, "allkg:outlook", Term(outlook), (span,))


def _contrast_outlooks(text: str, clauses: list[tuple[int, int]], ages: list[list[AgeMention]]) -> dict[int, bool]:
    """Outlooks of two contrasted clauses about two age groups ("about 90% in children, while in
    adults they are less than 45%"): when only one states its outlook, the other has the
    opposite one. ("Not as good for adults, but many adults are cured" contrasts nothing.)"""
    if len(clauses) != 2 or {a.group.path for a in ages[0]} == {a.group.path for a in ages[1]}:
        return {}
    second = text[clauses[1][0] : clauses[1][1]]
    if not re.match(r"(?:while|whereas|but|though|although)\b", second.strip(), re.IGNORECASE):
        return {}
    stated = {}
    for start, end in clauses:
        verdict = _verdict(text[start:end])
        if verdict is not None:
            stated[start] = verdict
    if len(stated) == 2 and len(set(stated.values())) == 2 and all(ages):
        return stated  # each says its own, and they differ ("90% of children survive, while in adults it is less than 45%")
    if len(stated) != 1:
        return {}
    [(known_start, known)] = stated.items()
    other, other_end = next((start, end) for start, end in clauses if start != known_start)
    if not _PROGNOSIS.search(text[other:other_end]):
        return {}  # the other clause is about something else ("can also occur in adults")
    return {known_start: known, other: not known}


def _clauses(text: str, seg: Segment) -> list[tuple[int, int]]:
    spans = []
    cursor = seg.start
    for match in _CLAUSE_BREAK.finditer(text, seg.start, seg.end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, seg.end))
    return [(s, e) for s, e in spans if e > s]


def _strip_connective(clause: str) -> str:
    clause = re.sub(r"^(?:and|but|though|although|while|whereas)\s+", "", clause.strip())
    return clause.rstrip(" .;,")


def _unique(ages: list[AgeMention]) -> list[AgeMention]:
    seen: set[str] = set()
    result = []
    for age in ages:
        if age.group.path not in seen:
            seen.add(age.group.path)
            result.append(age)
    return result
