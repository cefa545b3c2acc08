"""The core never imports the UI, and the headless commands never load Textual or Rich.

So every rule can run without a screen (and be tested so), and `orgtui check` in a team's
CI starts fast. Three ways to break that, three checks:
- an import anywhere in a core source file, also inside a function (which importing the
  module would not run): the source is read with `ast`;
- a core module that pulls in Textual or Rich when imported: every core and CLI module
  is imported in a fresh interpreter;
- a headless command that loads them while it works: each one is run for real, in its
  own interpreter, and `sys.modules` is looked at afterwards.
(import-linter in .ci/run checks the layers inside the core; this is the test a plain
`pytest` run keeps.)
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import orgtui.core
from orgtui.cli import COMMANDS

CORE = Path(orgtui.core.__file__).resolve().parent
SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"
FORBIDDEN_IN_CORE = ("textual", "rich", "orgtui.ui", "orgtui.cli")
SCREEN_LIBRARIES = ("textual", "rich")


# -- what the source says ------------------------------------------------------------------


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """(line, module) for every import in `source`, wherever it is written: at the top, in
    a function or a class, relative (resolved against `module`, e.g. "orgtui.core.x"), or
    by `importlib.import_module("…")` / `__import__("…")` with a literal name."""
    package = module.split(".")[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                found.append((node.lineno, node.args[0].value))
    return found


def forbidden(name: str, packages: tuple[str, ...] = FORBIDDEN_IN_CORE) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def module_name(path: Path) -> str:
    parts = path.relative_to(CORE.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_core_source_imports_the_ui_the_cli_textual_or_rich() -> None:
    sources = sorted(CORE.rglob("*.py"))
    assert len(sources) >= 30, f"expected the core sources under {CORE}"
    offenders = [
        f"{path.relative_to(CORE)}:{line}: {name}"
        for path in sources
        for line, name in imported_modules(path.read_text(encoding="utf-8"), module_name(path))
        if forbidden(name)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "line",
    [
        "import textual",
        "from textual.app import App",
        "import textual.widgets as w",
        "from rich.text import Text",
        "import rich",
        "def later():\n    from orgtui.ui.tree import Ref",
        "class Pane:\n    def build(self):\n        import orgtui.ui.app",
        "def run():\n    from orgtui.cli.common import EXIT_OK",
        "from ...ui import app",  # relative, from orgtui/core/domain/x.py
        "from ... import ui",
        "import importlib\nimportlib.import_module('textual.widgets')",
        "__import__('rich')",
    ],
)
def test_the_source_check_sees_an_import_written_in_any_usual_way(line: str) -> None:
    names = [name for _, name in imported_modules(line, "orgtui.core.domain.x")]
    assert any(forbidden(n) for n in names), names


@pytest.mark.parametrize(
    "line",
    [
        "# import textual, from the UI only",
        "x = 'from textual import App'",
        "import textualize_not",
        "import richer",
        "from orgtui.core.text import visible",
        "from . import org",
        "from .. import storage",
    ],
)
def test_the_source_check_leaves_other_imports_alone(line: str) -> None:
    names = [name for _, name in imported_modules(line, "orgtui.core.domain.x")]
    assert not any(forbidden(n) for n in names), names


# -- what importing loads ------------------------------------------------------------------

IMPORT_CORE_AND_CLI = """
import importlib, json, pkgutil, sys
import orgtui.cli as cli
import orgtui.core as core
names = sorted(m.name for pkg, prefix in ((core, "orgtui.core."), (cli, "orgtui.cli."))
               for m in pkgutil.walk_packages(pkg.__path__, prefix=prefix))
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich") or m.startswith("orgtui.ui"))
print(json.dumps({"imported": names, "loaded": loaded}))
"""


def test_importing_every_core_and_cli_module_loads_no_ui() -> None:
    result = subprocess.run([sys.executable, "-c", IMPORT_CORE_AND_CLI], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    expected = {module_name(p) for p in CORE.rglob("*.py")} - {"orgtui.core"}
    assert expected <= set(report["imported"]), "some core modules were not imported"
    assert {f"orgtui.cli.{m}" for m in COMMANDS.values()} <= set(report["imported"])
    assert report["loaded"] == [], f"importing the core or the CLI pulled in {report['loaded'][:5]}"


# -- what the headless commands load while they work ----------------------------------------

RUN_COMMANDS = """
import contextlib, io, json, sys
from orgtui.cli import main
runs = json.loads(sys.argv[1])
codes = []
for argv in runs:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            codes.append(main(argv))
        except SystemExit as exc:  # --help
            codes.append(exc.code)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich") or m.startswith("orgtui.ui"))
