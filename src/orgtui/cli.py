"""The `orgtui` command: open the app, or check and create org files without a screen.

Textual is imported only when the app is opened, so `orgtui check` in a team's CI
stays fast and needs no terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from orgtui import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2

MAIN_HELP = """\
usage: orgtui [FILE]
       orgtui COMMAND [options]

Design an e-commerce organisation and see, live, which responsibilities nobody owns.

  orgtui FILE            open an org file in the app (without FILE: the bundled sample)
  orgtui check FILE      print the validator's findings; exit 0 ok, 1 errors, 2 unreadable
  orgtui new FILE        write a starter org file (never overwrites)
  orgtui export FILE     a report: --format csv, markdown, mermaid, dot or json
  orgtui diff OLD NEW    what changed, and whether coverage got worse (exit 1); a git diff driver
  orgtui merge BASE OURS THEIRS   three-way merge per entity; a git merge driver

Run `orgtui COMMAND --help` for a command's options and examples.

examples:
  orgtui sample_orgs/online-retailer.toml
  orgtui check sample_orgs/before-reorg.toml --format json
  orgtui new our-org.toml --name "Acme Shop"
"""


def _parser(prog: str, description: str, epilog: str) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog=prog, description=description, epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter
    )


def cmd_check(argv: list[str]) -> int:
    parser = _parser(
        "orgtui check",
        "Check an org file and print its findings (unowned duties first).",
        "exit status: 0 no errors, 1 errors found, 2 the file cannot be read or parsed\n\n"
        "examples:\n  orgtui check org.toml\n  orgtui check org.toml --format json > findings.json",
    )
    parser.add_argument("file", type=Path, help="the org file (TOML)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    args = parser.parse_args(argv)
    from orgtui.core.problems import LoadError
    from orgtui.core.report import as_json, as_text
    from orgtui.core.storage import load_org
    from orgtui.core.text import visible
    from orgtui.core.validator import Severity, Validator

    try:
        loaded = load_org(args.file)  # read-only: never takes or looks at a lock
    except LoadError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_UNREADABLE
    validator = Validator(loaded.org)
    name = visible(str(args.file))
    print(as_json(name, validator) if args.format == "json" else as_text(name, validator))
    return EXIT_FINDINGS if validator.count_severity(Severity.ERROR) else EXIT_OK


def cmd_new(argv: list[str]) -> int:
    parser = _parser(
        "orgtui new",
        "Write a starter org file that uses the built-in catalog: one department, no positions yet.",
        "The file is never overwritten: if it exists, nothing is written and the exit status is 2.\n\n"
        "examples:\n  orgtui new our-org.toml\n  orgtui new our-org.toml --name \"Acme Shop\" --department \"E-Commerce\"",
    )
    parser.add_argument("file", type=Path, help="the org file to create")
    parser.add_argument("--name", default="New org", help="the org's name (default: %(default)s)")
    parser.add_argument("--department", default="E-Commerce", help="the first department (default: %(default)s)")
    args = parser.parse_args(argv)
    from orgtui.core.catalog import builtin_catalog
    from orgtui.core.edits import EditError
    from orgtui.core.edits.base import check_name
    from orgtui.core.org import Department, Org, OrgInfo
    from orgtui.core.storage import dumps_org
    from orgtui.core.text import slug, visible

    shown = visible(str(args.file))
    try:
        check_name(args.name)
        check_name(args.department, "department name")
    except EditError as exc:
        print(f"orgtui new: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    org = Org(OrgInfo(args.name), builtin_catalog(), [Department(slug(args.department, "department"), args.department)])
    org.preamble = "# Created with `orgtui new`. Open it with `orgtui FILE` to add positions and people."
    data = dumps_org(org).encode("utf-8")
    try:
        fd = os.open(args.file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    except FileExistsError:
        print(f"orgtui new: {shown} already exists; nothing was written", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"orgtui new: cannot create {shown}: {exc.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    print(f"wrote {shown}: {len(org.catalog.duties)} duties of the catalog, all unowned so far")
    return EXIT_OK


def cmd_open(argv: list[str]) -> int:
    parser = _parser(
        "orgtui",
        "Open an org file in the app. Without FILE, a copy of the bundled sample org opens.",
        "examples:\n  orgtui sample_orgs/online-retailer.toml\n  orgtui",
    )
    parser.add_argument("file", type=Path, nargs="?", help="the org file (TOML)")
    args = parser.parse_args(argv)
    from orgtui.core.problems import LoadError
    from orgtui.core.workspace import Workspace

    try:
        if args.file is None:
            from orgtui.core.catalog import bundled_sample_path

            workspace = Workspace.open(bundled_sample_path())
            workspace.path = None  # a copy: ctrl+s asks where to save it
        else:
            workspace = Workspace.open(args.file)
    except LoadError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("orgtui: nothing was opened; the file is untouched.", file=sys.stderr)
        return EXIT_UNREADABLE
    from orgtui.ui.app import OrgApp  # Textual is imported only here

    app = OrgApp(workspace)
    try:
        app.run()
    finally:
        app.ws.release_lock()  # also when the app died: a lock must not outlive us
    return app.return_code or EXIT_OK


from orgtui.commands import cmd_diff, cmd_export, cmd_merge  # noqa: E402

COMMANDS = {"check": cmd_check, "new": cmd_new, "open": cmd_open, "export": cmd_export, "diff": cmd_diff, "merge": cmd_merge}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):
        # A report must not crash on a terminal or pipe that cannot encode a name
        # (a cp1252 or ASCII locale): such characters are printed as escapes instead.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if argv and argv[0] in ("-h", "--help", "help"):
        print(MAIN_HELP)
        return EXIT_OK
    if argv and argv[0] == "--version":
        print(f"orgtui {__version__}")
        return EXIT_OK
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    return cmd_open(argv)
