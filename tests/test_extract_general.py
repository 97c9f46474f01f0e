"""The extractor works from structure and cues, not from the seed page's strings."""

from __future__ import annotations

import re

import pytest

from allkg.extract import extract
from allkg.lexicon import load_lexicon
from allkg.extract.structure import structure
from allkg.extract.structure.lines import logical_lines
from allkg.source import decode_source

LEXICON = load_lexicon()
FOOTER = "Privacy policy. © 2025 Example Hospital. All rights reserved."


def facts(text: str, kind: str | None = None):
    result = extract(decode_source(text.encode(), name="page.txt"), LEXICON)
    for fact in result.facts:
        quote_spans = [result.document.text[s.start : s.end] for s in fact.evidence]
        assert all(quote_spans)
    return [f for f in result.facts if kind is None or f.kind == kind], result


def labels(found) -> set[str]:
    return {f.object.label for f in found}


@pytest.mark.parametrize(
    "page",
    [
        # displaced after the footer, run together
        "Acute lymphoblastic leukemia (ALL) is a cancer of the blood. Things that raise the risk of ALL include:"
        f"{FOOTER}Living near a power line.Having an identical twin with ALL.",
        # in place, run together
        "Acute lymphoblastic leukemia is a cancer of the blood. Risk factors for it include:"
        "Living near a power line.Having an identical twin with ALL.What are the symptoms?",
        # in place, bulleted
        "Acute lymphoblastic leukemia is a cancer of the blood.\nRisk factors include:\n- Living near a power line\n"
        "* Having an identical twin with ALL\n\nMore text follows here.",
        # numbered
        "Acute lymphoblastic leukemia is a cancer of the blood.\nRisk factors include:\n1. Living near a power line\n"
        "2) Having an identical twin with ALL\n",
    ],
)
def test_risk_factor_lists_in_any_shape(page):
    found, result = facts(page, "risk-factor")
    assert labels(found) == {"living near a power line", "having an identical twin with ALL"}
    # not in the lexicon: kept as local, ungrounded concepts, with a warning; never a guessed ID
    assert all(f.object.concept is None for f in found)
    assert all(f.grounding == "ungrounded" for f in found)
    assert sum("not in the lexicon" in w for w in result.warnings) == 2


def test_displaced_list_goes_to_the_lead_in_its_items_match():
    page = (
        "Acute lymphoblastic leukemia is a cancer of the blood. Symptoms may include:"
        "See a doctor if you are worried about any of these problems for more than a week. "
        "Factors that increase the risk include:"
        f"{FOOTER}Exposure to radiation.Genetic disorders."
    )
    found, result = facts(page, "risk-factor")
    assert labels(found) == {"exposure to radiation", "genetic disorders"}
    assert not [f for f in result.facts if f.kind == "symptom"]
    assert any("Symptoms may include" in w for w in result.warnings)


def test_short_link_texts_after_a_footer_are_not_a_list():
    page = "Acute lymphoblastic leukemia is a cancer of the blood. Risk factors include:" + FOOTER + "Careers."
    found, _ = facts(page, "risk-factor")
    assert found == []


def test_the_word_all_is_not_the_disease():
    page = (
        "Leukemia affects all ages. In all cases, doctors check the blood. "
        "All patients get tests. Risk factors include:\n- Living near a power line\n"
    )
    found, _ = facts(page)
    # the page is about leukaemia in general (DOID:1240), never ALL
    assert {f.subject.path for f in found if f.subject.kind == "disease"} == {"disease/leukemia"}
    found, result = facts("In all cases, doctors check the blood. All patients get tests. It affects all of us.")
    assert found == []
    assert any("no disease" in w for w in result.warnings)


def test_abbreviation_only_where_the_page_defines_or_uses_it():
    found, _ = facts("Acute lymphoblastic leukemia is a cancer of the blood. It affects ALL ages.", "abbreviation")
    assert found == []
    # a booklet that names the disease as "ALL" throughout
    found, _ = facts("What is ALL?\nALL is a cancer of the blood.\nALL is most common in children.", "abbreviation")
    assert [f.object.value for f in found] == ["ALL"]
    found, _ = facts("Acute lymphoblastic leukemia (ALL) is a cancer of the blood.", "abbreviation")
    assert [f.object.value for f in found] == ["ALL"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It is sometimes called acute lymphocytic leukemia or acute lymphoid leukemia.", {"acute lymphoid leukemia"}),
        ("Acute lymphoblastic leukemia is also called precursor lymphoblastic leukemia.", {"precursor lymphoblastic leukemia"}),
        ("Acute lymphoblastic leukemia may also be called lymphoblastic leukemia.", {"lymphoblastic leukemia"}),
        # quoted names are taken whole, brackets and all, and a list of them is split at the quotes
        ('Acute lymphoblastic leukemia is also called "ALL (type B)" or "B-ALL".', {"ALL (type B)", "B-ALL"}),
        ("Acute lymphoblastic leukemia is also known as \u201cpre-B leukaemia, variant\u201d.", {"pre-B leukaemia, variant"}),
        ('Acute lymphoblastic leukemia (also called "lymphoid leukemia (1)") is rare.', {"lymphoid leukemia (1)"}),
    ],
)
def test_synonym_cues(sentence, expected):
    page = f"Acute lymphoblastic leukemia (ALL) is a cancer of the blood and bone marrow. {sentence}"
    found, _ = facts(page, "synonym")
    assert {f.object.value for f in found} - {"ALL", "acute lymphoblastic leukemia"} == expected


def test_white_blood_cells_called_x_is_not_a_synonym():
    page = "Acute lymphoblastic leukemia is a cancer. It makes leukemic white blood cells called lymphoblasts."
    synonyms, _ = facts(page, "synonym")
    assert {f.object.value for f in synonyms} == {"acute lymphoblastic leukemia"}
    cells, _ = facts(page, "cell-type")
    assert labels(cells) == {"white blood cell", "lymphoblast"}


def test_another_disease_is_not_all():
    page = (
        "Acute myeloid leukemia (AML) is a cancer of the blood and bone marrow. "
        "Risk factors include:\n- Smoking\n- Exposure to radiation\n"
    )
    found, result = facts(page)
    diseases = {f.subject for f in found if f.subject.kind == "disease"}
    assert [d.path for d in diseases] == ["disease/acute-myeloid-leukemia"]
    [aml] = diseases
    assert aml.concept is not None and aml.concept.exact_ids == ("http://purl.obolibrary.org/obo/MONDO_0018874",)
    assert "smoking" in {f.object.label for f in found if f.kind == "risk-factor"}


def test_a_disease_missing_from_the_lexicon_is_reported_not_guessed():
    page = "Zorblax cell disease (ZCD) is a rare disease of the blood. Risk factors include:\n- Farming\n"
    found, result = facts(page)
    diseases = {f.subject for f in found if f.subject.kind == "disease"}
    assert [d.path for d in diseases] == ["disease/zorblax-cell-disease"]
    assert all(d.concept is None for d in diseases)
    assert any("not in the lexicon" in w and "zorblax cell disease" in w.lower() for w in result.warnings)


def test_a_disease_the_ontologies_know_is_grounded_from_them():
    found, _ = facts("Hairy cell leukemia (HCL) is a rare cancer of the blood. Risk factors include:\n- Farming\n")
    [disease] = {f.subject for f in found if f.subject.kind == "disease"}
    assert disease.concept is not None
    assert "http://purl.obolibrary.org/obo/DOID_285" in disease.concept.exact_ids


def test_run_on_sentences_are_split():
    layout = structure("The disease is rare.The word acute means fast.Risk factors include:Smoking.Living near a power line.")
    texts = [s.text for s in layout.segments]
    assert texts == ["The disease is rare.", "The word acute means fast.", "Risk factors include:", "Smoking.", "Living near a power line."]
    assert [i.text for i in layout.lists[0].items] == ["Smoking.", "Living near a power line."]


def test_possessive_is_not_an_age_group():
    page = "Acute lymphoblastic leukemia is a cancer of the blood. It can occur in your child's blood."
    found, _ = facts(page, "age-group")
    assert found == []


def test_risk_factors_with_their_explanations_in_a_run_on_scrape():
    page = (
        "Acute lymphocytic leukemia (ALL) is a cancer of the blood and bone marrow. "
        "Factors that may increase the risk of acute lymphocytic leukemia include:Previous cancer treatment. "
        "Children and adults who've had certain types of chemotherapy for other kinds of cancer may have an "
        "increased risk.Exposure to radiation. People exposed to very high levels of radiation have an increased "
        "risk of developing acute lymphocytic leukemia.Having a brother or sister with ALL. People who have a "
        "sibling with acute lymphocytic leukemia have an increased risk of ALL.Acute lymphocytic leukemia care at "
        "Example Clinic"
    )
    found, result = facts(page, "risk-factor")
    by_label = {f.object.label: f for f in found}
    assert set(by_label) == {"previous cancer treatment", "exposure to radiation", "having a brother or sister with ALL"}
    radiation = by_label["exposure to radiation"]
    assert radiation.explanation.startswith("People exposed to very high levels of radiation")
    quotes = [result.document.text[s.start : s.end] for s in radiation.evidence]
    assert radiation.explanation in quotes


def test_symptom_items_are_split_only_where_each_part_is_a_symptom():
    page = (
        "Acute lymphocytic leukemia is a cancer of the blood. Signs and symptoms may include:Bleeding from the gums."
        "Frequent or severe nosebleeds.Lumps caused by swollen lymph nodes in and around the neck, armpit or groin."
        "Weakness, fatigue or a general decrease in energy.Make an appointment with your doctor if you are worried."
    )
    found, _ = facts(page, "symptom")
    labels = {f.object.label for f in found}
    assert labels == {
        "gingival bleeding",
        "frequent or severe nosebleeds",  # one sign: a close match of HP:0000421 epistaxis
        "enlarged lymph nodes",  # what the lumps are caused by
        "weakness",
        "fatigue",
        "general decrease in energy",
    }


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Last reviewed: June 24, 2024", "2024-06-24"),
        ("Page last reviewed: 3 Sept 2023", "2023-09-03"),
        ("Medically reviewed by Jane Doe, MD on Mar. 3, 2025", "2025-03-03"),
        ("Reviewed 2022-11-05", "2022-11-05"),
        ("Last reviewed: February 30, 2024", None),  # no such day: nothing rather than a guess
        ("Last updated: June 24, 2024", None),  # an update is not a review
        ("Studies reviewed in 2020 found no link.", None),
    ],
)
def test_the_review_date_is_read_only_where_the_page_states_one(line, expected):
    _, result = facts(f"Acute lymphoblastic leukemia (ALL) is a cancer of the blood.\n{line}\n")
    assert result.last_reviewed == expected


def test_an_items_detail_adds_the_alternative_it_offers_and_the_signs_a_symptom_comes_from():
    found, _ = facts(
        "Waldenström macroglobulinemia is a rare lymphoma.\nSymptoms\n"
        "[ ] Blurred vision – or loss of vision\n"
        "[ ] Feeling full quickly – from an enlarged spleen or liver\n"
        "[ ] Headaches – new or unusual\n",
        "symptom",
    )
    assert {"blurred vision", "visual loss", "splenomegaly", "hepatomegaly", "headache"} <= labels(found)
    assert not {"unusual", "new"} & labels(found)


def test_the_signs_an_item_says_its_sign_comes_from_after_a_comma_or_in_brackets():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\nSymptoms of ALL include:\n"
        "- have a swollen tummy, because of an enlarged liver or spleen\n"
        "- A feeling of fullness in the belly (from a swollen spleen)\n"
        "- tiredness (from anaemia)\n"
        "- Petechiae (flat, pinpoint spots under the skin caused by bleeding)\n",
        "symptom",
    )
    names = labels(found)
    assert {"hepatomegaly", "splenomegaly", "feeling of fullness in the belly", "fatigue", "anemia"} <= names
    assert "petechiae" in names and "bleeding" not in names  # a gloss's own words are no cause


def test_a_gloss_after_several_signs_names_the_last_one_and_after_several_places_the_whole_sign():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\nSymptoms of ALL include:\n"
        "- Bruises that appear without a knock, nosebleeds, tiny red or purple spots on the skin (petechiae)\n"
        "- Lumps in your neck, armpits or groin (swollen glands)\n",
        "symptom",
    )
    assert labels(found) == {"easy bruising", "epistaxis", "petechiae", "enlarged lymph nodes"}


def test_a_gloss_that_names_the_cause_of_the_signs_before_it_keeps_them():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\nSymptoms of ALL include:\n"
        "- feeling very tired, weak or short of breath when you are active (anaemia)\n"
        "- feeling very tired or weak (fatigue)\n",
        "symptom",
    )
    assert labels(found) == {"fatigue", "weakness", "shortness of breath", "anemia"}


def test_an_items_detail_that_lists_things_of_its_kind_gives_them_and_keeps_the_label_only_if_named():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\nClinical presentation\n"
        "- Anaemia – fatigue, pallor, lethargy\n"
        "- Infiltration – bone pain, recurrent or severe infection\n",
        "symptom",
    )
    names = labels(found)
    assert {"anemia", "fatigue", "pallor", "lethargy", "bone pain"} <= names
    assert "Infiltration" not in names
    assert any(n.startswith("recurrent") and "infection" in n for n in names)  # one sign, "recurrent or severe"
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\nRisk factors\n"
        "- Radiation: high doses of radiation\n"
        "- Genetic syndromes: Down syndrome, Fanconi anemia and Bloom syndrome are all linked to it\n",
        "risk-factor",
    )
    names = labels(found)
    assert {"Down syndrome", "Fanconi anemia", "Bloom syndrome"} <= names
    assert not any("linked" in n for n in names)


def test_a_loose_match_compares_whole_words():
    # "predisposition" and "prediabetes" share their first five letters, not a word
    grounding = LEXICON.fuzzy("inherited cancer predisposition syndromes", "risk-factor")
    assert grounding is None or "prediabetes" not in grounding.concept.pref_label


def test_an_abbreviation_the_page_spells_out_names_its_disease_even_when_the_lexicon_lacks_it():
    page = (
        "Parents' FAQ\n1) What is JMML?\nJMML stands for juvenile myelomonocytic leukaemia. It is a rare blood cancer.\n"
        "2) Are some children more at risk?\nChildren with neurofibromatosis type 1 (NF1) have a higher chance.\n"
        "3) Why does JMML happen?\nJMML happens because of gene changes in the blood-forming cells.\n"
    )
    _, result = facts(page)
    assert {f.subject.label for f in result.facts if f.subject.kind == "disease"} == {"juvenile myelomonocytic leukemia"}
    assert {f.object.value for f in result.facts if f.kind == "abbreviation"} == {"JMML"}
    assert "neurofibromatosis type 1" in labels(f for f in result.facts if f.kind == "risk-factor")


def test_too_many_lists_after_a_footer_for_too_many_empty_lead_ins_are_dropped_with_a_warning():
    from allkg.extract.facts.lists import MAX_PLACEMENTS

    copies = int(MAX_PLACEMENTS**0.5) + 1
    block = (
        "Acute lymphoblastic leukemia (ALL) is a cancer of the blood. Things that raise the risk of ALL ({}) include:"
        f"{FOOTER}Living near a power line.Having an identical twin with ALL.\n"
    )
    _, one = facts(block.format(1))
    assert not any("too many to match up" in w for w in one.warnings)
    _, result = facts("".join(block.format(n) for n in range(copies)))  # (lines repeated are running headers)
    assert any("too many to match up" in w for w in result.warnings)


def test_a_tables_rows_name_its_symptoms_by_their_first_cell():
    found, _ = facts(
        "Type 2 diabetes is a common condition.\n"
        "Symptom | What you might notice | Why it happens\n"
        "Itching around the penis or vagina, or repeated thrush | Soreness | Yeast grows\n"
        "Losing weight without trying | Clothes feeling looser, loss of muscle bulk | Fat is used\n"
        "Blurred vision | Print looking fuzzy | The lens changes\n"
        "Date | Temp | Notes\n06/12/2025 | 98.9 | cranky\n06/13/2025 | 99.4 | called nurse\n06/14/2025 | 100.6 | fever\n",
        "symptom",
    )
    names = labels(found)
    assert {"pruritus", "weight loss", "blurred vision"} <= names
    assert not any(re.search(r"\d", n) for n in names)  # a diary's dates are no symptoms
    assert "vagina" not in names  # a place shared across "or", not a sign


def test_words_shared_across_or_are_distributed():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the blood.\nSymptoms include:\n"
        "- cuts or wounds taking longer to heal\n- bone or joint pain\n",
        "symptom",
    )
    assert {"cuts taking longer to heal", "wounds taking longer to heal", "bone pain", "joint pain"} <= labels(found)


def test_ages_in_numbers_are_the_group_they_make_up_or_a_group_of_their_own_narrower_than_one():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells. It is most common between the ages "
        "of 2 and 5. In adults it is most often diagnosed in people in their 30s.",
        "age-group",
    )
    by_label = {f.object.label: f.object for f in found}
    assert "young children" in by_label  # 2 to 5: most of the young-children group
    thirties = by_label["30 to 39"]  # a tenth of "young adults": a group of its own, narrower than it
    assert thirties.concept.alt_labels == ("in their 30s",)
    assert thirties.concept.mappings == (("broadMatch", "http://purl.obolibrary.org/obo/HP_0011462"),)


def test_a_statement_keeps_the_ages_in_the_numbers_its_group_stands_for():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells. It is most common between the ages "
        "of 2 and 5. It is rare in people over 65. In adults it is most often diagnosed in people in their 30s.",
        "epidemiology",
    )
    stated = {f.subject.path.split("/")[3]: f.object.value for f in found if f.predicate == "allkg:statedAges"}
    # (a group of its own is named by the numbers already: "30 to 39" says nothing more)
    assert stated == {"young-children": "between the ages of 2 and 5", "older-adults": "over 65"}


def test_an_open_age_range_is_a_group_only_when_it_covers_most_of_it():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells. Among adults it is most often "
        "found in people over 50. It is rare in people over 65. Half of all cases are in people under 25.",
        "age-group",
    )
    by_label = {f.object.label: f.object for f in found}
    assert by_label["over 50"].concept.mappings == (("broadMatch", "http://purl.obolibrary.org/obo/HP_0003581"),)
    assert "older adults" in by_label  # over 65: most of the late-onset group (60 on)
    assert by_label["under 25"].concept.mappings == ()  # no group of ours holds 0 to 25


def test_who_a_risk_factor_is_said_of_and_a_dangling_such_as_are_not_its_name():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\n"
        "A small number of children have a higher chance of developing ALL:\n"
        "a) children with certain rare inherited conditions, such as\n"
        "b) children who have had radiotherapy or chemotherapy for an earlier cancer\n"
        "c) exposure to chemicals such as benzene\n",
        "risk-factor",
    )
    names = labels(found)
    assert {"genetic disorders", "previous cancer treatment"} <= names  # our vocabulary's names for them
    assert not any(n.startswith("children") or n.endswith("such as") for n in names)
    assert any("chemical" in n for n in names)


def test_a_one_word_sign_and_its_place_are_one_sign_and_the_place_is_shared_across_or():
    found, _ = facts(
        "Non-Hodgkin lymphoma is a cancer of the lymphatic system.\nCommon signs and symptoms include:\n"
        "- pain or swelling in the belly\n- pain in the bones or joints\n- weakness, fatigue or a general decrease in energy\n",
        "symptom",
    )
    names = labels(found)
    assert "pain" not in names  # never the bare sign: the place says which
    assert {"abdominal pain", "swelling in the belly", "bone pain", "joint pain", "weakness", "fatigue"} <= names
    assert "weakness in energy" not in names


def test_a_form_of_the_disease_named_by_its_cell_gives_the_cell():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\n"
        "There are two main kinds: B-cell ALL, which most children have, and T-cell ALL.\n",
        "cell-type",
    )
    assert {"B cell", "T cell"} <= labels(found)


def test_a_body_part_a_cell_serves_or_that_acts_or_that_shares_a_sign_is_no_location():
    found, _ = facts(
        "Non-Hodgkin lymphoma is a cancer that begins in lymphocytes, the white blood cells that help the immune "
        "system fight infection. It most often starts in the lymph nodes. In some people the immune system attacks "
        "the cells. Non-Hodgkin lymphoma can cause bone or joint pain.",
        "anatomy",
    )
    names = labels(found)
    assert "lymph node" in names
    assert not {"immune system", "bone"} & names


def test_what_the_signs_look_like_is_read_in_the_ways_pages_say_it():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\n"
        "At first these signs can look a lot like the flu. A lot of these are like the symptoms of glandular fever. "
        "The first symptoms are easy to mistake for a stomach bug. At first it can look like an ordinary viral "
        "illness or mononucleosis, and a child with sore joints may be checked for juvenile arthritis. "
        "The symptoms overlap with many other problems - osteoarthritis and rheumatoid arthritis.\n",
        "resemblance",
    )
    assert {
        "influenza", "infectious mononucleosis", "gastroenteritis", "viral infectious disease", "osteoarthritis",
        "rheumatoid arthritis",
    } <= labels(found)


