"""Opening a large org as a user sees it, and the memory it then holds after 20 edits.

    .venv/bin/python benchmarks/open_and_memory.py --people 50000 --opens 3
    .venv/bin/python benchmarks/open_and_memory.py --people 5000 --opens 5 --edits 0

`python -m orgtui FILE` in a pseudo-terminal (keys_in_pty.Terminal): the time from spawning
it until the first department's name is on the screen, next to the floor taken right
before or after it (alternating): `minimal_app.py FILE`, a Textual app with one Static
after a plain `tomli.load` of the same file. The last open then makes `--edits` edits
through the keyboard (`n`, `m`, the target's id, Enter; then ctrl+z and ctrl+y in turn,
each an edit through the history), waits for the recovery write that follows edits, and
reads the process's VmHWM (peak resident memory).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from keys_in_pty import KEYS, PY, ROOT, Terminal, floor_open, unowned_duty  # noqa: E402


def open_app(path: Path) -> tuple[Terminal, float]:
    from orgtui.core.storage.orgfile import load_org

    org = load_org(path).org
    first = org.departments[org.subdepartments(None)[0]].name[:30]
    del org
    term = Terminal([PY, "-m", "orgtui", str(path)], ROOT)
    return term, term.wait_for(first)


def edit(term: Terminal, path: Path, count: int) -> None:
    title, target_id, target_title = unowned_duty(path)
    term.settle()
    term.send(b"n", expect=title[:20])
    term.send(b"m", expect="to position")
    for ch in target_id:
        term.send(ch.encode())
    term.send(KEYS["enter"], expect=target_title[:20])
    for i in range(count - 1):
        if i % 2 == 0:
            term.send(KEYS["ctrl+z"], expect="Undid")
        else:
            term.send(KEYS["ctrl+y"], expect="Redid")
        time.sleep(0.1)
    time.sleep(2.5)  # the recovery write follows the last edit by a second
    term.settle()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=50000)
    parser.add_argument("--opens", type=int, default=3)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args(argv)
    generate.compile_package()
    with tempfile.TemporaryDirectory(prefix="orgtui-open-") as tmp:
        os.environ["XDG_STATE_HOME"] = str(Path(tmp) / "state")
        path = Path(tmp) / f"org{args.people}.toml"
        generate.write(args.people, path, seed=1)
        opens, floors, ratios, peak = [], [], [], None
        for run in range(args.opens):
            if run % 2:
                floors.append(floor_open(path))
            term, took = open_app(path)
            opens.append(took)
            try:
                if run == args.opens - 1 and args.edits:
                    edit(term, path, args.edits)
                    peak = term.peak_rss_mib()
            finally:
                term.close()
            if not run % 2:
                floors.append(floor_open(path))
            ratios.append(opens[-1] / floors[-1])
    print(f"{args.people:,} people, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"open → first frame  median {statistics.median(opens):.2f} s  max {max(opens):.2f} s  ({', '.join(f'{x:.2f}' for x in opens)})")
    print(f"floor               median {statistics.median(floors):.2f} s  max {max(floors):.2f} s  ({', '.join(f'{x:.2f}' for x in floors)})")
    print(f"ratio               median {statistics.median(ratios):.2f}×  max {max(ratios):.2f}×")
    if peak is not None:
        print(f"VmHWM after {args.edits} edits: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
