"""A filterable chooser: type words to narrow a long list, Enter picks, Esc cancels.

The list shows at most `LIMIT` options, so a keystroke never rebuilds more than that,
however many choices there are; the rest are summed up in a last, disabled line.

The choices of a big org (20,000 positions, 50,000 people) cost more to label and
prepare for matching than the picker costs to open, so `cached()` builds them once per
org version and every picker until the next edit reuses them (`Candidates`).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, Label

from orgtui.core.domain.matching import Candidate, MatchIndex, match_spans
from orgtui.core.i18n import _
from orgtui.core.text import visible
from orgtui.ui.screens.dialog import Dialog
from orgtui.ui.screens.picker_list import PickerList, Row

LIMIT = 100
"""Most options shown at once (the list shows ~20 at a time); type to narrow the rest.
Ranking the matches for the list is what a keystroke costs, so this bounds it."""

PREPARE_AFTER = 0.15
"""Seconds after opening when the matcher's index starts to be built (once the picker is drawn)."""

BUILD_BESIDE_FROM = 2_000
"""From this many choices the index is built in a thread beside the UI (1-2 s for 20,000
positions at 50,000 people): keys typed meanwhile wait for it, Esc and the cursor do not.
Below it the index takes milliseconds and is built at the first keystroke."""

LONGEST = 160
"""Longest label shown (a pool position names 200 holders); typing still matches all of it."""


PickerChoice = tuple[str, str] | tuple[str, str, tuple[str, ...], tuple[str, ...]]
"""(id, label), or (id, label, primary, secondary): what typing is matched against, titles
and ids first, then what the choice is near (holders, department path; they rank lower)."""


class Choices(Sequence[tuple[str, str]]):
    """The (id, label) pairs of a picker, each label made when first asked for."""

    def __init__(self, ids: list[str], label_of: Callable[[int], str]) -> None:
        self.ids = ids
        self._label_of = label_of
        self._labels: dict[int, str] = {}

    def label(self, i: int) -> str:
        found = self._labels.get(i)
        if found is None:
            found = self._labels[i] = self._label_of(i)
        return found

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self.ids)))]
        return self.ids[i], self.label(i)


class Candidates:
    """Choices (id, label) with what typing is matched against, made once; `without()`
    gives the same ones minus a few ids, sharing everything else.

    Opening a picker over 20,000 positions makes only the labels on screen; the matcher's
    index (core/domain/matching.py) is built at the first keystroke (or just after the
    picker is shown), from each choice's titles and what it is near.
    """

    def __init__(self, choices: Iterable[PickerChoice]) -> None:
        made = list(choices)
        labels = [c[1] for c in made]
        self._setup([c[0] for c in made], labels.__getitem__, lambda i: _texts(made[i]))

    @classmethod
    def lazy(cls, ids: list[str], label_of: Callable[[str], str],
             texts_of: Callable[[str], tuple[tuple[str, ...], tuple[str, ...]]]) -> Candidates:
        """Choices whose labels and texts are made from their ids only when needed."""
        made = object.__new__(cls)
        made._setup(ids, lambda i: label_of(ids[i]), lambda i: texts_of(ids[i]))
        return made

    def _setup(self, ids: list[str], label_of: Callable[[int], str],
               texts_of: Callable[[int], tuple[tuple[str, ...], tuple[str, ...]]]) -> None:
        self.choices = Choices(ids, label_of)
        self._texts_of: Callable[[int], tuple[tuple[str, ...], tuple[str, ...]]] | None = texts_of
        self._index: MatchIndex[int] | None = None
        self.excluded: frozenset[int] = frozenset()
        self._where: dict[str, int] | None = None
        self._owner: Candidates = self  # a view made by without() shares its owner's index
        self._building = threading.Lock()  # the UI thread and the index thread build it once

    def label(self, i: int) -> str:
        """Choice `i`'s label as shown: literal, and cut at LONGEST characters."""
        label = visible(self.choices.label(i))
        return label if len(label) <= LONGEST else label[: LONGEST - 1] + "…"

    @property
    def index(self) -> MatchIndex[int]:
        """The matcher over the choices, keyed by their position (built once, shared)."""
        if self._index is None:
            with self._building:  # if the index thread is at it, wait for it
                if self._index is None:
                    texts_of = self._texts_of
                    assert texts_of is not None
                    ids = self.choices.ids
                    made = [Candidate(i, (*primary, ids[i]), near) for i, (primary, near) in ((i, texts_of(i)) for i in range(len(ids)))]
                    self._index = MatchIndex.build(made)
                    self._texts_of = None
        return self._index

    @property
    def ready(self) -> bool:
        """Whether the index is built (typing then costs only the search)."""
        return self._owner._index is not None

    def prepare(self) -> None:
        """Build the matcher's index now (it is otherwise built at the first keystroke)."""
        _ = self._owner.index

    def without(self, ids: Iterable[str | None]) -> Candidates:
        if self._where is None:
            self._where = {cid: i for i, cid in enumerate(self.choices.ids)}
        view = object.__new__(Candidates)
        view.__dict__.update(self.__dict__)
        view._owner = self._owner  # the index is built once, on the shared choices
        view.excluded = frozenset(self._where[i] for i in ids if i in self._where)
        return view

    def __len__(self) -> int:
        return len(self.choices) - len(self.excluded)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return (self.choices[i] for i in range(len(self.choices)) if i not in self.excluded)

    def search(self, query: str, limit: int) -> tuple[list[int], int]:
        """The positions of the best `limit` choices for `query`, and how many match."""
        owner = self._owner
        skip = self.excluded
        if not query.split():
            shown = [i for i in range(min(len(self.choices), limit + len(skip))) if i not in skip][:limit]
            return shown, len(self)
        index = owner.index
        found = [m.key for m in index.search(query, limit + len(skip)) if m.key not in skip]
        matched = index.matched
        if skip and matched:
            matched -= len(skip.intersection(index.keys_matching(query)))
        return found[:limit], matched


