"""Every word the app, the CLI and the storage layer show is marked for translation.

A static check over the source (the AST, not a grep), so a new English string cannot slip
past the German catalog: tests/test_i18n.py proves every *marked* string has German, this
proves every shown string is marked. Two rules:

- prose: a string literal or f-string with two words in a row (a sentence, a title, a
  label) must be inside `_()`, `N_()`, `ngettext()` or `B()`, wherever it stands;
- sinks: any literal with a word, however short ("Cancel", "Saved"), given to what shows
  text (notify, a Label, Button, Input placeholder, a dialog's title or buttons, a border
  title, an error the user reads) must be marked too.

What is not text (ids, CSS, Rich styles, regexes, command lines, the README's English key
table) is exempt by a rule below or named in ALLOWED with the reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "orgtui"
# and the core's words that reach the same screens: a load error for git's conflict markers, an
# export's refusals and its Markdown summary, a chart's title, a diff's note
CORE_WORDS = ["git/markers.py", "git/diff.py", "git/setup.py", "export/__init__.py", "export/span_report.py", "export/chart_model.py"]
FILES = sorted([*(SRC / "ui").rglob("*.py"), *(SRC / "core" / "storage").glob("*.py"), *(SRC / "cli").glob("*.py"),
                *(SRC / "core" / name for name in CORE_WORDS)])

MARKERS = {"_", "N_", "ngettext", "B"}
# calls whose arguments are shown to the user (the function's or class's last name)
SINKS = {
    "notify", "tell", "say", "_say", "Label", "Static", "Button", "Input", "Option", "Content", "Text",
    "Choice", "Picker", "FormScreen", "FormField", "HelpScreen", "Problem", "Outcome", "SaveRisk",
    "SaveError", "LoadError", "ValueError", "EditError", "OrgError", "LockError", "LockUnavailable",
    "SuspiciousLock", "LockedError", "RecoveryError", "SaveConflict", "print", "_emit", "add_argument",
    "pick", "choose", "edit_form", "confirm_then", "_offer", "Batch", "PlannedEdit",
}
TEXT_KEYWORDS = {"title", "message", "placeholder", "label", "tooltip", "submit_label", "hint", "help",
                 "description", "prompt"}
ID_ARGUMENTS = {"FormField": {0}, "SaveRisk": {0}, "Problem": {0}, "add_argument": {0, 1, 2}}  # ids, names, flags
TEXT_ATTRIBUTES = {"border_title", "border_subtitle", "title", "sub_title", "placeholder", "tooltip"}
PROGRAMMER_ERRORS = {"RuntimeError", "AssertionError", "NotImplementedError", "TypeError", "KeyError", "AttributeError"}
# Rich/Textual style words: "bold underline" is a style, not a sentence
STYLE_WORDS = {"bold", "dim", "italic", "underline", "reverse", "strike", "blink", "not", "on"}


def is_style(text: str) -> bool:
    return bool(text.strip()) and all(word in STYLE_WORDS for word in text.split())
COMMAND_LINE = re.compile(r"^orgtui( [a-z-]+)*( [A-Z_]+| \[[^\]]*\])*:?$")  # a command as typed (or its name)
WORD = re.compile(r"[A-Za-z]{2,}")
PROSE = re.compile(r"[A-Za-z]{2,}[,;:!?]? +[A-Za-z]{2,}")

PYDANTIC = "pydantic's English words (org_entries.py checks as pydantic did), translated by kind in load_errors"
# The README's key table is English (`python -m orgtui.ui.action_table --markdown` writes it):
# its writer's words are the README's, not the app's.
README_WRITERS = {("action_table.py", "markdown"), ("action_table.py", "main")}
# calls that carry them: `_Bad(kind, words)` and `errors.add(loc, kind, words, …)`
PYDANTIC_WORDS_CALLS = {"_Bad", "add"}

# exact strings that look like words but are not shown as the app's prose, and why
ALLOWED = {
    "org file": "the kind of file a loader is asked for (a key of tomlio's article table, not shown)",
    "Value error, ": "the prefix pydantic puts before our own validators' (translated) messages",
    "OLD NEW": "argparse metavars: the names of the arguments as typed",
    "String should match pattern ''": PYDANTIC,
    "Input should be a valid dictionary or instance of ": PYDANTIC,
    "*.org.toml diff=orgtui merge=orgtui": "the line orgtui git-setup writes into .gitattributes",
    "leave": "the label of a batch applied to a scratch copy (what-if), never in the history",
}


def is_text(node: ast.AST) -> str | None:
    """The literal text of a string constant or f-string (placeholders removed), if any."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


