"""config.toml: what the user set is used; a bad file is named with its line and never stops the app."""

from __future__ import annotations

from pathlib import Path

from orgtui.core.storage.settings import (
    Settings,
    choose_language,
    load_settings,
    save_theme,
    unknown_bindings,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_defaults_and_no_complaint(tmp_path):
    assert load_settings(tmp_path / "config.toml") == (Settings(), [])


def test_theme_language_and_keymap_are_read(tmp_path):
    path = write(tmp_path, 'theme = "nord"\nlanguage = "de"\n[keymap]\nmove = "M"\n')
    settings, problems = load_settings(path)
    assert problems == []
    assert settings == Settings("nord", "de", {"move": "M"})


def test_broken_toml_names_the_file_and_line_and_falls_back(tmp_path):
    path = write(tmp_path, 'theme = "nord"\nlanguage = \n')
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert problems[0].line == 2 and str(path) in str(problems[0])
    assert "defaults are used" in str(problems[-1])


def test_wrong_values_are_named_with_their_line_and_the_rest_is_used(tmp_path):
    path = write(tmp_path, 'theme = "nord"\nlanguage = "fr"\ncolour = 1\n[keymap]\nmove = 3\nundo = "ctrl+u"\n')
    settings, problems = load_settings(path)
    assert settings == Settings("nord", None, {"undo": "ctrl+u"})
    by_line = {p.line: p.message for p in problems}
    assert "language must be one of en, de" in by_line[2]
    assert "unknown setting 'colour'" in by_line[3]
    assert "keymap.move" in by_line[5]


def test_a_keymap_entry_that_names_no_action_is_reported(tmp_path):
    path = write(tmp_path, '[keymap]\nmove = "M"\nmvoe = "X"\n')
    settings, _ = load_settings(path)
    problems = unknown_bindings(settings, {"move", "undo"}, path)
    assert [(p.line, p.message) for p in problems] == [(3, "keymap: no action has the id 'mvoe'")]


def test_the_language_flag_beats_the_file_which_beats_the_locale():
    german_locale = {"LANG": "de_DE.UTF-8"}
    assert choose_language("en", Settings(language="de"), german_locale) == "en"
    assert choose_language(None, Settings(language="en"), german_locale) == "en"
    assert choose_language(None, Settings(), german_locale) == "de"
    assert choose_language(None, Settings(), {"LANG": "de_AT.UTF-8", "LC_ALL": "C"}) == "en"
    assert choose_language(None, Settings(), {}) == "en"


def test_saving_the_theme_keeps_comments_and_other_settings(tmp_path):
    path = write(tmp_path, '# my settings\ntheme = "nord"  # old\nlanguage = "de"\n[keymap]\ntheme = "t"\n')
    save_theme("gruvbox", path)
    assert path.read_text() == '# my settings\ntheme = "gruvbox"\nlanguage = "de"\n[keymap]\ntheme = "t"\n'
    assert load_settings(path)[0].theme == "gruvbox"


def test_saving_the_theme_creates_the_folder_and_file(tmp_path):
    path = tmp_path / "orgtui" / "config.toml"
    save_theme('a "quoted" theme', path)
    assert load_settings(path)[0].theme == 'a "quoted" theme'
