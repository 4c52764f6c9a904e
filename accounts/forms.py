from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import time_zone_names


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_(
            "Times on the pages, in the history, the exports and the PDF report are shown in it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [("", _("Your browser's time zone"))] + [
            (name, name.replace("_", " ")) for name in time_zone_names()
        ]
