"""A fresh clone tests itself: the README's test command is what CI runs, and no test reads
anything beside the repository (conftest fails any test that reads ../shared)."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SHARED, shared_reads


def test_a_test_that_reads_shared_is_noticed(tmp_path: Path):
    """The check conftest runs around every test sees a file opened, a folder listed and a
    subprocess given a path under ../shared (here on purpose, so the record is cleared)."""
    with contextlib.suppress(OSError):
        (SHARED / "reference" / "page.txt").read_bytes()
    with contextlib.suppress(OSError):
        list((SHARED / "corpus").iterdir())
    subprocess.run([sys.executable, "-c", "pass", str(SHARED / "corpus" / "dev")], check=True)
    subprocess.run([sys.executable, "-c", "pass", "../shared/x"], cwd=REPO, check=True)  # relative to its cwd
    (tmp_path / "elsewhere.txt").write_text("x", encoding="utf-8")
    subprocess.run([sys.executable, "-c", "pass", "shared/x"], cwd=tmp_path, check=True)  # not ../shared
    noticed = [entry.split(" ", 1) for entry in shared_reads]
    shared_reads.clear()
    kinds = ["listing" if event in ("os.listdir", "os.scandir") else event for event, _ in noticed]
    assert kinds == ["open", "listing", "subprocess.Popen", "subprocess.Popen"]
    assert all(where.startswith(str(SHARED)) for _, where in noticed)


def test_the_readme_test_command_is_what_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "```sh\nscripts/test\n```" in readme
    assert re.search(r'^exec "\$\(dirname "\$0"\)/\.\./scripts/test" "\$@"$', ci, re.MULTILINE)
    script = (REPO / "scripts" / "test").read_text(encoding="utf-8")
    for step in ("apt-get install", "python3 -m venv .venv", "pip install -q '.[test]'", "-m pytest"):
        assert step in script
