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
from assessment.scoring import (
    DONT_KNOW,
    LEVELLED,
    NOT_APPLICABLE,
    NOT_ASKED,
    SIDES,
    UNANSWERED,
    CriterionResult,
    Overall,
    Results,
    compare,
)
from reports import charts
from reports.content_cache import FigureSpec, figures_json, score_cached
from reports.gaps import Gap, dimension_gaps, gaps_rank
from reports.inventory_report import InventoryReport, inventory_report
from reports.selectors import (
    AssessmentData,
    NotApplicable,
    StructureInfo,
    assessment_data,
    capability_names,
    earlier_assessment,
    framework_structures,
    not_applicable_reasons,
)
from reports.summary import dimension_anchor

TOP_GAPS = 15
SIDES_DIFFER_BY = 0.5  # levels: below that, statisticians and IT see alike


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

    @property
    def anchor(self) -> str:
        """The id of the dimension's row on the results page."""
        return dimension_anchor(self.kind, self.code)

    @property
    def label(self) -> str:
        """How charts name it: "P1 CI/CD automation"."""
        return charts.dimension_label(self.code, self.name)


def status_label(status: str) -> str:
    labels = {
        LEVELLED: _("with a level"),
        NOT_APPLICABLE: _("not applicable"),
        DONT_KNOW: _("don't know"),
        UNANSWERED: _("unanswered"),
        NOT_ASKED: _("not asked in this version"),
    }
    return labels.get(status, status)


@dataclass(frozen=True)
class CriterionRow:
    """One criterion as a reader sees it: the question, where it stands, and
    what the level asks of it."""

    question: str
    text: str
    level: int
    level_name: str
    met: bool
    status: str
    current: float | None
    descriptor: str
    not_applicable_allowed: bool

    @property
    def status_label(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True)
class StructureFit:
    """Whether the office's operating structure is typical of its level, as the
    report links them (informal networks at Spreading, centralised and
    formalised structures at Widespread), and what is typical one level up."""

    structure: str
    fits: bool
    typical_of: list[str]  # level names
    next_level_name: str | None
    typical_next: list[str]  # structure names typical of the next level


def structure_fit(
    structure_code: str,
    level: int | None,
    structures: list[StructureInfo],
    level_names: list[str],
) -> StructureFit | None:
    """Pure: None when the office names no structure, has no level, or the
    framework says nothing of its structure's typical levels."""
    by_code = {s.code: s for s in structures}
    own = by_code.get(structure_code)
    if own is None or level is None or not own.typical_levels:
        return None
    next_level = level + 1 if level < len(level_names) else None
    return StructureFit(
        structure=own.name,
        fits=level in own.typical_levels,
        typical_of=[
            level_names[rank - 1] for rank in own.typical_levels if rank <= len(level_names)
        ],
        next_level_name=level_names[next_level - 1] if next_level else None,
        typical_next=[s.name for s in structures if next_level in s.typical_levels],
    )


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
    criteria: list[CriterionRow]
    structure_fit: StructureFit | None
    sides: list[Row]  # dimensions seen from both sides, largest difference first
    topics: list[Row] = field(default_factory=list)  # the sections, as the office's topics

    @property
    def assessed(self) -> bool:
        """Whether any submitted answer gives a level: before that, there is
        nothing to chart."""
        return self.overall.levelled > 0

    @cached_property
    def question_gap_rows(self) -> list[tuple[Gap, str, list[str]]]:
        """The largest gaps by question, with the question's text and the
        names of the capabilities it points to (read only when asked for)."""
        if not self.question_gaps:
            return []
        names = capability_names(self.assessment.framework)
        return [
            (gap, text, [names.get(code, code) for code in gap.capabilities])
            for gap, text in self.question_gaps
        ]

    @property
    def sides_differing(self) -> list[Row]:
        """Dimensions where the two sides differ by half a level or more."""
        return [r for r in self.sides if abs(r.extra["difference"]) >= SIDES_DIFFER_BY - 1e-9]

    @property
    def overall(self) -> Overall:
        return self.results.overall

    @property
    def next_level_name(self) -> str | None:
        next_level = self.overall.next_level
        return self.level_names[next_level - 1] if next_level else None

    @property
    def next_level_unmet(self) -> list[CriterionRow]:
        """What stands between the office and the next level."""
        return [c for c in self.criteria if c.level == self.overall.next_level and not c.met]

    def criteria_by_level(self) -> list[tuple[str, list[CriterionRow]]]:
        return [
            (name, [c for c in self.criteria if c.level == rank])
            for rank, name in enumerate(self.level_names, start=1)
            if rank > 1
        ]

    @cached_property
    def not_applicable(self) -> list[tuple[NotApplicable, str]]:
        """Submitted N/A answers with their reasons, and the question's text."""
        return [
            (row, self.data.question_texts.get(row.question, ""))
            for row in not_applicable_reasons(self.assessment)
        ]

    @cached_property
    def earlier_overall(self) -> Overall | None:
        return self._earlier_results.overall if self.earlier else None

    @cached_property
    def new_questions(self) -> list[tuple[str, str]]:
        """Questions of this assessment that the earlier one did not ask."""
        if not self.earlier:
            return []
        before = {q.code for q in self._earlier_data.questions}
        return [
            (q.code, self.data.question_texts.get(q.code, ""))
            for q in self.data.questions
            if q.code not in before
        ]

    @cached_property
    def _earlier_data(self) -> AssessmentData:
        return assessment_data(self.earlier)

    @cached_property
    def _earlier_results(self) -> Results:
        data = self._earlier_data
        return score_cached(data.questions, data.answers, len(data.levels), data.criteria)

    # The comparison with an earlier assessment and the figures cost more than
    # the rest, and the API and the exports need neither: built when asked for.
    @cached_property
    def earlier(self) -> Assessment | None:
        return earlier_assessment(self.assessment)

    @cached_property
    def changes(self) -> list[Row]:
        if not self.earlier:
            return []
        return _changes(self.data, self.results, self._earlier_results)

    @cached_property
    def inventory(self) -> InventoryReport:
        """What the office has (ML solutions, components, roles)."""
        return inventory_report(self.assessment)

    def page_inputs(self) -> tuple:
        """Everything the results page is drawn from that was read from the
        database (the rest is computed from it by code, which each release
        keys apart): the key of its HTML in the cache. A new read the page
        shows belongs here, or the page would be served stale;
        tests/test_results_page_cache.py changes each input and watches."""
        return (
            self.assessment,
            self.assessment.framework,
            self.data,
            self.structure_fit,
            self.not_applicable,
            self.question_gap_rows,
            self.inventory,
            (self.earlier, self._earlier_data) if self.earlier else None,
        )

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
    results = score_cached(data.questions, data.answers, len(data.levels), data.criteria)
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
        topics=_rows(data, results, "section"),
        dimension_gaps=[
            Row(d.code, data.name(d.kind, d.code), d.current, d.target, d.gap, kind=d.kind)
            for d in dimension_gaps(results.dimensions)
        ],
        question_gaps=[(gap, data.question_texts.get(gap.question, "")) for gap in gaps],
        components=components,
        disagreements=disagreements,
        perspectives=perspectives,
        criteria=_criteria_rows(data, results.overall.criteria),
        structure_fit=structure_fit(
            assessment.organisation.structure_code,
            overall,
            framework_structures(assessment.framework),
            level_names,
        ),
        sides=_sides(data, results),
    )


