"""Keys as a user feels them: the real app in a pseudo-terminal, a key in, the screen change out.

    .venv/bin/python benchmarks/keys_in_pty.py --people 50000            # 500 and 50,000 people, 5 rounds
    .venv/bin/python benchmarks/keys_in_pty.py --people 5000 --rounds 3

`python -m orgtui FILE` runs in a fresh pseudo-terminal (120×40, Textual's real driver),
exactly as from a shell. This process is the terminal: it writes the bytes a terminal
sends for a key (or an SGR mouse report) and reads what the app writes back. A figure is
the time from writing the key to the last byte of the screen update it caused (the app
goes quiet for QUIET seconds), and in a second table to the frame that first showed the
answer (the expected text on screen; for a key without one, its first bytes); the bytes are fed to a terminal emulator (pyte) only after
the timing, to check the change is the one expected (the status line says "Undid: …")
and to find rows to drag.

Each round goes through the keyboard path a user takes: `n` (next unowned duty, in the
Roles pane), `m` (the picker opens), a filter letter, Enter (the move on screen), ctrl+z,
ctrl+y, ctrl+z, then a mouse drag of that duty onto a position row and ctrl+z. `Down`,
the floor, is taken between them. Keys are spaced like a person's (GAP seconds after the
screen settled), so the recovery write that follows each edit after a second runs while
later keys are measured, as it does for users. The app is left GRACE seconds after the
first frame first, so nothing of opening is still running.
"""

from __future__ import annotations

import argparse
import codecs
import fcntl
import json
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

PY = sys.executable
COLS, ROWS = 120, 40
QUIET = 0.06  # seconds without output that end a screen update
GAP = 0.35  # seconds between a settled screen and the next key, like a person's pace
GRACE = 2.0

KEYS = {"down": b"\x1b[B", "up": b"\x1b[A", "enter": b"\r", "ctrl+z": b"\x1a", "ctrl+y": b"\x19", "ctrl+q": b"\x11", "ctrl+s": b"\x13"}


