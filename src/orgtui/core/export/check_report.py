"""Findings as text and JSON for the command line (and anything else without a screen)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from orgtui.core.domain.validator import Finding, Severity, Validator
from orgtui.core.i18n import _
from orgtui.core.storage.load_problems import Problem
from orgtui.core.text import visible


def summary(validator: Validator) -> dict[str, int]:
    return {s.label: validator.count_severity(s) for s in Severity}


def summary_line(validator: Validator) -> str:
    counts = summary(validator)
    unowned = validator.count("unowned-duty")
    return _("{unowned} unowned duty(ies); {errors} error(s), {warnings} warning(s), {info} info").format(
        unowned=unowned, errors=counts["error"], warnings=counts["warning"], info=counts["info"]
    )


def finding_line(f: Finding) -> str:
    ids = ", ".join(f.ids)
    return visible(f"{f.severity.word:<8} {f.code:<18} {f.message}  [{ids}]")


def as_text(name: str, validator: Validator) -> str:
    lines = [visible(f"{name}: {summary_line(validator)}")]
    lines += [finding_line(f) for f in validator.findings()]
    return "\n".join(lines)


def finding_data(f: Finding) -> dict[str, Any]:
    return {
        "severity": f.severity.label,
        "code": f.code,
        "message": f.message,
        "subject_kind": f.subject_kind,
        "subject": f.subject,
        "related": list(f.related),
    }


SCHEMA = "orgtui-check/1"  # src/orgtui/schemas/check.schema.json, `orgtui schema check`


def as_json(name: str, validator: Validator) -> str:
    data = {
        "schema": SCHEMA,
        "file": name,
        "summary": summary(validator) | {"unowned_duties": validator.count("unowned-duty")},
        "findings": [finding_data(f) for f in validator.findings()],
    }
    # ensure_ascii keeps control characters in names as \u escapes: safe on any terminal
    return json.dumps(data, indent=2, ensure_ascii=True)


def unreadable_json(name: str, problems: Sequence[Problem]) -> str:
    """`check --format json` for a file that cannot be read or is invalid: CI that parses
    stdout gets an object saying so, with every problem, instead of nothing."""
    data = {
        "schema": SCHEMA,
        "file": name,
        "error": _("the file cannot be read or is not a valid org file"),
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "where": p.where,
                "message": p.message,
                "text": str(p),
            }
            for p in problems
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=True)
