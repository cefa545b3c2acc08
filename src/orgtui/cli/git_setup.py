"""`orgtui git-setup`: this clone's git config for org files, in one step."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

from orgtui.cli.common import EXIT_OK, EXIT_UNREADABLE, _parser
from orgtui.core.i18n import _


def _default_command() -> str:
    """How git should run orgtui: `orgtui` if that is on the PATH, else this interpreter."""
    if shutil.which("orgtui"):
        return "orgtui"
    return f"{shlex.quote(sys.executable)} -m orgtui"


def cmd_git_setup(argv: list[str]) -> int:
    parser = _parser(
        "orgtui git-setup",
        _("Configure this clone so git diffs, shows and merges org files with orgtui: writes the\n"
        "diff command, the textconv (git log -p, git show, git blame) and the merge driver\n"
        "into the repository's .git/config. git config is not committed, so every clone runs\n"
        "this once; .gitattributes (committed) says which files are org files."),
        _("what it writes (COMMAND is `orgtui`, or this Python's `-m orgtui` when orgtui is not\n"
        "on the PATH):\n"
        "  diff.orgtui.command   COMMAND diff\n"
        "  diff.orgtui.textconv  COMMAND textconv\n"
        "  merge.orgtui.name     orgtui org files\n"
        "  merge.orgtui.driver   COMMAND merge %O %A %B -o %A --path %P\n\n"
        "It also says whether .gitattributes names the orgtui drivers and whether .gitignore\n"
        "ignores the app's lock files (.~lock.NAME#); --attributes and --ignore add the lines.\n\n"
        "exit status: 0 configured, 2 not inside a git work tree or git failed\n\n"
        "examples:\n  orgtui git-setup\n  orgtui git-setup --attributes --ignore\n  orgtui git-setup ~/src/team-org"),
    )
    parser.add_argument("clone", type=Path, nargs="?", default=Path.cwd(),
                        help=_("a folder of the clone to set up (default: the current folder)"))
    parser.add_argument("--command", metavar="CMD", help=_("how git runs orgtui (default: %(default)s)"),
                        default=_default_command())
    parser.add_argument("--attributes", action="store_true",
                        help=_("add `*.org.toml diff=orgtui merge=orgtui` to .gitattributes if no rule names orgtui"))
    parser.add_argument("--ignore", action="store_true", help=_("add `.~lock.*#` to .gitignore if lock files are not ignored"))
    args = parser.parse_args(argv)
    from orgtui.core.git import setup
    from orgtui.core.text import visible

    prog = "orgtui git-setup"
    repo = setup.top_level(args.clone) if args.clone.is_dir() else None
    if repo is None:
        print(_("{prog}: not inside a git work tree (run it in the clone that holds the org files)").format(prog=prog), file=sys.stderr)
        return EXIT_UNREADABLE
    problems = setup.write_config(repo, args.command)
    if problems:
        for problem in problems:
            print(visible(f"{prog}: {problem}"), file=sys.stderr)
        return EXIT_UNREADABLE
    out = [visible(_("configured {repo} (its .git/config):").format(repo=repo))]
    out += [visible(f"  {key} = {value}") for key, value in setup.config_entries(args.command).items()]
    try:
        out += _attributes(repo, args.attributes) + _ignore(repo, args.ignore)
    except OSError as exc:
        print(visible(f"{prog}: {exc.strerror or exc}"), file=sys.stderr)
        return EXIT_UNREADABLE
    print("\n".join(out))
    return EXIT_OK


def _attributes(repo: Path, write: bool) -> list[str]:
    from orgtui.core.git import setup

    if setup.has_attributes(repo):
        return [_(".gitattributes names the orgtui drivers: ok")]
    if write:
        setup.append_line(repo / ".gitattributes", setup.ATTRIBUTES_LINE)
        return [_("added `{line}` to .gitattributes: commit it, so every clone uses it").format(line=setup.ATTRIBUTES_LINE)]
    return [_(".gitattributes does not name orgtui yet: add `{line}` (or run with --attributes) and commit it").format(
        line=setup.ATTRIBUTES_LINE)]


def _ignore(repo: Path, write: bool) -> list[str]:
    from orgtui.core.git import setup

    if setup.is_ignored(repo, ".~lock.team.org.toml#"):
        return [_(".gitignore ignores the app's lock files: ok")]
    if write:
        setup.append_line(repo / ".gitignore", setup.IGNORE_LINE)
        return [_("added `{line}` to .gitignore (the lock files the app keeps while a file is open)").format(line=setup.IGNORE_LINE)]
    return [_(".gitignore does not ignore the app's lock files: add `{line}` (or run with --ignore), "
              "or `git status` shows them while a file is open").format(line=setup.IGNORE_LINE)]
