"""Times the benchmark page with 10,000 contributed assessments (goal: < 1 s).

    .venv/bin/python bench/benchmark_page.py [--repeat N] [--contributions N]

On a throw-away SQLite database (or DATABASE_URL) with the demo, adds
generated contributions on the reference framework: organisations with
varied profiles, completed assessments and their stored numbers (56
questions each), written with bulk_create. The stored numbers are what the
page reads; the answers behind them are not needed to time it, so none are
written. Then times, in-process with Django's test client, the demo
manager's benchmark page (all contributors, and one filtered group), the
API, and /healthz as the yardstick; and the parts of the read model.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from common import django_setup, report, time_get

KINDS = ["nso", "nso", "nso", "ons", "regional", "international", "other"]
SIZES = ["small", "medium", "large", "very-large"]
REGIONS = ["africa", "latin-america-caribbean", "northern-america", "asia", "europe", "oceania"]
STRUCTURES = ["HUB-SPOKE", "COE", "COP", "INFORMAL", ""]
BATCH = 2000


def generate(count: int) -> None:
    from django.utils import timezone

    from assessment.models import Assessment, Organisation
    from benchmark.models import Contribution
    from capabilities.selectors import framework_latest_published

    framework = framework_latest_published("ml-statistical-production")
    codes = list(framework.questions.values_list("code", flat=True))
    levels = framework.levels.count()
    rng = np.random.default_rng(2026)  # fixed: the same data on every run
    now = timezone.now()
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Bench peer {start + n}",
                kind=KINDS[(start + n) % len(KINDS)],
                size=SIZES[(start + n) // 7 % len(SIZES)],
                region=REGIONS[(start + n) // 3 % len(REGIONS)],
                structure_code=STRUCTURES[(start + n) // 11 % len(STRUCTURES)],
            )
            for n in range(size)
        )
        assessments = Assessment.objects.bulk_create(
            Assessment(
                organisation=o,
                framework=framework,
                title="Bench assessment",
                status=Assessment.Status.COMPLETE,
                completed_at=now,
            )
            for o in organisations
        )
        maturity = rng.uniform(1.0, 3.6, size)
        currents = np.clip(
            np.rint(maturity[:, None] + rng.normal(0, 0.7, (size, len(codes)))), 1, levels
        )
        missing = rng.random((size, len(codes))) < 0.05  # N/A or don't know
        contributions = []
        for row, assessment in enumerate(assessments):
            current = {
                c: float(v)
                for c, v, m in zip(codes, currents[row], missing[row], strict=True)
                if not m
            }
            target = {c: min(levels, v + 1.0) for c, v in current.items()}
            contributions.append(
                Contribution(
                    assessment=assessment,
                    organisation=assessment.organisation,
                    framework=framework,
                    scored_at=now,
                    level=int(min(levels, max(1, np.floor(maturity[row])))),
                    level_count=levels,
                    profile_score=float(np.mean(list(current.values()))),
                    scores={"current": current, "target": target},
                )
            )
        Contribution.objects.bulk_create(contributions)


def parts(demo, repeat: int) -> list[tuple[str, list[float]]]:
    """The read model's steps, each timed on its own."""
    from benchmark.aggregate import FILTERS, benchmark_compute, groups_admitted
    from benchmark.selectors import _dimension_items, _own_scores, filter_choices, population
    from reports.selectors import assessment_data

    data = assessment_data(demo)
    codes = [q.code for q in data.questions]
    choices = {n: [v for v, _l in c] for n, c in filter_choices().items()}
    timings: dict[str, list[float]] = {"population": [], "groups admitted": [], "figures": []}
    for _ in range(repeat):
        start = time.perf_counter()
        peers = population(demo, 4, codes)
        timings["population"].append(time.perf_counter() - start)
        start = time.perf_counter()
        groups_admitted(peers.frame[list(FILTERS)], choices, 5)
        timings["groups admitted"].append(time.perf_counter() - start)
        start = time.perf_counter()
        benchmark_compute(
            peers.frame,
            peers.currents,
            codes=codes,
            dimensions=_dimension_items(data),
            own=_own_scores(data),
            own_organisation=demo.organisation_id,
            level_count=4,
            minimum=5,
        )
        timings["figures"].append(time.perf_counter() - start)
    return [(f"  part: {name}", values) for name, values in timings.items()]


def cold(client, url: str, repeat: int) -> list[float]:
    """Each request after emptying the cache: the stored numbers decoded again."""
    from django.core.cache import cache

    client.get(url)  # imports and templates, as time_get
    timings = []
    for _ in range(max(3, repeat // 3)):
        cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    return timings


def one_new(client, url: str, repeat: int) -> list[float]:
    """Each request after one more office contributes: only its numbers decoded."""
    client.get(url)
    timings = []
    for _ in range(max(3, repeat // 3)):
        generate(1)
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--contributions", type=int, default=10_000)
    arguments = parser.parse_args()
    django_setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from assessment.models import Assessment
    from benchmark.models import Contribution

    start = time.perf_counter()
    generate(arguments.contributions)
    print(
        f"generated {arguments.contributions} contributions in {time.perf_counter() - start:.1f} s"
    )
    print(f"contributions in the database: {Contribution.objects.count()}")
    demo = Assessment.objects.select_related("framework", "organisation").get(
        organisation__name="Statistics Demoland", title="ML maturity 2026"
    )
    client = Client()
    client.force_login(get_user_model().objects.get(username="demo"))
    page = f"/assessments/{demo.pk}/benchmark/"
    rows = [
        ("benchmark page, empty cache", cold(client, page, arguments.repeat)),
        ("benchmark page, one new contributor", one_new(client, page, arguments.repeat)),
        ("benchmark page, all contributors", time_get(client, page, arguments.repeat)),
        ("benchmark page, kind=nso", time_get(client, page + "?kind=nso", arguments.repeat)),
        ("API, all contributors", time_get(client, f"/api{page}", arguments.repeat)),
        *parts(demo, arguments.repeat),
    ]
    report(rows, time_get(client, "/healthz", arguments.repeat * 5))
    warm = rows[2:4]
    print(
        f"warm pages: slowest {max(max(t) for _n, t in warm) * 1000:.0f} ms, median of "
        f"medians {statistics.median(statistics.median(t) for _n, t in warm) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
