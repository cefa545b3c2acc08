"""The org file as orgtui writes it, read without the general TOML parser.

`dumps_org` writes one fixed layout: the top-level keys, then every department, person and
position as its own `[[table]]` with its keys in a fixed order, each list one id a line.
A file in exactly that layout (what orgtui saved, `generate.py` made, or a hand edit that
kept to it) is read here with one regular expression per table, and its records are made
from the matched text: at 50,000 people that is several times faster than building the
TOML parser's million dicts and strings and then checking them value by value
(org_entries.py), and the parsed dicts never exist.

This reader takes a file only when it is sure of it: the text before the first `[[` is
parsed by the TOML parser and checked as before; after it, every character must belong to
a table in the layout, whose values are of the plain kinds the layout writes (strings
without escapes, ids, unsigned decimal numbers, lists of ids) and within their bounds. For
anything else it answers None and the general path (tomli, then org_entries) reads the
file and says what is wrong, in the same words as before. Whatever it accepts, the general
path reads as the same records (tests/test_org_layout.py holds the two to that).
"""

from __future__ import annotations

import re
import sys
from itertools import chain
from operator import itemgetter
from typing import Any

from orgtui.core.domain.ids import ID_PATTERN
from orgtui.core.domain.org import Department, Person, Position
from orgtui.core.storage import tomlio
from orgtui.core.storage.bounds import MAX_ENTRIES, check_counts
from orgtui.core.storage.load_problems import LoadError
from orgtui.core.storage.org_entries import TABLES, Errors, OrgEntries, read_entries
from orgtui.core.storage.schema import FORMAT_VERSION

_intern = sys.intern
_ID_TEXT = ID_PATTERN.removeprefix("^").removesuffix("$")
# A basic string: characters but quotes, backslashes and controls (TOML's), and pairs of
# a backslash and what it escapes; a string with escapes is read by the TOML parser itself.
# No line break can be in it, so no match starts or ends inside a string.
_PLAIN = r'[^"\\\x00-\x08\x0a-\x1f\x7f]*'
_STR = rf'"({_PLAIN}(?:\\[^\x00-\x1f\x7f]{_PLAIN})*)"'
_ID = f'"({_ID_TEXT})"'
_IDS = rf'(\[\]|\[\n(?:    "{_ID_TEXT}",\n)+\])'  # [] or one id a line, each with its comma
_NUM = r"((?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)"  # unsigned: float() reads it as TOML does
_AFTER = r"(\n?)"  # the blank line before the next table


def _table(header: str, lines: list[tuple[str, str, bool]]) -> tuple[re.Pattern[str], int, list[tuple[int, int]]]:
    """The pattern of one table in the layout; the length of its fixed text, and for each
    optional key (group index, length of its fixed text): a match's length can then be
    told from its groups, to prove the matches cover the text."""
    pattern, fixed, optional, group = re.escape(f"[[{header}]]\n"), len(f"[[{header}]]\n"), [], 1
    for key, value, required in lines:
        line = f"{re.escape(key)} = {value}\\n"
        words = len(f"{key} = \n") + (2 if value in (_STR, _ID) else 0)  # the quotes are outside the group
        if required:
            pattern, fixed = pattern + line, fixed + words
        else:
            pattern += f"(?:{line})?"
            optional.append((group, words))
        group += 1
    return re.compile(pattern + _AFTER), fixed, optional


_DEPARTMENTS = _table("departments", [("id", _ID, True), ("name", _STR, True), ("parent", _ID, False)])
_PEOPLE = _table("people", [("id", _ID, True), ("name", _STR, True), ("capacity", _NUM, False)])
_POSITIONS = _table("positions", [
    ("id", _ID, True), ("title", _STR, True), ("department", _ID, True), ("role", _ID, False),
    ("reports_to", _ID, False), ("dotted_to", _IDS, False), ("holders", _IDS, True), ("fte", _NUM, True),
    ("duties", _IDS, True),
])
_FIRST_TABLE = re.compile(r"^\[\[", re.MULTILINE)


