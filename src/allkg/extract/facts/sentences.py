"""Sentences -> facts: where the disease is and spreads, which cells it affects, its course,
its cause, what its symptoms resemble, and symptoms and risk factors stated in prose.

Each relation needs a cue in the sentence (a word that states it) and a sentence about the
page's disease (by name, abbreviation, pronoun, or "the leukaemia cells"), in a section
that may state facts; co-occurrence alone is never enough.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from allkg.extract.facts.disease import Subject, is_cancer, names_subject
from allkg.extract.facts.lists import (
    FACT_PREDICATES,
    RELATIVE_WITH,
    enlarged_organs,
    ground_part,
    list_kind,
    parts_of_span,
    segment_before,
)
from allkg.extract.facts.page import ADVICE, ETHNIC, OUTLOOK, Page
from allkg.extract.structure import (
    CONTENT_SECTIONS,
    ListBlock,
    Section,
    Segment,
    item_like,
    section_type,
    verbless,
)
from allkg.facts import Entity, Fact, Flag, Span, Text, concept_entity
from allkg.lexicon import Mention

_DISEASE_CELLS = re.compile(
    r"\b(?:leuka?emi(?:a|c)|lymphoma|myeloma|cancer(?:ous)?|abnormal|malignant|blast|tumou?r)\s+cells?\b|\bblasts\b",
    re.IGNORECASE | re.DOTALL,
)
_CELL_CUE = re.compile(
    r"\baffect|\bstarts?\b|\bbegins?\b|\barises?\b|\bdevelops?\s+(?:from|in)\b|\bgrows?\s+from\b|\boriginat|"
    r"\bcancer of\b|\bleuka?emia of\b|\bcalled\b|\bproduc|\bwhich (?:kind|type) of\b|"
    r"\btype of (?:lymphocyte|white blood cell|blood cell)\b|\binvolved\b|\bforms? of\b|\bimmature\b",
    re.IGNORECASE | re.DOTALL,
)
"""Words that tie a cell to a disease a sentence names ("ALL starts in a lymphocyte")."""
_IT_STARTS = re.compile(r"\b(?:it|this|they|these)\s+(?:\w+\s+)?(?:affects?|starts?|begins?|arises?|develops?)\b", re.IGNORECASE)
_ILLNESS_CELL_CUE = re.compile(
    r"\babnormal\b|\bleuka?emic\b|\bcancerous\b|\bmalignant\b|\btak(?:e|es|ing) up (?:the |so much |too much |all the )?(?:space|room)\b|"
    r"\b(?:tons|lots|masses) of\b|\bstop(?:s|ped)? (?:making|producing)\b|\bmaking enough\b|"
    r"\b(?:would|should|(?:is|are|was|were) (?:meant|supposed) to)\s+(?:normally\s+)?(?:have\s+)?"
    r"(?:grow|grown|develop|developed|mature|matured|turn|turned|become)\s+into\b|"  # "young cells that would normally grow into lymphocytes"
    r"\bnever (?:finish|grow|mature|develop|become)\w*|\bdo(?:es)? not (?:grow|mature|develop)\w*|\bdon['’]t (?:grow|mature)\w*|"
    r"\btoo many\b|\btoo few\b|\bnot enough\b|\benough (?:normal|healthy)\b|\bmake enough\b|\bcrowd(?:s|ing|ed)?\b|\bfill(?:s|ing)? up\b|"
    r"\b(?:push|squeeze|force|drive|choke)(?:s|es|d|ed|ing)? out\b|"
    r"\b(?:cannot|can['’]t|can not|doesn['’]t|does not|unable to|fails? to) (?:make|produce)\b|"
    r"\b(?:little|less) (?:space|room)\b|\bno room\b|\b(?:isn['’]t|is not|no|not enough)\s+(?:enough\s+)?(?:space|room)\b|"
    r"\blow (?:[\w-]+ (?:cell )?)?(?:numbers?|levels?|counts?)\b|\bshort of\b|"
    r"\bshortage\b|\black of\b|\bhuge numbers\b|\blarge numbers\b|\bmakes? (?:too|huge|large|lots)\b|"
    r"\bbuild(?:s)? up\b|\breplac|\bfewer\b|\bfalls?\b|\bdrops?\b|\bpile up\b|\bgrow(?:s)? out of control\b|"
    r"\bsuppress\w*|\baccumulat\w*|\boverproduc\w*|\bwhich (?:kind of |type of )?cells? (?:are|is) (?:involved|affected)\b",
    re.IGNORECASE | re.DOTALL,
)
"""Words that say cells are diseased, too many or too few: a cell fact even where the sentence
does not name the disease ("These crowd out the healthy cells"); the words of normal blood
("The bone marrow produces stem cells") are not."""
_SECRETIONS = frozenset({"UBERON:0000456", "UBERON:0000174"})
"""UBERON's secretion of exocrine gland (sweat, mucus, saliva, bile) and excreta (urine, faeces)."""
_TREATED = re.compile(r"\b(?:radiotherap\w*|radiation therapy|chemotherap\w*|chemo|surgery|side[ -]effects?)\b", re.IGNORECASE)
_SPREAD = re.compile(
    r"\b(?:spread\w*|travel\w*|reach\w*|invad\w*|infiltrat\w*|collect\w*|build\w* up|gather\w*|"
    r"start\w* in|begin\w* in|found in|grow\w* in|enter\w*|(?:get|gets|got|getting|gotten) into|develop\w* in|aris\w* in|"
    r"pass\w* into|mov\w* into|(?:most|more) (?:common|frequent) sites?|mass(?:es)? in|enlarg\w* (?:the|your)|involv\w*|(?:can|may|often|also|usually) (?:also )?affect)\b",
    re.IGNORECASE,
)
"""A sentence that says where cells go or grow: a location even when it does not name the disease."""
_SITE_OF = re.compile(
    r"\s*(?:in|on|of|from|around|under|behind|below|above|near|inside)\s+"
    r"(?:(?:the|your|their|his|her|one|both|and|or|,)\s*)*",
    re.IGNORECASE,
)
_SERVED = re.compile(
    r"\b(?:part of|help(?:s|ing)?|protect(?:s|ing)?|fight(?:s|ing)?|support(?:s|ing)?|control(?:s|ling)?|"
    r"regulat\w+|digest\w*)\s+(?:(?:the|your|our|their|to)\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
"""What a body part is served by, not where the disease is ("white cells that help the immune system")."""
_AGENT = re.compile(r"\s+(?:attack|destroy|fight|react|kill|damage)(?:s|ed)?\b", re.IGNORECASE)
"""A body part that acts on the cells (the immune system in an autoimmune disease), not where it is."""
_SIGN_AFTER = re.compile(r"\s+(?:or|and)\s+")
"""A body part joined by "or" to a sign it shares a word with ("bone or joint pain")."""
_PROCEDURE = re.compile(
    r"\s*(?:transplant|biopsy|biopsies|test|tests|sample|aspirat|donor|donation|scan|x-ray|exam)", re.IGNORECASE
)
_GLOSS_START = re.compile(r"\s*(?:,\s*|\(\s*|\s[—–-]\s*)(?:the|a|an|which|where)\b", re.IGNORECASE | re.DOTALL)
_RAPID = re.compile(
    r"\brapid(?:ly)?\b|\bquick(?:ly)?\b|\bfast\b|\bsudden(?:ly)?\b|\bgets? worse\b|\baggressive\b|\bmoves fast\b|"
    r"\bwithin (?:days|weeks|a few (?:days|weeks|months))\b|\bover (?:a few )?(?:days|weeks)\b|\bdevelops? quickly\b|\bhigh[- ]grade\b",
    re.IGNORECASE | re.DOTALL,
)
_OF_ITSELF = re.compile(
    r"\b(?:fast|slow|quick|rapid)(?:ly)?[- ]growing\b|\b(?:high|low)[- ]grade\b|\baggressive\b|\bindolent\b|"
    r"\b(?:comes?|came) on (?:suddenly|quickly|fast|gradually|slowly)\b|\b(?:develops?|grows?|progress(?:es)?|spreads?) "
    r"(?:very |more )?(?:quickly|rapidly|fast|slowly|gradually)\b",
    re.IGNORECASE,
)
"""How fast the disease itself goes ("a fast-growing cancer", "comes on suddenly"; not "you may tire quickly")."""
_SLOW = re.compile(
    r"\bslow(?:ly)?\b|\bslow-growing\b|\bover (?:many )?(?:months|years)\b|\bgradual(?:ly)?\b|\bindolent\b|\bfor years\b|"
    r"\blow[- ]grade\b",
    re.IGNORECASE | re.DOTALL,
)
_COURSE_SUBJECT = re.compile(r"\b(?:it|they|symptoms?|signs?|disease|illness|condition)\b", re.IGNORECASE | re.DOTALL)
_PROGRESSION_START = re.compile(r"\b(?:the fact that|because|since)\s+", re.IGNORECASE | re.DOTALL)
_LIKENESS = (
    r"\b(?:mimic|resembl\w*|look(?:s|ing)? (?:(?:a lot|very much|just|much) )?like|similar to|like those of|"
    r"mistaken for|(?:easy|easily|often) (?:to )?mistake[ns]? for|confused with|(?:feel|seem)(?:s)? (?:(?:a lot|very much|just|much) )?like|"
    r"same as (?:those|the symptoms) of|just like|(?:are|is) (?:a lot |much |very )?like|like the symptoms of|"
    r"overlaps? (?:a lot |a great deal )?with)\b"
)
_LIKE = re.compile(_LIKENESS, re.IGNORECASE | re.DOTALL)
"""Words that say one illness looks like another ("can look like a virus")."""
_RESEMBLES = re.compile(
    _LIKENESS + r"|\b(?:put (?:[\w']+\s+){0,4}?down to|written off as|blamed on|chalked up to|thought to be|"
    r"(?:gets?|got|is|are|was|were|being) treated for (?=[^.]*\bfirst\b)|"
    r"(?:illness|illnesses|infections|conditions|problems) such as)\b|\b\w+-like\b|"
    r"\bmisdiagnos\w*(?: as)?\b|\b(?:first|initially|at first) (?:thought|told|assumed|diagnosed)\b|"
    r"\b(?:thought|assumed|believed) at first\b|"
    r"\btold (?:(?:him|her|them|us|me) )?(?:at first |first )?(?:it was|they had|he had|she had|(?:it|he|she) was just)\b|"
    r"\bthought (?:it was|(?:i|you|he|she|they|we) (?:just |only )?(?:had|'d got|'d just got|'d had|was|were))\b|"
    r"\b(?:can|may|could) (?:also )?be (?:caused by|due to|a sign of)\b|"
    r"\b(?:are|is) (?:also|usually|often|(?:much |far )?more often|mostly) (?:caused by|due to)\b|"
    r"\bfelt like (?:you|he|she|they|i|we) (?:had|'d got|'d had)\b|\b(?:we|i|they|he|she) thought was\b|"
    r"\b(?:have|has) (?:many |lots of |several )?other causes,? such as\b|\b(?:can|may|could) (?:also )?come from\b|\btreated as\b(?=[^.]*\b(?:first|initially)\b)|"
    r"\b(?:first|initially|at first) think\b",
    re.IGNORECASE | re.DOTALL,
)
_TAKEN_FOR = re.compile(
    r"put (?:[\w']+\s+){0,4}?down to|written off|blamed on|chalked up|treated for|"
    r"mistaken|mistakes?\b|confused|misdiagnos|(?:first|initially|at first) \w+|\w+ at first|told|thought|"
    r"look|resembl|mimic|similar|(?:can|may|could) (?:also )?be (?:caused by|due to)|(?:are|is) also caused by|"
    r"other causes|come from|treated as|think",
    re.IGNORECASE,
)
"""Resemblance cues that name, after them, only what the disease is taken for (not "feels like")."""
_ASIDE_OPENS = re.compile(r",\s*(?:which|that)\s+(?:\w+\s+)?$", re.IGNORECASE)
_SAID_THEY_HAD = re.compile(
    r"\s*(?:that\s+)?(?:i|you|he|she|it|we|they)(?:'d| had| was| were| have| has)(?:\s+(?:had|just|only|got|probably))*\s+",
    re.IGNORECASE,
)
_RESEMBLANCE_WORDS = (
    "mimic", "resembl", "look", "similar", "like", "mistak", "confus", "feel", "same as", "put down", "thought",
    "misdiagnos", "first", "initially", "told", "such as", "caused by", "due to", "a sign of", "down to", "overlap",
    "written off", "blamed on", "chalked up", "treated for", "seem", "other causes", "come from", "treated as", "think",
)
"""Words one of which every resemblance cue holds: a sentence with none is not searched."""
_TAKEN_FOR_WORDS = (
    "down to", "mistak", "confused with", "misdiagnos", "told", "thought", "look like", "looks like", "caused by",
    "written off", "blamed on", "chalked up", "treated for", "other causes", "come from", "treated as", "think",
)
"""Words of a resemblance cue that may name an illness no lexicon has ("put down to growing pains")."""
_CLAUSE_STOP = re.compile(
    r"[.;:]|\s[-–—]\s|,?\s+(?:which|that|who|so|but|because|before|until|and (?:the|then|so))\b|,\s+(?:\w+\s+){0,2}(?:can|may|could|is|are)\b|"
    r",?\s+and\s+\w{3,}ly\s*,",  # "thought it was a virus, and honestly, so did I"
    re.IGNORECASE,
)
_NOT_A_NOUN_PHRASE = re.compile(
    r"\b(?:i|you|he|she|it|we|they|me|him|her|us|them|my|your|is|are|was|were|be|been|had|has|have|do|does|did|"
    r"can|could|may|might|will|would|should|not|no|this|these|those|something|anything|things?|other|others|"
    r"problems?|conditions?|illness(?:es)?|diseases?)\b|\d",
    re.IGNORECASE,
)
"""Words a lay illness's name never holds: a clause, a vague word ("other things")."""
_LEADING_WORDS = re.compile(r"^(?:(?:for|a|an|the|just|simply|only|ordinary|an? ordinary|common|everyday|probably)\s+)+", re.IGNORECASE)
_CAUSED_TOO = re.compile(r"(?:can|may|could)\b", re.IGNORECASE)
_MISTAKEN = re.compile(
    r"misdiagnos|first|initially|at first|told|thought|(?:assumed|believed) at first|put |written off|blamed|chalked|"
    r".*treated for",
    re.IGNORECASE,
)
"""A resemblance cue that says the illness was taken for another ("first thought they had flu")."""
"""A resemblance cue that says the signs have other causes ("can also be caused by")."""
_CAUSE_CUE = re.compile(
    r"\b(?:occurs|happens|develops|starts|begins|arises)\s+(?:when|with|because)\b|\bcaused by\b|\bresults?\s+(?:from|of)\b|"
    r"\bdue to\b|\btriggered by\b|\bthe cause\b|\bcauses?\s*:|\bbecause of\b|\bbehind\b|\bpick(?:s|ed|ing)? up\b|"
    r"\bdevelops?\s+(?:changes|mutations)\b|\bgenetic change|\bcomes?\s+from\b|"
    r"\bcells?\s+(?:\w+\s+)?(?:have|has|carry|carries|contain|contains)\s+(?:an?\s+|the\s+|certain\s+)?(?:acquired\s+|new\s+)?"
    r"(?:change|changes|mutation|mutations|fault|faults|mistake)\b",  # "the leukaemia cells have a change in a gene"
    re.IGNORECASE | re.DOTALL,
)
_IN_IT = re.compile(r"\s*In\s+[^,.;]{1,60},\s+(?:the\s+|a\s+)?", re.IGNORECASE)
"""A sentence that opens by saying it speaks of the disease ("In ALL, ...")."""
_DNA_DAMAGED = re.compile(
    r"\b(?:DNA|genes?)\b[^.;,]{0,60}?\b(?:is|are|gets|get|becomes|become|has been|have been)\s+(?:damaged|changed|altered)\b|"
    r"\bdamage\s+(?:to|in)\s+(?:its|their|the|his|her)\s+(?:DNA|genes)\b",
    re.I,
)
"""A cause said as what happens to the DNA ("the DNA inside a developing lymphocyte gets damaged",
"... gets changed", "gets damage to its DNA")."""
_SAYS_THE_CAUSE = re.compile(
    r"(?:(?:she|he|they|the doctors?|the consultant|our doctor)\s+(?:said|says|told us|explained)(?:\s+that)?\s+)?"
    r"(?:(?:(?:in|for)\s+(?:\w+\s+){0,5}?\w+,?\s+)?the\s+(?:main\s+|usual\s+|exact\s+)?cause\s+is\b|"
    r"(?:it|this)(?:\s+is|['’]s)\s+caused\s+by\b)",
    re.IGNORECASE,
)
"""A sentence that says what the cause is without naming the disease ("The cause is a damage of
the DNA"), or says who told it so ("She said it's caused by changes in the DNA ...")."""
_UNKNOWN_CAUSE = re.compile(
    r"\b(?:not (?:clear|known)|unknown|unclear|nobody knows|no one knows|don't know|do not know)\b.*\bcaus", re.IGNORECASE
)
_HEDGED = re.compile(r"\b(?:possibly|might|perhaps|may be linked|not proven|no evidence|unlikely)\b", re.IGNORECASE | re.DOTALL)
_RISK_SENTENCE = re.compile(
    r"\bincreas\w* (?:the |your |their )?(?:risk|chance|likelihood)|\braise\w* (?:the |your )?(?:risk|chance)|"
    r"\bhigher (?:than average )?(?:risk|chance)|\bmore likely\b(?! to (?:spread|come back|return|relapse|grow|be cured|survive|respond))|\brisk factors?\b|\bat (?:higher |greater |increased )?risk\b|"
    r"\blinked (?:to|with)\b|\blinked (?:[\w-]+ ){1,4}(?:to|with)\b|\bassociated with\b|\btimes (?:higher|more likely|greater)\b|\bgreater risk\b|\bpredispos\w*|"
    r"\bmore common (?:in|among) (?:people|children|adults|those)\s+(?:with|who)\b|"
    r"\b(?:risk|chance|likelihood)\b[^.]{0,40}\b(?:is|are|may be|can be|gets?|goes)\s+(?:\w+\s+)?(?:higher|greater|increased|raised|up)\b",
    re.IGNORECASE | re.DOTALL,
)
_SO_DO = re.compile(r"\s*(?:so|as)\s+(?:do|does|are|is|have|has)\b|\s*the same (?:is true|goes) for\b", re.IGNORECASE)
"""A sentence that says the one before holds of others too ("... have a higher risk. So do children with ...")."""
_LISTS_SOME = re.compile(r"\b(?:include|includes|including|such as)\b", re.IGNORECASE)
"""A sentence of a risk section that lists things ("These include Down syndrome and ...")."""
def _more_common_in(these: str, others: str, adjective: str) -> re.Pattern[str]:
    """Sentences that say the disease is more common in one sex (``these``) than the other."""
    near = r"(?:(?!\bthan\b)[^.]){0,30}"  # (not "more common in boys than in girls" for girls)
    return re.compile(
        rf"\bmore (?:common|often|likely|frequent)\w*\b{near}\b(?:in|among|for)\s+{these}\b|"
        rf"^{these}\b[^.]{{0,40}}\bmore (?:common(?:ly)?|often|likely|frequently)\b|"
        # "Boys get it about twice as often as girls", "Males had a higher rate than females"
        rf"\b{these}\b[^.]{{0,60}}\b(?:more|twice|\w+ times|higher|greater)\b[^.]{{0,40}}\b(?:than|as)\b[^.]{{0,20}}\b{others}\b|"
        rf"\bmore {these}\b(?:\s+(?:and|or)\s+{these})?\s+than\s+{others}\b|"  # "More women than men"
        rf"\b(?:affects?|affecting|seen in|found in|occurs? in)\s+(?:mostly|mainly|nearly always|almost always|more|usually|only)\s+"
        rf"{these}\b|\b(?:mostly|mainly|nearly always|almost always|usually|only)\s+(?:affects?|occurs? in)\s+"
        rf"{these}\b|\b{adjective} (?:predominance|preponderance)\b|"
        rf"\b(?:risk|chance|rate)s?\b{near}\b(?:higher|greater|increased)\b[^.]{{0,15}}\b(?:in|for|among)\s+{these}\b",
        re.IGNORECASE | re.DOTALL,
    )


_MALE_WORDS = "boys|men|males|lads"
_FEMALE_WORDS = "girls|women|females"
_MALES = rf"(?:{_MALE_WORDS})"
_FEMALES = rf"(?:{_FEMALE_WORDS})"
_SEX_WORD = re.compile(rf"\b(?:{_MALE_WORDS}|{_FEMALE_WORDS}|male|female)\b", re.IGNORECASE)
_MORE_COMMON_IN_SEX = {
    "male sex": _more_common_in(_MALES, _FEMALES, "male"),
    "female sex": _more_common_in(_FEMALES, _MALES, "female"),
}
"""What says the disease is more common in males, and what in females."""
_SYMPTOM_SENTENCE = re.compile(
    r"\bsymptoms?\b[^.]{0,40}\b(?:include|includes|including|are|can be|may be|such as)\b|\bsigns?\b[^.]{0,30}\b(?:include|are)\b|"
    r"\b(?:signs?|symptoms?)\b[^.:]{0,30}:",  # "Signs to look for: pale skin, tiredness, ..."
    re.IGNORECASE | re.DOTALL,
)
_ENUMERATION_CUE = re.compile(
    r"^(?:\w+\s+){0,3}?(?:you|they|your child|children|people|some people|he|she)\s+(?:may|might|can|could|will|often)\s+"
    r"(?:also\s+|sometimes\s+)?(?=(?:look|feel|get|bruise|bleed|have|notice|seem|become|lose)\b)|"  # "You might look pale, feel tired..."
    r"\b(?:include|includes|including|such as|have|has|had|get|gets|notice|experience|feel|cause|causes|there may be|"
    r"complain(?:s|ed)? (?:of|about)|suffer(?:s|ed)? (?:from|with)|develop|develops|"
    r"there can be|may also be|like)\b[:\s]+|:\s*",
    re.IGNORECASE | re.DOTALL,
)
_NOT_SIGNS = re.compile(
    r"\b(?:(?:not|never|n['’]t)\s+(?:usually\s+|often\s+|normally\s+|typically\s+)?|(?:rarely|seldom)\s+)"
    r"(?:have|has|get|gets|cause|causes|show|shows|develop|develops|give|gives|lead to|leads to)\b",
    re.IGNORECASE,
)
"""Signs a sentence says the disease does not give, or rarely gives ("PCNSL rarely causes night sweats")."""
_GROUP_AT_RISK = re.compile(
    r"\b(?:people|those|anyone|children|adults|men|women|patients)\s+(?:who\s+(?:have\s+(?=had\b)|(?:have|are|were)\s+|(?=\w))|"
    r"with\s+|(?=exposed to\b))",
    re.IGNORECASE,
)
"""Who a sentence on risk says is at risk, before what they have or do ("people who work with pesticides")."""
_MAIN_VERB = re.compile(r"(?<!\bwho)(?<!\bthat)\s+(?:is|are|was|were|have|has|can|may|might|will|could|would|get|gets|develop|develops)\b", re.IGNORECASE)
_THEN_ADVICE = re.compile(r"(?:[,;]\s*|\s+[-–—]\s+|\s+)(?:so|and|but)\s+(?:please\s+)?(?=\w+(?:\s+\w+){0,3}\s*$)", re.IGNORECASE)
"""Where a sentence that names signs turns to advice ("... or fits, so please tell the ward")."""
_APPOSITION = re.compile(
    r",(?:\[\d+\])*\s+(?:the same|which|that|an? (?:virus|germ|condition|chemical|substance|solvent|gene|drug) "
    r"(?:that|which|used|found|made|produced|present|called))\b",
    re.IGNORECASE,
)
"""Where a sentence turns to say more of what it named ("EBV, the same virus that causes glandular fever")."""
_ANY_DISEASES = re.compile(
    r"\b(?:a risk factor is|some risk factors|(?:different|other|many) (?:cancers|diseases)|can(?:not|'t| not) be changed|"
    r"can be changed|such as cancer|other (?:types|kinds|forms) of)\b".replace(" ", r"\s+"),
    re.IGNORECASE,
)
"""What risk factors are in general ("Some risk factors, like smoking, can be changed"), not this disease's."""
_IF_YOU = re.compile(r"^\s*(?:if|when)\s+(?:you|your child)\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|no|never|without|rarely|unlikely)\b", re.IGNORECASE | re.DOTALL)


def resemblance_facts(page: Page, subject: Subject) -> Iterator[Fact]:
    """What the page says the disease's symptoms look like, wherever it says it (often beside
    the advice to see a doctor)."""
    for section in page.layout.sections:
        if section.type == "navigation":
            continue
        for seg in section.segments:
            # (an item: "Easy to miss. ... mistaken for"; a lead-in: "It often starts off looking like a cold, with:")
            if seg.kind in ("sentence", "item", "lead-in") and not seg.boilerplate:
                yield from _resemblance(page, subject, seg)
    for block in page.layout.lists:
        yield from _lookalike_list(page, subject, block)


def _lookalike_list(page: Page, subject: Subject, block: ListBlock) -> Iterator[Fact]:
    """The illnesses a list of look-alikes names ("Early ALL looks a lot like common childhood
    problems, and doctors will usually think about these first:", or under "Could it be something
    else?"): a list that is of no symptoms or risk factors."""
    heading = block.section.heading.text if block.section.heading is not None else ""
    lead = block.lead_in.text if block.lead_in is not None else ""
    if block.section.type in ("navigation", "treatment", "diagnosis") or list_kind(block) is not None:
        return
    if not (_LIKE.search(lead) or _LOOKALIKES.search(heading) or _LOOKALIKES.search(lead)) or _SYMPTOM_SENTENCE.search(lead):
        return  # (an infobox's "Differential diagnosis" row too)
    for item in block.items:
        evidence = (Span(item.start, item.end), *((Span(block.lead_in.start, block.lead_in.end),) if block.lead_in else ()))
        named = [m for m in _unique(page.within(item.start, item.end, "disease")) if not names_subject(page, subject, m)]
        examples = _EXAMPLES_OF.search(item.text)
        for mention in named[:1] if examples else named:  # "viral infections such as the flu": the first illness an item names
            entity, how = page.entity(mention, "disease")
            yield Fact("resemblance", subject.entity, "allkg:symptomsResemble", entity, evidence, grounding=how)
        if not named and not page.within(item.start, item.end, "disease"):
            for entity, how in _lay_illnesses(page, item.start, item.end):
                yield Fact("resemblance", subject.entity, "allkg:symptomsResemble", entity, evidence, grounding=how)


_EXAMPLES_OF = re.compile(r"\b(?:such as|like|including|e\.g\.)", re.IGNORECASE)
_LOOKALIKES = re.compile(
    r"something else|look-?alikes?|similar (?:symptoms|signs|conditions)|mistaken for|other (?:conditions|illnesses|causes)|"
    r"differential|^ddx\b",
    re.IGNORECASE,
)
"""A heading over the illnesses the disease may be taken for ("Could it be something else?", a
clinician's "DDx")."""


def sentence_facts(page: Page, subject: Subject, section: Section, seg: Segment, about: bool) -> Iterator[Fact]:
    """Every relation one sentence states."""
    disease = subject.entity
    about = (about and not _of_a_treatment(section, seg)) or bool(_DISEASE_CELLS.search(seg.text))
    yield from _cells(page, subject, section, seg, about)
    yield from _anatomy(page, disease, section, seg, about)
    yield from _course(page, subject, seg, about)
    label = page.lead_ins.get(seg.start)
    labelled = label is not None and section_type(label) == "cause"  # an infobox's "Causes<TAB>gene changes"
    if about or labelled or section.type == "cause" or _SAYS_THE_CAUSE.match(seg.text):
        # (a causes section's sentences are about the disease, and so is "The cause is ...")
        yield from _cause(page, subject, seg, labelled=labelled)
        yield from _gene_changes(page, subject, seg, cued=labelled or section.type == "cause")
    # ("Call 999 or go to A&E if:" over "you or your child have swelling of the face": why to get help)
    advice = _under_advice(page, section, seg)
    if not advice and (
        section.type == "symptoms"
        or _SYMPTOM_SENTENCE.search(seg.text)
        or _in_story_of_signs(page, section, seg)
        or _signs_of_it(page, subject, seg)
        or _lists_signs(page, section, seg)
    ):
        yield from _prose_items(page, subject, seg, "symptom")
    elif not advice and section.type in ("page", "about", "other", "types", "who") and (about or _PEOPLE_WITH.search(seg.text)):
        yield from _signs_it_gives(page, subject, seg)
    # ("Causes and symptoms", typed by its signs, heads the causes too)
    causes_too = section.heading is not None and bool(_CAUSES_TOO.search(section.heading.text))
    if section.type in ("risk", "cause", "who", "page", "about", "other") or causes_too:
        if (
            _RISK_SENTENCE.search(seg.text)
            or (section.type == "risk" and (_LISTS_SOME.search(seg.text) or verbless(seg.text)))
            or (_SO_DO.match(seg.text) and any(_RISK_SENTENCE.search(s.text) for s in segment_before(section, seg)))
        ):
            yield from _prose_items(page, subject, seg, "risk-factor")
            yield from _factor_first(page, subject, seg)
            yield from _relatives_with_it(page, subject, seg)
        elif _CAN_CAUSE_CUE.search(seg.text):
            yield from _factor_first(page, subject, seg, causes=True)
        yield from _older_age(page, disease, seg)
        yield from _sex(page, disease, seg)
        yield from _groups_at_risk(page, disease, seg)


def _in_story_of_signs(page: Page, section: Section, seg: Segment) -> bool:
    """A sentence of a paragraph that tells how the signs came ("Looking back, the signs were there
    for about a month. I was wiped out by 2 p.m. every day. I got winded carrying groceries."): its
    signs are the disease's, as a list's would be."""
    if seg.line not in page.lines_matching(_TELLS_SIGNS):
        return False  # (no line of the page opens a story: nothing to look back for)
    line = seg
    for _ in range(_STORY_RUN):
        if _TELLS_SIGNS.search(line.text):
            return not _TREATED.search(seg.text)
        before = segment_before(section, line)
        if not before or before[0].line != seg.line or before[0].kind != "sentence":
            return False
        line = before[0]
    return False


_TELLS_SIGNS = re.compile(
    r"\blooking back\b|\b(?:the|his|her|my|our|their) (?:first )?(?:signs|symptoms) (?:were|had been) (?:all )?there\b|"
    r"\b(?:it|mine|his|hers|theirs|ours) (?:all )?(?:started|began) with\b|\bfirst noticed\b|"
    r"\bthe first (?:sign|thing (?:we|i|she|he|they) noticed)\b",
    re.IGNORECASE,
)
"""What opens a paragraph that tells how the signs came."""
_STORY_RUN = 8
"""How many sentences of a paragraph are looked back over for its opening."""


def _under_advice(page: Page, section: Section, seg: Segment) -> bool:
    """An unpunctuated line of the run under an advice lead-in whose list states no facts ("Call 999
    or go to A&E if:" over "you or your child have swelling of the face"): a reason to get help, as
    that list's items would be."""
    line = seg
    for _ in range(_ADVICE_RUN):
        if line.kind != "sentence" or line.text.rstrip()[-1:] in ".!?":
            return False
        before = segment_before(section, line)
        if not before:
            return False
        line = before[0]
        if line.kind == "lead-in":
            block = next((b for b in page.layout.lists if b.lead_in is not None and b.lead_in.start == line.start), None)
            return block is not None and bool(ADVICE.search(line.text)) and list_kind(block) is None
    return False


_ADVICE_RUN = 12
"""How many lines of a run under a lead-in are looked back over."""


def _if_you_have_it(page: Page, subject: Subject, seg: Segment) -> bool:
    """The condition is having the disease, or a form of it ("If you have T-cell ALL with a lump in
    the chest, you may also have a cough"): what follows are its signs, no advice."""
    comma = seg.text.find(",")
    return comma > 0 and _names_it(page, subject, seg.start, seg.start + comma)


def _signs_of_it(page: Page, subject: Subject, seg: Segment) -> bool:
    """The sentence says what it names first are signs of the page's disease ("Swollen lymph nodes
    and tiredness are among the signs of CLL", "Fever is a common symptom of it")."""
    said = _ARE_SIGNS_OF.search(seg.text)
    if said is None:
        return False
    of = seg.start + said.end()
    if _IT_OR_THIS.match(page.text, of):
        return True
    named = page.within(of, seg.end, "disease")
    return bool(named) and named[0].start - of <= 1 and names_subject(page, subject, named[0])


def _lists_signs(page: Page, section: Section, seg: Segment) -> bool:
    """A sentence whose list names three signs or more, no diseases counted, and whose words
    before it (before its colon, if it has one; else all its words) name no treatment, test, risk
    or negation ("What your father went through is typical: exhaustion, breathlessness and easy
    bruising, ..."; "Adults often go to a doctor because they feel tired or weak, get short of
    breath, have a fever, ...")."""
    colon = seg.text.find(": ")
    if colon < 0 and seg.text.count(",") < 2:
        return False  # (no enumeration)
    if _NOT_ITS_SIGNS.search(seg.text, 0, colon if colon >= 0 else len(seg.text)):
        return False  # (what comes before the colon says what the list is: not "side effects include:")
    if colon < 0 and _of_a_treatment(section, seg):
        return False  # "Chemotherapy is strong medicine. It can make your hair fall out, make you feel sick, ...": its effects
    start = seg.start + colon + 2 if colon >= 0 else seg.start
    signs = {m.text.lower() for m in page.within(start, seg.end, "symptom") if not page.lexicon.can_name(m, "disease")}
    return len(signs) >= _SIGNS_IN_A_LIST  # (not "four main types: ALL, AML, CLL and CML", which HPO has too)


_SIGNS_IN_A_LIST = 3


def _of_a_treatment(section: Section, seg: Segment) -> bool:
    """A sentence opening with a pronoun just after one that opens with a treatment ("Chemotherapy
    is strong medicine. It can make you feel sick"): the pronoun is the treatment, not the disease."""
    return bool(_PRONOUN_FIRST.match(seg.text)) and any(_TREATMENT_FIRST.match(s.text) for s in segment_before(section, seg))


_PRONOUN_FIRST = re.compile(r"\s*(?:it|this|these|they|that)\b", re.IGNORECASE)
_TREATMENT_FIRST = re.compile(
    r"\s*(?:(?:the|this|your|their|his|her|a|an)\s+)?(?:[\w-]+\s+){0,2}?(?:treatments?|therapy|chemo\w*|medicines?|drugs?|"
    r"transplants?|surgery|operation|radiotherapy|steroids?|side[ -]effects?)\b",
    re.IGNORECASE,
)


_ARE_SIGNS_OF = re.compile(
    r"\b(?:is|are)\s+(?:among\s+|one of\s+|some of\s+)?(?:the\s+|an?\s+)?(?:most\s+)?"
    r"(?:(?:common|main|usual|typical|early|first|classic|key|possible|frequent)\s+)?(?:signs?|symptoms?)\s+of\s+",
    re.IGNORECASE,
)
_IT_OR_THIS = re.compile(r"(?:it|this (?:disease|condition|illness|cancer|leuka?emia))\b", re.IGNORECASE)


def _signs_it_gives(page: Page, subject: Subject, seg: Segment) -> Iterator[Fact]:
    """Signs a sentence says the disease gives, or people with it have ("AML can cause bone pain
    and tiredness", "AML may make you feel tired, weak or dizzy", "Some children with AML have
    swollen gums or a skin rash"): the signs of the lexicon named after the verb."""
    if not page.within(seg.start, seg.end, "symptom"):
        return  # (only exact forms count: a sentence with none names no sign here)
    if _NOT_ITS_SIGNS.search(seg.text) or _NOT_SIGNS.search(seg.text) or _IF_YOU.search(seg.text):
        return
    named = _first_named(page, subject, seg)
    if named is None:
        return  # ("Anaemia can cause tiredness": another condition's sign)
    for gives in _GIVES.finditer(seg.text, named):
        stop = _CLAUSE_STOP.search(seg.text, gives.end())
        end = seg.start + (stop.start() if stop else len(seg.text))
        for mention in _unique(page.within(seg.start + gives.end(), end, "symptom")):
            if names_subject(page, subject, mention) or _part_of_name(page, subject, mention) or _a_cancer(page, mention, "symptom"):
                continue
            entity, how = page.entity(mention, "symptom")
            yield Fact("symptom", subject.entity, FACT_PREDICATES["symptom"], entity, (Span(seg.start, seg.end),), grounding=how)
        return


_GIVES = re.compile(
    r"\b(?:(?:can|may|might|often|usually|also|commonly|sometimes|will)\s+)*(?:cause|causes|give|gives|lead to|leads to|"
    r"make (?:you|people|children|them|a child|someone) (?:feel|look)|makes (?:you|people|children|them|a child|someone) (?:feel|look)|"
    r"have|has|get|gets|feel|feels|notice|develops?(?!\s+(?:from|in|into|when|over|because|after|as)\b))\s+",
    re.IGNORECASE,
)
_PEOPLE_WITH = re.compile(r"\b(?:people|children|kids|patients|adults|those|someone|babies|teenagers)\s+(?:with|who have)\b", re.I)
_IT_GIVES = re.compile(r"^\s*(?:it|this|the (?:disease|condition|illness|cancer|leuka?emia))\b", re.IGNORECASE)
_NOT_ITS_SIGNS = re.compile(
    r"treat|therap|chemo|side[ -]effects?|\bdrugs?\b|medicine|transplant|\btests?\b|\bscans?\b|biops|vaccin|infusion|"
    r"surgery|late effects|complication|later in life|risk|chance|more likely|\bnot\b|\bno\b|n't\b|\bnever\b",
    re.IGNORECASE,
)
"""Words of sentences whose verbs name no signs of the disease (treatment, tests, risk, negation)."""


def _cells(page: Page, subject: Subject, section: Section, seg: Segment, about: bool) -> Iterator[Fact]:
    """Cells a sentence about the disease says it starts in, affects, makes too many or too few of,
    or crowds out; a cell that names a form of the disease counts too where the sentence says
    what forms there are ("ALL can be B-cell ALL or T-cell ALL"; not "In T-cell ALL a mass can form")."""
    subtypes = [  # "B-cell ALL", "T-cell ALL": a form of the disease named by its cell
        m for m in page.within(seg.start, seg.end, "disease")
        if any(abbr in m.text for abbr, _ in subject.abbreviations) or _kind_of_subject(page, subject, m)
    ]
    if subtypes and not (section.type == "types" or _FORMS.search(seg.text) or _FORMS.search(page.lead_ins.get(seg.start, ""))):
        subtypes = []
    cells = [c for m in subtypes for c in page.mentions.nested(m.start, m.end, "cell-type")]
    # "B-cell ALL": the cell right before the disease's own name or abbreviation
    named = {m.start for m in subtypes}
    if named:
        cells += [
            c for c in page.within(seg.start, seg.end, "cell-type")
            if page.text[c.end : c.end + 1] == " " and c.end + 1 in named
        ]
    if about or section.type in ("about", "symptoms", "types", "page", "cause", "other"):
        named = [
            *page.within(seg.start, seg.end, "cell-type"),
            *(c for d in page.within(seg.start, seg.end, "disease") for c in page.mentions.nested(d.start, d.end, "cell-type")),
        ]
        tied = about or section.type == "types" or _IT_STARTS.search(seg.text)  # "means it affects lymphocytes"
        if named and (_ILLNESS_CELL_CUE.search(seg.text) or (tied and _CELL_CUE.search(seg.text))):
            healthy = [  # "the bone marrow, where blood cells are made": what the marrow does, no cell of the disease
                (seg.start + m.start(), seg.start + m.end())
                for m in _MARROW_MAKES.finditer(seg.text)
                if not _ILLNESS_CELL_CUE.search(m.group())
            ] + [  # "the white blood cells and platelets are usually made in normal numbers": cells it spares
                (seg.start + max(seg.text.rfind(mark, 0, m.start()) for mark in ":;(,"), seg.start + m.start())
                for m in _SPARED.finditer(seg.text)
            ]
            cells.extend(
                c for c in named
                if not any(a <= c.start < b for a, b in healthy) and not _ATTACKS.match(page.text, c.end, seg.end)
            )
    for mention in _unique(cells):
        entity, how = page.entity(mention, "cell-type")
        yield Fact("cell-type", subject.entity, "allkg:affectsCellType", entity, (Span(seg.start, seg.end),), grounding=how)
    if about or section.type in ("about", "types", "page", "cause", "other"):
        for lining in _LINING_CELLS.finditer(seg.text):  # "starts in the cells that line the stomach"
            at = seg.start + lining.start()
            named = any(c.start < at + 5 <= c.end for c in page.within(max(seg.start, at - 40), at + 5, "cell-type"))
            if _BEGINS_IN.search(seg.text, 0, lining.start()) and not named:  # (not "the urothelial cells that line ...")
                entity = page.ungrounded(" ".join(lining.group("cells").split()), "cell-type")
                yield Fact("cell-type", subject.entity, "allkg:affectsCellType", entity, (Span(seg.start, seg.end),),
                           grounding="ungrounded")


_LINING_CELLS = re.compile(
    r"\b(?P<cells>cells\s+(?:that|which)\s+line\s+(?:the\s+|its\s+|their\s+)?(?:inside\s+of\s+(?:the\s+)?)?[a-z]+(?:\s+(?!and\b|or\b|in\b|is\b|are\b)[a-z]+)?|"
    r"cells\s+in\s+the\s+(?:inner\s+)?lining\s+of\s+(?:the\s+)?[a-z]+(?:\s+or\s+(?:the\s+)?[a-z]+)?)\b",
    re.IGNORECASE,
)
"""The cells an organ is lined with, as a page names the cells a cancer starts in ("the cells that line
the stomach", "cells in the lining of the colon or rectum"): no term of CL, kept in the page's words."""
_BEGINS_IN = re.compile(r"\b(?:starts?|begins?|develops?|arises?|forms?)\b|\b(?:happens?|occurs?|starts?)\s+when\b", re.IGNORECASE)


def lead_in_cells(page: Page, subject: Subject) -> Iterator[Fact]:
    """Cells a list's lead-in says the disease leaves too few of or crowds out ("Symptoms from too
    few red blood cells:"), and the items of a lead-in that ends naming what is no longer made
    ("... push out the normal cells that make:" over "red blood cells", "platelets")."""
    for block in page.layout.lists:
        lead = block.lead_in
        if lead is None or lead.boilerplate or block.section.type not in CONTENT_SECTIONS:
            continue
        cue = _ILLNESS_CELL_CUE.search(lead.text)
        if cue is None:
            continue
        named = list(page.within(lead.start, lead.end, "cell-type"))
        if _MAKES_THESE.search(lead.text):
            named += [c for item in block.items for c in page.within(item.start, item.end, "cell-type")]
        for mention in _unique([m for m in named if m.start >= lead.start + cue.start() or m.start > lead.end]):
            entity, how = page.entity(mention, "cell-type")
            yield Fact("cell-type", subject.entity, "allkg:affectsCellType", entity, (Span(lead.start, lead.end),), grounding=how)


_MAKES_THESE = re.compile(
    r"\b(?:(?:make|makes|produce|produces|making|producing)(?:\s+enough)?(?:\s+of)?|too few|not enough|fewer|short of)\s*:\s*$",
    re.IGNORECASE,
)
"""A lead-in that ends naming what the marrow makes, or what there is too little of ("so the child has
too few:"): its items are those cells."""
_ATTACKS = re.compile(
    r"\s+(?:(?:that|which|who)\s+)?(?:mistakenly\s+|wrongly\s+|then\s+|may\s+|can\s+)?"
    r"(?:attack|damage|destroy|kill|harm|target)s?\b",
    re.IGNORECASE,
)
"""Cells that do the harm ("T cells damage the stem cells"): the disease's agents, not the cells it affects."""
_SPARED = re.compile(
    r"\b(?:are|is|stay|stays|remain|remains)\s+(?:usually\s+|often\s+|generally\s+|still\s+)?"
    r"(?:made in normal (?:numbers|amounts)|normal\b|not affected|unaffected|spared)",
    re.IGNORECASE,
)
"""Cells the disease leaves alone, said in the clause that names them."""
_MARROW_MAKES = re.compile(
    r"\b(?:where|in which)\s+(?:[\w-]+\s+){0,4}?(?:are|is|get|gets)\s+(?:made|produced|formed|created|born)\b|"
    r"\b(?:marrow|bones?|tissue|factory)\b,?\s+(?:which|that)\s+(?:makes?|produces?|forms?|creates?)\b[^.;:()]*|"
    r"\b(?:which|that|who)\s+(?:would\s+|should\s+)?normally\s+(?:develop|grow|mature|turn|become)\w*(?:\s+up)?\s+into\b[^.;:()]*",
    re.IGNORECASE,
)
"""A clause that says what a place makes in health ("the marrow, where blood cells are made",
"the marrow, which makes red cells, white cells and platelets")."""
_FORMS = re.compile(
    r"\b(?:types?|kinds?|subtypes?|forms? of|(?:two|three|main|different) forms|either|can be|is called|are called|"
    r"most (?:cases|people|adults|children) have)\b",
    re.IGNORECASE,
)
"""A sentence that says what forms the disease takes ("Most adults have B-cell ALL")."""


_THOSE_IN = re.compile(r"\b(?:those|the ones|ones)\s+(?:in|of|around|near)\s+(?:the\s+|your\s+)?(?:[\w-]+,?\s+(?:or\s+|and\s+)?){0,6}?$", re.IGNORECASE)
_LANDMARK = re.compile(
    r"\b(?:sits?|lies|lie|is located|are located|is situated|are situated)\b[^.;]*?"
    r"\b(?:between|behind|in front of|under|underneath|below|above|next to|near|beside)\s+(?:[\w-]+\s+){0,6}?$",
    re.IGNORECASE,
)
"""What an organ's position is given by ("The thymus sits in the front of the chest, between the breastbone and
the windpipe"): landmarks, no place of the disease."""


def _kind_of_subject(page: Page, subject: Subject, mention: Mention) -> bool:
    """The mention names a subtype of the page's disease ("T-cell acute lymphoblastic leukemia")."""
    grounding = page.lexicon.ground(mention, "disease")
    if grounding is None or subject.entity.concept is None:
        return False
    return bool(page.lexicon.ancestors(grounding.concept) & page.lexicon.curies(subject.entity.concept))


def _anatomy(page: Page, disease: Entity, section: Section, seg: Segment, about: bool) -> Iterator[Fact]:
    """Where a sentence about the disease says it is, starts or spreads ("a cancer of the blood",
    "In ALL, the bone marrow makes...", "spread to the liver, spleen"); not a body part inside a
    symptom ("pain in the bones", "swollen lymph nodes"), in a definition's gloss ("bone
    marrow, the spongy tissue inside bones"), or named for a test or a treatment."""
    if section.type not in ("page", "about", "types", "cause", "who", "symptoms", "other"):
        return
    spread = _SPREAD.search(seg.text) and not _TREATED.search(seg.text)  # ("radiotherapy can affect the glands")
    spread = spread and not _FLUID_FIRST.match(seg.text)  # ("Fluid may collect around the lungs": a sign, not where it spreads)
    if not (spread or (about and section.type != "symptoms")):
        return  # (in a section on the signs, a body part is where a sign is, unless the disease spreads there)
    if _of_the_body(page, seg):
        return
    chosen: list[Mention] = []
    previous: Mention | None = None
    gloss_until = -1
    pressed = _PRESSES_ON.search(seg.text)  # "It can press on the big vein that drains the head": what it pushes on is no place of it
    for mention in page.within(seg.start, seg.start + pressed.start() if pressed else seg.end):
        place = page.lexicon.ground(mention, "anatomy")
        if place is None:
            if page.lexicon.ground(mention, "symptom") is not None:
                previous = mention
                if _A_MASS_IN.match(mention.text):  # "a mass in the chest": the disease's own lump, where it is
                    chosen.extend(page.mentions.nested(mention.start, mention.end, "anatomy"))
            continue
        if page.lexicon.ancestors(place.concept) & _SECRETIONS:
            continue  # "thick mucus", "salty sweat": what the body makes, no place the disease is
        between = page.text[previous.end : mention.start] if previous is not None else ""
        symptom_site = (  # "pain in the bones", "lumps in the neck", "bleeding from the gums"
            previous is not None
            and previous not in chosen
            and _SITE_OF.fullmatch(between) is not None
            and page.lexicon.ground(previous, "symptom") is not None
        )
        procedure = _PROCEDURE.match(page.text, mention.end, seg.end)
        served = _SERVED.search(page.text, seg.start, mention.start)  # "cells that help the immune system"
        served = served or _AGENT.match(page.text, mention.end, seg.end)  # "the immune system attacks"
        # "In lupus the immune system ... makes antibodies": the system pages tell as an actor is a place only where it is affected
        served = served or (_ACTOR.search(mention.text) is not None and not _AFFECTS_BEFORE.search(page.text, seg.start, mention.start))
        sign_part = _SIGN_AFTER.match(page.text, mention.end, seg.end)  # "bone or joint pain"
        if sign_part and not any(
            m.start == sign_part.end() and page.lexicon.ground(m, "symptom") is not None
            for m in page.within(mention.end, seg.end)
        ):
            sign_part = None
        before_birth = _IN_THE_WOMB.match(page.text, max(seg.start, mention.start - 12), mention.end) and _BEFORE_BIRTH.search(seg.text)
        # "The thymus sits in the front of the chest, between the breastbone and ...": (a bounded look back)
        landmark = _LANDMARK.search(page.text, max(seg.start, mention.start - 160), mention.start)
        # "lymph nodes ..., such as those in the neck, armpits, or groin": where those nodes are, no places of their own
        landmark = landmark or _THOSE_IN.search(page.text, max(seg.start, mention.start - 60), mention.start)
        if mention.start >= gloss_until and not (symptom_site or procedure or served or sign_part or before_birth or landmark):
            chosen.append(mention)
            around = _AROUND.search(mention.text)
            if around:  # "the fluid around the brain and spinal cord": there too
                chosen.extend(page.mentions.nested(mention.start + around.end(), mention.end, "anatomy"))
            opening = _OPENING_PLACE.fullmatch(page.text, seg.start, mention.start)  # "From the bone marrow, the cells ..."
            gloss = _GLOSS_START.match(page.text, mention.end, seg.end) if opening is None else None
            listed = gloss is not None and any(  # "the bone marrow, the blood and the spleen": a list, no gloss
                m.start == _skip_space(page.text, gloss.end()) and _LIST_GOES_ON.match(page.text, m.end, seg.end)
                for m in page.within(gloss.end(), seg.end, "anatomy")
            )
            if gloss and not listed:
                gloss_until = _gloss_end(page.text, gloss.end(), seg.end)
        previous = mention
    for mention in _unique(chosen):
        entity, how = page.entity(mention, "anatomy")
        yield Fact("anatomy", disease, "allkg:hasLocation", entity, (Span(seg.start, seg.end),), grounding=how)


_ACTOR = re.compile(r"\bimmune system$", re.IGNORECASE)
_AFFECTS_BEFORE = re.compile(
    r"\b(?:affects?|affecting|affected|disorders?|diseases?|illness(?:es)?|conditions?|cancers?|problems?|starts?|begins?)\b"
    r"(?:\s+[\w,'’-]+){0,12}\s+$",
    re.IGNORECASE,
)
"""Words before the immune system that say the disease is in it ("It mainly affects the cerebellum ... and the
immune system", "a disorder of the immune system")."""
_FLUID_FIRST = re.compile(r"\s*(?:some\s+)?(?:fluid|blood|pus|air|urine|bile|mucus)\b", re.IGNORECASE)
"""A body fluid a sentence opens with: what collects or builds up is it, not the disease."""
_AROUND = re.compile(r"\b(?:around|surround(?:s|ing)?|cover(?:s|ing)?)\b", re.IGNORECASE)
"""A place named by the places it surrounds ("the fluid around the brain and spinal cord")."""
_A_MASS_IN = re.compile(r"(?:an?\s+)?(?:mass|lump|tumou?r)\s+(?:in|of)\b", re.IGNORECASE)
_PRESSES_ON = re.compile(
    r"\b(?:press|presses|pressing|push|pushes|pushing|squeez\w*)\s+(?:on|against|into)\b|"
    r"\b(?:squeeze|squeezes|squeezing|compress|compresses|compressing|block|blocks|blocking)\s+(?:the|a|an|your)\b",
    re.IGNORECASE,
)
"""What a mass presses on or squeezes ("It can also squeeze the superior vena cava"): no place of the disease."""


def _of_the_body(page: Page, seg: Segment) -> bool:
    """A sentence about a body part as it is, naming no illness: "The bladder is a hollow organ in
    the pelvis", "Urine is made by the kidneys and travels down two tubes" (no place of the disease)."""
    first = next(iter(page.within(seg.start, seg.end)), None)
    return (
        first is not None
        and _ONLY_ARTICLE.fullmatch(page.text, seg.start, first.start) is not None
        and page.lexicon.ground(first, "anatomy") is not None
        and not page.within(seg.start, seg.end, "disease")
        and not _ILLNESS_WORDS.search(seg.text)
    )


_ONLY_ARTICLE = re.compile(r"\s*(?:(?:the|your|our|a|an)\s+)?", re.IGNORECASE)
_ILLNESS_WORDS = re.compile(
    r"\b(?:cancers?|tumou?rs?|leuka?emi\w*|lymphomas?|blasts?|disease|illness|condition|it|its|involve\w*|affected|spread\w*)\b|"
    + _ILLNESS_CELL_CUE.pattern,
    re.IGNORECASE,
)
"""Words that make a sentence about a body part a sentence about the illness in it."""
_IN_THE_WOMB = re.compile(r".*\bin (?:the|her|its|their|a|the mother's) (?:womb|uterus)$", re.IGNORECASE | re.DOTALL)
_BEFORE_BIRTH = re.compile(r"\b(?:baby|babies|unborn|born|birth|pregnan\w*|developing|growing)\b", re.IGNORECASE)
"""A time, not a place: "while the baby is still developing in the womb"."""
_OPENING_PLACE = re.compile(r"\s*(?:from|in|inside|within|outside|once in)\s+(?:the\s+|your\s+)?", re.IGNORECASE)
"""A sentence's opening phrase of place: the comma after it ends the phrase, it opens no gloss."""
_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|or\b|\.|;|$)")


