"""The panes as a user drives them on a 50,000-person org, and two display faults.

The big org is generated (benchmarks/generate.py, seeded) and opened in the real app,
headless. The stories: everything is listed at the first frame, the cursor and scrolling
reach the last of 50,000 people, a position expands and collapses, a duty moves by
keyboard (m, the picker, Enter) and by mouse, and undo puts it back; after each, the rows
show exactly what changed and nothing else moved.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from orgtui.core.domain.org import Person
from orgtui.core.storage.session import Workspace
from orgtui.ui.app import OrgApp
from orgtui.ui.screens import Picker
from orgtui.ui.screens.picker import Candidates
from orgtui.ui.tree import Ref

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import generate
from pilot_steps import settle

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
BIG = 50_000


@pytest.fixture
def big_app() -> OrgApp:
    return OrgApp(Workspace(generate.generate(BIG)))


def on_screen(tree, key) -> tuple[int, int]:
    """Offset of a row inside the tree widget (border included), scrolled near the top."""
    line = tree.reveal(key)
    assert line >= 0, f"no row {key}"
    tree.scroll_to(y=max(0, line - 1), animate=False, immediate=True)
    return (8, line - int(tree.scroll_offset.y) + 1)


def rendered(tree) -> list[str]:
    """The pane's visible lines as drawn (guides, icons and labels)."""
    return [tree.render_line(y).text for y in range(tree.scrollable_content_region.height)]


async def test_a_50000_person_org_is_listed_whole_at_the_first_frame_and_the_cursor_reaches_the_end(big_app) -> None:
    app = big_app
    org = app.ws.org
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0)
        assert app.people.line_count == BIG and app.people.filled
        assert app.people.border_subtitle == "50000 people"
        assert len(app.problems.findings_shown) == len(app.ws.validator.findings())

        app.people.focus()
        await pilot.press("down", "down")
        assert app.people.cursor_ref == Ref("person", list(org.people)[2])
        await pilot.press("end")
        await settle(pilot)
        last = list(org.people)[-1]
        assert app.people.cursor_ref == Ref("person", last)
        # scrolled so the last person is on screen, with their load
        assert any(org.people[last].name in line for line in rendered(app.people))
        await pilot.press("pageup")
        await settle(pilot)
        assert app.people.cursor_line == BIG - 1 - app.people.scrollable_content_region.height


async def test_expanding_and_collapsing_a_position_of_a_50000_person_org(big_app) -> None:
    app = big_app
    org = app.ws.org
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tree = app.departments
        pos = next(p for p in org.positions.values() if 0 < len(p.holders) <= 3 and len(p.duties) >= 3)
        key = Ref("position", pos.id)
        assert tree.select_key(key)
        await settle(pilot)
        before = tree.visible_refs
        assert Ref("duty", pos.duties[0], pos.id) not in tree  # large orgs start collapsed
        await pilot.press("space")
        await settle(pilot)
        shown = [Ref("holder", h, pos.id) for h in pos.holders] + [Ref("duty", d, pos.id) for d in pos.duties]
        at = tree.line_of(key)
        assert tree.visible_refs[at + 1 : at + 1 + len(shown)] == shown
        # only rows were added under it: everything else is where it was
        assert tree.visible_refs[: at + 1] + tree.visible_refs[at + 1 + len(shown) :] == before
        assert any("▼ " + pos.title in line for line in rendered(tree))
        last_duty = org.catalog.duties[pos.duties[-1]].title
        assert any("└ " in line and last_duty in line for line in rendered(tree))
        await pilot.press("space")
        await settle(pilot)
        assert tree.visible_refs == before
        assert any("▶ " + pos.title in line for line in rendered(tree))


