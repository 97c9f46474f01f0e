"""Logical lines -> segments: headings, lead-ins, list items and sentences, each with its span.

Run-on scrapes glue a heading to its first sentence ("SymptomsThe symptoms...") and
sentences to each other ("cells.Childhood"); both are cut here. A question of a few words
is a heading ("What are the signs?"), a line ending with ":" is a lead-in, a line with a
list marker is an item. Page furniture and site chrome (menus, banners, footers) are
marked as boilerplate and never read for facts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal

from allkg.extract.structure.cues import item_like, section_type
from allkg.extract.structure.lines import ASIDE_AFTER, BULLET, FOOTNOTE_MARK, Line

SegmentKind = Literal["heading", "lead-in", "item", "sentence"]

MAX_HEADING_WORDS = 12
MAX_ITEM_WORDS = 16
"""A line without a list marker right after a lead-in may be its item up to this length."""
_BOUNDARY = re.compile(
    r"""(?<=[.!?:])(?<!::)(?!(?<=\d[.:])\d)(?:\[\d{1,3}\])*["'”’)\]]*(?=[ \t]*["“(]?[A-Z0-9])"""  # after . ! ? : (and its footnotes, ".[6]") when the next sentence starts (not "9:15", "2.5", "PML::RARA")
    r"""|(?<=[a-z]{3})(?<!\bJava)(?<!\bWhats)(?<!\bLinked)(?<!\bPower)(?<!\bWord)(?<!\bMedline)(?=[A-Z][a-z]{2,})"""
    # "cellsChildhood", "FeverRisk factors": a lost space or line break (not the web's names in camel case:
    # "JavaScript", "WhatsApp", "LinkedIn", "PowerPoint", "WordPress", "MedlinePlus")
    r"""|(?<=[a-z)]{2}\?)(?=[a-z])"""  # "it?Outlook" handled above; "it?the" too
)
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|Prof|St|No|approx|Inc|Ltd|Co|Fig|ed|eds|vol|al)|\b[A-Z])\.$"
)
_NUMBERED_LABEL = re.compile(
    r"[ \t]*(?:(?:section|part|chapter|step|module|unit|question|q)[ \t]+)?\d{1,2}(?:\.\d{1,2})*\.", re.IGNORECASE
)
"""A line's number or label ("SECTION 1.", "2.3.") whose full stop ends no sentence."""
_FOOTNOTES_AT_END = re.compile(rf"{FOOTNOTE_MARK}+$")
_QUESTION_END = re.compile(rf"\?(?:\s+{ASIDE_AFTER})?$")
"""How a question ends: its mark, or its mark and an aside ("Where does it go? (added after a member asked)")."""
_FOOTNOTE_START = re.compile(r"(?:\d{1,2}(?:[,–-]\d{1,2})*|\[\d+\](?:\[\d+\])*)[ \t]+(?=[A-Z\"“])")
_INFOBOX_ROW = re.compile(r"[ \t]*(?P<label>[A-Z][\w ,'()-]{1,40}?)[ \t]*\t+[ \t]*(?=\S)")
_LEAD_IN_END = re.compile(r"\b(?:include|includes|including|such as|following|are|have|has|be|cause|causes|like|as)$", re.I)
_CHROME = re.compile(
    r"©|\bcopyright\b|all rights reserved|\badvertis|\bsponsored\b|privacy (?:policy|statement|notice)|"
    r"\bcookies?\b|terms (?:of|and) (?:use|service|conditions)|\bcontact us\b|\bdonat(?:e|ion)s?\b|\bgive now\b|"
    r"tax-deductible|\bnewsletters?\b|\bsubscribe\b|\bsign (?:up|in)\b|\blog in\b|\bregister\b|"
    r"request an appointment|make an appointment|find a (?:doctor|clinical trial|specialist)|clinical trials? finder|"
    r"\bsite ?map\b|\bskip to\b|\bshare (?:this|on)\b|^share\b|\bprint this\b|^print\b|\bemail this\b|"
    r"\bhome\s*[>›»/|]|\s[>›»]\s|\bwas this (?:page|article|information) (?:helpful|useful)|\bshow more\b|"
    r"\bread more\b|\bsee more\b|\bcontinue reading\b|\b(?:covid|coronavirus)\b|\bregistered charity\b|"
    r"\bcompany (?:no|number)\b|\bregistered in\b|\d+\s+(?:replies|comments|likes)\b|\baccessibility\b|"
    r"\beditorial policy\b|\bdisclaimer\b|\bmedically reviewed by\b|\bpeer reviewed\b|"
    r"\blast (?:updated|reviewed)\b|\bauthored by\b|\bmon(?:day)?\s*[–-]\s*fri|\bhelpline\b|\bphone us\b|\bcall us\b|"
    r"\bdoes not endorse\b|\bbest-sellers\b|\bsearch this site\b|"
    r"\b(?:popular|recent|trending|related) searches\b|\bpeople also (?:search|ask)|"
    r"^(?:tags|tagged|keywords|filed under|categories)\s*:|^(?:list\s+with\s+\d+\s+items?|out\s+of\s+list)$|^(?:(?:reply|report|flag|quote|upvote|permalink)\b\W*)+$",
    re.IGNORECASE,
)
"""Site chrome: menus, banners, footers, share bars, review and legal lines, a screen reader's
announcements ("list with 5 items")."""
_SHORT_CHROME = re.compile(
    r"\btalk to us\b|\bcare at\b|\bsupport groups?\b|\bconnect with others\b|\bour research\b|\bget involved\b|"
    r"\bget support\b|\bshop\b|\bforums?\b|\bcareers\b|\bjobs\b",
    re.IGNORECASE,
)
"""Words of a menu's or a banner's short line that prose uses too ("signs that come up on this forum are: ...",
"Some jobs have been linked to a higher risk, ...")."""
_SHORT_CHROME_WORDS = 12
_CHROME_HINTS = (
    "©", "copyright", "rights reserved", "advertis", "sponsored", "privacy", "cookie", "terms of", "terms and",
    "contact us", "donat", "give now", "tax-deductible", "newsletter", "subscribe", "sign up", "sign in", "log in",
    "register", "appointment", "find a ", "trial finder", "trials finder", "site map", "sitemap", "skip to",
    "share", "print", "email this", "home", " > ", " › ", " » ", "was this", "show more", "read more", "see more",
    "continue reading", "covid", "coronavirus", "company n", "replies", "comments", "likes", "accessibility",
    "careers", "jobs", "editorial", "disclaimer", "reviewed", "last updated", "authored", "fri", "helpline",
    "phone us", "call us", "talk to us", "care at", "support group", "connect with", "endorse", "best-sellers",
    "this site", "our research", "get involved", "get support", "shop", "forum", "searches", "people also",
    "tags", "tagged", "keywords", "filed under", "categories", "items", "out of list", "reply", "report", "flag", "quote", "upvote", "permalink",
)
"""A word or sign every kind of chrome line holds: a line with none of them is no chrome, and
the (slower) pattern is only tried on the others."""


