"""Finding and grounding with the shipped lexicon: leftmost-longest mentions, the overlay in
an ontology term's place, the fuzzy fallback, lookup, ancestors, and the per-page automaton
giving what the full automaton gives. (Linear time in the page: benchmarks/bench_extract.py.)"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from allkg.lexicon import Lexicon, load_lexicon, open_lexicon
from allkg.lexicon.concepts import obo_iri
from allkg.lexicon.matcher import FUZZY_CUTOFF, _content_words
from allkg.lexicon.normalise import normal_phrase
from allkg.resources import data_path
from allkg.source import read_source

REPO = Path(__file__).resolve().parents[1]
LEXICON = load_lexicon()


def texts(lexicon: Lexicon, text: str, kind: str | None = None) -> list[tuple[str, int]]:
    return [(m.text, m.start) for m in lexicon.find(text).within(0, len(text), kind)]


def test_mentions_are_leftmost_longest():
    text = "B-cell acute lymphoblastic leukaemia starts in the bone marrow."
    # the longest form at a place wins ("acute lymphoblastic leukaemia", "leukaemia" and "bone" lose)
    assert texts(LEXICON, text) == [("B-cell acute lymphoblastic leukaemia", 0), ("bone marrow", 51)]
    assert texts(LEXICON, text, "disease") == [("B-cell acute lymphoblastic leukaemia", 0)]
    # of two overlapping forms of a kind, the one that starts first wins
    text = "weight loss of appetite"
    assert [(m.text, m.start) for m in LEXICON.find(text)._found] == [("weight loss", 0), ("loss of appetite", 7)]
    assert texts(LEXICON, text, "symptom") == [("weight loss", 0)]
    # only the forms inside [start, end) count, for within() and nested() alike
    found = LEXICON.find("fever, then bone pain")
    for pick in (found.within, found.nested):
        assert [m.text for m in pick(7, 21, "symptom")] == ["bone pain"]
        assert [m.text for m in pick(0, 5, "symptom")] == ["fever"]
        assert [m.text for m in pick(0, 4, "symptom")] == []  # "fever" does not end inside
        assert [m.text for m in pick(13, 21, "symptom")] == ["pain"]  # "bone pain" starts before
        assert [m.text for m in pick(12, 16, "anatomy")] == ["bone"]


def test_nested_finds_a_form_of_one_kind_inside_a_longer_form_of_another():
    text = "B-cell acute lymphoblastic leukaemia"
    assert [(m.text, m.start) for m in LEXICON.find(text).nested(0, len(text), "cell-type")] == [("B-cell", 0)]
    text = "bone marrow cells"
    assert [m.text for m in LEXICON.find(text).nested(0, len(text), "anatomy")] == ["bone marrow"]


def test_the_overlay_takes_the_place_of_the_ontology_term_it_is_an_exact_match_of():
    fatigue = LEXICON.concepts["symptom/fatigue"]
    assert ("exactMatch", obo_iri("HP:0012378")) in fatigue.mappings
    assert "tired" not in fatigue.surface_forms  # HPO's layperson synonym, not ours ...
    tired = LEXICON.lookup("tired", "symptom")
    assert tired is not None and tired.concept is fatigue and tired.scope == "layperson"  # ... still our concept
    tiredness = LEXICON.lookup("tiredness", "symptom")  # one of our own forms
    assert tiredness is not None and tiredness.concept is fatigue and tiredness.scope == "curated"
    # an ontology term no overlay concept claims is a concept of its own, with its release
    assert not any(concept.pref_label == "hepatomegaly" for concept in LEXICON.concepts.values())
    liver = LEXICON.lookup("hepatomegaly", "symptom")
    assert liver is not None and liver.concept.path == "symptom/hepatomegaly" and liver.scope == "label"
    assert liver.concept.mappings == (("exactMatch", obo_iri("HP:0002240")),)
    assert liver.concept.release == LEXICON.releases["hp"].iri


def _every_form(kind: str) -> list[str]:
    """The content words of every form that can name ``kind``."""
    return LEXICON._choices(kind).words


def _best(phrase: str, kind: str, cutoff: float = 0) -> tuple[str, float, int] | None:
    """rapidfuzz's own answer: the best token-sort score of the phrase against every form of ``kind``."""
    query = _content_words(normal_phrase(phrase, LEXICON._acronyms))
    return process.extractOne(query, _every_form(kind), scorer=fuzz.token_sort_ratio, score_cutoff=cutoff)


