"""Extraction quality, measured: every gold page scores P >= 0.95 and R >= 0.90 on every kind of fact."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from allkg.evaluate import Item, KindScore, normalise, score
from allkg.resources import seed_path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "gold"
DEV = REPO.parent / "shared" / "corpus" / "dev"
MIN_PRECISION = 0.95
MIN_RECALL = 0.90


PAGES = REPO / "tests" / "data" / "pages"


def page_for(gold: Path) -> Path:
    """The page a gold file describes: the bundled seed, a page of tests/data/pages (written for
    the tests in other sites' styles), or a dev page in ../shared/corpus/dev."""
    if gold.stem == seed_path().stem:
        return seed_path()
    if (PAGES / f"{gold.stem}.txt").exists():
        return PAGES / f"{gold.stem}.txt"
    page = DEV / f"{gold.stem}.txt"
    assert page.exists(), f"{gold.name}: its page {page} is missing (the dev corpus lives in ../shared/corpus/dev)"
    return page


@pytest.mark.parametrize("gold", sorted(GOLD.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_kind_meets_the_thresholds(gold: Path, tmp_path: Path):
    proc = subprocess.run(
        [sys.executable, "-m", "allkg", "evaluate", "--json", "--gold", str(gold), str(page_for(gold))],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    failing = [
        f"{k['kind']}: P={k['precision']} R={k['recall']} missed={k['missed']} spurious={k['spurious']}"
        for k in report["kinds"]
        if k["precision"] < MIN_PRECISION or k["recall"] < MIN_RECALL
    ]
    assert not failing, "\n".join(failing)


def test_there_is_a_gold_file_for_the_seed_and_every_dev_page():
    pages = {seed_path().stem} | {p.stem for p in DEV.glob("*.txt")}
    assert pages <= {g.stem for g in GOLD.glob("*.yaml")}


def test_scores_count_missed_and_spurious():
    gold = {"symptom": [Item("fever", frozenset({"fever"})), Item("bone pain", frozenset({"bone pain"}))]}
    found = {"symptom": [Item("fever", frozenset({"fever"})), Item("cough", frozenset({"cough"}))]}
    [symptom] = [s for s in score(gold, found) if s.kind == "symptom"]
    assert (symptom.precision, symptom.recall) == (0.5, 0.5)
    assert symptom.missed == ["bone pain"] and symptom.spurious == ["cough"]
    assert KindScore("x", 0, 0, 0).f1 == 1.0  # nothing stated, nothing found


def test_matching_by_ontology_id_and_by_normalised_label():
    assert normalise("Lymph nodes.") == normalise("lymph node")
    assert Item("a", frozenset({"x"}), frozenset({"HP:0001945"})).matches(Item("b", frozenset({"y"}), frozenset({"HP:0001945"})))


def test_threshold_options_fail_the_command(tmp_path: Path):
    gold = tmp_path / "g.yaml"
    gold.write_text("facts:\n  symptom: [fever]\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "allkg", "evaluate", "--gold", str(gold), "--min-recall", "0.9"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert proc.returncode == 1
    assert "symptom" in proc.stdout and "- fever" in proc.stdout


def test_a_bad_gold_file_is_one_line_exit_2(tmp_path: Path):
    gold = tmp_path / "g.yaml"
    gold.write_text("facts:\n  colour: [red]\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "allkg", "evaluate", "--gold", str(gold)], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 2 and proc.stderr.startswith("allkg: error:") and len(proc.stderr.splitlines()) == 1
