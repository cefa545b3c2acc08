"""`orgtui [FILE]`: open the app. Textual is imported only here, once the file is read."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from orgtui.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    _parser,
)
from orgtui.core.i18n import _

if TYPE_CHECKING:
    from orgtui.core.storage.session import Workspace


def workspace_for(file: Path | None) -> Workspace:
    """The named file, or an untitled copy of the bundled sample (ctrl+s asks where to save
    it; no lock and no recovery is tied to the sample). Raises LoadError."""
    from orgtui.core.storage.session import Workspace

    if file is not None:
        return Workspace.open(file)
    from orgtui.core.domain.catalog import bundled_sample_path

    return Workspace.untitled_copy(bundled_sample_path())


def cmd_open(argv: list[str]) -> int:
    parser = _parser(
        "orgtui",
        _("Open an org file in the app. Without FILE, a copy of the bundled sample org opens."),
        _("examples:\n  orgtui sample_orgs/online-retailer.toml\n  orgtui"),
    )
    parser.add_argument("file", type=Path, nargs="?", help=_("the org file (TOML)"))
    args = parser.parse_args(argv)
    from orgtui.core.storage.load_problems import LoadError

    # What opening builds (the records, indices and findings of up to 50,000 people, a
    # million objects, none in a cycle) lives as long as the app: the collector is kept off
    # while it is built and then never walks it (at 50,000 people its young collections
    # over it cost ~0.5 s before the first frame). The app freezes its panes' rows later.
    gc.disable()
    try:
        workspace = workspace_for(args.file)
    except LoadError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(_("orgtui: nothing was opened; the file is untouched."), file=sys.stderr)
        return EXIT_UNREADABLE
    else:
        gc.freeze()  # before the collector is back on: no young collection walks it first
    finally:
        gc.enable()
    from orgtui.core.storage.settings import load_settings
    from orgtui.ui.app import OrgApp  # Textual is imported only here

    settings, settings_problems = load_settings()  # shown in the app; never stops it
    app = OrgApp(workspace, settings, settings_problems)
    try:
        app.run()
    finally:
        app.ws.release_lock()  # also when the app died: a lock must not outlive us
    return app.return_code or EXIT_OK
