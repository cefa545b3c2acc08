"""The org's indices stay in file order when one change list touches thousands of members."""

from __future__ import annotations

import random

from orgtui.core.domain import edits as E
from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position

CATALOG = builtin_catalog()
DUTY = "ecommerce_manager.pricing"


def shared_duty_org(owners: int) -> Org:
    people = [Person(f"p{i}", f"Person {i}") for i in range(owners)]
    positions = [Position(f"pos{i}", f"Post {i}", "d", holders=(f"p{i}",), duties=(DUTY,),
                          reports_to=None if i == 0 else "pos0") for i in range(owners)]
    return Org(OrgInfo("Shared", 8), CATALOG, [Department("d", "Dept")], people, positions)


def test_a_duty_given_back_to_hundreds_of_owners_in_one_undo_lists_them_in_file_order():
    org = shared_duty_org(400)
    keep = "pos200"
    others = tuple(E.UnassignDuty(DUTY, f"pos{i}") for i in range(400) if f"pos{i}" != keep)
    changes = E.Batch("keep one", others).plan(org).changes
    org.apply(changes)
    assert org.owners(DUTY) == (keep,)
    org.apply(tuple(c.inverse() for c in reversed(changes)))  # each owner goes back before the last
    assert org.owners(DUTY) == tuple(f"pos{i}" for i in range(400))


def test_indices_put_back_in_any_order_within_one_change_list_end_in_file_order():
    rng = random.Random(5)
    org = shared_duty_org(60)
    for _ in range(30):
        chosen = rng.sample(sorted(org.positions), 25)
        taken = [E.UnassignDuty(DUTY, p) for p in chosen if DUTY in org.positions[p].duties]
        given = [E.AssignDuty(DUTY, p) for p in chosen if DUTY not in org.positions[p].duties]
        for part in taken + given:
            org.apply(part.plan(org).changes)
        missing = [p for p in rng.sample(chosen, len(chosen)) if DUTY not in org.positions[p].duties]
        back = [c for p in missing for c in E.AssignDuty(DUTY, p).plan(org).changes]
        org.apply(back)  # one list, members added in random order
        assert org.owners(DUTY) == tuple(p.id for p in org.positions.values() if DUTY in p.duties)
        assert org.reports_of("pos0") == tuple(p.id for p in org.positions.values() if p.reports_to == "pos0")


def test_names_version_moves_with_what_names_or_places_things_not_with_duties():
    org = shared_duty_org(3)
    start = org.names_version

    def apply(edit: E.Edit) -> int:
        org.apply(edit.plan(org).changes)
        return org.names_version

    other = next(d for d in CATALOG.duties if d != DUTY)
    assert apply(E.AssignDuty(other, "pos1")) == start  # a duty moved names nothing anew
    assert apply(E.MoveDuty(other, "pos1", "pos2")) == start
    assert apply(E.UnassignDuty(DUTY, "pos0")) == start
    assert apply(E.RenamePosition("pos1", "Renamed")) == start + 1
    assert apply(E.UnassignHolder("p2", "pos2")) == start + 2  # holders are in a position's label
    assert apply(E.AddPerson("Zed")) == start + 3
