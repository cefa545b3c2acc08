"""The picker's list: one line per choice, drawn only where it is on screen.

Textual's `OptionList` measures and renders every option it holds whenever its options
change, and the picker changes them on every keystroke: with 100 options that was most
of the time `m` took to open. This list draws a row only when the terminal shows it
(`render_line`), and a row never wraps: a label wider than the list ends with "…".
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


class Row:
    """A line of the list. `make` gives its text when it is first drawn: a picker holds up
    to 100 rows and shows ~20, and underlining what matched costs ~60 µs a row."""

    __slots__ = ("_make", "_prompt", "disabled")

    def __init__(self, prompt: Content | None = None, disabled: bool = False,
                 make: Callable[[], Content] | None = None) -> None:
        self._prompt = prompt
        self._make = make
        self.disabled = disabled  # a line that says something (… 4,900 more), not a choice

    @property
    def prompt(self) -> Content:
        if self._prompt is None:
            assert self._make is not None
            self._prompt, self._make = self._make(), None
        return self._prompt


class PickerList(ScrollView, can_focus=False):
    """Rows with a highlighted one; never focused (the picker's filter keeps the keys)."""

    COMPONENT_CLASSES = {"picker-list--row", "picker-list--highlighted", "picker-list--disabled"}
    DEFAULT_CSS = """
    PickerList {
        height: auto;
        max-height: 100%;
        overflow-x: hidden;
        overflow-y: auto;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        color: $foreground;
        & > .picker-list--highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .picker-list--disabled {
            color: $text-disabled;
        }
    }
    """

    class Selected(Message):
        """A row was clicked."""

        def __init__(self, picker_list: PickerList, index: int) -> None:
            super().__init__()
            self.picker_list = picker_list
            self.index = index

        @property
        def control(self) -> PickerList:
            return self.picker_list

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.highlighted: int | None = None

    # -- what is shown --------------------------------------------------------------------

    def set_rows(self, rows: list[Row], highlighted: int | None) -> None:
        self.rows = rows
        self.highlighted = highlighted if highlighted is not None and highlighted < len(rows) else None
        size = Size(0, len(rows))
        if size != self.virtual_size:
            # A new count of rows changes the scrollbar's thumb, not where anything is: set
            # without the layout of the screen the reactive asks for (half of what a typed
            # letter cost). When the scrollbar comes or goes, its own reactive asks for one.
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
        if self.scroll_offset.y:
            self.scroll_to(y=0, animate=False, immediate=True)  # (at the top already: no frame for it)
        self._keep_highlight_visible()
        self.refresh()

    def forget_rows(self) -> None:
        """Let go of the rows (and what they were made from) but keep the list's size, so
        the rows shown next lay nothing out: for a picker that is kept while it is away."""
        self.rows = []
        self.highlighted = None

    def highlight(self, index: int | None) -> None:
        if index is not None and not 0 <= index < len(self.rows):
            return
        self.highlighted = index
        self._keep_highlight_visible()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, self.rich_style)
        row = self.rows[index]
        if index == self.highlighted:
            style = self.get_visual_style("picker-list--row", "picker-list--highlighted")
        elif row.disabled:
            style = self.get_visual_style("picker-list--row", "picker-list--disabled")
        else:
            style = self.get_visual_style("picker-list--row")
        line = row.prompt.truncate(width, ellipsis=True, pad=True)
        return Strip(line.render_segments(style), width)

    def _keep_highlight_visible(self) -> None:
        if self.highlighted is None:
            return
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if height <= 0:
            return
        if self.highlighted < top:
            self.scroll_to(y=self.highlighted, animate=False, immediate=True)
        elif self.highlighted >= top + height:
            self.scroll_to(y=self.highlighted - height + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._keep_highlight_visible()

    # -- moving the highlight (the picker's keys call these) --------------------------------

    def _choices(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if not row.disabled]

    def _step(self, by: int) -> None:
        choices = self._choices()
        if not choices:
            return
        if self.highlighted is None:
            self.highlight(choices[0])
            return
        target = max(0, min(self.highlighted + by, choices[-1]))
        while target in range(len(self.rows)) and self.rows[target].disabled and target > choices[0]:
            target -= 1
        self.highlight(target)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_page_up(self) -> None:
        self._step(-max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self._step(max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        choices = self._choices()
        if choices:
            self.highlight(choices[0])

    def action_last(self) -> None:
        choices = self._choices()
        if choices:
            self.highlight(choices[-1])

    # -- the mouse ----------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if 0 <= index < len(self.rows) and not self.rows[index].disabled:
            event.stop()
            self.highlight(index)
            self.post_message(self.Selected(self, index))
