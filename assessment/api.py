"""API: organisations, assessments, answers, submitting.

Each view does what the matching page does: ask assessment.access who may
do it (outsiders 404, viewers 403 on writes), validate the input with a
serializer, call the service, answer with an output serializer. Services'
exceptions become HTTP answers in one place, config/api_errors.py.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from assessment import services
from assessment.access import Need, assessment_for, organisation_for, own_response
from assessment.selectors import (
    assessments_visible,
    members_named,
    own_answer,
    own_answers,
    responses_progress,
    user_membership,
    user_memberships,
)
from assessment.serializers import (
    AnswerBulkErrorSerializer,
    AnswerBulkResultSerializer,
    AnswerBulkSerializer,
    AnswerConflictSerializer,
    AnswerInputSerializer,
    AnswerSerializer,
    AssessmentCreateSerializer,
    AssessmentDetailSerializer,
    AssessmentFilterSerializer,
    AssessmentSerializer,
    OrganisationCreateSerializer,
    OrganisationSerializer,
    SubmitConflictSerializer,
    SubmittedSerializer,
    TokenSerializer,
    answer_values,
)
from capabilities.models import Question
from capabilities.selectors import framework_published
from capabilities.serializers import ErrorSerializer
from config.api import paginated
from config.api_schema import INVALID, NOT_FOUND

LOCKED_OUT = OpenApiResponse(
    ErrorSerializer,
    description="Too many failed sign-ins for this username or from this address (code "
    "locked_out): refused until the lockout ends (Retry-After, in seconds) or an "
    "administrator unlocks it.",
)


class TokenObtain(ObtainAuthToken):
    """DRF's obtain_auth_token, with its answers described in the schema."""

    parser_classes = api_settings.DEFAULT_PARSER_CLASSES  # JSON, as the whole API

    @extend_schema(
        operation_id="token_create",
        tags=["token"],
        summary="Your API token, for a username and password",
        request=AuthTokenSerializer,
        responses={200: TokenSerializer, 400: INVALID, 429: LOCKED_OUT},
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def get_serializer_context(self):
        # django-axes counts failures and locks out on Django's request (its
        # middleware answers 429 from there); DRF's wrapper would hide them.
        return {**super().get_serializer_context(), "request": self.request._request}


# ---------------------------------------------------------------- organisations


class OrganisationList(APIView):
    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    @extend_schema(
        operation_id="organisations_list",
        tags=["organisations"],
        summary="Your organisations, with your role in each",
        responses={200: OrganisationSerializer(many=True)},
    )
    def get(self, request):
        return paginated(self, request, user_memberships(request.user), OrganisationSerializer)

    @extend_schema(
        operation_id="organisations_create",
        tags=["organisations"],
        summary="Create an organisation; you become its owner",
        request=OrganisationCreateSerializer,
        responses={201: OrganisationSerializer, 400: INVALID},
    )
    def post(self, request):
        serializer = OrganisationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = services.organisation_create(owner=request.user, **serializer.validated_data)
        membership = user_membership(request.user, organisation)
        return Response(OrganisationSerializer(membership).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- assessments


class AssessmentList(APIView):
    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    @extend_schema(
        operation_id="assessments_list",
        tags=["assessments"],
        summary="Assessments of your organisations",
        parameters=[AssessmentFilterSerializer],
        responses={
            200: AssessmentSerializer(many=True),
            400: INVALID,
        },
    )
    def get(self, request):
        # A plain dict: "?status=" is then a wrong status, as the schema says,
        # not a filter left out as in an HTML form.
        filters = AssessmentFilterSerializer(data=request.query_params.dict())
        filters.is_valid(raise_exception=True)
        organisation_id = filters.validated_data.get("organisation")
        # Through access, so that outsiders get 404 and staff may read.
        organisation = organisation_for(request, organisation_id) if organisation_id else None
        assessments = assessments_visible(
            request.user, organisation=organisation, status=filters.validated_data.get("status")
        )
        return paginated(self, request, assessments, AssessmentSerializer)

    @extend_schema(
        operation_id="assessments_create",
        tags=["assessments"],
        summary="Start an assessment (organisation owners)",
        request=AssessmentCreateSerializer,
        responses={201: AssessmentDetailSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request):
        serializer = AssessmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = organisation_for(request, data["organisation"], Need.OWN)
        usernames = data.get("respondents")
        assessment = services.assessment_start(
            organisation=organisation,
            framework=framework_published(data["framework"], data.get("framework_version")),
            title=data["title"],
            respondents=[request.user]
            if usernames is None
            else members_named(organisation, usernames),
            created_by=request.user,
        )
        body = AssessmentDetailSerializer(
            assessment,
            context={"request": request, "progress": responses_progress(assessment)},
        ).data
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": body["url"]})


class AssessmentDetail(APIView):
    @extend_schema(
        operation_id="assessments_retrieve",
        tags=["assessments"],
        summary="One assessment, with who answers and how far each has got",
        responses={200: AssessmentDetailSerializer},
    )
    def get(self, request, pk: int):
        assessment = assessment_for(request, pk)
        serializer = AssessmentDetailSerializer(
            assessment,
            context={"request": request, "progress": responses_progress(assessment)},
        )
        return Response(serializer.data)


# ---------------------------------------------------------------- answers


class AnswerList(APIView):
    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    @extend_schema(
        operation_id="answers_list",
        tags=["answers"],
        summary="Your answers to this assessment",
        description="Only questions you have answered; for the others save based on version 0.",
        responses={200: AnswerSerializer(many=True)},
    )
    def get(self, request, pk: int):
        response = own_response(request, assessment_for(request, pk))
        return paginated(self, request, own_answers(response), AnswerSerializer)

    @extend_schema(
        operation_id="answers_bulk_save",
        tags=["answers"],
        summary="Save many answers at once: all or nothing",
        description=(
            "Each item is saved as by PUT /answers/{code}/. If any item is invalid or "
            "changed elsewhere, nothing is saved and the answer lists the problems per "
            "question code."
        ),
        request=AnswerBulkSerializer,
        responses={
            200: AnswerBulkResultSerializer,
            400: OpenApiResponse(
                AnswerBulkErrorSerializer,
                description="Nothing was saved: some answers are invalid, or the list is.",
            ),
            409: OpenApiResponse(
                AnswerBulkErrorSerializer,
                description="Nothing was saved: answers changed elsewhere (see current), "
                "or the response is locked.",
            ),
        },
    )
    def patch(self, request, pk: int):
        response = own_response(request, assessment_for(request, pk, Need.WRITE))
        serializer = AnswerBulkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        saved = services.answers_save_all(
            response=response, items=serializer.validated_data["answers"], user=request.user
        )
        return Response({"answers": AnswerSerializer(saved, many=True).data})


class AnswerDetail(APIView):
    @extend_schema(
        operation_id="answers_retrieve",
        tags=["answers"],
        summary="Your answer to one question",
        description="Version 0 and empty values when you have not answered it yet.",
        responses={200: AnswerSerializer},
    )
    def get(self, request, pk: int, code: str):
        response = own_response(request, assessment_for(request, pk))
        question = get_object_or_404(
            Question, framework_id=response.assessment.framework_id, code=code
        )
        return Response(AnswerSerializer(own_answer(response, question)).data)

    @extend_schema(
        operation_id="answers_save",
        tags=["answers"],
        summary="Save your answer to one question",
        description=(
            "Replaces the answer as a whole (fields left out are cleared). `version` is the "
            "version you based the change on: if the answer changed elsewhere since, nothing "
            "is saved and the 409 answer holds the stored answer. Saving the same values "
            "again is harmless."
        ),
        request=AnswerInputSerializer,
        responses={
            200: AnswerSerializer,
            400: INVALID,
            409: AnswerConflictSerializer,
        },
    )
    def put(self, request, pk: int, code: str):
        response = own_response(request, assessment_for(request, pk, Need.WRITE))
        question = get_object_or_404(
            Question, framework_id=response.assessment.framework_id, code=code
        )
        serializer = AnswerInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        answer = services.answer_save(
            response=response,
            question=question,
            values=answer_values(serializer.validated_data),
            based_on_version=serializer.validated_data["version"],
            user=request.user,
        )
        return Response(AnswerSerializer(answer).data)


# ---------------------------------------------------------------- submitting


class ResponseSubmit(APIView):
    @extend_schema(
        operation_id="assessments_submit",
        tags=["assessments"],
        summary="Submit your response: it is locked from then on",
        request=None,
        responses={
            200: SubmittedSerializer,
            409: SubmitConflictSerializer,
        },
    )
    def post(self, request, pk: int):
        response = own_response(request, assessment_for(request, pk, Need.WRITE))
        response = services.response_submit(response=response)
        return Response(SubmittedSerializer(response).data)
