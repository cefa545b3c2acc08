"""The Roles pane: the catalog's roles and duties, each with who owns it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgtui.core.domain.presenters import Row, duty_row, role_row
from orgtui.core.i18n import _
from orgtui.core.storage.session import Workspace
from orgtui.ui.panes import shown
from orgtui.ui.tree import OrgTree, Ref

if TYPE_CHECKING:
    from orgtui.core.domain.affected import Affected
    from orgtui.core.domain.drops import DragItem, DropTarget


class RolesPane(OrgTree):
    def __init__(self, **kwargs) -> None:
        super().__init__(_("Roles"), **kwargs)
        self.ws: Workspace | None = None

    def child_refs(self, ref: Ref | None) -> list[Ref]:
        catalog = shown(self.ws).org.catalog
        if ref is None:
            return [Ref("role", r) for r in catalog.roles]
        if ref.kind == "role":
            return [Ref("duty", d.id) for d in catalog.roles[ref.id].duties]
        return []

    def row(self, ref: Ref) -> Row:
        if ref.kind == "role":
            return role_row(shown(self.ws).org, ref.id)
        return duty_row(shown(self.ws).org, ref.id)

    def expandable(self, ref: Ref) -> bool:
        return ref.kind == "role"

    def starts_expanded(self, ref: Ref) -> bool:
        return True

    def parent_of(self, ref: Ref) -> Ref | None:
        if ref.kind == "duty" and ref.id in shown(self.ws).org.catalog.duties:
            return Ref("role", shown(self.ws).org.catalog.duties[ref.id].role)
        return None

    # -- the filter (`/`) ----------------------------------------------------------------

    def rows_showing(self, kind: str, ident: str) -> tuple[Ref, ...]:
        return (Ref(kind, ident),) if kind in ("role", "duty") else ()

    def filter_total(self) -> int:
        catalog = shown(self.ws).org.catalog
        return len(catalog.roles) + len(catalog.duties)

    def build(self, ws: Workspace) -> None:
        self.ws = ws
        self.clear_marks()
        self.rebuild_rows()

    def update(self, ws: Workspace, affected: Affected) -> None:
        self.ws = ws
        duties = shown(self.ws).org.catalog.duties
        # a role's row counts its unowned duties
        roles = {("role", duties[i].role) for k, i in affected.rows if k == "duty" and i in duties}
        self.forget_labels(affected.rows | roles)

    def markable(self, ref: Ref) -> bool:
        return ref.kind == "duty"

    def drag_item(self, ref: Ref) -> DragItem | None:
        from orgtui.core.domain.drops import DragItem

        if ref.kind == "role" and self.ws is not None:
            return DragItem("role", ref.id)  # onto a position: it gets the role's duties
        if ref.kind != "duty" or self.ws is None:
            return None
        # A duty with one owner is moved from it (the Roles pane shows where each duty
        # lives); an unowned one is assigned. Adding a second owner is a deliberate split,
        # done with `a` on the position.
        owners = shown(self.ws).org.owners(ref.id)
        return DragItem("duty", ref.id, owners[0] if len(owners) == 1 else None)

    def drop_target(self, ref: Ref | None) -> DropTarget | None:
        from orgtui.core.domain.drops import DropTarget

        return DropTarget("catalog")

    def next_unowned(self, ws: Workspace) -> str | None:
        """The first unowned duty after the cursor (wrapping), and move the cursor there."""
        duties = list(ws.org.catalog.duties)
        current = self.cursor_ref
        start = duties.index(current.id) + 1 if current and current.kind == "duty" else 0
        for duty in duties[start:] + duties[:start]:
            if not ws.org.owner_count(duty):
                self.select_key(("duty", duty, None))
                return duty
        return None