def test_a_treatment_section_gives_how_each_age_group_does_and_nothing_else():
    _, result = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\nTreatment\n"
        "Treatment is with chemotherapy, which can cause hair loss and tiredness. Children are treated in "
        "specialist centres. Most children with ALL make a full recovery. The outlook is not as good for adults, "
        "but many adults are also cured.\n"
    )
    kinds = {f.kind for f in result.facts}
    assert not {"symptom", "risk-factor", "epidemiology"} & kinds  # nothing else from treatment text
    outlooks = {
        (f.subject.path, f.object.name) for f in result.facts if f.predicate == "allkg:outlook"
    }
    about = {f.subject.path: f.object.label for f in result.facts if f.predicate == "allkg:aboutAgeGroup"}
    assert sorted((about[path], name) for path, name in outlooks) == [
        ("adults", "UnfavourableOutlook"), ("children", "FavourableOutlook")]


def test_illnesses_the_signs_look_like_are_no_signs():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\nWhat are the first signs?\n"
        "Children may be tired and pale. At first it can look like mononucleosis or juvenile arthritis. "
        "For a month her legs hurt at night and we honestly thought it was growing pains.\n",
        "symptom",
    )
    names = labels(found)
    assert "fatigue" in names
    assert not any("arthritis" in n or "mononucleosis" in n or n == "pain" for n in names)


def test_what_a_sign_felt_like_and_what_it_was_first_taken_for_are_no_signs():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a blood cancer.\nWhat did people notice?\n"
        "* exhausted, no energy, \"like I had mono\"\n* bruises out of nowhere\n"
        "A lot of us were first told it was the flu, a sinus infection, or just being run down.\n"
        "When symptoms appear, they are the same ones people had when they were first diagnosed: fevers and bone pain.\n",
        "symptom",
    )
    assert labels(found) == {"fatigue", "bruises out of nowhere", "fever", "bone pain"}


def test_risk_groups_myths_and_outlook_factors_are_not_risk_factors():
    page = (
        "Acute lymphoblastic leukaemia (ALL)\n\nAcute lymphoblastic leukaemia is a cancer of the white blood cells.\n\n"
        "Risk factors\nThings that can increase your risk of ALL include:\n- Down syndrome\n- previous chemotherapy\n\n"
        "Things that do not cause ALL\nThere is no evidence that mobile phones, power lines or vaccines cause ALL.\n\n"
        "Myths about ALL\nSome people think these raise the risk:\n- mobile phones\n- vaccines\n\n"
        "Risk groups\nDoctors put children into risk groups to plan treatment:\n- standard risk\n- high risk\n\n"
        "Factors that affect outlook\n- age at diagnosis\n- white blood cell count\n"
    )
    found, _ = facts(page, "risk-factor")
    assert labels(found) == {"Down syndrome", "previous cancer treatment"}


def test_a_risk_said_to_be_higher_if_names_its_factors():
    page = (
        "Acute lymphoblastic leukaemia (ALL)\n\nALL is a cancer of the white blood cells. "
        "Your risk of ALL is higher if you have Down syndrome. Your chance of getting it goes up if you smoke."
    )
    found, _ = facts(page, "risk-factor")
    assert labels(found) == {"Down syndrome", "smoking"}


def test_who_does_better_than_whom():
    _, result = facts(
        "Acute lymphoblastic leukaemia (ALL)\n\nALL is a cancer of the white blood cells.\n\n"
        "Outlook\nChildren generally do better than adults.\n"
    )
    outlooks = {(f.subject.path, f.object.name) for f in result.facts if f.predicate == "allkg:outlook"}
    about = {f.subject.path: f.object.label for f in result.facts if f.predicate == "allkg:aboutAgeGroup"}
    assert sorted((about[path], name) for path, name in outlooks) == [
        ("adults", "UnfavourableOutlook"), ("children", "FavourableOutlook")]


def test_an_item_the_page_doubts_is_no_fact_and_male_in_any_words_is_male_sex():
    found, _ = facts(
        "Acute myeloid leukaemia (AML)\n\nAML is a cancer of the blood and bone marrow.\n\nRisk factors\n"
        "Things that raise the risk of AML include:\n- Male gender\n- Smoking\n"
        "- Living near a nuclear power plant (this has not been proven)\n",
        "risk-factor",
    )
    assert labels(found) == {"male sex", "smoking"}


def test_risk_factors_as_sub_headings_of_causes_with_their_paragraphs():
    found, _ = facts(
        "Acute lymphoblastic leukaemia\n\nCauses\nIt happens when the bone marrow makes too many immature white "
        "blood cells. Certain things can increase your chance of getting it.\n\n"
        "Having radiotherapy or chemotherapy\nIf you have had radiotherapy or chemotherapy for another cancer, "
        "your risk is slightly higher.\n\nGenetic conditions\nChildren with Down's syndrome are about 20 times more "
        "likely to get ALL.\n\nSmoking\nSmoking increases your chances of getting acute leukaemia.\n\n"
        "Treatment\nChemotherapy is the main treatment. It increases the risk of infections such as shingles.\n",
        "risk-factor",
    )
    assert labels(found) == {"previous cancer treatment", "Down syndrome", "smoking"}


def test_signs_before_advice_in_one_run_on_sentence_and_lay_words_for_them():
    found, _ = facts(
        "Acute lymphoblastic leukaemia\n\nSymptoms\nYour child may:\n- look pale and feel tired all the time\n"
        "- feel sick or be sick\n\nIf leukaemia cells have got into the fluid around the brain your child may have "
        "headaches, fits or trouble with their eyesight so please tell the ward straight away if you notice any of these.\n"
        "Tell your doctor straight away if your child has a rash.\n\nGetting better\nChemotherapy can make you feel sick "
        "and lose your hair.\n",
        "symptom",
    )
    assert labels(found) == {"pallor", "fatigue", "nausea", "vomiting", "headache", "seizure", "visual impairment"}


def test_footnoted_sentences_end_at_their_footnote_and_a_gloss_names_no_risk_factor():
    _, result = facts(
        "Acute lymphoblastic leukemia\n\nPrognosis[edit]\nChildren aged 1 to 10 have the best outcome.[6] Infants and "
        "adolescents do less well.[6] Caught early, the outlook is excellent: more than 95% of children survive.\n\n"
        "Risk factors[edit]\nAbout 4 in 10 cases are associated with Epstein–Barr virus infection,[3] the same virus "
        "that causes glandular fever.[2] Boys are affected more often than girls.[2]\n",
    )
    outlooks = {(f.subject.path, f.object.name) for f in result.facts if f.predicate == "allkg:outlook"}
    about = {f.subject.path: f.object.label for f in result.facts if f.predicate == "allkg:aboutAgeGroup"}
    assert {(about[path], name) for path, name in outlooks} == {
        ("1 to 10", "FavourableOutlook"), ("children", "FavourableOutlook"),
        ("infants", "UnfavourableOutlook"), ("teenagers", "UnfavourableOutlook"),
    }
    risks = {f.object.label for f in result.facts if f.kind == "risk-factor"}
    assert "infectious mononucleosis" not in risks and "fever" not in risks and "male sex" in risks


def test_a_disease_named_mostly_by_a_short_name_the_page_defines_is_the_pages_disease():
    _, result = facts(
        "Mesothelioma Claims\n\nWhat is mesothelioma?\nMesothelioma, also called malignant mesothelioma, is a cancer "
        "of the thin layer of tissue that lines the chest. Asbestos also causes lung cancer.\n\n"
        "Symptoms of mesothelioma\nMesothelioma symptoms come late. Lung cancer is more common in smokers. "
        "Lung cancer and mesothelioma differ. Lung cancer is treated differently.\n",
    )
    assert {f.subject.label for f in result.facts if f.kind == "name"} == {"malignant mesothelioma"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Many of our patients were told at first they had flu.", {"influenza"}),
        ("A swollen tummy is often put down to constipation, and blood in the pee can be mistaken for a urine infection.",
         {"urinary tract infection", "constipation disorder"}),
        ("These signs can also be caused by pink eye or a lazy eye.", {"conjunctivitis", "amblyopia"}),
        ("It can be caused by Down syndrome.", set()),  # what causes the disease, not what else causes its signs
    ],
)
def test_illnesses_the_disease_is_taken_for(sentence, expected):
    found, _ = facts(f"Acute lymphoblastic leukaemia\n\nSymptoms\nALL is a cancer of the blood. {sentence}\n", "resemblance")
    assert labels(found) == expected


def test_signs_after_a_label_and_colon_in_a_sentence_and_a_news_sites_most_read_box():
    found, _ = facts(
        "Acute lymphoblastic leukaemia\n\nWho gets it?\nIt is the most common childhood cancer. Signs to look for: "
        "pale skin, tiredness, bone pain.\n\nMOST READ\nWoman, 40, says her headaches were a brain tumour\n",
        "symptom",
    )
    assert labels(found) == {"pallor", "fatigue", "bone pain"}


def test_signs_sharing_their_noun_are_each_named_with_it():
    found, _ = facts(
        "Retinoblastoma\n\nRetinoblastoma is a cancer of the eye.\n\nSigns of retinoblastoma include:\n"
        "* a red, sore or swollen eye with no infection\n* tender or swollen lymph nodes\n"
        "* Fevers or drenching night sweats\n* Pain or a feeling of fullness below the ribs on the left side\n",
        "symptom",
    )
    assert {"red eye", "fever", "night sweats", "enlarged lymph nodes", "pain below the ribs on the left side"} <= labels(found)
    assert not {"red", "pain feeling of fullness below the ribs on the left side"} & labels(found)


def test_risk_factors_in_general_and_those_a_page_calls_unproven_are_not_the_diseases():
    found, _ = facts(
        "Risk factors for acute lymphocytic leukemia\n\nA risk factor is anything that increases your chance of "
        "getting a disease. Some risk factors, like smoking, can be changed.\n\nKnown risk factors\n"
        "Certain inherited syndromes seem to raise the risk of ALL. These include:\nDown syndrome\nBloom syndrome\n"
        "Gender\nALL is slightly more common in males than in females.\n\n"
        "Uncertain, unproven or controversial risk factors\nOther factors that have been studied for a possible link "
        "to ALL include:\nExposure to electromagnetic fields\nSmoking\nExposure to hair dyes\n",
        "risk-factor",
    )
    assert labels(found) == {"genetic disorders", "Down syndrome", "Bloom syndrome", "male sex"}


def test_cells_of_normal_blood_are_no_facts_and_diseased_cells_are():
    found, _ = facts(
        "Acute lymphoblastic leukaemia\n\nAbout the blood\nThe bone marrow produces stem cells, which develop into red "
        "blood cells, white blood cells or platelets. Neutrophils fight bacterial infections.\n\nWhat is ALL?\n"
        "\"Lymphoblastic\" means it affects lymphocytes. Most cases arise from B-cell precursors. The lymphoblasts "
        "fill the bone marrow and suppress the normal production of red blood cells and platelets.\n",
        "cell-type",
    )
    assert labels(found) == {"lymphocyte", "B cell", "lymphoblast", "red blood cell", "platelet"}


def test_a_sign_named_in_an_items_explanation_and_after_a_slash_is_read():
    found, _ = facts(
        "Acute lymphoblastic leukaemia\n\nSymptoms include:\n- aching legs or arms - a younger child may limp\n"
        "- Bone or joint pain / limping\n- a swollen spleen\n- pale skin, not a rash\n",
        "symptom",
    )
    assert {"limp", "bone pain", "joint pain", "splenomegaly", "pallor"} <= labels(found)
    assert not {"bone", "rash"} & labels(found)


def test_a_labels_detail_names_the_signs_after_what_it_can_cause():
    found, _ = facts(
        "Acute lymphoblastic leukemia\n\nSymptoms\n- Fever: a temperature that keeps coming back.\n"
        "- Nervous system symptoms: If ALL spreads to the brain or spinal cord, it can cause headaches, vomiting, "
        "seizures, or blurred vision.\n",
        "symptom",
    )
    assert {"headache", "vomiting", "seizure", "blurred vision"} <= labels(found)
    assert not any(label.lower().startswith("if ") for label in labels(found))


def test_words_shared_up_to_a_preposition_and_a_relative_clauses_alternatives():
    found, _ = facts(
        "Von Willebrand disease\n\nSymptoms may include:\n- Heavy bleeding after dental work, childbirth or surgery\n"
        "- Nosebleeds that are frequent or hard to stop\n- Breasts that are tender or growing\n",
        "symptom",
    )
    assert {"heavy bleeding after dental work", "heavy bleeding after childbirth", "heavy bleeding after surgery",
            "epistaxis", "breasts that are tender", "breasts that are growing"} <= labels(found), labels(found)
    assert not any("dental childbirth" in label or label == "hard to stop" for label in labels(found))


def test_lists_of_another_disease_or_of_cancers_in_general_give_nothing_but_a_forms_list_does():
    found, _ = facts(
        "Acute lymphoblastic leukaemia\n\nALL is a cancer of the white blood cells.\n\nSymptoms of ALL\n- Fever\n- Bruising\n\n"
        "Symptoms of acute myeloid leukaemia\n- Swollen gums\n- Skin rash\n\n"
        "EARLY WARNING SIGNS OF CANCER IN CHILDREN (ALL TYPES)\n- A lump anywhere on the body\n- Headaches that keep getting worse\n",
        "symptom",
    )
    assert labels(found) == {"fever", "easy bruising"}
    found, _ = facts(
        "Mesothelioma\n\nMesothelioma is a cancer of the lining of the lungs or tummy.\n\nSymptoms\n"
        "Peritoneal mesothelioma (lining of the tummy):\n- tummy pain or swelling\n- diarrhoea\n",
        "symptom",
    )
    assert {"abdominal pain", "diarrhea"} <= labels(found), labels(found)


def test_a_change_in_a_named_gene_that_causes_the_disease_is_its_cause_in_the_pages_words():
    found, _ = facts(
        "Li-Fraumeni syndrome\n\nWhat causes it?\nLi-Fraumeni syndrome is caused by a harmful change (a pathogenic "
        "variant) in one copy of a gene called TP53. Most tumours have no change in a gene called IDH. Inherited changes "
        "in genes called ALK raise the risk of other cancers.\n",
        "cause",
    )
    assert labels(found) == {"harmful change (a pathogenic variant) in one copy of a gene called TP53"}


def test_organs_that_have_grown_larger_or_swollen_and_hard_to_breathe_are_signs():
    found, _ = facts(
        "Acute lymphoblastic leukemia\n\nSymptoms\nYour child's belly may feel full because the liver or spleen has grown "
        "larger. You might feel lumps in the neck where lymph nodes have swollen. A mass in the chest can make it hard to "
        "breathe, and they may not want to eat.\n",
        "symptom",
    )
    assert {"hepatomegaly", "splenomegaly", "enlarged lymph nodes", "shortness of breath", "loss of appetite"} <= labels(found)


def test_a_sentences_list_after_a_colon_that_names_signs_is_a_list_of_signs():
    found, _ = facts(
        "Acute lymphoblastic leukemia\n\nDEAR WORRIED: What your father went through is typical: exhaustion, breathlessness "
        "and easy bruising, along with paleness, fevers and infections that won't clear. There are four main types of "
        "leukemia: acute lymphoblastic leukemia, acute myeloid leukemia, chronic lymphocytic leukemia and chronic "
        "myeloid leukemia.\n",
        "symptom",
    )
    assert {"fatigue", "shortness of breath", "easy bruising", "pallor", "fever", "recurrent infections"} <= labels(found)
    assert not any("leukemia" in label for label in labels(found)), labels(found)


def test_when_a_sign_comes_is_no_part_of_its_name():
    found, _ = facts(
        "Acute lymphoblastic leukaemia\n\nSymptoms include:\n- swollen lymph glands\n- headaches or vomiting if the CNS is "
        "affected\n",
        "symptom",
    )
    assert labels(found) == {"enlarged lymph nodes", "headache", "vomiting"}, labels(found)


def test_parents_words_for_a_babys_signs_are_grounded():
    found, _ = facts(
        "Infant ALL\n\nWhat signs did parents notice?\nSigns include being pale and grizzly, sleeping much more than "
        "usual or being floppy, going off feeds, not gaining weight, fevers, and breathing fast.\n",
        "symptom",
    )
    assert labels(found) == {
        "pallor", "irritability", "hypersomnia", "hypotonia", "feeding difficulties", "failure to thrive", "fever", "tachypnea"
    }


def test_a_sentence_on_a_body_part_as_it_is_places_nothing_and_tubes_or_glands_name_no_place():
    found, _ = facts(
        "Bladder cancer\n\nWhat is bladder cancer?\nThe bladder is a hollow, muscular organ in the pelvis that stores "
        "urine. Urine is made by the kidneys and travels to the bladder through two tubes called ureters. Bladder cancer "
        "starts in the lining of the bladder. Spread to the lymph nodes (glands) is less common.\n",
        "anatomy",
    )
    assert labels(found) == {"bladder", "lymph node"}


def test_a_sentences_opening_place_opens_no_gloss():
    found, _ = facts(
        "Acute lymphoblastic leukemia\n\nWhat is ALL?\nALL is a cancer of the white blood cells. From the bone marrow, "
        "the blast cells enter the blood and may spread to the lymph nodes, liver and spleen.\n",
        "anatomy",
    )
    assert labels(found) == {"bone marrow", "blood", "lymph node", "liver", "spleen"}


def test_a_list_of_places_is_no_gloss_and_a_gloss_is_still_one():
    found, _ = facts(
        "Hairy cell leukaemia\n\nHairy cell leukaemia is a rare blood cancer. The abnormal B cells build up in the "
        "bone marrow, the blood and the spleen. It starts in the bone marrow, the spongy tissue inside the bones.\n",
        "anatomy",
    )
    assert labels(found) == {"bone marrow", "blood", "spleen"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The prognosis for adults is not as good as for children.", {("adults", "Unf"), ("children", "Fav")}),
        # a group bounded by numbers is one group, the bounded one (not adults in general too)
        ("In adults over 60, fewer than 2 in 10 survive for 5 years.", {("older adults", "Unf")}),
        ("The outlook is less good for children younger than 3.", {("under 3", "Unf")}),
        ("Babies under 12 months and teens have a lower chance of cure.", {("infants", "Unf"), ("teenagers", "Unf")}),
        ("The outlook is poorer for babies under 6 months.", {("under 6 months", "Unf")}),
        ("Most children and young adults whose cancer has not spread at diagnosis are cured.",
         {("children", "Fav"), ("young adults", "Fav")}),
        ("About 3 out of 4 children are alive five years later.", {("children", "Fav")}),
        ("Children aged between 1 and 10 generally do best.", {("1 to 10", "Fav")}),
        ("About 1 in 5 adults survive.", {("adults", "Unf")}),
        ("About 85 out of 100 children live 5 years or more.", {("children", "Fav")}),
        ("The 5-year survival rate for adults is about 40%.", {("adults", "Unf")}),
        ("ALL in adults is harder to treat.", {("adults", "Unf")}),
        ("Adults do not do as well as children.", {("adults", "Unf"), ("children", "Fav")}),
        ("About 90% of children survive, while in adults it is less than 45%.", {("adults", "Unf"), ("children", "Fav")}),
        ("Treatment works less well in adults, although results have been getting better.", {("adults", "Unf")}),
        ("More than 9 in every 10 children are alive five years on, and most of\nthem are cured.", {("children", "Fav")}),
        ("Most children recover completely within a few weeks.", {("children", "Fav")}),
        ("Babies and adults are more likely to become seriously ill.", {("infants", "Unf"), ("adults", "Unf")}),
    ],
)
def test_how_each_age_group_does_in_the_ways_pages_say_it(sentence, expected):
    _, result = facts(f"Acute lymphoblastic leukaemia (ALL)\n\nALL is a cancer of the white blood cells.\n\nOutlook\n{sentence}\n")
    about = {f.subject.path: f.object.label for f in result.facts if f.predicate == "allkg:aboutAgeGroup"}
    assert {(about[f.subject.path], f.object.name[:3]) for f in result.facts if f.predicate == "allkg:outlook"} == expected


def test_a_section_on_how_it_affects_a_child_gives_signs_and_who_can_catch_it_gives_ages():
    found, _ = facts(
        "Whooping cough\n\nWhooping cough is an infection of the lungs and airways.\n\nWho gets it?\nAnyone can catch "
        "whooping cough, including teenagers and adults. Most babies who need hospital care with it are less than 3 "
        "months old.\n\nHow will it affect my child?\nAt first your child may have a runny nose, watery eyes and a "
        "sore throat.\n",
    )
    assert {"teenagers", "adults", "under 3 months"} <= labels(f for f in found if f.kind == "age-group")
    assert {"rhinorrhea", "epiphora", "pharyngalgia"} <= labels(f for f in found if f.kind == "symptom")


def test_ethnic_groups_a_disease_is_more_common_in_are_risk_factors_as_the_page_names_them():
    found, result = facts(
        "Acute lymphoblastic leukaemia (ALL)\n\nWho gets ALL?\nIt is more common in people of Hispanic descent. "
        "It is more common in men, in white people, and in older adults. White blood cells are made in the bone "
        "marrow. It is not more common in Black people. It is much more common in people of white European "
        "descent than in people of Black African or East Asian descent.\n",
        "risk-factor",
    )
    assert labels(found) == {"male sex", "Hispanic descent", "white people", "white European descent"}
    found, _ = facts(
        "Hereditary spherocytosis (HS) is a disorder of the red blood cells.\n\nWho gets it?\nHS is most common in people "
        "of Northern European ancestry. It is also seen in people of Ashkenazi Jewish, Roma or Afrikaner heritage.\n",
        "risk-factor",
    )
    assert labels(found) == {"Northern European ancestry"}  # ("seen in": no more than elsewhere)
    assert all(f.grounding == "ungrounded" for f in found if f.object.label != "male sex")
    found, _ = facts(
        "Kawasaki disease is an illness of young children.\n\nWho gets it?\nChildren from a Japanese, Korean or "
        "Chinese family background have a much higher chance of getting it. It is more common in families of "
        "Ashkenazi Jewish, Roma or Afrikaner heritage.\n",
        "risk-factor",
    )
    assert labels(found) == {
        "Japanese family background", "Korean family background", "Chinese family background",
        "Ashkenazi Jewish heritage", "Roma heritage", "Afrikaner heritage",
    }