async def test_moving_a_duty_by_keyboard_in_a_50000_person_org_patches_only_its_rows(big_app) -> None:
    app = big_app
    org = app.ws.org
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tree = app.departments
        source = next(p for p in org.positions.values() if p.holders and len(p.duties) >= 2)
        target = next(p for p in org.positions.values() if p.id != source.id and p.title != source.title
                      and p.holders and p.department != source.department and not set(p.duties) & set(source.duties))
        duty = source.duties[0]
        tree.expand_key(Ref("position", source.id))
        tree.expand_key(Ref("position", target.id))
        assert tree.select_key(Ref("duty", duty, source.id))
        await settle(pilot)
        before = tree.visible_refs
        people_before = app.people.visible_refs
        owners_before = len(org.owners(duty))

        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, Picker)
        await pilot.press(*target.id)  # a position's id is matched too: exactly one choice
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

        assert duty in org.positions[target.id].duties and duty not in org.positions[source.id].duties
        assert len(org.owners(duty)) == owners_before
        after = tree.visible_refs
        assert Ref("duty", duty, target.id) in after and Ref("duty", duty, source.id) not in after
        # the index was patched: remove the moved row, add it under the target, nothing else
        assert sorted(after) == sorted([r for r in before if r != Ref("duty", duty, source.id)] + [Ref("duty", duty, target.id)])
        assert app.people.visible_refs == people_before
        assert app.status.startswith("Move")
        assert app.problems.findings_shown == app.ws.validator.findings()

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert tree.visible_refs == before
        assert app.status.startswith("Undid")


async def test_dragging_a_duty_in_a_50000_person_org_moves_it(big_app) -> None:
    app = big_app
    org = app.ws.org
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        tree = app.departments
        dept = next(d for d in org.departments if len([p for p in org.positions_in(d) if org.positions[p].duties]) >= 3)
        source, target = [p for p in org.positions_in(dept) if org.positions[p].duties][:2]
        duty = next(d for d in org.positions[source].duties if d not in org.positions[target].duties)
        tree.expand_key(Ref("position", source))
        start = on_screen(tree, Ref("duty", duty, source))
        await settle(pilot)
        line = tree.line_of(Ref("position", target))
        drop = (8, line - int(tree.scroll_offset.y) + 1)
        assert 0 < drop[1] < tree.size.height, "the target row is on screen"
        await pilot.mouse_down(tree, offset=start)
        await pilot.hover(tree, offset=drop)
        await settle(pilot)
        assert "✓" in str(app.query_one("#ghost").render())
        await pilot.mouse_up(tree, offset=drop)
        await settle(pilot)
        assert duty in org.positions[target].duties and duty not in org.positions[source].duties
        assert Ref("duty", duty, source) not in tree


