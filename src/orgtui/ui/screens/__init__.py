"""Modal screens shared by every action: pick one of many, fill a small form, choose a
button, read the keys. Each shows user text literally (no markup) and inert (`visible()`).

Each screen's module is imported the first time it is named here (PEP 562): opening a file
needs only the lock question (`Choice`), not the picker and its matcher."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orgtui.ui.screens.choice import Choice
    from orgtui.ui.screens.form import FormField, FormScreen
    from orgtui.ui.screens.help import HelpScreen
    from orgtui.ui.screens.picker import Picker

__all__ = ["Choice", "FormField", "FormScreen", "HelpScreen", "Picker"]

_MODULE_OF = {"Choice": "choice", "FormField": "form", "FormScreen": "form", "HelpScreen": "help", "Picker": "picker"}


def __getattr__(name: str) -> Any:
    where = _MODULE_OF.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
    globals()[name] = value  # once: later lookups find it without this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))
