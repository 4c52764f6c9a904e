"""Editing an organisation's profile (/organisations/<pk>/edit/)."""

import pytest
from django.urls import reverse

from assessment.models import Organisation

pytestmark = pytest.mark.django_db

PROFILE = {
    "name": "Statistics Testland Office",
    "country": "Testland",
    "kind": "ons",
    "size": "large",
    "structure_code": "COE",
    "deliverable_codes": ["SKILLS"],
}


def url(world):
    return reverse("organisation_edit", args=[world.organisation.pk])


def unchanged(world):
    organisation = Organisation.objects.get(pk=world.organisation.pk)
    return organisation.name == "Statistics Testland" and organisation.kind == "nso"


def test_owner_sees_the_form_filled_in(client, world):
    client.force_login(world.owner)
    response = client.get(url(world))
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>Edit Statistics Testland</h1>" in text
    assert 'value="Statistics Testland"' in text


def test_owner_edits_the_profile(client, world):
    client.force_login(world.owner)
    response = client.post(url(world), PROFILE)
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation_detail", args=[world.organisation.pk])
    organisation = Organisation.objects.get(pk=world.organisation.pk)
    assert organisation.name == "Statistics Testland Office"
    assert organisation.kind == "ons"
    assert organisation.size == "large"
    assert organisation.structure_code == "COE"
    assert organisation.deliverable_codes == ["SKILLS"]


def test_saving_is_confirmed(client, world):
    client.force_login(world.owner)
    response = client.post(url(world), PROFILE, follow=True)
    assert "Saved the organisation&#x27;s profile." in response.content.decode()


def test_empty_name_is_an_error_and_changes_nothing(client, world):
    client.force_login(world.owner)
    response = client.post(url(world), {**PROFILE, "name": ""})
    assert response.status_code == 200
    text = response.content.decode()
    assert "This field is required." in text
    assert 'value="Testland"' in text and 'value="ons" selected' in text  # typed values kept
    assert unchanged(world)


def test_heading_keeps_the_saved_name_when_the_form_has_errors(client, world):
    client.force_login(world.owner)
    response = client.post(url(world), {**PROFILE, "structure_code": "NOPE"})
    assert "Select a valid choice." in response.content.decode()
    assert "<h1>Edit Statistics Testland</h1>" in response.content.decode()


@pytest.mark.parametrize("who", ["editor", "viewer", "staff"])
def test_non_owners_get_403(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(url(world)).status_code == 403
    assert client.post(url(world), PROFILE).status_code == 403
    assert unchanged(world)


def test_outsider_gets_404(client, world):
    client.force_login(world.outsider)
    assert client.get(url(world)).status_code == 404
    assert client.post(url(world), PROFILE).status_code == 404
    assert unchanged(world)


def test_anonymous_is_sent_to_login(client, world):
    response = client.post(url(world), PROFILE)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url(world)}"
    assert unchanged(world)


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_refused(client, world, method):
    client.force_login(world.owner)
    assert getattr(client, method)(url(world)).status_code == 405
    assert unchanged(world)


def test_empty_post_is_an_error_and_changes_nothing(client, world):
    client.force_login(world.owner)
    response = client.post(url(world), {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert unchanged(world)
