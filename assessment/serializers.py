"""What the API reads and writes for organisations, assessments and answers.

Input serializers check the shape of a request (types, lengths, choices) and
put it in the terms of a service; the rules themselves (levels in range, a
target not below the current level, who may answer) stay in services.py.
"""

from __future__ import annotations

from collections import Counter

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessment.models import (
    ANSWER_COMMENT_MAX_LENGTH,
    Assessment,
    ComponentStatus,
    FocusWeight,
    MLSolution,
    Organisation,
)
from assessment.selectors import focus_weights_by_side
from assessment.services import MAX_PEOPLE, AnswerItem, AnswersNotSaved, AnswerValues
from capabilities.selectors import profile_options
from capabilities.serializers import ErrorSerializer

# ---------------------------------------------------------------- token


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text='Send it as the header "Authorization: Token <token>".')


# ---------------------------------------------------------------- organisations


class OrganisationSerializer(serializers.Serializer):
    """An organisation as its member sees it; built from their membership."""

    id = serializers.IntegerField(source="organisation.pk")
    name = serializers.CharField(source="organisation.name")
    country = serializers.CharField(source="organisation.country")
    kind = serializers.ChoiceField(source="organisation.kind", choices=Organisation.Kind.choices)
    size = serializers.CharField(source="organisation.size")
    region = serializers.CharField(source="organisation.region")
    structure_code = serializers.CharField(source="organisation.structure_code")
    deliverable_codes = serializers.ListField(
        source="organisation.deliverable_codes", child=serializers.CharField()
    )
    created_at = serializers.DateTimeField(source="organisation.created_at")
    role = serializers.CharField(help_text="The caller's role: owner, editor or viewer.")


class OrganisationCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    country = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    kind = serializers.ChoiceField(
        choices=Organisation.Kind.choices, required=False, default=Organisation.Kind.NSO
    )
    size = serializers.ChoiceField(
        choices=Organisation.Size.choices, required=False, default="", allow_blank=True
    )
    region = serializers.ChoiceField(
        choices=Organisation.Region.choices,
        required=False,
        default="",
        allow_blank=True,
        help_text="The world region (UN M49 regions, the Americas in two), or empty.",
    )
    structure_code = serializers.CharField(
        max_length=32,
        required=False,
        default="",
        allow_blank=True,
        help_text="How ML work is organised: a structure code of the newest published "
        "framework (see /api/frameworks/), or empty for not decided yet.",
    )
    deliverable_codes = serializers.ListField(
        child=serializers.CharField(max_length=32),
        required=False,
        default=list,
        max_length=50,
        help_text="What its ML work delivers: deliverable codes of the newest published framework.",
    )

    def validate_structure_code(self, value: str) -> str:
        if not value:
            return value
        known = list(profile_options().structures)
        if value not in known:
            raise serializers.ValidationError(
                _(
                    "“%(code)s” is not an operating structure of the framework; choose one of: "
                    "%(known)s."
                )
                % {"code": value, "known": ", ".join(known) or _("none")}
            )
        return value

    def validate_deliverable_codes(self, value: list[str]) -> list[str]:
        known = list(profile_options().deliverables)
        unknown = [code for code in value if code not in known]
        if unknown:
            raise serializers.ValidationError(
                _("Not deliverables of the framework: %(unknown)s. Choose from: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(known) or _("none")}
            )
        return list(dict.fromkeys(value))


# ---------------------------------------------------------------- assessments


class FrameworkRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    version = serializers.IntegerField()
    name = serializers.CharField()


class AssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Assessment.Status.choices)
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField(source="organisation.name")
    framework = FrameworkRefSerializer()
    previous = serializers.IntegerField(
        source="previous_id", allow_null=True, help_text="The assessment it was started from."
    )
    created_by = serializers.CharField(source="created_by.username", allow_null=True)
    created_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, assessment) -> str:
        path = reverse("api_assessment_detail", args=[assessment.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class RespondentSerializer(serializers.Serializer):
    respondent = serializers.CharField(source="response.respondent.username")
    perspective = serializers.CharField(source="response.perspective")
    submitted_at = serializers.DateTimeField(source="response.submitted_at", allow_null=True)
    answered = serializers.IntegerField()
    total = serializers.IntegerField()


class FocusWeightsSerializer(serializers.Serializer):
    statistics = serializers.DictField(
        child=serializers.ChoiceField(choices=FocusWeight.Weight.choices),
        help_text="Focus area code: weight, for the statistics (business) side.",
    )
    it = serializers.DictField(
        child=serializers.ChoiceField(choices=FocusWeight.Weight.choices),
        help_text="Focus area code: weight, for the IT side.",
    )


class AssessmentDetailSerializer(AssessmentSerializer):
    respondents = serializers.SerializerMethodField(
        help_text="Who answers, and how far each has got."
    )
    focus_weights = serializers.SerializerMethodField(
        help_text="Per side (statistics, it), focus area code: how much that side of the "
        "organisation cares (0 not at all, 1 a little, 2 moderately, 3 very much). Each "
        "respondent's gaps are ordered with their side's weights; never changes the level "
        "or the score."
    )

    @extend_schema_field(RespondentSerializer(many=True))
    def get_respondents(self, assessment) -> list:
        rows = [
            {"response": response, "answered": answered, "total": total}
            for response, answered, total in self.context["progress"]
        ]
        return RespondentSerializer(rows, many=True).data

    @extend_schema_field(FocusWeightsSerializer)
    def get_focus_weights(self, assessment) -> dict:
        return focus_weights_by_side(assessment)


class AssessmentFilterSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(
        required=False, min_value=1, help_text="Only this organisation's assessments."
    )
    status = serializers.ChoiceField(choices=Assessment.Status.choices, required=False)


class AssessmentCreateSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(min_value=1, help_text="You must be its owner.")
    title = serializers.CharField(max_length=200)
    framework = serializers.SlugField(
        max_length=80, help_text="Slug of a published framework (see /api/frameworks/)."
    )
    framework_version = serializers.IntegerField(
        min_value=1, required=False, help_text="Default: the newest published version."
    )
    respondents = serializers.ListField(
        child=serializers.CharField(max_length=150),
        required=False,
        max_length=200,
        help_text="Usernames of the owners and editors who answer. Default: you.",
    )


# ---------------------------------------------------------------- answers


class AnswerSerializer(serializers.Serializer):
    question = serializers.CharField(source="question.code")
    current = serializers.IntegerField(allow_null=True, help_text="Level rank, or null.")
    target = serializers.IntegerField(allow_null=True, help_text="Level rank, or null.")
    not_applicable = serializers.BooleanField()
    dont_know = serializers.BooleanField()
    comment = serializers.CharField()
    evidence_url = serializers.CharField()
    carried_over = serializers.BooleanField(
        help_text="Copied from an earlier assessment and not yet confirmed."
    )
    version = serializers.IntegerField(
        help_text="Send it back as `version` with the next save; 0 when nothing is stored."
    )
    updated_at = serializers.DateTimeField(allow_null=True)
    updated_by = serializers.CharField(source="updated_by.username", allow_null=True)


class AnswerInputSerializer(serializers.Serializer):
    """One answer. Fields left out are cleared: the answer is replaced as a whole."""

    current = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text="Where you are now: a level rank (see the framework's levels).",
    )
    target = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text="Where you aim to be; not below current. Null: stay at the current level.",
    )
    not_applicable = serializers.BooleanField(required=False, default=False)
    dont_know = serializers.BooleanField(required=False, default=False)
    comment = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=ANSWER_COMMENT_MAX_LENGTH
    )
    evidence_url = serializers.URLField(
        required=False, default="", allow_blank=True, max_length=500
    )
    version = serializers.IntegerField(
        min_value=0,
        help_text="The version of the answer you based this on (0 if you saw none). "
        "If it changed elsewhere since, nothing is saved and you get 409 with the "
        "stored answer.",
    )


