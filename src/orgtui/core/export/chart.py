"""The org chart for Mermaid and Graphviz: departments as nested boxes, positions inside.

Each department is a Mermaid subgraph / Graphviz cluster nested in its parent; each
position is a box with its title and holders (dashed when vacant); an empty department
gets a placeholder box so that it is still drawn. Node ids are generated (`d1`, `p1`),
never taken from the file, and every label is escaped for its format (export/escape).
The walk is iterative, so a deeply nested file cannot exhaust the recursion limit.
"""

from __future__ import annotations

from typing import Iterator

from orgtui.core.domain.org import Org
from orgtui.core.export.escape import dot as dot_text
from orgtui.core.export.escape import mermaid as mermaid_text
from orgtui.core.export.names import holders_text

EMPTY_LABEL = "(no positions)"


def _walk(org: Org) -> Iterator[tuple[str, str, int]]:
    """("open", dept, depth), ("position", pos, depth), ("empty", dept, depth), ("close", dept, depth)."""
    stack: list[tuple[str, str, int]] = [("open", d, 0) for d in reversed(org.subdepartments(None))]
    while stack:
        event, ident, depth = stack.pop()
        yield event, ident, depth
        if event != "open":
            continue
        children = org.subdepartments(ident)
        positions = org.positions_in(ident)
        stack.append(("close", ident, depth))
        stack.extend(("open", d, depth + 1) for d in reversed(children))
        stack.extend(("position", p, depth + 1) for p in reversed(positions))
        if not children and not positions:
            stack.append(("empty", ident, depth + 1))


def _ids(org: Org) -> tuple[dict[str, str], dict[str, str]]:
    departments = {d: f"d{i}" for i, d in enumerate(org.departments, 1)}
    positions = {p: f"p{i}" for i, p in enumerate(org.positions, 1)}
    return departments, positions


def mermaid_chart(org: Org) -> str:
    depts, posns = _ids(org)
    out = ["flowchart TB", f'  subgraph org["{mermaid_text(org.info.name)}"]']
    vacant = []
    for event, ident, depth in _walk(org):
        pad = "    " + "  " * depth
        if event == "open":
            out.append(f'{pad}subgraph {depts[ident]}["{mermaid_text(org.departments[ident].name)}"]')
        elif event == "close":
            out.append(f"{pad}end")
        elif event == "empty":
            out.append(f'{pad}{depts[ident]}_empty["{EMPTY_LABEL}"]')
        else:
            pos = org.positions[ident]
            if not pos.holders:
                vacant.append(posns[ident])
            label = f"{mermaid_text(pos.title)}<br/>{mermaid_text(holders_text(org, ident))}"
            out.append(f'{pad}{posns[ident]}["{label}"]')
    out.append("  end")
    out.append("  classDef vacant stroke-dasharray: 5 5")
    if vacant:
        out.append(f"  class {','.join(vacant)} vacant")
    return "\n".join(out) + "\n"


def dot_chart(org: Org) -> str:
    depts, posns = _ids(org)
    out = [
        "digraph org {",
        f'  graph [label="{dot_text(org.info.name)}", labelloc=t, fontname="Helvetica"];',
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
    ]
    for event, ident, depth in _walk(org):
        pad = "  " + "  " * depth
        if event == "open":
            out.append(f"{pad}subgraph cluster_{depts[ident]} {{")
            out.append(f'{pad}  label="{dot_text(org.departments[ident].name)}";')
        elif event == "close":
            out.append(f"{pad}}}")
        elif event == "empty":
            out.append(f'{pad}{depts[ident]}_empty [label="{EMPTY_LABEL}", shape=plaintext];')
        else:
            pos = org.positions[ident]
            style = "" if pos.holders else ', style="rounded,dashed"'
            label = f"{dot_text(pos.title)}\\n{dot_text(holders_text(org, ident))}"
            out.append(f'{pad}{posns[ident]} [label="{label}"{style}];')
    out.append("}")
    return "\n".join(out) + "\n"
