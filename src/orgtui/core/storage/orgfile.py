"""Org files on disk: load (with every problem located), serialise, save atomically."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import tomli_w

from orgtui.core.domain.catalog import BUILTIN
from orgtui.core.domain.org import (
    DEFAULT_MAX_LAYERS,
    DEFAULT_MIN_SPAN,
    Department,
    Org,
    OrgInfo,
    Person,
    Position,
)
from orgtui.core.i18n import _
from orgtui.core.storage import tomlio
from orgtui.core.storage.atomic import atomic_write
from orgtui.core.storage.bounds import check_counts
from orgtui.core.storage.catalog_file import catalog_named_by
from orgtui.core.storage.load_errors import IdLines, located, shown
from orgtui.core.storage.load_problems import (
    MAX_LISTED_PER_FILE,
    LoadError,
    Problem,
    display_path,
)
from orgtui.core.storage.lock import saving
from orgtui.core.storage.org_entries import TABLES, Errors, OrgEntries, read_entries
from orgtui.core.storage.org_layout import read_layout
from orgtui.core.storage.schema import FORMAT_VERSION, check_references


@dataclass
class LoadedOrg:
    org: Org
    path: Path
    digest: str  # sha256 of the bytes as loaded: tells a colleague's save from ours


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_org(path: Path) -> LoadedOrg:
    """Load and check an org file; raises LoadError with every problem found."""
    data = tomlio.read_bytes(path)
    digest = digest_of(data)  # of the bytes read, which then go: 16 MB less held while parsing at 50,000 people
    text = tomlio.decode(data, display_path(path))
    del data
    return LoadedOrg(parse_org(text, path), path, digest)


def read_org(path: Path) -> Org:
    """`load_org` for a command that only reads (`orgtui check`): no digest to tell a later
    save from ours (hashing 16 MB at 50,000 people)."""
    return parse_org(tomlio.read_text(path), path)


def parse_org(text: str, path: Path) -> Org:
    """The org in `text` (read from `path`); raises LoadError with every problem found."""
    # Parsing and building make hundreds of thousands of objects that all live on and form
    # no cycles: the collector's passes over them meanwhile found nothing and cost a third
    # of the time at 50,000 people. It runs again afterwards as before.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_org(text, path)
    finally:
        if was_enabled:
            gc.enable()


def _parse_org(text: str, path: Path) -> Org:
    name = display_path(path)
    lines = IdLines(text)
    # The layout orgtui writes is read without the TOML parser's dicts; anything else (or
    # anything wrong) the general way, which says what is wrong.
    parsed = read_layout(text, name) or _read_entries(text, name, lines)
    catalog = catalog_named_by(parsed.catalog, path, name, _key_line(text, "catalog"))
    problems = check_references(parsed, catalog, name, lines)
    if problems:
        raise LoadError(problems)
    efforts = tuple(sorted(parsed.efforts.items()))
    info = OrgInfo(parsed.name, parsed.span_of_control, catalog_efforts=parsed.catalog_efforts, efforts=efforts,
                   min_span=parsed.min_span, max_layers=parsed.max_layers, tops=tuple(parsed.tops))
    org = Org(
        info,
        catalog,
        parsed.departments,
        parsed.people,
        parsed.positions,
        catalog_ref=None if parsed.catalog == BUILTIN else parsed.catalog,
    )
    org.preamble = leading_comments(text)
    return org


def _read_entries(text: str, name: str, lines: IdLines) -> OrgEntries:
    """The general path: any TOML, each value checked (raises LoadError)."""
    data = tomlio.parse(text, name)
    fmt = data.get("format")
    if isinstance(fmt, int) and fmt > FORMAT_VERSION:
        raise LoadError([Problem(name, _("format {found} was written by a newer orgtui; this one reads format {known}").format(found=shown(fmt), known=FORMAT_VERSION))])
    check_counts(data, name, TABLES)
    errors = Errors(MAX_LISTED_PER_FILE)
    parsed = read_entries(data, errors)
    if parsed is None:
        raise LoadError(located(errors.kept, errors.count, data, name, lines))
    return parsed  # the tables' dicts in `data` are gone already; the records hold what is left


def _key_line(text: str, key: str) -> int | None:
    """The line of a top-level `key = …` (before the first table), for messages."""
    found = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text[: _first_table(text)], re.MULTILINE)
    return None if found is None else text.count("\n", 0, found.start()) + 1


def _first_table(text: str) -> int:
    found = re.search(r"^[ \t]*\[", text, re.MULTILINE)
    return len(text) if found is None else found.start()


def leading_comments(text: str) -> str:
    """The comment block at the top of a file, kept across saves (tomli-w drops comments)."""
    lines: list[str] = []
    for line in _head(text).splitlines():
        if line.startswith("#") or (not line.strip() and lines):
            lines.append(line)
        else:
            break
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _head(text: str) -> str:
    """The text up to its first line that is neither a comment nor blank (splitting a
    16 MB file into lines for its comment block took 0.1 s)."""
    found = _CONTENT_LINE.search(text)
    if found is None:
        return text
    end = text.find("\n", found.start())
    return text if end == -1 else text[: end + 1]


_CONTENT_LINE = re.compile(r"^[^#\s]", re.MULTILINE)


def to_data(org: Org) -> dict[str, Any]:
    """The org as plain data in the file's fixed order (keys and entries)."""
    return {**_top_data(org), **{table: [entry(e) for e in entities] for table, entry, entities in _tables(org)}}


