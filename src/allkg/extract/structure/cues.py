"""What a piece of text says by its words alone: the type of section a heading opens, and
whether a line reads like a list item. Shared by the segment and section steps."""

from __future__ import annotations

import re

SECTION_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("navigation", r"\brelated\b|see also|references|further reading|more information|useful (?:links|contacts)|"
                       r"in this (?:article|section|page)|on this page|^contents$|^share\b|^sources?$|bibliography|"
                       r"external links|^was this|next steps|^resources$|support services|categories|footnotes|^notes$|"
                       r"follow us|about us|contact|jump to|quick links|you may also|more (?:on|about)\b|^help(?:\s*(?:and|&)\s*support|\s+cent(?:re|er))?$|^print|"
                       r"most (?:read|popular|viewed)|^comments?\b|trending|latest (?:news|stories)|top stories"),
        ("myths", r"\bmyths?\b|misconception|misunderst|(?:do|does|did|can)(?:n['’]t| not) (?:cause|increase|raise|lead)|"
                  r"\bnot (?:a )?(?:cause|risk)|\bno (?:proven )?(?:link|evidence)|unproven|disproven|fact or fiction|"
                  r"\buncertain\b|\bcontroversial\b|\bunclear\b|\bdisputed\b|\bdebated\b|\bless certain\b"),
        # a word's meaning asked: "What does 'relapse' mean?" defines the disease, whatever the word
        ("about", r"^\W*what (?:does|do|is meant by) .{1,40}?\bmean\W*$|^\W*what is meant by\b"),
        # what sets off a flare of a disease one has, no cause nor sign of it: "Things that can make your symptoms worse"
        ("triggers", (r"\b(?:make|makes|making) (?:your |the |my )?(?:symptoms|signs|it|them|things|mg|flares?) worse\b|"
                      r"\btriggers?\b|\bbring on (?:a )?(?:flare|attack)")),
        # what people noticed, whenever: "What did people notice before they were diagnosed?"
        ("symptoms", r"\bwhat (?:did|do|does|might|may|will|would|could|can) (?:[\w'’]+ ){1,3}notice\b"),
        # a key point said as a sentence: "Earlier cancer treatment ... can raise the risk of adult ALL"
        ("risk", r"\b(?:raises?|increases?|raising|increasing)\s+(?:the|your|a person['’]s|their)\s+(?:risk|chance)\b"),
        ("advice", r"when (?:to|should (?:i|you)) (?:see|call|get|contact|seek)|see (?:a|your) (?:doctor|gp)|urgent|"
                   r"emergenc|call (?:999|911|111)|get (?:medical )?help|seek (?:medical )?(?:help|advice)|"
                   r"go (?:straight )?to (?:the |your )?(?:er|a&e|a and e|hospital)\b|"
                   r"immediate(?! release)|important|questions to ask|talk(?:ing)? to (?:your|a) doctor"),
        # (a clinician's shorthand: DDx differential diagnosis, Ix investigations, Mx management, Sx symptoms)
        ("lookalikes", r"^ddx\b|^differentials?\b"),
        ("treatment", r"^[mr]x\b|\bmanagement\b|treat|therap|chemo|transplant|side[ -]effects?|living with|after treatment|follow[ -]?up|"
                      r"clinical trials?|\b(?:induction|consolidation|maintenance|intensification|conditioning)\b|recovery|managing|care team|looking after|at home|coping|"
                      r"support(?:ing)? (?:for|your)|fertility|medicines?|drugs?|surgery|remission|relapse\b|"
                      r"risk (?:groups?|categor\w*|levels?|stratif\w*|assessment)|\b(?:standard|low|high|intermediate)[ -]risk\b"),
        # (not a story's "Son (15) just diagnosed with B-cell ALL": who was diagnosed, no tests)
        ("diagnosis", r"^[id]x\b|(?<!about your )(?<!your )(?<!before the )(?<!before )(?<!just )(?<!newly )(?<!recently )(?<!was )"
                      r"(?<!were )(?<!been )diagnos|\btests?\b|testing|biopsy|staging|\bstages?\b|scans?\b|exam|investigation|"
                      r"blood count"),
        ("prevention", r"prevent|reduc(?:e|ing) (?:your|the) risk|lower(?:ing)? (?:your|the) risk|screening"),
        ("complications", r"complication|late effects|long[ -]term effects"),
        ("symptoms", r"^sx\b|(?<!\w)s/s\b|symptom|\bsigns?\b|clinical (?:presentation|features|picture)|^presentation\b|presenting features|"
                     r"^check if (?:you|your (?:child|baby)|it['’]?s|it is|you or your (?:child|baby))\b|"
                     r"how (?:do|will|can|would) (?:i|you) (?:know|tell)|look(?:ing)? out for|"
                     r"warning|watch(?:ing)? (?:out )?for\b|what does it feel|how does it feel|effects on the body|show (?:itself|up)|"
                     r"how (?:is|does) (?:it|\w+) (?:show|present|noticed)|what (?:might|will|would|could|did|do) (?:i|you|we|parents) (?:have )?notice|"
                     r"how (?:will|does|can|might|could|would) (?:it|this|\w+) affect (?:my|your|you|me|a|the)\b|"
                     r"how (?:did|do|will|might|may|would) (?:i|you|we|they|he|she|(?:my|your|their) (?:child|baby)) feel\b"),
        ("risk", r"\brisks?\b|\brfs\b|who is (?:at|more likely)|increase|more likely|predispos"),
        ("cause", r"\bcaus|\ba?etiology\b|\bpathogenesis\b|\bwhy\b|how does .{0,40}(?:start|develop|happen)|how (?:it|all|this) (?:starts|develops)|"
                  r"what happens (?:in|to)|origin"),
        ("who", r"who (?:gets|is affected|can get|develops|does it affect|it affects|is it)|how common|incidence|"
                r"statistics|epidemiology|how many|frequency|affected\b|"
                r"^(?:age|gender|sex|race|ethnicity|ancestry)(?:\s*(?:/|,|and|&)\s*(?:age|gender|sex|race|ethnicity|ancestry))*$"),
        ("outlook", r"^px\b|outlook|prognos|surviv|\bis it serious\b|how serious|\bcur(?:e|ed|able)\b|life expectancy|what to expect|outcome|\bget(?:ting)? better\b"),
        ("types", r"\btypes?\b|subtypes?|kinds? of|forms? of|classification|subgroups?"),
        ("about", r"what (?:is|are)\b|overview|\babout\b|introduction|definition|summary|key (?:facts|points)|"
                  r"at a glance|\bfacts\b|in brief|understanding|explained|basics"),
    )
)
"""Section types by their heading's words, tried in order (so "Side effects of treatment" is
treatment and "Signs and symptoms" symptoms)."""


