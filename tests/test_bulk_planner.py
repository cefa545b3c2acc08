"""Bulk edits in the core: a role's duties for a position, marked duties moved together,
and a person's move (out of which position). Each is one history step.

The small shop (conftest): Anna holds Head of E-Commerce (head_shop), which owns two of
the E-Commerce Manager's ten duties; the vacant Service Lead (cs_lead) owns one duty of
the Customer Service Manager; Ben holds nothing.
"""

from __future__ import annotations

import pytest
from conftest import CS_DUTY, SHOP_DUTIES

from orgtui.core.domain.drops import (
    ChooseScope,
    DragItem,
    DropTarget,
    NeedsChoice,
    Ready,
    Refused,
    plan_drop,
    plan_marked_drop,
    source_choice,
    with_answer,
)
from orgtui.core.domain.edits import (
    AddPosition,
    AssignDuty,
    AssignHolder,
    Batch,
    EditError,
    GiveRoleDuties,
    MoveHolder,
)
from orgtui.core.domain.edits.role_duties import role_duties
from orgtui.core.domain.history import History
from orgtui.core.domain.org import Org
from orgtui.core.git.preview import change_lines

ECOM = "ecommerce_manager"
CSM = "customer_service_manager"
PRICING = "ecommerce_manager.pricing"


def ecom_duties(org: Org) -> list[str]:
    return [d.id for d in org.catalog.roles[ECOM].duties]


# -- a role's duties for an existing position ----------------------------------------------


def test_the_unowned_duties_of_a_role_go_to_the_position_in_one_step(small_org: Org) -> None:
    history = History(small_org)
    free = [d for d in ecom_duties(small_org) if d not in SHOP_DUTIES]
    history.apply(GiveRoleDuties("cs_lead", ECOM, "unowned"))
    assert [d for d in small_org.positions["cs_lead"].duties if d.startswith(ECOM)] == free
    assert small_org.positions["head_shop"].duties == SHOP_DUTIES  # owned ones stay where they are
    history.undo()
    assert small_org.positions["cs_lead"].duties == (CS_DUTY,)


def test_all_of_a_role_moves_the_owned_ones_from_their_owners_and_one_undo_restores_them(small_org: Org) -> None:
    history = History(small_org)
    step, _created = history.apply(GiveRoleDuties("cs_lead", ECOM, "all"))
    assert "10 duties" in step.label and "2 moved" in step.label
    assert set(ecom_duties(small_org)) <= set(small_org.positions["cs_lead"].duties)
    assert small_org.positions["head_shop"].duties == ()
    history.undo()
    assert small_org.positions["head_shop"].duties == SHOP_DUTIES
    assert small_org.positions["cs_lead"].duties == (CS_DUTY,)


def test_a_split_duty_leaves_every_owner_when_all_of_a_role_is_given(small_org: Org) -> None:
    history = History(small_org)
    history.apply(AddPosition("Buyer", "shop", duties=(PRICING,)))
    history.apply(AssignDuty(PRICING, "head_shop"))
    assert len(small_org.owners(PRICING)) == 2
    history.apply(GiveRoleDuties("cs_lead", ECOM, "all"))
    assert small_org.owners(PRICING) == ("cs_lead",)


def test_giving_a_role_refuses_when_there_is_nothing_to_give(small_org: Org) -> None:
    History(small_org).apply(GiveRoleDuties("cs_lead", CSM, "all"))
    with pytest.raises(EditError, match="already owns every duty"):
        GiveRoleDuties("cs_lead", CSM, "all").plan(small_org)
    with pytest.raises(EditError, match="no unowned duty"):
        GiveRoleDuties("head_shop", CSM, "unowned").plan(small_org)


def test_role_duties_sorts_a_roles_duties_by_what_giving_them_means(small_org: Org) -> None:
    found = role_duties(small_org, ECOM, "head_shop")
    assert found.already == SHOP_DUTIES and found.elsewhere == ()
    assert len(found.unowned) == 8 and found.given("all") == found.unowned
    with pytest.raises(EditError):
        role_duties(small_org, "no_such_role", "head_shop")


# -- a role header dropped on a position -----------------------------------------------------


def test_a_role_dropped_on_a_position_offers_the_scopes_that_change_something(small_org: Org) -> None:
    plan = plan_drop(small_org, DragItem("role", ECOM), DropTarget("position", "cs_lead"))
    assert isinstance(plan, ChooseScope) and plan.ok
    assert [scope for scope, _edit in plan.options] == ["unowned", "all"]
    assert "8 unowned, 2 owned elsewhere" in plan.says
    History(small_org).apply(plan.edit_for("unowned"))
    again = plan_drop(small_org, DragItem("role", ECOM), DropTarget("position", "cs_lead"))
    assert isinstance(again, ChooseScope) and [s for s, _e in again.options] == ["all"]  # only the owned ones are left


def test_a_role_dropped_anywhere_but_on_a_position_is_refused(small_org: Org) -> None:
    for target in (DropTarget("department", "shop"), DropTarget("catalog"), DropTarget("people")):
        plan = plan_drop(small_org, DragItem("role", ECOM), target)
        assert isinstance(plan, Refused) and "on a position" in plan.reason
    History(small_org).apply(GiveRoleDuties("head_shop", ECOM, "unowned"))
    owned = plan_drop(small_org, DragItem("role", ECOM), DropTarget("position", "head_shop"))
    assert isinstance(owned, Refused) and "already owns every duty" in owned.reason


