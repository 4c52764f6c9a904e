"""The capability roadmap: plain data in, plain data out, no database.

- The roadmap holds every capability a gap points to, plus everything those
  need first (transitively) that is not yet in place. A capability is in
  place when every question pointing to it has a level, none has a gap, and
  their median current level is at least the second-highest level.
- Priority of a capability: the summed priority of the gaps that point to
  it, plus the highest priority of what it unblocks, so that prerequisites
  of urgent work are urgent too.
- Order: nothing comes before what it needs; among what is ready, higher
  priority first.
- Time (``roadmap_schedule``): the roadmap starts on a date the owner sets
  (by default the first day of the next quarter) and the office runs at most
  ``capacity`` points of work at once (by default 6). An item takes effort
  points for as long as it runs: S 1 point for one quarter, M 2 points for
  two quarters, L 3 points for three quarters, XL 5 points for four
  quarters. In the order above, each item starts at the beginning of the
  first quarter after everything it needs has ended in which it fits: the
  points of what already runs in each of its quarters plus its own stay
  within the capacity (an item bigger than the capacity runs alone). Its
  phase is the quarter it starts in, counting the roadmap's first quarter
  as 1. An item that could have started earlier says why (``wait_reason``):
  the work ranked before it that holds the capacity until then.
- Dates the owner set for an item are kept as they are: such an item takes
  its points for the quarters its dates cover, and the others are planned
  around it.
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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessment.scoring import LEVELLED, QuestionInfo, QuestionScore
from capabilities.graph import describe_cycle, find_cycle
from reports.gaps import Gap

EFFORT_POINTS = {"S": 1, "M": 2, "L": 3, "XL": 5}
EFFORT_QUARTERS = {"S": 1, "M": 2, "L": 3, "XL": 4}
# Unknown effort sizes count as M.
DEFAULT_EFFORT = "M"
# Points of work the office runs at once unless the owner says otherwise: the
# six points a phase held before roadmaps had dates.
DEFAULT_CAPACITY = 6


class RoadmapCycleError(ValueError):
    def __init__(self, cycle: list[str]):
        self.cycle = cycle
        super().__init__(
            _(
                "The capability dependencies form a cycle (%(cycle)s), so no order can "
                "satisfy them. Remove one of these links in the framework."
            )
            % {"cycle": describe_cycle(cycle)}
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
    deliverable_name: str = ""


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
    start_date: date | None = None
    end_date: date | None = None
    # Why it starts later than what it needs allows ("" when it does not).
    wait_reason: str = ""

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
    in_place: Iterable[str],
    owners: Mapping[str, str] | None = None,
    capacity: int = DEFAULT_CAPACITY,
    facts: InventoryFacts | None = None,
    *,
    start: date,
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
    chosen = _with_prerequisites(reasons, catalogue, set(in_place) | set(existing))
    priority = _inherited_priority(chosen, catalogue, own_priority)
    items = _schedule(
        chosen,
        {code: adapted(capability, facts) for code, capability in catalogue.items()},
        priority,
        reasons,
        owners or {},
        start,
        capacity,
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


def _order(chosen, catalogue, priority) -> list[str]:
    """Nothing before what it needs; among what is ready, higher priority first."""
    needs = {c: [n for n in catalogue[c].requires if n in chosen] for c in chosen}
    waiting = {c: len(needs[c]) for c in chosen}
    unlocks: dict[str, list[str]] = {c: [] for c in chosen}
    for code, prerequisites in needs.items():
        for needed in prerequisites:
            unlocks[needed].append(code)
    ready = [(-priority[c], c) for c in chosen if waiting[c] == 0]
    heapq.heapify(ready)
    sequence: list[str] = []
    while ready:
        _negative, code = heapq.heappop(ready)
        sequence.append(code)
        for dependent in unlocks[code]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                heapq.heappush(ready, (-priority[dependent], dependent))
    return sequence


def _schedule(chosen, catalogue, priority, reasons, owners, start, capacity) -> list[RoadmapItem]:
    sequence = _order(chosen, catalogue, priority)
    needs = {c: tuple(n for n in catalogue[c].requires if n in chosen) for c in chosen}
    slots = roadmap_schedule(
        [Step(c, catalogue[c].name, catalogue[c].effort, needs[c]) for c in sequence],
        start,
        capacity,
    )
    return [
        RoadmapItem(
            code=code,
            name=catalogue[code].name,
            phase=slots[code].phase,
            priority=priority[code],
            reasons=tuple(reasons.get(code, ())),
            needs=needs[code],
            roles=catalogue[code].roles,
            effort=catalogue[code].effort,
            deliverable=catalogue[code].deliverable,
            owner=owners.get(catalogue[code].deliverable, ""),
            start_date=slots[code].start,
            end_date=slots[code].end,
            wait_reason=slots[code].wait_reason,
        )
        for code in sequence
    ]


# ---------------------------------------------------------------- time


def quarter_number(day: date) -> int:
    """Quarters counted from year 0, so that consecutive quarters differ by one."""
    return day.year * 4 + (day.month - 1) // 3


def quarter_first_day(number: int) -> date:
    return date(number // 4, number % 4 * 3 + 1, 1)


def quarter_last_day(number: int) -> date:
    return quarter_first_day(number + 1) - timedelta(days=1)


def quarter_label(day: date) -> str:
    """ "2027 Q1": how planners name a quarter."""
    return _("%(year)s Q%(quarter)s") % {"year": day.year, "quarter": (day.month - 1) // 3 + 1}


def next_quarter_start(today: date) -> date:
    """The default start of a roadmap: work planned now starts with the next
    quarter, the unit offices budget and staff in; the current one is
    already under way."""
    return quarter_first_day(quarter_number(today) + 1)


def effort_points(effort: str) -> int:
    return EFFORT_POINTS.get(effort, EFFORT_POINTS[DEFAULT_EFFORT])


def effort_quarters(effort: str) -> int:
    return EFFORT_QUARTERS.get(effort, EFFORT_QUARTERS[DEFAULT_EFFORT])


def planned_end(start: date, effort: str) -> date:
    """The end of an item starting on ``start`` (any day) that runs as long
    as its effort says: the day before the same date that many quarters on."""
    months = start.month - 1 + 3 * effort_quarters(effort)
    year, month = start.year + months // 12, months % 12 + 1
    day = start.day
    while True:  # 31 May + 3 months: the last day of August, not an error
        try:
            return date(year, month, day) - timedelta(days=1)
        except ValueError:
            day -= 1


@dataclass(frozen=True)
class Step:
    """What planning an item in time needs, given in the roadmap's order."""

    code: str
    name: str
    effort: str
    needs: tuple[str, ...] = ()  # codes of items of the same roadmap
    # The owner's own dates, kept as they are (no end: as long as the effort).
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Slot:
    start: date
    end: date
    phase: int  # the quarter it starts in; the roadmap's first is 1
    fixed: bool = False  # dates set by the owner
    wait_reason: str = ""


