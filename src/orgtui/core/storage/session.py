"""A workspace: one open org with its history, validator, file, lock and recovery.

This is the object the UI talks to, and the one place the rules of a shared server live.
Every change goes through `apply`, `undo` or `redo`, each of which keeps the validator in
step and returns what changed, so the panes can update exactly those rows.

Around the file it answers questions with values (see `opening.py`, `saving.py`) that the
UI only turns into dialogs:

- opening: `take_lock()` says whether the file is ours, held by someone (who, where, since)
  or cannot be locked (opened read-only, and why); `take_over()` and `open_read_only()`
  follow the user's choice; `pending_recovery()` offers unsaved edits a crash left behind.
- saving: `save_risk()` is the one question before writing over the file; `plan_save_as()`
  proposes a name; `begin_save()` returns a job that writes a snapshot (in any thread) and
  `end_save()` takes its outcome back.
- while editing: `recovery_job()` keeps the unsaved state, `check_lock()` notices a take-over.
- leaving: `forget_unsaved()`, `hang_up()`, `release_lock()`.

Its file-side fields are read-only from outside: every change of them is one of these steps.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from orgtui.core.domain.edits import Edit
from orgtui.core.domain.history import History
from orgtui.core.domain.org import Change, Org
from orgtui.core.domain.validator import Validator
from orgtui.core.i18n import _
from orgtui.core.storage import lock as locks
from orgtui.core.storage import recovery
from orgtui.core.storage.atomic import SaveError
from orgtui.core.storage.opening import (
    LockedBy,
    LockFailed,
    LockLoss,
    LockState,
    LockTaken,
    NotLocked,
    RecoveryOffer,
)
from orgtui.core.storage.orgfile import dumps_org, load_org, org_blocks, parse_org
from orgtui.core.storage.saving import (
    ANY,
    SaveAsPlan,
    SaveJob,
    SaveReport,
    SaveRisk,
    copy_name,
    lock_holder,
    same_file,
)
from orgtui.core.storage.seen import SeenFile, signature
from orgtui.core.text import visible


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
        self.history = History(org)
        self.validator = Validator(org)
        self._path = path  # where ctrl+s writes; None for an untitled copy
        self._source = path  # the file the edits belong to: what recovery files are kept for
        # what the file held when we last read or wrote it (ANY: nothing known, no check)
        self._seen = SeenFile(digest) if digest is not None else ANY
        # A relative `catalog` in the org is relative to this folder (where the org was
        # read from); each write computes the reference for its own target from it.
        self._catalog_base = path.parent if path is not None else None
        self._lock: locks.Lock | None = None
        self._read_only = False  # opened read-only: someone else holds the lock, or none could be taken
        self._read_only_why = ""  # said when a save over the file is refused
        self._loss_told = False
        self._kept: str | None = None  # digest of the recovery text we last wrote
        self._recovery_lock = threading.Lock()  # one recovery write at a time
        self._recovery_serial = 0

    @classmethod
    def open(cls, path: Path) -> Workspace:
        """Read an org file for editing (no lock yet: see `take_lock`); raises LoadError."""
        before = signature(path)  # before the bytes: any later write moves it
        loaded = load_org(path)
        ws = cls(loaded.org, path)
        ws._seen = SeenFile(loaded.digest, before)
        return ws

    @classmethod
    def untitled_copy(cls, path: Path) -> Workspace:
        """A copy of an org file (the bundled sample) that belongs to no file: ctrl+s asks
        where to save it, nothing is locked, and no recovery is kept under the original."""
        ws = cls(load_org(path).org)
        ws._catalog_base = path.parent
        return ws

    # -- what is open, read-only from outside --------------------------------------------

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def source(self) -> Path | None:
        return self._source

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def lock(self) -> locks.Lock | None:
        return self._lock

    @property
    def dirty(self) -> bool:
        return self.history.dirty

    # -- edits ---------------------------------------------------------------------------

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
        return Outcome(_("Undid: {edit}").format(edit=step.label), changes, frozenset(touched))

    def redo(self) -> Outcome | None:
        done = self.history.redo()
        if done is None:
            return None
        step, changes = done
        touched = self.validator.update(changes)
        return Outcome(_("Redid: {edit}").format(edit=step.label), changes, frozenset(touched))

    # -- the edit lock -------------------------------------------------------------------

    def take_lock(self) -> LockState:
        """Lock the file for editing. When no lock can be taken here the file is open
        read-only; when someone holds it, the user chooses (`take_over`, `open_read_only`)."""
        if self._path is None:
            return NotLocked()
        return self._locking(lambda: locks.acquire(self._path))  # type: ignore[arg-type]

    def take_over(self, held: LockedBy) -> LockState:
        """Replace the holder's lock with ours; if it changed since the user was asked,
        the new holder is returned (ask again)."""
        if self._path is None:
            return NotLocked()
        return self._locking(lambda: locks.take_over(self._path, held.info))  # type: ignore[arg-type]

    def _locking(self, take: Callable[[], locks.Lock]) -> LockState:
        try:
            self._lock = take()
        except locks.LockedError as exc:
            return LockedBy(exc.info)
        except locks.LockUnavailable as exc:
            # not "someone else is editing it": nobody may be; the lock itself cannot be made
            self._read_only, self._read_only_why = True, _("no edit lock could be taken: {reason}").format(reason=exc)
            return LockFailed(str(exc))
        self._read_only = False
        self._loss_told = False
        return LockTaken()

    def open_read_only(self) -> None:
        """Look without editing the file: saves go to a copy, no recovery is touched."""
        self._read_only, self._read_only_why = True, _("someone else is editing it")

    def release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @property
    def lock_lost(self) -> bool:
        """True when someone took over (or removed) our lock since we took it."""
        return self._lock is not None and not self._lock.held

    @property
    def taken_over(self) -> bool:
        """A take-over of our lock was found (and told) by `check_lock`, or a save."""
        return self._loss_told

    def check_lock(self) -> LockLoss | None:
        """Called every few seconds: the first time our lock is found gone, who took it."""
        if self._loss_told or self._path is None or not self.lock_lost:
            return None
        self._loss_told = True
        try:
            by = locks.read_lock(self._path)
        except locks.LockError:
            by = None
        return LockLoss(self._path, by)

    # -- unsaved edits -------------------------------------------------------------------

    @property
    def _keeps_recovery(self) -> bool:
        """Are the recovery files of this file ours to write and delete? Not when read-only
        or taken over: the session holding the lock may own them (the same user's other
        terminal shares the recovery folder)."""
        return self._source is not None and not self._read_only and not self.lock_lost

    def text_for(self, target: Path | None, org: Org | None = None) -> str:
        """The org as it is written to `target` (its relative catalog reference adjusted)."""
        return dumps_org(self._as_written_to(target, org or self.org))

    def _as_written_to(self, target: Path | None, org: Org) -> Org:
        ref = self._catalog_ref_for(target, org)
        if ref != org.catalog_ref:
            org = org.snapshot()
            org.catalog_ref = ref  # on a snapshot: the open org is never changed behind the history
        return org

    def _catalog_ref_for(self, target: Path | None, org: Org) -> str | None:
        ref = org.catalog_ref
        if not ref or Path(ref).is_absolute() or self._catalog_base is None or target is None:
            return ref
        base, folder = self._catalog_base.resolve(), target.resolve().parent
        if base == folder:
            return ref  # written as the user wrote it
        return os.path.relpath(base / ref, folder)

    def recovery_job(self, pace: Callable[[], object] | None = None) -> Callable[[], object] | None:
        """What keeps the current state, as a function that may run in another thread:
        it works on a snapshot, so later edits do not race with it, and a job that finds a
        newer one made after it does nothing (an older state never lands last). The job
        raises RecoveryError. `pace` is called between the blocks it writes (org_blocks)."""
        if not self._keeps_recovery:
            return None
        source = self._source
        assert source is not None
        self._recovery_serial += 1
        serial = self._recovery_serial
        snapshot = self.org.snapshot() if self.history.dirty else None
        base = self._seen.digest if self._seen is not ANY else ""

        def keep() -> None:
            with self._recovery_lock:
                if serial != self._recovery_serial:
                    return  # a newer state is on its way
                if snapshot is None:
                    recovery.discard_recovery(source)
                    return
                # streamed into the file: the whole text at 50,000 people is 32 MB
                digest = hashlib.sha256()
                recovery.write_recovery(source, org_blocks(self._as_written_to(source, snapshot), digest, pace), base or "")
                self._kept = digest.hexdigest()

        return keep

    def keep_unsaved(self) -> None:
        """Write the unsaved state now (or drop the recovery file when all is saved).

        Raises RecoveryError when it cannot be written.
        """
        job = self.recovery_job()
        if job is not None:
            job()

    def pending_recovery(self) -> RecoveryOffer | None:
        """Unsaved edits kept for this file that differ from what is open, to offer back.
        Kept edits identical to the file are dropped silently."""
        if not self._keeps_recovery:
            return None
        assert self._source is not None
        found = recovery.find_recovery(self._source)
        if found is None:
            return None
        current = self.text_for(self._source)
        if found.text == current:
            self._discard_recovery()
            return None
        return RecoveryOffer(found, current, found.org_changed())

    def restore(self, found: recovery.Recovery) -> None:
        """Replace the org with recovered unsaved edits; they stay unsaved (and undoable
        as one state). If the file changed since those edits began, the next save asks.
        Raises LoadError when the kept text cannot be read."""
        org = parse_org(found.text, found.path)
        self.org = org
        self.history = History(org)
        self.history.mark_unsaved()
        self.validator = Validator(org)
        self._catalog_base = found.path.parent
        if found.base_digest:
            self._seen = SeenFile(found.base_digest)

    def forget_unsaved(self) -> str | None:
        """The user discarded the unsaved edits: drop the recovery file for good.
        Returns a warning when it cannot be removed (the edits are discarded all the same)."""
        self.history.mark_saved()  # nothing left to keep: leaving writes no recovery
        return self._discard_recovery()

    def _discard_recovery(self) -> str | None:
        if self._source is None or self._read_only:
            return None
        if self.lock_lost and not self._recovery_is_ours():
            return None  # the session that took over may have kept its own edits there
        try:
            recovery.discard_recovery(self._source)
        except recovery.RecoveryError as exc:
            return _("{reason}; it may be offered again when you open this file").format(reason=exc)
        return None

    def _recovery_is_ours(self) -> bool:
        assert self._source is not None
        found = recovery.find_recovery(self._source)
        return found is not None and hashlib.sha256(found.text.encode("utf-8")).hexdigest() == self._kept

    def reload_theirs(self) -> Workspace:
        """Throw our edits away and read the file as it is now (open it through `take_lock`
        again). Our recovery file goes too, so the thrown-away edits never come back."""
        if self._path is None:
            raise ValueError(_("an untitled copy has no file to reload"))
        fresh = Workspace.open(self._path)  # raises LoadError before anything is thrown away
        self.history.mark_saved()  # thrown away: nothing of this state is kept any more
        self._discard_recovery()
        self.release_lock()
        return fresh

    def hang_up(self) -> None:
        """The terminal is gone: keep the unsaved edits if we can, free the file. Never raises."""
        try:
            self.keep_unsaved()
        except recovery.RecoveryError:
            pass  # nobody is left to tell; the lock must go all the same
        self.release_lock()

    # -- saving --------------------------------------------------------------------------

    def save_risk_known(self) -> SaveRisk | None:
        """The part of `save_risk` known without reading the file (read-only, taken over),
        which ctrl+s asks on the UI thread. Whether someone changed the content is the save
        job's first look, in its thread: re-reading 16 MB held a key up by ~35 ms."""
        path = self._path
        if path is None:
            return None  # untitled: the caller asks for a name
        if self._read_only:
            return SaveRisk("read-only", _("is open read-only ({why}): save a copy").format(why=self._read_only_why))
        if self.lock_lost:
            return SaveRisk("taken-over", _("is now {taker} (they took over)").format(taker=lock_holder(path)), SeenFile.now(path))
        return None

    def save_risk(self) -> SaveRisk | None:
        """The one question before writing over the open file: None when it is safe."""
        path = self._path
        known = self.save_risk_known()
        if known is not None or path is None or self._seen is ANY:
            return known
        change, self._seen = self._seen.check(path)
        if change is None:
            return None
        return SaveRisk("deleted" if change == _("was deleted") else "changed", change, SeenFile.now(path))

    def plan_save_as(self) -> SaveAsPlan:
        """The name Save as proposes: the file itself when it is safe to write, else a copy."""
        if self._path is None:
            return SaveAsPlan(Path("org.toml"), None, False)
        unsafe = self.save_risk() is not None
        return SaveAsPlan(copy_name(self._path) if unsafe else self._path, self._path, unsafe)

    def begin_save(self, path: Path | None = None, overwrite: SaveRisk | None = None) -> SaveJob:
        """A job that writes the org as it is now to `path` (default: the open file).

        Over the open file it expects the file as we last saw it (or, with `overwrite`, as
        the user saw it when they chose to overwrite) and our lock still held; a new file
        must not exist. Run it (`job.run()`, any thread), then hand it to `end_save`.
        """
        target = path or self._path
        if target is None:
            raise ValueError(_("no file to save to"))
        same = self._path is not None and same_file(target, self._path)
        if same and self._read_only:
            raise SaveError(_("cannot save {file}: it is open read-only ({why}); save a copy").format(file=visible(str(target)), why=self._read_only_why))
        if not same:
            expect, lock = SeenFile(None), None
        elif overwrite is not None:
            expect = overwrite.seen or ANY
            lock = None if overwrite.kind == "taken-over" else self._lock
        else:
            expect, lock = self._seen, self._lock
        snapshot = self.org.snapshot()
        snapshot.catalog_ref = self._catalog_ref_for(target, snapshot)  # the snapshot's, not the open org's
        return SaveJob(snapshot, target, expect, lock, self.history.position, new_file=not same)

    def end_save(self, job: SaveJob) -> SaveReport:
        """Take a finished job's outcome: raises its SaveError (SaveConflict when the file
        or lock changed meanwhile); otherwise the file is saved, with any warnings."""
        if not job.done.is_set():
            raise RuntimeError("end_save before the job has run")
        if job.error is not None:
            raise job.error
        assert job.written is not None
        warnings: list[str] = []
        discarded = self._discard_recovery()  # every edit up to the snapshot is in a file now
        if discarded:
            warnings.append(discarded)
        self._seen = job.written
        if job.new_file:
            # Save as: from now on this is the file being edited; the old one is free.
            self.release_lock()
            # (the open org's catalog reference stays relative to `_catalog_base`)
            self._path = self._source = job.target
            self._read_only = False  # the copy is ours
            state = self.take_lock()
            if isinstance(state, LockFailed):
                self._read_only = False  # saved by us: edit it, without a lock
                warnings.append(_("No edit lock could be taken for {file} ({why}): "
                                  "you edit it without one, so others opening it are not warned.").format(file=visible(job.target.name), why=state.why))
            elif isinstance(state, LockedBy):
                warnings.append(_("{file} is {holder} too: you edit it without a lock.").format(file=visible(job.target.name), holder=state.describe()))
        self.history.mark_saved(job.position)
        return SaveReport(job.target, tuple(warnings))

    def save(self, path: Path | None = None, overwrite: SaveRisk | None = None) -> SaveReport:
        """Save now, on this thread (the app runs `begin_save` jobs in a worker instead)."""
        job = self.begin_save(path, overwrite)
        job.run()
        return self.end_save(job)
