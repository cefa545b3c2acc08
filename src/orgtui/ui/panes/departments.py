"""The Departments pane: departments, their positions, and each position's holders and duties.

Drawn line by line (ui/tree.py): only the visible rows are indexed, and a row's words are
computed when it is first drawn. Small orgs start with every position expanded; above
EXPAND_ALL_BELOW positions they start collapsed, so the index stays ~22,000 rows at
50,000 people instead of ~250,000.

Two views of the same rows (`v` switches): by department, and by reporting line, where
each position sits under its manager (the tops at the top level) with its holders and
duties first, then its reports. Dotted lines are a suffix of the row ("⇢ Head of
Marketing"), not rows of their own, so every position is on one row and a row key still
names one line. Both views read the org's indices only (`reports_of`, `top_positions`).
A reporting cycle (a file can hold one; no edit makes one) would have no top: its first
position, as the validator names it, is shown at the top level, and not again under the
last one, so the tree stays finite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgtui.core.domain.presenters import (
    Row,
    department_row,
    holder_row,
    owned_duty_row,
    position_row,
)
from orgtui.core.domain.reporting_text import position_suffix
from orgtui.core.domain.validator import REPORTING, REPORTING_CYCLE
from orgtui.core.i18n import _
from orgtui.core.storage.session import Workspace
from orgtui.ui.panes import shown
from orgtui.ui.tree import OrgTree, Ref

if TYPE_CHECKING:
    from orgtui.core.domain.affected import Affected
    from orgtui.core.domain.drops import DragItem, DropTarget

EXPAND_ALL_BELOW = 400  # positions; above this, positions start collapsed


class DepartmentsPane(OrgTree):
    def __init__(self, **kwargs) -> None:
        super().__init__(_("Departments"), **kwargs)
        self.ws: Workspace | None = None
        self._expand_positions = True
        self.by_reporting_line = False
        self._cycle_heads: tuple[str, ...] = ()
        self._rows_total = (-1, 0)  # (org version, rows a filter searches)

    # -- the rows ------------------------------------------------------------------------

    def child_refs(self, ref: Ref | None) -> list[Ref]:
        if self.by_reporting_line:
            return self._reporting_children(ref)
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

    def _reporting_children(self, ref: Ref | None) -> list[Ref]:
        org = shown(self.ws).org
        if ref is None:
            return [Ref("position", p) for p in (*org.top_positions(), *self._cycle_heads)]
        if ref.kind != "position" or ref.id not in org.positions:
            return []
        pos = org.positions[ref.id]
        reports = [Ref("position", r) for r in org.reports_of(ref.id) if r not in self._cycle_heads]
        return [Ref("holder", h, ref.id) for h in pos.holders] + [Ref("duty", d, ref.id) for d in pos.duties] + reports

    def row(self, ref: Ref) -> Row:
        org = shown(self.ws).org
        if ref.kind == "department":
            return department_row(org, ref.id, self._key("add_position"))
        if ref.kind == "position":
            row = position_row(org, ref.id)
            if not self.by_reporting_line:
                return Row(row.parts + position_suffix(org, ref.id, under_manager=False))
            department = (f"  · {org.departments[org.positions[ref.id].department].name}", "dim")
            under = ref.id not in self._cycle_heads
            return Row((*row.parts, department, *position_suffix(org, ref.id, under_manager=under)))
        if ref.kind == "holder":
            return holder_row(org, ref.id)
        return owned_duty_row(org, ref.id)

    def _key(self, action_id: str) -> str:
        key_hint = getattr(self.app, "key_hint", None)  # the OrgApp's (a pane in a test app has none)
        return key_hint(action_id) if key_hint else action_id

    def empty_hint(self) -> str:
        return _("No departments yet — press {key} to add one").format(key=self._key("add_department"))

    def expandable(self, ref: Ref) -> bool:
        return ref.kind in ("department", "position")

    def starts_expanded(self, ref: Ref) -> bool:
        return ref.kind == "department" or self._expand_positions

    def kids_start_collapsed(self, parent: Ref | None) -> bool:
        # by reporting line every row is a position (or a holder or duty): a big org's
        # tops are indexed at C speed, as People's rows are
        return self.by_reporting_line and not self._expand_positions

    def parent_of(self, ref: Ref) -> Ref | None:
        org = shown(self.ws).org
        if ref.kind in ("holder", "duty"):
            return Ref("position", ref.parent) if ref.parent else None
        if ref.kind == "position" and self.by_reporting_line:
            pos = org.positions.get(ref.id)
            if pos is None or pos.reports_to is None or ref.id in self._cycle_heads:
                return None
            return Ref("position", pos.reports_to)
        if ref.kind == "position":
            pos = org.positions.get(ref.id)
            return Ref("department", pos.department) if pos else None
        if ref.kind == "department":
            dept = org.departments.get(ref.id)
            return Ref("department", dept.parent) if dept and dept.parent else None
        return None

    # -- the filter (`/`): departments, positions, holders and duties under positions ---------

    def rows_showing(self, kind: str, ident: str) -> list[Ref]:
        org = shown(self.ws).org
        if kind in ("department", "position"):
            return [Ref(kind, ident)]
        if kind == "person":
            return [Ref("holder", ident, p) for p in org.positions_of(ident)]
        if kind == "duty":
            return [Ref("duty", ident, p) for p in org.owners(ident)]
        return []

    def filter_total(self) -> int:
        org = shown(self.ws).org
        if self._rows_total[0] != org.version:
            rows = len(org.departments) + sum(1 + len(p.holders) + len(p.duties) for p in org.positions.values())
            self._rows_total = (org.version, rows)
        return self._rows_total[1]

    # -- the contract ----------------------------------------------------------------------

    def build(self, ws: Workspace) -> None:
        self.ws = ws
        self._expand_positions = len(ws.org.positions) < EXPAND_ALL_BELOW
        if not ws.org.has_reporting_lines:
            self.by_reporting_line = False  # a new file without lines: the only view it has
        self._cycle_heads = cycle_heads(ws)
        self._set_title()
        self.clear_marks()
        self.rebuild_rows()

    def update(self, ws: Workspace, affected: Affected) -> None:
        self.ws = ws
        if self.by_reporting_line:
            self._update_by_reporting_line(ws, affected)
        else:
            for kind, ident in affected.shapes:
                if kind == "department":
                    self.reshape(None if ident is None else Ref("department", ident))
                elif kind == "position" and ident is not None:
                    self.reshape(Ref("position", ident))
        self.forget_labels(affected.rows)
        self._set_title()
        positions = ws.org.positions
        self.keep_marks(lambda r: r.parent in positions and r.id in positions[r.parent].duties)

    def _update_by_reporting_line(self, ws: Workspace, affected: Affected) -> None:
        heads = cycle_heads(ws)
        if heads != self._cycle_heads:
            # a cycle appeared or went (a merge, an undo): its first position moves
            # between the top level and its manager
            changed = set(heads) ^ set(self._cycle_heads)
            self._cycle_heads = heads
            self.reshape(None)
            for head in changed:
                manager = ws.org.positions[head].reports_to if head in ws.org.positions else None
                if manager is not None:
                    self.reshape(Ref("position", manager))
                self.relabel(Ref("position", head))
        for kind, ident in affected.shapes:
            if kind == "reports":
                self.reshape(None if ident is None else Ref("position", ident))
            elif kind == "position" and ident is not None:
                self.reshape(Ref("position", ident))

    # -- the two views ---------------------------------------------------------------------

    def show_by_reporting_line(self, on: bool) -> bool:
        """Switch views, keeping the cursor on the row it was on when the other view has
        it. False (and nothing changes) for reporting lines in an org that has none."""
        ws = shown(self.ws)
        if on and not ws.org.has_reporting_lines:
            return False
        if on == self.by_reporting_line:
            return True
        cursor = self.cursor_ref
        self.by_reporting_line = on
        self._cycle_heads = cycle_heads(ws)
        self._set_title()
        self.rebuild_rows()
        if cursor is not None and not self.select_key(cursor):
            self.move_cursor_to(0)
        return True

    def _set_title(self) -> None:
        if self.by_reporting_line:
            self.set_border_words(title=_("Departments · by reporting line"))
        elif self.ws is not None and self.ws.org.has_reporting_lines:
            self.set_border_words(title=_("Departments · by department"))
        else:
            self.set_border_words(title=_("Departments"))

    # -- what the user does ----------------------------------------------------------------

    def markable(self, ref: Ref) -> bool:
        return ref.kind == "duty"

    def drag_item(self, ref: Ref) -> DragItem | None:
        from orgtui.core.domain.drops import DragItem

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
        from orgtui.core.domain.drops import DropTarget

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


def cycle_heads(ws: Workspace) -> tuple[str, ...]:
    """The first position of each reporting cycle, as the validator found them (a few
    findings, read from its index: no walk over the org)."""
    return tuple(f.subject for f in ws.validator.about(*REPORTING) if f.code == REPORTING_CYCLE)
