"""The responsibility matrix as CSV: one row per duty, one column per position.

Written for spreadsheets: UTF-8 with a byte order mark (so Excel does not guess a
legacy code page), CRLF line ends and RFC 4180 quoting from the csv module, and user
text that could be run as a formula prefixed with `'` (see escape.spreadsheet).
"""

from __future__ import annotations

import csv
import io

from orgtui.core.domain.coverage import duty_coverage
from orgtui.core.domain.org import Org
from orgtui.core.export.escape import spreadsheet

BOM = "\ufeff"
MARK = "X"  # in a position's column: the position owns the duty

FIXED_BEFORE = ("Role", "Duty ID", "Duty", "Duty (German)")
FIXED_AFTER = ("Owners", "Status", "Reports to")  # "Reports to" came with reporting lines: last, for old readers


def position_header(org: Org, position_id: str) -> str:
    """`Title [id]`, plus `(vacant)` for a position nobody holds; unique per position."""
    pos = org.positions[position_id]
    vacant = "" if pos.holders else " (vacant)"
    return spreadsheet(f"{pos.title} [{pos.id}]{vacant}")


def owners_managers(org: Org, owners: tuple[str, ...]) -> str:
    """`Title [id]` of each position the duty's owners report to, once each, in owner order;
    empty for an unowned duty, owners at the top, or a file without reporting lines."""
    managers = dict.fromkeys(m for p in owners if (m := org.positions[p].reports_to) is not None)
    return "; ".join(f"{org.positions[m].title} [{m}]" for m in managers)


def csv_matrix(org: Org) -> str:
    """The matrix as text, starting with the BOM; encode it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    positions = list(org.positions)
    writer.writerow([*FIXED_BEFORE, *(position_header(org, p) for p in positions), *FIXED_AFTER])
    for row in duty_coverage(org):
        duty = row.duty
        owners = set(row.owners)
        writer.writerow(
            [
                spreadsheet(org.catalog.roles[duty.role].title),
                duty.id,
                spreadsheet(duty.title),
                spreadsheet(duty.title_de),
                *(MARK if p in owners else "" for p in positions),
                len(row.owners),
                row.status,
                spreadsheet(owners_managers(org, row.owners)),
            ]
        )
    return BOM + buffer.getvalue()
