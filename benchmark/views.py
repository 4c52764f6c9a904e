from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessment.access import Need, assessment_for
from benchmark import services
from benchmark.aggregate import Filters
from benchmark.forms import PeerGroupForm
from benchmark.selectors import benchmark_build, filter_choices


@login_required
@require_GET
def benchmark(request, pk: int):
    assessment = assessment_for(request, pk)
    choices = filter_choices()
    form = PeerGroupForm(request.GET or None, choices=choices)
    # A filter value that is not a choice is shown as an error next to its
    # field; the page then compares with all contributors.
    filters = form.filters() if form.is_bound and form.is_valid() else Filters()
    report = benchmark_build(assessment, filters, choices)
    figures = report.figures_json()
    return render(
        request,
        "benchmark/benchmark.html",
        {
            "assessment": assessment,
            "report": report,
            "form": form,
            "figures": figures,
            "dimension_sections": [
                (kind, heading, rows, figures.get(kind))
                for kind, heading, rows in (report.dimension_tables if report.shown else [])
            ],
        },
    )


@login_required
@require_POST
def contribute(request, pk: int):
    assessment = assessment_for(request, pk, Need.OWN)
    try:
        services.contribution_create(assessment=assessment, user=request.user)
    except services.NotContributable as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("This assessment now contributes to the benchmark. Thank you."))
    return redirect("benchmark", assessment.pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    assessment = assessment_for(request, pk, Need.OWN)
    if services.contribution_withdraw(assessment=assessment):
        messages.success(
            request,
            _("Withdrawn: this assessment's numbers are deleted and no figure uses them."),
        )
    else:
        messages.info(request, _("This assessment was not contributed."))
    return redirect("benchmark", assessment.pk)
