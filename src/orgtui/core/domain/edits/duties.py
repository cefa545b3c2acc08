"""Who owns which duty: assign, unassign and move duties between positions."""

from __future__ import annotations

from dataclasses import dataclass

from orgtui.core.domain.edits.base import (
    Edit,
    EditError,
    Planned,
    changed,
    duty_title,
    position,
)
from orgtui.core.domain.org import Org
from orgtui.core.i18n import _


@dataclass(frozen=True, slots=True)
class AssignDuty(Edit):
    duty: str
    position: str

    def plan(self, org: Org) -> Planned:
        title = duty_title(org, self.duty)
        pos = position(org, self.position)
        if self.duty in pos.duties:
            raise EditError(_("{position} already owns {duty}").format(position=pos.title, duty=title))
        change = changed("position", pos, duties=pos.duties + (self.duty,))
        return Planned(_("Assign {duty} to {position}").format(duty=title, position=pos.title), (change,))


@dataclass(frozen=True, slots=True)
class UnassignDuty(Edit):
    duty: str
    position: str

    def plan(self, org: Org) -> Planned:
        title = duty_title(org, self.duty)
        pos = position(org, self.position)
        if self.duty not in pos.duties:
            raise EditError(_("{position} does not own {duty}").format(position=pos.title, duty=title))
        change = changed("position", pos, duties=tuple(d for d in pos.duties if d != self.duty))
        return Planned(_("Unassign {duty} from {position}").format(duty=title, position=pos.title), (change,))


@dataclass(frozen=True, slots=True)
class MoveDuty(Edit):
    """Move a duty from one position to another; from nowhere (`source=None`) it is assigned."""

    duty: str
    source: str | None
    target: str

    def plan(self, org: Org) -> Planned:
        if self.source is None:
            return AssignDuty(self.duty, self.target).plan(org)
        title = duty_title(org, self.duty)
        src, dst = position(org, self.source), position(org, self.target)
        if src.id == dst.id:
            raise EditError(_("{duty} is already owned by {target}").format(duty=title, target=dst.title))
        if self.duty not in src.duties:
            raise EditError(_("{source} does not own {duty}").format(source=src.title, duty=title))
        changes = [changed("position", src, duties=tuple(d for d in src.duties if d != self.duty))]
        if self.duty not in dst.duties:
            changes.append(changed("position", dst, duties=dst.duties + (self.duty,)))
        return Planned(_("Move {duty} from {source} to {target}").format(duty=title, source=src.title, target=dst.title), tuple(changes))
