"""Every action of the app, once: its binding id, default keys, where it applies, and its words.

The app's bindings, `check_action` (so the footer shows only keys that apply to the
selected row), the command palette, the help screen, key hints inside messages and the
README's key table are all made from `ACTIONS` (and the mouse gestures and row marks
below). Pure data: no Textual import, so `python -m orgtui.ui.action_table --markdown`
prints the README table without loading the UI.

Binding ids are stable: a user keymap (`[keymap]` in config.toml, `OrgApp(keymap=...)`)
names them to remap a key, so an id is never renamed.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from orgtui.core.domain.presenters import (
    MARK_OWNED,
    MARK_UNOWNED,
    MARK_VACANT,
    MARK_WARN,
)
from orgtui.core.i18n import N_

APP = "app"
"""Scope of an action that works wherever the focus is."""
PANE = "pane"
"""Scope of an action on the row selected in the focused pane (Roles, Departments, People)."""

# The footer's priorities (`Action.footer`): the keys that apply are taken in this order,
# then in the table's order, while they fit (ui/footer.py); they are shown in the table's
# order. At 80 columns the first four levels fit in English; in German "? Hilfe" and
# "n Offen" may give way to the row's keys and ctrl+s.
FIRST = 0
"""The selected row's own keys (m a h x)."""
FILES = 1
"""Undo and save."""
HELP = 2
"""Help, and the next unowned duty."""
ROOM = 3
"""The rest: shown when the footer has room (at 200 columns nearly every key that applies)."""
NEVER = None
"""Never in the footer (said where it applies: the status line, the drag, help)."""


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    """The binding id: stable, the name a keymap uses; also the action's name unless `action` says otherwise."""
    keys: str
    """Default keys as Textual names them, comma-separated ("delete,x"); "" for palette-only actions."""
    label: str
    """The footer's short word."""
    description: str
    """One line for the help screen, the palette's help text and the README."""
    when: str = "always"
    """Name of the predicate in `orgtui.ui.applies` that says whether it applies now."""
    scope: str = APP
    palette: str | None = None
    """The palette entry's wording; `{name}` fields are filled from the selection
    (selected, position, department, person, duty, undo, redo). None: not in the palette."""
    footer: int | None = FIRST
    """The footer's priority when it applies (FIRST, FILES, HELP, ROOM), or NEVER."""
    action: str = ""
    """The Textual action string when it is not the id (e.g. focus_pane('roles'))."""
    priority: bool = False

    @property
    def action_string(self) -> str:
        return self.action or self.id

    @property
    def action_name(self) -> str:
        """The action's name as `check_action` receives it (without parameters)."""
        return self.action_string.split("(", 1)[0]


