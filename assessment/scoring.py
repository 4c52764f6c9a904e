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
- The profile score is the mean current level of all levelled questions
  (and per dimension, as above). It describes the profile; it is not the
  maturity level.
- The maturity level is staged, as the source report defines its levels by
  what is in place: each level above the first names criteria, questions
  whose combined current level must reach that level. The organisation is at
  level N when every criterion of levels 2..N is met, at level 1 otherwise,
  and at no level with no levelled question. A criterion answered "don't
  know", unanswered, or not asked in this version is not met; one marked not
  applicable is met only where the framework allows that criterion to be N/A.
- A framework version without criteria falls back to the old rule, named as
  such: the highest level the profile score reaches (2.7 is level 2).
- When fewer than half of the applicable questions are levelled the result
  is flagged as low coverage.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import pandas as pd

from capabilities.document import SIDES  # statistics and IT: one definition for all

LEVELLED, NOT_APPLICABLE, DONT_KNOW, UNANSWERED = (
    "levelled",
    "not_applicable",
    "dont_know",
    "unanswered",
)
NOT_ASKED = "not_asked"  # a criterion's question is not in this framework version
STAGED, BY_PROFILE = "staged", "profile"  # how the level was worked out
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
    perspective: str = ""  # as shown: "IT", "Methodology", ...
    side: str = ""  # SIDES: "statistics", "it", or "" for neither (counts as both)


@dataclass(frozen=True)
class CriterionInfo:
    """A question whose combined current level must reach ``level`` (a rank)."""

    level: int
    question: str
    not_applicable_allowed: bool = False


@dataclass(frozen=True)
class CriterionResult:
    level: int
    question: str
    met: bool
    status: str
    current: float | None = None
    not_applicable_allowed: bool = False


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
    by_side: dict[str, float] = field(default_factory=dict)  # median per side
    sides: tuple[str, ...] = ()  # the side of each respondent who gave a level


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
    # Mean current level per side, over the questions both sides levelled.
    by_side: dict[str, float] = field(default_factory=dict)

    @property
    def questions(self) -> int:
        return self.levelled + self.not_applicable + self.dont_know + self.unanswered


@dataclass(frozen=True)
class Overall:
    score: float | None  # the profile score: mean current level
    level: int | None  # the maturity level, by ``rule``
    levelled: int
    not_applicable: int
    dont_know: int
    unanswered: int
    rule: str = BY_PROFILE
    criteria: tuple[CriterionResult, ...] = ()
    level_count: int = 0

    @property
    def next_level(self) -> int | None:
        if self.level is None:
            return 2 if self.level_count >= 2 else None
        return self.level + 1 if self.level < self.level_count else None

    @property
    def next_level_unmet(self) -> list[CriterionResult]:
        """What stands between the organisation and the next level."""
        return [c for c in self.criteria if c.level == self.next_level and not c.met]

    def criteria_of(self, level: int) -> list[CriterionResult]:
        return [c for c in self.criteria if c.level == level]

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
    questions: Iterable[QuestionInfo],
    answers: Iterable[AnswerInfo],
    level_count: int,
    criteria: Iterable[CriterionInfo] = (),
) -> Results:
    questions = list(questions)
    frame = pd.DataFrame([asdict(a) for a in answers], columns=ANSWER_COLUMNS)
    frame = frame[frame["question"].isin({q.code for q in questions})]
    question_scores = _question_scores([q.code for q in questions], frame)
    return Results(
        questions=question_scores,
        dimensions=_dimension_scores(questions, question_scores),
        overall=_overall(question_scores, level_count, list(criteria)),
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
    by_side: dict[str, dict[str, float]] = {}
    for (code, side), value in (
        levelled[levelled["side"].isin(SIDES)]
        .groupby(["question", "side"])["current"]
        .median()
        .items()
    ):
        by_side.setdefault(code, {})[side] = float(value)
    sides = levelled.groupby("question")["side"].agg(tuple).to_dict()
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
                by_side=by_side.get(code, {}),
                sides=tuple(sides.get(code, ())),
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
    side_means = _side_means(links, scores)
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
                by_side=side_means.get((kind, dimension), {}),
            )
        )
    order = {kind: index for index, kind in enumerate(DIMENSION_KINDS)}
    return sorted(result, key=lambda d: order[d.kind])


def _side_means(
    links: list[tuple[str, str, str]], scores: dict[str, QuestionScore]
) -> dict[tuple[str, str], dict[str, float]]:
    """Per dimension, each side's mean over the questions both sides levelled:
    the same questions on both sides, so a difference is a difference of view."""
    levels: dict[tuple[str, str], dict[str, list[float]]] = {}
    for kind, dimension, code in links:
        by_side = scores[code].by_side
        if len(by_side) == len(SIDES):
            for side in SIDES:
                levels.setdefault((kind, dimension), {}).setdefault(side, []).append(by_side[side])
    return {
        key: {side: sum(values) / len(values) for side, values in sides.items()}
        for key, sides in levels.items()
    }


def _or_none(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def _overall(
    by_code: dict[str, QuestionScore], level_count: int, criteria: list[CriterionInfo]
) -> Overall:
    scores = list(by_code.values())
    levels = [s.current for s in scores if s.status == LEVELLED]
    counts = {
        status: sum(1 for s in scores if s.status == status)
        for status in (LEVELLED, NOT_APPLICABLE, DONT_KNOW, UNANSWERED)
    }
    mean = sum(levels) / len(levels) if levels else None
    results = tuple(criterion_check(c, by_code.get(c.question)) for c in criteria)
    if criteria:
        level = staged_level(results, level_count) if levels else None
    else:
        level = level_reached(mean, level_count)
    return Overall(
        score=mean,
        level=level,
        levelled=counts[LEVELLED],
        not_applicable=counts[NOT_APPLICABLE],
        dont_know=counts[DONT_KNOW],
        unanswered=counts[UNANSWERED],
        rule=STAGED if criteria else BY_PROFILE,
        criteria=results,
        level_count=level_count,
    )


def criterion_check(criterion: CriterionInfo, result: QuestionScore | None) -> CriterionResult:
    """Is one criterion met by a question's combined answer?"""
    if result is None:
        return CriterionResult(
            criterion.level,
            criterion.question,
            False,
            NOT_ASKED,
            None,
            criterion.not_applicable_allowed,
        )
    if result.status == LEVELLED:
        met = result.current >= criterion.level - 1e-9
    else:
        met = result.status == NOT_APPLICABLE and criterion.not_applicable_allowed
    return CriterionResult(
        criterion.level,
        criterion.question,
        met,
        result.status,
        result.current,
        criterion.not_applicable_allowed,
    )


def staged_level(criteria: Iterable[CriterionResult], level_count: int) -> int:
    """The highest level N such that every criterion of levels 2..N is met.

    A level without any criterion (its questions all missing from this
    version) cannot be shown to be reached, so it stops the climb.
    """
    by_level: dict[int, list[bool]] = {}
    for criterion in criteria:
        by_level.setdefault(criterion.level, []).append(criterion.met)
    level = 1
    for rank in range(2, level_count + 1):
        met = by_level.get(rank, [])
        if not met or not all(met):
            break
        level = rank
    return level


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
