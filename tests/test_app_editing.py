"""Editing through forms, pickers and confirmations, as a keyboard-only user would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pilot_steps import settle
from textual.widgets import Button, Input

from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Choice, FormScreen, HelpScreen, Picker

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
HEAD_CS = "head_of_service"


@pytest.fixture
def app(tmp_path: Path) -> OrgApp:
    path = tmp_path / "retailer.toml"
    shutil.copy(SAMPLES / "online-retailer.toml", path)
    return OrgApp(Workspace.open(path))


async def select(pilot, pane, key) -> None:
    pane.focus()
    assert pane.select_key(key)
    await settle(pilot)


async def test_add_a_department_under_the_selected_one_and_undo_it(app: OrgApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, app.departments, ("department", "service", None))
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Returns Desk", "enter")
        await settle(pilot)
        added = [d for d in app.ws.org.departments.values() if d.name == "Returns Desk"]
        assert len(added) == 1 and added[0].parent == "service"
        assert ("department", added[0].id, None) in app.departments
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert ("department", added[0].id, None) not in app.departments


async def test_add_a_position_with_a_role_template_takes_the_roles_unowned_duties(app: OrgApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.sub_title.startswith("1 of 51")
        await select(pilot, app.departments, ("department", "service", None))
        await pilot.press("P")
        await settle(pilot)
        await pilot.press(*"Customer Insights Lead", "enter")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        await pilot.press(*"customer service", "enter")
        await settle(pilot)
        pos = next(p for p in app.ws.org.positions.values() if p.title == "Customer Insights Lead")
        assert pos.department == "service" and pos.role == "customer_service_manager"
        assert pos.duties == ("customer_service_manager.customer_input",)
        assert app.sub_title.startswith("0 of 51")
        assert ("position", pos.id, None) in app.departments


async def test_add_a_person_with_capacity_checked_as_you_type(app: OrgApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press(*"Zoë [bold]Fischer[/]")
        await pilot.press("tab")
        capacity = form.query(Input).last()
        capacity.value = "lots"
        await settle(pilot)
        submit = [b for b in form.query(Button) if not b.id or "cancel" not in b.id][0]
        assert submit.disabled
        capacity.value = "0,5"
        await settle(pilot)
        assert not submit.disabled
        await pilot.press("enter")
        await settle(pilot)
        person = next(p for p in app.ws.org.people.values() if p.name == "Zoë [bold]Fischer[/]")
        assert person.capacity == 0.5
        assert "Zoë [bold]Fischer[/]" in app.people.label_of(("person", person.id, None))


async def test_rename_a_position_updates_its_row_and_its_holders_rows(app: OrgApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, app.departments, ("position", HEAD_CS, None))
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        form.query_one(Input).value = "Head of Customer Happiness"
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Head of Customer Happiness" in app.departments.label_of(("position", HEAD_CS, None))
        holder = app.ws.org.positions[HEAD_CS].holders[0]
        app.people.expand_key(("person", holder, None))
        await settle(pilot)
        assert "Head of Customer Happiness" in app.people.label_of(("held", HEAD_CS, holder))


async def test_removing_a_position_asks_first_and_says_what_becomes_unowned(app: OrgApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        duties = app.ws.org.positions[HEAD_CS].duties
        await select(pilot, app.departments, ("position", HEAD_CS, None))
        await pilot.press("delete")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, Choice)
        shown = " ".join(str(w.render()) for w in dialog.query("Label, Static"))
        assert "become unowned" in shown
        await pilot.press("c")  # Cancel
        await settle(pilot)
        assert HEAD_CS in app.ws.org.positions
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("r")  # Remove
        await settle(pilot)
        assert HEAD_CS not in app.ws.org.positions
        assert app.sub_title.startswith(f"{1 + len(duties)} of 51")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert HEAD_CS in app.ws.org.positions
        assert app.sub_title.startswith("1 of 51")


async def test_unassigning_a_duty_with_the_delete_key(app: OrgApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        duty = app.ws.org.positions[HEAD_CS].duties[0]
        await select(pilot, app.departments, ("duty", duty, HEAD_CS))
        await pilot.press("x")
        await settle(pilot)
        assert app.ws.org.owners(duty) == ()
        assert "UNOWNED" in app.roles.label_of(("duty", duty, None))


async def test_help_lists_the_keys_and_closes_with_escape(app: OrgApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_every_action_is_in_the_command_palette(app: OrgApp) -> None:
    from orgtui.ui.action_table import ACTIONS

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for action in ACTIONS:
            assert hasattr(app, f"action_{action.action_name}"), action.id
            assert action.palette or action.footer is None, f"{action.id} is in the footer but not in the palette"
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Next unowned")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.roles.cursor_ref.id == "customer_service_manager.customer_input"


async def test_zoom_gives_the_focused_pane_the_whole_screen_at_80x24(app: OrgApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "z")
        await settle(pilot)
        assert app.zoomed == "departments"
        assert app.departments.size.width >= 76 and app.departments.size.height >= 18
        assert not app.roles.display and not app.problems.display
        assert app.sub_title.startswith("1 of 51 duties unowned")  # the count stays in view
        await pilot.press("z")
        await settle(pilot)
        assert app.zoomed is None
        assert app.roles.display and app.problems.display


async def test_merge_conflicts_head_the_problems_and_can_be_marked_resolved(tmp_path: Path) -> None:
    from orgtui.core.domain.conflict_notes import pending_conflicts
    from orgtui.core.storage.orgfile import dumps_org, load_org

    path = tmp_path / "merged.toml"
    org = load_org(SAMPLES / "online-retailer.toml").org
    org.preamble = (
        "# orgtui merge: 1 conflict(s) to resolve. The file holds OURS' value\n"
        "# for each (or, where one side removed something the other changed or uses, keeps it).\n"
        "# Open the file with `orgtui FILE`, fix what is listed, then delete this block.\n"
        "# CONFLICT duty ecommerce_manager.returns: ours moved it to A, theirs to B\n#\n" + org.preamble
    )
    path.write_text(dumps_org(org))
    app = OrgApp(Workspace.open(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = app.problems.findings_shown[0]
        assert first.code == "merge-conflict" and "ours moved it to A" in first.message
        await pilot.press("4")
        app.problems.select_first()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        await pilot.press("m")  # Mark resolved
        await settle(pilot)
        assert app.ws.validator.count("merge-conflict") == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = load_org(path).org.preamble
    assert pending_conflicts(saved) == []
    assert saved == load_org(SAMPLES / "online-retailer.toml").org.preamble  # their own header stays


async def test_renaming_a_department_updates_every_pane_that_names_it(app: OrgApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        holder = app.ws.org.positions[HEAD_CS].holders[0]
        app.people.expand_key(("person", holder, None))
        await settle(pilot)
        dept = app.ws.org.positions[HEAD_CS].department
        await select(pilot, app.departments, ("department", dept, None))
        await pilot.press("r")
        await settle(pilot)
        app.screen.query_one(Input).value = "Kundenglück"
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Kundenglück" in app.departments.label_of(("department", dept, None))
        assert "Kundenglück" in app.people.label_of(("held", HEAD_CS, holder))
