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
"""

from __future__ import annotations

import heapq
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

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

    @property
    def only_a_prerequisite(self) -> bool:
        return not self.reasons


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
) -> list[RoadmapItem]:
    catalogue = {c.code: c for c in capabilities}
    cycle = find_cycle({c.code: c.requires for c in catalogue.values()})
    if cycle:
        raise RoadmapCycleError(cycle)
    reasons, own_priority = _reasons(gaps, catalogue)
    chosen = _with_prerequisites(reasons, catalogue, in_place)
    priority = _inherited_priority(chosen, catalogue, own_priority)
    return _schedule(chosen, catalogue, priority, reasons, owners or {}, phase_capacity)


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
