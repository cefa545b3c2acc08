"""Saving: the file is replaced whole or not at all, keeps its permissions, and failures say why."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from orgtui.core.storage import atomic
from orgtui.core.storage.atomic import SaveError, atomic_write
from orgtui.core.storage.orgfile import dumps_org, load_org, save_org

ROOT = os.geteuid() == 0
OLD = b'format = 1\nname = "Old"\n'


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".orgtui-tmp"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """Set the process umask for one test and restore it afterwards."""
    saved = os.umask(0o022)
    os.umask(saved)

    def set_to(value: int) -> None:
        os.umask(value)

    yield set_to
    os.umask(saved)


def test_saving_writes_the_org_and_leaves_no_temporary_file(small_org, tmp_path):
    path = tmp_path / "org.toml"
    digest = save_org(small_org, path)
    assert path.read_text(encoding="utf-8") == dumps_org(small_org)
    assert load_org(path).digest == digest
    assert leftovers(tmp_path) == []


def test_saving_over_an_existing_file_replaces_all_of_it(tmp_path):
    path = tmp_path / "org.toml"
    path.write_bytes(b"x" * 10_000)
    atomic_write(path, b"short")
    assert path.read_bytes() == b"short"


def test_an_existing_file_keeps_its_permission_bits(tmp_path, umask):
    umask(0o077)  # would give 0600 if the save used the umask
    path = tmp_path / "org.toml"
    path.write_bytes(OLD)
    path.chmod(0o640)
    atomic_write(path, b"new")
    assert mode(path) == 0o640
    path.chmod(0o664)
    atomic_write(path, b"newer")
    assert mode(path) == 0o664 and path.read_bytes() == b"newer"


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(tmp_path, umask, mask, expected):
    umask(mask)
    path = tmp_path / "new.toml"
    atomic_write(path, b"data")
    assert mode(path) == expected


def test_saving_through_a_symlink_writes_the_target_and_keeps_the_link(tmp_path):
    real_dir = tmp_path / "shared"
    real_dir.mkdir()
    target = real_dir / "org.toml"
    target.write_bytes(OLD)
    target.chmod(0o640)
    link = tmp_path / "my-org.toml"
    link.symlink_to(target)

    atomic_write(link, b"through the link")

    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"through the link"
    assert mode(target) == 0o640
    assert leftovers(tmp_path) == [] and leftovers(real_dir) == []


def test_saving_through_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "org.toml"
    link.symlink_to(tmp_path / "elsewhere.toml")
    atomic_write(link, b"created")
    assert link.is_symlink()
    assert (tmp_path / "elsewhere.toml").read_bytes() == b"created"


def test_a_hard_failure_leaves_the_original_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "org.toml"
    path.write_bytes(OLD)

    def refuse(src, dst):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(SaveError, match="the file system is read-only"):
        atomic_write(path, b"new")
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_full_disk_is_reported_and_the_original_bytes_survive(tmp_path, monkeypatch):
    path = tmp_path / "org.toml"
    path.write_bytes(OLD)
    real_write = os.write
    calls = []

    def disk_fills_up(fd, data):
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[:100]))  # a partial write, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", disk_fills_up)
    with pytest.raises(SaveError) as caught:
        atomic_write(path, b"y" * 5000)
    monkeypatch.undo()
    assert "the disk is full" in str(caught.value)
    assert str(path) in str(caught.value)
    assert len(calls) == 2, "the rest of a partial write is retried before giving up"
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_save_error_from_the_workspace_keeps_it_dirty(small_org, tmp_path, monkeypatch):
    from orgtui.core.domain.edits import RenameOrg
    from orgtui.core.storage.session import Workspace

    path = tmp_path / "org.toml"
    path.write_bytes(OLD)
    ws = Workspace(small_org, path)
    ws.apply(RenameOrg("Unsaved"))
    def disk_full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", disk_full)
    with pytest.raises(SaveError):
        ws.save()
    monkeypatch.undo()
    assert ws.dirty, "a failed save must not mark the work as saved"
    assert path.read_bytes() == OLD
    ws.save()
    assert not ws.dirty and load_org(path).org.info.name == "Unsaved"


def test_a_target_that_became_a_directory_is_refused(tmp_path):
    path = tmp_path / "org.toml"
    path.mkdir()
    (path / "keep.txt").write_text("still here")
    with pytest.raises(SaveError, match="the target is a directory"):
        atomic_write(path, b"data")
    assert (path / "keep.txt").read_text() == "still here"
    assert leftovers(tmp_path) == []


def test_a_missing_folder_is_reported(tmp_path):
    with pytest.raises(SaveError, match="the folder does not exist"):
        atomic_write(tmp_path / "gone" / "org.toml", b"data")


@pytest.mark.skipif(ROOT, reason="root may write a read-only file")
def test_a_read_only_file_is_not_replaced(tmp_path):
    path = tmp_path / "org.toml"
    path.write_bytes(OLD)
    path.chmod(0o444)
    with pytest.raises(SaveError, match="read-only"):
        atomic_write(path, b"new")
    assert path.read_bytes() == OLD and mode(path) == 0o444
    assert leftovers(tmp_path) == []


def test_a_file_the_user_may_not_write_is_not_replaced_behind_their_back(tmp_path, monkeypatch):
    # As root chmod does not stop a write, so make the access check say what it says for
    # a user who cannot write the file: the folder would allow the rename, the file does not.
    path = tmp_path / "org.toml"
    path.write_bytes(OLD)
    real_access = os.access
    monkeypatch.setattr(atomic.os, "access", lambda p, m, **kw: False if Path(p) == path and m == os.W_OK else real_access(p, m, **kw))
    with pytest.raises(SaveError, match="the file is read-only"):
        atomic_write(path, b"new")
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(ROOT, reason="root may create files in a read-only folder")
def test_a_read_only_folder_is_reported_and_the_file_left_alone(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "org.toml"
    path.write_bytes(OLD)
    folder.chmod(0o555)
    try:
        with pytest.raises(SaveError, match="permission denied"):
            atomic_write(path, b"new")
    finally:
        folder.chmod(0o755)
    assert path.read_bytes() == OLD
    assert leftovers(folder) == []


def test_a_folder_that_refuses_new_files_is_reported_and_the_file_left_alone(tmp_path, monkeypatch):
    # what creating the temporary file in a read-only folder gives a normal user
    path = tmp_path / "org.toml"
    path.write_bytes(OLD)
    real_open = os.open

    def no_new_files(file, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(errno.EACCES, "Permission denied")
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "open", no_new_files)
    with pytest.raises(SaveError, match="permission denied"):
        atomic_write(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_planted_link_at_the_temporary_name_is_not_followed(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    path = tmp_path / "org.toml"
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: "cafecafe")
    (tmp_path / f".org.toml.{os.getpid()}-cafecafe.orgtui-tmp").symlink_to(victim)
    with pytest.raises(SaveError):
        atomic_write(path, b"new")
    assert victim.read_bytes() == b"precious"
    assert not path.exists()


def test_a_hard_link_is_split_rather_than_written_in_place(tmp_path):
    """Decided: atomicity wins over the link. Writing in place (as vim does for hard links)
    would let a reader or a crash see half a file; the other name keeps the old version."""
    path = tmp_path / "org.toml"
    path.write_bytes(b"old")
    other = tmp_path / "elsewhere.toml"
    os.link(path, other)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert other.read_bytes() == b"old"
    assert os.stat(path).st_nlink == 1


# -- the last check before the rename (issue 14, item 1) ---------------------------------


def test_the_precondition_runs_when_the_new_bytes_are_on_disk_and_the_target_still_old(tmp_path):
    path = tmp_path / "org.toml"
    path.write_bytes(OLD)
    seen = []

    def check():
        seen.append((path.read_bytes(), [(tmp_path / n).read_bytes() for n in leftovers(tmp_path)]))

    atomic_write(path, b"new", precondition=check)
    assert seen == [(OLD, [b"new"])], "called once, after writing the temporary file, before the rename"
    assert path.read_bytes() == b"new" and leftovers(tmp_path) == []


def test_a_precondition_that_refuses_keeps_the_file_and_its_exception_reaches_the_caller(tmp_path):
    path = tmp_path / "org.toml"
    path.write_bytes(OLD)

    class ChangedOnDisk(Exception):
        pass

    def refuse():
        raise ChangedOnDisk("a colleague saved meanwhile")

    with pytest.raises(ChangedOnDisk):
        atomic_write(path, b"new", precondition=refuse)
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_save_org_sees_a_write_that_landed_after_serialising_began(small_org, tmp_path, monkeypatch):
    """The lost update of issue 14: the content is checked again right before the rename,
    so a colleague's save during our serialisation is not overwritten."""
    from orgtui.core.storage import orgfile
    from orgtui.core.storage.orgfile import digest_of

    path = tmp_path / "org.toml"
    path.write_bytes(OLD)
    base = digest_of(OLD)
    real_dumps = orgfile.org_blocks

    def slow_dumps(org, digest=None, pace=None):  # a colleague saves while we serialise
        path.write_bytes(b'format = 1\nname = "Theirs"\n')
        return real_dumps(org, digest, pace)

    monkeypatch.setattr(orgfile, "org_blocks", slow_dumps)

    def unchanged():
        if digest_of(path.read_bytes()) != base:
            raise SaveError("changed on disk")

    with pytest.raises(SaveError, match="changed on disk"):
        save_org(small_org, path, precondition=unchanged)
    assert path.read_bytes() == b'format = 1\nname = "Theirs"\n'
    assert leftovers(tmp_path) == []