def roadmap_schedule(steps: Sequence[Step], start: date, capacity: int) -> dict[str, Slot]:
    """Start and end dates for each step, by code (see the module's docstring)."""
    first = quarter_number(start)
    load: dict[int, int] = {}
    running: dict[int, list[str]] = {}
    slots: dict[str, Slot] = {}
    fixed_names: set[str] = set()

    def take(quarters: range, step: Step) -> None:
        for quarter in quarters:
            load[quarter] = load.get(quarter, 0) + effort_points(step.effort)
            running.setdefault(quarter, []).append(step.name)

    for step in steps:
        if step.start is not None:
            end = step.end or planned_end(step.start, step.effort)
            slots[step.code] = Slot(step.start, end, _phase(step.start, first), fixed=True)
            take(range(quarter_number(step.start), quarter_number(end) + 1), step)
            fixed_names.add(step.name)
    for step in steps:
        if step.start is not None:
            continue
        points, length = effort_points(step.effort), effort_quarters(step.effort)
        earliest = max(
            [first] + [quarter_number(slots[n].end) + 1 for n in step.needs if n in slots]
        )

        full = {q for q, taken in load.items() if taken + points > capacity}
        quarter = earliest
        while any(q in full for q in range(quarter, quarter + length)):
            quarter += 1
        blockers = [n for q in range(earliest, quarter) if q in full for n in running[q]]
        slots[step.code] = Slot(
            quarter_first_day(quarter),
            quarter_last_day(quarter + length - 1),
            _phase(quarter_first_day(quarter), first),
            wait_reason=_wait_reason(
                list(dict.fromkeys(blockers)), earliest, quarter, points, capacity, fixed_names
            ),
        )
        take(range(quarter, quarter + length), step)
    return slots


def schedule_conflicts(steps: Sequence[Step], slots: Mapping[str, Slot]) -> list[str]:
    """Why these dates cannot be: an item with the owner's dates that starts
    before something it needs has ended. Planned items never do."""
    names = {step.code: step.name for step in steps}
    conflicts = []
    for step in steps:
        slot = slots[step.code]
        for needed in step.needs:
            if needed in slots and slots[needed].end >= slot.start:
                conflicts.append(
                    _(
                        "%(name)s would start on %(start)s, before %(other)s, which it needs "
                        "first, ends on %(end)s."
                    )
                    % {
                        "name": step.name,
                        "start": date_format(slot.start, "SHORT_DATE_FORMAT"),
                        "other": names[needed],
                        "end": date_format(slots[needed].end, "SHORT_DATE_FORMAT"),
                    }
                )
    return conflicts


def _phase(day: date, first_quarter: int) -> int:
    # Work the owner dated before the roadmap's start is under way in its first quarter.
    return max(1, quarter_number(day) - first_quarter + 1)


# A reason names this much of what holds the capacity; the rest is counted.
NAMES_IN_A_REASON = 4


def _names(names: list[str]) -> str:
    shown, rest = names[:NAMES_IN_A_REASON], len(names) - NAMES_IN_A_REASON
    if rest <= 0:
        return ", ".join(shown)
    return ngettext("%(names)s and %(count)s more", "%(names)s and %(count)s more", rest) % {
        "names": ", ".join(shown),
        "count": rest,
    }


def _wait_reason(blockers, earliest, quarter, points, capacity, fixed_names) -> str:
    if quarter == earliest:
        return ""
    values = {
        "start": quarter_label(quarter_first_day(quarter)),
        "earliest": quarter_label(quarter_first_day(earliest)),
        "capacity": capacity,
        "points": points,
        "names": _names(blockers),
    }
    if points > capacity:
        return (
            _(
                "Starts in %(start)s, not %(earliest)s: its %(points)s points are more than the "
                "office's capacity of %(capacity)s, so it waits until nothing else runs: "
                "%(names)s."
            )
            % values
        )
    if fixed_names.intersection(blockers):
        return (
            _(
                "Starts in %(start)s, not %(earliest)s: until then the office's capacity of "
                "%(capacity)s points at once goes to work ranked higher or with dates set by "
                "the owner: %(names)s."
            )
            % values
        )
    return (
        _(
            "Starts in %(start)s, not %(earliest)s: until then the office's capacity of "
            "%(capacity)s points at once goes to work ranked higher: %(names)s."
        )
        % values
    )


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
