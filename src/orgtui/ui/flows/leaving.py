"""Leaving: quit (asking about unsaved changes), hang-up, and the last steps on any exit."""

from __future__ import annotations

import asyncio
import signal

from orgtui.core.i18n import _
from orgtui.core.storage.atomic import SaveError
from orgtui.core.storage.saving import SaveJob
from orgtui.ui.flows import files
from orgtui.ui.flows.host import Host

HANG_UP_CODE = 129  # 128 + SIGHUP, as a shell reports it


def quit_app(host: Host) -> None:
    """ctrl+q: a running save is finished first; unsaved changes are asked about."""
    writer = host.background.writer
    if writer.busy:
        host.tell(_("Waiting for the save to finish…"), timeout=2)
        writer.after(lambda: quit_app(host))
        return
    if not host.ws.dirty:
        host.close()
        return
    warnings: list[str] = []
    files.ask_unsaved(host, lambda: host.close(message="\n".join(warnings) or None), _("Save them before you quit?"),
                      warnings.append)


def install_signal_handlers(host: Host) -> None:
    try:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(sig, lambda: hang_up(host))
    except (NotImplementedError, RuntimeError, ValueError):
        pass  # not the main thread (tests) or not a POSIX loop: nothing to install


def hang_up(host: Host) -> None:
    """The terminal is gone (or we are told to stop): finish a running save, keep the
    unsaved edits, free the file, exit."""
    background = host.background
    background.writer.wait_now(lambda job: take_back_quietly(host, job))
    background.keeper.cancel()
    background.watch.stop()
    host.ws.hang_up()
    host.close(HANG_UP_CODE)


def leave(host: Host) -> None:
    """On any exit: a running save is written first; the last edits are kept; the lock goes."""
    background = host.background
    background.writer.wait_now(lambda job: take_back_quietly(host, job))
    background.watch.stop()
    background.keeper.flush(host.ws)  # a clean quit saved or discarded: then this writes nothing
    host.ws.release_lock()


def take_back_quietly(host: Host, job: SaveJob) -> None:
    """A save that finished while the app is leaving: what it wrote counts as saved (so the
    recovery kept on leaving is right); a failed one leaves the edits unsaved, to be kept."""
    try:
        host.ws.end_save(job)
    except SaveError:
        pass
