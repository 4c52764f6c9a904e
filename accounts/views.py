"""The signed-in user's account: API token, and Django's password pages with
the token revoked when the password changes."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import get_language_from_request
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language
from rest_framework.authtoken.models import Token

from accounts import services
from accounts.forms import AccountSettingsForm, SignUpForm
from accounts.languages import remember_language
from accounts.models import AccountSettings, is_language
from accounts.time_zones import browser_time_zone, remember_time_zone
from config.site import absolute_url

NEW_KEY = "new_api_token"


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def api_token(request):
    """Whether the user has a token; a POST makes a new one, shown once.

    The POST redirects (a reload must not replace the token again, killing
    the key just shown), so the new key waits in the session for the one
    page that shows it.
    """
    if request.method == "POST":
        request.session[NEW_KEY] = services.token_rotate(user=request.user).key
        return redirect("api_token")
    new_key = request.session.pop(NEW_KEY, None)
    token = Token.objects.filter(user=request.user).first()
    return render(
        request,
        "accounts/api_token.html",
        {
            "token": token,
            # The key is shown only once, right after it was made; afterwards
            # its last four characters tell tokens apart.
            "new_key": new_key,
            "key_end": token.key[-4:] if token else "",
        },
    )


@require_POST
def language_set(request):
    """The switcher in the header: Django's set_language (the language
    cookie, then back to the page), and for a signed-in user the choice kept
    on the account, so that it follows them to every browser."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and is_language(language):
        services.account_set_language(user=request.user, language=language)
        remember_language(request, language)
    return response


@login_required
@require_POST
def api_token_revoke(request):
    if services.token_revoke(user=request.user):
        messages.success(request, _("Your API token was revoked; it no longer signs in."))
    return redirect("api_token")


def _token_revoked_message(request) -> None:
    messages.info(
        request,
        _(
            "Your API token was revoked with the old password. "
            "Create a new one on the API token page."
        ),
    )


class PasswordChange(auth_views.PasswordChangeView):
    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            if services.token_revoke(user=form.user):
                _token_revoked_message(self.request)
        return response


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            services.token_revoke(user=form.user)
        return response


class PasswordReset(auth_views.PasswordResetView):
    def form_valid(self, form):
        # The link in the email points at the public address, not at the Host
        # the request came in on (the proxy's, or plain http behind it).
        if settings.SITE_URL:
            address = urlsplit(settings.SITE_URL)
            self.extra_email_context = {"protocol": address.scheme, "domain": address.netloc}
        return super().form_valid(form)


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    """The language of the pages and the time zone times are shown in (""
    follows the browser)."""
    saved = AccountSettings.objects.filter(user=request.user).first()
    form = AccountSettingsForm(
        request.POST or None,
        initial={
            "language": saved.language if saved else "",
            "time_zone": saved.time_zone if saved else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        time_zone = form.cleaned_data["time_zone"]
        language = form.cleaned_data["language"]
        services.account_set_time_zone(user=request.user, time_zone=time_zone)
        services.account_set_language(user=request.user, language=language)
        remember_time_zone(request, time_zone)
        remember_language(request, language)
        # The message in the language just chosen (or the browser's).
        translation.activate(language or get_language_from_request(request))
        messages.success(request, _("Saved your settings."))
        return redirect("account_settings")
    return render(
        request,
        "accounts/account_settings.html",
        {
            "form": form,
            "browser_zone": browser_time_zone(request),
            "server_zone": settings.TIME_ZONE,
            "now": timezone.now(),
        },
    )


def _signup_open_or_404():
    if not settings.SIGNUP_OPEN:
        raise Http404


@require_http_methods(["GET", "POST"])
def signup(request):
    """Self sign-up, when the deployment allows it (SIGNUP_OPEN)."""
    _signup_open_or_404()
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.account_sign_up(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            confirm_url_for=lambda user: absolute_url(
                request,
                reverse(
                    "signup_confirm",
                    args=[
                        urlsafe_base64_encode(force_bytes(user.pk)),
                        default_token_generator.make_token(user),
                    ],
                ),
            ),
        )
        return redirect("signup_sent")
    return render(request, "registration/signup.html", {"form": form})


@require_GET
def signup_sent(request):
    _signup_open_or_404()
    return render(request, "registration/signup_sent.html")


@require_http_methods(["GET", "POST"])
def signup_confirm(request, uidb64: str, token: str):
    """GET asks, POST confirms: a mail scanner that opens the link must not
    confirm an address for someone who never read the email."""
    _signup_open_or_404()
    try:
        user = get_user_model().objects.get(pk=int(urlsafe_base64_decode(uidb64)))
    except (ValueError, OverflowError, get_user_model().DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "registration/signup_invalid.html", status=400)
    if request.method == "POST":
        services.account_confirm(user=user)
        messages.success(request, _("Your email address is confirmed. Sign in to start."))
        return redirect("login")
    return render(request, "registration/signup_confirm.html", {"confirm_user": user})


class Login(auth_views.LoginView):
    """Django's sign-in, saying how to get an account here."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"signup_open": settings.SIGNUP_OPEN}
