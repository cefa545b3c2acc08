"""Three-way merge of org files, per entity instead of per line.

BASE is the common ancestor, OURS the version merged into, THEIRS the version merged in
(git's %O, %A, %B). The rules, in the order they are applied:

1. **Fields.** The org's name, span of control, catalog, its use of the catalog's effort
   estimates and each duty's effort override, and each field of each department (name,
   parent), person (name, capacity) and position (title, department, role, fte) -- the
   table in fields.py, which diff shares -- merge on their own: a field only one side changed takes that side's value;
   the same change on both sides is no conflict; two different changes are a conflict
   and the merged file has OURS' value.
2. **Entities** are matched by id. One side adds an entity: it is added. Both add the
   same id: the fields merge as above with nothing as the base. One side removes an
   entity the other did not change: it is removed. One side removes an entity whose
   fields the other changed: a conflict, and (as git does with a modify/delete
   conflict) the changed entity is kept so that nothing is lost.
3. **Who holds what, who owns what.** Holders and duties are sets of pairs (position,
   person) and (position, duty), merged three-way: a pair one side added is added, a
   pair one side removed is removed. Moves are judged per duty (and per person): when
   both sides gave the same duty new owners, different ones (BASE has it on A, OURS
   moved it to B, THEIRS to C), or each side kept a different one of its owners so that
   together they would leave it none, that is a conflict named by the duty, and OURS'
   owners are kept. The same holds for a person's positions.
4. **References.** The merged org must be valid. An entity one side removed and the
   other still uses (a department that received a new position, a position that
   received a duty or a holder, a person who was given a position) is kept and
   reported. Departments whose merged parents would form a cycle are a conflict: they
   keep OURS' parents.
5. **Order.** Entities keep BASE's order, then the additions of OURS, then those of
   THEIRS; within a position, holders and duties likewise.

The leading comment block merges as one field. A merge with conflicts still gives a
valid org: `conflict_block()` turns the conflicts into comment lines for the top of the
file (in the format of domain/conflict_notes.py, where the validator reads it back).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable

from orgtui.core.domain.conflict_notes import conflict_note
from orgtui.core.domain.org import Department, Org, OrgInfo, Position
from orgtui.core.domain.reporting import cycles
from orgtui.core.git.fields import ENTITY_FIELDS, KINDS, entities, field_names, name_of
from orgtui.core.i18n import N_, _, quoted
from orgtui.core.text import visible


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: str  # "org", "comment", "department", "person", "position" or "duty"
    id: str
    message: str  # raw user text inside: pass it through visible() before printing

    def __str__(self) -> str:
        return visible(f"{self.kind} {self.id}: {self.message}")


@dataclass
class MergeResult:
    org: Org
    conflicts: list[Conflict]


def _three_way(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """(merged value, conflicted); a conflict keeps OURS."""
    if ours == theirs:
        return ours, False
    if ours == base:
        return theirs, False
    if theirs == base:
        return ours, False
    return ours, True


def _set_merge(base: set[str], ours: set[str], theirs: set[str]) -> tuple[set[str], bool]:
    """Three-way merge of a set (of a duty's owners, of a person's positions).

    Conflicted when both sides gave it new members, different ones (the duty moved to two
    places), or when each side kept members the other removed so that none are left.
    A conflict keeps OURS.
    """
    merged = (ours & theirs) | (ours - base) | (theirs - base)
    added_ours, added_theirs = ours - base, theirs - base
    conflicted = bool(added_ours and added_theirs and added_ours != added_theirs) or bool(
        not merged and ours and theirs
    )
    return (set(ours), True) if conflicted else (merged, False)


class _Merger:
    def __init__(self, base: Org | None, ours: Org, theirs: Org) -> None:
        self.base = base
        self.ours = ours
        self.theirs = theirs
        self.conflicts: list[Conflict] = []
        self.entities: dict[str, dict[str, Any]] = {}  # kind -> id -> merged entity
        self.order: dict[str, list[str]] = {}
        self.owners: dict[str, set[str]] = {}  # duty -> positions
        self.held: dict[str, set[str]] = {}  # person -> positions

    # -- lookups --------------------------------------------------------------------------

    def _table(self, org: Org | None, kind: str) -> dict[str, Any]:
        return {} if org is None else entities(org, kind)

    def _name(self, kind: str, ident: str) -> str:
        """The name in BASE (what both sides started from), else as added."""
        for org in (self.base, self.ours, self.theirs):
            entity = self._table(org, kind).get(ident)
            if entity is not None:
                return name_of(kind, entity)
        return ident

    def _named(self, kind: str, ident: str) -> str:
        return _("{kind} “{name}” [{id}]").format(kind=_(_KINDS.get(kind, kind)), name=self._name(kind, ident), id=ident)

    def _positions_text(self, ids: Iterable[str]) -> str:
        names = [quoted(self._name("position", p)) for p in sorted(ids)]
        return ", ".join(names) or _("nobody")

    def _show(self, field: str, value: Any, kind: str = "") -> str:
        if value is None:
            return _("none")
        refers_to = next((f.refers_to for f in ENTITY_FIELDS.get(kind, ()) if f.name == field), None)
        if refers_to == "department":
            return quoted(self._name("department", value))
        if refers_to == "position":
            if isinstance(value, tuple):
                return self._positions_text(value) if value else _("none")
            return quoted(self._name("position", value))
        if isinstance(value, float):
            return f"{value:g}"
        if isinstance(value, str):
            return quoted(value)
        return str(value)

    def conflict(self, kind: str, ident: str, message: str) -> None:
        self.conflicts.append(Conflict(kind, ident, message))

    # -- 1. org-wide fields -----------------------------------------------------------------

    def merge_info(self) -> tuple[OrgInfo, str | None, str]:
        b, o, t = self.base, self.ours, self.theirs
        values = {}
        getters: tuple[tuple[str, str, Callable[[Org], Any]], ...] = (
            ("name", N_("both sides changed the name: ours {ours}, theirs {theirs}; kept ours"), lambda org: org.info.name),
            ("span of control", N_("both sides changed the span of control: ours {ours}, theirs {theirs}; kept ours"),
             lambda org: org.info.span_of_control),
            ("catalog", N_("both sides changed the catalog: ours {ours}, theirs {theirs}; kept ours"), lambda org: org.catalog_ref),
            ("minimum span", N_("both sides changed the minimum span: ours {ours}, theirs {theirs}; kept ours"),
             lambda org: org.info.min_span),
            ("layer target", N_("both sides changed the layer target: ours {ours}, theirs {theirs}; kept ours"),
             lambda org: org.info.max_layers),
            ("declared tops", N_("both sides changed the declared tops: ours {ours}, theirs {theirs}; kept ours"),
             lambda org: org.info.tops),
        )
        for label, message, get in getters:
            value, conflicted = _three_way(get(b) if b else _ABSENT, get(o), get(t))
            if conflicted:
                self.conflict("org", "org", _(message).format(ours=self._show("", get(o)), theirs=self._show("", get(t))))
            values[label] = value
        preamble, conflicted = _three_way(b.preamble if b else _ABSENT, o.preamble, t.preamble)
        if conflicted:
            self.conflict("comment", "preamble", _("both sides changed the comment block at the top; kept ours"))
        catalog_efforts, conflicted = _three_way(b.info.catalog_efforts if b else _ABSENT, o.info.catalog_efforts,
                                                 t.info.catalog_efforts)
        if conflicted:  # only when both added the file, one with estimates and one without
            self.conflict("org", "org", _("the sides differ on using the catalog's effort estimates; kept ours"))
        info = OrgInfo(values["name"], values["span of control"], catalog_efforts=catalog_efforts,
                       efforts=self.merge_efforts(), min_span=values["minimum span"],
                       max_layers=values["layer target"], tops=values["declared tops"])
        return info, values["catalog"], preamble

    def merge_efforts(self) -> tuple[tuple[str, float], ...]:
        """Effort overrides merge per duty, like a field (None: the duty has no override)."""
        b, o, t = (dict(org.info.efforts) if org else {} for org in (self.base, self.ours, self.theirs))
        merged = {}
        for duty in sorted({*b, *o, *t}):
            base = b.get(duty) if self.base is not None else _ABSENT
            value, conflicted = _three_way(base, o.get(duty), t.get(duty))
            if conflicted:
                self.conflict("duty", duty, _("both sides changed the effort of duty “{duty}”: ours {ours}, theirs {theirs}; "
                                              "kept ours").format(duty=self._duty_title(duty), ours=self._effort(o.get(duty)),
                                                                  theirs=self._effort(t.get(duty))))
            if value is not None:
                merged[duty] = value
        return tuple(sorted(merged.items()))

    @staticmethod
    def _effort(value: float | None) -> str:
        return _("the catalog's estimate") if value is None else _("{fte} FTE").format(fte=f"{value:g}")

    # -- 2. entities ------------------------------------------------------------------------

    def merge_entities(self, kind: str) -> None:
        tb, to, tt = (self._table(org, kind) for org in (self.base, self.ours, self.theirs))
        order = list(dict.fromkeys([*tb, *to, *tt]))
        self.order[kind] = order
        merged: dict[str, Any] = {}
        fields = field_names(kind)
        for ident in order:
            b, o, t = tb.get(ident), to.get(ident), tt.get(ident)
            if o is not None and t is not None:
                merged[ident] = self._merge_fields(kind, ident, b, o, t, fields)
            elif o is None and t is None:
                continue  # removed on both sides
            elif b is None:
                merged[ident] = o if o is not None else t  # added on one side
            else:
                kept, message = (t, _REMOVED_CHANGED["ours"]) if o is None else (o, _REMOVED_CHANGED["theirs"])
                changed = [f for f in fields if getattr(kept, f) != getattr(b, f)]
                if changed:
                    merged[ident] = kept
                    self.conflict(kind, ident, _(message).format(named=self._named(kind, ident), fields=", ".join(changed),
                                                                 note=_pairs_note(kind)))
        self.entities[kind] = merged

    def _merge_fields(self, kind: str, ident: str, b: Any, o: Any, t: Any, fields: tuple[str, ...]) -> Any:
        values = {}
        called = {f.name: f.called for f in ENTITY_FIELDS[kind]}
        for f in fields:
            ov, tv = getattr(o, f), getattr(t, f)
            value, conflicted = _three_way(getattr(b, f) if b is not None else _ABSENT, ov, tv)
            if conflicted:
                message = _("both sides changed the {field} of {named}: ours {ours}, theirs {theirs}; kept ours") \
                    if b is not None else _("both sides added {named} with a different {field}: ours {ours}, theirs {theirs}; kept ours")
                self.conflict(kind, ident, message.format(field=called[f], named=self._named(kind, ident),
                                                          ours=self._show(f, ov, kind), theirs=self._show(f, tv, kind)))
            values[f] = value
        return replace(o, **values)

    # -- 3. holders and duties ------------------------------------------------------------------

    def merge_pairs(self) -> None:
        def index(org: Org | None, attr: str) -> dict[str, set[str]]:
            out: dict[str, set[str]] = {}
            if org is not None:
                for pos in org.positions.values():
                    for key in getattr(pos, attr):
                        out.setdefault(key, set()).add(pos.id)
            return out

        for attr, target, what in (("duties", self.owners, "duty"), ("holders", self.held, "person")):
            b, o, t = (index(org, attr) for org in (self.base, self.ours, self.theirs))
            for key in dict.fromkeys([*b, *o, *t]):
                sb, so, st = b.get(key, set()), o.get(key, set()), t.get(key, set())
                merged, conflicted = _set_merge(sb, so, st)
                if conflicted:
                    self._pair_conflict(what, key, sb, so, st)
                if merged:
                    target[key] = merged

    def _duty_title(self, key: str) -> str:
        for org in (self.ours, self.theirs, self.base):
            if org is not None and key in org.catalog.duties:
                return org.catalog.duties[key].title
        return key

    def _pair_conflict(self, what: str, key: str, sb: set[str], so: set[str], st: set[str]) -> None:
        if what == "duty":
            message = _("duty “{name}”: ours gave it to {ours}, theirs gave it to {theirs} (before: {before}); kept ours")
            name = self._duty_title(key)
        else:
            message = _("person “{name}”: ours put them in {ours}, theirs put them in {theirs} (before: {before}); kept ours")
            name = self._name("person", key)
        self.conflict(what, key, message.format(name=name, ours=self._positions_text(so), theirs=self._positions_text(st),
                                                before=self._positions_text(sb)))

    # -- 4. references ----------------------------------------------------------------------

    def _restore(self, kind: str, ident: str, reason: str) -> None:
        """Keep an entity one side removed, because the merge still refers to it."""
        tables = [(side, self._table(org, kind)) for side, org in (("ours", self.ours), ("theirs", self.theirs))]
        present = [(side, table[ident]) for side, table in tables if ident in table]
        if present:
            side, entity = present[0]
        else:  # removed on both sides, but a conflict kept a reference: take BASE's
            side, entity = "base", self._table(self.base, kind)[ident]
        removed_by = [s for s, table in tables if ident not in table]
        self.entities[kind][ident] = entity
        who = _WHO_REMOVED[" and ".join(removed_by) or "one side"]
        self.conflict(kind, ident, _("{who_removed} {named}, but {reason}; {kept}{note}").format(
            who_removed=_(who), named=self._named(kind, ident), reason=reason, kept=_(_KEPT[side]), note=_pairs_note(kind)))

    def repair_references(self) -> None:
        departments = self.entities["department"]
        people = self.entities["person"]
        positions = self.entities["position"]
        for _pass in range(10_000):  # each pass restores an entity or breaks a cycle; bounded anyway
            if self._repair_once(departments, people, positions):
                continue
            if not self._break_cycle(departments) and not self._break_reporting_cycle(positions):
                return

    def _repair_once(self, departments: dict[str, Any], people: dict[str, Any], positions: dict[str, Any]) -> bool:
        return self._repair_pairs(people, positions) or self._repair_places(departments, positions)

    def _repair_pairs(self, people: dict[str, Any], positions: dict[str, Any]) -> bool:
        """Restore a position that owns a merged duty, a person or position of a merged holding."""
        for duty, owners in self.owners.items():
            for pos in sorted(owners):
                if pos not in positions:
                    self._restore("position", pos, _("the merge gives it the duty “{duty}”").format(duty=self._duty_title(duty)))
                    return True
        for person, held in self.held.items():
            if person not in people:
                self._restore("person", person, _("the merge makes them hold {positions}").format(positions=self._positions_text(held)))
                return True
            for pos in sorted(held):
                if pos not in positions:
                    self._restore("position", pos, _("the merge makes {person} hold it").format(person=self._name("person", person)))
                    return True
        return False

    def _repair_places(self, departments: dict[str, Any], positions: dict[str, Any]) -> bool:
        """Restore a department a merged position or department is placed in."""
        for pos in positions.values():
            if pos.department not in departments:
                self._restore("department", pos.department, _("the merge puts {named} in it").format(named=self._named("position", pos.id)))
                return True
        for pos in positions.values():
            for manager in (pos.reports_to, *pos.dotted_to):
                if manager is not None and manager not in positions:
                    message = _("the merge makes {named} report to it") if manager == pos.reports_to else \
                        _("the merge makes {named} have a dotted line to it")
                    self._restore("position", manager, message.format(named=self._named("position", pos.id)))
                    return True
        for dept in departments.values():
            if dept.parent is not None and dept.parent not in departments:
                self._restore("department", dept.parent, _("the merge puts {named} in it").format(named=self._named("department", dept.id)))
                return True
        return False

    def _break_cycle(self, departments: dict[str, Department]) -> bool:
        for start in departments:
            chain: list[str] = []
            cursor: str | None = start
            while cursor is not None and cursor in departments and cursor not in chain:
                chain.append(cursor)
                cursor = departments[cursor].parent
            if cursor is None or cursor not in chain:
                continue
            loop = chain[chain.index(cursor):]
            fixed = []
            for ident in loop:
                ours = self.ours.departments.get(ident)
                if ours is not None and departments[ident].parent != ours.parent:
                    departments[ident] = replace(departments[ident], parent=ours.parent)
                    fixed.append(ident)
            if not fixed:  # cannot happen: OURS alone has no cycle; make the first top-level
                departments[loop[0]] = replace(departments[loop[0]], parent=None)
                fixed.append(loop[0])
            names = " → ".join(quoted(self._name("department", d)) for d in loop + [loop[0]])
            self.conflict("department", fixed[0], _("the merged parents would nest departments in a cycle "
                                                    "({names}); kept ours' parents").format(names=names))
            return True
        return False

    def _break_reporting_cycle(self, positions: dict[str, Position]) -> bool:
        """Each side's managers alone make no cycle, but both together can (ours moves A under
        B, theirs B under A): a conflict named as such, settled by ours' managers."""
        for loop in cycles({ident: pos.reports_to for ident, pos in positions.items()}):
            fixed = []
            for ident in loop:
                ours = self.ours.positions.get(ident)
                if ours is not None and positions[ident].reports_to != ours.reports_to:
                    positions[ident] = replace(positions[ident], reports_to=ours.reports_to)
                    fixed.append(ident)
            if not fixed:
                continue  # ours itself has this cycle: not the merge's doing, the validator reports it
            names = " → ".join(quoted(self._name("position", p)) for p in loop + [loop[0]])
            self.conflict("position", fixed[0], _("the merged managers would make a reporting cycle "
                                                  "({names}); kept ours' managers").format(names=names))
            return True
        return False

    # -- 5. the merged org ------------------------------------------------------------------

    def build(self, info: OrgInfo, catalog_ref: str | None, preamble: str) -> Org:
        catalog = self.ours.catalog
        if catalog_ref != self.ours.catalog_ref and catalog_ref == self.theirs.catalog_ref:
            catalog = self.theirs.catalog
        sources = [org for org in (self.base, self.ours, self.theirs) if org is not None]
        positions = []
        for ident in self.order["position"]:
            pos = self.entities["position"].get(ident)
            if pos is None:
                continue
            duties = self._listed(sources, ident, "duties", self.owners)
            holders = self._listed(sources, ident, "holders", self.held)
            unknown = [d for d in duties if d not in catalog.duties]
            for d in unknown:
                self.conflict("duty", d, _("{named} owns {duty}, which the merged catalog does not have; dropped").format(
                    named=self._named("position", ident), duty=repr(d)))
            role = pos.role
            if role is not None and role not in catalog.roles:
                self.conflict("position", ident, _("role {role} of {named} is not in the merged catalog; dropped").format(
                    role=repr(role), named=self._named("position", ident)))
                role = None
            duties = tuple(d for d in duties if d not in unknown)
            positions.append(replace(pos, role=role, duties=duties, holders=holders))
        # a declared top the merge removed would make the file unreadable: drop it
        info = replace(info, tops=tuple(p for p in info.tops if p in self.entities["position"]))
        org = Org(
            info,
            catalog,
            (self.entities["department"][d] for d in self.order["department"] if d in self.entities["department"]),
            (self.entities["person"][p] for p in self.order["person"] if p in self.entities["person"]),
            positions,
            catalog_ref=catalog_ref,
        )
        org.preamble = preamble
        return org

    @staticmethod
    def _listed(sources: list[Org], ident: str, attr: str, merged: dict[str, set[str]]) -> tuple[str, ...]:
        """The keys (duties or holders) the merge gives a position, in BASE, OURS, THEIRS order."""
        seen: dict[str, None] = {}
        for org in sources:
            pos = org.positions.get(ident)
            if pos is not None:
                seen.update(dict.fromkeys(getattr(pos, attr)))
        return tuple(k for k in seen if ident in merged.get(k, ()))


