"""/api/assessments/<id>/inventory/: what the office has, read and written."""

import pytest

from assessment import services
from assessment.models import ComponentStatus, MLSolution, RoleStatus
from tests.api import (
    api,
    assert_anonymous_refused,
    assert_api_status,
    assert_members_read_only,
    invalid,
)
from tests.factories import answer, make_solution

pytestmark = pytest.mark.django_db


def url(world, part=""):
    return f"/api/assessments/{world.assessment.pk}/inventory/{part}"


SOLUTION = {
    "name": "Occupation coder",
    "phase_code": "5",
    "subprocess_code": "5.2",
    "stage": "production",
    "method": "coding",
    "component_codes": ["C1"],
}


def test_read(world):
    make_solution(world.assessment)
    services.component_statuses_save(
        assessment=world.assessment,
        statuses={"C1": services.ComponentValues("in-place", "GitLab", True)},
    )
    services.role_statuses_save(
        assessment=world.assessment, statuses={"R7": services.RoleValues(0, 2, True)}
    )
    body = api(world.viewer).get(url(world)).json()
    solution = body["solutions"][0]
    assert {key: solution[key] for key in ("name", "phase_code", "subprocess_code", "stage")} == {
        "name": "Occupation coder",
        "phase_code": "5",
        "subprocess_code": "5.2",
        "stage": "production",
    }
    assert body["components"] == [
        {
            "code": "C1",
            "status": "in-place",
            "tools": "GitLab",
            "shared_with_it": True,
            "carried_over": False,
        }
    ]
    assert body["roles"] == [
        {"code": "R7", "held": 0, "needed": 2, "hard_to_fill": True, "carried_over": False}
    ]


def test_read_permissions(world):
    assert_members_read_only(world, url(world))


def test_editor_replaces_the_solutions(world):
    make_solution(world.assessment, name="Old")
    response = api(world.editor).put(
        url(world, "solutions/"),
        {"solutions": [SOLUTION, {**SOLUTION, "name": "Second"}]},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert [s["name"] for s in response.json()["solutions"]] == ["Occupation coder", "Second"]
    assert MLSolution.objects.filter(name="Old").count() == 0


def test_a_wrong_solution_saves_none_and_names_its_position(world):
    make_solution(world.assessment, name="Old")
    response = api(world.owner).put(
        url(world, "solutions/"),
        {"solutions": [SOLUTION, {**SOLUTION, "phase_code": "7", "component_codes": ["C9"]}]},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"] == {
        "solutions.1.phase_code": ["Choose one of the phases 5."],
        "solutions.1.component_codes": ["Unknown component C9."],
    }
    assert list(MLSolution.objects.values_list("name", flat=True)) == ["Old"]


def test_a_bad_body_is_refused_by_the_serializer(world):
    response = api(world.owner).put(
        url(world, "solutions/"), {"solutions": [{**SOLUTION, "stage": "live"}]}, format="json"
    )
    assert response.status_code == 400
    assert "solutions.0.stage" in response.json()["errors"]


def test_components_and_roles(world):
    client = api(world.editor)
    response = client.put(
        url(world, "components/"),
        {"components": [{"code": "C1", "status": "partly", "tools": "Jenkins"}]},
        format="json",
    )
    assert response.status_code == 200
    assert ComponentStatus.objects.get().tools == "Jenkins"
    response = client.put(
        url(world, "components/"),
        {"components": [{"code": "C1", "status": "maybe"}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == invalid({"C1": ["Choose one of: none, partly, in-place."]})
    response = client.put(
        url(world, "roles/"), {"roles": [{"code": "R7", "held": 1, "needed": 3}]}, format="json"
    )
    assert response.status_code == 200
    assert RoleStatus.objects.get().needed == 3
    response = client.put(
        url(world, "roles/"), {"roles": [{"code": "R99", "held": 1}]}, format="json"
    )
    assert response.json() == invalid({"R99": ["Unknown role R99."]})


def test_complete_assessment_is_409(world):
    answer(world.owner_response, "DEV-01", current=1, target=2)
    answer(world.owner_response, "DEV-02", current=1, target=2)
    services.assessment_close(assessment=world.assessment)
    response = api(world.owner).put(url(world, "roles/"), {"roles": []}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "locked"


@pytest.mark.parametrize(
    ("part", "body"),
    [
        ("solutions/", {"solutions": []}),
        ("components/", {"components": []}),
        ("roles/", {"roles": []}),
    ],
)
def test_write_permissions(world, part, body):
    address = url(world, part)
    assert_anonymous_refused(address, "put", body)
    assert_api_status(world.outsider, address, 404, "put", body)
    assert_api_status(world.viewer, address, 403, "put", body)
    assert_api_status(world.staff, address, 403, "put", body)
    assert_api_status(world.owner, address, 405, "get")
    assert_api_status(world.owner, address, 200, "put", body)


def test_results_and_roadmap_carry_the_inventory(world):
    make_solution(world.assessment)
    body = api(world.viewer).get(f"/api/assessments/{world.assessment.pk}/results/").json()
    inventory = body["inventory"]
    assert inventory["solutions"][0]["subprocess_name"] == "Classify and code"
    assert inventory["gsbpm_map"] == {
        "phases": ["5"],
        "stages": ["idea", "experiment", "pilot", "production", "retired"],
        "counts": [[0, 0, 0, 1, 0]],
    }
    roadmap = api(world.viewer).get(f"/api/assessments/{world.assessment.pk}/roadmap/").json()
    assert roadmap["not_planned"] == [] and roadmap["skills_gaps"] == []
