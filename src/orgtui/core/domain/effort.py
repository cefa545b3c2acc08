"""What the duties of a position cost, in FTE, against what its holders give.

A duty's effort is an estimate (`Org.effort`: the org file's override, else the catalog's
estimate when the file uses them, else unknown). A position's work is the sum of its
duties' known efforts; a split duty counts in full for each owner, since two owners of one
duty usually both spend the time. What a position gives is its FTE for each holder, and a
vacant position is measured against the one person it would be filled with. A person's
work is their share of each position they hold (the position's work over its holders).

With no effort known (older files) every function here returns None and only the FTE
based findings apply.
"""

from __future__ import annotations

from collections.abc import Iterable

from orgtui.core.domain.org import Org, Position

EPSILON = 1e-9


def work_of_duties(org: Org, duties: Iterable[str]) -> float:
    costs = org.effort_costs()
    return round(sum(costs[d] if d in costs else org.effort(d) or 0.0 for d in duties), 6)


def position_work(org: Org, pos: Position) -> float | None:
    """FTE the position's duties take, or None when the org estimates no effort."""
    if not org.uses_effort:
        return None
    return work_of_duties(org, pos.duties)


def position_capacity(pos: Position, holders: int | None = None) -> float:
    """FTE the position's holders give (a vacancy: the one person it would be filled with)."""
    count = len(pos.holders) if holders is None else holders
    return round(pos.fte * max(1, count), 6)


def person_work(org: Org, person_id: str) -> float | None:
    """FTE of duty work that falls to a person, or None when effort is not estimated."""
    if not org.uses_effort:
        return None
    total = 0.0
    for ident in org.positions_of(person_id):
        pos = org.positions[ident]
        total += work_of_duties(org, pos.duties) / len(pos.holders)
    return round(total, 6)


def over(load: float, capacity: float) -> bool:
    return load > capacity + EPSILON
