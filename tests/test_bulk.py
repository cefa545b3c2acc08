"""Acting in bulk, as a manager would on the online retailer sample: a role's duties for a
position (T, or a role header dragged onto it), several marked duties moved at once, and
a person's move that really moves them (p adds a further position instead).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pilot_steps import drag, settle

from orgtui.core.storage.orgfile import dumps_org
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Choice, HelpScreen, Picker
from orgtui.ui.tree import OrgTree

SAMPLE = Path(__file__).resolve().parent.parent / "sample_orgs" / "online-retailer.toml"
SHOP_DEV = "shop_developer"
HEAD_CS = "head_of_service"
MARKETPLACE = "marketplace_manager"
FLORIAN = "florian.schulze"


@pytest.fixture
def app(tmp_path: Path) -> OrgApp:
    path = tmp_path / "retailer.toml"
    shutil.copy(SAMPLE, path)
    return OrgApp(Workspace.open(path))


async def select(pilot, pane: OrgTree, key: tuple) -> None:
    pane.focus()
    assert pane.select_key(key)
    await settle(pilot)


def marketplace_duties(app: OrgApp) -> list[str]:
    return [d.id for d in app.ws.org.catalog.roles[MARKETPLACE].duties]


def dialog_text(app: OrgApp) -> str:
    assert isinstance(app.screen, Choice)
    return "\n".join(app.screen.lines)


async def test_T_on_shop_developer_pick_marketplace_manager_all_the_7_duties_move_and_ctrl_z_restores_them(app: OrgApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        duties = marketplace_duties(app)
        owners_before = {d: app.ws.org.owners(d) for d in duties}
        assert len(duties) == 7 and all(SHOP_DEV not in o for o in owners_before.values())
        await select(pilot, app.departments, ("position", SHOP_DEV, None))
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        await pilot.press(*"marketplace", "enter")
        await settle(pilot)
        # the preview, in orgtui diff's words, before anything changes
        text = dialog_text(app)
        assert "All of them also moves 7 duties from their owners:" in text
        assert "“Technical integration” (Marketplace Manager) [marketplace_manager.technical_integration]: " \
               "“Marketplace Integration Engineer” → “Shop Developer (Shopware)”" in text
        assert app.ws.org.owners(duties[0]) == owners_before[duties[0]]
        await pilot.press("a")  # "All 7 (moves 7)"
        await settle(pilot)
        assert all(app.ws.org.owners(d) == (SHOP_DEV,) for d in duties)
        assert ("duty", duties[0], SHOP_DEV) in app.departments
        assert app.status.startswith("Give Shop Developer (Shopware) 7 duties of Marketplace Manager")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert {d: app.ws.org.owners(d) for d in duties} == owners_before


async def test_a_role_header_dragged_onto_a_position_offers_the_same_choice_as_T(app: OrgApp) -> None:
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        before = dumps_org(app.ws.org)
        app.roles.collapse_line(0)  # the E-Commerce Manager's duties, so Marketplace Manager is near the top
        said = await drag(pilot, app.roles, ("role", MARKETPLACE, None), app.departments, ("position", SHOP_DEV, None))
        assert "Give Shop Developer (Shopware) the duties of Marketplace Manager" in said
        assert isinstance(app.screen, Choice) and app.screen.title_text == \
            "Give “Shop Developer (Shopware)” the duties of Marketplace Manager"
        await pilot.press("escape")  # cancel: nothing changed
        await settle(pilot)
        assert dumps_org(app.ws.org) == before


async def test_space_on_three_duties_then_m_onto_a_position_moves_all_three_as_one_undo(app: OrgApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first, second, third = marketplace_duties(app)[:3]
        before = {d: app.ws.org.owners(d) for d in (first, second, third)}
        await select(pilot, app.roles, ("duty", first, None))
        await pilot.press("space", "space", "space")  # each marks a duty and steps to the next
        await settle(pilot)
        assert app.roles.border_subtitle == "3 marked"
        assert app.status.startswith("3 marked — m moves them")
        assert app.roles.label_of(("duty", second, None)).startswith("◆ ")  # a glyph, not only a colour
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, Picker) and app.screen.title_text == "Move 3 marked duties to position"
        await pilot.press(*"teamlead customer", "enter")
        await settle(pilot)
        assert all(app.ws.org.owners(d) == (HEAD_CS,) for d in (first, second, third))
        assert app.status == "Move 3 duties to Teamlead Customer Service"
        assert app.roles.marked == () and app.roles.border_subtitle == ""
        assert not app.roles.label_of(("duty", second, None)).startswith("◆")
        await pilot.press("ctrl+z")  # one undo for all three
        await settle(pilot)
        assert {d: app.ws.org.owners(d) for d in (first, second, third)} == before


async def test_marks_in_departments_are_unassigned_together_by_delete_and_esc_clears_marks(app: OrgApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        owned = app.ws.org.positions[SHOP_DEV].duties
        assert len(owned) == 2
        await select(pilot, app.departments, ("duty", owned[0], SHOP_DEV))
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.departments.marked == () and not app.departments.label_of(("duty", owned[0], SHOP_DEV)).startswith("◆")
        await select(pilot, app.departments, ("duty", owned[0], SHOP_DEV))
        await pilot.press("space", "space")
        await settle(pilot)
        assert app.departments.border_subtitle == "2 marked"
        await pilot.press("delete")
        await settle(pilot)
        assert app.ws.org.positions[SHOP_DEV].duties == ()
        assert app.status == "Unassign 2 duties"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.ws.org.positions[SHOP_DEV].duties == owned


async def test_dragging_a_marked_duty_carries_every_marked_duty(app: OrgApp) -> None:
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        app.roles.collapse_line(0)
        first, second = marketplace_duties(app)[:2]
        await select(pilot, app.roles, ("duty", first, None))
        await pilot.press("space", "space")
        await settle(pilot)
        said = await drag(pilot, app.roles, ("duty", second, None), app.departments, ("position", HEAD_CS, None))
        assert "Move 2 duties to Teamlead Customer Service" in said
        assert app.ws.org.owners(first) == app.ws.org.owners(second) == (HEAD_CS,)


async def test_m_on_florian_schulze_in_people_moves_him_he_holds_one_position_afterwards(app: OrgApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.ws.org.positions_of(FLORIAN) == ("head_of_ecommerce",)
        await select(pilot, app.people, ("person", FLORIAN, None))
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        assert app.screen.title_text == "Move Florian Schulze from Head of E-Commerce to position"
        await pilot.press(*"shop developer", "enter")
        await settle(pilot)
        assert app.ws.org.positions_of(FLORIAN) == (SHOP_DEV,)
        row = app.people.label_of(("person", FLORIAN, None))
        assert "1 / 1 FTE" in row and "OVER CAPACITY" not in row
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.ws.org.positions_of(FLORIAN) == ("head_of_ecommerce",)


async def test_m_on_a_person_holding_two_positions_asks_which_one_they_leave(app: OrgApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, app.people, ("person", FLORIAN, None))
        await pilot.press("p")  # another position for him: his own action, his own words
        await settle(pilot)
        assert isinstance(app.screen, Picker) and app.screen.title_text == "Add another position for Florian Schulze"
        await pilot.press(*"shop developer", "enter")
        await settle(pilot)
        assert app.ws.org.positions_of(FLORIAN) == ("head_of_ecommerce", SHOP_DEV)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        assert app.screen.title_text == "Florian Schulze holds 2 positions: which one do they leave?"
        await pilot.press(*"head of e-commerce", "enter")
        await settle(pilot)
        await pilot.press(*"teamlead customer", "enter")
        await settle(pilot)
        assert app.ws.org.positions_of(FLORIAN) == (SHOP_DEV, HEAD_CS)


async def test_help_lists_the_bulk_actions_and_the_role_template(app: OrgApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(f"{keys} {what}" for _heading, rows in app.screen.sections for keys, what in rows)
        assert "T give the selected position a role's duties" in text and "space mark the selected duty" in text
        for words in ("a role's duties", "mark the selected duty", "a further position", "role template", "drag a role"):
            assert words in text, words
