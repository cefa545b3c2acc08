"""Output errors, the same for every command, run as real processes on real pipes and devices.

A reader that goes away (`orgtui check FILE | head -1`) ends the output quietly and the
command keeps its own exit status; any other write error (`> /dev/full`, a closed stdout)
is one line on stderr and exit 2, never a traceback, and never exit 1 ("findings" to CI).

Each case runs with Python's output buffered and unbuffered (PYTHONUNBUFFERED, set on some
machines and CI), since the two fail at different places: at the `print`, or at exit.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"
BEFORE = SAMPLES / "before-reorg.toml"  # has errors: check exits 1
RETAILER = SAMPLES / "online-retailer.toml"
BIG = SAMPLES / "retailer-300.toml"  # its CSV is far bigger than a pipe's buffer
TIMEOUT = 60

COMMANDS = {
    "check": ["check", BEFORE],
    "check json": ["check", BIG, "--format", "json"],
    "export csv": ["export", BIG, "--format", "csv"],
    "export markdown": ["export", BIG],
    "export json": ["export", RETAILER, "--format", "json"],
    "diff": ["diff", BEFORE, RETAILER],
    "merge": ["merge", RETAILER, RETAILER, RETAILER],
    "help": ["--help"],
    "check --help": ["check", "--help"],
    "version": ["--version"],
    "schema": ["schema", "export"],
    "textconv": ["textconv", RETAILER],
    "suggest": ["suggest", BEFORE],
    "suggest json": ["suggest", RETAILER, "--format", "json"],
    "fix": ["fix", BEFORE, "--scope", "all"],
    "whatif": ["whatif", BEFORE, "--without", "tobias.wendt", "--plan"],
}
BUFFERING = {"buffered": {}, "unbuffered": {"PYTHONUNBUFFERED": "1"}}


def environment(buffering: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONIOENCODING"] = "utf-8"
    return env | BUFFERING[buffering]


def orgtui(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "orgtui", *map(str, args)]


@functools.cache
def _own_status(command: tuple[str, ...]) -> int:
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT, check=False)
    assert "Traceback" not in done.stderr.decode(), done.stderr
    return done.returncode


def own_status(args: list[str | Path]) -> int:
    """The exit status of the command with a reader that reads everything."""
    return _own_status(tuple(orgtui(*args)))


def assert_quiet(stderr: bytes) -> None:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text and "Exception ignored" not in text and "Error" not in text, text
    assert text == "", text


@pytest.mark.parametrize("buffering", BUFFERING)
@pytest.mark.parametrize("name", COMMANDS)
def test_a_reader_that_has_gone_ends_the_output_quietly(name: str, buffering: str) -> None:
    """The pipe's read end is closed before the command writes a byte: every write is EPIPE."""
    args = COMMANDS[name]
    proc = subprocess.Popen(
        orgtui(*args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=environment(buffering),
    )
    assert proc.stdout is not None
    proc.stdout.close()
    _, stderr = proc.communicate(timeout=TIMEOUT)
    assert_quiet(stderr)
    assert proc.returncode == own_status(args)


@pytest.mark.parametrize("buffering", BUFFERING)
@pytest.mark.parametrize("name", ["check", "export csv"])
def test_head_1_never_gives_a_traceback(name: str, buffering: str) -> None:
    """`orgtui … | head -1` through a real shell pipeline, repeated: `head` leaves after one
    line, before, during or after orgtui's write (the report gave a traceback 4–8 times in 10)."""
    command = " ".join(f"'{a}'" for a in orgtui(*COMMANDS[name]))
    status = own_status(COMMANDS[name])
    for _ in range(10):
        done = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {command} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}} >&2"],
            stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT, env=environment(buffering), check=False,
        )
        *complaints, last = done.stderr.decode().splitlines()
        assert complaints == [] and int(last) == status, done.stderr.decode()


def new_file_args(tmp_path: Path) -> list[str | Path]:
    return ["new", tmp_path / "fresh.toml"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("buffering", BUFFERING)
@pytest.mark.parametrize("name", [*COMMANDS, "new"])
def test_a_full_disk_is_one_line_and_exit_2(name: str, buffering: str, tmp_path: Path) -> None:
    args = new_file_args(tmp_path) if name == "new" else COMMANDS[name]
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            orgtui(*args), stdin=subprocess.DEVNULL, stdout=full, stderr=subprocess.PIPE,
            timeout=TIMEOUT, env=environment(buffering), check=False,
        )
    lines = done.stderr.decode().splitlines()
    prog = "orgtui" if args[0].startswith("-") else f"orgtui {args[0]}"
    assert lines == [f"{prog}: cannot write the output: No space left on device"], done.stderr.decode()
    assert done.returncode == 2


@pytest.mark.parametrize("name", ["check", "export csv", "help"])
def test_a_closed_stdout_is_one_line_and_exit_2(name: str) -> None:
    command = " ".join(f"'{a}'" for a in orgtui(*COMMANDS[name]))
    done = subprocess.run(["bash", "-c", f"{command} >&-"], stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=TIMEOUT, env=environment("buffered"), check=False)
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].endswith("cannot write the output: standard output is closed"), lines
    assert done.returncode == 2


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("buffering", BUFFERING)
@pytest.mark.parametrize("args, status", [
    (["check", SAMPLES / "no-such-file.toml"], 2),  # unreadable stays 2, not the 1 of "findings"
    (["export", SAMPLES / "no-such-file.toml"], 2),
    (["check", BEFORE], 1),
    (["check"], 2),  # a usage error, reported on stderr
])
def test_a_full_stderr_does_not_change_the_exit_status(args: list, status: int, buffering: str) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(orgtui(*args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=full,
                              timeout=TIMEOUT, env=environment(buffering), check=False)
    assert done.returncode == status


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("buffering", BUFFERING)
def test_a_plain_print_obeys_the_same_rules(buffering: str, tmp_path: Path) -> None:
    """`git-setup` writes its summary with print(): a full disk is still one line and exit 2."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, timeout=TIMEOUT)
    with open("/dev/full", "wb") as full:
        done = subprocess.run(orgtui("git-setup", tmp_path), stdin=subprocess.DEVNULL, stdout=full,
                              stderr=subprocess.PIPE, timeout=TIMEOUT, env=environment(buffering), check=False)
    assert done.stderr.decode().splitlines() == ["orgtui git-setup: cannot write the output: No space left on device"]
    assert done.returncode == 2
