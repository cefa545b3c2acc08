"""The in-app part of the benchmarks: one process, one org, the real OrgApp.

    .venv/bin/python benchmarks/driver.py ORG.toml [--reps 20] [--save-reps 7] [--profile DIR]

Prints one JSON object on stdout (run.py starts this as a subprocess, once per run):

- `move` / `undo` / `noop` / `toggle`: seconds, one entry per repetition. A move is
  `app.edit(MoveDuty(duty, a, b))` queued on the app's message loop (exactly what a drop
  or a keyboard move ends in), an undo is the `ctrl+z` key, a no-op is the `f9` key (bound
  to nothing). Each is followed by `settle()`: every queued message handled and the
  screen's compositor refreshed (twice, to catch what the first update posts), so the
  time covers "all panes and Problems updated on screen". No-ops are interleaved with
  the moves and undos so the machine's drift hits both the same way. `toggle` (space on
  the source position: collapse, expand) is for reference: Textual's own price for a
  change of a tree's shape, which every move pays.
- `save` / `save_floor`: `Workspace.save` (atomic, fsynced) against
  `tomli_w.dumps(to_data(org))` + write + fsync, interleaved.
- `recovery`: `Workspace.keep_unsaved()` with one unsaved edit: what the app runs on its
  UI thread a second after every edit (the whole org serialised to a recovery file). The
  app's timer for it is stopped between measurements so it never lands inside one.
- `rss_*_mib`: `ru_maxrss` (peak resident memory of this process) at several points.
- `open`: an in-process breakdown of opening the org (load, validator, first frame).

Nothing here changes product code: the app is driven only through `App.run_test`.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

# Recovery files (written a second after each edit) go to a folder of this run, never to
# the user's own state folder.
_STATE = tempfile.TemporaryDirectory(prefix="orgtui-bench-state-")
os.environ["XDG_STATE_HOME"] = _STATE.name

import tomli_w  # noqa: E402

from orgtui.core.domain.edits import MoveDuty  # noqa: E402
from orgtui.core.domain.org import Org  # noqa: E402
from orgtui.core.domain.validator import Validator  # noqa: E402
from orgtui.core.storage.orgfile import load_org, to_data  # noqa: E402
from orgtui.core.storage.session import Workspace  # noqa: E402
from orgtui.ui.app import OrgApp  # noqa: E402

NOOP_KEY = "f9"  # bound to nothing in the app or in Textual
SIZE = (120, 40)  # the same terminal size run.py gives the cold starts


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


async def settle(pilot) -> None:
    """Handle every queued message and refresh the screen now, twice (no idle sleeps)."""
    await pilot.pause(0)
    await pilot.pause(0)


def pick_moves(org: Org, n: int, seed: int = 1) -> list[tuple[str, str, str]]:
    """(duty, source, target): a duty dragged between two positions of one department."""
    rng = random.Random(seed)
    candidates = []
    for dept in org.departments:
        positions = [p for p in org.positions_in(dept) if org.positions[p].duties]
        if len(positions) >= 2:
            candidates.append(positions)
    if not candidates:
        raise SystemExit("the org has no department with two positions that own duties")
    out = []
    while len(out) < n:
        src, dst = rng.sample(rng.choice(candidates), 2)
        free = [d for d in org.positions[src].duties if d not in org.positions[dst].duties]
        if free:
            out.append((rng.choice(free), src, dst))
    return out


def problems_rows(app: OrgApp) -> int | None:
    """Rows in the Problems pane, whatever widget it is built on (it has been both)."""
    pane = app.problems
    if hasattr(pane, "line_count"):
        return pane.line_count
    if hasattr(pane, "option_count"):
        return pane.option_count
    if hasattr(pane, "findings_shown"):
        return len(pane.findings_shown)
    return None


def hold_recovery(app: OrgApp) -> None:
    """Stop the app's pending "keep unsaved edits" timer (it fires 1 s after an edit).

    Its work (serialising the whole org to the recovery file) is not part of a move being
    shown; left alone it would land inside a later measurement. It is timed on its own
    instead (`recovery`). Called only between measurements.
    """
    timer = getattr(app, "recovery_timer", None)
    if timer is not None:
        timer.stop()
        app.recovery_timer = None


def rows_shown(app: OrgApp) -> int:
    return app.departments.line_count


async def session(path: Path, reps: int, profile_dir: Path | None) -> tuple[dict, Workspace]:
    result: dict = {"org": str(path), "reps": reps}
    result["rss_imports_mib"] = maxrss_mib()

    t0 = time.perf_counter()
    loaded = load_org(path)
    t1 = time.perf_counter()
    validator = Validator(loaded.org)
    t2 = time.perf_counter()
    del validator
    ws = Workspace.open(path)  # what the app really does (load + validator)
    t3 = time.perf_counter()
    app = OrgApp(ws)
    prof = cProfile.Profile() if profile_dir else None
    async with app.run_test(headless=True, size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        t4 = time.perf_counter()
        if rows_shown(app) == 0:
            raise SystemExit("the Departments pane shows no rows")
        result["open"] = {
            "load_org": t1 - t0,
            "validator": t2 - t1,
            "workspace_open": t3 - t2,
            "app_to_first_frame": t4 - t3,
            "departments_rows": app.departments.line_count,
            "people_rows": app.people.line_count,
            "problems_rows": problems_rows(app),
            "findings": len(ws.validator.findings()),
        }
        result["rss_open_mib"] = maxrss_mib()

        moves = pick_moves(ws.org, reps + 1)
        timings: dict[str, list[float]] = {"noop": [], "move": [], "undo": [], "toggle": []}
        for i, (duty, src, dst) in enumerate(moves):
            warmup = i == 0
            # as a user would have them: both positions open, the source on screen
            for pos in (src, dst):
                app.departments.expand_key(("position", pos, None))
            app.departments.select_key(("position", src, None))
            app.clear_notifications()
            await settle(pilot)

            t = time.perf_counter()
            app.simulate_key(NOOP_KEY)
            await settle(pilot)
            noop1 = time.perf_counter() - t

            if prof and not warmup:
                prof.enable()
            t = time.perf_counter()
            app.call_later(app.edit, MoveDuty(duty, src, dst))
            await settle(pilot)
            move = time.perf_counter() - t
            if prof:
                prof.disable()
            hold_recovery(app)
            if warmup and hasattr(ws, "keep_unsaved"):
                t = time.perf_counter()
                ws.keep_unsaved()  # what the app does 1 s after each edit, on its UI thread
                result["recovery"] = time.perf_counter() - t
            if ("duty", duty, dst) not in app.departments or ("duty", duty, src) in app.departments:
                raise SystemExit(f"the move of {duty} from {src} to {dst} is not on screen")

            app.clear_notifications()
            await settle(pilot)
            t = time.perf_counter()
            app.simulate_key(NOOP_KEY)
            await settle(pilot)
            noop2 = time.perf_counter() - t

            if prof and not warmup:
                prof.enable()
            t = time.perf_counter()
            app.simulate_key("ctrl+z")
            await settle(pilot)
            undo = time.perf_counter() - t
            if prof:
                prof.disable()
            hold_recovery(app)
            if ("duty", duty, src) not in app.departments or ("duty", duty, dst) in app.departments:
                raise SystemExit(f"the undo of moving {duty} is not on screen")
            app.clear_notifications()

            # For reference, not a target: what Textual itself charges for a change of the
            # tree's shape (collapse and expand the source position with the space key);
            # a move adds and removes rows, so it cannot be cheaper than this.
            app.departments.select_key(("position", src, None))
            await settle(pilot)
            toggles = []
            if app.departments.cursor_ref == ("position", src, None):
                for _ in range(2):
                    t = time.perf_counter()
                    app.simulate_key("space")
                    await settle(pilot)
                    toggles.append(time.perf_counter() - t)
            if not warmup:
                timings["noop"] += [noop1, noop2]
                timings["move"].append(move)
                timings["undo"].append(undo)
                timings["toggle"] += toggles
        result.update(timings)
        result["rss_session_mib"] = maxrss_mib()
        if ws.dirty:
            raise SystemExit("the org is dirty after undoing every move")
    if prof:
        prof.dump_stats(str(profile_dir / "move_undo.prof"))
    return result, ws


def time_saves(ws: Workspace, reps: int, profile_dir: Path | None) -> dict:
    saves, floors = [], []
    with tempfile.TemporaryDirectory(prefix="orgtui-bench-save-") as tmp:
        target = Path(tmp) / "org.toml"
        plain = Path(tmp) / "plain.toml"
        prof = cProfile.Profile() if profile_dir else None
        for _ in range(reps + 1):  # the first of each is a warm-up
            t = time.perf_counter()
            data = tomli_w.dumps(to_data(ws.org)).encode("utf-8")
            with open(plain, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            floors.append(time.perf_counter() - t)
            if prof:
                prof.enable()
            t = time.perf_counter()
            ws.save(target)
            saves.append(time.perf_counter() - t)
            if prof:
                prof.disable()
        if prof:
            prof.dump_stats(str(profile_dir / "save.prof"))
        check = load_org(target)
        if len(check.org.positions) != len(ws.org.positions):
            raise SystemExit("the saved org does not read back")
    return {"save": saves[1:], "save_floor": floors[1:]}


def profile_open(path: Path, profile_dir: Path) -> None:
    """cProfile of opening the org up to the first frame, in this (warm) process."""

    async def go() -> None:
        prof = cProfile.Profile()
        prof.enable()
        app = OrgApp(Workspace.open(path))
        async with app.run_test(headless=True, size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            prof.disable()
        prof.dump_stats(str(profile_dir / "open.prof"))

    asyncio.run(go())


def main() -> int:
    parser = argparse.ArgumentParser(description="in-app benchmark session (see run.py)")
    parser.add_argument("org", type=Path)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--save-reps", type=int, default=7)
    parser.add_argument("--profile", type=Path, default=None, help="write cProfile stats to this folder")
    args = parser.parse_args()
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    result, ws = asyncio.run(session(args.org, args.reps, args.profile))
    result.update(time_saves(ws, args.save_reps, args.profile))
    result["rss_end_mib"] = maxrss_mib()
    if args.profile:
        profile_open(args.org, args.profile)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
