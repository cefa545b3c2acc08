"""Reading TOML safely: the fastest correct parser, bounded input, located errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

try:  # the mypyc-compiled twin of tomllib: same API, several times faster
    import tomli as _toml
except ImportError:  # pragma: no cover - tomli is a declared dependency
    import tomllib as _toml  # type: ignore[no-redef]

from orgtui.core.i18n import N_, _
from orgtui.core.storage.load_problems import LoadError, Problem, display_path
from orgtui.core.storage.safe_open import NotRegular, TooLarge, read_regular

# A 5,000-person org is ~2 MB. Far larger files are either not org files or hostile
# (a 40 KB dotted key already costs 1.5 GB in the parser), so refuse before parsing.
MAX_FILE_BYTES = 32 * 1024 * 1024

# Org files and catalogs use no dotted keys at all. The parser's cost grows with their
# parts: 100,000 keys of 100 parts took 17 s in tomli (23 s and 2 GB inside inline
# tables), so longer ones are refused by a scan of the text before parsing.
MAX_KEY_PARTS = 8

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_DEEP_KEY = re.compile(
    rf"(?:^[ \t]*\[{{0,2}}|[{{,])[ \t]*{_KEY}(?:[ \t]*\.[ \t]*{_KEY}){{{MAX_KEY_PARTS}}}", re.MULTILINE
)


# A cheap first look: 8 dots on one line before an `=` or `]`. Only such lines (rare in a
# real file: ids have one dot) get the exact look of _DEEP_KEY.
# Unrolled on purpose: a leading literal lets `re` skip to each dot (50 ms on 32 MB; the
# same pattern written as a repeated group takes 1.5 s).
_MANY_DOTS = re.compile(r"\.[^\n.=\]]*" * MAX_KEY_PARTS + r"[=\]]")


def _deep_key_line(text: str) -> int | None:
    """The line of the first dotted key (or table name) of too many parts, if any."""
    pos = 0
    while (hit := _MANY_DOTS.search(text, pos)) is not None:
        start = text.rfind("\n", 0, hit.start()) + 1
        end = text.find("\n", hit.end())
        end = len(text) if end == -1 else end
        if _DEEP_KEY.search(text[start:end]) is not None:
            return text.count("\n", 0, start) + 1
        pos = end
    return None


# The top level of an org file or catalog has a handful of keys. 2.6 million of them took
# the parser 8-15 s before anything could say so; a scan of the lines before the first
# table stops at the first header or at this many keys.
MAX_TOP_LEVEL_LINES = 1000
_TOP_LINE = re.compile(r"""^[ \t]*(?:(\[)|[A-Za-z0-9_"'-][^=\n]*=)""", re.MULTILINE)


def _too_many_top_level_keys(text: str) -> bool:
    for count, match in enumerate(_TOP_LINE.finditer(text), 1):
        if match.group(1):
            return False  # the first table: the top level has ended
        if count > MAX_TOP_LEVEL_LINES:
            return True
    return False


def read_text(path: Path, kind: str = "org file") -> str:
    """Read a UTF-8 file, turning every OS or encoding failure into a LoadError.

    `kind` names what the file should be ("org file", "catalog") in the messages.
    Links are followed (people open their files through links); the file itself must be
    a regular file, checked on the opened descriptor, and is read only up to the limit.
    """
    return decode(read_bytes(path, kind), display_path(path))


def read_bytes(path: Path, kind: str = "org file") -> bytes:
    """The bytes of the file `read_text` reads, with the same LoadErrors."""
    name = display_path(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES, follow_links=True).data
    except FileNotFoundError:
        raise LoadError([Problem(name, _("no such file"))]) from None
    except PermissionError:
        raise LoadError([Problem(name, _("permission denied"))]) from None
    except NotRegular as exc:  # a FIFO would block forever, /dev/zero never ends
        if exc.kind == _("a folder"):
            what = _("is a directory, not {kind}").format(kind=_(_A_KIND.get(kind, kind)))
        else:
            what = _("is {kind}, not a regular file").format(kind=exc.kind)
        raise LoadError([Problem(name, what)]) from None
    except TooLarge as exc:
        size = _("{size} bytes").format(size=f"{exc.size:,}") if exc.size > exc.limit + 1 else str(exc.strerror)
        raise LoadError([Problem(name, _("is {size}; the limit is {limit}").format(size=size, limit=f"{MAX_FILE_BYTES:,}"))]) from None
    except ValueError:  # a NUL byte in the path
        raise LoadError([Problem(name, _("the path contains a NUL character"))]) from None
    except OSError as exc:
        raise LoadError([Problem(name, _("cannot be read: {reason}").format(reason=exc.strerror or exc))]) from None
    return data


def decode(data: bytes, name: str) -> str:
    """`data` as UTF-8 text (strict: encoding it again gives the same bytes)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LoadError([Problem(name, _("is not valid UTF-8 (byte {offset})").format(offset=exc.start), line=line)]) from None


_A_KIND = {"org file": N_("an org file"), "catalog": N_("a catalog")}


def parse(text: str, name: str) -> dict[str, Any]:
    """Parse TOML text; syntax errors become a Problem with line and column."""
    line = _deep_key_line(text)
    if line is not None:
        raise LoadError([Problem(name, _("a dotted key of more than {n} parts; this format uses none").format(n=MAX_KEY_PARTS), line=line)])
    if _too_many_top_level_keys(text):
        raise LoadError([Problem(name, _("more than {n} keys before the first table; the top level has a handful").format(n=f"{MAX_TOP_LEVEL_LINES:,}"))])
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
        raise LoadError([Problem(name, _("TOML syntax error: {message}").format(message=message), line=line, column=col)]) from None
    except (RecursionError, MemoryError):
        raise LoadError([Problem(name, _("TOML is nested too deeply or too large to read"))]) from None
    except ValueError:  # e.g. an integer beyond Python's 4300-digit conversion limit
        raise LoadError([Problem(name, _("TOML value cannot be read: a number is too large"))]) from None


def toml_value(line: str) -> Any:
    """The value of a one-key document `v = …` (raises the parser's ValueError)."""
    return _toml.loads(line)["v"]


def load(path: Path, kind: str = "org file") -> tuple[str, dict[str, Any]]:
    """Read and parse one TOML file; returns the text too (for hashing and line lookups)."""
    text = read_text(path, kind)
    return text, parse(text, display_path(path))
