"""The capability roadmap: plain data in, plain data out, no database.

- The roadmap holds every capability a gap points to, plus everything those
  need first (transitively) that is not yet in place. A capability is in
  place when every question pointing to it has a level, none has a gap, and
  their median current level is at least the second-highest level.
- Priority of a capability: the summed priority of the gaps that point to
  it, plus the highest priority of what it unblocks, so that prerequisites
  of urgent work are urgent too.
- Order: nothing comes before what it needs; among what is ready, higher
  priority first. Phases: each item goes in the earliest phase after all it
  needs that still has room (a phase holds about six points of effort:
  S 1, M 2, L 3, XL 5).
- What the office already has (its inventory, ``InventoryFacts``) changes
  this: a capability whose components are all in place is not planned; one
  with some of them in place is planned as "adapt what exists", one effort
  size smaller; solutions in production without monitoring in place raise
  the monitoring capability's priority (adding it if no gap did); the roles
  involved that the office lacks are marked.
"""

from __future__ import annotations

import heapq
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessment.scoring import LEVELLED, QuestionInfo, QuestionScore
from capabilities.graph import describe_cycle, find_cycle
from reports.gaps import Gap

EFFORT_POINTS = {"S": 1, "M": 2, "L": 3, "XL": 5}
PHASE_CAPACITY = 6


class RoadmapCycleError(ValueError):
    def __init__(self, cycle: list[str]):
        self.cycle = cycle
        super().__init__(
            f"The capability dependencies form a cycle ({describe_cycle(cycle)}), so no "
            "order can satisfy them. Remove one of these links in the framework."
        )


@dataclass(frozen=True)
class CapabilityInfo:
    code: str
    name: str
    requires: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    effort: str = "M"
    deliverable: str = ""
    components: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoadmapItem:
    code: str
    name: str
    phase: int
    priority: float
    reasons: tuple[str, ...]  # the gap questions that point to it
    needs: tuple[str, ...]  # what it needs first that is on the roadmap too
    roles: tuple[str, ...]
    effort: str
    deliverable: str
    owner: str
    # What the inventory says about it, for people to read ("GitLab already
    # in place: adapt, effort S"), and the roles involved the office lacks.
    notes: tuple[str, ...] = ()
    lacking_roles: tuple[str, ...] = ()

    @property
    def only_a_prerequisite(self) -> bool:
        return not self.reasons and not self.notes


def capabilities_in_place(
    questions: Iterable[QuestionInfo], scores: Mapping[str, QuestionScore], level_count: int
) -> set[str]:
    by_capability: dict[str, list[QuestionScore]] = {}
    for question in questions:
        for code in question.capabilities:
            by_capability.setdefault(code, []).append(scores[question.code])
    return {
        code
        for code, results in by_capability.items()
        if all(r.status == LEVELLED and not r.gap for r in results)
        and statistics.median(r.current for r in results) >= level_count - 1
    }


def roadmap_build(
    capabilities: Iterable[CapabilityInfo],
    gaps: Iterable[Gap],
    in_place: set[str],
    owners: Mapping[str, str] | None = None,
    phase_capacity: int = PHASE_CAPACITY,
    facts: InventoryFacts | None = None,
) -> list[RoadmapItem]:
    catalogue = {c.code: c for c in capabilities}
    cycle = find_cycle({c.code: c.requires for c in catalogue.values()})
    if cycle:
        raise RoadmapCycleError(cycle)
    facts = facts or InventoryFacts()
    existing = already_in_place(catalogue.values(), facts)
    reasons, own_priority = _reasons(gaps, catalogue)
    for code in existing:
        reasons.pop(code, None)
    monitoring = _monitoring_boost(catalogue, facts, existing, own_priority)
    if monitoring:
        own_priority[facts.monitoring_capability] = monitoring
        reasons.setdefault(facts.monitoring_capability, [])
    chosen = _with_prerequisites(reasons, catalogue, in_place | set(existing))
    priority = _inherited_priority(chosen, catalogue, own_priority)
    items = _schedule(
        chosen,
        {code: adapted(capability, facts) for code, capability in catalogue.items()},
        priority,
        reasons,
        owners or {},
        phase_capacity,
    )
    return [
        replace(
            item,
            notes=capability_notes(catalogue[item.code], facts),
            lacking_roles=tuple(r for r in item.roles if r in facts.lacking_roles),
        )
        for item in items
    ]


def _reasons(gaps, catalogue):
    reasons: dict[str, list[str]] = {}
    own_priority: dict[str, float] = {}
    for gap in gaps:
        for code in gap.capabilities:
            if code in catalogue:
                reasons.setdefault(code, []).append(gap.question)
                own_priority[code] = own_priority.get(code, 0.0) + gap.priority
    return reasons, own_priority


