"""The repair plan ("Fix all", `orgtui fix`): the fewest changes that leave no duty unowned.

A change is one duty given to or taken from one position (a move is two). The plan is a
small integer programme over "position p owns duty d" (`scipy.optimize.milp`, HiGHS),
solved in up to three rounds, each keeping the best the round before found:

1. capacity (only when the org estimates effort): no position's duty work above what its
   holders give, no person's above their capacity, or, where some already are, no higher
   than now. If that cannot be met, the least overflow, and the plan says where and why;
2. with scope "all": every split duty keeps one owner (always possible: giving up an owner
   only frees capacity), and as few duties as capacity allows are left with a vacancy as
   that one owner;
3. the fewest changes, and among those the best-scored positions (suggest.py's fit: role,
   sibling duties, held, room; equal fits go to the position first in the file).

Each round first solves the linear relaxation: when its optimum is integral (rows like
"one owner per duty" often make it so) it is the programme's optimum too; otherwise milp
branches. With effort and scope "unowned" a first programme only gives each unowned duty
an owner: one change per duty is the fewest there can be, so if that fits within capacity
it is optimal without considering moves. In an org with more than SMALL duty-position
pairs and effort, a duty that needs an owner is offered its CANDIDATES best-fitting
positions with room for it, and already owned duties are not moved to make room: that
keeps a 5,000-person org a small programme (benchmarks/repair.py); every sample is small.

Every duty ends with an owner (a constraint, not a goal); errors other than unowned duties
(merge conflicts) are not the plan's to fix and are left as they are. SciPy is imported
here only, so `orgtui check` and the app's start do not load it.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgtui.core.domain import effort
from orgtui.core.domain.catalog import local_title
from orgtui.core.domain.edits import AssignDuty, Batch, Edit, MoveDuty, UnassignDuty
from orgtui.core.domain.org import Org
from orgtui.core.domain.programme import INFINITY, Programme, ProgrammeError
from orgtui.core.domain.suggest import RESOLVES, _Facts, _fit
from orgtui.core.i18n import _, ngettext

SCOPES = ("unowned", "all")
SMALL = 20_000  # duties x positions up to which every pair is in the programme
CANDIDATES = 60  # above that, with effort: positions considered per duty that needs an owner
_TOL = 1e-6


class RepairError(Exception):
    """No plan can be made; the message says why."""


@dataclass(frozen=True, slots=True)
class RepairPlan:
    scope: str
    added: tuple[tuple[str, str], ...]  # (duty, position) pairs the plan creates
    removed: tuple[tuple[str, str], ...]  # (duty, position) pairs it takes away
    unmet: tuple[str, ...]  # what could not be achieved, and why, in words
    # why the plan is not proven the fewest, in words ("" when it is: the whole programme
    # solved to a zero gap, or the changes equal a bound no plan can go below)
    unproven: str = ""

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.removed)

    @property
    def label(self) -> str:
        return ngettext("Fix all: {n} change", "Fix all: {n} changes", self.changes).format(n=self.changes)

    @property
    def summary(self) -> str:
        """"17 changes (17 assignments, 0 removals)", as `orgtui fix` and the app's preview say it."""
        changes = ngettext("{n} change", "{n} changes", self.changes).format(n=self.changes)
        added = ngettext("{n} assignment", "{n} assignments", len(self.added)).format(n=len(self.added))
        removed = ngettext("{n} removal", "{n} removals", len(self.removed)).format(n=len(self.removed))
        return _("{changes} ({assignments}, {removals})").format(changes=changes, assignments=added, removals=removed)

    def edits(self, org: Org) -> tuple[Edit, ...]:
        """The plan as edits: a duty taken from one position and given to one other is a move."""
        gained: dict[str, list[str]] = {}
        lost: dict[str, list[str]] = {}
        for duty, pos in self.added:
            gained.setdefault(duty, []).append(pos)
        for duty, pos in self.removed:
            lost.setdefault(duty, []).append(pos)
        out: list[Edit] = []
        for duty in org.catalog.duties:
            to, away = gained.get(duty, []), lost.get(duty, [])
            if len(to) == 1 and len(away) == 1:
                out.append(MoveDuty(duty, away[0], to[0]))
                continue
            out += [AssignDuty(duty, p) for p in to]  # assign first: the duty is never unowned midway
            out += [UnassignDuty(duty, p) for p in away]
        return tuple(out)

    def edit(self, org: Org) -> Batch | None:
        parts = self.edits(org)
        return Batch(self.label, parts) if parts else None


