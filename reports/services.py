"""Writes for roadmaps (generate from the answers, adjust one item) and for
the stored PDF reports (request one, render it).

Every write takes the assessment's row lock first and reads the roadmap and
its entries again under it: before the first save there is no roadmap row to
lock, and two owners saving at the same moment must queue, not both decide
"nothing saved yet" and overwrite each other's work.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks.backends.immediate import ImmediateBackend

from assessment.models import Assessment
from reports.models import REPORT_RENDER_TIMEOUT, Roadmap, RoadmapEntry, StoredReport
from reports.roadmap import (
    RoadmapItem,
    Step,
    planned_end,
    roadmap_schedule,
    schedule_conflicts,
)
from reports.roadmap_view import default_start, entry_from_item, roadmap_compute

logger = logging.getLogger(__name__)
MAX_CAPACITY = 99  # as the model's validator


class RoadmapEdited(Exception):
    """Regenerating would replace the owner's edits, and that was not confirmed."""


class RoadmapEntryConflict(Exception):
    """The item changed elsewhere since the form was loaded, or left the roadmap
    (``entry`` is None then)."""

    def __init__(self, entry: RoadmapEntry | None):
        self.entry = entry
        super().__init__("roadmap item changed elsewhere")


def _roadmap_locked(assessment: Assessment) -> Roadmap | None:
    Assessment.objects.select_for_update().only("pk").get(pk=assessment.pk)
    return Roadmap.objects.select_for_update().filter(assessment=assessment).first()


def _roadmap_store(
    assessment: Assessment, roadmap: Roadmap | None, items: list[RoadmapItem]
) -> Roadmap:
    """Save ``items`` as the roadmap, not edited (any earlier entries go)."""
    now = timezone.now()
    if roadmap is None:
        roadmap = Roadmap.objects.create(
            assessment=assessment, generated_at=now, start_date=default_start()
        )
    else:
        roadmap.generated_at, roadmap.edited_at = now, None
        roadmap.save(update_fields=["generated_at", "edited_at"])
        roadmap.entries.all().delete()
    RoadmapEntry.objects.bulk_create(
        [entry_from_item(item, position, roadmap) for position, item in enumerate(items, start=1)]
    )
    return roadmap


@transaction.atomic
def roadmap_generate(*, assessment: Assessment, replace_edits: bool = False) -> Roadmap:
    """Compute the roadmap and save it. Raises RoadmapEdited when that would
    replace the owner's edits without ``replace_edits``, RoadmapCycleError
    when the capability dependencies form a cycle."""
    roadmap = _roadmap_locked(assessment)
    # Checked under the lock: an edit saved while the owner clicked is not
    # wiped without the confirmation edits need.
    if roadmap is not None and roadmap.edited_at is not None and not replace_edits:
        raise RoadmapEdited
    report_render_ahead(assessment=assessment)
    return _roadmap_store(assessment, roadmap, _compute(assessment, roadmap))


def _compute(assessment: Assessment, roadmap: Roadmap | None) -> list[RoadmapItem]:
    if roadmap is None:
        return roadmap_compute(assessment)
    return roadmap_compute(assessment, roadmap.start_date, roadmap.capacity)


def _conflicts(entries, start_date: date, capacity: int) -> list[str]:
    """What the owner's dates would break once the roadmap is planned again."""
    steps = [
        Step(e.capability_code, e.name, e.effort, tuple(e.needs), e.start_date, e.end_date)
        for e in sorted(entries, key=lambda e: e.position)
    ]
    return schedule_conflicts(steps, roadmap_schedule(steps, start_date, capacity))


@transaction.atomic
def roadmap_entry_update(
    *,
    assessment: Assessment,
    code: str,
    based_on_version: int,
    start_date: date | None,
    end_date: date | None,
    owner_role: str,
    status: str,
    notes: str,
) -> RoadmapEntry:
    """Adjust one item unless it changed since ``based_on_version`` (the
    version the form showed; 0 for a roadmap not saved yet). Dates given are
    the owner's and kept as they are (a start alone ends as long after as the
    effort says); no dates: the item is planned with the others. No item may
    then start before what it needs has ended.

    The first edit saves the roadmap the page showed, computed from the
    answers now; a roadmap regenerated but not edited since follows the
    answers too, so it is refreshed the same way. An edited roadmap is
    never replaced here: only roadmap_generate does that, when confirmed.
    Raises RoadmapEntryConflict, ValidationError or RoadmapCycleError, and
    then saves nothing.
    """
    roadmap = _roadmap_locked(assessment)
    if roadmap is None or roadmap.edited_at is None:
        roadmap = _roadmap_store(assessment, roadmap, _compute(assessment, roadmap))
    entries = {e.capability_code: e for e in roadmap.entries.select_for_update()}
    entry = entries.get(code)
    if entry is None or entry.version != based_on_version:
        raise RoadmapEntryConflict(entry)
    if end_date and not start_date:
        raise ValidationError(
            {"start_date": _("Set a start too, or leave both dates empty to follow the plan.")}
        )
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The end cannot be before the start.")})
    entry.start_date = start_date
    entry.end_date = end_date or (planned_end(start_date, entry.effort) if start_date else None)
    if conflicts := _conflicts(entries.values(), roadmap.start_date, roadmap.capacity):
        raise ValidationError({"start_date" if start_date else NON_FIELD_ERRORS: conflicts})
    entry.owner_role = owner_role
    entry.status = status
    entry.notes = notes
    entry.version += 1
    entry.save()
    roadmap.edited_at = timezone.now()
    roadmap.save(update_fields=["edited_at"])
    report_render_ahead(assessment=assessment)
    return entry