def _skip_space(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _gloss_end(text: str, start: int, end: int) -> int:
    """Where a gloss (", the spongy tissue inside bones where blood cells are made") ends."""
    match = re.compile(r"[).;]|,\s+(?:and|but|so|which)\b").search(text, start, end)
    return match.start() if match else end


def _course(page: Page, subject: Subject, seg: Segment, about: bool) -> Iterator[Fact]:
    """The course the page explains ("acute" because it progresses rapidly; "chronic" because it
    develops slowly), and its words on progression. A disease named acute (or chronic) has no
    other course."""
    found_by = {_RAPID: _RAPID.search(seg.text), _SLOW: _SLOW.search(seg.text)}
    if not any(found_by.values()):
        return
    name = subject.entity.label.lower()
    speeds = list(_OF_ITSELF.finditer(seg.text))
    named = _first_named(page, subject, seg) if speeds else None
    # how fast the disease goes, said of it: named before, not of its cells, one speed ("some kinds grow slowly, others quickly")
    of_itself = (
        named is not None
        and len({_RAPID.search(m.group()) is not None for m in speeds}) == 1
        and named <= speeds[0].start()
        and not re.search(r"\bcells?\b", seg.text[named : speeds[0].start()], re.IGNORECASE)
    )
    for cue, word, opposite in ((_RAPID, "acute", "chronic"), (_SLOW, "chronic", "acute")):
        found = found_by[cue]
        if found is None or opposite in name or _NEGATED.search(seg.text[: found.start()][-25:]):
            continue
        stated = re.search(rf"\b{word}\b", seg.text, re.IGNORECASE | re.DOTALL)
        # (a disease that grows fast, "a fast-growing cancer", "comes on suddenly", is acute; one that develops slowly, chronic)
        said = about or _COURSE_SUBJECT.search(seg.text)
        plain = of_itself and not ADVICE.search(seg.text) and not _IF_YOU.search(seg.text)
        if not (stated or (said and (word in name or plain))):
            continue
        grounding = page.lexicon.lookup(word, "course")
        span = Span(seg.start, seg.end)
        if grounding is not None:
            yield Fact("course", subject.entity, "allkg:hasCourse", _entity(grounding), (span,), grounding=grounding.scope)
        yield Fact("natural-progression", subject.entity, "allkg:naturalProgression", Text(_progression(seg.text)), (span,))


def _cause(page: Page, subject: Subject, seg: Segment, *, labelled: bool = False) -> Iterator[Fact]:
    """The cause ("occurs when a bone marrow cell develops mutations"), its cell, and whether
    what causes it is known."""
    disease = subject.entity
    cuts = [(c.start(), c.end()) for c in _CLAUSE_CUT.finditer(page.text, seg.start, seg.end)]
    causes = [  # (a hedge says nothing of the other clauses: "a genetic change happens before birth, and a
        # second later, possibly set off by an infection")
        m for m in page.within(seg.start, seg.end, "cause") if not _HEDGED.search(page.text, *_clause_around(seg, cuts, m))
    ]
    span = Span(seg.start, seg.end)
    if not causes:
        damaged = _DNA_DAMAGED.search(seg.text) if _CAUSE_CUE.search(seg.text) or labelled else None
        grounding = page.lexicon.lookup("DNA damage", "cause") if damaged else None
        if grounding is not None:  # "ALL happens when the DNA inside a developing white blood cell is damaged"
            yield Fact("cause", disease, "allkg:hasCause", concept_entity(grounding.concept), (span,), grounding="curated")
            return
        yield from _agent(page, subject, seg)
        return
    opening = _IN_IT.match(seg.text)  # "In ALL, changes in the genes of a developing cell stop it from maturing"
    leads = opening is not None and causes[0].start == seg.start + opening.end()
    if labelled or leads or _CAUSE_CUE.search(seg.text):
        cells = page.within(seg.start, seg.end, "cell-type")
        for mention in _unique(causes):
            cause, how = page.entity(mention, "cause")
            yield Fact("cause", disease, "allkg:hasCause", cause, (span,), grounding=how)
            for cell in _unique([c for c in cells if c.end <= mention.start]):
                cell_entity, cell_how = page.entity(cell, "cell-type")
                yield Fact("cause", cause, "allkg:originCellType", cell_entity, (span,), grounding=cell_how)
                # (the cell the change happens in is a cell the disease starts in)
                yield Fact("cell-type", disease, "allkg:affectsCellType", cell_entity, (span,), grounding=cell_how)
    if _UNKNOWN_CAUSE.search(seg.text):
        for mention in _unique(causes):
            yield Fact("cause", page.entity(mention, "cause")[0], "allkg:originKnown", Flag(False), (span,))


def _gene_changes(page: Page, subject: Subject, seg: Segment, *, cued: bool) -> Iterator[Fact]:
    """A change in a named gene or chromosome that the sentence says causes the disease ("It is
    caused by a change (variant) in the NF1 gene", "the cells contain the Philadelphia chromosome",
    "a new fusion gene, BCR-ABL1"), in the page's words: no ontology of ours names genes, so the
    gene's symbol is kept as written."""
    if not _GENE_WORD.search(seg.text) or not (cued or _CAUSE_CUE.search(seg.text) or _IS_CAUSED_BY.search(seg.text)):
        return
    if _HEDGED.search(seg.text) or _RISK_SENTENCE.search(seg.text) or _UNKNOWN_CAUSE.search(seg.text):
        return  # ("inherited changes in genes called ALK raise the risk": a risk factor, not the cause)
    if OUTLOOK.search(seg.text) or _GUIDES_TREATMENT.search(seg.text):
        return  # ("Some changes, such as the Philadelphia chromosome, affect which treatment you have")
    for phrase in _named_gene_changes(subject, seg.text):
        span = Span(seg.start, seg.end)
        yield Fact("cause", subject.entity, "allkg:hasCause", page.ungrounded(phrase, "cause", as_written=True), (span,),
                   grounding="ungrounded")


def _named_gene_changes(subject: Subject, text: str) -> list[str]:
    """The changes in named genes or chromosomes a sentence states, as it words them (one per
    gene; not "no change in IDH"; a fusion gene by its name alone)."""
    acronyms = {a for a, _ in subject.abbreviations}
    said: set[str] = set()
    found = []
    for change in _GENE_CHANGE.finditer(text):
        symbols = [s for s in (change.group("symbol"), change.group("before"), change.group("fused")) if s]
        named = change.group("named")
        if not (symbols or named) or any(s in acronyms or s in _NOT_GENES or s in said for s in symbols) or named in said:
            continue
        said.update(symbols or [named])
        if not _NO_CHANGE.search(text, 0, change.start()):  # (its digits are the gene's: "TP53", no footnote)
            found.append(change.group("fused") or _LEADING_ARTICLE.sub("", change.group()).strip())
    return found


_GUIDES_TREATMENT = re.compile(r"\b(?:affects?|decides?|guides?|changes?)\s+(?:which|what|the)\s+(?:\w+\s+)?treatments?\b", re.IGNORECASE)
_SYMBOL = r"(?:[A-Z][A-Z0-9]{1,6}[0-9]|[A-Z]{3,7})(?:(?:[-–]|::)[A-Z0-9]{2,8})?"
"""A gene's symbol as pages write it ("NF1", "BRAF", "JAK2", "ETV6-RUNX1"): capitals, often a digit."""
_GENE_CHANGE = re.compile(
    rf"\b(?:(?:an?|the|one|two)\s+)?(?:(?i:harmful|inherited|acquired|faulty|small|new|specific|activating|inactivating|somatic|germline)\s+)?"
    rf"(?:change|mutation|variant|fault|alteration|defect|error|mistake|deletion)s?(?:\s*\([^()]{{1,40}}\))?\s+"
    rf"(?:in|to|of|on|affecting)\s+(?:one\s+(?:copy\s+)?of\s+)?(?:the\s+|a\s+|an\s+|their\s+|its\s+)?"
    rf"(?:genes?\s+(?:called|named|known as)\s+)?(?P<symbol>{_SYMBOL})(?:\s+genes?)?\b"
    rf"|\b(?:an?\s+)?(?:faulty\s+|changed\s+|mutated\s+)?(?P<before>{_SYMBOL})(?:\s+gene)?\s+"
    rf"(?:mutation|change|variant|fault|fusion|rearrangement)s?\b"
    rf"|\b(?:fusion|fused|abnormal|new)\s+gene(?:,|\s+(?:called|named|known as))?\s+(?P<fused>{_SYMBOL}(?:::[A-Z0-9]{{2,8}})?)"
    rf"|\b(?:the\s+)?(?P<named>Philadelphia\s+chromosome\b(?![-\s]*(?:positive|negative|like)\b)|t\(\d{{1,2}};\s?\d{{1,2}}\)"
    rf"(?:\s+translocation)?)"
)
_GENE_WORD = re.compile(
    r"\b(?:genes?|mutations?|changes?|variants?|faults?|alterations?|defects?|errors?|mistakes?|chromosomes?|fusions?|"
    r"rearrangements?|translocations?)\b|\bt\(\d",
    re.I,
)
"""A word every gene change's phrase holds: a sentence without one is not searched further."""
_NOT_GENES = frozenset({"DNA", "RNA", "ALL", "AML", "CLL", "CML", "MDS", "HIV", "NHS", "USA", "UK", "GP", "ABO"})
"""Capitals that name no gene."""
_LEADING_ARTICLE = re.compile(r"^(?:an?|the|one)\s+", re.IGNORECASE)
_NO_CHANGE = re.compile(r"\b(?:no|not|without|never)\s+$", re.IGNORECASE)


def _agent(page: Page, subject: Subject, seg: Segment) -> Iterator[Fact]:
    """What a sentence says the disease itself is caused by, in words no ontology of ours has
    ("Glandular fever is caused by the Epstein-Barr virus"): kept as the page words it."""
    caused = _IS_CAUSED_BY.search(seg.text)
    if caused is None or _HEDGED.search(seg.text) or _UNKNOWN_CAUSE.search(seg.text):
        return
    if _named_gene_changes(subject, seg.text):
        return  # ("caused by a harmful change in a gene called TP53": the gene change says it)
    if re.search(r"\b(?:not|no|never)\b|n't\b", seg.text[: caused.start()], re.IGNORECASE):
        return  # ("there is no good evidence that it is caused by vaccines")
    before = seg.start + caused.start()
    named = [m for m in page.within(seg.start, before, "disease") if names_subject(page, subject, m)]
    said_of_it = bool(named) and len(page.text[seg.start : named[0].start].split()) <= 2 and not _NAMED_OTHERWISE.search(
        page.text, named[-1].end, before
    )  # the disease is what the sentence is about ("ALL is caused by", not "Most signs of ALL are caused by")
    if not said_of_it and not _IT.match(seg.text):
        return  # ("Rarely, similar symptoms can be caused by something more serious")
    agent = _LEADING_WORDS.sub("", caused.group("agent").strip())
    within = page.within(seg.start + caused.start("agent"), seg.start + caused.end("agent"), "disease")
    named_itself = not _ORGANISM.search(agent) and any(names_subject(page, subject, m) for m in within)
    organism = _ORGANISM_CALLED.match(agent)
    if organism:  # "infection with a virus called human herpesvirus 8": the organism is named
        agent = organism.group("name")
    if 1 <= len(agent.split()) <= 6 and not _VAGUE_AGENT.match(agent) and not named_itself:
        entity = page.ungrounded(agent, "cause", as_written=True)
        yield Fact("cause", subject.entity, "allkg:hasCause", entity, (Span(seg.start, seg.end),), grounding="ungrounded")


_IS_CAUSED_BY = re.compile(
    r"(?:\b(?:is|are)|(?<=\w)['’]s)\s+(?:usually\s+|mostly\s+|mainly\s+|often\s+|always\s+)?"
    r"(?:an?\s+\w+\s+|an?\s+(?:[\w-]+,?\s+){0,4}(?:illness|infection|disease|condition|disorder)\s+)?caused\s+by\s+"
    r"(?P<agent>[^,.;:()]{3,60}?)(?=\s*(?:[,.;:()]|\s(?:which|that|and|or|when|who)\b|$))",
    re.IGNORECASE,
)
_NAMED_OTHERWISE = re.compile(r"[^()\s]\s*,|\b(?:with|in|of|from|like|and)\b", re.IGNORECASE)
"""Words between the disease's name and "is caused by" that make another thing the subject."""
_IT = re.compile(r"\s*(?:it|this)(?:\s+(?:is|are)\b|['’]s\b)", re.IGNORECASE)
_ORGANISM = re.compile(r"\b(?:virus|bacteri(?:um|a)|fung(?:us|i)|parasites?|germs?)\b", re.IGNORECASE)
"""What names a germ: a disease's name in it is the germ's ("the measles virus", "Bordetella pertussis")."""
_ORGANISM_CALLED = re.compile(
    r"^(?:(?:an?\s+)?infection\s+with\s+)?(?:an?\s+|the\s+)?(?:virus|bacteri(?:um|a)|fung(?:us|i)|parasite|germ)\s+"
    r"(?:called|named|known as)\s+(?P<name>\S.*)$",
    re.IGNORECASE,
)
_VAGUE_AGENT = re.compile(r"(?:something|things|many|several|a number|other|different|various|changes?\b)", re.IGNORECASE)


def _clause_around(seg: Segment, cuts: list[tuple[int, int]], mention: Mention) -> tuple[int, int]:
    """The clause of a sentence a mention stands in, given where the sentence is cut into clauses
    (", and", ", but", ";"), in order."""
    from bisect import bisect_right

    after = bisect_right(cuts, (mention.start, mention.start))  # the first cut starting at or after the mention
    start = cuts[after - 1][1] if after > 0 and cuts[after - 1][1] <= mention.start else seg.start
    end = next((a for a, _ in cuts[after:] if a >= mention.end), seg.end)
    return start, end


_CLAUSE_CUT = re.compile(r",\s+(?:and|but|while|whereas)\b|;")


def _resemblance(page: Page, subject: Subject, seg: Segment) -> Iterator[Fact]:
    """Other diseases the symptoms look like ("Many signs of ALL look like those of the flu")."""
    lowered = seg.text.lower()
    if not page.within(seg.start, seg.end, "disease") and not any(word in lowered for word in _TAKEN_FOR_WORDS):
        return  # (the pattern is long: asked only where another illness is named, or one is taken for another)
    if not any(word in lowered for word in _RESEMBLANCE_WORDS):
        return
    for cue in _RESEMBLES.finditer(seg.text):  # ("put down to a virus, and ... treated for an irritable hip first")
        yield from _taken_for(page, subject, seg, cue)


_LEADS_TO = re.compile(r"\b(?:lead|leads|led) to\b|\bresult in\b|\bcomplications?\b", re.IGNORECASE)
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|where)\b", re.IGNORECASE)
"""A clause that says more of the illness before it, naming no look-alike of its own."""


