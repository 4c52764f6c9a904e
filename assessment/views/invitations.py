from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessment import services
from assessment.forms import SignupForm
from assessment.models import Invitation, Membership


def _refused(request, error: services.InvitationInvalid):
    # Someone else's invitation is forbidden; a spent or withdrawn one is gone.
    status = 403 if isinstance(error, services.InvitationForAnotherEmail) else 410
    return render(
        request, "assessment/invitation_invalid.html", {"reason": str(error)}, status=status
    )


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """Join with the signed-in account, or create an account and join."""
    invitation = Invitation.objects.select_related("organisation").filter(token=token).first()
    if invitation is None:
        return render(
            request,
            "assessment/invitation_invalid.html",
            {"reason": _("This invitation does not exist or was withdrawn by the owner.")},
            status=404,
        )
    try:
        services.invitation_check(invitation)
        if request.user.is_authenticated:
            services.invitation_check_email(invitation, request.user)
    except services.InvitationInvalid as error:
        return _refused(request, error)
    signup_form = None
    if request.user.is_authenticated:
        if request.method == "POST":
            return _accept(request, invitation, request.user)
    elif _has_an_account(invitation):
        # The invited person has an account: they sign in with it. A new
        # account would let whoever holds the link join under their address.
        if request.method == "POST":
            return _refused(request, services.InvitationForAnotherEmail(_SIGN_IN))
    else:
        data = request.POST if request.method == "POST" else None
        signup_form = SignupForm(data, email=invitation.email)
        if request.method == "POST" and signup_form.is_valid():
            try:
                # One step: no account is left behind when joining fails.
                with transaction.atomic():
                    user = signup_form.save()
                    services.invitation_accept(invitation=invitation, user=user)
            except services.InvitationInvalid as error:
                return _refused(request, error)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return _joined(request, user, invitation)
    return render(
        request,
        "assessment/invitation_accept.html",
        {"invitation": invitation, "signup_form": signup_form},
    )


_SIGN_IN = _(
    "An account with the invited email address exists: sign in with it, then open "
    "the invitation again."
)


def _has_an_account(invitation) -> bool:
    return get_user_model().objects.filter(email__iexact=invitation.email).exists()


def _accept(request, invitation, user):
    try:
        services.invitation_accept(invitation=invitation, user=user)
    except services.InvitationInvalid as error:
        return _refused(request, error)
    return _joined(request, user, invitation)


def _joined(request, user, invitation):
    membership = Membership.objects.select_related("organisation").get(
        organisation_id=invitation.organisation_id, user=user
    )
    messages.success(
        request,
        _("You joined %(organisation)s as %(role)s.")
        % {
            "organisation": membership.organisation,
            "role": membership.get_role_display().lower(),
        },
    )
    return redirect("organisation_detail", membership.organisation_id)
