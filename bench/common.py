"""Shared set-up for the benchmarks: a throw-away database with the demo and a
generated large assessment, and a timer that reports against /healthz."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_setup() -> None:
    """Configure Django on a fresh SQLite file (or DATABASE_URL if given)."""
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from assessment.demo import demo_load

    call_command("migrate", verbosity=0)
    call_command(
        "load_framework",
        str(ROOT / "capabilities" / "frameworks" / "ml-statistical-production-v1.yaml"),
        str(ROOT / "capabilities" / "frameworks" / "ml-statistical-production.yaml"),
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    demo_load()
    # Time what production runs: no query log, no debug pages.
    settings.DEBUG = False


def large_assessment(questions: int = 200, respondents: int = 5):
    """A generated framework of ``questions`` questions, answered and submitted
    by ``respondents`` people with varied levels."""
    from django.contrib.auth import get_user_model

    from assessment import services
    from assessment.models import Membership
    from capabilities.document import document_parse
    from capabilities.services import framework_load
    from tests.factories import generated_document

    document = generated_document(questions, slug=f"bench-{questions}", sections=10)
    framework = framework_load(document=document_parse(document)).framework
    users = [
        get_user_model().objects.get_or_create(username=f"bench{n}")[0] for n in range(respondents)
    ]
    organisation = services.organisation_create(owner=users[0], name="Bench office")
    for user in users[1:]:
        Membership.objects.create(organisation=organisation, user=user, role="editor")
    assessment = services.assessment_start(
        organisation=organisation,
        framework=framework,
        title="Bench",
        respondents=users,
        created_by=users[0],
    )
    perspectives = ["it", "business", "methodology", "data-science", "other"]
    questions_ = list(framework.questions.order_by("position"))
    for index, response in enumerate(assessment.responses.order_by("pk")):
        services.response_set_perspective(
            response=response, perspective=perspectives[index % len(perspectives)]
        )
        for number, question in enumerate(questions_):
            current = 1 + (number + index) % 4
            services.answer_save(
                response=response,
                question=question,
                values=services.AnswerValues(current=current, target=min(4, current + 1)),
                based_on_version=0,
                user=response.respondent,
            )
        services.response_submit(response=response)
    return assessment, users[0]


def bench_start(default_repeat: int):
    """--repeat from the command line, Django set up, the demo's 2026
    assessment and a generated large one: (repeat, demo, large, large_owner)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=default_repeat)
    repeat = parser.parse_args().repeat
    django_setup()
    from assessment.models import Assessment

    demo = Assessment.objects.get(title="ML maturity 2026")
    large, large_owner = large_assessment()
    return repeat, demo, large, large_owner


def time_get(client, url: str, repeat: int) -> list[float]:
    client.get(url)  # warm: imports, template loading, first queries
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def report(rows: list[tuple[str, list[float]]], floor: list[float]) -> None:
    base = statistics.median(floor)
    print(f"{'page':48} {'median ms':>10} {'p90 ms':>8} {'x healthz':>10}")
    for name, timings in [("/healthz", floor), *rows]:
        median = statistics.median(timings)
        p90 = sorted(timings)[int(0.9 * (len(timings) - 1))]
        print(f"{name:48} {median * 1000:10.1f} {p90 * 1000:8.1f} {median / base:10.1f}")