def _top_data(org: Org) -> dict[str, Any]:
    """The top-level keys, in the file's order."""
    info = org.info
    uses_effort = info.catalog_efforts or bool(info.efforts)
    reporting = {
        **({"min_span": info.min_span} if info.min_span != DEFAULT_MIN_SPAN else {}),
        **({"max_layers": info.max_layers} if info.max_layers != DEFAULT_MAX_LAYERS else {}),
        **({"tops": list(info.tops)} if info.tops else {}),
    }
    uses_reporting = bool(reporting) or any(p.reports_to or p.dotted_to for p in org.positions.values())
    return {
        # The lowest format that holds what the org uses: older files keep their bytes, and
        # an older orgtui says "written by a newer orgtui" instead of refusing an unknown key.
        "format": FORMAT_VERSION if uses_reporting else 2 if uses_effort else 1,
        "name": info.name,
        "catalog": org.catalog_ref or BUILTIN,
        "span_of_control": info.span_of_control,
        **reporting,
        **({"catalog_efforts": True} if org.info.catalog_efforts else {}),
        **({"efforts": dict(org.info.efforts)} if org.info.efforts else {}),
    }


def _department_data(d: Department) -> dict[str, Any]:
    return {"id": d.id, "name": d.name} | ({"parent": d.parent} if d.parent else {})


def _person_data(p: Person) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "capacity": p.capacity}


def _position_data(p: Position) -> dict[str, Any]:
    return ({"id": p.id, "title": p.title, "department": p.department}
            | ({"role": p.role} if p.role else {})
            | ({"reports_to": p.reports_to} if p.reports_to else {})
            | ({"dotted_to": list(p.dotted_to)} if p.dotted_to else {})
            | {"holders": list(p.holders), "fte": p.fte, "duties": list(p.duties)})


def _tables(org: Org) -> tuple[tuple[str, Callable[[Any], dict[str, Any]], Iterable[Any]], ...]:
    return (("departments", _department_data, org.departments.values()), ("people", _person_data, org.people.values()),
            ("positions", _position_data, org.positions.values()))


def dumps_org(org: Org) -> str:
    """Serialise in one fixed layout, whatever the lengths of names.

    tomli-w alone switches between inline tables and `[[table]]` sections depending on
    line length, so one long name would reformat a whole table in a diff. Here every
    entity is a `[[section]]`, every list has one item per line, and tomli-w encodes the
    values (escaping included). The text of `org_chunks` joined; a save and the recovery
    write stream `org_blocks` instead (the whole text of a 50,000-person org is 32 MB as a
    str once one name is beyond Latin-1, its bytes 16 MB more).
    """
    return "".join(org_chunks(org))


