"""Recovery files: unsaved edits kept outside the org file, as Vim's swap and Emacs' auto-save.

One file per org file, in `platformdirs.user_state_dir("orgtui")/recovery` (so
`$XDG_STATE_HOME/orgtui/recovery` on Linux): the folder is 0700, each file 0600, named
`sha256(realpath of the org file)[:16].toml`. Its first line is a comment carrying a
one-line JSON header; the rest is the org text exactly as the app would save it, so the
file is itself a valid org file:

    # orgtui-recovery {"path": "/home/a/shop.toml", "base_digest": "…", "saved_at": "…"}
    format = 1
    …

`base_digest` is the sha256 of the org file as it was loaded (or last saved), so the app
can tell whether the file changed on disk since the unsaved edits began.

This module only does I/O: the app decides when to call `write_recovery` (debounced, e.g.
after a few seconds idle, like Vim's 4 s), offers `find_recovery` on open, and calls
`discard_recovery` after a successful save or when the user declines.
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import itertools
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs

from orgtui.core.i18n import _, ngettext
from orgtui.core.storage.atomic import SaveError, atomic_write
from orgtui.core.storage.safe_open import read_regular
from orgtui.core.text import visible

HEADER = "# orgtui-recovery "
_MAX_RECOVERY_BYTES = 64 * 1024 * 1024  # the org limit (32 MB) plus the header, with room


class RecoveryError(Exception):
    """A recovery file could not be written; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Recovery:
    """Unsaved edits found for an org file."""

    path: Path  # the org file the edits belong to (symlinks resolved)
    text: str  # the org text with the unsaved edits
    base_digest: str  # sha256 of the org file as loaded when the edits began
    saved_at: datetime  # when the recovery file was last written (local time, aware)
    file: Path  # the recovery file itself

    def org_changed(self) -> bool:
        """Did the org file change on disk (or vanish) since the edits began?"""
        return current_digest(self.path) != self.base_digest


def recovery_dir() -> Path:
    """Where recovery files live (not created here)."""
    return Path(platformdirs.user_state_dir("orgtui")) / "recovery"


def recovery_path(org_path: Path | str) -> Path:
    """The recovery file for an org file (whether or not it exists)."""
    real = os.path.realpath(org_path)
    name = hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    return recovery_dir() / f"{name}.toml"


def current_digest(org_path: Path | str) -> str | None:
    """sha256 of an org file's bytes now, or None when it cannot be read."""
    try:
        return hashlib.sha256(read_regular(org_path, _MAX_RECOVERY_BYTES, follow_links=True).data).hexdigest()
    except (OSError, ValueError):
        return None


def _ensure_dir() -> Path:
    folder = recovery_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(folder)
        if not stat.S_ISDIR(st.st_mode):
            raise RecoveryError(_("cannot keep unsaved edits: {folder} is not a folder").format(folder=visible(str(folder))))
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            raise RecoveryError(_("cannot keep unsaved edits: {folder} belongs to another user").format(folder=visible(str(folder))))
        if stat.S_IMODE(st.st_mode) != 0o700:
            os.chmod(folder, 0o700)
    except OSError as exc:
        raise RecoveryError(_("cannot keep unsaved edits in {folder}: {reason}").format(folder=visible(str(folder)), reason=exc.strerror or exc)) from None
    return folder


