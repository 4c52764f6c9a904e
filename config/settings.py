"""Settings, read from the environment.

Everything has a default that works on a laptop (DEBUG on, SQLite file in the
project folder); production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL.
"""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django
import plotly
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be a boolean (1/0, true/false, yes/no), not {value!r}."
    )


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ImproperlyConfigured(f"{name} must be a whole number of 0 or more, not {value!r}.")
    return number


def env_url(name: str) -> str:
    """An absolute http(s) URL without a trailing slash, or "" when unset."""
    value = os.environ.get(name, "").strip().rstrip("/")
    if value and (not value.startswith(("https://", "http://")) or "/" in value.split("//")[1]):
        raise ImproperlyConfigured(
            f"{name} must be the site's address like https://maturity.example.org "
            f"(scheme and host, no path), not {value!r}."
        )
    return value


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            'python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"
elif not DEBUG and len(SECRET_KEY) < 50:
    # Sessions, password reset links and invitations are signed with it.
    raise ImproperlyConfigured(
        "SECRET_KEY must be at least 50 characters long when DEBUG is off. Generate one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    # Before the admin: its translation admin classes extend Django's.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "capabilities",
    "assessment",
    "reports",
    "accounts",
    "benchmark",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.time_zones.TimeZoneMiddleware",
    # After LocaleMiddleware and the session: the account's language first.
    "accounts.languages.AccountLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.DatabaseBusyMiddleware",
    # Last: it turns a sign-in refused for too many failures into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

# The browser runs and loads only the app's own files: no inline script or
# style, nothing from another site (plotly.js and htmx are served from
# static/), and data: images only for what the pages draw themselves. A user's
# text that slipped through as markup could neither run nor fetch anything.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        # plotly.js clears a few style attributes (setting them to ""): only
        # that empty value, whose hash this is, may be set.
        "style-src-attr 'unsafe-hashes' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"


def database_config() -> dict:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        url = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL Django knows: {error}"
        ) from error
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers run beside a writer; IMMEDIATE takes the write lock
        # when a transaction starts, so two concurrent saves queue up (within
        # the timeout) instead of failing with "database is locked".
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return config


DATABASES = {"default": database_config()}


def cache_config() -> dict:
    """CACHE_URL: locmem:// (the default, one cache per process), db://TABLE
    (the database, shared by every server; `manage.py createcachetable`),
    redis://HOST:PORT/DB or rediss:// (Redis; needs the redis package), or
    dummy:// (no cache)."""
    url = os.environ.get("CACHE_URL", "").strip() or "locmem://"
    scheme, _, rest = url.partition("://")
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest}
    if scheme == "db" and rest:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": rest}
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL must be locmem://, db://TABLE, redis://HOST:PORT/DB or dummy://, not {url!r}."
    )


def release_fingerprint() -> str:
    """A hash of the app's code and templates and of the versions that draw
    its pages: it changes with every release, so that a cache shared by
    several servers never hands HTML or charts drawn by one release to
    another (the keys themselves say only what content was drawn)."""
    digest = hashlib.sha256(f"{django.__version__} {plotly.__version__}".encode())
    for folder in ("accounts", "assessment", "capabilities", "config", "reports", "templates"):
        for path in sorted((BASE_DIR / folder).rglob("*")):
            if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


CACHES = {"default": {**cache_config(), "KEY_PREFIX": release_fingerprint()}}


def tasks_config() -> dict:
    """TASKS_BACKEND: immediate (the default: a task runs inside the request
    that asks for it, no worker needed) or database (queued in the database,
    run by `manage.py db_worker` processes on any machine)."""
    name = os.environ.get("TASKS_BACKEND", "").strip().lower() or "immediate"
    backends = {
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        "database": "django_tasks_db.DatabaseBackend",
    }
    if name not in backends:
        raise ImproperlyConfigured(f"TASKS_BACKEND must be immediate or database, not {name!r}.")
    return {"BACKEND": backends[name]}


