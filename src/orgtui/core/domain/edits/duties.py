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


@dataclass(frozen=True, slots=True)
class AssignDuty(Edit):
    duty: str
    position: str

    def plan(self, org: Org) -> Planned:
        title = duty_title(org, self.duty)
        pos = position(org, self.position)
        if self.duty in pos.duties:
            raise EditError(f"{pos.title} already owns {title}")
        change = changed("position", pos, duties=pos.duties + (self.duty,))
        return Planned(f"Assign {title} to {pos.title}", (change,))


@dataclass(frozen=True, slots=True)
class UnassignDuty(Edit):
    duty: str
    position: str

    def plan(self, org: Org) -> Planned:
        title = duty_title(org, self.duty)
        pos = position(org, self.position)
        if self.duty not in pos.duties:
            raise EditError(f"{pos.title} does not own {title}")
        change = changed("position", pos, duties=tuple(d for d in pos.duties if d != self.duty))
        return Planned(f"Unassign {title} from {pos.title}", (change,))


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
            raise EditError(f"{title} is already owned by {dst.title}")
        if self.duty not in src.duties:
            raise EditError(f"{src.title} does not own {title}")
        changes = [changed("position", src, duties=tuple(d for d in src.duties if d != self.duty))]
        if self.duty not in dst.duties:
            changes.append(changed("position", dst, duties=dst.duties + (self.duty,)))
        return Planned(f"Move {title} from {src.title} to {dst.title}", tuple(changes))
