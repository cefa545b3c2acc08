"""A second floor for the cold start: orgtui's screen built from Textual's widgets, no orgtui code.

    python benchmarks/minimal_panes.py sample_orgs/online-retailer.toml

What `python -m orgtui FILE` shows on its first frame, as Textual's own widgets draw it: a
header, four round-bordered `Tree`s in the same 2×2 grid (Roles with the catalog's duties,
Departments with positions, holders and duties, People, Problems), a status line and a
one-line footer, with the app's grid rules. The file is read with tomli, the duties' titles
from the bundled catalog file (data, not code: no orgtui module is imported). The Problems
pane lists positions without duties and unowned duties; it finds nothing else.

minimal_app.py (one `Static`) is the floor of the issue's target; this one says what
Textual's layout and first drawing of such a screen costs by itself, so that the gap
between it and orgtui is what orgtui's own code costs (imports, loading, checking, rows).
cold_start.py --panes times it beside the other two.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import Grid
from textual.widgets import Header, Static, Tree

try:
    import tomli as toml
except ImportError:  # pragma: no cover
    import tomllib as toml

CATALOG = Path(__file__).resolve().parent.parent / "src" / "orgtui" / "data" / "roles.toml"

CSS = """
#panes { grid-size: 2 2; grid-columns: 1fr 1fr; grid-rows: 3fr 2fr; height: 1fr; }
Tree {
    border: round $surface-lighten-2; border-title-color: $text-muted;
    height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden;
    border-subtitle-color: $text-muted;
}
Tree:focus { border: round $accent; border-title-color: $text; border-title-style: bold; }
#status { height: 1; padding: 0 1; color: $text-muted; }
#footer { height: 1; background: $background; }
"""


def tree(title: str, subtitle: str = "") -> Tree[None]:
    t: Tree[None] = Tree(title)
    t.show_root = False
    t.border_title = title
    t.border_subtitle = subtitle
    return t


class Panes(App):
    CSS = CSS
    TITLE = "Panes"

    def __init__(self, org: dict, catalog: dict) -> None:
        super().__init__()
        self.org = org
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        yield Header()
        with Grid(id="panes"):
            yield tree("Roles")
            yield tree("Departments · by department")
            yield tree("People", f"{len(self.org.get('people', []))} people")
            yield tree("Problems")
        yield Static("", id="status")
        yield Static("m Move x Remove r Rename v By line ? Help / Find g Go to i Details n Unowned F Fix all ^s Save", id="footer")

    def on_mount(self) -> None:
        org, catalog = self.org, self.catalog
        people = {p["id"]: p["name"] for p in org.get("people", [])}
        duties = {d["id"]: d["title"] for r in catalog["roles"] for d in r.get("duties", [])}
        owners: dict[str, list[str]] = {}
        for pos in org.get("positions", []):
            for d in pos.get("duties", []):
                owners.setdefault(d, []).append(pos["title"])
        roles, departments, people_pane, problems = self.query(Tree).results()
        for role in catalog["roles"]:
            node = roles.root.add(role["title"], expand=True)
            for d in role.get("duties", []):
                node.add_leaf(f"✓ {d['title']}  → {', '.join(owners.get(d['id'], ['nobody']))}")
        by_department: dict[str, list[dict]] = {}
        for pos in org.get("positions", []):
            by_department.setdefault(pos["department"], []).append(pos)
        for dept in org.get("departments", []):
            node = departments.root.add(f"{dept['name']}  ({len(by_department.get(dept['id'], []))} positions)", expand=True)
            for pos in by_department.get(dept["id"], []):
                holders = [people.get(h, h) for h in pos.get("holders", [])]
                p = node.add(f"{pos['title']}  {', '.join(holders)}  [{len(pos.get('duties', []))} duties]", expand=True)
                for h in holders:
                    p.add_leaf(f"@ {h}")
                for d in pos.get("duties", []):
                    p.add_leaf(f"• {duties.get(d, d)}")
        for person in org.get("people", []):
            people_pane.root.add(f"{person['name']}  {person.get('capacity', 1)} / {person.get('capacity', 1)} FTE")
        unowned = [d for d in duties if d not in owners]
        errors = problems.root.add(f"{len(unowned)} error(s)", expand=True)
        for d in unowned:
            errors.add_leaf(f"✗ Unowned: “{duties[d]}”")
        notes = problems.root.add("notes", expand=True)
        for pos in org.get("positions", []):
            if not pos.get("duties"):
                notes.add_leaf(f"i Position {pos['title']} owns no duties")
        departments.focus()


def main() -> None:
    with open(sys.argv[1], "rb") as fh:
        org = toml.load(fh)
    with open(CATALOG, "rb") as fh:
        catalog = toml.load(fh)
    Panes(org, catalog).run()


if __name__ == "__main__":
    main()
