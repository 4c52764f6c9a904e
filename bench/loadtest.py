"""`make loadtest`: locust against `make serve` on PostgreSQL, then a check
in the database that every acknowledged save is stored with its history.

    .venv/bin/python bench/loadtest.py [--users 200] [--spawn-rate 2] [--minutes 3]
        [--port 8000]

DATABASE_URL names the PostgreSQL database (default: mlops_maturity_load
on 127.0.0.1; created if missing). The script starts bin/serve (gunicorn,
a task worker, the database cache) on 127.0.0.1, adds an organisation with
USERS respondents (load001...) and an owner (loadowner) answering the
current reference framework, runs bench/locustfile.py headless (users start
at SPAWN_RATE a second; the figures count from when all have started, for
MINUTES), stops the server and prints locust's figures and the check's.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FRAMEWORKS = [
    "capabilities/frameworks/ml-statistical-production-v1.yaml",
    "capabilities/frameworks/ml-statistical-production.yaml",
]
PASSWORD = "load-test-password"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/mlops_maturity_load"


def start_server(port: int, env: dict) -> subprocess.Popen:
    log = open(Path(tempfile.gettempdir()) / f"loadtest-serve-{port}.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        ["bin/serve", *FRAMEWORKS],
        cwd=ROOT,
        env={**env, "PORT": str(port), "BIND": f"127.0.0.1:{port}", "VENV": str(BIN.parent)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 900  # migrations and collectstatic on a fresh database
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"bin/serve stopped; see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(1)
    raise SystemExit("the server did not answer in time")


def django_setup(env: dict) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def load_users(count: int) -> int:
    """A fresh organisation, its owner and ``count`` respondents on a new
    assessment of the current reference framework; returns its id."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from assessment import services
    from assessment.models import Membership, Organisation
    from capabilities.selectors import framework_latest_published

    User = get_user_model()
    password = make_password(PASSWORD)  # hashed once: the same for every account
    owner, _ = User.objects.update_or_create(username="loadowner", defaults={"password": password})
    Organisation.objects.filter(name="Load test office").delete()
    organisation = services.organisation_create(owner=owner, name="Load test office")
    respondents = []
    for number in range(1, count + 1):
        user, _ = User.objects.update_or_create(
            username=f"load{number:03d}", defaults={"password": password}
        )
        Membership.objects.create(organisation=organisation, user=user, role="editor")
        respondents.append(user)
    assessment = services.assessment_start(
        organisation=organisation,
        framework=framework_latest_published("ml-statistical-production"),
        title="Load test",
        respondents=respondents,
        created_by=owner,
    )
    return assessment.pk


def run_locust(options, port: int, assessment: int, acks: Path, prefix: Path) -> None:
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(options.users),
            "--spawn-rate",
            str(options.spawn_rate),
            # Signing in is slow on purpose (PBKDF2, about half a second of
            # CPU each): the figures count from when every user is signed in
            # and working, for the given minutes.
            "--reset-stats",
            "--run-time",
            f"{options.users / options.spawn_rate + options.minutes * 60:.0f}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "LOADTEST_ASSESSMENT": str(assessment),
            "LOADTEST_ACKS": str(acks),
            "LOADTEST_PASSWORD": PASSWORD,
        },
        check=False,  # locust exits 1 when any request failed: the table says which
    )


def check_saves(acks: Path, assessment: int) -> tuple[int, int, int]:
    """(acknowledged, missing answer, missing history): every acknowledged
    save must be in the answer's history, and the answer at least that version."""
    from assessment.models import Answer, AnswerChange

    acknowledged = [json.loads(line) for line in acks.read_text().splitlines() if line]
    versions = {
        (username, code): version
        for username, code, version in Answer.objects.filter(
            response__assessment_id=assessment
        ).values_list("response__respondent__username", "question__code", "version")
    }
    history = set(
        AnswerChange.objects.filter(answer__response__assessment_id=assessment).values_list(
            "answer__response__respondent__username", "answer__question__code", "new__comment"
        )
    )
    missing_answer = sum(
        1
        for ack in acknowledged
        if versions.get((ack["username"], ack["question"]), 0) < (ack["version"] or 1)
    )
    missing_history = sum(
        1
        for ack in acknowledged
        if (ack["username"], ack["question"], ack["comment"]) not in history
    )
    return len(acknowledged), missing_answer, missing_history


def print_table(prefix: Path) -> None:
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))  # noqa: SIM115
    header = ("request", "count", "failed", "median ms", "p95 ms", "max ms")
    print("{:18} {:>7} {:>7} {:>10} {:>7} {:>7}".format(*header))
    for row in rows:
        print(
            f"{row['Name']:18} {row['Request Count']:>7} {row['Failure Count']:>7} "
            f"{float(row['Median Response Time']):10.0f} {row['95%']:>7} "
            f"{float(row['Max Response Time']):7.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=2)
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--port", type=int, default=8000)
    options = parser.parse_args()
    env = {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or DEFAULT_DATABASE,
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    server = start_server(options.port, {**os.environ, **env})
    try:
        django_setup({**env, "DEBUG": "1"})  # this script only: no SECRET_KEY needed
        assessment = load_users(options.users)
        folder = Path(tempfile.mkdtemp(prefix="loadtest-"))
        acks = folder / "acks.jsonl"
        acks.touch()
        run_locust(options, options.port, assessment, acks, folder / "locust")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    print()
    print(f"{options.users} users, spawn rate {options.spawn_rate}/s, {options.minutes} min")
    print_table(folder / "locust")
    acknowledged, missing_answer, missing_history = check_saves(acks, assessment)
    print(
        f"\nacknowledged saves: {acknowledged}; not stored: {missing_answer}; "
        f"without their history row: {missing_history}"
    )
    if missing_answer or missing_history:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
