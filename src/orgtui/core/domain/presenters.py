"""What each row of the app says, computed without a screen (and tested here).

The UI turns these into styled rows; the words, marks and numbers come from here so they
are the same in every pane and can be checked in plain unit tests. Marks are characters,
not colours, so a monochrome terminal shows them too.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgtui.core.domain.catalog import local_title, other_title
from orgtui.core.domain.duty_status import DutyStatus, duty_status, ownership
from orgtui.core.domain.org import Org
from orgtui.core.i18n import _, ngettext
from orgtui.core.text import first_names

MARK_UNOWNED = "✗"
MARK_OWNED = "✓"
MARK_WARN = "!"
MARK_VACANT = "○"


@dataclass(frozen=True, slots=True)
class Row:
    """A row as parts: (text, style name) pairs; style names are the UI's to map."""

    parts: tuple[tuple[str, str], ...]

    @property
    def plain(self) -> str:
        return "".join(text for text, _style in self.parts)


def duty_row(org: Org, duty_id: str) -> Row:
    """A duty in the Roles pane: mark, title, and who owns it."""
    duty = org.catalog.duties[duty_id]
    title = local_title(duty)
    status = duty_status(org, duty_id)
    owners = org.owners(duty_id)
    if status is DutyStatus.UNOWNED:
        return Row(((f"{MARK_UNOWNED} ", "error"), (title, "error"), ("  " + _("UNOWNED"), "error")))
    # the first three titles in order, without sorting the thousands a shared duty has
    names = first_names((org.positions[p].title for p in owners), len(owners))
    if status is DutyStatus.OWNED:
        return Row(((f"{MARK_OWNED} ", "ok"), (title, ""), ("  → " + names, "dim")))
    note = _("vacant: ") if status is DutyStatus.VACANT else _("split: ")
    return Row(((f"{MARK_WARN} ", "warning"), (title, ""), ("  " + note + names, "warning")))


def role_row(org: Org, role_id: str) -> Row:
    role = org.catalog.roles[role_id]
    unowned = sum(1 for d in role.duties if not org.owners(d.id))
    tail = "  " + (_("{n} unowned").format(n=unowned) if unowned else _("all owned"))
    other = other_title(role)
    return Row(((local_title(role), "bold"), (f"  ({other})" if other else "", "dim"), (tail, "error" if unowned else "ok")))


def position_row(org: Org, position_id: str) -> Row:
    pos = org.positions[position_id]
    if pos.holders:
        names = ", ".join(org.people[h].name for h in pos.holders)
        who = (f"  {names}", "person")
    else:
        who = (f"  {MARK_VACANT} " + _("VACANT"), "warning")
    fte = f" {pos.fte:g} FTE" if pos.fte != 1 else ""
    duties = ngettext("{n} duty", "{n} duties", len(pos.duties)).format(n=len(pos.duties))
    return Row(((pos.title, "bold"), who, (f"  [{duties}{fte}]", "dim")))


def department_row(org: Org, department_id: str, add_key: str = "P") -> Row:
    """`add_key` is the key that adds a position (the user's keymap may move it): an empty
    department says what to press to fill it."""
    dept = org.departments[department_id]
    n = len(org.positions_in(department_id))
    if not n and not org.subdepartments(department_id):
        hint = _("no positions yet — {key} adds one").format(key=add_key)
        return Row(((dept.name, "department"), (f"  ({hint})", "dim")))
    return Row(((dept.name, "department"), ("  (" + ngettext("{n} position", "{n} positions", n).format(n=n) + ")", "dim")))


def owned_duty_row(org: Org, duty_id: str) -> Row:
    """A duty under a position in the Departments pane."""
    title = local_title(org.catalog.duties[duty_id])
    # Under a position the question is "does another position own it too?", whatever
    # the duty's one-word status (two vacancies sharing a duty are still split).
    if ownership(org, duty_id).split:
        return Row(((f"{MARK_WARN} ", "warning"), (title, ""), ("  " + _("(split)"), "warning")))
    return Row((("• ", "dim"), (title, "")))


def holder_row(org: Org, person_id: str) -> Row:
    return Row((("@ ", "dim"), (org.people[person_id].name, "person")))


def person_row(org: Org, person_id: str) -> Row:
    who = org.people[person_id]
    load = org.load_of(person_id)
    over = load > who.capacity + 1e-9
    loadtext = f"  {load:g} / {who.capacity:g} FTE"
    if over:
        return Row(((f"{MARK_WARN} ", "warning"), (who.name, "person"), (loadtext + "  " + _("OVER CAPACITY"), "warning")))
    if not org.positions_of(person_id):
        return Row(((who.name, "person"), ("  " + _("no position"), "dim")))
    return Row(((who.name, "person"), (loadtext, "dim")))


def held_position_row(org: Org, position_id: str) -> Row:
    pos = org.positions[position_id]
    dept = org.departments[pos.department].name
    return Row(((pos.title, ""), (f"  {pos.fte:g} FTE · {dept}", "dim")))

