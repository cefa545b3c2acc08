"""`orgtui check`: the validator's findings for CI; exit 0 ok, 1 errors, 2 unreadable."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from orgtui.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    _emit,
    _parser,
)
from orgtui.core.i18n import _


def cmd_check(argv: list[str]) -> int:
    parser = _parser(
        "orgtui check",
        _("Check an org file and print its findings (unowned duties first)."),
        _("exit status: 0 no errors, 1 errors found, 2 the file cannot be read or parsed\n\n"
          "--format json follows the JSON Schema `orgtui schema check` prints; for a file that\n"
          "cannot be read it is an object with \"error\" and \"problems\" (and exit 2).\n\n"
          "examples:\n  orgtui check org.toml\n  orgtui check org.toml --format json > findings.json"),
    )
    parser.add_argument("file", type=Path, help=_("the org file (TOML)"))
    parser.add_argument("--format", choices=("text", "json"), default="text", help=_("output format (default: text)"))
    args = parser.parse_args(argv)
    from orgtui.core.domain.validator import Severity, Validator
    from orgtui.core.export.check_report import as_json, as_text, unreadable_json
    from orgtui.core.storage.load_problems import LoadError
    from orgtui.core.storage.orgfile import read_org
    from orgtui.core.text import visible

    _warn_if_git_is_not_set_up(args.file)
    name = visible(str(args.file))
    # The org and its findings (a million objects at 50,000 people, none in a cycle) live
    # until the report is written: built with the collector off, then out of its reach, so
    # no collection walks them (they cost ~0.3 s at 50,000 people, and again at exit).
    gc.disable()
    try:
        org = read_org(args.file)  # read-only: never takes or looks at a lock
        validator = Validator(org)
    except LoadError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        if args.format == "json":
            _emit(unreadable_json(name, exc.problems) + "\n")
        return EXIT_UNREADABLE
    else:
        gc.freeze()
    finally:
        gc.enable()
    _emit((as_json(name, validator) if args.format == "json" else as_text(name, validator)) + "\n")
    return EXIT_FINDINGS if validator.count_severity(Severity.ERROR) else EXIT_OK


def _warn_if_git_is_not_set_up(file: Path) -> None:
    """.gitattributes names orgtui for FILE, but this clone has no such driver: say so."""
    from orgtui.core.git.setup import missing_setup
    from orgtui.core.text import visible

    missing = missing_setup(file)
    if missing is not None:
        print(visible(missing.message()), file=sys.stderr)
