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
from orgtui.core.text import visible

Quote = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Style:
    q: Quote  # a user's name, quoted: “Anna”
    role: Quote  # a catalog title (role), escaped
    ident: Quote  # an id: [anna] in text, `anna` in Markdown


TEXT = Style(lambda s: f"“{visible(s)}”", visible, lambda i: f"[{i}]")
MARKDOWN = Style(lambda s: f"“{md_escape(s)}”", md_escape, lambda i: f"`{i}`")

HEADINGS = {"org": "Org", "department": "Departments", "position": "Positions", "person": "People", "duty": "Duties"}
SIGNS = {"added": "+", "removed": "-", "moved": ">", "positions": ">", "owners": ">", "manager": ">"}
SCHEMA = "orgtui-diff/1"


def _num(value: float) -> str:
    return f"{value:g}"


def _names(refs: tuple[EntityRef, ...], q: Quote, empty: str = "nobody") -> str:
    return ", ".join(q(r.name) for r in refs) or empty


def _duty(ref: EntityRef, q: Quote) -> str:
    return f"{q(ref.name)} ({ref.role})" if ref.role else q(ref.name)


def sentence(item: Item, style: Style) -> str:
    """One change as a sentence, names quoted and escaped by `style`."""
    if item.what == "renamed" and item.section != "org":
        return f"{style.ident(item.subject.id)} renamed from {style.q(item.before)} to {style.q(item.after)}"
    return _SENTENCES[item.section](item, style, f"{style.q(item.subject.name)} {style.ident(item.subject.id)}")


def _org(item: Item, style: Style, named: str) -> str:
    q, w, b, a = style.q, item.what, item.before, item.after
    if w == "renamed":
        return f"org renamed from {q(b)} to {q(a)}"
    if w == "span_of_control":
        return f"span of control {b} → {a}"
    if w == "min_span":
        return f"minimum span {b} → {a}"
    if w == "max_layers":
        return f"layer target {b} → {a}"
    if w == "catalog_efforts":
        return "the catalog's effort estimates are " + ("used now" if a else "no longer used")
    return f"catalog {q(b)} → {q(a)}"


def _duty_change(item: Item, style: Style, named: str) -> str:
    q, s, b, a = style.q, item.subject, item.before, item.after
    duty = f"{q(s.name)} ({style.role(s.role or '')}) {style.ident(s.id)}"
    if item.what == "effort":
        shown = [f"{_num(v)} FTE" if v is not None else "the catalog's estimate" for v in (b, a)]
        return f"{duty}: effort {shown[0]} → {shown[1]}"
    if not b:
        return f"{duty}: assigned to {_names(a, q)}"
    if not a:
        return f"{duty}: taken from {_names(b, q)}, now nobody owns it"
    return f"{duty}: {_names(b, q)} → {_names(a, q)}"


def _department(item: Item, style: Style, named: str) -> str:
    q, w, b, a = style.q, item.what, item.before, item.after
    top = "the top level"
    if w == "added":
        return f"{named} added in {q(a.name) if a else top}"
    if w == "removed":
        return f"{named} removed (was in {q(b.name) if b else top})"
    return f"{named} moved from {q(b.name) if b else top} to {q(a.name) if a else top}"


def _position(item: Item, style: Style, named: str) -> str:
    q, role, w, b, a = style.q, style.role, item.what, item.before, item.after
    if w == "added":
        return f"{named} added in {q(a.name)}"
    if w == "removed":
        return f"{named} removed (was in {q(b.name)})"
    if w == "moved":
        return f"{named} moved from {q(b.name)} to {q(a.name)}"
    if w == "manager":
        return f"{named} now reports to {q(a.name) if a else 'nobody'} (was {q(b.name) if b else 'nobody'})"
    if w == "dotted":
        return f"{named} dotted lines {_names(b, q, 'none')} → {_names(a, q, 'none')}"
    if w == "role":
        return f"{named} role {role(b.name) if b else 'none'} → {role(a.name) if a else 'none'}"
    return f"{named} FTE {_num(b)} → {_num(a)}"


def _person(item: Item, style: Style, named: str) -> str:
    q, w, b, a = style.q, item.what, item.before, item.after
    if w == "added":
        return f"{named} added" + (f", holds {_names(a, q)}" if a else ", holds no position")
    if w == "removed":
        return f"{named} removed" + (f" (held {_names(b, q)})" if b else "")
    if w == "capacity":
        return f"{named} capacity {_num(b)} → {_num(a)} FTE"
    was, now = {r.id for r in b}, {r.id for r in a}
    parts = []
    left = tuple(r for r in b if r.id not in now)
    joined = tuple(r for r in a if r.id not in was)
    if left:
        parts.append(f"left {_names(left, q)}")
    if joined:
        parts.append(f"joined {_names(joined, q)}")
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
        out.append(f"This change leaves {len(cov.newly_unowned)} duty(ies) unowned: {names}.")
    if cov.fixed:
        names = ", ".join(_duty(EntityRef(r.id, r.name, role(r.role or "")), q) for r in cov.fixed)
        out.append(f"It fixes {len(cov.fixed)}: {names}.")
    if not cov.newly_unowned and not cov.fixed:
        out.append("No duty gains or loses its last owner.")
    if cov.new_errors:
        errors = "; ".join(role(e.message) for e in cov.new_errors)
        out.append(f"It adds {len(cov.new_errors)} error(s): {errors}.")
    return out


def count_rows(diff: OrgDiff) -> list[tuple[str, int, int]]:
    b, a = diff.coverage.before, diff.coverage.after
    return [
        ("unowned duties", b.unowned, a.unowned),
        ("split duties", b.split, a.split),
        ("vacancy-only duties", b.vacancy_only, a.vacancy_only),
        ("people over capacity", b.overloaded, a.overloaded),
        ("errors", b.errors, a.errors),
        ("warnings", b.warnings, a.warnings),
    ]


def verdict(diff: OrgDiff) -> str:
    return "Coverage got worse." if diff.worse else "Coverage did not get worse."


def as_text(diff: OrgDiff) -> str:
    out = [visible(f"orgtui diff {diff.old.id} → {diff.new.id}")]
    out += [f"note: {n}" for n in diff.notes]
    if not diff.items:
        out.append("No changes to the org, its departments, positions, people or duties.")
    for section in HEADINGS:
        items = diff.section(section)
        if items:
            out.append(HEADINGS[section])
            out += [f"  {SIGNS.get(i.what, '~')} {sentence(i, TEXT)}" for i in items]
    out.append("Coverage")
    out += [f"  {s}" for s in coverage_sentences(diff, TEXT)]
    out.append("  " + ", ".join(f"{label} {b} → {a}" for label, b, a in count_rows(diff)))
    out.append(verdict(diff))
    return "\n".join(out) + "\n"


def as_markdown(diff: OrgDiff) -> str:
    title = md_escape(diff.new.name if diff.old.name == diff.new.name else f"{diff.old.name} → {diff.new.name}")
    out = [f"## Org changes: {title}", ""]
    out += [f"> Note: {md_escape(n)}" for n in diff.notes]
    if not diff.items:
        out += ["No changes to the org, its departments, positions, people or duties.", ""]
    for section in HEADINGS:
        items = diff.section(section)
        if items:
            out += [f"### {HEADINGS[section]}", ""]
            out += [f"- {sentence(i, MARKDOWN)}" for i in items]
            out.append("")
    out += ["### Coverage", ""]
    out += [f"- {s}" for s in coverage_sentences(diff, MARKDOWN)]
    out += ["", "| | before | after |", "| --- | ---: | ---: |"]
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
