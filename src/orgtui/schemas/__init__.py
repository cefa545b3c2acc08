"""JSON Schemas (draft 2020-12) of the JSON that orgtui writes, shipped in the package so
that a team's tools can validate what they read: `orgtui schema NAME` prints one.

Each is one self-contained file; the definitions they share (a finding, the coverage
summary) are the same in each, which tests/test_schemas.py checks."""

from __future__ import annotations

from importlib import resources

# schema name -> the command whose output it describes
SCHEMAS = {
    "export": "orgtui export --format json",
    "check": "orgtui check --format json",
    "diff": "orgtui diff --format json",
}


def schema_text(name: str) -> str:
    """The schema as JSON text; `name` is one of SCHEMAS."""
    if name not in SCHEMAS:
        raise KeyError(name)
    return (resources.files(__name__) / f"{name}.schema.json").read_text(encoding="utf-8")
