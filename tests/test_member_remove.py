"""Removing a member (POST /organisations/<pk>/members/<member_pk>/remove/)."""

import pytest
from django.urls import reverse

from assessment.models import Membership
from tests.factories import membership

pytestmark = pytest.mark.django_db


def url(world, member, organisation=None):
    organisation = organisation or world.organisation
    return reverse("member_remove", args=[organisation.pk, member.pk])


def exists(member):
    return Membership.objects.filter(pk=member.pk).exists()


def test_owner_removes_a_member(client, world):
    viewer = membership(world, world.viewer)
    client.force_login(world.owner)
    response = client.post(url(world, viewer))
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation_detail", args=[world.organisation.pk])
    assert not exists(viewer)


def test_removal_is_confirmed(client, world):
    client.force_login(world.owner)
    response = client.post(url(world, membership(world, world.viewer)), follow=True)
    assert "Removed viewer." in response.content.decode()


def test_removed_member_can_no_longer_see_the_organisation(client, world):
    client.force_login(world.owner)
    client.post(url(world, membership(world, world.viewer)))
    client.force_login(world.viewer)
    detail = reverse("organisation_detail", args=[world.organisation.pk])
    assert client.get(detail).status_code == 404


def test_owner_can_leave_when_another_owner_exists(client, world):
    editor, owner = membership(world, world.editor), membership(world, world.owner)
    editor.role = Membership.Role.OWNER
    editor.save()
    client.force_login(world.owner)
    client.post(url(world, owner))
    assert not exists(owner)
    assert exists(editor)


def test_owner_who_leaves_is_sent_to_the_dashboard(client, world):
    editor, owner = membership(world, world.editor), membership(world, world.owner)
    editor.role = Membership.Role.OWNER
    editor.save()
    client.force_login(world.owner)
    response = client.post(url(world, owner), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("home"), 302)]
    assert "You left Statistics Testland." in response.content.decode()


def test_last_owner_cannot_be_removed(client, world):
    owner = membership(world, world.owner)
    client.force_login(world.owner)
    response = client.post(url(world, owner), follow=True)
    assert "An organisation needs at least one owner." in response.content.decode()
    assert exists(owner)


@pytest.mark.parametrize("who", ["editor", "viewer", "staff"])
def test_non_owners_get_403(client, world, who):
    viewer = membership(world, world.viewer)
    client.force_login(getattr(world, who))
    assert client.post(url(world, viewer)).status_code == 403
    assert exists(viewer)


def test_outsider_gets_404(client, world):
    viewer = membership(world, world.viewer)
    client.force_login(world.outsider)
    assert client.post(url(world, viewer)).status_code == 404
    assert exists(viewer)


def test_membership_of_another_organisation_is_404(client, world):
    elsewhere = Membership.objects.get(user=world.outsider)
    client.force_login(world.owner)
    assert client.post(url(world, elsewhere)).status_code == 404
    assert exists(elsewhere)


def test_owner_elsewhere_cannot_reach_a_member_through_their_own_organisation(client, world):
    viewer = membership(world, world.viewer)
    client.force_login(world.outsider)
    elsewhere = Membership.objects.get(user=world.outsider).organisation
    assert client.post(url(world, viewer, organisation=elsewhere)).status_code == 404
    assert exists(viewer)


def test_anonymous_is_sent_to_login(client, world):
    viewer = membership(world, world.viewer)
    response = client.post(url(world, viewer))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url(world, viewer)}"
    assert exists(viewer)


def test_get_is_refused(client, world):
    viewer = membership(world, world.viewer)
    client.force_login(world.owner)
    assert client.get(url(world, viewer)).status_code == 405
    assert exists(viewer)
