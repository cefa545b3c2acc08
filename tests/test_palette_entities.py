"""The command palette finds people, positions, departments, duties and roles as Go to
does: typing "odegaard" lists Jürgen Ødegaard, Enter selects him in People."""

from __future__ import annotations

import sys
from pathlib import Path

from test_find import lookalikes  # noqa: F401  (the fixture: Jürgen Ødegaard, three Łukasz Zimmermann)
from textual.command import CommandList, CommandPalette

from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.finding import go_to_choices
from orgtui.ui.palette import ENTITY_HITS
from orgtui.ui.screens.picker import cached
from orgtui.ui.tree import Ref

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import generate  # noqa: E402
from pilot_steps import settle


async def palette_lines(app: OrgApp, pilot, typed: str) -> list[str]:
    """Open the palette, type, and read the entries' first lines."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*typed)
    await pilot.pause(0.4)  # the palette gathers its hits in a worker, in batches
    return [str(option.prompt).split("\n")[0] for option in app.screen.query_one(CommandList).options]


async def test_typing_odegaard_in_the_palette_lists_juergen_and_enter_selects_him_in_people(lookalikes: Path) -> None:  # noqa: F811
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.roles.focus()  # a role header: no action names Jürgen
        await settle(pilot)
        lines = await palette_lines(app, pilot, "odegaard")
        assert lines[0] == "Jürgen Ødegaard — person · Service Agent, Kundenservice", lines
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)
        assert app.focused is app.people and app.people.cursor_ref == Ref("person", "juergen")


async def test_the_palette_ranks_a_title_before_a_holder_and_keeps_actions_above_entities(lookalikes: Path) -> None:  # noqa: F811
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.people.focus()
        assert app.people.select_key(Ref("person", "eva"))
        await settle(pilot)
        lines = await palette_lines(app, pilot, "shop man")
        # the action naming the selection first, then what the matcher ranks best:
        # the Online Shop Manager (title) before the head whose holder is a Zimmermann
        entities = [line for line in lines if " — " in line]
        assert entities[0].startswith("Online Shop Manager — "), lines
        assert entities.index(next(e for e in entities if e.startswith("Head of Shop & Platform Nord"))) > 0
        await pilot.press("escape")


async def test_at_5000_people_one_letter_lists_at_most_the_cap_and_go_to_shares_the_candidates() -> None:
    app = OrgApp(Workspace(generate.generate(5_000)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        org = app.ws.org
        lines = await palette_lines(app, pilot, "a")
        assert sum(" — " in line for line in lines) == ENTITY_HITS
        built = cached(org, "go_to", go_to_choices)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("g")  # Go to: the very candidates the palette searched, not built again
        await settle(pilot)
        assert app.screen.candidates is built


async def test_a_palette_line_that_does_not_fit_ends_with_an_ellipsis(lookalikes: Path) -> None:  # noqa: F811
    app = OrgApp(Workspace.open(lookalikes))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await palette_lines(app, pilot, "lukasz")
        screen = [strip.text for strip in app.screen._compositor.render_strips()]
        rows = [line for line in screen if "Łukasz Zimmermann — person" in line]
        assert len(rows) == 3
        assert rows[0].rstrip().endswith("Shop & Platform …"), rows  # the long one is cut and says so
        commands = app.screen.query_one(CommandList)
        assert commands.virtual_size.height == 2 * commands.option_count  # a title and a help line each: none wraps
