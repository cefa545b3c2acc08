"""A seeded monkey at the keyboard: hundreds of random keys in every pane and dialog.

Whatever it does, the app must not crash, the file must not change unless it saved, and
the validator must still agree with a fresh check of the org it left behind.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from orgtui.core.domain.validator import Validator
from orgtui.core.storage.orgfile import load_org
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
KEYS = (
    ["up", "down", "down", "down", "left", "right", "enter", "space", "tab", "escape", "pageDown"]
    + ["1", "2", "3", "4", "m", "a", "h", "delete", "x", "r", "c", "f", "D", "P", "N", "n", "z"]
    + ["ctrl+z", "ctrl+y", "question_mark", "backspace"]
    + list("abc x0.5[/]")
)


@pytest.mark.parametrize("sample,seed", [("hostile-names.toml", 1), ("online-retailer.toml", 2), ("startup.toml", 4)])
async def test_random_keys_never_crash_and_keep_the_validator_exact(tmp_path: Path, sample: str, seed: int) -> None:
    path = tmp_path / sample
    shutil.copy(SAMPLES / sample, path)
    before = path.read_bytes()
    rng = random.Random(seed)
    app = OrgApp(Workspace.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(250):
            await pilot.press(rng.choice(KEYS))
        await pilot.pause()
        assert app.is_running
        assert app.ws.history.can_undo or app.ws.history.can_redo, "the monkey changed nothing"
        fresh = Validator(app.ws.org)
        assert app.ws.validator.snapshot() == fresh.snapshot()
        assert app.problems.findings_shown == app.ws.validator.findings()
    assert path.read_bytes() == before  # the monkey never pressed ctrl+s
    load_org(path)
