"""GET /api/assessments/<id>/results/: the numbers of the results page."""

import pytest

from reports.results import results_build
from tests.api import api, assert_members_read_only
from tests.factories import answer

pytestmark = pytest.mark.django_db


def url(world):
    return f"/api/assessments/{world.assessment.pk}/results/"


# `submitted` (conftest): DEV-01 median of 1 and 3 = 2, target median of 3
# and 4 = 3.5; DEV-02 2 (the N/A gives no level).


def test_overall_level_and_counts(submitted):
    body = api(submitted.viewer).get(url(submitted)).json()
    assert body["assessment"] == submitted.assessment.pk
    assert body["levels"] == ["Initial", "Spreading", "Widespread", "Mature"]
    assert body["respondents"] == 2
    assert body["overall"] == {
        "level": 2,
        "level_name": "Spreading",
        # The tiny framework names no level criteria: the profile rule, said so.
        "rule": "profile",
        "criteria_version": None,
        "profile_score": 2.0,
        "score": 2.0,
        "next_level": 3,
        "next_level_name": "Widespread",
        "next_level_unmet": [],
        "criteria": [],
        "structure_fit": None,
        "answered": 2,
        "not_applicable": 0,
        "dont_know": 0,
        "unanswered": 0,
        "low_coverage": False,
    }


def test_dimensions_with_current_target_gap_and_counts(submitted):
    dimensions = api(submitted.owner).get(url(submitted)).json()["dimensions"]
    by_code = {(d["kind"], d["code"]): d for d in dimensions}
    assert by_code[("principle", "P1")] == {
        "kind": "principle",
        "code": "P1",
        "name": "CI/CD automation",
        "current": 2.0,
        "target": 3.5,
        "gap": 1.5,
        "answered": 1,
        "not_applicable": 0,
        "dont_know": 0,
        "unanswered": 0,
        # DEV-01: the owner (IT) gave 1, the editor (business: statistics) 3.
        "by_side": {"statistics": 3.0, "it": 1.0},
    }
    assert by_code[("section", "DEV")]["current"] == 2.0


def test_gaps_ranked_by_priority_with_capabilities(submitted):
    (gap,) = api(submitted.owner).get(url(submitted)).json()["gaps"]
    # gap 1.5 × focus factor 1 (DATA, moderately) × weight 1.5
    assert gap == {
        "question": "DEV-01",
        "text": "How is code built and deployed?",
        "section": "DEV",
        "current": 2.0,
        "target": 3.5,
        "gap": 1.5,
        "weight": 1.5,
        "focus_factor": 1.0,
        "priority": 2.25,
        "capabilities": ["CICD"],
    }


def test_the_same_numbers_as_the_page(submitted):
    report = results_build(submitted.assessment)
    body = api(submitted.owner).get(url(submitted)).json()
    assert body["overall"]["score"] == report.results.overall.score
    assert len(body["dimensions"]) == len(report.results.dimensions)
    assert [g["question"] for g in body["gaps"]] == [g.question for g, _ in report.question_gaps]


def test_before_anyone_submits_there_is_no_level(world):
    answer(world.owner_response, "DEV-01", current=4)  # not submitted: not counted
    body = api(world.owner).get(url(world)).json()
    assert (body["overall"]["level"], body["overall"]["score"]) == (None, None)
    assert body["overall"]["unanswered"] == 2
    assert body["gaps"] == []


def test_permissions(submitted):
    assert_members_read_only(submitted, url(submitted))


def test_not_applicable_answers_with_their_reasons(submitted):
    body = api(submitted.viewer).get(url(submitted)).json()
    [row] = body["not_applicable_answers"]
    assert row["question"] == "DEV-02" and row["reason"] == "No code of our own."
    editor = submitted.editor
    assert row["respondent"] == (editor.get_full_name() or editor.username)
