"""Does an action apply now? The predicates the action table names, over what is selected.

`here(app)` reads the app once (focused pane, row under its cursor, history, counts);
each predicate is then a plain function of that snapshot. The footer (via
`check_action`) and the command palette ask the same question, so a key is shown exactly
where pressing it does something. Each predicate mirrors what its action in actions.py
acts on: change one, change the other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orgtui.core.domain.org import Org
from orgtui.core.i18n import _
from orgtui.ui.action_table import PANE, Action

if TYPE_CHECKING:
    from orgtui.ui.app import OrgApp
    from orgtui.ui.tree import Ref

ROW_PANES = ("roles", "departments", "people")
"""The panes whose rows the pane-scoped actions act on."""


@dataclass(frozen=True, slots=True)
class Here:
    """What the actions could act on right now."""

    org: Org
    pane: str
    """The focused pane's id ("roles", "departments", "people", "problems"), or ""."""
    ref: Ref | None
    """The row under the focused pane's cursor (Roles, Departments, People only)."""
    position: str | None
    """The position the selected Departments row belongs to (position, its duty, its holder)."""
    department: str | None
    """The selected department in Departments (that of a selected position too)."""
    duty: str | None
    """The duty of the selected row: a duty row in Roles or Departments, or a duty's finding in Problems."""
    undo: str | None
    redo: str | None
    unowned: int
    conflicts: int
    dragging: bool
    marked: int = 0
    """How many rows are marked in the focused pane (space)."""
    details_overlay: bool = False
    """The detail panel is open over the panes (escape closes it)."""


def here(app: OrgApp, focused: object | None = None) -> Here:
    """What the actions could act on; `focused` is the widget with the focus.

    By default that of the main screen, also while a dialog is over it: the footer under
    a dialog keeps showing what applies to the row behind it.
    """
    org = app.ws.org
    if focused is None:
        focused = app.screen_stack[0].focused if app.screen_stack else None
    pane, ref, marked = "", None, 0
    for tree in (app.roles, app.departments, app.people):
        if focused is tree:  # set at once, unlike has_focus (which waits for the Focus event)
            pane, ref, marked = tree.id or "", tree.cursor_ref, len(tree.marked)
    duty = None
    if focused is app.problems:
        pane = "problems"  # its rows are findings: only the finding's duty is acted on (suggest)
        finding = app.problems.cursor_finding
        if finding is not None and finding.subject_kind == "duty" and finding.subject in org.catalog.duties:
            duty = finding.subject
    if ref is not None and not _exists(org, ref):
        ref = None  # the row of something just removed, until the pane's cursor moves on
    position = department = None
    if pane == "departments" and ref is not None:
        position = ref.id if ref.kind == "position" else ref.parent if ref.kind in ("duty", "holder") else None
        department = ref.id if ref.kind == "department" else org.positions[position].department if position else None
    if ref is not None and ref.kind == "duty" and pane in ("roles", "departments"):
        duty = ref.id
    history = app.ws.history
    validator = app.ws.validator
    return Here(
        org=org,
        pane=pane,
        ref=ref,
        position=position,
        department=department,
        duty=duty,
        undo=history.undo_label,
        redo=history.redo_label,
        unowned=validator.count("unowned-duty"),
        conflicts=validator.count("merge-conflict"),
        dragging=any(tree.dragging for tree in (app.roles, app.departments, app.people)),
        marked=marked,
        details_overlay=app.details_shown and not app.details_beside,
    )


def _exists(org: Org, ref: Ref) -> bool:
    """Is what the row shows (and the row it sits under) still in the org?"""
    if ref.kind in ("duty", "role"):
        table: Mapping[str, object] = org.catalog.duties if ref.kind == "duty" else org.catalog.roles
        return ref.id in table and (ref.parent is None or ref.parent in org.positions)
    if ref.kind in ("holder", "person"):
        return ref.id in org.people and (ref.parent is None or ref.parent in org.positions)
    if ref.kind == "held":
        return ref.id in org.positions and ref.parent in org.people
    if ref.kind == "position":
        return ref.id in org.positions
    if ref.kind == "department":
        return ref.id in org.departments
    return False


def _kind(h: Here, *kinds: str) -> bool:
    return h.ref is not None and h.ref.kind in kinds


def _removable(h: Here) -> bool:
    if h.ref is None or h.ref.kind == "role":
        return False
    if h.ref.kind == "duty" and h.ref.parent is None:
        return bool(h.org.owners(h.ref.id))  # in Roles: an unowned duty has nothing to unassign
    return True


