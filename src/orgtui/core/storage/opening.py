"""What opening a file for editing found: the lock's answer and any unsaved edits kept.

Each is a value the UI turns into a dialog (or nothing); the rules live in the workspace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from orgtui.core.i18n import _
from orgtui.core.storage import lock as locks
from orgtui.core.storage import recovery
from orgtui.core.text import visible


@dataclass(frozen=True, slots=True)
class LockTaken:
    """The file is ours to edit."""


@dataclass(frozen=True, slots=True)
class NotLocked:
    """Nothing to lock: an untitled copy."""


@dataclass(frozen=True, slots=True)
class LockedBy:
    """Someone holds the lock: the user chooses read-only, take over, or quit."""

    info: locks.LockInfo

    @property
    def who(self) -> str:
        return self.info.user

    @property
    def host(self) -> str:
        return self.info.host

    @property
    def since(self) -> datetime | None:
        return self.info.since_time

    def describe(self) -> str:
        """ "being edited by alice on build-01 since 10:32" (control characters escaped)."""
        return self.info.describe()


@dataclass(frozen=True, slots=True)
class LockFailed:
    """No lock can be taken here; the file is open read-only. `why` is for the user."""

    why: str


LockState = LockTaken | NotLocked | LockedBy | LockFailed


@dataclass(frozen=True, slots=True)
class LockLoss:
    """Our lock is gone: `by` took over (None: the lock file was removed)."""

    path: Path
    by: locks.LockInfo | None

    def describe(self) -> str:
        if self.by is None:
            return _("The edit lock of {file} was removed by someone: others may open it for editing.").format(file=visible(self.path.name))
        who = visible(self.by.user) if self.by.user else _("Someone")
        where = _(" on {host}").format(host=visible(self.by.host)) if self.by.host else ""
        return _("{who}{where} took over editing {file}: your edits stay here; save them as a copy.").format(who=who, where=where, file=visible(self.path.name))


@dataclass(frozen=True, slots=True)
class RecoveryOffer:
    """Unsaved edits kept for this file that differ from what is open."""

    found: recovery.Recovery
    current_text: str  # the open org as it would be kept (to compare with)
    file_changed: bool  # the file changed on disk since those edits began

    @property
    def saved_at(self) -> datetime:
        return self.found.saved_at

    def differences(self) -> list[str]:
        return recovery.differences(self.current_text, self.found.text, self.found.path)