def test_an_aside_between_commas_inside_an_item_does_not_split_it():
    found, _ = facts(
        "Acute myeloid leukemia (AML)\n\nAML is a cancer of the blood.\n\nRisk factors include:\n"
        "- Having a brother or sister, especially an identical twin, with leukemia\n",
        "risk-factor",
    )
    assert labels(found) == {"having a brother or sister with leukemia"}


def test_a_relative_with_the_disease_in_a_sentence_on_risk_is_a_risk_factor_and_their_disease_is_not():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL)\n\nWho gets ALL?\nA child's risk is higher if they have a brother or "
        "sister with leukaemia. The identical twin of a child with ALL also has a higher risk. Having a parent with "
        "diabetes raises the risk. Your risk is not higher if your mother had breast cancer.\n",
        "risk-factor",
    )
    assert labels(found) == {"brother or sister with leukaemia", "identical twin of a child with ALL"}
    found, _ = facts(
        "Hereditary spherocytosis (HS) is a disorder of the red blood cells.\n\nWho gets it?\nIt is slightly more "
        "likely in a child whose brother or sister has had it. Each child of a parent with HS has a higher chance of having it.\n",
        "risk-factor",
    )
    assert labels(found) == {"brother or sister has had it", "parent with HS"}


def test_signs_a_sentence_lists_after_you_might():
    found, _ = facts(
        "Acute lymphoblastic leukaemia\n\nSymptoms\nAnaemia\nYou might look pale, feel tired and weak, and get short "
        "of breath easily.\nLow platelets\nYou may bruise more easily and get nosebleeds.\n",
        "symptom",
    )
    assert {"pallor", "fatigue", "shortness of breath", "easy bruising", "epistaxis"} <= labels(found)


def test_signs_named_by_the_sub_headings_of_a_symptoms_section():
    found, _ = facts(
        "Symptoms of acute lymphoblastic leukaemia\n\nThe symptoms tend to develop quickly.\n\nCommon symptoms\n"
        "Tiredness and breathlessness\nThis is caused by a lack of red blood cells.\n\nBruising and bleeding\n"
        "A low platelet count means your blood does not clot as well as usual.\n\nWhen to see your GP\n"
        "See your GP if you have any of these symptoms.\n",
        "symptom",
    )
    assert {"fatigue", "shortness of breath", "easy bruising", "bleeding"} <= labels(found)


def test_lay_words_for_an_exposure_name_it():
    found, _ = facts(
        "Acute myeloid leukaemia (AML)\n\nAML is a cancer of the blood.\n\nRisk factors\nThings that can increase "
        "your risk include:\n- smoking or working with benzene\n- contact with radiation\n",
        "risk-factor",
    )
    assert labels(found) == {"smoking", "exposure to benzene", "exposure to radiation"}


def test_examples_a_label_and_detail_item_gives_and_the_disease_had_before():
    found, _ = facts(
        "Melanoma\n\nMelanoma is a skin cancer.\n\nRisk factors\nYour risk is higher if you have:\n"
        "- Weakened immune system: for example after an organ transplant, or from HIV\n- previous melanoma\n",
        "risk-factor",
    )
    assert labels(found) == {"weakened immune system", "organ transplant", "HIV infection", "previous melanoma"}


def test_names_after_called_end_at_the_verb_and_a_quoted_word_explained_is_no_name():
    _, result = facts(
        "Adult acute lymphoblastic leukemia\n\nAdult ALL, also called acute lymphocytic leukemia, is a cancer of the "
        "blood and bone marrow. It is called acute because it gets worse quickly, unlike chronic leukemias.\n\n"
        "Why is it called \"acute\"?\nAcute means it comes on quickly.\n"
    )
    synonyms = {f.object.value for f in result.facts if f.kind == "synonym"}
    assert "acute lymphocytic leukemia" in synonyms
    assert not {"is a cancer of the blood", "unlike chronic leukemias", "acute"} & synonyms


def test_a_cause_in_a_causes_section_and_a_hedge_on_another_clause():
    found, _ = facts(
        "Acute lymphoblastic leukaemia in children\n\nWhat causes it?\nDoctors think that a first genetic change often "
        "happens before birth, and that a second change happens later, possibly set off by an infection.\n",
        "cause",
    )
    assert "DNA mutation" in labels(found)


def test_another_cancer_named_with_the_family_name_is_not_the_pages():
    found, _ = facts(
        "Chronic lymphocytic leukaemia (CLL)\n\nCLL is the most common leukaemia in adults.\n\nTypes of leukaemia\n"
        "- acute lymphoblastic leukaemia (ALL) – the most common leukaemia in children\n",
        "age-group",
    )
    assert labels(found) == {"adults"}


def test_a_sign_standing_as_a_sentence_of_its_own_in_a_symptoms_section():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) in children\n\nWhat are the symptoms?\nThey can include:\n"
        "Bone or joint pain. Leukemia cells can build up near the surface of the bone or inside the joint.\n",
        "symptom",
    )
    assert {"bone pain", "joint pain"} <= labels(found)


def test_a_pdq_style_page_its_nested_list_and_its_signs_after_advice():
    page = (
        "Childhood Acute Lymphoblastic Leukemia Treatment (PDQ)\n\n"
        "Possible risk factors for ALL include the following:\nBeing exposed to radiation.\n"
        "Having certain changes in the genes.\nHaving certain genetic conditions, such as:\nDown syndrome.\n"
        "Li-Fraumeni syndrome.\nSigns of childhood ALL include fever and bruising.\n"
        "These and other signs and symptoms may be caused by childhood ALL or by other conditions. Check with your "
        "child's doctor if your child has any of the following:\nBone or joint pain.\n"
        "Painless lumps in the neck, underarm, stomach, or groin.\nLoss of appetite.\n"
    )
    risks, _ = facts(page, "risk-factor")
    assert {"exposure to radiation", "Down syndrome", "Li-Fraumeni syndrome"} <= labels(risks)
    signs, _ = facts(page, "symptom")
    assert {"fever", "easy bruising", "bone pain", "joint pain", "loss of appetite",
            "painless lumps in the neck, underarm, stomach, or groin"} <= labels(signs)


@pytest.mark.parametrize(
    ("phrase", "curie"),
    [("blood in your pee", "HP:0000790"), ("feeling generally unwell", "HP:0033834"), ("pale stools", "HP:0011985"),
     ("feeling very thirsty", "HP:0001959"), ("peeing more than usual", "HP:0000103"), ("feeling full quickly", "HP:0033842"),
     ("a cough that won't go away", "HP:0034315"), ("tummy pain", "HP:0002027"), ("not feeling hungry", "HP:0002039"),
     ("aching legs", "HP:0012514"), ("trouble seeing", "HP:0000505"), ("lose weight", "HP:0001824"),
     # made by make-lexicon from the ontology's own forms: a part that hurts, an organ's size, a thing done with difficulty
     ("sore joints", "HP:0002829"), ("enlargement of the spleen", "HP:0001744"), ("swelling of the liver", "HP:0002240"),
     ("trouble with balance", "HP:0002172"), ("problems walking", "HP:0001288"),
     # said in the past tense, as a narrator does ("I bruised easily", "I looked pale", "my gums bled")
     ("bruised easily", "HP:0000978"), ("looked pale", "HP:0000980"), ("felt tired", "HP:0012378"), ("gums bled", "HP:0000225")],
)
def test_lay_names_of_signs_are_grounded_to_their_hpo_terms(phrase, curie):
    grounding = LEXICON.lookup(phrase, "symptom")
    assert grounding is not None
    assert ("exactMatch", "http://purl.obolibrary.org/obo/" + curie.replace(":", "_")) in grounding.concept.mappings


def test_label_dot_detail_lines_after_a_lead_in_and_what_they_list():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) in children\n\nWhich children are at risk for ALL?\nMost children with "
        "leukemia do not have any risk factors. But some things can increase a child's risk:\n"
        "Being exposed to high levels of radiation. This includes radiation therapy for other cancers.\n"
        "Having certain inherited conditions. These include Down syndrome and Li-Fraumeni syndrome.\n"
        "Past treatment with some chemotherapy medicines.\n",
        "risk-factor",
    )
    assert {"exposure to radiation", "genetic disorders", "Down syndrome", "Li-Fraumeni syndrome"} <= labels(found)


def test_only_single_words_just_before_the_last_sign_share_its_noun():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the blood.\n\nSymptoms\n\n"
        "Some children complain of bone or joint pain. Others have a swollen belly from an enlarged liver or "
        "spleen, swollen lymph nodes, loss of appetite or weight loss. Common signs include fever, tiredness, "
        "tiny red spots under the skin and muscle or joint aches.\n",
        "symptom",
    )
    found_labels = labels(found)
    assert {"bone pain", "joint pain", "hepatomegaly", "splenomegaly", "enlarged lymph nodes", "weight loss"} <= found_labels
    assert not [f for f in found if "spleen" in f.object.label and f.object.label != "splenomegaly"]


def test_what_the_disease_is_taken_for_in_lay_words_is_a_resemblance_as_written():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the blood.\n\nSymptoms\n\n"
        "Signs include bone pain, tiredness and a rash. Many patients assumed at first that they had a lingering cold "
        "or just burnout from work. In teenagers the pain is often put down to growing pains or a sports injury, "
        "which can delay diagnosis. The rash can look like cradle cap or eczema. Serious complications include stroke, acute "
        "chest syndrome, which resembles pneumonia, and blood clots. You may feel like you have no energy at all.\n",
        "resemblance",
    )
    assert {"common cold", "burnout from work", "growing pains", "cradle cap", "pneumonia"} <= labels(found)
    assert not {"blood clots", "you have no energy at all", "no energy"} & labels(found)
    assert {f.grounding for f in found if f.object.label in ("growing pains", "cradle cap")} == {"ungrounded"}


def test_where_a_tumour_develops_is_a_location_and_how_often_a_sign_occurs_is_not():
    found, _ = facts(
        "Osteosarcoma is a cancer of the bone.\n\nAbout osteosarcoma\n\n"
        "The tumour most often develops in the long bones, especially around the knee. "
        "Bone pain, especially in the legs, occurs in about a third of children.\n",
        "anatomy",
    )
    assert {"long bone", "knee"} <= labels(found) and "leg" not in labels(found)


def test_signs_grouped_under_the_body_parts_they_affect():
    found, _ = facts(
        "Langerhans cell histiocytosis (LCH) is a rare cancer.\n\nSigns and symptoms\n\nCommon ones include:\n"
        "- Skin: a scaly rash on the scalp, in the nappy area or in skin folds\n"
        "- Mouth and ears: swollen gums, loose teeth, or fluid draining from the ears\n"
        "- Eyes: one or both eyes bulging forward\n"
        "- Liver and spleen: a swollen belly, or yellow skin and eyes\n"
        "- General: loss of appetite; weight loss; night sweats\n"
        "- aching legs, arms or back\n",
        "symptom",
    )
    found_labels = labels(found)
    assert {"gingival overgrowth", "loose teeth", "fluid draining from the ears", "one or both eyes bulging forward",
            "abdominal swelling", "jaundice", "yellow eyes", "loss of appetite", "weight loss", "night sweats",
            "upper limb pain", "back pain"} <= found_labels
    assert not {"skin", "mouth", "ears", "eyes", "in the nappy area", "in skin folds", "swollen eyes", "general"} & found_labels


def test_a_disease_the_page_defines_as_a_kind_of_the_one_its_title_names_is_the_pages():
    text = (
        "Grandson's brain tumor diagnosis raises many questions\n\n"
        "Dear Doctor: my grandson was just diagnosed with a brain tumor called medulloblastoma.\n\n"
        "Dear reader: Medulloblastoma is a cancerous tumor of the brain that starts in the cerebellum. "
        "Medulloblastoma grows fast. Most children with medulloblastoma are cured.\n"
    )
    _, result = facts(text)
    disease = next(f.subject for f in result.facts if f.subject.kind == "disease")
    assert disease.label == "medulloblastoma"


def test_a_risk_factor_item_that_says_who_gets_the_disease_gives_its_age_groups_too():
    found, result = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\n\nCauses and risk\n\n"
        "Some things can increase your risk of ALL:\n"
        "Age: ALL is most common in children under 5. In adults, risk goes up again after the age of 60.\n"
        "Previous cancer treatment: Having had chemotherapy or radiotherapy in the past.\n"
        "Genetic conditions: People with Down syndrome or Li-Fraumeni syndrome have a higher risk.\n"
    )
    risks = {f.object.label for f in found if f.kind == "risk-factor"}
    assert {"age", "previous cancer treatment", "Down syndrome"} <= risks
    assert {"young children", "older adults"} <= {f.object.label for f in found if f.kind == "age-group"}


@pytest.mark.parametrize(
    ("sentence", "sex"),
    [
        ("Boys get ALL a bit more often than girls.", "male sex"),
        ("ALL is slightly more common in males than females.", "male sex"),
        ("The males are a little more affected than the females.", "male sex"),
        ("Boys and men are affected about three to four times as often as girls and women.", "male sex"),
        ("There is a slight male predominance.", "male sex"),
        ("It nearly always affects boys.", "male sex"),
        ("Males had a higher rate than females.", "male sex"),
        ("It's slightly more common in lads than in girls.", "male sex"),
        ("Slightly more boys and men than girls and women.", "male sex"),
        ("Girls are affected more often than boys.", "female sex"),
        ("Women are more likely than men to get it.", "female sex"),
        ("More women than men - roughly two women for every man.", "female sex"),
        ("Unlike ALL in older children, which is a little more common in boys, infant ALL is seen slightly more often "
         "in girls.", "female sex"),
        ("Boys and girls are equally likely to get it.", None),
    ],
)
def test_the_ways_pages_say_one_sex_gets_the_disease_more(sentence: str, sex: str | None):
    found, _ = facts(
        f"Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\n\nWho gets it\n\n{sentence}\n",
        "risk-factor",
    )
    assert labels(found) & {"male sex", "female sex"} == ({sex} if sex else set())


def test_what_a_part_is_of_or_with_is_shared_by_the_short_parts_after_it():
    found, _ = facts(
        "Non-Hodgkin lymphoma (NHL) is a cancer of the lymphocytes.\n\nRisk factors\n\nThings that raise the risk include:\n"
        "- infection with Epstein-Barr virus or Helicobacter pylori\n- exposure to benzene or pesticides\n",
        "risk-factor",
    )
    assert {"infection with Epstein-Barr virus", "infection with Helicobacter pylori", "exposure to benzene",
            "exposure to pesticide"} == labels(found)


@pytest.mark.parametrize(
    ("sentence", "cells"),
    [
        ("There are two main types: B-cell ALL and T-cell ALL.", {"B cell", "T cell"}),
        ("Most adults have B-cell ALL.", {"B cell"}),
        ("In T-cell ALL a mass can form in the thymus and press on the windpipe.", set()),
    ],
)
def test_a_form_of_the_disease_named_by_its_cell_is_a_cell_type_where_the_page_says_what_forms_there_are(sentence, cells):
    found, _ = facts(
        f"Acute lymphoblastic leukaemia (ALL)\n\nALL is a cancer of the blood.\n\nAbout ALL\n\n{sentence}\n",
        "cell-type",
    )
    assert labels(found) & {"B cell", "T cell"} == cells


def test_a_table_of_signs_is_read_from_the_column_whose_heading_names_them():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\n\n"
        "Possible signs and symptoms of ALL\n"
        "What is happening | What you may notice\n"
        "Too few red blood cells | Weakness or feeling tired; pale skin\n"
        "Leukemia cells building up | Pain in the bones or joints; painless lumps in the neck, underarm or groin; "
        "feeling full below the ribs\n"
        "General | Loss of appetite; weight loss; night sweats\n",
        "symptom",
    )
    found_labels = labels(found)
    assert {"weakness", "pallor", "bone pain", "joint pain", "loss of appetite", "weight loss", "night sweats"} <= found_labels
    assert not {"leukemia cells building up", "general", "too few red blood cells"} & {label.lower() for label in found_labels}


def test_places_after_a_sign_share_its_words_and_a_place_named_before_it_is_the_sign_it_makes():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\n\nSymptoms include:\n"
        "- pain in the legs, arms or back, limping, not wanting to walk\n"
        "- itching around the penis or vagina, or repeated thrush\n",
        "symptom",
    )
    found_labels = labels(found)
    assert {"lower limb pain", "back pain", "limp"} <= found_labels
    assert not {"arms", "back", "itching around the repeated thrush"} & found_labels


def test_a_cancer_the_disease_turns_into_is_no_sign_of_it():
    found, _ = facts(
        "Chronic myelomonocytic leukaemia (CMML) is a rare blood cancer.\n\nSymptoms\n\n"
        "Many people feel tired and get night sweats. My husband's CMML turned into AML last year.\n",
        "symptom",
    )
    assert {"fatigue", "night sweats"} <= labels(found) and "acute myeloid leukemia" not in labels(found)


def test_ages_under_an_onset_label_and_a_risk_that_climbs_say_who_gets_the_disease():
    found, _ = facts(
        "Osteosarcoma\n\nOsteosarcoma is a cancer of the bone.\n\nUsual onset\t10-30 years; second peak after 60\n\n"
        "Who gets it\n\nAfter a low point in middle age, the risk climbs again in people over 50.\n",
        "epidemiology",
    )
    ages = {f.object.label for f in found if f.predicate == "allkg:aboutAgeGroup"}
    assert {"10 to 30", "older adults", "over 50"} <= ages


def test_an_illness_no_lexicon_has_is_read_where_the_disease_is_taken_for_it():
    found, _ = facts(
        "Langerhans cell histiocytosis (LCH) is a rare cancer.\n\nSymptoms\n\nSigns include a rash and bone pain. "
        "The rash can look like cradle cap. We were told it was just growing pains.\n",
        "resemblance",
    )
    assert {"cradle cap", "growing pains"} <= labels(found)


def test_a_list_of_the_places_a_disease_involves_gives_its_locations():
    found, _ = facts(
        "Langerhans cell histiocytosis (LCH) is a rare disease.\n\nWhat happens in LCH?\n\n"
        "LCH can affect almost any part of the body. The places most often involved are:\n"
        "- Bones, especially the skull, ribs and spine\n- Skin\n- The pituitary gland at the base of the brain\n"
        "- Liver, spleen and bone marrow\n\nThe most common places are:\n- the upper arm bone (humerus)\n",
        "anatomy",
    )
    assert {"bones", "skull", "rib", "spine", "skin", "pituitary gland", "liver", "spleen", "bone marrow"} <= {
        label.lower() for label in labels(found)
    }
    assert "brain" not in labels(found)
    assert "upper arm bone" in labels(found) and "humerus" not in labels(found)  # a place and its gloss are one


@pytest.mark.parametrize(
    ("sentence", "factor"),
    [
        ("People who have had chemotherapy are more likely to get AML.", "previous cancer treatment"),
        ("AML is more common in people with Down syndrome.", "Down syndrome"),
        ("The risk is higher in people who work with pesticides.", "exposure to pesticide"),
        ("People with certain genetic syndromes have a higher risk, including Down syndrome and Fanconi anaemia.",
         "Fanconi anemia"),
    ],
)
def test_what_the_group_at_risk_has_or_does_is_a_risk_factor(sentence: str, factor: str):
    found, _ = facts(
        f"Acute myeloid leukaemia (AML) is a cancer of the blood.\n\nCauses and risk factors\n\n{sentence}\n", "risk-factor"
    )
    assert factor in labels(found)


@pytest.mark.parametrize(
    "definition",
    [
        "Chronic myelomonocytic leukaemia, or CMML, is a rare blood cancer.",
        "Chronic myelomonocytic leukaemia, also called CMML, is a rare blood cancer.",
        "Chronic myelomonocytic leukaemia (CMML) is a rare blood cancer.",
        "I have chronic myelomonocytic leukaemia, CMML for short, a rare blood cancer.",
        "It sounds like chronic myelomonocytic leukaemia, which doctors usually shorten to CMML.",
    ],
)
def test_the_ways_a_page_gives_its_diseases_abbreviation(definition: str):
    found, _ = facts(f"About this condition\n\n{definition} Most people with CMML are over 70.\n", "abbreviation")
    assert {f.object.value for f in found} == {"CMML"}


@pytest.mark.parametrize(
    "text",
    [
        "Overview\n\nIt grows fast. The cause is a damage of the DNA which happens in a lymphoid cell during life.\n",
        "Overview\n\nIn most children the cause is changes in genes that happen by chance.\n",
        "Causes\tMostly unknown; acquired gene changes\nUsual onset\t2-5 years\n",
        "Causes\nIt happens when a developing lymphocyte gets damage to its DNA.\n",
        "Causes\nIn my case, a baby B cell picked up some changes in its DNA and started copying itself.\n",
    ],
)
def test_a_cause_stated_without_naming_the_disease_or_under_a_causes_label(text: str):
    found, _ = facts(f"Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\n\n{text}", "cause")
    assert "DNA mutation" in labels(found)


