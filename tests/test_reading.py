"""Reading the org at any size: rows that do not fit end with "…", the title bar keeps its
counts at 80×24."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from orgtui.core.domain.edits import AssignDuty
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import generate  # noqa: E402
from pilot_steps import screen_lines, settle

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
LINK = ("duty", "ecommerce_manager.cross_team_link", None)


@pytest.fixture
def retailer(tmp_path: Path) -> Path:
    path = tmp_path / "online-retailer.toml"
    shutil.copy(SAMPLES / "online-retailer.toml", path)
    return path


async def test_a_long_row_at_80_columns_ends_with_an_ellipsis(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.roles.line_of(LINK)
        assert line >= 0
        row = next(text for text in screen_lines(app) if "Link between marketing" in text)
        left = row[: row.index("││") + 1] if "││" in row else row
        assert "Link between marketing, sales, l…" in left  # cut inside the pane, and says so
        # every pane's rows: a row cut short ends in "…" just before the border or scrollbar
        for tree in (app.roles, app.departments, app.people, app.problems):
            room = tree.scrollable_content_region.width
            for y in range(tree.scrollable_content_region.height):
                text = tree.render_line(y).text[:room].rstrip()
                assert cell_len(text) <= room
        assert any(tree.render_line(y).text.rstrip().endswith("…")
                   for tree in (app.departments, app.problems) for y in range(5))


async def test_wide_characters_are_cut_whole_and_never_push_the_border_out(tmp_path: Path) -> None:
    path = tmp_path / "hostile.toml"
    shutil.copy(SAMPLES / "hostile-names.toml", path)
    app = OrgApp(Workspace.open(path))
    async with app.run_test(size=(80, 44)) as pilot:
        await settle(pilot)
        lines = [app.people.render_line(y).text for y in range(app.people.scrollable_content_region.height)]
        room = app.people.scrollable_content_region.width
        long_name = next(text for text in lines if "Maximiliane" in text)
        assert long_name[:room].rstrip().endswith("…")
        for text in lines:
            assert cell_len(text) == app.people.size.width
        assert all(cell_len(line) == 80 for line in screen_lines(app))
        assert any("Ñuñez" in line for line in screen_lines(app))


async def test_at_80x24_the_header_still_shows_the_error_count(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = screen_lines(app)[0]
        assert "1 error" in header and "2 warnings" in header and "1 unowned" in header
        assert "online-retailer.toml" in header
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        header = screen_lines(app)[0]
        assert "1 of 51 duties unowned · 21 single points of failure · 1 error · 2 warnings" in header


# -- the detail panel ----------------------------------------------------------------------

FEEDBACK_DE = "German: Input über die Anforderungen"
FEEDBACK_SOURCE = "„Davon profitiert das gesamte"


def panel_lines(app: OrgApp) -> list[str]:
    """The rows of the screen the detail panel covers, as the terminal shows them."""
    region = app.detail.region
    return [line[region.x: region.right] for line in screen_lines(app)[region.y: region.bottom]]


async def test_at_80x24_i_on_the_first_unowned_duty_shows_its_german_title_and_the_articles_sentence(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not any(FEEDBACK_DE in line for line in screen_lines(app))  # closed at first: the panes have the room
        await pilot.press("n", "i")
        await settle(pilot)
        shown = "\n".join(panel_lines(app))
        assert "Feeding customer requirements" in shown
        assert FEEDBACK_DE in shown and FEEDBACK_SOURCE in shown
        assert "UNOWNED" in shown
        # over the half away from Roles, which keeps its cursor in view
        assert app.detail.region.x >= 40 and app.roles.region.right <= app.detail.region.x
        await pilot.press("escape")
        await settle(pilot)
        assert not any(FEEDBACK_DE in line for line in screen_lines(app))
        assert app.focused is app.roles


async def test_the_overlay_follows_the_selection_and_leaves_the_focused_panes_half_free(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "i")
        await settle(pilot)
        first = app.people.cursor_ref
        assert first is not None and app.ws.org.people[first.id].name in "\n".join(panel_lines(app))
        await pilot.press("down")
        await settle(pilot)
        second = app.ws.org.people[app.people.cursor_ref.id].name
        assert second in "\n".join(panel_lines(app))
        await pilot.press("2")  # Departments is on the right: the panel moves to the left half
        await settle(pilot)
        assert app.detail.region.right <= app.departments.region.x
        assert "Department" in "\n".join(panel_lines(app))


async def test_at_200x60_the_detail_panel_shows_tobias_wendts_positions_beside_the_panes(tmp_path: Path) -> None:
    path = tmp_path / "before-reorg.toml"
    shutil.copy(SAMPLES / "before-reorg.toml", path)
    app = OrgApp(Workspace.open(path))
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        while app.people.cursor_ref.id != "tobias.wendt":
            await pilot.press("down")
        await settle(pilot)
        shown = "\n".join(panel_lines(app))
        assert "Tobias Wendt" in shown and "1.5 / 1 FTE  OVER CAPACITY" in shown
        for position in app.ws.org.positions_of("tobias.wendt"):
            assert app.ws.org.positions[position].title in shown
        # beside the panes, in what was Problems' space: nothing is covered
        panel = app.detail.region
        for pane in app.panes:
            assert not pane.region.overlaps(panel)
        assert panel.y == app.problems.region.y and panel.x == app.problems.region.right
        # Roles gets more of the width: its long duty and owner rows fit whole
        long_row = "Aligning marketing, product placement, assortment and pricing  UNOWNED"
        assert any(long_row in line for line in screen_lines(app))
        await pilot.press("i")  # put away: Problems takes its space back
        await settle(pilot)
        assert not app.detail.display and app.problems.region.right == app.departments.region.right


async def test_the_panel_follows_an_edit_of_the_selected_row(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert "UNOWNED" in app.detail.plain
        duty = app.roles.cursor_ref.id
        app.edit(AssignDuty(duty, "head_of_service"))
        await settle(pilot)
        assert "UNOWNED" not in app.detail.plain and app.ws.org.positions["head_of_service"].title in app.detail.plain


async def test_moving_the_cursor_with_the_panel_open_asks_about_the_selected_row_only(monkeypatch) -> None:
    import orgtui.ui.app as app_module

    asked: list[tuple[str, str]] = []
    real = app_module.details_of

    def counting(org, validator, kind, ident):
        asked.append((kind, ident))
        return real(org, validator, kind, ident)

    monkeypatch.setattr(app_module, "details_of", counting)
    app = OrgApp(Workspace(generate.generate(5_000)))
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        asked.clear()
        for _ in range(5):
            await pilot.press("down")
            await settle(pilot)
        people = list(app.ws.org.people)
        assert asked == [("person", p) for p in people[1:6]]
