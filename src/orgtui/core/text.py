"""Making user text safe to show on a terminal.

TOML escapes make ESC, NUL and C1 controls legal in strings, and Rich/Textual only strip
a few of them: an ESC sequence in a person's name would reach the terminal. Everything a
user typed goes through `visible()` before display, which replaces control characters
with readable escapes (`\\x1b`) so the name is shown exactly, but inert.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls, DEL, C1 controls, and the Unicode line/paragraph separators and bidi
# overrides that can reorder or break a terminal line.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Return `text` with every control character shown as an escape; otherwise unchanged."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_escape, text)


def slug(text: str, fallback: str = "item") -> str:
    """A lowercase ascii id fragment made from a name, for new ids."""
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "_", normal.lower()).strip("_")
    return out[:40] or fallback


def some_names(names: list[str], most: int = 3) -> str:
    """A few names and how many more: a duty owned by 480 positions must not make a 13 KB line."""
    if len(names) <= most:
        return ", ".join(names)
    return ", ".join(names[:most]) + f" and {len(names) - most} more"
