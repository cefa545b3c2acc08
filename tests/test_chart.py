"""The org chart's text: the reporting tree top down in DOT and Mermaid (a line per manager
and report, dotted lines dashed, vacancies marked, departments coloured), the part of the
org `--root` and `--department` choose, and the invisible edges that stack a wide team."""

from __future__ import annotations

from pathlib import Path

import pytest
from chart_text import parse_dot, parse_mermaid, unmermaid

from orgtui.cli import main
from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.export import ChartScope, ScopeError, dot_chart, mermaid_chart, render
from orgtui.core.i18n import use_language
from orgtui.core.storage.orgfile import load_org

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"


def sample(name: str) -> Org:
    return load_org(SAMPLES / name).org


def node_ids(org: Org) -> dict[str, str]:
    return {p: f"p{i}" for i, p in enumerate(org.positions, 1)}


def shop() -> Org:
    """A managing director, a head of shop with a vacant developer post and two agents, and
    a marketing lead with a dotted line to the head of shop."""
    return Org(
        OrgInfo("Shop GmbH"),
        builtin_catalog(),
        [Department("lead", "Leitung"), Department("shop", "Shop", "lead"), Department("mkt", "Marketing", "lead")],
        [Person("anna", "Anna"), Person("ben", "Ben"), Person("cem", "Cem"), Person("dora", "Dora"), Person("eva", "Eva")],
        [
            Position("md", "Managing Director", "lead", None, ("anna",)),
            Position("head", "Head of Shop", "shop", None, ("ben",), (), 1.0, "md"),
            Position("dev", "Shop Developer", "shop", None, (), (), 1.0, "head"),
            Position("agent", "Agent", "shop", None, ("cem", "dora"), (), 1.0, "head"),
            Position("mkt", "Marketing Lead", "mkt", None, ("eva",), (), 1.0, "md", ("head",)),
        ],
    )


def test_dot_draws_a_line_from_each_manager_to_each_report_and_dotted_lines_dashed() -> None:
    chart = parse_dot(dot_chart(shop()))
    assert set(chart.of("line")) == {("p1", "p2"), ("p2", "p3"), ("p2", "p4"), ("p1", "p5")}
    assert chart.of("dotted") == [("p2", "p5")]
    assert 'p2 -> p5 [style=dashed, color="#555555", constraint=false];' in dot_chart(shop())


def test_dot_is_top_down_and_marks_the_vacancy_dashed_and_vacant() -> None:
    text = dot_chart(shop())
    assert "rankdir=TB" in text
    chart = parse_dot(text)
    assert chart.vacant == {"p3"}
    assert chart.labels["p3"] == "Shop Developer\nVACANT\nShop"
    assert chart.labels["p4"] == "Agent\nCem, Dora\nShop"


def test_departments_are_colours_by_branch_not_frames() -> None:
    """Leitung holds everything, so Shop and Marketing are the branches: two colours, and
    the managing director (in the trunk) a third."""
    chart = parse_dot(dot_chart(shop()))
    assert set(chart.parent.values()) == {"root"}  # no clusters
    colour = {n: chart.attrs[n]["fillcolor"] for n in ("p1", "p2", "p3", "p4", "p5")}
    assert colour["p2"] == colour["p3"] == colour["p4"]
    assert len({colour["p1"], colour["p2"], colour["p5"]}) == 3


def test_mermaid_draws_the_same_tree() -> None:
    text = mermaid_chart(shop())
    chart = parse_mermaid(text)
    assert set(chart.of("line")) == {("p1", "p2"), ("p2", "p3"), ("p2", "p4"), ("p1", "p5")}
    assert chart.of("dotted") == [("p2", "p5")]
    assert chart.vacant == {"p3"}
    assert unmermaid(chart.labels["p3"]) == "Shop Developer<br/>VACANT<br/>Shop"
    assert "classDef vacant stroke-dasharray: 5 5" in text


def wide_team(reports: int) -> Org:
    positions = [Position("boss", "Boss", "d", None, ("boss",))]
    positions += [Position(f"r{i}", f"Report {i}", "d", None, (f"x{i}",), (), 1.0, "boss") for i in range(reports)]
    people = [Person("boss", "Bea")] + [Person(f"x{i}", f"P{i}") for i in range(reports)]
    return Org(OrgInfo("Wide"), builtin_catalog(), [Department("d", "Team")], people, positions)


@pytest.mark.parametrize("render_chart, parse", [(dot_chart, parse_dot), (mermaid_chart, parse_mermaid)])
def test_a_wide_team_of_leaf_reports_is_stacked_in_columns(render_chart, parse) -> None:
    """Twelve reports side by side were one row; invisible edges hang them in columns below
    each other, every report still has its own line from the manager."""
    chart = parse(render_chart(wide_team(12)))
    assert len(chart.of("line")) == 12
    stacked = chart.of("invisible")
    assert stacked and all(a != "p1" and b != "p1" for a, b in stacked)
    below = {b for _, b in stacked}
    assert 1 < len(below) < 12  # some boxes are below others, not all in one column


