from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import RoadmapEntry


class RoadmapEntryForm(forms.Form):
    phase = forms.IntegerField(label=_("Phase"), min_value=1, max_value=99)
    start_date = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    owner_role = forms.ChoiceField(label=_("Owner role"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=RoadmapEntry.Status.choices)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    # The version of the item the page showed (0 for a roadmap not saved yet);
    # a form without it is treated as 0, which never overwrites an edited item.
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput, initial=0, required=False)

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_role"].choices = [("", _("Not decided"))] + [
            (role.code, role.name) for role in roles
        ]

    def clean(self):
        cleaned = super().clean()
        cleaned["version"] = cleaned.get("version") or 0
        return cleaned


class RegenerateForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Replace my edits with a roadmap computed from the answers"), required=True
    )


class InventoryImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "A .csv or .xlsx file with a header row, as the download gives: "
            "name, purpose, GSBPM phase, GSBPM sub-process, stage, method family, run by, "
            "components (codes separated by commas)."
        ),
    )
