"""`orgtui merge`: three-way merge per entity. A table of merge cases on a small org, the
command (exit codes, conflict block, bad input), and real `git merge` runs with the driver."""

from __future__ import annotations

import random
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from test_diff import (  # the same small shop as the diff tests
    AFTER_SALES,
    ANALYSES,
    COMPLAINTS,
    CONTENT,
    MOCKUPS,
    PRESENCE,
    PRICING,
    RETURNS,
    SEO,
    edited,
    git,  # git with orgtui on the PATH, as a user has it
    git_setup,
    shop,
)

from orgtui.cli import main
from orgtui.core.domain import edits as E
from orgtui.core.domain.conflict_notes import pending_conflicts, without_conflicts
from orgtui.core.domain.history import History
from orgtui.core.domain.org import Org
from orgtui.core.git.merge import Conflict, merge_orgs, with_conflicts
from orgtui.core.storage.orgfile import dumps_org, load_org, parse_org

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"


def owners(org: Org, duty: str) -> set[str]:
    return set(org.owners(duty))


@dataclass
class Case:
    ours: tuple[E.Edit, ...]
    theirs: tuple[E.Edit, ...]
    check: Callable[[Org], bool]  # what the merged org must look like
    conflicts: tuple[tuple[str, str], ...] = ()  # (kind, id) of each expected conflict
    words: tuple[str, ...] = ()  # the conflict messages name these
    base: Callable[[], Org] = field(default=shop)


