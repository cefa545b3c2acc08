"""The command palette's entries: our actions, from the action table, then every duty,
role, department, position and person that what is typed finds.

Only the actions that apply to the selection are offered, in words that name it ("Move
“Returns management”…", "Undo: Assign …"). The palette is a screen of its own, so the
selection is read from the screen it was opened over (`Provider.focused`), once, when it
opens. Below them, typing finds entities as Go to (`g`) does, with the same candidates
and matcher (built once per org version and shared with Go to), at most `ENTITY_HITS`
of them; Enter jumps there.
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
from orgtui.ui import applies, finding
from orgtui.ui.action_table import ACTIONS, keys_shown
from orgtui.ui.screens.picker import cached

ENTITY_HITS = 20
"""Most entities the palette lists for a query (at 50,000 people "a" finds most of them);
typing more narrows them, and Go to (`g`) pages through all."""

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
            # Textual lists hits by score, highest first: keep the matcher's order, above
            # the entities found (EntityCommands)
            yield Hit(1.0 - 0.5 * place / (len(found) + 1), shown, command, text=title, help=help_text)


class EntityCommands(Provider):
    """Every duty, role, department, position and person that the query finds, ranked by
    the one matcher as in Go to, below the actions; Enter selects it in its pane."""

    async def search(self, query: str) -> Hits:
        if not query.strip():
            return
        app = cast("OrgApp", self.app)
        candidates = cached(app.ws.org, "go_to", finding.go_to_choices)
        found, _matched = candidates.search(query, ENTITY_HITS)
        keys = app.keys_of("go_to")
        help_text = _("Go to") + (f" ({keys_shown(keys)})" if keys else "")
        for place, index in enumerate(found):
            label = candidates.label(index)
            kind, ident = finding.ref_of(candidates.choices.ids[index])
            shown = Content(label)
            for start, end in match_spans(label, query):
                shown = shown.stylize("underline", start, end)
            yield Hit(0.5 - 0.5 * place / (len(found) + 1), shown, partial(self._jump, kind, ident), text=label,
                      help=help_text)

    def _jump(self, kind: str, ident: str) -> None:
        self.app.call_later(finding.jump, cast("OrgApp", self.app), kind, ident)
