"""Suggestions: for each unowned, split or vacancy-only duty, who should own it and why."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from random_orgs import small_orgs

from orgtui.cli import main
from orgtui.core.domain import edits as E
from orgtui.core.domain.org import Org
from orgtui.core.domain.suggest import (
    SPLIT_PROBLEM,
    UNOWNED_PROBLEM,
    VACANT_PROBLEM,
    suggest,
    suggest_all,
)
from orgtui.core.domain.suggest_trials import findings_delta, keeper_deltas
from orgtui.core.domain.validator import OVERWORKED_POSITION, Severity, Validator
from orgtui.core.storage.orgfile import load_org
from orgtui.core.storage.session import Workspace

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"
BEFORE = SAMPLES / "before-reorg.toml"


def before_reorg() -> Org:
    return load_org(BEFORE).org


def test_an_unowned_duty_goes_first_to_a_position_of_its_role_that_owns_its_siblings():
    org = before_reorg()
    found = suggest(org, Validator(org), "ecommerce_manager.cross_team_link")
    assert found is not None and found.problem == UNOWNED_PROBLEM
    top = found.top
    assert top is not None and top.action == "assign"
    # Vertriebsleiter and the webshop both have the role and 3 sibling duties; the webshop's
    # holder Tobias is already over capacity, so the head of sales comes first
    assert top.position == "vertriebsleiter"
    assert top.reasons[:2] == ("its role is E-Commerce Manager", "it already owns 3 other E-Commerce Manager duties")
    webshop = next(s for s in found.suggestions if s.position == "webshop")
    assert "Tobias Wendt is already over capacity (1.5 / 1 FTE)" in webshop.reasons
    assert top.score > webshop.score


def test_a_duty_no_position_has_the_role_for_goes_to_an_idle_generalist_position():
    org = before_reorg()
    found = suggest(org, Validator(org), "ux_designer.mockups")
    assert found is not None and found.top is not None
    assert found.top.position in {"ebay_shop", "service_mitarbeiter", "sysadmin"}  # no role, no duties yet
    assert any(r.startswith("it also resolves: Position") and r.endswith("owns no duties") for r in found.top.reasons)


def test_a_split_duty_suggests_which_owner_to_keep_and_applying_it_is_one_undoable_step():
    ws = Workspace(before_reorg())
    found = suggest(ws.org, ws.validator, "ecommerce_manager.pricing")
    assert found is not None and found.problem == SPLIT_PROBLEM
    assert [s.position for s in found.suggestions] == ["vertriebsleiter", "einkaufsleitung"]
    split_before = ws.validator.count("split-duty")
    ws.apply(found.suggestions[0].edit)
    assert ws.org.owners("ecommerce_manager.pricing") == ("vertriebsleiter",)
    assert ws.validator.count("split-duty") == split_before - 1
    ws.undo()
    assert ws.org.owners("ecommerce_manager.pricing") == ("vertriebsleiter", "einkaufsleitung")


def test_a_vacancy_only_duty_suggests_a_held_position_to_take_it_or_hiring():
    org = before_reorg()
    found = suggest(org, Validator(org), "marketplace_manager.marketplace_selection")
    assert found is not None and found.problem == VACANT_PROBLEM
    *moves, hire = found.suggestions
    assert moves and all(org.positions[s.position].holders for s in moves)
    assert moves[0].position == "amazon_interim"  # the acting marketplace position
    assert hire.action == "hire" and hire.edit is None and hire.label == "Hire for Marketplace Manager"


def test_with_effort_the_reasons_say_whether_the_holders_have_room_and_what_it_would_create():
    org = before_reorg()
    org.info = replace(org.info, efforts=(("marketplace_manager.marketplace_selection", 0.3),))
    found = suggest(org, Validator(org), "marketplace_manager.marketplace_selection")
    assert found is not None
    amazon = next(s for s in found.suggestions if s.position == "amazon_interim")
    assert "its holder has 0.5 FTE to spare for the duty's 0.3" in amazon.reasons
    org.info = replace(org.info, efforts=(("marketplace_manager.marketplace_selection", 0.8),))
    found = suggest(org, Validator(org), "marketplace_manager.marketplace_selection", limit=10)
    assert found is not None
    amazon = next(s for s in found.suggestions if s.position == "amazon_interim")
    assert "its holder has 0.5 FTE to spare, the duty takes 0.8" in amazon.reasons
    assert [(f.code, f.message) for f in amazon.creates] == [
        (OVERWORKED_POSITION, "Position Amazon-Kontenpflege (kommissarisch) needs 0.8 FTE of duty work; its holder gives 0.5 FTE"),
    ]
    assert found.top is not None and found.top.position != "amazon_interim"


def test_a_duty_that_needs_no_fix_has_no_suggestions():
    org = before_reorg()
    assert suggest(org, Validator(org), "ecommerce_manager.overall_presence") is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_orgs())
def test_applying_any_top_suggestion_never_increases_the_errors_and_asking_changes_nothing(org):
    ws = Workspace(org)
    findings = ws.validator.findings()
    snapshot = ws.validator.snapshot()
    found = suggest_all(ws.org, ws.validator)
    assert ws.validator.snapshot() == snapshot and ws.validator.findings() == findings  # only asked
    assert Validator(ws.org).snapshot() == snapshot
    errors = ws.validator.count_severity(Severity.ERROR)
    for item in found:
        top = item.top
        if top is None or top.edit is None:
            continue
        ws.apply(top.edit)
        assert ws.validator.count_severity(Severity.ERROR) <= errors
        assert item.problem != UNOWNED_PROBLEM or ws.org.owners(item.duty)
        ws.undo()
        assert ws.validator.snapshot() == snapshot


def positions_and_owners(org: Org) -> tuple:
    return tuple(org.positions.items()), tuple((d, org.owners(d)) for d in org.catalog.duties)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_orgs(max_duties=5, max_positions=8))
def test_keepers_tried_one_after_another_find_what_each_keepers_edit_tried_alone_finds(org):
    # keeper_deltas is the fast path of "try each keeper's Batch of unassignments on the
    # validator and take it back" (findings_delta); both must give the same findings.
    validator = Validator(org)
    snapshot, state = validator.snapshot(), positions_and_owners(org)
    for duty in org.catalog.duties:
        owners = org.owners(duty)
        if len(owners) < 2:
            continue
        fast = keeper_deltas(org, validator, duty, list(reversed(owners)))
        assert validator.snapshot() == snapshot and positions_and_owners(org) == state
        for keep in owners:
            edit = E.Batch("keep", tuple(E.UnassignDuty(duty, o) for o in owners if o != keep))
            assert fast[keep] == findings_delta(org, validator, edit.plan(org).changes)
        assert Validator(org).snapshot() == snapshot


def test_keepers_interrupted_between_two_trials_leave_the_org_and_its_findings_as_they_were():
    org = before_reorg()
    validator = Validator(org)
    snapshot, state = validator.snapshot(), positions_and_owners(org)
    duty = next(d for d in org.catalog.duties if len(org.owners(d)) > 1)
    calls = []

    def between() -> None:
        calls.append(1)
        if len(calls) == 2:  # after the first keeper was tried: the org holds its change
            raise InterruptedError

    try:
        keeper_deltas(org, validator, duty, list(org.owners(duty)), between)
    except InterruptedError:
        pass
    assert len(calls) == 2
    assert validator.snapshot() == snapshot and positions_and_owners(org) == state


def test_the_suggest_command_exits_as_check_and_names_the_reasons(capsys):
    assert main(["suggest", str(BEFORE), "--duty", "ecommerce_manager.pricing"]) == 1  # the file has errors
    out = capsys.readouterr().out
    assert "split: “Pricing management” (E-Commerce Manager) [ecommerce_manager.pricing]" in out
    assert "1. Keep “Pricing management” with Vertriebsleiter (unassign it from Einkaufsleiterin) [vertriebsleiter]" in out
    assert "- its role is E-Commerce Manager" in out
    assert main(["suggest", str(SAMPLES / "startup.toml")]) == 0
    assert "nothing to suggest" in capsys.readouterr().out


def test_the_suggest_command_as_json_lists_every_duty_to_decide(capsys):
    assert main(["suggest", str(BEFORE), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "orgtui-suggest/1"
    problems = [d["problem"] for d in data["duties"]]
    assert problems.count("unowned") == 19 and problems.count("split") == 4 and problems.count("vacancy only") == 3
    assert all(d["suggestions"] and d["suggestions"][0]["reasons"] for d in data["duties"])


def test_the_suggest_command_refuses_an_unknown_duty_and_an_unreadable_file(capsys, write_file):
    assert main(["suggest", str(BEFORE), "--duty", "no.such"]) == 2
    assert "no duty 'no.such'" in capsys.readouterr().err
    assert main(["suggest", str(write_file("format = [", "bad.toml"))]) == 2
    assert "bad.toml" in capsys.readouterr().err


def test_suggestions_use_the_edits_everyone_uses():
    org = before_reorg()
    found = suggest(org, Validator(org), "marketplace_manager.sales_optimisation")
    assert found is not None and isinstance(found.suggestions[0].edit, E.MoveDuty)
