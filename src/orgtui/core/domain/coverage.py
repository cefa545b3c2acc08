"""Coverage: for each duty of the catalog, who owns it and how well.

One status per duty, for reports that need a single word per row (the CSV matrix, the
Markdown tables, the JSON export), decided by `duty_status` like everywhere else. The
validator's findings stay the source of truth for the counts: a duty can be split *and*
owned only by vacancies, and the summary counts it in both.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgtui.core.domain.catalog import Duty
from orgtui.core.domain.duty_status import DutyStatus, ownership
from orgtui.core.domain.org import Org
from orgtui.core.domain.validator import (
    OVERLOADED,
    SPLIT,
    UNOWNED,
    VACANT,
    Severity,
    Validator,
)


@dataclass(frozen=True, slots=True)
class DutyCoverage:
    duty: Duty
    owners: tuple[str, ...]  # ids of the owning positions, in file order
    status: DutyStatus


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


def duty_coverage(org: Org) -> list[DutyCoverage]:
    """Every duty of the org's catalog, in catalog order."""
    out = []
    for duty in org.catalog.duties.values():
        facts = ownership(org, duty.id)
        out.append(DutyCoverage(duty, facts.owners, facts.status))
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
