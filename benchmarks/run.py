"""Run every benchmark headless and print medians, each next to its floor, as a ratio.

    .venv/bin/python benchmarks/run.py              # 5 runs, the 5,000-person org (~2 min)
    .venv/bin/python benchmarks/run.py --runs 9     # more runs, steadier medians
    .venv/bin/python benchmarks/run.py --quick      # smoke run: 50 people, 1 run, few reps
    .venv/bin/python benchmarks/run.py --profile    # also write cProfile stats (see README)
    .venv/bin/python benchmarks/run.py --people 50000   # keys as users feel them, 500 vs 50,000 (keys_in_pty.py)

This machine's speed drifts (up to 2x between minutes), so no figure is judged alone:
each is divided by a floor measured in the same run, right next to it, and the table
shows the medians over the runs and the median of the per-run ratios. See README.md for
what each figure means and how it is measured. Results go to benchmarks/results/ (git-
ignored): latest.json (quick.json for --quick) unless --out says otherwise.
"""

from __future__ import annotations

import argparse
import codecs
import fcntl
import json
import os
import platform
import pty
import re
import select
import shutil
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

SAMPLE = ROOT / "sample_orgs" / "online-retailer.toml"
RESULTS = HERE / "results"
PY = sys.executable
TERMINAL = (120, 40)  # columns, rows of the pseudo-terminal the apps start in
MINIMAL_MARKER = "BENCH-READY"
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])")

TARGETS = {
    # key: (label, floor label, ratio target, absolute target, unit)
    "cold_start_sample": ("cold start, 40-person sample → first frame with data", "minimal Textual app", 1.25, None, "s"),
    "cold_open_big": ("cold open, {people}-person org → first frame with data", "minimal app + TOML parse", 1.5, 2.0, "s"),
    "move": ("move a duty → all panes + Problems on screen", "no-op key press", 1.5, None, "s"),
    "undo": ("undo that move", "no-op key press", 1.5, None, "s"),
    "save": ("save (atomic, fsynced)", "tomli-w dumps + write + fsync", 1.3, None, "s"),
    "peak_memory": ("peak memory, {people}-person org open", "—", None, 150.0, "MiB"),
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- cold starts in a pseudo-terminal ---------------------------------------------------------


def time_to_marker(argv: list[str], marker: str, timeout: float = 60.0, quit_keys: bytes | None = None) -> float:
    """Seconds from spawning `argv` in a fresh pseudo-terminal until `marker` is on it.

    The process is the real thing (`python -m orgtui FILE`, with Textual's terminal driver):
    everything from fork/exec through imports, loading, layout and rendering to the bytes
    reaching the terminal counts. Escape sequences are stripped before looking for the
    marker, so styling inside it does not hide it. Afterwards the process gets SIGTERM (on
    which orgtui releases its edit lock), SIGKILL if it lingers; with `quit_keys` it is
    first sent those keys and given 30 s to end by itself.
    """
    master, slave = pty.openpty()
    cols, rows = TERMINAL
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
    for key in ("TEXTUAL", "TEXTUAL_DRIVER", "NO_COLOR"):
        env.pop(key, None)
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    text = ""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, start_new_session=True)
    os.close(slave)
    try:
        deadline = t0 + timeout
        while True:
            left = deadline - time.perf_counter()
            ready, _, _ = select.select([master], [], [], max(0.0, left))
            if not ready:
                raise RuntimeError(f"{' '.join(argv)}: no {marker!r} on the terminal after {timeout:.0f} s:\n{_tail(text)}")
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                chunk = b""  # EIO: the child closed the terminal (it exited)
            if not chunk:
                raise RuntimeError(f"{' '.join(argv)} exited (status {proc.wait()}) before showing {marker!r}:\n{_tail(text)}")
            now = time.perf_counter()
            text += decoder.decode(chunk)
            if marker in _ANSI.sub("", text):
                if quit_keys:
                    os.write(master, quit_keys)
                    _drain(master, proc, 30.0)
                return now - t0
    finally:
        if proc.poll() is None:
            # SIGTERM first: orgtui then releases its edit lock and exits by itself
            proc.terminate()
            _drain(master, proc, 10.0)
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(master)


