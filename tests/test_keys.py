"""Keys as a user types them in the real app: bursts at dialogs, what the footer offers,
the command palette, the help screen and a remapped key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual import events

from orgtui.core.domain.edits import AddPerson
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Choice

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"


@pytest.fixture
def retailer(tmp_path: Path) -> Path:
    path = tmp_path / "retailer.toml"
    shutil.copy(SAMPLES / "online-retailer.toml", path)
    return path


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


def burst(app: OrgApp, *keys: str) -> None:
    """Send keys as one read from the terminal (as SSH delivers them): no idle in between."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


# -- bursts at dialogs -----------------------------------------------------------------


async def test_cc_at_the_quit_question_cancels_once_and_the_app_keeps_running(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.edit(AddPerson("Zed"))  # an unsaved edit, so quitting asks
        await settle(pilot)
        assert app.ws.dirty
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, Choice) and app.screen.title_text == "You have unsaved changes"
        burst(app, "c", "c")
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, Choice)
        assert app.ws.dirty
