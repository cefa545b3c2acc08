"""Which part of an org a chart shows: all of it, the subtree under a position
(`--root`), the positions of a department and its sub-departments (`--department`), or
both at once (the subtree, within the department)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from orgtui.core.domain.org import Org
from orgtui.core.i18n import _
from orgtui.core.text import visible


class ScopeError(ValueError):
    """An id the org does not have; the message names it."""


@dataclass(frozen=True)
class ChartScope:
    root: str | None = None  # a position id
    department: str | None = None  # a department id

    @property
    def whole(self) -> bool:
        return self.root is None and self.department is None


def check_scope(org: Org, scope: ChartScope) -> None:
    """Raise ScopeError naming an id that is not in the org."""
    if scope.root is not None and scope.root not in org.positions:
        raise ScopeError(_("there is no position with the id {id!r}").format(id=visible(scope.root)))
    if scope.department is not None and scope.department not in org.departments:
        raise ScopeError(_("there is no department with the id {id!r}").format(id=visible(scope.department)))
    if scope.root is not None and scope.department is not None:
        home = org.positions[scope.root].department
        if home != scope.department and scope.department not in org.ancestors(home):
            raise ScopeError(_("the position {position!r} is not in the department {department!r} or below it").format(
                position=visible(scope.root), department=visible(scope.department)))


def _tree_order(starts: list[str], children: Callable[[str], Sequence[str]]) -> list[str]:
    """Each start and everything below it, depth first in the given order; a cycle is walked once."""
    out: list[str] = []
    seen: set[str] = set()
    todo = list(reversed(starts))
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        out.append(node)
        todo.extend(reversed(children(node)))
    return out


def departments_in(org: Org, department: str | None) -> list[str]:
    """The department and everything below it, in tree order (all, for None)."""
    starts = [department] if department is not None else list(org.subdepartments(None))
    return _tree_order(starts, org.subdepartments)


def subtree(org: Org, root: str) -> list[str]:
    """The position and everyone reporting to it, directly or not (a cycle is walked once)."""
    return _tree_order([root], org.reports_of)


def positions_in_scope(org: Org, scope: ChartScope) -> set[str]:
    check_scope(org, scope)
    chosen = set(org.positions)
    if scope.department is not None:
        chosen = {p for d in departments_in(org, scope.department) for p in org.positions_in(d)}
    if scope.root is not None:
        chosen &= set(subtree(org, scope.root))
    return chosen