def test_the_bloodstream_is_the_blood():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\n\nAbout ALL\n\n"
        "From the marrow the leukaemia cells pass into the bloodstream.\n",
        "anatomy",
    )
    assert [f.object.concept.mappings for f in found if f.object.label == "blood"] == [(("exactMatch", "http://purl.obolibrary.org/obo/UBERON_0000178"),)]


@pytest.mark.parametrize(
    ("sentence", "illnesses"),
    [
        ("Many of these symptoms are also caused by common childhood illnesses, such as colds.", {"common cold"}),
        ("We honestly thought it was growing pains.", {"growing pains"}),
        ("Lots of young people thought they just had flu at first.", {"influenza"}),
        ("The pain is easily mistaken for a sports injury or for growing pains.", {"growing pains"}),
        ("They told him it was probably a virus and to rest.", {"viral infectious disease"}),
        ("Symptoms are caused by thick blood and by an enlarged spleen.", set()),
    ],
)
def test_more_ways_pages_say_what_the_disease_was_taken_for(sentence: str, illnesses: set[str]):
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\n\nSymptoms\n\n"
        f"Signs include bone pain and tiredness. {sentence}\n",
        "resemblance",
    )
    assert illnesses <= labels(found) and ("to rest" not in labels(found)) and (illnesses or not found)


@pytest.mark.parametrize(
    ("sentence", "cells"),
    [
        ("They take up the space needed to make healthy red blood cells and platelets.", {"red blood cell", "platelet"}),
        ("With ALL, your marrow makes tons of lymphocytes that never finish growing up.", {"lymphocyte"}),
        ("The marrow makes large numbers of lymphocytes that do not grow up properly.", {"lymphocyte"}),
    ],
)
def test_lay_words_for_the_cells_a_disease_makes_too_many_or_too_few_of(sentence: str, cells: set[str]):
    found, _ = facts(f"Acute lymphoblastic leukaemia (ALL) is a cancer.\n\nAbout ALL\n\n{sentence}\n", "cell-type")
    assert cells <= labels(found)


def test_signs_the_page_says_the_disease_does_not_give_and_a_clinical_notes_arrows_are_no_signs():
    found, _ = facts(
        "Immune thrombocytopenia (ITP) is a condition of low platelets.\n\nSymptoms\n\n"
        "Signs include bruising and nosebleeds. A child with ITP usually does not have a fever, bone pain or weight "
        "loss.\n\nClinical features:\n- headache -> consider intracranial haemorrhage\n"
        "- nosebleeds, or your gums bleeding when you brush your teeth\n",
        "symptom",
    )
    found_labels = labels(found)
    assert {"easy bruising", "epistaxis", "headache", "gingival bleeding"} <= found_labels
    assert not {"fever", "bone pain", "weight loss"} & found_labels
    assert not [label for label in found_labels if "->" in label or "consider" in label or label.startswith("nosebleeds ")]


def test_an_agent_named_alone_in_a_risk_factor_list_is_exposure_to_it():
    found, _ = facts(
        "Aplastic anaemia is a rare condition of the bone marrow.\n\nCauses\n\n"
        "Things that can damage the bone marrow and lead to aplastic anaemia include:\n"
        "- chemicals such as benzene and some pesticides\n- working with formaldehyde\n- radiotherapy for cancer\n",
        "risk-factor",
    )
    assert {"exposure to benzene", "exposure to pesticide", "exposure to formaldehyde"} <= labels(found)


def test_an_items_detail_names_the_conditions_it_says_raise_the_risk():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the blood.\nRisk factors\n"
        "Factors that may increase the risk of ALL include:\n"
        "- Genetic disorders. Down syndrome and some other inherited conditions raise the risk.\n"
        "- Exposure to radiation.\n",
        "risk-factor",
    )
    assert "Down syndrome" in labels(found)


def test_a_typically_aside_after_an_item_says_when_not_another_item():
    found, _ = facts(
        "Osteosarcoma is a cancer of the bone.\nRisk factors\n"
        "Things that raise the risk of osteosarcoma include:\n"
        "- Earlier radiation therapy, typically 10 or more years before\n- Paget disease of bone\n",
        "risk-factor",
    )
    assert not {"typically 10", "more years before"} & labels(found) and len(found) == 2


def test_blasts_on_a_page_that_names_its_leukaemias_own_blast_are_those_cells():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells. In ALL the bone marrow makes too "
        "many immature cells. Those immature cells are called lymphoblasts - we just say blasts.\n",
        "cell-type",
    )
    blasts = [f for f in found if f.object.label in ("lymphoblast", "blast cells")]
    assert [f.object.label for f in blasts] == ["lymphoblast"]
    found, _ = facts("Acute myeloid leukaemia (AML) is a cancer of the blood. AML makes too many blast cells.\n", "cell-type")
    assert "blast cells" in labels(found)  # no particular blast named: the blasts stay


def test_what_the_marrow_makes_in_health_is_no_cell_of_the_disease_and_the_cell_a_change_happens_in_is():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells. It starts in the bone marrow, the "
        "spongy tissue inside the bones where blood cells are made.\n",
        "cell-type",
    )
    assert labels(found) == {"white blood cell"}
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells. ALL happens when a developing "
        "blood cell in the bone marrow has changes (mutations) in its DNA. The leukaemia cells crowd out the cells "
        "that make red blood cells and platelets.\n",
        "cell-type",
    )
    assert {"white blood cell", "blood cell", "red blood cell", "platelet"} <= labels(found)


def test_an_email_saved_with_a_quoted_printable_body_is_read_decoded():
    raw = (
        "From: Blood Cancer Trust <news@example.org>\nSubject: Adult ALL\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        "Acute lymphoblastic leukaemia (ALL) in adults=20\n"
        "ALL is a blood cancer that starts in the bone marrow. It is more common in people with Down=E2=80=99s syn=\n"
        "drome. Symptoms include:\n- bruises you can=E2=80=99t explain\n- fewer pla=\ntelets\n"
    ).encode()
    document = decode_source(raw, name="newsletter.txt")
    assert "Down’s syndrome" in document.text and "=E2" not in document.text and "platelets" in document.text
    assert document.encoding == "quoted-printable utf-8"
    result = extract(document, LEXICON)
    assert {"Down syndrome"} <= {f.object.label for f in result.facts if f.kind == "risk-factor"}
    quotes = [result.document.text[s.start : s.end] for f in result.facts for s in f.evidence]
    assert not any("=E2" in q for q in quotes)


def test_items_under_a_causes_heading_that_state_how_it_comes_about_are_read_as_sentences():
    found, _ = facts(
        "B-cell acute lymphoblastic leukaemia (B-ALL) is a blood cancer.\n\nWhy does it happen?\n"
        "▪ Genetic changes build up in a developing B cell – they are acquired, not inherited\n"
        "▪ Some first changes happen before birth (found in newborn blood spots)\n"
        "▪ Down syndrome\n",
    )
    risks = {f.object.label for f in found if f.kind == "risk-factor"}
    assert risks == {"Down syndrome"}
    assert any(f.kind == "cause" and f.predicate == "allkg:hasCause" for f in found)
    assert "B cell" in {f.object.label for f in found if f.kind == "cell-type"}


def test_an_item_saying_what_is_not_linked_names_no_risk_factor():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a blood cancer.\nRaised risk:\n▪ Down syndrome\n▪ previous chemotherapy\n"
        "✗ Not linked: diet, mobile phones, vaccines\n▪ No link: power lines\n",
        "risk-factor",
    )
    assert labels(found) == {"Down syndrome", "previous cancer treatment"}


def test_an_items_run_in_heading_types_the_sentences_after_it():
    found, _ = facts(
        "Neuroblastoma is a cancer of immature nerve cells.\n\nKey takeaways\n\n"
        "- Signs depend on where the tumor is. A tumor in the belly can show up as a swollen tummy. Once it spreads to "
        "the bones, kids may have bone pain or be unusually fussy.\n"
        "- Treatment. Most children have chemotherapy, which can cause hair loss and nausea.\n",
        "symptom",
    )
    assert "bone pain" in labels(found)
    assert not {"hair loss", "nausea", "alopecia"} & labels(found)  # a treatment run-in states no signs


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Being exposed to the chemical benzene has also been linked to it.", {"exposure to benzene"}),
        ("Older age raises the risk, as does exposure to high levels of radiation.", {"older age", "exposure to radiation"}),
        ("Smoking raises the risk of some other types of leukaemia, but there is no clear link with ALL.", set()),
    ],
)
def test_a_sentence_that_opens_with_a_risk_factor_then_says_it_raises_the_risk(sentence, expected):
    found, _ = facts(f"Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nCauses and symptoms\n\n{sentence}\n", "risk-factor")
    assert labels(found) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In children the early picture is often put down to a viral illness or growing pains, and a limping child "
         "sometimes gets treated for an irritable hip first.", {"viral infectious disease", "growing pains", "irritable hip"}),
        ("Like many people, he had put the early signs down to a virus that wouldn't shake.", {"viral infectious disease"}),
        ("- Easy to miss. Raccoon eyes are sometimes mistaken for an injury or even abuse, and a fussy baby with bone "
         "pain can get written off as teething or colic.", {"injury", "abuse", "teething", "colic"}),
    ],
)
def test_every_cue_of_a_sentence_or_item_names_what_the_disease_was_taken_for(text, expected):
    found, _ = facts(f"Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nKey points\n\n{text}\n", "resemblance")
    assert labels(found) == expected


def test_a_list_of_the_illnesses_the_disease_looks_like_gives_resemblances_not_signs():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a blood cancer.\n\nSymptoms\n\nSymptoms include:\n- fever\n- bruising\n\n"
        "Could it be something else?\n\nMost kids with bruises do not have leukemia. Early ALL looks a lot like common "
        "childhood problems, and doctors will usually think about these first:\n"
        "- viral infections such as the flu\n- growing pains\n- immune thrombocytopenia (ITP)\n"
    )
    resembles = {f.object.label for f in found if f.kind == "resemblance"}
    assert {"viral infectious disease", "growing pains"} <= resembles and len(resembles) == 3
    assert {f.object.label for f in found if f.kind == "symptom"} == {"fever", "easy bruising"}


def test_a_clinicians_ddx_list_under_a_list_of_signs_gives_look_alikes_not_signs():
    found, _ = facts(
        "T-ALL (T-cell acute lymphoblastic leukaemia)\n\nSYMPTOMS\n  - fatigue, pallor\n  - cough\n\n"
        "DDx\n  - B-ALL, AML\n  - EBV / glandular fever (LNs + fever + tired teen!)\n\n"
        "Ix (don't learn all)\n  - FBC + film: blasts\n"
    )
    resembles = {f.object.label for f in found if f.kind == "resemblance"}
    assert {"B-cell acute lymphoblastic leukemia", "infectious mononucleosis"} <= resembles
    assert {f.object.label for f in found if f.kind == "symptom"} == {"fatigue", "pallor", "cough"}


def test_a_disease_the_page_says_not_to_confuse_it_with_is_no_look_alike():
    found, _ = facts(
        "Fanconi anaemia is a rare inherited condition. It should not be confused with Fanconi syndrome, which is a "
        "kidney disorder. Its early signs are often mistaken for iron deficiency.\n",
        "resemblance",
    )
    assert "Fanconi syndrome" not in labels(found) and "kidney disorder" not in labels(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Why does it mostly affect older adults?\nMCL is mainly a disease of later life. The average age at diagnosis is "
         "about 67, and it is rare in people under 40.", "under 40"),
        ("Who gets it?\nIt is rare in children and becomes more common from about the age of 50.", "over 50"),
        ("Who gets it?\n[Chart: new cases by age]\nNational registry data, rounded\nThere is a second, smaller rise "
         "after 60.", "older adults"),
    ],
)
def test_ages_a_page_states_in_its_own_ways(text, expected):
    found, _ = facts(f"Mantle cell lymphoma (MCL) is a rare lymphoma.\n\n{text}\n", "age-group")
    assert expected in labels(found)


@pytest.mark.parametrize(
    ("text", "abbreviation"),
    [
        ("Rhabdomyosarcoma (RMS for short) is a cancer of the soft tissues. RMS is rare.", "RMS"),
        ("Fanconi anaemia (FA, sometimes written Fanconi's anaemia) is a rare genetic condition. In FA, the marrow fails.", "FA"),
    ],
)
def test_an_abbreviation_given_in_brackets_with_more_after_it(text, abbreviation):
    found, _ = facts(text + "\n", "abbreviation")
    assert [f.object.value for f in found] == [abbreviation]


def test_names_a_line_labels_as_the_diseases_other_names():
    found, _ = facts("B-cell acute lymphoblastic leukaemia is a blood cancer.\nAlso called: precursor B-cell ALL · B-lymphoblastic leukaemia\n")
    synonyms = {f.object.value for f in found if f.kind == "synonym"}
    assert {"precursor B-cell ALL", "B-lymphoblastic leukaemia"} <= synonyms


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The risk is higher in men than in women.", {"male sex"}),
        ("Having a brother or sister with leukaemia slightly increases the risk.", {"having a brother or sister with leukaemia"}),
        ("Your chances of developing AML go up as you get older.", {"older age"}),
        ("Exposure to radiation can cause AML.", {"exposure to radiation"}),
        ("AML can cause bone pain.", set()),  # a sign, no risk factor
    ],
)
def test_risk_factors_in_more_of_the_ways_pages_state_them(sentence, expected):
    found, _ = facts(f"Acute myeloid leukaemia (AML) is a cancer of the blood.\n\nCauses and risk factors\n\n{sentence}\n", "risk-factor")
    assert labels(found) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("AML can cause bone pain and tiredness.", {"bone pain", "fatigue"}),
        ("People with AML often feel tired and breathless.", {"fatigue", "shortness of breath"}),
        ("In some people, AML causes swollen lymph nodes in the neck.", {"cervical lymphadenopathy"}),
        ("Anaemia can cause tiredness.", set()),  # another condition's sign
        ("AML can develop from early myeloid cells.", set()),
        ("Chemotherapy for AML can cause hair loss and sickness.", set()),  # treatment's effects
    ],
)
def test_signs_a_sentence_says_the_disease_gives_or_people_with_it_have(sentence, expected):
    found, _ = facts(f"Acute myeloid leukaemia (AML) is a cancer of the blood.\n\n{sentence}\n", "symptom")
    assert labels(found) == expected


def test_a_lead_in_whose_items_end_its_sentence_your_child_may():
    found, _ = facts(
        "Acute myeloid leukaemia (AML) is a cancer of the blood.\n\nYour child may:\n- seem pale\n- bruise easily\n"
        "- complain of aching bones\n- have a fever that comes and goes\n\nYou should:\n- wash your hands often\n",
        "symptom",
    )
    assert {"easy bruising", "bone pain", "fever"} <= labels(found) and "wash your hands often" not in labels(found)


def test_a_notes_abbreviation_spelled_out_after_an_equals_sign_and_no_abbreviation_of_the_kind_of_disease_it_is():
    found, _ = facts(
        "Support group minutes\n\nGuest talk: ET explained\n- ET = essential thrombocythaemia.\n"
        "- One of the MPNs (myeloproliferative neoplasms), alongside polycythaemia vera (PV) and myelofibrosis (MF).\n"
        "- In ET the bone marrow makes too many platelets.\n- Most people with ET live with it for many years.\n"
    )
    abbreviations = {f.object.value for f in found if f.kind == "abbreviation"}
    assert abbreviations == {"ET"}
    assert "platelet" in {f.object.label for f in found if f.kind == "cell-type"}


def test_a_word_paste_read_as_windows_1252_is_repaired_and_its_lists_read():
    page = (
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\n\nSymptoms\n\n"
        "It\u2019s often found by chance. Symptoms can include:\n"
        "\uf0b7\u00a0\u00a0\u00a0\u00a0 Feeling very tired\n"
        "\uf0b7\u00a0\u00a0\u00a0\u00a0 Aching bones\uf0b7\u00a0\u00a0\u00a0 Night sweats\n"
        "*** NEXT MEETING: Tuesday 3rd June, 2pm, St Mary\u2019s Church Hall. Tea & biscuits \u00a32 ***\n"
        "[if !supportLists]1.\u00a0\u00a0\u00a0 [endif]Losing weight without trying\n"
    )
    raw = page.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")  # read as cp1252, saved as UTF-8
    document = decode_source(raw, name="group.txt")
    assert "It’s often" in document.text and "â€" not in document.text and "[endif]" not in document.text
    result = extract(document, LEXICON)
    signs = {f.object.concept.pref_label if f.object.concept else f.object.label for f in result.facts if f.kind == "symptom"}
    assert {"fatigue", "bone pain", "night sweats", "weight loss"} <= signs, signs  # ("very" says how tired, no other sign)
    assert not any("june" in s.lower() or "£" in s or "biscuit" in s for s in signs)


def test_a_plural_noun_before_and_is_a_sign_of_its_own_not_a_modifier_of_the_last():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\nSymptoms include:\n"
        "- bruises and small red spots on the skin\n- stiffness and movement in a nearby joint\n"
        "- cuts or wounds taking longer to heal\n",
        "symptom",
    )
    names = labels(found)
    assert not any(n.startswith("bruises ") or n.startswith("stiffness movement") for n in names), names
    assert "cuts taking longer to heal" in names  # a shared predicate is still shared


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Adults, in general, have a harder time: the leukemia is more likely to come back after treatment.",
         {("adults", "UnfavourableOutlook")}),
        ("Babies under 1 year have a higher chance that the leukaemia comes back, so they get stronger treatment.",
         {("infants", "UnfavourableOutlook")}),
        ("It is poorer for older adults, especially people over 65.", {("older adults", "UnfavourableOutlook")}),
        ("Older people, especially those over 60, don't do quite as well.", {("older adults", "UnfavourableOutlook")}),
        ("The results in adults are lower, and patients above 60 years have a poorer outcome.",
         {("adults", "UnfavourableOutlook"), ("older adults", "UnfavourableOutlook")}),
        ("Long-term survival is higher in teens and young adults — about 6 in 10 people under 40 are alive five "
         "years later — while people older than 60 have a harder time and do less well.",
         {("teenagers", "FavourableOutlook"), ("young adults", "FavourableOutlook"), ("older adults", "UnfavourableOutlook")}),
        ("Adults older than about 65 generally have a tougher time with it.", {("older adults", "UnfavourableOutlook")}),
        ("Fewer than half of adults survive, and the chances fall with age, especially over the age of 65.",
         {("older adults", "UnfavourableOutlook")}),
        ("Teenagers do a little less well than younger children, and babies under one year have a harder type to treat.",
         {("teenagers", "UnfavourableOutlook"), ("infants", "UnfavourableOutlook")}),
        ("About nine out of ten children with ALL are now alive five years on.", {("children", "FavourableOutlook")}),
        ("In babies younger than 1 year the leukemia is more likely to resist treatment or to return.",
         {("infants", "UnfavourableOutlook")}),
        ("In small children and in elderly persons the disease can become more serious.",
         {("young children", "UnfavourableOutlook"), ("older adults", "UnfavourableOutlook")}),
    ],
)
def test_a_harder_time_and_a_higher_chance_that_it_comes_back_are_a_poorer_outlook(sentence, expected):
    found, _ = facts(f"Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nOutlook\n\n{sentence}\n")
    about = {f.subject.path: f.object.label for f in found if f.predicate == "allkg:aboutAgeGroup"}
    outlooks = {(about.get(f.subject.path), f.object.name) for f in found if f.predicate == "allkg:outlook"}
    assert expected <= outlooks


def test_a_sentence_that_links_the_disease_with_an_exposure():
    found, _ = facts(
        "Acute myeloid leukaemia (AML) is a cancer of the blood.\n\nCauses and risk factors\n\n"
        "Some studies have also linked acute myeloid leukaemia with exposure to benzene.\n",
        "risk-factor",
    )
    assert labels(found) == {"exposure to benzene"}


def test_a_so_do_sentence_holds_the_risk_of_the_sentence_before():
    found, _ = facts(
        "Hepatoblastoma is a liver cancer.\n\nFor grown-ups\n\nBabies born very early have a higher risk. So do children "
        "with certain inherited conditions, including Beckwith-Wiedemann syndrome and trisomy 18.\n",
        "risk-factor",
    )
    assert {"Beckwith-Wiedemann syndrome", "trisomy 18"} <= labels(found)
    found, _ = facts("Hepatoblastoma is a liver cancer.\n\nIt is rare. So do children with trisomy 18 feel tired.\n", "risk-factor")
    assert not found  # no risk stated before


def test_cells_there_is_no_space_to_make_are_cells_the_disease_affects():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells. They take over the marrow so there "
        "isn't space to make normal red cells and platelets.\n",
        "cell-type",
    )
    assert {"red blood cell", "platelet"} <= labels(found)


def test_a_title_on_two_lines_names_the_pages_disease_on_both():
    found, _ = facts(
        "Skip navigation\nSearch\nWhat Is ALL?\nChildhood Acute Lymphoblastic Leukemia Explained by a Pediatric Oncologist\n\n"
        "In this video a doctor answers questions about ALL. ALL is the most common cancer in children. ALL starts in "
        "the bone marrow. Most children with ALL are cured. ALL is treated with chemotherapy.\n",
    )
    assert {f.subject.label for f in found if f.subject.kind == "disease"} == {"childhood acute lymphoblastic leukemia"}


def test_long_term_contact_with_an_agent_and_an_aside_its_examples_cut_open():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\nRisk factors include:\n"
        "- Long term contact with benzene (used in some industries, e.g. petrol refining and rubber\nmanufacture)\n"
        "- Down's syndrome\n",
        "risk-factor",
    )
    assert labels(found) == {"exposure to benzene", "Down syndrome"}


