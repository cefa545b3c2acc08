"""`orgtui diff`: changes in the org's own terms, the coverage delta, the exit status as a
review gate, and the git diff driver (external command and textconv) in a real repo."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from orgtui.cli import main
from orgtui.core.domain import edits as E
from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.history import History
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.git.diff import diff_orgs
from orgtui.core.git.diff_format import as_data, as_json, as_markdown, as_text
from orgtui.core.storage.orgfile import dumps_org, load_org, parse_org

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

PRICING = "ecommerce_manager.pricing"
RETURNS = "ecommerce_manager.returns"
PRESENCE = "ecommerce_manager.overall_presence"
COMPLAINTS = "customer_service_manager.complaints"
AFTER_SALES = "customer_service_manager.after_sales"
SEO = "content_campaign_strategist.seo"
CONTENT = "content_campaign_strategist.content_creation"
ANALYSES = "data_evangelist.analyses"
MOCKUPS = "ux_designer.mockups"


def shop() -> Org:
    """Three departments, four people, four positions (one vacant)."""
    return Org(
        OrgInfo("Shop GmbH", span_of_control=8),
        builtin_catalog(),
        [Department("shop", "Online Shop"), Department("cs", "Customer Service", "shop"),
         Department("mkt", "Marketing", "shop")],
        [Person("anna", "Anna"), Person("ben", "Ben"), Person("cem", "Cem"), Person("dana", "Dana", 0.5)],
        [
            Position("head", "Head of E-Commerce", "shop", "ecommerce_manager", ("anna",), (PRICING, RETURNS, PRESENCE)),
            Position("cs_lead", "Service Lead", "cs", "customer_service_manager", ("ben", "dana"), (COMPLAINTS, AFTER_SALES)),
            Position("content", "Content Manager", "mkt", None, ("cem",), (CONTENT, SEO)),
            Position("analyst", "Data Analyst", "shop", "data_evangelist", (), (ANALYSES,)),
        ],
    )


def edited(org: Org, *edits: E.Edit) -> Org:
    copy = parse_org(dumps_org(org), Path("org.toml"))
    history = History(copy)
    for edit in edits:
        history.apply(edit)
    return copy


def kinds(diff) -> list[tuple[str, str, str]]:
    return [(i.section, i.what, i.subject.id) for i in diff.items]


def test_identical_versions_have_no_changes() -> None:
    diff = diff_orgs(shop(), shop())
    assert diff.items == () and not diff.worse
    text = as_text(diff)
    assert "No changes" in text and text.rstrip().endswith("Coverage did not get worse.")


def test_every_kind_of_change_is_named() -> None:
    old = shop()
    new = edited(
        old,
        E.RenameOrg("Shop AG"),
        E.RenameDepartment("mkt", "Marketing & Content"),
        E.MoveDepartment("cs", "mkt"),
        E.RenamePosition("head", "Head of Shop"),
        E.MovePosition("analyst", "mkt"),
        E.SetRole("content", "content_campaign_strategist"),
        E.SetFte("cs_lead", 0.5),
        E.AddPerson("Eva", id="eva"),
        E.AssignHolder("eva", "analyst"),
        E.RemovePerson("dana"),
        E.MoveHolder("cem", "content", "head"),
        E.SetCapacity("ben", 0.8),
        E.RenamePerson("anna", "Anna Schmidt"),
        E.MoveDuty(PRICING, "head", "cs_lead"),
        E.AddPosition("UX Designer", "shop", id="ux", duties=(MOCKUPS,)),
        E.AddDepartment("Lab", parent="shop", id="lab"),
    )
    diff = diff_orgs(old, new)
    assert kinds(diff) == [
        ("org", "renamed", "org"),
        ("department", "moved", "cs"),
        ("department", "renamed", "mkt"),
        ("department", "added", "lab"),
        ("position", "renamed", "head"),
        ("position", "fte", "cs_lead"),
        ("position", "role", "content"),
        ("position", "moved", "analyst"),
        ("position", "added", "ux"),
        ("person", "renamed", "anna"),
        ("person", "capacity", "ben"),
        ("person", "positions", "cem"),
        ("person", "removed", "dana"),
        ("person", "added", "eva"),
        ("duty", "owners", PRICING),
        ("duty", "owners", MOCKUPS),
    ]
    text = as_text(diff)
    for line in (
        "  ~ org renamed from “Shop GmbH” to “Shop AG”",
        "  ~ [mkt] renamed from “Marketing” to “Marketing & Content”",
        "  > “Customer Service” [cs] moved from “Online Shop” to “Marketing & Content”",
        "  + “Lab” [lab] added in “Online Shop”",
        "  ~ [head] renamed from “Head of E-Commerce” to “Head of Shop”",
        "  ~ “Service Lead” [cs_lead] FTE 1 → 0.5",
        "  ~ “Content Manager” [content] role none → Digital Content & Campaign Strategist",
        "  > “Data Analyst” [analyst] moved from “Online Shop” to “Marketing & Content”",
        "  + “UX Designer” [ux] added in “Online Shop”",
        "  ~ “Ben” [ben] capacity 1 → 0.8 FTE",
        "  > “Cem” [cem] left “Content Manager”; joined “Head of Shop”",
        "  - “Dana” [dana] removed (held “Service Lead”)",
        "  + “Eva” [eva] added, holds “Data Analyst”",
        "  > “Pricing management” (E-Commerce Manager) [ecommerce_manager.pricing]: “Head of E-Commerce” → “Service Lead”",
        "  > “Creating mock-ups” (UX Designer) [ux_designer.mockups]: assigned to “UX Designer”",
        "  It fixes 1: “Creating mock-ups” (UX Designer).",
    ):
        assert line in text.splitlines(), line
    assert not diff.worse


def test_a_duty_left_without_owner_makes_coverage_worse() -> None:
    old = shop()
    new = edited(old, E.UnassignDuty(SEO, "content"), E.RemovePosition("analyst"))
    diff = diff_orgs(old, new)
    assert [r.id for r in diff.coverage.newly_unowned] == [SEO, ANALYSES]  # catalog order
    assert diff.worse
    text = as_text(diff)
    assert "This change leaves 2 duties unowned: “Search engine optimisation” (Digital Content & Campaign Strategist)" in text
    assert "[data_evangelist.analyses]: taken from “Data Analyst”, now nobody owns it" in text
    assert "unowned duties 43 → 45" in text and text.rstrip().endswith("Coverage got worse.")


def test_fixing_other_duties_does_not_make_up_for_a_new_gap() -> None:
    old = shop()
    new = edited(old, E.AssignDuty(MOCKUPS, "head"), E.AssignDuty("ux_designer.user_journey", "head"),
                 E.UnassignDuty(SEO, "content"))
    diff = diff_orgs(old, new)
    assert [r.id for r in diff.coverage.fixed] == [MOCKUPS, "ux_designer.user_journey"]
    assert [r.id for r in diff.coverage.newly_unowned] == [SEO]
    assert diff.coverage.after.unowned < diff.coverage.before.unowned
    assert diff.worse


def test_split_and_vacancy_counts_before_and_after() -> None:
    old = shop()
    new = edited(old, E.AssignDuty(PRICING, "cs_lead"), E.AssignHolder("cem", "analyst"))
    cov = diff_orgs(old, new).coverage
    assert (cov.before.split, cov.after.split) == (0, 1)
    assert (cov.before.vacancy_only, cov.after.vacancy_only) == (1, 0)
    assert not diff_orgs(old, new).worse  # a split is a warning, not a gap


def test_the_reorg_of_before_reorg() -> None:
    old = load_org(SAMPLES / "before-reorg.toml").org
    new = edited(old, E.AssignHolder("tobias.wendt", "marketplace_manager"), E.UnassignHolder("tobias.wendt", "amazon_interim"),
                 E.MoveDuty(PRICING, "vertriebsleiter", "einkaufsleitung"), E.AssignDuty("ux_designer.user_experience", "webshop"),
                 E.RemoveDepartment("digital_lab"))
    diff = diff_orgs(old, new)
    assert not diff.worse
    cov = diff.coverage
    assert [r.id for r in cov.fixed] == ["ux_designer.user_experience"]
    # the marketplace duties get a holder; the two Tobias leaves behind are vacant now
    assert (cov.before.vacancy_only, cov.after.vacancy_only) == (3, 2)
    assert (cov.before.split, cov.after.split) == (4, 3)
    assert ("person", "positions", "tobias.wendt") in kinds(diff)
    assert ("department", "removed", "digital_lab") in kinds(diff)


def test_json_and_markdown() -> None:
    old = shop()
    new = edited(old, E.MoveDuty(SEO, "content", "head"), E.RemovePosition("analyst"))
    diff = diff_orgs(old, new, "old.toml", "new.toml")
    data = json.loads(as_json(diff))
    assert data == as_data(diff) and data["schema"] == "orgtui-diff/1"
    assert data["worse"] is True and data["coverage"]["newly_unowned"] == [ANALYSES]
    seo = next(c for c in data["changes"] if c["subject"]["id"] == SEO)
    assert seo["before"] == [{"id": "content", "name": "Content Manager"}]
    assert seo["after"] == [{"id": "head", "name": "Head of E-Commerce"}]
    md = as_markdown(diff)
    assert "### Duties" in md and "| unowned duties | 43 | 44 |" in md and "**Coverage got worse.**" in md
    assert "`data_evangelist.analyses`" in md


def test_hostile_names_stay_inert_in_every_format() -> None:
    old = load_org(SAMPLES / "hostile-names.toml").org
    new = edited(old, E.RenamePosition("ux", "Evil \x1b]0;title\x07 | [x](y) <b>"), E.RenamePerson("ada", "Ada\u202e|"),
                 E.MoveDuty("ux_designer.mockups", "ux", "ghost"))
    diff = diff_orgs(old, new)
    for text in (as_text(diff), as_markdown(diff)):
        assert CONTROL.search(text) is None
    md = as_markdown(diff)
    assert "Evil \\\\x1b\\]0;title\\\\x07 \\| \\[x\\](y) \\<b\\>" in md
    assert json.loads(as_json(diff))["changes"][0]["after"] == "Evil \x1b]0;title\x07 | [x](y) <b>"


# -- the command -----------------------------------------------------------------------------


def write(path: Path, org: Org) -> Path:
    path.write_text(dumps_org(org), encoding="utf-8")
    return path


def test_exit_status_is_a_review_gate(tmp_path: Path, capsys) -> None:
    old = write(tmp_path / "old.toml", shop())
    same = write(tmp_path / "same.toml", edited(shop(), E.RenamePosition("head", "Boss")))
    worse = write(tmp_path / "worse.toml", edited(shop(), E.UnassignDuty(SEO, "content")))
    assert main(["diff", str(old), str(same)]) == 0
    assert "[head] renamed" in capsys.readouterr().out
    assert main(["diff", str(old), str(worse), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["worse"] is True
    assert main(["diff", str(worse), str(old), "--format", "markdown"]) == 0
    assert "It fixes 1" in capsys.readouterr().out


def test_bad_input_is_reported_like_check(tmp_path: Path, capsys) -> None:
    old = write(tmp_path / "old.toml", shop())
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\nname = "x"\n\n[[people]]\nid = "a"\nname = "A"\ncapacty = 1\n', encoding="utf-8")
    assert main(["diff", str(old), str(broken)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert f"{broken}:5:" in captured.err and "unknown key" in captured.err
    assert main(["diff", str(tmp_path / "missing.toml"), str(broken)]) == 2
    err = capsys.readouterr().err
    assert "missing.toml: no such file" in err and "broken.toml" in err  # both reported


def test_wrong_number_of_files_is_a_usage_error(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("GIT_DIFF_PATH_TOTAL", raising=False)
    with pytest.raises(SystemExit) as exc:
        main(["diff", "a.toml", "b.toml", "c.toml"])
    assert exc.value.code == 2 and "expected OLD and NEW" in capsys.readouterr().err


def test_git_external_diff_arguments(tmp_path: Path, capsys, monkeypatch) -> None:
    old = write(tmp_path / "old.toml", shop())
    new = write(tmp_path / "new.toml", edited(shop(), E.UnassignDuty(SEO, "content")))
    args = ["diff", "org/shop.toml", str(old), "a" * 40, "100644", str(new), "b" * 40, "100644"]
    assert main(args) == 0  # never 1 or 2: git would stop the whole diff
    out = capsys.readouterr().out
    assert out.startswith("orgtui diff a/org/shop.toml → b/org/shop.toml\n") and "Coverage got worse." in out
    assert main(["diff", "shop.toml", os.devnull, "0" * 40, "000000", str(new), "b" * 40, "100644"]) == 0
    assert "+ “Head of E-Commerce” [head] added" in capsys.readouterr().out
    assert main(["diff", "shop.toml", str(old), "a" * 40, "100644", os.devnull, "0" * 40, "000000"]) == 0
    assert "- “Anna” [anna] removed" in capsys.readouterr().out
    monkeypatch.setenv("GIT_DIFF_PATH_TOTAL", "1")
    assert main(["diff", "shop.toml"]) == 0
    assert "unmerged" in capsys.readouterr().out


def test_a_pull_request_that_adds_an_org_file_diffs_against_nothing(tmp_path: Path, capsys) -> None:
    new = write(tmp_path / "new.toml", shop())
    assert main(["diff", os.devnull, str(new)]) == 0  # nothing was owned before: not worse
    out = capsys.readouterr().out
    assert out.startswith(f"orgtui diff {os.devnull} → {new}\n") and "+ “Anna” [anna] added" in out
    empty = tmp_path / "empty.toml"  # what `git show main:new.toml > empty.toml || true` leaves
    empty.write_text("# not on main yet\n\n", encoding="utf-8")
    assert main(["diff", str(empty), str(new), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"][0]["change"] == "added"
    assert main(["diff", str(new), os.devnull]) == 1  # removing the org leaves its duties unowned
    assert "- “Anna” [anna] removed" in capsys.readouterr().out
    form_feed = tmp_path / "ff.toml"
    form_feed.write_text("\f", encoding="utf-8")  # not empty: invalid
    assert main(["diff", str(form_feed), str(new)]) == 2
    assert "ff.toml:1:1: TOML syntax error" in capsys.readouterr().err


def test_the_gate_names_a_new_error(tmp_path: Path, capsys) -> None:
    """A committed merge-conflict note is an error: the gate must say which, not only 'errors 41 → 42'."""
    from orgtui.core.git.merge import Conflict, with_conflicts

    old = write(tmp_path / "old.toml", shop())
    new = write(tmp_path / "new.toml", with_conflicts(shop(), [Conflict("duty", PRICING, "ours gave it to “A”")]))
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert f"It adds 1 error: Merge conflict: duty {PRICING}: ours gave it to “A”." in out
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["coverage"]["new_errors"] == [
        {"code": "merge-conflict", "message": f"Merge conflict: duty {PRICING}: ours gave it to “A”"}]
    assert main(["diff", str(new), str(old)]) == 0
    assert "It adds" not in capsys.readouterr().out


def test_textconv_lines_show_the_org_one_fact_per_line() -> None:
    """A line diff of two textconv outputs shows a moved duty as one line out, one line in."""
    import difflib
    from dataclasses import replace

    from orgtui.core.git.textconv import org_text

    old = shop()
    new = edited(old, E.MoveDuty(SEO, "content", "head"))
    new.info = replace(new.info, efforts=((PRICING, 0.25),))  # the file's own effort estimate for a duty
    changed = [line for line in difflib.unified_diff(org_text(old, "shop").splitlines(),
                                                     org_text(new, "shop").splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    seo = "duty “Search engine optimisation” (Digital Content & Campaign Strategist) [content_campaign_strategist.seo]"
    assert f"-      {seo}" in changed and f"+    {seo}" in changed
    assert "+    duty “Pricing management” (E-Commerce Manager) [ecommerce_manager.pricing], effort 0.25 FTE" in changed
    assert not any("position “" in line or "department “" in line for line in changed)  # the rest stays put


def test_textconv_never_fails_and_keeps_names_inert(tmp_path: Path, capsys) -> None:
    assert main(["textconv", str(SAMPLES / "hostile-names.toml")]) == 0
    out = capsys.readouterr().out
    assert CONTROL.search(out) is None and "position “" in out and "findings: " in out
    assert main(["textconv", str(tmp_path / "gone.toml")]) == 0  # git would stop the whole log at exit != 0
    assert "note: gone.toml: this version is not a valid org file" in capsys.readouterr().out
    binary = tmp_path / "bin.org.toml"
    binary.write_bytes(b"\xff\xfe\x00name = \x1b[2J\n")
    assert main(["textconv", str(binary)]) == 0
    out = capsys.readouterr().out
    assert "not valid UTF-8" in out and CONTROL.search(out) is None


# -- git -------------------------------------------------------------------------------------


def orgtui_command() -> str:
    return f"{shlex.quote(sys.executable)} -m orgtui"


README = Path(__file__).resolve().parents[1] / "README.md"
# The folder of this interpreter's `orgtui` script: on the PATH git sees, as for a user who
# installed orgtui (git runs `orgtui ...` through the shell).
BIN = str(Path(sys.executable).parent)


def git_env(home: Path) -> dict[str, str]:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(home), "GIT_PAGER": "cat", "PAGER": "cat",
           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.com", "LC_ALL": "C.UTF-8", "GIT_MERGE_AUTOEDIT": "no",
           "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}
    env.pop("GIT_DIFF_PATH_TOTAL", None)
    return env


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=git_env(repo.parent),
                            timeout=120, check=False)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def orgtui(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A real `orgtui` process, as a user types it in CWD."""
    return subprocess.run([sys.executable, "-m", "orgtui", *args], cwd=cwd, capture_output=True, text=True,
                          env=git_env(cwd.parent), timeout=120, check=False)


