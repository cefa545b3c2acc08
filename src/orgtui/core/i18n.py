"""The app's words in the user's language: gettext over the catalogs shipped in the package.

English is written in the code and is the default; `use_language("de")` switches every
later `_()` to the German catalog (`orgtui/locale/de/LC_MESSAGES/orgtui.mo`, compiled from
the `.po` beside it with Babel: see tools/i18n.py). A missing catalog falls back to English
rather than failing: the words are a courtesy, the findings are the same in any language.

Strings are translated when they are shown, so mark them at the place they are built
(`_("Save")`, `ngettext("{n} error", "{n} errors", n).format(n=n)`); a string that is only
marked (a table built at import time) uses `N_()` and is translated where it is shown.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "orgtui"
LANGUAGES = ("en", "de")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def locale_dir() -> str:
    # orgtui/locale, found from this file (importlib.resources would import zipfile first)
    return str(Path(__file__).parent.parent / "locale")


def use_language(language: str) -> None:
    """Speak `language` ("en" or "de") from now on, in this process."""
    global _translation, _language
    if language == "en" or language not in LANGUAGES:
        _translation, _language = gettext.NullTranslations(), "en"
        return
    _translation = gettext.translation(DOMAIN, locale_dir(), languages=[language], fallback=True)
    _language = language


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction only; `_()` translates it where it is shown."""
    return message


def quoted(text: str) -> str:
    """`text` in the language's quotation marks: “Shop” in English, „Shop“ in German."""
    return _("“{name}”").format(name=text)
