"""What every command shares: argument parsers, exit codes, reading an org file, writing output.

The core is imported inside the functions, so `orgtui --help` and the headless commands
load only what they use (and never Textual)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from orgtui.core.i18n import _

if TYPE_CHECKING:  # the core is imported inside the commands, as in cli.py
    from orgtui.core.domain.org import Org
    from orgtui.core.storage.load_problems import LoadError

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
EXPORT_FORMATS = ("csv", "markdown", "mermaid", "dot", "json")
DIFF_FORMATS = ("text", "markdown", "json")



class _Parser(argparse.ArgumentParser):
    """argparse writes --help with a write that swallows OSError (exit 0 on a full disk);
    ours goes through `_emit`, so help obeys the same output rules as every report."""

    def print_help(self, file=None) -> None:
        if file is None or file is sys.stdout:
            _emit(self.format_help())
        else:
            super().print_help(file)

    def print_usage(self, file=None) -> None:
        if file is None or file is sys.stdout:
            _emit(self.format_usage())
        else:
            super().print_usage(file)


def _parser(prog: str, description: str, epilog: str, usage: str | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=prog, usage=usage, description=description, epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # main() has already acted on it (see language_from_argv); declared here so that every
    # command accepts it and lists it in its --help
    parser.add_argument("--lang", choices=("en", "de"), help=_("language of the output (default: the config file, then LANG)"))
    return parser


def language_from_argv(argv: list[str]) -> str | None:
    """The last `--lang X` / `--lang=X` on the command line, read before any parser is built
    so that --help and argparse's own errors are in that language too."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def speak_language(argv: list[str]) -> str:
    """Switch the process to the language --lang, the config file or LANG asks for."""
    from orgtui.core.i18n import use_language
    from orgtui.core.storage.settings import choose_language, load_settings

    settings, _problems = load_settings()  # the app reports a broken config file; a report must not
    language = choose_language(language_from_argv(argv), settings)
    use_language(language)
    from orgtui.cli.argparse_words import speak_argparse

    speak_argparse()
    return language


class OutputError(Exception):
    """Standard output cannot be written (a full disk, a closed descriptor, an I/O error).

    `main()` turns it into one line on stderr and exit 2, never a traceback, and never exit 1,
    which `check` and `diff` use for "findings"."""


def _silence(stream) -> None:
    """Point the stream's descriptor at /dev/null, so that the flush at exit (of whatever is
    still buffered) cannot fail a second time and print "Exception ignored"."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _emit(text: str, stream=None) -> None:
    """Write UTF-8 bytes whatever the locale (CSV keeps its byte order mark).

    A reader that has gone (`orgtui check FILE | head -1`) ends the output quietly and the
    command still finishes with its own exit status; any other write error is an OutputError."""
    stream = stream or sys.stdout
    if stream is None:  # started with descriptor 1 closed (`>&-`)
        raise OutputError(_("standard output is closed"))
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is None:
            stream.write(text)
            stream.flush()
            return
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    except BrokenPipeError:
        _silence(stream)
    except OSError as exc:
        _silence(stream)
        raise OutputError(exc.strerror or str(exc)) from None


def finish_output() -> None:
    """Flush what `print` and argparse (`--help`, usage) left in stdout's buffer, with the
    same rules as `_emit`: called by `main()` after every command."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except BrokenPipeError:
        _silence(stream)
    except OSError as exc:
        _silence(stream)
        raise OutputError(exc.strerror or str(exc)) from None


def _problems(exc: LoadError, prog: str) -> int:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    print(_("{prog}: nothing was written.").format(prog=prog), file=sys.stderr)
    return EXIT_UNREADABLE


def _load(file: Path, as_path: Path | None = None, label: str | None = None) -> Org:
    """Load an org file; `as_path` names it and anchors a relative catalog path (for git's
    temporary copies), `label` replaces the file name in messages."""
    from orgtui.core.storage import tomlio
    from orgtui.core.storage.load_problems import LoadError, Problem, display_path
    from orgtui.core.storage.orgfile import parse_org
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
    from orgtui.core.storage.atomic import SaveError, atomic_write

    try:
        atomic_write(out, text.encode("utf-8"))
    except SaveError as exc:
        print(_("{prog}: {reason}; nothing was written").format(prog=prog, reason=exc), file=sys.stderr)
        return EXIT_UNREADABLE
    return None


# -- export ------------------------------------------------------------------------------
