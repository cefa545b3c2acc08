"""A whole-screen repaint in one frame, not two.

When a screen is shown again (a dialog closed over it: Enter in the picker) or for the
first time, Textual repaints all of it. The regions its widgets asked to repaint
meanwhile (the rows an edit changed, a list's new rows) are drawn in that repaint, but
Textual keeps them and repaints them once more at its next frame: for the move by Enter,
~10 KB of the same cells sent 25 ms after the move was already on screen. A screen with
`OneFrameScreen` drops them when its frame is the whole screen.

A layout is one frame too. Textual's scroll views update their scrollbars inside the
layout and ask for them to be repainted, which comes as a frame of its own 20-40 ms
later (the picker opening, a drop hiding the drag ghost), although the layout's frame has
just drawn them as they are. A repaint asked for during a layout of what that layout's
frame drew is dropped; and a layout followed by a whole-screen repaint (a screen shown)
sends only the whole screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.geometry import Region, Size

if TYPE_CHECKING:
    from textual.screen import Screen

    _ScreenBase = Screen[Any]
else:
    # a mixin at run time: Textual takes a widget's CSS from its first DOMNode base only,
    # so a Screen subclass here would cut a dialog off ModalScreen's styles
    _ScreenBase = object


class OneFrameScreen(_ScreenBase):
    """Mixed into the org screen and every dialog, before their Textual screen class."""

    _drawn_in_layout: list[Region] | None = None  # what the frame of the layout under way drew
    _whole_after_layout = False  # a whole-screen repaint follows the layout under way

    def _on_timer_update(self) -> None:
        whole = self._repaint_required and self.is_current and not self.app._batch_count
        if whole:
            for widget in self._compositor.visible_widgets:
                if widget is not self:  # the screen's own region is the whole-screen repaint
                    widget._exchange_repaint_regions()
        # A screen shown (the picker opening) is laid out and then repainted whole in one
        # go: Textual sent the layout's frame and then the whole screen again
        self._whole_after_layout = whole and self._layout_required
        try:
            super()._on_timer_update()
        finally:
            self._whole_after_layout = False

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        drawn: list[Region] = []
        self._drawn_in_layout = drawn
        try:
            super()._refresh_layout(size, scroll)
        finally:
            self._drawn_in_layout = None
        if drawn:
            for widget in self._compositor.visible_widgets:
                if widget is not self and widget._repaint_required and any(region.contains_region(widget.region) for region in drawn):
                    widget._repaint_required = False

    def _compositor_refresh(self) -> None:
        if self._drawn_in_layout is not None and self is self.app.screen and not self.app.is_inline:
            if self._whole_after_layout:
                self._drawn_in_layout.append(self._compositor.size.region)  # by the frame after it
                self._compositor._dirty_regions.clear()
                return
            self._drawn_in_layout.extend(self._compositor._dirty_regions)
        super()._compositor_refresh()
