"""The reader of orgtui's own layout (core/storage/org_layout.py) against the general path
(tomli, then org_entries): a file it takes, the general path reads as the same records
(typed: 1 and 1.0 differ); a file it does not take goes the general way, so a problem is
still said in the same words and `orgtui check` prints the same, byte for byte."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from random_orgs import small_orgs
from test_org_entries import _records

from orgtui.cli.check import cmd_check
from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.storage import orgfile, tomlio
from orgtui.core.storage.load_problems import LoadError
from orgtui.core.storage.org_entries import Errors, read_entries
from orgtui.core.storage.org_layout import read_layout
from orgtui.core.storage.orgfile import dumps_org, parse_org

ROOT = Path(__file__).resolve().parent.parent
NAME = "org.toml"


def _generate_module() -> Any:
    spec = importlib.util.spec_from_file_location("orgtui_bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def general(text: str) -> Any:
    """The general path's records, or what it refuses with."""
    try:
        data = tomlio.parse(text, NAME)
    except LoadError as exc:
        return ("refused", [str(p) for p in exc.problems])
    parsed = read_entries(data, Errors(10))
    return ("refused", "values") if parsed is None else _records(parsed)


def layout(text: str) -> Any:
    parsed = read_layout(text, NAME)
    return None if parsed is None else _records(parsed)


def assert_never_differs(text: str) -> Any:
    """The layout reader either leaves `text` to the general path or reads what it reads."""
    found = layout(text)
    if found is not None:
        assert found == general(text)
    return found


def rich_org() -> Org:
    """Every key the layout writes, optional ones present and absent."""
    catalog = builtin_catalog()
    duties = list(catalog.duties)
    info = OrgInfo("Shop “Ü” & Co", 5, preamble="# a comment\n# two", catalog_efforts=True,
                   efforts=((duties[0], 0.25), (duties[1], 2.0)), min_span=1, max_layers=4, tops=("p1", "p2"))
    return Org(info, catalog,
               [Department("shop", "Shop"), Department("cs", "Customer Service", "shop")],
               [Person("anna", "Anna Ärger", 1.0), Person("ben", "Ben\tTab", 0.5), Person("cy", "Cy", 2.0)],
               [Position("p1", "Head", "shop", "ecommerce_manager", ("anna",), tuple(duties[:3]), 1.0),
                Position("p2", "Agent", "cs", None, ("ben", "cy"), (duties[3],), 0.5, "p1", ("p1",)),
                Position("p3", "Vacant", "cs", None, (), (), 0.25, "p1"),
                Position("p4", "Idle", "cs", "ecommerce_manager", ("cy",), (), 1e-05)])


def test_what_orgtui_writes_is_read_by_the_layout_reader_as_by_the_general_path():
    texts = [dumps_org(rich_org())]
    texts += [dumps_org(parse_org(path.read_text(encoding="utf-8"), path)) for path in sorted((ROOT / "sample_orgs").glob("*.toml"))]
    generate = _generate_module()
    texts += [dumps_org(generate.generate(people, seed=seed)) for people, seed in ((60, 1), (500, 2), (2000, 3))]
    assert all(assert_never_differs(text) is not None for text in texts)
    assert any("\\u001b" in text for text in texts), "hostile-names.toml: names with escapes"


@settings(max_examples=150, deadline=None)
@given(small_orgs())
def test_random_orgs_as_orgtui_writes_them(org):
    assert assert_never_differs(dumps_org(org)) is not None