CASES: dict[str, Case] = {
    "disjoint duty moves": Case(
        (E.MoveDuty(PRICING, "head", "cs_lead"),),
        (E.MoveDuty(SEO, "content", "head"),),
        lambda m: owners(m, PRICING) == {"cs_lead"} and owners(m, SEO) == {"head"},
    ),
    "disjoint edits of one position's duty list": Case(
        (E.UnassignDuty(PRICING, "head"), E.AssignDuty(PRICING, "content")),
        (E.UnassignDuty(RETURNS, "head"), E.AssignDuty(RETURNS, "cs_lead")),
        lambda m: m.positions["head"].duties == (PRESENCE,) and owners(m, PRICING) == {"content"}
        and owners(m, RETURNS) == {"cs_lead"},
    ),
    "same edit on both sides": Case(
        (E.MoveDuty(PRICING, "head", "cs_lead"), E.RenamePosition("head", "Boss")),
        (E.MoveDuty(PRICING, "head", "cs_lead"), E.RenamePosition("head", "Boss")),
        lambda m: owners(m, PRICING) == {"cs_lead"} and m.positions["head"].title == "Boss",
    ),
    "rename vs. move": Case(
        (E.RenamePosition("analyst", "BI Analyst"),),
        (E.MovePosition("analyst", "mkt"),),
        lambda m: m.positions["analyst"].title == "BI Analyst" and m.positions["analyst"].department == "mkt",
    ),
    "conflicting renames": Case(
        (E.RenamePosition("head", "Head of Shop"),),
        (E.RenamePosition("head", "Chief Digital"),),
        lambda m: m.positions["head"].title == "Head of Shop",
        (("position", "head"),),
        ("title", "“Head of Shop”", "“Chief Digital”"),
    ),
    "conflicting duty moves": Case(
        (E.MoveDuty(PRICING, "head", "cs_lead"),),
        (E.MoveDuty(PRICING, "head", "content"),),
        lambda m: owners(m, PRICING) == {"cs_lead"},
        (("duty", PRICING),),
        ("“Pricing management”", "ours gave it to “Service Lead”", "theirs gave it to “Content Manager”",
         "before: “Head of E-Commerce”"),
    ),
    "each side keeps a different one of two owners": Case(
        (E.UnassignDuty(PRICING, "cs_lead"),),
        (E.UnassignDuty(PRICING, "head"),),
        lambda m: owners(m, PRICING) == {"head"},  # never nobody
        (("duty", PRICING),),
        base=lambda: edited(shop(), E.AssignDuty(PRICING, "cs_lead")),
    ),
    "co-owner added on both sides, one the same": Case(
        (E.MoveDuty(PRICING, "head", "cs_lead"),),
        (E.AssignDuty(PRICING, "cs_lead"),),
        lambda m: owners(m, PRICING) == {"cs_lead"},  # ours' move contains theirs' addition
    ),
    "delete vs. unchanged": Case(
        (E.RemovePosition("analyst"),),
        (E.RenamePosition("head", "Boss"),),
        lambda m: "analyst" not in m.positions and m.positions["head"].title == "Boss",
    ),
    "delete vs. modify": Case(
        (E.RemovePosition("analyst"),),
        (E.RenamePosition("analyst", "BI Analyst"),),
        lambda m: m.positions["analyst"].title == "BI Analyst" and owners(m, ANALYSES) == set(),
        (("position", "analyst"),),
        ("ours removed position “Data Analyst” [analyst]", "theirs changed its title", "kept theirs' version"),
    ),
    "modify vs. delete": Case(
        (E.SetFte("analyst", 0.5),),
        (E.RemovePosition("analyst"),),
        lambda m: m.positions["analyst"].fte == 0.5,
        (("position", "analyst"),),
    ),
    "delete vs. a duty moved into it": Case(
        (E.RemovePosition("analyst"),),
        (E.MoveDuty(SEO, "content", "analyst"),),
        lambda m: "analyst" in m.positions and owners(m, SEO) == {"analyst"},
        (("position", "analyst"),),
        ("the merge gives it the duty “Search engine optimisation”",),
    ),
    "delete a position vs. move a duty out of it": Case(
        (E.MoveDuty(ANALYSES, "analyst", "content"),),
        (E.RemovePosition("analyst"),),
        lambda m: "analyst" not in m.positions and owners(m, ANALYSES) == {"content"},
    ),
    "a department removed vs. a position added in it": Case(
        (E.RemoveDepartment("mkt"),),
        (E.AddPosition("SEO Specialist", "mkt", id="seo", duties=(MOCKUPS,)),),
        lambda m: "mkt" in m.departments and m.positions["seo"].department == "mkt" and "content" not in m.positions,
        (("department", "mkt"),),
        ("ours removed department “Marketing” [mkt]", "position “SEO Specialist” [seo]"),
    ),
    "a person removed vs. given a position": Case(
        (E.RemovePerson("cem"),),
        (E.AssignHolder("cem", "analyst"),),
        lambda m: "cem" in m.people and m.positions["analyst"].holders == ("cem",) and m.positions["content"].holders == (),
        (("person", "cem"),),
    ),
    "a person moved to two different positions": Case(
        (E.MoveHolder("cem", "content", "head"),),
        (E.MoveHolder("cem", "content", "analyst"),),
        lambda m: set(m.positions_of("cem")) == {"head"},
        (("person", "cem"),),
        ("ours put them in “Head of E-Commerce”", "theirs put them in “Data Analyst”"),
    ),
    "holders added on both sides": Case(
        (E.AssignHolder("anna", "analyst"),),
        (E.AssignHolder("cem", "analyst"),),
        lambda m: m.positions["analyst"].holders == ("anna", "cem"),
    ),
    "departments moved into each other": Case(
        (E.MoveDepartment("cs", "mkt"),),
        (E.MoveDepartment("mkt", "cs"),),
        lambda m: m.departments["cs"].parent == "mkt" and m.departments["mkt"].parent == "shop",
        (("department", "mkt"),),
        ("cycle",),
    ),
    "additions on both sides keep base, ours, theirs order": Case(
        (E.AddPerson("Olga", id="olga"), E.AddPosition("Ours", "shop", id="p_ours")),
        (E.AddPerson("Tom", id="tom"), E.AddPosition("Theirs", "shop", id="p_theirs")),
        lambda m: list(m.people) == ["anna", "ben", "cem", "dana", "olga", "tom"]
        and list(m.positions)[-2:] == ["p_ours", "p_theirs"],
    ),
    "the same id added twice, differently": Case(
        (E.AddPerson("Olga", id="new"),),
        (E.AddPerson("Oleg", 0.5, id="new"),),
        lambda m: m.people["new"].name == "Olga" and m.people["new"].capacity == 1.0,
        (("person", "new"), ("person", "new")),
    ),
    "org-wide settings": Case(
        (E.RenameOrg("Shop AG"),),
        (E.SetSpanOfControl(3),),
        lambda m: m.info.name == "Shop AG" and m.info.span_of_control == 3,
    ),
    "both remove the same position": Case(
        (E.RemovePosition("analyst"), E.AssignDuty(ANALYSES, "head")),
        (E.RemovePosition("analyst"),),
        lambda m: "analyst" not in m.positions and owners(m, ANALYSES) == {"head"},
    ),
    # -- reporting lines (issue 13) --
    "different managers for one position": Case(
        (E.SetManager("cs_lead", "head"),),
        (E.SetManager("cs_lead", "content"),),
        lambda m: m.positions["cs_lead"].reports_to == "head",
        (("position", "cs_lead"),),
        ("manager", "“Head of E-Commerce”", "“Content Manager”"),
    ),
    "each side's manager alone is fine, together they make a reporting cycle": Case(
        (E.SetManager("content", "analyst"),),
        (E.SetManager("analyst", "content"),),
        lambda m: m.positions["content"].reports_to == "analyst" and m.positions["analyst"].reports_to is None,
        (("position", "analyst"),),
        ("reporting cycle", "“Content Manager” → “Data Analyst” → “Content Manager”"),
    ),
    "a manager one side removed, the other reports to": Case(
        (E.RemovePosition("analyst"),),
        (E.SetManager("cs_lead", "analyst"),),
        lambda m: "analyst" in m.positions and m.positions["cs_lead"].reports_to == "analyst",
        (("position", "analyst"),),
        ("report to it",),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_merge_case(name: str) -> None:
    case = CASES[name]
    base = case.base()
    ours, theirs = edited(base, *case.ours), edited(base, *case.theirs)
    result = merge_orgs(base, ours, theirs)
    merged = result.org
    assert case.check(merged), dumps_org(merged)
    assert [(c.kind, c.id) for c in result.conflicts] == list(case.conflicts), result.conflicts
    text = " ".join(c.message for c in result.conflicts)
    for word in case.words:
        assert word in text
    # always a valid org, conflicts or not, that round-trips through the file format
    written = dumps_org(with_conflicts(merged, result.conflicts))
    again = parse_org(written, Path("merged.toml"))
    assert dumps_org(again) == written
    assert len(pending_conflicts(again.preamble)) == len(result.conflicts)


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.conflicts])
def test_merge_conflicts_are_told_in_german_under_lang_de(name: str) -> None:
    from english_words import english_in, names_of

    from orgtui.core.i18n import use_language

    case = CASES[name]
    base = case.base()
    ours, theirs = edited(base, *case.ours), edited(base, *case.theirs)
    use_language("de")
    try:
        result = merge_orgs(base, ours, theirs)
    finally:
        use_language("en")
    names = [*names_of(base), *names_of(ours), *names_of(theirs)]
    for conflict in result.conflicts:
        assert english_in(conflict.message, names) == [], conflict.message


