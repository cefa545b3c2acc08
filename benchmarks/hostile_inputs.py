"""Cost of `orgtui check` on hostile files under the 32 MiB cap, measured from outside.

    .venv/bin/python benchmarks/hostile_inputs.py            # every case, ~1-2 min
    .venv/bin/python benchmarks/hostile_inputs.py --only typos_5000

Each case is written to a temporary folder and checked by a fresh `python -m orgtui check`
under `/usr/bin/time -v` (wall time and peak memory of the whole process); the table shows
those, the exit status, how many lines went to stderr and whether a traceback appeared.
The target (issue 10): every case ends within ~20 s and ~1 GB with a clear message.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CAP = 32 * 1024 * 1024
HEAD = 'format = 1\nname = "Hostile"\n'


def empty_tables(folder: Path) -> Path:
    """~3 million empty [[people]] tables (issue: 51 s, 4.5 GB, MemoryError)."""
    row = "[[people]]\n"
    return _write(folder / "empty_tables.toml", HEAD + row * ((CAP - 100) // len(row)))


def unknown_keys(folder: Path) -> Path:
    """2.6 million unknown top-level keys (issue: 74 s, 3.3 GB)."""
    return _write(folder / "unknown_keys.toml", HEAD + "".join(f"k{i} = 1\n" for i in range(2_600_000)))


def dotted_keys(folder: Path) -> Path:
    """100,000 dotted keys of 100 parts (issue: 61 s, 4.8 GB)."""
    deep = ".".join(["p"] * 98)
    return _write(folder / "dotted_keys.toml", HEAD + "".join(f"x.{deep}.k{i} = 1\n" for i in range(100_000)))


def dotted_inline(folder: Path) -> Path:
    """The same inside inline tables (tomli alone: 23 s, 2 GB)."""
    deep = ".".join(["p"] * 98)
    return _write(folder / "dotted_inline.toml", HEAD + "".join(f"x{i} = {{{deep}.k = 1}}\n" for i in range(100_000)))


def long_catalog_name(folder: Path) -> Path:
    """A 1 MB catalog `name` that 3,000 messages would quote (issue: 4.9 GB)."""
    _write(folder / "roles.toml", 'name = "' + "N" * 1_000_000 + '"\n[[roles]]\nid = "r"\ntitle = "R"\n'
           '[[roles.duties]]\nid = "r.d"\ntitle = "D"\n')
    positions = "".join(f'[[positions]]\nid = "p{i}"\ntitle = "P"\ndepartment = "d"\nduties = ["x{i}"]\n' for i in range(3000))
    return _write(folder / "long_name.toml", HEAD + 'catalog = "roles.toml"\n[[departments]]\nid = "d"\nname = "D"\n' + positions)


def typos_5000(folder: Path) -> Path:
    """5,000 people, one misspelt duty id per position (~2,000 problems; issue: 26-29 s)."""
    from generate import write

    path = folder / "typos_5000.toml"
    write(5000, path)
    text = path.read_text(encoding="utf-8")
    count = 0

    def misspell(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return match.group(1) + '"' + match.group(2) + 'x",'

    # the first duty of each position's list
    text = re.sub(r'(duties = \[\n    )"([^"]+)",', misspell, text)
    return _write(path, text)


def clean_5000(folder: Path) -> Path:
    """The same org without typos: the floor for the case above."""
    from generate import write

    path = folder / "clean_5000.toml"
    write(5000, path)
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    f.__name__: f for f in (clean_5000, typos_5000, empty_tables, unknown_keys, dotted_keys, dotted_inline, long_catalog_name)
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def measure(path: Path) -> dict[str, object]:
    done = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "-m", "orgtui", "check", str(path)],
        capture_output=True, text=True, errors="replace", check=False,
    )
    stats = dict(re.findall(r"^\s*([^:\n]+):\s*(.+)$", done.stderr, re.MULTILINE))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", done.stderr)
    elapsed = wall.group(1) if wall else "?"
    ours = [line for line in done.stderr.splitlines() if not line.startswith(("\t", "Command exited with"))]
    return {
        "seconds": _seconds(elapsed),
        "peak_mib": int(stats.get("Maximum resident set size (kbytes)", "0")) // 1024,
        "exit": done.returncode,
        "stderr_lines": len(ours),
        "traceback": "Traceback" in done.stderr,
        "first": ours[0][:110] if ours else "",
    }


def _seconds(text: str) -> float:
    parts = [float(p) for p in text.split(":")] if text != "?" else [0.0]
    total = 0.0
    for part in parts:
        total = total * 60 + part
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=sorted(CASES), action="append", help="run only these cases")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'case':<18} {'size MiB':>8} {'wall s':>7} {'peak MiB':>8} {'exit':>4} {'lines':>5}  first line of the message")
        for name in args.only or list(CASES):
            path = CASES[name](Path(folder))
            result = measure(path)
            size = path.stat().st_size / 2**20
            flag = " TRACEBACK" if result["traceback"] else ""
            print(f"{name:<18} {size:>8.1f} {result['seconds']:>7.2f} {result['peak_mib']:>8} {result['exit']:>4} "
                  f"{result['stderr_lines']:>5}  {result['first']}{flag}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
