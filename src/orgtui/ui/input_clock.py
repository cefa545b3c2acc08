"""When the user last pressed a key or used the mouse: work beside the UI waits for a pause.

Threads share the interpreter's lock with the UI thread, so a key handled while a worker
computes takes about twice as long. A worker that can wait (the Problems pane's
suggestions) asks `quiet_for` before each step. Read from other threads: a float is
replaced whole.
"""

from __future__ import annotations

import time
from typing import Callable


class InputClock:
    def __init__(self) -> None:
        self.last = 0.0  # time.monotonic() of the last key or mouse event

    def touch(self) -> None:
        self.last = time.monotonic()

    def wait_quiet(self, seconds: float, give_up: Callable[[], bool]) -> None:
        """Block (in a worker thread) until no input came for `seconds`, or `give_up()`."""
        while (wait := seconds - (time.monotonic() - self.last)) > 0 and not give_up():
            time.sleep(wait)


STEP_ASIDE_QUIET = 0.05
"""A worker that must finish (a save) pauses until the input has been quiet this long: a
key costs ~10 ms, and a key handled while the save serialises took 45-80 ms, not 9."""

STEP_ASIDE_BUDGET = 3.0
"""At most this long in all, so a save under a held-down key still ends."""


def step_aside(last_input: Callable[[], float], quiet: float = STEP_ASIDE_QUIET, budget: float = STEP_ASIDE_BUDGET,
               now: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> Callable[[], None]:
    """A pause for a worker to call between its steps: it returns at once unless a key or
    mouse event came within `quiet` seconds, then waits for that much quiet, never more
    than `budget` seconds over all its calls."""
    left = [budget]

    def pause() -> None:
        # less than a millisecond of quiet still to wait is none (and a float's last bits
        # can never make this loop spin)
        while left[0] > 0 and (wait := quiet - (now() - last_input())) >= 0.001:
            wait = min(wait, left[0])
            sleep(wait)
            left[0] -= wait

    return pause
