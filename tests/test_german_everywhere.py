"""Under `--lang de` no English is left: findings, suggestions' reasons, what an edit is
called in "Undo: …", the CLI's help and reports, the app's dialogs (see english_words.py for
what counts as English once the org's own names are taken out)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from english_words import english_in, names_of
from pilot_steps import settle

from orgtui.core.domain.edits import (
    AddDepartment,
    AddPerson,
    AddPosition,
    AssignDuty,
    GiveRoleDuties,
    MoveDepartment,
    MovePosition,
    RemoveDepartment,
    RemovePerson,
    RemovePosition,
    RenameDepartment,
    RenameOrg,
    RenamePerson,
    RenamePosition,
    SetCapacity,
    SetFte,
    SetRole,
    UnassignDuty,
)
from orgtui.core.domain.edits.base import EditError
from orgtui.core.domain.repair import plan_repair
from orgtui.core.domain.suggest import suggest
from orgtui.core.domain.validator import Validator
from orgtui.core.i18n import use_language
from orgtui.core.storage.session import Workspace

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"


@pytest.fixture
def german():
    use_language("de")
    yield
    use_language("en")


@pytest.mark.parametrize("sample", ["before-reorg.toml", "online-retailer.toml", "startup.toml", "retailer-300.toml"])
def test_every_finding_and_every_reason_of_a_suggestion_is_german(sample: str, german) -> None:
    org = Workspace.open(SAMPLES / sample).org
    names = names_of(org)
    validator = Validator(org)
    findings = validator.findings()
    assert findings
    for finding in findings:
        assert english_in(finding.message, names) == [], finding.message
    for duty in list(org.catalog.duties)[:12]:
        found = suggest(org, validator, duty, limit=3)
        for s in found.suggestions if found else ():
            for text in (s.label, *s.reasons):
                assert english_in(text, names) == [], text
    plan = plan_repair(org)
    assert english_in(plan.label, names) == [], plan.label


def test_the_name_of_every_edit_and_its_refusals_are_german(german) -> None:
    org = Workspace.open(SAMPLES / "online-retailer.toml").org
    dept, pos = next(iter(org.departments.values())), next(p for p in org.positions.values() if p.holders)
    other = next(d for d in org.departments.values() if d.id != pos.department)
    who = org.people[pos.holders[0]]
    duty = pos.duties[0]
    edits = [AddDepartment("Neu"), RenameDepartment(dept.id, "Neu"), MoveDepartment(other.id, None if other.parent else dept.id),
             RemoveDepartment(dept.id), AddPosition("Neu", dept.id), RenamePosition(pos.id, "Neu"),
             MovePosition(pos.id, other.id), SetFte(pos.id, 0.5), SetRole(pos.id, None), RemovePosition(pos.id),
             AddPerson("Neu"), RenamePerson(who.id, "Neu"), SetCapacity(who.id, 0.5), RemovePerson(who.id),
             RenameOrg("Neu"), UnassignDuty(duty, pos.id), AssignDuty(duty, pos.id)]
    names = names_of(org)
    for edit in edits:
        try:
            text = edit.plan(org).label
        except EditError as refused:
            text = str(refused)
        assert english_in(text, [*names, "Neu"]) == [], text
    for consequence in RemoveDepartment(dept.id).consequences(org) + RemovePosition(pos.id).consequences(org):
        assert english_in(consequence, names) == [], consequence
    role = next(iter(org.catalog.roles))
    for refused in (AddPerson(""), SetFte(pos.id, 7), RenamePerson(who.id, who.name), AddPosition("x", "nowhere"),
                    GiveRoleDuties(pos.id, role, "bogus")):  # type: ignore[arg-type]
        with pytest.raises(EditError) as caught:
            refused.plan(org)
        # the scopes are named as a script types them ("unowned", "all")
        assert english_in(str(caught.value), [*names, "unowned, all"]) == [], str(caught.value)


def orgtui(*args: str) -> subprocess.CompletedProcess:
    environment = os.environ | {"PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "orgtui", *args], env=environment, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=60)


def prose(text: str) -> str:
    """The help without its usage lines and examples (commands, file names, option names)."""
    kept, skipping = [], False
    for line in text.splitlines():
        if line.startswith(("Aufruf:", "usage:", "Beispiele:", "Schemas:")):
            skipping = True
            continue
        if skipping and (line.startswith(" ") or not line.strip()):
            continue
        skipping = False
        kept.append(re.sub(r"^  [\w-]+( [A-Z_]+)?(  +|$)", "", line))  # a positional argument's name
    return "\n".join(kept)


# what a German help names as it is typed: commands, git's words, metavars, a README heading
COMMAND_WORDS = ["Org files in git", "git show", "add/add", "git ls-files", "FILE", "OUT", "orgtui", "textconv", "git"]
COMMANDS = ("check", "suggest", "fix", "whatif", "new", "export", "diff", "merge", "textconv", "git-setup", "schema")


@pytest.mark.parametrize("command", COMMANDS)
def test_the_help_of_every_command_is_german(command: str) -> None:
    done = orgtui(command, "--help", "--lang", "de")
    text = done.stdout.decode("utf-8")
    assert done.returncode == 0 and "Optionen:" in text, text
    assert english_in(prose(text), COMMAND_WORDS) == [], text


def test_the_main_help_is_german() -> None:
    text = orgtui("--help", "--lang", "de").stdout.decode("utf-8")
    assert "Eine E-Commerce-Organisation entwerfen" in text
    assert english_in(prose(text), [*COMMAND_WORDS, "PERSON_ID", "COMMAND", "OURS", "THEIRS"]) == [], text


@pytest.mark.parametrize("args", [("check",), ("suggest",), ("fix",), ("whatif", "--without", "tobias.wendt", "--plan")])
def test_the_reports_are_german(args: tuple[str, ...]) -> None:
    sample = SAMPLES / "before-reorg.toml"
    org = Workspace.open(sample).org
    done = orgtui(args[0], str(sample), *args[1:], "--lang", "de")
    text = done.stdout.decode("utf-8")
    assert done.returncode in (0, 1), done.stderr.decode()
    lines = [line for line in text.splitlines() if not line.startswith("orgtui diff ")]  # the diff's heading names files
    # the finding codes ("unowned-duty") and ids in [brackets] are stable words for scripts, not prose
    words = [english_in(re.sub(r"\[[^\]]*\]|\b[a-z]+(-[a-z]+)+\b", "·", line), names_of(org)) for line in lines]
    assert [(line, w) for line, w in zip(lines, words) if w] == []


# --- the words of the files: locks, saves, loading ---------------------------------------

def without_paths(text: str, *folders: Path) -> str:
    for folder in folders:
        text = text.replace(str(folder), "·")
    return text


@pytest.fixture
def retailer(tmp_path: Path) -> Path:
    path = tmp_path / "retailer.toml"
    path.write_bytes((SAMPLES / "online-retailer.toml").read_bytes())
    return path


def a_colleagues_lock(org_file: Path) -> None:
    """alice on another host holds the file (a live pid: ours, so the lock is not stale)."""
    import json

    from orgtui.core.storage.lock import lock_path_for, process_start_time

    lock_path_for(org_file).write_text(json.dumps({
        "user": "alice", "host": "build-01", "pid": os.getpid(), "start": process_start_time(os.getpid()),
        "since": "2024-03-04T10:32:00+01:00"}), encoding="utf-8")


def test_a_colleagues_lock_and_the_refused_save_are_told_in_german(retailer: Path, german) -> None:
    from orgtui.core.storage.opening import LockedBy
    from orgtui.core.storage.saving import SaveError

    a_colleagues_lock(retailer)
    ws = Workspace.open(retailer)
    state = ws.take_lock()
    assert isinstance(state, LockedBy)
    assert state.describe().startswith("in Bearbeitung durch alice auf build-01 seit ")
    ws.open_read_only()
    risk = ws.save_risk()
    assert risk is not None and "schreibgeschützt" in risk.reason and "jemand anderes" in risk.reason
    with pytest.raises(SaveError) as refused:
        ws.save()
    told = without_paths(str(refused.value), retailer.parent)
    assert "kann nicht gespeichert werden" in told and english_in(told, ["alice", "build-01"]) == [], told


def test_why_a_save_failed_is_german(tmp_path: Path, german) -> None:
    import errno

    from orgtui.core.storage.atomic import SaveError, atomic_write, os_reason

    reasons = {code: os_reason(OSError(code, "English from the OS")) for code in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT)}
    assert reasons[errno.ENOSPC] == "der Datenträger ist voll"
    assert [r for r in reasons.values() if english_in(r)] == []
    with pytest.raises(SaveError) as refused:
        atomic_write(tmp_path / "no such folder" / "org.toml", b"x")
    told = without_paths(str(refused.value), tmp_path / "no such folder")
    assert told == "·/org.toml kann nicht gespeichert werden: der Ordner existiert nicht", told


BROKEN_FILES = {
    "syntax": 'format = 1\nname = "x\n',
    "types and keys": 'format = 1\nname = 5\ncolour = "red"\n[[people]]\nid = "a"\n',
    "references": 'format = 1\nname = "x"\n[[positions]]\nid = "p"\ntitle = "P"\ndepartment = "nowhere"\n'
                  'holders = ["ghost", "ghost"]\nduties = ["no.such_duty"]\nreports_to = "p"\n',
    "not utf-8": b'format = 1\nname = "\xff"\n',
    "git's conflict markers": 'format = 1\n<<<<<<< ours\nname = "a"\n=======\nname = "b"\n>>>>>>> theirs\n',
}


@pytest.mark.parametrize("kind", BROKEN_FILES)
def test_what_is_wrong_with_a_file_is_german(tmp_path: Path, kind: str, german) -> None:
    from orgtui.core.storage.load_problems import LoadError

    path = tmp_path / "org.toml"
    content = BROKEN_FILES[kind]
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(LoadError) as refused:
        Workspace.open(path)
    problems = [without_paths(p.message, tmp_path) for p in refused.value.problems]
    assert problems and [(p, english_in(p, ["reports_to"])) for p in problems if english_in(p, ["reports_to"])] == []


# --- the app under --lang de: what a user sees in every dialog ---------------------------

CHEF = ("position", "geschaeftsfuehrer", None)  # Geschäftsführer, before-reorg's first position


@pytest.fixture
def before_reorg(tmp_path: Path) -> Path:
    path = tmp_path / "before-reorg.toml"
    path.write_bytes((SAMPLES / "before-reorg.toml").read_bytes())
    return path


def german_app(path: Path):
    from orgtui.cli.common import speak_language
    from orgtui.ui.app import OrgApp

    speak_language(["--lang", "de", str(path)])
    return OrgApp(Workspace.open(path))


def seen(app) -> str:
    """The screen's text and the notifications on it."""
    lines = [strip.text for strip in app.screen._compositor.render_strips()]
    return "\n".join(lines + [f"{n.title}: {n.message}" for n in app._notifications])