ACTIONS: tuple[Action, ...] = (
    # In this order in the footer, help and README. The footer takes the keys that apply
    # by their `footer` priority (the row's keys, undo and save, help and next unowned,
    # then the ROOM ones), in this order within one, while they fit (ui/footer.py).
    # -- on the selected row -----------------------------------------------------------
    Action("move", "m", N_("Move"), N_("move the selected duty, person, position or department: pick the target by typing"),
           when="movable", scope=PANE, palette=N_("Move “{selected}”…")),
    Action("assign_duty", "a", N_("Assign"), N_("assign a duty to the selected position"), when="assignable", scope=PANE,
           palette=N_("Assign a duty to “{position}”…")),
    Action("add_holder", "h", N_("Holder"), N_("make a person hold the selected position"), when="holdable", scope=PANE,
           palette=N_("Add a holder to “{position}”…")),
    Action("remove", "x,delete", N_("Remove"),
           N_("unassign a duty or holder; remove a position, department or person (asks first)"),
           when="removable", scope=PANE, palette=N_("Unassign or remove “{selected}”…")),
    Action("mark", "space", N_("Mark"),
           N_("mark the selected duty (again: unmark); m, a drag and del then act on every marked duty as one step"),
           when="markable", scope=PANE, palette=N_("Mark or unmark “{duty}”"), footer=ROOM),
    Action("clear_marks", "escape", N_("Unmark"), N_("forget the marks (nothing changes)"), when="has_marks",
           palette=N_("Clear the marks"), footer=NEVER),  # the status line says esc clears them
    Action("give_role_duties", "T", N_("Role's duties"),
           N_("give the selected position a role's duties: its unowned ones, or all (moved from their owners); previewed, one undo"),
           when="role_target", scope=PANE, palette=N_("Give “{position}” a role's duties…"), footer=ROOM),
    Action("add_position_for_person", "p", N_("Another position"),
           N_("let the selected person hold a further position as well (m moves them instead)"),
           when="person", scope=PANE, palette=N_("Add another position for “{person}”…"), footer=ROOM),
    Action("rename", "r,f2", N_("Rename"), N_("rename the selected department, position or person"), when="renamable",
           scope=PANE, palette=N_("Rename “{selected}”…"), footer=ROOM),
    Action("set_capacity", "c", N_("Capacity"), N_("set the selected person's capacity in FTE"), when="person", scope=PANE,
           palette=N_("Set the capacity of “{person}”…"), footer=ROOM),
    Action("set_fte", "f", N_("FTE"), N_("set the FTE each holder spends in the selected position"), when="fte_position",
           scope=PANE, palette=N_("Set the FTE of “{position}”…"), footer=ROOM),
    Action("set_manager", "t", N_("Reports to"),
           N_("choose whom the selected position reports to (or nobody); a reporting cycle is refused"),
           when="manageable", scope=PANE, palette=N_("“{position}” reports to…"), footer=ROOM),
    Action("toggle_reporting_view", "v", N_("By line"),
           N_("show Departments by department or by reporting line (each position under its manager)"),
           when="in_departments", palette=N_("Departments: by department / by reporting line"), footer=ROOM),
    # -- help and finding --------------------------------------------------------------
    Action("help", "question_mark,f1", N_("Help"), N_("every key, the mouse and what the row marks mean"),
           palette=N_("Keys and help"), footer=HELP),
    Action("find", "slash,ctrl+f", N_("Find"),
           N_("filter the focused pane as you type (names, English and German titles, ids); enter keeps the filter, esc clears it"),
           when="filterable", palette=N_("Find in this pane…"), footer=ROOM),
    Action("go_to", "g", N_("Go to"), N_("find any duty, role, department, position or person and jump there"),
           palette=N_("Go to…"), footer=ROOM),
    Action("details", "i", N_("Details"),
           N_("everything about the selected row: a duty's German title and the article's sentence, owners, holders, "
              "findings (beside the panes from 160 columns; over them on a smaller screen)"),
           palette=N_("Show or hide the details of the selected row"), footer=ROOM),
    Action("close_details", "escape", N_("Close details"), N_("close the details over the panes"), when="details_overlay",
           footer=NEVER),
    Action("next_unowned", "n", N_("Unowned"), N_("jump to the next duty nobody owns"), when="has_unowned",
           palette=N_("Next unowned duty"), footer=HELP),
    Action("suggest", "s", N_("Suggest"), N_("who should own the selected duty (or a duty's problem), and why; enter applies one"),
           when="duty_selected", palette=N_("Suggest owners for “{duty}”…"), footer=ROOM),
    Action("fix_all", "F", N_("Fix all"), N_("the fewest changes that leave no duty unowned, shown first, applied as one step"),
           when="has_unowned", palette=N_("Fix all unowned duties…"), footer=ROOM),
    Action("what_if", "w", N_("If they leave"), N_("on a person: what would appear if they left; then a repair plan without them"),
           when="leaver", palette=N_("If “{person}” leaves…"), footer=ROOM),
    Action("resolve_conflicts", "", N_("Conflicts"), N_("review the conflicts `orgtui merge` recorded and mark them resolved"),
           when="has_conflicts", palette=N_("Resolve merge conflicts…")),
    # -- files and history -------------------------------------------------------------
    Action("undo", "ctrl+z", N_("Undo"), N_("undo the last change"), when="can_undo", palette=N_("Undo: {undo}"), footer=FILES),
    Action("redo", "ctrl+y", N_("Redo"), N_("redo what was undone"), when="can_redo", palette=N_("Redo: {redo}"), footer=ROOM),
    Action("save", "ctrl+s", N_("Save"), N_("save the org file (atomic; asks before overwriting a colleague's change)"),
           palette=N_("Save"), footer=FILES),
    Action("save_as", "", N_("Save as"), N_("save the org under a new file name"), palette=N_("Save as…")),
    Action("open", "", N_("Open"), N_("open another org file"), palette=N_("Open…")),
    # -- adding ------------------------------------------------------------------------
    Action("add_department", "D", N_("Add department"),
           N_("add a department under the selected one (at the top level elsewhere)"),
           palette=N_("Add a department…"), footer=ROOM),
    Action("add_position", "P", N_("Add position"),
           N_("add a position in the selected department; a role template gives it that role's unowned duties "
              "(the role its title names is offered first)"),
           palette=N_("Add a position in “{department}”…"), footer=ROOM),  # with no department, P says to add one
    Action("add_person", "N", N_("Add person"),
           N_("add a person; with a position selected in Departments, they may hold it at once"),
           palette=N_("Add a person…"), footer=ROOM),
    Action("add_top_department", "", N_("Add top-level department"),
           N_("add a department at the top level, whatever is selected"),
           palette=N_("Add a top-level department…"), footer=ROOM),
    Action("rename_org", "E", N_("Rename org"), N_("rename the org itself (its name in the file)"),
           palette=N_("Rename the org…"), footer=ROOM),
    # -- the screen --------------------------------------------------------------------
    Action("toggle_maximize", "z", N_("Zoom"), N_("give the focused pane the whole screen, or bring all four back"),
           when="in_pane", palette=N_("Zoom or restore the pane"), footer=ROOM),
    Action("focus_roles", "1", N_("Roles"), N_("focus the Roles pane"), action="focus_pane('roles')", footer=NEVER),
    Action("focus_departments", "2", N_("Departments"), N_("focus the Departments pane"),
           action="focus_pane('departments')", footer=NEVER),
    Action("focus_people", "3", N_("People"), N_("focus the People pane"), action="focus_pane('people')", footer=NEVER),
    Action("focus_problems", "4", N_("Problems"), N_("focus the Problems pane"), action="focus_pane('problems')", footer=NEVER),
    Action("cancel_drag", "escape", N_("Cancel drag"), N_("while dragging: cancel, nothing changes"), when="dragging",
           footer=NEVER),
    Action("quit", "ctrl+q", N_("Quit"), N_("quit (asks first when there are unsaved changes)"), palette=N_("Quit"), priority=True,
           footer=ROOM),
)

