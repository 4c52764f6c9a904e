"""The roadmap's plan: /assessments/<id>/roadmap/settings/ (start and capacity)."""

from datetime import date

import pytest
from django.urls import reverse

from reports.models import Roadmap
from reports.roadmap import quarter_first_day, quarter_number
from reports.roadmap_view import default_start
from tests.factories import roadmap_edit
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(submitted_and_closed):
    # DEV-01 points to CICD (M, which needs SOURCE-REPO, S).
    return submitted_and_closed


def url(world):
    return reverse("roadmap_settings", args=[world.assessment.pk])


def test_shows_the_defaults_and_saves_nothing(client, submitted):
    client.force_login(submitted.owner)
    page = client.get(url(submitted)).content.decode()
    assert f'name="start_date" value="{default_start().isoformat()}"' in page
    assert 'name="capacity" value="6"' in page
    assert "S one quarter, M two, L three, XL four" in page
    assert not Roadmap.objects.exists()


def test_saving_plans_the_roadmap_from_the_new_start(client, submitted):
    client.force_login(submitted.owner)
    response = client.post(url(submitted), {"start_date": "2028-04-01", "capacity": "3"})
    assert response["Location"] == reverse("roadmap", args=[submitted.assessment.pk])
    roadmap = Roadmap.objects.get()
    assert (roadmap.start_date, roadmap.capacity, roadmap.edited_at) == (date(2028, 4, 1), 3, None)
    page = client.get(response["Location"]).content.decode()
    assert "Starts on 1 April 2028, with 3 effort points of work at once" in page
    assert "(the defaults)" not in page
    assert "2028 Q2" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start_date": "", "capacity": "6"}, "This field is required."),
        ({"start_date": "1 April", "capacity": "6"}, "Enter a valid date."),
        ({"start_date": "2028-04-01", "capacity": "0"}, "greater than or equal to 1"),
        ({"start_date": "2028-04-01", "capacity": "100"}, "less than or equal to 99"),
    ],
)
def test_bad_input_is_explained_and_kept(client, submitted, data, message):
    client.force_login(submitted.owner)
    response = client.post(url(submitted), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'value="{data["start_date"]}"' in page or not data["start_date"]
    assert not Roadmap.objects.exists()


def test_a_start_that_breaks_the_owners_dates_is_refused(client, submitted):
    second = quarter_first_day(quarter_number(default_start()) + 1)
    roadmap_edit(submitted.assessment, "CICD", start_date=second)  # after the repository
    client.force_login(submitted.owner)
    # Starting a quarter later would plan the repository beside CI/CD.
    response = client.post(url(submitted), {"start_date": second.isoformat(), "capacity": "6"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "CI/CD pipelines would start on" in page and "before Source code repository" in page
    assert f'value="{second.isoformat()}"' in page
    assert Roadmap.objects.get().start_date == default_start()


def test_permissions(client, submitted):
    data = {"start_date": "2028-04-01", "capacity": "6"}
    assert_login_required(client, url(submitted))
    assert_login_required(client, url(submitted), method="post")
    assert_status(client, submitted.outsider, url(submitted), 404)
    assert_status(client, submitted.outsider, url(submitted), 404, "post", data)
    assert_status(client, submitted.editor, url(submitted), 403, "post", data)
    assert_status(client, submitted.viewer, url(submitted), 403)
    assert_status(client, submitted.owner, url(submitted), 405, method="put")
    assert not Roadmap.objects.exists()
