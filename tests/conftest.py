"""Fixtures shared by the site tests: the CLI, and published sites in world-readable folders
(nginx and Apache workers drop root's privileges and must read them)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent / "data"
HOSTILE_PAGE = DATA / "hostile-page.txt"
HOSTILE_SYNONYM = "</script><script>alert(1)</script>"
HOSTILE_RISK_FACTOR = "living near a <!-- chemical plant"


def run_allkg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed CLI, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "allkg", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def public_tmp() -> Iterator[Path]:
    """A temporary folder every user can read."""
    path = Path(tempfile.mkdtemp(prefix="allkg-test-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def publish(out: Path, *args: str) -> Path:
    proc = run_allkg("publish", "--out", str(out), *args)
    assert proc.returncode == 0, proc.stderr
    return out


CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Headless Chromium on a closed network: no background connections, no updates, no sync."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser); missing, the test fails."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is required: apt-get install chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def seed_site(public_tmp: Path) -> Path:
    """The site of the bundled page."""
    return publish(public_tmp / "seed-site")


@pytest.fixture(scope="session")
def hostile_site(public_tmp: Path) -> Path:
    """The site of a page whose synonym closes a script element and whose risk factor opens a comment."""
    return publish(public_tmp / "hostile-site", str(HOSTILE_PAGE))
