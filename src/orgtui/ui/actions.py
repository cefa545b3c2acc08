"""The app's actions that ask something first: pickers, forms and confirmations.

Each is a plain function of the app (bound as `action_…` in app.py) that gathers what it
needs through a modal screen and then issues exactly one edit. Keyboard users reach every
drag this way: `m` moves whatever is selected, with a filterable picker for the target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from orgtui.core.domain import edits as E
from orgtui.core.domain import findable
from orgtui.core.domain.catalog import local_title
from orgtui.core.domain.conflict_notes import pending_conflicts
from orgtui.core.domain.drops import (
    ChooseScope,
    DragItem,
    DropTarget,
    NeedsChoice,
    Refused,
    plan_drop,
    source_choice,
)
from orgtui.core.domain.edits import Edit, EditError
from orgtui.core.domain.edits.role_duties import role_duties
from orgtui.core.domain.org import Org
from orgtui.core.i18n import _, ngettext
from orgtui.core.text import visible
from orgtui.ui.screens import Choice, FormField, FormScreen
from orgtui.ui.screens.picker import Candidates, PickerChoice, ask, cached
from orgtui.ui.tree import Ref

if TYPE_CHECKING:
    from orgtui.ui.app import OrgApp


# -- what is selected ------------------------------------------------------------------


def selection(app: OrgApp) -> tuple[str, Ref | None]:
    """The focused pane's id and the row under its cursor."""
    for pane in (app.roles, app.departments, app.people):
        if app.focused is pane:  # set at once, unlike has_focus (which waits for the Focus event)
            return pane.id or "", pane.cursor_ref
    return (app.focused.id or "") if app.focused else "", None


# -- choices for pickers -----------------------------------------------------------------


def position_choices(app: OrgApp, exclude: str | None = None) -> Candidates:
    # built once per org version (20,000 labels at 50,000 people), then shared
    return cached(app.ws.org, "positions", _position_labels, duties_matter=False).without([exclude])


def _position_labels(org: Org) -> Candidates:
    # the department path tells equal titles apart; typing matches the title first
    paths = findable.Paths(org)
    return Candidates.lazy(list(org.positions), lambda pos: findable.position_label(org, pos, paths),
                           lambda pos: findable.position_texts(org, pos, paths))


def department_choices(app: OrgApp, exclude: Iterable[str] = ()) -> list[PickerChoice]:
    org = app.ws.org
    skip = set(exclude)
    paths = findable.Paths(org)
    return [(d, paths(d), *findable.department_texts(org, d, paths)) for d in org.departments if d not in skip]


def duty_choices(app: OrgApp, exclude: Iterable[str] = ()) -> list[PickerChoice]:
    """Unowned duties first: they are what a manager is looking to place."""
    org = app.ws.org
    skip = set(exclude)
    rows = []
    for duty in org.catalog.duties.values():
        if duty.id in skip:
            continue
        owners = org.owners(duty.id)
        role = local_title(org.catalog.roles[duty.role])
        status = _("✗ unowned") if not owners else _("owned by {positions}").format(positions=", ".join(org.positions[p].title for p in owners))
        rows.append((bool(owners), duty.id, f"{local_title(duty)} ({role}) — {status}"))
    rows.sort(key=lambda r: r[0])
    return [(i, label, *findable.duty_texts(org, i)) for _owned, i, label in rows]


def people_choices(app: OrgApp, exclude: Iterable[str] = ()) -> Candidates:
    return cached(app.ws.org, "people", _people_labels).without(exclude)


def _people_labels(org: Org) -> Candidates:
    # three people called Łukasz Zimmermann differ by their positions and departments
    paths = findable.Paths(org)

    def label(person: str) -> str:
        p = org.people[person]
        return f"{p.name} — {org.load_of(p.id):g} / {p.capacity:g} FTE · {findable.where_they_work(org, p.id, paths)}"

    return Candidates.lazy(list(org.people), label, lambda person: findable.person_texts(org, person, paths))


def choose(app: OrgApp, title: str, choices: Sequence[PickerChoice] | Candidates, then: Callable[[str], None], hint: str = "") -> None:
    """A filterable picker; `then` gets the chosen id (nothing happens on escape)."""
    if not choices:
        app.tell(_("{title}: there is nothing to choose from").format(title=title))
        return
    ask(app, title, choices, lambda chosen: then(chosen) if chosen is not None else None, hint=hint)


