"""Reading TOML safely: the fastest correct parser, bounded input, located errors."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any

try:  # the mypyc-compiled twin of tomllib: same API, several times faster
    import tomli as _toml
except ImportError:  # pragma: no cover - tomli is a declared dependency
    import tomllib as _toml  # type: ignore[no-redef]

from orgtui.core.storage.problems import LoadError, Problem, display_path

# A 5,000-person org is ~2 MB. Far larger files are either not org files or hostile
# (a 40 KB dotted key already costs 1.5 GB in the parser), so refuse before parsing.
MAX_FILE_BYTES = 32 * 1024 * 1024

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def read_text(path: Path) -> str:
    """Read a UTF-8 file, turning every OS or encoding failure into a LoadError."""
    name = display_path(path)
    try:
        if path.is_dir():
            raise LoadError([Problem(name, "is a directory, not an org file")])
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block forever, /dev/zero never ends
            raise LoadError([Problem(name, "is not a regular file")])
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise LoadError([Problem(name, f"is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")])
        with path.open("rb") as handle:  # bounded: the file may grow after the stat
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise LoadError([Problem(name, f"is over the limit of {MAX_FILE_BYTES:,} bytes")])
    except FileNotFoundError:
        raise LoadError([Problem(name, "no such file")]) from None
    except PermissionError:
        raise LoadError([Problem(name, "permission denied")]) from None
    except OSError as exc:
        raise LoadError([Problem(name, f"cannot be read: {exc.strerror or exc}")]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LoadError([Problem(name, f"is not valid UTF-8 (byte {exc.start})", line=line)]) from None


def parse(text: str, name: str) -> dict[str, Any]:
    """Parse TOML text; syntax errors become a Problem with line and column."""
    try:
        return _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        from orgtui.core.git.markers import find_markers  # git's line merge, not a typo

        markers = find_markers(text)
        if markers is not None:
            raise LoadError([Problem(name, markers.message(name), line=markers.first_line)]) from None
        message = str(exc.args[0] if exc.args else exc)
        line = col = None
        found = _AT.search(message)
        if found:
            line, col = int(found.group(1)), int(found.group(2))
            message = message[: found.start()]
        raise LoadError([Problem(name, f"TOML syntax error: {message}", line=line, column=col)]) from None
    except (RecursionError, MemoryError):
        raise LoadError([Problem(name, "TOML is nested too deeply or too large to read")]) from None
    except ValueError:  # e.g. an integer beyond Python's 4300-digit conversion limit
        raise LoadError([Problem(name, "TOML value cannot be read: a number is too large")]) from None


def load(path: Path) -> tuple[str, dict[str, Any]]:
    """Read and parse one TOML file; returns the text too (for hashing and line lookups)."""
    text = read_text(path)
    return text, parse(text, display_path(path))