def _taken_for(page: Page, subject: Subject, seg: Segment, cue: re.Match[str]) -> Iterator[Fact]:
    """What one resemblance cue of a sentence says the disease or its signs look like, or were taken for."""
    said_of = page.text[seg.start : seg.start + cue.start()]
    if cue.group().lower().endswith("such as") and _RISK_SENTENCE.search(seg.text):
        return  # "Rarer conditions such as ataxia telangiectasia also raise the risk": risk factors, no look-alikes
    if cue.group().lower().endswith("such as") and _LEADS_TO.search(said_of):
        return  # "It can lead to problems such as an ear infection": complications, no look-alikes
    if _NOT_TO_BE.search(said_of):
        return  # "not to be confused with Fanconi syndrome": another disease of a like name, no look-alike
    signs = re.search(r"\bsymptoms?\b|\bsigns?\b|\bthese\b|\bthey\b|\bthis\b|\bcomplaints\b", said_of, re.IGNORECASE)
    signs = signs or page.within(seg.start, seg.start + cue.start(), "symptom")  # "A swollen tummy is put down to"
    if not signs and re.search(r"\bcells?\b", said_of, re.IGNORECASE):
        return  # "the red blood cells ... look like a C-shaped tool": how cells look, no illness's likeness
    if _MISTAKEN.match(cue.group()):
        pass  # "Many were told at first they had a chest infection": taken for another illness
    elif _CAUSED_TOO.match(cue.group()):
        if not signs:
            return  # "It can be caused by X" says what causes the disease; "These signs can be caused by X" what else does
    elif not signs and not re.search(r"\bit\b", said_of, re.IGNORECASE) and not _names_it(page, subject, seg.start, seg.start + cue.start()):
        return  # what looks like another disease is the page's disease or its signs ("Early NHL can feel like")
    span = (Span(seg.start, seg.end),)
    clause = _RELATIVE_CLAUSE.search(seg.text, cue.end())  # "an underactive thyroid, which is common in Down's syndrome"
    end = seg.start + clause.start() if clause else seg.end
    for mention in _unique(page.within(seg.start + cue.start(), end, "disease")):
        if names_subject(page, subject, mention):
            continue
        entity, how = page.entity(mention, "disease")
        yield Fact("resemblance", subject.entity, "allkg:symptomsResemble", entity, span, grounding=how)
    if _TAKEN_FOR.search(cue.group()):
        aside = _ASIDE_OPENS.search(said_of)  # "acute chest syndrome, which resembles pneumonia, and ...": to its comma
        comma = page.text.find(",", seg.start + cue.end(), end) if aside else -1
        for entity, how in _lay_illnesses(page, seg.start + cue.end(), comma if comma >= 0 else end):
            yield Fact("resemblance", subject.entity, "allkg:symptomsResemble", entity, span, grounding=how)


