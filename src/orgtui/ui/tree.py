"""A Tree whose rows come from core views, and whose rows can be dragged.

Rows are `rich.text.Text` built from `views.Row` parts: a plain `str` label would be parsed
as markup (a person called `Bob [/]` would crash the app) and `visible()` makes control
characters inert. Dragging: press on a draggable row captures the mouse; moves and the
release are reported to the app as messages with screen coordinates, and the app decides
what lies under the pointer. `ALLOW_SELECT = False` keeps Textual's text selection from
taking the press first.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from orgtui.core.domain.drops import DragItem, DropTarget
from orgtui.core.domain.presenters import Row
from orgtui.core.text import visible

STYLES = {
    "": "",
    "bold": "bold",
    "dim": "dim",
    "error": "bold red",
    "warning": "yellow",
    "ok": "green",
    "person": "cyan",
    "department": "bold magenta",
}


def row_text(row: Row) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for part, style in row.parts:
        text.append(visible(part), STYLES.get(style, ""))
    return text


@dataclass(frozen=True, slots=True)
class Ref:
    """What a row shows: its kind and id, and the id of the row it sits under when that
    matters (the position of a duty or holder row; the person of a held-position row)."""

    kind: str  # role, duty, department, position, holder, person, held
    id: str
    parent: str | None = None

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.kind, self.id, self.parent)


class MeasuredTree(Tree):
    """A Tree that is cheap to fill with thousands of rows.

    Textual re-measures every row (rendering its label) whenever a row is added or removed,
    and each `add` invalidates the whole tree; with 7,000 rows that is most of the cost of
    opening a large org. Here a label's width is computed from its text (our labels are
    plain `Text` with no_wrap) and cached until the label changes, and `batch()` defers
    the invalidation of a bulk build to its end.
    """

    _batching = 0  # depth of nested batch() blocks
    _batched = False

    def get_label_width(self, node: TreeNode) -> int:
        cache: dict[int, tuple[object, bool, int]] = self.__dict__.setdefault("_widths", {})
        seen = cache.get(node._id)
        if seen is not None and seen[0] is node._label and seen[1] == node._allow_expand:
            return seen[2]
        icon = cell_len(self.ICON_NODE) if node._allow_expand else 0  # both icons are as wide
        width = icon + node._label.cell_len
        cache[node._id] = (node._label, node._allow_expand, width)
        return width

    def _invalidate(self) -> None:
        if self._batching:
            self._batched = True
            return
        super()._invalidate()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Add or remove many rows with one invalidation at the end (blocks may nest)."""
        if not self._batching:
            self._batched = False
        self._batching += 1
        try:
            yield
        finally:
            self._batching -= 1
            if not self._batching and self._batched:
                super()._invalidate()


class OrgTree(MeasuredTree, Tree[Ref]):
    ALLOW_SELECT = False
    DRAG_THRESHOLD = 1  # cells the pointer must move before a press becomes a drag

    class DragMoved(Message):
        def __init__(self, item: DragItem, x: int, y: int) -> None:
            super().__init__()
            self.item, self.x, self.y = item, x, y

    class DragEnded(Message):
        def __init__(self, item: DragItem, x: int, y: int, cancelled: bool) -> None:
            super().__init__()
            self.item, self.x, self.y, self.cancelled = item, x, y, cancelled

    def __init__(self, label: str, **kwargs) -> None:
        super().__init__(Text(label), **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self.nodes: dict[tuple, TreeNode[Ref]] = {}
        self._press: tuple[DragItem, int, int] | None = None
        self._dragging = False
        self._swallow_click = False

    # -- subclasses say what can be dragged from them and dropped on them --------------

    def drag_item(self, ref: Ref) -> DragItem | None:
        return None

    def drop_target(self, ref: Ref | None) -> DropTarget | None:
        return None

    # -- rows --------------------------------------------------------------------------

    def add_row(self, parent: TreeNode[Ref], ref: Ref, row: Row, expand: bool = False, leaf: bool = False) -> TreeNode[Ref]:
        if leaf:
            node = parent.add_leaf(row_text(row), data=ref)
        else:
            node = parent.add(row_text(row), data=ref, expand=expand)
        self.nodes[ref.key] = node
        return node

    def relabel(self, key: tuple, row: Row) -> None:
        node = self.nodes.get(key)
        if node is not None:
            node.set_label(row_text(row))

    def forget(self, node: TreeNode[Ref]) -> None:
        """Drop a node and its descendants from the lookup table (before removing it)."""
        stack = [node]
        while stack:
            current = stack.pop()
            if current.data is not None and self.nodes.get(current.data.key) is current:
                del self.nodes[current.data.key]
            stack.extend(current.children)

    def clear_rows(self) -> None:
        self.clear()
        self.nodes.clear()

    @property
    def cursor_ref(self) -> Ref | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def select_key(self, key: tuple) -> bool:
        """Put the cursor on a row now, so the very next key acts on it (keys typed fast
        over SSH arrive before the next refresh); scroll it into view after the refresh."""
        node = self.nodes.get(key)
        if node is None:
            return False
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        if not self._batching:
            self._tree_lines  # noqa: B018 - builds the lines now, so the node knows its line
            self.cursor_line = node._line
        self.call_after_refresh(self._move_to, node)
        return True

    def _move_to(self, node: TreeNode[Ref]) -> None:
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def ref_at(self, screen_x: int, screen_y: int) -> Ref | None:
        region = self.content_region
        if not region.contains(screen_x, screen_y):
            return None
        node = self.get_node_at_line(screen_y - region.y + int(self.scroll_offset.y))
        return node.data if node is not None else None

    def line_at(self, screen_y: int) -> int:
        return screen_y - self.content_region.y + int(self.scroll_offset.y)

    def _on_focus(self, _: events.Focus) -> None:
        # A freshly focused tree has no cursor, so Enter or `m` would do nothing.
        if self.cursor_line < 0 and self.last_line >= 0:
            self.cursor_line = 0

    # -- dragging ----------------------------------------------------------------------

    def _on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        ref = self.ref_at(event.screen_x, event.screen_y)
        item = self.drag_item(ref) if ref is not None else None
        if item is not None:
            self._press = (item, event.screen_x, event.screen_y)
            self._dragging = False
            self.capture_mouse()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        if self._press is None:
            return  # Tree's own handler (hover highlight) runs after this one
        event.prevent_default()
        item, x0, y0 = self._press
        if not self._dragging and max(abs(event.screen_x - x0), abs(event.screen_y - y0)) < self.DRAG_THRESHOLD:
            return
        self._dragging = True
        self.post_message(self.DragMoved(item, event.screen_x, event.screen_y))

    def _on_mouse_up(self, event: events.MouseUp) -> None:
        if self._press is None:
            return
        item = self._press[0]
        dragged = self._dragging
        self._end_press()
        if dragged:
            self._swallow_click = True  # the release of a drag is not a click on a row
            self.post_message(self.DragEnded(item, event.screen_x, event.screen_y, cancelled=False))

    async def _on_click(self, event: events.Click) -> None:
        if self._swallow_click:
            self._swallow_click = False
            event.prevent_default()

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
