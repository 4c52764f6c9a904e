"""API: what the office has (ML solutions, components in place, roles).

As the inventory pages: members read, owners and editors write, outsiders
get 404; nothing changes once the assessment is complete (409, code locked).
Each write replaces what it is given, all or nothing, as the spreadsheet
import does: the solutions as a whole list, components and roles by code.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from assessment import services
from assessment.access import Need, assessment_for
from assessment.selectors import inventory_read
from assessment.serializers import (
    ComponentStatusListSerializer,
    InventorySerializer,
    MLSolutionListSerializer,
    RoleStatusListSerializer,
)
from assessment.services import ComponentValues, RoleValues
from capabilities.serializers import ErrorSerializer

LOCKED = OpenApiResponse(
    ErrorSerializer,
    description="The assessment is complete, so its inventory can no longer change (code locked).",
)


def _inventory(assessment) -> Response:
    return Response(InventorySerializer(inventory_read(assessment)).data)


class InventoryDetail(APIView):
    @extend_schema(
        operation_id="assessments_inventory",
        tags=["inventory"],
        summary="What the office has: ML solutions, components in place, roles",
        responses={200: InventorySerializer},
    )
    def get(self, request, pk: int):
        return _inventory(assessment_for(request, pk))


class SolutionList(APIView):
    @extend_schema(
        operation_id="assessments_inventory_solutions_replace",
        tags=["inventory"],
        summary="Replace the list of ML solutions",
        description="All or nothing: a wrong row saves none, and the errors name each "
        "as solutions.<position from 0>.<field>.",
        request=MLSolutionListSerializer,
        responses={200: InventorySerializer, 409: LOCKED},
    )
    def put(self, request, pk: int):
        assessment = assessment_for(request, pk, Need.WRITE)
        serializer = MLSolutionListSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rows = [
            {**solution, "line": position}
            for position, solution in enumerate(serializer.validated_data["solutions"])
        ]
        services.ml_solutions_import(assessment=assessment, rows=rows)
        return _inventory(assessment)


class ComponentList(APIView):
    @extend_schema(
        operation_id="assessments_inventory_components_save",
        tags=["inventory"],
        summary="Say what the office has of the components listed",
        description="Components not listed keep what was said; an empty status removes it.",
        request=ComponentStatusListSerializer,
        responses={200: InventorySerializer, 409: LOCKED},
    )
    def put(self, request, pk: int):
        assessment = assessment_for(request, pk, Need.WRITE)
        serializer = ComponentStatusListSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.component_statuses_save(
            assessment=assessment,
            statuses={
                item["component_code"]: ComponentValues(
                    item["status"], item["tools"], item["shared_with_it"]
                )
                for item in serializer.validated_data["components"]
            },
        )
        return _inventory(assessment)


class RoleList(APIView):
    @extend_schema(
        operation_id="assessments_inventory_roles_save",
        tags=["inventory"],
        summary="Say how far the office has the people for the roles listed",
        description="Roles not listed keep what was said; a role with no count and not "
        "hard to fill is removed.",
        request=RoleStatusListSerializer,
        responses={200: InventorySerializer, 409: LOCKED},
    )
    def put(self, request, pk: int):
        assessment = assessment_for(request, pk, Need.WRITE)
        serializer = RoleStatusListSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.role_statuses_save(
            assessment=assessment,
            statuses={
                item["role_code"]: RoleValues(item["held"], item["needed"], item["hard_to_fill"])
                for item in serializer.validated_data["roles"]
            },
        )
        return _inventory(assessment)
