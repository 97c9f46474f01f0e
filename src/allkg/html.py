"""HTML pages -> the text allkg reads, with their structure kept.

libxml2 (through lxml) parses the page into a tree: its time stayed linear in
the page's size on every hostile page tried (the standard library's parser and
lexbor's did not), and it stops at a nesting depth of 256 (such a page is refused).
The tree is walked once: block elements end lines, list items become "- "
lines (so lists stay lists), headings stand on their own line and their
offsets are recorded, and what is not the page's own text is dropped with all
it holds: scripts, styles, menus, forms, asides (but for a box of prose in the
main text), hidden elements (but for an accordion's answers, which a script shows:
read under their question, and a tab's panel), footnote
markers (<sup>1</sup>, which would otherwise stick to the word before them)
and page chrome named by its markup (a cookie dialog, breadcrumbs, share,
newsletter, promotion and "related" blocks, sidebars). A footer is dropped too,
except its copyright line (the publisher). Offsets in the graph point into the
text this module returns. The comparison with other readers (the standard
library's parser, selectolax, trafilatura, jusText) is ``benchmarks/bench_html.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

SKIPPED = frozenset(
    {"script", "style", "nav", "noscript", "template", "form", "svg", "button", "iframe", "aside", "select", "sup"}
)
"""Elements whose text is never the page's: scripts, menus, forms, asides, and footnote markers."""
_SKIPPED_ROLES = frozenset({"navigation", "complementary"})
"""ARIA roles that make any element a menu or an aside."""
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)
"""Elements that start and end a line of text."""
_CHROME_WORDS = re.compile(
    r"cookie|consent|banner|breadcrumb|crumbs?\b|share|social|newsletter|promo|advert|related|sidebar", re.IGNORECASE
)
"""Words of a class or id that name page chrome rather than the page's text."""
_CHROME_ROLES = frozenset({"dialog", "alertdialog"})
"""A cookie or newsletter pop-up is a dialog."""
_CONTENT = ("main", "article", "h1")
"""What chrome never holds: an element holding one of these is a layout wrapper, whatever its class says."""
_COPYRIGHT = re.compile(r"©|\bcopyright\b", re.IGNORECASE)
MAX_DEPTH = 256
"""libxml2's nesting limit for HTML: past it the parser stops, so such a page is refused, not cut short."""


class HTMLPageError(ValueError):
    """The page cannot be read as HTML (the reason, without the page's name)."""


_LABEL_CELL = "\ue000"
"""Stands for the tab between an infobox row's label and its value until the line's spaces are
normalised (a tab of the page's own source is a space)."""


