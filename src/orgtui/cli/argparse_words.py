"""argparse's own words (usage, options, its errors) in the user's language.

argparse looks its words up with the stdlib gettext, whose catalog we do not ship; these are
its message ids, marked here so that our catalog holds them, and `speak_argparse()` makes
argparse ask our catalog instead. Only the words a user of `orgtui` can meet are listed."""

from __future__ import annotations

import argparse

from orgtui.core import i18n
from orgtui.core.i18n import N_

WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)


def speak_argparse() -> None:
    """Let argparse translate with our catalog (it reads the module's `_` at call time)."""
    argparse._ = i18n._  # type: ignore[attr-defined]