def plan_repair(org: Org, scope: str = "unowned", max_changes: int | None = None) -> RepairPlan:
    """The optimal plan for `org` (see the module docstring); raises RepairError."""
    if scope not in SCOPES:
        raise RepairError(_("unknown scope {scope}: use {choices}").format(scope=repr(scope), choices=" | ".join(SCOPES)))
    if not org.positions:
        unowned = [d for d in org.catalog.duties if not org.owners(d)]
        if unowned:
            raise RepairError(ngettext("{n} duty is unowned and there is no position to own it: add positions first",
                                       "{n} duties are unowned and there is no position to own them: add positions first",
                                       len(unowned)).format(n=len(unowned)))
        return RepairPlan(scope, (), (), ())
    plan = _solve(org, scope)
    if max_changes is not None and plan.changes > max_changes:
        raise RepairError(ngettext("the smallest plan needs {n} change, more than --max-changes {max}",
                                   "the smallest plan needs {n} changes, more than --max-changes {max}",
                                   plan.changes).format(n=plan.changes, max=max_changes))
    return plan


def _solve(org: Org, scope: str) -> RepairPlan:
    if scope == "unowned" and org.uses_effort:
        # One new owner per unowned duty is the fewest changes there can be: if a plan of
        # only those fits within capacity it is optimal, without the moves that may make room.
        first = _Model(org, scope, additions_only=True).solve()
        unowned = sum(1 for d in org.catalog.duties if not org.owners(d))
        if not first.unmet and first.changes == unowned:
            return first
    return _Model(org, scope).solve()


class _Costs(dict[str, float]):
    """Each duty's effort as effort.py counts it (unknown: 0), looked up once per duty."""

    def __init__(self, org: Org) -> None:
        super().__init__()
        self.org = org

    def __missing__(self, duty: str) -> float:
        found = self[duty] = self.org.effort(duty) or 0.0
        return found


# -- the model --------------------------------------------------------------------------------


