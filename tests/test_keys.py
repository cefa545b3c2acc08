"""Keys as a user types them in the real app: bursts at dialogs, what the footer offers,
the command palette, the help screen and a remapped key."""

from __future__ import annotations

from pathlib import Path

from pilot_steps import settle
from textual import events
from textual.widgets import Input

from orgtui.core.domain.edits import AddPerson
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Choice, HelpScreen, Picker


def burst(app: OrgApp, *keys: str) -> None:
    """Send keys as one read from the terminal (as SSH delivers them): no idle in between."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


# -- bursts at dialogs -----------------------------------------------------------------


async def test_cc_at_the_quit_question_cancels_once_and_the_app_keeps_running(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.edit(AddPerson("Zed"))  # an unsaved edit, so quitting asks
        await settle(pilot)
        assert app.ws.dirty
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, Choice) and app.screen.title_text == "You have unsaved changes"
        burst(app, "c", "c")
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, Choice)
        assert app.ws.dirty


async def test_a_name_typed_in_one_burst_with_m_lands_in_the_picker_and_enter_moves(retailer: Path) -> None:
    """Over SSH `m`, the letters and Enter often come in one read: Textual hands them all to
    the pane before `m` has opened the picker. The letters must reach the picker's filter
    (they were lost), and Enter must pick what they match."""
    feedback, head_cs = "customer_service_manager.customer_input", "head_of_service"
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.roles.focus()
        app.roles.select_key(("duty", feedback, None))
        await settle(pilot)
        assert app.ws.org.owners(feedback) == ()
        burst(app, "m", *"teamlead customer", "enter")
        await settle(pilot)
        assert app.ws.org.owners(feedback) == (head_cs,)
        assert not isinstance(app.screen, Picker)
        burst(app, "m", *"zzz")  # no Enter: the picker stays, showing what was typed
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        assert app.screen.query_one("#picker-filter", Input).value == "zzz"


# -- the footer shows what applies to the selected row ---------------------------------


def footer_ids(app: OrgApp) -> set[str]:
    """The binding ids the footer shows now."""
    return {b.binding.id for b in app.screen.active_bindings.values() if b.binding.show and b.enabled}


async def select(pilot, pane, key: tuple) -> None:
    pane.focus()
    assert pane.select_key(key)
    await settle(pilot)


async def test_the_footer_offers_assign_and_holder_only_on_a_position(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, app.departments, ("department", "service", None))
        assert {"move", "remove"} <= footer_ids(app)
        assert not {"assign_duty", "add_holder"} & footer_ids(app)
        await pilot.press("a")  # not shown, and does nothing: no picker opens
        await settle(pilot)
        assert app.screen is app.screen_stack[0]

        await select(pilot, app.departments, ("position", "head_of_service", None))
        assert {"move", "assign_duty", "add_holder", "remove"} <= footer_ids(app)


async def test_a_role_header_offers_move_but_not_remove_and_undo_appears_after_an_edit(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, app.roles, ("role", "ecommerce_manager", None))
        shown = footer_ids(app)
        # m on a role gives a position its duties; a role cannot be removed
        assert "move" in shown and "remove" not in shown and "undo" not in shown
        await pilot.press("n")  # the unowned duty: it can be moved, there is nothing to unassign
        await settle(pilot)
        assert "move" in footer_ids(app) and "remove" not in footer_ids(app)
        app.edit(AddPerson("Zed"))
        await settle(pilot)
        assert "undo" in footer_ids(app)


async def test_moving_the_cursor_changes_the_footer_without_any_other_event(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, app.departments, ("department", "management", None))
        assert "add_holder" not in footer_ids(app)
        await pilot.press("down")  # onto the department's first position
        await settle(pilot)
        assert app.departments.cursor_ref.kind == "position"
        assert "add_holder" in footer_ids(app)


# -- the command palette knows the selection ---------------------------------------------


async def palette_titles(app: OrgApp, pilot) -> list[str]:
    """Open the palette over the current selection and read what it lists."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(app.screen, CommandPalette)
    await pilot.pause(0.2)  # the palette gathers its entries in a worker
    options = app.screen.query_one(CommandList).options
    titles = [str(option.prompt).split("\n")[0] for option in options]
    await pilot.press("escape")
    await settle(pilot)
    return titles


