"""The Problems pane's inline suggestions: worked out beside the UI, for the rows on screen.

A duty problem's top suggestion tries candidates on a validator (about 0.1 s an unowned
duty, up to a second a duty split between 4,000 positions at 50,000 people), and any edit
may change it. There is no size above which the pane stops hinting: the duties of one run
share what is known about every position (`suggest.hints`). Worked out on the UI thread after every edit, they
held up the next key by a second. So only the duties whose rows are on screen are asked
for, and a worker thread answers them on a copy of the org and validator taken at the
org's version; each answer comes back as a message and is dropped when the org has
changed since (the rows still on screen are then asked for again). Until its answer
comes, a row keeps the suggestion it had. The worker also steps aside while the user types
or clicks (QUIET): it shares the interpreter's lock with the UI, and a key that had to
share it took twice as long. An answer also says what it depends on
(`hint_inputs`): an edit that changes none of that keeps it, so after a typical edit only
the few duties it concerns (and the unowned ones) are worked out again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from textual.message import Message
from textual.worker import get_current_worker

from orgtui.core.domain.org import Org, OrgInfo
from orgtui.core.domain.validator import Validator
from orgtui.core.storage.session import Workspace
from orgtui.ui.input_clock import InputClock

if TYPE_CHECKING:
    from textual.widget import Widget

    from orgtui.core.domain.affected import Affected

GROUP = "problem-hints"
QUIET = 0.3  # seconds without input before the worker goes on (a key is handled and drawn by then)



# The suggestions (core/domain/suggest.py and the edits it tries) are imported by the worker
# the first time it asks, beside the UI, not at every start.
def hints(org: Org, validator: Validator, duties: Iterable[str],
          between: Callable[[], None] | None = None) -> Iterator[tuple[str, str | None]]:
    from orgtui.core.domain import suggest

    return suggest.hints(org, validator, duties, between)


def hint_inputs(org: Org, duty: str) -> frozenset[tuple[str, str]] | None:
    from orgtui.core.domain import suggest

    return suggest.hint_inputs(org, duty)

class _Stale(Exception):
    """The org moved on while a duty was being worked out."""


class HintFound(Message):
    """A duty's top suggestion, worked out for one version of one workspace's org."""

    def __init__(self, ws: Workspace, version: int, duty: str, text: str,
                 inputs: frozenset[tuple[str, str]] | None) -> None:
        super().__init__()
        self.ws, self.version, self.duty, self.text, self.inputs = ws, version, duty, text, inputs


class HintsDone(Message):
    """The worker has stopped (finished, or found its org out of date)."""


class Hints:
    """The suggestions a pane shows, and the one worker that works them out."""

    def __init__(self, pane: Widget, changed: Callable[[str], None]) -> None:
        self._pane = pane
        self._changed = changed  # redraw the rows of a duty whose suggestion changed
        self._text: dict[str, str] = {}
        self._version: dict[str, int] = {}  # duty -> the org version its text holds for
        self._inputs: dict[str, frozenset[tuple[str, str]] | None] = {}  # duty -> what its text depends on
        self._info: OrgInfo | None = None  # the org settings they were worked out under
        self._seen = -1  # the org version the pane last followed (an edit may apply several)
        self._running = False

    def text(self, duty: str) -> str:
        return self._text.get(duty, "")

    def forget(self) -> None:
        """A new workspace: nothing shown is about it (a running worker's answers are
        dropped, as they name the old workspace)."""
        self._text.clear()
        self._version.clear()
        self._inputs.clear()
        self._info = None
        self._seen = -1

    def follow(self, ws: Workspace, affected: Affected | None) -> None:
        """After an edit: a suggestion whose inputs it left alone still holds (for the new
        version); the others are out of date (and shown until their new answer comes)."""
        version = ws.org.version
        settings_changed = ws.org.info is not self._info
        seen, self._seen = self._seen, version
        for duty, held in list(self._version.items()):
            if held != seen:
                continue  # already out of date
            inputs = self._inputs.get(duty)
            if affected is None or settings_changed or inputs is None or not inputs.isdisjoint(affected.rows):
                continue
            self._version[duty] = version

    def want(self, ws: Workspace, duties: Iterable[str]) -> None:
        """Work out these duties' suggestions for the org as it is now, unless known."""
        version = ws.org.version
        wanted = [d for d in dict.fromkeys(duties) if self._version.get(d) != version]
        if not wanted or self._running:
            return  # a running worker's end asks again for what is then on screen
        org = ws.org.working_copy()  # taken now, on the UI thread: the worker reads only these
        # Handed over in a box the worker empties: Textual's worker object is in a
        # reference cycle and lives until a full collection (seconds, in the pauses: see
        # ui/collector.py), and the copies (~4 MiB at 50,000 people) must not live with it
        copies = [(org, ws.validator.fork(org))]
        self._running = True
        clock = getattr(self._pane.app, "input_clock", None) or InputClock()
        self._pane.run_worker(
            lambda: self._work(ws, version, copies, wanted, clock), group=GROUP, thread=True, exit_on_error=False,
        )

    def _work(self, ws: Workspace, version: int, copies: list[tuple[Org, Validator]], duties: list[str],
              clock: InputClock) -> None:
        """In the worker thread: one answer per duty, until the org moves on."""
        org, validator = copies.pop()
        worker = get_current_worker()

        def between() -> None:
            clock.wait_quiet(QUIET, lambda: worker.is_cancelled)
            if worker.is_cancelled or ws.org.version != version:
                raise _Stale  # out of date: what is on screen then is asked for anew

        try:
            between()
            for duty, text in hints(org, validator, duties, between):
                self._pane.post_message(HintFound(ws, version, duty, text or "", hint_inputs(org, duty)))
                between()
        except _Stale:
            pass
        finally:
            self._pane.post_message(HintsDone())

    def found(self, message: HintFound, ws: Workspace | None) -> None:
        if message.ws is not ws or ws is None or message.version != ws.org.version:
            return  # about another workspace or an older org: never shown
        self._version[message.duty] = message.version
        self._inputs[message.duty] = message.inputs
        self._info = ws.org.info
        self._seen = message.version
        if self._text.get(message.duty, "") != message.text:
            self._text[message.duty] = message.text
            self._changed(message.duty)

    def done(self) -> None:
        self._running = False