@pytest.mark.parametrize("name", list(CASES))
def test_merging_with_no_change_on_one_side_gives_the_other(name: str) -> None:
    case = CASES[name]
    base = case.base()
    ours = edited(base, *case.ours)
    for result in (merge_orgs(base, ours, base), merge_orgs(base, base, ours)):
        assert result.conflicts == []
        assert dumps_org(result.org) == dumps_org(ours)


# -- the table of entity fields, shared with diff ------------------------------------------

# Two different new values for each field of the table, on an entity of the shop.
FIELD_VALUES = {
    ("department", "name"): ("mkt", "Brand", "Growth"),
    ("department", "parent"): ("mkt", None, "cs"),
    ("person", "name"): ("ben", "Benjamin", "Benno"),
    ("person", "capacity"): ("ben", 0.5, 0.8),
    ("position", "title"): ("head", "Head of Shop", "Shop Lead"),
    ("position", "department"): ("head", "cs", "mkt"),
    ("position", "role"): ("head", None, "customer_service_manager"),
    ("position", "fte"): ("head", 0.5, 0.8),
    ("position", "reports_to"): ("cs_lead", "head", "content"),
    ("position", "dotted_to"): ("cs_lead", ("head",), ("content", "analyst")),
}


def with_field(org: Org, kind: str, ident: str, name: str, value: object) -> Org:
    from dataclasses import replace

    from orgtui.core.domain.org import Change
    from orgtui.core.git.fields import entities

    copy = parse_org(dumps_org(org), Path("org.toml"))
    before = entities(copy, kind)[ident]
    copy.apply([Change(kind, ident, before, replace(before, **{name: value}))])  # type: ignore[arg-type]
    return copy


def test_every_field_of_an_entity_is_in_the_shared_table() -> None:
    """A field added to an entity but not to the table would be invisible to diff and merge."""
    from dataclasses import fields

    from orgtui.core.domain.org import Department, Person, Position
    from orgtui.core.git.fields import STRUCTURE, field_names

    for kind, cls in (("department", Department), ("person", Person), ("position", Position)):
        assert {f.name for f in fields(cls)} == {*field_names(kind), *STRUCTURE[kind]}, kind


