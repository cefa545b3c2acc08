"""What moving something means: which edit a drop or an `m` makes, what must be asked
first, or why it is refused. (A position dropped on a position reports to it: `t` is
the keyboard way of that drop.)

One planner for the mouse and the keyboard. A drag ends in `plan_drop(org, item,
target)`; `m` asks `source_choice` first (before it shows the target picker), then calls
`plan_drop` with the target the user picked. Both therefore ask the same question when
there is one ("“Pricing” is split: move it away from which position?"), and both end in
the same single, undoable edit. The rules are tested here without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from orgtui.core.domain.catalog import local_title
from orgtui.core.domain.edits import (
    Batch,
    Edit,
    EditError,
    MoveDepartment,
    MoveDuty,
    MoveHolder,
    MovePosition,
    SetManager,
    UnassignDuty,
    UnassignHolder,
)
from orgtui.core.domain.edits.role_duties import (
    GiveRoleDuties,
    RoleDuties,
    Scope,
    role_duties,
)
from orgtui.core.domain.org import Change, Org
from orgtui.core.i18n import _, ngettext


@dataclass(frozen=True, slots=True)
class DragItem:
    """What is moved. For a duty, `source=None` means "wherever it is now": from its one
    owner, assigned if it has none, and a question if it has several."""

    kind: Literal["duty", "person", "position", "department", "role"]
    id: str
    source: str | None = None  # the position a duty or holder is dragged out of


@dataclass(frozen=True, slots=True)
class DropTarget:
    kind: Literal["position", "department", "catalog", "people"]
    id: str | None = None  # for a department target, None is the top level


# -- the three answers -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ready:
    """One edit to make; `label` says what it does ("Move Pricing from A to B")."""

    edit: Edit
    label: str

    ok = True  # a drag shows `says` as what the drop would do, or why it cannot be done

    @property
    def says(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class Refused:
    reason: str

    ok = False

    @property
    def says(self) -> str:
        return self.reason


@dataclass(frozen=True, slots=True)
class NeedsChoice:
    """The move is possible, but only the user knows which owner it leaves.

    `sources` are the positions to choose from (`options` adds what to show for each);
    `with_source(id)` is the item to plan again once one is chosen. `preview` is what a
    drag shows while hovering (the options are only built when the question is asked:
    a duty can have thousands of owners, and a drag plans on every pointer move).
    """

    question: str
    sources: tuple[str, ...]
    item: DragItem
    preview: str

    ok = True

    @property
    def says(self) -> str:
        return self.preview

    def with_source(self, source: str) -> DragItem:
        return replace(self.item, source=source)

    def options(self, org: Org) -> list[tuple[str, str]]:
        return [(p, _position_label(org, p)) for p in self.sources]


@dataclass(frozen=True, slots=True)
class ChooseScope:
    """A role dropped on a position: it can take the role's unowned duties, or all of them
    (moved from their owners). `options` are the edits, one per scope that changes
    something; the user picks one after seeing what it moves."""

    question: str
    position: str
    role: str
    duties: RoleDuties
    options: tuple[tuple[Scope, Edit], ...]
    preview: str

    ok = True

    @property
    def says(self) -> str:
        return self.preview

    def edit_for(self, scope: Scope) -> Edit:
        return dict(self.options)[scope]


Plan = Ready | Refused | NeedsChoice | ChooseScope


# -- planning ----------------------------------------------------------------------------


def source_choice(org: Org, item: DragItem, target: DropTarget | None = None) -> DragItem | NeedsChoice:
    """The item with its source decided, or the question that decides it.

    Only a duty taken from the catalog (no source) can need one: it leaves its one owner,
    and of several owners the user picks one. An owner that is the target itself is no
    choice (moving a duty onto where it already is means nothing).
    """
    if item.kind == "person":
        return _person_source(org, item, target)
    if item.kind != "duty" or item.source is not None or item.id not in org.catalog.duties:
        return item
    target_id = target.id if target is not None and target.kind == "position" else None
    owners = [p for p in org.owners(item.id) if p != target_id]
    if len(owners) == 1:
        return replace(item, source=owners[0])
    if not owners:
        return item
    title = local_title(org.catalog.duties[item.id])
    if target is not None and target.kind == "catalog":
        question = _("Unassign “{duty}” from which position?").format(duty=title)
        preview = _("Unassign {duty}: you pick which of its {n} owners").format(duty=title, n=len(owners))
    else:
        question = _("“{duty}” is split: move it away from which position?").format(duty=title)
        preview = _("Move {duty}: you pick which of its {n} owners it leaves").format(duty=title, n=len(owners))
    return NeedsChoice(question, tuple(owners), item, preview)


def plan_drop(org: Org, item: DragItem, target: DropTarget | None) -> Plan:
    """What dropping `item` on `target` does: one edit, a question first, or a refusal."""
    if target is None:
        return Refused(_("not a drop target"))
    if item.kind == "role":
        return plan_role_drop(org, item.id, target)
    resolved = source_choice(org, item, target)
    if isinstance(resolved, NeedsChoice):
        # Ask only when the answer can lead somewhere: the wrong kind of target is refused
        # at once, whichever owner would be chosen.
        shape = _edit_for(resolved.with_source(resolved.sources[0]), target)
        return Refused(shape) if isinstance(shape, str) else resolved
    edit = _edit_for(resolved, target)
    if isinstance(edit, str):
        return Refused(edit)
    try:
        return Ready(edit, edit.plan(org).label)
    except EditError as exc:
        return Refused(str(exc))


def _position_label(org: Org, position_id: str) -> str:
    pos = org.positions[position_id]
    who = ", ".join(org.people[h].name for h in pos.holders) or _("vacant")
    return f"{pos.title} — {org.departments[pos.department].name} · {who}"


# -- which edit each kind of drop makes --------------------------------------------------


def _duty_edit(item: DragItem, target: DropTarget) -> Edit | str:
    if target.kind == "position" and target.id:
        return MoveDuty(item.id, item.source, target.id)
    if target.kind == "catalog":
        return UnassignDuty(item.id, item.source) if item.source else _("that duty is already unowned")
    return _("drop a duty on a position (or on Roles to unassign it)")


def _person_edit(item: DragItem, target: DropTarget) -> Edit | str:
    if target.kind == "position" and target.id:
        return MoveHolder(item.id, item.source, target.id)
    if target.kind in ("people", "catalog") and item.source:
        return UnassignHolder(item.id, item.source)
    return _("drop a person on a position")


def _position_edit(item: DragItem, target: DropTarget) -> Edit | str:
    # Onto a department it moves there; onto a position it reports there now (in either
    # view of the Departments pane: a position has no other meaning as a target). A
    # cycle is refused by SetManager's plan, before anything changes.
    if target.kind == "department" and target.id:
        return MovePosition(item.id, target.id)
    if target.kind == "position" and target.id:
        return SetManager(item.id, target.id)
    return _("drop a position on a department (it moves) or on a position (it reports there)")


def _department_edit(item: DragItem, target: DropTarget) -> Edit | str:
    if target.kind == "department":
        return MoveDepartment(item.id, target.id)  # None: to the top level
    return _("drop a department on another department")


_EDIT_FOR = {"duty": _duty_edit, "person": _person_edit, "position": _position_edit, "department": _department_edit}


def _edit_for(item: DragItem, target: DropTarget) -> Edit | str:
    return _EDIT_FOR[item.kind](item, target)


# -- a person's move: out of which position ----------------------------------------------


def _person_source(org: Org, item: DragItem, target: DropTarget | None) -> DragItem | NeedsChoice:
    """A person taken from People (no source) onto a position moves there: out of their one
    position, or out of the one the user picks when they hold several. Holding a further
    position is its own action (AssignHolder), never a move's side effect.

    Only a move onto a position (or `m`, before its target is known) looks for a source:
    dropping a person on People or Roles leaves them where they are.
    """
    if item.source is not None or item.id not in org.people:
        return item
    if target is not None and target.kind != "position":
        return item
    held = org.positions_of(item.id)
    if target is not None and target.id in held:
        return replace(item, source=target.id)  # planned as "already holds it": refused
    if len(held) <= 1:
        return replace(item, source=held[0]) if held else item
    name = org.people[item.id].name
    question = _("{person} holds {n} positions: which one do they leave?").format(person=name, n=len(held))
    preview = _("Move {person}: you pick which of their {n} positions they leave").format(person=name, n=len(held))
    return NeedsChoice(question, held, item, preview)


# -- a role onto a position: its duties ----------------------------------------------------


def plan_role_drop(org: Org, role_id: str, target: DropTarget | None) -> ChooseScope | Refused:
    """A role header dropped on a position (or `T` on it): what each scope would give it."""
    if target is None or target.kind != "position" or not target.id or target.id not in org.positions:
        return Refused(_("drop a role on a position: the position gets the role's duties"))
    if role_id not in org.catalog.roles:
        return Refused(_("there is no role {role!r} in the catalog").format(role=role_id))
    found = role_duties(org, role_id, target.id)
    pos = org.positions[target.id]
    role = local_title(org.catalog.roles[role_id])
    options: list[tuple[Scope, Edit]] = []
    if found.unowned:
        options.append(("unowned", GiveRoleDuties(pos.id, role_id, "unowned")))
    if found.elsewhere:
        options.append(("all", GiveRoleDuties(pos.id, role_id, "all")))
    if not options:
        return Refused(_("{position} already owns every duty of {role}").format(position=pos.title, role=role))
    question = _("Give “{position}” the duties of {role}").format(position=pos.title, role=role)
    preview = _("Give {position} the duties of {role}: {unowned} unowned, {elsewhere} owned elsewhere; you choose").format(
        position=pos.title, role=role, unowned=len(found.unowned), elsewhere=len(found.elsewhere))
    return ChooseScope(question, pos.id, role_id, found, tuple(options), preview)


# -- several marked duties at once ---------------------------------------------------------


def plan_marked_drop(org: Org, items: tuple[DragItem, ...], target: DropTarget | None) -> Plan:
    """Marked duties dropped (or moved with `m`, unassigned with delete) together: one Batch.

    Each is planned as its own drop against the org as the ones before it left it. One
    that cannot go there (already owned by the target, already unowned) is left as it is
    and the label says so; a split duty taken from Roles asks which owner it leaves, and
    `NeedsChoice.item` says which of `items` the answer is for.
    """
    if len(items) == 1:
        return plan_drop(org, items[0], target)
    if target is None or not items:
        return Refused(_("not a drop target"))
    if any(item.kind != "duty" for item in items):
        return Refused(_("only duties can be moved together"))
    edits: list[Edit] = []
    skipped: list[str] = []
    done: list[Change] = []
    try:
        for item in items:
            plan = plan_drop(org, item, target)
            if isinstance(plan, NeedsChoice):
                return plan
            if not isinstance(plan, Ready):
                skipped.append(plan.says)
                continue
            changes = plan.edit.plan(org).changes
            org.apply(changes)
            done.extend(changes)
            edits.append(plan.edit)
    finally:
        org.apply([c.inverse() for c in reversed(done)])
    if not edits:
        return Refused(skipped[0] if skipped else _("nothing to change"))
    label = _marked_label(org, len(edits), target)
    if skipped:
        label += ngettext("; {n} left as it was: {reason}", "; {n} left as they were: {reason}", len(skipped)).format(
            n=len(skipped), reason=skipped[0])
    return Ready(Batch(label, tuple(edits)), label)


def _marked_label(org: Org, n: int, target: DropTarget) -> str:
    if target.kind == "position" and target.id in org.positions:
        return ngettext("Move {n} duty to {target}", "Move {n} duties to {target}", n).format(n=n, target=org.positions[target.id].title)
    return ngettext("Unassign {n} duty", "Unassign {n} duties", n).format(n=n)


def with_answer(items: tuple[DragItem, ...], question: NeedsChoice, source: str) -> tuple[DragItem, ...]:
    """The marked items with the one `question` asked about given its answer."""
    return tuple(question.with_source(source) if item == question.item else item for item in items)
