"""The `orgtui` command, run for real in a subprocess: exit status, stdout and stderr.

Every test starts `python -m orgtui ...` (one also starts the installed `orgtui` script)
with a timeout, so a command that hangs or opens the UI fails instead of blocking.
Output is forced to UTF-8 (PYTHONIOENCODING) so the tests do not depend on the locale
of the machine that runs them; one test changes exactly that on purpose.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from orgtui import __version__
from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.storage.orgfile import load_org

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"
TIMEOUT = 30  # seconds; a command that waits for a terminal fails here instead of blocking

# Unowned duties and errors of each sample: unowned duties are the only errors.
# (Worked out from each sample's header; the full findings are pinned in test_samples.py.)
UNOWNED = {
    "startup.toml": 0,
    "retailer-300.toml": 0,
    "hostile-names.toml": 0,
    "before-reorg.toml": 19,
    "online-retailer.toml": 1,
}

FIRST_LINE = re.compile(
    r"^(?P<file>.+): (?P<unowned>\d+) unowned duty\(ies\); (?P<error>\d+) error\(s\), "
    r"(?P<warning>\d+) warning\(s\), (?P<info>\d+) info$"
)
FINDING_LINE = re.compile(r"^(?P<severity>error|warning|info)\s+(?P<code>[a-z-]+)\s+(?P<message>.*)  \[(?P<ids>[^\]]*)\]$")
SEVERITIES = ("error", "warning", "info")
FINDING_KEYS = {"severity", "code", "message", "subject_kind", "subject", "related"}


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str
    raw_stdout: bytes


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, script: bool = False) -> Result:
    """Run `orgtui ARGS` (via `python -m orgtui`, or the installed script) and capture it."""
    command = [str(Path(sys.executable).parent / "orgtui")] if script else [sys.executable, "-m", "orgtui"]
    environment = os.environ.copy()
    environment["PYTHONIOENCODING"] = "utf-8"
    environment.update(env or {})
    done = subprocess.run(
        [*command, *map(str, args)],
        cwd=cwd,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
    )
    return Result(
        done.returncode,
        done.stdout.decode("utf-8", errors="replace"),  # a cp1252 run is checked on raw_stdout
        done.stderr.decode("utf-8", errors="backslashreplace"),
        done.stdout,
    )


def assert_unreadable(result: Result, *needles: str) -> list[str]:
    """Exit 2, nothing on stdout, no traceback, and each needle somewhere on stderr."""
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)
    return result.stderr.splitlines()


def listing(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every entry of a folder with its bytes and mtime (folders: empty bytes)."""
    return {
        p.name: (p.read_bytes() if p.is_file() else b"", p.stat().st_mtime_ns) for p in sorted(folder.iterdir())
    }


# -- check on the samples -----------------------------------------------------------


@pytest.fixture(scope="module")
def checked() -> dict[tuple[str, str], Result]:
    """`orgtui check` on every sample, once as text and once as JSON (run in the repo)."""
    cwd = SAMPLES.parent
    return {
        (name, fmt): run("check", f"sample_orgs/{name}", "--format", fmt, cwd=cwd)
        for name in UNOWNED
        for fmt in ("text", "json")
    }


def test_every_sample_is_covered() -> None:
    assert sorted(p.name for p in SAMPLES.glob("*.toml")) == sorted(UNOWNED)


@pytest.mark.parametrize("name", sorted(UNOWNED))
def test_check_exit_status_and_first_line(checked, name: str) -> None:
    result = checked[(name, "text")]
    expected_status = 1 if UNOWNED[name] else 0
    assert result.returncode == expected_status, result
    assert result.stderr == ""
    first = FIRST_LINE.match(result.stdout.splitlines()[0])
    assert first, result.stdout.splitlines()[0]
    assert first["file"] == f"sample_orgs/{name}"
    assert int(first["unowned"]) == UNOWNED[name]
    assert int(first["error"]) == UNOWNED[name]  # unowned duties are the errors


