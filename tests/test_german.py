"""A German-speaking manager: `--lang de`, the config file or LANG=de_* make orgtui speak German.

English stays the default everywhere else; the duty and role titles come from roles.toml's
`title_de`, the app's and the CLI's words from the German catalog."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pilot_steps import settle

from orgtui.cli.common import speak_language
from orgtui.core.storage.session import Workspace
from orgtui.core.storage.settings import load_settings, settings_path
from orgtui.ui.app import OrgApp
from orgtui.ui.footer import KeyFooter

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
PRICING = "ecommerce_manager.pricing"


def check(*args: str, env: dict[str, str] | None = None) -> list[str]:
    environment = os.environ | {"PYTHONIOENCODING": "utf-8"} | (env or {})
    done = subprocess.run([sys.executable, "-m", "orgtui", "check", *args], env=environment,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout.decode("utf-8").splitlines()


def write_config(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def footer_words(app: OrgApp) -> list[str]:
    return app.query_one(KeyFooter).words()


def test_check_with_lang_de_prints_german_findings() -> None:
    lines = check(str(SAMPLES / "before-reorg.toml"), "--lang", "de")
    assert "19 Aufgabe(n) offen; 19 Fehler" in lines[0]
    assert any("Ohne Verantwortliche: „Testen neuer Funktionen“ (E-Commerce Manager)" in line for line in lines)


def test_lang_de_in_the_environment_speaks_german_and_lang_en_overrides_it() -> None:
    german = check(str(SAMPLES / "before-reorg.toml"), env={"LANG": "de_DE.UTF-8"})
    assert "Aufgabe(n) offen" in german[0]
    english = check(str(SAMPLES / "before-reorg.toml"), "--lang", "en", env={"LANG": "de_DE.UTF-8"})
    assert "19 unowned duty(ies); 19 error(s)" in english[0]
    assert any("Unowned: “Testing new features to improve usability”" in line for line in english)


def test_the_config_files_language_is_used_when_no_flag_is_given() -> None:
    write_config('language = "de"\n')
    assert "Aufgabe(n) offen" in check(str(SAMPLES / "before-reorg.toml"))[0]
    assert "unowned duty(ies)" in check(str(SAMPLES / "before-reorg.toml"), "--lang=en")[0]


def test_the_help_of_every_command_offers_lang() -> None:
    environment = os.environ | {"PYTHONIOENCODING": "utf-8"}
    for command in ("check", "export", "diff", "suggest", "fix", "whatif", "new", "merge"):
        done = subprocess.run([sys.executable, "-m", "orgtui", command, "--help"], env=environment,
                              capture_output=True, timeout=30)
        assert "--lang {en,de}" in done.stdout.decode(), command


async def test_lang_de_shows_preismanagement_and_speichern(retailer: Path) -> None:
    speak_language(["--lang", "de", str(retailer)])  # what `orgtui --lang de FILE` does first
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Preismanagement" in app.roles.label_of(("duty", PRICING, None))
        assert "Speichern" in footer_words(app)
        assert app.sub_title.startswith("1 von 51 Aufgaben offen")


async def test_english_stays_the_default(retailer: Path) -> None:
    speak_language([str(retailer)])
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Pricing management" in app.roles.label_of(("duty", PRICING, None))
        assert "Save" in footer_words(app)


async def test_a_config_file_with_a_bad_line_still_starts_the_app_and_names_the_line(retailer: Path) -> None:
    write_config('theme = "textual-light"\nlanguage = "fr"\n')
    settings, problems = load_settings()
    app = OrgApp(Workspace.open(retailer), settings, problems)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-light"  # what could be read is used
        told = " ".join(n.message for n in app._notifications)
        assert "config.toml:2: language must be one of en, de" in told
        assert "Pricing management" in app.roles.label_of(("duty", PRICING, None))


async def test_a_config_file_that_is_not_toml_still_starts_the_app(retailer: Path) -> None:
    write_config('theme = "nord"\nthis is not toml\n')
    settings, problems = load_settings()
    app = OrgApp(Workspace.open(retailer), settings, problems)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        told = " ".join(n.message for n in app._notifications)
        assert "config.toml:2" in told and "the defaults are used" in told


async def test_a_theme_chosen_in_the_palette_is_there_at_the_next_start(retailer: Path) -> None:
    app = OrgApp(Workspace.open(retailer), *load_settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = "nord"  # what the palette's "Theme" command sets
        await settle(pilot)
    again = OrgApp(Workspace.open(retailer), *load_settings())
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_a_theme_that_cannot_be_kept_is_a_warning_not_a_crash(retailer: Path) -> None:
    config = settings_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.mkdir()  # a folder where the file should be: it cannot be written
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
        told = " ".join(n.message for n in app._notifications)
        assert "The theme is not kept for the next start" in told
        assert app.is_running


async def test_the_keymap_from_the_config_file_rebinds_and_unknown_ids_are_named(retailer: Path) -> None:
    write_config('[keymap]\nnext_unowned = "j"\nno_such_action = "k"\n')
    app = OrgApp(Workspace.open(retailer), *load_settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        told = " ".join(n.message for n in app._notifications)
        assert "config.toml:3: keymap: no action has the id 'no_such_action'" in told
        await pilot.press("j")
        await settle(pilot)
        assert app.focused is app.roles
        assert app.roles.cursor_ref is not None and app.roles.cursor_ref.id == "customer_service_manager.customer_input"


async def test_the_key_list_and_the_palette_speak_german(retailer: Path) -> None:
    from orgtui.ui.screens.help import HelpScreen

    speak_language(["--lang", "de", str(retailer)])
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        sections = dict(app.screen.sections)
        assert ("ctrl+s", "die Org-Datei speichern (atomar; fragt, bevor sie die Änderung eines Kollegen überschreibt)") in sections["Überall"]
        assert "Maus" in sections
        await pilot.press("escape")
        await settle(pilot)
        from orgtui.ui.palette import entries

        titles = [title for title, _help, _action in entries(app)]
        assert "Speichern unter…" in titles and "Nächste offene Aufgabe" in titles
        # the footer's words are German too
        assert any(b.description == "Speichern" for b in app.active_bindings.values() for b in [b.binding])


def test_an_edit_is_described_in_german_with_the_german_duty_title(retailer: Path) -> None:
    from orgtui.core.domain.edits.duties import AssignDuty
    from orgtui.core.i18n import use_language

    org = Workspace.open(retailer).org
    target = next(p for p in org.positions.values() if PRICING not in p.duties)
    use_language("de")
    assert AssignDuty(PRICING, target.id).plan(org).label == f"„Preismanagement“ an {target.title} vergeben"
    use_language("en")
    assert AssignDuty(PRICING, target.id).plan(org).label == f"Assign Pricing management to {target.title}"


async def test_the_move_picker_names_the_duty_in_german(retailer: Path) -> None:
    from orgtui.ui.screens.picker import Picker

    speak_language(["--lang", "de", str(retailer)])
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "m")  # the unowned duty, then move it
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        german = app.ws.org.catalog.duties["customer_service_manager.customer_input"].title_de
        assert app.screen.title_text == f"Verschieben: „{german}“ auf Stelle"  # the verb first: a long title is cut at its end


def test_a_long_list_of_names_says_how_many_more_in_german() -> None:
    # a duty split between 4,000 positions: the Roles row names three and counts the rest
    from orgtui.core.i18n import use_language
    from orgtui.core.text import some_names

    names = ["Account Manager", "Buyer", "Category Lead", "Data Analyst", "Editor"]
    use_language("de")
    try:
        assert some_names(names) == "Account Manager, Buyer, Category Lead und 2 weitere"
    finally:
        use_language("en")
    assert some_names(names) == "Account Manager, Buyer, Category Lead and 2 more"