def test_the_preview_speaks_the_words_of_orgtui_diff_and_changes_nothing(small_org: Org) -> None:
    edit = GiveRoleDuties("cs_lead", ECOM, "all")
    lines = change_lines(small_org, edit)
    assert small_org.positions["cs_lead"].duties == (CS_DUTY,)  # planned on a copy
    moved = [line for line in lines if "[ecommerce_manager.shop_buildup]" in line]
    assert moved == ["> “Building the online shop” (E-Commerce Manager) [ecommerce_manager.shop_buildup]: "
                     "“Head of E-Commerce” → “Service Lead”"]
    assert any(": assigned to “Service Lead”" in line for line in lines)


# -- a person's move: out of which position --------------------------------------------------


def test_a_person_taken_from_people_moves_out_of_their_one_position(small_org: Org) -> None:
    plan = plan_drop(small_org, DragItem("person", "anna"), DropTarget("position", "cs_lead"))
    assert isinstance(plan, Ready) and plan.edit == MoveHolder("anna", "head_shop", "cs_lead")
    History(small_org).apply(plan.edit)
    assert small_org.positions_of("anna") == ("cs_lead",)


def test_a_person_holding_several_positions_is_asked_which_one_they_leave(small_org: Org) -> None:
    History(small_org).apply(AddPosition("Buyer", "shop", id="buyer"))
    History(small_org).apply(AssignHolder("anna", "cs_lead"))
    question = source_choice(small_org, DragItem("person", "anna"))
    assert isinstance(question, NeedsChoice) and question.sources == ("head_shop", "cs_lead")
    assert "which one do they leave" in question.question
    plan = plan_drop(small_org, question.with_source("cs_lead"), DropTarget("position", "buyer"))
    assert isinstance(plan, Ready)
    History(small_org).apply(plan.edit)
    assert small_org.positions_of("anna") == ("head_shop", "buyer")


def test_a_person_without_a_position_is_given_one_and_one_already_there_is_refused(small_org: Org) -> None:
    plan = plan_drop(small_org, DragItem("person", "ben"), DropTarget("position", "cs_lead"))
    assert isinstance(plan, Ready) and plan.edit == MoveHolder("ben", None, "cs_lead")
    same = plan_drop(small_org, DragItem("person", "anna"), DropTarget("position", "head_shop"))
    assert isinstance(same, Refused) and "already holds" in same.reason
    # dropped back on People (or Roles) a person from People stays where they are
    back = plan_drop(small_org, DragItem("person", "anna"), DropTarget("people"))
    assert isinstance(back, Refused) and small_org.positions_of("anna") == ("head_shop",)


# -- marked duties, together ------------------------------------------------------------------


def test_marked_duties_move_as_one_batch_and_one_undo(small_org: Org) -> None:
    items = tuple(DragItem("duty", d, "head_shop") for d in SHOP_DUTIES) + (DragItem("duty", PRICING),)
    plan = plan_marked_drop(small_org, items, DropTarget("position", "cs_lead"))
    assert isinstance(plan, Ready) and isinstance(plan.edit, Batch)
    assert plan.label == "Move 3 duties to Service Lead"
    history = History(small_org)
    history.apply(plan.edit)
    assert small_org.positions["cs_lead"].duties == (CS_DUTY, *SHOP_DUTIES, PRICING)
    assert small_org.positions["head_shop"].duties == ()
    history.undo()
    assert small_org.positions["head_shop"].duties == SHOP_DUTIES and small_org.owners(PRICING) == ()


def test_marked_duties_that_cannot_go_are_left_and_the_label_says_so(small_org: Org) -> None:
    items = (DragItem("duty", CS_DUTY, "cs_lead"), DragItem("duty", SHOP_DUTIES[0], "head_shop"))
    plan = plan_marked_drop(small_org, items, DropTarget("position", "cs_lead"))
    assert isinstance(plan, Ready) and plan.label.startswith("Move 1 duty to Service Lead; 1 left as it was")
    unassign = plan_marked_drop(small_org, (DragItem("duty", PRICING), DragItem("duty", CS_DUTY)), DropTarget("catalog"))
    assert isinstance(unassign, Ready) and unassign.label.startswith("Unassign 1 duty")
    nothing = plan_marked_drop(small_org, (DragItem("duty", PRICING), DragItem("duty", PRICING + "x")), DropTarget("catalog"))
    assert isinstance(nothing, Refused)


def test_a_split_duty_among_the_marked_asks_which_owner_then_the_rest_follows(small_org: Org) -> None:
    History(small_org).apply(AssignDuty(SHOP_DUTIES[0], "cs_lead"))  # now split
    History(small_org).apply(AddPosition("Buyer", "shop", id="buyer"))
    items = (DragItem("duty", SHOP_DUTIES[0]), DragItem("duty", SHOP_DUTIES[1], "head_shop"))
    question = plan_marked_drop(small_org, items, DropTarget("position", "buyer"))
    assert isinstance(question, NeedsChoice) and question.item == items[0]
    answered = with_answer(items, question, "cs_lead")
    plan = plan_marked_drop(small_org, answered, DropTarget("position", "buyer"))
    assert isinstance(plan, Ready)
    History(small_org).apply(plan.edit)
    assert small_org.owners(SHOP_DUTIES[0]) == ("head_shop", "buyer")
    assert small_org.owners(SHOP_DUTIES[1]) == ("buyer",)
