"""The structure stage reads a page's layout the way scrapes and flattened PDFs leave it."""

from __future__ import annotations

import pytest

from allkg.extract.structure import item_like, section_type, structure
from allkg.extract.structure.sections import sections_of
from allkg.extract.structure.segments import Segment


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in structure(text).segments if not s.boilerplate]


def test_wrapped_lines_and_hyphenated_words_are_one_line():
    text = (
        "What is leukaemia?\n"
        "Leukaemia is a cancer of the white blood cells. They are made in the bone mar-\n"
        "row, the spongy tissue inside the larger bones of the body and the\n"
        "skull.\n"
    )
    segments = kinds(text)
    assert segments[0] == ("heading", "What is leukaemia?")
    assert segments[1] == ("sentence", "Leukaemia is a cancer of the white blood cells.")
    assert segments[2][0] == "sentence" and segments[2][1].startswith("They are made in the bone mar-\nrow,")
    assert segments[2][1].endswith("skull.")


def test_running_headers_and_page_numbers_are_furniture():
    page = "\n".join(
        f"Understanding myeloma                      {n}\nSome text on page {n} about the disease goes here." for n in range(3, 7)
    )
    layout = structure(page)
    furniture = [s for s in layout.segments if s.boilerplate]
    assert len(furniture) == 4 and all("Understanding myeloma" in s.text for s in furniture)


def test_a_running_footer_that_numbers_its_pages_page_n_of_m_is_furniture():
    page = "\n".join(
        f"FE-0723   Rev. 06/2025                     Page {n} of 4\nSome text on page {n} about the disease goes here."
        for n in range(1, 5)
    )
    furniture = [s for s in structure(page).segments if s.boilerplate]
    assert len(furniture) >= 4 and all("FE-0723" in s.text or "Rev." in s.text or "Page" in s.text for s in furniture)


def test_a_blank_line_between_a_lead_in_and_its_bare_items_does_not_end_the_list():
    layout = structure("Symptoms may include:\n\nBleeding of the gums\nBruising easily\nBlood in the stool or urine\n\n"
                       "In severe forms, bleeding into the joints can also occur.\n")
    [block] = layout.lists
    assert [i.text for i in block.items] == ["Bleeding of the gums", "Bruising easily", "Blood in the stool or urine"]


@pytest.mark.parametrize("marker", ["-", "–", "•", "*", "1.", "2)", "a)", "o", "l", "n", "▪", "~", "C   ", "R\t", "🩸", "- 🫁", "[icon: bone]"])
def test_every_bullet_style_is_a_list_item(marker):
    layout = structure(f"Symptoms include:\n{marker} Fever\n{marker} Bone pain\n")
    [block] = layout.lists
    assert [i.text for i in block.items] == ["Fever", "Bone pain"]


def test_a_heading_glued_to_its_first_sentence_is_cut_off():
    text = "In this articleWhat is ALL?Who gets it?SymptomsThe symptoms come on over a few weeks."
    segments = kinds(text)
    assert ("heading", "What is ALL?") in segments
    assert ("heading", "Symptoms") in segments
    assert ("sentence", "The symptoms come on over a few weeks.") in segments


def test_a_list_run_into_one_line_with_spaced_bullets_is_a_list():
    layout = structure("Signs\nSymptoms often start slowly. Common signs include: • Paleness (looks washed out) • Tiredness, "
                       "not wanting to play • Bleeding from the nose or gums • Loss of appetite\n")
    [block] = layout.lists
    assert [i.text for i in block.items] == [
        "Paleness (looks washed out)", "Tiredness, not wanting to play", "Bleeding from the nose or gums", "Loss of appetite"
    ]
    # a mobile page's middle dots, and no menu line of them ("Share: Facebook · X · Email")
    layout = structure("Share: Facebook · X · LinkedIn · Email\nCommon signs include: · feeling tired · looking pale · "
                       "fevers that keep coming back\n")
    assert [[i.text for i in b.items] for b in layout.lists] == [["feeling tired", "looking pale", "fevers that keep coming back"]]
    # a one-line page: the list ends where the next lead-in begins, and that lead-in's list is a list of its own
    layout = structure("Signs may include: • Night sweats • Pale skin • Frequent infections Factors that may increase the "
                       "risk of ALL include: • Being male • Smoking • Exposure to benzene\n")
    assert [([i.text for i in b.items]) for b in layout.lists] == [
        ["Night sweats", "Pale skin", "Frequent infections"], ["Being male", "Smoking", "Exposure to benzene"]
    ]


def test_indented_unmarked_items_under_a_lead_in_are_items_not_one_wrapped_line():
    wrapped = (  # a leaflet flattened from PDF, its paragraphs wrapped at a fixed width
        "Diamond-Blackfan anaemia is a rare condition in which the bone marrow does not\n"
        "make enough red blood cells. It is usually picked up in babies, most often in\n"
        "the first year of life, and nearly always before the age of two years old. It\n"
        "affects boys and girls equally and is found in every ethnic group in the world\n"
        "and about five to seven babies in every million are born with the condition.\n\n"
    ) * 3
    layout = structure(f"{wrapped}What signs might we notice?\nMost early signs come from anaemia. Your baby may:\n look pale\n"
                       " be very sleepy or floppy and tire quickly during feeds\n feed poorly\n breathe fast\n\nMore text.\n")
    [block] = layout.lists
    assert [i.text for i in block.items] == [
        "look pale", "be very sleepy or floppy and tire quickly during feeds", "feed poorly", "breathe fast"
    ]


