"""Leaving: quit (asking about unsaved changes), hang-up, and the last steps on any exit."""

from __future__ import annotations

import asyncio
import os
import select
import signal
import sys
from collections.abc import Callable

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


TERMINAL_CHECK = 1.0  # seconds between looks at the terminal (watch_terminal)


def watch_terminal(host: Host, every: Callable[[float, Callable[[], None]], object]) -> None:
    """Hang up when the terminal goes away without a SIGHUP.

    A process that is not in its terminal's session (started with `setsid`, by some job
    runners and test harnesses) gets no SIGHUP when the terminal closes. Textual then reads
    nothing from it at full speed, forever: measured, an orphaned orgtui used 85-90 % of a
    CPU for an hour and kept the file's lock. The terminal's end shows as a hang-up on its
    input; `every(seconds, check)` runs the check (the app's `set_interval`).
    """
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
    except (OSError, ValueError):
        return
    if fd < 0 or not os.isatty(fd):
        return
    gone = [False]

    def check() -> None:
        if not gone[0] and terminal_hung_up(fd):
            gone[0] = True
            hang_up(host)

    every(TERMINAL_CHECK, check)


def terminal_hung_up(fd: int) -> bool:
    """True when the terminal on `fd` has closed (its pseudo-terminal's other end is gone)."""
    poller = select.poll()
    try:
        poller.register(fd, select.POLLIN)
        events = poller.poll(0)
    except (OSError, ValueError):
        return True  # the descriptor itself is gone
    return any(mask & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _fd, mask in events)


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
