"""Coverage: for each duty of the catalog, who owns it and how well.

One status per duty, for reports that need a single word per row (the CSV matrix, the
Markdown tables, the JSON export, the diff). The validator's findings stay the source of
truth for the counts: a duty can be split *and* owned only by vacancies, and the summary
counts it in both; the per-duty status shows the more serious of the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgtui.core.domain.catalog import Duty
from orgtui.core.domain.org import Org
from orgtui.core.domain.validator import (
    OVERLOADED,
    SPLIT,
    UNOWNED,
    VACANT,
    Severity,
    Validator,
)

# Statuses, most serious first: a duty gets the first one that applies.
UNOWNED_STATUS = "unowned"  # no position owns it
VACANT_STATUS = "vacancy only"  # every owning position is vacant (may also be split)
SPLIT_STATUS = "split"  # more than one position owns it, at least one of them held
OWNED_STATUS = "owned"  # exactly one position owns it, and somebody holds it
STATUSES = (UNOWNED_STATUS, VACANT_STATUS, SPLIT_STATUS, OWNED_STATUS)


@dataclass(frozen=True, slots=True)
class DutyCoverage:
    duty: Duty
    owners: tuple[str, ...]  # ids of the owning positions, in file order
    status: str


@dataclass(frozen=True, slots=True)
class Summary:
    duties: int  # in the catalog
    owned: int  # by at least one position (held or vacant)
    unowned: int
    split: int  # owned by more than one position
    vacancy_only: int  # owned, but only by vacant positions
    overloaded: int  # people over capacity
    errors: int
    warnings: int
    infos: int

    def as_dict(self) -> dict[str, int]:
        return {
            "duties": self.duties,
            "owned": self.owned,
            "unowned": self.unowned,
            "split": self.split,
            "vacancy_only": self.vacancy_only,
            "people_over_capacity": self.overloaded,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
        }


def status_of(org: Org, owners: tuple[str, ...]) -> str:
    if not owners:
        return UNOWNED_STATUS
    if all(not org.positions[p].holders for p in owners):
        return VACANT_STATUS
    if len(owners) > 1:
        return SPLIT_STATUS
    return OWNED_STATUS


def duty_coverage(org: Org) -> list[DutyCoverage]:
    """Every duty of the org's catalog, in catalog order."""
    out = []
    for duty in org.catalog.duties.values():
        owners = org.owners(duty.id)
        out.append(DutyCoverage(duty, owners, status_of(org, owners)))
    return out


def summarise(validator: Validator) -> Summary:
    total = len(validator.org.catalog.duties)
    unowned = validator.count(UNOWNED)
    return Summary(
        duties=total,
        owned=total - unowned,
        unowned=unowned,
        split=validator.count(SPLIT),
        vacancy_only=validator.count(VACANT),
        overloaded=validator.count(OVERLOADED),
        errors=validator.count_severity(Severity.ERROR),
        warnings=validator.count_severity(Severity.WARNING),
        infos=validator.count_severity(Severity.INFO),
    )


def unowned_duties(org: Org) -> list[str]:
    """Ids of the duties nobody owns, in catalog order."""
    return [d for d in org.catalog.duties if not org.owners(d)]
