"""The validator: each weak spot is found, cleared when fixed, and kept right edit by edit."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import build_small_org

from orgtui.core.domain import edits as E
from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.edits import EditError
from orgtui.core.domain.org import Org, OrgInfo
from orgtui.core.domain.validator import (
    CODES,
    EMPTY,
    IDLE,
    OVERLOADED,
    REPORTING_CODES,
    SINGLE_POINT,
    SPLIT,
    UNOWNED,
    VACANT,
    WIDE_SPAN,
    Severity,
    Validator,
)
from orgtui.core.storage.orgfile import dumps_org, parse_org
from orgtui.core.storage.session import Workspace

CATALOG = builtin_catalog()
PRICING = "ecommerce_manager.pricing"
RETURNS = "ecommerce_manager.returns"


def empty_workspace(span: int = 8) -> Workspace:
    return Workspace(Org(OrgInfo("Test", span), CATALOG))


def consistent(ws: Workspace) -> Validator:
    """Assert the incrementally kept findings equal a validator built from scratch."""
    fresh = Validator(ws.org)
    assert ws.validator.snapshot() == fresh.snapshot()
    assert ws.validator.findings() == fresh.findings()
    for code in CODES:
        assert ws.validator.count(code) == fresh.count(code) == sum(f.code == code for f in fresh.findings())
    return fresh


def codes(ws: Workspace, kind: str, ident: str) -> list[str]:
    consistent(ws)
    return [f.code for f in ws.validator.about(kind, ident)]


def shop(ws: Workspace, positions: int = 1, holder: bool = False) -> list[str]:
    """A department 'shop' with n positions (p1, p2, ...); optionally Anna holds p1."""
    ws.apply(E.AddDepartment("Shop", id="shop"))
    ids = [ws.apply(E.AddPosition(f"P{i}", "shop", id=f"p{i}")).created for i in range(1, positions + 1)]
    if holder:
        ws.apply(E.AddPerson("Anna", id="anna"))
        ws.apply(E.AssignHolder("anna", "p1"))
    return ids


# -- each rule on a minimal org --------------------------------------------------------------


def test_a_duty_nobody_owns_is_an_error_until_a_position_takes_it():
    ws = empty_workspace()
    shop(ws, holder=True)
    [finding] = ws.validator.about("duty", PRICING)
    assert (finding.code, finding.severity) == (UNOWNED, Severity.ERROR)
    assert CATALOG.duties[PRICING].title in finding.message
    assert ws.validator.count(UNOWNED) == len(CATALOG.duties)

    ws.apply(E.AssignDuty(PRICING, "p1"))
    assert codes(ws, "duty", PRICING) == [SINGLE_POINT]  # owned; only Anna does it
    assert ws.validator.count(UNOWNED) == len(CATALOG.duties) - 1

    ws.undo()
    assert codes(ws, "duty", PRICING) == [UNOWNED]


def test_a_duty_split_between_positions_is_a_warning_until_one_gives_it_up():
    ws = empty_workspace()
    shop(ws, positions=2, holder=True)
    ws.apply(E.AssignHolder("anna", "p2"))
    ws.apply(E.AssignDuty(PRICING, "p1"))
    ws.apply(E.AssignDuty(PRICING, "p2"))
    finding, single = ws.validator.about("duty", PRICING)  # both posts are Anna's: she alone does it
    assert (finding.code, finding.related) == (SPLIT, ("p1", "p2"))
    assert (single.code, single.related) == (SINGLE_POINT, ("anna", "p1", "p2"))
    assert "split between 2 positions: P1, P2" in finding.message
    consistent(ws)

    ws.apply(E.UnassignDuty(PRICING, "p1"))
    assert codes(ws, "duty", PRICING) == [SINGLE_POINT]  # one owner now (Anna alone holds it)


def test_a_duty_owned_only_by_vacant_positions_is_a_warning_until_someone_holds_one():
    ws = empty_workspace()
    shop(ws)
    ws.apply(E.AssignDuty(PRICING, "p1"))
    assert codes(ws, "duty", PRICING) == [VACANT]

    ws.apply(E.AddPerson("Anna", id="anna"))
    ws.apply(E.AssignHolder("anna", "p1"))
    assert codes(ws, "duty", PRICING) == [SINGLE_POINT]  # held now, by Anna alone
    ws.apply(E.RemovePerson("anna"))
    assert codes(ws, "duty", PRICING) == [VACANT], "the person leaving makes it vacant again"


def test_a_person_over_capacity_is_a_warning_until_capacity_or_load_fits():
    ws = empty_workspace()
    shop(ws, positions=2)
    ws.apply(E.AddPerson("Ben", capacity=0.5, id="ben"))
    ws.apply(E.AssignHolder("ben", "p1"))
    [finding] = ws.validator.about("person", "ben")
    assert (finding.code, finding.related) == (OVERLOADED, ("p1",))
    assert "1 / 0.5 FTE" in finding.message

    ws.apply(E.SetCapacity("ben", 1))
    assert codes(ws, "person", "ben") == []
    ws.apply(E.AssignHolder("ben", "p2"))  # 2 FTE of positions on a capacity of 1
    assert codes(ws, "person", "ben") == [OVERLOADED]
    ws.apply(E.SetFte("p2", 0.25))
    ws.apply(E.SetFte("p1", 0.75))
    assert codes(ws, "person", "ben") == [], "exactly at capacity is fine"


def test_load_exactly_at_capacity_is_not_overloaded_despite_float_rounding():
    ws = empty_workspace()
    shop(ws, positions=2)
    ws.apply(E.AddPerson("Cleo", capacity=0.3, id="cleo"))
    ws.apply(E.SetFte("p1", 0.1))
    ws.apply(E.SetFte("p2", 0.2))  # 0.1 + 0.2 == 0.30000000000000004 in floats
    ws.apply(E.AssignHolder("cleo", "p1"))
    ws.apply(E.AssignHolder("cleo", "p2"))
    assert codes(ws, "person", "cleo") == []


def test_a_department_with_more_positions_than_the_span_of_control_is_a_warning():
    ws = empty_workspace(span=2)
    shop(ws, positions=3)
    [finding] = ws.validator.about("department", "shop")
    assert finding.code == WIDE_SPAN
    assert finding.message == "Shop has 3 direct positions (span of control 2)"

    ws.apply(E.SetSpanOfControl(3))  # an org-wide change re-checks every department
    assert codes(ws, "department", "shop") == []
    ws.undo()
    assert codes(ws, "department", "shop") == [WIDE_SPAN]
    ws.apply(E.MovePosition("p3", ws.apply(E.AddDepartment("Other")).created))
    assert codes(ws, "department", "shop") == []


def test_a_position_without_duties_is_idle_until_it_owns_one():
    ws = empty_workspace()
    shop(ws)
    [finding] = ws.validator.about("position", "p1")
    assert (finding.code, finding.severity) == (IDLE, Severity.INFO)
    ws.apply(E.AssignDuty(RETURNS, "p1"))
    assert codes(ws, "position", "p1") == []
    ws.apply(E.MoveDuty(RETURNS, "p1", ws.apply(E.AddPosition("P9", "shop")).created))
    assert codes(ws, "position", "p1") == [IDLE]


def test_a_department_with_nothing_in_it_is_empty_until_it_gets_a_position_or_sub_department():
    ws = empty_workspace()
    ws.apply(E.AddDepartment("Shop", id="shop"))
    assert codes(ws, "department", "shop") == [EMPTY]
    ws.apply(E.AddDepartment("Service", parent="shop", id="cs"))
    assert codes(ws, "department", "shop") == []
    assert codes(ws, "department", "cs") == [EMPTY]
    ws.apply(E.AddPosition("Agent", "cs", id="agent"))
    assert codes(ws, "department", "cs") == []
    ws.apply(E.MoveDepartment("cs", None))
    assert codes(ws, "department", "shop") == [EMPTY], "the old parent is re-checked after a move"
    ws.apply(E.RemoveDepartment("cs"))
    assert codes(ws, "department", "cs") == [] and ws.validator.about("position", "agent") == ()


def test_findings_are_listed_errors_first_then_by_rule_then_in_catalog_order(small_org):
    small_org.preamble = MERGED
    # Anna's Head of E-Commerce needs 2 FTE for building the shop: both effort findings
    small_org.info = replace(small_org.info, efforts=(("ecommerce_manager.shop_buildup", 2.0),))
    ws = Workspace(small_org)
    ws.apply(E.SetSpanOfControl(1))
    ws.apply(E.AddPosition("A", "shop", id="a"))
    ws.apply(E.AddPosition("B", "shop", id="b", duties=("ecommerce_manager.overall_presence",)))
    ws.apply(E.AddDepartment("Empty"))
    ws.apply(E.AssignHolder("ben", "a"))
    found = consistent(ws).findings()
    severities = [f.severity for f in found]
    assert severities == sorted(severities)
    assert severities[0] == Severity.ERROR and severities[-1] == Severity.INFO
    for severity in Severity:
        ranks = [CODES.index(f.code) for f in found if f.severity == severity]
        assert ranks == sorted(ranks)
    # the reporting-line rules replace the department span rule; they are ordered in test_reporting_lines.py
    assert {f.code for f in found} == set(CODES) - set(REPORTING_CODES)
    unowned = [f.subject for f in found if f.code == UNOWNED]
    assert unowned == [d for d in CATALOG.duties if d in unowned]


MERGED = (
    "# orgtui merge: 1 conflict(s) to resolve. The file holds OURS' value\n"
    "# for each (or, where one side removed something the other changed or uses, keeps it).\n"
    "# Open the file with `orgtui FILE`, fix what is listed, then delete this block.\n"
    "# CONFLICT duty returns: ours moved it to A, theirs to B\n"
    "#\n"
    "# Our own header"
)


def test_a_merge_conflict_note_is_an_error_until_marked_resolved(small_org):
    small_org.preamble = MERGED
    ws = Workspace(small_org)
    conflicts = [f for f in ws.validator.findings() if f.code == "merge-conflict"]
    assert [f.message for f in conflicts] == ["Merge conflict: duty returns: ours moved it to A, theirs to B"]
    assert ws.validator.findings()[0] is conflicts[0], "conflicts are listed first"
    ws.apply(E.ResolveConflicts())
    assert not [f for f in consistent(ws).findings() if f.code == "merge-conflict"]
    assert ws.org.preamble == "# Our own header"
    ws.undo()
    assert [f.code for f in consistent(ws).findings()].count("merge-conflict") == 1
    with pytest.raises(E.EditError):
        Workspace(build_small_org()).apply(E.ResolveConflicts())


# -- the incremental validator agrees with a fresh one after thousands of random edits -------

NAMES = ["Anna", "Ben", "Zoë Ça", "🛒 Shop", "Bob [/]", "\u001b[2J", "Lager & Logistik", "x" * 200]
DUTIES = list(CATALOG.duties)
ROLES = list(CATALOG.roles)


def subtree(org: Org, root: str) -> set[str]:
    out, stack = set(), [root]
    while stack:
        out.add(stack[-1])
        stack.extend(org.subdepartments(stack.pop()))
    return out


def random_edit(rng: random.Random, org: Org) -> E.Edit:
    """A random edit of any kind, valid on `org` unless no valid one of that kind exists."""
    depts, people, positions = list(org.departments), list(org.people), list(org.positions)
    name = rng.choice(NAMES)
    kind = rng.choice(KINDS)
    # With too few things to edit, usually grow the org first, so every kind gets its turn.
    if not depts or (len(depts) < 2 and rng.random() < 0.5):
        kind = "AddDepartment"
    if len(positions) < 3 and kind.endswith(("Position", "Duty", "Holder", "Fte", "Role")) and rng.random() < 0.5:
        kind = "AddPosition"
    if len(people) < 2 and kind.endswith(("Person", "Capacity", "Holder")) and rng.random() < 0.5:
        kind = "AddPerson"
    pos = org.positions[rng.choice(positions)] if positions else None
    if kind == "AddDepartment":
        return E.AddDepartment(name, parent=rng.choice([None, *depts]))
    if kind == "RenameDepartment":
        return E.RenameDepartment(rng.choice(depts), name)
    if kind == "MoveDepartment":
        dept = rng.choice(depts)
        return E.MoveDepartment(dept, rng.choice([None, *(set(depts) - subtree(org, dept))]))
    if kind == "RemoveDepartment":
        return E.RemoveDepartment(rng.choice(depts))
    if kind == "AddPosition":
        duties = tuple(rng.sample(DUTIES, rng.randint(0, 3)))
        return E.AddPosition(name, rng.choice(depts), rng.choice([None, *ROLES]), duties, rng.choice([1.0, 0.5, 0.25]))
    if kind == "AddPerson":
        return E.AddPerson(name, rng.choice([1.0, 0.5, 2.0, 0.0]))
    if kind == "RenameOrg":
        return E.RenameOrg(name)
    if kind == "SetSpanOfControl":
        return E.SetSpanOfControl(rng.randint(1, 4))
    if kind == "SetManager" and pos is not None:  # any manager: some would make a cycle and are refused
        return E.SetManager(pos.id, rng.choice([None, *positions, *positions]))
    if kind == "SetDottedLines" and pos is not None:
        return E.SetDottedLines(pos.id, tuple(rng.sample(positions, min(len(positions), rng.randint(0, 2)))))
    if kind == "Batch":  # several random edits as one step (a suggestion, a repair plan)
        return E.Batch("A few edits", tuple(random_edit(rng, org) for _ in range(rng.randint(2, 3))))
    if kind == "GiveRoleDuties" and pos is not None:  # a role's duties, moved from their owners with "all"
        return E.GiveRoleDuties(pos.id, rng.choice(ROLES), rng.choice(["unowned", "all"]))
    if pos is not None:
        if kind == "RenamePosition":
            return E.RenamePosition(pos.id, name)
        if kind == "MovePosition":
            return E.MovePosition(pos.id, rng.choice(depts))
        if kind == "SetFte":
            return E.SetFte(pos.id, rng.choice([1.0, 0.5, 0.2, 0.1]))
        if kind == "SetRole":
            return E.SetRole(pos.id, rng.choice([None, *ROLES]))
        if kind == "RemovePosition":
            return E.RemovePosition(pos.id)
        if kind == "AssignDuty":
            return E.AssignDuty(rng.choice(DUTIES), pos.id)
        if kind in ("UnassignDuty", "MoveDuty") and pos.duties:
            duty = rng.choice(pos.duties)
            if kind == "UnassignDuty":
                return E.UnassignDuty(duty, pos.id)
            return E.MoveDuty(duty, pos.id, rng.choice(positions))
        if kind == "MoveDuty":
            return E.MoveDuty(rng.choice(DUTIES), None, pos.id)
        if people and kind == "AssignHolder":
            return E.AssignHolder(rng.choice(people), pos.id)
        if kind in ("UnassignHolder", "MoveHolder") and pos.holders:
            who = rng.choice(pos.holders)
            if kind == "UnassignHolder":
                return E.UnassignHolder(who, pos.id)
            return E.MoveHolder(who, pos.id, rng.choice(positions))
        if people and kind == "MoveHolder":
            return E.MoveHolder(rng.choice(people), None, pos.id)
    if people:
        if kind == "RenamePerson":
            return E.RenamePerson(rng.choice(people), name)
        if kind == "SetCapacity":
            return E.SetCapacity(rng.choice(people), rng.choice([0.0, 0.5, 1.0, 1.5, 2.0]))
        if kind == "RemovePerson":
            return E.RemovePerson(rng.choice(people))
    return E.AddPerson(name)


# ResolveConflicts needs a file written by `orgtui merge`; it has a test of its own above.
KINDS = [name for name in E.__all__  # every kind of edit the package offers (not its helpers)
         if isinstance(getattr(E, name), type) and issubclass(getattr(E, name), E.Edit)
         and name not in ("Edit", "ResolveConflicts")]


def state(org: Org) -> tuple:
    """Everything the file holds, in file order (cheaper to compare than the text)."""
    return (org.info, tuple(org.departments.items()), tuple(org.people.items()), tuple(org.positions.items()))


def assert_indices_match_the_tables(org: Org, seen: dict[str, set[str]]) -> None:
    """Every index equals a recomputation from the entity tables, in file order."""
    positions = org.positions.values()
    for duty in CATALOG.duties:
        assert org.owners(duty) == tuple(p.id for p in positions if duty in p.duties)
    for person in seen["person"]:
        assert org.positions_of(person) == tuple(p.id for p in positions if person in p.holders)
    for dept in seen["department"]:
        assert org.positions_in(dept) == tuple(p.id for p in positions if p.department == dept)
    for manager in org.positions:
        assert org.reports_of(manager) == tuple(p.id for p in positions if p.reports_to == manager)
    for dept in [None, *seen["department"]]:
        assert org.subdepartments(dept) == tuple(d.id for d in org.departments.values() if d.parent == dept)
    for person in org.people:
        assert org.load_of(person) == round(sum(p.fte for p in positions if person in p.holders), 6)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_thousands_of_random_edits_undos_and_redos_keep_the_validator_exact(small_org, seed):
    rng = random.Random(seed)
    ws = Workspace(small_org)
    done: list[tuple[tuple, tuple]] = []  # (state before, state after) of each undoable step
    undone: list[tuple[tuple, tuple]] = []
    applied: Counter[str] = Counter()
    refused = undos = redos = 0
    seen = {"person": set(small_org.people), "department": set(small_org.departments)}
    largest = 0

    for step in range(3000):
        roll = rng.random()
        if roll < 0.15 and done:
            before, after = done.pop()
            assert state(ws.org) == after
            ws.undo()
            assert state(ws.org) == before, "undo must restore exactly the state before the edit"
            undone.append((before, after))
            undos += 1
        elif roll < 0.45 and undone:
            before, after = undone.pop()
            ws.redo()
            assert state(ws.org) == after, "redo must re-apply exactly the same edit"
            done.append((before, after))
            redos += 1
        else:
            edit = random_edit(rng, ws.org)
            before = state(ws.org)
            try:
                outcome = ws.apply(edit)
            except EditError:
                assert state(ws.org) == before, f"a refused {edit!r} changed the org"
                refused += 1
                continue
            applied[type(edit).__name__] += 1
            done.append((before, state(ws.org)))
            undone.clear()
            if outcome.created:
                seen["person" if isinstance(edit, E.AddPerson) else "department"].add(outcome.created)
        assert ws.history.can_undo == bool(done) and ws.history.can_redo == bool(undone)
        consistent(ws)
        largest = max(largest, len(ws.org.positions) + len(ws.org.people) + len(ws.org.departments))
        if step % 100 == 0:
            assert_indices_match_the_tables(ws.org, seen)

    assert_indices_match_the_tables(ws.org, seen)
    # the walk covered every kind of edit, undo and redo, and was not a trivial org
    assert set(applied) == set(KINDS), f"never applied: {set(KINDS) - set(applied)}"
    assert min(applied.values()) >= 10 and undos >= 200 and redos >= 100 and refused < 600
    assert largest >= 15
    # whatever valid edits did, the result can be saved and reopened unchanged
    text = dumps_org(ws.org)
    reopened = parse_org(text, Path("random.toml"))
    assert state(reopened) == state(ws.org) and dumps_org(reopened) == text
    assert Validator(reopened).snapshot() == ws.validator.snapshot()


def test_a_working_copy_and_its_forked_validator_change_apart_from_the_original():
    ws = Workspace.open(Path(__file__).resolve().parent.parent / "sample_orgs" / "before-reorg.toml")
    org, validator = ws.org, ws.validator
    before_text, before_findings = dumps_org(org), list(validator.findings())
    copy = org.working_copy()
    fork = validator.fork(copy)
    duty = "ecommerce_manager.cross_team_link"  # unowned in before-reorg
    changes = E.AssignDuty(duty, "vertriebsleiter").plan(copy).changes
    copy.apply(changes)
    fork.update(changes)
    assert copy.owners(duty) == ("vertriebsleiter",) and org.owners(duty) == ()
    assert dumps_org(org) == before_text and validator.findings() == before_findings
    assert fork.findings() == Validator(copy).findings()  # the fork follows its copy
    assert fork.count(UNOWNED) == validator.count(UNOWNED) - 1


@pytest.mark.parametrize("seed", [1, 2])
def test_working_copies_share_member_lists_yet_each_side_changes_only_its_own(small_org, seed):
    """A working copy shares its indices' member dicts with the org it came from, and each
    side copies one before its first change of it. A random walk edits the original and
    copies of copies in turn: after every edit the others are exactly as they were, and
    every org's indices equal a recomputation from its own tables (with whole member
    dicts copied this held trivially; sharing them is what this guards)."""
    rng = random.Random(seed)
    orgs = [small_org]
    seen = {"person": set(small_org.people), "department": set(small_org.departments)}
    applied = copies = 0
    for step in range(1500):
        if step % 40 == 0 and len(orgs) < 6:
            orgs.append(rng.choice(orgs).working_copy())
            copies += 1
        org = rng.choice(orgs)
        others = [(other, state(other)) for other in orgs if other is not org]
        try:
            changes = random_edit(rng, org).plan(org).changes
        except EditError:
            continue
        org.apply(changes)
        applied += 1
        seen["person"] |= set(org.people)
        seen["department"] |= set(org.departments)
        for other, before in others:
            assert state(other) == before, "an edit of one org changed another"
        if step % 25 == 0:
            for each in orgs:
                assert_indices_match_the_tables(each, seen)
    for each in orgs:
        assert_indices_match_the_tables(each, seen)
    assert applied > 1000 and copies == 5
