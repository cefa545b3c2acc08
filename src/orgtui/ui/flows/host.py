"""What the flows need from the app, and nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Literal, Protocol

from textual.screen import ModalScreen

from orgtui.core.storage.session import Workspace

if TYPE_CHECKING:
    from orgtui.ui.flows.background import Background
    from orgtui.ui.input_clock import InputClock

Severity = Literal["information", "warning", "error"]


class Host(Protocol):
    ws: Workspace  # the open workspace; switching files replaces it
    background: Background  # the save writer, recovery keeper and lock watch of this app
    input_clock: InputClock  # when the last key or mouse event came (background work waits for a pause)

    def ask(self, screen: ModalScreen[Any], then: Callable[[Any], None] | None = None) -> None:
        """Show a question; `then` gets the answer (None when dismissed)."""

    def tell(self, message: str, *, title: str = "", severity: Severity = "information", timeout: float = 3) -> None:
        """A message that needs attention (a toast); text from files is shown literally."""

    def say(self, message: str) -> None:
        """A confirmation, in the status line: it repaints one row, not the screen."""

    def rebuild(self) -> None:
        """Show a (new) workspace in every pane."""

    def update_title(self) -> None:
        """The file name, read-only and unsaved marks."""

    def close(self, return_code: int = 0, message: str | None = None) -> None:
        """End the app (its last steps run `leaving.leave`); `message` is printed after it."""
