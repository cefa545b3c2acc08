"""Edit locks beside the org file, as LibreOffice and Vim do: "someone is editing this".

The lock of `DIR/NAME` is `DIR/.~lock.NAME#`, where DIR/NAME is the org file with every
symlink resolved, so two people opening the same file through different links share one
lock. It is a small JSON document: user, host, pid, the process start time (so a recycled
pid is recognised), the time it was taken and the orgtui version.

Rules (see ../shared/RELIABILITY.md):

- Created with O_CREAT|O_EXCL|O_NOFOLLOW: a file or symlink planted at the lock path is
  never followed, truncated or written through. Read with O_NOFOLLOW|O_NONBLOCK; a symlink,
  FIFO, folder or other non-regular file there is a `SuspiciousLock`.
- A lock is *stale* only when it was taken on this host and its process is gone (the pid is
  not alive, or is alive with a different start time). Only then is it removed silently,
  and only if the file still is the one we read (same inode and content). A lock from
  another host is never stale: the caller asks the user and may call `take_over`.
- `Lock.release()` removes the lock only while it is still ours.

Callers take a lock only when opening a file for editing; read-only commands (`orgtui
check`, `diff`, exports, viewing) never call `acquire`. Releasing on exit and on signals
(SIGTERM, SIGHUP) is the caller's job: use the Lock as a context manager or call
`release()` from the handler.

Known limits: pids are compared per host name, so two containers with the same host name
sharing a folder could misjudge each other's locks; there is a short window between the
inode check and the unlink of a stale lock in which a third process could replace it.
"""

from __future__ import annotations

import errno
import fcntl
import getpass
import json
import os
import secrets
import socket
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from orgtui import __version__
from orgtui.core.i18n import _
from orgtui.core.storage.atomic import SaveError, os_reason, remove_stale_temps
from orgtui.core.storage.processes import pid_alive, process_start_time
from orgtui.core.storage.safe_open import NotRegular, open_regular
from orgtui.core.text import visible

LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = "#"
_MAX_LOCK_BYTES = 4096  # ours are ~200 bytes; never read a planted huge file whole
_ATTEMPTS = 5


class LockError(Exception):
    """Base of every lock failure; the message is for the user."""


class LockedError(LockError):
    """Someone else holds the lock; `info` says who (and `describe()` in words)."""

    def __init__(self, info: LockInfo, lock_path: Path) -> None:
        self.info = info
        self.lock_path = lock_path
        super().__init__(info.describe())

    def describe(self) -> str:
        return self.info.describe()


class LockUnavailable(LockError):
    """No lock can be taken here (read-only folder, permission denied, ...).

    The caller may open the file read-only.
    """


