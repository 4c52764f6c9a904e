"""The one place where the API turns domain exceptions into HTTP answers.

Views call services and let their exceptions rise; DRF hands them here
(``REST_FRAMEWORK["EXCEPTION_HANDLER"]``). Anything not listed goes to DRF's
own handler (its ValidationError, NotFound, PermissionDenied...).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from assessment import services
from assessment.serializers import AnswerSerializer


def _locked(error: services.ResponseLocked) -> Response:
    return Response({"detail": str(error), "code": "locked"}, status=status.HTTP_409_CONFLICT)


def _changed(conflict: services.AnswerConflict) -> Response:
    body = {
        "detail": services.conflict_message(conflict.answer),
        "code": "changed",
        "current": AnswerSerializer(conflict.stored).data,
    }
    return Response(body, status=status.HTTP_409_CONFLICT)


def _not_saved(error: services.AnswersNotSaved) -> Response:
    # Only conflicts: saving again based on the stored versions will work (409);
    # anything else is the request's fault (400).
    body = {
        "detail": error.message,
        "code": "changed" if error.only_conflicts else "invalid",
        "errors": error.errors,
        "current": {
            code: AnswerSerializer(conflict.stored).data
            for code, conflict in error.conflicts.items()
        },
    }
    code = status.HTTP_409_CONFLICT if error.only_conflicts else status.HTTP_400_BAD_REQUEST
    return Response(body, status=code)


def _incomplete(error: services.IncompleteResponse) -> Response:
    body = {
        "detail": _("Some questions still need an answer; nothing was submitted."),
        "code": "incomplete",
        "missing": [q.code for q in error.missing],
        "unconfirmed": [q.code for q in error.unconfirmed],
    }
    return Response(body, status=status.HTTP_409_CONFLICT)


def _too_big(error: RequestDataTooBig) -> Response:
    detail = _("The request body is larger than %(limit)s bytes.") % {
        "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    }
    return Response({"detail": detail}, status=status.HTTP_400_BAD_REQUEST)


def _invalid(error: DjangoValidationError) -> Response:
    """A service's ValidationError names its fields, like a serializer's."""
    body = error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


HANDLERS = (
    (services.ResponseLocked, _locked),
    (services.AnswerConflict, _changed),
    (services.AnswersNotSaved, _not_saved),
    (services.IncompleteResponse, _incomplete),
    (DjangoValidationError, _invalid),
    (RequestDataTooBig, _too_big),
)


def exception_handler(exc, context):
    for exception_class, handler in HANDLERS:
        if isinstance(exc, exception_class):
            return handler(exc)
    return drf_exception_handler(exc, context)
