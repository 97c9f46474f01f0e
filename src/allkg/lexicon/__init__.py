"""The lexicon the extractor grounds to: ontology terms from the releases, plus our overlay.

- ``generate``: a maintainer's step, the ontologies' releases -> ``data/lexicon.txt.gz``;
- ``store``: that file's layout; ``overlay``: our own vocabulary (``ontology/vocabulary.ttl``);
- ``normalise``: words in normal form (both sides); ``matcher``: finding and grounding;
- ``concepts``: what is handed on (concepts, groundings, kinds and branches).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from allkg.lexicon.concepts import CLASS_BY_KIND, KIND_BY_CLASS, Concept, Grounding
from allkg.lexicon.matcher import Lexicon, Mention, PageMentions, Release, page_label
from allkg.lexicon.normalise import NORMALISER_VERSION
from allkg.lexicon.overlay import read_overlay
from allkg.lexicon.store import read_lexicon

__all__ = [
    "CLASS_BY_KIND",
    "KIND_BY_CLASS",
    "Concept",
    "Grounding",
    "Lexicon",
    "Mention",
    "PageMentions",
    "Release",
    "load_lexicon",
    "open_lexicon",
    "page_label",
]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon (``allkg/data/lexicon.txt.gz``) with our overlay, read once per process."""
    from allkg.resources import data_path

    return open_lexicon(data_path("lexicon.txt.gz"))


def open_lexicon(path: Path, overlay: list[Concept] | None = None) -> Lexicon:
    """A lexicon file (as ``allkg make-lexicon`` writes it) with an overlay (default: our vocabulary)."""
    stored = read_lexicon(path)
    if stored.header.get("normaliser") != NORMALISER_VERSION:
        raise ValueError(f"{path} was made by another version of the normaliser: run `allkg make-lexicon`")
    return Lexicon(stored, read_overlay() if overlay is None else overlay)
