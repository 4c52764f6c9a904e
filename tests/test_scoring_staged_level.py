"""The staged maturity level (assessment.scoring), as tables of cases.

The organisation is at level N when every criterion of levels 2..N is met;
the profile score (the mean) is reported beside it and never decides it.
"""

import pytest

from assessment.scoring import (
    BY_PROFILE,
    NOT_APPLICABLE,
    NOT_ASKED,
    STAGED,
    AnswerInfo,
    CriterionInfo,
    QuestionInfo,
    score,
)

# Two criteria per level above the first, and six other ("technical") questions.
CRITERIA = [
    CriterionInfo(2, "NET"),
    CriterionInfo(2, "SOFTWARE"),
    CriterionInfo(3, "STRATEGY"),
    CriterionInfo(3, "TRAINING"),
    CriterionInfo(4, "PIPELINES"),
    CriterionInfo(4, "MONITORING", not_applicable_allowed=True),
]
CRITERION_CODES = ["NET", "SOFTWARE", "STRATEGY", "TRAINING", "PIPELINES", "MONITORING"]
OTHERS = [f"TECH-{n}" for n in range(1, 7)]
QUESTIONS = [QuestionInfo(code, "S") for code in CRITERION_CODES + OTHERS]


def answers(levels: dict[str, object], rest: int = 1) -> list[AnswerInfo]:
    """One respondent: ``levels`` by question (a level, "na" or "dk"), ``rest`` elsewhere."""
    result = []
    for question in QUESTIONS:
        value = levels.get(question.code, rest)
        if value == "na":
            result.append(AnswerInfo("ana", question.code, not_applicable=True))
        elif value == "dk":
            result.append(AnswerInfo("ana", question.code, dont_know=True))
        elif value is not None:
            result.append(AnswerInfo("ana", question.code, value, value))
    return result


def overall(levels, rest=1, criteria=CRITERIA):
    return score(QUESTIONS, answers(levels, rest), 4, criteria).overall


@pytest.mark.parametrize(
    ("levels", "rest", "expected"),
    [
        # The review's case: every criterion of Spreading and Widespread met,
        # everything else at Initial. The mean (1.5) would say Initial.
        ({"NET": 3, "SOFTWARE": 3, "STRATEGY": 3, "TRAINING": 3}, 1, 3),
        # Everything at 4 but one Spreading criterion: held at Initial.
        ({"NET": 1}, 4, 1),
        # Criteria met exactly at their own level.
        (
            {
                "NET": 2,
                "SOFTWARE": 2,
                "STRATEGY": 3,
                "TRAINING": 3,
                "PIPELINES": 4,
                "MONITORING": 4,
            },
            1,
            4,
        ),
        # Widespread criteria met, but not Spreading's: levels are climbed in order.
        ({"NET": 1, "SOFTWARE": 3, "STRATEGY": 3, "TRAINING": 3}, 4, 1),
        # Everything at 2: Spreading.
        ({}, 2, 2),
        # Don't know and unanswered criteria are not met.
        ({"NET": "dk"}, 4, 1),
        ({"SOFTWARE": None}, 4, 1),
        # Not applicable: met only where the framework allows it.
        ({"MONITORING": "na"}, 4, 4),
        ({"PIPELINES": "na"}, 4, 3),
    ],
)
def test_the_level_is_the_highest_with_every_criterion_below_met(levels, rest, expected):
    result = overall(levels, rest)
    assert result.rule == STAGED
    assert result.level == expected


def test_the_profile_score_is_the_mean_and_does_not_decide_the_level():
    result = overall({"NET": 3, "SOFTWARE": 3, "STRATEGY": 3, "TRAINING": 3}, rest=1)
    assert result.score == pytest.approx((4 * 3 + 8 * 1) / 12)
    assert result.level == 3


def test_what_stands_between_the_office_and_the_next_level():
    result = overall({"NET": 2, "SOFTWARE": 2, "STRATEGY": 3, "TRAINING": 2}, rest=1)
    assert result.level == 2 and result.next_level == 3
    [unmet] = result.next_level_unmet
    assert (unmet.question, unmet.level, unmet.current, unmet.met) == ("TRAINING", 3, 2.0, False)


def test_at_the_top_there_is_no_next_level():
    result = overall({}, rest=4)
    assert (result.level, result.next_level, result.next_level_unmet) == (4, None, [])


def test_no_levelled_answer_gives_no_level():
    result = overall({code: "na" for code in CRITERION_CODES + OTHERS})
    assert result.level is None and result.score is None
    assert result.next_level == 2
    assert {c.status for c in result.next_level_unmet} == {NOT_APPLICABLE}


def test_a_criterion_on_a_question_this_version_lacks_is_not_met():
    criteria = [*CRITERIA, CriterionInfo(2, "NEWER-QUESTION")]
    result = overall({}, rest=4, criteria=criteria)
    assert result.level == 1
    assert [(c.question, c.status) for c in result.next_level_unmet] == [
        ("NEWER-QUESTION", NOT_ASKED)
    ]


def test_a_level_left_without_criteria_is_not_reached():
    only_two = [c for c in CRITERIA if c.level == 2]
    assert overall({}, rest=4, criteria=only_two).level == 2


def test_the_median_of_respondents_counts():
    # Two respondents split 2 and 3 on a Widespread criterion: 2.5 is not 3.
    rows = answers({}, rest=3) + [
        AnswerInfo("ben", code, 3, 3) for code in CRITERION_CODES + OTHERS if code != "TRAINING"
    ]
    rows.append(AnswerInfo("ben", "TRAINING", 2, 2))
    result = score(QUESTIONS, rows, 4, CRITERIA).overall
    assert result.level == 2


def test_without_criteria_the_level_is_the_profile_rule_and_says_so():
    result = overall({"NET": 3, "SOFTWARE": 3, "STRATEGY": 3, "TRAINING": 3}, criteria=())
    assert result.rule == BY_PROFILE
    assert result.level == 1  # floor of the mean, 1.67
    assert result.next_level_unmet == []


def test_the_readmes_worked_example():
    # README, "Worked example": the 9 criteria questions of Spreading and
    # Widespread met, 48 other questions at Initial.
    spreading = ["COLLAB-02", "ENV-01", "PROD-01"]
    widespread = ["ORG-01", "ORG-03", "PEOPLE-03", "STRAT-02", "STRAT-01"]
    mature = ["ENV-06", "PROD-02", "DEV-04", "MON-01", "MON-03"]
    # The 48 others: the Mature criteria and 43 more.
    codes = spreading + widespread + mature + [f"OTHER-{n}" for n in range(43)]
    questions = [QuestionInfo(code, "S") for code in codes]
    criteria = (
        [CriterionInfo(2, code) for code in [*spreading, "STRAT-02"]]
        + [CriterionInfo(3, code) for code in widespread]
        + [CriterionInfo(4, code) for code in mature]
    )
    levels = {**dict.fromkeys(spreading, 2), **dict.fromkeys(widespread, 3)}
    rows = [AnswerInfo("ana", code, levels.get(code, 1), levels.get(code, 1)) for code in codes]
    result = score(questions, rows, 4, criteria).overall
    assert round(result.score, 2) == 1.23
    assert result.level == 3
    assert [(c.question, c.current) for c in result.next_level_unmet] == [
        (code, 1.0) for code in mature
    ]
