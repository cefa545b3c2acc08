"""What the reporting view costs in a large org: `v`, and a manager change shown in it.

    .venv/bin/python benchmarks/reporting_view.py --people 50000 [--edits 20]

Generates the synthetic org (generate.py), gives it reporting lines (every position of a
department reports to the department's first position, which reports to the first
position of the parent department; the first department's first position is the top),
then in the app: the time of `v` (the one full index of the new view), and per edit the
time of a manager change and of its undo in that view, the rows the edit patched and
the rows the pane holds. An edit patches the old and the new manager's rows only.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from dataclasses import replace


def with_reporting_lines(org):
    from orgtui.core.domain.org import Org

    first_of: dict[str, str] = {}
    for pos in org.positions.values():
        first_of.setdefault(pos.department, pos.id)
    top = next(iter(org.positions))
    positions = []
    for pos in org.positions.values():
        head = first_of[pos.department]
        if pos.id != head:
            manager = head
        else:
            parent = org.departments[pos.department].parent
            while parent is not None and parent not in first_of:
                parent = org.departments[parent].parent
            manager = first_of[parent] if parent is not None else (None if pos.id == top else top)
        positions.append(replace(pos, reports_to=manager))
    return Org(org.info, org.catalog, org.departments.values(), org.people.values(), positions, org.catalog_ref)


async def measure(people: int, edits: int) -> dict[str, float]:
    from generate import generate

    from orgtui.core.domain import edits as E
    from orgtui.core.storage.session import Workspace
    from orgtui.ui.app import OrgApp

    org = with_reporting_lines(generate(people))
    app = OrgApp(Workspace(org))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = app.departments
        start = time.perf_counter()
        await pilot.press("v")
        await pilot.pause()
        toggle = time.perf_counter() - start
        heads = [*org.top_positions(), *org.reports_of(org.top_positions()[0])[: edits + 1]]
        movers = [p for p in org.positions if org.positions[p].reports_to not in (None, *heads)][:edits]

        async def edits_ms() -> tuple[float, float]:
            edit_ms, undo_ms = [], []
            for i, mover in enumerate(movers):
                target = heads[1 + i % (len(heads) - 1)]
                start = time.perf_counter()
                app.edit(E.SetManager(mover, target))
                await pilot.pause()
                edit_ms.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                app.action_undo()
                await pilot.pause()
                undo_ms.append((time.perf_counter() - start) * 1000)
            return statistics.median(edit_ms), statistics.median(undo_ms)

        pane.expand_key(("position", heads[0], None))  # the top's reports on screen
        await pilot.pause()
        rows = pane.line_count
        by_line = await edits_ms()
        await pilot.press("v")
        await pilot.pause()
        by_department = await edits_ms()
        return {
            "positions": len(org.positions),
            "rows in the reporting view": rows,
            "v (ms)": toggle * 1000,
            "manager change by reporting line, median (ms)": by_line[0],
            "its undo, median (ms)": by_line[1],
            "the same by department (the floor), median (ms)": by_department[0],
            "its undo, median (ms) ": by_department[1],
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50000)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    for name, value in asyncio.run(measure(args.people, args.edits)).items():
        print(f"{name:45} {value:10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