class Terminal:
    """A pseudo-terminal with one app in it; we are the terminal."""

    def __init__(self, argv: list[str], cwd: Path, env_extra: dict[str, str] | None = None) -> None:
        import pyte  # the emulator that reads the screen back (pip install pyte)

        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", **(env_extra or {}))
        for key in ("TEXTUAL", "TEXTUAL_DRIVER", "NO_COLOR"):
            env.pop(key, None)
        self.t_spawn = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True)
        os.close(slave)
        self.pending = b""
        self.marks: list[tuple[str, float, float]] = []  # (step, VmRSS, VmHWM) in MiB
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def _read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return b""
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:
            chunk = b""
        if not chunk:
            raise RuntimeError(f"the app exited (status {self.proc.wait()}):\n{self.text()}")
        return chunk

    def feed(self) -> None:
        if self.pending:
            self.stream.feed(self.pending)
            self.pending = b""

    def text(self) -> str:
        self.feed()
        return "\n".join(self.screen.display)

    def wait_for(self, marker: str, timeout: float = 120.0) -> float:
        """Seconds since spawning until `marker` is on the screen (fed as it arrives)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            chunk = self._read(0.05)
            if chunk:
                self.pending += chunk
                self.feed()
                if marker in "\n".join(self.screen.display):
                    return time.perf_counter() - self.t_spawn
        raise RuntimeError(f"no {marker!r} on the screen after {timeout:.0f} s:\n{self.text()}")

    def settle(self, quiet: float = QUIET, timeout: float = 30.0) -> None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            chunk = self._read(quiet)
            if not chunk:
                return
            self.pending += chunk
        self.feed()

    first_change = 0.0
    """Seconds from the last key written to the frame that first showed its answer: the
    expected text on the screen (or, for a key without one, its first bytes)."""

    def send(self, data: bytes, expect: str | None = None, timeout: float = 30.0) -> float:
        """Write a key; seconds until the last byte of the update it caused."""
        self.settle()
        self.feed()
        time.sleep(GAP)
        self.settle(0.005)
        self.feed()
        t0 = time.perf_counter()
        os.write(self.master, data)
        came: list[tuple[float, bytes]] = []  # fed to the emulator only between reads that found nothing
        fed = 0
        shown: float | None = None

        def feed_came() -> None:
            nonlocal fed, shown
            for at, chunk in came[fed:]:
                self.stream.feed(chunk)
                if shown is None and (expect is None or expect in "\n".join(self.screen.display)):
                    shown = at
            fed = len(came)

        deadline = t0 + timeout
        while time.perf_counter() < deadline:
            chunk = self._read(QUIET if came else timeout)
            if not chunk:
                if not came or expect is None:
                    break
                feed_came()
                if shown is not None:
                    break
                continue  # the expected change has not come yet: keep waiting
            came.append((time.perf_counter(), chunk))
        if not came:
            raise RuntimeError(f"no screen change after {data!r}:\n{self.text()}")
        feed_came()
        if expect is not None and shown is None:
            raise RuntimeError(f"{expect!r} not on the screen after {data!r}:\n{self.text()}")
        self.first_change = (shown if shown is not None else came[0][0]) - t0
        return came[-1][0] - t0

    def find(self, text: str, left: int = 0, right: int = COLS, rows: int = ROWS) -> tuple[int, int] | None:
        """(column, row) of `text` on the screen within columns [left, right) of its first `rows` rows."""
        self.feed()
        for row, line in enumerate(self.screen.display[:rows]):
            at = line.find(text, left, right)
            if at >= 0:
                return at, row
        return None

    def drag(self, start: tuple[int, int], end: tuple[int, int], expect: str | None = None) -> float:
        """Press at `start`, move to `end` a row at a time, release; seconds after the release."""
        sx, sy = start
        ex, ey = end
        press = f"\x1b[<0;{sx + 1};{sy + 1}M".encode()
        os.write(self.master, press)
        self.settle()
        step = 1 if ey >= sy else -1
        # a row at a time, and at least one move: a drop on the source's own row still
        # has to be dragged there (a press and a release alone are a click)
        for y in range(sy + step, ey + step, step) if ey != sy else [ey]:
            os.write(self.master, f"\x1b[<32;{ex + 1};{y + 1}M".encode())
            self.settle(0.02)
        return self.send(f"\x1b[<0;{ex + 1};{ey + 1}m".encode(), expect, timeout=3.0)

    def peak_rss_mib(self) -> float | None:
        return self.status_mib("VmHWM")

    def status_mib(self, field: str) -> float | None:
        """A memory figure of the app process from /proc (VmHWM: its peak resident set)."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def mark(self, label: str) -> None:
        """Note the app's resident memory and its peak after a step (`memory_steps`)."""
        self.marks.append((label, self.status_mib("VmRSS") or 0.0, self.status_mib("VmHWM") or 0.0))

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # orgtui releases its edit lock on SIGTERM
            deadline = time.perf_counter() + 10
            while self.proc.poll() is None and time.perf_counter() < deadline:
                try:
                    self._read(0.1)
                except RuntimeError:
                    break
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        os.close(self.master)


def unowned_duty(path: Path) -> tuple[str, str, str]:
    """The first unowned duty (what `n` goes to), and a position to give it: (duty title,
    target position id, target title)."""
    from orgtui.core.storage.orgfile import load_org

    org = load_org(path).org
    duty = next(d for d in org.catalog.duties if not org.owners(d))
    target = next(p for p in org.positions.values() if p.holders)
    return org.catalog.duties[duty].title, target.id, target.title


def cursor_key(term: Terminal, flip: list[int]) -> float:
    """The floor: a cursor key, Down and Up in turn so the cursor never sticks at an end."""
    flip[0] ^= 1
    return term.send(KEYS["down"] if flip[0] else KEYS["up"])