def test_a_name_in_camel_case_is_no_lost_line_break():
    segments = kinds("To use the sharing features on this page, please enable JavaScript.\nChat on WhatsApp or YouTube.\n"
                     "Leukaemia affects white cellsChildhood leukaemia is rare.\n")
    assert ("sentence", "To use the sharing features on this page, please enable JavaScript.") in segments
    assert ("sentence", "Chat on WhatsApp or YouTube.") in segments
    assert ("sentence", "Childhood leukaemia is rare.") in segments


def test_a_footnote_number_does_not_start_the_next_sentence():
    segments = kinds("It causes fevers.4 Other signs are rare.")
    assert segments == [("sentence", "It causes fevers."), ("sentence", "Other signs are rare.")]


def test_an_infobox_row_is_a_label_and_its_items():
    layout = structure("Specialty\tHematology, oncology\nSymptoms\tFever, tiredness, bone pain[1]\n")
    [_, symptoms] = layout.lists
    assert symptoms.lead_in.text == "Symptoms"
    assert [i.text for i in symptoms.items] == ["Fever, tiredness, bone pain[1]"]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Signs and symptoms", "symptoms"),
        ("What are the signs?", "symptoms"),
        ("Causes and risk factors", "risk"),
        ("What causes ALL?", "cause"),
        ("Who gets it?", "who"),
        ("How common is it?", "who"),
        ("Outlook", "outlook"),
        ("Side effects of treatment", "treatment"),
        ("Risk groups", "treatment"),
        ("Things that do not cause ALL", "myths"),
        ("Myths about leukaemia", "myths"),
        ("How is ALL diagnosed?", "diagnosis"),
        ("ABOUT YOUR DIAGNOSIS", "about"),  # a discharge leaflet's words for the disease you have
        ("When to see a doctor", "advice"),
        ("Related pages", "navigation"),
        ("Help and support", "navigation"),
        ("Help Marcus Beat Leukemia", "other"),  # a fundraiser's story, no menu
        ("Was this page helpful?", "navigation"),
        ("Why was this study needed?", "cause"),  # a research summary's background, no feedback box
        ("NEWS RELEASE · For immediate release", "other"),  # no urgent advice
        ("Go to the ER now if your child:", "advice"),
        ("Types of leukaemia", "types"),
        ("What is ALL?", "about"),
        ("Acute lymphoblastic leukaemia", "other"),
        # an accordion's two questions in one heading: the first that has a type types it
        ("What causes ALL? Could we have prevented it?", "cause"),
        ("Is it serious? What is the outlook?", "outlook"),
        # a summary's key point as its heading: what raises the risk, though it names a treatment
        ("Earlier cancer treatment and high-level radiation exposure can raise the risk of adult ALL.", "risk"),
        ("What did people notice before they were diagnosed?", "symptoms"),
        ("Things that can make your symptoms worse", "triggers"),
        ("WHAT TO WATCH FOR", "symptoms"),
        ("Reply #2  caregiver_jen   Apr 19, 2020", "other"),  # a thread's reply: its text is the page's ("Bone and joint pain is really common")
        ("Reply  Share  Report  Save  412", "other"),  # (a vote bar is chrome of its own, no heading of replies)
        ("Son (15) just diagnosed with B-cell ALL - questions, scared", "other"),  # who was diagnosed, no tests
        ("CNS involvement s/s", "symptoms"),  # a nurse's shorthand for signs and symptoms
        # a clinician's headings and shorthand
        ("Differential diagnosis", "lookalikes"),
        ("DDx", "lookalikes"),
        ("Ix (don't learn all)", "diagnosis"),
        ("Mx (brief)", "treatment"),
        ("AETIOLOGY / RFs", "risk"),
        ("Aetiology", "cause"),
        ("Px", "outlook"),
    ],
)
def test_sections_are_typed_by_their_headings(heading, expected):
    assert section_type(heading) == expected


def test_a_bare_heading_with_items_is_a_list_of_its_section():
    layout = structure("Symptoms\n- tiredness\n- pale skin\n\nCauses\n- smoking\n")
    assert [(b.section.type, [i.text for i in b.items]) for b in layout.lists] == [
        ("symptoms", ["tiredness", "pale skin"]),
        ("cause", ["smoking"]),
    ]


def test_short_lines_after_a_lead_in_are_its_items_until_a_blank_line():
    layout = structure("Risk factors include:\nSmoking\nObesity\nLong-term swelling of the pancreas\n\nMore text follows.\n")
    [block] = layout.lists
    assert [i.text for i in block.items] == ["Smoking", "Obesity", "Long-term swelling of the pancreas"]


def test_unmarked_items_may_have_relative_clauses_and_glosses_and_a_topic_heading_over_prose_ends_them():
    layout = structure(
        "Risk factors\nFactors that may increase the risk include:\nSmoking\nDiabetes that has lasted for many years\n"
        "Inherited gene changes that raise cancer risk, including BRCA2 changes and Lynch syndrome\n"
        "Older age — most people are diagnosed after age 65\nHaving had chemotherapy\nHeavy alcohol use\n"
        "Prevention\nYou may lower your risk if you stop smoking.\n"
    )
    [block] = layout.lists
    assert [i.text for i in block.items] == [
        "Smoking", "Diabetes that has lasted for many years",
        "Inherited gene changes that raise cancer risk, including BRCA2 changes and Lynch syndrome",
        "Older age — most people are diagnosed after age 65", "Having had chemotherapy", "Heavy alcohol use",
    ]
    assert [s.type for s in layout.sections][-1] == "prevention"
    # a subject with a relative clause and a verb of its own is a sentence, not an item
    assert not item_like("Children who have Down syndrome are more likely to get it")