def _lay_illnesses(page: Page, start: int, end: int) -> Iterator[tuple[Entity, str]]:
    """The illnesses a clause that names what the disease was taken for lists in lay words no
    ontology has ("put down to growing pains or a sports injury"): each short noun phrase of its
    enumeration that names no disease of the lexicon, as written."""
    said = _SAID_THEY_HAD.match(page.text, start, end) or _TO_BE.match(page.text, start, end)
    start = said.end() if said else start  # "assumed at first that they had ...", "thought at first to be ..."
    stop = _CLAUSE_STOP.search(page.text, start, end)
    for part in parts_of_span(page, start, stop.start() if stop else end, "disease"):
        words = part.text.split()
        if page.within(part.start, part.end, "disease") or not 1 <= len(words) <= 4 or _NOT_A_NOUN_PHRASE.search(part.text):
            continue
        if words[0].lower() in ("to", "with", "without"):
            continue  # "told it was a virus and to rest": what to do; "like a cold or flu, with:": what it comes with
        phrase = _LEADING_WORDS.sub("", _ADVERB.sub("", _FIRST.sub("", part.text)))
        if phrase:
            yield page.ungrounded(phrase, "disease"), "ungrounded"


_TO_BE = re.compile(r"\s*(?:to be|to have been|as being)\s+", re.IGNORECASE)
_NOT_TO_BE = re.compile(r"\bnot (?:to be |be )?$|\bdo(?:es)? not\s+$|\bdon['’]t\s+$", re.IGNORECASE)
_FIRST = re.compile(r"\s+(?:first|at first|initially)$", re.IGNORECASE)
"""("treated for an irritable hip first")"""
_ADVERB = re.compile(r"^(?:even|just|simply|only|sometimes|often|usually|probably)\s+", re.IGNORECASE)


