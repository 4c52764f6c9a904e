"""config.settings reads the environment and fails clearly on bad values."""

import os
import subprocess
import sys

from django.conf import settings

SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS)"
)


def run_settings(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    clean.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_defaults_work_on_a_laptop():
    result = run_settings(DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True django.db.backends.sqlite3")


def test_secret_key_is_required_without_debug():
    result = run_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_settings():
    result = run_settings(
        DEBUG="false",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="maturity.example.org, other.example.org",
        DATABASE_URL="postgres://user@db.example.org:5432/maturity",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "False django.db.backends.postgresql ['maturity.example.org', 'other.example.org']"
    )


def test_bad_boolean_is_named():
    result = run_settings(DEBUG="maybe")
    assert "DEBUG must be a boolean" in result.stderr


def test_bad_database_url_is_named():
    result = run_settings(DATABASE_URL="nosuchdb://x")
    assert "DATABASE_URL is not a database URL Django knows" in result.stderr


def test_sqlite_file_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    check = (
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); "
        "print(c.fetchone()[0], connection.transaction_mode)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "wal IMMEDIATE", result.stderr
