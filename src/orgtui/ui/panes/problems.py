"""The Problems pane: the validator's findings, errors first; Enter or a click jumps to one.

A Tree rather than an OptionList: an OptionList re-measures every option on each change
(~0.3 s for 400 findings), while Tree rows are drawn only when visible. After an edit the
pane adds, removes or relabels only the findings that changed.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from orgtui.core.domain.suggest import hints
from orgtui.core.domain.validator import Finding, Severity
from orgtui.core.storage.session import Workspace
from orgtui.core.text import visible
from orgtui.ui.tree import MeasuredTree

MARKS = {Severity.ERROR: ("✗ ", "bold red"), Severity.WARNING: ("! ", "yellow"), Severity.INFO: ("i ", "dim")}
GROUPS = {Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings"), Severity.INFO: ("note", "notes")}

Identity = tuple[str, str, str]  # (code, subject kind, subject)


def identity(f: Finding) -> Identity:
    return (f.code, f.subject_kind, f.subject)


def finding_text(f: Finding, hint: str = "") -> Text:
    mark, style = MARKS[f.severity]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(mark, style)
    text.append(visible(f.message), style if f.severity == Severity.ERROR else "")
    if hint:  # the top suggestion (s shows them all)
        text.append(f"  {visible(hint)}", "dim italic")
    return text


HINTED = ("unowned-duty", "split-duty", "vacant-duty")  # the findings a suggestion fixes


class ProblemsPane(MeasuredTree, Tree[Finding]):
    ALLOW_SELECT = False

    class Jump(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, **kwargs) -> None:
        super().__init__(Text("Problems"), **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self.border_title = "Problems"
        self._shown: tuple | None = None
        self._rows: dict[Identity, TreeNode[Finding]] = {}
        self._groups: dict[Severity, TreeNode[Finding]] = {}
        self._none: TreeNode[Finding] | None = None
        self._hints: dict[Identity, str] = {}

    def show(self, ws: Workspace) -> None:
        findings = ws.validator.findings()
        if (ws.validator, ws.validator.generation) == self._shown:
            return  # nothing changed since the last show
        self._shown = (ws.validator, ws.validator.generation)
        wanted = {identity(f): f for f in findings}
        for key in [k for k in self._rows if k not in wanted]:
            self._rows.pop(key).remove()
        previous: dict[Severity, TreeNode[Finding] | None] = {}
        counts = {s: 0 for s in Severity}
        for f in findings:  # in sorted order: insert each new one after its predecessor
            counts[f.severity] += 1
            group = self._group(f.severity)
            node = self._rows.get(identity(f))
            if node is not None and node.data != f:
                # its words changed, so may its place (findings sort by message): re-insert
                self._rows.pop(identity(f)).remove()
                self._hints.pop(identity(f), None)
                node = None
            if node is None:
                after = previous.get(f.severity)
                if after is None:
                    first = group.children[0] if group.children else None
                    node = group.add_leaf(finding_text(f), data=f, before=first) if first else group.add_leaf(finding_text(f), data=f)
                else:
                    node = group.add_leaf(finding_text(f), data=f, after=after)
                self._rows[identity(f)] = node
            previous[f.severity] = node
        for severity, group in list(self._groups.items()):
            if counts[severity] == 0:
                group.remove()
                del self._groups[severity]
            else:
                one, many = GROUPS[severity]
                label = Text(f"{counts[severity]} {one if counts[severity] == 1 else many}", MARKS[severity][1])
                group.set_label(label)
        if not findings and self._none is None:
            self._none = self.root.add_leaf(Text("✓ No problems: every duty is owned.", "green"))
        elif findings and self._none is not None:
            self._none.remove()
            self._none = None
        self._show_hints(ws, findings)
        self.border_subtitle = str(len(findings))

    def _show_hints(self, ws: Workspace, findings: list[Finding]) -> None:
        """Each duty problem's row ends with its top suggestion, recomputed after every edit
        (any edit can change which position fits best); none in a very large org."""
        duties = list(dict.fromkeys(f.subject for f in findings if f.code in HINTED))
        found = hints(ws.org, ws.validator, duties)
        for f in findings:
            if f.code not in HINTED:
                continue
            hint = found.get(f.subject, "")
            key = identity(f)
            if self._hints.get(key, "") != hint:
                self._rows[key].set_label(finding_text(f, hint))
            self._hints[key] = hint
        for key in [k for k in self._hints if k not in self._rows]:
            del self._hints[key]

    def _group(self, severity: Severity) -> TreeNode[Finding]:
        group = self._groups.get(severity)
        if group is None:
            later = [self._groups[s] for s in Severity if s > severity and s in self._groups]
            if later:
                group = self.root.add("", expand=True, before=later[0])
            else:
                group = self.root.add("", expand=True)
            self._groups[severity] = group
        return group

    @property
    def findings_shown(self) -> list[Finding]:
        """The findings in the order the pane lists them (for tests and jumps)."""
        return [n.data for g in self.root.children for n in g.children if n.data is not None]

    def on_tree_node_selected(self, event: Tree.NodeSelected[Finding]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.Jump(event.node.data))

    def select_first(self) -> None:
        for group in self.root.children:
            if group.children:
                self.move_cursor(group.children[0])
                return
