"""A user's catalog file as pydantic models (read only when an org names such a file;
the bundled catalog is read by domain/catalog.py without them)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from orgtui.core.domain.catalog import MAX_EFFORT
from orgtui.core.domain.ids import ID_PATTERN


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


class CatalogIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    version: int = 1
    name: str = Field(default="Catalog", min_length=1, max_length=200)  # it is quoted in messages
    source: str = ""
    language: str = ""
    roles: list[_RoleIn] = Field(min_length=1)


TABLES = {"roles": _RoleIn}
