"""Saving and reopening an org changes nothing: same entities, same bytes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.storage.orgfile import dumps_org, load_org, parse_org, save_org

CATALOG = builtin_catalog()
DUTIES = list(CATALOG.duties)
ROLES = list(CATALOG.roles)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any Unicode except surrogates (they cannot be written as UTF-8), 1..200 characters,
# not only whitespace: what the file format accepts as a name.
names = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200).filter(lambda s: s.strip())
ids = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("abcXYZ019_"),
    st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-", max_size=12),
)
capacities = st.floats(min_value=0, max_value=2, allow_nan=False)
ftes = st.floats(min_value=0, max_value=1, exclude_min=True, allow_nan=False)


@st.composite
def orgs(draw) -> Org:
    dept_ids = draw(st.lists(ids, unique=True, max_size=8))
    departments = []
    for i, ident in enumerate(dept_ids):
        # a parent among the departments drawn before: always a forest, never a cycle
        parent = draw(st.none() | st.sampled_from(dept_ids[:i])) if i else None
        departments.append(Department(ident, draw(names), parent))
    draw(st.randoms()).shuffle(departments)  # a child may come before its parent in the file
    person_ids = draw(st.lists(ids, unique=True, max_size=8))
    people = [Person(ident, draw(names), draw(capacities)) for ident in person_ids]
    positions = []
    if dept_ids:
        for ident in draw(st.lists(ids, unique=True, max_size=10)):
            positions.append(Position(
                ident,
                draw(names),
                draw(st.sampled_from(dept_ids)),
                draw(st.none() | st.sampled_from(ROLES)),
                tuple(draw(st.lists(st.sampled_from(person_ids), unique=True, max_size=3))) if person_ids else (),
                tuple(draw(st.lists(st.sampled_from(DUTIES), unique=True, max_size=4))),
                draw(ftes),
            ))
    info = OrgInfo(draw(names), draw(st.integers(1, 1000)))
    return Org(info, CATALOG, departments, people, positions)


def entities(org: Org) -> tuple:
    """Everything a file holds, in file order."""
    return (org.info, org.catalog_ref, list(org.departments.items()), list(org.people.items()), list(org.positions.items()))


@SETTINGS
@given(orgs())
def test_a_saved_org_reads_back_as_the_same_org_and_the_same_text(org):
    text = dumps_org(org)
    again = parse_org(text, Path("generated.toml"))
    assert entities(again) == entities(org)
    assert dumps_org(again) == text


@settings(max_examples=20, deadline=None)
@given(orgs())
def test_saving_an_unchanged_org_twice_writes_identical_bytes(org):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "org.toml"
        first_digest = save_org(org, path)
        first = path.read_bytes()
        second_digest = save_org(org, path)
        assert path.read_bytes() == first
        assert second_digest == first_digest
        # and reopening the saved file then saving it again changes nothing either
        loaded = load_org(path)
        assert loaded.digest == first_digest
        save_org(loaded.org, path)
        assert path.read_bytes() == first


def test_the_comment_block_at_the_top_of_a_file_survives_a_save(write_file):
    header = "# Our shop, as of spring\n#\n# owner: Anna\n"
    path = write_file(header + '\nformat = 1\nname = "Shop"\n# this comment is not kept\n')
    org = load_org(path).org
    save_org(org, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(header)
    assert "not kept" not in text
    assert parse_org(text, path).preamble == header.rstrip("\n")


def test_a_hand_written_file_is_normalised_once_then_stable(write_file):
    path = write_file(
        'name = "Shop"\nformat = 1\n'
        'departments = [{id = "b", name = "B", parent = "a"}, {id = "a", name = "A"}]\n'
        'people = [{id = "p", name = "P", capacity = 1}]\n'
        'positions = [{id = "x", title = "X", department = "b", holders = ["p"], fte = 0.5}]\n'
    )
    org = load_org(path).org
    save_org(org, path)
    normalised = path.read_bytes()
    assert b"[[departments]]" in normalised and b"capacity = 1.0" in normalised
    save_org(load_org(path).org, path)
    assert path.read_bytes() == normalised
    assert entities(load_org(path).org) == entities(org)
