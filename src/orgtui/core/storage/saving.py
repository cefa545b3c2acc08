"""What a save of the open org needs to know and do, apart from the dialogs around it.

`SaveRisk` answers the one question before writing over the open file: is it safe? (read
only, taken over, changed or deleted on disk.) `SaveJob` is the write itself: it works on a
snapshot, so it may run in a worker thread while the user keeps editing, and right before
its rename it checks again that the file and the lock are as the save expects: a colleague's
save that lands while we serialise is never overwritten behind both our backs.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from orgtui.core.domain.org import Org
from orgtui.core.i18n import _
from orgtui.core.storage import lock as locks
from orgtui.core.storage.atomic import SaveError, atomic_write
from orgtui.core.storage.orgfile import org_blocks
from orgtui.core.storage.seen import SeenFile, signature
from orgtui.core.text import visible


class SaveConflict(SaveError):
    """The file or its lock changed; nothing was replaced. `before`: it had changed before
    the save began (the job's first look, in its thread), not while it was being written."""

    def __init__(self, message: str, before: bool = False) -> None:
        super().__init__(message)
        self.before = before


RiskKind = Literal["read-only", "taken-over", "changed", "deleted"]


@dataclass(frozen=True, slots=True)
class SaveRisk:
    """Why writing over the open file would throw away someone's work.

    `may_overwrite` is False for a read-only session (only a copy may be saved); otherwise
    the user may still choose to overwrite, and `seen` is the file as it is now, which is
    what such an overwrite then expects to replace.
    """

    kind: RiskKind
    reason: str  # words after the file's name: "was changed by someone else"
    seen: SeenFile | None = None

    @property
    def may_overwrite(self) -> bool:
        return self.kind != "read-only"


@dataclass(frozen=True, slots=True)
class SaveReport:
    """A save that is done. `warnings` are what the user must still hear (the file is saved)."""

    path: Path
    warnings: tuple[str, ...] = ()


def copy_name(path: Path) -> Path:
    """A free name beside `path` for a copy: org-copy.toml, org-copy-2.toml, ..."""
    candidate, n = path.with_name(f"{path.stem}-copy{path.suffix}"), 2
    while candidate.exists():
        candidate, n = path.with_name(f"{path.stem}-copy-{n}{path.suffix}"), n + 1
    return candidate


@dataclass(frozen=True, slots=True)
class SaveAsPlan:
    """The Save-as form's answers: the name it proposes and which names it refuses."""

    default: Path
    current: Path | None  # the open file
    unsafe: bool  # the open file is someone else's now: only a copy may be written

    def target(self, typed: str) -> Path:
        return Path(typed.strip()).expanduser()

    def problem(self, typed: str) -> str | None:
        """Why this name cannot be saved to, or None."""
        if not typed.strip():
            return _("enter a file name")
        path = self.target(typed)
        if path.is_dir():
            return _("that is a folder; add a file name")
        if not path.parent.exists():
            return _("the folder {folder} does not exist").format(folder=visible(str(path.parent)))
        same = self.current is not None and same_file(path, self.current)
        if same and self.unsafe:
            return _("that is the file someone else is editing or changed: choose a name for your copy")
        if path.exists() and not same:
            return _("that file exists; choose a new name (orgtui never overwrites another file)")
        return None


def lock_holder(path: Path) -> str:
    """Who holds a file's lock now, in words after "is now": "being edited by alice on …"."""
    try:
        info = locks.read_lock(path)
    except locks.LockError:
        info = None
    return info.describe() if info is not None else _("no longer locked by you (its lock file was removed)")


def same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


ANY = SeenFile("*any*")  # no expectation: an org built in memory with a path and no digest


@dataclass
class SaveJob:
    """One write of a snapshot. `run()` may be called from any thread and never raises; the
    workspace reads the outcome (`error` or `written`) back on its own thread."""

    snapshot: Org
    target: Path
    expect: SeenFile  # what the target must still be right before the rename
    lock: locks.Lock | None  # must still be ours right before the rename (None: not checked)
    position: int  # the history position the snapshot was taken at
    new_file: bool  # Save as: the target is not the open file
    error: SaveError | None = None
    written: SeenFile | None = None
    done: threading.Event = field(default_factory=threading.Event)
    pace: Callable[[], object] | None = None
    """Called between the blocks it writes (from its thread): the app's way to let a key be
    handled first. Serialising 16 MB shares the interpreter with the UI thread for ~0.3 s."""

    def run(self) -> None:
        try:
            self._still_as_expected(before=True)  # before the work, and again right before the rename
            # Serialised as it is written, a block at a time: at 50,000 people the whole
            # text and its bytes took ~100 MB at once.
            hashed = hashlib.sha256()
            with contextlib.ExitStack() as held:

                def last_look() -> None:
                    # The flock makes a second orgtui process saving this file wait for our
                    # rename (and us for theirs), so this last check sees the other's file.
                    # Taken once our bytes are on disk: serialising never holds it.
                    held.enter_context(locks.saving(self.target))
                    self._still_as_expected()

                blocks = org_blocks(self.snapshot, hashed, self.pace)
                atomic_write(self.target, blocks, precondition=last_look, replace=not self.new_file)
            digest = hashed.hexdigest()
            # Stat after the rename, then compare the bytes: a write landing in between is
            # seen by the next check, since the signature then is the other writer's.
            sig = signature(self.target)
            try:
                again = SeenFile.now(self.target).digest
            except OSError:
                again = None
            self.written = SeenFile(digest, sig if again == digest else None)
        except SaveError as exc:
            self.error = exc
        except Exception as exc:  # noqa: BLE001 - a worker must hand every failure back
            self.error = SaveError(_("cannot save {file}: {reason}").format(file=visible(str(self.target)), reason=exc))
        finally:
            self.done.set()

    def _still_as_expected(self, before: bool = False) -> None:
        name = self.target.name
        if self.lock is not None and not self.lock.held:
            taker = lock_holder(self.target)
            raise SaveConflict(_("{file} is now {taker} (they took over while you were saving); nothing was written").format(file=name, taker=taker), before)
        if self.expect is ANY:
            return
        change = self.expect.change(self.target)
        if change is not None:
            raise SaveConflict(_("{file} {change} while you were saving; nothing was written").format(file=name, change=change), before)
