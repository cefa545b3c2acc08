"""What a drag-and-drop means: which edit a drop makes, or why it is refused.

Kept out of the UI so the rules ("a duty dropped on a position moves there", "a person
dropped on the catalog leaves that position", ...) are tested without a screen, and the
same rules serve the mouse and the keyboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from orgtui.core.domain.edits import (
    Edit,
    EditError,
    MoveDepartment,
    MoveDuty,
    MoveHolder,
    MovePosition,
    UnassignDuty,
    UnassignHolder,
)
from orgtui.core.domain.org import Org


@dataclass(frozen=True, slots=True)
class DragItem:
    kind: Literal["duty", "person", "position", "department"]
    id: str
    source: str | None = None  # the position a duty or holder is dragged out of


@dataclass(frozen=True, slots=True)
class DropTarget:
    kind: Literal["position", "department", "catalog", "people"]
    id: str | None = None


def drop_edit(item: DragItem, target: DropTarget | None) -> Edit | str:
    """The edit a drop makes, or a reason it means nothing."""
    if target is None:
        return "not a drop target"
    if item.kind == "duty":
        if target.kind == "position" and target.id:
            return MoveDuty(item.id, item.source, target.id)
        if target.kind == "catalog":
            return UnassignDuty(item.id, item.source) if item.source else "that duty is already in the catalog"
        return "drop a duty on a position (or on Roles to unassign it)"
    if item.kind == "person":
        if target.kind == "position" and target.id:
            return MoveHolder(item.id, item.source, target.id)
        if target.kind in ("people", "catalog") and item.source:
            return UnassignHolder(item.id, item.source)
        return "drop a person on a position"
    if item.kind == "position":
        if target.kind == "department" and target.id:
            return MovePosition(item.id, target.id)
        return "drop a position on a department"
    if target.kind == "department" and target.id:
        return MoveDepartment(item.id, target.id)
    return "drop a department on another department"


def check_drop(org: Org, item: DragItem, target: DropTarget | None) -> tuple[Edit | None, str]:
    """The edit and its label if the drop can be made, else (None, why not)."""
    edit = drop_edit(item, target)
    if isinstance(edit, str):
        return None, edit
    try:
        return edit, edit.plan(org).label
    except EditError as exc:
        return None, str(exc)