def test_unmarked_lower_case_items_after_a_lead_in_are_not_joined_as_a_wrapped_sentence():
    layout = structure(
        "Symptoms can include:\npale skin\nfeeling tired and breathless\nhaving repeated infections over a short time\n"
        "unusual bleeding, such as bleeding gums or nosebleeds\nnight sweats\n\nIt is caused by changes in the\n"
        "cells of the bone marrow, which then grow out of control and\ncrowd out healthy cells.\n"
    )
    [block] = layout.lists
    assert [i.text for i in block.items] == [
        "pale skin", "feeling tired and breathless", "having repeated infections over a short time",
        "unusual bleeding, such as bleeding gums or nosebleeds", "night sweats",
    ]
    assert layout.segments[-1].text.startswith("It is caused by changes in the\ncells")  # a wrapped sentence still joins


def test_run_on_items_after_a_lead_in_keep_their_explanations():
    layout = structure(
        "Risk factors include:Exposure to radiation. People exposed to high levels have an increased risk."
        "Smoking.Acute leukaemia care at Example Clinic"
    )
    [block] = layout.lists
    assert [i.text for i in block.items] == ["Exposure to radiation.", "Smoking."]
    [explained] = block.explanations.values()
    assert explained[0].text.startswith("People exposed")


def test_a_list_after_the_footer_is_marked_displaced():
    layout = structure(
        "Acute leukaemia is a cancer. Risk factors include:Privacy policy. © 2025 Example. All rights reserved."
        "Exposure to radiation.Genetic disorders."
    )
    displaced = [b for b in layout.lists if b.displaced]
    assert [[i.text for i in b.items] for b in displaced] == [["Exposure to radiation.", "Genetic disorders."]]


def test_a_list_after_the_footer_is_displaced_whatever_section_the_footer_fell_in():
    layout = structure(
        "Symptoms\nThey may include:\n\nTreatment\nChemotherapy is used.\nBy Example Clinic Staff\n"
        "Example Clinic does not endorse companies or products.\n© 2025 Example. All rights reserved.\n"
        "Pain in the upper belly that may reach around to the back.\nPoor appetite.\nUrine that is darker than usual.\n"
    )
    displaced = [b for b in layout.lists if b.displaced]
    assert [[i.text for i in b.items] for b in displaced] == [
        ["Pain in the upper belly that may reach around to the back.", "Poor appetite.", "Urine that is darker than usual."]
    ]


def test_the_paragraph_after_a_table_of_contents_is_no_part_of_it():
    layout = structure(
        "Acute lymphoblastic leukaemia\n\nContents\n1. Overview\n2. Symptoms\n\n"
        "Acute lymphoblastic leukaemia is a type of cancer that affects the white blood cells.\n"
    )
    assert [(s.type, [seg.text for seg in s.segments if seg.kind == "sentence"]) for s in layout.sections][-1] == (
        "other", ["Acute lymphoblastic leukaemia is a type of cancer that affects the white blood cells."])


def test_site_chrome_is_boilerplate():
    layout = structure(
        "Home > Conditions > Leukaemia\nCookies on our website\nShare   Print   Email\n"
        "Leukaemia is a cancer of the blood.\n© 2025 Example Trust. All rights reserved.\n"
    )
    content = [s.text for s in layout.segments if not s.boilerplate]
    assert content == ["Leukaemia is a cancer of the blood."]


def test_a_screen_readers_bullets_and_list_announcements_are_a_list_and_chrome():
    layout = structure("Things that raise the risk:\nlist  with 2 items\nbullet  having Down syndrome\nbullet  smoking\nout of list\n")
    [block] = layout.lists
    assert [i.text for i in block.items] == ["having Down syndrome", "smoking"]
    assert [s.text for s in layout.segments if not s.boilerplate] == ["Things that raise the risk:", "having Down syndrome", "smoking"]
    # (but a sentence of chrome after a lead-in whose items were scraped away ends it: the prose after it is no item)
    layout = structure(
        "Signs of ALL may include: Make an appointment with your doctor if you notice any signs that worry you. "
        "Many signs of ALL mimic those of the flu. However, flu signs eventually improve.\n"
    )
    assert [len(block.items) for block in layout.lists] == [0]


def test_what_a_chrome_label_says_on_its_line_is_chrome():
    layout = structure("Week 2: What is this thing?\nFiled under: Diagnosis, Induction\nI have leukaemia. It is a cancer.\n")
    assert [s.text for s in layout.segments if not s.boilerplate] == [
        "Week 2:", "What is this thing?", "I have leukaemia.", "It is a cancer."
    ]
    assert "diagnosis" not in [s.type for s in layout.sections]  # (no section of tests over the post)


def test_jobs_and_careers_are_chrome_only_in_a_short_line():
    layout = structure("Careers   Jobs   Contact\nSome jobs have been linked to a higher risk, usually because of long contact with dust:\n")
    assert [s.text for s in layout.segments if not s.boilerplate] == [
        "Some jobs have been linked to a higher risk, usually because of long contact with dust:"
    ]


