"""What every part of the REST API shares: token sign-in for downloads,
the error answers of the schema, pagination. Domain errors become HTTP
answers in config/api_errors.py."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from drf_spectacular.utils import OpenApiResponse
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.response import Response
from rest_framework.views import APIView

from capabilities.serializers import ErrorSerializer


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
                body = {"detail": str(error.detail), "code": "authentication_failed"}
                return JsonResponse(body, status=401, headers={"WWW-Authenticate": "Token"})
            if user_and_token:
                request.user = user_and_token[0]
        return session_view(request, *args, **kwargs)

    return wrapper


# How the common error answers look in the schema (every app's API uses them).
INVALID = OpenApiResponse(
    ErrorSerializer,
    description="Invalid input (code invalid): errors holds each field with its "
    'messages, e.g. {"title": ["This field is required."]}; or a body that is not '
    "JSON (code parse_error).",
)
FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="Not signed in, or signed in without the role this needs "
    "(viewers read, owners and editors answer, owners manage).",
)
NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="No such object among those of your organisations (or no such page).",
)


def paginated(view: APIView, request, items, serializer_class, **context) -> Response:
    """One page of ``items`` with count, next and previous, as every list answers."""
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(items, request, view=view)
    serializer = serializer_class(page, many=True, context={"request": request, **context})
    return paginator.get_paginated_response(serializer.data)
