"""A whole-screen repaint in one frame, not two.

When a screen is shown again (a dialog closed over it: Enter in the picker) or for the
first time, Textual repaints all of it. The regions its widgets asked to repaint
meanwhile (the rows an edit changed, a list's new rows) are drawn in that repaint, but
Textual keeps them and repaints them once more at its next frame: for the move by Enter,
~10 KB of the same cells sent 25 ms after the move was already on screen. A screen calls
`drop_covered_repaints` before its frame; it drops them when the frame is the whole screen.
"""

from __future__ import annotations

from textual.screen import Screen


def drop_covered_repaints(screen: Screen) -> None:
    if screen._repaint_required and screen.is_current and not screen.app._batch_count:
        for widget in screen._compositor.visible_widgets:
            if widget is not screen:  # the screen's own region is the whole-screen repaint
                widget._exchange_repaint_regions()
