"""How long the repair plan (`orgtui fix`, "Fix all") and the suggestions take at scale.

    .venv/bin/python benchmarks/repair.py                 # 5,000 people, 5 runs
    .venv/bin/python benchmarks/repair.py --people 300 --runs 3

The org comes from generate.py (a few duties unowned on purpose, many split). Each case
plans on a fresh copy: without effort (the generated file as it is) and with the catalog's
effort estimates, for scope "unowned" and "all". SciPy's import is timed apart (paid once,
on the first plan of a session). Prints the median and the worst of the runs, in seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

from orgtui.core.domain.repair import plan_repair  # noqa: E402
from orgtui.core.domain.suggest import suggest_all  # noqa: E402
from orgtui.core.domain.validator import Validator  # noqa: E402
from orgtui.core.storage.orgfile import dumps_org, parse_org  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text = dumps_org(generate.generate(args.people))
    started = time.perf_counter()
    import scipy.optimize  # noqa: F401

    print(f"scipy.optimize import: {time.perf_counter() - started:.2f} s (once per process)")
    for with_effort in (False, True):
        for scope in ("unowned", "all"):
            times, changes, unmet = [], 0, 0
            for _ in range(args.runs):
                org = parse_org(text, Path("bench.toml"))
                if with_effort:
                    org.info = replace(org.info, catalog_efforts=True)
                started = time.perf_counter()
                plan = plan_repair(org, scope)
                times.append(time.perf_counter() - started)
                changes, unmet = plan.changes, len(plan.unmet)
            label = f"plan, {args.people} people, {'effort' if with_effort else 'no effort'}, scope {scope}"
            print(f"{label:<50} median {statistics.median(times):.2f} s, worst {max(times):.2f} s "
                  f"({changes} changes, {unmet} unmet)")
    org = parse_org(text, Path("bench.toml"))
    validator = Validator(org)
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        found = suggest_all(org, validator)
        times.append(time.perf_counter() - started)
    print(f"{'suggest_all, ' + str(args.people) + ' people':<50} median {statistics.median(times):.2f} s, "
          f"worst {max(times):.2f} s ({len(found)} duties)")


if __name__ == "__main__":
    main()
