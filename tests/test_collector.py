"""The collector runs in the user's pauses: its policy with a clock of our own, and the
app that keeps Python's automatic collector off while it runs."""

from __future__ import annotations

import gc
from pathlib import Path

from pilot_steps import settle

from orgtui.core.storage.session import Workspace
from orgtui.ui import collector
from orgtui.ui.app import OrgApp
from orgtui.ui.collector import IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.last_key = 100.0
        self.made = 1000  # objects made since the last young collection

    def collector(self) -> tuple[IdleCollector, list[int]]:
        done: list[int] = []

        def collect(generation: int) -> int:
            done.append(generation)
            self.made = 0
            return 0

        return IdleCollector(lambda: self.last_key, lambda: self.now, collect, lambda: (self.made, 0, 0)), done


def test_nothing_is_collected_while_keys_keep_coming_then_the_young_in_the_first_pause() -> None:
    clock = Clock()
    idle, done = clock.collector()
    for _ in range(20):  # a key every 50 ms: a burst
        clock.now += 0.05
        clock.last_key = clock.now
        assert idle.tick() is None
    clock.now += collector.YOUNG_QUIET + 0.01
    assert idle.tick() == 1
    assert done == [1]
    clock.now += collector.EVERY
    assert idle.tick() is None  # nothing made since: nothing to collect
    assert done == [1]


def test_a_full_collection_waits_for_a_longer_pause_and_then_not_again_for_a_while() -> None:
    clock = Clock()
    idle, done = clock.collector()
    clock.now += collector.FULL_EVERY  # long enough since the start
    clock.last_key = clock.now - collector.FULL_QUIET / 2
    assert idle.tick() == 1  # quiet, not long enough for a full one
    clock.now += collector.FULL_QUIET
    clock.made = 1000
    assert idle.tick() == 2
    clock.now += 1.0
    clock.made = 1000
    assert idle.tick() == 1  # just had one
    assert done == [1, 2, 1]


def test_keys_that_never_pause_long_still_get_a_full_collection_when_it_is_overdue() -> None:
    clock = Clock()
    idle, done = clock.collector()
    while clock.now < 100.0 + collector.OVERDUE + 1:
        clock.now += 0.3  # a key every 0.3 s: young collections in between, never a long pause
        clock.last_key = clock.now - collector.YOUNG_QUIET - 0.01
        clock.made = 1000
        idle.tick()
    assert done.count(2) == 1 and set(done) == {1, 2}


def test_a_key_held_down_never_pauses_and_still_gets_collections_that_bound_memory() -> None:
    clock = Clock()
    idle, done = clock.collector()
    while clock.now < 100.0 + collector.OVERDUE + 1:
        clock.now += collector.EVERY
        clock.last_key = clock.now - 0.03  # auto-repeat: a key every 30 ms
        clock.made += 20_000
        idle.tick()
    assert done.count(2) == 1  # overdue
    assert done.count(1) >= 1  # the young generations grew past YOUNG_OVERDUE meanwhile
    assert clock.made < collector.YOUNG_OVERDUE + 20_000


def test_start_turns_the_automatic_collector_off_and_stop_gives_it_back() -> None:
    assert gc.isenabled()
    idle = IdleCollector(lambda: 0.0)
    idle.start()
    try:
        assert not gc.isenabled()
    finally:
        idle.stop()
    assert gc.isenabled()


async def test_while_the_app_runs_every_collection_is_the_collectors_in_a_pause(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer))
    seen: list[bool] = []
    watching = [False]  # from the first frame on: the app starts with Python's collector

    def watch(phase: str, info: dict) -> None:
        if phase == "start" and watching[0]:
            seen.append(ours[0])

    gc.callbacks.append(watch)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert not gc.isenabled()
            ours = [False]  # true while the app's collector is collecting
            collect = app.collector._collect

            def collect_ours(generation: int) -> int:
                ours[0] = True
                try:
                    return collect(generation)
                finally:
                    ours[0] = False

            app.collector._collect = collect_ours
            watching[0] = True
            for _ in range(6):  # edits, pickers, undo: plenty of objects made
                await pilot.press("n", "m", *"teamlead", "enter", "ctrl+z", "ctrl+y", "ctrl+z", "2", "down", "1")
                await settle(pilot)
            garbage = []
            for _ in range(5000):
                cycle: list = []
                cycle.append(cycle)
                garbage.append(cycle)
            del garbage, cycle
            await pilot.pause(collector.YOUNG_QUIET + 3 * collector.EVERY)
            await settle(pilot)
            assert seen and all(seen), f"{seen.count(False)} of {len(seen)} collections ran outside a pause"
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(watch)


async def test_the_suggestions_copies_of_the_org_are_freed_when_their_worker_ends(retailer: Path, monkeypatch) -> None:
    # the collector runs only in pauses: what a finished worker held must not wait for it
    import weakref

    from orgtui.core.domain.org import Org

    copies: list[weakref.ref] = []
    real = Org.working_copy

    def working_copy(self: Org) -> Org:
        made = real(self)
        copies.append(weakref.ref(made))
        return made

    monkeypatch.setattr(Org, "working_copy", working_copy)
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.collector.tick = lambda: None  # no collection at all in this story
        await pilot.press("2", "down", "down", "down", "x")  # a duty of the Managing Director unassigned
        await settle(pilot)
        for _ in range(50):
            await pilot.pause(0.05)
            if copies and not app.problems._hints._running:
                break
        await settle(pilot)
        assert copies, "no suggestions were worked out"
        assert not app.problems._hints._running
        assert [ref() for ref in copies] == [None] * len(copies)
