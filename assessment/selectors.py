"""Reads of assessments that several views need, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from assessment.models import Answer, Assessment, Membership, Response
from capabilities.models import Level, LevelDescriptor, Question, Section

ANSWERED = Q(not_applicable=True) | Q(dont_know=True) | Q(current__isnull=False)


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


def response_progress(response: Response) -> Progress:
    """Answered questions per section: two queries, whatever the size."""
    sections = Section.objects.filter(framework_id=response.assessment.framework_id).annotate(
        total=Count("questions")
    )
    counts = {
        row["question__section_id"]: row
        for row in Answer.objects.filter(response=response)
        .values("question__section_id")
        .annotate(
            answered=Count("pk", filter=ANSWERED),
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
        .annotate(
            answered=Count(
                "answers",
                filter=Q(answers__not_applicable=True)
                | Q(answers__dont_know=True)
                | Q(answers__current__isnull=False),
            )
        )
    )
    return [(response, response.answered, total) for response in responses]


def section_questions(section: Section) -> list[Question]:
    """The section's questions with their descriptors in level order."""
    return list(
        Question.objects.filter(section=section).prefetch_related(
            Prefetch(
                "descriptors",
                LevelDescriptor.objects.select_related("level").order_by("level__rank"),
            )
        )
    )


def framework_levels(framework_id: int) -> list[Level]:
    return list(Level.objects.filter(framework_id=framework_id).order_by("rank"))


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
