"""`orgtui export`: reports of an org file (csv, markdown, mermaid, dot, json)."""

from __future__ import annotations

import sys
from pathlib import Path

from orgtui.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    EXPORT_FORMATS,
    _load,
    _parser,
    _problems,
    _same_file,
    _write,
)
from orgtui.core.i18n import _


def cmd_export(argv: list[str]) -> int:
    parser = _parser(
        "orgtui export",
        _("Write a report of an org file: a responsibility matrix (csv), a coverage report\n"
        "(markdown), the org chart (mermaid, dot) or the whole org with its findings (json).\n"
        "The formats are described in docs/reports.md."),
        _("output goes to stdout, or with -o to OUT, which is replaced atomically (a reader\n"
        "sees the old or the new file, never half of one); OUT cannot be the org file itself.\n\n"
        "csv is UTF-8 with a byte order mark and CRLF line ends, as Excel and LibreOffice expect.\n\n"
        "exit status: 0 written, 2 the org file cannot be read or is invalid, or OUT cannot be\n"
        "written (nothing is written then)\n\n"
        "examples:\n"
        "  orgtui export org.toml --format csv -o matrix.csv\n"
        "  orgtui export org.toml --format markdown > coverage.md\n"
        "  orgtui export org.toml --format dot | dot -Tsvg -o org.svg\n"
        "  orgtui export org.toml --format mermaid\n"
        "  orgtui export org.toml --format dot --root head_of_marketing | dot -Tsvg -o marketing.svg\n"
        "  orgtui export org.toml --format json | jq '.coverage.summary'"),
    )
    parser.add_argument("file", type=Path, help=_("the org file (TOML)"))
    parser.add_argument("--format", choices=EXPORT_FORMATS, default="markdown",
                        help=_("what to write (default: %(default)s)"))
    parser.add_argument("-o", "--output", type=Path, metavar="OUT", help=_("write to OUT instead of stdout"))
    parser.add_argument("--root", metavar="POSITION",
                        help=_("dot, mermaid: only this position (an id) and everyone reporting to it"))
    parser.add_argument("--department", metavar="ID",
                        help=_("dot, mermaid: only the positions of this department and its sub-departments"))
    args = parser.parse_args(argv)
    from orgtui.core.export import CHART_FORMATS, ChartScope, ScopeError, render
    from orgtui.core.storage.load_problems import LoadError
    from orgtui.core.text import visible

    if args.output is not None and _same_file(args.output, args.file):
        print(_("orgtui export: {file} is the org file itself; nothing was written").format(file=visible(str(args.output))),
              file=sys.stderr)
        return EXIT_UNREADABLE
    scope = ChartScope(args.root, args.department)
    if not scope.whole and args.format not in CHART_FORMATS:
        print(_("orgtui export: --root and --department draw a part of the chart: use them with --format dot or mermaid"),
              file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        org = _load(args.file)
    except LoadError as exc:
        return _problems(exc, "orgtui export")
    try:
        text = render(org, args.format, scope)
    except ScopeError as exc:
        print(_("orgtui export: {file}: {problem}; nothing was written").format(file=visible(str(args.file)), problem=exc),
              file=sys.stderr)
        return EXIT_UNREADABLE
    failed = _write(args.output, text, "orgtui export")
    return EXIT_OK if failed is None else failed
