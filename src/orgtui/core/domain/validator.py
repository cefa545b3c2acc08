"""The validator: every weak spot of an org design, kept up to date edit by edit.

Findings are stored per subject (a duty, person, position or department). After an edit
only the subjects its changes touch are re-checked (`update`), so a drag in a 5,000-person
org costs microseconds. `Validator(org)` checks everything; a test compares the two after
thousands of random edits.
"""

from __future__ import annotations

import bisect
import copy
import heapq
from collections import Counter
from dataclasses import dataclass
from enum import IntEnum
from itertools import chain
from operator import attrgetter
from typing import Iterable

from orgtui.core.domain import effort
from orgtui.core.domain.catalog import local_title
from orgtui.core.domain.conflict_notes import pending_conflicts
from orgtui.core.domain.duty_status import ownership
from orgtui.core.domain.org import Change, Department, Org, OrgInfo, Person, Position
from orgtui.core.domain.reporting import cycles, layers, tops
from orgtui.core.i18n import N_, _, ngettext
from orgtui.core.text import some_names


class Severity(IntEnum):
    ERROR = 0
    WARNING = 1
    INFO = 2

    @property
    def label(self) -> str:
        """The stable word the JSON reports write."""
        return self.name.lower()

    @property
    def word(self) -> str:
        """The word a reader sees, in their language."""
        return _(_SEVERITY_WORDS[self.label])


_SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


# Stable codes, in the order findings are listed within a severity.
MERGE_CONFLICT = "merge-conflict"
UNOWNED = "unowned-duty"
SPLIT = "split-duty"
VACANT = "vacant-duty"
OVERLOADED = "overloaded-person"
OVERWORKED_POSITION = "overworked-position"  # effort: its duties need more than its holders give
OVERWORKED_PERSON = "overworked-person"  # effort: their share of duty work exceeds their capacity
WIDE_SPAN = "wide-span"
IDLE = "idle-position"
EMPTY = "empty-department"
SINGLE_POINT = "single-point-of-failure"  # one person does the duty: if they leave, nobody does
# Reporting lines (issue 13): only for orgs in which some position reports to another.
REPORTING_CYCLE = "reporting-cycle"
SEVERAL_TOPS = "several-tops"
WIDE_MANAGER_SPAN = "wide-manager-span"
VACANT_MANAGER = "vacant-manager"
TOO_MANY_LAYERS = "too-many-layers"
NARROW_MANAGER_SPAN = "narrow-manager-span"
CODES = (MERGE_CONFLICT, REPORTING_CYCLE, UNOWNED, SPLIT, VACANT, OVERLOADED, OVERWORKED_POSITION, OVERWORKED_PERSON,
         SEVERAL_TOPS, WIDE_MANAGER_SPAN, VACANT_MANAGER, TOO_MANY_LAYERS, WIDE_SPAN, IDLE, EMPTY, NARROW_MANAGER_SPAN,
         SINGLE_POINT)
REPORTING_CODES = (REPORTING_CYCLE, SEVERAL_TOPS, WIDE_MANAGER_SPAN, VACANT_MANAGER, TOO_MANY_LAYERS, NARROW_MANAGER_SPAN)
REPORTING: Key = ("reporting", "")  # the subject of the findings about the whole reporting tree
_RANK = {code: i for i, code in enumerate(CODES)}
_HOLDERS = attrgetter("holders")
_TITLE = attrgetter("title")
_FTE = attrgetter("fte")


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    code: str
    message: str
    subject_kind: str  # "duty", "person", "position" or "department"
    subject: str  # the id the finding is about
    related: tuple[str, ...] = ()  # other ids it concerns (e.g. the owning positions)

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.subject, *self.related)


Key = tuple[str, str]