def _criteria_rows(
    data: AssessmentData, criteria: tuple[CriterionResult, ...]
) -> list[CriterionRow]:
    names = data.level_names
    return [
        CriterionRow(
            question=c.question,
            text=data.question_texts.get(c.question, ""),
            level=c.level,
            level_name=names[c.level - 1] if c.level <= len(names) else str(c.level),
            met=c.met,
            status=c.status,
            current=c.current,
            descriptor=data.descriptors.get((c.question, c.level), ""),
            not_applicable_allowed=c.not_applicable_allowed,
        )
        for c in criteria
    ]


def _sides(data: AssessmentData, results: Results) -> list[Row]:
    rows = [
        Row(
            d.code,
            data.name(d.kind, d.code),
            d.current,
            kind=d.kind,
            extra={
                **{side: d.by_side[side] for side in SIDES},
                "difference": d.by_side["it"] - d.by_side["statistics"],
            },
        )
        for d in results.dimensions
        if len(d.by_side) == len(SIDES)
    ]
    return sorted(rows, key=lambda r: (-abs(r.extra["difference"]), r.kind, r.code))


def _figures(report: ResultsReport) -> dict[str, FigureSpec]:
    """The charts, one kind of dimension each; none before any answer has a
    level (a chart of nothing would invent a scale)."""
    if not report.assessed:
        return {}
    level_names = report.level_names
    figures = {}
    if any(r.current is not None for r in report.principles):
        figures["radar"] = FigureSpec.of(
            charts.principles_radar,
            [charts.Point(r.label, r.current, r.target) for r in report.principles],
            level_names,
            _("Principles: current and target level"),
        )
    for name, rows, title in (
        ("component_gaps", report.components, _("Components: current and target level")),
        ("topic_gaps", report.topics, _("Topics: current and target level")),
    ):
        if any(r.gap for r in rows):
            figures[name] = FigureSpec.of(
                charts.gaps_bar,
                [charts.Point(r.label, r.current, r.target) for r in _by_gap(rows)],
                level_names,
                title,
            )
    if any(any(r.extra["counts"]) for r in report.components):
        figures["components"] = FigureSpec.of(
            charts.level_heatmap,
            [r.label for r in report.components],
            [r.extra["counts"] for r in report.components],
            level_names,
            _("Components: questions at each level"),
        )
    perspectives = report.perspectives
    if report.disagreements and len(perspectives) > 1:
        figures["disagreement"] = FigureSpec.of(
            charts.disagreement_heatmap,
            [f"{r.code} {r.name}" for r in report.disagreements],
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
            [r.label for r in report.changes],
            [r.extra["before"] for r in report.changes],
            [r.current for r in report.changes],
            level_names,
            _("Change since %(title)s") % {"title": report.earlier.title},
            before_name=report.earlier.title,
            after_name=report.assessment.title,
        )
    return figures


def _by_gap(rows: list[Row]) -> list[Row]:
    """Largest gap first; rows without a gap after, in their own order."""
    return sorted(rows, key=lambda r: -(r.gap or 0))


def _rows(data: AssessmentData, results: Results, kind: str) -> list[Row]:
    """The dimensions of a kind in the framework's order (P1..P9), as the
    framework lists them, whatever order the questions touch them in."""
    order = {code: index for index, (of_kind, code) in enumerate(data.names) if of_kind == kind}
    rows = [
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
    return sorted(rows, key=lambda r: order.get(r.code, len(order)))


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


def _changes(data: AssessmentData, results: Results, before: Results) -> list[Row]:
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
