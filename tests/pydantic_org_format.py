"""The org file format as the pydantic models that checked it before org_entries.py: the
oracle tests/test_org_entries.py compares the hand-written checker with (same verdicts,
same problems in the same words and order)."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from orgtui.core.domain.catalog import MAX_EFFORT
from orgtui.core.domain.ids import ID_PATTERN

Id = Annotated[str, Field(pattern=ID_PATTERN)]
def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_not_blank)]


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
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
