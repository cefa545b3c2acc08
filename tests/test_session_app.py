"""User stories on top of the core session: saving in the background, a colleague saving or
taking over meanwhile, recovery files that cannot be removed. The real app under Pilot, real
files, a real second process where the story is about one.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pilot_steps import settle

from orgtui.core.storage import lock as locks
from orgtui.core.storage import recovery, saving, seen
from orgtui.core.storage.orgfile import load_org
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.flows import background
from orgtui.ui.screens import Choice

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
FEEDBACK = "customer_service_manager.customer_input"
HEAD_CS = "head_of_service"
COLLEAGUE_SAVES = (
    "import sys; from pathlib import Path; p = Path(sys.argv[1]); "
    "p.write_text(p.read_text().replace('name = \"', 'name = \"Their ', 1))"
)
TAKE_OVER = "import sys; from orgtui.core.storage import lock; lock.take_over(sys.argv[1])"


def another_process(code: str, path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


async def assign_feedback(app: OrgApp, pilot) -> None:
    app.roles.focus()
    app.roles.select_key(("duty", FEEDBACK, None))
    await settle(pilot)
    await pilot.press("m", *"teamlead customer", "enter")
    await settle(pilot)
    assert app.ws.org.owners(FEEDBACK) == (HEAD_CS,)


def messages(app: OrgApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


class HeldSerialiser:
    """Makes the save's serialisation wait (in the worker thread) until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        real = saving.org_blocks

        self.calls = 0

        def held(org, digest=None, pace=None):
            self.calls += 1
            self.started.set()
            assert self.release.wait(30), "the test never released the save"
            return real(org, digest, pace)

        monkeypatch.setattr(saving, "org_blocks", held)


