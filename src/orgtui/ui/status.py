"""The status line: one row under the panes that says what the last edit did.

A toast mounts a widget, which costs a layout pass and a repaint of the whole screen
(a 5,000-person move fell from 279 ms to 101 ms without it). This line has a fixed size,
so changing its words repaints one row and nothing else. Toasts stay for what needs
attention: errors and warnings.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from orgtui.core.text import visible


class StatusLine(Widget):
    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        width: 1fr;
        padding: 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    message: reactive[str] = reactive("", layout=False)

    def say(self, message: str) -> None:
        self.message = visible(message)

    def render(self) -> Content:
        return Content(self.message)  # plain text: a name like `Bob [/]` is not markup
