"""/api/organisations/: the caller's organisations; create one.

Anyone signed in may create an organisation, so the outsider and viewer
questions are about what the list shows.
"""

import pytest

from assessment.models import Membership, Organisation
from tests.api import api, assert_anonymous_refused, assert_api_status, invalid
from tests.factories import PROFILE

pytestmark = pytest.mark.django_db

URL = "/api/organisations/"


def test_lists_the_callers_organisations_with_their_role(world):
    body = api(world.viewer).get(URL).json()
    assert body["count"] == 1
    (item,) = body["results"]
    assert (item["id"], item["name"], item["role"]) == (
        world.organisation.pk,
        "Statistics Testland",
        "viewer",
    )


def test_others_organisations_are_not_listed(world):
    names = [o["name"] for o in api(world.outsider).get(URL).json()["results"]]
    assert names == ["Elsewhere Statistics"]
    # Staff read any organisation's pages, but this lists their own: none.
    assert api(world.staff).get(URL).json()["count"] == 0


def test_creator_becomes_owner(world):
    response = api(world.outsider).post(URL, PROFILE, format="json")
    assert response.status_code == 201
    organisation = Organisation.objects.get(name="Statistics Newland")
    assert response.json() == {
        "id": organisation.pk,
        **PROFILE,
        "created_at": response.json()["created_at"],
        "role": "owner",
    }
    membership = organisation.memberships.get()
    assert (membership.user, membership.role) == (world.outsider, Membership.Role.OWNER)


def test_only_a_name_is_needed(world):
    response = api(world.viewer).post(URL, {"name": "Statistics Shortland"}, format="json")
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["structure_code"]) == ("nso", "")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "This field may not be blank."),
        ({"kind": "club"}, "kind", '"club" is not a valid choice.'),
        (
            {"structure_code": "HUB"},
            "structure_code",
            "“HUB” is not an operating structure of the framework; choose one of: COE.",
        ),
        (
            {"deliverable_codes": ["SKILLS", "CAKE"]},
            "deliverable_codes",
            "Not deliverables of the framework: CAKE. Choose from: PLATFORMS, SKILLS.",
        ),
    ],
)
def test_invalid_input_names_the_field(world, change, field, message):
    response = api(world.owner).post(URL, {**PROFILE, **change}, format="json")
    assert response.status_code == 400
    assert response.json() == invalid({field: [message]})
    assert not Organisation.objects.filter(name="Statistics Newland").exists()


def test_a_page_beyond_the_last_is_404(world):
    assert api(world.owner).get(URL, {"page": 2}).status_code == 404


def test_permissions(world):
    assert_anonymous_refused(URL)
    assert_anonymous_refused(URL, "post", PROFILE)
    assert_api_status(world.owner, URL, 405, method="put", data=PROFILE)
    assert_api_status(world.owner, URL, 405, method="delete")
    assert Organisation.objects.count() == 2
