"""Answers as short text for people: conflict messages and the history page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.text import Truncator
from django.utils.translation import gettext as _


def answer_summary(values: dict, level_names: dict[int, str]) -> str:
    """E.g. "current Spreading, target Widespread, comment “We use Git.”"."""
    if not values:
        return _("no answer")
    if values.get("not_applicable"):
        parts = [_("not applicable")]
    elif values.get("dont_know"):
        parts = [_("don't know")]
    else:
        current, target = values.get("current"), values.get("target")
        parts = [
            _("current %(level)s") % {"level": level_names.get(current, _("not chosen"))},
            _("target %(level)s") % {"level": level_names.get(target, _("not chosen"))},
        ]
    if values.get("comment"):
        comment = Truncator(values["comment"]).chars(80)
        parts.append(_("comment “%(comment)s”") % {"comment": comment})
    if values.get("evidence_url"):
        parts.append(_("evidence %(url)s") % {"url": values["evidence_url"]})
    if values.get("carried_over"):
        parts.append(_("carried over, not yet confirmed"))
    return ", ".join(parts)


@dataclass
class HistoryRun:
    """Consecutive changes of one answer, close in time, read as one: from
    what it was before the first to what the last made it."""

    changes: list  # AnswerChange, oldest first
    old_text: str = ""
    new_text: str = ""

    @property
    def first(self):
        return self.changes[0]

    @property
    def last(self):
        return self.changes[-1]

    @property
    def people(self) -> list[str]:
        names = [c.changed_by.get_username() if c.changed_by else "—" for c in self.changes]
        return list(dict.fromkeys(names))


@dataclass
class HistoryGroup:
    """Every change of one question by one respondent, newest run first."""

    question: object
    respondent: object
    runs: list[HistoryRun] = field(default_factory=list)
    changes: list = field(default_factory=list)  # newest first, for the full list

    @property
    def latest(self):
        return self.changes[0]


def history_group(
    changes, level_names: dict[int, str], window: timedelta = timedelta(minutes=5)
) -> list[HistoryGroup]:
    """Changes (newest first, as the selector gives them) grouped per question
    and respondent, most recently changed first; within a group, changes less
    than ``window`` apart merge into one run."""
    groups: dict[tuple[int, int], HistoryGroup] = {}
    for change in changes:
        answer = change.answer
        key = (answer.question_id, answer.response_id)
        if key not in groups:
            groups[key] = HistoryGroup(answer.question, answer.response.respondent)
        groups[key].changes.append(change)
    for group in groups.values():
        oldest_first = list(reversed(group.changes))
        runs: list[HistoryRun] = []
        for change in oldest_first:
            if runs and change.changed_at - runs[-1].last.changed_at < window:
                runs[-1].changes.append(change)
            else:
                runs.append(HistoryRun([change]))
        for run in runs:
            run.old_text = answer_summary(run.first.old, level_names)
            run.new_text = answer_summary(run.last.new, level_names)
        for change in group.changes:
            change.old_text = answer_summary(change.old, level_names)
            change.new_text = answer_summary(change.new, level_names)
        group.runs = list(reversed(runs))
    return list(groups.values())
