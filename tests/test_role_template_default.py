"""A new position's role template starts on the role its title names: "Category" then
Enter gives it the Category Manager's unowned duties; a title that names no role starts
on "(no role template)"."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_steps import settle

from orgtui.core.domain import findable
from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.org import Department, Org, OrgInfo
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Picker
from orgtui.ui.screens.picker import PickerList


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    """What `orgtui new` writes: one department, no positions, no people."""
    from orgtui.cli import main

    path = tmp_path / "new.toml"
    assert main(["new", str(path)]) == 0
    return path


def highlighted_row(app: OrgApp) -> str:
    picker = app.screen
    assert isinstance(picker, Picker)
    row = picker.query_one(PickerList).highlighted
    assert row is not None
    return picker.candidates.label(picker._shown[row])


async def test_P_category_then_enter_twice_gives_the_new_position_the_category_managers_duties(blank: Path) -> None:
    app = OrgApp(Workspace.open(blank))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("P", *"Category", "enter")
        await settle(pilot)
        assert highlighted_row(app).startswith("Category Manager — ")
        await pilot.press("enter")
        await settle(pilot)
        org = app.ws.org
        made = next(p for p in org.positions.values() if p.title == "Category")
        assert made.role == "category_manager"
        assert set(made.duties) == {d.id for d in org.catalog.roles["category_manager"].duties}


async def test_a_title_that_names_no_role_starts_on_no_template(blank: Path) -> None:
    app = OrgApp(Workspace.open(blank))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("P", *"IT", "enter")
        await settle(pilot)
        assert highlighted_row(app) == "(no role template)"


def test_which_role_a_title_names() -> None:
    org = Org(OrgInfo("Shop"), builtin_catalog(), [Department("d", "D")], [], [])
    assert findable.role_named_by(org, "Category Manager") == "category_manager"
    assert findable.role_named_by(org, "Service") == "customer_service_manager"
    assert findable.role_named_by(org, "Marktplatz") == "marketplace_manager"  # the German title
    assert findable.role_named_by(org, "ux") == "ux_designer"
    assert findable.role_named_by(org, "IT") is None  # not the "it" inside "Digital"
    assert findable.role_named_by(org, "CEO") is None
    assert findable.role_named_by(org, "  ") is None
