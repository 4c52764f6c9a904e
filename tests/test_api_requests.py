"""What the API accepts as a request body: JSON only, within limits.

Whatever arrives, the answer is JSON: never a 500, never an HTML page.
"""

import json

import pytest
from django.middleware.csrf import get_token
from django.test import Client

from tests.api import api
from tests.factories import make_user

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/token/"


def answer_url(world, code="DEV-01"):
    return f"/api/assessments/{world.assessment.pk}/answers/{code}/"


def assert_json_error(response, status: int, detail_starts: str):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith(detail_starts)


@pytest.mark.parametrize("url", [TOKEN_URL, "/api/organisations/"])
def test_deeply_nested_json_is_a_400_even_signed_out(url):
    # 100,000 levels: Python's json module runs out of stack long before.
    body = "[" * 100_000 + "]" * 100_000
    response = Client().post(url, body, content_type="application/json")
    expected = 400 if url == TOKEN_URL else 401  # signed out: refused before parsing
    assert response.status_code == expected
    assert response["Content-Type"] == "application/json"


def test_deeply_nested_json_is_a_400_when_signed_in(world):
    body = "[" * 100_000 + "]" * 100_000
    response = api(world.owner).generic(
        "PUT", answer_url(world), body, content_type="application/json"
    )
    assert_json_error(response, 400, "JSON parse error - nested too deeply")


def test_a_body_over_the_upload_limit_is_a_json_400(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    make_user("alice")
    body = json.dumps({"username": "alice", "password": "x" * 2000})
    response = Client().post(TOKEN_URL, body, content_type="application/json")
    assert_json_error(response, 400, "The request body is larger than 1000 bytes.")


def test_a_body_within_the_limit_is_read(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    make_user("alice")
    body = json.dumps({"username": "alice", "password": "wrong"})
    assert Client().post(TOKEN_URL, body, content_type="application/json").status_code == 400


@pytest.mark.parametrize("format_", ["multipart", None])
def test_forms_are_415_with_a_json_error(world, format_):
    client = api(world.owner)
    data = {"current": 2, "version": 0}
    if format_ is None:  # application/x-www-form-urlencoded
        response = client.generic(
            "PUT",
            answer_url(world),
            "current=2&version=0",
            content_type="application/x-www-form-urlencoded",
        )
    else:
        response = client.put(answer_url(world), data, format=format_)
    assert_json_error(response, 415, "Unsupported media type")
    assert not world.owner_response.answers.exists()


def test_token_for_a_form_is_415():
    make_user("alice")
    response = Client().post(TOKEN_URL, {"username": "alice", "password": "x"})
    assert_json_error(response, 415, "Unsupported media type")


def test_the_pages_session_with_csrf_still_saves(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    client.get("/")  # a page, which sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    body = json.dumps({"current": 2, "version": 0})
    refused = client.put(answer_url(world), body, content_type="application/json")
    assert refused.status_code == 403  # no CSRF token: session writes are refused
    saved = client.put(
        answer_url(world), body, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["current"] == 2
    assert get_token  # the helper the pages use to put the token in forms
