from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from assessment.models import (
    ANSWER_COMMENT_MAX_LENGTH,
    ComponentStatus,
    FocusWeight,
    Membership,
    MLSolution,
    Organisation,
    Response,
)
from assessment.services import MAX_PEOPLE, AnswerValues, ComponentValues, RoleValues
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
    """How much each side cares about each focus area: a choice per focus area
    and side (statistics, IT), as the report contrasts them (line 149)."""

    def __init__(self, *args, focus_areas, weights: dict[str, dict[str, int]], **kwargs):
        super().__init__(*args, **kwargs)
        self.focus_areas = list(focus_areas)
        for area in self.focus_areas:
            for side, side_label in FocusWeight.Side.choices:
                self.fields[f"{side}-{area.code}"] = forms.TypedChoiceField(
                    label=_("%(area)s, %(side)s") % {"area": area.name, "side": side_label},
                    choices=FocusWeight.Weight.choices,
                    coerce=int,
                    initial=weights.get(side, {}).get(area.code, FocusWeight.Weight.MEDIUM),
                )

    def rows(self):
        """Per focus area: the area and its field for each side, for a table."""
        return [
            (area, [self[f"{side}-{area.code}"] for side in FocusWeight.Side.values])
            for area in self.focus_areas
        ]

    def weights(self) -> dict[str, dict[str, int]]:
        return {
            side: {area.code: self.cleaned_data[f"{side}-{area.code}"] for area in self.focus_areas}
            for side in FocusWeight.Side.values
        }


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
        max_length=ANSWER_COMMENT_MAX_LENGTH,
        error_messages={
            "max_length": _(
                "Not saved: a comment can have at most %(limit_value)d characters and this one "
                "has %(show_value)d. Nothing was cut; shorten it to save it."
            )
        },
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
        # No maxlength on the comment: the browser would cut a pasted text
        # without a word. A counter (static/js/questionnaire.js) shows the
        # limit instead, and the server refuses longer text with a message.
        comment = self.fields["comment"].widget.attrs
        del comment["maxlength"]
        comment["data-maxlength"] = ANSWER_COMMENT_MAX_LENGTH
        comment["data-counter-text"] = _("%(count)s of %(limit)s characters")
        comment["data-over-text"] = _("%(count)s of %(limit)s characters: too long to save")

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


# ---------------------------------------------------------------- inventory


class MLSolutionForm(forms.Form):
    """One ML solution; the choices come from the assessment's framework."""

    name = forms.CharField(label=_("Name"), max_length=200)
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    phase_code = forms.ChoiceField(label=_("GSBPM phase"))
    subprocess_code = forms.ChoiceField(
        label=_("GSBPM sub-process"),
        required=False,
        help_text=_("Optional; it must belong to the phase chosen above."),
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=MLSolution.Stage.choices)
    method = forms.ChoiceField(label=_("Method family"), choices=MLSolution.Method.choices)
    run_by = forms.CharField(
        label=_("Run by"),
        max_length=200,
        required=False,
        help_text=_("A unit of the operating structure (the hub, a spoke, the centre) or a team."),
    )
    component_codes = forms.MultipleChoiceField(
        label=_("Components it uses"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, vocabulary, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase_code"].choices = [
            (code, f"{code} {name}") for code, name in vocabulary.phases
        ]
        groups: dict[str, list] = {}
        for code, name, phase in vocabulary.subprocesses:
            groups.setdefault(phase, []).append((code, f"{code} {name}"))
        self.fields["subprocess_code"].choices = [
            ("", _("Not given")),
            *[
                (f"{code} {vocabulary.name('phases', code)}", groups[code])
                for code, _name in vocabulary.phases
                if code in groups
            ],
        ]
        self.fields["component_codes"].choices = [
            (code, f"{code} {name}") for code, name in vocabulary.components
        ]


class ComponentStatusForm(forms.Form):
    """What the office has of every component, one row each."""

    def __init__(self, *args, vocabulary, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = [code for code, _name in vocabulary.components]
        self.names = dict(vocabulary.components)
        for code in self.codes:
            stored = statuses.get(code)
            self.fields[f"{code}-status"] = forms.ChoiceField(
                label=_("Status"),
                required=False,
                choices=[("", _("Not said")), *ComponentStatus.Status.choices],
                initial=stored.status if stored else "",
            )
            self.fields[f"{code}-tools"] = forms.CharField(
                label=_("Tools"),
                max_length=300,
                required=False,
                initial=stored.tools if stored else "",
            )
            self.fields[f"{code}-shared"] = forms.BooleanField(
                label=_("Shared with the rest of IT"),
                required=False,
                initial=stored.shared_with_it if stored else False,
            )

    def rows(self):
        for code in self.codes:
            yield (
                code,
                self.names[code],
                self[f"{code}-status"],
                self[f"{code}-tools"],
                self[f"{code}-shared"],
            )

    def values(self) -> dict[str, ComponentValues]:
        data = self.cleaned_data
        return {
            code: ComponentValues(
                status=data[f"{code}-status"],
                tools=data[f"{code}-tools"],
                shared_with_it=data[f"{code}-shared"],
            )
            for code in self.codes
        }


class RoleStatusForm(forms.Form):
    """How far the office has the people for every role, one row each."""

    def __init__(self, *args, vocabulary, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = [code for code, _name in vocabulary.roles]
        self.names = dict(vocabulary.roles)
        for code in self.codes:
            stored = statuses.get(code)
            for key, label in (("held", _("People holding it")), ("needed", _("People needed"))):
                self.fields[f"{code}-{key}"] = forms.IntegerField(
                    label=label,
                    required=False,
                    min_value=0,
                    max_value=MAX_PEOPLE,
                    initial=getattr(stored, key) if stored else None,
                    widget=forms.NumberInput(attrs={"class": "count"}),
                )
            self.fields[f"{code}-hard"] = forms.BooleanField(
                label=_("Hard to recruit or keep"),
                required=False,
                initial=stored.hard_to_fill if stored else False,
            )

    def rows(self):
        for code in self.codes:
            yield (
                code,
                self.names[code],
                self[f"{code}-held"],
                self[f"{code}-needed"],
                self[f"{code}-hard"],
            )

    def values(self) -> dict[str, RoleValues]:
        data = self.cleaned_data
        return {
            code: RoleValues(
                held=data[f"{code}-held"],
                needed=data[f"{code}-needed"],
                hard_to_fill=data[f"{code}-hard"],
            )
            for code in self.codes
        }
