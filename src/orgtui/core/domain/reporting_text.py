"""What a position's reporting lines say in words: its manager, its direct reports, its
dotted lines. One place for the Departments and People rows and the detail panel, so
they read the same everywhere; computed without a screen (and tested here).

Every function reads the org's indices only (`reports_of`, the manager's holders): the
cost is the handful of names shown, never the org's size.
"""

from __future__ import annotations

from orgtui.core.domain.org import Org
from orgtui.core.domain.validator import span_of
from orgtui.core.i18n import _, ngettext
from orgtui.core.text import some_names

MARK_MANAGER = "→"  # "reports to"
MARK_DOTTED = "⇢"  # a dotted line: advice and coordination, not authority


def holder_names(org: Org, position_id: str) -> str:
    """Who holds a position, for naming it next to its title: "Anna Schmidt", "vacant"."""
    holders = org.positions[position_id].holders
    if not holders:
        return _("vacant")
    return some_names([org.people[h].name for h in holders], most=2)


def position_named(org: Org, position_id: str) -> str:
    """A position as a report's row names it: "Head of E-Commerce (Anna Schmidt)"."""
    return f"{org.positions[position_id].title} ({holder_names(org, position_id)})"


def reports_to_text(org: Org, position_id: str) -> str:
    """"Reports to Head of E-Commerce (Anna Schmidt)", or that it reports to nobody;
    empty for an org without reporting lines (nobody reports to anybody there)."""
    if not org.has_reporting_lines:
        return ""
    manager = org.positions[position_id].reports_to
    if manager is None:
        return _("Reports to nobody (top)")
    return _("Reports to {manager}").format(manager=position_named(org, manager))


def direct_reports_text(org: Org, position_id: str, most: int = 3) -> str:
    """"Direct reports (3): Shop Developer, Content Manager, …"; empty when it has none."""
    reports = org.reports_of(position_id)
    if not reports:
        return ""
    names = some_names([org.positions[r].title for r in reports[:most]], most, len(reports))
    return _("Direct reports ({n}): {names}").format(n=len(reports), names=names)


def dotted_text(org: Org, position_id: str) -> str:
    """"Dotted line to Head of Marketing"; empty when it has none."""
    dotted = org.positions[position_id].dotted_to
    if not dotted:
        return ""
    names = some_names([org.positions[d].title for d in dotted if d in org.positions])
    return ngettext("Dotted line to {names}", "Dotted lines to {names}", len(dotted)).format(names=names)


def reporting_lines(org: Org, position_id: str) -> list[str]:
    """Everything about a position's reporting lines, a line each (for the detail panel)."""
    lines = [reports_to_text(org, position_id), dotted_text(org, position_id), direct_reports_text(org, position_id)]
    return [line for line in lines if line]


# -- short forms for the end of a row -----------------------------------------------------


def position_suffix(org: Org, position_id: str, under_manager: bool) -> tuple[tuple[str, str], ...]:
    """The end of a position's row: its manager (unless the row already sits under it, as
    in the reporting view), its dotted lines, and how many report to it, counted as the
    span findings count them (people; a vacancy as the one person it would be)."""
    if not org.has_reporting_lines:
        return ()
    pos = org.positions[position_id]
    parts: list[tuple[str, str]] = []
    if pos.reports_to is not None and not under_manager:
        parts.append((f"  {MARK_MANAGER} {org.positions[pos.reports_to].title}", "dim"))
    dotted = [org.positions[d].title for d in pos.dotted_to if d in org.positions]
    if dotted:
        parts.append((f"  {MARK_DOTTED} {some_names(dotted, most=2)}", "dim"))
    reports = span_of(org, position_id)
    if reports:
        parts.append(("  " + ngettext("{n} report", "{n} reports", reports).format(n=reports), "dim"))
    return tuple(parts)


def person_suffix(org: Org, person_id: str) -> tuple[tuple[str, str], ...]:
    """The end of a person's row: who they report to, through the first position they
    hold that has a manager ("→ Head of E-Commerce (Anna Schmidt)")."""
    if not org.has_reporting_lines:
        return ()
    for position_id in org.positions_of(person_id):
        manager = org.positions[position_id].reports_to
        if manager is not None:
            return ((f"  {MARK_MANAGER} " + _("reports to {manager}").format(manager=position_named(org, manager)), "dim"),)
    return ()