def _drain(master: int, proc: subprocess.Popen, timeout: float) -> None:
    """Read (and drop) the terminal until the process ends, so it never blocks writing."""
    deadline = time.perf_counter() + timeout
    while proc.poll() is None and time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                if not os.read(master, 1 << 16):
                    break
            except OSError:
                break
    try:
        proc.wait(timeout=max(0.0, deadline - time.perf_counter()))
    except subprocess.TimeoutExpired:
        pass


def _tail(text: str) -> str:
    return _ANSI.sub("", text)[-1500:]


def profile_cold_open(org: Path, sample: Path, where: Path) -> None:
    """cProfile of a whole cold `python -m orgtui ORG` (imports included) up to the first frame."""
    where.mkdir(parents=True, exist_ok=True)
    for name, argv_tail, marker in (
        ("cold_open.prof", [str(org)], first_department_name(org)),
        ("cold_start_sample.prof", [str(sample)], first_department_name(sample)),
    ):
        # The profile is written when the process ends, so let it quit normally (ctrl+q)
        # instead of killing it: run it to the marker, then send the quit key.
        argv = [PY, "-m", "cProfile", "-o", str(where / name), "-m", "orgtui", *argv_tail]
        time_to_marker(argv, marker, quit_keys=b"\x11")


def first_department_name(path: Path) -> str:
    """What the first row of the Departments pane shows: proof that data is on screen."""
    from orgtui.core.storage.orgfile import load_org

    org = load_org(path).org
    top = org.subdepartments(None)
    if not top:
        raise SystemExit(f"{path} has no department to look for on screen")
    name = org.departments[top[0]].name
    return name[:30]  # the pane may cut a long name short


# -- one run ------------------------------------------------------------------------------------


def one_run(index: int, big: Path, big_marker: str, sample: Path, sample_marker: str, args: argparse.Namespace) -> dict:
    out: dict = {}
    pairs = {
        "cold_start_sample": (
            [PY, str(HERE / "minimal_app.py")], MINIMAL_MARKER,
            [PY, "-m", "orgtui", str(sample)], sample_marker,
        ),
        "cold_open_big": (
            [PY, str(HERE / "minimal_app.py"), str(big)], MINIMAL_MARKER,
            [PY, "-m", "orgtui", str(big)], big_marker,
        ),
    }
    for key, (floor_argv, floor_marker, argv, marker) in pairs.items():
        # ABBA: alternate which of the two goes first, so a drift within a run evens out
        if index % 2 == 0:
            floor = time_to_marker(floor_argv, floor_marker)
            value = time_to_marker(argv, marker)
        else:
            value = time_to_marker(argv, marker)
            floor = time_to_marker(floor_argv, floor_marker)
        out[key] = (value, floor)

    session = run_driver(big, args.reps, args.save_reps)
    noop = statistics.median(session["noop"])
    out["move"] = (statistics.median(session["move"]), noop)
    out["undo"] = (statistics.median(session["undo"]), noop)
    out["save"] = (statistics.median(session["save"]), statistics.median(session["save_floor"]))
    out["peak_memory"] = (session["rss_session_mib"], None)
    out["_session"] = session
    return out


