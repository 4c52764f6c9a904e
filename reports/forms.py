from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import RoadmapEntry
from reports.services import MAX_CAPACITY


class RoadmapEntryForm(forms.Form):
    start_date = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Leave both empty to have the item planned with the others; dates you set are kept."
        ),
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


class RoadmapSettingsForm(forms.Form):
    start_date = forms.DateField(
        label=_("Start of the roadmap"), widget=forms.DateInput(attrs={"type": "date"})
    )
    capacity = forms.IntegerField(
        label=_("Work the office can run at once"),
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text=_("In effort points: S 1, M 2, L 3, XL 5."),
    )


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
