"""The catalog: the seven roles of the reference article and their duties, as data."""

from __future__ import annotations

from pathlib import Path

import pytest

import orgtui
from orgtui.core.domain.catalog import builtin_catalog, builtin_path
from orgtui.core.domain.validator import UNOWNED, Validator
from orgtui.core.storage.catalog_file import load_catalog
from orgtui.core.storage.orgfile import dumps_org, load_org
from orgtui.core.storage.problems import LoadError

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
    [problem] = caught.value.problems
    assert problem.file == str(catalog)
    assert problem.line == 2
    assert "TOML syntax error" in problem.message


def test_a_missing_catalog_is_reported_by_its_path_relative_to_the_org_file(write_file, tmp_path):
    path = write_file('format = 1\nname = "Bakery"\ncatalog = "nowhere.toml"\n', "sub/org.toml")
    with pytest.raises(LoadError) as caught:
        load_org(path)
    [problem] = caught.value.problems
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