_ABSENT = object()  # the base of a field when both sides added the entity

# A kept position's holders and duties merge pair by pair like all others, so the removing
# side's removal of them stands: say so, since the position may come back vacant.
_KINDS = {"department": N_("department"), "person": N_("person"), "position": N_("position"), "duty": N_("duty")}
"""The kinds as conflict notes name them (`department “Shop” [shop]`)."""

_REMOVED_CHANGED = {
    "ours": N_("ours removed {named}, theirs changed its {fields}; kept theirs' version{note}"),
    "theirs": N_("theirs removed {named}, ours changed its {fields}; kept ours' version{note}"),
}
_WHO_REMOVED = {"ours": N_("ours removed"), "theirs": N_("theirs removed"),
                "ours and theirs": N_("ours and theirs removed"), "one side": N_("one side removed")}
_KEPT = {"ours": N_("kept ours' version"), "theirs": N_("kept theirs' version"), "base": N_("kept base' version")}
# A whole sentence per side, not "ours"/"theirs" put into one: German says who removed it
# with a different word order.


def _pairs_note(kind: str) -> str:
    return _(" (its holders and duties as merged: check them)") if kind == "position" else ""


def merge_orgs(base: Org | None, ours: Org, theirs: Org) -> MergeResult:
    """Merge THEIRS into OURS; BASE None means there is no common ancestor."""
    merger = _Merger(base, ours, theirs)
    info, catalog_ref, preamble = merger.merge_info()
    for kind in KINDS:
        merger.merge_entities(kind)
    merger.merge_pairs()
    merger.repair_references()
    org = merger.build(info, catalog_ref, preamble)
    return MergeResult(org, merger.conflicts)


# -- conflicts in the file ---------------------------------------------------------------


def conflict_block(conflicts: list[Conflict]) -> str:
    """Comment lines for the top of the merged file, one per conflict."""
    return conflict_note([str(c) for c in conflicts])


def with_conflicts(org: Org, conflicts: list[Conflict]) -> Org:
    """Put the conflict block above the org's own comment block (in place; returns org)."""
    if conflicts:
        block = conflict_block(conflicts)
        org.preamble = f"{block}\n#\n{org.preamble}" if org.preamble else block
    return org
