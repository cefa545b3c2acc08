"""The catalog: roles and the duties the reference document gives each of them.

Reading a catalog file (and the bundled one) is storage's job: core/storage/catalog_file.py.
"""

from __future__ import annotations

from dataclasses import dataclass

BUILTIN = "builtin"  # what an org file's `catalog` says for the bundled catalog


@dataclass(frozen=True, slots=True)
class Duty:
    id: str
    role: str
    title: str
    title_de: str
    source: str


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    title: str
    title_de: str
    summary: str
    duties: tuple[Duty, ...]


class Catalog:
    """Roles in document order, and every duty by id."""

    def __init__(self, name: str, roles: list[Role]) -> None:
        self.name = name
        self.roles: dict[str, Role] = {r.id: r for r in roles}
        self.duties: dict[str, Duty] = {d.id: d for r in roles for d in r.duties}

    def __repr__(self) -> str:
        return f"Catalog({self.name!r}, {len(self.roles)} roles, {len(self.duties)} duties)"
