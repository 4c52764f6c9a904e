"""What a user sets for their own account."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


@cache
def time_zone_names() -> list[str]:
    """The IANA zone names Python knows, sorted (Europe/Paris, UTC, ...)."""
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def is_time_zone(name: str) -> bool:
    return name in set(time_zone_names())


def is_language(code: str) -> bool:
    """One of the languages the interface is written in (LANGUAGES)."""
    return code in {language for language, _name in settings.LANGUAGES}


class AccountSettings(models.Model):
    """One row per user who changed a setting; no row means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="account_settings",
    )
    # Blank: the browser's time zone (or UTC without one).
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    # Blank: the browser's language (Accept-Language). Not a choices field, so
    # that adding a language to LANGUAGES needs no migration.
    language = models.CharField(_("language"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("account settings")
        verbose_name_plural = _("account settings")

    def __str__(self) -> str:
        return f"{self.user} ({self.time_zone or 'browser'}, {self.language or 'browser'})"
