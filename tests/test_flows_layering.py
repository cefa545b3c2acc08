"""The dialog flows depend on a host protocol, never on the app: no import cycle through them."""

from __future__ import annotations

import ast
from pathlib import Path

FLOWS = Path(__file__).resolve().parent.parent / "src" / "orgtui" / "ui" / "flows"
FORBIDDEN = ("orgtui.ui.app", "orgtui.ui.actions")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):  # function-level imports too
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_flow_imports_the_app_or_the_edit_actions() -> None:
    files = sorted(FLOWS.glob("*.py"))
    assert files, "the flows package moved"
    offending = {
        f.name: sorted(n for n in imported_modules(f) if n.startswith(FORBIDDEN))
        for f in files
    }
    assert {k: v for k, v in offending.items() if v} == {}
