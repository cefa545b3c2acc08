"""From finding to fix in the app: suggestions for a duty, "Fix all", and "if X leaves".

Plain functions of the app (bound as `action_…` in app.py), like actions.py: each shows
what the core proposes (core/domain/suggest.py, repair.py, whatif.py) and applies at most
one edit through the history, so one undo takes it back. The solver (SciPy) is imported
only when a plan is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgtui.core.domain.catalog import local_title
from orgtui.core.domain.edits import Batch, Edit, EditError, RemovePerson
from orgtui.core.domain.suggest import PROBLEM_WORDS, DutySuggestions, suggest
from orgtui.core.i18n import N_, _
from orgtui.ui.screens import Choice
from orgtui.ui.screens.picker import ask

if TYPE_CHECKING:
    from orgtui.core.domain.org import Org
    from orgtui.core.domain.repair import RepairPlan
    from orgtui.ui.app import OrgApp


def selected_duty(app: OrgApp) -> str | None:
    """The duty of the selected row: a duty row in Roles or Departments, or a duty's
    finding in Problems."""
    if app.focused is app.problems:
        finding = app.problems.cursor_finding
        return finding.subject if finding is not None and finding.subject_kind == "duty" else None
    for pane in (app.roles, app.departments):
        if app.focused is pane:
            ref = pane.cursor_ref
            return ref.id if ref is not None and ref.kind == "duty" else None
    return None


def selected_person(app: OrgApp) -> str | None:
    for pane in (app.people, app.departments):
        if app.focused is pane:
            ref = pane.cursor_ref
            if ref is not None and ref.kind in ("person", "holder"):
                return ref.id
    return None


# -- suggestions ------------------------------------------------------------------------------


_ROW_VERBS = {"assign": N_("takes it on"), "keep": N_("keeps it, the others let it go"), "move": N_("takes it over")}
"""What a suggestion's position does, in its picker row. The picker's title names the duty,
so a row starts with the position: at 80 columns rows that all began with the duty's
title were cut before anything told them apart."""


def suggestion_choices(org: Org, found: DutySuggestions) -> list[tuple[str, str]]:
    out = []
    for index, s in enumerate(found.suggestions):
        words = "; ".join(s.reasons)
        creates = "".join(_("; creates: {finding}").format(finding=f.message) for f in s.creates)
        verb = _ROW_VERBS.get(s.action)
        if s.position is not None and s.position in org.positions and verb is not None:
            head = _("{position} {verb}").format(position=org.positions[s.position].title, verb=_(verb))
        else:
            head = s.label  # hiring: no position to name first
        out.append((str(index), f"{head} ({s.score:g}) — {words}{creates}"))
    return out


def show_suggestions(app: OrgApp) -> None:
    """`s` on a duty or a duty's problem: the best fixes, with their reasons; Enter applies one."""
    duty = selected_duty(app)
    if duty is None:
        app.tell(_("Select a duty (in Roles) or a duty's problem (in Problems) for suggestions"))
        return
    org = app.ws.org
    found = suggest(org, app.ws.validator, duty, limit=5)
    title = local_title(org.catalog.duties[duty])
    if found is None:
        app.tell(_("“{duty}” has one held owner: nothing to suggest").format(duty=title))
        return
    problem = _(PROBLEM_WORDS.get(found.problem, found.problem))
    if not found.suggestions:
        app.tell(_("“{duty}” is {problem}, and there is no position to suggest: add one first").format(duty=title, problem=problem))
        return

    def done(choice: str | None) -> None:
        if choice is None:
            return
        chosen = found.suggestions[int(choice)]
        if chosen.edit is None:  # "hire": advice, nothing to apply
            app.tell(_("{suggestion}: add the person (N), then make them its holder (h)").format(suggestion=chosen.label))
            return
        app.edit(chosen.edit)

    hint = _("“{duty}” is {problem}. Best first; Enter applies one (one undo takes it back).").format(duty=title, problem=problem)
    ask(app, _("Suggestions: {duty}").format(duty=title), suggestion_choices(org, found), done, hint=hint)


