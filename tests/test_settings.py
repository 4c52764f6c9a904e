"""config.settings reads the environment and fails clearly on bad values."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS)"
)


def run_python(*args: str, **env) -> subprocess.CompletedProcess:
    """Python in the project folder, with this environment on top of the
    test's own (without its DEBUG and SECRET_KEY), as a fresh start-up."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    clean.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def run_settings(**env) -> subprocess.CompletedProcess:
    return run_python("-c", SHOW, **env)


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


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be a boolean"),
        ("DATABASE_URL", "nosuchdb://x", "DATABASE_URL is not a database URL Django knows"),
        ("SECURE_HSTS_SECONDS", "a year", "SECURE_HSTS_SECONDS must be a whole number"),
        ("SITE_URL", "maturity.example.org", "SITE_URL must be the site's address like https://"),
    ],
)
def test_a_bad_value_is_named(variable, value, message):
    assert message in run_settings(**{variable: value}).stderr


def test_sqlite_file_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    check = (
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); "
        "print(c.fetchone()[0], connection.transaction_mode)"
    )
    result = run_python("-c", check, DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    assert result.stdout.strip() == "wal IMMEDIATE", result.stderr


def test_short_secret_key_is_refused_without_debug():
    result = run_settings(DEBUG="0", SECRET_KEY="x" * 49)
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 characters long when DEBUG is off" in result.stderr


# What the README's "Production behind an HTTPS reverse proxy" example sets.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k7Qe9vZ2mX4pL8sR1tY6wB3nH5jD0cF-aG_uI7oE2yT9rW4qS1xV8zN6mK3bP5hJ",
    "ALLOWED_HOSTS": "maturity.example.org",
    "SITE_URL": "https://maturity.example.org",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
}


def test_deploy_check_is_clean_with_the_documented_production_settings(tmp_path):
    result = run_python(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "WARNING" not in result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_proxy_settings():
    show = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, s.SITE_URL, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    )
    result = run_python("-c", show, **PRODUCTION)
    assert result.stdout.strip() == (
        "('HTTP_X_FORWARDED_PROTO', 'https') ['https://maturity.example.org'] "
        "https://maturity.example.org True 31536000"
    ), result.stderr
