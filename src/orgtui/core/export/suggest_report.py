"""Suggested fixes (core/domain/suggest.py) as text and JSON for `orgtui suggest`."""

from __future__ import annotations

import json
from typing import Any

from orgtui.core.domain.catalog import local_title
from orgtui.core.domain.org import Org
from orgtui.core.domain.suggest import PROBLEM_WORDS, DutySuggestions, Suggestion
from orgtui.core.export.check_report import finding_data
from orgtui.core.i18n import _, ngettext
from orgtui.core.text import visible

SCHEMA = "orgtui-suggest/1"


def _duty_line(org: Org, found: DutySuggestions) -> str:
    duty = org.catalog.duties[found.duty]
    role = local_title(org.catalog.roles[duty.role])
    return visible(f"{_(PROBLEM_WORDS[found.problem])}: “{local_title(duty)}” ({role}) [{duty.id}]")


def suggestion_lines(suggestion: Suggestion, number: int) -> list[str]:
    where = f" [{suggestion.position}]" if suggestion.position else ""
    score = _("score {score}").format(score=f"{suggestion.score:g}")
    lines = [visible(f"  {number}. {suggestion.label}{where}  ({score})")]
    lines += [visible(f"       - {reason}") for reason in suggestion.reasons]
    lines += [visible("       ! " + _("creates: {finding}").format(finding=f.message)) for f in suggestion.creates]
    return lines


def as_text(name: str, org: Org, found: list[DutySuggestions]) -> str:
    if not found:
        return visible(_("{file}: no duty is unowned, split or owned only by vacancies; nothing to suggest").format(file=name))
    counts: dict[str, int] = {}
    for item in found:
        counts[item.problem] = counts.get(item.problem, 0) + 1
    tally = ", ".join(f"{n} {_(PROBLEM_WORDS[problem])}" for problem, n in counts.items())
    lines = [visible(ngettext("{file}: {n} duty to decide ({tally})", "{file}: {n} duties to decide ({tally})", len(found))
                     .format(file=name, n=len(found), tally=tally))]
    for item in found:
        lines += ["", _duty_line(org, item)]
        if not item.suggestions:
            lines.append("  " + _("(no position to suggest: add one first)"))
        for number, suggestion in enumerate(item.suggestions, 1):
            lines += suggestion_lines(suggestion, number)
    return "\n".join(lines)


def _suggestion_data(s: Suggestion) -> dict[str, Any]:
    return {
        "action": s.action,
        "position": s.position,
        "label": s.label,
        "score": s.score,
        "reasons": list(s.reasons),
        "creates": [finding_data(f) for f in s.creates],
    }


def as_json(name: str, org: Org, found: list[DutySuggestions]) -> str:
    data = {
        "schema": SCHEMA,
        "file": name,
        "duties": [
            {
                "duty": item.duty,
                "title": org.catalog.duties[item.duty].title,
                "role": org.catalog.duties[item.duty].role,
                "problem": item.problem,
                "suggestions": [_suggestion_data(s) for s in item.suggestions],
            }
            for item in found
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=True)