def test_an_item_that_opens_with_a_form_holding_its_leading_word():
    found, _ = facts(
        "Acute myeloid leukaemia (AML) is a cancer of the blood.\nRisk factors include:\n"
        "- Previous chemotherapy or radiation therapy\n- Prior chemotherapy, esp. topoisomerase II inhibitors\n- Smoking\n",
        "risk-factor",
    )
    assert labels(found) == {"previous cancer treatment", "smoking"}


def test_an_items_name_may_start_at_any_of_its_leading_words():
    found, _ = facts(
        "Acute myeloid leukaemia (AML) is a cancer of the blood.\n\nYou're more likely to get it if you:\n"
        "- have had chemotherapy\n- are a man\n- smoke\n",
        "risk-factor",
    )
    assert labels(found) == {"previous cancer treatment", "male sex", "smoking"}


def test_what_affected_cells_normally_develop_into_is_no_cell_of_the_disease():
    found, _ = facts(
        "Acute myeloid leukaemia (AML) is a cancer of the blood. AML affects the myeloid cells, which normally develop "
        "into red blood cells, platelets and some white blood cells.\n",
        "cell-type",
    )
    assert labels(found) == {"myeloid cell"}


def test_a_part_that_qualifies_the_one_before_it_is_no_item_of_its_own():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\nRisk factors include:\n"
        "- having had chemotherapy or radiotherapy before, for a different cancer\n- smoking\n",
        "risk-factor",
    )
    assert "for a different cancer" not in labels(found) and "smoking" in labels(found) and len(found) == 2


def test_chemo_in_lay_words_is_previous_cancer_treatment():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\nRisk factors include:\n"
        "- having had chemo or radiotherapy before, for a different cancer\n- smoking\n",
        "risk-factor",
    )
    assert labels(found) == {"previous cancer treatment", "smoking"}


@pytest.mark.parametrize(
    ("title", "disease"),
    [
        ("Acute lymphoblastic leukaemia (ALL) in young people", "acute lymphocytic leukemia"),
        ("Acute lymphoblastic leukaemia (ALL) in children", "childhood acute lymphoblastic leukemia"),
    ],
)
def test_young_people_are_teenagers_and_young_adults_not_children(title, disease):
    found, _ = facts(
        f"{title}\n\nALL is a cancer of the white blood cells. It starts in the bone marrow. Most people with ALL are "
        "cured. ALL is treated with chemotherapy.\n",
    )
    assert {f.subject.label for f in found if f.subject.kind == "disease"} == {disease}


def test_a_page_for_readers_with_a_condition_is_about_the_disease_it_raises_the_risk_of():
    page = (
        "Leukaemia and Down's syndrome: ALL\n\n"
        "Most children who have Down's syndrome will never get leukaemia. Children with Down's syndrome are around 20 "
        "times more likely to develop ALL than children who don't have Down's syndrome. In ALL, the bone marrow makes "
        "too many immature lymphocytes. ALL in children with Down's syndrome is treated in the same way. Children with "
        "Down's syndrome often have chest infections. Tiredness may be put down to an underactive thyroid, which is "
        "common in Down's syndrome.\n"
    )
    found, _ = facts(page)
    assert {f.subject.label for f in found if f.subject.kind == "disease"} == {"acute lymphocytic leukemia"}
    assert labels(f for f in found if f.kind == "resemblance") == {"underactive thyroid"}


def test_illnesses_a_baby_is_thought_at_first_to_have_keep_their_own_words():
    found, _ = facts(
        "Infant acute lymphoblastic leukaemia is a cancer of the blood in babies. Because these signs are so common in "
        "babies, they are often thought at first to be a viral infection, colic or reflux.\n",
        "resemblance",
    )
    assert labels(found) == {"viral infectious disease", "colic", "reflux"}


def test_a_symptoms_section_of_relapsed_all_reads_its_signs_and_not_what_they_are_put_down_to():
    found, _ = facts(
        "Relapsed acute lymphoblastic leukemia (ALL)\n\nSymptoms of relapsed ALL\n\n"
        "When symptoms do appear, they are usually fevers, easy bruising and bone pain. Leg pain in a child can be put "
        "down to growing pains or a sports injury. If leukemia returns in the brain, signs can include headaches, "
        "weakness of the face and seizures.\n",
        "symptom",
    )
    names = labels(found)
    assert {"fever", "easy bruising", "bone pain", "headache", "seizure", "weakness of the face"} <= names
    assert not names & {"pain", "weakness"}, names


def test_a_part_that_says_what_is_absent_names_nothing_and_with_opens_a_sign_of_its_own():
    found, _ = facts(
        "Kawasaki disease is an illness of young children.\nSymptoms\nYour child may have several of these:\n"
        "- red, bloodshot eyes, without any sticky discharge\n- red palms, with puffy swollen hands\n",
        "symptom",
    )
    names = labels(found)
    assert "puffy swollen hands" in names
    assert not any(n.startswith(("with", "without")) for n in names), names


def test_names_a_page_gives_by_shortening_or_using_a_name_and_not_a_forms_name_given_on_a_condition():
    found, _ = facts(
        "Kawasaki disease\n\nKawasaki disease is an illness that mostly affects young children. Doctors often shorten "
        "the name to KD. Some doctors also use the name mucocutaneous lymph node syndrome. It's sometimes called "
        "\"the strawberry disease\". If it lasts more than a year it's called chronic Kawasaki disease.\n",
    )
    names = {f.object.value for f in found if f.kind in ("name", "synonym")}
    assert {"KD", "mucocutaneous lymph node syndrome", "the strawberry disease"} <= names
    assert "chronic Kawasaki disease" not in names


def test_what_the_disease_itself_is_caused_by_in_words_no_ontology_has():
    found, _ = facts(
        "Glandular fever\n\nCauses\nGlandular fever is caused by the Epstein-Barr virus (EBV), which is a type of herpes "
        "virus. Most signs of glandular fever are caused by the body fighting the virus. Rarely, similar symptoms can be "
        "caused by something more serious, like leukaemia. There is no evidence that it is caused by vaccines.\n",
        "cause",
    )
    assert labels(found) == {"Epstein-Barr virus"}


@pytest.mark.parametrize(
    ("page", "agent"),
    [
        ("Kaposi's sarcoma\n\nKaposi's sarcoma is caused by infection with a virus called human herpesvirus 8 (HHV8).\n",
         "human herpesvirus 8"),
        ("Whooping cough\n\nWhooping cough is an infection of the airways. It is caused by a bacterium called "
         "Bordetella pertussis, which spreads in coughs.\n", "Bordetella pertussis"),
        ("Measles\n\nMeasles is a serious, very infectious illness caused by the measles virus.\n", "measles virus"),
    ],
)
def test_a_germ_the_disease_is_caused_by_is_named_by_its_name_even_when_that_holds_the_diseases(page: str, agent: str):
    found, _ = facts(page, "cause")
    assert labels(found) == {agent}


@pytest.mark.parametrize(
    ("text", "causes"),
    [
        ("In Ph+ ALL the leukaemia cells contain an abnormal chromosome called the Philadelphia chromosome. Together the "
         "broken pieces make a new fusion gene, BCR-ABL1.", {"Philadelphia chromosome", "BCR-ABL1"}),
        ("Common examples are an extra set of chromosomes, or two genes joined together (such as the ETV6-RUNX1 fusion).",
         {"ETV6-RUNX1 fusion"}),
        ("Philadelphia chromosome-positive ALL is rarer in children.", set()),  # a form's name, no cause
        ("Some changes, such as the Philadelphia chromosome, affect which treatment you have.", set()),
        ("Changes such as the Philadelphia chromosome make the outlook worse.", set()),
    ],
)
def test_a_named_chromosome_or_fusion_gene_in_a_causes_section_is_a_cause_and_not_what_guides_treatment(
    text: str, causes: set[str]
):
    found, _ = facts(f"Acute lymphoblastic leukaemia\n\nWhat causes it?\n{text}\n", "cause")
    assert labels(found) == causes


def test_an_infoboxs_differential_diagnosis_row_names_look_alikes_and_no_row_inherits_the_kind_of_the_row_above():
    found, _ = facts(
        "Acute lymphoblastic leukemia\n\nSpecialty\tHematology, oncology\nRisk factors\tDown syndrome, prior chemotherapy\n"
        "Diagnostic method\tBlood tests, bone marrow examination\n"
        "Differential diagnosis\tInfectious mononucleosis, aplastic anemia, juvenile idiopathic arthritis\n\n"
        "Acute lymphoblastic leukemia (ALL) is a cancer of the lymphoid line of blood cells.\n",
    )
    assert labels(f for f in found if f.kind == "risk-factor") == {"Down syndrome", "previous cancer treatment"}
    assert labels(f for f in found if f.kind == "resemblance") == {
        "infectious mononucleosis", "aplastic anemia", "juvenile idiopathic arthritis"
    }


def test_an_infoboxs_other_names_row_names_the_disease_and_cells_it_spares_are_none_it_affects():
    found, _ = facts(
        "Diamond-Blackfan anemia\nOther names\tBlackfan-Diamond anemia, inherited pure red cell aplasia[2]\n"
        "Specialty\tHematology\n\nDiamond-Blackfan anemia is a rare bone marrow failure syndrome in which the marrow "
        "does not make enough red blood cells. The white blood cells and platelets are usually made in normal numbers.\n",
    )
    synonyms = {f.object.value for f in found if f.kind == "synonym"}
    assert {"Blackfan-Diamond anemia", "inherited pure red cell aplasia"} <= synonyms, synonyms
    assert labels(f for f in found if f.kind == "cell-type") == {"red blood cell"}


def test_how_many_of_an_age_group_get_it_and_the_ages_of_those_with_it_are_epidemiology():
    _, result = facts(
        "Kawasaki disease\n\nKawasaki disease is an illness that causes a high temperature.\n\nWho gets it?\n"
        "About 8 out of 10 children with it are under 5.\n"
    )
    statements = [f for f in result.facts if f.predicate == "allkg:hasEpidemiologyStatement"]
    about = {f.object.label for f in result.facts if f.predicate == "allkg:aboutAgeGroup"}
    assert statements and "young children" in about


def test_a_lay_adjective_of_a_sign_names_the_sign_its_noun_names():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a blood cancer.\nSymptoms\nYou might notice:\n"
        "- feeling dizzy\n- looking pale\n- feeling numb\n- being grizzly\n",
        "symptom",
    )
    names = labels(found)
    assert {"dizziness", "pallor", "hypoesthesia"} <= names, names
    assert all(f.grounding != "ungrounded" for f in found if f.object.label != "being grizzly")


@pytest.mark.parametrize(
    "item",
    ["a swollen tummy, because the liver and spleen are bigger", "a big, hard tummy because the liver and spleen are swollen"],
)
def test_organs_an_item_says_are_enlarged_are_signs_of_their_own(item):
    found, _ = facts(f"Acute lymphoblastic leukaemia (ALL) is a blood cancer.\nSymptoms\nLook out for:\n- {item}\n- bone pain\n", "symptom")
    assert {"hepatomegaly", "splenomegaly"} <= labels(found)
    assert not any("because" in n or n.endswith("swollen") for n in labels(found))


def test_organs_a_sentence_on_signs_says_are_enlarged_are_signs():
    found, _ = facts(
        "Peripheral T-cell lymphoma (PTCL) is a cancer of the lymphocytes.\nSymptoms\nMost people notice painless lumps. "
        "If the spleen or liver is enlarged, you may feel full.\n",
        "symptom",
    )
    assert {"hepatomegaly", "splenomegaly"} <= labels(found)


def test_a_list_of_signs_that_opens_its_sentence_before_can_happen():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a blood cancer.\nSymptoms\nIf leukemia cells have reached the brain, "
        "headaches, vomiting, blurred vision or trouble keeping your balance can happen. Bone pain is common and in "
        "young children may show as a limp.\n",
        "symptom",
    )
    assert {"headache", "vomiting", "blurred vision", "postural instability", "bone pain", "limp"} <= labels(found)


def test_a_childs_refusing_to_walk_and_the_signs_a_detail_says_may_come_with_a_sign():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the blood.\nSymptoms\nThe signs include:\n"
        "   a) aching legs, arms or back - a younger child may limp or refuse to walk\n"
        "   b) nosebleeds or bleeding gums - bleeding that starts without an injury\n",
        "symptom",
    )
    names = labels(found)
    assert {"limp", "refusal to walk", "lower limb pain"} <= names
    assert "bleeding" not in names  # (a detail that says what the sign is names no other)


def test_more_likely_to_spread_or_come_back_is_no_risk():
    found, _ = facts(
        "Melanoma is a cancer of the skin.\nWho gets it?\nIt is less common than other skin cancers but more likely to "
        "spread. Acute myeloid leukaemia is more likely to come back in older people.\n",
        "risk-factor",
    )
    assert not found, labels(found)


def test_in_the_womb_is_a_time_before_birth_not_where_the_disease_is():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the blood. It starts in the bone marrow.\nCauses\n"
        "The first change in the genes of ALL often happens while the baby is still developing in the womb.\n",
        "anatomy",
    )
    assert labels(found) == {"blood", "bone marrow"}


def test_a_risk_items_detail_names_its_conditions_and_an_abbreviation_ends_no_item_cut_short():
    found, _ = facts(
        "B-cell acute lymphoblastic leukaemia (B-ALL) is a blood cancer.\nWho is at risk?\n"
        "Some things make it a bit more likely:\n"
        "• Genetic conditions – children with Down's syndrome are around 20 times more likely to develop ALL. Rarer "
        "conditions such as ataxia telangiectasia and Li-Fraumeni syndrome also raise the risk.\n"
        "• Radiation – being exposed to high doses of radiation, which is very rare in the UK.\n",
    )
    risks = labels(f for f in found if f.kind == "risk-factor")
    assert {"Down syndrome", "ataxia telangiectasia", "Li-Fraumeni syndrome", "exposure to radiation"} <= risks, risks
    assert not [f for f in found if f.kind == "resemblance"]


def test_ages_above_a_number_of_years_of_age_and_not_a_span_of_years_ago():
    _, result = facts(
        "Polycythaemia vera (PV) is a blood cancer.\nWho gets it?\nIt is most common in people over 60 years of age. "
        "It was first described over 100 years ago.\n"
    )
    about = {f.object.label for f in result.facts if f.predicate == "allkg:aboutAgeGroup"}
    assert about == {"older adults"}  # (over 60 makes up most of them)


def test_cells_that_do_the_harm_are_no_cells_the_disease_affects():
    found, _ = facts(
        "Aplastic anaemia is a rare condition where the bone marrow stops making enough blood cells.\n\nCauses\n"
        "In aplastic anaemia, the stem cells in the bone marrow are damaged and there are far fewer of them than "
        "normal. Cells of the immune system called T cells damage the stem cells so they cannot make new blood cells.\n",
        "cell-type",
    )
    assert "T cell" not in labels(found) and "stem cell" in labels(found)


def test_an_item_naming_several_relatives_with_the_disease_is_one_risk_factor():
    found, _ = facts(
        "Chronic lymphocytic leukemia (CLL) is a cancer of the blood.\n\nRisk factors for CLL include:\n"
        "- Being middle-aged or older.\n- Having a parent, brother, sister, or child who has had CLL.\n",
        "risk-factor",
    )
    assert "having a parent, brother, sister, or child who has had CLL" in labels(found)
    assert not any(n in labels(found) for n in ("having a parent", "brother or child who has had CLL"))


def test_a_name_ending_in_plasia_and_one_you_might_see_it_written_as():
    found, _ = facts(
        "Myelodysplastic syndromes (MDS), sometimes called myelodysplasia, are a group of blood cancers. MDS mostly "
        "affects older people. Doctors say you might see it written as myelodysplastic disorder.\n"
    )
    names = {f.object.value for f in found if f.kind in ("name", "synonym")}
    assert {"myelodysplasia", "myelodysplastic disorder"} <= names, names


def test_how_many_reach_remission_is_no_outlook():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nOutlook\n\nAround 9 in 10 adults with T-ALL reach "
        "remission. Most adults go into remission with treatment.\n"
    )
    assert not [f for f in found if f.predicate == "allkg:outlook"]


def test_what_a_gloss_says_of_an_agent_is_no_risk_factor_of_its_own():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nRisk factors\n\nWorking for a long time with benzene, "
        "a chemical used in some industries and found in tobacco smoke, is linked to a higher risk of ALL.\n",
        "risk-factor",
    )
    assert "smoking" not in labels(found)


def test_signs_under_advice_after_a_sentence_on_other_conditions_and_the_places_of_one_sign():
    """A government summary's "See a doctor if you have any of these:" after "Other illnesses can
    give the same signs": its unbulleted lines are the disease's signs, one of them a relative
    clause ("that grow but do not ache") with the places it is in listed after a comma."""
    found, _ = facts(
        "Chronic lymphocytic leukemia (CLL) is a cancer of the blood.\n"
        "Other illnesses, such as a cold, can give the same signs as CLL. See a doctor if you have any of these:\n"
        "Lymph nodes that grow but do not ache, in the neck, armpit, or groin.\n"
        "Night sweats.\n"
        "Losing weight without trying.\n"
        "CLL is diagnosed with blood tests.\n",
        "symptom",
    )
    assert {"night sweats", "weight loss"} <= labels(found), labels(found)
    assert any(label.startswith("lymph nodes that grow") for label in labels(found)), labels(found)
    assert not {"in the neck", "armpit", "groin"} & labels(found)


def test_a_form_set_apart_by_secondary_is_no_name_of_the_disease():
    found, _ = facts(
        "Primary CNS lymphoma is a rare lymphoma that starts in the brain. When a lymphoma from elsewhere reaches "
        "the brain, doctors call it secondary CNS lymphoma.\n"
    )
    names = {f.object.value for f in found if f.kind in ("name", "synonym")}
    assert "primary CNS lymphoma" in names and "CNS lymphoma" not in names, names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the title names the disease in older adults
        ("Acute Lymphoblastic Leukemia in Older Adults Treatment\n\nAcute lymphoblastic leukemia (ALL) is a cancer of "
         "the blood. ALL is more common in older adults.\n", "adult acute lymphoblastic leukemia"),
        # written for children's families, naming it in children once, never in adults
        ("Acute Lymphoblastic Leukemia (ALL) | Sunnyside Children's Hospital\n\nAcute lymphoblastic leukemia (ALL) is a "
         "cancer of the blood. In kids it is often called childhood ALL. Your child's team will explain the tests. "
         "Ask your child's nurse about side effects. ALL is treated with chemotherapy.\n",
         "childhood acute lymphoblastic leukemia"),
        # the same family page, saying only "childhood cancer": every cancer of children, not this one's name
        ("Acute Lymphoblastic Leukemia (ALL) | Sunnyside Children's Hospital\n\nAcute lymphoblastic leukemia (ALL) is a "
         "common childhood cancer. Your child's team will explain the tests. Ask your child's nurse about side "
         "effects. ALL is treated with chemotherapy.\n", "acute lymphocytic leukemia"),
        # written for children themselves ("kids"), naming it in children once
        ("What Is ALL? A Guide for Kids\n\nAcute lymphoblastic leukemia is a kind of cancer of the blood that kids get. "
         "Everyone calls it ALL. Doctors call it childhood ALL when a kid has it. Lots of kids with ALL get better.\n",
         "childhood acute lymphoblastic leukemia"),
        # a page for everyone that names the childhood form in passing
        ("Acute Lymphoblastic Leukemia (ALL)\n\nAcute lymphoblastic leukemia (ALL) is a cancer of the blood. In children "
         "it is often called childhood ALL. ALL in adults is treated the same way.\n", "acute lymphocytic leukemia"),
        # a booklet flattened from PDF: its title is its running header
        ("ALL at a glance\n" + "".join(
            f"Acute lymphoblastic leukaemia (ALL) in adults                    {n}\nALL is a cancer of the white blood "
            f"cells. Part {n} of this booklet explains it.\n\n" for n in range(3, 7)), "adult acute lymphoblastic leukemia"),
    ],
)
def test_the_age_of_a_page_s_disease_by_its_title_and_by_its_readers(text: str, expected: str):
    found, _ = facts(text)
    assert found and found[0].subject.label == expected


def test_ph_like_all_is_its_own_disease_and_names_keep_their_capitals():
    found, _ = facts(
        "Ph-like ALL\n\nPhiladelphia chromosome-like acute lymphoblastic leukemia (Ph-like ALL) is a high-risk form of "
        "B-cell ALL. It is also called BCR-ABL1-like ALL. Ph-like ALL is more common in young adults.\n"
    )
    assert found[0].subject.label == "Philadelphia chromosome-like acute lymphoblastic leukemia"
    names = {f.object.value for f in found if f.kind in ("name", "synonym")}
    assert {"Ph-like ALL", "BCR-ABL1-like ALL"} <= names, names


def test_signs_named_before_are_among_the_signs_of_it_but_not_those_of_another_condition():
    found, _ = facts(
        "Chronic lymphocytic leukaemia (CLL) is a blood cancer. Night sweats and tiredness are among the signs of CLL. "
        "Headaches are a common symptom of anaemia.\n",
        "symptom",
    )
    assert {"night sweats", "fatigue"} <= labels(found) and "headache" not in labels(found), labels(found)


