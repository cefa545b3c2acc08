"""What a suggestion would do to the findings: its changes tried on the live validator.

The changes are applied, the findings of the subjects they touch read off the validator,
and everything taken back, so the words are the validator's own and asking changes
nothing. A trial costs what an edit costs. Keeping one owner of a split duty is a change
to every other owner (hundreds in a large org), so the keepers of one duty are tried one
after another (`keeper_deltas`): the first costs a change per other owner, each next one
two (the keeper before gives the duty up, this one takes it back), and one change list
restores the org at the end. The validator is exact edit by edit, so each answer is the
one `findings_delta` of that keeper's edit gives (tests/test_suggest.py compares them).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from orgtui.core.domain.org import Change, Org, Position
from orgtui.core.domain.validator import Finding, Key, Validator, touched_subjects

Delta = tuple[tuple[Finding, ...], tuple[Finding, ...]]  # (added, resolved)


def _in_order(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The same findings in the same order every run (the touched subjects are a set)."""
    return tuple(sorted(findings, key=lambda f: (f.severity, f.code, f.subject_kind, f.subject, f.message)))


def _delta(before: dict[tuple[str, str], Finding], after: dict[tuple[str, str], Finding]) -> Delta:
    return (_in_order(f for k, f in after.items() if k not in before),
            _in_order(f for k, f in before.items() if k not in after))


def _findings(validator: Validator, keys: Iterable[Key]) -> dict[tuple[str, str], Finding]:
    return {(f.code, f.subject): f for key in keys for f in validator.about(*key)}


def findings_delta(org: Org, validator: Validator, changes: tuple[Change, ...]) -> Delta:
    """(added, resolved): what these changes would do to the findings. They are applied,
    read off the validator and taken back; only the subjects they touch are re-checked."""
    assert validator.org is org
    before = _findings(validator, touched_subjects(changes, org))
    org.apply(changes)
    try:
        after = _findings(validator, validator.update(changes))
    finally:
        undo = tuple(c.inverse() for c in reversed(changes))
        org.apply(undo)
        validator.update(undo)
    return _delta(before, after)


def keeper_deltas(org: Org, validator: Validator, duty: str, keepers: list[str],
                  between: Callable[[], None] | None = None) -> dict[str, Delta]:
    """For each keeper (an owner of the split `duty`): what unassigning the duty from every
    other owner would do to the findings (see the module docstring). `between` is called
    before each keeper is tried; whatever it raises, the org and validator are restored."""
    assert validator.org is org
    owners = org.owners(duty)
    original = {p: org.positions[p] for p in owners}
    without: dict[str, Position] = {}
    touches: dict[str, set[Key]] = {}
    for i, p in enumerate(owners):
        if between is not None and i and not i % STEP:
            between()
        pos = original[p]
        without[p] = replace(pos, duties=tuple(d for d in pos.duties if d != duty))
        touches[p] = touched_subjects((Change("position", p, pos, without[p]),), org)
    now = {key: validator.about(*key) for keys in touches.values() for key in keys}  # before any trial
    out: dict[str, Delta] = {}
    tried = False
    try:
        for keep in keepers:
            if between is not None:
                between()
            keys = set().union(*(touches[o] for o in owners if o != keep))
            before = {(f.code, f.subject): f for key in keys for f in now[key]}
            _become(org, validator, {o: original[o] if o == keep else without[o] for o in owners}, between)
            out[keep] = _delta(before, _findings(validator, keys))
        tried = True
    finally:
        # thousands of owners' changes taken back: with `between` after the trials too; if
        # it raises meanwhile, the rest is restored before its exception goes on
        try:
            _become(org, validator, original, between if tried else None)
        except BaseException:
            _become(org, validator, original)
            raise
    return out


STEP = 100  # changes applied between two calls of `between` (a worker steps aside for keys)


def _become(org: Org, validator: Validator, records: dict[str, Position],
            between: Callable[[], None] | None = None) -> None:
    """Put these position records in place, in change lists of STEP (`between` after each
    but the last): the validator is exact after each, so the end is the same as in one."""
    changes = [Change("position", p, org.positions[p], record) for p, record in records.items()
               if org.positions[p] is not record]
    for start in range(0, len(changes), STEP):
        if start and between is not None:
            between()
        part = changes[start:start + STEP]
        org.apply(part)
        validator.update(part)
