"""The benchmark's page of the PDF report: its context and figures.

The PDF report (reports/pdf.py, templates/reports/pdf/report.html) adds
them to its own when ``report_benchmark_part`` gives any; it gives None when
the group of all contributors cannot be shown, and the page is left out.
"""

from __future__ import annotations

import plotly.graph_objects as go

from assessment.models import Assessment
from benchmark.selectors import benchmark_build

TEMPLATE = "benchmark/report_benchmark.html"
BEHIND_ON_THE_PAGE = 4
# Lower than on the web page, so that chart and tables fit one A4 page.
PDF_CHART_HEIGHT = 250


def report_benchmark_part(assessment: Assessment) -> tuple[dict, dict[str, go.Figure]] | None:
    """({"benchmark": report, "benchmark_behind": rows}, {"benchmark_levels": figure}),
    compared with all contributing offices; None when that shows nothing."""
    report = benchmark_build(assessment)
    if not report.shown:
        return None
    context = {"benchmark": report, "benchmark_behind": report.behind_rows[:BEHIND_ON_THE_PAGE]}
    levels = go.Figure(report.figures["levels"]).update_layout(height=PDF_CHART_HEIGHT)
    return context, {"benchmark_levels": levels}
