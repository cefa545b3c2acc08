"""The cyclic garbage collector runs in the user's pauses, never inside a key.

What opening builds is frozen (`cli/open.py`, `OrgApp.rebuild`), so a collection walks
only what was made since: the edits' records and, for seconds after each edit at 50,000
people, the working copy of the org and the validator the Problems pane's suggestions
compute on. CPython collects whenever enough allocations pile up, in whichever thread
makes them, and a collection holds the interpreter's lock: every thread waits for it. A
session of keys at 50,000 people saw 45 full collections of 10-55 ms in 60 s, most in
the suggestions' worker thread, a few in the UI thread.

So while the app runs the automatic collector is off, and a timer collects in the
pauses: the young generations once the input has been quiet for `YOUNG_QUIET`, all of
them once it has been quiet for `FULL_QUIET` (at most every `FULL_EVERY`). Keys that never
pause (one held down) still get a full collection every `OVERDUE`, and a young one when
`YOUNG_OVERDUE` objects have piled up, so memory stays bounded. Most of what
the app makes is freed by reference counting anyway: the collector only finds cycles
(a few hundred objects per full collection in that session).
"""

from __future__ import annotations

import gc
import time
from typing import Callable

EVERY = 0.1
"""Seconds between two looks at whether to collect."""

YOUNG_QUIET = 0.1
"""Seconds without input before the young generations are collected: a key is drawn by
then, and a person's next key rarely comes within the collection (2-25 ms at 50,000
people); a burst of keys (a name typed into a filter) has no such pause."""

FULL_QUIET = 1.0
"""Seconds without input before a full collection (10-55 ms at 50,000 people)."""

FULL_EVERY = 10.0
"""Seconds at least between two full collections while the user pauses."""

YOUNG_AFTER = 700
"""Objects made (net) since the last young collection below which a look collects nothing
(CPython's own threshold for its youngest generation)."""

OVERDUE = 30.0
"""Seconds after which a full collection runs at the next look, pause or not (a key held
down for minutes must not grow memory without end)."""

YOUNG_OVERDUE = 200_000
"""Objects made (net) since the last young collection above which the young generations
are collected at the next look, pause or not."""


class IdleCollector:
    def __init__(self, last_input: Callable[[], float], now: Callable[[], float] = time.monotonic,
                 collect: Callable[[int], int] = gc.collect,
                 count: Callable[[], tuple[int, int, int]] = gc.get_count) -> None:
        self._last_input = last_input
        self._now = now
        self._collect = collect
        self._count = count
        self._last_full = now()
        self._was_enabled: bool | None = None

    def start(self) -> None:
        """Turn the automatic collector off (until `stop`)."""
        if self._was_enabled is None:
            self._was_enabled = gc.isenabled()
        gc.disable()

    def stop(self) -> None:
        """Give the process its automatic collector back, as it was before `start`."""
        if self._was_enabled:
            gc.enable()
        self._was_enabled = None

    def tick(self) -> int | None:
        """Collect if the input allows; the generation collected, or None."""
        now = self._now()
        quiet = now - self._last_input()
        since_full = now - self._last_full
        made = self._count()[0]
        if since_full >= OVERDUE or (quiet >= FULL_QUIET and since_full >= FULL_EVERY):
            generation = 2
        elif (quiet >= YOUNG_QUIET and made >= YOUNG_AFTER) or made >= YOUNG_OVERDUE:
            generation = 1
        else:
            return None
        self._collect(generation)
        if generation == 2:
            self._last_full = now
        return generation
