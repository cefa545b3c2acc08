"""What the detail panel says about the selected row: everything about one duty, position,
person, department or role, computed without a screen.

A row in a pane says as much as fits in one line; here is the rest: a duty's title in the
user's language and in the other one and the article's sentence it comes from (roles.toml `title_de`, `source`),
its role, owners and their holders, and its findings; a position's department, role
template, holders with FTE, duties and reporting line; a person's positions and load; a
department's path, positions and span. The UI wraps and styles these rows; the words
come from here.

Cost: one entity and its direct neighbours, never a walk over the org. Long lists (a duty
shared by 480 positions, a department with 2,000 positions) show their first `MOST` and
how many more.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgtui.core.domain.catalog import Duty, Role, local_title
from orgtui.core.domain.duty_status import DutyStatus, duty_status
from orgtui.core.domain.effort import over, person_work, position_work
from orgtui.core.domain.org import Org
from orgtui.core.domain.presenters import (
    MARK_OWNED,
    MARK_UNOWNED,
    MARK_VACANT,
    MARK_WARN,
    Row,
)
from orgtui.core.domain.validator import Finding, Severity, Validator, span_of
from orgtui.core.i18n import _, language, ngettext

MOST = 12  # entries of one list before "and N more"
FINDING_MARKS = {Severity.ERROR: (MARK_UNOWNED, "error"), Severity.WARNING: (MARK_WARN, "warning"), Severity.INFO: ("i", "dim")}


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Details:
    title: str
    kind: str
    """What it is, in words ("Duty", "Position", ...), shown over the title."""
    sections: tuple[Section, ...]

    @property
    def plain(self) -> str:
        """Everything it says, as text (tests, and a terminal without styles)."""
        lines = [self.kind, self.title]
        for section in self.sections:
            if section.heading:
                lines.append(section.heading)
            lines.extend(row.plain for row in section.rows)
        return "\n".join(lines)


def _text(text: str, style: str = "") -> Row:
    return Row(((text, style),))


def _more(total: int, shown: int) -> tuple[Row, ...]:
    if total <= shown:
        return ()
    return (_text(_("… and {n} more").format(n=total - shown), "dim"),)


def _fte(value: float) -> str:
    return f"{value:g} FTE"


def _findings(v: Validator, kind: str, ident: str) -> Section:
    found: tuple[Finding, ...] = v.about(kind, ident)
    if not found:
        return Section(_("Findings"), (Row(((f"{MARK_OWNED} ", "ok"), (_("none"), "")),),))
    rows = []
    for f in found[:MOST]:
        mark, style = FINDING_MARKS[f.severity]
        rows.append(Row(((f"{mark} ", style), (f.message, style if f.severity is Severity.ERROR else ""))))
    return Section(_("Findings"), (*rows, *_more(len(found), MOST)))


def _holders(org: Org, position_id: str) -> tuple[Row, ...]:
    pos = org.positions[position_id]
    if not pos.holders:
        return (Row(((f"  {MARK_VACANT} ", "warning"), (_("VACANT"), "warning"))),)
    return tuple(Row((("  @ ", "dim"), (org.people[h].name, "person"))) for h in pos.holders)


def department_path(org: Org, department_id: str) -> str:
    names = [org.departments[d].name for d in reversed(org.ancestors(department_id)) if d in org.departments]
    return " › ".join([*names, org.departments[department_id].name])


def _other_language(item: Duty | Role) -> Row:
    """The title in the language the panel's title is not in (both are always shown)."""
    if language() == "de":
        return Row(((_("English: "), "dim"), (item.title, "")))
    return Row(((_("German: "), "dim"), (item.title_de, "")))


def _position_line(org: Org, position_id: str) -> Row:
    pos = org.positions[position_id]
    dept = org.departments[pos.department].name if pos.department in org.departments else pos.department
    return Row(((pos.title, "bold"), (f"  · {dept}", "dim")))


# -- one function per kind of row ----------------------------------------------------------


