"""English left in a German text: the words that give away a string nobody marked for translation.

The names in an org (people, positions, departments, duty and role titles in both languages) are
taken out first: they are the user's words, not the app's."""

from __future__ import annotations

import re

from orgtui.core.domain.org import Org

# common English words that are no German words (so "in", "an", "so", "die" are not here)
ENGLISH = re.compile(
    r"\b(the|is|are|has|have|owns?|owned|owner|owners|duty|duties|positions?|reports?|nobody|unowned|split|"
    r"capacity|from|with|which|would|cannot|already|there|and|of|to|its|their|more|than|only|vacant|holders?|"
    r"departments?|people|remove|add|rename|move|set|assign|unassign|make|save|open|file|error|errors|"
    r"warnings?|show|shows|print|prints|write|writes|usage|options|help|this|that|not|none|for|or|by|every|"
    r"each|what|when|one|no|nothing|changes?|unknown|found|key|press|select|selected|yet)\b",
    re.IGNORECASE,
)


def names_of(org: Org) -> list[str]:
    names = [d.name for d in org.departments.values()] + [p.title for p in org.positions.values()]
    names += [p.name for p in org.people.values()] + [org.info.name]
    for entry in (*org.catalog.duties.values(), *org.catalog.roles.values()):
        names += [entry.title, entry.title_de or ""]
    return sorted({n for n in names if n}, key=len, reverse=True)


def english_in(text: str, names: list[str] = ()) -> list[str]:
    """The English words in `text` once the given names are taken out."""
    for name in names:
        text = text.replace(name, "·")
    text = re.sub(r"""(--?[\w-]+|`[^`]*`|'[^']*'|"[^"]*"|„[^“]*“|\{[^}]*\}|[\w.-]+\.(toml|json|md|csv|dot|svg|txt))""", "·", text)  # options, ids, files
    return ENGLISH.findall(text)
