"""The summary read model (reports.summary): a table of cases on plain data,
then once end to end from the database through results_build and roadmap_view."""

from types import SimpleNamespace

import pytest

from assessment.scoring import BY_PROFILE, LEVELLED, STAGED, UNANSWERED, Overall
from reports.results import CriterionRow, ResultsReport, Row
from reports.roadmap_view import RoadmapView, RoadmapViewItem, roadmap_view
from reports.summary import Summary, SummaryGap, SummaryStep, summary_build

LEVELS = ["Initial", "Spreading", "Widespread", "Mature"]


def report(*, level=None, score=None, rule=STAGED, criteria=(), gaps=(), respondents=1):
    """A ResultsReport with only what the summary reads filled in."""
    return ResultsReport(
        assessment=None,
        data=SimpleNamespace(respondents=respondents),
        results=SimpleNamespace(
            overall=Overall(score, level, 0, 0, 0, 0, rule=rule, level_count=len(LEVELS))
        ),
        level_names=LEVELS,
        overall_name=LEVELS[level - 1] if level else None,
        overall_description=f"{LEVELS[level - 1]} level." if level else "",
        principles=[],
        dimension_gaps=list(gaps),
        question_gaps=[],
        components=[],
        disagreements=[],
        perspectives=[],
        criteria=list(criteria),
        structure_fit=None,
        sides=[],
    )


def criterion(question, level, *, met=False, current=None, status=LEVELLED, descriptor=""):
    return CriterionRow(
        question=question,
        text=f"Text of {question}",
        level=level,
        level_name=LEVELS[level - 1],
        met=met,
        status=status,
        current=current,
        descriptor=descriptor,
        not_applicable_allowed=False,
    )


def gap(kind, code, name, current, target):
    return Row(code, name, current, target, target - current, kind=kind)


def item(code, phase, position):
    return RoadmapViewItem(
        capability_code=code,
        name=f"Name of {code}",
        position=position,
        phase=phase,
        priority=1.0,
        reasons=(),
        needs=(),
        roles=(),
        effort="M",
        deliverable_code="PLATFORMS",
        typical_owner="",
    )


def roadmap(*items, error=""):
    return RoadmapView(assessment_id=1, items=tuple(items), error=error)


GAPS = [
    gap("component", "C3", "Workflow orchestration", 1.0, 3.5),
    gap("principle", "P2", "Workflow orchestration", 1.5, 3.5),
    gap("section", "DEV", "Development", 2.0, 3.5),
    gap("principle", "P1", "CI/CD automation", 2.0, 3.0),
]


@pytest.mark.parametrize(
    ("case", "kwargs", "road", "expected"),
    [
        (
            "nothing submitted yet",
            {"respondents": 0},
            None,
            {
                "assessed": False,
                "level": None,
                "level_name": None,
                "next_level": 2,
                "next_level_name": "Spreading",
                "unmet": (),
                "top_gaps": (),
                "first_steps": (),
            },
        ),
        (
            "level 2: the unmet criteria of level 3 only, the met one and level 4's left out",
            {
                "level": 2,
                "score": 2.25,
                "criteria": [
                    criterion("DEV-01", 3, current=2.0, descriptor="Built by a pipeline."),
                    criterion("DEV-02", 3, status=UNANSWERED),
                    criterion("DEV-03", 3, met=True, current=3.0),
                    criterion("DEV-04", 4, current=1.0),
                ],
            },
            None,
            {
                "assessed": True,
                "level_name": "Spreading",
                "level_meaning": "Spreading level.",
                "profile_score": 2.25,
                "next_level_name": "Widespread",
                "unmet": ("DEV-01", "DEV-02"),
                # The descriptor when there is one, else the level's name.
                "must_reach": ("Built by a pipeline.", "Widespread"),
            },
        ),
        (
            "the highest level: nothing stands before a next one",
            {"level": 4, "score": 3.8, "criteria": [criterion("DEV-01", 4, met=True)]},
            None,
            {"next_level": None, "next_level_name": None, "unmet": ()},
        ),
        (
            "by the profile: no criteria, the rule says so",
            {"level": 2, "score": 2.4, "rule": BY_PROFILE},
            None,
            {"rule": BY_PROFILE, "unmet": ()},
        ),
        (
            "the three largest gaps, in the results' order, each with its kind",
            {"level": 2, "score": 2.0, "gaps": GAPS},
            None,
            {
                "top_gaps": (("component", "C3"), ("principle", "P2"), ("section", "DEV")),
                "anchors": ("component-C3", "principle-P2", "section-DEV"),
            },
        ),
        (
            "fewer gaps than three",
            {"level": 2, "score": 2.0, "gaps": GAPS[:1]},
            None,
            {"top_gaps": (("component", "C3"),)},
        ),
        (
            "first steps: the first phase in the roadmap's order, at most three",
            {"level": 2, "score": 2.0},
            roadmap(
                item("B", 1, 2),
                item("LATER", 2, 5),
                item("A", 1, 1),
                item("C", 1, 3),
                item("D", 1, 4),
            ),
            {"first_steps": ("A", "B", "C"), "first_step": "Name of A"},
        ),
        (
            "a roadmap that could not be built: no steps, and why",
            {"level": 2, "score": 2.0},
            roadmap(error="The capabilities A and B need each other."),
            {"first_steps": (), "roadmap_error": "The capabilities A and B need each other."},
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_summary(case, kwargs, road, expected):
    summary = summary_build(report(**kwargs), road)
    seen = {
        "assessed": summary.assessed,
        "level": summary.level,
        "level_name": summary.level_name,
        "level_meaning": summary.level_meaning,
        "profile_score": summary.profile_score,
        "rule": summary.rule,
        "next_level": summary.next_level,
        "next_level_name": summary.next_level_name,
        "unmet": tuple(c.question for c in summary.unmet),
        "must_reach": tuple(c.must_reach for c in summary.unmet),
        "top_gaps": tuple((g.kind, g.code) for g in summary.top_gaps),
        "anchors": tuple(g.anchor for g in summary.top_gaps),
        "first_steps": tuple(s.capability_code for s in summary.first_steps),
        "first_step": summary.first_step.name if summary.first_step else None,
        "roadmap_error": summary.roadmap_error,
    }
    assert {key: seen[key] for key in expected} == expected


def test_a_gap_carries_its_name_and_kind_for_a_person_to_read():
    summary = summary_build(report(level=2, score=2.0, gaps=GAPS))
    assert summary.top_gaps[0] == SummaryGap(
        kind="component",
        kind_label="component",
        code="C3",
        name="Workflow orchestration",
        current=1.0,
        target=3.5,
        gap=2.5,
    )
    assert summary.top_gaps[2].kind_label == "topic"  # sections are the office's topics


@pytest.mark.django_db
def test_from_the_database(submitted_and_closed):
    """The tiny framework, owner DEV-01 1 -> 3 and DEV-02 2 -> 2: the roadmap
    starts with the source code repository, which CI/CD needs."""
    from reports.results import results_build

    results = results_build(submitted_and_closed.assessment)
    summary = summary_build(results, roadmap_view(submitted_and_closed.assessment, results))
    assert isinstance(summary, Summary)
    assert (summary.level_count, summary.respondents) == (4, 1)
    assert summary.profile_score == 1.5
    # Equal gaps of 2: by kind, then code.
    assert [(g.kind_label, g.name) for g in summary.top_gaps] == [
        ("component", "CI/CD component"),
        ("principle", "CI/CD automation"),
        ("topic", "Development"),
    ]
    assert summary.first_steps == (SummaryStep("SOURCE-REPO", "Source code repository", 1, 1),)
