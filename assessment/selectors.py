"""Reads of assessments that several views need, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from assessment.display import answer_summary
from assessment.models import (
    Answer,
    AnswerChange,
    Assessment,
    ComponentStatus,
    FocusWeight,
    Membership,
    MLSolution,
    Response,
    RoleStatus,
    answered_filter,
)
from capabilities.frozen import frozen_read
from capabilities.models import (
    Component,
    Framework,
    Level,
    LevelDescriptor,
    ProcessPhase,
    ProcessSubprocess,
    Question,
    Role,
    Section,
)


@dataclass
class SectionProgress:
    section: Section
    total: int
    answered: int
    to_confirm: int

    @property
    def is_complete(self) -> bool:
        return self.answered == self.total and not self.to_confirm

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100


@dataclass
class Progress:
    sections: list[SectionProgress] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.sections)

    @property
    def to_confirm(self) -> int:
        return sum(s.to_confirm for s in self.sections)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100


def framework_sections(framework: Framework) -> list[Section]:
    """The version's sections in order, each with its number of questions
    (``total``); read once per published version (capabilities.frozen)."""
    return frozen_read(
        framework,
        "sections",
        lambda: list(
            Section.objects.filter(framework_id=framework.pk).annotate(total=Count("questions"))
        ),
    )


def response_progress(response: Response) -> Progress:
    """Answered questions per section: two queries, whatever the size (one
    once the version's sections are known)."""
    sections = framework_sections(response.assessment.framework)
    counts = {
        row["question__section_id"]: row
        for row in Answer.objects.filter(response=response)
        .values("question__section_id")
        .annotate(
            answered=Count("pk", filter=answered_filter()),
            to_confirm=Count("pk", filter=Q(carried_over=True)),
        )
    }
    return Progress(
        [
            SectionProgress(
                section=section,
                total=section.total,
                answered=counts.get(section.pk, {}).get("answered", 0),
                to_confirm=counts.get(section.pk, {}).get("to_confirm", 0),
            )
            for section in sections
        ]
    )


def responses_progress(assessment: Assessment) -> list[tuple[Response, int, int]]:
    """Each respondent's response with answered and total counts (two queries)."""
    total = Question.objects.filter(framework_id=assessment.framework_id).count()
    responses = (
        Response.objects.filter(assessment=assessment)
        .select_related("respondent")
        .annotate(answered=Count("answers", filter=answered_filter("answers__")))
    )
    return [(response, response.answered, total) for response in responses]


def section_questions(framework: Framework, section: Section) -> list[Question]:
    """The section's questions with their descriptors in level order."""
    return frozen_read(
        framework,
        ("section questions", section.pk),
        lambda: list(
            Question.objects.filter(section=section).prefetch_related(
                Prefetch(
                    "descriptors",
                    LevelDescriptor.objects.select_related("level").order_by("level__rank"),
                )
            )
        ),
    )


def framework_levels(framework: Framework) -> list[Level]:
    return frozen_read(
        framework,
        "levels",
        lambda: list(Level.objects.filter(framework_id=framework.pk).order_by("rank")),
    )


def answers_by_question(response: Response, questions: list[Question]) -> dict[int, Answer]:
    answers = Answer.objects.filter(response=response, question__in=[q.pk for q in questions])
    return {answer.question_id: answer for answer in answers}


def resume_section_code(response: Response, progress: Progress) -> str | None:
    """Where a respondent picks up: the section they last saved an answer in,
    unless it is done; then the first section that is not done."""
    last = (
        Answer.objects.filter(response=response, carried_over=False)
        .order_by("-updated_at", "-pk")
        .values_list("question__section_id", flat=True)
        .first()
    )
    unfinished = [s for s in progress.sections if not s.is_complete]
    for item in unfinished:
        if item.section.pk == last:
            return item.section.code
    if unfinished:
        return unfinished[0].section.code
    return None


def user_memberships(user):
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def dashboard_assessments(user) -> list[Assessment]:
    """Assessments of the user's organisations, each with the user's response."""
    own = Response.objects.filter(respondent=user)
    return list(
        Assessment.objects.filter(organisation__memberships__user=user)
        .select_related("organisation", "framework")
        .prefetch_related(Prefetch("responses", own, to_attr="own_responses"))
        .order_by("organisation__name", "-created_at")
    )


def user_membership(user, organisation) -> Membership:
    return Membership.objects.select_related("organisation").get(
        user=user, organisation=organisation
    )


def assessments_visible(user, *, organisation=None, status: str | None = None):
    """Assessments of one organisation (access already checked), or of all the
    user's organisations; newest first."""
    assessments = Assessment.objects.select_related("organisation", "framework", "created_by")
    if organisation is not None:
        assessments = assessments.filter(organisation=organisation)
    else:
        assessments = assessments.filter(organisation__memberships__user=user)
    if status:
        assessments = assessments.filter(status=status)
    return assessments.order_by("-created_at", "-pk")


def members_named(organisation, usernames: list[str]) -> list:
    """The organisation's members with these usernames, in the order given;
    whether they may answer is for the service to say."""
    usernames = list(dict.fromkeys(usernames))
    members = {
        user.get_username(): user
        for user in get_user_model().objects.filter(
            username__in=usernames, memberships__organisation=organisation
        )
    }
    strangers = [name for name in usernames if name not in members]
    if strangers:
        message = _("Not members of %(organisation)s: %(names)s.") % {
            "organisation": organisation.name,
            "names": ", ".join(strangers),
        }
        raise ValidationError({"respondents": message})
    return [members[name] for name in usernames]


def own_answers(response: Response):
    """A respondent's answers in questionnaire order."""
    return (
        Answer.objects.filter(response=response)
        .select_related("question", "updated_by")
        .order_by("question__section__position", "question__position", "question__code")
    )


def own_answer(response: Response, question: Question) -> Answer:
    """The respondent's answer to one question, blank (version 0) when none."""
    answer = Answer.objects.filter(response=response, question=question).select_related(
        "updated_by"
    )
    return answer.first() or Answer.blank(question)


def user_response(assessment: Assessment, user) -> Response | None:
    """The user's own response to the assessment, if they are a respondent."""
    return Response.objects.filter(assessment=assessment, respondent=user).first()


def answer_changes(answers, limit: int = 500) -> list[AnswerChange]:
    """The newest changes of these answers, with who and what, newest first."""
    return list(
        AnswerChange.objects.filter(answer__in=answers)
        .select_related("changed_by", "answer__question__section", "answer__response__respondent")
        .order_by("-changed_at", "-pk")[:limit]
    )


def section_question(framework: Framework, section_code: str, code: str) -> Question | None:
    """One question of a section, with its level descriptors."""
    return frozen_read(
        framework,
        ("question", section_code, code),
        lambda: (
            Question.objects.filter(
                framework_id=framework.pk, section__code=section_code, code=code
            )
            .prefetch_related("descriptors__level")
            .first()
        ),
    )


def focus_weights_by_side(assessment: Assessment) -> dict[str, dict[str, int]]:
    weights: dict[str, dict[str, int]] = {side: {} for side in FocusWeight.Side.values}
    for side, code, weight in assessment.focus_weights.values_list("side", "focus_code", "weight"):
        weights[side][code] = weight
    return weights


# ---------------------------------------------------------------- inventory


@dataclass(frozen=True)
class InventoryVocabulary:
    """The framework items an inventory names by code, as (code, name) pairs."""

    phases: tuple[tuple[str, str], ...] = ()
    # (code, name, phase code)
    subprocesses: tuple[tuple[str, str, str], ...] = ()
    components: tuple[tuple[str, str], ...] = ()
    roles: tuple[tuple[str, str], ...] = ()

    def subprocess_phase(self, code: str) -> str | None:
        return next((phase for sub, _name, phase in self.subprocesses if sub == code), None)

    def name(self, kind: str, code: str) -> str:
        """The name behind a code ("phases", "subprocesses", "components", "roles")."""
        return next((item[1] for item in getattr(self, kind) if item[0] == code), code)


def inventory_vocabulary(framework: Framework) -> InventoryVocabulary:
    """Four queries, whatever the size of the framework; none once a
    published version's are known (capabilities.frozen)."""
    return frozen_read(framework, "inventory vocabulary", lambda: _vocabulary(framework.pk))


def _vocabulary(framework_id: int) -> InventoryVocabulary:
    return InventoryVocabulary(
        phases=tuple(
            ProcessPhase.objects.filter(framework_id=framework_id).values_list("code", "name")
        ),
        subprocesses=tuple(
            ProcessSubprocess.objects.filter(framework_id=framework_id)
            .order_by("phase__position", "position", "code")
            .values_list("code", "name", "phase__code")
        ),
        components=tuple(
            Component.objects.filter(framework_id=framework_id).values_list("code", "name")
        ),
        roles=tuple(Role.objects.filter(framework_id=framework_id).values_list("code", "name")),
    )


@dataclass
class Inventory:
    """What one assessment records the office actually has."""

    solutions: list[MLSolution] = field(default_factory=list)
    components: dict[str, ComponentStatus] = field(default_factory=dict)  # by component code
    roles: dict[str, RoleStatus] = field(default_factory=dict)  # by role code

    @property
    def is_empty(self) -> bool:
        return not (self.solutions or self.components or self.roles)


def inventory_read(assessment: Assessment) -> Inventory:
    """Three queries."""
    return Inventory(
        solutions=list(MLSolution.objects.filter(assessment=assessment)),
        components={
            c.component_code: c for c in ComponentStatus.objects.filter(assessment=assessment)
        },
        roles={r.role_code: r for r in RoleStatus.objects.filter(assessment=assessment)},
    )


@dataclass
class ReviewRow:
    question: Question
    answer: Answer | None
    summary: str


@dataclass
class ReviewSection:
    section: Section
    rows: list[ReviewRow]


def response_review(response: Response) -> list[ReviewSection]:
    """Every question of the response's framework with its answer in words,
    section by section, for the review before submitting (three queries)."""
    framework_id = response.assessment.framework_id
    levels = framework_levels(response.assessment.framework)
    level_names = {level.rank: level.name for level in levels}
    answers = {answer.question_id: answer for answer in Answer.objects.filter(response=response)}
    review: list[ReviewSection] = []
    questions = (
        Question.objects.filter(framework_id=framework_id)
        .select_related("section")
        .order_by("section__position", "position")
    )
    for question in questions:
        if not review or review[-1].section.pk != question.section_id:
            review.append(ReviewSection(section=question.section, rows=[]))
        answer = answers.get(question.pk)
        values = (
            {}
            if answer is None or not answer.is_answered
            else {
                "current": answer.current,
                "target": answer.target,
                "not_applicable": answer.not_applicable,
                "dont_know": answer.dont_know,
                "comment": answer.comment,
                "evidence_url": answer.evidence_url,
                "carried_over": answer.carried_over,
            }
        )
        review[-1].rows.append(ReviewRow(question, answer, answer_summary(values, level_names)))
    return review


def responses_waiting(assessment: Assessment) -> int:
    """Responses not submitted by someone who can still answer: the
    assessment completes when none is left."""
    return assessment.responses.filter(
        submitted_at__isnull=True,
        respondent__memberships__organisation_id=assessment.organisation_id,
        respondent__memberships__role__in=Membership.WRITER_ROLES,
    ).count()