@pytest.mark.parametrize("name", sorted(UNOWNED))
def test_check_json_has_the_promised_shape_and_agrees_with_the_text(checked, name: str) -> None:
    text, as_json = checked[(name, "text")], checked[(name, "json")]
    assert as_json.returncode == text.returncode
    assert as_json.stderr == ""
    data = json.loads(as_json.stdout)
    assert set(data["summary"]) == {"error", "warning", "info", "unowned_duties"}
    assert all(isinstance(n, int) for n in data["summary"].values())
    findings = data["findings"]
    for finding in findings:
        assert set(finding) == FINDING_KEYS, finding
        assert finding["severity"] in SEVERITIES
        assert all(isinstance(finding[k], str) for k in FINDING_KEYS - {"related"})
        assert isinstance(finding["related"], list) and all(isinstance(r, str) for r in finding["related"])
    # the summary counts the findings it comes with
    by_severity = Counter(f["severity"] for f in findings)
    assert {s: data["summary"][s] for s in SEVERITIES} == {s: by_severity[s] for s in SEVERITIES}
    assert data["summary"]["unowned_duties"] == sum(f["code"] == "unowned-duty" for f in findings) == UNOWNED[name]
    assert all(f["severity"] == "error" for f in findings if f["code"] == "unowned-duty")
    # ... and agrees with the text output, line by line
    first, *rest = text.stdout.splitlines()
    counts = FIRST_LINE.match(first)
    assert counts
    assert int(counts["unowned"]) == data["summary"]["unowned_duties"]
    assert {s: int(counts[s]) for s in SEVERITIES} == {s: data["summary"][s] for s in SEVERITIES}
    assert len(rest) == len(findings)
    for line, finding in zip(rest, findings):
        parsed = FINDING_LINE.match(line)
        assert parsed, line
        assert (parsed["severity"], parsed["code"]) == (finding["severity"], finding["code"])
        assert parsed["ids"].split(", ") == [finding["subject"], *finding["related"]]
    assert (text.returncode == 1) == (data["summary"]["error"] > 0)


def test_check_hostile_names_are_shown_literally_but_inert(checked) -> None:
    for fmt in ("text", "json"):
        result = checked[("hostile-names.toml", fmt)]
        assert result.returncode == 0, result
        out = result.stdout
        for bad in ("\x1b", "\x07", "\u202e"):
            assert bad not in out, (fmt, repr(bad))
        assert b"\x1b" not in result.raw_stdout and b"\x07" not in result.raw_stdout
        c1 = [hex(ord(c)) for c in out if 0x80 <= ord(c) <= 0x9F]
        assert c1 == [], fmt
        # markup is not interpreted: the names appear exactly as written
        assert "[bold red]Eve[/]" in out
        assert "[@click=app.quit]Sales" in out
    # the text output shows control characters as readable escapes
    text = checked[("hostile-names.toml", "text")].stdout
    assert "\\x1b[8mGhost (vacant)\\x1b[0m" in text
    assert "\\u202e" in text
    # the JSON still carries the exact names, for a program to read
    messages = "".join(f["message"] for f in json.loads(checked[("hostile-names.toml", "json")].stdout)["findings"])
    assert "\x1b[8mGhost (vacant)\x1b[0m" in messages and "\u202e" in messages


def test_the_installed_script_runs_check_and_version() -> None:
    script = Path(sys.executable).parent / "orgtui"
    assert script.is_file(), f"the `orgtui` script is not installed next to {sys.executable}"
    result = run("check", SAMPLES / "online-retailer.toml", script=True)
    assert result.returncode == 1, result
    assert result.stdout.startswith(f"{SAMPLES / 'online-retailer.toml'}: 1 unowned duty(ies); 1 error(s)")
    assert run("--version", script=True).stdout.strip() == f"orgtui {__version__}"


# -- check on files it cannot read -------------------------------------------------

HEAD = 'format = 1\nname = "Shop"\n'
DEPT = '\n[[departments]]\nid = "shop"\nname = "Online Shop"\n'


def test_check_a_missing_file(tmp_path: Path) -> None:
    lines = assert_unreadable(run("check", "nope.toml", cwd=tmp_path), "nope.toml")
    assert lines == ["nope.toml: no such file"]


def test_check_a_toml_syntax_error_gives_file_line_and_column(tmp_path: Path) -> None:
    text = HEAD + "span_of_control = = 3\n"
    (tmp_path / "broken.toml").write_text(text, encoding="utf-8")
    column = text.splitlines()[2].index("= =") + 3  # the second '=', 1-based
    [line] = assert_unreadable(run("check", "broken.toml", cwd=tmp_path), "TOML syntax error")
    assert line.startswith(f"broken.toml:3:{column}: TOML syntax error")