def git_setup(repo: Path) -> str:
    """The README's one line of setup for a clone."""
    done = orgtui(repo, "git-setup")
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_readme_documents_the_git_setup() -> None:
    text = README.read_text(encoding="utf-8")
    assert "*.org.toml diff=orgtui merge=orgtui" in text
    assert "\norgtui git-setup\n" in text and "`.~lock.*#`" in text


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "commit.gpgsign", "false")
    (repo / ".gitattributes").write_text("*.org.toml diff=orgtui merge=orgtui\n", encoding="utf-8")
    write(repo / "shop.org.toml", shop())
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def test_git_setup_configures_the_clone_in_one_step(repo: Path) -> None:
    out = git_setup(repo)
    assert git(repo, "config", "--get", "merge.orgtui.driver").stdout.strip() == "orgtui merge %O %A %B -o %A --path %P"
    assert git(repo, "config", "--get", "diff.orgtui.textconv").stdout.strip() == "orgtui textconv"
    assert git(repo, "config", "--get", "diff.orgtui.command").stdout.strip() == "orgtui diff"
    assert ".gitattributes names the orgtui drivers: ok" in out
    assert ".gitignore does not ignore the app's lock files: add `.~lock.*#`" in out
    (repo / ".~lock.shop.org.toml#").write_text("lock", encoding="utf-8")  # the app has the file open
    assert ".~lock" in git(repo, "status", "--porcelain").stdout
    done = orgtui(repo, "git-setup", "--ignore")
    assert done.returncode == 0 and "added `.~lock.*#` to .gitignore" in done.stdout
    assert ".~lock" not in git(repo, "status", "--porcelain").stdout
    assert orgtui(repo.parent, "git-setup").returncode == 2  # not a clone: nothing to configure


