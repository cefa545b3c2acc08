"""The Departments pane: departments, their positions, and each position's holders and duties.

A 5,000-person org has ~2,000 positions and ~20,000 duty rows; building them all would
take seconds. So a position's rows are built when it is first expanded (small orgs
expand everything at once), and an edit relabels or rebuilds only the rows it touched.
"""

from __future__ import annotations

from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from orgtui.core.domain.drops import DragItem, DropTarget
from orgtui.core.domain.org import Department, Position
from orgtui.core.domain.presenters import (
    department_row,
    holder_row,
    owned_duty_row,
    position_row,
)
from orgtui.core.storage.session import Outcome, Workspace
from orgtui.ui.tree import OrgTree, Ref

EXPAND_ALL_BELOW = 400  # positions; above this, positions start collapsed


class DepartmentsPane(OrgTree):
    def __init__(self, **kwargs) -> None:
        super().__init__("Departments", **kwargs)
        self.border_title = "Departments"
        self.ws: Workspace | None = None
        self._populated: set[str] = set()

    def build(self, ws: Workspace) -> None:
        self.ws = ws
        expanded = {k for k, n in self.nodes.items() if n.is_expanded}
        cursor = self.cursor_ref.key if self.cursor_ref else None
        first = not self.nodes
        with self.batch():
            self.clear_rows()
            self._populated.clear()
            expand_positions = len(ws.org.positions) < EXPAND_ALL_BELOW
            stack: list[tuple[TreeNode[Ref], str]] = [(self.root, d) for d in reversed(ws.org.subdepartments(None))]
            while stack:
                parent, dept = stack.pop()
                node = self._add_department(parent, dept)
                for pos in ws.org.positions_in(dept):
                    key = ("position", pos, None)
                    self._add_position(node, pos, expand=expand_positions if first else key in expanded)
                stack.extend((node, d) for d in reversed(ws.org.subdepartments(dept)))
            if not first:
                for key in expanded:
                    if key in self.nodes and key[0] == "department":
                        self.nodes[key].expand()
            if cursor:
                self.select_key(cursor)

    def _add_department(self, parent: TreeNode[Ref], dept: str) -> TreeNode[Ref]:
        return self.add_row(parent, Ref("department", dept), department_row(self.ws.org, dept), expand=True)

    def _add_position(self, parent: TreeNode[Ref], pos: str, expand: bool) -> TreeNode[Ref]:
        node = self.add_row(parent, Ref("position", pos), position_row(self.ws.org, pos))
        if expand:
            self._populate(node)
            node.expand()
        return node

    def _populate(self, node: TreeNode[Ref]) -> None:
        org = self.ws.org
        pos = node.data.id
        with self.batch():
            for child in list(node.children):
                self.forget(child)
            node.remove_children()
            for person in org.positions[pos].holders:
                self.add_row(node, Ref("holder", person, pos), holder_row(org, person), leaf=True)
            for duty in org.positions[pos].duties:
                self.add_row(node, Ref("duty", duty, pos), owned_duty_row(org, duty), leaf=True)
        self._populated.add(pos)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Ref]) -> None:
        ref = event.node.data
        if ref is not None and ref.kind == "position" and ref.id not in self._populated:
            self._populate(event.node)

    def update(self, ws: Workspace, outcome: Outcome) -> None:
        org = ws.org
        structural = False
        for change in outcome.changes:
            before, after = change.before, change.after
            if change.kind == "department":
                if before is None or after is None or (isinstance(before, Department) and isinstance(after, Department) and before.parent != after.parent):
                    structural = True
            elif change.kind == "position":
                if before is None or after is None or (isinstance(before, Position) and isinstance(after, Position) and before.department != after.department):
                    structural = True
        if structural:
            self.build(ws)
            return
        for kind, ident in outcome.touched:
            if kind == "position" and ident in org.positions:
                self.relabel(("position", ident, None), position_row(org, ident))
                node = self.nodes.get(("position", ident, None))
                if node is not None and ident in self._populated:
                    self._populate(node)
            elif kind == "department" and ident in org.departments:
                self.relabel(("department", ident, None), department_row(org, ident))
        for kind, ident in outcome.touched:
            if kind == "duty":  # the split mark of this duty under every owner shown
                row = None
                for pos in org.owners(ident):
                    if pos in self._populated:
                        row = row or owned_duty_row(org, ident)
                        self.relabel(("duty", ident, pos), row)
            elif kind == "person" and ident in org.people:
                for pos in org.positions_of(ident):
                    self.relabel(("holder", ident, pos), holder_row(org, ident))
                    self.relabel(("position", pos, None), position_row(org, pos))

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
        return self.ws.org.positions[pos].department if pos and self.ws else None
