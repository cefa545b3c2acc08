"""Never lose an edit, never overwrite a colleague: the app's side of it.

On start: take the file's edit lock (asking what to do when a colleague holds it) and
offer to restore unsaved edits that a dropped connection or crash left behind. While
editing: keep the unsaved state in a recovery file, a second after the last edit. On
SIGHUP (the SSH connection dropped) or SIGTERM: write that file, release the lock, exit.
"""

from __future__ import annotations

import asyncio
import signal
from typing import TYPE_CHECKING

from orgtui.core.storage import lock as locks
from orgtui.core.storage import recovery
from orgtui.core.storage.orgfile import dumps_org
from orgtui.core.text import visible
from orgtui.ui.screens import Choice

if TYPE_CHECKING:
    from orgtui.ui.app import OrgApp

RECOVERY_DELAY = 1.0  # seconds after the last edit; a burst of edits writes once


def start(app: OrgApp) -> None:
    """Lock the file, then look for unsaved edits; each may ask the user first."""
    install_signal_handlers(app)
    if app.ws.path is None or not app.take_locks:
        offer_recovery(app)
        return
    try:
        app.ws.take_lock()
    except locks.LockedError as exc:
        ask_about_lock(app, exc)
        return
    except locks.LockUnavailable as exc:
        app.ws.read_only = True
        app.update_title()
        app.notify(visible(f"Opened read-only: {exc}"), title="No edit lock", severity="warning", markup=False, timeout=8)
    offer_recovery(app)


def ask_about_lock(app: OrgApp, exc: locks.LockedError) -> None:
    name = app.ws.path.name if app.ws.path else "This file"

    def choose(choice: str | None) -> None:
        if choice == "take":
            try:
                app.ws.take_lock(take_over=exc.info)
            except locks.LockedError as again:
                ask_about_lock(app, again)  # someone else got it meanwhile: ask again
                return
            except locks.LockUnavailable as failed:
                app.ws.read_only = True
                app.notify(visible(str(failed)), severity="warning", markup=False)
        elif choice == "read":
            app.ws.read_only = True
        else:
            app.exit()
            return
        app.update_title()
        offer_recovery(app)

    app.push_screen(
        Choice(
            f"{name} is {exc.describe()}",
            [
                "Open it read-only to look (you can still ‘Save as’ a copy),",
                "or take over editing: their unsaved changes stay theirs, and their next save will ask them first.",
            ],
            [("read", "Read-only"), ("take", "Take over"), ("quit", "Quit")],
            default="read",
        ),
        choose,
    )


def offer_recovery(app: OrgApp) -> None:
    ws = app.ws
    if ws.source is None or ws.read_only:
        return  # read-only: the kept edits may be those of the session holding the lock
    found = recovery.find_recovery(ws.source)
    if found is None:
        return
    current = dumps_org(ws.org)
    if found.text == current:
        recovery.discard_recovery(ws.source)
        return
    when = found.saved_at.strftime("%d %b %H:%M")
    lines = [f"orgtui kept unsaved edits to this file from {when} (a closed connection or a crash)."]
    if found.org_changed():
        lines.append("The file has changed since then; if you restore, saving will ask before it overwrites.")

    def choose(choice: str | None) -> None:
        if choice == "restore":
            restore(app, found)
        elif choice == "discard":
            recovery.discard_recovery(ws.source)
            app.notify("Discarded the kept edits", timeout=3)
        elif choice == "show":
            changes = recovery.differences(current, found.text, ws.source)
            app.push_screen(
                Choice("Kept edits, compared with the file", changes or ["No differences"],
                       [("restore", "Restore"), ("discard", "Discard"), ("later", "Later")], default="restore"),
                choose,
            )
        # "later" / Esc: keep the recovery file, ask again next time

    app.push_screen(
        Choice("Restore unsaved edits?", lines,
               [("restore", "Restore"), ("discard", "Discard"), ("show", "Show differences")], default="restore"),
        choose,
    )


def restore(app: OrgApp, found: recovery.Recovery) -> None:
    from orgtui.core.storage.problems import LoadError

    try:
        app.ws.restore(found)
    except LoadError as exc:
        app.notify(visible(f"The kept edits cannot be read: {exc}"), severity="error", markup=False)
        return
    app.rebuild()
    app.notify("Restored the unsaved edits; save to keep them", timeout=5)


# -- while editing ---------------------------------------------------------------------


def edited(app: OrgApp) -> None:
    """Called after every edit, undo and redo: keep the unsaved state soon."""
    if app.recovery_timer is not None:
        app.recovery_timer.stop()
    app.recovery_timer = app.set_timer(RECOVERY_DELAY, lambda: keep_unsaved(app, background=True))


def keep_unsaved(app: OrgApp, background: bool = False) -> None:
    """Write the recovery file for the state as it is now.

    In the background (after edits) the snapshot is serialised and written in a thread, so
    a 5,000-person org does not freeze the screen for the ~70 ms it takes; on exit it is
    written before returning. A lock and a serial number make sure an older state never
    lands after a newer one.
    """
    app.recovery_timer = None
    job = app.ws.recovery_job()
    if job is None:
        return
    app.recovery_serial += 1
    serial = app.recovery_serial

    def run() -> None:
        with app.recovery_lock:
            if serial != app.recovery_serial:
                return  # a newer state is on its way
            try:
                job()
            except recovery.RecoveryError as exc:
                if background:
                    app.call_from_thread(warn, app, exc)
                else:
                    warn(app, exc)

    if background:
        app.run_worker(run, thread=True, group="recovery", exit_on_error=False)
    else:
        run()


def warn(app: OrgApp, exc: Exception) -> None:
    if not app.recovery_warned:
        app.recovery_warned = True
        app.notify(visible(str(exc)), title="Unsaved edits are not being kept", severity="warning", markup=False)


# -- leaving ---------------------------------------------------------------------------


def install_signal_handlers(app: OrgApp) -> None:
    try:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(sig, lambda: hang_up(app))
    except (NotImplementedError, RuntimeError, ValueError):
        pass  # not the main thread (tests) or not a POSIX loop: nothing to install


def hang_up(app: OrgApp) -> None:
    """The terminal is gone (or we are told to stop): keep the edits, free the file, exit."""
    keep_unsaved(app)
    app.ws.release_lock()
    app.exit(return_code=129)


def leave(app: OrgApp) -> None:
    """On any exit: a clean quit has already saved or discarded; the lock is released."""
    if app.recovery_timer is not None:
        app.recovery_timer.stop()
        keep_unsaved(app)  # the last edits, written now (after any write still running)
    app.ws.release_lock()
