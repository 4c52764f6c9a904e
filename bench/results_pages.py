"""Times the results and roadmap pages against /healthz in the same run.

    .venv/bin/python bench/results_pages.py [--repeat N]

For the demo assessment (55 questions, 2 respondents) and for a generated
framework of 200 questions answered by 5 respondents. Uses Django's test
client in-process on a throw-away SQLite database, so it measures the
application, not the network.
"""

from __future__ import annotations

from common import bench_start, report, time_get


def main() -> None:
    repeat, demo, large, large_owner = bench_start(default_repeat=20)
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    rows = []
    # Signed in directly: the lockout's backend wants a request to check a password.
    client.force_login(get_user_model().objects.get(username="demo"))
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
