"""The HTML reader: page chrome dropped, headings recorded, lists kept, evidence that indexes its text,
and hostile markup read in linear time or refused in one line."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from allkg.errors import InputError
from allkg.html import html_to_text
from allkg.pipeline import extract_pages
from allkg.source import decode_source, read_source
from conftest import run_allkg

DEV = Path(__file__).resolve().parents[1] / "corpus" / "dev"
DEV_HTML = sorted(DEV.glob("*.html"))

PAGE = """<!DOCTYPE html><html><head><title>Childhood ALL | Example Hospital</title></head><body>
<div id="cookie-consent" role="dialog"><p>We use cookies to improve your visit.</p></div>
<div class="Site-Banner covid-banner">Masks are required: cough or fever? Call first.</div>
<ol class="breadcrumb"><li><a href="/">Home</a></li><li>Leukaemia</li></ol>
<div class="page has-sidebar"><main>
<h1>Acute lymphoblastic leukaemia</h1>
<p>ALL is a cancer of the white blood cells.<sup>1</sup></p>
<h2>What are the signs?</h2>
<p>Symptoms include:</p>
<ul><li>tiredness</li><li>bruising <em>easily</em></li>
<div class="product-promo"><p>Sponsored</p><p>Iron tablets, 30 pack</p></div>
<li>bone pain
<li>fever</ul>
<div class="share-bar">Share: Facebook X Email</div>
<section id="newsletter-signup"><h2>Get our newsletter</h2><p>Headaches? Sign up.</p></section>
<h3>Risk factors</h3>
<ol><li>Down syndrome</li><li>radiation</li></ol>
</main>
<div class="sidebar"><h2>Related conditions</h2><ul><li>Anaemia</li></ul></div>
<div class="related-articles"><ul><li>Night sweats in children</li></ul></div></div>
<footer><p>Contact | Site map</p><p>&copy; 2026 Example Hospital</p></footer>
</body></html>"""


def lines_of(markup: str, **options: bool) -> list[str]:
    return html_to_text(markup, **options)[0].splitlines()


def test_page_chrome_named_by_its_markup_is_dropped():
    lines = lines_of(PAGE)
    text = "\n".join(lines)
    for chrome in ("cookies", "Masks are required", "Home", "Sponsored", "Iron tablets", "Share:", "newsletter",
                   "Headaches", "Related conditions", "Anaemia", "Night sweats"):
        assert chrome not in text, chrome
    # the layout wrapper whose class says "sidebar" holds the page's <main>: it is not chrome
    assert "Acute lymphoblastic leukaemia" in lines and "- Down syndrome" in lines


def test_without_the_chrome_rules_the_same_blocks_are_read():
    text = "\n".join(lines_of(PAGE, drop_chrome=False))
    for chrome in ("We use cookies", "Masks are required", "Home", "Sponsored", "Share:", "Headaches",
                   "Related conditions", "Night sweats"):
        assert chrome in text, chrome


def test_a_promotion_inside_a_list_no_longer_splits_it():
    """The list around the advert is one list again, under its lead-in (as on the dev pharmacy page)."""
    lines = lines_of(PAGE)
    start = lines.index("Symptoms include:")
    assert lines[start : start + 5] == [
        "Symptoms include:", "- tiredness", "- bruising easily", "- bone pain", "- fever",
    ]


def test_the_dev_pharmacy_page_reads_its_symptom_list_whole():
    lines = read_source(DEV / "x-pharmacy-uk-aplastic-anaemia.html").text.splitlines()
    first = lines.index("- a fast or pounding heartbeat (palpitations)")
    assert lines[first + 1] == "- infections that keep coming back or are hard to clear"
    assert not any("Vitamin C tablets" in line or line == "Sponsored" for line in lines)


def test_headings_are_recorded_where_their_lines_start():
    text, title, headings = html_to_text(PAGE)
    assert title == "Childhood ALL | Example Hospital"
    assert [text[start : text.index("\n", start)] for start in headings] == [
        "Acute lymphoblastic leukaemia", "What are the signs?", "Risk factors",
    ]  # the newsletter's and the sidebar's headings went with them


def test_lists_keep_their_items_one_per_line():
    text = html_to_text(
        "<html><body><p>Causes include:</p><ul><li>smoking <b>heavily</b></li><li>benzene<ul>"
        "<li>at work</li></ul></li></ul><ol><li>first<li>second</ol>"
        "<dl><dt>ALL</dt><dd>a leukaemia</dd></dl></body></html>"
    )[0]
    assert text.splitlines() == [
        "Causes include:", "- smoking heavily", "- benzene", "- at work", "- first", "- second", "ALL", "a leukaemia",
    ]


def test_a_data_tables_rows_are_lines_of_cells_and_a_layout_table_keeps_its_blocks():
    text = html_to_text(
        "<html><body><table><caption>Table 1. Signs</caption><thead><tr><th>What is happening</th>"
        "<th>What you may notice</th></tr></thead><tbody><tr><td>Too few platelets</td><td><p>Bruising; "
        "<b>petechiae</b></p></td></tr></tbody></table>"
        "<table><tr><td><h2>Symptoms</h2><ul><li>fever</li></ul></td></tr></table></body></html>"
    )[0]
    assert text.splitlines() == [
        "Table 1. Signs", "What is happening | What you may notice", "Too few platelets | Bruising; petechiae",
        "Symptoms", "- fever",
    ]



def test_an_infobox_rows_label_and_value_are_split_by_a_tab_as_text_infoboxes_are():
    text = html_to_text(
        "<html><body><table class='infobox'><tr><th colspan='2'>Acute lymphoblastic leukemia</th></tr>"
        "<tr><th scope='row'>Other names</th><td>Acute lymphocytic leukemia</td></tr>"
        "<tr><th scope='row'>Symptoms</th><td>Fever,\tpale skin\ue000</td></tr></table></body></html>"
    )[0]
    assert text.splitlines() == [
        "Acute lymphoblastic leukemia", "Other names\tAcute lymphocytic leukemia", "Symptoms\tFever, pale skin",
    ]  # (a tab or a private-use character of the page's own text is no cell break)


def test_footnote_markers_go_and_an_unclosed_one_does_not_swallow_the_page():
    assert lines_of("<html><body><li>fatigue<sup>1</sup></li><li>fever<sup><a href='#r2'>[2]</a></sup></li>") == [
        "- fatigue", "- fever",
    ]
    assert lines_of("<html><body><p>Tiredness<sup>3<p>Bone pain is common.<p>Fever too.</body></html>") == [
        "Tiredness", "Bone pain is common.", "Fever too.",
    ]


def test_the_footer_keeps_only_its_copyright_line():
    lines = lines_of(PAGE)
    assert lines[-1] == "© 2026 Example Hospital" and "Contact | Site map" not in lines


def test_hidden_scripts_menus_and_asides_are_never_read():
    lines = lines_of(
        "<html><body><nav><a>Symptoms</a></nav><div role=navigation>Causes</div><script>var a='<p>x</p>'</script>"
        "<p hidden>Old text</p><p aria-hidden=true>icon</p><aside>Fact box</aside><p>Kept.</p></body></html>",
        drop_chrome=False,
    )
    assert lines == ["Kept."]


def test_an_accordions_hidden_answers_are_read_under_their_questions_and_a_menus_hidden_links_are_not():
    text, _, headings = html_to_text(
        "<html><body><h1>Adult ALL</h1>"
        "<button aria-expanded='false'>What are the signs?</button>"
        "<div class='faq-a' hidden><p>Most people feel tired and bruise easily.</p></div>"
        "<button aria-expanded='false' aria-controls='a2'>Who gets it?</button><p>Reviewed 2025</p>"
        "<div id='a2' aria-hidden='true'><p>Mostly children under 5.</p></div>"
        "<button aria-expanded='false' aria-controls='m1'>Cancer types</button>"
        "<ul id='m1' hidden><li><a href='/aml'>AML</a></li><li><a href='/cll'>CLL</a></li></ul>"
        "<p hidden>Old text with no control</p><p>Kept.</p></body></html>"
    )
    assert text.splitlines() == [
        "Adult ALL", "What are the signs?", "Most people feel tired and bruise easily.", "Who gets it?",
        "Reviewed 2025", "Mostly children under 5.", "Kept.",
    ]
    assert [text[start : text.index("\n", start)] for start in headings] == ["Adult ALL", "What are the signs?", "Who gets it?"]


def test_a_tabs_hidden_panels_are_read_and_other_hidden_text_is_not():
    text, _, _ = html_to_text(
        "<html><body><h1>Childhood ALL</h1><ul role='tablist'><li role='tab' aria-selected='true'>"
        "<a href='#overview'>Overview</a></li><li role='tab'><a href='#symptoms'>Symptoms</a></li></ul>"
        "<section id='overview' role='tabpanel'><p>ALL is a cancer of the blood.</p></section>"
        "<section id='symptoms' role='tabpanel' hidden><h2>Symptoms</h2><p>Children may bruise easily.</p></section>"
        "<section role='tabpanel' hidden><a href='/a'>A</a> <a href='/b'>B</a></section>"
        "<div class='modal' hidden><p>Sign up for our newsletter today.</p></div></body></html>"
    )
    assert "Children may bruise easily." in text.splitlines()
    assert "newsletter" not in text and "A B" not in text


def test_a_box_of_prose_in_the_main_text_is_read_and_a_sidebar_of_links_is_not():
    text, _, _ = html_to_text(
        "<html><body><main><h1>ALL</h1><p>ALL is a cancer of the blood.</p>"
        "<aside class='did-you-know'><h3>Did you know?</h3><ul><li>Slightly more boys than girls get ALL.</li></ul></aside>"
        "<aside><a href='/aml'>AML</a> <a href='/cll'>CLL</a></aside></main>"
        "<aside><p>A fact box outside the main text.</p></aside></body></html>"
    )
    assert "Slightly more boys than girls get ALL." in text
    assert "AML" not in text and "fact box" not in text


def test_the_title_is_the_heads_not_an_icons():
    _, title, _ = html_to_text("<html><body><svg><title>close icon</title></svg><p>Text</p></body></html>")
    assert title is None


@pytest.mark.parametrize("page", DEV_HTML, ids=[p.stem for p in DEV_HTML])
def test_evidence_offsets_index_the_text_the_reader_returns(page: Path):
    document = read_source(page)
    [extraction] = extract_pages([page])
    assert extraction.document.text == document.text
    assert extraction.facts
    headings = {document.text[start : document.text.index("\n", start)] for start in document.headings}
    assert headings and all(heading.strip() == heading and heading for heading in headings)
    for fact in extraction.facts:
        for span in fact.evidence:
            assert 0 <= span.start < span.end <= len(document.text), (fact, span)
            quote = document.text[span.start : span.end]
            # no markup and no entity left: a "<" of the page's text ("infants <1 yr") is text
            assert quote.strip() and not re.search(r"<[A-Za-z/!]", quote) and "&amp;" not in quote, (fact, quote)


@pytest.mark.parametrize(
    "markup",
    [
        # quadratic in the standard library's html.parser (CVE-2025-6069)
        pytest.param("<html><body>" + "</" * 1_000_000, id="end-tag-openers"),
        pytest.param("<html><body>" + "<!" * 1_000_000, id="declaration-openers"),
        pytest.param("<html><body>" + "<a>x<p>y</a>" * 150_000, id="misnested-formatting"),
        pytest.param("<html><body><table>" + "<tr><td>x" * 200_000, id="unclosed-cells"),
        # an accordion's panel is measured once, however many controls name it
        pytest.param(
            "<html><body><div id=p hidden>" + "<p>x y</p>" * 100_000 + "</div>"
            + "<b aria-expanded=false aria-controls=p>q</b>" * 40_000,
            id="controls-of-one-panel",
        ),
        pytest.param("<html><body>" + "<b aria-expanded=false>q</b><p hidden>a b c</p>" * 50_000, id="many-accordions"),
    ],
)
def test_hostile_markup_of_2_mib_is_read_in_linear_time(markup: str):
    start = time.perf_counter()
    html_to_text(markup)
    # about 1 s here on a quiet machine; the standard library's parser took minutes (the bound leaves
    # room for a machine busy with other work: a quadratic reading is still caught)
    assert time.perf_counter() - start < 10


def test_a_page_nested_deeper_than_the_parser_reads_is_refused_in_one_line(tmp_path: Path):
    with pytest.raises(InputError, match=r"^deep\.html: the HTML is nested deeper than 256 elements$"):
        decode_source(b"<html><body>" + b"<div>" * 300 + b"<p>Fever</p>", name="deep.html")
    page = tmp_path / "deep.html"
    page.write_bytes(b"<html><body>" + b"<div>" * 200_000 + b"<p>Fever</p>")
    start = time.perf_counter()
    done = run_allkg("extract", str(page))
    assert time.perf_counter() - start < 30
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "allkg: error: deep.html: the HTML is nested deeper than 256 elements\n"


def test_lxml_is_imported_only_when_an_html_page_is_read():
    code = (
        "import sys, allkg.cli, allkg.source; before = 'lxml' in sys.modules; "
        "allkg.source.decode_source(b'<p>x</p>', name='a.html'); print(before, 'lxml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_an_accordions_question_in_a_button_is_its_heading_and_other_buttons_are_not_read():
    text, _, headings = html_to_text(
        "<html><body><p>Reviewed in 2025 <button>Expand all</button></p>"
        "<h3><button aria-expanded='false'>What is ALL?</button></h3>"
        "<div class='answer'><p>A cancer of the blood.</p></div></body></html>"
    )
    assert text.splitlines() == ["Reviewed in 2025", "What is ALL?", "A cancer of the blood."]
    assert [text[start : text.index("\n", start)] for start in headings] == ["What is ALL?"]