class Walk(ast.NodeVisitor):
    def __init__(self, file: Path) -> None:
        self.name = str(file.relative_to(SRC.parent)) if file.is_relative_to(SRC) else file.name
        self.found: list[str] = []
        self.exempt: set[int] = set()  # ids of nodes under a marker, a docstring, CSS, a regex…
        self.checked_in_sink: set[int] = set()

    def flag(self, node: ast.AST, text: str, why: str) -> None:
        if text in ALLOWED or id(node) in self.exempt:
            return
        self.found.append(f"{self.name}:{node.lineno}: {why}: {text[:70]!r}")

    def exempt_all(self, node: ast.AST) -> None:
        for inner in ast.walk(node):
            self.exempt.add(id(inner))

    def visit_Module(self, node: ast.Module) -> None:
        for inner in ast.walk(node):
            if isinstance(inner, ast.Expr) and is_text(inner.value) is not None:
                self.exempt_all(inner)  # a docstring (of a module, class, function or attribute)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name) and target.id in ("DEFAULT_CSS", "CSS"):
                self.exempt_all(node.value)
            if isinstance(target, ast.Attribute) and target.attr in TEXT_ATTRIBUTES:
                self.sink_argument(node.value, f"assigned to .{target.attr}")
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if (Path(self.name).name, node.name) in README_WRITERS:
            self.exempt_all(node)
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        if isinstance(node.exc, ast.Call) and call_name(node.exc) in PROGRAMMER_ERRORS:
            self.exempt_all(node.exc)  # a bug's message for the developer, never a user's
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = call_name(node)
        func = node.func
        if name in MARKERS:
            self.exempt_all(node)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "re":
            self.exempt_all(node)  # a regular expression
        elif name in PYDANTIC_WORDS_CALLS and self.name.endswith("org_entries.py"):
            self.exempt_all(node)  # see PYDANTIC
        elif name == "Binding" and any(k.arg == "show" and isinstance(k.value, ast.Constant) and k.value.value is False
                                       for k in node.keywords):
            self.exempt_all(node)  # a key no footer, help or palette shows
        elif name in SINKS:
            skip = ID_ARGUMENTS.get(name, set())
            for index, arg in enumerate(node.args):
                if index not in skip:
                    self.sink_argument(arg, f"shown by {name}()")
            for keyword in node.keywords:
                if keyword.arg in TEXT_KEYWORDS:
                    self.sink_argument(keyword.value, f"shown by {name}({keyword.arg}=)")
        self.generic_visit(node)

    def sink_argument(self, node: ast.AST, why: str) -> None:
        text = is_text(node)
        if text is not None:
            self.checked_in_sink.add(id(node))
            if WORD.search(text) and not is_style(text) and not COMMAND_LINE.match(text.strip()):
                self.flag(node, text, why)
        elif isinstance(node, (ast.List, ast.Tuple)):
            for index, element in enumerate(node.elts):
                if isinstance(node, ast.Tuple) and index == 0 and len(node.elts) == 2:
                    continue  # (id, label): a button's or a choice's id
                self.sink_argument(element, why)
        elif isinstance(node, ast.IfExp):
            self.sink_argument(node.body, why)
            self.sink_argument(node.orelse, why)
        elif isinstance(node, ast.BinOp):
            self.sink_argument(node.left, why)
            self.sink_argument(node.right, why)

    def prose(self, tree: ast.AST) -> None:
        parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
        for node in ast.walk(tree):
            text = is_text(node)
            if text is None or isinstance(parents.get(node), ast.JoinedStr) or id(node) in self.checked_in_sink:
                continue
            stripped = re.sub(r"\{[^}]*\}", " ", text)
            if PROSE.search(stripped) and not is_style(text) and not COMMAND_LINE.match(text.strip()):
                self.flag(node, text, "prose")


def unmarked(file: Path) -> list[str]:
    tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
    walk = Walk(file)
    walk.visit(tree)
    walk.prose(tree)
    return walk.found


@pytest.mark.parametrize("file", FILES, ids=lambda f: str(f.relative_to(SRC)))
def test_every_shown_string_is_marked_for_translation(file: Path) -> None:
    assert unmarked(file) == [], "wrap these in _() (or N_() where translated later), then tools/i18n.py extract"


def test_the_check_finds_what_it_should(tmp_path: Path) -> None:
    """The rules themselves: a check that finds nothing proves nothing."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        '"""A docstring is no UI text."""\n'
        'DEFAULT_CSS = "Screen { align: center middle; }"\n'
        'def f(app, x, Label, Choice, Binding, re):\n'
        '    app.notify("Saved")\n'                          # a sink, one word
        '    app.notify(_("Saved"))\n'                       # marked
        '    Label(f"Nothing to undo {x}")\n'                # prose in a sink
        '    Choice(_("T"), [_("a")], [("yes", "Remove"), ("no", _("Keep"))])\n'  # a button's label
        '    dialog.border_title = "Keys"\n'                 # a title
        '    y = "this is a sentence somewhere"\n'           # prose anywhere
        '    z = "snake_case_id"\n'                          # an id: fine
        '    content.stylize("bold underline", 0, 1)\n'      # a style: fine
        '    re.compile(r"at line (\\d+), column")\n'        # a regex: fine
        '    Binding("up", "cursor_up", "Cursor up", show=False)\n'  # never shown: fine
        '    raise RuntimeError("the pane was asked too early")\n',  # a bug's message: fine
        encoding="utf-8",
    )
    walk = Walk(probe)
    tree = ast.parse(probe.read_text(encoding="utf-8"))
    walk.visit(tree)
    walk.prose(tree)
    said = [line.split(": ", 1)[1] for line in walk.found]
    assert sorted(said) == sorted([
        "shown by notify(): 'Saved'",
        "shown by Label(): 'Nothing to undo '",
        "shown by Choice(): 'Remove'",
        "assigned to .border_title: 'Keys'",
        "prose: 'this is a sentence somewhere'",
    ]), said
