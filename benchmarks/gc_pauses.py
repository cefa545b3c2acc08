"""Garbage-collector pauses inside keys at scale, measured in the real app (headless).

    .venv/bin/python benchmarks/gc_pauses.py --people 50000 --edits 20

Opens a generated org in OrgApp, then does what a user does for a while (cursor keys,
moves through the history, undo, redo) and records every collection the interpreter
runs meanwhile (`gc.callbacks`): its generation and how long it took. After the panes
are built the app freezes what lives as long as the org (`gc.freeze()` in
`OrgApp.rebuild`), so a full collection has little left to walk.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

from orgtui.core.domain.edits import MoveDuty  # noqa: E402
from orgtui.core.storage.session import Workspace  # noqa: E402
from orgtui.ui.app import OrgApp  # noqa: E402


async def session(people: int, edits: int) -> dict:
    org = generate.generate(people)
    app = OrgApp(Workspace(org))
    pauses: list[tuple[int, float]] = []
    started: dict[str, float] = {}

    def watch(phase: str, info: dict) -> None:
        if phase == "start":
            started["t"] = time.perf_counter()
        elif "t" in started:
            pauses.append((info["generation"], time.perf_counter() - started.pop("t")))

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0)
        tracked_after_open = len(gc.get_objects())
        gc.callbacks.append(watch)
        try:
            keys: list[float] = []
            dept = next(d for d in org.departments if len(org.positions_in(d)) >= 2)
            src, dst = org.positions_in(dept)[:2]
            duties = [d for d in org.positions[src].duties if d not in org.positions[dst].duties]
            for i in range(edits):
                for key in ("down", "down", "up"):
                    t = time.perf_counter()
                    app.simulate_key(key)
                    await pilot.pause(0)
                    keys.append(time.perf_counter() - t)
                duty = duties[i % len(duties)]
                t = time.perf_counter()
                app.edit(MoveDuty(duty, src, dst))
                await pilot.pause(0)
                keys.append(time.perf_counter() - t)
                for key in ("ctrl+z", "ctrl+y", "ctrl+z"):
                    t = time.perf_counter()
                    app.simulate_key(key)
                    await pilot.pause(0)
                    keys.append(time.perf_counter() - t)
        finally:
            gc.callbacks.remove(watch)
        full = [p for g, p in pauses if g == 2]
        return {
            "tracked_objects_after_open": tracked_after_open,
            "frozen": gc.get_freeze_count(),
            "collections": len(pauses),
            "full_collections": len(full),
            "longest_pause_ms": max((p for _, p in pauses), default=0) * 1000,
            "longest_full_ms": max(full, default=0) * 1000,
            "keys": len(keys),
            "key_median_ms": statistics.median(keys) * 1000,
            "key_max_ms": max(keys) * 1000,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=50000)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    result = asyncio.run(session(args.people, args.edits))
    for k, v in result.items():
        print(f"{k}: {v:.1f}" if isinstance(v, float) else f"{k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
