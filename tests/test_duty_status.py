"""One word per duty, the same everywhere: the Roles pane, the CSV, Markdown and JSON
exports and the validator's findings all say what the domain's `duty_status` says."""

from __future__ import annotations

import csv
import io
import json

import pytest

from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.duty_status import DutyStatus, duty_status
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.domain.presenters import duty_row, owned_duty_row
from orgtui.core.domain.validator import SPLIT, VACANT, Validator
from orgtui.core.export import csv_matrix, json_export, markdown_report

PRICING = "ecommerce_manager.pricing"

# Who owns PRICING: one entry per owning position, True if somebody holds it.
CASES = {
    "nobody": ((), DutyStatus.UNOWNED),
    "one held position": ((True,), DutyStatus.OWNED),
    "one vacant position": ((False,), DutyStatus.VACANT),
    "two held positions": ((True, True), DutyStatus.SPLIT),
    "a held and a vacant position": ((True, False), DutyStatus.SPLIT),
    # The case the issue found: the Roles pane said "split", the exports "vacancy only".
    "two vacant positions": ((False, False), DutyStatus.VACANT),
}


def org_where_pricing_is_owned_by(held: tuple[bool, ...]) -> Org:
    people = [Person(f"h{i}", f"Holder {i}") for i, h in enumerate(held) if h]
    positions = [
        Position(f"p{i}", f"Position {i}", "d", holders=(f"h{i}",) if h else (), duties=(PRICING,))
        for i, h in enumerate(held)
    ]
    return Org(OrgInfo("x"), builtin_catalog(), [Department("d", "D")], people, positions)


def roles_pane_word(org: Org) -> str:
    """What the Roles pane row says, back to the status word."""
    text = duty_row(org, PRICING).plain
    for marker, word in (("UNOWNED", "unowned"), ("vacant:", "vacancy only"), ("split:", "split"), ("→", "owned")):
        if marker in text:
            return word
    raise AssertionError(f"the Roles pane row says no status: {text!r}")


def csv_word(org: Org) -> str:
    rows = list(csv.reader(io.StringIO(csv_matrix(org).removeprefix("\ufeff"), newline="")))
    status_column = rows[0].index("Status")
    (row,) = [r for r in rows[1:] if r[1] == PRICING]
    return row[status_column]


def json_word(org: Org) -> str:
    duties = json.loads(json_export(org))["coverage"]["duties"]
    (row,) = [d for d in duties if d["id"] == PRICING]
    return row["status"]


def markdown_word(org: Org) -> str:
    title = org.catalog.duties[PRICING].title
    (line,) = [line for line in markdown_report(org).splitlines() if line.startswith(f"| {title} |")]
    return line.rstrip(" |").rsplit("|", 1)[1].strip().strip("*")


@pytest.mark.parametrize("case", CASES)
def test_every_view_of_a_duty_gives_it_the_same_status(case: str) -> None:
    held, expected = CASES[case]
    org = org_where_pricing_is_owned_by(held)
    assert duty_status(org, PRICING) is expected
    seen = {"roles pane": roles_pane_word(org), "csv": csv_word(org), "json": json_word(org), "markdown": markdown_word(org)}
    assert seen == dict.fromkeys(seen, expected.value)


@pytest.mark.parametrize("case", CASES)
def test_the_validator_finds_what_the_status_is_made_of(case: str) -> None:
    """The status is one word; the findings are the facts behind it, from the same rule."""
    held, _ = CASES[case]
    org = org_where_pricing_is_owned_by(held)
    codes = {f.code for f in Validator(org).about("duty", PRICING)}
    assert (SPLIT in codes) == (len(held) > 1)
    assert (VACANT in codes) == (bool(held) and not any(held))


def test_a_duty_shared_by_two_vacancies_still_says_split_under_each_position() -> None:
    """Under a position the question is "does someone else own this too?", not the status."""
    org = org_where_pricing_is_owned_by((False, False))
    assert "(split)" in owned_duty_row(org, PRICING).plain
    assert "(split)" not in owned_duty_row(org_where_pricing_is_owned_by((False,)), PRICING).plain
