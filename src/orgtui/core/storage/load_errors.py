"""Turning validation errors into located Problems, in bounded time and output.

Org files are checked by hand (org_entries.py), user catalogs by pydantic; both describe
a problem the same way (a dict of `type`, `loc`, `msg`, `input`). `str(ValidationError)` prints dict keys raw (an ESC in a key would reach the terminal),
so messages are built from `errors(include_url=False)` and their `loc` tuples. Turning
two million errors into Python dicts takes 16 s and 2 GB, so a file with more than a
screenful of errors is validated again entry by entry until that screenful is found, and
the rest are only counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from orgtui.core.i18n import N_, _, language
from orgtui.core.storage.load_problems import (
    MAX_LISTED_PER_FILE,
    Problem,
    more_problems,
)

if TYPE_CHECKING:  # pydantic is imported only to read a user's catalog: opening an org never needs it
    from pydantic import BaseModel, ValidationError

_HEADER_OR_ID = re.compile(
    r"""^[ \t]*(?:
        \[\[[ \t]*(?P<array>[^\]\n]*?)[ \t]*\]\]
      | \[[ \t]*(?P<table>[^\]\n]*?)[ \t]*\]
      | id[ \t]*=[ \t]*(?:"(?P<dq>[^"\\\n]*)"|'(?P<sq>[^'\n]*)')
    )""",
    re.MULTILINE | re.VERBOSE,
)


class IdLines:
    """The line of each `[[table]]` entry's `id = "…"`, found in one pass over the text.

    Built on first use, so a file without problems never pays for it; then every lookup
    is a dict access (before, each problem rescanned the text: 26 s for 2,000 problems).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[tuple[str, str], int] | None = None

    def line(self, table: str, ident: str) -> int | None:
        if self._lines is None:
            self._lines = self._scan()
        return self._lines.get((table, ident))

    def _scan(self) -> dict[tuple[str, str], int]:
        lines: dict[tuple[str, str], int] = {}
        text = self.text
        current: str | None = None
        line, counted_to = 1, 0
        for match in _HEADER_OR_ID.finditer(text):
            if match.group("array") is not None:
                current = match.group("array")
            elif match.group("table") is not None:
                current = None  # a plain [table] holds no entries of an array of tables
            elif current is not None:
                line += text.count("\n", counted_to, match.start())
                counted_to = match.start()
                ident = match.group("dq") if match.group("dq") is not None else match.group("sq")
                lines.setdefault((current, ident), line)
        return lines


def id_line(text: str, table: str, ident: str) -> int | None:
    """Line of one `[[table]]` entry (one scan; use IdLines for more than one lookup)."""
    return IdLines(text).line(table, ident)


def where(data: Any, loc: tuple[Any, ...]) -> str:
    """Describe a location like `positions[3] (id 'head_cs').holders[0]`."""
    out = ""
    node: Any = data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f" (id {shown(node['id'])})"
        else:
            out += ("." if out else "") + _short(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# pydantic's own words for the mistakes a hand-edited file makes (org_entries.py uses them
# too), in the user's language; `{…}` are pydantic's context values. English keeps
# pydantic's exact words; a kind not listed keeps them in every language.
_PYDANTIC_WORDS = {
    "string_type": N_("Input should be a valid string"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "float_type": N_("Input should be a valid number"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "list_type": N_("Input should be a valid list"),
    "dict_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a table"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "string_too_short": N_("String should have at least {min_length} character"),
    "string_too_long": N_("String should have at most {max_length} characters"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "literal_error": N_("Input should be {expected}"),
}


def _message(err: Mapping[str, Any]) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return _("required field is missing")
    if kind == "extra_forbidden":
        return _("unknown key (not part of the format; check the spelling)")
    msg = str(err.get("msg") or _("invalid value"))
    if kind in _PYDANTIC_WORDS and language() != "en":
        try:
            msg = _(_PYDANTIC_WORDS[kind]).format(**(err.get("ctx") or {}))
        except (KeyError, IndexError, ValueError):
            pass  # a context pydantic spells differently: its own words then
    msg = msg.removeprefix("Value error, ")  # pydantic's wrapping of our own validators
    msg = msg.splitlines()[0] if msg else _("invalid value")
    if "input" in err and kind not in ("model_type", "list_type", "dict_type"):
        msg += _(" (got {value})").format(value=shown(err["input"]))
    return msg


def shown(value: Any, limit: int = 60) -> str:
    """A short repr for messages; never raises (repr of a 5000-digit int does) and never
    builds a huge string first (a 1 MB name is cut before repr)."""
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit]
    try:
        text = repr(value)
    except ValueError:
        return _("a number too large to show")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def validate(
    model: type[BaseModel],
    data: dict[str, Any],
    name: str,
    lines: IdLines,
    tables: Mapping[str, type[BaseModel]],
    limit: int = MAX_LISTED_PER_FILE,
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate `data`; returns (model, []) or (None, problems), at most `limit` listed.

    `tables` names the arrays of tables and the model of one entry, for the second pass.
    """
    from pydantic import ValidationError

    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        total = exc.error_count()
        if total <= limit:
            return None, [_problem(err, data, name, lines) for err in exc.errors(include_url=False)]
    problems: list[Problem] = []
    for err in _errors_one_by_one(model, data, tables):
        problems.append(_problem(err, data, name, lines))
        if len(problems) == limit:
            break
    if total > len(problems):
        problems.append(more_problems(name, total - len(problems)))
    return None, problems


def _errors_one_by_one(
    model: type[BaseModel], data: dict[str, Any], tables: Mapping[str, type[BaseModel]]
) -> Iterator[Mapping[str, Any]]:
    """The same errors as validating `data` whole, found lazily: the top level first
    (without its arrays of tables), then each entry of each table."""
    from pydantic import ValidationError

    top = {k: v for k, v in data.items() if not (k in tables and isinstance(v, list))}
    try:
        model.model_validate(top)
    except ValidationError as exc:
        yield from exc.errors(include_url=False)
    for table, entry_model in tables.items():
        entries = data.get(table)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            try:
                entry_model.model_validate(entry)
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    yield {**err, "loc": (table, index, *err.get("loc", ()))}


def located(errors: Iterable[Mapping[str, Any]], total: int, data: dict[str, Any], name: str, lines: IdLines) -> list[Problem]:
    """Problems for `errors` (the first of `total`), then one line for the rest."""
    problems = [_problem(err, data, name, lines) for err in errors]
    return problems + ([more_problems(name, total - len(problems))] if total > len(problems) else [])


def _problem(err: Mapping[str, Any], data: dict[str, Any], name: str, lines: IdLines) -> Problem:
    loc = tuple(err.get("loc", ()))
    line = None
    if len(loc) >= 2 and isinstance(loc[1], int):
        table = loc[0]
        items = data.get(table) if isinstance(data, dict) else None
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
            ident = items[loc[1]].get("id")
            if isinstance(ident, str):
                line = lines.line(str(table), ident)
    return Problem(name, _message(err), line=line, where=where(data, loc) or None)


def problems_from(exc: ValidationError, data: dict[str, Any], name: str, text: str) -> list[Problem]:
    """Every error of `exc` as a Problem (kept for callers with a small input)."""
    lines = IdLines(text)
    return [_problem(err, data, name, lines) for err in exc.errors(include_url=False)]
