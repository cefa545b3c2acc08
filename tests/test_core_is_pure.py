"""The core never imports Textual: every rule can run without a screen (and be tested so)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import orgtui.core

CORE = Path(orgtui.core.__file__).resolve().parent

IMPORT_ALL_OF_CORE = """
import importlib, json, pkgutil, sys
import orgtui.core as core
names = sorted(m.name for m in pkgutil.walk_packages(core.__path__, prefix="orgtui.core."))
for name in names:
    importlib.import_module(name)
ui = sorted(m for m in sys.modules if m.split(".")[0] == "textual")
print(json.dumps({"imported": names, "ui": ui}))
"""


def test_importing_every_core_module_does_not_load_textual():
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL_OF_CORE], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    expected = {
        "orgtui.core." + ".".join(p.relative_to(CORE).with_suffix("").parts).removesuffix(".__init__")
        for p in CORE.rglob("*.py")
        if p.name != "__init__.py" or p.parent != CORE
    }
    assert expected <= set(report["imported"]), "some core modules were not imported"
    assert report["ui"] == [], f"the core pulled in {report['ui'][:5]}"


IMPORT_UI = re.compile(r"^\s*(import|from)\s+textual\b", re.MULTILINE)


def test_no_core_source_file_imports_textual():
    sources = sorted(CORE.rglob("*.py"))
    assert len(sources) >= 10, f"expected the core sources under {CORE}"
    offenders = [str(p.relative_to(CORE)) for p in sources if IMPORT_UI.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_static_check_would_see_an_import_written_in_any_usual_way():
    for line in ("import textual", "from textual.app import App", "    from textual import on", "import textual.widgets as w"):
        assert IMPORT_UI.search(line), line
    for line in ("# textual is imported by the UI only", "import textualize_not", "x = 'from textual'"):
        assert not IMPORT_UI.search(line), line
