from __future__ import annotations

import json
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment.access import Need, assessment_for
from capabilities.models import Role
from config.api import login_or_token_required
from reports import charts, exports, pdf, services
from reports.forms import RegenerateForm, RoadmapEntryForm
from reports.models import Roadmap
from reports.results import results_build
from reports.roadmap import RoadmapCycleError
from reports.selectors import roadmap_describe

logger = logging.getLogger(__name__)


@login_required
@require_GET
def results(request, pk: int):
    assessment = assessment_for(request, pk)
    report = results_build(assessment)
    return render(
        request,
        "reports/results.html",
        {
            "assessment": assessment,
            "report": report,
            "overall": report.results.overall,
            "figures": report.figures_json(),
        },
    )


def _current(assessment):
    """The roadmap to show, with the reason instead when the framework has a cycle."""
    try:
        saved, items = services.roadmap_current(assessment)
    except RoadmapCycleError as error:
        return Roadmap.objects.filter(assessment=assessment).first(), [], str(error)
    return saved, items, None


def _saved_roadmap(assessment):
    return Roadmap.objects.filter(assessment=assessment).first()


@login_required
@require_GET
def roadmap(request, pk: int):
    assessment = assessment_for(request, pk)
    saved, items, error = _current(assessment)
    roadmap_describe(items, assessment.framework_id)
    figure = None
    if items:
        figure = charts.roadmap_timeline(
            [
                charts.TimelineItem(i.name, i.phase, i.deliverable_code, i.start_date, i.end_date)
                for i in items
            ],
            _("Capability roadmap"),
        )
    return render(
        request,
        "reports/roadmap.html",
        {
            "assessment": assessment,
            "roadmap": saved,
            "items": items,
            "error": error,
            "figure": json.loads(figure.to_json()) if figure else None,
            "regenerate_form": RegenerateForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_entry_edit(request, pk: int, code: str):
    assessment = assessment_for(request, pk, Need.OWN)
    saved, items, error = _current(assessment)
    if error:
        messages.error(request, error)
        return redirect("roadmap", assessment.pk)
    entry = next((item for item in items if item.capability_code == code), None)
    if entry is None:
        raise Http404
    roles = list(Role.objects.filter(framework_id=assessment.framework_id))
    initial = {
        "phase": entry.phase,
        "start_date": entry.start_date,
        "end_date": entry.end_date,
        "owner_role": entry.owner_role,
        "status": entry.status,
        "notes": entry.notes,
    }
    data = request.POST if request.method == "POST" else None
    form = RoadmapEntryForm(data, roles=roles, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if saved is None:
                    # The first edit saves the computed roadmap, to be kept from now on.
                    saved = services.roadmap_generate(assessment=assessment)
                services.roadmap_entry_update(
                    entry=saved.entries.get(capability_code=code), **form.cleaned_data
                )
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                for message in field_errors:
                    form.add_error(field, message)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": entry.name})
            return redirect(reverse("roadmap", args=[assessment.pk]) + f"#item-{code}")
    roadmap_describe(items, assessment.framework_id)
    return render(
        request,
        "reports/roadmap_entry.html",
        {"assessment": assessment, "entry": entry, "form": form},
    )


@login_required
@require_POST
def roadmap_regenerate(request, pk: int):
    assessment = assessment_for(request, pk, Need.OWN)
    roadmap = _saved_roadmap(assessment)
    if roadmap is not None and roadmap.edited_at and not RegenerateForm(request.POST).is_valid():
        messages.error(
            request,
            _("Tick the box to confirm that your edits will be replaced, then regenerate."),
        )
        return redirect("roadmap", assessment.pk)
    try:
        services.roadmap_generate(assessment=assessment)
    except RoadmapCycleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Regenerated the roadmap from the answers."))
    return redirect("roadmap", assessment.pk)


def _filename(assessment, extension: str) -> str:
    stem = slugify(f"{assessment.organisation.name} {assessment.title}") or "assessment"
    return f"{stem}.{extension}"


@login_or_token_required
@require_GET
def report_pdf(request, pk: int):
    assessment = assessment_for(request, pk)
    try:
        content = pdf.report_pdf(assessment)
    except Exception:  # noqa: BLE001 - never a bare 500 for a report
        logger.exception("PDF report of assessment %s failed", assessment.pk)
        return render(
            request,
            "reports/report_failed.html",
            {"assessment": assessment},
            status=503,
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(assessment, "pdf")}"'
    return response


@login_or_token_required
@require_GET
def export_xlsx(request, pk: int):
    assessment = assessment_for(request, pk)
    response = HttpResponse(
        exports.assessment_xlsx(assessment),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(assessment, "xlsx")}"'
    return response


@login_or_token_required
@require_GET
def export_csv(request, pk: int):
    assessment = assessment_for(request, pk)
    response = HttpResponse(exports.answers_csv(assessment), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(assessment, "csv")}"'
    return response
