"""`orgtui check` next to its floors: a plain `tomli` parse of the same file, and a clean
check of an org of the same size when every position has a typo (one problem each).

    .venv/bin/python benchmarks/check_speed.py --people 50000 --runs 3

Each figure is a fresh process's wall time (imports included), runs alternating between
the command and its floor; medians and the slowest run.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

PY = sys.executable


def timed(argv: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def pair(a: list[str], b: list[str], runs: int) -> tuple[list[float], list[float]]:
    first, second = [], []
    for run in range(runs):
        if run % 2:
            second.append(timed(b))
        first.append(timed(a))
        if not run % 2:
            second.append(timed(b))
    return first, second


def line(label: str, samples: list[float]) -> str:
    return f"{label:<34} median {statistics.median(samples):6.2f} s  max {max(samples):6.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=50000)
    parser.add_argument("--typos", type=int, default=5000, help="size of the org given one typo per position")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    generate.compile_package()
    with tempfile.TemporaryDirectory(prefix="orgtui-check-") as tmp:
        big = Path(tmp) / "big.toml"
        generate.write(args.people, big, seed=1)
        check = [PY, "-m", "orgtui", "check", str(big)]
        parse = [PY, "-c", f"import tomli; tomli.load(open({str(big)!r}, 'rb'))"]
        checks, parses = pair(check, parse, args.runs)
        clean = Path(tmp) / "clean.toml"
        generate.write(args.typos, clean, seed=1)
        text = clean.read_text(encoding="utf-8")
        # each position's first duty misspelt: one "not in the catalog" problem per position
        typo = Path(tmp) / "typos.toml"
        typo.write_text(re.sub(r'(duties = \[\n    ")', r"\1x", text), encoding="utf-8")
        problems = subprocess.run([PY, "-m", "orgtui", "check", str(typo)], capture_output=True, text=True).stderr
        bad, good = pair([PY, "-m", "orgtui", "check", str(typo)], [PY, "-m", "orgtui", "check", str(clean)], args.runs)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(line(f"orgtui check, {args.people:,} people", checks))
    print(line("floor: tomli parse (a process)", parses))
    print(f"{'ratio':<34} {statistics.median(checks) / statistics.median(parses):.2f}×")
    print(line(f"check with typos, {args.typos:,} people", bad) + f"  ({problems.strip().splitlines()[-1][:70] if problems.strip() else '?'})")
    print(line("clean check, same size", good))
    print(f"{'ratio':<34} {statistics.median(bad) / statistics.median(good):.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
