"""An org as lines for git's textconv: what `git log -p`, `git show` and `git blame` diff.

git runs a textconv on every version of the file it shows and then diffs the lines, so
the text is made for a line diff: one fact per line (a department, a position with its
role and FTE, each holder, each duty, each person, each finding), nested by indentation
in the org's own order, every entity with its id. A renamed position changes its line,
a moved duty leaves one position's lines and joins another's, a duty left unowned adds
an "Unowned" finding line.

A version that is not a valid org (committed mid-edit, or with a catalog this clone
cannot find) is shown as its text after a note saying why: a textconv that fails makes
git stop the whole `git log -p` (exit 128), so there is always something to show.
"""

from __future__ import annotations

from orgtui.core.domain.catalog import local_title
from orgtui.core.domain.org import Org
from orgtui.core.domain.validator import Validator
from orgtui.core.i18n import N_, _, quoted
from orgtui.core.text import visible

NOTE = N_("note: ")


def _q(name: str) -> str:
    return quoted(visible(name))


def _num(value: float) -> str:
    return f"{value:g}"


def org_text(org: Org, label: str) -> str:
    """The org as nested lines, then its findings (in the user's language: git runs this
    for each version it shows, in one process, so both sides of a diff speak alike)."""
    catalog = org.catalog
    out = [_("# orgtui textconv of {label}").format(label=visible(label))]
    out += [visible(line) for line in org.preamble.splitlines()]
    out.append(_("org {name}: catalog {catalog}, span of control {span}").format(
        name=_q(org.info.name), catalog=_q(org.catalog_ref or "builtin"), span=org.info.span_of_control)
        + (_(", the catalog's effort estimates used") if org.info.catalog_efforts else ""))
    efforts = dict(org.info.efforts)  # the file's own effort per duty, where it sets one

    def department(ident: str, depth: int) -> None:
        pad = "  " * depth
        out.append(pad + _("department {name} [{id}]").format(name=_q(org.departments[ident].name), id=visible(ident)))
        for pos_id in org.positions_in(ident):
            pos = org.positions[pos_id]
            role = catalog.roles.get(pos.role) if pos.role else None
            role_text = _("role {title}").format(title=_q(local_title(role))) if role else _("no role")
            out.append(pad + "  " + _("position {title} [{id}]: {role}, {fte} FTE").format(
                title=_q(pos.title), id=visible(pos_id), role=role_text, fte=_num(pos.fte)))
            if not pos.holders:
                out.append(pad + "    " + _("vacant"))
            out.extend(pad + "    " + _("held by {name} [{id}]").format(name=_q(org.people[p].name), id=visible(p))
                       for p in pos.holders)
            for duty_id in pos.duties:
                duty = catalog.duties[duty_id]
                effort = _(", effort {fte} FTE").format(fte=_num(efforts[duty_id])) if duty_id in efforts else ""
                out.append(pad + "    " + _("duty {title} ({role}) [{id}]{effort}").format(
                    title=_q(local_title(duty)), role=visible(local_title(catalog.roles[duty.role])), id=visible(duty_id),
                    effort=effort))
        for child in org.subdepartments(ident):
            department(child, depth + 1)

    for top in org.subdepartments(None):
        department(top, 0)
    for person in org.people.values():
        out.append(_("person {name} [{id}]: capacity {capacity} FTE").format(
            name=_q(person.name), id=visible(person.id), capacity=_num(person.capacity)))
    validator = Validator(org)
    findings = validator.findings()
    out.append(_("findings: {n}").format(n=len(findings)))
    for f in findings:
        ids = ", ".join(f.ids)
        out.append(visible(f"  {f.severity.word}: {f.message} [{ids}]"))
    return "\n".join(out) + "\n"


def invalid_text(raw: str, label: str, problems: list[str]) -> str:
    """A version that is not a valid org: a note with its problems, then its text as it is."""
    note = _(NOTE)
    out = [note + _("{label}: this version is not a valid org file, so its text is shown as it is").format(label=visible(label))]
    out += [f"{note}{visible(p)}" for p in problems]
    out += [visible(line) for line in raw.splitlines()]
    return "\n".join(out) + "\n"
