"""The status line: one row under the panes that says what the last edit did.

A toast mounts a widget, which costs a layout pass and a repaint of the whole screen
(a 5,000-person move fell from 279 ms to 101 ms without it). This line has a fixed size,
so changing its words repaints one row and nothing else. Toasts stay for what needs
attention: errors and warnings.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import reactive
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

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


class SteadyHeaderTitle(HeaderTitle):
    """The header's title, whose new words never re-lay out the screen: it is always the
    header's full width, so only its own row needs repainting (the counts in the
    sub-title change with most edits)."""

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=False)


class OrgHeader(Header):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield SteadyHeaderTitle() if type(widget) is HeaderTitle else widget
