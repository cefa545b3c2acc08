"""The session rules of the core workspace, without the UI: locks, recovery, and when a
save may write over the file. Real files and locks; a second process where it is about one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from orgtui.core.domain.catalog import bundled_sample_path
from orgtui.core.domain.edits import AssignDuty, RenameOrg
from orgtui.core.storage import lock as locks
from orgtui.core.storage import recovery, saving
from orgtui.core.storage.opening import LockedBy, LockFailed, LockTaken, NotLocked
from orgtui.core.storage.orgfile import load_org
from orgtui.core.storage.saving import SaveConflict, SaveError
from orgtui.core.storage.session import Workspace

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
FEEDBACK = "customer_service_manager.customer_input"
HEAD_CS = "head_of_service"


@pytest.fixture
def editing(retailer: Path):
    ws = Workspace.open(retailer)
    assert isinstance(ws.take_lock(), LockTaken)
    yield ws
    ws.release_lock()


def run_in_another_process(code: str, *args: object) -> str:
    done = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


TAKE_OVER = "import sys; from orgtui.core.storage import lock; lock.take_over(sys.argv[1])"
COLLEAGUE_SAVES = (
    "import sys; from pathlib import Path; p = Path(sys.argv[1]); "
    "p.write_text(p.read_text().replace('name = \"', 'name = \"Their ', 1))"
)


# -- opening -----------------------------------------------------------------------------


def test_a_free_file_is_locked_for_us(editing: Workspace, retailer: Path) -> None:
    assert locks.read_lock(retailer).pid == os.getpid()
    assert not editing.read_only and editing.save_risk() is None


def test_a_held_file_says_who_where_and_since_and_read_only_touches_nothing(retailer: Path) -> None:
    holder = locks.acquire(retailer)  # another session (a live pid: ours)
    try:
        ws = Workspace.open(retailer)
        state = ws.take_lock()
        assert isinstance(state, LockedBy)
        assert (state.who, state.host) == (holder.info.user, holder.info.host) and state.since is not None
        assert state.describe().startswith(f"being edited by {holder.info.user} on {holder.info.host} since ")
        ws.open_read_only()
        assert ws.read_only
        ws.apply(RenameOrg("Mine"))
        assert ws.recovery_job() is None and ws.pending_recovery() is None
        risk = ws.save_risk()
        assert risk is not None and risk.kind == "read-only" and not risk.may_overwrite
        with pytest.raises(SaveError):
            ws.save()
        assert ws.plan_save_as().default == retailer.with_name("retailer-copy.toml")
        assert locks.read_lock(retailer) == holder.info
    finally:
        holder.release()


def test_a_read_only_session_never_touches_the_editing_sessions_recovery(editing: Workspace, retailer: Path) -> None:
    editing.apply(AssignDuty(FEEDBACK, HEAD_CS))
    editing.keep_unsaved()
    kept = recovery.find_recovery(retailer).text
    looker = Workspace.open(retailer)
    assert isinstance(looker.take_lock(), LockedBy)
    looker.open_read_only()
    assert looker.pending_recovery() is None  # not offered: they are the editor's
    looker.apply(RenameOrg("Someone else's idea"))
    looker.keep_unsaved()
    looker.undo()
    looker.keep_unsaved()
    assert looker.forget_unsaved() is None
    looker.hang_up()
    assert recovery.find_recovery(retailer).text == kept


def test_taking_over_makes_the_lock_ours_and_a_changed_lock_asks_again(retailer: Path) -> None:
    first = locks.acquire(retailer)
    ws = Workspace.open(retailer)
    held = ws.take_lock()
    assert isinstance(held, LockedBy)
    first.release()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:  # someone else got it while we were asked
        second = locks.LockInfo("bob", held.host, other.pid, locks.process_start_time(other.pid), held.info.since)
        locks.lock_path_for(retailer).write_bytes(second.to_bytes())
        again = ws.take_over(held)
        assert isinstance(again, LockedBy) and again.who == "bob"
        assert isinstance(ws.take_over(again), LockTaken)
        assert ws.lock is not None and ws.lock.held and locks.read_lock(retailer).pid == os.getpid()
    finally:
        ws.release_lock()
        other.kill()
        other.wait()


def test_a_folder_where_no_lock_can_be_made_opens_read_only_and_says_why(retailer: Path) -> None:
    locks.lock_path_for(retailer).mkdir()  # works as root too
    ws = Workspace.open(retailer)
    state = ws.take_lock()
    assert isinstance(state, LockFailed) and "is a folder" in state.why
    assert ws.read_only
    # a save over it says why it is read-only, not "someone else is editing it" (issue 14 item 10)
    risk = ws.save_risk()
    assert risk is not None and "no edit lock could be taken" in risk.reason and "someone else" not in risk.reason


def test_a_file_opened_read_only_for_a_colleague_says_so_when_saving(retailer: Path) -> None:
    ws = Workspace.open(retailer)
    ws.open_read_only()
    risk = ws.save_risk()
    assert risk is not None and "someone else is editing it" in risk.reason


def test_the_untitled_sample_copy_keeps_no_recovery_under_the_bundled_sample() -> None:
    sample = bundled_sample_path()
    ws = Workspace.untitled_copy(sample)
    assert ws.path is None and ws.source is None and isinstance(ws.take_lock(), NotLocked)
    ws.apply(RenameOrg("My own copy"))
    ws.keep_unsaved()
    assert recovery.find_recovery(sample) is None and recovery.list_recoveries() == []
    assert Workspace.open(sample).pending_recovery() is None
    assert ws.save_risk() is None and ws.plan_save_as().default == Path("org.toml")


def test_the_cli_opens_the_sample_as_an_untitled_copy() -> None:
    from orgtui.cli.open import workspace_for

    ws = workspace_for(None)
    assert ws.path is None and ws.source is None


# -- recovery ----------------------------------------------------------------------------


def test_kept_edits_are_offered_back_and_identical_ones_dropped(editing: Workspace, retailer: Path) -> None:
    editing.apply(AssignDuty(FEEDBACK, HEAD_CS))
    editing.keep_unsaved()
    editing.hang_up()
    assert locks.read_lock(retailer) is None
    ws = Workspace.open(retailer)
    ws.take_lock()
    offer = ws.pending_recovery()
    assert offer is not None and not offer.file_changed
    assert any("Customer" in line or "customer" in line for line in offer.differences())
    ws.restore(offer.found)
    assert ws.org.owners(FEEDBACK) == (HEAD_CS,) and ws.dirty
    ws.save()
    ws.keep_unsaved()  # not dirty: drops it
    assert recovery.find_recovery(retailer) is None
    recovery.write_recovery(retailer, retailer.read_text(), "x")  # the same text as the file
    assert ws.pending_recovery() is None and recovery.find_recovery(retailer) is None
    ws.release_lock()


def test_an_older_recovery_job_never_lands_after_a_newer_one(editing: Workspace, retailer: Path) -> None:
    editing.apply(RenameOrg("First"))
    older = editing.recovery_job()
    editing.apply(RenameOrg("Second"))
    newer = editing.recovery_job()
    newer()
    older()
    assert 'name = "Second"' in recovery.find_recovery(retailer).text


def test_hang_up_never_raises_and_frees_the_lock_when_edits_cannot_be_kept(editing: Workspace, retailer: Path) -> None:
    recovery.recovery_dir().parent.mkdir(parents=True, exist_ok=True)
    recovery.recovery_dir().write_text("a file where the folder should be")
    editing.apply(RenameOrg("Lost"))
    editing.hang_up()
    assert locks.read_lock(retailer) is None


def test_a_save_is_done_with_a_warning_when_the_recovery_file_cannot_be_removed(editing: Workspace, retailer: Path) -> None:
    editing.apply(AssignDuty(FEEDBACK, HEAD_CS))
    recovery.recovery_path(retailer).parent.mkdir(parents=True)
    recovery.recovery_path(retailer).mkdir()  # a folder at the recovery path: unlink fails
    report = editing.save()
    assert load_org(retailer).org.owners(FEEDBACK) == (HEAD_CS,) and not editing.dirty
    assert len(report.warnings) == 1 and "recovery file" in report.warnings[0]


def test_discarding_never_raises_when_the_recovery_file_cannot_be_removed(editing: Workspace, retailer: Path) -> None:
    editing.apply(RenameOrg("Thrown away"))
    recovery.recovery_path(retailer).parent.mkdir(parents=True)
    recovery.recovery_path(retailer).mkdir()
    warning = editing.forget_unsaved()
    assert warning and "recovery file" in warning and not editing.dirty


def test_reload_theirs_removes_the_kept_edits(editing: Workspace, retailer: Path) -> None:
    editing.apply(RenameOrg("Mine, thrown away"))
    editing.keep_unsaved()
    run_in_another_process(COLLEAGUE_SAVES, retailer)
    assert editing.save_risk().kind == "changed"
    fresh = editing.reload_theirs()
    assert recovery.find_recovery(retailer) is None
    assert fresh.org.info.name.startswith("Their ") and locks.read_lock(retailer) is None
    assert isinstance(fresh.take_lock(), LockTaken) and fresh.pending_recovery() is None
    fresh.release_lock()


# -- the one question before a save ------------------------------------------------------


def test_a_same_size_edit_with_its_mtime_restored_is_seen(editing: Workspace, retailer: Path) -> None:
    st = retailer.stat()
    text = retailer.read_text()
    retailer.write_text(text.replace("Nordwind", "Nordw1nd", 1))
    os.utime(retailer, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert retailer.stat().st_size == st.st_size
    risk = editing.save_risk()
    assert risk is not None and risk.kind == "changed" and risk.reason == "was changed by someone else"


def test_a_chmod_is_not_a_change_and_a_deletion_is(editing: Workspace, retailer: Path) -> None:
    os.chmod(retailer, 0o640)
    assert editing.save_risk() is None
    retailer.unlink()
    risk = editing.save_risk()
    assert risk.kind == "deleted" and risk.may_overwrite


def test_a_take_over_names_who_took_it_and_is_told_once(editing: Workspace, retailer: Path) -> None:
    assert editing.check_lock() is None
    run_in_another_process(TAKE_OVER, retailer)
    loss = editing.check_lock()
    assert loss is not None and loss.by is not None and loss.by.user == locks.current_user()
    assert loss.describe().startswith(f"{locks.current_user()} on ") and "took over" in loss.describe()
    assert editing.check_lock() is None  # told once
    risk = editing.save_risk()
    assert risk.kind == "taken-over" and f"being edited by {locks.current_user()}" in risk.reason
    assert editing.recovery_job() is None  # the recovery file is the new editor's now


def test_save_as_proposes_the_file_when_safe_and_a_copy_when_not(editing: Workspace, retailer: Path) -> None:
    plan = editing.plan_save_as()
    assert plan.default == retailer and plan.problem(str(retailer)) is None
    retailer.with_name("other.toml").write_text("x = 1\n")
    assert "exists" in plan.problem(str(retailer.with_name("other.toml")))
    run_in_another_process(COLLEAGUE_SAVES, retailer)
    plan = editing.plan_save_as()
    assert plan.default == retailer.with_name("retailer-copy.toml")
    assert "someone else" in plan.problem(str(retailer))
    assert plan.problem(str(plan.default)) is None


# -- writing -----------------------------------------------------------------------------


def test_a_colleagues_save_inside_the_save_window_is_never_overwritten(
    editing: Workspace, retailer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check before a save is not enough: a write landing while we serialise must be seen."""
    editing.apply(AssignDuty(FEEDBACK, HEAD_CS))
    assert editing.save_risk() is None
    real = saving.org_blocks

    def slow_serialise(org, digest=None, pace=None):
        run_in_another_process(COLLEAGUE_SAVES, retailer)  # their save lands meanwhile
        return real(org, digest, pace)

    monkeypatch.setattr(saving, "org_blocks", slow_serialise)
    with pytest.raises(SaveConflict, match="changed by someone else while you were saving"):
        editing.save()
    assert load_org(retailer).org.info.name.startswith("Their ")
    assert editing.dirty
    assert [p.name for p in retailer.parent.iterdir() if p.name.endswith(".orgtui-tmp")] == []


