"""SQLite's "database is locked" (too many writers at once) is answered 503
with Retry-After, on pages, htmx autosaves and the API; never 500."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from assessment import services
from assessment.models import Answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked(monkeypatch):
    def answer_save(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "answer_save", answer_save)


@pytest.fixture
def client(db):
    # A real server answers 503, not the test client's re-raised exception.
    return Client(raise_request_exception=False)


def autosave(client, world):
    """The owner's autosave of DEV-01, as htmx sends it."""
    client.force_login(world.owner)
    return client.post(
        reverse("answer_autosave", args=[world.assessment.pk, "DEV", "DEV-01"]),
        {"DEV-01-version": 0, "DEV-01-current": "2"},
        HTTP_HX_REQUEST="true",
    )


def test_autosave_answers_503_with_retry_after(client, world, locked):
    response = autosave(client, world)
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert not Answer.objects.exists()


def test_page_answers_503_with_a_message(client, world, locked):
    client.force_login(world.owner)
    response = client.post(
        reverse("questionnaire_section", args=[world.assessment.pk, "DEV"]),
        {"DEV-01-version": 0, "DEV-01-current": "2", "save": ""},
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert "Too many people are saving at this moment; nothing was saved." in (
        response.content.decode()
    )


def test_api_answers_503_in_json(world, locked):
    api = APIClient(raise_request_exception=False)
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.owner).key}")
    response = api.put(
        f"/api/assessments/{world.assessment.pk}/answers/DEV-01/",
        {"current": 2, "version": 0},
        format="json",
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert response.json() == {
        "detail": "Too many people are saving at this moment; nothing was saved. Try again.",
        "code": "busy",
    }


def test_other_database_errors_are_still_errors(client, world, monkeypatch):
    def answer_save(**kwargs):
        raise OperationalError("no such table: assessment_answer")

    monkeypatch.setattr(services, "answer_save", answer_save)
    response = autosave(client, world)
    assert response.status_code == 500
