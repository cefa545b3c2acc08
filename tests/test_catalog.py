"""The catalog: the seven roles of the reference article and their duties, as data."""

from __future__ import annotations

from pathlib import Path

import pytest

import orgtui
from orgtui.core.domain.catalog import builtin_catalog, builtin_path
from orgtui.core.domain.validator import UNOWNED, Validator
from orgtui.core.storage import catalog_file
from orgtui.core.storage.catalog_file import load_catalog
from orgtui.core.storage.load_problems import LoadError, Problem
from orgtui.core.storage.orgfile import dumps_org, load_org

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO.parent / "shared" / "reference" / "ecommerce-team-roles.de.txt"

ARTICLE_ROLES = [
    "E-Commerce Manager",
    "Marktplatz-Manager",
    "Category Manager",
    "Customer Service Manager",
    "Digital Content & Campaign Strategist",
    "UX-Designer",
    "Data Evangelist",
]


@pytest.fixture
def article() -> str:
    if not ARTICLE.is_file():
        pytest.skip(f"the reference article is not at {ARTICLE} (shared material not checked out)")
    return ARTICLE.read_text(encoding="utf-8")


def test_the_bundled_catalog_passes_every_check_a_users_catalog_gets():
    """builtin_catalog() reads the bundled file without the checks; this is the check."""
    checked, quick = load_catalog(builtin_path()), builtin_catalog()
    assert checked.name == quick.name
    assert list(checked.roles.values()) == list(quick.roles.values())
    assert checked.duties == quick.duties


def test_builtin_catalog_has_the_seven_roles_of_the_article_in_order():
    catalog = builtin_catalog()
    assert [role.title_de for role in catalog.roles.values()] == ARTICLE_ROLES


def test_builtin_catalog_has_a_plausible_number_of_duties_each_under_its_role():
    catalog = builtin_catalog()
    assert 40 <= len(catalog.duties) <= 60
    every_duty = [duty for role in catalog.roles.values() for duty in role.duties]
    assert len({duty.id for duty in every_duty}) == len(every_duty), "duty ids must be unique"
    for role in catalog.roles.values():
        assert role.duties, f"{role.id} has no duties"
        for duty in role.duties:
            assert duty.role == role.id
            assert duty.id.startswith(role.id + "."), duty.id
            assert catalog.duties[duty.id] is duty


def test_every_duty_quotes_the_article_verbatim(article):
    catalog = builtin_catalog()
    lines = set(article.splitlines())
    for role in catalog.roles.values():
        assert role.title_de in lines, f"role title {role.title_de!r} is not a line of the article"
    for duty in catalog.duties.values():
        assert duty.source, f"{duty.id} has no source sentence"
        assert duty.source in article, f"{duty.id}: source is not verbatim from the article"


def test_the_ux_designer_starts_with_the_articles_two_questions(article):
    """The UX-Designer section opens by asking how customers behave in the shop and which
    functions it should have: deciding both is the role's work, before mock-ups and tests."""
    question = "Wie verhalten sich die Kunden im Onlineshop und welche Funktionen soll dieser haben?"
    assert question in article
    duties = builtin_catalog().roles["ux_designer"].duties
    assert [d.id for d in duties[:2]] == ["ux_designer.customer_behaviour", "ux_designer.shop_functions"]
    assert all(d.source == question and d.title_de != d.title and d.effort for d in duties[:2])


def test_builtin_path_is_inside_the_installed_package_and_is_the_root_roles_file():
    path = builtin_path()
    package = Path(orgtui.__file__).resolve().parent
    assert path.is_relative_to(Path(orgtui.__file__).parent)
    assert path.parent.resolve() == package / "data"
    assert path.read_bytes() == (REPO / "roles.toml").read_bytes()
    if path.is_symlink():  # the source tree links it to the root file instead of copying
        assert path.resolve() == (REPO / "roles.toml").resolve()


CUSTOM_CATALOG = """\
version = 1
name = "Tiny catalog"

[[roles]]
id = "baker"
title = "Baker"

[[roles.duties]]
id = "baker.bread"
title = "Bake bread"

[[roles.duties]]
id = "baker.cakes"
title = "Bake cakes"
"""


