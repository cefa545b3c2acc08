"""The orgtui app: four panes over one workspace; every change is an edit through its history.

Messages flow up (a pane reports a drag, a jump, a key), edits flow down
(`self.edit(...)` applies through the workspace, then every pane updates the rows the
outcome touched). The panes never change the org themselves.
"""

from __future__ import annotations

import gc
import importlib
import sys
import weakref
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.containers import Grid
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.theme import ThemeProvider

from orgtui.core.domain.edits import Edit, EditError
from orgtui.core.domain.title_bar import Counts, count_variants, fitted_title
from orgtui.core.domain.validator import Severity
from orgtui.core.i18n import N_, _, ngettext
from orgtui.core.storage.load_problems import Problem
from orgtui.core.storage.session import Outcome, Workspace
from orgtui.core.storage.settings import Settings
from orgtui.core.text import visible
from orgtui.ui import applies, preferences
from orgtui.ui.action_table import ACTIONS, BY_ID, NEVER, Action, keys_shown
from orgtui.ui.collector import EVERY as COLLECT_EVERY
from orgtui.ui.collector import IdleCollector
from orgtui.ui.drag import DragGhost
from orgtui.ui.flows import leaving, opening
from orgtui.ui.flows.background import Background
from orgtui.ui.flows.host import Severity as Urgency
from orgtui.ui.footer import KeyFooter
from orgtui.ui.input_clock import InputClock
from orgtui.ui.panes import Pane
from orgtui.ui.panes.departments import DepartmentsPane
from orgtui.ui.panes.detail import DetailPanel
from orgtui.ui.panes.people import PeoplePane
from orgtui.ui.panes.problems import ProblemsPane
from orgtui.ui.panes.roles import RolesPane
from orgtui.ui.screens.one_frame import OneFrameScreen
from orgtui.ui.status import OrgHeader, StatusLine, SteadyHeaderTitle
from orgtui.ui.tree import OrgTree, RowTree

if TYPE_CHECKING:
    from orgtui.core.domain.details import Details
    from orgtui.core.domain.drops import DragItem, DropTarget
    from orgtui.core.domain.org import Org
    from orgtui.core.domain.validator import Validator
    from orgtui.ui.palette import ActionCommands, EntityCommands

# What the first frame does not need is imported when it is first used: the actions and
# their dialogs, Fix all, Go to, the palette's entries, the drag planner, the details
# panel's contents (together ~20 ms of every start; benchmarks/README.md, "Cold start of
# the 40-person sample (session 5, coldstart)").


def _later(module: str, name: str) -> Callable[..., Any]:
    """An action method that imports `module` the first time it runs, then calls `name`
    there with the app (and the action's parameters)."""

    def action(self: OrgApp, *parameters: Any) -> Any:
        return getattr(importlib.import_module(module), name)(self, *parameters)

    action.__name__ = action.__qualname__ = name
    action.__doc__ = f"{module}.{name}"
    return action


def details_of(org: Org, validator: Validator, kind: str, ident: str) -> Details | None:
    """core/domain/details.py's, imported when the details panel is first shown."""
    from orgtui.core.domain.details import details_of as work_out

    return work_out(org, validator, kind, ident)


def _action_commands() -> type[ActionCommands]:
    from orgtui.ui.palette import ActionCommands

    return ActionCommands


def _entity_commands() -> type[EntityCommands]:
    from orgtui.ui.palette import EntityCommands

    return EntityCommands

BINDINGS: list[BindingType] = [
    Binding(a.keys, a.action_string, a.label, show=a.footer is not NEVER, id=a.id, priority=a.priority)
    for a in ACTIONS
    if a.keys
]
"""Made from the action table; a keymap remaps them by id (`OrgApp(keymap=...)`)."""
BY_ACTION_NAME: dict[str, list[Action]] = {}
for _action in ACTIONS:
    BY_ACTION_NAME.setdefault(_action.action_name, []).append(_action)


class MainScreen(OneFrameScreen, Screen):
    """The panes' screen. Textual styles each widget as it mounts, then styles the whole
    screen again when it first becomes active (ScreenResume): at start that second pass
    finds nothing changed and cost ~14 ms of every start. Later resumes (a dialog closed)
    restyle as Textual decides."""

    _shown = False

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.ScreenResume) and not self._shown:
            self._shown = True
            event.refresh_styles = False
        await super().on_event(event)