@dataclass(frozen=True)
class Segment:
    """A heading, lead-in, list item or sentence, with its exact span in the text."""

    start: int
    end: int
    text: str
    kind: SegmentKind
    line: int
    """The physical line it starts on."""
    boilerplate: bool = False
    marked_heading: bool = False
    """The page's markup says it is a heading (an HTML h1-h6)."""
    outline_title: bool = False
    """A heading that was a numbered title of an outline: a peer of the others, no sub-heading."""


_QUOTE_END = re.compile(r"[”\"]\s*$")
_ATTRIBUTION = re.compile(r"[ \t]*[—―][ \t]*[A-Z]")
"""A quote's attribution: a long dash, then the speaker's name."""


def segments_of(text: str, lines: list[Line], heading_starts: frozenset[int]) -> list[Segment]:
    """Every segment of every logical line, in text order. Short lines right after a lead-in
    are its items even without a list marker ("Risk factors include:\nSmoking\nObesity")."""
    result: list[Segment] = []
    listing = False
    tables = _table_rows(text, lines)
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if index in tables:
            span = _trim(text, line.start, line.end)
            if span and tables[index] == "lead-in":  # a header: its first cell names what the rows are
                span = (span[0], _CELL_END.search(text, span[0], span[1]).start())
            index_cell = _INDEX_CELL.match(text, span[0], span[1]) if span else None
            if index_cell and tables[index] == "item":  # "B | Border | ...": a row's letter or number is no part of it
                span = (index_cell.end(), span[1])
            result.extend([_segment(text, *span, tables[index], line, table=True)] if span else [])
            listing = False
            continue
        segments = _line_segments(text, line, heading_starts, following)
        if line.item and result and _QUOTE_END.search(result[-1].text) and _ATTRIBUTION.match(text, line.start, line.end):
            # "— Declan, dad to Aoife (3)" under a quote: who said it, no item of a list
            segments = [replace(seg, kind="sentence", boilerplate=True) for seg in segments]
        # (a blank line ends a list, but not one between the lead-in and its first item)
        listing = listing and (not line.blank_before or (bool(result) and result[-1].kind == "lead-in"))
        # (after bare items without full stops, prose next ends the list: the line is its last item, not a heading)
        after_bare = bool(result) and result[-1].kind == "item" and not lines[index - 1].item and not result[-1].text.endswith(".")
        lead = next((seg for seg in reversed(result) if seg.kind == "lead-in"), None) if listing else None
        clause = lead is not None and bool(_SUBJECT_ENDS.search(lead.text))
        if listing and len(segments) == 1 and _bare_item(
            segments[0], lambda: _item_follows(text, following, clause, ends_list=after_bare), clause
        ):
            segments = [replace(segments[0], kind="item")]
        elif listing and _labelled_line(segments):
            # "Age: ALL is most common in children under 5.", "Processed meat: there is some evidence
            # linking ...": a label and what the page says of it
            segments = [_segment(text, segments[0].start, segments[-1].end, "item", line)]
        elif (
            listing
            and len(segments) > 1
            and not (index and lines[index - 1].item)  # (after bulleted items, a paragraph is no item)
            and segments[0].text.endswith(".")
            and _bare_item(segments[0], lambda: True)
        ):
            # "Having certain inherited conditions. These include Down syndrome, ...": an item, then what it says of it
            segments = [replace(segments[0], kind="item"), *segments[1:]]
        elif not (listing and line.item):
            listing = bool(segments) and segments[-1].kind == "lead-in" and not line.item
        result.extend(segments)
    return _outline_items(text, result)


