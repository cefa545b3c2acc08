"""If these people left: the duties left to nobody, the findings that appear, the plan;
and the "single point of failure" finding for each duty one person alone does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orgtui.cli import main
from orgtui.core.domain import edits as E
from orgtui.core.domain.edits import EditError
from orgtui.core.domain.validator import SINGLE_POINT, Validator
from orgtui.core.domain.whatif import what_if_without
from orgtui.core.storage.orgfile import dumps_org, load_org
from orgtui.core.storage.session import Workspace

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"
BEFORE = SAMPLES / "before-reorg.toml"
TOBIAS_ALONE = [  # his two positions' duties nobody else shares (product presentation is split with marketing)
    "ecommerce_manager.shop_buildup",
    "ecommerce_manager.shop_maintenance",
    "marketplace_manager.technical_integration",
    "marketplace_manager.account_maintenance",
]


def test_if_tobias_leaves_the_duties_only_he_does_are_left_to_nobody_and_the_org_is_unchanged():
    org = load_org(BEFORE).org
    text = dumps_org(org)
    answer = what_if_without(org, ["tobias.wendt"])
    assert list(answer.left_to_nobody) == TOBIAS_ALONE
    # and product presentation, split between him and the head of marketing, rests on the latter alone
    assert [(f.code, f.subject) for f in answer.appear] == [("vacant-duty", d) for d in TOBIAS_ALONE] + [
        ("single-point-of-failure", "ecommerce_manager.product_presentation"),
    ]
    assert dumps_org(org) == text and "tobias.wendt" in org.people


def test_each_left_to_nobody_duty_was_a_single_point_of_failure_of_that_person():
    org = load_org(BEFORE).org
    validator = Validator(org)
    for person in org.people:
        single = {f.subject for f in validator.findings() if f.code == SINGLE_POINT and f.related[0] == person}
        assert set(what_if_without(org, [person], validator).left_to_nobody) == single, person


def test_the_plan_without_them_owns_every_duty_again():
    answer = what_if_without(load_org(BEFORE).org, ["tobias.wendt", "ralf.becker"])
    plan = answer.plan("all")
    ws = Workspace(answer.without)
    ws.apply(plan.edit(ws.org))
    assert ws.validator.count("unowned-duty") == 0 and ws.validator.count("vacant-duty") == 0


def test_an_unknown_person_is_named():
    with pytest.raises(EditError, match="there is no person 'nobody'"):
        what_if_without(load_org(BEFORE).org, ["nobody"])


def test_a_duty_one_person_alone_does_is_an_info_until_a_second_holder_joins(small_org):
    ws = Workspace(small_org)
    [finding] = [f for f in ws.validator.about("duty", "ecommerce_manager.overall_presence")]
    assert finding.code == SINGLE_POINT
    assert finding.message == "Only Anna does “Overall e-commerce presence (performance, usability, UX)”: if they leave, nobody does"
    assert finding.related == ("anna", "head_shop")
    ws.apply(E.RenamePerson("anna", "Anna S."))
    assert ws.validator.about("duty", "ecommerce_manager.overall_presence")[0].message.startswith("Only Anna S. does")
    assert Validator(ws.org).snapshot() == ws.validator.snapshot()
    ws.apply(E.AssignHolder("ben", "head_shop"))
    assert ws.validator.about("duty", "ecommerce_manager.overall_presence") == ()
    assert Validator(ws.org).snapshot() == ws.validator.snapshot()


def test_whatif_command_exits_1_when_duties_would_be_left_to_nobody(capsys):
    assert main(["whatif", str(BEFORE), "--without", "tobias.wendt"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{BEFORE}: if Tobias Wendt left, 4 duties would be left to nobody; 5 new findings")
    assert "“Building the online shop” is owned only by vacant positions" in out
    # Bernd is one of three buyers: nobody is left without him
    assert main(["whatif", str(BEFORE), "--without", "bernd.lamprecht"]) == 0


def test_whatif_command_json_and_plan(capsys):
    assert main(["whatif", str(BEFORE), "--without", "tobias.wendt", "--format", "json", "--plan"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "orgtui-whatif/1" and data["left_to_nobody"] == TOBIAS_ALONE
    assert data["plan"]["changes"] == 19
    assert main(["whatif", str(BEFORE), "--without", "tobias.wendt", "--plan"]) == 1
    assert "The repair plan without them: 19 changes (19 assignments, 0 removals)" in capsys.readouterr().out


def test_whatif_command_refuses_an_unknown_person(capsys):
    assert main(["whatif", str(BEFORE), "--without", "nobody"]) == 2
    assert "there is no person 'nobody'" in capsys.readouterr().err