def test_a_phrase_only_close_to_a_sign_the_page_also_names_is_that_sign():
    found, result = facts(
        "Chronic lymphocytic leukaemia (CLL) is a blood cancer.\n\nSymptoms include:\n- Feeling very tired\n- Night "
        "sweats\n\nTiredness is common in people with CLL and the symptoms may include tiredness.\n",
        "symptom",
    )
    tired = [f for f in found if f.object.label in ("fatigue", "feeling very tired")]
    assert [f.object.label for f in tired] == ["fatigue"], labels(found)
    quotes = {result.document.text[s.start : s.end] for s in tired[0].evidence}
    assert "Feeling very tired" in quotes and any(q.startswith("Tiredness") for q in quotes), quotes


def test_bare_lower_case_items_a_scrape_moved_under_a_long_footer_line_are_the_empty_list_s():
    """A page not wrapped at a width: the footer's long last line does not run on into the bare
    items under it, which are the list its lead-in lost, glosses and conditions included."""
    found, _ = facts(
        "What are the signs?\nALL can make you feel tired and breathless, and the signs come on over a few weeks "
        "because the marrow is full of leukaemia cells.\nOther symptoms can include:\n\n"
        "Contact us  Privacy  Cookies  Terms\n"
        "Blood Help is a registered charity in England and Wales (1234567) and Scotland (SC765432). © Blood Help 2025\n"
        "pain in your bones – young children may limp\n"
        "night sweats\n"
        "headaches or blurred vision, if leukaemia has reached the brain\n",
        "symptom",
    )
    assert {"bone pain", "night sweats", "headache", "blurred vision"} <= labels(found), labels(found)


def test_a_list_under_advice_after_signs_that_look_like_another_illness_is_of_signs():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the blood.\n"
        "Early signs of ALL can look like a cold, and in older people they are easy to put down to age. Check with your "
        "doctor if you have any of these:\n"
        "Fever, or drenching night sweats.\n"
        "Shortness of breath.\n"
        "Tests of the blood are used to find ALL.\n",
        "symptom",
    )
    assert {"fever", "shortness of breath"} <= labels(found), labels(found)


def test_a_table_s_caption_names_no_sign():
    html = (
        "<html><body><h1>Adult ALL</h1><p>Adult acute lymphoblastic leukemia (ALL) is a cancer of the blood.</p>"
        "<h3>Signs of adult ALL include fever and easy bruising.</h3><p>The early signs of ALL may be like those of a cold "
        "or other common illnesses. Check with your doctor if you have any of the following:</p>"
        "<table><caption>Table 3. Possible signs of adult ALL</caption>"
        "<thead><tr><th>What is happening</th><th>What you may notice</th></tr></thead>"
        "<tbody><tr><td>Too few red blood cells</td><td>Pale skin; shortness of breath</td></tr>"
        "<tr><td>Too few platelets</td><td>Nosebleeds</td></tr></tbody></table></body></html>"
    )
    result = extract(decode_source(html.encode(), name="page.html"), LEXICON)
    found = {f.object.label for f in result.facts if f.kind == "symptom"}
    assert "shortness of breath" in found and not any("table" in label for label in found), found


def test_what_a_sentence_calls_risk_factors_counts_in_words_no_ontology_has():
    found, _ = facts(
        "Iron deficiency anaemia is a common anaemia.\n\nRisks\n\nOther risk factors include a vegetarian diet, giving "
        "blood often, and, in toddlers, drinking a lot of cow's milk.\n",
        "risk-factor",
    )
    assert {"vegetarian diet", "giving blood often", "drinking a lot of cow's milk"} <= labels(found), labels(found)
    assert not {"and", "in toddlers"} & labels(found)
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a blood cancer.\nRisk factors include:- Smoking- Having a brother or "
        "sister with ALLCopyright 2026 Example Health. All rights reserved.\n",
        "risk-factor",
    )
    assert "smoking" in labels(found) and not any("Copyright" in label for label in labels(found)), labels(found)


def test_bare_items_finishing_their_lead_in_with_a_verb_and_the_last_before_prose_are_items():
    from allkg.extract.structure import structure

    text = (
        "Causes\nYou can run short of iron if you:\nLose blood\nDo not eat enough iron\nNeed more iron than usual, such as "
        "in pregnancy\nIn women who have periods, heavy periods are the most common cause of all.\nRisk factors include:\n"
        "Stomach ulcers\nColon polyps or colon cancer\nSome medicines can make the stomach bleed slowly over months.\n"
    )
    layout = structure(text)
    kinds = {seg.text: seg.kind for seg in layout.segments}
    assert [kinds[t] for t in ("Lose blood", "Do not eat enough iron", "Need more iron than usual, such as in pregnancy")] == [
        "item", "item", "item"
    ], kinds
    assert kinds["Colon polyps or colon cancer"] == "item", kinds


def test_an_age_sub_heading_within_risk_factors_is_who_gets_it_and_the_sub_headings_after_it_are_risk_factors():
    html = (
        "<html><body><h1>Acute lymphoblastic leukemia</h1><p>Acute lymphoblastic leukemia (ALL) is a blood cancer.</p>"
        "<h2>Risk factors</h2><h3>Age</h3><p>ALL is most common in children younger than 5. The risk drops through the "
        "teen years, then slowly rises again after age 50.</p><h3>Sex and race</h3><p>ALL is a little more common in "
        "males than in females.</p><h3>Chemicals</h3><p>Long-term exposure to benzene may also play a role.</p>"
        "</body></html>"
    )
    result = extract(decode_source(html.encode(), name="page.html"), LEXICON)
    risks = {f.object.label for f in result.facts if f.kind == "risk-factor"}
    ages = {f.object.label for f in result.facts if f.kind == "age-group"}
    assert {"male sex", "exposure to chemical"} <= risks, risks  # ("Chemicals" heads a risk factor of its own)
    assert len(ages) >= 2, ages


def test_what_you_might_have_noticed_heads_signs_and_spots_of_either_colour_are_one_sign():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nWhat might I have noticed?\nYou might have had some "
        "of these:\n- Breathless - out of puff on the stairs\n- Tiny red or purple spots on your skin\n- Heavy periods\n",
        "symptom",
    )
    assert {"shortness of breath", "heavy periods"} <= labels(found), labels(found)
    assert not {"tiny red", "purple spots on your skin"} & labels(found), labels(found)


def test_signs_a_disease_rarely_gives_are_not_its_signs():
    found, _ = facts(
        "Primary CNS lymphoma (PCNSL) is a rare lymphoma of the brain.\n\nSymptoms\nPCNSL often causes headaches. "
        "Unlike other lymphomas, PCNSL rarely causes night sweats or weight loss.\n",
        "symptom",
    )
    assert "headache" in labels(found) and not {"night sweats", "weight loss"} & labels(found), labels(found)


def test_a_disease_without_parents_in_its_ontology_is_of_the_family_its_name_ends_with():
    found, _ = facts(
        "Primary CNS lymphoma (PCNSL) is a rare cancer of the brain.\n\nSymptoms\nLymphoma in the spinal cord can cause "
        "back pain.\n",
        "symptom",
    )
    assert "back pain" in labels(found), labels(found)


def test_the_last_item_giving_examples_is_no_heading_and_the_sentence_after_the_list_no_item():
    found, _ = facts(
        "Thrombotic thrombocytopenic purpura (TTP) is a rare blood disorder.\nRisk Factors\nOther things that can raise "
        "your risk of TTP include:\nPregnancy\nHIV infection\nSome medicines, including quinine and ticlopidine\n"
        "Inherited TTP often shows up in newborns. Having a family history of TTP raises the chance of it.\n",
        "risk-factor",
    )
    assert {"medicines", "family history"} <= labels(found), labels(found)
    assert not any(label.lower().startswith("inherited ttp") for label in labels(found)), labels(found)


@pytest.mark.parametrize(
    "sentence",
    [
        "ALL happens when the DNA inside a young white blood cell gets damaged, so the cell keeps dividing.",
        "In ALL, changes in the genes of a young lymphoid cell stop it from growing up.",
        "In most babies with ALL, the leukaemia cells have a change in a gene called KMT2A.",
        "ALL starts with a mistake in the genes of one young white blood cell.",
    ],
)
def test_the_cause_said_as_damaged_dna_after_in_it_and_of_the_cells_it_is_in(sentence: str):
    found, _ = facts(f"Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\n{sentence}\n", "cause")
    assert "DNA mutation" in labels(found), labels(found)


@pytest.mark.parametrize(
    ("sentence", "group", "statement"),
    [
        ("Around 4 in 10 people with ALL in Wales are adults.", "adults", True),
        ("About 1 in 4 adults who have ALL have the T-cell type.", "adults", True),
        ("ALL is uncommon in adults.", "adults", True),
        ("Teenagers and adults can also get ALL, but it behaves differently in them.", "adults", False),
    ],
)
def test_who_gets_it_by_a_share_of_people_an_uncommon_group_and_one_that_can_also_get_it(sentence, group, statement):
    found, _ = facts(f"Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\n{sentence}\n")
    assert group in {f.object.label for f in found if f.kind == "age-group"}, [(f.kind, f.object) for f in found]
    assert any(f.kind == "epidemiology" for f in found) == statement


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("At first the symptoms may seem like those of flu.", "influenza"),
        ("Early on, these symptoms can feel a lot like flu.", "influenza"),
        ("Because many people with PCNSL are older, changes in memory are sometimes mistaken for dementia.", "dementia"),
        ("Joint pain and limping have many other causes, such as asthma or growing pains.", "asthma"),
        ("Sudden weakness or trouble speaking can also come from a stroke.", "stroke"),
        ("A cough from a chest mass is sometimes treated as asthma at first.", "asthma"),
        ("Because it often starts with fever, many families first think it is malaria.", "malaria"),
    ],
)
def test_what_the_signs_seem_like_or_are_first_taken_for(sentence: str, expected: str):
    found, _ = facts(f"Primary CNS lymphoma (PCNSL) is a rare cancer of the brain.\n\n{sentence}\n", "resemblance")
    assert any(expected in label for label in labels(found)), labels(found)


def test_how_cells_look_and_what_the_signs_mostly_come_from_are_no_look_alikes():
    found, _ = facts(
        "Sickle cell disease (SCD) is an inherited blood disorder. In someone with SCD, the red blood cells become stiff "
        "and look like a curved farm tool. When symptoms occur, they are mostly caused by low blood counts.\n",
        "resemblance",
    )
    assert not labels(found), labels(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Glioblastoma is a fast-growing cancer that starts in the brain.", {"acute"}),
        ("Follicular lymphoma (FL) is a slow-growing (low-grade) lymphoma.", {"chronic"}),
        ("Thrombotic thrombocytopenic purpura (TTP) is a blood disorder. TTP usually comes on suddenly.", {"acute"}),
        # of its kinds, both speeds: neither; of its cells: none; of another disease it comes from: none
        ("Non-Hodgkin lymphoma (NHL) is a cancer. Some kinds of NHL grow slowly, while others are aggressive.", set()),
        ("Pancreatic cancer is a cancer. Gene changes tell its cells to grow quickly.", set()),
        ("Diffuse large B-cell lymphoma (DLBCL) is a cancer. Sometimes a slow-growing lymphoma turns into DLBCL.", set()),
    ],
)
def test_how_fast_the_disease_itself_goes_is_its_course(text: str, expected: set[str]):
    found, _ = facts(text + "\n", "course")
    assert {f.object.label for f in found if f.predicate == "allkg:hasCourse"} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It is most common in people of Irish, Welsh or other northern European descent.",
         {"Irish descent", "Welsh descent", "northern European descent"}),
        ("In the US, lupus is more common in people who are Black, Hispanic or Latino, or Native American.",
         {"Black", "Hispanic or Latino", "Native American"}),
    ],
)
def test_groups_by_ancestry_listed_with_qualifiers_and_after_who_are(sentence: str, expected: set[str]):
    found, _ = facts(f"Systemic lupus erythematosus (lupus) is an autoimmune disease.\n\n{sentence}\n", "risk-factor")
    assert labels(found) == expected


def test_what_a_disease_starts_with_is_its_signs_what_it_leads_to_no_look_alike():
    found, _ = facts(
        "Scarlet fever is a bacterial infection.\n\nSymptoms\nScarlet fever often starts off looking like a cold or flu, "
        "with:\n • a high temperature\n • a sore throat\n\nRarely, scarlet fever can lead to problems such as pneumonia.\n"
    )
    signs = {f.object.label for f in found if f.kind == "symptom"}
    looks = {f.object.label for f in found if f.kind == "resemblance"}
    assert {"fever", "pharyngalgia"} <= signs, signs  # (HPO calls a sore throat pharyngalgia)
    assert "pneumonia" not in looks and "with" not in looks and any("cold" in x for x in looks), looks


def test_who_has_a_sign_is_no_part_of_its_name():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the blood.\n\nSymptoms\nToo few platelets can cause:\n"
        "- Bleeding gums\n- Heavy menstrual periods in women\n- Long-lasting nosebleeds in children\n",
        "symptom",
    )
    assert not any(label.endswith((" in women", " in children")) for label in labels(found)), labels(found)


def test_in_a_section_on_the_signs_a_body_part_is_where_a_sign_is_unless_the_disease_is_there():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the blood.\n\nSymptoms\nIn ALL the pain is often in the "
        "joints or the back. In T-cell ALL, there may be a mass in the chest. The leukaemia can enlarge the liver.\n",
        "anatomy",
    )
    assert {"chest", "liver"} <= labels(found) and not {"joints", "back"} & labels(found), labels(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Risk factors for ALL include:\n- Being male.\n- Being Hispanic or White.\n", {"being Hispanic", "being White"}),
        ("Rates are highest among Hispanic people, followed by white people, and lower among Black people.\n",
         {"Hispanic people", "white people"}),
        ("In the US it is diagnosed more often in Hispanic children and less often in Black children.\n", {"Hispanic children"}),
        ("Risk factors for ALL include:\n- viral infections, such as the Epstein-Barr virus\n", {"Epstein-Barr virus infection"}),
    ],
)
def test_groups_where_rates_are_highest_an_item_of_two_groups_and_a_virus_as_its_infection(text: str, expected: set[str]):
    found, _ = facts(f"Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\n{text}", "risk-factor")
    assert expected <= labels(found) and not any("Black" in label for label in labels(found)), labels(found)


def test_an_item_naming_a_thing_or_another_of_its_kind_gives_both():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nPossible risk factors for ALL include:\n"
        "- Being male.\n- Having Down syndrome or another inherited condition that affects how cells repair their genes.\n",
        "risk-factor",
    )
    assert {"Down syndrome", "genetic disorders"} <= labels(found), labels(found)
    assert not any("repair" in label for label in labels(found))


@pytest.mark.parametrize("verb", ["push out", "squeeze out"])
def test_cells_the_disease_pushes_out_are_cells_it_affects(verb: str):
    found, _ = facts(
        f"Acute lymphoblastic leukaemia (ALL) is a blood cancer. As the lymphoblasts multiply, they {verb} the healthy "
        "cells your body needs: red blood cells and platelets.\n",
        "cell-type",
    )
    assert {"red blood cell", "platelet"} <= labels(found), labels(found)


def test_places_the_disease_involves_in_a_section_on_signs_and_relatives_listed_with_commas_are_one_factor():
    found, _ = facts(
        "Hodgkin lymphoma is a cancer of the lymphatic system.\n\nSigns and symptoms\nIn later stages it can involve "
        "the spleen, liver or lungs.\n\nCause\nOther risk factors include having a parent, brother or sister with the "
        "disease, and a weakened immune system.\n"
    )
    places = {f.object.label for f in found if f.kind == "anatomy"}
    risks = {f.object.label for f in found if f.kind == "risk-factor"}
    assert {"spleen", "liver", "lung"} <= places, places
    assert not {"having a parent", "brother or sister with the disease"} & risks, risks


def test_what_the_disease_can_affect_is_where_it_is_but_not_what_its_treatment_affects():
    found, _ = facts(
        "Lupus is a long-term autoimmune disease.\n\nOverview\nThe inflammation this causes can affect the joints, "
        "skin and kidneys. Radiotherapy for another illness can also affect the heart.\n",
        "anatomy",
    )
    assert {"joints", "skin", "kidney"} <= labels(found) and "heart" not in labels(found), labels(found)


def test_pain_said_with_a_place_no_term_names_is_no_mere_pain():
    found, _ = facts(
        "Hodgkin lymphoma is a cancer of the lymphatic system.\n\nSymptoms\nOther symptoms include tiredness. Some "
        "people have pain or a feeling of fullness below the ribs.\n",
        "symptom",
    )
    assert "fatigue" in labels(found) and "pain" not in labels(found), labels(found)


def test_pale_and_weak_said_alone_are_pallor_and_weakness():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nSymptoms\nMany parents say their child seemed tired "
        "and pale for a few weeks. Older children may feel weak and look paler than usual.\n",
        "symptom",
    )
    assert {"pallor", "weakness", "fatigue"} <= labels(found), labels(found)


def test_infections_one_after_another_are_recurrent_infections():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nSymptoms\nYour child may look pale, run fevers or "
        "get one infection after another. Some teenagers keep getting infections.\n",
        "symptom",
    )
    assert "recurrent infections" in labels(found), labels(found)


def test_each_organ_after_enlarged_and_one_which_was_swollen_is_enlarged():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nSymptoms\nA build-up of leukaemia cells can enlarge "
        "the liver and spleen.\n",
        "symptom",
    )
    assert {"hepatomegaly", "splenomegaly"} <= labels(found) or "hepatosplenomegaly" in labels(found), labels(found)
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nSymptoms\nIt had spread to his spleen, which was "
        "swollen.\n",
        "symptom",
    )
    assert "splenomegaly" in labels(found), labels(found)


def test_signs_of_a_form_of_the_disease_after_if_you_have_it_are_its_signs_not_advice():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nSymptoms\nIf you have T-cell ALL with a lump in the "
        "chest, you may also have a cough. If you have a fever over 38C, ring the ward.\n",
        "symptom",
    )
    assert labels(found) == {"cough"}, labels(found)


def test_a_labels_detail_listing_signs_half_of_which_the_lexicon_names_gives_them():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a blood cancer.\n\nSymptoms\nSymptoms can include:\n- Bruising and "
        "bleeding – bruises for no reason, bleeding gums, nosebleeds, or tiny red spots on the skin called petechiae\n",
        "symptom",
    )
    assert {"gingival bleeding", "epistaxis"} <= labels(found), labels(found)


def test_what_the_body_secretes_or_excretes_is_no_place_of_the_disease():
    found, _ = facts(
        "Cystic fibrosis is an inherited condition.\n\nOverview\nCystic fibrosis affects the lungs and makes thick mucus "
        "and very salty sweat.\n",
        "anatomy",
    )
    assert "lung" in labels(found) and not {"mucus", "sweat"} & labels(found), labels(found)


def test_a_question_threads_tags_votes_and_reply_links_head_no_section_so_its_answers_are_read():
    found, _ = facts(
        "Ask a question   Browse topics   Log in\n\n"
        "Q: Our daughter has just been told she has acute lymphoblastic leukaemia. What does it mean?\n"
        "Asked by a_worried_mum · 2 days ago\n"
        "Tags: leukaemia  children  chemotherapy\n"
        "▲ 9 ▼   Follow   Share\n\n"
        "▲ 31 ▼\n"
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells that starts in the bone marrow. "
        "It is most common in children aged 2 to 5.\n"
        "Reply   Report\n\n"
        "▲ 4 ▼\n"
        "Children with Down syndrome have a higher risk of it.\n"
        "Reply   Report\n",
    )
    kinds = {(f.kind, f.object.label) for f in found if f.kind in ("anatomy", "risk-factor")}
    assert kinds == {("anatomy", "bone marrow"), ("risk-factor", "Down syndrome")}


def test_what_a_mass_presses_on_is_no_place_of_the_disease():
    found, _ = facts(
        "T-cell lymphoblastic lymphoma\n\nT-cell lymphoblastic lymphoma often forms a mass in the thymus. "
        "It can press on the big vein that drains the head (the superior vena cava), which makes the face and neck swell.\n",
        "anatomy",
    )
    assert labels(found) == {"thymus"}


@pytest.mark.parametrize(
    ("sentence", "factors"),
    [
        ("Children with Down syndrome and people who have had an organ transplant have a higher risk, but most patients "
         "don't have any risk factor at all.", {"Down syndrome", "organ transplant"}),
        ("Smoking raises the risk of some other\ntypes of leukaemia, but there is no clear link with it.", set()),
        ("Having had an organ transplant does not raise the risk of it.", set()),
    ],
)
def test_a_contrast_after_a_risk_sentences_cue_says_nothing_of_its_factors(sentence: str, factors: set[str]):
    found, _ = facts(f"Lymphoblastic lymphoma\n\nLymphoblastic lymphoma is a cancer of immature lymphocytes. {sentence}\n", "risk-factor")
    assert labels(found) == factors


def test_an_organ_transplant_is_a_risk_factor_grounded_in_hpo():
    found, _ = facts("Kaposi's sarcoma\n\nPeople who have had an organ transplant are more likely to get Kaposi's sarcoma.\n", "risk-factor")
    assert [(f.object.label, [iri for _, iri in f.object.concept.mappings]) for f in found] == [
        ("organ transplant", ["http://purl.obolibrary.org/obo/HP_0032444"])
    ]


