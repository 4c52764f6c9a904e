"""Changing a member's role (POST /organisations/<pk>/members/<member_pk>/role/)."""

import pytest
from django.urls import reverse

from assessment.models import Membership
from tests.factories import membership

pytestmark = pytest.mark.django_db


def url(world, member, organisation=None):
    organisation = organisation or world.organisation
    return reverse("member_role", args=[organisation.pk, member.pk])


def role_of(member):
    return Membership.objects.get(pk=member.pk).role


def test_owner_changes_a_role(client, world):
    editor = membership(world, world.editor)
    client.force_login(world.owner)
    response = client.post(url(world, editor), {"role": "viewer"})
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation_detail", args=[world.organisation.pk])
    assert role_of(editor) == "viewer"


def test_change_is_confirmed(client, world):
    client.force_login(world.owner)
    response = client.post(
        url(world, membership(world, world.viewer)), {"role": "owner"}, follow=True
    )
    assert "viewer is now owner." in response.content.decode()


def test_owner_can_step_down_when_another_owner_exists(client, world):
    editor, owner = membership(world, world.editor), membership(world, world.owner)
    client.force_login(world.owner)
    client.post(url(world, editor), {"role": "owner"})
    client.post(url(world, owner), {"role": "editor"})
    assert role_of(owner) == "editor"
    assert role_of(editor) == "owner"


def test_last_owner_cannot_be_demoted(client, world):
    owner = membership(world, world.owner)
    client.force_login(world.owner)
    response = client.post(url(world, owner), {"role": "viewer"}, follow=True)
    assert "An organisation needs at least one owner." in response.content.decode()
    assert role_of(owner) == "owner"


def test_unknown_role_is_an_error(client, world):
    editor = membership(world, world.editor)
    client.force_login(world.owner)
    response = client.post(url(world, editor), {"role": "admin"}, follow=True)
    assert "Choose a role: owner, editor or viewer." in response.content.decode()
    assert role_of(editor) == "editor"


@pytest.mark.parametrize("who", ["editor", "viewer", "staff"])
def test_non_owners_get_403(client, world, who):
    viewer = membership(world, world.viewer)
    client.force_login(getattr(world, who))
    assert client.post(url(world, viewer), {"role": "owner"}).status_code == 403
    assert role_of(viewer) == "viewer"


def test_outsider_gets_404(client, world):
    viewer = membership(world, world.viewer)
    client.force_login(world.outsider)
    assert client.post(url(world, viewer), {"role": "owner"}).status_code == 404
    assert role_of(viewer) == "viewer"


def test_membership_of_another_organisation_is_404(client, world):
    elsewhere = Membership.objects.get(user=world.outsider)
    client.force_login(world.owner)
    assert client.post(url(world, elsewhere), {"role": "viewer"}).status_code == 404
    assert role_of(elsewhere) == "owner"


def test_owner_elsewhere_cannot_reach_a_member_through_their_own_organisation(client, world):
    viewer = membership(world, world.viewer)
    client.force_login(world.outsider)
    elsewhere = Membership.objects.get(user=world.outsider).organisation
    response = client.post(url(world, viewer, organisation=elsewhere), {"role": "owner"})
    assert response.status_code == 404
    assert role_of(viewer) == "viewer"


def test_anonymous_is_sent_to_login(client, world):
    viewer = membership(world, world.viewer)
    response = client.post(url(world, viewer), {"role": "owner"})
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url(world, viewer)}"
    assert role_of(viewer) == "viewer"


def test_get_is_refused(client, world):
    client.force_login(world.owner)
    assert client.get(url(world, membership(world, world.viewer))).status_code == 405
