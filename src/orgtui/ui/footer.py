"""The footer: the keys that apply now, as many as fit its width, each one whole, drawn
as one line of text.

Which keys: those that apply, taken by the action table's footer priority (the selected
row's, then undo and save, then help and next unowned, then the rest), in the table's
order within one, while they fit: at 80 columns a position offers m a h x, at 200 also
T r f t v, find, go to, details and the rest. They are shown in the table's order (not
Textual's, which puts priority bindings such as ctrl+q first). The command palette's key stays at the right edge. Textual's footer instead
lets the last keys fall off the right edge ("^s Sa").

How: Textual's `Footer` is a container of one widget per key that recomposes (removes and
mounts ~15 widgets, then lays out the screen) whenever the bindings change: each time the
selected row changes kind, the focus moves to another pane, or a dialog opens or closes
(the footer behind a dialog recomposed too, and redrew the whole dialog over it). This
footer is one widget of a fixed height: a change of bindings repaints its line, nothing
else. A click on a key presses it.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

from orgtui.ui.action_table import ACTIONS, NEVER

_RANK = {a.action_string: (a.footer, i) for i, a in enumerate(ACTIONS) if a.footer is not NEVER and a.keys}
"""An action string's place in the footer's priority: its level, then its place in the table."""


class FooterKey(NamedTuple):
    key: str  # the key as Textual names it, for simulate_key
    shown: str  # as the footer shows it: "^s", "?"
    description: str
    action: str
    enabled: bool  # False: the action says None to check_action (shown dimmed)

    @property
    def cells(self) -> int:
        """Cells it takes: "m Move" and the blank after it."""
        return cell_len(self.shown) + (1 + cell_len(self.description) if self.description else 0) + 1


def fitting(keys: list[FooterKey], width: int) -> list[FooterKey]:
    """Of `keys`, those that fit in `width` cells by priority, in the table's order."""
    kept: set[int] = set()
    used = 0
    for i in sorted(range(len(keys)), key=lambda i: _RANK.get(keys[i].action, (99, i))):
        cells = keys[i].cells
        if used + cells <= width:
            kept.add(i)
            used += cells
    return sorted((keys[i] for i in kept), key=lambda key: _RANK.get(key.action, (99, len(ACTIONS)))[1])


class KeyFooter(Widget, can_focus=False):
    """One line of the keys that apply, repainted (never recomposed) when they change."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description", "key-footer--disabled"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        .key-footer--key {
            color: $footer-key-foreground;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
        }
        .key-footer--disabled {
            text-style: dim;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._spans: list[tuple[int, int, FooterKey]] = []  # where each key was drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def applying(self) -> tuple[list[FooterKey], FooterKey | None]:
        """Every key that applies now, in the footer's order (an action's first key), and
        the command palette's."""
        app = self.app
        palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
        keys: list[FooterKey] = []
        palette: FooterKey | None = None
        seen: set[str] = set()
        look = getattr(app, "one_look", nullcontext)  # orgtui's app reads the selection once
        with look():
            bindings = self.screen.active_bindings
        for key, active in bindings.items():
            binding = active.binding
            made = FooterKey(key, app.get_key_display(binding), binding.description, binding.action, active.enabled)
            if key == palette_key:
                palette = made
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                keys.append(made)
        return keys, palette

    def shown(self) -> tuple[list[FooterKey], FooterKey | None]:
        """The keys the footer shows at its width, and the palette's key."""
        keys, palette = self.applying()
        tail = self._tail(palette)
        room = self.size.width - (cell_len(tail) + 1 if tail else 0)
        return fitting(keys, room), palette

    def words(self) -> list[str]:
        """The descriptions shown now, as a user reads them."""
        keys, palette = self.shown()
        return [k.description for k in keys] + ([palette.description] if palette else [])

    @staticmethod
    def _tail(palette: FooterKey | None) -> str:
        return f"▏{palette.shown} {palette.description}" if palette else ""

    def render(self) -> Content:
        keys, palette = self.shown()
        key_style = self.get_visual_style("key-footer--key")
        text_style = self.get_visual_style("key-footer--description")
        dim = self.get_visual_style("key-footer--disabled")
        parts: list[tuple[str, Style]] = []
        spans: list[tuple[int, int, FooterKey]] = []
        x = 0
        for key in keys:
            parts.append((key.shown, key_style if key.enabled else key_style + dim))
            parts.append((f" {key.description} ", text_style if key.enabled else text_style + dim))
            spans.append((x, x + key.cells, key))
            x += key.cells
        if palette:
            tail = self._tail(palette)
            gap = max(1, self.size.width - x - cell_len(tail) - 1)  # a blank at the end, as Textual draws it
            start = x + gap
            parts += [(" " * gap, text_style), ("▏", text_style), (palette.shown, key_style),
                      (f" {palette.description}", text_style)]
            spans.append((start, start + cell_len(tail), palette))
        self._spans = spans
        return Content.assemble(*parts)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
