"""Sign-in lockout (django-axes): repeated wrong passwords lock the account
and the address, on the sign-in page and on /api/token/; an administrator
unlocks."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "correct horse battery staple"
LIMIT = 10  # settings.AXES_FAILURE_LIMIT, LOCKOUT_FAILURES unset
LOCKED = "Too many failed sign-in attempts: this account or address is locked for 60 minutes."


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, address="10.0.0.1"):
    statuses = [sign_in(client, username, "wrong", address).status_code for _ in range(times)]
    # The failure that reaches the limit is itself answered "locked".
    assert statuses == [200] * min(times, LIMIT - 1) + [429] * (times - LIMIT + 1)


def test_wrong_passwords_below_the_limit_do_not_lock(client):
    make_user("alice")
    fail(client, "alice", LIMIT - 1)
    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_a_success_forgets_earlier_failures(client):
    make_user("alice")
    fail(client, "alice", LIMIT - 1)
    assert sign_in(client, "alice", PASSWORD).status_code == 302
    client.logout()
    fail(client, "alice", LIMIT - 1)
    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_the_account_is_locked_even_from_other_addresses(client):
    make_user("alice")
    for attempt in range(LIMIT):
        sign_in(client, "alice", "wrong", address=f"10.0.1.{attempt}")
    response = sign_in(client, "alice", PASSWORD, address="10.0.2.1")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert response["Retry-After"] == "3600"
    assert "_auth_user_id" not in client.session


def test_the_address_is_locked_even_for_other_accounts(client):
    make_user("bob")
    for attempt in range(LIMIT):
        sign_in(client, f"guess{attempt}", "wrong")
    assert sign_in(client, "bob", PASSWORD).status_code == 429
    assert sign_in(client, "bob", PASSWORD, address="10.0.3.1").status_code == 302


def test_the_api_token_is_locked_out_too(client):
    make_user("alice")
    api = APIClient(REMOTE_ADDR="10.0.0.9")
    statuses = [
        api.post("/api/token/", {"username": "alice", "password": "wrong"}, format="json")
        for _ in range(LIMIT)
    ]
    assert [r.status_code for r in statuses] == [400] * (LIMIT - 1) + [429]
    response = api.post("/api/token/", {"username": "alice", "password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert response.json()["detail"].startswith(LOCKED)
    assert response.json()["code"] == "locked_out"
    assert response["Retry-After"] == "3600"
    assert "token" not in response.json()
    # The same account is locked on the sign-in page as well.
    assert sign_in(client, "alice", PASSWORD, address="10.0.4.1").status_code == 429


def test_an_administrator_unlocks_with_the_command(client, capsys):
    make_user("alice")
    fail(client, "alice", LIMIT)
    assert sign_in(client, "alice", PASSWORD).status_code == 429
    call_command("axes_reset_username", "alice")
    # The address is still counted: a second command, or sign in from elsewhere.
    call_command("axes_reset_ip", "10.0.0.1")
    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_an_administrator_unlocks_in_admin(client, admin_client):
    make_user("alice")
    fail(client, "alice", LIMIT, address="10.0.5.1")
    assert AccessAttempt.objects.filter(username="alice").exists()
    listing = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "alice" in listing.content.decode()
    AccessAttempt.objects.filter(username="alice").delete()  # what "Delete selected" does
    assert sign_in(client, "alice", PASSWORD, address="10.0.5.1").status_code == 302


def test_behind_the_proxy_each_client_address_counts(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    make_user("bob")
    for attempt in range(LIMIT):
        client.post(
            LOGIN,
            {"username": f"guess{attempt}", "password": "wrong"},
            REMOTE_ADDR="10.9.9.9",  # the proxy
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    other_client = {"REMOTE_ADDR": "10.9.9.9", "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    response = client.post(LOGIN, {"username": "bob", "password": PASSWORD}, **other_client)
    assert response.status_code == 302