class TextLines:
    """The page's text as it is built, one line per block, from the start and end of elements.

    Any parser's walk can feed it (``open``, ``close``, ``text``); ``result`` gives the text
    and the offsets of the lines that were headings."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._current: list[str] = []
        self._footer_depth = 0
        self._heading_depth = 0
        self._heading_lines: list[int] = []

    def open(self, tag: str) -> None:
        if tag in BLOCKS:
            self.end_line()
        if tag == "footer":
            self._footer_depth += 1
        elif tag in HEADINGS:
            self._heading_depth += 1
        elif tag == "li":
            self._current.append("- ")

    def close(self, tag: str) -> None:
        if tag in BLOCKS:
            self.end_line()
        if tag == "footer" and self._footer_depth:
            self._footer_depth -= 1
        elif tag in HEADINGS and self._heading_depth:
            self._heading_depth -= 1

    def text(self, data: str) -> None:
        self._current.append(data.replace(_LABEL_CELL, ""))

    def cell(self, separator: str = " | ") -> None:
        """A data table's cell starts: on its row's line, after ``separator`` when a cell came before."""
        if "".join(self._current).strip():
            self._current.append(separator)

    def end_line(self) -> None:
        line = " ".join("".join(self._current).split()).replace(_LABEL_CELL, "\t")
        self._current = []
        if not line or line == "-":
            return
        if self._footer_depth:
            if _COPYRIGHT.search(line):
                self.lines.append(line)
            return
        if self._heading_depth:
            self._heading_lines.append(len(self.lines))
        self.lines.append(line)

    def result(self) -> tuple[str, tuple[int, ...]]:
        """The text (every line ending in a newline) and the offsets where its heading lines start."""
        self.end_line()
        starts, offset = [], 0
        headings = set(self._heading_lines)
        for index, line in enumerate(self.lines):
            if index in headings:
                starts.append(offset)
            offset += len(line) + 1
        return "\n".join(self.lines) + "\n", tuple(starts)


def is_skipped(tag: str, attribute: Callable[[str], str | None]) -> bool:
    """An element never read: one of ``SKIPPED``, hidden, or a menu or aside by its ARIA role."""
    return (
        tag in SKIPPED
        or attribute("hidden") is not None
        or attribute("aria-hidden") == "true"
        or attribute("role") in _SKIPPED_ROLES
    )


def names_chrome(attribute: Callable[[str], str | None]) -> bool:
    """Page chrome by its markup: a dialog, or a class or id with a word of ``_CHROME_WORDS``."""
    if attribute("role") in _CHROME_ROLES:
        return True
    return bool(_CHROME_WORDS.search(f"{attribute('class') or ''} {attribute('id') or ''}"))


def looks_like_html(text: str) -> bool:
    """A page that starts like an HTML document."""
    head = text.lstrip()[:512].casefold()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def html_to_text(markup: str, *, drop_chrome: bool = True) -> tuple[str, str | None, tuple[int, ...]]:
    """The page's readable text (one block per line, list items as "- " lines), its <title>, and
    the offsets in that text where its headings (h1-h6) start. ``drop_chrome``: also drop the
    elements ``names_chrome`` recognises. Raises :class:`HTMLPageError` for a page nested too deep."""
    from lxml import etree
    from lxml.html import HTMLParser

    parser = HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, default_doctype=False)
    root = etree.fromstring(markup.encode("utf-8"), parser)
    _refuse_if_cut_short(parser.error_log)
    if root is None:
        return "\n", None, ()
    title_element = next(root.iterfind("head/title"), None)
    title = (" ".join(title_element.text_content().split()) or None) if title_element is not None else None
    body = root.find("body")
    if body is None:
        return "\n", title, ()
    dropped = _chrome(body) if drop_chrome else set()
    questions, answers = _disclosures(body) if "aria-expanded" in markup or "tabpanel" in markup else (set(), set())
    answers |= _boxes(body) if "<aside" in markup else set()
    lines = TextLines()
    walk = etree.iterwalk(body, events=("start", "end"))
    skipping = None  # the element being skipped: its end comes right after its start
    tables: list[bool] = []  # for each table open around the walk: does it hold data (not layout)?
    row: list[str] = []  # the cells of the table row being read, by tag
    for event, element in walk:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table":
            if event == "start":
                tables.append(_holds_data(element))
            elif tables:
                tables.pop()
        if tag == "tr" and event == "start":
            row = []
        if tables and tables[-1] and tag in _CELL_TAGS:  # a row is a line, its cells split by " | ", as the structure stage reads tables
            if event == "start" and tag in ("td", "th"):
                # an infobox row ("Other names" over its value): a label and its value, as text infoboxes give them
                lines.cell(_LABEL_CELL if row == ["th"] and tag == "td" else " | ")
                row.append(tag)
            if element.text and event == "start":
                lines.text(element.text)
            if element.tail and event == "end":
                lines.text(element.tail)
            if tag == "tr" or tag == "caption":
                lines.end_line()
            continue
        if element in questions:
            tag = "h6"  # an accordion's question is the heading of its answer
        if event == "start":
            if tag == "sup" and next(element.iter(*BLOCKS), None) is not None:
                continue  # an unclosed <sup> the parser let swallow the blocks after it: only its marker goes
            hidden = is_skipped(tag, element.get) and not _names_a_heading(element) and element not in answers
            if element in dropped or hidden:
                skipping = element
                walk.skip_subtree()
                if tag in BLOCKS:
                    lines.end_line()
                continue
            lines.open(tag)
            if element.text:
                lines.text(element.text)
        else:
            if element is skipping:
                skipping = None
            else:
                lines.close(tag)
            if element.tail:
                lines.text(element.tail)
    text, headings = lines.result()
    return text, title, headings


_CELL_TAGS = frozenset({"td", "th", "tr", "thead", "tbody", "tfoot", "p", "caption"})
"""What a data table's rows are made of (a cell's one paragraph included)."""
_LAYOUT_TAGS = frozenset({"table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "div", "section", "form", "article"})
MAX_TABLE_ELEMENTS = 2000
"""A table with more elements than this is read as layout, not scanned further (linear time)."""


def _holds_data(table: Any) -> bool:
    """A table of data: its cells hold text, at most one paragraph each, and no headings, lists,
    blocks or tables (which a table laying out a page has)."""
    paragraphs: Counter[Any] = Counter()
    for count, element in enumerate(table.iterdescendants()):
        if count >= MAX_TABLE_ELEMENTS or element.tag in _LAYOUT_TAGS:
            return False
        if element.tag == "p":
            paragraphs[element.getparent()] += 1
            if paragraphs[element.getparent()] > 1:
                return False
    return True


def _names_a_heading(element: Any) -> bool:
    """A button that is a heading's text: an accordion's question ("<h3><button>What is ALL?")."""
    return element.tag == "button" and any(a.tag in HEADINGS for a in element.iterancestors())


def _disclosures(body: Any) -> tuple[set[Any], set[Any]]:
    """An accordion's questions and answers: a control that shows or hides a panel
    (``aria-expanded``) and the panel it controls (by ``aria-controls``, else the element after
    it or after its heading), kept though hidden (a script shows it) when it holds prose, not
    only links (a menu's panel). A tab's panel holding prose is kept the same way (a script shows
    it when its tab is chosen)."""
    questions: set[Any] = set()
    answers = {panel for panel in body.xpath("descendant::*[@role='tabpanel']") if _prose(panel)}
    controls = body.xpath("descendant::*[@aria-expanded]")
    if not controls:
        return questions, answers
    by_id: dict[str, Any] = {}
    for element in body.xpath("descendant::*[@id]"):
        by_id.setdefault(element.get("id"), element)
    prose: dict[Any, bool] = {}  # each panel measured once, however many controls name it
    for control in controls:
        panels = [by_id[name] for name in (control.get("aria-controls") or "").split() if name in by_id]
        if not panels:
            anchor = next((a for a in control.iterancestors() if a.tag in HEADINGS), control)
            following = anchor.getnext()
            panels = [following] if following is not None else []
        for panel in panels:
            if panel not in prose:
                prose[panel] = _prose(panel)
        kept = [panel for panel in panels if prose[panel]]
        if kept:
            answers.update(kept)
            if control.tag != "a" and not any(a.tag in HEADINGS for a in control.iterancestors()):
                questions.add(control)
    return questions, answers


def _boxes(body: Any) -> set[Any]:
    """The asides of the page's main text that hold prose (a "Did you know?" or key-facts box),
    read with it; a sidebar of links, or one its markup names as chrome, is not."""
    return {aside for aside in body.xpath("descendant::main//aside | descendant::article//aside") if _prose(aside)}


def _prose(panel: Any) -> bool:
    """A panel that holds more text outside links than in them."""
    text = len(" ".join(panel.itertext()).split())
    linked = sum(len(" ".join(a.itertext()).split()) for a in panel.iter("a"))
    return text > 2 * linked


def _refuse_if_cut_short(errors: Any) -> None:
    """Refuse a page libxml2 stopped reading at one of its limits (nesting depth, one text of
    10 MB): it keeps what it read so far, and a page read in part is not read. ``errors``: the
    parser's error log."""
    for error in errors:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            if "depth" in error.message:
                raise HTMLPageError(f"the HTML is nested deeper than {MAX_DEPTH} elements")
            raise HTMLPageError(f"the HTML parser's limit: {error.message.strip()}")


def _chrome(body: Any) -> set[Any]:
    """The elements of the body that ``names_chrome`` recognises, but none that holds content."""
    candidates = body.xpath("descendant::*[@class or @id or @role]")
    return {
        element
        for element in candidates
        if element.tag not in _CONTENT
        and names_chrome(element.get)
        and next(element.iter(*_CONTENT), None) is None
    }
