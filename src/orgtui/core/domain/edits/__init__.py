"""Edit operations: the one way an org changes. See base.py for the contract.

Only the contract (`Edit`, `EditError`, `Planned`) is imported with the package: the
workspace and the history need it to open a file, while the operations themselves (two
dozen frozen dataclasses, ~10 ms to create at every start) are imported the first time
one is named here, e.g. `from orgtui.core.domain.edits import MoveDuty` (PEP 562).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from orgtui.core.domain.edits.base import Edit, EditError, Planned

if TYPE_CHECKING:
    from orgtui.core.domain.edits.batch import Batch
    from orgtui.core.domain.edits.duties import AssignDuty, MoveDuty, UnassignDuty
    from orgtui.core.domain.edits.entities import (
        AddDepartment,
        AddPerson,
        AddPosition,
        MoveDepartment,
        MovePosition,
        RemoveDepartment,
        RemovePerson,
        RemovePosition,
        RenameDepartment,
        RenameOrg,
        RenamePerson,
        RenamePosition,
        ResolveConflicts,
        SetCapacity,
        SetFte,
        SetRole,
        SetSpanOfControl,
    )
    from orgtui.core.domain.edits.holders import (
        AssignHolder,
        MoveHolder,
        UnassignHolder,
    )
    from orgtui.core.domain.edits.reporting import SetDottedLines, SetManager
    from orgtui.core.domain.edits.role_duties import GiveRoleDuties, RoleDuties

_MODULE_OF = {
    "Batch": "batch",
    **dict.fromkeys(("AssignDuty", "MoveDuty", "UnassignDuty"), "duties"),
    **dict.fromkeys(
        ("AddDepartment", "AddPerson", "AddPosition", "MoveDepartment", "MovePosition", "RemoveDepartment", "RemovePerson",
         "RemovePosition", "RenameDepartment", "RenameOrg", "RenamePerson", "RenamePosition", "ResolveConflicts",
         "SetCapacity", "SetFte", "SetRole", "SetSpanOfControl"),
        "entities",
    ),
    **dict.fromkeys(("AssignHolder", "MoveHolder", "UnassignHolder"), "holders"),
    **dict.fromkeys(("SetDottedLines", "SetManager"), "reporting"),
    # Not the function role_duties: it shares its name with its module, and once that module is
    # imported Python binds the package's attribute to the module, so a lazy name would give
    # the module or the function depending on what ran first. Import it from its module.
    **dict.fromkeys(("GiveRoleDuties", "RoleDuties"), "role_duties"),
}


def __getattr__(name: str) -> Any:
    where = _MODULE_OF.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
    globals()[name] = value  # once: later lookups find it without this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))


__all__ = [
    "AddDepartment", "AddPerson", "AddPosition", "AssignDuty", "AssignHolder", "Batch", "Edit", "EditError", "GiveRoleDuties",
    "MoveDepartment", "MoveDuty", "MoveHolder", "MovePosition", "Planned", "RemoveDepartment",
    "RemovePerson", "RemovePosition", "RenameDepartment", "RenameOrg", "RenamePerson", "RenamePosition", "ResolveConflicts",
    "RoleDuties", "SetCapacity", "SetDottedLines", "SetFte", "SetManager", "SetRole", "SetSpanOfControl", "UnassignDuty",
    "UnassignHolder",
]
