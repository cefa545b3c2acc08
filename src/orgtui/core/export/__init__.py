"""Reports made from an org: a CSV responsibility matrix, a Markdown coverage report,
the org chart for Mermaid and Graphviz, and the whole org as JSON.

Each format is one function from an Org to text; `render(org, fmt)` picks it. The
formats are described in docs/reports.md.
"""

from __future__ import annotations

from typing import Callable

from orgtui.core.domain.org import Org
from orgtui.core.export.chart import dot_chart, mermaid_chart
from orgtui.core.export.csv_matrix import csv_matrix
from orgtui.core.export.json_export import json_export
from orgtui.core.export.markdown import markdown_report

FORMATS: dict[str, Callable[[Org], str]] = {
    "csv": csv_matrix,
    "markdown": markdown_report,
    "mermaid": mermaid_chart,
    "dot": dot_chart,
    "json": json_export,
}


def render(org: Org, fmt: str) -> str:
    """The org in one of FORMATS, as text (encode as UTF-8)."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return renderer(org)


__all__ = ["FORMATS", "csv_matrix", "dot_chart", "json_export", "markdown_report", "mermaid_chart", "render"]
