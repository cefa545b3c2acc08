"""The drag ghost: a one-line label that follows the pointer and says what a drop would do."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from orgtui.core.text import visible


class DragGhost(Static):
    """Shows what the drop would do (the edit's label), or why it cannot be dropped there."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.display = False

    def show_at(self, x: int, y: int, what: str, verdict: str, ok: bool) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        if ok:  # the edit's own label says what and where: "Move Returns from A to B"
            text.append(f" ✓ {visible(verdict)} ", "bold")
        else:
            text.append(f" ✗ {visible(what)}: ", "bold")
            text.append(f"{visible(verdict)} ")
        self.update(text)
        self.set_class(ok, "-ok")
        self.set_class(not ok, "-refused")
        width = min(text.cell_len, max(10, self.screen.size.width - 2))
        self.styles.width = width
        # keep the ghost on screen, one row under the pointer
        x = max(0, min(x + 1, self.screen.size.width - width))
        y = y + 1 if y + 1 < self.screen.size.height else max(0, y - 1)
        self.styles.offset = (x, y)
        self.display = True

    def hide(self) -> None:
        self.display = False
