"""Reading a page, in stages that hand their results one way:

read (``allkg.source``, ``allkg.html``: bytes -> text) -> structure (``structure/``: lines,
segments, typed sections, lists) -> mentions (``lexicon.find``: every surface form of the
ontologies and our overlay on the page) -> facts (``facts/``: the disease, its names,
lists and sentences read into facts with evidence).
"""

from __future__ import annotations

from allkg.extract.facts import read_facts
from allkg.extract.structure import structure
from allkg.facts import Extraction
from allkg.lexicon import Lexicon
from allkg.source import SourceDocument


def extract(document: SourceDocument, lexicon: Lexicon) -> Extraction:
    """Read one page into facts with evidence; what cannot be grounded is reported."""
    layout = structure(document.text, frozenset(document.headings))
    mentions = lexicon.find(document.text)
    return read_facts(document, layout, mentions, lexicon)