def duty_details(org: Org, v: Validator, duty_id: str) -> Details:
    duty = org.catalog.duties[duty_id]
    role = org.catalog.roles[duty.role]
    titles = Section("", (_other_language(duty), Row(((_("Role: "), "dim"), (local_title(role), "bold")))))
    effort = org.effort(duty_id)
    if effort is not None:
        titles = Section("", (*titles.rows, Row(((_("Effort: "), "dim"), (_fte(effort), "")))))
    source = Section(_("From the article"), (_text(f"„{duty.source}“" if duty.source else _("(no source sentence)"),
                                                   "" if duty.source else "dim"),))
    owners = org.owners(duty_id)
    status = duty_status(org, duty_id)
    if status is DutyStatus.UNOWNED:
        owner_rows: tuple[Row, ...] = (Row(((f"{MARK_UNOWNED} ", "error"), (_("UNOWNED: nobody owns this duty"), "error"))),)
    else:
        listed = []
        for p in owners[:MOST]:
            listed.append(_position_line(org, p))
            listed.extend(_holders(org, p))
        owner_rows = (*listed, *_more(len(owners), MOST))
    heading = _("Owners ({n})").format(n=len(owners)) if owners else _("Owners")
    return Details(local_title(duty), _("Duty"), (titles, source, Section(heading, owner_rows), _findings(v, "duty", duty_id)))


def position_details(org: Org, v: Validator, position_id: str) -> Details:
    pos = org.positions[position_id]
    facts = [Row(((_("Department: "), "dim"), (department_path(org, pos.department) if pos.department in org.departments
                                                else pos.department, "department")))]
    role = org.catalog.roles.get(pos.role) if pos.role else None
    facts.append(Row(((_("Role template: "), "dim"), (local_title(role) if role else _("none"), "" if role else "dim"))))
    facts.append(Row(((_("FTE per holder: "), "dim"), (_fte(pos.fte), ""))))
    work = position_work(org, pos)
    if work is not None:
        facts.append(Row(((_("Work from its duties: "), "dim"), (_fte(work), ""))))
    holders = []
    if not pos.holders:
        holders.append(Row(((f"{MARK_VACANT} ", "warning"), (_("VACANT"), "warning"))))
    for h in pos.holders[:MOST]:
        who = org.people[h]
        load = org.load_of(h)
        style = "warning" if over(load, who.capacity) else "dim"
        holders.append(Row(((who.name, "person"), (f"  {_fte(pos.fte)} · " + _("load {load} / {capacity} FTE").format(
            load=f"{load:g}", capacity=f"{who.capacity:g}"), style))))
    holders.extend(_more(len(pos.holders), MOST))
    duties = [_owned_duty(org, d) for d in pos.duties[:MOST]] or [_text(_("none"), "dim")]
    duties.extend(_more(len(pos.duties), MOST))
    sections = [
        Section("", tuple(facts)),
        Section(_("Holders ({n})").format(n=len(pos.holders)) if pos.holders else _("Holders"), tuple(holders)),
        Section(_("Duties ({n})").format(n=len(pos.duties)) if pos.duties else _("Duties"), tuple(duties)),
    ]
    lines = reporting_section(org, position_id)
    if lines is not None:
        sections.append(lines)
    sections.append(_findings(v, "position", position_id))
    return Details(pos.title, _("Position"), tuple(sections))


def _owned_duty(org: Org, duty_id: str) -> Row:
    duty = org.catalog.duties.get(duty_id)
    if duty is None:
        return _text(duty_id, "dim")
    if org.owner_count(duty_id) > 1:
        return Row(((f"{MARK_WARN} ", "warning"), (local_title(duty), ""), ("  " + _("(split)"), "warning")))
    return Row((("• ", "dim"), (local_title(duty), "")))


def reporting_section(org: Org, position_id: str) -> Section | None:
    """Whom the position reports to and who reports to it; None in an org without lines."""
    pos = org.positions[position_id]
    reports = org.reports_of(position_id)
    if pos.reports_to is None and not reports and not org.has_reporting_lines:
        return None
    rows = []
    manager = org.positions.get(pos.reports_to) if pos.reports_to else None
    if manager is not None:
        names = ", ".join(org.people[h].name for h in manager.holders[:3]) or MARK_VACANT + " " + _("VACANT")
        rows.append(Row(((_("Reports to: "), "dim"), (manager.title, "bold"), (f"  {names}", "person" if manager.holders else "warning"))))
    else:
        rows.append(Row(((_("Reports to: "), "dim"), (_("nobody (a top)"), "dim"))))
    if reports:
        rows.append(_text(ngettext("{n} direct report, span {span}", "{n} direct reports, span {span}", len(reports)).format(
            n=len(reports), span=span_of(org, position_id)), "dim"))
        rows.extend(_position_line(org, r) for r in reports[:MOST])
        rows.extend(_more(len(reports), MOST))
    return Section(_("Reporting line"), tuple(rows))