async def test_keys_work_while_a_save_is_written_and_later_edits_stay_unsaved(
    retailer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = OrgApp(Workspace.open(retailer))
    held = HeldSerialiser(monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert held.started.wait(10) and app.background.writer.busy
        await pilot.press("ctrl+z")  # answered while the file is being written
        await settle(pilot)
        assert app.ws.org.owners(FEEDBACK) == () and app.background.writer.busy
        held.release.set()
        await app.background.writer.idle()
        await settle(pilot)
        assert "unsaved" in app.title  # the undo came after the snapshot
        assert load_org(retailer).org.owners(FEEDBACK) == (HEAD_CS,)
        assert app.status.startswith("Saved ")  # in the status line: a toast would lay the screen out
        assert not any("Saved" in m for m in messages(app))


async def test_a_second_ctrl_s_waits_for_the_first_and_saves_the_newer_state(
    retailer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = OrgApp(Workspace.open(retailer))
    held = HeldSerialiser(monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert held.started.wait(10)
        await pilot.press("ctrl+z", "ctrl+s")  # a newer state, saved as soon as the first is done
        await pilot.press("ctrl+s", "ctrl+s")  # impatient: these add nothing to the waiting one
        await settle(pilot)
        held.release.set()
        await app.background.writer.idle()
        await settle(pilot)
        await app.background.writer.idle()  # the second save
        await settle(pilot)
        assert not isinstance(app.screen, Choice), "our own first save is no colleague's change"
        assert "unsaved" not in app.title
        assert held.calls == 2
    assert load_org(retailer).org.owners(FEEDBACK) == ()


async def test_quit_waits_for_a_running_save(retailer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = OrgApp(Workspace.open(retailer))
    held = HeldSerialiser(monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert held.started.wait(10)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, Choice)  # no "unsaved changes?" yet
        held.release.set()
        await app.background.writer.idle()
        await settle(pilot)
    assert not app.is_running
    assert load_org(retailer).org.owners(FEEDBACK) == (HEAD_CS,)
    assert locks.read_lock(retailer) is None


async def test_ctrl_s_reads_the_file_back_only_in_the_saves_thread(retailer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = OrgApp(Workspace.open(retailer))  # just copied: its stat cannot be trusted, so it is hashed
    readers: list[str] = []
    real = seen.digest_now

    def digest_now(path):
        readers.append(threading.current_thread().name)
        return real(path)

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        monkeypatch.setattr(seen, "digest_now", digest_now)
        await pilot.press("ctrl+s")
        await app.background.writer.idle()
        await settle(pilot)
        assert "unsaved" not in app.title and load_org(retailer).org.owners(FEEDBACK) == (HEAD_CS,)
        assert readers and threading.main_thread().name not in readers  # the UI thread never re-read 16 MB


async def test_a_file_changed_since_we_opened_it_is_asked_about_when_saving(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        another_process(COLLEAGUE_SAVES, retailer)
        await pilot.press("ctrl+s")
        await app.background.writer.idle()
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        assert "changed by someone else since you opened it" in app.screen.title_text
        await pilot.press("escape")
        await settle(pilot)
    assert load_org(retailer).org.info.name.startswith("Their ")  # nothing overwritten


async def test_a_colleague_saving_while_we_write_is_asked_about_not_overwritten(
    retailer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = OrgApp(Workspace.open(retailer))
    real = saving.org_blocks

    def colleague_saves_meanwhile(org, digest=None, pace=None):
        another_process(COLLEAGUE_SAVES, retailer)
        return real(org, digest, pace)

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        monkeypatch.setattr(saving, "org_blocks", colleague_saves_meanwhile)
        await pilot.press("ctrl+s")
        await app.background.writer.idle()
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        assert "changed by someone else while you were saving" in app.screen.title_text
        assert load_org(retailer).org.info.name.startswith("Their ")
        monkeypatch.setattr(saving, "org_blocks", real)
        await pilot.press("enter")  # the default: Save as copy
        await settle(pilot)
        await pilot.press("enter")  # under the name proposed
        await app.background.writer.idle()
        await settle(pilot)
    assert load_org(retailer).org.info.name.startswith("Their ")
    assert load_org(retailer.with_name("retailer-copy.toml")).org.owners(FEEDBACK) == (HEAD_CS,)


async def test_a_save_whose_recovery_file_cannot_be_removed_is_saved_with_a_warning(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        app.background.keeper.cancel()  # on a slow machine the edit's own keep may be due already
        kept = recovery.recovery_path(retailer)
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.unlink(missing_ok=True)
        kept.mkdir()  # a folder where the recovery file would be
        await pilot.press("ctrl+s")
        await app.background.writer.idle()
        await settle(pilot)
        assert app.is_running and "unsaved" not in app.title
        assert any(m.startswith("Saved, but") and "recovery file" in m for m in messages(app))
        await assign_feedback_back(app, pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("d")  # Discard: cannot remove it either, and quits all the same
        await settle(pilot)
    assert not app.is_running and app.return_code == 0
    assert load_org(retailer).org.owners(FEEDBACK) == (HEAD_CS,)


async def assign_feedback_back(app: OrgApp, pilot) -> None:
    await pilot.press("ctrl+z")
    await settle(pilot)
    assert app.ws.dirty


async def test_reload_theirs_throws_the_kept_edits_away_for_good(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        app.ws.keep_unsaved()  # what the keeper writes a second after the edit
        assert recovery.find_recovery(retailer) is not None
        another_process(COLLEAGUE_SAVES, retailer)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        await pilot.press("r")  # Reload theirs (your edits are lost)
        await settle(pilot)
        assert app.ws.org.info.name.startswith("Their ") and not app.ws.dirty
        assert recovery.find_recovery(retailer) is None
    again = OrgApp(Workspace.open(retailer))
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not isinstance(again.screen, Choice)  # nothing offered back


async def test_a_take_over_is_told_within_seconds_with_the_name_of_who_took_over(
    retailer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "LOCK_POLL", 0.1)
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.ws.lock is not None
        another_process(TAKE_OVER, retailer)
        for _ in range(50):  # the watch looks every LOCK_POLL seconds, without any key
            await pilot.pause(0.1)
            if any("took over" in m for m in messages(app)):
                break
        told = [m for m in messages(app) if "took over" in m]
        assert told and told[0].startswith(f"Taken over: {locks.current_user()} on ")
        assert "taken over" in app.title
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        assert f"being edited by {locks.current_user()}" in app.screen.title_text


async def test_save_as_where_no_lock_can_be_taken_says_so(retailer: Path) -> None:
    copy = retailer.with_name("copy.toml")
    locks.lock_path_for(copy).mkdir()  # nothing can lock there (root included)
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        app.action_save_as()  # what the palette's "Save as…" runs
        await settle(pilot)
        from textual.widgets import Input

        app.screen.query_one(Input).value = str(copy)
        await pilot.press("enter")
        await app.background.writer.idle()
        await settle(pilot)
        assert app.ws.path == copy and "read-only" not in app.title
        assert any("without" in m and "copy.toml" in m for m in messages(app))


async def test_a_hang_up_during_a_save_finishes_it_then_frees_the_file(
    retailer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orgtui.ui.flows import leaving

    app = OrgApp(Workspace.open(retailer))
    held = HeldSerialiser(monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert held.started.wait(10)
        await pilot.press("ctrl+z")  # an edit after the snapshot: it must be kept, not lost
        await settle(pilot)
        threading.Timer(0.3, held.release.set).start()  # the write goes on while SIGHUP waits
        leaving.hang_up(app)  # what SIGHUP runs
        await settle(pilot)
    assert app.return_code == leaving.HANG_UP_CODE
    assert load_org(retailer).org.owners(FEEDBACK) == (HEAD_CS,)  # the save was finished
    assert locks.read_lock(retailer) is None
    kept = recovery.find_recovery(retailer)
    assert kept is not None and not kept.org_changed()  # based on the file as just saved
    reopened = Workspace.open(retailer)
    reopened.restore(kept)
    assert reopened.org.owners(FEEDBACK) == ()  # the undo made during the save


async def keys_for(pilot, seconds: float) -> None:
    """Someone still working: a cursor key every 0.1 s."""
    import time

    end = time.monotonic() + seconds
    flip = False
    while time.monotonic() < end:
        flip = not flip
        await pilot.press("down" if flip else "up")
        await pilot.pause(0.1)


async def until_kept(pilot, retailer: Path, seconds: float = 3.0) -> bool:
    for _ in range(int(seconds / 0.05)):
        if recovery.find_recovery(retailer) is not None:
            return True
        await pilot.pause(0.05)
    return False


async def test_the_recovery_file_waits_for_a_pause_in_the_keys_then_is_written(retailer: Path, monkeypatch) -> None:
    monkeypatch.setattr(background, "RECOVERY_DELAY", 0.3)
    monkeypatch.setattr(background, "RECOVERY_QUIET", 1.5)  # far more than the keys' spacing, even on a slow machine
    monkeypatch.setattr(background, "RECOVERY_LATEST", 30.0)
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        await keys_for(pilot, 2.5)  # well past the delay: the write still waits
        assert recovery.find_recovery(retailer) is None
        assert await until_kept(pilot, retailer, 6.0)  # the keys stopped: written
        assert 'name = "' in recovery.find_recovery(retailer).text


async def test_busy_keys_hold_the_recovery_file_back_at_most_recovery_latest(retailer: Path, monkeypatch) -> None:
    monkeypatch.setattr(background, "RECOVERY_DELAY", 0.3)
    monkeypatch.setattr(background, "RECOVERY_QUIET", 1.5)
    monkeypatch.setattr(background, "RECOVERY_LATEST", 1.0)
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assign_feedback(app, pilot)
        await keys_for(pilot, 2.5)  # never a pause, but the edit is kept all the same
        assert await until_kept(pilot, retailer, 0.5)