def pick(app: OrgApp, title: str, choices: Sequence[PickerChoice] | Candidates, then: Callable[[str], Edit | None], hint: str = "") -> None:
    """A picker whose choice becomes an edit."""

    def done(choice: str) -> None:
        edit = then(choice)
        if edit is not None:
            app.edit(edit)

    choose(app, title, choices, done, hint)


def edit_form(app: OrgApp, title: str, fields: list[FormField], make: Callable[[dict[str, str]], Edit]) -> None:
    """A form whose values become an edit; it checks the edit against the org as you type."""

    def check(values: dict[str, str]) -> str | None:
        try:
            make(values).plan(app.ws.org)
        except (EditError, ValueError) as exc:
            return str(exc)
        return None

    def done(values: dict[str, str] | None) -> None:
        if values is not None:
            app.edit(make(values))

    app.push_screen(FormScreen(title, fields, check), done)


def number(text: str, what: str) -> float:
    try:
        return float(text.replace(",", ".").strip())
    except ValueError:
        raise ValueError(_("{what} must be a number, e.g. 0.5").format(what=what)) from None


# -- moving things (the keyboard way of every drag) -----------------------------------


def drop(app: OrgApp, item: DragItem, target: DropTarget | None) -> None:
    """Make a move the domain's planner allows: the end of a drag and of `m` alike.

    When the planner needs to know which owner a split duty leaves, the user is asked
    (the same question `m` asks) and the move is planned again with the answer.
    """
    plan = plan_drop(app.ws.org, item, target)
    if isinstance(plan, NeedsChoice):
        ask_source(app, plan, lambda chosen: drop(app, chosen, target))
    elif isinstance(plan, ChooseScope):
        offer_scope(app, plan)
    elif isinstance(plan, Refused):
        app.tell(_("Nothing changed: {reason}").format(reason=plan.reason))
    else:
        app.edit(plan.edit)


def ask_source(app: OrgApp, question: NeedsChoice, then: Callable[[DragItem], None]) -> None:
    choose(app, question.question, question.options(app.ws.org), lambda source: then(question.with_source(source)))


def selected_item(app: OrgApp) -> DragItem | None:
    """What `m` (or delete) acts on: exactly what dragging the selected row would carry."""
    _kind, ref = selection(app)
    for pane in (app.roles, app.departments, app.people):
        if app.focused is pane and ref is not None:
            return pane.drag_item(ref)
    return None


def move(app: OrgApp) -> None:
    item = selected_item(app)
    if item is None:
        app.tell(_("Select a duty, person, position or department to move"))
        return
    resolved = source_choice(app.ws.org, item)
    if isinstance(resolved, NeedsChoice):
        ask_source(app, resolved, lambda chosen: pick_target(app, chosen))
    else:
        pick_target(app, resolved)


def pick_target(app: OrgApp, item: DragItem) -> None:
    """The picker for where `item` goes; the choice is planned like a drop there."""
    org = app.ws.org
    if item.kind in ("duty", "person"):
        if item.kind == "duty" and item.source:
            title = _("Move “{duty}” from {source} to position").format(
                duty=local_title(org.catalog.duties[item.id]), source=org.positions[item.source].title)
        elif item.kind == "duty":
            title = _("Move “{duty}” to position").format(duty=local_title(org.catalog.duties[item.id]))
        else:
            title = _("Move {person} to position").format(person=org.people[item.id].name)
            if item.source:
                title = _("Move {person} from {source} to position").format(
                    person=org.people[item.id].name, source=org.positions[item.source].title)
        hint = _("type part of a position, department or name") if item.kind == "duty" else ""
        choose(app, title, position_choices(app, exclude=item.source),
               lambda target: drop(app, item, DropTarget("position", target)), hint=hint)
    elif item.kind == "role":
        choose(app, _("Give the duties of {role} to position").format(role=local_title(org.catalog.roles[item.id])),
               position_choices(app), lambda target: drop(app, item, DropTarget("position", target)))
    elif item.kind == "position":
        pos = org.positions[item.id]
        choose(app, _("Move {position} to department").format(position=pos.title), department_choices(app, exclude=[pos.department]),
               lambda target: drop(app, item, DropTarget("department", target)))
    else:
        below = [item.id] + [d for d in org.departments if item.id in org.ancestors(d)]
        choices: list[PickerChoice] = [("", _("(top level)"))]
        choices += department_choices(app, exclude=below)
        choose(app, _("Move department {department} under").format(department=org.departments[item.id].name), choices,
               lambda target: drop(app, item, DropTarget("department", target or None)))


