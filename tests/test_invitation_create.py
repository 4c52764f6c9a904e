"""Inviting someone to an organisation (POST /organisations/<pk>/invite/)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Invitation

pytestmark = pytest.mark.django_db

INVITE = {"email": "newcomer@example.org", "role": "editor"}


def url(world):
    return reverse("invitation_create", args=[world.organisation.pk])


@pytest.fixture
def post(client, world, django_capture_on_commit_callbacks):
    """Post to the view, running on-commit callbacks: the email goes out on commit."""

    def post(data=INVITE, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url(world), data, **kwargs)

    return post


def test_owner_invites(client, world, post):
    client.force_login(world.owner)
    response = post()
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation_detail", args=[world.organisation.pk])
    invitation = Invitation.objects.get()
    assert invitation.organisation == world.organisation
    assert invitation.email == "newcomer@example.org"
    assert invitation.role == "editor"
    assert invitation.invited_by == world.owner
    assert invitation.accepted_at is None


def test_email_contains_the_accept_link(client, world, post, mailoutbox):
    client.force_login(world.owner)
    post()
    token = Invitation.objects.get().token
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["newcomer@example.org"]
    assert email.subject == "Invitation to Statistics Testland"
    assert "owner invites you to join Statistics Testland as editor" in email.body
    assert f"http://testserver/invitations/{token}/" in email.body


def test_sending_is_confirmed(client, world, post):
    client.force_login(world.owner)
    response = post(follow=True)
    text = response.content.decode()
    assert "Sent an invitation to newcomer@example.org." in text
    assert "newcomer@example.org (Editor)" in text  # listed as a pending invitation


@pytest.mark.parametrize("role, days", [("owner", 3), ("editor", 14), ("viewer", 14)])
def test_owner_invitations_lapse_sooner(client, world, post, role, days):
    client.force_login(world.owner)
    before = timezone.now()
    post({**INVITE, "role": role})
    invitation = Invitation.objects.get()
    assert before + timedelta(days=days) <= invitation.expires_at
    assert invitation.expires_at <= timezone.now() + timedelta(days=days)


def test_link_uses_the_public_address(client, world, post, mailoutbox, settings):
    settings.SITE_URL = "https://maturity.example.org"
    client.force_login(world.owner)
    post()
    token = Invitation.objects.get().token
    assert f"https://maturity.example.org/invitations/{token}/" in mailoutbox[0].body


def test_invalid_email_is_an_error_and_invites_nobody(client, world, post, mailoutbox):
    client.force_login(world.owner)
    response = post({**INVITE, "email": "not-an-address"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in page
    assert 'value="not-an-address"' in page  # what the owner typed is kept
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_unknown_role_is_an_error_and_invites_nobody(client, world, post, mailoutbox):
    client.force_login(world.owner)
    response = post({**INVITE, "role": "admin"})
    assert "Select a valid choice. admin is not one of the available choices." in (
        response.content.decode()
    )
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("who", ["editor", "viewer", "staff"])
def test_non_owners_get_403(client, world, post, mailoutbox, who):
    client.force_login(getattr(world, who))
    assert post().status_code == 403
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_outsider_gets_404(client, world, post, mailoutbox):
    client.force_login(world.outsider)
    assert post().status_code == 404
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_anonymous_is_sent_to_login(client, world, post, mailoutbox):
    response = post()
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url(world)}"
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_get_shows_the_form_again(client, world):
    """Reloading after a refused invitation (the address is now /invite/)."""
    client.force_login(world.owner)
    response = client.get(url(world))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'action="' + url(world) + '"' in page
    assert 'name="email"' in page


def test_get_needs_an_owner(client, world):
    client.force_login(world.viewer)
    assert client.get(url(world)).status_code == 403
    client.force_login(world.outsider)
    assert client.get(url(world)).status_code == 404


def test_wrong_method_is_refused(client, world):
    client.force_login(world.owner)
    assert client.put(url(world)).status_code == 405
