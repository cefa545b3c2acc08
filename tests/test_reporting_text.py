"""What a position's reporting lines say in words (core/domain/reporting_text.py): the same
words in the Departments and People rows and the detail panel."""

from __future__ import annotations

from orgtui.core.domain import edits as E
from orgtui.core.domain.affected import affected_by
from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.history import History
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.domain.reporting_text import (
    direct_reports_text,
    person_suffix,
    position_suffix,
    reporting_lines,
    reports_to_text,
)


def shop(*, lines: bool = True) -> Org:
    """Anna heads the shop; Ben develops and reports to her, with a dotted line to the vacant
    marketing head; the marketing head reports to Anna too."""
    people = [Person("anna", "Anna Schmidt"), Person("ben", "Ben Meier")]
    return Org(OrgInfo("Shop"), builtin_catalog(), [Department("shop", "Shop")], people, [
        Position("head", "Head of E-Commerce", "shop", holders=("anna",)),
        Position("dev", "Shop Developer", "shop", holders=("ben",), reports_to="head" if lines else None,
                 dotted_to=("mkt",) if lines else ()),
        Position("mkt", "Head of Marketing", "shop", reports_to="head" if lines else None),
    ])


def test_a_report_reads_its_manager_with_the_holder_and_a_top_reads_that_it_reports_to_nobody() -> None:
    org = shop()
    assert reports_to_text(org, "dev") == "Reports to Head of E-Commerce (Anna Schmidt)"
    assert reports_to_text(org, "head") == "Reports to nobody (top)"
    assert reporting_lines(org, "dev") == ["Reports to Head of E-Commerce (Anna Schmidt)", "Dotted line to Head of Marketing"]
    assert reporting_lines(org, "head") == ["Reports to nobody (top)", "Direct reports (2): Shop Developer, Head of Marketing"]
    assert direct_reports_text(org, "dev") == ""


def test_a_vacant_manager_is_named_vacant() -> None:
    org = shop()
    History(org).apply(E.SetManager("dev", "mkt"))
    assert reports_to_text(org, "dev") == "Reports to Head of Marketing (vacant)"


def test_rows_end_with_the_manager_dotted_lines_and_reports_count() -> None:
    org = shop()
    assert "".join(t for t, _ in position_suffix(org, "dev", under_manager=False)) == "  → Head of E-Commerce  ⇢ Head of Marketing"
    assert "".join(t for t, _ in position_suffix(org, "dev", under_manager=True)) == "  ⇢ Head of Marketing"
    assert "".join(t for t, _ in position_suffix(org, "head", under_manager=False)) == "  2 reports"
    assert "".join(t for t, _ in person_suffix(org, "ben")) == "  → reports to Head of E-Commerce (Anna Schmidt)"
    assert person_suffix(org, "anna") == ()


def test_an_org_without_reporting_lines_says_nothing_about_them() -> None:
    org = shop(lines=False)
    assert reporting_lines(org, "dev") == []
    assert position_suffix(org, "head", under_manager=False) == () and person_suffix(org, "ben") == ()


def test_a_new_manager_redraws_both_managers_and_a_renamed_manager_redraws_its_reports_rows() -> None:
    org = shop()
    history = History(org)
    moved, _ = history.apply(E.SetManager("dev", "mkt"))
    affected = affected_by(moved.changes, (), org)
    assert {("reports", "head"), ("reports", "mkt")} <= affected.shapes
    assert {("position", "head"), ("position", "mkt")} <= affected.rows
    renamed, _ = history.apply(E.RenamePosition("mkt", "Head of Brand"))
    affected = affected_by(renamed.changes, (), org)
    assert {("position", "dev"), ("person", "ben")} <= affected.rows  # "→ Head of Brand" in their rows
    history.undo()
    history.undo()
    renamed_person, _ = history.apply(E.RenamePerson("anna", "Anna Schulz"))
    affected = affected_by(renamed_person.changes, (), org)
    assert ("person", "ben") in affected.rows  # Ben's row names his manager's holder


def test_the_tops_are_an_index_kept_through_edits_and_undo() -> None:
    org = shop()
    history = History(org)
    assert org.top_positions() == ("head",)
    history.apply(E.SetManager("mkt", None))
    assert org.top_positions() == ("head", "mkt")
    history.apply(E.RemovePosition("head"))  # its reports become tops
    assert org.top_positions() == ("dev", "mkt")
    history.undo()
    history.undo()
    assert org.top_positions() == ("head",)
    assert org.top_positions() == tuple(p for p, pos in org.positions.items() if pos.reports_to is None)


def test_a_row_counts_the_people_reporting_as_the_span_findings_do_and_follows_a_new_holder() -> None:
    org = shop()
    history = History(org)
    assert position_suffix(org, "head", under_manager=True)[-1][0] == "  2 reports"  # Ben, and the vacancy as one
    step, _ = history.apply(E.AssignHolder("anna", "dev"))  # two people in the developer position now
    assert ("position", "head") in affected_by(step.changes, (), org).rows
    assert position_suffix(org, "head", under_manager=True)[-1][0] == "  3 reports"
