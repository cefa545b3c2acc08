"""What the user sees, pinned as SVG snapshots: the main screen small and large, and a drag.

`snap_compare` runs the app itself, so these are plain `def` tests. To accept an
intended change of the look: `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp

SAMPLE = Path(__file__).resolve().parent.parent / "sample_orgs" / "online-retailer.toml"
FEEDBACK = ("duty", "customer_service_manager.customer_input", None)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of the sample: its lock and recovery files are this test's own, so
    the sample being open in orgtui elsewhere (or a recovery file of it) changes nothing.
    (conftest points XDG_STATE_HOME at a fresh folder for every test.)"""
    path = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, path)
    return path


def make_app(path: Path) -> OrgApp:
    return OrgApp(Workspace.open(path))


def test_main_screen_at_80x24(snap_compare, sample: Path) -> None:
    assert snap_compare(make_app(sample), terminal_size=(80, 24))


def test_main_screen_at_160x48(snap_compare, sample: Path) -> None:
    assert snap_compare(make_app(sample), terminal_size=(160, 48))


def test_drag_in_progress_shows_what_the_drop_would_do(snap_compare, sample: Path) -> None:
    async def start_drag(pilot) -> None:
        app = pilot.app
        await pilot.pause()
        line = app.roles.line_of(FEEDBACK)
        app.roles.scroll_to(y=max(0, line - 1), animate=False, immediate=True)
        await pilot.pause()
        y = line - int(app.roles.scroll_offset.y) + 1
        target = app.departments.line_of(("position", "head_of_service", None))
        app.departments.scroll_to(y=max(0, target - 1), animate=False, immediate=True)
        await pilot.pause()
        ty = target - int(app.departments.scroll_offset.y) + 1
        await pilot.mouse_down(app.roles, offset=(6, y))
        await pilot.hover(app.departments, offset=(8, ty))
        await pilot.pause()

    assert snap_compare(make_app(sample), terminal_size=(120, 36), run_before=start_drag)
