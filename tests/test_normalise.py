"""The normal form of words: every way a page writes a word, and the ontology's way, agree."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from allkg.lexicon import open_lexicon
from allkg.lexicon.normalise import NORMALISER_VERSION, normal_phrase, normal_word, words
from allkg.lexicon.store import SECTION
from allkg.resources import data_path


@pytest.mark.parametrize(
    ("uk", "us"),
    [
        ("leukaemia", "leukemia"), ("anaemia", "anemia"), ("haemoglobin", "hemoglobin"),
        ("paediatric", "pediatric"), ("oedema", "edema"), ("oesophagus", "esophagus"),
        ("diarrhoea", "diarrhea"), ("coeliac", "celiac"), ("foetal", "fetal"), ("tumour", "tumor"),
        ("behaviour", "behavior"), ("favourable", "favorable"), ("centre", "center"), ("fibres", "fibers"),
        ("immunised", "immunized"), ("organisation", "organization"), ("paralysed", "paralyzed"),
    ],
)
def test_uk_and_us_spellings_are_one_word(uk: str, us: str):
    assert normal_word(uk) == normal_word(us)


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("lymphocytes", "lymphocyte"), ("bruises", "bruise"), ("allergies", "allergy"), ("rashes", "rash"),
        ("illnesses", "illness"), ("abscesses", "abscess"), ("reflexes", "reflex"), ("infections", "infection"),
        ("headaches", "headache"), ("backaches", "backache"), ("aches", "ache"),
        ("coaches", "coach"), ("reaches", "reach"), ("LEUKAEMIAS", "leukemia"),
    ],
)
def test_a_plural_is_its_singular(plural: str, singular: str):
    assert normal_word(plural) == normal_word(singular)


@pytest.mark.parametrize("word", ["virus", "lupus", "illness", "this", "has", "was"])
def test_a_word_ending_in_s_that_is_no_plural_is_left_alone(word: str):
    assert normal_word(word) == word


@pytest.mark.parametrize(
    ("possessive", "plain"),
    [("Down's syndrome", "Down syndrome"), ("Hodgkin’s lymphoma", "Hodgkin lymphoma"),
     ("CHILDREN'S HOSPITAL", "children hospital"), ("parents' history", "parent history")],
)
def test_a_possessive_is_the_plain_word(possessive: str, plain: str):
    assert normal_phrase(possessive) == normal_phrase(plain)


def test_an_acronym_is_marked_only_in_capitals_and_only_when_the_lexicon_knows_it():
    known = frozenset({"#all", "#cml"})
    assert normal_word("ALL") == "#all"  # the lexicon's own side: any word in capitals of 2-5 letters
    assert normal_word("ALL", known) == "#all"
    assert normal_word("ALL's", known) == "#all"
    assert normal_word("All", known) == normal_word("all", known) == "all"
    assert normal_word("THE", known) == "the"  # capitals the lexicon knows no acronym for
    assert normal_word("SYMPTOMS", known) == "symptom"  # too long for an acronym


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("fatigue1", ["fatigue", "1"]),
        ("fatigue[3]", ["fatigue", "3"]),
        ("fatigue¹²", ["fatigue"]),
        ("B-cell", ["B", "cell"]),
        ("non-Hodgkin/Hodgkin", ["non", "Hodgkin", "Hodgkin"]),
        ("leu\u00adkaemia", ["leu\u00adkaemia"]),  # a soft hyphen (&shy;) is no break
    ],
)
def test_footnote_marks_hyphens_and_slashes_split_words(text: str, found: list[str]):
    matches = list(words(text))
    assert [m.group() for m in matches] == found
    assert all(text[m.start() : m.end()] == m.group() for m in matches)  # spans index the text


def test_hyphens_and_soft_hyphens_give_the_forms_the_lexicon_holds():
    assert normal_phrase("B-cell") == normal_phrase("B cell") == "b cell"
    assert normal_phrase("leu\u00adkaemia") == normal_phrase("leukemia")
    assert normal_phrase("fatigue1") == "fatigue 1"


def test_a_line_broken_hyphenated_word_is_not_joined():
    # "leu-" at a line's end then "kaemia": the text cannot tell it from a real hyphen
    assert [m.group() for m in words("leu-\nkaemia")] == ["leu", "kaemia"]


def test_a_lexicon_made_by_another_normaliser_is_refused(tmp_path: Path):
    shipped = data_path("lexicon.txt.gz")
    assert open_lexicon(shipped, overlay=[]).releases  # made with this one
    header, *sections = gzip.decompress(shipped.read_bytes()).decode("utf-8").split(SECTION)
    older = json.loads(header) | {"normaliser": NORMALISER_VERSION - 1}
    stale = tmp_path / "lexicon.txt.gz"
    stale.write_bytes(gzip.compress(SECTION.join([json.dumps(older), *sections]).encode("utf-8")))
    with pytest.raises(ValueError, match="another version of the normaliser: run `allkg make-lexicon`"):
        open_lexicon(stale, overlay=[])


@pytest.mark.parametrize(("past", "present"), [("felt tired", "feel tired"), ("bruised easily", "bruise easily"),
                                               ("looked pale", "look pale"), ("gums bled", "gums bleed")])
def test_the_past_tense_of_a_lay_signs_verb_is_its_present(past: str, present: str):
    assert normal_phrase(past) == normal_phrase(present)


@pytest.mark.parametrize("word", ["enlarged", "swollen", "had", "tired"])
def test_no_other_past_or_participle_loses_its_ending(word: str):
    assert normal_word(word) == word