@pytest.mark.parametrize(("kind", "name"), list(FIELD_VALUES))
def test_diff_and_merge_see_each_field_of_the_table(kind: str, name: str) -> None:
    from orgtui.core.git.diff import diff_orgs
    from orgtui.core.git.fields import ENTITY_FIELDS

    field_ = next(f for f in ENTITY_FIELDS[kind] if f.name == name)
    ident, one, other = FIELD_VALUES[(kind, name)]
    base = shop()
    ours, theirs = with_field(base, kind, ident, name, one), with_field(base, kind, ident, name, other)
    assert [(i.section, i.what, i.subject.id) for i in diff_orgs(base, ours).items] == [(kind, field_.change, ident)]
    result = merge_orgs(base, ours, theirs)  # both changed it, differently: a conflict, ours kept
    assert [(c.kind, c.id) for c in result.conflicts] == [(kind, ident)] and field_.called in result.conflicts[0].message
    assert dumps_org(result.org) == dumps_org(ours)
    assert dumps_org(merge_orgs(base, base, theirs).org) == dumps_org(theirs)  # one side changed it: taken


def test_no_common_ancestor_merges_the_union() -> None:
    ours = edited(shop(), E.AddPerson("Olga", id="olga"))
    theirs = edited(shop(), E.AddPerson("Tom", id="tom"), E.AssignDuty(MOCKUPS, "head"))
    result = merge_orgs(None, ours, theirs)
    assert result.conflicts == []
    assert list(result.org.people)[-2:] == ["olga", "tom"] and owners(result.org, MOCKUPS) == {"head"}


def test_the_comment_block_merges_as_one_field() -> None:
    base = shop()
    ours, theirs = edited(base), edited(base)
    ours.preamble, theirs.preamble = "# ours", "# theirs"
    result = merge_orgs(base, ours, theirs)
    assert result.org.preamble == "# ours" and [c.kind for c in result.conflicts] == ["comment"]
    theirs.preamble = ""
    assert merge_orgs(base, base, ours).org.preamble == "# ours"


def test_conflict_block_is_read_back_and_removed() -> None:
    org = shop()
    org.preamble = "# Our shop.\n# Second line."
    conflicts = [Conflict("duty", PRICING, "ours gave it to “A\x1b[2J”, theirs to “B”"), Conflict("position", "x", "y")]
    with_conflicts(org, conflicts)
    lines = org.preamble.splitlines()
    assert lines[0].startswith("# orgtui merge: 2 conflict(s)")
    assert all(line.startswith("#") for line in lines)
    assert pending_conflicts(org.preamble) == [f"duty {PRICING}: ours gave it to “A\\x1b[2J”, theirs to “B”", "position x: y"]
    assert without_conflicts(org.preamble) == "# Our shop.\n# Second line."


def test_a_merge_of_the_big_sample_with_itself_changes_nothing() -> None:
    org = load_org(SAMPLES / "retailer-300.toml").org
    result = merge_orgs(org, org, org)
    assert result.conflicts == [] and dumps_org(result.org) == dumps_org(org)


# -- the command -------------------------------------------------------------------------------


def three(tmp_path: Path, ours: tuple[E.Edit, ...], theirs: tuple[E.Edit, ...]) -> tuple[Path, Path, Path]:
    base = shop()
    paths = []
    for name, org in (("base", base), ("ours", edited(base, *ours)), ("theirs", edited(base, *theirs))):
        path = tmp_path / f"{name}.toml"
        path.write_text(dumps_org(org), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1], paths[2]


def test_clean_merge_writes_the_output(tmp_path: Path, capsys) -> None:
    base, ours, theirs = three(tmp_path, (E.MoveDuty(PRICING, "head", "cs_lead"),), (E.MoveDuty(SEO, "content", "head"),))
    out = tmp_path / "merged.toml"
    assert main(["merge", str(base), str(ours), str(theirs), "-o", str(out)]) == 0
    merged = load_org(out).org
    assert owners(merged, PRICING) == {"cs_lead"} and owners(merged, SEO) == {"head"}
    assert capsys.readouterr().err == ""
    assert main(["merge", str(base), str(ours), str(theirs)]) == 0
    assert capsys.readouterr().out == out.read_text(encoding="utf-8")


