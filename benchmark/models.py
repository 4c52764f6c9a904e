"""Assessments that their owners contribute to the peer benchmark.

A contribution keeps the numbers the benchmark shows, taken when the owner
opted in (and taken again when the assessment is completed again after a
reopening): the staged level, the profile score and, per question code, the
combined current and target level. The benchmark page aggregates these
stored numbers and never scores the contributed assessments again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models import Assessment, Organisation
from capabilities.models import Framework


class Contribution(models.Model):
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="benchmark_contribution"
    )
    # Copied from the assessment, so that "one organisation counts once" and
    # "per framework version" need no join through the assessment.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    contributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    contributed_at = models.DateTimeField(_("contributed"), auto_now_add=True)
    # When the numbers below were taken: older than the assessment's
    # completion means it was reopened and completed again since.
    scored_at = models.DateTimeField(_("scored"))
    level = models.PositiveSmallIntegerField(_("staged level"), null=True)
    level_count = models.PositiveSmallIntegerField()
    profile_score = models.FloatField(_("profile score"), null=True)
    # {question code: [current, target]} for the questions with a level. One
    # row per contribution rather than one per question: the page reads
    # 10,000 rows, not half a million.
    scores = models.JSONField(default=dict)
    excluded = models.BooleanField(
        _("excluded from the benchmark"),
        default=False,
        help_text=_("Set by an administrator, for example for a test assessment."),
    )

    class Meta:
        verbose_name = _("benchmark contribution")
        verbose_name_plural = _("benchmark contributions")
        ordering = ["-contributed_at"]

    def __str__(self) -> str:
        return f"{self.assessment} ({self.framework})"