def run_driver(big: Path, reps: int, save_reps: int, profile: Path | None = None) -> dict:
    cmd = [PY, str(HERE / "driver.py"), str(big), "--reps", str(reps), "--save-reps", str(save_reps)]
    if profile is not None:
        cmd += ["--profile", str(profile)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"driver failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the whole thing ----------------------------------------------------------------------------


def summarise(runs: list[dict], people: int) -> dict:
    figures = {}
    for key, (label, floor_label, ratio_target, abs_target, unit) in TARGETS.items():
        values = [r[key][0] for r in runs]
        floors = [r[key][1] for r in runs if r[key][1] is not None]
        ratios = [r[key][0] / r[key][1] for r in runs if r[key][1]]
        entry = {
            "label": label.format(people=f"{people:,}"),
            "floor_label": floor_label,
            "unit": unit,
            "values": values,
            "floors": floors,
            "ratios": ratios,
            "median": statistics.median(values),
            "floor_median": statistics.median(floors) if floors else None,
            "ratio": statistics.median(ratios) if ratios else None,
            "target_ratio": ratio_target,
            "target_abs": abs_target,
        }
        misses = []
        if ratio_target is not None and entry["ratio"] > ratio_target:
            misses.append(f"ratio {entry['ratio']:.2f} > {ratio_target} (+{(entry['ratio'] / ratio_target - 1) * 100:.0f}%)")
        if abs_target is not None and entry["median"] > abs_target:
            misses.append(f"{entry['median']:.2f} {unit} > {abs_target:g} {unit} (+{(entry['median'] / abs_target - 1) * 100:.0f}%)")
        entry["met"] = not misses
        entry["misses"] = misses
        figures[key] = entry
    return figures


def details(runs: list[dict]) -> dict:
    """Medians of the driver's breakdown (where the time of an open goes, memory points)."""
    sessions = [r["_session"] for r in runs]
    med = statistics.median
    return {
        "open_in_process_s": {k: med(s["open"][k] for s in sessions) for k in ("load_org", "validator", "workspace_open", "app_to_first_frame")},
        "rows": {k: sessions[0]["open"].get(k) for k in ("departments_rows", "people_rows", "problems_rows", "findings")},
        "rss_mib": {k: med(s[k] for s in sessions) for k in ("rss_imports_mib", "rss_open_mib", "rss_session_mib", "rss_end_mib")},
        "move_s": {"min": min(min(s["move"]) for s in sessions), "max": max(max(s["move"]) for s in sessions)},
        "noop_s": {"min": min(min(s["noop"]) for s in sessions), "max": max(max(s["noop"]) for s in sessions)},
        "toggle_median_s": med(med(s["toggle"]) for s in sessions if s["toggle"]) if any(s["toggle"] for s in sessions) else None,
        "recovery_write_s": med(s["recovery"] for s in sessions) if all("recovery" in s for s in sessions) else None,
    }


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:.1f} {unit}"


