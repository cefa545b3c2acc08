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


def cmd_export(argv: list[str]) -> int:
    parser = _parser(
        "orgtui export",
        "Write a report of an org file: a responsibility matrix (csv), a coverage report\n"
        "(markdown), the org chart (mermaid, dot) or the whole org with its findings (json).\n"
        "The formats are described in docs/reports.md.",
        "output goes to stdout, or with -o to OUT, which is replaced atomically (a reader\n"
        "sees the old or the new file, never half of one); OUT cannot be the org file itself.\n\n"
        "csv is UTF-8 with a byte order mark and CRLF line ends, as Excel and LibreOffice expect.\n\n"
        "exit status: 0 written, 2 the org file cannot be read or is invalid, or OUT cannot be\n"
        "written (nothing is written then)\n\n"
        "examples:\n"
        "  orgtui export org.toml --format csv -o matrix.csv\n"
        "  orgtui export org.toml --format markdown > coverage.md\n"
        "  orgtui export org.toml --format dot | dot -Tsvg -o org.svg\n"
        "  orgtui export org.toml --format mermaid\n"
        "  orgtui export org.toml --format json | jq '.coverage.summary'",
    )
    parser.add_argument("file", type=Path, help="the org file (TOML)")
    parser.add_argument("--format", choices=EXPORT_FORMATS, default="markdown",
                        help="what to write (default: %(default)s)")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT", help="write to OUT instead of stdout")
    args = parser.parse_args(argv)
    from orgtui.core.export import render
    from orgtui.core.storage.load_problems import LoadError
    from orgtui.core.text import visible

    if args.output is not None and _same_file(args.output, args.file):
        print(f"orgtui export: {visible(str(args.output))} is the org file itself; nothing was written",
              file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        org = _load(args.file)
    except LoadError as exc:
        return _problems(exc, "orgtui export")
    failed = _write(args.output, render(org, args.format), "orgtui export")
    return EXIT_OK if failed is None else failed
