"""The benchmarks still run: the generator makes loadable orgs of the asked size, and
`benchmarks/run.py --quick` finishes and reports every figure. No timing is asserted here;
the numbers themselves are for `benchmarks/run.py` and benchmarks/README.md.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from orgtui.core.domain.validator import Validator
from orgtui.core.storage.orgfile import dumps_org, load_org

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _generate_module():
    spec = importlib.util.spec_from_file_location("orgtui_bench_generate", BENCH / "generate.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


generate = _generate_module()


@pytest.mark.parametrize("people", [50, 500])
def test_generated_org_loads_with_the_requested_counts(tmp_path: Path, people: int) -> None:
    path = tmp_path / f"org{people}.toml"
    counts = generate.write(people, path, seed=3)
    org = load_org(path).org
    assert len(org.people) == people
    assert len(org.positions) == pytest.approx(people * 0.4, rel=0.05)
    assert len(org.departments) == max(4, round(people / 25))
    assignments = sum(len(p.duties) for p in org.positions.values())
    assert assignments == pytest.approx(people * 4, rel=0.05)
    assert counts["department_levels"] in (2, 3)  # nested, 2-3 levels
    # some gaps on purpose, and shared duties (split findings)
    v = Validator(org)
    assert v.count("unowned-duty") >= 1
    assert v.count("split-duty") >= 10
    # most people at capacity, some names not ASCII
    at_capacity = sum(1 for p in org.people if abs(org.load_of(p) - org.people[p].capacity) < 1e-9)
    assert at_capacity >= 0.8 * people
    assert any(not p.name.isascii() for p in org.people.values())
    # canonical: saving it unchanged gives the same bytes
    assert dumps_org(org) == path.read_text(encoding="utf-8")


def test_generator_is_seeded(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.toml", tmp_path / "b.toml", tmp_path / "c.toml"
    generate.write(60, a, seed=5)
    generate.write(60, b, seed=5)
    generate.write(60, c, seed=6)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_generate_command_line(tmp_path: Path) -> None:
    out = tmp_path / "org.toml"
    done = subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), "--people", "50", "-o", str(out)],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "50 people" in done.stdout
    assert len(load_org(out).org.people) == 50


@pytest.mark.skipif(sys.platform == "win32", reason="the cold starts run in a POSIX pseudo-terminal")
def test_quick_run_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "quick.json"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--out", str(out)],
        capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    figures = result["figures"]
    assert set(figures) == {"cold_start_sample", "cold_open_big", "move", "undo", "save", "peak_memory"}
    for key, figure in figures.items():
        assert figure["median"] > 0, key
        assert figure["values"], key
        if key != "peak_memory":
            assert figure["floor_median"] > 0 and figure["ratio"] > 0, key
        assert isinstance(figure["met"], bool)
    assert result["params"]["quick"] is True
    for key in figures:
        assert key in done.stdout or figures[key]["label"] in done.stdout


def test_save_speed_reports_the_write_and_the_serialisation_next_to_their_floors() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "save_speed.py"), "--people", "50", "--runs", "1"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for row in ("write ", "write floor", "overwrite", "save ", "serialise ", "tomli_w.dumps", "key alone", "key, save paced", "key, save unpaced"):
        assert any(line.startswith(row) and " ms" in line for line in done.stdout.splitlines()), row
    assert "write ÷ write floor (a new file):" in done.stdout and "serialise ÷ tomli_w.dumps:" in done.stdout
