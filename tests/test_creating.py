"""Creating things as a new user does: what was just added is selected and in view, a person
added at a position may hold it at once, the org can be renamed, forms wait for the first
keystroke before they object, and empty panes say what to press."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_steps import settle
from textual.widgets import Button, Static

from orgtui.core.storage.orgfile import load_org
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Choice, FormScreen
from orgtui.ui.tree import Ref

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    """What `orgtui new` writes: one department, no positions, no people."""
    from orgtui.cli import main

    path = tmp_path / "new.toml"
    assert main(["new", str(path)]) == 0
    return path


def error_text(app: OrgApp) -> str:
    return str(app.screen.query_one("#form-error", Static).render())


async def test_a_new_position_in_a_collapsed_department_is_selected_and_in_view(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.departments.focus()
        assert app.departments.select_key(("department", "service", None))
        await settle(pilot)
        await pilot.press("enter")  # close the department: the new position goes in out of sight
        await settle(pilot)
        assert not app.departments.is_expanded(Ref("department", "service"))
        await pilot.press("P")
        await settle(pilot)
        await pilot.press(*"Returns Lead", "enter")
        await settle(pilot)
        await pilot.press("enter")  # no role template
        await settle(pilot)
        new = next(p for p in app.ws.org.positions.values() if p.title == "Returns Lead")
        assert app.focused is app.departments and app.departments.cursor_ref == Ref("position", new.id)
        top = int(app.departments.scroll_offset.y)
        assert top <= app.departments.cursor_line < top + app.departments.scrollable_content_region.height


async def test_a_department_added_from_people_is_a_top_level_one_and_gets_the_cursor(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "D")
        await settle(pilot)
        await pilot.press(*"Legal", "enter")
        await settle(pilot)
        legal = next(d for d in app.ws.org.departments.values() if d.name == "Legal")
        assert legal.parent is None
        assert app.focused is app.departments and app.departments.cursor_ref == Ref("department", legal.id)


async def test_the_palette_adds_a_top_level_department_while_one_is_selected(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.departments.focus()
        assert app.departments.select_key(("department", "service", None))
        await settle(pilot)
        app.action_add_top_department()
        await settle(pilot)
        await pilot.press(*"Legal", "enter")
        await settle(pilot)
        assert next(d for d in app.ws.org.departments.values() if d.name == "Legal").parent is None


async def test_n_at_a_vacant_position_offers_to_make_the_new_person_its_holder_in_one_step(blank: Path) -> None:
    app = OrgApp(Workspace.open(blank))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "P", *"Shop Lead", "enter")
        await settle(pilot)
        await pilot.press("enter")  # no role template
        await settle(pilot)
        (shop_lead,) = app.ws.org.positions
        assert app.departments.cursor_ref == Ref("position", shop_lead)
        await pilot.press("N", *"Anna Berg", "enter")
        await settle(pilot)
        assert isinstance(app.screen, Choice) and "Should Anna Berg hold Shop Lead?" in app.screen.lines
        await pilot.press("enter")  # the default: hold it
        await settle(pilot)
        (anna,) = app.ws.org.people
        assert app.ws.org.positions[shop_lead].holders == (anna,)
        assert app.focused is app.people and app.people.cursor_ref == Ref("person", anna)
        assert app.ws.history.undo_label == "Add Anna Berg as a holder of Shop Lead"
        await pilot.press("ctrl+z")  # one step takes both back
        await settle(pilot)
        assert not app.ws.org.people and app.ws.org.positions[shop_lead].holders == ()


async def test_just_add_leaves_the_position_vacant(blank: Path) -> None:
    app = OrgApp(Workspace.open(blank))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "P", *"Shop Lead", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("N", *"Ben", "enter")
        await settle(pilot)
        app.screen.query_one("#choice-1", Button).press()  # "Just add"
        await settle(pilot)
        (shop_lead,) = app.ws.org.positions
        assert len(app.ws.org.people) == 1 and app.ws.org.positions[shop_lead].holders == ()


async def test_e_renames_the_org_and_save_writes_the_new_name(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+u", *"Nordwind Gruppe", "enter")
        await settle(pilot)
        assert app.ws.org.info.name == "Nordwind Gruppe"
        assert app.ws.history.undo_label == "Rename org to Nordwind Gruppe"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load_org(retailer).org.info.name == "Nordwind Gruppe"


async def test_a_form_says_nothing_before_the_first_keystroke(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.error == "the name cannot be empty"  # known, and OK is off ...
        assert app.screen.query_one("#form-submit", Button).disabled
        assert error_text(app) == ""  # ... but not said yet
        await pilot.press("x", "backspace")
        await settle(pilot)
        assert error_text(app) == "the name cannot be empty"


async def test_empty_panes_say_what_to_press(blank: Path) -> None:
    app = OrgApp(Workspace.open(blank))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.people.render_line(0).text.strip() == "No people yet — press N to add one"
        (dept,) = app.ws.org.departments
        assert "no positions yet — P adds one" in app.departments.label_of(("department", dept, None))
        await pilot.press("3", "N", *"Anna", "enter")
        await settle(pilot)
        assert "Anna" in app.people.render_line(0).text and "press N" not in app.people.render_line(0).text
