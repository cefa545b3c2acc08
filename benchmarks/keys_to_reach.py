"""How many keys it takes to reach a person with Go to (`g`) in a large org.

    .venv/bin/python benchmarks/generate.py --people 5000 -o /tmp/org5000.toml
    .venv/bin/python benchmarks/keys_to_reach.py /tmp/org5000.toml

For 200 people drawn at random (seed 7): `g`, then the name as typed on any keyboard (no
accents) letter by letter until that person is the first result, then Enter; namesakes
add the Down presses to the right row. A second count types word starts ("asa zim") and
takes the shortest query that finds the person. It asks the matcher the app uses
(core/domain/matching.py over core/domain/findable.py), not the screen: the keys are the
same, and the screen's cost is timed in keys_in_pty.py.
"""

from __future__ import annotations

import random
import statistics
import sys
from pathlib import Path

from orgtui.core.domain import findable
from orgtui.core.domain.matching import MatchIndex, fold
from orgtui.core.storage.orgfile import load_org


def main() -> None:
    org = load_org(Path(sys.argv[1])).org
    index = MatchIndex.build(findable.everything(org))
    random.seed(7)
    people = random.sample(list(org.people.values()), 200)
    typing: list[int] = []
    for person in people:
        key = ("person", person.id)
        typed = fold(person.name)
        for n in range(1, len(typed) + 1):
            top = index.search(typed[:n], 1)
            if top and top[0].key == key:
                typing.append(1 + n + 1)  # g, n letters, enter
                break
        else:
            found = [m.key for m in index.search(typed, 50)]
            if key in found:
                typing.append(1 + len(typed) + found.index(key) + 1)
    print(f"typing the name: {len(typing)} of {len(people)} people reached, "
          f"median {statistics.median(typing)} keys, max {max(typing)}")
    starts: list[int] = []
    for person in people:
        words = fold(person.name).split()
        first, last = words[0], words[-1]
        options = []
        for i in range(1, len(first) + 1):
            for j in range(len(last) + 1):
                query = first[:i] + ((" " + last[:j]) if j else "")
                found = [m.key for m in index.search(query, 30)]
                if ("person", person.id) in found:
                    options.append(len(query) + found.index(("person", person.id)))
        if options:
            starts.append(1 + min(options) + 1)
    print(f"word starts (e.g. 'asa zim'): median {statistics.median(starts)} keys, max {max(starts)}")


if __name__ == "__main__":
    main()
