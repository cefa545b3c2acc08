"""The Problems pane: the validator's findings, errors first; Enter or a click jumps to one."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from orgtui.core.text import visible
from orgtui.core.validator import Finding, Severity
from orgtui.core.workspace import Workspace

MARKS = {Severity.ERROR: ("✗ ", "bold red"), Severity.WARNING: ("! ", "yellow"), Severity.INFO: ("i ", "dim")}


def finding_text(f: Finding) -> Text:
    mark, style = MARKS[f.severity]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(mark, style)
    text.append(visible(f.message), style if f.severity == Severity.ERROR else "")
    return text


class ProblemsPane(OptionList):
    class Jump(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.border_title = "Problems"
        self._shown: list[Finding] | None = None

    def show(self, ws: Workspace) -> None:
        findings = ws.validator.findings()
        if findings is self._shown:
            return  # the validator hands out the same list until something changed
        self._shown = findings
        highlighted = self.highlighted
        self.clear_options()
        if not findings:
            self.add_option(Option(Text("✓ No problems: every duty is owned.", "green"), disabled=True))
        else:
            self.add_options(Option(finding_text(f), id=str(i)) for i, f in enumerate(findings))
            if highlighted is not None:
                self.highlighted = min(highlighted, len(findings) - 1)
        self.border_subtitle = f"{len(findings)}"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self._shown and event.option.id is not None:
            self.post_message(self.Jump(self._shown[int(event.option.id)]))
