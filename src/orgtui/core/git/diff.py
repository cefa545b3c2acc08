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

from orgtui.core.domain.catalog import Catalog, local_title
from orgtui.core.domain.coverage import Summary, summarise, unowned_duties
from orgtui.core.domain.org import Org, OrgInfo
from orgtui.core.domain.validator import UNOWNED, Severity, Validator
from orgtui.core.git.fields import ENTITY_FIELDS, Field, entities, name_of
from orgtui.core.i18n import _


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity named in a change: its id, its name (or title) and, for duties, the role."""

    id: str
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """One change. `before` and `after` hold what the change is about, by `what`:

    - org: renamed (names), span_of_control (ints), catalog (catalog references),
      catalog_efforts (booleans: the catalog's effort estimates used or not)
    - department: added (after: parent EntityRef or None), removed (before: parent EntityRef or None),
      renamed (names), moved (parent Refs or None)
    - position: added (after: department EntityRef), removed (before: department EntityRef), renamed
      (titles), moved (department Refs), role (role Refs or None), fte (numbers)
    - person: added (after: position Refs), removed (before: position Refs), renamed
      (names), capacity (numbers), positions (position Refs before and after)
    - duty: owners (position Refs before and after), effort (the file's override in FTE
      before and after, None where it has none)
    """

    section: str
    what: str
    subject: EntityRef
    before: Any = None
    after: Any = None


@dataclass(frozen=True, slots=True)
class NewError:
    """An error finding NEW has and OLD had not (other than a duty left unowned)."""

    code: str
    message: str  # raw user text inside: pass it through visible() before printing


@dataclass(frozen=True, slots=True)
class CoverageDelta:
    before: Summary
    after: Summary
    newly_unowned: tuple[EntityRef, ...]  # duties owned in OLD (or new to the catalog), unowned in NEW
    fixed: tuple[EntityRef, ...]  # duties unowned in OLD, owned in NEW
    new_errors: tuple[NewError, ...] = ()  # so a gate that fails says which error is new

    @property
    def worse(self) -> bool:
        return bool(self.newly_unowned) or self.after.errors > self.before.errors


@dataclass(frozen=True, slots=True)
class OrgDiff:
    old: EntityRef  # the org's name in each version (id: the file as named by the caller)
    new: EntityRef
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
    for kind in ("department", "position", "person"):
        items += _entity_items(kind, old, new)
    items += _duty_items(old, new)
    notes = []
    if set(old.catalog.duties) != set(new.catalog.duties):
        notes.append(_("the two versions use different catalogs; duties are compared by id"))
    return OrgDiff(
        EntityRef(old_file, old.info.name),
        EntityRef(new_file, new.info.name),
        tuple(items),
        _coverage(old, new),
        tuple(notes),
    )


# -- helpers ----------------------------------------------------------------------------


def _dept(org: Org, ident: str | None) -> EntityRef | None:
    if ident is None:
        return None
    return EntityRef(ident, org.departments[ident].name)


def _pos(org: Org, ident: str) -> EntityRef:
    return EntityRef(ident, org.positions[ident].title)


def _positions(org: Org, ids: Any) -> tuple[EntityRef, ...]:
    return tuple(_pos(org, p) for p in ids)


def _duty(catalog: Catalog, ident: str) -> EntityRef:
    duty = catalog.duties[ident]
    return EntityRef(ident, local_title(duty), local_title(catalog.roles[duty.role]))  # German under --lang de


def _role(org: Org, ident: str | None) -> EntityRef | None:
    if ident is None:
        return None
    role = org.catalog.roles.get(ident)
    return EntityRef(ident, local_title(role) if role else ident)


def _ordered_union(first: Any, second: Any) -> list[str]:
    return list(dict.fromkeys([*first, *second]))


# -- per section ------------------------------------------------------------------------


def _org_items(old: Org, new: Org) -> list[Item]:
    subject = EntityRef("org", new.info.name)
    out = []
    if old.info.name != new.info.name:
        out.append(Item("org", "renamed", subject, old.info.name, new.info.name))
    if old.info.span_of_control != new.info.span_of_control:
        out.append(Item("org", "span_of_control", subject, old.info.span_of_control, new.info.span_of_control))
    for target in ("min_span", "max_layers"):  # the reporting-line targets
        if getattr(old.info, target) != getattr(new.info, target):
            out.append(Item("org", target, subject, getattr(old.info, target), getattr(new.info, target)))
    if (old.catalog_ref or "builtin") != (new.catalog_ref or "builtin"):
        out.append(Item("org", "catalog", subject, old.catalog_ref or "builtin", new.catalog_ref or "builtin"))
    if old.info.catalog_efforts != new.info.catalog_efforts:
        out.append(Item("org", "catalog_efforts", subject, old.info.catalog_efforts, new.info.catalog_efforts))
    return out


def _value(org: Org, field: Field, value: Any) -> Any:
    """A field's value as the diff shows it: a referenced department or role as an EntityRef."""
    if field.refers_to == "department":
        return _dept(org, value)
    if field.refers_to == "role":
        return _role(org, value)
    if field.refers_to == "position":
        if isinstance(value, tuple):
            return _positions(org, value)
        return _pos(org, value) if value is not None else None
    return value


def _field_items(kind: str, subject: EntityRef, old: Org, new: Org, a: Any, b: Any) -> list[Item]:
    """One item per field of the shared table that differs between A and B."""
    return [
        Item(kind, f.change, subject, _value(old, f, getattr(a, f.name)), _value(new, f, getattr(b, f.name)))
        for f in ENTITY_FIELDS[kind]
        if getattr(a, f.name) != getattr(b, f.name)
    ]


def _placed_in(kind: str, org: Org, entity: Any) -> Any:
    """Where an added or removed entity is (or was): parent, department, or positions held."""
    if kind == "department":
        return _dept(org, entity.parent)
    if kind == "position":
        return _dept(org, entity.department)
    return _positions(org, org.positions_of(entity.id))


def _entity_items(kind: str, old: Org, new: Org) -> list[Item]:
    out = []
    was, now = entities(old, kind), entities(new, kind)
    for ident in _ordered_union(was, now):
        a, b = was.get(ident), now.get(ident)
        if a is None and b is not None:
            out.append(Item(kind, "added", EntityRef(ident, name_of(kind, b)), None, _placed_in(kind, new, b)))
        elif b is None and a is not None:
            out.append(Item(kind, "removed", EntityRef(ident, name_of(kind, a)), _placed_in(kind, old, a), None))
        elif a is not None and b is not None:
            subject = EntityRef(ident, name_of(kind, b))
            out += _field_items(kind, subject, old, new, a, b)
            if kind == "person":  # holders are pairs, not a field: shown per person
                held_then, held_now = old.positions_of(ident), new.positions_of(ident)
                if set(held_then) != set(held_now):
                    out.append(Item(kind, "positions", subject, _positions(old, held_then), _positions(new, held_now)))
    return out


def _duty_items(old: Org, new: Org) -> list[Item]:
    out = []
    for ident in _ordered_union(new.catalog.duties, old.catalog.duties):
        was, now = old.owners(ident), new.owners(ident)
        if set(was) != set(now):
            catalog = new.catalog if ident in new.catalog.duties else old.catalog
            out.append(Item("duty", "owners", _duty(catalog, ident), _positions(old, was), _positions(new, now)))
    was_effort, now_effort = dict(old.info.efforts), dict(new.info.efforts)
    for ident in _ordered_union(was_effort, now_effort):
        if was_effort.get(ident) != now_effort.get(ident):
            catalog = new.catalog if ident in new.catalog.duties else old.catalog
            out.append(Item("duty", "effort", _duty(catalog, ident), was_effort.get(ident), now_effort.get(ident)))
    return out


def _coverage(old: Org, new: Org) -> CoverageDelta:
    was = set(unowned_duties(old))
    now = unowned_duties(new)
    newly = tuple(_duty(new.catalog, d) for d in now if d not in was)
    fixed = tuple(_duty(new.catalog, d) for d in new.catalog.duties if d in was and new.owners(d))
    before, after = Validator(old), Validator(new)
    return CoverageDelta(summarise(before), summarise(after), newly, fixed, _new_errors(before, after))


def _new_errors(before: Validator, after: Validator) -> tuple[NewError, ...]:
    """Errors of NEW that OLD had not, by code and message; unowned duties are listed already."""
    def errors(validator: Validator) -> list[tuple[str, str]]:
        return [(f.code, f.message) for f in validator.findings() if f.severity == Severity.ERROR and f.code != UNOWNED]

    had = set(errors(before))
    return tuple(NewError(code, message) for code, message in dict.fromkeys(errors(after)) if (code, message) not in had)


def empty_like(org: Org, name: str = "") -> Org:
    """An org with nothing in it and the same catalog: the other side of an added file."""
    return Org(OrgInfo(name or org.info.name, org.info.span_of_control), org.catalog, catalog_ref=org.catalog_ref)
