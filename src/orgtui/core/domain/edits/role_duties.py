"""Give an existing position a role's duties in one step: the role's unowned duties, or
all of them (each leaving every position that owns it now).

The bulk counterpart of a role template when adding a position (`AddPosition(role=…)`),
for a position that exists already. It is a Batch of the single-duty edits, so the
history shows one step and one undo takes all of it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from orgtui.core.domain.catalog import local_title
from orgtui.core.domain.edits.base import Edit, EditError, Planned, position
from orgtui.core.domain.edits.batch import Batch
from orgtui.core.domain.edits.duties import AssignDuty, MoveDuty, UnassignDuty
from orgtui.core.domain.org import Org
from orgtui.core.i18n import _, ngettext

Scope = Literal["unowned", "all"]
SCOPES: tuple[Scope, ...] = ("unowned", "all")


@dataclass(frozen=True, slots=True)
class RoleDuties:
    """Where a role's duties stand for one position: what each scope would give it."""

    unowned: tuple[str, ...]  # nobody owns them: assigned
    elsewhere: tuple[str, ...]  # owned by other positions: moved only with scope "all"
    already: tuple[str, ...]  # the position owns them already: nothing to do

    def given(self, scope: Scope) -> tuple[str, ...]:
        return self.unowned if scope == "unowned" else self.unowned + self.elsewhere


def role_duties(org: Org, role_id: str, position_id: str) -> RoleDuties:
    """The role's duties, sorted by what giving them to the position means (role order)."""
    role = org.catalog.roles.get(role_id)
    if role is None:
        raise EditError(_("there is no role {role!r} in the catalog").format(role=role_id))
    pos = position(org, position_id)
    unowned, elsewhere, already = [], [], []
    for duty in role.duties:
        if duty.id in pos.duties:
            already.append(duty.id)
        elif org.owner_count(duty.id):
            elsewhere.append(duty.id)
        else:
            unowned.append(duty.id)
    return RoleDuties(tuple(unowned), tuple(elsewhere), tuple(already))


@dataclass(frozen=True, slots=True)
class GiveRoleDuties(Edit):
    position: str
    role: str
    scope: Scope = "unowned"

    def plan(self, org: Org) -> Planned:
        if self.scope not in SCOPES:
            raise EditError(_("unknown scope {scope!r}: one of {scopes}").format(scope=self.scope, scopes=", ".join(SCOPES)))
        pos = position(org, self.position)
        found = role_duties(org, self.role, pos.id)
        role = local_title(org.catalog.roles[self.role])
        given = found.given(self.scope)
        if not given:
            if self.scope == "unowned" and found.elsewhere:
                raise EditError(_("{role} has no unowned duty left: every one is owned").format(role=role))
            raise EditError(_("{position} already owns every duty of {role}").format(position=pos.title, role=role))
        parts: list[Edit] = []
        for duty in given:
            owners = [p for p in org.owners(duty) if p != pos.id]
            if not owners:
                parts.append(AssignDuty(duty, pos.id))
                continue
            parts.append(MoveDuty(duty, owners[0], pos.id))
            parts += [UnassignDuty(duty, other) for other in owners[1:]]  # a split duty leaves all its owners
        label = ngettext("Give {position} {n} duty of {role}", "Give {position} {n} duties of {role}", len(given)).format(
            position=pos.title, n=len(given), role=role)
        moved = sum(1 for d in given if d in found.elsewhere)
        if moved:
            label += ngettext(" ({n} moved from another position)", " ({n} moved from other positions)", moved).format(n=moved)
        return Planned(label, Batch(label, tuple(parts)).plan(org).changes)