class SuspiciousLock(LockUnavailable):
    """The lock path holds a symlink, folder, FIFO or similar: refused, nothing touched."""


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who holds a lock. Fields read from someone else's file may be anything: show them
    only through `describe()` (which makes control characters visible)."""

    user: str
    host: str
    pid: int | None
    start: int | None  # process start time in clock ticks since boot (/proc/PID/stat field 22)
    since: str  # ISO 8601 local time with offset, "" when unknown
    version: str = ""
    readable: bool = True  # False: the lock file exists but its content could not be parsed

    @classmethod
    def for_this_process(cls) -> LockInfo:
        pid = os.getpid()
        return cls(
            user=current_user(),
            host=socket.gethostname(),
            pid=pid,
            start=process_start_time(pid),
            since=datetime.now().astimezone().isoformat(timespec="seconds"),
            version=__version__,
        )

    def to_bytes(self) -> bytes:
        data = {
            "app": "orgtui",
            "user": self.user,
            "host": self.host,
            "pid": self.pid,
            "start": self.start,
            "since": self.since,
            "version": self.version,
        }
        return (json.dumps(data, ensure_ascii=True) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, data: bytes, mtime: float | None = None) -> LockInfo:
        """Parse a lock file; never raises: an unreadable lock becomes `readable=False`."""
        fallback_since = _iso(mtime) if mtime is not None else ""
        try:
            raw: Any = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return _libreoffice(data, fallback_since)
        if not isinstance(raw, dict):
            return cls("", "", None, None, fallback_since, readable=False)
        return cls(
            user=_str(raw.get("user")),
            host=_str(raw.get("host")),
            pid=_int(raw.get("pid")),
            start=_int(raw.get("start")),
            since=_str(raw.get("since")) or fallback_since,
            version=_str(raw.get("version")),
            readable=bool(_str(raw.get("user")) or _str(raw.get("host"))),
        )

    @property
    def since_time(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.since) if self.since else None
        except ValueError:
            return None

    def describe(self, now: datetime | None = None) -> str:
        """E.g. "being edited by alice on build-01 since 10:32" (control characters escaped)."""
        who = visible(self.user) if self.user else _("someone")
        where = _(" on {host}").format(host=visible(self.host)) if self.host else ""
        when = ""
        moment = self.since_time
        if moment is not None:
            local = moment.astimezone() if moment.tzinfo else moment
            today = (now or datetime.now()).date()
            shown = f"{local:%H:%M}" if local.date() == today else f"{local:%Y-%m-%d %H:%M}"
            when = _(" since {time}").format(time=shown)
        if not self.readable:
            return _("locked by an unknown editor (unreadable lock file){when}").format(when=when)
        return _("being edited by {who}{where}{when}").format(who=who, where=where, when=when)

    def __str__(self) -> str:
        return self.describe()


def _str(value: Any) -> str:
    return value[:200] if isinstance(value, str) else ""


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).astimezone().isoformat(timespec="seconds")


def _libreoffice(data: bytes, since: str) -> LockInfo:
    # LibreOffice writes the same file name: ",Full Name,host,04.03.2024 10:32,URL;"
    parts = data.decode("utf-8", "replace").split(",")
    if len(parts) >= 3 and parts[1] and parts[2]:
        return LockInfo(parts[1], parts[2], None, None, since)
    return LockInfo("", "", None, None, since, readable=False)


def current_user() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, OSError):
        pass
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getpass raises OSError or KeyError depending on platform
        return "unknown"


def is_stale(info: LockInfo, host: str | None = None) -> bool:
    """True only for a lock from this host whose process is gone or was replaced."""
    if not info.readable or info.pid is None or not info.host:
        return False
    if info.host != (host or socket.gethostname()):
        return False
    if not pid_alive(info.pid):
        return True
    if info.start is None:
        return False
    now = process_start_time(info.pid)
    return now is not None and now != info.start


def lock_path_for(org_path: Path | str) -> Path:
    """`DIR/.~lock.NAME#` beside the real file (symlinks resolved)."""
    real = Path(os.path.realpath(org_path))
    return real.parent / f"{LOCK_PREFIX}{real.name}{LOCK_SUFFIX}"


@dataclass(frozen=True, slots=True)
class _Seen:
    """A lock file as read: content and identity, to remove only that very file."""

    data: bytes
    dev: int
    ino: int
    info: LockInfo


def _read(lock_path: Path) -> _Seen | None:
    """Read a lock without following links or blocking; None if there is none."""
    try:
        fd, st = open_regular(lock_path)
    except FileNotFoundError:
        return None
    except NotRegular as exc:
        raise SuspiciousLock(_("suspicious lock: {lock} is {kind}; not touched").format(lock=_shown(lock_path), kind=exc.kind)) from None
    except OSError as exc:
        raise LockUnavailable(_("cannot read the lock {lock}: {reason}").format(lock=_shown(lock_path), reason=_reason(exc))) from None
    try:
        data = os.read(fd, _MAX_LOCK_BYTES)
    finally:
        os.close(fd)
    return _Seen(data, st.st_dev, st.st_ino, LockInfo.from_bytes(data, st.st_mtime))


def _still_same(lock_path: Path, seen: _Seen) -> bool:
    """Is the file at lock_path still exactly the one we read?"""
    try:
        st = os.lstat(lock_path)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) != (seen.dev, seen.ino):
        return False
    try:
        again = _read(lock_path)
    except LockError:
        return False
    return again is not None and (again.dev, again.ino, again.data) == (seen.dev, seen.ino, seen.data)


def _remove_if_same(lock_path: Path, seen: _Seen) -> bool:
    if not _still_same(lock_path, seen):
        return False
    try:
        os.unlink(lock_path)
    except FileNotFoundError:
        return False
    return True


def read_lock(org_path: Path | str) -> LockInfo | None:
    """Who holds the lock of an org file, without taking it; None when nobody does.

    Raises SuspiciousLock for a symlink or non-regular file at the lock path.
    """
    seen = _read(lock_path_for(org_path))
    return seen.info if seen else None


class Lock:
    """A lock we hold. `release()` (or leaving the `with` block) removes it if still ours."""

    def __init__(self, path: Path, org_path: Path, info: LockInfo, data: bytes, dev: int, ino: int) -> None:
        self.path = path  # the lock file
        self.org_path = org_path  # the org file it protects, symlinks resolved
        self.info = info
        self._data = data
        self._dev = dev
        self._ino = ino
        self._released = False

    @property
    def held(self) -> bool:
        """Still ours on disk (nobody took it over or removed it)?"""
        if self._released:
            return False
        return _still_same(self.path, _Seen(self._data, self._dev, self._ino, self.info))

    def release(self) -> bool:
        """Remove the lock if it is still ours; True if it was removed. Idempotent."""
        if self._released:
            return False
        self._released = True
        try:
            return _remove_if_same(self.path, _Seen(self._data, self._dev, self._ino, self.info))
        except OSError:
            return False  # folder gone or read-only now: nothing more we can do

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"Lock({str(self.path)!r}, held={not self._released})"


def acquire(org_path: Path | str) -> Lock:
    """Take the edit lock of an org file.

    Raises LockedError (someone else holds it; `.info` says who), SuspiciousLock (a symlink
    or non-regular file sits at the lock path) or LockUnavailable (the folder does not allow
    it). A stale lock of this host (its process is gone) is removed and taken silently.
    """
    lock_path = lock_path_for(org_path)
    for _attempt in range(_ATTEMPTS):
        lock = _create(lock_path, Path(os.path.realpath(org_path)))
        if lock is not None:
            remove_stale_temps(lock.org_path)  # what a killed save of ours left behind
            return lock
        seen = _read(lock_path)
        if seen is None:
            continue  # released between our create and our read: try again
        if is_stale(seen.info):
            try:
                _remove_if_same(lock_path, seen)
            except OSError as exc:
                raise LockUnavailable(_cannot_remove_stale(lock_path, seen, exc)) from None
            continue
        raise LockedError(seen.info, lock_path)
    raise LockUnavailable(_("cannot take the lock {lock}: it keeps changing").format(lock=_shown(lock_path)))


def take_over(org_path: Path | str, info: LockInfo | None = None) -> Lock:
    """Replace someone's lock with ours (the user chose "take over").

    `info` is the lock the user was shown: if the lock changed since (another person took
    it meanwhile), LockedError is raised with the new holder instead. The replacement is a
    rename of a fresh O_EXCL|O_NOFOLLOW file, so nothing is written through a link. A
    symlink or non-regular file at the lock path is still refused (SuspiciousLock).
    """
    lock_path = lock_path_for(org_path)
    seen = _read(lock_path)
    if seen is None:
        return acquire(org_path)
    if info is not None and _comparable(seen.info) != _comparable(info):
        raise LockedError(seen.info, lock_path)
    ours = LockInfo.for_this_process()
    data = ours.to_bytes()
    tmp = lock_path.parent / f"{lock_path.name}.{secrets.token_hex(4)}.orgtui-tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as exc:
        raise LockUnavailable(_("cannot take over the lock {lock}: {reason}").format(lock=_shown(lock_path), reason=_reason(exc))) from None
    try:
        try:
            _write_all(fd, data)
            st = os.fstat(fd)
        finally:
            os.close(fd)
        # Wait for a save of the old holder that is under way: it finishes (and we then
        # load over it, or our first save sees it changed) instead of racing our take-over.
        try:
            held = _flock_current(lock_path, SAVE_WAIT_SECONDS)
        except TimeoutError:
            raise LockUnavailable(_("cannot take over the lock {lock}: the file is being saved; try again").format(lock=_shown(lock_path))) from None
        try:
            if not _still_same(lock_path, seen):
                raise LockedError(read_lock(org_path) or seen.info, lock_path)
            os.replace(tmp, lock_path)
        finally:
            if held is not None:
                os.close(held)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise LockUnavailable(_("cannot take over the lock {lock}: {reason}").format(lock=_shown(lock_path), reason=_reason(exc))) from None
    except BaseException:
        _unlink_quietly(tmp)
        raise
    remove_stale_temps(Path(org_path))
    return Lock(lock_path, Path(os.path.realpath(org_path)), ours, data, st.st_dev, st.st_ino)


SAVE_WAIT_SECONDS = 10.0  # a 50,000-person save writes in ~2 s; longer means something is stuck


@contextmanager
def saving(org_path: Path | str, wait: float = SAVE_WAIT_SECONDS) -> Iterator[None]:
    """Hold an advisory `flock` on the org file's edit lock while a save writes.

    Two orgtui processes saving the same file (say, the first editor and a colleague who
    took over) then write one after the other, so the second one's last check before its
    rename sees the first one's file. A take-over waits for it too. Without a lock file
    (nobody holds the file open for editing) there is nothing to serialise on and the save
    goes ahead. Raises SaveError when another save holds it for longer than `wait` seconds.
    """
    lock_path = lock_path_for(org_path)
    try:
        fd = _flock_current(lock_path, wait)
    except TimeoutError:
        raise SaveError(
            _("cannot save {file}: another orgtui process has been saving it for over {seconds} s; try again").format(
                file=visible(str(org_path)), seconds=f"{wait:.0f}")
        ) from None
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)  # closing releases the flock


def _flock_current(lock_path: Path, wait: float) -> int | None:
    """An fd holding an exclusive flock on the file now at `lock_path`, or None if there is
    no regular file there. Raises TimeoutError after `wait` seconds of someone else's flock."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fd, st = open_regular(lock_path)
        except (OSError, ValueError):
            return None  # none, a planted link or an unreadable file: not ours to lock
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise TimeoutError from None
                    time.sleep(0.01)
                except OSError:
                    os.close(fd)  # a file system without flock: saves are not serialised
                    return None
            try:
                now = os.lstat(lock_path)
            except OSError:
                now = None
        except BaseException:
            os.close(fd)
            raise
        if now is not None and (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino):
            return fd
        os.close(fd)  # replaced while we waited (a take-over): lock the new one


