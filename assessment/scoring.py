"""From answers to scores: plain data in, plain data out, no database.

The rule, also written in the README and shown on the results page:

- Per question, the submitted responses are combined: the current level is
  the median of the levels respondents gave (a half level when an even
  number of respondents split), the target likewise (a blank target counts
  as "stay at the current level"). "Not applicable" and "don't know" give no
  level. A question is *levelled* when at least one respondent gave a level
  (not the questionnaire's "answered", which also counts N/A and don't know);
  otherwise it is *not applicable* when most of those who answered said so,
  *don't know* when someone said that, and *unanswered* when nobody
  answered. The spread is the highest level given minus the lowest.
- Gap = target - current, never below zero.
- A dimension (a principle, a component, a section of the questionnaire)
  scores the mean current level, mean target and mean gap of its levelled
  questions; N/A, don't know and unanswered questions are counted, not
  scored.
- The overall score is the mean current level of all levelled questions.
  The overall maturity level is the highest level the score reaches
  (2.7 is level 2, "on the way to" level 3). With no levelled question
  there is no level. When fewer than half of the applicable questions are
  levelled the result is flagged as low coverage.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import pandas as pd

LEVELLED, NOT_APPLICABLE, DONT_KNOW, UNANSWERED = (
    "levelled",
    "not_applicable",
    "dont_know",
    "unanswered",
)
DIMENSION_KINDS = ("principle", "component", "section")
LOW_COVERAGE_SHARE = 0.5


@dataclass(frozen=True)
class QuestionInfo:
    code: str
    section: str
    weight: float = 1.0
    principles: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    focus_areas: tuple[str, ...] = ()
    capabilities: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerInfo:
    """One respondent's answer to one question (submitted responses only)."""

    respondent: str
    question: str
    current: int | None = None
    target: int | None = None
    not_applicable: bool = False
    dont_know: bool = False
    perspective: str = ""


@dataclass(frozen=True)
class QuestionScore:
    code: str
    status: str
    current: float | None = None
    target: float | None = None
    gap: float | None = None
    respondents: int = 0  # who gave a level
    spread: int = 0
    by_perspective: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class DimensionScore:
    kind: str
    code: str
    current: float | None
    target: float | None
    gap: float | None
    levelled: int
    not_applicable: int
    dont_know: int
    unanswered: int

    @property
    def questions(self) -> int:
        return self.levelled + self.not_applicable + self.dont_know + self.unanswered


@dataclass(frozen=True)
class Overall:
    score: float | None
    level: int | None
    levelled: int
    not_applicable: int
    dont_know: int
    unanswered: int

    @property
    def low_coverage(self) -> bool:
        applicable = self.levelled + self.dont_know + self.unanswered
        return applicable > 0 and self.levelled < LOW_COVERAGE_SHARE * applicable


@dataclass(frozen=True)
class Results:
    questions: dict[str, QuestionScore]
    dimensions: list[DimensionScore]
    overall: Overall
    level_count: int

    def dimensions_of(self, kind: str) -> list[DimensionScore]:
        return [d for d in self.dimensions if d.kind == kind]


@dataclass(frozen=True)
class DimensionChange:
    kind: str
    code: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


ANSWER_COLUMNS = [f for f in AnswerInfo.__dataclass_fields__]


def score(
    questions: Iterable[QuestionInfo], answers: Iterable[AnswerInfo], level_count: int
) -> Results:
    questions = list(questions)
    frame = pd.DataFrame([asdict(a) for a in answers], columns=ANSWER_COLUMNS)
    frame = frame[frame["question"].isin({q.code for q in questions})]
    question_scores = _question_scores([q.code for q in questions], frame)
    return Results(
        questions=question_scores,
        dimensions=_dimension_scores(questions, question_scores),
        overall=_overall(question_scores.values(), level_count),
        level_count=level_count,
    )


