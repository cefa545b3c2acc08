"""How well one duty is owned: the one rule behind every pane, report and finding.

The Roles pane, the Departments pane, the CSV, Markdown and JSON exports, `orgtui check`
and the validator all ask this module, so they cannot disagree about a duty.

Two facts decide it: is it *split* (more than one position owns it) and is it owned by
*vacancies only* (every owning position is vacant). A duty can be both. The validator
reports each fact as its own finding; where one word is needed, the more serious fact
wins, and that is the vacancy: a duty whose every owner is vacant is done by nobody
today, however many positions it is split between, while a split duty that somebody
holds is done, if with a coordination cost. So two vacant owners read "vacancy only",
and a held owner plus a vacant one read "split".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from orgtui.core.domain.org import Org


class DutyStatus(StrEnum):
    """One word per duty, most serious first. The values are the words the exports write."""

    UNOWNED = "unowned"  # no position owns it
    VACANT = "vacancy only"  # every owning position is vacant (it may also be split)
    SPLIT = "split"  # more than one position owns it, at least one of them held
    OWNED = "owned"  # exactly one position owns it, and somebody holds it


HINTED_CODES = ("unowned-duty", "split-duty", "vacant-duty")
"""The findings about a duty's ownership that a suggestion fixes (suggest.py works them
out; the Problems pane ends their rows with the top one). Here, not in suggest.py, so that
the pane knows them without importing the suggestions at every start."""


@dataclass(frozen=True, slots=True)
class Ownership:
    """The facts about who owns a duty, and the one status they add up to."""

    owners: tuple[str, ...]  # ids of the owning positions, in file order
    split: bool  # owned by more than one position
    vacancy_only: bool  # owned, and every owner is vacant

    @property
    def status(self) -> DutyStatus:
        if not self.owners:
            return DutyStatus.UNOWNED
        if self.vacancy_only:  # before split: see the module docstring
            return DutyStatus.VACANT
        if self.split:
            return DutyStatus.SPLIT
        return DutyStatus.OWNED


def ownership(org: Org, duty_id: str) -> Ownership:
    owners = org.owners(duty_id)
    vacancy_only = bool(owners) and all(not org.positions[p].holders for p in owners)
    return Ownership(owners, len(owners) > 1, vacancy_only)


def duty_status(org: Org, duty_id: str) -> DutyStatus:
    return ownership(org, duty_id).status
