"""Response headers the whole site shares."""

from __future__ import annotations

from django.conf import settings


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
