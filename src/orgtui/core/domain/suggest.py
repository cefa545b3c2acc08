"""Suggested fixes for one duty: who should own it, which owner to keep, who takes it over.

For an unowned duty: the positions that fit best to own it. For a split duty: which of its
owners to keep. For a duty owned only by vacancies: a held position to take it over, or
hiring for the vacancy. Each suggestion has a score, its reasons in words, the findings it
would create, and the edit that makes it (one undoable step).

The score adds up what a reorg workshop would weigh: the position's role template is the
duty's role (+3); it already owns other duties of that role (+0.5 each, at most +2); it is
held (a vacancy: -3, nobody would do the work yet); its holders have room for the duty's
effort (+1) or not (-1); another role template (-0.5), a holder already over capacity (-1); each
finding the change would create (-1.5 a warning, -10 an error) and each other finding it
resolves (+0.5: an idle position gets work). The findings are not guessed: the best candidates are tried on the live validator
and taken back (`findings_added`), so the words are the validator's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from orgtui.core.domain import duty_status, effort
from orgtui.core.domain.catalog import local_title
from orgtui.core.domain.edits import AssignDuty, Batch, Edit, MoveDuty, UnassignDuty
from orgtui.core.domain.org import Org, Position
from orgtui.core.domain.suggest_trials import findings_delta, keeper_deltas
from orgtui.core.domain.validator import OVERLOADED, Finding, Severity, Validator
from orgtui.core.i18n import N_, _, ngettext
from orgtui.core.text import some_names

UNOWNED_PROBLEM = "unowned"
SPLIT_PROBLEM = "split"
VACANT_PROBLEM = "vacancy only"
# the problems in the reader's words (the constants above are what the JSON report writes)
PROBLEM_WORDS = {UNOWNED_PROBLEM: N_("unowned"), SPLIT_PROBLEM: N_("split"), VACANT_PROBLEM: N_("vacancy only")}

ROLE_MATCH = 3.0
PER_SIBLING, MAX_SIBLINGS = 0.5, 2.0
VACANT_PENALTY = -3.0
ROOM = 1.0
NO_ROOM = -1.0
NEW_WARNING, NEW_ERROR = -1.5, -10.0
RESOLVES = 0.5  # each other finding the change resolves (an idle position gets work)
OTHER_ROLE = -0.5
OVERLOADED_HOLDER = -1.0
TRIED = 8  # candidates tried on the validator for their exact findings (the rest by score)
# Keeping one of many owners is a change to every other owner: try fewer of those.
MANY_OWNERS, TRIED_KEEPERS = 50, 3


@dataclass(frozen=True, slots=True)
class Suggestion:
    duty: str
    action: str  # "assign", "keep", "move" or "hire"
    position: str | None  # the position that owns the duty afterwards (None: hire)
    label: str  # what applying it does, as the undo list will show it
    score: float
    reasons: tuple[str, ...]
    creates: tuple[Finding, ...] = ()  # errors and warnings the change would add
    edit: Edit | None = None  # None: advice only (hire someone)


@dataclass(frozen=True, slots=True)
class DutySuggestions:
    duty: str
    problem: str  # UNOWNED_PROBLEM, SPLIT_PROBLEM or VACANT_PROBLEM
    suggestions: tuple[Suggestion, ...] = field(default=())

    @property
    def top(self) -> Suggestion | None:
        return self.suggestions[0] if self.suggestions else None


def problem_of(org: Org, duty_id: str) -> str | None:
    owners = org.owners(duty_id)
    if not owners:
        return UNOWNED_PROBLEM
    if all(not org.positions[p].holders for p in owners):
        return VACANT_PROBLEM  # a vacancy is the more urgent fix (coverage's rule)
    if len(owners) > 1:
        return SPLIT_PROBLEM
    return None


def suggest(org: Org, validator: Validator, duty_id: str, limit: int = 3,
            between: Callable[[], None] | None = None) -> DutySuggestions | None:
    """The best `limit` fixes for one duty, best first; None when the duty needs none.
    `between` is called before each candidate is tried (a worker pauses or gives up there)."""
    return _suggest(org, validator, _Facts(org, between, validator), duty_id, limit)


def _suggest(org: Org, validator: Validator, facts: _Facts, duty_id: str, limit: int) -> DutySuggestions | None:
    problem = problem_of(org, duty_id)
    if problem is None:
        return None
    if problem == UNOWNED_PROBLEM:
        found = _assignments(org, validator, facts, duty_id, limit)
    elif problem == SPLIT_PROBLEM:
        found = _keepers(org, validator, facts, duty_id, limit)
    else:
        found = _takeovers(org, validator, facts, duty_id, limit)
    return DutySuggestions(duty_id, problem, tuple(found))


def suggest_all(org: Org, validator: Validator, limit: int = 3) -> list[DutySuggestions]:
    """Suggestions for every duty that is unowned, split or owned only by vacancies."""
    out = []
    facts = _Facts(org, validator=validator)  # worked out once for every duty
    for duty in org.catalog.duties:
        found = _suggest(org, validator, facts, duty, limit)
        if found is not None:
            out.append(found)
    return out


# -- what is known about every position, computed once per request ---------------------------


class _Facts:
    """What the fit of a position depends on besides the duty, worked out once per position
    (or role) and shared by every duty asked about while the org stays as it is. Given the
    org's validator, only the holders it finds over capacity have their load added up."""

    def __init__(self, org: Org, between: Callable[[], None] | None = None, validator: Validator | None = None) -> None:
        self.org = org
        self.between = between
        self._validator = validator
        self._by_role: dict[str, dict[str, int]] = {}  # role -> position -> duties of it owned
        self._overloaded: dict[str, tuple[tuple[str, float, float], ...]] = {}
        self._work: dict[str, float | None] = {}

    def role_count(self, pos: Position, role: str) -> int:
        """How many duties of `role` the position owns (from the owner index, per role)."""
        counts = self._by_role.get(role)
        if counts is None:
            counts = self._by_role[role] = {}
            for ident, duty in self.org.catalog.duties.items():
                if duty.role == role:
                    for owner in self.org.owners(ident):
                        counts[owner] = counts.get(owner, 0) + 1
        return counts.get(pos.id, 0)

    def overloaded_holders(self, pos: Position) -> tuple[tuple[str, float, float], ...]:
        """(name, load, capacity) of each holder already over capacity by FTE."""
        found = self._overloaded.get(pos.id)
        if found is None:
            out = []
            for holder in pos.holders:
                if self._validator is not None and not any(f.code == OVERLOADED for f in self._validator.about("person", holder)):
                    continue  # the validator's rule is the same: load above capacity
                who = self.org.people[holder]
                load = self.org.load_of(holder)
                if effort.over(load, who.capacity):
                    out.append((who.name, load, who.capacity))
            found = self._overloaded[pos.id] = tuple(out)
        return found

    def work(self, pos: Position) -> float | None:
        if pos.id not in self._work:
            self._work[pos.id] = effort.position_work(self.org, pos)
        return self._work[pos.id]


