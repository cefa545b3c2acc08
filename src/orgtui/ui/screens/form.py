"""A small form: one Input per field, checked as you type; OK is only possible when valid."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from orgtui.core.i18n import _
from orgtui.core.text import visible
from orgtui.ui.screens.dialog import Dialog


@dataclass
class FormField:
    """One line of a form: `name` is the key in the values dict, `label` is shown above it."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""


class FormScreen(Dialog[dict[str, str] | None]):
    """Dismisses with {field name: text typed} when submitted, or None on Esc / Cancel.

    `check(values)` runs after every keystroke and returns an error message or None;
    while there is an error the submit button is off, and once the user has typed (or tried
    to submit) it is shown under the fields: a form does not scold before anything is typed.
    An exception raised by `check` counts as an error (its text is shown).
    """

    CSS_PATH = "screens.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(
        self,
        title: str,
        fields: list[FormField],
        check: Callable[[dict[str, str]], str | None],
        submit_label: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.check = check
        self.submit_label = submit_label or _("OK")
        self.error: str | None = None
        self.typed = False  # the error is shown once something was typed or submitted
        self._initial: dict[str, str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog", classes="orgtui-dialog") as dialog:
            dialog.border_title = Content(visible(self.title_text))
            with VerticalScroll(id="form-fields"):
                for index, field in enumerate(self.fields):
                    yield Label(visible(field.label), markup=False, classes="form-label")
                    # The value is shown inert: a control character becomes its escape,
                    # which is also what is submitted if it is left as it is.
                    yield Input(visible(field.value), placeholder=visible(field.placeholder), id=f"form-field-{index}")
            yield Static(Content(""), id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(visible(self.submit_label)), variant="primary", id="form-submit")
                yield Button(Content(_("Cancel")), id="form-cancel")

    def on_mount(self) -> None:
        self._initial = self.values
        self.recheck()
        inputs = self.query(Input)
        if inputs:
            inputs.first().focus()

    @property
    def values(self) -> dict[str, str]:
        """The text of every field, by field name."""
        return {field.name: self.query_one(f"#form-field-{index}", Input).value for index, field in enumerate(self.fields)}

    def recheck(self) -> str | None:
        """Run `check` on the current values; show its error and enable submit accordingly."""
        try:
            error = self.check(self.values)
        except Exception as exc:  # a check must never take the app down
            error = str(exc) or type(exc).__name__
        if error is not None:
            error = str(error) or _("not valid")
        self.error = error
        shown = error if self.typed else None
        self.query_one("#form-error", Static).update(Content(visible(shown or "")))
        self.query_one("#form-error").set_class(shown is not None, "-error")
        self.query_one("#form-submit", Button).disabled = error is not None
        return error

    def submit(self) -> None:
        if self.answered:
            return  # the rest of a key burst (Enter Enter): the first Enter answered
        self.typed = True
        if self.recheck() is None:
            self.answer(self.values)
        else:
            self.app.bell()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if not self.typed and self._initial is not None and self.values != self._initial:
            self.typed = True
        self.recheck()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    @on(Button.Pressed, "#form-submit")
    def _submit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.answer(None)

    def action_cancel(self) -> None:
        self.answer(None)
