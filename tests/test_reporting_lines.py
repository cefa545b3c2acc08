"""Reporting lines (issue 13): the file format, the edits, the findings and the diff."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from orgtui.core.domain import edits as E
from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.edits import EditError
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.domain.validator import (
    CODES,
    NARROW_MANAGER_SPAN,
    REPORTING_CODES,
    REPORTING_CYCLE,
    SEVERAL_TOPS,
    TOO_MANY_LAYERS,
    VACANT_MANAGER,
    WIDE_MANAGER_SPAN,
    WIDE_SPAN,
    Validator,
)
from orgtui.core.git.diff import diff_orgs
from orgtui.core.git.diff_format import as_text
from orgtui.core.storage.load_problems import LoadError
from orgtui.core.storage.orgfile import dumps_org, parse_org
from orgtui.core.storage.session import Workspace

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"


def pos(ident: str, title: str, reports_to: str | None = None, holders: tuple[str, ...] = ("p",), **kw) -> Position:
    return Position(ident, title, "shop", None, holders, (), 1.0, reports_to, **kw)


def org_of(*positions: Position, **info) -> Org:
    return Org(OrgInfo("Shop", **info), builtin_catalog(), [Department("shop", "Shop")], [Person("p", "Pat")], positions)


def codes(org: Org) -> list[tuple[str, str]]:
    return [(f.code, f.subject) for f in Validator(org).findings() if f.code in REPORTING_CODES]


SHOP = (
    pos("md", "Managing Director"),
    pos("head", "Head of E-Commerce", "md"),
    pos("dev", "Shop Developer", "md"),
    pos("ux", "UX Designer", "head"),
)


# -- the file ----------------------------------------------------------------------------


def test_reporting_lines_are_written_in_the_canonical_layout_and_read_back():
    org = org_of(*SHOP[:3], replace(SHOP[3], dotted_to=("dev", "md")), min_span=1, max_layers=4, tops=("md",))
    text = dumps_org(org)
    assert text.startswith('format = 3\nname = "Shop"\ncatalog = "builtin"\nspan_of_control = 8\nmin_span = 1\n'
                           'max_layers = 4\ntops = [\n    "md",\n]\n')
    assert 'department = "shop"\nreports_to = "head"\ndotted_to = [\n    "dev",\n    "md",\n]\nholders' in text
    again = parse_org(text, Path("x.toml"))
    assert again.positions == org.positions and again.info == org.info and dumps_org(again) == text


def test_a_file_without_reporting_lines_keeps_its_format_and_bytes():
    text = (SAMPLES / "before-reorg.toml").read_text(encoding="utf-8")
    org = parse_org(text, Path("x.toml"))
    stripped = org_of(*(replace(p, reports_to=None, dotted_to=()) for p in SHOP))
    assert dumps_org(stripped).startswith("format = 1\n")
    assert dumps_org(org) == text


def test_an_unknown_manager_or_dotted_line_is_refused_naming_the_position_and_its_line():
    text = dumps_org(org_of(*SHOP)).replace('reports_to = "head"', 'reports_to = "nobody_here"')
    text = text.replace('id = "dev"\n', 'id = "dev"\ndotted_to = ["ghost", "md", "md"]\n')
    with pytest.raises(LoadError) as caught:
        parse_org(text, Path("org.toml"))
    lines = text.splitlines()
    found = {(p.message, p.where, lines[p.line - 1]) for p in caught.value.problems}
    assert found == {
        ("reports_to 'nobody_here' is not a position in this file", "positions (id 'ux')", 'id = "ux"'),
        ("dotted_to 'ghost' is not a position in this file", "positions (id 'dev')", 'id = "dev"'),
        ("dotted_to 'md' is listed twice", "positions (id 'dev')", 'id = "dev"'),
    }


def test_a_declared_top_that_is_not_a_position_is_refused():
    text = dumps_org(org_of(*SHOP, tops=("md",))).replace('    "md",\n]', '    "mdx",\n]', 1)
    with pytest.raises(LoadError) as caught:
        parse_org(text, Path("org.toml"))
    [problem] = caught.value.problems
    assert problem.message == "tops: 'mdx' is not a position in this file" and text.splitlines()[problem.line - 1] == "tops = ["


# -- edits -------------------------------------------------------------------------------


def test_set_manager_is_one_undoable_edit():
    ws = Workspace(org_of(*SHOP))
    before = dumps_org(ws.org)
    outcome = ws.apply(E.SetManager("dev", "head"))
    assert ws.org.positions["dev"].reports_to == "head" and ws.org.reports_of("head") == ("dev", "ux")
    assert "Shop Developer reports to Head of E-Commerce" in outcome.label
    ws.undo()
    assert dumps_org(ws.org) == before and ws.org.reports_of("head") == ("ux",)


def test_a_manager_change_that_would_make_a_cycle_is_refused_with_the_cycle_before_it_is_made():
    ws = Workspace(org_of(*SHOP))
    before = dumps_org(ws.org)
    with pytest.raises(EditError) as caught:
        ws.apply(E.SetManager("md", "ux"))  # ux reports to head, head to md
    assert str(caught.value) == ("Managing Director would report to itself via "
                                 "UX Designer → Head of E-Commerce → Managing Director")
    with pytest.raises(EditError, match="cannot report to itself"):
        ws.apply(E.SetManager("md", "md"))
    assert dumps_org(ws.org) == before and not ws.history.can_undo


def test_removing_a_manager_hands_its_reports_to_the_manager_above_and_drops_dotted_lines_to_it():
    ws = Workspace(org_of(*SHOP[:3], replace(SHOP[3], dotted_to=("head", "dev"))))
    ws.apply(E.RemovePosition("head"))
    assert ws.org.positions["ux"].reports_to == "md" and ws.org.positions["ux"].dotted_to == ("dev",)
    parse_org(dumps_org(ws.org), Path("x.toml"))  # the saved file names no position that is gone
    ws.undo()
    assert ws.org.positions["ux"] == replace(SHOP[3], dotted_to=("head", "dev"))


def test_dotted_lines_are_set_and_checked():
    ws = Workspace(org_of(*SHOP))
    ws.apply(E.SetDottedLines("ux", ("dev",)))
    assert ws.org.positions["ux"].dotted_to == ("dev",)
    with pytest.raises(EditError, match="to itself"):
        ws.apply(E.SetDottedLines("ux", ("ux",)))
    with pytest.raises(EditError, match="no position 'nope'"):
        ws.apply(E.SetDottedLines("ux", ("nope",)))


# -- findings ----------------------------------------------------------------------------


def test_a_reporting_cycle_is_an_error_naming_its_positions_until_it_is_broken():
    # a file (or a merge) can hold a cycle; edits refuse to make one
    org = org_of(pos("md", "Managing Director"), pos("a", "Alpha", "b"), pos("b", "Beta", "c"), pos("c", "Gamma", "a"),
                 pos("d", "Delta", "md"), pos("e", "Epsilon", "md"))
    ws = Workspace(org)
    [cycle] = [f for f in ws.validator.findings() if f.code == REPORTING_CYCLE]
    assert cycle.message == "Reporting cycle: Alpha → Beta → Gamma → Alpha" and cycle.ids == ("a", "b", "c")
    ws.apply(E.SetManager("c", "md"))
    assert ws.validator.count(REPORTING_CYCLE) == 0
    assert ws.validator.snapshot() == Validator(ws.org).snapshot()


def test_more_than_one_top_is_a_warning_unless_the_tops_are_declared():
    two = (pos("ceo", "CEO"), pos("cto", "Co-founder"), pos("a", "A", "ceo"), pos("b", "B", "ceo"), pos("c", "C", "cto"),
           pos("d", "D", "cto"))
    assert codes(org_of(*two)) == [(SEVERAL_TOPS, "ceo")]
    assert codes(org_of(*two, tops=("ceo", "cto"))) == []
    assert codes(org_of(*two, tops=("ceo",))) == [(SEVERAL_TOPS, "cto")]


def test_a_manager_outside_the_span_range_and_a_vacant_manager_with_reports_are_found():
    reports = [pos(f"r{i}", f"Agent {i}", "lead") for i in range(3)]
    pool = pos("pool", "Agent pool", "lead", holders=())  # a vacancy counts as one person to hire
    org = org_of(pos("md", "MD"), pos("lead", "Team Lead", "md", holders=()), *reports, pool, pos("solo", "Solo", "md"),
                 pos("x", "X", "solo"), span_of_control=3)
    found = {f.code: f for f in Validator(org).findings() if f.code in REPORTING_CODES}
    assert found[WIDE_MANAGER_SPAN].message == "Team Lead has 4 direct reports (span of control 3)"
    assert found[VACANT_MANAGER].message == "Team Lead is vacant, and 4 positions report to it"
    assert found[NARROW_MANAGER_SPAN].message == "Solo has only 1 direct report (minimum span 2)"
    assert found[NARROW_MANAGER_SPAN].subject == "solo"
    assert codes(replace_info(org, min_span=1, span_of_control=4)) == [(VACANT_MANAGER, "lead")]


def replace_info(org: Org, **fields) -> Org:
    org.info = replace(org.info, **fields)
    return org


def test_more_layers_than_the_target_is_a_warning_naming_the_deepest_position():
    chain = [pos("l1", "Layer 1")] + [pos(f"l{i}", f"Layer {i}", f"l{i - 1}") for i in range(2, 5)]
    wide = [pos(f"w{i}", f"W{i}", f"l{i}", holders=("p", "p2")) for i in range(1, 5)]  # every manager has 2+ reports
    assert codes(org_of(*chain, *wide, max_layers=5)) == []
    [finding] = [f for f in Validator(org_of(*chain, *wide, max_layers=3)).findings() if f.code == TOO_MANY_LAYERS]
    assert finding.message == "5 layers from the top down to W4 (target at most 3)"


def test_the_department_span_rule_applies_only_without_reporting_lines():
    flat = org_of(*(pos(f"p{i}", f"P{i}") for i in range(4)), span_of_control=3)
    ws = Workspace(flat)
    assert ws.validator.count(WIDE_SPAN) == 1
    ws.apply(E.SetManager("p1", "p0"))  # the first reporting line: managers' spans count now
    assert ws.validator.count(WIDE_SPAN) == 0 and ws.validator.snapshot() == Validator(ws.org).snapshot()
    ws.undo()
    assert ws.validator.count(WIDE_SPAN) == 1 and ws.validator.snapshot() == Validator(ws.org).snapshot()


def test_reporting_findings_are_ordered_by_the_code_table():
    org = org_of(pos("a", "A", "b"), pos("b", "B", "a"), pos("t1", "T1"), pos("t2", "T2"), pos("v", "V", "t1", holders=()),
                 *(pos(f"r{i}", f"R{i}", "v") for i in range(3)), pos("n", "N", "t2"), span_of_control=2, max_layers=1)
    found = [f.code for f in Validator(org).findings() if f.code in REPORTING_CODES]
    assert set(found) == set(REPORTING_CODES)
    assert [CODES.index(c) for c in found] == sorted(CODES.index(c) for c in found)


def test_samples_have_reporting_lines_and_one_crosses_departments():
    crossing = {}
    # hostile-names stays without lines: it holds the department-based findings that show a hostile department name
    for path in sorted(p for p in SAMPLES.glob("*.toml") if p.name != "hostile-names.toml"):
        org = parse_org(path.read_text(encoding="utf-8"), path)
        assert org.has_reporting_lines, path.name
        assert Validator(org).count(REPORTING_CYCLE) == 0, path.name
        crossing[path.name] = [p.id for p in org.positions.values()
                               if p.reports_to and org.positions[p.reports_to].department not in
                               (p.department, *org.ancestors(p.department))]
    assert crossing["online-retailer.toml"] and crossing["retailer-300.toml"]


# -- diff --------------------------------------------------------------------------------


def test_a_changed_manager_reads_now_reports_to_was():
    old = org_of(*SHOP)
    new = org_of(*SHOP)
    new.apply([E.SetManager("dev", "head").plan(new).changes[0]])
    text = as_text(diff_orgs(old, new))
    assert "“Shop Developer” [dev] now reports to “Head of E-Commerce” (was “Managing Director”)" in text


def test_a_changed_span_range_or_layer_target_is_in_the_diff():
    old, new = org_of(*SHOP), org_of(*SHOP, min_span=3, max_layers=4)
    text = as_text(diff_orgs(old, new))
    assert "minimum span 2 → 3" in text and "layer target 6 → 4" in text
