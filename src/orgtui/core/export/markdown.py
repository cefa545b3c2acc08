"""The coverage report as Markdown, for pasting into a wiki or a pull request.

Summary numbers first, then one table per role (its duties with their German titles,
their owners and status, and below it the article's sentence each duty comes from),
then, for a file with reporting lines, the span and layers summary (export/span_report),
then the validator's findings. Every name is escaped (export/escape.markdown), so a
title like `[b]Shop[/b] | Lead` cannot break a table or become a link.
"""

from __future__ import annotations

from orgtui.core.domain.coverage import DutyCoverage, duty_coverage, summarise
from orgtui.core.domain.duty_status import DutyStatus
from orgtui.core.domain.org import Org
from orgtui.core.domain.validator import Validator
from orgtui.core.export.escape import markdown as md
from orgtui.core.export.names import position_with_holders
from orgtui.core.export.span_report import span_and_layers


def summary_rows(validator: Validator) -> list[tuple[str, int]]:
    s = summarise(validator)
    return [
        ("Duties in the catalog", s.duties),
        ("Owned (by at least one position)", s.owned),
        ("Unowned", s.unowned),
        ("Split between positions", s.split),
        ("Owned only by vacant positions", s.vacancy_only),
        ("People over capacity", s.overloaded),
    ]


def _sources(rows: list[DutyCoverage]) -> list[str]:
    """Where the duties come from: the article's sentences, to defend a duty in a workshop.
    One sentence often names several duties: it is listed once, after all of them."""
    by_sentence: dict[str, list[str]] = {}
    for row in rows:
        if row.duty.source:
            by_sentence.setdefault(row.duty.source, []).append(md(row.duty.title))
    if not by_sentence:
        return []
    return ["", "Sources:", ""] + [f"- {'; '.join(titles)}: {md(sentence)}" for sentence, titles in by_sentence.items()]


def markdown_report(org: Org, validator: Validator | None = None) -> str:
    validator = validator or Validator(org)
    out = [f"# Coverage report: {md(org.info.name)}", ""]
    out.append(
        f"Catalog: {md(org.catalog.name)}. {len(org.departments)} departments, "
        f"{len(org.positions)} positions, {len(org.people)} people."
    )
    out += ["", "| Measure | Count |", "| --- | ---: |"]
    out += [f"| {label} | {n} |" for label, n in summary_rows(validator)]

    by_role: dict[str, list[DutyCoverage]] = {}
    for row in duty_coverage(org):
        by_role.setdefault(row.duty.role, []).append(row)
    for role_id, rows in by_role.items():
        role = org.catalog.roles[role_id]
        out += ["", f"## {md(role.title)}", "", "| Duty | German | Owners | Status |", "| --- | --- | --- | --- |"]
        for row in rows:
            owners = "; ".join(md(position_with_holders(org, p)) for p in row.owners) or "—"
            status = row.status if row.status is DutyStatus.OWNED else f"**{row.status}**"
            out.append(f"| {md(row.duty.title)} | {md(row.duty.title_de)} | {owners} | {status} |")
        out += _sources(rows)

    out += span_and_layers(org)
    out += ["", "## Findings", ""]
    findings = validator.findings()
    if not findings:
        out.append("No findings: every duty has exactly one owner and nobody is over capacity.")
    for f in findings:
        out.append(f"- **{f.severity.label}** {f.code}: {md(f.message)}")
    return "\n".join(out) + "\n"
