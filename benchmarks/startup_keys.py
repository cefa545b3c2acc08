"""How many keys a 5-person startup takes from scratch, with the bulk actions.

    .venv/bin/python benchmarks/startup_keys.py [FOLDER]

Issue 11 counted 73 keys and 236 typed characters for: `orgtui new`, then departments,
positions and people added in the app and every duty assigned. This repeats it with role
templates (`P`), a role's duties for an existing position (`T`) and holders (`h`), driving
the real app through Pilot. It prints one JSON object: `keys` (every key pressed that is
not text: commands, enter, arrows, ctrl+s) and `typed` (characters typed into a form or
a picker's filter). The `orgtui new` command line itself is not counted.

The story, in the one department `orgtui new` makes (E-Commerce):
- five people (N, a name, enter; the capacity stays 1.0);
- five positions (P, a title, enter, the role template by arrows from the one the
  picker highlights first, enter), each given its holder (h, enter or a short name
  filter): the new position is selected, so h and T act on it and the next P adds in
  its department;
- the two roles left over go to existing positions with T: Data Evangelist to the CEO,
  UX Designer to the Content & UX lead (a filter, enter; enter takes "unowned");
- ctrl+s.
tests/test_startup_story.py runs the same story and checks the saved org, not the count.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

PEOPLE = ("Anna Berg", "Ben Cruz", "Cem Dogan", "Dana Engel", "Emil Frank")
# (title, role template, holder filter, extra role for T)
POSITIONS = (
    ("CEO", "ecommerce_manager", "", "data"),
    ("Marketplaces", "marketplace_manager", "ben", ""),
    ("Category", "category_manager", "cem", ""),
    ("Service", "customer_service_manager", "dana", ""),
    ("Content & UX", "content_campaign_strategist", "emil", "ux"),
)


class Keyboard:
    """Presses keys through Pilot and counts them: commands and typed text apart."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.keys = 0
        self.typed = 0

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.pilot.press(key)
            self.keys += 1
            await self._settle()

    async def type(self, text: str) -> None:
        await self.pilot.press(*text)
        self.typed += len(text)
        await self._settle()

    async def _settle(self) -> None:
        await self.pilot.pause()
        await self.pilot.pause()


def arrows_to(picker, choice: str) -> list[str]:
    """The arrow keys from the picker's highlighted row to `choice`, as a user presses them."""
    from orgtui.ui.screens.picker import PickerList

    rows = [picker.choices[i][0] for i in picker._shown]
    at = picker.query_one(PickerList).highlighted or 0
    steps = rows.index(choice) - at
    return ["down"] * steps if steps >= 0 else ["up"] * -steps


def new_org(folder: Path) -> Path:
    """`orgtui new startup.toml --name Startup`, as a user would run it first."""
    from orgtui.cli.new import cmd_new

    path = folder / "startup.toml"
    assert cmd_new([str(path), "--name", "Startup"]) == 0
    return path


async def build_startup(path: Path) -> Keyboard:
    """Run the story in the app on `path` (made by `new_org`); it is saved at the end."""
    from orgtui.core.storage.session import Workspace
    from orgtui.ui.app import OrgApp

    app = OrgApp(Workspace.open(path))
    async with app.run_test(size=(100, 30)) as pilot:
        keyboard = Keyboard(pilot)
        await keyboard._settle()
        for name in PEOPLE:
            await keyboard.press("N")
            await keyboard.type(name)
            await keyboard.press("enter")
        for title, role, holder, extra_role in POSITIONS:
            await keyboard.press("P")
            await keyboard.type(title)
            await keyboard.press("enter")  # Next: the role template
            await keyboard.press(*arrows_to(app.screen, role), "enter")
            await keyboard.press("h")  # the new position is selected
            if holder:
                await keyboard.type(holder)
            await keyboard.press("enter")
            if extra_role:
                await keyboard.press("T")
                await keyboard.type(extra_role)
                await keyboard.press("enter", "enter")  # the role; "Unowned only"
        await keyboard.press("ctrl+s")
    return keyboard


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="orgtui-startup-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = new_org(folder)
    keyboard = asyncio.run(build_startup(path))
    print(json.dumps({"keys": keyboard.keys, "typed": keyboard.typed, "file": str(path)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
