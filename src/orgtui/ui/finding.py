"""Finding things from anywhere: `/` filters the focused pane, `g` (Go to…) jumps to any
duty, role, department, position or person, found by the one matcher over its names,
English and German titles and id (core/domain/findable.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgtui.core.domain import findable
from orgtui.core.domain.org import Org
from orgtui.core.i18n import _
from orgtui.ui.screens.picker import Candidates, ask, cached
from orgtui.ui.tree import OrgTree, Ref

if TYPE_CHECKING:
    from orgtui.ui.app import OrgApp

SEPARATOR = "\t"  # between kind and id in a Go to choice's id (ids never hold a tab)


def find(app: OrgApp) -> None:
    """`/`: the filter line of the focused pane (typing on it again if it has one)."""
    for pane in (app.roles, app.departments, app.people, app.problems):
        if app.focused is pane:
            pane.start_filter(app.ws.org)
            return


def ref_of(choice: str) -> findable.Ref:
    """The (kind, id) of a Go to choice's id."""
    kind, ident = choice.split(SEPARATOR, 1)
    return kind, ident


def go_to_choices(org: Org) -> Candidates:
    """Everything Go to (and the palette) can find, once per org version (`cached`)."""
    # only the ids at first: labels when shown, texts when the first key is typed
    paths = findable.Paths(org)
    return Candidates.lazy([f"{kind}{SEPARATOR}{ident}" for kind, ident in findable.refs(org)],
                           lambda choice: findable.describe(org, ref_of(choice), paths),
                           lambda choice: findable.texts(org, ref_of(choice), paths))


def go_to(app: OrgApp) -> None:
    """`g`: a picker over everything; the choice is selected in its pane."""
    choices = cached(app.ws.org, "go_to", go_to_choices)

    def chosen(choice: str | None) -> None:
        if choice:
            jump(app, *ref_of(choice))

    ask(app, _("Go to"), choices, chosen, hint=_("type a name, a title (English or German) or an id"))


def jump(app: OrgApp, kind: str, ident: str) -> bool:
    """Select what was found in its pane (its ancestors expanded) and focus that pane."""
    pane: OrgTree
    if kind == "role":
        pane, key = app.roles, Ref("role", ident)
    elif kind == "duty":
        pane, key = app.roles, Ref("duty", ident)
    elif kind == "person":
        pane, key = app.people, Ref("person", ident)
    else:
        pane, key = app.departments, Ref(kind, ident)
    if pane.filter is not None and key not in pane:
        pane.clear_filter()  # the filter hides it: show everything again
    if app.zoomed not in (None, pane.id):
        app.action_toggle_maximize()  # another pane has the screen
    if not pane.select_key(key):
        return False
    app.screen.set_focus(pane)
    return True
