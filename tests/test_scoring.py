"""assessment.scoring as tables of cases, without the database."""

import pytest

from assessment.scoring import (
    DONT_KNOW,
    LEVELLED,
    NOT_APPLICABLE,
    UNANSWERED,
    AnswerInfo,
    QuestionInfo,
    compare,
    level_reached,
    score,
)

Q1 = QuestionInfo("Q1", "S1", principles=("P1",), components=("C1",))
Q2 = QuestionInfo("Q2", "S1", principles=("P1", "P2"))
Q3 = QuestionInfo("Q3", "S2", components=("C1",))
QUESTIONS = [Q1, Q2, Q3]


def a(respondent, question, current=None, target=None, **flags):
    return AnswerInfo(respondent, question, current, target, **flags)


def by_code(results, kind):
    return {d.code: d for d in results.dimensions_of(kind)}


def test_no_answers_at_all():
    results = score(QUESTIONS, [], 4)
    assert {q.status for q in results.questions.values()} == {UNANSWERED}
    assert results.overall.score is None and results.overall.level is None
    assert by_code(results, "principle")["P1"].current is None
    assert by_code(results, "principle")["P1"].unanswered == 2
    assert results.overall.low_coverage


def test_all_not_applicable():
    answers = [a("ann", q.code, not_applicable=True) for q in QUESTIONS]
    results = score(QUESTIONS, answers, 4)
    assert {q.status for q in results.questions.values()} == {NOT_APPLICABLE}
    assert results.overall.level is None and results.overall.not_applicable == 3
    assert not results.overall.low_coverage  # nothing applicable, nothing missing


@pytest.mark.parametrize(
    ("answers", "status"),
    [
        ([a("ann", "Q1", dont_know=True)], DONT_KNOW),
        ([a("ann", "Q1", not_applicable=True), a("bob", "Q1", dont_know=True)], DONT_KNOW),
        (
            [
                a("ann", "Q1", not_applicable=True),
                a("bob", "Q1", not_applicable=True),
                a("cat", "Q1", dont_know=True),
            ],
            NOT_APPLICABLE,
        ),
        (
            [
                a("ann", "Q1", dont_know=True),
                a("bob", "Q1", dont_know=True),
                a("cat", "Q1", not_applicable=True),
            ],
            DONT_KNOW,
        ),
        ([a("ann", "Q1", dont_know=True), a("bob", "Q1", 2, 3)], LEVELLED),
        ([], UNANSWERED),
    ],
)
def test_question_status(answers, status):
    assert score(QUESTIONS, answers, 4).questions["Q1"].status == status


def test_dont_know_is_counted_not_scored():
    results = score(QUESTIONS, [a("ann", "Q1", 3, 4), a("ann", "Q2", dont_know=True)], 4)
    p1 = by_code(results, "principle")["P1"]
    assert (p1.current, p1.levelled, p1.dont_know) == (3.0, 1, 1)
    assert results.overall.score == 3.0


def test_one_respondent():
    results = score(QUESTIONS, [a("ann", "Q1", 2, 4)], 4)
    q1 = results.questions["Q1"]
    assert (q1.current, q1.target, q1.gap, q1.spread, q1.respondents) == (2, 4, 2, 0, 1)


def test_several_respondents_take_the_median_and_show_the_spread():
    answers = [
        a("ann", "Q1", 1, 2, perspective="it"),
        a("bob", "Q1", 2, 4, perspective="business"),
        a("cat", "Q1", 4, 4, perspective="it"),
    ]
    q1 = score(QUESTIONS, answers, 4).questions["Q1"]
    assert (q1.current, q1.target, q1.gap, q1.spread) == (2.0, 4.0, 2.0, 3)
    assert q1.by_perspective == {"business": 2.0, "it": 2.5}


def test_an_even_split_gives_a_half_level():
    answers = [a("ann", "Q1", 2, 3), a("bob", "Q1", 3, 3)]
    assert score(QUESTIONS, answers, 4).questions["Q1"].current == 2.5