def section_type(heading: str) -> str:
    """The type of a section by its heading's words ("other" when none fits); a heading that asks
    several questions is of the first one's type that has one ("What causes ALL? Could we have
    prevented it?" is about causes)."""
    for question in _NEXT_QUESTION.split(heading):
        for name, pattern in SECTION_TYPES:
            if pattern.search(question):
                return name
    return "other"


_NEXT_QUESTION = re.compile(r"(?<=\?)\s+(?=[A-Z])")


_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|could|may|might|will|would|should|must|does|do|did|"
    r"cannot|tend|tends|occur|occurs|happen|happens|become|becomes|include|includes|mean|means|"
    r"affects|shows|appears|starts|begins|develops|makes|gets|comes|runs)\b",
    re.IGNORECASE,
)


_RELATIVE = re.compile(r"\b(?:that|which|who|whose)\s+(?:\w+\s+(?:(?:but|and|or)\s+)?)?$|\bhaving\s+$", re.IGNORECASE)
"""Words before a verb that is no sentence's own: a relative clause's ("Diabetes that has lasted
for years", "Lymph nodes that swell but do not hurt"), a participle's ("Having had chemotherapy")."""


_ASIDE_IN_BRACKETS = re.compile(r"\s*\([^()]*\)")
_OPENING_VERB = re.compile(
    r"^\s*(?:(?:do|does|did|are|is|have|has|had|can|cannot|may|might|will|would|should|must)(?:\s+not)?|"
    r"(?:do|does|did|are|is|have|has|had|ca|wo|should)n['’]t)(?:\s+(?:ever\s+)?had)?\s+(?=\S)",
    re.IGNORECASE,
)


def item_like(text: str, *, clause: bool = False) -> bool:
    """Reads like a list item: a short phrase, or a short phrase and a gloss after a comma or
    a dash; its only verbs are those of a relative clause ("Urine that is darker than usual").
    A ``clause`` item (one finishing its lead-in's sentence, "You can run low on iron if you:")
    may open with its verb ("Do not absorb iron well", "Are overweight")."""
    if clause:
        text = _OPENING_VERB.sub("", text, count=1)
    head = re.split(
        r",\s+(?:which|who|that|often|especially|usually|sometimes|because|as|for example|if|when|once|unless)\b|\s[—–-]\s",
        _ASIDE_IN_BRACKETS.sub("", text),  # "... for another cancer (this is called secondary MDS)."
    )[0]
    words = head.split()
    return (
        0 < len(words) <= 16
        and all(_RELATIVE.search(head, 0, verb.start()) for verb in _FINITE_VERB.finditer(head))
        and not head.endswith("?")
    )


def verbless(text: str) -> bool:
    """Says no verb: a list of things written as a sentence ("Down syndrome and certain other
    inherited conditions, past treatment with chemotherapy, and exposure to radiation.")."""
    return _FINITE_VERB.search(text) is None


FOOTER = re.compile(
    r"©|\bcopyright\b|all rights reserved|privacy (?:policy|statement|notice)|terms (?:of|and) (?:use|service|conditions)|"
    r"\bdoes not endorse\b|\badvertising\b|\bregistered charity\b|\bcompany (?:no|number)\b",
    re.IGNORECASE,
)
"""What only a page's footer says: where a scrape may have moved a list."""