def test_the_chrome_hints_let_through_every_line_the_chrome_pattern_catches():
    """The quick substring test in front of the chrome pattern never hides a chrome line: on
    every line of every corpus page, and on one line for each kind of chrome."""
    from pathlib import Path

    from allkg.extract.structure.segments import _CHROME, _is_chrome

    lines = [
        "© 2024 Example Trust", "Privacy notice", "We use cookies", "Terms and conditions", "Give now",
        "Registered charity 1234", "Company number 5678", "Home > Conditions", "12 comments", "Mon – Fri 9am",
        "Medically reviewed by a doctor", "Last reviewed: May 2025", "Find a doctor", "Clinical trial finder",
        "Sitemap", "Skip to main content", "Share this page", "Print", "Was this page helpful?", "Show more",
        "Join our support groups", "Visit our shop", "Our forums", "Sign up for our newsletter", "Log in",
    ]
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    for page in sorted(corpus.glob("*/*.txt")):
        lines += page.read_text(encoding="utf-8").splitlines()
    caught = [line for line in lines if _CHROME.search(line)]
    assert len(caught) > 100
    assert [line for line in caught if not _is_chrome(line)] == []


def test_rules_are_furniture_and_a_numbered_banner_in_capitals_is_one_heading():
    page = (
        "------------------------------------------------------------\n"
        "SECTION 1. SYMPTOMS OF THE DISEASE - TICK ANY YOU HAVE HAD IN THE LAST MONTH\n"
        "============================================================\n"
        "[ ] Tiredness\n[ ] Night sweats\n"
    )
    layout = structure(page)
    assert [s.text for s in layout.segments if s.boilerplate] == ["-" * 60, "=" * 60]
    assert kinds(page)[0] == ("heading", "SECTION 1. SYMPTOMS OF THE DISEASE - TICK ANY YOU HAVE HAD IN THE LAST MONTH")
    assert section_type(kinds(page)[0][1]) == "symptoms"


def test_a_paragraph_wrapped_mid_sentence_before_a_capital_stays_one_sentence():
    page = (
        "The disease is more common in men than in women, and in people with a relative who had it. A condition called\n"
        "MGUS can come before it. Most people have no symptoms when it is found.\n\n"
        "Symptoms\nFever\n"
    )
    segments = kinds(page)
    assert ("sentence", "A condition called\nMGUS can come before it.") in segments
    assert ("heading", "Symptoms") in segments  # a short line after a blank stays a heading


def test_a_sub_heading_naming_where_its_signs_come_from_stays_in_the_symptoms_section():
    page = "Symptoms\nFrom low blood counts\n- Tiredness\n- Pale skin\nFrom thick blood\n- Headaches\nDiagnosis\n- Blood tests\n"
    layout = structure(page)
    types = {s.heading.text: s.type for s in layout.sections if s.heading is not None}
    assert types == {"Symptoms": "symptoms", "From low blood counts": "symptoms", "From thick blood": "symptoms",
                     "Diagnosis": "diagnosis"}


def test_a_heading_naming_a_stage_of_the_disease_stays_in_the_symptoms_section():
    page = (
        "Symptoms of Lyme disease\nIt tends to unfold in stages.\n\nEarly localized stage (3 to 30 days after the bite)\n"
        "The first sign is a rash. You may also have:\n- fever\n- headache\n\nLate stage (months to years after the bite)\n"
        "Some people get arthritis.\n\nStages of the disease\nDoctors describe three stages.\n"
    )
    types = [s.type for s in structure(page).sections if s.heading is not None]
    assert types == ["symptoms", "symptoms", "symptoms", "diagnosis"]


def test_numbered_titles_of_an_outline_are_peer_headings_and_a_numbered_item_with_a_colon_a_lead_in():
    page = (
        "1. Epidemiology\n- 1.1 Commonest cancer of childhood.\n"
        "2. Risk factors\n- 2.1 Recognised risk factors:\n- Down's syndrome\n- ionising radiation\n"
        "3. Pathophysiology\n- Blasts fill the marrow\n"
        "4. Clinical presentation\n- Anaemia – fatigue, pallor\n"
    )
    layout = structure(page)
    types = [(s.heading.text, s.type) for s in layout.sections if s.heading is not None]
    # "Pathophysiology" is a peer of the titles around it, not a sub-heading of "Risk factors"
    assert types == [("Epidemiology", "who"), ("Risk factors", "risk"), ("Pathophysiology", "other"),
                     ("Clinical presentation", "symptoms")]
    [risk] = [b for b in layout.lists if b.lead_in is not None]
    assert risk.lead_in.text == "2.1 Recognised risk factors:" and [i.text for i in risk.items] == [
        "Down's syndrome", "ionising radiation"]


def test_numbered_headings_under_an_unnumbered_one_are_its_sub_headings():
    segments = [
        Segment(0, 0, "Early Symptoms of ALL You Should Not Ignore", "heading", 0, marked_heading=True),
        Segment(0, 0, "Symptoms usually develop over a few weeks.", "sentence", 1),
        *(Segment(0, 0, title, "heading", 2 + n, marked_heading=True)
          for n, title in enumerate(["1. Persistent Weakness and Fatigue", "2. Fever and Frequent Infections"])),
        Segment(0, 0, "What Causes ALL?", "heading", 9, marked_heading=True),
        Segment(0, 0, "1. Genes", "heading", 10, marked_heading=True),
    ]
    types = [(s.heading.text, s.type) for s in sections_of(segments) if s.heading is not None]
    assert types == [("Early Symptoms of ALL You Should Not Ignore", "symptoms"), ("1. Persistent Weakness and Fatigue", "symptoms"),
                     ("2. Fever and Frequent Infections", "symptoms"), ("What Causes ALL?", "cause"), ("1. Genes", "cause")]


