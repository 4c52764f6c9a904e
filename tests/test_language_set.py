"""Choosing the language: the switcher in the header (Django's set_language,
kept on the account once signed in), the settings page, the sign-in that
brings the account's choice, and the browser's Accept-Language otherwise."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import AccountSettings
from tests.factories import make_user
from tests.permissions import assert_status

pytestmark = pytest.mark.django_db

URL = "/accounts/language/"
SETTINGS = "/accounts/settings/"


def test_the_header_offers_the_other_language_named_in_itself(client):
    english = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in english
    assert (
        '<button type="submit" name="language" value="fr" lang="fr" class="link-button">'
        "Français</button>"
    ) in english
    assert f'action="{URL}"' in english
    french = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'value="en" lang="en" class="link-button">English</button>' in french
    assert 'value="fr" lang="fr"' not in french


def test_without_a_choice_the_browser_decides(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")
    assert response["Content-Language"] == "fr"
    assert "Accept-Language" in response["Vary"]
    assert client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="de")["Content-Language"] == "en"


def test_signed_out_the_choice_is_a_cookie_and_works_without_javascript(client):
    response = client.post(URL, {"language": "fr", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fr">' in page.content.decode()
    assert not AccountSettings.objects.exists()


def test_signed_in_the_choice_is_kept_on_the_account(client):
    user = make_user()
    client.force_login(user)
    client.post(URL, {"language": "fr", "next": "/"})
    assert AccountSettings.objects.get(user=user).language == "fr"
    # Above the browser's preference, in this browser and any other.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "fr"
    other_browser = client_class_for(client)()
    other_browser.post(
        reverse("login"), {"username": user.username, "password": "correct horse battery staple"}
    )
    assert other_browser.session["language"] == "fr"
    response = other_browser.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in response.content.decode()


def client_class_for(client):
    return type(client)


def test_an_unknown_language_changes_nothing(client):
    user = make_user()
    client.force_login(user)
    response = client.post(URL, {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert not AccountSettings.objects.exists()
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_an_outside_next_address_is_not_followed(client):
    response = client.post(URL, {"language": "fr", "next": "https://elsewhere.example/"})
    assert response["Location"] == "/"


def test_the_settings_page_sets_or_clears_the_language(client):
    user = make_user()
    client.force_login(user)
    page = client.get(SETTINGS).content.decode()
    assert '<option value="fr">Français</option>' in page
    assert "Your browser&#x27;s language" in page
    response = client.post(SETTINGS, {"language": "fr", "time_zone": ""}, follow=True)
    assert AccountSettings.objects.get(user=user).language == "fr"
    assert "Vos paramètres sont enregistrés." in response.content.decode()
    response = client.post(
        SETTINGS, {"language": "", "time_zone": ""}, HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert AccountSettings.objects.get(user=user).language == ""
    assert "Saved your settings." in response.content.decode()
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "en"


def test_signing_in_without_a_saved_language_follows_the_browser(client):
    user = make_user()
    AccountSettings.objects.create(user=user, time_zone="Europe/Paris")
    client.post(
        reverse("login"), {"username": user.username, "password": "correct horse battery staple"}
    )
    assert client.session["language"] == ""
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Content-Language"] == "fr"


def test_only_post(client):
    assert_status(client, make_user(), URL, 405, method="get")