def assign_duty(app: OrgApp) -> None:
    pane, ref = selection(app)
    if pane == "roles" and ref is not None and ref.kind == "duty":
        move(app)
        return
    pos = app.departments.selected_position() if pane == "departments" else None
    if pos is None:
        app.tell(_("Select a position in Departments to assign a duty to it"))
        return
    org = app.ws.org
    pick(app, _("Assign a duty to {position}").format(position=org.positions[pos].title), duty_choices(app, exclude=org.positions[pos].duties),
         lambda duty: E.AssignDuty(duty, pos), hint=_("unowned duties are listed first"))


def add_holder(app: OrgApp) -> None:
    pane, _ref = selection(app)
    org = app.ws.org
    pos = app.departments.selected_position() if pane == "departments" else None
    if pos is None:
        app.tell(_("Select a position in Departments to add a holder to it"))
        return
    pick(app, _("Who holds {position}?").format(position=org.positions[pos].title), people_choices(app, exclude=org.positions[pos].holders),
         lambda person: E.AssignHolder(person, pos))


# -- reporting lines ---------------------------------------------------------------------


def selected_position(app: OrgApp) -> str | None:
    """The position of the selected row: in Departments (either view), or a held position in People."""
    if app.focused is app.departments:
        return app.departments.selected_position()
    _pane, ref = selection(app)
    return ref.id if ref is not None and ref.kind == "held" else None


def set_manager(app: OrgApp) -> None:
    """`t`: the keyboard way of dropping a position on a position. The choice is planned as
    that drop (a cycle is refused with its positions named, before anything changes);
    "nobody" makes it a top."""
    pos = selected_position(app)
    if pos is None:
        app.tell(_("Select a position to choose whom it reports to"))
        return
    org = app.ws.org
    current = org.positions[pos].reports_to
    # "" is nobody; without the position itself and its manager now (choosing them changes nothing)
    choices = cached(org, "managers", _manager_labels).without([pos, current if current is not None else ""])

    def chosen(manager: str) -> None:
        if manager:
            drop(app, DragItem("position", pos), DropTarget("position", manager))
        else:
            app.edit(E.SetManager(pos, None))

    choose(app, _("{position} reports to…").format(position=org.positions[pos].title), choices, chosen,
           hint=_("type part of a position, department or name"))


def _manager_labels(org: Org) -> list[tuple[str, str]]:
    return [("", _("(nobody: a top position)")), *_position_labels(org)]


def toggle_reporting_view(app: OrgApp) -> None:
    """`v`: Departments by department or by reporting line (an org without lines has only the first)."""
    pane = app.departments
    if not pane.show_by_reporting_line(not pane.by_reporting_line):
        app.say(_("This org has no reporting lines yet: select a position and press {key} to give it a manager").format(
            key=app.key_hint("set_manager")))
        return
    app.say(_("Departments by reporting line") if pane.by_reporting_line else _("Departments by department"))


# -- a role's duties for a position; another position for a person --------------------


def give_role_duties(app: OrgApp) -> None:
    """`T` on a position: pick a role, see what it would give and move, then one edit."""
    here_pos = app.departments.selected_position() if app.focused is app.departments else None
    _kind, ref = selection(app)
    pos = here_pos or (ref.id if ref is not None and ref.kind == "held" else None)
    if pos is None:
        app.tell(_("Select a position in Departments to give it a role's duties"))
        return
    org = app.ws.org
    rows = []
    for role in org.catalog.roles.values():
        found = role_duties(org, role.id, pos)
        rows.append((role.id, _("{role} — {unowned} unowned, {elsewhere} owned elsewhere, {already} its own already").format(
            role=local_title(role), unowned=len(found.unowned), elsewhere=len(found.elsewhere), already=len(found.already))))
    choose(app, _("Give {position} the duties of which role?").format(position=org.positions[pos].title), rows,
           lambda role: drop(app, DragItem("role", role), DropTarget("position", pos)),
           hint=_("then you choose: its unowned duties, or all of them"))


