"""gunicorn's settings for `make serve`, read from the environment.

    BIND                 address:port to listen on (default 127.0.0.1:8000)
    WEB_CONCURRENCY      worker processes (default: 2 per CPU core + 1)
    GUNICORN_THREADS     threads per worker (default 2)
    GUNICORN_TIMEOUT     seconds before a stuck worker is restarted (default 30)
    ACCESS_LOG           1 to log every request to standard output

Workers are processes, each with its own Python interpreter: pages are
mostly Python work, so processes, not threads, use the cores. A couple of
threads per worker keep a core busy while another request waits on
PostgreSQL. Every thread holds its own database connection (kept for
CONN_MAX_AGE), so one server opens up to workers x threads connections.
"""

import multiprocessing
import os


def _whole_number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"{name} must be a whole number of 1 or more, not {value!r}.")
    return int(value)


bind = os.environ.get("BIND", "").strip() or "127.0.0.1:8000"
workers = _whole_number("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1)
threads = _whole_number("GUNICORN_THREADS", 2)
worker_class = "gthread"
timeout = _whole_number("GUNICORN_TIMEOUT", 30)
# PDFs no longer hold a request: a request that takes this long is stuck.
graceful_timeout = 20
# A worker is replaced after this many requests (with jitter, not all at
# once), so that a slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
# Load the app once in the master, then fork: workers start fast and share
# the imported code's memory.
preload_app = True
accesslog = "-" if os.environ.get("ACCESS_LOG", "") in {"1", "true", "yes"} else None
errorlog = "-"
# gunicorn's control socket is one path per user: two servers on one machine
# (make serve beside a benchmark) would fight over it, and nothing uses it.
control_socket_disable = True
