"""Effort: what a duty costs in FTE, from the catalog's estimates or the file's overrides,
and the findings for a position or person with more duty work than FTE to give."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from test_validator import consistent, random_edit, state

from orgtui.cli import main
from orgtui.core.domain import edits as E
from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.edits import EditError
from orgtui.core.domain.validator import (
    OVERLOADED,
    OVERWORKED_PERSON,
    OVERWORKED_POSITION,
    Validator,
)
from orgtui.core.git.diff import diff_orgs
from orgtui.core.git.diff_format import as_text
from orgtui.core.git.merge import merge_orgs
from orgtui.core.storage.load_problems import LoadError
from orgtui.core.storage.orgfile import dumps_org, load_org, parse_org
from orgtui.core.storage.session import Workspace

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"
MOCKUPS, JOURNEY = "ux_designer.mockups", "ux_designer.user_journey"

WITH_EFFORT = """\
format = 2
name = "Shop"
catalog = "builtin"
span_of_control = 8
catalog_efforts = true

[efforts]
"ux_designer.mockups" = 0.5

[[departments]]
id = "shop"
name = "Shop"

[[people]]
id = "anna"
name = "Anna"
capacity = 1.0

[[positions]]
id = "ux"
title = "UX"
department = "shop"
role = "ux_designer"
holders = [
    "anna",
]
fte = 1.0
duties = [
    "ux_designer.mockups",
    "ux_designer.user_journey",
]
"""


def codes(validator: Validator, kind: str, ident: str) -> list[str]:
    return [f.code for f in validator.about(kind, ident)]


def test_a_file_with_effort_reads_the_override_and_the_catalog_estimate_and_round_trips(write_file):
    org = load_org(write_file(WITH_EFFORT)).org
    assert org.effort(MOCKUPS) == 0.5  # the file's own figure
    assert org.effort(JOURNEY) == builtin_catalog().duties[JOURNEY].effort == 0.2  # the catalog's estimate
    assert dumps_org(org) == WITH_EFFORT


def test_every_builtin_duty_has_an_estimate_and_each_role_adds_up_to_about_one_fte():
    catalog = builtin_catalog()
    for role in catalog.roles.values():
        assert all(d.effort is not None and d.effort > 0 for d in role.duties), role.id
        assert sum(d.effort for d in role.duties) == pytest.approx(1.0)


def test_files_without_effort_behave_as_before_and_are_still_written_as_format_1(small_org):
    assert small_org.effort(MOCKUPS) is None and not small_org.uses_effort
    more = [d for d in list(builtin_catalog().duties)[:40] if d not in small_org.positions["head_shop"].duties]
    small_org.apply(E.Batch("40 duties", tuple(E.AssignDuty(d, "head_shop") for d in more)).plan(small_org).changes)
    validator = Validator(small_org)  # 40 duties on one position: no effort known, no effort finding
    assert not [f for f in validator.findings() if f.code in (OVERWORKED_POSITION, OVERWORKED_PERSON)]
    assert dumps_org(small_org).startswith("format = 1\n")
    for sample in SAMPLES.glob("*.toml"):
        assert not load_org(sample).org.uses_effort, sample.name


def test_an_effort_for_an_unknown_duty_names_the_file_and_line(write_file):
    path = write_file(WITH_EFFORT.replace('"ux_designer.mockups" = 0.5', '"ux_designer.mockups" = 0.5\n"no.such_duty" = 1'))
    with pytest.raises(LoadError) as caught:
        load_org(path)
    [problem] = caught.value.problems
    assert problem.line == 9 and "'no.such_duty'" in problem.message and "not a duty in the catalog" in problem.message


@pytest.mark.parametrize("value", ["-0.1", "101", '"lots"', "nan"])
def test_an_effort_that_is_not_a_sensible_fte_is_refused_with_its_key(write_file, value):
    path = write_file(WITH_EFFORT.replace('"ux_designer.mockups" = 0.5', f'"ux_designer.mockups" = {value}'))
    with pytest.raises(LoadError) as caught:
        load_org(path)
    text = " ".join(str(p) for p in caught.value.problems)
    assert "efforts" in text and "ux_designer.mockups" in text


def test_a_position_whose_duties_need_more_than_its_holder_gives_is_a_warning_until_one_moves(write_file):
    ws = Workspace(load_org(write_file(WITH_EFFORT.replace("= 0.5", "= 0.9"))).org)  # 0.9 + 0.2 > 1.0
    [finding] = ws.validator.about("position", "ux")
    assert finding.code == OVERWORKED_POSITION
    assert finding.message == "Position UX needs 1.1 FTE of duty work; its holder gives 1 FTE"
    assert codes(ws.validator, "person", "anna") == [OVERWORKED_PERSON]
    ws.apply(E.AddPosition("Helper", "shop", id="helper"))
    ws.apply(E.MoveDuty(JOURNEY, "ux", "helper"))
    assert codes(ws.validator, "position", "ux") == [] and codes(ws.validator, "person", "anna") == []
    consistent(ws)
    ws.undo()
    assert codes(ws.validator, "position", "ux") == [OVERWORKED_POSITION]
    assert codes(ws.validator, "person", "anna") == [OVERWORKED_PERSON]
    consistent(ws)


def test_a_second_holder_doubles_what_a_position_gives(write_file):
    ws = Workspace(load_org(write_file(WITH_EFFORT.replace("= 0.5", "= 0.9"))).org)
    ws.apply(E.AddPerson("Ben", id="ben"))
    ws.apply(E.AssignHolder("ben", "ux"))
    assert codes(ws.validator, "position", "ux") == [] and codes(ws.validator, "person", "anna") == []
    consistent(ws)


def test_a_person_already_over_capacity_by_fte_gets_one_finding_not_two(write_file):
    ws = Workspace(load_org(write_file(WITH_EFFORT.replace("= 0.5", "= 0.9"))).org)
    ws.apply(E.SetCapacity("anna", 0.5))  # 1.0 FTE position on a half-time person
    assert codes(ws.validator, "person", "anna") == [OVERLOADED]
    consistent(ws)


def test_thousands_of_random_edits_keep_the_effort_findings_exact(small_org):
    rng = random.Random(12)
    small_org.info = replace(small_org.info, catalog_efforts=True, efforts=(("ecommerce_manager.pricing", 0.9),))
    ws = Workspace(small_org)
    seen_codes: set[str] = set()
    for _ in range(1500):
        if rng.random() < 0.2 and ws.history.can_undo:
            ws.undo()
        else:
            before = state(ws.org)
            try:
                ws.apply(random_edit(rng, ws.org))
            except EditError:
                assert state(ws.org) == before
        fresh = consistent(ws)
        seen_codes |= {f.code for f in fresh.findings()}
    assert {OVERWORKED_POSITION, OVERWORKED_PERSON} <= seen_codes  # the walk met both rules


def test_diff_and_merge_understand_effort(small_org):
    base = parse_org(dumps_org(small_org), Path("base.toml"))
    ours, theirs = (parse_org(dumps_org(small_org), Path(f"{n}.toml")) for n in ("ours", "theirs"))
    ours.info = replace(ours.info, catalog_efforts=True, efforts=((MOCKUPS, 0.5),))
    theirs.info = replace(theirs.info, efforts=((MOCKUPS, 0.4), (JOURNEY, 0.3)))
    text = as_text(diff_orgs(base, ours))
    assert "the catalog's effort estimates are used now" in text
    assert "“Creating mock-ups” (UX Designer) [ux_designer.mockups]: effort the catalog's estimate → 0.5 FTE" in text
    merged = merge_orgs(base, ours, theirs)
    # per duty: the journey only theirs changed; the mock-ups both changed differently
    assert merged.org.info.catalog_efforts is True
    assert merged.org.info.efforts == ((MOCKUPS, 0.5), (JOURNEY, 0.3))
    assert [c.id for c in merged.conflicts] == [MOCKUPS]
    assert "ours 0.5 FTE, theirs 0.4 FTE; kept ours" in merged.conflicts[0].message


def test_the_diff_command_lists_an_effort_change(write_file, capsys):
    old = write_file(WITH_EFFORT, "old.toml")
    new = write_file(WITH_EFFORT.replace("= 0.5", "= 0.7"), "new.toml")
    assert main(["diff", str(old), str(new)]) == 0
    assert "effort 0.5 FTE → 0.7 FTE" in capsys.readouterr().out
