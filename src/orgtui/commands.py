"""`orgtui export`, `orgtui diff` and `orgtui merge`: org files in a team's git.

Like `orgtui check`, these never import Textual, and every unreadable or invalid input
is reported with its file (and line where known), exit status 2 and nothing written.
The logic lives in the core (core/export, core/diff.py, core/merge.py); this module is
argument parsing, reading, writing and exit codes.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the core is imported inside the commands, as in cli.py
    from orgtui.core.org import Org
    from orgtui.core.problems import LoadError

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
EXPORT_FORMATS = ("csv", "markdown", "mermaid", "dot", "json")
DIFF_FORMATS = ("text", "markdown", "json")


def _parser(prog: str, description: str, epilog: str, usage: str | None = None) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog=prog, usage=usage, description=description, epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _emit(text: str, stream=None) -> None:
    """Write UTF-8 bytes whatever the locale (CSV keeps its byte order mark)."""
    stream = stream or sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    try:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    except BrokenPipeError:  # `orgtui export ... | head`: the reader has gone, quietly stop
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())  # so the flush at exit does not fail again
        except (OSError, ValueError):
            pass


def _problems(exc: LoadError, prog: str) -> int:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    print(f"{prog}: nothing was written.", file=sys.stderr)
    return EXIT_UNREADABLE


def _load(file: Path, as_path: Path | None = None, label: str | None = None) -> Org:
    """Load an org file; `as_path` names it and anchors a relative catalog path (for git's
    temporary copies), `label` replaces the file name in messages."""
    from orgtui.core import tomlio
    from orgtui.core.problems import LoadError, Problem, display_path
    from orgtui.core.storage import parse_org
    from orgtui.core.text import visible

    try:
        text = tomlio.read_text(file)
        return parse_org(text, as_path or file)
    except LoadError as exc:
        if label is None:
            raise
        # problems of the org file itself (not of its catalog) carry the label
        own = {display_path(file), display_path(as_path or file)}
        relabelled: list[Problem] = [replace(p, file=visible(label)) if p.file in own else p for p in exc.problems]
        raise LoadError(relabelled) from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _write(out: Path | None, text: str, prog: str) -> int | None:
    """Write to OUT atomically, or to stdout; returns an exit status on failure."""
    if out is None:
        _emit(text)
        return None
    from orgtui.core.atomic import SaveError, atomic_write

    try:
        atomic_write(out, text.encode("utf-8"))
    except SaveError as exc:
        print(f"{prog}: {exc}; nothing was written", file=sys.stderr)
        return EXIT_UNREADABLE
    return None


# -- export ------------------------------------------------------------------------------


def cmd_export(argv: list[str]) -> int:
    parser = _parser(
        "orgtui export",
        "Write a report of an org file: a responsibility matrix (csv), a coverage report\n"
        "(markdown), the org chart (mermaid, dot) or the whole org with its findings (json).\n"
        "The formats are described in docs/reports.md.",
        "output goes to stdout, or with -o to OUT, which is replaced atomically (a reader\n"
        "sees the old or the new file, never half of one); OUT cannot be the org file itself.\n\n"
        "csv is UTF-8 with a byte order mark and CRLF line ends, as Excel and LibreOffice expect.\n\n"
        "exit status: 0 written, 2 the org file cannot be read or is invalid, or OUT cannot be\n"
        "written (nothing is written then)\n\n"
        "examples:\n"
        "  orgtui export org.toml --format csv -o matrix.csv\n"
        "  orgtui export org.toml --format markdown > coverage.md\n"
        "  orgtui export org.toml --format dot | dot -Tsvg -o org.svg\n"
        "  orgtui export org.toml --format mermaid\n"
        "  orgtui export org.toml --format json | jq '.coverage.summary'",
    )
    parser.add_argument("file", type=Path, help="the org file (TOML)")
    parser.add_argument("--format", choices=EXPORT_FORMATS, default="markdown",
                        help="what to write (default: %(default)s)")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT", help="write to OUT instead of stdout")
    args = parser.parse_args(argv)
    from orgtui.core.export import render
    from orgtui.core.problems import LoadError
    from orgtui.core.text import visible

    if args.output is not None and _same_file(args.output, args.file):
        print(f"orgtui export: {visible(str(args.output))} is the org file itself; nothing was written",
              file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        org = _load(args.file)
    except LoadError as exc:
        return _problems(exc, "orgtui export")
    failed = _write(args.output, render(org, args.format), "orgtui export")
    return EXIT_OK if failed is None else failed


# -- diff --------------------------------------------------------------------------------


def cmd_diff(argv: list[str]) -> int:
    parser = _parser(
        "orgtui diff",
        "Say what changed between two versions of an org file: departments, positions and\n"
        "people added, removed, renamed or moved; duties that moved between positions; and\n"
        "what that does to coverage (duties left unowned, duties fixed).",
        "exit status (usable as a review gate):\n"
        "  0  coverage did not get worse\n"
        "  1  coverage got worse: some duty that has an owner in OLD has none in NEW, or NEW\n"
        "     has more errors (findings of severity error) than OLD; fixing other duties does\n"
        "     not make up for a duty newly left without an owner\n"
        "  2  OLD or NEW cannot be read or is invalid\n\n"
        "as a git diff driver (see README, \"Org files in git\"): git runs\n"
        "`orgtui diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE` (9 arguments for\n"
        "a rename); orgtui then compares OLD-FILE and NEW-FILE, resolves a relative catalog\n"
        "next to PATH, treats /dev/null as an empty org, always exits 0 (git stops at a\n"
        "non-zero exit) and, if a version cannot be read, shows the problems and a line diff.\n\n"
        "examples:\n"
        "  orgtui diff before.toml after.toml\n"
        "  orgtui diff before.toml after.toml --format markdown > review.md\n"
        "  git show main:org.toml > /tmp/main.toml && orgtui diff /tmp/main.toml org.toml",
        usage="orgtui diff OLD NEW [--format {text,markdown,json}]",
    )
    parser.add_argument("files", nargs="+", metavar="OLD NEW", help="the two versions of the org file")
    parser.add_argument("--format", choices=DIFF_FORMATS, default="text", help="output format (default: %(default)s)")
    args = parser.parse_args(argv)
    files: list[str] = args.files
    if len(files) in (7, 9):
        return _git_diff(files, args.format)
    if len(files) == 1 and "GIT_DIFF_PATH_TOTAL" in os.environ:
        from orgtui.core.text import visible

        _emit(visible(f"orgtui diff {files[0]}: unmerged; resolve the merge first") + "\n")
        return EXIT_OK
    if len(files) != 2:
        parser.error(f"expected OLD and NEW (or the 7 arguments of a git diff driver), got {len(files)} file(s)")
    from orgtui.core.problems import LoadError
    from orgtui.core.text import visible

    loaded: list[Org] = []
    problems = []
    for file in files:
        try:
            loaded.append(_load(Path(file)))
        except LoadError as exc:
            problems += exc.problems  # both files are checked, so both are reported
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return EXIT_UNREADABLE
    old, new = loaded
    diff = _diff(old, new, visible(files[0]), visible(files[1]))
    _emit(_render_diff(diff, args.format))
    return EXIT_FINDINGS if diff.worse else EXIT_OK


def _diff(old: Org, new: Org, old_name: str, new_name: str):  # -> OrgDiff
    from orgtui.core.diff import diff_orgs

    return diff_orgs(old, new, old_name, new_name)


def _render_diff(diff, fmt: str) -> str:
    from orgtui.core.diff_format import FORMATS

    return FORMATS[fmt](diff)


def _git_diff(files: list[str], fmt: str) -> int:
    """git's external diff: path old-file old-hex old-mode new-file new-hex new-mode [new-path info]."""
    from orgtui.core.diff import empty_like
    from orgtui.core.problems import LoadError
    from orgtui.core.text import visible

    path, old_file, new_file = files[0], files[1], files[4]
    new_path = files[7] if len(files) == 9 else path
    sides: dict[str, Org | None] = {}
    problems: list[str] = []
    for side, file, repo_path in (("a", old_file, path), ("b", new_file, new_path)):
        if file == os.devnull:
            sides[side] = None
            continue
        try:
            sides[side] = _load(Path(file), Path(repo_path), f"{side}/{repo_path}")
        except LoadError as exc:
            problems += [str(p) for p in exc.problems]
            sides[side] = None
    old, new = sides["a"], sides["b"]
    old_name, new_name = visible(f"a/{path}"), visible(f"b/{new_path}")
    if problems:
        _emit(_line_diff(old_file, new_file, old_name, new_name, problems))
        return EXIT_OK
    if old is None and new is None:
        return EXIT_OK
    if old is None:
        old = empty_like(new)  # type: ignore[arg-type]
    if new is None:
        new = empty_like(old)
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

    out = [f"orgtui diff {old_name} → {new_name}: not a valid org file, showing a line diff"]
    out += [f"note: {p}" for p in problems]
    for line in difflib.unified_diff(lines(old_file), lines(new_file), old_name, new_name, lineterm=""):
        out.append(visible(line))
    return "\n".join(out) + "\n"


