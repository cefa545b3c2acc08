"""The base of every modal question: it is answered once.

Over SSH two keys often arrive in one read (`rr`, `ss`, Enter Enter). Both reach the
dialog before it has gone: the first answers, and a second `dismiss()` would call the
answer's callback again and pop whatever screen is on top by then — the next dialog, or
(with none left) raise `ScreenStackError` and take the app down with the lock. So a
dialog answers only once, and only while it is the screen on top; later keys of the
burst are dropped.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.screen import ModalScreen

from orgtui.ui.screens.one_frame import OneFrameScreen

T = TypeVar("T")


class Dialog(OneFrameScreen, ModalScreen[T], Generic[T]):
    """A modal screen whose `answer()` dismisses it at most once."""

    _answered = False

    @property
    def answered(self) -> bool:
        return self._answered

    def answer(self, result: T | None) -> None:
        """Dismiss with `result`, unless this dialog has already answered or is not on top."""
        if self._answered or not self.is_active:
            return
        self._answered = True
        self.dismiss(result)
