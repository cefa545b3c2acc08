"""The whole org plus its coverage and findings as JSON, for other tools.

The schema (`"schema": "orgtui-export/1"`) is documented in docs/reports.md; fields are
only ever added within a schema version. `ensure_ascii` writes every non-ASCII and
control character as a `\\u` escape: the exact names, and safe on any terminal.
"""

from __future__ import annotations

import json
from typing import Any

from orgtui.core.domain.coverage import duty_coverage, summarise
from orgtui.core.domain.org import Org
from orgtui.core.domain.validator import Validator
from orgtui.core.export.check_report import finding_data
from orgtui.core.storage.orgfile import to_data

SCHEMA = "orgtui-export/1"


def export_data(org: Org, validator: Validator | None = None) -> dict[str, Any]:
    validator = validator or Validator(org)
    catalog = org.catalog
    return {
        "schema": SCHEMA,
        "org": to_data(org) | {"comment": org.preamble},
        "catalog": {
            "name": catalog.name,
            "roles": [
                {
                    "id": role.id,
                    "title": role.title,
                    "title_de": role.title_de,
                    "duties": [
                        {"id": d.id, "title": d.title, "title_de": d.title_de, "source": d.source}
                        for d in role.duties
                    ],
                }
                for role in catalog.roles.values()
            ],
        },
        "coverage": {
            "summary": summarise(validator).as_dict(),
            "duties": [
                {"id": row.duty.id, "role": row.duty.role, "owners": list(row.owners), "status": row.status}
                for row in duty_coverage(org)
            ],
        },
        "load": [
            {
                "person": pid,
                "positions": list(org.positions_of(pid)),
                "fte": org.load_of(pid),
                "capacity": person.capacity,
            }
            for pid, person in org.people.items()
        ],
        "findings": [finding_data(f) for f in validator.findings()],
    }


def json_export(org: Org, validator: Validator | None = None) -> str:
    return json.dumps(export_data(org, validator), indent=2, ensure_ascii=True) + "\n"
