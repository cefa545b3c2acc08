"""Where the boxes of an org chart go, so that the picture fits a screen.

Graphviz and Mermaid put every report of a manager side by side on one rank: a team of
twelve is twelve boxes wide, and an org of 300 a picture 80 times wider than tall. The
org-chart layout people know does two things instead, and this module plans both:

- a manager's *leaf* reports (positions nobody reports to) hang below it as a column,
  or as a few columns when there are many;
- when a manager's teams side by side would make the picture too wide, they wrap into
  several rows, each row below the one before.

Both are expressed as invisible edges ("put this box below that one"), which both
renderers honour, so the reporting edges stay the real ones. The plan is chosen bottom-up
from estimated box sizes: at each manager (and at each department, for charts without
reporting lines) the arrangement whose shape is closest to `TARGET_ASPECT` wins. The walk
is iterative: a deep file cannot exhaust the recursion limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Estimates in points, matching the attributes chart.py writes (fontsize 12, margins,
# nodesep, ranksep): they only steer the choice, Graphviz measures the real boxes.
FONT_SIZE = 12.0
BOX_MARGIN = 18.0  # left + right padding inside a box
NODE_SEP = 18.0  # nodesep=0.25in
RANK_PITCH = 80.0  # a box of three lines (about 45 pt) plus ranksep=0.4in
CLUSTER_PAD = 16.0  # a department's frame on both sides
EDGE_GAP = 10.0  # beside a column, each line down to one of its boxes takes this much room
TARGET_ASPECT = 1.6  # width : height a block aims for (a landscape screen)
MAX_CHOICES = 12  # columns / rows tried per manager: enough for any real team


def text_width(line: str) -> float:
    """A rough Helvetica advance width of one line, in points."""
    total = 0.0
    for char in line:
        if char in "iljtfI.,;:'|!() ":
            total += 0.3
        elif char in "mwMW@%":
            total += 0.85
        elif char.isupper() or char.isdigit():
            total += 0.65
        else:
            total += 0.55
    return total * FONT_SIZE


def box_width(lines: list[str]) -> float:
    return max(54.0, max((text_width(line) for line in lines), default=0.0) + BOX_MARGIN)


@dataclass
class Item:
    """A box (`node` set: a position, its reports as children) or a group of items
    (`node` None: a department frame, or the whole chart), laid out the same way."""

    node: str | None
    width: float = 0.0
    children: list[Item] = field(default_factory=list)
    framed: bool = False  # a group drawn with a frame (a department cluster)


@dataclass
class Block:
    """What an item occupies once laid out: estimated size, the nodes on its top rank, and
    one node on its lowest rank (what the next row hangs below)."""

    width: float
    height: float  # in ranks
    tops: list[str]
    bottom: str


@dataclass
class Plan:
    stack: list[tuple[str, str]]  # invisible edges: the second node goes below the first
    columns: set[tuple[str, str]]  # those of them that stack a column (drawn straight below)
    width: float  # estimated size of the whole chart, in points
    height: float


def _row_split(blocks: list[Block], rows: int) -> list[list[Block]]:
    """The blocks in order, broken into at most `rows` rows of about equal width."""
    total = sum(b.width for b in blocks) + NODE_SEP * (len(blocks) - 1)
    target = total / rows
    out: list[list[Block]] = [[]]
    width = 0.0
    for block in blocks:
        if out[-1] and width + block.width > target * 1.05 and len(out) < rows:
            out.append([])
            width = 0.0
        out[-1].append(block)
        width += block.width + NODE_SEP
    return out


def _columns(leaves: list[Block], count: int) -> list[list[Block]]:
    size = math.ceil(len(leaves) / count)
    return [leaves[i : i + size] for i in range(0, len(leaves), size)]


def _column_block(col: list[Block]) -> Block:
    width = max(b.width for b in col) + EDGE_GAP * (len(col) - 1)
    return Block(width, float(len(col)), [col[0].bottom], col[-1].bottom)


def _choices(n: int) -> list[int]:
    picks = set(range(1, min(n, MAX_CHOICES) + 1))
    picks |= {math.ceil(n / k) for k in (4, 6, 8, 12, 16) if n > k}
    return sorted(picks)


def _shape_cost(width: float, height: float, rows: int) -> float:
    aspect = width / max(height * RANK_PITCH, 1.0)
    return abs(math.log(aspect / TARGET_ASPECT)) + 0.15 * (rows - 1)


def _arrange(item: Item, kids: list[Block], leaf_kids: list[Block], stack: list[tuple[str, str]],
             in_columns: set[tuple[str, str]]) -> Block:
    """Lay out one item's children: leaf columns and sub-blocks in rows; choose the shape."""
    own_height = 1.0 if item.node is not None else 0.0
    pad = 2 * CLUSTER_PAD if item.framed else 0.0
    best: tuple[float, int, int] | None = None
    for cols in _choices(len(leaf_kids)) if leaf_kids else [0]:
        columns = _columns(leaf_kids, cols) if cols else []
        col_blocks = [_column_block(col) for col in columns]
        blocks = col_blocks + kids
        for rows in _choices(len(blocks)) if kids else [1]:  # leaves alone: columns are the shape
            split = _row_split(blocks, rows)
            width = max(sum(b.width for b in row) + NODE_SEP * (len(row) - 1) for row in split) + pad
            height = own_height + sum(max(b.height for b in row) for row in split)
            cost = _shape_cost(max(width, item.width), height, len(split))
            if best is None or cost < best[0] - 1e-9:
                best = (cost, cols, rows)
    assert best is not None
    _, cols, rows = best
    columns = _columns(leaf_kids, cols) if cols else []
    for col in columns:
        pairs = [(upper.bottom, lower.bottom) for upper, lower in zip(col, col[1:])]
        stack.extend(pairs)
        in_columns.update(pairs)
    col_blocks = [_column_block(col) for col in columns]
    split = _row_split(col_blocks + kids, rows)
    for upper, lower in zip(split, split[1:]):
        deepest = max(upper, key=lambda b: b.height)
        stack.extend((deepest.bottom, top) for block in lower for top in block.tops)
    width = max(sum(b.width for b in row) + NODE_SEP * (len(row) - 1) for row in split) + pad
    height = own_height + sum(max(b.height for b in row) for row in split)
    last = max(split[-1], key=lambda b: b.height)
    tops = [item.node] if item.node is not None else [t for b in split[0] for t in b.tops]
    return Block(max(width, item.width), height, tops, last.bottom)


def plan(root: Item) -> Plan:
    """The invisible edges that shape the chart under `root` (post-order, no recursion)."""
    stack_edges: list[tuple[str, str]] = []
    in_columns: set[tuple[str, str]] = set()
    done: dict[int, Block] = {}
    todo: list[tuple[Item, bool]] = [(root, False)]
    while todo:
        item, expanded = todo.pop()
        if not expanded:
            todo.append((item, True))
            todo.extend((child, False) for child in reversed(item.children))
            continue
        if not item.children:
            assert item.node is not None, "an empty group has nothing to draw"
            done[id(item)] = Block(item.width, 1.0, [item.node], item.node)
            continue
        leaf_kids = [done.pop(id(c)) for c in item.children if c.node is not None and not c.children]
        kids = [done.pop(id(c)) for c in item.children if not (c.node is not None and not c.children)]
        done[id(item)] = _arrange(item, kids, leaf_kids, stack_edges, in_columns)
    block = done[id(root)]
    return Plan(stack_edges, in_columns, block.width, block.height * RANK_PITCH)
