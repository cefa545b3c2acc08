"""Small random orgs for property tests (hypothesis): a tiny catalog of its own, a few
positions and people, random ownership, FTE, capacity and (sometimes) effort estimates."""

from __future__ import annotations

from hypothesis import strategies as st

from orgtui.core.domain.catalog import Catalog, Duty, Role
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position

ROLES = ("shop", "service", "data")


@st.composite
def small_orgs(draw, max_duties: int = 8, max_positions: int = 6) -> Org:
    n_duties = draw(st.integers(1, max_duties))
    efforts = draw(st.lists(st.sampled_from([None, 0.1, 0.2, 0.3, 0.5, 0.8]), min_size=n_duties, max_size=n_duties))
    duty_roles = draw(st.lists(st.sampled_from(ROLES), min_size=n_duties, max_size=n_duties))
    duties = [Duty(f"{r}.d{i}", r, f"Duty {i}", f"Pflicht {i}", "", e) for i, (r, e) in enumerate(zip(duty_roles, efforts))]
    roles = [Role(r, r.title(), r.title(), "", tuple(d for d in duties if d.role == r)) for r in ROLES]
    catalog = Catalog("Tiny", roles)
    n_people = draw(st.integers(0, 5))
    people = [Person(f"p{i}", f"Person {i}", draw(st.sampled_from([0.5, 1.0, 1.0, 1.5]))) for i in range(n_people)]
    n_positions = draw(st.integers(1, max_positions))
    positions = []
    for i in range(n_positions):
        holders = draw(st.lists(st.sampled_from([p.id for p in people]), max_size=2, unique=True)) if people else []
        owned = draw(st.lists(st.sampled_from([d.id for d in duties]), max_size=3, unique=True))
        role = draw(st.sampled_from([None, *ROLES]))
        fte = draw(st.sampled_from([1.0, 0.5, 0.25]))
        positions.append(Position(f"pos{i}", f"Position {i}", "dept", role, tuple(holders), tuple(owned), fte))
    info = OrgInfo("Random", 8, catalog_efforts=draw(st.booleans()))
    return Org(info, catalog, [Department("dept", "Dept")], people, positions)
