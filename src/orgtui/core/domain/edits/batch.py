"""Several edits as one step: a suggestion that unassigns two owners, a repair plan.

Each edit is planned against the org as the edits before it left it, so later edits see
earlier ones (two duties given to one position). Planning applies each part's changes
and takes them back before returning: `plan()` leaves the org as it found it, like every
edit, and the History then applies the whole list as one step that one undo reverts.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgtui.core.domain.edits.base import Edit, EditError, Planned
from orgtui.core.domain.org import Change, Org
from orgtui.core.i18n import _


@dataclass(frozen=True, slots=True)
class Batch(Edit):
    label: str
    edits: tuple[Edit, ...]

    def plan(self, org: Org) -> Planned:
        if not self.edits:
            raise EditError(_("there is nothing to change"))
        done: list[Change] = []
        try:
            for edit in self.edits:
                planned = edit.plan(org)  # an EditError here aborts the whole batch
                org.apply(planned.changes)
                done.extend(planned.changes)
        finally:
            org.apply([c.inverse() for c in reversed(done)])
        return Planned(self.label, _collapsed(done))


def _collapsed(changes: list[Change]) -> tuple[Change, ...]:
    """One change per entity where the parts only modified it (a position given two duties
    is one change from its first to its last state); additions and removals stay as they are."""
    out: list[Change] = []
    at: dict[tuple[str, str], int] = {}
    for change in changes:
        key = (change.kind, change.id)
        i = at.get(key)
        if i is not None and out[i].after is not None and change.before is not None and change.after is not None:
            first = out[i]
            out[i] = Change(first.kind, first.id, first.before, change.after, first.index)
            continue
        at[key] = len(out)
        out.append(change)
    return tuple(c for c in out if c.before != c.after)