def test_check_warns_when_the_clone_has_not_set_up_the_driver(repo: Path) -> None:
    done = orgtui(repo, "check", "shop.org.toml")
    assert done.returncode == 1  # the shop's findings; the warning does not change the status
    assert ".gitattributes gives shop.org.toml diff=orgtui and merge=orgtui, but this clone has not set orgtui up" \
        in done.stderr and "Run `orgtui git-setup` once in this clone." in done.stderr
    git_setup(repo)
    assert "warning" not in orgtui(repo, "check", "shop.org.toml").stderr
    # the textconv an older README gave, which stops `git log -p` at an invalid version
    git(repo, "config", "diff.orgtui.textconv", "orgtui export --format markdown")
    assert "diff.orgtui.textconv for shop.org.toml is an old setting" in orgtui(repo, "check", "shop.org.toml").stderr


def test_git_diff_uses_the_driver(repo: Path) -> None:
    git_setup(repo)
    write(repo / "shop.org.toml", edited(shop(), E.MoveDuty(SEO, "content", "head"), E.UnassignDuty(ANALYSES, "analyst")))
    out = git(repo, "diff").stdout
    assert out.startswith("orgtui diff a/shop.org.toml → b/shop.org.toml\n")
    assert "“Search engine optimisation” (Digital Content & Campaign Strategist) [content_campaign_strategist.seo]: “Content Manager” → “Head of E-Commerce”" in out
    assert "This change leaves 1 duty unowned: “Creating analyses” (Data Evangelist)." in out
    # a file added to the index: git passes /dev/null as the old version
    write(repo / "new.org.toml", shop())
    git(repo, "add", "new.org.toml")
    out = git(repo, "diff", "--cached").stdout
    assert "orgtui diff a/new.org.toml → b/new.org.toml" in out and "+ “Anna” [anna] added" in out
    # a version that is not a valid org: the problems, then a line diff; git carries on
    (repo / "shop.org.toml").write_text("format = 1\nname = \n", encoding="utf-8")
    result = git(repo, "diff")
    assert result.returncode == 0
    assert "not a valid org file, showing a line diff" in result.stdout and "TOML syntax error" in result.stdout
    assert "-name = \"Shop GmbH\"" in result.stdout


