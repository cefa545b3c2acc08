"""The styles of the words in a row, from the theme: one place for every pane and the panel.

The core names a part's style ("error", "warning", "dim", ...; core/domain/presenters.py);
here each name is a component class whose colour comes from the theme's text colours
(`$text-error` and friends are made readable on the theme's surfaces), so a row reads
the same in every theme. Without colour (NO_COLOR, Textual's `:nocolor`) the colours go
and attributes tell the kinds apart, beside the marks ✗ ! ✓ the rows already carry:
errors bold, warnings underlined, the rest in the foreground colour.
tests/test_contrast.py measures every one of them.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget

ROW_CLASSES = {
    "error": "row--error",
    "warning": "row--warning",
    "ok": "row--ok",
    "person": "row--person",
    "department": "row--department",
    "dim": "row--dim",
    "bold": "row--bold",
}

ROW_CSS = """
    & > .row--error { color: $text-error; text-style: bold; }
    & > .row--warning { color: $text-warning; }
    & > .row--ok { color: $text-success; }
    & > .row--person { color: $text-primary; }
    & > .row--department { color: $text-accent; text-style: bold; }
    & > .row--dim { color: $text-muted; }
    & > .row--bold { text-style: bold; }
    &:nocolor {
        & > .row--error { color: $foreground; text-style: bold; }
        & > .row--warning { color: $foreground; text-style: underline; }
        & > .row--ok, & > .row--person, & > .row--department, & > .row--dim { color: $foreground; }
    }
"""


def row_styles(widget: Widget) -> dict[str, Style]:
    """Each style name as a Rich style, from the widget's CSS (its theme, colour or not)."""
    return {name: widget.get_component_rich_style(css_class, partial=True) for name, css_class in ROW_CLASSES.items()}
