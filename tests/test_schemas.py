"""The JSON Schemas shipped in the package: valid schemas, printed by `orgtui schema`, and
every JSON that `export`, `check` and `diff` write is valid against its schema — on the
samples, on hostile names, on unreadable files and as git's diff driver."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from orgtui.cli import main
from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.storage.orgfile import dumps_org
from orgtui.schemas import SCHEMAS, schema_text

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"
SAMPLE_FILES = sorted(SAMPLES.glob("*.toml"))


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_text(name)))


def errors(name: str, data: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(data)]


def run(capsys, *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out = capsys.readouterr()
    return status, out.out, out.err


def hostile_org() -> Org:
    """Escapes, invisible characters, a vacancy, a split duty, someone over capacity."""
    return Org(
        OrgInfo("Shop\u200b \x1b[2J GmbH"),
        builtin_catalog(),
        [Department("top", "Top \u202e"), Department("sub", "Sub", parent="top")],
        [Person("a", "An\u200bna", 0.5), Person("b", "%%{init: {}}%% https://evil.example")],
        [
            Position("p1", "=1+2", "top", "ecommerce_manager", ("a",), ("ecommerce_manager.pricing",)),
            Position("p2", "Lead", "sub", None, ("a", "b"), ("ecommerce_manager.pricing",), 1.0),
            Position("p3", "Vacant", "sub", None, (), ("ecommerce_manager.returns",)),
        ],
    )


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(dumps_org(hostile_org()), encoding="utf-8")
    return path


# -- the schemas themselves ---------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    schema = json.loads(schema_text(name))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("name", SCHEMAS)
def test_orgtui_schema_prints_the_shipped_schema(name: str, capsys) -> None:
    status, out, err = run(capsys, "schema", name)
    assert (status, err) == (0, "")
    assert out == schema_text(name)
    assert json.loads(out)["title"] == SCHEMAS[name]


def test_orgtui_schema_lists_the_schemas_and_refuses_an_unknown_one(capsys) -> None:
    status, out, _ = run(capsys, "schema")
    assert status == 0 and [line.split()[0] for line in out.splitlines()] == list(SCHEMAS)
    with pytest.raises(SystemExit) as exc:
        main(["schema", "nope"])
    assert exc.value.code == 2
    assert "invalid choice: 'nope'" in capsys.readouterr().err


def test_the_definitions_the_schemas_share_are_the_same_in_each() -> None:
    defs = {name: json.loads(schema_text(name))["$defs"] for name in SCHEMAS}
    assert defs["export"]["finding"] == defs["check"]["finding"]
    assert defs["export"]["summary"] == defs["diff"]["summary"]


def test_the_schemas_are_strict_enough_to_catch_a_wrong_output(capsys) -> None:
    """Not vacuous: a missing field, an unknown status, a stray field are each refused."""
    _, out, _ = run(capsys, "export", SAMPLES / "before-reorg.toml", "--format", "json")
    good = json.loads(out)
    assert errors("export", good) == []
    broken = [copy.deepcopy(good) for _ in range(4)]
    del broken[0]["coverage"]["summary"]["unowned"]
    broken[1]["coverage"]["duties"][0]["status"] = "kind of owned"
    broken[2]["org"]["people"][0]["nickname"] = "x"
    broken[3]["findings"][0]["severity"] = "fatal"
    for data in broken:
        assert errors("export", data) != []


# -- every output is valid ----------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_export_json_of_every_sample_is_valid(path: Path, capsys) -> None:
    status, out, _ = run(capsys, "export", path, "--format", "json")
    assert status == 0
    assert errors("export", json.loads(out)) == []


def test_export_json_of_hostile_names_is_valid(hostile_file: Path, capsys) -> None:
    status, out, _ = run(capsys, "export", hostile_file, "--format", "json")
    assert status == 0
    assert errors("export", json.loads(out)) == []


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_check_json_of_every_sample_is_valid(path: Path, capsys) -> None:
    status, out, _ = run(capsys, "check", path, "--format", "json")
    assert status in (0, 1)
    data = json.loads(out)
    assert errors("check", data) == []
    assert "findings" in data and "error" not in data


BROKEN = {
    "missing": None,
    "syntax error": 'format = 1\nname = "Shop"\nspan_of_control = = 3\n',
    "wrong type": 'format = 1\nname = "Shop"\nspan_of_control = "eight"\n',
    "unknown duty": (
        'format = 1\nname = "Shop"\n\n[[departments]]\nid = "d"\nname = "D"\n\n[[positions]]\nid = "p"\n'
        'title = "P"\ndepartment = "d"\nduties = ["no.such_duty"]\n'
    ),
    "not utf-8": b'format = 1\nname = "M\xfcller"\n',
    "a folder": "",
}


@pytest.mark.parametrize("case", BROKEN)
def test_check_json_on_an_unreadable_file_writes_a_valid_error_object(case: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / "org.toml"
    content = BROKEN[case]
    if case == "a folder":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    status, out, err = run(capsys, "check", path, "--format", "json")
    assert status == 2
    data = json.loads(out)
    assert errors("check", data) == []
    assert data["file"] == str(path) and data["problems"]
    assert [p["text"] for p in data["problems"]] == err.splitlines()  # the same problems as on stderr


PAIRS = [
    ("before-reorg.toml", "online-retailer.toml"),
    ("online-retailer.toml", "before-reorg.toml"),
    ("startup.toml", "hostile-names.toml"),
    ("online-retailer.toml", "online-retailer.toml"),
]


@pytest.mark.parametrize("old, new", PAIRS)
def test_diff_json_is_valid(old: str, new: str, capsys) -> None:
    status, out, _ = run(capsys, "diff", SAMPLES / old, SAMPLES / new, "--format", "json")
    assert status in (0, 1)
    data = json.loads(out)
    assert errors("diff", data) == []
    assert data["worse"] == (status == 1)


def test_diff_json_of_hostile_names_is_valid(hostile_file: Path, capsys) -> None:
    status, out, _ = run(capsys, "diff", SAMPLES / "online-retailer.toml", hostile_file, "--format", "json")
    assert status in (0, 1)
    assert errors("diff", json.loads(out)) == []


@pytest.mark.parametrize("side", ["added", "deleted"])
def test_diff_json_as_git_driver_for_an_added_or_deleted_file_is_valid(side: str, capsys) -> None:
    sample = str(SAMPLES / "online-retailer.toml")
    old, new = ("/dev/null", sample) if side == "added" else (sample, "/dev/null")
    args = ["diff", "org.toml", old, "0" * 40, "100644", new, "1" * 40, "100644", "--format", "json"]
    status, out, _ = run(capsys, *args)
    assert status == 0
    assert errors("diff", json.loads(out)) == []


def test_the_export_schema_lists_exactly_the_duty_statuses_of_the_core() -> None:
    from orgtui.core.domain.duty_status import DutyStatus

    statuses = json.loads(schema_text("export"))["$defs"]["status"]["enum"]
    assert sorted(statuses) == sorted(s.value for s in DutyStatus)
