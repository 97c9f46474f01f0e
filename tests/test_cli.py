"""The commands people run: extract, validate and build, through the installed CLI.

Exit statuses and what a failing command prints are checked on a new process (``allkg``);
what a command writes, mostly on its entry point run in this process (``allkg_in_here``)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import allkg_here, as_text

from allkg.resources import seed_path


def allkg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``allkg ARGS`` in a new process."""
    return subprocess.run(
        [sys.executable, "-m", "allkg", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def allkg_in_here(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``allkg ARGS`` run by its entry point in this process (conftest's ``allkg_here``)."""
    return as_text(allkg_here(*args, cwd=cwd))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    proc = allkg("build", "--out", str(out), cwd=out)
    assert proc.returncode == 0, proc.stderr
    return out


def test_extract_prints_reviewable_json_lines(tmp_path: Path):
    proc = allkg_in_here("extract", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    text = seed_path().read_text(encoding="utf-8")
    kinds = {r["kind"] for r in records}
    assert {"name", "synonym", "abbreviation", "cell-type", "anatomy", "age-group", "risk-factor"} <= kinds
    for record in records:
        assert record["evidence"], record
        for span in record["evidence"]:
            assert text[span["start"] : span["end"]] == span["quote"]
    risk = {r["object_label"] for r in records if r["kind"] == "risk-factor"}
    assert risk == {"previous cancer treatment", "exposure to radiation", "genetic disorders"}
    radiation = next(r for r in records if r["object_label"] == "exposure to radiation")
    assert "http://purl.obolibrary.org/obo/ECTO_0000001" in radiation["object_mappings"]


def test_validate_accepts_every_format_we_write(built: Path, tmp_path: Path):
    for name in ("allkg.ttl", "allkg.jsonld", "allkg.nt", "allkg.nq", "allkg.trig"):
        proc = allkg_in_here("validate", str(built / name), cwd=tmp_path)
        assert proc.returncode == 0, (name, proc.stdout, proc.stderr)
        assert proc.stdout.startswith("Conforms")


def test_validate_reports_a_broken_graph_readably(built: Path, tmp_path: Path):
    """Drop every quote's exact text and change one offset: the report names what is wrong, exit 1."""
    quads = [
        q
        for q in ox.parse(path=str(built / "allkg.nt"), format=ox.RdfFormat.N_TRIPLES)
        if q.predicate.value != "http://purl.org/dc/terms/license"
    ]
    broken = tmp_path / "broken.nt"
    broken.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES))
    proc = allkg("validate", str(broken), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("Does not conform")
    assert "dcterms:license" in proc.stdout
    as_json = allkg("validate", "--json", str(broken), cwd=tmp_path)
    assert as_json.returncode == 1
    report = json.loads(as_json.stdout)
    assert report["conforms"] is False
    assert any(r["path"] == "dcterms:license" and r["message"] for r in report["results"])


def test_validate_catches_a_quote_that_does_not_match_the_page(built: Path, tmp_path: Path):
    text = (built / "allkg.nt").read_text(encoding="utf-8")
    tampered = text.replace('#exact> "Genetic disorders"', '#exact> "Genetic disorders are caused by radiation"', 1)
    assert tampered != text
    path = tmp_path / "tampered.nt"
    path.write_text(tampered, encoding="utf-8")
    proc = allkg_in_here("validate", str(path), cwd=tmp_path)
    assert proc.returncode == 1
    assert "oa:exact" in proc.stdout or "quote" in proc.stdout.lower()


@pytest.mark.parametrize(
    ("content", "suffix"),
    [("@prefix x: <http://x/> . x:a x:b", ".ttl"), ("not json", ".jsonld"), ("<a> <b> <c> .", ".nt")],
)
def test_validate_unreadable_rdf_is_one_line_exit_2(tmp_path: Path, content: str, suffix: str):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    proc = allkg("validate", str(path), cwd=tmp_path)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("allkg: error:")
    assert "Traceback" not in proc.stderr


def test_jsonld_with_a_remote_context_is_never_fetched(tmp_path: Path):
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": "http://169.254.169.254/latest/meta-data/", "@id": "http://x/a"}', encoding="utf-8")
    proc = allkg("validate", str(path), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("allkg: error:")


def test_a_page_about_another_disease_is_not_all(tmp_path: Path):
    page = tmp_path / "aml.txt"
    page.write_text(
        "Acute myeloid leukemia (AML) is a cancer of the blood and bone marrow.\nRisk factors include:\n- Smoking\n",
        encoding="utf-8",
    )
    proc = allkg_in_here("build", str(page), "--out", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    graph = (tmp_path / "out" / "allkg.nt").read_text(encoding="utf-8")
    assert "MONDO_0004967" not in graph
    assert "/id/disease/acute-myeloid-leukemia>" in graph
    assert "MONDO_0018874" in graph


def test_build_that_fails_its_shapes_exits_1_with_a_report_and_writes_nothing(
    tmp_path: Path, monkeypatch, shapes_demanding_a_name
):
    """Run the real build against shapes that demand what the graph lacks (a schema:name on the disease)."""
    from click.testing import CliRunner

    from allkg import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.cli, ["build", "--out", "out"])
    assert result.exit_code == 1
    assert isinstance(result.exception, cli.NotConformingError)
    assert "A disease needs a schema:name." in str(result.exception)
    assert "Does not conform: 2 result(s)." in str(result.exception)  # ALL and influenza
    assert not (tmp_path / "out").exists()


def test_a_page_with_no_disease_gives_a_valid_graph_and_a_clear_message(tmp_path: Path):
    page = tmp_path / "news.txt"
    page.write_text("Our clinic opens a new car park in June. All visitors are welcome.\n", encoding="utf-8")
    proc = allkg_in_here("build", str(page), "--out", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "no disease is defined or named on this page" in proc.stderr
    assert "SHACL: conforms" in proc.stderr
    graph = (tmp_path / "out" / "allkg.nt").read_text(encoding="utf-8")
    assert "/id/disease/" not in graph and "MONDO_0004967" not in graph


@pytest.fixture(scope="module")
def repeated_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The bundled page 50 times over, and the warnings its extraction gives: the same ones again and again."""
    from allkg.pipeline import build

    page = tmp_path_factory.mktemp("repeated") / "repeated.txt"
    page.write_bytes(seed_path().read_bytes() * 50)
    warnings = build([page]).warnings
    assert len(warnings) > 100 and max(Counter(warnings).values()) >= 40
    return page, warnings


@pytest.mark.parametrize(
    "command",
    [["build", "--out", "out"], ["extract"], ["export"], ["query", "--name", "synonyms"]],  # publish, serve, load: as export
    ids=lambda command: command[0],
)
def test_each_warning_is_printed_once_with_its_count(repeated_page, tmp_path: Path, command: list[str]):
    page, warnings = repeated_page
    proc = allkg_in_here(*command, str(page), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    printed = [line for line in proc.stderr.splitlines() if line.startswith("allkg: warning: ")]
    assert printed == [
        f"allkg: warning: {warning}" + (f" (x{count})" if count > 1 else "") for warning, count in Counter(warnings).items()
    ]
    assert len(printed) < 30


HEAVY = (
    "pyoxigraph", "rdflib", "pyshacl", "jinja2", "starlette", "uvicorn", "httpx", "yaml", "playwright",
    "ahocorasick_rs", "rapidfuzz", "fastobo", "sssom", "pandas",
)


def test_the_cli_imports_no_heavy_library_until_a_command_needs_it():
    """``allkg --help`` starts as fast as click does: every heavy import is inside its command."""
    code = f"import sys; from allkg.cli import cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