def test_an_org_file_can_bring_its_own_catalog_next_to_it(write_file):
    write_file(CUSTOM_CATALOG, "team/my-roles.toml")
    path = write_file(
        'format = 1\nname = "Bakery"\ncatalog = "my-roles.toml"\n\n'
        '[[departments]]\nid = "oven"\nname = "Oven"\n\n'
        '[[positions]]\nid = "baker1"\ntitle = "Baker"\ndepartment = "oven"\nrole = "baker"\nduties = ["baker.bread"]\n',
        "team/org.toml",
    )

    org = load_org(path).org

    assert org.catalog.name == "Tiny catalog"
    assert list(org.catalog.duties) == ["baker.bread", "baker.cakes"]
    assert org.owners("baker.bread") == ("baker1",)
    # the rules run on the custom duties, and saving keeps the reference
    unowned = [f.subject for f in Validator(org).findings() if f.code == UNOWNED]
    assert unowned == ["baker.cakes"]
    assert 'catalog = "my-roles.toml"' in dumps_org(org)


def test_a_duty_of_the_builtin_catalog_is_unknown_when_the_org_uses_its_own(write_file):
    write_file(CUSTOM_CATALOG, "my-roles.toml")
    path = write_file(
        'format = 1\nname = "Bakery"\ncatalog = "my-roles.toml"\n\n'
        '[[departments]]\nid = "oven"\nname = "Oven"\n\n'
        '[[positions]]\nid = "p"\ntitle = "P"\ndepartment = "oven"\nduties = ["ecommerce_manager.pricing"]\n'
    )
    with pytest.raises(LoadError) as caught:
        load_org(path)
    assert "'ecommerce_manager.pricing' is not in the catalog 'Tiny catalog'" in str(caught.value)


def test_a_broken_catalog_is_reported_with_the_catalog_file_and_line(write_file):
    catalog = write_file('version = 1\nname = "Broken\n', "my-roles.toml")
    path = write_file('format = 1\nname = "Bakery"\ncatalog = "my-roles.toml"\n')
    with pytest.raises(LoadError) as caught:
        load_org(path)
    intro, problem = caught.value.problems
    assert (intro.file, intro.line, intro.where) == (str(path), 3, "catalog"), "first the org file and line naming the catalog"
    assert "the catalog 'my-roles.toml' named here cannot be used" in intro.message
    assert problem.file == str(catalog)
    assert problem.line == 2
    assert "TOML syntax error" in problem.message


def test_a_missing_catalog_is_reported_by_its_path_relative_to_the_org_file(write_file, tmp_path):
    path = write_file('format = 1\nname = "Bakery"\ncatalog = "nowhere.toml"\n', "sub/org.toml")
    with pytest.raises(LoadError) as caught:
        load_org(path)
    intro, problem = caught.value.problems
    assert intro.file == str(path) and intro.line == 3
    assert problem.file == str(tmp_path / "sub" / "nowhere.toml")
    assert "no such file" in problem.message


def test_a_catalog_with_a_duplicate_duty_id_names_the_id_and_its_line(write_file):
    path = write_file(CUSTOM_CATALOG.replace('id = "baker.cakes"', 'id = "baker.bread"'), "my-roles.toml")
    with pytest.raises(LoadError) as caught:
        load_catalog(path)
    [problem] = caught.value.problems
    assert problem.file == str(path)
    assert "'baker.bread' is used twice" in problem.message
    lines_with_the_id = [n for n, line in enumerate(path.read_text().splitlines(), 1) if line == 'id = "baker.bread"']
    assert len(lines_with_the_id) == 2 and problem.line in lines_with_the_id


def test_a_catalog_that_is_not_a_catalog_names_the_missing_and_unknown_fields(write_file):
    path = write_file('version = 1\n[[roles]]\nid = "x"\ntitel = "X"\n', "my-roles.toml")
    with pytest.raises(LoadError) as caught:
        load_catalog(path)
    messages = [str(p) for p in caught.value.problems]
    assert all(m.startswith(str(path)) for m in messages)
    assert any("roles[0] (id 'x').title: required field is missing" in m for m in messages)
    assert any("roles[0] (id 'x').titel: unknown key" in m for m in messages)


