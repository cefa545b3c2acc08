"""The note `orgtui merge` leaves at the top of a file it could not merge cleanly.

The note is part of the org's leading comment block, so the domain reads it: the
validator lists each pending conflict as an error and `ResolveConflicts` removes the
note. The merge (core/git) writes it through `conflict_note`, so the format has one home.
"""

from __future__ import annotations

CONFLICT_PREFIX = "# CONFLICT "
HEADER_START = "# orgtui merge:"


def conflict_note(conflicts: list[str]) -> str:
    """Comment lines for the top of a merged file, one per conflict (already made visible)."""
    lines = [
        f"{HEADER_START} {len(conflicts)} conflict(s) to resolve. The file holds OURS' value",
        "# for each (or, where one side removed something the other changed or uses, keeps it).",
        "# Open the file with `orgtui FILE`, fix what is listed, then delete this block.",
    ]
    lines += [CONFLICT_PREFIX + c for c in conflicts]
    return "\n".join(lines)


def pending_conflicts(preamble: str) -> list[str]:
    """The conflicts a merge recorded at the top of a file, for the app to show."""
    return [line[len(CONFLICT_PREFIX):] for line in preamble.splitlines() if line.startswith(CONFLICT_PREFIX)]


def without_conflicts(preamble: str) -> str:
    """The comment block with a merge's conflict note removed (once they are resolved)."""
    lines = preamble.splitlines()
    if not lines or not lines[0].startswith(HEADER_START):
        return preamble
    rest = [line for line in lines[3:] if not line.startswith(CONFLICT_PREFIX)]
    if rest and rest[0] == "#":
        rest = rest[1:]
    return "\n".join(rest)
