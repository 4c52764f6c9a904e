"""Everything the roadmap page, the PDF, the exports and the API show of a
roadmap, built once.

The roadmap is the owner's saved one once they have edited it, else the one
the answers call for now (not saved). Either way its items are planned in
time here, from the roadmap's start and capacity (the owner's, else the
defaults: the next quarter, six points at once), keeping the dates the owner
set (see reports.roadmap). A cycle in the framework's capability
dependencies is part of the view (``cycle`` and ``error``), not an exception,
so every reader shows it its own way and none has to remember to catch it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import plotly.graph_objects as go
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessment.models import Assessment
from capabilities.frozen import frozen_read
from capabilities.models import Role
from reports import charts
from reports.content_cache import FigureSpec, content_cached, score_cached, source_cached
from reports.gaps import gaps_rank
from reports.models import Roadmap, RoadmapEntry
from reports.roadmap import (
    DEFAULT_CAPACITY,
    RoadmapCycleError,
    RoadmapItem,
    Step,
    already_in_place,
    capabilities_in_place,
    capability_notes,
    next_quarter_start,
    quarter_label,
    quarter_number,
    roadmap_build,
    roadmap_schedule,
    skills_gaps,
)
from reports.selectors import (
    assessment_data,
    capability_catalogue,
    inventory_facts,
    roadmap_page_source,
    structure_owners,
)

if TYPE_CHECKING:
    from reports.results import ResultsReport

STATUS_LABELS = dict(RoadmapEntry.Status.choices)


@dataclass(frozen=True)
class RoadmapViewItem:
    capability_code: str
    name: str
    position: int
    phase: int
    priority: float
    reasons: tuple[str, ...]  # codes of the gap questions that put it here
    needs: tuple[str, ...]  # codes of what it needs first (on the roadmap too)
    roles: tuple[str, ...]
    effort: str
    deliverable_code: str
    typical_owner: str
    owner_role: str = ""
    start_date: date | None = None
    end_date: date | None = None
    status: str = RoadmapEntry.Status.PLANNED
    notes: str = ""
    # The saved entry's version, which an edit form sends back; 0 while the
    # roadmap is computed (the first edit saves it).
    version: int = 0
    # The names behind the codes, for people to read.
    reason_texts: tuple[tuple[str, str], ...] = ()  # (question code, question text)
    need_names: tuple[str, ...] = ()
    role_names: tuple[str, ...] = ()
    owner_role_name: str = ""
    # What the office's inventory says about it (see reports.roadmap), and
    # the roles involved that it lacks (their names).
    inventory_notes: tuple[str, ...] = ()
    lacking_roles: tuple[str, ...] = ()
    lacking_role_names: tuple[str, ...] = ()
    # start_date and end_date are filled for every item: the owner's own
    # dates (dates_fixed) or planned ones. Why it starts later than what it
    # needs allows, when it does (reports.roadmap).
    dates_fixed: bool = False
    wait_reason: str = ""
    deliverable_name: str = ""

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))

    @property
    def quarters_label(self) -> str:
        """ "2027 Q1" or "2027 Q1 – 2027 Q3"."""
        if not self.start_date or not self.end_date:
            return ""
        first, last = quarter_label(self.start_date), quarter_label(self.end_date)
        return first if first == last else f"{first} – {last}"


@dataclass(frozen=True)
class RoadmapView:
    assessment_id: int
    items: tuple[RoadmapViewItem, ...] = ()
    # True: the owner's edited roadmap, kept as edited; False: computed now.
    saved: bool = False
    generated_at: datetime | None = None
    edited_at: datetime | None = None
    # When the capability dependencies form a cycle: its codes and the
    # message that names it; there are no items then.
    cycle: tuple[str, ...] = ()
    error: str = ""
    # Left out because the office has them in place: (code, name, note).
    not_planned: tuple[tuple[str, str, str], ...] = ()
    # Roles the office lacks that the first two phases need: (role code, role
    # name, what the office has of it, names of the capabilities it blocks).
    skills_gaps: tuple[tuple[str, str, str, tuple[str, ...]], ...] = ()
    # The planning settings: the owner's (settings_saved) or the defaults.
    start_date: date | None = None
    capacity: int = DEFAULT_CAPACITY
    settings_saved: bool = False
    # Where the office stands and the level it works towards (None: no level
    # yet, or none above).
    level_name: str | None = None
    next_level_name: str | None = None

    @property
    def end_date(self) -> date | None:
        """When the last item ends."""
        return max((i.end_date for i in self.items if i.end_date), default=None)

    @property
    def quarter_count(self) -> int:
        """How many quarters the roadmap spans, from its first quarter to the last item's."""
        starts = [i.start_date for i in self.items if i.start_date]
        if not starts or self.end_date is None:
            return 0
        first = min([*starts, self.start_date] if self.start_date else starts)
        return quarter_number(self.end_date) - quarter_number(first) + 1

    @property
    def first_quarter_label(self) -> str:
        return quarter_label(self.first_phase[0].start_date) if self.first_phase else ""

    def item(self, code: str) -> RoadmapViewItem | None:
        return next((i for i in self.items if i.capability_code == code), None)

    @property
    def first_phase(self) -> list[RoadmapViewItem]:
        first = min((i.phase for i in self.items), default=0)
        return [i for i in self.items if i.phase == first]

    def timeline_items(self) -> list[charts.TimelineItem]:
        """One bar per item, in swim lanes by deliverable (named, in the
        order their first item starts), by date within a lane."""
        lane = {code: index for index, code in enumerate(self.lanes)}
        ordered = sorted(self.items, key=lambda i: lane[i.deliverable_code])
        return [
            charts.TimelineItem(
                i.name, i.phase, i.deliverable_name or i.deliverable_code, i.start_date, i.end_date
            )
            for i in ordered
        ]

    @property
    def lanes(self) -> list[str]:
        """The deliverable codes of the items, in the order of their first item."""
        return list(dict.fromkeys(i.deliverable_code for i in self.items))

    def timeline_figure(self, title: str) -> go.Figure | None:
        """The timeline chart; None when there is nothing to draw."""
        spec = self.timeline_spec(title)
        return spec.figure() if spec else None

    def timeline_spec(self, title: str) -> FigureSpec | None:
        """What draws the timeline chart (for figures_json); None when nothing to draw."""
        return (
            FigureSpec.of(charts.roadmap_timeline, self.timeline_items(), title)
            if self.items
            else None
        )


