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


class CriterionSerializer(serializers.Serializer):
    question = serializers.CharField()
    text = serializers.CharField()
    level = serializers.IntegerField(help_text="The level (rank) the criterion belongs to.")
    level_name = serializers.CharField()
    met = serializers.BooleanField()
    status = serializers.CharField(
        help_text="levelled, not_applicable, dont_know, unanswered or not_asked (the "
        "question is not in this framework version)."
    )
    current = serializers.FloatField(allow_null=True, help_text="Combined current level.")
    descriptor = serializers.CharField(help_text="What the level asks of this question.")
    not_applicable_allowed = serializers.BooleanField()


class StructureFitSerializer(serializers.Serializer):
    structure = serializers.CharField(help_text="The organisation's operating structure.")
    fits = serializers.BooleanField(help_text="Whether it is typical of the office's level.")
    typical_of = serializers.ListField(child=serializers.CharField(), help_text="Level names.")
    next_level_name = serializers.CharField(allow_null=True)
    typical_next = serializers.ListField(
        child=serializers.CharField(), help_text="Structures typical of the next level."
    )


class OverallSerializer(serializers.Serializer):
    level = serializers.IntegerField(
        source="results.overall.level",
        allow_null=True,
        help_text="The maturity level (rank). Staged: the highest level whose criteria, and "
        "those of every level below, are all met; see rule. Null with no level at all.",
    )
    level_name = serializers.CharField(source="overall_name", allow_null=True)
    rule = serializers.ChoiceField(
        source="results.overall.rule",
        choices=["staged", "profile"],
        help_text="staged: by the level criteria; profile: the framework version has none, "
        "so the level is the highest the profile score reaches.",
    )
    criteria_version = serializers.IntegerField(
        source="data.criteria_version",
        allow_null=True,
        help_text="Set when this framework version has no criteria of its own and those of "
        "that version are applied by question code.",
    )
    profile_score = serializers.FloatField(
        source="results.overall.score",
        allow_null=True,
        help_text="Mean current level of all questions with a level; describes the profile, "
        "does not decide the level. Null when no question has a level.",
    )
    score = serializers.FloatField(
        source="results.overall.score",
        allow_null=True,
        help_text="The profile score, under its earlier name.",
    )
    next_level = serializers.IntegerField(source="results.overall.next_level", allow_null=True)
    next_level_name = serializers.CharField(allow_null=True)
    next_level_unmet = CriterionSerializer(
        many=True, help_text="What stands between the office and the next level."
    )
    criteria = CriterionSerializer(many=True, help_text="Every criterion of every level.")
    structure_fit = StructureFitSerializer(allow_null=True)
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


class NotApplicableSerializer(serializers.Serializer):
    question = serializers.CharField()
    text = serializers.CharField()
    respondent = serializers.CharField()
    reason = serializers.CharField(
        help_text="Empty for answers given before a reason was required."
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
    by_side = serializers.DictField(
        child=serializers.FloatField(),
        help_text="Mean current level per side (statistics, it) over the questions both sides "
        "levelled; empty unless both did.",
    )


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


class SolutionRowSerializer(serializers.Serializer):
    name = serializers.CharField()
    purpose = serializers.CharField()
    phase_code = serializers.CharField()
    phase_name = serializers.CharField()
    subprocess_code = serializers.CharField()
    subprocess_name = serializers.CharField()
    stage = serializers.CharField()
    method = serializers.CharField()
    run_by = serializers.CharField()
    component_codes = serializers.ListField(child=serializers.CharField())


class ComponentRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    status = serializers.CharField(help_text="none, partly, in-place; empty when not said.")
    tools = serializers.CharField()
    shared_with_it = serializers.BooleanField()


class RoleRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    held = serializers.IntegerField(allow_null=True)
    needed = serializers.IntegerField(allow_null=True)
    hard_to_fill = serializers.BooleanField()
    lacking = serializers.BooleanField(help_text="Nobody holds it, or fewer than needed.")


class GsbpmMapSerializer(serializers.Serializer):
    phases = serializers.SerializerMethodField(help_text="Phase codes, the rows.")
    stages = serializers.SerializerMethodField(help_text="Stage codes, the columns.")
    counts = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="ML solutions per phase (row) and stage (column).",
    )

    def get_phases(self, inventory) -> list[str]:
        return [code for code, _name in inventory.phases]

    def get_stages(self, inventory) -> list[str]:
        return [code for code, _label in inventory.stages]


