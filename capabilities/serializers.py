"""The framework as the API shows it (read-only).

The detail is ``capabilities.selectors.framework_document`` as it is: the
same document ``export_framework`` writes and ``load_framework`` reads (see
docs/framework-format.md), so what a tool downloads can be loaded again.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from capabilities.models import Capability


def _codes(help_text: str) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), help_text=help_text)


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx answer of the API (all apps use it; this app is
    the one they share). Some errors add fields (ErrorSerializer subclasses)."""

    detail = serializers.CharField(help_text="What went wrong, for a person to read.")
    code = serializers.CharField(
        help_text="What went wrong, for a program: invalid, parse_error, not_authenticated, "
        "authentication_failed, permission_denied, not_found, method_not_allowed, "
        "unsupported_media_type, throttled, changed, locked, incomplete, cycle, "
        "request_too_large, locked_out."
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="With code invalid: each field (a dotted path for nested fields, the "
        "question code first in a bulk save) with its messages.",
    )


class FrameworkSummarySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    version = serializers.IntegerField()
    status = serializers.CharField()
    description = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField(help_text="The whole framework.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, framework) -> str:
        path = reverse("api_framework_detail", args=[framework.slug, framework.version])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class FrameworkHeaderSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    version = serializers.IntegerField()
    status = serializers.CharField()
    description = serializers.CharField()


class LevelSerializer(serializers.Serializer):
    rank = serializers.IntegerField(help_text="1 is the lowest; answers give levels as ranks.")
    name = serializers.CharField()
    description = serializers.CharField()


class CodedSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()


class ComponentSerializer(CodedSerializer):
    principles = _codes("Codes of the principles it implements.")
    overlap = serializers.CharField()


class RoleSerializer(CodedSerializer):
    new_role = serializers.BooleanField()


class StructureSerializer(CodedSerializer):
    strengths = serializers.CharField()
    risks = serializers.CharField()
    owners = serializers.DictField(
        child=serializers.CharField(),
        help_text="Deliverable code: who typically owns that kind of work.",
    )


class PhaseSerializer(CodedSerializer):
    ml_use = serializers.CharField()
    subprocesses = CodedSerializer(
        many=True, help_text="Its GSBPM sub-processes, coded under the phase (5.2 under 5)."
    )


class CapabilitySerializer(CodedSerializer):
    deliverable = serializers.CharField()
    effort = serializers.ChoiceField(choices=Capability.Effort.values)
    requires = _codes("Codes of the capabilities it needs first.")
    components = _codes("Component codes.")
    principles = _codes("Principle codes.")
    roles = _codes("Codes of the roles involved.")


class QuestionSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    help = serializers.CharField()
    weight = serializers.FloatField(help_text="How much a gap counts when gaps are ranked.")
    principles = _codes("Principle codes.")
    components = _codes("Component codes.")
    focus_areas = _codes("Focus area codes.")
    capabilities = _codes("Codes of the capabilities a gap points to.")
    descriptors = serializers.DictField(
        child=serializers.CharField(),
        help_text="Level name: what an organisation at that level looks like.",
    )


class SectionSerializer(CodedSerializer):
    questions = QuestionSerializer(many=True)


class FrameworkDocumentSerializer(serializers.Serializer):
    """A whole framework version: ``framework_document`` of capabilities.selectors."""

    framework = FrameworkHeaderSerializer()
    levels = LevelSerializer(many=True)
    principles = CodedSerializer(many=True)
    components = ComponentSerializer(many=True)
    roles = RoleSerializer(many=True)
    deliverables = CodedSerializer(many=True)
    structures = StructureSerializer(many=True)
    focus_areas = CodedSerializer(many=True)
    phases = PhaseSerializer(many=True)
    capabilities = CapabilitySerializer(many=True)
    sections = SectionSerializer(many=True)
