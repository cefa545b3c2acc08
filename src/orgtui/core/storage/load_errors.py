"""Turning pydantic validation errors into located Problems.

`str(ValidationError)` prints dict keys raw (an ESC in a key would reach the terminal),
so messages are built from `errors(include_url=False)` and their `loc` tuples.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from orgtui.core.storage.problems import Problem


def id_line(text: str, table: str, ident: str) -> int | None:
    """Best-effort line of the `[[table]]` entry whose `id = "ident"`, for messages."""
    pattern = re.compile(r'^\s*id\s*=\s*["\']' + re.escape(ident) + r'["\']', re.MULTILINE)
    for match in pattern.finditer(text):
        before = text[: match.start()]
        header = before.rfind("[[")
        if header != -1 and before[header:].startswith(f"[[{table}"):
            return before.count("\n") + 1
    return None


def where(data: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """Describe a location like `positions[3] (id 'head_cs').holders[0]`."""
    out = ""
    node: Any = data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f" (id {node['id']!r})"
        else:
            out += ("." if out else "") + str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _message(err: ErrorDetails) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown key (not part of the format; check the spelling)"
    msg = str(err.get("msg", "invalid value"))
    if "input" in err and kind not in ("model_type", "list_type", "dict_type"):
        msg += f" (got {shown(err['input'])})"
    return msg


def shown(value: Any, limit: int = 60) -> str:
    """A short repr for messages; never raises (repr of a 5000-digit int does)."""
    try:
        text = repr(value)
    except ValueError:
        return "a number too large to show"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def problems_from(exc: ValidationError, data: dict[str, Any], name: str, text: str) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err.get("loc", ()))
        line = None
        if len(loc) >= 2 and isinstance(loc[1], int):
            table = loc[0]
            items = data.get(str(table)) if isinstance(data, dict) else None
            if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
                ident = items[loc[1]].get("id")
                if isinstance(ident, str):
                    line = id_line(text, str(table), ident)
        problems.append(Problem(name, _message(err), line=line, where=where(data, loc) or None))
    return problems
