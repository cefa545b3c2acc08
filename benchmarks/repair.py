"""How long the repair plan (`orgtui fix`, "Fix all") and the suggestions take at scale.

    .venv/bin/python benchmarks/repair.py                 # 5,000 people, 5 runs
    .venv/bin/python benchmarks/repair.py --people 300 --runs 3
    .venv/bin/python benchmarks/repair.py --runs 3 --no-cli  # in-process figures only

The org comes from generate.py (a few duties unowned on purpose, many split). Each case
plans on a fresh copy: without effort (the generated file as it is) and with the catalog's
effort estimates, for scope "unowned" and "all". SciPy's import is timed apart (paid once,
on the first plan of a session). Every figure stands next to a floor measured in the same
run, so a loaded machine moves both: loading the same file (`load_org`: read, parse, check,
build) in process, and `orgtui check` of the same file for the commands. Prints the median
and the worst of the runs, in seconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

from orgtui.core.domain.repair import plan_repair  # noqa: E402
from orgtui.core.domain.suggest import suggest_all  # noqa: E402
from orgtui.core.domain.validator import Validator  # noqa: E402
from orgtui.core.storage.orgfile import dumps_org, load_org, parse_org  # noqa: E402

ORGTUI = Path(sys.executable).with_name("orgtui")


def _line(label: str, times: list[float], floor: list[float], note: str = "") -> None:
    ratio = statistics.median(times) / statistics.median(floor)
    print(f"{label:<52} median {statistics.median(times):.2f} s, worst {max(times):.2f} s "
          f"({ratio:.1f}x the floor){note}")


def _timed(runs: int, work: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def in_process(people: int, runs: int, plain: Path, with_effort: Path) -> None:
    floor = _timed(runs, lambda: load_org(with_effort))
    print(f"{'floor: load_org of the same file':<52} median {statistics.median(floor):.2f} s, worst {max(floor):.2f} s")
    for effort_file in (plain, with_effort):
        text = effort_file.read_text(encoding="utf-8")
        for scope in ("unowned", "all"):
            times, changes, unmet = [], 0, 0
            for _ in range(runs):
                org = parse_org(text, effort_file)
                started = time.perf_counter()
                plan = plan_repair(org, scope)
                times.append(time.perf_counter() - started)
                changes, unmet = plan.changes, len(plan.unmet)
            label = f"plan, {people} people, {'effort' if effort_file is with_effort else 'no effort'}, scope {scope}"
            _line(label, times, floor, f" ({changes} changes, {unmet} unmet)")
    for effort_file in (plain, with_effort):
        org = load_org(effort_file).org
        validator = Validator(org)
        times, duties = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            duties = len(suggest_all(org, validator))
            times.append(time.perf_counter() - started)
        label = f"suggest_all, {people} people, {'effort' if effort_file is with_effort else 'no effort'}"
        _line(label, times, floor, f" ({duties} duties)")


def commands(runs: int, plain: Path, with_effort: Path) -> None:
    """What a user waits for: each command in its own interpreter, next to `orgtui check`."""
    def run(*args: str) -> Callable[[], object]:
        return lambda: subprocess.run([str(ORGTUI), *args], capture_output=True, check=False)

    for path in (plain, with_effort):
        name = "effort" if path is with_effort else "no effort"
        floor = _timed(runs, run("check", str(path)))
        print(f"{'floor: orgtui check, ' + name:<52} median {statistics.median(floor):.2f} s, worst {max(floor):.2f} s")
        _line(f"orgtui suggest, {name}", _timed(runs, run("suggest", str(path))), floor)
        _line(f"orgtui fix --scope all, {name}", _timed(runs, run("fix", str(path), "--scope", "all")), floor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-cli", action="store_true", help="leave out the commands in their own interpreter")
    args = parser.parse_args()
    org = generate.generate(args.people)
    started = time.perf_counter()
    import scipy.optimize  # noqa: F401

    print(f"scipy.optimize import: {time.perf_counter() - started:.2f} s (once per process)")
    with tempfile.TemporaryDirectory() as folder:
        plain, with_effort = Path(folder, "plain.toml"), Path(folder, "effort.toml")
        plain.write_text(dumps_org(org), encoding="utf-8")
        org.info = replace(org.info, catalog_efforts=True)
        with_effort.write_text(dumps_org(org), encoding="utf-8")
        in_process(args.people, args.runs, plain, with_effort)
        if not args.no_cli:
            commands(args.runs, plain, with_effort)


if __name__ == "__main__":
    main()
