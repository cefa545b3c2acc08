"""The README's "Org files in git", followed by a new team member in a fresh clone, with
real git and real orgtui processes: clone, set up with one line, read history that holds
an invalid version, diff, merge with a conflict; and a teammate who skipped the setup."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_diff import (
    CONTENT,
    PRICING,
    RETURNS,
    edited,
    git,
    git_setup,
    orgtui,
    shop,
    with_catalog,
)

from orgtui.core.domain import edits as E
from orgtui.core.domain.catalog import builtin_path
from orgtui.core.storage.orgfile import parse_org

ORG = "teams/shop.org.toml"


def commit(repo: Path, text: str, message: str) -> None:
    (repo / ORG).write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", message)


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """The team's repository: .gitattributes, an org with its catalog beside it, and a
    history in which someone once committed half an edit."""
    repo = tmp_path / "origin"
    (repo / "teams").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / ".gitattributes").write_text("*.org.toml diff=orgtui merge=orgtui\n", encoding="utf-8")
    (repo / "teams" / "roles.toml").write_bytes(builtin_path().read_bytes())
    (repo / ORG).write_text(with_catalog(shop(), "roles.toml"), encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "shop")
    commit(repo, 'format = 1\nname = "Shop GmbH"\n[[positions]\n', "half an edit")
    commit(repo, with_catalog(edited(shop(), E.RenamePosition("head", "Head of Shop")), "roles.toml"), "rename")
    return repo


def clone(origin: Path, name: str) -> Path:
    target = origin.parent / name
    git(origin.parent, "clone", "-q", str(origin), str(target))
    git(target, "config", "commit.gpgsign", "false")
    return target


def org_in(repo: Path):
    return parse_org((repo / ORG).read_text(encoding="utf-8"), repo / ORG)


def test_a_new_team_member_follows_the_readme(origin: Path) -> None:
    me = clone(origin, "newcomer")
    out = git_setup(me)  # the one line of setup
    assert "add `.~lock.*#`" in out
    assert orgtui(me, "git-setup", "--ignore").returncode == 0
    git(me, "add", ".gitignore")
    git(me, "commit", "-q", "-m", "ignore the app's lock files")

    # history: the invalid version is shown as text, the rename as lines, nothing exits 128
    log = git(me, "log", "-p")
    assert "+note: teams/shop.org.toml: this version is not a valid org file" in log.stdout
    assert "-  position “Head of E-Commerce” [head]" in log.stdout
    assert "+  position “Head of Shop” [head]" in log.stdout
    assert git(me, "blame", ORG).returncode == 0

    # an edit, diffed in the org's terms
    (me / ORG).write_text(with_catalog(edited(org_in(me), E.MoveDuty(PRICING, "head", "cs_lead")), "roles.toml"),
                          encoding="utf-8")
    assert "“Pricing management” (E-Commerce Manager) [ecommerce_manager.pricing]: “Head of Shop” → “Service Lead”" \
        in git(me, "diff").stdout
    git(me, "commit", "-q", "-am", "pricing to service")

    # a colleague moved the same duty elsewhere: a named conflict, and check fails on it
    git(me, "checkout", "-q", "-b", "colleague", "HEAD~1")
    commit(me, with_catalog(edited(org_in(me), E.MoveDuty(PRICING, "head", "content")), "roles.toml"), "to content")
    git(me, "checkout", "-q", "main")
    merge = git(me, "merge", "--no-edit", "colleague", check=False)
    assert merge.returncode != 0 and "duty “Pricing management”" in merge.stderr
    check = orgtui(me, "check", ORG)
    assert check.returncode == 1 and "Merge conflict: duty ecommerce_manager.pricing" in check.stdout
    assert "warning" not in check.stderr  # this clone is set up
    assert git(me, "status", "--porcelain").stdout.splitlines() == [f"UU {ORG}"]  # no lock file, no stray file


def test_a_teammate_who_skipped_the_setup_is_told_what_happened(origin: Path) -> None:
    skipper = clone(origin, "skipper")
    check = orgtui(skipper, "check", ORG)
    assert "but this clone has not set orgtui up" in check.stderr and "orgtui git-setup" in check.stderr

    # two managers take different duties out of the head's list: adjacent lines, git's line merge conflicts
    git(skipper, "checkout", "-q", "-b", "service")
    commit(skipper, with_catalog(edited(org_in(skipper), E.MoveDuty(RETURNS, "head", "cs_lead")), "roles.toml"),
           "returns to service")
    git(skipper, "checkout", "-q", "main")
    commit(skipper, with_catalog(edited(org_in(skipper), E.MoveDuty(PRICING, "head", "content")), "roles.toml"),
           "pricing to content")
    assert git(skipper, "merge", "--no-edit", "service", check=False).returncode != 0
    assert "<<<<<<<" in (skipper / ORG).read_text(encoding="utf-8")
    check = orgtui(skipper, "check", ORG)
    assert check.returncode == 2 and "Invalid value" not in check.stderr
    assert f"{ORG}:" in check.stderr and "unresolved merge conflict: git's conflict markers" in check.stderr
    assert "`orgtui git-setup`" in check.stderr and f"`git checkout -m -- {ORG}`" in check.stderr

    # doing what the message says gives the merge per entity: both moves, no conflict
    git_setup(skipper)
    git(skipper, "checkout", "-m", "--", ORG)
    merged = org_in(skipper)
    assert merged.owners(PRICING) == ("content",) and merged.owners(RETURNS) == ("cs_lead",)
    assert CONTENT in merged.positions["content"].duties
    assert "Merge conflict" not in orgtui(skipper, "check", ORG).stdout