def _risk_clause(text: str) -> str:
    """A risk sentence up to a contrast that follows its cue ("... have a higher risk, but most
    patients don't have any risk factor at all"): what the contrast says is not said of the factors."""
    cue = _RISK_SENTENCE.search(text)
    contrast = _CONTRAST.search(text, cue.end()) if cue else None
    return text[: contrast.start()] if contrast else text


_CONTRAST = re.compile(r"[,;]\s*(?:but|although|though|however|whereas|yet)\b", re.IGNORECASE)
_LINK_DENIED = re.compile(
    r"\bno (?:clear |known |proven |strong |good )?(?:link|evidence|connection)\b|\bnot (?:been )?(?:clearly |proven to be )?(?:linked|shown|proven)\b|"
    r"\bnot (?:a )?(?:known |proven )?cause\b",
    re.IGNORECASE,
)
"""A contrast that takes the link back for this disease ("..., but there is no clear link with ALL")."""


def _prose_items(page: Page, subject: Subject, seg: Segment, kind: str) -> Iterator[Fact]:
    """Symptoms or risk factors a sentence lists ("people may also have headaches, seizures (fits),
    vomiting or blurred vision"): the parts of its enumeration that name one, and its other mentions."""
    advice = ADVICE.search(seg.text)
    then = _THEN_ADVICE.search(seg.text, 0, advice.start()) if advice else None
    if (advice and then is None) or (kind == "symptom" and _IF_YOU.search(seg.text) and not _if_you_have_it(page, subject, seg)):
        return  # ("If you have had radiotherapy, your risk is higher" does state a risk factor)
    said = _risk_clause(seg.text) if kind == "risk-factor" else seg.text
    if kind == "risk-factor" and (_HEDGED.search(said) or _ANY_DISEASES.search(said)):
        return
    if kind == "risk-factor" and re.search(r"\b(?:never|not|no|don't|doesn't)\b", said, re.IGNORECASE):
        return
    if kind == "risk-factor" and _LINK_DENIED.search(seg.text, len(said)):
        return  # "Smoking has been linked to some types of leukaemia, but there is no clear link with ALL"
    if kind == "symptom" and _NOT_SIGNS.search(seg.text):
        return  # "A child with ITP usually does not have a fever, swollen glands or bone pain"
    span = Span(seg.start, seg.end)
    seen: set[str] = set()
    # "can look like mononucleosis", "can be put down to growing pains": another illness, no sign
    resembles = _LIKE.search(seg.text) or _PUT_DOWN_TO.search(seg.text)
    if resembles and _LISTS_ON.search(seg.text, resembles.end()):
        resembles = None  # "they are mostly caused by low blood counts and can include tiredness, ...": the signs go on
    # ", the same virus that causes glandular fever": said of the factor, not another one
    gloss = _APPOSITION.search(seg.text) if kind == "risk-factor" else None
    end = seg.start + min([m.start() if m else len(seg.text) for m in (resembles, then, gloss)] + [len(said)])
    cue = _ENUMERATION_CUE.search(seg.text)
    group = _GROUP_AT_RISK.search(seg.text) if kind == "risk-factor" and not _LISTS_SOME.search(seg.text) else None
    if group is not None:  # "The risk is higher in people who work with pesticides": what the group does or has
        cue = group
        verb = _MAIN_VERB.search(seg.text, group.end())  # "People who have had chemotherapy | are more likely"
        end = min(end, seg.start + verb.start()) if verb else end
    # "Bone or joint pain." standing as a sentence of its own in a list of signs: the whole of it is the list
    # ("Down syndrome, past treatment with chemotherapy, and exposure to radiation." under "Risk factors": the same)
    bare = item_like(seg.text) if kind == "symptom" else verbless(seg.text)
    offset = cue.end() if cue is not None else (0 if bare else None)
    happens = _LIST_THEN_HAPPENS.search(seg.text) if kind == "symptom" else None
    if happens is not None:  # "If it reaches the brain, headaches, vomiting or trouble keeping your balance can happen"
        condition = _CONDITION_FIRST.match(seg.text)
        if cue is None or (condition is not None and cue.end() <= condition.end()):
            offset = condition.end() if condition else 0
        end = min(end, seg.start + happens.start())
    parts = [
        part
        for part in (parts_of_span(page, seg.start + offset, end, kind) if offset is not None and seg.start + offset < end else [])
        # ("an increased risk of developing ALL": the disease itself, not a factor)
        if not any(names_subject(page, subject, m) for m in page.within(part.start, part.end, "disease"))
    ]
    parts += enlarged_organs(page, seg.start, end) if kind == "symptom" else []
    read: list[tuple[int, int]] = []  # the parts that named one ("weakness of the face" names no "weakness")
    # ("Other risk factors include a vegan diet, giving blood often, ...": each named one, in words or not)
    named = cue is not None and bool(_FACTORS_ARE.search(seg.text, 0, cue.end())) if kind == "risk-factor" else False
    for part in parts:
        plain = _SHORT_PLAIN_PART.fullmatch(part.text) is not None
        # ("swelling of the face, neck and arms": the neck's swelling is said as the face's, a sign named)
        shared = (
            kind == "symptom" and bool(read) and page.text[part.start : part.end] != part.text
            and any(m.end == part.end and part.text.endswith(m.text) for m in page.within(part.start, part.end, "anatomy"))
        )
        found = ground_part(page, subject, part, kind, allow_ungrounded=(named or shared) and plain)
        if found is None:
            continue
        read.append((part.start, part.end))
        if found[0].path not in seen:
            seen.add(found[0].path)
            yield Fact(kind, subject.entity, FACT_PREDICATES[kind], found[0], (span,), grounding=found[1])
    relatives = (
        [(seg.start + r.start("disease"), seg.start + r.end()) for r in RELATIVE_WITH.finditer(seg.text)]
        if kind == "risk-factor"
        else []
    )
    for mention in page.within(seg.start, end, kind):
        if names_subject(page, subject, mention) or _part_of_name(page, subject, mention) or _a_cancer(page, mention, kind):
            continue
        if any(a <= mention.start < b for a, b in relatives):
            continue  # "a parent with diabetes": the relative's disease, not one of this one's risk factors
        if mention.text.lower() in ("pain", "pains", "ache", "aches") and _PLACED.match(page.text, mention.end, end):
            continue  # "pain in the affected lymph nodes", "pain or fullness below the ribs": no mere "pain"
        if any(a <= mention.start and mention.end <= b and not _BEYOND_THE_HEAD.search(page.text, a, mention.start) for a, b in read):
            continue  # a word of the part's own name ("weakness" of "weakness of the face")
        entity, how = page.entity(mention, kind)
        if entity.path not in seen:
            seen.add(entity.path)
            yield Fact(kind, subject.entity, FACT_PREDICATES[kind], entity, (span,), grounding=how)