def test_blank_target_means_stay_where_you_are():
    q1 = score(QUESTIONS, [a("ann", "Q1", 3)], 4).questions["Q1"]
    assert (q1.target, q1.gap) == (3.0, 0.0)


def test_dimension_means_and_counts():
    answers = [a("ann", "Q1", 1, 3), a("ann", "Q2", 3, 4), a("ann", "Q3", not_applicable=True)]
    results = score(QUESTIONS, answers, 4)
    p1 = by_code(results, "principle")["P1"]
    assert (p1.current, p1.target, p1.gap) == (2.0, 3.5, 1.5)
    c1 = by_code(results, "component")["C1"]
    assert (c1.current, c1.levelled, c1.not_applicable) == (1.0, 1, 1)
    assert set(by_code(results, "section")) == {"S1", "S2"}
    assert by_code(results, "section")["S2"].current is None


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (None, None),
        (1.0, 1),
        (1.99, 1),
        (2.0, 2),
        (2.999, 2),
        (2.0 - 1e-12, 2),
        (3.5, 3),
        (4.0, 4),
        (0.5, 1),
        (9.0, 4),
    ],
)
def test_level_boundaries(value, level):
    assert level_reached(value, 4) == level


def test_overall_level_at_a_boundary():
    answers = [a("ann", "Q1", 2, 2), a("ann", "Q2", 3, 3), a("ann", "Q3", 4, 4)]
    overall = score(QUESTIONS, answers, 4).overall
    assert (overall.score, overall.level) == (3.0, 3)


def test_low_coverage_is_flagged():
    overall = score(QUESTIONS, [a("ann", "Q1", 2, 3), a("ann", "Q2", dont_know=True)], 4).overall
    assert overall.low_coverage  # 1 of 3 applicable questions has a level
    overall = score(QUESTIONS, [a("ann", q.code, 2, 3) for q in QUESTIONS[:2]], 4).overall
    assert not overall.low_coverage


def test_answers_to_unknown_questions_are_ignored():
    results = score(QUESTIONS, [a("ann", "ELSEWHERE", 4, 4)], 4)
    assert results.overall.levelled == 0


def test_compare_by_dimension():
    before = score(QUESTIONS, [a("ann", "Q1", 1, 3)], 4)
    after = score(QUESTIONS, [a("ann", "Q1", 2, 3), a("ann", "Q3", 3, 3)], 4)
    changes = {(c.kind, c.code): c for c in compare(before, after)}
    assert changes[("principle", "P1")].change == 1.0
    assert changes[("section", "S2")].before is None
    assert changes[("section", "S2")].change is None


def test_each_side_seen_per_dimension_where_both_answered():
    answers = [
        a("stat", "Q1", 3, 3, side="statistics"),
        a("tech", "Q1", 1, 2, side="it"),
        a("stat", "Q2", 2, 2, side="statistics"),  # IT did not level Q2
        a("dsci", "Q3", 4, 4),  # neither side
    ]
    results = score(QUESTIONS, answers, 4)
    assert results.questions["Q1"].by_side == {"statistics": 3.0, "it": 1.0}
    assert results.questions["Q1"].sides == ("statistics", "it")
    assert results.questions["Q2"].by_side == {"statistics": 2.0}
    # P1 holds Q1 and Q2; only Q1 was seen from both sides.
    assert by_code(results, "principle")["P1"].by_side == {"statistics": 3.0, "it": 1.0}
    assert by_code(results, "component")["C1"].by_side == {"statistics": 3.0, "it": 1.0}
    assert by_code(results, "section")["S2"].by_side == {}


def test_the_focus_weight_sides_are_the_scoring_sides():
    from assessment.models import FocusWeight
    from assessment.scoring import SIDES

    assert tuple(FocusWeight.Side.values) == SIDES
