"""Quoting user text (names and titles) for each output format.

Every function first runs the text through `visible()`, so no control character (ESC,
a newline in a name, a bidi override) reaches a terminal, a wiki or a renderer; then it
escapes what the target format gives a meaning to. The result always stays on one line.
"""

from __future__ import annotations

import re
import unicodedata

from orgtui.core.text import visible

# Markdown (CommonMark + GFM tables): every ASCII punctuation character may be escaped
# with a backslash; these are the ones that can start markup, a link, raw HTML, an
# entity, a table cell or a heading close. `|` is escaped for GFM tables too.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!$])")
# GitHub-flavoured Markdown also turns plain text into links ("autolinks"): `http://`,
# `https://`, `ftp://` and `www.` anywhere a word starts, and e-mail addresses (with
# `mailto:` and `xmpp:`). A backslash before the `:` of `://` and after `www` stops the
# first two and is not shown. An address is found after the escapes are resolved, so
# only an empty HTML comment before its `@` stops it: GitHub and cmark-gfm show nothing
# for it (a raw reader sees `<!-- -->`). Checked with cmark-gfm, see tests/test_export.py.
_URL_SCHEME = re.compile("://")
_WWW = re.compile(r"(?i)(www)\.")
_ADDRESS_AT = re.compile(r"(?<=[A-Za-z0-9._+-])@")
EMPTY_COMMENT = "<!-- -->"


def markdown(text: str) -> str:
    """Inline Markdown text: literal in paragraphs, headings, lists and table cells, and
    never a link, also where GitHub-flavoured Markdown would make one from plain text."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", visible(text))
    escaped = _WWW.sub(r"\1\\.", _URL_SCHEME.sub(r"\\://", escaped))
    return _ADDRESS_AT.sub(EMPTY_COMMENT + "@", escaped)


# Mermaid: labels go in `["..."]`. Inside the quotes only `"` ends the string, but `#...;`
# is Mermaid's entity syntax, the label is rendered as HTML (`<`, `>`, `&`), a backtick
# right after the quote would switch to Markdown strings, `%%{init: …}%%` anywhere in the
# text is a directive that reconfigures the whole chart (and a label that is only one
# leaves an empty label that does not parse), and `fa:fa-name` becomes an icon. Those
# characters become entity codes (decimal, or `#quot;` as the Mermaid docs show for
# quotes), which Mermaid decodes only when it draws the label, after it looked for
# directives. The backslash too: `\n` in a label is Mermaid's line break.
_MERMAID_SPECIAL = re.compile(r"[\"#&<>\\`%:]")


def _mermaid_entity(match: re.Match[str]) -> str:
    char = match.group()
    return "#quot;" if char == '"' else f"#{ord(char)};"


def mermaid(text: str) -> str:
    """Text for inside a Mermaid `["..."]` label (without the quotes)."""
    return _MERMAID_SPECIAL.sub(_mermaid_entity, visible(text))


def dot(text: str) -> str:
    """Text for inside a Graphviz double-quoted string (without the quotes).

    Backslashes are doubled so that `\\n`, `\\N`, `\\G` in a name stay literal (Graphviz
    expands them in labels), and `"` is escaped.
    """
    return visible(text).replace("\\", "\\\\").replace('"', '\\"')


# Spreadsheets run a cell that starts with one of these as a formula ("CSV injection").
# Some also do so after leading spaces, or for the fullwidth and small forms of the signs
# (`＝`, `﹦`, `＋`, `－`, `＠`, typed by an East Asian input method), which NFKC folds to
# the ASCII sign; a tab or CR is already an escape (`\\x09`) after visible().
_FORMULA_START = frozenset("=+-@")


def _looks_like_formula(shown: str) -> bool:
    first = shown.lstrip()[:1]
    return unicodedata.normalize("NFKC", first)[:1] in _FORMULA_START if first else False


def spreadsheet(text: str) -> str:
    """A CSV cell for user text: visible, and never taken for a formula (prefixed `'`)."""
    shown = visible(text)
    return "'" + shown if _looks_like_formula(shown) else shown
