"""/api/token/: a token for a username and password; token and session both sign in."""

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.api import assert_api_status, invalid
from tests.factories import make_user

pytestmark = pytest.mark.django_db

URL = "/api/token/"
PASSWORD = "correct horse battery staple"  # as tests.factories.make_user sets it


def test_gives_the_same_token_each_time():
    alice = make_user("alice")
    first = APIClient().post(URL, {"username": "alice", "password": PASSWORD}, format="json")
    second = APIClient().post(URL, {"username": "alice", "password": PASSWORD}, format="json")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json() == {"token": Token.objects.get(user=alice).key}


def test_the_token_signs_in():
    alice = make_user("alice")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")
    assert client.get("/api/organisations/").status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    refused = client.get("/api/organisations/")
    assert refused.status_code == 401 and refused["WWW-Authenticate"] == "Token"
    assert refused.json() == {"detail": "Invalid token.", "code": "authentication_failed"}


def test_the_session_of_the_pages_signs_in_too(client):
    client.force_login(make_user("alice"))
    assert client.get("/api/organisations/").status_code == 200


def test_wrong_password_is_400_with_a_message():
    make_user("alice")
    response = APIClient().post(URL, {"username": "alice", "password": "nope"}, format="json")
    assert response.status_code == 400
    assert response.json() == invalid(
        {"non_field_errors": ["Unable to log in with provided credentials."]}
    )
    response = APIClient().post(URL, {"username": "alice"}, format="json")
    assert response.json() == invalid({"password": ["This field is required."]})


def test_wrong_method():
    assert_api_status(None, URL, 405)


def test_drf_create_token_command(capsys):
    alice = make_user("alice")
    call_command("drf_create_token", "alice")
    assert Token.objects.get(user=alice).key in capsys.readouterr().out