async def test_a_dragged_duty_moved_down_one_row_at_a_time_finds_every_target_under_the_ghost(tmp_path: Path) -> None:
    """The ghost label sits one row under the pointer, pushed left to stay on screen: the
    next row down is under the ghost, and that row, not the ghost, is the drop target."""
    path = tmp_path / "retailer.toml"
    shutil.copy(SAMPLES / "online-retailer.toml", path)
    app = OrgApp(Workspace.open(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tree = app.departments
        org = app.ws.org
        source = "head_of_service"
        duty = org.positions[source].duties[0]
        x, y = on_screen(tree, Ref("duty", duty, source))
        x = tree.size.width - 4  # near the right edge: the ghost is pushed left, over the pointer's column
        await settle(pilot)
        await pilot.mouse_down(tree, offset=(x, y))
        verdicts = []
        for step in range(1, 8):
            await pilot.hover(tree, offset=(x, y + step))
            await settle(pilot)
            ref = tree.ref_at(tree.content_region.x + x - 1, tree.region.y + y + step)
            target = tree.drop_target(ref)
            if target is not None and target.id != source:
                verdicts.append(str(app.query_one("#ghost").render()))
        await pilot.press("escape")
        assert verdicts, "the walk crossed other positions"
        assert all("not a drop target" not in v for v in verdicts), verdicts


def emoji_org(tmp_path: Path) -> Path:
    from orgtui.core.storage.orgfile import dumps_org, load_org

    org = load_org(SAMPLES / "online-retailer.toml").org
    org._put("person", "dev", Person("dev", "Dev 👩🏽‍💻 Ops ❤️ 👍🏿"))
    path = tmp_path / "emoji.toml"
    path.write_text(dumps_org(org), encoding="utf-8")
    return path


async def test_a_name_with_wide_emoji_is_drawn_as_wide_as_measured(tmp_path: Path) -> None:
    """Skin-tone modifiers, variation selectors and joiners make terminals disagree with
    Rich about widths (tmux 3.3 draws 👩🏽‍💻 4 cells wide, Rich counts 2): the row would push
    the pane's border out. Drawn without them, each character has one agreed width."""
    app = OrgApp(Workspace.open(emoji_org(tmp_path)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        label = app.people.label_of(("person", "dev", None))
        assert "Dev" in label and "Ops" in label and "👩" in label and "💻" in label
        # every character's own width adds up to the label's: nothing joins or vanishes
        assert sum(cell_len(ch) for ch in label) == cell_len(label)
        assert tmux_width(label) in (None, cell_len(label))


def tmux_width(text: str) -> int | None:
    """How many cells tmux (the terminal our users' SSH sessions run in) gives `text`."""
    if shutil.which("tmux") is None:
        return None
    server = f"orgtui-test-{time.monotonic_ns()}"
    run = ["tmux", "-L", server, "-f", "/dev/null"]
    try:
        subprocess.run([*run, "new-session", "-d", "-x", "100", "-y", "3", "cat"], check=True, timeout=10)
        subprocess.run([*run, "send-keys", "-t", "0", "-l", text], check=True, timeout=10)
        for _ in range(50):
            time.sleep(0.05)
            x = subprocess.run([*run, "display", "-p", "-t", "0", "#{cursor_x}"], capture_output=True, text=True, timeout=10, check=False).stdout
            if x.strip() not in ("", "0"):
                return int(x)
        return None
    finally:
        subprocess.run([*run, "kill-server"], capture_output=True, timeout=10, check=False)


async def test_the_move_picker_reuses_its_list_until_a_name_changes_and_then_shows_it(tmp_path: Path) -> None:
    """Labelling 20,000 positions costs more than opening the picker: the list is made
    once per version of the org. After an edit (a rename) the next picker is new."""
    from orgtui.core.domain.edits import RenamePosition

    path = tmp_path / "retailer.toml"
    shutil.copy(SAMPLES / "online-retailer.toml", path)
    app = OrgApp(Workspace.open(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        duty = app.ws.org.positions["head_of_service"].duties[0]
        app.departments.focus()
        assert app.departments.select_key(Ref("duty", duty, "head_of_service"))

        async def open_picker() -> Candidates:
            """What the picker offered (the app asks one picker again: keep its question)."""
            await pilot.press("m")
            await settle(pilot)
            assert isinstance(app.screen, Picker)
            offered = app.screen.candidates
            await pilot.press("escape")
            await settle(pilot)
            return offered

        first, second = await open_picker(), await open_picker()
        assert second.choices is first.choices  # not built again
        assert "head_of_service" not in [cid for cid, _ in second]  # its own position is left out
        other = next(p for p in app.ws.org.positions if p != "head_of_service")
        app.edit(RenamePosition(other, "Chief Happiness Officer"))
        await settle(pilot)
        app.departments.focus()
        app.departments.select_key(Ref("duty", duty, "head_of_service"))
        third = await open_picker()
        assert third.choices is not first.choices
        assert any(label.startswith("Chief Happiness Officer") for cid, label in third if cid == other)
        # a duty moved (and its undo) names nothing anew: the same choices, their index kept
        third.prepare()
        from orgtui.core.domain.edits import MoveDuty

        target = next(p for p in app.ws.org.positions if p != "head_of_service" and duty not in app.ws.org.positions[p].duties)
        app.edit(MoveDuty(duty, "head_of_service", target))
        await settle(pilot)
        app.action_undo()
        await settle(pilot)
        app.departments.focus()
        app.departments.select_key(Ref("duty", duty, "head_of_service"))
        fourth = await open_picker()
        assert fourth.choices is third.choices and fourth.ready