def person_details(org: Org, v: Validator, person_id: str) -> Details:
    who = org.people[person_id]
    load = org.load_of(person_id)
    overloaded = over(load, who.capacity)
    facts = [Row(((_("Load: "), "dim"), (f"{load:g} / {who.capacity:g} FTE", "warning" if overloaded else ""),
                  ("  " + _("OVER CAPACITY") if overloaded else "", "warning")))]
    work = person_work(org, person_id)
    if work is not None:
        facts.append(Row(((_("Work from duties: "), "dim"), (f"{work:g} / {who.capacity:g} FTE",
                                                             "warning" if over(work, who.capacity) else ""))))
    held = org.positions_of(person_id)
    positions: list[Row] = []
    for p in held[:MOST]:
        pos = org.positions[p]
        dept = org.departments[pos.department].name if pos.department in org.departments else pos.department
        duties = ngettext("{n} duty", "{n} duties", len(pos.duties)).format(n=len(pos.duties))
        positions.append(Row(((pos.title, "bold"), (f"  {_fte(pos.fte)} · {dept} · {duties}", "dim"))))
    if not held:
        positions.append(_text(_("no position"), "dim"))
    positions.extend(_more(len(held), MOST))
    heading = _("Positions ({n})").format(n=len(held)) if held else _("Positions")
    return Details(who.name, _("Person"), (Section("", tuple(facts)), Section(heading, tuple(positions)),
                                           _findings(v, "person", person_id)))


def department_details(org: Org, v: Validator, department_id: str) -> Details:
    dept = org.departments[department_id]
    direct = org.positions_in(department_id)
    span = org.info.span_of_control
    facts = (
        Row(((_("Path: "), "dim"), (department_path(org, department_id), "department"))),
        Row(((_("Span: "), "dim"), (_("{n} direct positions (span of control {span})").format(n=len(direct), span=span),
                                    "warning" if len(direct) > span and not org.has_reporting_lines else ""))),
    )
    positions: list[Row] = []
    for p in direct[:MOST]:
        pos = org.positions[p]
        names = ", ".join(org.people[h].name for h in pos.holders[:3])
        positions.append(Row(((pos.title, "bold"), (f"  {names}", "person") if names else
                              (f"  {MARK_VACANT} " + _("VACANT"), "warning"))))
    if not direct:
        positions.append(_text(_("none"), "dim"))
    positions.extend(_more(len(direct), MOST))
    subs = org.subdepartments(department_id)
    sections = [Section("", facts), Section(_("Positions"), tuple(positions))]
    if subs:
        rows = [_text(org.departments[d].name, "department") for d in subs[:MOST]]
        sections.append(Section(_("Departments in it"), (*rows, *_more(len(subs), MOST))))
    sections.append(_findings(v, "department", department_id))
    return Details(dept.name, _("Department"), tuple(sections))


def role_details(org: Org, role_id: str) -> Details:
    role = org.catalog.roles[role_id]
    sections = [Section("", (_other_language(role),))]
    if role.summary:
        sections.append(Section(_("Summary"), (_text(role.summary),)))
    rows = []
    for duty in role.duties:
        owned = org.owner_count(duty.id)
        rows.append(Row(((f"{MARK_OWNED} ", "ok") if owned else (f"{MARK_UNOWNED} ", "error"),
                         (local_title(duty), "" if owned else "error"))))
    sections.append(Section(_("Duties ({n})").format(n=len(role.duties)), tuple(rows)))
    return Details(local_title(role), _("Role"), tuple(sections))


def details_of(org: Org, v: Validator, kind: str, ident: str) -> Details | None:
    """The details of what a row shows (kind as the panes name rows), or None if it is gone."""
    if kind == "duty" and ident in org.catalog.duties:
        return duty_details(org, v, ident)
    if kind == "role" and ident in org.catalog.roles:
        return role_details(org, ident)
    if kind in ("position", "held") and ident in org.positions:
        return position_details(org, v, ident)
    if kind in ("person", "holder") and ident in org.people:
        return person_details(org, v, ident)
    if kind == "department" and ident in org.departments:
        return department_details(org, v, ident)
    return None
