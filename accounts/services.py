"""Writes for a user's own account: the API token, the time zone."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from rest_framework.authtoken.models import Token

from accounts.models import AccountSettings, is_time_zone


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