def _question_scores(codes: list[str], frame: pd.DataFrame) -> dict[str, QuestionScore]:
    """All questions in one pass of group-bys, rather than one filter each."""
    levelled = frame[frame["current"].notna()].astype({"current": float, "target": float})
    # A blank target means "stay where you are".
    levelled = levelled.assign(target=levelled["target"].fillna(levelled["current"]))
    per_question = levelled.groupby("question").agg(
        current=("current", "median"),
        target=("target", "median"),
        respondents=("current", "size"),
        low=("current", "min"),
        high=("current", "max"),
    )
    by_perspective: dict[str, dict[str, float]] = {}
    for (code, perspective), value in (
        levelled.groupby(["question", "perspective"])["current"].median().items()
    ):
        by_perspective.setdefault(code, {})[perspective] = float(value)
    flags = frame.groupby("question")[["not_applicable", "dont_know"]].sum()
    levelled_rows = per_question.to_dict("index")
    flag_rows = flags.to_dict("index")
    scores = {}
    for code in codes:
        row = levelled_rows.get(code)
        if row is not None:
            current, target = float(row["current"]), float(row["target"])
            scores[code] = QuestionScore(
                code=code,
                status=LEVELLED,
                current=current,
                target=target,
                gap=max(0.0, target - current),
                respondents=int(row["respondents"]),
                spread=int(row["high"] - row["low"]),
                by_perspective=by_perspective.get(code, {}),
            )
            continue
        counts = flag_rows.get(code, {"not_applicable": 0, "dont_know": 0})
        not_applicable, dont_know = int(counts["not_applicable"]), int(counts["dont_know"])
        if not_applicable > dont_know:
            status = NOT_APPLICABLE
        elif dont_know:
            status = DONT_KNOW
        else:
            status = UNANSWERED
        scores[code] = QuestionScore(code=code, status=status)
    return scores


def _dimension_scores(
    questions: list[QuestionInfo], scores: dict[str, QuestionScore]
) -> list[DimensionScore]:
    links = [
        (kind, dimension, question.code)
        for question in questions
        for kind, dimensions in (
            ("principle", question.principles),
            ("component", question.components),
            ("section", (question.section,)),
        )
        for dimension in dimensions
    ]
    if not links:
        return []
    frame = pd.DataFrame(links, columns=["kind", "dimension", "question"])
    frame["status"] = frame["question"].map(lambda c: scores[c].status)
    frame["current"] = frame["question"].map(lambda c: scores[c].current).astype(float)
    frame["target"] = frame["question"].map(lambda c: scores[c].target).astype(float)
    frame["gap"] = frame["question"].map(lambda c: scores[c].gap).astype(float)
    means = frame.groupby(["kind", "dimension"], sort=False)[["current", "target", "gap"]].mean()
    counts = (
        frame.groupby(["kind", "dimension"], sort=False)["status"]
        .value_counts()
        .unstack(fill_value=0)
    )
    result = []
    for (kind, dimension), row in means.iterrows():
        count = counts.loc[(kind, dimension)]
        result.append(
            DimensionScore(
                kind=kind,
                code=dimension,
                current=_or_none(row["current"]),
                target=_or_none(row["target"]),
                gap=_or_none(row["gap"]),
                levelled=int(count.get(LEVELLED, 0)),
                not_applicable=int(count.get(NOT_APPLICABLE, 0)),
                dont_know=int(count.get(DONT_KNOW, 0)),
                unanswered=int(count.get(UNANSWERED, 0)),
            )
        )
    order = {kind: index for index, kind in enumerate(DIMENSION_KINDS)}
    return sorted(result, key=lambda d: order[d.kind])


def _or_none(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def _overall(scores: Iterable[QuestionScore], level_count: int) -> Overall:
    scores = list(scores)
    levels = [s.current for s in scores if s.status == LEVELLED]
    counts = {
        status: sum(1 for s in scores if s.status == status)
        for status in (LEVELLED, NOT_APPLICABLE, DONT_KNOW, UNANSWERED)
    }
    mean = sum(levels) / len(levels) if levels else None
    return Overall(
        score=mean,
        level=level_reached(mean, level_count),
        levelled=counts[LEVELLED],
        not_applicable=counts[NOT_APPLICABLE],
        dont_know=counts[DONT_KNOW],
        unanswered=counts[UNANSWERED],
    )


def level_reached(value: float | None, level_count: int) -> int | None:
    """The highest level a score reaches: 2.999 is 2, 3.0 is 3."""
    if value is None:
        return None
    # A float mean of whole levels can land a hair below a whole number.
    return max(1, min(level_count, math.floor(value + 1e-9)))


def compare(before: Results, after: Results) -> list[DimensionChange]:
    """The change of each dimension of ``after`` since ``before`` (by code)."""
    earlier = {(d.kind, d.code): d.current for d in before.dimensions}
    return [
        DimensionChange(d.kind, d.code, earlier.get((d.kind, d.code)), d.current)
        for d in after.dimensions
    ]