def org_chunks(org: Org) -> Iterator[str]:
    """The text of `dumps_org` in pieces: the top-level keys, then one entity at a time
    (the plain data of a 50,000-person org and its 500,000 lines held at once took 120 MB
    beside the org)."""
    data = _top_data(org)
    if org.preamble:
        yield org.preamble + "\n\n"
    for k in ("format", "name", "catalog", "span_of_control", "min_span", "max_layers", "tops", "catalog_efforts"):
        if k in data:
            yield _pair(k, data[k]) + "\n"
    if "efforts" in data:
        yield "\n[efforts]\n"
        for duty, fte in data["efforts"].items():
            yield f"{_value(duty)} = {_value(fte)}\n"
    for table, entry, entities in _tables(org):
        header = f"\n[[{table}]]\n"
        for e in entities:
            yield header + "\n".join([_pair(k, v) for k, v in entry(e).items()]) + "\n"


BLOCK_CHARS = 1 << 16


def org_blocks(org: Org, digest: Any | None = None, pace: Callable[[], object] | None = None) -> Iterator[bytes]:
    """`dumps_org(org)` as UTF-8, in blocks of about BLOCK_CHARS characters, for writing
    to a file as they come; `digest` (a hashlib object) is updated with each block, and
    `pace` called after each (the app's way to let a key go first: a save or recovery
    write in a thread shares the interpreter with the UI for ~0.3 s at 50,000 people)."""
    pending: list[str] = []
    size = 0
    for chunk in org_chunks(org):
        pending.append(chunk)
        size += len(chunk)
        if size >= BLOCK_CHARS:
            block = "".join(pending).encode("utf-8")
            pending, size = [], 0
            if digest is not None:
                digest.update(block)
            yield block
            if pace is not None:
                pace()
    if pending:
        block = "".join(pending).encode("utf-8")
        if digest is not None:
            digest.update(block)
        yield block


def _pair(key: str, value: Any) -> str:
    if isinstance(value, list):
        if not value:
            return f"{key} = []"
        return f"{key} = [\n" + "".join(f"    {_value(v)},\n" for v in value) + "]"
    return f"{key} = {_value(value)}"


def _value(value: Any) -> str:
    # A string with nothing to escape is itself in quotes (what tomli-w writes for it):
    # most values are ids and names, and caching them all took 16 MB at 50,000 people.
    if type(value) is str and _PLAIN.fullmatch(value) is not None:
        return f'"{value}"'
    return _escaped(value)


@lru_cache(maxsize=1024, typed=True)  # typed: 1, 1.0 and True differ in TOML
def _escaped(value: Any) -> str:
    text = tomli_w.dumps({"v": value})[4:-1]
    if isinstance(value, str):
        # tomli-w escapes C0 controls but writes C1 controls and bidi overrides raw, which
        # `cat` or `git diff` would then hand to a colleague's terminal.
        text = _RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


_RAW_CONTROLS = re.compile("[\x80-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_PLAIN = re.compile(r'[^\x00-\x1f"\\\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]*')


def save_org(org: Org, path: Path, precondition: Callable[[], object] | None = None) -> str:
    """Write the org atomically; returns the digest of what was written.

    `precondition` runs right before the rename (see `atomic_write`): raise from it to
    keep the file as it is, e.g. when its content no longer is what the edits began from.
    From the last check to the rename, an advisory flock on the file's edit lock makes a
    second orgtui process saving the same file wait for this one (see `lock.saving`).
    """
    digest = hashlib.sha256()
    with contextlib.ExitStack() as held:

        def last_look() -> None:
            held.enter_context(saving(path))  # once the bytes are on disk: serialising never holds it
            if precondition is not None:
                precondition()

        atomic_write(path, org_blocks(org, digest), precondition=last_look)
    return digest.hexdigest()
