from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from benchmark.aggregate import Filters
from benchmark.selectors import filter_choices
from config.form_renderer import PythonWidgetRenderer

LABELS = {
    "kind": _("Kind of organisation"),
    "size": _("Size"),
    "region": _("World region"),
    "structure": _("Operating structure for ML"),
}


class PeerGroupForm(forms.Form):
    """The peer group to compare with; every field blank is all contributors."""

    default_renderer = PythonWidgetRenderer

    def __init__(self, *args, choices: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, values in (choices or filter_choices()).items():
            self.fields[name] = forms.ChoiceField(
                label=LABELS[name], required=False, choices=[("", _("Any")), *values]
            )

    def filters(self) -> Filters:
        return Filters(**{name: self.cleaned_data.get(name) or "" for name in LABELS})
