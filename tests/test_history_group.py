"""assessment.display.history_group: changes per question and respondent,
bursts merged into runs. Plain objects, no database."""

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from assessment.display import history_group

T0 = datetime(2026, 5, 1, 9, 0)
LEVELS = {1: "Initial", 2: "Spreading", 3: "Widespread", 4: "Mature"}


def change(question: int, response: int, minutes: float, old: dict, new: dict, who="ana"):
    return SimpleNamespace(
        answer=SimpleNamespace(
            question_id=question,
            response_id=response,
            question=SimpleNamespace(code=f"Q{question}"),
            response=SimpleNamespace(respondent=f"r{response}"),
        ),
        changed_at=T0 + timedelta(minutes=minutes),
        changed_by=SimpleNamespace(get_username=lambda: who),
        old=old,
        new=new,
    )


def level(current, target=None):
    return {"current": current, "target": target}


@pytest.mark.parametrize(
    "minutes, runs",
    [
        ([0], 1),  # one change
        ([0, 1, 4], 1),  # each within five minutes of the one before
        ([0, 6], 2),  # apart
        ([0, 4, 8, 30], 2),  # a chain of close changes is one run, then a later one
    ],
)
def test_close_changes_merge_into_runs(minutes, runs):
    values = [level(n % 4 + 1) for n in range(len(minutes) + 1)]
    changes = [change(1, 1, m, values[i], values[i + 1]) for i, m in enumerate(minutes)][
        ::-1
    ]  # newest first, as the selector gives them
    (group,) = history_group(changes, LEVELS)
    assert len(group.runs) == runs
    assert len(group.changes) == len(minutes)
    newest = group.runs[0]
    assert newest.new_text == f"current {LEVELS[len(minutes) % 4 + 1]}, target not chosen"


def test_a_run_reads_from_before_its_first_change_to_after_its_last():
    changes = [
        change(1, 1, 2, level(2, 3), level(3, 4), who="bo"),
        change(1, 1, 1, level(1, 2), level(2, 3)),
        change(1, 1, 0, {}, level(1, 2)),
    ]
    (group,) = history_group(changes, LEVELS)
    (run,) = group.runs
    assert run.old_text == "no answer"
    assert run.new_text == "current Widespread, target Mature"
    assert run.people == ["ana", "bo"]


def test_groups_per_question_and_respondent_most_recent_first():
    changes = [
        change(2, 1, 30, {}, level(1)),
        change(1, 2, 20, {}, level(2)),
        change(1, 1, 10, {}, level(3)),
        change(2, 1, 0, {}, level(4)),
    ]
    groups = history_group(changes, LEVELS)
    assert [(g.question.code, g.respondent) for g in groups] == [
        ("Q2", "r1"),
        ("Q1", "r2"),
        ("Q1", "r1"),
    ]
    assert len(groups[0].runs) == 2


def test_no_changes_no_groups():
    assert history_group([], LEVELS) == []
