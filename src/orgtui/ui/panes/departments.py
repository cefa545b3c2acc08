"""The Departments pane: departments, their positions, and each position's holders and duties.

Drawn line by line (ui/tree.py): only the visible rows are indexed, and a row's words are
computed when it is first drawn. Small orgs start with every position expanded; above
EXPAND_ALL_BELOW positions they start collapsed, so the index stays ~22,000 rows at
50,000 people instead of ~250,000.
"""

from __future__ import annotations

from orgtui.core.domain.affected import Affected
from orgtui.core.domain.drops import DragItem, DropTarget
from orgtui.core.domain.presenters import (
    Row,
    department_row,
    holder_row,
    owned_duty_row,
    position_row,
)
from orgtui.core.i18n import _
from orgtui.core.storage.session import Workspace
from orgtui.ui.panes import shown
from orgtui.ui.tree import OrgTree, Ref

EXPAND_ALL_BELOW = 400  # positions; above this, positions start collapsed


class DepartmentsPane(OrgTree):
    def __init__(self, **kwargs) -> None:
        super().__init__(_("Departments"), **kwargs)
        self.ws: Workspace | None = None
        self._expand_positions = True

    # -- the rows ------------------------------------------------------------------------

    def child_refs(self, ref: Ref | None) -> list[Ref]:
        org = shown(self.ws).org
        if ref is None:
            return [Ref("department", d) for d in org.subdepartments(None)]
        if ref.kind == "department":
            if ref.id not in org.departments:
                return []
            return [Ref("position", p) for p in org.positions_in(ref.id)] + [
                Ref("department", d) for d in org.subdepartments(ref.id)
            ]
        if ref.kind == "position" and ref.id in org.positions:
            pos = org.positions[ref.id]
            return [Ref("holder", h, ref.id) for h in pos.holders] + [Ref("duty", d, ref.id) for d in pos.duties]
        return []

    def row(self, ref: Ref) -> Row:
        org = shown(self.ws).org
        if ref.kind == "department":
            return department_row(org, ref.id)
        if ref.kind == "position":
            return position_row(org, ref.id)
        if ref.kind == "holder":
            return holder_row(org, ref.id)
        return owned_duty_row(org, ref.id)

    def expandable(self, ref: Ref) -> bool:
        return ref.kind in ("department", "position")

    def starts_expanded(self, ref: Ref) -> bool:
        return ref.kind == "department" or self._expand_positions

    def parent_of(self, ref: Ref) -> Ref | None:
        org = shown(self.ws).org
        if ref.kind in ("holder", "duty"):
            return Ref("position", ref.parent) if ref.parent else None
        if ref.kind == "position":
            pos = org.positions.get(ref.id)
            return Ref("department", pos.department) if pos else None
        if ref.kind == "department":
            dept = org.departments.get(ref.id)
            return Ref("department", dept.parent) if dept and dept.parent else None
        return None

    # -- the contract ----------------------------------------------------------------------

    def build(self, ws: Workspace) -> None:
        self.ws = ws
        self._expand_positions = len(ws.org.positions) < EXPAND_ALL_BELOW
        self.rebuild_rows()

    def update(self, ws: Workspace, affected: Affected) -> None:
        self.ws = ws
        for kind, ident in affected.shapes:
            if kind == "department":
                self.reshape(None if ident is None else Ref("department", ident))
            elif kind == "position" and ident is not None:
                self.reshape(Ref("position", ident))
        self.forget_labels(affected.rows)

    # -- what the user does ----------------------------------------------------------------

    def drag_item(self, ref: Ref) -> DragItem | None:
        if ref.kind == "duty":
            return DragItem("duty", ref.id, ref.parent)
        if ref.kind == "holder":
            return DragItem("person", ref.id, ref.parent)
        if ref.kind == "position":
            return DragItem("position", ref.id)
        if ref.kind == "department":
            return DragItem("department", ref.id)
        return None

    def drop_target(self, ref: Ref | None) -> DropTarget | None:
        if ref is None:
            return None
        if ref.kind == "department":
            return DropTarget("department", ref.id)
        if ref.kind == "position":
            return DropTarget("position", ref.id)
        return DropTarget("position", ref.parent)  # a duty or holder row: its position

    def selected_position(self) -> str | None:
        ref = self.cursor_ref
        if ref is None:
            return None
        if ref.kind == "position":
            return ref.id
        if ref.kind in ("duty", "holder"):
            return ref.parent
        return None

    def selected_department(self) -> str | None:
        ref = self.cursor_ref
        if ref is None:
            return None
        if ref.kind == "department":
            return ref.id
        pos = self.selected_position()
        return shown(self.ws).org.positions[pos].department if pos and self.ws else None
