"""An OrgDiff as text (terminal, git diff driver), Markdown (a pull request) or JSON.

Text and Markdown share the sentences; only the quoting of names differs: `visible()`
for a terminal, Markdown escaping for a wiki. JSON keeps the exact names (ASCII-escaped).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from orgtui.core.export.escape import markdown as md_escape
from orgtui.core.git.diff import EntityRef, Item, OrgDiff
from orgtui.core.i18n import N_, _, ngettext
from orgtui.core.text import visible

Quote = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Style:
    q: Quote  # a user's name, quoted: “Anna”
    role: Quote  # a catalog title (role), escaped
    ident: Quote  # an id: [anna] in text, `anna` in Markdown


TEXT = Style(lambda s: f"“{visible(s)}”", visible, lambda i: f"[{i}]")
MARKDOWN = Style(lambda s: f"“{md_escape(s)}”", md_escape, lambda i: f"`{i}`")

# marked here, translated where they are shown
HEADINGS = {"org": N_("Org"), "department": N_("Departments"), "position": N_("Positions"), "person": N_("People"),
            "duty": N_("Duties")}
SIGNS = {"added": "+", "removed": "-", "moved": ">", "positions": ">", "owners": ">", "manager": ">"}
SCHEMA = "orgtui-diff/1"


def _num(value: float) -> str:
    return f"{value:g}"


def _names(refs: tuple[EntityRef, ...], q: Quote, empty: str = "") -> str:
    return ", ".join(q(r.name) for r in refs) or empty or _("nobody")


def _duty(ref: EntityRef, q: Quote) -> str:
    return f"{q(ref.name)} ({ref.role})" if ref.role else q(ref.name)


def sentence(item: Item, style: Style) -> str:
    """One change as a sentence, names quoted and escaped by `style`."""
    if item.what == "renamed" and item.section != "org":
        return _("{id} renamed from {old} to {new}").format(id=style.ident(item.subject.id), old=style.q(item.before),
                                                            new=style.q(item.after))
    return _SENTENCES[item.section](item, style, f"{style.q(item.subject.name)} {style.ident(item.subject.id)}")


def _org(item: Item, style: Style, named: str) -> str:
    q, w, b, a = style.q, item.what, item.before, item.after
    if w == "renamed":
        return _("org renamed from {old} to {new}").format(old=q(b), new=q(a))
    if w == "span_of_control":
        return _("span of control {old} → {new}").format(old=b, new=a)
    if w == "min_span":
        return _("minimum span {old} → {new}").format(old=b, new=a)
    if w == "max_layers":
        return _("layer target {old} → {new}").format(old=b, new=a)
    if w == "catalog_efforts":
        return _("the catalog's effort estimates are used now") if a else _("the catalog's effort estimates are no longer used")
    return _("catalog {old} → {new}").format(old=q(b), new=q(a))


def _duty_change(item: Item, style: Style, named: str) -> str:
    q, s, b, a = style.q, item.subject, item.before, item.after
    duty = f"{q(s.name)} ({style.role(s.role or '')}) {style.ident(s.id)}"
    if item.what == "effort":
        shown = [f"{_num(v)} FTE" if v is not None else _("the catalog's estimate") for v in (b, a)]
        return _("{duty}: effort {old} → {new}").format(duty=duty, old=shown[0], new=shown[1])
    if not b:
        return _("{duty}: assigned to {positions}").format(duty=duty, positions=_names(a, q))
    if not a:
        return _("{duty}: taken from {positions}, now nobody owns it").format(duty=duty, positions=_names(b, q))
    return f"{duty}: {_names(b, q)} → {_names(a, q)}"


def _department(item: Item, style: Style, named: str) -> str:
    q, w, b, a = style.q, item.what, item.before, item.after
    top = _("the top level")
    if w == "added":
        return _("{named} added in {where}").format(named=named, where=q(a.name) if a else top)
    if w == "removed":
        return _("{named} removed (was in {where})").format(named=named, where=q(b.name) if b else top)
    return _("{named} moved from {old} to {new}").format(named=named, old=q(b.name) if b else top, new=q(a.name) if a else top)


def _position(item: Item, style: Style, named: str) -> str:
    q, role, w, b, a = style.q, style.role, item.what, item.before, item.after
    if w == "added":
        return _("{named} added in {where}").format(named=named, where=q(a.name))
    if w == "removed":
        return _("{named} removed (was in {where})").format(named=named, where=q(b.name))
    if w == "moved":
        return _("{named} moved from {old} to {new}").format(named=named, old=q(b.name), new=q(a.name))
    if w == "manager":
        return _("{named} now reports to {new} (was {old})").format(
            named=named, new=q(a.name) if a else _("nobody"), old=q(b.name) if b else _("nobody"))
    if w == "dotted":
        return _("{named} dotted lines {old} → {new}").format(named=named, old=_names(b, q, _("none")), new=_names(a, q, _("none")))
    if w == "role":
        return _("{named} role {old} → {new}").format(named=named, old=role(b.name) if b else _("none"), new=role(a.name) if a else _("none"))
    return _("{named} FTE {old} → {new}").format(named=named, old=_num(b), new=_num(a))


def _person(item: Item, style: Style, named: str) -> str:
    q, w, b, a = style.q, item.what, item.before, item.after
    if w == "added":
        if a:
            return _("{named} added, holds {positions}").format(named=named, positions=_names(a, q))
        return _("{named} added, holds no position").format(named=named)
    if w == "removed":
        if b:
            return _("{named} removed (held {positions})").format(named=named, positions=_names(b, q))
        return _("{named} removed").format(named=named)
    if w == "capacity":
        return _("{named} capacity {old} → {new} FTE").format(named=named, old=_num(b), new=_num(a))
    was, now = {r.id for r in b}, {r.id for r in a}
    parts = []
    left = tuple(r for r in b if r.id not in now)
    joined = tuple(r for r in a if r.id not in was)
    if left:
        parts.append(_("left {positions}").format(positions=_names(left, q)))
    if joined:
        parts.append(_("joined {positions}").format(positions=_names(joined, q)))
    return f"{named} " + "; ".join(parts)


_SENTENCES: dict[str, Callable[[Item, Style, str], str]] = {
    "org": _org, "duty": _duty_change, "department": _department, "position": _position, "person": _person,
}


def coverage_sentences(diff: OrgDiff, style: Style) -> list[str]:
    q, role = style.q, style.role
    cov = diff.coverage
    out = []
    if cov.newly_unowned:
        names = ", ".join(_duty(EntityRef(r.id, r.name, role(r.role or "")), q) for r in cov.newly_unowned)
        n = len(cov.newly_unowned)
        out.append(ngettext("This change leaves {n} duty unowned: {names}.", "This change leaves {n} duties unowned: {names}.", n)
                   .format(n=n, names=names))
    if cov.fixed:
        names = ", ".join(_duty(EntityRef(r.id, r.name, role(r.role or "")), q) for r in cov.fixed)
        out.append(_("It fixes {n}: {names}.").format(n=len(cov.fixed), names=names))
    if not cov.newly_unowned and not cov.fixed:
        out.append(_("No duty gains or loses its last owner."))
    if cov.new_errors:
        errors = "; ".join(role(e.message) for e in cov.new_errors)
        n = len(cov.new_errors)
        out.append(ngettext("It adds {n} error: {errors}.", "It adds {n} errors: {errors}.", n).format(n=n, errors=errors))
    return out


def count_rows(diff: OrgDiff) -> list[tuple[str, int, int]]:
    b, a = diff.coverage.before, diff.coverage.after
    return [
        (_("unowned duties"), b.unowned, a.unowned),
        (_("split duties"), b.split, a.split),
        (_("vacancy-only duties"), b.vacancy_only, a.vacancy_only),
        (_("people over capacity"), b.overloaded, a.overloaded),
        (_("errors"), b.errors, a.errors),
        (_("warnings"), b.warnings, a.warnings),
    ]


def verdict(diff: OrgDiff) -> str:
    return _("Coverage got worse.") if diff.worse else _("Coverage did not get worse.")


NO_CHANGES = N_("No changes to the org, its departments, positions, people or duties.")


def as_text(diff: OrgDiff) -> str:
    out = [visible(f"orgtui diff {diff.old.id} → {diff.new.id}")]
    out += [_("note: {problem}").format(problem=n) for n in diff.notes]
    if not diff.items:
        out.append(_(NO_CHANGES))
    for section in HEADINGS:
        items = diff.section(section)
        if items:
            out.append(_(HEADINGS[section]))
            out += [f"  {SIGNS.get(i.what, '~')} {sentence(i, TEXT)}" for i in items]
    out.append(_("Coverage"))
    out += [f"  {s}" for s in coverage_sentences(diff, TEXT)]
    out.append("  " + ", ".join(f"{label} {b} → {a}" for label, b, a in count_rows(diff)))
    out.append(verdict(diff))
    return "\n".join(out) + "\n"


def as_markdown(diff: OrgDiff) -> str:
    title = md_escape(diff.new.name if diff.old.name == diff.new.name else f"{diff.old.name} → {diff.new.name}")
    out = [_("## Org changes: {title}").format(title=title), ""]
    out += [_("> Note: {note}").format(note=md_escape(n)) for n in diff.notes]
    if not diff.items:
        out += [_(NO_CHANGES), ""]
    for section in HEADINGS:
        items = diff.section(section)
        if items:
            out += [f"### {_(HEADINGS[section])}", ""]
            out += [f"- {sentence(i, MARKDOWN)}" for i in items]
            out.append("")
    out += [f"### {_('Coverage')}", ""]
    out += [f"- {s}" for s in coverage_sentences(diff, MARKDOWN)]
    out += ["", f"| | {_('before')} | {_('after')} |", "| --- | ---: | ---: |"]
    out += [f"| {label} | {b} | {a} |" for label, b, a in count_rows(diff)]
    out += ["", f"**{verdict(diff)}**"]
    return "\n".join(out) + "\n"


def _ref(value: Any) -> Any:
    if isinstance(value, EntityRef):
        out: dict[str, Any] = {"id": value.id, "name": value.name}
        if value.role is not None:
            out["role"] = value.role
        return out
    if isinstance(value, tuple):
        return [_ref(v) for v in value]
    return value


def as_data(diff: OrgDiff) -> dict[str, Any]:
    cov = diff.coverage
    return {
        "schema": SCHEMA,
        "old": {"file": diff.old.id, "name": diff.old.name},
        "new": {"file": diff.new.id, "name": diff.new.name},
        "notes": list(diff.notes),
        "changes": [
            {"section": i.section, "change": i.what, "subject": _ref(i.subject), "before": _ref(i.before), "after": _ref(i.after)}
            for i in diff.items
        ],
        "coverage": {
            "before": cov.before.as_dict(),
            "after": cov.after.as_dict(),
            "newly_unowned": [r.id for r in cov.newly_unowned],
            "fixed": [r.id for r in cov.fixed],
            "new_errors": [{"code": e.code, "message": e.message} for e in cov.new_errors],
        },
        "worse": diff.worse,
    }


def as_json(diff: OrgDiff) -> str:
    return json.dumps(as_data(diff), indent=2, ensure_ascii=True) + "\n"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}
