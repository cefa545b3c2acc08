"""What each kind of entity is found by: the words a pane filter, a picker and Go to match.

One place says it, so typing the same words finds the same things everywhere. Each
function gives `(primary, secondary)` texts for the one matcher (matching.py): primary is
what the thing is called (its titles in English and German, its name, its id), secondary
what it is near (a position's department path and holders, a person's positions, a duty's
role). Matches in secondary texts rank below title matches.
"""

from __future__ import annotations

from orgtui.core.domain.catalog import local_title
from orgtui.core.domain.matching import Candidate, MatchIndex
from orgtui.core.domain.org import Org
from orgtui.core.i18n import _

Texts = tuple[tuple[str, ...], tuple[str, ...]]
Ref = tuple[str, str]  # (kind, id): role, duty, department, position, person


class Paths:
    """Department paths ("Shop & Platform / Nord / Checkout"), each made once per use."""

    def __init__(self, org: Org) -> None:
        self.org = org
        self._made: dict[str, str] = {}

    def __call__(self, department_id: str) -> str:
        found = self._made.get(department_id)
        if found is None:
            org = self.org
            dept = org.departments[department_id]
            parent = dept.parent if dept.parent in org.departments else None
            found = dept.name if parent is None else f"{self(parent)} / {dept.name}"
            self._made[department_id] = found
        return found


def role_texts(org: Org, role_id: str) -> Texts:
    role = org.catalog.roles[role_id]
    return (role.title, role.title_de, role.id), ()


def role_named_by(org: Org, title: str) -> str | None:
    """The role a position's title names, for the role template a new position is offered
    first: "Category Manager" and "Category" name the Category Manager, "Service" the
    Customer Service Manager, "Marktplatz" the Marketplace Manager (German title). Every
    word must start a word of the role's titles or id (the matcher's first two ranks), so
    "IT" names no "Digital …" role; None when no role is named."""
    if not title.split():
        return None
    index = MatchIndex.build([Candidate(r, role_texts(org, r)[0]) for r in org.catalog.roles])
    best = index.search(title, 1)
    return best[0].key if best and best[0].rank <= 1 else None


def duty_texts(org: Org, duty_id: str) -> Texts:
    duty = org.catalog.duties[duty_id]
    role = org.catalog.roles[duty.role]
    return (duty.title, duty.title_de, duty.id), (role.title, role.title_de)


def department_texts(org: Org, department_id: str, paths: Paths) -> Texts:
    dept = org.departments[department_id]
    parent = dept.parent if dept.parent in org.departments else None
    return (dept.name, dept.id), ((paths(parent),) if parent else ())


def position_texts(org: Org, position_id: str, paths: Paths) -> Texts:
    pos = org.positions[position_id]
    role = org.catalog.roles.get(pos.role) if pos.role else None
    holders = tuple(org.people[h].name for h in pos.holders if h in org.people)
    near = (paths(pos.department), *holders, *((role.title, role.title_de) if role else ()))
    return (pos.title, pos.id), near


def person_texts(org: Org, person_id: str, paths: Paths) -> Texts:
    who = org.people[person_id]
    held = [org.positions[p] for p in org.positions_of(person_id)]
    return (who.name, who.id), tuple(t for pos in held for t in (pos.title, paths(pos.department)))


def refs(org: Org) -> list[Ref]:
    """Every duty, role, department, position and person, for Go to."""
    return [
        *(("role", r) for r in org.catalog.roles),
        *(("duty", d) for d in org.catalog.duties),
        *(("department", d) for d in org.departments),
        *(("position", p) for p in org.positions),
        *(("person", p) for p in org.people),
    ]


def texts(org: Org, ref: Ref, paths: Paths) -> Texts:
    kind, ident = ref
    if kind == "role":
        return role_texts(org, ident)
    if kind == "duty":
        return duty_texts(org, ident)
    if kind == "department":
        return department_texts(org, ident, paths)
    if kind == "position":
        return position_texts(org, ident, paths)
    return person_texts(org, ident, paths)


def everything(org: Org) -> list[Candidate[Ref]]:
    """Every entity with its texts, for the matcher."""
    paths = Paths(org)
    return [Candidate(ref, *texts(org, ref, paths)) for ref in refs(org)]


def describe(org: Org, ref: Ref, paths: Paths) -> str:
    """One line naming a found thing so equal names are told apart: its kind and where it is."""
    kind, ident = ref
    if kind == "role":
        return _("{role} — role").format(role=local_title(org.catalog.roles[ident]))
    if kind == "duty":
        duty = org.catalog.duties[ident]
        return _("{duty} — duty of {role}").format(duty=local_title(duty), role=local_title(org.catalog.roles[duty.role]))
    if kind == "department":
        return _("{path} — department").format(path=paths(ident))
    if kind == "position":
        return position_label(org, ident, paths)
    return _("{name} — person · {where}").format(name=org.people[ident].name, where=where_they_work(org, ident, paths))


def where_they_work(org: Org, person_id: str, paths: Paths) -> str:
    """A person's positions with their departments, or their id when they hold none (so
    two people of the same name read differently)."""
    held = [org.positions[p] for p in org.positions_of(person_id)]
    return "; ".join(f"{p.title}, {paths(p.department)}" for p in held) or _("no position ({id})").format(id=person_id)


def position_label(org: Org, position_id: str, paths: Paths) -> str:
    """A position with its department path and holders ("Shop Manager — Shop / Nord · Eva")."""
    pos = org.positions[position_id]
    who = ", ".join(org.people[h].name for h in pos.holders if h in org.people) or _("vacant")
    return f"{pos.title} — {paths(pos.department)} · {who}"
