"""The Roles pane: the catalog's roles and duties, each with who owns it."""

from __future__ import annotations

from orgtui.core.domain.drops import DragItem, DropTarget
from orgtui.core.domain.presenters import duty_row, role_row
from orgtui.core.storage.session import Workspace
from orgtui.ui.tree import OrgTree, Ref


class RolesPane(OrgTree):
    def __init__(self, **kwargs) -> None:
        super().__init__("Roles", **kwargs)
        self.border_title = "Roles"
        self.ws: Workspace | None = None

    def build(self, ws: Workspace) -> None:
        self.ws = ws
        with self.batch():
            self.clear_rows()
            org = ws.org
            for role in org.catalog.roles.values():
                node = self.add_row(self.root, Ref("role", role.id), role_row(org, role.id), expand=True)
                for duty in role.duties:
                    self.add_row(node, Ref("duty", duty.id), duty_row(org, duty.id), leaf=True)

    def update(self, ws: Workspace, touched: frozenset[tuple[str, str]]) -> None:
        org = ws.org
        roles = set()
        for kind, ident in touched:
            if kind == "duty" and ident in org.catalog.duties:
                self.relabel(("duty", ident, None), duty_row(org, ident))
                roles.add(org.catalog.duties[ident].role)
        for role in roles:
            self.relabel(("role", role, None), role_row(org, role))

    def drag_item(self, ref: Ref) -> DragItem | None:
        if ref.kind != "duty" or self.ws is None:
            return None
        # A duty with one owner is moved from it (the Roles pane shows where each duty
        # lives); an unowned one is assigned. Adding a second owner is a deliberate split,
        # done with `a` on the position.
        owners = self.ws.org.owners(ref.id)
        return DragItem("duty", ref.id, owners[0] if len(owners) == 1 else None)

    def drop_target(self, ref: Ref | None) -> DropTarget | None:
        return DropTarget("catalog")

    def next_unowned(self, ws: Workspace) -> str | None:
        """The first unowned duty after the cursor (wrapping), and move the cursor there."""
        duties = list(ws.org.catalog.duties)
        current = self.cursor_ref
        start = duties.index(current.id) + 1 if current and current.kind == "duty" else 0
        for duty in duties[start:] + duties[:start]:
            if not ws.org.owners(duty):
                self.select_key(("duty", duty, None))
                return duty
        return None
