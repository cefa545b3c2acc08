"""The org file's values checked by hand and turned into records, table by table.

This is the format of docs/org-file.md, strict: every key known, every value of its
exact TOML type (a capacity of `"lots"` or `true` is refused, `1` is taken as 1.0), ids
of the id pattern, names neither empty nor blank nor longer than 200 characters. A
problem is reported in the words and order pydantic used for the same models before (the
tests compare the two on many inputs): fields in the order below, then unknown keys.

Written by hand because it is the open path's cost: at 50,000 people pydantic's models
took longer than the TOML parse, and they, the parsed dicts and the org were alive at
once. Here each entry becomes its record at once and its parsed dict is dropped, and ids
are interned (a duty id is named by thousands of positions).
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from orgtui.core.domain.catalog import MAX_EFFORT
from orgtui.core.domain.ids import ID_PATTERN
from orgtui.core.domain.org import Department, Person, Position
from orgtui.core.i18n import _

# One problem as pydantic described it: where (a path of keys and indices), a kind, the
# words, and the value found. load_errors turns it into a located Problem.
Error = dict[str, Any]
_MISSING = object()


class _Bad(Exception):
    """A value that does not fit: its kind and words (pydantic's)."""

    def __init__(self, kind: str, msg: str, ctx: dict[str, Any] | None = None) -> None:
        self.kind, self.msg, self.ctx = kind, msg, ctx


_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))  # fullmatch: `$` would allow a final newline
_ID_WORDS = f"String should match pattern '{ID_PATTERN}'"
_intern = sys.intern


def _string(value: Any) -> str:
    if type(value) is not str:
        raise _Bad("string_type", "Input should be a valid string")
    return value


def _ident(value: Any) -> str:
    if type(value) is not str:
        raise _Bad("string_type", "Input should be a valid string")
    if _ID.fullmatch(value) is None:
        raise _Bad("string_pattern_mismatch", _ID_WORDS, {"pattern": ID_PATTERN})
    return _intern(value)


def _name(value: Any) -> str:
    if type(value) is not str:
        raise _Bad("string_type", "Input should be a valid string")
    if not value:
        raise _Bad("string_too_short", "String should have at least 1 character", {"min_length": 1})
    if len(value) > 200:
        raise _Bad("string_too_long", "String should have at most 200 characters", {"max_length": 200})
    if not value.strip():
        raise _Bad("value_error", "Value error, " + _("must not be blank"))
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _Bad("bool_type", "Input should be a valid boolean")
    return value


def _limit(value: float, low: float, high: float | None, low_included: bool) -> None:
    """The bounds in pydantic's order: the upper first (so NaN fails it), then the lower.
    The context carries the bound as the field's type has it (2.0 for a float)."""
    if high is not None and not value <= high:
        raise _Bad("less_than_equal", f"Input should be less than or equal to {high:g}", {"le": high})
    if low_included and not value >= low:
        raise _Bad("greater_than_equal", f"Input should be greater than or equal to {low:g}", {"ge": low})
    if not low_included and not value > low:
        raise _Bad("greater_than", f"Input should be greater than {low:g}", {"gt": low})


def _integer(low: int, high: int | None) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if type(value) is not int:  # not a bool, not 1.0
            raise _Bad("int_type", "Input should be a valid integer")
        _limit(value, low, high, True)
        return value
    return check


def _number(low: float, high: float, low_included: bool = True) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        kind = type(value)
        number: float
        if kind is float:
            number = value
        elif kind is int:  # `capacity = 1`; not a bool
            try:
                number = float(value)
            except OverflowError:
                raise _Bad("float_type", "Input should be a valid number") from None
        else:
            raise _Bad("float_type", "Input should be a valid number")
        _limit(number, low, high, low_included)
        if not math.isfinite(number):
            raise _Bad("value_error", "Value error, " + _("must be a finite number"))
        return number
    return check


_capacity = _number(0.0, 2.0)
_fte = _number(0.0, 1.0, low_included=False)
_effort = _number(0.0, MAX_EFFORT)


# -- one table entry --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    check: Callable[[Any], Any]
    default: Any = _MISSING  # _MISSING: required
    many: bool = False  # a list of such values (kept as a tuple)


