from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment.access import Need, assessment_for
from capabilities.models import Role
from reports import charts, services
from reports.forms import RegenerateForm, RoadmapEntryForm
from reports.models import Roadmap, RoadmapEntry
from reports.results import results_build
from reports.roadmap import RoadmapCycleError


@login_required
@require_GET
def results(request, pk: int):
    assessment, membership = assessment_for(request, pk)
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


def _saved_roadmap(assessment):
    return Roadmap.objects.filter(assessment=assessment).first()


def _roadmap_items(assessment, roadmap):
    """The saved entries, or (before any edit) those the answers call for."""
    if roadmap is not None:
        return list(roadmap.entries.all()), None
    try:
        computed = services.roadmap_compute(assessment)
    except RoadmapCycleError as error:
        return [], str(error)
    return [
        RoadmapEntry(
            capability_code=item.code,
            name=item.name,
            position=position,
            phase=item.phase,
            priority=item.priority,
            reasons=list(item.reasons),
            needs=list(item.needs),
            roles=list(item.roles),
            effort=item.effort,
            deliverable_code=item.deliverable,
            typical_owner=item.owner,
        )
        for position, item in enumerate(computed, start=1)
    ], None


def _decorate(items, assessment):
    """Names for the codes each item holds, for people to read."""
    role_names = dict(
        Role.objects.filter(framework_id=assessment.framework_id).values_list("code", "name")
    )
    question_texts = dict(assessment.framework.questions.values_list("code", "text"))
    names = {item.capability_code: item.name for item in items}
    for item in items:
        item.role_names = [role_names.get(code, code) for code in item.roles]
        item.need_names = [names.get(code, code) for code in item.needs]
        item.owner_role_name = role_names.get(item.owner_role, "")
        item.reason_texts = [(code, question_texts.get(code, "")) for code in item.reasons]


@login_required
@require_GET
def roadmap(request, pk: int):
    assessment, membership = assessment_for(request, pk)
    saved = _saved_roadmap(assessment)
    items, error = _roadmap_items(assessment, saved)
    _decorate(items, assessment)
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
            "is_owner": membership is not None and membership.is_owner,
            "figure": json.loads(figure.to_json()) if figure else None,
            "regenerate_form": RegenerateForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_entry_edit(request, pk: int, code: str):
    assessment, _membership = assessment_for(request, pk, Need.OWN)
    saved = _saved_roadmap(assessment)
    items, error = _roadmap_items(assessment, saved)
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
    _decorate(items, assessment)
    return render(
        request,
        "reports/roadmap_entry.html",
        {"assessment": assessment, "entry": entry, "form": form},
    )


@login_required
@require_POST
def roadmap_regenerate(request, pk: int):
    assessment, _membership = assessment_for(request, pk, Need.OWN)
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
