"""API: the benchmark of an assessment, as on its page (``benchmark_build``)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from assessment.access import assessment_for
from benchmark.selectors import benchmark_build, filter_choices
from benchmark.serializers import BenchmarkSerializer, PeerGroupQuerySerializer
from capabilities.serializers import ErrorSerializer


class BenchmarkDetail(APIView):
    @extend_schema(
        operation_id="assessments_benchmark",
        tags=["results"],
        summary="Compared with peer offices: levels and score distributions of a peer group",
        description="Contributed, completed assessments of other organisations on the same "
        "framework, anonymised: no figure at all for a group of fewer than minimum_group "
        "organisations, or one that would single out offices beside the groups shown "
        "(shown is then false). Never a name, an id or free text of another office.",
        parameters=[PeerGroupQuerySerializer],
        responses={
            200: BenchmarkSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description="A filter value that is not one of its choices (code invalid, "
                "see errors).",
            ),
        },
    )
    def get(self, request, pk: int):
        assessment = assessment_for(request, pk)
        choices = filter_choices()
        query = PeerGroupQuerySerializer(data=request.query_params, context={"choices": choices})
        query.is_valid(raise_exception=True)
        report = benchmark_build(assessment, query.filters(), choices)
        return Response(BenchmarkSerializer(report).data)
