"""`orgtui textconv`: an org file as lines for git log -p, git show and git blame.

It never fails: git stops the whole log at the first textconv that does.
"""

from __future__ import annotations

import os
from pathlib import Path

from orgtui.cli.common import EXIT_OK, _emit, _parser
from orgtui.core.i18n import _

_MAX_CANDIDATES = 20


def cmd_textconv(argv: list[str]) -> int:
    parser = _parser(
        "orgtui textconv",
        _("Print an org file as lines (departments, positions with their holders and duties,\n"
        "people, findings) for git to diff: git's textconv, used by git log -p, git show and\n"
        "git blame."),
        _("git hands a textconv a temporary copy of each old version. A relative `catalog` is\n"
        "then looked for next to the tracked files of the same name (git ls-files), or next\n"
        "to --path. A version that is not a valid org is printed as its text after a note\n"
        "saying why. The exit status is always 0 (git stops at any other).\n\n"
        "as git's textconv (see README, \"Org files in git\"; `orgtui git-setup` writes it):\n"
        "  git config diff.orgtui.textconv 'orgtui textconv'\n\n"
        "examples:\n  orgtui textconv org.toml\n  git show HEAD~3:teams/org.toml > /tmp/old.toml && "
        "orgtui textconv /tmp/old.toml --path teams/org.toml"),
    )
    parser.add_argument("file", type=Path, help=_("the org file, or git's temporary copy of a version"))
    parser.add_argument("--path", type=Path, metavar="PATH",
                        help=_("the file's path in the repository: names it and anchors a relative catalog"))
    args = parser.parse_args(argv)
    try:
        text = _textconv(args.file, args.path)
    except Exception as exc:  # noqa: BLE001 - a textconv must print something and exit 0, always
        text = _as_is(args.file, _("orgtui textconv could not read it as an org ({error})").format(error=type(exc).__name__))
    _emit(text)
    return EXIT_OK


def _textconv(file: Path, path: Path | None) -> str:
    from orgtui.core.git.textconv import invalid_text, org_text
    from orgtui.core.storage import tomlio
    from orgtui.core.storage.load_problems import LoadError
    from orgtui.core.storage.orgfile import parse_org

    try:
        raw = tomlio.read_text(file)
    except LoadError as exc:
        return _as_is(file, "; ".join(str(p) for p in exc.problems))
    anchors = [path] if path is not None else _anchors(file)
    first_problems: list[str] | None = None
    for anchor in anchors:
        try:
            org = parse_org(raw, anchor)
        except LoadError as exc:
            if first_problems is None:
                first_problems = [_untemp(str(p), file) for p in exc.problems]
            continue
        return org_text(org, _label(file, anchor))
    return invalid_text(raw, _label(file, anchors[0] if anchors else None), first_problems or [])


def _anchors(file: Path) -> list[Path]:
    """Where the file may live in the repository, to resolve a relative catalog from.

    The work tree's own file (git passes it when it is unchanged) is its own anchor. A
    temporary copy (`/tmp/git-blob-XXXXXX/NAME`, or `/tmp/XXXXXX_NAME` from older git)
    keeps only the name: the tracked files of that name are the candidates.
    """
    from orgtui.core.git.setup import git

    here = Path.cwd()
    try:
        file.resolve().relative_to(here.resolve())
        return [file]
    except (ValueError, OSError, RuntimeError):
        pass
    names = {file.name}
    if len(file.name) > 7 and file.name[6] == "_":
        names.add(file.name[7:])
    listed = git(["ls-files", "-z", "--full-name"], here)
    tracked = listed.stdout.split("\0") if listed is not None and listed.returncode == 0 else []
    found = [Path(p) for p in tracked if p and Path(p).name in names]
    return found[:_MAX_CANDIDATES] or [file]


def _label(file: Path, anchor: Path | None) -> str:
    """The name the output uses: the repository path, never git's temporary name."""
    if anchor is not None and anchor != file:
        return str(anchor)
    return file.name if _is_temporary(file) else str(file)


def _is_temporary(file: Path) -> bool:
    try:
        file.resolve().relative_to(Path.cwd().resolve())
        return False
    except (ValueError, OSError, RuntimeError):
        return True


def _untemp(problem: str, file: Path) -> str:
    """Problems name the file; a temporary name would change the text on every run."""
    folder = str(file.parent)
    if _is_temporary(file) and folder not in ("", "."):
        return problem.replace(folder + os.sep, "")
    return problem


def _as_is(file: Path, why: str) -> str:
    from orgtui.core.git.textconv import invalid_text

    try:
        data = file.read_bytes()[: 32 * 1024 * 1024]
    except OSError:
        data = b""
    return invalid_text(data.decode("utf-8", "replace"), file.name, [_untemp(why, file)])