def test_numbered_items_that_name_no_topic_stay_items():
    page = "Signs\n1. Too few red cells (anaemia)\n- tiredness\n- pale skin\n2. Too few platelets\n- bruising\n"
    assert [k for k, _ in kinds(page)] == ["heading", "item", "item", "item", "item", "item"]


def test_an_faqs_numbered_questions_head_their_answers():
    page = "1) What is it?\nIt is a rare cancer.\n2) Who gets it?\nMostly young children.\n- Questions to ask:\n- Is it curable?\n- What next?\n"
    segments = kinds(page)
    assert segments[:4] == [("heading", "What is it?"), ("sentence", "It is a rare cancer."),
                            ("heading", "Who gets it?"), ("sentence", "Mostly young children.")]
    assert ("item", "Is it curable?") in segments  # a question in a list of questions stays an item


@pytest.mark.parametrize("separator", [" | ", "\t"])
def test_a_table_is_a_list_its_header_cell_the_lead_in_and_its_rows_the_items(separator):
    rows = [["Symptom", "What you might notice", "Why it happens"], ["Feeling very thirsty", "Drinking more", "Fluid loss"],
            ["Blurred vision", "Print looks fuzzy", "The lens swells"], ["Feeling tired", "No energy", "Sugar"]]
    page = "About diabetes\n" + "".join(separator.join(row) + "\n" for row in rows)
    [block] = structure(page).lists
    assert block.lead_in.text == "Symptom"
    assert [i.text for i in block.items] == [separator.join(row) for row in rows[1:]]
    assert not any(i.boilerplate for i in block.items)  # no menu of "|"-separated links


def test_an_infobox_scraped_onto_one_line_is_its_rows_and_a_menu_or_contents_line_is_not():
    segments = kinds(
        "Diamond-Blackfan anemia\nDiamond-Blackfan anemia Other names Blackfan-Diamond anemia, congenital hypoplastic "
        "anemia A triphalangeal thumb, one of the findings Specialty Hematology Symptoms Anemia, pallor, tiredness[1] "
        "Risk factors Family history Differential diagnosis Fanconi anemia, parvovirus B19 infection\n"
    )
    assert ("lead-in", "Symptoms") in segments and ("item", "Anemia, pallor, tiredness[1]") in segments
    assert ("item", "Blackfan-Diamond anemia, congenital hypoplastic anemia") in segments  # (the image's caption cut off)
    assert ("lead-in", "Differential diagnosis") in segments and ("item", "Family history") in segments
    for line in (
        "Overview Symptoms | Causes | Risk factors | Diagnosis Treatment, care\n",
        "Contents 1 Signs Symptoms 2 Causes 2.1 Genetics 3 Risk factors 4 Treatment, care\n",
        "Leukaemia Symptoms Anaemia Causes Genes Treatment Chemotherapy\n",  # (no value lists anything)
    ):
        assert not any(kind == "lead-in" for kind, _ in kinds(line)), line


def test_two_column_tab_rows_stay_an_infobox_and_a_menu_line_stays_chrome():
    page = "Other names\tJMML\nSpecialty\tHaematology\nSymptoms\tFever, pallor\nHome | About us | Contact | Donate\n"
    layout = structure(page)
    assert [s.kind for s in layout.segments if not s.boilerplate][:2] == ["lead-in", "item"]
    assert layout.segments[-1].boilerplate


def test_a_numbered_heading_is_a_sub_heading_only_when_numbered_deeper():
    page = (
        "3. Causes and risk factors\nSome text.\n4. Pathophysiology\nBlasts fill the marrow.\n"
        "5. Symptoms\nSome text.\n5.1 From low blood counts\n- Tiredness\n"
    )
    layout = structure(page, frozenset({0, 38, 81, 104}))  # as an HTML page's h3s mark them
    types = [(s.heading.text, s.type) for s in layout.sections if s.heading is not None]
    assert types == [("3. Causes and risk factors", "risk"), ("4. Pathophysiology", "other"),
                     ("5. Symptoms", "symptoms"), ("5.1 From low blood counts", "symptoms")]


def test_label_and_sentence_lines_after_a_lead_in_are_its_items_but_a_label_leading_in_is_not():
    text = (
        "Some things can increase your risk of ALL:\n"
        "Age: ALL is most common in children under 5. In adults, risk goes up after 60.\n"
        "Previous cancer treatment: Having had chemotherapy in the past.\n"
        "Non-urgent advice: See a GP if:\n"
        "- you have symptoms that do not go away\n"
    )
    assert kinds(text) == [
        ("lead-in", "Some things can increase your risk of ALL:"),
        ("item", "Age: ALL is most common in children under 5. In adults, risk goes up after 60."),
        ("item", "Previous cancer treatment: Having had chemotherapy in the past."),
        ("lead-in", "Non-urgent advice:"),
        ("lead-in", "See a GP if:"),
        ("item", "you have symptoms that do not go away"),
    ]


