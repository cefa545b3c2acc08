"""What runs beside the UI: the save writer, the recovery keeper and the lock watch.

A save serialises a snapshot and writes it in a thread, so a 50,000-person org never
freezes the screen; a second save (or a quit) waits for the running one. Unsaved edits are
kept in a recovery file a second after the last edit once the keys have paused, also in
a thread. The lock is checked
every few seconds (a stat and a 200-byte read), so a take-over is told within seconds.

Everything here is called on the app's event loop; threads hand their results back to it.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from typing import TYPE_CHECKING, Callable

from orgtui.core.i18n import _
from orgtui.core.storage import recovery
from orgtui.core.storage.opening import LockLoss
from orgtui.core.storage.saving import SaveJob
from orgtui.core.storage.session import Workspace
from orgtui.ui.input_clock import step_aside

if TYPE_CHECKING:
    from orgtui.ui.flows.host import Host

RECOVERY_DELAY = 1.0  # seconds after the last edit; a burst of edits writes once
RECOVERY_QUIET = 1.0
"""...and seconds without a key or a mouse event: the write (a 16 MB serialisation at 50,000
people, in a thread that shares the interpreter with the UI) does not run under the keys of
someone still working. Vim writes its swap file after 4 s without typing."""
RECOVERY_LATEST = 10.0
"""Seconds after the first edit not kept when it is kept however busy the keys are."""
LOCK_POLL = 3.0  # seconds between looks at our lock
SAVE_JOIN = 120.0  # seconds an exit waits for a running save before giving up on it


def _call_soon(loop: asyncio.AbstractEventLoop, fn: Callable[[], None], context: contextvars.Context) -> None:
    # In the loop's context (Textual's active app lives in a context variable), not the thread's.
    try:
        loop.call_soon_threadsafe(fn, context=context)
    except RuntimeError:
        pass  # the loop is closed: the app is gone and its exit already waited for us


class Writer:
    """Runs one save job at a time in a thread; what comes after waits for it."""

    def __init__(self, last_input: Callable[[], float] = lambda: 0.0) -> None:
        self._last_input = last_input  # time.monotonic() of the last key or mouse event
        self._job: SaveJob | None = None
        self._done: Callable[[SaveJob], None] | None = None
        self._after: list[Callable[[], None]] = []
        self._queued: set[str] = set()  # names of `once` requests waiting in _after
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, job: SaveJob, done: Callable[[SaveJob], None]) -> None:
        """Write in a thread; `done(job)` then runs on the event loop."""
        if self._job is not None:
            raise RuntimeError(_("a save is already running"))
        loop, context = asyncio.get_running_loop(), contextvars.copy_context()
        self._job, self._done = job, done
        self._idle.clear()
        job.pace = step_aside(self._last_input)  # a key typed during the save goes first

        def work() -> None:
            job.run()
            _call_soon(loop, lambda: self._finish(job), context)

        threading.Thread(target=work, name="orgtui-save", daemon=True).start()

    def after(self, then: Callable[[], None], once: str | None = None) -> None:
        """Run `then` once no save is running (now, if none is). With `once`, a second
        request of the same name while the first still waits is dropped."""
        if self._job is None:
            then()
        elif once is None or once not in self._queued:
            self._after.append(then)
            if once is not None:
                self._queued.add(once)

    def wait_now(self, taken_back: Callable[[SaveJob], None]) -> None:
        """Block until a running save is written, then hand it to `taken_back` instead of
        the usual follow-up (on exit and hang-up: no dialog can be shown any more). What
        was queued after it is dropped: the app is leaving."""
        job = self._job
        if job is None:
            return
        job.done.wait(SAVE_JOIN)
        self._after.clear()
        self._queued.clear()
        if job.done.is_set():
            self._done = taken_back
            self._finish(job)

    async def idle(self) -> None:
        """Until no save is running (for tests and the quit flow)."""
        while self._job is not None:
            await self._idle.wait()

    def _finish(self, job: SaveJob) -> None:
        if self._job is not job:
            return  # already taken back by wait_now
        done = self._done
        self._job, self._done = None, None
        try:
            if done is not None:
                done(job)
        finally:
            queued, self._after = self._after, []
            self._queued.clear()
            self._idle.set()
            for then in queued:
                self.after(then)  # a queued save may start a new job: the rest wait for it


class Keeper:
    """Keeps the unsaved state in a recovery file, a second after the last edit once the
    keys have paused for a second, and at most RECOVERY_LATEST seconds after an edit."""

    def __init__(self, warn: Callable[[str], None], last_input: Callable[[], float] = lambda: 0.0) -> None:
        self._warn = warn
        self._last_input = last_input  # time.monotonic() of the last key or mouse event
        self._timer: asyncio.TimerHandle | None = None
        self._warned = False
        self._since: float | None = None  # when the first edit not kept yet was made

    def edited(self, ws: Workspace) -> None:
        """After every edit, undo, redo and save: keep the state soon."""
        self.cancel()
        if self._since is None:
            self._since = time.monotonic()
        self._timer = asyncio.get_running_loop().call_later(RECOVERY_DELAY, self._due, ws)

    def _due(self, ws: Workspace) -> None:
        now = time.monotonic()
        busy_for = RECOVERY_QUIET - (now - self._last_input())
        latest_in = RECOVERY_LATEST - (now - (self._since if self._since is not None else now))
        if busy_for > 0 and latest_in > 0:  # keys are coming: wait for a pause, not forever
            self._timer = asyncio.get_running_loop().call_later(min(busy_for, latest_in), self._due, ws)
            return
        self.keep(ws, True)

    def cancel(self) -> bool:
        """Stop a pending keep; True if one was pending."""
        pending = self._timer is not None
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        return pending

    def flush(self, ws: Workspace) -> None:
        """On leaving a file: write what a pending keep would have written, now."""
        if self.cancel():
            self.keep(ws)

    def keep(self, ws: Workspace, background: bool = False) -> None:
        """Write the recovery file for the state as it is now: in a thread after edits (a
        5,000-person org takes ~70 ms), before returning on exit."""
        self._timer = None
        self._since = None
        loop = asyncio.get_running_loop() if background else None
        # in a thread, a key typed meanwhile goes first; on exit nobody is waiting for keys
        job = ws.recovery_job(step_aside(self._last_input) if loop is not None else None)
        if job is None:
            return
        context = contextvars.copy_context()

        def run() -> None:
            try:
                job()
            except Exception as exc:  # noqa: BLE001 - RecoveryError, or any surprise: told, never a traceback
                message = str(exc) if isinstance(exc, recovery.RecoveryError) else _("cannot keep unsaved edits: {reason}").format(reason=exc)
                if loop is not None:
                    _call_soon(loop, lambda: self._warn_once(message), context)
                else:
                    self._warn_once(message)

        if loop is not None:
            threading.Thread(target=run, name="orgtui-recovery", daemon=True).start()
        else:
            run()

    def _warn_once(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            self._warn(message)


class Watch:
    """Looks at our lock every few seconds and tells once when someone took it over."""

    def __init__(self, told: Callable[[LockLoss], None]) -> None:
        self._told = told
        self._timer: asyncio.TimerHandle | None = None

    def start(self, workspace: Callable[[], Workspace]) -> None:
        self.stop()
        loop = asyncio.get_running_loop()

        def tick() -> None:
            try:
                loss = workspace().check_lock()
            except Exception:  # noqa: BLE001 - a look that failed is tried again next time
                loss = None
            if loss is not None:
                self._told(loss)
            self._timer = loop.call_later(LOCK_POLL, tick)

        self._timer = loop.call_later(LOCK_POLL, tick)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


class Background:
    """The three of them, one set per app."""

    def __init__(self, host: Host) -> None:
        def warn(message: str) -> None:
            host.tell(message, title=_("Unsaved edits are not being kept"), severity="warning", timeout=10)

        def lock_lost(loss: LockLoss) -> None:
            host.tell(loss.describe(), title=_("Taken over"), severity="warning", timeout=20)
            host.update_title()

        def last_input() -> float:
            return host.input_clock.last

        self.writer = Writer(last_input)
        self.keeper = Keeper(warn, last_input)
        self.watch = Watch(lock_lost)