def english_seen(app, path: Path) -> list[str]:
    return english_in(seen(app), [*names_of(app.ws.org), path.name, str(path.parent)])


async def open_on(app, pilot, pane: str, key: tuple) -> None:
    await settle(pilot)
    getattr(app, pane).focus()
    getattr(app, pane).select_key(key)
    await settle(pilot)


# (what the user does, where, the keys, German the screen must show)
STORIES = {
    "help": ("departments", CHEF, ["question_mark"], ["orgtui-Tasten", "In der gewählten Zeile", "^p Palette"]),
    "palette": ("departments", CHEF, ["ctrl+p"], ["Befehle suchen…"]),
    "move picker": ("departments", CHEF, ["m"], ["tippen zum Filtern", "übernehmen", "abbrechen"]),
    "assign picker": ("departments", CHEF, ["a"], ["tippen zum Filtern", "Aufgabe zuweisen"]),
    "holder picker": ("departments", CHEF, ["h"], ["tippen zum Filtern", "Wer besetzt"]),
    "reports-to picker": ("departments", CHEF, ["t"], ["tippen zum Filtern"]),
    "role's duties": ("departments", CHEF, ["T"], ["tippen zum Filtern"]),
    # the preview lists the duties that move in orgtui diff's words, their titles German
    "role's duties preview": ("departments", CHEF, ["T", "enter"], ["offenen Aufgaben", "Bindeglied zwischen Marketing, Vertrieb"]),
    "a confirmation": ("departments", CHEF, ["delete"], ["entfernen?", "rückgängig machen", "Entfernen"]),
    "suggestions": ("roles", None, ["n", "s"], ["Vorschläge:", "Die besten", "wählen  Enter übernehmen  Esc abbrechen"]),
    "fix all": ("roles", None, ["F"], ["Alles beheben: der Plan", "In einem Schritt anwenden"]),
}


