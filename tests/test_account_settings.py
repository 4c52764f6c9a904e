"""The account's settings page (/accounts/settings/) and times shown in the
user's time zone: the saved one, else the browser's, else UTC."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from accounts.models import AccountSettings
from assessment.models import AnswerChange
from tests.factories import answer, make_user
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db

URL = "/accounts/settings/"
NOON_UTC = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_page_offers_the_zones_labelled(client):
    client.force_login(make_user())
    page = client.get(URL).content.decode()
    assert '<label for="id_time_zone">Time zone</label>' in page
    assert '<option value="Europe/Paris">Europe/Paris</option>' in page
    assert "Your browser&#x27;s time zone" in page
    assert 'aria-describedby="id_time_zone_helptext"' in page


def test_saving_a_zone_keeps_it_and_uses_it_at_once(client):
    user = make_user()
    client.force_login(user)
    response = client.post(URL, {"time_zone": "Asia/Tokyo"})
    assert response["Location"] == URL
    assert AccountSettings.objects.get(user=user).time_zone == "Asia/Tokyo"
    assert "Times are shown in Asia/Tokyo now" in client.get(URL).content.decode()


def test_an_unknown_zone_is_refused_and_nothing_saved(client):
    user = make_user()
    client.force_login(user)
    response = client.post(URL, {"time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not AccountSettings.objects.exists()


def test_without_a_setting_the_browser_zone_applies(client):
    client.force_login(make_user())
    client.cookies["browser_time_zone"] = "America%2FNew_York"
    page = client.get(URL).content.decode()
    assert "Your browser's time zone is America/New_York." in page
    assert "Times are shown in America/New_York now" in page
    client.cookies["browser_time_zone"] = "nonsense"
    assert "Times are shown in UTC now" in client.get(URL).content.decode()


def test_signing_in_brings_the_saved_zone(client):
    user = make_user()
    AccountSettings.objects.create(user=user, time_zone="Europe/Paris")
    client.post(
        reverse("login"), {"username": user.username, "password": "correct horse battery staple"}
    )
    assert client.session["time_zone"] == "Europe/Paris"


def test_history_and_exports_show_the_users_zone(client, world):
    answer(world.owner_response, "DEV-01", current=1, target=2)
    AnswerChange.objects.update(changed_at=NOON_UTC)
    world.owner_response.answers.update(updated_at=NOON_UTC)
    client.force_login(world.owner)
    client.post(URL, {"time_zone": "Europe/Paris"})
    history = client.get(reverse("answer_history", args=[world.assessment.pk])).content.decode()
    assert "1 Jun 2026 14:00" in history  # summer time in Paris
    csv = client.get(reverse("export_csv", args=[world.assessment.pk])).content.decode()
    assert "Last changed (Europe/Paris)" in csv
    assert "2026-06-01 14:00" in csv


def test_permissions(client):
    assert_login_required(client, URL)
    assert_status(client, make_user(), URL, 405, method="put")
