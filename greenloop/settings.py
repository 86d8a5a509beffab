"""Django settings for greenloop.

Everything that differs between machines comes from the environment:

- ``DATABASE_URL``: ``sqlite:///path`` or ``postgres://user@host:port/db``; default is
  an SQLite file under the var directory.
- ``GREENLOOP_VAR_DIR`` (default ``./var``): SQLite file, generated secret key, uploads.
- ``GREENLOOP_DEPLOYMENT``: ``local`` (default, plain HTTP on a laptop) or ``production``
  (secure cookies, HSTS, HTTPS redirect, manifest static files).
- ``GREENLOOP_SECRET_KEY``, ``GREENLOOP_ALLOWED_HOSTS``, ``GREENLOOP_DEBUG``,
  ``GREENLOOP_SECURE_COOKIES``, ``GREENLOOP_HSTS_SECONDS``, ``GREENLOOP_SSL_REDIRECT``,
  ``GREENLOOP_CSRF_TRUSTED_ORIGINS``, ``GREENLOOP_STATIC_ROOT``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from greenloop.core.secret import load_or_create_secret_key

BASE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


VAR_DIR = Path(os.environ.get("GREENLOOP_VAR_DIR", "var")).resolve()
DEPLOYMENT = os.environ.get("GREENLOOP_DEPLOYMENT", "local").strip().lower()
if DEPLOYMENT not in {"local", "production"}:
    raise RuntimeError(f"GREENLOOP_DEPLOYMENT must be 'local' or 'production', not {DEPLOYMENT!r}")
PRODUCTION = DEPLOYMENT == "production"

DEBUG = _env_bool("GREENLOOP_DEBUG", False)
SECRET_KEY = os.environ.get("GREENLOOP_SECRET_KEY") or load_or_create_secret_key(VAR_DIR)
ALLOWED_HOSTS = _env_list("GREENLOOP_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = _env_list("GREENLOOP_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # First: the shell's registration/* templates and translations win over the admin's.
    "greenloop.web",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "ninja",
    "csp",
    "greenloop.core",
    "greenloop.geo",
    "greenloop.orgs",
    "greenloop.accounts",
    "greenloop.reports",
    "greenloop.policy",
    "greenloop.monitoring",
    "greenloop.carbon",
    "greenloop.markets",
    "greenloop.enterprise",
    "greenloop.registry",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "greenloop.accounts.middleware.AuditContextMiddleware",
    "greenloop.accounts.middleware.OneTimePasswordMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "greenloop.urls"
WSGI_APPLICATION = "greenloop.wsgi.application"
ASGI_APPLICATION = "greenloop.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "greenloop.web.context.shell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'greenloop.sqlite3'}",
        conn_max_age=int(os.environ.get("GREENLOOP_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Wait for a writer instead of failing at once when two requests write together.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "greenloop.accounts.validators.CharacterClassesValidator"},
]
# A session lasts a working day at most and ends when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("GREENLOOP_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Failed logins: after 5 failures for one user name from one address, that pair is locked
# for 15 minutes (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("GREENLOOP_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS: list[Path] = []
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("GREENLOOP_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "uploads"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing root
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Locally the app serves its static files straight from the package; in production they
# are collected (``greenloop collectstatic``) and served with far-future cache headers.
WHITENOISE_USE_FINDERS = not PRODUCTION

# Security. Production defaults are strict; each can be relaxed through the environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _env_bool("GREENLOOP_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(
    os.environ.get("GREENLOOP_HSTS_SECONDS", str(31_536_000 if PRODUCTION else 0))
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = _env_bool("GREENLOOP_HSTS_PRELOAD", PRODUCTION)
SECURE_SSL_REDIRECT = _env_bool("GREENLOOP_SSL_REDIRECT", PRODUCTION)
if _env_bool("GREENLOOP_BEHIND_PROXY", PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: nothing but this origin, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GREENLOOP_LOG_LEVEL", "WARNING")},
}

# The province this deployment serves (its region code); other provinces load their own data.
GREENLOOP_PROVINCE = os.environ.get("GREENLOOP_PROVINCE", "630000")
# Background jobs: "thread" (in the web process, no broker), "worker" (`greenloop worker`
# processes take queued jobs from the database) or "inline" (run in the caller).
GREENLOOP_JOB_RUNNER = os.environ.get("GREENLOOP_JOB_RUNNER", "thread")

# API paging: bounded so that no request can ask the database for an absurd window.
NINJA_PAGINATION_CLASS = "greenloop.core.pagination.BoundedPagination"