BY_ID = {a.id: a for a in ACTIONS}

MOUSE: tuple[tuple[str, str], ...] = (
    (N_("drag a duty"), N_("from Roles or a position onto a position: that position owns it now")),
    (N_("drag a duty"), N_("from a position onto Roles: it becomes unowned")),
    (N_("drag a person"), N_("from People (or a holder row) onto a position: they hold it")),
    (N_("drag a holder"), N_("onto People: they leave that position")),
    (N_("drag a position"), N_("onto a department: it moves there")),
    (N_("drag a position"), N_("onto a position: it reports to that position now")),
    (N_("drag a role"), N_("from Roles onto a position: it gets the role's duties (you choose: unowned or all)")),
    (N_("drag a marked duty"), N_("every marked duty goes with it, as one step")),
    (N_("click a row"), N_("select it; click ▶ (or press enter) to open or close it")),
)
"""The mouse gestures, (gesture, what it does); escape cancels a drag (see `cancel_drag`)."""

MARKS: tuple[tuple[str, str], ...] = (
    (MARK_OWNED, N_("a duty owned by a held position")),
    (MARK_WARN, N_("needs a look: a split or vacancy-only duty, a person over capacity")),
    (MARK_UNOWNED, N_("a duty nobody owns")),
    ("•", N_("a duty the position above owns")),
    ("@", N_("a person holding the position above")),
    (MARK_VACANT, N_("a position nobody holds (VACANT)")),
    ("▶ ▼", N_("a closed / open row")),
    ("◆", N_("a marked duty (space marks; m, a drag or del act on all marked)")),
)
"""What the marks at the start of a row mean."""

_TYPED = {"question_mark": "?", "delete": "del", "escape": "esc", "space": "space", "enter": "enter", "slash": "/"}


def typed(key: str) -> str:
    """One key as users type it and read it in docs: "?" not "question_mark", "ctrl+s"."""
    *modifiers, name = key.split("+")
    return "+".join([*modifiers, _TYPED.get(name, name)])


def keys_shown(keys: str) -> str:
    """A binding's keys ("delete,x") as a user reads them ("del / x")."""
    return " / ".join(typed(k.strip()) for k in keys.split(",") if k.strip())


def binding_ids() -> set[str]:
    """The ids a keymap may name."""
    return {a.id for a in ACTIONS if a.keys}


# -- the README's key table -------------------------------------------------------------


def markdown() -> str:
    """The README's key table: every action with its keys and binding id, then the mouse."""

    def code(text: str) -> str:
        return f"`{text}`"

    lines = ["| keys | what | binding id |", "|---|---|---|"]
    for a in ACTIONS:
        keys = " / ".join(code(typed(k)) for k in a.keys.split(",")) if a.keys else f"palette: {a.palette}"
        lines.append(f"| {keys} | {a.description} | {code(a.id) if a.keys else ''} |")
    lines.append(f"| {code('ctrl+p')} | the command palette: every action that applies to the selection; typing also finds "
                 "any duty, role, department, position or person (enter jumps there) | |")
    for gesture, what in MOUSE:
        lines.append(f"| {gesture} | {what} | |")
    lines.append("")
    lines.append("Row marks: " + " · ".join(f"{code(mark)} {meaning}" for mark, meaning in MARKS) + ".")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["--markdown"]:
        print("usage: python -m orgtui.ui.action_table --markdown", file=sys.stderr)
        return 2
    sys.stdout.write(markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
