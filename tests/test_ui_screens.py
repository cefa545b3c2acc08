"""The modal screens, driven like a user would: type, press keys, click buttons.

Each test pushes one screen on a tiny host app and reads what it was dismissed with.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest
from pilot_steps import calls_to, screen_lines
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from orgtui.ui.screens import Choice, FormField, FormScreen, HelpScreen, Picker
from orgtui.ui.screens.picker import BUILD_BESIDE_FROM, LIMIT, PickerList

ODD_NAMES = ["[bold red]Eve[/]", "Bob [/]", "[@click=app.quit]x", "Esc\x1b[31mred"]
CHOICES = [
    ("returns", "Returns"),
    ("retail", "Retail Ops"),
    ("cs", "Customer Service"),
    ("eve", ODD_NAMES[0]),
    ("bob", ODD_NAMES[1]),
    ("click", ODD_NAMES[2]),
    ("esc", ODD_NAMES[3]),
]


class Host(App[None]):
    """Pushes one screen when it starts and records what the screen is dismissed with."""

    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make = make
        self.results: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Label("the org behind the dialog")

    def on_mount(self) -> None:
        self.push_screen(self.make(), self.results.append)


def burst(app: App[Any], *keys: str) -> None:
    """Send keys as one read from the terminal (as SSH delivers them): no idle in between."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


def prompts(app: App[Any]) -> list[str]:
    """The text of every option the picker shows, as plain strings."""
    return [str(option.prompt) for option in app.screen.query_one(PickerList).rows]


def rendered_lines(app: App[Any]) -> list[str]:
    """The option list's lines as the terminal would get them (no borders)."""
    options = app.screen.query_one(PickerList)
    return [options.render_line(y).text for y in range(options.scrollable_content_region.height)]


def picker(choices: list[tuple[str, str]] = CHOICES, **kwargs: Any) -> Host:
    return Host(lambda: Picker("Pick a duty", choices, **kwargs))


# -- Picker ----------------------------------------------------------------------------


async def test_typing_ret_leaves_only_matching_labels_and_enter_returns_the_id() -> None:
    app = picker()
    async with app.run_test(size=(80, 24)) as pilot:
        assert len(prompts(app)) == len(CHOICES)
        await pilot.press(*"ret")
        assert prompts(app) == ["Returns", "Retail Ops"]
        await pilot.press("enter")
    assert app.results == ["returns"]


async def test_down_then_enter_picks_the_second_match() -> None:
    app = picker()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"RET", "down", "enter")
    assert app.results == ["retail"]


async def test_every_word_must_occur_in_the_label_or_the_id() -> None:
    app = picker()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"ops re")
        assert prompts(app) == ["Retail Ops"]
        await pilot.press("ctrl+u", *"cs")  # matches the id "cs" (and no label)
        assert prompts(app) == ["Customer Service"]


async def test_escape_returns_none() -> None:
    app = picker()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"ret", "escape")
    assert app.results == [None]


async def test_odd_names_are_shown_literally_and_do_not_crash() -> None:
    app = picker()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = prompts(app)
        assert "[bold red]Eve[/]" in shown
        assert "Bob [/]" in shown
        assert "[@click=app.quit]x" in shown
        assert "Esc\\x1b[31mred" in shown  # the ESC is made visible, not sent
        lines = "\n".join(rendered_lines(app))
        assert "[bold red]Eve[/]" in lines and "Bob [/]" in lines and "[@click=app.quit]x" in lines
        assert "\x1b" not in lines
        await pilot.press(*"eve", "enter")
    assert app.results == ["eve"]


