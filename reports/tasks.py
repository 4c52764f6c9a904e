"""Background work of the reports: laying out the PDF report.

With TASKS_BACKEND=immediate (the default) a task runs inside the request
that enqueues it; with TASKS_BACKEND=database it waits in the database for a
`manage.py db_worker` process, on this machine or any other.
"""

from __future__ import annotations

import logging

from django_tasks import task

from reports import services

logger = logging.getLogger(__name__)


@task()
def report_render(stored_report_pk: int) -> str:
    """Lay out one requested report and store it; returns its status."""
    return services.stored_report_render(stored_report_pk=stored_report_pk)


@task()
def report_prepare(assessment_pk: int, language: str = "", time_zone: str = "") -> str:
    """Request the main report of an assessment's current data, in this
    language and time zone, ahead of the manager
    (reports.services.report_render_ahead)."""
    return services.report_prepare_now(
        assessment_pk=assessment_pk, language=language, time_zone=time_zone
    )