class Validator:
    def __init__(self, org: Org) -> None:
        self.org = org
        self._by_subject: dict[Key, tuple[Finding, ...]] = {}
        self._counts: Counter[str] = Counter()
        self._sorted: list[Finding] | None = None
        self.generation = 0  # counts changes to the findings, for views that cache
        self._duty_rank = {d: i for i, d in enumerate(org.catalog.duties)}
        for duty in org.catalog.duties:
            self._set(("duty", duty), self._check_duty(duty))
        for person in self._people_to_check():
            self._set(("person", person), self._check_person(person))
        for pos in self._positions_to_check():
            self._set(("position", pos), self._check_position(pos))
        for dept in org.departments:
            self._set(("department", dept), self._check_department(dept))
        self._set(("org", ""), self._check_org())
        self._had_lines = org.has_reporting_lines
        self._set(REPORTING, reporting_findings(org))

    def _people_to_check(self) -> Iterable[str]:
        """Everyone who may have a finding. Without effort estimates that is who may be over
        capacity: as no position's FTE is above 1, a person's load is at most the number of
        positions they hold, so only those holding more than their capacity are asked
        (counted in C; asking each of 50,000 people for their load took most of the first
        check, and adding up everyone's load still took a third of it)."""
        org = self.org
        if org.uses_effort:
            return org.people
        if max(map(_FTE, org.positions.values()), default=0.0) > 1:  # made in code, not by a file or edit
            return org.people
        held = Counter(chain.from_iterable(map(_HOLDERS, org.positions.values())))
        return [p for p, who in org.people.items() if held.get(p, 0) > who.capacity]

    def _positions_to_check(self) -> Iterable[str]:
        """Every position that may have a finding: without effort estimates and reporting
        lines only one that owns no duties can."""
        org = self.org
        if org.uses_effort or org.has_reporting_lines:
            return org.positions
        return [p for p, pos in org.positions.items() if not pos.duties]

    # -- reading --------------------------------------------------------------------------

    def findings(self) -> list[Finding]:
        """All findings: errors first, then by code, then in catalog or name order.

        Sorted once, then kept sorted edit by edit (`_set`): thousands of findings are not
        re-sorted or walked per edit. The list is the validator's own: read, never change it.
        """
        if self._sorted is None:
            every = [f for group in self._by_subject.values() for f in group]
            every.sort(key=self._sort_key)
            self._sorted = every
        return self._sorted

    def index_of(self, finding: Finding) -> int:
        """Where a current finding stands in `findings()` (a binary search)."""
        every = self.findings()
        return bisect.bisect_left(every, self._sort_key(finding), key=self._sort_key)

    def count(self, code: str) -> int:
        return self._counts[code]

    def count_severity(self, severity: Severity) -> int:
        return sum(n for code, n in self._counts.items() if _SEVERITY[code] == severity)

    def about(self, kind: str, ident: str) -> tuple[Finding, ...]:
        return self._by_subject.get((kind, ident), ())

    def snapshot(self) -> dict[Key, tuple[Finding, ...]]:
        return dict(self._by_subject)

    def fork(self, org: Org) -> Validator:
        """This validator's findings over `org`, a `working_copy` of its org taken now: the
        copy is then checked edit by edit on its own (the sorted list is rebuilt if asked)."""
        fork = copy.copy(self)
        fork.org = org
        fork._by_subject = dict(self._by_subject)
        fork._counts = Counter(self._counts)
        fork._sorted = None
        return fork

    # -- keeping up with edits ------------------------------------------------------------

    def update(self, changes: Iterable[Change]) -> set[Key]:
        """Re-check what the changes touched; returns the subjects that were re-checked."""
        touched = touched_subjects(changes, self.org)
        org = self.org
        if org.has_reporting_lines != self._had_lines:
            # the first reporting line (or the last gone): the department span rule gives way
            # to the manager span rules, or comes back
            self._had_lines = org.has_reporting_lines
            touched |= {("department", d) for d in org.departments} | {REPORTING}
        for kind, ident in touched:
            key = (kind, ident)
            if kind == "duty":
                result = self._check_duty(ident) if ident in org.catalog.duties else ()
            elif kind == "person":
                result = self._check_person(ident) if ident in org.people else ()
            elif kind == "position":
                result = self._check_position(ident) if ident in org.positions else ()
            elif kind == "org":
                result = self._check_org()
            elif kind == "reporting":
                result = reporting_findings(org)
            else:
                result = self._check_department(ident) if ident in org.departments else ()
            self._set(key, result)
        return touched

    def _set(self, key: Key, findings: tuple[Finding, ...]) -> None:
        old = self._by_subject.get(key, ())
        if old == findings:
            return
        for f in old:
            self._counts[f.code] -= 1
        for f in findings:
            self._counts[f.code] += 1
        if findings:
            self._by_subject[key] = findings
        else:
            self._by_subject.pop(key, None)
        every = self._sorted
        if every is not None:
            sort_key = self._sort_key
            for f in old:
                at = bisect.bisect_left(every, sort_key(f), key=sort_key)
                while every[at] != f:  # equal keys: (code, message, subject) differ for distinct findings
                    at += 1
                del every[at]
            for f in findings:
                bisect.insort(every, f, key=sort_key)
        self.generation += 1

    def _sort_key(self, f: Finding) -> tuple[Severity, int, int, str, str]:
        rank = self._duty_rank.get(f.subject, 0) if f.subject_kind == "duty" else 0
        return (f.severity, _RANK[f.code], rank, f.message, f.subject)

    # -- the rules ------------------------------------------------------------------------

    def _check_org(self) -> tuple[Finding, ...]:
        # `orgtui merge` records what it could not decide at the top of the file; until
        # someone looks and marks them resolved, the file is not a finished design.
        return tuple(
            Finding(Severity.ERROR, MERGE_CONFLICT, _("Merge conflict: {text}").format(text=text), "org", str(i))
            for i, text in enumerate(pending_conflicts(self.org.preamble))
        )

    def _check_duty(self, duty_id: str) -> tuple[Finding, ...]:
        org = self.org
        duty = org.catalog.duties[duty_id]
        role = local_title(org.catalog.roles[duty.role])
        title = local_title(duty)
        facts = ownership(org, duty_id)
        if not facts.owners:
            return (Finding(Severity.ERROR, UNOWNED, _("Unowned: “{duty}” ({role})").format(duty=title, role=role), "duty", duty_id),)
        owners = tuple(sorted(facts.owners))
        out = []
        if facts.split:
            # the first few titles in order, and how many more: a duty split between 5,000
            # positions is not sorted whole for three names
            positions = org.positions
            titles = some_names(heapq.nsmallest(3, map(_TITLE, map(positions.__getitem__, owners))), count=len(owners))
            out.append(Finding(Severity.WARNING, SPLIT, ngettext("“{duty}” is split between {n} position: {titles}", "“{duty}” is split between {n} positions: {titles}", len(owners)).format(duty=title, n=len(owners), titles=titles), "duty", duty_id, owners))
        if facts.vacancy_only:
            out.append(Finding(Severity.WARNING, VACANT, _("“{duty}” is owned only by vacant positions").format(duty=title), "duty", duty_id, owners))
        out += single_point_findings(org, duty_id, owners)
        return tuple(out)

    def _check_person(self, person_id: str) -> tuple[Finding, ...]:
        org = self.org
        who = org.people[person_id]
        load = org.load_of(person_id)
        if load > who.capacity + 1e-9:
            held = tuple(sorted(org.positions_of(person_id)))
            return (Finding(Severity.WARNING, OVERLOADED, _("{name} is over capacity: {load} / {capacity} FTE").format(name=who.name, load=f"{load:g}", capacity=f"{who.capacity:g}"), "person", person_id, held),)
        return person_effort_findings(org, person_id)

    def _check_position(self, position_id: str) -> tuple[Finding, ...]:
        pos: Position = self.org.positions[position_id]
        managing = manager_findings(self.org, pos)
        if not pos.duties:
            return (Finding(Severity.INFO, IDLE, _("Position {title} owns no duties").format(title=pos.title), "position", position_id), *managing)
        return position_effort_findings(self.org, pos) + managing

    def _check_department(self, department_id: str) -> tuple[Finding, ...]:
        org = self.org
        dept: Department = org.departments[department_id]
        direct = org.positions_in(department_id)
        span = org.info.span_of_control
        if len(direct) > span and not org.has_reporting_lines:  # with reporting lines, managers' spans count
            return (Finding(Severity.WARNING, WIDE_SPAN, _("{name} has {n} direct positions (span of control {span})").format(name=dept.name, n=len(direct), span=span), "department", department_id),)
        if not direct and not org.subdepartments(department_id):
            return (Finding(Severity.INFO, EMPTY, _("Department {name} is empty").format(name=dept.name), "department", department_id),)
        return ()