async def test_a_label_wider_than_the_list_ends_with_an_ellipsis_on_its_own_line() -> None:
    long = "Head of Shop & Platform Nord · Łukasz Zimmermann · E-Commerce / Shop / Plattform / Nord"
    app = picker([("long", long), ("next", "Next choice")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = [line.rstrip() for line in rendered_lines(app)]
        # one row per choice: the long one is cut with "…", the next choice is the next row
        assert lines[0].endswith("…") and long.startswith(lines[0][:-1].rstrip())
        assert lines[1] == "Next choice"
        await pilot.press("down", "enter")
    assert app.results == ["next"]


async def test_clicking_an_option_picks_it() -> None:
    app = picker()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # row 0 is the list's top border, row 1 the first option, row 2 the second
        await pilot.click("#picker-options", offset=(4, 2))
    assert app.results == ["retail"]


async def test_no_match_says_so_and_enter_does_nothing() -> None:
    app = picker()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"zzz")
        assert prompts(app) == ["Nothing matches “zzz”"]
        await pilot.press("enter")
        assert app.results == []
        assert isinstance(app.screen, Picker)
        await pilot.press("backspace", "backspace", "backspace")
        assert len(prompts(app)) == len(CHOICES)


async def test_initial_choice_is_highlighted() -> None:
    app = picker(initial="cs")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
    assert app.results == ["cs"]


async def test_a_pool_position_naming_hundreds_of_holders_shows_short_and_still_matches_the_last() -> None:
    holders = ", ".join(f"Holder {i}" for i in range(200)) + ", Zebra Last"
    app = picker([("pool", f"Warehouse Picker — Logistics · {holders}"), ("cs", "Customer Service")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = prompts(app)[0]
        assert shown.startswith("Warehouse Picker — Logistics · Holder 0") and shown.endswith("…") and len(shown) < 200
        await pilot.press(*"zebra")
        assert [p[:16] for p in prompts(app)] == ["Warehouse Picker"]
        await pilot.press("enter")
    assert app.results == ["pool"]


async def test_five_thousand_choices_show_at_most_the_limit_and_filter() -> None:
    many = [(f"p{i}", f"Person {i}") for i in range(5000)]
    app = picker(many)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = app.screen.query_one(PickerList).rows
        assert len(shown) == LIMIT + 1
        assert shown[-1].disabled and str(shown[-1].prompt) == f"… {5000 - LIMIT:,} more, type to narrow"
        await pilot.press("pagedown")
        assert app.screen.query_one(PickerList).highlighted > 0
        await pilot.press(*"4999")
        await until_index_built(pilot)
        assert prompts(app) == ["Person 4999"]
        await pilot.press("enter")
    assert app.results == ["p4999"]


async def until_index_built(pilot: Any) -> None:
    """A big list's index is built in a thread beside the UI; wait for it and its answer."""
    for _ in range(500):
        if pilot.app.screen.candidates.ready:
            break
        await pilot.pause(0.02)
    await pilot.pause()
    await pilot.pause()


async def test_what_is_typed_before_a_big_list_is_ready_is_shown_once_it_is(monkeypatch) -> None:
    from orgtui.ui.screens import picker as picker_module

    monkeypatch.setattr(picker_module, "PREPARE_AFTER", 1.0)  # the thread starts after the check below
    many = [(f"p{i}", f"Person {i}") for i in range(BUILD_BESIDE_FROM * 2)]
    app = picker(many)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, *"3001")  # at once, before the index thread has started
        await pilot.pause()
        assert not app.screen.candidates.ready and "searching" in status_text(app)
        await until_index_built(pilot)
        assert prompts(app) == ["Person 3001"] and "1 of" in status_text(app)
        await pilot.press("escape")
    assert app.results == [None]


async def test_enter_right_after_typing_picks_what_was_typed_even_before_the_index_is_ready() -> None:
    many = [(f"p{i}", f"Person {i}") for i in range(BUILD_BESIDE_FROM * 2)]
    app = picker(many)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, *"3001", "enter")  # as one read from the terminal
        await pilot.pause()
        await pilot.pause()
    assert app.results == ["p3001"]


def status_text(app: App[Any]) -> str:
    return str(app.screen.query_one("#picker-status", Label).render())


@pytest.mark.parametrize("width", [44, 48, 52, 56, 60, 64, 80])
async def test_the_picker_status_line_is_shown_whole_when_typing_makes_it_wrap_or_unwrap(width: int) -> None:
    """The status line ('1,111 of 5,000  ↑↓ move …') is redrawn without a layout while it
    stays on one line; when a letter makes it longer than the dialog is wide, or short
    again, the dialog makes room: every word of it is on screen after each letter."""
    many = [(f"p{i}", f"Person {i}") for i in range(5000)]
    app = picker(many)
    async with app.run_test(size=(width, 30)) as pilot:
        for typed in ("", "1", "12", "1", ""):
            field = app.screen.query_one("#picker-filter", Input)
            field.value = typed
            await pilot.pause()
            await pilot.pause()
            screen = "\n".join(screen_lines(app))
            words = status_text(app).split()
            assert words and all(word in screen for word in words), (typed, status_text(app))


async def test_a_filter_longer_than_its_box_shows_its_end_where_the_cursor_is() -> None:
    # the filter scrolls by its virtual size without a layout of the screen: what is typed
    # last must still be on screen
    long = [("x", "Returns " + "abcdefghij" * 12)]
    app = picker(long)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        typed = "returns " + "abcdefghij" * 6 + "XYZ"
        await pilot.press(*typed)
        await pilot.pause()
        screen = "\n".join(screen_lines(app))
        assert "hijXYZ" in screen
        await pilot.press("home")
        await pilot.pause()
        assert "returns abc" in "\n".join(screen_lines(app))


async def test_a_typed_letter_lays_nothing_out_while_the_list_keeps_its_scrollbar() -> None:
    many = [(f"p{i}", f"Person {i}") for i in range(5000)] + [(f"z{j}", f"Zed {j}") for j in range(30)]
    app = picker(many)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await until_index_built(pilot)
        screen = app.screen
        layouts = calls_to(screen, "_refresh_layout")
        await pilot.press("z")  # 101 rows → 30: still more than fit, the scrollbar stays
        await pilot.pause()
        await pilot.pause()
        assert len(prompts(app)) == 30 and all(p.startswith("Zed") for p in prompts(app))
        assert layouts == []
        assert "Zed 0" in "\n".join(screen_lines(app))


async def test_a_typed_letter_shows_itself_and_the_narrowed_list_in_one_frame() -> None:
    # Textual draws at most 60 frames a second: a list narrowed a step after the letter's
    # own frame came 25-30 ms after it, and the letter was answered by the later frame
    many = [(f"p{i}", f"Person {i}") for i in range(300)] + [(f"z{j}", f"Zed {j}") for j in range(3)]
    app = picker(many)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        compositor = screen._compositor
        frames: list[str] = []
        update = compositor.render_update

        def drawn(*args, **kwargs):
            frames.append("\n".join(line.text for line in compositor.render_strips()))
            return update(*args, **kwargs)

        compositor.render_update = drawn
        await pilot.press("z")
        for _ in range(4):
            await pilot.pause()
        assert prompts(app) == ["Zed 0", "Zed 1", "Zed 2"]
        assert len(frames) == 1, f"{len(frames)} frames for one letter"
        assert "Zed 2" in frames[0] and "Person 1" not in frames[0]


async def test_the_list_gets_and_loses_its_scrollbar_as_typing_narrows_and_widens_it() -> None:
    many = [(f"p{i}", f"Person {i}") for i in range(5000)]
    app = picker(many)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await until_index_built(pilot)
        options = app.screen.query_one(PickerList)
        assert options.show_vertical_scrollbar
        await pilot.press(*"4999")
        await pilot.pause()
        await pilot.pause()
        assert prompts(app) == ["Person 4999"] and not options.show_vertical_scrollbar
        assert "Person 4999" in "\n".join(screen_lines(app))
        for _ in range(4):
            await pilot.press("backspace")
        await pilot.pause()
        await pilot.pause()
        assert options.show_vertical_scrollbar and len(prompts(app)) == LIMIT + 1
        # the rows are drawn beside the scrollbar, not under it
        assert rendered_lines(app)[0].rstrip() == "Person 0"
        assert len(rendered_lines(app)[0]) == options.size.width - options.scrollbar_size_vertical


# -- FormScreen ------------------------------------------------------------------------


def needs_name(values: dict[str, str]) -> str | None:
    return None if values["name"].strip() else "enter a name"


def form(check: Callable[[dict[str, str]], str | None] = needs_name) -> Host:
    fields = [FormField("name", "Name", placeholder="as they write it"), FormField("capacity", "Capacity (FTE)", "1.0")]
    return Host(lambda: FormScreen("Add person", fields, check, submit_label="Add"))


def error_text(app: App[Any]) -> str:
    return str(app.screen.query_one("#form-error", Static).visual)


async def test_form_disables_submit_until_valid_and_says_why_once_the_user_acts() -> None:
    app = form()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert error_text(app) == ""  # nothing typed yet: the form does not object ...
        assert app.screen.query_one("#form-submit", Button).disabled  # ... but OK is off
        await pilot.press("enter")  # invalid: nothing happens but the reason
        assert app.results == [] and isinstance(app.screen, FormScreen)
        assert error_text(app) == "enter a name"
        await pilot.press(*"Anna")
        assert error_text(app) == ""
        assert not app.screen.query_one("#form-submit", Button).disabled
        await pilot.press("enter")
    assert app.results == [{"name": "Anna", "capacity": "1.0"}]


async def test_form_submit_button_returns_the_values() -> None:
    app = form()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Ben", "tab")
        await pilot.press("ctrl+a", "ctrl+k", *"0.5")
        await pilot.click("#form-submit")
    assert app.results == [{"name": "Ben", "capacity": "0.5"}]


async def test_form_survives_a_check_that_raises() -> None:
    def check(values: dict[str, str]) -> str | None:
        if values["name"] == "boom":
            raise RuntimeError("[bold]boom[/] broke")
        float(values["capacity"])  # ValueError on anything but a number
        return None

    app = form(check)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"boom")
        assert error_text(app) == "[bold]boom[/] broke"
        assert app.screen.query_one("#form-submit", Button).disabled
        await pilot.press("enter")
        assert app.results == []
        await pilot.press("ctrl+a", "ctrl+k", *"Cleo", "tab", "ctrl+a", "ctrl+k", *"lots")
        assert "could not convert" in error_text(app)
        await pilot.press("ctrl+a", "ctrl+k", "2", "enter")
    assert app.results == [{"name": "Cleo", "capacity": "2"}]