def with_catalog(org: Org, ref: str) -> str:
    """The org file's text with a relative `catalog` (the built-in one, copied beside it)."""
    return dumps_org(org).replace('catalog = "builtin"', f'catalog = "{ref}"', 1)


@pytest.fixture
def team_repo(tmp_path: Path) -> Path:
    """teams/shop.org.toml with its catalog beside it (`catalog = "roles.toml"`), and a
    history with a version that is not a valid org in the middle."""
    from orgtui.core.domain.catalog import builtin_path

    repo = tmp_path / "team"
    (repo / "teams").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "commit.gpgsign", "false")
    (repo / ".gitattributes").write_text("*.org.toml diff=orgtui merge=orgtui\n", encoding="utf-8")
    (repo / "teams" / "roles.toml").write_bytes(builtin_path().read_bytes())
    org = repo / "teams" / "shop.org.toml"
    for text, message in ((with_catalog(shop(), "roles.toml"), "shop"),
                          ('format = 1\nname = "Shop GmbH"\n[[positions]\n', "half an edit, committed"),
                          (with_catalog(edited(shop(), E.RenamePosition("head", "Head of Shop"),
                                               E.MoveDuty(SEO, "content", "head")), "roles.toml"), "head renamed")):
        org.write_text(text, encoding="utf-8")
        git(repo, "add", ".")
        git(repo, "commit", "-q", "-m", message)
    return repo


