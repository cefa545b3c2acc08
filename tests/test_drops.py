"""The move planner: what a drop or `m` does, what it must ask first, or why it is refused.

The mouse and the keyboard both end in `plan_drop`, so these rules hold for both.
"""

from __future__ import annotations

from conftest import CS_DUTY, SHOP_DUTIES

from orgtui.core.domain.drops import (
    DragItem,
    DropTarget,
    NeedsChoice,
    Ready,
    Refused,
    plan_drop,
    source_choice,
)
from orgtui.core.domain.edits import (
    AddPosition,
    AssignDuty,
    MoveDepartment,
    MoveDuty,
    MovePosition,
    SetManager,
    UnassignDuty,
)
from orgtui.core.domain.history import History
from orgtui.core.domain.org import Org

PRICING = "ecommerce_manager.pricing"


def split_org(small_org: Org) -> Org:
    """The small shop with PRICING owned by both of its positions."""
    history = History(small_org)
    history.apply(AssignDuty(PRICING, "head_shop"))
    history.apply(AssignDuty(PRICING, "cs_lead"))
    history.apply(UnassignDuty(CS_DUTY, "cs_lead"))
    return small_org


def add_third_position(org: Org) -> Org:
    History(org).apply(AddPosition("Third", "shop"))
    return org


def third(org: Org) -> str:
    return next(p for p in org.positions if p not in ("head_shop", "cs_lead"))


def test_a_split_duty_from_the_catalog_asks_which_owner_it_leaves(small_org: Org) -> None:
    org = add_third_position(split_org(small_org))
    plan = plan_drop(org, DragItem("duty", PRICING), DropTarget("position", third(org)))
    assert isinstance(plan, NeedsChoice)  # before: it silently added a third owner
    assert "split" in plan.question and "which position" in plan.question
    assert plan.sources == ("head_shop", "cs_lead")
    assert [label.split(" — ")[0] for _, label in plan.options(org)] == ["Head of E-Commerce", "Service Lead"]
    answered = plan_drop(org, plan.with_source("cs_lead"), DropTarget("position", third(org)))
    assert isinstance(answered, Ready)
    assert answered.edit == MoveDuty(PRICING, "cs_lead", third(org))


def test_keyboard_move_asks_the_same_question_before_the_target_is_known(small_org: Org) -> None:
    org = add_third_position(split_org(small_org))
    on_drop = plan_drop(org, DragItem("duty", PRICING), DropTarget("position", third(org)))
    before_target = source_choice(org, DragItem("duty", PRICING))
    assert isinstance(on_drop, NeedsChoice) and isinstance(before_target, NeedsChoice)
    assert (before_target.question, before_target.options(org)) == (on_drop.question, on_drop.options(org))


def test_a_split_duty_dropped_on_one_of_its_owners_leaves_the_other(small_org: Org) -> None:
    org = split_org(small_org)
    plan = plan_drop(org, DragItem("duty", PRICING), DropTarget("position", "head_shop"))
    assert isinstance(plan, Ready) and plan.edit == MoveDuty(PRICING, "cs_lead", "head_shop")


def test_a_duty_with_one_owner_moves_from_it_and_an_unowned_one_is_assigned(small_org: Org) -> None:
    moved = plan_drop(small_org, DragItem("duty", SHOP_DUTIES[0]), DropTarget("position", "cs_lead"))
    assert isinstance(moved, Ready) and moved.edit == MoveDuty(SHOP_DUTIES[0], "head_shop", "cs_lead")
    assigned = plan_drop(small_org, DragItem("duty", PRICING), DropTarget("position", "cs_lead"))
    assert isinstance(assigned, Ready) and assigned.label.startswith("Assign")


