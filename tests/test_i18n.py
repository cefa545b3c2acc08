"""The German catalog is complete and the shipped .mo is the compiled .po.

Every string the code marks for translation (`_()`, `N_()`, `ngettext()`, a binding's
description in `B(...)`) must have a German msgstr that is neither empty nor fuzzy; the
.mo the package reads must say exactly what the .po says (run `python tools/i18n.py
extract`, translate, then `compile`, and commit both)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("babel")
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.mofile import read_mo  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

from orgtui.core import i18n  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MESSAGES = ROOT / "src" / "orgtui" / "locale" / "de" / "LC_MESSAGES"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "B": (3,)}


def german_po():
    with open(MESSAGES / "orgtui.po", "rb") as f:
        return read_po(f, locale="de")


def marked_strings() -> set[str]:
    found = extract_from_dir(ROOT / "src" / "orgtui", method_map=[("**.py", "python")], keywords=KEYWORDS)
    return {message if isinstance(message, str) else message[0] for _file, _line, message, _comments, _context in found}


def translations(catalog) -> dict[str, object]:
    # plural forms as a tuple (the .po reader gives tuples, the .mo reader lists)
    return {
        m.id if isinstance(m.id, str) else m.id[0]: m.string if isinstance(m.string, str) else tuple(m.string)
        for m in catalog
        if m.id and not m.fuzzy
    }


def test_every_marked_string_has_a_german_translation() -> None:
    catalog = german_po()
    marked = marked_strings()
    assert len(marked) > 40, "the extraction found almost nothing: the keywords or paths are wrong"
    german = translations(catalog)
    untranslated = sorted(
        s for s in marked if not german.get(s) or (isinstance(german[s], tuple) and not all(german[s]))
    )
    assert untranslated == [], f"no German for these (run tools/i18n.py extract, translate, compile): {untranslated}"
    fuzzy = sorted(m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.fuzzy)
    assert fuzzy == [], f"fuzzy (unchecked) translations: {fuzzy}"


def test_the_shipped_mo_is_the_compiled_po() -> None:
    with open(MESSAGES / "orgtui.mo", "rb") as f:
        shipped = translations(read_mo(f))
    assert shipped == translations(german_po()), "orgtui.mo is stale: run `python tools/i18n.py compile` and commit it"


def test_the_translations_keep_their_placeholders() -> None:
    """A German string that drops or renames `{name}` would raise at the moment it is shown."""
    import string

    def fields(text: str) -> set[str]:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}

    for message in german_po():
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else message.id
        strings = (message.string,) if isinstance(message.string, str) else message.string
        for text in strings:
            assert fields(text) == fields(ids[-1]), f"{message.id!r}: placeholders differ in {text!r}"


def test_use_language_switches_what_underscore_says() -> None:
    i18n.use_language("de")
    assert i18n._("Save") == "Speichern"
    assert i18n.ngettext("{n} error", "{n} errors", 2).format(n=2) == "2 Fehler"
    i18n.use_language("en")
    assert i18n._("Save") == "Save"
