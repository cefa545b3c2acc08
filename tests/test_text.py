"""`visible()`: invisible characters in names are shown as escapes, in every report and on
the screen, so that two different names never look the same; emoji and the scripts that
need joiners are left as they are."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.export import FORMATS, render
from orgtui.core.storage.orgfile import dumps_org
from orgtui.core.text import visible

INVISIBLE = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte order mark",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u061c": "Arabic letter mark",
    "\u00ad": "soft hyphen",
    "\u180e": "Mongolian vowel separator",
    "\u2064": "invisible plus",
}
# Format characters (category Cf) that are drawn with a glyph: number signs set before digits.
DRAWN = {0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD}
TECHNOLOGIST = "👩🏽\u200d💻"  # woman technologist, medium skin tone: woman + tone, ZWJ, laptop
RAINBOW_FLAG = "🏳\ufe0f\u200d🌈"
SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
PERSIAN = "می\u200cخواهم"  # "I want": the ZWNJ keeps می from joining the next letter
DEVANAGARI = "क्\u200dष"  # a half form chosen with ZWJ


@pytest.mark.parametrize("char", INVISIBLE, ids=INVISIBLE.values())
def test_an_invisible_character_inside_a_name_is_shown_as_an_escape(char: str) -> None:
    shown = visible(f"An{char}na")
    escape = f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}"
    assert shown == f"An{escape}na"
    assert shown != visible("Anna")


@pytest.mark.parametrize("char", INVISIBLE, ids=INVISIBLE.values())
@pytest.mark.parametrize("where", ["start", "end", "alone"])
def test_an_invisible_character_at_either_end_is_shown_too(char: str, where: str) -> None:
    text = {"start": char + "Anna", "end": "Anna" + char, "alone": char}[where]
    assert char not in visible(text)


def test_every_invisible_format_character_is_escaped() -> None:
    """Every Unicode format character (Cf) this Python knows, between two Latin letters,
    except the few drawn with a glyph; a new Unicode version with a new one fails here."""
    missed = [
        f"U+{code:04X} {unicodedata.name(chr(code), '?')}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and code not in DRAWN and chr(code) in visible(f"a{chr(code)}b")
    ]
    assert missed == []


@pytest.mark.parametrize("emoji", [TECHNOLOGIST, RAINBOW_FLAG, "🐈\u200d⬛", "❤\ufe0f\u200d🔥", SCOTLAND])
def test_emoji_sequences_are_left_whole(emoji: str) -> None:
    assert visible(emoji) == emoji
    assert visible(f"Zoë {emoji} Çelik") == f"Zoë {emoji} Çelik"


@pytest.mark.parametrize("text", [PERSIAN, DEVANAGARI])
def test_joiners_inside_scripts_that_spell_with_them_are_left_alone(text: str) -> None:
    assert visible(text) == text


@pytest.mark.parametrize(
    "text, shown",
    [
        ("Ann\u200da", "Ann\\u200da"),  # between Latin letters a ZWJ does nothing visible
        ("👩\u200d", "👩\\u200d"),  # a joiner with nothing to join
        ("\u200d💻", "\\u200d💻"),
        ("👩 \u200d💻", "👩 \\u200d💻"),
        ("a\u200c\u0628", "a\\u200c\u0628"),  # Latin then Arabic: not within one script
        ("a\U000e0067", "a\\U000e0067"),  # a tag character that is not part of a flag
    ],
)
def test_joiners_and_tags_outside_their_sequences_are_shown(text: str, shown: str) -> None:
    assert visible(text) == shown


def invisible_org() -> Org:
    """Two people whose names look identical, and a position with an emoji and an RLM."""
    return Org(
        OrgInfo("Shop\ufeff GmbH"),
        builtin_catalog(),
        [Department("shop", "Online\u2060Shop")],
        [Person("anna", "Anna"), Person("anna2", "An\u200bna"), Person("zoe", f"Zoë {TECHNOLOGIST}")],
        [Position("lead", "Lead\u200f Dev", "shop", None, ("anna", "anna2", "zoe"), ("ecommerce_manager.pricing",))],
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_report_lets_an_invisible_character_through(fmt: str) -> None:
    text = render(invisible_org(), fmt)
    if fmt == "csv":
        assert text.startswith("\ufeff")  # the byte order mark of the file itself
        text = text[1:]
    if fmt != "json":  # JSON writes every non-ASCII character as a \u escape anyway
        for char in ("\u200b", "\u2060", "\ufeff", "\u200f"):
            assert char not in text, (fmt, char)
    if fmt in ("markdown", "mermaid", "dot"):  # the reports that name the holders
        assert TECHNOLOGIST in text


async def test_the_app_shows_the_two_annas_apart(tmp_path: Path) -> None:
    from orgtui.core.storage.session import Workspace
    from orgtui.ui.app import OrgApp
    from orgtui.ui.tree import OrgTree

    path = tmp_path / "org.toml"
    path.write_text(dumps_org(invisible_org()), encoding="utf-8")
    app = OrgApp(Workspace.open(path))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        labels = [tree.label_of(key) for tree in app.query(OrgTree) for key in tree.visible_refs]
        every = "".join(labels) + app.title + app.sub_title
        for char in ("\u200b", "\u2060", "\ufeff", "\u200f"):
            assert char not in every
        assert any("An\\u200bna" in label for label in labels)
        # on screen, the emoji without the parts terminals disagree on the width of (skin
        # tone, joiner; issue 14 item 23: tmux 3.3 draws 👩🏽‍💻 4 cells wide, Rich counts 2)
        from orgtui.ui.tree import unambiguous

        assert any(unambiguous(TECHNOLOGIST) in label for label in labels)
