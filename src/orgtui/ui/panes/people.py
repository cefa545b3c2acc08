"""The People pane: everyone, their load against capacity, and the positions they hold.

People start collapsed: one row each shows their load; expanding shows positions. The
index of 50,000 rows is built at C speed when the org opens (ui/tree.py), so the pane is
complete and usable in the first frame; a row's words are made when it is first drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgtui.core.domain.presenters import Row, held_position_row, person_row
from orgtui.core.domain.reporting_text import person_suffix, position_suffix
from orgtui.core.i18n import _, ngettext
from orgtui.core.storage.session import Workspace
from orgtui.ui.panes import shown
from orgtui.ui.tree import OrgTree, Ref

if TYPE_CHECKING:
    from orgtui.core.domain.affected import Affected
    from orgtui.core.domain.drops import DragItem, DropTarget


class PeoplePane(OrgTree):
    def __init__(self, **kwargs) -> None:
        super().__init__(_("People"), **kwargs)
        self.ws: Workspace | None = None

    # -- the rows ------------------------------------------------------------------------

    def child_refs(self, ref: Ref | None) -> list[Ref]:
        org = shown(self.ws).org
        if ref is None:
            return [Ref("person", p) for p in org.people]
        if ref.kind == "person":
            return [Ref("held", pos, ref.id) for pos in org.positions_of(ref.id)]
        return []

    def row(self, ref: Ref) -> Row:
        org = shown(self.ws).org
        # who they report to, at the end of the row (empty for an org without reporting lines)
        if ref.kind == "person":
            return Row(person_row(org, ref.id).parts + person_suffix(org, ref.id))
        return Row(held_position_row(org, ref.id).parts + position_suffix(org, ref.id, under_manager=False))

    def empty_hint(self) -> str:
        key_hint = getattr(self.app, "key_hint", None)
        key = key_hint("add_person") if key_hint else "N"
        return _("No people yet — press {key} to add one").format(key=key)

    def expandable(self, ref: Ref) -> bool:
        return ref.kind == "person"

    def kids_start_collapsed(self, parent: Ref | None) -> bool:
        return True

    def parent_of(self, ref: Ref) -> Ref | None:
        return Ref("person", ref.parent) if ref.kind == "held" and ref.parent else None

    # -- the filter (`/`): people by name or id -------------------------------------------

    def rows_showing(self, kind: str, ident: str) -> tuple[Ref, ...]:
        return (Ref("person", ident),) if kind == "person" else ()

    def filter_total(self) -> int:
        return len(shown(self.ws).org.people)

    # -- the contract ----------------------------------------------------------------------

    def build(self, ws: Workspace) -> None:
        self.ws = ws
        self.rebuild_rows()
        self.set_border_words(subtitle=people_count(len(ws.org.people)))

    def update(self, ws: Workspace, affected: Affected) -> None:
        self.ws = ws
        org = ws.org
        # one person in or out of 50,000: patch that row, never re-list everyone
        for kind, ident in affected.removed:
            if kind == "person":
                self.remove_row(Ref("person", ident))
        added = [ident for kind, ident in affected.added if kind == "person" and ident in org.people]
        if added:
            order = list(org.people)
            for ident in added:
                at = order.index(ident)
                after = Ref("person", order[at + 1]) if at + 1 < len(order) else None
                self.insert_row(None, Ref("person", ident), after)
        for kind, shaped in affected.shapes:
            if kind == "person" and shaped is not None and shaped in org.people:
                self.reshape(Ref("person", shaped))
        self.forget_labels(affected.rows)
        self.set_border_words(subtitle=people_count(len(org.people)))

    @property
    def filled(self) -> bool:
        return self.ws is not None and self.line_count >= len(shown(self.ws).org.people)

    # -- what the user does ----------------------------------------------------------------

    def drag_item(self, ref: Ref) -> DragItem | None:
        from orgtui.core.domain.drops import DragItem

        if ref.kind == "person":
            return DragItem("person", ref.id)
        if ref.kind == "held" and ref.parent is not None:
            return DragItem("person", ref.parent, ref.id)  # out of that position
        return None

    def drop_target(self, ref: Ref | None) -> DropTarget | None:
        from orgtui.core.domain.drops import DropTarget

        return DropTarget("people")


def people_count(n: int) -> str:
    return ngettext("{n} person", "{n} people", n).format(n=n)
