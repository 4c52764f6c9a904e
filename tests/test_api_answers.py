"""/api/assessments/<id>/answers/ (list, bulk PATCH) and .../answers/<code>/ (GET, PUT)."""

import pytest

from assessment import services
from assessment.models import Answer, AnswerChange
from tests.api import api, assert_anonymous_refused, assert_api_status, invalid
from tests.factories import answer

pytestmark = pytest.mark.django_db


def list_url(world):
    return f"/api/assessments/{world.assessment.pk}/answers/"


def url(world, code="DEV-01"):
    return f"/api/assessments/{world.assessment.pk}/answers/{code}/"


def put(world, user=None, code="DEV-01", **values):
    return api(user or world.owner).put(url(world, code), values, format="json")


def patch(world, items, user=None):
    return api(user or world.owner).patch(list_url(world), {"answers": items}, format="json")


def stored(world, code="DEV-01"):
    return Answer.objects.filter(response=world.owner_response, question__code=code).first()


# ---------------------------------------------------------------- reading


def test_lists_only_the_callers_own_answers(world):
    answer(world.owner_response, "DEV-02", current=2, target=3, comment="Git everywhere")
    answer(world.editor_response, "DEV-01", current=1)
    body = api(world.owner).get(list_url(world)).json()
    assert body["count"] == 1
    assert body["results"][0] == {
        "question": "DEV-02",
        "current": 2,
        "target": 3,
        "not_applicable": False,
        "dont_know": False,
        "comment": "Git everywhere",
        "evidence_url": "",
        "carried_over": False,
        "version": 1,
        "updated_at": body["results"][0]["updated_at"],
        "updated_by": "owner",
    }


def test_one_answer_not_given_yet_is_version_0(world):
    body = api(world.owner).get(url(world)).json()
    assert (body["version"], body["current"], body["updated_by"]) == (0, None, None)


# ---------------------------------------------------------------- saving one


def test_put_saves_and_raises_the_version(world):
    response = put(world, current=2, target=4, comment=" Jenkins ", version=0)
    assert response.status_code == 200
    assert (response.json()["version"], response.json()["comment"]) == (1, "Jenkins")
    response = put(world, current=3, target=4, version=1)
    assert response.json()["version"] == 2
    answer = stored(world)
    assert (answer.current, answer.target, answer.comment, answer.version) == (3, 4, "", 2)
    assert answer.changes.count() == 2  # the history, as for the pages


def test_put_the_same_values_again_is_not_a_conflict(world):
    put(world, current=2, version=0)
    response = put(world, current=2, version=0)
    assert response.status_code == 200
    assert response.json()["version"] == 1


def test_put_on_a_stale_version_is_409_with_the_stored_answer(world):
    answer(world.owner_response, "DEV-01", dont_know=True, comment="Ask IT")
    response = put(world, current=1, version=0)
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "changed"
    assert "it is now version 1" in body["detail"]
    current = body["current"]
    assert (current["dont_know"], current["comment"], current["version"]) == (True, "Ask IT", 1)
    assert stored(world).dont_know  # nothing was saved
    # Saving again, based on the stored version, is a deliberate overwrite.
    assert put(world, current=1, version=1).status_code == 200


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"current": 4, "target": 2},
            "target",
            "The target level cannot be below the current level.",
        ),
        ({"current": 5}, "current", "Choose one of the levels."),
        ({"current": 0}, "current", "Ensure this value is greater than or equal to 1."),
        (
            {"current": 2, "not_applicable": True, "comment": "Not ours."},
            "current",
            "A question that is not applicable or not known has no levels.",
        ),
        (
            {"not_applicable": True, "comment": "  "},
            "comment",
            "Say in the comment why this question does not apply to the office.",
        ),
        ({"current": "two"}, "current", "A valid integer is required."),
        ({"evidence_url": "intranet page"}, "evidence_url", "Enter a valid URL."),
        ({"comment": "x" * 5001}, "comment", "Ensure this field has no more than 5000 characters."),
    ],
)
def test_put_invalid_input_names_the_field(world, values, field, message):
    response = put(world, version=0, **values)
    assert response.status_code == 400
    assert response.json() == invalid({field: [message]})
    assert not Answer.objects.exists()


def test_put_needs_the_version_it_is_based_on(world):
    response = put(world, current=1)
    assert response.status_code == 400
    assert response.json() == invalid({"version": ["This field is required."]})


def test_put_on_a_submitted_response_is_409(world):
    answer(world.owner_response, "DEV-01", current=1)
    answer(world.owner_response, "DEV-02", current=1)
    services.response_submit(response=world.owner_response)
    response = put(world, current=2, version=1)
    assert response.status_code == 409
    assert response.json() == {
        "detail": "This response has been submitted and is locked.",
        "code": "locked",
    }