# -- temporary files of a killed save (issue 14, item 6) ---------------------------------


def plant_temp(folder: Path, name: str, pid: int, age: float) -> Path:
    temp = folder / f".{name}.{pid}-{os.urandom(4).hex()}.orgtui-tmp"
    temp.write_bytes(b"half a save")
    then = os.path.getmtime(temp) - age
    os.utime(temp, (then, then))
    return temp


def dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_save_removes_old_temporary_files_of_dead_saves_of_this_file_only(tmp_path):
    path = tmp_path / "org.toml"
    path.write_bytes(OLD)
    gone = dead_pid()
    stale = plant_temp(tmp_path, "org.toml", gone, age=120)
    fresh = plant_temp(tmp_path, "org.toml", gone, age=0)  # may be a save on another host right now
    live = plant_temp(tmp_path, "org.toml", os.getppid(), age=120)  # its process is still there
    other = plant_temp(tmp_path, "other.toml", gone, age=120)  # another file's business
    atomic_write(path, b"new")
    assert not stale.exists()
    assert fresh.exists() and live.exists() and other.exists()


def test_a_link_named_like_a_stale_temporary_file_is_left_alone(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    link = tmp_path / f".org.toml.{dead_pid()}-0123abcd.orgtui-tmp"
    link.symlink_to(victim)
    assert atomic.remove_stale_temps(tmp_path / "org.toml", now=os.path.getmtime(victim) + 3600) == []
    assert link.is_symlink() and victim.read_bytes() == b"precious"


KILLED_SAVER = (
    "import sys, time; from pathlib import Path; from orgtui.core.storage import atomic\n"
    "def hang(fd):\n    print('written', flush=True); time.sleep(60)\n"
    "atomic.os.fsync = hang\n"
    "atomic.atomic_write(Path(sys.argv[1]), b'x' * 100000)\n"
)


def test_a_save_killed_with_sigkill_leaves_a_temporary_file_that_opening_for_editing_removes(tmp_path):
    import signal
    import subprocess
    import sys

    from orgtui.core.storage.lock import acquire

    path = tmp_path / "org.toml"
    path.write_bytes(OLD)
    saver = subprocess.Popen(
        [sys.executable, "-c", KILLED_SAVER, str(path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert saver.stdout.readline() == "written\n"
    finally:
        saver.send_signal(signal.SIGKILL)
        saver.wait()
    left = leftovers(tmp_path)
    assert len(left) == 1 and path.read_bytes() == OLD, "the kill leaves the temporary file, never a torn file"
    old = os.path.getmtime(tmp_path / left[0]) - 120  # a minute has passed
    os.utime(tmp_path / left[0], (old, old))
    with acquire(path):
        assert leftovers(tmp_path) == []


# -- messages that say what really happened (issue 14, item 10) --------------------------


def test_a_read_only_remount_says_the_file_system_is_read_only_not_the_file(tmp_path):
    from disks import remount_read_only, small_tmpfs

    with small_tmpfs(tmp_path / "disk", size="64k") as disk:
        path = disk / "org.toml"
        path.write_bytes(OLD)
        path.chmod(0o664)  # the file itself is writable
        remount_read_only(disk)
        with pytest.raises(SaveError) as caught:
            atomic_write(path, b"new")
        assert "the file system is read-only" in str(caught.value)
        assert "the file is read-only" not in str(caught.value)
        assert path.read_bytes() == OLD


SAVE_AS_OTHER = """
import sys
from pathlib import Path
from orgtui.core.storage.atomic import SaveError, atomic_write
try:
    atomic_write(Path(sys.argv[1]), b"theirs")
except SaveError as exc:
    print(exc)
"""


def test_a_sticky_folder_refusal_explains_whose_file_it_is():
    from other_user import require_second_user, run_as_other, sticky_folder

    require_second_user()
    with sticky_folder() as folder:
        path = folder / "org.toml"
        path.write_bytes(OLD)
        path.chmod(0o666)  # anyone may write it; in a sticky folder only root may replace it
        done = run_as_other(SAVE_AS_OTHER, path)
        assert done.returncode == 0, done.stderr
        message = done.stdout.strip()
        assert "the folder is sticky" in message and "belongs to root" in message, message
        assert "save it under another name" in message
        assert path.read_bytes() == OLD
        assert leftovers(folder) == []