def test_a_key_facts_box_drawn_with_box_characters_gives_the_kinds_its_items_labels_name():
    found, _ = facts(
        "Ovarian cancer: the signs women miss\n\nOvarian cancer is often found late.\n\n"
        "┌ KEY FACTS: OVARIAN CANCER\n"
        "│ • Around 7,500 women are diagnosed every year\n"
        "│ • Main symptoms: persistent bloating, pelvic pain, back pain\n"
        "│ • Higher risk: getting older, endometriosis\n"
        "│ • Cervical screening does not detect it\n"
        "└ Source: a charity\n",
    )
    assert {(f.kind, f.object.label) for f in found if f.kind in ("symptom", "risk-factor")} == {
        ("symptom", "persistent bloating"), ("symptom", "pelvic pain"), ("symptom", "back pain"),
        ("risk-factor", "older age"), ("risk-factor", "endometriosis"),
    }


def test_who_said_a_quote_under_a_list_of_signs_is_no_sign():
    found, _ = facts(
        "Childhood ALL\n\nWhat are the signs?\nYour child may:\n• look pale\n• bruise easily\n"
        "If something does not feel right, trust your instinct and go back to your GP.\n\n  ────────────\n"
        "  “We were back at the doctor three times\n   with what we thought was a virus.”\n       — Declan, dad to Aoife (3)\n"
        "  ────────────\n",
        "symptom",
    )
    assert labels(found) == {"pallor", "easy bruising"}


def test_a_sentence_naming_three_signs_or_more_in_an_enumeration_names_signs_without_a_cue():
    found, _ = facts(
        "Adult ALL\n\nAdult acute lymphoblastic leukaemia is a cancer of the blood. Adults with ALL often go to a doctor "
        "because they feel tired or weak, get short of breath, have a fever, keep getting infections, or have pain in "
        "their bones.\n",
        "symptom",
    )
    assert {"fatigue", "fever", "bone pain"} <= labels(found)


def test_an_enumeration_of_what_a_treatment_named_just_before_does_names_no_signs():
    found, _ = facts(
        "Childhood ALL\n\nChildhood ALL is a cancer of the blood. Chemotherapy is strong medicine that kills the leukaemia "
        "cells. It can make your hair fall out for a while, make you feel sick, or make you feel grumpy.\n",
        "symptom",
    )
    assert labels(found) == set()


def test_a_childs_own_words_under_how_did_i_feel_are_signs_without_the_narrator():
    found, _ = facts(
        "Leukaemia: a page for kids\n\nAcute lymphoblastic leukaemia is a cancer of the blood.\n\n"
        "How did I feel before I came to hospital?\nLots of children say things like this:\n"
        "- I felt really, really tired, even after a long sleep.\n- I looked pale.\n- I bruised easily.\n"
        "- I kept getting colds.\n",
        "symptom",
    )
    assert labels(found) == {"fatigue", "pallor", "easy bruising", "kept getting colds"}


def test_examples_holding_a_bracketed_abbreviation_are_examples_not_an_item_of_their_own():
    found, _ = facts(
        "Diffuse large B-cell lymphoma\n\nDiffuse large B-cell lymphoma is a cancer.\n\nRisk factors\nThings that raise "
        "the risk include:\n- some viral infections, such as Epstein-Barr virus (EBV) and hepatitis C\n",
        "risk-factor",
    )
    assert labels(found) == {"viral infectious disease", "hepatitis C virus infection"}


def test_an_adverb_after_what_a_sign_was_taken_for_names_no_look_alike():
    found, _ = facts(
        "ALL\n\nAcute lymphoblastic leukaemia is a blood cancer.\n\nThe signs\nI was exhausted all the time. "
        "The first GP thought it was a virus, and honestly, so did I.\n",
        "resemblance",
    )
    assert labels(found) == {"viral infectious disease"}


def test_an_items_second_sentence_and_how_long_a_sign_lasts_are_no_part_of_its_name():
    found, _ = facts(
        "Colorectal cancer\n\nColorectal cancer is a cancer of the colon or rectum.\n\nSymptoms\nSymptoms can include:\n"
        "- A change in bowel habits that lasts more than a few days\n"
        "- Bleeding from the rectum, or blood in the stool. Stool may look dark or black.\n",
        "symptom",
    )
    assert "change in bowel habits" in labels(found)
    assert not any("." in label or "black" in label or "lasts" in label for label in labels(found)), labels(found)


def test_an_item_labelled_as_the_cause_in_a_list_of_risk_factors_is_no_risk_factor():
    found, _ = facts(
        "ALL\n\nAcute lymphoblastic leukaemia is a cancer of the blood.\n\nRisk factors\nRisk factors include:\n"
        "- Down syndrome\n- 3.1 Cause: acquired genetic lesions in a single lymphoid progenitor. In most pts no trigger is found.\n",
        "risk-factor",
    )
    assert labels(found) == {"Down syndrome"}


def test_an_age_word_naming_a_kind_of_treatment_is_no_age_group():
    found, _ = facts(
        "Adult ALL\n\nAdult acute lymphoblastic leukaemia is a cancer of the blood.\n\nOutlook\n"
        "Younger adults below 40 do much better, especially when treated with paediatric-style protocols.\n",
        "prognosis",
    )
    ages = {f.object.label for f in found if f.predicate == "allkg:aboutAgeGroup"}
    assert ages == {"under 40"}


def test_a_list_under_a_heading_asking_where_the_disease_comes_back_names_its_places():
    found, _ = facts(
        "Relapsed ALL\n\nRelapsed acute lymphoblastic leukaemia is leukaemia that has come back.\n\n"
        "Where can ALL come back?\nl   Most often in the bone marrow.\nl   In men and boys, in the testicles.\n"
        "l   Occasionally in other places, such as the skin or the eyes.\n",
        "anatomy",
    )
    assert {"bone marrow", "testis", "skin", "eye"} <= {f.object.concept.pref_label for f in found}


def test_the_glands_in_the_neck_a_disease_travels_to_are_lymph_nodes():
    found, _ = facts(
        "ALL\n\nAcute lymphoblastic leukaemia is a blood cancer.\n\nWhat happens in ALL?\nThe blast cells can travel "
        "to other places, like the glands in your neck, your spleen and sometimes your brain.\n",
        "anatomy",
    )
    assert {f.object.concept.pref_label for f in found} == {"lymph node", "spleen", "brain"}


@pytest.mark.parametrize(
    ("sentence", "synonyms"),
    [
        ("Gaucher disease (Gaucher's disease, glucocerebrosidosis) is a hereditary illness of the metabolism.",
         {"glucocerebrosidosis"}),
        ("Gaucher disease (the commonest storage disease, in short GD) is an inherited illness.", set()),
    ],
)
def test_other_names_listed_in_brackets_between_a_name_and_its_definition_are_synonyms(sentence: str, synonyms: set[str]):
    found, _ = facts(f"Gaucher disease\n\n{sentence}\n")
    said = {f.object.value for f in found if f.kind == "synonym"}
    assert synonyms <= said and not any(word in name for name in said for word in ("commonest", "short", "also"))


def test_a_lead_in_run_into_the_last_item_of_a_list_on_one_line_still_leads_its_own_list():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer that starts in the bone marrow. Signs of ALL may include: "
        "1. Bone pain 2. Pale skin 3. Fever Risk factors include: 1. Being male 2. Exposure to benzene 3. Down syndrome "
        "12 Replies Mon, Jun 24, 2024 Copyright 2026 Example Health. All rights reserved.\n",
        "risk-factor",
    )
    assert {"male sex", "exposure to benzene", "Down syndrome"} <= labels(found)


def test_cells_the_marrow_stops_making_enough_of_are_affected():
    found, _ = facts(
        "ALL\n\nAcute lymphoblastic leukaemia is a cancer of the blood. The blasts take up so much room in the marrow "
        "that you stop making enough red cells and platelets.\n",
        "cell-type",
    )
    assert {"red blood cell", "platelet"} <= labels(found)
    found, _ = facts(
        "T-ALL\n\nT-cell acute lymphoblastic leukaemia is a cancer. As the blasts take over the marrow, there is less "
        "space to make healthy red cells and platelets.\n",
        "cell-type",
    )
    assert {"red blood cell", "platelet"} <= labels(found)


def test_a_heading_asking_what_a_word_means_defines_the_disease_whatever_the_word():
    found, _ = facts(
        "Relapsed ALL and the brain\n\nThis page is for families of children treated at our centre.\n\n"
        "What does \"relapse\" mean?\nAcute lymphoblastic leukaemia (ALL) is a cancer of "
        "the lymphocytes. A relapse means the leukaemia has come back, in the bone marrow or in the brain and spinal cord.\n",
    )
    assert {"lymphocyte"} <= labels(f for f in found if f.kind == "cell-type")
    assert {"brain", "spinal cord"} <= labels(f for f in found if f.kind == "anatomy")


def test_the_cells_the_disease_s_young_cells_would_have_grown_into_are_the_cells_it_affects():
    found, _ = facts(
        "ALL\n\nAcute lymphoblastic leukaemia is a cancer of the blood. In ALL, the bone marrow makes too many "
        "lymphoblasts. These are young cells that would normally grow into lymphocytes, which fight infections.\n",
        "cell-type",
    )
    assert "lymphocyte" in labels(found)
    found, _ = facts(
        "Aplastic anaemia\n\nAplastic anaemia is a rare condition. Your bone marrow contains stem cells, which grow "
        "into red blood cells, white blood cells and platelets.\n",
        "cell-type",
    )
    assert not {"red blood cell", "white blood cell", "platelet"} & labels(found)  # what marrow does, said of no disease


def test_a_mass_in_the_chest_is_a_sign_grounded_in_hpo_and_places_the_disease_in_the_chest():
    found, _ = facts("T-cell ALL\n\nT-cell acute lymphoblastic leukaemia is a cancer. It often causes a mass in the chest.\n")
    assert "mediastinal mass" in labels(f for f in found if f.kind == "symptom")
    assert "chest" in labels(f for f in found if f.kind == "anatomy")


def test_what_a_booklet_says_does_not_cause_the_disease_after_its_risk_list_is_no_risk_factor():
    page = (
        "Understanding ALL\n\nWhat causes ALL?\n"
        "ALL is caused by changes (mutations) in the genes of a developing\n"
        "lymphocyte. We do not usually know why these changes happen. They are\n"
        "not passed on in families, and ALL is not infectious. Doctors and\n"
        "scientists are still working to find out more about what causes it.\n"
        "Some things can make ALL more likely:\n"
        "o previous chemotherapy or radiotherapy for another cancer\n"
        "o some genetic conditions, including Down's syndrome\n"
        "Things that do NOT cause ALL: living near power lines, using a mobile\n"
        "phone, stress, or anything you ate.\n"
    )
    found, _ = facts(page, "risk-factor")
    assert labels(found) == {"previous cancer treatment", "genetic disorders", "Down syndrome"}
    lines = logical_lines(page)
    assert any(page[line.start : line.end].endswith("a mobile\nphone, stress, or anything you ate.") for line in lines)


@pytest.mark.parametrize(
    ("page", "lookalikes"),
    [
        ("Bladder cancer\n\nBladder cancer is a cancer.\n\nSymptoms\nThese symptoms are much more often caused by a "
         "urinary tract infection, so bladder cancer can be missed at first.\n", {"urinary tract infection"}),
        ("ALL\n\nALL is a cancer.\n\nSigns\nAt first it might have just felt like you had a cold or the flu.\n",
         {"common cold", "influenza"}),
        ("Lymphoblastic lymphoma\n\nLymphoblastic lymphoma is a cancer.\n\nMy daughter had it at 14. It started with what we "
         "thought was a chest infection that would not go away.\n", {"chest infection"}),
    ],
)
def test_what_signs_were_more_often_caused_by_felt_like_or_were_thought_to_be_are_look_alikes(page: str, lookalikes: set[str]):
    found, _ = facts(page, "resemblance")
    assert labels(found) == lookalikes


def test_who_lives_longer_than_whom_says_the_outlook_of_both():
    found, _ = facts(
        "Glioblastoma\n\nGlioblastoma is a brain cancer.\n\nOutlook\nPeople under 50 tend to live longer than people "
        "over 70, who often can't have the full course of treatment.\n",
        "prognosis",
    )
    by_group = {}
    for fact in found:
        by_group.setdefault(fact.subject.path, {})[fact.predicate] = fact.object
    outlooks = {v["allkg:aboutAgeGroup"].label: v["allkg:outlook"].name for v in by_group.values() if "allkg:outlook" in v}
    assert outlooks == {"under 50": "FavourableOutlook", "older adults": "UnfavourableOutlook"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Sometimes they get into the fluid around your brain and spinal cord.",
        "Leukaemia cells may collect in the membranes and fluid that surround the brain and spinal cord.",
    ],
)
def test_the_fluid_around_the_brain_and_spinal_cord_is_the_csf_and_places_the_disease_there_too(sentence: str):
    found, _ = facts(f"ALL\n\nAcute lymphoblastic leukaemia is a cancer of the blood. {sentence}\n", "anatomy")
    places = {f.object.concept.pref_label: f.object.concept.mappings for f in found}
    assert {"cerebrospinal fluid", "brain", "spinal cord"} <= set(places)
    assert ("exactMatch", "http://purl.obolibrary.org/obo/UBERON_0001359") in places["cerebrospinal fluid"]


def test_what_this_is_called_names_the_disease_only_after_a_sentence_about_it_and_we_call_it_gives_a_name():
    found, _ = facts(
        "Duchenne muscular dystrophy\n\nDuchenne muscular dystrophy is a condition that makes muscles weak.\n"
        "We call it DMD for short.\n\nThe back can become curved.\nThis is called scoliosis.\n"
    )
    names = {f.object.value for f in found if f.kind in ("name", "synonym")}
    assert "DMD" in names and "scoliosis" not in names
    found, _ = facts("ALL\n\nAcute lymphoblastic leukaemia is a cancer of the white blood cells. This is also called "
                     "acute lymphocytic leukaemia.\n")
    assert "acute lymphocytic leukemia" in {f.object.value.lower() for f in found if f.kind in ("name", "synonym")}


def test_a_heading_on_signs_noticed_before_the_diagnosis_heads_signs():
    found, _ = facts(
        "Supporting a pupil with ALL\n\nALL is a type of blood cancer.\n\nSigns that staff may have noticed before the "
        "diagnosis\nCommon early signs are:\n* looking very pale\n* nosebleeds that took a long time to stop\n\n"
        "How is it diagnosed?\nTests include:\n* a blood test\n",
        "symptom",
    )
    assert {"pallor", "epistaxis"} <= labels(found)


def test_who_a_risk_item_addresses_is_no_part_of_the_factor():
    found, _ = facts(
        "ALL\n\nALL is a cancer of the blood.\n\nRisk factors\nYour risk is higher if:\n"
        "- you were born with Down's syndrome\n- you have a weakened immune system\n",
        "risk-factor",
    )
    assert labels(found) == {"Down syndrome", "weakened immune system"}


def test_a_gene_change_named_with_its_kind_activating_or_somatic_keeps_it():
    found, _ = facts(
        "T-ALL\n\nT-cell acute lymphoblastic leukaemia is a cancer.\n\nCause\nT-ALL results from acquired genetic changes "
        "in developing T cells. Activating mutations of NOTCH1 are found in more than half of cases.\n",
        "cause",
    )
    assert "activating mutations of notch1" in {label.lower() for label in labels(found)}


def test_where_a_body_fluid_collects_is_no_place_the_disease_spreads_to():
    found, _ = facts(
        "T-ALL\n\nT-cell acute lymphoblastic leukaemia is a cancer. Leukaemia cells can spread to the brain.\n"
        "Fluid may collect around the lungs (pleural effusion) or the heart.\n",
        "anatomy",
    )
    assert labels(found) == {"brain"}


def test_a_sentence_comparing_the_disease_with_another_form_is_still_about_it():
    found, _ = facts(
        "T-ALL\n\nT-cell acute lymphoblastic leukaemia is a cancer.\n\nSigns and symptoms\nSpread to the central nervous "
        "system is more common than in B-ALL and may cause headache or vomiting; in boys the testes can be involved.\n"
    )
    assert {"central nervous system", "testis"} <= {f.object.label for f in found if f.kind == "anatomy"}
    assert {"headache", "vomiting"} <= {f.object.label for f in found if f.kind == "symptom"}


def test_the_initials_of_the_diseases_name_used_on_the_page_are_its_abbreviation_and_another_diseases_are_not():
    found, _ = facts(
        "Duchenne muscular dystrophy\n\nDuchenne muscular dystrophy is a condition that makes muscles weak.\n"
        "We call it DMD for short.\nDMD nearly always happens in boys.\n"
    )
    assert {f.object.value for f in found if f.kind == "abbreviation"} == {"DMD"}
    found, _ = facts("Acute lymphoblastic leukaemia\n\nAcute lymphoblastic leukaemia is a cancer. AML is another. AML is not ALL.\n")
    assert "AML" not in {f.object.value for f in found if f.kind == "abbreviation"}


def test_a_pain_keeps_its_place_where_no_term_names_pain_there():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\n"
        "Symptoms include:\n- pain under your ribs on the left side\n- have pain in the front of the neck\n"
        "- pain in the belly\n- numbness in the toes\n",
        "symptom",
    )
    # (a term for pain in that place wins; numbness says enough without its place)
    assert labels(found) == {"pain under your ribs on the left side", "pain in the front of the neck", "abdominal pain", "hypoesthesia"}


def test_what_a_risk_items_detail_says_it_raises_the_risk_of_is_no_risk_factor():
    found, _ = facts(
        "Stomach cancer is a cancer that starts in the lining of the stomach.\n"
        "Rarely, stomach cancer is caused by a faulty gene passed down in a family:\n"
        "Hereditary diffuse gastric cancer (HDGC): usually caused by a change in the CDH1 gene. People with this gene "
        "fault have a high lifetime risk of a type of stomach cancer called diffuse gastric cancer, and women also have "
        "a higher risk of lobular breast cancer.\n"
        "Lynch syndrome: this increases the risk of bowel cancer and womb cancer.\n",
        "risk-factor",
    )
    assert labels(found) == {"hereditary diffuse gastric cancer", "Lynch syndrome"}


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [
        ("She said it's caused by changes in the DNA of one developing white blood cell.", "DNA mutation"),
        ("ALL comes from DNA changes in a developing blood cell.", "DNA mutation"),
        ("ALL happens when the DNA in a developing white blood cell in the bone marrow gets changed.", "DNA mutation"),
        ("Shingles is an infection of a nerve and the skin around it. It's caused by the varicella-zoster virus, the same "
         "virus that causes chickenpox.", "varicella-zoster virus"),
    ],
)
def test_a_cause_said_in_everyday_words(sentence: str, cause: str):
    page = sentence if sentence.startswith("Shingles") else f"Acute lymphoblastic leukaemia (ALL) is a cancer of the blood. {sentence}"
    found, _ = facts(page, "cause")
    assert cause in labels(found)


@pytest.mark.parametrize(
    ("page", "names"),
    [
        ("Shingles, also known as herpes zoster, is an infection of a nerve.", {"herpes zoster", "shingles"}),
        ("Shingles (also called herpes zoster) is an infection of a nerve.", {"herpes zoster", "shingles"}),
        ("The condition, also known as herpes zoster, is an infection of a nerve.", {"herpes zoster"}),
    ],
)
def test_a_name_no_lexicon_has_before_also_known_as_and_the_lexicons_name_is_a_name(page: str, names: set[str]):
    e = extract(decode_source(page.encode(), name="page.txt"), load_lexicon())
    assert {f.object.value for f in e.facts if f.predicate in ("skos:prefLabel", "skos:altLabel")} == names


def test_a_place_after_a_noun_with_of_is_shared_but_not_its_words():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\nSigns include:\n"
        "- Pain or feeling of fullness below the ribs.\n- bone or joint pain\n",
        "symptom",
    )
    assert labels(found) == {"pain below the ribs", "feeling of fullness below the ribs", "bone pain", "joint pain"}


def test_a_lead_in_saying_the_signs_have_other_causes_before_its_advice_leads_in_signs():
    found, _ = facts(
        "Childhood acute lymphoblastic leukemia (ALL) is a cancer of the blood and bone marrow.\n"
        "Signs and symptoms of childhood ALL may be caused by ALL or by other conditions, so it is important to check "
        "with your child's doctor if your child has any of the following:\n  - Fever.\n  - Loss of appetite.\n",
        "symptom",
    )
    assert labels(found) == {"fever", "loss of appetite"}
    found, _ = facts(
        "Childhood acute lymphoblastic leukemia (ALL) is a cancer of the blood and bone marrow.\n"
        "Childhood ALL can cause the signs below, although other health problems can cause them too. "
        "Talk to your child's doctor if you notice:\n- Fever.\n- Not wanting to eat.\n",
        "symptom",
    )
    assert labels(found) == {"fever", "loss of appetite"}


def test_a_count_is_no_age_and_a_risk_group_is_no_frequency():
    found, _ = facts(
        "Childhood acute lymphoblastic leukemia (ALL) is a cancer of the blood.\nPrognosis\n"
        "Children who are between 1 and 9 years old at diagnosis and whose white blood cell count is below 50,000/µL "
        "are usually placed in the standard-risk group, and most of these children are cured with treatment. About "
        "3,000 children over 3,000 miles away are treated here.\n"
    )
    ages = {f.object.label for f in found if f.predicate == "allkg:aboutAgeGroup"}
    kinds = {f.kind for f in found if f.predicate == "allkg:aboutAgeGroup"}
    assert "under 50" not in ages and "over 3" not in ages, ages
    assert "epidemiology" not in kinds and "prognosis" in kinds