class InventoryReportSerializer(serializers.Serializer):
    """A ``reports.inventory_report.InventoryReport``: what the office has."""

    solutions = SolutionRowSerializer(many=True)
    gsbpm_map = GsbpmMapSerializer(source="*")
    components = ComponentRowSerializer(many=True)
    roles = RoleRowSerializer(many=True)


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
    inventory = InventoryReportSerializer(
        help_text="What the office has: where ML is used in the production process (the "
        "GSBPM map and the list), components in place, roles."
    )
    not_applicable_answers = serializers.SerializerMethodField(
        help_text="Submitted not-applicable answers and the reasons given."
    )

    @extend_schema_field(NotApplicableSerializer(many=True))
    def get_not_applicable_answers(self, report) -> list:
        rows = [{**asdict(row), "text": text} for row, text in report.not_applicable]
        return NotApplicableSerializer(rows, many=True).data

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
    position = serializers.IntegerField(
        help_text="The roadmap's order: nothing before what it needs, then priority."
    )
    phase = serializers.IntegerField(
        help_text="The quarter it starts in, counting the roadmap's first quarter as 1."
    )
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
    deliverable_name = serializers.CharField()
    typical_owner = serializers.CharField(
        help_text="Who typically owns it in the organisation's operating structure."
    )
    owner_role = serializers.CharField()
    start_date = serializers.DateField(help_text="The first day it runs.")
    end_date = serializers.DateField(help_text="The last day it runs.")
    dates_fixed = serializers.BooleanField(
        help_text="true: dates set by the owner, kept as they are; false: planned from the "
        "roadmap's start and capacity."
    )
    wait_reason = serializers.CharField(
        help_text="Why it starts later than what it needs allows; empty when it does not."
    )
    status = serializers.CharField(
        help_text=", ".join(RoadmapEntry.Status.values) + "; set by the owner."
    )
    notes = serializers.CharField()
    inventory_notes = serializers.ListField(
        child=serializers.CharField(),
        help_text="What the office's inventory says about it, such as the tools already "
        "in place and the smaller effort of adapting them.",
    )
    lacking_roles = serializers.ListField(
        child=serializers.CharField(), help_text="Codes of the roles involved the office lacks."
    )


class NotPlannedSerializer(serializers.Serializer):
    capability = serializers.CharField()
    name = serializers.CharField()
    note = serializers.CharField()


class SkillsGapSerializer(serializers.Serializer):
    role = serializers.CharField()
    name = serializers.CharField()
    detail = serializers.CharField(help_text="What the office has of the role.")
    capabilities = serializers.ListField(
        child=serializers.CharField(),
        help_text="Names of the capabilities of the first phases that need it.",
    )


class RoadmapSerializer(serializers.Serializer):
    """A ``reports.roadmap_view.RoadmapView``, as the roadmap page shows it."""

    assessment = serializers.IntegerField(source="assessment_id")
    saved = serializers.BooleanField(
        help_text="true: the owner's edited roadmap, kept as edited; false: computed from "
        "the answers now."
    )
    generated_at = serializers.DateTimeField(allow_null=True)
    edited_at = serializers.DateTimeField(allow_null=True)
    start_date = serializers.DateField(
        help_text="When the roadmap starts: the owner's setting, else the first day of the "
        "next quarter."
    )
    capacity = serializers.IntegerField(
        help_text="Effort points of work the office runs at once (S 1, M 2, L 3, XL 5)."
    )
    settings_saved = serializers.BooleanField(
        help_text="true: start and capacity set by the owner; false: the defaults."
    )
    end_date = serializers.DateField(
        allow_null=True, help_text="When the last item ends; null without items."
    )
    items = RoadmapItemSerializer(many=True)
    not_planned = serializers.SerializerMethodField(
        help_text="Capabilities left out because the office has all their components in place."
    )
    skills_gaps = serializers.SerializerMethodField(
        help_text="Roles the office lacks that the first two phases need."
    )

    @extend_schema_field(NotPlannedSerializer(many=True))
    def get_not_planned(self, roadmap) -> list:
        rows = [
            {"capability": code, "name": name, "note": note}
            for code, name, note in roadmap.not_planned
        ]
        return NotPlannedSerializer(rows, many=True).data

    @extend_schema_field(SkillsGapSerializer(many=True))
    def get_skills_gaps(self, roadmap) -> list:
        rows = [
            {"role": code, "name": name, "detail": detail, "capabilities": list(blocked)}
            for code, name, detail, blocked in roadmap.skills_gaps
        ]
        return SkillsGapSerializer(rows, many=True).data


class RoadmapCycleSerializer(ErrorSerializer):
    """409: no roadmap can be drawn; the API's error shape, with the cycle."""

    detail = serializers.CharField(source="error")
    code = serializers.SerializerMethodField()
    cycle = serializers.ListField(
        child=serializers.CharField(), help_text="The capability codes that form the cycle."
    )

    def get_code(self, roadmap) -> str:
        return "cycle"
