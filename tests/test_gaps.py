"""reports.gaps: priorities as tables of cases, without the database."""

import pytest

from assessment.scoring import AnswerInfo, QuestionInfo, score
from reports.gaps import dimension_gaps, focus_factor, gaps_rank, question_factor

QUESTIONS = [
    QuestionInfo("DATA-1", "S", focus_areas=("DATA",), capabilities=("DV",), principles=("P4",)),
    QuestionInfo("SEC-1", "S", focus_areas=("SECURITY",), capabilities=("SP",)),
    QuestionInfo("BIG-1", "S", weight=2.0, capabilities=("CI",), principles=("P1",)),
    QuestionInfo("DONE-1", "S", focus_areas=("DATA",)),
]
ANSWERS = [
    AnswerInfo("ann", "DATA-1", 1, 3),  # gap 2
    AnswerInfo("ann", "SEC-1", 1, 3),  # gap 2
    AnswerInfo("ann", "BIG-1", 3, 4),  # gap 1, weight 2
    AnswerInfo("ann", "DONE-1", 4, 4),  # no gap
]
RESULTS = score(QUESTIONS, ANSWERS, 4)


def both(weights):
    """The same weights for the statistics and the IT perspective."""
    return {"statistics": weights, "it": weights}


def order(weights):
    return [g.question for g in gaps_rank(QUESTIONS, RESULTS.questions, both(weights))]


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ({}, ["DATA-1", "SEC-1", "BIG-1"]),  # ties broken by code
        ({"DATA": 2, "SECURITY": 3}, ["SEC-1", "DATA-1", "BIG-1"]),
        ({"DATA": 3, "SECURITY": 0}, ["DATA-1", "BIG-1", "SEC-1"]),
        ({"DATA": 0, "SECURITY": 0}, ["BIG-1", "DATA-1", "SEC-1"]),
    ],
)
def test_focus_weights_change_the_order(weights, expected):
    assert order(weights) == expected


def test_focus_weights_do_not_change_the_score():
    assert RESULTS.overall.score == score(QUESTIONS, ANSWERS, 4).overall.score
    gaps = {g.question: g for g in gaps_rank(QUESTIONS, RESULTS.questions, both({"DATA": 3}))}
    assert gaps["DATA-1"].gap == 2 and gaps["DATA-1"].priority == 3.0


def test_priority_formula():
    gap = gaps_rank(QUESTIONS, RESULTS.questions, both({}))[2]
    assert (gap.question, gap.gap, gap.weight, gap.focus_factor, gap.priority) == (
        "BIG-1",
        1.0,
        2.0,
        1.0,
        2.0,
    )
    assert gap.capabilities == ("CI",)


def test_questions_at_target_and_unanswered_have_no_gap():
    results = score(QUESTIONS, [AnswerInfo("ann", "DONE-1", 4, 4)], 4)
    assert gaps_rank(QUESTIONS, results.questions, both({})) == []


@pytest.mark.parametrize(
    ("areas", "weights", "factor"),
    [
        ((), {"DATA": 3}, 1.0),
        (("DATA",), {}, 1.0),
        (("DATA",), {"DATA": 0}, 0.25),
        (("DATA", "SECURITY"), {"DATA": 1, "SECURITY": 3}, 1.5),
    ],
)
def test_focus_factor(areas, weights, factor):
    assert focus_factor(areas, weights) == factor


def test_dimension_gaps_largest_first():
    ranked = dimension_gaps(RESULTS.dimensions)
    assert [(d.kind, d.code, d.gap) for d in ranked] == [
        ("principle", "P4", 2.0),
        ("section", "S", 1.25),
        ("principle", "P1", 1.0),
    ]
    assert all(d.gap for d in ranked)


# ------------------------------------------------------ two perspectives

WEIGHTS = {"statistics": {"DATA": 3, "SECURITY": 0}, "it": {"DATA": 0, "SECURITY": 3}}


@pytest.mark.parametrize(
    ("sides", "factor"),
    [
        (("statistics",), 1.5),  # a statistician cares very much about data
        (("it",), 0.25),  # IT not at all
        (("statistics", "it"), (1.5 + 0.25) / 2),
        (("",), (1.5 + 0.25) / 2),  # neither side counts as both
        ((), (1.5 + 0.25) / 2),
    ],
)
def test_a_question_counts_with_the_weights_of_its_respondents_sides(sides, factor):
    assert question_factor(("DATA",), sides, WEIGHTS) == pytest.approx(factor)


def test_each_respondents_perspective_orders_their_gaps():
    answers = [
        AnswerInfo("stat", "DATA-1", 1, 3, side="statistics"),
        AnswerInfo("tech", "SEC-1", 1, 3, side="it"),
    ]
    results = score(QUESTIONS, answers, 4)
    ranked = gaps_rank(QUESTIONS, results.questions, WEIGHTS)
    assert [(g.question, g.focus_factor) for g in ranked] == [("DATA-1", 1.5), ("SEC-1", 1.5)]
    # Had IT answered the data question, it would have counted for little.
    results = score(QUESTIONS, [AnswerInfo("tech", "DATA-1", 1, 3, side="it")], 4)
    assert gaps_rank(QUESTIONS, results.questions, WEIGHTS)[0].focus_factor == 0.25