def test_a_reporting_cycle_is_drawn_with_the_edge_that_closes_it_marked() -> None:
    org = Org(OrgInfo("Loop"), builtin_catalog(), [Department("d", "D")], [],
              [Position("a", "A", "d", reports_to="b"), Position("b", "B", "d", reports_to="a"),
               Position("c", "C", "d", reports_to="a")])
    chart = parse_dot(dot_chart(org))
    assert chart.of("cycle") == [("p2", "p1")]
    assert set(chart.of("line")) == {("p1", "p2"), ("p1", "p3")}
    assert len(parse_mermaid(mermaid_chart(org)).of("cycle")) == 1


def test_a_deep_reporting_chain_needs_no_recursion() -> None:
    depth = 3000
    positions = [Position(f"p{i}", f"Level {i}", "d", reports_to=f"p{i - 1}" if i else None) for i in range(depth)]
    org = Org(OrgInfo("Deep"), builtin_catalog(), [Department("d", "D")], [], positions)
    assert len(parse_dot(dot_chart(org)).of("line")) == depth - 1
    assert len(parse_mermaid(mermaid_chart(org)).of("line")) == depth - 1


def test_without_reporting_lines_departments_nest_and_stack_their_positions() -> None:
    org = sample("hostile-names.toml")
    assert not org.has_reporting_lines
    chart = parse_dot(dot_chart(org))
    assert chart.of("line") == []
    assert {p for p in chart.parent.values()} >= {"cluster_d1", "cluster_d2"}
    assert chart.of("invisible")  # positions below each other, not one row


# -- --root and --department --------------------------------------------------------------


def test_root_draws_the_position_and_everyone_below_it() -> None:
    org = sample("online-retailer.toml")
    ids = node_ids(org)
    chart = parse_dot(dot_chart(org, ChartScope(root="head_of_marketing")))
    below = {p for p, pos in org.positions.items() if pos.reports_to == "head_of_marketing"}
    assert set(chart.attrs) == {ids[p] for p in below | {"head_of_marketing"}}
    assert set(chart.of("line")) == {(ids["head_of_marketing"], ids[p]) for p in below}
    assert chart.labels["root"].endswith("\nHead of Marketing and below")
    assert chart.labels[ids["head_of_marketing"]].endswith("\n↑ Managing Director")  # its manager, not drawn


def test_department_draws_its_positions_and_those_of_its_sub_departments() -> None:
    org = sample("retailer-300.toml")
    ids = node_ids(org)
    chart = parse_mermaid(mermaid_chart(org, ChartScope(department="ecom")))
    inside = {p for p, pos in org.positions.items() if pos.department == "ecom" or "ecom" in org.ancestors(pos.department)}
    assert {n for n in chart.labels if n != "org"} == {ids[p] for p in inside}
    assert {b for _, b in chart.of("line")} == {ids[p] for p in inside if org.positions[p].reports_to in inside}


def test_root_and_department_together_draw_the_subtree_within_the_department() -> None:
    org = sample("retailer-300.toml")
    ids = node_ids(org)
    chart = parse_dot(dot_chart(org, ChartScope(root="backend_lead", department="ecom")))
    assert ids["mp_integration"] not in chart.attrs  # reports to the backend lead, in Marketplaces
    assert ids["backend_dev"] in chart.attrs


@pytest.mark.parametrize("scope, message", [
    (ChartScope(root="nobody"), "there is no position with the id 'nobody'"),
    (ChartScope(department="nowhere"), "there is no department with the id 'nowhere'"),
    (ChartScope(root="head_mp", department="cs"), "the position 'head_mp' is not in the department 'cs' or below it"),
])
def test_an_unknown_id_is_a_scope_error_naming_it(scope: ChartScope, message: str) -> None:
    with pytest.raises(ScopeError, match=message):
        render(sample("retailer-300.toml"), "dot", scope)


# -- the command ------------------------------------------------------------------------------


def test_cli_export_root_writes_the_subtree(capsysbinary) -> None:
    assert main(["export", str(SAMPLES / "retailer-300.toml"), "--format", "dot", "--root", "head_cs"]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8")
    assert "Head of Customer Service and below" in text
    assert "Head of Marketing" not in text


@pytest.mark.parametrize("option, value, said", [
    ("--root", "nobody", "there is no position with the id 'nobody'"),
    ("--department", "nowhere", "there is no department with the id 'nowhere'"),
])
def test_cli_export_unknown_id_exits_2_naming_it_without_a_traceback(capsys, tmp_path: Path, option: str, value: str,
                                                                     said: str) -> None:
    out = tmp_path / "chart.dot"
    assert main(["export", str(SAMPLES / "startup.toml"), "--format", "mermaid", option, value, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert said in err and "startup.toml" in err and "nothing was written" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_cli_export_root_with_a_table_format_is_refused(capsys) -> None:
    assert main(["export", str(SAMPLES / "startup.toml"), "--format", "csv", "--root", "ceo"]) == 2
    assert "use them with --format dot or mermaid" in capsys.readouterr().err


def test_cli_export_says_it_in_german(capsys) -> None:
    try:
        assert main(["export", str(SAMPLES / "startup.toml"), "--format", "dot", "--root", "niemand", "--lang", "de"]) == 2
    finally:
        use_language("en")
    assert "es gibt keine Stelle mit der ID 'niemand'; es wurde nichts geschrieben" in capsys.readouterr().err
