"""Fix all in the app as a user feels it: `F` pressed, until the plan dialog is on screen.

    .venv/bin/python benchmarks/fix_all_in_pty.py --people 5000 --runs 3

The app runs in a pseudo-terminal (keys_in_pty.Terminal, 120×40). Each run presses `F`
(the plan is made, previewed in `orgtui diff`'s words and shown; the first run also pays
SciPy's import), waits for the dialog's title, and leaves it with Escape. Cursor keys
(Down and Up in turn, in Roles) are the floor of the same run. Prints medians and worsts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from keys_in_pty import KEYS, PY, ROOT, Terminal, cursor_key  # noqa: E402

TITLE = "Fix all: the plan"


def run(path: Path, runs: int) -> dict[str, list[float]]:
    term = Terminal([PY, "-m", "orgtui", str(path)], ROOT)
    out: dict[str, list[float]] = {"down": [], "fix_all": []}
    flip = [0]
    try:
        term.wait_for("Roles")
        term.send(b"1")
        for _ in range(runs):
            out["down"].append(cursor_key(term, flip))
            out["fix_all"].append(term.send(b"F", expect=TITLE, timeout=60.0))
            term.send(b"\x1b")  # Escape: nothing applied
            out["down"].append(cursor_key(term, flip))
        term.send(KEYS["ctrl+q"])
    finally:
        term.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"org{args.people}.toml")
        generate.write(args.people, path)
        got = run(path, args.runs)
    first, rest = got["fix_all"][0], got["fix_all"][1:] or got["fix_all"]
    down = got["down"]
    print(f"{args.people} people: F until the plan is shown: first {first:.2f} s (with SciPy's import), then median "
          f"{statistics.median(rest):.2f} s, worst {max(rest):.2f} s; a cursor key (the floor) median "
          f"{statistics.median(down) * 1000:.0f} ms, worst {max(down) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
