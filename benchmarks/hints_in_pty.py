"""The Problems pane's inline suggestions at scale, as a user sees them: how long until every
duty problem on screen shows its "→ …" hint, and what a cursor key costs while the hints
are being worked out (in a worker thread) against afterwards.

    .venv/bin/python benchmarks/hints_in_pty.py --people 50000
    .venv/bin/python benchmarks/hints_in_pty.py --people 5000 --keys 20

The app runs in a pseudo-terminal (keys_in_pty.Terminal, 320×40, so rows keep their hints). After the first frame
`4` focuses Problems and `z` gives it the screen; then Down and Up alternate at a person's
pace (keys_in_pty.GAP) until every hinted row on screen has its hint, and as many keys
again after that. Prints the seconds from the first frame to the last hint on screen, and
the median and worst key while hints were coming and after.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import keys_in_pty  # noqa: E402
from keys_in_pty import KEYS, PY, ROOT, Terminal, cursor_key  # noqa: E402

keys_in_pty.COLS = 320  # wide enough that a split duty's row keeps its hint on screen

PROBLEM_MARKS = ("✗ Unowned", "is split between", "is owned only by vacant")


def missing_hints(term: Terminal) -> int:
    """Duty-problem rows on screen without their "→" hint yet."""
    return sum(1 for line in term.text().splitlines() if any(m in line for m in PROBLEM_MARKS) and "→" not in line)


def run(path: Path, keys: int, timeout: float) -> dict[str, list[float]]:
    term = Terminal([PY, "-m", "orgtui", str(path)], ROOT)
    out: dict[str, list[float]] = {"during": [], "after": []}
    flip = [0]
    try:
        term.wait_for("Problems")
        term.send(b"4")
        term.send(b"z")
        started = time.perf_counter()
        while missing_hints(term) and time.perf_counter() - started < timeout:
            out["during"].append(cursor_key(term, flip))
        out["all_hints"] = [time.perf_counter() - started]
        out["still_missing"] = [float(missing_hints(term))]
        for _ in range(max(keys, len(out["during"]))):
            out["after"].append(cursor_key(term, flip))
        term.send(KEYS["ctrl+q"])
    finally:
        term.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=50000)
    parser.add_argument("--keys", type=int, default=10, help="cursor keys after the hints (at least as many as during)")
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"org{args.people}.toml")
        generate.write(args.people, path)
        got = run(path, args.keys, args.timeout)
    print(f"{args.people} people: every hint on screen {got['all_hints'][0]:.1f} s after Problems was focused "
          f"({got['still_missing'][0]:.0f} still missing)")
    for label in ("during", "after"):
        times = got[label]
        if times:
            print(f"  cursor key {label:<6} the hints: median {statistics.median(times) * 1000:.0f} ms, "
                  f"worst {max(times) * 1000:.0f} ms ({len(times)} keys)")


if __name__ == "__main__":
    main()