def test_conflicts_exit_1_and_are_written_for_the_app(tmp_path: Path, capsys) -> None:
    base, ours, theirs = three(tmp_path, (E.MoveDuty(PRICING, "head", "cs_lead"),),
                               (E.MoveDuty(PRICING, "head", "content"), E.MoveDuty(SEO, "content", "head")))
    assert main(["merge", str(base), str(ours), str(theirs), "-o", str(ours)]) == 1
    err = capsys.readouterr().err
    assert "1 conflict in" in err and "CONFLICT duty ecommerce_manager.pricing: duty “Pricing management”" in err
    merged = load_org(ours).org  # a valid org the app opens
    assert owners(merged, PRICING) == {"cs_lead"} and owners(merged, SEO) == {"head"}
    assert pending_conflicts(merged.preamble) == [
        "duty ecommerce_manager.pricing: duty “Pricing management”: ours gave it to “Service Lead”, "
        "theirs gave it to “Content Manager” (before: “Head of E-Commerce”); kept ours"
    ]


def test_an_empty_base_means_no_common_ancestor(tmp_path: Path) -> None:
    base, ours, theirs = three(tmp_path, (E.AddPerson("Olga", id="olga"),), (E.AddPerson("Tom", id="tom"),))
    base.write_text("", encoding="utf-8")
    out = tmp_path / "out.toml"
    assert main(["merge", str(base), str(ours), str(theirs), "-o", str(out)]) == 0
    assert {"olga", "tom"} <= set(load_org(out).org.people)


INVALID_ORG = 'format = 1\nname = "x"\n\n[[positions]]\nid = "p"\ntitle = "P"\ndepartment = "gone"\n'


def merge_with_invalid(tmp_path: Path, broken: str, text: str = INVALID_ORG) -> tuple[dict[str, Path], int]:
    """Ours moved pricing, theirs moved SEO; then one input is replaced by TEXT."""
    paths = dict(zip(("base", "ours", "theirs"), three(tmp_path, (E.MoveDuty(PRICING, "head", "cs_lead"),),
                                                       (E.MoveDuty(SEO, "content", "head"),))))
    paths[broken].write_text(text, encoding="utf-8")
    status = main(["merge", str(paths["base"]), str(paths["ours"]), str(paths["theirs"]), "-o", str(paths["ours"]),
                   "--path", "org/shop.toml"])
    return paths, status


def test_an_invalid_theirs_is_a_conflict_check_fails_on(tmp_path: Path, capsys) -> None:
    """git reports a conflict either way; the file must not look like a clean, finished merge."""
    paths, status = merge_with_invalid(tmp_path, "theirs")
    err = capsys.readouterr().err
    assert status == 1 and "org/shop.toml (theirs):5:" in err and "'gone' is not a department" in err
    merged = load_org(paths["ours"]).org  # ours, which the app still opens
    assert owners(merged, PRICING) == {"cs_lead"}
    [note] = pending_conflicts(merged.preamble)
    assert note.startswith("file theirs: theirs is not a valid org file (org/shop.toml (theirs):5:")
    assert "none of theirs' changes are in it" in note and "git show :3:org/shop.toml" in note
    assert main(["check", str(paths["ours"])]) == 1
    assert "Merge conflict: file theirs: theirs is not a valid org file" in capsys.readouterr().out


def test_an_invalid_base_merges_without_an_ancestor_and_says_so(tmp_path: Path, capsys) -> None:
    paths, status = merge_with_invalid(tmp_path, "base")
    assert status == 1 and "org/shop.toml (base):5:" in capsys.readouterr().err
    merged = load_org(paths["ours"]).org
    assert owners(merged, PRICING) == {"cs_lead"}  # ours' move; theirs' counts as a conflict without a base
    assert pending_conflicts(merged.preamble)[0].startswith("file base: the common ancestor is not a valid org file")
    assert main(["check", str(paths["ours"])]) == 1


@pytest.mark.parametrize("base", ["\f", "\v", "\f\n\v\n", " \u0085\n"])
def test_a_base_of_only_form_feeds_is_invalid_not_empty(tmp_path: Path, capsys, base: str) -> None:
    """Python's str.strip() removes \\f and \\v; TOML does not allow them: invalid, not "no ancestor"."""
    paths, status = merge_with_invalid(tmp_path, "base", base)
    assert status == 1 and "org/shop.toml (base):1" in capsys.readouterr().err
    assert pending_conflicts(load_org(paths["ours"]).org.preamble)[0].startswith("file base:")


