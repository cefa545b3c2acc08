"""The status line: one row under the panes that says what the last edit did.

A toast mounts a widget, which costs a layout pass and a repaint of the whole screen
(a 5,000-person move fell from 279 ms to 101 ms without it). This line has a fixed size,
so changing its words repaints one row and nothing else. Toasts stay for what needs
attention: errors and warnings.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.css.query import NoMatches
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

    def on_resize(self) -> None:
        if isinstance(self.parent, OrgHeader):
            self.update(self.parent.format_title())  # fitted anew to the new width


class OrgHeader(Header):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield SteadyHeaderTitle() if type(widget) is HeaderTitle else widget

    def format_title(self) -> Content:
        """The file and the counts, fitted to the title's width (core/domain/title_bar.py):
        at 80 columns the counts stay whole and the file name is what gets cut."""
        fit = getattr(self.app, "fit_title", None)
        if fit is None:
            return super().format_title()
        try:
            width = self.query_one(SteadyHeaderTitle).size.width
        except NoMatches:
            width = 0
        title, counts = fit(width) if width else (self.app.title, self.app.sub_title)
        # the unowned count first and bold: told apart by its weight, in colour or not
        first, dot, rest = counts.partition(" · ")
        words = Content.assemble((first, "bold"), dot, rest)
        if not title:
            return words
        return Content.assemble(Content(title), " — ", words)