def test_the_verb_a_sentences_list_of_factors_ends_with_is_no_factor():
    found, _ = facts(
        "Childhood acute lymphoblastic leukemia (ALL) is a cancer of the blood.\nRisk Factors\nKEY POINTS\n"
        "  - Past treatment with chemotherapy or radiation, and certain genetic conditions, affect the risk of childhood ALL.\n",
        "risk-factor",
    )
    assert labels(found) == {"previous cancer treatment", "exposure to radiation", "genetic disorders"}


def test_complaints_alternatives_before_a_gloss_and_modifiers_across_commas():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\nSigns include:\n"
        "- Bruises easily or has small red spots under the skin (petechiae)\n"
        "- a fast or pounding heartbeat (palpitations)\n"
        "- Complains of bone or joint pain, or limps\n"
        "- complain of aching legs, arms or back, or start to limp\n",
        "symptom",
    )
    assert labels(found) == {
        "easy bruising", "petechiae", "palpitations", "bone pain", "joint pain", "limp", "lower limb pain",
        "upper limb pain", "back pain",
    }


def test_the_best_chance_of_a_group_is_its_outlook():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer. Today about 9 out of 10 children with ALL are cured. "
        "Children between 1 and 9 years old have the best chance. Babies younger than 1 have a lower chance of cure."
    )
    outlooks = {f.subject.label for f in found if f.predicate == "allkg:outlook"}
    assert "Children between 1 and 9 years old have the best chance" in outlooks


def test_a_last_alternative_opening_with_the_first_ones_preposition_shares_its_verb():
    found, _ = facts(
        "Acute lymphoblastic leukemia is a cancer of the blood.\nA child may have a higher chance of ALL if he or she:\n"
        "- Was exposed to high doses of radiation, or to X-rays before birth\n",
        "risk-factor",
    )
    assert labels(found) == {"exposure to radiation", "exposure to x-rays before birth"}


@pytest.mark.parametrize(
    ("sentence", "frequency"),
    [
        ("It can occur in teenagers and adults too.", False),
        ("ALL can happen at any age, including in babies under 1.", False),
        ("Teenagers can get it too.", False),
        ("It is most common in young children.", True),
        ("It is less common in teenagers, but it can also occur in them.", True),
    ],
)
def test_who_can_get_it_is_an_age_group_but_no_frequency(sentence: str, frequency: bool):
    found, _ = facts(f"Acute lymphoblastic leukaemia (ALL) is a cancer of the blood. {sentence}")
    assert any(f.kind == "age-group" for f in found)
    assert any(f.kind == "epidemiology" for f in found) == frequency


def test_each_group_in_brackets_has_the_outlook_of_the_rate_before_it():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the blood.\nPrognosis\n"
        "Five-year survival about 90% (children), about 40% (adults).\n"
    )
    groups = {f.subject.path: f.object.label for f in found if f.predicate == "allkg:aboutAgeGroup"}
    outlooks = {(groups[f.subject.path], f.object.name) for f in found if f.predicate == "allkg:outlook"}
    assert outlooks == {("children", "FavourableOutlook"), ("adults", "UnfavourableOutlook")}


def test_adults_bounded_by_numbers_are_the_adults_among_those_ages():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the blood. Around 6 in 10 adults under 40 are alive 5 years "
        "after diagnosis. In children over 2 it is most often B-cell ALL.",
        "age-group",
    )
    assert labels(found) == {"young adults", "over 2"}


def test_a_lead_in_that_says_which_cells_are_too_few_or_no_longer_made_names_them():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer. The abnormal young cells multiply very fast and push out the "
        "normal cells that make:\n• red blood cells (to carry oxygen)\n• platelets (to stop bleeding)\n\n"
        "Symptoms from too few white blood cells:\n- infections\n",
        "cell-type",
    )
    assert labels(found) == {"red blood cell", "platelet", "white blood cell"}


def test_the_cells_an_organ_is_lined_with_are_the_cells_a_cancer_starts_in():
    found, _ = facts(
        "Stomach cancer is when abnormal cells in the stomach grow out of control. It starts when the DNA inside the "
        "cells that line the stomach is damaged. The lining of the stomach makes acid.",
        "cell-type",
    )
    assert labels(found) == {"cells that line the stomach"}
    found, _ = facts(
        "Bladder cancer is a cancer of the bladder. It starts in the urothelial cells that line the inside of the bladder.",
        "cell-type",
    )
    assert labels(found) == {"urothelial cell"}


def test_the_landmarks_an_organs_position_is_given_by_are_no_places_of_the_disease():
    found, _ = facts(
        "T-cell acute lymphoblastic leukaemia is a cancer of the blood. The thymus sits in the front of the chest, "
        "between the breastbone and the windpipe, and it is often involved in T-cell ALL.",
        "anatomy",
    )
    assert not {"breastbone", "trachea"} & labels(found)


def test_a_link_taken_back_for_this_disease_and_no_known_risk_factors_are_no_risk_factors():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer. Smoking has been linked to some types of leukaemia, but there "
        "is no clear link with ALL. HIV increases the risk of some lymphomas, but it is not a known cause of ALL. "
        "Exposure to benzene increases the risk, but most people with ALL have no risk factor.\n"
        "Risk factors:\n- No known risk factors.\n",
        "risk-factor",
    )
    assert labels(found) == {"exposure to benzene"}


def test_a_heading_that_is_only_another_diseases_name_heads_that_diseases_text():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL)\nALL is a cancer of the blood and bone marrow.\nSymptoms\n"
        "Signs include:\n- Pale skin\n- Loss of appetite\n\n"
        "Immune thrombocytopenia (ITP)\nThe immune system destroys platelets, causing bruising and a sore throat.\n\n"
        "Risk factors\nDown syndrome\nChildren with Down syndrome have a much higher risk of ALL.\n"
        "Inherited acute lymphoblastic leukemia\nThis is usually found in childhood.\n"
    )
    assert {f.object.label for f in found if f.kind == "symptom"} == {"pallor", "loss of appetite"}
    assert "Down syndrome" in {f.object.label for f in found if f.kind == "risk-factor"}
    assert "children" in {f.object.label for f in found if f.kind == "age-group"}


def test_examples_of_what_a_treatment_was_for_are_no_risk_factors():
    found, _ = facts(
        "Lung cancer is a cancer that starts in the lungs.\nYour risk is higher if you:\n"
        "- have had radiotherapy to the chest, for example for breast cancer or Hodgkin lymphoma\n"
        "- have a weakened immune system, for example after an organ transplant\n",
        "risk-factor",
    )
    assert not {"breast cancer", "Hodgkin lymphoma", "Hodgkin's lymphoma"} & labels(found)
    assert "organ transplant" in labels(found)


def test_what_one_sign_of_a_list_comes_from_leaves_the_rest_of_the_list():
    found, _ = facts(
        "Infant acute lymphoblastic leukemia (ALL) is a blood cancer.\nSymptoms:\n"
        "- Fussiness that won't settle, poor feeding, fever, pale skin, easy bruising or tiny purple-red dots on the "
        "skin, a swollen belly from a big liver and spleen, and sometimes bluish bumps in the skin\n"
        "- bleeding from the gums\n",
        "symptom",
    )
    assert {"feeding difficulties", "fever", "pallor", "easy bruising", "abdominal swelling", "gingival bleeding"} <= labels(found)


def test_a_lead_in_under_signs_saying_what_they_are_caused_by_leads_in_signs():
    found, _ = facts(
        "T-cell acute lymphoblastic leukemia (T-ALL) is a cancer of the blood.\nWhat are the symptoms?\n"
        "Symptoms usually appear over a few weeks. Some are caused by the leukemia cells crowding out healthy blood "
        "cells in the marrow:\n- feeling very tired or weak\n- fever or infections that keep coming back\n"
        "A cough and wheeze like this are often first treated as asthma before the leukemia is found.\n"
    )
    assert {f.object.label for f in found if f.kind == "symptom"} >= {"fatigue", "fever", "recurrent infections"}
    assert not any(f.kind == "risk-factor" for f in found)
    assert "asthma" not in {f.object.label for f in found if f.kind == "symptom"}


def test_what_a_mass_squeezes_and_where_the_nodes_named_are_are_no_places_of_the_disease():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the blood. When ALL has spread to lymph nodes close to the "
        "surface of the body, such as those in the neck, armpits, or groin, a person may see or feel lumps under the skin. "
        "A mass caused by ALL can also squeeze the superior vena cava, the large vein that returns blood from the head "
        "and arms to the heart.",
        "anatomy",
    )
    assert "lymph node" in labels(found)
    assert not {"neck", "axilla", "inguinal part of abdomen", "anterior vena cava", "vein", "head", "arm", "heart"} & labels(found)


def test_a_modifier_after_with_is_shared_by_the_single_words_listed_after_it():
    found, _ = facts(
        "Marfan syndrome is a genetic condition that affects the body's connective tissue.\nSigns include:\n"
        "- being tall and slim, with long arms, legs, fingers and toes\n",
        "symptom",
    )
    assert {"long arms", "long legs", "long fingers", "long toe"} <= labels(found)  # (HPO: Long toe)


def test_an_advice_lead_in_whose_subject_is_the_signs_leads_in_signs():
    found, _ = facts(
        "Stomach cancer is a cancer that starts in the stomach.\nWHAT TO WATCH FOR\n"
        "Symptoms that last more than two weeks deserve a call to your doctor:\n"
        "• Pain or discomfort in the upper belly, above the belly button\n• Trouble swallowing\n"
        "Early stomach cancer often causes no symptoms at all.\n",
        "symptom",
    )
    assert labels(found) == {"pain in the upper belly", "discomfort in the upper belly", "dysphagia"}


def test_cells_that_have_got_into_a_place_place_the_disease_there():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\nSymptoms\nLess common symptoms of "
        "ALL include headaches. These can happen if leukaemia cells have got into the fluid around the brain and spinal cord.\n",
        "anatomy",
    )
    assert "cerebrospinal fluid" in labels(found)


def test_the_age_most_affected_says_who_gets_it_and_how_often():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer.\nWhich children are affected?\n"
        "The disease can touch any child from birth, but the age most affected is between 2 and 5 years.\n"
    )
    assert any(f.kind == "epidemiology" and f.predicate == "allkg:aboutAgeGroup" and f.object.label == "young children" for f in found)


def test_a_sign_said_over_several_places_in_a_sentence_is_a_sign_in_each():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\nSymptoms\n"
        "A mass in the chest can press on a vein. This can cause swelling of the face, neck, arms, and upper chest.",
        "symptom",
    )
    assert labels(found) - {"mediastinal mass"} == {
        "facial edema", "swelling of the neck", "swelling of the arms", "swelling of the upper chest"
    }


def test_unpunctuated_lines_under_an_advice_lead_in_state_no_signs():
    page = (
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\n"
        "Symptoms\nSymptoms of ALL include:\n- feeling tired\n- bruising easily\n"
        "Immediate action required: Call 999 or go to A&E if:\n"
        "you or your child have swelling of the face, neck or arms that came on suddenly\n"
        "you or your child have a fit (seizure)\n"
    )
    found, _ = facts(page, "symptom")
    assert labels(found) == {"fatigue", "easy bruising"}
    found, _ = facts(page.replace("Immediate action required: Call 999 or go to A&E if:", "Other signs are:"), "symptom")
    assert {"facial edema", "seizure"} <= labels(found)


def test_caused_by_before_a_list_of_signs_names_their_cause_and_a_treatments_effects_are_no_factors():
    page = (
        "Acute lymphoblastic leukemia (ALL) is a cancer of the white blood cells.\nSymptoms of ALL\n"
        "Many are caused by a shortage of normal blood cells. They can include:\n- Pale skin\n- Night sweats\n"
    )
    found, _ = facts(page)
    assert {(f.kind, f.object.label) for f in found if f.kind in ("symptom", "risk-factor")} == {
        ("symptom", "pallor"), ("symptom", "night sweats"),
    }
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the white blood cells.\nWhat you might notice\n"
        "During treatment, some of what you see is caused by the medicines rather than by the leukemia:\n"
        "- hair loss\n- mouth sores\n",
    )
    assert not [f for f in found if f.kind in ("symptom", "risk-factor")]


def test_a_lead_ins_doubt_before_but_leaves_its_list_stated():
    page = (
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\nCauses\n"
        "It's not clear what triggers this change, but several things can increase the risk:\n"
        "- Benzene – a chemical used in industry.\n- Chemotherapy – previous treatment with certain medicines.\n"
    )
    assert labels(facts(page, "risk-factor")[0]) == {"exposure to benzene", "chemotherapy"}
    doubted = page.replace("It's not clear what triggers this change, but several", "It is not clear whether")
    assert not facts(doubted, "risk-factor")[0]


def test_a_bracket_that_lists_signs_after_an_item_gives_them_as_its_examples():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the white blood cells.\nSymptoms of ALL\nThey can include:\n"
        "- Bruising or bleeding easily (frequent nosebleeds, bleeding gums)\n",
        "symptom",
    )
    assert labels(found) == {"easy bruising", "bleeding", "epistaxis", "gingival bleeding"}


def test_the_sentences_of_a_paragraph_that_tells_how_the_signs_came_give_them():
    story = (
        "Acute lymphoblastic leukemia (ALL) is a cancer of the white blood cells.\nMy story\n"
        "Looking back, the signs were there for about a month. My wife kept pointing at bruises on my legs. "
        "Then my gums bled when I brushed.\nLater I had chemotherapy, which gave me nausea.\n"
    )
    assert labels(facts(story, "symptom")[0]) == {"easy bruising", "gingival bleeding"}
    untold = story.replace("Looking back, the signs were there for about a month.", "I love to garden.")
    assert not facts(untold, "symptom")[0]
    told = story.replace("Looking back, the signs were there for about a month.", "Mine started with a cold.")
    assert labels(facts(told, "symptom")[0]) == {"easy bruising", "gingival bleeding"}


def test_a_sign_named_on_its_own_before_several_places_is_one_sign():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the white blood cells.\nSymptoms of ALL\nThey can include:\n"
        "- swollen lymph nodes in the neck, armpit or groin\n- pain in the chest or shoulder\n",
        "symptom",
    )
    assert labels(found) == {"enlarged lymph nodes", "chest pain", "shoulder pain"}


def test_what_else_usually_causes_the_signs_gives_no_sign_but_the_signs_after_it_count():
    found, _ = facts(
        "Follicular lymphoma is a type of non-Hodgkin lymphoma.\nSymptoms\n"
        "The main symptom is swollen glands. Swollen glands are usually caused by an infection such as a cold or a sore throat.\n",
        "symptom",
    )
    assert "pharyngalgia" not in labels(found) and "enlarged lymph nodes" in labels(found)
    found, _ = facts(
        "Myelodysplastic syndromes (MDS) are cancers of the blood.\nSigns and symptoms\n"
        "When symptoms occur, they are mostly caused by low blood counts and can include tiredness, pale skin and easy bruising.\n",
        "symptom",
    )
    assert {"fatigue", "pallor", "easy bruising"} <= labels(found)


def test_the_immune_system_is_a_place_of_the_disease_only_where_the_page_says_it_is_affected():
    acting = (
        "Systemic lupus erythematosus (SLE) is a long-term illness. In lupus the immune system, which normally "
        "protects the body, makes antibodies that attack the body's own tissues.\n"
    )
    assert "immune system" not in labels(facts(acting, "anatomy")[0])
    affected = (
        "Hemophagocytic lymphohistiocytosis (HLH) is a rare illness in which the immune system becomes overactive.\n"
    )
    assert "immune system" in labels(facts(affected, "anatomy")[0])


def test_a_verbless_sentence_under_a_risk_heading_lists_risk_factors():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the white blood cells.\nRisk factors\n"
        "Down syndrome and certain other inherited conditions, past treatment with chemotherapy, and exposure to "
        "high levels of radiation. Most children with ALL have no known risk factor.\n",
        "risk-factor",
    )
    assert {"Down syndrome", "exposure to radiation"} <= labels(found)


def test_cells_a_lead_in_says_there_are_too_few_of_and_cells_whose_number_falls():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the blood.\nWhat is ALL?\n"
        "They crowd out the healthy cells, so the child has too few:\n- red blood cells, which carry oxygen\n"
        "- platelets, which help blood clot\n",
        "cell-type",
    )
    assert {"red blood cell", "platelet"} <= labels(found)
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the blood. As the blasts grow, the number of "
        "red blood cells and platelets falls.\n",
        "cell-type",
    )
    assert {"red blood cell", "platelet"} <= labels(found)


def test_a_dictionarys_syn_line_gives_the_diseases_other_names():
    found, _ = facts(
        "mycosis fungoides\nA chronic T-cell lymphoma that starts in the skin.\n"
        "Syn: Alibert-Bazin syndrome; granuloma fungoides.\n",
    )
    assert {"Alibert-Bazin syndrome", "granuloma fungoides"} <= {f.object.value for f in found if f.kind == "synonym"}


def test_a_range_of_ages_said_with_about():
    found, _ = facts("Acute lymphoblastic leukaemia (ALL) is a cancer of the blood. It is most common between about two and five.\n")
    assert "young children" in {f.object.label for f in found if f.predicate == "allkg:occursInAgeGroup"}


def test_doing_a_little_less_well_and_a_harder_type_to_treat_are_outlooks_outside_an_outlook_section():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the blood. Teenagers with ALL do a little less well than "
        "younger children. In babies ALL is a harder type to treat.\n"
    )
    about = {f.subject.path: f.object.label for f in found if f.predicate == "allkg:aboutAgeGroup"}
    assert {"teenagers", "infants"} <= {about.get(f.subject.path) for f in found if f.predicate == "allkg:outlook"}


def test_colours_before_a_gloss_are_of_one_sign():
    found, _ = facts(
        "Acute lymphoblastic leukaemia is a cancer of the white blood cells.\nSymptoms of ALL include:\n"
        "- tiny red, purple or brown spots on the skin (petechiae)\n",
        "symptom",
    )
    assert labels(found) == {"petechiae"}


def test_an_item_that_says_what_does_not_cause_the_disease_states_no_factor():
    found, _ = facts(
        "Acute lymphoblastic leukaemia (ALL) is a cancer of the white blood cells.\nRisk factors\n"
        "• A few known risk factors:\n  – Down's syndrome\n  – Previous chemotherapy\n"
        "• NOT caused by: phones, energy drinks, vaping, stress\n",
        "risk-factor",
    )
    assert labels(found) == {"Down syndrome", "previous cancer treatment"}


def test_who_a_factor_is_said_of_and_an_aside_inside_it_are_no_part_of_its_name():
    found, _ = facts(
        "Rubella is an infection caused by a virus.\nWho is at risk?\nPeople most at risk include:\n"
        "- Children and adults who have not received MMR (measles, mumps, rubella) vaccine\n",
        "risk-factor",
    )
    assert labels(found) == {"not received MMR vaccine"}


@pytest.mark.parametrize(
    ("said", "sign"),
    [("I was wiped out by 2 p.m. every day.", "fatigue"), ("I got winded carrying groceries.", "shortness of breath"),
     ("My mum kept saying I looked grey.", "pallor"), ("Some have a mild temperature.", "fever")],
)
def test_lay_words_for_common_signs(said: str, sign: str):
    found, _ = facts(f"Acute lymphoblastic leukaemia (ALL) is a cancer of the blood.\nSymptoms\n{said}\n", "symptom")
    assert sign in labels(found)


def test_a_flashcards_answer_lists_what_its_question_asks():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the blood.\nCard 6 / 38\nQ:\nCause?\nA: unknown for most kids.\n"
        "Card 7 / 38\nQ:\nS/S (r/t bone marrow failure)\nA:\n↓RBC (anemia) → fatigue, pallor\n+ bone/joint pain → limp\n"
    )
    kinds = {(f.kind, f.object.label) for f in found if f.kind in ("symptom", "risk-factor")}
    assert {("symptom", "fatigue"), ("symptom", "pallor")} <= kinds and not {k for k, _ in kinds} - {"symptom"}


def test_a_part_that_ends_waiting_for_its_object_is_no_factor_of_its_own():
    found, _ = facts(
        "Lyme disease is an infection spread by ticks.\nRisk factors\nYou are more likely to get it if you:\n"
        "- live in or visit wooded or grassy areas in states where it is common\n- spend a lot of time outdoors\n",
        "risk-factor",
    )
    assert "live in" not in labels(found)


def test_the_places_a_list_of_where_a_sign_is_names_are_no_signs():
    found, _ = facts(
        "Hand, foot and mouth disease is a common viral illness.\nSymptoms\nSores or blisters may appear:\n"
        "- inside the mouth\n- inside of the cheeks\n- sometimes on the buttocks, legs or nappy area\n- a fever\n",
        "symptom",
    )
    assert labels(found) == {"fever"}


def test_a_relative_clause_that_goes_on_after_or_is_one_sign():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the white blood cells.\nSymptoms\nSymptoms may include:\n"
        "- Infections that happen often or are hard to clear\n",
        "symptom",
    )
    assert len(found) == 1 and "hard to clear" not in labels(found)


def test_how_a_sign_shows_after_a_comma_is_said_of_it():
    found, _ = facts(
        "Acute lymphoblastic leukemia (ALL) is a cancer of the white blood cells.\nSymptoms\nSymptoms may include:\n"
        "- Swollen lymph nodes, felt as painless lumps in the neck, armpit or groin\n",
        "symptom",
    )
    assert labels(found) == {"enlarged lymph nodes"}
