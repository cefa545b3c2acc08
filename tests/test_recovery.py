"""Recovery files: private, atomic, keyed by the real path, corrupt ones ignored."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from orgtui.core.domain.org import Org
from orgtui.core.storage.orgfile import dumps_org, parse_org
from orgtui.core.storage.recovery import (
    HEADER,
    Recovery,
    current_digest,
    differences,
    discard_recovery,
    find_recovery,
    list_recoveries,
    recovery_dir,
    recovery_path,
    write_recovery,
)


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


@pytest.fixture
def org_file(tmp_path: Path, small_org: Org) -> Path:
    path = tmp_path / "work" / "shop.toml"
    path.parent.mkdir()
    path.write_text(dumps_org(small_org), encoding="utf-8")
    return path


def test_write_then_find_gives_back_text_and_digest(org_file: Path):
    digest = current_digest(org_file)
    assert digest == hashlib.sha256(org_file.read_bytes()).hexdigest()
    text = org_file.read_text(encoding="utf-8").replace("Shop GmbH", "Shop AG — “edited”")
    written = write_recovery(org_file, text, digest)
    found = find_recovery(org_file)
    assert isinstance(found, Recovery)
    assert found.text == text
    assert found.base_digest == digest
    assert found.path == org_file.resolve()
    assert found.file == written == recovery_path(org_file)
    assert found.saved_at.tzinfo is not None
    assert not found.org_changed()
    org_file.write_text(org_file.read_text() + "\n# changed by a colleague\n", encoding="utf-8")
    assert found.org_changed()


def test_the_recovery_file_is_itself_a_loadable_org_file(org_file: Path):
    text = org_file.read_text(encoding="utf-8")
    written = write_recovery(org_file, text, "abc")
    content = written.read_text(encoding="utf-8")
    assert content.startswith(HEADER)
    parse_org(content, org_file)  # the header is a TOML comment


def test_folder_is_0700_and_file_0600_whatever_the_umask(org_file: Path):
    old = os.umask(0o000)
    try:
        written = write_recovery(org_file, "x = 1\n", "d")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(recovery_dir()).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
    assert [p.name for p in recovery_dir().iterdir()] == [written.name]  # no temp left behind


def test_a_too_open_existing_folder_is_tightened(org_file: Path):
    recovery_dir().mkdir(parents=True, mode=0o755)
    os.chmod(recovery_dir(), 0o755)
    write_recovery(org_file, "x = 1\n", "d")
    assert stat.S_IMODE(os.stat(recovery_dir()).st_mode) == 0o700


def test_discard_removes_it(org_file: Path):
    written = write_recovery(org_file, "x = 1\n", "d")
    assert discard_recovery(org_file) is True
    assert not written.exists()
    assert find_recovery(org_file) is None
    assert discard_recovery(org_file) is False


def test_xdg_state_home_is_respected(org_file: Path, state_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    written = write_recovery(org_file, "x = 1\n", "d")
    assert written.parent == state_home / "orgtui" / "recovery"
    assert written.name == hashlib.sha256(os.fsencode(str(org_file.resolve()))).hexdigest()[:16] + ".toml"
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "other-state"))
    assert find_recovery(org_file) is None  # looks in the new place now
    assert recovery_dir() == tmp_path / "other-state" / "orgtui" / "recovery"


def test_two_org_files_do_not_collide_and_a_link_finds_the_same_one(org_file: Path, tmp_path: Path):
    other = tmp_path / "other" / "shop.toml"  # same name, other folder
    other.parent.mkdir()
    other.write_text("x = 2\n", encoding="utf-8")
    write_recovery(org_file, "first\n", "d1")
    write_recovery(other, "second\n", "d2")
    assert recovery_path(org_file) != recovery_path(other)
    assert find_recovery(org_file).text == "first\n"
    assert find_recovery(other).text == "second\n"
    link = tmp_path / "link.toml"
    link.symlink_to(org_file)
    assert find_recovery(link).text == "first\n"
    assert {r.text for r in list_recoveries()} == {"first\n", "second\n"}


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"format = 1\n",  # no header
        b"# orgtui-recovery {not json\nx = 1\n",
        b'# orgtui-recovery {"path": "/x"}\nx = 1\n',  # fields missing
        b'# orgtui-recovery {"path": 1, "base_digest": "d", "saved_at": "2024-01-01T00:00:00"}\n',
        b'# orgtui-recovery {"path": "P", "base_digest": "d", "saved_at": "yesterday"}\n',
        b"\xff\xfe\x00garbage",
        b"# orgtui-recovery " + b"[" * 100000 + b"\n",
    ],
)
def test_a_corrupt_recovery_file_is_ignored(org_file: Path, content: bytes):
    write_recovery(org_file, "x = 1\n", "d")
    content = content.replace(b'"P"', f'"{org_file.resolve()}"'.encode())
    recovery_path(org_file).write_bytes(content)
    assert find_recovery(org_file) is None
    assert list_recoveries() == []


def test_a_recovery_recorded_for_another_path_is_not_offered(org_file: Path, tmp_path: Path):
    write_recovery(tmp_path / "elsewhere.toml", "x = 1\n", "d")
    os.replace(recovery_path(tmp_path / "elsewhere.toml"), recovery_path(org_file))
    assert find_recovery(org_file) is None


def test_a_folder_or_link_instead_of_a_recovery_file_is_ignored(org_file: Path, tmp_path: Path):
    write_recovery(org_file, "x = 1\n", "d")
    target = recovery_path(org_file)
    os.unlink(target)
    target.mkdir()
    assert find_recovery(org_file) is None
    target.rmdir()
    (tmp_path / "planted").write_text("x = 1\n")
    target.symlink_to(tmp_path / "planted")
    assert find_recovery(org_file) is None


def test_differences_names_what_the_recovered_edits_change(org_file: Path, small_org: Org):
    current = dumps_org(small_org)
    edited = current.replace('title = "Service Lead"', 'title = "Service Chief"')
    edited = edited.replace('    "anna",\n', "")  # Anna no longer holds Head of E-Commerce
    assert edited.count("Service Chief") == 1 and '"anna",' not in edited
    lines = differences(current, edited, org_file)
    text = "\n".join(lines)
    assert "renamed" in text and "Service Chief" in text
    assert "Anna" in text
    assert differences(current, current) == []
    assert differences(current, current + "\n# a comment\n") == ["the same org; only formatting or comments differ"]


def test_differences_show_hostile_names_inert(small_org: Org):
    current = dumps_org(small_org)
    edited = current.replace('name = "Ben"', 'name = "Ben\\u001b[2J"')
    text = "\n".join(differences(current, edited))
    assert "\x1b" not in text and "Ben\\x1b[2J" in text


def test_differences_falls_back_to_a_line_count():
    lines = differences("a = 1\nb = 2\n", "a = 1\nb = [\n")
    assert len(lines) == 1 and "1 line(s) added and 1 removed" in lines[0]


def test_differences_are_capped(small_org: Org):
    current = dumps_org(small_org)
    extra = "".join(f'\n[[people]]\nid = "p{i}"\nname = "P{i}"\ncapacity = 1.0\n' for i in range(30))
    lines = differences(current, current + extra, limit=5)
    assert len(lines) == 5
    assert lines[-1] == "… and 26 more changes"


def test_a_link_planted_at_the_recovery_path_is_replaced_not_written_through(org_file: Path, tmp_path: Path):
    """Issue 14 item 5: the edits go into a file of their own, and that file is offered."""
    write_recovery(org_file, "old = 1\n", "d")  # makes the folder
    target = recovery_path(org_file)
    os.unlink(target)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    victim.chmod(0o644)
    target.symlink_to(victim)
    text = org_file.read_text(encoding="utf-8")
    write_recovery(org_file, text, "digest")
    assert victim.read_text(encoding="utf-8") == "precious\n" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert not target.is_symlink() and stat.S_IMODE(target.stat().st_mode) == 0o600
    found = find_recovery(org_file)
    assert found is not None and found.text == text, "what was written is what is offered"
