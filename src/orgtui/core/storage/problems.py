"""Load problems: errors are values here and become messages at the edge."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgtui.core.text import visible


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    where: str | None = None  # e.g. "positions[3] (id 'head_cs')"

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        where = f" {self.where}:" if self.where else ""
        return visible(f"{place}:{where} {self.message}")


class LoadError(Exception):
    """A file could not be loaded; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def display_path(path: Path | str) -> str:
    return visible(str(path))
