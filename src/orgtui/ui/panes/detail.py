"""The detail panel: everything about the selected row, wrapped to the panel's width.

The words come from the core (core/domain/details.py); this widget only wraps and styles
them. Beside the panes on a wide screen, over them (the half away from the focused pane)
when `i` opens it on a small one. It follows the selection: the app hands it the selected
row whenever the cursor or the focus moves or an edit lands, and it asks the core about
that one row only.

Its size never depends on what it says (it fills its grid cell, or its half of the
screen), so new words repaint this widget and lay out nothing: moving down a list of
5,000 people with the panel open costs one row's details per move. Longer details than
fit scroll with the mouse wheel; the last line then says there is more.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

from orgtui.core.i18n import _
from orgtui.core.text import visible
from orgtui.ui.row_styles import ROW_CLASSES, ROW_CSS, row_styles
from orgtui.ui.tree import unambiguous

if TYPE_CHECKING:
    from orgtui.core.domain.details import Details


def details_text(details: Details | None, styles: Mapping[str, Style]) -> Text:
    """The details as one styled text (wrapped by the widget)."""
    text = Text()
    if details is None:
        text.append(_("Select a row to see everything about it."), styles["dim"])
        return text
    text.append(details.kind + "\n", styles["dim"])
    text.append(unambiguous(visible(details.title)) + "\n", "bold")
    for section in details.sections:
        if not section.heading:
            text.append("\n")  # the underlined headings part the rest: room for one more row on 24 lines
        if section.heading:
            text.append(section.heading + "\n", "bold underline")
        for row in section.rows:
            for part, style in row.parts:
                text.append(unambiguous(visible(part)), styles.get(style, ""))
            text.append("\n")
    text.rstrip()
    return text


class DetailPanel(Widget, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = set(ROW_CLASSES.values())
    DEFAULT_CSS = """
    DetailPanel {
        border: round $surface-lighten-2;
        border-title-color: $text-muted;
        background: $surface;
        padding: 0 1;
        height: 1fr;
        width: 1fr;
    }
    DetailPanel {""" + ROW_CSS + """    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = _("Details")
        self._details: Details | None = None
        self._text: Text | None = None  # made when first drawn: the styles come from the CSS
        self._offset = 0  # lines scrolled past (mouse wheel)
        self._wrapped: tuple[int, list[Text]] | None = None  # (width, lines) of the current text

    @property
    def details(self) -> Details | None:
        return self._details

    def show(self, details: Details | None) -> None:
        """Say this from now on (None: nothing is selected). Repaints only this widget."""
        if details == self._details and self._wrapped is not None:
            return
        same_subject = details is not None and self._details is not None and details.title == self._details.title
        self._details = details
        self._text = None
        self._wrapped = None
        if not same_subject:
            self._offset = 0  # another row: from its top; the same one edited: stay where the reader is
        self.refresh()

    @property
    def text(self) -> Text:
        if self._text is None:
            self._text = details_text(self._details, row_styles(self))
        return self._text

    @property
    def plain(self) -> str:
        return self.text.plain

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._text = self._wrapped = None  # the theme (or colour) changed

    def _lines(self, width: int) -> list[Text]:
        if self._wrapped is None or self._wrapped[0] != width:
            console: Console = self.app.console
            self._wrapped = (width, list(self.text.wrap(console, max(1, width), overflow="fold")))
        return self._wrapped[1]

    def render(self) -> Text:
        width, height = self.content_region.width, self.content_region.height
        lines = self._lines(width)
        self._offset = max(0, min(self._offset, len(lines) - height))
        shown = lines[self._offset: self._offset + height]
        out = Text("\n").join(shown)
        if self._offset + height < len(lines) and shown:
            more = Text(_("… more (scroll)"), row_styles(self)["dim"] + Style(italic=True))
            out = Text("\n").join([*shown[:-1], more])
        return out

    def _on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._offset += 3
        self.refresh()

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._offset = max(0, self._offset - 3)
        self.refresh()

    def _on_resize(self, _event: events.Resize) -> None:
        self._wrapped = None