def test_label_lines_after_a_lead_in_are_items_whatever_their_detail_and_footnote_marks_say():
    text = (
        "What you eat and drink can affect your risk:\n"
        "Salt: eating a lot of salt increases the risk. Salt is thought to cause 1 in 4 cases.⁶\n"
        "Processed meat: there is some evidence linking ham and bacon with stomach cancer.⁷\n"
        "Epstein-Barr virus (EBV): EBV is the virus that causes glandular fever.[12]\n"
        "\nBody weight\n"
    )
    assert kinds(text) == [
        ("lead-in", "What you eat and drink can affect your risk:"),
        ("item", "Salt: eating a lot of salt increases the risk. Salt is thought to cause 1 in 4 cases.⁶"),
        ("item", "Processed meat: there is some evidence linking ham and bacon with stomach cancer.⁷"),
        ("item", "Epstein-Barr virus (EBV): EBV is the virus that causes glandular fever.[12]"),
        ("heading", "Body weight"),
    ]


def test_a_line_after_the_items_that_needs_the_next_is_joined_to_it():
    text = (
        "For most people, the first signs are in the eyes:\n"
        "• drooping of one or both eyelids (ptosis)\n"
        "• double vision (diplopia)\n"
        "In about 15 out of 100 people only the eye muscles are\n"
        "ever affected. This is called ocular myasthenia.\n"
    )
    assert kinds(text)[3:] == [
        ("sentence", "In about 15 out of 100 people only the eye muscles are\never affected."),
        ("sentence", "This is called ocular myasthenia."),
    ]


def test_a_question_with_an_aside_after_its_mark_is_a_heading():
    text = (
        "Q3b. Where in the body does it go? (added after a member asked, thanks Tomasz)\n"
        "It's in the blood and marrow from the start. It can also spread to the liver.\n"
    )
    assert kinds(text) == [
        ("sentence", "Q3b."),
        ("heading", "Where in the body does it go? (added after a member asked, thanks Tomasz)"),
        ("sentence", "It's in the blood and marrow from the start."),
        ("sentence", "It can also spread to the liver."),
    ]


def test_a_key_points_box_at_the_top_of_a_section_is_of_that_section():
    layout = structure(
        "Signs and Symptoms\n\nKEY POINTS\n  - Signs of ALL include fever.\n\nSigns of ALL may include bruising.\n\n"
        "Treatment Overview\n\nKEY POINTS\n  - Treatment is given in three phases.\n"
    )
    assert [(s.heading.text, s.type) for s in layout.sections if s.heading is not None] == [
        ("Signs and Symptoms", "symptoms"), ("KEY POINTS", "symptoms"), ("Treatment Overview", "treatment"), ("KEY POINTS", "treatment"),
    ]


def test_a_banner_of_advice_in_capitals_that_reads_as_chrome_still_ends_the_section_before_it():
    layout = structure(
        "Signs that the leukaemia may be active again\nTell us if you notice:\n- looking pale\n\n"
        "WHEN TO CALL US STRAIGHT AWAY – 24-HOUR HOTLINE 01632 960 412\n"
        "Your treatment lowers your resistance to infection.\n- Temperature of 37.5°C or above\n"
    )
    assert [(s.heading.text if s.heading else None, s.type) for s in layout.sections][1:] == [
        ("Signs that the leukaemia may be active again", "symptoms"),
        ("WHEN TO CALL US STRAIGHT AWAY – 24-HOUR HOTLINE 01632 960 412", "advice"),
    ]


def test_a_sub_heading_on_the_problems_caused_by_something_stays_in_the_symptoms_section():
    layout = structure(
        "Signs and Symptoms of ALL\n\nGeneral symptoms\nPeople with ALL often feel very tired.\n\n"
        "Problems caused by low numbers of blood cells\nHaving too few red blood cells is called anemia.\n\n"
        "Bone or joint pain\nLeukemia cells can build up near the surface of bones.\n"
    )
    assert [s.type for s in layout.sections if s.heading is not None] == ["symptoms"] * 4


def test_a_time_or_a_decimal_does_not_end_a_sentence():
    assert kinds("Posted on 14 March 2026 at 9:15 by Sue. Her count was 2.5 times the normal.\n") == [
        ("sentence", "Posted on 14 March 2026 at 9:15 by Sue."),
        ("sentence", "Her count was 2.5 times the normal."),
    ]


def test_a_run_on_item_with_an_aside_in_brackets_is_still_an_item():
    layout = structure(
        "Risk factors for MDS include:Older age.Smoking.Past treatment with chemotherapy for another cancer "
        "(this is called secondary MDS).Long-term exposure to benzene, for example in the rubber industry.\n"
    )
    [block] = layout.lists
    assert [i.text.split()[0] for i in block.items] == ["Older", "Smoking.", "Past", "Long-term"]


def test_a_capital_after_a_single_space_starts_no_item():
    assert kinds("A child with ALL may feel tired.\nA  cure is likely.\n")[0] == ("sentence", "A child with ALL may feel tired.")
    assert all(kind != "item" for kind, _ in kinds("A child with ALL may feel tired.\nA  cure is likely.\n"))


