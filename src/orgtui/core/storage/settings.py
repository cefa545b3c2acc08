"""The user's settings: `config.toml` in the XDG config folder (`~/.config/orgtui/`).

    theme = "textual-dark"        # kept when chosen in the app's palette
    language = "de"               # "de" or "en"; --lang wins, then this, then LANG=de_*
    [keymap]                      # binding id = keys, as Textual writes them
    move = "M"
    next_unowned = "n,ctrl+n"

A broken or half-wrong file never stops the app: what can be read is used, every
problem is reported with the file and line, and the rest falls back to the defaults.
Saving the theme edits that one line and keeps the user's comments and layout.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from orgtui.core.i18n import _
from orgtui.core.storage import tomlio
from orgtui.core.storage.atomic import SaveError, atomic_write
from orgtui.core.storage.load_problems import LoadError, Problem, display_path
from orgtui.core.text import visible

LANGUAGES = ("en", "de")
_KEYS = ("theme", "language", "keymap")
_TOP_LEVEL = re.compile(r"^\s*(\w+)\s*=", re.MULTILINE)
_TABLE = re.compile(r"^\s*\[", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str | None = None
    language: str | None = None
    keymap: Mapping[str, str] = field(default_factory=dict)


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir("orgtui")) / "config.toml"


def _line_of(text: str, key: str, table: str | None = None) -> int | None:
    """The line where `key =` is set (inside `[table]` when given), for messages."""
    start = 0
    if table is not None:
        header = re.search(rf"^\s*\[\s*{re.escape(table)}\s*\]", text, re.MULTILINE)
        if header is None:
            return None
        start = header.end()
    found = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=", re.MULTILINE).search(text, start)
    return text.count("\n", 0, found.start()) + 1 if found else None


def load_settings(path: Path | None = None) -> tuple[Settings, list[Problem]]:
    """The settings, and what was wrong with the file (empty when all is well or there is
    no file). Never raises: the app must start whatever this file holds."""
    path = path or settings_path()
    name = display_path(path)
    if not path.exists() and not path.is_symlink():
        return Settings(), []
    try:
        text, data = tomlio.load(path)
    except LoadError as exc:
        return Settings(), [*exc.problems, Problem(name, _("settings not read; the defaults are used"))]
    problems: list[Problem] = []
    for key in data:
        if key not in _KEYS:
            problems.append(Problem(name, _("unknown setting '{key}' (known: {known})").format(key=visible(str(key)), known=", ".join(_KEYS)), line=_line_of(text, key)))
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        problems.append(Problem(name, _("theme must be a string, e.g. theme = \"textual-dark\""), line=_line_of(text, "theme")))
        theme = None
    language = data.get("language")
    if language is not None and language not in LANGUAGES:
        problems.append(
            Problem(name, _("language must be one of {languages}").format(languages=", ".join(LANGUAGES)), line=_line_of(text, "language"))
        )
        language = None
    keymap: dict[str, str] = {}
    raw_keymap = data.get("keymap", {})
    if not isinstance(raw_keymap, dict):
        problems.append(Problem(name, _("keymap must be a table: [keymap] then id = \"keys\""), line=_line_of(text, "keymap")))
    else:
        for binding_id, keys in raw_keymap.items():
            if isinstance(keys, str) and keys.strip():
                keymap[binding_id] = keys
            else:
                problems.append(
                    Problem(
                        name,
                        _("keymap.{id} must be keys as text, e.g. \"ctrl+m\"").format(id=visible(str(binding_id))),
                        line=_line_of(text, binding_id, "keymap"),
                    )
                )
    return Settings(theme, language, keymap), problems


def unknown_bindings(settings: Settings, known_ids: set[str], path: Path | None = None) -> list[Problem]:
    """Keymap entries that name no binding id (a typo would otherwise do nothing, silently)."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    return [
        Problem(display_path(path), _("keymap: no action has the id '{id}'").format(id=visible(str(binding_id))), line=_line_of(text, binding_id, "keymap"))
        for binding_id in settings.keymap
        if binding_id not in known_ids
    ]


def choose_language(flag: str | None, settings: Settings, environ: Mapping[str, str] | None = None) -> str:
    """--lang wins, then the config file, then a German locale (LANG=de_*), else English."""
    if flag in LANGUAGES:
        return flag
    if settings.language in LANGUAGES:
        return settings.language
    environ = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            return "de" if value.lower().startswith("de") else "en"
    return "en"


def save_theme(theme: str, path: Path | None = None) -> None:
    """Remember the theme: replace the `theme = …` line, or add one at the top.

    Raises SaveError when the file cannot be written (the app then says so and goes on).
    """
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveError(_("{file} cannot be read to keep the theme: {reason}").format(file=display_path(path), reason=exc)) from None
    line = f"theme = {_toml_string(theme)}"
    first_table = _TABLE.search(text)
    top = text[: first_table.start()] if first_table else text
    found = next((m for m in _TOP_LEVEL.finditer(top) if m.group(1) == "theme"), None)
    if found is not None:
        end = text.find("\n", found.start())
        end = len(text) if end == -1 else end
        text = text[: found.start()] + line + text[end:]
    else:
        text = line + "\n" + text
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'
