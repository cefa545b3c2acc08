"""Who reports to whom: set a position's manager and its dotted lines.

A change that would make a reporting cycle is refused before it is made, with the
positions of the cycle in the reason (core/domain/reporting.py finds it by walking up
from the new manager: the cost is the length of that chain, not the org's size).
"""

from __future__ import annotations

from dataclasses import dataclass

from orgtui.core.domain.edits.base import Edit, EditError, Planned, changed, position
from orgtui.core.domain.org import Change, Org
from orgtui.core.domain.reporting import would_create_cycle
from orgtui.core.i18n import _


class _ManagerChain:
    """`reports_to` as a read-only mapping over the org's positions, without copying it."""

    def __init__(self, org: Org) -> None:
        self._positions = org.positions

    def __contains__(self, key: object) -> bool:
        return key in self._positions

    def __getitem__(self, key: str) -> str | None:
        return self._positions[key].reports_to


def cycle_reason(org: Org, position_id: str, manager_id: str | None) -> str | None:
    """Why `position_id` may not report to `manager_id` (a cycle), or None when it may:
    "Head of E-Commerce would report to itself via Shop Developer → Head of E-Commerce"."""
    if manager_id == position_id:
        return _("{position} cannot report to itself").format(position=org.positions[position_id].title)
    loop = would_create_cycle(_ManagerChain(org), position_id, manager_id)  # type: ignore[arg-type]
    if loop is None:
        return None
    chain = " → ".join(org.positions[p].title for p in [*loop[1:], position_id])  # "→" reads "reports to"
    return _("{position} would report to itself via {chain}").format(position=org.positions[position_id].title, chain=chain)


@dataclass(frozen=True, slots=True)
class SetManager(Edit):
    """Make a position report to another (or to nobody: `manager=None` makes it a top)."""

    position: str
    manager: str | None

    def plan(self, org: Org) -> Planned:
        pos = position(org, self.position)
        boss = position(org, self.manager) if self.manager is not None else None
        if pos.reports_to == self.manager:
            raise EditError(_("{position} already reports to {manager}").format(position=pos.title, manager=boss.title) if boss
                            else _("{position} already reports to nobody").format(position=pos.title))
        reason = cycle_reason(org, pos.id, self.manager)
        if reason is not None:
            raise EditError(reason)
        change = changed("position", pos, reports_to=self.manager)
        label = (_("{position} reports to {manager}").format(position=pos.title, manager=boss.title) if boss
                 else _("{position} reports to nobody").format(position=pos.title))
        return Planned(label, (change,))


@dataclass(frozen=True, slots=True)
class SetDottedLines(Edit):
    """Replace a position's dotted-line managers (advice, coordination: no cycle rule)."""

    position: str
    dotted_to: tuple[str, ...]

    def plan(self, org: Org) -> Planned:
        pos = position(org, self.position)
        targets = tuple(dict.fromkeys(self.dotted_to))
        titles = [position(org, t).title for t in targets]
        if pos.id in targets:
            raise EditError(_("{position} cannot have a dotted line to itself").format(position=pos.title))
        if targets == pos.dotted_to:
            raise EditError(_("{position} already has these dotted lines").format(position=pos.title))
        label = _("{position} has dotted lines to {managers}").format(position=pos.title, managers=", ".join(titles)) if titles \
            else _("{position} has no dotted lines").format(position=pos.title)
        return Planned(label, (changed("position", pos, dotted_to=targets),))


def reattach_reports(org: Org, removed: set[str]) -> list[Change]:
    """When positions are removed, who reported to them reports to the first manager above
    that stays (or becomes a top), and dotted lines to them are dropped: the saved file
    then names no position that is gone. Dotted lines are found by a scan of the positions
    (they are few and removals are rare)."""
    fields: dict[str, dict[str, object]] = {}
    for pos_id in {r for p in removed for r in org.reports_of(p)} - removed:
        manager = org.positions[pos_id].reports_to
        seen: set[str] = set()
        while manager is not None and manager in removed and manager not in seen:
            seen.add(manager)
            manager = org.positions[manager].reports_to
        fields.setdefault(pos_id, {})["reports_to"] = None if manager in removed else manager
    for pos in org.positions.values():
        if pos.dotted_to and pos.id not in removed and set(pos.dotted_to) & removed:
            fields.setdefault(pos.id, {})["dotted_to"] = tuple(d for d in pos.dotted_to if d not in removed)
    order = [p for p in org.positions if p in fields]  # file order: the same plan every time
    return [changed("position", org.positions[p], **fields[p]) for p in order]
