"""From finding to fix in the app: suggestions on a duty (s), Fix all (F), if X leaves (w)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from pilot_steps import settle

from orgtui.core.domain.edits import AssignDuty
from orgtui.core.domain.org import Org, Position
from orgtui.core.storage.orgfile import dumps_org, load_org
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.panes import problem_hints
from orgtui.ui.screens import Choice, Picker

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
CROSS_TEAM = "ecommerce_manager.cross_team_link"  # the first unowned duty of before-reorg


@pytest.fixture
def before_reorg(tmp_path: Path) -> Path:
    path = tmp_path / "before-reorg.toml"
    shutil.copy(SAMPLES / "before-reorg.toml", path)
    return path


def problems_text(app: OrgApp) -> list[str]:
    return [app.problems.label_of(f) for f in app.problems.findings_shown]


async def hints_worked_out(pilot) -> None:
    """Until the Problems pane's suggestion worker has answered what is on screen."""
    for _ in range(50):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not pilot.app.workers:
            return
    raise AssertionError("the suggestions were never worked out")


def row_of(app: OrgApp, words: str) -> str:
    return next(r for r in problems_text(app) if words in r)


async def test_the_suggestion_key_on_the_first_unowned_duty_then_enter_owns_it_and_undo_restores_it(before_reorg):
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        assert app.sub_title.startswith("19 of 51 duties unowned")
        await pilot.press("1", "n")  # Roles, the first unowned duty
        await settle(pilot)
        assert app.roles.cursor_ref.id == CROSS_TEAM
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        first = app.screen.choices[0][1]
        assert first.startswith("Vertriebsleiter takes it on")  # the title names the duty; a row its position
        assert "its role is E-Commerce Manager" in first
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, Picker)
        assert app.ws.org.owners(CROSS_TEAM) == ("vertriebsleiter",)
        assert app.sub_title.startswith("18 of 51 duties unowned")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.ws.org.owners(CROSS_TEAM) == ()
        assert app.sub_title.startswith("19 of 51 duties unowned")


async def test_a_problems_row_shows_its_top_suggestion_and_the_key_works_there_too(before_reorg):
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(140, 44)) as pilot:
        await hints_worked_out(pilot)
        cross = row_of(app, "Link between marketing")
        assert cross.endswith("→ Assign “Link between marketing, sales, logistics and creative” to Vertriebsleiter")
        await pilot.press("4")
        await settle(pilot)
        app.problems.select_first()  # the first error: the first unowned duty
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, Picker) and "Link between marketing" in app.screen.title_text
        await pilot.press("escape")
        await settle(pilot)
        assert app.ws.org.owners(CROSS_TEAM) == ()  # Esc: nothing applied


PRESENTATION = "ecommerce_manager.product_presentation"  # split between two positions


async def test_a_suggestion_scrolled_into_view_shows_and_follows_an_edit(before_reorg):
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(140, 44)) as pilot:
        await hints_worked_out(pilot)
        problems = app.problems
        line = next(i for i in range(problems.line_count) if "Product presentation" in problems.label_of(problems.line_key(i)))
        assert line > problems.size.height  # below the screen: not worked out yet
        assert "→" not in row_of(app, "Product presentation")
        problems.scroll_to_line(line)
        await hints_worked_out(pilot)
        assert row_of(app, "Product presentation").endswith(
            "→ Keep “Product presentation” with Webshop-Verantwortlicher (unassign it from Marketingleiter)")
        app.edit(AssignDuty(PRESENTATION, "vertriebsleiter"))  # split three ways now
        await hints_worked_out(pilot)
        assert row_of(app, "Product presentation").endswith(
            "→ Keep “Product presentation” with Vertriebsleiter (unassign it from Webshop-Verantwortlicher, Marketingleiter)")


async def test_an_edit_works_out_again_only_the_suggestions_it_can_change(before_reorg, monkeypatch):
    asked: list[str] = []
    real = problem_hints.hints

    def counted(org, validator, duties, between=None):
        for duty, text in real(org, validator, duties, between):
            asked.append(duty)
            yield duty, text

    monkeypatch.setattr(problem_hints, "hints", counted)
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(140, 44)) as pilot:
        problems = app.problems
        line = next(i for i in range(problems.line_count) if "Product presentation" in problems.label_of(problems.line_key(i)))
        problems.scroll_to_line(line)
        await hints_worked_out(pilot)
        assert PRESENTATION in asked
        asked.clear()
        # the Lager & Versand position owns no share of Product presentation, nor do its holders
        app.edit(AssignDuty("ux_designer.mockups", "lager_versand"))
        await hints_worked_out(pilot)
        assert PRESENTATION not in asked and row_of(app, "Product presentation").endswith("(unassign it from Marketingleiter)")
        app.edit(AssignDuty(PRESENTATION, "lager_versand"))  # now it does
        await hints_worked_out(pilot)
        assert PRESENTATION in asked and "Lager" in row_of(app, "Product presentation")


