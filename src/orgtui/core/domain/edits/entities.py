"""Adding, renaming, moving and removing departments, positions and people.

A removal takes its dependents with it in the same step (a person leaves every position
they hold; a department takes its sub-departments and positions), so nothing is left
dangling. `consequences()` says beforehand what a removal will change, for the UI to ask.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from orgtui.core.domain.catalog import local_title
from orgtui.core.domain.conflict_notes import pending_conflicts, without_conflicts
from orgtui.core.domain.edits.base import (
    TITLE,
    Edit,
    EditError,
    Planned,
    changed,
    check_name,
    check_number,
    department,
    new_id,
    person,
    position,
    removals,
    removed,
)
from orgtui.core.domain.edits.reporting import reattach_reports
from orgtui.core.domain.org import Change, Department, Org, OrgInfo, Person, Position
from orgtui.core.i18n import N_, _, ngettext

# -- departments ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddDepartment(Edit):
    name: str
    parent: str | None = None
    id: str | None = None

    def plan(self, org: Org) -> Planned:
        check_name(self.name)
        if self.parent is not None:
            department(org, self.parent)
        ident = new_id(org, self.name, org.departments, self.id, "department")
        dept = Department(ident, self.name, self.parent)
        return Planned(_("Add department {name}").format(name=self.name), (Change("department", ident, None, dept),), ident)


@dataclass(frozen=True, slots=True)
class RenameDepartment(Edit):
    department: str
    name: str

    def plan(self, org: Org) -> Planned:
        dept = department(org, self.department)
        check_name(self.name)
        if self.name == dept.name:
            raise EditError(_("that is already its name"))
        return Planned(_("Rename department {old} to {new}").format(old=dept.name, new=self.name), (changed("department", dept, name=self.name),))


@dataclass(frozen=True, slots=True)
class MoveDepartment(Edit):
    """Put a department under another parent (or at the top with `parent=None`)."""

    department: str
    parent: str | None

    def plan(self, org: Org) -> Planned:
        dept = department(org, self.department)
        if self.parent is not None:
            parent = department(org, self.parent)
            if parent.id == dept.id or dept.id in org.ancestors(parent.id):
                raise EditError(_("{name} cannot be moved into itself or one of its sub-departments").format(name=dept.name))
            where = parent.name
        else:
            where = _("the top level")
        if dept.parent == self.parent:
            raise EditError(_("{name} is already there").format(name=dept.name))
        return Planned(_("Move department {name} to {where}").format(name=dept.name, where=where), (changed("department", dept, parent=self.parent),))


def _subtree(org: Org, root: str) -> list[str]:
    out, stack = [], [root]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(org.subdepartments(current))
    return out


@dataclass(frozen=True, slots=True)
class RemoveDepartment(Edit):
    department: str

    def consequences(self, org: Org) -> list[str]:
        dept = department(org, self.department)
        tree = _subtree(org, dept.id)
        positions = [p for d in tree for p in org.positions_in(d)]
        out = []
        if len(tree) > 1:
            out.append(ngettext("{n} sub-department is removed with it", "{n} sub-departments are removed with it", len(tree) - 1).format(n=len(tree) - 1))
        if positions:
            out.append(ngettext("{n} position is removed with it", "{n} positions are removed with it", len(positions)).format(n=len(positions)))
        unowned = _newly_unowned(org, set(positions))
        if unowned:
            out.append(_unowned_line(unowned))
        return out

    def plan(self, org: Org) -> Planned:
        dept = department(org, self.department)
        tree = _subtree(org, dept.id)
        gone = [p for d in tree for p in org.positions_in(d)]
        changes = reattach_reports(org, set(gone)) + removals(org, "position", gone)
        # children before parents, so undo (which runs backwards) restores parents first
        changes += removals(org, "department", list(reversed(tree)))
        return Planned(_("Remove department {name}").format(name=dept.name), tuple(changes))


def _newly_unowned(org: Org, positions: set[str]) -> list[str]:
    duties = {d for p in positions for d in org.positions[p].duties}
    return [local_title(org.catalog.duties[d]) for d in org.catalog.duties if d in duties and set(org.owners(d)) <= positions]


def _unowned_line(unowned: list[str]) -> str:
    titles = ", ".join(unowned[:5]) + ("…" if len(unowned) > 5 else "")
    return ngettext("{n} duty becomes unowned: {titles}", "{n} duties become unowned: {titles}", len(unowned)).format(n=len(unowned), titles=titles)


# -- positions -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddPosition(Edit):
    title: str
    department: str
    role: str | None = None
    duties: tuple[str, ...] = ()
    fte: float = 1.0
    id: str | None = None

    def plan(self, org: Org) -> Planned:
        check_name(self.title, TITLE)
        department(org, self.department)
        if self.role is not None and self.role not in org.catalog.roles:
            raise EditError(_("there is no role {id} in the catalog").format(id=repr(self.role)))
        for duty in self.duties:
            if duty not in org.catalog.duties:
                raise EditError(_("there is no duty {id} in the catalog").format(id=repr(duty)))
        fte = check_number(self.fte, N_("FTE"), 0, 1, low_open=True)
        ident = new_id(org, self.title, org.positions, self.id, "position")
        pos = Position(ident, self.title, self.department, self.role, (), tuple(dict.fromkeys(self.duties)), fte)
        return Planned(_("Add position {title}").format(title=self.title), (Change("position", ident, None, pos),), ident)


@dataclass(frozen=True, slots=True)
class RenamePosition(Edit):
    position: str
    title: str

    def plan(self, org: Org) -> Planned:
        pos = position(org, self.position)
        check_name(self.title, TITLE)
        if self.title == pos.title:
            raise EditError(_("that is already its title"))
        return Planned(_("Rename position {old} to {new}").format(old=pos.title, new=self.title), (changed("position", pos, title=self.title),))


@dataclass(frozen=True, slots=True)
class MovePosition(Edit):
    position: str
    department: str

    def plan(self, org: Org) -> Planned:
        pos = position(org, self.position)
        dept = department(org, self.department)
        if pos.department == dept.id:
            raise EditError(_("{position} is already in {department}").format(position=pos.title, department=dept.name))
        return Planned(_("Move {position} to {department}").format(position=pos.title, department=dept.name), (changed("position", pos, department=dept.id),))


@dataclass(frozen=True, slots=True)
class SetFte(Edit):
    position: str
    fte: float

    def plan(self, org: Org) -> Planned:
        pos = position(org, self.position)
        fte = check_number(self.fte, N_("FTE"), 0, 1, low_open=True)
        return Planned(_("Set FTE of {position} to {fte}").format(position=pos.title, fte=f"{fte:g}"), (changed("position", pos, fte=fte),))


@dataclass(frozen=True, slots=True)
class SetRole(Edit):
    position: str
    role: str | None

    def plan(self, org: Org) -> Planned:
        pos = position(org, self.position)
        if self.role is not None and self.role not in org.catalog.roles:
            raise EditError(_("there is no role {id} in the catalog").format(id=repr(self.role)))
        title = local_title(org.catalog.roles[self.role]) if self.role else _("no role")
        return Planned(_("Set role of {position} to {role}").format(position=pos.title, role=title), (changed("position", pos, role=self.role),))


@dataclass(frozen=True, slots=True)
class RemovePosition(Edit):
    position: str

    def consequences(self, org: Org) -> list[str]:
        pos = position(org, self.position)
        out = []
        if pos.holders:
            names = ", ".join(org.people[h].name for h in pos.holders)
            out.append(ngettext("{names} no longer holds it", "{names} no longer hold it", len(pos.holders)).format(names=names))
        unowned = _newly_unowned(org, {pos.id})
        if unowned:
            out.append(_unowned_line(unowned))
        return out

    def plan(self, org: Org) -> Planned:
        pos = position(org, self.position)
        changes = (*reattach_reports(org, {pos.id}), removed(org, "position", pos))
        return Planned(_("Remove position {title}").format(title=pos.title), changes)


# -- people --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddPerson(Edit):
    """A new person; with `holds`, they hold that position too, in the same step (a person
    added while a position is selected is usually its new holder)."""

    name: str
    capacity: float = 1.0
    id: str | None = None
    holds: str | None = None

    def plan(self, org: Org) -> Planned:
        check_name(self.name)
        capacity = check_number(self.capacity, N_("capacity"), 0, 2)
        held = position(org, self.holds) if self.holds is not None else None
        ident = new_id(org, self.name, org.people, self.id, "person")
        added = Change("person", ident, None, Person(ident, self.name, capacity))
        if held is None:
            return Planned(_("Add {name}").format(name=self.name), (added,), ident)
        label = _("Add {name} as a holder of {position}").format(name=self.name, position=held.title)
        return Planned(label, (added, changed("position", held, holders=held.holders + (ident,))), ident)


@dataclass(frozen=True, slots=True)
class RenamePerson(Edit):
    person: str
    name: str

    def plan(self, org: Org) -> Planned:
        who = person(org, self.person)
        check_name(self.name)
        if self.name == who.name:
            raise EditError(_("that is already their name"))
        return Planned(_("Rename {old} to {new}").format(old=who.name, new=self.name), (changed("person", who, name=self.name),))


@dataclass(frozen=True, slots=True)
class SetCapacity(Edit):
    person: str
    capacity: float

    def plan(self, org: Org) -> Planned:
        who = person(org, self.person)
        capacity = check_number(self.capacity, N_("capacity"), 0, 2)
        return Planned(_("Set capacity of {name} to {capacity}").format(name=who.name, capacity=f"{capacity:g}"), (changed("person", who, capacity=capacity),))


@dataclass(frozen=True, slots=True)
class RemovePerson(Edit):
    person: str

    def consequences(self, org: Org) -> list[str]:
        who = person(org, self.person)
        held = [org.positions[p].title for p in org.positions_of(who.id)]
        return [_("{name} leaves: {positions}").format(name=who.name, positions=", ".join(held))] if held else []

    def plan(self, org: Org) -> Planned:
        who = person(org, self.person)
        changes = [
            changed("position", org.positions[p], holders=tuple(h for h in org.positions[p].holders if h != who.id))
            for p in org.positions_of(who.id)
        ]
        changes.append(removed(org, "person", who))
        return Planned(_("Remove {name}").format(name=who.name), tuple(changes))


# -- the org itself --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RenameOrg(Edit):
    name: str

    def plan(self, org: Org) -> Planned:
        check_name(self.name)
        return Planned(_("Rename org to {name}").format(name=self.name), (Change("org", "", org.info, replace(org.info, name=self.name)),))


@dataclass(frozen=True, slots=True)
class SetSpanOfControl(Edit):
    span: int

    def plan(self, org: Org) -> Planned:
        if isinstance(self.span, bool) or not isinstance(self.span, int) or not 1 <= self.span <= 1000:
            raise EditError(_("span of control must be a whole number from 1 to 1000"))
        info: OrgInfo = replace(org.info, span_of_control=self.span)
        return Planned(_("Set span of control to {span}").format(span=self.span), (Change("org", "", org.info, info),))


@dataclass(frozen=True, slots=True)
class ResolveConflicts(Edit):
    """Mark the conflicts `orgtui merge` recorded as resolved: their note leaves the file."""

    def plan(self, org: Org) -> Planned:
        pending = pending_conflicts(org.info.preamble)
        if not pending:
            raise EditError(_("there are no merge conflicts to resolve"))
        info = replace(org.info, preamble=without_conflicts(org.info.preamble))
        return Planned(ngettext("Mark {n} merge conflict resolved", "Mark {n} merge conflicts resolved", len(pending)).format(n=len(pending)), (Change("org", "", org.info, info),))