def _with_prerequisites(reasons, catalogue, in_place) -> set[str]:
    chosen = set(reasons)
    stack = list(reasons)
    while stack:
        for needed in catalogue[stack.pop()].requires:
            if needed in catalogue and needed not in in_place and needed not in chosen:
                chosen.add(needed)
                stack.append(needed)
    return chosen


def _inherited_priority(chosen, catalogue, own_priority) -> dict[str, float]:
    """Own priority plus the highest total of what each capability unblocks."""
    needs = {c: [n for n in catalogue[c].requires if n in chosen] for c in chosen}
    dependents: dict[str, list[str]] = {code: [] for code in chosen}
    for code, prerequisites in needs.items():
        for needed in prerequisites:
            dependents[needed].append(code)
    # Dependents before what they need: reverse of a topological order.
    waiting = {c: len(dependents[c]) for c in chosen}
    order = [c for c in chosen if waiting[c] == 0]
    for code in order:
        for needed in needs[code]:
            waiting[needed] -= 1
            if waiting[needed] == 0:
                order.append(needed)
    total: dict[str, float] = {}
    for code in order:
        inherited = max((total[d] for d in dependents[code]), default=0.0)
        total[code] = own_priority.get(code, 0.0) + inherited
    return total


def _schedule(chosen, catalogue, priority, reasons, owners, capacity) -> list[RoadmapItem]:
    needs = {c: [n for n in catalogue[c].requires if n in chosen] for c in chosen}
    waiting = {c: len(needs[c]) for c in chosen}
    unlocks: dict[str, list[str]] = {c: [] for c in chosen}
    for code, prerequisites in needs.items():
        for needed in prerequisites:
            unlocks[needed].append(code)
    ready = [(-priority[c], c) for c in chosen if waiting[c] == 0]
    heapq.heapify(ready)
    phase_of: dict[str, int] = {}
    load: dict[int, int] = {}
    sequence: list[str] = []
    while ready:
        _negative, code = heapq.heappop(ready)
        points = EFFORT_POINTS.get(catalogue[code].effort, 2)
        phase = 1 + max((phase_of[n] for n in needs[code]), default=0)
        while load.get(phase, 0) and load[phase] + points > capacity:
            phase += 1
        phase_of[code] = phase
        load[phase] = load.get(phase, 0) + points
        sequence.append(code)
        for dependent in unlocks[code]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                heapq.heappush(ready, (-priority[dependent], dependent))
    position = {code: index for index, code in enumerate(sequence)}
    sequence.sort(key=lambda c: (phase_of[c], position[c]))
    return [
        RoadmapItem(
            code=code,
            name=catalogue[code].name,
            phase=phase_of[code],
            priority=priority[code],
            reasons=tuple(reasons.get(code, ())),
            needs=tuple(needs[code]),
            roles=catalogue[code].roles,
            effort=catalogue[code].effort,
            deliverable=catalogue[code].deliverable,
            owner=owners.get(catalogue[code].deliverable, ""),
        )
        for code in sequence
    ]


# ---------------------------------------------------------------- the inventory

# The values of ComponentStatus.Status and MLSolution.Stage this reads (the
# pure core does not import models); tests/test_roadmap_inventory.py checks them.
IN_PLACE, PARTLY = "in-place", "partly"
PRODUCTION = "production"
SMALLER_EFFORT = {"XL": "L", "L": "M", "M": "S", "S": "S"}
# The reference framework's monitoring capability; codes are an item's
# identity across framework versions. A framework without it is unaffected.
MONITORING_CAPABILITY = "MONITORING"


@dataclass(frozen=True)
class ComponentFact:
    status: str  # IN_PLACE, PARTLY or "none"
    tools: str = ""


@dataclass(frozen=True)
class RoleFact:
    held: int | None = None
    needed: int | None = None
    hard_to_fill: bool = False

    @property
    def lacking(self) -> bool:
        """Nobody holds it, or fewer people than needed (both counts known)."""
        if self.held == 0:
            return True
        return self.held is not None and self.needed is not None and self.held < self.needed


@dataclass(frozen=True)
class InventoryFacts:
    """What an office recorded it has, by framework code (empty: nothing said)."""

    components: Mapping[str, ComponentFact] = field(default_factory=dict)
    roles: Mapping[str, RoleFact] = field(default_factory=dict)
    # Names of the solutions in production that no monitoring in place watches.
    unmonitored: tuple[str, ...] = ()
    monitoring_capability: str = MONITORING_CAPABILITY

    @property
    def lacking_roles(self) -> set[str]:
        return {code for code, role in self.roles.items() if role.lacking}