class Errors:
    """The problems found: the first `limit` kept, all counted (a hostile file has millions)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.kept: list[Error] = []
        self.count = 0

    def add(self, loc: tuple[Any, ...], kind: str, msg: str, value: Any, ctx: dict[str, Any] | None = None) -> None:
        self.count += 1
        if len(self.kept) < self.limit:
            self.kept.append({"type": kind, "loc": loc, "msg": msg, "input": value, **({"ctx": ctx} if ctx else {})})


def _list(value: Any, check: Callable[[Any], Any], loc: tuple[Any, ...], errors: Errors) -> tuple[Any, ...]:
    if type(value) is not list:
        errors.add(loc, "list_type", "Input should be a valid list", value)
        return ()
    if check is _ident and _all_ids(value):
        return tuple(map(_intern, value))  # the common case, checked in one regex pass
    out = []
    for index, item in enumerate(value):
        try:
            out.append(check(item))
        except _Bad as bad:
            errors.add((*loc, index), bad.kind, bad.msg, item, bad.ctx)
    return tuple(out)


# An id holds no line break, so ids joined by them match this exactly when each is an id
# (and no item brought a line break of its own: "a\nb" is not an id, though a and b are).
_IDS = re.compile(f"{_ID.pattern}(?:\n{_ID.pattern})*")


def _all_ids(items: list[Any]) -> bool:
    if not items:
        return True
    for item in items:
        if type(item) is not str:
            return False
    joined = "\n".join(items)
    return joined.count("\n") == len(items) - 1 and _IDS.fullmatch(joined) is not None


def _values(fields: tuple[_Field, ...], entry: dict[str, Any], loc: tuple[Any, ...], errors: Errors) -> list[Any]:
    """Each field's value (or its default) in order; what does not fit goes to `errors`."""
    values = []
    get = entry.get
    for spec in fields:
        value = get(spec.name, _MISSING)
        if value is _MISSING:
            if spec.default is _MISSING:
                errors.add((*loc, spec.name), "missing", "Field required", entry)
            values.append(spec.default)
        elif spec.many:
            values.append(_list(value, spec.check, (*loc, spec.name), errors))
        else:
            try:
                values.append(spec.check(value))
            except _Bad as bad:
                errors.add((*loc, spec.name), bad.kind, bad.msg, value, bad.ctx)
                values.append(None)
    return values


def _unknown_keys(known: frozenset[str], entry: dict[str, Any], loc: tuple[Any, ...], errors: Errors) -> None:
    if not known.issuperset(entry):
        for key, value in entry.items():
            if key not in known:
                errors.add((*loc, key), "extra_forbidden", "Extra inputs are not permitted", value)


@dataclass(frozen=True)
class _Table:
    name: str
    model: str  # the name pydantic's message gave the entry's type
    fields: tuple[_Field, ...]
    make: Callable[[list[Any]], Any]
    # The common entry at C speed: its record, or None for anything it does not vouch for
    # (then the fields above decide, and say what is wrong). It may refuse more than they
    # do, never less; tests/test_org_entries.py holds both to pydantic's verdicts.
    quick: Callable[[dict[str, Any]], Any]

    @property
    def known(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields)


def _good_name(value: Any) -> bool:
    return type(value) is str and 0 < len(value) <= 200 and not value.isspace()


def _good_id(value: Any) -> bool:
    return type(value) is str and _ID.fullmatch(value) is not None


def _good_number(value: Any, high: float) -> bool:
    """In [0, high] (NaN is not), of type float or int (not bool)."""
    kind = type(value)
    return (kind is float or kind is int) and 0 <= value <= high


_PERSON_KEYS = frozenset(("id", "name", "capacity"))


def _quick_person(entry: dict[str, Any]) -> Person | None:
    get: Callable[..., Any] = entry.get
    ident, name, capacity = get("id"), get("name"), get("capacity", 1.0)
    if _good_id(ident) and _good_name(name) and _good_number(capacity, 2.0) and _PERSON_KEYS.issuperset(entry):
        return Person(_intern(ident), name, float(capacity))
    return None


_POSITION_KEYS = frozenset(("id", "title", "department", "role", "holders", "fte", "duties", "reports_to", "dotted_to"))


def _quick_position(entry: dict[str, Any]) -> Position | None:
    get: Callable[..., Any] = entry.get
    ident, title, department, role, fte = get("id"), get("title"), get("department"), get("role"), get("fte", 1.0)
    holders, duties, reports_to, dotted_to = get("holders", []), get("duties", []), get("reports_to"), get("dotted_to", [])
    if _good_id(ident) and _good_name(title) and _good_id(department) and (role is None or _good_id(role)) \
            and (reports_to is None or _good_id(reports_to)) and _good_number(fte, 1.0) and fte != 0 \
            and type(holders) is list and type(duties) is list and type(dotted_to) is list \
            and _all_ids(holders) and _all_ids(duties) and _all_ids(dotted_to) and _POSITION_KEYS.issuperset(entry):
        return Position(_intern(ident), _intern(title), _intern(department), None if role is None else _intern(role),
                        tuple(map(_intern, holders)), tuple(map(_intern, duties)), float(fte),
                        None if reports_to is None else _intern(reports_to), tuple(map(_intern, dotted_to)))
    return None


def _never(entry: dict[str, Any]) -> None:
    return None


