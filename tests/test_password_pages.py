"""Password change and reset, with the app's own pages."""

import re

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_change_password(client):
    user = make_user("alice")
    client.force_login(user)
    assert "Change your password" in client.get("/accounts/password_change/").content.decode()
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "correct horse battery staple",
            "new_password1": "a new long passphrase 2026",
            "new_password2": "a new long passphrase 2026",
        },
    )
    assert response["Location"] == "/accounts/password_change/done/"
    user.refresh_from_db()
    assert user.check_password("a new long passphrase 2026")


def test_changing_the_password_revokes_the_api_token(client):
    user = make_user("alice")
    Token.objects.create(user=user)
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "correct horse battery staple",
            "new_password1": "a new long passphrase 2026",
            "new_password2": "a new long passphrase 2026",
        },
        follow=True,
    )
    assert not Token.objects.filter(user=user).exists()
    assert "Your API token was revoked with the old password." in response.content.decode()


def test_a_failed_change_keeps_the_api_token(client):
    user = make_user("alice")
    token = Token.objects.create(user=user)
    client.force_login(user)
    client.post("/accounts/password_change/", {"old_password": "wrong"})
    assert Token.objects.get(user=user) == token


def test_change_password_requires_login(client):
    assert client.get("/accounts/password_change/")["Location"].startswith("/accounts/login/")


def test_reset_password_by_email(client, mailoutbox):
    user = make_user("alice")
    client.post("/accounts/password_reset/", {"email": "alice@example.org"})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # Django swaps the token for a session value
    assert "Choose a new password" in client.get(form_url).content.decode()
    client.post(
        form_url,
        {"new_password1": "reset passphrase 2026", "new_password2": "reset passphrase 2026"},
    )
    user.refresh_from_db()
    assert user.check_password("reset passphrase 2026")


def test_resetting_the_password_revokes_the_api_token(client, mailoutbox):
    user = make_user("alice")
    Token.objects.create(user=user)
    client.post("/accounts/password_reset/", {"email": "alice@example.org"})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(
        form_url,
        {"new_password1": "reset passphrase 2026", "new_password2": "reset passphrase 2026"},
    )
    assert not Token.objects.filter(user=user).exists()


def test_reset_link_uses_the_public_address(client, mailoutbox, settings):
    settings.SITE_URL = "https://maturity.example.org"
    make_user("alice")
    client.post("/accounts/password_reset/", {"email": "alice@example.org"})
    assert "https://maturity.example.org/accounts/reset/" in mailoutbox[0].body


def test_unknown_email_reveals_nothing(client, mailoutbox):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mailoutbox == []