async def test_an_org_with_many_positions_and_duty_problems_still_shows_the_top_suggestions(tmp_path):
    # The pane used to hint nothing above 10,000 positions × duty problems (a 50,000-person
    # org saw no hints); the duties of one run now share what is known about every position.
    org = load_org(SAMPLES / "before-reorg.toml").org
    department = next(iter(org.departments))
    extra = [Position(f"extra{i}", f"Extra post {i}", department) for i in range(600)]
    big = Org(org.info, org.catalog, org.departments.values(), org.people.values(), [*org.positions.values(), *extra],
              catalog_ref=org.catalog_ref)
    path = tmp_path / "big.toml"
    path.write_text(dumps_org(big), encoding="utf-8")
    app = OrgApp(Workspace.open(path))
    async with app.run_test(size=(200, 44)) as pilot:
        assert len(app.ws.org.positions) * app.ws.validator.count("unowned-duty") > 10_000
        await hints_worked_out(pilot)
        assert row_of(app, "Link between marketing").endswith(
            "→ Assign “Link between marketing, sales, logistics and creative” to Vertriebsleiter")


async def test_keys_are_handled_while_the_suggestions_are_worked_out(before_reorg, monkeypatch):
    release = threading.Event()
    asked: list[str] = []

    def slow_hints(org, validator, duties, between=None):  # suggestions that take until the test says so
        for duty in duties:
            asked.append(duty)
            release.wait(10)
            yield duty, "→ slow"

    monkeypatch.setattr(problem_hints, "hints", slow_hints)
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        assert asked  # the worker is on it, and waits
        app.edit(AssignDuty(CROSS_TEAM, "vertriebsleiter"))
        await settle(pilot)
        assert app.sub_title.startswith("18 of 51 duties unowned")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.sub_title.startswith("19 of 51 duties unowned") and app.status.startswith("Undid:")
        assert "→ slow" not in row_of(app, "Link between marketing")
        release.set()
        await hints_worked_out(pilot)
        assert row_of(app, "Link between marketing").endswith("→ slow")  # worked out for the org as it is now


async def test_fix_all_shows_the_plan_first_and_applies_it_as_one_undoable_step(before_reorg):
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        text = "\n".join(app.screen.lines)
        assert text.startswith("19 changes (19 assignments, 0 removals)")
        assert "“Creating mock-ups” (UX Designer) [ux_designer.mockups]: assigned to “eBay-Shop-Betreuung”" in text
        assert app.ws.validator.count("unowned-duty") == 19  # shown, not applied
        await pilot.press("enter")
        await settle(pilot)
        assert app.ws.validator.count("unowned-duty") == 0
        assert app.sub_title.startswith("0 of 51 duties unowned")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.ws.validator.count("unowned-duty") == 19 and not app.ws.history.can_undo


async def test_fix_all_is_in_the_command_palette(before_reorg):
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        from orgtui.ui.palette import entries

        assert "Fix all unowned duties…" in {title for title, _, _ in entries(app)}


async def test_if_a_person_leaves_shows_what_appears_and_a_plan_without_changing_the_file(before_reorg):
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert app.people.select_key(("person", "tobias.wendt", None))
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, Choice) and app.screen.title_text == "If Tobias Wendt leaves"
        text = "\n".join(app.screen.lines)
        assert text.startswith("4 duty(ies) would be left to nobody.")
        assert "warning: “Building the online shop” is owned only by vacant positions" in text
        assert "tobias.wendt" in app.ws.org.people and not app.ws.dirty  # nothing changed
        await pilot.press("p")  # Plan without them
        await settle(pilot)
        assert isinstance(app.screen, Choice) and app.screen.title_text == "If Tobias Wendt leaves: the plan"
        await pilot.press("enter")
        await settle(pilot)
        assert "tobias.wendt" not in app.ws.org.people
        assert app.ws.validator.count("unowned-duty") == 0
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "tobias.wendt" in app.ws.org.people and app.ws.validator.count("unowned-duty") == 19


async def test_the_header_counts_single_points_of_failure_next_to_the_unowned(before_reorg):
    app = OrgApp(Workspace.open(before_reorg))
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        assert app.sub_title.startswith("19 of 51 duties unowned · 17 single points of failure")
