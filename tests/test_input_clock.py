"""Work beside the UI steps aside for keys: the pause a save calls between its blocks."""

from __future__ import annotations

from orgtui.ui.input_clock import step_aside


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_no_recent_key_no_pause() -> None:
    clock = FakeTime()
    pause = step_aside(lambda: clock.now - 1.0, quiet=0.05, now=lambda: clock.now, sleep=clock.sleep)
    pause()
    assert clock.slept == []


def test_a_key_just_typed_is_given_the_quiet_it_needs() -> None:
    clock = FakeTime()
    last_key = clock.now - 0.01  # 10 ms ago
    pause = step_aside(lambda: last_key, quiet=0.05, now=lambda: clock.now, sleep=clock.sleep)
    pause()
    assert clock.slept == [0.04] and clock.now - last_key >= 0.05 - 1e-9


def test_keys_that_keep_coming_never_hold_the_work_beyond_its_budget() -> None:
    clock = FakeTime()
    pause = step_aside(lambda: clock.now, quiet=0.05, budget=0.12, now=lambda: clock.now, sleep=clock.sleep)
    for _ in range(10):
        pause()  # a key held down: input is always "just now"
    assert round(sum(clock.slept), 6) == 0.12