def _fit(org: Org, facts: _Facts, pos: Position, duty_id: str, adding: bool,
         explain: bool = True) -> tuple[float, list[str]]:
    """How well `pos` fits to own the duty, and why (adding: it does not own it yet).
    Without `explain` only the score is computed (the solver scores thousands of pairs)."""
    score, reasons = 0.0, []
    for part in (_role_fit, _holder_fit, _room_fit):
        points, why = part(org, facts, pos, duty_id, adding, explain)
        score += points
        reasons += why
    return score, reasons


def _role_fit(org: Org, facts: _Facts, pos: Position, duty_id: str, adding: bool,
              explain: bool) -> tuple[float, list[str]]:
    """Its role template is the duty's role; it owns other duties of that role."""
    duty = org.catalog.duties[duty_id]
    siblings = facts.role_count(pos, duty.role) - (0 if adding else 1)
    score = ROLE_MATCH if pos.role == duty.role else OTHER_ROLE if pos.role is not None else 0.0
    if siblings > 0:
        score += min(MAX_SIBLINGS, PER_SIBLING * siblings)
    if not explain:  # the solver scores thousands of pairs: no words
        return score, []
    role = local_title(org.catalog.roles[duty.role])
    reasons = []
    if pos.role == duty.role:
        reasons.append(_("its role is {role}").format(role=role))
    elif pos.role is not None:
        own = local_title(org.catalog.roles[pos.role])
        reasons.append(_("its role is {own}, not {role}").format(own=own, role=role))
    if siblings > 0:
        reasons.append(ngettext("it already owns {n} other {role} duty", "it already owns {n} other {role} duties", siblings)
                       .format(n=siblings, role=role))
    return score, reasons


