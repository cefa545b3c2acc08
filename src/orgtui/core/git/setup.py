"""This clone's git configuration for org files: what `orgtui git-setup` writes, what
`orgtui check` looks for.

`.gitattributes` is committed with a repository, but the commands it names live in git
config, which is not: a teammate who cloned and skipped the setup gets git's line merge
(a duty moved two ways merges "cleanly" into a split duty; nearby edits leave conflict
markers) and line diffs. `missing_setup()` tells that case apart so `check` can warn.

Everything here runs git and never raises: no git, no repository, a git error all mean
"nothing to say".
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from orgtui.core.i18n import _

DRIVER = "orgtui"
ATTRIBUTES_LINE = "*.org.toml diff=orgtui merge=orgtui"
IGNORE_LINE = ".~lock.*#"  # the app's lock files beside an open org file (core/storage/lock.py)
_TIMEOUT = 10


def config_entries(command: str) -> dict[str, str]:
    """The git config that makes `diff=orgtui merge=orgtui` work; COMMAND runs orgtui."""
    return {
        # git diff: changes in the org's terms (always exits 0, so git carries on)
        "diff.orgtui.command": f"{command} diff",
        # git log -p, git show, git blame: the org as lines (never fails, whatever the version)
        "diff.orgtui.textconv": f"{command} textconv",
        # git merge, rebase, cherry-pick: merge per department, position, person and duty
        "merge.orgtui.name": "orgtui org files",
        "merge.orgtui.driver": f"{command} merge %O %A %B -o %A --path %P",
    }


@dataclass(frozen=True, slots=True)
class MissingSetup:
    path: str  # the org file, as the caller named it
    drivers: tuple[str, ...]  # "diff", "merge": what .gitattributes asks of orgtui
    missing: tuple[str, ...]  # the config keys this clone lacks
    stale: tuple[str, ...] = ()  # keys set to what an older README said (a textconv that fails)

    def message(self) -> str:
        asked = _(" and ").join(f"{d}=orgtui" for d in self.drivers)
        if not self.missing:
            return _("warning: this clone's {keys} for {file} is an old setting that stops "
                     "`git log -p` and `git blame` at the first invalid version in history. "
                     "Run `orgtui git-setup` again in this clone.").format(keys=", ".join(self.stale), file=self.path)
        what = _("git merges it line by line (a duty moved two ways can end up split, nearby edits "
                 "leave conflict markers)") if "merge.orgtui.driver" in self.missing else \
            _("git shows it as plain line diffs")
        return _("warning: .gitattributes gives {file} {drivers}, but this clone has not set orgtui up "
                 "(no {keys} in git config), so {what}. "
                 "Run `orgtui git-setup` once in this clone.").format(
                     file=self.path, drivers=asked, keys=", ".join(self.missing), what=what)


def git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str] | None:
    """Run git in CWD; None if git cannot be run at all."""
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")}
    try:
        # never a hook or helper from the repository's config: `check` may run on untrusted clones
        return subprocess.run(["git", "-c", "core.fsmonitor=false", *args], cwd=cwd, capture_output=True, text=True, env=env,
                              timeout=_TIMEOUT, check=False, errors="replace")
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def _in_work_tree(directory: Path) -> bool:
    """Cheap test before any git run: is there a `.git` here or above?"""
    for folder in (directory, *directory.parents):
        if (folder / ".git").exists():
            return True
    return False


def missing_setup(path: Path) -> MissingSetup | None:
    """When .gitattributes names orgtui for PATH but this clone lacks the config for it."""
    try:
        directory = path.resolve().parent
    except (OSError, RuntimeError, ValueError):
        return None
    if not _in_work_tree(directory):
        return None
    attrs = git(["check-attr", "diff", "merge", "--", path.name], directory)
    if attrs is None or attrs.returncode != 0:
        return None
    drivers = tuple(
        attr for attr in ("diff", "merge")
        if any(line.endswith(f": {attr}: {DRIVER}") for line in attrs.stdout.splitlines())
    )
    if not drivers:
        return None
    wanted = [k for k in config_entries(DRIVER) if k.split(".")[0] in drivers and k != "merge.orgtui.name"]
    found = git(["config", "--get-regexp", r"^(diff|merge)\.orgtui\."], directory)  # one run for all keys
    if found is None:
        return None
    config = dict(line.partition(" ")[::2] for line in found.stdout.splitlines())
    missing = tuple(k for k in wanted if not config.get(k, "").strip())
    textconv = config.get("diff.orgtui.textconv", "")
    stale = ("diff.orgtui.textconv",) if "diff" in drivers and textconv and "textconv" not in textconv.split() else ()
    if not missing and not stale:
        return None
    return MissingSetup(str(path), drivers, missing, stale)


def top_level(cwd: Path) -> Path | None:
    found = git(["rev-parse", "--show-toplevel"], cwd)
    if found is None or found.returncode != 0 or not found.stdout.strip():
        return None
    return Path(found.stdout.strip())


def write_config(repo: Path, command: str) -> list[str]:
    """Write the entries into this clone's config; returns the problems (empty when done)."""
    problems = []
    for key, value in config_entries(command).items():
        done = git(["config", "--local", key, value], repo)
        if done is None:
            return [_("git cannot be run")]
        if done.returncode != 0:
            problems.append(_("git config {key}: {reason}").format(key=key, reason=done.stderr.strip() or _("failed")))
    return problems


def is_ignored(repo: Path, relative: str) -> bool:
    found = git(["check-ignore", "-q", "--no-index", "--", relative], repo)
    return found is not None and found.returncode == 0


def has_attributes(repo: Path) -> bool:
    """Does any .gitattributes rule already name the orgtui drivers?"""
    found = git(["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "*.gitattributes",
                 ".gitattributes"], repo)
    names = {n for n in (found.stdout.split("\0") if found and found.returncode == 0 else []) if n}
    names.add(".gitattributes")
    for name in names:
        try:
            text = (repo / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if f"diff={DRIVER}" in text or f"merge={DRIVER}" in text:
            return True
    return False


def append_line(file: Path, line: str) -> None:
    """Add LINE to a text file (created if missing), on a line of its own."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    if line in text.splitlines():
        return
    if text and not text.endswith("\n"):
        text += "\n"
    from orgtui.core.storage.atomic import atomic_write

    atomic_write(file, (text + line + "\n").encode("utf-8"))
