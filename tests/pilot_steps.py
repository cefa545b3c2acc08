"""Steps every app story takes: let the app settle after keys, read the screen as shown."""

from __future__ import annotations

from typing import Any


async def settle(pilot: Any, pauses: int = 2) -> None:
    """Let posted messages and the refreshes they cause run: one pause delivers a key's
    message, the next the repaint it asked for (the footer's binding change needs a third)."""
    for _ in range(pauses):
        await pilot.pause()


def screen_lines(app: Any) -> list[str]:
    """The screen as the terminal shows it, row by row (the top screen and what shows through)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
