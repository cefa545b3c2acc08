"""Edit locks: real files, a real second process, planted links and stale pids."""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from orgtui.core.storage import lock as lockmod
from orgtui.core.storage.lock import (
    LockedError,
    LockInfo,
    LockUnavailable,
    SuspiciousLock,
    acquire,
    current_user,
    lock_path_for,
    process_start_time,
    read_lock,
    take_over,
)


@pytest.fixture
def org(tmp_path: Path) -> Path:
    path = tmp_path / "shop.toml"
    path.write_text('format = 1\nname = "Shop"\n', encoding="utf-8")
    return path


def write_lock(org: Path, **fields: object) -> Path:
    data = {"user": "someone", "host": socket.gethostname(), "pid": None, "start": None, "since": "2024-03-04T10:32:00+01:00"}
    data.update(fields)
    path = lock_path_for(org)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: the pid no longer exists (until the kernel recycles it)
    return child.pid


def test_acquire_creates_a_lock_beside_the_file_with_who_and_where(org: Path):
    lock = acquire(org)
    try:
        assert lock.path == org.parent / ".~lock.shop.toml#"
        data = json.loads(lock.path.read_text(encoding="utf-8"))
        assert data["user"] == current_user()
        assert data["host"] == socket.gethostname()
        assert data["pid"] == os.getpid()
        assert data["start"] == process_start_time(os.getpid())
        assert data["since"] and data["version"]
        assert stat.S_ISREG(os.lstat(lock.path).st_mode)
        assert lock.held
    finally:
        lock.release()
    assert not lock.path.exists()


def test_a_second_acquire_in_the_same_process_is_refused(org: Path):
    with acquire(org), pytest.raises(LockedError) as caught:
        acquire(org)
    info = caught.value.info
    assert info.pid == os.getpid()
    text = caught.value.describe()
    assert current_user() in text and socket.gethostname() in text
    assert text.startswith("being edited by ")
    assert not lock_path_for(org).exists()  # the context manager released it


HOLDER = textwrap.dedent(
    """
    import sys, time
    from orgtui.core.storage.lock import acquire
    lock = acquire(sys.argv[1])
    print("locked", flush=True)
    time.sleep(60)
    """
)


def test_a_lock_held_by_another_live_process_is_refused_and_named(org: Path):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(org)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(LockedError) as caught:
            acquire(org)
        assert caught.value.info.pid == proc.pid
        assert caught.value.info.start == process_start_time(proc.pid)
        assert current_user() in caught.value.describe()
        assert socket.gethostname() in caught.value.describe()
    finally:
        proc.kill()
        proc.wait()
        if proc.stdout:
            proc.stdout.close()
    # its process is gone now (killed, lock left behind): stale, ours for the taking
    with acquire(org) as lock:
        assert json.loads(lock.path.read_text())["pid"] == os.getpid()


def test_a_stale_lock_of_a_dead_process_on_this_host_is_cleared_and_taken(org: Path):
    write_lock(org, pid=dead_pid(), start=12345)
    with acquire(org) as lock:
        assert json.loads(lock.path.read_text())["pid"] == os.getpid()


def test_a_live_pid_with_another_start_time_is_a_recycled_pid_and_stale(org: Path):
    me = os.getpid()
    start = process_start_time(me)
    if start is None:
        pytest.skip("no /proc: start times are unknown here")
    write_lock(org, pid=me, start=start + 1000)
    with acquire(org) as lock:
        assert json.loads(lock.path.read_text())["start"] == start


def test_a_live_pid_with_its_own_start_time_is_not_stale(org: Path):
    write_lock(org, pid=os.getpid(), start=process_start_time(os.getpid()), user="bob")
    with pytest.raises(LockedError, match="bob"):
        acquire(org)


def test_a_lock_of_another_host_is_never_stale(org: Path):
    path = write_lock(org, pid=dead_pid(), start=1, host="elsewhere.example", user="alice")
    before = path.read_bytes()
    with pytest.raises(LockedError) as caught:
        acquire(org)
    assert caught.value.describe().startswith("being edited by alice on elsewhere.example since ")
    assert path.read_bytes() == before


