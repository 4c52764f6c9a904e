"""Accepting an invitation (/invitations/<token>/), signed in or with a new account."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from assessment.models import Invitation, Membership
from tests.factories import make_user

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "newcomer",
    "email": "newcomer@example.org",
    "password1": "correct horse battery staple",
    "password2": "correct horse battery staple",
}


def invite(
    world,
    role="editor",
    token="token-1",
    expires_in=timedelta(days=14),
    email="newcomer@example.org",
):
    return Invitation.objects.create(
        organisation=world.organisation,
        email=email,
        role=role,
        token=token,
        invited_by=world.owner,
        expires_at=timezone.now() + expires_in,
    )


def url(invitation):
    return reverse("invitation_accept", args=[invitation.token])


def role_of(world, user):
    return Membership.objects.get(organisation=world.organisation, user=user).role


def is_member(world, user):
    return Membership.objects.filter(organisation=world.organisation, user=user).exists()


def test_page_names_the_organisation_and_role(client, world):
    response = client.get(url(invite(world)))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Join Statistics Testland" in text
    assert "You are invited as editor." in text
    assert "The account will have the invited email address, newcomer@example.org." in text
    assert 'name="email"' not in text  # not to be chosen: it is the invited one


def test_signed_in_user_is_offered_to_join(client, world):
    client.force_login(make_user("newcomer"))
    response = client.get(url(invite(world)))
    assert response.status_code == 200
    assert "Join as newcomer" in response.content.decode()
    assert 'name="password1"' not in response.content.decode()


def test_opening_the_page_does_not_join(client, world):
    newcomer = make_user("newcomer")
    client.force_login(newcomer)
    invitation = invite(world)
    client.get(url(invitation))
    assert not is_member(world, newcomer)
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_signed_in_user_joins_with_the_invited_role(client, world):
    newcomer = make_user("newcomer")
    client.force_login(newcomer)
    invitation = invite(world, role="editor")
    response = client.post(url(invitation))
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation_detail", args=[world.organisation.pk])
    assert role_of(world, newcomer) == "editor"
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.accepted_by == newcomer


def test_joining_is_confirmed(client, world):
    client.force_login(make_user("newcomer"))
    response = client.post(url(invite(world, role="viewer")), follow=True)
    assert "You joined Statistics Testland as viewer." in response.content.decode()


def test_anonymous_user_creates_an_account_and_joins(client, world):
    response = client.post(url(invite(world, role="viewer")), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation_detail", args=[world.organisation.pk])
    newcomer = get_user_model().objects.get(username="newcomer")
    assert newcomer.email == "newcomer@example.org"
    assert newcomer.check_password("correct horse battery staple")
    assert role_of(world, newcomer) == "viewer"
    assert client.get(response["Location"]).status_code == 200  # signed in as the new user


def test_invalid_signup_shows_errors_and_creates_nothing(client, world):
    invitation = invite(world)
    response = client.post(url(invitation), {**SIGNUP, "password2": "another horse"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "The two password fields didn’t match." in text
    assert 'value="newcomer"' in text  # what was typed is kept
    assert not get_user_model().objects.filter(username="newcomer").exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_empty_signup_is_an_error(client, world):
    invitation = invite(world)
    response = client.post(url(invitation), {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_taken_username_is_an_error(client, world):
    invitation = invite(world)
    response = client.post(url(invitation), {**SIGNUP, "username": "viewer"})
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert role_of(world, world.viewer) == "viewer"
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_expired_invitation_is_410_with_a_clear_message(client, world):
    invitation = invite(world, expires_in=timedelta(days=-1))
    response = client.get(url(invitation))
    assert response.status_code == 410
    assert "This invitation has expired. Ask the organisation&#x27;s owner for a new one." in (
        response.content.decode()
    )


def test_expired_invitation_creates_no_account(client, world):
    response = client.post(url(invite(world, expires_in=timedelta(days=-1))), SIGNUP)
    assert response.status_code == 410
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_signed_in_user_cannot_join_with_an_expired_invitation(client, world):
    newcomer = make_user("newcomer")
    client.force_login(newcomer)
    assert client.post(url(invite(world, expires_in=timedelta(days=-1)))).status_code == 410
    assert not is_member(world, newcomer)


def test_used_invitation_cannot_be_used_again(client, world):
    invitation = invite(world)
    client.force_login(make_user("newcomer"))
    client.post(url(invitation))
    latecomer = make_user("latecomer")
    client.force_login(latecomer)
    response = client.post(url(invitation))
    assert response.status_code == 410
    assert "This invitation has already been used." in response.content.decode()
    assert not is_member(world, latecomer)


def test_existing_member_gets_the_higher_role(client, world):
    client.force_login(world.viewer)
    client.post(url(invite(world, role="editor", email="viewer@example.org")))
    assert role_of(world, world.viewer) == "editor"


@pytest.mark.parametrize(
    "who, invited_as",
    [("editor", "viewer"), ("owner", "viewer"), ("owner", "editor")],
)
def test_existing_member_never_gets_a_lower_role(client, world, who, invited_as):
    user = getattr(world, who)
    client.force_login(user)
    response = client.post(url(invite(world, role=invited_as, email=user.email)))
    assert response.status_code == 302
    assert role_of(world, user) == who


def test_unknown_token_is_404(client, world):
    response = client.get(reverse("invitation_accept", args=["no-such-token"]))
    assert response.status_code == 404
    assert "This invitation does not exist or was withdrawn by the owner." in (
        response.content.decode()
    )
    assert client.post(reverse("invitation_accept", args=["no-such-token"])).status_code == 404


# The invitation is bound to the invited address: the link alone (forwarded,
# or seen by someone else) does not let another account join.

WRONG_ACCOUNT = "This invitation was sent to another email address than the one of the account"


@pytest.mark.parametrize("who", ["outsider", "viewer", "editor"])
def test_another_account_cannot_join_with_the_link(client, world, who):
    """A member of another organisation, or a viewer who forwarded an owner
    invitation to themselves, is refused and gains nothing."""
    user = getattr(world, who)
    before = Membership.objects.filter(user=user).values_list("organisation_id", "role")
    before = sorted(before)
    invitation = invite(world, role="owner")
    client.force_login(user)
    response = client.post(url(invitation))
    assert response.status_code == 403
    text = response.content.decode()
    assert WRONG_ACCOUNT in text
    # It names neither the invited address nor any account but the reader's.
    assert "newcomer" not in text and "owner@example.org" not in text
    assert sorted(Membership.objects.filter(user=user).values_list("organisation_id", "role")) == (
        before
    )
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_another_account_is_told_before_it_tries(client, world):
    client.force_login(world.outsider)
    response = client.get(url(invite(world)))
    assert response.status_code == 403
    assert WRONG_ACCOUNT in response.content.decode()
    assert "Join as" not in response.content.decode()


def test_account_without_an_email_cannot_join(client, world):
    user = make_user("newcomer")
    user.email = ""
    user.save()
    client.force_login(user)
    assert client.post(url(invite(world))).status_code == 403
    assert not is_member(world, user)


def test_invited_address_is_compared_without_case(client, world):
    newcomer = make_user("newcomer")  # newcomer@example.org
    client.force_login(newcomer)
    response = client.post(url(invite(world, email="NewComer@Example.ORG")))
    assert response.status_code == 302
    assert role_of(world, newcomer) == "editor"


def test_new_account_gets_the_invited_address_whatever_is_posted(client, world):
    client.post(url(invite(world)), {**SIGNUP, "email": "someone.else@example.net"})
    assert get_user_model().objects.get(username="newcomer").email == "newcomer@example.org"


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_refused(client, world, method):
    client.force_login(world.outsider)
    invitation = invite(world)
    assert getattr(client, method)(url(invitation)).status_code == 405
    assert not is_member(world, world.outsider)


def test_no_second_account_for_an_address_that_has_one(client, world):
    # The link went to the editor's address; whoever holds it, signed out,
    # cannot make a new account under that address and join as owner.
    invitation = invite(world, role="owner", email="EDITOR@example.org")
    page = client.get(url(invitation)).content.decode()
    assert "Sign in with it, then come back to this page" in page
    assert 'name="password1"' not in page  # no sign-up form offered
    response = client.post(url(invitation), {**SIGNUP, "username": "mallory"})
    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="mallory").exists()
    assert get_user_model().objects.filter(email__iexact="editor@example.org").count() == 1
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None
    # Signed in with that account, the invited person joins.
    client.force_login(world.editor)
    assert client.post(url(invitation)).status_code == 302
    assert role_of(world, world.editor) == "owner"
