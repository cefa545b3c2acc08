"""The span and layers summary of the Markdown report: per manager, the direct reports
against the org's span range; the number of layers against `max_layers`; the tops.

Only for files with reporting lines (docs/org-file.md); the numbers are the validator's
(`span_of`, core/domain/reporting.py), so the report and the findings never disagree.
"""

from __future__ import annotations

from orgtui.core.domain.org import Org
from orgtui.core.domain.reporting import layers, tops
from orgtui.core.domain.validator import span_of
from orgtui.core.export.escape import markdown as md
from orgtui.core.export.names import position_with_holders
from orgtui.core.i18n import _


def span_verdict(org: Org, span: int) -> str:
    if span > org.info.span_of_control:
        return "**" + _("wide") + "**"
    if span < org.info.min_span:
        return "**" + _("narrow") + "**"
    return _("within")


def span_and_layers(org: Org) -> list[str]:
    """The section's Markdown lines ([] for a file without reporting lines)."""
    if not org.has_reporting_lines:
        return []
    info = org.info
    chain = org.manager_map()
    depth = layers(chain)
    deepest = max(depth.values(), default=0)
    at_top = tops(chain)
    over = " — **" + _("more than the target") + "**" if deepest > info.max_layers else ""
    out = ["", _("## Span and layers"), ""]
    out.append(_("Layers: {n} (target at most {target}){over}.").format(n=deepest, target=info.max_layers, over=over))
    out.append("")
    out.append(_("Tops: {tops}.").format(tops="; ".join(md(position_with_holders(org, p)) for p in at_top)))
    out += ["", _("Span range: {low} to {high} direct reports per manager "
                  "(people in the positions reporting to them; a vacant position counts as one).").format(
                      low=info.min_span, high=info.span_of_control), ""]
    out += [_("| Manager | Layer | Direct reports | Reporting positions | Span |"), "| --- | ---: | ---: | ---: | --- |"]
    for p in org.positions:
        reports = org.reports_of(p)
        if not reports:
            continue
        span = span_of(org, p)
        layer = str(depth[p]) if p in depth else "—"
        out.append(f"| {md(position_with_holders(org, p))} | {layer} | {span} | {len(reports)} | {span_verdict(org, span)} |")
    return out
