"""Middleware the whole site shares: its security headers, and a busy
database answered 503 with Retry-After, never 500."""

from __future__ import annotations

from django.conf import settings
from django.db import OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def content_security_policy(get_response):
    """Send settings.CONTENT_SECURITY_POLICY with every response.

    A view that needs another policy sets the header itself and keeps it.
    (Django 6.0 has this built in; Django 5.2 LTS does not.)
    """

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response

    return middleware


# Seconds: long enough for a queue of SQLite writers to drain, short enough
# that the questionnaire's automatic retry feels immediate.
RETRY_AFTER = 2


def database_is_busy(error: BaseException) -> bool:
    # SQLite's write lock waited out its timeout. Nothing was written (the
    # transaction rolled back), so the same request can simply be sent again.
    return isinstance(error, OperationalError) and "database is locked" in str(error)


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_is_busy(exception):
            return None
        message = _("Too many people are saving at this moment; nothing was saved. Try again.")
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message, "code": "busy"}, status=503)
        else:
            response = render(request, "busy.html", {"message": message}, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
