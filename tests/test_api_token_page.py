"""The user's API token page (/accounts/api-token/ and .../revoke/)."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import make_user
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db

PAGE = reverse("api_token")
REVOKE = reverse("api_token_revoke")


def signs_in(key: str) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/organisations/").status_code == 200


def test_one_step_from_the_header_on_the_settings_page(client):
    # The header keeps to two lines on a phone: it links to the settings,
    # and the settings to the API token and the password.
    client.force_login(make_user("alice"))
    header = client.get(reverse("home")).content.decode().split("</header>")[0]
    assert f'href="{reverse("account_settings")}"' in header
    assert f'href="{PAGE}"' not in header
    assert f'href="{reverse("password_change")}"' not in header
    settings_page = client.get(reverse("account_settings")).content.decode()
    assert f'href="{PAGE}"' in settings_page
    assert f'href="{reverse("password_change")}"' in settings_page


def test_without_a_token(client):
    client.force_login(make_user("alice"))
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "You have no API token." in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    # How to send it, shown as text (not swallowed as a tag).
    assert "<code>Authorization: Token &lt;token&gt;</code>" in response.content.decode()


def test_create_shows_the_key_once(client):
    alice = make_user("alice")
    client.force_login(alice)
    response = client.post(PAGE, follow=True)
    assert response.redirect_chain == [(PAGE, 302)]  # a reload makes no other token
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = Token.objects.get(user=alice).key
    text = response.content.decode()
    assert "Copy it now: it is not shown again." in text
    assert f'<code id="new-token">{key}</code>' in text
    assert signs_in(key)
    again = client.get(PAGE).content.decode()
    assert key not in again
    assert f"ending in …{key[-4:]}" in again


def test_existing_token_shows_when_and_last_four_only(client):
    alice = make_user("alice")
    token = Token.objects.create(user=alice)
    client.force_login(alice)
    text = client.get(PAGE).content.decode()
    assert f"You have a token, created {token.created:%-d %b %Y %H:%M} (UTC)" in text
    assert token.key[-4:] in text and token.key[:-4] not in text


def test_replace_stops_the_old_token(client):
    alice = make_user("alice")
    old = Token.objects.create(user=alice).key
    client.force_login(alice)
    client.post(PAGE)
    new = Token.objects.get(user=alice).key
    assert new != old
    assert signs_in(new) and not signs_in(old)


def test_revoke(client):
    alice = make_user("alice")
    key = Token.objects.create(user=alice).key
    client.force_login(alice)
    response = client.post(REVOKE, follow=True)
    assert response.redirect_chain == [(PAGE, 302)]
    assert "Your API token was revoked; it no longer signs in." in response.content.decode()
    assert not Token.objects.filter(user=alice).exists()
    assert not signs_in(key)


def test_only_ones_own_token_is_touched(client):
    alice, bob = make_user("alice"), make_user("bob")
    bobs = Token.objects.create(user=bob)
    client.force_login(alice)
    client.post(PAGE)
    client.post(REVOKE)
    assert Token.objects.get(user=bob) == bobs
    assert bobs.key[-4:] not in client.get(PAGE).content.decode()


@pytest.mark.parametrize("url, method", [(PAGE, "get"), (PAGE, "post"), (REVOKE, "post")])
def test_anonymous_is_sent_to_login(client, url, method):
    assert_login_required(client, url, method)
    assert not Token.objects.exists()


@pytest.mark.parametrize("url, method", [(PAGE, "put"), (REVOKE, "get")])
def test_wrong_method(client, url, method):
    assert_status(client, make_user("alice"), url, 405, method=method)