_SEVERITY = {MERGE_CONFLICT: Severity.ERROR, UNOWNED: Severity.ERROR, SPLIT: Severity.WARNING, VACANT: Severity.WARNING, OVERLOADED: Severity.WARNING,
             WIDE_SPAN: Severity.WARNING, IDLE: Severity.INFO, EMPTY: Severity.INFO,
             OVERWORKED_POSITION: Severity.WARNING, OVERWORKED_PERSON: Severity.WARNING, SINGLE_POINT: Severity.INFO,
             REPORTING_CYCLE: Severity.ERROR, SEVERAL_TOPS: Severity.WARNING, WIDE_MANAGER_SPAN: Severity.WARNING,
             VACANT_MANAGER: Severity.WARNING, TOO_MANY_LAYERS: Severity.WARNING, NARROW_MANAGER_SPAN: Severity.INFO}


# -- reporting-line rules (issue 13): only when some position reports to another ----------


def span_of(org: Org, manager_id: str) -> int:
    """A manager's span: the people in the positions reporting to it, a vacancy counting as
    the one person it would be filled with (40 agents in one position are 40 reports)."""
    return sum(max(len(org.positions[p].holders), 1) for p in org.reports_of(manager_id))


def manager_findings(org: Org, pos: Position) -> tuple[Finding, ...]:
    """A manager's span against the org's range, and a vacant manager with reports. Re-checked
    when a report arrives or leaves, a report's holders change, or the manager's own do."""
    reports = org.reports_of(pos.id)
    if not reports:
        return ()
    span, out = span_of(org, pos.id), []
    if span > org.info.span_of_control:
        message = ngettext("{position} has {n} direct report (span of control {span})", "{position} has {n} direct reports (span of control {span})",
                           span).format(position=pos.title, n=span, span=org.info.span_of_control)
        out.append(Finding(Severity.WARNING, WIDE_MANAGER_SPAN, message, "position", pos.id, reports))
    elif span < org.info.min_span:
        message = ngettext("{position} has only {n} direct report (minimum span {span})", "{position} has only {n} direct reports (minimum span {span})",
                           span).format(position=pos.title, n=span, span=org.info.min_span)
        out.append(Finding(Severity.INFO, NARROW_MANAGER_SPAN, message, "position", pos.id, reports))
    if not pos.holders:
        message = ngettext("{position} is vacant, and {n} position reports to it", "{position} is vacant, and {n} positions report to it",
                           len(reports)).format(position=pos.title, n=len(reports))
        out.append(Finding(Severity.WARNING, VACANT_MANAGER, message, "position", pos.id, reports))
    return tuple(out)


