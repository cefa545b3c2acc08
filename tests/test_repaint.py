"""What a pane repaints after an edit, a cursor move or a hover: the rows whose look changed.

Textual draws every line of a refreshed widget anew, so the panes ask for their changed
rows only (`RowTree.refresh_rows`) and for their border's row when its words change
(`set_border_words`). The danger of that is a row left showing what it showed before;
the first story walks through the keys a user presses and checks after each that the
screen is exactly what a full repaint of every pane draws.
"""

from __future__ import annotations

from pathlib import Path

from pilot_steps import calls_to, row_offset, screen_lines, settle
from textual.geometry import Region

from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Picker
from orgtui.ui.tree import Ref

FEEDBACK = "customer_service_manager.customer_input"  # the one unowned duty of the retailer
HEAD_CS = "head_of_service"


def panes(app: OrgApp) -> tuple:
    return (app.roles, app.departments, app.people, app.problems)


def panes_shown(app: OrgApp) -> dict[str, list[str]]:
    """What the terminal shows of each pane, its border included."""
    lines = screen_lines(app)
    return {
        pane.id: [lines[y][pane.region.x:pane.region.right] for y in range(pane.region.y, pane.region.bottom)]
        for pane in panes(app)
    }


async def repainted_whole(app: OrgApp, pilot) -> dict[str, list[str]]:
    """The panes once each is drawn anew from nothing."""
    for pane in panes(app):
        pane.refresh()
    await settle(pilot)
    return panes_shown(app)


def frames_sent(screen) -> list[str]:
    """The kind of each frame `screen` sends to the terminal from now on: "whole" or "partly"."""
    compositor = screen._compositor
    frames: list[str] = []
    whole, partial = compositor.render_full_update, compositor.render_partial_update

    def drawn_whole(*args, **kwargs):
        frames.append("whole")
        return whole(*args, **kwargs)

    def drawn_partly(*args, **kwargs):
        update = partial(*args, **kwargs)
        if update is not None:
            frames.append("partly")
        return update

    compositor.render_full_update, compositor.render_partial_update = drawn_whole, drawn_partly
    return frames


