"""Atomic file replacement: a reader sees the old file or the new one, never half of one.

Write a temporary file beside the target (created O_EXCL|O_NOFOLLOW so nobody can plant a
link there), fsync it, give it the target's mode and group, ask the caller's precondition
one last time, rename it over the target and fsync the directory. A symlinked target is
written through (the link stays a link) unless the caller says not to follow links.

The temporary file is named `.NAME.PID-RANDOM.orgtui-tmp`: a save killed half-way leaves
it behind, and the next save (or `remove_stale_temps`) removes those whose process is gone.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from orgtui.core.i18n import N_, _
from orgtui.core.storage.processes import pid_alive
from orgtui.core.text import visible


class SaveError(Exception):
    """A save failed; the message is for the user. The original file is untouched."""


_REASONS = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is exceeded"),
    errno.EROFS: N_("the file system is read-only (mounted read-only); save a copy on another disk"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.ENOENT: N_("the folder does not exist"),
    errno.EISDIR: N_("the target is a directory"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
}

TEMP_SUFFIX = ".orgtui-tmp"
STALE_AFTER_SECONDS = 60  # a save writes its temporary file in well under a minute


def os_reason(exc: OSError) -> str:
    """An OS error in words a user reads (every file operation of orgtui says it this way)."""
    known = _REASONS.get(exc.errno or 0)
    return _(known) if known else exc.strerror or str(exc)


def resolve_target(path: Path) -> Path:
    """The file a save really writes: a symlink is followed to its target."""
    return Path(os.path.realpath(path))


def temp_name(target: Path) -> Path:
    return target.parent / f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"


def atomic_write(
    path: Path,
    data: bytes | Iterable[bytes],
    mode: int | None = None,
    *,
    precondition: Callable[[], object] | None = None,
    follow_links: bool = True,
    replace: bool = True,
) -> None:
    """Replace `path` with `data`; raises SaveError and leaves the old file whole.

    `data` may be an iterable of blocks, written as they come (a large org is then never
    held whole in memory); an exception from it is passed on, the temporary file removed.

    The new file gets `mode` if given (e.g. 0o600 for private files), else the old file's
    mode and group, else what the umask allows.

    `precondition` is called after the data is on disk and right before the rename: it
    raises (any exception; it is passed on unchanged, the temporary file removed) when the
    target must not be replaced after all, e.g. because its content changed since it was
    read. The window for a lost update is then the rename itself.

    `follow_links=False`: a symlink at `path` is replaced by the new file, never written
    through. `replace=False`: the file must not exist yet; it is created whole (hard-linked
    from the finished temporary file) or not at all, and an existing file raises SaveError.
    """
    target = resolve_target(path) if follow_links else Path(os.path.abspath(path))
    folder = target.parent
    shown = visible(str(path))
    try:
        st = os.stat(target, follow_symlinks=follow_links)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise SaveError(_cannot_save(shown, os_reason(exc))) from None
    except ValueError:  # an embedded NUL byte
        raise SaveError(_cannot_save(shown, _("the name contains a NUL character"))) from None
    if st is not None and not replace:
        raise SaveError(_cannot_save(shown, _("it already exists")))
    if st is not None and stat.S_ISLNK(st.st_mode):
        st = None  # a link we replace: the new file owes it nothing
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise SaveError(_cannot_save(shown, _(_REASONS[errno.EISDIR])))
        if _read_only_mount(folder):
            raise SaveError(_cannot_save(shown, _(_REASONS[errno.EROFS])))
        if not os.access(target, os.W_OK):
            # rename() only needs rights on the folder and would silently replace a
            # read-only file; respect the file's own protection instead.
            raise SaveError(_cannot_save(shown, _("the file is read-only (save it under another name)")))
    remove_stale_temps(target)
    tmp = temp_name(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise SaveError(_cannot_save(shown, os_reason(exc))) from None
    try:
        try:
            for block in (data,) if isinstance(data, bytes) else data:
                view = memoryview(block)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
            if mode is not None:
                os.fchmod(fd, mode)
            elif st is not None:
                _copy_owner_and_mode(fd, st)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(fd, 0o666 & ~umask)
        finally:
            os.close(fd)
        if precondition is not None:
            precondition()
        if replace:
            os.replace(tmp, target)
        else:
            _create_from(tmp, target)
    except OSError as exc:
        _unlink_quietly(tmp)
        if exc.errno == errno.EEXIST and not replace:
            raise SaveError(_cannot_save(shown, _("it already exists"))) from None
        raise SaveError(_cannot_save(shown, _explain(exc, folder, st))) from None
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_folder(folder)


def _cannot_save(shown: str, reason: str) -> str:
    return _("cannot save {file}: {reason}").format(file=shown, reason=reason)


def _create_from(tmp: Path, target: Path) -> None:
    """Give the finished temporary file the target's name, refusing an existing target."""
    try:
        os.link(tmp, target)  # atomic and never replaces: EEXIST if someone was quicker
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links: claim the name, then rename over our own claim.
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def _explain(exc: OSError, folder: Path, st: os.stat_result | None) -> str:
    """The OS reason, with the one case users cannot guess spelled out: a sticky folder."""
    if exc.errno == errno.EPERM and st is not None:
        try:
            dst = os.stat(folder)
        except OSError:
            dst = None
        if dst is not None and dst.st_mode & stat.S_ISVTX and st.st_uid != os.geteuid():
            return _(
                "the folder is sticky (like /tmp) and the file belongs to {user}: "
                "only they, the folder's owner or root may replace it; save it under another name"
            ).format(user=_user_name(st.st_uid))
    return os_reason(exc)


def _user_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return _("user {uid}").format(uid=uid)


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


_TEMP_OF = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}" + re.escape(TEMP_SUFFIX) + "$")


def remove_stale_temps(path: Path, now: float | None = None) -> list[Path]:
    """Remove temporary files a killed save of `path` left behind; returns what was removed.

    Stale means: named for this very file, its process is gone, untouched for a minute,
    a regular file. Best effort: anything that cannot be removed is left alone.
    """
    target = resolve_target(path)
    removed = []
    moment = time.time() if now is None else now
    prefix = f".{target.name}."
    try:
        entries = [e for e in os.scandir(target.parent) if e.name.startswith(prefix) and e.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return []
    for entry in entries:
        found = _TEMP_OF.match(entry.name)
        if found is None or found.group("name") != target.name or pid_alive(int(found.group("pid"))):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or moment - st.st_mtime < STALE_AFTER_SECONDS:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _copy_owner_and_mode(fd: int, st: os.stat_result) -> None:
    # Group first: fchown may clear setgid bits, which fchmod then restores. A colleague
    # in a shared group folder must still be able to read and write the file.
    try:
        os.fchown(fd, -1, st.st_gid)
    except OSError:
        pass  # not a member of that group: keep ours
    os.fchmod(fd, stat.S_IMODE(st.st_mode))


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_folder(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass  # some file systems refuse fsync on folders; the rename is done
    finally:
        os.close(dfd)
