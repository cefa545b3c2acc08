"""What if these people left: the findings that would appear, without changing the org.

The people are removed from a copy of the org (their positions stay, vacant where they
were the only holder), the copy is checked, and its findings are compared with the org's.
A duty "left to nobody" is one that would be unowned or owned only by vacancies: on paper
someone may still own it, but nobody would do it. `plan()` turns the answer into the
repair plan for the org without them.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgtui.core.domain.edits import Batch, EditError, RemovePerson
from orgtui.core.domain.org import Org
from orgtui.core.domain.repair import RepairPlan, plan_repair
from orgtui.core.domain.validator import UNOWNED, VACANT, Finding, Validator
from orgtui.core.i18n import _


@dataclass(frozen=True, slots=True)
class WhatIf:
    people: tuple[str, ...]
    without: Org  # the copy without them
    appear: tuple[Finding, ...]  # findings the copy has and the org has not (in validator order)
    left_to_nobody: tuple[str, ...]  # duty ids newly unowned or owned only by vacancies

    def plan(self, scope: str = "unowned") -> RepairPlan:
        """The repair plan for the org without these people."""
        return plan_repair(self.without, scope)


def copy_of(org: Org) -> Org:
    """An independent org with the same entities (records are immutable, so shared)."""
    out = Org(org.info, org.catalog, org.departments.values(), org.people.values(), org.positions.values(),
              catalog_ref=org.catalog_ref)
    return out


def what_if_without(org: Org, people: list[str], validator: Validator | None = None) -> WhatIf:
    """Raises EditError naming an id that is not a person of the org."""
    unknown = [p for p in people if p not in org.people]
    if unknown:
        raise EditError(_("there is no person {id}").format(id=", ".join(map(repr, unknown))))
    people = list(dict.fromkeys(people))
    validator = validator or Validator(org)
    without = copy_of(org)
    if people:
        without.apply(Batch("leave", tuple(RemovePerson(p) for p in people)).plan(without).changes)
    after = Validator(without)
    before = {(f.code, f.subject) for f in validator.findings()}
    appear = tuple(f for f in after.findings() if (f.code, f.subject) not in before)
    nobody_before = {f.subject for f in validator.findings() if f.code in (UNOWNED, VACANT)}
    left = tuple(dict.fromkeys(f.subject for f in after.findings()
                               if f.code in (UNOWNED, VACANT) and f.subject not in nobody_before))
    return WhatIf(tuple(people), without, appear, left)