class OrgApp(App):
    CSS_PATH = "app.tcss"
    BINDINGS = BINDINGS
    # ours and Textual's system commands, then what typing finds (loaded when the palette opens)
    COMMANDS = {_action_commands, _entity_commands}
    ALLOW_SELECT = False  # mouse drags move duties; they do not select text

    def __init__(
        self,
        workspace: Workspace,
        settings: Settings | None = None,
        settings_problems: list[Problem] | None = None,
        keymap: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        if keymap:
            self.set_keymap(keymap)  # binding id -> keys, e.g. {"move": "M"}
        self.ws = workspace
        self.settings = settings or Settings()
        self._settings_problems = settings_problems or []
        preferences.translate_bindings(self)
        self.background = Background(self)  # the save writer, recovery keeper, lock watch
        self._frozen = False
        self.input_clock = InputClock()  # work beside the UI waits for a pause in the input
        self.collector = IdleCollector(lambda: self.input_clock.last)  # collects in the pauses
        self._key_screens: weakref.WeakKeyDictionary[events.Key, Screen[Any]] = weakref.WeakKeyDictionary()
        """The screen on top when each key came from the terminal (see _on_key)."""

    def get_default_screen(self) -> Screen:
        return MainScreen(id="_default")

    @property
    def _background_screens(self) -> list[Screen]:
        # Textual counts the screen under the top one as showing through even when the top
        # one is opaque (the picker hides the org): every repaint under it (the Problems
        # pane's suggestions coming in, the status line) then came back as a repaint of the
        # whole picker, and opening it drew it twice. The org screen repaints in full when
        # it is back on top anyway.
        stack = self._screen_stack
        if stack and stack[-1].styles.background.a == 1:
            return []
        return super()._background_screens

    def compose(self) -> ComposeResult:
        # The ghost first: Textual orders what it draws by each widget's place counted from
        # the last child, so a ghost shown or hidden at the end changed the place of every
        # other widget, and the layout it causes repainted the whole screen. Its layer (CSS)
        # still draws it over the panes.
        yield DragGhost(id="ghost")
        yield OrgHeader()
        with Grid(id="panes"):
            yield RolesPane(id="roles")
            yield DepartmentsPane(id="departments")
            yield PeoplePane(id="people")
            yield ProblemsPane(id="problems")
            yield DetailPanel(id="detail")  # in the grid beside Problems when wide; else over the panes
        yield StatusLine(id="status")
        yield KeyFooter(id="footer")

    # Threads work beside the UI (the save, the recovery write, the Problems pane's
    # suggestions). A thread that computes keeps the GIL for up to the switch interval each
    # time the UI thread comes back from the terminal or the event loop's select, and a key
    # goes through dozens of those: at CPython's 5 ms a key took 10x as long while a worker
    # ran. At 0.5 ms the UI thread gets the GIL back at once; the threads lose little.
    SWITCH_INTERVAL = 0.0005

    def on_mount(self) -> None:
        sys.setswitchinterval(self.SWITCH_INTERVAL)
        preferences.apply_settings(self, self.settings, self._settings_problems)
        self._kept_theme = self.theme
        self.rebuild()
        self.query_one(DepartmentsPane).focus()
        self.set_interval(self.FOOTER_CHECK, self.refresh_applying)  # the footer follows the cursor
        self.collector.start()
        self.set_interval(COLLECT_EVERY, self.collector.tick)
        leaving.install_signal_handlers(self)
        if not self.is_headless:
            leaving.watch_terminal(self, self.set_interval)
        opening.start(self)
        conflicts = self.ws.validator.count("merge-conflict")
        if conflicts:
            self.notify(_("This file has {n} merge conflict(s): they head the Problems pane").format(n=conflicts), timeout=8)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseEvent)):
            self.input_clock.touch()
            if isinstance(event, events.Key) and not event.is_forwarded:
                self._key_screens[event] = self.screen
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        """A key back at the app after no widget took it. Textual hands every key of one
        read to the focused pane at once, before the first is handled; so when that first
        key (`m`, `r`, `a`) opens a dialog, the letters typed behind it (over SSH, `m` and
        a name often come in one read) reached the pane below and came back here, lost.
        Such a key goes to the dialog opened over the screen that got it. A key whose
        screen is gone (a dialog that has answered) is left to Textual, as before."""
        handed_to = self._key_screens.pop(event, None)
        if handed_to is None or handed_to is self.screen or handed_to not in self.screen_stack:
            return  # then App._on_key: the screen's bindings, as for any key
        # handed on as a new key, in the order typed; the dialog's bindings are checked when
        # it comes back up (checking them here would let Enter pick before the letters ahead
        # of it had reached the filter)
        event.prevent_default()
        again = events.Key(event.key, event.character)
        self._key_screens[again] = self.screen
        (self.screen.focused or self.screen)._forward_event(again)

    def watch_theme(self, theme: str) -> None:
        # chosen in the palette (or anywhere) once the app runs: kept for the next start
        kept = getattr(self, "_kept_theme", None)  # None until on_mount applied the config's
        if kept is not None and theme != kept:
            self._kept_theme = theme
            preferences.remember_theme(self, theme)

    def on_unmount(self) -> None:
        self.collector.stop()
        leaving.leave(self)

    # -- what the flows need (flows/host.py) ---------------------------------------------

    def ask(self, screen: ModalScreen[Any], then: Callable[[Any], None] | None = None) -> None:
        self.push_screen(screen, then)

    def tell(self, message: str, *, title: str = "", severity: Urgency = "information", timeout: float = 3) -> None:
        self.notify(visible(message), title=visible(title), severity=severity, markup=False, timeout=timeout)

    def close(self, return_code: int = 0, message: str | None = None) -> None:
        self.exit(return_code=return_code, message=visible(message) if message else None)

    # -- the panes -----------------------------------------------------------------------

    @property
    def roles(self) -> RolesPane:
        return self.query_one(RolesPane)

    @property
    def departments(self) -> DepartmentsPane:
        return self.query_one(DepartmentsPane)

    @property
    def people(self) -> PeoplePane:
        return self.query_one(PeoplePane)

    @property
    def problems(self) -> ProblemsPane:
        return self.query_one(ProblemsPane)

    @property
    def panes(self) -> tuple[Pane, ...]:
        return (self.roles, self.departments, self.people, self.problems)

    def rebuild(self) -> None:
        """Show a (new) workspace in every pane."""
        if self._frozen:
            # the previous workspace was frozen: let it be collected once, now
            gc.unfreeze()
            gc.collect()
        for pane in self.panes:
            pane.build(self.ws)
        self.update_title()
        self.refresh_details()
        # The org, its indices and the panes' row indices live as long as the workspace:
        # move them out of the collector's reach, or a full collection over them lands
        # inside a key. Every pane is complete now (indices are built at once, not in
        # chunks), so this covers all of it.
        gc.freeze()
        self._frozen = True
        self.refresh_applying()

    def update_title(self) -> None:
        name = visible(self.ws.path.name) if self.ws.path else _("untitled (sample copy)")
        mark = " ● " + _("unsaved") if self.ws.dirty else ""
        state = (" " + _("(read-only)") if self.ws.read_only
                 else " " + _("(taken over by someone else)") if self.ws.taken_over else "")
        v = self.ws.validator
        counts = Counts(v.count("unowned-duty"), len(self.ws.org.catalog.duties), v.count_severity(Severity.ERROR),
                        v.count_severity(Severity.WARNING), v.count("single-point-of-failure"))
        # at 80 columns a read-only or taken-over file keeps its name: "● unsaved" shrinks to "●"
        self._title_bar = (name, state + mark, counts, state + (" ●" if self.ws.dirty else ""))
        # the whole words (tests, the palette); the header shows them fitted to its width
        self._set_titles(name + state + mark, count_variants(counts)[0])

    _title_bar: tuple[str, str, Counts, str] | None = None

    def fit_title(self, width: int) -> tuple[str, str]:
        """The title bar's (title, counts) fitted to `width` cells: the counts go last."""
        if self._title_bar is None:
            return self.title, self.sub_title
        name, flags, counts, short_flags = self._title_bar
        return fitted_title(name, flags, counts, width, short_flags)

    def _set_titles(self, title: str, sub_title: str) -> None:
        """Set the title and the counts under it, repainting only the header's row.

        Assigning `App.title` repaints the whole screen (the app's reactive refreshes
        everything), which an edit that changes a count would pay every time.
        """
        if (title, sub_title) == (self.title, self.sub_title):
            return
        if not self.is_running:
            self.title, self.sub_title = title, sub_title
            return
        self.set_reactive(App.title, title)
        self.set_reactive(App.sub_title, sub_title)
        try:
            header = self.query_one(OrgHeader)
            header.query_one(SteadyHeaderTitle).update(header.format_title())
        except NoMatches:
            pass

    def show_outcome(self, outcome: Outcome, quiet: bool = False) -> None:
        self.action_cancel_drag()  # what is being dragged may be gone (an undo mid-drag)
        from orgtui.core.domain.affected import affected_by

        affected = affected_by(outcome.changes, outcome.touched, self.ws.org)
        for pane in self.panes:
            pane.update(self.ws, affected)
        for tree in (self.roles, self.departments, self.people, self.problems):
            if tree.filter is not None:
                tree.filter.apply(self.ws.org)  # what matches may have changed (a rename)
        self.update_title()
        self.refresh_details()  # what the selected row is changed with the edit
        self.refresh_applying()  # undo applies now; the selected row may be another kind
        self.background.keeper.edited(self.ws)
        if not quiet:
            self.say(outcome.label)

    def say(self, message: str) -> None:
        """Confirm something in the status line (a toast is for what needs attention)."""
        self.query_one(StatusLine).say(message)

    @property
    def status(self) -> str:
        """What the status line says now."""
        return self.query_one(StatusLine).message

    # -- edits ---------------------------------------------------------------------------

    def edit(self, edit: Edit) -> Outcome | None:
        """Apply one edit through the history and show its outcome everywhere."""
        try:
            outcome = self.ws.apply(edit)
        except EditError as exc:
            self.notify(visible(str(exc)), title=_("Not changed"), severity="warning", markup=False)
            return None
        self.show_outcome(outcome)
        return outcome

    def action_undo(self) -> None:
        outcome = self.ws.undo()
        if outcome is None:
            self.say(_("Nothing to undo"))
        else:
            self.show_outcome(outcome)

    def action_redo(self) -> None:
        outcome = self.ws.redo()
        if outcome is None:
            self.say(_("Nothing to redo"))
        else:
            self.show_outcome(outcome)

    # -- drag and drop -------------------------------------------------------------------

    def _drop_at(self, x: int, y: int) -> tuple[OrgTree | None, DropTarget | None]:
        """The pane and drop target under a screen point. The drag ghost follows the
        pointer and may lie under it (moving down a row at a time lands on it): it is
        never what is dropped onto, so look through it."""
        for widget, _region in self.screen.get_widgets_at(x, y):
            if isinstance(widget, DragGhost):
                continue
            node: DOMNode | None = widget
            while node is not None and not isinstance(node, OrgTree):
                node = node.parent
            if not isinstance(node, OrgTree):
                return None, None
            return node, node.drop_target(node.ref_at(x, y))
        return None, None

    def _item_title(self, item: DragItem, items: tuple[DragItem, ...] = ()) -> str:
        org = self.ws.org
        if len(items) > 1:
            return ngettext("{n} duty", "{n} duties", len(items)).format(n=len(items))
        if item.kind == "role":
            role = org.catalog.roles.get(item.id)
            return role.title if role else "(removed)"
        if item.kind == "duty":
            found = org.catalog.duties.get(item.id)
            return found.title if found else "(removed)"
        if item.kind == "position":
            position = org.positions.get(item.id)
            return position.title if position else "(removed)"
        named = org.people.get(item.id) if item.kind == "person" else org.departments.get(item.id)
        return named.name if named else "(removed)"

    def _clear_drop_highlight(self) -> None:
        for tree in self.query(OrgTree):
            if not tree.dragging:
                tree.hover_line = -1

    @on(OrgTree.DragMoved)
    def drag_moved(self, message: OrgTree.DragMoved) -> None:
        from orgtui.core.domain.drops import plan_marked_drop

        tree, target = self._drop_at(message.x, message.y)
        plan = plan_marked_drop(self.ws.org, message.items, target)
        self._clear_drop_highlight()
        if tree is not None and target is not None:
            tree.hover_line = tree.line_at(message.y)
        self.query_one(DragGhost).show_at(message.x, message.y, self._item_title(message.item, message.items), plan.says, plan.ok)

    @on(OrgTree.DragEnded)
    def drag_ended(self, message: OrgTree.DragEnded) -> None:
        self.query_one(DragGhost).hide()
        self._clear_drop_highlight()
        if message.cancelled:
            self.say(_("Drag cancelled; nothing changed"))
            return
        _region, target = self._drop_at(message.x, message.y)
        from orgtui.ui import marks

        marks.drop_items(self, message.items, target)  # the same planner and question as `m`

    def action_cancel_drag(self) -> None:
        for tree in self.query(OrgTree):
            tree.cancel_drag()

    # -- which keys apply (the footer shows only those) -----------------------------------

    _here_held: applies.Here | None = None

    @contextmanager
    def one_look(self) -> Iterator[None]:
        """While held, `check_action` answers from one reading of what is selected. Textual
        asks it of every binding each time the footer is drawn (~45 readings, 3-4 ms of
        an edit's frame), and nothing is selected anew in between."""
        try:
            self._here_held = applies.here(self)
        except NoMatches:
            self._here_held = None  # not composed yet: check_action says so itself
        try:
            yield
        finally:
            self._here_held = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        entries = BY_ACTION_NAME.get(action)
        if not entries:
            return True  # Textual's own actions (command palette, ...)
        here = self._here_held
        if here is None:
            try:
                here = applies.here(self)
            except NoMatches:
                return True  # not composed yet
        return any(applies.applies(entry, here) for entry in entries)

    _footer_state: tuple[object, frozenset[str]] | None = None
    FOOTER_CHECK = 0.15  # seconds between looks at what applies to the selected row

    def refresh_applying(self) -> None:
        """Refresh the footer when its keys that apply have changed with the selection.

        Only then: a refresh asks every binding's `check_action` again and repaints the
        footer's line, while moving down a list of duties changes nothing. Keyed by
        the focused widget too, as Textual refreshes by itself when the focus moves.
        Called after every edit and a few times a second (`FOOTER_CHECK`), which follows
        the cursor however it moved (keys, mouse, a jump) for ~30 cheap predicates a time.
        """
        try:
            here = applies.here(self)
        except NoMatches:
            return
        state = (self.screen_stack[0].focused, frozenset(a.id for a in ACTIONS if a.footer is not NEVER and applies.applies(a, here)))
        if state != self._footer_state:
            self._footer_state = state
            self.refresh_bindings()

    def keys_of(self, action_id: str) -> str:
        """The keys of an action now (a keymap may have remapped them), as Textual names them."""
        return self._keymap.get(action_id, BY_ID[action_id].keys)  # Textual keeps the keymap there

    def key_hint(self, action_id: str) -> str:
        """The first key of an action as a user types it, for hints inside messages: "D"."""
        return keys_shown(self.keys_of(action_id).split(",")[0])

    # -- the detail panel ----------------------------------------------------------------

    WIDE_AT = 160  # columns from which the detail panel sits beside the panes
    _details_beside_wanted = True  # on a wide screen; `i` hides it and brings it back
    _details_overlay = False  # on a small screen: opened with `i`, closed with escape

    @property
    def detail(self) -> DetailPanel:
        return self.query_one(DetailPanel)

    @property
    def details_beside(self) -> bool:
        """Is the panel in the grid, beside Problems (a wide screen, no pane zoomed)?"""
        return self.size.width >= self.WIDE_AT and self.zoomed is None and self._details_beside_wanted

    @property
    def details_shown(self) -> bool:
        return self.details_beside or self._details_overlay

    def place_details(self) -> None:
        """Lay the panes out for the screen's width: three columns from WIDE_AT, where the
        detail panel takes half of Problems' space and Roles gets the width its long
        duty and owner rows need; otherwise the two-by-two grid, the panel over it."""
        try:
            grid = self.query_one("#panes")
        except NoMatches:
            return  # not composed yet
        wide = self.size.width >= self.WIDE_AT and self.zoomed is None
        beside = self.details_beside
        overlay = self._details_overlay and not beside
        self._details_overlay = overlay
        grid.set_class(wide, "-wide")
        grid.set_class(beside, "-beside")
        panel = self.detail
        panel.set_class(beside, "-beside")
        panel.set_class(overlay, "-overlay")
        focused = self.screen_stack[0].focused if self.screen_stack else None
        # over the half of the screen away from the pane being read
        panel.set_class(overlay and focused in (self.departments, self.problems), "-left")
        self.refresh_details()

    def on_resize(self, _event: object) -> None:
        self.place_details()

    def selected_subject(self) -> tuple[str, str] | None:
        """What the focused pane's selected row shows: (kind as rows name it, id)."""
        focused = self.screen_stack[0].focused if self.screen_stack else None
        for tree in (self.roles, self.departments, self.people):
            if focused is tree:
                ref = tree.cursor_ref
                return (ref.kind, ref.id) if ref is not None else None
        if focused is self.problems:
            finding = self.problems.cursor_finding
            return (finding.subject_kind, finding.subject) if finding is not None else None
        return None

    def refresh_details(self) -> None:
        """Show the selected row's details, when the panel is shown (hidden, it costs nothing)."""
        try:
            panel = self.detail
        except NoMatches:
            return
        if not self.details_shown:
            return
        subject = self.selected_subject()
        panel.show(details_of(self.ws.org, self.ws.validator, *subject) if subject else None)

    @on(RowTree.CursorMoved)
    def cursor_moved(self, message: RowTree.CursorMoved) -> None:
        if message.tree is self.screen_stack[0].focused:
            self.refresh_details()

    def on_descendant_focus(self, _event: object) -> None:
        if self._details_overlay:
            self.place_details()  # the overlay moves away from the newly focused pane
        else:
            self.refresh_details()

    def action_details(self) -> None:
        if self.size.width >= self.WIDE_AT and self.zoomed is None:
            self._details_beside_wanted = not self._details_beside_wanted
        else:
            self._details_overlay = not self._details_overlay
        self.place_details()

    def action_close_details(self) -> None:
        self._details_overlay = False
        self.place_details()

    # -- problems ------------------------------------------------------------------------

    @on(ProblemsPane.Jump)
    def jump(self, message: ProblemsPane.Jump) -> None:
        f = message.finding
        if f.subject_kind == "org":
            from orgtui.ui import actions

            actions.resolve_conflicts(self)
            return
        pane: OrgTree
        if f.subject_kind == "duty":
            pane, key = self.roles, ("duty", f.subject, None)
        elif f.subject_kind == "person":
            pane, key = self.people, ("person", f.subject, None)
        else:
            pane, key = self.departments, (f.subject_kind, f.subject, None)
        if pane.select_key(key):
            self.screen.set_focus(pane)

    # -- panes and screens ---------------------------------------------------------------

    def action_focus_pane(self, name: str) -> None:
        try:
            self.query_one(f"#{name}").focus()
        except NoMatches:
            pass

    PANES = ("roles", "departments", "people", "problems")

    def action_toggle_maximize(self) -> None:
        """Give the focused pane the whole grid, or bring all four back.

        Done with our own CSS class rather than Screen.maximize(), which also hides the
        header and footer: the unowned count in the header must stay visible.
        """
        grid = self.query_one("#panes")
        if grid.has_class("-zoomed"):
            grid.remove_class("-zoomed")
            for name in self.PANES:
                self.query_one(f"#{name}").remove_class("-zoomed-out")
            self.place_details()
            return
        pane: DOMNode | None = self.focused
        while pane is not None and pane.id not in self.PANES:
            pane = pane.parent
        if pane is None:
            return
        grid.add_class("-zoomed")
        for other in self.PANES:
            self.query_one(f"#{other}").set_class(other != pane.id, "-zoomed-out")
        self.place_details()

    @property
    def zoomed(self) -> str | None:
        if not self.query_one("#panes").has_class("-zoomed"):
            return None
        return next(p for p in self.PANES if not self.query_one(f"#{p}").has_class("-zoomed-out"))

    def action_next_unowned(self) -> None:
        if self.roles.next_unowned(self.ws) is None:
            self.say(_("Every duty is owned"))
        else:
            self.screen.set_focus(self.roles)  # now, not after the refresh: `m` may follow at once

    async def action_quit(self) -> None:  # async, as App's own: ctrl+q asks first when unsaved
        leaving.quit_app(self)

    # Textual's own palette entries that ours replace: its key panel (our help), its
    # maximize (our zoom keeps the header's counts), its quit (ours asks about unsaved edits).
    REPLACED_SYSTEM_COMMANDS = frozenset({"Keys", "Maximize", "Minimize", "Quit"})

    # Textual's footer word for its palette key: marked here, translated with the other
    # bindings' descriptions (preferences.translate_bindings).
    TEXTUAL_BINDING_WORDS = (N_("palette"),)

    # The words of Textual's entries we keep, in the user's language.
    SYSTEM_COMMAND_WORDS = {
        "Theme": (N_("Theme"), N_("Change the current theme")),
        "Screenshot": (N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen")),
    }

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title in self.REPLACED_SYSTEM_COMMANDS:
                continue
            words = self.SYSTEM_COMMAND_WORDS.get(command.title)
            yield command._replace(title=_(words[0]), help=_(words[1])) if words else command

    def action_command_palette(self) -> None:
        """Textual's palette, its search field's placeholder in the user's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))

    def search_themes(self) -> None:
        """The palette's theme list (Textual's), its placeholder in the user's language."""
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…")))

    def action_help(self) -> None:
        from orgtui.ui.screens.help import HelpScreen, action_sections

        self.push_screen(HelpScreen(_("orgtui keys"), action_sections(self.keys_of)))

    # Everything that asks the user something first lives in actions.py.
    action_save = _later("orgtui.ui.flows.files", "save")
    action_save_as = _later("orgtui.ui.flows.files", "save_as")
    action_open = _later("orgtui.ui.flows.files", "open_file")
    action_move = _later("orgtui.ui.marks", "move")  # the marked duties, or else the selected row (actions.move)
    action_assign_duty = _later("orgtui.ui.actions", "assign_duty")
    action_add_holder = _later("orgtui.ui.actions", "add_holder")
    action_remove = _later("orgtui.ui.marks", "remove")
    action_mark = _later("orgtui.ui.marks", "mark")
    action_clear_marks = _later("orgtui.ui.marks", "clear_marks")
    action_give_role_duties = _later("orgtui.ui.actions", "give_role_duties")
    action_add_position_for_person = _later("orgtui.ui.actions", "add_position_for_person")
    action_rename = _later("orgtui.ui.actions", "rename")
    action_add_department = _later("orgtui.ui.actions", "add_department")
    action_add_position = _later("orgtui.ui.actions", "add_position")
    action_add_person = _later("orgtui.ui.actions", "add_person")
    action_add_top_department = _later("orgtui.ui.actions", "add_top_department")
    action_rename_org = _later("orgtui.ui.actions", "rename_org")
    action_set_capacity = _later("orgtui.ui.actions", "set_capacity")
    action_set_fte = _later("orgtui.ui.actions", "set_fte")
    action_set_manager = _later("orgtui.ui.actions", "set_manager")
    action_toggle_reporting_view = _later("orgtui.ui.actions", "toggle_reporting_view")
    action_resolve_conflicts = _later("orgtui.ui.actions", "resolve_conflicts")
    action_suggest = _later("orgtui.ui.fixing", "show_suggestions")
    action_fix_all = _later("orgtui.ui.fixing", "fix_all")
    action_what_if = _later("orgtui.ui.fixing", "what_if_leaves")
    action_find = _later("orgtui.ui.finding", "find")
    action_go_to = _later("orgtui.ui.finding", "go_to")
