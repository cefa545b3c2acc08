"""Opening a bad org file: a LoadError that says where and what, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest

from orgtui.core.storage import tomlio
from orgtui.core.storage.load_problems import LoadError, Problem
from orgtui.core.storage.orgfile import load_org

HEAD = 'format = 1\nname = "Shop"\n'
DEPT = '\n[[departments]]\nid = "shop"\nname = "Online Shop"\n'
PERSON = '\n[[people]]\nid = "anna"\nname = "Anna"\n'


def problems_of(path: Path) -> list[Problem]:
    """Load `path`, expecting a LoadError whose every problem names the file."""
    with pytest.raises(LoadError) as caught:
        load_org(path)
    problems = caught.value.problems
    assert problems, "a LoadError must carry at least one problem"
    for problem in problems:
        assert problem.file == str(path)
        assert str(problem).startswith(str(path))
    return problems


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line of `text` that contains `needle`."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


# -- files that cannot be read --------------------------------------------------------


def test_a_toml_syntax_error_gives_its_line_and_column(write_file):
    text = HEAD + "span_of_control = = 3\n"
    [problem] = problems_of(write_file(text))
    assert "TOML syntax error" in problem.message
    assert problem.line == 3
    assert problem.column == text.splitlines()[2].index("= =") + 3  # the second '='
    assert str(problem).startswith(f"{problem.file}:3:{problem.column}:")


def test_an_unterminated_string_is_located_on_its_own_line(write_file):
    [problem] = problems_of(write_file(HEAD + DEPT + 'name = "Shop\n'))
    assert problem.line == len((HEAD + DEPT).splitlines()) + 1


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(write_file):
    [problem] = problems_of(write_file(b'format = 1\n# fine\nname = "Caf\xe9"\n'))
    assert "not valid UTF-8" in problem.message
    assert problem.line == 3


def test_a_directory_is_not_an_org_file(tmp_path):
    folder = tmp_path / "org.toml"
    folder.mkdir()
    [problem] = problems_of(folder)
    assert "is a directory" in problem.message


def test_a_missing_file_says_so(tmp_path):
    [problem] = problems_of(tmp_path / "nope.toml")
    assert "no such file" in problem.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file with mode 000")
def test_a_file_without_read_permission_says_permission_denied(write_file):
    path = write_file(HEAD)
    path.chmod(0)
    try:
        [problem] = problems_of(path)
    finally:
        path.chmod(0o644)
    assert "permission denied" in problem.message


def test_a_file_over_the_size_limit_is_refused_before_parsing(write_file, monkeypatch):
    monkeypatch.setattr(tomlio, "MAX_FILE_BYTES", 100)
    path = write_file(HEAD + "# " + "x" * 200 + "\n")
    [problem] = problems_of(path)
    assert f"{path.stat().st_size:,} bytes" in problem.message
    assert "limit is 100" in problem.message


def test_a_fifo_is_refused_instead_of_blocking_forever(tmp_path):
    fifo = tmp_path / "org.toml"
    os.mkfifo(fifo)
    outcome: list[object] = []

    def load() -> None:
        try:
            load_org(fifo)
        except LoadError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "loading a FIFO blocked"
    [error] = outcome
    assert "not a regular file" in str(error)


ENDLESS = """
import resource
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a regression fails, not the machine
from pathlib import Path
from orgtui.core.storage.load_problems import LoadError
from orgtui.core.storage.orgfile import load_org
try:
    load_org(Path("/dev/zero"))
except LoadError as exc:
    print(exc)