@pytest.mark.parametrize("story", STORIES)
async def test_every_dialog_of_the_app_speaks_german(before_reorg: Path, story: str) -> None:
    pane, key, keys, german_words = STORIES[story]
    app = german_app(before_reorg)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_on(app, pilot, pane, key) if key else await settle(pilot)
        if not key:
            getattr(app, pane).focus()
        await pilot.press(*keys)
        await settle(pilot)
        text = seen(app)
        assert [w for w in german_words if w not in text] == [], text
        assert english_seen(app, before_reorg) == [], text


async def test_capacity_without_a_person_says_so_in_german(before_reorg: Path) -> None:
    """`c` is offered on people only; asked anyway (a keymap, the palette's last state) it says why not."""
    app = german_app(before_reorg)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_on(app, pilot, "roles", ("role", next(iter(app.ws.org.catalog.roles)), None))
        app.action_set_capacity()
        await settle(pilot)
        assert "Eine Person auswählen, um ihre Kapazität festzulegen" in seen(app)
        assert english_seen(app, before_reorg) == []


async def test_a_colleagues_lock_and_a_save_in_the_app_speak_german(before_reorg: Path) -> None:
    """alice holds the file: the question names her in German; read-only, then ctrl+s says why
    not and offers Save as, whose form objects in German to a name that exists."""
    from orgtui.ui.screens import Choice, FormScreen

    a_colleagues_lock(before_reorg)
    app = german_app(before_reorg)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        text = seen(app)
        assert "in Bearbeitung durch alice auf build-01" in text and "Schreibgeschützt" in text and "Übernehmen" in text, text
        assert english_seen(app, before_reorg) == [], text
        await pilot.press("enter")  # read-only, the default
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        told = seen(app)  # the toast says why not, before Save as asks for a name
        assert "schreibgeschützt geöffnet" in told and "jemand anderes" in told, told
        from textual.widgets import Input

        app.screen.query_one(Input).value = ""
        await pilot.press(*str(before_reorg))  # the file alice edits, typed: the form objects
        await settle(pilot)
        text = seen(app)
        assert "Speichern unter" in text, text
        assert "Namen für Ihre Kopie wählen" in text, text
        assert english_seen(app, before_reorg) == [], text