def test_a_planted_symlink_is_refused_and_its_target_untouched(org: Path, tmp_path: Path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    lock_path_for(org).symlink_to(victim)
    with pytest.raises(SuspiciousLock, match="suspicious lock"):
        acquire(org)
    with pytest.raises(SuspiciousLock):
        take_over(org)
    with pytest.raises(SuspiciousLock):
        read_lock(org)
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert os.path.islink(lock_path_for(org))


def test_a_dangling_symlink_is_refused_and_nothing_is_created(org: Path, tmp_path: Path):
    target = tmp_path / "would-be-created"
    lock_path_for(org).symlink_to(target)
    with pytest.raises(SuspiciousLock):
        acquire(org)
    assert not target.exists()


def test_a_fifo_or_folder_at_the_lock_path_is_refused_without_hanging(org: Path):
    os.mkfifo(lock_path_for(org))
    with pytest.raises(SuspiciousLock):
        acquire(org)
    os.unlink(lock_path_for(org))
    lock_path_for(org).mkdir()
    with pytest.raises(SuspiciousLock):
        acquire(org)


def test_release_leaves_a_lock_someone_else_put_in_place(org: Path):
    lock = acquire(org)
    theirs = org.parent / "theirs"
    theirs.write_text(json.dumps({"user": "carol", "host": "h2", "pid": 1}), encoding="utf-8")
    os.replace(theirs, lock.path)  # someone took it over
    assert not lock.held
    assert lock.release() is False
    assert "carol" in lock.path.read_text()
    assert lock.release() is False


def test_release_removes_our_lock_once_and_is_idempotent(org: Path):
    lock = acquire(org)
    assert lock.release() is True
    assert lock.release() is False
    assert not lock.path.exists()


def test_two_links_to_one_file_share_one_lock(org: Path, tmp_path: Path):
    other = tmp_path / "elsewhere"
    other.mkdir()
    link = other / "link.toml"
    link.symlink_to(org)
    with acquire(link) as lock:
        assert lock.path == lock_path_for(org) == org.parent / ".~lock.shop.toml#"
        assert lock.org_path == org.resolve()
        assert not (other / ".~lock.link.toml#").exists()
        with pytest.raises(LockedError):
            acquire(org)


def test_a_folder_where_no_lock_can_be_made_raises_lock_unavailable(org: Path, monkeypatch: pytest.MonkeyPatch):
    real_open = os.open
    target = str(lock_path_for(org))

    def refusing_open(path, flags, *args, **kwargs):
        if str(path) == target and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(lockmod.os, "open", refusing_open)
    with pytest.raises(LockUnavailable, match="permission denied") as caught:
        acquire(org)
    assert not isinstance(caught.value, SuspiciousLock)
    assert "read-only" in str(caught.value)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write a read-only folder")
def test_a_really_read_only_folder_raises_lock_unavailable(org: Path):
    os.chmod(org.parent, 0o555)
    try:
        with pytest.raises(LockUnavailable):
            acquire(org)
    finally:
        os.chmod(org.parent, 0o755)


def test_take_over_replaces_the_lock_the_user_saw(org: Path):
    write_lock(org, host="elsewhere.example", user="alice", pid=4242, start=7)
    with pytest.raises(LockedError) as caught:
        acquire(org)
    with take_over(org, caught.value.info) as lock:
        data = json.loads(lock.path.read_text())
        assert data["pid"] == os.getpid() and data["user"] == current_user()
        assert lock.held
        assert not [p for p in org.parent.iterdir() if p.name.endswith(".orgtui-tmp")]
    assert not lock.path.exists()


def test_take_over_refuses_when_the_lock_changed_since_the_user_was_asked(org: Path):
    write_lock(org, host="elsewhere.example", user="alice", pid=4242)
    seen = read_lock(org)
    assert seen is not None
    write_lock(org, host="elsewhere.example", user="dave", pid=4343)
    with pytest.raises(LockedError, match="dave"):
        take_over(org, seen)
    assert "dave" in lock_path_for(org).read_text()


def test_take_over_without_a_lock_just_acquires(org: Path):
    with take_over(org) as lock:
        assert lock.held


def test_an_unreadable_lock_is_respected_and_described(org: Path):
    lock_path_for(org).write_bytes(b"")
    with pytest.raises(LockedError, match="unknown editor"):
        acquire(org)
    assert take_over(org).release()


def test_a_libreoffice_lock_names_its_user(org: Path):
    lock_path_for(org).write_text(",Alice Smith,pc-17,04.03.2024 10:32,file:///home/alice/.config;", encoding="utf-8")
    with pytest.raises(LockedError, match="Alice Smith on pc-17"):
        acquire(org)


def test_describe_shows_hostile_names_inert():
    info = LockInfo("eve\x1b]0;pwned\x07", "h\x9bost", 1, None, "")
    text = info.describe()
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert "eve\\x1b]0;pwned\\x07" in text


def test_lock_info_round_trips_and_tolerates_junk():
    info = LockInfo.for_this_process()
    assert LockInfo.from_bytes(info.to_bytes()) == info
    for junk in (b"[1, 2]", b"\xff\xfe", b'{"user": 5, "pid": "x"}', b"[" * 5000):
        assert LockInfo.from_bytes(junk).readable is False


# -- saves of two processes one after the other (issue 14, item 1) -----------------------

HOLD_SAVE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from orgtui.core.storage.lock import saving
    org = Path(sys.argv[1])
    with saving(org):
        print("saving", flush=True)
        sys.stdin.readline()  # until the test says: write now
        org.write_text('format = 1\\nname = "Theirs"\\n', encoding="utf-8")
    print("done", flush=True)
    """
)


def hold_a_save(org: Path) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", HOLD_SAVE, str(org)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "saving\n"
    return child


def test_a_save_waits_for_another_process_saving_the_same_file_and_then_sees_its_file(org: Path, small_org):
    import threading

    from orgtui.core.storage.atomic import SaveError
    from orgtui.core.storage.orgfile import digest_of, save_org

    base = digest_of(org.read_bytes())
    lock = acquire(org)
    child = hold_a_save(org)
    outcome: list[object] = []

    def unchanged():
        if digest_of(org.read_bytes()) != base:
            raise SaveError("was changed by someone else")

    def save():
        try:
            outcome.append(save_org(small_org, org, precondition=unchanged))
        except SaveError as exc:
            outcome.append(exc)

    ours = threading.Thread(target=save)
    try:
        ours.start()
        ours.join(0.5)
        assert ours.is_alive(), "our save must wait while the other process is saving"
    finally:
        child.stdin.write("go\n")
        child.stdin.flush()
        child.wait(10)
        ours.join(10)
        lock.release()
    assert [type(o) for o in outcome] == [SaveError], "the other save came first; ours must refuse, not overwrite it"
    assert 'name = "Theirs"' in org.read_text(encoding="utf-8")


def test_a_take_over_waits_for_the_holders_save_to_finish(org: Path):
    import threading

    from orgtui.core.storage.processes import process_start_time as start_of

    write_lock(org, user="alice", host="elsewhere", pid=1, start=start_of(1))
    seen = read_lock(org)
    child = hold_a_save(org)
    taken: list[object] = []
    grab = threading.Thread(target=lambda: taken.append(take_over(org, seen)))
    try:
        grab.start()
        grab.join(0.5)
        assert grab.is_alive(), "the take-over must wait for the save under way"
    finally:
        child.stdin.write("go\n")
        child.stdin.flush()
        child.wait(10)
        grab.join(10)
    assert len(taken) == 1 and taken[0].held
    assert 'name = "Theirs"' in org.read_text(encoding="utf-8")
    taken[0].release()


def test_saving_without_a_lock_file_goes_ahead(org: Path):
    from orgtui.core.storage.lock import saving

    with saving(org):
        org.write_text("x", encoding="utf-8")
    assert not lock_path_for(org).exists()


ACQUIRE_AS_OTHER = """
import sys
from orgtui.core.storage.lock import LockError, acquire
try:
    acquire(sys.argv[1]).release()
    print("acquired")
except LockError as exc:
    print(exc)
"""


def test_a_stale_lock_of_another_user_in_a_sticky_folder_says_how_to_remove_it():
    """The file's owner is locked out by a dead process's lock they may not delete."""
    from other_user import other_uid, require_second_user, run_as_other, sticky_folder

    require_second_user()
    with sticky_folder() as folder:
        org = folder / "shop.toml"
        org.write_text('format = 1\nname = "Shop"\n', encoding="utf-8")
        os.chown(org, other_uid(), -1)
        stale = write_lock(org, user="root", pid=dead_pid())  # owned by root, its process gone
        done = run_as_other(ACQUIRE_AS_OTHER, org)
        assert done.returncode == 0, done.stderr
        message = done.stdout.strip()
        assert "stale lock" in message and "left by root" in message, message
        assert "the folder is sticky" in message
        assert f"rm -- '{stale}'" in message
        assert stale.exists()
