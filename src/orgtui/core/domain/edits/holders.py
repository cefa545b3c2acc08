"""Who holds which position: assign, unassign and move people between positions."""

from __future__ import annotations

from dataclasses import dataclass

from orgtui.core.domain.edits.base import (
    Edit,
    EditError,
    Planned,
    changed,
    person,
    position,
)
from orgtui.core.domain.org import Org
from orgtui.core.i18n import _


@dataclass(frozen=True, slots=True)
class AssignHolder(Edit):
    person: str
    position: str

    def plan(self, org: Org) -> Planned:
        who, pos = person(org, self.person), position(org, self.position)
        if who.id in pos.holders:
            raise EditError(_("{person} already holds {position}").format(person=who.name, position=pos.title))
        change = changed("position", pos, holders=pos.holders + (who.id,))
        return Planned(_("Make {person} a holder of {position}").format(person=who.name, position=pos.title), (change,))


@dataclass(frozen=True, slots=True)
class UnassignHolder(Edit):
    person: str
    position: str

    def plan(self, org: Org) -> Planned:
        who, pos = person(org, self.person), position(org, self.position)
        if who.id not in pos.holders:
            raise EditError(_("{person} does not hold {position}").format(person=who.name, position=pos.title))
        change = changed("position", pos, holders=tuple(h for h in pos.holders if h != who.id))
        return Planned(_("Remove {person} from {position}").format(person=who.name, position=pos.title), (change,))


@dataclass(frozen=True, slots=True)
class MoveHolder(Edit):
    """Move a person from one position to another (a drag of a holder)."""

    person: str
    source: str | None
    target: str

    def plan(self, org: Org) -> Planned:
        if self.source is None:
            return AssignHolder(self.person, self.target).plan(org)
        who = person(org, self.person)
        src, dst = position(org, self.source), position(org, self.target)
        if src.id == dst.id:
            raise EditError(_("{person} already holds {target}").format(person=who.name, target=dst.title))
        if who.id not in src.holders:
            raise EditError(_("{person} does not hold {source}").format(person=who.name, source=src.title))
        changes = [changed("position", src, holders=tuple(h for h in src.holders if h != who.id))]
        if who.id not in dst.holders:
            changes.append(changed("position", dst, holders=dst.holders + (who.id,)))
        return Planned(_("Move {person} from {source} to {target}").format(person=who.name, source=src.title, target=dst.title), tuple(changes))