def _best_score(phrase: str, kind: str) -> float:
    return _best(phrase, kind)[1]


@pytest.mark.parametrize(
    ("phrase", "curie"),
    [
        ("pale skinn", "HP:0000980"),
        ("shortness of breth", "HP:0002094"),
        ("unexplained weight losss", "HP:0001824"),
        ("brusing easily", "HP:0000978"),
    ],
)
def test_fuzzy_gives_a_close_match_with_its_score(phrase: str, curie: str):
    grounding = LEXICON.fuzzy(phrase, "symptom")
    assert grounding is not None and grounding.scope == "fuzzy"
    assert grounding.concept.mappings == (("closeMatch", obo_iri(curie)),)
    assert grounding.concept.pref_label == phrase  # the page's phrase, mapped to the term it is close to
    assert FUZZY_CUTOFF / 100 <= grounding.concept.score < 1
    assert grounding.concept.score == round(_best_score(phrase, "symptom") / 100, 3)


@pytest.mark.parametrize("phrase", ["a feeling of dread", "trouble with money", "feeling out of sorts"])
def test_fuzzy_gives_nothing_below_the_cutoff(phrase: str):
    assert _best_score(phrase, "symptom") < FUZZY_CUTOFF
    assert LEXICON.fuzzy(phrase, "symptom") is None


@pytest.mark.parametrize(
    ("phrase", "kind", "curie"),
    [
        ("bone pains and aches", "symptom", "HP:0002653"),
        ("exposure to very high levels of radiation", "risk-factor", "ECTO:0000001"),
    ],
)
def test_fuzzy_names_the_concept_whose_form_the_phrase_spells_out_with_words_between(phrase, kind, curie):
    assert _best_score(phrase, kind) < FUZZY_CUTOFF  # no close match ...
    grounding = LEXICON.fuzzy(phrase, kind)  # ... but a form's words, in order, a few words apart
    assert grounding is not None and grounding.scope != "fuzzy"
    assert ("exactMatch", obo_iri(curie)) in grounding.concept.mappings


def test_fuzzy_compares_only_forms_sharing_a_word_and_finds_at_least_what_a_full_scan_finds():
    every = _every_form("risk-factor")
    picker = random.Random(9)
    vocabulary = [word for words in every[::7] for word in words.split()]
    phrases = [" ".join(picker.sample(vocabulary, picker.randint(1, 4))) for _ in range(50)]
    phrases += [words[:-1] + "x" for words in picker.sample(every, 60) if len(words) > 8]  # near misses and hits
    hits = 0
    for phrase in phrases:
        full = _best(phrase, "risk-factor", FUZZY_CUTOFF)
        found = LEXICON.fuzzy(phrase, "risk-factor")
        if full is not None and full[1] < 100 and " " in phrase:  # (a whole form is an exact match, not a fuzzy one;
            # one word must also be spelled like a one-word form: see the test below)
            assert found is not None and found.concept.score >= round(full[1] / 100, 3), phrase
            hits += 1
    assert hits > 20
    # a one-word phrase with a typo shares no word with any form, yet is found
    assert LEXICON.fuzzy("alcoholisn", "risk-factor") is not None


def test_lookup_names_a_concept_only_when_the_whole_phrase_is_its_form():
    whole = LEXICON.lookup("acute lymphoblastic leukaemia", "disease")
    assert whole is not None and obo_iri("DOID:9952") in dict((iri, p) for p, iri in whole.concept.mappings)
    assert LEXICON.lookup("ALL", "disease").concept == whole.concept
    assert LEXICON.lookup("acute lymphoblastic leukaemia in children", "disease") is None
    assert LEXICON.lookup("all", "disease") is None
    assert LEXICON.lookup("bone marrow", "symptom") is None  # a form, but of another kind


