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

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_role"].choices = [("", _("Not decided"))] + [
            (role.code, role.name) for role in roles
        ]


class RegenerateForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Replace my edits with a roadmap computed from the answers"), required=True
    )
