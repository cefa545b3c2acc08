"""Under `--lang de` no English is left: findings, suggestions' reasons, what an edit is
called in "Undo: …", the CLI's help and reports, the app's dialogs (see english_words.py for
what counts as English once the org's own names are taken out)."""

from __future__ import annotations

from pathlib import Path

import pytest
from english_words import english_in, names_of

from orgtui.core.domain.edits import (
    AddDepartment,
    AddPerson,
    AddPosition,
    AssignDuty,
    MoveDepartment,
    MovePosition,
    RemoveDepartment,
    RemovePerson,
    RemovePosition,
    RenameDepartment,
    RenameOrg,
    RenamePerson,
    RenamePosition,
    SetCapacity,
    SetFte,
    SetRole,
    UnassignDuty,
)
from orgtui.core.domain.edits.base import EditError
from orgtui.core.domain.repair import plan_repair
from orgtui.core.domain.suggest import suggest
from orgtui.core.domain.validator import Validator
from orgtui.core.i18n import use_language
from orgtui.core.storage.session import Workspace

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"


@pytest.fixture
def german():
    use_language("de")
    yield
    use_language("en")


@pytest.mark.parametrize("sample", ["before-reorg.toml", "online-retailer.toml", "startup.toml", "retailer-300.toml"])
def test_every_finding_and_every_reason_of_a_suggestion_is_german(sample: str, german) -> None:
    org = Workspace.open(SAMPLES / sample).org
    names = names_of(org)
    validator = Validator(org)
    findings = validator.findings()
    assert findings
    for finding in findings:
        assert english_in(finding.message, names) == [], finding.message
    for duty in list(org.catalog.duties)[:12]:
        found = suggest(org, validator, duty, limit=3)
        for s in found.suggestions if found else ():
            for text in (s.label, *s.reasons):
                assert english_in(text, names) == [], text
    plan = plan_repair(org)
    assert english_in(plan.label, names) == [], plan.label


def test_the_name_of_every_edit_and_its_refusals_are_german(german) -> None:
    org = Workspace.open(SAMPLES / "online-retailer.toml").org
    dept, pos = next(iter(org.departments.values())), next(p for p in org.positions.values() if p.holders)
    other = next(d for d in org.departments.values() if d.id != pos.department)
    who = org.people[pos.holders[0]]
    duty = pos.duties[0]
    edits = [AddDepartment("Neu"), RenameDepartment(dept.id, "Neu"), MoveDepartment(other.id, None if other.parent else dept.id),
             RemoveDepartment(dept.id), AddPosition("Neu", dept.id), RenamePosition(pos.id, "Neu"),
             MovePosition(pos.id, other.id), SetFte(pos.id, 0.5), SetRole(pos.id, None), RemovePosition(pos.id),
             AddPerson("Neu"), RenamePerson(who.id, "Neu"), SetCapacity(who.id, 0.5), RemovePerson(who.id),
             RenameOrg("Neu"), UnassignDuty(duty, pos.id), AssignDuty(duty, pos.id)]
    names = names_of(org)
    for edit in edits:
        try:
            text = edit.plan(org).label
        except EditError as refused:
            text = str(refused)
        assert english_in(text, [*names, "Neu"]) == [], text
    for consequence in RemoveDepartment(dept.id).consequences(org) + RemovePosition(pos.id).consequences(org):
        assert english_in(consequence, names) == [], consequence
    for refused in (AddPerson(""), SetFte(pos.id, 7), RenamePerson(who.id, who.name), AddPosition("x", "nowhere")):
        with pytest.raises(EditError) as caught:
            refused.plan(org)
        assert english_in(str(caught.value), names) == [], str(caught.value)