print(json.dumps({"codes": codes, "loaded": loaded}))
"""


def headless_runs(folder: Path) -> dict[str, list[list[str]]]:
    """Each headless command, run the ways a user or git runs it (one list per command)."""
    retailer, reorg, startup = (str(SAMPLES / n) for n in ("online-retailer.toml", "before-reorg.toml", "startup.toml"))
    ours, theirs = folder / "ours.toml", folder / "theirs.toml"
    shutil.copy(retailer, ours)
    shutil.copy(reorg, theirs)
    return {
        "check": [["check", retailer], ["check", reorg, "--format", "json"], ["check", str(folder / "missing.toml")]],
        "new": [["new", str(folder / "new.toml"), "--name", "Acme"], ["new", str(folder / "new.toml")]],
        "export": [["export", retailer, "--format", f] for f in ("csv", "markdown", "mermaid", "dot", "json")],
        "diff": [["diff", startup, retailer], ["diff", retailer, reorg, "--format", "json"]],
        "merge": [["merge", retailer, str(ours), str(theirs), "-o", str(folder / "merged.toml")]],
        "textconv": [["textconv", retailer], ["textconv", str(folder / "missing.toml")]],
        "git-setup": [["git-setup", str(folder)]],  # not a clone: exit 2 (never this checkout's config)
        "suggest": [["suggest", reorg], ["suggest", retailer, "--format", "json"]],
        "fix": [["fix", reorg, "-o", str(folder / "fixed.toml")], ["fix", reorg, "--scope", "all"]],
        "whatif": [["whatif", reorg, "--without", "tobias.wendt", "--plan"]],
        "schema": [["schema"], ["schema", "export"], ["schema", "check"], ["schema", "diff"]],
    }


HEADLESS = ("check", "new", "export", "diff", "merge", "textconv", "git-setup", "suggest", "fix", "whatif", "schema")


def test_every_headless_command_is_run_by_the_next_test(tmp_path: Path) -> None:
    """A new command must get a real run in `headless_runs` (only the app, `open`, may
    load Textual)."""
    missing = set(COMMANDS) - {"open"} - set(HEADLESS)
    assert missing == set(), f"add a real run of {sorted(missing)} to headless_runs() and HEADLESS in this file"
    assert set(headless_runs(tmp_path)) == set(HEADLESS)


@pytest.mark.parametrize("command", HEADLESS)
def test_a_headless_command_loads_neither_textual_nor_rich(command: str, tmp_path: Path) -> None:
    runs = [*headless_runs(tmp_path)[command], [command, "--help"]]
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}  # as in a terminal
    result = subprocess.run([sys.executable, "-c", RUN_COMMANDS, json.dumps(runs)], capture_output=True, text=True,
                            timeout=120, check=False, env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert all(code in (0, 1, 2) for code in report["codes"]), report["codes"]
    assert report["loaded"] == [], f"orgtui {command} loaded {report['loaded'][:5]}"


@pytest.mark.parametrize("argv", [["--help"], ["help"], ["-h"], ["--version"], ["--lang", "de", "--help"]])
def test_orgtui_help_and_version_load_neither_textual_nor_the_ui(argv: list[str]) -> None:
    """`orgtui --help` is what a user types first: it must be as quick as any report."""
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    result = subprocess.run([sys.executable, "-c", RUN_COMMANDS, json.dumps([argv])], capture_output=True, text=True,
                            timeout=120, check=False, env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["codes"] == [0]
    assert report["loaded"] == [], f"orgtui {' '.join(argv)} loaded {report['loaded'][:5]}"


OPEN_SAMPLE = """
import json, sys
from pathlib import Path
from orgtui.cli.open import workspace_for
ws = workspace_for(Path(sys.argv[1]))
ws.release_lock()
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core"))))
"""


def test_opening_an_org_on_the_bundled_catalog_imports_no_pydantic(tmp_path: Path) -> None:
    """pydantic (~70 ms to import and build its models) checks only a user's own catalog
    file; the bundled catalog and the org file are checked without it."""
    org = tmp_path / "online-retailer.toml"
    shutil.copy(SAMPLES / "online-retailer.toml", org)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    result = subprocess.run([sys.executable, "-c", OPEN_SAMPLE, str(org)], capture_output=True, text=True,
                            timeout=120, check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
