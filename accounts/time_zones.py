"""Times in the user's time zone.

The zone comes from the account's setting, kept in the session when the
user signs in or changes it (so no request pays a query for it); without
one, from the browser (static/js/time_zone.js puts it in a cookie); else
the server's TIME_ZONE (UTC). Django then shows every aware datetime in
that zone: pages, history, exports and the PDF report.
"""

from __future__ import annotations

import zoneinfo
from urllib.parse import unquote

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from accounts.models import AccountSettings, is_time_zone

SESSION_KEY = "time_zone"
BROWSER_COOKIE = "browser_time_zone"


def chosen_time_zone(request) -> str:
    """The zone the request is shown in ("" for the server's default)."""
    session = getattr(request, "session", None)
    saved = session.get(SESSION_KEY, "") if session is not None else ""
    if saved and is_time_zone(saved):
        return saved
    return browser_time_zone(request)


def browser_time_zone(request) -> str:
    """The zone the browser reported, if it is one Python knows."""
    browser = unquote(request.COOKIES.get(BROWSER_COOKIE, ""))
    return browser if is_time_zone(browser) else ""


class TimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = chosen_time_zone(request)
        if name:
            timezone.activate(zoneinfo.ZoneInfo(name))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def remember_time_zone(request, time_zone: str) -> None:
    request.session[SESSION_KEY] = time_zone


@receiver(user_logged_in)
def load_time_zone(sender, request, user, **kwargs):
    """The account's zone into the session, once per sign-in."""
    if request is None or not hasattr(request, "session"):
        return
    saved = AccountSettings.objects.filter(user=user).values_list("time_zone", flat=True).first()
    remember_time_zone(request, saved or "")
