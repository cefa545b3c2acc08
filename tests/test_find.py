"""Finding things as a manager types them: pickers, the pane filter (`/`) and Go to (`g`).

One org of look-alike and accented names: Jürgen Ødegaard, three people called Łukasz
Zimmermann in different departments, a "Head of Shop & Platform Nord" held by one of
them and an "Online Shop Manager" held by Eva Roth.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_steps import settle

from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.storage.orgfile import dumps_org
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Picker
from orgtui.ui.tree import Ref

PRICING = "ecommerce_manager.pricing"


def lookalike_org() -> Org:
    catalog = builtin_catalog()
    duties = [d for d in catalog.duties if d != PRICING]
    return Org(
        OrgInfo("Namensvielfalt GmbH", span_of_control=8),
        catalog,
        [
            Department("shop", "Shop & Platform"),
            Department("nord", "Nord", parent="shop"),
            Department("market", "Marketplaces"),
            Department("service", "Kundenservice"),
        ],
        [
            Person("juergen", "Jürgen Ødegaard", 1.0),
            Person("lukasz1", "Łukasz Zimmermann", 1.0),
            Person("lukasz2", "Łukasz Zimmermann", 1.0),
            Person("lukasz3", "Łukasz Zimmermann", 1.0),
            Person("eva", "Eva Roth", 1.0),
        ],
        [
            Position("head_nord", "Head of Shop & Platform Nord", "nord", None, ("lukasz1",), tuple(duties[:3]), 1.0),
            Position("shop_mgr", "Online Shop Manager", "shop", None, ("eva",), (PRICING,), 1.0),
            Position("market_lead", "Marketplace Lead", "market", None, ("lukasz2",), tuple(duties[3:6]), 1.0),
            Position("agent", "Service Agent", "service", None, ("lukasz3", "juergen"), tuple(duties[6:]), 0.5),
            Position("open_role", "Data Analyst", "service", None, (), (), 1.0),
        ],
    )


@pytest.fixture
def lookalikes(tmp_path: Path) -> Path:
    path = tmp_path / "lookalikes.toml"
    path.write_text(dumps_org(lookalike_org()), encoding="utf-8")
    return path


def picker_rows(app: OrgApp) -> list[str]:
    picker = app.screen
    assert isinstance(picker, Picker)
    return [picker.candidates.label(i) for i in picker._shown]


async def test_the_h_picker_tells_three_lukasz_zimmermanns_apart(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.departments.select_key(Ref("position", "open_role"))
        app.departments.focus()
        await pilot.press("h")
        await settle(pilot)
        await pilot.press(*"lukasz zimm")
        await settle(pilot)
        rows = picker_rows(app)
        assert len(rows) == 3
        assert len(set(rows)) == 3, rows  # each names its position and department
        assert any("Marketplace Lead, Marketplaces" in row for row in rows)
        assert any("Head of Shop & Platform Nord, Shop & Platform / Nord" in row for row in rows)


async def test_shop_man_ranks_a_title_match_before_a_surname_match(lookalikes: Path) -> None:
    # `m` on a duty: "shop man" is the Online Shop Manager, not the head whose holder is a Zimmermann
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.roles.focus()
        duty = app.ws.org.positions["market_lead"].duties[0]
        assert app.roles.select_key(("duty", duty, None))
        await pilot.press("m")
        await settle(pilot)
        await pilot.press(*"shop man")
        await settle(pilot)
        rows = picker_rows(app)
        assert rows[0].startswith("Online Shop Manager"), rows
        assert rows[1].startswith("Head of Shop & Platform Nord"), rows  # "man" only in Zimmermann
        await pilot.press("enter")
        await settle(pilot)
        assert app.ws.org.owners(duty) == ("shop_mgr",)


async def test_the_move_picker_finds_juergen_typed_without_the_umlaut(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.departments.select_key(Ref("position", "open_role"))
        app.departments.focus()
        await pilot.press("h")
        await settle(pilot)
        await pilot.press(*"jurgen odegaard")
        await settle(pilot)
        assert [row.split(" — ")[0] for row in picker_rows(app)] == ["Jürgen Ødegaard"]
        await pilot.press("enter")
        await settle(pilot)
        assert "juergen" in app.ws.org.positions["open_role"].holders


def rows(tree) -> list[str]:
    return [tree.label_of(tree.line_key(i)) for i in range(tree.line_count)]


async def test_typing_slash_jurgen_in_people_shows_juergen_odegaard(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.people.focus()
        await pilot.press("slash", *"jurgen")
        await settle(pilot)
        assert [r.split("  ")[0] for r in rows(app.people)] == ["Jürgen Ødegaard"]
        assert app.people.cursor_ref == Ref("person", "juergen")  # the cursor on the first match
        assert "1 of 5" in str(app.people.border_subtitle)
        label = app.people._label(Ref("person", "juergen"))[1]
        underlined = [label.plain[s.start:s.end] for s in label.spans if "underline" in str(s.style)]
        assert underlined == ["Jürgen"]  # the matched part, as written


async def test_slash_juergen_finds_juergen(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.people.focus()
        await pilot.press("ctrl+f", *"juergen")
        await settle(pilot)
        assert app.people.visible_refs == [Ref("person", "juergen")]


async def test_lukasz_zimm_finds_lukasz_zimmermann_with_their_positions_kept_in_departments(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.departments.focus()
        await pilot.press("slash", *"lukasz zimm")
        await settle(pilot)
        shown = app.departments.visible_refs
        holders = [r for r in shown if r.kind == "holder"]
        assert sorted(r.id for r in holders) == ["lukasz1", "lukasz2", "lukasz3"]
        # each under its position and department, so it is clear which one is which
        assert Ref("position", "head_nord") in shown and Ref("department", "nord") in shown
        assert Ref("department", "shop") in shown
        assert Ref("position", "shop_mgr") not in shown
        assert app.departments.cursor_ref in holders


async def test_markt_finds_marktplatz_manager_and_preis_finds_preismanagement(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.roles.focus()
        await pilot.press("slash", *"markt")
        await settle(pilot)
        assert Ref("role", "marketplace_manager") in app.roles.visible_refs
        for _ in "markt":
            await pilot.press("backspace")
        await pilot.press(*"preis")
        await settle(pilot)
        shown = app.roles.visible_refs
        assert Ref("duty", PRICING) in shown and Ref("role", "ecommerce_manager") in shown  # its role kept
        assert Ref("role", "marketplace_manager") not in shown
        catalog = app.ws.org.catalog
        assert all("preis" in catalog.duties[r.id].title_de.lower() for r in shown if r.kind == "duty")


async def test_esc_clears_the_filter(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.people.focus()
        before = app.people.visible_refs
        subtitle = app.people.border_subtitle
        await pilot.press("slash", *"eva", "enter")
        await settle(pilot)
        assert app.people.visible_refs == [Ref("person", "eva")]
        assert app.focused is app.people and app.people.filter is not None  # enter keeps it
        await pilot.press("escape")
        await settle(pilot)
        assert app.people.visible_refs == before
        assert app.people.border_subtitle == subtitle
        assert app.people.cursor_ref == Ref("person", "eva")  # still on what was found


async def test_keys_act_on_a_found_row_after_enter(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.departments.focus()
        await pilot.press("slash", *"data analyst", "enter", "h")
        await settle(pilot)
        assert isinstance(app.screen, Picker)  # `h` on the found position, not typed into the filter
        await pilot.press(*"eva", "enter")
        await settle(pilot)
        assert app.ws.org.positions["open_role"].holders == ("eva",)


async def test_g_then_a_name_then_enter_selects_that_person_in_people(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g", *"odegaard", "enter")
        await settle(pilot)
        assert app.focused is app.people
        assert app.people.cursor_ref == Ref("person", "juergen")


async def test_go_to_a_duty_by_its_german_title_expands_its_role_and_selects_it(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.roles.collapse_line(app.roles.line_of(Ref("role", "ecommerce_manager")))
        await pilot.press("g", *"preismanagement", "enter")
        await settle(pilot)
        assert app.focused is app.roles
        assert app.roles.cursor_ref == Ref("duty", PRICING)


async def test_slash_and_a_name_typed_in_one_burst_all_reach_the_filter(lookalikes: Path) -> None:
    # over SSH "/jur" arrives in one read: the letters must not overtake the `/`
    from textual import events

    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.people.focus()
        await settle(pilot)
        for key, char in (("slash", "/"), ("j", "j"), ("u", "u"), ("r", "r")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert app.people.filter is not None and app.people.filter.query == "jur"
        assert app.people.visible_refs == [Ref("person", "juergen")]


async def test_an_empty_filter_line_shows_every_row(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.people.focus()
        everyone = app.people.visible_refs
        await pilot.press("slash", "x", "backspace")
        await settle(pilot)
        assert app.people.visible_refs == everyone


async def test_the_palette_finds_the_entry_naming_juergen_typed_as_odegaard(lookalikes: Path) -> None:
    from textual.command import CommandList, CommandPalette

    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.people.focus()
        assert app.people.select_key(Ref("person", "juergen"))
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"odegaard")
        await pilot.pause(0.3)
        options = app.screen.query_one(CommandList).options
        first = str(options[0].prompt).split("\n")[0]
        assert first.startswith("Move “Jürgen Ødegaard”"), first
        await pilot.press("escape")


async def test_slash_in_problems_keeps_the_findings_that_name_lukasz_and_esc_brings_all_back(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.problems.focus()
        everything = app.problems.lines_text
        await pilot.press("slash", *"lukasz")
        await settle(pilot)
        found = app.problems.findings_shown
        assert found and all("Łukasz" in f.message for f in found)
        assert len(found) < len([line for line in everything if line.startswith(("✗", "!", "i"))])
        assert app.problems.cursor_finding == found[0]
        await pilot.press("escape")
        await settle(pilot)
        assert app.problems.lines_text == everything


async def test_a_filter_that_matches_nobody_says_so_not_that_the_org_has_no_people(lookalikes: Path) -> None:
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.people.focus()
        await pilot.press("slash", *"zzqx")
        await settle(pilot)
        first_row = app.people.render_line(0).text
        assert "Nothing matches" in first_row and "No people yet" not in first_row
