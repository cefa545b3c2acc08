"""The hand-written check of an org file's values (core/storage/org_entries.py) says what
pydantic's models said before (tests/pydantic_org_format.py): the same verdict, the same
problems in the same words and order, the same records, on hand-picked and generated input."""

from __future__ import annotations

import copy
import datetime
import math
from typing import Any

import pydantic_org_format as old_format
from hypothesis import given, settings
from hypothesis import strategies as st

from orgtui.core.storage.load_errors import IdLines, located, validate
from orgtui.core.storage.load_problems import MAX_LISTED_PER_FILE
from orgtui.core.storage.org_entries import Errors, OrgEntries, read_entries

NAME = "org.toml"


def old_verdict(data: dict[str, Any]) -> tuple[Any, list[str]]:
    parsed, problems = validate(old_format.OrgFileIn, copy.deepcopy(data), NAME, IdLines(""), old_format.TABLES)
    if parsed is None:
        return None, [str(p) for p in problems]
    assert isinstance(parsed, old_format.OrgFileIn)
    return _records(parsed), []


def new_verdict(data: dict[str, Any]) -> tuple[Any, list[str]]:
    data = copy.deepcopy(data)
    errors = Errors(MAX_LISTED_PER_FILE)
    parsed = read_entries(data, errors)
    if parsed is None:
        return None, [str(p) for p in located(errors.kept, errors.count, data, NAME, IdLines(""))]
    return _records(parsed), []


