"""Conflict markers left by git's line merge, told apart from an ordinary TOML error.

A clone where the orgtui merge driver is not configured merges org files line by line;
where both sides changed nearby lines git writes both versions between markers:

    <<<<<<< HEAD
    duties = ["a"]
    =======
    duties = ["b"]
    >>>>>>> their-branch

(and `||||||| base` with merge.conflictStyle=diff3). To the TOML parser that is only
"Invalid value"; this module finds the markers so the loader can say what they are and
how to get a merge per entity instead. It is asked only after TOML parsing failed, so a
`=======` inside a multi-line string of a valid file is never mistaken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orgtui.core.i18n import N_, _

# git's markers are 7 characters by default (the conflict-marker-size attribute may make
# them longer); the opening, base and closing ones are followed by a label.
_MARKER = re.compile(r"^(<{7,}|\|{7,}|={7,}|>{7,})(?:[ \t].*)?\r?$")

SETUP_HINT = N_(
    "run `orgtui git-setup` once in this clone so git merges org files per entity, then "
    "`git checkout -m -- {file}` redoes this file's merge with it"
)


@dataclass(frozen=True, slots=True)
class ConflictMarkers:
    lines: tuple[int, ...]  # 1-based line of every marker, in order
    conflicts: int  # how many `<<<<<<<` blocks

    @property
    def first_line(self) -> int:
        return self.lines[0]

    def message(self, file: str = "FILE") -> str:
        shown = ", ".join(str(n) for n in self.lines[:6]) + (", ..." if len(self.lines) > 6 else "")
        return _(
            "unresolved merge conflict: git's conflict markers (<<<<<<<, =======, >>>>>>>) at "
            "line(s) {lines}. git merged this file line by line and left both versions of "
            "{n} place(s) between the markers; keep the right lines and delete the "
            "markers, or {hint}"
        ).format(lines=shown, n=self.conflicts, hint=_(SETUP_HINT).format(file=file))


def find_markers(text: str) -> ConflictMarkers | None:
    """The conflict markers in TEXT, if it has a complete conflict (an opening and a closing)."""
    lines: list[int] = []
    kinds: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        found = _MARKER.match(line)
        if found:
            lines.append(number)
            kinds.append(found.group(1)[0])
    if "<" not in kinds or ">" not in kinds:
        return None
    return ConflictMarkers(tuple(lines), kinds.count("<"))


def whole_file_conflict(ours: str, base: str | None, theirs: str, why: str) -> str:
    """Both versions in git's marker format, when no merge per entity is possible (OURS is
    not a valid org): nothing is lost, and loading the file names the conflict."""
    def block(text: str) -> str:
        return text if not text or text.endswith("\n") else text + "\n"

    out = f"<<<<<<< ours: {why}\n{block(ours)}"
    if base is not None:
        out += f"||||||| base\n{block(base)}"
    return out + f"=======\n{block(theirs)}>>>>>>> theirs\n"
