"""POST /api/assessments/<id>/submit/: submit the caller's response."""

import pytest

from assessment import services
from assessment.models import Assessment
from tests.api import api, assert_anonymous_refused, assert_api_status
from tests.factories import answer

pytestmark = pytest.mark.django_db


def url(world):
    return f"/api/assessments/{world.assessment.pk}/submit/"


def answer_all(response):
    answer(response, "DEV-01", current=1, target=2)
    answer(response, "DEV-02", not_applicable=True, comment="No code yet.")


def test_submits_and_locks_the_response(world):
    answer_all(world.owner_response)
    response = api(world.owner).post(url(world))
    assert response.status_code == 200
    body = response.json()
    assert (body["respondent"], body["assessment_status"]) == ("owner", "open")
    world.owner_response.refresh_from_db()
    assert world.owner_response.is_submitted
    assert body["submitted_at"] is not None


def test_the_last_respondent_completes_the_assessment(world):
    answer_all(world.owner_response)
    answer_all(world.editor_response)
    services.response_submit(response=world.editor_response)
    response = api(world.owner).post(url(world))
    assert response.json()["assessment_status"] == "complete"
    assert Assessment.objects.get().status == "complete"


def test_incomplete_is_409_and_lists_what_is_missing(world):
    answer(world.owner_response, "DEV-02", dont_know=True)
    response = api(world.owner).post(url(world))
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Some questions still need an answer; nothing was submitted.",
        "code": "incomplete",
        "missing": ["DEV-01"],
        "unconfirmed": [],
    }
    world.owner_response.refresh_from_db()
    assert not world.owner_response.is_submitted


def test_carried_over_answers_must_be_confirmed_first(world):
    answer_all(world.owner_response)
    answer_all(world.editor_response)
    services.response_submit(response=world.owner_response)
    services.response_submit(response=world.editor_response)
    later = services.assessment_copy(
        assessment=world.assessment, title="2027", created_by=world.owner
    )
    response = api(world.owner).post(f"/api/assessments/{later.pk}/submit/")
    assert response.status_code == 409
    assert (response.json()["missing"], response.json()["unconfirmed"]) == (
        [],
        ["DEV-01", "DEV-02"],
    )


def test_submitting_twice_is_409(world):
    answer_all(world.owner_response)
    api(world.owner).post(url(world))
    response = api(world.owner).post(url(world))
    assert response.status_code == 409
    assert response.json() == {
        "detail": "This response has been submitted and is locked.",
        "code": "locked",
    }


def test_permissions(world):
    answer_all(world.owner_response)
    assert_anonymous_refused(url(world), "post")
    assert_api_status(world.outsider, url(world), 404, "post")
    assert_api_status(world.viewer, url(world), 403, "post")
    assert_api_status(world.staff, url(world), 403, "post")
    assert_api_status(world.owner, url(world), 405, "get")
    assert_api_status(world.owner, "/api/assessments/999/submit/", 404, "post")
    world.owner_response.refresh_from_db()
    assert not world.owner_response.is_submitted
