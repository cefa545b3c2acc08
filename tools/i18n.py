"""Keep the German catalog in step with the code (Babel; a development tool, not shipped).

    python tools/i18n.py extract   # marked strings -> src/orgtui/locale/orgtui.pot, merged into de's .po
    python tools/i18n.py compile   # the .po -> the .mo the package ships (commit both)

After `extract`, fill every new or fuzzy `msgstr` in src/orgtui/locale/de/LC_MESSAGES/orgtui.po,
then `compile`; tests/test_i18n.py fails while a string has no German or the .mo is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "orgtui" / "locale"
POT = LOCALE / "orgtui.pot"
# B("key", "action", "Description") is how the app spells its bindings: the third argument is shown
KEYWORDS = ["-k", "_", "-k", "N_", "-k", "ngettext:1,2", "-k", "B:3"]


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    pybabel("extract", "--no-default-keywords", *KEYWORDS, "-F", str(ROOT / "babel.cfg"), "--no-location",
            "--sort-output", "--project", "orgtui", "-o", str(POT), str(ROOT))
    pybabel("update", "-i", str(POT), "-d", str(LOCALE), "-D", "orgtui", "-l", "de", "--no-wrap")


def compile_catalogs() -> None:
    pybabel("compile", "-d", str(LOCALE), "-D", "orgtui", "--statistics")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "extract":
        extract()
    elif command == "compile":
        compile_catalogs()
    else:
        sys.exit(__doc__)
