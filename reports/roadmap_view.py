"""Everything the roadmap page, the PDF, the exports and the API show of a
roadmap, built once.

The roadmap is the owner's saved one once they have edited it, else the one
the answers call for now (not saved). A cycle in the framework's capability
dependencies is part of the view (``cycle`` and ``error``), not an exception,
so every reader shows it its own way and none has to remember to catch it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import plotly.graph_objects as go
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessment.models import Assessment
from capabilities.models import Question, Role
from reports import charts
from reports.content_cache import FigureSpec, score_cached
from reports.gaps import gaps_rank
from reports.models import Roadmap, RoadmapEntry
from reports.roadmap import (
    CapabilityInfo,
    InventoryFacts,
    RoadmapCycleError,
    RoadmapItem,
    already_in_place,
    capabilities_in_place,
    capability_notes,
    roadmap_build,
    skills_gaps,
)
from reports.selectors import (
    assessment_data,
    capability_catalogue,
    inventory_facts,
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

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))


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

    def item(self, code: str) -> RoadmapViewItem | None:
        return next((i for i in self.items if i.capability_code == code), None)

    @property
    def first_phase(self) -> list[RoadmapViewItem]:
        first = min((i.phase for i in self.items), default=0)
        return [i for i in self.items if i.phase == first]

    def timeline_items(self) -> list[charts.TimelineItem]:
        return [
            charts.TimelineItem(i.name, i.phase, i.deliverable_code, i.start_date, i.end_date)
            for i in self.items
        ]

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


def roadmap_compute(assessment: Assessment) -> list[RoadmapItem]:
    """The roadmap the answers call for (raises RoadmapCycleError)."""
    return _computed(assessment)[0]


def _computed(
    assessment: Assessment,
    scored: ResultsReport | None = None,
    catalogue: list[CapabilityInfo] | None = None,
    facts: InventoryFacts | None = None,
) -> tuple[list[RoadmapItem], dict[str, str]]:
    """The computed roadmap and the question texts by code (read on the way)."""
    if catalogue is None:
        catalogue = capability_catalogue(assessment.framework)
    if facts is None:
        facts = inventory_facts(assessment, catalogue)
    if scored is None:
        data = assessment_data(assessment)
        results = score_cached(data.questions, data.answers, len(data.levels))
    else:  # already read and scored by the caller
        data, results = scored.data, scored.results
    gaps = gaps_rank(data.questions, results.questions, data.focus_weights)
    items = roadmap_build(
        catalogue,
        gaps,
        capabilities_in_place(data.questions, results.questions, len(data.levels)),
        structure_owners(assessment.framework, assessment.organisation.structure_code),
        facts=facts,
    )
    return items, data.question_texts


def roadmap_view(assessment: Assessment, scored: ResultsReport | None = None) -> RoadmapView:
    """What every roadmap shows. ``scored``: the assessment's results_build,
    when the caller has it, so the answers are not read and scored twice."""
    saved = Roadmap.objects.filter(assessment=assessment, edited_at__isnull=False).first()
    catalogue = capability_catalogue(assessment.framework)
    facts = inventory_facts(assessment, catalogue)
    if saved is not None:
        rows = [_entry_fields(entry) for entry in saved.entries.all()]
        reason_codes = {code for row in rows for code in row["reasons"]}
        question_texts = dict(
            Question.objects.filter(
                framework_id=assessment.framework_id, code__in=reason_codes
            ).values_list("code", "text")
        )
    else:
        try:
            computed, question_texts = _computed(assessment, scored, catalogue, facts)
        except RoadmapCycleError as error:
            return RoadmapView(
                assessment_id=assessment.pk, cycle=tuple(error.cycle), error=str(error)
            )
        rows = [
            _entry_fields(entry_from_item(item, position))
            for position, item in enumerate(computed, start=1)
        ]
    role_names = dict(
        Role.objects.filter(framework_id=assessment.framework_id).values_list("code", "name")
    )
    names = {row["capability_code"]: row["name"] for row in rows}
    by_code = {c.code: c for c in catalogue}
    lacking = facts.lacking_roles
    items = tuple(
        RoadmapViewItem(
            **row,
            reason_texts=tuple((code, question_texts.get(code, "")) for code in row["reasons"]),
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
        phase=item.phase,
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
        "phase": entry.phase,
        "priority": entry.priority,
        "reasons": tuple(entry.reasons),
        "needs": tuple(entry.needs),
        "roles": tuple(entry.roles),
        "effort": entry.effort,
        "deliverable_code": entry.deliverable_code,
        "typical_owner": entry.typical_owner,
        "owner_role": entry.owner_role,
        "start_date": entry.start_date,
        "end_date": entry.end_date,
        "status": entry.status,
        "notes": entry.notes,
        "version": entry.version,
    }
