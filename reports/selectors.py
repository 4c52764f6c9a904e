"""What the results and roadmap need from the database, as plain data for
the pure core (assessment.scoring, reports.gaps, reports.roadmap)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assessment.models import Answer, Assessment, Response
from assessment.scoring import AnswerInfo, QuestionInfo
from capabilities.models import (
    Capability,
    Component,
    Level,
    Principle,
    Question,
    Section,
    StructureOwner,
)
from reports.roadmap import CapabilityInfo

PERSPECTIVES = dict(Response.Perspective.choices)


@dataclass
class AssessmentData:
    questions: list[QuestionInfo]
    answers: list[AnswerInfo]
    levels: list[Level]
    focus_weights: dict[str, int]
    question_texts: dict[str, str] = field(default_factory=dict)
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, code) -> name
    respondents: int = 0

    @property
    def level_names(self) -> list[str]:
        return [level.name for level in self.levels]

    def name(self, kind: str, code: str) -> str:
        return self.names.get((kind, code), code)


def question_infos(framework_id: int) -> tuple[list[QuestionInfo], dict[str, str]]:
    """The framework's questions as plain data, and their texts by code.

    Five queries of plain tuples: building model instances through
    prefetch_related cost more than everything else on the results page.
    """
    rows = list(
        Question.objects.filter(framework_id=framework_id)
        .order_by("section__position", "position")
        .values_list("pk", "code", "text", "section__code", "weight")
    )
    links: dict[str, dict[int, list[str]]] = {}
    for relation, target in (
        ("principles", "principle"),
        ("components", "component"),
        ("focus_areas", "focusarea"),
        ("capabilities", "capability"),
    ):
        through = getattr(Question, relation).through
        pairs = (
            through.objects.filter(question__framework_id=framework_id)
            .order_by(f"{target}__position", f"{target}__code")
            .values_list("question_id", f"{target}__code")
        )
        by_question: dict[int, list[str]] = {}
        for question_id, code in pairs:
            by_question.setdefault(question_id, []).append(code)
        links[relation] = by_question
    infos = [
        QuestionInfo(
            code=code,
            section=section,
            weight=float(weight),
            **{
                relation: tuple(links[relation].get(pk, ()))
                for relation in ("principles", "components", "focus_areas", "capabilities")
            },
        )
        for pk, code, _text, section, weight in rows
    ]
    return infos, {code: text for _pk, code, text, _section, _weight in rows}


def assessment_data(assessment: Assessment) -> AssessmentData:
    """Submitted answers and the framework around them, in a fixed number of queries."""
    questions, texts = question_infos(assessment.framework_id)
    known = {q.code for q in questions}
    rows = Answer.objects.filter(
        response__assessment=assessment, response__submitted_at__isnull=False
    ).values_list(
        "response__respondent__username",
        "response__perspective",
        "question__code",
        "current",
        "target",
        "not_applicable",
        "dont_know",
    )
    answers = [
        AnswerInfo(
            respondent=username,
            perspective=str(PERSPECTIVES.get(perspective, PERSPECTIVES["other"])),
            question=question_code,
            current=current,
            target=target,
            not_applicable=not_applicable,
            dont_know=dont_know,
        )
        for username, perspective, question_code, current, target, not_applicable, dont_know in rows
        if question_code in known
    ]
    framework_id = assessment.framework_id
    names = {
        ("principle", p.code): p.name for p in Principle.objects.filter(framework_id=framework_id)
    }
    names |= {
        ("component", c.code): c.name for c in Component.objects.filter(framework_id=framework_id)
    }
    names |= {
        ("section", s.code): s.name for s in Section.objects.filter(framework_id=framework_id)
    }
    return AssessmentData(
        questions=questions,
        answers=answers,
        levels=list(Level.objects.filter(framework_id=framework_id).order_by("rank")),
        focus_weights=dict(assessment.focus_weights.values_list("focus_code", "weight")),
        question_texts=texts,
        names=names,
        respondents=len({a.respondent for a in answers}),
    )


def capability_catalogue(framework_id: int) -> list[CapabilityInfo]:
    capabilities = (
        Capability.objects.filter(framework_id=framework_id)
        .select_related("deliverable")
        .prefetch_related("requires", "roles")
    )
    return [
        CapabilityInfo(
            code=c.code,
            name=c.name,
            requires=tuple(r.code for r in c.requires.all()),
            roles=tuple(r.code for r in c.roles.all()),
            effort=c.effort,
            deliverable=c.deliverable.code,
        )
        for c in capabilities
    ]


def structure_owners(framework_id: int, structure_code: str) -> dict[str, str]:
    """Who typically owns each kind of deliverable in the organisation's structure."""
    if not structure_code:
        return {}
    owners = StructureOwner.objects.filter(
        structure__framework_id=framework_id, structure__code=structure_code
    ).select_related("deliverable")
    return {o.deliverable.code: o.owner for o in owners}


def earlier_assessment(assessment: Assessment) -> Assessment | None:
    """What to compare with: the one it was started from, else the latest
    completed assessment of the organisation before it."""
    if assessment.previous_id:
        return assessment.previous
    return (
        Assessment.objects.filter(
            organisation_id=assessment.organisation_id,
            status=Assessment.Status.COMPLETE,
            created_at__lt=assessment.created_at,
        )
        .order_by("-created_at")
        .first()
    )


def assessment_has_levels(assessment: Assessment) -> bool:
    """Whether a submitted response gives any question a level: without one,
    an empty roadmap means "nothing answered yet", not "no gaps"."""
    return Answer.objects.filter(
        response__assessment=assessment,
        response__submitted_at__isnull=False,
        current__isnull=False,
    ).exists()
