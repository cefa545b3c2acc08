"""An org file as we last read or wrote it, to tell later whether someone else changed it.

The truth is the content (a same-size edit with its mtime restored must still be seen), but
hashing 16 MB before every save and again right before its rename would widen the very
window the check closes. So a stat signature taken *before* the bytes were read rides along:
while the file's inode, size, mtime and ctime are all unchanged, the content is too; when
any of them moved, the content is hashed again (a chmod moves ctime but not the content).

File times are coarse (a kernel tick, or a second on some file systems): two writes inside
one tick leave the same signature. So, as git does for its index, a signature is trusted
only when the file's ctime was already `RACY_NS` old when it was taken.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from orgtui.core.i18n import _

Signature = tuple[int, int, int, int, int]
RACY_NS = 2_000_000_000


def signature(path: Path) -> Signature | None:
    """What `stat` says about a file now, if it can be trusted to change with the content
    (see above); None when it cannot be read or was changed too recently to tell."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if time.time_ns() - st.st_ctime_ns < RACY_NS:
        return None
    return _signature(st)


def _signature(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def digest_now(path: Path) -> str:
    """sha256 of the file's bytes now; raises OSError."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass(frozen=True, slots=True)
class SeenFile:
    """The content we know a file has (`digest`), and its stat signature at that time (or
    None when unknown: then every check hashes). `digest=None` means "it did not exist"."""

    digest: str | None
    signature: Signature | None = None

    @classmethod
    def now(cls, path: Path) -> SeenFile:
        """What the file holds now (stat first, then the bytes: any later write moves the stat)."""
        sig = signature(path)
        try:
            return cls(digest_now(path), sig)
        except FileNotFoundError:
            return cls(None)
        except OSError:
            return cls("", None)  # unreadable: matches nothing we could have written

    def change(self, path: Path) -> str | None:
        """Why the file is no longer what we saw, in words after its name; None if it is."""
        return self.check(path)[0]

    def check(self, path: Path) -> tuple[str | None, SeenFile]:
        """`change`, and this view of the file with a signature refreshed when the content
        was confirmed (so the next check is a stat again)."""
        if self.digest is None:
            return (None if not os.path.lexists(path) else _("was created by someone else")), self
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return _("was deleted"), self
        except OSError:
            return None, self  # unreadable now: the save itself will say why
        if self.signature is not None and _signature(st) == self.signature:
            return None, self
        fresh = signature(path)  # before hashing: a write after it moves the stat
        try:
            now = digest_now(path)
        except FileNotFoundError:
            return _("was deleted"), self
        except OSError:
            return None, self
        if now != self.digest:
            return _("was changed by someone else"), self
        return None, SeenFile(self.digest, fresh)
