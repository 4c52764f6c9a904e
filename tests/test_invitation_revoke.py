"""Withdrawing a pending invitation (POST /organisations/<pk>/invitations/<pk>/revoke/)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Invitation, Membership
from tests.factories import make_user
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(world):
    return Invitation.objects.create(
        organisation=world.organisation,
        email="newcomer@example.org",
        role="owner",
        token="token-1",
        invited_by=world.owner,
        expires_at=timezone.now() + timedelta(days=3),
    )


def url(world, invitation):
    return reverse("invitation_revoke", args=[world.organisation.pk, invitation.pk])


def test_owner_withdraws_and_the_link_stops_working(client, world, invitation):
    client.force_login(world.owner)
    response = client.post(url(world, invitation), follow=True)
    assert response.redirect_chain == [
        (reverse("organisation_detail", args=[world.organisation.pk]), 302)
    ]
    assert (
        "Withdrew the invitation to newcomer@example.org; its link no longer works."
        in response.content.decode()
    )
    assert not Invitation.objects.filter(pk=invitation.pk).exists()

    newcomer = make_user("newcomer")
    client.force_login(newcomer)
    accept = reverse("invitation_accept", args=[invitation.token])
    assert client.post(accept).status_code == 404
    assert not Membership.objects.filter(user=newcomer).exists()


def test_withdrawing_twice_is_harmless(client, world, invitation):
    client.force_login(world.owner)
    client.post(url(world, invitation))
    assert client.post(url(world, invitation)).status_code == 404


def test_used_invitation_cannot_be_withdrawn(client, world, invitation):
    invitation.accepted_at = timezone.now()
    invitation.save()
    client.force_login(world.owner)
    response = client.post(url(world, invitation), follow=True)
    assert "This invitation has already been used; remove the member instead." in (
        response.content.decode()
    )
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_invitation_of_another_organisation_is_404(client, world, invitation):
    elsewhere = Membership.objects.get(user=world.outsider).organisation
    client.force_login(world.owner)
    other = reverse("invitation_revoke", args=[elsewhere.pk, invitation.pk])
    assert client.post(other).status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()


@pytest.mark.parametrize("who", ["editor", "viewer", "staff"])
def test_non_owners_get_403(client, world, invitation, who):
    assert_status(client, getattr(world, who), url(world, invitation), 403, method="post")
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_outsider_gets_404(client, world, invitation):
    assert_status(client, world.outsider, url(world, invitation), 404, method="post")
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_anonymous_is_sent_to_login(client, world, invitation):
    assert_login_required(client, url(world, invitation), method="post")
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_get_is_refused(client, world, invitation):
    assert_status(client, world.owner, url(world, invitation), 405)
