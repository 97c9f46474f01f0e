"""allkg make-lexicon on small OBO and SSSOM files of our own (tests/data/ontologies), read
back through the public API: branches kept and dropped, scopes, releases, parents,
exclusions, acronyms, slugs, determinism, and one-line errors for files that are not
what they should be."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from allkg.cli import main
from allkg.lexicon import Grounding, Lexicon, open_lexicon
from allkg.lexicon.concepts import obo_iri
from allkg.lexicon.generate import lay_variants
from allkg.lexicon.store import read_lexicon
from conftest import DATA

ONTOLOGIES = DATA / "ontologies"


def make_lexicon(*args: str, seed: str = "0") -> subprocess.CompletedProcess[str]:
    """The installed CLI, with a chosen hash seed (set iteration order must not matter)."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "allkg", "make-lexicon", *args], capture_output=True, text=True, timeout=300, env=env
    )


@pytest.fixture
def run_here(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """The CLI's entry point run in this process (sssom's import is paid once, not per case):
    returns the exit status and stderr."""

    def run(*args: str) -> tuple[int, str]:
        monkeypatch.setattr(sys, "argv", ["allkg", "make-lexicon", *args])
        try:
            main()
            status = 0
        except SystemExit as stop:
            status = int(stop.code or 0)
        return status, capsys.readouterr().err

    return run


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("lexicon") / "lexicon.txt.gz"
    proc = make_lexicon(str(ONTOLOGIES), "--out", str(out), seed="1")
    assert proc.returncode == 0, proc.stderr
    return out, proc.stdout


@pytest.fixture(scope="module")
def lexicon(made: tuple[Path, str]) -> Lexicon:
    return open_lexicon(made[0], overlay=[])  # the ontologies alone


def named(lexicon: Lexicon, phrase: str, kind: str) -> Grounding:
    grounding = lexicon.lookup(phrase, kind)
    assert grounding is not None, f"{phrase!r} names no {kind}"
    return grounding


def exact_ids(grounding: Grounding) -> list[str]:
    return [iri for prop, iri in grounding.concept.mappings if prop == "exactMatch"]


def test_it_prints_the_releases_read_and_the_terms_per_branch(made: tuple[Path, str]):
    out, stdout = made
    lines = stdout.splitlines()
    assert lines[0].startswith(f"wrote {out}: 33 terms, ")
    assert "  hp          2025-01-16  hp.obo" in stdout
    assert "  mondo-ncit  2026-08-04  mondo_exactmatch_ncit.sssom.tsv" in stdout
    assert "  uberon      2021-08-03  mondo-uberon_import.obo" in stdout
    counts = dict(line.split() for line in lines[lines.index("terms per branch:") + 1 :])
    assert counts == {"anatomy": "5", "cell": "3", "course": "2", "disease": "12", "exposure": "2", "onset": "2",
                      "phenotype": "7"}


def test_every_release_is_recorded_with_its_iri_and_version(lexicon: Lexicon):
    releases = {key: (r.version, r.iri) for key, r in lexicon.releases.items()}
    assert releases == {
        "hp": ("2025-01-16", "http://purl.obolibrary.org/obo/hp/releases/2025-01-16/hp.obo"),
        "doid-cancer": ("2026-07-31", "http://purl.obolibrary.org/obo/doid/releases/2026-07-31/subsets/DO_cancer_slim.obo"),
        "doid-rare": ("2026-07-31", "http://purl.obolibrary.org/obo/doid/releases/2026-07-31/subsets/DO_rare_slim.obo"),
        "mondo-doid": ("2026-08-04", "http://purl.obolibrary.org/obo/mondo/releases/2026-08-04/mappings/mondo_exactmatch_doid.sssom.tsv"),
        "mondo-ncit": ("2026-08-04", "http://purl.obolibrary.org/obo/mondo/releases/2026-08-04/mappings/mondo_exactmatch_ncit.sssom.tsv"),
        "uberon": ("2021-08-03", "http://purl.obolibrary.org/obo/mondo/releases/2021-08-03/imports/uberon_import.owl"),
        "cl": ("2021-08-03", "http://purl.obolibrary.org/obo/mondo/releases/2021-08-03/imports/cl_import.owl"),
        "ecto": ("2021-08-03", "http://purl.obolibrary.org/obo/mondo/releases/2021-08-03/imports/ecto_import.owl"),
    }
    assert named(lexicon, "fatigue", "symptom").concept.release == lexicon.releases["hp"].iri
    assert named(lexicon, "acute myeloid leukemia", "disease").concept.release == lexicon.releases["mondo-doid"].iri
    # a disease in both DO slims comes from the first read, and gains the other's synonyms
    lymphocytic = named(lexicon, "acute lymphocytic leukemia", "disease")
    assert lymphocytic.concept.release == lexicon.releases["doid-cancer"].iri
    assert exact_ids(lymphocytic)[0] == obo_iri("DOID:9952")


@pytest.mark.parametrize(
    ("phrase", "kind", "curie"),
    [
        ("fatigue", "symptom", "HP:0012378"),
        ("pediatric onset", "age-group", "HP:0410280"),
        ("slow progression", "course", "HP:0003677"),
        ("acute", "course", "HP:0011009"),
        ("bone marrow", "anatomy", "UBERON:0002371"),
        ("haematopoietic system", "anatomy", "UBERON:0002390"),  # its undeclared superclass is no obstacle
        ("B-cell", "cell-type", "CL:0000236"),
        ("exposure to radiation", "risk-factor", "ECTO:0000001"),
        ("Down syndrome", "risk-factor", "DOID:14250"),
        ("chronic myeloid leukemia", "disease", "DOID:8552"),
    ],
)
def test_the_kept_branches_name_their_terms(lexicon: Lexicon, phrase: str, kind: str, curie: str):
    assert exact_ids(named(lexicon, phrase, kind))[0] == obo_iri(curie)


@pytest.mark.parametrize(
    "phrase",
    [
        "mode of inheritance", "autosomal dominant",  # HPO outside the phenotype, onset and course branches
        "phenotypic abnormality", "anatomical entity", "exposure event",  # the roots themselves
        "life cycle stage", "pesticide",  # in the imports, outside the kept branch
        "abnormality of body height", "imaginary blood disorder",  # obsolete terms
        "ague",  # an HPO synonym of the discarded (obsolete_synonym) type
        "disease",  # DO's and MONDO's root, which the mapping table also lists
        "apple allergy",  # its MONDO class is obsolete
    ],
)
def test_what_is_not_kept_names_nothing(lexicon: Lexicon, phrase: str):
    assert lexicon.find(phrase).within(0, len(phrase)) == []


@pytest.mark.parametrize(
    ("phrase", "kind", "scope", "mapping"),
    [
        ("Fatigue", "symptom", "label", "exactMatch"),
        ("pyrexia", "symptom", "exact", "exactMatch"),
        ("tiredness", "symptom", "layperson", "exactMatch"),
        ("low platelet count", "symptom", "layperson", "exactMatch"),
        ("LPC", "symptom", "abbreviation", "exactMatch"),  # HPO's declared abbreviation type
        ("ALL", "disease", "abbreviation", "exactMatch"),  # OMO:0003012 (acronym), which DO does not declare
        ("CNS PNET", "disease", "abbreviation", "exactMatch"),  # the same, not shaped like one acronym
        ("RBC", "cell-type", "abbreviation", "exactMatch"),  # untyped, but an acronym
        ("lethargy", "symptom", "related", "relatedMatch"),
        ("tired all the time", "symptom", "related", "relatedMatch"),  # a RELATED layperson synonym
        ("fatigue syndrome", "symptom", "narrow", "broadMatch"),
        ("hyperthermia", "symptom", "broad", "narrowMatch"),
    ],
)
def test_each_synonym_keeps_its_scope(lexicon: Lexicon, phrase: str, kind: str, scope: str, mapping: str):
    grounding = named(lexicon, phrase, kind)
    assert grounding.scope == scope
    assert [prop for prop, _ in grounding.concept.mappings][0] == mapping
    if mapping != "exactMatch":  # the page's phrase is a concept of its own, mapped to the term
        assert grounding.concept.pref_label == phrase


def test_mondo_mappings_join_the_do_terms_and_add_diseases_of_their_own(lexicon: Lexicon):
    everything = named(lexicon, "acute lymphoblastic leukaemia", "disease")
    assert exact_ids(everything) == [obo_iri(c) for c in ("DOID:9952", "MONDO:0004967", "NCIT:C3167")]
    assert lexicon.curies(everything.concept) == {"DOID:9952", "MONDO:0004967", "NCIT:C3167"}
    assert lexicon.label_of(obo_iri("MONDO:0004967")) == "acute lymphoblastic leukemia"
    # a MONDO disease no DOID matches is a term of its own, named by both labels
    t_all = named(lexicon, "T lymphoblastic leukemia/lymphoma", "disease")
    assert exact_ids(t_all) == [obo_iri("MONDO:0003537"), obo_iri("NCIT:C8694")]
    assert t_all.concept.release == lexicon.releases["mondo-ncit"].iri
    # the MONDO class is live but the DOID it matched is obsolete: the DOID is left out
    pten = named(lexicon, "PTEN hamartoma tumor syndrome", "disease")
    assert exact_ids(pten) == [obo_iri("MONDO:0017623"), obo_iri("NCIT:C179915")]


def test_a_mondo_disease_matched_to_two_doids_keeps_only_the_do_term_read(lexicon: Lexicon):
    # MONDO's "cancer" also matches DOID:0050686 "organ system cancer": another DO disease,
    # so it is neither an ID of DOID:162 nor a name for it
    cancer = named(lexicon, "cancer", "disease")
    assert cancer.concept.pref_label == "cancer"
    assert exact_ids(cancer) == [obo_iri(c) for c in ("DOID:162", "MONDO:0004992")]
    assert lexicon.lookup("organ system cancer", "disease") is None


def test_a_disease_named_by_a_part_is_also_named_by_the_part_s_acronym(lexicon: Lexicon):
    """UBERON abbreviates the central nervous system "CNS": "primary CNS lymphoma" names the
    disease whose name spells it out, as pages call it; a two-letter acronym would not."""
    for phrase in ("primary CNS lymphoma", "primary central nervous system lymphoma", "CNS lymphoma"):
        assert obo_iri("MONDO:0002571") in exact_ids(named(lexicon, phrase, "disease"))
    assert lexicon.lookup("primary cns lymphoma", "disease") is None  # (an acronym is matched in capitals)


def test_a_kind_of_a_disease_goes_by_its_words_and_the_disease_s_abbreviation(lexicon: Lexicon):
    """DO's "T-cell acute lymphoblastic leukemia" is "T-cell ALL" on pages, as ALL abbreviates its parent's name."""
    assert obo_iri("DOID:5603") in exact_ids(named(lexicon, "T-cell ALL", "disease"))
    assert lexicon.lookup("T-cell CML", "disease") is None


def test_parents_are_the_direct_superclasses_within_the_kept_terms(lexicon: Lexicon):
    assert lexicon.ancestors(named(lexicon, "ALL", "disease").concept) == {"DOID:12603", "DOID:1240", "DOID:162"}
    assert lexicon.ancestors(named(lexicon, "fever", "symptom").concept) == {"HP:0025142"}
    assert lexicon.ancestors(named(lexicon, "spleen", "anatomy").concept) == {"UBERON:0000062"}
    assert lexicon.ancestors(named(lexicon, "B cell", "cell-type").concept) == {"CL:0000542"}
    assert lexicon.ancestors(named(lexicon, "bone marrow", "anatomy").concept) == frozenset()


def test_cross_references_are_kept_from_the_known_databases_only(lexicon: Lexicon):
    assert named(lexicon, "leukemia", "disease").concept.xrefs == ("NCIT:C3161", "UMLS:C0023418")  # not MESH
    assert named(lexicon, "ALL", "disease").concept.xrefs == ("ICD10CM:C91.0", "Orphanet:513")


def test_an_excluded_form_never_matches(lexicon: Lexicon):
    # "organ" is in ontology/lexicon-exclusions.tsv (anatomy: too general); the term stays, as a parent
    assert lexicon.find("organ").within(0, 5) == []
    assert lexicon.label_of(obo_iri("UBERON:0000062")) == "organ"


def test_an_acronym_matches_in_capitals_only(lexicon: Lexicon):
    text = "ALL is a cancer. All children with ALL's symptoms; all of them."
    found = [(m.text, m.start) for m in lexicon.find(text).within(0, len(text), "disease")]
    assert found == [("ALL", 0), ("cancer", 9), ("ALL's", 35)]


def test_two_terms_with_one_label_get_distinct_entities_in_the_kinds_they_share(made: tuple[Path, str]):
    # DOID:1240 and HP:0001909 are both "leukemia", and both can be a risk factor: there, the
    # disease (the kind's preferred branch) keeps the plain slug; as a symptom, the HPO term does
    stored = read_lexicon(made[0])
    disease, phenotype = (stored.term(stored.row_of(curie)) for curie in ("DOID:1240", "HP:0001909"))
    assert [disease.slug(kind) for kind in ("disease", "risk-factor")] == ["leukemia", "leukemia"]
    assert [phenotype.slug(kind) for kind in ("symptom", "risk-factor")] == ["leukemia", "leukemia-hp-0001909"]
    lexicon = open_lexicon(made[0], overlay=[])
    assert named(lexicon, "leukemia", "risk-factor").concept.path == "risk-factor/leukemia"
    assert exact_ids(named(lexicon, "leukemia", "risk-factor"))[0] == obo_iri("DOID:1240")
    assert named(lexicon, "leukaemia", "symptom").concept.path == "symptom/leukemia"
    assert exact_ids(named(lexicon, "leukaemia", "symptom"))[0] == obo_iri("HP:0001909")


def test_the_same_releases_give_the_same_bytes(made: tuple[Path, str], tmp_path: Path):
    again = tmp_path / "again.txt.gz"
    proc = make_lexicon(str(ONTOLOGIES), "--out", str(again), seed="2")
    assert proc.returncode == 0, proc.stderr
    assert again.read_bytes() == made[0].read_bytes()


def test_an_exclusions_file_drops_forms_per_branch_or_everywhere(tmp_path: Path, run_here):
    exclusions = tmp_path / "exclusions.tsv"
    exclusions.write_text(
        "# form<TAB>branch<TAB>reason\nspleen\tanatomy\ta test\nLeukaemia\t*\ta test, in another spelling\n"
        "tiredness\tdisease\tnot a disease form anyway\n",
        encoding="utf-8",
    )
    out = tmp_path / "lexicon.txt.gz"
    status, stderr = run_here(str(ONTOLOGIES), "--out", str(out), "--exclusions", str(exclusions))
    assert status == 0, stderr
    lexicon = open_lexicon(out, overlay=[])
    assert lexicon.lookup("spleen", "anatomy") is None
    assert lexicon.lookup("leukemia", "disease") is None and lexicon.lookup("leukemia", "symptom") is None
    assert lexicon.lookup("tiredness", "symptom") is not None
    assert lexicon.lookup("organ", "anatomy") is not None  # only the given file's forms are excluded


def _break(folder: Path, name: str, text: str | None = None, copy_of: str | None = None) -> None:
    target = folder / name
    if copy_of is not None:
        shutil.copy(ONTOLOGIES / copy_of, target)
    elif text is None:
        target.unlink()
    else:
        target.write_text(text, encoding="utf-8")


OBO_WITHOUT_VERSION = "format-version: 1.2\nontology: hp\n\n[Term]\nid: HP:0000118\nname: Phenotypic abnormality\n"
SSSOM_WITHOUT_VERSION = (
    "# curie_map:\n#   MONDO: http://purl.obolibrary.org/obo/MONDO_\n#   DOID: http://purl.obolibrary.org/obo/DOID_\n"
    "subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification\n"
    "MONDO:0004967\tacute lymphoblastic leukemia\tskos:exactMatch\tDOID:9952\tacute lymphoblastic leukemia\t"
    "semapv:ManualMappingCuration\n"
)


@pytest.mark.parametrize(
    ("name", "damage", "message"),
    [
        ("mondo-cl_import.obo", {}, "mondo-cl_import.obo: missing (make-lexicon reads hp.obo, "),
        ("hp.obo", {"text": "hello\nthis is not OBO {\n"}, "hp.obo: not an OBO file (line 1: expected HeaderClause)"),
        ("hp.obo", {"copy_of": "DO_cancer_slim.obo"}, "hp.obo: no term HP:0000118, HP:0003674, HP:0011008, HP:0003679 in it"),
        ("hp.obo", {"text": OBO_WITHOUT_VERSION}, "hp.obo: no data-version header"),
        ("DO_rare_slim.obo", {"copy_of": "mondo-cl_import.obo"}, "DO_rare_slim.obo: no DOID term in it"),
        ("mondo_exactmatch_doid.sssom.tsv", {"copy_of": "hp.obo"}, "not an SSSOM table of MONDO mappings (no subject_id,"),
        ("mondo_exactmatch_doid.sssom.tsv", {"copy_of": "mondo_exactmatch_ncit.sssom.tsv"},
         "mondo_exactmatch_doid.sssom.tsv: no MONDO -> DOID exact match in it"),
        ("mondo_exactmatch_doid.sssom.tsv", {"text": SSSOM_WITHOUT_VERSION}, "no mapping_set_version in its header"),
    ],
    ids=["missing", "not-obo", "wrong-obo", "no-data-version", "wrong-do", "not-sssom", "wrong-sssom", "no-version"],
)
def test_a_release_that_is_not_what_it_should_be_is_one_line_and_writes_nothing(
    tmp_path: Path, run_here, name: str, damage: dict[str, str], message: str
):
    folder = tmp_path / "ontologies"
    shutil.copytree(ONTOLOGIES, folder)
    _break(folder, name, **damage)
    out = tmp_path / "lexicon.txt.gz"
    out.write_bytes(b"the lexicon before")
    status, stderr = run_here(str(folder), "--out", str(out))
    assert status == 2
    assert stderr.startswith("allkg: error: ") and stderr.count("\n") == 1, stderr
    assert message in stderr
    assert out.read_bytes() == b"the lexicon before"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no partial file left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-folder"], "no-such-folder: no such folder"),
        ([str(ONTOLOGIES / "hp.obo")], "hp.obo: not a folder"),
        ([str(ONTOLOGIES), "--exclusions", "no-such.tsv"], "no-such.tsv: no such file (the exclusions file)"),
    ],
)
def test_a_missing_folder_or_file_is_one_line(tmp_path: Path, run_here, args: list[str], message: str):
    status, stderr = run_here(*args, "--out", str(tmp_path / "lexicon.txt.gz"))
    assert status == 2
    assert stderr.count("\n") == 1 and message in stderr, stderr
    assert not (tmp_path / "lexicon.txt.gz").exists()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("spleen\tanatomy", "line 2: expected form<TAB>branch<TAB>reason"),
        ("spleen\tanatomi\ttoo general", "line 2: no branch 'anatomi' (one of anatomy, cell, course, disease"),
    ],
)
def test_a_malformed_exclusion_is_one_line(tmp_path: Path, run_here, line: str, message: str):
    exclusions = tmp_path / "exclusions.tsv"
    exclusions.write_text(f"# a comment\n{line}\n", encoding="utf-8")
    status, stderr = run_here(str(ONTOLOGIES), "--out", str(tmp_path / "lexicon.txt.gz"), "--exclusions", str(exclusions))
    assert status == 2
    assert stderr.count("\n") == 1 and message in stderr, stderr