def roadmap_compute(
    assessment: Assessment, start: date | None = None, capacity: int = DEFAULT_CAPACITY
) -> list[RoadmapItem]:
    """The roadmap the answers call for, in its order (raises RoadmapCycleError)."""
    data, results = _scored(assessment)
    catalogue = capability_catalogue(assessment.framework)
    return _computed(
        assessment,
        data,
        results,
        catalogue,
        inventory_facts(assessment, catalogue),
        start or default_start(),
        capacity,
    )


def default_start() -> date:
    return next_quarter_start(timezone.localdate())


def _scored(assessment: Assessment, scored: ResultsReport | None = None):
    """The assessment's data and results: the caller's results_build when it
    has one, so the answers are not read and scored twice."""
    if scored is not None:
        return scored.data, scored.results
    data = assessment_data(assessment)
    return data, score_cached(data.questions, data.answers, len(data.levels), data.criteria)


def _computed(assessment, data, results, catalogue, facts, start, capacity) -> list[RoadmapItem]:
    gaps = gaps_rank(data.questions, results.questions, data.focus_weights)
    # A pure function of what was read: computed once for the same inputs
    # (the results page asks for it too, for its first steps).
    return content_cached(
        "roadmap",
        roadmap_build,
        catalogue,
        gaps,
        sorted(capabilities_in_place(data.questions, results.questions, len(data.levels))),
        structure_owners(assessment.framework, assessment.organisation.structure_code),
        capacity,
        facts=facts,
        start=start,
    )


