"""GET /api/assessments/<id>/roadmap/: the roadmap page's items."""

from datetime import timedelta

import pytest

from reports.models import Roadmap, RoadmapEntry
from reports.roadmap import quarter_first_day, quarter_number
from reports.roadmap_view import default_start
from tests.api import api, assert_members_read_only
from tests.factories import roadmap_edit

pytestmark = pytest.mark.django_db


def quarter(number):
    """The first day of the default roadmap's quarter ``number`` (1: its first)."""
    return quarter_first_day(quarter_number(default_start()) + number - 1)


def url(world):
    return f"/api/assessments/{world.assessment.pk}/roadmap/"


@pytest.fixture
def submitted(submitted_and_closed):
    # DEV-01 points to CICD (which needs SOURCE-REPO), DEV-02 to SOURCE-REPO.
    return submitted_and_closed


def test_computed_from_the_answers_until_the_owner_edits(submitted):
    body = api(submitted.viewer).get(url(submitted)).json()
    assert (body["saved"], body["generated_at"], body["edited_at"]) == (False, None, None)
    start = default_start()
    assert (body["start_date"], body["capacity"], body["settings_saved"]) == (
        start.isoformat(),
        6,
        False,
    )
    assert body["end_date"] == (quarter(4) - timedelta(days=1)).isoformat()
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
        "deliverable_name": "Platforms",
        "typical_owner": "The centre.",
        "owner_role": "",
        # Planned: after the repository's quarter, for two quarters (effort M).
        "start_date": quarter(2).isoformat(),
        "end_date": (quarter(4) - timedelta(days=1)).isoformat(),
        "dates_fixed": False,
        "wait_reason": "",
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
        start_date=quarter(3),
        end_date=quarter(3) + timedelta(days=30),
        owner_role="R7",
        status=RoadmapEntry.Status.IN_PROGRESS,
        notes="Pilot with the LFS team",
    )
    body = api(submitted.owner).get(url(submitted)).json()
    assert body["saved"] is True and body["edited_at"] is not None
    cicd = body["items"][-1]
    assert (cicd["start_date"], cicd["end_date"], cicd["dates_fixed"]) == (
        quarter(3).isoformat(),
        (quarter(3) + timedelta(days=30)).isoformat(),
        True,
    )
    assert (cicd["owner_role"], cicd["status"], cicd["notes"]) == (
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