@pytest.mark.parametrize(
    ("form", "expected", "not_expected"),
    [
        ("Large spleen", {"enlarged spleen", "swollen spleen", "enlargement of the spleen"}, set()),
        ("Large eye", {"enlarged eye"}, {"swollen eye"}),  # a swollen eye is no large eye
        ("Bone pain", {"sore Bone", "aching Bone", "painful Bone", "Bone hurts"}, set()),
        ("Difficulty in walking", {"trouble walking", "problems with walking"}, set()),
        ("Balance impairment", {"trouble with Balance", "Balance problems"}, set()),
        ("Upper limb pain", {"arm pain", "sore arm", "aching arm"}, set()),
        ("Gum enlargement", {"swollen Gum", "enlarged Gum"}, set()),
        ("Lower limb muscle weakness", {"leg muscle weakness"}, set()),
        ("Bleeding gums", {"gums bleed"}, set()),
    ],
)
def test_lay_variants_say_a_sign_as_pages_do(form: str, expected: set[str], not_expected: set[str]):
    variants = set(lay_variants(form))
    assert expected <= variants and not variants & not_expected


@pytest.mark.parametrize("form", ["Abdominal pain", "Burning pain", "Difficulty getting an erection", "Fever"])
def test_forms_of_no_such_shape_have_no_lay_variants(form: str):
    assert lay_variants(form) == []
