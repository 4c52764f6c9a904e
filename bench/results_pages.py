"""Times the results and roadmap pages against /healthz in the same run.

    .venv/bin/python bench/results_pages.py [--repeat N]

For the demo assessment (55 questions, 2 respondents) and for a generated
framework of 200 questions answered by 5 respondents. Uses Django's test
client in-process on a throw-away SQLite database, so it measures the
application, not the network.
"""

from __future__ import annotations

import argparse

from common import django_setup, large_assessment, report, time_get


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    django_setup()
    from django.test import Client

    from assessment.models import Assessment

    demo = Assessment.objects.get(title="ML maturity 2026")
    large, large_owner = large_assessment()
    client = Client()
    rows = []
    client.login(username="demo", password="demo")
    for page in ("results", "roadmap"):
        url = f"/assessments/{demo.pk}/{page}/"
        rows.append((f"demo (55 q, 2 resp.) {page}", time_get(client, url, repeat)))
    client.force_login(large_owner)
    for page in ("results", "roadmap"):
        url = f"/assessments/{large.pk}/{page}/"
        rows.append((f"generated (200 q, 5 resp.) {page}", time_get(client, url, repeat)))
    floor = time_get(client, "/healthz", repeat * 5)
    report(rows, floor)


if __name__ == "__main__":
    main()
