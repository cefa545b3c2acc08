"""What the quicker start leaves out must change nothing the user sees.

The panes' screen skips Textual's second styling of every widget when it first becomes
active (ui/app.py, MainScreen): each widget is styled as it mounts. If a widget ever came
to depend on that second pass (a rule that only matches once its siblings exist, CSS added
by a widget mounted later), the screen at start would differ from a restyled one: these
tests restyle it by hand and compare every widget's rules, colours and component styles,
and the screen itself. The imports left for later are checked in test_core_is_pure.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_steps import settle

from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp


def styles_of(app: OrgApp) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    found = {}
    for node in app.screen.walk_children(with_self=True):
        components = sorted(getattr(type(node), "COMPONENT_CLASSES", ()) or ())
        found[repr(node)] = (
            repr(node.styles.base.get_rules()),
            str(node.rich_style),
            tuple(str(node.get_component_rich_style(c, partial=True)) for c in components),
        )
    return found


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_the_first_screen_needs_no_second_styling(retailer: Path, size: tuple[int, int]) -> None:
    app = OrgApp(Workspace.open(retailer))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        before, screen_before = styles_of(app), app.export_screenshot()
        app.screen.update_node_styles(animate=False)
        await settle(pilot)
        assert styles_of(app) == before
        assert app.export_screenshot() == screen_before