def offer_scope(app: OrgApp, plan: ChooseScope) -> None:
    """What each scope gives the position, in `orgtui diff`'s words; the user picks one."""
    from orgtui.core.git.preview import change_lines

    org = app.ws.org
    found = plan.duties
    options = dict(plan.options)
    lines: list[str] = []
    buttons: list[tuple[str, str]] = []
    if "unowned" in options:
        lines.append(ngettext("Its {n} unowned duty:", "Its {n} unowned duties:", len(found.unowned)).format(n=len(found.unowned)))
        lines += [f"  {line}" for line in change_lines(org, options["unowned"])]
        buttons.append(("unowned", _("Unowned only ({n})").format(n=len(found.unowned))))
    if "all" in options:
        shown = set(lines)
        moved = [f"  {line}" for line in change_lines(org, options["all"])]
        lines.append(ngettext("All of them also moves {n} duty from its owner:", "All of them also moves {n} duties from their owners:",
                              len(found.elsewhere)).format(n=len(found.elsewhere)))
        lines += [line for line in moved if line not in shown]
        total = len(found.unowned) + len(found.elsewhere)
        buttons.append(("all", _("All {n} (moves {moved})").format(n=total, moved=len(found.elsewhere))))
    if found.already:
        lines.append(_("It owns {n} of them already.").format(n=len(found.already)))
    lines.append(_("One step: {key} takes it back.").format(key=app.key_hint("undo")))
    buttons.append(("cancel", _("Cancel")))

    def done(choice: str | None) -> None:
        if choice in options:
            app.edit(options[choice])  # type: ignore[index]

    app.push_screen(Choice(plan.question, lines, buttons, default=buttons[0][0]), done)


def selected_person(app: OrgApp) -> str | None:
    """The person the selected row is about: a person, a holder row, or a position they hold."""
    _kind, ref = selection(app)
    if ref is not None and ref.kind in ("person", "holder"):
        return ref.id
    if ref is not None and ref.kind == "held":
        return ref.parent
    return None


def add_position_for_person(app: OrgApp) -> None:
    """`p` on a person: they hold a further position as well (`m` moves them instead)."""
    person = selected_person(app)
    if person is None:
        app.tell(_("Select a person to add another position for them"))
        return
    org = app.ws.org
    held = org.positions_of(person)
    title = _("Add another position for {person}").format(person=org.people[person].name) if held else \
        _("Add a position for {person}").format(person=org.people[person].name)
    pick(app, title, position_choices(app).without(held), lambda pos: E.AssignHolder(person, pos),
         hint=_("they keep the positions they hold; m moves them instead"))


# -- removing --------------------------------------------------------------------------


def confirm_then(app: OrgApp, title: str, lines: list[str], edit: Edit, button: str | None = None) -> None:
    def done(choice: str | None) -> None:
        if choice == "yes":
            app.edit(edit)

    body = lines or [_("Nothing else depends on it.")]
    body.append(_("You can undo this with {key}.").format(key=app.key_hint("undo")))
    app.push_screen(Choice(title, body, [("yes", button or _("Remove")), ("cancel", _("Cancel"))], default="cancel"), done)


Removal = E.RemovePosition | E.RemoveDepartment | E.RemovePerson


def removal(org: Org, kind: str, ident: str) -> tuple[Removal, str] | None:
    """The removal of a position, department or person, and the question that asks first."""
    if kind == "position":
        return E.RemovePosition(ident), _("Remove position {position}?").format(position=org.positions[ident].title)
    if kind == "department":
        return E.RemoveDepartment(ident), _("Remove department {department}?").format(department=org.departments[ident].name)
    if kind == "person":
        return E.RemovePerson(ident), _("Remove {person}?").format(person=org.people[ident].name)
    return None


