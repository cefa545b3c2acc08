"""A question with a row of buttons: 'Save / Discard / Cancel', 'Remove / Cancel', 'OK'."""

from __future__ import annotations

from itertools import groupby

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from orgtui.core.text import visible
from orgtui.ui.screens.dialog import Dialog


def is_row(line: str) -> bool:
    """A line of a list (indented, as `orgtui diff` indents its changes), not a sentence."""
    return line.startswith("  ")


class Choice(Dialog[str | None]):
    """Dismisses with the id of the button pressed, or None on Esc.

    `lines` are shown literally (scrolling when long): sentences wrap, and lines indented
    by two spaces are rows of a list (a diff's changes, a plan's steps), one screen line
    each, ending with "…" when they do not fit; a dialog with rows is wider where there is
    room. `buttons` are (id, label). The
    first letter of a label is its key when no other label starts with it (shown
    underlined). The `default` button (else the first) has the focus, so Enter presses it.
    """

    CSS_PATH = "screens.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("left", "app.focus_previous", "Previous", show=False),
        Binding("right", "app.focus_next", "Next", show=False),
    ]

    def __init__(self, title: str, lines: list[str], buttons: list[tuple[str, str]], default: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.lines = list(lines)
        self.buttons = list(buttons)
        self.default = default
        initials = [label.strip()[:1].lower() for _, label in self.buttons]
        self.keys: dict[str, str] = {
            letter: bid
            for letter, (bid, _) in zip(initials, self.buttons)
            if letter.isalnum() and initials.count(letter) == 1
        }

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-dialog", classes="orgtui-dialog") as dialog:
            dialog.border_title = Content(visible(self.title_text))
            if self.lines:
                if any(is_row(line) for line in self.lines):
                    dialog.add_class("with-rows")
                with VerticalScroll(id="choice-body"):
                    for rows, block in groupby(self.lines, key=is_row):
                        yield Static(Content("\n".join(visible(line) for line in block)),
                                     classes="choice-rows" if rows else "choice-text")
            with Horizontal(classes="dialog-buttons"):
                for index, (bid, label) in enumerate(self.buttons):
                    yield Button(
                        self._label(label),
                        variant="primary" if bid == self.default else "default",
                        id=f"choice-{index}",
                    )

    def _label(self, label: str) -> Content:
        shown = visible(label)
        content = Content(shown)
        stripped = shown.lstrip()
        if stripped[:1].lower() in self.keys:
            start = len(shown) - len(stripped)
            content = content.stylize("underline", start, start + 1)
        return content

    def on_mount(self) -> None:
        index = next((i for i, (bid, _) in enumerate(self.buttons) if bid == self.default), 0)
        if self.buttons:
            self.query_one(f"#choice-{index}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        index = int((event.button.id or "choice-0").removeprefix("choice-"))
        self.answer(self.buttons[index][0])

    def on_key(self, event: events.Key) -> None:
        letter = (event.character or "").lower()
        if letter and letter in self.keys:
            event.stop()
            event.prevent_default()
            self.answer(self.keys[letter])

    def action_cancel(self) -> None:
        self.answer(None)