def reporting_findings(org: Org) -> tuple[Finding, ...]:
    """What only the whole tree shows: cycles, several tops, too many layers. Linear in the
    positions (core/domain/reporting.py), and re-run only by an edit that changes a manager,
    adds or removes a position, renames one, or changes the targets: a layer count depends
    on every position above, so no smaller part can be re-checked."""
    if not org.has_reporting_lines:
        return ()
    chain = org.manager_map()
    title = {p: pos.title for p, pos in org.positions.items()}
    out = []
    for loop in cycles(chain):
        names = " → ".join(title[p] for p in [*loop, loop[0]])
        out.append(Finding(Severity.ERROR, REPORTING_CYCLE, _("Reporting cycle: {names}").format(names=names), "position", loop[0], tuple(loop[1:])))
    at_top = tops(chain)
    undeclared = [p for p in at_top if p not in org.info.tops]
    if len(at_top) > 1 and undeclared:
        names = some_names([title[p] for p in at_top])
        message = _("{n} positions report to nobody: {names} (declare them in `tops` if that is intended)").format(n=len(at_top), names=names)
        out.append(Finding(Severity.WARNING, SEVERAL_TOPS, message, "position", undeclared[0],
                           tuple(p for p in at_top if p != undeclared[0])))
    depth = layers(chain)
    if depth:
        deepest = max(depth, key=depth.__getitem__)  # the first in file order at the greatest depth
        if depth[deepest] > org.info.max_layers:
            message = _("{n} layers from the top down to {position} (target at most {target})").format(
                n=depth[deepest], position=title[deepest], target=org.info.max_layers)
            out.append(Finding(Severity.WARNING, TOO_MANY_LAYERS, message, "position", deepest))
    return tuple(out)


def _reporting_touched(change: Change, org: Org) -> set[Key]:
    """Subjects a position change touches through its reporting line."""
    before, after = change.before, change.after
    b = before if isinstance(before, Position) else None
    a = after if isinstance(after, Position) else None
    if b is not None and a is not None and (b.reports_to, b.holders, b.title) == (a.reports_to, a.holders, a.title):
        return set()
    out: set[Key] = set()
    for pos in (b, a):
        if pos is not None and pos.reports_to is not None:
            out.add(("position", pos.reports_to))  # its manager's span (and vacancy) changed
    if b is None or a is None or b.reports_to != a.reports_to or b.title != a.title:
        out.add(REPORTING)
    return out


# -- effort rules (issue 12): only for orgs that estimate effort (core/domain/effort.py) ------


def position_effort_findings(org: Org, pos: Position) -> tuple[Finding, ...]:
    """A position whose duties need more FTE than its holders give."""
    work = effort.position_work(org, pos)
    if work is None:
        return ()
    capacity = effort.position_capacity(pos)
    if not effort.over(work, capacity):
        return ()
    if len(pos.holders) > 1:
        template = _("Position {title} needs {work} FTE of duty work; its holders give {capacity} FTE")
    elif pos.holders:
        template = _("Position {title} needs {work} FTE of duty work; its holder gives {capacity} FTE")
    else:
        template = _("Position {title} needs {work} FTE of duty work; one hire would give {capacity} FTE")
    message = template.format(title=pos.title, work=f"{work:g}", capacity=f"{capacity:g}")
    return (Finding(Severity.WARNING, OVERWORKED_POSITION, message, "position", pos.id, tuple(sorted(pos.holders))),)


