"""Seeded synthetic org files on the built-in catalog, for the benchmarks.

    .venv/bin/python benchmarks/generate.py --people 5000 -o /tmp/org5000.toml
    .venv/bin/python benchmarks/generate.py --people 50 -o /tmp/org50.toml --seed 7

At N people the org has about N/25 departments (nested 2-3 levels), 0.4·N positions and
4·N duty assignments (about 10 duties per position). With only 49 catalog duties most
duties are shared by many positions (many `split-duty` findings); a few are left unowned
on purpose (the gaps the app is about), one is owned only by vacancies and two by exactly
one position. Most people hold one position that fills their capacity; some are part
time, some hold a second position and are over capacity, a few hold none. Names are
seeded combinations of first and last names, some of them non-ASCII.

The org is built from `orgtui.core.domain.org` records and written with `dumps_org`, so the file
is canonical; it is then read back with `load_org` to prove it opens.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.storage.orgfile import dumps_org, load_org

FIRST = (
    "Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hannah", "Ivan", "Jonas",
    "Katrin", "Lukas", "Mia", "Noah", "Olga", "Paul", "Quentin", "Rosa", "Sven", "Tara",
    "Ute", "Valentin", "Wiebke", "Xenia", "Yusuf", "Zoe", "Jürgen", "Zoë", "Åsa", "Łukasz",
    "Søren", "Beyoncé", "José", "François", "Małgorzata", "Çağla", "Dörte", "Björn", "Renée",
    "Nguyễn Thị", "Ngozi", "Aiko", "Chidi", "Priya", "Mehmet", "Fatma", "Sophie", "Leon",
    "Emma", "Finn", "Lea", "Tim", "Jana", "Marco", "Ayşe", "Dmitrij", "Ilse", "Kai",
)
LAST = (
    "Schmidt", "Müller", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Okafor",
    "Ødegaard", "Çelik", "Yılmaz", "Nowak", "Kowalczyk", "García", "Fernández", "Dubois",
    "Lefèvre", "O'Brien", "Nakamura", "Tanaka", "Nguyen", "Đặng", "Svensson", "Ångström",
    "Papadopoulos", "Rossi", "Bianchi", "Jansen", "de Vries", "van der Berg", "Kaya",
    "Öztürk", "Vogel", "Lindqvist", "Dvořák", "Horváth", "Kuznetsova", "Iyer", "Mensah",
)

# Areas of the business: (name, main catalog role, sub-themes, position titles of that role)
AREAS = (
    ("Shop & Platform", "ecommerce_manager", ("Shop Frontend", "Checkout", "Shop Operations", "Returns Management", "Product Data"),
     ("E-Commerce Manager", "Shop Manager", "Onsite Merchandiser", "Returns Coordinator", "Produktdaten-Manager:in")),
    ("Marketplaces", "marketplace_manager", ("Amazon", "Zalando", "Otto", "eBay", "Kaufland"),
     ("Marketplace Manager", "Account Manager", "Marketplace Integration Engineer", "Listing Specialist")),
    ("Category & Purchasing", "category_manager", ("Outdoor", "Fashion", "Home & Living", "Elektronik", "Sport"),
     ("Category Manager", "Einkäufer:in", "Assortment Analyst", "Buyer")),
    ("Customer Service", "customer_service_manager", ("Hotline", "E-Mail & Chat", "After-Sales", "Complaints", "Social Care"),
     ("Customer Service Agent", "Teamleitung Kundenservice", "After-Sales Specialist", "Service Quality Manager")),
    ("Marketing & Content", "content_campaign_strategist", ("Content", "Campaigns", "SEO & SEA", "CRM", "Social Media"),
     ("Content Strategist", "Campaign Manager", "SEO Manager", "Texter:in", "Performance Marketeer")),
    ("UX & Design", "ux_designer", ("Research", "Product Design", "Design System"),
     ("UX Designer", "UX Researcher", "UI Designer")),
    ("Data & BI", "data_evangelist", ("Analytics", "Data Engineering", "Reporting"),
     ("Data Analyst", "Data Engineer", "BI Developer", "Data Evangelist")),
)
REGIONS = ("DACH", "Nord", "Süd", "Österreich", "Schweiz", "Benelux", "Île-de-France", "Polska", "Nordics", "Iberia", "UK", "Italia")
SENIORITY = ("Junior ", "", "", "", "Senior ", "Lead ")


@dataclass(frozen=True)
class Spec:
    people: int
    seed: int = 1

    @property
    def departments(self) -> int:
        return max(4, round(self.people / 25))

    @property
    def positions(self) -> int:
        return max(6, round(self.people * 0.4))

    @property
    def assignments(self) -> int:
        return self.people * 4


def ascii_slug(text: str) -> str:
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = "".join(c if c.isalnum() else "-" for c in normal)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-") or "x"


def generate(people: int, seed: int = 1, name: str | None = None) -> Org:
    """A synthetic org at the given scale; the same (people, seed) always gives the same org."""
    spec = Spec(people, seed)
    rng = random.Random(f"orgtui-bench-{people}-{seed}")
    catalog = builtin_catalog()
    duty_ids = list(catalog.duties)
    role_ids = list(catalog.roles)

    # -- departments: top-level divisions, their units, and teams under some units -----------
    n_dept = spec.departments
    n_top = max(1, round(n_dept * 0.05))
    n_second = max(1, round(n_dept * 0.3))
    n_third = max(0, n_dept - n_top - n_second)
    area_of: dict[str, int] = {}
    tops: list[Department] = []
    for i in range(n_top):
        area = i % len(AREAS)
        round_no = i // len(AREAS)
        label = AREAS[area][0] + (f" {REGIONS[round_no % len(REGIONS)]}" if round_no else "")
        dept = Department(f"{ascii_slug(AREAS[area][0])}-{i + 1:03d}", label)
        tops.append(dept)
        area_of[dept.id] = area
    seconds: list[Department] = []
    for i in range(n_second):
        parent = tops[i % n_top] if i < n_top else rng.choice(tops)
        area = area_of[parent.id]
        theme = rng.choice(AREAS[area][2])
        dept = Department(f"unit-{i + 1:04d}", f"{theme} {rng.choice(REGIONS)}", parent.id)
        seconds.append(dept)
        area_of[dept.id] = area
    thirds: list[Department] = []
    for i in range(n_third):
        parent = rng.choice(seconds)
        dept = Department(f"team-{i + 1:04d}", f"Team {parent.name} {i % 9 + 1}", parent.id)
        thirds.append(dept)
        area_of[dept.id] = area_of[parent.id]
    children: dict[str | None, list[Department]] = {}
    for d in tops + seconds + thirds:
        children.setdefault(d.parent, []).append(d)
    departments: list[Department] = []  # file order: depth first, parents before children
    stack = list(reversed(children[None]))
    while stack:
        d = stack.pop()
        departments.append(d)
        stack.extend(reversed(children.get(d.id, [])))

    # Some leaf teams stay empty (an `empty-department` finding each); the rest share the
    # positions, top-level divisions getting just their heads.
    leaves = [d for d in departments if d.id not in children]
    empty = set(rng.sample([d.id for d in leaves], k=min(len(leaves) - 1, max(0, round(len(leaves) * 0.02)))))
    homes = [d for d in departments if d.parent is not None and d.id not in empty]
    weights = [rng.uniform(0.3, 2.0) for _ in homes]

    # -- positions ---------------------------------------------------------------------------
    n_pos = spec.positions
    slots: list[Department] = list(tops)  # one head per division
    slots += rng.choices(homes, weights=weights, k=max(0, n_pos - len(slots)))
    slots = slots[:n_pos]
    drafts: list[dict] = []
    for i, dept in enumerate(slots):
        area = AREAS[area_of[dept.id]]
        head = i < n_top
        r = rng.random()
        role = area[1] if r < 0.8 else (None if r < 0.85 else rng.choice(role_ids))
        if head:
            title, role = f"Head of {dept.name}", area[1]
        else:
            title = f"{rng.choice(SENIORITY)}{rng.choice(area[3])}"
        fte = 1.0 if head else rng.choices((1.0, 0.5, 0.8), weights=(85, 10, 5))[0]
        drafts.append({"id": f"pos-{i + 1:05d}", "title": title, "department": dept.id, "role": role, "fte": fte,
                       "holders": [], "duties": []})

    # -- holders: one per position except vacancies, the rest of the people in pools ---------
    order = list(range(n_pos))
    rng.shuffle(order)
    n_vacant = max(1, round(n_pos * 0.05))
    vacant = set(order[:n_vacant]) - set(range(n_top))
    held = [i for i in range(n_pos) if i not in vacant]
    pools = rng.sample(held, k=max(1, round(len(held) * 0.12)))
    pool_weights = [rng.paretovariate(1.3) for _ in pools]
    n_people = spec.people
    n_idle_people = round(n_people * 0.005)
    primary: list[int] = held[: max(0, n_people - n_idle_people)]
    rest = n_people - n_idle_people - len(primary)
    primary += rng.choices(pools, weights=pool_weights, k=max(0, rest))
    rng.shuffle(primary)

    persons: list[Person] = []
    used: Counter[str] = Counter()
    for k in range(n_people):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        base = f"{ascii_slug(first)}.{ascii_slug(last)}"
        used[base] += 1
        ident = base if used[base] == 1 else f"{base}-{used[base]}"
        pos = primary[k] if k < len(primary) else None
        capacity = 1.0
        if pos is not None:
            drafts[pos]["holders"].append(ident)
            capacity = drafts[pos]["fte"]  # at capacity: a part-time post is held part time
            r = rng.random()
            if r < 0.04:  # a second hat: over capacity
                second = rng.randrange(n_pos)
                if second != pos and second not in vacant and ident not in drafts[second]["holders"]:
                    drafts[second]["holders"].append(ident)
            elif r < 0.06:  # some slack
                capacity = min(2.0, capacity + 0.2)
        persons.append(Person(ident, f"{first} {last}", round(capacity, 2)))

    # -- duties: ~10 per position, from its role first; a few gaps on purpose ---------------
    shuffled = list(duty_ids)
    rng.shuffle(shuffled)
    n_gaps = max(1, round(len(duty_ids) * 0.06))
    gaps = set(shuffled[:n_gaps])  # nobody owns these
    vacant_only = shuffled[n_gaps]  # owned by vacancies only
    single = shuffled[n_gaps + 1 : n_gaps + 3]  # exactly one owner each
    shared = [d for d in duty_ids if d not in gaps and d != vacant_only and d not in single]
    by_role = {r: [d.id for d in catalog.roles[r].duties if d.id in shared] for r in role_ids}
    idle = set(rng.sample(range(n_pos), k=round(n_pos * 0.03))) - set(range(n_top))
    busy = [i for i in range(n_pos) if i not in idle]
    budget = spec.assignments - 1 - len(single)
    counts = [max(1, round(rng.gauss(budget / len(busy), 3))) for _ in busy]
    scale = budget / sum(counts)
    counts = [min(len(shared), max(1, round(c * scale))) for c in counts]
    for i, n in zip(busy, counts):
        d = drafts[i]
        own = by_role.get(d["role"] or "", [])
        picks = rng.sample(own, k=min(len(own), max(1, round(n * 0.5))))
        others = [x for x in shared if x not in picks]
        picks += rng.sample(others, k=max(0, min(len(others), n - len(picks))))
        d["duties"] = picks
    vacant_list = sorted(vacant) or [n_pos - 1]
    for i in vacant_list[: min(3, len(vacant_list))]:
        drafts[i]["duties"].append(vacant_only)
    held_busy = [i for i in busy if drafts[i]["holders"]]
    for duty in single:
        drafts[rng.choice(held_busy)]["duties"].append(duty)

    positions = [
        Position(d["id"], d["title"], d["department"], d["role"], tuple(d["holders"]), tuple(dict.fromkeys(d["duties"])), d["fte"])
        for d in drafts
    ]
    info = OrgInfo(name or f"Synthetic Retail {people} (seed {seed})", span_of_control=12)
    org = Org(info, catalog, departments, persons, positions)
    org.preamble = (
        f"# Synthetic org for orgtui's benchmarks: {people} people, seed {seed}.\n"
        f"# Made by benchmarks/generate.py; the same arguments always give the same bytes."
    )
    return org


def stats(org: Org) -> dict[str, int]:
    depth = 0
    for d in org.departments:
        depth = max(depth, 1 + len(org.ancestors(d)))
    return {
        "departments": len(org.departments),
        "department_levels": depth,
        "positions": len(org.positions),
        "people": len(org.people),
        "assignments": sum(len(p.duties) for p in org.positions.values()),
        "holdings": sum(len(p.holders) for p in org.positions.values()),
        "unowned_duties": sum(1 for d in org.catalog.duties if not org.owners(d)),
    }


def compile_package() -> None:
    """Write orgtui's bytecode before a timed start, as an installed package has it.

    With PYTHONDONTWRITEBYTECODE set (as on this machine) an editable install never keeps
    its .pyc, so every timed start compiled ~100 modules (~0.3 s) while the floor's Textual
    loaded its compiled files: a cost no installed orgtui pays.
    """
    import compileall

    import orgtui

    compileall.compile_dir(str(Path(orgtui.__file__).parent), quiet=1)


def write(people: int, path: Path, seed: int = 1) -> dict[str, int]:
    """Generate, write canonically, read back; returns the counts of what was written."""
    org = generate(people, seed)
    text = dumps_org(org)
    path.write_text(text, encoding="utf-8")
    loaded = load_org(path)  # proves the file opens (raises LoadError with every problem otherwise)
    if dumps_org(loaded.org) != text:
        raise AssertionError(f"{path} is not canonical: saving it unchanged would change it")
    out = stats(loaded.org)
    out["bytes"] = len(text.encode("utf-8"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=5000, help="number of people (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: %(default)s)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the org file to write")
    parser.add_argument("--findings", action="store_true", help="also print the validator's findings per code")
    args = parser.parse_args(argv)
    if args.people < 1:
        parser.error("--people must be at least 1")
    counts = write(args.people, args.output, args.seed)
    print(f"wrote {args.output}: " + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items()))
    if args.findings:
        from orgtui.core.domain.validator import CODES, Validator

        v = Validator(load_org(args.output).org)
        print("findings: " + ", ".join(f"{v.count(c)} {c}" for c in CODES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
