"""The one place that decides who may see and change what.

Outsiders get 404 (an organisation's objects do not exist for them), members
without the needed role get 403, staff may read everything.

``organisation_for`` and ``assessment_for`` return the object with an
``access`` attribute (an ``Access``), so a view that needs to know whether
the user may write or own asks that, and one that does not ignores it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from assessment.models import Answer, Assessment, Membership, Organisation, Response


class Need(Enum):
    READ = "read"
    WRITE = "write"  # owners and editors
    OWN = "own"  # owners only


@dataclass(frozen=True)
class Access:
    """What the signed-in user may do in one organisation."""

    user_id: int
    # None for staff who read an organisation they are not a member of.
    membership: Membership | None

    @property
    def is_owner(self) -> bool:
        return self.membership is not None and self.membership.is_owner

    @property
    def can_write(self) -> bool:
        return self.membership is not None and self.membership.can_write


def _check(user, organisation_id: int, need: Need) -> Access:
    membership = Membership.objects.filter(organisation_id=organisation_id, user=user).first()
    if membership is None:
        if user.is_staff and need is Need.READ:
            return Access(user.pk, None)
        if user.is_staff:
            raise PermissionDenied
        raise Http404
    access = Access(user.pk, membership)
    if need is Need.WRITE and not access.can_write:
        raise PermissionDenied
    if need is Need.OWN and not access.is_owner:
        raise PermissionDenied
    return access


def organisation_for(request, pk: int, need: Need = Need.READ) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404
    organisation.access = _check(request.user, organisation.pk, need)
    return organisation


def assessment_for(request, pk: int, need: Need = Need.READ) -> Assessment:
    assessment = (
        Assessment.objects.select_related("organisation", "framework").filter(pk=pk).first()
    )
    if assessment is None:
        raise Http404
    assessment.access = _check(request.user, assessment.organisation_id, need)
    return assessment


def answers_readable(assessment: Assessment):
    """The answers of ``assessment`` (from ``assessment_for``) its reader may see.

    A respondent's answers are theirs and the owners' until submitted:
    owners read every response, everyone else the submitted ones and their
    own. Pages, exports and the API all read answers through this.
    """
    answers = Answer.objects.filter(response__assessment=assessment)
    if assessment.access.is_owner:
        return answers
    return answers.filter(
        Q(response__submitted_at__isnull=False)
        | Q(response__respondent_id=assessment.access.user_id)
    )


def own_response(request, assessment: Assessment) -> Response:
    """The user's own response; a member who is not a respondent gets 403."""
    response = Response.objects.filter(assessment=assessment, respondent=request.user).first()
    if response is None:
        raise PermissionDenied
    response.assessment = assessment  # already loaded with its organisation
    return response
