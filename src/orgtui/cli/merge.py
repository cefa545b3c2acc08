"""`orgtui merge`: three-way merge per entity, as a command and as git's merge driver."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orgtui.core.domain.org import Org

from orgtui.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    _load,
    _parser,
    _write,
)
from orgtui.core.i18n import _, ngettext


def cmd_merge(argv: list[str]) -> int:
    parser = _parser(
        "orgtui merge",
        _("Merge two versions of an org file that share an ancestor, per entity instead of per\n"
        "line: departments, people and positions field by field, holders and duties as sets,\n"
        "and a duty's move judged per duty. Two people who moved different duties merge\n"
        "cleanly; the same duty moved to two different positions is a conflict, named."),
        _("on a conflict the merged file is still a valid org: it holds OURS' value for each\n"
        "conflicting field (where one side removed something the other changed or still uses,\n"
        "it is kept), and a comment block at its top lists every conflict (`# CONFLICT ...`);\n"
        "open it with `orgtui FILE`, resolve them, delete the block. The conflicts are also\n"
        "printed to stderr.\n\n"
        "an input that is not a valid org is a conflict too, never dropped: with OURS valid the\n"
        "result is OURS plus a `# CONFLICT file theirs: ...` line (so `orgtui check` fails until\n"
        "someone looks); with OURS invalid, both versions are written between git's conflict\n"
        "markers. A BASE that is empty (only blank lines and comments: git's add/add case) means\n"
        "no common ancestor; any other invalid BASE is a conflict, merged without an ancestor.\n\n"
        "exit status: 0 merged cleanly, 1 merged with conflicts (git then marks the file\n"
        "conflicted), 2 an input cannot be read at all, or OUT cannot be written (nothing is\n"
        "written)\n\n"
        "as a git merge driver (see README, \"Org files in git\"):\n"
        "  git config merge.orgtui.driver 'orgtui merge %O %A %B -o %A --path %P'\n\n"
        "examples:\n"
        "  orgtui merge base.toml ours.toml theirs.toml -o merged.toml\n"
        "  orgtui merge base.toml ours.toml theirs.toml > merged.toml"),
    )
    parser.add_argument("base", type=Path, help=_("the common ancestor (git's %%O)"))
    parser.add_argument("ours", type=Path, help=_("the version merged into (git's %%A)"))
    parser.add_argument("theirs", type=Path, help=_("the version merged in (git's %%B)"))
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help=_("write the merged org to OUT (atomically) instead of stdout; may be OURS"))
    parser.add_argument("--path", type=Path, metavar="PATH",
                        help=_("the file's path in the repository (git's %%P): names the inputs in messages "
                             "and anchors a relative catalog path"))
    args = parser.parse_args(argv)
    from orgtui.core.git.merge import with_conflicts
    from orgtui.core.storage.load_problems import LoadError
    from orgtui.core.storage.orgfile import dumps_org, parse_org
    from orgtui.core.text import visible

    prog = "orgtui merge"
    read = _read_inputs(args)
    if isinstance(read, int):
        return read
    texts, orgs, problems = read
    for problem in dict.fromkeys(p for side in problems.values() for p in side):  # a broken catalog: once
        print(problem, file=sys.stderr)
    if orgs["ours"] is None:  # no merge per entity is possible: both versions, between git's markers
        why = _("not a valid org file ({problem}), so orgtui could not merge it").format(problem=problems["ours"][0])
        return _write_conflict(args, _whole_file(texts, why), prog)
    result = _merge(orgs, problems, args.path)
    org = with_conflicts(result.org, result.conflicts)
    text = dumps_org(org)
    try:  # the merge keeps references valid; check the written form anyway before writing it
        parse_org(text, args.path or args.output or args.ours)
    except LoadError as exc:
        print(_("{prog}: the merge would give an invalid org file, so both versions are written "
                "between conflict markers:").format(prog=prog), file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return _write_conflict(args, _whole_file(texts, _("orgtui merge gave an invalid org ({problem})").format(problem=exc.problems[0])), prog)
    failed = _write(args.output, text, prog)
    if failed is not None:
        return failed
    if result.conflicts:
        where = visible(str(args.path or args.output or _("the output")))
        print(ngettext("{prog}: {n} conflict in {file}; ours' value was kept for it:",
                       "{prog}: {n} conflicts in {file}; ours' value was kept for each:", len(result.conflicts)).format(
            prog=prog, n=len(result.conflicts), file=where), file=sys.stderr)
        for conflict in result.conflicts:
            print(_("  CONFLICT {conflict}").format(conflict=conflict), file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


def _read_inputs(args) -> int | tuple[dict[str, str | None], dict[str, Org | None], dict[str, list]]:
    """The three texts and orgs. An input that cannot be read at all ends the merge (exit 2,
    nothing written); one that is read but is not a valid org is a conflict, kept visible."""
    from orgtui.core.git.empty import is_empty_document
    from orgtui.core.storage import tomlio
    from orgtui.core.storage.load_problems import LoadError

    texts: dict[str, str | None] = {}
    orgs: dict[str, Org | None] = {}
    problems: dict[str, list] = {}
    unreadable = []
    for side in ("base", "ours", "theirs"):
        file: Path = getattr(args, side)
        label = f"{args.path} ({side})" if args.path else None
        problems[side], orgs[side], texts[side] = [], None, None
        try:
            texts[side] = tomlio.read_text(file)
        except LoadError as exc:
            unreadable += exc.problems
            continue
        if side == "base" and is_empty_document(texts[side] or ""):
            continue  # git passes an empty base when both sides added the file: no ancestor
        try:
            orgs[side] = _load(file, args.path, label)
        except LoadError as exc:
            problems[side] = exc.problems
    if unreadable:
        for problem in dict.fromkeys(unreadable):
            print(problem, file=sys.stderr)
        print(_("{prog}: nothing was written.").format(prog="orgtui merge"), file=sys.stderr)
        return EXIT_UNREADABLE
    return texts, orgs, problems


def _merge(orgs: dict[str, Org | None], problems: dict[str, list], path: Path | None):  # -> MergeResult
    """The merge per entity, OURS being valid; an invalid THEIRS or BASE becomes a conflict."""
    from orgtui.core.git.merge import merge_orgs

    ours, theirs = orgs["ours"], orgs["theirs"]
    assert ours is not None
    if theirs is None:
        result = merge_orgs(ours, ours, ours)  # ours as it is, plus the conflict below
        result.conflicts.append(_invalid_side("theirs", problems["theirs"], path))
        return result
    result = merge_orgs(orgs["base"], ours, theirs)
    if problems["base"]:
        result.conflicts.insert(0, _invalid_side("base", problems["base"], path))
    return result


def _invalid_side(side: str, problems: list, path: Path | None):  # -> Conflict
    from orgtui.core.git.merge import Conflict

    more = len(problems) - 1
    first = str(problems[0]) + (ngettext(" and {n} more problem", " and {n} more problems", more).format(n=more) if more else "")
    if side == "base":
        return Conflict("file", "base", _("the common ancestor is not a valid org file ({first}); merged as if "
                        "there were none, so what one side removed is kept and every field the sides set "
                        "differently is a conflict: check the whole merge").format(first=first))
    stage = _(" (git: `git show :3:{path}` shows it)").format(path=path) if path else ""
    return Conflict("file", "theirs", _("theirs is not a valid org file ({first}); this file is ours and none "
                    "of theirs' changes are in it{stage}").format(first=first, stage=stage))


def _whole_file(texts: dict[str, str | None], why: str) -> str:
    from orgtui.core.git.markers import whole_file_conflict
    from orgtui.core.text import visible

    return whole_file_conflict(texts["ours"] or "", texts["base"], texts["theirs"] or "", visible(why))


def _write_conflict(args, text: str, prog: str) -> int:
    failed = _write(args.output, text, prog)
    if failed is not None:
        return failed
    from orgtui.core.text import visible

    where = visible(str(args.path or args.output or _("the output")))
    print(_("{prog}: {file} holds both versions between conflict markers; resolve them by hand").format(prog=prog, file=where),
          file=sys.stderr)
    return EXIT_FINDINGS