async def test_after_every_key_the_screen_shows_what_a_full_repaint_draws(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        steps: list[tuple[str, tuple[str, ...]]] = [
            ("cursor down", ("down", "down", "down")),
            ("next unowned duty", ("n",)),
            ("move it by the picker", ("m", *HEAD_CS, "enter")),
            ("undo", ("ctrl+z",)),
            ("redo", ("ctrl+y",)),
            ("mark a duty", ("space",)),
            ("unmark it", ("space",)),
            ("to Departments", ("2",)),
            ("cursor down there", ("down", "down", "down", "down")),
            ("collapse a row", ("left",)),
            ("expand it again", ("right",)),
            ("remove a duty from its position", ("down", "down", "x")),
            ("undo the removal", ("ctrl+z",)),
            ("filter the pane", ("slash", "s", "h", "o", "p")),
            ("leave the filter", ("escape",)),
            ("to the end", ("end",)),
            ("to the top", ("home",)),
        ]
        for step, keys in steps:
            await pilot.press(*keys)
            await settle(pilot, 3)
            if isinstance(app.screen, Picker) or app.screen is not app.screen_stack[0]:
                await pilot.press("escape")  # a question this story did not mean to ask
                await settle(pilot)
            shown = panes_shown(app)
            assert shown == await repainted_whole(app, pilot), f"a row was left stale after: {step}"
        # the mouse: hovering rows highlights them, and moving on takes the highlight along
        for y in (5, 6, 9, 6):
            await pilot.hover(app.departments, offset=(10, y))
            await settle(pilot)
            shown = panes_shown(app)
            assert shown == await repainted_whole(app, pilot), f"a row was left stale after hovering row {y}"


async def test_a_move_by_keyboard_repaints_the_two_roles_rows_it_changed(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # the unowned duty, in Roles
        await settle(pilot)
        roles = app.roles
        duty_row = Ref("duty", FEEDBACK, None)
        assert roles.cursor_ref == duty_row
        role_row = roles.line_key(roles._parent_line(roles.cursor_line))
        await pilot.press("m", "escape")  # the first picker loads its styles: every pane restyles once
        await settle(pilot)
        await pilot.press("m", *HEAD_CS)
        await settle(pilot)
        assert isinstance(app.screen, Picker)

        drawn = calls_to(roles, "render_line")
        await pilot.press("enter")
        await settle(pilot, 3)

        top = int(roles.scroll_offset.y)
        assert "→ Teamlead Customer Service" in roles.label_of(duty_row)
        assert {roles.line_key(top + y) for (y,) in drawn} == {duty_row, role_row}


async def test_an_edit_repaints_a_border_only_when_its_words_change(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2", "down", "down", "down")  # a duty of the Managing Director
        await settle(pilot)
        assert app.problems.border_subtitle == "28"
        people = calls_to(app.people._styles_cache, "render_line")
        departments = calls_to(app.departments._styles_cache, "render_line")
        problems = calls_to(app.problems._styles_cache, "render_line")
        await pilot.press("x")  # unassigned: one problem more
        await settle(pilot, 3)

        assert app.status.startswith("Unassign")
        assert app.problems.border_subtitle == "29"
        assert "29" in panes_shown(app)["problems"][-1]
        last = app.problems.outer_size.height - 1
        assert last in {args[1] for args in problems}
        # Departments lost a row (those below it moved up) under the same title; People,
        # its count the same, redraws at most the Managing Director's row, not its border
        assert 0 not in {args[1] for args in departments}
        people_rows = {args[1] for args in people}
        assert app.people.outer_size.height - 1 not in people_rows and len(people_rows) <= 1


async def test_a_whole_screen_repaint_leaves_nothing_to_repaint_a_frame_later(retailer: Path) -> None:
    # Enter in the picker: the edit asks for its rows while the picker still hides the
    # panes, then the picker closes and the whole screen is repainted, those rows with it
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        # the footer's first look at the bindings waits for a frame after the first focus
        # (Textual's call_after_refresh): let it come, or it is the frame after ours
        await pilot.pause(0.2)
        await settle(pilot)
        screen = app.screen
        frames = frames_sent(screen)
        app.roles.refresh(Region(0, 2, 20, 1))
        screen.refresh()
        await settle(pilot, 3)

        assert frames == ["whole"]
        assert not app.roles._repaint_regions


async def test_the_drag_ghost_moving_and_going_repaints_only_where_it_was(retailer: Path) -> None:
    # The ghost is a layer over the panes. Shown, moved or hidden, it lays the screen out;
    # that must not repaint the panes it never covered, nor their scrollbars
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        roles, departments = app.roles, app.departments
        start = row_offset(roles, ("duty", FEEDBACK, None))
        over_head = row_offset(departments, ("position", HEAD_CS, None))
        await settle(pilot)
        await pilot.mouse_down(roles, offset=start)
        await pilot.hover(departments, offset=over_head)
        await settle(pilot)
        ghost = app.query_one("#ghost")
        assert ghost.display
        compositor = app.screen._compositor
        drawn: list[Region] = []  # what each frame sends to the terminal
        update = compositor.render_update

        def recorded(*args, **kwargs):
            drawn.extend(compositor._dirty_regions)
            return update(*args, **kwargs)

        compositor.render_update = recorded
        bars = [calls_to(pane.vertical_scrollbar, "render") for pane in panes(app)]

        def drawn_over(pane) -> bool:
            return any(region.overlaps(pane.region) for region in drawn)

        await pilot.hover(departments, offset=(over_head[0], over_head[1] + 1))  # the ghost follows
        await settle(pilot)
        assert ghost.display
        assert not drawn_over(app.people) and not drawn_over(app.problems), "a pane the ghost never covered was repainted"
        assert bars == [[], [], [], []], "a scrollbar was repainted"

        await pilot.mouse_up(departments, offset=over_head)  # dropped: the duty is owned
        await settle(pilot, 3)
        assert not ghost.display
        assert "→ Teamlead Customer Service" in roles.label_of(Ref("duty", FEEDBACK, None))
        assert not drawn_over(app.people), "People, which the drop did not change, was repainted"
        # Departments gained a row and Problems lost one: their scrollbars show it
        assert (bars[0], bars[2]) == ([], []), "a scrollbar of a pane whose rows stayed was repainted"




async def test_a_layout_is_one_frame_what_it_set_up_drawn_in_it(retailer: Path) -> None:
    # Textual's scroll views set up their scrollbars inside a layout and ask for them to be
    # repainted, which came a frame later (20-40 ms in a real terminal: the picker
    # opening), although the layout's frame had just drawn them as they are. Here a pane
    # asks that of every layout, as a scroll view whose size changed does.
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        await settle(pilot)
        screen, roles = app.screen, app.roles
        sized = roles._size_updated

        def size_updated(*args, **kwargs):
            roles.vertical_scrollbar.refresh()
            return sized(*args, **kwargs)

        roles._size_updated = size_updated
        compositor = screen._compositor
        frames: list[set[Region]] = []
        update = compositor.render_update

        def drawn(*args, **kwargs):
            frames.append(set(compositor._dirty_regions))
            return update(*args, **kwargs)

        compositor.render_update = drawn
        roles.refresh(layout=True)
        await settle(pilot, 4)
        assert len(frames) == 1, frames
        assert any(region.contains_region(roles.vertical_scrollbar.region) for region in frames[0])
        # a repaint asked for after the layout's frame still comes
        roles.vertical_scrollbar.refresh()
        await settle(pilot)
        assert len(frames) == 2


async def test_the_kept_picker_asked_the_same_again_does_not_redraw_its_frame(retailer: Path) -> None:
    # a dialog's title set anew, even to the same words, repainted each of its rows
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "m")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, Picker)
        dialog = picker.query_one("#picker-dialog")
        title = str(dialog.border_title)
        await pilot.press("escape")
        await settle(pilot)
        drawn = calls_to(dialog._styles_cache, "render_line")
        await pilot.press("m")
        await settle(pilot)
        assert app.screen is picker and str(dialog.border_title) == title
        assert drawn == []


async def test_a_layout_and_a_whole_screen_repaint_together_are_one_frame(retailer: Path) -> None:
    # a screen shown (the picker opening) is laid out and repainted whole: Textual sent the
    # layout's frame and then the whole screen again
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        await settle(pilot)
        screen = app.screen
        frames = frames_sent(screen)
        status = app.query_one("#status")
        below = app.people.region.height
        status.styles.height = 3  # a change of layout: the panes above it shrink
        screen.refresh()
        await settle(pilot, 3)
        assert frames == ["whole"]
        assert app.people.region.height < below
