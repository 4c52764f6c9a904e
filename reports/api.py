"""API: the numbers of the results and roadmap pages.

Results are ``results_build``, as on the page. The roadmap is, as on the
page, the owner's saved roadmap if there is one, else computed from the
answers now; a cycle in the framework's capability graph is a 409 that
names it.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from assessment.access import assessment_for
from reports.results import results_build
from reports.roadmap_view import roadmap_view
from reports.serializers import ResultsSerializer, RoadmapCycleSerializer, RoadmapSerializer


class ResultsDetail(APIView):
    @extend_schema(
        operation_id="assessments_results",
        tags=["results"],
        summary="Results: overall level, dimensions, gaps by priority",
        description="From submitted responses only, exactly as the results page.",
        responses={200: ResultsSerializer},
    )
    def get(self, request, pk: int):
        assessment = assessment_for(request, pk)
        return Response(ResultsSerializer(results_build(assessment)).data)


class RoadmapDetail(APIView):
    @extend_schema(
        operation_id="assessments_roadmap",
        tags=["results"],
        summary="The capability roadmap, planned in time",
        responses={
            200: RoadmapSerializer,
            409: OpenApiResponse(
                RoadmapCycleSerializer,
                description="The framework's capability dependencies form a cycle, so no "
                "order can satisfy them.",
            ),
        },
    )
    def get(self, request, pk: int):
        assessment = assessment_for(request, pk)
        roadmap = roadmap_view(assessment)
        if roadmap.cycle:
            return Response(RoadmapCycleSerializer(roadmap).data, status=status.HTTP_409_CONFLICT)
        return Response(RoadmapSerializer(roadmap).data)
