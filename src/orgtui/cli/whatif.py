"""`orgtui whatif`: what would appear if these people left, without changing the file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from orgtui.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, _emit, _parser
from orgtui.core.i18n import _, ngettext


def cmd_whatif(argv: list[str]) -> int:
    parser = _parser(
        "orgtui whatif",
        _("Show the findings that would appear if these people left (their positions stay, vacant\n"
          "where they were the only holder), and the duties that would be left to nobody: unowned,\n"
          "or owned only by vacancies. The file is not changed."),
        _("exit status: 0 every duty would still have someone doing it, 1 some duty would be left\n"
          "to nobody, 2 the file cannot be read or a PERSON_ID is not a person in it\n\n"
          "examples:\n  orgtui whatif org.toml --without tobias.wendt\n"
          "  orgtui whatif org.toml --without anna ben --plan      # and the repair plan without them\n"
          "  orgtui whatif org.toml --without anna --format json"),
    )
    parser.add_argument("file", type=Path, help=_("the org file (TOML)"))
    parser.add_argument("--without", nargs="+", required=True, metavar="PERSON_ID", help=_("the people who leave (ids)"))
    parser.add_argument("--plan", action="store_true", help=_("also print the repair plan for the org without them"))
    parser.add_argument("--format", choices=("text", "json"), default="text", help=_("output format (default: text)"))
    args = parser.parse_args(argv)
    from orgtui.core.domain.edits import EditError
    from orgtui.core.domain.repair import RepairError
    from orgtui.core.domain.whatif import what_if_without
    from orgtui.core.export.check_report import finding_data, finding_line
    from orgtui.core.git.diff import diff_orgs
    from orgtui.core.git.diff_format import as_text
    from orgtui.core.storage.load_problems import LoadError
    from orgtui.core.storage.orgfile import load_org
    from orgtui.core.text import visible

    prog = "orgtui whatif"
    try:
        org = load_org(args.file).org  # read-only: never takes or looks at a lock
    except LoadError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_UNREADABLE
    name = visible(str(args.file))
    try:
        answer = what_if_without(org, args.without)
    except EditError as exc:
        print(visible(f"{prog}: {name}: {exc}"), file=sys.stderr)
        return EXIT_UNREADABLE
    plan_text = ""
    plan = None
    if args.plan:
        try:
            plan = answer.plan()
        except RepairError as exc:
            print(visible(_("{prog}: {file}: no repair plan: {reason}").format(prog=prog, file=name, reason=exc)), file=sys.stderr)
            return EXIT_UNREADABLE
        from orgtui.core.domain.whatif import copy_of

        fixed = copy_of(answer.without)
        edit = plan.edit(fixed)
        if edit is not None:
            fixed.apply(edit.plan(fixed).changes)
        plan_text = as_text(diff_orgs(answer.without, fixed, _("without them"), _("planned")))
    who = ", ".join(org.people[p].name for p in answer.people)
    if args.format == "json":
        data: dict[str, Any] = {
            "schema": "orgtui-whatif/1",
            "file": name,
            "without": list(answer.people),
            "left_to_nobody": list(answer.left_to_nobody),
            "appear": [finding_data(f) for f in answer.appear],
        }
        if plan is not None:
            data["plan"] = {"changes": plan.changes, "added": [list(a) for a in plan.added],
                            "removed": [list(r) for r in plan.removed], "unmet": list(plan.unmet)}
        _emit(json.dumps(data, indent=2, ensure_ascii=True) + "\n")
    else:
        left = ngettext("{n} duty would be left to nobody", "{n} duties would be left to nobody",
                        len(answer.left_to_nobody)).format(n=len(answer.left_to_nobody))
        new = ngettext("{n} new finding", "{n} new findings", len(answer.appear)).format(n=len(answer.appear))
        lines = [visible(_("{file}: if {people} left, {left}; {new}").format(file=name, people=who, left=left, new=new))]
        lines += [finding_line(f) for f in answer.appear]
        if plan is not None:
            lines += ["", _("The repair plan without them: {summary}").format(summary=plan.summary)]
            lines += [visible(_("cannot: {reason}").format(reason=u)) for u in plan.unmet]
            lines += [plan.unproven] if plan.unproven else []
            lines.append(plan_text.rstrip("\n"))
        _emit("\n".join(lines) + "\n")
    return EXIT_FINDINGS if answer.left_to_nobody else EXIT_OK
