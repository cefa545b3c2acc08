"""What an org chart shows, before it is written as DOT or Mermaid.

With reporting lines (docs/org-file.md, format 3) the chart is the reporting tree, top
down: an edge from each manager to each report, dotted lines dashed, each box coloured by
its branch of departments and naming its department. Departments are colours, not frames:
a frame (a Graphviz cluster) must hold all its boxes together, which a matrix org, where a
team reports across departments, cannot give without tearing the tree apart. Without
reporting lines the chart is the departments as nested frames, the positions inside.

Either way chart_layout plans where the boxes go so that the picture fits a screen. Node
ids are generated from the file order (`p1`, `d1`), so a subtree (`--root`,
`--department`) names each position as the whole chart does.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from orgtui.core.domain.org import Org
from orgtui.core.export.chart_layout import Item, Plan, box_width, plan
from orgtui.core.export.chart_scope import (
    ChartScope,
    departments_in,
    positions_in_scope,
)
from orgtui.core.export.names import holders_text
from orgtui.core.i18n import N_, _
from orgtui.core.text import visible

EMPTY_LABEL = N_("(no positions)")  # translated where it is drawn
VACANT_LABEL = "VACANT"
TITLE_WIDTH = 26  # characters per line of a title; longer titles wrap
# ColorBrewer "Set3": twelve pale colours told apart on screen and in print, dark text
# readable on each. A box takes the colour of its branch (chart_model.branch).
PALETTE = ("#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
           "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f")


@dataclass
class ChartModel:
    title: list[str]  # the org's name, then the part shown (`--department`, `--root`)
    by_reporting_line: bool
    root: Item  # the layout tree: groups (departments, or the whole chart) and boxes
    node_of: dict[str, str]  # position id -> node id
    lines: dict[str, list[str]]  # node id -> its label's lines (visible text, not escaped)
    vacant: set[str]  # node ids of vacant positions
    colour: dict[str, str]  # node id -> fill colour (reporting charts)
    edges: list[tuple[str, str]] = field(default_factory=list)  # manager -> report
    dotted: list[tuple[str, str]] = field(default_factory=list)  # dotted-line manager -> position
    cycle: list[tuple[str, str]] = field(default_factory=list)  # the edge that closes a reporting cycle
    groups: dict[int, str] = field(default_factory=dict)  # id(group item) -> department id
    group_node: dict[int, str] = field(default_factory=dict)  # id(group item) -> its generated id
    layout: Plan | None = None


def wrap(text: str, width: int = TITLE_WIDTH) -> list[str]:
    """Visible text in lines of about `width` characters, broken at spaces only."""
    shown = visible(text)
    return textwrap.wrap(shown, width, break_long_words=False, break_on_hyphens=False) or [shown]


def trunk(org: Org) -> set[str]:
    """The departments everything else sits in: the only top-level department, its only
    child, and so on. Colouring by them would paint the whole chart one colour."""
    out: set[str] = set()
    level = org.subdepartments(None)
    while len(level) == 1 and level[0] not in out:
        out.add(level[0])
        level = org.subdepartments(level[0])
    return out


def branch(org: Org, department: str, trunk_departments: set[str]) -> str:
    """The department's highest ancestor below the trunk (itself, when in the trunk)."""
    path = [department, *org.ancestors(department)]
    below = [d for d in path if d not in trunk_departments]
    return below[-1] if below else department


def _position_lines(org: Org, position: str, by_reporting_line: bool, manager_outside: str | None) -> list[str]:
    pos = org.positions[position]
    lines = wrap(pos.title)
    lines += wrap(holders_text(org, position), TITLE_WIDTH + 6) if pos.holders else [VACANT_LABEL]
    if by_reporting_line:
        lines += wrap(org.departments[pos.department].name)
    if manager_outside is not None:
        lines += wrap("↑ " + org.positions[manager_outside].title)
    return lines


def _chart_title(org: Org, scope: ChartScope) -> list[str]:
    parts = [org.info.name]
    if scope.department is not None:
        parts.append(org.departments[scope.department].name)
    if scope.root is not None:
        parts.append(_("{position} and below").format(position=org.positions[scope.root].title))
    return parts