def write_recovery(org_path: Path | str, text: str | Iterable[bytes], base_digest: str) -> Path:
    """Write (atomically, fsynced, 0600 from the start) the unsaved text of an org file:
    a str, or its UTF-8 bytes in blocks written as they come (`orgfile.org_blocks`).

    Returns the recovery file's path; raises RecoveryError.
    """
    real = os.path.realpath(org_path)
    _ensure_dir()  # the private folder exists (0700) before the file goes in
    target = recovery_path(real)
    header = {
        "path": real,
        "base_digest": base_digest,
        "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    head = (HEADER + json.dumps(header, ensure_ascii=True) + "\n").encode("utf-8")
    data = head + text.encode("utf-8") if isinstance(text, str) else itertools.chain((head,), text)
    try:
        # 0600 from the first byte: the temp file is created 0600, and `mode` keeps it so.
        # Never through a link: a symlink planted at the recovery path is replaced by the
        # file itself, so what is written is what `find_recovery` (O_NOFOLLOW) offers.
        atomic_write(target, data, mode=0o600, follow_links=False)
    except SaveError as exc:
        raise RecoveryError(_("cannot keep unsaved edits: {reason}").format(reason=exc)) from None
    return target


def _read_file(file: Path) -> Recovery | None:
    """Parse one recovery file; None for anything missing, odd or corrupt."""
    try:
        content = read_regular(file, _MAX_RECOVERY_BYTES).data.decode("utf-8")
    except (OSError, ValueError):  # missing, a link, a folder, too large, not UTF-8
        return None
    first, newline, text = content.partition("\n")
    if not newline or not first.startswith(HEADER):
        return None
    try:
        header = json.loads(first[len(HEADER) :])
        path, digest, saved = header["path"], header["base_digest"], header["saved_at"]
        if not (isinstance(path, str) and isinstance(digest, str) and isinstance(saved, str)):
            return None
        saved_at = datetime.fromisoformat(saved)
    except (ValueError, KeyError, TypeError, RecursionError):
        return None
    return Recovery(Path(path), text, digest, saved_at, file)


def find_recovery(org_path: Path | str) -> Recovery | None:
    """Unsaved edits kept for this org file, or None (none, or the file is corrupt)."""
    real = os.path.realpath(org_path)
    found = _read_file(recovery_path(real))
    if found is None or str(found.path) != real:
        return None  # corrupt, or (absurdly) another file with the same hash prefix
    return found


def list_recoveries() -> list[Recovery]:
    """Every readable recovery file, newest first (e.g. for an org file that was moved)."""
    try:
        files = sorted(recovery_dir().glob("*.toml"))
    except OSError:
        return []
    found = [r for r in map(_read_file, files) if r is not None]
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


def discard_recovery(org_path: Path | str) -> bool:
    """Remove the recovery file of an org file; True if there was one."""
    try:
        os.unlink(recovery_path(org_path))
    except FileNotFoundError:
        return False
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return False
        raise RecoveryError(_("cannot remove the recovery file: {reason}").format(reason=exc.strerror or exc)) from None
    return True


MAX_DIFFERENCES = 20


def differences(current_text: str, recovered_text: str, org_path: Path | str | None = None, limit: int = MAX_DIFFERENCES) -> list[str]:
    """A short human summary of what the recovered text changes relative to the current one.

    Both texts are parsed as org files (`org_path` locates a relative catalog) and compared
    entity by entity; if either does not parse, the summary is a count of changed lines.
    Names are made visible (control characters escaped). At most `limit` lines, the last
    saying how many more there are. An empty list means no difference.
    """
    if current_text == recovered_text:
        return []
    lines = _org_differences(current_text, recovered_text, Path(org_path) if org_path else Path("org.toml"))
    if lines is None:
        lines = [_line_summary(current_text, recovered_text)]
    elif not lines:
        lines = [_("the same org; only formatting or comments differ")]
    if len(lines) > limit:
        rest = len(lines) - (limit - 1)
        lines = lines[: limit - 1] + [ngettext("… and {n} more change", "… and {n} more changes", rest).format(n=rest)]
    return lines


def _org_differences(current_text: str, recovered_text: str, path: Path) -> list[str] | None:
    try:
        from orgtui.core.git.diff import diff_orgs
        from orgtui.core.git.diff_format import TEXT, sentence
        from orgtui.core.storage.orgfile import parse_org

        old = parse_org(current_text, path)
        new = parse_org(recovered_text, path)
        return [sentence(item, TEXT) for item in diff_orgs(old, new).items]
    except Exception:  # noqa: BLE001 - any parse or diff failure falls back to a line count
        return None


def _line_summary(current_text: str, recovered_text: str) -> str:
    added = removed = 0
    for line in difflib.unified_diff(current_text.splitlines(), recovered_text.splitlines(), lineterm="", n=0):
        if line.startswith("+") and not line.startswith("+++"):
            added += 1
        elif line.startswith("-") and not line.startswith("---"):
            removed += 1
    return _("{added} line(s) added and {removed} removed (the text is not a readable org file)").format(added=added, removed=removed)