@transaction.atomic
def roadmap_settings_update(*, assessment: Assessment, start_date: date, capacity: int) -> Roadmap:
    """Set when the roadmap starts and how many effort points of work the
    office runs at once. Refused (ValidationError, nothing saved) when the
    items with the owner's dates would then start before what they need.
    A roadmap not saved yet keeps following the answers, with these settings."""
    if not 1 <= capacity <= MAX_CAPACITY:
        raise ValidationError(
            {"capacity": _("Between 1 and %(max)s points.") % {"max": MAX_CAPACITY}}
        )
    roadmap = _roadmap_locked(assessment)
    report_render_ahead(assessment=assessment)
    if roadmap is None:
        return Roadmap.objects.create(
            assessment=assessment,
            generated_at=timezone.now(),
            start_date=start_date,
            capacity=capacity,
        )
    if roadmap.edited_at is not None:
        conflicts = _conflicts(roadmap.entries.select_for_update(), start_date, capacity)
        if conflicts:
            raise ValidationError({NON_FIELD_ERRORS: conflicts})
    roadmap.start_date, roadmap.capacity = start_date, capacity
    roadmap.save(update_fields=["start_date", "capacity"])
    return roadmap


def stored_report_request(*, assessment: Assessment, key: str, annex: bool = False) -> StoredReport:
    """The stored report of ``key`` for this assessment, queued for rendering
    unless it is ready or already queued: many requests for the same data
    start one render. A failed render is forgotten once reported, so that
    the next request tries again.

    ``key`` is the report's in the active language and time zone (the
    report is written in them): the row keeps them for the worker."""
    language = translation.get_language() or ""
    time_zone = timezone.get_current_timezone_name()
    from reports.tasks import report_render

    now = timezone.now()
    with transaction.atomic():
        stored, created = StoredReport.objects.select_for_update().get_or_create(
            assessment=assessment,
            key=key,
            defaults={
                "requested_at": now,
                "annex": annex,
                "language": language,
                "time_zone": time_zone,
            },
        )
        stale = (
            stored.status == StoredReport.Status.PENDING
            and stored.requested_at < now - REPORT_RENDER_TIMEOUT
        )
        if stale:
            stored.requested_at = now
            stored.save(update_fields=["requested_at"])
    if created or stale:
        # After the commit: a worker elsewhere must find the row. The
        # immediate backend renders right here.
        report_render.enqueue(stored.pk)
        stored.refresh_from_db()
    if stored.status == StoredReport.Status.FAILED:
        stored.delete()
    return stored


def stored_report_render(*, stored_report_pk: int) -> str:
    """Lay out the requested report and store it under its key.

    The data may have changed since the request: then the report that the
    key names can no longer be made, the request is dropped, and the page,
    asking again, requests the new key.
    """
    from reports import pdf

    stored = (
        StoredReport.objects.select_related("assessment__organisation", "assessment__framework")
        .filter(pk=stored_report_pk, status=StoredReport.Status.PENDING)
        .first()
    )
    if stored is None:  # done already, or dropped
        return "gone"
    try:
        with in_readers_language_and_zone(stored.language, stored.time_zone):
            source = pdf.report_source(stored.assessment, annex=stored.annex)
            if source.key != stored.key:
                stored.delete()
                return "outdated"
            content = pdf.html_to_pdf(source.html())
    except Exception:  # noqa: BLE001 - the page says so; the log has the details
        logger.exception("PDF report of assessment %s failed", stored.assessment_id)
        StoredReport.objects.filter(pk=stored.pk).update(
            status=StoredReport.Status.FAILED, finished_at=timezone.now()
        )
        return StoredReport.Status.FAILED
    stored.file.save(f"{stored.key}.pdf", ContentFile(content), save=False)
    stored.status, stored.finished_at = StoredReport.Status.READY, timezone.now()
    stored.save(update_fields=["file", "status", "finished_at"])
    return StoredReport.Status.READY


def report_render_ahead(*, assessment: Assessment) -> None:
    """Have the main report rendered by a worker once this transaction
    commits, so that the manager who asks for it after the assessment
    completes or its roadmap changes finds it ready.

    Only with a real task queue: the immediate backend would lay the report
    out inside the request that changed the data. The worker works out the
    report's key (the request does not pay for it), and a report already
    stored or queued under that key is not rendered again.
    """
    from reports.tasks import report_prepare

    if isinstance(report_prepare.get_backend(), ImmediateBackend):
        return
    # In the language and time zone of the person who made the change: most
    # often the manager who then downloads it.
    language = translation.get_language() or ""
    time_zone = timezone.get_current_timezone_name()
    transaction.on_commit(lambda: report_prepare.enqueue(assessment.pk, language, time_zone))


@contextmanager
def in_readers_language_and_zone(language: str, time_zone: str):
    with translation.override(language or None), timezone.override(time_zone or None):
        yield


def report_prepare_now(*, assessment_pk: int, language: str = "", time_zone: str = "") -> str:
    """The worker's half of report_render_ahead: request the main report of
    the data as it is now (rendered by the task stored_report_request queues)."""
    from reports import pdf

    assessment = (
        Assessment.objects.select_related("organisation", "framework")
        .filter(pk=assessment_pk)
        .first()
    )
    if assessment is None:
        return "gone"
    with in_readers_language_and_zone(language, time_zone):
        stored = stored_report_request(assessment=assessment, key=pdf.report_source(assessment).key)
    return stored.status
