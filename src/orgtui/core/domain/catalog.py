"""The catalog: roles and the duties the reference document gives each of them.

The bundled catalog ships with orgtui and is read here, without the checks a user's
catalog file gets (storage/catalog_file.py reads those, with located errors; a test reads
the bundled one that way too and compares).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orgtui.core.i18n import language

try:  # the mypyc-compiled twin of tomllib (the org file's parser too): ~3× faster on roles.toml
    import tomli as tomllib
except ImportError:  # pragma: no cover - tomli is a declared dependency
    import tomllib  # type: ignore[no-redef]

BUILTIN = "builtin"  # what an org file's `catalog` says for the bundled catalog
MAX_EFFORT = 100.0  # FTE one duty can take (a large service team's complaints, say)


@dataclass(frozen=True, slots=True)
class Duty:
    id: str
    role: str
    title: str
    title_de: str
    source: str
    effort: float | None = None  # estimated FTE (see roles.toml); None: not estimated


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


def local_title(item: Duty | Role) -> str:
    """A duty's or role's title in the language the user speaks (the one place that picks)."""
    return item.title_de if language() == "de" else item.title


def other_title(item: Duty | Role) -> str:
    """The title in the other language, shown beside it ("" when both are the same)."""
    other = item.title if language() == "de" else item.title_de
    return "" if other == local_title(item) else other


def catalog_from_data(data: dict[str, Any]) -> Catalog:
    """A catalog from a catalog file's checked data (the tables of `roles.toml`)."""
    roles = []
    for role in data["roles"]:
        title = role["title"]
        duties = tuple(
            Duty(d["id"], role["id"], d["title"], d.get("title_de") or d["title"], d.get("source", ""), d.get("effort"))
            for d in role.get("duties", ())
        )
        roles.append(Role(role["id"], title, role.get("title_de") or title, role.get("summary", ""), duties))
    return Catalog(data.get("name", "Catalog"), roles)


# The package's own folder (orgtui/), found from this file rather than with
# importlib.resources, whose first use imports zipfile and its readers (~5 ms of every
# start); the data files are plain files in it (pyproject's package data).
PACKAGE = Path(__file__).parent.parent.parent


def builtin_path() -> Path:
    return PACKAGE / "data" / "roles.toml"


def bundled_sample_path() -> Path:
    """The sample org that `orgtui` opens when no file is named."""
    return PACKAGE / "data" / "sample.toml"


_builtin: Catalog | None = None


def builtin_catalog() -> Catalog:
    """The bundled catalog, read once per process."""
    global _builtin
    if _builtin is None:
        _builtin = catalog_from_data(tomllib.loads(builtin_path().read_text(encoding="utf-8")))
    return _builtin
