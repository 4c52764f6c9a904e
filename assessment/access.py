"""The one place that decides who may see and change what.

Outsiders get 404 (an organisation's objects do not exist for them), members
without the needed role get 403, staff may read everything.
"""

from __future__ import annotations

from enum import Enum
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from assessment.models import Assessment, Membership, Organisation, Response


class Need(Enum):
    READ = "read"
    WRITE = "write"  # owners and editors
    OWN = "own"  # owners only


def _check(user, organisation_id: int, need: Need) -> Membership | None:
    membership = Membership.objects.filter(organisation_id=organisation_id, user=user).first()
    if membership is None:
        if user.is_staff and need is Need.READ:
            return None
        if user.is_staff:
            raise PermissionDenied
        raise Http404
    if need is Need.WRITE and not membership.can_write:
        raise PermissionDenied
    if need is Need.OWN and not membership.is_owner:
        raise PermissionDenied
    return membership


def organisation_for(request, pk: int, need: Need = Need.READ):
    """The organisation and the user's membership (None for staff readers)."""
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation, _check(request.user, organisation.pk, need)


def assessment_for(request, pk: int, need: Need = Need.READ):
    assessment = (
        Assessment.objects.select_related("organisation", "framework").filter(pk=pk).first()
    )
    if assessment is None:
        raise Http404
    return assessment, _check(request.user, assessment.organisation_id, need)


def own_response(request, assessment: Assessment) -> Response:
    """The user's own response; a member who is not a respondent gets 403."""
    response = Response.objects.filter(assessment=assessment, respondent=request.user).first()
    if response is None:
        raise PermissionDenied
    response.assessment = assessment  # already loaded with its organisation
    return response


def login_or_token_required(view):
    """Like login_required, but an API token (Authorization: Token ...) also
    signs the caller in, so downloads work from scripts as from the browser."""
    session_view = login_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.headers.get("Authorization", "").startswith("Token "):
            try:
                user_and_token = TokenAuthentication().authenticate(request)
            except AuthenticationFailed as error:
                return JsonResponse({"detail": str(error.detail)}, status=401)
            if user_and_token:
                request.user = user_and_token[0]
        return session_view(request, *args, **kwargs)

    return wrapper
