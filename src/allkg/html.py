"""HTML pages -> the text allkg reads, with their structure kept.

A real HTML parser (the standard library's, which follows the HTML5
tokenizer closely enough for text) walks the page: block elements end
lines, list items become "- " lines (so lists stay lists), headings stand
on their own line, and navigation, scripts, styles, forms and asides are
dropped. A footer is dropped too, except its copyright line (the publisher).
Offsets in the graph point into the text this module returns.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIPPED = frozenset(
    {"script", "style", "nav", "noscript", "template", "form", "svg", "button", "iframe", "aside", "select", "head", "sup"}
)
"""Elements whose text is never the page's: scripts, menus, forms, asides, and footnote
markers (<sup>1</sup>), which would otherwise stick to the word before them."""
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset(
    {
        "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section", "table",
        "tbody", "td", "th", "thead", "tr", "ul",
    }
)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.footer_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.heading_depth = 0
        self.heading_lines: list[int] = []
        """Indexes (in ``lines``) of the lines that were headings."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        hidden = any(name == "hidden" or (name == "aria-hidden" and value == "true") for name, value in attrs)
        if tag in _SKIPPED or (hidden and tag not in _VOID):
            if tag not in _VOID:
                self.skip_depth += 1
            return
        if tag == "footer":
            self.footer_depth += 1
        if tag in _BLOCKS or tag in _HEADINGS:
            self._end_line()
        if tag in _HEADINGS:
            self.heading_depth += 1
        if tag == "li" and not self.skip_depth:
            self.current.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIPPED and self.skip_depth:
            self.skip_depth -= 1
            return
        if tag == "footer" and self.footer_depth:
            self.footer_depth -= 1
        if tag in _BLOCKS or tag in _HEADINGS:
            self._end_line()
        if tag in _HEADINGS and self.heading_depth:
            self.heading_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip_depth:
            return
        self.current.append(data)

    def _end_line(self) -> None:
        line = " ".join("".join(self.current).split())
        self.current = []
        if not line or line == "-":
            return
        if self.footer_depth:
            if re.search(r"©|\bcopyright\b", line, re.IGNORECASE):
                self.lines.append(line)
            return
        if self.heading_depth:
            self.heading_lines.append(len(self.lines))
        self.lines.append(line)

    def text(self) -> str:
        self._end_line()
        return "\n".join(self.lines) + "\n"


def looks_like_html(text: str) -> bool:
    """A page that starts like an HTML document."""
    head = text.lstrip()[:512].casefold()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def html_to_text(markup: str) -> tuple[str, str | None, tuple[int, ...]]:
    """The page's readable text (one block per line, list items as "- " lines), its <title>, and
    the offsets in that text where its headings (h1-h6) start."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    title = " ".join("".join(parser.title).split()) or None
    text = parser.text()
    starts, offset = [], 0
    headings = set(parser.heading_lines)
    for index, line in enumerate(parser.lines):
        if index in headings:
            starts.append(offset)
        offset += len(line) + 1
    return text, title, tuple(starts)
