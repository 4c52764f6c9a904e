"""Reports rendered ahead (reports.services.report_render_ahead): when an
assessment completes or its roadmap changes, a worker lays the main report out
before anyone asks, so the manager who downloads it finds it ready."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from assessment import services as assessment_services
from assessment.models import Assessment
from reports import pdf, services
from reports.models import StoredReport
from tests.factories import answer

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker_until_the_queue_is_empty():
    call_command("db_worker", batch=True, interval=0, no_startup_delay=True, reload=False)


@pytest.fixture
def database_tasks(settings, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr("reports.chart_images.chromium_path", lambda: None)  # no charts needed


def completed(world) -> Assessment:
    """The assessment as the database has it (the fixture's copy predates its completion)."""
    return Assessment.objects.get(pk=world.assessment.pk)


def queued_task_names():
    return [result.task_path.rsplit(".", 1)[-1] for result in DBTaskResult.objects.all()]


@pytest.mark.django_db(transaction=True)  # on_commit and the worker, as in production
def test_completing_an_assessment_renders_its_report_ahead(client, database_tasks, world):
    for response in (world.owner_response, world.editor_response):
        answer(response, "DEV-01", current=1, target=3)
        answer(response, "DEV-02", current=2, target=2)
    assessment_services.response_submit(response=world.owner_response)
    assert queued_task_names() == []  # still open: nothing to read yet
    # The last respondent's submission completes the assessment.
    assessment_services.response_submit(response=world.editor_response)
    assessment = Assessment.objects.get(pk=world.assessment.pk)
    assert not assessment.is_open
    assert queued_task_names() == ["report_prepare"]

    run_worker_until_the_queue_is_empty()

    stored = StoredReport.objects.get()
    assert stored.status == StoredReport.Status.READY
    assert stored.annex is False
    assert stored.key == pdf.report_source(assessment).key
    client.force_login(world.owner)
    response = client.get(reverse("report_pdf", args=[assessment.pk]))
    assert response.status_code == 200  # ready at once, nobody waited
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.django_db(transaction=True)
def test_a_roadmap_change_renders_the_report_of_the_new_data(database_tasks, submitted_and_closed):
    assessment = completed(submitted_and_closed)
    run_worker_until_the_queue_is_empty()  # the report of the completed assessment
    before = StoredReport.objects.get().key

    services.roadmap_settings_update(assessment=assessment, start_date=date(2028, 1, 1), capacity=2)
    run_worker_until_the_queue_is_empty()

    keys = set(StoredReport.objects.values_list("key", flat=True))
    assert keys == {before, pdf.report_source(assessment).key}
    assert before != pdf.report_source(assessment).key


@pytest.mark.django_db(transaction=True)
def test_the_same_data_is_never_rendered_twice(database_tasks, submitted_and_closed):
    assessment = completed(submitted_and_closed)
    services.report_render_ahead(assessment=assessment)  # outside a transaction: queued at once
    services.report_render_ahead(assessment=assessment)
    run_worker_until_the_queue_is_empty()
    assert StoredReport.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path__endswith="report_render").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_refused_change_queues_nothing(database_tasks, submitted_and_closed):
    run_worker_until_the_queue_is_empty()
    queued = DBTaskResult.objects.count()
    with pytest.raises(Exception):  # noqa: B017, PT011 - ValidationError, nothing saved
        services.roadmap_settings_update(
            assessment=completed(submitted_and_closed), start_date=date(2028, 1, 1), capacity=0
        )
    assert DBTaskResult.objects.count() == queued


def test_without_a_task_queue_nothing_is_rendered_in_the_request(submitted_and_closed):
    # The immediate backend (make run) would lay the report out inside the
    # request that closed the assessment: the first download does it instead.
    assert not completed(submitted_and_closed).is_open
    assert not StoredReport.objects.exists()