_LISTS_ON = re.compile(r"\band (?:can|may|might|often|usually) (?:also )?(?:include|be)\b", re.IGNORECASE)
_SHORT_PLAIN_PART = re.compile(r"(?:[\w'’]+(?:[ \t]+|$)){1,6}")
"""A part kept in its own words: six words at most, with nothing a scrape glued on ("Smoking- Having ...")."""
_FACTORS_ARE = re.compile(r"\brisk factors?\b[^.]{0,40}\b(?:include|includes|are|is)\b[:\s]*$", re.IGNORECASE)
"""The words before a sentence's enumeration that call its parts risk factors ("Other risk factors include")."""
_PLACED = re.compile(r"\s+(?:(?:or|and)\s+(?:an?\s+)?[\w-]+(?:\s+of\s+[\w-]+)?\s+)?(?:in|on|around|under|below|behind|over)\s", re.IGNORECASE)
"""A place said after a bare sensation, maybe after a second one ("pain or a feeling of fullness below")."""
_BEYOND_THE_HEAD = re.compile(r"\b(?:from|because|due|with|and|or|as)\b|[(,;]", re.IGNORECASE)
"""Words after which a part names more than its own sign ("a swollen tummy from a big spleen")."""
_LIST_THEN_HAPPENS = re.compile(
    r"(?:\s+(?:can|may|might|could|will|often|sometimes)\s+(?:also\s+)?(?:happen|occur|develop|appear|follow|result)\b|"
    r"\s+(?:are|is)\s+(?:also\s+)?(?:common|possible|usual|typical)\b)(?=\s*(?:[.;]|$))",
    re.IGNORECASE,
)
"""The verb after a list of signs that opens its sentence ("..., headaches or vomiting can happen")."""
_CONDITION_FIRST = re.compile(r"\s*(?:if|when|once|as|where)\b[^,]{0,80},\s*", re.IGNORECASE)
_PUT_DOWN_TO = re.compile(
    r"\bput (?:[\w']+\s+){0,4}?down to\b|\bwritten off as\b|\bblamed on\b|\bchalked up to\b|"
    r"\b(?:first|initially|at first) (?:thought|told|assumed|treated as)\b|\bmisdiagnosed as\b|\bmistaken (?:at first )?for\b|"
    r"\b(?:we|i|they|he|she|everyone|the doctors?)\s+(?:\w+\s+)?(?:thought|assumed)\b|"
    r"\b(?:are|is) (?:also|usually|often|(?:much |far )?more often|mostly) (?:caused by|due to)\b",
    re.I,
)
"""Words after which a sentence names what the illness was taken for ("were first told it was the flu, a sinus
infection"), or what else gives its signs ("Swollen glands are usually caused by an infection such as a sore throat")."""
_CAUSES_TOO = re.compile(r"\bcaus|\brisks?\b", re.IGNORECASE)


