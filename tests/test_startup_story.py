"""The startup-from-scratch story of issue 11 (benchmarks/startup_keys.py): `orgtui new`,
five people, five positions from role templates, the two roles left over given to
existing positions with `T`, saved. The key count is the benchmark's to report; this
checks what the saved file says.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from orgtui.core.domain.validator import Severity, Validator
from orgtui.core.storage.orgfile import load_org

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _story():
    spec = importlib.util.spec_from_file_location("orgtui_bench_startup_keys", BENCH / "startup_keys.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def test_a_five_person_startup_built_from_scratch_owns_every_duty_and_is_saved(tmp_path: Path) -> None:
    story = _story()
    path = story.new_org(tmp_path)
    await story.build_startup(path)
    org = load_org(path).org
    assert sorted(p.name for p in org.people.values()) == sorted(story.PEOPLE)
    assert [p.title for p in org.positions.values()] == [title for title, *_rest in story.POSITIONS]
    assert all(len(org.positions_of(p)) == 1 for p in org.people)  # one position each, nobody double-booked
    assert all(org.owner_count(d) == 1 for d in org.catalog.duties)  # every duty owned, none split
    ceo = next(p for p in org.positions.values() if p.title == "CEO")
    assert {d.id for d in org.catalog.roles["data_evangelist"].duties} <= set(ceo.duties)  # given with T
    validator = Validator(org)
    assert validator.count("unowned-duty") == 0 and validator.count_severity(Severity.ERROR) == 0
