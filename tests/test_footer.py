"""The footer offers the keys that apply to the selected row, as many as fit, each whole:
`t` (reports to) and `v` (by reporting line) where they apply, nothing cut at 80 columns."""

from __future__ import annotations

from pathlib import Path

from pilot_steps import settle

from orgtui.core.storage.session import Workspace
from orgtui.ui import applies
from orgtui.ui.action_table import ACTIONS, NEVER
from orgtui.ui.app import OrgApp
from orgtui.ui.footer import KeyFooter
from orgtui.ui.screens import HelpScreen


def footer_keys(app: OrgApp) -> list[str]:
    """The footer as it reads: "m Move", "t Reports to", …"""
    return [f"{key.shown} {key.description}".strip() for key in app.query_one(KeyFooter).shown()[0]]


def footer_line(app: OrgApp) -> str:
    return app.screen._compositor.render_strips()[-1].text


async def select(pilot, pane, key: tuple) -> None:
    pane.focus()
    assert pane.select_key(key)
    app = pane.app
    app.refresh_applying()
    await settle(pilot, 3)


async def test_on_a_position_the_footer_offers_t_reports_to_and_v_by_line_but_not_in_roles(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot, 3)
        await select(pilot, app.departments, ("position", "head_of_service", None))
        shown = footer_keys(app)
        assert "t Reports to" in shown and "v By line" in shown
        await select(pilot, app.roles, ("role", "ecommerce_manager", None))
        shown = footer_keys(app)
        assert "t Reports to" not in shown and "v By line" not in shown  # neither acts on a role
        assert "m Move" in shown


async def test_with_room_the_footer_shows_exactly_the_keys_that_apply_to_each_row(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(400, 40)) as pilot:
        await settle(pilot, 3)
        for pane in (app.roles, app.departments, app.people):
            for key in pane.visible_refs[:12]:
                await select(pilot, pane, key)
                here = applies.here(app)
                expected = {a.id for a in ACTIONS if a.keys and a.footer is not NEVER and applies.applies(a, here)}
                shown = {k.key for k in app.query_one(KeyFooter).shown()[0]}
                keys = {app.keys_of(i).split(",")[0] for i in expected}
                assert shown == keys, (pane.id, key)


async def test_at_80_columns_every_key_in_the_footer_is_whole_and_save_stays(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        await select(pilot, app.departments, ("position", "head_of_service", None))
        line = footer_line(app)
        assert line.rstrip().endswith("^p palette")
        before_palette = line[: line.index("▏")]
        for key in footer_keys(app):
            assert key in before_palette  # none cut at the edge, none under the palette key
        assert "^s Save" in before_palette and "m Move" in before_palette and "? Help" in before_palette
        await pilot.resize_terminal(160, 40)
        await settle(pilot, 3)
        assert "t Reports to" in footer_keys(app)  # a wider terminal: the footer takes more keys


async def test_the_footer_reads_in_the_tables_order_quit_last(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(240, 40)) as pilot:
        await settle(pilot, 3)
        await select(pilot, app.departments, ("department", "service", None))
        shown = footer_keys(app)
        assert shown[0] == "m Move" and shown[-1] == "^q Quit", shown  # ctrl+q is a priority binding, not the first word


async def test_in_german_at_80_columns_save_keeps_its_place_before_help(retailer: Path) -> None:
    from orgtui.core.i18n import use_language

    use_language("de")
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        await select(pilot, app.departments, ("position", "head_of_service", None))
        shown = footer_keys(app)
        # the longer German words leave no room for all: the row's keys and ctrl+s stay
        assert shown[:4] == ["m Verschieben", "a Zuweisen", "h Inhaber", "x Entfernen"], shown
        assert "^s Speichern" in shown
        line = footer_line(app)
        assert all(key in line[: line.index("▏")] for key in shown)


async def test_the_footer_line_follows_the_selection_and_a_click_on_a_key_presses_it(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 3)
        await select(pilot, app.departments, ("department", "service", None))
        line = footer_line(app)
        assert "m Move" in line and "a Assign" not in line and line.rstrip().endswith("^p palette")
        await select(pilot, app.departments, ("position", "head_of_service", None))
        line = footer_line(app)
        assert "a Assign" in line
        await pilot.click(KeyFooter, offset=(line.index("? Help"), 0))
        await settle(pilot, 3)
        assert isinstance(app.screen, HelpScreen)


async def test_an_undo_shows_redo_in_the_footer_and_reads_the_selection_once_to_draw_it(retailer: Path, monkeypatch) -> None:
    # Textual asks check_action of every binding (~45) when the footer is drawn; each
    # reading of the selection costs what a whole pane row does at 50,000 people
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(250, 40)) as pilot:
        await settle(pilot, 3)
        await pilot.press("2", "down", "down", "down", "x")  # unassign a duty: something to undo
        await settle(pilot, 3)
        readings: list[object] = []
        real = applies.here

        def read(*args, **kwargs):
            readings.append(args)
            return real(*args, **kwargs)

        monkeypatch.setattr(applies, "here", read)
        drawn = len(readings)
        footer = app.query_one(KeyFooter)
        await pilot.press("ctrl+z")
        await settle(pilot, 3)
        assert app.status.startswith("Undid")
        assert "Redo" in footer_line(app)
        before = len(readings)
        footer.render()
        assert len(readings) - before == 1
        assert len(readings) - drawn < 10  # the key, the footer's check, its drawing