async def test_form_escape_and_cancel_return_none() -> None:
    app = form()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Anna", "escape")
        app.push_screen(FormScreen("Again", [FormField("name", "Name")], needs_name), app.results.append)
        await pilot.pause()
        await pilot.click("#form-cancel")
    assert app.results == [None, None]


async def test_form_shows_odd_values_inert() -> None:
    fields = [FormField("name", "[b]Name[/]", "Eve\x1b[31m", placeholder="[@click=app.quit]")]
    app = Host(lambda: FormScreen("Rename [/]", fields, lambda values: None))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(Input).value == "Eve\\x1b[31m"
        await pilot.press("enter")
    assert app.results == [{"name": "Eve\\x1b[31m"}]


# -- Choice ----------------------------------------------------------------------------


def unsaved() -> Host:
    buttons = [("save", "Save"), ("discard", "Discard"), ("cancel", "Cancel")]
    return Host(lambda: Choice("You have unsaved changes", ["Save them before you quit?"], buttons, default="save"))


async def test_choice_returns_the_clicked_button() -> None:
    app = unsaved()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#choice-1")
    assert app.results == ["discard"]


async def test_choice_first_letter_presses_the_button() -> None:
    app = unsaved()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        app.push_screen(unsaved().make(), app.results.append)
        await pilot.pause()
        await pilot.press("C")
    assert app.results == ["discard", "cancel"]