def remove(app: OrgApp) -> None:
    """Unassign a duty or holder (a drop on the catalog); remove anything else, asking first."""
    _kind, ref = selection(app)
    if ref is None:
        app.tell(_("Select something to unassign or remove"))
        return
    item = selected_item(app) if ref.kind in ("duty", "holder", "held") else None
    found = removal(app.ws.org, ref.kind, ref.id)
    if item is not None:
        drop(app, item, DropTarget("catalog"))
    elif found is not None:
        edit, title = found
        confirm_then(app, title, edit.consequences(app.ws.org), edit)
    else:
        app.tell(_("Roles come from the catalog and cannot be removed here"))


# -- adding, renaming, numbers ---------------------------------------------------------


def kept(typed: str, original: str) -> str:
    """The form shows control characters as escapes; an untouched field keeps the original."""
    return original if typed == visible(original) else typed


def rename(app: OrgApp) -> None:
    _kind, ref = selection(app)
    org = app.ws.org
    if ref is None:
        app.tell(_("Select a department, position or person to rename"))
        return
    if ref.kind == "department":
        old = org.departments[ref.id].name
        edit_form(app, _("Rename department"), [FormField("name", _("Name"), old)],
                  lambda v: E.RenameDepartment(ref.id, kept(v["name"], old)))
    elif ref.kind == "position":
        old = org.positions[ref.id].title
        edit_form(app, _("Rename position"), [FormField("title", _("Title"), old)],
                  lambda v: E.RenamePosition(ref.id, kept(v["title"], old)))
    elif ref.kind in ("person", "holder"):
        old = org.people[ref.id].name
        edit_form(app, _("Rename person"), [FormField("name", _("Name"), old)],
                  lambda v: E.RenamePerson(ref.id, kept(v["name"], old)))
    else:
        app.tell(_("Select a department, position or person to rename"))


def show_created(app: OrgApp, outcome, kind: str) -> None:
    """Put the cursor on what an Add… edit created, its ancestors expanded, in its pane."""
    if not outcome or outcome.created is None:
        return
    pane = app.people if kind == "person" else app.departments
    if pane.select_key((kind, outcome.created, None)):
        app.screen.set_focus(pane)


def add_department(app: OrgApp) -> None:
    parent = app.departments.selected_department() if app.focused is app.departments else None
    _add_department(app, parent)


def add_top_department(app: OrgApp) -> None:
    _add_department(app, None)


def _add_department(app: OrgApp, parent: str | None) -> None:
    if parent:
        title = _("Add department under {department}").format(department=app.ws.org.departments[parent].name)
    else:
        title = _("Add department at the top level")

    def made(values: dict[str, str] | None) -> None:
        if values is not None:
            show_created(app, app.edit(E.AddDepartment(values["name"], parent)), "department")

    fields = [FormField("name", _("Name"), placeholder=_("e.g. Customer Service"))]
    app.push_screen(FormScreen(title, fields, _checker(app, lambda v: E.AddDepartment(v["name"], parent))), made)


def _checker(app: OrgApp, make: Callable[[dict[str, str]], Edit]) -> Callable[[dict[str, str]], str | None]:
    def check(values: dict[str, str]) -> str | None:
        try:
            make(values).plan(app.ws.org)
        except (EditError, ValueError) as exc:
            return str(exc)
        return None

    return check


def add_position(app: OrgApp) -> None:
    org = app.ws.org
    dept = app.departments.selected_department()
    if dept is None:
        dept = next(iter(org.departments), None)
    if dept is None:
        app.tell(_("Add a department first ({key})").format(key=app.key_hint("add_department")))
        return
    fields = [FormField("title", _("Title"), placeholder=_("e.g. Head of Customer Service"))]

    def made(values: dict[str, str]) -> None:
        def with_role(role: str | None) -> None:
            if role is None:
                return  # cancelled
            duties: tuple[str, ...] = ()
            if role:
                duties = tuple(d.id for d in org.catalog.roles[role].duties if not org.owners(d.id))
            outcome = app.edit(E.AddPosition(values["title"], dept, role or None, duties))
            show_created(app, outcome, "position")
            if outcome and duties:
                app.tell(ngettext("{n} unowned duty of the role was assigned to it",
                                  "{n} unowned duties of the role were assigned to it", len(duties)).format(n=len(duties)))

        roles = [("", _("(no role template)"))] + [
            (r.id, _("{role} — takes its {n} unowned duties").format(
                role=local_title(r), n=sum(1 for d in r.duties if not org.owners(d.id))))
            for r in org.catalog.roles.values()
        ]
        # the role the title names is highlighted first (enter takes it); else no template
        named = findable.role_named_by(org, values["title"]) or ""
        ask(app, _("Role template for the new position"), roles, with_role, initial=named)

    check = _checker(app, lambda v: E.AddPosition(v["title"], dept))
    app.push_screen(FormScreen(_("Add position in {department}").format(department=org.departments[dept].name), fields,
                               check, submit_label=_("Next")),
                    lambda v: made(v) if v is not None else None)


