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

APP = "app"
"""Scope of an action that works wherever the focus is."""
PANE = "pane"
"""Scope of an action on the row selected in the focused pane (Roles, Departments, People)."""


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
    footer: bool = True
    """Shown in the footer when it applies (the rest are in help and the palette)."""
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
    # In this order in the footer, help and README: at 80 columns the footer has room for
    # the selected row's keys, help, next unowned, undo and save, in that order.
    # -- on the selected row -----------------------------------------------------------
    Action("move", "m", "Move", "move the selected duty, person, position or department: pick the target by typing",
           when="movable", scope=PANE, palette="Move “{selected}”…"),
    Action("assign_duty", "a", "Assign", "assign a duty to the selected position", when="assignable", scope=PANE,
           palette="Assign a duty to “{position}”…"),
    Action("add_holder", "h", "Holder", "make a person hold the selected position", when="holdable", scope=PANE,
           palette="Add a holder to “{position}”…"),
    Action("remove", "x,delete", "Remove",
           "unassign a duty or holder; remove a position, department or person (asks first)",
           when="removable", scope=PANE, palette="Unassign or remove “{selected}”…"),
    Action("rename", "r,f2", "Rename", "rename the selected department, position or person", when="renamable",
           scope=PANE, palette="Rename “{selected}”…", footer=False),
    Action("set_capacity", "c", "Capacity", "set the selected person's capacity in FTE", when="person", scope=PANE,
           palette="Set the capacity of “{person}”…", footer=False),
    Action("set_fte", "f", "FTE", "set the FTE each holder spends in the selected position", when="fte_position",
           scope=PANE, palette="Set the FTE of “{position}”…", footer=False),
    # -- help and finding --------------------------------------------------------------
    Action("help", "question_mark,f1", "Help", "every key, the mouse and what the row marks mean",
           palette="Keys and help"),
    Action("next_unowned", "n", "Unowned", "jump to the next duty nobody owns", when="has_unowned",
           palette="Next unowned duty"),
    Action("suggest", "s", "Suggest", "who should own the selected duty (or a duty's problem), and why; enter applies one",
           when="duty_selected", palette="Suggest owners for “{duty}”…", footer=False),
    Action("fix_all", "F", "Fix all", "the fewest changes that leave no duty unowned, shown first, applied as one step",
           when="has_unowned", palette="Fix all unowned duties…", footer=False),
    Action("what_if", "w", "If they leave", "on a person: what would appear if they left; then a repair plan without them",
           when="leaver", palette="If “{person}” leaves…", footer=False),
    Action("resolve_conflicts", "", "Conflicts", "review the conflicts `orgtui merge` recorded and mark them resolved",
           when="has_conflicts", palette="Resolve merge conflicts…"),
    # -- files and history -------------------------------------------------------------
    Action("undo", "ctrl+z", "Undo", "undo the last change", when="can_undo", palette="Undo: {undo}"),
    Action("redo", "ctrl+y", "Redo", "redo what was undone", when="can_redo", palette="Redo: {redo}", footer=False),
    Action("save", "ctrl+s", "Save", "save the org file (atomic; asks before overwriting a colleague's change)",
           palette="Save"),
    Action("save_as", "", "Save as", "save the org under a new file name", palette="Save as…"),
    Action("open", "", "Open", "open another org file", palette="Open…"),
    # -- adding ------------------------------------------------------------------------
    Action("add_department", "D", "Add department",
           "add a department under the selected one (at the top level elsewhere)",
           palette="Add a department…", footer=False),
    Action("add_position", "P", "Add position",
           "add a position in the selected department; a role template gives it that role's unowned duties",
           palette="Add a position in “{department}”…", footer=False),  # with no department, P says to add one
    Action("add_person", "N", "Add person", "add a person", palette="Add a person…", footer=False),
    # -- the screen --------------------------------------------------------------------
    Action("toggle_maximize", "z", "Zoom", "give the focused pane the whole screen, or bring all four back",
           when="in_pane", palette="Zoom or restore the pane", footer=False),
    Action("focus_roles", "1", "Roles", "focus the Roles pane", action="focus_pane('roles')", footer=False),
    Action("focus_departments", "2", "Departments", "focus the Departments pane",
           action="focus_pane('departments')", footer=False),
    Action("focus_people", "3", "People", "focus the People pane", action="focus_pane('people')", footer=False),
    Action("focus_problems", "4", "Problems", "focus the Problems pane", action="focus_pane('problems')", footer=False),
    Action("cancel_drag", "escape", "Cancel drag", "while dragging: cancel, nothing changes", when="dragging",
           footer=False),
    Action("quit", "ctrl+q", "Quit", "quit (asks first when there are unsaved changes)", palette="Quit", priority=True,
           footer=False),  # the footer has room for the keys of the selected row first
)

BY_ID = {a.id: a for a in ACTIONS}

MOUSE: tuple[tuple[str, str], ...] = (
    ("drag a duty", "from Roles or a position onto a position: that position owns it now"),
    ("drag a duty", "from a position onto Roles: it becomes unowned"),
    ("drag a person", "from People (or a holder row) onto a position: they hold it"),
    ("drag a holder", "onto People: they leave that position"),
    ("drag a position", "onto a department: it moves there"),
    ("click a row", "select it; click ▶ (or press enter) to open or close it"),
)
"""The mouse gestures, (gesture, what it does); escape cancels a drag (see `cancel_drag`)."""

MARKS: tuple[tuple[str, str], ...] = (
    (MARK_OWNED, "a duty owned by a held position"),
    (MARK_WARN, "needs a look: a split or vacancy-only duty, a person over capacity"),
    (MARK_UNOWNED, "a duty nobody owns"),
    ("•", "a duty the position above owns"),
    ("@", "a person holding the position above"),
    (MARK_VACANT, "a position nobody holds (VACANT)"),
    ("▶ ▼", "a closed / open row"),
)
"""What the marks at the start of a row mean."""

_TYPED = {"question_mark": "?", "delete": "del", "escape": "esc", "space": "space", "enter": "enter"}


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
    lines.append(f"| {code('ctrl+p')} | the command palette: every action that applies to the selection | |")
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