def roadmap_view(assessment: Assessment, scored: ResultsReport | None = None) -> RoadmapView:
    """What every roadmap shows. ``scored``: the assessment's results_build,
    when the caller has it, so the answers are not read and scored twice."""
    roadmap = Roadmap.objects.filter(assessment=assessment).first()
    settings = {
        "start_date": roadmap.start_date if roadmap else default_start(),
        "capacity": roadmap.capacity if roadmap else DEFAULT_CAPACITY,
        "settings_saved": roadmap is not None,
    }
    data, results = _scored(assessment, scored)
    overall, names = results.overall, data.level_names
    settings |= {
        "level_name": names[overall.level - 1] if overall.level else None,
        "next_level_name": names[overall.next_level - 1] if overall.next_level else None,
    }
    catalogue = capability_catalogue(assessment.framework)
    facts = inventory_facts(assessment, catalogue)
    saved = roadmap if roadmap is not None and roadmap.edited_at is not None else None
    if saved is not None:
        rows = [_entry_fields(entry) for entry in saved.entries.all()]
    else:
        try:
            computed = _computed(
                assessment,
                data,
                results,
                catalogue,
                facts,
                settings["start_date"],
                settings["capacity"],
            )
        except RoadmapCycleError as error:
            return RoadmapView(
                assessment_id=assessment.pk,
                cycle=tuple(error.cycle),
                error=str(error),
                **settings,
            )
        rows = [
            _entry_fields(entry_from_item(item, position))
            for position, item in enumerate(computed, start=1)
        ]
    slots = roadmap_schedule(
        [
            Step(row["capability_code"], row["name"], row["effort"], row["needs"], *row["own"])
            for row in rows
        ],
        settings["start_date"],
        settings["capacity"],
    )
    role_names = frozen_read(
        assessment.framework,
        "role names",
        lambda: dict(
            Role.objects.filter(framework_id=assessment.framework_id).values_list("code", "name")
        ),
    )
    names = {row["capability_code"]: row["name"] for row in rows}
    by_code = {c.code: c for c in catalogue}
    deliverable_names = {c.deliverable: c.deliverable_name for c in catalogue}
    lacking = facts.lacking_roles
    question_texts = data.question_texts
    items = tuple(
        sorted(
            (
                RoadmapViewItem(
                    **{key: value for key, value in row.items() if key != "own"},
                    phase=slots[row["capability_code"]].phase,
                    start_date=slots[row["capability_code"]].start,
                    end_date=slots[row["capability_code"]].end,
                    dates_fixed=slots[row["capability_code"]].fixed,
                    wait_reason=slots[row["capability_code"]].wait_reason,
                    deliverable_name=deliverable_names.get(row["deliverable_code"], ""),
                    reason_texts=tuple(
                        (code, question_texts.get(code, "")) for code in row["reasons"]
                    ),
                    need_names=tuple(names.get(code, code) for code in row["needs"]),
                    role_names=tuple(role_names.get(code, code) for code in row["roles"]),
                    owner_role_name=role_names.get(row.get("owner_role", ""), ""),
                    # From the inventory as it is now, saved roadmap or not.
                    inventory_notes=(
                        capability_notes(by_code[row["capability_code"]], facts)
                        if row["capability_code"] in by_code
                        else ()
                    ),
                    lacking_roles=tuple(code for code in row["roles"] if code in lacking),
                    lacking_role_names=tuple(
                        role_names.get(code, code) for code in row["roles"] if code in lacking
                    ),
                )
                for row in rows
            ),
            key=lambda item: (item.start_date, item.position),
        )
    )
    planned = set(names)
    return RoadmapView(
        assessment_id=assessment.pk,
        items=items,
        saved=saved is not None,
        generated_at=saved.generated_at if saved else None,
        edited_at=saved.edited_at if saved else None,
        not_planned=tuple(
            (code, by_code[code].name, note)
            for code, note in already_in_place(catalogue, facts).items()
            if code not in planned
        ),
        skills_gaps=tuple(
            (
                role,
                role_names.get(role, role),
                role_detail(facts.roles[role]),
                tuple(names.get(code, code) for code in blocked),
            )
            for role, blocked in skills_gaps(
                ((i.capability_code, i.phase, i.roles) for i in items), facts
            )
        ),
        **settings,
    )


def roadmap_view_cached(assessment: Assessment) -> RoadmapView:
    """roadmap_view, built once for the same content: kept in the cache under
    what it is built from, read first in a few queries
    (reports.selectors.roadmap_page_source). A roadmap on a draft framework
    is built every time."""
    source = roadmap_page_source(assessment)
    if source is None:
        return roadmap_view(assessment)
    return source_cached(
        "roadmap-view",
        source,
        lambda: roadmap_view(assessment),
        unchanged=lambda: roadmap_page_source(assessment) == source,
    )


def role_detail(role) -> str:
    """What the office has of a role, in a few words."""
    if role.held == 0 or role.held is None:
        text = _("nobody holds it")
    else:
        text = ngettext(
            "%(held)s person of %(needed)s needed",
            "%(held)s people of %(needed)s needed",
            role.held,
        ) % {"held": role.held, "needed": role.needed}
    if role.hard_to_fill:
        text += _("; hard to recruit or keep")
    return text


def entry_from_item(item: RoadmapItem, position: int, roadmap: Roadmap | None = None):
    """A computed item in the shape it is saved in (nothing is saved here):
    the page shows computed and saved roadmaps alike, and the first edit
    saves exactly what was shown."""
    return RoadmapEntry(
        roadmap=roadmap,
        capability_code=item.code,
        name=item.name,
        position=position,
        priority=item.priority,
        reasons=list(item.reasons),
        needs=list(item.needs),
        roles=list(item.roles),
        effort=item.effort,
        deliverable_code=item.deliverable,
        typical_owner=item.owner,
    )


def _entry_fields(entry: RoadmapEntry) -> dict:
    """An entry, saved or not, as the fields of a RoadmapViewItem."""
    return {
        "capability_code": entry.capability_code,
        "name": entry.name,
        "position": entry.position,
        "priority": entry.priority,
        "reasons": tuple(entry.reasons),
        "needs": tuple(entry.needs),
        "roles": tuple(entry.roles),
        "effort": entry.effort,
        "deliverable_code": entry.deliverable_code,
        "typical_owner": entry.typical_owner,
        "owner_role": entry.owner_role,
        # The owner's own dates; the view's dates are planned from them.
        "own": (entry.start_date, entry.end_date),
        "status": entry.status,
        "notes": entry.notes,
        "version": entry.version,
    }
