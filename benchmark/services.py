"""Contributing an assessment to the benchmark, withdrawing it, and keeping
its stored numbers in step with the assessment."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import Assessment
from assessment.scoring import LEVELLED, Results
from benchmark.models import Contribution
from reports.content_cache import score_cached
from reports.selectors import assessment_data


class NotContributable(Exception):
    """The assessment cannot be contributed (the message says why)."""


def stored_numbers(results: Results) -> dict:
    """What a contribution keeps of an assessment's scoring: numbers only."""
    levelled = {code: s for code, s in results.questions.items() if s.status == LEVELLED}
    return {
        "level": results.overall.level,
        "level_count": results.level_count,
        "profile_score": results.overall.score,
        "scores": {
            "current": {code: s.current for code, s in levelled.items()},
            "target": {code: s.target for code, s in levelled.items()},
        },
    }


def _score(assessment: Assessment) -> Results:
    data = assessment_data(assessment)
    return score_cached(data.questions, data.answers, len(data.levels), data.criteria)


@transaction.atomic
def contribution_create(*, assessment: Assessment, user: AbstractBaseUser) -> Contribution:
    """Opt in: the assessment's numbers join the benchmark (again: refreshed)."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_open:
        raise NotContributable(
            _("Only a completed assessment can be contributed: its answers no longer change.")
        )
    numbers = stored_numbers(_score(assessment))
    if numbers["level"] is None:
        raise NotContributable(
            _("This assessment has no question with a level, so there is nothing to compare.")
        )
    contribution, _created = Contribution.objects.update_or_create(
        assessment=assessment,
        defaults={
            "organisation_id": assessment.organisation_id,
            "framework_id": assessment.framework_id,
            "contributed_by": user,
            "scored_at": timezone.now(),
            **numbers,
        },
    )
    return contribution


@transaction.atomic
def contribution_withdraw(*, assessment: Assessment) -> bool:
    """Opt out: the stored numbers are deleted, so no later figure uses them.
    False when the assessment was not contributed."""
    deleted, _by_model = Contribution.objects.filter(assessment=assessment).delete()
    return bool(deleted)


@transaction.atomic
def contribution_refresh(*, contribution: Contribution) -> Contribution:
    """Take the numbers again, after the assessment was reopened and completed again."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    numbers = stored_numbers(_score(contribution.assessment))
    for name, value in numbers.items():
        setattr(contribution, name, value)
    contribution.scored_at = timezone.now()
    contribution.save(update_fields=[*numbers, "scored_at"])
    return contribution


def contributions_stale(framework_slug: str):
    """Contributions whose assessment was completed again after their numbers
    were taken (reopened in between: answers may have changed)."""
    return Contribution.objects.filter(
        framework__slug=framework_slug,
        assessment__status=Assessment.Status.COMPLETE,
        assessment__completed_at__gt=F("scored_at"),
    ).select_related("assessment")


def contributions_refresh_stale(*, framework_slug: str) -> int:
    """Refresh what reopening made stale; one query when nothing is (the usual case)."""
    stale = list(contributions_stale(framework_slug))
    for contribution in stale:
        contribution_refresh(contribution=contribution)
    return len(stale)


@transaction.atomic
def contributions_set_excluded(*, contributions: Iterable[Contribution], excluded: bool) -> int:
    """An administrator's decision, for example to leave out a test assessment."""
    ids = [c.pk for c in contributions]
    return Contribution.objects.filter(pk__in=ids).update(excluded=excluded)
