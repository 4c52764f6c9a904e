"""Writes for a user's own account: signing up, the API token, the time zone,
the language."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from accounts.models import AccountSettings, is_language, is_time_zone


@transaction.atomic
def token_rotate(*, user: AbstractBaseUser) -> Token:
    """A new token for the user; the old one, if any, stops working."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def token_revoke(*, user: AbstractBaseUser) -> bool:
    """The user's token stops working. Called when the password changes or is
    reset too: a token taken with the old password must not outlive it.
    Returns whether there was one."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return deleted > 0


@transaction.atomic
def account_set_time_zone(*, user: AbstractBaseUser, time_zone: str) -> AccountSettings:
    """Times are shown to the user in ``time_zone`` ("" for the browser's)."""
    if time_zone and not is_time_zone(time_zone):
        raise ValueError(f"unknown time zone {time_zone!r}")
    account, _created = AccountSettings.objects.update_or_create(
        user=user, defaults={"time_zone": time_zone}
    )
    return account


@transaction.atomic
def account_set_language(*, user: AbstractBaseUser, language: str) -> AccountSettings:
    """Pages are shown to the user in ``language`` ("" for the browser's)."""
    if language and not is_language(language):
        raise ValueError(f"unknown language {language!r}")
    account, _created = AccountSettings.objects.update_or_create(
        user=user, defaults={"language": language}
    )
    return account


@transaction.atomic
def account_sign_up(
    *, username: str, email: str, password: str, confirm_url_for: Callable[[AbstractBaseUser], str]
) -> AbstractBaseUser:
    """A new account that cannot sign in until its email address is
    confirmed through the link sent to it."""
    user = get_user_model().objects.create_user(
        username=username, email=email, password=password, is_active=False
    )
    url = confirm_url_for(user)
    body = _(
        "Someone (we hope you) created the account %(username)s with this email address "
        "to assess machine-learning maturity.\n\nConfirm the address to sign in (the link "
        "works for %(days)s days):\n%(url)s\n\nIf it was not you, ignore this email: the "
        "account stays unusable."
    ) % {"username": username, "days": settings.PASSWORD_RESET_TIMEOUT // 86400, "url": url}
    subject = _("Confirm your email address")
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return user


@transaction.atomic
def account_confirm(*, user: AbstractBaseUser) -> bool:
    """The address is confirmed: the account can sign in. Returns whether it
    was waiting for this (False when confirmed before)."""
    if user.is_active:
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True