def test_history_with_an_invalid_version_and_a_relative_catalog_stays_readable(team_repo: Path) -> None:
    git_setup(team_repo)
    log = git(team_repo, "log", "-p", "--", "teams/shop.org.toml")  # exit 128 with the old textconv
    assert log.returncode == 0, log.stderr
    out = log.stdout
    # the org itself, not a report: the rename and the moved duty show as lines
    assert "+  position “Head of Shop” [head]: role “E-Commerce Manager”, 1 FTE" in out
    assert "+    duty “Search engine optimisation” (Digital Content & Campaign Strategist) " \
        "[content_campaign_strategist.seo]" in out
    assert "+    held by “Anna” [anna]" in out  # the first version, found its catalog from a temporary copy
    # the invalid version: its text, after a note naming the repository path (not git's temporary file)
    assert "+note: teams/shop.org.toml: this version is not a valid org file, so its text is shown as it is" in out
    assert "+note: teams/shop.org.toml:3:" in out and "+[[positions]" in out
    assert "/tmp" not in out and "git-blob" not in out
    shown = git(team_repo, "show", "HEAD~1", check=False)  # the commit of the invalid version
    assert shown.returncode == 0 and "+note: teams/shop.org.toml: this version is not a valid org" in shown.stdout
    blame = git(team_repo, "blame", "teams/shop.org.toml", check=False)
    assert blame.returncode == 0 and "position “Head of Shop” [head]" in blame.stdout


