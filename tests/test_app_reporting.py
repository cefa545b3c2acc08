"""Reporting lines in the app: `v` shows Departments by reporting line, a position dragged
onto a position (or `t` and a pick) reports there now, one ctrl+z undoes it, and a
change that would make a reporting cycle is refused, naming it, before anything changes.

Story: in the online retailer the Shop Developer reports to the Head of E-Commerce, who
reports to the Managing Director.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

from pilot_steps import settle

from orgtui.core.domain.validator import span_of
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Picker
from orgtui.ui.tree import OrgTree

SAMPLE = Path(__file__).resolve().parent.parent / "sample_orgs" / "online-retailer.toml"
SHOP_DEV, HEAD_ECOM, MD = "shop_developer", "head_of_ecommerce", "managing_director"


def copy_of_sample(tmp_path: Path, text: str | None = None) -> Path:
    path = tmp_path / "retailer.toml"
    if text is None:
        shutil.copy(SAMPLE, path)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def manager_in_file(path: Path, position: str) -> str | None:
    positions = tomllib.loads(path.read_text(encoding="utf-8"))["positions"]
    return next(p for p in positions if p["id"] == position).get("reports_to")


def row_above(tree: OrgTree, key: tuple) -> str:
    """The words of the row a row hangs under, as the tree draws it (its parent line)."""
    line = tree.reveal(key)
    assert line >= 0, f"no row {key}"
    depth = tree._line_depth(line)
    parent = next(at for at in range(line - 1, -1, -1) if tree._line_depth(at) == depth - 1)
    return tree.label_of(tree.line_key(parent))


def row_offset(tree: OrgTree, key: tuple, x: int = 8) -> tuple[int, int]:
    """Where a row is on screen, relative to the pane (its border is the first line)."""
    line = tree.reveal(key)
    assert line >= 0, f"no row {key}"
    top = int(tree.scroll_offset.y)
    assert top <= line < top + tree.scrollable_content_region.height, f"row {key} is not on screen"
    return (x, line - top + 1)


async def drag(pilot, tree: OrgTree, source: tuple, target: tuple) -> None:
    """Press on one row, move onto another, release (both must be on screen)."""
    start, end = row_offset(tree, source), row_offset(tree, target)
    await pilot.mouse_down(tree, offset=start)
    await settle(pilot)
    await pilot.hover(tree, offset=end)
    await settle(pilot)
    await pilot.mouse_up(tree, offset=end)
    await settle(pilot)


def told(app: OrgApp) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_pressing_v_on_online_retailer_shows_shop_developer_under_head_of_ecommerce(tmp_path: Path) -> None:
    app = OrgApp(Workspace.open(copy_of_sample(tmp_path)))
    async with app.run_test(size=(160, 80)) as pilot:
        await settle(pilot)
        pane = app.departments
        assert pane.border_title == "Departments · by department"
        assert row_above(pane, ("position", SHOP_DEV, None)).startswith("Shop  (")  # its department
        await pilot.press("2", "v")
        await settle(pilot)
        assert pane.border_title == "Departments · by reporting line"
        assert app.status == "Departments by reporting line"
        assert row_above(pane, ("position", SHOP_DEV, None)).startswith("Head of E-Commerce")
        assert row_above(pane, ("position", HEAD_ECOM, None)).startswith("Managing Director")
        assert pane.label_of(pane.line_key(0)).startswith("Managing Director")  # the top
        assert pane.visible_refs.count(("position", SHOP_DEV, None)) == 1
        # its holders and duties still hang under it
        assert row_above(pane, ("holder", "jonas.weber", SHOP_DEV)).startswith("Shop Developer")
        await pilot.press("v")
        await settle(pilot)
        assert pane.border_title == "Departments · by department"
        assert row_above(pane, ("position", SHOP_DEV, None)).startswith("Shop  (")


async def test_t_on_shop_developer_type_managing_enter_saves_reports_to_and_ctrl_z_restores(tmp_path: Path) -> None:
    path = copy_of_sample(tmp_path)
    app = OrgApp(Workspace.open(path))
    async with app.run_test(size=(160, 80)) as pilot:
        await settle(pilot)
        await pilot.press("2", "v")
        app.departments.select_key(("position", SHOP_DEV, None))
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        assert app.screen.title_text == "Shop Developer (Shopware) reports to…"
        await pilot.press(*"managing", "enter")
        await settle(pilot)
        assert app.status == "Shop Developer (Shopware) reports to Managing Director"
        assert row_above(app.departments, ("position", SHOP_DEV, None)).startswith("Managing Director")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert manager_in_file(path, SHOP_DEV) == MD
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.ws.org.positions[SHOP_DEV].reports_to == HEAD_ECOM
        assert row_above(app.departments, ("position", SHOP_DEV, None)).startswith("Head of E-Commerce")
        # the patched rows are what a fresh index of this org would be
        patched = app.departments.visible_refs
        app.departments.rebuild_rows()
        assert app.departments.visible_refs == patched


async def test_t_offers_nobody_and_makes_a_top(tmp_path: Path) -> None:
    app = OrgApp(Workspace.open(copy_of_sample(tmp_path)))
    async with app.run_test(size=(160, 80)) as pilot:
        await settle(pilot)
        await pilot.press("2", "v")
        app.departments.select_key(("position", SHOP_DEV, None))
        await settle(pilot)
        await pilot.press("t", *"nobody", "enter")
        await settle(pilot)
        assert app.ws.org.positions[SHOP_DEV].reports_to is None
        assert ("position", SHOP_DEV, None) in app.departments.child_refs(None)
        assert app.departments._line_depth(app.departments.line_of(("position", SHOP_DEV, None))) == 0


async def test_a_drag_of_head_of_ecommerce_onto_shop_developer_is_refused_with_the_cycle_named_and_the_file_unchanged(
    tmp_path: Path,
) -> None:
    path = copy_of_sample(tmp_path)
    before = path.read_bytes()
    app = OrgApp(Workspace.open(path))
    async with app.run_test(size=(160, 80)) as pilot:
        await settle(pilot)
        await pilot.press("2", "v")
        await settle(pilot)
        await drag(pilot, app.departments, ("position", HEAD_ECOM, None), ("position", SHOP_DEV, None))
        assert "Head of E-Commerce would report to itself via Shop Developer (Shopware) → Head of E-Commerce" in told(app)
        assert app.ws.org.positions[HEAD_ECOM].reports_to == MD
        assert not app.ws.dirty and not app.ws.history.can_undo
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert path.read_bytes() == before


async def test_dragging_a_position_onto_a_position_makes_it_report_there_in_either_view(tmp_path: Path) -> None:
    app = OrgApp(Workspace.open(copy_of_sample(tmp_path)))
    async with app.run_test(size=(160, 80)) as pilot:
        await settle(pilot)
        await pilot.press("2", "z")  # the whole screen for Departments: both rows in view
        await settle(pilot)
        # by department: onto a position (not a department) means "reports to"
        await drag(pilot, app.departments, ("position", "junior_buyer", None), ("position", "category_manager", None))
        assert app.ws.org.positions["junior_buyer"].reports_to == "category_manager"
        assert app.ws.org.positions["junior_buyer"].department == "category"  # it did not move
        assert app.status == "Junior Buyer reports to Category Manager"
        # by reporting line: it shows under its new manager, and one ctrl+z undoes a drag
        await pilot.press("v")
        await settle(pilot)
        assert row_above(app.departments, ("position", "junior_buyer", None)).startswith("Category Manager")
        await drag(pilot, app.departments, ("position", "junior_buyer", None), ("position", "head_of_category", None))
        assert row_above(app.departments, ("position", "junior_buyer", None)).startswith("Head of Category Management")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert row_above(app.departments, ("position", "junior_buyer", None)).startswith("Category Manager")
        patched = app.departments.visible_refs
        app.departments.rebuild_rows()
        assert app.departments.visible_refs == patched


async def test_v_on_a_file_without_reporting_lines_says_so_and_keeps_the_departments(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    text = re.sub(r'^reports_to = .*\n', "", text, flags=re.M)
    text = re.sub(r'^dotted_to = \[[^\]]*\]\n', "", text, flags=re.M)
    app = OrgApp(Workspace.open(copy_of_sample(tmp_path, text)))
    async with app.run_test(size=(160, 80)) as pilot:
        await settle(pilot)
        assert not app.ws.org.has_reporting_lines
        rows = app.departments.visible_refs
        await pilot.press("2", "v")
        await settle(pilot)
        assert app.status == "This org has no reporting lines yet: select a position and press t to give it a manager"
        assert app.departments.border_title == "Departments"
        assert app.departments.visible_refs == rows


async def test_people_and_department_rows_name_the_manager_and_count_the_reports(tmp_path: Path) -> None:
    app = OrgApp(Workspace.open(copy_of_sample(tmp_path)))
    async with app.run_test(size=(160, 80)) as pilot:
        await settle(pilot)
        jonas = app.people.label_of(("person", "jonas.weber", None))
        assert "→ reports to Head of E-Commerce (Florian Schulze)" in jonas
        head = app.departments.label_of(("position", HEAD_ECOM, None))
        people = span_of(app.ws.org, HEAD_ECOM)  # as the span findings count: people
        assert people > len(app.ws.org.reports_of(HEAD_ECOM))
        assert f"→ Managing Director  {people} reports" in head
        # a new report reads at once in both rows
        await pilot.press("2", "z")
        await settle(pilot)
        await drag(pilot, app.departments, ("position", "junior_buyer", None), ("position", "category_manager", None))
        assert "  2 reports" in app.departments.label_of(("position", "category_manager", None))  # two junior buyers
        assert "→ Category Manager" in app.departments.label_of(("position", "junior_buyer", None))


async def test_a_cycle_in_the_file_shows_once_at_the_top_and_the_tree_stays_finite(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace('id = "managing_director"\n', 'id = "managing_director"\nreports_to = "head_of_ecommerce"\n', 1)
    app = OrgApp(Workspace.open(copy_of_sample(tmp_path, text)))
    async with app.run_test(size=(160, 80)) as pilot:
        await settle(pilot)
        assert app.ws.validator.count("reporting-cycle") == 1
        await pilot.press("2", "v")
        await settle(pilot)
        pane = app.departments
        assert pane.label_of(pane.line_key(0)).startswith("Managing Director")
        assert pane.visible_refs.count(("position", MD, None)) == 1
        assert row_above(pane, ("position", HEAD_ECOM, None)).startswith("Managing Director")
        # breaking the cycle with `t`: the Managing Director reports to nobody, still one row
        pane.select_key(("position", MD, None))
        await pilot.press("t", *"nobody", "enter")
        await settle(pilot)
        assert app.ws.validator.count("reporting-cycle") == 0
        assert pane.visible_refs.count(("position", MD, None)) == 1
        patched = pane.visible_refs
        pane.rebuild_rows()
        assert pane.visible_refs == patched


async def test_t_on_a_held_position_in_people_sets_that_positions_manager(tmp_path: Path) -> None:
    app = OrgApp(Workspace.open(copy_of_sample(tmp_path)))
    async with app.run_test(size=(160, 80)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        app.people.expand_key(("person", "jonas.weber", None))
        app.people.select_key(("held", SHOP_DEV, "jonas.weber"))
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        await pilot.press(*"managing", "enter")
        await settle(pilot)
        assert app.ws.org.positions[SHOP_DEV].reports_to == MD
        assert "→ reports to Managing Director (Katrin Vogel)" in app.people.label_of(("person", "jonas.weber", None))
