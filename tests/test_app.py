"""The app as a user drives it: mouse drags, keys, undo, save, quit, hostile names.

Every test runs the real OrgApp headless with Pilot and asserts on what the user sees
(the rows, the header's unowned count, the Problems pane) or on the saved file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pilot_steps import calls_to, drag, row_offset, screen_lines, settle
from textual.color import Color

from orgtui.core.storage.orgfile import load_org
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Choice, Picker
from orgtui.ui.tree import OrgTree

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
FEEDBACK = "customer_service_manager.customer_input"  # the one unowned duty of the retailer
HEAD_CS = "head_of_service"


def app_for(path: Path) -> OrgApp:
    return OrgApp(Workspace.open(path))


def plain(tree: OrgTree, key: tuple) -> str:
    return tree.label_of(key)


def problems_text(app: OrgApp) -> list[str]:
    """The rows of the Problems pane, as the user reads them."""
    return app.problems.lines_text


async def open_go_to(app: OrgApp, pilot) -> Picker:
    """`g`: the Go-to picker, on top."""
    await pilot.press("g")
    await settle(pilot)
    picker = app.screen
    assert isinstance(picker, Picker)
    return picker


async def test_dragging_an_unowned_duty_onto_a_position_makes_it_owned(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.sub_title.startswith("1 of 51 duties unowned")
        assert any("Feeding customer requirements" in p for p in problems_text(app))
        assert "UNOWNED" in plain(app.roles, ("duty", FEEDBACK, None))

        said = await drag(pilot, app.roles, ("duty", FEEDBACK, None), app.departments, ("position", HEAD_CS, None))
        assert "to Teamlead Customer Service" in said
        ghost = app.query_one("#ghost")

        assert app.sub_title.startswith("0 of 51 duties unowned")
        # the header on screen says so too (it is repainted without re-laying out the screen)
        from orgtui.ui.status import SteadyHeaderTitle

        assert "0 of 51 duties unowned" in str(app.query_one(SteadyHeaderTitle).render())
        assert not any("Unowned: “Feeding customer requirements" in p for p in problems_text(app))
        assert "→ Teamlead Customer Service" in plain(app.roles, ("duty", FEEDBACK, None))
        assert ("duty", FEEDBACK, HEAD_CS) in app.departments
        assert not ghost.display
        assert "unsaved" in app.title


async def test_dragging_a_duty_between_positions_moves_it_and_undo_puts_it_back(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(160, 100)) as pilot:
        await settle(pilot)
        org = app.ws.org
        source = HEAD_CS
        duty = org.positions[source].duties[0]
        other = next(p for p in org.positions_in("service") if p != source)
        start = row_offset(app.departments, ("duty", duty, source))
        await settle(pilot)
        target = (6, app.departments.line_of(("position", other, None)) - int(app.departments.scroll_offset.y) + 1)
        assert 0 < target[1] < app.departments.size.height  # both rows on screen at once
        await settle(pilot)
        await pilot.mouse_down(app.departments, offset=start)
        await pilot.hover(app.departments, offset=target)
        await pilot.mouse_up(app.departments, offset=target)
        await settle(pilot)
        assert org.owners(duty) == (other,)
        assert ("duty", duty, other) in app.departments
        assert ("duty", duty, source) not in app.departments
        # the edit is confirmed in the status line, not by a toast that re-lays out the screen
        assert app.status.startswith("Move") and not app._notifications

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert org.owners(duty) == (source,)
        assert app.status.startswith("Undid: Move") and not app._notifications
        assert ("duty", duty, source) in app.departments
        assert "unsaved" not in app.title


async def test_escape_during_a_drag_cancels_it_and_changes_nothing(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        start = row_offset(app.roles, ("duty", FEEDBACK, None))
        target = row_offset(app.departments, ("position", HEAD_CS, None))
        await settle(pilot)
        await pilot.mouse_down(app.roles, offset=start)
        await pilot.hover(app.departments, offset=target)
        await pilot.press("escape")
        await pilot.mouse_up(app.departments, offset=target)
        await settle(pilot)
        assert app.ws.org.owners(FEEDBACK) == ()
        assert not app.ws.dirty
        assert not app.query_one("#ghost").display


async def test_a_duty_dropped_on_the_people_pane_is_refused(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        start = row_offset(app.roles, ("duty", FEEDBACK, None))
        await settle(pilot)
        await pilot.mouse_down(app.roles, offset=start)
        await pilot.hover(app.people, offset=(5, 2))
        await settle(pilot)
        assert "drop a duty on a position" in str(app.query_one("#ghost").render())
        await pilot.mouse_up(app.people, offset=(5, 2))
        await settle(pilot)
        assert app.ws.org.owners(FEEDBACK) == ()
        assert not app.ws.dirty


async def test_dragging_a_person_onto_a_position_moves_them_there(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        person = next(iter(app.ws.org.people))
        (before,) = app.ws.org.positions_of(person)
        start = row_offset(app.people, ("person", person, None))
        target = row_offset(app.departments, ("position", HEAD_CS, None))
        await settle(pilot)
        await pilot.mouse_down(app.people, offset=start)
        await pilot.hover(app.departments, offset=target)
        await pilot.mouse_up(app.departments, offset=target)
        await settle(pilot)
        assert person in app.ws.org.positions[HEAD_CS].holders
        assert ("holder", person, HEAD_CS) in app.departments
        # a move, as `m` is: they left the position they held, so no double booking
        assert app.ws.org.positions_of(person) == (HEAD_CS,) and before != HEAD_CS
        assert app.ws.org.load_of(person) <= app.ws.org.people[person].capacity
        assert "OVER CAPACITY" not in plain(app.people, ("person", person, None))


async def test_keyboard_move_with_the_picker_does_what_the_drag_does(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        app.roles.select_key(("duty", FEEDBACK, None))
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        await pilot.press(*"head of customer")
        await pilot.press("enter")
        await settle(pilot)
        assert app.ws.org.owners(FEEDBACK) == (HEAD_CS,)
        assert app.sub_title.startswith("0 of 51 duties unowned")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.ws.org.owners(FEEDBACK) == ()
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert app.ws.org.owners(FEEDBACK) == (HEAD_CS,)


async def test_next_unowned_key_jumps_to_the_unowned_duty(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.focused is app.roles
        assert app.roles.cursor_ref is not None and app.roles.cursor_ref.id == FEEDBACK


async def test_selecting_a_problem_jumps_to_what_it_concerns(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        app.problems.select_first()
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is app.roles
        assert app.roles.cursor_ref.id == FEEDBACK


async def test_save_then_reopen_shows_the_same_org(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.departments.focus()
        app.departments.select_key(("position", HEAD_CS, None))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        await pilot.press(*"feeding")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await app.background.writer.idle()  # the save is written in a thread
        await settle(pilot)
        assert "unsaved" not in app.title
    reopened = load_org(retailer).org
    assert reopened.owners(FEEDBACK) == (HEAD_CS,)
    again = app_for(retailer)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.sub_title.startswith("0 of 51 duties unowned")


async def test_quit_with_unsaved_changes_asks_first(retailer: Path) -> None:
    before = retailer.read_bytes()
    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.roles.focus()
        app.roles.select_key(("duty", FEEDBACK, None))
        await settle(pilot)
        await pilot.press("m", *"head of customer", "enter")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        await pilot.press("c")  # Cancel: still running, nothing lost
        await settle(pilot)
        assert not isinstance(app.screen, Choice)
        assert app.is_running and app.ws.dirty
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("d")  # Discard
        await settle(pilot)
    assert not app.is_running
    assert retailer.read_bytes() == before


async def test_quit_and_save_writes_the_file(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.roles.focus()
        app.roles.select_key(("duty", FEEDBACK, None))
        await settle(pilot)
        await pilot.press("m", *"head of customer", "enter")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
    assert load_org(retailer).org.owners(FEEDBACK) == (HEAD_CS,)


async def test_a_colleagues_save_is_never_silently_overwritten(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.roles.focus()
        app.roles.select_key(("duty", FEEDBACK, None))
        await settle(pilot)
        await pilot.press("m", *"head of customer", "enter")
        await settle(pilot)
        theirs = retailer.read_text().replace('name = "', 'name = "Their ', 1)
        retailer.write_text(theirs)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        await pilot.press("escape")
        await settle(pilot)
        assert retailer.read_text() == theirs
        assert app.ws.dirty


async def test_hostile_names_are_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "hostile.toml"
    shutil.copy(SAMPLES / "hostile-names.toml", path)
    app = app_for(path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        labels = [tree.label_of(key) for tree in app.query(OrgTree) for key in tree.visible_refs]
        assert any("[bold red]Eve[/]" in label for label in labels)
        assert any("[@click=app.quit]Sales" in label for label in labels)
        every = "".join(labels) + "".join(problems_text(app)) + app.title + app.sub_title
        for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\n"):
            assert raw not in every
        assert "\\x1b" in every  # the ESC is there, as a visible escape
        # the app is still running: no markup crashed it and no [@click] action fired
        assert app.is_running
        screen = app.export_screenshot()
        assert "[bold red]Eve[/]" in screen.replace("&#160;", " ")


async def test_the_problems_pane_follows_every_edit_in_the_validators_order(retailer: Path) -> None:
    from orgtui.core.domain.edits import AssignDuty, RemovePosition, UnassignDuty

    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        org = app.ws.org
        steps = [
            UnassignDuty(org.positions[HEAD_CS].duties[0], HEAD_CS),
            AssignDuty(FEEDBACK, HEAD_CS),
            RemovePosition("head_of_data"),
            AssignDuty("ecommerce_manager.returns", HEAD_CS),
        ]
        for step in steps:
            app.edit(step)
            await settle(pilot)
            assert app.problems.findings_shown == app.ws.validator.findings()
        for _ in steps:
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert app.problems.findings_shown == app.ws.validator.findings()
        assert problems_text(app)[0] == "1 error"


async def test_a_large_org_has_everyone_in_the_people_pane_at_the_first_frame(tmp_path: Path) -> None:
    from orgtui.core.domain.edits import AssignHolder
    from orgtui.core.domain.org import Person
    from orgtui.core.storage.orgfile import dumps_org

    org = load_org(SAMPLES / "online-retailer.toml").org
    many = [Person(f"p{i}", f"Person Nummer {i}") for i in range(1200)]
    for person in many:
        org._put("person", person.id, person)
    path = tmp_path / "big.toml"
    path.write_text(dumps_org(org))
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0)  # the first frame: no chunked fill to wait for
        assert app.people.filled
        last = many[-1].id
        assert "no position" in app.people.label_of(("person", last, None))
        app.edit(AssignHolder(last, HEAD_CS))
        await settle(pilot)
        assert "1 / 1 FTE" in app.people.label_of(("person", last, None))
        assert app.people.border_subtitle == f"{len(app.ws.org.people)} people"


async def test_keys_typed_without_pause_act_on_the_row_the_previous_key_chose(retailer: Path) -> None:
    """Over SSH keys arrive in bursts: `n` then `m` at once must move the unowned duty."""
    app = app_for(retailer)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        from textual import events

        for key in ("n", "m"):  # one burst, as a terminal delivers it: no idle in between
            event = events.Key(key, key)
            event.set_sender(app)
            app._driver.send_message(event)
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        assert "Feeding customer requirements" in app.screen.title_text


async def test_an_undo_during_a_drag_cancels_the_drag_instead_of_crashing(retailer: Path) -> None:
    from orgtui.core.domain.edits import AddPerson

    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        zed = app.edit(AddPerson("Zed")).created
        await settle(pilot)
        start = row_offset(app.people, ("person", zed, None))
        await settle(pilot)
        await pilot.mouse_down(app.people, offset=start)
        await pilot.hover(app.departments, offset=(8, 3))
        await pilot.press("ctrl+z")  # undoes adding Zed, who is being dragged
        await settle(pilot)
        await pilot.hover(app.departments, offset=(8, 4))
        await pilot.mouse_up(app.departments, offset=(8, 4))
        await settle(pilot)
        assert app.is_running and zed not in app.ws.org.people
        assert not app.query_one("#ghost").display


async def test_problems_stay_in_the_validators_order_after_a_rename(retailer: Path) -> None:
    from orgtui.core.domain.edits import RenamePosition

    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        idle = [f.subject for f in app.ws.validator.findings() if f.code == "idle-position"]
        app.edit(RenamePosition(idle[0], "Zzz last"))
        await settle(pilot)
        assert app.problems.findings_shown == app.ws.validator.findings()


async def test_move_on_a_split_duty_in_roles_asks_which_owner_to_move_it_from(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        duty = "ecommerce_manager.pricing"
        owners = app.ws.org.owners(duty)
        assert len(owners) == 2
        app.roles.focus()
        app.roles.select_key(("duty", duty, None))
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert "split" in app.screen.title_text
        await pilot.press(*app.ws.org.positions[owners[0]].title.lower().split()[-1], "enter")
        await settle(pilot)
        await pilot.press(*"teamlead customer", "enter")
        await settle(pilot)
        assert set(app.ws.org.owners(duty)) == {owners[1], HEAD_CS}


async def test_a_picker_asked_again_shows_only_the_new_question_and_answers_it(retailer: Path) -> None:
    # the app keeps one picker between questions: what was typed, the old title, hint and
    # choices, and the old answer's callback must all be gone when it is asked again
    from orgtui.ui.screens.picker_list import PickerList

    app = app_for(retailer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        app.roles.select_key(("duty", FEEDBACK, None))
        await settle(pilot)
        await pilot.press("m", *"head of customer")
        await settle(pilot)
        first = app.screen
        assert isinstance(first, Picker) and first.query_one("#picker-filter").value == "head of customer"
        await pilot.press("escape")
        await settle(pilot)
        assert app.ws.org.owners(FEEDBACK) == ()  # Esc chose nothing
        assert len(first.candidates) == 0 and first.query_one(PickerList).rows == []  # kept empty

        await pilot.press("g")
        await settle(pilot)
        assert app.screen is first  # the same screen, asked again
        shown = "\n".join(screen_lines(app))
        assert "Go to" in shown and "type a name, a title" in shown
        assert "head of customer" not in shown and first.query_one("#picker-filter").value == ""
        await pilot.press(*"feeding customer", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, Picker)
        assert app.focused is app.roles and app.roles.cursor_ref == ("duty", FEEDBACK, None)
        assert app.ws.org.owners(FEEDBACK) == ()  # Go to's answer did not reach the move

        await pilot.press("m")
        await settle(pilot)
        assert app.screen is first
        shown = "\n".join(screen_lines(app))
        assert "type a name, a title" not in shown  # the move's picker has no hint line
        await pilot.press(*"head of customer", "enter")
        await settle(pilot)
        assert app.ws.org.owners(FEEDBACK) == (HEAD_CS,)


async def test_a_picker_opened_while_the_kept_one_is_open_is_a_new_one(retailer: Path) -> None:
    from orgtui.ui.screens.picker import ask

    app = app_for(retailer)
    answers: list[object] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        outer = ask(app, "Outer", [("a", "Alpha"), ("b", "Beta")], answers.append)
        await settle(pilot)
        inner = ask(app, "Inner", [("c", "Gamma")], answers.append)
        await settle(pilot)
        assert inner is not outer and app.screen is inner
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is outer
        await pilot.press(*"beta", "enter")
        await settle(pilot)
    assert answers == ["c", "b"]


async def test_a_pane_repainting_under_the_picker_does_not_repaint_the_picker(retailer: Path) -> None:
    # Textual counted the screen under the top one as showing through even when the top one
    # hides it, so every repaint under the picker came back as a repaint of all of it
    app = app_for(retailer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        picker = await open_go_to(app, pilot)
        asked = calls_to(picker, "refresh")
        app.problems.refresh()
        app.departments.refresh()
        for _ in range(5):
            await pilot.pause(0.02)
        assert asked == []  # nothing under it was handed up as a repaint of the picker
        await pilot.press(*"feeding")
        await settle(pilot)
        assert "Feeding customer requirements" in "\n".join(screen_lines(app))


async def test_a_picker_asked_again_opens_without_a_layout(retailer: Path) -> None:
    # the kept picker lets go of its rows when it answers, but keeps the list's size: the
    # next question's rows (as many) are drawn in the one frame that shows it
    app = app_for(retailer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        picker = await open_go_to(app, pilot)
        await pilot.press("escape")
        await settle(pilot)
        layouts = calls_to(picker, "_refresh_layout")
        assert await open_go_to(app, pilot) is picker and layouts == []
        assert "Go to" in "\n".join(screen_lines(app))


async def test_a_theme_chosen_while_the_kept_picker_is_away_restyles_it(retailer: Path) -> None:
    app = app_for(retailer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        picker = await open_go_to(app, pilot)
        await pilot.press("escape")
        await settle(pilot)
        before = picker.query_one("#picker-dialog").styles.background
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert await open_go_to(app, pilot) is picker
        after = picker.query_one("#picker-dialog").styles.background
        assert after != before and after == Color.parse(app.get_css_variables()["panel"])


async def test_the_terminal_resized_under_the_picker_lays_the_org_out_anew_when_it_closes(retailer: Path) -> None:
    # the org screen is not drawn (nor resized) while the opaque picker hides it: it must
    # take the new size when it comes back
    app = app_for(retailer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_go_to(app, pilot)
        await pilot.resize_terminal(140, 40)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        lines = screen_lines(app)
        assert len(lines) == 40 and all(len(line) == 140 for line in lines)
        assert app.roles.region.right <= 140 and app.problems.region.bottom >= 30
        assert lines[-1].strip()  # the footer is on the last row of the new size

