"""Reports made from an org: a CSV responsibility matrix, a Markdown coverage report,
the org chart for Mermaid and Graphviz, and the whole org as JSON.

Each format is one function from an Org to text; `render(org, fmt)` picks it. The
formats are described in docs/reports.md.
"""

from __future__ import annotations

from typing import Callable

from orgtui.core.domain.org import Org
from orgtui.core.export.chart import dot_chart, mermaid_chart
from orgtui.core.export.chart_scope import ChartScope, ScopeError
from orgtui.core.export.csv_matrix import csv_matrix
from orgtui.core.export.json_export import json_export
from orgtui.core.export.markdown import markdown_report
from orgtui.core.i18n import _

CHART_FORMATS = ("mermaid", "dot")  # the formats that draw a part of the org (ChartScope)

FORMATS: dict[str, Callable[[Org], str]] = {
    "csv": csv_matrix,
    "markdown": markdown_report,
    "mermaid": mermaid_chart,
    "dot": dot_chart,
    "json": json_export,
}


def render(org: Org, fmt: str, scope: ChartScope | None = None) -> str:
    """The org in one of FORMATS, as text (encode as UTF-8). A chart can show a part of
    the org (`scope`); ScopeError names an id the org does not have."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ValueError(_("unknown export format {format!r}; choose one of {formats}").format(format=fmt, formats=", ".join(FORMATS))) from None
    if scope is not None and not scope.whole:
        if fmt == "dot":
            return dot_chart(org, scope)
        if fmt == "mermaid":
            return mermaid_chart(org, scope)
        raise ValueError(_("only the charts ({formats}) show a part of the org").format(formats=", ".join(CHART_FORMATS)))
    return renderer(org)


__all__ = ["CHART_FORMATS", "FORMATS", "ChartScope", "ScopeError", "csv_matrix", "dot_chart", "json_export", "markdown_report", "mermaid_chart", "render"]
