"""What every part of the REST API shares: token sign-in for downloads and
pagination. Errors become HTTP answers in config/api_errors.py and are
described in the schema by config/api_schema.py."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.response import Response
from rest_framework.views import APIView


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


def paginated(view: APIView, request, items, serializer_class, **context) -> Response:
    """One page of ``items`` with count, next and previous, as every list answers."""
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(items, request, view=view)
    serializer = serializer_class(page, many=True, context={"request": request, **context})
    return paginator.get_paginated_response(serializer.data)
