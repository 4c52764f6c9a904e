"""The benchmark as plain numbers, for the API: ``benchmark_build``, as on the page."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessment.models import Organisation
from benchmark.aggregate import Filters
from benchmark.selectors import filter_choices


class PeerGroupQuerySerializer(serializers.Serializer):
    """The peer group: each filter empty or left out is any value."""

    kind = serializers.ChoiceField(
        choices=Organisation.Kind.choices, required=False, allow_blank=True
    )
    size = serializers.ChoiceField(
        choices=Organisation.Size.choices, required=False, allow_blank=True
    )
    region = serializers.ChoiceField(
        choices=Organisation.Region.choices, required=False, allow_blank=True
    )
    # Not a ChoiceField: the structures are data of the framework, and the
    # schema is built (also by a system check) without reading the database.
    structure = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text="An operating structure code of the newest published framework "
        "(see /api/frameworks/).",
    )

    def validate_structure(self, value: str) -> str:
        choices = self.context.get("choices") or filter_choices()
        if value and value not in dict(choices["structure"]):
            raise serializers.ValidationError(
                _("“%(value)s” is not an operating structure of the framework.") % {"value": value}
            )
        return value

    def filters(self) -> Filters:
        return Filters(**{name: self.validated_data.get(name) or "" for name in self.fields})


class GroupSerializer(serializers.Serializer):
    kind = serializers.CharField(source="filters.kind")
    size = serializers.CharField(source="filters.size")
    region = serializers.CharField(source="filters.region")
    structure = serializers.CharField(source="filters.structure")
    label = serializers.CharField()
    offices = serializers.IntegerField(source="size", help_text="Contributing organisations.")


class LevelCountSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    name = serializers.CharField()
    offices = serializers.IntegerField()


class DistributionSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="principle, component or section (a topic).")
    code = serializers.CharField()
    name = serializers.CharField()
    offices = serializers.IntegerField(
        source="distribution.count",
        allow_null=True,
        help_text="Organisations of the group with a score here; null (and every figure "
        "null) when fewer than the minimum.",
    )
    p10 = serializers.FloatField(source="distribution.low", allow_null=True)
    q1 = serializers.FloatField(source="distribution.q1", allow_null=True)
    median = serializers.FloatField(source="distribution.median", allow_null=True)
    q3 = serializers.FloatField(source="distribution.q3", allow_null=True)
    p90 = serializers.FloatField(source="distribution.high", allow_null=True)
    own = serializers.FloatField(
        source="distribution.own", allow_null=True, help_text="This assessment's score."
    )


class BehindSerializer(serializers.Serializer):
    question = serializers.CharField(source="row.code")
    text = serializers.CharField()
    own = serializers.FloatField(source="row.own")
    median = serializers.FloatField(source="row.median", help_text="The group's median.")
    difference = serializers.FloatField(source="row.difference")


class FiguresSerializer(serializers.Serializer):
    offices = serializers.IntegerField(source="size")
    others = serializers.IntegerField(help_text="The group without this organisation.")
    ahead = serializers.IntegerField(
        allow_null=True,
        help_text="Others whose profile score is lower than this assessment's; null when "
        "it has none.",
    )


class GroupAskedSerializer(serializers.Serializer):
    kind = serializers.CharField()
    size = serializers.CharField()
    region = serializers.CharField()
    structure = serializers.CharField()
    label = serializers.CharField()


class BenchmarkSerializer(serializers.Serializer):
    """A ``benchmark.selectors.BenchmarkReport``."""

    assessment = serializers.IntegerField(source="assessment.pk")
    minimum_group = serializers.IntegerField(
        source="minimum", help_text="No figure is given for a smaller group."
    )
    group = serializers.SerializerMethodField()
    shown = serializers.BooleanField(
        help_text="False: the group is too small, or would single out offices beside the "
        "groups shown; then no figure at all is given."
    )
    levels = serializers.ListField(
        child=serializers.CharField(), source="level_names", help_text="Level names, by rank."
    )
    own_level = serializers.IntegerField(source="own.level", allow_null=True)
    own_profile_score = serializers.FloatField(source="own.score", allow_null=True)
    contributes = serializers.BooleanField(
        source="counted", help_text="This assessment is its organisation's counted contribution."
    )
    groups_like_yours = GroupSerializer(many=True)
    figures = serializers.SerializerMethodField()
    level_counts = serializers.SerializerMethodField()
    dimensions = serializers.SerializerMethodField()
    behind = serializers.SerializerMethodField()

    @extend_schema_field(GroupAskedSerializer)
    def get_group(self, report) -> dict:
        return {**report.filters.__dict__, "label": report.group_label}

    @extend_schema_field(FiguresSerializer(allow_null=True))
    def get_figures(self, report) -> dict | None:
        return FiguresSerializer(report.benchmark).data if report.shown else None

    @extend_schema_field(LevelCountSerializer(many=True))
    def get_level_counts(self, report) -> list[dict]:
        if not report.shown:
            return []
        rows = [
            {"level": rank, "name": name, "offices": count}
            for rank, (name, count, _mine) in enumerate(report.level_rows, start=1)
        ]
        return LevelCountSerializer(rows, many=True).data

    @extend_schema_field(DistributionSerializer(many=True))
    def get_dimensions(self, report) -> list[dict]:
        if not report.shown:
            return []
        rows = [
            {"kind": kind, "code": d.code, "name": name, "distribution": d}
            for kind, _heading, table in report.dimension_tables
            for name, d in table
        ]
        return DistributionSerializer(rows, many=True).data

    @extend_schema_field(BehindSerializer(many=True))
    def get_behind(self, report) -> list[dict]:
        if not report.shown:
            return []
        rows = [{"text": text, "row": row} for text, row in report.behind_rows]
        return BehindSerializer(rows, many=True).data
