"""Times the PDF report: cold, warm, and re-rendered after a change.

    .venv/bin/python bench/pdf_report.py [--repeat N]

- cold: the first report of the process (starts Chromium for the charts);
- warm: the same report again (charts and PDF reused: the data did not change);
- changed: after the data changed (charts whose data did not change are
  reused; the HTML is laid out again by WeasyPrint).
For the demo assessment (55 questions, 2 respondents) and a generated
framework of 200 questions answered by 5 respondents.
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

    from assessment.models import Organisation
    from reports.pdf import report_pdf

    print(f"{'report':36} {'pages':>5} {'cold s':>7} {'warm s':>7} {'changed s':>9}")
    for label, assessment in (
        ("demo (55 q, 2 resp.)", demo),
        ("generated (200 q, 5 resp.)", large),
    ):
        cold, content = timed(lambda a=assessment: report_pdf(a))
        warm = statistics.median(
            timed(lambda a=assessment: report_pdf(a))[0] for _ in range(repeat)
        )
        changed = []
        for n in range(repeat):
            # A new organisation name changes the text of every page, not a chart.
            Organisation.objects.filter(pk=assessment.organisation_id).update(name=f"Office {n}")
            assessment.refresh_from_db()
            assessment.organisation.refresh_from_db()
            changed.append(timed(lambda a=assessment: report_pdf(a))[0])
        pages = len(PdfReader(io.BytesIO(content)).pages)
        print(f"{label:36} {pages:5} {cold:7.2f} {warm:7.2f} {statistics.median(changed):9.2f}")


if __name__ == "__main__":
    main()
