"""`orgtui fix`: the repair plan (core/domain/repair.py), shown in diff's words and written
to a new file atomically; the input is never overwritten unless --in-place says so."""

from __future__ import annotations

import sys
from pathlib import Path

from orgtui.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    _emit,
    _parser,
    _same_file,
    _write,
)
from orgtui.core.i18n import _


def cmd_fix(argv: list[str]) -> int:
    parser = _parser(
        "orgtui fix",
        _("Plan the fewest changes that leave no duty unowned (with --scope all: that also resolve\n"
          "split and vacancy-only duties where the org allows it), keep every position and person\n"
          "within capacity where possible, and create no new error. The plan is printed in the\n"
          "words of `orgtui diff`; with -o it is also written to OUT."),
        _("exit status: 0 the planned org has no errors, 1 errors remain or a constraint cannot be\n"
          "met (the plan says which and why), 2 the file cannot be read, no plan exists, or OUT\n"
          "cannot be written (nothing is written)\n\n"
          "examples:\n  orgtui fix org.toml                      # show the plan only\n"
          "  orgtui fix org.toml -o fixed.toml\n"
          "  orgtui fix org.toml -o fixed.toml --scope all --max-changes 20\n"
          "  orgtui fix org.toml --in-place         # write over org.toml (refused while someone edits it)"),
    )
    parser.add_argument("file", type=Path, help=_("the org file (TOML)"))
    parser.add_argument("-o", "--output", type=Path, metavar="OUT", help=_("write the repaired org to OUT (atomically)"))
    parser.add_argument("--in-place", action="store_true", help=_("write the repaired org over FILE"))
    parser.add_argument("--scope", choices=("unowned", "all"), default="unowned",
                        help=_("unowned duties only (default), or also split and vacancy-only duties"))
    parser.add_argument("--max-changes", type=int, metavar="N", help=_("refuse a plan of more than N changes"))
    args = parser.parse_args(argv)
    from orgtui.core.domain.repair import RepairError, plan_repair
    from orgtui.core.domain.validator import Severity, Validator
    from orgtui.core.domain.whatif import copy_of
    from orgtui.core.git.diff import diff_orgs
    from orgtui.core.git.diff_format import as_text
    from orgtui.core.storage.load_problems import LoadError
    from orgtui.core.storage.orgfile import dumps_org, load_org
    from orgtui.core.text import visible

    prog = "orgtui fix"
    out: Path | None = args.file if args.in_place else args.output
    if args.in_place and args.output is not None and not _same_file(args.output, args.file):
        parser.error(_("--in-place writes over FILE: leave out -o"))
    if out is not None and not args.in_place and (out == args.file or _same_file(out, args.file)):
        print(visible(_("{prog}: OUT is the input file {file}; say --in-place to write over it. Nothing was written.").format(
            prog=prog, file=args.file)), file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        loaded = load_org(args.file)
    except LoadError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_UNREADABLE
    org = loaded.org
    try:
        plan = plan_repair(org, args.scope, args.max_changes)
    except RepairError as exc:
        print(visible(_("{prog}: {file}: {reason}. Nothing was written.").format(prog=prog, file=args.file, reason=exc)), file=sys.stderr)
        return EXIT_UNREADABLE
    # the plan's edits one after the other on a copy: the state its one undoable Batch
    # leaves, without planning the batch and taking it back first (20,000 parts at 5,000 people)
    repaired = copy_of(org)
    for part in plan.edits(repaired):
        repaired.apply(part.plan(repaired).changes)
    name = visible(str(args.file))
    report = as_text(diff_orgs(org, repaired, name, visible(str(out)) if out else _("the plan")))
    head = "orgtui fix: " + plan.summary
    lines = [head, *(visible(_("cannot: {reason}").format(reason=u)) for u in plan.unmet)]
    if plan.unproven:
        lines.append(plan.unproven)
    if out is None:
        lines.append(_("(the plan only: nothing was written; -o OUT writes it)"))
    _emit("\n".join(lines) + "\n" + report)
    failed = _save(out, args.in_place, plan.changes, loaded.digest, dumps_org(repaired) if out else "", prog)
    if failed is not None:
        return failed
    errors = Validator(repaired).count_severity(Severity.ERROR)
    return EXIT_FINDINGS if errors or plan.unmet else EXIT_OK


def _in_place_refused(path: Path, digest: str, prog: str) -> int | None:
    """Why writing over the input now would clobber someone: its lock is held, or it changed."""
    from orgtui.core.storage import lock as locks
    from orgtui.core.storage.orgfile import digest_of
    from orgtui.core.text import visible

    name = visible(str(path))
    try:
        holder = locks.read_lock(path)
    except locks.LockError as exc:
        print(visible(_("{prog}: {reason}; nothing was written").format(prog=prog, reason=exc)), file=sys.stderr)
        return EXIT_UNREADABLE
    if holder is not None and not locks.is_stale(holder):
        print(_("{prog}: {file} is {holder}; nothing was written").format(prog=prog, file=name, holder=holder.describe()), file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        now = digest_of(path.read_bytes())
    except OSError as exc:
        print(visible(_("{prog}: {file}: {reason}; nothing was written").format(prog=prog, file=name, reason=exc.strerror or exc)), file=sys.stderr)
        return EXIT_UNREADABLE
    if now != digest:
        print(_("{prog}: {file} changed while the plan was made; nothing was written").format(prog=prog, file=name), file=sys.stderr)
        return EXIT_UNREADABLE
    return None


def _save(out: Path | None, in_place: bool, changes: int, digest: str, text: str, prog: str) -> int | None:
    """Write the repaired org (over the input only when it is still as read and unlocked)."""
    if out is None or (in_place and not changes):
        return None
    if in_place:
        refused = _in_place_refused(out, digest, prog)
        if refused is not None:
            return refused
    return _write(out, text, prog)