def session(path: Path, rounds: int, settle_after: float = 0.0) -> dict:
    title, target_id, target_title = unowned_duty(path)
    flip = [0]
    term = Terminal([PY, "-m", "orgtui", str(path)], ROOT)
    out: dict[str, list[float]] = {k: [] for k in ("down", "n", "m", "filter", "enter", "undo", "redo", "drop", "ctrl+s", "down_during_save")}

    def took(key: str, settled: float) -> None:
        """A key's time to its last byte, and beside it the time to its first frame."""
        out[key].append(settled)
        out.setdefault(f"{key} first", []).append(term.first_change)

    try:
        from orgtui.core.storage.orgfile import load_org

        org = load_org(path).org
        first = org.departments[org.subdepartments(None)[0]].name[:30]
        del org
        out["first_frame"] = [term.wait_for(first)]
        term.mark("first frame")
        time.sleep(GRACE)
        term.settle()
        term.mark("first frame + grace")
        for r in range(rounds):
            took("down", cursor_key(term, flip))
            took("n", term.send(b"n", expect=title[:20]))
            took("down", cursor_key(term, flip))
            term.send(b"n", expect=title[:20])  # back on the unowned duty (Down moved off it)
            term.mark(f"round {r + 1}: n, Down, n")
            took("m", term.send(b"m", expect="to position"))
            term.mark(f"round {r + 1}: m")
            for ch in target_id[:-1]:
                term.send(ch.encode())
            took("filter", term.send(target_id[-1].encode()))
            term.mark(f"round {r + 1}: filter typed")
            # the status line's "Assign … to <target>": the target's title alone is in the picker too
            took("enter", term.send(KEYS["enter"], expect=f" to {target_title}"[:24]))
            term.mark(f"round {r + 1}: Enter (move)")
            took("down", cursor_key(term, flip))
            took("undo", term.send(KEYS["ctrl+z"], expect="Undid"))
            term.mark(f"round {r + 1}: Down, ctrl+z")
            took("redo", term.send(KEYS["ctrl+y"], expect="Redid"))
            term.mark(f"round {r + 1}: ctrl+y")
            term.send(KEYS["ctrl+z"], expect="Undid")
            term.mark(f"round {r + 1}: ctrl+z")
            # the drop: the unowned duty's row in Roles (left half) onto a position row in
            # Departments (right half); `n` puts it on screen, though not at once when
            # other duties are unowned too (it goes to the next one); the status line,
            # which names the duty after the undo, is not the pane
            src = None
            for _ in range(8):
                term.send(b"n")
                src = term.find(title[:20], 0, COLS // 2, rows=ROWS - 2)
                if src is not None:
                    break
            dst = None
            for row in range(3, 20):
                line = term.screen.display[row][COLS // 2 :]
                if "├ ▶" in line or "└ ▶" in line or "├ ▼" in line or "└ ▼" in line:
                    dst = (COLS // 2 + line.index("▶" if "▶" in line else "▼") + 3, row)
                    break
            if src is not None and dst is not None:
                try:
                    took("drop", term.drag((src[0] + 2, src[1]), dst))
                    term.mark(f"round {r + 1}: drop")
                    term.send(KEYS["ctrl+z"], expect="Undid")
                    term.mark(f"round {r + 1}: ctrl+z")
                except RuntimeError:
                    # the app did not react to the SGR mouse reports written here (see
                    # README: drops are timed in-process); leave the drag state clean
                    os.write(term.master, b"\x1b")
                    term.settle(0.3)
            took("down", cursor_key(term, flip))
            term.mark(f"round {r + 1}: Down")
        # a save, and a key right behind it
        term.send(b"n", expect=title[:20])
        term.send(b"m", expect="to position")
        for ch in target_id:
            term.send(ch.encode())
        term.send(KEYS["enter"], expect=target_title[:20])
        term.settle()
        term.mark("before the save: m, Enter")
        t0 = time.perf_counter()
        os.write(term.master, KEYS["ctrl+s"])
        time.sleep(0.02)
        out["down_during_save"].append(cursor_key(term, flip))
        term.settle(0.3)
        out["ctrl+s"].append(time.perf_counter() - t0)
        term.mark("ctrl+s settled")
        if settle_after:
            time.sleep(settle_after)  # whatever still runs after the save (it is in a thread)
            term.settle()
            term.mark(f"{settle_after:.0f} s after the save")
        out["peak_rss_mib"] = [term.peak_rss_mib() or 0.0]
        out["memory_steps"] = [list(m) for m in term.marks]  # type: ignore[misc]
    finally:
        term.close()
    return out


def floor_open(path: Path) -> float:
    term = Terminal([PY, str(HERE / "minimal_app.py"), str(path)], ROOT)
    try:
        return term.wait_for("BENCH-READY")
    finally:
        term.close()


def summary(samples: list[float]) -> dict:
    return {"median": statistics.median(samples), "max": max(samples), "n": len(samples)} if samples else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=50000)
    parser.add_argument("--small", type=int, default=500, help="the size each key is compared with (default 500)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "keys_in_pty.json")
    parser.add_argument("--memory-steps", action="store_true",
                        help="print the app's VmRSS and VmHWM after each step of the session (they are always in --out)")
    parser.add_argument("--settle-after", type=float, default=3.0,
                        help="seconds the app is left after the save before its peak memory is read (default 3)")
    parser.add_argument("--only-big", action="store_true", help="skip the --small session (for memory steps)")
    args = parser.parse_args(argv)

    results: dict = {"people": args.people, "small": args.small, "rounds": args.rounds, "sizes": {}}
    generate.compile_package()
    with tempfile.TemporaryDirectory(prefix="orgtui-keys-") as tmp:
        # orgtui locks the file it opens (beside it) and keeps unsaved edits in the XDG
        # state folder: both stay inside this run
        os.environ["XDG_STATE_HOME"] = str(Path(tmp) / "state")
        for people in (args.people,) if args.only_big else (args.small, args.people):
            path = Path(tmp) / f"org{people}.toml"
            generate.write(people, path, seed=1)
            print(f"{people} people: floor open…", file=sys.stderr, flush=True)
            floors = [floor_open(path) for _ in range(2)]
            print(f"{people} people: session…", file=sys.stderr, flush=True)
            got = session(path, args.rounds, args.settle_after)
            steps = got.pop("memory_steps")
            results["sizes"][people] = {
                "open_floor": summary(floors),
                **{k: summary(v) for k, v in got.items()},
                "memory_steps": steps,
            }
    results["load_average"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    if args.memory_steps:
        for people, got in results["sizes"].items():
            print_memory_steps(people, got["memory_steps"])
    if not args.only_big:
        print_table(results)
    print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in results['load_average'])}")
    return 0


def print_memory_steps(people: int, steps: list) -> None:
    """Each step of the session with the app's resident memory and its peak so far; the
    steps that raised the peak are marked with how much."""
    print(f"\n{people:,} people: memory after each step (MiB)")
    print("| step | VmRSS | VmHWM | peak raised by |")
    print("|---|---|---|---|")
    before = 0.0
    for label, rss, hwm in steps:
        raised = f"+{hwm - before:.0f}" if hwm - before >= 1 else ""
        print(f"| {label} | {rss:.0f} | {hwm:.0f} | {raised} |")
        before = hwm


def ms(x: float | None) -> str:
    return "—" if x is None else (f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s")


KEY_ROWS = [
    ("`n` next unowned", "n"),
    ("`m` (picker opens)", "m"),
    ("a filter letter in the picker", "filter"),
    ("Enter in the picker → move on screen", "enter"),
    ("ctrl+z", "undo"),
    ("ctrl+y", "redo"),
    ("a drop (mouse release → move on screen)", "drop"),
]


def print_table(results: dict) -> None:
    small, big = results["sizes"][results["small"]], results["sizes"][results["people"]]

    def header() -> None:
        print(f"| | {results['small']:,} people (median / max) | {results['people']:,} people (median / max) | ratio to {results['small']:,} | ratio to Down |")
        print("|---|---|---|---|---|")

    def row(label: str, key: str, down: str = "down") -> None:
        a, b = small.get(key) or {}, big.get(key) or {}
        if not b:
            return
        ratio_small = b["median"] / a["median"] if a else None
        ratio_down = b["median"] / big[down]["median"] if key != down else None
        print(f"| {label} | {ms(a.get('median'))} / {ms(a.get('max'))} | {ms(b['median'])} / {ms(b['max'])} | "
              f"{'' if ratio_small is None else f'{ratio_small:.2f}×'} | {'' if ratio_down is None else f'{ratio_down:.2f}×'} |")

    header()
    row("open → first frame with data", "first_frame")
    row("floor: bare Textual app + tomli parse", "open_floor")
    row("`Down` (the floor for keys)", "down")
    for label, key in KEY_ROWS:
        row(label, key)
    row("`Down` right after ctrl+s", "down_during_save")
    row("ctrl+s → settled", "ctrl+s")
    a, b = small.get("peak_rss_mib", {}), big.get("peak_rss_mib", {})
    if b:
        print(f"| peak memory (VmHWM) | {a.get('max', 0):.0f} MiB | {b['max']:.0f} MiB | | |")
    fa, fb = small["first_frame"]["median"], big["first_frame"]["median"]
    print(f"\nopen ÷ floor: {fa / small['open_floor']['median']:.2f}× at {results['small']:,}, "
          f"{fb / big['open_floor']['median']:.2f}× at {results['people']:,}")
    if "down first" in big:
        print("\nThe same keys to the frame that first showed their answer (the expected text; a filter")
        print("letter and Down: their first bytes). The table above waits for the last byte, so a key's")
        print("later frames (the picker's scrollbar, the footer 30-60 ms on) count there, not here:\n")
        header()
        row("`Down` (the floor for keys)", "down first", "down first")
        for label, key in KEY_ROWS:
            row(label, f"{key} first", "down first")


if __name__ == "__main__":
    raise SystemExit(main())