def test_unknown_question_is_404(world):
    assert put(world, code="NOPE", current=1, version=0).status_code == 404
    assert put(world, code="DEV%0001", current=1, version=0).status_code == 404  # NUL
    assert_api_status(world.owner, url(world, "NOPE"), 404)


# ---------------------------------------------------------------- saving many


def test_patch_saves_many(world):
    response = patch(
        world,
        [
            {"question": "DEV-01", "current": 1, "target": 3, "version": 0},
            {"question": "DEV-02", "not_applicable": True, "comment": "No code yet.", "version": 0},
        ],
    )
    assert response.status_code == 200
    assert [(a["question"], a["version"]) for a in response.json()["answers"]] == [
        ("DEV-01", 1),
        ("DEV-02", 1),
    ]
    assert stored(world, "DEV-02").not_applicable


def test_patch_saves_nothing_when_one_item_is_invalid(world):
    answer(world.owner_response, "DEV-01", current=1, comment="Before")
    response = patch(
        world,
        [
            # Valid, and saved first: then undone.
            {"question": "DEV-01", "current": 2, "comment": "After", "version": 1},
            {"question": "DEV-02", "current": 4, "target": 2, "version": 0},
        ],
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Nothing was saved: 1 of 2 answers has problems.",
        "code": "invalid",
        "errors": {"DEV-02.target": ["The target level cannot be below the current level."]},
        "current": {},
    }
    before = stored(world, "DEV-01")
    assert (before.current, before.comment, before.version) == (1, "Before", 1)
    assert stored(world, "DEV-02") is None
    assert AnswerChange.objects.count() == 1  # only the first save, before the PATCH


def test_patch_saves_nothing_when_one_item_changed_elsewhere(world):
    answer(world.owner_response, "DEV-02", dont_know=True)
    response = patch(
        world,
        [
            {"question": "DEV-01", "current": 2, "version": 0},
            {"question": "DEV-02", "current": 3, "version": 0},
        ],
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "changed"
    assert list(body["errors"]) == ["DEV-02.version"]
    assert "it is now version 1" in body["errors"]["DEV-02.version"][0]
    assert (body["current"]["DEV-02"]["dont_know"], body["current"]["DEV-02"]["version"]) == (
        True,
        1,
    )
    assert stored(world, "DEV-01") is None


def test_patch_with_a_conflict_and_an_error_is_400_and_lists_both(world):
    answer(world.owner_response, "DEV-02", dont_know=True)
    response = patch(
        world,
        [
            {"question": "DEV-01", "current": 9, "version": 0},
            {"question": "DEV-02", "current": 3, "version": 0},
        ],
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"DEV-01.current", "DEV-02.version"}
    assert set(response.json()["current"]) == {"DEV-02"}


def test_patch_invalid_items_are_listed_by_question_code(world):
    response = patch(
        world,
        [
            {"question": "DEV-01", "current": "high", "version": 0},
            {"question": "NOPE", "version": 0},
            {"current": 1, "version": 0},
        ],
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "DEV-01.current": ["A valid integer is required."],
        "answers[2].question": ["This field is required."],
    }
    # Fixed those, the unknown code is the problem left.
    response = patch(world, [{"question": "NOPE", "version": 0}])
    assert response.json()["errors"] == {"NOPE.question": ["No question with this code."]}
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"answers": []}, {"answers": ["This list may not be empty."]}),
        ({}, {"answers": ["This field is required."]}),
        (
            {"answers": [{"question": "DEV-01", "version": 0}] * 2},
            {"answers": ["Each question may appear once; more than once: DEV-01."]},
        ),
    ],
)
def test_patch_invalid_list_names_the_field(world, body, message):
    response = api(world.owner).patch(list_url(world), body, format="json")
    assert response.status_code == 400
    assert response.json() == invalid(message)


def test_patch_on_a_closed_assessment_is_409(world):
    services.assessment_close(assessment=world.assessment)
    response = patch(world, [{"question": "DEV-01", "current": 1, "version": 0}])
    assert response.status_code == 409
    assert response.json()["code"] == "locked"


# ---------------------------------------------------------------- who may


def test_permissions(world):
    one = {"current": 1, "version": 0}
    many = {"answers": [{"question": "DEV-01", "current": 1, "version": 0}]}
    for target, method, data in [
        (url(world), "get", None),
        (url(world), "put", one),
        (list_url(world), "get", None),
        (list_url(world), "patch", many),
    ]:
        assert_anonymous_refused(target, method, data)
        assert_api_status(world.outsider, target, 404, method, data)
        # Viewers and staff answer nothing; they have no answers to read either.
        assert_api_status(world.viewer, target, 403, method, data)
        assert_api_status(world.staff, target, 403, method, data)
    assert_api_status(world.owner, url(world), 405, "post", one)
    assert_api_status(world.owner, url(world), 405, "delete")
    assert_api_status(world.owner, list_url(world), 405, "post", many)
    assert_api_status(world.owner, list_url(world), 405, "put", many)
    assert not Answer.objects.exists()