def test_ancestors_follow_is_a_through_the_kept_terms():
    all_ = LEXICON.lookup("ALL", "disease").concept
    assert {"DOID:1240", "DOID:162"} <= LEXICON.ancestors(all_)  # leukemia, cancer
    assert "DOID:4" not in LEXICON.ancestors(all_)  # the root is no term
    assert LEXICON.curies(all_) >= {"DOID:9952", "MONDO:0004967"}
    assert LEXICON.label_of(obo_iri("MONDO:0004967")) == "acute lymphoblastic leukemia"


def test_the_per_page_automaton_and_the_full_automaton_find_the_same_mentions():
    pages = sorted((REPO / "corpus" / "dev").glob("*.txt")) + sorted((REPO / "corpus" / "dev").glob("*.html"))
    text = read_source(pages[0]).text
    fresh = open_lexicon(data_path("lexicon.txt.gz"))
    per_page = fresh.find(text)
    assert fresh._automaton is None  # a first page gets its own small automaton
    seasoned = open_lexicon(data_path("lexicon.txt.gz"))
    for page in pages:  # read pages until the lexicon builds its one full automaton
        seasoned.find(read_source(page).text)
        if seasoned._automaton is not None:
            break
    assert seasoned._automaton is not None
    full = seasoned.find(text)
    assert per_page._found == full._found and len(full._found) > 100


@pytest.mark.parametrize(("phrase", "curie"), [("enlarged spleen", "HP:0001744"), ("big liver", "HP:0002240")])
def test_a_sign_named_by_an_organs_size_is_said_large_enlarged_or_big(phrase: str, curie: str):
    # HPO names splenomegaly "Large spleen" (layperson); pages say "enlarged" or "big" as often
    found = LEXICON.lookup(phrase, "symptom")
    assert found is not None and ("exactMatch", obo_iri(curie)) in found.concept.mappings
    assert LEXICON.lookup("enlarged intestine", "anatomy") is None  # anatomy's "large intestine" is a name


def test_a_close_match_named_as_our_concept_is_our_concept():
    # the page's phrase, as a label, is our vocabulary's "bleeding": one entity, described once
    grounding = LEXICON.fuzzy("• Bleeding", "symptom")
    assert grounding is not None and grounding.concept is LEXICON.concepts["symptom/bleeding"]
    assert grounding.scope == "curated"


def test_one_word_is_close_only_to_a_word_spelled_like_it():
    assert LEXICON.fuzzy("white", "risk-factor") is None  # cut to five letters, "whitehead" reads "white"
    vomit = LEXICON.fuzzy("vomit", "symptom")
    assert vomit is not None and ("closeMatch", obo_iri("HP:0002013")) in vomit.concept.mappings


def test_a_close_match_maps_to_the_term_and_to_every_id_the_term_is_an_exact_match_of():
    exact = LEXICON.lookup("Epstein-Barr virus infection", "risk-factor")
    close = LEXICON.fuzzy("infection with Epstein-Barr virus", "risk-factor")
    assert exact is not None and close is not None and close.scope == "fuzzy"
    exact_ids = {iri for prop, iri in exact.concept.mappings if prop == "exactMatch"}
    assert len(exact_ids) >= 2  # the DO term and its MONDO match
    assert {iri for prop, iri in close.concept.mappings if prop == "closeMatch"} == exact_ids


def test_an_acronym_with_a_digit_right_after_it_is_a_gene_symbol_not_the_acronym():
    def found(text: str) -> list[str]:
        return [m.text for m in LEXICON.find(text).within(0, len(text))]

    assert found("changes in RB1 and TP53") == []  # not RB, retinoblastoma
    assert "RB" in found("retinoblastoma (RB) is rare") and "NF1" in found("NF1 raises the risk")
    assert "fatigue" in found("fatigue1 and tiredness")  # a footnote digit on a word still comes off
