"""Whole-process timings of the allkg CLI against the libraries it stands on.

Run by hand (not by CI):  python benchmarks/bench_cli.py [--runs 11]

Each pair (ours, anchor) is run in turn, A B A B ..., after one warm-up; the
ratio is taken pair by pair and its median reported, as in
../shared/reference/perf-baselines.md. Targets (issue 2):
  allkg --help  <= 1.5x  python -c "import click"
  allkg build   <= 2.5x  python -c "import rdflib, pyshacl"   (seed page, all formats, validated)
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def wall(cmd: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def paired(ours: list[str], anchor: list[str], runs: int, cwd: str) -> tuple[float, float, float, float, float]:
    wall(ours, cwd), wall(anchor, cwd)  # warm-up
    a_times, b_times, ratios = [], [], []
    for _ in range(runs):
        a = wall(ours, cwd)
        b = wall(anchor, cwd)
        a_times.append(a)
        b_times.append(b)
        ratios.append(a / b)
    return statistics.median(a_times), statistics.median(b_times), statistics.median(ratios), min(ratios), max(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    # the allkg of this Python first: another one on PATH (a pyenv shim, an older install) is not ours
    allkg = shutil.which("allkg", path=os.path.dirname(sys.executable)) or shutil.which("allkg")
    if allkg is None:
        sys.exit("allkg is not installed: pip install .")
    python = sys.executable
    cases = [
        ("allkg --help", [allkg, "--help"], 'python -c "import click"', [python, "-c", "import click"], 1.5),
        (
            "allkg build (seed, 5 formats, SHACL)",
            [allkg, "build", "-q", "--out", "out"],
            'python -c "import rdflib, pyshacl"',
            [python, "-c", "import rdflib, pyshacl"],
            2.5,
        ),
        ("allkg build (seed)", [allkg, "build", "-q", "--out", "out"], 'python -c "import rdflib"', [python, "-c", "import rdflib"], None),
    ]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}; {args.runs} paired runs after 1 warm-up\n")
    print("| command | median s | anchor | anchor median s | ratio (median, min-max) | target | met |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as cwd:
        for name, ours, anchor_name, anchor, target in cases:
            a, b, ratio, low, high = paired(ours, anchor, args.runs, cwd)
            met = "-" if target is None else ("yes" if ratio <= target else "NO")
            target_text = "-" if target is None else f"<= {target}x"
            print(f"| `{name}` | {a:.3f} | `{anchor_name}` | {b:.3f} | {ratio:.2f}x ({low:.2f}-{high:.2f}) | {target_text} | {met} |")


if __name__ == "__main__":
    main()
