"""`/` (or ctrl+f) filters the focused pane as you type.

The pane keeps only the rows that match, with their ancestors (so a person found in
Departments still shows the department and position it sits under), the matched part
of each row underlined, a count in the pane's bottom border ("/jurgen▏ 12 of 5,000"),
and the cursor on the first match. Enter goes back to the rows and keeps the filter (so
`m`, Enter and the other keys act on a found row); Esc, while typing or after, clears it
and shows the whole pane again with the cursor on the row it was on.

What matches is decided by the one matcher (core/domain/matching.py) over what each
entity is called (core/domain/findable.py): names, titles in English and German, ids.
The index is built once per org version and shared by every pane; a pane says which
rows show a found entity (`rows_showing`). The filtered view is the tree's own flat
index (ui/tree.py) made from the kept rows only, so a keystroke costs one pass of
C-speed substring tests over the entities (fewer as the query grows) plus the rows kept,
at most CAP of them; no widget or object per row.
"""

from __future__ import annotations

import weakref
from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from rich.text import Text
from textual import events

from orgtui.core.domain import findable
from orgtui.core.domain.filter_line import filter_line
from orgtui.core.domain.matching import Candidate, MatchIndex, match_spans
from orgtui.core.domain.org import Org

if TYPE_CHECKING:
    from orgtui.ui.tree import RowTree

CAP = 2000
"""Most matching rows a filter shows (a one-letter query at 50,000 people matches most
of them); the count still says how many match."""

MAX_DEPTH = 30

BORDER_CELLS = 6
"""Cells of the bottom border that are not the line: the corners, the blank either side of
it, and the rule Textual keeps before the right corner."""


class Filterable(Protocol):
    def rows_showing(self, kind: str, ident: str) -> Iterable[Any]:
        """The rows of this pane that show an entity (none for kinds it does not list)."""
        ...

    def filter_total(self) -> int:
        """How many rows a filter searches (the "of 5,000")."""
        ...


_INDEX: dict[str, tuple[Any, int, MatchIndex[findable.Ref]]] = {}


def entity_index(org: Org) -> MatchIndex[findable.Ref]:
    """Every entity by what it is called (no secondary texts: a row matches by its own
    words, which is what the underline shows), once per org version."""
    hit = _INDEX.get("names")
    if hit is not None and hit[0]() is org and hit[1] == org.version:
        return hit[2]
    index = MatchIndex.build([Candidate(c.key, c.primary) for c in findable.everything(org)])
    _INDEX["names"] = (weakref.ref(org), org.version, index)
    return index


class PaneFilter:
    """The filter of one pane: its query, the rows it matched and the rows it opened."""

    def __init__(self, tree: RowTree, org: Org) -> None:
        self.tree = tree
        self.org = org
        self.query = ""
        self.typing = True
        self.matched: set[Any] = set()
        self.opened: set[Any] = set()  # rows shown expanded in the filtered view
        self.count = 0
        self._subtitle = tree.border_subtitle  # the pane's own (the People count), given back on clear
        self._cursor_key = tree.cursor_ref

    # -- what the filtered view shows ----------------------------------------------------

    @property
    def active(self) -> bool:
        """Something is typed: the pane shows the matching rows (else all of them)."""
        return bool(self.query.strip())

    def is_open(self, key: Any) -> bool:
        return key in self.opened

    def flip(self, key: Any) -> None:
        self.opened ^= {key}

    def apply(self, org: Org | None = None) -> None:
        """Show the rows matching the query (all rows for an empty one)."""
        if org is not None:
            self.org = org
        tree = self.tree
        findings = getattr(tree, "show_findings", None)
        if findings is not None:  # the Problems pane: a flat list of findings, matched by their words
            pane: Any = tree
            only, self.count = pane.filter_rows(self.query, CAP) if self.active else (None, pane.filter_total())
            self.matched = set(only or ())
            findings(only)
        elif self.active:
            self._show_matches()
        else:
            self.matched, self.opened, self.count = set(), set(), self._pane.filter_total()
            every, every_depth, every_mask = tree.all_rows()
            start = self._cursor_key
            tree.show_filtered(every, every_depth, every_mask, every.index(start) if start in every else -1)
        self.show_count()

    @property
    def _pane(self) -> Filterable:
        return self.tree  # type: ignore[return-value]

    def _show_matches(self) -> None:
        """The matching rows (at most CAP) and their ancestors, in the pane's order."""
        tree = self.tree
        rows: list[Any] = []
        count = 0
        for kind, ident in entity_index(self.org).keys_matching(self.query):
            for row in self._pane.rows_showing(kind, ident):
                count += 1
                if len(rows) < CAP:
                    rows.append(row)
        self.count = count
        self.matched = set(rows)
        keep = set(rows)
        opened: set[Any] = set()
        for row in rows:
            parent = tree.parent_of(row)
            while parent is not None and parent not in opened:
                opened.add(parent)
                keep.add(parent)
                parent = tree.parent_of(parent)
        self.opened = opened
        lines: list[Any] = []
        depths = bytearray()
        masks = array("L")
        if keep:
            self._grow(None, 0, 0, keep, lines, depths, masks)
        tree.show_filtered(lines, depths, masks, next((i for i, k in enumerate(lines) if k in self.matched), -1))

    def _grow(self, parent: Any, depth: int, mask: int, keep: set[Any], lines: list[Any], depths: bytearray,
              masks: array) -> None:
        kids = [k for k in self.tree.child_refs(parent) if k in keep]
        depth = min(depth, MAX_DEPTH)
        last = len(kids) - 1
        for i, kid in enumerate(kids):
            own = mask | (1 << depth) if i == last else mask
            lines.append(kid)
            depths.append(depth)
            masks.append(own)
            if kid in self.opened:
                self._grow(kid, depth + 1, own, keep, lines, depths, masks)

    def show_count(self) -> None:
        """The query and the count in the pane's bottom border, fitted to its width."""
        room = self.tree.outer_size.width - BORDER_CELLS
        words = filter_line(self.query, self.count, self._pane.filter_total(), CAP, self.typing, room if room > 0 else 80)
        self.tree.set_border_words(subtitle=words)

    # -- labels --------------------------------------------------------------------------

    def highlight(self, key: Any, label: Text) -> Text:
        """A matching row's label with the matched part underlined."""
        if key not in self.matched:
            return label
        spans = match_spans(label.plain, self.query)
        if spans:
            label = label.copy()
            for start, end in spans:
                label.stylize("bold underline", start, end)
        return label

    # -- typing --------------------------------------------------------------------------

    def key(self, event: events.Key) -> bool:
        """Handle a key typed into the filter line; False: not the filter's (a cursor key)."""
        if event.key == "escape":
            self.tree.clear_filter()
        elif event.key == "enter":
            self.typing = False
            self.show_count()
        elif event.key == "backspace":
            self.set_query(self.query[:-1])
        elif event.key == "ctrl+u":
            self.set_query("")
        elif event.is_printable and event.character:
            self.set_query(self.query + event.character)
        else:
            return False
        return True

    def set_query(self, query: str) -> None:
        self.query = query.replace("\n", " ")
        self.apply()

    @property
    def subtitle(self) -> str | None:
        return self._subtitle

    @property
    def cursor_key(self) -> Any:
        return self._cursor_key