def test_an_invalid_ours_leaves_both_versions_between_conflict_markers(tmp_path: Path, capsys) -> None:
    paths = dict(zip(("base", "ours", "theirs"), three(tmp_path, (), (E.MoveDuty(SEO, "content", "head"),))))
    theirs_text = paths["theirs"].read_text(encoding="utf-8")
    paths["ours"].write_text(INVALID_ORG, encoding="utf-8")
    assert main(["merge", str(paths["base"]), str(paths["ours"]), str(paths["theirs"]), "-o", str(paths["ours"]),
                 "--path", "org/shop.toml"]) == 1
    assert "org/shop.toml (ours):5:" in capsys.readouterr().err
    written = paths["ours"].read_text(encoding="utf-8")
    assert written.startswith("<<<<<<< ours: not a valid org file (org/shop.toml (ours):5:")
    assert INVALID_ORG in written and theirs_text in written  # nothing lost
    assert main(["check", str(paths["ours"])]) == 2
    err = capsys.readouterr().err
    assert f"{paths['ours']}:1: unresolved merge conflict: git's conflict markers" in err


def test_git_conflict_markers_are_named_where_toml_would_say_invalid_value(tmp_path: Path, capsys) -> None:
    from orgtui.core.git.markers import find_markers

    diff3 = 'format = 1\nname = "x"\n<<<<<<< HEAD\na = 1\n||||||| base\na = 0\n=======\na = 2\n>>>>>>> theirs\n'
    assert find_markers(diff3).lines == (3, 5, 7, 9)  # type: ignore[union-attr]
    assert find_markers("<<<<<<<<<< HEAD\n==========\n>>>>>>>>>> b\r\n").conflicts == 1  # type: ignore[union-attr]
    assert find_markers('title = """\n=======\n"""\n') is None  # a line of = alone is no conflict
    broken = tmp_path / "org.toml"
    broken.write_text(diff3, encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}:3: unresolved merge conflict: git's conflict markers (<<<<<<<, =======, >>>>>>>) at line(s) " \
        "3, 5, 7, 9" in err and "Invalid value" not in err and "orgtui git-setup" in err


def test_missing_input_writes_nothing(tmp_path: Path, capsys) -> None:
    base, ours, theirs = three(tmp_path, (), ())
    out = tmp_path / "out.toml"
    assert main(["merge", str(base), str(ours), str(tmp_path / "nope.toml"), "-o", str(out)]) == 2
    assert "nope.toml: no such file" in capsys.readouterr().err and not out.exists()


# -- git merge with the driver ------------------------------------------------------------------