PREDICATES: dict[str, Callable[[Here], bool]] = {
    "always": lambda h: True,
    "can_undo": lambda h: h.undo is not None,
    "can_redo": lambda h: h.redo is not None,
    "movable": lambda h: _kind(h, "duty", "holder", "person", "held", "position", "department", "role"),
    # `a` on a duty in Roles moves it; in Departments it assigns to the row's position
    "assignable": lambda h: (h.pane == "roles" and _kind(h, "duty")) or h.position is not None,
    # `h` in Departments adds a holder to the row's position (in People, `p` adds a position)
    "holdable": lambda h: h.position is not None,
    # `T`: a position in Departments (or a row under it), or a held position in People
    "role_target": lambda h: h.position is not None or _kind(h, "held"),
    # space: a duty row in Roles or Departments
    "markable": lambda h: h.pane in ("roles", "departments") and _kind(h, "duty"),
    "has_marks": lambda h: h.marked > 0 and not h.dragging,  # while dragging, escape cancels the drag
    "removable": _removable,
    "renamable": lambda h: _kind(h, "department", "position", "person", "holder"),
    "person": lambda h: _kind(h, "person", "holder", "held"),
    "fte_position": lambda h: h.position is not None or _kind(h, "held"),
    # `t`: a position in Departments (either view), or a held position in People
    "manageable": lambda h: h.position is not None or _kind(h, "held"),
    "has_department": lambda h: bool(h.org.departments),
    "duty_selected": lambda h: h.duty is not None,
    # `w`: a person in People, or a holder row in Departments
    "leaver": lambda h: h.pane in ("people", "departments") and _kind(h, "person", "holder"),
    "has_unowned": lambda h: h.unowned > 0,
    "has_conflicts": lambda h: h.conflicts > 0,
    "in_pane": lambda h: h.pane != "",
    # `v` switches the Departments pane's view: offered there (it says so when there are no lines)
    "in_departments": lambda h: h.pane == "departments",
    "filterable": lambda h: h.pane in (*ROW_PANES, "problems"),
    "dragging": lambda h: h.dragging,
    "details_overlay": lambda h: h.details_overlay,
}


def applies(action: Action, h: Here) -> bool:
    if action.scope == PANE and h.pane not in ROW_PANES:
        return False
    return PREDICATES[action.when](h)


# -- the names the palette's wording uses --------------------------------------------


def selected_name(h: Here) -> str | None:
    """The selected row's title or name, as its row shows it."""
    ref, org = h.ref, h.org
    if ref is None:
        return None
    if ref.kind == "duty":
        duty = org.catalog.duties.get(ref.id)
        return duty.title if duty else None
    if ref.kind == "role":
        role = org.catalog.roles.get(ref.id)
        return role.title if role else None
    if ref.kind in ("holder", "person"):
        person = org.people.get(ref.id)
        return person.name if person else None
    if ref.kind in ("position", "held"):
        pos = org.positions.get(ref.id)
        return pos.title if pos else None
    if ref.kind == "department":
        dept = org.departments.get(ref.id)
        return dept.name if dept else None
    return None


def names(h: Here) -> dict[str, str | None]:
    """The `{fields}` of the palette's wording; None where the selection has none."""
    org = h.org
    person = None
    if _kind(h, "person", "holder"):
        person = h.ref.id  # type: ignore[union-attr]
    elif _kind(h, "held"):
        person = h.ref.parent  # type: ignore[union-attr]
    position = h.position or (h.ref.id if _kind(h, "held") else None)  # type: ignore[union-attr]
    department = h.department or next(iter(org.departments), None)
    return {
        "selected": selected_name(h),
        "position": org.positions[position].title if position in org.positions else None,
        "department": org.departments[department].name if department in org.departments else None,
        "person": org.people[person].name if person in org.people else None,
        "duty": org.catalog.duties[h.duty].title if h.duty in org.catalog.duties else None,
        "undo": h.undo,
        "redo": h.redo,
    }


def wording(action: Action, h: Here) -> str | None:
    """The palette entry for `action` here, or None when its wording names nothing selected."""
    if action.palette is None:
        return None
    fields = names(h)
    try:
        return _(action.palette).format_map(_Strict(fields))
    except KeyError:
        return None


class _Strict(dict):
    """format_map fields: a field that is None is missing (the entry is left out)."""

    def __missing__(self, key: str) -> str:
        raise KeyError(key)

    def __getitem__(self, key: str) -> str:
        value = super().get(key)
        if value is None:
            raise KeyError(key)
        return value