def _factor_first(page: Page, subject: Subject, seg: Segment, *, causes: bool = False) -> Iterator[Fact]:
    """The risk factor a sentence opens with, before the words that make it one ("Older age
    raises the risk", "Being exposed to the chemical benzene has also been linked to it";
    with ``causes``, "Exposure to high doses of radiation can cause AML", where the disease
    it causes is the page's): what grounds to a concept of the kind, nothing else."""
    first = (_CAN_CAUSE if causes else _FACTOR_FIRST).match(seg.text)
    if first is None or _HEDGED.search(seg.text) or _NEGATED.search(seg.text) or _ANY_DISEASES.search(seg.text):
        return
    if causes and not _names_it(page, subject, seg.start + first.end(), seg.end):
        return  # ("... can cause bone pain": a sign, not the disease)
    span = Span(seg.start, seg.end)
    start, end = seg.start + first.start("factor"), seg.start + first.end("factor")
    for part in parts_of_span(page, start, end, "risk-factor"):
        if any(names_subject(page, subject, m) for m in page.within(part.start, part.end, "disease")):
            continue
        found = ground_part(page, subject, part, "risk-factor", allow_ungrounded=False)
        if found is not None:
            yield Fact("risk-factor", subject.entity, FACT_PREDICATES["risk-factor"], found[0], (span,), grounding=found[1])