def add_person(app: OrgApp) -> None:
    """With a position selected in Departments, the new person may hold it at once (one step)."""
    position = app.departments.selected_position() if app.focused is app.departments else None
    fields = [FormField("name", _("Name"), placeholder=_("as they write it")),
              FormField("capacity", _("Capacity (FTE)"), "1.0")]

    def make(values: dict[str, str], holds: str | None = None) -> E.AddPerson:
        return E.AddPerson(values["name"], number(values["capacity"], _("capacity")), holds=holds)

    def made(values: dict[str, str] | None) -> None:
        if values is None:
            return
        if position is None:
            show_created(app, app.edit(make(values)), "person")
            return
        title = app.ws.org.positions[position].title

        def answered(choice: str | None) -> None:
            if choice in ("hold", "add"):
                outcome = app.edit(make(values, position if choice == "hold" else None))
                show_created(app, outcome, "person")

        app.push_screen(Choice(_("Add {name}").format(name=values["name"]),
                               [_("Should {name} hold {position}?").format(name=values["name"], position=title)],
                               [("hold", _("Hold {position}").format(position=title)), ("add", _("Just add")),
                                ("cancel", _("Cancel"))], default="hold"), answered)

    app.push_screen(FormScreen(_("Add person"), fields, _checker(app, make)), made)


def rename_org(app: OrgApp) -> None:
    old = app.ws.org.info.name
    edit_form(app, _("Rename the org"), [FormField("name", _("Name"), old)], lambda v: E.RenameOrg(kept(v["name"], old)))


def set_capacity(app: OrgApp) -> None:
    person = selected_person(app)
    if person is None:
        app.tell(_("Select a person to set their capacity"))
        return
    who = app.ws.org.people[person]
    edit_form(app, _("Capacity of {person}").format(person=who.name), [FormField("capacity", _("Capacity (FTE, 0–2)"), f"{who.capacity:g}")],
              lambda v: E.SetCapacity(person, number(v["capacity"], _("Capacity"))))


def set_fte(app: OrgApp) -> None:
    pos = app.departments.selected_position() if app.focused is app.departments else None
    _kind, ref = selection(app)
    if pos is None and ref is not None and ref.kind == "held":
        pos = ref.id
    if pos is None:
        app.tell(_("Select a position to set the FTE its holders spend there"))
        return
    p = app.ws.org.positions[pos]
    edit_form(app, _("FTE for {position}").format(position=p.title), [FormField("fte", _("FTE each holder spends (0–1]"), f"{p.fte:g}")],
              lambda v: E.SetFte(pos, number(v["fte"], _("FTE"))))


# -- merge conflicts ----------------------------------------------------------------------


def resolve_conflicts(app: OrgApp) -> None:
    pending = pending_conflicts(app.ws.org.preamble)
    if not pending:
        app.tell(_("There are no merge conflicts in this file"))
        return

    def done(choice: str | None) -> None:
        if choice == "resolved":
            app.edit(E.ResolveConflicts())

    lines = [visible(p) for p in pending]
    lines.append(_("Each kept our side's value. Fix what needs fixing, then mark them resolved (undoable)."))
    title = ngettext("{n} merge conflict from `orgtui merge`", "{n} merge conflicts from `orgtui merge`", len(pending)).format(n=len(pending))
    app.push_screen(Choice(title, lines, [("resolved", _("Mark resolved")), ("later", _("Later"))], default="later"), done)

