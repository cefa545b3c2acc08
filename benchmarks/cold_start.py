"""Only run.py's cold-start row: the 40-person sample next to the minimal app, alternating.

    .venv/bin/python benchmarks/cold_start.py --runs 7            # the row as run.py takes it
    .venv/bin/python benchmarks/cold_start.py --runs 7 --panes    # also the four-pane floor (minimal_panes.py)
    .venv/bin/python benchmarks/cold_start.py --runs 15 --base /tmp/base/src   # also another checkout's orgtui

Each run starts `python minimal_app.py` and `python -m orgtui sample_orgs/online-retailer.toml`
in a fresh pseudo-terminal (run.py's `time_to_marker`: from the spawn until the data is on
the screen), in ABBA order so that a drift within the run evens out. With --panes a third
start joins each run: `minimal_panes.py`, a Textual app with orgtui's layout (header, four
bordered trees of the sample's rows, footer) and no orgtui code. With --base SRC a fourth:
the orgtui whose sources are in SRC (e.g. `git archive main src | tar -x -C /tmp/base`,
then `python -m compileall -q /tmp/base/src`), started with PYTHONPATH=SRC, so a change is
timed before and after in the same minutes. Prints medians, maxima and the median of the
per-run ratios, and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from run import MINIMAL_MARKER, PY, SAMPLE, first_department_name, time_to_marker  # noqa: E402


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--panes", action="store_true", help="also time minimal_panes.py (orgtui's layout, no orgtui code)")
    parser.add_argument("--base", type=Path, help="also time the orgtui whose sources are in this src folder (PYTHONPATH)")
    args = parser.parse_args(argv)

    generate.compile_package()
    with tempfile.TemporaryDirectory(prefix="orgtui-cold-") as tmp:
        os.environ["XDG_STATE_HOME"] = str(Path(tmp) / "state")
        sample = Path(tmp) / SAMPLE.name
        shutil.copyfile(SAMPLE, sample)
        marker = first_department_name(sample)
        starts = {
            "floor": ([PY, str(HERE / "minimal_app.py")], MINIMAL_MARKER),
            "orgtui": ([PY, "-m", "orgtui", str(sample)], marker),
        }
        if args.panes:
            starts["panes"] = ([PY, str(HERE / "minimal_panes.py"), str(sample)], marker)
        if args.base:
            # both through env(1), so that neither pays for it alone
            starts["orgtui"] = (["env", PY, "-m", "orgtui", str(sample)], marker)
            starts["base"] = (["env", f"PYTHONPATH={args.base.resolve()}", PY, "-m", "orgtui", str(sample)], marker)
        for argv_, mark in starts.values():  # warm up: bytecode, page cache
            time_to_marker(argv_, mark)
        before = load()
        times: dict[str, list[float]] = {k: [] for k in starts}
        names = list(starts)
        for i in range(args.runs):
            order = names if i % 2 == 0 else names[::-1]
            for name in order:
                argv_, mark = starts[name]
                times[name].append(time_to_marker(argv_, mark))
            print(f"run {i + 1}: " + ", ".join(f"{k} {times[k][-1]:.3f}" for k in names), file=sys.stderr, flush=True)
        after = load()

    med = statistics.median
    print(f"load average before {before}, after {after}; {args.runs} runs")
    for name in names:
        t = times[name]
        line = f"{name:7s} median {med(t):.3f} s, min {min(t):.3f}, max {max(t):.3f} s"
        if name != "floor":
            ratios = [a / b for a, b in zip(t, times["floor"])]
            line += f"; ratio to floor {med(ratios):.2f}× (max {max(ratios):.2f}×)"
        if name == "orgtui" and "base" in times:
            ratios = [a / b for a, b in zip(t, times["base"])]
            line += f"; to base {med(ratios):.2f}×"
        if name in ("orgtui", "base") and "panes" in times:
            ratios = [a / b for a, b in zip(t, times["panes"])]
            line += f"; to the four-pane floor {med(ratios):.2f}×"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
