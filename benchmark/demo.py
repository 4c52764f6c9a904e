"""Fictional peer offices that contribute to the benchmark, for the demo.

Clearly marked as fictional in every name ("Fictional peer office NN"), with
inactive accounts that cannot sign in. Their answers follow fixed patterns
(no randomness): most offices come in blocks of five with one profile, so
that the demo manager sees groups that can be shown, and four odd offices
make some narrow groups impossible to show, as in real data. Written with
bulk_create (a few dozen queries), since load_demo runs on every `make run`.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from assessment.models import Answer, Assessment, Membership, Organisation, Response
from assessment.scoring import AnswerInfo, score
from benchmark.models import Contribution
from benchmark.services import contribution_create, stored_numbers
from capabilities.models import Framework, Question
from reports.selectors import assessment_data

PREFIX = "Fictional peer office"

# (kind, size, region, structure, how mature: a level around which it answers)
BLOCKS = (
    ("nso", "large", "europe", "HUB-SPOKE", 2.4),
    ("nso", "very-large", "europe", "COE", 3.0),
    ("nso", "medium", "africa", "INFORMAL", 1.6),
    ("nso", "medium", "asia", "COP", 2.0),
    ("nso", "large", "latin-america-caribbean", "HUB-SPOKE", 2.1),
    ("regional", "small", "europe", "INFORMAL", 1.4),
    ("ons", "medium", "northern-america", "COE", 2.7),
    ("international", "medium", "europe", "COP", 2.5),
)
ODD_ONES = (
    ("nso", "small", "oceania", "INFORMAL", 1.3),
    ("other", "small", "africa", "", 1.2),
    ("regional", "medium", "asia", "COP", 1.8),
    ("nso", "very-large", "northern-america", "COE", 3.3),
)
PER_BLOCK = 5
# Per section, how far from its usual level a typical office is: strategy
# and collaboration ahead, monitoring and metadata behind.
SECTION_OFFSETS = {
    "STRAT": 0.5,
    "COLLAB": 0.4,
    "ORG": 0.2,
    "PEOPLE": 0.0,
    "ENV": 0.0,
    "DATA": -0.1,
    "DEV": 0.1,
    "META": -0.6,
    "PROD": -0.2,
    "MON": -0.7,
    "QUAL": -0.1,
}


def profiles() -> list[tuple[str, str, str, str, float]]:
    """Every fictional office's profile and maturity, members of a block a
    little apart from each other."""
    offices = []
    for block in BLOCKS:
        for member in range(PER_BLOCK):
            *profile, maturity = block
            offices.append((*profile, maturity + (-0.4, -0.2, 0.0, 0.2, 0.4)[member]))
    return offices + list(ODD_ONES)


def answer_levels(maturity: float, section: str, index: int, level_count: int) -> tuple:
    """(current, target) of one question, or None for "don't know"."""
    if index % 17 == 5:
        return None
    wobble = (0.0, 0.6, -0.4, 0.3, -0.6, 0.2, 0.0)[index % 7]
    current = round(maturity + SECTION_OFFSETS.get(section, 0.0) + wobble)
    current = max(1, min(level_count, current))
    return current, min(level_count, current + (2 if index % 3 == 0 else 1))


def demo_peers_load(framework: Framework) -> list[str]:
    """Create the fictional contributing offices unless they exist."""
    if Organisation.objects.filter(name__startswith=PREFIX).exists():
        return []
    count = _create(framework)
    return [
        ngettext(
            "%(count)d fictional peer office contributing to the benchmark",
            "%(count)d fictional peer offices contributing to the benchmark",
            count,
        )
        % {"count": count}
    ]


@transaction.atomic
def _create(framework: Framework) -> int:
    offices = profiles()
    now = timezone.now()
    numbers = [f"{n:02d}" for n in range(1, len(offices) + 1)]
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"fictional-peer-{number}",
            email=f"fictional-peer-{number}@example.org",
            password=make_password(None),  # cannot sign in
            is_active=False,
        )
        for number in numbers
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"{PREFIX} {number} (benchmark demo)",
            kind=kind,
            size=size,
            region=region,
            structure_code=structure,
        )
        for number, (kind, size, region, structure, _m) in zip(numbers, offices, strict=True)
    )
    Membership.objects.bulk_create(
        Membership(organisation=o, user=u, role=Membership.Role.OWNER)
        for o, u in zip(organisations, users, strict=True)
    )
    completed = [now - timedelta(days=3 * position + 1) for position in range(len(offices))]
    assessments = Assessment.objects.bulk_create(
        Assessment(
            organisation=o,
            framework=framework,
            title="Fictional assessment 2026",
            status=Assessment.Status.COMPLETE,
            created_by=u,
            completed_at=when,
        )
        for o, u, when in zip(organisations, users, completed, strict=True)
    )
    responses = Response.objects.bulk_create(
        Response(assessment=a, respondent=u, perspective="it", submitted_at=when)
        for a, u, when in zip(assessments, users, completed, strict=True)
    )
    questions = list(
        Question.objects.filter(framework=framework)
        .select_related("section")
        .order_by("section__position", "position")
    )
    level_count = framework.levels.count()
    answers, infos = [], []
    for response, (*_profile, maturity) in zip(responses, offices, strict=True):
        mine = []
        for index, question in enumerate(questions):
            levels = answer_levels(maturity, question.section.code, index, level_count)
            current, target = levels if levels else (None, None)
            answers.append(
                Answer(
                    response=response,
                    question=question,
                    current=current,
                    target=target,
                    dont_know=levels is None,
                    updated_by=response.respondent,
                )
            )
            mine.append(
                AnswerInfo(
                    respondent=response.respondent.username,
                    question=question.code,
                    current=current,
                    target=target,
                    dont_know=levels is None,
                )
            )
        infos.append(mine)
    Answer.objects.bulk_create(answers)
    # Scored in memory with the same rule as every assessment (the data are
    # the same for each office but the answers).
    data = assessment_data(assessments[0])
    Contribution.objects.bulk_create(
        Contribution(
            assessment=assessment,
            organisation=assessment.organisation,
            framework=framework,
            contributed_by=assessment.created_by,
            scored_at=now,
            **stored_numbers(score(data.questions, mine, len(data.levels), data.criteria)),
        )
        for assessment, mine in zip(assessments, infos, strict=True)
    )
    return len(offices)


def demo_contribute(assessment: Assessment, user) -> None:
    """The demo office contributes its newest assessment too."""
    if not Contribution.objects.filter(assessment=assessment).exists():
        contribution_create(assessment=assessment, user=user)
