"""The People pane: everyone, their load against capacity, and the positions they hold."""

from __future__ import annotations

from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from orgtui.core.domain.drops import DragItem, DropTarget
from orgtui.core.domain.presenters import held_position_row, person_row
from orgtui.core.storage.session import Outcome, Workspace
from orgtui.ui.tree import OrgTree, Ref

FIRST_ROWS = 300  # people built before the first frame; the rest follow in chunks
CHUNK = 1000


class PeoplePane(OrgTree):
    """People start collapsed: one row each shows their load; expanding shows positions.

    In a 5,000-person org building every row before the first frame costs ~0.2 s, so the
    first screenfuls are built at once and the rest right after, a chunk per refresh. A
    rebuild (a person added or removed) starts a new generation and the old fill stops.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("People", **kwargs)
        self.border_title = "People"
        self.ws: Workspace | None = None
        self._populated: set[str] = set()
        self._generation = 0

    def build(self, ws: Workspace) -> None:
        self.ws = ws
        expanded = {k for k, n in self.nodes.items() if n.is_expanded}
        cursor = self.cursor_ref.key if self.cursor_ref else None
        self._generation += 1
        people = list(ws.org.people)
        with self.batch():
            self.clear_rows()
            self._populated.clear()
            self._add_people(people[:FIRST_ROWS], expanded)
        if len(people) > FIRST_ROWS:
            self.call_after_refresh(self._fill, self._generation, people, FIRST_ROWS, expanded, cursor)
        else:
            self._fill(self._generation, people, FIRST_ROWS, expanded, cursor)

    def _fill(self, generation: int, people: list[str], start: int, expanded: set, cursor: tuple | None) -> None:
        if generation != self._generation or self.ws is None:
            return  # rebuilt meanwhile: that build fills its own rows
        if start < len(people):
            with self.batch():
                self._add_people(people[start : start + CHUNK], expanded)
            self.call_after_refresh(self._fill, generation, people, start + CHUNK, expanded, cursor)
            return
        self.border_subtitle = f"{len(people)} people"
        if cursor:
            self.select_key(cursor)

    def _add_people(self, people: list[str], expanded: set) -> None:
        org = self.ws.org
        for person in people:
            if person not in org.people:
                continue  # removed since the fill began (a rebuild follows)
            node = self.add_row(self.root, Ref("person", person), person_row(org, person))
            if ("person", person, None) in expanded:
                self._populate(node)
                node.expand()

    @property
    def filled(self) -> bool:
        return self.ws is not None and len([k for k in self.nodes if k[0] == "person"]) == len(self.ws.org.people)

    def _populate(self, node: TreeNode[Ref]) -> None:
        org = self.ws.org
        person = node.data.id
        for child in list(node.children):
            self.forget(child)
        node.remove_children()
        for pos in org.positions_of(person):
            self.add_row(node, Ref("held", pos, person), held_position_row(org, pos), leaf=True)
        self._populated.add(person)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Ref]) -> None:
        ref = event.node.data
        if ref is not None and ref.kind == "person" and ref.id not in self._populated:
            self._populate(event.node)

    def update(self, ws: Workspace, outcome: Outcome) -> None:
        org = ws.org
        if any(c.kind == "person" and (c.before is None or c.after is None) for c in outcome.changes):
            self.build(ws)
            return
        people = {i for k, i in outcome.touched if k == "person"}
        # a renamed or re-homed position shows under each of its holders
        for kind, ident in outcome.touched:
            if kind == "position" and ident in org.positions:
                people.update(org.positions[ident].holders)
        if any(c.kind == "department" for c in outcome.changes):
            # held-position rows name their department: refresh the (few) expanded people
            people.update(self._populated)
        for person in people:
            if person not in org.people:
                continue
            self.relabel(("person", person, None), person_row(org, person))
            node = self.nodes.get(("person", person, None))
            if node is not None and person in self._populated:
                self._populate(node)

    def drag_item(self, ref: Ref) -> DragItem | None:
        if ref.kind == "person":
            return DragItem("person", ref.id)
        if ref.kind == "held":
            return DragItem("person", ref.parent, ref.id)  # out of that position
        return None

    def drop_target(self, ref: Ref | None) -> DropTarget | None:
        return DropTarget("people")
