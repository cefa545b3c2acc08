"""How reports name positions and their holders (raw text: escape it for the format)."""

from __future__ import annotations

from orgtui.core.domain.org import Org
from orgtui.core.i18n import _

HOLDERS_SHOWN = 3  # a pool of 40 agents is "Anna, Ben, Cem + 37 more"


def holders_text(org: Org, position_id: str, limit: int = HOLDERS_SHOWN) -> str:
    """`Anna, Ben + 3 more`, or `vacant` for a position nobody holds."""
    holders = org.positions[position_id].holders
    if not holders:
        return _("vacant")
    names = [org.people[h].name for h in holders[:limit]]
    more = len(holders) - limit
    return ", ".join(names) + (" " + _("+ {n} more").format(n=more) if more > 0 else "")


def position_with_holders(org: Org, position_id: str) -> str:
    """`Head of E-Commerce (Anna Schmidt)`."""
    return f"{org.positions[position_id].title} ({holders_text(org, position_id)})"
