"""What one cursor move in Departments costs in a large org (the footer follows the row).

    .venv/bin/python benchmarks/generate.py --people 5000 -o /tmp/org5000.toml
    .venv/bin/python benchmarks/cursor_moves.py /tmp/org5000.toml [--moves 200]

Presses `down` through Pilot and prints the mean time per move, waiting for each screen
update; the footer is recomposed only when the keys that apply change (app.refresh_applying).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path


async def mean_move_ms(path: Path, moves: int) -> float:
    from orgtui.core.storage.session import Workspace
    from orgtui.ui.app import OrgApp

    app = OrgApp(Workspace.open(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.departments.focus()
        await pilot.pause()
        start = time.perf_counter()
        for _ in range(moves):
            await pilot.press("down")
        await pilot.pause()
        return (time.perf_counter() - start) / moves * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("org", type=Path)
    parser.add_argument("--moves", type=int, default=200)
    args = parser.parse_args()
    import os

    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="orgtui-bench-state-")  # no recovery offer
    print(f"{asyncio.run(mean_move_ms(args.org, args.moves)):.1f} ms per cursor move in Departments")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
