"""Atomic file replacement: a reader sees the old file or the new one, never half of one.

Write a temporary file beside the target (created O_EXCL|O_NOFOLLOW so nobody can plant a
link there), fsync it, give it the target's mode and group, rename it over the target and
fsync the directory. A symlinked target is written through: the link stays a link.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path


class SaveError(Exception):
    """A save failed; the message is for the user. The original file is untouched."""


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOENT: "the folder does not exist",
    errno.EISDIR: "the target is a directory",
    errno.ENOTDIR: "a part of the path is not a folder",
}


def os_reason(exc: OSError) -> str:
    """An OS error in words a user reads (every file operation of orgtui says it this way)."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))



def resolve_target(path: Path) -> Path:
    """The file a save really writes: a symlink is followed to its target."""
    return Path(os.path.realpath(path))


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data`; raises SaveError and leaves the old file whole.

    The new file gets `mode` if given (e.g. 0o600 for private files), else the old file's
    mode and group, else what the umask allows.
    """
    target = resolve_target(path)
    folder = target.parent
    shown = str(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise SaveError(f"cannot save {shown}: {os_reason(exc)}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise SaveError(f"cannot save {shown}: the target is a directory")
        if not os.access(target, os.W_OK):
            # rename() only needs rights on the folder and would silently replace a
            # read-only file; respect the file's own protection instead.
            raise SaveError(f"cannot save {shown}: the file is read-only (save it under another name)")
    tmp = folder / f".{target.name}.{secrets.token_hex(4)}.orgtui-tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise SaveError(f"cannot save {shown}: {os_reason(exc)}") from None
    try:
        try:
            view = memoryview(data)
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
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise SaveError(f"cannot save {shown}: {os_reason(exc)}") from None
    _fsync_folder(folder)


def _copy_owner_and_mode(fd: int, st: os.stat_result) -> None:
    # Group first: fchown may clear setgid bits, which fchmod then restores. A colleague
    # in a shared group folder must still be able to read and write the file.
    try:
        os.fchown(fd, -1, st.st_gid)
    except OSError:
        pass  # not a member of that group: keep ours
    os.fchmod(fd, stat.S_IMODE(st.st_mode))


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
