"""What every edit operation is: a request that plans a list of Changes against an org.

Operations never touch the org themselves: `plan()` checks the request and returns the
changes; the History applies them (and their inverses on undo). So there is exactly one
way an org changes, and every change can be undone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Any

from orgtui.core.domain.catalog import local_title
from orgtui.core.domain.ids import ID_PATTERN
from orgtui.core.domain.org import Change, Department, Org, Person, Position
from orgtui.core.i18n import N_, _
from orgtui.core.text import slug

MAX_NAME = 200
_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
_SURROGATE = re.compile("[\ud800-\udfff]")


class EditError(Exception):
    """The edit cannot be made; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class Planned:
    label: str
    changes: tuple[Change, ...]
    created: str | None = None  # id of the entity an Add… operation created


class Edit:
    def plan(self, org: Org) -> Planned:  # pragma: no cover - abstract
        raise NotImplementedError


# what a name is called in the messages below, marked here and translated where it is shown
NAME, TITLE, DEPARTMENT_NAME = N_("the name"), N_("the title"), N_("the department name")


def check_name(value: str, what: str = NAME) -> str:
    """`what` is one of NAME, TITLE, DEPARTMENT_NAME (the subject of the message)."""
    what = _(what)
    if not isinstance(value, str) or not value.strip():
        raise EditError(_("{what} cannot be empty").format(what=what))
    if len(value) > MAX_NAME:
        raise EditError(_("{what} is longer than {n} characters").format(what=what, n=MAX_NAME))
    if _SURROGATE.search(value):  # cannot be encoded as UTF-8, so the save would fail
        raise EditError(_("{what} contains characters that cannot be saved").format(what=what))
    return value


def check_number(value: Any, what: str, low: float, high: float, low_open: bool = False) -> float:
    """`what` names the number ("FTE", "capacity"), marked with N_ by the caller."""
    what = _(what)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise EditError(_("{what} must be a number").format(what=what))
    if value < low or (low_open and value == low) or value > high:
        template = _("{what} must be more than {low} and at most {high}") if low_open else \
            _("{what} must be at least {low} and at most {high}")
        raise EditError(template.format(what=what, low=f"{low:g}", high=f"{high:g}"))
    return float(value)


def department(org: Org, ident: str) -> Department:
    found = org.departments.get(ident)
    if found is None:
        raise EditError(_("there is no department {id}").format(id=repr(ident)))
    return found


def person(org: Org, ident: str) -> Person:
    found = org.people.get(ident)
    if found is None:
        raise EditError(_("there is no person {id}").format(id=repr(ident)))
    return found


def position(org: Org, ident: str) -> Position:
    found = org.positions.get(ident)
    if found is None:
        raise EditError(_("there is no position {id}").format(id=repr(ident)))
    return found


def duty_title(org: Org, ident: str) -> str:
    duty = org.catalog.duties.get(ident)
    if duty is None:
        raise EditError(_("there is no duty {id} in the catalog").format(id=repr(ident)))
    return local_title(duty)


def changed(kind: str, before: Any, **fields: Any) -> Change:
    return Change(kind, before.id, before, replace(before, **fields))  # type: ignore[arg-type]


def removed(org: Org, kind: str, before: Any) -> Change:
    return removals(org, kind, [before.id])[0]


def removals(org: Org, kind: str, ids: list[str]) -> list[Change]:
    """Changes removing several entities of one table, in this order.

    Each records its index at the moment it is removed (after the earlier removals), so
    undo, which restores them in reverse order, puts every one back exactly where it was.
    """
    table = org._table(kind)  # type: ignore[arg-type]
    original = {key: i for i, key in enumerate(table) if key in set(ids)}
    gone: list[int] = []
    out = []
    for ident in ids:
        index = original[ident] - sum(1 for g in gone if g < original[ident])
        gone.append(original[ident])
        out.append(Change(kind, ident, table[ident], None, index))  # type: ignore[arg-type]
    return out


def new_id(org: Org, name: str, table: dict[str, Any], requested: str | None, fallback: str) -> str:
    """A fresh id: the requested one if free, else a slug of the name made unique."""
    if requested is not None:
        if not isinstance(requested, str) or _ID.fullmatch(requested) is None:
            # the file format would refuse it, so the org could be saved but never reopened
            raise EditError(_("the id {id} is not valid: use letters, digits, '_', '.' or '-'").format(id=repr(requested)))
        if requested in table:
            raise EditError(_("the id {id} is already taken").format(id=repr(requested)))
        return requested
    base = slug(name, fallback)
    ident, n = base, 2
    while ident in table:
        ident, n = f"{base}_{n}", n + 1
    return ident
