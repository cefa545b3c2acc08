"""One history for every change: apply, undo, redo, and whether there is unsaved work."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from orgtui.core.domain.edits import Edit
from orgtui.core.domain.org import Change, Org

_serials = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Step:
    label: str
    changes: tuple[Change, ...]
    serial: int


class History:
    def __init__(self, org: Org, limit: int = 10_000) -> None:
        self.org = org
        self.limit = limit
        self._done: list[Step] = []
        self._undone: list[Step] = []
        self._saved_serial = 0

    def apply(self, edit: Edit) -> tuple[Step, str | None]:
        """Plan and apply an edit; raises EditError (and changes nothing) if it cannot be made."""
        planned = edit.plan(self.org)
        step = Step(planned.label, planned.changes, next(_serials))
        self.org.apply(step.changes)
        self._done.append(step)
        if len(self._done) > self.limit:
            del self._done[0]
        self._undone.clear()
        return step, planned.created

    def undo(self) -> tuple[Step, tuple[Change, ...]] | None:
        """Undo the last step; returns it and the changes applied to do so."""
        if not self._done:
            return None
        step = self._done.pop()
        changes = tuple(c.inverse() for c in reversed(step.changes))
        self.org.apply(changes)
        self._undone.append(step)
        return step, changes

    def redo(self) -> tuple[Step, tuple[Change, ...]] | None:
        if not self._undone:
            return None
        step = self._undone.pop()
        self.org.apply(step.changes)
        self._done.append(step)
        return step, step.changes

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    @property
    def position(self) -> int:
        """Where the history stands now; a save of a snapshot taken here marks this point."""
        return self._done[-1].serial if self._done else 0

    @property
    def dirty(self) -> bool:
        """True when the org differs from what was last loaded or saved."""
        return self.position != self._saved_serial

    def mark_saved(self, position: int | None = None) -> None:
        """The state at `position` (default: now) is in the file. A save that ran while
        more edits were made marks where its snapshot was taken, so those stay unsaved."""
        self._saved_serial = self.position if position is None else position

    def mark_unsaved(self) -> None:
        """Count the current state as unsaved (restored edits) until the next save."""
        self._saved_serial = -1
