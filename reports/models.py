"""A saved roadmap, so that the owner's edits are kept, not recomputed."""

from __future__ import annotations

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models import Assessment


class Roadmap(models.Model):
    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="roadmap")
    generated_at = models.DateTimeField(_("generated"))
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    # The owner's planning settings (reports.roadmap explains them); a roadmap
    # not saved yet uses the defaults.
    start_date = models.DateField(_("start"))
    capacity = models.PositiveSmallIntegerField(
        _("work at once"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("Effort points the office can run at the same time (S 1, M 2, L 3, XL 5)."),
    )

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")

    def __str__(self) -> str:
        return f"Roadmap of {self.assessment}"


class RoadmapEntry(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in-progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="entries")
    capability_code = models.CharField(max_length=32)
    name = models.CharField(max_length=200)
    # The roadmap's order: nothing before what it needs, then priority. Its
    # place in time is planned from it each time it is shown.
    position = models.PositiveIntegerField()
    priority = models.FloatField(default=0)
    # Codes, as computed: the gap questions behind it, what it needs first
    # (that is on the roadmap too), the roles involved.
    reasons = models.JSONField(default=list)
    needs = models.JSONField(default=list)
    roles = models.JSONField(default=list)
    effort = models.CharField(max_length=2, blank=True)
    deliverable_code = models.CharField(max_length=32, blank=True)
    typical_owner = models.TextField(blank=True)
    owner_role = models.CharField(_("owner role"), max_length=32, blank=True)
    # The owner's own dates (kept as they are); empty: planned by the roadmap.
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)
    # Goes up with every edit: an edit form sends back the version it showed,
    # so that a change made elsewhere meanwhile is not silently overwritten.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("roadmap item")
        verbose_name_plural = _("roadmap items")
        ordering = ["roadmap", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["roadmap", "capability_code"], name="roadmap_capability_once"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="roadmap_entry_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.capability_code} at {self.position}"


# A report still pending after this long (its worker died, say) is queued
# again when asked for, and no longer said to be under way.
REPORT_RENDER_TIMEOUT = timedelta(minutes=10)


class StoredReport(models.Model):
    """A PDF report, rendered once by a background task and kept in the
    storage (local files or any storage backend), found again by ``key``: a
    hash of everything the report shows. The same data asks for the same key,
    so it is never rendered twice; changed data has another key."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="stored_reports"
    )
    key = models.CharField(max_length=64)
    # With the annex: the detail behind the main report (its own key too).
    annex = models.BooleanField(default=False)
    # The reader's language and time zone: the report is written in them (its
    # key too), so the worker that lays it out must use the same.
    language = models.CharField(max_length=16, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to="reports/", blank=True)
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("stored report")
        verbose_name_plural = _("stored reports")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "key"], name="stored_report_once")
        ]

    def __str__(self) -> str:
        return f"Report {self.key[:12]} of {self.assessment}"
