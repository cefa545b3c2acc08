"""A workspace: one open org with its history, validator and file.

This is the object the UI talks to. Every change goes through `apply`, `undo` or
`redo`, each of which keeps the validator in step and returns what changed, so the
panes can update exactly those rows.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from orgtui.core.edits import Edit
from orgtui.core.history import History
from orgtui.core.org import Change, Org
from orgtui.core.storage import load_org, save_org
from orgtui.core.validator import Validator


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one apply/undo/redo did: a label for the user and the changes made."""

    label: str
    changes: tuple[Change, ...]
    touched: frozenset[tuple[str, str]]  # subjects (kind, id) whose rows may have changed
    created: str | None = None


class Workspace:
    def __init__(self, org: Org, path: Path | None = None, digest: str | None = None) -> None:
        self.org = org
        self.path = path
        self.digest = digest  # of the file as last loaded or saved by us
        self.history = History(org)
        self.validator = Validator(org)

    @classmethod
    def open(cls, path: Path) -> Workspace:
        loaded = load_org(path)
        return cls(loaded.org, path, loaded.digest)

    def apply(self, edit: Edit) -> Outcome:
        step, created = self.history.apply(edit)
        touched = self.validator.update(step.changes)
        return Outcome(step.label, step.changes, frozenset(touched), created)

    def undo(self) -> Outcome | None:
        done = self.history.undo()
        if done is None:
            return None
        step, changes = done
        touched = self.validator.update(changes)
        return Outcome(f"Undid: {step.label}", changes, frozenset(touched))

    def redo(self) -> Outcome | None:
        done = self.history.redo()
        if done is None:
            return None
        step, changes = done
        touched = self.validator.update(changes)
        return Outcome(f"Redid: {step.label}", changes, frozenset(touched))

    @property
    def dirty(self) -> bool:
        return self.history.dirty

    def save(self, path: Path | None = None) -> None:
        """Save atomically to `path` (default: the file it was opened from); raises SaveError."""
        target = path or self.path
        if target is None:
            raise ValueError("no file to save to")
        old_ref = self.org.catalog_ref
        if old_ref and self.path and not Path(old_ref).is_absolute():
            # a catalog path is relative to the org file: keep it pointing at the same file
            where = (self.path.parent / old_ref).resolve()
            self.org.catalog_ref = os.path.relpath(where, target.resolve().parent)
        try:
            self.digest = save_org(self.org, target)
        except BaseException:
            self.org.catalog_ref = old_ref
            raise
        self.path = target
        self.history.mark_saved()
