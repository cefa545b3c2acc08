"""Load problems: errors are values here and become messages at the edge.

A hostile file can hold millions of mistakes; a LoadError lists at most
`MAX_LISTED_PER_FILE` of them per file, then one line "… and K more problems", and every
problem is one line of bounded length.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgtui.core.i18n import ngettext
from orgtui.core.text import visible

MAX_LISTED_PER_FILE = 50
MAX_MESSAGE_CHARS = 500  # one line a terminal can show; the rest is noise from the input


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    where: str | None = None  # e.g. "positions[3] (id 'head_cs')"
    more: int = 0  # > 0: this line stands for that many further problems not listed

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        where = f" {self.where}:" if self.where else ""
        text = visible(f"{place}:{where} {self.message}")
        return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"


def more_problems(file: str, count: int) -> Problem:
    """The line that stands for `count` problems not listed."""
    return Problem(file, ngettext("… and {n} more problem", "… and {n} more problems", count).format(n=f"{count:,}"), more=count)


def bounded(problems: list[Problem], limit: int = MAX_LISTED_PER_FILE) -> list[Problem]:
    """At most `limit` problems per file, in order, then one "… and K more" line per file."""
    listed: dict[str, int] = {}
    hidden: dict[str, int] = {}
    out: list[Problem] = []
    for problem in problems:
        if problem.more:
            hidden[problem.file] = hidden.get(problem.file, 0) + problem.more
            continue
        if listed.get(problem.file, 0) < limit:
            listed[problem.file] = listed.get(problem.file, 0) + 1
            out.append(problem)
        else:
            hidden[problem.file] = hidden.get(problem.file, 0) + 1
    return out + [more_problems(file, count) for file, count in hidden.items() if count]


class LoadError(Exception):
    """A file could not be loaded; carries the problems found (bounded, see `bounded`)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = bounded(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def count(self) -> int:
        """How many problems there are in all, listed or not."""
        return sum(p.more or 1 for p in self.problems)


def display_path(path: Path | str) -> str:
    return visible(str(path))
