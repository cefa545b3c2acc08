"""The org file format (docs/org-file.md) as pydantic models, and the checks across tables.

Pydantic checks each value; `check_references` then checks what pydantic cannot see:
duplicate ids, references to unknown departments, people, roles or duties, and cycles.
Every problem is collected, so a user fixes a file in one pass instead of one error a run.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from orgtui.core.domain.catalog import MAX_EFFORT, Catalog
from orgtui.core.domain.ids import ID_PATTERN
from orgtui.core.i18n import _
from orgtui.core.storage.load_errors import IdLines, shown
from orgtui.core.storage.load_problems import (
    MAX_LISTED_PER_FILE,
    Problem,
    more_problems,
)

# 2 added effort (`catalog_efforts`, [efforts]); 3 added reporting lines (`reports_to`,
# `dotted_to`, `min_span`, `max_layers`, `tops`). A file is written with the lowest format
# that holds what it uses, so older files keep their bytes.
FORMAT_VERSION = 3

Id = Annotated[str, Field(pattern=ID_PATTERN)]
def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError(_("must not be blank"))
    return value


Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_not_blank)]


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(_("must be a finite number"))
    return value


# Strict floats still take whole numbers (`capacity = 1`) but refuse strings and booleans.
Capacity = Annotated[float, Field(ge=0, le=2), AfterValidator(_finite)]
Fte = Annotated[float, Field(gt=0, le=1), AfterValidator(_finite)]
Effort = Annotated[float, Field(ge=0, le=MAX_EFFORT), AfterValidator(_finite)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class DepartmentIn(_Strict):
    id: Id
    name: Name
    parent: Id | None = None


class PersonIn(_Strict):
    id: Id
    name: Name
    capacity: Capacity = 1.0


class PositionIn(_Strict):
    id: Id
    title: Name
    department: Id
    role: Id | None = None
    holders: list[Id] = []
    fte: Fte = 1.0
    duties: list[Id] = []
    reports_to: Id | None = None
    dotted_to: list[Id] = []


class OrgFileIn(_Strict):
    format: Annotated[int, Field(ge=1)]
    name: Name
    catalog: str = "builtin"
    span_of_control: Annotated[int, Field(ge=1, le=1000)] = 8
    catalog_efforts: bool = False  # use the catalog's effort estimates
    efforts: dict[Id, Effort] = {}  # duty id -> FTE, overriding the catalog
    min_span: Annotated[int, Field(ge=0, le=1000)] = 2
    max_layers: Annotated[int, Field(ge=1, le=1000)] = 6
    tops: list[Id] = []  # positions meant to report to nobody (more than one is then no warning)
    departments: list[DepartmentIn] = []
    people: list[PersonIn] = []
    positions: list[PositionIn] = []


TABLES: dict[str, type[BaseModel]] = {"departments": DepartmentIn, "people": PersonIn, "positions": PositionIn}


def check_references(org: OrgFileIn, catalog: Catalog, name: str, lines: IdLines) -> list[Problem]:
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
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                add(table, item.id, _("id {id} is used by more than one entry in [[{table}]]").format(id=repr(item.id), table=table))
            seen.add(item.id)

    departments = {d.id: d for d in org.departments}
    people = {p.id for p in org.people}
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

    for pos in org.positions:
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
    for top in _unknown(org.tops, {p.id for p in org.positions}):
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


def _check_reporting(org: OrgFileIn, add: Callable[[str, str, str], None]) -> None:
    """Reporting lines that name no position (a cycle loads: it is a finding to fix)."""
    positions = {p.id for p in org.positions}
    for pos in org.positions:
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


def _unknown(ids: list[str], known: Any) -> list[str]:
    return [i for i in dict.fromkeys(ids) if i not in known]


def _twice(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    dup = [i for i in ids if i in seen or seen.add(i)]  # type: ignore[func-returns-value]
    return list(dict.fromkeys(dup))
