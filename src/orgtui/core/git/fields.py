"""The fields of each entity that `diff` and `merge` compare: one table for both.

A field listed here is compared on its own: diff names a change of it, merge merges it
three-way (one side changed it: that side's value; both, differently: a conflict).
What is not listed is structure: `id` matches entities across versions, and a position's
`holders` and `duties` are sets of pairs, diffed and merged per person and per duty.
A field added to an entity must be added here, or neither diff nor merge would see it
(tests/test_merge.py holds the dataclasses to this table).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from orgtui.core.domain.org import Org

KINDS = ("department", "person", "position")


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # the entity's attribute
    change: str  # how diff names a change of it ("renamed", "moved", ...)
    refers_to: str | None = None  # "department", "role" or "position": the value is the id of one (or a tuple of ids)
    label: str = ""  # how a conflict names the field, when not its attribute name

    @property
    def called(self) -> str:
        return self.label or self.name


ENTITY_FIELDS: dict[str, tuple[Field, ...]] = {
    # The first field is the entity's name (a position's title): what messages call it.
    "department": (Field("name", "renamed"), Field("parent", "moved", "department")),
    "person": (Field("name", "renamed"), Field("capacity", "capacity")),
    "position": (
        Field("title", "renamed"),
        Field("department", "moved", "department"),
        Field("role", "role", "role"),
        Field("fte", "fte"),
        Field("reports_to", "manager", "position", "manager"),
        Field("dotted_to", "dotted", "position", "dotted lines"),
    ),
}

# The ids that are matched, and the sets of pairs merged per member, not as fields.
STRUCTURE: dict[str, tuple[str, ...]] = {"department": ("id",), "person": ("id",),
                                         "position": ("id", "holders", "duties")}


def name_of(kind: str, entity: Any) -> str:
    """What an entity is called: a department's or person's name, a position's title."""
    return str(getattr(entity, ENTITY_FIELDS[kind][0].name))


def entities(org: Org, kind: str) -> dict[str, Any]:
    """The org's table of KIND (departments, people or positions), by id."""
    tables: dict[str, dict[str, Any]] = {"department": org.departments, "person": org.people,
                                         "position": org.positions}
    return tables[kind]


def field_names(kind: str) -> tuple[str, ...]:
    return tuple(f.name for f in ENTITY_FIELDS[kind])