def _holder_fit(org: Org, facts: _Facts, pos: Position, duty_id: str, adding: bool,
                explain: bool) -> tuple[float, list[str]]:
    """Somebody holds it, and nobody of them is already over capacity."""
    if not pos.holders:
        return VACANT_PENALTY, [_("it is vacant: nobody does the work until it is filled")] if explain else []
    over = facts.overloaded_holders(pos)
    if not explain:
        return OVERLOADED_HOLDER * len(over), []
    reasons = [_("{name} is already over capacity ({load} / {capacity} FTE)").format(name=name, load=f"{load:g}", capacity=f"{capacity:g}")
               for name, load, capacity in over]
    return OVERLOADED_HOLDER * len(over), reasons


def _room_fit(org: Org, facts: _Facts, pos: Position, duty_id: str, adding: bool,
              explain: bool) -> tuple[float, list[str]]:
    """With effort known: its holders have room for the duty's effort."""
    cost = org.effort(duty_id)
    work = facts.work(pos)
    if cost is None or work is None:
        return 0.0, []
    spare = round(effort.position_capacity(pos) - work + (0 if adding else cost), 6)
    room = spare + effort.EPSILON >= cost
    if not explain:
        return (ROOM if room else NO_ROOM), []
    if room:
        if len(pos.holders) > 1:
            template = _("its holders have {spare} FTE to spare for the duty's {cost}")
        elif pos.holders:
            template = _("its holder has {spare} FTE to spare for the duty's {cost}")
        else:
            template = _("a hire would have {spare} FTE to spare for the duty's {cost}")
        return ROOM, [template.format(spare=f"{spare:g}", cost=f"{cost:g}")]
    if len(pos.holders) > 1:
        template = _("its holders have {spare} FTE to spare, the duty takes {cost}")
    elif pos.holders:
        template = _("its holder has {spare} FTE to spare, the duty takes {cost}")
    else:
        template = _("a hire would have {spare} FTE to spare, the duty takes {cost}")
    return NO_ROOM, [template.format(spare=f"{max(spare, 0):g}", cost=f"{cost:g}")]


def _worth(added: tuple[Finding, ...], resolved: tuple[Finding, ...]) -> float:
    penalty = sum(NEW_ERROR if f.severity == Severity.ERROR else NEW_WARNING if f.severity == Severity.WARNING else 0.0
                  for f in added)
    # the problem being fixed is not a bonus (every candidate fixes it); side effects are
    bonus = sum(RESOLVES for f in resolved if f.severity != Severity.ERROR)
    return penalty + bonus


def _ranked(org: Org, validator: Validator, facts: _Facts, duty_id: str, candidates: list[tuple[float, str]],
            adding: bool, make: Callable[[str], tuple[str, str, Edit]], limit: int,
            keeping: bool = False) -> list[Suggestion]:
    """Score every candidate position (fast), try the best on the validator, rank by the
    final score. `make(position)` builds the suggestion's action, label and edit; with
    `keeping` the candidates are owners to keep, tried together (`keeper_deltas`)."""
    candidates.sort(key=lambda c: -c[0])  # stable: file order among equals
    out = []
    tried = TRIED if adding or len(candidates) <= MANY_OWNERS else TRIED_KEEPERS
    chosen = [position for _score, position in candidates[:max(tried, limit)]]
    kept = keeper_deltas(org, validator, duty_id, chosen, facts.between) if keeping else {}
    for position in chosen:
        if facts.between is not None:
            facts.between()
        score, reasons = _fit(org, facts, org.positions[position], duty_id, adding)
        action, label, edit = make(position)
        added, resolved = kept[position] if keeping else findings_delta(org, validator, edit.plan(org).changes)
        # notes (info) are not a cost: a duty given to a post one person holds is a single
        # point of failure, as most duties are
        creates = tuple(f for f in added if f.severity != Severity.INFO)
        side = [f for f in resolved if f.severity != Severity.ERROR and f.subject != duty_id]
        final = round(score + _worth(creates, tuple(side)), 6)
        reasons = reasons + [_("it also resolves: {finding}").format(finding=f.message) for f in side]
        if not creates:
            reasons = reasons + [_("it creates no new finding")]
        out.append(Suggestion(duty_id, action, position, label, final, tuple(reasons), creates, edit))
    out.sort(key=lambda s: -s.score)
    return out[:limit]


STEP = 100  # positions scored (or owners' changes tried) between two calls of `between`


