"""What would the figures be if a suspected hot spot were fixed? Estimates, not benchmarks.

    .venv/bin/python benchmarks/whatif.py                 # 5,000 people, 3 rounds, all variants
    .venv/bin/python benchmarks/whatif.py --rounds 5 --variants baseline cap cap+width

Each variant runs driver.session() in a fresh process with the fix applied as an
in-memory patch of that process only (no file of the product is changed), interleaved
round by round so the machine's drift hits every variant alike. The patches mirror the
fixes proposed in README.md and lean on implementation details of today's code (Textual's
TreeNode internals included), so they may need updating when the product changes:

- `cap`:    the split-duty message (validator) and the Roles row (views.duty_row) name at
            most 3 owning positions ("… and 474 more") instead of all ~480 (~13 KB a row)
- `width`:  OrgTree.get_label_width (Textual's documented override point) caches each
            node's width until its label changes, instead of re-rendering every label
            whenever a row is added or removed
- `notoast`: no toast after each edit (a toast mounts a widget: a full layout and repaint)
- `narrow`: validator._touched_by: a position whose duties changed touches only the duties
            that changed (not all ~10 it owns), unless its holders changed too
- `save`:   storage._value (one tomli_w.dumps per value) behind an LRU cache
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def apply_patches(variant: str) -> None:
    parts = set(variant.split("+"))
    if "cap" in parts:
        from orgtui.core.domain import presenters as views
        from orgtui.core.domain import validator as V
        from orgtui.ui.panes import roles

        check_duty = V.Validator._check_duty

        def _check_duty(self, duty_id):
            out = []
            for f in check_duty(self, duty_id):
                head, sep, titles = f.message.partition(": ")
                names = titles.split(", ")
                if f.code == V.SPLIT and sep and len(names) > 3:
                    f = V.Finding(f.severity, f.code, f"{head}: {', '.join(names[:3])} and {len(names) - 3} more",
                                  f.subject_kind, f.subject, f.related)
                out.append(f)
            return tuple(out)

        V.Validator._check_duty = _check_duty
        duty_row = views.duty_row

        def capped_row(org, duty_id):
            row = duty_row(org, duty_id)
            *rest, (text, style) = row.parts
            head, sep, names = text.partition(": ")
            names = names.split(", ")
            if sep and len(names) > 3:
                text = f"{head}: {', '.join(names[:3])} +{len(names) - 3}"
            return views.Row((*rest, (text, style)))

        views.duty_row = roles.duty_row = capped_row
    if "width" in parts:
        from rich.cells import cell_len

        from orgtui.ui.tree import OrgTree

        def get_label_width(self, node):
            cache = self.__dict__.setdefault("_whatif_widths", {})
            hit = cache.get(node._id)
            if hit is not None and hit[0] is node._label:
                return hit[1]
            width = cell_len(node._label.plain) + (2 if node._allow_expand else 0)
            cache[node._id] = (node._label, width)
            return width

        OrgTree.get_label_width = get_label_width
        try:
            from orgtui.ui.panes.problems import ProblemsPane

            ProblemsPane.get_label_width = get_label_width
        except ImportError:
            pass
    if "notoast" in parts:
        from textual.app import App

        App.notify = lambda self, *a, **k: None
    if "narrow" in parts:
        from orgtui.core.domain import validator as V
        from orgtui.core.domain.org import Position

        touched_by = V._touched_by

        def _touched_by(change, org):
            b, a = change.before, change.after
            if isinstance(b, Position) and isinstance(a, Position) and b.holders == a.holders and b.department == a.department:
                return {("position", change.id), ("department", a.department)} | {("duty", d) for d in set(b.duties) ^ set(a.duties)}
            return touched_by(change, org)

        V._touched_by = _touched_by
    if "save" in parts:
        from orgtui.core.storage import orgfile as storage

        storage._value = functools.lru_cache(maxsize=4096)(storage._value)


def child(variant: str, org: Path, reps: int) -> None:
    """One variant in this (fresh) process; prints one JSON line."""
    sys.path.insert(0, str(HERE))
    import driver  # sets up its own recovery folder

    apply_patches(variant)
    result, ws = asyncio.run(driver.session(org, reps, None))
    result.update(driver.time_saves(ws, 3, None))
    med = statistics.median
    print(json.dumps({
        "move": med(result["move"]), "undo": med(result["undo"]), "noop": med(result["noop"]),
        "toggle": med(result["toggle"]) if result["toggle"] else None,
        "first_frame": result["open"]["app_to_first_frame"], "save": med(result["save"]),
        "save_floor": med(result["save_floor"]), "recovery": result.get("recovery"),
        "rss": result["rss_session_mib"],
    }))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--variants", nargs="+", default=["baseline", "cap", "cap+width", "cap+width+notoast",
                                                          "cap+width+notoast+narrow", "save"])
    parser.add_argument("--child", nargs=2, metavar=("VARIANT", "ORG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), args.reps)
        return 0
    sys.path.insert(0, str(HERE))
    import generate

    results: dict[str, list[dict]] = {v: [] for v in args.variants}
    with tempfile.TemporaryDirectory(prefix="orgtui-whatif-") as tmp:
        org = Path(tmp) / "org.toml"
        generate.write(args.people, org)
        for r in range(args.rounds):
            for variant in args.variants:
                t = time.perf_counter()
                done = subprocess.run([sys.executable, __file__, "--reps", str(args.reps), "--child", variant, str(org)],
                                      capture_output=True, text=True, timeout=600)
                if done.returncode != 0:
                    print(done.stderr[-2000:], file=sys.stderr)
                    return 1
                results[variant].append(json.loads(done.stdout.strip().splitlines()[-1]))
                print(f"round {r + 1} {variant}: {time.perf_counter() - t:.0f} s", file=sys.stderr)

    def ms(values: list) -> str:
        values = [v for v in values if v is not None]
        return f"{statistics.median(values) * 1000:7.1f}" if values else "      —"

    print(f"{'variant':28s} {'move':>7s} {'undo':>7s} {'no-op':>7s} {'toggle':>7s} {'1st frame':>9s} {'save':>7s} {'floor':>7s} {'recovery':>8s}  (ms, medians)")
    for variant, rows in results.items():
        col = lambda k: [row[k] for row in rows]  # noqa: E731
        print(f"{variant:28s} {ms(col('move'))} {ms(col('undo'))} {ms(col('noop'))} {ms(col('toggle'))} {ms(col('first_frame')):>9s}"
              f" {ms(col('save'))} {ms(col('save_floor'))} {ms(col('recovery')):>8s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
