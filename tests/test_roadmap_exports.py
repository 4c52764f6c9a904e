"""The roadmap for planning tools: /assessments/<id>/roadmap.csv and roadmap.ics."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from assessment import services
from capabilities.document import document_parse
from capabilities.services import framework_load
from reports.models import Roadmap
from reports.roadmap import quarter_first_day, quarter_number
from reports.roadmap_view import default_start
from tests.factories import answer, make_assessment, make_organisation, small_document
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db

# Names in several scripts and an emoji: what an office types must come back.
WORLDLY = "Στατιστική Статистика إحصاء 统计 📊"


@pytest.fixture
def submitted(submitted_and_closed):
    # DEV-01 points to CICD (M, which needs SOURCE-REPO, S).
    return submitted_and_closed


def quarter(number):
    """The first day of the default roadmap's quarter ``number`` (1: its first)."""
    return quarter_first_day(quarter_number(default_start()) + number - 1)


def csv_url(world):
    return reverse("roadmap_csv", args=[world.assessment.pk])


def ics_url(world):
    return reverse("roadmap_ics", args=[world.assessment.pk])


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # so that Excel reads UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_has_one_row_per_item_in_order_of_time(client, submitted):
    client.force_login(submitted.viewer)
    response = client.get(csv_url(submitted))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="statistics-testland-ml-maturity-2026-roadmap.csv"'
    )
    header, repo, cicd = csv_rows(response)
    assert header == [
        "Code",
        "Name",
        "Deliverable",
        "Effort",
        "Start",
        "End",
        "Status",
        "Owner",
        "Needs first",
    ]
    assert repo[:6] == [
        "SOURCE-REPO",
        "Source code repository",
        "Platforms",
        "S",
        quarter(1).isoformat(),
        (quarter(2) - timedelta(days=1)).isoformat(),
    ]
    assert cicd == [
        "CICD",
        "CI/CD pipelines",
        "Platforms",
        "M",
        quarter(2).isoformat(),
        (quarter(4) - timedelta(days=1)).isoformat(),
        "Planned",
        "The centre.",
        "Source code repository",
    ]
    assert not Roadmap.objects.exists()


def test_ics_has_an_all_day_event_per_item_over_its_dates(client, submitted):
    client.force_login(submitted.viewer)
    response = client.get(ics_url(submitted))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].endswith('-roadmap.ics"')
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Source code repository", "CI/CD pipelines"]
    cicd = events[1]
    # All-day: dates, not times; the end is the day after the last (RFC 5545).
    assert cicd.decoded("dtstart") == quarter(2)
    assert cicd.decoded("dtend") == quarter(4)
    assert str(cicd["uid"]) == f"roadmap-{submitted.assessment.pk}-CICD@ml-maturity"
    assert "Needs first: Source code repository" in str(cicd["description"])
    assert str(cicd["url"]).endswith(f"/assessments/{submitted.assessment.pk}/roadmap/#item-CICD")
    assert str(calendar["x-wr-calname"]) == "Roadmap: ML maturity 2026"


def test_the_owners_dates_are_exported_as_set(client, submitted):
    from tests.factories import roadmap_edit

    roadmap_edit(
        submitted.assessment,
        "CICD",
        start_date=quarter(3),
        end_date=quarter(3) + timedelta(days=9),
        status="in-progress",
        owner_role="R7",
    )
    client.force_login(submitted.owner)
    *_rest, cicd = csv_rows(client.get(csv_url(submitted)))
    assert cicd[4:8] == [
        quarter(3).isoformat(),
        (quarter(3) + timedelta(days=9)).isoformat(),
        "In progress",
        "ML engineer",
    ]
    event = Calendar.from_ical(client.get(ics_url(submitted)).content).walk("VEVENT")[-1]
    assert event.decoded("dtend") == quarter(3) + timedelta(days=10)


def test_names_in_any_script_survive(client, world):
    document = small_document(slug="worldly", name=WORLDLY)
    for key in ("capabilities", "deliverables"):
        for item in document[key]:
            item["name"] = f"{WORLDLY} {item['name']}"
    framework = framework_load(document=document_parse(document)).framework
    organisation = make_organisation(world.owner, name=WORLDLY)
    assessment = make_assessment(organisation, framework, [world.owner], title=WORLDLY)
    response = assessment.responses.get()
    answer(response, "DEV-01", current=1, target=3)
    answer(response, "DEV-02", current=2, target=2)
    services.response_submit(response=response)
    client.force_login(world.owner)
    rows = csv_rows(client.get(reverse("roadmap_csv", args=[assessment.pk])))
    assert rows[2][1] == f"{WORLDLY} CI/CD pipelines"
    assert rows[2][2] == f"{WORLDLY} Platforms"
    ics = client.get(reverse("roadmap_ics", args=[assessment.pk])).content
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert str(events[1]["summary"]) == f"{WORLDLY} CI/CD pipelines"
    assert [str(c) for c in events[1]["categories"].cats] == [f"{WORLDLY} Platforms"]


def test_nothing_submitted_gives_the_header_and_an_empty_calendar(client, world):
    client.force_login(world.owner)
    assert len(csv_rows(client.get(csv_url(world)))) == 1
    assert Calendar.from_ical(client.get(ics_url(world)).content).walk("VEVENT") == []


@pytest.mark.parametrize("url", [csv_url, ics_url])
def test_permissions(client, submitted, url):
    assert_login_required(client, url(submitted))
    assert_status(client, submitted.outsider, url(submitted), 404)
    assert_status(client, submitted.viewer, url(submitted), 200)
    assert_status(client, submitted.owner, url(submitted), 405, method="post")


@pytest.mark.parametrize("url", [csv_url, ics_url])
def test_query_counts(client, submitted, url, django_assert_num_queries):
    client.force_login(submitted.viewer)
    # session, user, assessment, membership; then the roadmap as the page
    # reads it (tests/test_roadmap_page.py): 21 queries.
    with django_assert_num_queries(25):
        client.get(url(submitted))
