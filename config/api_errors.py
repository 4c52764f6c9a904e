"""The one place where the API turns exceptions into HTTP answers.

Views call services and let their exceptions rise; DRF hands them here
(``REST_FRAMEWORK["EXCEPTION_HANDLER"]``). Every 4xx has one shape,
``{"detail": ..., "code": ..., "errors": {field: [messages]}}``
(capabilities.serializers.ErrorSerializer), some with a field or two more.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from assessment import services
from assessment.serializers import AnswerSerializer


def error_body(detail: str, code: str, errors: dict | None = None, **more) -> dict:
    body = {"detail": detail, "code": code}
    if errors is not None:
        body["errors"] = errors
    return body | more


def field_errors(detail, path: str = "") -> dict[str, list[str]]:
    """Nested errors (DRF's or a service's) as {"a.b": [messages]}, so that
    every error has the same type, whatever the depth."""
    if isinstance(detail, dict):
        flat = {}
        for key, value in detail.items():
            flat |= field_errors(value, f"{path}.{key}" if path else str(key))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for position, value in enumerate(detail):
            flat |= field_errors(value, f"{path}.{position}" if path else str(position))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {path or api_settings.NON_FIELD_ERRORS_KEY: [str(m) for m in messages]}


def _invalid_body(errors) -> dict:
    return error_body(_("Invalid input: see errors."), "invalid", field_errors(errors))


def _locked(error: services.ResponseLocked) -> Response:
    return Response(error_body(str(error), "locked"), status=status.HTTP_409_CONFLICT)


def _changed(conflict: services.AnswerConflict) -> Response:
    body = error_body(
        services.conflict_message(conflict.answer),
        "changed",
        current=AnswerSerializer(conflict.stored).data,
    )
    return Response(body, status=status.HTTP_409_CONFLICT)


def _not_saved(error: services.AnswersNotSaved) -> Response:
    # Only conflicts: saving again based on the stored versions will work (409);
    # anything else is the request's fault (400).
    body = error_body(
        error.message,
        "changed" if error.only_conflicts else "invalid",
        field_errors(error.errors),
        current={
            code: AnswerSerializer(conflict.stored).data
            for code, conflict in error.conflicts.items()
        },
    )
    code = status.HTTP_409_CONFLICT if error.only_conflicts else status.HTTP_400_BAD_REQUEST
    return Response(body, status=code)


def _inventory_not_saved(error: services.InventoryNotSaved) -> Response:
    errors: dict[str, list[str]] = {}
    for line, field, message in error.errors:
        errors.setdefault(f"solutions.{line}.{field}", []).append(message)
    body = error_body(error.message, "invalid", errors)
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def _incomplete(error: services.IncompleteResponse) -> Response:
    body = error_body(
        _("Some questions still need an answer; nothing was submitted."),
        "incomplete",
        missing=[q.code for q in error.missing],
        unconfirmed=[q.code for q in error.unconfirmed],
    )
    return Response(body, status=status.HTTP_409_CONFLICT)


def _invalid(error: DjangoValidationError) -> Response:
    """A service's ValidationError names its fields, like a serializer's."""
    errors = error.message_dict if hasattr(error, "error_dict") else error.messages
    return Response(_invalid_body(errors), status=status.HTTP_400_BAD_REQUEST)


def _too_big(error: RequestDataTooBig) -> Response:
    detail = _("The request body is larger than %(limit)s bytes.") % {
        "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    }
    return Response(error_body(detail, "request_too_large"), status=status.HTTP_400_BAD_REQUEST)


DOMAIN_HANDLERS = (
    (services.ResponseLocked, _locked),
    (services.AnswerConflict, _changed),
    (services.AnswersNotSaved, _not_saved),
    (services.IncompleteResponse, _incomplete),
    (services.InventoryNotSaved, _inventory_not_saved),
    (DjangoValidationError, _invalid),
    (RequestDataTooBig, _too_big),
)


def exception_handler(exc, context):
    for exception_class, handler in DOMAIN_HANDLERS:
        if isinstance(exc, exception_class):
            return handler(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    # DRF's handler sets the status and headers (WWW-Authenticate,
    # Retry-After); the body is ours.
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = _invalid_body(exc.detail)
    else:
        response.data = error_body(str(exc.detail), _code(exc))
    return response


def _code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code
