"""A whole-screen repaint in one frame, not two.

When a screen is shown again (a dialog closed over it: Enter in the picker) or for the
first time, Textual repaints all of it. The regions its widgets asked to repaint
meanwhile (the rows an edit changed, a list's new rows) are drawn in that repaint, but
Textual keeps them and repaints them once more at its next frame: for the move by Enter,
~10 KB of the same cells sent 25 ms after the move was already on screen. A screen with
`OneFrameScreen` drops them when its frame is the whole screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

    _ScreenBase = Screen[Any]
else:
    # a mixin at run time: Textual takes a widget's CSS from its first DOMNode base only,
    # so a Screen subclass here would cut a dialog off ModalScreen's styles
    _ScreenBase = object


class OneFrameScreen(_ScreenBase):
    """Mixed into the org screen and every dialog, before their Textual screen class."""

    def _on_timer_update(self) -> None:
        if self._repaint_required and self.is_current and not self.app._batch_count:
            for widget in self._compositor.visible_widgets:
                if widget is not self:  # the screen's own region is the whole-screen repaint
                    widget._exchange_repaint_regions()
        super()._on_timer_update()