def table(figures: dict) -> str:
    head = ("figure", "median", "floor", "ratio", "target", "result")
    rows = []
    for f in figures.values():
        target = []
        if f["target_ratio"] is not None:
            target.append(f"≤ {f['target_ratio']:g}×")
        if f["target_abs"] is not None:
            target.append(f"≤ {f['target_abs']:g} {f['unit']}")
        rows.append((
            f["label"],
            fmt(f["median"], f["unit"]),
            fmt(f["floor_median"], f["unit"]),
            f"{f['ratio']:.2f}×" if f["ratio"] is not None else "—",
            ", ".join(target),
            "ok" if f["met"] else "MISSED: " + "; ".join(f["misses"]),
        ))
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=None, help="runs to take the median over (default 5; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="tiny smoke run: 50 people, 1 run, 3 reps")
    parser.add_argument("--people", type=int, default=None, help="size of the big org (default 5000; 50 with --quick)")
    parser.add_argument("--reps", type=int, default=None, help="moves/undos per run (default 20; 3 with --quick)")
    parser.add_argument("--save-reps", type=int, default=None, help="saves per run (default 7; 2 with --quick)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="after the runs, write cProfile stats of an extra session to results/profiles/")
    parser.add_argument("--out", type=Path, default=None, help="JSON output (default results/latest.json, quick.json)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed (default: report only)")
    parser.add_argument("--keys", action="store_true",
                        help="keys as users feel them (keys_in_pty.py): the app in a pseudo-terminal, 500 vs --people; "
                             "the default from --people 20000 up")
    args = parser.parse_args(argv)
    if args.keys or (args.people or 0) >= 20000:
        import keys_in_pty

        return keys_in_pty.main(["--people", str(args.people or 50000), "--rounds", str(args.runs or 5)]
                                + (["--out", str(args.out)] if args.out else []))
    quick = args.quick
    args.runs = args.runs or (1 if quick else 5)
    args.people = args.people or (50 if quick else 5000)
    args.reps = args.reps or (3 if quick else 20)
    args.save_reps = args.save_reps or (2 if quick else 7)
    out_path = args.out or RESULTS / ("quick.json" if quick else "latest.json")

    generate.compile_package()
    with tempfile.TemporaryDirectory(prefix="orgtui-bench-") as tmp:
        # orgtui locks the file it opens (a lock file beside it) and keeps unsaved edits in
        # the XDG state folder: open copies, and keep that folder inside this run too.
        os.environ["XDG_STATE_HOME"] = str(Path(tmp) / "state")
        sample = Path(tmp) / SAMPLE.name
        shutil.copyfile(SAMPLE, sample)
        big = Path(tmp) / f"org{args.people}.toml"
        counts = generate.write(args.people, big, args.seed)
        log(f"generated {big.name}: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
        big_marker = first_department_name(big)
        sample_marker = first_department_name(sample)

        log("warming up (compiled bytecode, page cache)…")
        time_to_marker([PY, str(HERE / "minimal_app.py"), str(big)], MINIMAL_MARKER)
        time_to_marker([PY, "-m", "orgtui", str(sample)], sample_marker)

        runs = []
        for i in range(args.runs):
            t = time.perf_counter()
            runs.append(one_run(i, big, big_marker, sample, sample_marker, args))
            r = runs[-1]
            log(
                f"run {i + 1}/{args.runs} ({time.perf_counter() - t:.0f} s): "
                + ", ".join(f"{k} {r[k][0]:.4g}/{r[k][1]:.4g}" if r[k][1] else f"{k} {r[k][0]:.4g}" for k in TARGETS)
            )

        if args.profile:  # an extra session, never one of the measured runs (cProfile slows it)
            where = RESULTS / "profiles"
            log(f"profiling an extra session into {where}…")
            run_driver(big, max(3, args.reps // 4), max(2, args.save_reps // 2), profile=where)
            profile_cold_open(big, sample, where)

    figures = summarise(runs, args.people)
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "textual": _version("textual"),
        },
        "params": {"runs": args.runs, "people": args.people, "reps": args.reps, "save_reps": args.save_reps,
                   "seed": args.seed, "quick": quick, "terminal": list(TERMINAL)},
        "code": code_state(),
        "org": counts,
        "figures": figures,
        "details": details(runs),
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(figures))
    d = result["details"]
    print(f"\nmedians over {args.runs} run(s); ratio = median of the per-run ratios. JSON: {out_path}")
    print(
        "for reference: open in-process " + ", ".join(f"{k} {fmt(v, 's')}" for k, v in d["open_in_process_s"].items())
        + f"; tree collapse/expand {fmt(d['toggle_median_s'], 's')}"
        + f"; recovery write 1 s after an edit {fmt(d['recovery_write_s'], 's')}"
    )
    missed = [k for k, f in figures.items() if not f["met"]]
    if missed:
        print(f"targets missed: {', '.join(missed)}")
    return 1 if missed and args.strict else 0


def code_state() -> dict:
    """Which product code was measured: the commit and the files changed since (read-only git)."""

    def git(*cmd: str) -> str:
        try:
            return subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.rstrip("\n")
        except (OSError, subprocess.SubprocessError):
            return ""

    changed = [line[3:] for line in git("status", "--porcelain", "--", "src").splitlines()]
    return {"commit": git("rev-parse", "--short", "HEAD"), "src_changed": changed}


def _version(name: str) -> str:
    from importlib.metadata import version

    try:
        return version(name)
    except Exception:  # pragma: no cover
        return "?"


if __name__ == "__main__":
    sys.exit(main())
