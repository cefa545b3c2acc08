"""Steps every app story takes: let the app settle after keys, read the screen as shown."""

from __future__ import annotations

from typing import Any


async def settle(pilot: Any, pauses: int = 2) -> None:
    """Let posted messages and the refreshes they cause run: one pause delivers a key's
    message, the next the repaint it asked for (the footer's binding change needs a third)."""
    for _ in range(pauses):
        await pilot.pause()


def calls_to(obj: Any, method: str) -> list[tuple]:
    """Record every call of `obj.method` (its arguments), still calling it: how a story
    checks that something (a layout, a repaint) did not happen."""
    made: list[tuple] = []
    real = getattr(obj, method)

    def recorded(*args: Any, **kwargs: Any) -> Any:
        made.append(args)
        return real(*args, **kwargs)

    setattr(obj, method, recorded)
    return made


def screen_lines(app: Any) -> list[str]:
    """The screen as the terminal shows it, row by row (the top screen and what shows through)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def row_offset(tree: Any, key: tuple, x: int = 6) -> tuple[int, int]:
    """Where a row is, relative to the tree widget (border included), after scrolling it near the top."""
    line = tree.reveal(key)
    assert line >= 0, f"no row {key}"
    tree.scroll_to(y=max(0, line - 1), animate=False, immediate=True)
    return (x, line - int(tree.scroll_offset.y) + 1)


async def drag(pilot: Any, source: Any, source_key: tuple, target: Any, target_key: tuple) -> str:
    """Press on a row of `source`, move onto a row of `target`, release: what the ghost said
    over the target, just before the release (both rows are scrolled into view first)."""
    start, end = row_offset(source, source_key), row_offset(target, target_key)
    await settle(pilot)
    await pilot.mouse_down(source, offset=start)
    await pilot.hover(target, offset=end)
    await settle(pilot)
    ghost = pilot.app.query_one("#ghost")
    said = str(ghost.render()) if ghost.display else ""
    await pilot.mouse_up(target, offset=end)
    await settle(pilot)
    return said
