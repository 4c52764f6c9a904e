"""The office's inventory: ML solutions, components in place, roles held.

Plain forms, each posting to its own URL; viewers read, owners and editors
write (assessment/access.py), and nothing changes once the assessment is
complete.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment import services
from assessment.access import Need, assessment_for
from assessment.forms import ComponentStatusForm, MLSolutionForm, RoleStatusForm
from assessment.models import MLSolution
from assessment.selectors import inventory_read, inventory_vocabulary


def _page(request, assessment, *, component_form=None, role_form=None, status=200):
    vocabulary = inventory_vocabulary(assessment.framework)
    inventory = inventory_read(assessment)
    for solution in inventory.solutions:
        solution.phase_name = vocabulary.name("phases", solution.phase_code)
        solution.subprocess_name = vocabulary.name("subprocesses", solution.subprocess_code)
        solution.component_names = [
            vocabulary.name("components", code) for code in solution.component_codes
        ]
    context = {
        "assessment": assessment,
        "inventory": inventory,
        "can_edit": assessment.access.can_write and assessment.is_open,
        "component_form": component_form
        or ComponentStatusForm(vocabulary=vocabulary, statuses=inventory.components),
        "role_form": role_form or RoleStatusForm(vocabulary=vocabulary, statuses=inventory.roles),
        "carried_over": any(
            item.carried_over
            for item in [
                *inventory.solutions,
                *inventory.components.values(),
                *inventory.roles.values(),
            ]
        ),
    }
    return render(request, "assessment/inventory.html", context, status=status)


@login_required
@require_GET
def inventory(request, pk: int):
    return _page(request, assessment_for(request, pk))


def _solution_form_page(request, assessment, solution: MLSolution | None):
    vocabulary = inventory_vocabulary(assessment.framework)
    initial = {field: getattr(solution, field) for field in MLSolution.FIELDS} if solution else None
    form = MLSolutionForm(
        request.POST if request.method == "POST" else None,
        vocabulary=vocabulary,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.ml_solution_save(
                assessment=assessment, values=form.cleaned_data, solution=solution
            )
        except services.ResponseLocked as error:
            messages.error(request, str(error))
            return redirect("inventory", assessment.pk)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("Saved “%(name)s”.") % {"name": saved.name})
            return redirect("inventory", assessment.pk)
    return render(
        request,
        "assessment/inventory_solution.html",
        {"assessment": assessment, "form": form, "solution": solution},
    )


@login_required
@require_http_methods(["GET", "POST"])
def solution_add(request, pk: int):
    assessment = assessment_for(request, pk, Need.WRITE)
    return _solution_form_page(request, assessment, None)


@login_required
@require_http_methods(["GET", "POST"])
def solution_edit(request, pk: int, solution_pk: int):
    assessment = assessment_for(request, pk, Need.WRITE)
    solution = get_object_or_404(MLSolution, pk=solution_pk, assessment=assessment)
    return _solution_form_page(request, assessment, solution)


@login_required
@require_POST
def solution_delete(request, pk: int, solution_pk: int):
    assessment = assessment_for(request, pk, Need.WRITE)
    solution = get_object_or_404(MLSolution, pk=solution_pk, assessment=assessment)
    solution.assessment = assessment
    try:
        services.ml_solution_delete(solution=solution)
    except services.ResponseLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Removed “%(name)s”.") % {"name": solution.name})
    return redirect("inventory", assessment.pk)


@login_required
@require_POST
def components_save(request, pk: int):
    assessment = assessment_for(request, pk, Need.WRITE)
    form = ComponentStatusForm(
        request.POST,
        vocabulary=inventory_vocabulary(assessment.framework),
        statuses={},
    )
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: correct the components marked below."))
        return _page(request, assessment, component_form=form, status=400)
    try:
        services.component_statuses_save(assessment=assessment, statuses=form.values())
    except services.ResponseLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved the components in place."))
    return redirect("inventory", assessment.pk)


@login_required
@require_POST
def roles_save(request, pk: int):
    assessment = assessment_for(request, pk, Need.WRITE)
    form = RoleStatusForm(
        request.POST,
        vocabulary=inventory_vocabulary(assessment.framework),
        statuses={},
    )
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: correct the roles marked below."))
        return _page(request, assessment, role_form=form, status=400)
    try:
        services.role_statuses_save(assessment=assessment, statuses=form.values())
    except services.ResponseLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved the roles."))
    return redirect("inventory", assessment.pk)
