"""The PDF report. The one module that imports WeasyPrint.

Everything a user typed reaches the template as text (Django escapes it),
and the URL fetcher serves only the app's own static files: a comment with
<img src="http://..."> or file:///etc/passwd makes WeasyPrint fetch nothing.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import plotly.graph_objects as go
from django.contrib.staticfiles import finders
from django.db.models import Max
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assessment.models import Answer, Assessment
from capabilities.models import LevelDescriptor
from reports import chart_images
from reports.chart_images import figures_to_svg
from reports.results import ResultsReport, kind_label, results_build
from reports.roadmap_view import RoadmapView, roadmap_view

APP_BASE_URL = "http://app.invalid/"  # never resolved: only the fetcher below reads it
APP_STATIC = APP_BASE_URL + "static/"
DIMENSION_KINDS_WITH_PAGES = ("section", "principle", "component")
SUMMARY_GAPS = 5
REPORT_TEMPLATE = "reports/pdf/report.html"


class FetchRefused(ValueError):
    """Raised for any URL outside the app's static files."""


class AppOnlyURLFetcher(URLFetcher):
    """Serves data: URIs (the charts) and the app's own static files; refuses
    everything else, so nothing a user typed can make the server fetch."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data", "http"), allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(APP_STATIC):
            found = finders.find(url.removeprefix(APP_STATIC).split("?")[0])
            if found:
                mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, Path(found).read_bytes(), {"Content-Type": mime_type}
                )
        self.refused.append(url)
        raise FetchRefused(f"refused to fetch {url!r}")


@dataclass
class DimensionPage:
    kind_label: str
    code: str
    name: str
    current: float | None
    target: float | None
    gap: float | None
    questions: list[dict]


@dataclass
class ReportSource:
    """What the report shows, before the charts are drawn.

    ``key`` is a hash of the report's content: the page as it would be laid
    out, with each chart standing in as a hash of its figure (the drawing is a
    function of the figure). It is cheap (no Chromium, no layout), so a
    request can tell whether this exact report exists already; the same data
    gives the same key, any change to it (or to the template) another.
    """

    context: dict
    figures: dict[str, go.Figure]

    @cached_property
    def key(self) -> str:
        stand_ins = {
            name: "figure:" + hashlib.sha256(figure.to_json().encode()).hexdigest()
            for name, figure in self.figures.items()
        }
        # Without Chromium the report has tables in place of charts: another report.
        charts_unavailable = "no chromium" if chart_images.chromium_path() is None else ""
        skeleton = render_to_string(
            REPORT_TEMPLATE,
            {**self.context, "charts": stand_ins, "charts_unavailable": charts_unavailable},
        )
        return hashlib.sha256(skeleton.encode("utf-8")).hexdigest()

    def html(self) -> str:
        """The page to lay out, charts drawn as SVG (Chromium, seconds when cold)."""
        images = figures_to_svg(self.figures)
        return render_to_string(
            REPORT_TEMPLATE,
            {
                **self.context,
                "charts": {name: _data_uri(svg) for name, svg in images.svgs.items()},
                "charts_unavailable": images.unavailable_reason,
            },
        )


PDF_VARIANT = "pdf/ua-1"


def report_pdf(assessment: Assessment, url_fetcher: AppOnlyURLFetcher | None = None) -> bytes:
    """The report laid out now, in this process (the pages use the task)."""
    return html_to_pdf(report_source(assessment).html(), url_fetcher)


def html_to_pdf(html: str, url_fetcher: AppOnlyURLFetcher | None = None) -> bytes:
    fetcher = url_fetcher or AppOnlyURLFetcher()
    # PDF/UA-1: a tagged PDF (structure, reading order, language, title and
    # the charts' alternative text) that screen readers can follow.
    return HTML(string=html, base_url=APP_BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT
    )


def report_html(assessment: Assessment) -> str:
    return report_source(assessment).html()


def report_source(assessment: Assessment) -> ReportSource:
    report = results_build(assessment)
    roadmap = roadmap_view(assessment, report)
    figures = dict(report.figures)
    if (timeline := roadmap.timeline_figure("")) is not None:
        figures["roadmap"] = timeline
    if (gsbpm := report.inventory.figure()) is not None:
        figures["gsbpm"] = gsbpm
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "framework": assessment.framework,
        "report": report,
        "overall": report.results.overall,
        "summary_gaps": report.question_gaps[:SUMMARY_GAPS],
        "largest_dimension_gaps": report.dimension_gaps[:SUMMARY_GAPS],
        "items": roadmap.items,
        "roadmap_error": roadmap.error,
        "first_phase": roadmap.first_phase,
        "skills_gaps": roadmap.skills_gaps,
        "not_planned": roadmap.not_planned,
        "dimension_pages": _dimension_pages(report, assessment),
        "appendix": _appendix(assessment),
        "data_as_of": _data_as_of(assessment, roadmap),
    }
    return ReportSource(context=context, figures=figures)


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _level_label(value: float | None, level_names: list[str]) -> str:
    if value is None:
        return "–"
    whole = int(value)
    name = level_names[whole - 1]
    if value == whole:
        return f"{whole} {name}"
    return f"{value:.1f} ({name}–{level_names[min(whole, len(level_names) - 1)]})"


def _dimension_pages(report: ResultsReport, assessment: Assessment) -> list[DimensionPage]:
    """Per dimension: each question's combined current and target level, with
    the descriptor text of those levels."""
    descriptors = {
        (code, rank): text
        for code, rank, text in LevelDescriptor.objects.filter(
            question__framework_id=assessment.framework_id
        ).values_list("question__code", "level__rank", "text")
    }
    data, results, names = report.data, report.results, report.level_names
    pages = []
    for kind in DIMENSION_KINDS_WITH_PAGES:
        for dimension in results.dimensions_of(kind):
            questions = []
            for question in data.questions:
                linked = {
                    "section": (question.section,),
                    "principle": question.principles,
                    "component": question.components,
                }[kind]
                if dimension.code not in linked:
                    continue
                result = results.questions[question.code]
                current = int(result.current) if result.current else None
                target = int(result.target) if result.target else None
                # Descriptors are printed once, on the page of the question's
                # topic; principle and component pages list the levels only.
                with_descriptors = kind == "section"
                questions.append(
                    {
                        "code": question.code,
                        "text": data.question_texts.get(question.code, ""),
                        "status": result.status,
                        "current": _level_label(result.current, names),
                        "target": _level_label(result.target, names),
                        "current_descriptor": descriptors.get((question.code, current), "")
                        if with_descriptors
                        else "",
                        "target_descriptor": descriptors.get((question.code, target), "")
                        if with_descriptors and target != current
                        else "",
                    }
                )
            pages.append(
                DimensionPage(
                    kind_label=kind_label(kind).capitalize(),
                    code=dimension.code,
                    name=data.name(kind, dimension.code),
                    current=dimension.current,
                    target=dimension.target,
                    gap=dimension.gap,
                    questions=questions,
                )
            )
    return pages


def _data_as_of(assessment: Assessment, roadmap: RoadmapView):
    """When the data behind the report last changed (not the clock: the same
    data must give the same report)."""
    moments = [
        assessment.completed_at,
        assessment.responses.aggregate(latest=Max("submitted_at"))["latest"],
        roadmap.edited_at,  # a saved roadmap is an edited one
    ]
    moments = [moment for moment in moments if moment]
    return max(moments) if moments else assessment.created_at


def _appendix(assessment: Assessment) -> list[Answer]:
    return list(
        Answer.objects.filter(response__assessment=assessment, response__submitted_at__isnull=False)
        .select_related("question__section", "response__respondent")
        .order_by(
            "question__section__position", "question__position", "response__respondent__username"
        )
    )