def _scored(org: Org, facts: _Facts, duty_id: str, positions: Iterable[str], adding: bool) -> list[tuple[float, str]]:
    out = []
    for i, p in enumerate(positions):
        if facts.between is not None and i and not i % STEP:
            facts.between()  # 20,000 positions at 50,000 people: a worker steps aside for keys here too
        out.append((_fit(org, facts, org.positions[p], duty_id, adding, explain=False)[0], p))
    return out


def _title(org: Org, duty_id: str) -> str:
    return local_title(org.catalog.duties[duty_id])


def _assignments(org: Org, validator: Validator, facts: _Facts, duty_id: str, limit: int) -> list[Suggestion]:
    def make(position: str) -> tuple[str, str, Edit]:
        title = org.positions[position].title
        return "assign", _("Assign “{duty}” to {position}").format(duty=_title(org, duty_id), position=title), AssignDuty(duty_id, position)

    candidates = _scored(org, facts, duty_id, org.positions, adding=True)
    return _ranked(org, validator, facts, duty_id, candidates, True, make, limit)


def _keepers(org: Org, validator: Validator, facts: _Facts, duty_id: str, limit: int) -> list[Suggestion]:
    owners = org.owners(duty_id)

    def make(keep: str) -> tuple[str, str, Edit]:
        others = [o for o in owners if o != keep]
        names = some_names([org.positions[o].title for o in others])
        label = _("Keep “{duty}” with {position} (unassign it from {others})").format(
            duty=_title(org, duty_id), position=org.positions[keep].title, others=names)
        return "keep", label, Batch(label, tuple(UnassignDuty(duty_id, o) for o in others))

    candidates = _scored(org, facts, duty_id, owners, adding=False)
    return _ranked(org, validator, facts, duty_id, candidates, False, make, limit, keeping=True)


def _takeovers(org: Org, validator: Validator, facts: _Facts, duty_id: str, limit: int) -> list[Suggestion]:
    vacant = org.owners(duty_id)
    names = some_names([org.positions[v].title for v in vacant])

    def make(position: str) -> tuple[str, str, Edit]:
        label = _("Move “{duty}” from {source} to {target}").format(duty=_title(org, duty_id), source=names, target=org.positions[position].title)
        if len(vacant) == 1:
            return "move", label, MoveDuty(duty_id, vacant[0], position)
        return "move", label, Batch(label, (*(UnassignDuty(duty_id, v) for v in vacant), AssignDuty(duty_id, position)))

    held = [p for p, pos in org.positions.items() if pos.holders]
    found = _ranked(org, validator, facts, duty_id, _scored(org, facts, duty_id, held, adding=True), True, make,
                    max(1, limit - 1))
    hire = Suggestion(duty_id, "hire", None, _("Hire for {positions}").format(positions=names), 0.0,
                      (_("the duty is already planned for {positions}: filling it covers the duty").format(positions=names),))
    return [*found, hire][:limit]


# -- a one-line hint per problem (the Problems pane) -----------------------------------------

HINTED_CODES = duty_status.HINTED_CODES  # the findings a suggestion fixes


def hints(org: Org, validator: Validator, duties: Iterable[str],
          between: Callable[[], None] | None = None) -> Iterator[tuple[str, str | None]]:
    """Each duty problem's top suggestion in a few words ("→ Assign … to X"): the same
    answer as `suggest` (its first suggestion); None when the duty needs none or nothing
    fits. The duties share what is known about every position (one pass over the org for
    all of them, not one each: 20,000 positions at 50,000 people). Tries changes on `org`
    and `validator` and takes them back (suggest_trials.py), so neither may change while
    the answers are read."""
    facts = _Facts(org, between, validator)
    for duty in duties:
        found = _suggest(org, validator, facts, duty, limit=1)
        yield duty, (f"→ {found.top.label}" if found is not None and found.top is not None else None)


def hint_inputs(org: Org, duty: str) -> frozenset[tuple[str, str]] | None:
    """The subjects (kind, id) a duty's hint depends on, or None for "any": an edit that
    changes none of them leaves the hint as it is. A split duty's keepers are its owners,
    scored by their roles, duties, holders and the holders' loads (their other positions);
    keeping one changes only the others. An unowned or vacancy-only duty is weighed
    against every position, so any edit may change its hint."""
    if problem_of(org, duty) != SPLIT_PROBLEM:
        return None
    owners = org.owners(duty)
    holders = {h for p in owners for h in org.positions[p].holders}
    positions = set(owners) | {q for h in holders for q in org.positions_of(h)}
    return frozenset({("duty", duty), *(("position", p) for p in positions), *(("person", h) for h in holders)})
