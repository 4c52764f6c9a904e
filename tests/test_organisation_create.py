"""Creating an organisation (/organisations/new/)."""

import pytest
from django.urls import reverse

from assessment.models import Membership, Organisation
from tests.factories import PROFILE, make_user

pytestmark = pytest.mark.django_db

URL = reverse("organisation_create")


@pytest.fixture
def alice(client, framework):
    alice = make_user("alice")
    client.force_login(alice)
    return alice


def test_form_offers_the_frameworks_structures_and_deliverables(client, alice):
    response = client.get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'for="id_name"' in text
    assert "Centre of excellence" in text
    assert "Skills building" in text


def test_creator_becomes_owner(client, alice):
    response = client.post(URL, PROFILE)
    organisation = Organisation.objects.get(name="Statistics Newland")
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation_detail", args=[organisation.pk])
    assert organisation.memberships.get().user == alice
    assert organisation.memberships.get().role == Membership.Role.OWNER


def test_profile_is_saved(client, alice):
    client.post(URL, PROFILE)
    organisation = Organisation.objects.get(name="Statistics Newland")
    assert organisation.country == "Newland"
    assert organisation.kind == "regional"
    assert organisation.size == "medium"
    assert organisation.structure_code == "COE"
    assert organisation.deliverable_codes == ["PLATFORMS", "SKILLS"]


def test_creation_is_confirmed(client, alice):
    response = client.post(URL, PROFILE, follow=True)
    assert "Created Statistics Newland. You are its owner." in response.content.decode()


def test_empty_name_is_an_error_and_creates_nothing(client, alice):
    response = client.post(URL, {**PROFILE, "name": ""})
    assert response.status_code == 200
    text = response.content.decode()
    assert "This field is required." in text
    assert 'value="Newland"' in text  # what was typed is kept
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()


def test_unknown_structure_is_an_error_and_creates_nothing(client, alice):
    response = client.post(URL, {**PROFILE, "structure_code": "NOPE"})
    assert response.status_code == 200
    assert "Select a valid choice. NOPE is not one of the available choices." in (
        response.content.decode()
    )
    assert not Organisation.objects.exists()


def test_anonymous_is_sent_to_login(client, framework):
    response = client.post(URL, PROFILE)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_refused(client, alice, method):
    assert getattr(client, method)(URL).status_code == 405
    assert not Organisation.objects.exists()


def test_empty_post_is_an_error(client, alice):
    response = client.post(URL, {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Organisation.objects.exists()