async def test_choice_default_has_the_focus_and_enter_presses_it() -> None:
    app = unsaved()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "choice-0"
        await pilot.press("enter")
    assert app.results == ["save"]


async def test_choice_ambiguous_letters_do_nothing_and_escape_returns_none() -> None:
    buttons = [("save", "Save"), ("skip", "Skip")]
    app = Host(lambda: Choice("Remove [b]x[/]?", ["this will [/] remove"] * 50, buttons))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert app.results == [] and isinstance(app.screen, Choice)
        await pilot.press("escape")
    assert app.results == [None]


async def test_two_letters_in_one_burst_answer_once_and_the_app_lives() -> None:
    """`rr` at the lock dialog: the first r answers, the second goes nowhere."""
    buttons = [("read", "Read-only"), ("take", "Take over"), ("quit", "Quit")]
    app = Host(lambda: Choice("team.org.toml is being edited by alice", [], buttons, default="read"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "r", "r")
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        assert not isinstance(app.screen, Choice)
    assert app.results == ["read"]


async def test_the_rest_of_a_burst_never_answers_the_next_dialog() -> None:
    """`ss` at "Restore unsaved edits?" whose answer opens another question: that one stays."""

    class AsksTwice(App[None]):
        def __init__(self) -> None:
            super().__init__()
            self.results: list[Any] = []

        def on_mount(self) -> None:
            first = Choice("Restore unsaved edits?", [], [("restore", "Restore"), ("show", "Show differences")])
            self.push_screen(first, self.show_differences)

        def show_differences(self, result: Any) -> None:
            self.results.append(result)
            self.push_screen(Choice("Kept edits, compared", [], [("restore", "Restore"), ("later", "Later")]),
                             self.results.append)

    app = AsksTwice()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "s", "s")
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, Choice), (app.screen, app.results)
        assert app.screen.title_text == "Kept edits, compared"
    assert app.results == ["show"]