def test_numbered_titles_over_prose_are_headings_in_an_outline_but_a_lettered_last_item_is_not():
    text = (
        "3. How severe is it?\nIt depends on the clotting factor level.\n\n"
        "4. Signs and symptoms\nYou may notice:\na) bruising easily\nb) blood in the urine\n"
        "Bleeds inside the body are more serious.\n\n"
        "5. What to do if you think the pupil is having a bleed\nFollow the care plan.\n\n"
        "6. Outlook\nMost children lead a normal life.\n"
    )
    headings = [t for kind, t in kinds(text) if kind == "heading"]
    assert headings == ["How severe is it?", "Signs and symptoms", "What to do if you think the pupil is having a bleed", "Outlook"]
    assert ("item", "blood in the urine") in kinds(text)


def test_a_news_headline_and_standfirst_before_any_sentence_head_the_page_not_a_treatment_section():
    page = (
        "Northshore Health Centre\n\nNEWS RELEASE · For immediate release\n\n"
        "Retired engineer among first to receive chemotherapy-free leukemia treatment\n\n"
        "Clinical trial offers new option for adults with acute lymphoblastic leukemia\n\n"
        "Acute lymphoblastic leukemia is a cancer of the bone marrow. It develops over a few weeks.\n\n"
        "Side effects of treatment\n\nSome drugs cause headaches.\n"
    )
    types = [(s.heading.text if s.heading else None, s.type) for s in structure(page).sections]
    assert [t for h, t in types if h and "leukemia" in h] == ["other", "other"]
    assert types[-1] == ("Side effects of treatment", "treatment")  # after the page's first sentence, a section
    assert ("NEWS RELEASE · For immediate release", "other") in types


def test_a_search_sites_popular_searches_are_chrome():
    layout = structure("Popular searches: bruising · fever for 3 days · leg pain at night · rash\nFever is common.\n")
    assert [s.boilerplate for s in layout.segments][:1] == [True]


def test_what_a_call_outs_capital_label_says_on_its_line_is_a_sentence_not_a_heading():
    segments = kinds('What is B-ALL?\nKEY POINT: "Acute" = develops over weeks, needs treatment quickly\n▪ A cancer of B cells\n')
    assert ("sentence", '"Acute" = develops over weeks, needs treatment quickly') in segments
    segments = kinds("Figure 1: Age-specific incidence rates, ALL, 2017–2021\n0–4 | 9.1\n")
    assert segments[1] == ("heading", "Age-specific incidence rates, ALL, 2017–2021")  # a caption heads its table


def test_a_line_that_is_only_a_pictures_or_charts_placeholder_is_furniture():
    layout = structure("Who gets it?\n[Chart: New cases by age at diagnosis, Ireland]\nMost patients are children.\n")
    assert [(s.kind, s.boilerplate) for s in layout.segments] == [("heading", False), ("sentence", True), ("sentence", False)]
    assert [s.type for s in layout.sections if s.heading] == ["who"]  # no "diagnosis" section from the chart's title


@pytest.mark.parametrize(
    ("line", "items", "after"),
    [
        (
            "Common symptoms include: 1. Night sweats 2. Bone pain 3. Weakness or tiredness Factors that may raise "
            "the risk include: 1. Genetic disorders, such as Down syndrome 2. Having a sister with ALL",
            ["Night sweats", "Bone pain", "Weakness or tiredness", "Genetic disorders, such as Down syndrome",
             "Having a sister with ALL"],
            ("lead-in", "Factors that may raise the risk include:"),
        ),
        (
            "Symptoms: (1) night sweats; (2) bone pain; and (3) pale skin. Treatment starts soon.",
            ["night sweats", "bone pain", "pale skin"],
            ("sentence", "Treatment starts soon."),
        ),
        ("Risk factors: 1) smoking 2) being male © 2024 Example Health", ["smoking", "being male"], None),
        (
            "Along with the fever your child may have several of these:- a rash, often on the body- red, bloodshot "
            "eyes- red, dry, cracked lips- a swollen gland on one side of the neck",
            ["a rash, often on the body", "red, bloodshot eyes", "red, dry, cracked lips",
             "a swollen gland on one side of the neck"],
            None,
        ),
    ],
)
def test_a_list_a_scrape_ran_into_one_line_is_a_list(line, items, after):
    layout = structure(line + "\n")
    assert [i.text for block in layout.lists for i in block.items] == items
    assert after is None or after in kinds(line)


def test_numbers_that_do_not_run_one_two_three_and_dashes_in_prose_are_no_list():
    segments = kinds("Children aged 2. 5 years is the peak. About 1. 3 in 100 have it.")
    assert all(kind == "sentence" for kind, _ in segments)
    segments = kinds("It is rare: about 1 in 2,000 - mostly children - get it each year - so it is not common.")
    assert all(kind == "sentence" for kind, _ in segments)



def test_relapsed_in_a_heading_names_the_disease_not_a_treatment_section():
    assert section_type("Symptoms of relapsed ALL") == "symptoms"
    assert section_type("If ALL comes back (relapse)") == "treatment"


def test_short_lines_in_lower_case_on_an_unwrapped_page_are_items_not_one_wrapped_line():
    text = (
        "What are the signs? Signs that parents notice include things we list at the end of this page for you.\n"
        "(c) Example Trust 2025. All rights reserved.\n"
        "pale skin, or looking grey\n"
        "sleeping more than usual, or being floppy\n"
        "fevers and infections\n"
        "bruising easily, bleeding gums or\n"
        "nosebleeds that are hard to stop\n"
    )
    segments = kinds(text)
    assert ("sentence", "pale skin, or looking grey") in segments
    assert ("sentence", "fevers and infections") in segments
    assert ("sentence", "bruising easily, bleeding gums or\nnosebleeds that are hard to stop") in segments


