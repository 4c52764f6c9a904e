from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from accounts.models import time_zone_names


class AccountSettingsForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        help_text=_("The language of the pages, the exports and the PDF report."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_(
            "Times on the pages, in the history, the exports and the PDF report are shown in it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language named in itself, as a reader looking for theirs expects.
        self.fields["language"].choices = [("", _("Your browser's language"))] + [
            (code, capfirst(get_language_info(code)["name_local"]))
            for code, _name in settings.LANGUAGES
        ]
        self.fields["time_zone"].choices = [("", _("Your browser's time zone"))] + [
            (name, name.replace("_", " ")) for name in time_zone_names()
        ]


class SignUpForm(UserCreationForm):
    """A new account: a username, an email address to confirm, a password."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send a link to it; the account works once you follow it."),
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "An account already has this address. Sign in, or reset its password "
                    "if you have forgotten it."
                )
            )
        return email