async def test_enter_twice_in_one_burst_picks_once() -> None:
    app = picker()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "enter", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
    assert app.results == ["returns"]


async def test_enter_twice_in_one_burst_submits_a_form_once() -> None:
    app = Host(lambda: FormScreen("Rename", [FormField("name", "Name", "Anna")], needs_name))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "enter", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
    assert app.results == [{"name": "Anna"}]


# -- HelpScreen ------------------------------------------------------------------------


def help_app() -> Host:
    keys = [("ctrl+s", "Save"), ("ctrl+z", "Undo"), ("[b]x[/b]", "a key named like [/] markup")] * 10
    return Host(lambda: HelpScreen("orgtui keys", [("Keys", keys), ("Mouse", [("drag a duty", "onto a position")])]))


async def test_help_opens_and_closes_with_escape() -> None:
    app = help_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
    assert app.results == [None]


async def test_help_closes_with_q_question_mark_and_f1() -> None:
    app = help_app()
    async with app.run_test(size=(160, 48)) as pilot:
        for key in ("q", "question_mark", "f1"):
            if not isinstance(app.screen, HelpScreen):
                app.push_screen(help_app().make(), app.results.append)
                await pilot.pause()
            await pilot.press(key)
            assert not isinstance(app.screen, HelpScreen)
    assert app.results == [None, None, None]


# -- how it looks ----------------------------------------------------------------------


def test_picker_snapshot_80x24(snap_compare: Callable[..., bool]) -> None:
    app = picker(hint="Pick the duty this position will own")

    async def move_down(pilot: Any) -> None:
        # every label is listed (odd names literally); the second one is highlighted
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=move_down)