def single_point_findings(org: Org, duty_id: str, owners: tuple[str, ...]) -> tuple[Finding, ...]:
    """A duty whose every owner position is held by one and the same person alone."""
    person = _sole_holder(org, owners)
    if person is None:
        return ()
    name = org.people[person].name
    title = local_title(org.catalog.duties[duty_id])
    message = _("Only {name} does “{duty}”: if they leave, nobody does").format(name=name, duty=title)
    return (Finding(Severity.INFO, SINGLE_POINT, message, "duty", duty_id, (person, *owners)),)


def _sole_holder(org: Org, owners: tuple[str, ...]) -> str | None:
    """The one person holding every owner position, if there is exactly one (a duty shared
    by 5,000 positions is answered at its second holder, not after collecting all)."""
    only = None
    positions = org.positions
    for ident in owners:
        for holder in positions[ident].holders:
            if only is None:
                only = holder
            elif holder != only:
                return None
    return only


def person_effort_findings(org: Org, person_id: str) -> tuple[Finding, ...]:
    """A person whose share of duty work exceeds their capacity (checked only when their
    positions' FTE alone does not already overload them: one finding per person)."""
    work = effort.person_work(org, person_id)
    who = org.people[person_id]
    if work is None or not effort.over(work, who.capacity):
        return ()
    held = tuple(sorted(org.positions_of(person_id)))
    message = _("{name} has more duty work than capacity: {work} / {capacity} FTE").format(name=who.name, work=f"{work:g}", capacity=f"{who.capacity:g}")
    return (Finding(Severity.WARNING, OVERWORKED_PERSON, message, "person", person_id, held),)


def touched_subjects(changes: Iterable[Change], org: Org) -> set[Key]:
    """Every subject (kind, id) whose findings or rows may depend on these changes."""
    out: set[Key] = set()
    for change in changes:
        out |= _touched_by(change, org)
    return out


def _efforts_changed(before: object, after: object) -> bool:
    if not isinstance(before, OrgInfo) or not isinstance(after, OrgInfo):
        return True
    return (before.catalog_efforts, before.efforts) != (after.catalog_efforts, after.efforts)


def _touched_by_settings(change: Change, org: Org) -> set[Key]:
    """Span of control is org-wide; the comment holds conflicts; effort and span ranges
    concern every position."""
    out = {("department", d) for d in org.departments} | {("org", ""), REPORTING}
    b, a = change.before, change.after
    if not isinstance(b, OrgInfo) or not isinstance(a, OrgInfo) or \
            (b.span_of_control, b.min_span) != (a.span_of_control, a.min_span):
        out |= {("position", p) for p in org.positions}  # every manager's span range
    if _efforts_changed(b, a):
        out |= {("position", p) for p in org.positions} | {("person", p) for p in org.people}
    return out


def _touched_by(change: Change, org: Org) -> set[Key]:
    """Which subjects' findings can depend on the entity this change replaced."""
    out: set[Key] = set()
    if change.kind == "org":
        return _touched_by_settings(change, org)
    out.add((change.kind, change.id))
    before, after = change.before, change.after
    if change.kind == "position":
        out |= _reporting_touched(change, org)
    if isinstance(before, Person) and isinstance(after, Person) and before.name != after.name:
        # their name is in the single-point-of-failure finding of the duties they alone do
        out.update(("duty", d) for p in org.positions_of(change.id) for d in org.positions[p].duties)
    if isinstance(before, Position) and isinstance(after, Position) and before.holders == after.holders:
        # A duty moved in or out (the common drag): only those duties' owners changed, and
        # a renamed position changes the words of its duties' split findings.
        if before.title != after.title:
            out.update(("duty", d) for d in after.duties)
        out.update(("duty", d) for d in set(before.duties) ^ set(after.duties))
        if before.fte != after.fte or (org.uses_effort and before.duties != after.duties):
            out.update(("person", p) for p in after.holders)  # their share of work changed
        out.update({("department", before.department), ("department", after.department)})
        return out
    for entity in (before, after):
        if isinstance(entity, Position):
            out.update(("duty", d) for d in entity.duties)
            out.update(("person", p) for p in entity.holders)
            out.add(("department", entity.department))
        elif isinstance(entity, Department) and entity.parent is not None:
            out.add(("department", entity.parent))
    return out