def _records(parsed: old_format.OrgFileIn | OrgEntries) -> tuple[Any, ...]:
    """What the org is built from, as plain values (typed: 1 and 1.0 differ)."""
    def typed(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return ("sequence", tuple(value))
        return (type(value).__name__, value)

    scalars = tuple(typed(getattr(parsed, k)) for k in (
        "format", "name", "catalog", "span_of_control", "catalog_efforts", "min_span", "max_layers", "tops"))
    efforts = tuple((k, typed(v)) for k, v in parsed.efforts.items())
    tables = tuple(
        tuple(tuple(typed(getattr(entry, f)) for f in fields) for entry in getattr(parsed, table))
        for table, fields in (("departments", ("id", "name", "parent")), ("people", ("id", "name", "capacity")),
                              ("positions", ("id", "title", "department", "role", "holders", "fte", "duties",
                                             "reports_to", "dotted_to")))
    )
    return scalars, efforts, tables


def assert_same(data: dict[str, Any]) -> None:
    assert new_verdict(data) == old_verdict(data)


GOOD_POSITION = {"id": "lead", "title": "Lead", "department": "shop", "role": "ecommerce_manager", "holders": ["anna"],
                 "fte": 1, "duties": ["a.b"], "reports_to": "boss", "dotted_to": ["x"]}
HEAD: dict[str, Any] = {"format": 1, "name": "Shop"}

CASES: dict[str, dict[str, Any]] = {
    "empty": {},
    "good": {**HEAD, "catalog": "x.toml", "span_of_control": 3, "catalog_efforts": True, "efforts": {"a.b": 0.5, "c": 1},
             "min_span": 0, "max_layers": 1, "tops": ["lead"],
             "departments": [{"id": "shop", "name": "Shop"}, {"id": "cs", "name": "CS", "parent": "shop"}],
             "people": [{"id": "anna", "name": "Anna"}, {"id": "ben", "name": "Ben", "capacity": 2}],
             "positions": [GOOD_POSITION, {"id": "p2", "title": "T", "department": "cs"}]},
    "wrong types everywhere": {"format": True, "name": 3, "catalog": 1, "span_of_control": 1.0, "catalog_efforts": 1,
                               "efforts": [], "min_span": "2", "max_layers": 2.5, "tops": "x",
                               "departments": {}, "people": 3, "positions": "p"},
    "bounds": {"format": 0, "name": "x" * 201, "span_of_control": 1001, "min_span": -1, "max_layers": 0,
               "people": [{"id": "a", "name": "A", "capacity": c} for c in (-1, 2.5, math.nan, math.inf, -math.inf, 2**70, 2**2000, True, "1")],
               "positions": [{**GOOD_POSITION, "fte": f} for f in (0, -0.0, 1.5, math.nan, -math.inf, 1e-300, 2**2000, False)]},
    "names": {**HEAD, "departments": [{"id": "d", "name": n} for n in ("", " ", "\u3000\n", " x\u00a0", "x" * 200, "x" * 201)]},
    "ids": {**HEAD, "tops": ["ok", "a\n", "", "x" * 80, "x" * 81, "-a", "a b", 3, "ä"],
            "departments": [{"id": i, "name": "N"} for i in ("a\n", "_ok.x-y", ".a", None, ["a"])]},
    "efforts": {**HEAD, "efforts": {"bad key": "x", "ok.k": math.inf, "n": math.nan, "neg": -1, "big": 101, "bool": True,
                                    "x" * 100: 1, "fine": 100}},
    "entries not tables": {**HEAD, "people": [1, "a", [], {"id": "a"}, datetime.date(2020, 1, 1)]},
    "missing and unknown": {"nme": "x", "colour": 3, "people": [{"name": "x", "capcity": 1}],
                            "positions": [{"titel": "x", "id": "p"}]},
    "lists": {**HEAD, "positions": [{**GOOD_POSITION, "holders": "anna", "duties": [1, "ok", "b c"], "dotted_to": [True, []]}]},
    # each part of "a\nb" looks like an id, the item is none (a list's ids are matched joined by line breaks)
    "line break in a list item": {**HEAD, "tops": ["a\nb"], "positions": [{**GOOD_POSITION, "duties": ["a.b\nc.d", "e"], "holders": ["x\n"]}]},
    "dates": {**HEAD, "span_of_control": datetime.datetime(2020, 1, 1), "people": [{"id": "a", "name": datetime.time(1, 2)}]},
    "hundreds of problems": {**HEAD, "people": [{} for _ in range(400)]},
    "problems after a good entry": {**HEAD, "people": [{"id": "a", "name": "A"}, {"id": "b"}, {"id": "c", "name": "C"}, {"x": 1}]},
}


def test_each_hand_picked_input_gets_the_same_verdict_and_words():
    for label, data in CASES.items():
        assert new_verdict(data) == old_verdict(data), label


def test_a_good_file_gives_the_same_records():
    records, problems = new_verdict(CASES["good"])
    assert problems == [] and records == old_verdict(CASES["good"])[0]
    (_, people, positions) = records[2][0], records[2][1], records[2][2]
    assert people[1][2] == ("float", 2.0), "a whole-number capacity is kept as a float, as it is saved"
    assert positions[0][4] == ("sequence", ("anna",))


VALUES = st.one_of(
    st.sampled_from(["ok", "a.b", "shop", "anna", "", " ", "a b", "x" * 81, "a\n", "Ünï"]),
    st.integers(min_value=-3, max_value=1002) | st.sampled_from([2**70, 2**2000]),
    st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([0.0, 0.5, 1.0, 2.0, 100.0]),
    st.booleans(),
    st.just(datetime.date(2020, 1, 1)),
    st.lists(st.sampled_from(["ok", "a.b", 1, "b c", True]), max_size=3),
    st.dictionaries(st.sampled_from(["id", "x", "a.b"]), st.sampled_from(["ok", 1, 0.5]), max_size=2),
)


def _entry(fields: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from([*fields, "extra", "titel"]), VALUES, max_size=len(fields) + 1)


ENTRY_FIELDS = {
    "departments": ("id", "name", "parent"),
    "people": ("id", "name", "capacity"),
    "positions": ("id", "title", "department", "role", "holders", "fte", "duties", "reports_to", "dotted_to"),
}
TOP_FIELDS = ("format", "name", "catalog", "span_of_control", "catalog_efforts", "efforts", "min_span", "max_layers", "tops")
FILES = st.fixed_dictionaries(
    {},
    optional={
        **{key: VALUES for key in TOP_FIELDS},
        "efforts": st.dictionaries(st.sampled_from(["a.b", "bad key", "c"]), VALUES, max_size=3) | VALUES,
        "colour": VALUES,
        **{table: st.lists(_entry(fields) | VALUES, max_size=3) | VALUES for table, fields in ENTRY_FIELDS.items()},
    },
)


@settings(max_examples=400, deadline=None)
@given(FILES)
def test_generated_files_get_the_same_verdict_and_words(data):
    assert_same(data)
