"""`orgtui suggest`: who should own each unowned, split or vacancy-only duty, and why."""

from __future__ import annotations

import sys
from pathlib import Path

from orgtui.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, _emit, _parser
from orgtui.core.i18n import _


def cmd_suggest(argv: list[str]) -> int:
    parser = _parser(
        "orgtui suggest",
        _("Suggest fixes for every unowned, split or vacancy-only duty: the best positions to own it,\n"
          "which owner to keep, or who takes it over, each with a score and its reasons."),
        _("exit status (as `orgtui check`): 0 no errors, 1 errors found, 2 the file cannot be read\n\n"
          "examples:\n  orgtui suggest org.toml\n  orgtui suggest org.toml --duty ux_designer.mockups\n"
          "  orgtui suggest org.toml --format json > suggestions.json"),
    )
    parser.add_argument("file", type=Path, help=_("the org file (TOML)"))
    parser.add_argument("--format", choices=("text", "json"), default="text", help=_("output format (default: text)"))
    parser.add_argument("--duty", metavar="ID", action="append", help=_("only this duty (repeatable)"))
    parser.add_argument("--limit", type=int, default=3, metavar="N", help=_("suggestions per duty (default: 3)"))
    args = parser.parse_args(argv)
    from orgtui.core.domain.suggest import suggest, suggest_all
    from orgtui.core.domain.validator import Severity, Validator
    from orgtui.core.export.suggest_report import as_json, as_text
    from orgtui.core.storage.load_problems import LoadError
    from orgtui.core.storage.orgfile import load_org
    from orgtui.core.text import visible

    if args.limit < 1:
        parser.error(_("--limit must be at least 1"))
    try:
        org = load_org(args.file).org  # read-only: never takes or looks at a lock
    except LoadError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_UNREADABLE
    validator = Validator(org)
    name = visible(str(args.file))
    if args.duty:
        unknown = [d for d in args.duty if d not in org.catalog.duties]
        if unknown:
            print(visible(_("orgtui suggest: {file}: no duty {ids} in the catalog {catalog}").format(
                file=name, ids=", ".join(map(repr, unknown)), catalog=repr(org.catalog.name))), file=sys.stderr)
            return EXIT_UNREADABLE
        found = [s for d in dict.fromkeys(args.duty) if (s := suggest(org, validator, d, args.limit)) is not None]
    else:
        found = suggest_all(org, validator, args.limit)
    _emit((as_json(name, org, found) if args.format == "json" else as_text(name, org, found)) + "\n")
    return EXIT_FINDINGS if validator.count_severity(Severity.ERROR) else EXIT_OK
