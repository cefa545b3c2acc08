"""The floor for the cold-start figures: a minimal Textual app showing one Static.

    python benchmarks/minimal_app.py            # just the app
    python benchmarks/minimal_app.py FILE.toml  # first a plain TOML parse of FILE

It is started exactly like `python -m orgtui FILE` (same interpreter, same pseudo-terminal)
and its one line of text, `BENCH-READY …`, is what run.py waits for on the terminal.
With a FILE it parses it with the same TOML parser orgtui uses (tomli, the compiled twin
of tomllib) and shows how many positions it found, so the floor includes reading the data.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "BENCH-READY"


class Minimal(App):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(self.text)


def main() -> None:
    text = MARKER
    if len(sys.argv) > 1:
        try:
            import tomli as toml
        except ImportError:  # pragma: no cover
            import tomllib as toml
        with open(sys.argv[1], "rb") as fh:
            data = toml.load(fh)
        text = f"{MARKER} {len(data.get('positions', []))} positions"
    Minimal(text).run()


if __name__ == "__main__":
    main()