BASE = dumps_org(rich_org())
# Hand-picked edits of the layout: each is either left to the general path or read alike.
EDITS = {
    "comment line": ("\n[[people]]\n", "\n# hi\n[[people]]\n"),
    "comment after a value": ('capacity = 0.5\n', 'capacity = 0.5 # half\n'),
    "CRLF": ("\n", "\r\n"),
    "escaped quote": ("Anna Ärger", 'Anna \\"A\\"'),
    "escape": ("Anna Ärger", "Anna\\u00c4"),
    "escaped backslash before the quote": ("Anna Ärger", "Anna\\\\"),
    "bad escape": ("Anna Ärger", "Anna\\q"),
    "surrogate escape": ("Anna Ärger", "Anna\\ud800"),
    "escape of a line break": ("Anna Ärger", "Anna\\n"),
    "escaped blank name": ('"Anna Ärger"', '"\\t"'),
    "raw control": ("Anna Ärger", "Anna\x01"),
    "raw DEL": ("Anna Ärger", "Anna\x7f"),
    "literal string": ('name = "Anna Ärger"', "name = 'Anna Ärger'"),
    "empty name": ('"Anna Ärger"', '""'),
    "blank name": ('"Anna Ärger"', '"\u3000 "'),
    "long name": ("Anna Ärger", "x" * 201),
    "name of 200": ("Anna Ärger", "x" * 200),
    "capacity too large": ("capacity = 2.0", "capacity = 2.5"),
    "capacity int": ("capacity = 2.0", "capacity = 2"),
    "capacity exponent": ("capacity = 2.0", "capacity = 2e0"),
    "capacity leading zero": ("capacity = 2.0", "capacity = 02.0"),
    "capacity underscore": ("capacity = 2.0", "capacity = 2_0"),
    "capacity negative zero": ("capacity = 2.0", "capacity = -0.0"),
    "capacity huge": ("capacity = 2.0", "capacity = 1" + "0" * 400),
    "capacity missing": ("\ncapacity = 2.0", ""),
    "fte zero": ("fte = 0.25", "fte = 0.0"),
    "fte over one": ("fte = 0.25", "fte = 1.5"),
    "fte inf": ("fte = 0.25", "fte = inf"),
    "fte missing": ("\nfte = 0.25", ""),
    "key order": ('id = "anna"\nname = "Anna Ärger"', 'name = "Anna Ärger"\nid = "anna"'),
    "key twice": ('name = "Cy"', 'name = "Cy"\nname = "Cy"'),
    "unknown key": ('name = "Cy"', 'name = "Cy"\ncolour = "red"'),
    "spaces around =": ('id = "anna"', 'id  =  "anna"'),
    "trailing space": ('id = "anna"', 'id = "anna" '),
    "bad id": ('id = "anna"', 'id = "an na"'),
    "id with a dot key": ('id = "anna"', 'id.x = "anna"'),
    "bad list id": ('    "anna",\n', '    "an na",\n'),
    "list on one line": ('holders = [\n    "anna",\n]', 'holders = ["anna"]'),
    "list without comma": ('    "anna",\n]', '    "anna"\n]'),
    "list of numbers": ('    "anna",\n', '    1,\n'),
    "two blank lines": ("\n\n[[people]]", "\n\n\n[[people]]"),
    "no blank line": ("\n\n[[people]]", "\n[[people]]"),
    "tables interleaved": ('\n[[people]]\nid = "anna"', '\n[[positions]]\nid = "p0"\ntitle = "T"\ndepartment = "shop"\nholders = []\nfte = 1.0\nduties = []\n\n[[people]]\nid = "anna"'),
    "table header with spaces": ("[[people]]", "[[ people ]]"),
    "other table after": ("", ""),
    "static array before": ("span_of_control = 5\n", 'span_of_control = 5\npeople = []\n'),
    "table before": ("span_of_control = 5\n", 'span_of_control = 5\n[people]\n'),
    "newer format": ("format = 3", "format = 99"),
    "bad top value": ("span_of_control = 5", "span_of_control = 0"),
    "unknown top key": ("span_of_control = 5", "span_of_control = 5\ncolour = 1"),
    "multi-line string over the first table": ('name = "Shop “Ü” & Co"', 'name = """Shop\n[[people]]\nid = "x"\n"""'),
    "no final newline": ("", ""),
    "nothing before the tables": ("", ""),
    "header inside a name": ('"Cy"', '"[[people]]"'),
}


def _edited(label: str) -> str:
    if label == "other table after":
        return BASE + "\n[extra]\nx = 1\n"
    if label == "CRLF":
        return BASE.replace("\n", "\r\n")
    if label == "no final newline":
        return BASE.removesuffix("\n")
    if label == "nothing before the tables":
        return BASE[BASE.index("[[departments]]"):]
    old, new = EDITS[label]
    assert old in BASE, label
    return BASE.replace(old, new, 1)


@pytest.mark.parametrize("label", list(EDITS))
def test_an_edit_of_the_layout_is_left_to_the_general_path_or_read_alike(label):
    assert_never_differs(_edited(label))


def test_the_layout_reader_takes_only_what_it_is_sure_of():
    taken = {label for label in EDITS if layout(_edited(label)) is not None}
    assert taken == {"name of 200", "capacity int", "capacity exponent", "capacity missing", "no blank line",
                     "tables interleaved", "header inside a name", "escaped quote", "escape",
                     "escaped backslash before the quote", "escape of a line break"}


def _problems(text: str) -> list[str]:
    try:
        parse_org(text, Path(NAME))
    except LoadError as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.mark.parametrize("label", list(EDITS))
def test_opening_an_edited_file_says_the_same_with_and_without_the_layout_reader(label, monkeypatch):
    text = _edited(label)
    with_reader = _problems(text)
    monkeypatch.setattr(orgfile, "read_layout", lambda text, name: None)
    assert _problems(text) == with_reader


MUTATION_CHARS = '"\\\n #[]=.,0125e-\r\tux\u3000'
HOSTILE = dumps_org(parse_org((ROOT / "sample_orgs" / "hostile-names.toml").read_text(encoding="utf-8"), Path(NAME)))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from([BASE, HOSTILE]),
       st.lists(st.tuples(st.integers(0, 1 << 16), st.sampled_from(["put", "insert", "delete"]),
                          st.sampled_from(MUTATION_CHARS)), min_size=1, max_size=3))
def test_a_mutated_file_is_left_to_the_general_path_or_read_alike(text, mutations):
    for at, how, char in mutations:
        at %= len(text)
        if how == "put":
            text = text[:at] + char + text[at + 1:]
        elif how == "insert":
            text = text[:at] + char + text[at:]
        else:
            text = text[:at] + text[at + 1:]
    assert_never_differs(text)


def _check(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cmd_check([str(path)])
    return code, out.getvalue(), err.getvalue()


def test_orgtui_check_prints_the_same_with_and_without_the_layout_reader(tmp_path, monkeypatch):
    generate = _generate_module()
    clean = tmp_path / "clean.toml"
    generate.write(5000, clean, seed=1)
    typos = tmp_path / "typos.toml"  # one duty misspelt per position: ~2,000 problems
    typos.write_text(re.sub(r'(duties = \[\n    ")', r"\1x", clean.read_text(encoding="utf-8")), encoding="utf-8")
    assert read_layout(typos.read_text(encoding="utf-8"), NAME) is not None
    with_reader = [_check(clean), _check(typos)]
    monkeypatch.setattr(orgfile, "read_layout", lambda text, name: None)
    without = [_check(clean), _check(typos)]
    assert with_reader == without
    assert with_reader[0][0] == 1 and "split-duty" in with_reader[0][1]
    assert with_reader[1][0] == 2 and "more problems" in with_reader[1][2]
