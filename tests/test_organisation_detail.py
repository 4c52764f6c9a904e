"""An organisation's page (/organisations/<pk>/): profile, assessments, members."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Invitation

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("organisation_detail", args=[world.organisation.pk])


def invite(world, email, token, accepted=False, expires_in=timedelta(days=14)):
    now = timezone.now()
    return Invitation.objects.create(
        organisation=world.organisation,
        email=email,
        role="editor",
        token=token,
        invited_by=world.owner,
        expires_at=now + expires_in,
        accepted_at=now if accepted else None,
    )


@pytest.mark.parametrize("who", ["owner", "editor", "viewer"])
def test_members_see_the_members_and_assessments(client, world, who):
    client.force_login(getattr(world, who))
    response = client.get(url(world))
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>Statistics Testland</h1>" in text
    for username in ("owner", "editor", "viewer"):
        assert f"<td>{username}</td>" in text
    assert "ML maturity 2026" in text
    assert reverse("assessment_detail", args=[world.assessment.pk]) in text


def test_members_of_other_organisations_are_not_listed(client, world):
    client.force_login(world.owner)
    assert "<td>outsider</td>" not in client.get(url(world)).content.decode()


def test_owner_sees_the_invitation_form_and_member_controls(client, world):
    client.force_login(world.owner)
    text = client.get(url(world)).content.decode()
    assert reverse("invitation_create", args=[world.organisation.pk]) in text
    assert 'name="email"' in text
    assert reverse("organisation_edit", args=[world.organisation.pk]) in text
    editor = world.organisation.memberships.get(user=world.editor)
    assert reverse("member_role", args=[world.organisation.pk, editor.pk]) in text
    assert reverse("member_remove", args=[world.organisation.pk, editor.pk]) in text


@pytest.mark.parametrize("who", ["editor", "viewer", "staff"])
def test_others_do_not_see_the_invitation_form_or_member_controls(client, world, who):
    client.force_login(getattr(world, who))
    response = client.get(url(world))
    assert response.status_code == 200
    text = response.content.decode()
    assert reverse("invitation_create", args=[world.organisation.pk]) not in text
    assert 'name="email"' not in text
    assert reverse("organisation_edit", args=[world.organisation.pk]) not in text
    assert "/members/" not in text


def test_owner_sees_pending_invitations_only_and_can_withdraw_them(client, world):
    pending = invite(world, "pending@example.org", "token-pending")
    invite(world, "joined@example.org", "token-joined", accepted=True)
    invite(world, "late@example.org", "token-late", expires_in=timedelta(days=-1))
    client.force_login(world.owner)
    text = client.get(url(world)).content.decode()
    assert "Pending invitations" in text
    assert "pending@example.org (Editor)" in text
    assert reverse("invitation_revoke", args=[world.organisation.pk, pending.pk]) in text
    assert "Withdraw the invitation to pending@example.org" in text
    assert "joined@example.org" not in text
    assert "late@example.org" not in text


def test_editor_does_not_see_open_invitations(client, world):
    invite(world, "pending@example.org", "token-pending")
    client.force_login(world.editor)
    assert "pending@example.org" not in client.get(url(world)).content.decode()


def test_staff_can_read(client, world):
    client.force_login(world.staff)
    response = client.get(url(world))
    assert response.status_code == 200
    assert "<td>viewer</td>" in response.content.decode()


def test_outsider_gets_404(client, world):
    client.force_login(world.outsider)
    assert client.get(url(world)).status_code == 404


def test_unknown_organisation_is_404(client, world):
    client.force_login(world.staff)
    assert client.get(reverse("organisation_detail", args=[999999])).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(url(world))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url(world)}"


def test_post_is_refused(client, world):
    client.force_login(world.owner)
    assert client.post(url(world)).status_code == 405
