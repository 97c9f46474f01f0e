"""Words as the lexicon compares them: one normal form for every way a page writes a word.

Both sides go through the same function: the ontology labels and synonyms when the
lexicon is generated, and the page's words when it is read. So "Leukaemias",
"leukemia" and "LEUKEMIA" are one word, "Down's syndrome" is "Down syndrome",
"B-cell" is "B cell", "fatigue1" (a footnote digit stuck on) is "fatigue" then "1", and a
soft hyphen (HTML's ``&shy;``) is no break.

- accents are dropped ("Waldenström" is "Waldenstrom");
- case is folded, except for acronyms: a word in capitals of two to five letters is
  ``#``-marked when the lexicon knows it as an acronym ("ALL" names a disease, "all"
  does not);
- a possessive "'s" is dropped (first, so "ALL's" is the acronym "ALL");
- British spellings become American (ae -> e, oe- -> e-, -our -> -or, -tre/-bre -> -ter/-ber,
  -ise -> -ize, -yse -> -yze): applied to both sides, so a rare wrong rewrite only
  makes two forms of the same word agree;
- a plural "s" is dropped (-ies -> -y, -sses/-ches/-shes/-xes -> -s/-ch/-sh/-x, but
  -aches -> -ache: "headaches" is "headache", not "headach");
- the past tense of the verbs lay names of signs open with is their present ("I felt tired",
  "she bruised easily", "his tummy looked swollen", "my gums bled"): a closed list, so no
  adjective loses its "-ed" ("enlarged", "swollen" stay), and not "had" ("had chemotherapy"
  is no "have chemotherapy").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

NORMALISER_VERSION = 4
"""Bumped whenever a rule changes: the shipped lexicon records the version it was made with."""

_LETTERS = r"[^\W\d_¹²³⁰-⁹]"
WORD = re.compile(rf"{_LETTERS}+(?:['’\u00ad]{_LETTERS}+)*|\d+")
"""A word (letters, with inner apostrophes or soft hyphens) or a number; hyphens, slashes and
footnote marks split words. A hyphen that breaks a word at the end of a line ("leu-" then
"kaemia") is not undone: the text cannot tell it from a real hyphen ("self-" then "esteem")."""

_ACRONYM = re.compile(r"[A-Z]{2,5}")
_POSSESSIVE = re.compile(r"['’][sS]$")
_BRITISH = (
    (re.compile(r"ae"), "e"),  # leukaemia, anaemia, haem-, paediatric, aetiology, faeces
    (re.compile(r"^oe(?=[dst])"), "e"),  # oedema, oesophagus, oestrogen
    (re.compile(r"(?<=rrh)oea"), "ea"),  # diarrhoea, gonorrhoea
    (re.compile(r"^(?=c|f)(\w)oe"), r"\1e"),  # coeliac, foetal
    (re.compile(r"(?<=\w{3})our(?=$|s$|al|able|ed$|ing$|ite)"), "or"),  # tumour, behaviour, favourable
    (re.compile(r"(?<=\w{2})([tb])re(?=s?$)"), r"\1er"),  # centre, litre, fibre
    (re.compile(r"(?<=\w{3})is(?=e$|ed$|es$|ing$|ation)"), "iz"),  # immunised, organisation
    (re.compile(r"(?<=\w{2})ys(?=e$|ed$|es$|ing$)"), "yz"),  # paralysed, analyse
)
_PAST = {
    "felt": "feel", "looked": "look", "seemed": "seem", "bruised": "bruise", "bled": "bleed", "got": "get",
    "kept": "keep", "lost": "lose", "became": "become", "ached": "ache", "swelled": "swell", "coughed": "cough",
    "vomited": "vomit", "fainted": "faint", "itched": "itch", "wheezed": "wheeze", "sweated": "sweat",
}
"""Past tenses of the verbs of lay signs, to their present (both sides: "looked pale" is "look pale")."""
_PLURAL = (
    (re.compile(r"(?<=\w)(?<![eo])aches$"), "ache"),  # headaches, backaches (not reaches, coaches)
    (re.compile(r"(?<=\w{2})ies$"), "y"),
    (re.compile(r"(?<=\w{2})(ss|ch|sh|x)es$"), r"\1"),
    (re.compile(r"(?<=\w{3})(?<![sui'’])s$"), ""),
)


@lru_cache(maxsize=200_000)
def normal_word(word: str, acronyms: frozenset[str] = frozenset()) -> str:
    """The normal form of one word. ``acronyms`` are the ``#``-marked forms the lexicon
    knows; with the default (none), any capitalised word of 2-5 letters is one (the
    lexicon's own side)."""
    word = _POSSESSIVE.sub("", word.replace("\u00ad", ""))
    if _ACRONYM.fullmatch(word):
        marked = "#" + word.lower()
        if not acronyms or marked in acronyms:
            return marked
    lowered = _plain_letters(word).casefold()
    lowered = _PAST.get(lowered, lowered)
    for pattern, replacement in _BRITISH:
        lowered = pattern.sub(replacement, lowered)
    for pattern, replacement in _PLURAL:
        changed = pattern.sub(replacement, lowered)
        if changed != lowered:
            return changed
    return lowered


def _plain_letters(word: str) -> str:
    """Letters without their accents ("Waldenström" is "Waldenstrom", "Ménière" "Meniere")."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def words(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """The words of ``text[start:end]``, as matches (their spans index ``text``)."""
    return WORD.finditer(text, start, len(text) if end is None else end)


def normal_phrase(phrase: str, acronyms: frozenset[str] = frozenset()) -> str:
    """A phrase's normal form: its words' normal forms joined by single spaces."""
    return " ".join(normal_word(m.group(), acronyms) for m in words(phrase))
