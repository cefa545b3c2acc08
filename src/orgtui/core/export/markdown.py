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
from orgtui.core.i18n import N_, _

# the statuses in the reader's words (DutyStatus's values are the words the CSV and JSON write)
STATUS_WORDS = {DutyStatus.UNOWNED: N_("unowned"), DutyStatus.VACANT: N_("vacancy only"), DutyStatus.SPLIT: N_("split"),
                DutyStatus.OWNED: N_("owned")}


def summary_rows(validator: Validator) -> list[tuple[str, int]]:
    s = summarise(validator)
    return [
        (_("Duties in the catalog"), s.duties),
        (_("Owned (by at least one position)"), s.owned),
        (_("Unowned"), s.unowned),
        (_("Split between positions"), s.split),
        (_("Owned only by vacant positions"), s.vacancy_only),
        (_("People over capacity"), s.overloaded),
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
    return ["", _("Sources:"), ""] + [f"- {'; '.join(titles)}: {md(sentence)}" for sentence, titles in by_sentence.items()]


def markdown_report(org: Org, validator: Validator | None = None) -> str:
    validator = validator or Validator(org)
    out = [_("# Coverage report: {name}").format(name=md(org.info.name)), ""]
    out.append(_("Catalog: {catalog}. {departments} departments, {positions} positions, {people} people.").format(
        catalog=md(org.catalog.name), departments=len(org.departments), positions=len(org.positions), people=len(org.people)))
    out += ["", "| {} | {} |".format(_("Measure"), _("Count")), "| --- | ---: |"]
    out += [f"| {label} | {n} |" for label, n in summary_rows(validator)]

    by_role: dict[str, list[DutyCoverage]] = {}
    for row in duty_coverage(org):
        by_role.setdefault(row.duty.role, []).append(row)
    for role_id, rows in by_role.items():
        role = org.catalog.roles[role_id]
        header = "| {} | {} | {} | {} |".format(_("Duty"), _("German"), _("Owners"), _("Status"))
        out += ["", f"## {md(role.title)}", "", header, "| --- | --- | --- | --- |"]
        for row in rows:
            owners = "; ".join(md(position_with_holders(org, p)) for p in row.owners) or "—"
            word = _(STATUS_WORDS[row.status])
            status = word if row.status is DutyStatus.OWNED else f"**{word}**"
            out.append(f"| {md(row.duty.title)} | {md(row.duty.title_de)} | {owners} | {status} |")
        out += _sources(rows)

    out += span_and_layers(org)
    out += ["", "## " + _("Findings"), ""]
    findings = validator.findings()
    if not findings:
        out.append(_("No findings: every duty has exactly one owner and nobody is over capacity."))
    for f in findings:
        out.append(f"- **{f.severity.word}** {f.code}: {md(f.message)}")
    return "\n".join(out) + "\n"