class _Model:
    def __init__(self, org: Org, scope: str, only: set[str] | None = None, additions_only: bool = False,
                 facts: _Facts | None = None) -> None:
        """`only`: plan these duties alone (the others stay as they are); `additions_only`:
        only give unowned duties an owner, take nothing away."""
        self.org = org
        self.scope = scope
        self.capacity = org.uses_effort
        self.facts = facts or _Facts(org)
        self._rank = {p: i for i, p in enumerate(org.positions)}
        self._scores: dict[tuple[str, str, float | None, bool], float] = {}
        positions = org.positions
        held = [p for p in positions.values() if p.holders]
        duties = [d for d in org.catalog.duties if only is None or d in only]
        self.duties = duties
        owners = {d: org.owners(d) for d in duties}
        self.unowned = [d for d in duties if not owners[d]]
        self.split = {d for d in duties if len(owners[d]) > 1}
        self.vacant = {d for d in duties if owners[d] and all(not positions[p].holders for p in owners[d])}
        # Which pairs may change. Taking a duty away only helps to free capacity or (scope
        # all) to resolve a split or vacancy; giving one only to an unowned duty, a
        # vacancy-only one (scope all, held positions), or anywhere when capacity may need
        # a duty moved to make room (bounded, so a 5,000-person org stays a small model).
        all_scope = scope == "all"
        removable = set(self.split | self.vacant) if all_scope else set()
        small = len(org.catalog.duties) * len(positions) <= SMALL
        # only some pairs are in the programme: its optimum may not be the org's
        self.restricted = additions_only or (self.capacity and not small)
        pairs: list[tuple[str, str, int]] = []  # (duty, position, owned now)
        for d in duties:
            now = set(owners[d])
            if not now:
                candidates = self._best(d, list(positions), small)
            elif all_scope and d in self.vacant:
                candidates = self._best(d, [p.id for p in held], small)
            elif self.capacity and small and not additions_only:
                candidates = list(positions)
            else:
                candidates = []
            for p in candidates:
                if p not in now:
                    pairs.append((d, p, 0))
            if not additions_only and (self.capacity or d in removable):
                pairs += [(d, p, 1) for p in owners[d]]
        self.pairs = pairs
        self.owners = owners

    def _best(self, duty: str, candidates: list[str], small: bool) -> list[str]:
        """All candidates in a small org; in a large one with effort, the best-fitting
        CANDIDATES of those with room for the duty (a 5,000-person org stays a small model)."""
        if small or not self.capacity:
            return candidates
        cost = self.org.effort(duty) or 0.0
        roomy = []
        for p in candidates:
            pos = self.org.positions[p]
            work = self.facts.work(pos) or 0.0
            if work + cost <= effort.position_capacity(pos) + effort.EPSILON:
                roomy.append(p)
        pool = roomy or candidates
        pool.sort(key=lambda p: -self._score(duty, p, False))
        return pool[:CANDIDATES]

    def solve(self) -> RepairPlan:
        pairs = self.pairs
        self.programme = Programme()
        for _pair in pairs:
            self.programme.variable()
        self.fixed_owners = {d: set(o) for d, o in self.owners.items()}
        for d, p, owned in pairs:
            if owned:
                self.fixed_owners[d].discard(p)
        self.index: dict[str, list[int]] = {}
        self.by_position: dict[str, list[int]] = {}
        for i, (d, p, _owned) in enumerate(pairs):
            self.index.setdefault(d, []).append(i)
            self.by_position.setdefault(p, []).append(i)
        self.overflow: dict[int, tuple[str, str]] = {}  # variable -> ("position" or "person", id)
        self._coverage_rows()
        if self.capacity:
            self._capacity_rows()
        unresolved = self._one_owner_rows() if self.scope == "all" else []
        try:
            x = self._rounds(unresolved)
        except ProgrammeError as exc:
            raise RepairError(_("the solver found no plan ({reason})").format(reason=exc)) from None
        added = tuple((d, p) for i, (d, p, owned) in enumerate(pairs) if not owned and x[i] > 0.5)
        removed = tuple((d, p) for i, (d, p, owned) in enumerate(pairs) if owned and x[i] < 0.5)
        unmet = tuple(self._unmet(x, unresolved))
        return RepairPlan(self.scope, added, removed, unmet, self._unproven(added, removed, unmet))

    def _fewest_possible(self, added: tuple[tuple[str, str], ...]) -> int:
        """Changes no plan can go below: one per unowned duty; with scope all, all owners but
        one of each split or vacancy-only duty go, and a vacancy-only duty the plan gives a
        held owner loses every vacancy and gains that owner (two more)."""
        bound = len(self.unowned)
        if self.scope == "all":
            bound += sum(len(self.owners[d]) - 1 for d in self.split | self.vacant)
            held = {d for d, p in added if d in self.vacant and self.org.positions[p].holders}
            bound += 2 * len(held)
        return bound

    def _unproven(self, added: tuple[tuple[str, str], ...], removed: tuple[tuple[str, str], ...],
                  unmet: tuple[str, ...]) -> str:
        """Why this plan may not be the fewest changes, or "" when it is proven so."""
        changes, bound = len(added) + len(removed), self._fewest_possible(added)
        if not unmet and changes == bound:
            return ""  # nothing left unmet and no plan can have fewer changes
        if self.restricted:
            return ngettext("not proven the fewest: in an org this large the plan weighs the {n} best-fitting positions "
                            "with room for each duty and moves no owned duty to make room; no plan has fewer than "
                            "{bound} change", "not proven the fewest: in an org this large the plan weighs the {n} "
                            "best-fitting positions with room for each duty and moves no owned duty to make room; no "
                            "plan has fewer than {bound} changes", bound).format(n=CANDIDATES, bound=bound)
        if self.programme.gap > 0.0:
            return _("not proven the fewest: the solver stopped at its time limit, {gap} from the proven fewest").format(
                gap=f"{self.programme.gap:.1%}")
        return ""

    def _is_fixed(self, duty: str, position: str) -> bool:
        """An owned pair the programme cannot take away (or a duty it does not plan)."""
        return duty not in self.fixed_owners or position in self.fixed_owners[duty]

    def _coverage_rows(self) -> None:
        for d in self.duties:  # every duty keeps or gets an owner
            need = 1 - len(self.fixed_owners[d])
            if need > 0:
                if not self.index.get(d):
                    raise RepairError(_("no position can take “{duty}”").format(duty=local_title(self.org.catalog.duties[d])))
                self.programme.row({i: 1.0 for i in self.index[d]}, lower=need)

    def _capacity_rows(self) -> None:
        """No position's or person's duty work above its limit, but by an overflow variable
        (what they give, or what they carry now if that is more; _TOL for the rounding).
        Sums as effort.py makes them (same order, rounded alike), from one table of costs."""
        org, pairs = self.org, self.pairs
        cost = _Costs(org)
        fixed, work = self._position_costs(cost)
        for p, members in self.by_position.items():
            pos = org.positions[p]
            limit = max(effort.position_capacity(pos), work[p])
            coefficients = {i: cost[pairs[i][0]] for i in members}
            self._limit(coefficients, limit - round(fixed[p], 6), ("position", p))
        for h in sorted({h for p in self.by_position for h in org.positions[p].holders}):
            coefficients = {}
            held_fixed = carried = 0.0
            for p in org.positions_of(h):
                pos = org.positions[p]
                share = 1.0 / len(pos.holders)
                held_fixed += fixed[p] * share
                carried += work[p] / len(pos.holders)
                for i in self.by_position.get(p, ()):
                    coefficients[i] = coefficients.get(i, 0.0) + cost[pairs[i][0]] * share
            limit = max(org.people[h].capacity, round(carried, 6))
            self._limit(coefficients, limit - held_fixed, ("person", h))

    def _position_costs(self, cost: _Costs) -> tuple[dict[str, float], dict[str, float]]:
        """For each position the rows name (and every position of their holders): what its
        duties the plan cannot take away cost (unrounded), and effort.position_work."""
        org, pairs = self.org, self.pairs
        involved = dict.fromkeys(self.by_position)
        for p in self.by_position:
            for h in org.positions[p].holders:
                involved.update(dict.fromkeys(org.positions_of(h)))
        fixed: dict[str, float] = {}
        work: dict[str, float] = {}
        for p in involved:
            duties = org.positions[p].duties
            movable = {pairs[i][0] for i in self.by_position.get(p, ()) if pairs[i][2]}
            fixed[p] = sum(cost[d] for d in duties if d not in movable)
            work[p] = round(sum(cost[d] for d in duties), 6)
        return fixed, work

    def _limit(self, coefficients: dict[int, float], room: float, who: tuple[str, str]) -> None:
        overflow = self.programme.variable(integral=False, upper=INFINITY)
        self.overflow[overflow] = who
        self.programme.row({**coefficients, overflow: -1.0}, upper=room + _TOL)

    def _one_owner_rows(self) -> list[int]:
        """Scope all: one owner per duty resolves every split (always possible: giving up an
        owner frees capacity); returns the pairs that would leave that owner a vacancy, to be
        as few as capacity allows."""
        held = {p for p, pos in self.org.positions.items() if pos.holders}
        unresolved: list[int] = []
        for d in self.duties:
            if d in self.split or d in self.vacant or not self.owners[d]:
                members = self.index.get(d, [])
                self.programme.row({i: 1.0 for i in members}, upper=1 - len(self.fixed_owners[d]))
                unresolved += [i for i in members if self.pairs[i][1] not in held]
        return unresolved

    def _rounds(self, unresolved: list[int]) -> list[float]:
        """Capacity first, then vacancies, then changes; each round keeps the best before.
        Overflow and vacancies cannot go below zero, so when the last round is feasible with
        both at zero the first two rounds would each have found zero and fixed it there: the
        last round alone, on that same programme, gives the same plan in one solve."""
        overflow = list(self.overflow)
        if overflow or unresolved:
            upper = list(self.programme.upper)
            self.programme.fix_to_zero(overflow + unresolved)
            try:
                return self._fewest_changes(give_up_if_infeasible=True)
            except ProgrammeError:
                self.programme.upper = upper  # some capacity or vacancy must give: round by round
        programme = self.programme
        if overflow:
            x = programme.minimise(dict.fromkeys(overflow, 1.0))
            best = sum(x[i] for i in overflow)
            if best <= _TOL:  # within capacity: a bound rather than a row keeps the rows tight
                programme.fix_to_zero(overflow)
            else:
                programme.row(dict.fromkeys(overflow, 1.0), upper=best + _TOL)
        if unresolved:
            x = programme.minimise(dict.fromkeys(unresolved, 1.0))
            best = round(sum(x[i] for i in unresolved))
            if best == 0:
                programme.fix_to_zero(unresolved)
            else:
                programme.row(dict.fromkeys(unresolved, 1.0), upper=best + 0.5)
        return self._fewest_changes()

    def _fewest_changes(self, give_up_if_infeasible: bool = False) -> list[float]:
        """Fewest changes; among equals the best-fitting positions. The fit only breaks ties:
        epsilon times any difference of fits is below one change."""
        scores = [self._score(d, p, bool(owned)) for d, p, owned in self.pairs]
        top = max((abs(s) for s in scores), default=1.0) + 1.0
        epsilon = 1.0 / (2.0 * top * (4 * len(self.org.catalog.duties) + 10))
        objective = {i: (-1.0 if owned else 1.0) - epsilon * scores[i] for i, (_, _, owned) in enumerate(self.pairs)}
        return self.programme.minimise(objective, give_up_if_infeasible)

    def _score(self, duty: str, position: str, owned: bool) -> float:
        # The fit depends on the duty only through its role and effort: cached on those.
        key = (position, self.org.catalog.duties[duty].role, self.org.effort(duty), owned)
        found = self._scores.get(key)
        if found is None:
            found = self._scores[key] = self._score_of(duty, position, owned)
        return found

    def _score_of(self, duty: str, position: str, owned: bool) -> float:
        pos = self.org.positions[position]
        score = _fit(self.org, self.facts, pos, duty, adding=not owned, explain=False)[0]
        if not owned and not pos.duties:
            score += RESOLVES  # an idle position gets work (suggest.py counts it the same)
        # Equal fits go to the position first in the file, so a plan is the same every run
        # whatever order the solver meets its ties in.
        return score - 0.01 * self._rank[position] / max(1, len(self._rank))

    def _unmet(self, x: list[float], unresolved: list[int]) -> list[str]:
        org = self.org
        out = []
        for v, (kind, ident) in self.overflow.items():
            if x[v] <= _TOL:
                continue
            if kind == "position":
                out.append(_("capacity: {position} would carry {fte} FTE more duty work than its holders give "
                             "(no position has room for every duty that needs an owner)").format(
                    position=org.positions[ident].title, fte=f"{x[v]:.2g}"))
            else:
                out.append(_("capacity: {name} would have {fte} FTE more duty work than their capacity "
                             "(no position has room for every duty that needs an owner)").format(
                    name=org.people[ident].name, fte=f"{x[v]:.2g}"))
        held_anywhere = any(p.holders for p in org.positions.values())
        why = _("no held position has room for it") if held_anywhere else _("no position is held")
        for i in unresolved:
            if x[i] > 0.5:
                out.append(_("“{duty}” stays owned only by a vacancy: {why}").format(duty=local_title(org.catalog.duties[self.pairs[i][0]]), why=why))
        return out
