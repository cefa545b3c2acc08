"""The mouse and `m` are one way of moving things: the same question, the same single edit.

Story: "Pricing" is split between the Head of E-Commerce and the Head of Category
Management. A manager drags it from Roles onto the Teamlead Customer Service. orgtui asks
which of the two owners gives it up, exactly as `m` on the same row asks, and the result
is the same org either way, undone by one ctrl+z.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pilot_steps import drag, settle

from orgtui.core.storage.orgfile import dumps_org
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Picker

SAMPLE = Path(__file__).resolve().parent.parent / "sample_orgs" / "online-retailer.toml"
PRICING = "ecommerce_manager.pricing"
OWNERS = ("head_of_ecommerce", "head_of_category")
HEAD_CS = "head_of_service"


def copy_of_sample(folder: Path) -> Path:
    folder.mkdir()
    path = folder / "retailer.toml"
    shutil.copy(SAMPLE, path)
    return path


async def drag_pricing_onto_head_of_service(tmp_path: Path) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """Drag, answer the question; returns the question, the org file afterwards, and the
    duty's owners afterwards and after one undo."""
    app = OrgApp(Workspace.open(copy_of_sample(tmp_path / "drag")))
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        assert app.ws.org.owners(PRICING) == OWNERS
        said = await drag(pilot, app.roles, ("duty", PRICING, None), app.departments, ("position", HEAD_CS, None))
        assert "which of its 2 owners" in said
        assert isinstance(app.screen, Picker), "the drop should ask which owner the duty leaves"
        question = app.screen.title_text
        assert app.ws.org.owners(PRICING) == OWNERS  # nothing changed before the answer
        await pilot.press(*"category", "enter")
        await settle(pilot)
        after = dumps_org(app.ws.org)
        owners = app.ws.org.owners(PRICING)
        await pilot.press("ctrl+z")
        await settle(pilot)
        undone = app.ws.org.owners(PRICING)
    return question, after, owners, undone


async def move_pricing_with_m(tmp_path: Path) -> tuple[str, str]:
    app = OrgApp(Workspace.open(copy_of_sample(tmp_path / "keys")))
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        app.roles.focus()
        app.roles.select_key(("duty", PRICING, None))
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        question = app.screen.title_text
        await pilot.press(*"category", "enter")
        await settle(pilot)
        await pilot.press(*"teamlead customer", "enter")
        await settle(pilot)
        return question, dumps_org(app.ws.org)


async def test_dragging_a_split_duty_asks_which_owner_like_m_and_ends_the_same(tmp_path: Path) -> None:
    drag_question, by_drag, owners, undone = await drag_pricing_onto_head_of_service(tmp_path)
    m_question, by_keys = await move_pricing_with_m(tmp_path)
    assert drag_question == m_question
    assert set(owners) == {"head_of_ecommerce", HEAD_CS}  # moved from Category, not added
    assert by_drag == by_keys
    assert undone == OWNERS  # one ctrl+z undoes the whole move
