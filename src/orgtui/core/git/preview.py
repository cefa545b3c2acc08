"""What an edit would change, in `orgtui diff`'s words, before it is made.

The app shows this before a bulk edit (a role's duties given to a position), as the
repair plan is shown before "Fix all": the same sentences a reviewer reads in a diff.
"""

from __future__ import annotations

from orgtui.core.domain.edits import Edit
from orgtui.core.domain.org import Org
from orgtui.core.domain.whatif import copy_of
from orgtui.core.git.diff import diff_orgs
from orgtui.core.git.diff_format import HEADINGS, SIGNS, TEXT, sentence


def change_lines(org: Org, edit: Edit) -> list[str]:
    """One line per change the edit would make ("> “Pricing” (…) [id]: “A” → “B”"), the
    duties first; the org is left as it is (the edit is planned on a copy)."""
    after = copy_of(org)
    after.apply(edit.plan(after).changes)
    diff = diff_orgs(org, after, "now", "planned")
    order = ["duty", *(section for section in HEADINGS if section != "duty")]
    return [f"{SIGNS.get(i.what, '~')} {sentence(i, TEXT)}" for section in order for i in diff.section(section)]
