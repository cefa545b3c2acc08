"""Opening a file: the lock dialog, then the offer of unsaved edits a crash left behind."""

from __future__ import annotations

from orgtui.core.i18n import _, language
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
    host.say(_("Opened {file}").format(file=fresh.path))
    answer(host, fresh.take_lock())


def answer(host: Host, state: LockState) -> None:
    """Turn what taking the lock found into a question, a message, or nothing."""
    if isinstance(state, LockedBy):
        ask_about_lock(host, state)
        return
    if isinstance(state, LockFailed):
        host.tell(_("Opened read-only: {why}").format(why=state.why), title=_("No edit lock"), severity="warning", timeout=8)
    host.update_title()
    offer_recovery(host)


def ask_about_lock(host: Host, held: LockedBy) -> None:
    ws = host.ws
    name = ws.path.name if ws.path else _("This file")

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
            _("{file} is {holder}").format(file=name, holder=held.describe()),
            [
                _("Open it read-only to look (you can still ‘Save as’ a copy),"),
                _("or take over editing: their unsaved changes stay theirs, and their next save will ask them first."),
            ],
            [("read", _("Read-only")), ("take", _("Take over")), ("quit", _("Quit"))],
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
    when = offer.saved_at.strftime("%d.%m. %H:%M" if language() == "de" else "%d %b %H:%M")
    lines = [_("orgtui kept unsaved edits to this file from {when} (a closed connection or a crash).").format(when=when)]
    if offer.file_changed:
        lines.append(_("The file has changed since then; if you restore, saving will ask before it overwrites."))

    def choose(choice: str | None) -> None:
        if choice == "restore":
            restore(host, offer)
        elif choice == "discard":
            warning = ws.forget_unsaved()
            if warning:
                host.tell(warning, severity="warning", timeout=8)
            else:
                host.say(_("Discarded the kept edits"))
        elif choice == "show":
            host.ask(
                Choice(_("Kept edits, compared with the file"), offer.differences() or [_("No differences")],
                       [("restore", _("Restore")), ("discard", _("Discard")), ("later", _("Later"))], default="restore"),
                choose,
            )
        # "later" / Esc: keep the recovery file, ask again next time

    host.ask(
        Choice(_("Restore unsaved edits?"), lines,
               [("restore", _("Restore")), ("discard", _("Discard")), ("show", _("Show differences"))], default="restore"),
        choose,
    )


def restore(host: Host, offer: RecoveryOffer) -> None:
    try:
        host.ws.restore(offer.found)
    except LoadError as exc:
        host.tell(_("The kept edits cannot be read: {reason}").format(reason=exc), severity="error", timeout=10)
        return
    host.rebuild()
    host.tell(_("Restored the unsaved edits; save to keep them"), timeout=5)
