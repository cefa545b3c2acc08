"""The keys, in a readable table: sections of (keys, what they do)."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from orgtui.core.i18n import _
from orgtui.core.text import visible
from orgtui.ui.action_table import ACTIONS, APP, MARKS, MOUSE, PANE, keys_shown
from orgtui.ui.screens.dialog import Dialog


class HelpScreen(Dialog[None]):
    """Shows `sections` of (heading, [(keys, description)]); Esc, q, ? or F1 close it."""

    CSS_PATH = "screens.tcss"
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", show=False)]

    def __init__(self, title: str, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.title_text = title
        self.sections = [(heading, list(rows)) for heading, rows in sections]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="orgtui-dialog") as dialog:
            dialog.border_title = Content(visible(self.title_text))
            with VerticalScroll(id="help-body"):
                yield Static(self._table(), id="help-table")
            yield Label(
                Content.from_markup(_("[b]↑↓[/b] scroll  [b]esc[/b] / [b]q[/b] / [b]?[/b] close")),
                classes="dialog-keys",
            )

    def _table(self) -> Group:
        """One two-column table per section; long keys and descriptions wrap."""
        parts: list[Table | Text] = []
        for number, (heading, rows) in enumerate(self.sections):
            # each section as wide as its own keys: "m" needs 2 columns, "drag a position" 15
            width = max((len(visible(keys)) for keys, _text in rows), default=4)
            if number:
                parts.append(Text(""))
            parts.append(Text(visible(heading), style="bold underline"))
            table = Table(box=None, show_header=False, expand=True, padding=(0, 2, 0, 0), pad_edge=False)
            table.add_column("keys", width=min(width, 24), style="bold", overflow="fold")
            table.add_column("description", ratio=1)
            for keys, description in rows:
                table.add_row(Text(visible(keys)), Text(visible(description)))
            parts.append(table)
        return Group(*parts)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.answer(None)


Section = tuple[str, list[tuple[str, str]]]


def action_sections(keys_of: Callable[[str], str]) -> list[Section]:
    """The help screen's sections, from the action table; `keys_of(id)` gives an action's
    keys now (a keymap may have remapped them)."""

    def rows(scope: str) -> list[tuple[str, str]]:
        return [
            (keys_shown(keys_of(a.id)), _(a.description))
            for a in ACTIONS
            if a.scope == scope and keys_of(a.id) and a.id != "cancel_drag"
        ]

    palette_only = [(_(a.palette or a.label), _(a.description)) for a in ACTIONS if not keys_of(a.id) and a.palette]
    palette = [(keys_shown("ctrl+p"), _("the command palette: every action that applies to the selection, by name; typing "
                                        "also finds any duty, role, department, position or person (enter jumps there)"))]
    mouse = [(_(gesture), _(what)) for gesture, what in MOUSE]
    mouse.append((keys_shown(keys_of("cancel_drag")), _("while dragging: cancel, nothing changes")))
    return [
        (_("On the selected row"), rows(PANE)),
        (_("Anywhere"), rows(APP)),
        (_("In the command palette"), palette + palette_only),
        (_("Mouse"), mouse),
        (_("Row marks"), [(mark, _(meaning)) for mark, meaning in MARKS]),
    ]
