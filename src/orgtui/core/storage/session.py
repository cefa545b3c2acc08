"""A workspace: one open org with its history, validator, file, lock and recovery.

This is the object the UI talks to. Every change goes through `apply`, `undo` or
`redo`, each of which keeps the validator in step and returns what changed, so the
panes can update exactly those rows.

It also keeps the promises of a shared server: the file is locked while it is edited
(`take_lock`), unsaved edits are kept in a recovery file (`keep_unsaved`), and a save
never silently replaces a file a colleague changed (`changed_on_disk`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from orgtui.core.domain.edits import Edit
from orgtui.core.domain.history import History
from orgtui.core.domain.org import Change, Org
from orgtui.core.domain.validator import Validator
from orgtui.core.storage import lock as locks
from orgtui.core.storage import recovery
from orgtui.core.storage.orgfile import (
    digest_of,
    dumps_org,
    load_org,
    parse_org,
    save_org,
)


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
        self.path = path  # where ctrl+s writes; None for an untitled copy
        self.source = path  # the file the org came from: what recovery files are kept for
        self.digest = digest  # of the file as last loaded or saved by us
        self.history = History(org)
        self.validator = Validator(org)
        self.lock: locks.Lock | None = None
        self.read_only = False  # opened read-only: someone else holds the lock

    @classmethod
    def open(cls, path: Path) -> Workspace:
        loaded = load_org(path)
        return cls(loaded.org, path, loaded.digest)

    # -- the edit lock -----------------------------------------------------------------

    def take_lock(self, take_over: locks.LockInfo | None = None) -> None:
        """Lock the file for editing; raises LockedError (someone has it) or LockUnavailable."""
        if self.path is None:
            return
        self.lock = locks.take_over(self.path, take_over) if take_over else locks.acquire(self.path)
        self.read_only = False

    def release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    @property
    def lock_lost(self) -> bool:
        """True when someone took over our lock since we took it."""
        return self.lock is not None and not self.lock.held

    def changed_on_disk(self) -> str | None:
        """Why saving over the file would lose someone's work: None when it is safe."""
        if self.path is None or self.digest is None:
            return None
        try:
            now = digest_of(self.path.read_bytes())
        except FileNotFoundError:
            return "was deleted"
        except OSError:
            return None  # unreadable now: the save itself will say why
        return None if now == self.digest else "was changed by someone else"

    # -- unsaved edits ---------------------------------------------------------------

    def keep_unsaved(self) -> None:
        """Write the unsaved state to the recovery file (or drop it when all is saved).

        Raises RecoveryError when it cannot be written.
        """
        job = self.recovery_job()
        if job is not None:
            job()

    def recovery_job(self) -> Callable[[], object] | None:
        """What keeps the current state, as a function that may run in another thread:
        it works on a snapshot, so later edits do not race with it."""
        if self.source is None or self.read_only:
            # Read-only: another session of ours may hold the lock and own this recovery
            # file; never overwrite or delete its unsaved edits.
            return None
        source, digest = self.source, self.digest or ""
        if not self.history.dirty:
            return lambda: recovery.discard_recovery(source)
        snapshot = self.org.snapshot()
        return lambda: recovery.write_recovery(source, dumps_org(snapshot), digest)

    def forget_unsaved(self) -> None:
        """The user discarded the unsaved edits: drop the recovery file for good."""
        if self.source is not None and not self.read_only:
            recovery.discard_recovery(self.source)
        self.history.mark_saved()  # nothing left to keep: leaving writes no recovery

    def restore(self, found: recovery.Recovery) -> None:
        """Replace the org with recovered unsaved edits; they stay unsaved (and undoable
        as one state). If the file changed since those edits began, the next save asks."""
        org = parse_org(found.text, found.path)
        self.org = org
        self.history = History(org)
        self.history.mark_unsaved()
        self.validator = Validator(org)
        if found.base_digest:
            self.digest = found.base_digest

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
        new_file = self.path is None or target.resolve() != self.path.resolve()
        if self.source is not None and not self.read_only:
            recovery.discard_recovery(self.source)  # every edit is in a file now
        if new_file:
            # Save as: from now on this is the file being edited; the old one is free.
            self.release_lock()
            self.path = self.source = target
            self.read_only = False  # the copy is ours
            try:
                self.take_lock()
            except locks.LockError:
                self.lock = None  # saved all the same; the new file is just not locked
        self.history.mark_saved()
