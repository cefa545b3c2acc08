"""Every dialog and the pane filter read right at 80×24 and use the room at 200×60: a row
that does not fit is one screen line ending with "…", never two lines, never a word cut
without saying so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pilot_steps import screen_lines, settle

from orgtui.core.i18n import use_language
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Choice, Picker
from orgtui.ui.screens.picker_list import PickerList

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
CHEF = ("position", "geschaeftsfuehrer", None)  # Geschäftsführer, the first position of before-reorg


@pytest.fixture
def before_reorg(tmp_path: Path) -> Path:
    path = tmp_path / "before-reorg.toml"
    shutil.copy(SAMPLES / "before-reorg.toml", path)
    return path


def inside(line: str, left: int, width: int) -> str:
    return line[left:left + width].rstrip()


def option_rows(app: OrgApp) -> tuple[list[str], list[str]]:
    """(the labels of the options on screen, the screen's text where the list is drawn)."""
    options = app.screen.query_one(PickerList)
    region = options.content_region
    lines = screen_lines(app)[region.y:region.y + region.height]
    shown = [inside(line, region.x, region.width).strip() for line in lines]
    first = int(options.scroll_offset.y)
    labels = [str(row.prompt) for row in options.rows[first:first + len(shown)]]
    return labels, shown


def assert_one_line_each(labels: list[str], shown: list[str]) -> None:
    """Each label is one screen line: whole, or cut where the list ends with "…"."""
    for label, line in zip(labels, shown):
        if line != label:
            assert line.endswith("…"), f"{label!r} is cut without “…”: {line!r}"
            assert label.startswith(line[:-1].rstrip()), f"{label!r} wraps onto the next line: {line!r}"
    assert any(line.endswith("…") for line in shown), "nothing long enough to cut: the test shows nothing"


async def test_at_80x24_the_move_pickers_rows_with_department_paths_end_with_an_ellipsis(before_reorg: Path) -> None:
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.roles.focus()
        await pilot.press("down", "m")  # move the first duty: the positions, with department and holders
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        labels, shown = option_rows(app)
        assert "Webshop-Verantwortlicher — Geschäftsleitung / Vertrieb & Webshop · Tobias Wendt" in labels
        assert_one_line_each(labels, shown)


async def test_at_80x24_the_T_pickers_role_rows_and_the_german_ones_end_with_an_ellipsis(before_reorg: Path) -> None:
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, app, CHEF)
        await pilot.press("T")
        await settle(pilot)
        assert_one_line_each(*option_rows(app))
        await pilot.press("escape")
        use_language("de")
        await pilot.press("T")
        await settle(pilot)
        labels, shown = option_rows(app)
        assert any("Digital Content & Campaign Strategist" in label or "nicht vergeben" in label for label in labels)
        assert_one_line_each(labels, shown)


async def select(pilot, app: OrgApp, key: tuple) -> None:
    app.departments.focus()
    assert app.departments.select_key(key)
    await settle(pilot)


def dialog_rows(app: OrgApp) -> list[str]:
    """The screen lines of the Choice dialog's text, inside its border."""
    assert isinstance(app.screen, Choice)
    body = app.screen.query_one("#choice-body")
    region = body.content_region
    return [inside(line, region.x, region.width) for line in screen_lines(app)[region.y:region.y + region.height]]


async def test_at_80x24_the_T_preview_shows_each_change_on_one_line_ending_with_an_ellipsis(before_reorg: Path) -> None:
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, app, CHEF)
        await pilot.press("T", *"e-commerce", "enter")  # the E-Commerce Manager's duties
        await settle(pilot)
        rows = dialog_rows(app)
        changes = [line for line in app.screen.lines if line.startswith("  >")]
        assert len(changes) == 10
        on_screen = [row for row in rows if row.startswith("  >")]
        assert len(on_screen) == min(len(changes), len([r for r in rows if r.strip()]) - 3)
        for row, change in zip(on_screen, changes):
            assert row.endswith("…") and change.startswith(row[:-1].rstrip())
        assert "Its 2 unowned duties:" in rows  # sentences still wrap as sentences


async def test_at_200x60_the_T_preview_is_wide_enough_for_whole_changes(before_reorg: Path) -> None:
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await select(pilot, app, CHEF)
        await pilot.press("T", *"e-commerce", "enter")
        await settle(pilot)
        rows = dialog_rows(app)
        link = next(line for line in app.screen.lines if "cross_team_link" in line)
        assert link in rows  # whole: the dialog takes the room it has


async def test_a_kept_filter_fits_the_panes_border_at_80x24(before_reorg: Path) -> None:
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.departments.focus()
        await pilot.press("slash", *"vertrieb & webshop", "enter")
        await settle(pilot)
        border = next(line for line in screen_lines(app) if "/vertrieb & webshop" in line)
        pane = border[40:]  # Departments is the right half
        assert "…" not in pane, pane  # the count stays whole; "esc clears" gave way
        assert "/vertrieb & webshop  1 of 87" in pane or "of 87" in pane
        await pilot.press("escape", "slash", *"lager", "enter")
        await settle(pilot)
        border = next(line for line in screen_lines(app) if "/lager" in line)
        assert border[40:].rstrip().endswith("esc clears ─╯")  # short: the hint whole, not "esc clea…"


async def test_a_long_query_keeps_its_end_in_view_while_typing(before_reorg: Path) -> None:
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.people.focus()
        await pilot.press("slash", *"somebody with a very long name indeed")
        await settle(pilot)
        border = next(line for line in screen_lines(app) if "indeed▏" in line)
        assert "/…" in border and "0 of 26" in border and "…─" not in border


async def test_at_80x24_the_suggestion_rows_start_with_their_position_so_they_differ(before_reorg: Path) -> None:
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.roles.focus()
        await pilot.press("n", "s")  # the first unowned duty's suggestions
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        labels, shown = option_rows(app)
        shown = [line for line in shown if line]
        titles = {p.title for p in app.ws.org.positions.values()}
        assert len(shown) >= 3 and len(set(shown)) == len(shown)  # told apart at 80 columns
        assert all(any(line.startswith(t) for t in titles) for line in shown), shown