TASKS = {"default": tasks_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# English is the base every framework text must have; the framework's texts
# may carry each other language listed here (capabilities/translation.py).
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
# A framework text not yet translated shows in English.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Short dates per language ("7 Dec 2026", "7 déc. 2026"): config/formats/.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
# Self sign-up with email confirmation (/accounts/signup/); 0 for a closed
# deployment where accounts come only by invitation (the login page says which).
SIGNUP_OPEN = env_bool("SIGNUP_OPEN", True)

TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # plotly.js exactly as the installed plotly package ships it, served as
    # static/vendor/plotly/plotly.min.js: never a CDN, never a second copy
    # that could drift from the Python side.
    ("vendor/plotly", Path(plotly.__file__).parent / "package_data"),
]
# Files the app makes (the PDF reports), never served from here directly: the
# report view checks access and reads them through the storage API. Any
# Django storage backend (a bucket, a shared volume) by FILE_STORAGE_BACKEND.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "") or BASE_DIR / "media")
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("FILE_STORAGE_BACKEND", "").strip()
        or "django.core.files.storage.FileSystemStorage"
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    # Token first: a request without credentials is then 401 with
    # "WWW-Authenticate: Token", as clients expect; the pages' session
    # (with CSRF) signs in too.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "config.api_schema.ApiSchema",
    "EXCEPTION_HANDLER": "config.api_errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": ["config.api_parsers.LimitedJSONParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ML maturity API",
    "DESCRIPTION": "Assess the machine-learning maturity of a statistical office.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the sidecar package, served from static: works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Deep links put a link inside each operation's toggle button, an
    # interactive control inside another that assistive technology cannot
    # reach (WCAG 4.1.2).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    # The one PATCH (saving many answers) is not a partial update: its list
    # is required, so no "Patched" component with every field optional.
    "COMPONENT_SPLIT_PATCH": False,
}

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for
# one username, or from one address, that username or address is refused for
# LOCKOUT_HOURS, on the sign-in page and on /api/token/ alike. An administrator
# unlocks earlier in admin (Axes > Access attempts) or with
# `manage.py axes_reset_username USERNAME` / `axes_reset_ip ADDRESS`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
# The benchmark shows no figure for a peer group of fewer contributing
# organisations than this, and never splits contributors into pieces smaller
# than this (README, "Benchmark"). Below 2 a figure would be one office's own.
BENCHMARK_MIN_GROUP = env_int("BENCHMARK_MIN_GROUP", 5)
if BENCHMARK_MIN_GROUP < 2:
    raise ImproperlyConfigured("BENCHMARK_MIN_GROUP must be 2 or more.")

AXES_FAILURE_LIMIT = env_int("LOCKOUT_FAILURES", 10)
AXES_COOLOFF_TIME = timedelta(hours=env_int("LOCKOUT_HOURS", 1)) or None
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each counted on its own
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
# Successful sign-ins are in Django's own last_login; keep only the failures.
AXES_DISABLE_ACCESS_LOG = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# The site's public address (https://maturity.example.org): links in email
# (invitations) are built from it, not from whatever Host a request carried.
SITE_URL = env_url("SITE_URL")

# Behind an HTTPS reverse proxy. Opt-in, with the name of the header the proxy
# sets (and overwrites) to "https", e.g. X-Forwarded-Proto: trusting a header
# that a client can send itself would let anyone claim HTTPS.
_proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
# With a proxy the browser's Origin is https://<public host>; Django compares it
# with what it sees. Origins listed here (or SITE_URL's) are accepted for POSTs.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL] if SITE_URL else [])
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# HSTS is remembered by browsers for this long: turn it on once HTTPS works.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [
    # Preloading commits the whole registrable domain to HTTPS in browsers'
    # built-in lists: the domain's owner decides that, not this app.
    "security.W021",
]

# Email: printed to the console unless an SMTP server is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ML maturity <noreply@localhost>")
