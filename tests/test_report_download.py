"""The PDF report's download form (reports/templatetags/report_links.py)
beside the tabs: the main report, the annex on request, and a note while a
report is being prepared."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import REPORT_RENDER_TIMEOUT, StoredReport
from tests.factories import make_assessment

pytestmark = pytest.mark.django_db
PAGES = ("assessment_detail", "results", "roadmap", "benchmark")
PREPARING = "A report is being prepared"


def page(client, world, name):
    client.force_login(world.owner)
    return client.get(reverse(name, args=[world.assessment.pk])).content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_of_an_assessment_offers_the_report_and_its_annex(client, submitted, name):
    html = page(client, submitted, name)
    action = reverse("report_pdf", args=[submitted.assessment.pk])
    assert f'<form class="report-download" method="get" action="{action}">' in html
    assert '<input type="checkbox" name="annex" value="1">' in html
    assert PREPARING not in html


def pending(world, requested_at):
    return StoredReport.objects.create(
        assessment=world.assessment, key="k" * 64, requested_at=requested_at
    )


@pytest.mark.parametrize("name", PAGES)
def test_a_report_being_prepared_is_said(client, submitted, name):
    pending(submitted, timezone.now())
    assert PREPARING in page(client, submitted, name)


def test_a_render_that_died_long_ago_is_not_said_to_be_under_way(client, submitted):
    # Asking again queues it anew (stored_report_request), so the link just works.
    pending(submitted, timezone.now() - REPORT_RENDER_TIMEOUT - timedelta(seconds=1))
    assert PREPARING not in page(client, submitted, "results")


def test_another_organisations_report_is_not_said(client, submitted):
    elsewhere = submitted.outsider.memberships.get().organisation
    other = make_assessment(elsewhere, submitted.framework, [submitted.outsider])
    StoredReport.objects.create(assessment=other, key="k" * 64, requested_at=timezone.now())
    assert PREPARING not in page(client, submitted, "results")


def test_the_waiting_page_keeps_the_annex_choice(client, submitted, settings):
    # Queued but not run (the dummy backend runs nothing): the page that
    # waits asks again for the same report.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(submitted.owner)
    url = reverse("report_pdf", args=[submitted.assessment.pk])
    response = client.get(url + "?annex=1")
    assert response.status_code == 202
    assert f'href="{url}?annex=1"' in response.content.decode()
    assert StoredReport.objects.get().annex is True
