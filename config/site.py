"""Absolute addresses for links that leave the request, such as email."""

from __future__ import annotations

from django.conf import settings


def absolute_url(request, path: str) -> str:
    """The public address (SITE_URL) when configured: behind a reverse proxy the
    request's own scheme and host may be the proxy's. Without it, the request's."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)
