"""Reading the org at any size: rows that do not fit end with "…", the title bar keeps its
counts at 80×24."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len

from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
LINK = ("duty", "ecommerce_manager.cross_team_link", None)


@pytest.fixture
def retailer(tmp_path: Path) -> Path:
    path = tmp_path / "online-retailer.toml"
    shutil.copy(SAMPLES / "online-retailer.toml", path)
    return path


def screen_lines(app: OrgApp) -> list[str]:
    """The screen as the terminal shows it, row by row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


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
        assert "1 of 49 duties unowned · 21 single points of failure · 1 error · 2 warnings" in header
