"""Shared servers: locks, recovery after a dropped connection, and saves that a kill cannot tear.

These use real files, real second processes and a real pseudo-terminal.
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pilot_steps import settle

from orgtui.core.storage import lock as locks
from orgtui.core.storage import recovery
from orgtui.core.storage.orgfile import load_org
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.flows import leaving
from orgtui.ui.screens import Choice, FormScreen

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
FEEDBACK = "customer_service_manager.customer_input"
HEAD_CS = "head_of_service"


async def assign_feedback(app: OrgApp, pilot) -> None:
    app.roles.focus()
    app.roles.select_key(("duty", FEEDBACK, None))
    await settle(pilot)
    await pilot.press("m", *"teamlead customer", "enter")
    await settle(pilot)
    assert app.ws.org.owners(FEEDBACK) == (HEAD_CS,)


def hold_lock_in_another_process(path: Path) -> subprocess.Popen:
    code = (
        "import sys, time; from orgtui.core.storage import lock; l = lock.acquire(sys.argv[1]); "
        "print('locked', flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


async def test_a_colleague_holding_the_file_is_named_and_read_only_keeps_their_file(retailer: Path) -> None:
    colleague = hold_lock_in_another_process(retailer)
    try:
        app = OrgApp(Workspace.open(retailer))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, Choice)
            assert f"being edited by {locks.current_user()}" in app.screen.title_text
            await pilot.press("r")  # Read-only
            await settle(pilot)
            assert app.ws.read_only and "read-only" in app.title
            await assign_feedback(app, pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, FormScreen)  # only "Save as" is offered
            await pilot.press("escape")
            await settle(pilot)
        assert load_org(retailer).org.owners(FEEDBACK) == ()
        assert locks.read_lock(retailer).pid == colleague.pid  # their lock is untouched
    finally:
        colleague.kill()
        colleague.wait()


async def test_taking_over_a_colleagues_lock_makes_it_ours(retailer: Path) -> None:
    colleague = hold_lock_in_another_process(retailer)
    try:
        app = OrgApp(Workspace.open(retailer))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("t")  # Take over
            await settle(pilot)
            assert not app.ws.read_only
            assert locks.read_lock(retailer).pid == os.getpid()
            await assign_feedback(app, pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert load_org(retailer).org.owners(FEEDBACK) == (HEAD_CS,)
        assert locks.read_lock(retailer) is None  # released on quit
    finally:
        colleague.kill()
        colleague.wait()


async def test_a_stale_lock_of_a_dead_process_is_cleared_without_asking(retailer: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    info = locks.LockInfo.for_this_process()
    stale = locks.LockInfo(info.user, info.host, dead.pid, None, info.since, info.version, True)
    locks.lock_path_for(retailer).write_bytes(stale.to_bytes())
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, Choice)
        assert locks.read_lock(retailer).pid == os.getpid()
    assert not locks.lock_path_for(retailer).exists()


async def test_the_lock_is_released_on_quit_and_a_second_open_is_not_blocked(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert locks.lock_path_for(retailer).exists()
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert not locks.lock_path_for(retailer).exists()


async def test_unsaved_edits_are_kept_and_offered_back_after_a_hang_up(retailer: Path) -> None:
    before = retailer.read_bytes()
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        leaving.hang_up(app)  # what SIGHUP runs (the real signal is tested below)
        await settle(pilot)
    assert retailer.read_bytes() == before
    assert not locks.lock_path_for(retailer).exists()
    kept = recovery.find_recovery(retailer)
    assert kept is not None and oct(kept.file.stat().st_mode & 0o777) == "0o600"

    again = OrgApp(Workspace.open(retailer))
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, Choice) and again.screen.title_text == "Restore unsaved edits?"
        await pilot.press("r")
        await settle(pilot)
        assert again.ws.org.owners(FEEDBACK) == (HEAD_CS,)
        assert "unsaved" in again.title and again.sub_title.startswith("0 of 51")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load_org(retailer).org.owners(FEEDBACK) == (HEAD_CS,)
    assert recovery.find_recovery(retailer) is None  # saved: nothing left to offer


async def test_discarding_on_quit_leaves_no_recovery_offer(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        # the recovery file is written a second after the last edit and key: wait for it
        for _ in range(100):
            if recovery.find_recovery(retailer) is not None:
                break
            await pilot.pause(0.05)
        assert recovery.find_recovery(retailer) is not None
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
    assert recovery.find_recovery(retailer) is None


async def test_restoring_edits_made_before_a_colleagues_save_asks_before_overwriting(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        leaving.hang_up(app)
        await settle(pilot)
    theirs = retailer.read_text().replace('name = "', 'name = "Their ', 1)
    retailer.write_text(theirs)
    again = OrgApp(Workspace.open(retailer))
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(again.screen, Choice) and "changed by someone else" in again.screen.title_text
        await pilot.press("escape")
        await settle(pilot)
    assert retailer.read_text() == theirs


def test_kill_9_in_the_middle_of_saving_leaves_the_old_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    shutil.copy(SAMPLES / "retailer-300.toml", path)
    original = path.read_bytes()
    code = (
        "import sys; from pathlib import Path; from orgtui.core.storage.atomic import atomic_write\n"
        "p = Path(sys.argv[1]); data = p.read_bytes()\n"
        "print('saving', flush=True)\n"
        "while True: atomic_write(p, data.replace(b'Head', b'Chef'))\n"
    )
    for delay in (0.05, 0.11, 0.17, 0.23):
        proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "saving"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        content = path.read_bytes()
        assert content in (original, original.replace(b"Head", b"Chef"))
        load_org(path)  # and it still loads
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "big.toml"]
    # a killed save may leave its temporary file (like any editor); never a torn org file
    assert all(name.endswith(".orgtui-tmp") for name in leftovers)


def _read_until(fd: int, needle: bytes, timeout: float) -> bytes:
    seen = b""
    end = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def assign_feedback_by_keys(fd: int) -> None:
    """In the real orgtui on the terminal `fd`: wait for it, then give the unowned duty to
    the Teamlead Customer Service by keys, as a user types them."""
    assert b"unowned" in _read_until(fd, b"unowned", 20), "the app did not start"
    # jump to the unowned duty, open the move picker, narrow it: each step waits for the
    # screen to show it, not a fixed time (a loaded machine is slower than any sleep)
    os.write(fd, b"n")  # keys are handled in order: m acts on the row n went to
    os.write(fd, b"m")
    assert b"filter" in _read_until(fd, b"filter", 10), "the move picker did not open"
    os.write(fd, b"teamlead customer")
    assert b"Teamlead" in _read_until(fd, b"Teamlead", 10), "the picker did not narrow"
    time.sleep(0.3)  # the last letters' redraw
    os.write(fd, b"\r")
    assert b"unsaved" in _read_until(fd, b"unsaved", 10), "the edit did not happen"


@pytest.mark.skipif(not hasattr(pty, "fork"), reason="needs a POSIX pseudo-terminal")
def test_sighup_to_a_real_orgtui_keeps_the_edit_for_the_next_start(retailer: Path, private_state_dir: Path) -> None:
    pid, fd = pty.fork()
    if pid == 0:  # the child: a real orgtui in a real terminal
        os.environ["XDG_STATE_HOME"] = str(private_state_dir)
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("TEXTUAL", None)
        os.execv(sys.executable, [sys.executable, "-m", "orgtui", str(retailer)])
    try:
        assign_feedback_by_keys(fd)
        assert locks.lock_path_for(retailer).exists()
        os.kill(pid, signal.SIGHUP)
        _read_until(fd, b"\x00never", 3)
        _, status = os.waitpid(pid, 0)
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(fd)
    assert not locks.lock_path_for(retailer).exists(), "the lock was not released"
    kept = recovery.find_recovery(retailer)
    assert kept is not None, "the unsaved edit was not kept"
    ws = Workspace.open(retailer)
    assert ws.org.owners(FEEDBACK) == ()  # the file itself was not touched
    ws.restore(kept)
    assert ws.org.owners(FEEDBACK) == (HEAD_CS,)


@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="needs a POSIX pseudo-terminal")
def test_a_terminal_closed_without_a_sighup_ends_orgtui_and_keeps_the_edit(retailer: Path, private_state_dir: Path) -> None:
    # Outside its terminal's session (setsid: no controlling terminal) a closed terminal
    # sends no SIGHUP; orgtui used to read nothing from it at full speed, forever, lock held
    master, slave = pty.openpty()
    env = dict(os.environ, XDG_STATE_HOME=str(private_state_dir), TERM="xterm-256color")
    env.pop("TEXTUAL", None)
    app = subprocess.Popen([sys.executable, "-m", "orgtui", str(retailer)], stdin=slave, stdout=slave, stderr=slave,
                           env=env, start_new_session=True)
    os.close(slave)
    try:
        assign_feedback_by_keys(master)
        os.close(master)  # the terminal window is gone
        master = -1
        status = app.wait(timeout=15)
    finally:
        if master >= 0:
            os.close(master)
        if app.poll() is None:
            app.kill()
            app.wait()
    assert status == leaving.HANG_UP_CODE
    assert not locks.lock_path_for(retailer).exists(), "the lock was not released"
    kept = recovery.find_recovery(retailer)
    assert kept is not None, "the unsaved edit was not kept"


async def test_a_full_disk_says_so_and_keeps_the_edits_in_the_app(retailer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from orgtui.core.storage import atomic

    before = retailer.read_bytes()
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)

        def full(fd: int, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic.os, "write", full)
        await pilot.press("ctrl+s")
        await app.background.writer.idle()
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("the disk is full" in m and "Save as" in m for m in messages)
        assert app.ws.dirty and "unsaved" in app.title
        assert app.ws.org.owners(FEEDBACK) == (HEAD_CS,)
    assert retailer.read_bytes() == before
    assert [p.name for p in retailer.parent.iterdir() if p.name.endswith(".orgtui-tmp")] == []


def test_check_ignores_a_lock_and_never_creates_one(retailer: Path) -> None:
    colleague = hold_lock_in_another_process(retailer)
    try:
        lock_bytes = locks.lock_path_for(retailer).read_bytes()
        done = subprocess.run([sys.executable, "-m", "orgtui", "check", str(retailer)], capture_output=True, text=True, timeout=30)
        assert done.returncode == 1 and "1 unowned" in done.stdout
        assert locks.lock_path_for(retailer).read_bytes() == lock_bytes
    finally:
        colleague.kill()
        colleague.wait()
    locks.lock_path_for(retailer).unlink()
    subprocess.run([sys.executable, "-m", "orgtui", "check", str(retailer)], capture_output=True, timeout=30)
    assert sorted(p.name for p in retailer.parent.iterdir()) == ["retailer.toml"]


async def test_save_as_copy_after_a_colleagues_change_never_writes_over_their_file(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        theirs = retailer.read_text() + "\n# their line\n"
        retailer.write_text(theirs)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("enter")  # the default: "Save as copy"
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        from textual.widgets import Input

        field = form.query_one(Input)
        assert field.value.endswith("retailer-copy.toml")  # a copy's name, not the file
        field.value = str(retailer)  # even typed on purpose, their file is refused
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert retailer.read_text() == theirs and isinstance(app.screen, FormScreen)
        field.value = str(retailer.with_name("retailer-copy.toml"))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    assert retailer.read_text() == theirs
    assert load_org(retailer.with_name("retailer-copy.toml")).org.owners(FEEDBACK) == (HEAD_CS,)


async def test_a_read_only_session_saves_only_a_copy(retailer: Path) -> None:
    colleague = hold_lock_in_another_process(retailer)
    before = retailer.read_bytes()
    try:
        app = OrgApp(Workspace.open(retailer))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("r")  # Read-only
            await settle(pilot)
            await assign_feedback(app, pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            await pilot.press("enter")  # accept the offered copy name
            await settle(pilot)
        assert retailer.read_bytes() == before
        assert load_org(retailer.with_name("retailer-copy.toml")).org.owners(FEEDBACK) == (HEAD_CS,)
    finally:
        colleague.kill()
        colleague.wait()
