"""Opening a file we did not create: never through a link, never a FIFO or device, bounded.

One primitive for every reader of a file someone else may have planted or replaced (lock
files, recovery files, org files, catalogs): `O_NOFOLLOW` refuses a symlink at the last
component, `O_NONBLOCK` keeps a FIFO from blocking the open, `fstat` on the opened
descriptor (not a second look at the path) checks it is a regular file, and reading stops
one byte past the limit, so a file that grows after the check is still refused.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from orgtui.core.i18n import _

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class NotRegular(OSError):
    """The path holds something other than a regular file; `kind` says what, in words."""

    def __init__(self, path: Path | str, kind: str) -> None:
        super().__init__(errno.EINVAL, kind, str(path))
        self.kind = kind


class TooLarge(OSError):
    """The file is over the caller's byte limit; `size` is what was seen (at least limit+1)."""

    def __init__(self, path: Path | str, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, _("over {limit} bytes").format(limit=f"{limit:,}"), str(path))
        self.size = size
        self.limit = limit


@dataclass(frozen=True, slots=True)
class Opened:
    """What was read, and the identity of the very file it came from."""

    data: bytes
    st: os.stat_result


def open_regular(path: Path | str, *, follow_links: bool = False) -> tuple[int, os.stat_result]:
    """Open for reading; returns (fd, fstat). The caller closes the fd.

    Raises FileNotFoundError, NotRegular (a symlink when `follow_links` is False, a folder,
    FIFO, socket or device), ValueError for a path with a NUL byte, or another OSError.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | _CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:
            raise NotRegular(path, _("a symbolic link")) from None
        if exc.errno in (errno.EISDIR, errno.ENXIO):  # ENXIO: a FIFO without writer, a socket
            raise NotRegular(path, _kind_at(path)) from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(path, _kind_of(st.st_mode))
        # Reads of a regular file block regardless; clear the flag so nothing changes for them.
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read_regular(path: Path | str, limit: int, *, follow_links: bool = False) -> Opened:
    """Read a whole regular file of at most `limit` bytes (see `open_regular`).

    Raises TooLarge when it is (or grows) over the limit, besides what `open_regular` raises.
    """
    fd, st = open_regular(path, follow_links=follow_links)
    try:
        if st.st_size > limit:
            raise TooLarge(path, st.st_size, limit)
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLarge(path, len(data), limit)
    return Opened(data, st)


def _kind_at(path: Path | str) -> str:
    try:
        return _kind_of(os.lstat(path).st_mode)
    except OSError:
        return _("not a regular file")


def _kind_of(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return _("a symbolic link")
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return _("not a regular file")
