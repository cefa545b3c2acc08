"""`orgtui schema`: print the JSON Schema of a command's JSON output."""

from __future__ import annotations

from orgtui.cli.common import EXIT_OK, _emit, _parser
from orgtui.core.i18n import _
from orgtui.schemas import SCHEMAS, schema_text


def cmd_schema(argv: list[str]) -> int:
    listing = "\n".join(f"  {name:<8} {command}" for name, command in SCHEMAS.items())
    parser = _parser(
        "orgtui schema",
        _("Print the JSON Schema (draft 2020-12) of a command's JSON output, to validate what\n"
        "your tools read. Without NAME, list the schemas."),
        _("schemas:\n{listing}\n\n"
          "examples:\n"
          "  orgtui schema check > check.schema.json\n"
          "  orgtui check org.toml --format json | check-jsonschema --schemafile check.schema.json -").format(listing=listing),
    )
    parser.add_argument("name", nargs="?", choices=tuple(SCHEMAS), metavar="NAME",
                        help=_("one of: {names}").format(names=", ".join(SCHEMAS)))
    args = parser.parse_args(argv)
    if args.name is None:
        _emit(listing + "\n")
        return EXIT_OK
    _emit(schema_text(args.name))
    return EXIT_OK
