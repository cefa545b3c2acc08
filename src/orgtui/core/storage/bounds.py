"""Element counts far beyond any real org, refused before pydantic sees them.

A 32 MB file can hold 3 million empty `[[people]]` tables or 2.6 million unknown keys;
validating those took a minute and gigabytes and ended in a MemoryError. A real org of
100,000 people has a few hundred thousand entries with a dozen keys each.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orgtui.core.i18n import _
from orgtui.core.storage.load_errors import shown
from orgtui.core.storage.load_problems import LoadError, Problem

MAX_ENTRIES = 1_000_000  # entries of one array of tables
MAX_KEYS = 100  # keys of one table, top level included
_NAMED = 5  # unknown keys named in the message


def check_counts(data: dict[str, Any], name: str, tables: Mapping[str, Any], kind: str = "org file") -> None:
    """Raise LoadError when `data` is far larger than any real file of this `kind`."""
    problems: list[Problem] = []
    if len(data) > MAX_KEYS:
        problems.append(Problem(name, _too_many_keys(data, _("the top level of this catalog") if kind == "catalog" else _("the top level of this org file"))))
    for key, value in data.items():
        if isinstance(value, dict) and len(value) > MAX_ENTRIES:  # e.g. [efforts]
            problems.append(Problem(name, _("{n} keys in [{table}]; the limit is {limit}").format(n=f"{len(value):,}", table=shown(key, 30)[1:-1], limit=f"{MAX_ENTRIES:,}"), where=str(key)[:30]))
    for table in tables:
        entries = data.get(table)
        if not isinstance(entries, list):
            continue
        if len(entries) > MAX_ENTRIES:
            problems.append(Problem(name, _("{n} [[{table}]] entries; the limit is {limit}").format(n=f"{len(entries):,}", table=table, limit=f"{MAX_ENTRIES:,}"), where=table))
            continue
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and len(entry) > MAX_KEYS:
                problems.append(Problem(name, _too_many_keys(entry, _("one entry")), where=f"{table}[{index}]"))
                break  # one such entry says enough
    if problems:
        raise LoadError(problems)


def _too_many_keys(table: dict[str, Any], what: str) -> str:
    keys = ", ".join(shown(k, 30) for k in list(table)[:_NAMED])
    return _("{n} keys in {what}; the limit is {limit} (the first: {keys}, …)").format(n=f"{len(table):,}", what=what, limit=MAX_KEYS, keys=keys)