def test_check_an_unknown_duty_id(tmp_path: Path) -> None:
    text = HEAD + DEPT + (
        '\n[[positions]]\nid = "lead"\ntitle = "Lead"\ndepartment = "shop"\n'
        'holders = []\nduties = [\n    "made_up.duty",\n]\n'
    )
    (tmp_path / "org.toml").write_text(text, encoding="utf-8")
    [line] = assert_unreadable(run("check", "org.toml", cwd=tmp_path), "made_up.duty", "not in the catalog")
    assert re.match(r"org\.toml:\d+: positions \(id 'lead'\): duty 'made_up\.duty'", line), line


def test_check_a_value_of_the_wrong_type(tmp_path: Path) -> None:
    (tmp_path / "org.toml").write_text(HEAD + 'span_of_control = "three"\n', encoding="utf-8")
    [line] = assert_unreadable(run("check", "org.toml", cwd=tmp_path), "span_of_control")
    assert line.startswith("org.toml")
    assert "integer" in line and "three" in line


def test_check_json_on_an_invalid_file_says_so_on_stdout_too(tmp_path: Path) -> None:
    """CI that parses stdout gets an error object (schema: `orgtui schema check`), not nothing."""
    (tmp_path / "org.toml").write_text(HEAD + 'span_of_control = "three"\n', encoding="utf-8")
    result = run("check", "org.toml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert (data["schema"], data["file"]) == ("orgtui-check/1", "org.toml")
    [problem] = data["problems"]
    assert problem["text"] == result.stderr.strip()
    assert problem["file"] == "org.toml" and "span_of_control" in problem["text"]
    assert "findings" not in data


def test_check_a_directory(tmp_path: Path) -> None:
    (tmp_path / "org.toml").mkdir()
    assert assert_unreadable(run("check", "org.toml", cwd=tmp_path)) == ["org.toml: is a directory, not an org file"]


def test_check_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "org.toml").write_bytes(b'format = 1\n# fine\nname = "Caf\xe9"\n')
    [line] = assert_unreadable(run("check", "org.toml", cwd=tmp_path), "not valid UTF-8")
    assert line.startswith("org.toml:3:")


def test_check_lists_every_problem_of_a_file(tmp_path: Path) -> None:
    schema = HEAD.replace('"Shop"', '""') + 'span_of_control = "x"\n\n[[people]]\nid = "anna"\nname = "Anna"\ncapacity = 9\n'
    references = HEAD + DEPT + (
        '\n[[positions]]\nid = "lead"\ntitle = "Lead"\ndepartment = "nowhere"\n'
        'holders = [\n    "ghost",\n]\nduties = [\n    "made_up.one",\n    "made_up.two",\n]\n'
    )
    (tmp_path / "schema.toml").write_text(schema, encoding="utf-8")
    (tmp_path / "refs.toml").write_text(references, encoding="utf-8")
    lines = assert_unreadable(run("check", "schema.toml", cwd=tmp_path), "name", "span_of_control", "capacity")
    assert len(lines) == 3 and all(line.startswith("schema.toml") for line in lines), lines
    lines = assert_unreadable(run("check", "refs.toml", cwd=tmp_path), "'nowhere'", "'ghost'", "'made_up.one'", "'made_up.two'")
    assert len(lines) == 4 and all(line.startswith("refs.toml:") for line in lines), lines


