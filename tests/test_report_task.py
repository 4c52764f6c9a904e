"""The PDF report through the real task queue: the database backend of
django-tasks and its `db_worker`, as `make serve` runs them (the other tests
use the immediate backend, which renders inside the request)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from reports.models import StoredReport

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker_until_the_queue_is_empty():
    call_command("db_worker", batch=True, interval=0, no_startup_delay=True, reload=False)


@pytest.mark.pdf
@pytest.mark.django_db(transaction=True)  # the worker commits, as a worker elsewhere would
def test_a_report_is_queued_once_rendered_by_the_worker_and_downloaded(client, submitted, settings):
    settings.TASKS = DATABASE_TASKS
    url = reverse("report_pdf", args=[submitted.assessment.pk])
    client.force_login(submitted.owner)

    first = client.get(url)
    assert first.status_code == 202
    assert first["Retry-After"] == "2"
    assert "being prepared" in first.content.decode()
    again = client.get(url)  # asked again before the worker ran: no second render
    assert again.status_code == 202
    assert DBTaskResult.objects.count() == 1
    assert StoredReport.objects.get().status == StoredReport.Status.PENDING

    run_worker_until_the_queue_is_empty()

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    stored = StoredReport.objects.get()
    assert stored.status == StoredReport.Status.READY
    assert stored.file.name == f"reports/{stored.key}.pdf"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert "ML maturity" in reader.pages[0].extract_text()
    assert DBTaskResult.objects.count() == 1  # served from the storage, not queued again


@pytest.mark.django_db(transaction=True)
def test_a_report_whose_data_changed_before_the_worker_ran_is_requested_anew(
    client, submitted, settings, monkeypatch
):
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr("reports.chart_images.chromium_path", lambda: None)  # no charts needed
    url = reverse("report_pdf", args=[submitted.assessment.pk])
    client.force_login(submitted.owner)
    assert client.get(url).status_code == 202
    submitted.organisation.name = "Renamed office"
    submitted.organisation.save()

    run_worker_until_the_queue_is_empty()

    assert not StoredReport.objects.exists()  # the old request is dropped, nothing stored
    assert client.get(url).status_code == 202  # the new data is queued
    assert DBTaskResult.objects.count() == 2


@pytest.mark.pdf
@pytest.mark.django_db(transaction=True)
def test_the_worker_writes_the_report_in_the_readers_language_and_time_zone(
    client, submitted, settings
):
    # The key is the report's in the reader's language and zone: a worker in
    # its own (English, UTC) would find another key and drop the request.
    settings.TASKS = DATABASE_TASKS
    url = reverse("report_pdf", args=[submitted.assessment.pk])
    client.force_login(submitted.owner)
    client.cookies["browser_time_zone"] = "America/Montreal"  # as the page's script sets it
    assert client.get(url, headers={"accept-language": "fr"}).status_code == 202
    stored = StoredReport.objects.get()
    assert (stored.language, stored.time_zone) == ("fr", "America/Montreal")

    run_worker_until_the_queue_is_empty()

    stored.refresh_from_db()
    assert stored.status == StoredReport.Status.READY
    text = " ".join(page.extract_text() for page in PdfReader(stored.file.open("rb")).pages)
    assert "Synthèse" in text
    assert "America/Montreal" in text  # "Données au ..." with its zone
    assert "Executive summary" not in text
