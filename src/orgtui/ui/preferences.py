"""The user's settings in the app: the words in their language, their theme and keymap.

The policy (which language, what the file says, where it is wrong) is core/storage/settings.py;
here it is only applied, and its problems told. Nothing in a config file stops the app.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from orgtui.core.i18n import _
from orgtui.core.storage.atomic import SaveError
from orgtui.core.storage.load_problems import Problem
from orgtui.core.storage.settings import Settings, save_theme, unknown_bindings

if TYPE_CHECKING:
    from textual.app import App


def translate_bindings(app: App) -> None:
    """The footer, help and palette show each binding's description in the user's language.

    BINDINGS are built when the module is imported; the language is chosen later, so the
    descriptions (extracted from `B("key", "action", "Description")`) are translated here,
    on this app's own copy of its bindings."""
    bindings = app._bindings.key_to_bindings
    for key, entries in bindings.items():
        bindings[key] = [replace(b, description=_(b.description)) if b.description else b for b in entries]


def apply_settings(app: App, settings: Settings, problems: list[Problem]) -> None:
    """At start: the theme and keymap from the config file, and what was wrong with it."""
    if settings.theme:
        if settings.theme in app.available_themes:
            app.theme = settings.theme
        else:
            problems = [*problems, Problem("config.toml", _("unknown theme '{theme}'; the default is used").format(theme=settings.theme))]
    if settings.keymap:
        known = {b.id for entries in app._bindings.key_to_bindings.values() for b in entries if b.id}
        problems = [*problems, *unknown_bindings(settings, known)]
        app.set_keymap(dict(settings.keymap))
    if problems:
        lines = "\n".join(str(p) for p in problems)
        app.notify(lines, title=_("Settings"), severity="warning", markup=False, timeout=10)


def remember_theme(app: App, theme: str) -> None:
    """The user picked a theme: keep it for the next start; a failure is a warning only."""
    try:
        save_theme(theme)
    except SaveError as exc:
        app.notify(_("The theme is not kept for the next start: {reason}").format(reason=str(exc)),
                   severity="warning", markup=False)
