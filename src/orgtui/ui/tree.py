"""A tree pane drawn line by line from a flat index of its visible rows.

Textual's `Tree` keeps a node object per row and, on every change of shape, rebuilds its
whole line list (a `_TreeLine` and a path list per line, then a width measured per line):
at 50,000 people that is most of what a key costs, and most of what the garbage collector
has to walk. Here, as in Textualize/toolong's log view, a pane is a `ScrollView` whose
`render_line` draws only the rows on screen, from three flat arrays kept in step:

- `_lines`: the visible rows, in order, each a `Ref` (a tuple of strings: the garbage
  collector stops tracking those after one pass);
- `_depth`: a bytearray of each row's depth, so the end of a row's subtree is a few
  C-speed `bytearray.find` calls, never a Python walk;
- `_mask`: per row, one bit per level saying "the row at that level is the last of its
  siblings", which is all the guides (`│ ├ └`) need.

What a row says comes from the pane (`child_refs`, `row`, ...) when it is first drawn, and
is cached with its rendered strip; an edit drops the cached labels of the subjects it
touched and patches the index only under the rows whose children changed; of the rows on
screen, only those that would now be drawn differently are repainted (`refresh_rows`), so
an edit, a cursor move or a hover costs its changed rows, not the pane. Expanding,
collapsing, the cursor and mouse hit-testing all work on the index.

Dragging: a press on a draggable row captures the mouse; moves and the release are
reported to the app as messages with screen coordinates, and the app decides what lies
under the pointer.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from orgtui.core.domain.presenters import Row
from orgtui.core.i18n import _
from orgtui.core.text import visible
from orgtui.ui.row_styles import ROW_CLASSES, ROW_CSS, row_styles

if TYPE_CHECKING:  # imported when first used: a drag, `/`
    from orgtui.core.domain.drops import DragItem, DropTarget
    from orgtui.ui.pane_filter import PaneFilter

# Characters whose width terminals disagree on: emoji skin-tone modifiers and variation
# selectors (tmux 3.3 draws `👩🏽` 4 cells wide where Rich counts 2, and `❤️` 1 where Rich
# counts 2), and a zero-width joiner after an emoji (joined by some terminals, not by
# others). Without them every character has one agreed width, so a row is exactly as wide
# as the app measured it and never pushes the pane's border out.
_AMBIGUOUS_WIDTH = re.compile("[\U0001f3fb-\U0001f3ff\ufe0e\ufe0f]|(?<=[\U0001f000-\U0001faff\u2600-\u27bf])\u200d")


def unambiguous(text: str) -> str:
    return _AMBIGUOUS_WIDTH.sub("", text)


def row_text(row: Row, styles: Mapping[str, Style]) -> Text:
    """A row's parts in their styles (ui/row_styles.py), made safe to show."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for part, style in row.parts:
        text.append(unambiguous(visible(part)), styles.get(style, ""))
    return text


class Ref(NamedTuple):
    """What a row shows: its kind and id, and the id of the row it sits under when that
    matters (the position of a duty or holder row; the person of a held-position row).
    A plain tuple, so `("duty", d, pos)` finds it in any lookup."""

    kind: str  # role, duty, department, position, holder, person, held
    id: str
    parent: str | None = None

    @property
    def key(self) -> Ref:
        return self


# What entity a row of each kind shows, for dropping the labels an edit touched.
SUBJECT_OF_ROW = {"holder": "person", "held": "position"}

GUIDE_SPACE, GUIDE_VERTICAL, GUIDE_LAST, GUIDE_MIDDLE = "  ", "│ ", "└ ", "├ "
MAX_DEPTH = 30  # bits of a mask


