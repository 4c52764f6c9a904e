"""API: organisations, assessments, answers, submitting.

Each view does what the matching page does: ask assessment.access who may
do it (outsiders 404, viewers 403 on writes), validate the input with a
serializer, call the service, answer with an output serializer. Service
exceptions become 400 (invalid) or 409 (changed elsewhere, locked,
incomplete), never 500.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from assessment import services
from assessment.access import Need, assessment_for, organisation_for, own_response
from assessment.models import Answer, Assessment
from assessment.selectors import framework_levels, responses_progress, user_memberships
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
from capabilities.models import Framework, Question
from capabilities.selectors import framework_latest_published
from capabilities.serializers import ErrorSerializer

# How the common error answers look in the schema.
INVALID = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Invalid input: each field name with a list of messages, "
    'e.g. {"title": ["This field is required."]}.',
)
FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="Not signed in, or signed in without the role this needs "
    "(viewers read, owners and editors answer, owners manage).",
)
NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="No such object among those of your organisations (or no such page).",
)

LOCKED_OUT = OpenApiResponse(
    ErrorSerializer,
    description="Too many failed sign-ins for this username or from this address: "
    "refused until the lockout ends (Retry-After, in seconds) or an administrator unlocks it.",
)


def _paginated(view: APIView, request, items, serializer_class, **context) -> Response:
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(items, request, view=view)
    serializer = serializer_class(page, many=True, context={"request": request, **context})
    return paginator.get_paginated_response(serializer.data)


def _invalid(error: DjangoValidationError, field: str) -> ValidationError:
    """A service's ValidationError as a 400 that names the field."""
    if hasattr(error, "error_dict"):
        return ValidationError(error.message_dict)
    return ValidationError({field: error.messages})


# ---------------------------------------------------------------- token


