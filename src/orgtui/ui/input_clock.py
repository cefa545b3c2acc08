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