def read_layout(text: str, name: str) -> OrgEntries | None:
    """The file's values checked and made records, if `text` is in the layout; else None."""
    start = _FIRST_TABLE.search(text)
    if start is None:
        return None
    at = start.start()
    found = [pattern.findall(text, at) for pattern, _, _ in (_DEPARTMENTS, _PEOPLE, _POSITIONS)]
    covered = sum(_length(rows, table) for rows, table in zip(found, (_DEPARTMENTS, _PEOPLE, _POSITIONS)))
    if covered != len(text) - at:
        return None  # something here is not in the layout
    head = _head(text[:at], name)
    if head is None:
        return None
    departments, people, positions = found
    if max(len(departments), len(people), len(positions)) > MAX_ENTRIES:
        return None
    names = [row[1] for row in departments] + [row[1] for row in people] + [row[1] for row in positions]
    if text.find("\\", at) != -1:  # some string holds an escape
        names = [_unescaped(n) if "\\" in n else n for n in names]
        if None in names:
            return None
    if names and not (min(map(len, names)) > 0 and max(map(len, names)) <= 200 and not any(map(str.isspace, names))):
        return None
    department_names, names = names[:len(departments)], names[len(departments):]
    people_names, titles = names[:len(people)], names[len(people):]
    capacities = [float(row[2]) if row[2] else 1.0 for row in people]
    ftes = [float(row[7]) for row in positions]
    if not (all(map((2.0).__ge__, capacities)) and all(map((0.0).__lt__, ftes)) and all(map((1.0).__ge__, ftes))):
        return None  # out of bounds (the general path says so)
    head.departments = [Department(_intern(i), n, _intern(p) if p else None) for (i, _, p, _), n in zip(departments, department_names)]
    head.people = list(map(Person, map(_intern, map(_FIRST, people)), people_names, capacities))
    head.positions = [
        Position(_intern(i), _intern(t), _intern(d), _intern(r) if r else None, _ids(h), _ids(u), f,
                 _intern(m) if m else None, _ids(o) if o else ())
        for (i, _, d, r, m, o, h, _, u, _), t, f in zip(positions, titles, ftes)
    ]
    return head


_FIRST = itemgetter(0)


def _unescaped(text: str) -> str | None:
    """A basic string's escapes as the TOML parser reads them (None if it refuses them)."""
    try:
        value = tomlio.toml_value(f'v = "{text}"')
    except ValueError:  # TOMLDecodeError is one
        return None
    return value if type(value) is str else None
_ITEMS = '",\n    "'


def _ids(listed: str) -> tuple[str, ...]:
    if listed == "[]":
        return ()
    return tuple(map(_intern, listed[7:-4].split(_ITEMS)))  # between '[\n    "' and '",\n]'


def _length(rows: list[tuple[str, ...]], table: tuple[re.Pattern[str], int, list[tuple[int, int]]]) -> int:
    """The length of the text these matches of one table's pattern cover."""
    _, fixed, optional = table
    total = len(rows) * fixed + sum(map(len, chain.from_iterable(rows)))
    for group, words in optional:
        present = len(rows) - list(map(itemgetter(group - 1), rows)).count("")
        total += present * words
    return total


def _head(text: str, name: str) -> OrgEntries | None:
    """The top-level keys before the first table, checked as the general path checks them
    (None for anything it would refuse or say something about)."""
    try:
        data: dict[str, Any] = tomlio.parse(text, name)
        check_counts(data, name, TABLES)
    except LoadError:
        return None
    if any(table in data for table in TABLES):
        return None  # a table also defined before the first [[...]]: TOML may refuse it
    fmt = data.get("format")
    if isinstance(fmt, int) and fmt > FORMAT_VERSION:
        return None
    errors = Errors(1)
    return read_entries(data, errors)