def test_the_readme_ci_recipe_works_with_a_relative_catalog(tmp_path: Path) -> None:
    """The gate of the README, run as written, on org.toml with `catalog = "roles.toml"`."""
    from orgtui.core.domain.catalog import builtin_path

    text = README.read_text(encoding="utf-8")
    recipe = text[text.index("gate a pull request on it:"):]
    recipe = recipe[recipe.index("```sh\n") + 6:]
    recipe = recipe[:recipe.index("```")].replace("/tmp/main.toml", str(tmp_path / "main.toml"))
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "roles.toml").write_bytes(builtin_path().read_bytes())
    (repo / "org.toml").write_text(with_catalog(shop(), "roles.toml"), encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "shop")
    git(repo, "branch", "origin/main")  # what CI has fetched as the target branch
    (repo / "org.toml").write_text(with_catalog(edited(shop(), E.UnassignDuty(ANALYSES, "analyst")), "roles.toml"),
                                   encoding="utf-8")

    def gate(script: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-euc", script], cwd=repo, capture_output=True, text=True,
                              env=git_env(tmp_path), timeout=120, check=False)

    run = gate(recipe)
    assert run.returncode == 1, run.stderr  # 2 without --path: the catalog was looked for beside main.toml
    assert "This change leaves 1 duty unowned: “Creating analyses” (Data Evangelist)." in run.stdout
    (repo / "org.toml").rename(repo / "new.org.toml")  # a pull request that adds the file
    run = gate(recipe.replace("org.toml", "new.org.toml"))
    assert run.returncode == 0, run.stderr
    assert "+ “Anna” [anna] added" in run.stdout


def test_git_driver_finds_a_relative_catalog_next_to_the_path(tmp_path: Path, monkeypatch, capsys) -> None:
    from test_merge import MINI_CATALOG, mini_org

    (tmp_path / "teams").mkdir()
    (tmp_path / "teams" / "catalog.toml").write_text(MINI_CATALOG, encoding="utf-8")
    (tmp_path / "teams" / "org.toml").write_text(mini_org("lead.hire", "lead.hire"), encoding="utf-8")
    old = tmp_path / "git-tmp" / "XXXXXX_org.toml"  # git writes old versions to temporary files elsewhere
    old.parent.mkdir()
    old.write_text(mini_org("lead.plan", "lead.hire"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # git runs the command at the top of the work tree
    assert main(["diff", "teams/org.toml", str(old), "a" * 40, "100644", "teams/org.toml", "b" * 40, "100644"]) == 0
    out = capsys.readouterr().out
    assert "“Planning” (Lead) [lead.plan]: taken from “A”, now nobody owns it" in out
    assert "not a valid org file" not in out
