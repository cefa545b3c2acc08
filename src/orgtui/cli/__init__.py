"""The `orgtui` command: open the app, or check and create org files without a screen.

Textual is imported only when the app is opened, so `orgtui check` in a team's CI
stays fast and needs no terminal.
"""


from __future__ import annotations

import importlib
import sys

from orgtui import __version__
from orgtui.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    OutputError,
    _emit,
    _silence,
    finish_output,
    speak_language,
)
from orgtui.core.i18n import N_, _

MAIN_HELP = N_("""\
usage: orgtui [FILE]
       orgtui COMMAND [options]

Design an e-commerce organisation and see, live, which responsibilities nobody owns.

  orgtui FILE            open an org file in the app (without FILE: the bundled sample)
  orgtui check FILE      print the validator's findings; exit 0 ok, 1 errors, 2 unreadable
  orgtui suggest FILE    who should own each unowned, split or vacancy-only duty, and why
  orgtui fix FILE -o OUT the fewest changes that leave no duty unowned, shown as a diff
  orgtui whatif FILE --without PERSON_ID...   what would appear if these people left
  orgtui new FILE        write a starter org file (never overwrites)
  orgtui export FILE     a report: --format csv, markdown, mermaid, dot or json
  orgtui diff OLD NEW    what changed, and whether coverage got worse (exit 1); a git diff driver
  orgtui merge BASE OURS THEIRS   three-way merge per entity; a git merge driver
  orgtui textconv FILE   the org as lines for git log -p, git show, git blame; never fails
  orgtui git-setup       configure this clone's git to diff, show and merge org files
  orgtui schema NAME     the JSON Schema of export, check or diff --format json

Run `orgtui COMMAND --help` for a command's options and examples.

examples:
  orgtui sample_orgs/online-retailer.toml
  orgtui check sample_orgs/before-reorg.toml --format json
  orgtui new our-org.toml --name "Acme Shop"
""")

# Each command lives in its own module, imported only when it runs.
COMMANDS = {"check": "check", "suggest": "suggest", "fix": "fix", "whatif": "whatif", "new": "new", "open": "open", "export": "export",
            "diff": "diff", "merge": "merge", "textconv": "textconv", "git-setup": "git_setup", "schema": "schema"}


def command(name: str):
    module = importlib.import_module(f"orgtui.cli.{name}")
    return getattr(module, f"cmd_{name}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):
        # A report must not crash on a terminal or pipe that cannot encode a name
        # (a cp1252 or ASCII locale): such characters are printed as escapes instead.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    speak_language(argv)
    prog = f"orgtui {argv[0]}" if argv and argv[0] in COMMANDS else "orgtui"
    # Output errors, the same for every command: a reader that went away (`| head -1`) ends
    # the output quietly; any other (a full disk, a closed stdout) is one line and exit 2,
    # never a traceback, and never exit 1, which means "findings" to CI.
    try:
        try:
            return _dispatch(argv)
        finally:
            finish_output()  # what print and argparse's --help left buffered
    except BrokenPipeError:  # a print that is not one of ours (argparse on a long --help)
        _silence(sys.stdout)
        return EXIT_OK
    except OutputError as exc:
        try:
            print(_("{prog}: cannot write the output: {reason}").format(prog=prog, reason=exc), file=sys.stderr)
        except OSError:
            pass  # stderr is gone too: the exit status is all that is left
        return EXIT_UNREADABLE


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help", "help"):
        _emit(_(MAIN_HELP) + "\n")
        return EXIT_OK
    if argv and argv[0] == "--version":
        _emit(f"orgtui {__version__}\n")
        return EXIT_OK
    if argv and argv[0] in COMMANDS and argv[0] != "open":
        from orgtui.cli.streams import DiagnosticStream, ReportStream

        real = sys.stdout, sys.stderr
        if sys.stdout is not None:  # None: started with stdout closed; _emit says so
            sys.stdout = ReportStream(sys.stdout)  # type: ignore[assignment]
        if sys.stderr is not None:
            sys.stderr = DiagnosticStream(sys.stderr)  # type: ignore[assignment]
        try:
            return command(COMMANDS[argv[0]])(argv[1:])
        finally:
            sys.stdout, sys.stderr = real
    return command("open")(argv[1:] if argv and argv[0] == "open" else argv)