async def test_at_80_columns_a_read_only_file_with_edits_still_says_so_in_german(before_reorg: Path) -> None:
    """The title bar keeps the file's name, that it is read-only and that it is edited ("●")."""
    a_colleagues_lock(before_reorg)
    app = german_app(before_reorg)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # read-only
        await open_on(app, pilot, "departments", ("department", "vertrieb", None))
        await pilot.press("r", "x", "enter")
        await settle(pilot)
        title = seen(app).splitlines()[0]
        assert "before-re" in title and "(nur Lesen) ●" in title and "19 Fehler · 9 Warnungen" in title, title


def test_the_markdown_reports_span_and_layers_are_german(german) -> None:
    from orgtui.core.export import render

    org = Workspace.open(SAMPLES / "retailer-300.toml").org
    text = render(org, "markdown")
    section = text[text.index("## Führungsspanne und Ebenen"):].split("\n## ")[0].splitlines()
    section = [line for line in section if not line.startswith(("- ", "Oberste Stellen:"))]  # lists of names
    rows = [re.sub(r"\|[^|]*\|", "|", line, count=1) for line in section]  # the manager's cell: names
    assert "| Führungskraft | Ebene |" in text and len(rows) > 5
    assert [line for line in rows if english_in(line, names_of(org))] == []


def test_a_clone_without_the_git_setup_is_told_in_german(german) -> None:
    from orgtui.core.git.setup import MissingSetup

    skipped = MissingSetup("teams/shop.org.toml", ("diff", "merge"), ("merge.orgtui.driver", "diff.orgtui.command"))
    stale = MissingSetup("teams/shop.org.toml", ("diff",), (), ("diff.orgtui.textconv",))
    for told in (skipped.message(), stale.message()):
        assert told.startswith("Warnung:") and english_in(re.sub(r"\S*orgtui\S*", "·", told), ["git"]) == [], told


async def test_at_80_columns_a_long_duty_keeps_the_pickers_verb(before_reorg: Path) -> None:
    """German puts the verb last; a title cut at its end must not lose what the picker does."""
    app = german_app(before_reorg)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.roles.focus()
        await pilot.press("n", "m")  # Bindeglied zwischen Marketing, Vertrieb, Logistik und Kreation
        await settle(pilot)
        assert "─ Verschieben: „Bindeglied zwischen" in seen(app)


@pytest.mark.parametrize("sample", ["before-reorg.toml", "startup.toml"])
def test_the_textconv_lines_git_diffs_are_german(sample: str, german) -> None:
    import re

    from orgtui.core.git.textconv import org_text

    org = Workspace.open(SAMPLES / sample).org
    names = [*names_of(org), "builtin", "FTE"]
    text = org_text(org, sample)
    for line in text.splitlines():
        if line.startswith("#"):
            continue  # the file's own comment block, as its author wrote it
        shown = re.sub(r"\[[^\]]*\]", "", line)  # ids are the file's, in any language
        assert english_in(shown, names) == [], line
    assert "Abteilung „" in text and "Stelle „" in text and "Befunde: " in text
