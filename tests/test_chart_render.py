"""The DOT chart of every sample renders with Graphviz to a picture that fits a screen:
width and height within 3:1 either way (issue 13). Runs `dot` when it is installed
(.ci/run installs graphviz when it can); without it the test is skipped and says why.

To see the numbers: `for f in sample_orgs/*.toml; do orgtui export $f --format dot |
dot -Tplain | head -1; done` (the third and fourth fields are width and height in inches).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.export import ChartScope, dot_chart
from orgtui.core.storage.orgfile import load_org

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.glob("*.toml"))
MAX_ASPECT = 3.0

needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz `dot` is not installed (Debian: apt-get install graphviz)")


def rendered_size(dot_text: str) -> tuple[float, float]:
    """Width and height in points of the picture Graphviz draws."""
    result = subprocess.run(["dot", "-Tplain"], input=dot_text.encode("utf-8"), capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    assert b"Warning" not in result.stderr and b"Error" not in result.stderr, result.stderr.decode()
    first = result.stdout.decode("utf-8").splitlines()[0].split()
    assert first[0] == "graph"
    return float(first[2]) * 72, float(first[3]) * 72


def aspect(width: float, height: float) -> float:
    return max(width, height) / min(width, height)


@needs_dot
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_sample_chart_fits_a_screen(name: str) -> None:
    width, height = rendered_size(dot_chart(load_org(SAMPLES / name).org))
    assert aspect(width, height) <= MAX_ASPECT, f"{name}: {width:.0f} x {height:.0f} pt"


@needs_dot
@pytest.mark.parametrize("department", ["ecom", "cat", "cs", "mkt"])
def test_a_department_of_the_300_person_sample_fits_a_screen(department: str) -> None:
    org = load_org(SAMPLES / "retailer-300.toml").org
    width, height = rendered_size(dot_chart(org, ChartScope(department=department)))
    assert aspect(width, height) <= MAX_ASPECT, f"{department}: {width:.0f} x {height:.0f} pt"


def flat_team(reports: int) -> Org:
    """One manager and `reports` positions nobody reports to: the fan that used to be one row."""
    positions = [Position("boss", "Head of Everything", "d", None, ("boss",))]
    positions += [Position(f"r{i}", f"Specialist number {i}", "d", None, (f"x{i}",), (), 1.0, "boss") for i in range(reports)]
    people = [Person("boss", "Bea Boss")] + [Person(f"x{i}", f"Person {i}") for i in range(reports)]
    return Org(OrgInfo("Flat GmbH"), builtin_catalog(), [Department("d", "Team")], people, positions)


@needs_dot
@pytest.mark.parametrize("reports", [3, 12, 40])
def test_a_wide_fan_of_leaf_reports_is_stacked_not_one_row(reports: int) -> None:
    width, height = rendered_size(dot_chart(flat_team(reports)))
    assert aspect(width, height) <= MAX_ASPECT, f"{reports} reports: {width:.0f} x {height:.0f} pt"