async def test_the_palette_names_the_selected_position_and_runs_the_move_for_it(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, app.departments, ("position", "head_of_service", None))
        titles = await palette_titles(app, pilot)
        assert "Move “Teamlead Customer Service”…" in titles
        assert "Add a holder to “Teamlead Customer Service”…" in titles
        assert not any(t.startswith("Undo") for t in titles)  # nothing to undo yet
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Move “Teamlead")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await settle(pilot)
        from orgtui.ui.screens import Picker

        assert isinstance(app.screen, Picker)
        assert app.screen.title_text == "Move Teamlead Customer Service to department"


async def test_the_palette_says_what_undo_would_undo(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        label = app.edit(AddPerson("Zed")).label
        await settle(pilot)
        assert f"Undo: {label}" in await palette_titles(app, pilot)


async def test_the_palette_has_no_two_entries_for_one_thing(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = await palette_titles(app, pilot)
        assert len(titles) == len(set(titles)), titles
        for duplicate in ("Keys", "Maximize", "Maximise or restore pane", "Help"):
            assert duplicate not in titles
        assert titles.count("Quit") == 1 and "Keys and help" in titles


# -- help, README and a remapped key all come from the one table -------------------------


def help_text(app: OrgApp) -> str:
    from textual.widgets import Static


    assert isinstance(app.screen, HelpScreen)
    table = app.screen.query_one("#help-table", Static)
    return "\n".join(line.text for line in app.screen.query_one("#help-table").render_lines(table.region.reset_offset))


async def test_help_shows_keys_as_typed_the_mouse_and_the_row_marks(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = help_text(app)
        assert "? / f1" in text and "question_mark" not in text
        assert "x / del" in text and "ctrl+s" in text
        for mark in ("✓", "!", "✗", "•", "@", "○", "▶"):
            assert mark in text, mark
        assert "drag a duty" in text and "Save as…" in text


async def test_a_remapped_key_works_and_shows_in_footer_help_and_hints(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer), keymap={"move": "M", "undo": "ctrl+u"})
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # the unowned duty
        await settle(pilot)
        keys = {key for key, b in app.screen.active_bindings.items() if b.binding.id == "move"}
        assert keys == {"M"}
        await pilot.press("m")  # the old key does nothing now
        await settle(pilot)
        from orgtui.ui.screens import Picker

        assert not isinstance(app.screen, Picker)
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = help_text(app)
        assert "M " in text and "ctrl+u" in text
        await pilot.press("escape")
        await select(pilot, app.departments, ("position", "head_of_service", None))
        await pilot.press("x")  # asks first, with the undo key as it is now
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        assert "You can undo this with ctrl+u." in "\n".join(app.screen.lines)


def test_every_action_names_a_predicate_and_an_action_of_the_app() -> None:
    from orgtui.ui.action_table import ACTIONS
    from orgtui.ui.applies import PREDICATES

    for action in ACTIONS:
        assert action.when in PREDICATES, f"{action.id}: no predicate {action.when!r} in ui/applies.py"
        assert hasattr(OrgApp, f"action_{action.action_name}"), f"{action.id}: OrgApp has no action_{action.action_name}"
    ids = [a.id for a in ACTIONS]
    assert len(ids) == len(set(ids)), "binding ids must be unique"


def test_the_readme_key_table_is_the_action_table() -> None:
    from orgtui.ui.action_table import markdown

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- keys: python -m orgtui.ui.action_table --markdown -->\n", "<!-- /keys -->"
    assert start in readme and end in readme, "the README's key table lost its markers"
    table = readme.split(start, 1)[1].split(end, 1)[0]
    assert table == markdown(), "README key table is stale: regenerate it with python -m orgtui.ui.action_table --markdown"


def test_the_action_table_prints_the_readme_table_without_loading_textual() -> None:
    import subprocess
    import sys

    code = "import sys, runpy; sys.argv = ['x', '--markdown']; runpy.run_module('orgtui.ui.action_table', run_name='__main__')"
    check = "import sys; assert 'textual' not in sys.modules and 'rich' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", f"{code}\n"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "| `m` |" in result.stdout
    pure = subprocess.run([sys.executable, "-c", f"import orgtui.ui.action_table\n{check}"], capture_output=True, text=True, check=False)
    assert pure.returncode == 0, pure.stderr
