"""Everything the results page (and the PDF report) shows, built once.

Reads through reports.selectors, computes with the pure core, and draws with
reports.charts, so the page and the PDF cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from assessment.models import Assessment
from assessment.scoring import LEVELLED, Results, compare
from reports import charts
from reports.content_cache import FigureSpec, figures_json, score_cached
from reports.gaps import Gap, dimension_gaps, gaps_rank
from reports.selectors import AssessmentData, assessment_data, earlier_assessment

TOP_GAPS = 15


def kind_label(kind: str) -> str:
    """Sections of the questionnaire are the organisation's topics."""
    labels = {"principle": _("principle"), "component": _("component"), "section": _("topic")}
    return labels.get(kind, kind)


@dataclass
class Row:
    """One line of a table: label plus numbers, as shown next to a chart."""

    code: str
    name: str
    current: float | None = None
    target: float | None = None
    gap: float | None = None
    kind: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


@dataclass
class ResultsReport:
    assessment: Assessment
    data: AssessmentData
    results: Results
    level_names: list[str]
    overall_name: str | None
    overall_description: str
    principles: list[Row]
    dimension_gaps: list[Row]
    question_gaps: list[tuple[Gap, str]]
    components: list[Row]
    disagreements: list[Row]
    perspectives: list[str]

    # The comparison with an earlier assessment and the figures cost more than
    # the rest, and the API and the exports need neither: built when asked for.
    @cached_property
    def earlier(self) -> Assessment | None:
        return earlier_assessment(self.assessment)

    @cached_property
    def changes(self) -> list[Row]:
        return _changes(self.data, self.results, self.earlier) if self.earlier else []

    @cached_property
    def figure_specs(self) -> dict[str, FigureSpec]:
        return _figures(self)

    @cached_property
    def figures(self) -> dict[str, go.Figure]:
        return {name: spec.figure() for name, spec in self.figure_specs.items()}

    def figures_json(self) -> dict[str, dict]:
        return figures_json(self.figure_specs)


def results_build(assessment: Assessment) -> ResultsReport:
    data = assessment_data(assessment)
    results = score_cached(data.questions, data.answers, len(data.levels))
    level_names = data.level_names
    overall = results.overall.level
    components = _rows(data, results, "component")
    _component_levels(data, results, components)
    disagreements, perspectives = _disagreements(data, results)
    gaps = gaps_rank(data.questions, results.questions, data.focus_weights)[:TOP_GAPS]
    return ResultsReport(
        assessment=assessment,
        data=data,
        results=results,
        level_names=level_names,
        overall_name=level_names[overall - 1] if overall else None,
        overall_description=data.levels[overall - 1].description if overall else "",
        principles=_rows(data, results, "principle"),
        dimension_gaps=[
            Row(d.code, data.name(d.kind, d.code), d.current, d.target, d.gap, kind=d.kind)
            for d in dimension_gaps(results.dimensions)
        ],
        question_gaps=[(gap, data.question_texts.get(gap.question, "")) for gap in gaps],
        components=components,
        disagreements=disagreements,
        perspectives=perspectives,
    )


def _figures(report: ResultsReport) -> dict[str, FigureSpec]:
    level_names = report.level_names
    figures = {}
    if report.principles:
        figures["radar"] = FigureSpec.of(
            charts.principles_radar,
            [charts.Point(r.code, r.current, r.target) for r in report.principles],
            level_names,
            _("Principles: current and target level"),
        )
    if report.dimension_gaps:
        shown = report.dimension_gaps[:TOP_GAPS]
        figures["gaps"] = FigureSpec.of(
            charts.gaps_bar,
            [charts.Point(f"{r.code} {r.name}"[:48], r.current, r.target) for r in shown],
            level_names,
            _("The %(count)s largest gaps by dimension") % {"count": len(shown)},
        )
    if report.components:
        figures["components"] = FigureSpec.of(
            charts.level_heatmap,
            [f"{r.code} {r.name}"[:40] for r in report.components],
            [r.extra["counts"] for r in report.components],
            level_names,
            _("Components: questions at each level"),
        )
    perspectives = report.perspectives
    if report.disagreements and len(perspectives) > 1:
        figures["disagreement"] = FigureSpec.of(
            charts.disagreement_heatmap,
            [r.code for r in report.disagreements],
            perspectives,
            [
                [r.extra["by_perspective"].get(p) for p in perspectives]
                for r in report.disagreements
            ],
            level_names,
            _("Where perspectives disagree"),
        )
    if report.changes:
        figures["change"] = FigureSpec.of(
            charts.change_bar,
            [r.code for r in report.changes],
            [r.extra["before"] for r in report.changes],
            [r.current for r in report.changes],
            level_names,
            _("Change since %(title)s") % {"title": report.earlier.title},
            before_name=report.earlier.title,
            after_name=report.assessment.title,
        )
    return figures


def _rows(data: AssessmentData, results: Results, kind: str) -> list[Row]:
    return [
        Row(
            d.code,
            data.name(kind, d.code),
            d.current,
            d.target,
            d.gap,
            kind=kind,
            extra={
                "levelled": d.levelled,
                "not_applicable": d.not_applicable,
                "dont_know": d.dont_know,
                "unanswered": d.unanswered,
            },
        )
        for d in results.dimensions_of(kind)
    ]


def _component_levels(data: AssessmentData, results: Results, rows: list[Row]) -> None:
    """Per component, how many of its questions sit at each (whole) level."""
    level_count = len(data.levels)
    for row in rows:
        counts = [0] * level_count
        for question in data.questions:
            result = results.questions[question.code]
            if row.code in question.components and result.status == LEVELLED:
                counts[int(result.current) - 1] += 1
        row.extra["counts"] = counts


def _disagreements(data: AssessmentData, results: Results) -> tuple[list[Row], list[str]]:
    disagreeing = [q for q in results.questions.values() if q.spread >= 1]
    disagreeing.sort(key=lambda q: (-q.spread, q.code))
    perspectives = sorted({a.perspective for a in data.answers})
    rows = [
        Row(
            q.code,
            data.question_texts.get(q.code, ""),
            q.current,
            q.target,
            q.gap,
            extra={"spread": q.spread, "by_perspective": q.by_perspective},
        )
        for q in disagreeing
    ]
    return rows, perspectives


def _changes(data: AssessmentData, results: Results, earlier: Assessment) -> list[Row]:
    before_data = assessment_data(earlier)
    before = score_cached(before_data.questions, before_data.answers, len(before_data.levels))
    return [
        Row(
            change.code,
            data.name(change.kind, change.code),
            change.after,
            kind=change.kind,
            extra={"before": change.before, "change": change.change},
        )
        for change in compare(before, results)
        if change.kind in ("principle", "section")
    ]
