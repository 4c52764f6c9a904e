"""How django-axes (see settings, "Sign-in lockout") answers and counts.

A locked-out sign-in is answered 429 with a message that says what to do:
as JSON under /api/, as the sign-in page's own layout elsewhere.
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

STATUS = 429


def lockout_message() -> str:
    cool_off = get_cool_off()
    if cool_off is None:
        return _(
            "Too many failed sign-in attempts: this account or address is locked. "
            "Ask an administrator to unlock it."
        )
    minutes = int(cool_off.total_seconds() // 60)
    return _(
        "Too many failed sign-in attempts: this account or address is locked for "
        "%(minutes)s minutes. Try again later, reset your password, or ask an "
        "administrator to unlock it."
    ) % {"minutes": minutes}


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message(), "code": "locked_out"}, status=STATUS)
    else:
        response = render(
            request, "accounts/locked_out.html", {"message": lockout_message()}, status=STATUS
        )
    cool_off = get_cool_off()
    if cool_off is not None:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def client_ip(request: HttpRequest) -> str | None:
    """The address failures are counted against.

    Behind the reverse proxy (SECURE_PROXY_SSL_HEADER set) every request comes
    from the proxy, so counting REMOTE_ADDR would lock everyone out at once;
    the proxy appends the real client as the last X-Forwarded-For entry (the
    earlier ones are whatever the client sent, so they are not trusted).
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")
