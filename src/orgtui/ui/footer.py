"""The footer: the keys that apply now, as many as fit its width, each one whole.

Textual's footer shows every binding that applies and lets the last ones fall off the
right edge ("^s Sa"). This one keeps the action table's FIRST keys that apply (the
selected row's, help, next unowned, undo, save), then adds the ROOM ones that apply, in
the table's order, while they fit: at 80 columns a position offers m a h x, at 200 also
T r f t v, find, go to, details and the rest. The command palette's key stays at the
right edge.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from orgtui.ui.action_table import ACTIONS, FIRST, ROOM

_RANK = {a.action_string: (0 if a.footer == FIRST else 1, i) for i, a in enumerate(ACTIONS) if a.footer in (FIRST, ROOM)}
"""An action string's place in the footer's priority: the FIRST ones, then the ROOM ones."""

PALETTE_CELLS = 12
"""The palette key at the right edge ("▏^p palette") and a cell before it."""


def key_cells(key: FooterKey) -> int:
    """Cells a compact footer key takes: "m Move" and the blank after it."""
    return cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0) + 1


def fitting(keys: list[FooterKey], width: int) -> list[FooterKey]:
    """Of `keys` (in the footer's order), those that fit in `width` cells by priority,
    kept in the footer's order."""
    kept: set[int] = set()
    used = 0
    for i in sorted(range(len(keys)), key=lambda i: _RANK.get(keys[i].action, (2, i))):
        cells = key_cells(keys[i])
        if used + cells <= width:
            kept.add(i)
            used += cells
    return [key for i, key in enumerate(keys) if i in kept]


class FittingFooter(Footer):
    """Textual's compact footer with the keys chosen by `fitting` for its width."""

    _fitted_width = 0

    def compose(self) -> ComposeResult:
        made: Iterable[Widget] = super().compose()
        keys: list[FooterKey] = []
        palette: list[Widget] = []
        for widget in made:
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                keys.append(widget)
            else:
                palette.append(widget)
        width = self.size.width or self.app.size.width
        self._fitted_width = width
        yield from fitting(keys, width - PALETTE_CELLS)
        yield from palette

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._fitted_width:
            self.refresh(recompose=True)