def test_a_split_duty_dropped_on_the_catalog_asks_which_owner_to_unassign(small_org: Org) -> None:
    org = split_org(small_org)
    plan = plan_drop(org, DragItem("duty", PRICING), DropTarget("catalog"))
    assert isinstance(plan, NeedsChoice) and plan.question.startswith("Unassign")
    answered = plan_drop(org, plan.with_source("head_shop"), DropTarget("catalog"))
    assert isinstance(answered, Ready) and answered.edit == UnassignDuty(PRICING, "head_shop")


def test_the_wrong_kind_of_target_is_refused_before_any_question(small_org: Org) -> None:
    org = split_org(small_org)
    plan = plan_drop(org, DragItem("duty", PRICING), DropTarget("people"))
    assert isinstance(plan, Refused) and "position" in plan.reason
    assert not plan.ok
    assert isinstance(plan_drop(org, DragItem("duty", PRICING), None), Refused)


def test_an_unowned_duty_dropped_on_the_catalog_is_refused(small_org: Org) -> None:
    plan = plan_drop(small_org, DragItem("duty", PRICING), DropTarget("catalog"))
    assert isinstance(plan, Refused) and "already unowned" in plan.says


def test_an_impossible_move_is_refused_with_the_edits_reason(small_org: Org) -> None:
    plan = plan_drop(small_org, DragItem("duty", CS_DUTY, "cs_lead"), DropTarget("position", "cs_lead"))
    assert isinstance(plan, Refused) and "already owned" in plan.reason


def test_a_department_can_be_moved_to_the_top_level(small_org: Org) -> None:
    plan = plan_drop(small_org, DragItem("department", "cs"), DropTarget("department", None))
    assert isinstance(plan, Ready) and plan.edit == MoveDepartment("cs", None)


# -- a position onto a position: it reports there (issue 13) ------------------------------


def test_a_position_dropped_on_a_position_reports_there_and_undo_restores_it(small_org: Org) -> None:
    history = History(small_org)
    plan = plan_drop(small_org, DragItem("position", "cs_lead"), DropTarget("position", "head_shop"))
    assert isinstance(plan, Ready)
    assert plan.edit == SetManager("cs_lead", "head_shop")
    assert plan.says == "Service Lead reports to Head of E-Commerce"
    history.apply(plan.edit)
    assert small_org.positions["cs_lead"].reports_to == "head_shop"
    assert small_org.reports_of("head_shop") == ("cs_lead",) and small_org.top_positions() == ("head_shop",)
    history.undo()
    assert small_org.positions["cs_lead"].reports_to is None
    assert small_org.top_positions() == ("head_shop", "cs_lead")


def test_a_position_dropped_on_its_own_report_is_refused_with_the_cycle_named(small_org: Org) -> None:
    History(small_org).apply(SetManager("cs_lead", "head_shop"))
    plan = plan_drop(small_org, DragItem("position", "head_shop"), DropTarget("position", "cs_lead"))
    assert isinstance(plan, Refused)
    assert plan.reason == "Head of E-Commerce would report to itself via Service Lead → Head of E-Commerce"
    assert small_org.positions["head_shop"].reports_to is None  # nothing changed


def test_a_position_dropped_on_itself_or_on_its_manager_again_is_refused(small_org: Org) -> None:
    History(small_org).apply(SetManager("cs_lead", "head_shop"))
    itself = plan_drop(small_org, DragItem("position", "cs_lead"), DropTarget("position", "cs_lead"))
    again = plan_drop(small_org, DragItem("position", "cs_lead"), DropTarget("position", "head_shop"))
    assert isinstance(itself, Refused) and itself.reason == "Service Lead cannot report to itself"
    assert isinstance(again, Refused) and again.reason == "Service Lead already reports to Head of E-Commerce"


def test_a_position_dropped_on_a_department_still_moves_there(small_org: Org) -> None:
    plan = plan_drop(small_org, DragItem("position", "cs_lead"), DropTarget("department", "shop"))
    assert isinstance(plan, Ready) and plan.edit == MovePosition("cs_lead", "shop")
    assert isinstance(plan_drop(small_org, DragItem("position", "cs_lead"), DropTarget("people")), Refused)
