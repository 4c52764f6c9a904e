"""Writes for roadmaps: generate from the answers, adjust one item."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import Assessment
from assessment.scoring import score
from reports.gaps import gaps_rank
from reports.models import Roadmap, RoadmapEntry
from reports.roadmap import (
    RoadmapItem,
    capabilities_in_place,
    roadmap_build,
)
from reports.selectors import assessment_data, capability_catalogue, structure_owners


def roadmap_compute(assessment: Assessment) -> list[RoadmapItem]:
    """The roadmap the answers call for (raises RoadmapCycleError)."""
    data = assessment_data(assessment)
    results = score(data.questions, data.answers, len(data.levels))
    gaps = gaps_rank(data.questions, results.questions, data.focus_weights)
    return roadmap_build(
        capability_catalogue(assessment.framework_id),
        gaps,
        capabilities_in_place(data.questions, results.questions, len(data.levels)),
        structure_owners(assessment.framework_id, assessment.organisation.structure_code),
    )


def roadmap_current(assessment: Assessment) -> tuple[Roadmap | None, list[RoadmapEntry]]:
    """The roadmap as the owner edited it, or (never edited, or regenerated
    since) the entries the answers call for now. Raises RoadmapCycleError."""
    saved = Roadmap.objects.filter(assessment=assessment, edited_at__isnull=False).first()
    if saved is not None:
        return saved, list(saved.entries.all())
    computed = roadmap_compute(assessment)
    return None, [_entry(item, position) for position, item in enumerate(computed, start=1)]


def _entry(item: RoadmapItem, position: int, roadmap: Roadmap | None = None) -> RoadmapEntry:
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


@transaction.atomic
def roadmap_generate(*, assessment: Assessment) -> Roadmap:
    """Compute the roadmap and save it, replacing any earlier one and its edits."""
    items = roadmap_compute(assessment)
    roadmap, _created = Roadmap.objects.update_or_create(
        assessment=assessment, defaults={"generated_at": timezone.now(), "edited_at": None}
    )
    roadmap.entries.all().delete()
    RoadmapEntry.objects.bulk_create(
        [_entry(item, position, roadmap) for position, item in enumerate(items, start=1)]
    )
    return roadmap


@transaction.atomic
def roadmap_entry_update(
    *,
    entry: RoadmapEntry,
    phase: int,
    start_date: date | None,
    end_date: date | None,
    owner_role: str,
    status: str,
    notes: str,
) -> RoadmapEntry:
    """Adjust one item; it may not move before what it needs, or after what needs it."""
    others = {e.capability_code: e for e in entry.roadmap.entries.exclude(pk=entry.pk)}
    errors = {}
    for code in entry.needs:
        needed = others.get(code)
        if needed and needed.phase >= phase:
            errors["phase"] = _("%(name)s needs %(other)s first, which is in phase %(phase)s.") % {
                "name": entry.name,
                "other": needed.name,
                "phase": needed.phase,
            }
    for other in others.values():
        if entry.capability_code in other.needs and other.phase <= phase:
            errors["phase"] = _("%(other)s needs %(name)s first and is in phase %(phase)s.") % {
                "name": entry.name,
                "other": other.name,
                "phase": other.phase,
            }
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = _("The end cannot be before the start.")
    if errors:
        raise ValidationError(errors)
    entry.phase = phase
    entry.start_date = start_date
    entry.end_date = end_date
    entry.owner_role = owner_role
    entry.status = status
    entry.notes = notes
    entry.save()
    Roadmap.objects.filter(pk=entry.roadmap_id).update(edited_at=timezone.now())
    return entry
