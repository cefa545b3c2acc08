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

from orgtui.core.domain.org import Org
from orgtui.core.domain.validator import Validator
from orgtui.core.text import visible

NOTE = "note: "


def _q(name: str) -> str:
    return f"“{visible(name)}”"


def _num(value: float) -> str:
    return f"{value:g}"


def org_text(org: Org, label: str) -> str:
    """The org as nested lines, then its findings."""
    catalog = org.catalog
    out = [f"# orgtui textconv of {visible(label)}"]
    out += [visible(line) for line in org.preamble.splitlines()]
    out.append(f"org {_q(org.info.name)}: catalog {_q(org.catalog_ref or 'builtin')}, "
               f"span of control {org.info.span_of_control}"
               + (", the catalog's effort estimates used" if org.info.catalog_efforts else ""))
    efforts = dict(org.info.efforts)  # the file's own effort per duty, where it sets one

    def department(ident: str, depth: int) -> None:
        pad = "  " * depth
        out.append(f"{pad}department {_q(org.departments[ident].name)} [{visible(ident)}]")
        for pos_id in org.positions_in(ident):
            pos = org.positions[pos_id]
            role = catalog.roles.get(pos.role) if pos.role else None
            role_text = f"role {_q(role.title)}" if role else "no role"
            out.append(f"{pad}  position {_q(pos.title)} [{visible(pos_id)}]: {role_text}, {_num(pos.fte)} FTE")
            if not pos.holders:
                out.append(f"{pad}    vacant")
            out.extend(f"{pad}    held by {_q(org.people[p].name)} [{visible(p)}]" for p in pos.holders)
            for duty_id in pos.duties:
                duty = catalog.duties[duty_id]
                effort = f", effort {_num(efforts[duty_id])} FTE" if duty_id in efforts else ""
                out.append(f"{pad}    duty {_q(duty.title)} ({visible(catalog.roles[duty.role].title)}) "
                           f"[{visible(duty_id)}]{effort}")
        for child in org.subdepartments(ident):
            department(child, depth + 1)

    for top in org.subdepartments(None):
        department(top, 0)
    for person in org.people.values():
        out.append(f"person {_q(person.name)} [{visible(person.id)}]: capacity {_num(person.capacity)} FTE")
    validator = Validator(org)
    findings = validator.findings()
    out.append(f"findings: {len(findings)}")
    for f in findings:
        ids = ", ".join(f.ids)
        out.append(visible(f"  {f.severity.label}: {f.message} [{ids}]"))
    return "\n".join(out) + "\n"


def invalid_text(raw: str, label: str, problems: list[str]) -> str:
    """A version that is not a valid org: a note with its problems, then its text as it is."""
    out = [f"{NOTE}{visible(label)}: this version is not a valid org file, so its text is shown as it is"]
    out += [f"{NOTE}{visible(p)}" for p in problems]
    out += [visible(line) for line in raw.splitlines()]
    return "\n".join(out) + "\n"
