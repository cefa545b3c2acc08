"""The Problems pane: the validator's findings, errors first; Enter or a click jumps to one.

The pane keeps no list of its own: its rows are a group header per severity followed by
that severity's slice of `Validator.findings()`, which the validator keeps sorted edit by
edit. Line `i` is found from the three counts, so an edit costs the pane nothing but a
redraw of the rows on screen, whatever the number of findings. A duty problem's row ends
with its top suggestion, worked out in a worker for the rows on screen (problem_hints.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.message import Message

from orgtui.core.domain.duty_status import HINTED_CODES
from orgtui.core.domain.validator import Finding, Severity
from orgtui.core.i18n import N_, _, ngettext
from orgtui.core.storage.session import Workspace
from orgtui.core.text import visible
from orgtui.ui.panes import shown
from orgtui.ui.panes.problem_hints import HintFound, Hints, HintsDone
from orgtui.ui.tree import RowTree, unambiguous

if TYPE_CHECKING:
    from orgtui.core.domain.affected import Affected
    from orgtui.core.domain.matching import MatchIndex

MARKS = {Severity.ERROR: ("✗ ", "error"), Severity.WARNING: ("! ", "warning"), Severity.INFO: ("i ", "dim")}
"""Each severity's mark and the name of its style (ui/row_styles.py)."""
GROUPS = {  # a group's heading: "3 errors"
    Severity.ERROR: lambda n: ngettext("{n} error", "{n} errors", n).format(n=n),
    Severity.WARNING: lambda n: ngettext("{n} warning", "{n} warnings", n).format(n=n),
    Severity.INFO: lambda n: ngettext("{n} note", "{n} notes", n).format(n=n),
}
NONE = N_("✓ No problems: every duty is owned.")


def finding_text(f: Finding, styles: Mapping[str, Style], hint: str = "") -> Text:
    mark, name = MARKS[f.severity]
    style = styles[name]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(mark, style)
    text.append(unambiguous(visible(f.message)), style if f.severity == Severity.ERROR else "")
    if hint:  # the top suggestion (s shows them all)
        text.append(f"  {unambiguous(visible(hint))}", styles["dim"] + Style(italic=True))
    return text


HINTED = HINTED_CODES  # the findings a suggestion fixes


