"""What the user sees, pinned as SVG snapshots: the main screen small and large, a drag, a
question, a form with an error, the read-only title, zoom and the Problems pane after an edit.

`snap_compare` runs the app itself, so these are plain `def` tests. To accept an
intended change of the look: `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
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


def test_a_question_dialog_over_the_main_screen(snap_compare, sample: Path) -> None:
    async def ask_to_remove(pilot) -> None:
        app = pilot.app
        await pilot.pause()
        app.departments.focus()
        app.departments.select_key(("position", "head_of_service", None))
        await pilot.pause()
        await pilot.press("x")  # removing a position asks first
        await pilot.pause()

    assert snap_compare(make_app(sample), terminal_size=(80, 24), run_before=ask_to_remove)


def test_a_form_showing_an_error(snap_compare, sample: Path) -> None:
    async def bad_capacity(pilot) -> None:
        await pilot.pause()
        await pilot.press("N", *"Zoë", "tab", "ctrl+a", "ctrl+k", *"lots")
        await pilot.pause()

    assert snap_compare(make_app(sample), terminal_size=(80, 24), run_before=bad_capacity)


def test_the_title_says_read_only_when_a_colleague_holds_the_file(snap_compare, sample: Path) -> None:
    code = "import sys, time; from orgtui.core.storage import lock; lock.acquire(sys.argv[1]); print('locked', flush=True); time.sleep(60)"
    colleague = subprocess.Popen([sys.executable, "-c", code, str(sample)], stdout=subprocess.PIPE, text=True)
    try:
        assert colleague.stdout is not None and colleague.stdout.readline().strip() == "locked"

        async def open_read_only(pilot) -> None:
            await pilot.pause()
            await pilot.press("r")  # "Read-only" at the lock question
            await pilot.pause()

        assert snap_compare(make_app(sample), terminal_size=(80, 24), run_before=open_read_only)
    finally:
        colleague.kill()
        colleague.wait()


def test_zoom_gives_departments_the_whole_screen(snap_compare, sample: Path) -> None:
    async def zoom(pilot) -> None:
        await pilot.pause()
        await pilot.press("2", "z")
        await pilot.pause()

    assert snap_compare(make_app(sample), terminal_size=(80, 24), run_before=zoom)


def test_the_problems_pane_after_an_edit(snap_compare, sample: Path) -> None:
    async def unassign_a_duty(pilot) -> None:
        app = pilot.app
        await pilot.pause()
        duty = app.ws.org.positions["head_of_service"].duties[0]
        app.departments.focus()
        app.departments.select_key(("duty", duty, "head_of_service"))
        await pilot.pause()
        await pilot.press("x", "4")  # unassigned: one more unowned duty heads the Problems pane
        await pilot.pause()
        app.clear_notifications()  # the toast saying so would cover the pane
        await pilot.pause()

    assert snap_compare(make_app(sample), terminal_size=(100, 30), run_before=unassign_a_duty)
