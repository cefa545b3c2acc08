"""`orgtui diff`: what changed between two org files, as a command and as git's diff driver."""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orgtui.core.domain.org import Org

from orgtui.cli.common import (
    DIFF_FORMATS,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    _emit,
    _load,
    _parser,
)
from orgtui.core.i18n import _, ngettext


def cmd_diff(argv: list[str]) -> int:
    parser = _parser(
        "orgtui diff",
        _("Say what changed between two versions of an org file: departments, positions and\n"
        "people added, removed, renamed or moved; duties that moved between positions; and\n"
        "what that does to coverage (duties left unowned, duties fixed)."),
        _("exit status (usable as a review gate):\n"
        "  0  coverage did not get worse\n"
        "  1  coverage got worse: some duty that has an owner in OLD has none in NEW, or NEW\n"
        "     has more errors (findings of severity error) than OLD; fixing other duties does\n"
        "     not make up for a duty newly left without an owner\n"
        "  2  OLD or NEW cannot be read or is invalid\n\n"
        "/dev/null or an empty file (only blank lines and comments) is no org: an added or a\n"
        "removed org file, compared with an empty org of the same catalog.\n\n"
        "--path PATH is the file's path in the repository when OLD or NEW is a copy elsewhere\n"
        "(git show ... > /tmp/main.toml): a relative `catalog` is resolved next to PATH.\n\n"
        "as a git diff driver (see README, \"Org files in git\"): git runs\n"
        "`orgtui diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE` (9 arguments for\n"
        "a rename); orgtui then compares OLD-FILE and NEW-FILE, resolves a relative catalog\n"
        "next to PATH, treats /dev/null as an empty org, always exits 0 (git stops at a\n"
        "non-zero exit) and, if a version cannot be read, shows the problems and a line diff.\n\n"
        "examples:\n"
        "  orgtui diff before.toml after.toml\n"
        "  orgtui diff before.toml after.toml --format markdown > review.md\n"
        "  git show main:org.toml > /tmp/main.toml && orgtui diff /tmp/main.toml org.toml --path org.toml\n"
        "  orgtui diff /dev/null new.org.toml"),
        usage="orgtui diff OLD NEW [--format {text,markdown,json}] [--path PATH]",
    )
    parser.add_argument("files", nargs="+", metavar="OLD NEW", help=_("the two versions of the org file"))
    parser.add_argument("--format", choices=DIFF_FORMATS, default="text", help=_("output format (default: %(default)s)"))
    parser.add_argument("--path", type=Path, metavar="PATH",
                        help=_("the file's path in the repository: anchors a relative catalog of OLD and NEW"))
    args = parser.parse_args(argv)
    files: list[str] = args.files
    if len(files) in (7, 9):
        return _git_diff(files, args.format)
    if len(files) == 1 and "GIT_DIFF_PATH_TOTAL" in os.environ:
        from orgtui.core.text import visible

        _emit(visible(_("orgtui diff {file}: unmerged; resolve the merge first").format(file=files[0])) + "\n")
        return EXIT_OK
    if len(files) != 2:
        parser.error(ngettext("expected OLD and NEW (or the 7 arguments of a git diff driver), got {n} file",
                              "expected OLD and NEW (or the 7 arguments of a git diff driver), got {n} files", len(files)).format(n=len(files)))
    from orgtui.core.storage.load_problems import LoadError
    from orgtui.core.text import visible

    loaded: list[Org | None] = []
    problems = []
    for file in files:
        try:
            loaded.append(_side(Path(file), args.path))
        except LoadError as exc:
            problems += exc.problems  # both files are checked, so both are reported
    if problems:
        for problem in dict.fromkeys(problems):  # a broken catalog is reported once
            print(problem, file=sys.stderr)
        return EXIT_UNREADABLE
    old, new = _both(loaded[0], loaded[1])
    if old is None or new is None:
        _emit(visible(_("orgtui diff {old} → {new}: no org on either side").format(old=files[0], new=files[1])) + "\n")
        return EXIT_OK
    diff = _diff(old, new, visible(files[0]), visible(files[1]))
    _emit(_render_diff(diff, args.format))
    return EXIT_FINDINGS if diff.worse else EXIT_OK


def _side(file: Path, anchor: Path | None = None, label: str | None = None) -> Org | None:
    """One version: None for /dev/null or an empty file (an added or removed org file)."""
    from orgtui.core.git.empty import is_empty_document
    from orgtui.core.storage import tomlio
    from orgtui.core.storage.load_problems import LoadError

    if str(file) == os.devnull:
        return None
    try:
        if is_empty_document(tomlio.read_text(file)):
            return None
    except LoadError:
        pass  # reported below, by the file's label
    return _load(file, anchor, label)


def _both(old: Org | None, new: Org | None) -> tuple[Org | None, Org | None]:
    """A missing side is an empty org with the other side's catalog."""
    from orgtui.core.git.diff import empty_like

    if old is None and new is not None:
        return empty_like(new), new
    if new is None and old is not None:
        return old, empty_like(old)
    return old, new


def _diff(old: Org, new: Org, old_name: str, new_name: str):  # -> OrgDiff
    from orgtui.core.git.diff import diff_orgs

    return diff_orgs(old, new, old_name, new_name)


def _render_diff(diff, fmt: str) -> str:
    from orgtui.core.git.diff_format import FORMATS

    return FORMATS[fmt](diff)


def _git_diff(files: list[str], fmt: str) -> int:
    """git's external diff: path old-file old-hex old-mode new-file new-hex new-mode [new-path info]."""
    from orgtui.core.storage.load_problems import LoadError
    from orgtui.core.text import visible

    path, old_file, new_file = files[0], files[1], files[4]
    new_path = files[7] if len(files) == 9 else path
    sides: dict[str, Org | None] = {}
    problems: list[str] = []
    for side, file, repo_path in (("a", old_file, path), ("b", new_file, new_path)):
        try:
            sides[side] = _side(Path(file), Path(repo_path), f"{side}/{repo_path}")
        except LoadError as exc:
            problems += [str(p) for p in exc.problems]
            sides[side] = None
    old, new = sides["a"], sides["b"]
    old_name, new_name = visible(f"a/{path}"), visible(f"b/{new_path}")
    if problems:
        _emit(_line_diff(old_file, new_file, old_name, new_name, problems))
        return EXIT_OK
    old, new = _both(old, new)
    if old is None or new is None:
        return EXIT_OK
    _emit(_render_diff(_diff(old, new, old_name, new_name), fmt))
    return EXIT_OK


def _line_diff(old_file: str, new_file: str, old_name: str, new_name: str, problems: list[str]) -> str:
    """When a version is not a valid org: its problems, then a plain line diff."""
    from orgtui.core.text import visible

    def lines(file: str) -> list[str]:
        if file == os.devnull:
            return []
        try:
            return Path(file).read_bytes().decode("utf-8", "replace").splitlines()
        except OSError:
            return []

    out = [_("orgtui diff {old} → {new}: not a valid org file, showing a line diff").format(old=old_name, new=new_name)]
    out += [_("note: {problem}").format(problem=p) for p in problems]
    for line in difflib.unified_diff(lines(old_file), lines(new_file), old_name, new_name, lineterm=""):
        out.append(visible(line))
    return "\n".join(out) + "\n"