"""


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_an_endless_device_is_refused_instead_of_read_until_memory_runs_out():
    result = subprocess.run([sys.executable, "-c", ENDLESS], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "/dev/zero: is a device, not a regular file"


@pytest.mark.parametrize("key", ["a", "name", "departments"])
def test_deeply_nested_arrays_are_refused_not_a_recursion_crash(write_file, key):
    [problem] = problems_of(write_file("format = 1\n" + f"{key} = " + "[" * 1000 + "]" * 1000 + "\n"))
    assert "nested too deeply" in problem.message


def test_deeply_nested_inline_tables_are_refused(write_file):
    [problem] = problems_of(write_file(HEAD + "a = " + "{b = " * 1000 + "1" + "}" * 1000 + "\n"))
    assert "nested too deeply" in problem.message


def test_a_number_with_thousands_of_digits_is_an_error_not_a_crash(write_file):
    # Python refuses int() of more than 4300 digits with a ValueError inside the parser.
    [problem] = problems_of(write_file(HEAD + "span_of_control = " + "1" * 5000 + "\n"))
    assert "number is too large" in problem.message


def test_a_huge_hex_number_is_reported_without_printing_it(write_file):
    # parses (hex has no digit limit) but has too many decimal digits to repr()
    [problem] = problems_of(write_file(HEAD + "span_of_control = 0x" + "f" * 5000 + "\n"))
    assert problem.where == "span_of_control"
    assert "too large to show" in problem.message
    [problem] = problems_of(write_file('format = 0x' + "f" * 5000 + '\nname = "Shop"\n'))
    assert "newer orgtui" in problem.message and len(str(problem)) < 300


# -- files that parse but are not org files ---------------------------------------------


def test_a_wrong_type_names_the_table_entry_its_id_and_line(write_file):
    text = HEAD + PERSON + '\n[[people]]\nid = "ben"\nname = "Ben"\ncapacity = "lots"\n'
    [problem] = problems_of(write_file(text))
    assert problem.where == "people[1] (id 'ben').capacity"
    assert "'lots'" in problem.message
    assert problem.line == line_of(text, 'id = "ben"')


def test_a_misspelt_key_is_an_unknown_key_and_the_real_one_is_missing(write_file):
    text = HEAD + DEPT + '\n[[positions]]\nid = "lead"\ntitel = "Lead"\ndepartment = "shop"\n'
    problems = problems_of(write_file(text))
    by_where = {p.where: p.message for p in problems}
    assert by_where == {
        "positions[0] (id 'lead').title": "required field is missing",
        "positions[0] (id 'lead').titel": "unknown key (not part of the format; check the spelling)",
    }
    assert {p.line for p in problems} == {line_of(text, 'id = "lead"')}


def test_a_file_without_format_and_name_says_both_are_missing(write_file):
    problems = problems_of(write_file("# an empty org file\n"))
    assert sorted((p.where, p.message) for p in problems) == [
        ("format", "required field is missing"),
        ("name", "required field is missing"),
    ]


def test_a_duplicate_id_is_reported_for_its_table(write_file):
    text = HEAD + PERSON + PERSON.replace('"Anna"', '"Anna B."')
    [problem] = problems_of(write_file(text))
    assert problem.where == "people (id 'anna')"
    assert "used by more than one entry in [[people]]" in problem.message
    assert problem.line in (line_of(text, 'id = "anna"', 1), line_of(text, 'id = "anna"', 2))


def test_references_to_unknown_things_are_each_reported(write_file):
    text = (
        HEAD + DEPT + '\n[[departments]]\nid = "cs"\nname = "Service"\nparent = "ghost_dept"\n'
        '\n[[positions]]\nid = "lead"\ntitle = "Lead"\ndepartment = "nowhere"\nrole = "wizard"\n'
        'holders = ["nobody"]\nduties = ["ecommerce_manager.pricing", "made.up"]\n'
    )
    problems = problems_of(write_file(text))
    assert sorted((p.where, p.message) for p in problems) == sorted([
        ("departments (id 'cs')", "parent 'ghost_dept' is not a department in this file"),
        ("positions (id 'lead')", "department 'nowhere' is not a department in this file"),
        ("positions (id 'lead')", "role 'wizard' is not in the catalog 'E-Commerce team roles'"),
        ("positions (id 'lead')", "holder 'nobody' is not a person in this file"),
        ("positions (id 'lead')", "duty 'made.up' is not in the catalog 'E-Commerce team roles'"),
    ])
    assert {p.line for p in problems if "positions" in p.where} == {line_of(text, 'id = "lead"')}
    assert [p.line for p in problems if "departments" in p.where] == [line_of(text, 'id = "cs"')]


def test_departments_whose_parents_go_round_in_a_circle_are_refused(write_file):
    text = HEAD + "".join(
        f'\n[[departments]]\nid = "{ident}"\nname = "{ident.upper()}"\nparent = "{parent}"\n'
        for ident, parent in (("a", "c"), ("b", "a"), ("c", "b"))
    ) + '\n[[departments]]\nid = "ok"\nname = "Fine"\n'
    [problem] = problems_of(write_file(text))
    assert "departments form a cycle" in problem.message
    assert set(re.findall(r"\b[abc]\b", problem.message.split(":", 1)[1])) == {"a", "b", "c"}


def test_a_department_that_is_its_own_parent_is_a_cycle(write_file):
    [problem] = problems_of(write_file(HEAD + DEPT.replace('name = "Online Shop"', 'name = "S"\nparent = "shop"')))
    assert "cycle: shop -> shop" in problem.message


def test_a_holder_or_duty_listed_twice_in_one_position_is_refused(write_file):
    text = (
        HEAD + DEPT + PERSON + '\n[[positions]]\nid = "lead"\ntitle = "Lead"\ndepartment = "shop"\n'
        'holders = ["anna", "anna"]\nduties = ["ecommerce_manager.pricing", "ecommerce_manager.pricing"]\n'
    )
    messages = sorted(p.message for p in problems_of(write_file(text)))
    assert messages == ["duty 'ecommerce_manager.pricing' is listed twice", "holder 'anna' is listed twice"]


def test_a_file_from_a_newer_orgtui_is_refused_with_the_reason(write_file):
    [problem] = problems_of(write_file('format = 4\nname = "Shop"\nshiny_new_table = []\n'))
    assert problem.message == "format 4 was written by a newer orgtui; this one reads format 3"


def test_several_problems_in_one_file_are_reported_together(write_file):
    text = (
        'format = 1\nname = "Shop"\nspan_of_control = 0\n'
        '\n[[people]]\nid = "anna"\nname = "Anna"\ncapacity = 5\n'
        '\n[[departments]]\nid = "shop"\nname = ""\n'
    )
    problems = problems_of(write_file(text))
    assert sorted(p.where for p in problems) == [
        "departments[0] (id 'shop').name",
        "people[0] (id 'anna').capacity",
        "span_of_control",
    ]
    assert {p.where: p.line for p in problems} == {
        "departments[0] (id 'shop').name": line_of(text, 'id = "shop"'),
        "people[0] (id 'anna').capacity": line_of(text, 'id = "anna"'),
        "span_of_control": None,
    }


def test_the_load_error_message_lists_every_problem(write_file):
    with pytest.raises(LoadError) as caught:
        load_org(write_file('format = 1\nspan_of_control = "wide"\ncolour = 3\n'))
    assert len(caught.value.problems) == 3
    assert str(caught.value).splitlines() == [str(p) for p in caught.value.problems]


# -- hostile text never reaches the terminal raw ------------------------------------------

HOSTILE = {
    "ESC in a key": HEAD + '"bad\\u001b[2Jkey" = 1\n',
    "ESC in a value": 'format = 1\nname = 7\ncatalog = "\\u001b]0;pwned\\u0007"\nspan_of_control = "\\u001b[2J"\n',
    "ESC in an id": HEAD + '\n[[people]]\nid = "p\\u001b[31m"\nname = "P"\n',
    "ESC in a reference": HEAD + DEPT + '\n[[positions]]\nid = "x"\ntitle = "T"\ndepartment = "shop"\nholders = ["\\u009b2J"]\n',
    "NUL and line separator in keys": HEAD + '"a\\u0000b" = 1\n"c\\u2028d" = 2\n"e\\u202ef" = 3\n',
    "ESC in a table name": HEAD + '["\\u001b[2J"]\nx = 1\n',
    "ESC in a duplicated id's entry": HEAD + '\n[[people]]\nid = "a"\nname = "\\u001b[2J"\n' * 2,
}


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) in ("Cc", "Zl", "Zp") or "\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069"]


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_no_problem_message_contains_raw_control_characters(write_file, text):
    with pytest.raises(LoadError) as caught:
        load_org(write_file(text))
    for problem in caught.value.problems:
        assert _raw_controls(str(problem)) == [], repr(str(problem))
    assert _raw_controls(str(caught.value).replace("\n", "")) == []


def test_an_escape_in_a_key_is_shown_as_a_visible_escape(write_file):
    [problem] = problems_of(write_file(HOSTILE["ESC in a key"]))
    assert "bad\\x1b[2Jkey" in str(problem)


def test_an_escape_in_the_file_name_is_shown_as_a_visible_escape(tmp_path):
    path = tmp_path / "evil\x1b[2J.toml"
    path.write_text("format = = 1\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_org(path)
    [problem] = caught.value.problems
    assert _raw_controls(str(problem)) == []
    assert "evil\\x1b[2J.toml:1:" in str(problem)


# -- bounded cost and output for any input under the size cap (issue 10) -----------------


def test_thousands_of_problems_list_fifty_located_then_how_many_more(write_file):
    positions = "".join(
        f'\n[[positions]]\nid = "p{i}"\ntitle = "P"\ndepartment = "shop"\nduties = ["made.up{i}"]\n' for i in range(300)
    )
    text = HEAD + DEPT + positions
    path = write_file(text)
    with pytest.raises(LoadError) as caught:
        load_org(path)
    problems = caught.value.problems
    assert len(problems) == 51 and caught.value.count == 300
    assert str(problems[-1]) == f"{path}: … and 250 more problems"
    for i, problem in enumerate(problems[:-1]):
        assert problem.line == line_of(text, f'id = "p{i}"'), "each one at the line of its own entry"
        assert f"'made.up{i}' is not in the catalog" in problem.message
    assert all("\n" not in str(p) for p in problems)


def test_hundreds_of_invalid_entries_are_listed_fifty_and_counted(write_file):
    path = write_file(HEAD + "[[people]]\n" * 400)
    with pytest.raises(LoadError) as caught:
        load_org(path)
    problems = caught.value.problems
    assert len(problems) == 51
    assert str(problems[0]) == f"{path}: people[0].id: required field is missing"
    assert str(problems[-1]) == f"{path}: … and 750 more problems"


def test_far_more_entries_than_any_org_are_refused_before_validation(write_file, monkeypatch):
    from orgtui.core.storage import bounds

    monkeypatch.setattr(bounds, "MAX_ENTRIES", 10)
    [problem] = problems_of(write_file(HEAD + "[[people]]\n" * 11))
    assert problem.message == "11 [[people]] entries; the limit is 10"


def test_a_table_with_hundreds_of_unknown_keys_is_one_problem(write_file):
    [problem] = problems_of(write_file(HEAD + "".join(f"key{i} = 1\n" for i in range(150))))
    assert problem.message.startswith("152 keys in the top level of this org file; the limit is 100")
    assert "'format', 'name', 'key0'" in problem.message
    [problem] = problems_of(write_file(HEAD + DEPT + "".join(f'"k{i}" = 1\n' for i in range(150))))
    assert problem.message.startswith("152 keys in one entry; the limit is 100"), "inside a table too"


def test_thousands_of_top_level_keys_are_refused_before_parsing(write_file):
    [problem] = problems_of(write_file("# a = 1\n" * 5000 + HEAD + "".join(f"key{i} = 1\n" for i in range(5000))))
    assert problem.message == "more than 1,000 keys before the first table; the top level has a handful"
    big_org = HEAD + "".join(f'\n[[people]]\nid = "p{i}"\nname = "P"\n' for i in range(3000))
    assert load_org(write_file(big_org)).org.people, "keys inside tables do not count"


def test_a_deeply_dotted_key_is_refused_before_parsing(write_file):
    text = HEAD + "ok.two = 1\n" + "a." * 20 + "b = 1\n"
    [problem] = problems_of(write_file(text))
    assert problem.line == 4
    assert "dotted key of more than 8 parts" in problem.message


def test_a_problem_is_one_line_of_our_words_not_pydantics(write_file):
    [problem] = problems_of(write_file('format = 1\nname = "  "\n'))
    assert problem.message.startswith("must not be blank"), problem.message
    long_key = "k" * 10_000
    [problem] = problems_of(write_file(f'format = 1\nname = "x"\n"{long_key}" = 1\n'))
    assert len(str(problem)) < 300