# -- where a catalog may be (issue 14, item 21) ------------------------------------------

BROKEN = 'version = 1\nname = "secret\n'  # a syntax error on line 2, if anyone read it


def org_naming(folder: Path, ref: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "org.toml"
    path.write_text(f'format = 1\nname = "Bakery"\ncatalog = "{ref}"\n', encoding="utf-8")
    return path


def refused(path: Path) -> Problem:
    with pytest.raises(LoadError) as caught:
        load_org(path)
    [problem] = caught.value.problems
    return problem


def test_a_catalog_outside_the_org_files_folder_is_not_read(tmp_path, monkeypatch):
    monkeypatch.delenv(catalog_file.ALLOW_OUTSIDE_ENV, raising=False)
    (tmp_path / "secret.toml").write_text(BROKEN, encoding="utf-8")
    path = org_naming(tmp_path / "team", "../secret.toml")
    problem = refused(path)
    assert (problem.file, problem.line, problem.where) == (str(path), 3, "catalog")
    assert "'../secret.toml' is outside" in problem.message and "it was not read" in problem.message
    assert catalog_file.ALLOW_OUTSIDE_ENV in problem.message
    assert "TOML" not in str(problem) and "secret.toml:" not in str(problem), "nothing of the outside file is shown"


def test_an_absolute_catalog_path_elsewhere_and_a_link_leading_out_are_refused(tmp_path, monkeypatch):
    monkeypatch.delenv(catalog_file.ALLOW_OUTSIDE_ENV, raising=False)
    outside = tmp_path / "secret.toml"
    outside.write_text(BROKEN, encoding="utf-8")
    assert "is outside" in refused(org_naming(tmp_path / "a", str(outside))).message
    team = tmp_path / "b"
    team.mkdir()
    (team / "roles.toml").symlink_to(outside)
    assert "is outside" in refused(org_naming(team, "roles.toml")).message


def test_a_catalog_elsewhere_in_the_same_git_repository_is_allowed(tmp_path, monkeypatch):
    monkeypatch.delenv(catalog_file.ALLOW_OUTSIDE_ENV, raising=False)
    (tmp_path / ".git").mkdir()  # the repository's top: what `git rev-parse --show-toplevel` finds
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "bakery.toml").write_text(CUSTOM_CATALOG, encoding="utf-8")
    org = load_org(org_naming(tmp_path / "teams" / "north", "../../catalogs/bakery.toml")).org
    assert org.catalog.name == "Tiny catalog"


def test_the_environment_variable_allows_a_catalog_anywhere(tmp_path, monkeypatch):
    (tmp_path / "shared.toml").write_text(CUSTOM_CATALOG, encoding="utf-8")
    path = org_naming(tmp_path / "team", "../shared.toml")
    monkeypatch.setenv(catalog_file.ALLOW_OUTSIDE_ENV, "1")
    assert load_org(path).org.catalog.name == "Tiny catalog"


def test_a_catalog_path_with_a_nul_names_the_org_file_and_line(tmp_path):
    """Issue 14 item 8: a LoadError, not a ValueError traceback."""
    path = tmp_path / "org.toml"
    path.write_text('format = 1\nname = "Bakery"\n\ncatalog = "a\\u0000b"\n', encoding="utf-8")
    problem = refused(path)
    assert (problem.file, problem.line) == (str(path), 4)
    assert "NUL character" in problem.message
    assert "\x00" not in str(problem)


def test_a_catalog_with_a_huge_name_is_refused_and_quoted_short(tmp_path):
    (tmp_path / "roles.toml").write_text(CUSTOM_CATALOG.replace("Tiny catalog", "N" * 100_000), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_org(org_naming(tmp_path, "roles.toml"))
    text = str(caught.value)
    assert "at most 200 characters" in text
    assert len(text) < 2_000
