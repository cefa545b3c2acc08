"""Opening a file: the lock dialog, then the offer of unsaved edits a crash left behind."""

from __future__ import annotations

from orgtui.core.storage.load_problems import LoadError
from orgtui.core.storage.opening import LockedBy, LockFailed, LockState, RecoveryOffer
from orgtui.core.storage.session import Workspace
from orgtui.ui.flows.host import Host
from orgtui.ui.screens import Choice


def start(host: Host) -> None:
    """Lock the open file (asking when a colleague holds it), then offer kept edits."""
    host.background.watch.start(lambda: host.ws)
    answer(host, host.ws.take_lock())


def switch_to(host: Host, fresh: Workspace) -> None:
    """Leave the open file (its last edits kept, its lock freed) and open `fresh` instead."""
    host.background.keeper.flush(host.ws)
    host.ws.release_lock()
    host.ws = fresh
    host.rebuild()
    host.tell(f"Opened {fresh.path}")
    answer(host, fresh.take_lock())


def answer(host: Host, state: LockState) -> None:
    """Turn what taking the lock found into a question, a message, or nothing."""
    if isinstance(state, LockedBy):
        ask_about_lock(host, state)
        return
    if isinstance(state, LockFailed):
        host.tell(f"Opened read-only: {state.why}", title="No edit lock", severity="warning", timeout=8)
    host.update_title()
    offer_recovery(host)


def ask_about_lock(host: Host, held: LockedBy) -> None:
    ws = host.ws
    name = ws.path.name if ws.path else "This file"

    def choose(choice: str | None) -> None:
        if choice == "take":
            answer(host, ws.take_over(held))  # held by someone new meanwhile: asks again
        elif choice == "read":
            ws.open_read_only()
            host.update_title()
        else:
            host.close()

    host.ask(
        Choice(
            f"{name} is {held.describe()}",
            [
                "Open it read-only to look (you can still ‘Save as’ a copy),",
                "or take over editing: their unsaved changes stay theirs, and their next save will ask them first.",
            ],
            [("read", "Read-only"), ("take", "Take over"), ("quit", "Quit")],
            default="read",
        ),
        choose,
    )


def offer_recovery(host: Host) -> None:
    offer = host.ws.pending_recovery()
    if offer is not None:
        ask_about_recovery(host, offer)


def ask_about_recovery(host: Host, offer: RecoveryOffer) -> None:
    ws = host.ws
    when = offer.saved_at.strftime("%d %b %H:%M")
    lines = [f"orgtui kept unsaved edits to this file from {when} (a closed connection or a crash)."]
    if offer.file_changed:
        lines.append("The file has changed since then; if you restore, saving will ask before it overwrites.")

    def choose(choice: str | None) -> None:
        if choice == "restore":
            restore(host, offer)
        elif choice == "discard":
            warning = ws.forget_unsaved()
            if warning:
                host.tell(warning, severity="warning", timeout=8)
            else:
                host.tell("Discarded the kept edits")
        elif choice == "show":
            host.ask(
                Choice("Kept edits, compared with the file", offer.differences() or ["No differences"],
                       [("restore", "Restore"), ("discard", "Discard"), ("later", "Later")], default="restore"),
                choose,
            )
        # "later" / Esc: keep the recovery file, ask again next time

    host.ask(
        Choice("Restore unsaved edits?", lines,
               [("restore", "Restore"), ("discard", "Discard"), ("show", "Show differences")], default="restore"),
        choose,
    )


def restore(host: Host, offer: RecoveryOffer) -> None:
    try:
        host.ws.restore(offer.found)
    except LoadError as exc:
        host.tell(f"The kept edits cannot be read: {exc}", severity="error", timeout=10)
        return
    host.rebuild()
    host.tell("Restored the unsaved edits; save to keep them", timeout=5)
