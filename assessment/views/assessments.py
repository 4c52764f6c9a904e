from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment import services
from assessment.access import (
    Need,
    answers_readable,
    assessment_for,
    organisation_for,
    own_response,
)
from assessment.display import history_group
from assessment.forms import (
    AssessmentCopyForm,
    AssessmentStartForm,
    FocusWeightsForm,
    PerspectiveForm,
)
from assessment.models import Response
from assessment.selectors import (
    answer_changes,
    focus_weights_by_side,
    framework_levels,
    response_progress,
    response_review,
    responses_progress,
    responses_waiting,
    user_response,
)
from capabilities.models import Section
from capabilities.selectors import framework_focus_areas, framework_latest_published


@login_required
@require_http_methods(["GET", "POST"])
def assessment_start(request, pk: int):
    organisation = organisation_for(request, pk, Need.OWN)
    latest = framework_latest_published()
    form = AssessmentStartForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        initial={
            "title": _("ML maturity %(year)s") % {"year": timezone.now().year},
            "framework": latest,
            "respondents": [request.user],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(
                organisation=organisation, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Started “%(title)s”.") % {"title": assessment.title})
            return redirect("assessment_detail", assessment.pk)
    return render(
        request, "assessment/assessment_start.html", {"form": form, "organisation": organisation}
    )


def _focus_form(assessment, data=None):
    focus_areas = framework_focus_areas(assessment.framework_id)
    weights = focus_weights_by_side(assessment)
    return FocusWeightsForm(data, focus_areas=focus_areas, weights=weights, prefix="focus")


@login_required
@require_GET
def assessment_detail(request, pk: int):
    assessment = assessment_for(request, pk)
    response = user_response(assessment, request.user)
    context = {
        "assessment": assessment,
        "responses": responses_progress(assessment),
        "response": response,
        "previous": assessment.previous,
        "focus_form": _focus_form(assessment),
        "copy_form": AssessmentCopyForm(
            initial={"title": _("%(title)s, re-assessment") % {"title": assessment.title}}
        ),
    }
    if response is not None:
        response.assessment = assessment
        context["progress"] = response_progress(response)
        context["perspective_form"] = PerspectiveForm(instance=response)
    return render(request, "assessment/assessment_detail.html", context)


@login_required
@require_POST
def response_perspective(request, pk: int):
    assessment = assessment_for(request, pk, Need.WRITE)
    response = own_response(request, assessment)
    form = PerspectiveForm(request.POST, instance=response)
    if form.is_valid():
        try:
            services.response_set_perspective(
                response=response, perspective=form.cleaned_data["perspective"]
            )
        except services.ResponseLocked as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved your perspective."))
    else:
        messages.error(request, _("Choose the perspective you answer from."))
    return redirect("assessment_detail", assessment.pk)


@login_required
@require_POST
def focus_weights(request, pk: int):
    assessment = assessment_for(request, pk, Need.OWN)
    form = _focus_form(assessment, request.POST)
    if form.is_valid():
        try:
            services.focus_weights_save(assessment=assessment, weights=form.weights())
        except services.ResponseLocked as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved what the organisation cares about."))
    else:
        messages.error(request, _("Choose how much each side cares about each focus area."))
    # Back to the review page when the weights were set there.
    if request.POST.get("next") == reverse("response_submit", args=[assessment.pk]):
        return redirect("response_submit", assessment.pk)
    return redirect("assessment_detail", assessment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def response_submit(request, pk: int):
    """GET: the answers to review and what is still missing; POST: submit
    (locks the response)."""
    assessment = assessment_for(request, pk, Need.WRITE)
    response = own_response(request, assessment)
    if response.is_submitted:
        return redirect("response_submitted", assessment.pk)
    if request.method == "POST":
        try:
            services.response_submit(response=response)
        except services.IncompleteResponse:
            messages.error(
                request, _("Some questions still need an answer; they are listed below.")
            )
        except services.ResponseLocked as error:
            messages.error(request, str(error))
            return redirect("assessment_detail", assessment.pk)
        else:
            return redirect("response_submitted", assessment.pk)
    missing, unconfirmed = services.response_missing(response)
    others_waiting = responses_waiting(assessment) - 1  # this one is not submitted
    return render(
        request,
        "assessment/response_submit.html",
        {
            "assessment": assessment,
            "response": response,
            "missing": missing,
            "unconfirmed": unconfirmed,
            "review": response_review(response),
            "completes_on_submit": others_waiting <= 0,
            "focus_form": _focus_form(assessment) if assessment.access.is_owner else None,
        },
    )


@login_required
@require_GET
def response_submitted(request, pk: int):
    """After submitting: what happens next, and where the results are."""
    assessment = assessment_for(request, pk)
    response = own_response(request, assessment)
    if not response.is_submitted:
        return redirect("response_submit", assessment.pk)
    return render(
        request,
        "assessment/response_submitted.html",
        {"assessment": assessment, "response": response, "waiting": responses_waiting(assessment)},
    )


@login_required
@require_POST
def response_reopen(request, pk: int, response_pk: int):
    assessment = assessment_for(request, pk, Need.OWN)
    response = get_object_or_404(Response, pk=response_pk, assessment=assessment)
    response.assessment = assessment
    services.response_reopen(response=response)
    messages.success(
        request,
        _("Reopened the response of %(user)s.") % {"user": response.respondent.get_username()},
    )
    return redirect("assessment_detail", assessment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_close(request, pk: int):
    """GET: what closing now leaves out, to confirm; POST: close."""
    assessment = assessment_for(request, pk, Need.OWN)
    if not assessment.is_open:
        return redirect("assessment_detail", assessment.pk)
    if request.method == "POST":
        try:
            services.assessment_close_by_owner(assessment=assessment)
        except services.NothingSubmitted as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Closed the assessment; results use the submitted responses.")
            )
            return redirect("assessment_detail", assessment.pk)
    progress = responses_progress(assessment)
    waiting = [
        (response, total - answered)
        for response, answered, total in progress
        if not response.is_submitted
    ]
    return render(
        request,
        "assessment/assessment_close.html",
        {
            "assessment": assessment,
            "waiting": waiting,
            "missing": sum(missing for _response, missing in waiting),
            "submitted": len(progress) - len(waiting),
        },
    )


@login_required
@require_POST
def assessment_copy(request, pk: int):
    assessment = assessment_for(request, pk, Need.OWN)
    form = AssessmentCopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new assessment a title."))
        return redirect("assessment_detail", assessment.pk)
    new = services.assessment_copy(
        assessment=assessment, title=form.cleaned_data["title"], created_by=request.user
    )
    messages.success(
        request,
        _("Started “%(title)s” from the earlier answers. Check and confirm each section.")
        % {"title": new.title},
    )
    return redirect("assessment_detail", new.pk)


@login_required
@require_GET
def answer_history(request, pk: int):
    """Changes grouped per question and respondent; filters by section and
    by respondent (GET ?section=<code>&respondent=<response id>)."""
    assessment = assessment_for(request, pk)
    answers = answers_readable(assessment)
    sections = list(Section.objects.filter(framework_id=assessment.framework_id))
    responses = list(assessment.responses.select_related("respondent"))
    section = request.GET.get("section", "")
    if section in {s.code for s in sections}:
        answers = answers.filter(question__section__code=section)
    else:
        section = ""
    respondent = request.GET.get("respondent", "")
    if respondent in {str(r.pk) for r in responses}:
        answers = answers.filter(response_id=int(respondent))
    else:
        respondent = ""
    level_names = {level.rank: level.name for level in framework_levels(assessment.framework)}
    return render(
        request,
        "assessment/answer_history.html",
        {
            "assessment": assessment,
            "groups": history_group(answer_changes(answers), level_names),
            "sections": sections,
            "responses": responses,
            "section": section,
            "respondent": respondent,
        },
    )
