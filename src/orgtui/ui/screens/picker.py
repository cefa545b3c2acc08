"""A filterable chooser: type words to narrow a long list, Enter picks, Esc cancels.

The list shows at most `LIMIT` options, so a keystroke never rebuilds more than that,
however many choices there are; the rest are summed up in a last, disabled line.

The choices of a big org (20,000 positions, 50,000 people) cost more to label and
prepare for matching than the picker costs to open, so `cached()` builds them once per
org version and every picker until the next edit reuses them (`Candidates`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from orgtui.core.text import visible
from orgtui.ui.screens.dialog import Dialog

LIMIT = 100
"""Most options shown at once (the list shows ~20 at a time); type to narrow the rest.
OptionList measures every option it holds on each change, so this bounds a keystroke."""

LONGEST = 160
"""Longest label shown (a pool position names 200 holders); typing still matches all of it."""


class Candidates:
    """Choices (id, label) with what typing is matched against, made once; `without()`
    gives the same ones minus a few ids, sharing everything else."""

    def __init__(self, choices: Iterable[tuple[str, str]]) -> None:
        self.choices = list(choices)
        full = [visible(label) for _, label in self.choices]
        self.labels = [label if len(label) <= LONGEST else label[: LONGEST - 1] + "…" for label in full]
        # What a word is matched against: the whole label, then the id.
        self.haystacks = [f"{label.lower()}\n{visible(cid).lower()}" for (cid, _), label in zip(self.choices, full)]
        self.excluded: frozenset[int] = frozenset()
        self._where: dict[str, int] | None = None

    def without(self, ids: Iterable[str | None]) -> Candidates:
        if self._where is None:
            self._where = {cid: i for i, (cid, _) in enumerate(self.choices)}
        view = object.__new__(Candidates)
        view.choices, view.labels, view.haystacks, view._where = self.choices, self.labels, self.haystacks, self._where
        view.excluded = frozenset(self._where[i] for i in ids if i in self._where)
        return view

    def __len__(self) -> int:
        return len(self.choices) - len(self.excluded)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return (c for i, c in enumerate(self.choices) if i not in self.excluded)


_CACHE: dict[str, tuple[Any, int, Candidates]] = {}


def cached(org: Any, name: str, build: Callable[[Any], Iterable[tuple[str, str]]]) -> Candidates:
    """The `name` choices of `org`, built by `build(org)` once per org version."""
    hit = _CACHE.get(name)
    if hit is not None and hit[0]() is org and hit[1] == org.version:
        return hit[2]
    made = Candidates(build(org))
    _CACHE[name] = (weakref.ref(org), org.version, made)
    return made


class PickerList(OptionList, can_focus=False):
    """The option list of a Picker: never focused, the filter Input keeps the keyboard."""


class Picker(Dialog[str | None]):
    """Choose one of `choices` (id, label); dismisses with the chosen id, or None on Esc.

    `hint` is a line under the title; `initial` is the id highlighted at first (when it
    is among the options shown).
    """

    CSS_PATH = "screens.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("up", "move('cursor_up')", "Up", show=False),
        Binding("down", "move('cursor_down')", "Down", show=False),
        Binding("pageup", "move('page_up')", "Page up", show=False),
        Binding("pagedown", "move('page_down')", "Page down", show=False),
        Binding("ctrl+home", "move('first')", "First", show=False),
        Binding("ctrl+end", "move('last')", "Last", show=False),
    ]

    def __init__(self, title: str, choices: Iterable[tuple[str, str]] | Candidates, hint: str = "", initial: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.candidates = choices if isinstance(choices, Candidates) else Candidates(choices)
        self.choices = self.candidates.choices
        self.hint = hint
        self.initial = initial
        self._labels = self.candidates.labels
        self._haystacks = self.candidates.haystacks
        self._excluded = self.candidates.excluded
        self._shown: list[int] = []  # option index -> index in self.choices
        self._matched = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog", classes="orgtui-dialog") as dialog:
            dialog.border_title = Content(visible(self.title_text))
            if self.hint:
                yield Label(visible(self.hint), markup=False, classes="dialog-hint")
            yield Input(placeholder="type to filter", id="picker-filter")
            yield PickerList(markup=False, id="picker-options")
            yield Label("", markup=False, id="picker-status", classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one(PickerList)
        self._fit_list()
        self.refilter("")
        if self.initial:
            for option_index, choice_index in enumerate(self._shown):
                if self.choices[choice_index][0] == self.initial:
                    options.highlighted = option_index
                    break
        self.query_one("#picker-filter", Input).focus()

    def on_resize(self) -> None:
        self._fit_list()

    def _fit_list(self) -> None:
        """A row per choice (plus borders and a summary line), at most 60% of the screen.

        Fixed while typing, so the dialog does not jump as the list narrows.
        """
        rows = min(len(self.candidates), LIMIT) + 3
        self.query_one(PickerList).styles.height = max(4, min(rows, int(self.app.size.height * 0.6)))

    # -- filtering -----------------------------------------------------------------------

    def matches(self, query: str) -> list[int]:
        """Indexes of the choices in which every word of `query` occurs (case-insensitive)."""
        words = query.lower().split()
        skip = self._excluded
        if not words:
            return [i for i in range(len(self.choices)) if i not in skip]
        return [i for i, hay in enumerate(self._haystacks) if all(word in hay for word in words) and i not in skip]

    def refilter(self, query: str) -> None:
        found = self.matches(query)
        words = query.lower().split()
        self._shown = found[:LIMIT]
        self._matched = len(found)
        options: list[Option] = [Option(self._prompt(i, words)) for i in self._shown]
        if len(found) > LIMIT:
            options.append(Option(f"… {len(found) - LIMIT:,} more, type to narrow", disabled=True))
        elif not found:
            if len(self.candidates):
                options.append(Option(f"Nothing matches “{visible(query.strip())}”", disabled=True))
            else:
                options.append(Option("There is nothing to choose from", disabled=True))
        option_list = self.query_one(PickerList)
        option_list.set_options(options)
        option_list.highlighted = 0 if self._shown else None
        self._update_status()

    def _prompt(self, index: int, words: list[str]) -> Content:
        """The label, literally, with the words typed underlined where they occur."""
        label = self._labels[index]
        content = Content(label)
        lower = label.lower()
        if not words or len(lower) != len(label):
            return content
        for word in words:
            start = lower.find(word)
            while start != -1:
                content = content.stylize("underline", start, start + len(word))
                start = lower.find(word, start + len(word))
        return content

    def _update_status(self) -> None:
        total = len(self.candidates)
        count = f"{self._matched:,} of {total:,}" if self._matched != total else f"{total:,}"
        keys = Content.from_markup("$count  [b]↑↓[/b] move  [b]enter[/b] pick  [b]esc[/b] cancel", count=count)
        self.query_one("#picker-status", Label).update(keys)

    # -- events --------------------------------------------------------------------------

    @on(Input.Changed, "#picker-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.refilter(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.answered:
            return  # the rest of a key burst (Enter Enter): the first Enter answered
        highlighted = self.query_one(PickerList).highlighted
        if highlighted is None or highlighted >= len(self._shown):
            self.app.bell()
            return
        self.answer(self.choices[self._shown[highlighted]][0])

    @on(OptionList.OptionSelected, "#picker-options")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self._shown):
            self.answer(self.choices[self._shown[event.option_index]][0])

    def action_move(self, how: str) -> None:
        option_list = self.query_one(PickerList)
        if not self._shown:
            return
        try:
            getattr(option_list, f"action_{how}")()
        except (KeyError, IndexError):  # not laid out yet: nothing to page through
            pass

    def action_cancel(self) -> None:
        self.answer(None)
