"""Staged output: files appear all at once or not at all, whether written in this process or by
forked writers while the graph is validated (``fileio.StagedFiles``, ``serialize.dumps``)."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import BinaryIO

import pytest
from click.testing import CliRunner

from allkg import cli, serialize, validate
from allkg.fileio import StagedFiles
from allkg.formats import BUILD_FORMATS, FORMATS
from allkg.pipeline import build


def _everything_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _full_disk(handle: BinaryIO) -> None:
    handle.write(b"half a file")
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("processes", [1, 2])
def test_forked_writers_and_one_process_write_the_same_bytes(tmp_path: Path, processes: int):
    graph = build().graph
    one = serialize.dumps(graph, tmp_path / "one", FORMATS)
    with one:
        one.commit()
    assert one.pool is None  # the seed's graph is small: written in this process
    many = StagedFiles(
        {tmp_path / "many" / path.name: content for path, content in one.files.items()}, processes=processes
    )
    with many:
        many.commit()
    assert (many.pool is not None) == (processes > 1)
    assert _everything_in(tmp_path / "one") == _everything_in(tmp_path / "many") == sorted(
        f"allkg.{f.extension}" for f in FORMATS.values()
    )
    for path in (tmp_path / "one").iterdir():
        assert path.read_bytes() == (tmp_path / "many" / path.name).read_bytes(), path.name


@pytest.mark.parametrize("processes", [1, 2])
def test_a_writer_that_fails_leaves_no_file_no_temporary_file_and_no_new_folder(tmp_path: Path, processes: int):
    out = tmp_path / "new" / "out"
    files = {out / "a.txt": b"a", out / "b.txt": _full_disk, out / "c.txt": b"c"}
    with pytest.raises(OSError) as raised, StagedFiles(files, processes=processes) as staged:
        staged.commit()
    assert raised.value.errno == errno.ENOSPC  # the writer's own error, even from a forked process
    assert _everything_in(tmp_path) == []


@pytest.mark.parametrize("processes", [1, 2])
def test_files_left_uncommitted_are_removed_and_older_files_stay(tmp_path: Path, processes: int):
    (tmp_path / "a.txt").write_bytes(b"old")
    with StagedFiles({tmp_path / "a.txt": b"new", tmp_path / "b.txt": b"new"}, processes=processes):
        pass  # e.g. the graph failed its shapes
    assert _everything_in(tmp_path) == ["a.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"old"


def test_a_large_build_is_written_by_forked_writers_with_the_same_bytes(tmp_path: Path, monkeypatch):
    runner = CliRunner()
    assert runner.invoke(cli.cli, ["-q", "build", "--out", str(tmp_path / "one")]).exit_code == 0
    monkeypatch.setattr(serialize, "PARALLEL_FROM", 0)  # every graph counts as large
    assert runner.invoke(cli.cli, ["-q", "build", "--out", str(tmp_path / "many")]).exit_code == 0
    names = sorted(f"allkg.{FORMATS[f].extension}" for f in BUILD_FORMATS)
    assert _everything_in(tmp_path / "one") == _everything_in(tmp_path / "many") == names
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "many" / name).read_bytes(), name


def test_a_large_build_that_fails_its_shapes_leaves_nothing_although_writing_began(tmp_path: Path, monkeypatch):
    """Writers start before the graph is validated; an invalid graph's files never appear."""
    from rdflib import Graph

    strict = Graph()
    strict.parse(data=validate.shapes_graph().serialize(format="turtle"), format="turtle")
    strict.parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix allkg: <https://w3id.org/allkg/ontology/> .
        <urn:test:needs-name> a sh:NodeShape ; sh:targetClass allkg:Disease ;
            sh:property [ sh:path <http://schema.org/name> ; sh:minCount 1 ] .
        """,
        format="turtle",
    )
    monkeypatch.setattr(validate, "shapes_graph", lambda: strict)
    monkeypatch.setattr(serialize, "PARALLEL_FROM", 0)
    while_validating: list[str] = []
    check = validate.validate_build

    def validate_build(graph, page_reports):
        while_validating.extend(_everything_in(tmp_path))
        return check(graph, page_reports)

    monkeypatch.setattr(validate, "validate_build", validate_build)
    result = CliRunner().invoke(cli.cli, ["build", "--out", str(tmp_path / "deep" / "out")])
    assert result.exit_code == 1
    assert isinstance(result.exception, cli.NotConformingError)
    assert any(name.startswith("deep/out/.allkg.jsonld.") for name in while_validating)  # being written
    assert _everything_in(tmp_path) == []
