"""The org file format (docs/org-file.md): its version, and the checks across tables.

Each value is checked as it is read (org_entries.py); `check_references` then checks what
one value alone cannot show: duplicate ids, references to unknown departments, people,
roles or duties, and cycles. Every problem is collected, so a user fixes a file in one
pass instead of one error a run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any

from orgtui.core.domain.catalog import Catalog
from orgtui.core.i18n import _
from orgtui.core.storage.load_errors import IdLines, shown
from orgtui.core.storage.load_problems import (
    MAX_LISTED_PER_FILE,
    Problem,
    more_problems,
)
from orgtui.core.storage.org_entries import OrgEntries

# 2 added effort (`catalog_efforts`, [efforts]); 3 added reporting lines (`reports_to`,
# `dotted_to`, `min_span`, `max_layers`, `tops`). A file is written with the lowest format
# that holds what it uses, so older files keep their bytes.
FORMAT_VERSION = 3
_ID_OF = attrgetter("id")


def check_references(org: OrgEntries, catalog: Catalog, name: str, lines: IdLines) -> list[Problem]:
    """Every problem across tables: the first MAX_LISTED_PER_FILE located, the rest counted."""
    problems: list[Problem] = []
    hidden = 0
    catalog_name = shown(catalog.name)  # a catalog's name could be long; it is in every message

    def add(table: str, ident: str, message: str) -> None:
        nonlocal hidden
        if len(problems) >= MAX_LISTED_PER_FILE:
            hidden += 1
            return
        problems.append(Problem(name, message, line=lines.line(table, ident), where=f"{table} (id {ident!r})"))

    for table, items in (("departments", org.departments), ("people", org.people), ("positions", org.positions)):
        if len(set(map(_ID_OF, items))) == len(items):
            continue  # no id twice (one pass in C; the loop below says which)
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                add(table, item.id, _("id {id} is used by more than one entry in [[{table}]]").format(id=repr(item.id), table=table))
            seen.add(item.id)

    departments = {d.id: d for d in org.departments}
    people = set(map(_ID_OF, org.people))
    for dept in org.departments:
        if dept.parent is not None and dept.parent not in departments:
            add("departments", dept.id, _("parent {id} is not a department in this file").format(id=repr(dept.parent)))
    reported: set[str] = set()
    for dept in org.departments:  # a parent chain that comes back to itself
        chain, cursor = [], dept.id
        while cursor in departments and cursor not in chain:
            chain.append(cursor)
            cursor = departments[cursor].parent  # type: ignore[assignment]
        if cursor in chain and cursor not in reported:
            loop = chain[chain.index(cursor):]
            reported.update(loop)
            add("departments", cursor, _("departments form a cycle: {cycle}").format(cycle=" -> ".join(loop + [cursor])))

    known_duties, roles = catalog.duties.keys(), catalog.roles
    for pos in org.positions:
        holders, duties = pos.holders, pos.duties
        if pos.department in departments and (pos.role is None or pos.role in roles) \
                and people.issuperset(holders) and known_duties >= set(duties) \
                and len(set(holders)) == len(holders) and len(set(duties)) == len(duties):
            continue  # nothing wrong (checked at C speed; the lines below say what is)
        if pos.department not in departments:
            add("positions", pos.id, _("department {id} is not a department in this file").format(id=repr(pos.department)))
        if pos.role is not None and pos.role not in catalog.roles:
            add("positions", pos.id, _("role {id} is not in the catalog {catalog}").format(id=repr(pos.role), catalog=catalog_name))
        for person in _unknown(pos.holders, people):
            add("positions", pos.id, _("holder {id} is not a person in this file").format(id=repr(person)))
        for person in _twice(pos.holders):
            add("positions", pos.id, _("holder {id} is listed twice").format(id=repr(person)))
        for duty in _unknown(pos.duties, catalog.duties):
            add("positions", pos.id, _("duty {id} is not in the catalog {catalog}").format(id=repr(duty), catalog=catalog_name))
        for duty in _twice(pos.duties):
            add("positions", pos.id, _("duty {id} is listed twice").format(id=repr(duty)))
    _check_reporting(org, add)
    for top in _unknown(org.tops, set(map(_ID_OF, org.positions))):
        if len(problems) >= MAX_LISTED_PER_FILE:
            hidden += 1
            continue
        line = _key_line(lines.text, "tops", bare=True)
        problems.append(Problem(name, _("tops: {id} is not a position in this file").format(id=repr(top)), line=line, where="tops"))
    for duty in _unknown(list(org.efforts), catalog.duties):
        if len(problems) >= MAX_LISTED_PER_FILE:
            hidden += 1
            continue
        line = _key_line(lines.text, duty)
        problems.append(Problem(name, _("effort for {id}: not a duty in the catalog {catalog}").format(id=repr(duty), catalog=catalog_name), line=line, where="efforts"))
    return problems + ([more_problems(name, hidden)] if hidden else [])


def _check_reporting(org: OrgEntries, add: Callable[[str, str, str], None]) -> None:
    """Reporting lines that name no position (a cycle loads: it is a finding to fix)."""
    positions = set(map(_ID_OF, org.positions))
    for pos in org.positions:
        if (pos.reports_to is None or (pos.reports_to in positions and pos.reports_to != pos.id)) and not pos.dotted_to:
            continue  # the common case: nothing to look at
        if pos.reports_to is not None and pos.reports_to not in positions:
            add("positions", pos.id, _("reports_to {id} is not a position in this file").format(id=repr(pos.reports_to)))
        elif pos.reports_to == pos.id:
            add("positions", pos.id, _("reports_to names the position itself"))
        for other in _unknown(pos.dotted_to, positions):
            add("positions", pos.id, _("dotted_to {id} is not a position in this file").format(id=repr(other)))
        for other in _twice(pos.dotted_to):
            add("positions", pos.id, _("dotted_to {id} is listed twice").format(id=repr(other)))
        if pos.id in pos.dotted_to:
            add("positions", pos.id, _("dotted_to names the position itself"))


def _key_line(text: str, key: str, bare: bool = False) -> int | None:
    """The line of `"key" = …` in the [efforts] table (`key = …` when bare)."""
    starts = (f"{key} ", f"{key}=") if bare else (f'"{key}"', f"'{key}'")
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(starts):
            return number
    return None


def _unknown(ids: Iterable[str], known: Any) -> list[str]:
    return [i for i in dict.fromkeys(ids) if i not in known]


def _twice(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dup = [i for i in ids if i in seen or seen.add(i)]  # type: ignore[func-returns-value]
    return list(dict.fromkeys(dup))
