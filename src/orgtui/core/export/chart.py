"""The org chart for Graphviz (DOT) and Mermaid, written from one ChartModel.

The reporting tree is drawn top down (rankdir TB): a line from each manager to each
report, dotted-line managers dashed, the edge that closes a reporting cycle red, vacant
positions dashed and labelled VACANT, boxes coloured by top-level department. Without
reporting lines, departments are nested frames (Mermaid `subgraph`, Graphviz `cluster`)
with their positions inside, an empty one holding a `(no positions)` box. The invisible
edges of chart_layout stack boxes so that the picture fits a screen.

Node ids are generated (`d1`, `p1`), never taken from the file, and every label line is
escaped for its format (export/escape). Every walk is iterative.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from orgtui.core.domain.org import Org
from orgtui.core.export.chart_layout import Item
from orgtui.core.export.chart_model import EMPTY_LABEL, ChartModel, chart_model
from orgtui.core.export.chart_scope import ChartScope
from orgtui.core.export.escape import dot as dot_text
from orgtui.core.export.escape import mermaid as mermaid_text

__all__ = ["EMPTY_LABEL", "dot_chart", "mermaid_chart"]

DOT_NEWLINE = "\\n"  # a line break in a Graphviz label (a name's own backslashes are doubled)


def _walk(root: Item) -> Iterator[tuple[str, Item, int]]:
    """("open", group, depth), ("node", box, depth), ("close", group, depth) for the
    framed groups (departments) and boxes under root, in drawing order."""
    stack: list[tuple[str, Item, int]] = [("visit", c, 0) for c in reversed(root.children)]
    while stack:
        event, item, depth = stack.pop()
        if event == "close":
            yield event, item, depth
            continue
        if item.node is not None:
            yield "node", item, depth
        if item.framed:
            yield "open", item, depth
            stack.append(("close", item, depth))
        inner = depth + 1 if item.framed else depth
        stack.extend(("visit", c, inner) for c in reversed(item.children))


def _label(model: ChartModel, node: str, escape: Callable[[str], str], newline: str) -> str:
    return newline.join(escape(line) for line in model.lines[node])


def dot_chart(org: Org, scope: ChartScope | None = None) -> str:
    model = chart_model(org, scope)
    title = DOT_NEWLINE.join(dot_text(line) for line in model.title)
    out = [
        "digraph org {",
        f'  graph [label="{title}", labelloc=t, fontname="Helvetica", rankdir=TB, '
        "nodesep=0.25, ranksep=0.4, splines=ortho];",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=12];',
        "  edge [arrowhead=none];",
    ]
    for event, item, depth in _walk(model.root):
        pad = "  " + "  " * depth
        if event == "open":
            dept = org.departments[model.groups[id(item)]]
            out.append(f"{pad}subgraph cluster_{model.group_node[id(item)]} {{")
            out.append(f'{pad}  label="{dot_text(dept.name)}";')
        elif event == "close":
            out.append(f"{pad}}}")
        else:
            node = item.node
            assert node is not None
            attrs = [f'label="{_label(model, node, dot_text, DOT_NEWLINE)}"']
            if node.endswith("_empty"):
                attrs.append("shape=plaintext")
            if node in model.vacant:
                attrs.append('style="rounded,filled,dashed"')
            if node in model.colour:
                attrs.append(f'fillcolor="{model.colour[node]}"')
            out.append(f"{pad}{node} [{', '.join(attrs)}];")
    out += [f"  {a} -> {b};" for a, b in model.edges]
    out += [f'  {a} -> {b} [style=dashed, color="#555555", constraint=false];' for a, b in model.dotted]
    out += [f'  {a} -> {b} [color="#d62728", penwidth=2, constraint=false];' for a, b in model.cycle]
    if model.layout is not None:
        # a column's boxes straight below each other (weight), not drifting towards the manager
        columns = model.layout.columns
        out += [f"  {a} -> {b} [style=invis{', weight=10' if (a, b) in columns else ''}];" for a, b in model.layout.stack]
    out.append("}")
    return "\n".join(out) + "\n"


def mermaid_chart(org: Org, scope: ChartScope | None = None) -> str:
    model = chart_model(org, scope)
    out = ["flowchart TB", f'  subgraph org["{"<br/>".join(mermaid_text(t) for t in model.title)}"]']
    for event, item, depth in _walk(model.root):
        pad = "    " + "  " * depth
        if event == "open":
            dept = org.departments[model.groups[id(item)]]
            out.append(f'{pad}subgraph {model.group_node[id(item)]}["{mermaid_text(dept.name)}"]')
        elif event == "close":
            out.append(f"{pad}end")
        else:
            node = item.node
            assert node is not None
            out.append(f'{pad}{node}["{_label(model, node, mermaid_text, "<br/>")}"]')
    out.append("  end")
    out += [f"  {a} --- {b}" for a, b in model.edges]
    out += [f"  {a} -.- {b}" for a, b in model.dotted]
    out += [f"  {a} ==> {b}" for a, b in model.cycle]
    if model.layout is not None:
        out += [f"  {a} ~~~ {b}" for a, b in model.layout.stack]
    out.append("  classDef vacant stroke-dasharray: 5 5")
    if model.vacant:
        vacant = [n for n in model.lines if n in model.vacant]
        out.append(f"  class {','.join(vacant)} vacant")
    by_colour: dict[str, list[str]] = {}
    for node, colour in model.colour.items():
        by_colour.setdefault(colour, []).append(node)
    for i, (colour, nodes) in enumerate(by_colour.items(), 1):
        out.append(f"  classDef dept{i} fill:{colour},color:#000000")
        out.append(f"  class {','.join(nodes)} dept{i}")
    return "\n".join(out) + "\n"
