"""Saving a large org, split as the issue asks: the write next to writing the same bytes
once, and the serialisation next to `tomli_w.dumps` of the same data.

    .venv/bin/python benchmarks/save_speed.py --people 50000 --runs 7

In one process, on a generated org (seed 1) in a temporary folder, each run in turn (so the
machine's drift hits all of them alike):

- `save`: `save_org`, what the save job runs in its thread: the org serialised block by
  block into a temporary file, fsynced, renamed over the file, the folder fsynced.
- `write`: `atomic_write` of the bytes `save` wrote, already in memory: the write path
  alone (temporary file, fsync, rename, folder fsync, the stale-temp sweep).
- `write floor`: the same bytes written to a new file and fsynced once (open, write,
  fsync, close; the previous one is removed before the clock starts): what any editor
  that keeps the data must at least do. `overwrite`: the same into the existing file
  (truncated), for reference: what an editor that does not write atomically does.
- `serialise`: `b"".join(org_blocks(org))`, orgtui's layout as UTF-8;
  `tomli_w.dumps`: tomli-w's text of the same data (`to_data(org)`), encoded.

- `key during the save`: what the save's thread does to a key: a key-sized piece of UI-thread
  work (60 × a little Python, a 200-byte write, a `sleep(0)`: ~8 ms alone) started 30 ms into
  the serialisation, with the app's switch interval (0.5 ms), once with the save paced as
  the app paces it (`input_clock.step_aside`: a block, then a pause while keys are
  recent) and once unpaced. In process and synthetic: it shows the mechanism; the key as a
  user feels it is keys_in_pty.py's "`Down` right after ctrl+s".

Each step starts after `os.sync()`, so none pays for what another left to flush.
Medians and maxima. Whether the UI answers keys during a save is `keys_in_pty.py`'s
"`Down` right after ctrl+s".
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import tomli_w  # noqa: E402

from orgtui.core.domain.org import Org  # noqa: E402
from orgtui.core.storage.atomic import atomic_write  # noqa: E402
from orgtui.core.storage.orgfile import load_org, org_blocks, save_org, to_data  # noqa: E402
from orgtui.ui.app import OrgApp  # noqa: E402
from orgtui.ui.input_clock import step_aside  # noqa: E402


def write_once(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def key_work(sink: int) -> None:
    for _ in range(60):
        sum(range(3000))
        os.write(sink, b"x" * 200)
        time.sleep(0)


def key_during_serialisation(org: Org, paced: bool, runs: int, sink: int) -> list[float]:
    sys.setswitchinterval(OrgApp.SWITCH_INTERVAL)
    last_key = [0.0]
    out = []
    for _ in range(runs):
        pace = step_aside(lambda: last_key[0]) if paced else None
        # the save's own pacing: org_blocks calls `pace` after each block
        worker = threading.Thread(target=collections.deque, args=(org_blocks(org, None, pace), 0))
        worker.start()
        time.sleep(0.03)
        last_key[0] = time.monotonic()
        t0 = time.perf_counter()
        key_work(sink)
        out.append(time.perf_counter() - t0)
        worker.join()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=50000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="orgtui-save-") as tmp:
        folder = Path(tmp)
        source = folder / "org.toml"
        generate.write(args.people, source, seed=1)
        org = load_org(source).org
        data = b"".join(org_blocks(org))
        # Two rounds of alternation: the writes among themselves, then the whole save and
        # the serialisers. (Mixed into one, a write timed right after a save paid for the
        # file system's deferred work of the 16 MB just replaced: 35-41 ms instead of 15.)
        writes: dict[str, Callable[[], object]] = {
            "write": lambda: atomic_write(folder / "written.toml", data),
            "write floor": lambda: write_once(folder / "floor.toml", data),
            "overwrite": lambda: write_once(folder / "overwritten.toml", data),
        }
        whole: dict[str, Callable[[], object]] = {
            "save": lambda: save_org(org, folder / "saved.toml"),
            "serialise": lambda: b"".join(org_blocks(org)),
            "tomli_w.dumps": lambda: tomli_w.dumps(to_data(org)).encode("utf-8"),
        }
        times: dict[str, list[float]] = {name: [] for name in (*writes, *whole)}
        for steps in (writes, whole):
            for run in range(args.runs):
                order = list(steps) if run % 2 == 0 else list(reversed(steps))
                for name in order:
                    if name == "write floor":
                        (folder / "floor.toml").unlink(missing_ok=True)  # the floor writes a new file
                    os.sync()  # each step starts with nothing of another's left to flush
                    t0 = time.perf_counter()
                    steps[name]()
                    times[name].append(time.perf_counter() - t0)
        assert (folder / "saved.toml").read_bytes() == data  # the save wrote what was timed
        sink = os.open(os.devnull, os.O_WRONLY)
        alone = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            key_work(sink)
            alone.append(time.perf_counter() - t0)
        keys = {"key alone": alone}
        for paced in (False, True, False, True):
            keys.setdefault("key, save paced" if paced else "key, save unpaced", []).extend(
                key_during_serialisation(org, paced, max(3, args.runs // 2), sink))
        os.close(sink)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.people:,} people, {len(data) / 2**20:.1f} MiB, {args.runs} runs, load average {load}")
    med = {name: statistics.median(ts) for name, ts in times.items()}
    for name, ts in times.items():
        print(f"{name:14} median {med[name] * 1000:7.0f} ms  max {max(ts) * 1000:7.0f} ms")
    for name, ts in keys.items():
        print(f"{name:18} median {statistics.median(ts) * 1000:6.1f} ms  max {max(ts) * 1000:6.1f} ms")
    print(f"write ÷ write floor (a new file): {med['write'] / med['write floor']:.2f}×  (target ≤ 1.3×)")
    print(f"write ÷ overwrite (the same bytes into the existing file): {med['write'] / med['overwrite']:.2f}×")
    print(f"serialise ÷ tomli_w.dumps: {med['serialise'] / med['tomli_w.dumps']:.2f}×")
    print(f"save ÷ (serialise + write): {med['save'] / (med['serialise'] + med['write']):.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
