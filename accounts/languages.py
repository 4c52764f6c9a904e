"""Pages in the user's language.

The language comes from the account's setting, kept in the session when the
user signs in or changes it (so no request pays a query for it); without
one, from the language cookie that Django's set_language view sets (the
switcher in the header, signed in or not); else from the browser's
Accept-Language. LocaleMiddleware does the last two; this middleware, after
it and the session, puts the account's choice above them. LocaleMiddleware
then names the language in the response's Content-Language header.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from accounts.models import AccountSettings, is_language

SESSION_KEY = "language"


def account_language(request) -> str:
    """The signed-in account's language ("" when it follows the browser)."""
    session = getattr(request, "session", None)
    saved = session.get(SESSION_KEY, "") if session is not None else ""
    return saved if is_language(saved) else ""


class AccountLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = account_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        # Not deactivated afterwards: LocaleMiddleware's response step reads
        # the active language for Content-Language, and activates afresh on
        # the next request.
        return self.get_response(request)


def remember_language(request, language: str) -> None:
    request.session[SESSION_KEY] = language


@receiver(user_logged_in)
def load_language(sender, request, user, **kwargs):
    """The account's language into the session, once per sign-in."""
    if request is None or not hasattr(request, "session"):
        return
    saved = AccountSettings.objects.filter(user=user).values_list("language", flat=True).first()
    remember_language(request, saved or "")
