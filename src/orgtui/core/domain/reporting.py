"""Reporting lines as a graph: who reports to whom, its cycles, tops, spans and layers.

Pure functions over a mapping `position id -> manager position id (or None for a top)`,
so the validator, the planner that refuses a cycle before it is made, the charts and
the merge can all ask the same questions. Every function is linear in the number of
positions: a 50,000-person org has ~20,000 of them.
"""

from __future__ import annotations

from collections.abc import Mapping


def direct_reports(reports_to: Mapping[str, str | None]) -> dict[str, list[str]]:
    """Manager -> the positions reporting to it, in the mapping's order."""
    reports: dict[str, list[str]] = {}
    for position, manager in reports_to.items():
        if manager is not None:
            reports.setdefault(manager, []).append(position)
    return reports


def tops(reports_to: Mapping[str, str | None]) -> list[str]:
    """Positions that report to nobody (or to a position that does not exist)."""
    return [p for p, m in reports_to.items() if m is None or m not in reports_to]


def cycles(reports_to: Mapping[str, str | None]) -> list[list[str]]:
    """Each reporting cycle once, as the positions in it in reporting order, starting at
    the one that comes first in the mapping."""
    order = {position: i for i, position in enumerate(reports_to)}
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    found: list[list[str]] = []
    for start in reports_to:
        if start in state:
            continue
        walk: list[str] = []
        node: str | None = start
        while node is not None and node in reports_to and node not in state:
            state[node] = 1
            walk.append(node)
            node = reports_to[node]
        if node is not None and state.get(node) == 1:
            loop = walk[walk.index(node) :]
            first = min(range(len(loop)), key=lambda i: order[loop[i]])
            found.append(loop[first:] + loop[:first])
        for visited in walk:
            state[visited] = 2
    return found


def would_create_cycle(reports_to: Mapping[str, str | None], position: str, manager: str | None) -> list[str] | None:
    """If `position` reported to `manager`, the cycle that would make (from `position`
    back to it), else None. Walks up from `manager` only: cost is the chain's length."""
    if manager is None:
        return None
    chain = [position]
    node: str | None = manager
    seen = {position}
    while node is not None and node in reports_to:
        if node == position:
            return chain
        if node in seen:
            return None  # an existing cycle above, not one through `position`
        seen.add(node)
        chain.append(node)
        node = reports_to[node]
    return None


def layers(reports_to: Mapping[str, str | None]) -> dict[str, int]:
    """Each position's layer: 1 for a top, 2 for its reports, and so on. Positions in or
    under a cycle have no layer (they are left out)."""
    depth: dict[str, int] = {}
    blocked: set[str] = set()  # in or under a cycle: known to have no layer
    for start in reports_to:
        walk: list[str] = []
        node: str | None = start
        on_walk: set[str] = set()
        while node is not None and node in reports_to and node not in depth and node not in on_walk:
            if node in blocked:
                break
            on_walk.add(node)
            walk.append(node)
            node = reports_to[node]
        if node is not None and (node in on_walk or node in blocked):
            blocked.update(walk)  # a cycle: no layer for anything on this walk
            continue
        base = depth[node] if node is not None and node in depth else 0
        for offset, visited in enumerate(reversed(walk), start=1):
            depth[visited] = base + offset
    return depth