def _first_named(page: Page, subject: Subject, seg: Segment) -> int | None:
    """Where the sentence first names the page's disease (its name, abbreviation, or a leading
    "it"), as an offset into the sentence: the end of that name."""
    ends = [m.end - seg.start for m in page.within(seg.start, seg.end, "disease") if names_subject(page, subject, m)]
    ends += [
        found.end()
        for abbr, _ in subject.abbreviations
        if (found := re.search(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", seg.text)) is not None
    ]
    pronoun = _IT_GIVES.match(seg.text)
    if pronoun is not None:
        ends.append(pronoun.end())
    return min(ends, default=None)


def _names_it(page: Page, subject: Subject, start: int, end: int) -> bool:
    """The stretch names the page's disease, by a name or an abbreviation."""
    if any(names_subject(page, subject, m) for m in page.within(start, end, "disease")):
        return True
    return any(re.search(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", page.text[start:end]) for abbr, _ in subject.abbreviations)


_CAN_CAUSE_WORDS = r"(?:can|may|might|could)\s+(?:also\s+|sometimes\s+)?(?:cause|lead to|trigger)\b"
_CAN_CAUSE = re.compile(rf"(?P<factor>[^;:()]{{3,120}}?)\s+{_CAN_CAUSE_WORDS}", re.IGNORECASE)
"""A sentence that opens with what can cause the disease ("Exposure to radiation can cause AML")."""
_CAN_CAUSE_CUE = re.compile(rf"\b{_CAN_CAUSE_WORDS}", re.IGNORECASE)
"""The cue of ``_CAN_CAUSE``, searched first (the whole pattern is only matched at a sentence's start)."""
_OLDER = re.compile(
    r"\b(?:risk|chances?|likelihood)\b[^.]{0,50}\b(?:goes up|go up|increases?|rises?|climbs?|grows?)\s+"
    r"(?:as (?:you|people|we|a person) (?:get|gets|grow|grows) older|with (?:age|increasing age))\b",
    re.IGNORECASE,
)
"""("Your chances of developing AML go up as you get older"): older age is a risk factor."""


def _older_age(page: Page, disease: Entity, seg: Segment) -> Iterator[Fact]:
    """Older age as a risk factor, where a sentence says the risk rises with age."""
    if "older" in seg.text or "age" in seg.text:
        if _OLDER.search(seg.text) and (grounding := page.lexicon.lookup("older age", "risk-factor")) is not None:
            yield Fact("risk-factor", disease, "allkg:hasRiskFactor", _entity(grounding), (Span(seg.start, seg.end),),
                       grounding=grounding.scope)


_FACTOR_FIRST = re.compile(
    r"(?P<factor>[^,;:()]{3,80}?)\s+(?:(?:has|have|is|are|was|were)\s+)?(?:also\s+)?(?:been\s+)?"
    r"(?:(?:strongly\s+|closely\s+)?(?:linked|associated|tied|connected)\s+(?:to|with)|(?:raises?|increases?|doubles?)\s+"
    r"(?:the\s+|your\s+|their\s+|a\s+person's\s+)?(?:risk|chance|likelihood)|(?:is|are)\s+(?:a\s+)?(?:known\s+)?risk\s+factors?)\b",
    re.IGNORECASE,
)
"""A sentence that opens with what raises the risk, then says so."""


def _a_cancer(page: Page, mention: Mention, kind: str) -> bool:
    """A sign that is a cancer of its own ("CMML turned into AML"): what the disease becomes, no sign of it."""
    if kind != "symptom":
        return False
    return any(g is not None and is_cancer(page, g.concept) for g in (page.lexicon.ground(mention, k) for k in ("disease", kind)))


def _part_of_name(page: Page, subject: Subject, mention: Mention) -> bool:
    """A mention that also names a disease (the page's or its kind): not a symptom of it."""
    grounding = page.lexicon.ground(mention, "disease")
    return grounding is not None and bool(page.lexicon.curies(grounding.concept) & subject.related)


def _sex(page: Page, disease: Entity, seg: Segment) -> Iterator[Fact]:
    """"More common in boys (men, males)", "More women than men": being of that sex is a risk
    factor. Where a sentence says both ("Unlike ALL in older children, which is more common in
    boys, infant ALL is seen more often in girls"), its last says the page's own."""
    if not _SEX_WORD.search(seg.text):
        return
    said = [(match.start(), sex) for sex, pattern in _MORE_COMMON_IN_SEX.items() if (match := _last(pattern, seg.text))]
    if said:
        grounding = page.lexicon.lookup(max(said)[1], "risk-factor")
        if grounding is not None:
            yield Fact("risk-factor", disease, "allkg:hasRiskFactor", _entity(grounding), (Span(seg.start, seg.end),),
                       grounding=grounding.scope)


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):
        pass
    return found


def _relatives_with_it(page: Page, subject: Subject, seg: Segment) -> Iterator[Fact]:
    """A relative who has the disease, named in a sentence on risk ("if they have a brother or
    sister with leukaemia", "The identical twin of a child with ALL also has a higher risk")."""
    if _NEGATED.search(seg.text) or _HEDGED.search(seg.text) or seg.start in page.explanations:
        return  # (a sentence explaining an item names the item's risk factor again)
    for relative in RELATIVE_WITH.finditer(seg.text):
        disease = relative.group("disease")
        if (
            any(names_subject(page, subject, m) for m in page.within(seg.start + relative.start("with"), seg.start + relative.end(), "disease"))
            or _GENERIC_DISEASE.fullmatch(disease)
            or any(disease == abbreviation for abbreviation, _ in subject.abbreviations)  # "a parent with HS"
        ):
            named = re.sub(r"^(?:a|an|the|their|your|his|her)\s+", "", relative.group("relative"), flags=re.IGNORECASE)
            entity = page.ungrounded(named, "risk-factor")
            yield Fact("risk-factor", subject.entity, "allkg:hasRiskFactor", entity, (Span(seg.start, seg.end),),
                       grounding="ungrounded")


_GENERIC_DISEASE = re.compile(r"(?:the (?:same )?(?:disease|condition|illness|cancer)|it|leuka?emia|cancer)", re.IGNORECASE)


def _groups_at_risk(page: Page, disease: Entity, seg: Segment) -> Iterator[Fact]:
    """Ethnic groups a sentence says the disease is more common in ("more common in people of
    Hispanic descent", "Hispanic children are diagnosed with ALL more often"): risk factors no
    ontology of ours names, kept ungrounded as the page words them."""
    if _NEGATED.search(seg.text):
        return
    for cue in _MORE_IN.finditer(seg.text):
        # "more common in <group>", "rates are highest among <group>"; else "<group> are diagnosed more often"
        after = cue.group().lower().startswith(("more", "most")) or cue.group().lower().endswith((" in", " among"))
        than = _THAN.search(seg.text, cue.end())  # "more common in white people than in Black people": not the latter
        start, end = (cue.end() if after else 0), (than.start() if than else len(seg.text))
        ancestries = [a for a in _ANCESTRY.finditer(seg.text, start, end) if after or a.end() <= cue.start()]
        named = [
            f"{_OTHER.sub('', name)} {ancestry.group('noun')}"
            for ancestry in ancestries
            for name in _AND_OR.split(ancestry.group("names"))
        ]  # "people of Ashkenazi Jewish, Roma or Afrikaner heritage": three groups; "or other northern European": one more
        named += [
            group.group()
            for group in _ETHNIC_GROUP.finditer(seg.text, start, end)
            if (after or group.end() <= cue.start()) and not any(a.start() < group.end() and group.start() < a.end() for a in ancestries)
        ]
        for group in named:
            entity = page.ungrounded(group, "risk-factor", as_written=True)
            yield Fact("risk-factor", disease, "allkg:hasRiskFactor", entity, (Span(seg.start, seg.end),), grounding="ungrounded")


_THAN = re.compile(r"\bthan\b|\b(?:lower|less|least|fewer|rarer)\b", re.IGNORECASE)
"""Where a sentence turns to the groups that get the disease less ("than in Black people", "lower among")."""
_ETHNIC_GROUP = re.compile(
    rf"(?:(?<=\bwho are )|(?<=, )|(?<=, or )|(?<=, and )|(?<=\w or )|(?<=\w and )){ETHNIC}(?=[,.]| or\b| and\b)|"  # "people who are Black, Hispanic or Latino, ..."
    rf"\b(?:(?:people|those|children|adults|men|women|families) (?:of|from) {ETHNIC}(?:(?:,| or| and) {ETHNIC})*"
    rf"(?: descent| origin| backgrounds?| ancestry| heritage)?|"
    rf"{ETHNIC}(?: or {ETHNIC})?(?: (?:people|children|adults|men|women|families|descent|origin|backgrounds?))+)\b"
)
"""A group of people by ethnicity, as pages name it (case as written: "white" is a colour unless it names people)."""
_NATION = r"(?:(?:other|white|black|mixed|northern|southern|eastern|western) )*[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*"
_ANCESTRY = re.compile(
    rf"(?P<names>{_NATION}(?:(?:,| or| and|, or|, and) {_NATION})*) "
    r"(?P<noun>(?:family )?(?:backgrounds?|ancestry|heritage|descent|origins?))\b"
)
"""Groups named by their ancestry ("of Northern European ancestry", "from a Japanese, Korean or
Chinese family background"), whatever the nation."""
_OTHER = re.compile(r"^other\s+", re.IGNORECASE)
_AND_OR = re.compile(r",\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+")
_MORE_IN = re.compile(
    r"\b(?:more|most) (?:common(?:ly)?|often|likely|frequent(?:ly)?)\b[^.]{0,60}?\b(?:in|among|for)\b|"
    r"\b(?:rates? (?:are|is) highest|highest rates?(?: are)?|diagnosed (?:\w+ )?more (?:often|frequently|commonly)) (?:in|among)\b|"
    r"\b(?:are|is) (?:diagnosed|affected)\b[^.]{0,40}?\bmore (?:often|frequently|commonly)\b(?!\s+(?:in|among)\b)|"
    r"\b(?:have|has) (?:an? )?(?:\w+ )?(?:higher|greater|increased) (?:chance|risk)\b",
    re.IGNORECASE,
)
"""A sentence saying a group gets the disease more often: the group after "more common in", or
before "are diagnosed ... more often"."""


def _entity(grounding: object) -> Entity:
    from allkg.facts import concept_entity

    return concept_entity(grounding.concept)  # type: ignore[attr-defined]


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    result = []
    for mention in mentions:
        if mention.text.casefold() not in seen:
            seen.add(mention.text.casefold())
            result.append(mention)
    return result


def _progression(sentence: str) -> str:
    """The page's words on how the disease progresses, without "the word X comes from the fact that"."""
    match = _PROGRESSION_START.search(sentence)
    if match is None:
        return sentence.rstrip(" .")
    rest = sentence[match.end() :]
    if match.start() == 0:
        rest = rest.split(",", 1)[0]
    return rest.rstrip(" .")
