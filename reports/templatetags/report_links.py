"""The PDF report's download form, shown beside the tabs of the overview,
results and roadmap pages: the main report, or with the annex on request,
and while a report is being laid out, a note that says so."""

from __future__ import annotations

from django import template

from reports.selectors import report_being_prepared

register = template.Library()


@register.inclusion_tag("reports/report_download.html")
def report_download(assessment):
    return {"assessment": assessment, "preparing": report_being_prepared(assessment)}