def answer_values(data: dict) -> AnswerValues:
    """The validated fields of one answer, in the service's terms."""
    return AnswerValues(
        current=data["current"],
        target=data["target"],
        not_applicable=data["not_applicable"],
        dont_know=data["dont_know"],
        comment=data["comment"],  # trimmed by the CharField, as the page's form does
        evidence_url=data["evidence_url"],
    )


class AnswerBulkItemSerializer(AnswerInputSerializer):
    question = serializers.CharField(max_length=32, help_text="Question code, e.g. DEV-01.")


class AnswerItemsField(serializers.ListField):
    """The items of a bulk save, as the service's AnswerItems.

    An invalid item is a problem of its question, so, as the service does
    for what it finds, the problems are listed by question code (by
    ``answers[position]`` for an item without a usable code) and nothing is
    saved (AnswersNotSaved).
    """

    child = AnswerBulkItemSerializer()

    def run_child_validation(self, data: list) -> list[AnswerItem]:
        items, errors = [], {}
        for position, raw in enumerate(data):
            try:
                item = self.child.run_validation(raw)
            except serializers.ValidationError as error:
                code = raw.get("question") if isinstance(raw, dict) else None
                usable = isinstance(code, str) and code and code not in errors
                errors[code if usable else f"answers[{position}]"] = error.detail
                continue
            items.append(AnswerItem(item["question"], answer_values(item), item["version"]))
        if errors:
            raise AnswersNotSaved(errors, total=len(data), invalid_input=True)
        return items


class AnswerBulkSerializer(serializers.Serializer):
    answers = AnswerItemsField(allow_empty=False, max_length=1000)

    def validate_answers(self, items: list[AnswerItem]) -> list[AnswerItem]:
        counts = Counter(item.question_code for item in items)
        twice = sorted(code for code, count in counts.items() if count > 1)
        if twice:
            raise serializers.ValidationError(
                _("Each question may appear once; more than once: %(codes)s.")
                % {"codes": ", ".join(twice)}
            )
        return items


