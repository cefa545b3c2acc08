"""Running a step as a real second user (`nobody`), for what only another user can show:
sticky folders, files and locks owned by someone else. Needs root, runuser(1) and a
system Python that user can execute (the test venv lives under /root); the step imports
only what needs no third-party package."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PYTHON = "/usr/bin/python3"
USER = "nobody"


def require_second_user() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to act as a second user")
    if shutil.which("runuser") is None or not os.access(PYTHON, os.X_OK):
        pytest.skip("needs runuser(1) and /usr/bin/python3")
    probe = subprocess.run(["runuser", "-u", USER, "--", "env", f"PYTHONPATH={SRC}", PYTHON, "-c", "import orgtui"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"{USER} cannot run orgtui from {SRC}")


def run_as_other(code: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run Python `code` as the second user; returns its output."""
    return subprocess.run(
        ["runuser", "-u", USER, "--", "env", f"PYTHONPATH={SRC}", PYTHON, "-c", code, *map(str, args)],
        capture_output=True, text=True, timeout=60, check=False,
    )


def other_uid() -> int:
    import pwd

    return pwd.getpwnam(USER).pw_uid


@contextmanager
def sticky_folder() -> Iterator[Path]:
    """A fresh folder like /tmp (mode 1777) both users can reach."""
    folder = Path(tempfile.mkdtemp(prefix="orgtui-sticky-", dir="/tmp"))
    folder.chmod(0o1777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
