"""What an edit changed on screen, declared once for every pane.

Each pane shows rows of subjects (a duty, a position, a person, ...) arranged under
parents. After an edit a pane needs two things: which subjects' rows now read differently
(`rows`), and whose list of children changed (`shapes`). Deciding that from the raw
changes here, in one place, keeps the panes from each decoding `Change`s their own way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from orgtui.core.domain.org import Change, Department, Entity, Org, Person, Position

Subject = tuple[str, str]  # (kind, id)
Parent = tuple[str, str | None]  # (kind, id); id None: the top level of that kind


@dataclass(frozen=True, slots=True)
class Affected:
    rows: frozenset[Subject]  # subjects whose rows may read differently
    shapes: frozenset[Parent]  # parents whose children were added, removed or reordered
    # ("reports", manager id) is a manager whose direct reports changed; ("reports", None)
    # the positions that report to nobody (the reporting view's top level).
    added: tuple[Subject, ...] = ()  # entities that now exist and did not before
    removed: tuple[Subject, ...] = ()  # entities that existed and do not any more


def affected_by(changes: Iterable[Change], touched: Iterable[Subject], org: Org) -> Affected:
    """`touched`: the subjects the validator re-checked for these changes (their findings,
    so their marks and counts, may differ)."""
    rows: set[Subject] = set(touched)
    shapes: set[Parent] = set()
    added: list[Subject] = []
    removed: list[Subject] = []
    for change in changes:
        if change.kind == "org":
            continue
        rows.add((change.kind, change.id))
        before, after = change.before, change.after
        if before is None:
            added.append((change.kind, change.id))
        elif after is None:
            removed.append((change.kind, change.id))
        if isinstance(before, Department) or isinstance(after, Department):
            _department(change, before, after, org, rows, shapes)
        elif isinstance(before, Position) or isinstance(after, Position):
            _position(change, before, after, rows, shapes)
            _reporting(change, before, after, org, rows, shapes)
        elif isinstance(before, Person) or isinstance(after, Person):
            if before is None or after is None:
                shapes.add(("person", None))
            # a position row names its holders, and so do its reports' rows and their holders'
            for p in org.positions_of(change.id):
                rows.add(("position", p))
                _reports_rows(org, p, rows)
    return Affected(frozenset(rows), frozenset(shapes), tuple(added), tuple(removed))


def _department(change: Change, before: Entity | None, after: Entity | None, org: Org, rows: set[Subject], shapes: set[Parent]) -> None:
    parents = {d.parent for d in (before, after) if isinstance(d, Department)}
    if before is None or after is None or len(parents) > 1:
        shapes.update(("department", p) for p in parents)
    if isinstance(before, Department) and isinstance(after, Department) and before.name != after.name:
        # a held-position row (People pane) names its position's department
        rows.update(("position", p) for p in org.positions_in(change.id))


def _position(change: Change, before: Entity | None, after: Entity | None, rows: set[Subject], shapes: set[Parent]) -> None:
    old = before if isinstance(before, Position) else None
    new = after if isinstance(after, Position) else None
    if old is None or new is None or old.department != new.department:
        shapes.update(("department", p.department) for p in (old, new) if p is not None)
        for p in (old, new):
            if p is not None:
                shapes.update(("person", h) for h in p.holders)
    if old is not None and new is not None:
        if old.holders != new.holders or old.duties != new.duties:
            shapes.add(("position", change.id))
        shapes.update(("person", h) for h in set(old.holders) ^ set(new.holders))
        rows.update(("person", h) for h in set(old.holders) | set(new.holders))
    elif new is not None:
        rows.update(("person", h) for h in new.holders)
    elif old is not None:
        rows.update(("person", h) for h in old.holders)


def _reporting(change: Change, before: Entity | None, after: Entity | None, org: Org, rows: set[Subject], shapes: set[Parent]) -> None:
    """A position's manager changed (or it came or went): the old and the new manager have
    other reports (their rows count them); a position renamed or filled differently reads
    differently in its reports' rows and the People rows of their holders, and its
    manager counts the people reporting to it."""
    old = before if isinstance(before, Position) else None
    new = after if isinstance(after, Position) else None
    if old is None or new is None or old.reports_to != new.reports_to:
        for p in (old, new):
            if p is not None:
                shapes.add(("reports", p.reports_to))
                if p.reports_to is not None:
                    rows.add(("position", p.reports_to))
    if old is None or new is None or old.title != new.title or old.holders != new.holders:
        _reports_rows(org, change.id, rows)
        if new is not None and new.reports_to is not None:
            rows.add(("position", new.reports_to))  # its manager counts the people reporting to it


def _reports_rows(org: Org, manager: str, rows: set[Subject]) -> None:
    for report in org.reports_of(manager):
        rows.add(("position", report))
        rows.update(("person", h) for h in org.positions[report].holders)
