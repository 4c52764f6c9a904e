"""The PDF report. The one module that imports WeasyPrint.

Everything a user typed reaches the template as text (Django escapes it),
and the URL fetcher serves only the app's own static files: a comment with
<img src="http://..."> or file:///etc/passwd makes WeasyPrint fetch nothing.
"""

from __future__ import annotations

import base64
import gc
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
from benchmark.report_page import report_benchmark_part
from capabilities.models import LevelDescriptor
from reports import chart_images, svg_text
from reports.chart_images import figures_to_svg
from reports.results import ResultsReport, Row, results_build
from reports.roadmap_view import RoadmapView, roadmap_view
from reports.summary import summary_build

svg_text.install()  # the charts' text laid out in one run, not per character

APP_BASE_URL = "http://app.invalid/"  # never resolved: only the fetcher below reads it
APP_STATIC = APP_BASE_URL + "static/"
# The charts of the main report; the annex adds the detailed ones.
MAIN_REPORT_CHARTS = ("radar", "component_gaps", "topic_gaps", "change")
ANNEX_CHARTS = ("components", "disagreement")
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
class QuestionDetail:
    code: str
    text: str
    status: str
    current: str
    target: str
    current_descriptor: str
    target_descriptor: str  # empty when the target is the current level
    counts_towards: list[str]  # principle and component names


@dataclass
class TopicDetail:
    row: Row  # the topic's name and levels
    questions: list[QuestionDetail]


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


def report_pdf(
    assessment: Assessment, url_fetcher: AppOnlyURLFetcher | None = None, *, annex: bool = False
) -> bytes:
    """The report laid out now, in this process (the pages use the task)."""
    return html_to_pdf(report_source(assessment, annex=annex).html(), url_fetcher)


def html_to_pdf(html: str, url_fetcher: AppOnlyURLFetcher | None = None) -> bytes:
    fetcher = url_fetcher or AppOnlyURLFetcher()
    # PDF/UA-1: a tagged PDF (structure, reading order, language, title and
    # the charts' alternative text) that screen readers can follow.
    return HTML(string=html, base_url=APP_BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT
    )


def report_html(assessment: Assessment, *, annex: bool = False) -> str:
    return report_source(assessment, annex=annex).html()


def report_source(assessment: Assessment, *, annex: bool = False) -> ReportSource:
    """The main report (what a director reads: summary, results, roadmap,
    next steps, peers), and with ``annex`` the detail behind it: criteria,
    each question once with its descriptors, the other views and every
    answer."""
    _long_lived_heap_frozen()
    report = results_build(assessment)
    roadmap = roadmap_view(assessment, report)
    charts_wanted = MAIN_REPORT_CHARTS + (ANNEX_CHARTS if annex else ())
    figures = {name: f for name, f in report.figures.items() if name in charts_wanted}
    if (timeline := roadmap.timeline_figure("")) is not None:
        figures["roadmap"] = timeline
    if (gsbpm := report.inventory.figure()) is not None:
        figures["gsbpm"] = gsbpm
    summary = summary_build(report, roadmap)
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "framework": assessment.framework,
        "report": report,
        "overall": report.results.overall,
        "summary": summary,
        "first_steps": [roadmap.item(step.capability_code) for step in summary.first_steps],
        "roadmap": roadmap,
        "items": roadmap.items,
        "roadmap_error": roadmap.error,
        "skills_gaps": roadmap.skills_gaps,
        "not_planned": roadmap.not_planned,
        "data_as_of": _data_as_of(assessment, roadmap),
        "annex": annex,
    }
    if annex:
        context["topic_details"] = _topic_details(report, assessment)
        context["appendix"] = _appendix(assessment)
    if part := report_benchmark_part(assessment):
        context |= part[0]
        figures |= part[1]
    return ReportSource(context=context, figures=figures)


_heap_frozen = False


def _long_lived_heap_frozen() -> None:
    """Once per process, before its first report: the objects that exist
    now (Django, plotly, WeasyPrint, the app: some 200,000) leave the
    garbage collector's sight for good.

    Laying out a report makes about half a million short-lived objects,
    enough for a dozen full collections, each of which would walk that whole
    long-lived heap again: a tenth of the layout time, for nothing. Measured
    on the demo's main report: 1.05 s to 0.93 s, no more memory. Garbage
    that exists at that moment is collected first. Frozen objects are still
    freed when no longer referenced; only reference cycles among them (say,
    in the request being served at that moment) are never collected: a
    bounded amount, once per process.
    """
    global _heap_frozen
    if not _heap_frozen:
        gc.collect()
        gc.freeze()
        _heap_frozen = True


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


def _topic_details(report: ResultsReport, assessment: Assessment) -> list[TopicDetail]:
    """Each question once, under its topic: the combined current and target
    level with the descriptor text of those levels, and the principles and
    components it counts towards (by name)."""
    descriptors = {
        (code, rank): text
        for code, rank, text in LevelDescriptor.objects.filter(
            question__framework_id=assessment.framework_id
        ).values_list("question__code", "level__rank", "text")
    }
    data, results, names = report.data, report.results, report.level_names
    topics = {row.code: TopicDetail(row, []) for row in report.topics}
    for question in data.questions:
        result = results.questions[question.code]
        current = int(result.current) if result.current else None
        target = int(result.target) if result.target else None
        topics[question.section].questions.append(
            QuestionDetail(
                code=question.code,
                text=data.question_texts.get(question.code, ""),
                status=result.status,
                current=_level_label(result.current, names),
                target=_level_label(result.target, names),
                current_descriptor=descriptors.get((question.code, current), ""),
                target_descriptor=descriptors.get((question.code, target), "")
                if target != current
                else "",
                counts_towards=[
                    *(data.name("principle", code) for code in question.principles),
                    *(data.name("component", code) for code in question.components),
                ],
            )
        )
    return [topic for topic in topics.values() if topic.questions]


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