def _tools(codes: Iterable[str], facts: InventoryFacts) -> str:
    """The tools the office named for these components, each once, in order."""
    named = [
        tool.strip()
        for code in codes
        for tool in facts.components[code].tools.split(",")
        if tool.strip()
    ]
    return ", ".join(dict.fromkeys(named))


def _component_states(capability: CapabilityInfo, facts: InventoryFacts) -> tuple[list, list]:
    """(components in place, components partly in place) of a capability."""
    states = [(c, facts.components.get(c)) for c in capability.components]
    full = [c for c, fact in states if fact and fact.status == IN_PLACE]
    partly = [c for c, fact in states if fact and fact.status == PARTLY]
    return full, partly


def already_in_place(
    capabilities: Iterable[CapabilityInfo], facts: InventoryFacts
) -> dict[str, str]:
    """Capabilities the roadmap leaves out because the office has every one
    of their components in place, each with the note that says so."""
    existing = {}
    for capability in capabilities:
        full, _partly = _component_states(capability, facts)
        if capability.components and len(full) == len(capability.components):
            tools = _tools(full, facts)
            existing[capability.code] = (
                _("%(tools)s already in place: not planned.") % {"tools": tools}
                if tools
                else _("Its components are already in place: not planned.")
            )
    return existing


def adapted(capability: CapabilityInfo, facts: InventoryFacts) -> CapabilityInfo:
    """The capability as the office would build it: one effort size smaller
    when some of its components are already there, at least partly."""
    full, partly = _component_states(capability, facts)
    if not (full or partly) or len(full) == len(capability.components):
        return capability
    return replace(capability, effort=SMALLER_EFFORT.get(capability.effort, capability.effort))


def capability_notes(capability: CapabilityInfo, facts: InventoryFacts) -> tuple[str, ...]:
    """What the inventory says about a planned capability, for people to read."""
    notes = []
    full, partly = _component_states(capability, facts)
    if (full or partly) and len(full) < len(capability.components):
        effort = adapted(capability, facts).effort
        found = []
        if tools := _tools(full, facts):
            found.append(_("%(tools)s already in place") % {"tools": tools})
        if tools := _tools(partly, facts):
            found.append(_("%(tools)s partly in place") % {"tools": tools})
        notes.append(
            _("%(found)s: adapt what exists, effort %(effort)s.")
            % {"found": "; ".join(found) or _("Partly in place"), "effort": effort}
        )
    if capability.code == facts.monitoring_capability and facts.unmonitored:
        count = len(facts.unmonitored)
        notes.append(
            ngettext(
                "%(count)s solution in production without monitoring in place: %(names)s.",
                "%(count)s solutions in production without monitoring in place: %(names)s.",
                count,
            )
            % {"count": count, "names": ", ".join(facts.unmonitored)}
        )
    return tuple(notes)


def _monitoring_boost(catalogue, facts: InventoryFacts, existing, own_priority) -> float:
    """The monitoring capability's priority when production solutions run
    unmonitored: at least that of the most urgent capability, plus one for
    each such solution. 0 when there is nothing to raise."""
    code = facts.monitoring_capability
    if not facts.unmonitored or code not in catalogue or code in existing:
        return 0.0
    highest = max(own_priority.values(), default=0.0)
    return max(highest, own_priority.get(code, 0.0)) + len(facts.unmonitored)


def unmonitored_solutions(
    solutions: Iterable[tuple[str, str, tuple[str, ...]]],
    monitoring_components: Iterable[str],
    components: Mapping[str, ComponentFact],
) -> tuple[str, ...]:
    """Names of the solutions in production (given as (name, stage, component
    codes)) that use no monitoring component the office has in place."""
    watching = {
        c for c in monitoring_components if (f := components.get(c)) and f.status == IN_PLACE
    }
    return tuple(
        name
        for name, stage, used in solutions
        if stage == PRODUCTION and not watching.intersection(used)
    )


def skills_gaps(
    steps: Iterable[tuple[str, int, tuple[str, ...]]], facts: InventoryFacts, first_phases: int = 2
) -> list[tuple[str, tuple[str, ...]]]:
    """The roles the office lacks that the first phases of a roadmap involve.

    ``steps``: (capability code, phase, role codes) in roadmap order. Returns
    (role code, codes of the capabilities it blocks), in the order the
    roadmap first needs each role.
    """
    steps = list(steps)
    first = min((phase for _code, phase, _roles in steps), default=1)
    blocked: dict[str, list[str]] = {}
    for code, phase, roles in steps:
        if phase < first + first_phases:
            for role in roles:
                if role in facts.lacking_roles:
                    blocked.setdefault(role, []).append(code)
    return [(role, tuple(codes)) for role, codes in blocked.items()]
