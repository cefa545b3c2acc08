"""Modal screens shared by every action: pick one of many, fill a small form, choose a
button, read the keys. Each shows user text literally (no markup) and inert (`visible()`)."""

from __future__ import annotations

from orgtui.ui.screens.choice import Choice
from orgtui.ui.screens.form import FormField, FormScreen
from orgtui.ui.screens.help import HelpScreen
from orgtui.ui.screens.picker import Picker

__all__ = ["Choice", "FormField", "FormScreen", "HelpScreen", "Picker"]
