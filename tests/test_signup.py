"""Self sign-up with email confirmation (/accounts/signup/), and what the
login page says about getting an account, with SIGNUP_OPEN on and off."""

import re

import pytest
from django.contrib.auth import get_user_model

from tests.factories import make_user
from tests.permissions import assert_status

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase 2026"


def sign_up(client, username="newcomer", email="newcomer@example.org"):
    return client.post(
        "/accounts/signup/",
        {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def confirm_link(mailoutbox) -> str:
    (mail,) = mailoutbox
    return re.search(r"http://testserver(/accounts/signup/[^\s]+/)", mail.body).group(1)


def test_login_page_offers_sign_up(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/signup/"' in page


def test_sign_up_confirm_then_sign_in(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response["Location"] == "/accounts/signup/sent/"
    user = get_user_model().objects.get(username="newcomer")
    assert not user.is_active  # not before the address is confirmed
    assert mailoutbox[0].to == ["newcomer@example.org"]
    link = confirm_link(mailoutbox)

    page = client.get(link).content.decode()  # opening the link confirms nothing
    assert "Confirm newcomer@example.org for the account newcomer." in page
    user.refresh_from_db()
    assert not user.is_active
    assert client.post(link)["Location"] == "/accounts/login/"
    user.refresh_from_db()
    assert user.is_active
    signed_in = client.post("/accounts/login/", {"username": "newcomer", "password": PASSWORD})
    assert signed_in["Location"] == "/"
    # The new account can create its organisation.
    assert "Create an organisation" in client.get("/").content.decode()


def test_a_wrong_link_is_refused(client):
    user = make_user("pending")
    user.is_active = False
    user.save()
    response = client.get("/accounts/signup/MQ/not-a-token/")
    assert response.status_code == 400
    assert client.post("/accounts/signup/MQ/not-a-token/").status_code == 400
    user.refresh_from_db()
    assert not user.is_active


def test_a_taken_address_or_name_is_refused_with_a_message(client):
    make_user("alice")  # alice@example.org
    page = sign_up(client, email="ALICE@example.org").content.decode()
    assert "An account already has this address." in page
    page = sign_up(client, username="alice", email="other@example.org").content.decode()
    assert "A user with that username already exists." in page
    assert get_user_model().objects.count() == 1


def test_closed_deployment_has_no_sign_up_and_says_so(client, settings):
    settings.SIGNUP_OPEN = False
    page = client.get("/accounts/login/").content.decode()
    assert "by invitation only" in page
    assert "/accounts/signup/" not in page
    assert client.get("/accounts/signup/").status_code == 404
    assert sign_up(client).status_code == 404
    assert not get_user_model().objects.exists()


def test_signed_in_user_is_sent_home(client):
    client.force_login(make_user())
    assert client.get("/accounts/signup/")["Location"] == "/"


def test_wrong_method(client):
    assert client.put("/accounts/signup/").status_code == 405
    assert_status(client, make_user(), "/accounts/signup/sent/", 405, method="post")