# -- the repair plan ------------------------------------------------------------------------


def plan_lines(before: Org, plan: RepairPlan, leaving: tuple[str, ...] = ()) -> tuple[list[str], Batch | None]:
    """The plan in `orgtui diff`'s words, and the one edit that applies it (with the people
    who leave removed first, for a what-if plan)."""
    from orgtui.core.domain.whatif import copy_of
    from orgtui.core.git.diff import diff_orgs
    from orgtui.core.git.diff_format import as_text

    after = copy_of(before)
    parts: tuple[Edit, ...] = tuple(RemovePerson(p) for p in leaving)
    if parts:
        after.apply(Batch("leave", parts).plan(after).changes)
    parts += plan.edits(after)
    label = plan.label if not leaving else _("Without {n} person(s): {plan}").format(n=len(leaving), plan=plan.label)
    edit = Batch(label, parts) if parts else None
    fixed = copy_of(before)
    if edit is not None:
        fixed.apply(edit.plan(fixed).changes)
    report = as_text(diff_orgs(before, fixed, "now", "planned")).rstrip("\n").splitlines()[1:]
    lines = [plan.summary]
    lines += [_("cannot: {reason}").format(reason=u) for u in plan.unmet]
    lines += [plan.unproven] if plan.unproven else []
    return lines + report, edit


def _offer(app: OrgApp, title: str, lines: list[str], edit: Batch | None) -> None:
    if edit is None:
        app.push_screen(Choice(title, lines + [_("Nothing to change.")], [("ok", _("OK"))]))
        return

    def done(choice: str | None) -> None:
        if choice == "apply":
            app.edit(edit)

    app.push_screen(Choice(title, lines, [("apply", _("Apply as one step")), ("cancel", _("Cancel"))], default="apply"), done)


def fix_all(app: OrgApp) -> None:
    """`F` (and the palette): the fewest changes that leave no duty unowned, shown first."""
    from orgtui.core.domain.repair import RepairError, plan_repair

    try:
        plan = plan_repair(app.ws.org)
    except RepairError as exc:
        app.tell(_("No plan: {reason}").format(reason=exc))
        return
    lines, edit = plan_lines(app.ws.org, plan)
    _offer(app, _("Fix all: the plan"), lines, edit)


def what_if_leaves(app: OrgApp) -> None:
    """`w` on a person: the findings that would appear if they left; P turns it into a plan."""
    from orgtui.core.domain.whatif import what_if_without

    person = selected_person(app)
    if person is None:
        app.tell(_("Select a person (in People) to see what happens if they leave"))
        return
    org = app.ws.org
    try:
        answer = what_if_without(org, [person], app.ws.validator)
    except EditError as exc:
        app.tell(str(exc))
        return
    name = org.people[person].name
    lines = [_("{n} duty(ies) would be left to nobody.").format(n=len(answer.left_to_nobody))]
    lines += [f"{f.severity.word}: {f.message}" for f in answer.appear]
    if not answer.appear:
        lines.append(_("No new finding: every duty they do has someone else."))
    lines.append(_("Nothing has changed. Plan: the repair plan without them."))

    def done(choice: str | None) -> None:
        if choice != "plan":
            return
        from orgtui.core.domain.repair import RepairError

        try:
            plan = answer.plan()
        except RepairError as exc:
            app.tell(_("No plan: {reason}").format(reason=exc))
            return
        plan_text, edit = plan_lines(org, plan, (person,))
        _offer(app, _("If {person} leaves: the plan").format(person=name), [_("{person} leaves.").format(person=name), *plan_text], edit)

    app.push_screen(Choice(_("If {person} leaves").format(person=name), lines,
                           [("plan", _("Plan without them")), ("close", _("Close"))], default="close"), done)
