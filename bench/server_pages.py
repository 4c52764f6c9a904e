"""Times pages against a real server, as a browser would meet them.

    .venv/bin/python bench/server_pages.py [--server runserver|gunicorn] [--repeat N]
        [--port 8210] [--database-url URL]

Starts the server itself on 127.0.0.1 with DEBUG off (on a fresh SQLite file
with the frameworks and the demo, unless --database-url names a prepared
database), signs in as the demo owner and asks for /healthz, the first
questionnaire section, the results and the roadmap of the demo's 2026
assessment in turn, each request on a new connection; with --pdf, then the
first download of its PDF report. Prints medians and
each page's ratio to /healthz measured in the same run, so that a busy
machine slows the pages and their yardstick alike.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FRAMEWORKS = [
    "capabilities/frameworks/ml-statistical-production-v1.yaml",
    "capabilities/frameworks/ml-statistical-production.yaml",
]
SECRET = "bench-secret-key-bench-secret-key-bench-secret-key-bench-secret"


def server_environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",
        # Tasks run in the server process here: this times pages, not the queue.
        "TASKS_BACKEND": os.environ.get("TASKS_BACKEND", "immediate"),
    }


def manage(*args: str, env: dict[str, str]) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def prepare(database_url: str) -> None:
    """Tables, static files, both framework versions and the demo."""
    env = server_environment(database_url)
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    manage("load_framework", *FRAMEWORKS, env=env)
    manage("load_demo", env={**env, "DEBUG": "1"})  # the demo refuses with DEBUG off


def demo_urls(database_url: str) -> dict[str, str]:
    """The pages timed: the demo's 2026 assessment, its first section."""
    script = (
        "import json; from assessment.models import Assessment; "
        "a = Assessment.objects.get(title='ML maturity 2026'); "
        "s = a.framework.sections.order_by('position').first(); "
        "print(json.dumps({'pk': a.pk, 'section': s.code}))"
    )
    output = manage("shell", "-c", script, env=server_environment(database_url))
    found = json.loads(output.strip().splitlines()[-1])  # after the shell's own chatter
    base = f"/assessments/{found['pk']}"
    return {
        "questionnaire": f"{base}/questionnaire/{found['section']}/",
        "results": f"{base}/results/",
        "roadmap": f"{base}/roadmap/",
    }


def server_command(kind: str, port: int) -> list[str]:
    if kind == "runserver":
        return [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    return [
        str(Path(PYTHON).parent / "gunicorn"),
        "-c",
        "config/gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        "config.wsgi:application",
    ]


def wait_until_up(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _body, _headers = request(port, "GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"no server answered on 127.0.0.1:{port}")


def request(port: int, method: str, path: str, body: str = "", cookies: dict | None = None):
    """One request on a new connection: (status, body, headers)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = f"http://127.0.0.1:{port}{path}"
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        content = response.read()
        return response.status, content, response.getheaders()
    finally:
        connection.close()


def set_cookies(headers, cookies: dict) -> None:
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            cookies[key] = rest.split(";", 1)[0]


def sign_in(port: int, username: str, password: str) -> dict:
    from urllib.parse import urlencode

    cookies: dict = {}
    _status, body, headers = request(port, "GET", "/accounts/login/")
    set_cookies(headers, cookies)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    status, _body, headers = request(port, "POST", "/accounts/login/", form, cookies)
    set_cookies(headers, cookies)
    if status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"sign-in as {username} failed ({status})")
    return cookies


def time_pages(port: int, pages: dict[str, str], cookies: dict, repeat: int) -> dict:
    """Round robin over the pages, so that a busy moment hits them all alike."""
    timings: dict[str, list[float]] = {name: [] for name in pages}
    for round_ in range(repeat + 2):
        for name, path in pages.items():
            start = time.perf_counter()
            status, _body, _headers = request(port, "GET", path, cookies=cookies)
            elapsed = time.perf_counter() - start
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            if round_ >= 2:  # the first rounds warm imports, templates and caches
                timings[name].append(elapsed)
    return timings


def time_pdf(port: int, path: str, cookies: dict) -> None:
    """The first download of the PDF report: the first answer (the PDF, or
    202 while a worker prepares it) and the time until the PDF arrives."""
    start = time.perf_counter()
    status, _body, _headers = request(port, "GET", path, cookies=cookies)
    first = time.perf_counter() - start
    while status == 202:
        time.sleep(0.25)
        status, _body, _headers = request(port, "GET", path, cookies=cookies)
    if status != 200:
        raise SystemExit(f"{path} answered {status}")
    total = time.perf_counter() - start
    print(f"PDF first download: first answer {first * 1000:.0f} ms, PDF after {total:.1f} s")


def report(kind: str, timings: dict[str, list[float]]) -> None:
    base = statistics.median(timings["healthz"])
    print(f"server: {kind}, {len(timings['healthz'])} requests per page, new connection each")
    print(f"{'page':16} {'median ms':>10} {'p90 ms':>8} {'x healthz':>10}")
    for name, values in timings.items():
        median = statistics.median(values)
        p90 = sorted(values)[int(0.9 * (len(values) - 1))]
        print(f"{name:16} {median * 1000:10.1f} {p90 * 1000:8.1f} {median / base:10.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", choices=["runserver", "gunicorn"], default="runserver")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--port", type=int, default=8210)
    parser.add_argument(
        "--database-url", help="a prepared database (frameworks and demo loaded) instead of SQLite"
    )
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="then time the first download of the PDF report (with TASKS_BACKEND=database "
        "in the environment, through a db_worker started beside the server)",
    )
    options = parser.parse_args()
    database_url = options.database_url
    if not database_url:
        database_url = f"sqlite:///{tempfile.mkdtemp(prefix='bench-')}/bench.sqlite3"
        prepare(database_url)
        # Kept: another checkout can be timed on the same data with --database-url.
        print(f"database: {database_url}")
    pages = {"healthz": "/healthz", **demo_urls(database_url)}
    server = subprocess.Popen(
        server_command(options.server, options.port),
        cwd=ROOT,
        env=server_environment(database_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    worker = None
    if options.pdf and server_environment(database_url)["TASKS_BACKEND"] == "database":
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
            cwd=ROOT,
            env=server_environment(database_url),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        wait_until_up(options.port)
        cookies = sign_in(options.port, "demo", "demo")
        report(options.server, time_pages(options.port, pages, cookies, options.repeat))
        if options.pdf:
            time_pdf(options.port, pages["results"].replace("results/", "report.pdf"), cookies)
    finally:
        for process in (server, worker):
            if process is not None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)


if __name__ == "__main__":
    main()
