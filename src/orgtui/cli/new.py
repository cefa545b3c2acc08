"""`orgtui new`: a starter org file; never overwrites."""

from __future__ import annotations

import sys
from pathlib import Path

from orgtui.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    _emit,
    _parser,
)
from orgtui.core.i18n import _


def cmd_new(argv: list[str]) -> int:
    parser = _parser(
        "orgtui new",
        _("Write a starter org file that uses the built-in catalog: one department, no positions yet."),
        _("The file is never overwritten: if it exists, nothing is written and the exit status is 2.\n\n"
        "examples:\n  orgtui new our-org.toml\n  orgtui new our-org.toml --name \"Acme Shop\" --department \"E-Commerce\""),
    )
    parser.add_argument("file", type=Path, help=_("the org file to create"))
    parser.add_argument("--name", default=_("New org"), help=_("the org's name (default: %(default)s)"))
    parser.add_argument("--department", default="E-Commerce", help=_("the first department (default: %(default)s)"))
    args = parser.parse_args(argv)
    from orgtui.core.domain.catalog import builtin_catalog
    from orgtui.core.domain.edits import EditError
    from orgtui.core.domain.edits.base import DEPARTMENT_NAME, check_name
    from orgtui.core.domain.org import Department, Org, OrgInfo
    from orgtui.core.storage.atomic import SaveError, atomic_write
    from orgtui.core.storage.orgfile import dumps_org
    from orgtui.core.text import slug, visible

    shown = visible(str(args.file))
    try:
        check_name(args.name)
        check_name(args.department, DEPARTMENT_NAME)
    except EditError as exc:
        print(_("orgtui new: {reason}").format(reason=exc), file=sys.stderr)
        return EXIT_UNREADABLE
    org = Org(OrgInfo(args.name), builtin_catalog(), [Department(slug(args.department, "department"), args.department)])
    org.preamble = _("# Created with `orgtui new`. Open it with `orgtui FILE` to add positions and people.")
    data = dumps_org(org).encode("utf-8")
    try:
        # Whole or not at all: a full disk fails on the temporary file, which is removed,
        # so nothing is left and a retry works. Never over an existing file or link.
        atomic_write(args.file, data, replace=False, follow_links=False)
    except SaveError as exc:
        reason = str(exc).removeprefix(_("cannot save {file}: {reason}").format(file=shown, reason=""))
        if reason == _("it already exists"):
            print(_("orgtui new: {file} already exists; nothing was written").format(file=shown), file=sys.stderr)
        else:
            print(_("orgtui new: cannot create {file}: {reason}; nothing was written").format(file=shown, reason=visible(reason)), file=sys.stderr)
        return EXIT_UNREADABLE
    _emit(_("wrote {file}: {n} duties of the catalog, all unowned so far").format(file=shown, n=len(org.catalog.duties)) + "\n")
    return EXIT_OK
