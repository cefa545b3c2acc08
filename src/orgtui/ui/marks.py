"""Marked duties: space marks rows in Roles or Departments; `m`, a drag and delete then act
on every marked row as one edit (the planner's `plan_marked_drop`), and the marks go.

Plain functions of the app, like actions.py, bound as `action_…` in app.py. Without marks
`m` and delete are actions.py's own, on the selected row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgtui.core.domain.drops import (
    DragItem,
    DropTarget,
    NeedsChoice,
    Ready,
    Refused,
    plan_marked_drop,
    with_answer,
)
from orgtui.core.i18n import _, ngettext
from orgtui.ui import actions
from orgtui.ui.tree import OrgTree

if TYPE_CHECKING:
    from orgtui.ui.app import OrgApp


def marking_pane(app: OrgApp) -> OrgTree | None:
    """The focused pane when it has marked rows."""
    for pane in (app.roles, app.departments):
        if app.focused is pane and pane.marked:
            return pane
    return None


def marked_note(app: OrgApp, n: int) -> str:
    return ngettext("{n} marked — {move} moves it, {remove} unassigns it, {clear} clears the mark",
                    "{n} marked — {move} moves them, {remove} unassigns them, {clear} clears the marks", n).format(
        n=n, move=app.key_hint("move"), remove=app.key_hint("remove"), clear=app.key_hint("clear_marks"))


def show_marks(app: OrgApp, pane: OrgTree, say: bool = True) -> None:
    """The count under the pane ("3 marked") and, when `say`, what the keys do with them."""
    n = len(pane.marked)
    pane.set_border_words(subtitle=ngettext("{n} marked", "{n} marked", n).format(n=n) if n else "")
    if say:
        app.say(marked_note(app, n) if n else _("No duty is marked"))
    app.refresh_applying()


def mark(app: OrgApp) -> None:
    """space: mark (or unmark) the duty under the cursor and step to the next row, so a run
    of duties is marked by holding space."""
    for pane in (app.roles, app.departments):
        if app.focused is pane:
            ref = pane.cursor_ref
            if ref is None or not pane.markable(ref):
                app.tell(_("Select a duty to mark it"))
                return
            pane.toggle_mark(ref)
            pane.move_cursor_to(pane.cursor_line + 1)
            show_marks(app, pane)
            return


def clear_marks(app: OrgApp, say: bool = True) -> None:
    for pane in (app.roles, app.departments):
        if pane.marked:
            pane.clear_marks()
            show_marks(app, pane, say)


def move(app: OrgApp) -> None:
    """`m`: the marked duties to a position (picked by typing), or the selected row alone."""
    pane = marking_pane(app)
    if pane is None:
        actions.move(app)
        return
    items = pane.marked_items()
    title = ngettext("Move {n} marked duty to position", "Move {n} marked duties to position", len(items)).format(n=len(items))
    actions.choose(app, title, actions.position_choices(app),
                   lambda target: drop_items(app, items, DropTarget("position", target)),
                   hint=_("type part of a position, department or name"))


def remove(app: OrgApp) -> None:
    """delete: unassign every marked duty, or remove the selected row alone."""
    pane = marking_pane(app)
    if pane is None:
        actions.remove(app)
        return
    drop_items(app, pane.marked_items(), DropTarget("catalog"))


def drop_items(app: OrgApp, items: tuple[DragItem, ...], target: DropTarget | None) -> None:
    """The end of a drag (of one row or the marked ones) and of `m` on marks: one edit.

    A split duty among them asks which owner it leaves, then the rest is planned again.
    """
    if len(items) == 1:
        actions.drop(app, items[0], target)
        return
    plan = plan_marked_drop(app.ws.org, items, target)
    if isinstance(plan, NeedsChoice):
        question = plan
        actions.ask_source(app, question, lambda chosen: drop_items(app, with_answer(items, question, chosen.source or ""), target))
    elif isinstance(plan, Refused):
        app.tell(_("Nothing changed: {reason}").format(reason=plan.reason))
    elif isinstance(plan, Ready) and app.edit(plan.edit) is not None:
        clear_marks(app, say=False)  # the status line says what the edit did