_LABEL = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+[\w'’-]+){0,4}(?:[ \t]+\([A-Za-z0-9-]{1,10}\))?:")
"""A short label ending in a colon ("Previous cancer treatment:", "Epstein-Barr virus (EBV):"), a
bold run a scrape left inline."""


def _labelled_line(segments: list[Segment]) -> bool:
    """A line of a list that is a short label and what the page says of it, in sentences ("Age: ALL
    is ...", "Salt: eating a lot of salt ... increases the risk. It is thought ..."). ("Non-urgent
    advice: See a GP if:" leads in.)"""
    if not segments or any(seg.kind != "sentence" for seg in segments[1:]):
        return False
    first = segments[0]
    if first.kind == "lead-in":
        return len(segments) > 1 and bool(_LABEL.fullmatch(first.text))
    label = _LABEL.match(first.text)
    return first.kind == "sentence" and label is not None and label.end() < len(first.text) and first.text[label.end()] == " "


def _table_rows(text: str, lines: list[Line]) -> dict[int, SegmentKind]:
    """The lines of the page's tables, by index: a table is three or more lines in a row with
    the same number of cells (two or more split by " | ", or three or more by tabs). Its first
    line, the header, is the lead-in of its rows, which are items ("Symptom | What you might
    notice | Why it happens" over "Feeling very thirsty | Drinking more | ...")."""
    cells = [_cell_count(text[line.start : line.end]) for line in lines]
    rows: dict[int, SegmentKind] = {}
    index = 0
    while index < len(lines):
        run = index
        while run + 1 < len(lines) and cells[index] and cells[run + 1] == cells[index] and not lines[run + 1].blank_before:
            run += 1
        if cells[index] and run - index >= 2:
            rows[index] = "lead-in"
            rows.update((row, "item") for row in range(index + 1, run + 1))
        index = run + 1
    return rows


def _cell_count(line: str) -> int:
    """The cells of a table row (0 for a line that is none)."""
    piped = len(_PIPE.findall(line.strip(" \t|"))) + 1
    if piped >= 2:
        return piped
    tabbed = len(re.findall(r"\t+", line.strip())) + 1
    return tabbed if tabbed >= 3 else 0


_PIPE = re.compile(r"\s\|\s")
_INDEX_CELL = re.compile(r"[ \t]*(?:\w{1,2}|\d{1,3})[.)]?[ \t]*(?:\s\|\s|\t+)[ \t]*(?=\S)")
"""A row's first cell that only numbers or letters it ("B", "3.")."""
_CELL_END = re.compile(r"\s*(?:\s\|\s|\t|$)")


def _outline_items(text: str, segments: list[Segment]) -> list[Segment]:
    """Items of an outline (nested lists flattened). Numbered titles over bulleted items (or a
    lead-in), at least two of them naming a section's topic, are headings ("2. Epidemiology"
    over "- 2.1 ..."; "4. Pathophysiology" too); an item ending in a colon, with items after
    it, is their lead-in ("3.2 Recognised risk factors:"); a question with prose after it is
    the heading of its answer ("4) Did I cause it?")."""
    def mark(seg: Segment) -> str:
        return text[text.rfind("\n", 0, seg.start) + 1 : seg.start].strip()

    def numbered(seg: Segment) -> bool:
        return bool(_OUTLINE_MARK.fullmatch(mark(seg)))

    def title(seg: Segment, after: Segment) -> bool:
        words = len(seg.text.split())
        over_prose = after.kind == "sentence" and bool(_DIGIT_MARK.fullmatch(mark(seg)))  # "4. Signs and symptoms"
        return (
            0 < words <= (12 if over_prose else 8)
            and not re.search(r"[.;,:!?]$", seg.text)
            and numbered(seg)
            and (after.kind == "lead-in" or (after.kind == "item" and not numbered(after)) or over_prose)
        )

    content = [i for i, seg in enumerate(segments) if not seg.boilerplate]
    result = list(segments)
    titles = []
    for index, after in zip(content, content[1:]):
        seg, next_seg = segments[index], segments[after]
        if seg.kind != "item":
            continue
        if seg.text.endswith(":") and next_seg.kind == "item":
            result[index] = replace(seg, kind="lead-in")
        elif seg.text.endswith("?") and next_seg.kind == "sentence" and len(seg.text.split()) <= MAX_HEADING_WORDS:
            result[index] = replace(seg, kind="heading")  # an FAQ's numbered question, its answer after it
        elif title(seg, next_seg):
            titles.append(index)
    if sum(section_type(segments[i].text) != "other" for i in titles) >= 2:
        for index in titles:
            result[index] = replace(segments[index], kind="heading", outline_title=True)
    return result


_DIGIT_MARK = re.compile(r"\d{1,2}[.)]")
_OUTLINE_MARK = re.compile(r"\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]", re.IGNORECASE)


_SUBJECT_ENDS = re.compile(r"\b(?:you|they|who|he|she|we|child|children|people|person|someone|adults)\s*:\s*$", re.IGNORECASE)
"""A lead-in whose sentence its items finish with their verbs ("You can run low on iron if you:")."""


def _bare_item(seg: Segment, item_follows: Callable[[], bool | None], clause: bool = False) -> bool:
    """A line that reads as a list item: short, not a sentence, and no section's heading (a
    line naming a section's topic, "Prevention", is a heading when prose follows it). Under a
    lead-in that ends with its subject (``clause``), an item may open with its verb."""
    words = _BRACKETED.sub("", seg.text).split()  # (a gloss in brackets is no length of the item's)
    head = _GLOSS_AFTER.split(seg.text, maxsplit=1)[0]
    # (a line in lower case is no heading nor a sentence of its own; its gloss may run longer:
    # "having a weakened immune system, for example from HIV or from medicines you take after ...")
    lower = seg.text[:1].islower()
    return (
        seg.kind in ("heading", "sentence")
        and not seg.marked_heading
        and not seg.boilerplate
        and 0 < (len(head.split()) if lower else len(words)) <= MAX_ITEM_WORDS
        and len(words) <= 2 * MAX_ITEM_WORDS
        and item_like(seg.text, clause=clause)
        # (a heading has no full stop: "Li-Fraumeni syndrome." before prose is the list's last item)
        and (_FOOTNOTES_AT_END.sub("", seg.text).endswith(".") or lower or _followed_as_item(item_follows(), head, seg.text))
    )


def _followed_as_item(item_follows: bool | None, head: str, text: str) -> bool:
    """An item by what follows it: more items, or the end of the list and no topic of a section
    (nor a line that gives examples, which no heading does: "Some medicines, including quinine")."""
    return item_follows is True or (item_follows is None and (section_type(head) == "other" or bool(_EXAMPLES_GIVEN.search(text))))


_EXAMPLES_GIVEN = re.compile(r",\s+(?:including|such as|especially|for example|e\.g\.)\s", re.IGNORECASE)


def _item_follows(text: str, following: Line | None, clause: bool = False, *, ends_list: bool = False) -> bool | None:
    """The next line reads as a list item too (True), as prose a heading would head (False), or
    there is none, or it starts a paragraph of its own (None). After bare items (``ends_list``),
    prose ends the list (None): the line before it is the last item, not a heading."""
    if following is None or following.blank_before:
        return None  # the list ends here (a heading would head what follows it)
    body = _BRACKETED.sub("", text[following.start : following.end]).strip()
    if following.item or (not body.endswith(":") and len(body.split()) <= MAX_ITEM_WORDS and item_like(body, clause=clause)):
        return True
    if body.endswith(":") and len(body.split()) <= MAX_ITEM_WORDS:
        return None  # the lead-in of a list within the list ("Having certain genetic conditions, such as:")
    return None if ends_list or (len(body.split()) <= MAX_HEADING_WORDS and not re.search(r"[.!?:]$", body)) else False


_BRACKETED = re.compile(r"\s*\([^()]*\)")
_GLOSS_AFTER = re.compile(r",\s|\s[—–-]\s|\s\(")


def _line_segments(text: str, line: Line, heading_starts: frozenset[int], following: Line | None) -> list[Segment]:
    if line.furniture:
        span = _trim(text, line.start, line.end)
        return [_segment(text, *span, "sentence", line, boilerplate=True)] if span else []
    if line.start in heading_starts:
        span = _trim(text, line.start, line.end)
        return [_segment(text, *span, "heading", line, marked=True)] if span else []
    fields = _flat_infobox(text, line.start, line.end)
    if fields:  # "Specialty Hematology Symptoms Anemia, pallor Complications ...": an infobox scraped onto one line
        before = fields[0][0][0]
        result = _line_segments(text, replace(line, end=before), heading_starts, None) if before > line.start else []
        for label, value, caption in fields:
            result += [_segment(text, *label, "lead-in", line), _segment(text, *value, "item", line)]
            result += [_segment(text, *caption, "sentence", line, boilerplate=True)] if caption else []
        return result
    infobox = _INFOBOX_ROW.match(text, line.start, line.end)
    if infobox:  # "Symptoms<TAB>Fever, tiredness, pallor": a label and its value
        value = _trim(text, infobox.end(), line.end)
        label = [_segment(text, line.start, infobox.end("label"), "lead-in", line)]
        return label + ([_segment(text, *value, "item", line)] if value else [])
    if line.item:
        bullet = BULLET.match(text, line.start, line.end)
        assert bullet is not None
        # two items a paste put on one line, a wide gap between them ("Aching bones      Swollen glands")
        gaps = list(_WIDE_GAP.finditer(text, bullet.end(), line.end))
        starts = [bullet.end(), *(gap.end() for gap in gaps)]
        ends = [*(gap.start() for gap in gaps), line.end]
        spans = [_trim(text, a, b) for a, b in zip(starts, ends)]
        return [_segment(text, *span, "item", line) for span in spans if span]
    inline = _inline_list(text, line.start, line.end)
    if inline is not None:  # "include: 1. Fever 2. Bone pain", "these:- a rash- red eyes": a flattened list
        before, items, after = inline
        return [
            *(_line_segments(text, replace(line, end=before), heading_starts, None) if before > line.start else []),
            *(_segment(text, *span, "item", line) for span in items),
            *(_line_segments(text, replace(line, start=after), heading_starts, following) if after < line.end else []),
        ]
    pieces = _sentences(text, line.start, line.end)
    result = []
    for piece_start, piece_end in pieces:
        edit = _EDIT_LINK.match(text, piece_start, piece_end)
        if edit is not None:  # "Lungs[edit] Lung involvement may cause ...": an encyclopaedia's heading a scrape ran on
            result.append(_segment(text, piece_start, edit.end("heading"), "heading", line))
            rest = _trim(text, edit.end(), piece_end)
            if rest is None:
                continue
            piece_start = rest[0]
        body = _FOOTNOTES_AT_END.sub("", text[piece_start:piece_end])  # "do less well.[6]" ends a sentence
        words = len(body.split())
        if body.endswith(":") or (
            len(pieces) == 1 and following is not None and following.item and words >= 4 and _LEAD_IN_END.search(body)
        ):
            kind: SegmentKind = "lead-in"
        elif _QUESTION_END.search(body) and len(_QUESTION_END.sub("?", body).split()) <= MAX_HEADING_WORDS + 2:
            kind = "heading"
        elif result and result[-1].kind == "lead-in" and result[-1].text.isupper() and words >= 4:
            kind = "sentence"  # "KEY POINT: "Acute" = develops over weeks": what a call-out's label says
        elif not re.search(r"[.!;,]$", body) and not body[0].islower() and (
            words <= MAX_HEADING_WORDS or (body.isupper() and words <= 2 * MAX_HEADING_WORDS)
        ):
            kind = "heading"  # (a banner in capitals may run longer)
        else:
            kind = "sentence"
        # what a chrome label says on its line is chrome too ("Filed under: Diagnosis, Induction")
        labelled = bool(result) and result[-1].kind == "lead-in" and result[-1].boilerplate
        result.append(_segment(text, piece_start, piece_end, kind, line, boilerplate=labelled))
    return result


_EDIT_LINK = re.compile(r"(?P<heading>[A-Z][\w ,'’&/-]{0,60}?)[ \t]*\[edit\][ \t]*")
"""An encyclopaedia's heading with its "[edit]" link, at the start of a run-on line's sentence."""
_ENUMERATOR = re.compile(r"(?:(?<=[\s:])|^)\(?(?P<number>\d{1,2})[.)][ \t\u00a0]+(?=[A-Za-z(\"“])")
"""A list number inside a line ("1. ", "2) ", "(3) ") before an item's first word."""
_GLUED_BULLET = re.compile(r"(?<=[\w).,:])[-–•*][ \t]+(?=[\w'‘\"“(])|(?<=[\w).,:\"”’]) [•▪·][ \t]+(?=[\w'‘\"“(])")
"""A bullet a scrape glued to the end of the item or lead-in before it ("these:- a rash- red eyes")."""
_NEXT_CAPITAL = re.compile(r"\b(?P<word>[a-z]+)\s+(?=[A-Z])")
"""The capital that opens the next sentence after an item's last word ("tiredness Factors that ...")."""
_LAST_ITEM_END = re.compile(r"[.!?;:](?=\s|$)|\s(?=[©|•]|\d+\s)|" + _NEXT_CAPITAL.pattern)
"""Where the last item of a flattened numbered list may end: its full stop, a footer's sign or
number, or the capital that opens the next sentence."""
_ITEM_TAIL = re.compile(r"(?:[;,.:]|\s+(?:and|or))+$")
"""What ends an item of a list written as a sentence ("(1) fever; (2) pallor; and (3) ...")."""
_NAME_FOLLOWS = frozenset("as like with of and or the to from including called by in for".split())
"""Words after which a capital starts a name, not a sentence ("such as Down syndrome", "with ALL")."""


_FIELD_ORDER = (
    "Other names", "Pronunciation", "Specialty", "Symptoms", "Complications", "Usual onset", "Duration", "Types", "Causes",
    "Risk factors", "Diagnostic method", "Differential diagnosis", "Prevention", "Treatment", "Medication", "Prognosis",
    "Frequency", "Deaths",
)
"""The field names of an encyclopaedia's infobox of a medical condition, in its order and words."""
_INFOBOX_FIELD = re.compile(rf"(?<=\S )(?:{'|'.join(_FIELD_ORDER)})(?= \S)")
_NOT_A_VALUE = re.compile(r"[|&>»›]|(?<![\w.,–-])\d{1,2}(?:\.\d{1,2})*(?:\s+[A-Z]|$)")
"""What no infobox value holds: a menu's separators, a table of contents' numbers ("2.1 Genetics")."""
_CAPTION = re.compile(r"(?<=[a-z]) (?=(?:A|An|The) [a-z])")
"""Where an image's caption starts after a field's value ("... red cell aplasia A triphalangeal thumb, one of...")."""


def _flat_infobox(text: str, start: int, end: int) -> list[tuple[tuple[int, int], tuple[int, int], tuple[int, int] | None]] | None:
    """An infobox flattened onto one line by a scrape, as (label, value, caption) spans: three or
    more distinct field names on the line, each value running to the next field (an image's
    caption cut off it)."""
    found = list(_INFOBOX_FIELD.finditer(text, start, end))
    order = [_FIELD_ORDER.index(m.group()) for m in found]
    if len(found) < 3 or order != sorted(set(order)):
        return None  # (the fields stand in the infobox's order, each once)
    fields = []
    for index, field in enumerate(found):
        value_end = found[index + 1].start() if index + 1 < len(found) else end
        caption = _CAPTION.search(text, field.end(), value_end)
        value = _trim(text, field.end(), caption.start() if caption else value_end)
        if value is None or _NOT_A_VALUE.search(text, *value):
            return None  # a menu ("Symptoms | Causes | Diagnosis"), a table of contents ("2 Causes 2.1 Genetics")
        fields.append(((field.start(), field.end()), value, _trim(text, caption.end(), value_end) if caption else None))
    return fields if any("," in text[a:b] for _, (a, b), _ in fields) else None


def _inline_list(text: str, start: int, end: int) -> tuple[int, list[tuple[int, int]], int] | None:
    """A list a scrape ran into one line: numbered ("include: 1. Fever 2. Bone pain 3. Pale skin")
    or with its bullets glued on ("these:- a rash- red eyes- cracked lips"). Where it begins, its
    items' spans and where the line goes on after it; every item but the last must be an item's
    length, or it is no list."""
    numbered = _numbered(text, start, end)
    markers = numbered or _glued_bullets(text, start, end)
    if len(markers) < 2:
        return None
    items = [_trim(text, a.end(), b.start()) or (a.end(), a.end()) for a, b in zip(markers, markers[1:])]
    after = end
    if numbered:
        for stop in _LAST_ITEM_END.finditer(text, markers[-1].end(), end):
            if stop.group("word") not in _NAME_FOLLOWS:
                after = stop.end() if stop.group() in ".!?;" else stop.end("word") if stop.group("word") else stop.start()
                break
    else:  # a glued list runs to the next sentence ("...• FeverRisk factors include:• ...")
        boundary = _BOUNDARY.search(text, markers[-1].end(), end)
        after = boundary.start() if boundary else end
        if text.find(":", markers[-1].end(), after) >= 0:  # ... or into the next lead-in ("• Fever Factors that ... include:")
            turn = _NEXT_CAPITAL.search(text, markers[-1].end(), after)
            after = turn.end("word") if turn else after
    items.append(_trim(text, markers[-1].end(), after) or (after, after))
    spans = [(a, a + len(_ITEM_TAIL.sub("", text[a:b]))) for a, b in items]
    return markers[0].start(), [span for span in spans if span[1] > span[0]], after


def _numbered(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The numbers of a numbered list in a line: they run 1, 2, 3..."""
    if text.find("1.", start, end) < 0 and text.find("1)", start, end) < 0:
        return []  # (every such list has its first number)
    markers: list[re.Match[str]] = []
    for marker in _ENUMERATOR.finditer(text, start, end):
        number = int(marker.group("number"))
        if number == 1 and len(markers) > 1:
            break  # a second list begins
        if number == len(markers) + 1:
            if markers and len(text[markers[-1].end() : marker.start()].split()) > MAX_ITEM_WORDS:
                break  # the last item ran on into prose
            markers.append(marker)
    return markers if len(markers) > 1 else []


def _glued_bullets(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The bullets of a list glued on after a lead-in's colon ("several of these:- a rash- ..."),
    three items or more, none longer than an item."""
    lead = text.find(":", start, end)
    if lead < 0:
        return []
    boundary = _BOUNDARY.search(text, lead + 1, end)  # (the list ends where the next sentence starts)
    markers = list(_GLUED_BULLET.finditer(text, lead, boundary.start() if boundary else end))
    if len(markers) < 3 or markers[0].start() != lead + 1:
        return []
    next_lead = next((i for i, (a, b) in enumerate(zip(markers, markers[1:]), 1) if ":" in text[a.end() : b.start()]), None)
    markers = markers[:next_lead]  # (the list ends at the next lead-in's bullets: "• Fever Factors ... include: • Smoking")
    if any(len(text[a.end() : b.start()].split()) > MAX_ITEM_WORDS for a, b in zip(markers, markers[1:])):
        return []
    return markers


_WIDE_GAP = re.compile(r"(?<=\S)(?: {5,}|[ \u00a0]*[\uf0b7•▪][ \u00a0]+)(?=[A-Z])")
"""Five spaces or more, or a bullet, inside an item before a capital: where a second item begins."""
_RUN_IN = re.compile(r"\s*(?P<label>[^.:;!?\n]{2,60}?)\s*[.:]\s+(?=\S)")
"""An item's run-in heading: its first words up to a full stop or colon ("Signs depend on where
the tumor is. A tumor in the belly can ...", a bold label in HTML)."""


def run_in(text: str, item: Segment) -> tuple[str, list[Segment]] | None:
    """An item that opens with a run-in heading of a section type ("Outlook.", "Signs depend on
    where the tumor is."): that type, and the sentences after the heading, each a segment."""
    label = _RUN_IN.match(text, item.start, item.end)
    if label is None or len(label.group("label").split()) > 8:
        return None
    kind = section_type(label.group("label"))
    if kind == "other":
        return None
    return kind, [
        replace(item, start=start, end=end, text=text[start:end], kind="sentence")
        for start, end in _sentences(text, label.end(), item.end)
    ]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of a logical line, with a footnote number that starts one moved off it."""
    pieces = []
    cursor = start
    for boundary in _BOUNDARY.finditer(text, start, end):
        cut = boundary.end()
        if (
            _ABBREVIATION.search(text, cursor, boundary.start())
            or _NUMBERED_LABEL.fullmatch(text, cursor, boundary.start())
            or cut <= cursor
        ):
            continue
        pieces.append((cursor, cut))
        cursor = cut
    pieces.append((cursor, end))
    result = []
    for piece_start, piece_end in pieces:
        footnote = _FOOTNOTE_START.match(text, piece_start, piece_end)
        if footnote and result:
            piece_start = footnote.end()
        span = _trim(text, piece_start, piece_end)
        if span:
            result.append(span)
    return result


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _segment(
    text: str,
    start: int,
    end: int,
    kind: SegmentKind,
    line: Line,
    *,
    boilerplate: bool = False,
    marked: bool = False,
    table: bool = False,
) -> Segment:
    body = text[start:end]
    chrome = boilerplate or _is_chrome(body) or (not table and _link_list(body)) or (kind == "heading" and _wordless(body))
    return Segment(start, end, body, kind, line.number, chrome, marked)


def _is_chrome(body: str) -> bool:
    if not _chrome_hints().find_matches_as_indexes(body.lower()):
        return False
    return bool(_CHROME.search(body)) or (len(body.split()) <= _SHORT_CHROME_WORDS and bool(_SHORT_CHROME.search(body)))


@lru_cache(maxsize=1)
def _chrome_hints() -> Any:
    """One automaton of ``_CHROME_HINTS``: a line is read once, whatever the number of hints."""
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(_CHROME_HINTS)


def _wordless(body: str) -> bool:
    """A short line without a word: a vote counter ("▲ 48 ▼"), a rule of stars (as a heading: a lone ":" may lead in)."""
    return len(body) <= 24 and not any(c.isalpha() for c in body)


def _link_list(body: str) -> bool:
    """A menu flattened into a line: several short labels separated by "|" or wide spaces."""
    parts = [p for p in re.split(r"\s*\|\s*|\t+| {3,}", body) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 5 for p in parts)