def test_a_take_over_inside_the_save_window_stops_the_save(
    editing: Workspace, retailer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editing.apply(AssignDuty(FEEDBACK, HEAD_CS))
    before = retailer.read_bytes()
    real = saving.org_blocks

    def slow_serialise(org, digest=None, pace=None):
        run_in_another_process(TAKE_OVER, retailer)
        return real(org, digest, pace)

    monkeypatch.setattr(saving, "org_blocks", slow_serialise)
    with pytest.raises(SaveConflict, match=f"being edited by {locks.current_user()}"):
        editing.save()
    assert retailer.read_bytes() == before


def test_overwrite_replaces_what_the_user_saw_and_nothing_newer(editing: Workspace, retailer: Path) -> None:
    editing.apply(RenameOrg("Mine"))
    run_in_another_process(COLLEAGUE_SAVES, retailer)
    risk = editing.save_risk()
    retailer.write_text(retailer.read_text() + "\n# a third version\n")  # after the question
    with pytest.raises(SaveConflict):
        editing.save(overwrite=risk)
    risk = editing.save_risk()
    editing.save(overwrite=risk)
    assert load_org(retailer).org.info.name == "Mine" and not editing.dirty
    assert editing.save_risk() is None


def test_a_paced_save_calls_its_pace_after_each_block_and_writes_the_same_bytes(
        editing: Workspace, retailer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app passes a pace that lets a key go first; the save calls it between blocks."""
    from orgtui.core.storage import orgfile

    monkeypatch.setattr(orgfile, "BLOCK_CHARS", 512)  # the sample in many blocks
    editing.apply(RenameOrg("Paced"))
    expected = orgfile.dumps_org(editing.org).encode("utf-8")
    job = editing.begin_save()
    calls: list[int] = []
    job.pace = lambda: calls.append(len(calls))
    job.run()
    editing.end_save(job)
    assert job.error is None
    assert retailer.read_bytes() == expected
    assert len(calls) >= len(list(orgfile.org_blocks(editing.org))) - 1 > 5  # between blocks


def test_a_paced_recovery_write_calls_its_pace_between_blocks(
        editing: Workspace, retailer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from orgtui.core.storage import orgfile

    monkeypatch.setattr(orgfile, "BLOCK_CHARS", 512)
    editing.apply(RenameOrg("Kept, paced"))
    calls: list[int] = []
    job = editing.recovery_job(lambda: calls.append(1))
    assert job is not None
    job()
    kept = recovery.find_recovery(retailer)
    assert kept is not None and kept.text == orgfile.dumps_org(editing.org)
    assert len(calls) >= len(list(orgfile.org_blocks(editing.org))) - 1 > 5


def test_a_save_in_a_thread_writes_the_snapshot_and_later_edits_stay_unsaved(editing: Workspace, retailer: Path) -> None:
    editing.apply(RenameOrg("Saved one"))
    job = editing.begin_save()
    editing.apply(RenameOrg("Made while saving"))
    worker = threading.Thread(target=job.run)
    worker.start()
    worker.join()
    editing.end_save(job)
    assert load_org(retailer).org.info.name == "Saved one"
    assert editing.dirty  # the edit made meanwhile is not in the file
    editing.undo()
    assert not editing.dirty
    assert editing.save_risk() is None  # our own save is not "someone else's change"


def test_save_as_keeps_a_relative_catalog_pointing_at_the_same_file_without_changing_the_org(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    (tmp_path / ".git").mkdir()  # one repository: a catalog may lie anywhere inside it (docs/org-file.md)
    shutil.copy(Path(__file__).resolve().parent.parent / "roles.toml", here / "roles.toml")
    org_file = here / "org.toml"
    org_file.write_text((SAMPLES / "online-retailer.toml").read_text().replace('catalog = "builtin"', 'catalog = "roles.toml"'))
    ws = Workspace.open(org_file)
    ws.take_lock()
    ws.apply(RenameOrg("Moved"))
    steps = ws.history.position
    ws.save(there / "org.toml")
    assert 'catalog = "../here/roles.toml"' in (there / "org.toml").read_text()
    assert load_org(there / "org.toml").org.catalog.duties  # the catalog is found from there
    assert ws.org.catalog_ref == "roles.toml" and ws.history.position == steps  # nothing hidden
    ws.apply(RenameOrg("Again"))
    ws.save()
    assert 'catalog = "../here/roles.toml"' in (there / "org.toml").read_text()
    ws.release_lock()


def test_save_as_where_no_lock_can_be_taken_says_it_edits_without_one(editing: Workspace, retailer: Path) -> None:
    target = retailer.with_name("copy.toml")
    locks.lock_path_for(target).mkdir()
    report = editing.save(target)
    assert editing.path == target and not editing.read_only and editing.lock is None
    assert len(report.warnings) == 1 and "without" in report.warnings[0] and "copy.toml" in report.warnings[0]
    assert locks.read_lock(retailer) is None  # the old file is free


def test_save_as_never_replaces_a_file_that_appeared_meanwhile(editing: Workspace, retailer: Path) -> None:
    target = retailer.with_name("new.toml")
    job = editing.begin_save(target)
    target.write_text("theirs\n")
    job.run()
    with pytest.raises(SaveConflict, match="created by someone else"):
        editing.end_save(job)
    assert target.read_text() == "theirs\n" and editing.path == retailer