def _cannot_remove_stale(lock_path: Path, seen: _Seen, exc: OSError) -> str:
    """Why a stale lock stays, and what to do: in a sticky folder only its owner can remove it."""
    reason = _reason(exc)
    try:
        folder = os.stat(lock_path.parent)
        owner = os.lstat(lock_path).st_uid
    except OSError:
        return _("cannot remove the stale lock {lock}: {reason}").format(lock=_shown(lock_path), reason=reason)
    if exc.errno in (errno.EPERM, errno.EACCES) and folder.st_mode & stat.S_ISVTX and owner != os.geteuid():
        who = visible(seen.info.user) or _user_of(owner)
        gone = _(" (its process {pid} on this host has ended)").format(pid=seen.info.pid) if seen.info.pid else ""
        return _(
            "a stale lock {lock} left by {who}{gone} is in the way: the folder is sticky, "
            "so only {owner}, the folder's owner or root can remove it. If nobody is editing the "
            "file, ask one of them to run: rm -- '{lock}'"
        ).format(lock=_shown(lock_path), who=who, gone=gone, owner=_user_of(owner))
    return _("cannot remove the stale lock {lock}: {reason}").format(lock=_shown(lock_path), reason=reason)


def _user_of(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return _("user {uid}").format(uid=uid)


def _comparable(info: LockInfo) -> tuple[object, ...]:
    return (info.user, info.host, info.pid, info.start, info.since)


def _create(lock_path: Path, org_real: Path) -> Lock | None:
    """Create our lock with O_EXCL; None if a file (or link) already is there."""
    ours = LockInfo.for_this_process()
    data = ours.to_bytes()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock_path, flags, 0o644)
    except FileExistsError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SuspiciousLock(_("suspicious lock: {lock} is a symbolic link; not touched").format(lock=_shown(lock_path))) from None
        raise LockUnavailable(_("cannot create the lock {lock}: {reason}").format(lock=_shown(lock_path), reason=_reason(exc))) from None
    try:
        _write_all(fd, data)
        st = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        _unlink_quietly(lock_path)  # ours: we just created it
        raise LockUnavailable(_("cannot write the lock {lock}: {reason}").format(lock=_shown(lock_path), reason=_reason(exc))) from None
    os.close(fd)
    return Lock(lock_path, org_real, ours, data, st.st_dev, st.st_ino)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _reason(exc: OSError) -> str:
    if exc.errno == errno.EACCES:
        return _("permission denied (the folder is not writable; open the file read-only)")
    return os_reason(exc)


def _shown(path: Path) -> str:
    return visible(str(path))
