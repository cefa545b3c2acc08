"""The keys, in a readable table: sections of (keys, what they do)."""

from __future__ import annotations

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
        width = max((len(visible(keys)) for _heading, rows in self.sections for keys, _text in rows), default=4)
        parts: list[Table | Text] = []
        for number, (heading, rows) in enumerate(self.sections):
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
