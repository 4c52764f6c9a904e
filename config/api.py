"""What every part of the REST API shares: token sign-in for downloads."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed


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
