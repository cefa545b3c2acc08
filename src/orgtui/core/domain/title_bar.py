"""What the title bar says, fitted to its width: the file, its state, and the counts.

The counts (unowned duties, errors, warnings) are what a user watches while editing, so
they are the last thing to go: at 80 columns the single points of failure go first, then
the long wording of the unowned count, then the file name is cut ("online-re…"), and only
then the counts themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgtui.core.i18n import _, ngettext
from orgtui.core.text import cell_width, ellipsized

SEPARATOR = " — "
MIN_NAME = 8  # cells: a file name cut shorter than this says nothing; it goes instead


@dataclass(frozen=True, slots=True)
class Counts:
    unowned: int
    total: int
    errors: int
    warnings: int
    single_points: int = 0


def count_variants(c: Counts) -> list[str]:
    """The counts in ever fewer words; each keeps the unowned, error and warning counts."""
    errors = ngettext("{n} error", "{n} errors", c.errors).format(n=c.errors)
    warnings = ngettext("{n} warning", "{n} warnings", c.warnings).format(n=c.warnings)
    long_unowned = _("{unowned} of {total} duties unowned").format(unowned=c.unowned, total=c.total)
    short_unowned = _("{n} unowned").format(n=c.unowned)
    variants = []
    if c.single_points:
        singles = ngettext("{n} single point of failure", "{n} single points of failure", c.single_points).format(
            n=c.single_points)
        variants.append(" · ".join((long_unowned, singles, errors, warnings)))
    variants.append(" · ".join((long_unowned, errors, warnings)))
    variants.append(" · ".join((short_unowned, errors, warnings)))
    return variants


def fitted_title(name: str, flags: str, counts: Counts, width: int, short_flags: str | None = None) -> tuple[str, str]:
    """(title, counts) for a bar `width` cells wide; `flags` (" ● unsaved") stay with the name.

    `short_flags` (" ●") replace `flags` before the name is cut: "online-retailer.toml ●"
    tells a manager more than "online-… ● unsaved", and a read-only file must keep its name.
    """
    variants = count_variants(counts)
    short = flags if short_flags is None else short_flags
    for fl in dict.fromkeys((flags, short)):
        for words in variants:
            if cell_width(name + fl + SEPARATOR + words) <= width:
                return name + fl, words
    words = variants[-1]
    room = width - cell_width(short + SEPARATOR + words)
    if room >= MIN_NAME:
        return ellipsized(name, room) + short, words
    room = width - cell_width(short.strip() + SEPARATOR + words)
    if short.strip() and room >= 0:
        return short.strip(), words
    return "", ellipsized(words, width)