class AnswerConflictSerializer(ErrorSerializer):
    """409: nothing was saved."""

    code = serializers.CharField(
        help_text="changed: the answer changed elsewhere since your version (see current); "
        "to overwrite it, save again based on its version. locked: the response is "
        "submitted or the assessment complete.",
    )
    current = AnswerSerializer(
        required=False, help_text="The answer as stored now (version 0: nothing stored)."
    )


class AnswerBulkResultSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True)


class AnswerBulkErrorSerializer(ErrorSerializer):
    """Nothing was saved; what to fix, per question."""

    code = serializers.CharField(
        help_text="invalid: some answers are invalid (400). changed: some answers changed "
        "elsewhere, nothing else is wrong (409). locked: the response is submitted or the "
        "assessment complete (409).",
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Question code and field (DEV-01.target; answers[position].field when an "
        "item has no usable code; answers for the list itself): messages.",
    )
    current = serializers.DictField(
        child=AnswerSerializer(),
        required=False,
        help_text="Question code: the answer as stored now, for each that changed elsewhere.",
    )


# ---------------------------------------------------------------- submitting


class SubmittedSerializer(serializers.Serializer):
    respondent = serializers.CharField(source="respondent.username")
    submitted_at = serializers.DateTimeField()
    assessment_status = serializers.CharField(
        source="assessment.status",
        help_text="open, or complete once every respondent has submitted.",
    )


class SubmitConflictSerializer(ErrorSerializer):
    """409: not submitted."""

    code = serializers.CharField(
        help_text="locked: already submitted, or the assessment is complete. incomplete: some "
        "questions still need an answer (see missing, unconfirmed).",
    )
    missing = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Codes of unanswered questions."
    )
    unconfirmed = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Codes of carried-over answers not yet confirmed.",
    )


# ---------------------------------------------------------------- inventory


class MLSolutionSerializer(serializers.Serializer):
    """One ML solution; codes are the assessment's framework's."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=200)
    purpose = serializers.CharField(required=False, allow_blank=True, default="")
    phase_code = serializers.CharField(max_length=32, help_text="GSBPM phase code, such as 5.")
    subprocess_code = serializers.CharField(
        max_length=32,
        required=False,
        allow_blank=True,
        default="",
        help_text="GSBPM sub-process code of that phase, such as 5.2; empty when not given.",
    )
    stage = serializers.ChoiceField(choices=MLSolution.Stage.values)
    method = serializers.ChoiceField(choices=MLSolution.Method.values)
    run_by = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="A unit of the operating structure, or whoever runs it.",
    )
    component_codes = serializers.ListField(
        child=serializers.CharField(max_length=32),
        required=False,
        default=list,
        max_length=100,
        help_text="Codes of the framework components it uses.",
    )
    carried_over = serializers.BooleanField(
        read_only=True, help_text="Copied from the earlier assessment, not saved again since."
    )


class MLSolutionListSerializer(serializers.Serializer):
    solutions = MLSolutionSerializer(many=True, max_length=2000)


class ComponentStatusSerializer(serializers.Serializer):
    code = serializers.CharField(source="component_code", max_length=32)
    # Text, not a choice: the schema has other "status" enums, and the
    # service checks the value (and says which ones it takes).
    status = serializers.CharField(
        max_length=10,
        allow_blank=True,
        help_text=", ".join(ComponentStatus.Status.values) + "; empty removes what was said.",
    )
    tools = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    shared_with_it = serializers.BooleanField(required=False, default=False)
    carried_over = serializers.BooleanField(read_only=True)


class ComponentStatusListSerializer(serializers.Serializer):
    components = ComponentStatusSerializer(many=True, max_length=200)


class RoleStatusSerializer(serializers.Serializer):
    code = serializers.CharField(source="role_code", max_length=32)
    held = serializers.IntegerField(
        min_value=0,
        max_value=MAX_PEOPLE,
        required=False,
        allow_null=True,
        default=None,
        help_text="Roughly how many people hold the role; null when not known.",
    )
    needed = serializers.IntegerField(
        min_value=0,
        max_value=MAX_PEOPLE,
        required=False,
        allow_null=True,
        default=None,
        help_text="Roughly how many people the office needs in it; null when not known.",
    )
    hard_to_fill = serializers.BooleanField(
        required=False, default=False, help_text="Hard to recruit or keep."
    )
    carried_over = serializers.BooleanField(read_only=True)


class RoleStatusListSerializer(serializers.Serializer):
    roles = RoleStatusSerializer(many=True, max_length=200)


class InventorySerializer(serializers.Serializer):
    """What the office has: ``assessment.selectors.inventory_read``."""

    solutions = MLSolutionSerializer(many=True)
    components = serializers.SerializerMethodField()
    roles = serializers.SerializerMethodField()

    @extend_schema_field(ComponentStatusSerializer(many=True))
    def get_components(self, inventory) -> list:
        return ComponentStatusSerializer(list(inventory.components.values()), many=True).data

    @extend_schema_field(RoleStatusSerializer(many=True))
    def get_roles(self, inventory) -> list:
        return RoleStatusSerializer(list(inventory.roles.values()), many=True).data
