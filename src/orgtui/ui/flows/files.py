"""Save, Save as, Open, Reload theirs, and "save your changes first?".

The workspace answers whether a save is safe (`save_risk`) and what Save as proposes
(`plan_save_as`); these functions only ask the user and start the write, which runs in a
worker thread (see background.py): keys keep working while a large org is written. ctrl+s
asks only what is known without reading the file (`save_risk_known`); whether someone
changed it is the job's first look, in its thread, and is asked about when it comes back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from orgtui.core.i18n import _
from orgtui.core.storage.atomic import SaveError
from orgtui.core.storage.load_problems import LoadError
from orgtui.core.storage.saving import SaveConflict, SaveJob, SaveRisk
from orgtui.core.storage.session import Workspace
from orgtui.core.text import visible
from orgtui.ui.flows import opening
from orgtui.ui.flows.host import Host
from orgtui.ui.screens import Choice, FormField, FormScreen

Then = Callable[[], None] | None


def save(host: Host, then: Then = None) -> None:
    """ctrl+s: write over the open file if that is safe, else ask; `then` runs once saved."""
    writer = host.background.writer
    if writer.busy:
        # A second ctrl+s waits for the first (and a third adds nothing to the second).
        writer.after(lambda: save(host, then), once="save" if then is None else None)
        return
    ws = host.ws
    if ws.path is None:
        save_as(host, then)
        return
    risk = ws.save_risk_known()  # the content is looked at by the save job, in its thread
    if risk is None:
        write(host, None, then)
    elif not risk.may_overwrite:
        host.tell(_("{file} {reason}").format(file=visible(ws.path.name), reason=risk.reason))
        save_as(host, then)
    else:
        ask_about_risk(host, risk, then)


def ask_about_risk(host: Host, risk: SaveRisk, then: Then = None, meanwhile: bool = False) -> None:
    ws = host.ws
    assert ws.path is not None
    when = _("while you were saving") if meanwhile else _("since you opened it")

    def choose(choice: str | None) -> None:
        if choice == "overwrite":
            write(host, None, then, overwrite=risk)
        elif choice == "copy":
            save_as(host, then)
        elif choice == "reload":
            reload_theirs(host)

    host.ask(
        Choice(_("{file} {reason} {when}").format(file=visible(ws.path.name), reason=risk.reason, when=when),
               [_("Overwriting would throw away their version."),
                _("Save yours as a copy, reload theirs (your edits are lost), or overwrite.")],
               [("copy", _("Save as copy")), ("reload", _("Reload theirs")), ("overwrite", _("Overwrite")), ("cancel", _("Cancel"))],
               default="copy"),
        choose,
    )


def save_as(host: Host, then: Then = None) -> None:
    writer = host.background.writer
    if writer.busy:
        writer.after(lambda: save_as(host, then))
        return
    plan = host.ws.plan_save_as()

    def done(values: dict[str, str] | None) -> None:
        if values is not None:
            write(host, plan.target(values["path"]), then)

    host.ask(FormScreen(_("Save as"), [FormField("path", _("File"), str(plan.default))], lambda v: plan.problem(v["path"]),
                        submit_label=_("Save")), done)


def write(host: Host, path: Path | None, then: Then = None, overwrite: SaveRisk | None = None) -> None:
    """Start writing (to `path`, default the open file); the outcome is told when it is done."""
    ws = host.ws
    try:
        job = ws.begin_save(path, overwrite)
    except SaveError as exc:
        not_saved(host, exc)
        return
    host.background.writer.start(job, lambda finished: written(host, ws, finished, then))


def written(host: Host, ws: Workspace, job: SaveJob, then: Then) -> None:
    try:
        report = ws.end_save(job)
    except SaveConflict as conflict:
        risk = None if job.new_file else ws.save_risk()  # now, with a fresh view of the file
        if risk is not None and risk.may_overwrite and ws is host.ws:
            ask_about_risk(host, risk, then, meanwhile=not conflict.before)
        else:
            not_saved(host, conflict)
        return
    except SaveError as exc:
        not_saved(host, exc)
        return
    host.update_title()
    host.say(_("Saved {file}").format(file=visible(str(report.path))))
    for warning in report.warnings:
        host.tell(warning, title=_("Saved, but"), severity="warning", timeout=10)
    if ws.dirty:
        host.background.keeper.edited(ws)  # edits made while it was written stay kept
    if then is not None:
        then()


def not_saved(host: Host, exc: Exception) -> None:
    host.tell(_("{reason}\nYour edits are still here: save elsewhere with ‘Save as’.").format(reason=exc),
              title=_("Not saved"), severity="error", timeout=10)


def reload_theirs(host: Host) -> None:
    """Throw our edits away for the file as it is on disk (and the recovery file with them)."""
    try:
        fresh = host.ws.reload_theirs()
    except LoadError as exc:
        cannot_open(host, host.ws.path or Path("?"), exc)
        return
    except ValueError:
        return  # an untitled copy: nothing to reload
    opening.switch_to(host, fresh)


def load_into(host: Host, path: Path) -> None:
    try:
        fresh = Workspace.open(path)
    except LoadError as exc:
        cannot_open(host, path, exc)
        return
    opening.switch_to(host, fresh)


def cannot_open(host: Host, path: Path, exc: LoadError) -> None:
    host.ask(Choice(_("Could not open {file}").format(file=visible(path.name)), [str(p) for p in exc.problems], [("ok", _("OK"))]))


def open_file(host: Host) -> None:
    def check(values: dict[str, str]) -> str | None:
        path = Path(values["path"].strip()).expanduser()
        if not values["path"].strip():
            return _("enter a file name")
        if not path.is_file():
            return _("no such file")
        return None

    def done(values: dict[str, str] | None) -> None:
        if values is None:
            return
        path = Path(values["path"].strip()).expanduser()
        if host.ws.dirty:
            ask_unsaved(host, lambda: host.background.writer.after(lambda: load_into(host, path)),
                        _("Save them before you open another file?"))
        else:
            host.background.writer.after(lambda: load_into(host, path))

    host.ask(FormScreen(_("Open org file"), [FormField("path", _("File"), placeholder=_("path/to/org.toml"))], check,
                        submit_label=_("Open")), done)


def ask_unsaved(host: Host, proceed: Callable[[], None], question: str,
                warned: Callable[[str], None] | None = None) -> None:
    """Save, discard or cancel before `proceed` (`question` says before what). A warning from discarding (the recovery
    file could not be removed) goes to `warned` if given (quitting prints it), else is told."""

    def choose(choice: str | None) -> None:
        if choice == "save":
            save(host, then=proceed)
        elif choice == "discard":
            warning = host.ws.forget_unsaved()  # discarded on purpose: no recovery offer next time
            if warning and warned is not None:
                warned(warning)
            elif warning:
                host.tell(warning, severity="warning", timeout=8)
            proceed()

    host.ask(Choice(_("You have unsaved changes"), [question],
                    [("save", _("Save")), ("discard", _("Discard")), ("cancel", _("Cancel"))], default="save"), choose)
