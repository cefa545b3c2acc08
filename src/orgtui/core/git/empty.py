"""An empty file where an org file should be: git's way of saying there is none.

git passes an empty BASE to a merge driver when both branches added the file, and a
review gate compares against nothing when a pull request adds the file. "Empty" is what
TOML calls an empty document: only blank lines (spaces, tabs, line ends) and comments.
Anything else, a form feed or a vertical tab included, is a file to read, and an invalid
one is reported as invalid, never taken for "nothing".
"""

from __future__ import annotations


def is_empty_document(text: str) -> bool:
    for line in text.split("\n"):
        content = line.strip(" \t").removesuffix("\r").rstrip(" \t")
        if content and not content.startswith("#"):
            return False
    # only comments and blanks so far: the parser has the last word (a control character
    # in a comment makes the file invalid, not empty)
    from orgtui.core.storage import tomlio
    from orgtui.core.storage.load_problems import LoadError

    try:
        return tomlio.parse(text, "") == {}
    except LoadError:
        return False
