"""What changed between two versions of an org, in the org's own terms.

Entities are matched by id: the same id with a different name is a rename, a position
with a different department was moved, a person whose set of positions changed left
some and joined others, a duty whose set of owners changed moved (or was assigned,
or lost its owner). Then the coverage of both versions is compared: which duties this
change leaves unowned, which it fixes, and the counts of split and vacancy-only duties
and of people over capacity.

`worse` is the review gate (`orgtui diff` exits 1 when it is true): some duty that had
an owner in OLD has none in NEW, or NEW has more errors than OLD. Fixing other duties
does not make up for a duty newly left without an owner.

The result is plain data; diff_format.py renders it as text, Markdown or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orgtui.core.domain.catalog import Catalog
from orgtui.core.domain.coverage import Summary, summarise, unowned_duties
from orgtui.core.domain.org import Org, OrgInfo
from orgtui.core.domain.validator import Validator


@dataclass(frozen=True, slots=True)
class Ref:
    """An entity named in a change: its id, its name (or title) and, for duties, the role."""

    id: str
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """One change. `before` and `after` hold what the change is about, by `what`:

    - org: renamed (names), span_of_control (ints), catalog (catalog references)
    - department: added (after: parent Ref or None), removed (before: parent Ref or None),
      renamed (names), moved (parent Refs or None)
    - position: added (after: department Ref), removed (before: department Ref), renamed
      (titles), moved (department Refs), role (role Refs or None), fte (numbers)
    - person: added (after: position Refs), removed (before: position Refs), renamed
      (names), capacity (numbers), positions (position Refs before and after)
    - duty: owners (position Refs before and after)
    """

    section: str
    what: str
    subject: Ref
    before: Any = None
    after: Any = None


@dataclass(frozen=True, slots=True)
class CoverageDelta:
    before: Summary
    after: Summary
    newly_unowned: tuple[Ref, ...]  # duties owned in OLD (or new to the catalog), unowned in NEW
    fixed: tuple[Ref, ...]  # duties unowned in OLD, owned in NEW

    @property
    def worse(self) -> bool:
        return bool(self.newly_unowned) or self.after.errors > self.before.errors


@dataclass(frozen=True, slots=True)
class OrgDiff:
    old: Ref  # the org's name in each version (id: the file as named by the caller)
    new: Ref
    items: tuple[Item, ...]
    coverage: CoverageDelta
    notes: tuple[str, ...] = field(default=())

    @property
    def worse(self) -> bool:
        return self.coverage.worse

    def section(self, name: str) -> list[Item]:
        return [i for i in self.items if i.section == name]


def diff_orgs(old: Org, new: Org, old_file: str = "OLD", new_file: str = "NEW") -> OrgDiff:
    items: list[Item] = []
    items += _org_items(old, new)
    items += _department_items(old, new)
    items += _position_items(old, new)
    items += _person_items(old, new)
    items += _duty_items(old, new)
    notes = []
    if set(old.catalog.duties) != set(new.catalog.duties):
        notes.append("the two versions use different catalogs; duties are compared by id")
    return OrgDiff(
        Ref(old_file, old.info.name),
        Ref(new_file, new.info.name),
        tuple(items),
        _coverage(old, new),
        tuple(notes),
    )


# -- helpers ----------------------------------------------------------------------------


def _dept(org: Org, ident: str | None) -> Ref | None:
    if ident is None:
        return None
    return Ref(ident, org.departments[ident].name)


def _pos(org: Org, ident: str) -> Ref:
    return Ref(ident, org.positions[ident].title)


def _positions(org: Org, ids: Any) -> tuple[Ref, ...]:
    return tuple(_pos(org, p) for p in ids)


def _duty(catalog: Catalog, ident: str) -> Ref:
    duty = catalog.duties[ident]
    return Ref(ident, duty.title, catalog.roles[duty.role].title)


def _role(org: Org, ident: str | None) -> Ref | None:
    if ident is None:
        return None
    role = org.catalog.roles.get(ident)
    return Ref(ident, role.title if role else ident)


def _ordered_union(first: Any, second: Any) -> list[str]:
    return list(dict.fromkeys([*first, *second]))


# -- per section ------------------------------------------------------------------------


def _org_items(old: Org, new: Org) -> list[Item]:
    subject = Ref("org", new.info.name)
    out = []
    if old.info.name != new.info.name:
        out.append(Item("org", "renamed", subject, old.info.name, new.info.name))
    if old.info.span_of_control != new.info.span_of_control:
        out.append(Item("org", "span_of_control", subject, old.info.span_of_control, new.info.span_of_control))
    if (old.catalog_ref or "builtin") != (new.catalog_ref or "builtin"):
        out.append(Item("org", "catalog", subject, old.catalog_ref or "builtin", new.catalog_ref or "builtin"))
    return out


def _department_items(old: Org, new: Org) -> list[Item]:
    out = []
    for ident in _ordered_union(old.departments, new.departments):
        a, b = old.departments.get(ident), new.departments.get(ident)
        if a is None and b is not None:
            out.append(Item("department", "added", Ref(ident, b.name), None, _dept(new, b.parent)))
        elif b is None and a is not None:
            out.append(Item("department", "removed", Ref(ident, a.name), _dept(old, a.parent), None))
        elif a is not None and b is not None:
            subject = Ref(ident, b.name)
            if a.name != b.name:
                out.append(Item("department", "renamed", subject, a.name, b.name))
            if a.parent != b.parent:
                out.append(Item("department", "moved", subject, _dept(old, a.parent), _dept(new, b.parent)))
    return out


def _position_items(old: Org, new: Org) -> list[Item]:
    out = []
    for ident in _ordered_union(old.positions, new.positions):
        a, b = old.positions.get(ident), new.positions.get(ident)
        if a is None and b is not None:
            out.append(Item("position", "added", Ref(ident, b.title), None, _dept(new, b.department)))
        elif b is None and a is not None:
            out.append(Item("position", "removed", Ref(ident, a.title), _dept(old, a.department), None))
        elif a is not None and b is not None:
            subject = Ref(ident, b.title)
            if a.title != b.title:
                out.append(Item("position", "renamed", subject, a.title, b.title))
            if a.department != b.department:
                out.append(Item("position", "moved", subject, _dept(old, a.department), _dept(new, b.department)))
            if a.role != b.role:
                out.append(Item("position", "role", subject, _role(old, a.role), _role(new, b.role)))
            if a.fte != b.fte:
                out.append(Item("position", "fte", subject, a.fte, b.fte))
    return out


def _person_items(old: Org, new: Org) -> list[Item]:
    out = []
    for ident in _ordered_union(old.people, new.people):
        a, b = old.people.get(ident), new.people.get(ident)
        if a is None and b is not None:
            out.append(Item("person", "added", Ref(ident, b.name), None, _positions(new, new.positions_of(ident))))
        elif b is None and a is not None:
            out.append(Item("person", "removed", Ref(ident, a.name), _positions(old, old.positions_of(ident)), None))
        elif a is not None and b is not None:
            subject = Ref(ident, b.name)
            if a.name != b.name:
                out.append(Item("person", "renamed", subject, a.name, b.name))
            if a.capacity != b.capacity:
                out.append(Item("person", "capacity", subject, a.capacity, b.capacity))
            was, now = old.positions_of(ident), new.positions_of(ident)
            if set(was) != set(now):
                out.append(Item("person", "positions", subject, _positions(old, was), _positions(new, now)))
    return out


def _duty_items(old: Org, new: Org) -> list[Item]:
    out = []
    for ident in _ordered_union(new.catalog.duties, old.catalog.duties):
        was, now = old.owners(ident), new.owners(ident)
        if set(was) != set(now):
            catalog = new.catalog if ident in new.catalog.duties else old.catalog
            out.append(Item("duty", "owners", _duty(catalog, ident), _positions(old, was), _positions(new, now)))
    return out


def _coverage(old: Org, new: Org) -> CoverageDelta:
    was = set(unowned_duties(old))
    now = unowned_duties(new)
    newly = tuple(_duty(new.catalog, d) for d in now if d not in was)
    fixed = tuple(_duty(new.catalog, d) for d in new.catalog.duties if d in was and new.owners(d))
    return CoverageDelta(summarise(Validator(old)), summarise(Validator(new)), newly, fixed)


def empty_like(org: Org, name: str = "") -> Org:
    """An org with nothing in it and the same catalog: the other side of an added file."""
    return Org(OrgInfo(name or org.info.name, org.info.span_of_control), org.catalog, catalog_ref=org.catalog_ref)
