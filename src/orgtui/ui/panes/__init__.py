"""The app's panes: each renders one view of the workspace and reports what the user does.

They share one contract: `build(ws)` shows a workspace, `update(ws, affected)` follows an
edit, where `affected` (core/domain/affected.py) declares which subjects' rows read
differently and whose children changed. No pane decodes raw changes itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from orgtui.core.storage.session import Workspace

if TYPE_CHECKING:
    from orgtui.core.domain.affected import Affected


class Pane(Protocol):
    def build(self, ws: Workspace) -> None: ...

    def update(self, ws: Workspace, affected: Affected) -> None: ...


def shown(ws: Workspace | None) -> Workspace:
    """The workspace a pane shows; a pane draws only after `build(ws)` gave it one."""
    if ws is None:
        raise RuntimeError("the pane was asked to draw before build() gave it a workspace")
    return ws
