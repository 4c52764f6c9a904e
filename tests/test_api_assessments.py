"""/api/assessments/ (list, filter, start) and /api/assessments/<id>/."""

import pytest

from assessment import services
from assessment.models import Assessment
from tests.api import api, assert_anonymous_refused, assert_api_status, invalid
from tests.factories import make_assessment, make_framework

pytestmark = pytest.mark.django_db

LIST = "/api/assessments/"


def detail_url(assessment):
    return f"/api/assessments/{assessment.pk}/"


def start(world, **values):
    return {"organisation": world.organisation.pk, "title": "ML maturity 2027", **values}


# ---------------------------------------------------------------- list


def titles(response):
    assert response.status_code == 200, response.content
    return [a["title"] for a in response.json()["results"]]


def test_lists_the_assessments_of_the_callers_organisations(world):
    make_assessment(world.organisation, world.framework, [world.owner], title="Older")
    assert titles(api(world.viewer).get(LIST)) == ["Older", "ML maturity 2026"]
    assert titles(api(world.outsider).get(LIST)) == []


def test_filters_by_organisation_and_status(world):
    done = make_assessment(world.organisation, world.framework, [world.owner], title="Done")
    services.assessment_close(assessment=done)
    own = world.organisation.pk
    assert titles(api(world.owner).get(LIST, {"status": "complete"})) == ["Done"]
    assert titles(api(world.owner).get(LIST, {"organisation": own, "status": "open"})) == [
        "ML maturity 2026"
    ]
    # Staff read any organisation, through the same access rules as the pages.
    assert len(titles(api(world.staff).get(LIST, {"organisation": own}))) == 2


def test_filtering_by_someone_elses_organisation_is_404(world):
    response = api(world.outsider).get(LIST, {"organisation": world.organisation.pk})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"status": "done"}, "status", '"done" is not a valid choice.'),
        ({"status": ""}, "status", '"" is not a valid choice.'),
        ({"organisation": "abc"}, "organisation", "A valid integer is required."),
    ],
)
def test_invalid_filter_names_the_field(world, query, field, message):
    response = api(world.owner).get(LIST, query)
    assert response.status_code == 400
    assert response.json() == invalid({field: [message]})


def test_list_takes_a_fixed_number_of_queries(world, django_assert_num_queries):
    for year in (2027, 2028, 2029):
        make_assessment(world.organisation, world.framework, [world.owner], title=str(year))
    # The count, then the page with organisation, framework and creator joined.
    with django_assert_num_queries(2):
        assert len(titles(api(world.owner).get(LIST))) == 4


# ---------------------------------------------------------------- start


def test_owner_starts_an_assessment(world):
    response = api(world.owner).post(
        LIST, start(world, framework="tiny", respondents=["editor", "owner"]), format="json"
    )
    assert response.status_code == 201, response.content
    assessment = Assessment.objects.get(title="ML maturity 2027")
    assert response["Location"] == f"http://testserver/api/assessments/{assessment.pk}/"
    body = response.json()
    assert (body["id"], body["status"], body["created_by"]) == (assessment.pk, "open", "owner")
    assert body["framework"] == {"slug": "tiny", "version": 1, "name": "Tiny framework"}
    assert [r["respondent"] for r in body["respondents"]] == ["editor", "owner"]
    assert body["focus_weights"] == {
        "statistics": {"DATA": 2, "SECURITY": 2},
        "it": {"DATA": 2, "SECURITY": 2},
    }


def test_by_default_the_caller_answers_on_the_newest_version(world):
    make_framework(version=2)
    response = api(world.owner).post(LIST, start(world, framework="tiny"), format="json")
    assert response.json()["framework"]["version"] == 2
    assert [r["respondent"] for r in response.json()["respondents"]] == ["owner"]


def test_naming_someone_twice_counts_once(world):
    values = start(world, framework="tiny", respondents=["owner", "owner"])
    assert api(world.owner).post(LIST, values, format="json").status_code == 201


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"framework": "tiny", "title": ""}, "title", "This field may not be blank."),
        (
            {"framework": "huge"},
            "framework",
            "There is no published framework “huge”; see /api/frameworks/.",
        ),
        (
            {"framework": "tiny", "framework_version": 7},
            "framework",
            "There is no published version 7 of framework “tiny”; see /api/frameworks/.",
        ),
        (
            {"framework": "tiny", "respondents": ["viewer"]},
            "respondents",
            "viewer is not an owner or editor of this organisation.",
        ),
        (
            {"framework": "tiny", "respondents": ["owner", "outsider", "nobody"]},
            "respondents",
            "Not members of Statistics Testland: outsider, nobody.",
        ),
        (
            {"framework": "tiny", "respondents": []},
            "respondents",
            "Choose at least one member to answer.",
        ),
    ],
)
def test_invalid_input_names_the_field(world, values, field, message):
    response = api(world.owner).post(LIST, start(world, **values), format="json")
    assert response.status_code == 400
    assert response.json() == invalid({field: [message]})
    assert Assessment.objects.count() == 1


def test_a_draft_framework_cannot_be_used(world, draft):
    values = start(world, framework="tiny", framework_version=2)
    assert api(world.owner).post(LIST, values, format="json").status_code == 400


def test_only_owners_start(world):
    values = start(world, framework="tiny")
    assert_api_status(world.editor, LIST, 403, "post", values)
    assert_api_status(world.viewer, LIST, 403, "post", values)
    assert_api_status(world.staff, LIST, 403, "post", values)
    assert_api_status(world.outsider, LIST, 404, "post", values)
    assert_api_status(world.owner, LIST, 404, "post", {**values, "organisation": 999})
    assert Assessment.objects.count() == 1


# ---------------------------------------------------------------- detail


def test_detail_shows_who_answers_and_how_far(world):
    services.answer_save(
        response=world.editor_response,
        question=world.framework.questions.get(code="DEV-01"),
        values=services.AnswerValues(dont_know=True),
        based_on_version=0,
        user=world.editor,
    )
    body = api(world.viewer).get(detail_url(world.assessment)).json()
    assert body["title"] == "ML maturity 2026"
    assert body["organisation"] == world.organisation.pk
    assert {(r["respondent"], r["answered"], r["total"]) for r in body["respondents"]} == {
        ("editor", 1, 2),
        ("owner", 0, 2),
    }


def test_permissions(world):
    url = detail_url(world.assessment)
    assert_anonymous_refused(LIST)
    assert_anonymous_refused(LIST, "post", start(world, framework="tiny"))
    assert_anonymous_refused(url)
    assert_api_status(world.outsider, url, 404)
    assert_api_status(world.viewer, url, 200)
    assert_api_status(world.staff, url, 200)
    assert_api_status(world.owner, "/api/assessments/999/", 404)
    assert_api_status(world.owner, url, 405, method="put", data={"title": "Renamed"})
    assert_api_status(world.owner, url, 405, method="delete")
    assert_api_status(world.owner, LIST, 405, method="patch", data={})
