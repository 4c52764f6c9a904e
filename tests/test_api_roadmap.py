"""GET /api/assessments/<id>/roadmap/: the roadmap page's items."""

import pytest

from reports.models import Roadmap, RoadmapEntry
from tests.api import api, assert_members_read_only
from tests.factories import roadmap_edit

pytestmark = pytest.mark.django_db


def url(world):
    return f"/api/assessments/{world.assessment.pk}/roadmap/"


@pytest.fixture
def submitted(submitted_and_closed):
    # DEV-01 points to CICD (which needs SOURCE-REPO), DEV-02 to SOURCE-REPO.
    return submitted_and_closed


def test_computed_from_the_answers_until_the_owner_edits(submitted):
    body = api(submitted.viewer).get(url(submitted)).json()
    assert (body["saved"], body["generated_at"], body["edited_at"]) == (False, None, None)
    source, cicd = body["items"]
    assert (source["capability"], source["phase"], source["needs"]) == ("SOURCE-REPO", 1, [])
    assert source["reasons"] == []  # only there because CI/CD needs it
    assert cicd == {
        "capability": "CICD",
        "name": "CI/CD pipelines",
        "position": 2,
        "phase": 2,
        "priority": 3.0,  # gap 2 × focus 1 × weight 1.5
        "reasons": ["DEV-01"],
        "needs": ["SOURCE-REPO"],
        "roles": ["R1", "R7"],
        "effort": "M",
        "deliverable": "PLATFORMS",
        "typical_owner": "The centre.",
        "owner_role": "",
        "start_date": None,
        "end_date": None,
        "status": "planned",
        "notes": "",
        "inventory_notes": [],
        "lacking_roles": [],
    }
    assert not Roadmap.objects.exists()  # reading saves nothing


def test_the_saved_roadmap_with_the_owners_edits(submitted):
    roadmap_edit(
        submitted.assessment,
        "CICD",
        phase=3,
        owner_role="R7",
        status=RoadmapEntry.Status.IN_PROGRESS,
        notes="Pilot with the LFS team",
    )
    body = api(submitted.owner).get(url(submitted)).json()
    assert body["saved"] is True and body["edited_at"] is not None
    cicd = body["items"][-1]
    assert (cicd["phase"], cicd["owner_role"], cicd["status"], cicd["notes"]) == (
        3,
        "R7",
        "in-progress",
        "Pilot with the LFS team",
    )


@pytest.mark.parametrize("framework", ["with a cycle"], indirect=True)
def test_a_cycle_in_the_framework_is_409_naming_it(submitted):
    response = api(submitted.owner).get(url(submitted))
    assert response.status_code == 409
    assert "CICD → SOURCE-REPO → CICD" in response.json()["detail"]
    assert response.json()["cycle"] == ["CICD", "SOURCE-REPO", "CICD"]
    assert response.json()["code"] == "cycle" and response.json()["detail"]


def test_nothing_submitted_is_an_empty_roadmap(world):
    assert api(world.owner).get(url(world)).json()["items"] == []


def test_permissions(submitted):
    assert_members_read_only(submitted, url(submitted))
    assert not Roadmap.objects.exists()
