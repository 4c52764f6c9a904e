from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from assessment.models import FocusWeight, Membership, Organisation, Response
from assessment.services import AnswerValues
from capabilities.models import Framework
from capabilities.selectors import profile_options
from config.form_renderer import PythonWidgetRenderer

NOT_APPLICABLE, DONT_KNOW = "na", "dk"


class OrganisationForm(forms.ModelForm):
    structure_code = forms.ChoiceField(
        label=_("Operating structure for ML"),
        required=False,
        help_text=_("How ML work is organised today. This is recorded, not scored."),
    )
    deliverable_codes = forms.MultipleChoiceField(
        label=_("What its ML work delivers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = Organisation.PROFILE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = profile_options()
        self.fields["structure_code"].choices = [
            ("", _("Not decided yet")),
            *options.structures.items(),
        ]
        self.fields["deliverable_codes"].choices = list(options.deliverables.items())


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.EDITOR
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class SignupForm(UserCreationForm):
    """An account for the invited address: the email is the invitation's, not
    typed, so that joining through a forwarded link cannot choose another."""

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username",)

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        # Set before validation, so the password is also compared with it.
        self.instance.email = email


class AssessmentStartForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    framework = forms.ModelChoiceField(
        label=_("Framework"), queryset=Framework.objects.none(), empty_label=None
    )
    respondents = forms.ModelMultipleChoiceField(
        label=_("Who answers"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Owners and editors of the organisation. Each fills in their own answers."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = Framework.objects.filter(
            status=Framework.Status.PUBLISHED
        ).order_by("slug", "-version")
        self.fields["respondents"].queryset = (
            get_user_model()
            .objects.filter(
                memberships__organisation=organisation,
                memberships__role__in=Membership.WRITER_ROLES,
            )
            .order_by("username")
        )


class AssessmentCopyForm(forms.Form):
    title = forms.CharField(label=_("Title of the new assessment"), max_length=200)


class PerspectiveForm(forms.ModelForm):
    class Meta:
        model = Response
        fields = ["perspective"]
        labels = {"perspective": _("I answer from the perspective of")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perspective"].required = True


class FocusWeightsForm(forms.Form):
    """One radio group per focus area of the framework."""

    def __init__(self, *args, focus_areas, weights: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for area in focus_areas:
            self.fields[area.code] = forms.TypedChoiceField(
                label=area.name,
                help_text=area.description,
                choices=FocusWeight.Weight.choices,
                coerce=int,
                widget=forms.RadioSelect,
                initial=weights.get(area.code, FocusWeight.Weight.MEDIUM),
            )


class AnswerForm(forms.Form):
    """One question: current level (or N/A, don't know), target, comment, evidence.

    Hidden initial values let a whole-page post save only what the respondent
    touched, so an untouched question never conflicts with a change made
    elsewhere.
    """

    # A section page draws dozens of these widgets: in Python, not templates.
    default_renderer = PythonWidgetRenderer

    current = forms.ChoiceField(required=False, widget=forms.RadioSelect, show_hidden_initial=True)
    target = forms.ChoiceField(required=False, widget=forms.RadioSelect, show_hidden_initial=True)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        show_hidden_initial=True,
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        show_hidden_initial=True,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    # The version of the answer the page showed; 0 when it showed no answer.
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput, initial=0, required=False)

    def __init__(self, *args, levels, **kwargs):
        super().__init__(*args, **kwargs)
        level_choices = [(str(level.rank), level.name) for level in levels]
        self.fields["current"].choices = level_choices + [
            (NOT_APPLICABLE, _("Not applicable")),
            (DONT_KNOW, _("Don't know")),
        ]
        self.fields["target"].choices = level_choices
        # Tie the text fields to the messages the autosave puts next to them.
        for name in ("comment", "evidence_url"):
            self.fields[name].widget.attrs["aria-describedby"] = f"errors-{self.prefix}-{name}"

    @staticmethod
    def initial_for(answer) -> dict:
        if answer is None:
            return {"version": 0}
        current = (
            NOT_APPLICABLE
            if answer.not_applicable
            else DONT_KNOW
            if answer.dont_know
            else str(answer.current or "")
        )
        return {
            "current": current,
            "target": str(answer.target or ""),
            "comment": answer.comment,
            "evidence_url": answer.evidence_url,
            "version": answer.version,
        }

    def clean(self):
        cleaned = super().clean()
        cleaned["version"] = cleaned.get("version") or 0
        current, target = cleaned.get("current"), cleaned.get("target")
        if current in (NOT_APPLICABLE, DONT_KNOW):
            cleaned["target"] = ""  # nothing to aim for on a question that does not apply
        elif current and target and int(target) < int(current):
            self.add_error("target", _("The target level cannot be below the current level."))
        return cleaned

    def values(self) -> AnswerValues:
        data = self.cleaned_data
        current = data.get("current") or ""
        return AnswerValues(
            current=int(current) if current.isdigit() else None,
            target=int(data["target"]) if data.get("target") else None,
            not_applicable=current == NOT_APPLICABLE,
            dont_know=current == DONT_KNOW,
            comment=data.get("comment", "").strip(),
            evidence_url=data.get("evidence_url", ""),
        )

    def touched(self) -> bool:
        return any(
            name in self.changed_data for name in ("current", "target", "comment", "evidence_url")
        )
