"""A save and the recovery write stream the org into the file: they never hold its whole
text (a 50,000-person org is 16 MB of UTF-8 and 32 MB as a str once one name is beyond
Latin-1; holding it and its bytes at once raised the app's peak by ~100 MB). The bounds
here are of memory allocated, not of time. The bytes written are the same as before.
"""

from __future__ import annotations

import hashlib
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from test_benchmarks import generate

from orgtui.core.domain.edits import RenameOrg
from orgtui.core.storage import recovery
from orgtui.core.storage.atomic import atomic_write
from orgtui.core.storage.orgfile import dumps_org, org_blocks
from orgtui.core.storage.session import Workspace


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "org5000.toml"
    generate.write(5000, path, seed=1)
    return path


def peak_of(work: Callable[[], object]) -> int:
    """Bytes allocated at the peak of `work`, above what was held before it."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        work()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def test_a_save_writes_the_same_bytes_without_holding_the_whole_text(big: Path) -> None:
    ws = Workspace.open(big)
    ws.apply(RenameOrg("Ünïcode Łtd — renamed"))  # a name beyond Latin-1: the text would be 2 bytes a character
    expected = dumps_org(ws.org).encode("utf-8")
    job = ws.begin_save()
    peak = peak_of(job.run)
    ws.end_save(job)
    assert big.read_bytes() == expected
    assert job.written is not None and job.written.digest == hashlib.sha256(expected).hexdigest()
    assert peak < len(expected) / 3, f"the save held {peak:,} bytes for a {len(expected):,}-byte file"


def test_the_recovery_write_keeps_the_same_text_without_holding_it_whole(big: Path) -> None:
    ws = Workspace.open(big)
    ws.apply(RenameOrg("Ünïcode Łtd — kept"))
    expected = dumps_org(ws.org)
    job = ws.recovery_job()
    assert job is not None
    peak = peak_of(job)
    found = recovery.find_recovery(big)
    assert found is not None and found.text == expected
    assert ws._recovery_is_ours()  # its digest, taken as the blocks went by, is the text's
    assert peak < len(expected.encode("utf-8")) / 3, f"the recovery write held {peak:,} bytes"


def test_blocks_are_the_text_and_a_failing_block_leaves_the_old_file(big: Path, tmp_path: Path) -> None:
    org = Workspace.open(big).org
    digest = hashlib.sha256()
    assert b"".join(org_blocks(org, digest)) == dumps_org(org).encode("utf-8")
    assert digest.hexdigest() == hashlib.sha256(dumps_org(org).encode("utf-8")).hexdigest()

    target = tmp_path / "org.toml"
    target.write_bytes(b"old")

    def broken():
        yield b"new, half"
        raise RuntimeError("serialising failed")

    with pytest.raises(RuntimeError, match="serialising failed"):
        atomic_write(target, broken())
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["org.toml"]
