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
    from orgtui.core.git.merge import merge_orgs, with_conflicts
    from orgtui.core.storage import tomlio
    from orgtui.core.storage.orgfile import dumps_org, parse_org
    from orgtui.core.storage.problems import LoadError
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