def test_check_shows_a_hostile_file_name_inert(tmp_path: Path) -> None:
    result = run("check", "\x1b]0;pwned\x07.toml", cwd=tmp_path)
    assert_unreadable(result, "\\x1b]0;pwned\\x07.toml: no such file")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_check_never_writes_next_to_the_org_file(tmp_path: Path) -> None:
    for name in ("online-retailer.toml", "startup.toml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    (tmp_path / "broken.toml").write_text(HEAD + "name = = 1\n", encoding="utf-8")
    before = listing(tmp_path)
    assert run("check", "online-retailer.toml", cwd=tmp_path).returncode == 1
    assert run("check", tmp_path / "startup.toml", "--format", "json").returncode == 0
    assert run("check", "broken.toml", cwd=tmp_path).returncode == 2
    assert listing(tmp_path) == before


def test_check_text_on_a_non_utf8_stdout_does_not_crash() -> None:
    result = run("check", SAMPLES / "hostile-names.toml", env={"PYTHONIOENCODING": "cp1252"})
    assert "Traceback" not in result.stderr
    assert result.returncode == 0  # hostile-names has no errors
    assert result.raw_stdout.startswith(str(SAMPLES / "hostile-names.toml").encode() + b": 0 unowned duty(ies)")


# -- new --------------------------------------------------------------------------


def test_new_writes_a_file_check_loads_and_never_overwrites(tmp_path: Path) -> None:
    duties = len(builtin_catalog().duties)
    name = 'Acme "Shop" & Café'
    created = run("new", "org.toml", "--name", name, cwd=tmp_path)
    assert created.returncode == 0, created
    assert created.stderr == ""
    assert created.stdout.strip() == f"wrote org.toml: {duties} duties of the catalog, all unowned so far"
    path = tmp_path / "org.toml"
    assert load_org(path).org.info.name == name
    # check loads it: every duty is unowned, so it has errors
    checked = run("check", "org.toml", cwd=tmp_path)
    assert checked.returncode == 1, checked
    first = FIRST_LINE.match(checked.stdout.splitlines()[0])
    assert first and first["file"] == "org.toml"
    assert int(first["unowned"]) == int(first["error"]) == duties == 51
    # a second `new` on the same path changes nothing
    content, before = path.read_bytes(), listing(tmp_path)
    again = run("new", "org.toml", "--name", "Other", cwd=tmp_path)
    assert_unreadable(again, "org.toml", "already exists")
    assert path.read_bytes() == content
    assert listing(tmp_path) == before


@pytest.mark.parametrize("blank", ["", "   "])
def test_new_refuses_a_blank_name(tmp_path: Path, blank: str) -> None:
    result = run("new", "org.toml", "--name", blank, cwd=tmp_path)
    assert_unreadable(result, "name cannot be empty")
    assert list(tmp_path.iterdir()) == []


def test_new_in_a_missing_folder(tmp_path: Path) -> None:
    result = run("new", "missing/org.toml", cwd=tmp_path)
    assert_unreadable(result, "missing/org.toml", "cannot create")
    assert list(tmp_path.iterdir()) == []


# -- help and version ----------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["new", "--help"], ["open", "--help"]])
def test_help(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 0, result
    assert result.stderr == ""
    assert "usage: orgtui" in result.stdout
    assert "examples" in result.stdout


def test_version() -> None:
    result = run("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"orgtui {__version__}\n", "")


# -- open ---------------------------------------------------------------------------


def test_open_a_broken_file_exits_without_starting_the_ui(tmp_path: Path) -> None:
    path = tmp_path / "org.toml"
    path.write_text(HEAD + "span_of_control = = 3\n", encoding="utf-8")
    before = listing(tmp_path)
    result = run(path)  # a hang (the UI waiting for a terminal) fails through the timeout
    lines = assert_unreadable(result, f"{path}:3:", "TOML syntax error", "nothing was opened")
    assert lines[-1] == "orgtui: nothing was opened; the file is untouched."
    assert listing(tmp_path) == before


def test_new_on_a_full_disk_says_so_leaves_nothing_and_a_retry_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 14 item 7, simulated: the disk fills up while the file is written."""
    import errno

    from orgtui.cli.new import cmd_new
    from orgtui.core.storage import atomic

    def disk_full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(atomic.os, "write", disk_full)
    assert cmd_new(["org.toml"]) == 2
    err = capsys.readouterr().err
    assert err == "orgtui new: cannot create org.toml: the disk is full; nothing was written\n"
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    assert cmd_new(["org.toml"]) == 0, "a retry once there is room must not say 'already exists'"
    assert load_org(tmp_path / "org.toml").org.departments


def test_new_on_a_really_full_tmpfs_leaves_nothing_and_a_retry_works(tmp_path: Path) -> None:
    from disks import fill, small_tmpfs

    with small_tmpfs(tmp_path / "disk") as disk:
        filler = fill(disk)
        result = run("new", "org.toml", cwd=disk)
        assert_unreadable(result, "cannot create org.toml", "the disk is full", "nothing was written")
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]
        filler.unlink()
        again = run("new", "org.toml", cwd=disk)
        assert again.returncode == 0, again
        assert load_org(disk / "org.toml").org.departments


@pytest.mark.parametrize("command", [["check"], ["export", "--format", "markdown"], ["export", "--format", "json"]])
def test_a_catalog_path_with_a_nul_is_a_clear_load_error_in_check_and_export(tmp_path: Path, command: list[str]) -> None:
    """Issue 14 item 8: `catalog = "a\\u0000b"` was a ValueError traceback in every command."""
    (tmp_path / "org.toml").write_text('format = 1\nname = "Shop"\ncatalog = "a\\u0000b"\n', encoding="utf-8")
    result = run(*command, "org.toml", cwd=tmp_path)
    lines = assert_unreadable(result, "org.toml:3:", "catalog", "NUL character")
    assert "\x00" not in result.stderr
    assert len(lines) <= 2
