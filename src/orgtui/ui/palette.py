"""The command palette's entries for our actions, from the action table.

Only what applies to the selection is offered, in words that name it ("Move “Returns
management”…", "Undo: Assign …"). The palette is a screen of its own, so the selection
is read from the screen it was opened over (`Provider.focused`), once, when it opens.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from orgtui.core.domain.matching import Candidate, MatchIndex, match_spans
from orgtui.core.i18n import _
from orgtui.core.text import visible
from orgtui.ui import applies
from orgtui.ui.action_table import ACTIONS, keys_shown

if TYPE_CHECKING:
    from orgtui.ui.app import OrgApp


def entries(app: OrgApp, focused: object | None = None) -> list[tuple[str, str, str]]:
    """(title, help, action string) of every action of the table that applies now."""
    here = applies.here(app, focused)
    out = []
    for action in ACTIONS:
        if not applies.applies(action, here):
            continue
        title = applies.wording(action, here)
        if title is None:
            continue
        keys = app.keys_of(action.id)
        described = _(action.description)
        help_text = described[:1].upper() + described[1:]
        if keys:
            help_text += f" ({keys_shown(keys)})"
        out.append((visible(title), help_text, action.action_string))
    return out


class ActionCommands(Provider):
    """Every action of the table that applies to the selection, worded for it, then
    Textual's own (theme, screenshot) that `OrgApp.get_system_commands` keeps.

    One provider for both, so ours are listed first when the palette opens.
    """

    _commands: list[tuple[str, str, Callable[[], object]]]  # set in startup(), awaited before any search

    async def startup(self) -> None:
        app = cast("OrgApp", self.app)
        ours = [(title, help_text, partial(self._run, action)) for title, help_text, action in entries(app, self.focused)]
        textuals = [(c.title, c.help, c.callback) for c in app.get_system_commands(self.screen)]
        self._commands = ours + textuals
        self._index: MatchIndex[int] | None = None

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    async def discover(self) -> Hits:
        for title, help_text, command in self._commands:
            yield DiscoveryHit(Content(title), command, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        # The one matcher (core/domain/matching.py), as in pickers and the pane filter:
        # "ruckgabe" finds "Move “Rückgabe”…", ranked by where the words start.
        if self._index is None:
            self._index = MatchIndex.build([Candidate(i, (title,)) for i, (title, _h, _c) in enumerate(self._commands)])
        found = self._index.search(query)
        for place, match in enumerate(found):
            title, help_text, command = self._commands[match.key]
            shown = Content(title)
            for start, end in match_spans(title, query):
                shown = shown.stylize("underline", start, end)
            # Textual lists hits by score, highest first: keep the matcher's order
            yield Hit(1.0 - place / (len(found) + 1), shown, command, text=title, help=help_text)
