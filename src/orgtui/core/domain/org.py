"""The org model: departments, people and positions, with the indices the app needs.

Entities are immutable records; an `Org` only changes through `apply()` with a list of
`Change`s, which the edit operations (edits.py) plan and the history applies and undoes.
The indices (who owns a duty, which positions a person holds, ...) are kept up to date
by that one method, so every read is O(1) and nothing is ever recomputed for the whole org.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import Any, Iterable, Literal

from orgtui.core.domain.catalog import Catalog

Kind = Literal["department", "person", "position", "org"]

# The indices (each a dict of member dicts): what a working copy shares copy-on-write.
_INDICES = ("_owners", "_held_by", "_in_department", "_children", "_reports", "_tops")

DEFAULT_SPAN_OF_CONTROL = 8
# Reporting-line targets (docs/org-file.md): a manager with fewer direct reports than this
# is a narrow span; more layers than this is a deep hierarchy.
DEFAULT_MIN_SPAN = 2
DEFAULT_MAX_LAYERS = 6


@dataclass(frozen=True, slots=True)
class Department:
    id: str
    name: str
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    capacity: float = 1.0


@dataclass(frozen=True, slots=True)
class Position:
    id: str
    title: str
    department: str
    role: str | None = None
    holders: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    fte: float = 1.0  # what each holder spends in this position
    reports_to: str | None = None  # the manager's position id; None for a top (or no lines at all)
    dotted_to: tuple[str, ...] = ()  # dotted-line managers: advice and coordination, not authority


@dataclass(frozen=True, slots=True)
class OrgInfo:
    """Org-wide settings, changed through edits like everything else."""

    name: str
    span_of_control: int = DEFAULT_SPAN_OF_CONTROL
    preamble: str = ""  # the file's leading comment block (kept on save; holds merge conflicts)
    # Effort per duty in FTE (docs/org-file.md): the catalog's estimates when
    # `catalog_efforts`, and these per-duty overrides (sorted by duty id).
    catalog_efforts: bool = False
    efforts: tuple[tuple[str, float], ...] = ()
    # Reporting lines: the narrowest span a manager should have, the most layers, and the
    # positions declared as tops (more than one top is then intended, e.g. co-founders).
    min_span: int = DEFAULT_MIN_SPAN
    max_layers: int = DEFAULT_MAX_LAYERS
    tops: tuple[str, ...] = ()


Entity = Department | Person | Position | OrgInfo


@dataclass(frozen=True, slots=True)
class Change:
    """One entity replaced: added (before None), removed (after None) or changed.

    `index` is where a removed entity stood, so undo puts it back in the same place and a
    save after undo writes the same bytes as before the edit.
    """

    kind: Kind
    id: str
    before: Entity | None
    after: Entity | None
    index: int | None = None

    def inverse(self) -> Change:
        return Change(self.kind, self.id, self.after, self.before, self.index)


def _only_duties_differ(change: Change) -> bool:
    """Whether `change` replaces a position by one that differs in its duties only."""
    before, after = change.before, change.after
    if change.kind != "position" or not isinstance(before, Position) or not isinstance(after, Position):
        return False
    return (before.title, before.department, before.role, before.holders, before.fte, before.reports_to, before.dotted_to) == (
        after.title, after.department, after.role, after.holders, after.fte, after.reports_to, after.dotted_to)


class Org:
    def __init__(
        self,
        info: OrgInfo,
        catalog: Catalog,
        departments: Iterable[Department] = (),
        people: Iterable[Person] = (),
        positions: Iterable[Position] = (),
        catalog_ref: str | None = None,
    ) -> None:
        self.info = info
        self.catalog = catalog
        self.catalog_ref = catalog_ref  # what the file says; None means the built-in catalog
        self.departments: dict[str, Department] = {}
        self.people: dict[str, Person] = {}
        self.positions: dict[str, Position] = {}
        # Indices. Dicts with None values serve as insertion-ordered sets.
        self._owners: dict[str, dict[str, None]] = {}
        self._held_by: dict[str, dict[str, None]] = {}
        self._in_department: dict[str, dict[str, None]] = {}
        self._children: dict[str | None, dict[str, None]] = {}
        self._reports: dict[str, dict[str, None]] = {}  # manager position -> its direct reports
        self._tops: dict[None, dict[str, None]] = {}  # None -> the positions reporting to nobody
        # Table order by kind, built when first needed to place an index entry (see _add).
        self._rank: dict[Kind, dict[str, int]] = {}
        self._efforts: dict[str, float] = {}
        self._efforts_of: tuple[tuple[str, float], ...] = ()  # the info.efforts that _efforts was built from
        self._costs: dict[str, float] = {}
        self._costs_of: tuple[OrgInfo, Catalog] | None = None  # the settings and catalog _costs was built for
        self._next_rank: dict[Kind, int] = {}
        # The member dicts this org may change in place; None: all of them. A working copy
        # shares its member dicts with the org it was taken from, and then each side copies
        # a member dict before its first change of it (see _writable).
        self._own: set[tuple[int, object]] | None = None
        # index entries placed last that belong further up, put in order at the end of apply
        self._out_of_order: dict[tuple[int, object], tuple[dict[Any, dict[str, None]], object, Kind]] = {}
        self.version = 0  # counts applied change lists: caches of derived lists key on it
        self.names_version = 0
        """Counts the change lists that changed more than positions' duties: what names and
        places positions, people and departments (a picker's labels, what typing matches)
        keys on it, so moving a duty does not make the 20,000 positions' picker again."""
        self._build(departments, people, positions)

    # -- reading ---------------------------------------------------------------------

    @property
    def preamble(self) -> str:
        return self.info.preamble

    @preamble.setter
    def preamble(self, text: str) -> None:
        # Only while building an org (loading, merging); edits change it through a Change.
        self.info = replace(self.info, preamble=text)

    def owners(self, duty_id: str) -> tuple[str, ...]:
        """Ids of the positions that own a duty (all index reads are in file order)."""
        return tuple(self._owners.get(duty_id, ()))

    def owner_count(self, duty_id: str) -> int:
        return len(self._owners.get(duty_id, ()))

    def positions_of(self, person_id: str) -> tuple[str, ...]:
        return tuple(self._held_by.get(person_id, ()))

    def positions_in(self, department_id: str) -> tuple[str, ...]:
        return tuple(self._in_department.get(department_id, ()))

    def subdepartments(self, department_id: str | None) -> tuple[str, ...]:
        """Direct children of a department; `None` gives the top-level departments."""
        return tuple(self._children.get(department_id, ()))

    def reports_of(self, position_id: str) -> tuple[str, ...]:
        """The positions that report directly to a position."""
        return tuple(self._reports.get(position_id, ()))

    def top_positions(self) -> tuple[str, ...]:
        """The positions that report to nobody, in file order (the roots of the reporting
        view; kept as an index so that view never scans every position)."""
        return tuple(self._tops.get(None, ()))

    @property
    def has_reporting_lines(self) -> bool:
        """Whether any position reports to another: the reporting findings and the
        department-based span finding depend on it."""
        return bool(self._reports)

    def manager_map(self) -> dict[str, str | None]:
        """Position -> the position it reports to, in file order (core/domain/reporting.py)."""
        return {ident: pos.reports_to for ident, pos in self.positions.items()}

    def effort(self, duty_id: str) -> float | None:
        """What a duty takes in FTE, or None when this org does not estimate it."""
        if self._efforts_of is not self.info.efforts:
            self._efforts, self._efforts_of = dict(self.info.efforts), self.info.efforts
        found = self._efforts.get(duty_id)
        if found is not None:
            return found
        if self.info.catalog_efforts:
            duty = self.catalog.duties.get(duty_id)
            return duty.effort if duty is not None else None
        return None

    def effort_costs(self) -> dict[str, float]:
        """Each duty's effort as sums count it (unknown: 0.0) for the catalog's duties and the
        file's overrides: one lookup per duty where the validator adds up thousands of
        positions. Built again when the settings or the catalog change."""
        built_for = self._costs_of
        if built_for is None or built_for[0] is not self.info or built_for[1] is not self.catalog:
            costs = {d: self.effort(d) or 0.0 for d in self.catalog.duties}
            costs.update((d, self.effort(d) or 0.0) for d, _ in self.info.efforts)
            self._costs, self._costs_of = costs, (self.info, self.catalog)
        return self._costs

    @property
    def uses_effort(self) -> bool:
        return self.info.catalog_efforts or bool(self.info.efforts)

    def load_of(self, person_id: str) -> float:
        """FTE a person spends over all positions they hold."""
        held = self._held_by.get(person_id)
        if held is None:
            return 0  # what the sum of nothing rounds to
        if len(held) == 1:  # most people: the validator's first pass asks for all 50,000
            return round(self.positions[next(iter(held))].fte, 6)
        return round(sum(self.positions[p].fte for p in held), 6)

    def ancestors(self, department_id: str) -> list[str]:
        out: list[str] = []
        parent = self.departments[department_id].parent
        while parent is not None and parent not in out:
            out.append(parent)
            parent = self.departments[parent].parent if parent in self.departments else None
        return out

    def snapshot(self) -> Org:
        """A frozen copy for serialising in another thread: entity tables copied (records are
        immutable), indices shared (a snapshot is only read, never queried by index)."""
        snap = copy.copy(self)
        snap.departments = dict(self.departments)
        snap.people = dict(self.people)
        snap.positions = dict(self.positions)
        return snap

    def working_copy(self) -> Org:
        """A copy that can be edited on its own (another thread tries changes on it): entity
        tables and the indices' outer dicts copied, records and the catalog shared (they are
        immutable), and each index's member dicts shared until one side changes one: both
        sides then copy it first (`_writable`). Copying every member dict took ~18 MiB and
        30-50 ms of the UI thread at 50,000 people after each edit; this copies ~75,000
        dict entries. Neither side ever changes a dict the other can see, so the copy may be
        read in another thread while this org is edited."""
        work = copy.copy(self)
        work.departments = dict(self.departments)
        work.people = dict(self.people)
        work.positions = dict(self.positions)
        for name in _INDICES:
            setattr(work, name, dict(getattr(self, name)))
        self._own, work._own = set(), set()
        work._rank, work._next_rank = {}, {}  # rebuilt from the copy's tables if it needs them
        work._efforts = dict(self._efforts)
        return work

    def get(self, kind: Kind, ident: str) -> Entity | None:
        if kind == "org":
            return self.info
        return self._table(kind).get(ident)

    # -- changing: only through Changes --------------------------------------------

    def apply(self, changes: Iterable[Change]) -> None:
        self.version += 1
        self._out_of_order = {}
        try:
            self._apply(changes)
        finally:
            self._put_in_order()

    def _apply(self, changes: Iterable[Change]) -> None:
        names_changed = False
        for change in changes:
            if not names_changed and not _only_duties_differ(change):
                names_changed = True
                self.names_version += 1
            if change.kind == "org":
                assert isinstance(change.after, OrgInfo)
                self.info = change.after
                continue
            table = self._table(change.kind)
            old = table.get(change.id)
            if change.after is None:
                if old is not None:
                    self._unindex(change.id, old)
                table.pop(change.id, None)
                continue  # the others keep their relative order: ranks stay valid
            if old is not None:
                table[change.id] = change.after  # a replaced entity keeps its place
                self._reindex(change.id, old, change.after)
                continue
            appended = change.index is None or change.index >= len(table)
            self._insert(table, change.id, change.after, change.index)
            rank = self._rank.get(change.kind)
            if appended and rank is not None:
                rank[change.id] = self._next_rank[change.kind]
                self._next_rank[change.kind] += 1
            else:
                self._rank.pop(change.kind, None)  # rebuilt when next needed
            self._index(change.id, change.after)

    def _table(self, kind: Kind) -> dict[str, Any]:
        if kind == "department":
            return self.departments
        if kind == "person":
            return self.people
        if kind == "position":
            return self.positions
        raise ValueError(kind)

    def _build(self, departments: Iterable[Department], people: Iterable[Person], positions: Iterable[Position]) -> None:
        """The tables and indices from records in file order (what `_put` does one by one,
        in one loop per table: opening 50,000 people spends most of its own time here)."""
        children = self._children
        for d in departments:
            self.departments[d.id] = d
            members = children.get(d.parent)
            if members is None:
                children[d.parent] = {d.id: None}
            else:
                members[d.id] = None
        self.people.update((p.id, p) for p in people)
        self._build_positions(positions)
        self._rank.clear()

    def _build_positions(self, positions: Iterable[Position]) -> None:
        table, owners, held_by, in_department, reports = self.positions, self._owners, self._held_by, self._in_department, self._reports
        tops: dict[str, None] = {}
        for pos in positions:
            ident = pos.id
            table[ident] = pos
            for duty in pos.duties:
                members = owners.get(duty)
                if members is None:
                    owners[duty] = {ident: None}
                else:
                    members[ident] = None
            for person in pos.holders:
                members = held_by.get(person)
                if members is None:
                    held_by[person] = {ident: None}
                else:
                    members[ident] = None
            members = in_department.get(pos.department)
            if members is None:
                in_department[pos.department] = {ident: None}
            else:
                members[ident] = None
            if pos.reports_to is None:
                tops[ident] = None
            else:
                members = reports.get(pos.reports_to)
                if members is None:
                    reports[pos.reports_to] = {ident: None}
                else:
                    members[ident] = None
        if tops:
            self._tops[None] = tops

    def _put(self, kind: Kind, ident: str, entity: Entity) -> None:
        # Only while building an org, in file order: every index entry goes last.
        self._table(kind)[ident] = entity
        self._rank.pop(kind, None)
        if isinstance(entity, Position):
            owners, held_by = self._owners, self._held_by
            for duty in entity.duties:
                members = owners.get(duty)
                if members is None:
                    owners[duty] = {ident: None}
                else:
                    members[ident] = None
            for person in entity.holders:
                members = held_by.get(person)
                if members is None:
                    held_by[person] = {ident: None}
                else:
                    members[ident] = None
            self._in_department.setdefault(entity.department, {})[ident] = None
            if entity.reports_to is not None:
                self._reports.setdefault(entity.reports_to, {})[ident] = None
            else:
                self._tops.setdefault(None, {})[ident] = None
        elif isinstance(entity, Department):
            self._children.setdefault(entity.parent, {})[ident] = None

    @staticmethod
    def _insert(table: dict[str, Any], ident: str, entity: Entity, index: int | None) -> None:
        if index is None or index >= len(table):
            table[ident] = entity
            return
        items = list(table.items())  # re-insert where it stood (undo of a removal)
        items.insert(index, (ident, entity))
        table.clear()
        table.update(items)

    # -- the indices: each member set is a dict kept in file order as it changes, so no read
    # ever sorts (a shared duty has ~5,000 owners at 50,000 people) ---------------------------

    def _ranks(self, kind: Kind) -> dict[str, int]:
        """Each id's place in its table. Removals leave gaps (relative order still holds);
        only an insert in the middle (undo of a removal) forces a rebuild."""
        rank = self._rank.get(kind)
        if rank is None:
            rank = self._rank[kind] = {key: i for i, key in enumerate(self._table(kind))}
            self._next_rank[kind] = len(rank)
        return rank

    def _writable(self, index: dict[Any, dict[str, None]], key: object) -> dict[str, None] | None:
        """`index[key]`, made this org's own first if a working copy may share it."""
        members = index.get(key)
        own = self._own
        if members is not None and own is not None:
            mark = (id(index), key)
            if mark not in own:
                members = index[key] = dict(members)
                own.add(mark)
        return members

    def _add(self, index: dict[Any, dict[str, None]], key: object, member: str, kind: Kind) -> None:
        members = self._writable(index, key)
        if members is None:
            index[key] = {member: None}
            if self._own is not None:
                self._own.add((id(index), key))
            return
        rank = self._ranks(kind)
        if rank[next(reversed(members))] > rank[member]:
            # it belongs further up: put in order once the whole change list is applied (an
            # undo gives a duty back to thousands of owners, each one in the middle)
            self._out_of_order[(id(index), key)] = (index, key, kind)
        members[member] = None

    def _put_in_order(self) -> None:
        for index, key, kind in self._out_of_order.values():
            members = self._writable(index, key)
            if members is not None:
                rank = self._ranks(kind)
                ordered = sorted(members, key=rank.__getitem__)
                members.clear()
                members.update(dict.fromkeys(ordered))
        self._out_of_order = {}

    def _discard(self, index: dict[Any, dict[str, None]], key: object, member: str) -> None:
        members = index.get(key)
        if members is None or member not in members:
            return
        if len(members) == 1:
            del index[key]  # the last member: nothing to copy
            return
        members = self._writable(index, key)
        assert members is not None
        del members[member]

    def _index(self, ident: str, entity: Entity) -> None:
        if isinstance(entity, Position):
            for duty in entity.duties:
                self._add(self._owners, duty, ident, "position")
            for person in entity.holders:
                self._add(self._held_by, person, ident, "position")
            self._add(self._in_department, entity.department, ident, "position")
            if entity.reports_to is not None:
                self._add(self._reports, entity.reports_to, ident, "position")
            else:
                self._add(self._tops, None, ident, "position")
        elif isinstance(entity, Department):
            self._add(self._children, entity.parent, ident, "department")

    def _unindex(self, ident: str, entity: Entity) -> None:
        if isinstance(entity, Position):
            for duty in entity.duties:
                self._discard(self._owners, duty, ident)
            for person in entity.holders:
                self._discard(self._held_by, person, ident)
            self._discard(self._in_department, entity.department, ident)
            if entity.reports_to is not None:
                self._discard(self._reports, entity.reports_to, ident)
            else:
                self._discard(self._tops, None, ident)
        elif isinstance(entity, Department):
            self._discard(self._children, entity.parent, ident)

    def _reindex(self, ident: str, old: Entity, new: Entity) -> None:
        """Only the memberships that changed: an unchanged one keeps its place for free."""
        if isinstance(old, Position) and isinstance(new, Position):
            for index, before, after in (
                (self._owners, old.duties, new.duties),
                (self._held_by, old.holders, new.holders),
                (self._in_department, (old.department,), (new.department,)),
                (self._reports, _line(old.reports_to), _line(new.reports_to)),
                (self._tops, _top(old.reports_to), _top(new.reports_to)),
            ):
                if before == after:
                    continue
                for key in set(before).difference(after):
                    self._discard(index, key, ident)
                for key in after:
                    if key not in before:
                        self._add(index, key, ident, "position")
        elif isinstance(old, Department) and isinstance(new, Department):
            if old.parent != new.parent:
                self._discard(self._children, old.parent, ident)
                self._add(self._children, new.parent, ident, "department")
        else:
            self._unindex(ident, old)
            self._index(ident, new)


def _line(manager: str | None) -> tuple[str, ...]:
    return () if manager is None else (manager,)


def _top(manager: str | None) -> tuple[None, ...]:
    return (None,) if manager is None else ()