class ProblemsPane(RowTree):
    class Jump(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = _("Problems")
        self.ws: Workspace | None = None
        self._collapsed: set[Severity] = set()
        self._groups: list[tuple[int, Severity, int, int]] = []  # (header line, severity, first finding, count)
        self._total = 0
        self._hints = Hints(self, self._hint_changed)
        self._hints_asked: tuple[object, ...] = ()  # (org version, top line, height) last asked for
        self._only: list[Finding] | None = None  # while `/` filters: the findings that match, in order
        self._finding_index: tuple[int, MatchIndex[int]] | None = None  # (org version, messages)

    # -- the layout: headers and slices of the validator's sorted list --------------------

    def _findings(self) -> list[Finding]:
        """The findings listed: all of them, or those the filter kept."""
        return shown(self.ws).validator.findings() if self._only is None else self._only

    def _layout(self) -> None:
        v = shown(self.ws).validator
        self._groups = []
        line = start = 0
        for severity in Severity:
            count = v.count_severity(severity) if self._only is None else sum(1 for f in self._only if f.severity == severity)
            if count:
                self._groups.append((line, severity, start, count))
                line += 1 + (0 if severity in self._collapsed else count)
                start += count
        self._total = max(line, 1)  # the "no problems" row when there are none

    @property
    def line_count(self) -> int:
        return self._total if self.ws is not None else 0

    def _group_of(self, line: int) -> tuple[int, Severity, int, int] | None:
        found = None
        for group in self._groups:
            if group[0] <= line:
                found = group
        return found

    def line_key(self, line: int):
        group = self._group_of(line)
        if group is None:
            return ("none",)
        header, severity, start, count = group
        if line == header:
            return ("group", severity, count)
        return self._findings()[start + line - header - 1]

    def _line_depth(self, line: int) -> int:
        group = self._group_of(line)
        return 0 if group is None or line == group[0] else 1

    def _line_mask(self, line: int) -> int:
        group = self._group_of(line)
        if group is None:
            return 1
        header, _severity, _findings, count = group
        return 1 | (2 if line - header == count else 0)  # the last finding of its group: └

    def _subtree_end(self, line: int) -> int:
        group = self._group_of(line)
        if group is None or line != group[0] or group[1] in self._collapsed:
            return line + 1
        return line + 1 + group[3]

    def _parent_line(self, line: int) -> int:
        group = self._group_of(line)
        return group[0] if group else line

    def expandable(self, ref) -> bool:
        return isinstance(ref, tuple) and ref[0] == "group"

    def is_expanded(self, ref) -> bool:
        return self.expandable(ref) and ref[1] not in self._collapsed

    def expand_line(self, line: int) -> None:
        self._toggle_group(line, expand=True)

    def collapse_line(self, line: int) -> None:
        self._toggle_group(line, expand=False)

    def _toggle_group(self, line: int, expand: bool) -> None:
        key = self.line_key(line)
        if not self.expandable(key) or self.is_expanded(key) == expand:
            return
        self._collapsed ^= {key[1]}
        self._layout()
        self._reshaped()

    def make_label(self, key) -> Text:
        if isinstance(key, Finding):
            return finding_text(key, self.row_styles, self._hints.text(key.subject) if key.code in HINTED else "")
        if key[0] == "group":
            _kind, severity, count = key
            return Text(GROUPS[severity](count), self.row_styles[MARKS[severity][1]])
        return Text(_(NONE), self.row_styles["ok"])

    # -- the contract ----------------------------------------------------------------------

    def build(self, ws: Workspace) -> None:
        self.ws = ws
        self.filter, self._only = None, None  # a new workspace: no filter
        self._labels.clear()
        self._strips.clear()
        self._cursor = -1
        self._hints.forget()
        self._hints_asked = ()
        self._refresh_findings()

    def update(self, ws: Workspace, affected: Affected | None = None) -> None:
        self.ws = ws
        self._hints.follow(ws, affected)
        self._refresh_findings()

    def show(self, ws: Workspace) -> None:
        self.update(ws)

    def _refresh_findings(self) -> None:
        before = self.cursor_ref
        self._layout()
        if isinstance(before, Finding):
            self._cursor = self._line_of_finding(before)
        self._cursor = min(self._cursor, self.line_count - 1)
        self.set_border_words(subtitle=str(len(shown(self.ws).validator.findings())))
        self._reshaped()

    # -- the inline suggestions: asked for the rows on screen, answered by a worker ------------

    def render_lines(self, crop):
        # Every frame knows what is on screen: after an edit or a scroll, ask (once the frame
        # is out) for the suggestions of the duty problems in view.
        asked = (self.ws, self.ws.org.version if self.ws else -1, int(self.scroll_offset.y), self.size.height)
        if asked != self._hints_asked:
            self._hints_asked = asked
            self.call_after_refresh(self._ask_hints)
        return super().render_lines(crop)

    def _ask_hints(self) -> None:
        ws = self.ws
        if ws is None or not self.is_mounted:
            return
        top = int(self.scroll_offset.y)
        lines = range(top, min(top + self.size.height, self.line_count))
        keys = [self.line_key(line) for line in lines]
        self._hints.want(ws, [k.subject for k in keys if isinstance(k, Finding) and k.code in HINTED])

    def _hint_changed(self, duty: str) -> None:
        if self.ws is not None:
            for f in self.ws.validator.about("duty", duty):
                self._labels.discard(f)
        self.refresh_rows()

    def on_hint_found(self, message: HintFound) -> None:
        message.stop()
        self._hints.found(message, self.ws)

    def on_hints_done(self, message: HintsDone) -> None:
        message.stop()
        self._hints.done()
        self._ask_hints()  # what is on screen now (the org may have moved on meanwhile)

    def _line_of_finding(self, f: Finding) -> int:
        """Where a finding is listed (a binary search), or the cursor's line if it is gone."""
        v = shown(self.ws).validator
        every = self._findings()
        at = v.index_of(f) if self._only is None else (every.index(f) if f in every else len(every))
        if at >= len(every) or every[at] != f:
            return self._cursor  # fixed: stay at the same place in the list
        for header, severity, start, count in self._groups:
            if start <= at < start + count:
                return header if severity in self._collapsed else header + 1 + at - start
        return self._cursor

    # -- the filter (`/`): findings by their words ------------------------------------------

    def filter_total(self) -> int:
        return len(shown(self.ws).validator.findings())

    def filter_rows(self, query: str, cap: int) -> tuple[list[Finding], int]:
        """The findings whose message matches `query` (at most `cap`), and how many match."""
        ws = shown(self.ws)
        every = ws.validator.findings()
        if self._finding_index is None or self._finding_index[0] != ws.org.version:
            from orgtui.core.domain.matching import Candidate, MatchIndex

            index = MatchIndex.build([Candidate(i, (f.message,)) for i, f in enumerate(every)])
            self._finding_index = (ws.org.version, index)
        found = sorted(self._finding_index[1].keys_matching(query))
        return [every[i] for i in found[:cap]], len(found)

    def show_findings(self, only: list[Finding] | None) -> None:
        """List only these findings (None: all), the cursor on the first."""
        self._only = only
        self._labels.clear()
        self._strips.clear()
        self._layout()
        self._cursor = -1
        if only:
            self.select_first()
        else:
            self._cursor = 0 if self.line_count else -1
        self._reshaped()

    def clear_filter(self) -> None:
        if self.filter is None:
            return
        found = self.cursor_finding
        self.set_border_words(subtitle=self.filter.subtitle or "")
        self.filter = None
        self.show_findings(None)
        if found is not None:
            self._cursor = self._line_of_finding(found)
            self.call_after_refresh(self.scroll_to_line, self._cursor)

    @property
    def cursor_finding(self) -> Finding | None:
        ref = self.cursor_ref
        return ref if isinstance(ref, Finding) else None

    @property
    def findings_shown(self) -> list[Finding]:
        """The findings in the order the pane lists them (for tests and jumps)."""
        return [k for k in (self.line_key(i) for i in range(self.line_count)) if isinstance(k, Finding)]

    @property
    def lines_text(self) -> list[str]:
        """Every row as the user reads it."""
        return [self.label_of(self.line_key(i)) for i in range(self.line_count)]

    def on_row_tree_selected(self, event: RowTree.Selected) -> None:
        event.stop()
        if isinstance(event.ref, Finding):
            self.post_message(self.Jump(event.ref))

    def select_first(self) -> None:
        for header, severity, _first, _count in self._groups:
            if severity not in self._collapsed:
                self.move_cursor_to(header + 1)
                return
