"""What a pane's filter says in the pane's bottom border, fitted to the border's width.

"/jurgen▏ 12 of 5,000" while typing, "/jurgen  12 of 5,000  esc clears" once Enter kept
it. At 80×24 a pane is 38 columns wide, so the words go in this order when they do not
fit: the "(first 2,000; type more)" note, then the "esc clears" hint, then the start of
the query (the end, where the user types, stays: "/…ing manager▏ 3 of 87"); the count
goes last, cut with "…".
"""

from __future__ import annotations

from orgtui.core.i18n import _
from orgtui.core.text import cell_width, ellipsized


def filter_line(query: str, count: int, total: int, cap: int, typing: bool, width: int) -> str:
    """The border line for `query` matching `count` of `total` rows (at most `cap` shown),
    in at most `width` cells."""
    shown = _("{n} of {total}").format(n=f"{count:,}", total=f"{total:,}")
    capped = " " + _("(first {cap}; type more)").format(cap=f"{cap:,}") if count > cap else ""
    cursor = "▏ " if typing else "  "
    hint = "" if typing else "  " + _("esc clears")
    for words in (shown + capped + hint, shown + hint, shown):
        line = f"/{query}{cursor}{words}"
        if cell_width(line) <= width:
            return line
    room = width - cell_width(f"/…{cursor}{shown}")
    if room >= 3:
        return f"/…{_tail(query, room)}{cursor}{shown}"
    return ellipsized(shown, width)


def _tail(text: str, width: int) -> str:
    """The end of `text` in at most `width` cells (wide characters whole)."""
    out: list[str] = []
    used = 0
    for char in reversed(text):
        cells = cell_width(char)
        if used + cells > width:
            break
        out.append(char)
        used += cells
    return "".join(reversed(out))
