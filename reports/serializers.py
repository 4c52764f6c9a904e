"""Results and roadmap as plain numbers, for the API.

The results come from ``reports.results.results_build``, the same report the
results page shows; nothing is computed here.
"""

from __future__ import annotations

from dataclasses import asdict

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from capabilities.serializers import ErrorSerializer
from reports.models import RoadmapEntry


class OverallSerializer(serializers.Serializer):
    score = serializers.FloatField(
        source="results.overall.score",
        allow_null=True,
        help_text="Mean level of all questions with a level; null when none has one.",
    )
    level = serializers.IntegerField(
        source="results.overall.level",
        allow_null=True,
        help_text="The highest level the score reaches (2.7 is level 2).",
    )
    level_name = serializers.CharField(source="overall_name", allow_null=True)
    answered = serializers.IntegerField(
        source="results.overall.levelled", help_text="Questions with a level."
    )
    not_applicable = serializers.IntegerField(source="results.overall.not_applicable")
    dont_know = serializers.IntegerField(source="results.overall.dont_know")
    unanswered = serializers.IntegerField(source="results.overall.unanswered")
    low_coverage = serializers.BooleanField(
        source="results.overall.low_coverage",
        help_text="Fewer than half of the applicable questions have a level: indicative only.",
    )


class DimensionSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text="principle, component or section (a topic of the questionnaire)."
    )
    code = serializers.CharField()
    name = serializers.CharField()
    current = serializers.FloatField(allow_null=True)
    target = serializers.FloatField(allow_null=True)
    gap = serializers.FloatField(allow_null=True)
    answered = serializers.IntegerField(source="levelled", help_text="Questions with a level.")
    not_applicable = serializers.IntegerField()
    dont_know = serializers.IntegerField()
    unanswered = serializers.IntegerField()


class QuestionGapSerializer(serializers.Serializer):
    question = serializers.CharField()
    text = serializers.CharField()
    section = serializers.CharField()
    current = serializers.FloatField()
    target = serializers.FloatField()
    gap = serializers.FloatField()
    weight = serializers.FloatField()
    focus_factor = serializers.FloatField()
    priority = serializers.FloatField(help_text="gap × focus factor × weight.")
    capabilities = serializers.ListField(
        child=serializers.CharField(), help_text="Codes of the capabilities the gap points to."
    )


class ResultsSerializer(serializers.Serializer):
    """A ``reports.results.ResultsReport`` without its charts."""

    assessment = serializers.IntegerField(source="assessment.pk")
    levels = serializers.ListField(
        child=serializers.CharField(), source="level_names", help_text="Level names, by rank."
    )
    respondents = serializers.IntegerField(
        source="data.respondents", help_text="Submitted responses the results are built from."
    )
    overall = OverallSerializer(source="*")
    dimensions = serializers.SerializerMethodField(
        help_text="Every principle, component and topic (section)."
    )
    gaps = serializers.SerializerMethodField(
        help_text="The largest gaps by question, highest priority first (as on the page)."
    )

    @extend_schema_field(DimensionSerializer(many=True))
    def get_dimensions(self, report) -> list:
        rows = [
            {**asdict(d), "name": report.data.name(d.kind, d.code)}
            for d in report.results.dimensions
        ]
        return DimensionSerializer(rows, many=True).data

    @extend_schema_field(QuestionGapSerializer(many=True))
    def get_gaps(self, report) -> list:
        rows = [{**asdict(gap), "text": text} for gap, text in report.question_gaps]
        return QuestionGapSerializer(rows, many=True).data


class RoadmapItemSerializer(serializers.Serializer):
    capability = serializers.CharField(source="capability_code")
    name = serializers.CharField()
    position = serializers.IntegerField()
    phase = serializers.IntegerField()
    priority = serializers.FloatField()
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text="Codes of the gap questions that put it here."
    )
    needs = serializers.ListField(
        child=serializers.CharField(),
        help_text="Codes of the capabilities on the roadmap it needs first.",
    )
    roles = serializers.ListField(child=serializers.CharField(), help_text="Role codes.")
    effort = serializers.CharField()
    deliverable = serializers.CharField(source="deliverable_code")
    typical_owner = serializers.CharField(
        help_text="Who typically owns it in the organisation's operating structure."
    )
    owner_role = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    status = serializers.CharField(
        help_text=", ".join(RoadmapEntry.Status.values) + "; set by the owner."
    )
    notes = serializers.CharField()


class RoadmapSerializer(serializers.Serializer):
    """A ``reports.roadmap_view.RoadmapView``, as the roadmap page shows it."""

    assessment = serializers.IntegerField(source="assessment_id")
    saved = serializers.BooleanField(
        help_text="true: the owner's edited roadmap, kept as edited; false: computed from "
        "the answers now."
    )
    generated_at = serializers.DateTimeField(allow_null=True)
    edited_at = serializers.DateTimeField(allow_null=True)
    items = RoadmapItemSerializer(many=True)


class RoadmapCycleSerializer(ErrorSerializer):
    """409: no roadmap can be drawn; the API's error shape, with the cycle."""

    detail = serializers.CharField(source="error")
    code = serializers.SerializerMethodField()
    cycle = serializers.ListField(
        child=serializers.CharField(), help_text="The capability codes that form the cycle."
    )

    def get_code(self, roadmap) -> str:
        return "cycle"
