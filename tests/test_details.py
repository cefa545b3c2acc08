"""What the detail panel says about one duty, position, person or department (the core's
words, tested without a screen)."""

from __future__ import annotations

from pathlib import Path

from conftest import CS_DUTY, SHOP_DUTIES

from orgtui.core.domain.details import MOST, details_of
from orgtui.core.domain.org import Org, Position
from orgtui.core.domain.validator import Validator
from orgtui.core.i18n import use_language
from orgtui.core.storage.orgfile import load_org

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
FEEDBACK = "customer_service_manager.customer_input"


def sample(name: str) -> Org:
    return load_org(SAMPLES / name).org


def test_an_unowned_duty_shows_both_titles_the_articles_sentence_its_role_and_its_finding() -> None:
    org = sample("online-retailer.toml")
    said = details_of(org, Validator(org), "duty", FEEDBACK)
    assert said is not None
    text = said.plain
    assert "Feeding customer requirements back to other departments" in text
    assert "Input über die Anforderungen der Kunden an andere Abteilungen" in text
    assert "„Davon profitiert das gesamte Unternehmen" in text  # the article's own sentence
    assert "Role: Customer Service Manager" in text
    assert "UNOWNED" in text
    assert "✗ Unowned: “Feeding customer requirements back to other departments”" in text


def test_an_owned_duty_names_its_owners_and_their_holders(small_org: Org) -> None:
    said = details_of(small_org, Validator(small_org), "duty", SHOP_DUTIES[0])
    assert said is not None
    assert "Head of E-Commerce  · Online Shop\n  @ Anna" in said.plain
    vacant = details_of(small_org, Validator(small_org), "duty", CS_DUTY)
    assert vacant is not None and "Service Lead  · Customer Service\n  ○ VACANT" in vacant.plain


def test_a_position_shows_department_path_template_holders_with_fte_and_duties(small_org: Org) -> None:
    said = details_of(small_org, Validator(small_org), "position", "cs_lead")
    assert said is not None
    text = said.plain
    assert "Department: Online Shop › Customer Service" in text
    assert "Role template: Customer Service Manager" in text
    assert "○ VACANT" in text
    assert "Complaints" in text or "omplaint" in text
    head = details_of(small_org, Validator(small_org), "position", "head_shop")
    assert head is not None and "Anna  1 FTE · load 1 / 1 FTE" in head.plain


def test_a_person_shows_their_positions_and_load_and_effort() -> None:
    org = sample("before-reorg.toml")
    said = details_of(org, Validator(org), "person", "tobias.wendt")
    assert said is not None
    text = said.plain
    assert "Load: 1.5 / 1 FTE  OVER CAPACITY" in text
    assert "Positions (2)" in text
    held = [org.positions[p].title for p in org.positions_of("tobias.wendt")]
    assert all(title in text for title in held)


def test_a_position_with_reporting_lines_says_whom_it_reports_to_and_who_reports_to_it() -> None:
    org = sample("before-reorg.toml")
    boss = "vertriebsleiter"
    said = details_of(org, Validator(org), "position", boss)
    assert said is not None
    reports = org.reports_of(boss)
    assert f"{len(reports)} direct reports" in said.plain
    first = org.positions[reports[0]].title
    report = details_of(org, Validator(org), "position", reports[0])
    assert report is not None and f"Reports to: {org.positions[boss].title}" in report.plain
    assert first in said.plain


def test_a_department_shows_its_path_positions_and_span() -> None:
    org = sample("before-reorg.toml")
    said = details_of(org, Validator(org), "department", "vertrieb")
    assert said is not None
    n = len(org.positions_in("vertrieb"))
    assert "Path: Geschäftsleitung › Vertrieb & Webshop" in said.plain
    assert f"Span: {n} direct positions (span of control 5)" in said.plain


def test_a_duty_shared_by_many_positions_lists_a_few_and_how_many_more(small_org: Org) -> None:
    agents = [Position(f"p{i}", f"Agent {i}", "cs", None, (), (CS_DUTY,)) for i in range(40)]
    org = Org(small_org.info, small_org.catalog, small_org.departments.values(), small_org.people.values(),
              [*small_org.positions.values(), *agents])
    said = details_of(org, Validator(org), "duty", CS_DUTY)
    assert said is not None
    assert "Owners (41)" in said.plain
    assert f"… and {41 - MOST} more" in said.plain
    listed = [line for line in said.plain.splitlines() if line.startswith("Agent ")]
    assert len(listed) == MOST - 1  # the first MOST owners: the Service Lead and 11 agents


def test_in_german_the_details_speak_german(small_org: Org) -> None:
    use_language("de")
    said = details_of(small_org, Validator(small_org), "position", "cs_lead")
    assert said is not None
    assert "Abteilung: Online Shop › Customer Service" in said.plain and "UNBESETZT" in said.plain


def test_something_removed_has_no_details(small_org: Org) -> None:
    assert details_of(small_org, Validator(small_org), "person", "nobody") is None
