"""Making user text safe to show on a terminal.

TOML escapes make ESC, NUL and C1 controls legal in strings, and Rich/Textual only strip
a few of them: an ESC sequence in a person's name would reach the terminal. Everything a
user typed goes through `visible()` before display, which replaces control characters
with readable escapes (`\\x1b`) so the name is shown exactly, but inert.

Invisible format characters are shown the same way (`\\u200b`): a zero-width space, a
word joiner, a byte order mark, a soft hyphen or a direction mark (LRM, RLM, ALM) would
otherwise make two different names look identical ("Anna" and "An\\u200bna"), or
reorder what follows them. Kept as they are, because there they are part of the text a
reader sees:
- a zero-width joiner between two emoji (👩🏽‍💻 is three emoji glued by two of them);
- a zero-width joiner or non-joiner between two letters of a script that uses them to
  choose a letter's shape (Persian, Arabic, the Indic scripts: "می‌خواهم");
- the tag characters of a subdivision flag (🏴 followed by tags, as in the Scottish flag);
- the Arabic and Kaithi number signs (U+0600–U+0605, …): format characters with a glyph.
Anywhere else (a ZWJ between Latin letters, after a space, at either end) they are escaped.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Iterable

from orgtui.core.i18n import ngettext

# C0 controls, DEL, C1 controls, the Unicode line/paragraph separators, and the invisible
# format characters (Unicode category Cf less the number signs, which have a glyph):
# soft hyphen, ALM, Mongolian vowel separator, ZWSP/ZWNJ/ZWJ/LRM/RLM, the bidi embeddings,
# overrides and isolates, word joiner and invisible operators, deprecated format controls,
# BOM, interlinear annotation, Egyptian and shorthand format controls, musical formatting,
# and the tag characters. tests/test_text.py checks that this covers every Cf character.
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
ZWNJ, ZWJ = "\u200c", "\u200d"
_FLAG = "\U0001f3f4"  # 🏴: the base of the subdivision flags spelled with tag characters
# Scripts whose spelling uses ZWJ/ZWNJ between letters (the first word of a letter's name).
_JOINING_SCRIPTS = frozenset({
    "ARABIC", "SYRIAC", "NKO", "MANDAIC", "MONGOLIAN",
    "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA",
})


def _is_emoji(char: str) -> bool:
    """A pictograph, or a part of one (skin tone, the emoji variation selector, a keycap)."""
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF  # pictographs, emoticons, skin tones, flags' letters
        or 0x2300 <= code <= 0x23FF  # ⌚ ⏰ …
        or 0x2600 <= code <= 0x27BF  # ☕ ♀ ♂ ⚕ ✈ ❤ …
        or 0x2B00 <= code <= 0x2BFF  # ⬛ ⭐ …
        or code in (0xFE0F, 0x20E3, 0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D)
    )


def _script(char: str) -> str | None:
    if not unicodedata.category(char).startswith(("L", "M")):
        return None
    return unicodedata.name(char, "").split(" ", 1)[0] or None


def _keeps_meaning(text: str, at: int) -> bool:
    """Whether the format character at `text[at]` is part of what the reader sees."""
    char = text[at]
    before = text[at - 1] if at > 0 else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if char in (ZWJ, ZWNJ) and before and after:
        if char == ZWJ and _is_emoji(before) and _is_emoji(after):
            return True
        script = _script(before)
        return script in _JOINING_SCRIPTS and _script(after) == script
    if "\U000e0020" <= char <= "\U000e007f":  # a tag: keep it inside 🏴's tag run
        start = at
        while start > 0 and "\U000e0020" <= text[start - 1] <= "\U000e007f":
            start -= 1
        return start > 0 and text[start - 1] == _FLAG
    return False


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if ord(char) > 0x9F and _keeps_meaning(match.string, match.start()):
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    """Return `text` with every control and invisible format character shown as an escape
    (except where it is part of the visible text, see above); otherwise unchanged."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_escape, text)


def slug(text: str, fallback: str = "item") -> str:
    """A lowercase ascii id fragment made from a name, for new ids."""
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "_", normal.lower()).strip("_")
    return out[:40] or fallback


def first_names(names: Iterable[str], count: int, most: int = 3) -> str:
    """`some_names` of the alphabetically first names, without sorting them all."""
    return some_names(heapq.nsmallest(most, names), most, count)


def some_names(names: list[str], most: int = 3, count: int | None = None) -> str:
    """A few names and how many more: a duty owned by 480 positions must not make a 13 KB line."""
    count = len(names) if count is None else count
    if count <= most:
        return ", ".join(names)
    more = count - most
    return ", ".join(names[:most]) + ngettext(" and {n} more", " and {n} more", more).format(n=more)


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: wide (East Asian wide/fullwidth, most emoji) count two,
    combining and format characters none. Rich's measure without importing Rich (the core
    stays UI-free); the UI measures its rows with Rich itself."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def ellipsized(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, ending with "…" when it was cut."""
    if cell_width(text) <= width:
        return text
    if width <= 0:
        return ""
    out, used = [], 0
    for char in text:
        cells = cell_width(char)
        if used + cells > width - 1:
            break
        out.append(char)
        used += cells
    return "".join(out).rstrip() + "…"