class FilterInput(Input):
    """The picker's filter. Textual's `Input` sets its virtual size to the width of what is
    typed, and a virtual size asks for a layout of the screen: each letter laid the picker
    out again. The filter scrolls by that size without a layout (it shows no scrollbar).

    It tells the picker what was typed in the same step as the letter (`on_typed`).
    Textual's `Changed` message reached the picker only after the letter's own frame, and
    the list it narrowed then waited for the next one (Textual draws at most 60 frames a
    second): each letter was two frames 25-30 ms apart, the answer in the later."""

    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, on_typed: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_typed = on_typed
        self._quiet = False

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        if not self._quiet:
            self._on_typed(value)

    def clear_quietly(self) -> None:
        """Empty the filter without telling the picker (a new question shows its own list)."""
        self._quiet = True
        try:
            self.value = ""
        finally:
            self._quiet = False


def _texts(choice: PickerChoice) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if len(choice) == 4:
        return choice[2], choice[3]  # type: ignore[misc]
    return (choice[1],), ()


_CACHE: dict[str, tuple[Any, int, Candidates]] = {}


def cached(org: Any, name: str, build: Callable[[Any], Iterable[PickerChoice] | Candidates],
           duties_matter: bool = True) -> Candidates:
    """The `name` choices of `org`, built by `build(org)` once per org version; with
    `duties_matter=False` (labels and texts that never show duties) once per version of
    its names (`Org.names_version`), so a duty moved keeps them and their match index."""
    version = org.version if duties_matter else org.names_version
    hit = _CACHE.get(name)
    if hit is not None and hit[0]() is org and hit[1] == version:
        return hit[2]
    built = build(org)
    made = built if isinstance(built, Candidates) else Candidates(built)
    _CACHE[name] = (weakref.ref(org), version, made)
    return made


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

    def __init__(self, title: str, choices: Iterable[PickerChoice] | Candidates, hint: str = "", initial: str = "") -> None:
        super().__init__()
        self._set_question(title, choices, hint, initial)

    def _set_question(self, title: str, choices: Iterable[PickerChoice] | Candidates, hint: str, initial: str) -> None:
        self.title_text = title
        self.candidates = choices if isinstance(choices, Candidates) else Candidates(choices)
        self.choices = self.candidates.choices
        self.hint = hint
        self.initial = initial
        self._shown: list[int] = []  # option index -> index in self.choices
        self._matched = 0
        self._waiting: str | None = None  # typed while the index is built beside the UI

    def ask_again(self, title: str, choices: Iterable[PickerChoice] | Candidates, hint: str = "", initial: str = "") -> Picker:
        """This picker (not on screen) made ready for another question: it is then pushed
        as it is, so opening costs neither compose nor mount nor the layouts of a new screen."""
        self._set_question(title, choices, hint, initial)
        self._answered = False
        self._opened()
        return self

    _styled_at = -1
    """The app's count of CSS changes when this picker was last styled (see on_event)."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.ScreenResume):
            # Textual restyles a screen each time it is pushed; for a picker asked again
            # that finds nothing changed, yet re-setting its scrollbars' styles lays the
            # picker out again. A theme chosen while it was away is a change: restyled then.
            changes = self.app._css_update_count
            if changes == self._styled_at:
                event.refresh_styles = False
            self._styled_at = changes
        await super().on_event(event)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog", classes="orgtui-dialog"):
            # always there, hidden without a hint, so a picker asked again keeps its widgets
            yield Label("", markup=False, id="picker-hint", classes="dialog-hint")
            yield FilterInput(self.refilter, placeholder=_("type to filter"), id="picker-filter")
            yield PickerList(id="picker-options")
            yield Label("", markup=False, id="picker-status", classes="dialog-keys")

    def on_mount(self) -> None:
        self._opened()

    def _opened(self) -> None:
        """Show this question: title, hint, an empty filter and the first choices."""
        dialog, title = self.query_one("#picker-dialog"), Content(visible(self.title_text))
        shown = dialog.border_title
        if shown is None or str(shown) != title.plain:  # a title set, even the same, repaints every row of the dialog
            dialog.border_title = title
        hint = self.query_one("#picker-hint", Label)
        _set_line(hint, Content(visible(self.hint)))
        hint.display = bool(self.hint)
        typed = self.query_one("#picker-filter", FilterInput)
        typed.clear_quietly()
        self._fit_list()
        self.refilter("")
        if self.initial:
            for row, choice_index in enumerate(self._shown):
                if self.choices[choice_index][0] == self.initial:
                    self.query_one(PickerList).highlight(row)
                    break
        typed.focus()
        # fold the choices for matching once the picker is drawn (not in the frames that
        # draw it); a big list in a thread, so Esc and the cursor never wait for it
        if len(self.candidates) >= BUILD_BESIDE_FROM and not self.candidates.ready:
            self.set_timer(PREPARE_AFTER, self._build_beside)
        else:
            self.set_timer(PREPARE_AFTER, self.candidates.prepare)

    def _build_beside(self) -> None:
        self.run_worker(self._build_index, thread=True, exit_on_error=False, group="picker-index")

    def _build_index(self) -> None:
        # The org is not edited while the picker is open (it is modal); if it were, the
        # index of this org version would be dropped with it at the next picker.
        try:
            self.candidates.prepare()
        finally:
            self.app.call_from_thread(self._index_built)

    def _index_built(self) -> None:
        if self._waiting is not None and not self.answered:
            waiting, self._waiting = self._waiting, None
            self.refilter(waiting)

    def on_resize(self) -> None:
        self._fit_list()

    def _fit_list(self) -> None:
        """A row per choice (plus borders and a summary line), at most 60% of the screen.

        Fixed while typing, so the dialog does not jump as the list narrows.
        """
        rows = min(len(self.candidates), LIMIT) + 3
        self.query_one(PickerList).styles.height = max(4, min(rows, int(self.app.size.height * 0.6)))

    # -- filtering -----------------------------------------------------------------------

    def refilter(self, query: str) -> None:
        if query.split() and len(self.candidates) >= BUILD_BESIDE_FROM and not self.candidates.ready:
            self._waiting = query  # shown when the index thread is done (_index_built)
            self._update_status(searching=True)
            return
        self._waiting = None
        self._shown, self._matched = self.candidates.search(query, LIMIT)
        rows = [Row(make=partial(self._prompt, i, query)) for i in self._shown]
        if self._matched > len(self._shown):
            rows.append(Row(Content(_("… {n} more, type to narrow").format(n=f"{self._matched - len(self._shown):,}")), disabled=True))
        elif not self._shown:
            if len(self.candidates):
                rows.append(Row(Content(_("Nothing matches “{typed}”").format(typed=visible(query.strip()))), disabled=True))
            else:
                rows.append(Row(Content(_("There is nothing to choose from")), disabled=True))
        self.query_one(PickerList).set_rows(rows, 0 if self._shown else None)
        self._update_status()

    def refilter_now(self) -> None:
        """Show the choices for what was typed, building the index here if need be."""
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self.candidates.prepare()
            self.refilter(waiting)

    def _prompt(self, index: int, query: str) -> Content:
        """The label, literally, with what matched the words typed underlined."""
        label = self.candidates.label(index)
        content = Content(label)
        for start, end in match_spans(label, query) if query.strip() else ():
            content = content.stylize("underline", start, end)
        return content

    def _update_status(self, searching: bool = False) -> None:
        total = len(self.candidates)
        count = _("{matched} of {total}").format(matched=f"{self._matched:,}", total=f"{total:,}") if self._matched != total else f"{total:,}"
        if searching:
            count = _("searching {total}…").format(total=f"{total:,}")
        keys = Content.from_markup(_("$count  [b]↑↓[/b] move  [b]enter[/b] pick  [b]esc[/b] cancel"), count=count)
        _set_line(self.query_one("#picker-status", Label), keys)

    # -- events --------------------------------------------------------------------------

    @on(Input.Submitted, "#picker-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.answered:
            return  # the rest of a key burst (Enter Enter): the first Enter answered
        if self._waiting is not None:
            self.refilter_now()  # Enter means the choice for what was typed: wait for it
        highlighted = self.query_one(PickerList).highlighted
        if highlighted is None or highlighted >= len(self._shown):
            self.app.bell()
            return
        self.answer(self.choices[self._shown[highlighted]][0])

    @on(PickerList.Selected, "#picker-options")
    def _row_clicked(self, event: PickerList.Selected) -> None:
        event.stop()
        if event.index < len(self._shown):
            self.answer(self.choices[self._shown[event.index]][0])

    def action_move(self, how: str) -> None:
        if self._shown:
            getattr(self.query_one(PickerList), f"action_{how}")()

    def action_cancel(self) -> None:
        self.answer(None)

    def answer(self, result: str | None) -> None:
        answered_before = self.answered
        super().answer(result)
        if self.answered and not answered_before:
            # the app keeps this picker for the next question: let go of this one's choices
            # (a 20,000-position list and its match index) and the rows made from them
            self._set_question(self.title_text, (), "", "")
            self.query_one(PickerList).forget_rows()


def _set_line(label: Label, text: Content) -> None:
    """Show `text` in `label`; a line laid out on one row that still fits keeps its height,
    so the screen is not laid out again (that was half of what a typed letter cost, and
    the one layout of a picker asked again)."""
    shown = label.content
    if isinstance(shown, Content) and shown.plain == text.plain and shown.spans == text.spans:
        return
    stays = label.size.height == 1 and text.cell_length <= label.content_region.width
    label.update(text, layout=not stays)


KEPT = "orgtui-picker"
"""The name the app's kept picker is installed under (see `ask`)."""


def ask(app: Any, title: str, choices: Iterable[PickerChoice] | Candidates, then: Callable[[str | None], None],
        hint: str = "", initial: str = "") -> Picker:
    """Push a picker with this question; `then` gets the chosen id or None (Esc).

    A new screen costs Textual its compose, mount, a resize pass and three layouts and
    renders before it settles (~40 ms of the ~75 `m` cost, at any org size). So the app
    keeps one picker installed (it goes with the app) and asks it again; only a picker
    opened while that one is on the stack is made new.
    """
    kept = app.get_screen(KEPT) if app.is_screen_installed(KEPT) else None
    if isinstance(kept, Picker) and kept not in app.screen_stack:
        picker = kept.ask_again(title, choices, hint, initial)
    else:
        picker = Picker(title, choices, hint=hint, initial=initial)
        if kept is None:
            app.install_screen(picker, name=KEPT)
    app.push_screen(picker, then)
    return picker
