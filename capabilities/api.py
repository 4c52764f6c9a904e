"""API: published frameworks. Public, like the /frameworks/ pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from capabilities.models import Framework
from capabilities.selectors import framework_document
from capabilities.serializers import (
    ErrorSerializer,
    FrameworkDocumentSerializer,
    FrameworkSummarySerializer,
)
from config.api import paginated

TAG = "frameworks"


class FrameworkList(APIView):
    permission_classes = [AllowAny]
    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    @extend_schema(
        operation_id="frameworks_list",
        tags=[TAG],
        summary="Published framework versions",
        responses={200: FrameworkSummarySerializer(many=True)},
    )
    def get(self, request):
        frameworks = Framework.objects.filter(status=Framework.Status.PUBLISHED).order_by(
            "slug", "-version"
        )
        return paginated(self, request, frameworks, FrameworkSummarySerializer)


class FrameworkDetail(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="frameworks_retrieve",
        tags=[TAG],
        summary="One published framework version, whole",
        description=(
            "Levels, principles, components, roles, deliverables, operating structures, "
            "focus areas, process phases, capabilities with what each needs first, and "
            "sections with their questions and level descriptors: the document format "
            "of `export_framework`."
        ),
        responses={
            200: FrameworkDocumentSerializer,
            404: OpenApiResponse(
                ErrorSerializer, description="No published version with this slug and number."
            ),
        },
    )
    def get(self, request, slug: str, version: int):
        framework = Framework.objects.filter(
            slug=slug, version=version, status=Framework.Status.PUBLISHED
        ).first()
        if framework is None:
            raise Http404
        return Response(FrameworkDocumentSerializer(framework_document(framework)).data)
