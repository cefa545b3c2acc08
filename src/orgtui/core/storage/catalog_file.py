"""Reading a user's catalog file: checked, with errors located by file and line.

(The bundled catalog is read by domain/catalog.py; test_catalog reads it here too.)"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from orgtui.core.domain.catalog import (
    MAX_EFFORT,
    Catalog,
    builtin_path,
    catalog_from_data,
)
from orgtui.core.domain.ids import ID_PATTERN
from orgtui.core.storage import tomlio
from orgtui.core.storage.load_errors import id_line, problems_from
from orgtui.core.storage.problems import LoadError, Problem, display_path


class _DutyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1, max_length=300)
    title_de: str = Field(default="", max_length=300)
    source: str = ""
    effort: float | None = Field(default=None, ge=0, le=MAX_EFFORT, allow_inf_nan=False)  # FTE, an estimate


class _RoleIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1, max_length=300)
    title_de: str = Field(default="", max_length=300)
    summary: str = ""
    duties: list[_DutyIn] = []


class _CatalogIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    version: int = 1
    name: str = "Catalog"
    source: str = ""
    language: str = ""
    roles: list[_RoleIn] = Field(min_length=1)


def load_catalog(path: Path | None = None) -> Catalog:
    """Load a catalog file (the built-in one when `path` is None); raises LoadError."""
    path = builtin_path() if path is None else path
    name = display_path(path)
    text, data = tomlio.load(path)
    try:
        parsed = _CatalogIn.model_validate(data)
    except ValidationError as exc:
        raise LoadError(problems_from(exc, data, name, text)) from None
    problems: list[Problem] = []
    seen: set[str] = set()
    for role in parsed.roles:
        if role.id in seen:
            problems.append(Problem(name, f"role id {role.id!r} is used twice", line=id_line(text, "roles", role.id)))
        seen.add(role.id)
        for duty in role.duties:
            if duty.id in seen:
                line = id_line(text, "roles.duties", duty.id)
                problems.append(Problem(name, f"duty id {duty.id!r} is used twice", line=line))
            seen.add(duty.id)
    if problems:
        raise LoadError(problems)
    return catalog_from_data(parsed.model_dump())
