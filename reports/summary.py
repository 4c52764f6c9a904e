"""The message of an assessment in a few lines: the level and what it means,
the profile score, what stands between the office and the next level, the
largest gaps and the roadmap's first steps.

Plain data built from the results' and the roadmap's read models, which the
caller has already built (no query here): the results page shows it at the
top, the PDF report as its executive summary, so both say the same thing.
Everything is named for a person to read; codes travel along only so that a
reader can link to the detail (an anchor on the results page, the roadmap's
item).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reports.results import ResultsReport
    from reports.roadmap_view import RoadmapView

TOP_GAPS = 3
FIRST_STEPS = 3


def dimension_anchor(kind: str, code: str) -> str:
    """The id of a dimension's row on the results page, which the summary and
    the charts' tables share."""
    return f"{kind}-{code}"


@dataclass(frozen=True)
class SummaryCriterion:
    """A criterion of the next level that is not met yet."""

    question: str  # code, for the link only
    text: str
    current: float | None
    status_label: str  # "unanswered", "don't know", ... when there is no level
    must_reach: str  # what the answer must say (the descriptor), else the level's name


@dataclass(frozen=True)
class SummaryGap:
    """One of the largest gaps between current and target, by dimension."""

    kind: str  # "principle", "component" or "section"
    kind_label: str  # "principle", "component" or "topic", translated
    code: str
    name: str
    current: float | None
    target: float | None
    gap: float

    @property
    def anchor(self) -> str:
        return dimension_anchor(self.kind, self.code)


@dataclass(frozen=True)
class SummaryStep:
    """A capability the roadmap starts with."""

    capability_code: str  # for the link to the roadmap's item only
    name: str
    phase: int
    position: int


@dataclass(frozen=True)
class Summary:
    level: int | None  # None: not assessed yet
    level_count: int
    level_name: str | None
    level_meaning: str
    profile_score: float | None
    rule: str  # "staged" (criteria decide) or "profile" (the score does)
    respondents: int
    next_level: int | None
    next_level_name: str | None
    unmet: tuple[SummaryCriterion, ...] = ()
    top_gaps: tuple[SummaryGap, ...] = ()
    first_steps: tuple[SummaryStep, ...] = ()
    # Why there are no first steps when the roadmap cannot be built (a cycle
    # in the framework's capability dependencies); empty otherwise.
    roadmap_error: str = ""

    @property
    def assessed(self) -> bool:
        return self.level is not None

    @property
    def first_step(self) -> SummaryStep | None:
        return self.first_steps[0] if self.first_steps else None


def summary_build(report: ResultsReport, roadmap: RoadmapView | None = None) -> Summary:
    """``roadmap``: the assessment's roadmap_view; None leaves the steps out."""
    overall = report.overall
    return Summary(
        level=overall.level,
        level_count=len(report.level_names),
        level_name=report.overall_name,
        level_meaning=report.overall_description,
        profile_score=overall.score,
        rule=overall.rule,
        respondents=report.data.respondents,
        next_level=overall.next_level,
        next_level_name=report.next_level_name,
        unmet=tuple(
            SummaryCriterion(
                question=c.question,
                text=c.text,
                current=c.current,
                status_label=c.status_label,
                must_reach=c.descriptor or c.level_name,
            )
            for c in report.next_level_unmet
        ),
        top_gaps=tuple(
            SummaryGap(
                kind=row.kind,
                kind_label=row.kind_label,
                code=row.code,
                name=row.name,
                current=row.current,
                target=row.target,
                gap=row.gap,
            )
            for row in report.dimension_gaps[:TOP_GAPS]
        ),
        first_steps=_first_steps(roadmap),
        roadmap_error=roadmap.error if roadmap is not None else "",
    )


def _first_steps(roadmap: RoadmapView | None) -> tuple[SummaryStep, ...]:
    """The first phase's items in the roadmap's order, at most FIRST_STEPS."""
    if roadmap is None:
        return ()
    first = sorted(roadmap.first_phase, key=lambda item: item.position)[:FIRST_STEPS]
    return tuple(SummaryStep(i.capability_code, i.name, i.phase, i.position) for i in first)