def commit_version(repo: Path, org: Org, message: str) -> None:
    (repo / "shop.org.toml").write_text(dumps_org(org), encoding="utf-8")
    git(repo, "commit", "-q", "-am", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "commit.gpgsign", "false")
    git_setup(repo)  # exactly what the README tells a team to run
    (repo / ".gitattributes").write_text("*.org.toml diff=orgtui merge=orgtui\n", encoding="utf-8")
    (repo / "shop.org.toml").write_text(dumps_org(shop()), encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def test_git_merge_of_two_managers_moving_different_duties(repo: Path, tmp_path: Path) -> None:
    # Both take a different duty out of the head's list, on adjacent lines: a line merge conflicts.
    git(repo, "checkout", "-q", "-b", "service")
    commit_version(repo, edited(shop(), E.MoveDuty(RETURNS, "head", "cs_lead")), "returns to service")
    git(repo, "checkout", "-q", "main")
    commit_version(repo, edited(shop(), E.MoveDuty(PRICING, "head", "content")), "pricing to content")
    base, ours, theirs = (tmp_path / n for n in ("b.toml", "o.toml", "t.toml"))
    base.write_text(git(repo, "show", "HEAD~1:shop.org.toml").stdout, encoding="utf-8")
    ours.write_text(git(repo, "show", "HEAD:shop.org.toml").stdout, encoding="utf-8")
    theirs.write_text(git(repo, "show", "service:shop.org.toml").stdout, encoding="utf-8")
    line_merge = subprocess.run(["git", "merge-file", "-p", str(ours), str(base), str(theirs)], capture_output=True)
    assert line_merge.returncode > 0, "the case must be one a line merge cannot do"

    result = git(repo, "merge", "--no-edit", "service")
    assert "Automatic merge failed" not in result.stdout
    merged = load_org(repo / "shop.org.toml").org
    assert owners(merged, PRICING) == {"content"} and owners(merged, RETURNS) == {"cs_lead"}
    assert merged.positions["head"].duties == (PRESENCE,)
    assert git(repo, "status", "--porcelain").stdout == ""


def test_git_merge_of_the_same_duty_moved_twice_is_a_named_conflict(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "service")
    commit_version(repo, edited(shop(), E.MoveDuty(PRICING, "head", "cs_lead"), E.MoveDuty(CONTENT, "content", "head")),
                   "pricing to service")
    git(repo, "checkout", "-q", "main")
    commit_version(repo, edited(shop(), E.MoveDuty(PRICING, "head", "content"), E.MoveDuty(AFTER_SALES, "cs_lead", "head")),
                   "pricing to content")
    result = git(repo, "merge", "--no-edit", "service", check=False)
    assert result.returncode != 0 and "CONFLICT" in result.stdout + result.stderr
    assert "duty “Pricing management”" in result.stderr
    assert git(repo, "status", "--porcelain").stdout.startswith("UU shop.org.toml")
    merged = load_org(repo / "shop.org.toml").org  # opens in the app: no conflict markers
    assert owners(merged, PRICING) == {"content"}  # ours
    assert owners(merged, CONTENT) == {"head"} and owners(merged, AFTER_SALES) == {"head"}  # both other moves merged
    assert owners(merged, COMPLAINTS) == {"cs_lead"}
    assert [c.split(":")[0] for c in pending_conflicts(merged.preamble)] == [f"duty {PRICING}"]


def test_git_merge_of_an_invalid_version_is_a_conflict_check_fails_on(repo: Path) -> None:
    """Someone committed half an edit on a branch: merging it must not leave a clean-looking ours."""
    git(repo, "checkout", "-q", "-b", "broken")
    (repo / "shop.org.toml").write_text('format = 1\nname = "Shop GmbH"\n[[positions]\n', encoding="utf-8")
    git(repo, "commit", "-q", "-am", "half an edit")
    git(repo, "checkout", "-q", "main")
    commit_version(repo, edited(shop(), E.MoveDuty(PRICING, "head", "cs_lead")), "pricing to service")
    result = git(repo, "merge", "--no-edit", "broken", check=False)
    assert result.returncode != 0 and "shop.org.toml (theirs):3:" in result.stderr
    assert git(repo, "status", "--porcelain").stdout.startswith("UU shop.org.toml")
    merged = load_org(repo / "shop.org.toml").org
    assert owners(merged, PRICING) == {"cs_lead"}
    [note] = pending_conflicts(merged.preamble)
    assert note.startswith("file theirs: theirs is not a valid org file") and "git show :3:shop.org.toml" in note
    assert git(repo, "show", ":3:shop.org.toml").stdout.endswith("[[positions]\n")  # the way to theirs works


# -- properties over random edits ----------------------------------------------------------------


def random_edit(org: Org, rng, tag: str) -> E.Edit | None:
    positions, people, departments = list(org.positions), list(org.people), list(org.departments)
    duties = list(org.catalog.duties)
    n = rng.randrange(1000)
    choice = rng.randrange(13)
    if choice == 0 and positions:
        return E.AssignDuty(rng.choice(duties), rng.choice(positions))
    if choice == 1 and positions:
        duty = rng.choice(duties)
        current = org.owners(duty)
        return E.MoveDuty(duty, current[0] if current else None, rng.choice(positions))
    if choice == 2 and positions and people:
        who = rng.choice(people)
        held = org.positions_of(who)
        return E.MoveHolder(who, held[0] if held else None, rng.choice(positions))
    if choice == 3 and positions and people:
        return E.AssignHolder(rng.choice(people), rng.choice(positions))
    if choice == 4 and positions:
        return E.RemovePosition(rng.choice(positions))
    if choice == 5 and people:
        return E.RemovePerson(rng.choice(people))
    if choice == 6 and len(departments) > 1:
        return E.RemoveDepartment(rng.choice(departments))
    if choice == 7 and departments:
        return E.AddPosition(f"New {n}", rng.choice(departments), duties=(rng.choice(duties),), id=f"p_{tag}{n % 4}")
    if choice == 8 and departments:
        return E.AddDepartment(f"Dept {n}", rng.choice(departments), id=f"d_{tag}{n % 3}")
    if choice == 9:
        return E.AddPerson(f"Person {n}", id=f"n_{tag}{n % 4}")
    if choice == 10 and positions and departments:
        return E.MovePosition(rng.choice(positions), rng.choice(departments))
    if choice == 11 and len(departments) > 1:
        return E.MoveDepartment(rng.choice(departments), rng.choice([*departments, None]))
    if choice == 12 and positions:
        return E.RenamePosition(rng.choice(positions), f"Title {n % 3}")
    return None


def randomly_edited(org: Org, rng, steps: int, tag: str) -> Org:
    copy = edited(org)
    history = History(copy)
    for _ in range(steps):
        edit = random_edit(copy, rng, tag)
        if edit is not None:
            try:
                history.apply(edit)
            except E.EditError:
                pass  # e.g. a department moved into its own sub-department
    return copy


def canonical(org: Org) -> tuple:
    return (
        org.info,
        sorted((d.id, d.name, d.parent) for d in org.departments.values()),
        sorted((p.id, p.name, p.capacity) for p in org.people.values()),
        sorted((p.id, p.title, p.department, p.role, p.fte, tuple(sorted(p.holders)), tuple(sorted(p.duties)))
               for p in org.positions.values()),
    )


def test_random_merges_are_valid_orgs_and_clean_ones_are_symmetric() -> None:
    samples = [shop(), load_org(SAMPLES / "before-reorg.toml").org, load_org(SAMPLES / "hostile-names.toml").org]
    conflicted = clean = 0
    for seed in range(250):
        rng = random.Random(seed)
        base = rng.choice(samples)
        # the same tag on both sides sometimes, so that both add the same ids
        ours = randomly_edited(base, rng, rng.randrange(1, 8), rng.choice("ab"))
        theirs = randomly_edited(base, rng, rng.randrange(1, 8), rng.choice("ab"))
        result = merge_orgs(base, ours, theirs)
        written = dumps_org(with_conflicts(result.org, result.conflicts))
        parse_org(written, Path("merged.toml"))  # raises if the merge broke a reference
        if result.conflicts:
            conflicted += 1
            continue
        clean += 1
        swapped = merge_orgs(base, theirs, ours)
        assert swapped.conflicts == [] and canonical(swapped.org) == canonical(result.org), seed
    assert conflicted > 20 and clean > 20  # both kinds were exercised


# -- a catalog next to the org file ---------------------------------------------------------------

MINI_CATALOG = """\
name = "Mini"

[[roles]]
id = "lead"
title = "Lead"

[[roles.duties]]
id = "lead.plan"
title = "Planning"

[[roles.duties]]
id = "lead.hire"
title = "Hiring"
"""


def mini_org(plan: str, hire: str) -> str:
    return f"""format = 1
name = "Mini"
catalog = "catalog.toml"

[[departments]]
id = "d"
name = "D"

[[positions]]
id = "a"
title = "A"
department = "d"
duties = [{plan!r}]

[[positions]]
id = "b"
title = "B"
department = "d"
duties = [{hire!r}]
""".replace("'", '"')


def test_path_anchors_a_relative_catalog_for_git_temporary_files(tmp_path: Path, monkeypatch, capsys) -> None:
    team = tmp_path / "teams"
    team.mkdir()
    (team / "catalog.toml").write_text(MINI_CATALOG, encoding="utf-8")
    (team / "org.toml").write_text(mini_org("lead.plan", "lead.hire"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # git runs the driver at the top of the work tree, on temporary copies
    for name, text in (("base", mini_org("lead.plan", "lead.hire")), ("ours", mini_org("lead.hire", "lead.hire")),
                       ("theirs", mini_org("lead.plan", "lead.plan"))):
        (tmp_path / f".merge_file_{name}").write_text(text, encoding="utf-8")
    args = ["merge", ".merge_file_base", ".merge_file_ours", ".merge_file_theirs", "-o", ".merge_file_ours"]
    assert main(args) == 1  # without --path the catalog is looked for beside the temporary files
    assert capsys.readouterr().err.count("catalog.toml: no such file") == 1  # once, not per input
    assert (tmp_path / ".merge_file_ours").read_text(encoding="utf-8").startswith("<<<<<<< ours: ")  # nothing lost
    (tmp_path / ".merge_file_ours").write_text(mini_org("lead.hire", "lead.hire"), encoding="utf-8")
    assert main([*args, "--path", "teams/org.toml"]) == 0
    merged = parse_org((tmp_path / ".merge_file_ours").read_text(encoding="utf-8"), team / "org.toml")
    assert merged.owners("lead.plan") == ("b",) and merged.owners("lead.hire") == ("a",)  # both moves, no conflict
