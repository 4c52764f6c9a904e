"""Password change and reset, with the app's own pages."""

import re

import pytest

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


def test_unknown_email_reveals_nothing(client, mailoutbox):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mailoutbox == []