class TokenObtain(ObtainAuthToken):
    """DRF's obtain_auth_token, with its answers described in the schema."""

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
        responses={200: OrganisationSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request):
        return _paginated(self, request, user_memberships(request.user), OrganisationSerializer)

    @extend_schema(
        operation_id="organisations_create",
        tags=["organisations"],
        summary="Create an organisation; you become its owner",
        request=OrganisationCreateSerializer,
        responses={201: OrganisationSerializer, 400: INVALID, 403: FORBIDDEN},
    )
    def post(self, request):
        serializer = OrganisationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = services.organisation_create(owner=request.user, **serializer.validated_data)
        membership = organisation.memberships.select_related("organisation").get(user=request.user)
        return Response(OrganisationSerializer(membership).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- assessments


def _published_framework(slug: str, version: int | None) -> Framework:
    if version is None:
        framework = framework_latest_published(slug)
    else:
        framework = Framework.objects.filter(
            slug=slug, version=version, status=Framework.Status.PUBLISHED
        ).first()
    if framework is None:
        if version is None:
            message = _("There is no published framework “%(slug)s”; see /api/frameworks/.")
        else:
            message = _(
                "There is no published version %(version)s of framework “%(slug)s”; "
                "see /api/frameworks/."
            )
        raise ValidationError({"framework": [message % {"slug": slug, "version": version}]})
    return framework


def _respondents(organisation, usernames: list[str] | None, caller) -> list:
    """The members named; whether they may answer is for the service to say."""
    if usernames is None:
        return [caller]
    usernames = list(dict.fromkeys(usernames))
    members = {
        user.get_username(): user
        for user in get_user_model().objects.filter(
            username__in=usernames, memberships__organisation=organisation
        )
    }
    strangers = [name for name in usernames if name not in members]
    if strangers:
        raise ValidationError(
            {
                "respondents": [
                    _("Not members of %(organisation)s: %(names)s.")
                    % {"organisation": organisation.name, "names": ", ".join(strangers)}
                ]
            }
        )
    return [members[name] for name in usernames]


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
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def get(self, request):
        # A plain dict: "?status=" is then a wrong status, as the schema says,
        # not a filter left out as in an HTML form.
        filters = AssessmentFilterSerializer(data=request.query_params.dict())
        filters.is_valid(raise_exception=True)
        assessments = Assessment.objects.select_related("organisation", "framework", "created_by")
        organisation_id = filters.validated_data.get("organisation")
        if organisation_id is not None:
            # Through access, so that outsiders get 404 and staff may read.
            organisation = organisation_for(request, organisation_id)
            assessments = assessments.filter(organisation=organisation)
        else:
            assessments = assessments.filter(organisation__memberships__user=request.user)
        if "status" in filters.validated_data:
            assessments = assessments.filter(status=filters.validated_data["status"])
        assessments = assessments.order_by("-created_at", "-pk")
        return _paginated(self, request, assessments, AssessmentSerializer)

    @extend_schema(
        operation_id="assessments_create",
        tags=["assessments"],
        summary="Start an assessment (organisation owners)",
        request=AssessmentCreateSerializer,
        responses={
            201: AssessmentDetailSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def post(self, request):
        serializer = AssessmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = organisation_for(request, data["organisation"], Need.OWN)
        framework = _published_framework(data["framework"], data.get("framework_version"))
        respondents = _respondents(organisation, data.get("respondents"), request.user)
        try:
            assessment = services.assessment_start(
                organisation=organisation,
                framework=framework,
                title=data["title"],
                respondents=respondents,
                created_by=request.user,
            )
        except DjangoValidationError as error:
            raise _invalid(error, "respondents") from error
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
        responses={200: AssessmentDetailSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        assessment = assessment_for(request, pk)
        serializer = AssessmentDetailSerializer(
            assessment,
            context={"request": request, "progress": responses_progress(assessment)},
        )
        return Response(serializer.data)


# ---------------------------------------------------------------- answers


def _question_or_404(assessment: Assessment, code: str) -> Question:
    if "\x00" in code:  # PostgreSQL refuses NUL in text; no code has one
        raise Http404
    question = Question.objects.filter(framework_id=assessment.framework_id, code=code).first()
    if question is None:
        raise Http404
    return question


def _stored(answer: Answer | None, question: Question) -> Answer:
    """The answer as stored, or an empty one at version 0 when there is none."""
    return answer if answer is not None else Answer(question=question, version=0)


def _locked(error: services.ResponseLocked) -> Response:
    return Response({"detail": str(error), "code": "locked"}, status=status.HTTP_409_CONFLICT)


def _changed_message(answer: Answer | None) -> str:
    if answer is None:
        return _("Nothing is stored for this question: save based on version 0.")
    return _(
        "This answer changed elsewhere since your version; it is now version %(version)s. "
        "To overwrite it, save again based on that version."
    ) % {"version": answer.version}


class AnswerList(APIView):
    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    @extend_schema(
        operation_id="answers_list",
        tags=["answers"],
        summary="Your answers to this assessment",
        description="Only questions you have answered; for the others save based on version 0.",
        responses={200: AnswerSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        assessment = assessment_for(request, pk)
        response = own_response(request, assessment)
        answers = (
            Answer.objects.filter(response=response)
            .select_related("question", "updated_by")
            .order_by("question__section__position", "question__position", "question__code")
        )
        return _paginated(self, request, answers, AnswerSerializer)

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
                {
                    "anyOf": [
                        {"$ref": "#/components/schemas/AnswerBulkError"},
                        {"type": "object", "additionalProperties": True},
                    ]
                },
                description="Nothing was saved. Problems with items: per question code "
                "(AnswerBulkError); problems with the list itself: the field `answers` with "
                "its messages.",
            ),
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: OpenApiResponse(
                AnswerBulkErrorSerializer,
                description="Nothing was saved: answers changed elsewhere (see current), "
                "or the response is locked.",
            ),
        },
    )
    def patch(self, request, pk: int):
        assessment = assessment_for(request, pk, Need.WRITE)
        response = own_response(request, assessment)
        serializer = AnswerBulkSerializer(data=request.data)
        if not serializer.is_valid():
            return _bulk_invalid(request.data, serializer.errors)
        try:
            services.response_check_open(response)
        except services.ResponseLocked as error:
            return _locked(error)
        items = serializer.validated_data["answers"]
        try:
            saved, errors, current = _save_all(response, items, request.user)
        except services.ResponseLocked as error:  # submitted or closed meanwhile
            return _locked(error)
        if errors:
            only_changed = set(errors) == set(current)
            body = {
                "detail": _("Nothing was saved: %(count)s of %(total)s answers have problems.")
                % {"count": len(errors), "total": len(items)},
                "code": "changed" if only_changed else "invalid",
                "errors": errors,
                "current": {code: AnswerSerializer(a).data for code, a in current.items()},
            }
            return Response(
                body,
                status=status.HTTP_409_CONFLICT if only_changed else status.HTTP_400_BAD_REQUEST,
            )
        return Response({"answers": AnswerSerializer(saved, many=True).data})


class _SomeFailed(Exception):
    pass


def _save_all(response, items: list[dict], user) -> tuple[list[Answer], dict, dict]:
    """Save each item with services.answer_save, all or nothing.

    Returns the saved answers, or (nothing saved) the problems by question
    code and, for those that changed elsewhere, the answer as stored.
    """
    assessment = response.assessment
    questions = Question.objects.filter(
        framework_id=assessment.framework_id, code__in=[item["question"] for item in items]
    )
    questions = {question.code: question for question in questions}
    level_count = len(framework_levels(assessment.framework_id))
    saved: list[Answer] = []
    errors: dict[str, dict] = {}
    current: dict[str, Answer] = {}
    try:
        with transaction.atomic():
            for item in items:
                code = item["question"]
                question = questions.get(code)
                if question is None:
                    errors[code] = {"question": [_("No question with this code.")]}
                    continue
                try:
                    saved.append(
                        services.answer_save(
                            response=response,
                            question=question,
                            values=answer_values(item),
                            based_on_version=item["version"],
                            user=user,
                            level_count=level_count,
                        )
                    )
                except DjangoValidationError as error:
                    errors[code] = _invalid(error, "current").detail
                except services.AnswerConflict as conflict:
                    errors[code] = {"version": [_changed_message(conflict.answer)]}
                    current[code] = _stored(conflict.answer, question)
            if errors:
                raise _SomeFailed  # undoes the items saved before: all or nothing
    except _SomeFailed:
        return [], errors, current
    return saved, {}, {}


def _bulk_invalid(data, errors) -> Response:
    """Item errors keyed by question code rather than position; others as DRF has them."""
    item_errors = errors.get("answers")
    if isinstance(item_errors, list) and all(isinstance(e, dict) for e in item_errors):
        # DRF's older format: one entry per item, empty for a valid one.
        item_errors = {position: error for position, error in enumerate(item_errors) if error}
    per_item = isinstance(item_errors, dict) and all(isinstance(k, int) for k in item_errors)
    if not per_item:
        raise ValidationError(errors)
    raw_items = data.get("answers") if hasattr(data, "get") else None
    raw_items = raw_items if isinstance(raw_items, list) else []
    by_code: dict[str, dict] = {}
    for position, item_error in sorted(item_errors.items()):
        raw = raw_items[position] if position < len(raw_items) else None
        code = raw.get("question") if isinstance(raw, dict) else None
        usable = isinstance(code, str) and code and code not in by_code
        by_code[code if usable else f"answers[{position}]"] = item_error
    body = {
        "detail": _("Nothing was saved: %(count)s of %(total)s answers are invalid.")
        % {"count": len(by_code), "total": len(raw_items)},
        "code": "invalid",
        "errors": by_code,
        "current": {},
    }
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


class AnswerDetail(APIView):
    @extend_schema(
        operation_id="answers_retrieve",
        tags=["answers"],
        summary="Your answer to one question",
        description="Version 0 and empty values when you have not answered it yet.",
        responses={200: AnswerSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk: int, code: str):
        assessment = assessment_for(request, pk)
        response = own_response(request, assessment)
        question = _question_or_404(assessment, code)
        answer = (
            Answer.objects.filter(response=response, question=question)
            .select_related("updated_by")
            .first()
        )
        return Response(AnswerSerializer(_stored(answer, question)).data)

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
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: AnswerConflictSerializer,
        },
    )
    def put(self, request, pk: int, code: str):
        assessment = assessment_for(request, pk, Need.WRITE)
        response = own_response(request, assessment)
        question = _question_or_404(assessment, code)
        serializer = AnswerInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            answer = services.answer_save(
                response=response,
                question=question,
                values=answer_values(serializer.validated_data),
                based_on_version=serializer.validated_data["version"],
                user=request.user,
                level_count=len(framework_levels(assessment.framework_id)),
            )
        except DjangoValidationError as error:
            raise _invalid(error, "current") from error
        except services.ResponseLocked as error:
            return _locked(error)
        except services.AnswerConflict as conflict:
            body = {
                "detail": _changed_message(conflict.answer),
                "code": "changed",
                "current": AnswerSerializer(_stored(conflict.answer, question)).data,
            }
            return Response(body, status=status.HTTP_409_CONFLICT)
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
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: SubmitConflictSerializer,
        },
    )
    def post(self, request, pk: int):
        assessment = assessment_for(request, pk, Need.WRITE)
        response = own_response(request, assessment)
        try:
            response = services.response_submit(response=response)
        except services.ResponseLocked as error:
            return _locked(error)
        except services.IncompleteResponse as incomplete:
            body = {
                "detail": _("Some questions still need an answer; nothing was submitted."),
                "code": "incomplete",
                "missing": [q.code for q in incomplete.missing],
                "unconfirmed": [q.code for q in incomplete.unconfirmed],
            }
            return Response(body, status=status.HTTP_409_CONFLICT)
        return Response(SubmittedSerializer(response).data)