def test_a_line_that_opens_with_and_goes_on_from_the_one_above():
    segments = kinds("Signs of it\nIt starts with a fever\nand night sweats.\n")
    assert ("sentence", "It starts with a fever\nand night sweats.") in segments


@pytest.mark.parametrize(
    ("heading", "treatment"),
    [("What happens in blast phase?", False), ("The chronic phase", False), ("Maintenance", True),
     ("Induction and consolidation", True), ("Phases of treatment", True)],
)
def test_a_phase_of_the_disease_is_no_treatment_section_but_a_phase_of_treatment_is(heading, treatment):
    assert (section_type(heading) == "treatment") == treatment


def test_a_glued_list_ends_where_the_next_sentence_starts_and_spaced_dashes_are_not_glued_bullets():
    layout = structure(
        "Common symptoms include:• Bleeding from the gums• Pale skin• FeverRisk factors include:• Smoking• Being male"
        "• Exposure to benzene\n"
    )
    assert [(b.lead_in.text, [i.text for i in b.items]) for b in layout.lists] == [
        ("Common symptoms include:", ["Bleeding from the gums", "Pale skin", "Fever"]),
        ("Risk factors include:", ["Smoking", "Being male", "Exposure to benzene"]),
    ]
    segments = kinds("Common symptoms include: - Frequent infections Factors that raise the risk include: - Smoking - Being male\n")
    assert ("item", "Frequent infections Factors that raise the risk include") not in segments


def test_bare_items_in_lower_case_after_a_lead_in_may_carry_a_long_gloss():
    layout = structure(
        "Things that increase your chance of getting ALL include:\n"
        "having had chemotherapy or radiotherapy for another cancer\n"
        "working with benzene, a chemical used in some industries\n"
        "having a weakened immune system, for example from HIV or from medicines you take after an organ transplant\n"
        "You cannot catch ALL from someone else.\n"
    )
    [block] = layout.lists
    assert [i.text.split(",")[0] for i in block.items] == [
        "having had chemotherapy or radiotherapy for another cancer", "working with benzene", "having a weakened immune system"
    ]


def test_check_if_you_have_it_heads_signs_and_how_you_get_it_is_a_topic_of_its_own():
    from allkg.extract.structure import structure

    layout = structure(
        "Check if you have glandular fever\nThe main symptoms are a high temperature and a sore throat.\n"
        "How you get glandular fever\nIt is spread through saliva.\nThings you can do yourself\nRest and drink fluids.\n"
    )
    types = {s.heading.text: s.type for s in layout.sections if s.heading is not None}
    assert types["Check if you have glandular fever"] == "symptoms"
    assert types["How you get glandular fever"] != "symptoms" and types["Things you can do yourself"] != "symptoms", types


def test_asterisk_bullets_glued_after_a_lead_in_are_a_list():
    from allkg.extract.structure import structure

    layout = structure("Signs may include:* Bleeding from the gums* Bone pain* Night sweats* Fever\n")
    assert [seg.text for seg in layout.segments if seg.kind == "item"] == [
        "Bleeding from the gums", "Bone pain", "Night sweats", "Fever"
    ], [(seg.kind, seg.text) for seg in layout.segments]


def test_bare_items_that_finish_their_lead_ins_sentence_may_open_with_have_had():
    layout = structure(
        "Causes\nYou may be more likely to get ALL if you:\nhave Down's syndrome\n"
        "have had chemotherapy or radiotherapy for another cancer\nhave been exposed to high levels of radiation\n"
    )
    [block] = layout.lists
    assert [i.text for i in block.items] == [
        "have Down's syndrome", "have had chemotherapy or radiotherapy for another cancer",
        "have been exposed to high levels of radiation",
    ]


def test_a_gene_fusions_double_colon_ends_no_sentence():
    layout = structure("Also known as: AML with PML::RARA fusion. It is a leukaemia.\n")
    assert [s.text for s in layout.segments] == ["Also known as:", "AML with PML::RARA fusion.", "It is a leukaemia."]


def test_a_bare_item_with_a_long_gloss_after_a_dash_stays_an_item_of_its_own():
    layout = structure(
        "Symptoms of ALL include:\nheavy periods\npain in your bones or joints\n"
        "a tummy that feels full, swollen or sore - this is from a swollen liver or spleen\n"
        "losing weight without trying\nnight sweats\n"
    )
    [block] = layout.lists
    assert [i.text for i in block.items][-3:] == [
        "a tummy that feels full, swollen or sore - this is from a swollen liver or spleen",
        "losing weight without trying", "night sweats",
    ]


def test_an_encyclopaedias_heading_with_its_edit_link_run_into_the_text_is_a_heading():
    layout = structure(
        "Sarcoidosis is a disease of inflammatory cells.[1] Lungs[edit] Lung involvement may cause a dry cough.[3] "
        "Risk factors[edit] The disease is more common in women than in men.[7]\n"
    )
    assert [(s.kind, s.text) for s in layout.segments] == [
        ("sentence", "Sarcoidosis is a disease of inflammatory cells.[1]"), ("heading", "Lungs"),
        ("sentence", "Lung involvement may cause a dry cough.[3]"), ("heading", "Risk factors"),
        ("sentence", "The disease is more common in women than in men.[7]"),
    ]
    assert [s.type for s in layout.sections if s.heading is not None] == ["other", "risk"]
