"""Work in forked processes (``forked``): a large build is validated in one while it is sorted,
and its formats are written by several; the files appear all at once or not at all, with the
same bytes as when one process does everything."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import BinaryIO

import pytest
from click.testing import CliRunner

from allkg import cli, forked, serialize
from allkg.fileio import atomic_write_all
from allkg.formats import BUILD_FORMATS, FORMATS, dump_name
from allkg.pipeline import build


def _everything_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _full_disk(handle: BinaryIO) -> None:
    handle.write(b"half a file")
    raise OSError(errno.ENOSPC, "No space left on device")


def _fails() -> None:
    raise ValueError("broken")


def test_a_forked_job_gives_back_its_result_or_its_error():
    assert forked.start(lambda: {"answer": 42}).result() == {"answer": 42}
    with pytest.raises(ValueError, match="broken"):
        forked.start(_fails).result()


@pytest.mark.parametrize("processes", [1, 2])
def test_forked_writers_and_one_process_write_the_same_bytes(tmp_path: Path, processes: int):
    graph = build().graph
    assert not serialize.is_large(graph)
    one = serialize.write_files(graph, tmp_path / "one", FORMATS)
    atomic_write_all(
        {tmp_path / "many" / dump_name(name): (lambda handle, name=name: serialize.write(graph, name, handle)) for name in FORMATS},
        processes=processes,
    )
    assert [p.name for p in one] == _everything_in(tmp_path / "one") == _everything_in(tmp_path / "many")
    assert len(one) == len(FORMATS)
    for path in one:
        assert path.read_bytes() == (tmp_path / "many" / path.name).read_bytes(), path.name


@pytest.mark.parametrize("processes", [1, 2])
def test_a_writer_that_fails_leaves_no_file_no_temporary_file_and_no_new_folder(tmp_path: Path, processes: int):
    (tmp_path / "old.txt").write_bytes(b"old")
    out = tmp_path / "new" / "out"
    files = {out / "a.txt": b"a", out / "b.txt": _full_disk, out / "c.txt": b"c", tmp_path / "old.txt": b"new"}
    with pytest.raises(OSError) as raised:
        atomic_write_all(files, processes=processes)
    assert raised.value.errno == errno.ENOSPC  # the writer's own error, even from a forked process
    assert _everything_in(tmp_path) == ["old.txt"]
    assert (tmp_path / "old.txt").read_bytes() == b"old"


def test_a_large_build_gives_the_bytes_of_a_small_one(tmp_path: Path, monkeypatch):
    runner = CliRunner()
    assert runner.invoke(cli.cli, ["-q", "build", "--out", str(tmp_path / "one")]).exit_code == 0
    monkeypatch.setattr(serialize, "LARGE_GRAPH", 0)  # every graph counts as large
    assert runner.invoke(cli.cli, ["-q", "build", "--out", str(tmp_path / "many")]).exit_code == 0
    names = sorted(dump_name(f) for f in BUILD_FORMATS)
    assert _everything_in(tmp_path / "one") == _everything_in(tmp_path / "many") == names
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "many" / name).read_bytes(), name


def test_a_large_build_that_fails_its_shapes_is_reported_and_writes_nothing(
    tmp_path: Path, monkeypatch, shapes_demanding_a_name
):
    """The report comes back from the forked process that validated the graph."""
    monkeypatch.setattr(serialize, "LARGE_GRAPH", 0)
    started = []
    start = forked.start
    monkeypatch.setattr(forked, "start", lambda work, *, fork=True: started.append(fork) or start(work, fork=fork))
    result = CliRunner().invoke(cli.cli, ["build", "--out", str(tmp_path / "deep" / "out")])
    assert started == [True]
    assert result.exit_code == 1
    assert isinstance(result.exception, cli.NotConformingError)
    assert "A disease needs a schema:name." in str(result.exception)
    assert _everything_in(tmp_path) == []


def test_the_first_error_stops_the_other_forked_processes_at_once(tmp_path: Path):
    """A job that fails ends the run while another still runs: that one is killed, not waited for."""
    import os
    import time

    started, finished = tmp_path / "started", tmp_path / "finished"

    def slow() -> None:
        (tmp_path / "starting").write_text(str(os.getpid()))
        (tmp_path / "starting").rename(started)
        time.sleep(20)
        finished.touch()

    def fails_once_slow_runs() -> None:
        while not started.exists():
            time.sleep(0.01)
        _fails()

    with pytest.raises(ValueError, match="broken"):
        forked.run_all([slow, fails_once_slow_runs], processes=2)
    assert not finished.exists()  # not waited for
    with pytest.raises(ProcessLookupError):
        os.kill(int(started.read_text()), 0)  # and gone