def chart_model(org: Org, scope: ChartScope | None = None) -> ChartModel:
    scope = scope or ChartScope()
    chosen = positions_in_scope(org, scope)
    node_of = {p: f"p{i}" for i, p in enumerate(org.positions, 1) if p in chosen}
    by_line = org.has_reporting_lines
    model = ChartModel(_chart_title(org, scope), by_line, Item(None), node_of, {}, set(), {})
    if by_line:
        _reporting_tree(org, model, chosen)
    else:
        _department_tree(org, model, chosen, scope)
    if model.root.children:
        model.layout = plan(model.root)
    return model


def _reporting_boxes(org: Org, model: ChartModel, order: list[str], chosen: set[str]) -> dict[str, Item]:
    """A box per position: its label, vacancy, colour and dotted lines."""
    trunk_departments = trunk(org)
    # colours by the branches' order in the file, so a subtree's boxes look as in the whole chart
    branches = dict.fromkeys(branch(org, d, trunk_departments) for d in org.departments)
    colours = {b: PALETTE[i % len(PALETTE)] for i, b in enumerate(branches)}
    items: dict[str, Item] = {}
    for p in order:
        pos = org.positions[p]
        outside = pos.reports_to if pos.reports_to is not None and pos.reports_to not in chosen else None
        node = model.node_of[p]
        model.lines[node] = _position_lines(org, p, True, outside)
        items[p] = Item(node, box_width(model.lines[node]))
        if not pos.holders:
            model.vacant.add(node)
        model.colour[node] = colours[branch(org, pos.department, trunk_departments)]
        model.dotted += [(model.node_of[d], node) for d in pos.dotted_to if d in chosen]
    return items


def _reporting_tree(org: Org, model: ChartModel, chosen: set[str]) -> None:
    order = [p for p in org.positions if p in chosen]
    items = _reporting_boxes(org, model, order, chosen)

    def manager_in(p: str) -> str | None:
        m = org.positions[p].reports_to
        return m if m in chosen else None

    visited: set[str] = set()

    def walk(start: str) -> None:
        visited.add(start)
        todo = [start]
        while todo:
            p = todo.pop()
            for report in org.reports_of(p):
                if report in chosen and report not in visited:
                    visited.add(report)
                    items[p].children.append(items[report])
                    model.edges.append((model.node_of[p], model.node_of[report]))
                    todo.append(report)

    roots = [p for p in order if manager_in(p) is None]
    for r in roots:
        walk(r)
    for p in order:  # what is left is in or under a reporting cycle
        if p not in visited:
            on_cycle = _first_on_cycle(p, manager_in)
            roots.append(on_cycle)  # drawn as if it were a top, its manager's edge marked
            model.cycle.append((model.node_of[manager_in(on_cycle) or on_cycle], model.node_of[on_cycle]))
            walk(on_cycle)
    model.root.children = [items[r] for r in roots]


def _first_on_cycle(start: str, manager_in: Callable[[str], str | None]) -> str:
    """Walking up from a position under no top: the first position met twice (on the cycle)."""
    seen: set[str] = set()
    node = start
    while node not in seen:
        seen.add(node)
        up = manager_in(node)
        assert up is not None  # under no top, so every manager is in the chart
        node = up
    return node


def _department_tree(org: Org, model: ChartModel, chosen: set[str], scope: ChartScope) -> None:
    shown = departments_in(org, scope.department)
    if scope.root is not None:  # only the departments that hold a chosen position, and those above
        keep = {d for p in chosen for d in [org.positions[p].department, *org.ancestors(org.positions[p].department)]}
        shown = [d for d in shown if d in keep]
    dept_items: dict[str, Item] = {}
    number = {d: i for i, d in enumerate(org.departments, 1)}
    for d in shown:
        item = Item(None, framed=True)
        dept_items[d] = item
        model.groups[id(item)] = d
        model.group_node[id(item)] = f"d{number[d]}"
        for p in org.positions_in(d):
            if p not in chosen:
                continue
            node = model.node_of[p]
            model.lines[node] = _position_lines(org, p, False, None)
            if not org.positions[p].holders:
                model.vacant.add(node)
            item.children.append(Item(node, box_width(model.lines[node])))
    for d in shown:
        parent = org.departments[d].parent
        if parent in dept_items and d != scope.department:
            dept_items[parent].children.append(dept_items[d])
        else:
            model.root.children.append(dept_items[d])
    for d in shown:
        if not dept_items[d].children:
            node = f"d{number[d]}_empty"
            model.lines[node] = [_(EMPTY_LABEL)]
            dept_items[d].children.append(Item(node, box_width([_(EMPTY_LABEL)])))
