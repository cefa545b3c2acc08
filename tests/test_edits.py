"""Edit operations: what each one does, why it refuses, and that undo puts everything back."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from orgtui.core.domain.edits import (
    AddDepartment,
    AddPerson,
    AddPosition,
    AssignDuty,
    AssignHolder,
    EditError,
    MoveDepartment,
    MoveDuty,
    MoveHolder,
    MovePosition,
    RemoveDepartment,
    RemovePerson,
    RemovePosition,
    RenameDepartment,
    RenameOrg,
    RenamePerson,
    RenamePosition,
    SetCapacity,
    SetFte,
    SetRole,
    SetSpanOfControl,
    UnassignDuty,
    UnassignHolder,
)
from orgtui.core.domain.history import History
from orgtui.core.domain.org import Org
from orgtui.core.storage.orgfile import dumps_org, parse_org
from orgtui.core.storage.session import Workspace

PRICING = "ecommerce_manager.pricing"
RETURNS = "ecommerce_manager.returns"
OVERALL = "ecommerce_manager.overall_presence"  # owned by head_shop in the small org
COMPLAINTS = "customer_service_manager.complaints"  # owned by the vacant cs_lead


def apply(org: Org, edit) -> History:
    history = History(org)
    history.apply(edit)
    return history


# -- what each operation does -------------------------------------------------------------


def test_adding_a_department_under_a_parent_gives_it_a_fresh_id_from_its_name(small_org):
    history = History(small_org)
    _, created = history.apply(AddDepartment("Marktplätze & Co", parent="shop"))
    assert created == "marktplatze_co"
    assert small_org.departments[created].parent == "shop"
    assert small_org.subdepartments("shop") == ("cs", created)
    _, second = history.apply(AddDepartment("Marktplätze & Co"))
    assert second == "marktplatze_co_2" and second in small_org.subdepartments(None)


def test_renaming_and_moving_a_department(small_org):
    history = apply(small_org, RenameDepartment("cs", "Kundendienst"))
    assert small_org.departments["cs"].name == "Kundendienst"
    history.apply(MoveDepartment("cs", None))
    assert small_org.departments["cs"].parent is None
    assert small_org.subdepartments(None) == ("shop", "cs")
    assert small_org.subdepartments("shop") == ()


def test_removing_a_department_takes_its_sub_departments_and_their_positions(small_org):
    apply(small_org, RemoveDepartment("shop"))
    assert small_org.departments == {} and small_org.positions == {}
    assert small_org.owners(OVERALL) == () and small_org.positions_of("anna") == ()
    assert set(small_org.people) == {"anna", "ben"}, "people stay when their department goes"


def test_adding_a_position_with_duties_makes_it_their_owner(small_org):
    history = History(small_org)
    _, created = history.apply(AddPosition("Pricing Analyst", "cs", role="category_manager", duties=(PRICING, PRICING, RETURNS), fte=0.5))
    pos = small_org.positions[created]
    assert (pos.department, pos.role, pos.duties, pos.fte, pos.holders) == ("cs", "category_manager", (PRICING, RETURNS), 0.5, ())
    assert small_org.owners(PRICING) == (created,)
    assert created in small_org.positions_in("cs")


def test_renaming_moving_and_resizing_a_position(small_org):
    history = apply(small_org, RenamePosition("cs_lead", "Head of Service"))
    history.apply(MovePosition("cs_lead", "shop"))
    history.apply(SetFte("cs_lead", 0.25))
    history.apply(SetRole("cs_lead", None))
    pos = small_org.positions["cs_lead"]
    assert (pos.title, pos.department, pos.fte, pos.role) == ("Head of Service", "shop", 0.25, None)
    assert small_org.positions_in("cs") == ()
    assert small_org.positions_in("shop") == ("head_shop", "cs_lead")


def test_removing_a_position_frees_its_holders_and_duties(small_org):
    apply(small_org, RemovePosition("head_shop"))
    assert "head_shop" not in small_org.positions
    assert small_org.positions_of("anna") == ()
    assert small_org.owners(OVERALL) == ()


def test_people_are_added_renamed_given_capacity_and_removed_from_their_positions(small_org):
    history = History(small_org)
    _, cleo = history.apply(AddPerson("Cléo", capacity=0.8))
    assert small_org.people[cleo].capacity == 0.8
    history.apply(RenamePerson(cleo, "Cleo M."))
    history.apply(SetCapacity(cleo, 2))
    assert (small_org.people[cleo].name, small_org.people[cleo].capacity) == ("Cleo M.", 2.0)
    history.apply(AssignHolder(cleo, "head_shop"))
    assert small_org.positions["head_shop"].holders == ("anna", cleo)
    history.apply(RemovePerson("anna"))
    assert "anna" not in small_org.people
    assert small_org.positions["head_shop"].holders == (cleo,)
    assert small_org.positions_of("anna") == ()


def test_holders_are_assigned_unassigned_and_moved(small_org):
    history = apply(small_org, AssignHolder("ben", "cs_lead"))
    assert small_org.positions_of("ben") == ("cs_lead",)
    assert small_org.load_of("ben") == 1.0
    history.apply(MoveHolder("ben", "cs_lead", "head_shop"))
    assert small_org.positions["cs_lead"].holders == ()
    assert small_org.positions["head_shop"].holders == ("anna", "ben")
    history.apply(UnassignHolder("anna", "head_shop"))
    assert small_org.positions_of("anna") == ()
    history.apply(MoveHolder("anna", None, "cs_lead"))  # from nowhere: a plain assignment
    assert small_org.positions_of("anna") == ("cs_lead",)


def test_moving_a_holder_to_a_position_they_also_hold_just_leaves_the_source(small_org):
    history = apply(small_org, AssignHolder("anna", "cs_lead"))
    history.apply(MoveHolder("anna", "head_shop", "cs_lead"))
    assert small_org.positions_of("anna") == ("cs_lead",)
    assert small_org.positions["cs_lead"].holders == ("anna",)


def test_duties_are_assigned_unassigned_and_moved(small_org):
    history = apply(small_org, AssignDuty(PRICING, "cs_lead"))
    assert small_org.owners(PRICING) == ("cs_lead",)
    history.apply(MoveDuty(PRICING, "cs_lead", "head_shop"))
    assert small_org.owners(PRICING) == ("head_shop",)
    assert PRICING not in small_org.positions["cs_lead"].duties
    history.apply(UnassignDuty(PRICING, "head_shop"))
    assert small_org.owners(PRICING) == ()
    history.apply(MoveDuty(PRICING, None, "cs_lead"))  # from the unowned list
    assert small_org.owners(PRICING) == ("cs_lead",)


def test_moving_a_duty_onto_a_co_owner_leaves_one_owner(small_org):
    history = apply(small_org, AssignDuty(COMPLAINTS, "head_shop"))
    assert set(small_org.owners(COMPLAINTS)) == {"cs_lead", "head_shop"}
    history.apply(MoveDuty(COMPLAINTS, "cs_lead", "head_shop"))
    assert small_org.owners(COMPLAINTS) == ("head_shop",)


def test_the_org_is_renamed_and_its_span_of_control_set(small_org):
    history = apply(small_org, RenameOrg("Shop AG"))
    history.apply(SetSpanOfControl(3))
    assert (small_org.info.name, small_org.info.span_of_control) == ("Shop AG", 3)


def test_an_edit_is_described_for_the_undo_menu(small_org):
    history = apply(small_org, MoveHolder("anna", "head_shop", "cs_lead"))
    assert history.undo_label == "Move Anna from Head of E-Commerce to Service Lead"


# -- why an operation refuses ------------------------------------------------------------

REFUSALS = {
    "unknown department": (RenameDepartment("ghost", "X"), "there is no department 'ghost'"),
    "unknown parent": (AddDepartment("X", parent="ghost"), "there is no department 'ghost'"),
    "unknown person": (AssignHolder("ghost", "cs_lead"), "there is no person 'ghost'"),
    "unknown position": (AssignDuty(PRICING, "ghost"), "there is no position 'ghost'"),
    "unknown duty": (AssignDuty("made.up", "cs_lead"), "there is no duty 'made.up' in the catalog"),
    "unknown role": (SetRole("cs_lead", "wizard"), "there is no role 'wizard' in the catalog"),
    "unknown duty in a new position": (AddPosition("X", "shop", duties=("made.up",)), "there is no duty 'made.up'"),
    "holder twice": (AssignHolder("anna", "head_shop"), "Anna already holds Head of E-Commerce"),
    "duty twice": (AssignDuty(OVERALL, "head_shop"), "Head of E-Commerce already owns"),
    "unassign a non-holder": (UnassignHolder("ben", "head_shop"), "Ben does not hold Head of E-Commerce"),
    "unassign a duty not owned": (UnassignDuty(PRICING, "head_shop"), "Head of E-Commerce does not own"),
    "move a holder from where they are not": (MoveHolder("ben", "head_shop", "cs_lead"), "Ben does not hold"),
    "move a holder onto the same position": (MoveHolder("anna", "head_shop", "head_shop"), "already holds"),
    "move a duty onto the same position": (MoveDuty(OVERALL, "head_shop", "head_shop"), "already owned by"),
    "empty name": (AddPerson(""), "the name cannot be empty"),
    "blank name": (RenameDepartment("shop", "   \t"), "the name cannot be empty"),
    "blank title": (RenamePosition("cs_lead", " "), "the title cannot be empty"),
    "blank org name": (RenameOrg("\n"), "the name cannot be empty"),
    "overlong name": (RenamePerson("anna", "A" * 201), "longer than 200 characters"),
    "unsaveable name": (RenamePerson("anna", "Anna \ud83d"), "cannot be saved"),
    "capacity below 0": (SetCapacity("anna", -0.1), "capacity must be at least 0 and at most 2"),
    "capacity above 2": (AddPerson("Zed", capacity=2.5), "capacity must be at least 0 and at most 2"),
    "capacity not a number": (SetCapacity("anna", math.nan), "capacity must be a number"),
    "capacity a bool": (SetCapacity("anna", True), "capacity must be a number"),
    "fte of 0": (SetFte("cs_lead", 0), "FTE must be more than 0 and at most 1"),
    "fte above 1": (AddPosition("X", "shop", fte=1.5), "FTE must be more than 0 and at most 1"),
    "fte as text": (SetFte("cs_lead", "1"), "FTE must be a number"),
    "span of 0": (SetSpanOfControl(0), "span of control must be a whole number from 1 to 1000"),
    "span as float": (SetSpanOfControl(2.5), "span of control must be a whole number"),
    "taken id": (AddPerson("Anna 2", id="anna"), "the id 'anna' is already taken"),
    "id the file format refuses": (AddDepartment("Lager", id="lager halle"), "the id 'lager halle' is not valid"),
    "id with a newline": (AddPerson("Zed", id="zed\n"), "is not valid"),
    "department into itself": (MoveDepartment("shop", "shop"), "cannot be moved into itself or one of its sub-departments"),
    "department into its child": (MoveDepartment("shop", "cs"), "cannot be moved into itself or one of its sub-departments"),
    "department already there": (MoveDepartment("cs", "shop"), "already there"),
    "position already there": (MovePosition("cs_lead", "cs"), "already in Customer Service"),
}


@pytest.mark.parametrize(("edit", "message"), REFUSALS.values(), ids=REFUSALS.keys())
def test_a_refused_edit_says_why_and_changes_nothing(small_org, edit, message):
    before = dumps_org(small_org)
    history = History(small_org)
    with pytest.raises(EditError) as caught:
        history.apply(edit)
    assert message in str(caught.value)
    assert dumps_org(small_org) == before
    assert not history.can_undo and not history.dirty


def test_a_department_cannot_move_into_a_grandchild(small_org):
    history = apply(small_org, AddDepartment("Returns", parent="cs", id="returns"))
    with pytest.raises(EditError, match="cannot be moved into itself"):
        history.apply(MoveDepartment("shop", "returns"))
    history.apply(MoveDepartment("returns", None))  # the other way round is fine
    history.apply(MoveDepartment("shop", "returns"))
    assert small_org.ancestors("cs") == ["shop", "returns"]


def test_an_org_changed_only_by_valid_edits_can_always_be_reopened(small_org):
    history = History(small_org)
    history.apply(AddDepartment("Lager", id="lager-1.b"))
    history.apply(AddPerson("\u001b[2J Mallory", capacity=0))
    history.apply(AddPosition("🛒 " + "x" * 190, "lager-1.b", fte=1e-9))
    text = dumps_org(small_org)
    assert dumps_org(parse_org(text, Path("org.toml"))) == text


# -- undo and redo -------------------------------------------------------------------------


def nested_org(org: Org) -> Org:
    """The small org grown: shop > cs > (returns, hotline), positions at every level."""
    history = History(org)
    history.apply(AddDepartment("Logistics", id="logistics"))  # a sibling after shop
    history.apply(AddDepartment("Returns", parent="cs", id="returns"))
    history.apply(AddDepartment("Hotline", parent="cs", id="hotline"))
    history.apply(AddPosition("Returns Clerk", "returns", duties=(RETURNS,), id="clerk"))
    history.apply(AddPosition("Agent", "hotline", duties=(COMPLAINTS,), id="agent"))
    history.apply(AddPosition("Dispatcher", "logistics", id="dispatch"))
    history.apply(AssignHolder("ben", "agent"))
    history.apply(AssignHolder("anna", "clerk"))
    history.apply(AssignHolder("anna", "dispatch"))
    return org


EVERY_EDIT = {
    "AddDepartment": AddDepartment("Marketplaces", parent="cs"),
    "RenameDepartment": RenameDepartment("returns", "Retouren"),
    "MoveDepartment": MoveDepartment("hotline", "logistics"),
    "RemoveDepartment nested": RemoveDepartment("shop"),
    "RemoveDepartment leaf": RemoveDepartment("returns"),
    "AddPosition": AddPosition("Analyst", "cs", role="data_evangelist", duties=(PRICING,), fte=0.5),
    "RenamePosition": RenamePosition("agent", "Senior Agent"),
    "MovePosition": MovePosition("clerk", "shop"),
    "SetFte": SetFte("clerk", 0.3),
    "SetRole": SetRole("agent", "customer_service_manager"),
    "RemovePosition": RemovePosition("head_shop"),
    "AddPerson": AddPerson("Cleo", 0.5),
    "RenamePerson": RenamePerson("ben", "Benedikt"),
    "SetCapacity": SetCapacity("ben", 1.5),
    "RemovePerson": RemovePerson("anna"),
    "RenameOrg": RenameOrg("Shop AG"),
    "SetSpanOfControl": SetSpanOfControl(2),
    "AssignDuty": AssignDuty(PRICING, "agent"),
    "UnassignDuty": UnassignDuty(OVERALL, "head_shop"),
    "MoveDuty": MoveDuty(COMPLAINTS, "agent", "clerk"),
    "AssignHolder": AssignHolder("ben", "cs_lead"),
    "UnassignHolder": UnassignHolder("anna", "clerk"),
    "MoveHolder": MoveHolder("anna", "dispatch", "cs_lead"),
}


@pytest.mark.parametrize("edit", EVERY_EDIT.values(), ids=EVERY_EDIT.keys())
def test_undo_restores_the_exact_file_and_redo_reapplies_it(small_org, edit):
    workspace = Workspace(nested_org(small_org))
    before = dumps_org(workspace.org)
    workspace.apply(edit)
    after = dumps_org(workspace.org)
    assert after != before

    workspace.undo()
    assert dumps_org(workspace.org) == before
    workspace.redo()
    assert dumps_org(workspace.org) == after
    workspace.undo()
    assert dumps_org(workspace.org) == before


def test_undoing_a_nested_department_removal_restores_every_index(small_org):
    org = nested_org(small_org)
    indices = lambda: (  # noqa: E731 - exact tuples: the order is what the tree shows
        [org.subdepartments(d) for d in [None, *org.departments]],
        [org.positions_in(d) for d in org.departments],
        [org.positions_of(p) for p in org.people],
        [org.owners(d) for d in org.catalog.duties],
    )
    before = indices()
    history = apply(org, RemoveDepartment("shop"))
    assert list(org.departments) == ["logistics"]
    assert org.positions_of("anna") == ("dispatch",)
    history.undo()
    assert indices() == before


def test_moving_things_away_and_back_keeps_the_order_the_file_has(small_org):
    org = nested_org(small_org)
    history = History(org)
    history.apply(AddPosition("Second", "shop", id="second"))
    history.apply(AddDepartment("Marketplaces", parent="shop", id="market"))
    assert org.positions_in("shop") == ("head_shop", "second")
    assert org.subdepartments("shop") == ("cs", "market")
    assert org.subdepartments("cs") == ("returns", "hotline")

    history.apply(MovePosition("head_shop", "cs"))
    history.apply(MoveDepartment("cs", None))
    history.apply(MoveDepartment("returns", "logistics"))
    history.undo()
    history.undo()
    history.undo()
    assert org.positions_in("shop") == ("head_shop", "second")
    assert org.subdepartments("shop") == ("cs", "market")
    assert org.subdepartments("cs") == ("returns", "hotline")

    history.apply(MovePosition("head_shop", "cs"))
    history.apply(MovePosition("head_shop", "shop"))  # moved back by hand: file order again
    history.apply(UnassignHolder("anna", "head_shop"))
    history.apply(AssignHolder("anna", "head_shop"))
    reloaded = parse_org(dumps_org(org), Path("org.toml"))
    for dept in org.departments:
        assert org.positions_in(dept) == reloaded.positions_in(dept)
        assert org.subdepartments(dept) == reloaded.subdepartments(dept)
    assert org.positions_of("anna") == reloaded.positions_of("anna") == ("head_shop", "clerk", "dispatch")


def test_undo_and_redo_walk_the_history_in_order(small_org):
    history = History(small_org)
    texts = [dumps_org(small_org)]
    for edit in (RenameOrg("A"), AddPerson("Cleo"), RemovePerson("anna")):
        history.apply(edit)
        texts.append(dumps_org(small_org))
    for expected in reversed(texts[:-1]):
        assert history.undo() is not None
        assert dumps_org(small_org) == expected
    assert history.undo() is None and not history.can_undo
    for expected in texts[1:]:
        assert history.redo() is not None
        assert dumps_org(small_org) == expected
    assert history.redo() is None and not history.can_redo


def test_a_new_edit_after_undo_clears_what_could_be_redone(small_org):
    history = apply(small_org, RenameOrg("A"))
    history.undo()
    assert history.can_redo and history.redo_label == "Rename org to A"
    history.apply(RenameOrg("B"))
    assert not history.can_redo and history.redo() is None
    assert small_org.info.name == "B"


def test_dirty_tracks_whether_the_org_differs_from_the_saved_one(small_org):
    history = History(small_org)
    assert not history.dirty
    history.apply(RenameOrg("A"))
    assert history.dirty
    history.undo()
    assert not history.dirty, "undoing back to the loaded state is clean again"
    history.redo()
    assert history.dirty
    history.mark_saved()
    assert not history.dirty
    history.undo()
    assert history.dirty, "undoing past a save differs from the file"
    history.redo()
    assert not history.dirty
    history.undo()
    history.apply(RenameOrg("B"))
    assert history.dirty, "a different edit in place of the saved one is not the saved state"


def test_the_workspace_save_marks_the_history_clean(small_org, tmp_path):
    workspace = Workspace(small_org)
    workspace.apply(RenameOrg("Saved"))
    assert workspace.dirty
    workspace.save(tmp_path / "org.toml")
    assert not workspace.dirty and workspace.path == tmp_path / "org.toml"
    assert Workspace.open(tmp_path / "org.toml").org.info.name == "Saved"


# -- what a removal will take with it ---------------------------------------------------------


def test_removing_a_person_lists_the_positions_they_leave(small_org):
    org = nested_org(small_org)
    [line] = RemovePerson("anna").consequences(org)
    assert line.startswith("Anna leaves: ")
    assert set(line.removeprefix("Anna leaves: ").split(", ")) == {"Head of E-Commerce", "Returns Clerk", "Dispatcher"}
    assert RemovePerson("ben").consequences(org) == ["Ben leaves: Agent"]
    _, cleo = History(org).apply(AddPerson("Cleo"))
    assert RemovePerson(cleo).consequences(org) == [], "someone who holds nothing just leaves"


def test_removing_a_position_names_its_holders_and_the_duties_left_unowned(small_org):
    lines = RemovePosition("head_shop").consequences(small_org)
    titles = [small_org.catalog.duties[d].title for d in small_org.positions["head_shop"].duties]
    assert lines[0] == "Anna no longer holds it"
    assert lines[1].startswith(f"{len(titles)} duties become unowned: ")
    assert all(title in lines[1] for title in titles)


def test_a_duty_someone_else_also_owns_is_not_called_unowned(small_org):
    history = apply(small_org, AssignDuty(OVERALL, "cs_lead"))
    lines = RemovePosition("head_shop").consequences(small_org)
    assert small_org.catalog.duties[OVERALL].title not in " ".join(lines)
    history.undo()
    assert small_org.catalog.duties[OVERALL].title in " ".join(RemovePosition("head_shop").consequences(small_org))


def test_removing_a_department_counts_sub_departments_positions_and_orphaned_duties(small_org):
    org = nested_org(small_org)
    lines = RemoveDepartment("shop").consequences(org)
    assert lines[0] == "3 sub-departments are removed with it"  # cs, returns, hotline
    assert lines[1] == "4 positions are removed with it"  # head_shop, cs_lead, clerk, agent
    assert lines[2].startswith("4 duties become unowned: ")  # 2 shop duties, complaints, returns


def test_removing_an_empty_leaf_department_has_no_consequences(small_org):
    history = History(small_org)
    _, created = history.apply(AddDepartment("Empty"))
    assert RemoveDepartment(created).consequences(small_org) == []


def test_consequences_of_removing_something_unknown_is_an_edit_error(small_org):
    for edit in (RemovePerson("ghost"), RemovePosition("ghost"), RemoveDepartment("ghost")):
        with pytest.raises(EditError, match="there is no"):
            edit.consequences(small_org)