# -- merge -------------------------------------------------------------------------------


def cmd_merge(argv: list[str]) -> int:
    parser = _parser(
        "orgtui merge",
        "Merge two versions of an org file that share an ancestor, per entity instead of per\n"
        "line: departments, people and positions field by field, holders and duties as sets,\n"
        "and a duty's move judged per duty. Two people who moved different duties merge\n"
        "cleanly; the same duty moved to two different positions is a conflict, named.",
        "on a conflict the merged file is still a valid org: it holds OURS' value for each\n"
        "conflicting field (where one side removed something the other changed or still uses,\n"
        "it is kept), and a comment block at its top lists every conflict (`# CONFLICT ...`);\n"
        "open it with `orgtui FILE`, resolve them, delete the block. The conflicts are also\n"
        "printed to stderr. An empty BASE file (git's add/add case) means no common ancestor.\n\n"
        "exit status: 0 merged cleanly, 1 merged with conflicts (git then marks the file\n"
        "conflicted), 2 an input cannot be read or is invalid, or OUT cannot be written\n"
        "(nothing is written)\n\n"
        "as a git merge driver (see README, \"Org files in git\"):\n"
        "  git config merge.orgtui.driver 'orgtui merge %O %A %B -o %A --path %P'\n\n"
        "examples:\n"
        "  orgtui merge base.toml ours.toml theirs.toml -o merged.toml\n"
        "  orgtui merge base.toml ours.toml theirs.toml > merged.toml",
    )
    parser.add_argument("base", type=Path, help="the common ancestor (git's %%O)")
    parser.add_argument("ours", type=Path, help="the version merged into (git's %%A)")
    parser.add_argument("theirs", type=Path, help="the version merged in (git's %%B)")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="write the merged org to OUT (atomically) instead of stdout; may be OURS")
    parser.add_argument("--path", type=Path, metavar="PATH",
                        help="the file's path in the repository (git's %%P): names the inputs in messages "
                             "and anchors a relative catalog path")
    args = parser.parse_args(argv)
    from orgtui.core import tomlio
    from orgtui.core.merge import merge_orgs, with_conflicts
    from orgtui.core.problems import LoadError
    from orgtui.core.storage import dumps_org, parse_org
    from orgtui.core.text import visible

    prog = "orgtui merge"
    problems = []
    orgs: dict[str, Org | None] = {}
    for side in ("base", "ours", "theirs"):
        file: Path = getattr(args, side)
        label = f"{args.path} ({side})" if args.path else None
        try:
            if side == "base" and not tomlio.read_text(file).strip():
                orgs[side] = None  # git passes an empty base when both sides added the file
                continue
            orgs[side] = _load(file, args.path, label)
        except LoadError as exc:
            problems += exc.problems
    if problems:
        for problem in dict.fromkeys(problems):  # a broken catalog is reported once, not per input
            print(problem, file=sys.stderr)
        print(f"{prog}: nothing was written.", file=sys.stderr)
        return EXIT_UNREADABLE
    ours, theirs = orgs["ours"], orgs["theirs"]
    assert ours is not None and theirs is not None
    result = merge_orgs(orgs["base"], ours, theirs)
    org = with_conflicts(result.org, result.conflicts)
    text = dumps_org(org)
    try:  # the merge keeps references valid; check the written form anyway before writing it
        parse_org(text, args.path or args.output or args.ours)
    except LoadError as exc:
        print(f"{prog}: the merge would give an invalid org file; nothing was written:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_UNREADABLE
    failed = _write(args.output, text, prog)
    if failed is not None:
        return failed
    if result.conflicts:
        where = visible(str(args.path or args.output or "the output"))
        print(f"{prog}: {len(result.conflicts)} conflict(s) in {where}; ours' value was kept for each:",
              file=sys.stderr)
        for conflict in result.conflicts:
            print(f"  CONFLICT {conflict}", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK
