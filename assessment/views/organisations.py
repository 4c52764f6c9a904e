import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment import services
from assessment.access import Need, organisation_for
from assessment.forms import InvitationForm, MemberRoleForm, OrganisationForm
from assessment.models import Invitation, Membership
from assessment.selectors import dashboard_assessments, user_memberships
from capabilities.selectors import profile_options
from config.site import absolute_url


@login_required
@require_GET
def dashboard(request):
    memberships = list(user_memberships(request.user))
    assessments = dashboard_assessments(request.user)
    for assessment in assessments:
        assessment.own_response = next(iter(assessment.own_responses), None)
    return render(
        request,
        "assessment/dashboard.html",
        {"memberships": memberships, "assessments": assessments},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    # An empty POST is still a submission (and an error), not a first visit.
    data = request.POST if request.method == "POST" else None
    form = OrganisationForm(data)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(owner=request.user, **form.cleaned_data)
        messages.success(
            request, _("Created %(name)s. You are its owner.") % {"name": organisation}
        )
        return redirect("organisation_detail", organisation.pk)
    return render(request, "assessment/organisation_form.html", {"form": form})


def _detail_page(request, organisation, invitation_form=None):
    is_owner = organisation.access.is_owner
    options = profile_options()
    return render(
        request,
        "assessment/organisation_detail.html",
        {
            "organisation": organisation,
            "structure_name": options.structures.get(
                organisation.structure_code, organisation.structure_code
            ),
            "deliverable_names": [
                options.deliverables.get(c, c) for c in organisation.deliverable_codes
            ],
            "members": organisation.memberships.select_related("user").order_by("user__username"),
            # Pending: not used and not expired. Only owners see who is invited.
            "invitations": organisation.invitations.filter(
                accepted_at__isnull=True, expires_at__gt=timezone.now()
            )
            if is_owner
            else [],
            "assessments": organisation.assessments.select_related("framework"),
            "invitation_form": invitation_form or InvitationForm(),
            "role_choices": Membership.Role.choices,
        },
    )


@login_required
@require_GET
def organisation_detail(request, pk: int):
    return _detail_page(request, organisation_for(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk: int):
    organisation = organisation_for(request, pk, Need.OWN)
    # Validation writes the posted values into the form's instance; a copy keeps
    # the page (its heading) showing the saved profile when the form has errors.
    data = request.POST if request.method == "POST" else None
    form = OrganisationForm(data, instance=copy.copy(organisation))
    if request.method == "POST" and form.is_valid():
        services.organisation_update(organisation=organisation, **form.cleaned_data)
        messages.success(request, _("Saved the organisation's profile."))
        return redirect("organisation_detail", organisation.pk)
    return render(
        request, "assessment/organisation_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request, pk: int):
    organisation = organisation_for(request, pk, Need.OWN)
    if request.method == "GET":
        # Reloading the page a refused invitation left in the address bar
        # shows the form again rather than a blank "method not allowed".
        return _detail_page(request, organisation)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        # The page again, with the errors next to what the owner typed.
        return _detail_page(request, organisation, invitation_form=form)
    invitation = services.invitation_create(
        organisation=organisation,
        email=form.cleaned_data["email"],
        role=form.cleaned_data["role"],
        invited_by=request.user,
        accept_url_for=lambda token: absolute_url(
            request, reverse("invitation_accept", args=[token])
        ),
    )
    messages.success(request, _("Sent an invitation to %(email)s.") % {"email": invitation.email})
    return redirect("organisation_detail", organisation.pk)


@login_required
@require_POST
def invitation_revoke(request, pk: int, invitation_pk: int):
    organisation = organisation_for(request, pk, Need.OWN)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, organisation=organisation)
    try:
        services.invitation_revoke(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Withdrew the invitation to %(email)s; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("organisation_detail", organisation.pk)


def _member(request, pk: int, member_pk: int) -> Membership:
    organisation = organisation_for(request, pk, Need.OWN)
    return get_object_or_404(Membership, pk=member_pk, organisation=organisation)


@login_required
@require_POST
def member_role(request, pk: int, member_pk: int):
    member = _member(request, pk, member_pk)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role: owner, editor or viewer."))
        return redirect("organisation_detail", pk)
    try:
        services.membership_set_role(membership=member, role=form.cleaned_data["role"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(user)s is now %(role)s.")
            % {"user": member.user.get_username(), "role": member.get_role_display().lower()},
        )
    return redirect("organisation_detail", pk)


@login_required
@require_POST
def member_remove(request, pk: int, member_pk: int):
    member = _member(request, pk, member_pk)
    try:
        services.membership_remove(membership=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if member.user_id == request.user.pk:
            # The organisation's page is no longer theirs to see.
            messages.success(
                request, _("You left %(organisation)s.") % {"organisation": member.organisation}
            )
            return redirect("home")
        messages.success(request, _("Removed %(user)s.") % {"user": member.user.get_username()})
    return redirect("organisation_detail", pk)