_DEPARTMENT = _Table("departments", "DepartmentIn", (
    _Field("id", _ident), _Field("name", _name), _Field("parent", _ident, None),
), lambda v: Department(*v), _never)  # a few thousand at most
_PERSON = _Table("people", "PersonIn", (
    _Field("id", _ident), _Field("name", _name), _Field("capacity", _capacity, 1.0),
), lambda v: Person(*v), _quick_person)
_POSITION = _Table("positions", "PositionIn", (
    _Field("id", _ident), _Field("title", _name), _Field("department", _ident), _Field("role", _ident, None),
    _Field("holders", _ident, (), many=True), _Field("fte", _fte, 1.0), _Field("duties", _ident, (), many=True),
    _Field("reports_to", _ident, None), _Field("dotted_to", _ident, (), many=True),
    # a title is often shared (a hundred "Customer Service Agent"s): interned like the ids
), lambda v: Position(v[0], _intern(v[1]), v[2], v[3], v[4], v[6], v[5], v[7], v[8]), _quick_position)
TABLES = {t.name: t for t in (_DEPARTMENT, _PERSON, _POSITION)}


def _records(table: _Table, items: Any, errors: Errors) -> list[Any]:
    """The records of one `[[table]]` in file order, each entry's dict dropped once its
    record is made; after a first problem the rest is only checked."""
    if type(items) is not list:
        errors.add((table.name,), "list_type", "Input should be a valid list", items)
        return []
    model = f"Input should be a valid dictionary or instance of {table.model}"
    fields, known, make, quick = table.fields, table.known, table.make, table.quick
    out = []
    for index, entry in enumerate(items):
        found = errors.count
        if not found and type(entry) is dict:
            record = quick(entry)
            if record is not None:
                out.append(record)
                items[index] = None
                continue
        if type(entry) is not dict:
            errors.add((table.name, index), "model_type", model, entry)
            continue
        values = _values(fields, entry, (table.name, index), errors)
        _unknown_keys(known, entry, (table.name, index), errors)
        if errors.count == found:
            if not found:
                out.append(make(values))
            items[index] = None  # read: the parsed dict can go (a problem's entry stays, to be named)
    return out


# -- the top level ----------------------------------------------------------------------


@dataclass
class OrgEntries:
    """What an org file holds, checked value by value (references are checked next)."""

    format: int
    name: str
    catalog: str
    span_of_control: int
    catalog_efforts: bool
    efforts: dict[str, float]
    min_span: int
    max_layers: int
    tops: tuple[str, ...]
    departments: list[Department]
    people: list[Person]
    positions: list[Position]


# The top level's fields in the file format's order; `efforts` (a table of duty -> FTE)
# stands between catalog_efforts and min_span, the arrays of tables come last.
_BEFORE_EFFORTS = (
    _Field("format", _integer(1, None)), _Field("name", _name), _Field("catalog", _string, "builtin"),
    _Field("span_of_control", _integer(1, 1000), 8), _Field("catalog_efforts", _bool, False),
)
_AFTER_EFFORTS = (
    _Field("min_span", _integer(0, 1000), 2), _Field("max_layers", _integer(1, 1000), 6), _Field("tops", _ident, (), many=True),
)
_TOP_KNOWN = frozenset([f.name for f in _BEFORE_EFFORTS + _AFTER_EFFORTS] + ["efforts", *TABLES])


def _efforts(value: Any, errors: Errors) -> dict[str, float]:
    if type(value) is not dict:
        errors.add(("efforts",), "dict_type", "Input should be a valid dictionary", value)
        return {}
    out = {}
    for key, effort in value.items():
        try:
            duty = _ident(key)
        except _Bad as bad:
            errors.add(("efforts", key, "[key]"), bad.kind, bad.msg, key, bad.ctx)
            duty = key
        try:
            out[duty] = _effort(effort)
        except _Bad as bad:
            errors.add(("efforts", key), bad.kind, bad.msg, effort, bad.ctx)
    return out


def read_entries(data: dict[str, Any], errors: Errors) -> OrgEntries | None:
    """The file's records, or None when `errors` got some. The tables' lists in `data`
    are emptied of their dicts as they are read."""
    first = _values(_BEFORE_EFFORTS, data, (), errors)
    efforts = _efforts(data["efforts"], errors) if "efforts" in data else {}
    then = _values(_AFTER_EFFORTS, data, (), errors)
    tables = {name: _records(table, data[name], errors) if name in data else [] for name, table in TABLES.items()}
    _unknown_keys(_TOP_KNOWN, data, (), errors)
    if errors.count:
        return None
    fmt, name, catalog, span, catalog_efforts = first
    min_span, max_layers, tops = then
    return OrgEntries(fmt, name, catalog, span, catalog_efforts, efforts, min_span, max_layers, tops,
                      tables["departments"], tables["people"], tables["positions"])
