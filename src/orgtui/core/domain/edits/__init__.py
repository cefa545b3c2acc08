"""Edit operations: the one way an org changes. See base.py for the contract."""

from orgtui.core.domain.edits.base import Edit, EditError, Planned
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
from orgtui.core.domain.edits.holders import AssignHolder, MoveHolder, UnassignHolder
from orgtui.core.domain.edits.reporting import SetDottedLines, SetManager
from orgtui.core.domain.edits.role_duties import GiveRoleDuties, RoleDuties, role_duties

__all__ = [
    "AddDepartment", "AddPerson", "AddPosition", "AssignDuty", "AssignHolder", "Batch", "Edit", "EditError", "GiveRoleDuties",
    "MoveDepartment", "MoveDuty", "MoveHolder", "MovePosition", "Planned", "RemoveDepartment",
    "RemovePerson", "RemovePosition", "RenameDepartment", "RenameOrg", "RenamePerson", "RenamePosition", "ResolveConflicts",
    "RoleDuties", "SetCapacity", "SetDottedLines", "SetFte", "SetManager", "SetRole", "SetSpanOfControl", "UnassignDuty",
    "UnassignHolder", "role_duties",
]
