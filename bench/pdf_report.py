"""Times the PDF report: cold, warm, and re-rendered after a change.

    .venv/bin/python bench/pdf_report.py [--repeat N]

- first: the first time this report is made in the process (for the first
  row, that includes starting Chromium for the charts: the cold start,
  named separately below the table);
- warm: the same report again (charts reused: the data did not change);
- renamed: after a change of text on every page, no chart (charts reused;
  the HTML is laid out again by WeasyPrint);
- answer changed: after one answer's level changed, which redraws the
  charts it shows in (through the warm Chromium) and lays the report out:
  the first download after the data changed, the figure issue 12 sets
  (under 1.5 s for the demo's main report).
For the demo assessment (56 questions, 2 respondents), its main report and
with the annex, and a generated framework of 200 questions answered by 5
respondents.
"""

from __future__ import annotations

import io
import statistics
import time

from common import bench_start


def timed(function) -> tuple[float, bytes]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main() -> None:
    repeat, demo, large, _owner = bench_start(default_repeat=3)
    from pypdf import PdfReader

    from assessment.models import Answer, Organisation
    from reports.pdf import report_pdf

    print(
        f"{'report':40} {'pages':>5} {'first s':>7} {'warm s':>7} {'renamed s':>9} "
        f"{'answer changed s':>16}"
    )
    for label, assessment, annex in (
        ("demo (56 q, 2 resp.), main report", demo, False),
        ("demo, with the annex", demo, True),
        ("generated (200 q, 5 resp.), main report", large, False),
    ):

        def render(a=assessment, annex=annex):
            return report_pdf(a, annex=annex)

        first, content = timed(render)
        warm = statistics.median(timed(render)[0] for _ in range(repeat))
        renamed, answered = [], []
        answer = Answer.objects.filter(
            response__assessment=assessment, current__isnull=False
        ).first()
        for n in range(repeat):
            # A new organisation name changes the text of every page, not a chart.
            Organisation.objects.filter(pk=assessment.organisation_id).update(name=f"Office {n}")
            assessment.refresh_from_db()
            assessment.organisation.refresh_from_db()
            renamed.append(timed(render)[0])
            # A new level for one answer changes the scores, so the charts too.
            level = (answer.current + n) % 2 + 1  # 1 or 2, never the level before
            Answer.objects.filter(pk=answer.pk).update(current=level, target=4)
            answered.append(timed(render)[0])
        pages = len(PdfReader(io.BytesIO(content)).pages)
        print(
            f"{label:40} {pages:5} {first:7.2f} {warm:7.2f} "
            f"{statistics.median(renamed):9.2f} {statistics.median(answered):16.2f}"
        )
    print(f"cold start (Chromium and its tabs, in the first row's first): {chromium_start():.2f} s")


def chromium_start() -> float:
    """A new Chromium started and one small figure drawn, timed."""
    import plotly.graph_objects as go

    from reports import chart_images

    chart_images.renderer_stop()
    figure = go.Figure(go.Bar(x=[1], y=[time.time()]))  # never drawn before
    return timed(lambda: chart_images.figures_to_svg({"start": figure}))[0]


if __name__ == "__main__":
    main()