class RowTree(ScrollView, can_focus=True):
    """The line-drawn tree. Subclasses say what the rows are:

    `child_refs(ref)` (None for the top level), `row(ref)`, `expandable(ref)`,
    `starts_expanded(ref)` and `parent_of(ref)`.
    """

    ALLOW_SELECT = False
    ICON_NODE = "▶ "
    ICON_NODE_EXPANDED = "▼ "

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("space", "toggle_node", "Toggle", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up_rows", "Page up", show=False),
        Binding("pagedown", "page_down_rows", "Page down", show=False),
        Binding("home", "first_row", "First", show=False),
        Binding("end", "last_row", "Last", show=False),
        Binding("left", "collapse_or_parent", "Collapse", show=False),
        Binding("right", "expand_row", "Expand", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tree--cursor",
        "tree--guides",
        "tree--guides-selected",
        "tree--highlight",
        "tree--highlight-line",
        "tree--label",
        *ROW_CLASSES.values(),
    }

    # The look of Textual's Tree, which users know; the words' styles from ui/row_styles.py.
    DEFAULT_CSS = """
    RowTree {
        background: $surface;
        color: $foreground;
        & > .tree--guides { color: $surface-lighten-2; }
        & > .tree--guides-selected { color: $block-cursor-blurred-background; }
        & > .tree--cursor {
            text-style: $block-cursor-blurred-text-style;
            background: $block-cursor-blurred-background;
        }
        & > .tree--highlight-line { background: $block-hover-background; }
        &:focus {
            background-tint: $foreground 5%;
            & > .tree--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
            & > .tree--guides { color: $surface-lighten-3; }
            & > .tree--guides-selected { color: $block-cursor-background; }
        }
        &:light {
            & > .tree--guides { color: $surface-darken-1; }
            & > .tree--guides-selected { color: $block-cursor-background; }
        }
    }
    RowTree {""" + ROW_CSS + """    }
    RowTree:nocolor > .tree--cursor {
        /* without colour the focused pane's selection is the one row in reverse video;
           the other panes' in italics */
        color: $foreground;
        background: $surface;
        text-style: italic;
    }
    RowTree:nocolor:focus > .tree--cursor { text-style: reverse bold; }
    RowTree:ansi {
        color: ansi_default;
        & > .tree--guides { color: $ansi-background; }
        &:nocolor > .tree--cursor { text-style: reverse; }
    }
    """

    class Selected(Message):
        """Enter or a click on a row."""

        def __init__(self, tree: RowTree, ref: object) -> None:
            super().__init__()
            self.tree, self.ref = tree, ref

        @property
        def control(self) -> RowTree:
            return self.tree

    class CursorMoved(Message):
        """The row under the cursor is another one (however it moved: a key, a click, a
        jump, an edit). Told once per frame that shows it, so a held arrow key costs one."""

        def __init__(self, tree: RowTree) -> None:
            super().__init__()
            self.tree = tree

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._told_cursor: object = None  # the cursor's row last told with CursorMoved
        self._lines: list = []
        self._depth = bytearray()
        self._mask = array("L")
        self._toggled: set = set()  # rows whose expansion differs from starts_expanded
        self._cursor = -1
        self._hover = -1
        # Keyed by a pane's own row keys (a Ref; in Problems a Finding or a group tuple).
        self._labels: LRUCache[Any, tuple[int, Text, bool]] = LRUCache(2048)
        self._strips: LRUCache[tuple, Strip] = LRUCache(2048)
        self._serial = 0  # numbers each label made, so a strip of an old label is never reused
        self._style_generation = 0
        self._frame: tuple[int, int, int, int] = (-1, -1, -1, -1)  # cursor end, cursor depth, hover end
        self._drawn: dict[int, tuple] = {}  # what each row on screen (by its y) was drawn from
        self.filter: PaneFilter | None = None  # `/`: the rows shown are the filter's (ui/pane_filter.py)

    # -- what the rows are (the pane's side) ------------------------------------------------

    def child_refs(self, ref: Ref | None) -> Sequence:
        return ()

    def row(self, ref) -> Row:
        raise NotImplementedError

    def expandable(self, ref) -> bool:
        return False

    def starts_expanded(self, ref) -> bool:
        return False

    def parent_of(self, ref) -> Ref | None:
        return None

    def kids_start_collapsed(self, parent) -> bool:
        """True when no child of `parent` starts expanded (lets 50,000 rows be indexed at
        C speed)."""
        return False

    # -- the index ---------------------------------------------------------------------------

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line_key(self, line: int):
        return self._lines[line]

    def _line_depth(self, line: int) -> int:
        return self._depth[line]

    def _line_mask(self, line: int) -> int:
        return self._mask[line]

    def _parent_line(self, line: int) -> int:
        depth = self._depth[line]
        return self._depth.rfind(depth - 1, 0, line) if depth else line

    @property
    def _narrowed(self) -> PaneFilter | None:
        """The filter whose rows are shown (None without one, or while its line is empty)."""
        flt = self.filter
        return flt if flt is not None and flt.active else None

    def is_expanded(self, ref) -> bool:
        if self._narrowed is not None:
            return self.expandable(ref) and self._narrowed.is_open(ref)
        return self.expandable(ref) and (self.starts_expanded(ref) != (ref in self._toggled))

    def _flip(self, ref) -> None:
        """Expand or collapse `ref` in the state the rows are drawn from (the filter's while filtered)."""
        if self._narrowed is not None:
            self._narrowed.flip(ref)
        else:
            self._toggled ^= {ref}

    def line_of(self, key: tuple) -> int:
        """The line a row is on, or -1 when it is not visible (a C-speed scan of tuples)."""
        try:
            return self._lines.index(key)
        except ValueError:
            return -1

    def __contains__(self, key: object) -> bool:
        return self.line_of(key) >= 0  # type: ignore[arg-type]

    @property
    def visible_refs(self) -> list:
        return list(self._lines)

    def label_of(self, key) -> str:
        """A row's words as the user reads them (for tests and messages)."""
        return self._label(self.as_key(key))[1].plain

    def as_key(self, key):
        """A row key as the pane's methods take it (a plain tuple becomes a `Ref`)."""
        return key

    def _subtree_end(self, line: int) -> int:
        """The first line after `line`'s subtree: the next line at its depth or shallower."""
        end = len(self._lines)
        find = self._depth.find
        for depth in range(self._depth[line] + 1):
            found = find(depth, line + 1, end)
            if found != -1:
                end = found
        return end

    def _grow(self, parent, depth: int, mask: int, lines: list, depths: bytearray, masks: array) -> None:
        """Append the visible rows under `parent` (at `depth`) to the three arrays."""
        kids = self.child_refs(parent)
        if not kids:
            return
        depth = min(depth, MAX_DEPTH)
        last = len(kids) - 1
        start = len(lines)
        flt = self._narrowed
        if flt is None and self.kids_start_collapsed(parent) and (not self._toggled or self._toggled.isdisjoint(kids)):
            # a long flat list (50,000 people): no Python work per row beyond the check
            lines.extend(kids)
            depths.extend(bytes([depth]) * len(kids))
            masks.extend(array("L", [mask]) * len(kids))
            masks[start + last] = mask | (1 << depth)
            return
        toggled, expandable, starts = self._toggled, self.expandable, self.starts_expanded
        for i, kid in enumerate(kids):
            own = mask | (1 << depth) if i == last else mask
            lines.append(kid)
            depths.append(depth)
            masks.append(own)
            if expandable(kid) and (starts(kid) != (kid in toggled) if flt is None else flt.is_open(kid)):  # is_expanded
                self._grow(kid, depth + 1, own, lines, depths, masks)

    def _replace(self, start: int, end: int, lines: list, depths: bytearray, masks: array) -> None:
        """Put new rows in place of lines [start, end); keep the cursor on its row."""
        cursor_key = self._lines[self._cursor] if 0 <= self._cursor < len(self._lines) else None
        self._lines[start:end] = lines
        self._depth[start:end] = depths
        self._mask[start:end] = masks
        if self._cursor >= end:
            self._cursor += len(lines) - (end - start)
        elif self._cursor >= start:
            # the cursor's row was inside the replaced part: find it again, or stay near
            found = -1
            if cursor_key is not None:
                try:
                    found = self._lines.index(cursor_key, start, start + len(lines))
                except ValueError:
                    pass
            self._cursor = found if found >= 0 else min(start, len(self._lines) - 1)
        if self._hover >= start:
            self._hover = -1
        self._reshaped()

    def _reshaped(self) -> None:
        self._set_line_count(self.line_count)

    def _set_line_count(self, count: int) -> None:
        """Tell the scrollbars how many rows there are now.

        `virtual_size` is a layout reactive: setting it re-lays out and repaints the whole
        screen. When the row count changes but the scrollbar stays as it was (shown, or not
        needed), only the scrollbar's proportions change, so skip the layout.
        """
        old = self.virtual_size
        new = Size(self.size.width, count)
        height = self.scrollable_content_region.height
        if count != old.height and self.is_mounted and height and (old.height > height) == (count > height):
            new = Size(old.width, count)  # the width follows resizes (_on_resize), not rows
            self.set_reactive(ScrollView.virtual_size, new)
            self._scroll_update(new)
        else:
            self.virtual_size = new
        self.refresh_rows()

    def all_rows(self) -> tuple[list, bytearray, array]:
        """The index of every row shown without a filter."""
        lines: list = []
        depths = bytearray()
        masks = array("L")
        self._grow(None, 0, 0, lines, depths, masks)
        return lines, depths, masks

    def rebuild_rows(self) -> None:
        """Index every visible row anew (a new workspace)."""
        if self.filter is not None:
            self.set_border_words(subtitle=self.filter.subtitle or "")
            self.filter = None
        lines, depths, masks = self.all_rows()
        self._lines, self._depth, self._mask = lines, depths, masks
        self._labels.clear()
        self._strips.clear()
        if self._cursor >= len(lines):
            self._cursor = len(lines) - 1
        self._hover = -1
        self._reshaped()

    def clear_rows(self) -> None:
        self._lines, self._depth, self._mask = [], bytearray(), array("L")
        self._toggled.clear()
        self._labels.clear()
        self._strips.clear()
        self._cursor = self._hover = -1
        self._reshaped()

    def expand_line(self, line: int) -> None:
        ref = self._lines[line]
        if not self.expandable(ref) or self.is_expanded(ref):
            return
        self._flip(ref)
        lines: list = []
        depths = bytearray()
        masks = array("L")
        self._grow(ref, self._depth[line] + 1, self._mask[line], lines, depths, masks)
        self._forget_key(ref)  # its icon turns
        self._replace(line + 1, line + 1, lines, depths, masks)

    def collapse_line(self, line: int) -> None:
        ref = self._lines[line]
        if not self.is_expanded(ref):
            return
        self._flip(ref)
        self._forget_key(ref)
        self._replace(line + 1, self._subtree_end(line), [], bytearray(), array("L"))

    def expand_key(self, key) -> bool:
        """Expand a row, first showing it (its ancestors expanded). False: no such row."""
        line = self.reveal(key)
        if line < 0:
            return False
        self.expand_line(line)
        return True

    def reveal(self, key) -> int:
        """Expand the ancestors of a row so it is visible; its line, or -1."""
        key = self.as_key(key)
        line = self.line_of(key)
        if line >= 0:
            return line
        chain = []
        parent = self.parent_of(key)
        while parent is not None:
            chain.append(parent)
            parent = self.parent_of(parent)
        for ancestor in reversed(chain):
            at = self.line_of(ancestor)
            if at < 0:
                return -1
            self.expand_line(at)
        return self.line_of(key)

    def reshape(self, ref) -> None:
        """The children of `ref` (None: the top level) changed: patch its part of the index.

        Children still there keep their rows (and their expanded subtrees); only the
        added ones are grown and the removed ones cut out.
        """
        if ref is None:
            line, depth, mask, end = -1, 0, 0, len(self._lines)
        else:
            line = self.line_of(ref)
            if line < 0:
                return
            self._forget_key(ref)
            if not self.is_expanded(ref):
                self.refresh_rows()
                return
            depth, mask, end = self._depth[line] + 1, self._mask[line], self._subtree_end(line)
        depth = min(depth, MAX_DEPTH)
        old: dict = {}
        at = line + 1
        while at < end:
            nxt = self._depth.find(depth, at + 1, end)
            nxt = end if nxt == -1 else nxt
            old[self._lines[at]] = (at, nxt)
            at = nxt
        kids = self.child_refs(ref)
        lines: list = []
        depths = bytearray()
        masks = array("L")
        bit = 1 << depth
        last = len(kids) - 1
        for i, kid in enumerate(kids):
            own = mask | bit if i == last else mask
            kept = old.get(kid)
            if kept is None:
                lines.append(kid)
                depths.append(depth)
                masks.append(own)
                if self.is_expanded(kid):
                    self._grow(kid, depth + 1, own, lines, depths, masks)
                continue
            a, b = kept
            lines.extend(self._lines[a:b])
            depths.extend(self._depth[a:b])
            segment = self._mask[a:b]
            if (segment[0] ^ own) & bit:  # it became (or stopped being) the last sibling
                segment = array("L", (m ^ bit for m in segment))
                self._forget_key(kid)
            masks.extend(segment)
        self._replace(line + 1, end, lines, depths, masks)

    def remove_row(self, key) -> None:
        """Cut one visible row (and its subtree) out, without looking at its siblings."""
        line = self.line_of(key)
        if line < 0:
            return
        depth = self._depth[line]
        was_last = self._mask[line] >> depth & 1
        self._replace(line, self._subtree_end(line), [], bytearray(), array("L"))
        if was_last:
            self._mark_last_before(line, depth)

    def insert_row(self, parent, ref, before) -> None:
        """Show a new child `ref` of `parent` (None: top level) in front of its sibling
        `before` (None: as the last child)."""
        if parent is None:
            depth, mask, start, end = 0, 0, -1, len(self._lines)
        else:
            start = self.line_of(parent)
            if start < 0 or not self.is_expanded(parent):
                return
            depth, mask, end = self._depth[start] + 1, self._mask[start], self._subtree_end(start)
        at = self.line_of(before) if before is not None else -1
        last = at < 0
        if last:
            at = end
        lines: list = [ref]
        depths = bytearray([depth])
        own = mask | (1 << depth) if last else mask
        masks = array("L", [own])
        if self.is_expanded(ref):
            self._grow(ref, depth + 1, own, lines, depths, masks)
        had_before = at > start + 1
        self._replace(at, at, lines, depths, masks)
        if last and had_before:
            self._unmark_last_before(at, depth)

    def _previous_sibling(self, line: int, depth: int) -> int:
        """The line of the sibling just before `line` (same depth, same parent), or -1."""
        found = self._depth.rfind(depth, 0, line)
        if found < 0:
            return -1
        for shallower in range(depth):
            if self._depth.rfind(shallower, found, line) != -1:
                return -1
        return found

    def _flip_last(self, sibling: int, depth: int) -> None:
        bit = 1 << depth
        end = self._subtree_end(sibling)
        for i in range(sibling, end):
            self._mask[i] ^= bit
        self._forget_key(self._lines[sibling])
        self.refresh_rows()

    def _mark_last_before(self, line: int, depth: int) -> None:
        sibling = self._previous_sibling(line, depth)
        if sibling >= 0 and not self._mask[sibling] >> depth & 1:
            self._flip_last(sibling, depth)

    def _unmark_last_before(self, line: int, depth: int) -> None:
        sibling = self._previous_sibling(line, depth)
        if sibling >= 0 and self._mask[sibling] >> depth & 1:
            self._flip_last(sibling, depth)

    # -- labels ------------------------------------------------------------------------------

    def _label(self, key) -> tuple[int, Text, bool]:
        found = self._labels.get(key)
        if found is None:
            self._serial += 1
            label = self.make_label(key)
            if self.filter is not None:
                label = self.filter.highlight(key, label)
            found = (self._serial, label, self.expandable(key))
            self._labels.set(key, found)
        return found

    def make_label(self, key) -> Text:
        return row_text(self.row(key), self.row_styles)

    _row_styles: dict[str, Style] | None = None

    @property
    def row_styles(self) -> dict[str, Style]:
        """The words' styles from the CSS, read once per theme (ui/row_styles.py)."""
        if self._row_styles is None:
            self._row_styles = row_styles(self)
        return self._row_styles

    def _forget_key(self, key) -> None:
        self._labels.discard(key)

    def forget_labels(self, subjects: Iterable[tuple[str, str]]) -> None:
        """Redraw every row showing one of these subjects (kind, id)."""
        wanted = set(subjects)
        if not wanted:
            return
        for key in list(self._labels.keys()):
            if (SUBJECT_OF_ROW.get(key[0], key[0]), key[1]) in wanted:
                self._labels.discard(key)
        self.refresh_rows()

    # -- the border's words ------------------------------------------------------------------

    _setting_border = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False):
        if self._setting_border:
            return self  # the border's own row is repainted instead (set_border_words)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def set_border_words(self, title: str | None = None, subtitle: str | None = None) -> None:
        """Show these words in the top (title) or bottom (subtitle) border; None leaves them.

        Textual repaints the whole pane whenever a border's words are set, even to the same
        words: after every edit, for the count under People or Problems. Here only the
        border's row is repainted, and only when its words changed.
        """
        rows = []
        if title is not None and title != (self.border_title or ""):
            self._set_quietly("border_title", title)
            rows.append(0)
        if subtitle is not None and subtitle != (self.border_subtitle or ""):
            self._set_quietly("border_subtitle", subtitle)
            rows.append(self.outer_size.height - 1)
        gutter = self.content_offset
        for row in rows:
            self.refresh(Region(-gutter.x, row - gutter.y, self.outer_size.width, 1))

    def _set_quietly(self, name: str, words: str) -> None:
        self._setting_border = self.is_mounted and bool(self.outer_size)  # before: drawn whole anyway
        try:
            setattr(self, name, words)
        finally:
            self._setting_border = False

    def relabel(self, key) -> None:
        self._forget_key(key)
        self.refresh_rows()

    # -- the filter (`/`, ui/pane_filter.py) ----------------------------------------------------

    def start_filter(self, org) -> None:
        """Show the filter line (again, to type on), and the rows matching what is typed."""
        if self.filter is None:
            from orgtui.ui.pane_filter import PaneFilter

            self.filter = PaneFilter(self, org)
        self.filter.typing = True
        self.filter.apply(org)

    def show_filtered(self, lines: list, depths: bytearray, masks: array, cursor: int) -> None:
        """Draw these rows (the filter's), the cursor on line `cursor`."""
        self._lines, self._depth, self._mask = lines, depths, masks
        self._labels.clear()
        self._strips.clear()
        self._hover = -1
        self._cursor = cursor if cursor >= 0 else (0 if lines else -1)
        self._reshaped()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.call_after_refresh(self.scroll_to_line, self._cursor)

    def clear_filter(self) -> None:
        """All rows again, the cursor on the row it was on (a found row is shown)."""
        if self.filter is None:
            return
        key = self.cursor_ref
        self.rebuild_rows()  # drops the filter
        if key is not None and self.select_key(key):
            return
        self.refresh()

    async def _on_key(self, event: events.Key) -> None:
        flt = self.filter
        if flt is not None and (flt.typing or event.key == "escape") and flt.key(event):
            event.stop()
            event.prevent_default()
            return
        keys_of = getattr(self.app, "keys_of", None)
        if keys_of is not None and event.key in keys_of("find").split(","):
            # `/` starts the filter here, not through the app's binding: that runs only
            # when the key has come back up to the app, after the keys typed right behind
            # it (one burst from the terminal) have reached this pane and been lost
            event.stop()
            event.prevent_default()
            await self.app.run_action("find")

    def _on_paste(self, event: events.Paste) -> None:
        if self.filter is not None and self.filter.typing:
            event.stop()
            self.filter.set_query(self.filter.query + event.text)

    # -- the cursor --------------------------------------------------------------------------

    @property
    def cursor_line(self) -> int:
        return self._cursor

    @cursor_line.setter
    def cursor_line(self, line: int) -> None:
        line = max(-1, min(line, self.line_count - 1))
        if line != self._cursor:
            self._cursor = line
            self.refresh_rows()

    @property
    def cursor_ref(self):
        return self.line_key(self._cursor) if 0 <= self._cursor < self.line_count else None

    @property
    def hover_line(self) -> int:
        return self._hover

    @hover_line.setter
    def hover_line(self, line: int) -> None:
        if line != self._hover:
            self._hover = line
            self.refresh_rows()

    def move_cursor_to(self, line: int) -> None:
        self.cursor_line = line
        self.scroll_to_line(self._cursor)

    def scroll_to_line(self, line: int) -> None:
        if line < 0:
            return
        height = self.scrollable_content_region.height or 1
        top = int(self.scroll_offset.y)
        if line < top:
            self.scroll_to(y=line, animate=False, immediate=True, force=True)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True, force=True)

    def select_key(self, key) -> bool:
        """Put the cursor on a row now (showing it first), so the very next key acts on it
        (keys typed fast over SSH arrive before the next refresh); scroll it into view."""
        line = self.reveal(key)
        if line < 0:
            return False
        self._cursor = line
        self.refresh_rows()
        self.call_after_refresh(self.scroll_to_line, line)
        return True

    def ref_at(self, screen_x: int, screen_y: int):
        region = self.content_region
        if not region.contains(screen_x, screen_y):
            return None
        line = self.line_at(screen_y)
        return self.line_key(line) if 0 <= line < self.line_count else None

    def line_at(self, screen_y: int) -> int:
        return screen_y - self.content_region.y + int(self.scroll_offset.y)

    def _on_focus(self, _: events.Focus) -> None:
        # A freshly focused tree has no cursor, so Enter or `m` would do nothing.
        if self._cursor < 0 and self._lines:
            self._cursor = 0
        self.refresh()

    def _on_blur(self, _: events.Blur) -> None:
        self.refresh()

    def action_cursor_up(self) -> None:
        self.move_cursor_to(self.line_count - 1 if self._cursor < 0 else max(0, self._cursor - 1))

    def action_cursor_down(self) -> None:
        self.move_cursor_to(self._cursor + 1)

    def action_page_up_rows(self) -> None:
        self.move_cursor_to(max(0, self._cursor - (self.scrollable_content_region.height or 1)))

    def action_page_down_rows(self) -> None:
        self.move_cursor_to(self._cursor + (self.scrollable_content_region.height or 1))

    def action_first_row(self) -> None:
        self.move_cursor_to(0)

    def action_last_row(self) -> None:
        self.move_cursor_to(self.line_count - 1)

    def action_toggle_node(self) -> None:
        self.toggle_line(self._cursor)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # space on a row that does not open (a duty): not handled here, so the key reaches
        # the app's bindings (`mark` in the action table)
        if action == "toggle_node":
            return 0 <= self._cursor < self.line_count and self.expandable(self.line_key(self._cursor))
        return True

    def toggle_line(self, line: int) -> None:
        if not 0 <= line < self.line_count:
            return
        if self.is_expanded(self.line_key(line)):
            self.collapse_line(line)
        else:
            self.expand_line(line)

    def action_expand_row(self) -> None:
        if 0 <= self._cursor < self.line_count:
            self.expand_line(self._cursor)

    def action_collapse_or_parent(self) -> None:
        if not 0 <= self._cursor < self.line_count:
            return
        ref = self.line_key(self._cursor)
        if self.is_expanded(ref):
            self.collapse_line(self._cursor)
            return
        depth = self._line_depth(self._cursor)
        if depth:
            self.move_cursor_to(self._parent_line(self._cursor))

    def action_select_cursor(self) -> None:
        if 0 <= self._cursor < self.line_count:
            ref = self.line_key(self._cursor)
            self.toggle_line(self._cursor)  # as Textual's Tree does (auto_expand)
            self.post_message(self.Selected(self, ref))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = offset.y + int(self.scroll_offset.y)
        if not 0 <= line < self.line_count:
            return
        icon = 2 * self._line_depth(line)
        if self.expandable(self.line_key(line)) and icon <= offset.x < icon + 2:
            self.toggle_line(line)
            return
        self.cursor_line = line
        self.action_select_cursor()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        self.hover_line = -1 if offset is None else offset.y + int(self.scroll_offset.y)

    def _on_leave(self, _: events.Leave) -> None:
        self.hover_line = -1

    # -- drawing -----------------------------------------------------------------------------

    _look: tuple = ()
    _look_stale = True

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Textual calls this after every restyle of the widget, changed or not (a screen
        # pushed for the first time restyles the whole app); whether the rows look any
        # different is known once the restyle is complete: at the next frame (_check_look)
        self._look_stale = True

    def _check_look(self) -> None:
        """After a restyle, draw the rows anew only when their styles did change."""
        if not self._look_stale:
            return
        self._look_stale = False
        part = self.get_component_rich_style
        look = (
            self.rich_style, part("tree--highlight-line"), part("tree--cursor", partial=False),
            *(part(name, partial=True) for name in ("tree--guides", "tree--guides-selected", "tree--label", "tree--highlight")),
        )
        if look != self._look:
            self._look = look
            self._style_generation += 1
            self._strips.clear()
        if self._row_styles is not None and row_styles(self) != self._row_styles:
            self._row_styles = None  # another theme: the labels' words are restyled
            self._labels.clear()

    _sized_for: tuple[Size, Size, Size] | None = None  # what the last scrollbar update was for

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual's ScrollView compares the compositor's virtual size (the pane's own
        # region) with its own (the row count): they always differ, so every layout of the
        # screen (the drag ghost shown, moved or hidden) updated and repainted all four
        # panes' scrollbars, in a frame of their own 30-40 ms later. A pane whose size and
        # row count did not change has nothing to update; a new row count either updates
        # the scrollbar itself (_set_line_count) or asks for a layout, and is seen here.
        sized_for = (size, container_size, self.virtual_size)
        if sized_for == self._sized_for:
            return False
        self._sized_for = sized_for
        return super()._size_updated(size, virtual_size, container_size, layout)

    def _on_resize(self, event: events.Resize) -> None:
        self._strips.grow(max(2048, event.size.height * 4))
        self.virtual_size = Size(self.size.width, self.line_count)
        if self.filter is not None:
            self.filter.show_count()  # the filter's line fits the border it has now

    def _frame_now(self) -> tuple[int, int, int, int]:
        """What the rows in view need to know about the cursor and hover rows."""
        cursor, hover = self._cursor, self._hover
        n = self.line_count
        cursor_end = self._subtree_end(cursor) if 0 <= cursor < n else -1
        cursor_depth = self._line_depth(cursor) if 0 <= cursor < n else -1
        hover_end = self._subtree_end(hover) if 0 <= hover < n else -1
        return (cursor_end, cursor_depth, hover_end, int(self.has_focus))

    def render_lines(self, crop):
        self._check_look()
        self._frame = self._frame_now()  # once a frame, for every row drawn in it
        here = self.cursor_ref
        if here != self._told_cursor:
            self._told_cursor = here
            # from the tree's own queue: a message made while the screen renders counts as
            # the screen's, and stops there instead of reaching the app
            self.call_later(self._tell_cursor_moved)
        return super().render_lines(crop)

    def empty_hint(self) -> str:
        """What an empty pane says instead (what to press to fill it); "" for nothing."""
        return ""

    def _tell_cursor_moved(self) -> None:
        self.post_message(self.CursorMoved(self))

    # -- repainting the rows that changed ------------------------------------------------------

    def _blank_state(self, y: int, width: int) -> tuple:
        """What a row below the last one shows: nothing, or on the first row of an empty pane
        what to do about it."""
        hint = ""
        if y == 0 and self.line_count == 0:  # a filter that matches nothing is not an empty org
            hint = _("Nothing matches — esc shows everything") if self.filter is not None else self.empty_hint()
        return (None, hint, width, self._style_generation)

    def _row_state(self, line: int, label: tuple[int, Text, bool], frame: tuple[int, int, int, int],
                   width: int, room: int) -> tuple:
        """Everything row `line`'s strip is drawn from, with `label` its (serial, text,
        expandable): rows in equal states draw equal strips."""
        key = self.line_key(line)
        serial, _text, expandable = label
        cursor_end, cursor_depth, hover_end, focused = frame
        cursor, hover = self._cursor, self._hover
        in_hover = 0 <= hover <= line < hover_end
        # guides deeper than the cursor's row, inside its subtree, show it is selected
        selected_from = cursor_depth + 1 if focused and cursor < line < cursor_end else MAX_DEPTH + 1
        expanded = expandable and self.is_expanded(key)
        return (
            key, serial, self._line_depth(line), self._line_mask(line), expanded, line == cursor, line == hover, in_hover,
            selected_from, focused, width, room, self._style_generation,
        )

    def refresh_rows(self) -> None:
        """Repaint the rows on screen that would now be drawn differently, not the pane.

        Textual draws every line of a refreshed widget anew through its styles (borders,
        padding, colour filters; ~0.2 ms a line even when the row's strip is cached here):
        a whole-pane refresh per edit was ~40 lines a pane, four panes, for a move that
        changed three rows. A row is repainted when its state (`_row_state`) differs from
        the one it was last drawn from, or its label was dropped (an edit touched it):
        what is on screen, whatever changed the index, the cursor, the hover or the labels.
        """
        if not self._drawn or not self.is_mounted:
            self.refresh()  # nothing drawn yet: Textual draws every row anyway
            return
        self._check_look()
        width = self.size.width
        room = self.scrollable_content_region.width or width
        height = self.scrollable_content_region.height
        top = int(self.scroll_offset.y)
        frame = self._frame_now()
        count, drawn, labels, key_of = self.line_count, self._drawn, self._labels, self.line_key
        changed_from = -1
        for y in range(height + 1):
            if y < height:
                line = top + y
                if 0 <= line < count:
                    label = labels.get(key_of(line))
                    state = None if label is None else self._row_state(line, label, frame, width, room)
                else:
                    state = self._blank_state(y, width)
                if state is None or state != drawn.get(y):
                    if changed_from < 0:
                        changed_from = y
                    continue
            if changed_from >= 0:
                self.refresh(Region(0, changed_from, width, y - changed_from))
                changed_from = -1

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        room = self.scrollable_content_region.width or width  # the scrollbar hides the last cell
        line = y + int(self.scroll_offset.y)
        if not 0 <= line < self.line_count:
            state = self._blank_state(y, width)
            self._drawn[y] = state
            hint = state[1]
            if hint:
                dim = self.get_component_rich_style("tree--guides", partial=True)
                return Strip([Segment(hint[:width].ljust(width), self.rich_style + dim)])
            return Strip.blank(width, self.rich_style)
        label = self._label(self.line_key(line))
        state = self._row_state(line, label, self._frame, width, room)
        self._drawn[y] = state
        strip = self._strips.get(state)
        if strip is None:
            _key, _serial, depth, mask, expanded, _cursor, _hover, in_hover, selected_from = state[:9]
            strip = self._draw(label[1], depth, mask, label[2], expanded, line, in_hover, selected_from, width, room)
            self._strips.set(state, strip)
        return strip

    def _draw(self, label: Text, depth: int, mask: int, expandable: bool, expanded: bool, line: int,
              in_hover: bool, selected_from: int, width: int, room: int) -> Strip:
        base = self.rich_style
        line_style = self.get_component_rich_style("tree--highlight-line") if in_hover else base
        guide = self.get_component_rich_style("tree--guides", partial=True)
        selected = guide + self.get_component_rich_style("tree--guides-selected", partial=True)
        text = Text(style=line_style, no_wrap=True, end="")
        for level in range(1, depth):
            text.append(GUIDE_SPACE if mask >> level & 1 else GUIDE_VERTICAL, selected if level >= selected_from else guide)
        if depth:
            text.append(GUIDE_LAST if mask >> depth & 1 else GUIDE_MIDDLE, selected if depth >= selected_from else guide)
        label_style = self.get_component_rich_style("tree--label", partial=True)
        if line == self._hover:
            label_style += self.get_component_rich_style("tree--highlight", partial=True)
        if line == self._cursor:
            label_style += self.get_component_rich_style("tree--cursor", partial=False)
        if expandable:
            text.append(self.ICON_NODE_EXPANDED if expanded else self.ICON_NODE, line_style)
        shown = label.copy()
        shown.stylize(label_style)
        text.append_text(shown)
        if text.cell_len > room:  # a row that does not fit says so, cut at a cell (wide characters too)
            text.truncate(room, overflow="ellipsis")
        segments = list(text.render(self.app.console))
        return Strip(segments).adjust_cell_length(width, line_style).simplify()


class OrgTree(RowTree):
    DRAG_THRESHOLD = 1  # cells the pointer must move before a press becomes a drag

    MARK = "◆ "  # a marked row's glyph (not only a colour: it reads without one)

    class DragMoved(Message):
        """`items` is what is carried: the marked rows when a marked row is dragged."""

        def __init__(self, item: DragItem, x: int, y: int, items: tuple[DragItem, ...] = ()) -> None:
            super().__init__()
            self.item, self.x, self.y = item, x, y
            self.items = items or (item,)

    class DragEnded(Message):
        def __init__(self, item: DragItem, x: int, y: int, cancelled: bool, items: tuple[DragItem, ...] = ()) -> None:
            super().__init__()
            self.item, self.x, self.y, self.cancelled = item, x, y, cancelled
            self.items = items or (item,)

    def __init__(self, label: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = label
        self._press: tuple[DragItem, int, int] | None = None
        self._carried: tuple[DragItem, ...] = ()
        self._dragging = False
        self._swallow_click = False
        self._marks: dict[Ref, None] = {}  # marked rows, in the order they were marked

    def as_key(self, key):
        return key if isinstance(key, Ref) or not isinstance(key, tuple) else Ref(*key)

    # -- subclasses say what can be dragged from them and dropped on them --------------

    def drag_item(self, ref: Ref) -> DragItem | None:
        return None

    def drop_target(self, ref: Ref | None) -> DropTarget | None:
        return None

    def markable(self, ref: Ref) -> bool:
        return False

    # -- marks: a set of rows acted on together (m, drag, delete) ----------------------
    # Every operation costs what is marked, never the rows of the pane: a mark is a key
    # in a dict, and a marked row's cached label (with the glyph) is all that is redrawn.

    @property
    def marked(self) -> tuple[Ref, ...]:
        return tuple(self._marks)

    def is_marked(self, ref: Ref) -> bool:
        return ref in self._marks

    def toggle_mark(self, ref: Ref) -> bool:
        """Mark or unmark a row; True when it is marked now."""
        if ref in self._marks:
            del self._marks[ref]
        elif self.markable(ref):
            self._marks[ref] = None
        self.relabel(ref)
        return ref in self._marks

    def clear_marks(self) -> None:
        marks, self._marks = self._marks, {}
        for ref in marks:
            self._forget_key(ref)
        self.refresh_rows()

    def keep_marks(self, still: Callable[[Ref], bool]) -> None:
        """Drop the marks of rows that are gone (after an edit or an undo)."""
        for ref in [r for r in self._marks if not still(r)]:
            del self._marks[ref]

    def marked_items(self) -> tuple[DragItem, ...]:
        """What the marked rows carry, as a drag of each would."""
        return tuple(item for item in map(self.drag_item, self._marks) if item is not None)

    def make_label(self, key) -> Text:
        label = super().make_label(key)
        if key in self._marks:
            marked = Text(self.MARK, "bold reverse", end="")
            marked.append_text(label)
            marked.stylize("underline", len(self.MARK))
            return marked
        return label

    # -- dragging ----------------------------------------------------------------------

    async def _on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        ref = self.ref_at(event.screen_x, event.screen_y)
        item = self.drag_item(ref) if ref is not None else None
        if item is not None:
            self._press = (item, event.screen_x, event.screen_y)
            # a marked row carries every marked row with it; an unmarked one only itself
            self._carried = self.marked_items() if ref in self._marks else (item,)
            self._dragging = False
            self.capture_mouse()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        if self._press is None:
            return  # RowTree's own handler (hover highlight) runs after this one
        event.prevent_default()
        item, x0, y0 = self._press
        if not self._dragging and max(abs(event.screen_x - x0), abs(event.screen_y - y0)) < self.DRAG_THRESHOLD:
            return
        self._dragging = True
        self.post_message(self.DragMoved(item, event.screen_x, event.screen_y, self._carried))

    async def _on_mouse_up(self, event: events.MouseUp) -> None:
        if self._press is None:
            return
        item, carried = self._press[0], self._carried
        dragged = self._dragging
        self._end_press()
        if dragged:
            self._swallow_click = True  # the release of a drag is not a click on a row
            self.post_message(self.DragEnded(item, event.screen_x, event.screen_y, cancelled=False, items=carried))

    async def _on_click(self, event: events.Click) -> None:
        if self._swallow_click:
            self._swallow_click = False
            event.prevent_default()  # and RowTree's handler does not run

    def _on_mouse_release(self, _: events.MouseRelease) -> None:
        # Capture was taken away (a screen was pushed): the drag is over, nothing changes.
        self.cancel_drag()

    def _on_hide(self, _: events.Hide) -> None:
        self.cancel_drag()

    def cancel_drag(self) -> None:
        if self._press is None:
            return
        item, dragged = self._press[0], self._dragging
        self._end_press()
        if dragged:
            self.post_message(self.DragEnded(item, -1, -1, cancelled=True))

    def _end_press(self) -> None:
        self._press = None
        self._dragging = False
        if self.app.mouse_captured is self:
            self.release_mouse()

    @property
    def dragging(self) -> bool:
        return self._dragging
